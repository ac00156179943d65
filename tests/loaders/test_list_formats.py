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


def test_a_sheet_with_verb_marked_units_and_a_person_column(tmp_path: Path):
    """Excel and CSV cells follow the same rules: "X、Y分别牵头落实" makes both leads, a 责任领导 column holds persons."""
    import openpyxl

    rows = [["序号", "工作任务", "责任单位", "责任领导"],
            [1, "做好金融政策信息公开。", "市金融办、人民银行某市中心支行分别牵头落实", "刘芳"],
            [2, "做好财政政策信息公开。", "市财政局牵头，市税务局配合", "周 强"]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    sheet = tmp_path / "plan.xlsx"
    book.save(sheet)
    csv = tmp_path / "plan.csv"
    csv.write_text("\n".join(",".join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")
    expected = [("1", ("市金融办", "人民银行某市中心支行"), (), ("刘芳",)), ("2", ("市财政局",), ("市税务局",), ("周 强",))]
    for path in (sheet, csv):
        assert [(r.seq, r.lead, r.responsible, r.leaders) for r in read_document(path).rows] == expected
