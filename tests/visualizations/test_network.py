"""The view model, the network's nodes and links and the overview's data, without a browser: exact values, escaping, no URLs."""

from __future__ import annotations

import re

import pytest
from pyoxigraph import Store

from policykg.graph.analytics.metrics import agency_metrics
from policykg.graph.analytics.projections import co_assignment_graph
from policykg.graph.rdf.store import load_corpus_into
from policykg.queries import run_named
from policykg.records import Agency, Corpus, Document, Row
from policykg.visualizations import html_utils
from policykg.visualizations.network import (
    LABELLED,
    build_pyvis,
    edge_weights,
    render_network_html,
    view_nodes,
)
from policykg.visualizations.overview import render_overview_html
from policykg.visualizations.sector_families import FAMILIES, OTHER, family_of
from policykg.visualizations.view_model import build_view_model, split_by_jurisdiction
from tests.support.viz_corpora import PAYLOADS, payload_corpus, scale_corpus

URL_LOADS = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)
AS_OF = "2021-06-30"


def _row(source: str, line: int, lead: tuple[str, ...], responsible: tuple[str, ...], indicator: str = "纳税",
         deadline: str | None = "2021-06-30") -> Row:
    return Row(source, str(line), indicator, indicator, None, f"措施{line}", lead, responsible, None, deadline,
               None, line)


@pytest.fixture()
def tiny() -> Corpus:
    """X县: 甲 leads 1 and 2 with 乙; 乙 leads 3 with 丙 (and is named responsible too). Y县: 丁 leads 4 with 戊."""
    names = {"甲": ("X县", "财政"), "乙": ("X县", "税务"), "丙": ("X县", "税务"), "丁": ("Y县", "税务"),
             "戊": ("Y县", "公安"), "全体": ("X县", None)}
    agencies = {n: Agency(n, n, place, sector, "collective" if n == "全体" else "agency")
                for n, (place, sector) in names.items()}
    rows = [_row("x.txt", 1, ("甲",), ("乙", "全体")), _row("x.txt", 2, ("甲",), ("乙",), "开办企业", "2021-07-15"),
            _row("x.txt", 3, ("乙",), ("丙", "乙"), deadline="ongoing"), _row("y.txt", 4, ("丁",), ("戊",))]
    assignments = {(src, n): n for src in ("x.txt", "y.txt") for n in names}
    return Corpus([Document("x.txt", jurisdiction="X县"), Document("y.txt", jurisdiction="Y县")], rows,
                  agencies=agencies, assignments=assignments)


def test_tiny_view_model_by_hand(tiny):
    model = build_view_model(tiny, as_of=AS_OF)
    assert [a[0] for a in model.agencies] == ["丁", "丙", "乙", "戊", "甲"]  # collectives get no node
    i = {a[0]: k for k, a in enumerate(model.agencies)}
    assert [v["name"] for v in model.views] == ["", "X县", "Y县"]
    assert model.measures[0] == [1, 0, [i["甲"]], [i["乙"]], "2021-06-30", 1, "措施1", 0, 1]  # due on the day
    assert model.sources == ["x.txt", "y.txt"]
    assert model.measures[1][5] == 1 and model.measures[2][2:4] == [[i["乙"]], [i["丙"]]]  # 乙 "both" is a lead
    assert model.measures[2][5] == 3 and model.measures[3][0] == 2  # ongoing; Y县's measure in view 2
    x = model.views[1]
    assert x["statuses"] == [0, 2, 0, 1, 0, 0]
    # X = W·P: 甲 2·0.5 = 1, 乙 (1 + 0.5·2)·(1 − 5/9) ≈ 0.889, 丙 0.5·0 = 0
    assert [(model.agencies[r[0]][0], r[1]) for r in x["metrics"]] == [("甲", 1.0), ("乙", 0.889), ("丙", 0.0)]
    assert x["dependencies"] == [[i["甲"], [[i["乙"], 2]]], [i["乙"], [[i["丙"], 1]]]]
    assert model.views[0]["measures"] == 4 and [r[0] for r in model.views[2]["metrics"]] == [i["丁"], i["戊"]]


def test_tiny_nodes_merge_only_within_a_jurisdiction(tiny):
    model = build_view_model(tiny, as_of=AS_OF)
    nodes = view_nodes(model, 0, top_n=1)
    assert [(n["id"], n["kind"]) for n in nodes] == [
        ("甲", "agency"), ("group:X县:finance", "group"), ("group:Y县:finance", "group"), ("group:Y县:law", "group")]
    assert nodes[1]["name"] == "X县其他财税金融单位（2 个）"  # 乙 and 丙, both of X县, both 税务
    assert nodes[0]["label"] == "甲" and all(n["label"] == "" for n in nodes[1:])
    # 甲 shares measures 1 and 2 with 乙 (in the X县 group); Y县's group links only to its own: no invented link
    assert edge_weights(model, 0, nodes) == {(0, 1): 2, (2, 3): 1}
    assert edge_weights(model, 0, nodes, indicator=1) == {(0, 1): 1}
    assert view_nodes(model, 1, top_n=10)[0]["size"] == 40.0


def test_no_node_merges_agencies_of_two_jurisdictions(sample_corpus):
    big = scale_corpus(sample_corpus, 3)
    model = build_view_model(big, as_of=AS_OF)
    for view in range(len(model.views)):
        for node in view_nodes(model, view, top_n=20):
            assert len({model.agencies[a][2] for a in node["members"]}) == 1, node["id"]
            assert len({model.agencies[a][4] for a in node["members"]}) == 1, node["id"]


def test_sample_edges_equal_the_co_assignment_graph(sample_corpus):
    model = build_view_model(sample_corpus, as_of=AS_OF)
    nodes = view_nodes(model, 0, top_n=10_000)
    drawn = {frozenset((nodes[a]["id"], nodes[b]["id"])): w for (a, b), w in edge_weights(model, 0, nodes).items()}
    graph = co_assignment_graph(sample_corpus)
    assert {n["id"] for n in nodes} == set(graph.nodes)
    assert drawn == {frozenset((a, b)): w for a, b, w in graph.edges(data="weight")}
    assert len(model.measures) == len(sample_corpus.rows)


def test_each_view_is_its_jurisdiction(sample_corpus):
    model = build_view_model(sample_corpus, as_of=AS_OF)
    parts = split_by_jurisdiction(sample_corpus)
    assert [v["name"] for v in model.views[1:]] == list(parts) == ["罗源县", "泉州市", "福清市", "泉港区", "鼓楼区"]
    for v, (place, part) in enumerate(parts.items(), start=1):
        mine = {m.agency: round(m.cross_cutting, 3) for m in agency_metrics(sample_corpus, jurisdiction=place,
                                                                             as_of=AS_OF) if m.kind == "agency"}
        assert {model.agencies[r[0]][0]: r[1] for r in model.views[v]["metrics"]} == mine
        assert model.views[v]["measures"] == len(part.rows) == sum(m[0] == v for m in model.measures)


@pytest.mark.parametrize("place", [None, "罗源县", "福清市"])
def test_the_dependency_view_is_the_named_query(sample_corpus, place):
    """What the overview draws for a lead is what `dependencies` answers for the jurisdiction."""
    store = Store()
    load_corpus_into(store, sample_corpus)
    rows = run_named(store, "dependencies", {"jurisdiction": place or "all", "limit": "100000"}).rows
    model = build_view_model(sample_corpus, as_of=AS_OF)
    view = next(v for v in model.views if v["name"] == (place or ""))
    assert len(view["dependencies"]) == 12
    for lead, partners in view["dependencies"]:
        lead_id = model.agencies[lead][0]
        expected = sorted(((r["partner"], r["shared_count"]) for r in rows if r["lead"] == lead_id),
                          key=lambda pn: (-pn[1], pn[0]))
        drawn = [(model.agencies[p][0], n) for p, n in partners]
        assert sorted(drawn, key=lambda pn: (-pn[1], pn[0])) == expected and expected


def test_labels_for_the_top_agencies_only(sample_corpus):
    model = build_view_model(sample_corpus, as_of=AS_OF)
    nodes = view_nodes(model, 1)
    labelled = [n["name"] for n in nodes if n["label"]]
    assert len(labelled) == LABELLED
    assert labelled == [model.agencies[r[0]][1] for r in model.views[1]["metrics"][:LABELLED]]


def test_every_sector_has_a_family():
    from policykg.loaders.sectors import sector_names

    assert [s for s in sector_names() if family_of(s) is OTHER] == []
    assert 8 <= len(FAMILIES) <= 12
    assert len({f.colour for f in (*FAMILIES, OTHER)}) == len(FAMILIES) + 1


def test_pyvis_network_holds_the_first_view(sample_corpus):
    model = build_view_model(sample_corpus, as_of=AS_OF)
    nodes = view_nodes(model, 1, top_n=30)
    net = build_pyvis(model, 1, nodes)
    assert len(net.nodes) == len(nodes) and len(net.edges) == len(edge_weights(model, 1, nodes))
    assert all(e["arrows"] == {"to": {"enabled": False}} for e in net.edges)


@pytest.mark.parametrize("render", [render_network_html, render_overview_html])
def test_pages_load_nothing_from_a_network(sample_corpus, render):
    page = render(build_view_model(sample_corpus, as_of=AS_OF))
    assert not URL_LOADS.search(page)
    assert "<script src" not in page and "<link" not in page
    assert "default-src 'none'" in page.replace("&#x27;", "'")
    if render is render_network_html:
        js, css = html_utils.vis_assets()
        assert js in page and css in page  # vis-network inlined from pyvis's package


@pytest.mark.parametrize("render", [render_network_html, render_overview_html])
def test_pages_escape_document_text(sample_corpus, render):
    page = render(build_view_model(payload_corpus(sample_corpus), as_of=AS_OF))
    body = page.split("<body>", 1)[1]
    for payload in PAYLOADS.values():
        assert payload not in body
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=&#x27;close&#x27;" in body  # jurisdiction option
    assert "\\u003cscript\\u003edocument.title='pwned'" in body  # agency name in the JSON data
    scripts = 4 if render is render_network_html else 3  # data block, (vis-network,) card, the page's own
    assert body.count("</script>") == scripts  # nothing closed early


def test_english_names_in_the_model(sample_corpus):
    from policykg.pipeline import display_names

    model = build_view_model(sample_corpus, as_of=AS_OF, lang="en", names=display_names("en"))
    assert "Starting a business" in model.indicators and "开办企业" not in model.indicators
    sectors = {a[3] for a in model.agencies}
    assert "market regulation" in sectors and "市场监管" not in sectors
    assert model.families[0][1] == "Government services and data" and model.statuses[0] == "overdue"


def test_links_are_capped_to_the_strongest(sample_corpus):
    from policykg.visualizations.network import strongest

    model = build_view_model(sample_corpus, as_of=AS_OF)
    nodes = view_nodes(model, 0, top_n=10_000)
    weights = edge_weights(model, 0, nodes)
    kept = strongest(weights, limit=100)
    assert len(weights) > 1000 and len(kept) == 100
    assert min(w for _, w in kept) >= max(w for pair, w in weights.items() if pair not in dict(kept))
