"""Page artefacts: what a hosting site or a viewer adds to a document that is not its content.

Reading rules, "Page artefacts": pinyin glosses inserted after characters
("經(jīng)" is "經"), viewer page numbers ("2、" or a bare "12" on a line of its
own), navigation and page furniture (当前位置, 来源, 发布日期, 浏览量, 字体, 打印,
law-database 【发布文号】 blocks, 索取号 metadata).
"""

from __future__ import annotations

import re

from policykg.loaders.hanzi import fold

__all__ = ["strip_pinyin", "is_furniture"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（]([a-zü{_TONED}]{{1,7}})[)）]")
_HAS_TONE = re.compile(f"[{_TONED}]")


def strip_pinyin(text: str) -> str:
    """Remove pinyin glosses after Han characters, when the text carries them (two or more with tone marks).

    A single "(a)" after a character is left alone: only a page that glosses its
    characters has many toned syllables in parentheses.

    >>> strip_pinyin("市區(qū)增加優(yōu)質(zhì)學位")
    '市區增加優質學位'
    >>> strip_pinyin("附件(a)")
    '附件(a)'
    """
    if ("(" not in text and "（" not in text) or not _HAS_TONE.search(text):
        return text
    glosses = _GLOSS.findall(text)
    if sum(1 for g in glosses if _HAS_TONE.search(g)) < 2:
        return text
    return _GLOSS.sub("", text)


_FURNITURE = re.compile(
    r"^(?:当前位置|您当前的位置|您的位置|所在位置|首页\s*[>＞›»]|网站无障碍|信息来源|来源\s*[:：]|发布(?:日期|时间|机构)\s*[:：]"
    r"|浏览(?:量|次数)|点击(?:数|量|率)|阅读(?:量|次数)|【(?:发布|生效|失效|所属|文件|效力|时效)[^】]{0,4}】|索\s*取\s*号|信息名称"
    r"|产生日期|关\s*键\s*词\s*$|内容概述|分享到|【?\s*字体|\[\s*字体|打印本页|关闭窗口|扫一扫|上一篇|下一篇|责任编辑)"
    r"|(?:浏览(?:量|次数)|点击(?:数|量))\s*[:：]|\[\s*字体\s*[:：]|打印\s*$|【打印】|【关闭】"
)


def is_furniture(line: str) -> bool:
    """A line of page furniture: navigation, posting metadata, font and print links.

    >>> is_furniture("当前位置 :首页 > 政务公开"), is_furniture("浏览量:    时间:2015-04-12")
    (True, True)
    >>> is_furniture("  【发布文号】晋政发[2008]8号"), is_furniture("一、总体要求")
    (True, False)
    """
    text = fold(line.strip())
    return len(text) <= 120 and bool(_FURNITURE.search(text))
