"""Reading one unit name in its document: its jurisdiction, normalised key and display name.

Reading-rules.md, unit names rule 6: a surface name is kept as written in the
row; resolving it is a separate step. A name is read in its document:
``市公安局`` in the 福清市 plan is 福清市公安局, in a 罗源县 plan it is 福州市公安局.
`resolve_name` is pure and cached; `policykg.loaders.agencies` groups the
resolutions of a corpus into agencies. The rules, none of them a guess (edit
distance is meaningless for Chinese names, see pitfalls.md):

1. a reviewed alias table (``data/agency_aliases.tsv``) replaces names the rules
   cannot tie to their body;
2. the jurisdiction comes from a 省/市/县/区 prefix, else a place name in the name
   (gazetteer), else the document's own jurisdiction;
3. the rest of the name is normalised by the abbreviation rules of
   ``data/abbreviations.tsv`` (资规 → 自然资源和规划) into the agency key;
4. collectives (各有关单位, 市直有关单位, …) belong to their document only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from policykg.identities import jurisdiction_key
from policykg.loaders.places import Place, gazetteer
from policykg.records import Document

__all__ = ["NameResolution", "resolve_name"]

# Words that start with a level character but carry no prefix (市场监管局 is not 市+场监管局).
# 县城监大队 is 县+城监大队, so 县城 is not listed.
_NOT_PREFIX = ("市场", "市区", "市容", "市县", "市内", "区域", "区块", "区县", "区内", "县域", "县内", "省份", "省内")
# 市政 and 市民 are words only before these (市政管养公司, 市民服务中心); elsewhere the
# 市 is a prefix: 市政府, 市政务服务中心, 市政协, 市政法委, 市民政局.
_WORD_ONLY_BEFORE = {
    "市政": ("工程", "管", "公用", "设施", "建设", "园林", "集团", "公司", "养护", "市容"),
    "市民": ("服务", "中心", "卡", "之家"),
}
_LEVEL_CHARS = "省市县区州盟旗"
# A short place name inside a name (not at its start) counts only next to these
# (人行福清支行, 榕城海关驻福清办事处, 国网罗源供电公司, 中闽（罗源）水务有限公司);
# elsewhere a two-character place name is too often part of a word (政和 in 财政和…).
_BRANCH_MARKERS = (
    "支行", "分行", "分公司", "子公司", "供电", "分局", "办事处", "管理部", "营业部", "分中心",
    "分部", "银保监", "监管组", "税务局", "海关", "公安局", "大队", "支队", "中队", "）", ")",
)
_BEFORE_MARKERS = ("驻", "（", "(")
# Collectives (reading-rules.md, unit names rule 5): several bodies named at once.
_COLLECTIVE_STARTS = ("各", "有关", "相关", "全县", "全市", "全区", "全省", "其他", "其它", "所有", "其余")
_COLLECTIVE_PARTS = ("各", "成员单位", "有关单位", "相关单位", "有关部门", "相关部门")
_COLLECTIVE_ENDS = ("单位", "部门", "机构", "企业")
# Kinds of body, not one body: 商业银行 are the commercial banks of the place.
_COLLECTIVE_KINDS = frozenset({
    "银行", "商业银行", "中介公司", "船公司", "保险公司", "行业协会", "商会", "行业协会商会",
    "律师事务所", "医院", "学校", "高校", "村委会", "居委会", "社区居委会", "乡镇", "乡镇政府",
    "乡镇人民政府", "街道", "镇街", "园区",
})
_PARTY_PREFIXES = ("中国共产党", "中共")
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class _Juris:
    """A jurisdiction as agencies need it: its name, its id code and its parent's name.

    ``code`` is `policykg.identities.jurisdiction_key` of the place (its division
    code, else parent·name); ``adcode`` and ``parent_adcode`` the division codes when known.
    """

    name: str
    code: str
    parent: str | None
    place: Place | None = None
    adcode: str | None = None
    parent_adcode: str | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    """The facts of a document that decide where its names belong (the cache key)."""

    jurisdiction: str | None
    parent: str | None
    province: str | None
    adcode: str | None


@dataclass(frozen=True, slots=True)
class NameResolution:
    """How one surface name of one document was read.

    ``key`` is the normalised name without its jurisdiction (自然资源和规划局);
    ``code`` the jurisdiction's key (its adcode, else parent·name); ``display`` the
    qualified name this surface suggests (罗源县资规局); ``full`` is False when the
    abbreviation rules lengthened the name, so a full form is preferred as the
    agency's name. ``qualified`` tells whether the name carried its own prefix
    or place rather than taking the document's jurisdiction.
    """

    surface: str
    kind: str
    key: str
    code: str | None
    jurisdiction: str | None
    parent: str | None
    display: str
    full: bool
    qualified: bool
    adcode: str | None = None
    parent_adcode: str | None = None

    def agency_id(self, source: str) -> str:
        """The agency id: ``{code}/{key}``; collectives also carry their document.

        A document of unknown jurisdiction stands in for its code (``doc-{stem}``),
        so its bare names never merge with another document's. The one ``/``
        separates code and key (a ``/`` inside a name becomes ``／``).
        """
        stem = _source_stem(source)
        code = self.code or f"doc-{stem}"
        key = self.key.replace("/", "／")
        if self.kind == "collective":
            return f"{code}/{key}@{stem}"
        return f"{code}/{key}"


def _source_stem(source: str) -> str:
    stem = re.split(r"[\\/]", source)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return re.sub(r"[\s/]+", "_", stem)


def _anchored(pattern: str) -> re.Pattern[str]:
    start, end = pattern.startswith("^"), pattern.endswith("$") and len(pattern) > 1
    core = pattern[1 if start else 0 : len(pattern) - 1 if end else len(pattern)]
    return re.compile(("^" if start else "") + re.escape(core) + ("$" if end else ""))


def _data_lines(filename: str, header: str) -> list[list[str]]:
    text = (resources.files("policykg.loaders") / "data" / filename).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and not line.startswith(header + "\t"):
            out.append((line.split("\t") + ["", ""])[:3])
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_anchored(p), r) for p, r, _ in _data_lines("abbreviations.tsv", "pattern"))


@lru_cache(maxsize=1)
def _aliases() -> dict[tuple[str, str], str]:
    return {(j, a): c for j, a, c in _data_lines("agency_aliases.tsv", "jurisdiction")}


def _normalise(rest: str) -> str:
    """The agency key: abbreviations expanded (县资规局 → 自然资源和规划局 once 县 is gone)."""
    key = rest
    for pattern, replacement in _abbreviations():
        key = pattern.sub(replacement, key)
    return key or "人民政府"  # a bare place name (福清市) or level (市) names its government


def _is_collective(name: str, rest: str) -> bool:
    """Rule 5 collectives: 各…, 有关…, …成员单位, …部门, and kinds of body (商业银行)."""
    for text in (name, rest):
        if text.startswith(_COLLECTIVE_STARTS) or text.endswith(_COLLECTIVE_ENDS):
            return True
        if any(part in text for part in _COLLECTIVE_PARTS):
            return True
    return name in _COLLECTIVE_KINDS  # 商业银行 alone; 泉州商业银行 is one bank


def _level_prefix(name: str) -> str | None:
    """The 省/市/县/区 prefix of a name, or None (市场监管局 has none, 市市场监管局 has 市)."""
    if len(name) < 2 or name[0] not in _LEVEL_CHARS or name.startswith(_NOT_PREFIX):
        return None
    followers = _WORD_ONLY_BEFORE.get(name[:2])
    if followers is not None and name[2:].startswith(followers):
        return None
    return name[0]


# --- the document's places -----------------------------------------------------------------------


def _juris(place: Place) -> _Juris:
    g = gazetteer()
    parent = g.parent(place)
    if parent is not None and parent.name == place.name:  # 北京市 the prefecture is 北京市 the province
        return _juris(parent)
    grand = g.parent(parent) if parent is not None else None
    if parent is not None and grand is not None and grand.name == parent.name:
        parent = grand
    return _Juris(place.name, place.adcode, parent.name if parent else None, place, place.adcode,
                  parent.adcode if parent else None)


def _find_place(name: str | None, parent: str | None = None, province: str | None = None) -> Place | None:
    if not name:
        return None
    g = gazetteer()
    found = [p for p in g.lookup(name) if p.name == name] or g.lookup(name)
    if len(found) > 1 and (parent or province):
        found = [p for p in found if {a.name for a in g.ancestors(p)} & {parent, province}] or found
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class _DocPlaces:
    own: _Juris | None
    parent: _Juris | None
    province: _Juris | None


@lru_cache(maxsize=4096)
def _doc_places(ctx: _Context) -> _DocPlaces:
    """The document's jurisdiction, parent and province, as gazetteer places where possible."""
    g = gazetteer()
    place = g.by_code.get(ctx.adcode or "") or _find_place(ctx.jurisdiction, ctx.parent, ctx.province)
    if place is not None and ctx.jurisdiction and place.short not in ctx.jurisdiction:
        place = _find_place(ctx.jurisdiction, ctx.parent, ctx.province)  # adcode and name disagree: the name wins
    parent = g.parent(place) if place is not None else _find_place(ctx.parent, None, ctx.province)
    anchor = place or parent
    province = None
    if anchor is not None:
        province = next((p for p in (anchor, *g.ancestors(anchor)) if p.level == "province"), None)
    province = province or _find_place(ctx.province)

    own: _Juris | None = None
    if place is not None:
        j = _juris(place)
        same_parent = ctx.parent in (None, j.parent)
        own = _Juris(j.name, j.code, ctx.parent or j.parent, j.place, j.adcode, j.parent_adcode if same_parent else None)
    elif ctx.jurisdiction:
        own = _Juris(ctx.jurisdiction, jurisdiction_key(ctx.jurisdiction, ctx.adcode, ctx.parent), ctx.parent,
                     adcode=ctx.adcode)
    parent_j = _juris(parent) if parent is not None else (
        _Juris(ctx.parent, jurisdiction_key(ctx.parent, None, ctx.province), ctx.province) if ctx.parent else None)
    province_j = _juris(province) if province is not None else (
        _Juris(ctx.province, ctx.province, None) if ctx.province else None)
    return _DocPlaces(own, parent_j, province_j)


def _within(place: Place, area: _Juris | None) -> bool:
    if area is None or area.place is None:
        return False
    if place.adcode == area.place.adcode:
        return True
    return any(a.adcode == area.place.adcode for a in gazetteer().ancestors(place))


def _pick_place(text: str, doc: _DocPlaces, *, inside: bool) -> Place | None:
    """The place a matched name denotes, preferring the document's own area.

    At the start of a name any place of the province counts (鼓楼 in a 福州 plan is
    福州市鼓楼区), and a full name (江苏省…) anywhere; a short name from another
    province is a word, not a place (江阴港务管理站 in 福清 is 福清's 江阴 port).
    Inside a name only places of the province count. A document whose province is
    unknown accepts any place.
    """
    best: tuple[int, int, str] | None = None
    chosen: Place | None = None
    for place in gazetteer().lookup(text):
        if _within(place, doc.own):
            rank = 0
        elif _within(place, doc.parent):
            rank = 1
        elif _within(place, doc.province):
            rank = 2
        elif place.name == text and not inside:
            rank = 3
        elif doc.province is None:
            rank = 4  # a document of unknown place: any place will do
        else:
            continue
        order = (rank, _LEVEL_RANK.get(place.level, 3), place.adcode)
        if best is None or order < best:
            best, chosen = order, place
    return chosen


def _place_end(name: str, end: int, place: Place) -> int:
    """Extend a short-name match by its level (延边州 for 延边朝鲜族自治州, 长阳县 for 长阳土家族自治县)."""
    if name[end : end + 1] in ("州", "县", "旗") and place.name.endswith("自治" + name[end]):
        return end + 1
    return end


def _inner_places(name: str, start: int, doc: _DocPlaces) -> list[tuple[Place, int, int]]:
    """Every place named inside ``name`` after position ``start``, with its span."""
    g = gazetteer()
    found: list[tuple[Place, int, int]] = []
    i = start
    while i < len(name) - 1:
        text = g.prefix_place(name[i:])
        place = _pick_place(text, doc, inside=True) if text else None
        if place is None or text is None:
            i += 1
            continue
        end = _place_end(name, i + len(text), place)
        full = any(p.name == text for p in g.lookup(text))
        marked = name[end:].startswith(_BRANCH_MARKERS) or name[:i].endswith(_BEFORE_MARKERS)
        if full or marked:
            found.append((place, i, end))
            i = end
        else:
            i += 1
    return found


def _level_juris(prefix: str, doc: _DocPlaces) -> _Juris | None:
    """Unit-name prefix → jurisdiction: 县/区 the document's own, 市 the nearest city, 省 the province."""
    own = doc.own
    if prefix == "省":
        return doc.province or own
    if own is None:
        return doc.parent if prefix == "市" else None
    if prefix in "县区旗":
        return own
    city_like = own.name.endswith(prefix) or (own.place is not None and own.place.level != "county")
    if city_like or doc.parent is None:
        return own
    return doc.parent


def _split(name: str, doc: _DocPlaces) -> tuple[_Juris | None, str, str | None]:
    """Split a name into (jurisdiction, rest, how): how is "prefix", "place" or None.

    A place inside the name wins over the one it starts with when it lies within
    it (泉州海关驻泉港办事处 is 泉港区's; 人民银行泉州市中心支行 is 泉州市's).
    """
    prefix = _level_prefix(name)
    if prefix is not None and prefix in "州盟旗":
        # these levels exist only in some provinces: a prefix only where the document has one
        if not any(j is not None and j.name.endswith(prefix) for j in (doc.own, doc.parent)):
            prefix = None
    start_juris: _Juris | None = None
    rest, start = name, 0
    if prefix is not None:
        start_juris = _level_juris(prefix, doc)
        rest, start = name[1:], 1
    else:
        text = gazetteer().prefix_place(name)
        place = _pick_place(text, doc, inside=False) if text else None
        if place is not None and text is not None:
            start = _place_end(name, len(text), place)
            start_juris, rest = _juris(place), name[start:]
    inner = [
        (place, i, end)
        for place, i, end in _inner_places(name, start, doc)
        if start_juris is None or start_juris.place is None or _within(place, start_juris)
    ]
    if inner:
        deepest = max(inner, key=lambda found: _LEVEL_RANK.get(found[0].level, 3))[0]
        rest = name
        # drop the place and the places above it, prefix included
        # (国家税务总局北京市朝阳区税务局 → 国家税务总局税务局, 市公安局朝阳分局 → 公安局分局)
        for place, i, end in reversed(inner):
            if _within(deepest, _juris(place)) or place.adcode == deepest.adcode:
                if rest[i - 1 : i] in ("（", "(") and rest[end : end + 1] in ("）", ")"):
                    i, end = i - 1, end + 1  # 中闽（罗源）水务有限公司 → 中闽水务有限公司
                rest = rest[:i] + rest[end:]
        return _juris(deepest), rest[start:], "place"
    if start_juris is not None:
        return start_juris, rest, "prefix" if prefix is not None else "place"
    return doc.own, name, None


@lru_cache(maxsize=262144)
def _resolve(ctx: _Context, surface: str, builtin_aliases: bool = True) -> NameResolution:
    doc = _doc_places(ctx)
    name = re.sub(r"\s+", "", surface)
    for scope in (ctx.jurisdiction or "", ctx.adcode or "", "*") if builtin_aliases else ():
        if (scope, name) in _aliases():
            name = _aliases()[(scope, name)]
            break
    for party in _PARTY_PREFIXES:
        if name.startswith(party) and len(name) > len(party):
            name = name[len(party) :]
            break
    juris, rest, how = _split(name, doc)
    code = juris.code if juris else None
    jname = juris.name if juris else None
    parent = juris.parent if juris else None
    codes = {"adcode": juris.adcode, "parent_adcode": juris.parent_adcode} if juris else {}
    if _is_collective(name, rest):
        return NameResolution(surface, "collective", name, code, jname, parent, name, True, how is not None, **codes)
    key = _normalise(rest)
    # A name that carries its place keeps it as written (泉州海关, 人行福清支行); one
    # with a level prefix or none is qualified with its jurisdiction (市公安局 → 福清市公安局).
    display = name if how == "place" or juris is None else juris.name + rest
    return NameResolution(surface, "agency", key, code, jname, parent, display, len(key) <= len(rest), how is not None,
                          **codes)


def _context(document: Document) -> _Context:
    return _Context(document.jurisdiction, document.parent, document.province, document.adcode)


def resolve_name(document: Document, name: str, *, builtin_aliases: bool = True) -> NameResolution:
    """Read one surface name as its document means it.

    Pure and cached per (document jurisdiction, name), so a corpus of hundreds of
    thousands of rows resolves each distinct name once per jurisdiction.

    Parameters
    ----------
    document : Document
        Supplies jurisdiction, parent, province and adcode; nothing else is used.
    name : str
        A surface unit name as it stands in a row.
    builtin_aliases : bool
        Apply the alias table of ``data/agency_aliases.tsv`` (rule 1). Reviewed
        decisions (`policykg.loaders.aliases`) read names without it: they win over it.

    Returns
    -------
    NameResolution

    Examples
    --------
    >>> doc = Document("000.txt", jurisdiction="福清市", parent="福州市", province="福建省", adcode="350181")
    >>> r = resolve_name(doc, "市公安局")
    >>> r.agency_id(doc.source), r.display
    ('350181/公安局', '福清市公安局')
    >>> resolve_name(doc, "福清医保局").agency_id(doc.source)
    '350181/医疗保障局'
    >>> resolve_name(doc, "各有关单位").agency_id(doc.source)
    '350181/各有关单位@000'
    """
    return _resolve(_context(document), name, builtin_aliases)
