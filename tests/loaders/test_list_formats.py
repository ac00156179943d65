"""The list, article, bulletin and flattened-table layouts read the same from Word and HTML as from text.

The loaders keep one path from blocks to rows (`policykg.loaders.compose`): a Word or
HTML document's paragraphs are read like the lines of a text extraction. Each layout
case (``cases/``) is written as Word paragraphs and as an HTML page of ``<p>``
elements, and must give the rows the text gives.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from policykg.loaders import parse_text, read_document

CASES = Path(__file__).parent / "cases"
# the cases a later issue added for lists and flattened tables (a file cut off mid-line has no Word form)
LIST_CASES = sorted(p for p in CASES.iterdir() if p.is_dir() and (p / "expected.json").exists()
                    and '"layout": "inline-list"' in (p / "expected.json").read_text(encoding="utf-8")
                    or p.name in ("cell_per_line_minsheng_header", "cell_per_line_progress_column", "cells_run_together",
                                  "pipe_table_continuation_rows"))


def _rows(result):
    return [(r.seq, r.measure, r.lead, r.responsible, r.deadline, r.leaders) for r in result.rows]


@pytest.mark.parametrize("case", LIST_CASES, ids=[c.name for c in LIST_CASES])
def test_word_and_html_give_the_rows_text_gives(case: Path, tmp_path: Path):
    import docx

    text = (case / "input.txt").read_text(encoding="utf-8")
    if not text.endswith("\n"):
        pytest.skip("cut off mid-line: only a text file can end that way")
    expected = _rows(parse_text(text, "input.txt"))
    assert expected
    lines = text.rstrip("\n").split("\n")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    word = tmp_path / "plan.docx"
    document.save(word)
    assert _rows(read_document(word)) == expected
    page = tmp_path / "plan.html"
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    assert _rows(read_document(page)) == expected
