"""Inferred indicators in the RDF graph: a predicate of their own, PROV, SHACL, and the round trip."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode, QuerySolutions, Store

from policykg.graph import corpus_from_store, load_corpus_into, write_graphs
from policykg.graph.rdf import iris
from policykg.graph.rdf.validate import data_graph as union_of
from policykg.graph.rdf.validate import validate_graph, validate_store
from policykg.records import Row
from tests.support.handmade import FQ, LY, MODEL, handmade_corpus, inferred_corpus

PREFIXES = ("PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")


def _select(store: Store, query: str) -> set[tuple[str, ...]]:
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return {tuple(term.value for term in solution) for solution in result}


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    load_corpus_into(store, inferred_corpus())
    return store


def test_inferred_indicator_is_a_predicate_of_its_own(store):
    assert _select(store, "SELECT ?line ?name WHERE { ?m pkg:sourceLine ?line ; pkg:inferredIndicator/skos:prefLabel "
                          "?name FILTER(lang(?name) = 'zh') }") == {("27", "政务服务"), ("150", "纳税")}
    # the printed indicators are what they were: the theme row and the corrected ones have none
    printed = _select(store, "SELECT ?line WHERE { ?m pkg:addressesIndicator ?i ; pkg:sourceLine ?line }")
    assert printed == {(str(r.line),) for r in handmade_corpus().rows if r.indicator is not None}


def test_a_model_answer_is_generated_by_its_classification_which_used_the_model(store):
    found = _select(store, """SELECT ?line ?confidence ?evidence ?model WHERE {
        ?m pkg:sourceLine ?line ; pkg:qualifiedInferredIndicator ?x .
        ?x a pkg:IndicatorInference ; pkg:confidence ?confidence ; pkg:evidence ?evidence ; prov:wasGeneratedBy ?a .
        ?a a pkg:IndicatorClassification ; prov:used ?used ; dcterms:identifier ?model .
        ?used a pkg:IndicatorModel ; dcterms:identifier ?model }""")
    assert found == {("27", "0.6123", '["容缺受理", "双随机、一公开"]', MODEL)}


def test_a_correction_is_attributed_to_its_table(store):
    found = _select(store, """SELECT ?line ?confidence ?table WHERE {
        ?m pkg:sourceLine ?line ; pkg:qualifiedInferredIndicator ?x .
        ?x pkg:confidence ?confidence ; prov:wasAttributedTo ?review .
        ?review a pkg:IndicatorReview ; dcterms:identifier ?table
        FILTER NOT EXISTS { ?x pkg:evidence ?words } FILTER NOT EXISTS { ?x prov:wasGeneratedBy ?a } }""")
    assert found == {("140", "1", "review.xlsx"), ("150", "1", "review.xlsx")}  # "serves none" (140) has a node too


@pytest.mark.parametrize("load", ["bulk", "replacement"])
def test_the_rows_come_back_with_their_inferred_fields(load):
    corpus = inferred_corpus()
    store = Store()
    if load == "bulk":
        load_corpus_into(store, corpus)
    else:
        write_graphs(store, handmade_corpus())
        write_graphs(store, corpus)  # the graphs exist: replaced through SPARQL updates
    assert corpus_from_store(store).rows == sorted(corpus.rows, key=lambda r: (r.source, r.line))


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indicator=st.none() | st.sampled_from(["纳税", "开办企业", "包容普惠创新"]),
       confidence=st.integers(0, 10_000).map(lambda k: k / 10_000),  # as the reader rounds them
       evidence=st.lists(_text, max_size=4),
       by=_text | _text.map(lambda name: "correction:" + name))
def test_any_inference_round_trips(indicator, confidence, evidence, by):
    corpus = handmade_corpus()
    row = Row(FQ, "9", "主题", None, None, "某项措施。", (), (), None, None, None, 99, indicator_inferred=indicator,
              indicator_confidence=confidence, indicator_evidence=tuple(evidence), indicator_inferred_by=by)
    store = Store()
    load_corpus_into(store, replace(corpus, rows=corpus.rows + [row]))
    assert [r for r in corpus_from_store(store).rows if r.line == 99] == [row]


def test_the_inferred_graph_conforms(store):
    report = validate_store(store)
    assert report.conforms, report.violations[:5]


def _broken() -> Store:
    """An inference node without confidence or provenance, and a measure whose inferred indicator has no node."""
    store = Store()
    load_corpus_into(store, inferred_corpus())
    pkg, prov = "https://w3id.org/policykg/ontology#", "http://www.w3.org/ns/prov#"
    theme = iris.inference_iri(iris.measure_iri(FQ, "3"))  # the theme row, line 27
    store.update(f"""DELETE WHERE {{ GRAPH ?g {{ <{theme}> <{pkg}confidence> ?c }} }} ;
        DELETE WHERE {{ GRAPH ?g {{ <{theme}> <{prov}wasGeneratedBy> ?a }} }} ;
        DELETE WHERE {{ GRAPH ?g {{ <{iris.measure_iri(LY, "5")}> <{pkg}qualifiedInferredIndicator> ?x }} }}""")
    return store


def test_broken_inferences_fail_with_messages():
    report = validate_store(_broken(), "en")
    found = {(v.focus, v.message) for v in report.violations}
    theme = f"measure/{FQ}/3/inferred-indicator"
    assert (theme, "an indicator inference needs one confidence between 0 and 1 (an xsd:decimal)") in found
    assert (theme, "an indicator inference says what decided it: a model's classification or a corrections table, "
                   "one of the two") in found
    assert (f"{LY}#5", "an inferred indicator needs its inference node (confidence and provenance, "
                          "pkg:qualifiedInferredIndicator)") in found
    assert len(report.violations) == 3


def test_validating_inferences_in_parts_equals_the_union(monkeypatch):
    import policykg.graph.rdf.validate as validate

    store = _broken()
    whole = validate_graph(union_of(store), "zh")
    monkeypatch.setattr(validate, "_BATCH_TRIPLES", 10)  # a part per document graph, and the shared nodes apart
    parts = validate_store(store, "zh", workers=2, engine="pyshacl")
    assert (parts.conforms, parts.triples, parts.violations) == (whole.conforms, whole.triples, whole.violations)
    sparql = validate_store(store, "zh")  # the default engine: the same violations, statements counted in the store
    assert (sparql.conforms, sparql.violations) == (whole.conforms, whole.violations)


def test_sample_003_measures_are_inferred_by_the_shipped_model(sample_corpus):
    from policykg.loaders.indicator_model import load_model

    store = Store()
    load_corpus_into(store, sample_corpus)
    source = next(d.source for d in sample_corpus.documents if d.source.startswith("003_"))
    graph = NamedNode(iris.graph_iri(source)).value
    models = _select(store, f"""SELECT ?line ?model WHERE {{ GRAPH <{graph}> {{
        ?m a pkg:Measure ; pkg:sourceLine ?line ; pkg:qualifiedInferredIndicator/prov:wasGeneratedBy ?a .
        ?a prov:used/dcterms:identifier ?model FILTER NOT EXISTS {{ ?m pkg:addressesIndicator ?i }} }} }}""")
    assert len(models) == 28 and {model for _, model in models} == {load_model().id}
