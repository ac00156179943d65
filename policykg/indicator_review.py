"""The review table of inferred indicators, for a planner to check and correct (``policykg indicators``).

One line per measure whose indicator was inferred (its document prints none of the 18 for it),
per document in reading order: where it is, what it says, the inferred indicator with its
confidence and deciding words, the runners-up, and an empty column to correct
(`policykg.loaders.indicator_corrections.REVIEW_COLUMNS`). Written as Excel or CSV; every cell
that comes from a document is written as text, so a measure that starts with ``=`` stays words
in Excel and LibreOffice (a string cell in the workbook; a leading ``'`` in CSV, which the
corrections reader removes again).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policykg.cells import CSV_QUOTING, sheet_cell
from policykg.loaders.indicator_corrections import REVIEW_COLUMNS
from policykg.loaders.indicator_inference import measure_text, needs_inference
from policykg.loaders.indicator_model import Prediction, load_model
from policykg.loaders.indicators import INDICATORS_EN
from policykg.messages import get_language
from policykg.records import Corpus

__all__ = ["review_records", "review_headers", "write_review", "safe_csv_cell"]



def _name(indicator: str | None, lang: str) -> str:
    if indicator is None:
        return "无" if lang == "zh" else "none"
    return INDICATORS_EN.get(indicator, indicator) if lang == "en" else indicator


def _alternatives(answer: str | None, prediction: Prediction, lang: str) -> list[str]:
    """The other candidates a planner is shown beside the answer.

    The three indicators the model finds most likely (``Prediction.indicators``) except the
    answer, so that the answer and its alternatives name those three (the figure BENCHMARKS.md
    calls top-3); then "none" with its probability when the answer is an indicator and "none"
    is among the three most likely classes, since a planner may then want to count it nowhere.
    """
    others = [f"{_name(c, lang)} {p:.2f}" for c, p in prediction.indicators if c != answer]
    if answer is not None:
        others += [f"{_name(c, lang)} {p:.2f}" for c, p in prediction.ranking if c is None]
    return others


def review_records(corpus: Corpus, lang: str | None = None) -> list[dict[str, Any]]:
    """One record per row with an inferred (or corrected) indicator, keyed as `REVIEW_COLUMNS`."""
    lang = lang or get_language()
    rows = [row for row in corpus.rows if needs_inference(row) and row.indicator_inferred_by is not None]
    predictions = load_model().predict_many([measure_text(r) for r in rows], top=3, evidence=0)
    out = []
    for row, prediction in zip(rows, predictions):
        others = _alternatives(row.indicator_inferred, prediction, lang)
        out.append({
            "source": row.source, "line": row.line, "seq": row.seq, "heading": row.indicator_raw, "item": row.item,
            "measure": row.measure, "inferred": _name(row.indicator_inferred, lang),
            "confidence": row.indicator_confidence, "evidence": "、".join(row.indicator_evidence),
            "alternatives": "；".join(others), "correction": "",
        })
    return out


def review_headers(lang: str | None = None) -> list[str]:
    """The column headers in the user's language (the corrections reader accepts both)."""
    index = 1 if (lang or get_language()) == "en" else 0
    return [names[index] for names in REVIEW_COLUMNS.values()]


def safe_csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP: a leading ``'`` before = + - @).

    >>> safe_csv_cell("=HYPERLINK(1)"), safe_csv_cell("-3"), safe_csv_cell("推进"), safe_csv_cell(0.5)
    ("'=HYPERLINK(1)", "'-3", '推进', 0.5)
    """
    return sheet_cell(value)


def write_review(records: Sequence[dict[str, Any]], path: Path, lang: str | None = None) -> None:
    """Write the review table as ``.xlsx`` (frozen header, filter, wide text columns) or ``.csv``."""
    headers = review_headers(lang)
    keys = list(REVIEW_COLUMNS)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as stream:  # the BOM lets Excel see UTF-8
            writer = csv.writer(stream, quoting=CSV_QUOTING)
            writer.writerow(headers)
            for record in records:
                writer.writerow([safe_csv_cell(record[k]) for k in keys])
        return
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "review" if (lang or get_language()) == "en" else "指标审核"
    sheet.append(headers)
    for record in records:
        sheet.append([sheet_cell(record[k], "xlsx", sheet) for k in keys])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = {"measure": 70, "item": 30, "heading": 24, "evidence": 24, "alternatives": 30, "correction": 18}
    for i, key in enumerate(keys, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(key, 12)
    workbook.save(path)
