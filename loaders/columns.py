"""Table headers: recognising a header row and giving each column its role.

Column roles are the reading rules' fields: seq, indicator, item, measure,
lead, responsible, deadline, remark. Labels vary between documents ("改革事项"
is the category column in one plan and the item column in another), so unit,
deadline, number and remark columns are found by their labels, and the text
columns between them by their order: one text column is the measure; two are
category then measure; three are category, item, measure. Whether a first
text column of two is a category or an item is decided by its content
(`refine_roles`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policykg.loaders.hanzi import fold
from policykg.loaders.indicators import ORDINAL, canonical_indicator, clean_indicator
from policykg.loaders.labels import field_word
from policykg.loaders.text_clean import squeeze, strip_markup

__all__ = ["ROLES", "header_roles", "is_header", "refine_roles", "column_role", "merge_header_rows", "is_subheader"]

# "other" columns (责任领导, 联系人, 分值) are kept apart and never read into a field.
ROLES = ("seq", "indicator", "item", "measure", "lead", "responsible", "deadline", "remark", "person", "other")

_SEQ_LABEL = re.compile(r"^(?:序号|编号|序|号|No\.?)$", re.I)
# Scores and supervision columns of assessment tables belong to no field.
_SCORE_LABEL = re.compile(r"分值|权重|得分|考核|评分|督办(?!内容|事项|任务)")
_REMARK_LABEL = re.compile(r"^备注|^说明$|^附注")
_TEXT_LABEL = re.compile(
    r"指标|事项|措施|举措|任务|目标|内容|工作|领域|类别|项目|名称|要点|要求|环节|清单|改革|方向|重点|具体|实事")
# Columns of contact details and of progress reports belong to no field ("other").
_COLUMN_ROLE = {"contact": "other", "progress": "other"}


def column_role(label: str) -> str | None:
    """The role a header label gives its column: seq, lead, responsible, deadline, remark, person, other, text, or None.

    Persons (责任领导, 项目责任人) go to the row's leaders, never to its units. The words of the
    unit, person, progress and schedule columns are those of label lines (`policykg.loaders.labels.field_word`).

    >>> column_role("序号"), column_role("牵头部门"), column_role("责任领导"), column_role("当前进展情况")
    ('seq', 'lead', 'person', 'other')
    >>> column_role("完成时限"), column_role("具体措施"), column_role("分值")
    ('deadline', 'text', 'other')
    """
    label = fold(squeeze(strip_markup(label)))
    if not label:
        return None
    if _SEQ_LABEL.match(label):
        return "seq"
    role = field_word(label)
    if role in ("contact", "person", "progress"):
        return _COLUMN_ROLE.get(role, role)
    if _SCORE_LABEL.search(label):
        return "other"
    if role is not None:
        return role
    if _REMARK_LABEL.search(label):
        return "remark"
    return "text" if _TEXT_LABEL.search(label) else None


def is_header(cells: Sequence[str]) -> bool:
    """Whether a row of cells is a task-table header (序号 / 具体措施 / 牵头部门 / …).

    A header has at least three recognised labels, one of them a unit or measure
    column, and short cells only.
    """
    labels = [squeeze(strip_markup(c)) for c in cells]
    labels = [c for c in labels if c]
    if len(labels) < 3 or any(len(c) > 16 for c in labels):
        return False
    roles = [column_role(c) for c in labels]
    known = sum(r is not None for r in roles)
    return known >= 3 and known >= len(labels) - 1 and any(r in ("lead", "responsible") for r in roles)


def header_roles(cells: Sequence[str]) -> list[str]:
    """Roles for the (non-empty) header labels, in order.

    Examples
    --------
    >>> header_roles(["序号", "指标名称", "改革事项", "改革创新举措", "牵头单位", "责任单位", "完成时限"])
    ['seq', 'indicator', 'item', 'measure', 'lead', 'responsible', 'deadline']
    >>> header_roles(["事项名称", "目标任务", "完成时限", "牵头部门", "责任部门"])
    ['indicator', 'measure', 'deadline', 'lead', 'responsible']
    """
    labels = [squeeze(strip_markup(c)) for c in cells]
    while labels and not labels[-1]:
        labels.pop()
    roles = [column_role(c) or ("" if not c else "text") for c in labels]
    # an empty label inside the header is a merged header cell: the column belongs with the one before
    for i, role in enumerate(roles):
        if role == "":
            roles[i] = roles[i - 1] if i and roles[i - 1] in ("lead", "responsible", "remark", "person", "other") else "other"
    text_positions = [i for i, r in enumerate(roles) if r == "text"]
    n = len(text_positions)
    if n == 1:
        names = ["measure"]
    elif n == 2:
        names = ["indicator", "measure"]
    elif n >= 3:
        names = ["indicator"] + ["item"] * (n - 2) + ["measure"]
    else:
        names = []
    for pos, name in zip(text_positions, names):
        roles[pos] = name
    # A second lead/responsible column is the other unit role (e.g. 主办 + 协办).
    seen: set[str] = set()
    for i, r in enumerate(roles):
        if r in seen and r in ("seq", "deadline", "remark"):
            roles[i] = "remark"
        seen.add(r)
    return roles


def refine_roles(roles: list[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Decide from the content whether a two-text-column table's first text column is a category.

    A category column repeats values, leaves merged cells empty, or holds
    ordinals / indicator names; an item column holds a distinct title per row.
    """
    if "indicator" not in roles or "item" in roles:
        return roles
    col = roles.index("indicator")
    values = [strip_markup(r[col]) if col < len(r) else "" for r in rows]
    filled = [v for v in values if v.strip()]
    if not filled:
        return roles
    empty_share = 1 - len(filled) / len(values)
    categoryish = sum(
        1 for v in filled if ORDINAL.match(v) or canonical_indicator(clean_indicator(v)) not in (None, clean_indicator(v))
        or len(clean_indicator(v)) <= 8
    ) / len(filled)
    repeated = 1 - len(set(filled)) / len(filled)
    if empty_share >= 0.3 or categoryish >= 0.5 or repeated >= 0.3:
        return roles
    refined = list(roles)
    refined[col] = "item"
    return refined


def is_subheader(cells: Sequence[str]) -> bool:
    """A second header row under merged header cells (e.g. 牵头单位 | 配合单位 under 责任单位)."""
    labels = [squeeze(strip_markup(c)) for c in cells if squeeze(strip_markup(c))]
    if not labels or len(labels) > 4 or any(len(c) > 12 for c in labels):
        return False
    return all(column_role(c) in ("lead", "responsible", "deadline", "remark", "person", "other") for c in labels)


def merge_header_rows(top: Sequence[str], sub: Sequence[str]) -> list[str]:
    """One header from two rows: a sub-label names the column it stands in.

    >>> merge_header_rows(["序号", "具体措施", "责任单位", "", "完成时限"], ["", "", "牵头单位", "配合单位", ""])
    ['序号', '具体措施', '牵头单位', '配合单位', '完成时限']
    """
    width = max(len(top), len(sub))
    top = list(top) + [""] * (width - len(top))
    sub = list(sub) + [""] * (width - len(sub))
    return [s if squeeze(s) else t for t, s in zip(top, sub)]
