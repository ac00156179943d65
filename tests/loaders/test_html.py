"""HTML pages: `<table>` task tables (rowspan / colspan), numbered paragraphs, declared charsets."""

from __future__ import annotations

from policykg.loaders import read_document
from policykg.loaders.html_reader import declared_charset

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>页面</title></head>
<body>
<p>2021年某市优化营商环境任务分工表</p>
<table border="1">
<tr><th rowspan="2">序号</th><th rowspan="2">具体措施</th><th colspan="2">责任单位</th><th rowspan="2">完成时限</th></tr>
<tr><th>牵头单位</th><th>配合单位</th></tr>
<tr><td colspan="5">一、开办企业</td></tr>
<tr><td>1</td><td>压缩开办时间，<br>实现一日办结。</td>\
<td rowspan="2">市市场监管局</td><td rowspan="2">市税务局</td><td>6月底</td></tr>
<tr><td>2</td><td>推行电子营业执照。</td><td>9月底</td></tr>
<tr><td colspan="5">二、纳税</td></tr>
<tr><td>3</td><td>推进电子税务局建设。</td><td>市税务局</td><td></td><td>年底</td></tr>
</table>
<p>说明：各县（市、区）人民政府均为各项任务的责任单位。</p>
</body></html>
"""


def test_html_table_with_spans_and_declared_charset(tmp_path):
    path = tmp_path / "plan.html"
    path.write_bytes(PAGE.encode("gb18030"))
    result = read_document(path)
    assert [(r.seq, r.line, r.indicator, r.measure, r.lead, r.responsible, r.deadline) for r in result.rows] == [
        ("1", 9, "开办企业", "压缩开办时间，实现一日办结。", ("市市场监管局",), ("市税务局",), "2021-06-30"),
        ("2", 10, "开办企业", "推行电子营业执照。", ("市市场监管局",), ("市税务局",), "2021-09-30"),
        ("3", 12, "纳税", "推进电子税务局建设。", ("市税务局",), (), "2021-12-31"),
    ]
    assert result.document.title == "2021年某市优化营商环境任务分工表"
    assert result.document.responsible_all == ("各县（市、区）人民政府",)
    assert result.problems == ["doc_encoding:gb18030"]
    assert declared_charset(PAGE.encode("gb18030")) == "gb18030"


def test_html_paragraph_list_with_breaks_and_wrapped_source(tmp_path):
    """Tasks separated by <br>, source lines wrapped inside Chinese words (Word's web pages)."""
    page = ("<html><body><div>2021年某区重点任务</div>\n<div>一、开办企业<br>1.压缩开办时间。（牵头单位：区市场监\n"
            "管局；完成时限：6月底）<br>\n2.推行电子执照。（区数字办牵头）</div></body></html>")
    path = tmp_path / "list.htm"
    path.write_text(page, encoding="utf-8")
    result = read_document(path)
    assert result.document.layout == "inline-list"
    assert [(r.seq, r.line, r.indicator, r.measure, r.lead, r.deadline) for r in result.rows] == [
        ("1", 2, "开办企业", "压缩开办时间。", ("区市场监管局",), "2021-06-30"),
        ("2", 4, "开办企业", "推行电子执照。", ("区数字办",), None),
    ]


def test_minified_page_numbers_rows_by_order(tmp_path):
    page = PAGE.replace("\n", "")
    path = tmp_path / "min.html"
    path.write_text(page.replace("charset=gb2312", "charset=utf-8"), encoding="utf-8")
    result = read_document(path)
    assert [r.seq for r in result.rows] == ["1", "2", "3"]
    assert len({r.line for r in result.rows}) == 3
    assert "html_lines_ordinal" in result.problems
