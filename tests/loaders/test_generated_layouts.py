"""Property-based tests: unseen variants of each layout give their rows back.

A hypothesis strategy draws task rows (other jurisdictions' names, indicators,
items, deadlines), then renders them the ways real documents are written: TAB
lines with repeated headers, merged (empty) cells and HTML fragments; one cell
per line with cells and names broken over lines and extra blank lines; rows
reordered or dropped; elided 市/县/区 prefixes in unit lists. Reading the
rendered text must give back every row with its fields.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders import parse_text
from policykg.loaders.deadlines import parse_deadline

PLACES = [("福清市", "市"), ("罗源县", "县"), ("泉港区", "区"), ("昆山市", "市"), ("江宁区", "区"), ("长兴县", "县"),
          ("晋江市", "市")]
BODIES = ["公安局", "税务局", "人社局", "医保局", "市场监管局", "发改局", "财政局", "住建局", "自然资源局", "司法局",
          "商务局", "工信局", "城管局", "交通运输局", "卫健局", "教育局", "民政局", "法院", "检察院", "行政服务中心管委会",
          "大数据中心", "金融办", "人防办", "数字办", "生态环境局", "应急管理局", "文旅局", "农业农村局", "水利局"]
OWN = ["人民银行{short}支行", "国网{short}供电公司", "{short}海关", "{short}银保监组"]
COLLECTIVES = ["各有关单位", "各相关部门", "各乡镇政府"]
INDICATORS = ["开办企业", "办理建筑许可", "获得电力", "获得用水用气", "登记财产", "纳税", "跨境贸易", "办理破产",
              "获得信贷", "保护中小投资者", "执行合同", "劳动力市场监管", "政府采购", "招标投标", "政务服务",
              "知识产权创造、保护和运用", "市场监管", "包容普惠创新"]
ALIASES = {"不动产登记": "登记财产", "融资支持": "获得信贷", "就业保障": "劳动力市场监管"}
DEADLINES = ["3月底", "6月底", "9月底", "12月底", "年底", "2022年6月底", "2022 年 12 月底", "持续推进", "长期坚持",
             "根据省级工作进度安排，按时序推进", "11月中旬"]
WORDS = ["推进", "优化", "压缩", "办理", "时限", "环节", "材料", "实现", "全程", "网上", "线上", "审批", "服务", "企业",
         "平台", "数据", "共享", "登记", "监管", "机制", "完善", "建立", "提升", "便利", "改革", "试点", "推广", "开展"]
ORDINALS = "一二三四五六七八九十"
# More examples for a deeper search: POLICYKG_EXAMPLES=1000 python -m pytest tests/loaders/test_generated_layouts.py
EXAMPLES = int(os.environ.get("POLICYKG_EXAMPLES", "60"))


@dataclass
class Task:
    indicator: str  # as printed (may be an alias)
    item: str
    measure: str
    lead: list[str]  # full names
    responsible: list[str]
    deadline: str


def _sentence(draw, lo=8, hi=40) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=lo // 2, max_size=hi // 2))
    return "".join(words) + "。"


@st.composite
def documents(draw):
    place, prefix = draw(st.sampled_from(PLACES))
    short = place[:-1]
    n = draw(st.integers(min_value=2, max_value=14))
    tasks: list[Task] = []
    indicator = draw(st.sampled_from(INDICATORS + list(ALIASES)))
    for _ in range(n):
        if draw(st.integers(0, 3)) == 0:
            indicator = draw(st.sampled_from(INDICATORS + list(ALIASES)))
        item = _sentence(draw, 6, 16).rstrip("。")
        measure = _sentence(draw, 20, 60) + _sentence(draw, 10, 30)
        lead_bodies = draw(st.lists(st.sampled_from(BODIES), min_size=1, max_size=3, unique=True))
        lead = [prefix + b for b in lead_bodies]
        resp_bodies = draw(st.lists(st.sampled_from(BODIES), min_size=0, max_size=5, unique=True))
        responsible = [prefix + b for b in resp_bodies if prefix + b not in lead]
        if draw(st.booleans()):
            responsible.append(draw(st.sampled_from(OWN)).format(short=short))
        if draw(st.integers(0, 5)) == 0:
            responsible.append(draw(st.sampled_from(COLLECTIVES)))
        tasks.append(Task(indicator, item, measure, lead, responsible, draw(st.sampled_from(DEADLINES))))
    return place, prefix, tasks


def _unit_cell(names: list[str], prefix: str, elide: bool, sep: str) -> str:
    """Write names as a document would: later bare bodies may drop the prefix (rule 4)."""
    out = []
    seen_prefix = False
    for name in names:
        if elide and seen_prefix and name.startswith(prefix) and name[1:] in BODIES:
            out.append(name[1:])
        else:
            out.append(name)
        seen_prefix = seen_prefix or name.startswith(prefix)
    return sep.join(out)


def _wrap_inside(text: str, draw) -> str:
    """Break a text over lines at a point inside a word (never right after a unit suffix)."""
    if len(text) < 4 or not draw(st.booleans()):
        return text
    cut = draw(st.integers(min_value=2, max_value=len(text) - 2))
    if text[cut - 1] in "局办委院会心司部处站所队行组":
        return text
    return text[:cut] + "\n" + text[cut:]


def _expected(tasks: list[Task], plan_year: int):
    return [
        dict(
            seq=str(i + 1),
            indicator=ALIASES.get(t.indicator, t.indicator),
            lead=tuple(t.lead),
            responsible=tuple(t.responsible),
            deadline=parse_deadline(t.deadline.replace(" ", ""), plan_year)[0],
        )
        for i, t in enumerate(tasks)
    ]


def _actual(result, with_seq=True):
    return [
        dict(seq=r.seq, indicator=r.indicator, lead=r.lead, responsible=r.responsible, deadline=r.deadline)
        for r in result.rows
    ]


def _merge_plan(tasks: list[Task]):
    """Which cells a Word table would merge: same indicator / same lead (and responsible) as the row above."""
    plan = []
    for i, t in enumerate(tasks):
        prev = tasks[i - 1] if i else None
        same_ind = prev is not None and prev.indicator == t.indicator
        same_lead = prev is not None and prev.lead == t.lead
        blank_resp = same_lead and prev.responsible == t.responsible
        # a blank lead with a blank responsible cell means "both as above": never write it otherwise
        blank_lead = same_lead and (blank_resp or bool(t.responsible))
        plan.append((same_ind, blank_lead, blank_resp and blank_lead))
    return plan


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_tab_lines_layout(doc, data):
    place, prefix, tasks = doc
    draw = data.draw
    header = "序号\t指标名称\t改革事项\t具体措施\t牵头单位\t责任单位\t完成时限"
    lines = [f"2021年{place}优化营商环境任务清单", "", header]
    for i, (t, (same_ind, blank_lead, blank_resp)) in enumerate(zip(tasks, _merge_plan(tasks))):
        if i and draw(st.integers(0, 6)) == 0:
            lines += ["", header]  # a page break repeats the header
        if draw(st.integers(0, 8)) == 0:
            lines.append("")
        measure = f"<p>{t.measure}</p>" if draw(st.integers(0, 4)) == 0 else t.measure
        elide = draw(st.booleans())
        sep = draw(st.sampled_from(["、", "，", ","]))
        cells = [
            str(i + 1),
            "" if same_ind else f"{ORDINALS[i % 10]}、{t.indicator}",
            t.item,
            measure,
            "" if blank_lead else _unit_cell(t.lead, prefix, elide, sep),
            "" if blank_resp else _unit_cell(t.responsible, prefix, elide, sep),
            t.deadline,
        ]
        lines.append("\t".join(cells))
    result = parse_text("\n".join(lines) + "\n", "generated.txt")
    assert result.document.jurisdiction == place
    assert _actual(result) == _expected(tasks, 2021)
    assert [r.item for r in result.rows] == [t.item for t in tasks]
    assert [r.measure for r in result.rows] == [t.measure for t in tasks]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data(), st.booleans())
def test_cell_lines_layout(doc, data, seq_column):
    place, prefix, tasks = doc
    draw = data.draw
    if seq_column:
        labels = ["序号", "工作目标", "具体措施", "牵头部门", "责任单位", "完成时限", "备注"]
    else:
        labels = ["事项名称", "目标任务", "完成时限", "牵头部门", "责任部门"]
    lines = [f" \t2020年{place}优化营商环境工作任务分工表", ""] + ["\t" + label for label in labels] + [""]
    for i, (t, (same_ind, blank_lead, blank_resp)) in enumerate(zip(tasks, _merge_plan(tasks))):
        ind = "" if same_ind else _wrap_inside(f"{ORDINALS[i % 10]}、{t.indicator}", draw)
        measure = _wrap_inside(t.measure, draw)
        sep = draw(st.sampled_from(["、", "\n", "、\n"]))
        lead = "" if blank_lead else _unit_cell(t.lead, prefix, False, sep)
        resp = "" if blank_resp else _unit_cell(t.responsible, prefix, draw(st.booleans()), "、")
        if seq_column:
            cells = [str(i + 1), ind, measure, lead, resp, t.deadline, ""]
        else:
            cells = [ind, f"{i + 1}.{measure}", t.deadline, lead, resp]
        for cell in cells:
            first, *rest = cell.split("\n")
            lines.append("\t" + first)
            lines.extend(rest)
        lines.append("")
        if draw(st.integers(0, 5)) == 0:
            lines.append("")
    result = parse_text("\n".join(lines) + "\n", "generated.txt")
    assert result.document.jurisdiction == place
    assert _actual(result) == _expected(tasks, 2020)
    assert [r.measure for r in result.rows] == [t.measure for t in tasks]


@settings(max_examples=EXAMPLES, deadline=None)
@given(documents(), st.data())
def test_rows_reordered_or_dropped(doc, data):
    """Rows that arrive out of order or with numbers missing are still read, each with its own number."""
    place, prefix, tasks = doc
    numbers = list(range(1, len(tasks) + 1))
    order = data.draw(st.permutations(numbers))
    keep = [n for n in order if data.draw(st.integers(0, 4)) != 0] or order[:1]
    header = "序号\t指标\t具体措施\t牵头部门\t责任单位\t完成时限"
    lines = [header]
    for n in keep:
        t = tasks[n - 1]
        lines.append("\t".join([str(n), t.indicator, t.measure, "、".join(t.lead), "、".join(t.responsible), t.deadline]))
    result = parse_text("\n".join(lines), f"{place}.txt")
    got = {r.seq: (r.lead, r.responsible) for r in result.rows}
    assert got == {str(n): (tuple(tasks[n - 1].lead), tuple(tasks[n - 1].responsible)) for n in keep}
