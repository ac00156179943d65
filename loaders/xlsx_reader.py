"""Spreadsheets: Excel workbooks (.xlsx) and CSV files holding a task table.

The header row is found by its labels wherever it sits (title rows above it
are document facts). ``Row.line`` is the sheet row number (for CSV, the line
of the file where the record starts). When a workbook has several sheets with
content, rows are numbered on through the workbook — the second sheet's row 1
follows the first sheet's last row — so that lines stay unique within the
document; a problem code then lists each sheet's line range.

Merged cells (``ws.merged_cells``) are the cell once: the other cells of the
merge's first row are covered from the left, the rows below covered from
above, i.e. empty cells in continuation rows (see `policykg.loaders.cell_table`).
CSV goes through `policykg.loaders.encoding.decode_bytes` (BOM, UTF-16, GB18030
detected; ``--encoding`` overrides).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from policykg.loaders.cell_table import Matrix, MatrixRow, Slot
from policykg.loaders.compose import Block, compose_result
from policykg.loaders.decompression import expansion_problem
from policykg.loaders.encoding import decode_bytes
from policykg.loaders.formats import sniff_problem
from policykg.records import Document, LoadResult

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["read_xlsx", "read_csv", "sheet_matrix", "csv_matrix"]


def _text(value: object) -> str:
    """A cell value as a person reads it: dates as 2021年6月30日, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return f"{value.year}年{value.month}月{value.day}日"
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")


def sheet_matrix(ws: Worksheet, offset: int = 0) -> tuple[Matrix, list[Block]]:
    """The sheet as one matrix (merged cells as covered slots) and its non-empty rows as blocks."""
    height, width = ws.max_row or 0, ws.max_column or 0
    grid = [[Slot() for _ in range(width)] for _ in range(height)]
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=height, max_col=width, values_only=True)):
        for c, value in enumerate(row):
            grid[r][c].text = _text(value)
    for merged in ws.merged_cells.ranges:
        r0, c0, r1, c1 = merged.min_row - 1, merged.min_col - 1, min(merged.max_row, height) - 1, min(merged.max_col, width) - 1
        if r0 >= height or c0 >= width:
            continue
        grid[r0][c0].span = c1 - c0 + 1
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    grid[r][c] = Slot(covered="h" if r == r0 else "v")
    matrix, blocks = Matrix(), []
    for r, slots in enumerate(grid):
        line = offset + r + 1
        matrix.rows.append(MatrixRow(slots, line))
        text = "\t".join(s.text for s in slots if not s.covered and s.text.strip())
        if text:
            blocks.append(Block(text, line))
    return matrix, blocks


def read_xlsx(path: Path, encoding: str | None = None) -> LoadResult:
    """Read an Excel workbook; a damaged or encrypted file gives a problem code, never an exception."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    too_large = expansion_problem(path)
    if too_large is not None:
        return LoadResult(document=Document(source=path.name), problems=[too_large])
    try:
        workbook = openpyxl.load_workbook(str(path), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, etree.XMLSyntaxError,
            EOFError, zlib.error, IndexError):
        problem = sniff_problem(path)
        return LoadResult(document=Document(source=path.name),
                          problems=["doc_corrupt:xlsx" if problem.startswith("doc_corrupt") else problem])
    matrices, blocks, ranges = [], [], []
    offset = 0
    for ws in workbook.worksheets:
        if not ws.max_row or (ws.max_row == 1 and ws.max_column == 1 and ws.cell(1, 1).value is None):
            continue
        matrix, sheet_blocks = sheet_matrix(ws, offset)
        matrices.append(matrix)
        blocks.extend(sheet_blocks)
        ranges.append(f"{ws.title} {offset + 1}–{offset + ws.max_row}")
        offset += ws.max_row
    result = compose_result(blocks, matrices, path.name, "xlsx-sheet")
    if len(ranges) > 1:
        result.problems.append("xlsx_sheet_lines:" + "；".join(ranges))
    return result


def csv_matrix(text: str) -> tuple[Matrix, list[Block]]:
    """A CSV text as one matrix; each record's line is the file line where it starts."""
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    matrix, blocks = Matrix(), []
    start = 1
    for record in reader:
        line = start
        start = reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        matrix.rows.append(MatrixRow([Slot(cell.replace("\r\n", "\n")) for cell in record], line))
        blocks.append(Block("\t".join(c for c in record if c.strip()), line))
    width = max((len(r.slots) for r in matrix.rows), default=0)
    for row in matrix.rows:
        row.slots.extend(Slot() for _ in range(width - len(row.slots)))
    return matrix, blocks


def read_csv(path: Path, encoding: str | None = None) -> LoadResult:
    """Read a CSV file (encoding detected unless given)."""
    decoded = decode_bytes(path.read_bytes(), encoding)
    if decoded.problem:
        return LoadResult(document=Document(source=path.name), problems=[decoded.problem])
    matrix, blocks = csv_matrix(decoded.text)
    result = compose_result(blocks, [matrix], path.name, "csv")
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        result.problems.insert(0, f"doc_encoding:{decoded.encoding}")
    return result
