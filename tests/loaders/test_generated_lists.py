"""Property-based tests: every layout family of the real-layout corpus, rendered with unseen content.

A hypothesis strategy draws tasks (units of other places with elided prefixes,
persons, deadlines), then renders them as each family of
``tests/loaders/real_corpus/LAYOUTS.md`` is written — numbered lists with labelled
attributions in any bracket (A), verb attributions (B), label lines under the task
(C), headings that name the lead with a line closing the group (D), tables
flattened to one cell per line or to " | " rows (E), dash points (F), articles
under chapters, progress bulletins — with numbering styles, restarted numbering,
wrapped lines and traditional script drawn at random. Reading the text must give
back every task with its number, units, deadline and leaders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import opencc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders import parse_text
from policykg.loaders.deadlines import parse_deadline

PREFIXES = ["市", "县", "区", "省"]
BODIES = {
    "市": ["公安局", "税务局", "人社局", "医保局", "市场监管局", "发改委", "财政局", "住建局", "自然资源局", "司法局", "商务局",
          "工信局", "交通运输局", "卫健委", "教育局", "民政局", "金融办", "大数据局", "生态环境局", "应急管理局", "文旅局"],
    "省": ["发展改革委", "财政厅", "商务厅", "工业和信息化厅", "自然资源厅", "住房城乡建设厅", "交通运输厅", "农业农村厅",
          "人力资源社会保障厅", "教育厅", "科技厅", "水利厅", "税务局", "市场监管局", "地方金融监管局"],
}
OWN = ["人民银行{place}中心支行", "国网{place}供电公司", "{place}海关"]
COLLECTIVES = ["各有关单位", "各相关部门", "各乡镇人民政府", "各区县政府"]
PLACES = ["绵阳", "赣州", "洛阳", "柳州", "遵义", "宜宾", "芜湖", "潍坊", "包头", "天水"]
PERSONS = ["陈立新", "王 健", "赵晓东", "刘芳", "周 强"]
DEADLINES = ["6月底前完成", "2023年9月底前完成", "年底前完成", "持续推进", "长期坚持"]
WORDS = ["推进", "优化", "压缩", "办理", "时限", "环节", "材料", "全程", "网上", "审批", "服务", "企业", "平台",
         "数据", "共享", "登记", "监管", "机制", "完善", "建立", "提升", "便利", "改革", "试点", "推广", "开展"]
CN = "一二三四五六七八九十"
# List headings: evaluation indicators as printed (with their canonical name), and themes (no indicator).
HEADINGS = [("开办企业", "开办企业"), ("纳税", "纳税"), ("不动产登记", "登记财产"), ("优化金融环境", "获得信贷"),
            ("获得用水用气", "获得用水用气"), ("提升政务服务水平", None), ("教育", None), ("弘扬传承红色文化", None),
            ("乡村振兴", None), ("组织保障", None), ("民生实事", None)]
T2S = opencc.OpenCC("s2t")  # traditional-script renderings
# More examples for a deeper search: POLICYKG_EXAMPLES=1000 python -m pytest tests/loaders/test_generated_lists.py
EXAMPLES = int(os.environ.get("POLICYKG_EXAMPLES", "40"))


@dataclass
class Task:
    measure: str
    lead: list[str]
    responsible: list[str]
    deadline: str | None
    leaders: list[str] = field(default_factory=list)


def _sentence(draw, lo: int, hi: int) -> str:
    return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi))) + "。"


def _units(draw, prefix: str, lo: int, hi: int) -> list[str]:
    bodies = BODIES["省" if prefix == "省" else "市"]
    return [prefix + b for b in draw(st.lists(st.sampled_from(bodies), min_size=lo, max_size=hi, unique=True))]


@st.composite
def plans(draw, with_deadline: bool = True):
    prefix = draw(st.sampled_from(PREFIXES))
    place = draw(st.sampled_from(PLACES))
    tasks = []
    for _ in range(draw(st.integers(2, 7))):
        lead = _units(draw, prefix, 1, 2)
        responsible = [u for u in _units(draw, prefix, 0, 4) if u not in lead]
        if draw(st.integers(0, 3)) == 0:
            responsible.append(draw(st.sampled_from(OWN)).format(place=place))
        if draw(st.integers(0, 4)) == 0:
            responsible.append(draw(st.sampled_from(COLLECTIVES)))
        deadline = draw(st.sampled_from(DEADLINES)) if with_deadline and draw(st.booleans()) else None
        leaders = [draw(st.sampled_from(PERSONS))] if draw(st.integers(0, 2)) == 0 else []
        tasks.append(Task(_sentence(draw, 4, 12), lead, responsible, deadline, leaders))
    return prefix, tasks


def _list(names: list[str], prefix: str, draw) -> str:
    """A unit list as a document writes it: later bare bodies may drop the shared prefix (rule 4)."""
    elide = draw(st.booleans())
    out = []
    for k, name in enumerate(names):
        bare = name[len(prefix):]
        out.append(bare if elide and k and name.startswith(prefix) and bare in sum(BODIES.values(), []) else name)
    return "、".join(out)


def _expected(tasks: list[Task], seqs: list[str], year: int, leaders: bool = True, lead_known: bool = True) -> list:
    return [(seq, tuple(t.lead) if lead_known else (), tuple(t.responsible if lead_known else t.lead + t.responsible),
             parse_deadline(t.deadline.replace("完成", ""), year)[0] if t.deadline else None,
             tuple(t.leaders) if leaders else ())
            for seq, t in zip(seqs, tasks)]


def _actual(result) -> list:
    return [(r.seq, r.lead, r.responsible, r.deadline, r.leaders) for r in result.rows]


def _traditional(text: str, draw) -> str:
    return T2S.convert(text) if draw(st.integers(0, 4)) == 0 else text


def _expected_script(expected: list, traditional: bool) -> list:
    if not traditional:
        return expected
    convert = T2S.convert
    return [(seq, tuple(map(convert, lead)), tuple(map(convert, resp)), deadline, tuple(map(convert, leaders)))
            for seq, lead, resp, deadline, leaders in expected]


_NUMBERS = {"num_dot": "{n}.", "num_dun": "{n}、", "num_full": "{n}。", "cn_paren": "（{c}）", "cn_half": "({c})"}


def _number(style: str, n: int) -> tuple[str, str]:
    """(printed marker, seq as printed)."""
    printed = _NUMBERS[style].format(n=n, c=CN[n - 1] if n <= 10 else str(n))
    return printed, printed.rstrip(".、。")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_family_a_labelled_brackets(plan, data):
    prefix, tasks = plan
    draw = data.draw
    style = draw(st.sampled_from(list(_NUMBERS)))
    brackets = draw(st.sampled_from(["（）", "()", "〔〕", "【】", "[]"]))
    lead_label = draw(st.sampled_from(["牵头单位", "牵头部门", "主责单位", "牵头责任单位"]))
    resp_label = draw(st.sampled_from(["责任单位", "配合单位", "责任部门", "协办单位"]))
    sep = draw(st.sampled_from(["；", ";", "，", ","]))
    heading, indicator = draw(st.sampled_from(HEADINGS))
    lines = ["2023年优化营商环境重点任务", f"一、{heading}"]
    seqs = []
    for n, t in enumerate(tasks, 1):
        printed, seq = _number(style, n)
        seqs.append(seq)
        inside = f"{lead_label}：{_list(t.lead, prefix, draw)}"
        if t.responsible:
            inside += f"{sep}{resp_label}：{_list(t.responsible, prefix, draw)}"
        if t.deadline:
            inside += f"，{t.deadline}" if t.responsible and draw(st.booleans()) else f"{sep}完成时限：{t.deadline}"
        lines.append(f"{printed}{t.measure}{brackets[0]}{inside}{brackets[1]}")
    text = _traditional("\n".join(lines) + "\n", draw)
    result = parse_text(text, "a.txt")
    assert _actual(result) == _expected_script(_expected(tasks, seqs, 2023, leaders=False), text != "\n".join(lines) + "\n")
    # an indicator heading gives its canonical name; a theme is no indicator
    assert {r.indicator for r in result.rows} == {indicator}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_family_b_verb_attributions(plan, data):
    prefix, tasks = plan
    draw = data.draw
    style = draw(st.sampled_from(list(_NUMBERS)))
    lines = ["2023年政府工作报告重点工作分工", "一、稳定经济增长"]
    seqs, expected = [], []
    for n, t in enumerate(tasks, 1):
        printed, seq = _number(style, n)
        seqs.append(seq)
        form = draw(st.sampled_from(["lead_resp", "host", "all_responsible", "lead_only"]))
        lead, resp = _list(t.lead, prefix, draw), _list(t.responsible, prefix, draw)
        if form == "lead_resp" and t.responsible:
            verb = draw(st.sampled_from(["按职责分工负责", "配合", "参与", "分工负责"]))
            inside = f"{lead}牵头，{resp}{draw(st.sampled_from(['', '等']))}{verb}"
            row = (seq, tuple(t.lead), tuple(t.responsible))
        elif form == "host" and t.responsible:
            inside = f"{lead}主办，{resp}协办"
            row = (seq, tuple(t.lead), tuple(t.responsible))
        elif form == "all_responsible":
            verb = draw(st.sampled_from(["等负责", "分别负责", "按职责分工负责"]))
            inside = f"{_list(t.lead + t.responsible, prefix, draw)}{verb}"
            row = (seq, (), tuple(t.lead + t.responsible))
        else:
            inside = f"{lead}{draw(st.sampled_from(['牵头', '牵头落实']))}"
            row = (seq, tuple(t.lead), ())
        deadline = None
        if form in ("lead_resp", "host") and t.responsible and not t.deadline and draw(st.booleans()):
            # no bracket: the clauses are the task's second sentence ("…。X牵头，Y配合。") or close its
            # only one after a comma ("…，X牵头，Y配合。")
            joint = draw(st.sampled_from(["。", "，"]))
            lines.append(f"{printed}{t.measure.rstrip('。')}{joint}{inside}。")
            expected.append(row + (None, ()))
            continue
        if t.deadline:
            inside += f"，{t.deadline}"
            deadline = parse_deadline(t.deadline.replace("完成", ""), 2023)[0]
        lines.append(f"{printed}{t.measure}（{inside}）")
        expected.append(row + (deadline, ()))
    run_together = draw(st.integers(0, 3)) == 0
    text = (" ".join(lines) if run_together else "\n".join(lines)) + "\n"
    traditional = _traditional(text, draw)
    result = parse_text(traditional, "b.txt")
    assert _actual(result) == _expected_script(expected, traditional != text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_family_c_label_lines(plan, data):
    prefix, tasks = plan
    draw = data.draw
    indent = draw(st.sampled_from(["", "  ", "\u3000\u3000"]))
    blank = draw(st.booleans())
    full_stop = draw(st.sampled_from(["", "。"]))
    lines = ["2024年政府工作报告任务分解和责任分工方案", "一、经济社会发展主要目标"]
    for n, t in enumerate(tasks, 1):
        block = [f"{indent}{n}.{t.measure}"]
        if t.leaders:
            block.append(f"{indent}{draw(st.sampled_from(['牵头领导', '责任领导', '牵头市领导']))}：{t.leaders[0]}")
        block.append(f"{indent}牵头单位：{_list(t.lead, prefix, draw)}{full_stop}")
        if t.responsible:
            block.append(f"{indent}责任单位：{_list(t.responsible, prefix, draw)}{full_stop}")
        if t.deadline:
            block.append(f"{indent}完成时限：{t.deadline}")
        for line in block:
            lines.append(line)
            if blank:
                lines.append("")
    result = parse_text("\n".join(lines) + "\n", "c.txt")
    assert _actual(result) == _expected(tasks, [str(n) for n in range(1, len(tasks) + 1)], 2024)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_deadline=False), st.data())
def test_family_d_heading_names_the_lead(plan, data):
    prefix, tasks = plan
    draw = data.draw
    lead = tasks[0].lead[:1]
    closing = _units(draw, prefix, 1, 3)
    closing = [u for u in closing if u not in lead]
    heading = draw(st.sampled_from(["（一）{u}牵头的工作", "一、{u}牵头工作（{n}项）", "（一）{u}牵头"]))
    lines = ["各单位：", "现将工作任务分解如下：", heading.format(u=lead[0], n=len(tasks))]
    lines += [f"{n}.{t.measure}" for n, t in enumerate(tasks, 1)]
    if closing:
        lines.append(f"协同单位：{'、'.join(closing)}。")
    result = parse_text("\n".join(lines) + "\n", "d.txt")
    assert [(r.seq, r.lead, r.responsible) for r in result.rows] == [
        (str(n), tuple(lead), tuple(closing)) for n in range(1, len(tasks) + 1)]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_deadline=False), st.data())
def test_family_e_one_cell_per_line(plan, data):
    prefix, tasks = plan
    draw = data.draw
    header = draw(st.sampled_from([["序号", "主要工作举措", "牵头单位", "配合单位", "责任领导"],
                                   ["序号", "目标任务", "牵头部门", "责任单位", "分管领导"]]))
    blank = draw(st.booleans())
    lines = ["2024年重点工作任务分解表"] + header
    for n, t in enumerate(tasks, 1):
        if n == 1 or draw(st.integers(0, 4)) == 0:
            lines.append(f"{CN[min(n, 10) - 1]}、重点工作")
        cells = [str(n), t.measure, _list(t.lead, prefix, draw)]
        if t.responsible:
            cells.append(_list(t.responsible, prefix, draw))
        if t.leaders and t.responsible:
            cells.append(t.leaders[0])
        for cell in cells:
            lines.append(cell)
            if blank:
                lines.append("")
    result = parse_text("\n".join(lines) + "\n", "e.txt")
    assert [(r.seq, r.lead, r.responsible, r.leaders) for r in result.rows] == [
        (str(n), tuple(t.lead), tuple(t.responsible), tuple(t.leaders if t.responsible else ()))
        for n, t in enumerate(tasks, 1)]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_deadline=False), st.data())
def test_family_e_one_cell_per_line_task_cells_carry_their_number(plan, data):
    """No 序号 column: each task cell opens with its own number, and a cell opening with the next number
    starts the next row; progress and remark cells are there for some rows only (missing cells are simply
    missing), blank lines between cells or not."""
    prefix, tasks = plan
    draw = data.draw
    header = draw(st.sampled_from([["目标任务", "牵头单位", "进度", "备注"], ["重点任务", "责任单位", "推进情况", "备注"],
                                   ["工作任务", "牵头部门", "工作进展", "备注"]]))
    style = draw(st.sampled_from(["{n}.", "{n}、", "({n})", "（{n}）"]))
    blank = draw(st.booleans())
    lines = ["2024年民生实事项目推进情况"] + header
    for n, t in enumerate(tasks, 1):
        if draw(st.integers(0, 4)) == 0:
            lines.append(f"{CN[min(n, 10) - 1]}、{draw(st.sampled_from(['教育', '医疗卫生', '城乡建设']))}")
        cells = [style.format(n=n) + t.measure, _list(t.lead, prefix, draw)]
        if draw(st.booleans()):
            cells.append(draw(st.sampled_from(PROGRESS + ["已完成", "正在推进"])))
        if draw(st.integers(0, 2)) == 0:
            cells.append(draw(st.sampled_from(["资金已落实", "省级补助资金已到位", "列入省民生实事"])))
        for cell in cells:
            lines.append(cell)
            if blank:
                lines.append("")
    result = parse_text("\n".join(lines) + "\n", "numbered.txt")
    lead_label = header[1].startswith(("牵头", "主办"))
    assert [(r.seq, r.measure, r.lead, r.responsible) for r in result.rows] == [
        (str(n), t.measure, tuple(t.lead) if lead_label else (), () if lead_label else tuple(t.lead))
        for n, t in enumerate(tasks, 1)]
    assert result.rejects == []


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_family_e_cells_run_together_header_and_rows(plan, data):
    """A viewer ran the header's cells together, and each row's: split by meaning; a numbered row
    that names no unit cannot be split and is a reject with its line."""
    prefix, tasks = plan
    draw = data.draw
    task_label = draw(st.sampled_from(["重点任务", "工作任务", "具体措施", "主要内容"]))
    deadline_label = draw(st.sampled_from(["完成时限", "完成时间", "时间节点"]))
    lines = ["2023年优化营商环境重点任务分工表", f"序号{task_label}牵头单位配合单位{deadline_label}"]
    unsplit = draw(st.integers(0, len(tasks)))  # a row without units, when within the tasks
    expected, rejects = [], []
    for n, t in enumerate(tasks, 1):
        measure = t.measure if draw(st.booleans()) else t.measure.rstrip("。")
        if n == unsplit:
            lines.append(f"{n}{measure}")
            rejects.append((len(lines), str(n), "reject_cells_run_together"))
            continue
        deadline = (t.deadline or "年底前").replace("完成", "")  # (an empty cell would be a merged one)
        units = _list(t.lead, prefix, draw) + (_list(t.responsible, prefix, draw) if t.responsible else "")
        lines.append(f"{n}{measure}{units}{deadline}")
        expected.append((str(n), measure, tuple(t.lead), tuple(t.responsible), parse_deadline(deadline, 2023)[0]))
    result = parse_text("\n".join(lines) + "\n", "glued.txt")
    assert [(r.seq, r.measure, r.lead, r.responsible, r.deadline) for r in result.rows] == expected
    assert [(r.line, r.seq, r.reason) for r in result.rejects] == rejects


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_deadline=False), st.data())
def test_family_e_pipe_rows_with_merged_cells(plan, data):
    prefix, tasks = plan
    draw = data.draw
    lines = ["序号 | 项目名称 | 项目内容 | 当前进展情况 | 主办单位 |"]
    expected = []
    for n, t in enumerate(tasks, 1):
        lines.append(f"{n} | 项目{CN[(n - 1) % 10]} | {t.measure} | 正在推进 | {_list(t.lead, prefix, draw)} |")
        expected.append((str(n), tuple(t.lead)))
        for k in range(2, 2 + draw(st.integers(0, 2))):
            lines.append(f"{_sentence(draw, 3, 8)} | 已完成 | |||")
            expected.append((f"{n}-{k}", tuple(t.lead)))
    result = parse_text("\n".join(lines) + "\n", "pipe.txt")
    assert [(r.seq, r.lead) for r in result.rows] == expected


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_family_f_dash_points_and_articles(plan, data):
    prefix, tasks = plan
    draw = data.draw
    articles = draw(st.booleans())
    lines = ["2024年优化营商环境实施方案"]
    lines += ["第一章 总则", "第一条 为优化营商环境，制定本方案。", "第二章 主要任务"] if articles else ["（二）主要目标"]
    seqs = []
    for n, t in enumerate(tasks, 1):
        inside = f"牵头{'责任' if articles else ''}单位：{_list(t.lead, prefix, draw)}"
        if t.responsible:
            inside += f"；责任单位：{_list(t.responsible, prefix, draw)}"
        if t.deadline:
            inside += f"；{t.deadline}"
        if articles:
            number = f"第{CN[n] if n < 10 else n + 1}条"
            lines.append(f"{number} {t.measure}（{inside}）")
            seqs.append(number)
        else:
            lines.append(f"——{t.measure.rstrip('。')}；（{inside}）")
            seqs.append(str(n))
    result = parse_text("\n".join(lines) + "\n", "f.txt")
    assert _actual(result) == _expected(tasks, seqs, 2024, leaders=False)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_deadline=False), st.data())
def test_restarted_numbering_gives_paths_and_bulletins(plan, data):
    prefix, tasks = plan
    draw = data.draw
    bulletin = draw(st.booleans())
    lines, seqs = ["2024年重点工作"], []
    for n, t in enumerate(tasks, 1):
        group, k = (n + 1) // 2, 2 - n % 2  # two tasks under each heading, numbering restarting at 1
        if k == 1:
            lines.append(f"（{CN[group - 1]}）第{CN[group - 1]}组工作")
        if bulletin:
            units = _list(t.lead, prefix, draw)
            lines.append(f"{k}、{t.measure.rstrip('。')}，牵头单位：{units}。截至6月底已完成年度任务的一半。")
        else:
            lines.append(f"{k}.{t.measure}（{_list(t.lead, prefix, draw)}牵头）")
        seqs.append(f"（{CN[group - 1]}）{k}" if len(tasks) > 2 else str(k))
    result = parse_text("\n".join(lines) + "\n", "g.txt")
    assert [(r.seq, r.lead, r.responsible) for r in result.rows] == [
        (seq, tuple(t.lead), ()) for seq, t in zip(seqs, tasks)]
    if bulletin:
        assert all("截至" not in r.measure for r in result.rows)  # progress text is no part of the measure


PROGRESS = ["截至6月底，已完成年度任务的一半。", "已完成主体工程。", "正在推进，已开工25个。", "目前已全部落实到位。",
            "计划9月底前完成主体工程。", "预计10月底投入使用。", "累计完成投资1.2亿元。", "完成投资8000万元，占年度计划的60%。"]
CLOSING = ["下一步，各牵头单位要对照目标任务，倒排工期，确保按期完成。", "各单位要高度重视，确保各项任务按期完成。",
           "请各牵头单位于每月25日前报送进展情况。"]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(with_deadline=False), st.data())
def test_bulletin_progress_and_closing_prose_are_neither_measure_nor_deadline(plan, data):
    """Progress after a task's attribution — on its line after 。 or a comma, or on lines of its own — and a
    paragraph closing the list are no part of any task: the measure is the project named, deadline null."""
    prefix, tasks = plan
    draw = data.draw
    title = draw(st.sampled_from(["2024年民生实事项目进展情况", "重点项目推进情况通报", "2024年上半年重点工作完成情况"]))
    lines = [title]
    projects = []
    for n, t in enumerate(tasks, 1):
        project = t.measure.rstrip("。")[:12]
        projects.append(project)
        units = _list(t.lead, prefix, draw)
        progress = draw(st.lists(st.sampled_from(PROGRESS), min_size=0, max_size=2))
        form = draw(st.sampled_from(["full_stop", "comma", "bracket", "lines"]))
        if form == "full_stop" or (form == "comma" and not progress):
            lines.append(f"{n}、{project}，牵头单位：{units}。" + "".join(progress))
        elif form == "comma":
            lines.append(f"{n}、{project}，牵头单位：{units}，" + progress[0] + "".join(progress[1:]))
        elif form == "bracket":
            lines.append(f"{n}、{project}（牵头单位：{units}）")
            lines += progress
        else:
            lines += [f"{n}、{project}", *progress, f"牵头单位：{units}"]
    closing = draw(st.sampled_from([None] + CLOSING))
    if closing:
        lines.append(closing)
    result = parse_text("\n".join(lines) + "\n", "bulletin.txt")
    assert [(r.seq, r.measure, r.lead, r.deadline) for r in result.rows] == [
        (str(n), project, tuple(t.lead), None) for n, (project, t) in enumerate(zip(projects, tasks), 1)]
    assert all(r.item is None for r in result.rows)


_PIECES = ["一、", "（一）", "(二)", "1.", "2、", "3。", "⑴", "①", "第一条", "第二章", "——", "●", "?", "牵头单位：",
           "责任单位:", "配合单位：", "牵头领导：", "完成时限：", "（", "）", "〔", "〕", "【", "】", "|", "\t", "\n", "\n\n",
           "  ", "、", "，",
           "；", "。", "市发改委", "县财政局", "各有关单位", "牵头", "负责", "配合", "6月底前完成", "年内持续推进", "序号",
           "具体措施", "排在首位的为牵头单位，下同", "以下各项任务均需落实，不再单独列出", "12", "区(qū)", "推进改革"]


@settings(max_examples=EXAMPLES * 5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=60))
def test_any_mix_of_the_families_pieces_never_raises(pieces):
    """Bad input never crashes: any jumble of numbers, labels, brackets and units reads without an exception."""
    result = parse_text("".join(pieces), "jumble.txt")
    assert all(r.measure for r in result.rows)
