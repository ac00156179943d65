"""Numbered task lists whose tasks name their units inline: the "inline-list" layout.

Reading rules, "What a row is": besides task tables, plans assign tasks in a
numbered list, each task ending with its attribution
("12.规范中介服务…（牵头单位：…；责任单位：…；完成时限：…）", see
`policykg.loaders.attribution`). A task becomes a row: seq from its number,
measure the text without the attribution, lead / responsible / deadline from
the attribution, indicator or theme from the nearest section heading above
("一、开办企业", "（一）…"). A prose section that only summarises tasks without
naming units is not a source of rows, so only the part of a document that
carries attributions is read as a list.

The pure core `find_inline_list` works on lines (text lines, Word or HTML
paragraphs) and gives a `Grid` for `policykg.loaders.assemble`;
`read_inline_list` assembles it. Merged-cell inheritance is a table notion: a
task that names no unit or deadline does not take its neighbour's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from policykg.loaders.assemble import Assembled, Grid, GridRow, assemble_rows
from policykg.loaders.attribution import Attribution, find_attributions
from policykg.loaders.text_clean import collapse_ws, strip_markup

__all__ = ["InlineList", "find_inline_list", "read_inline_list", "list_number"]


ROLES = ["seq", "measure", "lead", "responsible", "deadline"]
_CN = "零〇一二三四五六七八九十百"
_LEVELS = (
    (1, re.compile(rf"^([{_CN}]+)\s*[、.．]\s*")),
    (2, re.compile(rf"^[（(]\s*([{_CN}]+)\s*[)）]\s*[、.．]?\s*")),
    (3, re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")),
    (4, re.compile(r"^[（(]\s*(\d{1,3})\s*[)）]\s*|^(\d{1,3})\s*[)）]\s*")),
    (5, re.compile(r"^([①-⑳])\s*")),
)
_UNNUMBERED = 9
_SENTENCE = re.compile(r"[。；;！!？?]")


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits.get(ch, 0)
    return total + current


def list_number(text: str) -> tuple[int, int | None, str]:
    """(level, number, rest) of a paragraph: 1 "一、", 2 "（一）", 3 "1.", 4 "（1）", 5 "①"; 9 unnumbered.

    >>> list_number("12.规范中介服务"), list_number("（三）优化服务"), list_number("推进改革")
    ((3, 12, '规范中介服务'), (2, 3, '优化服务'), (9, None, '推进改革'))
    """
    stripped = text.strip(" \t\u3000\u00a0")
    for level, pattern in _LEVELS:
        m = pattern.match(stripped)
        if m and stripped[m.end() :].strip():
            number = next(g for g in m.groups() if g)
            return level, _cn_int(number), stripped[m.end() :]
    return _UNNUMBERED, None, stripped


@dataclass(slots=True)
class _Item:
    level: int
    number: int | None
    text: str
    line: int
    attributions: list[Attribution] = field(default_factory=list)
    body: str = ""  # text without attributions

    def read(self) -> None:
        text = collapse_ws(self.text)
        found = find_attributions(text)
        self.attributions = [a for _, _, a in found]
        body, last = [], 0
        for start, end, _ in found:
            body.append(text[last:start])
            last = end
        body.append(text[last:])
        self.body = collapse_ws("".join(body)).strip(" ，,；;")

    @property
    def attributed(self) -> bool:
        return any(a.names_units for a in self.attributions)

    @property
    def attribution_only(self) -> bool:
        return bool(self.attributions) and not self.body.strip("。.")


@dataclass(slots=True)
class InlineList:
    """The task list found in a document's lines: its grid and what each task itself named."""

    grid: Grid | None = None
    list_lines: set[int] = field(default_factory=set)
    named: dict[int, tuple[bool, bool, bool]] = field(default_factory=dict)  # line → names lead, responsible, deadline
    notes: dict[int, list[str]] = field(default_factory=dict)  # line → warnings of the task


def _items(lines: Sequence[str], numbers: Sequence[int]) -> list[_Item]:
    """Paragraphs with their list level; wrapped lines and attribution-only paragraphs join the item above."""
    items: list[_Item] = []
    blank_before = True
    labels_open = False  # the item above ends in "牵头单位：…" lines: more label lines may follow
    for text, number in zip(lines, numbers):
        plain = strip_markup(text.replace("\t", " ")).strip()
        if not plain:
            blank_before = True
            continue
        level, value, rest = list_number(plain)
        if level == _UNNUMBERED and items:
            last = items[-1]
            probe = _Item(level, None, plain, number)
            probe.read()
            if probe.attribution_only and (not last.attributed or labels_open):
                # "（牵头单位：…）" or "牵头单位：…" on a line of its own
                last.text += ("；" if plain[0] not in "（(〔【[［" else "") + plain
                last.read()
                blank_before = False
                labels_open = plain[0] not in "（(〔【[［"
                continue
            if not blank_before and not last.attributed and last.level != _UNNUMBERED:
                last.text += "\n" + plain  # a line wrapped in the extraction
                last.read()
                continue
        labels_open = False
        item = _Item(level, value, rest if level != _UNNUMBERED else plain, number)
        item.read()
        items.append(item)
        blank_before = False
    return items


def _title(item: _Item) -> str:
    """A heading's title: its text without attribution, up to the first full stop."""
    head = _SENTENCE.split(item.body, maxsplit=1)[0]
    return head.strip(" ：:")


def _is_plain_heading(item: _Item) -> bool:
    return item.level == _UNNUMBERED and not item.attributions and len(item.body) <= 20 and not re.search(
        r"[。，,；;：:！？]", item.body)


def find_inline_list(lines: Sequence[str], numbers: Sequence[int] | None = None) -> InlineList:
    """Find the numbered task list carrying inline attributions, as a grid (roles `ROLES`).

    Parameters
    ----------
    lines : the document's lines or paragraphs, in order.
    numbers : the line number of each (default 1, 2, …), used for ``Row.line``.
    """
    numbers = list(numbers) if numbers is not None else list(range(1, len(lines) + 1))
    items = _items(lines, numbers)
    attributed = [it for it in items if it.attributed]
    out = InlineList()
    if not attributed:
        return out
    counts = Counter(it.level for it in attributed)
    task_level = max(counts, key=lambda level: (counts[level], level))
    first = items.index(attributed[0])
    last = items.index(attributed[-1])
    # the list runs from the heading above the first attributed task to the heading after the last
    start = first
    while start > 0 and items[start - 1].level >= task_level and not _is_plain_heading(items[start - 1]):
        start -= 1
    end = last + 1
    while end < len(items) and items[end].level >= task_level and not _is_plain_heading(items[end]):
        end += 1
    # headings above the list give the first section
    headings: dict[int, _Item] = {}
    for it in items[:start]:
        if it.level < task_level:
            headings = {k: v for k, v in headings.items() if k < it.level}
            headings[it.level] = it
    rows: list[GridRow] = []
    current_section: str | None = None
    for index in range(start, end):
        it = items[index]
        is_heading = it.level < task_level or (
            _is_plain_heading(it) and index + 1 < len(items) and items[index + 1].level == task_level)
        if is_heading:
            level = it.level if it.level < task_level else task_level - 0.5
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = it
            out.list_lines.add(it.line)
            continue
        if it.level > task_level:  # a sub-point of the task above: part of its text
            if rows:
                rows[-1].cells[1] += "\n" + it.text
                out.list_lines.add(it.line)
            continue
        if headings:
            deepest = headings[max(headings)]
            title = _title(deepest)
            if title and title != current_section:
                rows.append(GridRow([title], deepest.line, "section"))
                current_section = title
        attributions = [a for a in it.attributions]
        warnings_from: _Item | None = None
        if not any(a.names_units for a in attributions):
            for level in sorted(headings, reverse=True):
                if headings[level].attributed:
                    warnings_from = headings[level]
                    attributions = attributions + headings[level].attributions
                    break
        lead = "、".join(u for a in attributions for u in a.lead)
        responsible = "、".join(u for a in attributions for u in a.responsible)
        deadline = next((a.deadline for a in reversed(attributions) if a.deadline), "")
        seq = str(it.number) if it.number is not None else ""
        row = GridRow([seq, it.body, lead, responsible, deadline], it.line)
        rows.append(row)
        out.list_lines.add(it.line)
        out.named[it.line] = (bool(lead), bool(responsible), bool(deadline))
        notes = []
        if warnings_from is not None:
            notes.append(f"inline_attribution_from_heading:{_title(warnings_from)}")
        if sum(1 for a in it.attributions if a.names_units) > 1:
            notes.append(f"inline_attributions_joined:{sum(1 for a in it.attributions if a.names_units)}")
        notes.extend(f"inline_clause_ignored:{c}" for a in attributions for c in a.ignored)
        out.notes[it.line] = notes
    if any(r.kind == "row" for r in rows):
        out.grid = Grid(list(ROLES), rows)
    return out


def read_inline_list(lines: Sequence[str], source: str, plan_year: int | None,
                     numbers: Sequence[int] | None = None,
                     home: str | None = None) -> tuple[Assembled, InlineList] | None:
    """Rows of the inline task list in the lines, or None when the lines hold no such list.

    Examples
    --------
    >>> lines = ["一、开办企业", "1.压缩开办时间。（牵头单位：市市场监管局；责任单位：市税务局；完成时限：6月底）"]
    >>> assembled, _ = read_inline_list(lines, "x.txt", 2021)
    >>> r = assembled.rows[0]
    >>> r.seq, r.indicator, r.measure, r.lead, r.responsible, r.deadline
    ('1', '开办企业', '压缩开办时间。', ('市市场监管局',), ('市税务局',), '2021-06-30')
    """
    found = find_inline_list(lines, numbers)
    if found.grid is None:
        return None
    assembled = assemble_rows([found.grid], source, plan_year, home=home)
    fixed = []
    for row in assembled.rows:
        names_lead, names_responsible, names_deadline = found.named.get(row.line, (True, True, True))
        warnings = list(row.warnings) + found.notes.get(row.line, [])
        changes: dict = {}
        # a list item names its own units or none: no merged-cell inheritance
        if not names_lead:
            warnings = [w for w in warnings if not w.startswith("lead_inherited")] + ["no_lead"]
            changes["lead"] = ()
        if not names_responsible:
            changes["responsible"] = ()
        if not names_deadline:
            changes.update(deadline_raw=None, deadline=None)
        fixed.append(replace(row, warnings=tuple(dict.fromkeys(warnings)), **changes))
    assembled.rows = fixed
    return assembled, found
