"""The public surface, pinned: what `import policykg` and its loaders offer."""

from __future__ import annotations

import policykg
import policykg.loaders
import policykg.records


def test_root_exports():
    assert sorted(policykg.__all__) == sorted([
        "Row", "Document", "Reject", "Agency", "LoadResult", "PolicyKGError", "sample_paths", "__version__",
    ])


def test_loader_exports():
    assert sorted(policykg.loaders.__all__) == [
        "iter_documents", "load_corpus", "parse_text", "read_document", "read_documents",
    ]


def test_row_has_exactly_the_reading_rules_fields():
    assert policykg.records.ROW_FIELDS == (
        "source", "seq", "indicator_raw", "indicator", "item", "measure", "lead", "responsible",
        "deadline_raw", "deadline", "remark", "line", "warnings", "leaders",
        # filled in after reading where the document prints no indicator (policykg.loaders.indicator_inference)
        "indicator_inferred", "indicator_confidence", "indicator_evidence", "indicator_inferred_by",
    )


def test_samples_are_bundled():
    names = [p.name for p in policykg.sample_paths()]
    assert len(names) == 5 and all(n.endswith(".txt") for n in names)
