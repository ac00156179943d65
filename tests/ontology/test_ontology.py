"""The ontology Turtle, the closed namespace, the indicator scheme and the shapes agree."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH, SKOS

from policykg.graph.rdf.iris import indicator_iri
from policykg.ontology import PKG, PKG_IRI, read_turtle


def _graph(which: str) -> Graph:
    return Graph().parse(data=read_turtle(which), format="turtle")


def _defined_terms() -> set[str]:
    return {name for name in PKG.__annotations__}


def test_namespace_lists_exactly_the_terms_of_the_turtle():
    g = _graph("ontology")
    in_turtle = {str(s)[len(PKG_IRI):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(PKG_IRI)}
    assert in_turtle == _defined_terms()


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        PKG.leadUnti  # noqa: B018  (misspelt on purpose)
    assert str(PKG.leadUnit) == PKG_IRI + "leadUnit"


@pytest.mark.parametrize("term", sorted(_defined_terms()))
def test_every_term_has_zh_and_en_label_and_comment(term):
    g = _graph("ontology")
    node = URIRef(PKG_IRI + term)
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in g.objects(node, prop) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, f"{term} lacks {prop} in {({'zh', 'en'} - langs)}"


def test_involves_is_the_super_property_of_lead_and_responsible():
    g = _graph("ontology")
    assert (PKG.leadUnit, RDFS.subPropertyOf, PKG.involves) in g
    assert (PKG.responsibleUnit, RDFS.subPropertyOf, PKG.involves) in g


def test_indicator_scheme_has_the_18_indicators_with_aliases():
    g = _graph("indicators")
    concepts = set(g.subjects(SKOS.inScheme, PKG.indicatorScheme))
    assert len(concepts) == 18
    for c in concepts:
        zh = [o for o in g.objects(c, SKOS.prefLabel) if o.language == "zh"]
        assert len(zh) == 1 and str(c) == indicator_iri(str(zh[0]))
        assert any(o.language == "en" for o in g.objects(c, SKOS.prefLabel))
    alias = {str(a): str(g.value(c, SKOS.prefLabel)) for c in concepts for a in g.objects(c, SKOS.altLabel)}
    assert set(alias) == {"不动产登记", "融资支持", "优化金融环境", "就业保障", "保护中小投资者权益", "知识产权创造保护和运用"}
    assert str(g.value(URIRef(indicator_iri("登记财产")), SKOS.prefLabel)) in {"登记财产", "Registering property"}


def test_every_shape_constraint_speaks_both_languages():
    g = _graph("shapes")
    properties = [p for shape in g.subjects(SH.targetClass, None) for p in g.objects(shape, SH.property)]
    assert len(properties) > 20
    for p in properties:
        langs = {o.language for o in g.objects(p, SH.message)}
        assert langs == {"zh", "en"}, f"property shape on {g.value(p, SH.path)} lacks a message"
    for shape in g.subjects(SH.targetClass, None):
        assert str(g.value(shape, SH.targetClass)).startswith(PKG_IRI)


def test_shape_targets_use_only_defined_terms():
    g = _graph("shapes")
    used = {str(o)[len(PKG_IRI):] for o in g.objects() if isinstance(o, URIRef) and str(o).startswith(PKG_IRI)}
    assert used <= _defined_terms()


def test_indicator_scheme_is_the_python_table():
    """ontology/indicators.ttl publishes loaders/indicators.py: names in order, English names, the rules' aliases."""
    from policykg.loaders.indicators import ALIASES, INDICATORS, INDICATORS_EN, RULE_ALIASES, SPELLING_VARIANTS

    g = _graph("indicators")
    concepts = sorted(g.subjects(SKOS.inScheme, PKG.indicatorScheme), key=lambda c: str(g.value(c, SKOS.notation)))
    labels = [{o.language: str(o) for o in g.objects(c, SKOS.prefLabel)} for c in concepts]
    assert [label["zh"] for label in labels] == list(INDICATORS)
    assert {label["zh"]: label["en"] for label in labels} == INDICATORS_EN
    published = {str(a): label["zh"] for c, label in zip(concepts, labels) for a in g.objects(c, SKOS.altLabel)}
    assert published == RULE_ALIASES
    assert ALIASES == {**RULE_ALIASES, **SPELLING_VARIANTS}
