"""Named queries: answers equal counts computed from the Corpus rows, embedded and over HTTP."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from policykg.graph import load_corpus_into
from policykg.queries import HttpEndpoint, list_queries, run_named
from tests.support.expected_answers import CASES, EXPECTED, case_id
from tests.support.handmade import handmade_corpus


@pytest.fixture(scope="module")
def sample_store(sample_corpus):
    store = Store()
    load_corpus_into(store, sample_corpus)
    return store


def test_catalogue_names_match_the_contract():
    assert [q.name for q in list_queries()] == sorted(EXPECTED)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_embedded_answer_equals_corpus_counts(sample_store, sample_corpus, case):
    name, params = case
    result = run_named(sample_store, name, params)
    expected = EXPECTED[name](sample_corpus, **params)
    assert result.rows == expected
    assert result.columns == list(expected[0]) if expected else True


def test_samples_give_non_trivial_answers(sample_store):
    # guard against vacuous equality: the queries answer something on the samples (the period's
    # default, the 90 days from today, holds none of the samples' deadlines of 2020–2023)
    sizes = {q.name: len(run_named(sample_store, q.name, {"as_of": "2021-07-15"} if "as_of" in
                                   {p.name for p in q.parameters} else {}).rows) for q in list_queries()}
    assert all(sizes[n] > 0 for n in sizes if n != "measures_without_lead"), sizes


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_handmade_answer_equals_corpus_counts(name):
    corpus = handmade_corpus()
    store = Store()
    load_corpus_into(store, corpus)
    assert run_named(store, name, {}).rows == EXPECTED[name](corpus)


def test_handmade_without_lead_and_portfolio_by_hand():
    corpus = handmade_corpus()
    store = Store()
    load_corpus_into(store, corpus)
    rows = run_named(store, "measures_without_lead", {}).rows
    assert [r["measure"] for r in rows] == ["a_福清.txt#3", "b 罗源#1.txt#3"]
    portfolio = run_named(store, "agency_portfolio", {}).rows  # top: 福清市市场监管局 and 公安局 both 3 → smaller id
    assert {r["agency"] for r in portfolio} == {"350181/公安局"}
    assert [(r["measure"], r["role"]) for r in portfolio] == [
        ("a_福清.txt#1", "responsible"), ("a_福清.txt#2", "responsible"),
        ("a_福清.txt#4", "lead"), ("a_福清.txt#4", "responsible")]
    due = run_named(store, "measures_due_in_period", {"start": "1900-01-01", "end": "2020-12-31"}).rows
    assert [r["lead_names"] for r in due] == ["福清市市场监管局、福清市行政服务中心管委会", "福清市市场监管局"]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_http_answer_equals_embedded(oxigraph_server, sample_store, case):
    name, params = case
    endpoint = HttpEndpoint(oxigraph_server.query_url)
    assert run_named(endpoint, name, params).rows == run_named(sample_store, name, params).rows


def test_publish_then_query_gives_the_same_answer(oxigraph_empty_server, sample_store, sample_corpus):
    from policykg.graph.rdf.publish import publish_store

    published = publish_store(sample_store, oxigraph_empty_server.store_url)
    # the five documents, the ontology, the indicator scheme and the store-wide pair counts
    assert len(published) == 8 and all(p.status in (200, 201, 204) for p in published)
    publish_store(sample_store, oxigraph_empty_server.store_url)  # PUT replaces: publishing twice changes nothing
    endpoint = HttpEndpoint(oxigraph_empty_server.query_url)
    count = run_named.__globals__["run_sparql"](endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert count.rows == [{"n": len(sample_store)}]
    for name in sorted(EXPECTED):
        assert run_named(endpoint, name, {}).rows == EXPECTED[name](sample_corpus)


@pytest.mark.parametrize("query", [q for q in list_queries() if q.limit is not None], ids=lambda q: q.name)
def test_a_limited_query_asks_a_server_for_its_first_rows_only(oxigraph_server, sample_store, query):
    """A query that takes a limit ends with its own ORDER BY, total on every row, so a server is asked for the
    first rows only (LIMIT in the text sent): it sends those rows, the same as the whole answer cut here."""
    from policykg.queries.sparql import _with_first, _with_values

    assert _with_first(query.text, 3).endswith("\nLIMIT 3")
    endpoint = HttpEndpoint(oxigraph_server.query_url)
    whole = run_named(sample_store, query.name, {query.limit: "0"}).rows
    assert len(whole) > 3
    for limit in (1, 3, len(whole) - 1):
        bindings = {p.variable: term for p, term in zip(query.parameters, _default_terms(query, limit))}
        _, sent = endpoint.select(query.text, bindings, limit)
        assert len(sent) == limit  # the server sent no more
        assert run_named(endpoint, query.name, {query.limit: str(limit)}).rows == whole[:limit]
    assert _with_values(query.text, {}) == query.text


def _default_terms(query, limit: int):
    from policykg.queries.sparql import _term

    values = query.bind({query.limit: str(limit)})
    return [_term(values[p.name], p.type) for p in query.parameters]


def test_other_queries_are_sent_whole():
    from policykg.queries.sparql import _with_first

    text = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5"
    assert _with_first(text, 2) == text
    assert _with_first("SELECT ?s WHERE { ?s ?p ?o }", 2) == "SELECT ?s WHERE { ?s ?p ?o }"
    assert _with_first("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o }\nORDER BY ?s } }", 2).endswith("} }")
