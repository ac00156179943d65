"""The agency network view: who shares measures with whom, sized by cross-cutting load.

`build_network_data` turns a corpus and its `AgencyMetrics` into plain data
(nodes, the initial edges, and one compact record per measure); `build_pyvis`
loads that into a `pyvis.network.Network`; `render_network_html` writes one
self-contained page whose inline script (assets/network.js) redraws the
graph for any jurisdiction / indicator / lead-only filter and can show the
measures themselves as nodes, from the embedded measure records.

Large corpora: vis-network stops being usable around 1–2k nodes
(pitfalls.md), so only the ``top_n`` agencies by cross-cutting load get a
node of their own; the others are merged into one node per sector.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyvis.network import Network

from policykg.graph.analytics.metrics import AgencyMetrics, agency_metrics
from policykg.graph.analytics.projections import measure_roles, rows_in
from policykg.records import Corpus
from policykg.visualizations.html_utils import (
    asset_text,
    esc,
    label,
    render_page,
    script_json,
    sector_colours,
    vis_assets,
)

__all__ = ["NetworkData", "build_network_data", "build_pyvis", "edge_weights", "render_network_html",
           "write_network", "vis_options", "strongest", "DEFAULT_TOP_N", "MAX_MEASURE_TEXTS", "MAX_EDGES"]

DEFAULT_TOP_N = 300
MAX_MEASURE_TEXTS = 3000  # past this, measure texts are not embedded and measure nodes are off
MAX_EDGES = 2500  # strongest links drawn; more make the canvas a grey mass and slow to settle
_TEXT_CHARS = 160


@dataclass(slots=True)
class NetworkData:
    """What the network page embeds (all of it JSON-ready).

    ``measures[i]`` = ``[jurisdiction index, indicator index or -1, lead node
    indices, partner node indices, "YYYY-MM" or "", text, "source:line"]``
    (lead includes role "both"; partner = responsible only). ``edges`` are the
    unfiltered agency–agency links, ``value`` = measures shared.
    """

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    measures: list[list[Any]] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    sectors: list[tuple[str | None, str, int]] = field(default_factory=list)
    agency_count: int = 0
    top_n: int = DEFAULT_TOP_N
    measure_texts: bool = True


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _figures(m: AgencyMetrics, lang: str | None) -> list[list[str]]:
    names = ("lead_count", "responsible_count", "weighted_load", "indicator_breadth", "partner_count",
             "betweenness", "cross_cutting", "ongoing_share")
    rows = [[label(f"viz_{n}", lang), _fmt(getattr(m, n))] for n in names]
    if m.overdue is not None:
        rows.append([label("viz_overdue", lang), str(m.overdue)])
    return rows


def _size(x: float, top: float, crowded: bool = False) -> float:
    """Node radius: area grows with load (square root), 8–40 px (6–24 px when many nodes share the canvas)."""
    low, span = (6, 18) if crowded else (8, 32)
    return round(low + span * math.sqrt(max(x, 0.0) / top), 1) if top > 0 else float(low + 2)


def build_network_data(corpus: Corpus, metrics: Sequence[AgencyMetrics] | None = None, *,
                       top_n: int = DEFAULT_TOP_N, lang: str | None = None, as_of: str | None = None,
                       sector_label: Callable[[str], str | None] | None = None) -> NetworkData:
    """Nodes, initial edges and measure records of the agency network.

    Parameters
    ----------
    corpus
        Rows and agencies. Collectives (各有关单位 …) get no node, as in
        `co_assignment_graph`: they would link everyone to everyone.
    metrics
        `agency_metrics(corpus)`; computed when None.
    top_n
        Agencies with their own node, by cross-cutting load; the rest are
        merged into one node per sector (id ``"sector:<name>"``).

    Examples
    --------
    >>> from policykg.loaders.read import load_corpus
    >>> data = build_network_data(load_corpus(), top_n=20)
    >>> len([n for n in data.nodes if n["kind"] == "agency"])
    20
    """
    metrics = list(metrics) if metrics is not None else agency_metrics(corpus, as_of=as_of)
    bodies = [m for m in metrics if m.kind != "collective"]
    bodies.sort(key=lambda m: (-m.cross_cutting, m.name, m.agency))
    kept, rest = bodies[:top_n], bodies[top_n:]
    colours = sector_colours([m.sector for m in bodies])
    top = max((m.cross_cutting for m in kept), default=0.0) or 1.0
    data = NetworkData(agency_count=len(bodies), top_n=top_n)
    crowded = len(kept) > 250
    index: dict[str, int] = {}
    for m in kept:
        index[m.agency] = len(data.nodes)
        data.nodes.append({
            "id": m.agency, "label": m.name, "kind": "agency", "sector": m.sector or "",
            "jurisdiction": m.jurisdiction or "", "color": colours[m.sector], "size": _size(m.cross_cutting, top, crowded),
            "shape": "dot", "figures": _figures(m, lang),
        })
    groups: dict[str | None, list[AgencyMetrics]] = {}
    for m in rest:
        groups.setdefault(m.sector, []).append(m)
    for sector, members in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        node = len(data.nodes)
        for m in members:
            index[m.agency] = node
        name = sector or label("viz_no_sector", lang)
        total = sum(m.cross_cutting for m in members)
        data.nodes.append({
            "id": f"sector:{sector or ''}", "label": label(f"viz_collapsed:{name}|{len(members)}", lang),
            "kind": "collapsed", "sector": sector or "", "jurisdiction": "", "color": colours[sector],
            "size": _size(min(total, top), top, crowded), "shape": "diamond",
            "figures": [[label("viz_lead_count", lang), str(sum(m.lead_count for m in members))],
                        [label("viz_responsible_count", lang), str(sum(m.responsible_count for m in members))],
                        [label("viz_cross_cutting", lang), _fmt(total)]],
        })
    _add_measures(data, corpus, index)
    data.measure_texts = len(data.measures) <= MAX_MEASURE_TEXTS
    if not data.measure_texts:
        for record in data.measures:
            record[5] = ""
    data.edges = [{"from": data.nodes[a]["id"], "to": data.nodes[b]["id"], "value": w}
                  for (a, b), w in strongest(edge_weights(data.measures))]
    counts = Counter(m.sector for m in bodies)
    data.sectors = [(s, colours[s], counts[s]) for s in sorted(counts, key=lambda s: (s is None, s or ""))]
    if sector_label is not None and lang == "en":
        data.sectors = [(f"{s} {sector_label(s) or ''}".strip() if s else s, c, n) for s, c, n in data.sectors]
    return data


def _add_measures(data: NetworkData, corpus: Corpus, index: dict[str, int]) -> None:
    places: dict[str, int] = {}
    indicators: dict[str, int] = {}
    for row, place in rows_in(corpus):
        leads: list[int] = []
        partners: list[int] = []
        roles = [(index.get(a), role) for a, role in measure_roles(corpus, row).items()]
        for node, role in roles:  # collectives and unknown ids have no node
            if node is not None and role != "responsible" and node not in leads:
                leads.append(node)
        for node, role in roles:  # a merged node holding a lead stays a lead
            if node is not None and role == "responsible" and node not in leads and node not in partners:
                partners.append(node)
        p = places.setdefault(place or "", len(places))
        i = indicators.setdefault(row.indicator, len(indicators)) if row.indicator else -1
        month = row.deadline[:7] if row.deadline and row.deadline[:4].isdigit() else ""
        text = row.measure if len(row.measure) <= _TEXT_CHARS else row.measure[:_TEXT_CHARS] + "…"
        data.measures.append([p, i, leads, partners, month, text, f"{row.source}:{row.line}"])
    data.jurisdictions = list(places)
    data.indicators = list(indicators)


def edge_weights(measures: Sequence[Sequence[Any]], jurisdiction: int | None = None,
                 indicator: int | None = None) -> dict[tuple[int, int], int]:
    """Measures shared by each pair of nodes (node indices, smaller first); the page's JS does the same.

    Notes
    -----
    :math:`w(a, b) = |M(a) \\cap M(b)|`, as `co_assignment_graph`'s weight;
    for a merged sector node, :math:`M` is the union of its members' measures.
    """
    out: Counter[tuple[int, int]] = Counter()
    for m in measures:
        if (jurisdiction is not None and m[0] != jurisdiction) or (indicator is not None and m[1] != indicator):
            continue
        members = sorted(set(m[2]) | set(m[3]))
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out[(a, b)] += 1
    return dict(out)


def strongest(weights: dict[tuple[int, int], int], limit: int = MAX_EDGES) -> list[tuple[tuple[int, int], int]]:
    """The ``limit`` heaviest links, heaviest first, ties by node indices (the page's JS keeps the same)."""
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def vis_options() -> dict[str, Any]:
    """vis-network options: quick Barnes–Hut settling, capped, then physics off (assets/network.js)."""
    return {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"},
                  "borderWidth": 1, "widthConstraint": {"maximum": 160}},
        "edges": {"color": {"color": "#9aa5b1", "highlight": "#37474f", "opacity": 0.6},
                  "scaling": {"min": 1, "max": 10}, "smooth": False},
        "physics": {"solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.25, "springLength": 140,
                                  "springConstant": 0.03, "damping": 0.35, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 50, "fit": True},
                    "minVelocity": 1.5, "maxVelocity": 40},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    }


def build_pyvis(data: NetworkData) -> Network:
    """The network as a `pyvis.network.Network` (nodes, edges, options).

    Use `render_network_html` to write it: pyvis's own ``write_html`` links
    CDNs and renders ``title`` as HTML (pitfalls.md). Built ``directed`` only
    to skip pyvis's quadratic duplicate-edge scan; edges carry no arrows.
    """
    net = Network(directed=True, height="100%", width="100%")
    for n in data.nodes:
        extra = {k: v for k, v in n.items() if k not in ("id", "label", "shape", "color")}
        net.add_node(n["id"], label=n["label"], shape=n["shape"], color=n["color"], **extra)
    for e in data.edges:
        net.add_edge(e["from"], e["to"], value=e["value"], arrows={"to": {"enabled": False}})
    net.options = vis_options()
    return net


def render_network_html(data: NetworkData, lang: str | None = None, title: str | None = None) -> str:
    """The self-contained network page (vis-network inlined, no URL loaded, filters in the page)."""
    net = build_pyvis(data)
    t = lambda code: label(code, lang)  # noqa: E731
    options = "".join(f'<option value="{i}">{esc(v or "—")}</option>' for i, v in enumerate(data.jurisdictions))
    indicators = "".join(f'<option value="{i}">{esc(v)}</option>' for i, v in enumerate(data.indicators))
    legend = "".join(f'<li><span class="swatch" style="background:{esc(c)}"></span>{esc(s or t("viz_no_sector"))}'
                     f' <small>{n}</small></li>' for s, c, n in data.sectors)
    note = ""
    if data.agency_count > data.top_n:
        note = f'<p class="note">{esc(t(f"viz_collapsed_note:{data.agency_count}|{data.top_n}"))}</p>'
    payload = {
        "nodes": net.nodes, "edges": net.edges, "options": net.options, "measures": data.measures,
        "jurisdictions": data.jurisdictions, "indicators": data.indicators, "measureTexts": data.measure_texts,
        "text": {k: t(f"viz_{k}") for k in ("measure", "deadline", "source", "lead", "responsible", "in_filter",
                                            "jurisdiction", "indicator", "sector")},
        "statusTemplate": t("viz_status:{n}|{e}|{m}"), "tooMany": t("viz_too_many_measures:{n}"),
        "maxEdges": MAX_EDGES, "pruned": t(f"viz_pruned:{MAX_EDGES}"),
    }
    heading = title or t("viz_network_title")
    body = f"""<header class="bar"><h1>{esc(heading)}</h1>
<label>{esc(t("viz_jurisdiction"))} <select id="f-jur"><option value="">{esc(t("viz_all"))}</option>{options}</select></label>
<label>{esc(t("viz_indicator"))} <select id="f-ind"><option value="">{esc(t("viz_all"))}</option>{indicators}</select></label>
<label><input type="checkbox" id="f-lead"> {esc(t("viz_lead_only"))}</label>
<label><input type="checkbox" id="f-measures"{"" if data.measure_texts else " disabled"}> {esc(t("viz_measure_nodes"))}</label>
<span id="status" class="status"></span></header>
<main class="network-main"><div id="network"></div>
<aside class="legend"><h2>{esc(t("viz_legend"))}</h2><p>{esc(t("viz_legend_size"))}</p>{note}<ul>{legend}</ul></aside></main>
<script type="application/json" id="viz-data">{script_json(payload)}</script>"""
    js, css = vis_assets()
    return render_page(heading, body, scripts=[js, asset_text("network.js")], styles=[css, asset_text("viz.css")],
                       lang=lang or "zh")


def write_network(corpus: Corpus, path: Path, metrics: Sequence[AgencyMetrics] | None = None, *,
                  top_n: int = DEFAULT_TOP_N, lang: str | None = None,
                  sector_label: Callable[[str], str | None] | None = None) -> Path:
    """Build and write the network page; returns its path."""
    data = build_network_data(corpus, metrics, top_n=top_n, lang=lang, sector_label=sector_label)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_network_html(data, lang), encoding="utf-8")
    return path
