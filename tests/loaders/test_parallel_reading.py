"""Reading with worker processes (`iter_documents`) gives what reading in this process gives, in order."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from policykg import sample_paths
from policykg.errors import InputError
from policykg.loaders import iter_documents, load_corpus, read_documents


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> list[Path]:
    """The samples copied under 5 names each: 25 documents, enough for the worker pool."""
    out = tmp_path_factory.mktemp("many")
    paths = []
    for k in range(5):
        for sample in sample_paths():
            target = out / f"{k}-{Path(sample).name}"
            shutil.copy(sample, target)
            paths.append(target)
    return paths


def test_workers_give_the_same_results_in_order(many):
    alone = [r for r in iter_documents(many, workers=1)]
    pooled = [r for r in iter_documents(many, workers=2)]
    assert [r.document.source for r in pooled] == [p.name for p in many]
    assert pooled == alone


def test_load_corpus_with_workers_equals_without(many):
    assert load_corpus(many, workers=2) == load_corpus(many, workers=1)


def test_unreadable_file_raises_in_its_place(many, tmp_path):
    paths = [*many[:17], tmp_path / "gone.txt", *many[17:]]
    taken = []
    with pytest.raises(InputError, match="gone.txt"):
        for result in iter_documents(paths, workers=2):
            taken.append(result.document.source)
    assert taken == [p.name for p in many[:17]]


def test_unreadable_file_reported_and_skipped(many, tmp_path):
    paths = [*many[:17], tmp_path / "gone.txt", *many[17:]]
    skipped = []
    results = list(iter_documents(paths, workers=2, on_error=lambda path, exc: skipped.append((path.name, str(exc)))))
    assert [name for name, _ in skipped] == ["gone.txt"]
    assert "gone.txt" in skipped[0][1]
    assert len(results) == len(many)


def test_stopping_early_shuts_the_pool_down(many):
    before = set(multiprocessing.active_children())
    results = iter_documents(many, workers=2)
    first = next(results)
    workers = [p for p in multiprocessing.active_children() if p not in before]
    assert len(workers) == 2 and all(p.is_alive() for p in workers)
    results.close()  # cancels what is pending; must not hang
    assert first.document.source == many[0].name
    assert not any(p.is_alive() for p in workers)  # the workers ended with the pool


def test_progress_sees_every_document_in_order(many):
    seen = []
    read_documents(many, progress=lambda i, n, path: seen.append((i, n, path.name)), workers=2)
    assert seen == [(i, len(many), p.name) for i, p in enumerate(many)]


def test_corrections_are_applied_where_the_workers_read(many):
    import csv
    import io

    from policykg.loaders import read_document
    from policykg.loaders.indicator_corrections import CORRECTION_PREFIX, parse_corrections

    target = next(p for p in many[16:] if "003_" in p.name)  # a document read by a worker, not in this process
    row = read_document(target).rows[0]
    assert row.indicator is None and row.indicator_inferred is not None
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerows([["文件", "行号", "具体措施", "校正指标（请填写）"], [target.name, row.line, row.measure, "无"],
                      [target.name, 9999, "这条措施已从文件中删去", "纳税"]])
    corrections = parse_corrections(table.getvalue(), "review.csv")
    pooled = {r.document.source: r for r in iter_documents(many, workers=2, corrections=corrections)}
    corrected = [r for r in pooled[target.name].rows if (r.indicator_inferred_by or "").startswith(CORRECTION_PREFIX)]
    assert [(r.line, r.indicator_inferred, r.indicator_confidence, r.indicator_inferred_by) for r in corrected] == [
        (row.line, None, 1.0, "correction:review.csv")]
    assert pooled[target.name].corrections_not_applied == [f"correction_no_row:review.csv:3|{target.name}|9999"]
    others = [r for name, result in pooled.items() if name != target.name for r in result.rows]
    assert not any((r.indicator_inferred_by or "").startswith(CORRECTION_PREFIX) for r in others)
