"""Indicator names: the 18 evaluation indicators, their aliases, local categories and themes.

Reading rules, "Canonical indicators": an indicator cell is cleaned (line breaks,
spaces and a leading ordinal removed) into ``indicator_raw``; ``indicator`` is
the canonical name of one of the 18 national indicators (aliases mapped), the
cleaned name of a local category, or None for a theme ("持续提升投资服务水平")
that is not an evaluation category.

A local category (注销企业, 获得网络) is a category of the business-environment
evaluation only beside the national ones: in a document none of whose categories
is one of the 18, the headings are themes ("弘扬传承红色文化", "教育") and no row has
an indicator (`document_indicators`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from policykg.loaders.hanzi import fold
from policykg.loaders.text_clean import squeeze, strip_markup

__all__ = [
    "INDICATORS",
    "INDICATORS_EN",
    "ALIASES",
    "RULE_ALIASES",
    "SPELLING_VARIANTS",
    "LOCAL_CATEGORIES",
    "clean_indicator",
    "canonical_indicator",
    "document_indicators",
    "ORDINAL",
]

INDICATORS: tuple[str, ...] = (
    "开办企业", "办理建筑许可", "获得电力", "获得用水用气", "登记财产", "纳税", "跨境贸易",
    "办理破产", "获得信贷", "保护中小投资者", "执行合同", "劳动力市场监管", "政府采购",
    "招标投标", "政务服务", "知识产权创造、保护和运用", "市场监管", "包容普惠创新",
)

INDICATORS_EN: dict[str, str] = {
    "开办企业": "Starting a business",
    "办理建筑许可": "Dealing with construction permits",
    "获得电力": "Getting electricity",
    "获得用水用气": "Getting water and gas",
    "登记财产": "Registering property",
    "纳税": "Paying taxes",
    "跨境贸易": "Trading across borders",
    "办理破产": "Resolving insolvency",
    "获得信贷": "Getting credit",
    "保护中小投资者": "Protecting minority investors",
    "执行合同": "Enforcing contracts",
    "劳动力市场监管": "Labour market regulation",
    "政府采购": "Government procurement",
    "招标投标": "Tendering and bidding",
    "政务服务": "Government services",
    "知识产权创造、保护和运用": "Creation, protection and use of intellectual property",
    "市场监管": "Market supervision",
    "包容普惠创新": "Inclusive innovation",
}

# Reading rules' aliases: published as skos:altLabel in ontology/indicators.ttl (a test keeps them equal).
RULE_ALIASES: dict[str, str] = {
    "不动产登记": "登记财产",
    "融资支持": "获得信贷",
    "优化金融环境": "获得信贷",
    "就业保障": "劳动力市场监管",
    "保护中小投资者权益": "保护中小投资者",
    "知识产权创造保护和运用": "知识产权创造、保护和运用",
}

# Spelling variants of the same names, met in documents: for reading only.
SPELLING_VARIANTS: dict[str, str] = {
    "知识产权创造保护运用": "知识产权创造、保护和运用",
    "知识产权创造、保护、运用": "知识产权创造、保护和运用",
    "获得用水、用气": "获得用水用气",
    "获得用水和用气": "获得用水用气",
    "招投标": "招标投标",
    "劳动力市场监督": "劳动力市场监管",
    "包容普惠": "包容普惠创新",
}

ALIASES: dict[str, str] = {**RULE_ALIASES, **SPELLING_VARIANTS}

# Local categories of the rules that are not among the 18 but are categories.
LOCAL_CATEGORIES: frozenset[str] = frozenset({"注销企业", "获得网络", "深化改革创新", "组织保障", "政策落实"})

ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十百零〇]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百零〇\d]+\s*[)）]\s*[、.．]?"
    r"|第[一二三四五六七八九十百零〇\d]+[部分项条章节]\s*[、:：.]?|\d{1,2}\s*[、.．](?!\d))\s*"
)

# Verbs that open a theme ("持续提升投资服务水平") rather than name a category.
_THEME_OPENERS = (
    "持续", "着力", "全面", "进一步", "不断", "大力", "加快", "降低", "减轻", "简化", "优化",
    "提升", "提高", "加强", "强化", "完善", "健全", "构建", "打造", "营造", "推进", "推动",
    "促进", "规范", "激发", "深入", "扩大", "放宽", "坚持", "实施", "落实", "建立",
)


def clean_indicator(cell: str) -> str:
    """The indicator cell as printed, without markup, whitespace or leading ordinal.

    >>> clean_indicator("三、办理建筑\\n许可")
    '办理建筑许可'
    >>> clean_indicator("(一) 持续提升投资服务水平")
    '持续提升投资服务水平'
    """
    text = squeeze(strip_markup(cell))
    previous = None
    while previous != text:  # "一、(一)…" nests ordinals
        previous = text
        text = ORDINAL.sub("", text, count=1)
    return text.strip("：:。.")


def canonical_indicator(raw: str | None) -> str | None:
    """Canonical indicator for a cleaned indicator cell, or None for a theme.

    Examples
    --------
    >>> canonical_indicator("不动产登记"), canonical_indicator("企业迁移及注销")
    ('登记财产', '企业迁移及注销')
    >>> canonical_indicator("持续提升投资服务水平") is None
    True
    """
    if not raw:
        return None
    folded = fold(raw)
    if folded != raw:  # traditional characters: canonical names in simplified, other categories as written
        canonical = canonical_indicator(folded)
        known = folded in INDICATORS or folded in ALIASES or folded in LOCAL_CATEGORIES
        return canonical if canonical is None or known or canonical != folded else raw
    if raw in INDICATORS:
        return raw
    if raw in ALIASES:
        return ALIASES[raw]
    if raw in LOCAL_CATEGORIES:
        return raw
    # "一、优化营商环境——开办企业" or "开办企业（N项）": an indicator inside a longer label
    stripped = re.sub(r"[（(][^）)]*[）)]$", "", raw)
    if stripped != raw:
        return canonical_indicator(stripped)
    for name in sorted(INDICATORS + tuple(ALIASES), key=len, reverse=True):
        if raw.endswith(name) and len(raw) - len(name) <= 2:
            return ALIASES.get(name, name)
    if _is_theme(raw):
        return None
    return raw


def document_indicators(categories: Iterable[str | None]) -> Callable[[str | None], str | None]:
    """The indicator of each cleaned category of one document, given all its categories.

    A category keeps its local name (注销企业) only when one of the 18 is among the document's
    categories; otherwise its categories are themes, and only a national name counts.

    >>> indicator = document_indicators(["开办企业", "注销企业"]); indicator("注销企业")
    '注销企业'
    >>> indicator = document_indicators(["弘扬传承红色文化", "教育"]); indicator("教育") is None
    True
    """
    national = any(canonical_indicator(c) in _NATIONAL for c in set(categories) if c)

    def indicator(raw: str | None) -> str | None:
        name = canonical_indicator(raw)
        return name if national or name in _NATIONAL else None

    return indicator


_NATIONAL = frozenset(INDICATORS)


def _is_theme(raw: str) -> bool:
    """A goal phrase rather than a category: long, or a verb phrase of six or more characters."""
    if len(raw) >= 9:
        return True
    return len(raw) >= 6 and raw.startswith(_THEME_OPENERS)
