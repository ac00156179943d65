"""Planners' corrections of inferred indicators: the review table's columns, reading a corrected table, applying it.

``policykg indicators -o review.xlsx`` writes one line per measure whose indicator was inferred,
with an empty correction column (`REVIEW_COLUMNS`). A planner fills it in — one of the 18
indicators (aliases and English names are understood), or 无 / none for a measure that serves
none — and gives the file back with ``--corrections``: a correction then replaces the model's
answer where the documents are read (``indicator_inferred_by`` becomes ``correction:<file>``,
confidence 1.0). A printed indicator is never replaced.

A correction finds its row by document and line, checked against the start of the measure; when
the line moved (the document was edited), by the start of the measure alone. Bad lines of the
table never stop the reading: each gives one message naming the file and its line. A table is
plain data (`Corrections`), handed to whoever reads documents — worker processes included — and
kept with a store as `Corrections.text` (`policykg.pipeline.kept_corrections`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from policykg.cells import CSV_QUOTING, csv_text, csv_text_original
from policykg.errors import InputError
from policykg.loaders.indicators import INDICATORS, INDICATORS_EN, canonical_indicator
from policykg.records import CORRECTION_PREFIX, LoadResult, Row

__all__ = ["REVIEW_COLUMNS", "NONE_WORDS", "CORRECTION_PREFIX", "Correction", "Corrections", "CorrectionsError",
           "read_corrections", "parse_corrections", "apply_corrections", "correction_value", "unescape_cell"]

# key → (Chinese header, English header); the reader accepts either.
REVIEW_COLUMNS: dict[str, tuple[str, str]] = {
    "source": ("文件", "source"),
    "line": ("行号", "line"),
    "seq": ("序号", "seq"),
    "heading": ("所属类别", "heading"),
    "item": ("事项", "item"),
    "measure": ("具体措施", "measure"),
    "inferred": ("推断指标", "inferred indicator"),
    "confidence": ("置信度", "confidence"),
    "evidence": ("判断依据", "evidence"),
    "alternatives": ("其他候选", "alternatives"),
    "correction": ("校正指标（请填写）", "correction (fill in)"),
}
# Columns of the table a store keeps (`Corrections.text`): the review table's keys, and where each line came from.
_KEPT_COLUMNS = ("source", "line", "measure", "correction", "origin")
_HEADERS = {**{text: key for key, names in REVIEW_COLUMNS.items() for text in names},
            **{key: key for key in _KEPT_COLUMNS}, "来源": "origin"}
NONE_WORDS = frozenset({"无", "none", "不属于", "非评价指标", "不属于任何指标", "n/a"})
_REQUIRED = ("source", "measure", "correction")
_MATCH_CHARS = 20  # a measure is recognised by its first characters, as the scorer of readings does


class CorrectionsError(InputError):
    """A corrections table cannot be used at all: missing, unreadable, or without the table's columns."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One filled-in line of a review table; ``indicator`` None means "serves none of the 18"."""

    source: str
    line: int | None
    measure: str
    indicator: str | None
    origin: str  # "review.xlsx:12": the table and its line, for messages and provenance

    @property
    def table(self) -> str:
        """The file name of the table the planner filled in (``review.xlsx``)."""
        return self.origin.rpartition(":")[0] or self.origin


@dataclass(frozen=True, slots=True)
class Corrections:
    """A corrected review table: its usable lines, and message codes about the lines it ignores.

    Plain data: it is pickled to the processes that read documents, and kept with a store as `text`.
    """

    path: str
    items: tuple[Correction, ...] = ()
    problems: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def for_sources(self, sources: Iterable[str]) -> Corrections:
        """The corrections of these documents only (what a worker reading them needs)."""
        wanted = set(sources)
        return replace(self, items=tuple(c for c in self.items if c.source in wanted), problems=())

    @property
    def text(self) -> str:
        """The usable lines as a CSV a store keeps, readable again by `parse_corrections` (origins kept)."""
        stream = io.StringIO()
        writer = csv.writer(stream, quoting=CSV_QUOTING, lineterminator="\n")
        writer.writerow(_KEPT_COLUMNS)
        for c in self.items:
            writer.writerow([csv_text(c.source), "" if c.line is None else str(c.line), csv_text(c.measure),
                             "none" if c.indicator is None else c.indicator, csv_text(c.origin)])
        return stream.getvalue()


def unescape_cell(value: str) -> str:
    """A CSV cell as the document printed it: the ``'`` that kept it from being a formula removed."""
    return csv_text_original(value)


def correction_value(text: str) -> tuple[bool, str | None]:
    """(understood, indicator) for a correction cell: a canonical name, an alias, an English name, or none.

    >>> correction_value("不动产登记"), correction_value("Paying taxes"), correction_value("无"), correction_value("x")
    ((True, '登记财产'), (True, '纳税'), (True, None), (False, None))
    """
    value = text.strip()
    if value.lower() in NONE_WORDS:
        return True, None
    english = {v.lower(): k for k, v in INDICATORS_EN.items()}
    if value.lower() in english:
        return True, english[value.lower()]
    canonical = canonical_indicator(value)
    return (True, canonical) if canonical in INDICATORS else (False, None)


def _table_rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return _csv_rows(stream.read())


def _csv_rows(text: str) -> list[list[str]]:
    return [[unescape_cell(v) for v in row] for row in csv.reader(io.StringIO(text, newline=""))]


def read_corrections(path: str | Path) -> Corrections:
    """The filled-in lines of a review table (``.xlsx`` or ``.csv``) written by ``policykg indicators``.

    Raises
    ------
    CorrectionsError
        The file cannot be read at all, or lacks the table's columns.
    """
    path = Path(path)
    if not path.is_file():
        raise CorrectionsError("corrections_not_found", path=path)
    try:
        table = _table_rows(path)
    except (OSError, ValueError, KeyError, csv.Error) as exc:  # openpyxl raises these for a file that is no workbook
        raise CorrectionsError("corrections_unreadable", path=path, reason=exc) from exc
    return _corrections(str(path), path.name, table)


def parse_corrections(text: str, path: str, name: str | None = None) -> Corrections:
    """`read_corrections` of a CSV text (a kept table); ``name`` is the table's file name for line origins.

    >>> kept = parse_corrections("文件,具体措施,校正指标（请填写）\\na.txt,推进电子税务局建设,纳税\\n", "review.csv")
    >>> kept.items[0].indicator, kept.items[0].origin
    ('纳税', 'review.csv:2')
    >>> parse_corrections(kept.text, "kept.csv").items == kept.items
    True
    """
    return _corrections(path, name or Path(path).name, _csv_rows(text))


def _corrections(path: str, name: str, table: list[list[str]]) -> Corrections:
    columns = {_HEADERS[h.strip()]: i for i, h in enumerate(table[0] if table else []) if h.strip() in _HEADERS}
    missing = [REVIEW_COLUMNS[k][0] for k in _REQUIRED if k not in columns]
    if missing:
        raise CorrectionsError("corrections_missing_columns", path=path, columns="、".join(missing))
    items: list[Correction] = []
    problems: list[str] = []
    for number, cells in enumerate(table[1:], start=2):
        def cell(key: str) -> str:
            i = columns.get(key)
            return cells[i].strip() if i is not None and i < len(cells) and cells[i] else ""

        text = cell("correction")
        if not text:
            continue
        understood, indicator = correction_value(text)
        if not understood:
            problems.append(f"correction_bad_value:{name}|{number}|{text}")
            continue
        line = cell("line")
        items.append(Correction(source=cell("source"), line=int(line) if line.isdigit() else None,
                                measure=cell("measure"), indicator=indicator,
                                origin=cell("origin") or f"{name}:{number}"))
    return Corrections(path, tuple(items), tuple(problems))


def _start(text: str) -> str:
    return "".join(text.split())[:_MATCH_CHARS]


def _find(rows: list[Row], correction: Correction) -> int | None:
    start = _start(correction.measure)
    same_start = [i for i, row in enumerate(rows) if _start(row.measure) == start]
    for i in same_start:
        if rows[i].line == correction.line:
            return i
    return same_start[0] if len(same_start) == 1 else None


def apply_corrections(result: LoadResult, corrections: Corrections | None) -> LoadResult:
    """``result`` with the corrections for its document applied (in place; returned for chaining).

    A correction that finds no row, or a row whose document prints its indicator, is not applied:
    its message code (``correction_no_row``, ``correction_printed``) joins the result's
    ``corrections_not_applied``.
    """
    if corrections is None or not corrections.items or not result.rows:
        return result
    source = result.document.source
    for correction in corrections.items:
        if correction.source != source:
            continue
        i = _find(result.rows, correction)
        if i is None:
            result.corrections_not_applied.append(f"correction_no_row:{correction.origin}|{source}|{correction.line}")
            continue
        row = result.rows[i]
        if row.indicator in INDICATORS:
            result.corrections_not_applied.append(f"correction_printed:{correction.origin}|{row.indicator}")
            continue
        result.rows[i] = replace(row, indicator_inferred=correction.indicator, indicator_confidence=1.0,
                                 indicator_evidence=(), indicator_inferred_by=CORRECTION_PREFIX + correction.table)
    return result
