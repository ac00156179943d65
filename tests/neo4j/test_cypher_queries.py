"""Named Cypher queries on FalkorDB give the same answers as the SPARQL twins on the embedded store."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from policykg.errors import QueryError
from policykg.graph import load_corpus_into
from policykg.graph.property.bolt import BoltSettings, connect
from policykg.graph.property.neo4j_push import graph_counts
from policykg.queries import list_queries, run_named
from policykg.queries.cypher import get_cypher_query, list_cypher_queries, run_cypher, run_named_cypher
from tests.support.expected_answers import CASES, EXPECTED, case_id

# Every query bare, plus non-default parameters (the cases the SPARQL tests use).



@pytest.fixture(scope="module")
def sample_store(sample_corpus):
    store = Store()
    load_corpus_into(store, sample_corpus)
    return store


def test_the_cypher_library_mirrors_the_sparql_library():
    sparql = {q.name: q for q in list_queries()}
    cypher = {q.name: q for q in list_cypher_queries()}
    assert sorted(cypher) == sorted(sparql) == sorted(EXPECTED)
    for name, rq in sparql.items():
        cy = cypher[name]
        assert (cy.title_zh, cy.title_en, cy.description) == (rq.title_zh, rq.title_en, rq.description), name
        assert cy.parameters == rq.parameters, name
        assert (cy.columns, cy.limit, cy.sorted_join) == (rq.columns, rq.limit, rq.sorted_join), name


def test_queries_use_bound_parameters_only():
    for query in list_cypher_queries():
        # the runner cuts the rows at the limit (FalkorDB takes no expression in LIMIT), and a
        # parameter only feeding another one's default (as_of, days → start, end) is not read
        feeding = {part for p in query.parameters for part in p.default.split("+")}
        for p in query.parameters:
            if p.name != query.limit and p.name not in feeding:
                assert f"$p_{p.name}" in query.text, (query.name, p.name)
        assert "'all'" in query.text or not any(p.default == "all" for p in query.parameters)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_cypher_answer_equals_sparql_answer_on_the_samples(pushed_samples, sample_store, sample_corpus, case):
    name, params = case
    cypher = run_named_cypher(pushed_samples, name, params)
    sparql = run_named(sample_store, name, params)
    assert cypher.columns == sparql.columns
    assert cypher.rows == sparql.rows
    assert cypher.rows == EXPECTED[name](sample_corpus, **params)


def test_the_samples_answer_something(pushed_samples):
    # guard against vacuous equality
    # (the period's default, the 90 days from today, holds none of the samples' deadlines)
    sizes = {q.name: len(run_named_cypher(pushed_samples, q.name, {"as_of": "2021-07-15"} if "as_of" in
                                          {p.name for p in q.parameters} else {}).rows) for q in list_cypher_queries()}
    assert all(n > 0 for name, n in sizes.items() if name != "measures_without_lead"), sizes


INJECTIONS = [
    "福清市' OR 1=1 //",
    "'\nMATCH (n) DETACH DELETE n //",
    "福清市\\' OR true //",
    "all' //",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_an_injection_in_a_parameter_is_just_a_value(pushed_samples, sample_store, value):
    before = graph_counts(pushed_samples)
    # a place is looked up with the value bound (never pasted) and an unknown one named in the error
    for run, target in ((run_named_cypher, pushed_samples), (run_named, sample_store)):
        with pytest.raises(QueryError) as caught:
            run(target, "workload_per_agency", {"jurisdiction": value})
        assert caught.value.key == "query_unknown_place" and caught.value.values["value"] == value
    result = run_named_cypher(pushed_samples, "workload_per_agency", {"sector": value})
    assert result.rows == [] == run_named(sample_store, "workload_per_agency", {"sector": value}).rows
    result = run_named_cypher(pushed_samples, "agency_portfolio", {"agency": value})
    assert result.rows == []
    assert graph_counts(pushed_samples) == before


def test_an_unknown_place_lists_the_known_ones(pushed_samples, sample_store):
    with pytest.raises(QueryError) as cypher:
        run_named_cypher(pushed_samples, "co_assignment_pairs", {"jurisdiction": "福州"})
    with pytest.raises(QueryError) as sparql:
        run_named(sample_store, "co_assignment_pairs", {"jurisdiction": "福州"})
    assert str(cypher.value) == str(sparql.value)
    assert cypher.value.values["known"].startswith("福州市、")


def test_parameter_errors(pushed_samples):
    with pytest.raises(QueryError, match="no parameter colour"):
        run_named_cypher(pushed_samples, "workload_per_agency", {"colour": "red"})
    with pytest.raises(QueryError, match="not an integer"):
        run_named_cypher(pushed_samples, "co_assignment_pairs", {"min_shared": "two"})
    with pytest.raises(QueryError, match="not a date"):
        run_named_cypher(pushed_samples, "measures_due_in_period", {"start": "2021-13-01"})
    with pytest.raises(QueryError, match="no named query 'nope'"):
        get_cypher_query("nope")


def test_ad_hoc_query_binds_parameters(pushed_samples):
    result = run_cypher(pushed_samples, "MATCH (a:Agency) WHERE a.name = $name RETURN a.id AS id ORDER BY id",
                        {"name": "福清市市场监管局"})
    assert result.columns == ["id"] and result.rows == [{"id": "350181/市场监督管理局"}]


@pytest.mark.parametrize("text", [
    "CREATE (n:X) RETURN n",
    "MATCH (n) DETACH DELETE n",
    "match (m:Measure) set m.text = 'x'",
    "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "MATCH (m) MERGE (m)-[:X]->(m)",
])
def test_ad_hoc_writes_are_refused(pushed_samples, text):
    before = graph_counts(pushed_samples)
    with pytest.raises(QueryError, match="only reads"):
        run_cypher(pushed_samples, text)
    assert graph_counts(pushed_samples) == before


def test_words_inside_strings_are_not_writes(pushed_samples):
    result = run_cypher(pushed_samples, "RETURN 'CREATE and DELETE' AS words // SET in a comment")
    assert result.rows == [{"words": "CREATE and DELETE"}]


def test_a_syntax_error_is_a_query_error(pushed_samples):
    with pytest.raises(QueryError, match=r"拒绝执行语句 MATCH \(n RETURN n：FalkorDB 经 Bolt 不给出原因"):
        run_cypher(pushed_samples, "MATCH (n RETURN n")


def test_new_connections_after_closing_do_not_hang(falkordb_server):
    # FalkorDB drops the first connection accepted after a Bolt client leaves; connect() absorbs that.
    for _ in range(5):
        with connect(BoltSettings(uri=falkordb_server.uri, connection_timeout=2.0)) as conn:
            assert conn.read("RETURN 1 AS one")[1] == [{"one": 1}]
