"""List numbers: the ordinal that opens a paragraph, its style, and where a run-together line splits.

Reading rules, "Numbered lists, articles and bulletins": a task's ``seq`` is its
number as printed ("3", "(2)", "（二）", "第五条"), and the levels of a document
are told apart by their numbering *style* (一、 / （一） / 1. / （1） / ⑴ / ① /
第N章 / 第N条 / dash and bullet points), not by indentation, which text
extractions lose. `read_marker` recognises the style; `RANK` is the
conventional order of styles (一、 above （一） above 1. …) used when a
document's own nesting does not settle where a new style belongs.

`split_run_together` cuts a line that holds several items — a web page that
printed its whole list on one line, or two tasks run together after an
attribution ("…（省发改委负责）（二）公共财政收入…") — at the numbers that start
the next item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Marker", "read_marker", "split_run_together", "cn_int", "RANK", "norm_number", "is_bare_number"]

_CN = "零〇一二三四五六七八九十百两"
_SPACE = " \t\u3000\u00a0"

# (style, pattern); the first group holds the number. Order matters: longer forms first.
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第\s*([{_CN}\d]+)\s*([章编篇]|部分)[{_SPACE}:：、.．]*")),
    ("article", re.compile(rf"^第\s*([{_CN}\d]+)\s*条[{_SPACE}:：、.．]*")),
    ("cn_dun", re.compile(rf"^([{_CN}]+)\s*[、.．][{_SPACE}]*")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{_CN}]+)\s*[)）][{_SPACE}、.．]*")),
    ("num_paren", re.compile(rf"^[（(]\s*(\d{{1,3}})\s*[)）][{_SPACE}、.．]*|^(\d{{1,3}})\s*[)）][{_SPACE}]*")),
    ("num_dot", re.compile(rf"^(\d{{1,3}})\s*[.．、。](?![\d.．])[{_SPACE}]*")),
    ("paren_digit", re.compile(rf"^([\u2474-\u2487])[{_SPACE}]*")),
    ("circled", re.compile(rf"^([\u2460-\u2473])[{_SPACE}]*")),
    ("dash", re.compile(rf"^(?:——|—{{1,2}}|－{{1,2}}|--)(?=[^\s—－-])[{_SPACE}]*")),
    # "?" is a bullet a page's encoding lost; it counts only before a Han character
    ("bullet", re.compile(rf"^(?:[•●◆◇■□▲△★☆·▪►➢✓※]|[?？](?=[\u4e00-\u9fff]))[{_SPACE}]*")),
)

# Conventional nesting of the styles: a smaller rank stands above a larger one.
RANK: dict[str, float] = {"chapter": 0, "article": 0.5, "cn_dun": 1, "cn_paren": 2, "num_dot": 3,
                          "num_paren": 4, "paren_digit": 5, "circled": 6, "dash": 7, "bullet": 7}
# Styles whose items carry no number: their tasks are numbered by position.
UNNUMBERED_STYLES = frozenset({"dash", "bullet"})


@dataclass(frozen=True, slots=True)
class Marker:
    """The number that opens a paragraph: its style, value and text as printed ("（三）", "12.", "第五条")."""

    style: str
    number: int | None
    printed: str

    @property
    def ordinal(self) -> str:
        """The number as printed without its separator: "（三）", "12", "第五条", "⑴" ("" for bullets)."""
        text = self.printed.strip(_SPACE + "、.．。:：")
        return "" if self.style in UNNUMBERED_STYLES else text


def cn_int(text: str) -> int | None:
    """The value of a number written in digits, Chinese numerals or a circled digit.

    >>> cn_int("十二"), cn_int("二十一"), cn_int("一百零五"), cn_int("⑶"), cn_int("②"), cn_int("12")
    (12, 21, 105, 3, 2, 12)
    """
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and "\u2474" <= text <= "\u2487":
        return ord(text) - 0x2474 + 1
    if len(text) == 1 and "\u2460" <= text <= "\u2473":
        return ord(text) - 0x2460 + 1
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch in digits:
            current = digits[ch]
        else:
            return None
    return total + current


def read_marker(text: str) -> tuple[Marker | None, str]:
    """The marker opening ``text`` and the text after it; (None, text) when it opens with none.

    A marker needs text after it ("2、" alone on a line is a viewer's page number).

    >>> read_marker("（三）优化服务")
    (Marker(style='cn_paren', number=3, printed='（三）'), '优化服务')
    >>> read_marker("1。在以习近平同志为核心")[0].printed, read_marker("1.5个工作日")[0]
    ('1。', None)
    >>> read_marker("第五条 市场主体")[0], read_marker("——全市地区生产总值")[0].style
    (Marker(style='article', number=5, printed='第五条 '), 'dash')
    """
    stripped = text.lstrip(_SPACE)
    for style, pattern in _STYLES:
        m = pattern.match(stripped)
        if not m:
            continue
        rest = stripped[m.end():]
        if not rest.strip(_SPACE):
            return None, text
        number = None
        if style not in UNNUMBERED_STYLES:
            number = cn_int(next((g for g in m.groups() if g), ""))
            if number is None:
                continue
        return Marker(style, number, m.group(0)), rest
    return None, text


_BARE_NUMBER = re.compile(r"^[\s\u3000]*[（(]?\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*[)）]?\s*[、.．。]?[\s\u3000]*$")


def is_bare_number(text: str) -> bool:
    """A line holding only a number ("12", "01", "2、"): a page number or a row number of a table."""
    return bool(_BARE_NUMBER.match(text))


# Where a run-together line may hold the next item: after an attribution's closing bracket (and the
# full stop or semicolon that may close its sentence), after a sentence end followed by a space, or
# after a run of spaces.
_SPLIT_POINT = re.compile(
    r"(?<=[）)〕】\]])[。；;]?[ \u3000]*(?=\S)|(?<=[。；;！？!?])[ \u3000]+(?=\S)|(?<=\S)[ \u3000]{1,}(?=\S)")


def split_run_together(line: str, expected: dict[str, int]) -> list[str]:
    """Cut a line before each item number that continues a list.

    A cut is made where a marker follows an attribution's closing bracket or
    whitespace and its number is the next one of its style (``expected``: style
    → the last number seen, updated here) or a first item (1). Numbers inside a
    sentence ("包括：1.…；2.…") are not preceded by either and stay text.

    >>> split_run_together("(一)增长11%左右。(省发改委负责)(二)收入增长13%。(省财政厅主办)", {})
    ['(一)增长11%左右。(省发改委负责)', '(二)收入增长13%。(省财政厅主办)']
    >>> split_run_together("1.推进数字政府建设（市大数据局牵头）。2.优化水电气报装（市住建局负责）。", {})
    ['1.推进数字政府建设（市大数据局牵头）。', '2.优化水电气报装（市住建局负责）。']
    >>> split_run_together("1.完善机制，包括：1.定期会商；2.联合督查。", {})
    ['1.完善机制，包括：1.定期会商；2.联合督查。']
    """
    first, rest = read_marker(line)
    if first is not None and first.number is not None:
        expected[first.style] = first.number
    pieces: list[str] = []
    start = 0
    for m in _SPLIT_POINT.finditer(line):
        cut = m.end()
        if cut <= start or cut >= len(line):
            continue
        marker, _ = read_marker(line[cut:])
        if marker is None or marker.number is None:
            continue
        before = line[:m.start()].rstrip()
        if not before:
            continue
        last = expected.get(marker.style)
        if marker.number not in (1, (last or 0) + 1):
            continue
        pieces.append(line[start:cut].strip(_SPACE))
        start = cut
        expected[marker.style] = marker.number
    pieces.append(line[start:].strip(_SPACE))
    return [p for p in pieces if p]


def norm_number(marker: Marker) -> str:
    """The marker's number as digits, for telling whether two tasks would share a number."""
    return "" if marker.number is None else str(marker.number)
