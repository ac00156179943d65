"""The reading's messages: every code the loaders record has its texts in the catalogue.

Row warnings, rejects and document problems are stored as codes ("seq_inferred:93") and
rendered by whoever shows them, often in another process than the one that read the
document; so their texts live in `policykg.message_catalogue` (section READING), not in
the modules that record them.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from policykg import sample_paths
from policykg.loaders import parse_text, read_document
from policykg.message_catalogue import MESSAGES, READING

LOADERS = Path(__file__).resolve().parents[2] / "loaders"
CASES = Path(__file__).parent / "cases"
CORPUS = Path(__file__).parent / "real_corpus" / "docs"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(READING))
def test_reading_texts_in_both_languages_with_the_same_values(key):
    entry = READING[key]
    assert set(entry) == {"zh", "en"} and entry["zh"].strip() and entry["en"].strip()
    assert _fields(entry["zh"]) == _fields(entry["en"])


def test_no_loader_registers_texts_of_its_own():
    assert [p.name for p in LOADERS.glob("*.py") if "register(" in p.read_text(encoding="utf-8")] == []


def _codes() -> set[str]:
    results = [read_document(p) for p in sample_paths()]
    results += [read_document(p) for p in sorted(CORPUS.glob("*.txt"))]
    results += [parse_text((c / "input.txt").read_text(encoding="utf-8"), "input.txt") for c in sorted(CASES.iterdir())]
    codes: set[str] = set()
    for result in results:
        codes.update(result.problems)
        codes.update(r.reason for r in result.rejects)
        for row in result.rows:
            codes.update(row.warnings)
    return {code.partition(":")[0] for code in codes}


def test_every_code_recorded_while_reading_has_a_text():
    codes = _codes()
    assert len(codes) >= 15  # the documents read cover most of what a reading records
    assert sorted(code for code in codes if code not in MESSAGES) == []
