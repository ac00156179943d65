"""Attributions: the part of a task that names its units, its deadline and its leaders.

Reading rules, "Numbered lists, articles and bulletins". The attribution takes
these forms, all read here into lead / responsible / deadline / leaders text
(names are split later by `policykg.loaders.unit_names`, deadlines read by
`policykg.loaders.deadlines`):

- labelled, in any bracket — （）, (), [], 〔〕, 【】 — or unbracketed at the end:
  "（牵头单位：市发改委；责任单位：市财政局、市税务局；完成时限：2021年6月底）",
  "〔牵头单位:区政府办公室,责任单位:区政府有关部门〕", a progress bulletin's
  "…，牵头单位：X。截至6月底…" (the progress text is no field);
- verbs: "（X牵头，Y、Z按职责分工负责）", "（X、Y等负责）", "（X主办，Y协办）",
  "（X分别负责，年内持续推进）", "（X牽頭，Y配合）";
- a bare list of units closing the task: "（X、Y）" (all responsible);
- opening clauses of a paragraph: "由杨某副市长负责，市发改委牵头，相关部门配合，…".

Inside a unit list, a clause that reads as a date ("6月底前完成") is the
deadline, a declaration ("排在首位的为牵头单位，下同") sets a convention, a
person ("由X副市长负责") goes to the leaders, and a report of progress
("已完成12个", "计划9月底前完成主体工程") is dropped: none of them is ever a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.deadlines import looks_like_deadline
from policykg.loaders.hanzi import fold
from policykg.loaders.labels import (
    declares_first_leads,
    is_declaration,
    label_role,
    looks_like_person,
)
from policykg.loaders.progress import reads_as_progress
from policykg.loaders.unit_names import ends_like_unit, is_collective, parse_units

__all__ = ["Attribution", "parse_attribution", "parse_labels", "find_attributions", "opening_attribution",
           "closing_attribution",
           "add_label", "split_names", "OPENERS", "CLOSERS"]

OPENERS = "（(〔【[［"
CLOSERS = "）)〕】]］"
_SEP = "；;，,、。 \t\u3000"
# "牵头单位：" — a label is the text between a separator (or the start) and a colon
_LABEL = re.compile(r"(?:^|(?<=[；;，,。\s、]))\s*(?P<label>[^\s:：；;，,、。（()）〔〕【】\[\]［］]{1,8})\s*[:：]")
_LEAD_CLAUSE = re.compile(r"^(?:由)?(?P<u>.+?)(?:分别|共同|负责)?(?:牵头|主办|主责)"
                          r"(?:负责|落实|推进|实施|组织|抓总)?(?:落实|实施)?$"
                          r"|^(?P<u2>.+?)(?:为|是|作为)(?:牵头|主办|主责)(?:单位|部门)$")
_RESP_CLAUSE = re.compile(
    r"^(?:由)?(?P<u>.+?)(?:按照?(?:各自)?职责(?:分工)?|按职能|依职责|根据职责|分别|共同|积极|密切)?"
    r"(?:分工)?(?:负责|配合|参与|协同|协助|协办|落实)(?:落实|实施|推进)?$"
    r"|^(?P<u2>.+?)(?:为|是|作为)(?:责任|配合|协办|参与|协同)(?:单位|部门)$"
)
_LEAD_MARK = re.compile(r"\s*[（(]\s*牵头\s*[)）]")
_DONE = re.compile(r"(?:前|之前)?(?:完成|基本完成|全面完成|落实到位|见效|办结)(?:任务)?$")
_PERIOD = re.compile(r"^(?:每(?:年|季度?|月|周|半年)|长期|常态化?|持续|年内|全年)")
_REQUIRED_LEAD = re.compile(r"由(?P<u>[^，,；;。:：]{2,40}?)牵头")
_PLACE = re.compile(r"(?:省|市|县|区|州|盟|旗|縣|區)$")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Attribution:
    """Units, deadline and leaders named by one attribution, as text; ``ignored`` lists clauses not understood.

    ``first_leads`` is set when the attribution declares "排在首位的为牵头单位" (it applies to
    itself and to every later attribution); ``lead_required`` when the lead comes from a
    requirement ("工作要求：由X牵头"), so it is taken out of the responsible units.
    """

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str | None = None
    leaders: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    first_leads: bool = False
    lead_required: bool = False
    remark: str | None = None

    @property
    def names_units(self) -> bool:
        return bool(self.lead or self.responsible)

    def merge(self, other: Attribution) -> None:
        """Add another attribution of the same task (a second bracket, a label line)."""
        self.lead += other.lead
        self.responsible += other.responsible
        self.deadline = other.deadline or self.deadline
        self.leaders += [p for p in other.leaders if p not in self.leaders]
        self.ignored += other.ignored
        self.first_leads = self.first_leads or other.first_leads
        self.lead_required = self.lead_required or other.lead_required
        self.remark = other.remark or self.remark


def _split_top(text: str, seps: str) -> list[str]:
    """Split on separators that stand outside nested brackets."""
    parts: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        if ch in seps and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p.strip() for p in parts if p.strip()]


def _names_ok(text: str) -> bool:
    """Every name of a list reads as a unit, a collective or a place's government (never a person or date)."""
    names = parse_units(text).names
    if not names:
        return False
    for name in names:
        folded = fold(name)
        if looks_like_person(name) or looks_like_deadline(name):
            return False
        if not (ends_like_unit(name) or is_collective(name) or (_PLACE.search(folded) and len(folded) <= 8)):
            return False
    return True


def split_names(text: str) -> list[str]:
    """Persons listed in a leader field: split on list marks, and on spaces between full names.

    >>> split_names("安洪海 五县县长 五区区长 李兵纪"), split_names("王 健")
    (['安洪海', '五县县长', '五区区长', '李兵纪'], ['王 健'])
    """
    out: list[str] = []
    for piece in re.split(r"[、，,；;]", text):
        piece = piece.strip(" \u3000。.")
        if not piece:
            continue
        parts = piece.split()
        if len(parts) > 1 and all(len(p) >= 2 for p in parts):
            out.extend(parts)
        else:
            out.append(piece)
    return out


def _deadline_text(text: str) -> str:
    text = _SPACE.sub("", text).strip(_SEP)
    stripped = _DONE.sub("", text)
    return stripped if stripped and looks_like_deadline(stripped) else text


def _is_deadline_clause(clause: str) -> bool:
    folded = fold(_SPACE.sub("", clause))
    return bool(looks_like_deadline(folded) or _PERIOD.match(folded)
                or (_DONE.search(folded) and looks_like_deadline(_DONE.sub("", folded))))


def _add_units(out: Attribution, role: str, text: str) -> None:
    """Add a unit list; its date clauses are the deadline, its declarations conventions, its persons leaders."""
    units: list[str] = []
    for clause in _split_top(text, "，,；;"):
        clause = clause.strip(_SEP)
        if not clause:
            continue
        if is_declaration(clause):
            out.first_leads = out.first_leads or declares_first_leads(clause)
        elif _is_deadline_clause(clause):
            out.deadline = _deadline_text(clause)
        elif reads_as_progress(clause, report=True):
            continue  # "牵头单位：X，已完成12个": a bulletin's progress, no unit
        elif looks_like_person(clause):
            out.leaders.append(clause)
        else:
            units.append(clause)
    text = "，".join(units)
    if not text:
        return
    if role == "responsible" and _LEAD_MARK.search(text):  # "市市场监管局（牵头）、市公安局"
        for piece in _split_top(text, "、，,；;"):
            if _LEAD_MARK.search(piece):
                out.lead.append(_LEAD_MARK.sub("", piece))
            else:
                out.responsible.append(piece)
        return
    (out.lead if role == "lead" else out.responsible).append(text)


def add_label(out: Attribution, role: str, value: str) -> None:
    """Read one labelled value ("牵头单位：X" — role from `policykg.loaders.labels.label_role`) into ``out``."""
    value = value.strip(_SEP)
    if not value:
        return
    if role in ("lead", "responsible"):
        _add_units(out, role, value)
    elif role == "deadline":
        out.deadline = _deadline_text(value) or None
    elif role == "person":
        out.leaders.extend(p for p in split_names(value) if p not in out.leaders)
    elif role == "requirement":
        m = _REQUIRED_LEAD.search(value)
        if m and _names_ok(m.group("u")):
            out.lead.append(m.group("u"))
            out.lead_required = True
    elif role == "remark":
        out.remark = value


def _labelled(content: str) -> tuple[Attribution | None, int]:
    """A labelled attribution and where it ends (a bulletin's progress text after "。" is no part of it)."""
    labels = [(m, role) for m in _LABEL.finditer(content) if (role := label_role(m.group("label"))) is not None]
    if not labels:
        return None, len(content)
    out = Attribution()
    end_of_attribution = len(content)
    for k, (m, role) in enumerate(labels):
        end = labels[k + 1][0].start() if k + 1 < len(labels) else len(content)
        segment = content[m.end():end]
        if k + 1 == len(labels) and "。" in segment.rstrip("。 "):
            # "牵头单位：X。截至6月底完成…": the value ends at the full stop
            cut = segment.index("。")
            end_of_attribution = m.end() + cut + 1
            segment = segment[:cut]
        add_label(out, role, segment)
    if not (out.names_units or out.deadline or out.leaders):
        return None, len(content)
    return out, end_of_attribution


def _unit_group(clause: str, m: re.Match[str]) -> str:
    """The units a verb clause names (its ``u`` group, or ``u2`` in "X为牵头单位")."""
    group = "u" if m.group("u") is not None else "u2"
    return clause[m.start(group): m.end(group)]


def parse_labels(text: str) -> Attribution | None:
    """The labelled values of a text ("牵头单位：X；责任单位：Y；完成时限：Z"), or None when it has none."""
    return _labelled(text)[0]


def _role_clause(clause: str, folded: str, out: Attribution) -> bool:
    """A clause like "X牵头" or "Y配合": its units added to ``out`` as lead or responsible (a person
    as a leader); False when the clause is neither."""
    for pattern, units_of_role in ((_LEAD_CLAUSE, out.lead), (_RESP_CLAUSE, out.responsible)):
        m = pattern.match(folded)
        if m:
            units = _unit_group(clause, m)
            if looks_like_person(units):
                out.leaders.append(units)
                return True
            if _names_ok(units):
                units_of_role.append(units)
                return True
    return False


def _verb_form(content: str, bare_list: bool) -> Attribution | None:
    out = Attribution()
    for clause in _split_top(content, "，,；;"):
        clause = clause.strip(_SEP)
        folded = fold(clause)  # one character for one: positions carry over
        if is_declaration(clause):
            out.first_leads = out.first_leads or declares_first_leads(clause)
            continue
        if _role_clause(clause, folded, out):
            continue
        if _is_deadline_clause(clause):
            out.deadline = _deadline_text(clause)
            continue
        if bare_list and _names_ok(clause):
            out.responsible.append(clause)  # "（X、Y）": a bare list names responsible units
            continue
        out.ignored.append(clause)
    if not out.names_units or len(out.ignored) > len(out.lead) + len(out.responsible):
        return None
    return out


def parse_attribution(content: str, bare_list: bool = False) -> Attribution | None:
    """Read the inside of one attribution (without its brackets); None when it names no units or deadline.

    ``bare_list``: a plain list of units counts (it does when the bracket closes the task).

    Examples
    --------
    >>> a = parse_attribution("牵头单位：市发改委；配合单位：市财政局、市税务局，6月底前完成")
    >>> a.lead, a.responsible, a.deadline
    (['市发改委'], ['市财政局、市税务局'], '6月底')
    >>> a = parse_attribution("市政府办公室、市审改办牵头，市级各有关部门按职责分工负责")
    >>> a.lead, a.responsible
    (['市政府办公室、市审改办'], ['市级各有关部门'])
    >>> parse_attribution("含信用办、大数据局") is None, parse_attribution("市财政局、市税务局", bare_list=True).responsible
    (True, ['市财政局、市税务局'])
    """
    content = content.strip()
    if not content:
        return None
    labelled, _ = _labelled(content)
    return labelled or _verb_form(content, bare_list)


def _groups(text: str) -> list[tuple[int, int]]:
    """Top-level bracket groups (start, end) of a text, nesting-aware."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def find_attributions(text: str) -> list[tuple[int, int, Attribution]]:
    """Every attribution in a paragraph: (start, end, attribution), in order.

    Labelled and verb-form groups in any bracket, a bare list of units in the
    bracket that closes the paragraph, and an unbracketed labelled tail
    ("…。牵头单位：市发改委；完成时限：6月底", a bulletin's "…，牵头单位：X。截至…").

    >>> [(text[s:e], a.lead) for text in ["推进改革。（市发改委牵头）"] for s, e, a in find_attributions(text)]
    [('（市发改委牵头）', ['市发改委'])]
    """
    found: list[tuple[int, int, Attribution]] = []
    groups = _groups(text)
    closing = len(text.rstrip(" \u3000。.；;，,"))
    for start, end in groups:
        attribution = parse_attribution(text[start + 1: end - 1], bare_list=end >= closing)
        if attribution is not None:
            found.append((start, end, attribution))
    # an unbracketed labelled tail, outside every group
    for m in _LABEL.finditer(text):
        if any(s <= m.start() < e for s, e in groups) or label_role(m.group("label")) in (None, "ignore"):
            continue
        if m.start() and text[m.start() - 1] not in "。；;，, \t\u3000\n":
            continue
        before = text[:m.start()]
        if sum(before.count(c) for c in OPENERS) > sum(before.count(c) for c in CLOSERS):
            break  # inside a bracket the end of the text cut off: no attribution to read
        attribution, end = _labelled(text[m.start():])
        if attribution is not None and attribution.names_units:
            found = [f for f in found if f[1] <= m.start()]
            found.append((m.start(), len(text), attribution))
        break
    return found


def closing_attribution(text: str) -> tuple[Attribution, str] | None:
    """Verb clauses that close a task's sentence after a comma, and the text before them.

    Only clauses that name units and nothing else count, and some task text must stay before them.

    >>> a, rest = closing_attribution("谋划储备重大项目100个，县财政局、县自然资源局配合。")
    >>> a.lead, a.responsible, rest
    ([], ['县财政局、县自然资源局'], '谋划储备重大项目100个。')
    >>> closing_attribution("完善工作机制，加强部门协调配合。") is None
    True
    >>> a, rest = closing_attribution("压缩企业开办时间。市市场监管局、市税务局负责。")
    >>> a.lead, a.responsible, rest
    ([], ['市市场监管局、市税务局'], '压缩企业开办时间。')
    >>> a, rest = closing_attribution("推进重大项目建设，市发改委牵头，市财政局配合，年底前完成。")
    >>> a.lead, a.responsible, a.deadline, rest
    (['市发改委'], ['市财政局'], '年底', '推进重大项目建设。')
    >>> closing_attribution("推进重大项目建设，年底前完成。") is None
    True
    """
    body = text.rstrip(" \u3000。.；;")
    clauses = list(re.finditer(r"[^，,；;。！？]+", body))
    found: list[Attribution] = []
    cut = None
    deadline = None  # "…，X牵头，Y配合，年底前完成": a deadline closing the attribution is part of it
    for m in reversed(clauses[1:]):
        # a comma before the clause, or a full stop: "…。市发改委负责。" is a sentence of units alone
        if body[m.start() - 1] not in "，,；;。":
            break
        clause = m.group(0).strip()
        if not found and deadline is None and _is_deadline_clause(clause):
            deadline = _deadline_text(clause)
            continue
        single = _verb_form(clause, bare_list=False)
        if single is None or single.ignored or single.deadline is not None:
            break
        found.append(single)
        cut = m.start() - 1
    if cut is None:
        return None
    rest = body[:cut].strip(" \u3000，,；;")
    if not rest:
        return None
    out = Attribution()
    for single in reversed(found):
        out.merge(single)
    if not out.names_units:
        return None
    out.deadline = deadline
    return out, rest + ("。" if text.rstrip().endswith("。") else "")


def opening_attribution(text: str) -> tuple[Attribution, str] | None:
    """Attribution clauses that open a paragraph, and the text after them.

    >>> a, rest = opening_attribution("由杨某副市长负责，市发改委牵头，相关部门配合，抓紧编制方案。")
    >>> a.lead, a.responsible, a.leaders, rest
    (['市发改委'], ['相关部门'], ['杨某副市长'], '抓紧编制方案。')
    >>> a, rest = opening_attribution("市发改委牵头，市统计局、各区县政府配合。")
    >>> a.lead, a.responsible, rest
    (['市发改委'], ['市统计局、各区县政府'], '')
    >>> opening_attribution("由县工信局牵头，县财政局配合，年底前完成技改项目20个。")[1]
    '年底前完成技改项目20个。'
    """
    clauses = re.finditer(r"[^，,；;。]+[，,；;]", text)
    out = Attribution()
    end = 0
    for m in clauses:
        if m.start() != end:
            break
        clause = m.group(0)[:-1].strip()
        single = _verb_form(clause, bare_list=False)
        if single is None:
            person = _LEAD_CLAUSE.match(fold(clause)) or _RESP_CLAUSE.match(fold(clause))
            if person and looks_like_person(_unit_group(clause, person)):
                out.leaders.append(_unit_group(clause, person))
                end = m.end()
                continue
            break
        out.merge(single)
        end = m.end()
    if not out.names_units:
        return None
    rest = text[end:].strip()
    # "X牵头，Y、Z配合。": the clauses may run to the sentence's end, the last one closed by 。 rather than
    # a comma. Only units: what else ends the sentence ("年底前完成技改项目20个", "持续推进") is the task's text.
    last = rest.rstrip("。.；; \u3000")
    if last and not re.search(r"[，,；;。！？]", last):
        closing = _verb_form(last, bare_list=False)
        if closing is not None and not closing.ignored and closing.deadline is None:
            out.merge(closing)
            rest = ""
    return out, rest
