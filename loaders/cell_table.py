"""Task tables given as cells (Word, Excel, CSV, HTML): header, merged cells and rows → `Grid`s.

Every table format hands over its tables as `Matrix`es: rectangular rows of
`Slot`s, one per grid column, where a merged cell is the cell once and
*covered* slots after it ("h" for the columns a horizontal merge spans, "v"
for the rows a vertical merge spans). From there the rules are the text
layouts' (`policykg.loaders.text_table`), so a document gives the same rows in
every format:

- the header is the row whose labels name task-table columns, wherever it
  sits; a second header row under merged header cells (牵头单位 | 配合单位 under
  责任单位) names the columns it stands in; a repeated header is skipped;
- a vertically merged cell is an empty cell in the rows it covers, exactly as
  a text extraction shows it, and `policykg.loaders.assemble` inherits it
  ("Merged cells and broken rows");
- a header cell spanning several columns gives one column per unit / deadline
  label (their cells are joined), and one text column per spanned column under
  a text label (category and measure under "重点任务");
- a data cell spanning several columns goes to the measure column when it
  covers it, else to the column its content suits best (`cell_kind`);
- a row that is one heading ("一、开办企业") is a section row; a 说明 line a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policykg.loaders.align import cell_kind, role_compatibility
from policykg.loaders.assemble import Grid, GridRow
from policykg.loaders.columns import column_role, header_roles, is_header, is_subheader, merge_header_rows, refine_roles
from policykg.loaders.text_clean import squeeze, strip_markup

__all__ = ["Slot", "MatrixRow", "Matrix", "CellTables", "find_cell_tables"]

_NOTE = re.compile(r"^\s*(?:说明|說明|注|註|备注|備註)\s*[:：]")
_NUMBER = re.compile(r"^\s*\d+\s*[.．、]?\s*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*\S{2,30}$")
_LIST_START = re.compile(r"^\s*[(（]?\d{1,3}[)）]?\s*[.．、](?!\d)")
_TEXT_PLACEHOLDER = "内容"  # a label that header_roles reads as a text column


@dataclass(slots=True)
class Slot:
    """One grid position: an own cell's text, or covered by a merge ("h" from the left, "v" from above)."""

    text: str = ""
    covered: str = ""
    span: int = 1


@dataclass(slots=True)
class MatrixRow:
    slots: list[Slot]
    line: int


@dataclass(slots=True)
class Matrix:
    """One table as printed: its rows, padded to the same width."""

    rows: list[MatrixRow] = field(default_factory=list)


@dataclass(slots=True)
class CellTables:
    """The task tables found in a document's matrices, its notes, and the lines they occupy."""

    grids: list[Grid] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    table_lines: set[int] = field(default_factory=set)


@dataclass(slots=True)
class _Header:
    labels: list[str]  # one per logical column
    key: list[str]  # the header rows' texts, to recognise repeats
    columns: list[list[int]]  # grid columns of each logical column
    roles: list[str]


def _texts(row: MatrixRow) -> list[str]:
    return [s.text if not s.covered else "" for s in row.slots]


def _own_labels(row: MatrixRow) -> list[str]:
    return [squeeze(strip_markup(t)) for t in _texts(row)]


def _header_at(rows: Sequence[MatrixRow], i: int) -> tuple[_Header, int] | None:
    """The header starting at row i and the number of rows it takes, or None."""
    top = rows[i]
    labels = _own_labels(top)
    if not is_header(labels):
        return None
    used = 1
    if i + 1 < len(rows):
        sub = _own_labels(rows[i + 1])
        spans = any(s.covered == "h" for s in top.slots) or any(s.covered == "v" for s in rows[i + 1].slots)
        if spans and (is_subheader(sub) or _under_spans(top, sub)):
            labels = merge_header_rows(labels, sub)
            used = 2
    header = _logical(labels, top)
    header.key = [t for r in rows[i : i + used] for t in _own_labels(r) if t]
    return header, used


def _under_spans(top: MatrixRow, sub: Sequence[str]) -> bool:
    """A row of short labels standing only under merged header cells (类别 | 具体措施 under 重点任务)."""
    filled = [c for c, label in enumerate(sub) if label]
    return bool(filled) and all(
        c < len(top.slots) and (top.slots[c].covered == "h" or top.slots[c].span > 1)
        and len(sub[c]) <= 12 and column_role(sub[c]) is not None
        for c in filled
    )


def _logical(labels: list[str], top: MatrixRow) -> _Header:
    """Logical columns: spans under a unit / deadline label join; spans under a text label split."""
    names: list[str] = []
    columns: list[list[int]] = []
    for c, label in enumerate(labels):
        covered = top.slots[c].covered == "h" if c < len(top.slots) else False
        if not label and covered and columns:
            owner_role = column_role(names[-1]) if names[-1] != _TEXT_PLACEHOLDER else "text"
            if owner_role in ("text", None):
                names.append(_TEXT_PLACEHOLDER)  # 重点任务 over 类别 | 具体措施
                columns.append([c])
            else:
                columns[-1].append(c)  # 责任单位 over two columns: one column of names
            continue
        names.append(label)
        columns.append([c])
    # header_roles drops trailing empty labels: the columns beyond the header stay extra cells, as in text
    return _Header(names, [], columns, header_roles(names))


def _place(row: MatrixRow, header: _Header) -> list[str]:
    """The row's cells, one per logical column (plus extra cells beyond the header)."""
    owner = {}
    for k, cols in enumerate(header.columns):
        for c in cols:
            owner[c] = k
    width = len(row.slots)
    cells = [""] * len(header.columns)
    extras: list[str] = []
    c = 0
    while c < width:
        slot = row.slots[c]
        if slot.covered:
            c += 1
            continue
        span = max(1, slot.span)
        touched = sorted({owner[x] for x in range(c, min(c + span, width)) if x in owner})
        text = slot.text
        if not touched:
            extras.append(text)
        elif len(touched) == 1:
            k = touched[0]
            joiner = "、" if k < len(header.roles) and header.roles[k] in ("lead", "responsible") else "\n"
            cells[k] = (cells[k] + joiner + text) if cells[k].strip() and text.strip() else (cells[k] or text)
        else:
            cells[_best_column(text, touched, header.roles)] = text
        c += span
    return cells + extras


def _best_column(text: str, touched: list[int], roles: list[str]) -> int:
    """A cell merged across columns belongs to the measure column when it covers it, else where it fits."""
    named = [(k, roles[k]) for k in touched if k < len(roles)]
    for k, role in named:
        if role == "measure":
            return k
    kind = cell_kind(text)
    if kind == "empty" or not named:
        return touched[0]
    return max(named, key=lambda kr: (role_compatibility(kind, kr[1]), -kr[0]))[0]


def _single(row: MatrixRow) -> tuple[str, bool] | None:
    """The one text of a row holding one cell only, and whether that cell spans the whole row."""
    own = [(c, s) for c, s in enumerate(row.slots) if not s.covered and s.text.strip()]
    if len(own) != 1:
        return None
    c, slot = own[0]
    return slot.text.strip(), slot.span >= len(row.slots) - c and c == 0 and len(row.slots) > 1


def _trailing_prose(row: GridRow) -> bool:
    """A row whose only text stands in the first column and is neither a number nor a numbered task."""
    if row.kind != "row" or not row.cells or not row.cells[0].strip():
        return False
    text = strip_markup(row.cells[0])
    return not any(c.strip() for c in row.cells[1:]) and not _NUMBER.match(text) and not _LIST_START.match(text)


def find_cell_tables(matrices: Sequence[Matrix]) -> CellTables:
    """Find the task tables in a document's matrices and read their rows into grids.

    A matrix without a header continues the previous task table when it has
    the same width (a Word table broken over pages, an HTML table split in two).
    """
    out = CellTables()
    header: _Header | None = None
    rows: list[GridRow] = []
    width = 0

    def close() -> None:
        nonlocal rows
        while rows and _trailing_prose(rows[-1]):  # "抄送：…", the issuer under the table: context
            out.table_lines.discard(rows.pop().line)
        if header is not None and any(r.kind == "row" for r in rows):
            roles = refine_roles(header.roles, [r.cells for r in rows if r.kind == "row"])
            out.grids.append(Grid(roles, rows))
        rows = []

    for matrix in matrices:
        if not matrix.rows:
            continue
        if header is not None and len(matrix.rows[0].slots) != width:
            close()
            header = None
        i = 0
        while i < len(matrix.rows):
            row = matrix.rows[i]
            found = _header_at(matrix.rows, i)
            if found is not None:
                new, used = found
                if header is None or new.key != header.key:
                    close()
                    header, width = new, len(row.slots)
                for r in matrix.rows[i : i + used]:
                    out.table_lines.add(r.line)  # a header, or a header repeated after a page break
                i += used
                continue
            i += 1
            if header is None:
                continue
            _read_row(row, header, rows, out)
    close()
    return out


def _read_row(row: MatrixRow, header: _Header, rows: list[GridRow], out: CellTables) -> None:
    texts = [t for t in _texts(row) if t.strip()]
    if not texts:
        return
    single = _single(row)
    if single is not None:
        text, full_width = single
        plain = strip_markup(text)
        if _NOTE.match(plain):
            out.notes.append((row.line, plain))
            out.table_lines.add(row.line)
            return
        heading = _HEADING.match(plain.replace("\n", "")) and not _NUMBER.match(plain)
        if heading or (full_width and len(squeeze(plain)) <= 40):
            rows.append(GridRow([plain.replace("\n", "").strip()], row.line, "section"))
            out.table_lines.add(row.line)
            return
        if full_width:
            return  # a sentence across the table, not a task: document context
    rows.append(GridRow(_place(row, header), row.line))
    out.table_lines.add(row.line)
