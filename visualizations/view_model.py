"""What the overview and network pages embed: agencies, measures and, per jurisdiction, the figures.

One model serves both pages, so a number means the same everywhere: the
ranking, the dependencies, the network's node sizes and the agency card all
come from it. A *view* is one jurisdiction's documents (or all of them, view 0):
its agencies' metrics (`agency_metrics` over that jurisdiction's measures),
deadline statuses against the as-of date, and its lead → partner dependencies
(`dependency_weights`, the named query ``dependencies``). The pages compute
links and cards in the browser from the embedded measure records.

Measures are embedded as compact records; past `MAX_MEASURE_TEXTS` measures
their texts are left out (cards then show document and line; the texts are in
the workbook and rows.csv), so a province-scale page stays a few megabytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.graph.analytics.metrics import AgencyMetrics, agency_metrics
from policykg.graph.analytics.projections import dependency_weights, measure_roles
from policykg.graph.analytics.rollups import DEADLINE_STATUSES, deadline_status, parse_as_of, status_counts
from policykg.indicator_counting import IndicatorBasis
from policykg.records import Corpus
from policykg.visualizations.html_utils import label
from policykg.visualizations.names import PLAIN, Names
from policykg.visualizations.sector_families import FAMILIES, OTHER, family_of

__all__ = ["ViewModel", "build_view_model", "split_by_jurisdiction", "MAX_MEASURE_TEXTS", "TEXT_CHARS",
           "RANKING_ROWS", "DEPENDENCY_LEADS", "METRIC_FIELDS"]

MAX_MEASURE_TEXTS = 20_000
TEXT_CHARS = 90
RANKING_ROWS = 20  # bars in the overview's ranking: what fits a screen
DEPENDENCY_LEADS = 12  # lead agencies in the overview's dependency view
# per agency and view, in this order (the pages read them by position)
METRIC_FIELDS = ("agency", "cross_cutting", "weighted_load", "participation", "indicator_breadth", "partner_count",
                 "lead_count", "responsible_count", "measure_count", "overdue", "due_soon")


@dataclass(slots=True)
class ViewModel:
    """JSON-ready data of the pages (see the module docstring).

    ``agencies[i]`` = ``[id, name, jurisdiction, sector shown, family index]``;
    ``measures[k]`` = ``[view index, indicator index or -1, lead agency indices,
    partner agency indices, deadline ("YYYY-MM-DD", "ongoing", "conditional" or
    ""), status index, text or "", source index (into ``sources``), line]`` (lead includes role "both";
    partner = responsible only); ``views[v]`` = ``{"name", "measures",
    "statuses", "metrics": [[agency index, X, W, P, B, partners, L, R, M,
    overdue, due soon], …] by X, "dependencies": [[lead, [[partner, shared], …]], …]}``.
    """

    as_of: str
    basis: IndicatorBasis = "inferred"  # which indicators the metrics count (the overview says which)
    agencies: list[list[Any]] = field(default_factory=list)
    families: list[list[str]] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    measures: list[list[Any]] = field(default_factory=list)
    views: list[dict[str, Any]] = field(default_factory=list)
    texts: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"asOf": self.as_of, "agencies": self.agencies, "families": self.families,
                "indicators": self.indicators, "statuses": self.statuses, "sources": self.sources,
                "measures": self.measures,
                "views": self.views, "texts": self.texts}


def split_by_jurisdiction(corpus: Corpus) -> dict[str, Corpus]:
    """One corpus per document jurisdiction (same agencies and assignments), largest first, then by name.

    A measure belongs to its document's jurisdiction, so each part is exactly
    what a jurisdiction filter selects. Documents without a jurisdiction are
    in no part (they are in the "all" view).
    """
    places = {d.source: d.jurisdiction for d in corpus.documents}
    rows: dict[str, list] = defaultdict(list)
    for row in corpus.rows:
        place = places.get(row.source)
        if place:
            rows[place].append(row)
    order = sorted(rows, key=lambda p: (-len(rows[p]), p))
    return {p: Corpus([d for d in corpus.documents if d.jurisdiction == p], rows[p], [], corpus.agencies,
                      corpus.assignments) for p in order}


def _round(x: float) -> float:
    return round(x, 3)


def _view(name: str, corpus: Corpus, as_of: str, index: dict[str, int],
          metrics: Sequence[AgencyMetrics] | None = None, indicators: IndicatorBasis = "inferred") -> dict[str, Any]:
    if metrics is None:  # betweenness is not shown in the views; without it, partners are counted directly
        metrics = agency_metrics(corpus, as_of=as_of, betweenness=False, indicators=indicators)
    bodies = [m for m in metrics if m.kind != "collective"]
    arcs: dict[str, list[list[int]]] = defaultdict(list)
    for (lead, partner), n in dependency_weights(corpus).items():
        arcs[lead].append([index[partner], n])
    dependencies = []
    for m in bodies:
        if m.agency in arcs:
            dependencies.append([index[m.agency], sorted(arcs[m.agency], key=lambda pn: (-pn[1], pn[0]))])
        if len(dependencies) == DEPENDENCY_LEADS:
            break
    return {
        "name": name,
        "measures": len(corpus.rows),
        "statuses": list(status_counts(corpus, as_of).values()),
        "metrics": [[index[m.agency], _round(m.cross_cutting), _round(m.weighted_load), _round(m.participation),
                     m.indicator_breadth, m.partner_count, m.lead_count, m.responsible_count, m.measure_count,
                     m.overdue, m.due_soon] for m in bodies],
        "dependencies": dependencies,
    }


def build_view_model(corpus: Corpus, *, as_of: str | None = None, lang: str | None = None, names: Names = PLAIN,
                     metrics: Sequence[AgencyMetrics] | None = None,
                     indicators: IndicatorBasis = "inferred") -> ViewModel:
    """The pages' data: agencies, measures and one view per jurisdiction (after view 0, all documents).

    Parameters
    ----------
    as_of
        ``YYYY-MM-DD`` the deadline statuses are computed against (default today).
    metrics
        ``agency_metrics(corpus, as_of=as_of, indicators=indicators)`` when already computed (view 0).
    indicators
        Which indicators the agencies' breadth counts (`policykg.indicator_counting`).

    Examples
    --------
    >>> from policykg.loaders.read import load_corpus
    >>> model = build_view_model(load_corpus(), as_of="2021-06-30")
    >>> [v["name"] for v in model.views][:3], len(model.measures)
    (['', '罗源县', '泉州市'], 521)
    """
    day = parse_as_of(as_of).isoformat()
    model = ViewModel(as_of=day, basis=indicators)
    model.families = [[f.key, f.name(lang), f.colour] for f in (*FAMILIES, OTHER)]
    family_index = {f.key: i for i, f in enumerate((*FAMILIES, OTHER))}
    model.statuses = [label(f"status_{s}", lang) for s in DEADLINE_STATUSES]
    status_index = {s: i for i, s in enumerate(DEADLINE_STATUSES)}
    index: dict[str, int] = {}
    involved: set[str] = set()
    for row in corpus.rows:
        involved.update(a for a in measure_roles(corpus, row) if a in corpus.agencies
                        and corpus.agencies[a].kind != "collective")
    for agency_id in sorted(involved):
        agency = corpus.agencies[agency_id]
        index[agency_id] = len(model.agencies)
        model.agencies.append([agency_id, agency.name, agency.jurisdiction or "", names.sector(agency.sector) or "",
                               family_index[family_of(agency.sector).key]])
    parts = split_by_jurisdiction(corpus)
    view_of = {p: i + 1 for i, p in enumerate(parts)}
    places = {d.source: d.jurisdiction for d in corpus.documents}
    indicator_index: dict[str, int] = {}
    sources: dict[str, int] = {}
    model.texts = len(corpus.rows) <= MAX_MEASURE_TEXTS
    for row in corpus.rows:
        roles = [(index[a], role) for a, role in measure_roles(corpus, row).items() if a in index]
        leads = [i for i, role in roles if role != "responsible"]
        partners = [i for i, role in roles if role == "responsible"]
        ind = indicator_index.setdefault(row.indicator, len(indicator_index)) if row.indicator else -1
        text = ""
        if model.texts:
            text = row.measure if len(row.measure) <= TEXT_CHARS else row.measure[:TEXT_CHARS] + "…"
        model.measures.append([view_of.get(places.get(row.source) or "", 0), ind, leads, partners, row.deadline or "",
                               status_index[deadline_status(row.deadline, day)], text,
                               sources.setdefault(row.source, len(sources)), row.line])
    model.indicators = [names.indicator(i) or i for i in indicator_index]
    model.sources = list(sources)
    model.views = [_view("", corpus, day, index, metrics)]
    model.views += [_view(place, part, day, index, indicators=indicators) for place, part in parts.items()]
    return model
