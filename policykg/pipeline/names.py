"""The names pictures and reports show for indicators and sectors, from the reading rules' own tables."""

from __future__ import annotations

from policykg.loaders.indicators import INDICATORS_EN
from policykg.loaders.sectors import sector_label, sector_names
from policykg.visualizations.names import Names

__all__ = ["display_names"]


def display_names(lang: str) -> Names:
    """Indicator and sector names in ``lang``: the English of ``INDICATORS_EN`` and ``sectors.tsv`` for "en".

    Examples
    --------
    >>> names = display_names("en")
    >>> names.indicator("开办企业"), names.sector("税务")
    ('Starting a business', 'taxation')
    """
    sectors = {s: label for s in sector_names() if (label := sector_label(s))}
    return Names(lang, dict(INDICATORS_EN), sectors)
