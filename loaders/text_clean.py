"""Cleaning of cell text: HTML tags, page artefacts and whitespace.

Reading rules, "Merged cells and broken rows": repeated header rows, page
artefacts ("[bookmark: _GoBack]") and HTML tags are not content; "Fields of a
row": measure text has HTML tags removed and whitespace runs collapsed.
"""

from __future__ import annotations

import html
import re

__all__ = ["strip_markup", "collapse_ws", "squeeze", "clean_measure", "CJK"]

CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ARTEFACT = re.compile(r"\[(?:bookmark|BOOKMARK):[^\]]*\]|\{\s*PAGE\s*\}|\f")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]+")
# A line break between two CJK characters is a wrap, not a space.
_CJK_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\u00a0\u3000]*\n\s*(?=[{CJK}])")
_LIST_NUMBER = re.compile(r"^\s*[(（]?\d{1,3}\s*[)）]?\s*[.．、]\s*(?!\d)|^\s*[(（]\d{1,3}[)）]\s*")


def strip_markup(text: str) -> str:
    """Remove HTML tags, entities and page artefacts, keeping line structure.

    ``</p> <p>`` and ``<br>`` become line breaks so paragraph boundaries survive.

    Examples
    --------
    >>> strip_markup("<p>1. 建设平台。</p> <p>2. 监管。</p>")
    '1. 建设平台。\\n2. 监管。'
    >>> strip_markup("[bookmark: _GoBack]十九、政策落实")
    '十九、政策落实'
    """
    if "<" in text:
        text = re.sub(r"</p>\s*<p[^>]*>|<br\s*/?>|</li>\s*<li[^>]*>", "\n", text, flags=re.I)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "[" in text or "{" in text or "\f" in text:
        text = _ARTEFACT.sub("", text)
    return text.strip()


_LINE_BREAK = re.compile(r"\s*\n\s*")
_ANY_SPACE = re.compile(r"[\s\u00a0\u3000\ufeff]+")


def collapse_ws(text: str) -> str:
    """Collapse whitespace runs to one space; a wrap between CJK characters disappears.

    Examples
    --------
    >>> collapse_ws("压缩至 3 个\\n工作日  内")
    '压缩至 3 个工作日 内'
    """
    text = _CJK_BREAK.sub("", text)
    text = _LINE_BREAK.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """Remove every whitespace character (for indicator and deadline cells).

    >>> squeeze("三、办理建筑\\n许可 ")
    '三、办理建筑许可'
    """
    return _ANY_SPACE.sub("", text)


def clean_measure(text: str) -> tuple[str, str | None]:
    """Measure text without markup, collapsed, its leading list number removed.

    Returns the text and the list number ("12" for "12.规范…") or None.

    Examples
    --------
    >>> clean_measure("12.规范中介服务。")
    ('规范中介服务。', '12')
    >>> clean_measure("1.5个工作日内办结")
    ('1.5个工作日内办结', None)
    """
    text = collapse_ws(strip_markup(text))
    m = _LIST_NUMBER.match(text)
    if m:
        number = re.sub(r"\D", "", m.group(0))
        return text[m.end() :].strip(), number
    return text, None
