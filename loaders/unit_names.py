"""Unit names: splitting a lead / responsible cell into surface names.

Implements reading-rules.md, "Unit names (in this order)":

1. split on 、 ， , ； ; and on line breaks or runs of spaces *between* names,
   never inside one name, never inside quotation marks or parentheses;
2. drop a trailing 等 with the collective after it;
3. a parenthetical naming a sub-office or alias is not part of the name
   (kept as an alias), but parentheses that belong to the name stay;
4. a bare government body after a name with the prefix 市 / 县 / 区 inherits it,
   the last prefix seen carrying on across names that have their own place;
5. collectives stay as written.

The surface names keep what the document wrote (rule 6); resolving aliases to
agencies is `policykg.loaders.agencies`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from policykg.loaders.hanzi import fold
from policykg.loaders.places import gazetteer, short_name
from policykg.loaders.text_clean import strip_markup

__all__ = [
    "UnitParse",
    "parse_units",
    "is_collective",
    "jurisdiction_prefix",
    "ends_like_unit",
    "unit_score",
    "body_stems",
    "opens_with_body_stem",
    "VERB_OPENERS",
    "opens_with_verb",
    "not_a_name",
    "unfinished_units",
    "opens_like_unit",
]

_OPEN = "（(【[「《“‘〔"
_CLOSE = "）)】]」》”’〕"
_PAIRS = dict(zip(_OPEN, _CLOSE))
_SEPARATORS = "、，,；;"

# Endings of organisation names, longest first where it matters.
_UNIT_SUFFIXES = (
    "管委会", "委员会", "办公室", "领导小组", "工作组", "小组", "专班", "联席会议", "成员单位",
    "有限公司", "分公司", "公司", "集团", "中心", "大队", "支队", "中队", "分局", "局", "委",
    "办", "院", "会", "部", "处", "站", "所", "行", "厅", "室", "组", "社", "馆", "联", "署",
    "科", "队", "团", "校", "协", "政府", "街道", "单位", "部门", "机构", "企业", "园区", "镇", "乡",
    "银行", "海关", "协会", "商会", "学会", "法庭", "监狱", "医院", "气象台", "电视台", "农场", "林场",
    "机场", "军分区", "武装部", "党委", "党组", "工委",
)
# Words that end like a unit but name a thing (经营场所, 住所) — never a unit name.
_NOT_UNIT_ENDINGS = ("场所", "住所", "厕所", "诊所")
# A unit's name never opens with a policy verb; a measure or item often does (推进…, 加大…企业等培育).
VERB_OPENERS = (
    "推进", "推行", "推动", "推广", "加大", "加强", "加快", "培育", "建立", "建设", "完善", "优化", "提升",
    "提高", "开展", "实施", "深化", "创新", "落实", "探索", "实现", "压缩", "简化", "规范", "强化",
    "健全", "构建", "打造", "营造", "促进", "鼓励", "支持", "引导", "持续", "全面", "进一步", "积极",
    "做好", "抓好", "组织", "配合", "协助", "依托", "围绕", "聚焦", "清理", "取消", "减少", "降低", "扩大",
    # an item ending like a unit ("试行公安服务“一窗通办”" ends in 办) otherwise reads as one; openers that
    # name bodies far more often than acts (开发区, 改革办, 招商局, 保障房) stay out. A name opening with a
    # body stem (组织部, 建设局; data/body_stems.tsv) is a unit whatever verb it starts like.
    "试行", "制定", "出台", "严格", "深入", "着力", "大力", "拓展", "拓宽", "整合", "精简", "开通", "打通",
    "畅通", "提供", "推出", "扩展", "缩短", "全力", "确保", "坚持", "加速", "提速", "减轻", "力争", "争取",
    "逐步", "有序", "不断", "切实", "认真", "巩固", "用好", "发挥", "设立",
    # what a 民生实事 table builds ends like a unit ("建成区级政务服务中心", "组建…工作站"; 新建 below)
    "建成", "新增", "改造", "改建", "扩建", "组建", "成立",
)
# 新建 opens a task ("新建社区综合服务站") and a district's name (新建区民政局)
_VERB_OPENING = re.compile("^(?:" + "|".join(map(re.escape, VERB_OPENERS)) + "|新建(?!区))")


def opens_with_verb(text: str) -> bool:
    """Whether (folded) text opens with a policy verb, as a measure does and a unit's name never does.

    >>> opens_with_verb("推进企业开办"), opens_with_verb("新建社区综合服务站"), opens_with_verb("新建区民政局")
    (True, True, False)
    """
    return _VERB_OPENING.match(text) is not None
# Pieces that complete the name before them rather than start a new one.
_FRAGMENTS = frozenset({
    "管委会", "管理委员会", "委员会", "中心", "管理中心", "服务中心", "办公室", "办", "局", "分局",
    "公司", "分公司", "有限公司", "有限责任公司", "集团", "大队", "支队", "中队", "领导小组", "小组",
    "工作组", "支行", "分行", "站", "所", "处", "科", "室", "管理局", "管理处", "管理站", "管理所",
})
_COLLECTIVE = re.compile(
    r"^(?:各|有关|相关|其他|其它|全[市县区省]各|[市县区省]直|[市县区省]级|[市县区省]属|全体|所有|涉及|进驻"
    r"|(?:[两三四五六七八九十]+[县区市镇乡州])+(?:人民)?政府$)"
    r"|(?:成员单位|各单位|有关单位|相关单位|有关部门|相关部门|主管部门|监管部门|执法部门|各部门|职能部门"
    r"|预算单位|责任单位|配合单位|协办单位|牵头单位|审批部门|各级各部门|等单位|工作专班)$"
)
# A role written after a name in a unit cell: "市发改委（牵头）", "县司法局牵头", "各有关单位配合".
_ROLE_MARK = re.compile(r"^(?P<name>.+?)\s*[（(]?\s*(?:分别|共同)?(?P<role>牵头|主办|主责|配合|协办|参与)"
                        r"(?:负责|落实)?\s*[)）]?$")
# A clause telling *how* units take part is not part of their names.
_HOW_CLAUSE = re.compile(r"(?:按照?|根据|依据)(?:各自)?(?:职责|职能|分工).*$|(?:分别|共同|配合)?(?:牵头)?负责$")
# Markers of a name that carries its own organisation (rule 4: does not inherit).
_OWN_ORG = re.compile(
    r"银行|人行|海关|国网|电网|有限|股份|集团|电信|移动|联通|铁塔|广电|华润|新奥|中石|中国|中证|邮政|"
    r"烟草|保险|证券|银保监|证监|气象台|港务|边检|边防|出入境|海事|开发区|高新区|台商区|经开区|"
    r"园区|自贸|保税|投资区|试验区|示范区|新区|管理区|农场|林场|街道|(?<!城)乡(?!村)|镇"
)
# "市场…", "市政…" (but 市政府), "区域", "县域" start with 市/区/县 without being prefixes.
_NOT_PREFIX = re.compile(r"^(?:市场|市政(?!府)|市民|市容|区域|县域|区块链|省会)")


@dataclass(slots=True)
class UnitParse:
    """Names read from one cell, their parenthetical aliases, and what was repaired."""

    names: list[str] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    marked_lead: list[str] = field(default_factory=list)  # names the cell marks （牵头） / 牵头


# Multi-character prefixes a list's names share ("自治区发展改革委、财政厅" → 自治区财政厅; "两市…").
_LONG_PREFIXES = ("自治区", "两市", "两区", "两县", "三市")


def jurisdiction_prefix(name: str) -> str | None:
    """The elided prefix a name carries: 市, 县, 区, 省, 自治区 or 两市 (rule 4).

    >>> jurisdiction_prefix("市公安局"), jurisdiction_prefix("市场监管局"), jurisdiction_prefix("县委宣传部")
    ('市', None, '县')
    >>> jurisdiction_prefix("市市场监管局"), jurisdiction_prefix("市政府办公室"), jurisdiction_prefix("自治區財政廳")
    ('市', '市', '自治區')
    """
    folded = fold(name)
    if folded[:1] in "自两三":
        for long in _LONG_PREFIXES:
            if folded.startswith(long) and len(folded) > len(long) + 1 and not _owns_place(name[len(long):]):
                return name[: len(long)]
    if folded[:1] not in "市县区省" or len(name) <= 2:
        return None
    if opens_with_body_stem(folded[1:]):  # 市民政局 is 市 + 民政局, 市市场监管局 is 市 + 市场监管局
        return name[0]
    return None if _NOT_PREFIX.match(folded) else name[0]


def ends_like_unit(text: str) -> bool:
    """Whether text ends the way an organisation's name ends (局, 中心, 公司, …)."""
    text = fold(text).rstrip("”’）)")
    return text.endswith(_UNIT_SUFFIXES) and not text.endswith(_NOT_UNIT_ENDINGS)


def is_collective(name: str) -> bool:
    """Whether a name is a collective (各有关单位, 市直有关单位, 联动机制成员单位, …) (rule 5).

    A word that opens collectives (各, 相关, 省级) makes one of a name, not of a sentence: the
    name still ends like a body, a place or a bracket ("各县（市、区）", "各乡镇", "各地").

    >>> is_collective("各有关单位"), is_collective("联动机制成员单位"), is_collective("市公安局")
    (True, True, False)
    >>> is_collective("各区县"), is_collective("省级补助资金已到位")
    (True, False)
    """
    folded = fold(name).strip()
    m = _COLLECTIVE.search(folded)
    if m is None:
        return False
    return m.end() == len(folded) or ends_like_unit(folded) or folded.endswith(_COLLECTIVE_ENDS)


# Endings of the places a collective may govern ("各区县", "各县（市、区）", "各地").
_COLLECTIVE_ENDS = ("省", "市", "县", "区", "镇", "乡", "村", "州", "旗", "盟", "地", "级", "）", ")", "街", "社区")


def _split_outside_brackets(text: str) -> list[str]:
    """Split on separators that stand outside quotation marks and parentheses (rule 3)."""
    pieces: list[str] = []
    buf: list[str] = []
    stack: list[str] = []
    for ch in text:
        if ch in _OPEN and not (ch in "“‘" and stack and stack[-1] == _PAIRS[ch]):
            stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in _CLOSE and ch in "”’" and not stack:
            pass
        if not stack and ch in _SEPARATORS:
            pieces.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    pieces.append("".join(buf))
    return pieces


def _split_on_space(piece: str) -> list[str]:
    """Rule 1 for whitespace: a break between names splits, a break inside one joins.

    A break splits when the text before it ends like a unit name and the text
    after it is not a mere fragment (管委会, 中心…) or a parenthetical.
    """
    parts = [p for p in _SPACE_RUN.split(piece) if p]
    if len(parts) <= 1:
        return parts
    names = [parts[0]]
    for part in parts[1:]:
        prev = names[-1]
        joins = (
            not ends_like_unit(prev)
            or part in _FRAGMENTS
            or part[:1] in "（("
            or _depth(prev) > 0
        )
        if joins:
            names[-1] = prev + part
        else:
            names.append(part)
    return names


def _depth(text: str) -> int:
    return sum(text.count(o) for o in "（(“") - sum(text.count(c) for c in "）)”")


_SPACE_RUN = re.compile(r"[\s\u00a0\u3000]+")
_DENG = re.compile("等")
_LIST_SEPARATORS = re.compile(r"[、，,；;\s]+")
_TRAILING_PARENTHETICAL = re.compile(r"[（(][^（()）]*[）)]$")


_AFTER_DENG = re.compile(r"^(?:各|有关|相关|其他|其它|市直|县直|区直|省直|.{0,12}(?:单位|部门|机构|成员|企业|组织))")


def _drop_deng(name: str) -> tuple[str, str | None]:
    """Rule 2: "市财政局等相关部门" → ("市财政局", "相关部门"); a bare "等" too.

    Only an 等 that ends the list counts: what follows it is a collective or nothing
    ("加大高新技术企业等培育" is a sentence, not a list of units).
    """
    if "等" not in name:
        return name, None
    for m in _DENG.finditer(name):
        tail = name[m.end():]
        if tail and not _AFTER_DENG.match(fold(tail)):
            continue
        head = name[: m.start()]
        # "市财政局（大数据局）等": a name whose alias parenthesis closes it ends like a unit too
        if head and (ends_like_unit(head) or _depth(head) == 0 and head.endswith(("）", ")"))
                     and ends_like_unit(_TRAILING_PARENTHETICAL.sub("", head))):
            return head, name[m.end() :] or None
    return name, None


_KEEP_PAREN = re.compile(r"^[市县区镇乡街村居社区、，,]+$")


def _strip_parenthetical(name: str) -> tuple[str, list[str]]:
    """Rule 3: a trailing parenthetical naming a sub-office or alias is removed and returned."""
    m = re.search(r"\s*[（(]([^（()）]*)[）)]\s*$", name)
    if not m or m.start() == 0:
        return name, []
    inner = m.group(1).strip()
    if not inner or _KEEP_PAREN.match(inner) or name.startswith("各"):
        return name, []
    inner = re.sub(r"^(?:含|包括|挂)", "", inner)
    aliases = [a for a in re.split(r"[、，,；;]", inner) if a]
    return name[: m.start()].rstrip(), aliases


@lru_cache(maxsize=1)
def body_stems() -> tuple[str, ...]:
    """Functional stems of bare government bodies (``data/body_stems.tsv``), longest first."""
    text = (resources.files("policykg.loaders") / "data" / "body_stems.tsv").read_text(encoding="utf-8")
    stems = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(stems, key=len, reverse=True))


def opens_with_body_stem(name: str) -> bool:
    """Whether a name opens with a functional stem (税务局, 资源规划局) rather than a place or brand."""
    return fold(name).startswith(body_stems())


def _owns_place(name: str) -> bool:
    """Whether a name carries its own place or organisation (rule 4: it does not inherit)."""
    if _OWN_ORG.search(name):
        return True
    return gazetteer().prefix_place(name) is not None or _contains_place(name)


@lru_cache(maxsize=65536)
def _contains_place(name: str) -> bool:
    # "人行福清支行", "榕城海关驻福清办事处": a place after an organisation word
    return any(len(n) >= 2 for _, n in gazetteer().find_all(name))


def _is_bare_body(name: str) -> bool:
    """A government body written without its jurisdiction (税务局, 法院, 公安分局).

    It opens with a functional stem (税务, 资源规划, 港口…), or it is short and
    names no place and no organisation of its own; 湄洲湾港口发展中心 and
    惠安银保监组 carry their own place and keep it.
    """
    if jurisdiction_prefix(name) or is_collective(name) or not ends_like_unit(name):
        return False
    name = fold(name)  # 綿陽海關 carries its place as 绵阳海关 does
    if name.endswith(("公司", "企业")) or _OWN_ORG.search(name):
        return False
    if opens_with_body_stem(name):
        return True
    if name.endswith(("管委会", "管理委员会")):
        return False  # 宁东管委会, 海淀园管委会: the committee of a zone named before it
    return len(name) <= 6 and not _owns_place(name)


def opens_like_unit(name: str) -> bool:
    """Whether a name opens as a unit's does: a jurisdiction (县市场监管局), a place (泉州海关), an
    organisation of its own (人民银行…), a body's stem (税务局) or a collective's word (各有关单位).

    >>> opens_like_unit("县市场监管局"), opens_like_unit("税务局"), opens_like_unit("各乡镇"), opens_like_unit("人民银行惠安支行")
    (True, True, True, True)
    >>> opens_like_unit("推行一表申报县市场监管局"), opens_like_unit("申报县市场监管局")
    (False, False)
    """
    folded = fold(name)
    if opens_with_body_stem(folded):
        return True
    if opens_with_verb(folded):
        return False
    return bool(jurisdiction_prefix(name) or is_collective(folded) or folded.startswith(_ORG_OPENERS)
                or gazetteer().prefix_place(folded))


# Organisations whose names open with their own brand rather than a place (人民银行泉州市中心支行, 国网…).
_ORG_OPENERS = ("人民银行", "人行", "中国", "国网", "国家电网", "电网", "中石", "华润", "新奥", "邮政", "烟草", "电信",
                "移动", "联通", "铁塔", "广电", "国家税务", "国家金融")


def _opens_with_home(name: str, home: tuple[str, ...]) -> bool:
    """Whether ``name`` opens with the document's own place and goes on to a unit (港口 + 公积金中心)."""
    return any(name.startswith(h) and len(name) > len(h) and ends_like_unit(name[len(h):]) for h in home)


def _clean_name(name: str) -> str:
    name = name.strip().strip("。.．:：")
    m = _HOW_CLAUSE.search(fold(name))  # folding keeps positions: one character for one
    if m:
        name = name[: m.start()].strip()
    return name.strip("。.．:：").strip()


def parse_units(cell: str | None, known_prefixed: frozenset[str] = frozenset(), home: str | None = None) -> UnitParse:
    """Split a lead / responsible cell into surface names (cached; treat the result as read-only).

    ``home`` is the document's own jurisdiction (港口区): a name that opens with
    it or its short name (港口公积金中心) carries its own place and does not
    inherit a prefix, though 港口 also opens bare bodies elsewhere (港口发展中心).
    """
    if not cell:
        return UnitParse()
    if known_prefixed and "公司" not in cell and "企业" not in cell:
        known_prefixed = frozenset()  # only company names consult the document's prefixed names
    parsed = _parse_units(cell, known_prefixed)  # cached without ``home``: shared across documents
    names = _home_names(home)
    if names and any(h in cell for h in names):
        parsed = _keep_home_place(parsed, strip_markup(cell), names)
    return parsed


def _keep_home_place(parsed: UnitParse, text: str, home: tuple[str, ...]) -> UnitParse:
    """Take back a prefix inherited by a body named after the document's own place (区 + 港口公积金中心).

    A name the cell writes with its prefix (区港口公积金中心) keeps it. Returns ``parsed``
    itself when nothing changes (it is a cached result, never modified).
    """
    prefixes = {n: jurisdiction_prefix(n) or "" for n in parsed.names}
    fixed = {n: n[len(prefix):] for n, prefix in prefixes.items()
             if prefix and n not in text and _opens_with_home(n[len(prefix):], home)}
    if not fixed:
        return parsed
    return UnitParse(
        names=[fixed.get(n, n) for n in parsed.names],
        aliases={fixed.get(n, n): list(a) for n, a in parsed.aliases.items()},
        warnings=list(parsed.warnings),
        marked_lead=[fixed.get(n, n) for n in parsed.marked_lead],
    )


@lru_cache(maxsize=4096)
def _home_names(home: str | None) -> tuple[str, ...]:
    """The document's jurisdiction as a name may open with it: full and short name (two characters or more)."""
    if not home:
        return ()
    return tuple(n for n in dict.fromkeys((home, short_name(home))) if len(n) >= 2)


@lru_cache(maxsize=131072)
def _parse_units(cell: str, known_prefixed: frozenset[str]) -> UnitParse:
    """Split a lead / responsible cell into surface names by the name rules.

    Parameters
    ----------
    cell : the cell text as printed (line breaks kept).
    known_prefixed : names with a 市/县/区 prefix seen elsewhere in the same
        document; a bare *company* name inherits the prefix only when the
        prefixed form is among them ("市自来水公司、燃气公司" → 市燃气公司 when
        the document also writes 市燃气公司). Government bodies always inherit
        (but see `_keep_home_place`).

    Examples
    --------
    >>> parse_units("市公安局、税务局、医保局").names
    ['市公安局', '市税务局', '市医保局']
    >>> parse_units("区金融办、人民银行惠安支行、税务局").names
    ['区金融办', '人民银行惠安支行', '区税务局']
    >>> parse_units("区行政服务中心 管委会").names
    ['区行政服务中心管委会']
    >>> r = parse_units("县发改局（含信用办、大数据局）"); r.names, r.aliases
    (['县发改局'], {'县发改局': ['信用办', '大数据局']})
    >>> parse_units("市发改局、市司法局等市直有关单位").names
    ['市发改局', '市司法局']
    >>> parse_units("区发改局、市场监管局").names
    ['区发改局', '区市场监管局']
    """
    out = UnitParse()
    if not cell:
        return out
    text = strip_markup(cell)
    if not text.strip():
        return out
    prefix: str | None = None
    for piece in _join_place_collectives(_split_outside_brackets(text)):
        for raw in _split_on_space(piece.strip()):
            role = None
            m = _ROLE_MARK.match(fold(raw))
            if m and not re.search(r"职责|职能|分工|按照|根据", m.group("name")) and (
                ends_like_unit(m.group("name")) or is_collective(m.group("name"))
            ):
                role = "lead" if m.group("role") in ("牵头", "主办", "主责") else "responsible"
                raw = raw[: len(m.group("name"))]
            name, dropped = _drop_deng(raw)
            if dropped:
                out.warnings.append(f"collective_dropped_after_deng:{dropped}")
            name, aliases = _strip_parenthetical(_clean_name(name))
            name = _clean_name(name)
            if not name or name == "等":
                continue
            if not_a_name(name):
                out.warnings.append(f"not_a_unit:{name[:40]}")
                continue
            own = jurisdiction_prefix(name)
            if own:
                prefix = own
            elif prefix and _is_bare_body(name):
                name = prefix + name
            elif prefix and name.endswith(("公司", "企业")) and prefix + name in known_prefixed:
                name = prefix + name
            if aliases:
                out.aliases.setdefault(name, [])
                out.aliases[name].extend(a for a in aliases if a not in out.aliases[name])
            if role == "lead" and name not in out.marked_lead:
                out.marked_lead.append(name)
            if name in out.names:
                out.warnings.append(f"duplicate_unit:{name}")
                continue
            out.names.append(name)
    return out


# "各区、县(市)政府", "各开发区、镇(街道)": 各 governs the places listed after it, so the 、 joins
# parts of one collective (reading rules, "Unit names" 5).
_PLACE_LEVEL = re.compile(r"^各(?:[省市县区镇乡旗盟州]|县[（(]市[)）]|开发区|园区|功能区|街道|乡镇|镇街|社区)$")


def _join_place_collectives(pieces: list[str]) -> list[str]:
    if len(pieces) < 2 or not any(p.lstrip().startswith("各") and len(p.strip()) <= 6 for p in pieces[:-1]):
        return pieces
    out: list[str] = []
    for piece in pieces:
        if out and out[-1].endswith("\x00"):
            out[-1] = out[-1][:-1] + "、" + piece
        else:
            out.append(piece)
        if _PLACE_LEVEL.match(fold(piece.strip())):
            out[-1] += "\x00"  # joins the next piece
    return [p.rstrip("\x00") for p in out]


def unfinished_units(text: str) -> bool:
    """A unit list that cannot end where it stops: empty, on a separator, or on a word that governs more.

    >>> unfinished_units("市财政局等有关部门,各区"), unfinished_units(""), unfinished_units("市财政局、市税务局")
    (True, True, False)
    """
    text = strip_markup(text).strip(" \u3000")
    if not text or text[-1] in _SEPARATORS:
        return True
    last = _split_outside_brackets(text)[-1].strip()
    return bool(_PLACE_LEVEL.match(fold(last))) or sum(text.count(o) for o in _OPEN) > sum(text.count(c) for c in _CLOSE)


_AMOUNT = re.compile(r"\d\s*(?:万|亿|千)?(?:元|人|户|个|家|项|件|公里|亩|吨|平方米|%|％|处|所|座|栋|套|台|辆|条|次|场|批|间|名)"
                     r"|百分点")
_SUSPECT = re.compile(r"[\d。月年季每长常持百]|.{41}")
_DATE_WORDS = re.compile(r"\d{1,2}\s*月|\d{4}\s*年|[年月]底|年内|季度|上半年|下半年|前完成|底前")


@lru_cache(maxsize=65536)
def not_a_name(name: str) -> bool:
    """A list item that reads as a date, a period, an amount or a sentence is never a unit's name.

    >>> not_a_name("6月底前完成"), not_a_name("晋安区6月底前完成"), not_a_name("每季度"), not_a_name("市财政局")
    (True, True, True, False)
    """
    folded = fold(name)
    if not _SUSPECT.search(folded) and (len(folded) <= 6 or not opens_with_verb(folded)):
        return False  # the common case: a plain name
    if "。" in folded or _DATE_WORDS.search(folded) or _AMOUNT.search(folded):
        return True
    if re.match(r"^(?:每(?:年|季度?|月|周)|长期|常态化?|持续推进)$", folded):
        return True
    if opens_with_verb(folded) and not is_collective(folded) and not opens_with_body_stem(folded) \
            and (len(folded) > 6 or not ends_like_unit(folded)):
        return True  # "推进企业开办全程网办": a sentence, though it ends in 办
    return len(folded) > 40 and not ends_like_unit(folded) and not is_collective(folded)


def unit_score(text: str) -> float:
    """How much a cell reads as a list of unit names, from 0 (prose) to 1.

    Used to realign shifted cells ("a unit name in the deadline column").

    >>> unit_score("市公安局、税务局、医保局"), unit_score("推进投资项目审批便利化。")
    (1.0, 0.0)
    """
    text = strip_markup(text).strip()
    if not text or "。" in text or len(text) > 400:
        return 0.0
    parts = [p for p in _LIST_SEPARATORS.split(text) if p]
    if not parts:
        return 0.0
    good = 0
    cleaned = [_TRAILING_PARENTHETICAL.sub("", _clean_name(_drop_deng(p)[0])) for p in parts]
    for p in cleaned:
        if (ends_like_unit(p) or is_collective(p)) and len(p) <= 30 and not not_a_name(p) and (
            not opens_with_verb(fold(p)) or opens_with_body_stem(p)  # 组织部, 建设局: bodies, not verbs
        ):
            good += 1
    score = good / len(parts)
    if sum(len(p) for p in cleaned) / len(cleaned) > 25:
        score *= 0.5
    return round(score, 3)
