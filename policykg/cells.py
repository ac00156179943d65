"""A document's text as a spreadsheet or CSV cell: the one place that decides how it is written.

Planners open every CSV and workbook policykg writes in Excel or WPS, and forward
them. A unit name or measure is the document author's text, so it must arrive as
*text*: a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) is read as a formula by a spreadsheet (``=HYPERLINK(…)``,
``=cmd|' /C calc'!A0``). `sheet_cell` is the one function every writer sends its
values through:

- **CSV** (the OWASP CSV-injection rule): such a cell gets a leading ``'`` (and a
  text that starts with ``'`` one more, so the mark can always be taken off), and
  every text cell is quoted (`CSV_QUOTING`), so a ``;`` or ``,`` inside it cannot
  start a new cell in a spreadsheet that splits on another separator.
- **xlsx**: the value is written unchanged, as a string cell with Excel's quote
  prefix (what Excel itself stores for text typed as ``'=…``), never as a formula.
  Characters an xlsx file cannot hold (C0 controls) are dropped.

Lists (the units of a row, the surface names of an agency) are joined with 、,
the way the documents print them; JSON output keeps them as arrays. Numbers
stay numbers. The Neo4j import CSV keeps its ``|`` arrays (neo4j-admin parses
them) and applies `csv_text` to the joined cell.
"""

from __future__ import annotations

import csv
import json
from typing import Any, Final, Literal

__all__ = ["LIST_SEPARATOR", "FORMULA_STARTS", "CSV_QUOTING", "sheet_cell", "csv_text", "csv_text_original", "is_formula_like"]

LIST_SEPARATOR = "、"
# Characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# what `csv_text` prefixes: a formula start, or the prefix itself (one test of the millions a report makes)
_PREFIXED_STARTS = (*FORMULA_STARTS, "'")
# Quote every text cell, leave numbers bare (Excel reads a quoted number as text).
CSV_QUOTING: Final[Literal[2]] = csv.QUOTE_NONNUMERIC

# C0 controls other than tab, newline and carriage return: not allowed in xlsx XML.
_XLSX_ILLEGAL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula.

    >>> is_formula_like("=HYPERLINK(\\"http://x\\")"), is_formula_like("市发改委")
    (True, False)
    """
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """``text`` safe as a CSV cell: a leading ``'`` when a spreadsheet would read it as a formula.

    A text that itself starts with ``'`` gets one more, so a leading ``'`` in a CSV cell
    is always this function's: a script takes exactly one off to get the document's text.

    >>> csv_text("=1+2"), csv_text("-"), csv_text("罗源县发改局"), csv_text("'a")
    ("'=1+2", "'-", '罗源县发改局', "''a")
    """
    return "'" + text if text.startswith(_PREFIXED_STARTS) else text


def csv_text_original(cell: str) -> str:
    """The document's text of a CSV cell `csv_text` wrote (its one leading ``'`` taken off).

    >>> csv_text_original("'=1+2"), csv_text_original("''a"), csv_text_original("罗源县发改局")
    ('=1+2', "'a", '罗源县发改局')
    """
    return cell[1:] if cell.startswith("'") else cell


def sheet_cell(value: Any, target: str = "csv", sheet: Any = None) -> Any:
    """A value as one spreadsheet cell, for ``target`` ``"csv"`` or ``"xlsx"``.

    None is an empty cell, a list or tuple its items joined with 、, a dict JSON
    text, numbers (and booleans) stay as they are, text becomes text: with the
    OWASP ``'`` prefix for CSV; for xlsx, a formula-like text is returned as an
    openpyxl cell of ``sheet`` typed as a string (quote prefix set), every other
    value as it is.

    Examples
    --------
    >>> sheet_cell(["市公安局", "市商务局"])
    '市公安局、市商务局'
    >>> sheet_cell("@SUM(A1)"), sheet_cell(3), sheet_cell(None)
    ("'@SUM(A1)", 3, '')
    """
    if value is None:
        return "" if target == "csv" else None
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        text = LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, str):
        text = value
    else:  # dates and the like: the spreadsheet types them itself
        return value
    if target == "csv":
        return csv_text(text)
    text = text.translate(_XLSX_ILLEGAL)
    if not is_formula_like(text):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
    cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    return cell
