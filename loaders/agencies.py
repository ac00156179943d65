"""Agencies of a corpus: surface names grouped into one agency per body and jurisdiction.

`build_corpus` reads every surface name of every row with
`policykg.loaders.agency_names.resolve_name`, groups
the names that resolve to the same id, names each agency as a planner would
write it, and fills ``Corpus.assignments``. Names a document declares as
parenthetical aliases (县发改局（大数据局）) denote the same body when they stand
alone in that document. `agency_summary` is the table ``policykg agencies`` prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from policykg.agency_count import counted_agencies
from policykg.loaders.agency_names import NameResolution, resolve_name
from policykg.loaders.aliases import ReviewedAliases
from policykg.loaders.sectors import classify_sector
from policykg.records import Agency, Corpus, Document, LoadResult

__all__ = ["build_corpus", "CorpusBuilder", "agency_summary"]


# --- building the corpus ------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """The surface names that resolved to one agency id, with what naming it needs."""

    first: NameResolution  # a resolution of the id itself, not of an alias redirected to it
    surfaces: set[str] = field(default_factory=set)
    displays: Counter[tuple[bool, str]] = field(default_factory=Counter)
    alias_displays: Counter[tuple[bool, str]] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    reviewed: Counter[str] = field(default_factory=Counter)  # agency names of reviewed decisions

    def name(self) -> str:
        """The name a reviewer gave (`policykg.loaders.aliases`), else the name a planner would write: a
        full form (罗源县自然资源和规划局 over 罗源县资规局), then one spelling the jurisdiction out
        (福清市华润燃气公司 over 福清华润燃气公司), then the most frequent, then the longer, then code order."""
        if self.reviewed:
            return min(self.reviewed, key=lambda text: (-self.reviewed[text], text))
        displays = self.displays or self.alias_displays
        spelled = self.first.jurisdiction or ""

        def rank(d: tuple[bool, str]) -> tuple[bool, bool, int, int, str]:
            full, text = d
            return (not full, spelled not in text, -displays[d], -len(text), text)

        return min(displays, key=rank)[1]


def _surface_counts(result: LoadResult) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for row in result.rows:
        for name in (*row.lead, *row.responsible):
            counts[(row.source, name)] += 1
    # Units a document declares responsible for every task (说明) stay facts of the document
    # (``Document.responsible_all``): no measure names them, so they are no agency of the count
    # (README, "How agencies are counted"; `policykg.agency_count`).
    return counts


def _alias_redirects(result: LoadResult, read: Callable[[Document, str], NameResolution] = resolve_name,
                     ) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Within one document: alias agency id → the id of the body that declared it.

    县发改局（大数据局） declares 大数据局 a second name of 县发改局, so a standalone
    县大数据局 in the same document is that body. Only the declaring document is
    trusted: another plan of the same place may mean a separate 大数据局. An alias
    claimed by two bodies, or itself declaring aliases, is left alone. Also
    returns the alias names per declaring body (`Agency.aliases`). ``read`` reads
    the declaring names (reviewed decisions included).
    """
    doc = result.document
    claims: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for surface, aliases in result.unit_aliases.items():
        main = read(doc, surface)
        main_id = main.agency_id(doc.source)
        for alias in aliases:
            alias = alias.removeprefix("含")  # 县发改局（含信用办、大数据局）
            names.setdefault(main_id, set()).add(alias)
            own = resolve_name(doc, alias)
            if own.kind != "agency":
                continue
            if not own.qualified:  # 大数据局 inside 县发改局（…） is in 县发改局's jurisdiction
                own = replace(own, code=main.code, jurisdiction=main.jurisdiction, parent=main.parent)
            alias_id = own.agency_id(doc.source)
            if alias_id != main_id:
                claims.setdefault(alias_id, set()).add(main_id)
    redirect = {a: next(iter(m)) for a, m in claims.items() if len(m) == 1 and a not in names}
    return redirect, names


def build_corpus(results: Sequence[LoadResult], aliases: ReviewedAliases | None = None) -> Corpus:
    """Gather documents, rows and rejects, and resolve every surface name to an agency.

    Parameters
    ----------
    results : sequence of LoadResult
        What the loaders read, one per document.
    aliases : ReviewedAliases, optional
        A reviewer's decisions (``--aliases FILE``); they win over the built-in
        alias table and a document's parenthetical aliases.

    Returns
    -------
    Corpus
        ``assignments`` holds every (source, surface name) of every row's lead and
        responsible; ``agencies`` one `Agency` per id. The units of a document's
        ``responsible_all`` are not resolved: they name no measure.

    Examples
    --------
    >>> from policykg.records import Document, Row
    >>> doc = Document("001.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
    >>> rows = [Row("001.txt", "1", None, None, None, "…", ("县资规局",), ("县自然资源和规划局",), None, None, None, 3)]
    >>> corpus = build_corpus([LoadResult(doc, rows)])
    >>> [(a.id, a.name, a.sector) for a in corpus.agencies.values()]
    [('350123/自然资源和规划局', '罗源县自然资源和规划局', '自然资源')]
    """
    builder = CorpusBuilder(aliases)
    for result in results:
        builder.add(result)
    return builder.finish()


class CorpusBuilder:
    """`build_corpus` one document at a time, for pipelines that use a document before the corpus is whole.

    Which agency a surface name denotes depends only on its own document (its
    jurisdiction and the aliases it declares), so ``corpus.assignments`` of a
    document is final as soon as `add` returns; the graph builder can write
    that document's measures while later documents are still being read. What
    depends on the whole corpus — each agency's display name, its surface names
    and aliases — is settled by `finish`, which fills ``corpus.agencies``.
    """

    def __init__(self, aliases: ReviewedAliases | None = None) -> None:
        self.corpus = Corpus()
        self.aliases = aliases
        self._groups: dict[str, _Group] = {}
        self._alias_names: dict[str, set[str]] = {}

    def _read(self, document: Document, surface: str) -> tuple[NameResolution, bool]:
        """The resolution of a surface name, and whether a reviewed decision gave it."""
        decided = self.aliases.decide(document, surface) if self.aliases is not None else None
        if decided is not None:
            return decided[1], True
        return resolve_name(document, surface), False

    def add(self, result: LoadResult) -> None:
        """Take one document's rows, rejects and name assignments into the corpus."""
        corpus, groups = self.corpus, self._groups
        corpus.documents.append(result.document)
        corpus.rows.extend(result.rows)
        corpus.rejects.extend(result.rejects)
        redirect, names = _alias_redirects(result, lambda doc, surface: self._read(doc, surface)[0])
        for agency_id, aliases in names.items():
            self._alias_names.setdefault(agency_id, set()).update(aliases)
        for (source, surface), count in _surface_counts(result).items():
            res, reviewed = self._read(result.document, surface)
            own_id = res.agency_id(source)
            agency_id = own_id if reviewed else redirect.get(own_id, own_id)
            corpus.assignments[(source, surface)] = agency_id
            group = groups.get(agency_id)
            if group is None:
                group = groups[agency_id] = _Group(res)
            elif agency_id == own_id and group.first.agency_id(source) != own_id:
                group.first = res  # the group began with a redirected alias
            group.surfaces.add(surface)
            if reviewed:
                group.reviewed[res.display] += count
            target = group.displays if agency_id == own_id else group.alias_displays
            target[(res.full, res.display)] += count

    def finish(self) -> Corpus:
        """The corpus with one `Agency` per id, named from every document that was added."""
        groups = self._groups
        for agency_id, names in self._alias_names.items():
            if agency_id in groups:
                groups[agency_id].aliases |= names
        agencies = self.corpus.agencies
        agencies.clear()
        for agency_id in sorted(groups):
            agencies[agency_id] = _agency(agency_id, groups[agency_id])
        return self.corpus


def _agency(agency_id: str, group: _Group) -> Agency:
    res = group.first
    name = group.name()
    sector = None
    if res.kind == "agency":
        sector = classify_sector(res.key) or classify_sector(name)
    return Agency(
        id=agency_id,
        name=name,
        jurisdiction=res.jurisdiction,
        sector=sector,
        kind=res.kind,
        surface_names=tuple(sorted(group.surfaces)),
        aliases=tuple(sorted(group.aliases)),
        parent=res.parent,
        adcode=res.adcode,
        parent_adcode=res.parent_adcode,
    )


def agency_summary(corpus: Corpus) -> list[dict[str, object]]:
    """One line per agency for review (the ``policykg agencies`` command).

    Counts are rows naming the agency as lead or as responsible (a row counts
    once however many of its surface names map to the agency). Lists the
    agencies `policykg.agency_count` counts (those a row names). Sorted by lead
    rows, then responsible rows (both descending), then name.

    Examples
    --------
    >>> agency_summary(Corpus())
    []
    """
    lead: Counter[str] = Counter()
    responsible: Counter[str] = Counter()
    for row in corpus.rows:
        lead.update(corpus.lead_ids(row))
        responsible.update(corpus.responsible_ids(row))
    ordered = sorted(counted_agencies(corpus), key=lambda a: (-lead[a.id], -responsible[a.id], a.name, a.id))
    return [
        {
            "agency": a.id,
            "name": a.name,
            "jurisdiction": a.jurisdiction,
            "sector": a.sector,
            "kind": a.kind,
            "surface_names": list(a.surface_names),
            "lead_rows": lead[a.id],
            "responsible_rows": responsible[a.id],
        }
        for a in ordered
    ]
