"""The network view's data and page, without a browser: exact nodes and weights, escaping, no URLs."""

from __future__ import annotations

import re

import pytest

from policykg.graph.analytics.metrics import agency_metrics
from policykg.graph.analytics.projections import co_assignment_graph
from policykg.records import Agency, Corpus, Document, Row
from policykg.visualizations import html_utils
from policykg.visualizations.network import (
    build_network_data,
    build_pyvis,
    edge_weights,
    render_network_html,
)
from tests.support.viz_corpora import PAYLOADS, payload_corpus, scale_corpus, scale_metrics

URL_LOADS = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)


def _row(line: int, lead: tuple[str, ...], responsible: tuple[str, ...], indicator: str = "纳税",
         deadline: str | None = "2021-06-30") -> Row:
    return Row("d.txt", str(line), indicator, indicator, None, f"措施{line}", lead, responsible, None, deadline,
               None, line)


@pytest.fixture()
def tiny() -> Corpus:
    """甲 leads 1 and 2 with 乙; 乙 leads 3 with 丙 and is also named responsible there; 全体 is a collective."""
    names = {"甲": "agency", "乙": "agency", "丙": "agency", "全体": "collective"}
    agencies = {n: Agency(n, n, "X县", "财政" if n == "甲" else ("税务" if n != "全体" else None), kind)
                for n, kind in names.items()}
    rows = [_row(1, ("甲",), ("乙", "全体")), _row(2, ("甲",), ("乙",), "开办企业"), _row(3, ("乙",), ("丙", "乙"))]
    return Corpus([Document("d.txt", jurisdiction="X县")], rows, agencies=agencies,
                  assignments={("d.txt", n): n for n in names})


def test_tiny_network_by_hand(tiny):
    data = build_network_data(tiny)
    # by cross-cutting load W·P: 甲 2·0.5 = 1, 乙 (1 + 0.5·2)·(1 − 5/9) ≈ 0.89, 丙 0.5·0 = 0
    assert [n["id"] for n in data.nodes] == ["甲", "乙", "丙"]
    index = {n["id"]: i for i, n in enumerate(data.nodes)}
    assert data.measures == [
        [0, 0, [index["甲"]], [index["乙"]], "2021-06", "措施1", "d.txt:1"],
        [0, 1, [index["甲"]], [index["乙"]], "2021-06", "措施2", "d.txt:2"],
        [0, 0, [index["乙"]], [index["丙"]], "2021-06", "措施3", "d.txt:3"],  # 乙 "both" counts as lead
    ]
    assert [(e["from"], e["to"], e["value"]) for e in data.edges] == [("甲", "乙", 2), ("乙", "丙", 1)]
    assert data.jurisdictions == ["X县"] and data.indicators == ["纳税", "开办企业"]
    assert edge_weights(data.measures, indicator=1) == {(0, 1): 1}


def test_tiny_network_merges_the_rest_by_sector(tiny):
    data = build_network_data(tiny, top_n=1)
    assert [(n["id"], n["kind"]) for n in data.nodes] == [("甲", "agency"), ("sector:税务", "collapsed")]
    assert data.nodes[1]["label"] == "其他税务单位（2 个）"
    # measure 3 links 乙 and 丙, both inside the merged node: no self-loop
    assert [(e["from"], e["to"], e["value"]) for e in data.edges] == [("甲", "sector:税务", 2)]
    assert build_network_data(tiny, top_n=1, lang="en").nodes[1]["label"] == "other 税务 units (2)"


def test_sample_edges_equal_the_co_assignment_graph(sample_corpus):
    data = build_network_data(sample_corpus)
    graph = co_assignment_graph(sample_corpus)
    assert {n["id"] for n in data.nodes} == set(graph.nodes)  # no collapse at the default top-N
    drawn = {frozenset((e["from"], e["to"])): e["value"] for e in data.edges}
    assert drawn == {frozenset((a, b)): w for a, b, w in graph.edges(data="weight")}
    assert len(data.measures) == len(sample_corpus.rows)


def test_sample_node_size_follows_cross_cutting_load(sample_corpus):
    metrics = agency_metrics(sample_corpus)
    data = build_network_data(sample_corpus, metrics)
    by_id = {n["id"]: n for n in data.nodes}
    ranked = [m for m in metrics if m.kind != "collective"]
    assert by_id[ranked[0].agency]["size"] == 40.0
    assert by_id[ranked[0].agency]["size"] >= by_id[ranked[-1].agency]["size"]
    figures = dict(by_id[ranked[0].agency]["figures"])
    assert figures["牵头措施"] == str(ranked[0].lead_count)
    assert figures["跨领域负荷"] == f"{ranked[0].cross_cutting:.2f}".rstrip("0").rstrip(".")


def test_pyvis_network_holds_the_nodes_and_edges(sample_corpus):
    data = build_network_data(sample_corpus, top_n=50)
    net = build_pyvis(data)
    assert len(net.nodes) == len(data.nodes) and len(net.edges) == len(data.edges)
    assert all(e["arrows"] == {"to": {"enabled": False}} for e in net.edges)


def test_page_loads_nothing_from_a_network(sample_corpus):
    page = render_network_html(build_network_data(sample_corpus))
    assert not URL_LOADS.search(page)
    assert "<script src" not in page and "<link" not in page
    js, css = html_utils.vis_assets()
    assert js in page and css in page  # vis-network inlined from pyvis's package
    assert "default-src 'none'" in page.replace("&#x27;", "'")


def test_page_escapes_document_text(sample_corpus):
    page = render_network_html(build_network_data(payload_corpus(sample_corpus)))
    body = page.split("<body>", 1)[1]
    for payload in PAYLOADS.values():
        assert payload not in body
    assert "&lt;svg onload=&quot;window.__pwned=&#x27;svg&#x27;&quot;&gt;&lt;/svg&gt;" in body  # legend
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=&#x27;close&#x27;" in body  # jurisdiction option
    assert "\\u003cscript\\u003edocument.title='pwned'" in body  # agency name in the JSON data
    assert body.count("</script>") == 3  # data block, vis-network, our script: nothing closed early


def test_hundredfold_corpus_collapses_to_top_n(sample_corpus):
    big = scale_corpus(sample_corpus, 100)
    data = build_network_data(big, scale_metrics(agency_metrics(sample_corpus), 100), top_n=300)
    bodies = sum(1 for a in big.agencies.values() if a.kind != "collective")
    assert data.agency_count > 20_000 and data.agency_count <= bodies
    assert sum(n["kind"] == "agency" for n in data.nodes) == 300
    assert len(data.nodes) <= 300 + len({a.sector for a in big.agencies.values()})
    assert len(data.measures) == 100 * len(sample_corpus.rows)
    assert not data.measure_texts and all(m[5] == "" for m in data.measures)
    assert len(data.edges) == 2500 and data.edges[0]["value"] >= data.edges[-1]["value"]
