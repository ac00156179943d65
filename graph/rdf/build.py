"""Rows → RDF quads: one named graph per source document (pure; no store is touched).

Each document graph is self-contained: the document's facts, its measures,
and the agencies, indicators, jurisdictions and sectors those measures refer
to, and what decided an inferred indicator (the classifier's activity and model,
or a planners' corrections table). Replacing one document's graph therefore never removes facts another
document needs (an agency named in two documents is stated in both graphs;
RDF merges the identical triples). The ontology and the indicator scheme live
in two graphs of their own (`iris.ONTOLOGY_GRAPH`, `iris.VOCABULARY_GRAPH`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace
from typing import Any, cast

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from policykg.errors import InputError
from policykg.graph.rdf import iris
from policykg.graph.rdf.mapping import (
    AGENCY_MAP,
    DOCUMENT_MAP,
    INFERENCE_MAP,
    KIND_CLASSES,
    OXIGRAPH_TERMS,
    ROW_MAP,
    T,
    Terms,
    compile_table,
    inferred_by_link,
)
from policykg.identities import jurisdiction_key, measure_keys
from policykg.indicator_counting import DEFAULT_THRESHOLD, counted_indicator
from policykg.ontology import read_turtle
from policykg.records import Corpus, Document, Row

__all__ = ["GraphPart", "DocumentGraph", "build_document_graph", "build_graphs", "vocabulary_graphs"]


@dataclass(slots=True)
class GraphPart:
    """The quads of one named graph, with the source document it comes from (None for vocabularies).

    ``quads`` are what the term factory made: pyoxigraph `Quad` objects by default,
    N-Quads lines with `policykg.graph.rdf.nquads.NQUADS_TERMS`.
    """

    iri: str
    source: str | None
    quads: list[Any] = field(default_factory=list)
    measures: int = 0
    continued: bool = False  # more quads of a graph an earlier part began (`DocumentGraph.finish`)


@cache
def _vocabulary(terms: Terms) -> SimpleNamespace:
    """Every term of `T`, made once by ``terms`` (the builder states them millions of times)."""
    return SimpleNamespace(**{k: terms.iri(v.value) for k, v in vars(T).items() if isinstance(v, NamedNode)})


class _Emitter:
    """Collects quads for one graph, stating each shared node (agency, indicator, …) once."""

    def __init__(self, graph_iri: str, terms: Terms) -> None:
        self.terms = terms
        self.v = _vocabulary(terms)
        self.graph = terms.iri(graph_iri)
        self.quads: list[Any] = []
        self._nodes: dict[str, Any] = {}  # key → node term, for nodes already stated in this graph
        self._seen: set[str] = set()
        self.refs: dict[str, Any] = {}  # agency id → its IRI term, described in this graph or not (yet)

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.quads.append(self.terms.quad(s, p, o, self.graph))

    def once(self, key: str) -> bool:
        """True the first time ``key`` is seen in this graph."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def jurisdiction(self, name: str | None, adcode: str | None = None, parent: str | None = None) -> Any:
        """The place's IRI term, keyed by its code (`policykg.identities.jurisdiction_key`), stated once."""
        if name is None:
            return None
        key = iris.jurisdiction_iri(jurisdiction_key(name, adcode, parent))
        j = self._nodes.get(key)
        if j is None:
            v = self.v
            j = self._nodes[key] = self.terms.iri(key)
            self.add(j, v.type, v.Jurisdiction)
            self.add(j, v.pref_label, self.terms.lang_literal(name, "zh"))
            if adcode:
                self.add(j, v.adcode, self.terms.literal(adcode))
        return j

    def indicator(self, name: str) -> None:
        self._concept(iris.indicator_iri(name), self.v.Indicator, name, self.v.indicator_scheme)

    def sector(self, name: str) -> None:
        self._concept(iris.sector_iri(name), self.v.Sector, name, self.v.sector_scheme)

    def _concept(self, key: str, cls: Any, name: str, scheme: Any) -> None:
        """A SKOS concept of one of the project's schemes (indicators, sectors), written once per graph."""
        if key not in self._nodes:
            v = self.v
            node = self._nodes[key] = self.terms.iri(key)
            self.add(node, v.type, cls)
            self.add(node, v.type, v.concept)
            self.add(node, v.pref_label, self.terms.lang_literal(name, "zh"))
            self.add(node, v.in_scheme, scheme)

    def inference(self, measure: Any, measure_iri: str, row: Row) -> None:
        """How the row's indicator was inferred: its node (INFERENCE_MAP), and what decided, stated once per graph."""
        v, terms, add = self.v, self.terms, self.add
        node = terms.iri(iris.inference_iri(measure_iri))
        add(measure, v.qualified_inferred_indicator, node)
        add(node, v.type, v.IndicatorInference)
        for fill in compile_table(INFERENCE_MAP, terms):
            for p, o in fill(row):
                add(node, p, o)
        predicate, source = inferred_by_link(cast(str, row.indicator_inferred_by))
        origin = terms.iri(source)
        add(node, terms.iri(predicate.value), origin)
        if self.once(source):
            by = cast(str, row.indicator_inferred_by)
            if predicate == T.was_attributed_to:
                add(origin, v.type, v.IndicatorReview)
                add(origin, v.identifier, terms.literal(by.partition(":")[2]))
            else:
                model = terms.iri(iris.model_iri(by))
                add(origin, v.type, v.IndicatorClassification)
                add(origin, v.identifier, terms.literal(by))
                add(origin, v.used, model)
                add(model, v.type, v.IndicatorModel)
                add(model, v.identifier, terms.literal(by))

    def agency_ref(self, agency_id: str) -> Any:
        """The agency's IRI term (its description is written by `agency`)."""
        a = self.refs.get(agency_id)
        if a is None:
            a = self.refs[agency_id] = self.terms.iri(iris.agency_iri(agency_id))
        return a

    def agency(self, corpus: Corpus, agency_id: str) -> Any:
        """The agency's IRI term, its description written the first time in this graph."""
        a = self._nodes.get(agency_id)
        if a is not None:
            return a
        agency = corpus.agencies.get(agency_id)
        if agency is None:
            raise InputError("graph_agency_undefined", agency=agency_id)
        kind = KIND_CLASSES.get(agency.kind)
        if kind is None:
            raise InputError("graph_agency_kind", agency=agency_id, kind=agency.kind)
        a = self._nodes[agency_id] = self.agency_ref(agency_id)
        self.add(a, self.v.type, self.terms.iri(kind.value))
        for fill in compile_table(AGENCY_MAP, self.terms):
            for p, o in fill(agency):
                self.add(a, p, o)
        j = self.jurisdiction(agency.jurisdiction, agency.adcode, agency.parent)
        if j is not None:
            self.add(a, self.v.jurisdiction, j)
            if agency.parent is not None:
                self.parent(j, agency.parent, agency.parent_adcode)
        if agency.sector is not None:
            self.sector(agency.sector)
        return a

    def parent(self, j: Any, parent_name: str, parent_adcode: str | None) -> Any:
        """State ``j``'s parent jurisdiction once in this graph (the first statement wins; never itself).

        A place named as a parent is keyed without its own parent (which the
        record naming it does not give): by its code, else its name.
        """
        p = self.jurisdiction(parent_name, parent_adcode)
        if p != j and self.once(f"{j} parent"):
            self.add(j, self.v.parent_jurisdiction, p)
        return p


def build_document_graph(
    corpus: Corpus,
    document: Document,
    rows: list[Row],
    terms: Terms = OXIGRAPH_TERMS,
    assignments: list[tuple[str, str]] | None = None,
) -> GraphPart:
    """The quads of one document's named graph.

    Parameters
    ----------
    corpus
        Gives the agencies and the (source, surface name) → agency assignments.
    document
        The document's facts.
    rows
        The document's rows (``row.source == document.source``).
    terms
        The term factory: pyoxigraph objects (default) or N-Quads text
        (`policykg.graph.rdf.nquads.NQUADS_TERMS`); the same statements either way.
    assignments
        The document's ``(surface name, agency id)`` pairs of ``corpus.assignments``,
        if the caller has them grouped by source already (`build_graphs` does).

    Examples
    --------
    >>> from policykg.records import Corpus, Document, Row
    >>> doc = Document(source="a.txt", jurisdiction="福清市")
    >>> row = Row("a.txt", "1", "开办企业", "开办企业", None, "压缩开办时间", (), (), None, None, None, 5)
    >>> part = build_document_graph(Corpus([doc], [row]), doc, [row])
    >>> part.iri.endswith("/graph/a.txt"), part.measures
    (True, 1)
    """
    body = DocumentGraph(corpus, document, rows, terms)
    rest = body.finish(corpus, assignments)
    body.part.quads.extend(rest.quads)
    return body.part


class DocumentGraph:
    """One document's named graph in two steps, for a corpus whose agencies are not settled yet.

    The constructor writes the document's facts and its measures, which need
    only the agency *ids* of ``corpus.assignments`` (final once the document is
    added to a `policykg.loaders.agencies.CorpusBuilder`). `finish` writes the
    rest — the agencies the document names, described from ``corpus.agencies``
    — once the corpus is whole. The two parts together are exactly what
    `build_document_graph` makes (the graph is a set: order does not matter).
    """

    def __init__(self, corpus: Corpus, document: Document, rows: list[Row], terms: Terms = OXIGRAPH_TERMS) -> None:
        source = document.source
        self.source = source
        self._em = em = _Emitter(iris.graph_iri(source), terms)
        d = _document_facts(em, document)
        _measures(em, corpus, source, d, rows)
        self.part = GraphPart(iris.graph_iri(source), source, em.quads, len(rows))
        em.quads = []  # the part owns its quads (a loader may drop them); the emitter keeps only what it stated

    def finish(self, corpus: Corpus, assignments: list[tuple[str, str]] | None = None) -> GraphPart:
        """The agencies' quads of this graph, as a part of its own (``measures`` 0).

        ``assignments`` are the document's ``(surface name, agency id)`` pairs
        (default: read from ``corpus.assignments``).
        """
        em = self._em
        em.quads = []
        if assignments is None:
            assignments = [(name, a) for (src, name), a in corpus.assignments.items() if src == self.source]
        v, terms = em.v, em.terms
        for name, agency_id in assignments:
            em.add(em.agency(corpus, agency_id), v.written_as, terms.literal(name))
        for agency_id in list(em.refs):  # an id a measure names without an assignment (not made by the loaders)
            em.agency(corpus, agency_id)
        return GraphPart(self.part.iri, self.source, em.quads, 0, continued=True)


def _document_facts(em: _Emitter, document: Document) -> Any:
    """The document node, its facts (DOCUMENT_MAP) and the jurisdiction chain it states."""
    terms, v, add = em.terms, em.v, em.add
    d = terms.iri(iris.document_iri(document.source))
    add(d, v.type, v.PlanDocument)
    for fill in compile_table(DOCUMENT_MAP, terms):
        for p, o in fill(document):
            add(d, p, o)
    j = em.jurisdiction(document.jurisdiction, document.adcode, document.parent)
    if j is not None:
        add(d, v.jurisdiction, j)
    province = em.jurisdiction(document.province, document.province_adcode)
    if province is not None:
        add(d, v.province, province)
    if j is not None:
        # Hierarchy edges (福清市 ⊂ 福州市 ⊂ 福建省): the document's own facts come first, so
        # they win over an agency's; within one graph a jurisdiction has at most one parent.
        if document.parent is not None:
            parent = em.parent(j, document.parent, document.parent_adcode)
            if document.province is not None:
                em.parent(parent, document.province, document.province_adcode)
    if document.plan_year is not None:
        _year(em, d, document.plan_year)
    return d


def _measures(em: _Emitter, corpus: Corpus, source: str, d: Any, rows: list[Row]) -> None:
    """The measures (ROW_MAP), their indicators, their lead / responsible agencies by IRI, and each
    agency's tally of them (`_tallies`)."""
    # The hot loop (millions of quads at scale): local names instead of em.add.
    terms, v = em.terms, em.v
    fills = compile_table(ROW_MAP, terms)
    quad, g, append = terms.quad, em.graph, em.quads.append
    refs, ref = em.refs, em.agency_ref
    tallies: dict[str, _Tally] = {}
    for row, key in zip(rows, measure_keys(rows)):
        m_iri = iris.measure_iri(source, key)
        m = terms.iri(m_iri)
        append(quad(m, v.type, v.Measure, g))
        append(quad(m, v.identifier, terms.literal(iris.measure_id(source, key)), g))
        append(quad(m, v.document, d, g))
        for fill in fills:
            for p, o in fill(row):
                append(quad(m, p, o, g))
        if row.indicator is not None:
            em.indicator(row.indicator)
        if row.indicator_inferred is not None:  # no indicator printed: the inferred one, apart
            em.indicator(row.indicator_inferred)
        if row.indicator_inferred_by is not None:
            em.inference(m, m_iri, row)
        lead_ids, responsible_ids = corpus.lead_ids(row), corpus.responsible_ids(row)
        for agency_id in lead_ids:
            append(quad(m, v.lead_unit, refs.get(agency_id) or ref(agency_id), g))
        for agency_id in responsible_ids:
            append(quad(m, v.responsible_unit, refs.get(agency_id) or ref(agency_id), g))
        counted = counted_indicator(row, DEFAULT_THRESHOLD)
        for agency_id in lead_ids:
            (tallies.get(agency_id) or tallies.setdefault(agency_id, _Tally())).lead(key, row.indicator, counted)
        for agency_id in responsible_ids:
            (tallies.get(agency_id) or tallies.setdefault(agency_id, _Tally())).responsible(key, row.indicator,
                                                                                            counted)
        for name in row.leaders:  # persons are people linked to the measure, never agencies
            person_key = iris.person_iri(source, name)
            person = terms.iri(person_key)
            append(quad(m, v.leader, person, g))
            if em.once(person_key):
                em.add(person, v.type, v.Person)
                em.add(person, v.foaf_name, terms.literal(name))
    _tallies(em, source, tallies)


class _Tally:
    """One agency's measures (by their key within the document) and their indicators within one document:
    as printed, and as counted with inference on (`policykg.indicator_counting.counted_indicator`)."""

    __slots__ = ("lead_keys", "responsible_keys", "lead_indicators", "responsible_indicators",
                 "lead_counted", "responsible_counted")

    def __init__(self) -> None:
        self.lead_keys: set[str] = set()
        self.responsible_keys: set[str] = set()
        # insertion-ordered sets: the same quads in the same order in every run
        self.lead_indicators: dict[str, None] = {}
        self.responsible_indicators: dict[str, None] = {}
        self.lead_counted: dict[str, None] = {}
        self.responsible_counted: dict[str, None] = {}

    def lead(self, key: str, indicator: str | None, counted: str | None) -> None:
        self.lead_keys.add(key)
        if indicator is not None:
            self.lead_indicators[indicator] = None
        if counted is not None:
            self.lead_counted[counted] = None

    def responsible(self, key: str, indicator: str | None, counted: str | None) -> None:
        self.responsible_keys.add(key)
        if indicator is not None:
            self.responsible_indicators[indicator] = None
        if counted is not None:
            self.responsible_counted[counted] = None


def _tallies(em: _Emitter, source: str, tallies: dict[str, _Tally]) -> None:
    """Each agency's tally of this document (the subject of ``pkg:tallyOf``): its lead, responsible
    and involved measure counts and the indicators of those measures.

    The counts repeat what the measures say, summed where the document is written, so that the
    named queries add up ≈ 37k tallies at 150k rows instead of counting 450k role triples; being
    in the document's own graph, they are replaced with it and cannot go stale. A measure belongs to
    one document, so the counts of different documents add up. Each indicator is
    stated once: ``pkg:leadIndicator`` when the agency leads a measure of it, else
    ``pkg:responsibleIndicator`` (both are ``pkg:tallyIndicator``, which is not stated itself).
    The indicators the measures count under with inference on (printed, else inferred at
    `DEFAULT_THRESHOLD`) are stated the same way, apart (``pkg:leadCountedIndicator``, else
    ``pkg:responsibleCountedIndicator``), so that a query sums either basis from the tallies.
    The tally has no ``rdf:type`` quad (``pkg:tallyOf`` marks it): at 150k rows each quad a tally
    carries costs 37k quads of build time.
    """
    terms, v, add = em.terms, em.v, em.add
    integer = T.xsd_integer.value
    prefix = iris.tally_iri(source, "")
    for agency_id, tally in tallies.items():
        t = terms.iri(prefix + iris.encode_key(agency_id))
        add(t, v.tally_of, em.refs[agency_id])
        add(t, v.lead_count, terms.typed_literal(str(len(tally.lead_keys)), integer))
        add(t, v.responsible_count, terms.typed_literal(str(len(tally.responsible_keys)), integer))
        add(t, v.measure_count, terms.typed_literal(str(len(tally.lead_keys | tally.responsible_keys)), integer))
        _indicator_sets(em, t, tally.lead_indicators, tally.responsible_indicators,
                        v.lead_indicator, v.responsible_indicator)
        _indicator_sets(em, t, tally.lead_counted, tally.responsible_counted,
                        v.lead_counted_indicator, v.responsible_counted_indicator)


def _indicator_sets(em: _Emitter, tally: Any, lead: dict[str, None], responsible: dict[str, None],
                    lead_predicate: Any, responsible_predicate: Any) -> None:
    """Each indicator once: with ``lead_predicate`` when the agency leads a measure of it, else the other."""
    terms, add = em.terms, em.add
    for name in lead:
        add(tally, lead_predicate, terms.iri(iris.indicator_iri(name)))
    for name in responsible:
        if name not in lead:
            add(tally, responsible_predicate, terms.iri(iris.indicator_iri(name)))


def _year(em: _Emitter, d: Any, year: int) -> None:
    """The plan year as an OWL-Time proper interval from 1 January to 31 December."""
    t, v = em.terms, em.v
    key = iris.year_iri(year)
    y = t.iri(key)
    em.add(d, v.temporal, y)
    if em.once(key):
        em.add(y, v.type, v.proper_interval)
        em.add(y, v.pref_label, t.lang_literal(f"{year}年", "zh"))
        for edge, suffix, date in ((v.has_beginning, "begin", f"{year}-01-01"), (v.has_end, "end", f"{year}-12-31")):
            instant = t.iri(f"{key}/{suffix}")
            em.add(y, edge, instant)
            em.add(instant, v.type, v.instant)
            em.add(instant, v.in_xsd_date, t.typed_literal(date, T.xsd_date.value))


def build_graphs(corpus: Corpus, terms: Terms = OXIGRAPH_TERMS) -> Iterator[GraphPart]:
    """One `GraphPart` per source document, in the order of ``corpus.documents``.

    Rows whose source has no `Document` get a document with only its file name.
    ``terms`` is the term factory (see `build_document_graph`).
    """
    by_source: dict[str, list[Row]] = {}
    for row in corpus.rows:
        by_source.setdefault(row.source, []).append(row)
    assigned: dict[str, list[tuple[str, str]]] = {}
    for (src, name), agency_id in corpus.assignments.items():
        assigned.setdefault(src, []).append((name, agency_id))
    documents = list(corpus.documents)
    known = {doc.source for doc in documents}
    documents += [Document(source=s) for s in by_source if s not in known]
    for doc in documents:
        yield build_document_graph(corpus, doc, by_source.get(doc.source, []), terms, assigned.get(doc.source, []))


def vocabulary_graphs() -> list[GraphPart]:
    """The ontology and the indicator scheme, each in its own named graph."""
    out = []
    for which, graph in (("ontology", iris.ONTOLOGY_GRAPH), ("indicators", iris.VOCABULARY_GRAPH)):
        g = NamedNode(graph)
        quads = [Quad(t.subject, t.predicate, t.object, g) for t in parse(read_turtle(which), format=RdfFormat.TURTLE)]
        out.append(GraphPart(graph, None, quads))
    return out
