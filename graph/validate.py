"""Check a built graph against the SHACL shapes with pySHACL and report what to fix.

The data graph is the union of the document graphs and the indicator scheme
(the ontology graph is left out: it describes terms, it is not data). No
inference is run: the shapes are explicit (pitfalls.md: OWL-RL makes pySHACL
10-15x slower). Each problem is reported with the thing a person can find —
a measure as ``source#Lline``, an agency by its id — the property, the value
and the shape's message in the chosen language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyshacl
from pyoxigraph import NamedNode, RdfFormat, Store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from policykg.graph import iris
from policykg.ontology import read_turtle
from policykg.ontology.namespace import PKG_IRI

__all__ = ["Violation", "ValidationReport", "validate_graph", "validate_store", "data_graph"]

_PREFIXES = (
    (PKG_IRI, "pkg:"),
    (str(SKOS), "skos:"),
    (str(DCTERMS), "dcterms:"),
    ("http://www.w3.org/ns/org#", "org:"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
    (iris.ID_BASE, ""),
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: where (focus), which property (path), the offending value, and what to do."""

    focus: str
    path: str
    value: str
    message: str
    severity: str

    def to_dict(self) -> dict[str, str]:
        return {"focus": self.focus, "path": self.path, "value": self.value, "message": self.message, "severity": self.severity}


@dataclass(slots=True)
class ValidationReport:
    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    text = str(term)
    for iri, prefix in _PREFIXES:
        if text.startswith(iri):
            return prefix + iris.decode_key(text[len(iri):])
    return text


def _describe(data: Graph, node) -> str:
    """A measure as source#Lline, an agency or document by its identifier, else its (decoded) IRI."""
    for value in data.objects(node, DCTERMS.identifier):
        return str(value)
    for value in data.objects(node, SKOS.prefLabel):
        return str(value)
    return _short(node)


def data_graph(store: Store) -> Graph:
    """The union of every graph but the ontology, as one rdflib Graph."""
    graph = Graph()
    for name in store.named_graphs():
        if name.value == iris.ONTOLOGY_GRAPH:
            continue
        data = store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(name.value))
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def validate_graph(data: Graph, lang: str = "zh") -> ValidationReport:
    """Validate an rdflib graph against the bundled shapes."""
    shapes = Graph().parse(data=read_turtle("shapes"), format="turtle")
    conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = []
    for result in results.subjects(SH.focusNode, None):
        messages = list(results.objects(result, SH.resultMessage))
        chosen = [m for m in messages if isinstance(m, Literal) and m.language == lang] or messages
        focus = results.value(result, SH.focusNode)
        violations.append(Violation(
            focus=_describe(data, focus),
            path=_short(results.value(result, SH.resultPath)),
            value=_short(results.value(result, SH.value)),
            message=str(chosen[0]) if chosen else "",
            severity=_short(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.value, v.message))
    return ValidationReport(bool(conforms), len(data), violations)


def validate_store(store: Store, lang: str = "zh") -> ValidationReport:
    """Validate everything in a store (see `validate_graph`)."""
    return validate_graph(data_graph(store), lang)
