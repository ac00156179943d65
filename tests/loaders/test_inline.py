"""Numbered task lists with inline attributions: every form seen in real plans, read into rows."""

from __future__ import annotations

import pytest

from policykg import sample_paths
from policykg.loaders import parse_text
from policykg.loaders.attribution import parse_attribution
from policykg.loaders.inline import list_number, read_inline_list

FORMS = [
    # (attribution text inside its brackets, lead, responsible, deadline_raw)
    ("牵头单位：市发改委；责任单位：市财政局、市税务局；完成时限：2021年6月底",
     ["市发改委"], ["市财政局、市税务局"], "2021年6月底"),
    ("牵头单位:区政府办公室,责任单位:区政府有关部门", ["区政府办公室"], ["区政府有关部门"], None),
    ("牵头单位：市商务局，配合单位：市发改委、泉州海关", ["市商务局"], ["市发改委、泉州海关"], None),
    ("市政府办公室、市审改办牵头，市级各有关部门按职责分工负责", ["市政府办公室、市审改办"], ["市级各有关部门"], None),
    ("市住建局牵头，6月底完成", ["市住建局"], [], "6月底"),
    ("市发改委牵头", ["市发改委"], [], None),
    ("牽頭單位：市發改委；責任單位：市財政局；完成時限：2021年6月底", ["市發改委"], ["市財政局"], "2021年6月底"),
    ("责任单位：市市场监管局（牵头）、市公安局", ["市市场监管局"], ["市公安局"], None),
    ("牵头单位：县发改局（大数据局）；责任单位：县财政局", ["县发改局（大数据局）"], ["县财政局"], None),
]


@pytest.mark.parametrize("content, lead, responsible, deadline", FORMS)
def test_attribution_forms(content, lead, responsible, deadline):
    a = parse_attribution(content)
    assert (a.lead, a.responsible, a.deadline) == (lead, responsible, deadline)


@pytest.mark.parametrize("content", ["含信用办、大数据局", "泉港委办〔2020〕14号", "2021年版", "见附件1", "县发改局（大数据局）"])
def test_parentheticals_that_are_not_attributions(content):
    assert parse_attribution(content) is None


def test_list_numbers():
    assert list_number("12.规范中介服务") == ("num_dot", 12, "规范中介服务")
    assert list_number("十二、纳税") == ("cn_dun", 12, "纳税")
    assert list_number("(3)推行") == ("num_paren", 3, "推行")
    assert list_number("第五条 市场主体") == ("article", 5, "市场主体")
    assert list_number("⑶推行")[:2] == ("paren_digit", 3)
    assert list_number("1.5个工作日内办结")[0] is None


PLAN = """2021年某市优化营商环境工作任务清单

一、开办企业
1.压缩企业开办时间。全面推行“一窗通办”。（牵头单位：市市场监管局；责任单位：市公安局、税务局；完成时限：2021年6月底）
2.推行电子营业执照。〔牵头单位:市政府办公室,责任单位:市政府有关部门〕
二、办理建筑许可
3.深化工程建设项目审批制度改革（市政府办公室、市审改办牵头，市级各有关部门按职责分工负责）
4.推进“多测合一”。(市住建局牵头，6月底完成)
5.推进施工图审查改革，实行
联合审图。
（市资规局牵头）
6.推行建筑师负责制试点。
三、纳税
7.推进电子税务局建设。(牽頭單位：市稅務局；責任單位：市財政局；完成時限：9月底)
四、保障措施
（一）加强组织领导。各单位要高度重视。
"""

EXPECTED = [
    # seq, line, indicator, measure, lead, responsible, deadline_raw, deadline
    ("1", 4, "开办企业", "压缩企业开办时间。全面推行“一窗通办”。", ("市市场监管局",), ("市公安局", "市税务局"),
     "2021年6月底", "2021-06-30"),
    ("2", 5, "开办企业", "推行电子营业执照。", ("市政府办公室",), ("市政府有关部门",), None, None),
    ("3", 7, "办理建筑许可", "深化工程建设项目审批制度改革", ("市政府办公室", "市审改办"), ("市级各有关部门",), None, None),
    ("4", 8, "办理建筑许可", "推进“多测合一”。", ("市住建局",), (), "6月底", "2021-06-30"),
    ("5", 9, "办理建筑许可", "推进施工图审查改革，实行联合审图。", ("市资规局",), (), None, None),
    ("7", 14, "纳税", "推进电子税务局建设。", ("市稅務局",), ("市財政局",), "9月底", "2021-09-30"),
]


def test_inline_list_rows():
    result = parse_text(PLAN, "plan.txt")
    assert result.document.layout == "inline-list"
    assert result.document.plan_year == 2021
    got = [(r.seq, r.line, r.indicator, r.measure, r.lead, r.responsible, r.deadline_raw, r.deadline) for r in result.rows]
    assert got == EXPECTED
    assert result.problems == []
    # a numbered task naming no unit does not take its neighbour's (no merged cells in a list): a reject
    assert [(r.line, r.seq, r.reason) for r in result.rejects] == [(12, "6", "reject_no_units")]
    # the 保障措施 section names no units: context, not rows
    assert "加强组织领导" in result.document.context


def test_heading_attribution_applies_to_its_tasks():
    lines = ["（一）优化开办企业服务（牵头单位：市市场监管局）", "1.压缩开办时间。", "2.推行电子执照。（市税务局牵头）",
             "（二）优化纳税服务", "3.推进电子税务局。（市税务局牵头）"]
    assembled, _ = read_inline_list(lines, "x.txt", 2021)
    assert [(r.seq, r.indicator_raw, r.lead) for r in assembled.rows] == [
        ("1", "优化开办企业服务", ("市市场监管局",)), ("2", "优化开办企业服务", ("市税务局",)),
        ("3", "优化纳税服务", ("市税务局",))]
    assert "inline_attribution_from_heading:优化开办企业服务" in assembled.rows[0].warnings


def test_state_council_style_tasks_numbered_with_chinese_ordinals():
    lines = ["一、持续提升投资建设便利度",
             "（一）优化再造投资项目前期审批流程。从办成项目前期“一件事”出发。（国家发展改革委牵头，各地区、各部门按职责分工负责）",
             "（二）进一步提升工程建设项目审批效率。（住房城乡建设部牵头）",
             "二、进一步简化企业生产经营审批和条件",
             "（三）降低市场准入门槛。（市场监管总局、商务部按职责分工负责）"]
    assembled, _ = read_inline_list(lines, "x.txt", 2020)
    assert [(r.seq, r.indicator_raw, r.lead, r.responsible) for r in assembled.rows] == [
        ("（一）", "持续提升投资建设便利度", ("国家发展改革委",), ("各地区", "各部门")),
        ("（二）", "持续提升投资建设便利度", ("住房城乡建设部",), ()),
        ("（三）", "进一步简化企业生产经营审批和条件", (), ("市场监管总局", "商务部")),
    ]


def test_unbracketed_attribution_lines():
    lines = ["1.推进政务服务“一网通办”。", "牵头单位：市数字办", "责任单位：市直各部门", "完成时限：2021年底"]
    assembled, _ = read_inline_list(lines, "x.txt", 2021)
    row = assembled.rows[0]
    assert (row.measure, row.lead, row.responsible, row.deadline) == (
        "推进政务服务“一网通办”。", ("市数字办",), ("市直各部门",), "2021-12-31")


def test_prose_list_without_units_gives_no_rows():
    """Sample 004's prose section numbers its tasks but names no units: not a source of rows."""
    path = next(p for p in sample_paths() if p.name.startswith("004"))
    lines = path.read_text(encoding="utf-8").split("\n")
    prose = lines[: lines.index(" 附件")]
    assert read_inline_list(prose, "004.txt", 2020) is None
    result = parse_text("\n".join(prose), "004.txt")
    assert result.rows == [] and result.problems == ["doc_no_table"]
