"""Pushing to a real FalkorDB, over Bolt and over its Redis port: counts, idempotence, --replace, odd values,
a server dying mid-push. Tests taking ``conn`` run once per protocol."""

from __future__ import annotations

import dataclasses
import re
import threading
import time

import pytest

from policykg.errors import BackendError, QueryError
from policykg.graph.property.bolt import BoltSettings, connect
from policykg.graph.property.falkordb_redis import RedisConnection
from policykg.graph.property.neo4j_push import document_statements, graph_counts, push_corpus
from policykg.graph.property.property_graph import build_property_graph, document_batches
from policykg.records import Corpus, Row
from tests.support.falkordb_server import start_falkordb, terminate_falkordb
from tests.support.handmade import handmade_corpus


@pytest.fixture(params=["bolt", "redis"])
def conn(request):
    """An emptied connection to the session FalkorDB, over Bolt, then over the Redis port."""
    return request.getfixturevalue("bolt" if request.param == "bolt" else "falkordb_redis")


def _uri(server, protocol: str) -> str:
    return server.uri if protocol == "bolt" else f"redis://127.0.0.1:{server.port}"


def _expected_counts(corpus: Corpus) -> dict[str, int]:
    graph = build_property_graph(corpus)
    return {"nodes": graph.node_count(), "relationships": graph.relationship_count(),
            **{label: len(nodes) for label, nodes in graph.nodes.items()}}


def _measures_per_document(conn) -> dict[str, int]:
    _, rows = conn.read("MATCH (m:Measure)-[:FROM]->(d:Document) RETURN d.source AS source, count(m) AS n")
    return {r["source"]: r["n"] for r in rows}


def test_push_gives_the_model_counts(conn, sample_corpus):
    stats = push_corpus(conn, sample_corpus)
    assert (stats.documents, stats.measures) == (5, 521)
    counts = graph_counts(conn)
    expected = _expected_counts(sample_corpus)
    assert {k: counts[k] for k in expected} == expected
    assert counts["StagedMeasure"] == 0
    assert counts["Collective"] == sum(1 for a in build_property_graph(sample_corpus).nodes["Agency"]
                                       if a["kind"] == "collective")


def test_pushing_twice_creates_no_duplicates(conn, sample_corpus):
    push_corpus(conn, sample_corpus)
    first = graph_counts(conn)
    stats = push_corpus(conn, sample_corpus)
    assert stats.indexes == []  # every index exists already
    assert graph_counts(conn) == first


def test_properties_and_relationships_as_in_the_rows(conn):
    corpus = handmade_corpus()
    push_corpus(conn, corpus)
    # (FalkorDB 4.16 mixes up pattern comprehensions that reuse a variable name: l and r, not a and a)
    _, rows = conn.read(
        "MATCH (m:Measure {id: $id})-[:FROM]->(d:Document) "
        "RETURN m.seq AS seq, m.line AS line, m.deadline_kind AS kind, m.deadline_date AS date, m.text AS text, "
        "m.warnings AS warnings, d.source AS source, "
        "[(l:Agency)-[:LEADS]->(m) | l.id] AS leads, [(r:Agency)-[:RESPONSIBLE_FOR]->(m) | r.id] AS responsible, "
        "[(m)-[:ADDRESSES]->(i:Indicator) | i.name] AS indicators",
        {"id": "a_福清.txt#4"},
    )
    row = rows[0]
    assert {k: row[k] for k in ("seq", "line", "kind", "date", "source", "indicators")} == {
        "seq": "4", "line": 35, "kind": "conditional", "date": None, "source": "a_福清.txt", "indicators": ["市场监管"]}
    assert row["text"] == "加强事中事后监管。\n“互联网+监管”全覆盖。"
    assert row["warnings"] == ["lead_inherited:市市场监管局", "seq_gap:5"]
    assert sorted(row["leads"]) == ["350181/公安局", "350181/市场监督管理局"]
    assert row["responsible"] == ["350181/公安局"]
    _, rows = conn.read("MATCH (a:Collective) RETURN a.id AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["350123/各有关单位@b", "350181/各镇街@a"]
    _, rows = conn.read("MATCH (j:Jurisdiction)-[:PART_OF]->(w:Jurisdiction) RETURN j.name AS j, w.name AS w ORDER BY j")
    assert [(r["j"], r["w"]) for r in rows] == [("福州市", "福建省"), ("福清市", "福州市"), ("罗源县", "福州市")]
    _, rows = conn.read("MATCH (j:Jurisdiction {name: '福清市'}) RETURN j.adcode AS adcode")
    assert rows == [{"adcode": "350181"}]


def _without_row(corpus: Corpus, line: int) -> Corpus:
    return dataclasses.replace(corpus, rows=[r for r in corpus.rows if r.line != line])


def test_replace_swaps_a_documents_measures(conn):
    corpus = handmade_corpus()
    push_corpus(conn, corpus)
    shorter = _without_row(corpus, 19)
    push_corpus(conn, shorter)  # without --replace the dropped measure stays
    assert _measures_per_document(conn)["a_福清.txt"] == 4
    push_corpus(conn, shorter, replace=True)
    assert _measures_per_document(conn) == {"a_福清.txt": 3, "b 罗源#1.txt": 3}
    counts = graph_counts(conn)
    expected = _expected_counts(shorter)
    assert (counts["Measure"], counts["LEADS"], counts["RESPONSIBLE_FOR"]) == (
        expected["Measure"], 7, 8)


def test_a_changed_row_gets_exactly_its_new_relationships(conn):
    corpus = handmade_corpus()
    push_corpus(conn, corpus)
    rows = [dataclasses.replace(r, lead=("市公安局",)) if r.line == 11 else r for r in corpus.rows]
    push_corpus(conn, dataclasses.replace(corpus, rows=rows))
    _, found = conn.read("MATCH (a:Agency)-[:LEADS]->(m:Measure {id: 'a_福清.txt#1'}) RETURN a.id AS id")
    assert [r["id"] for r in found] == ["350181/公安局"]


def test_nothing_is_a_measure_until_the_publish_statement(conn, sample_corpus):
    batch = next(document_batches(sample_corpus))
    statements = document_statements(batch, budget=conn.statement_budget)
    conn.write_many(statements[:-1])
    counts = graph_counts(conn)
    assert (counts["Measure"], counts["StagedMeasure"]) == (0, len(batch.measures))
    assert [t for t in ("LEADS", "RESPONSIBLE_FOR", "ADDRESSES", "FROM") if counts.get(t)] == []
    conn.write_many(statements[-1:])
    counts = graph_counts(conn)
    assert (counts["Measure"], counts["StagedMeasure"]) == (len(batch.measures), 0)
    assert counts["FROM"] == len(batch.measures)
    assert counts["LEADS"] == sum(len(m["leads"]) for m in batch.measures)
    assert counts["RESPONSIBLE_FOR"] == sum(len(m["responsible"]) for m in batch.measures)
    assert counts["ADDRESSES"] == sum(len(m["indicators"]) for m in batch.measures)


def test_the_push_never_relabels_a_measure(sample_corpus):
    # On FalkorDB a label change costs time in proportion to the whole graph, per node
    # (docs/cypher.md, bug 11): relabelling staged measures made the push slower with every document.
    texts = {text for batch in document_batches(sample_corpus) for text, _ in document_statements(batch, budget=3800)}
    for text in texts:
        assert not re.search(r"\b(SET|REMOVE)\s+\w+\s*:\s*\w*Measure\b", text), text


ODD = ["a'b", "x' OR 1=1 //", "'\nMATCH (n) DETACH DELETE n //", "back\\slash", "end\\", "\\'", '"q"', "$x {y}"]


def test_odd_characters_arrive_unchanged(conn):
    # FalkorDB pastes parameters into its query text unescaped; the connection escapes them for it.
    rows = [Row("odd.txt", str(i), None, None, text, text, (), (), text, None, text, 10 + i)
            for i, text in enumerate(ODD)]
    push_corpus(conn, Corpus(rows=rows))
    _, found = conn.read("MATCH (m:Measure) RETURN m.text AS text, m.item AS item, m.remark AS remark ORDER BY m.line")
    assert [r["text"] for r in found] == ODD
    assert [r["item"] for r in found] == ODD
    assert graph_counts(conn)["Measure"] == len(ODD)


def test_a_text_longer_than_one_statement_is_written_whole(bolt):
    text = "推进“一网通办”改革，" * 400  # ~12 KB, three times what FalkorDB takes in one statement
    corpus = Corpus(rows=[Row("long.txt", "1", None, None, None, text, (), (), None, None, None, 5)])
    batch = next(document_batches(corpus))
    assert len(document_statements(batch, budget=bolt.statement_budget)) > 4
    push_corpus(bolt, corpus)
    push_corpus(bolt, corpus)  # appending again must not double it
    _, found = bolt.read("MATCH (m:Measure) RETURN m.text AS text")
    assert found == [{"text": text}]


def test_a_statement_too_long_for_falkordb_is_refused_not_sent(bolt):
    with pytest.raises(QueryError, match="4 KB"):
        bolt.read("RETURN $x AS x", {"x": "长" * 3000})
    assert bolt.read("RETURN 1 AS one")[1] == [{"one": 1}]  # the server is still there


def _many_documents(corpus: Corpus, copies: int) -> Corpus:
    """The samples under several file names: more documents, same shapes."""
    docs, rows = [], []
    for k in range(copies):
        rename = {d.source: f"c{k}_{d.source}" for d in corpus.documents}
        docs += [dataclasses.replace(d, source=rename[d.source]) for d in corpus.documents]
        rows += [dataclasses.replace(r, source=rename[r.source]) for r in corpus.rows]
    assignments = {(f"c{k}_{s}", n): a for (s, n), a in corpus.assignments.items() for k in range(copies)}
    return Corpus(documents=docs, rows=rows, agencies=corpus.agencies, assignments=assignments)


def _drop(conn) -> None:
    """Close a connection to a server that is gone (Bolt's close would first knock at its port)."""
    if isinstance(conn, RedisConnection):
        conn.close()
    else:
        conn.driver.close()


def _assert_whole_documents(conn, corpus: Corpus) -> dict[str, int]:
    """Every document in the graph has all its measures; the measures of the graph belong to those documents."""
    expected = {}
    for row in corpus.rows:
        expected[row.source] = expected.get(row.source, 0) + 1
    found = _measures_per_document(conn)
    for source, count in found.items():
        assert count == expected[source], f"{source}: {count} of {expected[source]} measures"
    _, rows = conn.read("MATCH (m:Measure) WHERE NOT (m)-[:FROM]->(:Document) RETURN count(m) AS n")
    assert rows == [{"n": 0}]
    return found


@pytest.mark.parametrize("protocol", ["bolt", "redis"])
def test_server_stopped_between_documents_leaves_whole_documents(tmp_path, sample_corpus, protocol):
    server = start_falkordb(data_dir=tmp_path / "data")
    settings = BoltSettings(uri=_uri(server, protocol), retry_seconds=1.0)
    conn = connect(settings)
    written: list[str] = []

    def stop_after_second(source: str, measures: int) -> None:
        written.append(source)
        if len(written) == 2:
            assert terminate_falkordb(server) == 0  # clean shutdown: the snapshot holds what was committed

    try:
        with pytest.raises(BackendError, match=f"{protocol}://127.0.0.1"):
            push_corpus(conn, sample_corpus, progress=stop_after_second)
    finally:
        _drop(conn)
        terminate_falkordb(server)
    restarted = start_falkordb(data_dir=tmp_path / "data")
    try:
        with connect(BoltSettings(uri=_uri(restarted, protocol))) as conn:
            assert set(_assert_whole_documents(conn, sample_corpus)) == set(written)
    finally:
        terminate_falkordb(restarted)


@pytest.mark.parametrize("protocol", ["bolt", "redis"])
def test_server_stopped_in_the_middle_of_a_push_leaves_no_half_document(tmp_path, sample_corpus, protocol):
    # over the Redis port a push of the 20 documents takes well under a second: more copies
    corpus = _many_documents(sample_corpus, 4 if protocol == "bolt" else 24)
    server = start_falkordb(data_dir=tmp_path / "data")
    conn = connect(BoltSettings(uri=_uri(server, protocol), retry_seconds=1.0))
    started = threading.Event()
    done: list[str] = []

    def stop_soon() -> None:
        started.wait(10)
        time.sleep(0.15)  # well inside the push (seconds long), at no particular statement
        terminate_falkordb(server)

    killer = threading.Thread(target=stop_soon)
    killer.start()
    try:
        started.set()
        with pytest.raises(BackendError):
            push_corpus(conn, corpus, progress=lambda source, n: done.append(source))
    finally:
        killer.join()
        _drop(conn)
    restarted = start_falkordb(data_dir=tmp_path / "data")
    try:
        with connect(BoltSettings(uri=_uri(restarted, protocol))) as conn:
            found = _assert_whole_documents(conn, corpus)
            assert len(found) < len(corpus.documents)
            # whatever was staged when the server went is invisible, and the next push clears it
            push_corpus(conn, corpus)
            assert graph_counts(conn)["StagedMeasure"] == 0
            assert _assert_whole_documents(conn, corpus) == {d.source: sum(1 for r in corpus.rows if r.source == d.source)
                                                             for d in corpus.documents}
    finally:
        terminate_falkordb(restarted)
