"""The step after reading: an evaluation indicator for every measure whose document prints none.

Printed indicators always win: a row whose ``indicator`` is one of the 18 is left as it is. Every
other row (under a theme such as "持续提升投资服务水平", under a local category such as "组织保障",
or under no heading at all) gets the shipped model's answer in fields of its own, so the printed
reading is never changed:

- ``indicator_inferred``: a canonical indicator, or None when the measure most likely serves none;
- ``indicator_confidence``: the model's probability of that answer (1.0 for a planner's correction);
- ``indicator_evidence``: the words of the measure that decided it;
- ``indicator_inferred_by``: the model's id, or ``correction:<file>`` for a planner's correction.

Whether an inferred indicator counts is the reader's choice: `counted_indicator` (`policykg.indicator_counting`) gives the printed
one, else the inferred one at or above a threshold (`DEFAULT_THRESHOLD`, chosen from the
leave-one-document-out evaluation in BENCHMARKS.md), else a printed local category.
"""

from __future__ import annotations

from dataclasses import replace

from policykg.indicator_counting import DEFAULT_THRESHOLD, counted_indicator
from policykg.loaders.indicator_model import IndicatorModel, load_model
from policykg.loaders.indicator_text import MeasureText
from policykg.loaders.indicators import INDICATORS
from policykg.records import LoadResult, Row

__all__ = ["DEFAULT_THRESHOLD", "infer_indicators", "infer_rows", "infer_row", "needs_inference", "measure_text",
           "counted_indicator"]


_INDICATORS = frozenset(INDICATORS)


def needs_inference(row: Row) -> bool:
    """A row whose document prints none of the 18 indicators for it."""
    return row.indicator not in _INDICATORS


def measure_text(row: Row) -> MeasureText:
    """What the model reads of a row: its measure, item, and the printed category when it is not one of the 18."""
    heading = row.indicator_raw if row.indicator not in _INDICATORS else None
    return MeasureText(measure=row.measure, item=row.item, heading=heading)


def infer_row(row: Row, model: IndicatorModel | None = None) -> Row:
    """The row with its inferred indicator, confidence, evidence and model id (unchanged when printed)."""
    return infer_rows([row], model)[0]


def infer_rows(rows: list[Row], model: IndicatorModel | None = None) -> list[Row]:
    """`infer_row` of each row, the rows that need it scored together (as fast per row as the model gets)."""
    wanted = [i for i, row in enumerate(rows) if needs_inference(row)]
    if not wanted:
        return rows
    model = model or load_model()
    out = list(rows)
    for i, prediction in zip(wanted, model.predict_many([measure_text(rows[i]) for i in wanted])):
        out[i] = replace(rows[i], indicator_inferred=prediction.indicator,
                         indicator_confidence=round(prediction.confidence, 4),
                         indicator_evidence=prediction.evidence, indicator_inferred_by=model.id)
    return out


def infer_indicators(result: LoadResult, model: IndicatorModel | None = None) -> LoadResult:
    """``result`` with its rows inferred (`infer_rows`; in place, the result is returned for chaining)."""
    result.rows = infer_rows(result.rows, model)
    return result
