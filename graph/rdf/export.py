"""Serialise a store with rdflib: Turtle (graphs merged), TriG, N-Quads, JSON-LD.

Formats are looked up in one registry (`FORMATS`, as rdflib's ``plugin.py``),
not in if-chains. Turtle cannot hold named graphs, so it receives the union of
all graphs; the other formats keep one graph per document.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import RdfFormat, Store
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, TIME, XSD

from policykg.errors import QueryError
from policykg.ontology.namespace import PKG_IRI

__all__ = ["ExportFormat", "FORMATS", "to_dataset", "export_store"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    rdflib_format: str
    named_graphs: bool
    extension: str
    media_type: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("ttl", "turtle", False, ".ttl", "text/turtle"),
        ExportFormat("trig", "trig", True, ".trig", "application/trig"),
        ExportFormat("nq", "nquads", True, ".nq", "application/n-quads"),
        ExportFormat("jsonld", "json-ld", True, ".jsonld", "application/ld+json"),
    )
}

_PREFIXES = {"pkg": PKG_IRI, "skos": str(SKOS), "org": str(ORG), "dcterms": str(DCTERMS),
             "prov": str(PROV), "time": str(TIME), "xsd": str(XSD)}


def to_dataset(store: Store) -> Dataset:
    """The store's named graphs as an rdflib `Dataset` (for in-memory work)."""
    dataset = Dataset()
    data = store.dump(format=RdfFormat.N_QUADS)
    if data:
        dataset.parse(data=data.decode("utf-8"), format="nquads")
    for prefix, iri in _PREFIXES.items():
        dataset.bind(prefix, iri)
    return dataset


def export_store(store: Store, fmt: str) -> str:
    """The store serialised in format ``fmt`` (a key of `FORMATS`).

    Raises
    ------
    QueryError
        Unknown format name.
    """
    spec = FORMATS.get(fmt)
    if spec is None:
        raise QueryError("export_unknown_format", fmt=fmt, choices=", ".join(FORMATS))
    dataset = to_dataset(store)
    if spec.named_graphs:
        return dataset.serialize(format=spec.rdflib_format)
    merged = Graph()
    for prefix, iri in _PREFIXES.items():
        merged.bind(prefix, iri)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged.serialize(format=spec.rdflib_format)
