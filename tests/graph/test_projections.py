"""Projections on hand-made corpora: bipartite roles, shared-measure weights, the indicator matrix.

Expected values are worked out by hand from the table in `small_corpora`.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.graph.analytics.projections import (
    IndicatorMatrix,
    bipartite_graph,
    co_assignment_graph,
    indicator_matrix,
    measure_roles,
)
from tests.support.small_corpora import chain_corpus, make_corpus, toy_corpus


def test_bipartite_nodes_edges_and_roles():
    g = bipartite_graph(toy_corpus())
    agencies = sorted(n for n, d in g.nodes(data=True) if d["bipartite"] == 0)
    measures = sorted(n for n, d in g.nodes(data=True) if d["bipartite"] == 1)
    assert agencies == ["a:a", "a:b", "a:c", "a:d", "a:k"]
    assert measures == [f"m:d1.txt#L{i}" for i in range(1, 6)] + ["m:d2.txt#L1"]
    assert g.number_of_edges() == 11  # 2 + 3 + 2 + 2 + 1 + 1 assignments, 甲 once in line 4
    assert g.edges["a:a", "m:d1.txt#L4"]["role"] == "both"
    assert g.edges["a:a", "m:d1.txt#L3"]["role"] == "responsible"
    assert g.edges["a:b", "m:d1.txt#L3"]["role"] == "lead"
    assert g.nodes["a:k"] == {"bipartite": 0, "kind": "collective", "name": "各有关单位", "sector": None,
                              "jurisdiction": "X"}
    assert g.nodes["a:a"]["sector"] == "市场监管"
    assert g.nodes["m:d2.txt#L1"]["jurisdiction"] == "Y"
    assert g.nodes["m:d1.txt#L5"]["indicator"] is None


def test_bipartite_per_jurisdiction_uses_the_documents_place():
    g = bipartite_graph(toy_corpus(), jurisdiction="Y")
    assert sorted(g.nodes) == ["a:d", "m:d2.txt#L1"]
    assert bipartite_graph(toy_corpus(), jurisdiction="nowhere").number_of_nodes() == 0


def test_measure_roles_counts_an_agency_once():
    corpus = toy_corpus()
    line4 = corpus.rows[3]
    assert measure_roles(corpus, line4) == {"a": "both", "k": "responsible"}


def test_co_assignment_weights_without_collectives():
    g = co_assignment_graph(toy_corpus())
    assert sorted(g.nodes) == ["a", "b", "c", "d"]  # 丁 has no partner but a measure: an isolated node
    assert sorted((min(u, v), max(u, v), w) for u, v, w in g.edges(data="weight")) == [
        ("a", "b", 3),  # lines 1, 2, 3
        ("a", "c", 1),  # line 2
        ("b", "c", 1),  # line 2
    ]
    assert g.nodes["a"] == {"name": "甲", "sector": "市场监管", "jurisdiction": "X", "kind": "agency"}


def test_co_assignment_with_collectives():
    g = co_assignment_graph(toy_corpus(), include_collectives=True)
    assert g.edges["a", "k"]["weight"] == 1
    assert g.degree("k") == 1
    assert g.nodes["k"]["kind"] == "collective"


def test_co_assignment_per_jurisdiction():
    assert sorted(co_assignment_graph(toy_corpus(), jurisdiction="Y").nodes) == ["d"]
    assert sorted(co_assignment_graph(toy_corpus(), jurisdiction="X").nodes) == ["a", "b", "c"]


def test_chain_is_a_path_graph():
    g = co_assignment_graph(chain_corpus())
    assert nx.is_isomorphic(g, nx.path_graph(4))
    assert sorted(g.edges) == [("p", "q"), ("q", "r"), ("r", "s")]


def test_indicator_matrix_by_hand():
    m = indicator_matrix(toy_corpus())
    assert m == IndicatorMatrix(
        agencies=["a", "b", "d", "c"],  # totals 4, 3, 1, 1; ties by name: 丁 (U+4E01) before 丙 (U+4E19)
        indicators=["纳税", "开办企业"],  # column totals 6 and 3
        counts=[[2, 2], [2, 1], [1, 0], [1, 0]],  # 丙's line 5 has no indicator: load, not matrix
        lead_counts=[[2, 1], [0, 1], [1, 0], [0, 0]],  # 甲 leads line 4 as "both"
    )
    assert m.row("a") == {"纳税": 2, "开办企业": 2}


def test_indicator_matrix_with_collectives_and_per_jurisdiction():
    m = indicator_matrix(toy_corpus(), include_collectives=True)
    assert m.agencies[-1] == "k" and m.counts[-1] == [0, 1]
    y = indicator_matrix(toy_corpus(), jurisdiction="Y")
    assert (y.agencies, y.indicators, y.counts) == (["d"], ["纳税"], [[1]])


def test_unresolved_names_are_not_assigned():
    corpus = make_corpus({"d.txt": None}, [("a", "甲", None, None, "agency")],
                         [("d.txt", 1, "纳税", ["甲", "未知单位"], ["无名"], None)])
    g = bipartite_graph(corpus)
    assert sorted(g.edges) == [("m:d.txt#L1", "a:a")]


_names = st.lists(st.sampled_from("甲乙丙丁戊己"), max_size=4)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_names, _names), min_size=1, max_size=8))
def test_co_assignment_weights_sum_to_pairs_per_measure(cells):
    """Σ edge weights = Σ over measures of C(agencies of the measure, 2), whatever the rows."""
    corpus = make_corpus({"d.txt": "X"}, [(n, n, "X", None, "agency") for n in "甲乙丙丁戊己"],
                         [("d.txt", i, "纳税", lead, resp, None) for i, (lead, resp) in enumerate(cells, 1)])
    g = co_assignment_graph(corpus)
    expected = sum(len(list(combinations(set(lead) | set(resp), 2))) for lead, resp in cells)
    assert sum(w for _, _, w in g.edges(data="weight")) == expected
    assert set(g.nodes) == {n for lead, resp in cells for n in (*lead, *resp)}


def test_public_surface():
    import policykg.graph.analytics.projections as projections

    assert sorted(projections.__all__) == sorted([
        "IndicatorMatrix", "bipartite_graph", "co_assignment_graph", "indicator_matrix", "measure_node",
        "agency_node", "measure_roles", "rows_in", "dependency_weights"])
