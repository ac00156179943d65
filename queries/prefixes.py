"""The project's SPARQL prefixes: predeclared for ad-hoc queries, shown on the serve page, used to print IRIs short.

One table for the vocabulary (``pkg:``, ``skos:``, …) and for the instances
policykg mints under `ID_BASE` (``agency:``, ``measure:``, …). `prologue` is the
``PREFIX`` block put before a query text (a query may declare a prefix again: the
later declaration wins in SPARQL 1.1 engines); `compact` turns an IRI into the
name a person reads in a table — ``agency:350123/发展和改革局`` — with the
percent-encoded key decoded. CSV and JSON output keep full IRIs.
"""

from __future__ import annotations

from urllib.parse import unquote

from policykg.ontology.namespace import ID_BASE, PKG_IRI

__all__ = ["PREFIXES", "prologue", "compact"]

PREFIXES: dict[str, str] = {
    "pkg": PKG_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    # instances, minted by policykg.graph.rdf.iris
    "document": ID_BASE + "document/",
    "graph": ID_BASE + "graph/",
    "measure": ID_BASE + "measure/",
    "agency": ID_BASE + "agency/",
    "indicator": ID_BASE + "indicator/",
    "jurisdiction": ID_BASE + "jurisdiction/",
    "sector": ID_BASE + "sector/",
    "year": ID_BASE + "year/",
}

# longest namespace first, so that an instance IRI is never shortened by a shorter base
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def prologue() -> str:
    """The ``PREFIX`` lines of every project prefix, one per line.

    >>> prologue().splitlines()[0]
    'PREFIX pkg: <https://w3id.org/policykg/ontology#>'
    """
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def compact(iri: str) -> str:
    """``prefix:name`` for an IRI under a project prefix (the key decoded), the IRI itself otherwise.

    >>> compact("https://w3id.org/policykg/id/agency/350123%2F%E5%8F%91%E5%B1%95%E5%92%8C%E6%94%B9%E9%9D%A9%E5%B1%80")
    'agency:350123/发展和改革局'
    >>> compact("https://w3id.org/policykg/ontology#Measure"), compact("http://example.org/x")
    ('pkg:Measure', 'http://example.org/x')
    """
    for name, base in _BY_LENGTH:
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{unquote(iri[len(base):])}"
    return iri
