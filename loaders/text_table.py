"""Task tables in text extractions: the layouts, found by themselves.

- **TAB lines** (samples 001, 002, 003): one table row per line, cells
  separated by TAB; headers repeat after page breaks; a row may be broken
  over lines (a cell holding a line break) or printed without a number. A
  table a web page flattened to " | " or to runs of spaces is read the same
  way; a " | " row that prints its own cells first and its merged ones as
  empties at the end ("内容 | 进展 | |||") is put back in its columns. A bare
  page number on a line of its own never ends a table.
- **Cell lines** (samples 000, 004): every cell starts a line with a TAB; a
  line without the leading TAB continues the cell above (names and
  categories broken over lines); blank lines separate rows but may also sit
  inside a cell. Rows are found by their anchor cell: the number column, or,
  in tables without one, the numbered measure ("12.规范…").

Tables flattened to one cell per line without TABs, or with their cells run
together, are `policykg.loaders.flat_tables`. All give `Grid`s for
`policykg.loaders.assemble`. A line is never dropped
without a trace: header repeats and page artefacts are skipped on purpose,
说明 lines become document notes, everything else ends up in a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policykg.loaders.assemble import Grid, GridRow
from policykg.loaders.columns import header_roles, is_header, is_subheader, merge_header_rows, refine_roles
from policykg.loaders.flat_tables import FlatTable, line_header_at, read_line_table
from policykg.loaders.glued_rows import glued_header, read_glued_table
from policykg.loaders.numbering import is_bare_number
from policykg.loaders.text_clean import strip_markup

__all__ = ["TextTables", "find_tables"]

_NOTE = re.compile(r"^\s*(?:<[^>]+>\s*)*(?:说明|說明|注|註|备注|備註)\s*[:：]")
_NUMBER_CELL = re.compile(r"^\s*(\d+)\s*[.．、]?\s*$")
_LIST_NUMBER = re.compile(r"^\s*(?:<[^>]+>\s*)*(\d+)\s*[.．、](?!\d)")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*\S{2,30}$")


@dataclass(slots=True)
class TextTables:
    """The task tables of a text document, its notes, and where the tables are."""

    grids: list[Grid] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    layout: str | None = None
    table_lines: set[int] = field(default_factory=set)
    truncated: int | None = None  # the line where the last table stops mid-row
    truncated_units: bool = False  # … before or inside its unit cells (its units are lost)


_SPACES = re.compile(r"[ \u3000\u00a0]{2,}")
SPACE_RUN = "  "  # the separator of a table flattened to runs of spaces
IDEOGRAPHIC = "\u3000"  # one full-width space between cells ("序号　重点任务　牵头单位"); two mark an empty cell


def _tab_cells(line: str, sep: str = "\t") -> list[str]:
    if sep == "\t":
        return line.split("\t")
    if sep == SPACE_RUN:  # "1  推进改革。  市发改委  市财政局  6月底"
        return [c for c in _SPACES.split(line.strip()) if c] if _SPACES.search(line.strip()) else [line.strip()]
    text = line.strip()  # a table a web page flattened: "序号 | 项目名称 | … |"
    return [c.strip() for c in (text[1:] if text.startswith(sep) else text).split(sep)]


def _has_sep(line: str, sep: str) -> bool:
    if sep == SPACE_RUN:
        return bool(_SPACES.search(line.strip()))
    return sep in (line.strip() if sep == IDEOGRAPHIC else line)


def _is_tab_header(line: str) -> list[str] | None:
    found = _header_sep(line)
    return found[0] if found is not None else None


def _header_sep(line: str) -> tuple[list[str], str] | None:
    """A header line and its cell separator: TAB, or the " | " of a table flattened by a web page."""
    # the first separator the line holds decides: a TAB line is never split on spaces
    stripped = line.strip()
    sep = ("\t" if "\t" in line else "|" if "|" in line else SPACE_RUN if _SPACES.search(stripped)
           else IDEOGRAPHIC if IDEOGRAPHIC in stripped else None)
    if sep is None:
        return None
    cells = _tab_cells(line, sep)
    return (cells, sep) if is_header(cells) else None


def _cell_header_at(lines: Sequence[str], i: int) -> list[str] | None:
    """Labels of a one-cell-per-line header starting at line i (each line "\t序号", "\t指标"…).

    A label wrapped over two lines ("\t完成" then "时限") is joined.
    """
    labels: list[str] = []
    j = i
    while j < len(lines):
        line = lines[j]
        if labels and line.strip() and not line.startswith("\t") and len(line.strip()) <= 6 \
                and len(labels[-1]) + len(line.strip()) <= 16:
            labels[-1] += line.strip()  # a label broken over lines
            j += 1
            continue
        if not line.startswith("\t") or "\t" in line[1:]:
            break
        label = line[1:].strip()
        if not label or len(label) > 16:
            break
        labels.append(label)
        j += 1
    if len(labels) >= 3 and is_header(labels):
        return labels
    return None


def _header_span(lines: Sequence[str], i: int, labels: Sequence[str]) -> int:
    """How many lines the one-cell-per-line header starting at line i takes."""
    j, seen = i, 0
    while j < len(lines) and seen <= len(labels):
        if lines[j].startswith("\t"):
            seen += 1
            if seen > len(labels):
                break
        elif not lines[j].strip():
            break
        j += 1
    return j - i


def find_tables(lines: Sequence[str]) -> TextTables:
    """Find every task table in the lines and read its rows into grids."""
    out = TextTables()
    i = 0
    while i < len(lines):
        found = _header_sep(lines[i])
        if found is not None:
            i = _read_tab_table(lines, i, found[0], out, found[1])
            out.layout = out.layout or "tab-lines"
            continue
        if lines[i].startswith("\t"):
            labels = _cell_header_at(lines, i)
            if labels is not None:
                i = _read_cell_table(lines, i, labels, out)
                out.layout = out.layout or "cell-lines"
                continue
        elif lines[i].strip():
            flat = _flat_table_at(lines, i)
            if flat is not None:
                out.grids.append(flat.grid)
                out.table_lines |= flat.lines
                out.layout = out.layout or "flat-lines"
                if flat.cut:
                    out.truncated = flat.grid.rows[-1].line
                    out.truncated_units = True
                i = flat.end
                continue
        i += 1
    return out


def _flat_table_at(lines: Sequence[str], i: int) -> FlatTable | None:
    """A table a web page flattened, starting at line i: labels one per line, or cells run together."""
    header = line_header_at(lines, i)
    if header is not None:
        cut_off = bool(lines) and lines[-1].strip() != ""
        table = read_line_table(lines, i, header[0], header[1], cut_off)
        return table if any(r.kind == "row" for r in table.grid.rows) else None
    labels = glued_header(lines[i])
    if labels is not None:
        table = read_glued_table(lines, i, labels)
        return table if table.grid.rows else None
    return None


# --- TAB lines ---------------------------------------------------------------------


def _read_tab_table(lines: Sequence[str], start: int, header: list[str], out: TextTables, sep: str = "\t") -> int:
    header_key = [c.strip() for c in header if c.strip()]
    rows: list[GridRow] = []
    i = start + 1
    out.table_lines.add(start + 1)
    if i < len(lines) and _has_sep(lines[i], sep) and is_subheader(_tab_cells(lines[i], sep)):
        header = merge_header_rows(header, _tab_cells(lines[i], sep))  # 责任单位 over 牵头 | 配合
        out.table_lines.add(i + 1)
        i += 1
    roles = header_roles(header)
    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        if not line.strip():
            i += 1
            continue
        cells = _tab_cells(line, sep)
        if sep == "|":
            cells = _unrotate(cells, roles)
        if _has_sep(line, sep) and [c.strip() for c in cells if c.strip()] == header_key:
            out.table_lines.add(lineno)  # a repeated header after a page break
            i += 1
            continue
        other = _is_tab_header(line)
        if other is not None:
            break  # a different table starts
        if _NOTE.match(line):
            out.notes.append((lineno, strip_markup(line.replace("\t", " "))))
            out.table_lines.add(lineno)
            i += 1
            continue
        if not _has_sep(line, sep):
            if is_bare_number(line) and _next_is_row(lines, i + 1, sep):
                out.table_lines.add(lineno)  # a page number inside the table (never its end)
                i += 1
                continue
            if rows and _incomplete(rows[-1], roles) and not _NUMBER_CELL.match(line):
                rows[-1].cells[-1] += "\n" + line  # a cell broken over lines
                out.table_lines.add(lineno)
                i += 1
                continue
            if _HEADING.match(strip_markup(line)) and _next_is_row(lines, i + 1, sep):
                rows.append(GridRow([strip_markup(line).strip()], lineno, "section"))
                out.table_lines.add(lineno)
                i += 1
                continue
            break  # prose after the table
        filled = [c.strip() for c in cells if c.strip()]
        if len(filled) == 1 and _HEADING.match(strip_markup(filled[0])) and not _NUMBER_CELL.match(filled[0]):
            rows.append(GridRow([strip_markup(filled[0])], lineno, "section"))  # a category heading row
            out.table_lines.add(lineno)
            i += 1
            continue
        if rows and _incomplete(rows[-1], roles) and not _NUMBER_CELL.match(cells[0]) and rows[-1].kind == "row":
            # the previous row's last cell held a line break: continue it
            rows[-1].cells[-1] += "\n" + cells[0]
            rows[-1].cells.extend(cells[1:])
        else:
            rows.append(GridRow(cells, lineno))
        out.table_lines.add(lineno)
        i += 1
    roles = refine_roles(roles, [r.cells for r in rows if r.kind == "row"])
    out.grids.append(Grid(roles, rows))
    if i >= len(lines) and rows and rows[-1].kind == "row" and _cut_off(lines, rows[-1], roles):
        out.truncated = rows[-1].line
        out.truncated_units = _before_units(rows[-1], roles)
    return i


# Columns a merged cell spans most often, in the order a continuation row leaves them to the row above.
_MERGEABLE = ("seq", "indicator", "item", "lead", "responsible", "deadline", "remark")


def _unrotate(cells: list[str], roles: Sequence[str]) -> list[str]:
    """Put back a flattened row that printed its own cells first and its merged cells as empties at the end.

    A web page flattening a table with merged cells writes a continuation row as
    "内容 | 进展 | 评价 | |||": the cells the row above spans (number, item, unit) come
    last and empty. Its own cells belong to the columns a merged cell does not span.
    """
    while len(cells) > len(roles) and not cells[-1].strip():
        cells = cells[:-1]  # the separator closing the line
    own = [c for c in cells if c.strip()]
    k = len(cells)
    while k and not cells[k - 1].strip():
        k -= 1
    short = len(cells) < len(roles)  # a row the end of the file cut off
    if (len(cells) - k < 2 and not short) or any(not c.strip() for c in cells[:k]) or len(own) >= len(roles) \
            or not own or _NUMBER_CELL.match(own[0]):
        return cells
    columns = list(range(len(roles)))
    for role in _MERGEABLE:
        if len(columns) <= len(own):
            break
        columns = [c for c in columns if roles[c] != role]
    if len(columns) < len(own) or (len(columns) > len(own) and not short):
        return cells
    placed = [""] * len(roles)
    for column, text in zip(columns, own):
        placed[column] = text
    return placed


def _cut_off(lines: Sequence[str], row: GridRow, roles: Sequence[str]) -> bool:
    """The file ends inside this row: no final newline and cells missing at the end."""
    ends_open = bool(lines) and lines[-1] != ""
    return ends_open and len(row.cells) < len(roles) - 1


def _before_units(row: GridRow, roles: Sequence[str]) -> bool:
    """The row stops before or inside its unit cells: the units it names may be lost."""
    units = [k for k, role in enumerate(roles) if role in ("lead", "responsible")]
    filled = [k for k, cell in enumerate(row.cells) if cell.strip()]
    return bool(units) and bool(filled) and filled[-1] <= max(units)


def _incomplete(row: GridRow, roles: Sequence[str]) -> bool:
    """A row with fewer cells than the header whose last cell is not empty may continue."""
    filled = len(row.cells)
    return row.kind == "row" and filled < len(roles) - 1 and bool(row.cells[-1].strip())


def _next_is_row(lines: Sequence[str], i: int, sep: str = "\t") -> bool:
    while i < len(lines) and (not lines[i].strip() or is_bare_number(lines[i])):
        i += 1
    return i < len(lines) and _has_sep(lines[i], sep)


# --- cell lines ---------------------------------------------------------------------


@dataclass(slots=True)
class _Cell:
    text: str
    line: int


def _read_cell_table(lines: Sequence[str], start: int, labels: list[str], out: TextTables) -> int:
    roles = header_roles(labels)
    n = len(roles)
    cells: list[_Cell] = []
    i = start + _header_span(lines, start, labels)
    for k in range(start, i):
        out.table_lines.add(k + 1)
    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        if line.startswith("\t") and line[1:].strip() == labels[0] and _cell_header_at(lines, i) == labels:
            span = _header_span(lines, i, labels)
            for k in range(i, i + span):
                out.table_lines.add(k + 1)
            i += span  # repeated header
            continue
        if "\t" in line and _is_tab_header(line) is not None and not line.startswith("\t"):
            break
        if line.startswith("\t"):
            for part in line[1:].split("\t"):
                cells.append(_Cell(part, lineno))
        elif line.strip():
            if not cells:
                break
            if _NOTE.match(line):
                out.notes.append((lineno, strip_markup(line)))
            else:
                cells[-1].text += "\n" + line
        elif cells:
            cells[-1].text += "\n"
        out.table_lines.add(lineno)
        i += 1
    rows = _group_cells(cells, roles)
    if rows and rows[-1].kind == "row" and len(rows[-1].cells) < n - 1:
        out.truncated = rows[-1].line
        out.truncated_units = _before_units(rows[-1], roles)
    roles = refine_roles(roles, [r.cells for r in rows if r.kind == "row"])
    out.grids.append(Grid(roles, rows))
    return i


def _is_anchor(text: str, by_number: bool) -> int | None:
    m = (_NUMBER_CELL if by_number else _LIST_NUMBER).match(strip_markup(text))
    return int(m.group(1)) if m else None


def _group_cells(cells: Sequence[_Cell], roles: Sequence[str]) -> list[GridRow]:
    """Group a stream of cells into rows; category headings between rows become section rows.

    Without a category column, a cell like "二、获得电力" standing between two
    rows is a heading spanning the table, not a cell of either row.
    """
    if "indicator" in roles:
        return _group_rows(cells, roles)
    out: list[GridRow] = []
    pending: list[_Cell] = []
    for cell in cells:
        text = strip_markup(cell.text).strip()
        if _HEADING.match(text.replace("\n", "")) and not _NUMBER_CELL.match(text):
            out.extend(_group_rows(pending, roles))
            pending = []
            out.append(GridRow([text.replace("\n", "")], cell.line, "section"))
        else:
            pending.append(cell)
    out.extend(_group_rows(pending, roles))
    return out


def _group_rows(cells: Sequence[_Cell], roles: Sequence[str]) -> list[GridRow]:
    """Group a stream of cells into rows by their anchor cells (the number, or the numbered measure)."""
    if not cells:
        return []
    n = len(roles)
    by_number = "seq" in roles
    anchor_col = roles.index("seq") if by_number else roles.index("measure") if "measure" in roles else 0
    anchors: list[int] = []
    last_value: int | None = None
    for k, cell in enumerate(cells):
        value = _is_anchor(cell.text, by_number)
        if value is None:
            continue
        if anchors:
            distance = k - anchors[-1]
            expected = last_value is not None and value == last_value + 1
            if distance < 2 or (distance < n - 1 and not expected):
                continue
        anchors.append(k)
        last_value = value
    starts: list[int] = []
    for a in anchors:
        s = max(a - anchor_col, starts[-1] + 1 if starts else 0)
        # cells before the anchor belong to this row only if they are not the previous row's anchor
        starts.append(s)
    rows: list[GridRow] = []
    for idx, s in enumerate(starts):
        end = starts[idx + 1] if idx + 1 < len(starts) else len(cells)
        chunk = list(cells[s:end])
        # a run of 2n cells is two rows, the second printed without its number
        pieces = [chunk[p : p + n] for p in range(0, len(chunk), n)] if len(chunk) >= 2 * n else [chunk]
        for piece in pieces:
            if not piece:
                continue
            texts = [c.text.strip("\n") for c in piece]
            rows.append(GridRow(texts, piece[0].line))
    if not anchors and cells:
        for p in range(0, len(cells), n):
            part = cells[p : p + n]
            rows.append(GridRow([c.text.strip("\n") for c in part], part[0].line))
    return rows
