"""The SPARQL engine of the shapes reports what pySHACL reports, result for result.

Every constraint of ontology/shapes.ttl is broken in a store (read from the shapes graph, so a new
constraint is broken too), in several ways and in a document graph or another graph, and the two
engines are compared: the verdict, the triple count and every (focus, path, value, message).
"""

from __future__ import annotations

import random

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store
from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from policykg.graph import load_corpus_into
from policykg.graph.rdf import iris, validate
from policykg.graph.rdf.shapes_sparql import Unsupported, compile_shapes
from tests.support.handmade import inferred_corpus

PKG = "https://w3id.org/policykg/ontology#"
TYPE = NamedNode(str(RDF.type))


def _shapes() -> Graph:
    return Graph().parse(data=validate._shapes(None), format="nt")


def _document_graphs(store: Store) -> list[NamedNode]:
    return sorted((g for g in store.named_graphs() if g.value not in iris.NON_DOCUMENT_GRAPHS), key=lambda g: g.value)


def _wrong_values(shapes: Graph, constraint, value) -> list:
    """Values that break ``constraint`` (with parameter ``value``)."""
    odd = NamedNode("https://w3id.org/policykg/id/nothing/here")
    if constraint == SH.datatype:
        wrong = [Literal("x", language="zh"), odd, Literal("2020-02-30", datatype=NamedNode(str(XSD.date))),
                 Literal("1.5", datatype=NamedNode(str(XSD.integer))), Literal("12")]
        if value == XSD.string:  # a datatype no engine knows (for xsd:string only: where sh:minInclusive also
            # applies, pySHACL leaves such a value to sh:datatype and SPARQL fails it on both)
            wrong.append(Literal("x", datatype=NamedNode("https://w3id.org/policykg/id/a/datatype")))
        return wrong
    if constraint in (SH["class"], SH["or"]):
        return [odd, Literal("字面值")]
    if constraint == SH.nodeKind:
        return [Literal("字面值")] if value == SH.IRI else [odd]
    if constraint == SH.pattern:
        return [Literal("不匹配"), odd]
    if constraint == SH.minLength:
        return [Literal("")]
    if constraint == SH.minInclusive:
        return [Literal(0), Literal("5"), Literal("x", datatype=NamedNode(str(XSD.integer)))]
    if constraint == SH["in"]:
        return [odd, Literal(str(list(Collection(shapes, value))[0]))]
    if constraint == SH.languageIn:
        return [Literal("x", language="fr"), Literal("无语言")]
    if constraint == SH.uniqueLang:
        return [Literal("甲", language="zh"), Literal("乙", language="zh")]
    if constraint == SH.maxCount:
        return [Literal("多一个"), NamedNode("https://w3id.org/policykg/id/another/value")]
    return []


def _count_to(store: Store, focus, shapes: Graph, member, meets: bool, graph) -> None:
    """Give ``focus`` as many values of the member's path as meet its sh:minCount / sh:maxCount, or not."""
    path = NamedNode(str(shapes.value(member, SH.path)))
    low, high = shapes.value(member, SH.minCount), shapes.value(member, SH.maxCount)
    if (low is not None) == meets:  # at least low values (meets), or more than high (does not)
        wanted = int(low) if meets else int(high) + 1
        have = sum(1 for _ in store.quads_for_pattern(focus, path, None, None))
        for i in range(have, wanted):
            store.add(Quad(focus, path, NamedNode(f"https://w3id.org/policykg/id/counted/{i}"), graph))
    else:  # none: fewer than low (does not meet), at most high (meets)
        for q in list(store.quads_for_pattern(focus, path, None, None)):
            store.remove(q)


def broken_store(seed: int, anywhere: bool = True) -> Store:
    """The hand-made corpus with every constraint of the shapes broken somewhere: in the node's own
    graph, or (``anywhere``) in another one too, which the builder never does."""
    store = Store()
    load_corpus_into(store, inferred_corpus())  # with inference nodes: a model's and a correction's
    break_every_constraint(store, random.Random(seed), anywhere)
    return store


def break_every_constraint(store: Store, rng: random.Random, anywhere: bool = True) -> None:
    """Break every constraint of the shapes on nodes of ``store`` chosen by ``rng`` (also used by
    benchmarks/bench_validate.py on a generated store)."""
    graphs = _document_graphs(store)
    shapes = _shapes()
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        for cls in sorted(shapes.objects(shape, SH.targetClass), key=str):
            nodes = sorted({q.subject for q in store.quads_for_pattern(None, TYPE, NamedNode(str(cls)), None)},
                           key=str)
            if not nodes:
                continue
            for prop in shapes.objects(shape, SH.property):
                path = NamedNode(str(shapes.value(prop, SH.path)))
                for constraint, value in shapes.predicate_objects(prop):
                    focus = rng.choice(nodes)
                    home = rng.choice([q.graph_name for q in store.quads_for_pattern(focus, TYPE, None, None)])
                    where = rng.choice([home, rng.choice(graphs)]) if anywhere else home
                    if constraint in (SH.minCount, SH.hasValue):
                        for q in list(store.quads_for_pattern(focus, path, None, None)):
                            store.remove(q)
                    for wrong in _wrong_values(shapes, constraint, value):
                        store.add(Quad(focus, path, wrong, where))
            for negated in shapes.objects(shape, SH["not"]):  # a node with every path of the negated shape
                focus = rng.choice(nodes)
                home = next(iter(store.quads_for_pattern(focus, TYPE, None, None))).graph_name
                for prop in shapes.objects(negated, SH.property):
                    store.add(Quad(focus, NamedNode(str(shapes.value(prop, SH.path))), NamedNode(PKG + "ongoing"), home))
            for logic in (SH["or"], SH.xone):  # a node meeting no member; for xone another meeting them all
                for members in shapes.objects(shape, logic):
                    for meets in (False, True) if logic == SH.xone else (False,):
                        focus = rng.choice(nodes)
                        home = next(iter(store.quads_for_pattern(focus, TYPE, None, None))).graph_name
                        for member in Collection(shapes, members):
                            _count_to(store, focus, shapes, member, meets, home)


def _report(report):
    return report.conforms, [v.to_dict() for v in report.violations]


def _statements(store: Store) -> int:
    """The statements of the data graphs: every graph but the ontology and the summary (counted from the others)."""
    return sum(1 for q in store if q.graph_name.value not in (iris.ONTOLOGY_GRAPH, iris.SUMMARY_GRAPH))


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_broken_constraint_is_reported_as_pyshacl_reports_it(seed, lang):
    store = broken_store(seed)
    sparql = validate.validate_store(store, lang, engine="sparql")
    reference = validate.validate_graph(validate.data_graph(store), lang)
    assert _report(sparql) == _report(reference)
    assert sparql.triples == _statements(store) >= reference.triples
    assert len(sparql.violations) > 60
    # every constraint kind of the shapes is among the results
    assert {v.path for v in sparql.violations} >= {"pkg:measureText", "pkg:dueDate", "skos:prefLabel", "pkg:adcode"}


def test_the_summary_graph_is_not_validated(sample_corpus):
    # the summary is counted from the document graphs: what it states neither hides nor makes a violation
    store = Store()
    load_corpus_into(store, sample_corpus)
    summary = NamedNode(iris.SUMMARY_GRAPH)
    label = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    agency = sorted({q.subject for q in store.quads_for_pattern(None, TYPE, NamedNode(PKG + "Agency"), None)},
                    key=str)[0]
    for q in list(store.quads_for_pattern(agency, label, None, None)):
        store.remove(q)
    store.add(Quad(agency, label, Literal("只在汇总图中的名称"), summary))  # the name only in the summary
    measure = next(q.subject for q in store.quads_for_pattern(None, TYPE, NamedNode(PKG + "Measure"), None))
    store.add(Quad(measure, NamedNode(PKG + "measureText"), Literal(""), summary))  # a second, empty text
    report = validate.validate_store(store, "en")
    assert [(v.path, v.value) for v in report.violations] == [("skos:prefLabel", "")]
    assert _report(report) == _report(validate.validate_graph(validate.data_graph(store), "en"))
    assert report.triples == _statements(store)


def test_in_parts_and_sparql_agree(sample_corpus):
    # pySHACL in parts assumes what the builder guarantees: a measure or document in its own graph only
    store = broken_store(4, anywhere=False)
    assert _report(validate.validate_store(store, "zh", engine="sparql")) == _report(
        validate.validate_store(store, "zh", engine="pyshacl", workers=2))
    clean = Store()
    load_corpus_into(clean, sample_corpus)
    sparql = validate.validate_store(clean, "zh")
    assert sparql.conforms and sparql.violations == []
    assert _report(sparql) == _report(validate.validate_graph(validate.data_graph(clean), "zh"))


def test_every_shape_constraint_is_compiled():
    shapes = _shapes()
    negated = set(shapes.objects(None, SH["not"]))
    inner = {prop for node in negated for prop in shapes.objects(node, SH.property)}
    constraints = sorted(str(key).split("#")[-1] for prop in shapes.objects(None, SH.property) if prop not in inner
                         for key in shapes.predicates(prop, None) if key not in (SH.path, SH.message))
    compiled = sorted(part for c in compile_shapes(shapes) if c.component not in ("Not", "NodeOr", "NodeXone")
                      for part in c.component.lower().split("+"))
    assert compiled == sorted(c.lower() for c in constraints)  # each constraint of a property shape, once
    assert sum(1 for c in compile_shapes(shapes) if c.component == "Not") == len(negated)
    logic = [m for key in (SH["or"], SH.xone) for s in shapes.subjects(RDF.type, SH.NodeShape)
             for m in shapes.objects(s, key)]
    assert logic and sum(1 for c in compile_shapes(shapes) if c.component in ("NodeOr", "NodeXone")) == len(logic)


def test_what_the_engine_does_not_evaluate_falls_back_to_pyshacl(monkeypatch):
    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
        ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .""", format="turtle")
    with pytest.raises(Unsupported):
        compile_shapes(shapes)
    # a store whose data graphs state rdfs:subClassOf: pySHACL decides
    store = broken_store(5, anywhere=False)
    store.add(Quad(NamedNode(PKG + "Agency"), NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                   NamedNode(PKG + "Collective"), _document_graphs(store)[0]))
    used = []
    real = validate._validate_in_parts
    monkeypatch.setattr(validate, "_validate_in_parts", lambda *a: used.append(1) or real(*a))
    assert _report(validate.validate_store(store, "zh")) == _report(validate.validate_graph(validate.data_graph(store)))
    assert used == [1]
    assert validate.validate_store(store, "zh").triples == validate.validate_graph(validate.data_graph(store)).triples


def test_the_command_prints_the_same_table_with_either_engine(tmp_path):
    from click.testing import CliRunner

    from policykg.cli import cli

    source = broken_store(6, anywhere=False)
    target = Store(str(tmp_path / "kg"))
    target.bulk_extend(source)
    target.flush()
    del target
    runner = CliRunner()
    tables = [runner.invoke(cli, ["--lang", "en", "validate", "--store", str(tmp_path / "kg"), "--format", "csv",
                                  "--engine", engine]) for engine in ("sparql", "pyshacl")]
    assert tables[0].exit_code == tables[1].exit_code == 1
    assert tables[0].stdout == tables[1].stdout and tables[0].stdout.count("\n") > 60
    from policykg.messages import set_language

    set_language("zh")
