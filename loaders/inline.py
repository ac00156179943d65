"""Numbered lists, articles and bulletins: which items are tasks, and the row each task gives.

Reading rules, "Numbered lists, articles and bulletins". On the outline of a
document (`policykg.loaders.outline`):

- **the task** is the innermost numbered item that carries units — its own
  attribution, label lines or opening clauses — or that inherits them from a
  heading above it ("一、X牵头工作", "（一）…（牵头单位：X）") or from a line closing
  its group ("协同单位：…"); items above a task are headings; numbered points
  under a task that name no units are part of its text;
- **seq** is the number as printed ("3", "（二）", "第五条", "⑴"); where numbering
  restarts so that two tasks would share a number, the path of printed ordinals
  ("一(三)1"); an unnumbered task (a paragraph, a dash point) gets its position;
- **indicator_raw** is the first heading level, **item** the heading just above
  the task or the title the task opens with;
- **declarations** apply from where they stand: "排在首位的为牵头单位" makes the
  first unit of each later attribution the lead;
- a numbered item among tasks that names no units, and a task whose units the
  end of the file cuts off, are rejects with their line and reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from policykg.loaders.assemble import Assembled
from policykg.loaders.attribution import Attribution
from policykg.loaders.deadlines import parse_deadline
from policykg.loaders.indicators import clean_indicator, document_indicators
from policykg.loaders.numbering import UNNUMBERED_STYLES, read_marker
from policykg.loaders.outline import Node, Outline, Para, build_outline, title_of, title_units
from policykg.loaders.progress import closes_the_list, reads_as_progress, reports_progress
from policykg.loaders.text_clean import collapse_ws, squeeze
from policykg.loaders.unit_names import (
    jurisdiction_prefix,
    parse_units,
    unfinished_units,
)
from policykg.records import Reject, Row

__all__ = ["InlineList", "find_inline_list", "read_inline_list", "list_rows", "list_number"]


_BARE_TITLE = re.compile(r"[。！？!?；;，,]")
# Supplementary provisions close a document of articles (第N章 附则): when it takes effect, who interprets
# it, what it repeals — never tasks, so no rejects either.
_SUPPLEMENTARY = re.compile(r"^(?:附\s*则|附\s*則)$")
_IN_FORCE = re.compile(r"本(?:措施|办法|方案|意见|规定|细则|通知|规划|计划|辦法|意見|規定|細則|規劃|計劃)[^。]{0,30}"
                       r"(?:起施行|起实施|起执行|起實施|起執行|负责解释|負責解釋|同时废止|同時廢止)")


def list_number(text: str) -> tuple[str | None, int | None, str]:
    """(style, number, rest) of a paragraph (`policykg.loaders.numbering.read_marker`); style None when unnumbered.

    >>> list_number("12.规范中介服务"), list_number("（三）优化服务"), list_number("推进改革")
    (('num_dot', 12, '规范中介服务'), ('cn_paren', 3, '优化服务'), (None, None, '推进改革'))
    """
    marker, rest = read_marker(text)
    return (marker.style, marker.number, rest) if marker else (None, None, text.strip())


@dataclass(slots=True)
class _Task:
    node: Node
    attribution: Attribution
    warnings: list[str] = field(default_factory=list)
    inherited_only: bool = False  # units only from a heading: a group line may add responsible units
    source: int | None = None  # the heading whose units the task takes (its group)
    in_report: bool = False  # the document reports on progress (`policykg.loaders.progress.reports_progress`)
    ends_at_attribution: bool = False  # nothing after its attribution is its text (see `_text_parts`)


@dataclass(slots=True)
class InlineList:
    """The tasks found in a document's lines, the lines they take, and the rejected items."""

    tasks: list[_Task] = field(default_factory=list)
    rejects: list[tuple[Node, str]] = field(default_factory=list)
    list_lines: set[int] = field(default_factory=set)
    outline: Outline | None = None


def _own(node: Node, body_mode: bool) -> Attribution:
    """What the item itself names: its text, its label lines and (in body mode) its paragraphs."""
    out = Attribution()
    paras = [node.para] + (node.body if body_mode else [])
    for para in paras:
        if para is not None and para.attribution is not None:
            out.merge(para.attribution)
    return out


def _heading_units(node: Node) -> tuple[Attribution | None, str | None]:
    if node.para is None or node.para.marker is None:
        return None, None
    return title_units(title_of(node.para))


class _Reader:
    def __init__(self, outline: Outline, ends_open: bool) -> None:
        self.outline = outline
        self.ends_open = ends_open
        self.found = InlineList(outline=outline)
        self.body_mode = True
        self._task_below: dict[int, bool] = {}

    def read(self) -> InlineList:
        self._split_paragraph_tasks()
        self._walk(self.outline.root, [], [])
        self._reject_unattributed()
        return self.found

    def _split_paragraph_tasks(self) -> None:
        """Unnumbered paragraphs that name units are tasks when a heading holds several of them."""
        nodes = list(_walk_nodes(self.outline.root))
        self.body_mode = not any(sum(p.names_units for p in n.body) >= 2 for n in nodes if n.para is not None)
        if self.body_mode:
            return
        for node in nodes:
            tasks = [p for p in node.body if p.names_units]
            if not tasks:
                continue
            node.body = [p for p in node.body if not p.names_units]
            node.children += [Node(p, node) for p in tasks]
            node.children.sort(key=lambda n: n.paragraph.line)

    def _has_task_below(self, node: Node) -> bool:
        key = id(node)
        if key not in self._task_below:
            self._task_below[key] = any(
                _own(c, self.body_mode).names_units or self._has_task_below(c) for c in node.children)
        return self._task_below[key]

    def _is_heading(self, node: Node, own: Attribution) -> bool:
        """A heading: a task stands below it, or it names no units and has numbered items below.

        Bullet and dash points under an item that names units are part of its text; numbered
        items under one that names none are its tasks (they inherit what a heading names).
        """
        if self._has_task_below(node):
            return True
        return not own.names_units and any(
            c.style not in UNNUMBERED_STYLES or _own(c, self.body_mode).names_units
            for c in node.children if c.style is not None)

    def _walk(self, node: Node, inherited: list[tuple[Attribution, str, int]], leaders: list[str]) -> None:
        """Find the tasks under ``node``; ``inherited`` holds the units named above, nearest first."""
        pending: list[_Task] = []
        for child in node.children:
            own = _own(child, self.body_mode)
            heading, person = _heading_units(child)
            child_leaders = leaders + ([person] if person else [])
            if child.para is not None and child.para.attribution is not None and not own.names_units:
                child_leaders += [p for p in child.para.attribution.leaders if p not in child_leaders]
            title = title_of(child.para) if child.para is not None else ""
            if self._is_heading(child, own):
                above = list(inherited)
                if heading is not None:
                    above.insert(0, (heading, title, id(child)))
                if own.names_units:
                    above.insert(0, (own, title, id(child)))
                self._walk(child, above, child_leaders)
                continue
            chain = ([(heading, title, id(child))] if heading is not None else []) + inherited
            task = self._task(child, own, chain, child_leaders)
            if task is None:
                continue
            self.found.tasks.append(task)
            if task.inherited_only:
                pending.append(task)
                continue
            if _closes_group(child, own):
                for earlier in pending:
                    if earlier.source == task.source and not earlier.attribution.responsible:
                        earlier.attribution.responsible = list(own.responsible)
                        earlier.warnings.append("responsible_from_group_line")
            pending = []

    def _task(self, node: Node, own: Attribution, chain: list[tuple[Attribution, str, int]],
              leaders: list[str]) -> _Task | None:
        effective = Attribution()
        effective.merge(own)
        warnings: list[str] = []
        source_key = None
        inherited_only = False
        if not own.names_units:
            source = next(((a, t, k) for a, t, k in chain if a.names_units), None)
            if source is None:
                return None
            effective = Attribution()
            effective.merge(source[0])
            effective.leaders = list(own.leaders)
            effective.deadline = own.deadline or source[0].deadline
            warnings.append(f"inline_attribution_from_heading:{source[1]}")
            inherited_only, source_key = True, source[2]
        elif not own.lead and not (node.paragraph.first_leads and own.responsible):
            lead_source = next(((a, k) for a, _, k in chain if a.lead), None)
            if lead_source is not None:
                effective.lead, source_key = list(lead_source[0].lead), lead_source[1]
        effective.leaders += [p for p in leaders if p not in effective.leaders]
        warnings += [f"inline_clause_ignored:{c}" for c in own.ignored]
        return _Task(node, effective, warnings, inherited_only, source_key)

    def _reject_unattributed(self) -> None:
        """Numbered items among the tasks that name no units are rejects (every numbered task is accounted for)."""
        if not self.found.tasks:
            return
        taken = {id(t.node) for t in self.found.tasks}
        styles = {t.node.style for t in self.found.tasks if t.node.style is not None}
        first = min(t.node.paragraph.line for t in self.found.tasks)
        under_task = {id(n) for t in self.found.tasks for n in _walk_nodes(t.node)}
        for node in _walk_nodes(self.outline.root):
            if node.para is None or id(node) in taken or id(node) in under_task or node.style not in styles:
                continue
            if self._has_task_below(node) or node.para.line < first:  # the notice before the list: prose
                continue
            if _IN_FORCE.search(node.para.text) or any(
                    a.para is not None and _SUPPLEMENTARY.match(title_of(a.para)) for a in node.ancestors()):
                continue
            self.found.rejects.append((node, "reject_no_units"))
        self._cut_off(self.ends_open)

    def _cut_off(self, cut_mid_line: bool) -> None:
        """The document ends inside its last item: a task whose units may be cut off is a reject.

        Its units are cut off when the document ends on its unit list and the list is
        unfinished — the text stops mid-line, or the list ends with an empty label, a
        separator or a name that cannot end it — or when the task relies on a heading's
        units while the tasks before it name their own (its own line was not reached).
        """
        last_line = max(line for p in self.outline.paras for line in p.lines + p.attribution_lines)
        for k, (node, _reason) in enumerate(self.found.rejects):
            if last_line in _lines(node):
                self.found.rejects[k] = (node, "reject_truncated")
        for task in list(self.found.tasks):
            if last_line not in _lines(task.node):
                continue
            paras = [task.node.paragraph] + task.node.body
            values = {line: v for p in paras for line, v in p.unit_values.items()}
            siblings = [t for t in self.found.tasks if t.node.parent is task.node.parent and t is not task]
            if (last_line in values and (cut_mid_line or unfinished_units(values[last_line]))) or (
                    cut_mid_line and task.inherited_only and any(not t.inherited_only for t in siblings)):
                self.found.tasks.remove(task)
                self.found.rejects.append((task.node, "reject_truncated"))
            elif cut_mid_line:
                task.warnings.append("row_truncated")


def _closes_group(node: Node, own: Attribution) -> bool:
    """A task whose only units are responsible ones given on label lines (a group's "协同单位：…")."""
    paras = [node.paragraph] + node.body
    return bool(own.responsible) and not own.lead and any(p.attribution_lines for p in paras)


def _walk_nodes(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from _walk_nodes(child)


def _after_attribution(node: Node) -> list[Para]:
    """The paragraphs of a task after the last one that carries its attribution (brackets, label lines)."""
    paras = [node.paragraph] + node.body
    carriers = [k for k, p in enumerate(paras) if p.names_units or p.attribution_lines]
    return paras[carriers[-1] + 1:] if carriers else []


def _text_parts(task: _Task) -> tuple[str | None, str]:
    """(title, measure) of a task: a bare title line above its paragraphs is the title, not the measure.

    Progress is no part of the measure (`policykg.loaders.progress`); in a report on progress
    nothing after the task's attribution is. Nor is a paragraph closing the list, or whatever
    follows the attribution of a task that ends there (the last task of a list whose other
    tasks all end at their attribution).
    """
    node = task.node
    para = node.paragraph
    report = task.in_report
    after = {id(p) for p in _after_attribution(node)}
    parts: list[tuple[int, str]] = []
    for p in node.body:
        if reads_as_progress(p.body, report) or closes_the_list(p.body) or (
                id(p) in after and (report or task.ends_at_attribution)):
            continue
        parts.append((p.line, p.body))
    for child in _walk_nodes(node):
        if child is node or child.para is None:
            continue
        marker = child.para.marker
        prefix = marker.printed.strip() if marker is not None and marker.style not in UNNUMBERED_STYLES else ""
        parts.append((child.para.line, prefix + child.para.body))
        parts.extend((p.line, p.body) for p in child.body)
    parts.sort()
    rest = collapse_ws("\n".join(t for _, t in parts if t))
    own = collapse_ws(para.body)
    if para.tail and (report or reads_as_progress(para.tail)):  # "（牵头单位：X）已完成12个。"
        own = collapse_ws(para.before_tail)
    if para.marker is not None and rest and own and not _BARE_TITLE.search(own) and len(own) <= 40:
        return own, rest
    return None, collapse_ws("\n".join(t for t in [own, rest] if t))


def _title_sentence(measure: str) -> str | None:
    m = re.match(r"^(.{2,40}?[。！？!?])(?=\S)", measure)
    return m.group(1) if m else None


def _seqs(tasks: list[_Task]) -> tuple[list[str], bool, list[bool]]:
    """Printed numbers, or paths of them where two tasks would share a number; and which were inferred."""
    plain, keys, inferred = [], [], []
    position = 0
    for task in tasks:
        marker = task.node.paragraph.marker
        if marker is None or marker.number is None:
            position += 1
            plain.append(str(position))
            keys.append(position)
            inferred.append(True)
        else:
            plain.append(marker.ordinal)
            keys.append(marker.number)
            inferred.append(False)
    if len(set(keys)) == len(keys):
        return plain, False, inferred
    paths = []
    for task, own in zip(tasks, plain):
        ancestors = [a.paragraph.marker.ordinal for a in task.node.ancestors()
                     if a.paragraph.marker is not None and a.paragraph.marker.number is not None]
        paths.append("".join(ancestors) + own)
    return paths, True, inferred


def find_inline_list(lines: Sequence[str], numbers: Sequence[int] | None = None,
                     cut_off: bool = False) -> InlineList:
    """The tasks of a numbered list, article or bulletin document (see the module docstring).

    ``cut_off``: the text stops mid-line (a file without its final line break): the last
    item may have lost the end of its unit list.
    """
    numbers = list(numbers) if numbers is not None else list(range(1, len(lines) + 1))
    outline = build_outline(lines, numbers)
    last = next((t for t in reversed(lines) if t.strip()), "")
    ends_open = cut_off and last.rstrip()[-1:] not in "。！？!?；;）)〕】]”"
    found = _Reader(outline, ends_open).read()
    _mark_progress_and_ends(found)
    for task in found.tasks:
        found.list_lines.update(_lines(task.node))
    for node, _ in found.rejects:
        found.list_lines.update(_lines(node))
    return found


def _mark_progress_and_ends(found: InlineList) -> None:
    """Whether the list reports on progress, and whether its last task ends at its attribution.

    A report on progress says so in a short line above the list or a heading of a task
    ("…进展情况"), or a task's text reports what was done. The last task ends at its
    attribution when every other task does: what follows it is the document's, not the task's.
    """
    if not found.tasks or found.outline is None:
        return
    tasks = sorted(found.tasks, key=lambda t: t.node.paragraph.line)
    first = tasks[0].node.paragraph.line
    titles = [p.text for p in found.outline.paras if p.line < first and len(p.text) <= 60]
    headings = {id(t.node.parent): t.node.parent for t in tasks if t.node.parent is not None}
    titles += [title_of(h.paragraph) for n in headings.values() for h in [n] + n.ancestors() if h.para is not None]
    texts = [p.body for t in tasks for p in t.node.body] + [t.node.paragraph.tail for t in tasks]
    report = reports_progress(" ".join(titles), texts)
    for task in tasks:
        task.in_report = report
    tasks[-1].ends_at_attribution = len(tasks) >= 2 and all(not _after_attribution(t.node) for t in tasks[:-1])


def _lines(node: Node) -> set[int]:
    out: set[int] = set()
    for n in _walk_nodes(node):
        for p in ([n.para] if n.para is not None else []) + n.body:
            out.update(p.lines)
            out.update(p.attribution_lines)
    return out


def read_inline_list(lines: Sequence[str], source: str, plan_year: int | None,
                     numbers: Sequence[int] | None = None,
                     home: str | None = None) -> tuple[Assembled, InlineList] | None:
    """Rows of the task list in the lines, or None when the lines hold no task.

    Examples
    --------
    >>> lines = ["一、开办企业", "1.压缩开办时间。（牵头单位：市市场监管局；责任单位：市税务局；完成时限：6月底）"]
    >>> assembled, _ = read_inline_list(lines, "x.txt", 2021)
    >>> r = assembled.rows[0]
    >>> r.seq, r.indicator, r.measure, r.lead, r.responsible, r.deadline
    ('1', '开办企业', '压缩开办时间。', ('市市场监管局',), ('市税务局',), '2021-06-30')
    """
    found = find_inline_list(lines, numbers)
    if not found.tasks and not found.rejects:
        return None
    return list_rows(found, source, plan_year, home), found


def list_rows(found: InlineList, source: str, plan_year: int | None, home: str | None = None,
              title: str | None = None) -> Assembled:
    """The rows and rejects of the tasks `find_inline_list` found (``title``: the document's, no category)."""
    out = Assembled()
    tasks = sorted(found.tasks, key=lambda t: t.node.paragraph.line)
    seqs, paths, inferred = _seqs(tasks)
    known = _known_prefixed(tasks)
    # A row's line identifies it (`policykg.records.row_key`). A page that prints several tasks on
    # one line (a whole list run together) numbers them by their paragraph's ordinal instead, as a
    # minified HTML page does, and says so.
    taken = [t.node.paragraph.line for t in tasks] + [n.paragraph.line for n, _ in found.rejects]
    ordinals = None
    if len(set(taken)) < len(taken) and found.outline is not None:
        ordinals = {id(p): k for k, p in enumerate(found.outline.paras, 1)}
        out.problems.append("text_lines_ordinal")

    def line_of(node: Node) -> int:
        return ordinals[id(node.paragraph)] if ordinals is not None else node.paragraph.line

    categories = [_indicator_raw(t.node, title) for t in tasks]
    indicator = document_indicators(categories)  # local categories count beside national ones only
    for task, seq, guessed, category in zip(tasks, seqs, inferred, categories):
        row = _row(task, seq, guessed, paths, source, plan_year, known, home, out, (category, indicator(category)))
        if ordinals is not None:
            row = replace(row, line=line_of(task.node))
        if row.measure:
            out.rows.append(row)
        else:  # units but no task text: nothing to read as a measure
            out.rejects.append(Reject(source, row.line, seq, "reject_no_measure", collapse_ws(task.node.paragraph.text)[:200]))
    for node, reason in sorted(found.rejects, key=lambda r: r[0].paragraph.line):
        marker = node.paragraph.marker
        out.rejects.append(Reject(source, line_of(node), marker.ordinal if marker else None, reason,
                                  collapse_ws(node.paragraph.text)[:200]))
    return out


def _indicator_raw(node: Node, title: str | None) -> str | None:
    """The task's category as printed: its first numbered heading, or a short heading line above it.

    The document's title standing right above an unheaded list ("2023年度重点任务分工方案") names the
    plan, not a category of its tasks.
    """
    top = next((a for a in node.ancestors() if a.paragraph.marker is not None), None)
    if top is not None:
        return clean_indicator(title_of(top.paragraph)) or None
    heading = node.plain_heading or ""
    if title and re.sub(r"\s", "", heading) == title:
        return None
    return clean_indicator(re.sub(r"^(?:关键词|關鍵詞|领域|類別|类别)\s*", "", heading)) or None


def _known_prefixed(tasks: list[_Task]) -> frozenset[str]:
    names: set[str] = set()
    for task in tasks:
        for text in task.attribution.lead + task.attribution.responsible:
            names.update(n for n in parse_units(text).names if jurisdiction_prefix(n))
    return frozenset(names)


def _units(texts: list[str], known: frozenset[str], home: str | None, out: Assembled,
           warnings: list[str]) -> list[str]:
    names: list[str] = []
    for text in texts:
        parsed = parse_units(text, known, home)
        warnings.extend(parsed.warnings)
        for name, aliases in parsed.aliases.items():
            bucket = out.unit_aliases.setdefault(name, [])
            bucket.extend(a for a in aliases if a not in bucket)
        names.extend(n for n in parsed.names if n not in names)
    return names


def _row(task: _Task, seq: str, guessed: bool, paths: bool, source: str, plan_year: int | None,
         known: frozenset[str], home: str | None, out: Assembled, category: tuple[str | None, str | None]) -> Row:
    node, attribution = task.node, task.attribution
    warnings = list(task.warnings)
    lead = _units(attribution.lead, known, home, out, warnings)
    responsible = _units(attribution.responsible, known, home, out, warnings)
    if not lead and responsible and node.paragraph.first_leads:
        lead, responsible = responsible[:1], responsible[1:]
        warnings.append("lead_from_first_listed")
    if attribution.lead_required:
        responsible = [n for n in responsible if n not in lead]
    if not lead:
        warnings.append("no_lead")
    if guessed:
        warnings.append(f"seq_inferred:{seq}")
    if paths:
        warnings.append("seq_path")
    title, measure = _text_parts(task)
    ancestors = [a for a in node.ancestors() if a.paragraph.marker is not None]
    if title is not None:
        item: str | None = title
    elif len(ancestors) >= 2:
        item = title_of(ancestors[-1].paragraph) or None
    else:
        item = _title_sentence(measure)
    deadline_raw = squeeze(attribution.deadline) if attribution.deadline else None
    deadline = None
    if deadline_raw:
        deadline, dl_warnings = parse_deadline(deadline_raw, plan_year)
        warnings.extend(dl_warnings)
    return Row(
        source=source, seq=seq, indicator_raw=category[0], indicator=category[1],
        item=item, measure=measure, lead=tuple(lead), responsible=tuple(responsible),
        deadline_raw=deadline_raw, deadline=deadline, remark=attribution.remark, line=node.paragraph.line,
        warnings=tuple(dict.fromkeys(warnings)), leaders=tuple(attribution.leaders),
    )

