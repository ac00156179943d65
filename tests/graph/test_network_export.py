"""`policykg export --format graphml|gexf`: read back by networkx, the same nodes, links and metrics."""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.graph.analytics.exchange import METRIC_ATTRIBUTES
from policykg.graph.analytics.metrics import agency_metrics
from policykg.graph.analytics.projections import co_assignment_graph

AS_OF = "2021-06-30"
READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_agency_network_reads_back_with_the_same_nodes_and_metrics(tmp_path, sample_corpus, fmt):
    path = tmp_path / f"agencies.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--as-of", AS_OF, "-o", str(path)])
    assert result.exit_code == 0, result.output
    graph = READERS[fmt](path)
    expected = co_assignment_graph(sample_corpus)
    assert set(graph.nodes) == set(expected.nodes) and graph.number_of_nodes() == 238
    assert {frozenset(e) for e in graph.edges} == {frozenset(e) for e in expected.edges}
    assert all(graph.edges[a, b]["weight"] == w for a, b, w in expected.edges(data="weight"))
    for m in agency_metrics(sample_corpus, as_of=AS_OF):
        if m.kind == "collective":
            assert m.agency not in graph
            continue
        attrs = graph.nodes[m.agency]
        assert attrs["label"] == m.name and attrs["jurisdiction"] == m.jurisdiction
        for key in METRIC_ATTRIBUTES:
            assert attrs[key] == pytest.approx(getattr(m, key)), (m.agency, key)
    assert result.stderr.strip() == f"已导出 {fmt}：238 个节点、1667 条边 → {path}"


def test_bipartite_graph_reads_back(tmp_path, sample_corpus):
    path = tmp_path / "measures.gexf"
    result = CliRunner().invoke(cli, ["export", "--format", "gexf", "--network", "bipartite", "-o", str(path)])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(path)
    measures = [n for n, d in graph.nodes(data=True) if d["bipartite"] == 1]
    assert len(measures) == len(sample_corpus.rows)
    row = sample_corpus.rows[0]
    node = graph.nodes[f"m:{row.source}#L{row.line}"]
    assert (node["measure"], node["line"], node["source"]) == (row.measure, row.line, row.source)
    roles = {graph.edges[a, b]["role"] for a, b in graph.edges}
    assert roles == {"lead", "responsible", "both"}
    top = agency_metrics(sample_corpus)[0]
    assert graph.nodes[f"a:{top.agency}"]["cross_cutting"] == pytest.approx(top.cross_cutting)


def test_graphml_to_stdout(sample_corpus):
    result = CliRunner().invoke(cli, ["export", "--format", "graphml", "policykg/samples/003_78fe2e9706bd90b0.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml") and "<graphml" in result.stdout
