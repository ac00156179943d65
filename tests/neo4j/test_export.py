"""The offline export: CSV files for neo4j-admin, and a load.cypher that rebuilds the pushed graph."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from policykg.errors import StoreError
from policykg.graph.property.bolt import BoltSettings, connect
from policykg.graph.property.neo4j_export import ARRAY_DELIMITER, cypher_statements, export_csv
from policykg.graph.property.neo4j_push import graph_counts
from policykg.graph.property.property_graph import build_property_graph, measure_properties
from policykg.identities import measure_ids
from policykg.messages import render
from policykg.queries.cypher import list_cypher_queries, run_named_cypher
from tests.support.expected_answers import EXPECTED
from tests.support.falkordb_server import start_falkordb, stop_falkordb


def _read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_files_hold_every_node_and_relationship_once(tmp_path, sample_corpus):
    export = export_csv(sample_corpus, tmp_path)
    graph = build_property_graph(sample_corpus)
    assert export.nodes == {f"nodes_{label}.csv": len(nodes) for label, nodes in graph.nodes.items()}
    assert sum(export.relationships.values()) == graph.relationship_count()
    assert export.relationships["rels_IN_Document.csv"] == len(sample_corpus.documents)


def test_measure_rows_round_trip(tmp_path, sample_corpus):
    export_csv(sample_corpus, tmp_path)
    rows = _read(tmp_path / "nodes_Measure.csv")
    assert list(rows[0]) == ["id:ID(Measure)", "source", "line:int", "seq", "text", "item", "indicator_raw",
                             "deadline_date", "deadline_kind", "deadline_raw", "remark", "warnings:string[]",
                             "leaders:string[]", "indicator_confidence:double", "indicator_evidence:string[]",
                             "indicator_inferred_by", ":LABEL"]
    by_id = {r["id:ID(Measure)"]: r for r in rows}
    ids = measure_ids(sample_corpus.rows)
    assert len(by_id) == len(ids) == len(sample_corpus.rows)
    for source_row in sample_corpus.rows:
        props = measure_properties(source_row, ids[(source_row.source, source_row.line)])
        row = by_id[props["id"]]
        assert row["text"] == props["text"]  # multi-line texts survive quoting
        assert int(row["line:int"]) == props["line"]
        assert row["deadline_date"] == (props["deadline_date"] or "")
        warnings = row["warnings:string[]"].split(ARRAY_DELIMITER) if row["warnings:string[]"] else []
        assert warnings == props["warnings"]


def test_collectives_carry_both_labels(tmp_path, sample_corpus):
    export_csv(sample_corpus, tmp_path)
    labels = {r["id:ID(Agency)"]: r[":LABEL"] for r in _read(tmp_path / "nodes_Agency.csv")}
    kinds = {a.id: a.kind for a in sample_corpus.agencies.values()}
    assert all(labels[i] == ("Agency;Collective" if kinds[i] == "collective" else "Agency") for i in labels)


def test_a_value_with_the_array_delimiter_is_refused(tmp_path, sample_corpus):
    agency = sample_corpus.agencies[sample_corpus.lead_ids(sample_corpus.rows[0])[0]]
    odd = dataclasses.replace(agency, aliases=(f"甲{ARRAY_DELIMITER}乙",))
    corpus = dataclasses.replace(sample_corpus, agencies={**sample_corpus.agencies, agency.id: odd})
    with pytest.raises(StoreError) as refused:
        export_csv(corpus, tmp_path)
    assert refused.value.key == "export_array_delimiter"
    assert render(refused.value.key, "en", **refused.value.values) == (
        f"Agency {agency.id}: value 甲|乙 contains the array delimiter |, which neo4j-admin could not read back")


def test_import_args_name_every_file(tmp_path, sample_corpus):
    export = export_csv(sample_corpus, tmp_path)
    args = (tmp_path / "import.args").read_text(encoding="utf-8").splitlines()
    assert f"--array-delimiter={ARRAY_DELIMITER}" in args and "--multiline-fields=true" in args
    named = {a.split("=")[-1] for a in args if a.startswith(("--nodes=", "--relationships="))}
    assert named == set(export.nodes) | set(export.relationships)


def test_load_cypher_rebuilds_the_pushed_graph(tmp_path, sample_corpus, pushed_samples):
    """Run load.cypher's LOAD CSV statements on a second FalkorDB; the graph and every answer match the push."""
    export_csv(sample_corpus, tmp_path)
    statements = cypher_statements((tmp_path / "load.cypher").read_text(encoding="utf-8"))
    constraints = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == 6  # Neo4j syntax; FalkorDB gets its indexes from ensure_indexes instead
    server = start_falkordb(import_dir=tmp_path)
    try:
        with connect(BoltSettings(uri=server.uri)) as conn:
            from policykg.graph.property.neo4j_push import ensure_indexes

            ensure_indexes(conn)
            for statement in statements:
                if statement not in constraints:
                    conn.write(statement)
            loaded = graph_counts(conn)
            assert loaded == graph_counts(pushed_samples)
            for inferred in (_INFERRED, _INFERENCE_PROPERTIES):  # properties of relationships and nodes too
                assert conn.read(inferred)[1] == pushed_samples.read(inferred)[1] != []
            for query in list_cypher_queries():
                assert run_named_cypher(conn, query.name).rows == EXPECTED[query.name](sample_corpus), query.name
    finally:
        stop_falkordb(server)


_INFERRED = ("MATCH (m:Measure)-[r:INFERRED]->(i:Indicator) "
             "RETURN m.id AS id, i.name AS name, r.confidence AS confidence, r.by AS by ORDER BY id")
_INFERENCE_PROPERTIES = ("MATCH (m:Measure) WHERE m.indicator_inferred_by IS NOT NULL RETURN m.id AS id, "
                         "m.indicator_confidence AS confidence, m.indicator_evidence AS evidence, "
                         "m.indicator_inferred_by AS by ORDER BY id")


def test_import_args_store_empty_cells_as_absent_and_constraints_ship_beside(tmp_path, sample_corpus):
    export_csv(sample_corpus, tmp_path)
    assert "--ignore-empty-strings=true" in (tmp_path / "import.args").read_text(encoding="utf-8").splitlines()
    after = cypher_statements((tmp_path / "after_import.cypher").read_text(encoding="utf-8"))
    constraints = [s for s in after if s.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == 6 and all("IS UNIQUE" in s for s in constraints)


def test_formula_like_texts_are_marked_in_the_files_and_loaded_unmarked(tmp_path):
    from policykg.loaders import load_corpus
    from tests.cli.test_spreadsheet_safety import HOSTILE

    source = tmp_path / "evil.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    corpus = load_corpus([source])
    out = tmp_path / "export"
    export_csv(corpus, out)
    measures = _read(out / "nodes_Measure.csv")
    assert measures[0]["text"].startswith("'=HYPERLINK(")  # a spreadsheet shows text, never runs it
    server = start_falkordb(import_dir=out)
    try:
        with connect(BoltSettings(uri=server.uri)) as conn:
            for statement in cypher_statements((out / "load.cypher").read_text(encoding="utf-8")):
                if not statement.startswith("CREATE CONSTRAINT"):
                    conn.write(statement)
            _, rows = conn.read("MATCH (m:Measure) RETURN m.text AS text ORDER BY m.line")
            assert [r["text"] for r in rows] == [r.measure for r in corpus.rows]
    finally:
        stop_falkordb(server)
