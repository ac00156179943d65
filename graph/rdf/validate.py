"""Check a built graph against the SHACL shapes with pySHACL and report what to fix.

The data graph is the union of the document graphs and the indicator scheme
(the ontology graph is left out: it describes terms, it is not data). No
inference is run: the shapes are explicit (pitfalls.md: OWL-RL makes pySHACL
10-15x slower). Each problem is reported with the thing a person can find —
a measure by its id (``source#seq``), an agency by its id — the property, the value
and the shape's message in the chosen language.

A store is validated in parts, so that a province's graph fits in memory and
both cores work (pySHACL holds an rdflib graph at ≈ 2 KB a triple and checks
≈ 10k triples a second). Measures and documents live in their own document
graph, which also states every node they point to, so the shapes of those
classes (and of a measure's inference node, also in its graph only) are
checked graph batch by graph batch. Every other node (agencies,
jurisdictions, indicators, sectors) may be stated in many graphs, so its shapes
are checked once on the union of those nodes' triples, where a second name or
parent stated by another document is still caught. The parts together give
the answer of the whole union, given what the builder guarantees: a measure or
a document is stated in its own graph only (tests/graph/test_validate_export.py
compares the two on broken and inconsistent stores).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

import pyshacl
from pyoxigraph import NamedNode, QuerySolutions, QueryTriples, RdfFormat, Store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, SKOS

from policykg.graph.rdf import iris
from policykg.ontology import read_turtle
from policykg.ontology.namespace import PKG_IRI
from policykg.processes import init_worker

__all__ = ["Violation", "ValidationReport", "validate_graph", "validate_store", "data_graph", "LOCAL_CLASSES"]

# Classes whose nodes live in one document graph only (their IRIs carry the source).
LOCAL_CLASSES = (PKG_IRI + "Measure", PKG_IRI + "PlanDocument", PKG_IRI + "IndicatorInference")
# Triples of document graphs per batch: bounds a worker's rdflib graph (≈ 2 KB a triple).
_BATCH_TRIPLES = 150_000
# progress(done, total): called as each part of the store is checked
Progress = Callable[[int, int], None]

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
    """A measure by its id (source#seq), an agency or document by its identifier, else its (decoded) IRI."""
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
        data = store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(name.value)) or b""
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def validate_graph(data: Graph, lang: str = "zh") -> ValidationReport:
    """Validate an rdflib graph against the bundled shapes."""
    return _validate(data, _shapes(None), lang)


def _validate(data: Graph, shapes_nt: str, lang: str) -> ValidationReport:
    shapes = Graph().parse(data=shapes_nt, format="nt")
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


@lru_cache(maxsize=3)
def _shapes(local: bool | None) -> str:
    """The shapes as N-Triples: all (None), only those of `LOCAL_CLASSES` (True), or only the others (False).

    A node shape keeps only the ``sh:targetClass`` values of its side; a shape
    left without targets is not evaluated (the shapes use no other kind of target).
    """
    shapes = Graph().parse(data=read_turtle("shapes"), format="turtle")
    if local is not None:
        for shape, cls in list(shapes.subject_objects(SH.targetClass)):
            if (str(cls) in LOCAL_CLASSES) != local:
                shapes.remove((shape, SH.targetClass, cls))
    return shapes.serialize(format="nt")


def _check_part(nt: bytes, local: bool, lang: str) -> tuple[ReportPart, int]:
    """Validate one part (N-Triples) with the shapes of its side; count the triples it owns."""
    data = Graph()
    data.parse(data=nt.decode("utf-8"), format="nt")
    report = _validate(data, _shapes(local), lang)
    if local:  # a document batch owns the triples of its measures, documents, inferences (each in one graph only)
        mine = {s for cls in LOCAL_CLASSES for s in data.subjects(RDF.type, URIRef(cls))}
        owned = sum(1 for s in data.subjects() if s in mine)
    else:
        owned = len(data)
    return ReportPart(report.conforms, report.violations), owned


@dataclass(slots=True)
class ReportPart:
    conforms: bool
    violations: list[Violation]


def _shared_part(store: Store) -> bytes:
    """Every triple (once) of every node that is not a measure or a document, from all data graphs."""
    # the IRIs are this module's own constants, written by pyoxigraph's term serialisation
    ontology, *local = (str(NamedNode(i)) for i in (iris.ONTOLOGY_GRAPH, *LOCAL_CLASSES))
    result = store.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        GRAPH ?g {{ ?s ?p ?o }}
        FILTER(?g != {ontology})
        MINUS {{ GRAPH ?g {{ ?s a ?local }} VALUES ?local {{ {" ".join(local)} }} }}
    }}""")
    assert isinstance(result, QueryTriples)
    return result.serialize(format=RdfFormat.N_TRIPLES) or b""


def _document_batches(store: Store) -> list[list[NamedNode]]:
    """The document graphs in batches of about `_BATCH_TRIPLES` triples (whole graphs, in name order)."""
    sizes = cast(QuerySolutions, store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"))
    skip = {iris.ONTOLOGY_GRAPH, iris.VOCABULARY_GRAPH}
    graphs = sorted((row["g"].value, int(row["n"].value)) for row in sizes if row["g"].value not in skip)
    batches: list[list[NamedNode]] = []
    batch: list[NamedNode] = []
    size = 0
    for name, n in graphs:
        batch.append(NamedNode(name))
        size += n
        if size >= _BATCH_TRIPLES:
            batches.append(batch)
            batch, size = [], 0
    if batch:
        batches.append(batch)
    return batches


def _dump(store: Store, graphs: list[NamedNode]) -> bytes:
    return b"".join(store.dump(format=RdfFormat.N_TRIPLES, from_graph=g) or b"" for g in graphs)


def validate_store(store: Store, lang: str = "zh", workers: int | None = None,
                   progress: Progress | None = None) -> ValidationReport:
    """Validate everything in a store but the ontology graph, part by part (see the module docstring).

    Parameters
    ----------
    workers
        Processes checking parts side by side (default: one per CPU). They are
        forked where the platform can (no ``if __name__ == "__main__"`` guard
        needed in a script; they never touch the store, only the N-Triples text of
        their part); a store of one batch is checked in this process.
    progress
        ``progress(done, total)`` as each part is checked.
    """
    batches = _document_batches(store)
    total = 1 + len(batches)

    def parts() -> Iterator[tuple[bytes, bool]]:  # made as they are needed: at most a few in memory
        yield _shared_part(store), False
        for graphs in batches:
            yield _dump(store, graphs), True

    workers = min(workers or os.cpu_count() or 1, total)
    if workers <= 1 or total <= 2:
        return _merge((_check_part(nt, local, lang) for nt, local in parts()), total, progress)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=init_worker,
                             initargs=(os.getpid(),)) as pool:  # workers end with this process
        return _merge(_bounded(pool, parts(), lang, 2 * workers), total, progress)


def _bounded(pool: ProcessPoolExecutor, parts: Iterator[tuple[bytes, bool]], lang: str,
             in_flight: int) -> Iterator[tuple[ReportPart, int]]:
    """Each part's result, with at most ``in_flight`` parts handed to the pool at a time."""
    pending: deque[Future] = deque()
    for nt, local in parts:
        pending.append(pool.submit(_check_part, nt, local, lang))
        del nt
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _merge(results: Iterator[tuple[ReportPart, int]], total: int, progress: Progress | None) -> ValidationReport:
    conforms, triples, violations = True, 0, []
    for done, (part, owned) in enumerate(results, start=1):
        conforms = conforms and part.conforms
        triples += owned
        violations.extend(part.violations)
        if progress is not None:
            progress(done, total)
    violations.sort(key=lambda v: (v.focus, v.path, v.value, v.message))
    return ValidationReport(conforms, triples, violations)
