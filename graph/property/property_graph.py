"""The property-graph model of a Corpus: labelled nodes and typed relationships, as plain data.

This is the same knowledge as the RDF graph, shaped for Neo4j / FalkorDB
(drawn in docs/cypher.md)::

    (:Agency)-[:LEADS]->(:Measure)            (:Measure)-[:ADDRESSES]->(:Indicator)
    (:Agency)-[:RESPONSIBLE_FOR]->(:Measure)  (:Measure)-[:INFERRED {confidence, by}]->(:Indicator)
    (:Agency)-[:IN]->(:Jurisdiction)          (:Measure)-[:FROM]->(:Document)
    (:Agency)-[:IN_SECTOR]->(:Sector)         (:Document)-[:IN]->(:Jurisdiction)
                                              (:Jurisdiction)-[:PART_OF]->(:Jurisdiction)

``ADDRESSES`` is the indicator a document prints; ``INFERRED`` the one inferred (or corrected
by a planner) where it prints none, a relationship of its own so that a query that matches
``ADDRESSES`` counts printed indicators only, as the RDF graph's ``pkg:addressesIndicator``
does, and ``-[r:ADDRESSES|INFERRED]->`` with ``r.confidence`` counts both. The measure keeps
``indicator_confidence``, ``indicator_evidence`` and ``indicator_inferred_by`` also when the
answer is "serves none of the 18" (no ``INFERRED`` then).

A place (``:Jurisdiction``) is keyed by its division code (``id``), so two
places of one name stay two nodes (`policykg.identities.jurisdiction_key`).

A collective (Agency.kind "collective", e.g. 各有关单位) is an ``:Agency`` node
that also carries the label ``:Collective``, so every unit is found through one
key (``Agency.id``) and "kind agency only" is ``NOT a:Collective``.

Pure: no driver, no I/O. `document_batches` gives one self-contained payload per
document (what `policykg.graph.property.neo4j_push` writes in one statement);
`build_property_graph` gives every node and relationship once (what
`policykg.graph.property.neo4j_export` writes as CSV). Deadlines are ISO strings, not
Cypher dates: FalkorDB's Bolt server aborts when it has to return a date value
(docs/cypher.md), and ISO strings order the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from policykg import identities
from policykg.identities import jurisdiction_key, measure_keys
from policykg.records import Agency, Corpus, Document, Row

__all__ = [
    "NODE_KEYS",
    "RELATIONSHIPS",
    "MEASURE_PROPERTIES",
    "RELATIONSHIP_PROPERTIES",
    "AGENCY_PROPERTIES",
    "DOCUMENT_PROPERTIES",
    "DocumentBatch",
    "PropertyGraph",
    "deadline_parts",
    "measure_properties",
    "agency_properties",
    "document_properties",
    "place_links",
    "document_batches",
    "build_property_graph",
]

# label → the property that identifies a node of that label (uniqueness constraint / index).
NODE_KEYS: dict[str, str] = {
    "Measure": "id",
    "Agency": "id",
    "Indicator": "name",
    "Jurisdiction": "id",
    "Document": "source",
    "Sector": "name",
}

# type → (start label, end label)
RELATIONSHIPS: dict[str, tuple[str, str]] = {
    "LEADS": ("Agency", "Measure"),
    "RESPONSIBLE_FOR": ("Agency", "Measure"),
    "ADDRESSES": ("Measure", "Indicator"),
    "INFERRED": ("Measure", "Indicator"),
    "FROM": ("Measure", "Document"),
    "IN": ("Agency", "Jurisdiction"),  # also (:Document)-[:IN]->(:Jurisdiction), see DOCUMENT_IN
    "PART_OF": ("Jurisdiction", "Jurisdiction"),
    "IN_SECTOR": ("Agency", "Sector"),
}

# Property name → Python type, in column order (the CSV export declares these types).
MEASURE_PROPERTIES: dict[str, str] = {
    "id": "string", "source": "string", "line": "int", "seq": "string", "text": "string",
    "item": "string", "indicator_raw": "string", "deadline_date": "string", "deadline_kind": "string",
    "deadline_raw": "string", "remark": "string", "warnings": "string[]", "leaders": "string[]",
    "indicator_confidence": "double", "indicator_evidence": "string[]", "indicator_inferred_by": "string",
}
# Relationship type → its property names and types (types not listed have none).
RELATIONSHIP_PROPERTIES: dict[str, dict[str, str]] = {
    "INFERRED": {"confidence": "double", "by": "string"},
}
AGENCY_PROPERTIES: dict[str, str] = {
    "id": "string", "name": "string", "kind": "string", "jurisdiction": "string", "sector": "string",
    "parent": "string", "surface_names": "string[]", "aliases": "string[]",
}
DOCUMENT_PROPERTIES: dict[str, str] = {
    "source": "string", "title": "string", "issuer": "string", "doc_number": "string",
    "issue_date": "string", "plan_year": "int", "jurisdiction": "string", "parent": "string",
    "province": "string", "adcode": "string", "responsible_all": "string[]", "layout": "string",
    "notice_title": "string",
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def deadline_parts(deadline: str | None) -> tuple[str | None, str | None]:
    """``(deadline_date, deadline_kind)`` of a row's deadline.

    Examples
    --------
    >>> deadline_parts("2020-06-30")
    ('2020-06-30', 'date')
    >>> deadline_parts("ongoing")
    (None, 'ongoing')
    >>> deadline_parts(None)
    (None, None)
    """
    if deadline is None:
        return None, None
    if _ISO_DATE.match(deadline):
        return deadline, "date"
    if deadline in ("ongoing", "conditional"):
        return None, deadline
    return None, None


def measure_properties(row: Row, measure_id: str) -> dict[str, Any]:
    """The ``:Measure`` node's properties (None values are simply not stored).

    ``measure_id`` is the row's id, `policykg.identities.measure_ids` (it depends on the document's other rows).
    """
    date, kind = deadline_parts(row.deadline)
    return {
        "id": measure_id, "source": row.source, "line": row.line, "seq": row.seq, "text": row.measure,
        "item": row.item, "indicator_raw": row.indicator_raw, "deadline_date": date, "deadline_kind": kind,
        "deadline_raw": row.deadline_raw, "remark": row.remark, "warnings": list(row.warnings),
        "leaders": list(row.leaders),
        "indicator_confidence": row.indicator_confidence, "indicator_evidence": list(row.indicator_evidence),
        "indicator_inferred_by": row.indicator_inferred_by,
    }


def agency_properties(agency: Agency) -> dict[str, Any]:
    """The ``:Agency`` node's properties."""
    return {
        "id": agency.id, "name": agency.name, "kind": agency.kind, "jurisdiction": agency.jurisdiction,
        "sector": agency.sector, "parent": agency.parent, "surface_names": list(agency.surface_names),
        "aliases": list(agency.aliases),
    }


def document_properties(doc: Document) -> dict[str, Any]:
    """The ``:Document`` node's properties (the long ``context`` text stays in the RDF graph)."""
    return {
        "source": doc.source, "title": doc.title, "issuer": doc.issuer, "doc_number": doc.doc_number,
        "issue_date": doc.issue_date, "plan_year": doc.plan_year, "jurisdiction": doc.jurisdiction,
        "parent": doc.parent, "province": doc.province, "adcode": doc.adcode,
        "responsible_all": list(doc.responsible_all), "layout": doc.layout, "notice_title": doc.notice_title,
    }


def place_links(doc: Document | None, agencies: list[Agency]) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """The places a document and its agencies name, and their ``(part, whole)`` pairs, by place key.

    Places are keyed as in the RDF graph (`policykg.identities.jurisdiction_key`:
    the division code, else parent·name; a place named as a parent by its code,
    else its name), so 鼓楼区 of 福州 and of 南京 are two nodes. Returns
    ``{key: {"id", "name", "adcode"}}`` and the pairs document place → parent →
    province, agency place → parent; a place is never part of itself (泉州市's
    parent and province may both be 福建省).
    """
    places: dict[str, dict[str, Any]] = {}
    links: list[tuple[str, str]] = []

    def place(name: str | None, adcode: str | None, parent: str | None = None) -> str | None:
        if not name:
            return None
        key = jurisdiction_key(name, adcode, parent)
        places.setdefault(key, {"id": key, "name": name, "adcode": adcode})
        return key

    chains: list[list[str | None]] = []
    if doc is not None:
        chains.append([place(doc.jurisdiction, doc.adcode, doc.parent), place(doc.parent, doc.parent_adcode),
                       place(doc.province, doc.province_adcode)])
    for a in agencies:
        chains.append([place(a.jurisdiction, a.adcode, a.parent), place(a.parent, a.parent_adcode)])
    for chain in chains:
        keys = [k for k in chain if k]
        for part, whole in zip(keys, keys[1:]):
            if part != whole and (part, whole) not in links:
                links.append((part, whole))
    return places, links


@dataclass(slots=True)
class DocumentBatch:
    """Everything one document contributes, as the parameters of one write statement.

    ``measures`` items: ``{"id", "props", "indicators": [name], "inferred": [name], "leads": [agency id],
    "responsible": [agency id]}`` (``indicators`` and ``inferred`` have zero or one element; the
    ``INFERRED`` relationship's properties are the measure's ``indicator_confidence`` and
    ``indicator_inferred_by``).
    ``agencies`` items: ``{"id", "props", "collective": bool, "jurisdictions": [place key], "sectors": [name]}``.
    ``places``: ``{"id", "name", "adcode"}`` (``id`` the place key); ``part_of``: ``{"part", "whole"}`` keys;
    ``jurisdictions``: the document's place key.
    """

    source: str
    document: dict[str, Any]
    jurisdictions: list[str]
    places: list[dict[str, Any]]
    part_of: list[dict[str, str]]
    agencies: list[dict[str, Any]]
    measures: list[dict[str, Any]]

    def parameters(self) -> dict[str, Any]:
        return {"source": self.source, "document": self.document, "jurisdictions": self.jurisdictions,
                "places": self.places, "part_of": self.part_of, "agencies": self.agencies,
                "measures": self.measures}


def _agency_entry(agency: Agency) -> dict[str, Any]:
    return {
        "id": agency.id,
        "props": agency_properties(agency),
        "collective": agency.kind == "collective",
        "jurisdictions": ([jurisdiction_key(agency.jurisdiction, agency.adcode, agency.parent)]
                          if agency.jurisdiction else []),
        "sectors": [agency.sector] if agency.sector else [],
    }


def document_batches(corpus: Corpus) -> Iterator[DocumentBatch]:
    """One `DocumentBatch` per document of the corpus, in corpus order.

    A document named only by rows (no `Document` record) still gets a node.
    Agencies are repeated in every document that uses them; MERGE makes that
    harmless and keeps each document's write self-contained.
    """
    rows_by_source: dict[str, list[Row]] = {}
    for row in corpus.rows:
        rows_by_source.setdefault(row.source, []).append(row)
    sources = [d.source for d in corpus.documents]
    sources += [s for s in rows_by_source if s not in sources]
    for source in sources:
        doc = corpus.document(source)
        rows = rows_by_source.get(source, [])
        used: dict[str, Agency] = {}
        measures = []
        for row, key in zip(rows, measure_keys(rows)):
            leads, responsible = corpus.lead_ids(row), corpus.responsible_ids(row)
            for agency_id in leads + responsible:
                used.setdefault(agency_id, corpus.agencies[agency_id])
            measure_id = identities.measure_id(source, key)
            measures.append({
                "id": measure_id, "props": measure_properties(row, measure_id),
                "indicators": [row.indicator] if row.indicator else [],
                "inferred": [row.indicator_inferred] if row.indicator_inferred else [],
                "leads": leads, "responsible": responsible,
            })
        agencies = list(used.values())
        places, links = place_links(doc, agencies)
        yield DocumentBatch(
            source=source,
            document=document_properties(doc) if doc is not None else {"source": source},
            jurisdictions=([jurisdiction_key(doc.jurisdiction, doc.adcode, doc.parent)]
                           if doc is not None and doc.jurisdiction else []),
            places=list(places.values()),
            part_of=[{"part": p, "whole": w} for p, w in links],
            agencies=[_agency_entry(a) for a in agencies],
            measures=measures,
        )


@dataclass(slots=True)
class PropertyGraph:
    """Every node (label → property dicts) and relationship (type → (start key, end key)) once.

    ``nodes["Agency"]`` holds collectives too; their ``kind`` is "collective" and
    they carry the extra label ``Collective``. ``relationships["IN"]`` holds the
    agency links; ``document_in`` the document links. ``properties[type][(start, end)]``
    are a relationship's properties, for the types of `RELATIONSHIP_PROPERTIES`.
    """

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    relationships: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    document_in: list[tuple[str, str]] = field(default_factory=list)
    properties: dict[str, dict[tuple[str, str], dict[str, Any]]] = field(default_factory=dict)

    def node_count(self) -> int:
        return sum(len(v) for v in self.nodes.values())

    def relationship_count(self) -> int:
        return sum(len(v) for v in self.relationships.values()) + len(self.document_in)


def build_property_graph(corpus: Corpus) -> PropertyGraph:
    """The whole corpus as a `PropertyGraph`, each node and relationship once (same as pushing it).

    Examples
    --------
    >>> build_property_graph(Corpus()).node_count()
    0
    """
    graph = PropertyGraph(nodes={label: [] for label in NODE_KEYS},
                          relationships={t: [] for t in RELATIONSHIPS},
                          properties={t: {} for t in RELATIONSHIP_PROPERTIES})
    seen: dict[str, set[Any]] = {label: set() for label in NODE_KEYS}
    seen_rel: dict[str, set[tuple[str, str]]] = {t: set() for t in RELATIONSHIPS}

    def node(label: str, props: dict[str, Any]) -> None:
        key = props[NODE_KEYS[label]]
        if key not in seen[label]:
            seen[label].add(key)
            graph.nodes[label].append(props)

    def rel(kind: str, start: str, end: str) -> None:
        if (start, end) not in seen_rel[kind]:
            seen_rel[kind].add((start, end))
            graph.relationships[kind].append((start, end))

    for batch in document_batches(corpus):
        node("Document", batch.document)
        for place in batch.places:
            node("Jurisdiction", dict(place))
        for link in batch.part_of:
            rel("PART_OF", link["part"], link["whole"])
        for name in batch.jurisdictions:
            if (batch.source, name) not in graph.document_in:
                graph.document_in.append((batch.source, name))
        for entry in batch.agencies:
            node("Agency", entry["props"])
            for name in entry["jurisdictions"]:
                rel("IN", entry["id"], name)
            for name in entry["sectors"]:
                node("Sector", {"name": name})
                rel("IN_SECTOR", entry["id"], name)
        for m in batch.measures:
            node("Measure", m["props"])
            rel("FROM", m["id"], batch.source)
            for name in m["indicators"]:
                node("Indicator", {"name": name})
                rel("ADDRESSES", m["id"], name)
            for name in m["inferred"]:
                node("Indicator", {"name": name})
                rel("INFERRED", m["id"], name)
                graph.properties["INFERRED"][(m["id"], name)] = {
                    "confidence": m["props"]["indicator_confidence"], "by": m["props"]["indicator_inferred_by"]}
            for agency_id in m["leads"]:
                rel("LEADS", agency_id, m["id"])
            for agency_id in m["responsible"]:
                rel("RESPONSIBLE_FOR", agency_id, m["id"])
    return graph
