"""Tables a web page or a viewer flattened into plain lines: one cell per line, or cells run together.

Reading rules, "Numbered lists, articles and bulletins" — tables flattened by a
web page are tables:

- **one cell per line** under a header whose labels stand one per line
  (序号 / 主要工作举措 / 牵头单位 / 配合单位 / 责任领导, or 目标 / 任务 / 主要内容 /
  责任单位), blank lines or not; an empty cell is simply missing, merged cells are
  printed once, category headings ("一、…", "（一）…") stand between the rows.
  Cells are given to the header's columns in order by what they say (a number, a
  unit list, a person, prose): a cell that fits no column after the last one
  filled starts the next row;
- **cells run together** on one line, header included
  ("类别序号重点督办内容牵头单位全年完成情况"): split by meaning — the category,
  the number, the content up to a full stop, the unit names, the rest.

Both give `Grid`s for `policykg.loaders.assemble`, like the other text layouts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.loaders.align import cell_kind
from policykg.loaders.assemble import Grid, GridRow
from policykg.loaders.columns import header_roles, is_header, label_role, refine_roles
from policykg.loaders.labels import looks_like_person
from policykg.loaders.numbering import is_bare_number, read_marker
from policykg.loaders.page_artefacts import is_furniture
from policykg.loaders.text_clean import strip_markup
from policykg.loaders.unit_names import ends_like_unit, is_collective, unit_score

__all__ = ["line_header_at", "read_line_table", "glued_header", "read_glued_table", "FlatTable"]

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
    return text if label_role(text) is not None else None


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
    if units and (unit_score(units) >= 0.75 or ends_like_unit(units) or is_collective(units)) and len(units) <= 120:
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


def _stream_rows(cells: list[tuple[str, int]], roles: list[str], labels: Sequence[str]) -> list[GridRow]:
    rows: list[GridRow] = []
    current: list[str] | None = None
    position = -1
    persons = list(roles)  # a person's column (责任领导) takes names; side columns (进度) take short text
    for text, line in cells:
        kind = _kind(text, "person" in persons)
        if kind in ("heading", "subheading"):
            rows.append(GridRow([text.strip()], line, "section" if kind == "heading" else "subsection"))
            current, position = None, -1
            continue
        fits = _FITS.get(kind, ())
        after = _column(persons, fits, position + 1)
        if kind == "number" or current is None or after is None:
            if current is not None and kind != "number" and position >= 0 and persons[position] in fits:
                joiner = "、" if roles[position] in ("lead", "responsible") else "\n"
                current[position] += joiner + text.strip()  # a cell broken over lines
                continue
            start = _column(persons, fits, 0)
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
    rows = _stream_rows(cells, roles, labels)
    roles = refine_roles(roles, [r.cells for r in rows if r.kind == "row"])
    cut = False
    if cut_off and rows and rows[-1].kind == "row":
        filled = [k for k, c in enumerate(rows[-1].cells) if c.strip()]
        unit_columns = [k for k, r in enumerate(roles) if r in ("lead", "responsible")]
        cut = bool(unit_columns) and (not any(k in unit_columns for k in filled) or filled[-1] in unit_columns)
    return FlatTable(Grid(roles, rows), i, taken, cut)


# --- cells run together -----------------------------------------------------------------------

_ANCHORS = re.compile(r"序号|编号|(?:牵头|主办|主责|责任|配合|协办)(?:责任)?(?:单位|部门)|责任领导|完成时限|完成时间|时限|备注|完成情况|进展情况")


def glued_header(line: str) -> list[str] | None:
    """The labels of a header whose cells a viewer ran together ("类别序号重点督办内容牵头单位全年完成情况")."""
    text = line.strip()
    if not text or len(text) > 40 or re.search(r"[\s，,。；;：:、|]", text):
        return None
    labels: list[str] = []
    last = 0
    for m in _ANCHORS.finditer(text):
        between = text[last:m.start()]
        if between and len(between) <= 2 and m.group(0) in ("完成情况", "进展情况", "完成时限", "完成时间", "时限"):
            labels.append(between + m.group(0))  # "全年" + "完成情况"
        else:
            if between:
                labels.append(between)
            labels.append(m.group(0))
        last = m.end()
    if last < len(text):
        labels.append(text[last:])
    if len(labels) >= 3 and "序号" in labels and is_header(labels):
        return labels
    return None


_STRONG_END = ("局", "委", "办", "厅", "中心", "管委会", "公司", "政府", "院", "部门", "单位", "办公室", "集团", "行", "署", "站", "所")


def _units_prefix(text: str) -> int:
    """Length of the unit names that open ``text`` ("区发展改革委西城区…" → 6), 0 when none does."""
    end = 0
    pos = 0
    while pos < len(text):
        cut = None
        for k in range(pos + 3, min(len(text), pos + 25) + 1):
            if text[pos:k].endswith(_STRONG_END):
                cut = k
                break
        if cut is None:
            break
        end = cut
        if cut < len(text) and text[cut] in "、，,":
            pos = cut + 1
            continue
        break
    return end


def _split_glued(text: str, roles: list[str]) -> list[str] | None:
    """The cells of a run-together row, by meaning: category, number, content (to a full stop), units, rest."""
    m = re.match(r"^(?P<before>\D*?)(?P<seq>\d{1,7})(?![\d.%％])(?P<rest>.+)$", text)
    if not m or "seq" not in roles:
        return None
    cells = [""] * len(roles)
    seq_at = roles.index("seq")
    cells[seq_at] = m.group("seq")
    if m.group("before") and seq_at > 0:
        cells[seq_at - 1] = m.group("before")
    rest = m.group("rest")
    unit_at = next((k for k, r in enumerate(roles) if r in ("lead", "responsible")), None)
    measure_at = roles.index("measure") if "measure" in roles else None
    if unit_at is None or measure_at is None:
        return None
    for stop in (k + 1 for k, ch in enumerate(rest) if ch in "。；;"):
        size = _units_prefix(rest[stop:])
        if size:
            cells[measure_at] = rest[:stop]
            cells[unit_at] = rest[stop:stop + size]
            tail = rest[stop + size:]
            other = next((k for k in range(unit_at + 1, len(roles))), None)
            if other is not None and tail:
                cells[other] = tail
            return cells
    return None


def read_glued_table(lines: Sequence[str], start: int, labels: list[str]) -> FlatTable:
    """Read the run-together rows under a run-together header."""
    roles = header_roles(labels)
    rows: list[GridRow] = []
    taken = {start + 1}
    i = start + 1
    while i < len(lines):
        text = strip_markup(lines[i]).strip()
        if text:
            cells = _split_glued(text, roles)
            if cells is None:
                break
            rows.append(GridRow(cells, i + 1))
            taken.add(i + 1)
        i += 1
    return FlatTable(Grid(roles, rows), i, taken)
