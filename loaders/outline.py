"""The outline of a text document: its paragraphs, their numbering levels, and what each one names.

Reading rules, "Numbered lists, articles and bulletins". Text extractions lose
indentation, so levels are read from the numbering *styles* (`numbering`): a
style seen before is a sibling of its last item (numbering goes on or
restarts), a new style opens a level below — unless the conventional order of
styles (一、 above （一） above 1. …) puts it higher. Unnumbered paragraphs are
the body of the numbered item above them, or tasks of their own when they
carry units and the document writes its tasks that way.

Each paragraph gathers what names its units: bracketed or tail attributions
(`attribution.find_attributions`), opening clauses ("由…负责，X牵头，Y配合，…"),
label lines under it ("牵头单位：…"), and lines that are nothing but an
attribution ("市发改委牵头落实", "（市资规局牵头）"). A heading may name the lead of
the tasks below it ("一、X牵头工作（8项）", "（一）省X厅牵头的工作") or a person
("一、X省长负责的工作").

The pure core `build_outline` takes lines and gives a tree of `Node`s; which
nodes are tasks is decided by `policykg.loaders.inline`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policykg.loaders.attribution import (
    Attribution,
    add_label,
    closing_attribution,
    find_attributions,
    opening_attribution,
    parse_attribution,
    parse_labels,
)
from policykg.loaders.hanzi import fold
from policykg.loaders.labels import declares_first_leads, label_line, looks_like_person
from policykg.loaders.numbering import (
    RANK,
    Marker,
    is_bare_number,
    read_marker,
    split_run_together,
)
from policykg.loaders.page_artefacts import is_furniture
from policykg.loaders.progress import closes_the_list, reads_as_progress
from policykg.loaders.text_clean import collapse_ws, strip_markup

__all__ = ["Para", "Node", "Outline", "build_outline", "title_of"]

_SENTENCE_END = "。！？!?；;"
_CLAUSE_MARK = re.compile(r"[，,、；;]")
_HEADING_PUNCT = re.compile(r"[。，,；;：:！？!?]")
_DOUBLED = re.compile(r"([。；;，,])\1+")  # "…验收。（X牵头）。": the full stops on both sides of the attribution
_CLOSING = "）)〕】]"
_TITLE_UNITS = re.compile(r"^(?P<u>.+?)(?P<verb>牵头|主办|负责|分管|主抓)(?:的|负责的)?(?:工作|任务|事项|项目)?"
                          r"(?:[（(]\s*\d+\s*项\s*[)）])?[。：:]?$")


@dataclass(slots=True)
class Para:
    """One paragraph: its number, text and lines, and the attribution it carries (with its label lines)."""

    line: int
    marker: Marker | None
    text: str
    lines: list[int] = field(default_factory=list)
    attribution: Attribution | None = None
    body: str = ""  # the text without its attributions
    attribution_lines: list[int] = field(default_factory=list)  # label lines and attribution-only lines
    unit_lines: list[int] = field(default_factory=list)  # those that list units (a cut there loses names)
    unit_values: dict[int, str] = field(default_factory=dict)  # line → the unit list as printed
    first_leads: bool = False  # a "first listed leads" declaration is in force here
    tail: str = ""  # the text after the paragraph's last attribution ("（牵头单位：X）已完成12个。")
    before_tail: str = ""  # the text without attributions up to the last one

    @property
    def names_units(self) -> bool:
        return self.attribution is not None and self.attribution.names_units


@dataclass(slots=True)
class Node:
    """A numbered item (or an unnumbered task paragraph) with the paragraphs under it."""

    para: Para | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    plain_heading: str | None = None  # a short unnumbered line just above the item

    @property
    def style(self) -> str | None:
        return self.para.marker.style if self.para is not None and self.para.marker is not None else None

    @property
    def paragraph(self) -> Para:
        """The item's paragraph (every node but an outline's root has one)."""
        if self.para is None:
            raise ValueError("the root of an outline has no paragraph")
        return self.para

    def ancestors(self) -> list[Node]:
        out, node = [], self.parent
        while node is not None and node.para is not None:
            out.append(node)
            node = node.parent
        return out[::-1]


@dataclass(slots=True)
class Outline:
    root: Node
    paras: list[Para]
    first_leads_from: int | None = None  # line of a document-level declaration


def _attach_attribution(para: Para, attribution: Attribution, line: int | None = None, units: str | None = None) -> None:
    if para.attribution is None:
        para.attribution = attribution
    else:
        para.attribution.merge(attribution)
    if line is not None:
        para.attribution_lines.append(line)
        if units is not None:
            para.unit_lines.append(line)
            para.unit_values[line] = units


def read_para(para: Para) -> None:
    """Find the attributions in a paragraph's own text (brackets, tail, opening clauses)."""
    text = para.text
    found = find_attributions(text)
    para.tail = para.before_tail = ""
    pieces, last = [], 0
    for start, end, attribution in found:
        pieces.append(text[last:start])
        last = end
        _attach_attribution(para, attribution)
    pieces.append(text[last:])
    body = _DOUBLED.sub(r"\1", collapse_ws("".join(pieces))).strip(" ，,")
    if found and len(pieces) > 1 and pieces[-1].strip(" \u3000，,。；;"):
        para.tail = collapse_ws(pieces[-1]).strip(" ，,。；;")
        para.before_tail = _DOUBLED.sub(r"\1", collapse_ws("".join(pieces[:-1]))).strip(" ，,")
    if not found:
        # "由X负责，Y牵头，Z配合，…" opening the paragraph, or its second sentence (after a title)
        starts = [0] if para.marker is None else []
        starts += [m.end() for m in re.finditer(r"[。！？]", body) if m.end() < len(body)][:1]
        for start in starts:
            opening = opening_attribution(body[start:])
            if opening is not None:
                _attach_attribution(para, opening[0])
                body = (body[:start] + opening[1]).strip()
                break
        else:  # "…，Y配合。" closing the sentence
            closing = closing_attribution(body)
            if closing is not None:
                _attach_attribution(para, closing[0])
                body = closing[1]
    para.body = body


def title_units(text: str) -> tuple[Attribution | None, str | None]:
    """Units (or a person) a heading names for the tasks under it: "X牵头工作（8项）", "（一）省X厅牵头的工作".

    >>> a, person = title_units("县示范区管委会牵头工作(8项)"); a.lead, person
    (['县示范区管委会'], None)
    >>> title_units("孟学农省长负责的工作")
    (None, '孟学农省长')
    """
    m = _TITLE_UNITS.match(fold(text.strip()))
    if not m:
        return None, None
    units = text.strip()[m.start("u"): m.end("u")]
    if looks_like_person(units):
        return None, units
    attribution = parse_attribution(units + ("牵头" if m.group("verb") in ("牵头", "主办") else "负责"))
    if attribution is None or not attribution.names_units:
        return None, None
    return attribution, None


def title_of(para: Para) -> str:
    """A heading's title: its text without attributions, up to the first full stop."""
    head = re.split(r"(?<=[。！？!?；;])", para.body or para.text, maxsplit=1)[0]
    return head.strip(" ：:")


def _is_attribution_line(text: str) -> Attribution | None:
    """A line that is nothing but an attribution: "（市资规局牵头）", "市发改委牵头落实", "市财政局、市税务局"."""
    stripped = text.strip(" \u3000。")
    if not stripped:
        return None
    if stripped[0] in "（(〔【[［" and stripped[-1] in "）)〕】]］":
        found = find_attributions(stripped)
        if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(stripped):
            return found[0][2]
        return None
    if len(stripped) > 80 or re.search(r"[。！？：:]", stripped):
        return None
    attribution = parse_attribution(stripped)  # verbs only: a bare name on a line is a signature or a heading
    if attribution is not None and attribution.names_units and not attribution.ignored:
        return attribution
    return None


def _ends_open(text: str) -> bool:
    """A paragraph line that stops mid-sentence (a line wrapped by the extraction).

    A short line without any punctuation is a title ("1、在兰州设立…有关事宜"), not a wrapped sentence.
    """
    text = text.rstrip().rsplit("\n", 1)[-1]
    if not text or text[-1] in _SENTENCE_END + _CLOSING + "：:":
        return False
    return len(text) >= 35 or bool(_CLAUSE_MARK.search(text))


def _is_plain_heading(text: str) -> bool:
    return len(text) <= 25 and not _HEADING_PUNCT.search(text.rstrip("。：:"))


def paragraphs(lines: Sequence[str], numbers: Sequence[int]) -> list[Para]:
    """The paragraphs of a document with their label lines and attribution-only lines attached."""
    paras: list[Para] = []
    blank_before = True
    expected: dict[str, int] = {}
    open_label: tuple[str, str] | None = None  # a unit label whose value stands on the next line
    for raw, number in zip(lines, numbers):
        plain = strip_markup(raw.replace("\t", " ")).strip(" \u3000\u00a0")
        if not plain:
            blank_before = True
            continue
        if is_furniture(plain) or is_bare_number(plain):
            continue
        labelled = label_line(plain)
        last = paras[-1] if paras else None
        if labelled is None and open_label is not None and last is not None and read_marker(plain)[0] is None:
            labelled = (open_label[0], open_label[1], plain)  # "责任单位：" ⏎ "市发改委、市财政局"
        open_label = None
        if labelled is not None and last is not None:
            role, label, value = labelled
            if not value and role in ("lead", "responsible"):
                open_label = (role, label)
            # "牵头单位：X；责任单位：Y" on one line holds two labels: read them all
            attribution = parse_labels(f"{label}：{value}") if role in ("lead", "responsible", "deadline") else None
            if attribution is None:
                attribution = Attribution()
                add_label(attribution, role, value)
            _attach_attribution(last, attribution, number, units=value if role in ("lead", "responsible") else None)
            blank_before = False
            continue
        for piece in split_run_together(plain, expected):
            marker, rest = read_marker(piece)
            last = paras[-1] if paras else None
            if marker is None and last is not None:
                only = _is_attribution_line(piece)
                if only is not None and not last.names_units:
                    _attach_attribution(last, only, number, units=piece)
                    blank_before = False
                    continue
                if not blank_before and not last.attribution_lines and not last.names_units \
                        and _ends_open(last.text) and (not _is_plain_heading(piece)
                                                       or re.search(r"[，,、；;]", last.text.rsplit("\n", 1)[-1])):
                    last.text += "\n" + piece  # a line wrapped in the extraction
                    last.lines.append(number)
                    read_para(last)
                    continue
            para = Para(number, marker, rest if marker is not None else piece, [number])
            read_para(para)
            paras.append(para)
            blank_before = False
    return paras


def build_outline(lines: Sequence[str], numbers: Sequence[int] | None = None) -> Outline:
    """The tree of a document's numbered items, with unnumbered paragraphs as the body of the item above.

    Parameters
    ----------
    lines : the document's lines or paragraphs, in order.
    numbers : the line number of each (default 1, 2, …), used for ``Row.line``.
    """
    numbers = list(numbers) if numbers is not None else list(range(1, len(lines) + 1))
    paras = paragraphs(lines, numbers)
    root = Node(None)
    stack: list[Node] = [root]
    outline = Outline(root, paras)
    first_leads = False
    pending_heading: str | None = None
    for k, para in enumerate(paras):
        declared = declares_first_leads(para.text) or (para.attribution is not None and para.attribution.first_leads)
        if declared and not first_leads:
            first_leads = True
            outline.first_leads_from = para.line
        para.first_leads = first_leads
        marker = para.marker
        if marker is None:
            if not para.names_units and _is_plain_heading(para.text) and k + 1 < len(paras) \
                    and not reads_as_progress(para.text) and not closes_the_list(para.text):
                pending_heading = para.text  # a short line above the tasks: their heading until another
                continue
            owner = next(n for n in reversed(stack) if n.style not in ("bullet", "dash"))
            if not para.names_units and owner.para is None:
                pending_heading = None  # prose between: the line above was a title, not a heading
            owner.body.append(para)
            if owner.para is None:
                node = Node(para, owner, plain_heading=pending_heading)
                owner.children.append(node)
                owner.body.pop()
            continue
        while len(stack) > 1:
            top = stack[-1]
            if top.style == marker.style:
                stack.pop()
                break
            if any(n.style == marker.style for n in stack[1:]):
                stack.pop()
                continue
            if top.style is None or RANK[top.style] >= RANK[marker.style]:
                stack.pop()
                continue
            break
        parent = stack[-1]
        node = Node(para, parent, plain_heading=pending_heading)
        parent.children.append(node)
        stack.append(node)
    return outline
