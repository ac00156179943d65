"""The agency network and the agency–measure graph as GraphML or GEXF, with the metrics as attributes.

For analysts who open the graph in Gephi, Cytoscape, yEd or Neo4j Bloom: the
co-assignment network (`co_assignment_graph`: agencies linked by the measures
they share, ``weight``) or the bipartite agency–measure graph (`bipartite_graph`,
edge ``role``), each agency carrying the figures of `agency_metrics`, written by
networkx's own writers. Both formats take no empty values, so an attribute that
is None (a measure without a deadline, an agency without a sector) is left off.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from policykg.graph.analytics.metrics import agency_metrics
from policykg.graph.analytics.projections import agency_node, bipartite_graph, co_assignment_graph
from policykg.records import Corpus

__all__ = ["agency_network", "bipartite_network", "write_network_file", "NETWORK_FORMATS", "METRIC_ATTRIBUTES"]

# agency metrics written as node attributes (AgencyMetrics fields)
METRIC_ATTRIBUTES = ("lead_count", "responsible_count", "measure_count", "weighted_load", "indicator_breadth",
                     "participation", "partner_count", "betweenness", "ongoing_share", "cross_cutting", "overdue",
                     "due_soon")

NETWORK_FORMATS: dict[str, Callable[..., None]] = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def _metrics(corpus: Corpus, as_of: str | None) -> dict[str, dict[str, Any]]:
    return {m.agency: _clean({k: getattr(m, k) for k in METRIC_ATTRIBUTES})
            for m in agency_metrics(corpus, as_of=as_of)}


def agency_network(corpus: Corpus, *, as_of: str | None = None) -> nx.Graph:
    """Agencies (collectives left out) linked by shared measures, with their metrics and a ``label``.

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> rows = [Row("d.txt", str(i), "纳税", "纳税", None, "m", ("甲",), ("乙",), None, None, None, i) for i in (1, 2)]
    >>> c = Corpus([Document("d.txt")], rows,
    ...            agencies={"a": Agency("a", "甲", "X", None, "agency"), "b": Agency("b", "乙", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a", ("d.txt", "乙"): "b"})
    >>> g = agency_network(c)
    >>> g.nodes["a"]["label"], g.nodes["a"]["lead_count"], g.edges["a", "b"]["weight"], "sector" in g.nodes["a"]
    ('甲', 2, 2, False)
    """
    graph = co_assignment_graph(corpus)
    figures = _metrics(corpus, as_of)
    for node, attrs in graph.nodes(data=True):
        cleaned = _clean(attrs)
        attrs.clear()
        attrs.update(cleaned, label=cleaned.get("name", node), **figures.get(node, {}))
    return graph


def bipartite_network(corpus: Corpus, *, as_of: str | None = None) -> nx.Graph:
    """Agencies and measures (``bipartite`` 0 and 1), edges with ``role``; agencies carry their metrics."""
    graph = bipartite_graph(corpus)
    figures = {agency_node(a): f for a, f in _metrics(corpus, as_of).items()}
    for node, attrs in graph.nodes(data=True):
        cleaned = _clean(attrs)
        attrs.clear()
        label = cleaned.get("name") if cleaned.get("bipartite") == 0 else node[2:]
        attrs.update(cleaned, label=label, **figures.get(node, {}))
    return graph


def write_network_file(graph: nx.Graph, target: Path | IO[bytes], fmt: str) -> None:
    """Write ``graph`` as ``fmt`` ("graphml" or "gexf") to a path or a binary stream."""
    NETWORK_FORMATS[fmt](graph, target)
