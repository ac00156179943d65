"""Document facts: title, issuer, 文号, issue date, plan year, jurisdiction, document-wide units.

Reading rules, "Document facts". The facts sit in the document's head (the
red-header issuer "…文件", the 文号, the notice title "…关于印发…的通知", the
signature date) or, for a bare table, in its title line ("2020年福清市…分工表").
The jurisdiction is the most specific place named by the title or issuer,
resolved against the gazetteer, with its parent and province; an ambiguous
name (鼓楼区 is in 福州, 南京, 徐州 and 开封) is settled by the places the
document itself mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from policykg.loaders.hanzi import fold
from policykg.loaders.labels import declares_first_leads, implicit_units_text
from policykg.loaders.places import Place, gazetteer
from policykg.loaders.text_clean import strip_markup
from policykg.loaders.unit_names import parse_units

__all__ = ["read_facts", "Facts", "document_units", "first_listed_leads", "implicit_units"]


_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,4})\s*号")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NOTICE = re.compile(r"^(?P<issuer>.*?)关于\s*印发\s*(?P<title>.+?)\s*的\s*通知")
_PLAN_TITLE = re.compile(r"(?:方案|计划|要点|分工表|分工|清单|一览表|任务表|任务|措施|意见|细则|规划|安排|台账)$")
_YEAR_LINE = re.compile(r"^\D{0,20}20\d\d\s*年.{2,50}$")
_PLAN_YEAR = re.compile(r"(\d{4})\s*年")


class Facts(dict):
    """The facts found, as keyword arguments for `Document` (a dict, for easy merging)."""


def _head_lines(lines: Sequence[str], stop: int) -> list[tuple[int, str]]:
    out = []
    for i, line in enumerate(lines[:stop]):
        text = re.sub(r"\s+", " ", strip_markup(line.replace("\t", " "))).strip()
        if text:
            out.append((i, text))
    return out


def _notice(head: list[tuple[int, str]]) -> tuple[str | None, str | None, str | None]:
    """(notice title, issuer, plan title) from a "…关于印发《…》的通知" title, joined across lines.

    The title may be broken over up to four lines; it starts at the line that
    holds 关于 (or the line before, when 关于 opens its line: the issuer).
    """
    for k, (_, text) in enumerate(head[:40]):
        if "关于" not in text:
            continue
        start = k - 1 if text.replace(" ", "").startswith("关于") and k > 0 else k
        joined = "".join(t for _, t in head[start : start + 5])
        m = _NOTICE.match(re.sub(r"\s+", "", joined))
        if m:
            issuer = m.group("issuer") or None
            title = m.group("title").strip("《》")
            return f"{issuer or ''}关于印发{m.group('title')}的通知", issuer, title
    return None, None, None


def _issuer_line(head: list[tuple[int, str]]) -> str | None:
    for _, text in head[:15]:
        compact = text.replace(" ", "")
        if compact.endswith("文件") and 4 <= len(compact) <= 40:
            return compact[:-2]
    return None


def _choose_place(text: str, context: str) -> Place | None:
    """The most specific place named in ``text``, disambiguated by ``context``."""
    g = gazetteer()
    candidates: list[tuple[int, int, Place]] = []
    for pos, name in g.find_all(text):
        for place in g.lookup(name):
            if place.name != name:
                continue
            level = {"county": 3, "prefecture": 2, "province": 1}[place.level]
            support = sum(context.count(a.short) for a in g.ancestors(place))
            # a place written together with its parent ("福州市鼓楼区") is certain
            if any(text[max(0, pos - len(a.name)) : pos] == a.name for a in g.ancestors(place)):
                support += 100
            candidates.append((level, support, place))
    if not candidates:
        return None
    best_level = max(c[0] for c in candidates)
    best = [c for c in candidates if c[0] == best_level]
    best.sort(key=lambda c: (-c[1], c[2].adcode))
    return best[0][2]


def implicit_units(lines: Sequence[str]) -> list[str]:
    """Units a declaration makes responsible for every task ("以下…均需…落实，不再单独列出")."""
    units: list[str] = []
    for line in lines:
        if "不再" not in line:
            continue
        text = implicit_units_text(strip_markup(line))
        if text:
            units.extend(n for n in parse_units(text).names if n not in units)
    return units


def document_units(notes: Sequence[tuple[int, str]]) -> list[str]:
    """Units a 说明 note declares responsible for every task ("…均为各项任务的责任单位")."""
    units: list[str] = []
    for _, text in notes:
        body = re.sub(r"^\s*(?:说明|注|备注)\s*[:：]", "", text)
        m = re.search(r"^(.*?)(?:均|都|同时)?(?:为|是|作为)(?:各项|全部|所有)?(?:任务|工作)?的?(?:责任单位|责任主体)", body)
        if m:
            for name in parse_units(m.group(1)).names:
                if name not in units:
                    units.append(name)
    return units


def read_facts(lines: Sequence[str], table_start: int, source: str) -> Facts:
    """Read the document facts from the lines before the task table (and the whole text for context).

    Parameters
    ----------
    lines : the document's lines.
    table_start : index of the first table line (the head is read above it).
    source : file name, used only when nothing better names the plan.
    """
    head = _head_lines(lines, table_start if table_start > 0 else min(len(lines), 60))
    facts = Facts()
    notice_title, notice_issuer, plan_title = _notice(head)
    issuer = _issuer_line(head) or notice_issuer
    title = plan_title
    if not title:
        for _, text in head[:40]:
            compact = text.replace(" ", "")
            if _PLAN_TITLE.search(fold(compact)) and 6 <= len(compact) <= 60 and "印发" not in fold(compact):
                title = compact
                break
    if not title:  # a short line naming a year above the table ("2021年晋江市任务分工")
        for _, text in head[:20]:
            compact = text.replace(" ", "")
            if _YEAR_LINE.match(compact) and "印发" not in compact and not _DATE.search(compact):
                title = compact
                break
    facts["title"] = title
    facts["notice_title"] = notice_title
    facts["issuer"] = issuer
    number = None
    number_year = None
    for _, text in head[:30]:
        m = _DOC_NUMBER.search(text)
        if m:
            number = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
            number_year = int(m.group(2))
            break
    facts["doc_number"] = number
    # issue date: a date line on its own in the head (the signature), else the 印发 date anywhere
    issue_date = None
    for _, text in head:
        m = _DATE.fullmatch(text.replace(" ", ""))
        if m:
            issue_date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            break
    if issue_date is None:
        for line in lines:
            m = re.search(_DATE.pattern + r"\s*印发", line)
            if m:
                issue_date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
                break
    facts["issue_date"] = issue_date
    # plan year: the title's year, else the 文号 year, else the issue date's
    plan_year = None
    for named in (title, notice_title):
        if named:
            m = _PLAN_YEAR.search(named)
            if m:
                plan_year = int(m.group(1))
                break
    if plan_year is None:
        plan_year = number_year
    if plan_year is None and issue_date:
        plan_year = int(issue_date[:4])
    if plan_year is None:  # a page without title or date: the year its opening lines speak of
        for _, text in head[:8]:
            m = _PLAN_YEAR.search(re.sub(r"《[^》]*》", "", text))
            if m and 1990 <= int(m.group(1)) <= 2100:
                plan_year = int(m.group(1))
                break
    facts["plan_year"] = plan_year
    # jurisdiction
    context = "\n".join(lines[: min(len(lines), 400)])
    place = None
    for named in (title, issuer, notice_title, number):
        if named:
            place = _choose_place(named, context)
            if place:
                break
    if place is None:
        counts = Counter(name for _, name in gazetteer().find_all(context))
        for name, _ in counts.most_common(3):
            place = _choose_place(name, context)
            if place:
                break
    if place is not None:
        # 北京市 the prefecture is 北京市 the province (as agency names read it): one place, one code
        chain = [p for p in gazetteer().ancestors(place) if p.name != place.name]
        chain = [p for i, p in enumerate(chain) if i + 1 == len(chain) or chain[i + 1].name != p.name]
        place = next((p for p in gazetteer().ancestors(place) if p.name == place.name), place)
        facts["jurisdiction"] = place.name
        facts["adcode"] = place.adcode
        facts["parent"] = chain[0].name if chain else None
        facts["province"] = chain[-1].name if chain else None
        facts["parent_adcode"] = chain[0].adcode if chain else None
        facts["province_adcode"] = chain[-1].adcode if chain else None
    if not facts.get("title"):
        facts["title"] = source
    return facts


def first_listed_leads(text: str) -> bool:
    """Whether the document says the first unit listed is the lead (a common convention).

    >>> first_listed_leads("说明：责任单位中排在第一位的为牵头单位。")
    True
    """
    return declares_first_leads(text)
