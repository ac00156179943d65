"""Label words, persons and declarations: what a "牵头单位：" names, and what is not a unit.

Reading rules, "Numbered lists, articles and bulletins":

- **Labels** name a field: 牵头单位 / 牵头部门 / 主责单位 / 牵头责任单位 / 主办 → lead;
  责任单位 / 责任部门 / 配合单位 / 协办单位 / 协同单位 → responsible; 完成时限 / 进度安排 →
  deadline; 牵头领导 / 责任领导 / 牵头市领导 / 项目责任人 / 主管领导 → persons (``leaders``);
  工作要求 → a requirement whose "由X牵头" names the lead; 工作成果 / 进展 / 完成情况 → no field.
- **Persons** are never units: a name with an office title (副市长, 省长, 同志) or a
  personal name where a person label stands.
- **Declarations** change how later attributions read: "排在首位的为牵头单位，下同"
  (the first unit listed is the lead), "以下…均需…落实，不再单独列出" (units
  responsible for every task: document facts).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.loaders.hanzi import fold

__all__ = ["label_line", "label_role", "field_word", "FIELD_WORDS", "looks_like_person", "declares_first_leads",
           "implicit_units_text", "is_declaration"]

# Words naming a field the same way whether they head a table column ("牵头单位") or open a label
# line ("牵头单位：X"): (field, pattern on the folded words without spaces); the first that matches
# decides. Persons come before units (责任领导 is a person, 责任单位 a unit); progress before
# schedules (进度 and 工作进度 report progress, 进度安排 is a schedule).
FIELD_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("contact", re.compile(r"联系人|联系方式|电话|手机|邮箱")),
    ("person", re.compile(r"领导|责任人|负责人|^人$|负责同志|分管")),
    ("progress", re.compile(r"进展|完成情况|评价|成效|成果|状态|现状|推进情况|进度(?!安排|要求)")),
    ("lead", re.compile(r"牵头|主办|主责")),
    ("responsible", re.compile(r"责任|配合|协办|参与|协同|承办|实施主体|实施单位|实施部门|执行单位|落实单位|参加")),
    ("deadline", re.compile(r"时限|时间|期限|节点|进度安排|进度要求|时间安排|完成日期")),
)

# What only a label line says: page furniture (when the page was posted, not when a task falls due),
# a requirement whose "由X牵头" names the lead, a remark; and words that open the task's own text.
_FURNITURE_LABEL = re.compile(r"^(?:发布|发文|印发|更新|成文|生成|产生)(?:时间|日期)$")
_LINE_ONLY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("requirement", re.compile(r"^(?:工作)?要求$")),
    ("remark", re.compile(r"^备注$")),
    ("ignore", re.compile(r"目标|内容|措施|情况|说明")),
)
# Fields no task field takes, on a label line
_LINE_ROLE = {"contact": "ignore", "progress": "ignore"}


def field_word(words: str) -> str | None:
    """The field folded words name in a header or before a label's colon (`FIELD_WORDS`), or None.

    >>> field_word("牵头单位"), field_word("责任领导"), field_word("工作进度"), field_word("进度安排")
    ('lead', 'person', 'progress', 'deadline')
    >>> field_word("实施单位"), field_word("实施时间"), field_word("实施内容")
    ('responsible', 'deadline', None)
    """
    for role, pattern in FIELD_WORDS:
        if pattern.search(words):
            return role
    return None

# "牵头单位：X", "责 任 人:Y" (spaces inside the label), "人:Z"; the label is short and ends at the colon.
_LABEL_LINE = re.compile(r"^[\s\u3000]*(?P<label>[^\s:：；;，,。、（()）]{1,8}(?:[ \u3000][^\s:：；;，,。、（()）]{1,3}){0,3})"
                         r"[\s\u3000]*[:：][\s\u3000]*(?P<value>.*?)[\s\u3000]*$")


_LABEL_SPACE = re.compile(r"[\s\u3000]+")


@lru_cache(maxsize=4096)
def label_role(label: str) -> str | None:
    """The field a label names (lead, responsible, deadline, person, requirement, remark, ignore), or None.

    >>> label_role("牵头单位"), label_role("責任單位"), label_role("牵头领导"), label_role("责 任 人")
    ('lead', 'responsible', 'person', 'person')
    >>> label_role("进度安排"), label_role("工作成果"), label_role("当前位置"), label_role("发布时间")
    ('deadline', 'ignore', None, None)
    """
    folded = fold(_LABEL_SPACE.sub("", label))
    if not folded or len(folded) > 8 or _FURNITURE_LABEL.match(folded):
        return None
    role = field_word(folded)
    if role is not None:
        return _LINE_ROLE.get(role, role)
    return next((role for role, pattern in _LINE_ONLY if pattern.search(folded)), None)


# "【牵头单位】市发改委": the label in lenticular brackets instead of before a colon
_BRACKET_LABEL = re.compile(r"^[\s\u3000]*[【\[［](?P<label>[^】\]］]{2,8})[】\]］][\s\u3000:：]*(?P<value>.+?)[\s\u3000]*$")
_BARE_LABEL = re.compile(r"^[\s\u3000]*(?P<label>[^\s:：；;，,。、（()）]{2,8})[\s\u3000]*[:：]?[\s\u3000]*$")


def label_line(text: str) -> tuple[str, str, str] | None:
    """(role, label, value) of a line that opens with a field label, or None.

    >>> label_line("  牵头单位:省发展改革委")
    ('lead', '牵头单位', '省发展改革委')
    >>> label_line("责 任 人:安洪海 五县县长")
    ('person', '责 任 人', '安洪海 五县县长')
    >>> label_line("发布时间:2024-01-18") is None, label_line("一、总体要求") is None
    (True, True)
    """
    m = _LABEL_LINE.match(text) or _BRACKET_LABEL.match(text) or _BARE_LABEL.match(text)
    if not m:
        return None
    label = m.group("label").strip()
    role = label_role(label)
    if role is None or (not m.groupdict().get("value") and not _UNIT_LABEL.match(fold(label))):
        return None
    return role, label, (m.groupdict().get("value") or "").strip()


# A label standing alone ("责任单位" with nothing after it) counts only when it names units.
_UNIT_LABEL = re.compile(r"^(?:牵头|主办|主责|责任|配合|协办|协同)(?:单位|部门)$")


# Office titles that make a name a person's ("孟学农省长", "杨志武副市长", "省政府分管领导同志").
_TITLE = re.compile(r"(?:常务)?副?(?:省长|市长|县长|区长|州长|盟长|旗长|镇长|乡长|主席|书记|主任|秘书长|部长|厅长|局长|"
                    r"委员|巡视员|调研员)$|同志$|领导$")
_GIVEN_NAME = re.compile(r"^[\u4e00-\u9fff]{1,2}[ \u3000]?[\u4e00-\u9fff]{1,2}$")


def looks_like_person(name: str, person_slot: bool = False) -> bool:
    """Whether a name is a person's: an office title, or (where a person label stands) a 2–4 character name.

    >>> looks_like_person("杨志武副市长"), looks_like_person("省政府分管领导同志"), looks_like_person("市发改委")
    (True, True, False)
    >>> looks_like_person("王 健", person_slot=True), looks_like_person("王健")
    (True, False)
    """
    name = fold(name.strip())
    if not name:
        return False
    if _TITLE.search(name) and not name.endswith(("委员会", "局", "厅", "办")):
        return True
    return person_slot and bool(_GIVEN_NAME.match(name))


# "排在首位的为牵头单位", "列第一位的为牵头单位", "第一个单位为牵头单位", "牵头单位排在首位"
_FIRST_LEADS = re.compile(
    r"(?:排在?第一位|排名第一|排第一|列第一|列在?首位|排在首位|首位|第一个|第一家|排在前面)[^。；;\n]{0,8}?(?:为|是|系)[^。；;\n]{0,2}牵头"
    r"|牵头单位[^。；;\n]{0,4}(?:排|列)(?:在)?(?:第一位?|首位)")
_SAME_BELOW = re.compile(r"^(?:下同|以下同|后同|余同)$")


def declares_first_leads(text: str) -> bool:
    """Whether a text declares that the first unit listed is the lead.

    >>> declares_first_leads("排在首位的为牵头单位，下同"), declares_first_leads("说明：责任单位中排在第一位的为牵头单位。")
    (True, True)
    """
    return bool(_FIRST_LEADS.search(fold(text)))


def is_declaration(clause: str) -> bool:
    """A clause that declares a convention ("排在首位的为牵头单位", "下同"): never a unit name."""
    folded = fold(clause.strip(" ，,；;。"))
    return bool(_FIRST_LEADS.search(folded) or _SAME_BELOW.match(folded))


# "以下各项任务，各区人民政府、管委会均需落实，不再单独列出"
_IMPLICIT = re.compile(r"(?:以下|下列|上述|各项)[^。]{0,40}?(?:均需|均要|均应|都要|都需|均须|须|均)[^。]{0,20}?"
                       r"(?:落实|负责|承担|推进)[^。]{0,12}?不再(?:单独|一一|逐一|另行)?(?:列出|列明|标注|注明|列示)")


def implicit_units_text(text: str) -> str | None:
    """The units a "以下…均需…落实，不再单独列出" declaration names, as text; None when it is none.

    >>> implicit_units_text("以下各项任务，各县（市、区）人民政府均需抓好落实，不再单独列出。")
    '各县（市、区）人民政府'
    """
    folded = fold(text)
    m = _IMPLICIT.search(folded)
    if not m:
        return None
    head = text[m.start():m.end()]
    before = re.split(r"均需|均要|均应|都要|都需|均须|须|均", head, maxsplit=1)[0]
    before = re.sub(r"^(?:以下|下列|上述)(?:各项|所列|的)?(?:重点)?(?:任务|工作|事项)?[，,、\s]*", "", before)
    before = re.sub(r"^各项(?:任务|工作)[，,、\s]*", "", before).strip(" ，,、")
    return before or None
