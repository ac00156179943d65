"""The workload report as CSV files, one per table, for spreadsheets and scripts.

Files are UTF-8 with a byte-order mark, so that Excel opens the Chinese
headers and names correctly on a double click; values are raw numbers
(shares as fractions), floats rounded to 6 decimals; text goes through
`policykg.cells.sheet_cell` (quoted, never a formula, lists joined with 、).
"""

from __future__ import annotations

import csv
import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from policykg.cells import CSV_QUOTING, csv_text, sheet_cell
from policykg.visualizations.report_data import MEASURE_COLUMNS, ReportData, label

__all__ = ["CSV_FILES", "write_csv_report", "write_table_csv"]

# table key → file name
CSV_FILES: dict[str, str] = {
    "summary": "summary.csv",
    "ranking": "ranking.csv",
    "dependency_pairs": "dependencies.csv",
    "collectives": "collectives.csv",
    "matrix": "indicator_matrix.csv",
    "sectors": "sectors.csv",
    "deadlines": "deadlines.csv",
    "formulas": "formulas.csv",
    "measures": "measures.csv",
}


def _value(value: Any) -> Any:
    # text (tested for first by the caller) and counts: nearly every one of a province's millions of cells
    if type(value) is str:
        return csv_text(value)
    if type(value) is int:
        return value
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return sheet_cell(value)


def write_table_csv(headers: list[str], rows: Iterable[Sequence[Any]], path: Path) -> Path:
    """Write one table (header line, then rows) to ``path``; text cells quoted, never a formula (`sheet_cell`)."""
    with Path(path).open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, quoting=CSV_QUOTING)
        writer.writerow(headers)
        writer.writerows([csv_text(v) if type(v) is str else _value(v) for v in row] for row in rows)
    return Path(path)


def _measure_rows(data: ReportData) -> Iterator[list[Any]]:
    """The measure lists (every leading agency's, and those named with --agency) as one long table, the agency
    in front; streamed to the file (at province scale, 600,000 rows no list needs to hold)."""
    for agency_id, name, table in data.agency_measures:
        for row in table.rows:
            yield [agency_id, name, *row]


def write_csv_report(data: ReportData, folder: Path) -> list[Path]:
    """Write every table of the report as a CSV file in ``folder``; return the paths in `CSV_FILES` order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[list[str], Iterable[Sequence[Any]]]] = {t.key: (t.headers, t.rows) for t in data.tables}
    tables["measures"] = ([label(c, data.lang) for c in ("agency", "name", *MEASURE_COLUMNS)], _measure_rows(data))
    return [write_table_csv(*tables[key], folder / name) for key, name in CSV_FILES.items()]
