"""Layout cases: folders of input and expected output (morph-kgc's conformance-case pattern).

Each folder of ``cases/`` holds ``input.txt`` and ``expected.json`` (document facts
and rows, with only the fields the case is about). To add a case, add a folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.loaders import parse_text

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_layout_case(case: Path):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    result = parse_text((case / "input.txt").read_text(encoding="utf-8"), "input.txt")
    document = expected.get("document", {})
    facts = {k: getattr(result.document, k) for k in document}
    assert {k: list(v) if isinstance(v, tuple) else v for k, v in facts.items()} == document
    rows = [
        {k: (list(v) if isinstance(v, tuple) else v) for k, v in r.to_dict().items() if k in expected["fields"]}
        for r in result.rows
    ]
    assert rows == expected["rows"]
    assert [r.to_dict() for r in result.rejects] == expected.get("rejects", [])
