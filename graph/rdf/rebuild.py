"""Graph → Corpus: rebuild documents, rows, agencies and assignments from a store.

The inverse of `policykg.graph.rdf.build`, reading the same field tables
(`policykg.graph.rdf.mapping`) backwards. Rows come back equal to the rows that were
loaded, field by field; agencies come back with their name sets sorted (RDF
keeps no order among repeated values).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from pyoxigraph import NamedNode, Store

from policykg.graph.rdf.mapping import (
    AGENCY_MAP,
    DOCUMENT_MAP,
    INFERENCE_MAP,
    KIND_CLASSES,
    ROW_MAP,
    T,
    decode_fields,
    inferred_by_value,
)
from policykg.graph.rdf.store import document_graphs
from policykg.records import Agency, Corpus, Document, Row

__all__ = ["corpus_from_store"]

_KIND_BY_CLASS = {cls.value: kind for kind, cls in KIND_CLASSES.items()}

Props = dict[str, list[Any]]


def _subjects(store: Store, graph: str) -> dict[str, Props]:
    out: dict[str, Props] = defaultdict(lambda: defaultdict(list))
    for q in store.quads_for_pattern(None, None, None, NamedNode(graph)):
        out[cast(NamedNode, q.subject).value][q.predicate.value].append(q.object)  # subjects are IRIs here
    return out


def _types(props: Props) -> set[str]:
    return {o.value for o in props.get(T.type.value, [])}


def corpus_from_store(store: Store) -> Corpus:
    """Rebuild a `Corpus` from the document graphs of a store.

    Documents are sorted by source, rows by (source, line).

    Examples
    --------
    >>> from pyoxigraph import Store
    >>> from policykg.graph.rdf.store import load_corpus_into
    >>> from policykg.records import Corpus, Document
    >>> store = Store(); _ = load_corpus_into(store, Corpus([Document("a.txt", plan_year=2021)]))
    >>> corpus_from_store(store).documents[0].plan_year
    2021
    """
    corpus = Corpus()
    agencies: dict[str, dict[str, Any]] = {}
    for graph in document_graphs(store):
        subjects = _subjects(store, graph)
        source = None
        for props in subjects.values():
            if T.PlanDocument.value in _types(props):
                doc = _document(subjects, props)
                source = doc.source
                corpus.documents.append(doc)
        for props in subjects.values():
            types = _types(props)
            if T.Measure.value in types and source is not None:
                corpus.rows.append(Row(source=source, **decode_fields(ROW_MAP, props), **_inference(subjects, props)))
            kind = next((_KIND_BY_CLASS[t] for t in types if t in _KIND_BY_CLASS), None)
            if kind is not None:
                values = decode_fields(AGENCY_MAP, props)
                values["kind"] = kind
                place = _place(subjects, props.get(T.jurisdiction.value))
                values["jurisdiction"], values["adcode"] = place.name, place.adcode
                values["parent"], values["parent_adcode"] = place.parent_name, place.parent_adcode
                merged = agencies.setdefault(values["id"], values)
                # the same agency stated in several graphs: union the name sets
                for key in ("surface_names", "aliases"):
                    merged[key] = tuple(sorted(set(merged[key]) | set(values[key])))
                for name in props.get(T.written_as.value, []):
                    corpus.assignments[(cast(str, source), name.value)] = values["id"]
    corpus.documents.sort(key=lambda d: d.source)
    corpus.rows.sort(key=lambda r: (r.source, r.line))
    corpus.agencies = {k: Agency(**agencies[k]) for k in sorted(agencies)}
    return corpus


def _inference(subjects: dict[str, Props], measure: Props) -> dict[str, Any]:
    """A measure's confidence, evidence and provenance of its inferred indicator, from its inference node."""
    nodes = measure.get(T.qualified_inferred_indicator.value)
    props = subjects.get(nodes[0].value, {}) if nodes else {}
    return {**decode_fields(INFERENCE_MAP, props), "indicator_inferred_by": inferred_by_value(props)}


def _document(subjects: dict[str, Props], props: Props) -> Document:
    values = decode_fields(DOCUMENT_MAP, props)
    place = _place(subjects, props.get(T.jurisdiction.value))
    province = _place(subjects, props.get(T.province.value))
    values.update(jurisdiction=place.name, adcode=place.adcode, parent=place.parent_name,
                  parent_adcode=place.parent_adcode, province=province.name, province_adcode=province.adcode)
    return Document(**values)


@dataclass(frozen=True, slots=True)
class _Place:
    """A place node as stated in one graph: its name and code, its parent's name and code."""

    name: str | None = None
    adcode: str | None = None
    parent_name: str | None = None
    parent_adcode: str | None = None


def _first(props: Props, predicate: str) -> str | None:
    values = props.get(predicate)
    return values[0].value if values else None


def _place(subjects: dict[str, Props], edge: list[Any] | None) -> _Place:
    """The place an edge (pkg:jurisdiction, pkg:province) points to, read from the same graph."""
    if not edge:
        return _Place()
    props = subjects.get(edge[0].value, {})
    parent = props.get(T.parent_jurisdiction.value)
    parent_props = subjects.get(parent[0].value, {}) if parent else {}
    return _Place(_first(props, T.pref_label.value), _first(props, T.adcode.value),
                  _first(parent_props, T.pref_label.value), _first(parent_props, T.adcode.value))
