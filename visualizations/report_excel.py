"""The workload report as an Excel workbook a planner can send around.

Sheets: the summary (agencies ranked by cross-cutting load), the formulas and
facts of the run, the agency × indicator matrix, sectors across
jurisdictions, deadlines, collectives apart, then one sheet per leading
agency listing its measures with deadlines (up to `MAX_AGENCY_SHEETS`; the
measures of further leading agencies share one last sheet). Every sheet has its header row
frozen, an autofilter and column widths fitted to its content (CJK
characters count double). Written with openpyxl in write-only mode, which
streams rows and keeps a workbook of thousands of sheets within memory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from policykg.cells import sheet_cell
from policykg.visualizations.report_data import NUMBER_FORMATS, ReportData, Table, label

__all__ = ["write_workbook", "sheet_title", "column_width", "WRAPPED_COLUMNS", "MAX_AGENCY_SHEETS"]

# Beyond this many leading agencies, the rest share one sheet: a workbook of thousands of
# sheets is neither sendable nor usable, and openpyxl's cost per sheet grows with their number.
MAX_AGENCY_SHEETS = 250

# Long-text columns: fixed width, wrapped, instead of one line as wide as the text.
WRAPPED_COLUMNS: dict[str, int] = {"measure": 70, "item": 30, "meaning": 60, "lead_names": 30,
                                   "responsible_names": 40, "formula": 40}
_MAX_WIDTH = 40
_INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(column: str, header: str, values: Sequence[Any]) -> float:
    """A readable width (in Excel character units) for one column.

    Wide enough for the header and the longest value (sampled: the first 500
    rows), CJK characters counted as two, capped at 40; long-text columns get
    the fixed widths of `WRAPPED_COLUMNS` and wrap.

    Examples
    --------
    >>> column_width("name", "单位", ["罗源县发改局"])
    14
    """
    if column in WRAPPED_COLUMNS:
        return WRAPPED_COLUMNS[column]
    widest = max([_text_width(header)] + [_text_width(_shown(column, v)) for v in values[:500]])
    return min(widest + 2, _MAX_WIDTH)


def _shown(column: str, value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unused sheet title for ``name``: no ``[]:*?/\\``, at most 31 characters, unique.

    Examples
    --------
    >>> taken = set()
    >>> sheet_title("泉州市发改委", taken), sheet_title("泉州市发改委", taken)
    ('泉州市发改委', '泉州市发改委 (2)')
    """
    base = _INVALID_TITLE.sub("_", name).strip("'") or "sheet"
    title, n = base[:31], 1
    while title.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def _write_table(workbook: Workbook, title: str, table: Table, freeze: str = "A2",
                 extra: Sequence[Sequence[Any]] = ()) -> None:
    sheet = workbook.create_sheet(title)
    columns = list(zip(*table.rows)) if table.rows else [()] * len(table.columns)
    for i, (key, header) in enumerate(zip(table.columns, table.headers), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column_width(key, header, columns[i - 1])
    sheet.freeze_panes = freeze
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    header_cells = []
    for header in table.headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        header_cells.append(cell)
    sheet.append(header_cells)
    # one styled prototype per column; cells copy its style array (far cheaper than setting styles per cell)
    protos: list[Any] = []
    for key in table.columns:
        fmt, wrap = NUMBER_FORMATS.get(key), key in WRAPPED_COLUMNS
        proto = None
        if fmt or wrap:
            proto = WriteOnlyCell(sheet)
            if fmt:
                proto.number_format = fmt
            if wrap:
                proto.alignment = _WRAP
        protos.append(proto)
    # every value goes through sheet_cell: document text stays text, never a formula
    if not any(protos):
        for row in table.rows:
            sheet.append([sheet_cell(value, "xlsx", sheet) for value in row])
    else:
        for row in table.rows:
            cells: list[Any] = []
            for value, proto in zip(row, protos):
                value = sheet_cell(value, "xlsx", sheet)
                if proto is None or value is None:
                    cells.append(value)
                    continue
                cell = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value=value)
                quoted = cell.quotePrefix
                cell._style = copy(proto._style)
                cell.quotePrefix = quoted
                cells.append(cell)
            sheet.append(cells)
    if extra:
        sheet.append([])
        for extra_row in extra:
            sheet.append([sheet_cell(value, "xlsx", sheet) for value in extra_row])


def _rest_table(data: ReportData, rest: Sequence[tuple[str, str, Table]]) -> Table:
    first = rest[0][2]
    rows = [[name, *row] for _, name, table in rest for row in table.rows]
    title = f"{label('other_leaders', data.lang)} ({len(rest)})"
    return Table("measures", title, ["name", *first.columns], [label("name", data.lang), *first.headers], rows)


def write_workbook(data: ReportData, path: Path, progress: Callable[[int, int], None] | None = None,
                   max_agency_sheets: int | None = MAX_AGENCY_SHEETS) -> Path:
    """Write the report workbook to ``path`` and return it.

    Parameters
    ----------
    max_agency_sheets
        At most this many per-agency sheets (the leading agencies in ranking
        order); the measures of the others go to one more sheet, "其余牵头单位
        (N)", with the agency in the first column. None: no limit.
    progress
        Called as ``progress(done, total)`` after each sheet (the per-agency
        sheets make up most of a large workbook).

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> from policykg.visualizations.report_data import build_report
    >>> row = Row("d.txt", "1", "纳税", "纳税", None, "m", ("甲",), (), None, None, None, 3)
    >>> c = Corpus([Document("d.txt")], [row], agencies={"a": Agency("a", "甲", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a"})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     book = openpyxl.load_workbook(write_workbook(build_report(c), Path(tmp) / "w.xlsx"))
    ...     book.sheetnames[:3], book["单位工作量汇总"]["B2"].value
    (['单位工作量汇总', '计算公式', '单位×指标矩阵'], '甲')
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    fixed = [
        (data.summary, "C2", ()),
        (data.formulas, "A2", [(name, value) for name, value in data.facts]),
        (data.matrix, "B2", ()),
        (data.sectors, "A2", ()),
        (data.deadlines, "A2", ()),
        (data.collectives, "C2", ()),
    ]
    own = data.agency_measures if max_agency_sheets is None else data.agency_measures[:max_agency_sheets]
    rest = data.agency_measures[len(own):]
    total = len(fixed) + len(own) + bool(rest)
    done = 0
    for table, freeze, extra in fixed:
        _write_table(workbook, sheet_title(table.title, taken), table, freeze, extra)
        done += 1
        if progress is not None:
            progress(done, total)
    sheets = [(name, table, "A2") for _, name, table in own]
    if rest:
        table = _rest_table(data, rest)
        sheets.append((table.title, table, "B2"))
    for name, table, freeze in sheets:
        _write_table(workbook, sheet_title(name, taken), table, freeze)
        done += 1
        if progress is not None:
            progress(done, total)
    workbook.save(path)
    return path
