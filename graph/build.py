"""Rows → RDF quads: one named graph per source document (pure; no store is touched).

Each document graph is self-contained: the document's facts, its measures,
and the agencies, indicators, jurisdictions and sectors those measures refer
to. Replacing one document's graph therefore never removes facts another
document needs (an agency named in two documents is stated in both graphs;
RDF merges the identical triples). The ontology and the indicator scheme live
in two graphs of their own (`iris.ONTOLOGY_GRAPH`, `iris.VOCABULARY_GRAPH`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from policykg.errors import InputError
from policykg.graph import iris
from policykg.graph.mapping import (
    AGENCY_MAP,
    DOCUMENT_MAP,
    KIND_CLASSES,
    ROW_MAP,
    T,
    encode_fields,
)
from policykg.ontology import read_turtle
from policykg.records import Corpus, Document, Row

__all__ = ["GraphPart", "build_document_graph", "build_graphs", "vocabulary_graphs"]


@dataclass(slots=True)
class GraphPart:
    """The quads of one named graph, with the source document it comes from (None for vocabularies)."""

    iri: str
    source: str | None
    quads: list[Quad] = field(default_factory=list)
    measures: int = 0


class _Emitter:
    """Collects quads for one graph, stating each shared node (agency, indicator, …) once."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []
        self._seen: set[str] = set()

    def add(self, s: NamedNode, p: NamedNode, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def once(self, key: str) -> bool:
        """True the first time ``key`` is seen in this graph."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def jurisdiction(self, name: str | None) -> NamedNode | None:
        if name is None:
            return None
        j = NamedNode(iris.jurisdiction_iri(name))
        if self.once(j.value):
            self.add(j, T.type, T.Jurisdiction)
            self.add(j, T.pref_label, Literal(name, language="zh"))
        return j

    def indicator(self, name: str) -> NamedNode:
        i = NamedNode(iris.indicator_iri(name))
        if self.once(i.value):
            self.add(i, T.type, T.Indicator)
            self.add(i, T.type, T.concept)
            self.add(i, T.pref_label, Literal(name, language="zh"))
            self.add(i, T.in_scheme, T.indicator_scheme)
        return i

    def sector(self, name: str) -> None:
        s = NamedNode(iris.sector_iri(name))
        if self.once(s.value):
            self.add(s, T.type, T.Sector)
            self.add(s, T.type, T.concept)
            self.add(s, T.pref_label, Literal(name, language="zh"))
            self.add(s, T.in_scheme, T.sector_scheme)

    def agency(self, corpus: Corpus, agency_id: str) -> NamedNode:
        a = NamedNode(iris.agency_iri(agency_id))
        if not self.once(a.value):
            return a
        agency = corpus.agencies.get(agency_id)
        if agency is None:
            raise InputError(f"agency id {agency_id!r} is assigned in the corpus but not defined in Corpus.agencies")
        kind = KIND_CLASSES.get(agency.kind)
        if kind is None:
            raise InputError(f"agency {agency_id!r} has kind {agency.kind!r}; expected 'agency' or 'collective'")
        self.add(a, T.type, kind)
        for p, o in encode_fields(AGENCY_MAP, agency):
            self.add(a, p, o)
        j = self.jurisdiction(agency.jurisdiction)
        if j is not None and agency.parent is not None:
            self.parent(j, agency.parent)
        if agency.sector is not None:
            self.sector(agency.sector)
        return a

    def parent(self, j: NamedNode, parent_name: str) -> NamedNode:
        """State ``j``'s parent jurisdiction once in this graph (the first statement wins)."""
        p = self.jurisdiction(parent_name)
        if self.once(f"{j.value} parent"):
            self.add(j, T.parent_jurisdiction, p)
        return p


def build_document_graph(corpus: Corpus, document: Document, rows: list[Row]) -> GraphPart:
    """The quads of one document's named graph.

    Parameters
    ----------
    corpus
        Gives the agencies and the (source, surface name) → agency assignments.
    document
        The document's facts.
    rows
        The document's rows (``row.source == document.source``).

    Examples
    --------
    >>> from policykg.records import Corpus, Document, Row
    >>> doc = Document(source="a.txt", jurisdiction="福清市")
    >>> row = Row("a.txt", "1", "开办企业", "开办企业", None, "压缩开办时间", (), (), None, None, None, 5)
    >>> part = build_document_graph(Corpus([doc], [row]), doc, [row])
    >>> part.iri.endswith("/graph/a.txt"), part.measures
    (True, 1)
    """
    source = document.source
    em = _Emitter(NamedNode(iris.graph_iri(source)))
    add = em.add
    d = NamedNode(iris.document_iri(source))

    # --- document facts (DOCUMENT_MAP) and the jurisdiction chain it states --------------
    add(d, T.type, T.PlanDocument)
    for p, o in encode_fields(DOCUMENT_MAP, document):
        add(d, p, o)
    j = em.jurisdiction(document.jurisdiction)
    em.jurisdiction(document.province)
    if j is not None:
        if document.adcode:
            add(j, T.adcode, Literal(document.adcode))
        # Hierarchy edges (福清市 ⊂ 福州市 ⊂ 福建省): the document's own facts come first, so
        # they win over an agency's; within one graph a jurisdiction has at most one parent.
        if document.parent is not None:
            parent = em.parent(j, document.parent)
            if document.province is not None and document.province != document.parent:
                em.parent(parent, document.province)
    if document.plan_year is not None:
        _year(em, d, document.plan_year)

    # --- agencies written in this document (pkg:writtenAs keeps the assignment) ----------
    for (src, name), agency_id in corpus.assignments.items():
        if src == source:
            add(em.agency(corpus, agency_id), T.written_as, Literal(name))

    # --- measures (ROW_MAP) ---------------------------------------------------------------
    for row in rows:
        m = NamedNode(iris.measure_iri(source, row.line))
        add(m, T.type, T.Measure)
        add(m, T.identifier, Literal(iris.measure_id(source, row.line)))
        add(m, T.document, d)
        for p, o in encode_fields(ROW_MAP, row):
            add(m, p, o)
        if row.indicator is not None:
            em.indicator(row.indicator)
        for agency_id in corpus.lead_ids(row):
            add(m, T.lead_unit, em.agency(corpus, agency_id))
        for agency_id in corpus.responsible_ids(row):
            add(m, T.responsible_unit, em.agency(corpus, agency_id))
    return GraphPart(em.graph.value, source, em.quads, len(rows))


def _year(em: _Emitter, d: NamedNode, year: int) -> None:
    """The plan year as an OWL-Time proper interval from 1 January to 31 December."""
    y = NamedNode(iris.year_iri(year))
    em.add(d, T.temporal, y)
    if em.once(y.value):
        em.add(y, T.type, T.proper_interval)
        em.add(y, T.pref_label, Literal(f"{year}年", language="zh"))
        for edge, suffix, date in ((T.has_beginning, "begin", f"{year}-01-01"), (T.has_end, "end", f"{year}-12-31")):
            instant = NamedNode(f"{y.value}/{suffix}")
            em.add(y, edge, instant)
            em.add(instant, T.type, T.instant)
            em.add(instant, T.in_xsd_date, Literal(date, datatype=T.xsd_date))


def build_graphs(corpus: Corpus) -> Iterator[GraphPart]:
    """One `GraphPart` per source document, in the order of ``corpus.documents``.

    Rows whose source has no `Document` get a document with only its file name.
    """
    by_source: dict[str, list[Row]] = {}
    for row in corpus.rows:
        by_source.setdefault(row.source, []).append(row)
    documents = list(corpus.documents)
    known = {doc.source for doc in documents}
    documents += [Document(source=s) for s in by_source if s not in known]
    for doc in documents:
        yield build_document_graph(corpus, doc, by_source.get(doc.source, []))


def vocabulary_graphs() -> list[GraphPart]:
    """The ontology and the indicator scheme, each in its own named graph."""
    out = []
    for which, graph in (("ontology", iris.ONTOLOGY_GRAPH), ("indicators", iris.VOCABULARY_GRAPH)):
        g = NamedNode(graph)
        quads = [Quad(t.subject, t.predicate, t.object, g) for t in parse(read_turtle(which), format=RdfFormat.TURTLE)]
        out.append(GraphPart(graph, None, quads))
    return out
