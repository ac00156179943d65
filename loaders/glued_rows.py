"""Tables whose cells a viewer ran together: "序号重点任务牵头单位配合单位完成时限", and rows alike.

Reading rules, "Tables flattened by a web page": cells run together are split by meaning.

- **The header** splits at the column words it knows (序号, 牵头单位, 配合单位, 完成时限,
  完成情况 …, `policykg.loaders.labels.FIELD_WORDS`); the text between two of them labels a
  text column ("重点任务").
- **A row** opens with its number (a category may stand before it: "经济发展1…"). Then
  come the task's text, the unit names and what the header puts after them. Unit names
  open like a unit's (a jurisdiction, a place, a body's stem, 各…), end like one (局, 委,
  中心, 政府 …), and stand one after another: 、 between the names of one cell, nothing
  between two cells ("县市场监管局县税务局、县公安局" is 县市场监管局 | 县税务局、县公安局). A
  deadline column after them takes the deadline the row ends with ("2023年6月底"); a prose
  column (完成情况) takes the rest, the names then following the task's sentence end.
- Where the task's text ends is the split that fits: the first name says where or whose
  it is (县…, 泉州…, 人民银行…, 各…) unless the text ends at a punctuation mark; the
  earliest split after a punctuation mark is taken, else the earliest. A
  numbered line that no split fits is a reject with its line and reason
  (`reject_cells_run_together`), never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.loaders.assemble import Grid, GridRow
from policykg.loaders.columns import header_roles, is_header
from policykg.loaders.deadlines import deadline_prefix
from policykg.loaders.flat_tables import FlatTable
from policykg.loaders.hanzi import fold
from policykg.loaders.numbering import is_bare_number
from policykg.loaders.places import gazetteer
from policykg.loaders.progress import reads_as_progress
from policykg.loaders.text_clean import strip_markup
from policykg.loaders.unit_names import (
    ends_like_unit,
    is_collective,
    jurisdiction_prefix,
    not_a_name,
    opens_like_unit,
    opens_with_body_stem,
    opens_with_verb,
)

__all__ = ["glued_header", "read_glued_table", "split_glued_row"]

# Column words a viewer's run-together header is cut at; the text between two is a text column's label.
_COLUMN_WORDS = re.compile(
    r"序号|编号|(?:牵头|主办|主责|责任|配合|协办|协同|参与)(?:责任)?(?:单位|部门)|(?:责任|牵头|分管)(?:领导|人)"
    r"|完成时限|完成时间|完成期限|时间节点|时限要求|时间安排|进度安排|时限|备注|完成情况|进展情况|推进情况|工作进展"
)
_SUFFIXED = ("完成情况", "进展情况", "推进情况", "完成时限", "完成时间", "时限")
_UNIT_ROLES = ("lead", "responsible")
_PROSE_ROLES = ("other", "remark", "person")
_MAX_NAME = 25
_NOT_IN_NAME = re.compile(r"[。；;：:！？!?\s\d]")
_SEPARATORS = "、，,"
_SENTENCE_END = "。；;！？!?"
_BOUNDARY = _SENTENCE_END + "，,”’」』"  # not a closing bracket: 各县（市、区）人民政府 holds one
# A row's number, maybe after its category ("经济发展1…"); not a count or a date ("2024年…", "3个").
_ROW_NUMBER = re.compile(r"^(?P<before>\D*?)(?P<seq>\d+)(?:[、.．](?!\d)|(?![\d.．%％年月日号个项万亿元]))(?P<rest>.+)$")
# Rows may be missing from the numbering (a row the page lost); a larger jump is no row number.
_MAX_GAP = 10


def glued_header(line: str) -> list[str] | None:
    """The labels of a header whose cells a viewer ran together, or None.

    >>> glued_header("序号重点任务牵头单位配合单位完成时限")
    ['序号', '重点任务', '牵头单位', '配合单位', '完成时限']
    >>> glued_header("类别序号重点督办内容牵头单位全年完成情况")
    ['类别', '序号', '重点督办内容', '牵头单位', '全年完成情况']
    """
    text = line.strip()
    if not text or len(text) > 40 or re.search(r"[\s，,。；;：:、|]", text):
        return None
    labels: list[str] = []
    last = 0
    for m in _COLUMN_WORDS.finditer(text):
        between = text[last:m.start()]
        if between and len(between) <= 2 and m.group(0) in _SUFFIXED:
            labels.append(between + m.group(0))  # "全年" + "完成情况"
        else:
            if between:
                labels.append(between)
            labels.append(m.group(0))
        last = m.end()
    if last < len(text):
        labels.append(text[last:])
    if len(labels) >= 3 and any(label in ("序号", "编号") for label in labels) and is_header(labels):
        return labels
    return None


@dataclass(frozen=True, slots=True)
class _Run:
    """Unit names standing one after another: where they end, and the cells they make."""

    end: int
    cells: tuple[str, ...]
    placed: bool  # the first name says where or whose it is (县发改局, 泉州海关, 人民银行…, 各…), not a bare 税务局


# Endings after which a name is whole: a bare body run together with it is the next name (县发改局|财政局),
# where after other endings it goes on (省住房城乡|建设厅 is 省住房城乡建设厅).
_WHOLE_ENDS = ("局", "委", "厅", "办", "中心", "政府", "院", "公司", "集团", "署", "部", "行", "会")
# …but not a party committee: 县委|宣传部 is 县委宣传部, 中共泉州市委|组织部 one body.
_COMMITTEE = re.compile(r"[省市县区旗]委$")
_LEVELS = ("省", "市", "县", "区")  # 州 ends many a place's own name (赣州, 福州)
_LONG_PREFIXES = ("自治区", "两市", "两区", "两县", "三市")
# 各 and the levels it governs ("各区县政府", "各乡镇人民政府"): one collective, whatever follows.
_GOVERNING = re.compile(r"各[省市县区镇乡街道旗州盟（）()、]*")
# Offices a body keeps in another place, named after it: "…银行福州中心支行", "…中心福清管理部".
_BRANCHES = ("支行", "分行", "分局", "分公司", "管理部", "办事处", "营业部", "分中心", "服务站")


def _depth(text: str) -> int:
    return sum(text.count(c) for c in "（(“") - sum(text.count(c) for c in "）)”")


def _place_of(text: str) -> str:
    """The place a unit's name opens with ("福清市" of 福清市税务局), or "".

    The place has two characters or more before its level (not 理县: 办理|县公安局) and a body
    follows it (a stem, 海关, a bank's branch), not other words (广平|台企业 is 推广平台企业).
    """
    folded = fold(text)
    place = gazetteer().prefix_place(folded) or ""
    if len(place.rstrip("".join(_LEVELS))) < 2:
        return ""
    after = folded[len(place):]
    return place if opens_with_body_stem(after) or after.startswith(_AFTER_PLACE) else ""


# Words that follow a place in the names of bodies that are not government departments.
_AFTER_PLACE = ("海关", "供电", "中心支行", "支行", "分行", "分局", "边检", "海事", "银保监", "调查队", "住房公积金")

def _placed(name: str) -> bool:
    """A name that says where or whose it is: a jurisdiction, a place, an organisation, a collective."""
    folded = fold(name)
    if opens_with_body_stem(folded) or not opens_like_unit(name):
        return False
    return bool(jurisdiction_prefix(name) or is_collective(folded) or _place_of(name)
                or not gazetteer().prefix_place(folded))


def _inside_place(text: str, p: int) -> bool:
    """Whether position ``p`` falls inside a place name (福清|市税务局) or a prefix (自|治区)."""
    for k in range(1, min(p, 4) + 1):
        if len(_place_of(text[p - k:p + _MAX_NAME])) > k:
            return True
    return any(text[p - k:].startswith(long) for long in _LONG_PREFIXES for k in range(1, min(p, 2) + 1))


def _second_name_at(text: str, q: int) -> bool:
    """Whether a second unit's name opens at ``q`` of ``text`` (县发改局|县财政局, 区人力社保局按照|市人力社保局).

    What opens there ends like a unit and carries its jurisdiction, or a place written with its
    level (福清市), or — after a whole name — a place, an organisation or a body's stem of its own;
    q is not inside a place, a prefix, brackets or a collective's 各…; a branch named after its
    place is part of the body before it (中国人民银行|福州中心支行).
    """
    head, tail = text[:q], text[q:]
    if not ends_like_unit(tail) or _depth(head) or _inside_place(text, q) or _GOVERNING.fullmatch(head):
        return False
    if jurisdiction_prefix(tail):
        return True
    whole = head.endswith(_WHOLE_ENDS) and not _COMMITTEE.search(head)
    place = _place_of(tail)
    if place:
        return not tail.endswith(_BRANCHES) and (place.endswith(_LEVELS) or whole)
    return whole and (_placed(tail) or opens_with_body_stem(fold(tail)))


def _is_name(text: str, first_of_cell: bool) -> bool:
    """One unit's name: it ends like a unit, opens like one, and holds no two names run together."""
    if not 2 <= len(text) <= _MAX_NAME or _NOT_IN_NAME.search(text) or _depth(text) != 0:
        return False
    if any(ch in _SEPARATORS and not _depth(text[:k]) for k, ch in enumerate(text)):
        return False  # 、 between two names (inside brackets it is part of one: 各县（市、区）)
    if not (ends_like_unit(text) or is_collective(text)) or not_a_name(text):
        return False
    # a name after 、 may drop the jurisdiction the cell's first name carries ("县公安局、税务局")
    if not opens_like_unit(text) and (first_of_cell or opens_with_verb(fold(text))):
        return False
    return not any(_second_name_at(text, q) for q in range(2, len(text) - 1))


def _runs(text: str, start: int, max_cells: int) -> list[_Run]:
    """Every way unit names can stand one after another from ``start``, in at most ``max_cells`` cells.

    Names of one cell are separated by 、 (or ，); the next cell's first name follows with nothing
    between, and names itself: it carries a jurisdiction, a place, an organisation, a collective,
    or (after a whole name) a body's stem; a branch named after its place is no cell of its own.
    """
    out: list[_Run] = []

    def extend(i: int, cells: list[str], new_cell: bool) -> None:
        for j in range(i + 2, min(len(text), i + _MAX_NAME) + 1):
            name = text[i:j]
            if not _is_name(name, new_cell) or (new_cell and cells and _place_of(name) and name.endswith(_BRANCHES)):
                continue
            grown = cells + [name] if new_cell else cells[:-1] + [cells[-1] + name]
            out.append(_Run(j, tuple(grown), _placed(grown[0])))
            if j + 1 < len(text) and text[j] in _SEPARATORS:
                extend(j + 1, grown[:-1] + [grown[-1] + text[j]], False)
            elif len(grown) < max_cells and _opens_next_cell(text[j:j + _MAX_NAME], name):
                extend(j, grown, True)

    extend(start, [], True)
    return out


def _opens_next_cell(text: str, before: str) -> bool:
    """Whether what follows a name with nothing between opens the next cell's first name.

    It carries its jurisdiction or a collective's word; or a place written with its level; or,
    after a whole name (县发改局, not 市委 or 省住房城乡), a place, an organisation or a body's stem.
    """
    if _GOVERNING.fullmatch(before):
        return False  # "各乡镇" governs what follows: 各乡镇人民政府 is one collective
    folded = fold(text)
    if jurisdiction_prefix(text) or folded.startswith(("各", "有关", "相关")):
        return True
    place = _place_of(text)
    if place and place.endswith(_LEVELS):
        return True
    whole = before.endswith(_WHOLE_ENDS) and not _COMMITTEE.search(before)
    return whole and (bool(place) or opens_with_body_stem(folded) or _placed(text))


def _cell_texts(roles: Sequence[str]) -> tuple[int | None, list[int], list[int]]:
    """The measure column, the unit columns, and the columns after them, of a header's roles."""
    units = [k for k, r in enumerate(roles) if r in _UNIT_ROLES]
    measure = roles.index("measure") if "measure" in roles else None
    after = [k for k in range(units[-1] + 1, len(roles))] if units else []
    return measure, units, after


def _place_tail(tail: str, roles: Sequence[str], after: list[int], cells: list[str]) -> bool:
    """Give what follows the unit names to the columns after them; False when they cannot take it."""
    if not tail:
        return True
    columns = list(after)
    if columns and roles[columns[0]] == "deadline":
        size = deadline_prefix(tail)
        if size:
            cells[columns[0]] = tail[:size]
            tail = tail[size:].lstrip("，,；;")
        columns = columns[1:]
    if not tail:
        return True
    prose = next((k for k in columns if roles[k] in _PROSE_ROLES), None)
    if prose is None:
        return False
    cells[prose] = tail
    return True


def split_glued_row(text: str, roles: Sequence[str]) -> list[str] | None:
    """The cells of a row whose cells a viewer ran together (see the module docstring), or None.

    >>> roles = ["seq", "measure", "lead", "responsible", "deadline"]
    >>> split_glued_row("1优化企业开办流程，推行“一表申报”县市场监管局县税务局、县公安局2023年6月底", roles)
    ['1', '优化企业开办流程，推行“一表申报”', '县市场监管局', '县税务局、县公安局', '2023年6月底']
    """
    m = _ROW_NUMBER.match(text)
    if not m or "seq" not in roles:
        return None
    measure_at, units, after = _cell_texts(roles)
    if measure_at is None or not units:
        return None
    rest = m.group("rest").strip()
    splits = [s for p in range(2, len(rest)) if (s := _split_at(rest, p, roles, measure_at, units, after))]
    if not splits:
        return None
    # the task's text ends at a punctuation mark where it can, else as early as it can
    cells = next((cells for p, cells in splits if rest[p - 1] in _BOUNDARY), splits[0][1])
    seq_at = roles.index("seq")
    cells[seq_at] = m.group("seq")
    if m.group("before") and seq_at > 0:
        cells[seq_at - 1] = m.group("before")
    return cells


def _split_at(rest: str, p: int, roles: Sequence[str], measure_at: int, units: list[int],
              after: list[int]) -> tuple[int, list[str]] | None:
    """The cells when the task's text is ``rest[:p]``: the longest run of names from p that the
    columns after the units can follow (a deadline, prose), or None."""
    boundary = rest[p - 1] in _BOUNDARY
    if rest[p - 1] in _SEPARATORS or _inside_place(rest, p) or not opens_like_unit(rest[p:p + _MAX_NAME]):
        return None
    prose_after = any(roles[k] in _PROSE_ROLES for k in after)
    for run in sorted(_runs(rest, p, len(units)), key=lambda r: -r.end):
        if not run.placed and not boundary:
            continue  # a bare body (税务局, 审批…) right after the task's words: no telling where they end
        tail = rest[run.end:]
        if prose_after and tail and not (rest[p - 1] in _SENTENCE_END or reads_as_progress(tail)
                                         or deadline_prefix(tail)):
            continue  # the names of a row with a prose column follow the task's sentence end
        cells = [""] * len(roles)
        if _place_tail(tail, roles, after, cells):
            cells[measure_at] = rest[:p]
            for column, cell in zip(units, run.cells):
                cells[column] = cell
            return p, cells
    return None


def read_glued_table(lines: Sequence[str], start: int, labels: list[str]) -> FlatTable:
    """Read the run-together rows under a run-together header.

    A row opens with a number after the last (or 1, numbering restarting); one that cannot be
    split is a reject row of the grid. A line that does not open with a number continues the row above
    when the two split together (a row the viewer broke over lines) or the row above could not
    be split; otherwise it ends the table. A bare page number never ends it.
    """
    roles = header_roles(labels)
    rows: list[GridRow] = []
    printed: list[str] = []  # each row's text as printed, lines joined
    taken = {start + 1}
    last: int | None = None
    i = start + 1
    while i < len(lines):
        text = strip_markup(lines[i]).strip()
        m = _ROW_NUMBER.match(text)
        if not text or (is_bare_number(text) and rows):
            pass
        elif m is not None and (last is None or int(m.group("seq")) == 1 or last < int(m.group("seq")) <= last + _MAX_GAP):
            rows.append(_row(m.group("seq"), text, i + 1, roles))
            printed.append(text)
            last = int(m.group("seq"))
        elif rows:
            joined = _row(rows[-1].cells[0] if rows[-1].kind == "reject" else str(last), printed[-1] + text,
                          rows[-1].line, roles)
            if joined.kind == "reject" and rows[-1].kind != "reject":
                break  # the row above was whole: this line is no part of the table
            rows[-1], printed[-1] = joined, printed[-1] + text
        else:
            break
        taken.add(i + 1)
        i += 1
    return FlatTable(Grid(roles, rows), i, taken)


def _row(seq: str, text: str, line: int, roles: Sequence[str]) -> GridRow:
    """The grid row of a printed row: its cells, or a reject when it cannot be split."""
    cells = split_glued_row(text, roles)
    if cells is None:
        return GridRow([seq, text], line, "reject", reason="reject_cells_run_together")
    return GridRow(cells, line, by_meaning=True)
