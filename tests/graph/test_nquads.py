"""The N-Quads fast path: one escaping function (property-tested), the same graph as the term path,
and all-or-nothing loads and replacements."""

from __future__ import annotations

import dataclasses
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse
from rdflib import Dataset, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.compare import isomorphic

from policykg.errors import InputError, StoreError
from policykg.graph import build_graphs, build_store, corpus_from_store, load_corpus_into, replace_graph, write_graphs
from policykg.graph.rdf import iris
from policykg.graph.rdf.build import GraphPart, build_document_graph
from policykg.graph.rdf.nquads import NQUADS_TERMS, escape_iri, escape_literal
from tests.support.handmade import FQ, LY, handmade_corpus

# Any Unicode text but lone surrogates (which no UTF-8 text, hence no RDF literal, can hold).
_text = st.text(st.characters(blacklist_categories=("Cs",)))
_G = "https://example.org/g"
_S = "https://example.org/s"
_P = "https://example.org/p"


def _line(obj: str) -> str:
    return f"{escape_iri(_S)} {escape_iri(_P)} {obj} {escape_iri(_G)} .\n"


def _parse_both(text: str) -> tuple[list, list]:
    ox = [q.object for q in parse(text.encode("utf-8"), format=RdfFormat.N_QUADS)]
    ds = Dataset()
    ds.parse(data=text, format="nquads")
    rdf = [o for _s, _p, o, _g in ds.quads((None, None, None, None))]
    return ox, rdf


@settings(max_examples=300, deadline=None)
@given(value=_text, language=st.sampled_from([None, "zh", "en"]))
def test_any_string_literal_round_trips_through_pyoxigraph_and_rdflib(value, language):
    terms = NQUADS_TERMS
    obj = terms.literal(value) if language is None else terms.lang_literal(value, language)
    (ox,), (rdf,) = _parse_both(_line(obj))
    assert ox == (Literal(value) if language is None else Literal(value, language=language))
    assert rdf == RdfLiteral(value, lang=language)
    assert str(rdf) == value


@settings(max_examples=100, deadline=None)
@given(value=_text)
def test_typed_literal_round_trips(value):
    (ox,), (rdf,) = _parse_both(_line(NQUADS_TERMS.typed_literal(value, "https://example.org/type")))
    assert ox == Literal(value, datatype=NamedNode("https://example.org/type"))
    assert str(rdf) == value and str(rdf.datatype) == "https://example.org/type"


@settings(max_examples=300, deadline=None)
@given(key=_text)
def test_any_minted_iri_round_trips(key):
    # every instance IRI is a key percent-encoded under ID_BASE (graph.iris)
    iri = iris.agency_iri(key)
    (ox,), (rdf,) = _parse_both(_line(escape_iri(iri)))
    assert ox == NamedNode(iri) and rdf == URIRef(iri)
    assert iris.decode_key(ox.value[len(iris.agency_iri("")):]) == key


@settings(max_examples=300, deadline=None)
@given(value=_text)
def test_any_iri_pyoxigraph_accepts_round_trips_and_no_other_parses(value):
    text = _line(escape_iri(value))
    try:
        expected = NamedNode(value)
    except ValueError:
        expected = None
    if expected is None:  # not an IRI: the escaped text is refused too, never misread
        with pytest.raises(SyntaxError):
            list(parse(text.encode("utf-8"), format=RdfFormat.N_QUADS))
        return
    (ox,) = [q.object for q in parse(text.encode("utf-8"), format=RdfFormat.N_QUADS)]
    assert ox == expected


@pytest.mark.parametrize("value", ['"', "\\", "\\u0041", "\\\\u0041", "a\nb\r\tc", "\x00\x1f\x7f", "\u2028\u2029\x85", "'''"])
def test_awkward_literals_survive_a_sparql_update_too(value):
    # replace_graph writes the same escaped text inside INSERT DATA
    store = Store()
    part = GraphPart(_G, None, [_line(NQUADS_TERMS.literal(value))])
    replace_graph(store, part)
    assert [q.object for q in store] == [Literal(value)]


def test_escape_examples():
    assert escape_literal('他说"好"\n') == '他说\\"好\\"\\n'
    assert escape_literal("简化审批") == "简化审批"
    assert escape_iri("a b") == "<a\\u0020b>"


# --- the fast path and the term path make the same graph ------------------------------------------


def _term_quads(corpus) -> set[Quad]:
    return {q for part in build_graphs(corpus) for q in part.quads}


def _text_quads(corpus) -> set[Quad]:
    text = "".join(line for part in build_graphs(corpus, NQUADS_TERMS) for line in part.quads)
    return set(parse(text.encode("utf-8"), format=RdfFormat.N_QUADS))  # strict parse: every IRI validated


def _rdflib(quads: set[Quad]) -> Dataset:
    ds = Dataset()
    ds.parse(data="".join(f"{q} .\n" for q in quads), format="nquads")
    return ds


@pytest.mark.parametrize("which", ["handmade", "samples"])
def test_fast_path_and_term_path_give_the_same_graph(which, sample_corpus):
    corpus = handmade_corpus() if which == "handmade" else sample_corpus
    terms, text = _term_quads(corpus), _text_quads(corpus)
    assert len(text) > 100
    assert text == terms
    # per named graph, isomorphic for rdflib too
    a, b = _rdflib(terms), _rdflib(text)
    assert {g.identifier for g in a.graphs()} == {g.identifier for g in b.graphs()}
    for g in a.graphs():
        assert isomorphic(g, b.graph(g.identifier))


def test_fast_path_part_counts_equal_term_path(sample_corpus):
    fast = [(p.iri, p.source, p.measures, len(p.quads)) for p in build_graphs(sample_corpus, NQUADS_TERMS)]
    slow = [(p.iri, p.source, p.measures, len(p.quads)) for p in build_graphs(sample_corpus)]
    assert fast == slow


def test_bulk_load_stores_what_the_term_path_makes():
    corpus = handmade_corpus()
    store = Store()
    stats = load_corpus_into(store, corpus)
    documents = {q for q in store if q.graph_name.value in {iris.graph_iri(FQ), iris.graph_iri(LY)}}
    assert documents == _term_quads(corpus)
    assert stats.quads == len(store)


def test_bulk_load_in_several_batches(monkeypatch, sample_corpus):
    from policykg.graph.rdf import store as store_module

    monkeypatch.setattr(store_module, "_BULK_QUADS", 500)  # a batch ends after every document or two
    store = Store()
    stats = load_corpus_into(store, sample_corpus)
    assert stats.quads == len(store)
    assert corpus_from_store(store).rows == sorted(sample_corpus.rows, key=lambda r: (r.source, r.line))


# --- failures are all-or-nothing -------------------------------------------------------------------


def _broken(corpus):
    return dataclasses.replace(corpus, assignments={**corpus.assignments, (LY, "县资规局"): "350123/不存在的局"})


def test_a_failing_new_build_leaves_no_store(tmp_path):
    with pytest.raises(InputError, match="不存在的局"):
        build_store(_broken(handmade_corpus()), tmp_path / "kg")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_update_leaves_the_old_graph_whole():
    corpus = handmade_corpus()
    store = Store()
    write_graphs(store, corpus)
    before = {str(q) for q in store}
    good = build_document_graph(corpus, corpus.documents[0], [r for r in corpus.rows if r.source == FQ], NQUADS_TERMS)
    # the last line is not N-Quads: the update fails after DROP GRAPH was parsed, and nothing changes
    bad = GraphPart(good.iri, good.source, good.quads[:-1] + [good.quads[-1].replace(" .\n", " <x> .\n", 1)])
    with pytest.raises((SyntaxError, StoreError)):
        replace_graph(store, bad)
    assert {str(q) for q in store} == before
    broken_line = f'{escape_iri(iris.measure_iri(FQ, "1"))} <p> "x {escape_iri(good.iri)} .\n'
    broken_text = GraphPart(good.iri, good.source, good.quads + [broken_line])
    with pytest.raises(SyntaxError):
        replace_graph(store, broken_text)
    assert {str(q) for q in store} == before


def test_replacement_with_text_equals_replacement_with_terms():
    corpus = handmade_corpus()
    by_text, by_terms = Store(), Store()
    for part in build_graphs(corpus, NQUADS_TERMS):
        replace_graph(by_text, part)
    for part in build_graphs(corpus):
        replace_graph(by_terms, part)
    assert set(by_text) == set(by_terms)
    # replacing again with a changed row changes only that graph
    changed = dataclasses.replace(
        corpus, rows=[dataclasses.replace(r, measure="改") if r.source == LY else r for r in corpus.rows])
    fq = {q for q in by_text if q.graph_name == NamedNode(iris.graph_iri(FQ))}
    for part in build_graphs(changed, NQUADS_TERMS):
        if part.source == LY:
            replace_graph(by_text, part)
    assert {q for q in by_text if q.graph_name == NamedNode(iris.graph_iri(FQ))} == fq
    assert {r.measure for r in corpus_from_store(by_text).rows if r.source == LY} == {"改"}


def test_reader_is_a_binary_stream():
    # bulk_load reads the producer's text through io.RawIOBase.readinto
    from policykg.graph.rdf.store import _ChunkReader

    assert issubclass(_ChunkReader, io.RawIOBase)
