"""Tables a web page flattened to one cell per line.

Reading rules, "Numbered lists, articles and bulletins" — tables flattened by a
web page are tables: the cells stand one per line under a header whose labels
stand one per line (序号 / 主要工作举措 / 牵头单位 / 配合单位 / 责任领导, or 目标 /
任务 / 主要内容 / 责任单位, or 目标任务 / 牵头单位 / 进度 / 备注), blank lines or not;
an empty cell is simply missing, merged cells are printed once, category headings
("一、…", "（一）…") stand between the rows. Cells are given to the header's columns
in order by what they say (a number, a unit list, a person, prose): a cell that fits
no column after the last one filled starts the next row — or, where the task cells
open with their own number, a cell opening with the next number does.

The result is a `Grid` for `policykg.loaders.assemble`, like the other text layouts;
tables whose cells a viewer ran together are `policykg.loaders.glued_rows`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.loaders.align import cell_kind
from policykg.loaders.assemble import Grid, GridRow
from policykg.loaders.columns import column_role, header_roles, is_header, refine_roles
from policykg.loaders.labels import looks_like_person
from policykg.loaders.numbering import is_bare_number, read_marker
from policykg.loaders.page_artefacts import is_furniture
from policykg.loaders.progress import reads_as_progress
from policykg.loaders.text_clean import strip_markup
from policykg.loaders.unit_names import ends_like_unit, is_collective, not_a_name, unit_score

__all__ = ["line_header_at", "read_line_table", "FlatTable"]

_MAX_LABEL = 8


@dataclass(slots=True)
class FlatTable:
    grid: Grid
    end: int  # index of the first line after the table
    lines: set[int]  # 1-based lines the table takes
    cut: bool = False  # the last row stops before or inside its unit cells (the file ends there)


def _label(line: str) -> str | None:
    if line.startswith("\t"):
        return None  # one cell per line with TABs: `policykg.loaders.text_table`
    text = line.strip(" \u3000")
    if not text or len(text) > _MAX_LABEL or re.search(r"[，,。；;：:、（()）\d]", text):
        return None
    return text if column_role(text) is not None else None


def line_header_at(lines: Sequence[str], i: int) -> tuple[list[str], int] | None:
    """A header of labels standing one per line (blank lines between allowed) at line i: labels and its end."""
    tokens = lines[i].split()
    if len(tokens) >= 3 and not lines[i].startswith("\t") and all(_label(t) for t in tokens) and is_header(tokens) \
            and i + 1 < len(lines) and len(lines[i + 1].split()) <= 1:
        return tokens, i + 1  # "序号 民生实事 责任单位" on one line, the cells one per line below
    labels: list[str] = []
    j = i
    while j < len(lines):
        if not lines[j].strip():
            j += 1
            continue
        label = _label(lines[j])
        if label is None:
            break
        labels.append(label)
        j += 1
    if len(labels) >= 3 and is_header(labels):
        return labels, j
    return None


def _kind(text: str, person_column: bool) -> str:
    """number, heading, subheading, units, person, deadline, short or long."""
    plain = strip_markup(text).strip()
    if is_bare_number(plain) and re.match(r"^\s*\d", plain):
        return "number"
    marker, _ = read_marker(plain)
    if marker is not None and marker.style in ("cn_dun", "chapter") and len(plain) <= 40:
        return "heading"
    if marker is not None and marker.style == "cn_paren" and len(plain) <= 40:
        return "subheading"
    units = re.sub(r"(?:分别|共同)?(?:牵头|主办|负责|配合|协办)(?:落实|负责)?$", "", plain)
    if units and (unit_score(units) >= 0.75 or ends_like_unit(units) or is_collective(units)) and len(units) <= 120 \
            and not not_a_name(units):  # "新建幼儿园2所" ends like a unit name (所) but is an amount
        return "units"
    if looks_like_person(plain) or (person_column and looks_like_person(plain, person_slot=True)):
        return "person"
    kind = cell_kind(plain)
    if kind == "short" and re.search(r"[。，,；;]", plain):
        return "long"  # a sentence, however short: the content of a row, never a side column
    return kind if kind in ("deadline", "short", "long") else "short"


_FITS = {
    "number": ("seq",),
    "units": ("lead", "responsible"),
    "person": ("person",),
    "deadline": ("deadline", "remark", "other"),
    "short": ("item", "measure", "other", "remark", "indicator"),
    "long": ("measure", "item"),
}


def _column(roles: list[str], fits: Sequence[str], start: int) -> int | None:
    """The first column from ``start`` on whose role suits the cell, in the cell's order of preference."""
    for role in fits:
        for j in range(start, len(roles)):
            if roles[j] == role:
                return j
    return None


_DIGIT_STYLES = ("num_dot", "num_paren", "paren_digit", "circled")


def _task_number(text: str) -> int | None:
    """The number a task cell opens with ("1.新增公办学位5000个" → 1), or None."""
    marker, _ = read_marker(strip_markup(text).strip())
    return marker.number if marker is not None and marker.style in _DIGIT_STYLES else None


def _stream_rows(cells: list[tuple[str, int]], roles: list[str]) -> list[GridRow]:
    """Give each cell to the next column that suits it; a cell that suits none after the last filled starts a row.

    In a table without a 序号 column whose task cells open with their own number, a cell opening
    with the next number starts the next row, and only such a cell does: text after a row's
    units goes to its progress or remark column. Elsewhere, long text after the units starts a
    row unless it reports progress.
    """
    rows: list[GridRow] = []
    current: list[str] | None = None
    position = -1
    has_person = "person" in roles  # a person's column (责任领导) takes names; side columns (进度) take short text
    numbered = "seq" not in roles and any(_task_number(t) == 1 for t, _ in cells[:8])
    last_number = 0
    for text, line in cells:
        kind = _kind(text, has_person)
        if kind in ("heading", "subheading"):
            rows.append(GridRow([text.strip()], line, "section" if kind == "heading" else "subsection"))
            current, position = None, -1
            continue
        fits = _FITS.get(kind, ())
        number = _task_number(text) if numbered and kind in ("long", "short", "units") else None
        if number is not None and number in (last_number + 1, 1):  # numbering goes on, or restarts
            # a numbered task may end like a unit name ("(1)建成区级政务服务中心"); a unit cell opens with no number
            start = _column(roles, _FITS["long"] if kind == "units" else fits, 0)
            if start is not None:  # the next task
                current = [""] * len(roles)
                rows.append(GridRow(current, line))
                current[start] = text.strip()
                position, last_number = start, number
                continue
        has_units = current is not None and any(current[k] for k, r in enumerate(roles) if r in ("lead", "responsible"))
        if kind == "long" and has_units and (numbered or reads_as_progress(text, report=True)):
            fits = fits + ("other", "remark")  # progress reported beside the task, or a remark
        after = _column(roles, fits, position + 1)
        if current is not None and after is None and numbered and kind != "number":
            # not the next number, so not the next task: a side column after the last filled, else more of it
            side = next((k for k in range(position + 1, len(roles)) if roles[k] in ("other", "remark")), None)
            if side is not None:
                current[side], position = text.strip(), side
            else:
                current[position] += "\n" + text.strip()
            continue
        if kind == "number" or current is None or after is None:
            if current is not None and kind != "number" and position >= 0 and roles[position] in fits:
                joiner = "、" if roles[position] in ("lead", "responsible") else "\n"
                current[position] += joiner + text.strip()  # a cell broken over lines
                continue
            start = _column(roles, fits, 0)
            if start is None:
                if current is not None and position >= 0:  # a cell no column takes: kept with the one before
                    current[position] += "\n" + text.strip()
                continue
            current = [""] * len(roles)
            rows.append(GridRow(current, line))
            after = start
        current[after] = text.strip()
        position = after
    return rows


def read_line_table(lines: Sequence[str], start: int, labels: list[str], end_of_header: int,
                    cut_off: bool) -> FlatTable:
    """Read the cells under a one-label-per-line header (see the module docstring)."""
    roles = header_roles(labels)
    taken = set(range(start + 1, end_of_header + 1))
    cells: list[tuple[str, int]] = []
    i = end_of_header
    while i < len(lines):
        text = strip_markup(lines[i]).strip(" \t\u3000")
        if text and not is_furniture(text):
            if line_header_at(lines, i) is not None and cells:
                break  # another table
            cells.append((text, i + 1))
            taken.add(i + 1)
        i += 1
    rows = _stream_rows(cells, roles)
    roles = refine_roles(roles, [r.cells for r in rows if r.kind == "row"])
    cut = False
    if cut_off and rows and rows[-1].kind == "row":
        filled = [k for k, c in enumerate(rows[-1].cells) if c.strip()]
        unit_columns = [k for k, r in enumerate(roles) if r in ("lead", "responsible")]
        cut = bool(unit_columns) and (not any(k in unit_columns for k in filled) or filled[-1] in unit_columns)
    return FlatTable(Grid(roles, rows), i, taken, cut)
