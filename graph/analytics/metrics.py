"""Workload metrics per agency: volume, spread across indicators, position, deadline pressure.

Everything here answers one question — which agencies carry the most
cross-cutting load — with measures a planner can check by hand. Each formula
is in the docstring of the function that computes it and in docs/metrics.md.

Counting rules (shared with the SPARQL library, ``queries/workload_per_agency.rq``):

- a measure is a row; it belongs to the jurisdiction of its document;
- a measure counts once per agency, even when the agency is named both lead
  and responsible (role ``"both"``); it then counts in ``lead_count`` *and*
  ``responsible_count``, once in ``measure_count``, and with the lead weight
  in the weighted load;
- an agency's indicators are the canonical indicators (``Row.indicator``) of
  its measures; a measure without one counts for load, not for spread;
- units a document declares responsible for every task (``responsible_all``)
  are not assignments of any one row and are not counted.

`deadline_profile` and `sector_rollup` (computed in `policykg.graph.analytics.rollups`)
are re-exported here, beside the per-agency figures.

Collectives (``kind == "collective"``) get the same figures, but their partners
and betweenness are taken in the co-assignment graph *with* collectives, and
those of single bodies in the graph *without* them, so that one "各有关单位"
does not make every body look like a broker. Reports list the two apart.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import igraph
import networkx as nx

from policykg.graph.analytics.projections import measure_roles, rows_in
from policykg.graph.analytics.rollups import DUE_SOON_DAYS, deadline_profile, is_date, quarter_of, sector_rollup
from policykg.indicator_counting import IndicatorBasis, basis_threshold, counted_indicator
from policykg.records import Corpus

__all__ = [
    "AgencyMetrics",
    "agency_metrics",
    "deadline_profile",
    "sector_rollup",
    "participation_coefficient",
    "weighted_load",
    "component_betweenness",
    "cross_cutting_score",
    "quarter_of",
]


@dataclass(frozen=True, slots=True)
class AgencyMetrics:
    """The workload figures of one agency (or collective) over a set of measures.

    See `agency_metrics` for each field's formula.
    """

    agency: str
    name: str
    jurisdiction: str | None
    sector: str | None
    kind: str
    lead_count: int
    responsible_count: int
    measure_count: int
    weighted_load: float
    indicator_breadth: int
    participation: float
    partner_count: int
    betweenness: float
    due_per_month: dict[str, int] = field(default_factory=dict)
    ongoing_share: float = 0.0
    overdue: int | None = None
    cross_cutting: float = 0.0
    due_soon: int | None = None

    @property
    def lead_share(self) -> float:
        """Share of its measures the agency leads, :math:`L / M` (0 with no measures)."""
        return self.lead_count / self.measure_count if self.measure_count else 0.0


def participation_coefficient(counts: Iterable[int]) -> float:
    """Guimerà–Amaral participation coefficient of a split of measures over indicators.

    Parameters
    ----------
    counts
        :math:`k_s`, the agency's measures in each indicator :math:`s`.

    Notes
    -----
    .. math:: P = 1 - \\sum_s (k_s / k)^2, \\qquad k = \\sum_s k_s

    :math:`P` is the chance that two of the agency's measures drawn at random
    (with replacement) address different indicators: 0 when all are in one
    indicator, :math:`1 - 1/n` when spread evenly over :math:`n`. :math:`P = 0`
    when :math:`k = 0`. (R. Guimerà, L. A. N. Amaral, Nature 433, 895–900, 2005.)

    Examples
    --------
    >>> participation_coefficient([2, 2])
    0.5
    >>> participation_coefficient([3, 1])
    0.375
    >>> participation_coefficient([5]), participation_coefficient([])
    (0.0, 0.0)
    """
    counts = [c for c in counts if c]
    k = sum(counts)
    if k == 0:
        return 0.0
    return 1.0 - sum((c / k) ** 2 for c in counts)


def weighted_load(lead_count: int, measure_count: int, lead_weight: float = 1.0,
                  responsible_weight: float = 0.5) -> float:
    """Measures weighted by role, each measure once.

    Notes
    -----
    .. math:: W = w_L \\cdot L + w_R \\cdot (M - L)

    with :math:`L` the measures the agency leads, :math:`M` all its measures,
    so :math:`M - L` those it is responsible for without leading them;
    :math:`w_L = 1`, :math:`w_R = 0.5` by default (leading a measure means
    organising it and answering for it; a responsible unit contributes).

    Examples
    --------
    >>> weighted_load(3, 7)
    5.0
    >>> weighted_load(3, 7, lead_weight=2, responsible_weight=1)
    10.0
    """
    return float(lead_weight * lead_count + responsible_weight * (measure_count - lead_count))


def component_betweenness(graph: nx.Graph, only: Iterable[str] | None = None) -> dict[str, float]:
    """Betweenness centrality, normalised within each connected component.

    Parameters
    ----------
    only
        When given, compute only the components that contain one of these
        nodes (the others are left out of the result): collectives need their
        own graph, and most of its components hold none.

    Notes
    -----
    For node :math:`v` in component :math:`C` with :math:`n = |C|` nodes,

    .. math:: B(v) = \\frac{2}{(n-1)(n-2)} \\sum_{s \\ne v \\ne t \\in C} \\frac{\\sigma_{st}(v)}{\\sigma_{st}}

    the share of shortest paths between other agencies that pass through
    :math:`v` (unweighted: a hop is "shares a measure"; shared-measure counts
    are strengths, not distances). Normalising per component keeps a body's
    figure for its own plan the same whether or not other places' documents
    are loaded beside it. Components of fewer than 3 nodes give 0.

    Examples
    --------
    >>> component_betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    wanted = None if only is None else set(only)
    out: dict[str, float] = {}
    for nodes in nx.connected_components(graph):
        if wanted is not None and wanted.isdisjoint(nodes):
            continue
        if len(nodes) < 3:
            out.update(dict.fromkeys(nodes, 0.0))
            continue
        # a copy, not a view: Brandes' algorithm on a subgraph view pays a filter on every neighbour lookup
        out.update(nx.betweenness_centrality(graph.subgraph(nodes).copy(), normalized=True))
    return {node: out[node] for node in graph if node in out}


def cross_cutting_score(load: float, participation: float) -> float:
    """Cross-cutting load: the part of an agency's weighted load that crosses indicator lines.

    Notes
    -----
    .. math:: X = W \\cdot P

    :math:`W` is the weighted load (volume), :math:`P` the participation
    coefficient (spread). Since :math:`P` is the chance that two of the
    agency's measures belong to different indicators, :math:`X` reads as
    "weighted measures whose coordination crosses indicator lines", in the
    same unit as :math:`W`, and :math:`X \\le W`. A body with much work in one
    indicator (:math:`P = 0`) and a body with a little work everywhere (small
    :math:`W`) both rank low; the top needs volume *and* spread. See
    docs/metrics.md for why this and not a normalised geometric mean.

    Examples
    --------
    >>> cross_cutting_score(10.0, 0.5)
    5.0
    """
    return load * participation


def _partner_counts(corpus: Corpus, jurisdiction: str | None, collectives: set[str]) -> dict[str, int]:
    """Degree in the co-assignment graph, counted from the measures: a body's partners leave collectives out."""
    partners: dict[str, set[str]] = defaultdict(set)
    for row, _ in rows_in(corpus, jurisdiction):
        ids = [a for a in measure_roles(corpus, row) if a in corpus.agencies]
        for a in ids:
            partners[a].update(b for b in ids if b != a and (a in collectives or b not in collectives))
    return {a: len(p) for a, p in partners.items()}


def _network_figures(corpus: Corpus, jurisdiction: str | None,
                     collectives: set[str]) -> tuple[dict[str, int], dict[str, dict[str, float]]]:
    """Partners (degree) and betweenness in the co-assignment graph: bodies in the graph without collectives,
    collectives in the graph with them (`component_betweenness`'s figures, computed by igraph's C routine).

    The edges are taken straight from the measures (two agencies named in one measure are linked), the
    graph `co_assignment_graph` projects, without the weights betweenness does not use.
    """
    index: dict[str, int] = {}
    pairs: set[tuple[int, int]] = set()
    for row, _ in rows_in(corpus, jurisdiction):
        ids = sorted(index.setdefault(a, len(index)) for a in measure_roles(corpus, row))
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    ids_of = list(index)
    is_collective = [a in collectives for a in ids_of]
    everyone = igraph.Graph(n=len(ids_of), edges=sorted(pairs))
    bodies_only = [v for v, c in enumerate(is_collective) if not c]
    bodies = everyone.induced_subgraph(bodies_only) if collectives else everyone
    body_ids = [ids_of[v] for v in bodies_only] if collectives else ids_of
    degree = dict(zip(body_ids, bodies.degree()))
    if collectives:
        degree.update((ids_of[v], d) for v, d in enumerate(everyone.degree()) if is_collective[v])
    between = {"agency": dict(zip(body_ids, _component_betweenness(bodies))), "collective": {}}
    if collectives:
        membership = everyone.connected_components().membership
        wanted = {membership[v] for v, c in enumerate(is_collective) if c}
        kept = [v for v in range(len(ids_of)) if membership[v] in wanted]
        figures = _component_betweenness(everyone.induced_subgraph(kept))
        between["collective"] = {ids_of[v]: b for v, b in zip(kept, figures)}
    return degree, between


def _component_betweenness(graph: igraph.Graph) -> list[float]:
    """`component_betweenness` of every vertex (in vertex order), normalised within its component.

    igraph counts each unordered pair once: :math:`B(v) = b(v) \\cdot 2 / ((n-1)(n-2))`.
    """
    raw = graph.betweenness(directed=False)
    membership = graph.connected_components().membership
    sizes = Counter(membership)
    return [0.0 if sizes[c] < 3 else b * 2.0 / ((sizes[c] - 1) * (sizes[c] - 2)) for b, c in zip(raw, membership)]


class _Tally:
    """Per-agency accumulators filled in one pass over the rows."""

    __slots__ = ("lead", "responsible", "measures", "indicators", "months", "ongoing", "overdue", "due_soon")

    def __init__(self) -> None:
        self.lead = self.responsible = self.measures = self.ongoing = self.overdue = self.due_soon = 0
        self.indicators: Counter[str] = Counter()
        self.months: Counter[str] = Counter()


def agency_metrics(corpus: Corpus, *, jurisdiction: str | None = None, lead_weight: float = 1.0,
                   responsible_weight: float = 0.5, as_of: str | None = None,
                   betweenness: bool = True, indicators: IndicatorBasis = "inferred") -> list[AgencyMetrics]:
    """Workload figures for every agency and collective named in the measures.

    Parameters
    ----------
    corpus
        The documents, rows and agencies.
    jurisdiction
        Only measures of documents of this jurisdiction; all documents when None.
    lead_weight, responsible_weight
        :math:`w_L`, :math:`w_R` of the weighted load.
    as_of
        ``YYYY-MM-DD``; measures with a dated deadline before it count as overdue,
        those due on it or in the `DUE_SOON_DAYS` days after it as due soon.
        None: ``overdue`` and ``due_soon`` are None (the documents carry no completion
        status, so "overdue" means "due before the date and not known to be done").
    betweenness
        False: ``betweenness`` is left at 0 and no co-assignment graph is built
        (partners are counted straight from the measures); for views that show
        every other figure of many jurisdictions at once.

    Returns
    -------
    list of AgencyMetrics
        Sorted by ``cross_cutting`` (highest first), then name, then id.

    Notes
    -----
    For agency :math:`a` with measures :math:`M(a)`:

    - ``lead_count`` :math:`L` = measures naming :math:`a` lead;
      ``responsible_count`` = measures naming it responsible;
      ``measure_count`` :math:`M = |M(a)|` (each once).
    - ``weighted_load`` :math:`W = w_L L + w_R (M - L)` (`weighted_load`).
    - ``indicator_breadth`` = distinct indicators of :math:`M(a)`, each measure under the one it
      counts under (`policykg.indicator_counting.counted_indicator`): with ``indicators``
      "inferred" (the default) printed, else inferred at the default threshold; "printed" only.
    - ``participation`` :math:`P = 1 - \\sum_s (k_s/k)^2` over those indicators
      (`participation_coefficient`).
    - ``partner_count`` = other agencies sharing at least one measure (degree in
      the co-assignment graph); ``betweenness`` = `component_betweenness` there.
    - ``due_per_month`` = measures with a dated deadline per ``YYYY-MM``;
      ``ongoing_share`` = measures marked ongoing / :math:`M`;
      ``overdue`` = measures due strictly before ``as_of``; ``due_soon`` = due
      from ``as_of`` to ``as_of`` + 30 days (`policykg.graph.analytics.rollups.deadline_status`).
    - ``cross_cutting`` :math:`X = W \\cdot P` (`cross_cutting_score`).

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> mk = lambda i, ind: Row("d.txt", str(i), ind, ind, None, "m", ("甲",), ("乙",), None, "2021-06-30", None, i)
    >>> c = Corpus([Document("d.txt")], [mk(1, "纳税"), mk(2, "开办企业")],
    ...            agencies={"a": Agency("a", "甲", "X", None, "agency"), "b": Agency("b", "乙", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a", ("d.txt", "乙"): "b"})
    >>> [(m.name, m.weighted_load, m.participation, m.cross_cutting) for m in agency_metrics(c)]
    [('甲', 2.0, 0.5, 1.0), ('乙', 1.0, 0.5, 0.5)]
    """
    soon = None
    if as_of is not None:
        day = _dt.date.fromisoformat(as_of)
        as_of, soon = day.isoformat(), (day + _dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    threshold = basis_threshold(indicators)
    for row, _ in rows_in(corpus, jurisdiction):
        indicator = counted_indicator(row, threshold)
        for agency_id, role in measure_roles(corpus, row).items():
            if agency_id not in corpus.agencies:
                continue
            t = tallies[agency_id]
            t.measures += 1
            t.lead += role != "responsible"
            t.responsible += role != "lead"
            if indicator is not None:
                t.indicators[indicator] += 1
            if is_date(row.deadline):
                t.months[row.deadline[:7]] += 1
                if as_of is not None and soon is not None:
                    if row.deadline < as_of:
                        t.overdue += 1
                    elif row.deadline <= soon:
                        t.due_soon += 1
            elif row.deadline == "ongoing":
                t.ongoing += 1
    collectives = {a for a in tallies if corpus.agencies[a].kind == "collective"}
    if betweenness:
        degree, between = _network_figures(corpus, jurisdiction, collectives)
    else:
        between = {"agency": {}, "collective": {}}
        degree = _partner_counts(corpus, jurisdiction, collectives)
    out = []
    for agency_id, t in tallies.items():
        agency = corpus.agencies[agency_id]
        load = weighted_load(t.lead, t.measures, lead_weight, responsible_weight)
        p = participation_coefficient(t.indicators.values())
        out.append(AgencyMetrics(
            agency=agency_id, name=agency.name, jurisdiction=agency.jurisdiction, sector=agency.sector,
            kind=agency.kind, lead_count=t.lead, responsible_count=t.responsible, measure_count=t.measures,
            weighted_load=load, indicator_breadth=len(t.indicators), participation=p,
            partner_count=degree.get(agency_id, 0),
            betweenness=between.get(agency.kind, between["agency"]).get(agency_id, 0.0),
            due_per_month=dict(sorted(t.months.items())),
            ongoing_share=t.ongoing / t.measures if t.measures else 0.0,
            overdue=t.overdue if as_of is not None else None,
            cross_cutting=cross_cutting_score(load, p),
            due_soon=t.due_soon if as_of is not None else None,
        ))
    out.sort(key=lambda m: (-m.cross_cutting, m.name, m.agency))
    return out
