"""Projections of the task graph for analysis: agency–measure, agency–agency, agency × indicator.

The knowledge graph links measures to the agencies that lead them or are
responsible for them. Workload questions need three simpler views of it,
built here with networkx from a `Corpus` (the graph's rows, as
`policykg.graph.corpus_from_store` gives them back):

- `bipartite_graph`: agencies on one side, measures on the other; an edge is
  an assignment, its ``role`` ``"lead"``, ``"responsible"`` or ``"both"``.
- `co_assignment_graph`: its projection onto agencies; two agencies are linked
  when they share a measure, ``weight`` = number of shared measures.
- `indicator_matrix`: measures per agency and canonical indicator.
- `dependency_weights`: who depends on whom, lead → partner, weighted by the
  measures the lead must coordinate with the partner (the named query
  ``dependencies`` gives the same answer from the store).

Every view can be restricted to one jurisdiction: a measure belongs to the
jurisdiction of its *document* (``Corpus.document(row.source).jurisdiction``),
not of its agencies — a 福州市 body named in 罗源县's plan counts in 罗源县.
A measure counts once per agency even when the agency is both lead and
responsible for it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx
from networkx.algorithms import bipartite

from policykg.indicator_counting import IndicatorBasis, basis_threshold, counted_indicator
from policykg.records import Corpus, Row

__all__ = [
    "IndicatorMatrix",
    "bipartite_graph",
    "dependency_weights",
    "co_assignment_graph",
    "indicator_matrix",
    "measure_node",
    "agency_node",
    "measure_roles",
    "rows_in",
]


def agency_node(agency_id: str) -> str:
    """The bipartite node of an agency: ``"a:<id>"``."""
    return f"a:{agency_id}"


def measure_node(row: Row) -> str:
    """The bipartite node of a measure: ``"m:<source>#L<line>"`` (a row's identity, `records.row_key`)."""
    return f"m:{row.source}#L{row.line}"


def rows_in(corpus: Corpus, jurisdiction: str | None = None) -> Iterator[tuple[Row, str | None]]:
    """The corpus rows with their document's jurisdiction, only those of ``jurisdiction`` when given."""
    places = {doc.source: doc.jurisdiction for doc in corpus.documents}
    for row in corpus.rows:
        place = places.get(row.source)
        if jurisdiction is None or place == jurisdiction:
            yield row, place


def measure_roles(corpus: Corpus, row: Row) -> dict[str, str]:
    """Agency id → its role in one measure: ``"lead"``, ``"responsible"`` or ``"both"``.

    An agency named in both cells holds one assignment (role ``"both"``), so a
    measure counts once per agency.

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Row
    >>> row = Row("d.txt", "1", None, None, None, "m", ("甲",), ("乙", "甲"), None, None, None, 3)
    >>> c = Corpus(rows=[row], assignments={("d.txt", "甲"): "a", ("d.txt", "乙"): "b"})
    >>> measure_roles(c, row)
    {'a': 'both', 'b': 'responsible'}
    """
    roles = {agency_id: "lead" for agency_id in corpus.lead_ids(row)}
    for agency_id in corpus.responsible_ids(row):
        roles[agency_id] = "both" if agency_id in roles else "responsible"
    return roles


def _keep(corpus: Corpus, agency_id: str, include_collectives: bool) -> bool:
    agency = corpus.agencies.get(agency_id)
    if agency is None:
        return False
    return include_collectives or agency.kind != "collective"


def bipartite_graph(corpus: Corpus, jurisdiction: str | None = None) -> nx.Graph:
    """The agency–measure graph: who is assigned to which measure, and in what role.

    Parameters
    ----------
    corpus
        Documents, rows and agencies (collectives included).
    jurisdiction
        Keep only measures of documents of this jurisdiction (full name, e.g. 福清市).

    Returns
    -------
    networkx.Graph
        Agency nodes ``"a:<id>"`` (``bipartite=0``; attributes ``kind``, ``name``,
        ``sector``, ``jurisdiction``) and measure nodes ``"m:<source>#L<line>"``
        (``bipartite=1``; ``source``, ``line``, ``seq``, ``indicator``, ``item``,
        ``measure``, ``deadline``, ``jurisdiction``). Edge attribute ``role``.
        Measures with no resolved agency are kept as isolated nodes.

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> row = Row("d.txt", "1", "纳税", "纳税", None, "m", ("甲",), ("乙",), None, None, None, 3)
    >>> c = Corpus([Document("d.txt", jurisdiction="X")], [row],
    ...            agencies={"a": Agency("a", "甲", "X", None, "agency"), "b": Agency("b", "乙", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a", ("d.txt", "乙"): "b"})
    >>> dict(bipartite_graph(c)["m:d.txt#L3"])
    {'a:a': {'role': 'lead'}, 'a:b': {'role': 'responsible'}}
    """
    graph = nx.Graph()
    for row, place in rows_in(corpus, jurisdiction):
        m = measure_node(row)
        graph.add_node(m, bipartite=1, source=row.source, line=row.line, seq=row.seq, indicator=row.indicator,
                       item=row.item, measure=row.measure, deadline=row.deadline, jurisdiction=place)
        for agency_id, role in measure_roles(corpus, row).items():
            a = agency_node(agency_id)
            if a not in graph:
                agency = corpus.agencies.get(agency_id)
                graph.add_node(a, bipartite=0, kind=agency.kind if agency else "agency",
                               name=agency.name if agency else agency_id,
                               sector=agency.sector if agency else None,
                               jurisdiction=agency.jurisdiction if agency else None)
            graph.add_edge(a, m, role=role)
    return graph


def co_assignment_graph(corpus: Corpus, jurisdiction: str | None = None,
                        include_collectives: bool = False) -> nx.Graph:
    """Agencies linked by the measures they share (the bipartite graph projected onto agencies).

    Collectives (各有关单位, 市直有关单位 …) are left out by default: one such
    entry on many rows would link every body to every other through it and
    make the graph's paths, and so betweenness, say nothing about real bodies.

    Returns
    -------
    networkx.Graph
        Nodes are agency ids (attributes ``name``, ``sector``, ``jurisdiction``,
        ``kind``), every agency with at least one measure, isolated or not.
        Edge attribute ``weight`` = number of measures the two share.

    Notes
    -----
    With :math:`M(a)` the set of measures of agency :math:`a`,
    :math:`w(a, b) = |M(a) \\cap M(b)|`; an edge exists when :math:`w > 0`.
    Computed with `networkx.algorithms.bipartite.weighted_projected_graph`
    (``ratio=False``).

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> rows = [Row("d.txt", str(i), None, None, None, "m", ("甲",), ("乙",), None, None, None, i) for i in (1, 2)]
    >>> c = Corpus([Document("d.txt")], rows,
    ...            agencies={"a": Agency("a", "甲", "X", None, "agency"), "b": Agency("b", "乙", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a", ("d.txt", "乙"): "b"})
    >>> list(co_assignment_graph(c).edges(data="weight"))
    [('a', 'b', 2)]
    """
    full = bipartite_graph(corpus, jurisdiction)
    if not include_collectives:
        full.remove_nodes_from([n for n, d in full.nodes(data=True) if d["bipartite"] == 0 and d["kind"] == "collective"])
    agencies = [n for n, d in full.nodes(data=True) if d["bipartite"] == 0]
    projected = bipartite.weighted_projected_graph(full, agencies)
    graph = nx.relabel_nodes(projected, {a: a[2:] for a in agencies}, copy=True)
    for _, attrs in graph.nodes(data=True):
        attrs.pop("bipartite", None)
    return graph


@dataclass(slots=True)
class IndicatorMatrix:
    """Measures per agency (rows) and canonical indicator (columns).

    ``counts[i][j]`` = measures of ``agencies[i]`` addressing ``indicators[j]``
    (each measure once per agency); ``lead_counts[i][j]`` = those it leads.
    Rows are ordered by total measures (most first), then name; columns by
    total measures, then name. Measures without a canonical indicator are
    not in the matrix (they count for load, not for spread).
    """

    agencies: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    counts: list[list[int]] = field(default_factory=list)
    lead_counts: list[list[int]] = field(default_factory=list)
    basis: IndicatorBasis = "inferred"  # which indicators it counts (`policykg.indicator_counting`)

    def row(self, agency_id: str) -> dict[str, int]:
        """The non-zero counts of one agency, indicator → measures."""
        i = self.agencies.index(agency_id)
        return {ind: n for ind, n in zip(self.indicators, self.counts[i]) if n}


def indicator_matrix(corpus: Corpus, jurisdiction: str | None = None,
                     include_collectives: bool = False, indicators: IndicatorBasis = "inferred") -> IndicatorMatrix:
    """The agency × indicator matrix of measure counts (and of led-measure counts).

    Each measure counts under one indicator (`policykg.indicator_counting.counted_indicator`):
    with ``indicators`` "inferred" (the default) the printed one, else the one inferred at the
    default threshold; with "printed", printed indicators only.

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> mk = lambda i, ind: Row("d.txt", str(i), ind, ind, None, "m", ("甲",), (), None, None, None, i)
    >>> c = Corpus([Document("d.txt")], [mk(1, "纳税"), mk(2, "纳税"), mk(3, "开办企业"), mk(4, None)],
    ...            agencies={"a": Agency("a", "甲", "X", None, "agency")}, assignments={("d.txt", "甲"): "a"})
    >>> m = indicator_matrix(c)
    >>> m.indicators, m.counts
    (['纳税', '开办企业'], [[2, 1]])
    """
    cells: dict[str, Counter[str]] = defaultdict(Counter)
    leads: dict[str, Counter[str]] = defaultdict(Counter)
    threshold = basis_threshold(indicators)
    for row, _ in rows_in(corpus, jurisdiction):
        indicator = counted_indicator(row, threshold)
        if indicator is None:
            continue
        for agency_id, role in measure_roles(corpus, row).items():
            if not _keep(corpus, agency_id, include_collectives):
                continue
            cells[agency_id][indicator] += 1
            if role != "responsible":
                leads[agency_id][indicator] += 1
    column_totals: Counter[str] = Counter()
    for counter in cells.values():
        column_totals.update(counter)
    columns = sorted(column_totals, key=lambda ind: (-column_totals[ind], ind))

    def name(agency_id: str) -> str:
        return corpus.agencies[agency_id].name

    agencies = sorted(cells, key=lambda a: (-sum(cells[a].values()), name(a), a))
    return IndicatorMatrix(
        agencies=agencies,
        indicators=columns,
        counts=[[cells[a][ind] for ind in columns] for a in agencies],
        lead_counts=[[leads[a][ind] for ind in columns] for a in agencies],
        basis=indicators,
    )


def dependency_weights(corpus: Corpus, jurisdiction: str | None = None,
                       indicator: str | None = None) -> Counter[tuple[str, str]]:
    """Lead → partner: the measures each lead agency shares with each agency it must coordinate.

    Parameters
    ----------
    jurisdiction
        Only measures of documents of this jurisdiction.
    indicator
        Only measures addressing this canonical indicator.

    Returns
    -------
    Counter
        ``(lead id, partner id) → measures``; kind agency only at both ends.

    Notes
    -----
    For a lead :math:`a` (role lead or both) and another agency :math:`b`
    involved in the same measure (lead or responsible),
    :math:`w(a \\to b) = |\\{m : a \\in \\mathrm{lead}(m),\\ b \\in \\mathrm{lead}(m) \\cup
    \\mathrm{responsible}(m),\\ b \\ne a\\}|`. Two co-leads depend on each
    other, so each gets an arc. Collectives are left out as in
    `co_assignment_graph`. This is the contract of ``queries/dependencies.rq``.

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> rows = [Row("d.txt", str(i), None, None, None, "m", ("甲",), ("乙",), None, None, None, i) for i in (1, 2)]
    >>> c = Corpus([Document("d.txt")], rows,
    ...            agencies={"a": Agency("a", "甲", "X", None, "agency"), "b": Agency("b", "乙", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a", ("d.txt", "乙"): "b"})
    >>> dict(dependency_weights(c))
    {('a', 'b'): 2}
    """
    out: Counter[tuple[str, str]] = Counter()
    for row, _ in rows_in(corpus, jurisdiction):
        if indicator is not None and row.indicator != indicator:
            continue
        roles = {a: r for a, r in measure_roles(corpus, row).items() if _keep(corpus, a, False)}
        for lead, role in roles.items():
            if role == "responsible":
                continue
            for partner in roles:
                if partner != lead:
                    out[(lead, partner)] += 1
    return out
