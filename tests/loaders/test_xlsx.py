"""Excel and CSV task lists: header found wherever it sits, merged cells honoured, encodings detected."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from policykg.loaders import read_document

HEADER = ["序号", "指标", "具体措施", "牵头单位", "责任单位", "完成时限"]


def _workbook(tmp_path, name="t.xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = "2021年某县优化营商环境任务清单"
    ws.merge_cells("B2:G2")
    for c, label in enumerate(HEADER, start=2):  # the table starts in column B, row 4
        ws.cell(4, c, label)
    rows = [[1, "一、开办企业", "压缩开办时间。", "县市场监管局", "县税务局", dt.datetime(2021, 6, 30)],
            [2, None, "推行电子执照。", None, None, None],
            [3, "二、纳税", "推进电子税务局。", "县税务局", None, "9月底"]]
    for r, row in enumerate(rows, start=5):
        for c, value in enumerate(row, start=2):
            ws.cell(r, c, value)
    for cols in ("C5:C6", "E5:E6", "F5:F6", "G5:G6"):
        ws.merge_cells(cols)
    ws.cell(9, 2, "说明：各乡镇人民政府均为各项任务的责任单位。")
    ws.merge_cells("B9:G9")
    path = tmp_path / name
    wb.save(path)
    return wb, path


def test_xlsx_header_anywhere_merged_cells_dates(tmp_path):
    _, path = _workbook(tmp_path)
    result = read_document(path)
    assert result.document.title == "2021年某县优化营商环境任务清单"
    assert result.document.responsible_all == ("各乡镇人民政府",)
    assert [(r.seq, r.line, r.indicator, r.measure, r.lead, r.responsible, r.deadline_raw, r.deadline)
            for r in result.rows] == [
        ("1", 5, "开办企业", "压缩开办时间。", ("县市场监管局",), ("县税务局",), "2021年6月30日", "2021-06-30"),
        ("2", 6, "开办企业", "推行电子执照。", ("县市场监管局",), ("县税务局",), "2021年6月30日", "2021-06-30"),
        ("3", 7, "纳税", "推进电子税务局。", ("县税务局",), (), "9月底", "2021-09-30"),
    ]


def test_xlsx_several_sheets_keep_lines_unique(tmp_path):
    wb, path = _workbook(tmp_path)
    ws = wb.create_sheet("第二批")
    for c, label in enumerate(HEADER, start=1):
        ws.cell(1, c, label)
    for c, value in enumerate([4, "三、获得电力", "压缩报装时间。", "县供电公司", None, "年底"], start=1):
        ws.cell(2, c, value)
    wb.save(path)
    result = read_document(path)
    assert [(r.seq, r.line) for r in result.rows] == [("1", 5), ("2", 6), ("3", 7), ("4", 11)]
    assert result.problems == ["xlsx_sheet_lines:Sheet 1–9；第二批 10–11"]


CSV_TEXT = (
    "2021年某县任务分工表,,,,,\n"
    + ",".join(HEADER) + "\n"
    "1,一、开办企业,\"压缩开办时间，\n实现一日办结。\",县市场监管局,县税务局、公安局,6月底\n"
    "2,,推行电子执照。,,,\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_encodings(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    result = read_document(path)
    assert [(r.seq, r.line, r.measure, r.lead, r.responsible, r.deadline) for r in result.rows] == [
        ("1", 3, "压缩开办时间，实现一日办结。", ("县市场监管局",), ("县税务局", "县公安局"), "2021-06-30"),
        ("2", 5, "推行电子执照。", ("县市场监管局",), ("县税务局", "县公安局"), "2021-06-30"),
    ]
    assert result.document.title == "2021年某县任务分工表"


def test_csv_encoding_override(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(CSV_TEXT.encode("gb18030"))
    assert len(read_document(path, encoding="gb18030").rows) == 2
    assert read_document(path).problems[0] == "doc_encoding:gb18030"
