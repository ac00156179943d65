"""Turning what the loaders read into records people and pipes can use.

Shared by ``policykg extract``, ``policykg agencies`` and ``policykg run``: the
per-row export records (reading-rules fields plus agency ids), the rejects
table, the one-line summary per document, and the writers for JSON Lines, CSV
and Excel. Lives in the package root because it joins loaders and records for
the CLI; the loaders themselves never format anything.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from policykg.cells import CSV_QUOTING, sheet_cell
from policykg.messages import render
from policykg.records import ROW_FIELDS, Corpus, LoadResult

__all__ = [
    "EXTRACT_COLUMNS",
    "REJECT_COLUMNS",
    "AGENCY_COLUMNS",
    "row_records",
    "reject_records",
    "document_summary",
    "write_jsonl",
    "write_csv",
    "write_xlsx",
]

EXTRACT_COLUMNS: tuple[str, ...] = ROW_FIELDS + ("lead_ids", "responsible_ids")
REJECT_COLUMNS: tuple[str, ...] = ("source", "line", "seq", "reason", "text")
AGENCY_COLUMNS: tuple[str, ...] = ("agency", "name", "jurisdiction", "sector", "kind", "surface_names", "lead_rows",
                                   "responsible_rows")


def row_records(corpus: Corpus, lang: str | None = None) -> list[dict[str, Any]]:
    """One record per row: the reading-rules fields, warnings rendered, and the agency ids."""
    out = []
    for row in corpus.rows:
        record = row.to_dict()
        record["warnings"] = [render(w, lang) for w in row.warnings]
        record["lead_ids"] = corpus.lead_ids(row)
        record["responsible_ids"] = corpus.responsible_ids(row)
        out.append(record)
    return out


def reject_records(results: Iterable[LoadResult], lang: str | None = None) -> list[dict[str, Any]]:
    """Every numbered row that could not be read, with its line and the reason."""
    out = []
    for result in results:
        for reject in result.rejects:
            record = reject.to_dict()
            record["reason"] = render(reject.reason, lang)
            out.append(record)
    return out


def document_summary(result: LoadResult, lang: str | None = None) -> str:
    """One line per document: rows, warnings, rejects, and its problems.

    >>> from policykg.records import Document
    >>> document_summary(LoadResult(Document("a.txt")), "en")
    'a.txt: 0 rows, 0 with warnings, 0 rejected'
    """
    warned = sum(1 for r in result.rows if r.warnings)
    line = render("document_summary", lang, source=result.document.source, rows=len(result.rows), warned=warned,
                  rejects=len(result.rejects))
    problems = [render(p, lang) for p in result.problems]
    return line + ("; " + "; ".join(problems) if problems else "")


def write_jsonl(records: Sequence[dict[str, Any]], columns: Sequence[str], stream: TextIO) -> None:
    for record in records:
        stream.write(json.dumps({c: record.get(c) for c in columns}, ensure_ascii=False) + "\n")


def write_csv(records: Sequence[dict[str, Any]], columns: Sequence[str], stream: TextIO) -> None:
    """Records as CSV: list columns joined with 、, text cells quoted and never a formula (`sheet_cell`)."""
    writer = csv.writer(stream, quoting=CSV_QUOTING)
    writer.writerow(columns)
    for record in records:
        writer.writerow([sheet_cell(record.get(c)) for c in columns])


def write_xlsx(records: Sequence[dict[str, Any]], columns: Sequence[str], path: Path, sheet: str = "rows") -> None:
    """An Excel sheet with a frozen header row and an autofilter; lists joined with 、, text always text."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(columns))
    for record in records:
        ws.append([sheet_cell(record.get(c), "xlsx", ws) for c in columns])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, column in enumerate(columns, start=1):
        width = max([len(str(column))] + [min(len(str(sheet_cell(r.get(column)))), 60) for r in records[:200]])
        ws.column_dimensions[get_column_letter(i)].width = min(max(8, width * 1.6), 80)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
