"""The workload report as an Excel workbook that prints: what a planner forwards to a leader.

Sheets, in reading order: a one-page summary (facts, deadline status on the
as-of date, the top ten), the cross-cutting ranking (one page), the dependencies
(lead → partners), every agency's figures, the agency × indicator matrix, sectors
across jurisdictions, deadlines, collectives, the formulas; then a sheet of
measures for each agency a reader needs (the top by cross-cutting load and any
named with ``--agency``) and one long table with the measures of every other
leading agency.

Every sheet prints landscape on A4, fitted to the page width, with its title, the
as-of date and the header row repeated on every page (and the agency column, where
a table is wider than a page would otherwise allow); zeros of counts print blank,
deadlines are date cells, the matrix has a colour scale and the rankings data bars.

Written with XlsxWriter in constant-memory mode, which streams each row to disk
(benchmarks/bench_xlsx_writers.py measures it against openpyxl's write-only mode).
Every text from a document is written with ``write_string``, and the workbook
never turns a string into a formula or a link, so a cell that reads ``=cmd|…`` stays text.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from policykg.visualizations.report_data import (
    COUNT_COLUMNS,
    MEASURE_COLUMNS,
    NUMBER_FORMATS,
    ReportData,
    Table,
    label,
)

__all__ = ["write_workbook", "sheet_title", "column_width", "WRAPPED_COLUMNS", "OVERVIEW_TOP"]

# Long-text columns: fixed width, wrapped, instead of one line as wide as the text.
WRAPPED_COLUMNS: dict[str, int] = {"partners": 100, "measure": 60, "item": 26, "meaning": 60, "lead_names": 24,
                                   "responsible_names": 30, "formula": 40, "deadline_raw": 16}
OVERVIEW_TOP = 10
_MAX_WIDTH = 36
_INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")
_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False}
_ZERO_BLANK = "0;-0;;@"


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(column: str, header: str, values: Sequence[Any]) -> float:
    """A readable width (in Excel character units) for one column.

    Wide enough for the header and the longest value (sampled: the first 500
    rows), CJK characters counted as two, capped at 36; long-text columns get
    the fixed widths of `WRAPPED_COLUMNS` and wrap.

    Examples
    --------
    >>> column_width("name", "单位", ["罗源县发改局"])
    14
    """
    if column in WRAPPED_COLUMNS:
        return WRAPPED_COLUMNS[column]
    widest = max([min(_text_width(header), 16)] + [_text_width(_shown(v)) for v in values[:500]])
    return min(widest + 2, _MAX_WIDTH)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, _dt.date):
        return value.isoformat()
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


def _header_text(text: str) -> str:
    """Text for a page header/footer: ``&`` doubled (it starts a code there), within Excel's 255 characters."""
    return text.replace("&", "&&")[:120]


class _Book:
    """The workbook, its shared formats and the as-of facts every sheet repeats."""

    def __init__(self, path: Path, data: ReportData) -> None:
        self.data = data
        self.book = xlsxwriter.Workbook(str(path), _OPTIONS)
        self.book.set_properties({"title": data.title, "subject": data.subtitle, "comments": "policykg"})
        add = self.book.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.subtitle = add({"font_color": "#404040"})
        self.note = add({"italic": True, "font_color": "#595959"})
        self.section = add({"bold": True, "font_size": 12})
        self.header = add({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "vcenter", "border": 1})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.date = add({"num_format": "yyyy-mm-dd", "valign": "top"})
        self.month = add({"num_format": "yyyy-mm"})
        self.top = add({"valign": "top"})
        self.overdue = add({"font_color": "#9C0006", "bg_color": "#FFC7CE", "valign": "top"})
        self.soon = add({"font_color": "#9C5700", "bg_color": "#FFEB9C", "valign": "top"})
        self.numbers = {key: add({"num_format": fmt}) for key, fmt in NUMBER_FORMATS.items()}
        self.count = add({"num_format": _ZERO_BLANK})
        self.taken: set[str] = set()
        self.status_formats = {label("status_overdue", data.lang): self.overdue,
                               label("status_due_soon", data.lang): self.soon}

    def sheet(self, name: str) -> Worksheet:
        """A new sheet set up to print: landscape A4, one page wide, sheet name and page number in the footer."""
        sheet = self.book.add_worksheet(sheet_title(name, self.taken))
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        # the sheet's name on top of every page (&A), the report, its as-of date and the page number below
        sheet.set_header("&C&A")
        sheet.set_footer(f"&L{_header_text(self.data.title)} · {_header_text(self.data.subtitle)}"
                         f"&R{label('page_header', self.data.lang)}")
        return sheet

    def heading(self, sheet: Worksheet, title: str, note: str = "", line: str = "") -> int:
        """Title, as-of line and optional lines at the top of a sheet; returns the next free row."""
        sheet.write_string(0, 0, title, self.title)
        sheet.write_string(1, 0, self.data.subtitle, self.subtitle)
        row = 2
        for text in (line, note):
            if text:
                sheet.write_string(row, 0, text, self.note)
                row += 1
        return row

    def cell(self, sheet: Worksheet, row: int, col: int, column: str, value: Any) -> None:
        """One value: text as a string cell, dates as date cells, numbers with their column's format."""
        if value is None:
            return
        if isinstance(value, str):
            fmt = self.wrap if column in WRAPPED_COLUMNS else self.status_formats.get(value) if column == "status" \
                else self.top
            sheet.write_string(row, col, value, fmt)
        elif isinstance(value, _dt.date):
            sheet.write_datetime(row, col, value, self.date)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        else:
            fmt = self.numbers.get(column) or (self.count if column in COUNT_COLUMNS else None)
            sheet.write_number(row, col, value, fmt)

    def writer(self, sheet: Worksheet, column: str) -> Callable[[int, int, Any], None]:
        """The cell writer of one column: `cell`'s choice made once per column, for the long tables' millions of cells."""
        number_format = self.numbers.get(column) or (self.count if column in COUNT_COLUMNS else None)
        text_format = self.wrap if column in WRAPPED_COLUMNS else self.top
        write_string, write_number = sheet.write_string, sheet.write_number

        def write(row: int, col: int, value: Any) -> None:
            if isinstance(value, str):
                if column == "status":
                    write_string(row, col, value, self.status_formats.get(value, self.top))
                else:
                    write_string(row, col, value, text_format)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                write_number(row, col, value, number_format)
            else:
                self.cell(sheet, row, col, column, value)

        return write

    def table(self, table: Table, *, agency_columns: int = 1, freeze_columns: int = 1, line: str = "",
              bars: Sequence[str] = (), blank_zeros: bool = False, scale: tuple[int, int] | None = None,
              name: str | None = None) -> None:
        """A table on a sheet of its own: heading, header row, rows, then print titles, filter and formats."""
        sheet = self.sheet(name or table.title)
        start = self.heading(sheet, table.title, table.note, line)
        columns = list(zip(*table.rows)) if table.rows else [()] * len(table.columns)
        for j, (key, header) in enumerate(zip(table.columns, table.headers)):
            sheet.set_column(j, j, column_width(key, header, columns[j]))
        for j, header in enumerate(table.headers):
            sheet.write_string(start, j, header, self.header)
        first = start + 1
        writers = [self.writer(sheet, key) for key in table.columns]
        for i, values in enumerate(table.rows, start=first):
            for j, value in enumerate(values):
                if value is None or (blank_zeros and value == 0):
                    continue
                writers[j](i, j, value)
        last_row, last_col = start + max(len(table.rows), 1), len(table.columns) - 1
        sheet.repeat_rows(0, start)
        if agency_columns:
            sheet.repeat_columns(0, agency_columns - 1)
        sheet.freeze_panes(first, freeze_columns)
        sheet.autofilter(start, 0, last_row, last_col)
        for key in bars:
            if key in table.columns and table.rows:
                j = table.columns.index(key)
                sheet.conditional_format(first, j, last_row, j, {"type": "data_bar", "bar_color": "#F4A261",
                                                                 "bar_solid": True})
        if scale is not None and table.rows:
            sheet.conditional_format(first, scale[0], last_row, scale[1], {
                "type": "2_color_scale", "min_color": "#FFF3E0", "max_color": "#E6550D"})

    def overview(self) -> None:
        """The first sheet: what the run covers, where deadlines stand, and the ten agencies that carry most."""
        data, lang = self.data, self.data.lang
        sheet = self.sheet(label("table_overview", lang))
        row = self.heading(sheet, data.title)
        sheet.set_column(0, 0, 26)
        sheet.set_column(1, 1, 22)
        sheet.set_column(2, 9, 12)
        row += 1
        for name, value in data.facts:
            sheet.write_string(row, 0, name, self.top)
            if isinstance(value, str):
                sheet.write_string(row, 1, value, self.top)
            else:
                sheet.write_number(row, 1, value)
            row += 1
        row += 1
        sheet.write_string(row, 0, label("overview_statuses", lang, as_of=data.as_of), self.section)
        row += 1
        for name, count in data.statuses:
            sheet.write_string(row, 0, name, self.overdue if name == label("status_overdue", lang) else self.top)
            sheet.write_number(row, 1, count)
            row += 1
        row += 1
        ranking = data.ranking
        shown = ranking.rows[:OVERVIEW_TOP]
        sheet.write_string(row, 0, label("overview_top", lang, count=len(shown), sheet=ranking.title), self.section)
        row += 1
        keys = ["name", "jurisdiction", "cross_cutting", "weighted_load", "participation", "indicator_breadth",
                "partner_count", "lead_share", "overdue", "due_soon"]
        index = [ranking.columns.index(k) for k in keys]
        for j, k in enumerate(keys):
            sheet.write_string(row, j, label(k, lang), self.header)
        first = row + 1
        for i, values in enumerate(shown):
            for j, (k, at) in enumerate(zip(keys, index)):
                self.cell(sheet, first + i, j, k, values[at])
        if shown:
            sheet.conditional_format(first, 2, first + len(shown) - 1, 2,
                                     {"type": "data_bar", "bar_color": "#F4A261", "bar_solid": True})
        sheet.repeat_rows(0, 1)

    def measures(self, name: str, table: Table, line: str) -> None:
        self.table(table, agency_columns=0, freeze_columns=0, line=line, name=name)

    def close(self) -> None:
        self.book.close()


def _agency_line(data: ReportData, agency_id: str) -> str:
    m = next((m for m in data.metrics if m.agency == agency_id), None)
    if m is None:
        return ""
    return label("agency_sheet_line", data.lang, jurisdiction=m.jurisdiction or "—", lead=m.lead_count,
                 responsible=m.responsible_count, cross_cutting=f"{m.cross_cutting:.2f}")


def _rest_table(data: ReportData, rest: Sequence[tuple[str, str, Table]]) -> Table:
    """The long table: the listed agencies without a sheet of their own; its note says what is left out."""
    columns = ["name", *MEASURE_COLUMNS]
    headers = [label(c, data.lang) for c in columns]
    rows = [[name, *row] for _, name, table in rest for row in table.rows]
    title = f"{label('other_leaders', data.lang)} ({len(rest)})"
    return Table("measures", title, columns, headers, rows, data.long_table_note())


def write_workbook(data: ReportData, path: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the report workbook to ``path`` and return it.

    Parameters
    ----------
    progress
        Called as ``progress(done, total)`` after each sheet.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> from policykg.visualizations.report_data import build_report
    >>> row = Row("d.txt", "1", "纳税", "纳税", None, "=HYPERLINK(1)", ("甲",), (), None, "2021-06-30", None, 3)
    >>> c = Corpus([Document("d.txt")], [row], agencies={"a": Agency("a", "甲", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a"})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     book = openpyxl.load_workbook(write_workbook(build_report(c, as_of="2021-07-01"), Path(tmp) / "w.xlsx"))
    ...     cell = book["甲"]["G5"]
    ...     book.sheetnames[:3], book["跨领域工作量排名"]["B5"].value, cell.value, cell.data_type, book["甲"]["C5"].value
    (['摘要', '跨领域工作量排名', '依赖关系（牵头→协调）'], '甲', '=HYPERLINK(1)', 's', datetime.datetime(2021, 6, 30, 0, 0))
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = _Book(path, data)
    matrix_last = len(data.matrix.columns) - 2
    by_id = {agency_id: (name, table) for agency_id, name, table in data.agency_measures}
    rest, left_out = data.long_table()
    steps: list[Callable[[], None]] = [
        book.overview,
        lambda: book.table(data.ranking, agency_columns=2, freeze_columns=2, bars=["cross_cutting"]),
        lambda: book.table(data.dependencies, agency_columns=1, freeze_columns=1),
        lambda: book.table(data.summary, agency_columns=2, freeze_columns=2, bars=["cross_cutting"]),
        lambda: book.table(data.matrix, blank_zeros=True, scale=(2, matrix_last) if matrix_last >= 2 else None),
        lambda: book.table(data.sectors),
        lambda: book.table(data.deadlines),
        lambda: book.table(data.collectives, agency_columns=2, freeze_columns=2),
        lambda: book.table(data.formulas, agency_columns=1),
    ]
    for agency_id in data.own_sheets:
        name, table = by_id[agency_id]
        steps.append(partial(book.measures, name, table, _agency_line(data, agency_id)))
    if rest or left_out:
        steps.append(lambda: book.table(_rest_table(data, rest), agency_columns=1, freeze_columns=1))
    for done, write in enumerate(steps, start=1):
        write()
        if progress is not None:
            progress(done, len(steps))
    book.close()
    return path
