"""Planners' corrections of inferred indicators: the review table's columns, reading a corrected table, applying it.

``policykg indicators -o review.xlsx`` writes one line per measure whose indicator was inferred,
with an empty correction column (`REVIEW_COLUMNS`). A planner fills it in — one of the 18
indicators (aliases and English names are understood), or 无 / none for a measure that serves
none — and gives the file back with ``--corrections``: a correction then replaces the model's
answer on the next reading (``indicator_inferred_by`` becomes ``correction:<file>``, confidence
1.0). A printed indicator is never replaced.

A correction finds its row by document and line, checked against the start of the measure; when
the line moved (the document was edited), by the start of the measure alone. Bad lines of the
table never stop the reading: each gives one message naming the file and its line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from pathlib import Path

from policykg.cells import csv_text_original
from policykg.errors import InputError
from policykg.loaders.indicators import INDICATORS, INDICATORS_EN, canonical_indicator
from policykg.records import LoadResult, Row

__all__ = ["REVIEW_COLUMNS", "NONE_WORDS", "Correction", "Corrections", "read_corrections", "apply_corrections",
           "use_corrections", "active_corrections", "correction_value", "unescape_cell"]

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
NONE_WORDS = frozenset({"无", "none", "不属于", "非评价指标", "不属于任何指标", "n/a"})
_REQUIRED = ("source", "measure", "correction")
_MATCH_CHARS = 20  # a measure is recognised by its first characters, as the scorer of readings does


@dataclass(frozen=True, slots=True)
class Correction:
    """One filled-in line of a review table; ``indicator`` None means "serves none of the 18"."""

    source: str
    line: int | None
    measure: str
    indicator: str | None
    origin: str  # "review.xlsx:12", for messages


@dataclass(slots=True)
class Corrections:
    """A corrected review table: its corrections, and message codes about it (bad lines, rows not found)."""

    name: str
    items: list[Correction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    applied: int = 0


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
        return [[unescape_cell(v) for v in row] for row in csv.reader(stream)]


def read_corrections(path: str | Path) -> Corrections:
    """The filled-in lines of a review table (``.xlsx`` or ``.csv``) written by ``policykg indicators``.

    Raises
    ------
    InputError
        The file cannot be read at all, or lacks the table's columns.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: 文件不存在 / file not found")
    try:
        table = _table_rows(path)
    except (OSError, ValueError, KeyError, csv.Error) as exc:  # openpyxl raises these for a file that is no workbook
        raise InputError(f"{path}: 无法读取校正表 / cannot read the corrections table: {exc}") from exc
    headers = {text: key for key, names in REVIEW_COLUMNS.items() for text in names}
    columns = {headers[h.strip()]: i for i, h in enumerate(table[0] if table else []) if h.strip() in headers}
    missing = [REVIEW_COLUMNS[k][0] for k in _REQUIRED if k not in columns]
    if missing:
        raise InputError(f"{path}: 缺少列 / missing columns: {'、'.join(missing)} "
                         "（请使用 policykg indicators 生成的表格 / use a table written by `policykg indicators`）")
    out = Corrections(name=path.name)
    for number, cells in enumerate(table[1:], start=2):
        def cell(key: str) -> str:
            i = columns.get(key)
            return cells[i].strip() if i is not None and i < len(cells) and cells[i] else ""

        text = cell("correction")
        if not text:
            continue
        understood, indicator = correction_value(text)
        if not understood:
            out.problems.append(f"correction_bad_value:{path.name}|{number}|{text}")
            continue
        line = cell("line")
        out.items.append(Correction(source=cell("source"), line=int(line) if line.isdigit() else None,
                                    measure=cell("measure"), indicator=indicator, origin=f"{path.name}:{number}"))
    return out


def _start(text: str) -> str:
    return "".join(text.split())[:_MATCH_CHARS]


def _find(rows: list[Row], correction: Correction) -> int | None:
    start = _start(correction.measure)
    same_start = [i for i, row in enumerate(rows) if _start(row.measure) == start]
    for i in same_start:
        if rows[i].line == correction.line:
            return i
    return same_start[0] if len(same_start) == 1 else None


def apply_corrections(result: LoadResult, corrections: Corrections | None = None) -> LoadResult:
    """``result`` with the corrections for its document applied (in place; returned for chaining).

    ``corrections`` defaults to the table `use_corrections` set for this command, if any.
    """
    corrections = corrections if corrections is not None else _active
    if corrections is None or not result.rows:
        return result
    source = result.document.source
    mine = [c for c in corrections.items if c.source == source]
    for correction in mine:
        i = _find(result.rows, correction)
        if i is None:
            corrections.problems.append(f"correction_no_row:{correction.origin}|{source}|{correction.line}")
            continue
        row = result.rows[i]
        if row.indicator in INDICATORS:
            corrections.problems.append(f"correction_printed:{correction.origin}|{row.indicator}")
            continue
        result.rows[i] = replace(row, indicator_inferred=correction.indicator, indicator_confidence=1.0,
                                 indicator_evidence=(), indicator_inferred_by=f"correction:{corrections.name}")
        corrections.applied += 1
    return result


_active: Corrections | None = None


def use_corrections(corrections: Corrections | None) -> None:
    """Apply ``corrections`` to every document read from now on in this process (None: stop)."""
    global _active
    _active = corrections


def active_corrections() -> Corrections | None:
    return _active
