"""Word documents: the samples' tables rendered as .docx with merged cells read back into the same rows."""

from __future__ import annotations

import docx
import pytest
from docx.table import _Cell

from policykg import sample_paths
from policykg.loaders import read_document
from tests.support.document_formats import RENDERERS, Spec, Table, render_docx, sample_spec

FIELDS = ("seq", "indicator_raw", "indicator", "item", "measure", "lead", "responsible", "deadline_raw", "deadline",
          "remark")
FACTS = ("title", "issuer", "doc_number", "issue_date", "plan_year", "jurisdiction", "parent", "responsible_all")


def fields(rows):
    return [tuple(getattr(r, f) for f in FIELDS) for r in rows]


@pytest.fixture(scope="module")
def samples():
    return {p: read_document(p) for p in sample_paths()}


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
@pytest.mark.parametrize("index", range(5))
def test_same_rows_whatever_the_format(samples, tmp_path, suffix, index):
    """Each sample's table as .docx / .xlsx / .csv / .html (merged continuation cells) gives the text's rows."""
    path = sample_paths()[index]
    text = samples[path]
    result = read_document(RENDERERS[suffix](sample_spec(path), tmp_path / (path.stem + suffix)))
    assert fields(result.rows) == fields(text.rows)
    assert result.rejects == [] and result.problems == []
    assert {f: getattr(result.document, f) for f in FACTS} == {f: getattr(text.document, f) for f in FACTS}
    assert len({r.line for r in result.rows}) == len(result.rows)


def test_vertical_merges_are_empty_continuation_cells(tmp_path):
    spec = Spec(["2021年某县任务分工表", Table(
        ["序号", "指标", "具体措施", "牵头单位", "责任单位", "完成时限"],
        [("row", ["1", "一、开办企业", "压缩开办时间。", "县市场监管局", "县税务局", "6月底"]),
         ("row", ["2", "", "推行电子执照。", "", "", ""]),
         ("section", ["二、纳税"]),
         ("row", ["3", "", "推进电子税务局。", "县税务局", "", "9月底"])])])
    path = render_docx(spec, tmp_path / "t.docx")
    table = docx.Document(str(path)).tables[0]
    tcs = table._tbl.tr_lst[2].tc_lst
    assert _Cell(tcs[1], table).text == ""  # python-docx keeps the continuation cell ...
    assert tcs[1].vMerge == "continue"  # ... as a vMerge continuation
    rows = read_document(path).rows
    assert [(r.seq, r.indicator, r.lead, r.responsible, r.deadline, r.line) for r in rows] == [
        ("1", "开办企业", ("县市场监管局",), ("县税务局",), "2021-06-30", 3),
        ("2", "开办企业", ("县市场监管局",), ("县税务局",), "2021-06-30", 4),
        ("3", "纳税", ("县税务局",), (), "2021-09-30", 6),
    ]


def test_header_spans_and_two_row_header(tmp_path):
    """责任单位 over 牵头 | 配合 (gridSpan + second header row), 序号 merged over both header rows."""
    document = docx.Document()
    document.add_paragraph("2022年某区营商环境任务清单")
    table = document.add_table(rows=4, cols=5)
    cells = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for c, label in enumerate(["序号", "工作任务", "责任单位", "", "完成时限"]):
        cells[0][c].text = label
    cells[1][2].text, cells[1][3].text = "牵头单位", "配合单位"
    for r, row in enumerate([["1", "推进不动产登记“一窗受理”。", "区资源局", "区税务局、区住建局", "2022年6月底"],
                             ["2", "推行电子证照。", "区数字办", "区直各部门", "年底"]], start=2):
        for c, text in enumerate(row):
            cells[r][c].text = text
    for c in (0, 1, 4):
        cells[0][c].merge(cells[1][c])
    cells[0][2].merge(cells[0][3])
    path = tmp_path / "two.docx"
    document.save(str(path))
    result = read_document(path)
    assert [(r.seq, r.measure, r.lead, r.responsible, r.deadline, r.line) for r in result.rows] == [
        ("1", "推进不动产登记“一窗受理”。", ("区资源局",), ("区税务局", "区住建局"), "2022-06-30", 4),
        ("2", "推行电子证照。", ("区数字办",), ("区直各部门",), "2022-12-31", 5),
    ]
    assert result.document.title == "2022年某区营商环境任务清单"


def test_automatic_numbers_and_inline_attributions(tmp_path):
    """A list numbered by Word (style List Number) with attributions; line = paragraph ordinal."""
    document = docx.Document()
    document.add_paragraph("2021年某市优化营商环境重点任务")
    document.add_paragraph("一、开办企业")
    document.add_paragraph("压缩开办时间。（牵头单位：市市场监管局；责任单位：市公安局、税务局；完成时限：2021年6月底）",
                           style="List Number")
    document.add_paragraph("推行电子执照。（市政务服务中心牵头）", style="List Number")
    document.add_paragraph("二、纳税")
    document.add_paragraph("推进电子税务局建设。（市税务局牵头，6月底完成）", style="List Number")
    path = tmp_path / "list.docx"
    document.save(str(path))
    result = read_document(path)
    assert result.document.layout == "inline-list"
    assert [(r.seq, r.line, r.indicator, r.measure, r.lead, r.responsible, r.deadline) for r in result.rows] == [
        ("1", 3, "开办企业", "压缩开办时间。", ("市市场监管局",), ("市公安局", "市税务局"), "2021-06-30"),
        ("2", 4, "开办企业", "推行电子执照。", ("市政务服务中心",), (), None),
        ("3", 6, "纳税", "推进电子税务局建设。", ("市税务局",), (), "2021-06-30"),
    ]
