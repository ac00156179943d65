"""The SHACL shapes as SPARQL queries run by pyoxigraph on the store itself: pySHACL's verdict, fast.

pySHACL checks ≈ 10k triples a second on an rdflib copy of the graph (a province's store took
≈ 200 s in worker processes). Our shapes use a few SHACL Core constraints on simple paths, each
of which is a SPARQL query over the union of the data graphs (every graph but the ontology and the
summary, as pySHACL's data graph): `compile_shapes` turns every constraint of the shapes graph into
a `Check` — a query whose rows are the results (focus node, value) pySHACL would report for it —
and `run_checks` runs them on the store, no copy made. The value constraints of a path (datatype,
pattern, …) are evaluated in one scan of its values shared by every shape that constrains it:
what a check costs is decoding and testing each value (≈ 4 µs a reference to it at 150k), not
reading the index. A shapes graph using anything else (another target, path or constraint kind)
raises `Unsupported`, and `policykg.graph.rdf.validate` falls back to pySHACL.

The results equal pySHACL's, result for result (focus, path, value, message): one per value node
for the value constraints (datatype, class, or-of-classes, node kind, pattern, min length, min
inclusive, in, language in), one per focus node for the counts (min / max count, has value), one
per focus node and repeated language for unique-lang, one per focus node conforming to a
negated shape (sh:not, value = the focus), and one per focus node meeting none of the members of
a node's sh:or, or not exactly one of its sh:xone (members that count values; value = the focus).
tests/graph/test_shapes_sparql.py compares the two on stores with every constraint broken;
`benchmarks/bench_validate.py` times each query and compares the reports with a git revision's.
As for pySHACL without inference, sh:class follows rdfs:subClassOf in the data graphs only;
`run_checks` refuses (`Unsupported`) a store whose data graphs state any, so that the fallback
decides.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
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
    """One constraint of one shape as a query: its rows are ``?focus`` (and ``?value``) of the results.

    The value constraints of a property shape (``conditions``, SPARQL expressions true when ``?value``
    meets them) have no query of their own: `run_checks` evaluates them in one scan of the path's
    values shared by every shape constraining that path, and keeps the values of nodes of ``targets``;
    so for sh:maxCount (``most``): the nodes with more values of the path are counted once.
    """

    shape: str
    path: str | None
    component: str
    query: str | None
    messages: dict[str, str] = field(default_factory=dict)
    value_is_focus: bool = False  # sh:not reports the focus node as the value
    targets: tuple[str, ...] = ()
    # a value fails each of these that is not true: one result per failed condition
    conditions: tuple[str, ...] = ()
    # sh:maxCount: no query of its own either, the nodes with too many values of a path counted once for every shape
    most: int | None = None


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

    def data(self, var: str, pattern: str) -> str:
        return _data(var, pattern)

    def focus(self, classes: list[str]) -> str:
        """The focus nodes, when they drive the query (a count of their values, a value they lack)."""
        union = " UNION ".join(f"{{ {self.data('tg', f'?focus a {c}')} }}" for c in classes)
        return f"{{ SELECT DISTINCT ?focus WHERE {{ {union} }} }}"

    def is_focus(self, classes: list[str]) -> str:
        """``?focus`` (bound by the rows before) is a focus node: a probe per row, for the few rows that fail
        (a join would build the whole target class first, ≈ 0.3 s for 150k measures). The rows before must be
        a subquery: pyoxigraph would push the filter down into a pattern, a probe per statement."""
        return f"FILTER EXISTS {{ {self.data('tg', '?focus a ?focusClass')} VALUES ?focusClass {{ {' '.join(classes)} }} }}"

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
            elif key == SH.maxCount:  # counted in `run_checks`, once for every shape constraining the path
                yield Check(shape, path, "MaxCount", None, messages, targets=tuple(targets), most=int(str(value)))
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
                # the distinct values (≈ 30k agencies for 435k statements) without a class first, then the nodes
                # stating them, then whether those are focus nodes: ≈ 4x faster than the (node, value) pairs
                # minus the typed values joined to the focus nodes
                untyped = (f"{{ SELECT ?value WHERE {{ {{ SELECT DISTINCT ?value WHERE {{ "
                           f"{self.data('vg', f'?node {path} ?value')} }} }} MINUS {{ {typed} }} }} }}")
                pairs = (f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {untyped} "
                         f"{self.data('ug', f'?focus {path} ?value')} }} }}")
                yield check(str(key).split("#")[-1].capitalize(),
                            f"SELECT ?focus ?value WHERE {{ {pairs} {self.is_focus(targets)} }}")
        # the other value constraints of the property: evaluated in the scan of the path (`run_checks`)
        conditions = [(str(key).split("#")[-1], self.value_condition(key, value)) for key, value in self.g.predicate_objects(prop)
                      if key in _VALUE_KEYS and key not in (SH["class"], SH["or"])]
        if conditions:
            yield Check(shape, path, "+".join(name for name, _ in conditions), None, messages,
                        targets=tuple(targets), conditions=tuple(condition for _, condition in conditions))

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
        # ?value once where the function's error on another kind of term already makes the condition false:
        # each reference decodes the stored term (≈ 4 µs a value at 150k)
        if key == SH.datatype:
            datatype = _iri(value)
            if value == XSD.string:
                # only a string equals its own text (another literal is another term, or a type error; STR of a
                # blank node an error): ≈ 25 % faster than DATATYPE(?value), which builds the datatype's IRI
                return "COALESCE(STR(?value) = ?value, false)"
            ok = f"DATATYPE(?value) = {datatype}"  # an error (false) for an IRI or a blank node
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
            # STR of a blank node is an error (false): a blank node never matches
            return f"COALESCE(REGEX(STR(?value), {_literal(RdfLiteral(str(value)))}), false)"
        if key == SH.minLength:
            return f"COALESCE(STRLEN(STR(?value)) >= {int(str(value))}, false)"
        if key == SH.minInclusive:
            return f"COALESCE(?value >= {_term(value)}, false)"
        if key == SH["in"]:
            members = " ".join(_term(v) for v in self.list_of(value))
            return f"EXISTS {{ VALUES ?allowed {{ {members} }} FILTER(sameTerm(?value, ?allowed)) }}"
        if key == SH.languageIn:
            # LANG of an IRI or a blank node is an error: false
            tests = " || ".join(f"LANGMATCHES(LANG(?value), {_literal(RdfLiteral(str(v)))})" for v in self.list_of(value))
            return f"COALESCE({tests}, false)"
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
        # the nodes with every path first, then whether they are focus nodes (every focus node conforms to
        # an empty shape)
        where = f"{' '.join(conditions)} {self.is_focus(targets)}" if conditions else self.focus(targets)
        return Check(shape, None, "Not", f"SELECT ?focus WHERE {{ {where} }}", messages, value_is_focus=True)


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
# The graphs that are not data: the ontology describes terms; the summary is counted from the document graphs
_NOT_DATA = tuple(_iri(g) for g in (iris.ONTOLOGY_GRAPH, iris.SUMMARY_GRAPH))


def _data(var: str, pattern: str) -> str:
    """``pattern`` in any data graph (every named graph but the ontology and the summary)."""
    return f"GRAPH ?{var} {{ {pattern} }} FILTER(?{var} NOT IN ({', '.join(_NOT_DATA)}))"


def _kinds(classes: list[str]) -> str:
    """Whether ``?focus`` is of each class (``?isJ``), and at least one: a probe per row, for the few rows left."""
    binds = " ".join(f"BIND(EXISTS {{ {_data('tg', f'?focus a {c}')} }} AS ?is{j})" for j, c in enumerate(classes))
    return f"{binds} FILTER({' || '.join(f'?is{j}' for j in range(len(classes)))})"


@dataclass(frozen=True, slots=True)
class _Shared(ABC):
    """The checks of one path run by one query (the value constraints, or sh:maxCount, of every shape)."""

    path: str
    checks: tuple[Check, ...]

    @abstractmethod
    def query(self) -> str:
        """The query of the checks."""

    @abstractmethod
    def findings(self, solutions: QuerySolutions) -> Iterator[Finding]:
        """The results of the checks, from the query's rows."""

    @property
    def classes(self) -> list[str]:
        return list(dict.fromkeys(c for check in self.checks for c in check.targets))

    def targeted(self, row: Any) -> Iterator[Check]:
        """The checks whose targets the row's focus is of."""
        kind = {c: f"is{j}" for j, c in enumerate(self.classes)}
        return (check for check in self.checks if any(_optional(row, kind[c]) == _TRUE for c in check.targets))


class _Scan(_Shared):
    """The value checks of one path, every shape's, in one scan of the path's values: each distinct condition
    evaluated once a value (the cost of a check is in decoding and testing the values, not in reading them)."""

    __slots__ = ()

    @property
    def conditions(self) -> list[str]:
        return list(dict.fromkeys(c for check in self.checks for c in check.conditions))

    def query(self) -> str:
        """Rows: a (focus, value) failing a condition, whether it meets each (``?okI``) and whether the focus is of
        each target class (``?isJ``), for focus nodes of at least one."""
        ok = [f"?ok{i}" for i in range(len(self.conditions))]
        binds = " ".join(f"BIND({c} AS {flag})" for flag, c in zip(ok, self.conditions))
        scan = (f"{{ SELECT DISTINCT ?focus ?value {' '.join(ok)} WHERE {{ {_data('vg', f'?focus {self.path} ?value')} "
                f"{binds} FILTER({' || '.join('!' + flag for flag in ok)}) }} }}")
        return f"SELECT * WHERE {{ {scan} {_kinds(self.classes)} }}"

    def findings(self, solutions: QuerySolutions) -> Iterator[Finding]:
        """One result per check whose targets the focus is of, per condition of that check the value fails (an
        unbound flag: an error, a failure)."""
        flag = {c: f"ok{i}" for i, c in enumerate(self.conditions)}
        for row in solutions:
            focus, value = row["focus"], row["value"]
            for check in self.targeted(row):
                failed = sum(1 for c in check.conditions if _optional(row, flag[c]) != _TRUE)
                for _ in range(failed):
                    yield Finding(check, focus, value)


class _Counts(_Shared):
    """The sh:maxCount checks of one path, every shape's: the nodes with more distinct values than the lowest bound."""

    __slots__ = ()

    def query(self) -> str:
        """Rows: a node with more than the lowest bound of values (``?n``), whether it is of each target class.

        A node with more than n distinct values has more than n statements of the path: those nodes first
        (a count of stored statements, ≈ 4x faster than counting distinct values of every node), then their
        distinct values counted."""
        low = min(check.most or 0 for check in self.checks)
        stated = (f"{{ SELECT ?focus WHERE {{ {_data('cg', f'?focus {self.path} ?any')} }} "
                  f"GROUP BY ?focus HAVING (COUNT(*) > {low}) }}")
        many = (f"{{ SELECT ?focus (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {stated} "
                f"{_data('vg', f'?focus {self.path} ?value')} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) > {low}) }}")
        return f"SELECT * WHERE {{ {many} {_kinds(self.classes)} }}"

    def findings(self, solutions: QuerySolutions) -> Iterator[Finding]:
        """One result per check whose targets the focus is of and whose bound its values exceed."""
        for row in solutions:
            n = int(row["n"].value)
            yield from (Finding(check, row["focus"], None) for check in self.targeted(row) if n > (check.most or 0))


def _plan(checks: list[Check]) -> list[Check | _Shared]:
    """The queries to run, in the order of the checks: each check with a query of its own, one scan per path of
    the value checks and one count per path of the sh:maxCount checks (each at the path's first)."""
    shared: dict[tuple[type[_Shared], str], list[Check]] = {}
    order: list[Check | tuple[type[_Shared], str]] = []
    for check in checks:
        if check.query is not None:
            order.append(check)
            continue
        assert check.path is not None
        key = (_Counts if check.most is not None else _Scan, check.path)
        if key not in shared:
            shared[key] = []
            order.append(key)
        shared[key].append(check)
    return [step[0](step[1], tuple(shared[step])) if isinstance(step, tuple) else step for step in order]


def run_checks(store: Store, checks: list[Check], progress: Callable[[int, int], None] | None = None) -> list[Finding]:
    """The results of every check on ``store`` (the union of its data graphs: all but the ontology and the
    summary). ``progress(done, total)`` as each query is run (a scan of a path runs several checks).

    Raises
    ------
    Unsupported
        A data graph states rdfs:subClassOf (sh:class would have to follow it).
    """
    subclasses = store.query(_PREFIX + f"ASK {{ {_data('g', '?c rdfs:subClassOf ?d')} }}")
    assert isinstance(subclasses, QueryBoolean)
    if bool(subclasses):
        raise Unsupported("the data graphs state rdfs:subClassOf")
    findings: list[Finding] = []
    plan = _plan(checks)
    for done, step in enumerate(plan, start=1):
        text = step.query() if isinstance(step, _Shared) else step.query
        assert text is not None
        solutions = store.query(text)
        assert isinstance(solutions, QuerySolutions)
        if isinstance(step, _Shared):
            findings.extend(step.findings(solutions))
        else:
            for row in solutions:
                focus = row["focus"]
                findings.append(Finding(step, focus, focus if step.value_is_focus else _optional(row, "value")))
        if progress is not None:
            progress(done, len(plan))
    return findings


def _optional(row: Any, name: str) -> NamedNode | BlankNode | Literal | None:
    try:
        return row[name]
    except (KeyError, IndexError):
        return None
