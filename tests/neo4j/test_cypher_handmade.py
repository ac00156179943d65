"""Named Cypher queries on the hand-made corpus: the edge cases (collectives, nulls, unmapped names, ties)."""

from __future__ import annotations

from pyoxigraph import Store

from policykg.graph import load_corpus_into
from policykg.graph.property.neo4j_push import push_corpus
from policykg.queries import run_named
from policykg.queries.cypher import run_named_cypher
from tests.support.expected_answers import EXPECTED
from tests.support.handmade import handmade_corpus


def test_handmade_corpus_every_query(bolt):
    corpus = handmade_corpus()
    push_corpus(bolt, corpus)
    store = Store()
    load_corpus_into(store, corpus)
    for name in sorted(EXPECTED):
        assert run_named_cypher(bolt, name).rows == run_named(store, name, {}).rows == EXPECTED[name](corpus), name
    # null jurisdiction sorts first, lead names joined in order, the top agency computed in Cypher
    assert [r["measure"] for r in run_named_cypher(bolt, "measures_without_lead").rows] == [
        "a_福清.txt#3", "b 罗源#1.txt#3"]
    assert {r["agency"] for r in run_named_cypher(bolt, "agency_portfolio").rows} == {"350181/公安局"}
