"""The store-wide pair counts (graph/rdf/summary.py) agree with the measures, through builds and replacements.

The counts are checked two ways: against the pairs counted from the document graphs' own role
triples (`counts_of_graph`, summed), and through the named queries, whose answer read from the
counts must equal the answer made from the measures (the same query on the same store without
the counts graph, which makes them).
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from pyoxigraph import NamedNode, Store

from policykg.graph import load_corpus_into, write_graphs
from policykg.graph.rdf import iris, summary
from policykg.graph.rdf.store import document_graphs
from policykg.loaders import load_corpus
from policykg.queries import run_named
from tests.support.expected_answers import EXPECTED
from tests.support.generated import generated_documents

SUMMARY = NamedNode(iris.SUMMARY_GRAPH)
PREFIX = iris.ID_BASE + "summary/"


def _stored_counts(store: Store) -> dict[str, Counter]:
    """The counts as the summary graph states them: kind → {(subject IRI, object IRI): n}."""
    out: dict[str, Counter] = {kind: Counter() for kind in summary._KINDS}
    for q in store.quads_for_pattern(None, None, None, SUMMARY):
        kind, _, n = q.predicate.value.removeprefix(PREFIX).partition("/")
        if q.predicate.value.startswith(PREFIX) and n.isdigit():
            out[kind][q.subject.value, q.object.value] = int(n)
    return out


def _counted_from_measures(store: Store, kinds=tuple(summary._KINDS)) -> dict[str, Counter]:
    """The same counts made from every document graph's lead / responsible triples and tallies."""
    out: dict[str, Counter] = {kind: Counter() for kind in kinds}
    for graph in document_graphs(store):
        counts = summary.counts_of_graph(store, graph)
        for kind in out:
            out[kind].update({(iris.agency_iri(a), summary._object_iri(kind, b)): n
                              for (a, b), n in counts.of(kind).items()})
    return out


def _histogram(store: Store) -> dict[str, Counter]:
    """How many pairs each count predicate says it links."""
    out: dict[str, Counter] = {kind: Counter() for kind in summary._KINDS}
    number = NamedNode(summary.PKG_IRI + "pairCount")
    for q in store.quads_for_pattern(None, number, None, SUMMARY):
        kind, _, n = q.subject.value.removeprefix(PREFIX).partition("/")
        out[kind][int(n)] = int(q.object.value)
    return out


def _stored_totals(store: Store) -> dict[str, tuple[int, ...]]:
    """Each agency's totals as the summary graph states them."""
    predicates = [NamedNode(summary.PKG_IRI + p) for p in ("leadTotal", "responsibleTotal", "measureTotal")]
    out = {}
    for q in store.quads_for_pattern(None, predicates[2], None, SUMMARY):
        out[q.subject.value] = tuple(int(next(iter(store.quads_for_pattern(q.subject, p, None, SUMMARY))).object.value)
                                     for p in predicates)
    return out


def _tallied_totals(store: Store) -> dict[str, tuple[int, ...]]:
    """The same totals added up from the tallies of every document graph."""
    out: dict[str, tuple[int, ...]] = {}
    for graph in document_graphs(store):
        for agency_id, numbers in summary.counts_of_graph(store, graph).totals.items():
            before = out.get(iris.agency_iri(agency_id), (0, 0, 0))
            out[iris.agency_iri(agency_id)] = tuple(b + n for b, n in zip(before, numbers))
    return out


def _assert_consistent(store: Store) -> None:
    stored = _stored_counts(store)
    assert stored == _counted_from_measures(store)
    assert _stored_totals(store) == _tallied_totals(store)
    total = NamedNode(summary.PKG_IRI + "indicatorMeasureTotal")
    stated = Counter({q.subject.value: int(q.object.value) for q in store.quads_for_pattern(None, total, None, SUMMARY)})
    counted: Counter = Counter()
    for graph in document_graphs(store):
        counted.update({iris.indicator_iri(i): n for i, n in summary.counts_of_graph(store, graph).indicator_measures.items()})
    assert stated == counted and sum(counted.values()) > 0
    # what the (agency, indicator) counts add up to: per indicator its kind-agency agencies, per agency its indicators
    kinds = {q.subject.value: q.object.value
             for q in store.quads_for_pattern(None, NamedNode(summary.PKG_IRI + "agencyKind"), None, SUMMARY)}
    expected: Counter = Counter()
    keys = _counted_from_measures(store, summary._INDICATOR_KINDS)  # (agency, indicator) → documents stating it
    for family, (on_indicator, on_agency) in summary._AGGREGATES.items():
        for (agency, indicator), _n in keys[family].items():
            if on_indicator is not None and kinds[agency] == "agency":
                expected[indicator, on_indicator] += 1
            if on_agency is not None:
                expected[agency, on_agency] += 1
    predicates = {p for pair in summary._AGGREGATES.values() for p in pair if p is not None}
    aggregates = Counter({(q.subject.value, q.predicate.value): int(q.object.value) for p in predicates
                          for q in store.quads_for_pattern(None, NamedNode(p), None, SUMMARY)})
    assert aggregates == expected and len(expected) > 10
    assert _histogram(store) == {kind: Counter(counter.values()) for kind, counter in stored.items()}
    assert summary.has_summary(store)


def _without_counts(store: Store) -> Store:
    """A copy of ``store`` without the counts graph: the named queries then count from the measures."""
    copy = Store()
    copy.extend(q for q in store if q.graph_name != SUMMARY)
    assert not summary.has_summary(copy)
    return copy


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    paths = generated_documents(tmp_path_factory.mktemp("generated"), docs=30, seed=11)
    return load_corpus(paths, workers=1)


def _store(corpus) -> Store:
    store = Store()
    load_corpus_into(store, corpus)
    return store


CASES = [
    ("dependencies", {}), ("dependencies", {"limit": "3"}), ("dependencies", {"limit": "10000"}),
    ("co_assignment_pairs", {}), ("co_assignment_pairs", {"min_shared": "1", "limit": "7"}),
    ("co_assignment_pairs", {"min_shared": "3", "limit": "10000"}), ("co_assignment_pairs", {"min_shared": "1"}),
    ("workload_per_agency", {}), ("workload_per_agency", {"sector": "市场监管"}),
    ("workload_per_agency", {"limit": "1"}), ("workload_per_agency", {"limit": "7"}),
    ("workload_per_agency", {"limit": "250"}), ("workload_per_agency", {"limit": "0"}),
    ("cross_cutting_ranking", {}), ("cross_cutting_ranking", {"limit": "0", "indicators": "printed"}),
    ("agencies_per_indicator", {}),
    ("sector_across_jurisdictions", {}), ("sector_across_jurisdictions", {"sector": "税务"}),
]


@pytest.mark.parametrize("which", ["samples", "generated"])
def test_counts_equal_the_measures_and_answers_equal_counting(which, sample_corpus, generated_corpus):
    corpus = sample_corpus if which == "samples" else generated_corpus
    store = _store(corpus)
    _assert_consistent(store)
    assert sum(_stored_counts(store)["arc"].values()) > 100
    counting = _without_counts(store)
    for name, params in CASES:
        read = run_named(store, name, params).rows
        assert read, (name, params)
        assert read == run_named(counting, name, params).rows, (name, params)
        assert read == EXPECTED[name](corpus, **params), (name, params)


def test_replacing_documents_keeps_the_counts_true(sample_corpus, generated_corpus):
    store = _store(generated_corpus)
    fresh = (_stored_counts(store), _histogram(store))
    first, second = generated_corpus.documents[0], generated_corpus.documents[1]
    # one document loses half its rows, another all but its first: counts fall, some pairs vanish
    kept = [r for r in generated_corpus.rows
            if (r.source != first.source or r.line % 2) and (r.source != second.source or r is _first_row(
                generated_corpus, second.source))]
    changed = dataclasses.replace(generated_corpus, rows=kept)
    write_graphs(store, _only(changed, first, second))
    _assert_consistent(store)
    assert (_stored_counts(store), _histogram(store)) != fresh
    for name, params in CASES:
        assert run_named(store, name, params).rows == EXPECTED[name](changed, **params), (name, params)
    # a new document from elsewhere (the samples) adds its pairs and agencies
    sample = sample_corpus.documents[0]
    sample_rows = [r for r in sample_corpus.rows if r.source == sample.source]
    write_graphs(store, dataclasses.replace(sample_corpus, documents=[sample], rows=sample_rows))
    _assert_consistent(store)
    # the documents as they were, and the sample emptied, give the counts of a fresh build again
    write_graphs(store, _only(generated_corpus, first, second))
    write_graphs(store, dataclasses.replace(sample_corpus, documents=[sample], rows=[]))
    _assert_consistent(store)
    assert (_stored_counts(store), _histogram(store)) == fresh


def _only(corpus, *documents):
    """``corpus`` with only ``documents`` and their rows: what a build of those files writes."""
    sources = {d.source for d in documents}
    return dataclasses.replace(corpus, documents=list(documents), rows=[r for r in corpus.rows if r.source in sources])


def _first_row(corpus, source):
    return next(r for r in corpus.rows if r.source == source)


def test_a_store_built_before_the_counts_is_answered_by_counting(generated_corpus):
    store = _without_counts(_store(generated_corpus))
    first = generated_corpus.documents[0]
    kept = [r for r in generated_corpus.rows if r.source != first.source or r.line % 3]
    changed = dataclasses.replace(generated_corpus, rows=kept)
    write_graphs(store, _only(changed, first))
    assert not summary.has_summary(store)  # nothing half-made
    for name, params in CASES:
        assert run_named(store, name, params).rows == EXPECTED[name](changed, **params), (name, params)


def test_the_default_answers_are_read_from_the_summary(sample_corpus):
    """A count changed in the summary graph alone changes the default answers (and no other): they
    are read from it, not counted again."""
    store = _store(sample_corpus)
    top = run_named(store, "workload_per_agency", {}).rows[0]
    agency = NamedNode(iris.agency_iri(top["agency"]))
    lead_total = NamedNode(summary.PKG_IRI + "leadTotal")
    old = next(iter(store.quads_for_pattern(agency, lead_total, None, SUMMARY)))
    store.remove(old)
    store.add(type(old)(agency, lead_total, type(old.object)("999", datatype=old.object.datatype), SUMMARY))
    assert run_named(store, "workload_per_agency", {}).rows[0]["lead_count"] == 999
    assert run_named(store, "workload_per_agency", {"sector": top["sector"] or "all"}).rows[0]["lead_count"] == 999
    pair = run_named(store, "dependencies", {}).rows[0]
    lead, partner = (NamedNode(iris.agency_iri(pair[k])) for k in ("lead", "partner"))
    arc = next(q for q in store.quads_for_pattern(lead, None, partner, SUMMARY) if "/summary/arc/" in q.predicate.value)
    store.remove(arc)
    assert pair not in run_named(store, "dependencies", {}).rows
    assert pair in run_named(store, "dependencies", {"limit": "0"}).rows  # counted from the measures


def test_a_summary_loaded_in_parts_is_the_same(sample_corpus, monkeypatch):
    """A big store's summary is loaded in parts of `_PART_LINES` lines; the graph is the same as in one."""
    whole = {q for q in _store(sample_corpus) if q.graph_name == SUMMARY}
    monkeypatch.setattr(summary, "_PART_LINES", 97)
    parts = list(summary.summary_parts(summary.counts_of_rows(sample_corpus, sample_corpus.rows)))
    assert len(parts) > 10 and [p.continued for p in parts[:2]] == [False, True]
    store = _store(sample_corpus)
    assert {q for q in store if q.graph_name == SUMMARY} == whole
    _assert_consistent(store)
