"""Deadlines: from the cell as printed to a date, "ongoing" or "conditional".

Reading rules, field ``deadline``: "YYYY-MM-DD" (last day of the month for
"N月底"/"N月"; "YYYY年底"/"年底" = Dec 31; "N月中旬" = the 20th; the plan year
where the text gives none), "ongoing" for 持续推进 / 长期 / 常态化 and the like,
"conditional" for "根据…工作进度安排…" without a date, None when none.
"""

from __future__ import annotations

import calendar
import re

from policykg.loaders.hanzi import fold

__all__ = ["parse_deadline", "looks_like_deadline", "deadline_prefix"]

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        a, b = text.split("十")
        return _CN_DIGITS[a] * 10 + _CN_DIGITS[b]
    return _CN_DIGITS[text]


_NUM = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_YEAR = r"(?:(?P<y>\d{4}|\d{2})\s*年(?:度)?)"
# One dated expression; the year is optional.
_DATE = re.compile(
    rf"(?:{_YEAR}(?P<ye2>底|末|内|终)|{_YEAR.replace('?P<y>', '?P<y2>')}?\s*(?:"
    rf"(?P<m>{_NUM})\s*月\s*(?:(?P<d>\d{{1,2}})\s*[日号]|(?P<part>底|末|中旬|上旬|下旬|初|中|份)?)"
    rf"|(?P<q>第?[一二三四1-4])\s*季度(?:末|底)?"
    rf"|(?P<half>上半年|下半年)"
    rf"|(?P<ye>年底|年末|年内|全年|年终)"
    rf"))"
)
_YEAR_ONLY = re.compile(r"(?P<y>\d{4})\s*年(?:度)?(?:前|以前|之前|内|底前)?$")
_ONGOING = re.compile(r"持续|长期|常态|长效|经常|日常|动态|逐年|每年|每季|每月|定期|适时|分年度|逐步")
_CONDITIONAL = re.compile(r"根据|按照|视|依据|按.{0,12}(?:进度|安排|部署|要求)|另行|待定|适时")
_IMMEDIATE = re.compile(r"^(?:立即|即时|马上)")


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _resolve(m: re.Match[str], default_year: int | None) -> tuple[str | None, int | None]:
    """ISO date for one match, and the year it used (the text's own, or ``default_year``)."""
    year_text = m.group("y") or m.group("y2")
    if year_text:
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    elif default_year:
        year = default_year
    else:
        return None, None
    assumed = year
    if m.group("ye") or m.group("ye2"):
        return f"{year:04d}-12-31", assumed
    if m.group("half"):
        return (f"{year:04d}-06-30" if m.group("half") == "上半年" else f"{year:04d}-12-31"), assumed
    if m.group("q"):
        q = m.group("q").lstrip("第")
        quarter = int(q) if q.isdigit() else _CN_DIGITS[q]
        month = quarter * 3
        return f"{year:04d}-{month:02d}-{_month_end(year, month):02d}", assumed
    month = _cn_number(m.group("m"))
    if not 1 <= month <= 12:
        return None, False
    if m.group("d"):
        day = int(m.group("d"))
        if not 1 <= day <= _month_end(year, month):
            return None, False
        return f"{year:04d}-{month:02d}-{day:02d}", assumed
    part = m.group("part")
    if part == "中旬" or part == "中":
        return f"{year:04d}-{month:02d}-20", assumed
    if part == "上旬" or part == "初":
        return f"{year:04d}-{month:02d}-10", assumed
    return f"{year:04d}-{month:02d}-{_month_end(year, month):02d}", assumed


def parse_deadline(raw: str | None, plan_year: int | None) -> tuple[str | None, list[str]]:
    """Read a deadline cell (whitespace already removed) into a value and warnings.

    Parameters
    ----------
    raw : the cell as printed without whitespace, or None.
    plan_year : the document's plan year, used when the text gives no year.

    Returns
    -------
    (value, warnings) where value is "YYYY-MM-DD", "ongoing", "conditional" or None.

    Examples
    --------
    >>> parse_deadline("6月底", 2020)
    ('2020-06-30', [])
    >>> parse_deadline("2023年3月底", None)
    ('2023-03-31', [])
    >>> parse_deadline("持续推进", 2020)
    ('ongoing', [])
    >>> parse_deadline("根据省税务局工作进度安排,按时序进度推进", 2021)
    ('conditional', [])
    >>> parse_deadline("2月中旬", 2021)
    ('2021-02-20', [])
    >>> parse_deadline("年内持续推进", 2020)
    ('ongoing', [])
    """
    if not raw:
        return None, []
    text = fold(raw).replace("（", "(").replace("）", ")")
    dates: list[str] = []
    year = plan_year
    matches = list(_DATE.finditer(text))
    if matches and all(m.group(0) in ("年内", "全年") for m in matches) and _ONGOING.search(text):
        return "ongoing", []  # "年内持续推进": keep pushing through the year, no date
    for m in matches:
        value, used_year = _resolve(m, year)
        if value:
            dates.append(value)
            year = used_year  # "2021年6月底前…，12月底前…": the second date is in 2021 too
    if not dates:
        year_only = _YEAR_ONLY.search(text)
        if year_only:
            dates.append(f"{year_only.group('y')}-12-31")
    warnings: list[str] = []
    if dates:
        if len(set(dates)) > 1:
            warnings.append(f"deadline_multiple:{raw}")
        return max(dates), warnings
    if _CONDITIONAL.search(text):
        return "conditional", warnings
    if _ONGOING.search(text):
        return "ongoing", warnings
    if _IMMEDIATE.search(text):
        return "ongoing", warnings
    if plan_year is None and _DATE.search(text):
        return None, [f"deadline_no_year:{raw}"]
    return None, [f"deadline_unparsed:{raw}"]


_DEADLINE_HINT = re.compile(
    rf"^(?:{_YEAR}?\s*{_NUM}\s*月|\d{{4}}\s*年|年底|年内|年末|上半年|下半年|第?[一二三四1-4]季度|持续|长期|常态|根据|按照|按.{{0,12}}进度|立即|即时|逐步|每年|定期)"
)


_WHITESPACE = re.compile(r"\s+")
_ONGOING_ONLY = re.compile(r"^(?:持续|长期|常态|逐步|每年|定期|立即|即时)")
_ONGOING_WORDS = re.compile(r"持续|长期|常态化?|逐步|每年|定期|立即|即时|推进|坚持|开展|实施|落实|完成|抓好|执行|办理|推动")


def looks_like_deadline(text: str) -> bool:
    """Whether a cell reads as a deadline (for realigning shifted cells).

    >>> looks_like_deadline("2021年9月底"), looks_like_deadline("市公安局")
    (True, False)
    """
    text = fold(_WHITESPACE.sub("", text))
    if not text or len(text) > 60:
        return False
    if not _DEADLINE_HINT.match(text):
        return False
    if _ONGOING_ONLY.match(text) and len(_ONGOING_WORDS.sub("", text).strip("，,。；;")) > 2:
        return False  # "持续推进生活垃圾分类": a measure that opens with 持续, not a deadline
    # "根据…" prose in a measure cell is long and full of clauses; a deadline is short.
    return len(text) <= 30 or bool(re.search(r"进度|时序|推进$", text))


# A deadline as a cell prints it, for finding one inside text whose cells a viewer ran together.
_PRINTED_DEADLINE = re.compile(
    r"(?:(?:\d{4}\s*年(?:度)?)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}\s*[日号]|底|末|中旬|上旬|下旬|初|份)?"
    r"|(?:\d{4}\s*年(?:度)?)?(?:年底|年末|年内|全年|上半年|下半年|第?[一二三四1-4]季度(?:末|底)?)"
    r"|\d{4}\s*年(?:度)?(?:底|末|内)?)"
    r"(?:前|之前|以前)?(?:完成|基本完成|全面完成|建成|到位|见效)?"
    r"|(?:年内)?(?:持续推进|长期坚持|长期|常态化推进|常态化|持续开展)"
)


def deadline_prefix(text: str) -> int:
    """The length of the deadline that opens ``text`` as a cell prints it, 0 when it opens with none.

    >>> deadline_prefix("2023年6月底前完成资金已落实"), deadline_prefix("长期坚持"), deadline_prefix("县财政局")
    (11, 4, 0)
    """
    m = _PRINTED_DEADLINE.match(text)
    return m.end() if m else 0
