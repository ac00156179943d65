"""The property-graph model, pure: the hand-made corpus turned into nodes and relationships by hand."""

from __future__ import annotations

from policykg.graph.property.property_graph import (
    build_property_graph,
    deadline_parts,
    document_batches,
    place_links,
)
from policykg.records import Agency, Corpus, Document, Row
from tests.support.handmade import FQ, LY, handmade_corpus


def test_handmade_nodes_and_relationships_counted_by_hand():
    corpus = handmade_corpus()
    graph = build_property_graph(corpus)
    counts = {label: len(nodes) for label, nodes in graph.nodes.items()}
    # 7 rows; all 8 agencies are used (the unmapped names 市人社局 / 县资规局 are not agencies);
    # sectors 市场监管 政务服务 公安 税务 发展改革; places 福清市 罗源县 福州市 福建省
    assert counts == {"Measure": 7, "Agency": 8, "Indicator": 3, "Jurisdiction": 4, "Document": 2, "Sector": 5}
    rels = {kind: len(pairs) for kind, pairs in graph.relationships.items()}
    # LEADS 2+1+0+2 | 1+2+0; RESPONSIBLE_FOR 2+2+2+1 | 2+1+0; ADDRESSES: every row but the theme row;
    # INFERRED: none (the hand-made rows carry no inferred indicator);
    # IN: agencies with a place (各有关单位 has none); IN_SECTOR: agencies with a sector (no collective)
    assert rels == {"LEADS": 8, "RESPONSIBLE_FOR": 10, "ADDRESSES": 6, "INFERRED": 0, "FROM": 7, "IN": 7,
                    "PART_OF": 3, "IN_SECTOR": 6}
    assert graph.document_in == [(FQ, "350181"), (LY, "350123")]  # places by division code
    assert sorted(graph.relationships["PART_OF"]) == [("350100", "350000"), ("350123", "350100"), ("350181", "350100")]
    assert {p["id"]: p["name"] for p in graph.nodes["Jurisdiction"]} == {
        "350181": "福清市", "350100": "福州市", "350000": "福建省", "350123": "罗源县"}


def test_collectives_are_agencies_of_kind_collective():
    graph = build_property_graph(handmade_corpus())
    kinds = {a["id"]: a["kind"] for a in graph.nodes["Agency"]}
    assert kinds["350181/各镇街@a"] == "collective"
    assert kinds["350181/公安局"] == "agency"


def test_measure_properties_keep_the_row():
    corpus = handmade_corpus()
    row = corpus.rows[3]
    batch = next(document_batches(corpus))
    measure = next(m for m in batch.measures if m["props"]["line"] == row.line)
    assert measure["props"] == {
        "id": "a_福清.txt#4", "source": "a_福清.txt", "line": 35, "seq": "4", "text": row.measure, "item": None,
        "indicator_raw": "市场监管", "deadline_date": None, "deadline_kind": "conditional",
        "deadline_raw": "根据省市工作进度安排", "remark": None, "warnings": ["lead_inherited:市市场监管局", "seq_gap:5"],
        "leaders": [],
        "indicator_confidence": None, "indicator_evidence": [], "indicator_inferred_by": None,
    }
    # 市公安局 both leads and is responsible: it appears in both lists, once each
    assert measure["leads"] == ["350181/市场监督管理局", "350181/公安局"]
    assert measure["responsible"] == ["350181/公安局"]
    assert measure["indicators"] == ["市场监管"]


def test_deadline_parts():
    assert deadline_parts("2023-03-31") == ("2023-03-31", "date")
    assert deadline_parts("ongoing") == (None, "ongoing")
    assert deadline_parts("conditional") == (None, "conditional")
    assert deadline_parts(None) == (None, None)
    assert deadline_parts("6月底") == (None, None)


def test_place_links_never_make_a_place_part_of_itself():
    doc = Document("q.txt", jurisdiction="泉州市", parent="福建省", province="福建省", adcode="350500",
                   parent_adcode="350000", province_adcode="350000")
    agency = Agency("x", "泉州市市场监管局", "泉州市", "市场监管", "agency", parent="福建省", adcode="350500",
                    parent_adcode="350000")
    places, links = place_links(doc, [agency])
    assert links == [("350500", "350000")]
    assert places == {"350500": {"id": "350500", "name": "泉州市", "adcode": "350500"},
                      "350000": {"id": "350000", "name": "福建省", "adcode": "350000"}}


def test_places_without_a_code_are_keyed_by_their_parent():
    docs = [Document(f"{city}.txt", jurisdiction="高新区", parent=city, province="某省") for city in ("甲市", "乙市")]
    keys = [next(iter(place_links(doc, [])[0])) for doc in docs]
    assert keys == ["甲市·高新区", "乙市·高新区"]


def test_rows_of_a_document_without_facts_still_get_a_document():
    row = Row("lost.txt", "1", None, None, None, "措施", (), (), None, None, None, 3)
    batches = list(document_batches(Corpus(rows=[row])))
    assert [b.source for b in batches] == ["lost.txt"]
    assert batches[0].document == {"source": "lost.txt"}
    assert batches[0].measures[0]["id"] == "lost.txt#1"
