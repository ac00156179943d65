"""Reviewed agency-name decisions (``--aliases FILE``): which agency a surface name denotes in its place.

The file is a plain CSV whose header starts ``name,agency`` (further columns, such
as a note, are kept but not read). Each line is one decision of a reviewer::

    name,agency
    县资规局,罗源县自然资源和规划局
    县大数据局,罗源县大数据局

``name`` is a surface name as a document prints it; ``agency`` the canonical
name of the body it denotes, written with its place. A decision holds wherever
the naming rules read the name as a body of that place (`policykg.loaders.agency_names`
without its built-in alias table): ``县资规局`` in the plans of 罗源县 above;
``市公安局,福州市公安局`` in 罗源县's plans (where 市 is 福州市) but not in 福清市's,
where 市公安局 is 福清市公安局. The agency name is read in each document by the
same rules, so a merge keeps the id of the body it names and every body no
decision touches keeps its own. Decisions win over the built-in alias table
(``data/agency_aliases.tsv``) and over a document's own parenthetical aliases.

A line is refused, with its line number, when a cell is empty, when the agency
names no place the gazetteer knows (a collective, 各有关单位, needs none: it is
read in the document's place), when a name gets two agencies in one place, or
when an agency of one line is renamed by another. `read_aliases` reads a file;
`parse_aliases` the text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from policykg.errors import InputError
from policykg.loaders.agency_names import NameResolution, resolve_name
from policykg.loaders.encoding import decode_bytes
from policykg.messages import render
from policykg.records import Corpus, Document

__all__ = ["AliasDecision", "ReviewedAliases", "AliasesError", "parse_aliases", "read_aliases", "HEADER"]

HEADER = ("name", "agency")

# The document a decision's agency is read in when no document is at hand: no place, so the
# agency's own place (or none) decides.
_NOWHERE = Document("--aliases")


class AliasesError(InputError):
    """An aliases file cannot be used: its header, or a line, is wrong (the key says which)."""


@dataclass(frozen=True, slots=True)
class AliasDecision:
    """One line of an aliases file: the surface ``name`` denotes ``agency`` (``line`` is the file's line)."""

    name: str
    agency: str
    line: int


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(slots=True)
class ReviewedAliases:
    """The decisions of one aliases file, checked; `decide` applies them to a name in a document.

    ``text`` is the file as accepted (decoded), which a store keeps beside it.
    """

    source: str
    text: str
    decisions: tuple[AliasDecision, ...]
    _by_name: dict[str, list[AliasDecision]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for decision in self.decisions:
            self._by_name.setdefault(decision.name, []).append(decision)

    def __len__(self) -> int:
        return len(self.decisions)

    def decide(self, document: Document, surface: str) -> tuple[AliasDecision, NameResolution] | None:
        """The decision that holds for ``surface`` in ``document``, with the agency it gives; None if none does.

        Examples
        --------
        >>> aliases = parse_aliases("name,agency\\n县资规局,罗源县自然资源和规划局\\n")
        >>> luoyuan = Document("001.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
        >>> decision, res = aliases.decide(luoyuan, "县资规局")
        >>> decision.line, res.agency_id("001.txt"), res.display
        (2, '350123/自然资源和规划局', '罗源县自然资源和规划局')
        >>> fuqing = Document("000.txt", jurisdiction="福清市", parent="福州市", province="福建省", adcode="350181")
        >>> aliases.decide(fuqing, "县资规局") is None
        True
        """
        candidates = self._by_name.get(_squeeze(surface))
        if not candidates:
            return None
        read = resolve_name(document, surface, builtin_aliases=False)
        for decision in candidates:
            agency = resolve_name(document, decision.agency, builtin_aliases=False)
            if agency.code is not None and agency.code == read.code:
                return decision, replace(agency, surface=surface)
        return None

    def unused(self, corpus: Corpus) -> list[AliasDecision]:
        """The decisions that hold for no surface name of the corpus (a misspelt name, another place)."""
        documents = {doc.source: doc for doc in corpus.documents}
        used: set[int] = set()
        for source, surface in corpus.assignments:
            document = documents.get(source)
            if document is not None and _squeeze(surface) in self._by_name:
                found = self.decide(document, surface)
                if found is not None:
                    used.add(found[0].line)
        return [d for d in self.decisions if d.line not in used]


def _place_of(decision: AliasDecision, source: str) -> str:
    """The code of the place a decision's agency names (collectives: ``""``, they take the document's)."""
    agency = resolve_name(_NOWHERE, decision.agency, builtin_aliases=False)
    if agency.kind == "collective":
        return ""
    if agency.code is None or not agency.qualified:
        raise AliasesError("aliases_no_place", path=source, line=decision.line, agency=decision.agency)
    return agency.code


def _check(decisions: Iterable[AliasDecision], source: str) -> tuple[AliasDecision, ...]:
    """The decisions without repeats; refused when one contradicts another (same name and place, two agencies;
    or an agency renamed by another line)."""
    kept: dict[tuple[str, str], AliasDecision] = {}
    for decision in decisions:
        key = (decision.name, _place_of(decision, source))
        earlier = kept.get(key)
        if earlier is None:
            kept[key] = decision
        elif earlier.agency != decision.agency:
            raise AliasesError("aliases_two_agencies", path=source, line=decision.line, other=earlier.line,
                               name=decision.name, agency=decision.agency, earlier=earlier.agency)
    for (_name, place), decision in kept.items():
        renamed = kept.get((_squeeze(decision.agency), place))
        if renamed is not None and renamed.agency != decision.agency:
            raise AliasesError("aliases_chain", path=source, line=renamed.line, other=decision.line,
                               agency=decision.agency)
    return tuple(sorted(kept.values(), key=lambda d: d.line))


def parse_aliases(text: str, source: str = "aliases.csv") -> ReviewedAliases:
    """Check the text of an aliases file and return its decisions.

    Empty lines and lines whose first cell starts with ``#`` are skipped. Names
    are compared without white space.

    Raises
    ------
    AliasesError
        The header is not ``name,agency``, a cell is empty, an agency names no
        known place, or two lines contradict each other (the message names the lines).

    Examples
    --------
    >>> len(parse_aliases("name,agency,note\\n县资规局,罗源县自然资源和规划局,资规 = 自然资源和规划\\n"))
    1
    >>> try:
    ...     parse_aliases("name,agency\\n县资规局,县自然资源和规划局\\n", "a.csv")
    ... except AliasesError as exc:
    ...     print(exc.key, exc.values["line"])
    aliases_no_place 2
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(reader, None)
    if header is None or [cell.strip().lower() for cell in header[:2]] != list(HEADER):
        raise AliasesError("aliases_header", path=source, found=",".join(header or []))
    decisions = []
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells) or cells[0].strip().startswith("#"):
            continue
        name, agency = (_squeeze(cell) for cell in (cells + ["", ""])[:2])
        if not name or not agency:
            raise AliasesError("aliases_empty_cell", path=source, line=line)
        decisions.append(AliasDecision(name, agency, line))
    return ReviewedAliases(source, text.removeprefix("\ufeff"), _check(decisions, source))


def read_aliases(path: str | Path) -> ReviewedAliases:
    """Read and check an aliases file (UTF-8 with or without BOM, or GBK as Excel saves it).

    Raises
    ------
    AliasesError
        The file is missing, cannot be decoded, or `parse_aliases` refuses it.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AliasesError("aliases_unreadable", path=path, reason=exc.strerror or exc) from exc
    decoded = decode_bytes(data)
    if decoded.problem is not None and decoded.problem != "doc_empty":
        raise AliasesError("aliases_unreadable", path=path, reason=render(decoded.problem))
    return parse_aliases(decoded.text, str(path))
