"""The SHACL shapes as SPARQL queries run by pyoxigraph on the store itself: pySHACL's verdict, fast.

pySHACL checks ≈ 10k triples a second on an rdflib copy of the graph (a province's store took
≈ 200 s in worker processes). Our shapes use a few SHACL Core constraints on simple paths, each
of which is one SPARQL query over the union of the data graphs (every graph but the ontology):
`compile_shapes` turns every constraint of the shapes graph into a `Check` — a query whose rows
are the results (focus node, value) pySHACL would report for it — and `run_checks` runs them on
the store, no copy made. A shapes graph using anything else (another target, path or constraint
kind) raises `Unsupported`, and `policykg.graph.rdf.validate` falls back to pySHACL.

The results equal pySHACL's, result for result (focus, path, value, message): one per value node
for the value constraints (datatype, class, or-of-classes, node kind, pattern, min length, min
inclusive, in, language in), one per focus node for the counts (min / max count, has value), one
per focus node and repeated language for unique-lang, one per focus node conforming to a
negated shape (sh:not, value = the focus), and one per focus node meeting none of the members of
a node's sh:or, or not exactly one of its sh:xone (members that count values; value = the focus).
tests/graph/test_shapes_sparql.py compares the two on stores with every constraint broken, and
`benchmarks/stages.py validate` at scale. As for pySHACL without inference, sh:class follows
rdfs:subClassOf in the data graphs only; `run_checks` refuses (`Unsupported`) a store whose data
graphs state any, so that the fallback decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from policykg.graph.rdf import iris

__all__ = ["Unsupported", "Check", "Finding", "compile_shapes", "run_checks"]


class Unsupported(Exception):
    """The shapes (or the data) use something this engine does not evaluate: use pySHACL."""


@dataclass(frozen=True, slots=True)
class Check:
    """One constraint of one shape as a query: its rows are ``?focus`` (and ``?value``) of the results."""

    shape: str
    path: str | None
    component: str
    query: str
    messages: dict[str, str] = field(default_factory=dict)
    value_is_focus: bool = False  # sh:not reports the focus node as the value
    # value constraints of one property checked in one scan: a row fails each of these that is false
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One result: the focus node and the value node (pyoxigraph terms), and the check it fails."""

    check: Check
    focus: Any
    value: Any


# The constraints evaluated per value node, and the datatypes whose lexical forms are checked by a cast
_VALUE_KEYS = (SH.datatype, SH["class"], SH["or"], SH.nodeKind, SH.pattern, SH.minLength, SH.minInclusive,
               SH["in"], SH.languageIn)
# Node constraints over property shapes that only count values: met by at least one member, or by exactly one
_NODE_LOGIC = {SH["or"]: "NodeOr", SH.xone: "NodeXone"}
_COUNT_KEYS = (SH.minCount, SH.maxCount, SH.hasValue, SH.uniqueLang)
_IGNORED = (SH.message, SH.path, SH.name, SH.description, SH.order, SH.group, RDF.type,
            URIRef("http://www.w3.org/2000/01/rdf-schema#label"), URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))
_CASTS = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "boolean", "date", "dateTime", "time")}
_NODE_KINDS = {str(SH.IRI): "isIRI(?value)", str(SH.Literal): "isLiteral(?value)",
               str(SH.BlankNode): "isBlank(?value)", str(SH.BlankNodeOrIRI): "(isBlank(?value) || isIRI(?value))",
               str(SH.BlankNodeOrLiteral): "(isBlank(?value) || isLiteral(?value))",
               str(SH.IRIOrLiteral): "(isIRI(?value) || isLiteral(?value))"}


def _iri(term: Any) -> str:
    return str(NamedNode(str(term)))  # pyoxigraph's own serialisation: the text is a valid IRI


def _literal(term: RdfLiteral) -> str:
    if term.language:
        return str(Literal(str(term), language=term.language))
    if term.datatype:
        return str(Literal(str(term), datatype=NamedNode(str(term.datatype))))
    return str(Literal(str(term)))


def _term(term: Any) -> str:
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, RdfLiteral):
        return _literal(term)
    raise Unsupported(f"a blank node as a constraint value: {term}")


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.ontology = _iri(iris.ONTOLOGY_GRAPH)

    def data(self, var: str, pattern: str) -> str:
        """``pattern`` in any data graph (every named graph but the ontology)."""
        return f"GRAPH ?{var} {{ {pattern} }} FILTER(?{var} != {self.ontology})"

    def focus(self, classes: list[str]) -> str:
        union = " UNION ".join(f"{{ {self.data('tg', f'?focus a {c}')} }}" for c in classes)
        return f"{{ SELECT DISTINCT ?focus WHERE {{ {union} }} }}"

    def values(self, path: str, condition: str | None = None) -> str:
        where = self.data("vg", f"?focus {path} ?value")
        if condition:
            where += f" FILTER({condition})"
        return f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {where} }} }}"

    def messages(self, node: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for m in self.g.objects(node, SH.message):
            out.setdefault(m.language if isinstance(m, RdfLiteral) and m.language else "", str(m))
        return out

    def list_of(self, node: Any) -> list[Any]:
        return list(Collection(self.g, node))

    def compile(self) -> list[Check]:
        checks: list[Check] = []
        for shape in sorted(set(self.g.subjects(RDF.type, SH.NodeShape)), key=str):
            targets = sorted(_iri(c) for c in self.g.objects(shape, SH.targetClass))
            for other in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
                if (shape, other, None) in self.g:
                    raise Unsupported(f"{shape}: {other} targets")
            if not targets:
                continue
            for key in set(self.g.predicates(shape, None)):
                if key not in (SH.targetClass, SH.property, SH["not"], *_NODE_LOGIC, *_IGNORED):
                    raise Unsupported(f"{shape}: node constraint {key}")
            for prop in self.g.objects(shape, SH.property):
                checks.extend(self.property_checks(str(shape), targets, prop))
            for negated in self.g.objects(shape, SH["not"]):
                checks.append(self.not_check(str(shape), targets, negated, self.messages(shape)))
            for key, component in _NODE_LOGIC.items():
                for members in self.g.objects(shape, key):
                    checks.append(self.logic_check(str(shape), targets, component, members, self.messages(shape)))
        return checks

    def path_of(self, prop: Any) -> str:
        path = self.g.value(prop, SH.path)
        if not isinstance(path, URIRef):
            raise Unsupported(f"a path that is not one predicate: {path}")
        return _iri(path)

    def property_checks(self, shape: str, targets: list[str], prop: Any) -> Iterator[Check]:
        path = self.path_of(prop)
        messages = self.messages(prop)
        focus = self.focus(targets)

        def check(component: str, query: str) -> Check:
            return Check(shape, path, component, query, messages)

        for key, value in self.g.predicate_objects(prop):
            if key in _IGNORED:
                continue
            if key not in _VALUE_KEYS + _COUNT_KEYS:
                raise Unsupported(f"{shape} {path}: constraint {key}")
            if key == SH.minCount:
                n = int(str(value))
                if n == 1:  # an anti-join by hashing, no grouping
                    has = self.data("vg", f"?focus {path} ?value")
                    yield check("MinCount", f"SELECT ?focus WHERE {{ {focus} MINUS {{ {has} }} }}")
                else:
                    yield check("MinCount", f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ {self.values(path)} }} }} "
                                            f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) < {n})")
            elif key == SH.maxCount:
                # the nodes with too many values (whatever their class) first: few rows to join
                many = (f"{{ SELECT ?focus WHERE {{ {self.values(path)} }} GROUP BY ?focus "
                        f"HAVING (COUNT(DISTINCT ?value) > {int(str(value))}) }}")
                yield check("MaxCount", f"SELECT ?focus WHERE {{ {many} {focus} }}")
            elif key == SH.hasValue:
                has = self.data("hg", f"?focus {path} {_term(value)}")
                yield check("HasValue", f"SELECT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ {has} }} }}")
            elif key == SH.uniqueLang:
                if not (isinstance(value, RdfLiteral) and value.toPython() is True):
                    continue
                tagged = self.values(path, 'LANG(?value) != ""')
                yield check("UniqueLang", f"SELECT ?focus WHERE {{ {focus} {tagged} }} "
                                          f"GROUP BY ?focus (LCASE(LANG(?value)) AS ?language) "
                                          f"HAVING (COUNT(DISTINCT ?value) > 1)")
            elif key in (SH["class"], SH["or"]):
                classes = [_iri(value)] if key == SH["class"] else self.or_classes(value)
                typed = self.data("cg", "?value a ?class") + f" VALUES ?class {{ {' '.join(classes)} }}"
                yield check(str(key).split("#")[-1].capitalize(),
                            f"SELECT ?focus ?value WHERE {{ {{ {self.values(path)} MINUS {{ {typed} }} }} {focus} }}")
        # the other value constraints of the property: one scan of its values, a flag per constraint
        conditions = [(str(key).split("#")[-1], self.value_condition(key, value)) for key, value in self.g.predicate_objects(prop)
                      if key in _VALUE_KEYS and key not in (SH["class"], SH["or"])]
        if conditions:
            flags = tuple(f"ok{i}" for i in range(len(conditions)))
            binds = " ".join(f"BIND({condition} AS ?{flag})" for flag, (_, condition) in zip(flags, conditions))
            failing = " || ".join(f"!?{flag}" for flag in flags)
            scan = (f"{{ SELECT DISTINCT ?focus ?value {' '.join('?' + f for f in flags)} WHERE {{ "
                    f"{self.data('vg', f'?focus {path} ?value')} {binds} FILTER({failing}) }} }}")
            yield Check(shape, path, "+".join(name for name, _ in conditions),
                        f"SELECT ?focus ?value {' '.join('?' + f for f in flags)} WHERE {{ {scan} {focus} }}",
                        messages, flags=flags)

    def or_classes(self, node: Any) -> list[str]:
        classes = []
        for member in self.list_of(node):
            keys = set(self.g.predicates(member, None))
            cls = self.g.value(member, SH["class"])
            if keys != {SH["class"]} or cls is None:
                raise Unsupported(f"sh:or member other than one sh:class: {member}")
            classes.append(_iri(cls))
        return classes

    def value_condition(self, key: Any, value: Any) -> str:
        """A SPARQL expression true when ``?value`` satisfies the constraint (an error counts as false)."""
        if key == SH.datatype:
            datatype = _iri(value)
            ok = f"isLiteral(?value) && DATATYPE(?value) = {datatype}"
            if str(value) in _CASTS:  # an ill-formed lexical form fails the cast
                ok += f" && {datatype}(STR(?value)) = ?value"
            return f"COALESCE({ok}, false)"
        if key == SH.nodeKind:
            if str(value) not in _NODE_KINDS:
                raise Unsupported(f"node kind {value}")
            return _NODE_KINDS[str(value)]
        if key == SH.pattern:
            if (None, SH.flags, None) in self.g:
                raise Unsupported("sh:flags")
            return f"COALESCE(!isBlank(?value) && REGEX(STR(?value), {_literal(RdfLiteral(str(value)))}), false)"
        if key == SH.minLength:
            return f"COALESCE(!isBlank(?value) && STRLEN(STR(?value)) >= {int(str(value))}, false)"
        if key == SH.minInclusive:
            return f"COALESCE(?value >= {_term(value)}, false)"
        if key == SH["in"]:
            members = " ".join(_term(v) for v in self.list_of(value))
            return f"EXISTS {{ VALUES ?allowed {{ {members} }} FILTER(sameTerm(?value, ?allowed)) }}"
        if key == SH.languageIn:
            tests = " || ".join(f"LANGMATCHES(LANG(?value), {_literal(RdfLiteral(str(v)))})" for v in self.list_of(value))
            return f"COALESCE(isLiteral(?value) && ({tests}), false)"
        raise Unsupported(f"constraint {key}")

    def not_check(self, shape: str, targets: list[str], negated: Any, messages: dict[str, str]) -> Check:
        """sh:not of a shape made of property shapes with sh:minCount only: the focus has every path."""
        if set(self.g.predicates(negated, None)) - {SH.property, *_IGNORED}:
            raise Unsupported(f"{shape}: sh:not of a shape with node constraints")
        conditions = []
        for prop in self.g.objects(negated, SH.property):
            keys = set(self.g.predicates(prop, None)) - set(_IGNORED)
            if keys != {SH.minCount}:
                raise Unsupported(f"{shape}: sh:not of property constraints other than sh:minCount")
            path, n = self.path_of(prop), int(str(self.g.value(prop, SH.minCount)))
            # the nodes with the path, joined by hashing (not one probe per focus node)
            conditions.append(f"{{ SELECT ?focus WHERE {{ {self.data('ng', f'?focus {path} ?any')} }} "
                              f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?any) >= {n}) }}")
        return Check(shape, None, "Not", f"SELECT ?focus WHERE {{ {self.focus(targets)} {' '.join(conditions)} }}",
                     messages, value_is_focus=True)


    def logic_check(self, shape: str, targets: list[str], component: str, members: Any,
                    messages: dict[str, str]) -> Check:
        """sh:or / sh:xone of property shapes with sh:minCount and sh:maxCount only: the focus nodes for which
        no member (or) / not exactly one member (xone) holds. Like pySHACL, the value is the focus node."""
        counts, holds = [], []
        for i, member in enumerate(self.list_of(members)):
            keys = set(self.g.predicates(member, None)) - set(_IGNORED)
            if not keys or keys - {SH.minCount, SH.maxCount}:
                raise Unsupported(f"{shape}: {component} of constraints other than sh:minCount / sh:maxCount")
            path = self.path_of(member)
            # the values per node of the path, joined by hashing (not one probe per focus node)
            counts.append(f"OPTIONAL {{ SELECT ?focus (COUNT(DISTINCT ?any) AS ?n{i}) WHERE {{ "
                          f"{self.data('lg', f'?focus {path} ?any')} }} GROUP BY ?focus }}")
            bounds = [f"COALESCE(?n{i}, 0) >= {int(str(v))}" for v in self.g.objects(member, SH.minCount)]
            bounds += [f"COALESCE(?n{i}, 0) <= {int(str(v))}" for v in self.g.objects(member, SH.maxCount)]
            holds.append(f"IF({' && '.join(bounds)}, 1, 0)")
        met = " + ".join(holds) or "0"
        failing = f"{met} = 0" if component == "NodeOr" else f"{met} != 1"
        return Check(shape, None, component,
                     f"SELECT ?focus WHERE {{ {self.focus(targets)} {' '.join(counts)} FILTER({failing}) }}",
                     messages, value_is_focus=True)


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of ``shapes`` as a `Check`.

    Raises
    ------
    Unsupported
        A target other than sh:targetClass, a path that is not one predicate, or a constraint
        this engine does not evaluate.
    """
    return _Compiler(shapes).compile()


_PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
_TRUE = Literal(True)


def run_checks(store: Store, checks: list[Check], progress: Callable[[int, int], None] | None = None) -> list[Finding]:
    """The results of every check on ``store`` (the union of its graphs but the ontology).

    Raises
    ------
    Unsupported
        A data graph states rdfs:subClassOf (sh:class would have to follow it).
    """
    ontology = _iri(iris.ONTOLOGY_GRAPH)
    subclasses = store.query(_PREFIX + f"ASK {{ GRAPH ?g {{ ?c rdfs:subClassOf ?d }} FILTER(?g != {ontology}) }}")
    assert isinstance(subclasses, QueryBoolean)
    if bool(subclasses):
        raise Unsupported("the data graphs state rdfs:subClassOf")
    findings: list[Finding] = []
    for done, check in enumerate(checks, start=1):
        solutions = store.query(check.query)
        assert isinstance(solutions, QuerySolutions)
        for row in solutions:
            focus = row["focus"]
            value = focus if check.value_is_focus else _optional(row, "value")
            if check.flags:  # one result per constraint the value fails (an unbound flag: an error, a failure)
                failed = sum(1 for flag in check.flags if _optional(row, flag) != _TRUE)
                findings.extend(Finding(check, focus, value) for _ in range(failed))
            else:
                findings.append(Finding(check, focus, value))
        if progress is not None:
            progress(done, len(checks))
    return findings


def _optional(row: Any, name: str) -> NamedNode | BlankNode | Literal | None:
    try:
        return row[name]
    except (KeyError, IndexError):
        return None
