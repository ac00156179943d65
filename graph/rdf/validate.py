"""Check a built graph against the SHACL shapes and report what to fix.

The data graph is the union of the document graphs and the indicator scheme
(the ontology graph is left out: it describes terms, it is not data). No
inference is run: the shapes are explicit (pitfalls.md: OWL-RL makes pySHACL
10-15x slower). Each problem is reported with the thing a person can find —
a measure by its id (``source#seq``), an agency by its id — the property, the value
and the shape's message in the chosen language.

Two engines give the same report (tests/graph/test_shapes_sparql.py):

- **SPARQL** (the default, `policykg.graph.rdf.shapes_sparql`): the constraints of the
  shapes as queries run by pyoxigraph on the store as it is — no copy — at 150k rows
  ≈ 30 s CPU on a loaded machine (BENCHMARKS.md) where pySHACL took ≈ 200 s.
- **pySHACL**, the reference and the fallback: used when the shapes use something the
  SPARQL engine does not evaluate (`Unsupported`), or when asked
  (``validate_store(..., engine="pyshacl")``). A store is validated in parts, so
  that a province's graph fits in memory and both cores work (pySHACL holds an
  rdflib graph at ≈ 2 KB a triple and checks ≈ 10k triples a second). Measures,
  documents, tallies and a measure's inference node live in their own document
  graph, which also states every node they point to, so the shapes of those
  classes are checked graph batch by graph batch. Every other node (agencies, jurisdictions, indicators, sectors) may
  be stated in many graphs, so its shapes are checked once on the union of those
  nodes' triples, where a second name or parent stated by another document is still
  caught. The parts together give the answer of the whole union, given what the
  builder guarantees: a measure or a document is stated in its own graph only
  (tests/graph/test_validate_export.py compares the two on broken and inconsistent
  stores).
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
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode, QuerySolutions, QueryTriples, RdfFormat, Store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, SKOS

from policykg.graph.rdf import iris
from policykg.graph.rdf.shapes_sparql import Check, Unsupported, compile_shapes, run_checks
from policykg.ontology import read_turtle
from policykg.ontology.namespace import PKG_IRI
from policykg.processes import init_worker

__all__ = ["Violation", "ValidationReport", "validate_graph", "validate_store", "data_graph", "LOCAL_CLASSES",
           "ENGINES"]

# Classes whose nodes live in one document graph only (their IRIs carry the source).
LOCAL_CLASSES = (PKG_IRI + "Measure", PKG_IRI + "PlanDocument", PKG_IRI + "IndicatorInference")
# The engines of `validate_store`: SPARQL queries on the store (default), or pySHACL on copies.
ENGINES = ("sparql", "pyshacl")
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
    """The verdict, the statements checked and the violations. ``triples``: the distinct triples of
    the union with pySHACL, the statements of the data graphs with the SPARQL engine (a statement
    stated in two graphs counts twice)."""

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
    """A measure by its id (source#seq), an agency or document by its identifier, else by its name, else
    its (decoded) IRI; the smallest one when a node has several (a violation of its own)."""
    for predicate in (DCTERMS.identifier, SKOS.prefLabel):
        values = sorted(str(value) for value in data.objects(node, predicate))
        if values:
            return values[0]
    return _short(node)


def data_graph(store: Store) -> Graph:
    """The union of every graph but the ontology and the store-wide counts (derived from the rest), as one rdflib Graph."""
    graph = Graph()
    for name in store.named_graphs():
        if name.value in (iris.ONTOLOGY_GRAPH, iris.SUMMARY_GRAPH):
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
        mine |= set(data.subjects(URIRef(PKG_IRI + "tallyOf"), None))
        owned = sum(1 for s in data.subjects() if s in mine)
    else:
        owned = len(data)
    return ReportPart(report.conforms, report.violations), owned


@dataclass(slots=True)
class ReportPart:
    conforms: bool
    violations: list[Violation]


def _shared_part(store: Store) -> bytes:
    """Every triple (once) of every node that is not a measure, a document or a tally (each stated in its
    own document graph only), from all data graphs."""
    # the IRIs are this module's own constants, written by pyoxigraph's term serialisation
    ontology, summary, tally_of, *local = (str(NamedNode(i)) for i in (
        iris.ONTOLOGY_GRAPH, iris.SUMMARY_GRAPH, PKG_IRI + "tallyOf", *LOCAL_CLASSES))
    result = store.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        GRAPH ?g {{ ?s ?p ?o }}
        FILTER(?g != {ontology} && ?g != {summary})
        MINUS {{ GRAPH ?g {{ ?s a ?local }} VALUES ?local {{ {" ".join(local)} }} }}
        MINUS {{ GRAPH ?g {{ ?s {tally_of} ?agency }} }}
    }}""")
    assert isinstance(result, QueryTriples)
    return result.serialize(format=RdfFormat.N_TRIPLES) or b""


def _document_batches(store: Store) -> list[list[NamedNode]]:
    """The document graphs in batches of about `_BATCH_TRIPLES` triples (whole graphs, in name order)."""
    sizes = cast(QuerySolutions, store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"))
    graphs = sorted((row["g"].value, int(row["n"].value)) for row in sizes
                    if row["g"].value not in iris.NON_DOCUMENT_GRAPHS)
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
                   progress: Progress | None = None, engine: str = "sparql") -> ValidationReport:
    """Validate everything in a store but the ontology graph (see the module docstring).

    Parameters
    ----------
    workers
        pySHACL: processes checking parts side by side (default: one per CPU). They
        are forked where the platform can (no ``if __name__ == "__main__"`` guard
        needed in a script; they never touch the store, only the N-Triples text of
        their part); a store of one batch is checked in this process.
    progress
        ``progress(done, total)`` as each constraint (SPARQL) or part (pySHACL) is checked.
    engine
        ``"sparql"`` (default; pySHACL when the shapes need it) or ``"pyshacl"``.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}; use one of {ENGINES}")
    if engine == "sparql":
        try:
            return _validate_with_sparql(store, lang, progress)
        except Unsupported:
            pass
    return _validate_in_parts(store, lang, workers, progress)


# Below this many named graphs the SPARQL engine takes a second or less: no progress is reported.
_PROGRESS_GRAPHS = 50


def _validate_with_sparql(store: Store, lang: str, progress: Progress | None) -> ValidationReport:
    if progress is not None and sum(1 for _ in store.named_graphs()) <= _PROGRESS_GRAPHS:
        progress = None
    findings = run_checks(store, _sparql_checks(), progress)
    described = _descriptions(store, {f.focus for f in findings})
    violations = []
    for f in findings:
        messages = f.check.messages
        violations.append(Violation(
            focus=described[f.focus] if f.focus in described else _short_term(f.focus),
            path=_short(URIRef(f.check.path[1:-1])) if f.check.path else "",
            value=_short_term(f.value),
            message=messages.get(lang) or messages.get("zh") or next(iter(messages.values()), ""),
            severity="Violation",
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.value, v.message))
    return ValidationReport(not violations, _data_statements(store), violations)


@lru_cache(maxsize=1)
def _sparql_checks() -> list[Check]:
    return compile_shapes(Graph().parse(data=_shapes(None), format="nt"))


def _short_term(term: object) -> str:
    """`_short` for a pyoxigraph term (a literal as its lexical form, an IRI shortened)."""
    if term is None:
        return ""
    if isinstance(term, OxLiteral):
        return term.value
    if isinstance(term, NamedNode):
        return _short(URIRef(term.value))
    return str(getattr(term, "value", term))


# A focus is described by its identifier, else its name, the smallest (as `_describe`); looked up in batches
_DESCRIBE = """SELECT ?node ?text ?rank WHERE {
  VALUES ?node { %s }
  { GRAPH ?g { ?node <http://purl.org/dc/terms/identifier> ?text } BIND(0 AS ?rank) }
  UNION { GRAPH ?g { ?node <http://www.w3.org/2004/02/skos/core#prefLabel> ?text } BIND(1 AS ?rank) }
  FILTER(?g NOT IN (%s))
}"""


def _descriptions(store: Store, nodes: set) -> dict:
    out: dict = {}
    named = sorted((n for n in nodes if isinstance(n, NamedNode)), key=str)
    not_data = ", ".join(str(NamedNode(g)) for g in (iris.ONTOLOGY_GRAPH, iris.SUMMARY_GRAPH))
    for start in range(0, len(named), 500):
        chunk = " ".join(str(n) for n in named[start:start + 500])  # pyoxigraph's own IRI serialisation
        rows = store.query(_DESCRIBE % (chunk, not_data))
        assert isinstance(rows, QuerySolutions)
        texts: dict = {}
        for row in rows:
            texts.setdefault(row["node"], {}).setdefault(int(row["rank"].value), []).append(row["text"].value)
        for node, by_rank in texts.items():
            out[node] = min(by_rank[min(by_rank)])
    return out


def _data_statements(store: Store) -> int:
    """The statements of the data graphs (every graph but the ontology and the summary; one stated in several
    graphs counts once per graph: counting the distinct triples of the union would take longer than the checks)."""
    not_data = sum(int(next(iter(cast(QuerySolutions, store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {NamedNode(g)} {{ ?s ?p ?o }} }}"))))["n"].value)
        for g in (iris.ONTOLOGY_GRAPH, iris.SUMMARY_GRAPH))
    return len(store) - not_data


def _validate_in_parts(store: Store, lang: str, workers: int | None, progress: Progress | None) -> ValidationReport:
    """pySHACL on the shared nodes once and on batches of document graphs, in worker processes."""
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
