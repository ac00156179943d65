"""Functional sectors of agencies: which kind of body a name denotes (公安, 税务, 供电企业, …).

A sector lets the same kind of body be compared across jurisdictions: 福清市公安局
and 泉州市公安局 are different agencies but both 公安. The rules are data
(``data/sectors.tsv``): ordered keyword → sector pairs, first match wins, so a
reviewer can add a keyword without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["SectorRule", "sector_rules", "classify_sector", "sector_label", "sector_names"]


@dataclass(frozen=True, slots=True)
class SectorRule:
    """One line of ``sectors.tsv``: names containing ``keyword`` belong to ``sector``.

    ``keyword`` may start with ``^`` (match only at the start of the name) or end
    with ``$`` (only at the end); ``label`` is the English name of the sector.
    """

    keyword: str
    sector: str
    label: str

    @property
    def pattern(self) -> re.Pattern[str]:
        return _anchored_pattern(self.keyword)


def _anchored_pattern(keyword: str) -> re.Pattern[str]:
    """A literal pattern honouring the ``^``/``$`` anchors of the data files."""
    start = keyword.startswith("^")
    end = keyword.endswith("$") and len(keyword) > 1
    core = keyword[1 if start else 0 : len(keyword) - 1 if end else len(keyword)]
    return re.compile(("^" if start else "") + re.escape(core) + ("$" if end else ""))


def _read_rules(text: str) -> tuple[SectorRule, ...]:
    rules: list[SectorRule] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("keyword\t"):
            continue
        keyword, sector, label = (line.split("\t") + ["", ""])[:3]
        rules.append(SectorRule(keyword, sector, label))
    return tuple(rules)


@lru_cache(maxsize=1)
def sector_rules() -> tuple[SectorRule, ...]:
    """The ordered rules of the bundled ``data/sectors.tsv`` (read once)."""
    text = (resources.files("policykg.loaders") / "data" / "sectors.tsv").read_text(encoding="utf-8")
    return _read_rules(text)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((rule.pattern, rule.sector) for rule in sector_rules())


@lru_cache(maxsize=65536)
def classify_sector(name: str) -> str | None:
    """The functional sector of an agency name, or None when no rule applies.

    ``name`` should be the normalised name (jurisdiction removed, abbreviations
    expanded, as `policykg.loaders.agencies` builds it), but raw names work for
    the common abbreviations too. Collectives are not classified here; the
    caller gives them no sector.

    Parameters
    ----------
    name : str
        An agency name such as ``"公安局交警大队"`` or ``"国网罗源供电公司"``.

    Returns
    -------
    str or None
        The Chinese sector name of the first matching rule.

    Examples
    --------
    >>> classify_sector("公安局交警大队"), classify_sector("住房公积金管理中心")
    ('公安', '公积金')
    >>> classify_sector("自然资源和规划局"), classify_sector("县资规局"), classify_sector("中介公司")
    ('自然资源', '自然资源', None)
    """
    for pattern, sector in _compiled():
        if pattern.search(name):
            return sector
    return None


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for rule in sector_rules():
        labels.setdefault(rule.sector, rule.label)
    return labels


def sector_label(sector: str | None) -> str | None:
    """The English label of a sector (``"税务"`` → ``"taxation"``), None if unknown.

    Examples
    --------
    >>> sector_label("供电企业"), sector_label(None)
    ('electricity supplier', None)
    """
    return _labels().get(sector) if sector else None


def sector_names() -> list[str]:
    """Every sector of the table once, in the order of first appearance."""
    return list(_labels())
