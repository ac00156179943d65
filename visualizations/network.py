"""The agency network view: who shares measures with whom, one jurisdiction at a time, sized by cross-cutting load.

Readable by default: the page opens on one jurisdiction (a chooser switches;
"all jurisdictions" is one of the choices), colours nodes by about ten sector
families (`policykg.visualizations.sector_families`), labels only the top
agencies by cross-cutting load (the rest show their name on hover), and says in
its legend what node size and link width mean. A view draws at most ``top_n``
agencies as nodes of their own; the others are merged into one node per (their
jurisdiction, sector family) — never across jurisdictions, so a merged node's
links are links its members really have. Clicking an agency opens its card
and an ego view (the agency and its partners on a circle, every one labelled).

`view_nodes`, `edge_weights` and `strongest` state in Python what the page's
script (assets/network.js) computes in the browser; `build_pyvis` loads the
first view into a `pyvis.network.Network`, whose nodes, edges and options the page
draws first. vis-network stops being usable around 1–2k nodes (pitfalls.md), hence
the cap on nodes and on links (`MAX_EDGES`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pyvis.network import Network

from policykg.records import Corpus
from policykg.visualizations.html_utils import asset_text, esc, label, render_page, script_json, vis_assets
from policykg.visualizations.names import PLAIN, Names
from policykg.visualizations.overview import card_texts, view_options
from policykg.visualizations.view_model import ViewModel, build_view_model

__all__ = ["view_nodes", "edge_weights", "strongest", "build_pyvis", "render_network_html", "write_network",
           "vis_options", "first_view", "DEFAULT_TOP_N", "MAX_EDGES", "LABELLED", "EGO_PARTNERS", "MAX_GROUPS"]

DEFAULT_TOP_N = 150  # nodes of their own in one view; the rest merged within their jurisdiction
MAX_EDGES = 2500  # strongest links drawn; more make the canvas a grey mass and slow to settle
LABELLED = 12  # agencies labelled on the canvas, by cross-cutting load
EGO_PARTNERS = 40  # partners drawn around an agency in its ego view
MAX_GROUPS = 60  # merged nodes a view may add; past this (many places at once) the rest are not drawn


def first_view(model: ViewModel) -> int:
    """The view a page opens on: the jurisdiction with most measures (view 1), or all when there is none."""
    return 1 if len(model.views) > 1 else 0


def _size(x: float, top: float) -> float:
    """Node radius: area grows with load (square root), 8–40 px."""
    return round(8 + 32 * math.sqrt(max(x, 0.0) / top), 1) if top > 0 else 10.0


def view_nodes(model: ViewModel, view: int, top_n: int = DEFAULT_TOP_N, lang: str | None = None) -> list[dict[str, Any]]:
    """The nodes of one view: the ``top_n`` agencies by cross-cutting load, then one per (jurisdiction, family).

    Every node lists its ``members`` (agency indices of the model); a merged
    node's members share one jurisdiction and one sector family. Only the
    `LABELLED` first agencies carry a ``label``. When the rest would need more
    than `MAX_GROUPS` merged nodes (every jurisdiction of a province at once),
    they are not drawn at all: the page says so and offers one jurisdiction at a time.

    Examples
    --------
    >>> from policykg.loaders.read import load_corpus
    >>> model = build_view_model(load_corpus(), as_of="2021-06-30")
    >>> nodes = view_nodes(model, 1, top_n=20)
    >>> sum(n["kind"] == "agency" for n in nodes), sum(bool(n["label"]) for n in nodes)
    (20, 12)
    >>> all(len({model.agencies[a][2] for a in n["members"]}) == 1 for n in nodes)
    True
    """
    rows = model.views[view]["metrics"]
    top = max((r[1] for r in rows[:top_n]), default=0.0) or 1.0
    nodes: list[dict[str, Any]] = []
    for k, r in enumerate(rows[:top_n]):
        a = model.agencies[r[0]]
        nodes.append({"id": a[0], "kind": "agency", "members": [r[0]], "label": a[1] if k < LABELLED else "",
                      "name": a[1], "jurisdiction": a[2], "family": a[4], "x": r[1], "size": _size(r[1], top),
                      "color": model.families[a[4]][2]})
    groups: dict[tuple[str, int], list[list[Any]]] = {}
    for r in rows[top_n:]:
        a = model.agencies[r[0]]
        groups.setdefault((a[2], a[4]), []).append(r)
    if len(groups) > MAX_GROUPS:
        return nodes
    for (place, family), members in sorted(groups.items()):
        x = sum(r[1] for r in members)
        name = label(f"viz_group:{place}|{model.families[family][1]}|{len(members)}", lang)
        nodes.append({"id": f"group:{place}:{model.families[family][0]}", "kind": "group",
                      "members": [r[0] for r in members], "label": "", "name": name, "jurisdiction": place,
                      "family": family, "x": round(x, 3), "size": _size(min(x, top), top),
                      "color": model.families[family][2]})
    return nodes


def edge_weights(model: ViewModel, view: int, nodes: Sequence[dict[str, Any]],
                 indicator: int | None = None) -> dict[tuple[int, int], int]:
    """Measures shared by each pair of nodes of a view (node indices, smaller first); the page's JS does the same.

    Notes
    -----
    :math:`w(a, b) = |M(a) \\cap M(b)|` over the view's measures, as
    `co_assignment_graph`'s weight; for a merged node, :math:`M` is the union
    of its members' measures (each measure counts once per pair).
    """
    node_of = {a: i for i, n in enumerate(nodes) for a in n["members"]}
    out: Counter[tuple[int, int]] = Counter()
    for m in model.measures:
        if (view and m[0] != view) or (indicator is not None and m[1] != indicator):
            continue
        members = sorted({node_of[a] for a in m[2] + m[3] if a in node_of})
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
        "nodes": {"font": {"size": 15, "face": "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif",
                           "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "widthConstraint": {"maximum": 180}, "shape": "dot"},
        "edges": {"color": {"color": "#9aa5b1", "highlight": "#37474f", "opacity": 0.4},
                  "scaling": {"min": 0.5, "max": 9}, "smooth": False},
        "physics": {"solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -30000, "centralGravity": 0.12, "springLength": 240,
                                  "springConstant": 0.015, "damping": 0.4, "avoidOverlap": 0.9},
                    "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True},
                    "minVelocity": 1.5, "maxVelocity": 40},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    }


def build_pyvis(model: ViewModel, view: int, nodes: Sequence[dict[str, Any]]) -> Network:
    """The first view as a `pyvis.network.Network` (nodes, edges, options).

    Use `render_network_html` to write it: pyvis's own ``write_html`` links
    CDNs and renders ``title`` as HTML (pitfalls.md). Built ``directed`` only
    to skip pyvis's quadratic duplicate-edge scan; edges carry no arrows.
    """
    net = Network(directed=True, height="100%", width="100%")
    for n in nodes:
        net.add_node(n["id"], label=n["label"] or " ", color=n["color"], size=n["size"], shape="dot")
    for (a, b), w in strongest(edge_weights(model, view, nodes)):
        net.add_edge(nodes[a]["id"], nodes[b]["id"], value=w, arrows={"to": {"enabled": False}})
    net.options = vis_options()
    return net


def render_network_html(model: ViewModel, lang: str | None = None, top_n: int = DEFAULT_TOP_N,
                        title: str | None = None) -> str:
    """The self-contained network page (vis-network inlined, no URL loaded, filters and card in the page)."""
    t = lambda code: label(code, lang)  # noqa: E731
    view = first_view(model)
    nodes = view_nodes(model, view, top_n, lang)
    net = build_pyvis(model, view, nodes)
    indicators = "".join(f'<option value="{i}">{esc(v)}</option>' for i, v in enumerate(model.indicators))
    payload = {
        **model.to_json(), "first": {"view": view, "nodes": nodes, "edges": net.edges}, "options": net.options,
        "topN": top_n, "labelled": LABELLED, "maxGroups": MAX_GROUPS, "egoPartners": EGO_PARTNERS, "maxEdges": MAX_EDGES,
        "text": {**card_texts(lang),
                 **{k: t(f"viz_{k}") for k in ("measure", "deadline", "source", "lead", "responsible", "in_filter",
                                               "jurisdiction", "indicator", "sector")},
                 "status": t("viz_status:{n}|{e}|{m}"), "tooMany": t("viz_too_many_measures:{n}"),
                 "pruned": t(f"viz_pruned:{MAX_EDGES}"), "ego_status": t("viz_ego_status:{a}|{n}|{k}"),
                 "groups": t("viz_group_note:{n}|{k}"), "hidden": t("viz_rest_hidden:{n}|{k}"),
                 "group_name": t("viz_group:{p}|{f}|{n}")},
    }
    heading = title or t("viz_network_title")
    body = f"""<header class="bar"><h1>{esc(heading)}</h1>
<label>{esc(t("viz_jurisdiction"))} <select id="f-view">{view_options(model, lang, view)}</select></label>
<label>{esc(t("viz_indicator"))} <select id="f-ind"><option value="">{esc(t("viz_all"))}</option>{indicators}</select></label>
<label><input type="checkbox" id="f-lead"> {esc(t("viz_lead_only"))}</label>
<label><input type="checkbox" id="f-measures"{"" if model.texts else " disabled"}> {esc(t("viz_measure_nodes"))}</label>
<button type="button" id="f-back" hidden>{esc(t("viz_back"))}</button>
<span class="asof">{esc(t(f"viz_as_of:{model.as_of}"))}</span>
<span id="status" class="status"></span></header>
<main class="network-main"><div id="network"></div>
<aside class="legend"><h2>{esc(t("viz_legend"))}</h2>
<p>{esc(t(f"viz_legend_labels:{LABELLED}"))}</p>
<h3>{esc(t("viz_legend_node"))}</h3><div class="sizes" id="legend-sizes"></div>
<h3>{esc(t("viz_legend_edge"))}</h3><div class="widths" id="legend-widths"></div>
<p class="note" id="legend-groups"></p>
<h3>{esc(t("viz_legend_families"))}</h3><ul class="families" id="legend-families"></ul></aside></main>
<aside id="card" class="card" hidden></aside>
<script type="application/json" id="viz-data">{script_json(payload)}</script>"""
    js, css = vis_assets()
    return render_page(heading, body, scripts=[js, asset_text("card.js"), asset_text("network.js")],
                       styles=[css, asset_text("viz.css")], lang=lang or "zh")


def write_network(corpus: Corpus, path: Path, *, top_n: int = DEFAULT_TOP_N, lang: str | None = None,
                  as_of: str | None = None, names: Names = PLAIN) -> Path:
    """Build and write the network page; returns its path."""
    model = build_view_model(corpus, as_of=as_of, lang=lang, names=names)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_network_html(model, lang, top_n), encoding="utf-8")
    return path
