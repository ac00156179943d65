"""SHACL validation (samples conform, broken graphs fail readably) and export round trips."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, Store
from rdflib import Dataset, Graph

from policykg.cli import cli
from policykg.graph import build_store, load_corpus_into
from policykg.graph.rdf import iris
from policykg.graph.rdf.export import FORMATS, export_store, to_dataset
from policykg.graph.rdf.validate import validate_store
from tests.support.handmade import FQ, handmade_corpus

PKG = "https://w3id.org/policykg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_samples_conform(sample_corpus):
    store = Store()
    load_corpus_into(store, sample_corpus)
    report = validate_store(store)
    assert report.conforms, report.violations[:5]
    assert report.violations == []


def _broken_store() -> Store:
    store = Store()
    load_corpus_into(store, handmade_corpus())
    g = NamedNode(iris.graph_iri(FQ))
    m = NamedNode(iris.measure_iri(FQ, "2"))
    text = NamedNode(PKG + "measureText")
    for q in list(store.quads_for_pattern(m, text, None, g)):
        store.remove(q)
    store.add(Quad(NamedNode(iris.measure_iri(FQ, "1")), NamedNode(PKG + "dueDate"),
                   Literal("2020-02-30", datatype=NamedNode(XSD + "date")), g))
    store.add(Quad(NamedNode(iris.measure_iri(FQ, "3")), NamedNode(PKG + "leadUnit"),
                   NamedNode(iris.agency_iri("350181/无此单位")), g))
    return store


def test_broken_graph_fails_with_actionable_messages():
    report = validate_store(_broken_store(), "zh")
    assert not report.conforms
    found = {(v.focus, v.path, v.message) for v in report.violations}
    assert (f"{FQ}#2", "pkg:measureText", "措施内容为空或缺失：请检查来源行的“具体措施”栏") in found
    assert (f"{FQ}#1", "pkg:dueDate", "完成时限必须是一个有效日期（xsd:date，YYYY-MM-DD）") in found
    assert any(v.focus == f"{FQ}#3" and v.path == "pkg:leadUnit" and v.value == "agency/350181/无此单位"
               for v in report.violations)
    en = validate_store(_broken_store(), "en")
    assert any(v.message == "the measure text is missing or empty: check the measure cell of the source row"
               for v in en.violations)


def test_validate_cli_exit_codes(tmp_path):
    target = tmp_path / "kg"
    build_store(handmade_corpus(), target)
    runner = CliRunner()
    ok = runner.invoke(cli, ["--lang", "en", "validate", "--store", str(target)])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout == ""
    assert ok.stderr.startswith("the graph conforms to the shapes:")

    store = Store(str(target))
    g = NamedNode(iris.graph_iri(FQ))
    for q in list(store.quads_for_pattern(NamedNode(iris.measure_iri(FQ, "2")), NamedNode(PKG + "measureText"), None, g)):
        store.remove(q)
    store.flush()
    del store
    bad = runner.invoke(cli, ["--lang", "en", "validate", "--store", str(target), "--format", "csv"])
    assert bad.exit_code == 1
    assert bad.stdout == (
        '"focus","path","value","message"\n'
        f'"{FQ}#2","pkg:measureText","","the measure text is missing or empty: check the measure cell of the source row"\n'
    )
    assert bad.stderr.strip() == "Error: the graph does not conform: 1 violations (see the table above)"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_reparses_to_the_same_data(fmt):
    store = Store()
    load_corpus_into(store, handmade_corpus())
    text = export_store(store, fmt)
    spec = FORMATS[fmt]
    original = to_dataset(store)
    if spec.named_graphs:
        again = Dataset().parse(data=text, format=spec.rdflib_format)
        assert set(again.quads((None, None, None, None))) == set(original.quads((None, None, None, None)))
    else:
        again = Graph().parse(data=text, format=spec.rdflib_format)
        assert set(again) == {(s, p, o) for s, p, o, _ in original.quads((None, None, None, None))}


def test_export_cli_writes_file(tmp_path):
    out = tmp_path / "kg.nq"
    result = CliRunner().invoke(cli, ["--lang", "en", "export", "--format", "nq", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"exported nq → {out}\n"
    assert out.read_text(encoding="utf-8").count("\n") > 10000


def _as_set(report):
    return report.conforms, report.triples, sorted(v.to_dict().items().__repr__() for v in report.violations)


def _inconsistent_store() -> Store:
    """The broken store, plus an agency that another document graph names differently."""
    store = _broken_store()
    graphs = [g.value for g in store.named_graphs() if g.value not in iris.NON_DOCUMENT_GRAPHS]
    label = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    agency = next(q.object for q in store.quads_for_pattern(None, NamedNode(PKG + "leadUnit"), None, None)
                  if list(store.quads_for_pattern(q.object, label, None, None)))
    other = next(g for g in graphs if not list(store.quads_for_pattern(agency, None, None, NamedNode(g))))
    store.add(Quad(agency, label, Literal("另一个名称", language="zh"), NamedNode(other)))
    store.add(Quad(agency, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(PKG + "Agency"),
                   NamedNode(other)))
    return store


@pytest.mark.parametrize("make", [_broken_store, _inconsistent_store])
@pytest.mark.parametrize("batch", [10, 1_000_000])
def test_validating_in_parts_equals_validating_the_union(make, batch, monkeypatch):
    """pySHACL in parts (shared nodes once + document batches, in worker processes) gives the union's answer
    exactly; so does the SPARQL engine (tests/graph/test_shapes_sparql.py)."""
    import policykg.graph.rdf.validate as validate

    store = make()
    whole = validate.validate_graph(validate.data_graph(store), "zh")
    monkeypatch.setattr(validate, "_BATCH_TRIPLES", batch)
    seen = []
    parts = validate.validate_store(store, "zh", workers=2, progress=lambda done, total: seen.append((done, total)),
                                    engine="pyshacl")
    assert _as_set(parts) == _as_set(whole)
    assert not parts.conforms
    assert seen[-1][0] == seen[-1][1] and len(seen) == seen[-1][1] >= 2
    if make is _inconsistent_store:  # only the union sees the second name another document gives
        assert any(v.path == "skos:prefLabel" for v in parts.violations)
