"""Inline attributions: the parenthetical that names a task's units and deadline in prose.

Reading rules, "What a row is": a numbered list whose tasks carry their units
inline is a source of rows. The attribution takes several forms in real plans,
all read here into lead / responsible / deadline text (names are split later by
`policykg.loaders.unit_names`, deadlines read by `policykg.loaders.deadlines`):

- labelled: "（牵头单位：市发改委；责任单位：市财政局、市税务局；完成时限：2021年6月底）",
  "〔牵头单位:区政府办公室,责任单位:区政府有关部门〕", "(牵头单位：…，配合单位：…)",
  also unbracketed at the end of a paragraph ("…。责任单位：市发改委");
- verb form: "（市政府办公室、市审改办牵头，市级各有关部门按职责分工负责）",
  "（市发改委牵头）", "(…，6月底完成)";
- full- and half-width punctuation, traditional characters (牽頭單位 / 責任單位).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.loaders.deadlines import looks_like_deadline
from policykg.loaders.hanzi import fold
from policykg.loaders.unit_names import ends_like_unit, is_collective, parse_units

__all__ = ["Attribution", "parse_attribution", "find_attributions", "OPENERS", "CLOSERS"]

OPENERS = "（(〔【[［"
CLOSERS = "）)〕】]］"
_SEP = "；;，,、。 \t\u3000"
# "牵头单位：" — a label is the text between a separator (or the start) and a colon
_LABEL = re.compile(r"(?:^|(?<=[；;，,。\s、]))\s*(?P<label>[^\s:：；;，,、。（()）]{2,8})\s*[:：]")
_LABEL_ROLES = (
    ("ignore", re.compile(r"领导|联系人|电话|责任人")),
    ("lead", re.compile(r"牵头|主办|主责")),
    ("responsible", re.compile(r"责任|配合|协办|参与|协同|承办|实施主体")),
    ("deadline", re.compile(r"时限|时间|期限|节点|完成")),
)
_LEAD_CLAUSE = re.compile(r"^(?:由)?(?P<u>.+?)(?:共同)?牵头(?:负责|落实|推进|实施|组织|抓总)?(?:落实|实施)?$")
_RESP_CLAUSE = re.compile(
    r"^(?:由)?(?P<u>.+?)(?:按照?(?:各自)?职责(?:分工)?|按职能|依职责|分别|共同|积极|密切)?"
    r"(?:分工)?(?:负责|配合|参与|协同|协助|落实)(?:落实|实施|推进)?$"
)
_LEAD_MARK = re.compile(r"\s*[（(]\s*牵头\s*[)）]")
_DONE = re.compile(r"(?:前|之前)?(?:完成|基本完成|全面完成|落实到位|见效)(?:任务)?$")


@dataclass(slots=True)
class Attribution:
    """Units and deadline named by one attribution, as text; ``ignored`` lists clauses not understood."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str | None = None
    ignored: list[str] = field(default_factory=list)

    @property
    def names_units(self) -> bool:
        return bool(self.lead or self.responsible)


def _label_role(label: str) -> str | None:
    folded = fold(label)
    for role, pattern in _LABEL_ROLES:
        if pattern.search(folded):
            return role
    return None


def _split_top(text: str, seps: str) -> list[str]:
    """Split on separators that stand outside nested brackets."""
    parts, buf, depth = [], [], 0
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


def _is_units(text: str) -> bool:
    names = parse_units(text).names
    return bool(names) and all(ends_like_unit(n) or is_collective(n) for n in names)


def _add_units(out: Attribution, role: str, text: str) -> None:
    """Add a unit list; names marked "（牵头）" in a responsible list are leads."""
    text = text.strip(_SEP)
    if not text:
        return
    if role == "responsible" and _LEAD_MARK.search(text):
        for piece in _split_top(text, "、，,；;"):
            if _LEAD_MARK.search(piece):
                out.lead.append(_LEAD_MARK.sub("", piece))
            else:
                out.responsible.append(piece)
        return
    (out.lead if role == "lead" else out.responsible).append(text)


def _deadline_text(text: str) -> str:
    text = re.sub(r"\s+", "", text).strip(_SEP)
    stripped = _DONE.sub("", text)
    return stripped if stripped and looks_like_deadline(stripped) else text


def _labelled(content: str) -> Attribution | None:
    labels = [m for m in _LABEL.finditer(content) if _label_role(m.group("label"))]
    if not labels:
        return None
    out = Attribution()
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(content)
        role = _label_role(m.group("label"))
        segment = content[m.end() : end].strip(_SEP)
        if role == "deadline":
            out.deadline = _deadline_text(segment) or None
        elif role in ("lead", "responsible"):
            _add_units(out, role, segment)
    return out if (out.names_units or out.deadline) else None


def _verb_form(content: str) -> Attribution | None:
    out = Attribution()
    for clause in _split_top(content, "，,；;"):
        clause = clause.strip(_SEP)
        folded = fold(clause)  # one character for one: positions carry over
        m = _LEAD_CLAUSE.match(folded)
        if m and _is_units(clause[m.start("u") : m.end("u")]):
            out.lead.append(clause[m.start("u") : m.end("u")])
            continue
        m = _RESP_CLAUSE.match(folded)
        if m and _is_units(clause[m.start("u") : m.end("u")]):
            out.responsible.append(clause[m.start("u") : m.end("u")])
            continue
        if looks_like_deadline(clause) or (_DONE.search(folded) and looks_like_deadline(_DONE.sub("", folded))):
            out.deadline = _deadline_text(clause)
            continue
        out.ignored.append(clause)
    if not out.names_units or len(out.ignored) > len(out.lead) + len(out.responsible):
        return None
    return out


def parse_attribution(content: str) -> Attribution | None:
    """Read the inside of one attribution (without its brackets); None when it names no units or deadline.

    Examples
    --------
    >>> a = parse_attribution("牵头单位：市发改委；责任单位：市财政局、市税务局；完成时限：2021年6月底")
    >>> a.lead, a.responsible, a.deadline
    (['市发改委'], ['市财政局、市税务局'], '2021年6月底')
    >>> a = parse_attribution("市政府办公室、市审改办牵头，市级各有关部门按职责分工负责")
    >>> a.lead, a.responsible
    (['市政府办公室、市审改办'], ['市级各有关部门'])
    >>> parse_attribution("含信用办、大数据局") is None
    True
    """
    content = content.strip()
    if not content:
        return None
    return _labelled(content) or _verb_form(content)


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

    Bracketed groups anywhere in the text, and an unbracketed labelled tail
    ("…。牵头单位：市发改委；完成时限：6月底").

    >>> [(text[s:e], a.lead) for text in ["推进改革。（市发改委牵头）"] for s, e, a in find_attributions(text)]
    [('（市发改委牵头）', ['市发改委'])]
    """
    found: list[tuple[int, int, Attribution]] = []
    groups = _groups(text)
    for start, end in groups:
        attribution = parse_attribution(text[start + 1 : end - 1])
        if attribution is not None:
            found.append((start, end, attribution))
    # an unbracketed labelled tail, outside every group
    for m in _LABEL.finditer(text):
        if any(s <= m.start() < e for s, e in groups) or _label_role(m.group("label")) in (None, "ignore"):
            continue
        if m.start() and text[m.start() - 1] not in "。；;，, \t\u3000\n":
            continue
        tail_end = len(text)
        attribution = _labelled(text[m.start() : tail_end])
        if attribution is not None:
            found = [f for f in found if f[1] <= m.start()]
            found.append((m.start(), tail_end, attribution))
        break
    return found
