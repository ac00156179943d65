"""How indicator and sector names are shown: as the documents print them, or translated for ``--lang en``.

The translations live with the reading rules (``loaders/indicators.py``,
``loaders/data/sectors.tsv``); the pictures and reports do not read the loaders,
so the caller hands them over in a `Names` (``policykg.pipeline.display_names``).
Agency and place names are proper names and stay as printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Names", "PLAIN"]


@dataclass(frozen=True, slots=True)
class Names:
    """Indicator and sector names in the reader's language.

    Examples
    --------
    >>> names = Names("en", indicators={"纳税": "Paying taxes"}, sectors={"税务": "taxation"})
    >>> names.indicator("纳税"), names.sector("税务"), names.sector("未知"), names.indicator(None)
    ('Paying taxes', 'taxation', '未知', None)
    >>> Names("zh", indicators={"纳税": "Paying taxes"}).indicator("纳税")
    '纳税'
    """

    lang: str = "zh"
    indicators: Mapping[str, str] = field(default_factory=dict)
    sectors: Mapping[str, str] = field(default_factory=dict)

    def indicator(self, name: str | None) -> str | None:
        """The indicator's name to show (a theme or unknown name as printed)."""
        if name is None or self.lang != "en":
            return name
        return self.indicators.get(name, name)

    def sector(self, name: str | None) -> str | None:
        """The sector's name to show."""
        if name is None or self.lang != "en":
            return name
        return self.sectors.get(name, name)


PLAIN = Names()
