"""The gazetteer: China's provinces, prefectures and counties with their hierarchy.

Unit-name rule 4 needs to know whether a name "carries its own place" (泉州海关,
惠安银保监组 do; 税务局 does not), and document facts need a jurisdiction and
its parent (福清市 in 福州市 in 福建省). Both come from one table,
``data/places.tsv`` (administrative division codes; see its header for
provenance), read once and indexed by full and short name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Place", "Gazetteer", "gazetteer", "short_name"]

# Suffixes stripped to get a place's short name (福清市 → 福清, 泉港区 → 泉港).
_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
    "自治县", "自治旗", "地区", "林区", "特区", "省", "市", "县", "区", "盟", "旗",
)
# Short names that are also the first word of common department names
# (公安局, 港口企业, 市中级人民法院) and so must not be read as places.
_NOT_PLACES = frozenset({"公安", "港口", "市中", "城关", "城区", "郊区", "矿区", "新区", "城中", "海港"})


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division: ``level`` is province, prefecture or county."""

    adcode: str
    name: str
    level: str
    parent: str | None

    @property
    def short(self) -> str:
        return short_name(self.name)


def short_name(name: str) -> str:
    """The name without its administrative suffix (福清市 → 福清, 广西壮族自治区 → 广西).

    Examples
    --------
    >>> short_name("泉港区"), short_name("内蒙古自治区"), short_name("萧县")
    ('泉港', '内蒙古', '萧县')
    """
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            # 延边朝鲜族自治州 → 延边: drop a trailing ethnic-group name too
            stem = re.sub(r"(?<=..)[\u4e00-\u9fff]{1,4}族$", "", stem) if suffix.startswith("自治") else stem
            return stem
    return name


class Gazetteer:
    """Lookup of places by full name, short name and code."""

    def __init__(self, places: list[Place]) -> None:
        self.by_code: dict[str, Place] = {p.adcode: p for p in places}
        self._by_name: dict[str, list[Place]] = {}
        for p in places:
            for key in {p.name, p.short}:
                if len(key) >= 2 and key not in _NOT_PLACES:
                    self._by_name.setdefault(key, []).append(p)
        self._max_len = max(len(k) for k in self._by_name)

    def lookup(self, name: str) -> list[Place]:
        """All places whose full or short name is ``name`` (鼓楼 → four 鼓楼区)."""
        return list(self._by_name.get(name, ()))

    def parent(self, place: Place) -> Place | None:
        return self.by_code.get(place.parent) if place.parent else None

    def ancestors(self, place: Place) -> list[Place]:
        """Parent, grandparent, … up to the province."""
        out: list[Place] = []
        p = self.parent(place)
        while p is not None:
            out.append(p)
            p = self.parent(p)
        return out

    def prefix_place(self, text: str) -> str | None:
        """The longest place name (full or short) that ``text`` starts with, if any.

        Examples
        --------
        >>> g = gazetteer()
        >>> g.prefix_place("惠安银保监组"), g.prefix_place("福清市税务局"), g.prefix_place("公安局")
        ('惠安', '福清市', None)
        """
        for n in range(min(self._max_len, len(text)), 1, -1):
            if text[:n] in self._by_name:
                return text[:n]
        return None

    def find_all(self, text: str) -> list[tuple[int, str]]:
        """Every (position, name) where a full place name occurs in ``text``, longest first at each position."""
        hits: list[tuple[int, str]] = []
        i = 0
        while i < len(text):
            for n in range(min(self._max_len, len(text) - i), 1, -1):
                cand = text[i : i + n]
                if cand in self._by_name and any(p.name == cand for p in self._by_name[cand]):
                    hits.append((i, cand))
                    i += n - 1
                    break
            i += 1
        return hits


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer built from the bundled ``data/places.tsv`` (read once)."""
    text = (resources.files("policykg.loaders") / "data" / "places.tsv").read_text(encoding="utf-8")
    places: list[Place] = []
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("adcode\t"):
            continue
        code, name, level, parent = (line.split("\t") + [""])[:4]
        places.append(Place(code, name, level, parent or None))
    return Gazetteer(places)
