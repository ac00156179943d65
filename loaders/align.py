"""Realigning a row's cells to the table's columns by what the cells say.

Reading rules, "Merged cells and broken rows": a row whose cells are shifted
(the measure text in the indicator column, a unit name in the deadline column)
is read by meaning. Here "by meaning" is a small sequence alignment: each cell
is scored against each column role by its content (a number, a deadline, a
list of unit names, a short title, long prose), and cells are matched to
columns in order, with costs for leaving a column empty, dropping a cell or
merging two cells into one column. A well-formed row aligns with itself, so
the alignment only changes rows whose content disagrees with their position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.loaders.deadlines import looks_like_deadline
from policykg.loaders.hanzi import fold
from policykg.loaders.indicators import ALIASES, INDICATORS, LOCAL_CATEGORIES, canonical_indicator, clean_indicator
from policykg.loaders.text_clean import strip_markup
from policykg.loaders.unit_names import not_a_name, opens_with_verb, unit_score

__all__ = ["Alignment", "align_cells", "cell_kind", "role_compatibility"]

_SKIP_COLUMN = -0.6
_DROP_EMPTY = -0.4
_DROP_CELL = -6.0
_MATCH_EMPTY = 0.2
# merging into lead costs a little more: a surplus unit cell more often repeats the responsible units
_MERGE = {"lead": -1.6, "responsible": -1.5, "remark": -2.0, "person": -2.0, "other": -2.0, "item": -3.5, "measure": -3.5}
_MERGEABLE = frozenset(_MERGE)
_NUMBER = re.compile(r"^\s*\d+\s*[.．、]?\s*$")
_CN_ORDINAL = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]|^[（(]\s*[一二三四五六七八九十]+\s*[)）]")
_LIST_START = re.compile(r"^\s*(?:<[^>]+>\s*)*(?:[(（]\d{1,3}[)）]|\d{1,3}\s*[.．、](?!\d))")


@dataclass(slots=True)
class Alignment:
    """Cells per role, and what the realignment changed (for the row's warnings)."""

    cells: dict[str, str] = field(default_factory=dict)
    shifted: bool = False
    merged: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


_WHITESPACE = re.compile(r"\s+")
_TRAILING_VERB = re.compile(r"(?:等)?(?:按职责分工|分别|共同)?(?:牵头|主办|负责|配合|协办)(?:落实|实施)?$")


@lru_cache(maxsize=200_000)
def cell_kind(text: str) -> str:
    """Classify a cell: empty, number, deadline, units, indicator, short, long.

    >>> cell_kind("12"), cell_kind("2021年9月底"), cell_kind("市公安局、税务局")
    ('number', 'deadline', 'units')
    >>> cell_kind("一、开办企业"), cell_kind("推进投资项目审批便利化"), cell_kind("(1)建成区级政务服务中心")
    ('indicator', 'short', 'long')
    >>> cell_kind("新建幼儿园2所")
    'short'
    """
    plain = strip_markup(text).strip()
    if not plain:
        return "empty"
    if _NUMBER.match(plain):
        return "number"
    if looks_like_deadline(plain):
        return "deadline"
    if len(plain) <= 30 and fold(clean_indicator(plain)) in _KNOWN_CATEGORIES:
        return "indicator"  # 开办企业 ends like a unit name but is a category
    if _LIST_START.match(plain):
        return "long"  # "1. …", "(1)…": a numbered measure, never a category nor units (建成区级政务服务中心)
    # "X、Y分别牵头落实": units with their role; "新建幼儿园2所" ends like a unit (所) but holds an amount
    if unit_score(_TRAILING_VERB.sub("", plain)) >= 0.75 and not not_a_name(plain):
        return "units"
    compact = _WHITESPACE.sub("", plain)
    if len(compact) <= 25 and not re.search(r"[，,；;。]", compact[:-1]) and (
        _CN_ORDINAL.match(compact) or _is_indicator_name(compact)
    ):
        return "indicator"
    return "short" if len(compact) <= 30 else "long"


_KNOWN_CATEGORIES = frozenset(INDICATORS) | frozenset(ALIASES) | LOCAL_CATEGORIES


def _is_indicator_name(text: str) -> bool:
    """A known category name, or a short noun-like label (not a verb phrase such as 积极创新总结推广)."""
    cleaned = fold(clean_indicator(text))
    if cleaned in INDICATORS or cleaned in ALIASES or cleaned in LOCAL_CATEGORIES:
        return True
    return (len(cleaned) <= 8 and not opens_with_verb(cleaned) and not text.endswith("。")
            and canonical_indicator(cleaned) is not None)


# Compatibility of a cell kind with a column role.
_COMPAT_ROLES = ("seq", "indicator", "item", "measure", "lead", "responsible", "deadline", "remark", "person", "other")
_COMPAT: dict[str, dict[str, float]] = {kind: dict(zip(_COMPAT_ROLES, scores)) for kind, scores in {
    #           seq indicator item measure lead responsible deadline remark person other
    "number":    (4, -4, -3, -2, -5, -5, -2, 0, 0, 0),
    "deadline":  (-8, -4, -4, -3, -5, -5, 4, 0.5, 0, 0),
    "units":     (-8, -3, -3, -3, 3, 3, -5, 0, 0, 0),
    "indicator": (-8, 3, 0, -1, -3, -3, -5, 0, 0, 0),
    "short":     (-8, 0.5, 2, 1.5, -1, -1, -5, 1, 0.5, 0.5),
    "long":      (-8, -4, 0.5, 3, -5, -5, -5, 0, 0, 0),
}.items()}


def role_compatibility(kind: str, role: str) -> float:
    """How well a cell of ``kind`` (see `cell_kind`) suits a column ``role``; unknown roles score -9."""
    return _COMPAT.get(kind, {}).get(role, -9)


def _identity_ok(kinds: Sequence[str], roles: Sequence[str]) -> bool:
    """The fast path: every non-empty cell sits in a column that suits it."""
    if len(kinds) > len(roles):
        if any(k != "empty" for k in kinds[len(roles):]):
            return False
    return all(k == "empty" or _COMPAT[k][r] >= 0 for k, r in zip(kinds, roles))


def align_cells(cells: Sequence[str], roles: Sequence[str]) -> Alignment:
    """Assign cells to column roles, realigning shifted rows by content.

    Examples
    --------
    >>> roles = ["seq", "indicator", "item", "measure", "lead", "responsible", "deadline"]
    >>> a = align_cells(["20", "2. 在竣工验收阶段，将竣工规划测量等事项合并整合。", "", "2023年3月底", "", "", ""], roles)
    >>> a.cells["measure"][:10], a.cells["deadline"], a.shifted
    ('2. 在竣工验收阶段', '2023年3月底', True)
    """
    kinds = [cell_kind(c) for c in cells]
    if _identity_ok(kinds, roles):
        out = Alignment()
        for cell, role in zip(cells, roles):
            previous = out.cells.get(role, "")
            if previous.strip() and cell.strip():  # two columns of one role (牵头 + 主办): join, never drop
                out.cells[role] = previous + ("、" if role in ("lead", "responsible") else "\n") + cell
            elif not previous.strip():
                out.cells[role] = cell
        for role in roles:
            out.cells.setdefault(role, "")
        return out
    return _align_dp(cells, kinds, roles)


def _align_dp(cells: Sequence[str], kinds: Sequence[str], roles: Sequence[str]) -> Alignment:
    n, m = len(cells), len(roles)
    neg = float("-inf")
    # best[i][j][f]: score after i cells and j columns; f = last column j-1 holds a non-empty cell
    best = [[[neg, neg] for _ in range(m + 1)] for _ in range(n + 1)]
    back: dict[tuple[int, int, int], tuple[int, int, int, str]] = {}
    best[0][0][0] = 0.0

    def relax(i: int, j: int, f: int, score: float, prev: tuple[int, int, int], op: str) -> None:
        if score > best[i][j][f]:
            best[i][j][f] = score
            back[(i, j, f)] = (*prev, op)

    for i in range(n + 1):
        for j in range(m + 1):
            for f in (0, 1):
                score = best[i][j][f]
                if score == neg:
                    continue
                if j < m:  # leave column j empty
                    relax(i, j + 1, 0, score + _SKIP_COLUMN, (i, j, f), "skip")
                if i < n:
                    kind = kinds[i]
                    if j < m:  # cell i into column j
                        gain = _MATCH_EMPTY if kind == "empty" else _COMPAT[kind][roles[j]]
                        relax(i + 1, j + 1, int(kind != "empty"), score + gain, (i, j, f), "match")
                    # drop cell i
                    relax(i + 1, j, f, score + (_DROP_EMPTY if kind == "empty" else _DROP_CELL), (i, j, f), "drop")
                    # merge cell i into column j-1
                    if f and kind != "empty" and roles[j - 1] in _MERGEABLE:
                        relax(i + 1, j, 1, score + _MERGE[roles[j - 1]] + _COMPAT[kind][roles[j - 1]], (i, j, f), "merge")
    f_end = 0 if best[n][m][0] >= best[n][m][1] else 1
    state = (n, m, f_end)
    ops: list[tuple[str, int, int]] = []
    while state != (0, 0, 0):
        pi, pj, pf, op = back[state]
        ops.append((op, pi, pj))
        state = (pi, pj, pf)
    ops.reverse()
    out = Alignment()
    for role in roles:
        out.cells.setdefault(role, "")
    for op, i, j in ops:
        if op == "match":
            if cells[i].strip() and i != j:
                out.shifted = True
            out.cells[roles[j]] = cells[i] if not out.cells[roles[j]] else out.cells[roles[j]] + "、" + cells[i]
        elif op == "merge":
            role = roles[j - 1]
            joiner = "、" if role in ("lead", "responsible") else "\n"
            out.cells[role] = out.cells[role] + joiner + cells[i]
            out.merged.append(role)
        elif op == "drop" and cells[i].strip():
            out.dropped.append(cells[i].strip())
    return out
