"""Parameters placed inside subqueries by the ``#%PARAMS%`` placeholder: still typed terms, never text."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, Store

from policykg.graph import load_corpus_into
from policykg.queries import get_query, list_queries, run_named
from policykg.queries.sparql import PARAMS_PLACEHOLDER, EmbeddedStore, _term, _with_values
from tests.support.handmade import handmade_corpus


@pytest.fixture(scope="module")
def store():
    s = Store()
    load_corpus_into(s, handmade_corpus())
    return s


def test_placeholder_lines_become_the_values_block():
    text = "SELECT * WHERE {\n  { SELECT ?x WHERE {\n    #%PARAMS%\n    BIND(?p_k AS ?x) } }\n  #%PARAMS%\n}\n"
    out = _with_values(text, {"p_k": Literal('a" } } SELECT * WHERE { ?s ?p ?o } #')})
    assert PARAMS_PLACEHOLDER not in out
    assert out.count("VALUES (?p_k)") == 2
    # the value is one escaped literal: the quote does not end the string
    assert '"a\\" } } SELECT * WHERE { ?s ?p ?o } #"' in out


def test_without_placeholder_the_block_heads_the_outer_where():
    out = _with_values("SELECT * WHERE { BIND(?p_k AS ?x) }", {"p_k": Literal("v")})
    assert out.startswith("SELECT * WHERE {\n  VALUES (?p_k)")


def test_queries_using_the_placeholder_put_no_parameter_outside_it():
    # every named query that binds inside subqueries still gets all its parameters bound
    for q in list_queries():
        if PARAMS_PLACEHOLDER in q.text:
            assert q.parameters, q.name


@pytest.mark.parametrize("value", ['福清市" || true || "', 'all" ) } } SELECT * WHERE { ?s ?p ?o } #', "<urn:evil>"])
def test_injection_through_an_inner_placement_matches_nothing(store, value):
    size = len(store)
    result = run_named(store, "sector_across_jurisdictions", {"sector": value})
    assert all(r["lead_count"] == 0 and r["responsible_count"] == 0 for r in result.rows)
    # a place parameter is checked by the runner first; bound straight into the query text (the
    # check skipped), the value still matches nothing
    for name in ("co_assignment_pairs", "cross_cutting_ranking", "workload_per_agency"):
        query = get_query(name)
        values = query.bind({"jurisdiction": value})
        bindings = {p.variable: _term(values[p.name], p.type) for p in query.parameters}
        assert EmbeddedStore(store).select(query.text, bindings)[1] == []
    assert len(store) == size
    assert PARAMS_PLACEHOLDER in get_query("co_assignment_pairs").text
