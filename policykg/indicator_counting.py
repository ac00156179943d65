"""Which indicator a measure counts under: printed only, or printed then inferred above a threshold.

The rule every count by indicator follows, so that they agree: the build-time tallies of each
document graph (pkg:leadCountedIndicator / pkg:responsibleCountedIndicator, which the SPARQL
cross_cutting_ranking sums), the same query in Cypher (which states the threshold itself), the
report's metrics and the heatmap. Reading gives a row an inferred
indicator only where its document prints none of the 18 (`policykg.loaders.indicator_inference`),
so a printed indicator always wins; a printed local category ("组织保障") gives way to an inferred
indicator that counts.
"""

from __future__ import annotations

from typing import Literal

from policykg.messages import render
from policykg.records import Row

__all__ = ["DEFAULT_THRESHOLD", "IndicatorBasis", "INDICATOR_BASES", "counted_indicator", "basis_threshold",
           "basis_label"]

# Chosen from the evaluation's precision-at-threshold table (BENCHMARKS.md, "Inferred indicators").
DEFAULT_THRESHOLD = 0.4

IndicatorBasis = Literal["inferred", "printed"]
# "inferred": printed, else inferred at DEFAULT_THRESHOLD (the default); "printed": printed only
INDICATOR_BASES: tuple[IndicatorBasis, ...] = ("inferred", "printed")


def basis_threshold(basis: IndicatorBasis) -> float | None:
    """The threshold of `counted_indicator` for a basis (None: printed only).

    >>> basis_threshold("inferred"), basis_threshold("printed")
    (0.4, None)
    """
    if basis not in INDICATOR_BASES:
        raise ValueError(f"indicator basis {basis!r}: one of {', '.join(INDICATOR_BASES)}")
    return DEFAULT_THRESHOLD if basis == "inferred" else None


def basis_label(basis: IndicatorBasis, lang: str | None = None) -> str:
    """What a count by indicator counts, said to a person (reports and pictures print it).

    >>> basis_label("inferred", "en"), basis_label("printed", "zh")
    ('indicators: as printed, else inferred at confidence ≥ 0.4', '指标：仅计印发的指标')
    """
    return render(f"indicators_counted_{basis}", lang, threshold=basis_threshold(basis))


def counted_indicator(row: Row, threshold: float | None = DEFAULT_THRESHOLD) -> str | None:
    """The one indicator a row counts under: its inferred indicator when its confidence is at or
    above ``threshold``, else what the document prints (one of the 18, a local category such as
    "组织保障", or None).

    ``threshold=None`` counts printed indicators only (`Row.indicator` as it is).

    >>> row = Row("a.txt", "1", "持续提升投资服务水平", None, None, "推进电子税务局建设", (), (), None, None, None, 3,
    ...           indicator_inferred="纳税", indicator_confidence=0.81)
    >>> counted_indicator(row), counted_indicator(row, 0.9), counted_indicator(row, None)
    ('纳税', None, None)
    >>> local = Row("a.txt", "2", "组织保障", "组织保障", None, "加强组织领导", (), (), None, None, None, 4,
    ...             indicator_inferred=None, indicator_confidence=0.7)
    >>> counted_indicator(local)
    '组织保障'
    """
    if (threshold is not None and row.indicator_inferred is not None and row.indicator_confidence is not None
            and row.indicator_confidence >= threshold):
        return row.indicator_inferred
    return row.indicator
