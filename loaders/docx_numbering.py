"""Word's automatic list numbers: the "12." or "（三）" a paragraph shows but its text does not hold.

In Word the 序号 column of a task table and the numbers of a task list are
often automatic (``w:numPr``): the number is drawn by Word from
``numbering.xml`` and is not in the paragraph's text. A text extraction shows
it, so to read the same rows from the .docx the number is rendered here:
counters per list and level, restarting lower levels, with the level's format
(decimal, 一二三, ①, a b c, i ii iii) and text pattern ("%1.", "（%1）").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from lxml.etree import _Element

__all__ = ["Numbering"]

_CN_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting",
               "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Renders the automatic number of each numbered paragraph of one document, in document order."""

    def __init__(self, document: WordDocument) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, fmt, text)
        self._abstract_of: dict[str, str] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._style_num: dict[str, tuple[str | None, int]] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            part = None
        if part is not None:
            self._read_numbering(part.element)
        self._read_styles(document)

    def _read_numbering(self, root: _Element) -> None:
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for a in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in a.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                start = lvl.find(qn("w:start"))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                levels[ilvl] = (
                    int(start.get(qn("w:val"), "1")) if start is not None else 1,
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                )
            abstract[a.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            abstract_id = ref.get(qn("w:val")) if ref is not None else None
            levels = dict(abstract.get(abstract_id, {})) if abstract_id else {}
            restarts = False
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (int(start.get(qn("w:val"), "1")), fmt, text)
                    restarts = True
            self._levels[num_id] = levels
            # lists sharing an abstract definition continue one count, unless a list restarts it
            self._abstract_of[num_id] = num_id if restarts or not abstract_id else abstract_id

    def _read_styles(self, document: WordDocument) -> None:
        try:
            styles = document.styles.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        based: dict[str, str | None] = {}
        own: dict[str, tuple[str | None, int | None]] = {}
        for style in styles.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            parent = style.find(qn("w:basedOn"))
            if parent is not None:
                based[style_id] = parent.get(qn("w:val"))
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                own[style_id] = _num_pr(num_pr)
        for style_id in set(based) | set(own):
            seen: set[str] = set()
            current: str | None = style_id
            while current and current not in own and current not in seen:
                seen.add(current)
                current = based.get(current)
            if current in own:
                num_id, ilvl = own[current]
                self._style_num[style_id] = (num_id, ilvl or 0)

    def label(self, p: _Element) -> str:
        """The number Word shows before paragraph ``p`` (a ``w:p`` element), or "" when none."""
        num_id, ilvl = None, None
        p_pr = p.find(qn("w:pPr"))
        if p_pr is not None:
            num_pr = p_pr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id, ilvl = _num_pr(num_pr)
            style = p_pr.find(qn("w:pStyle"))
            if num_id is None and style is not None:
                num_id, ilvl = self._style_num.get(style.get(qn("w:val")), (None, None))
        if not num_id or num_id == "0" or num_id not in self._levels:
            return ""
        ilvl = ilvl or 0
        levels = self._levels[num_id]
        if ilvl not in levels:
            return ""
        key = self._abstract_of[num_id]
        counters = self._counters.setdefault(key, [None] * 9)
        start = levels[ilvl][0]
        previous = counters[ilvl]
        counters[ilvl] = start if previous is None else previous + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        text = levels[ilvl][2]
        for k in range(ilvl + 1):
            counted = counters[k]
            value = counted if counted is not None else levels.get(k, (1, "", ""))[0]
            fmt = levels.get(k, (1, "decimal", ""))[1]
            text = text.replace(f"%{k + 1}", _format(value, fmt))
        return "" if levels[ilvl][1] in ("bullet", "none") else text


def _num_pr(num_pr: _Element) -> tuple[str | None, int | None]:
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    return (num_id.get(qn("w:val")) if num_id is not None else None,
            int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else None)
