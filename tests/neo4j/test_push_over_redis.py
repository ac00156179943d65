"""The push over FalkorDB's Redis port writes the graph the Bolt push writes: same nodes, properties,
relationships and named-query answers, on the samples, the hand-made corpus and a generated corpus.

Both pushes go to the session FalkorDB's one graph (``falkordb``), one after the other, and the graph
is read back over Bolt either way, so the comparison does not depend on the reading protocol; the
named queries are also run over the Redis connection and must answer the same.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from policykg.errors import BackendError, QueryError
from policykg.graph.property.bolt import BoltSettings, connect
from policykg.graph.property.falkordb_redis import RedisConnection, is_redis_uri
from policykg.graph.property.neo4j_push import document_statements, graph_counts, push_corpus
from policykg.graph.property.property_graph import document_batches
from policykg.loaders import load_corpus
from policykg.queries.cypher import run_named_cypher
from policykg.records import Corpus
from tests.support.expected_answers import CASES
from tests.support.generated import generated_documents
from tests.support.handmade import handmade_corpus


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory) -> Corpus:
    """Twelve generated documents (both layouts, collectives, inferred indicators), read by the loaders."""
    return load_corpus(generated_documents(tmp_path_factory.mktemp("generated_push"), docs=12, seed=16), workers=1)


def _key(alias: str) -> str:
    # every label's key property (property_graph.NODE_KEYS): Measure/Agency/Jurisdiction id,
    # Document source, Indicator/Sector name
    return f"coalesce({alias}.id, {alias}.source, {alias}.name)"


def canonical_dump(conn) -> list[str]:
    """Every node (labels, all properties) and relationship (type, ends by label and key, all
    properties), one sorted JSON line each."""
    _, nodes = conn.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    _, rels = conn.read(f"MATCH (a)-[r]->(b) RETURN labels(a) AS a_labels, {_key('a')} AS a, type(r) AS type, "
                        f"properties(r) AS props, labels(b) AS b_labels, {_key('b')} AS b")
    lines = [json.dumps({"labels": sorted(n["labels"]), "props": n["props"]}, ensure_ascii=False, sort_keys=True)
             for n in nodes]
    lines += [json.dumps({**r, "a_labels": sorted(r["a_labels"]), "b_labels": sorted(r["b_labels"])},
                         ensure_ascii=False, sort_keys=True) for r in rels]
    return sorted(lines)


def _answers(conn) -> dict[str, object]:
    out = {}
    for name, params in CASES:  # the samples' cases; on another corpus a place may be unknown: that answer too
        try:
            result = run_named_cypher(conn, name, params)
            answer: object = (result.columns, result.rows)
        except QueryError as refused:
            answer = ("refused", str(refused))
        out[name + json.dumps(params, ensure_ascii=False, sort_keys=True)] = answer
    return out


def _pushed(conn, reader, corpus: Corpus, **options) -> tuple[list[str], dict[str, int], dict[str, object]]:
    reader.write("MATCH (n) DETACH DELETE n")
    push_corpus(conn, corpus, **options)
    return canonical_dump(reader), graph_counts(reader), _answers(reader)


@pytest.mark.parametrize("which", ["samples", "handmade", "generated"])
def test_the_redis_push_writes_the_graph_the_bolt_push_writes(bolt, falkordb_redis, sample_corpus,
                                                               generated_corpus, which):
    corpus = {"samples": sample_corpus, "handmade": handmade_corpus(), "generated": generated_corpus}[which]
    over_bolt = _pushed(bolt, bolt, corpus)
    over_redis = _pushed(falkordb_redis, bolt, corpus)
    dump, counts, answers = over_redis
    assert len(dump) == counts["nodes"] + counts["relationships"] > 0
    assert counts["Measure"] == len(corpus.rows) and counts["StagedMeasure"] == 0
    assert sum(1 for answer in answers.values() if answer[0] != "refused" and answer[1]) >= 8  # not vacuous
    assert over_redis == over_bolt
    # the named queries read over the Redis port answer as over Bolt
    assert _answers(falkordb_redis) == answers


def _without_rows(corpus: Corpus, lines: set[int]) -> Corpus:
    return dataclasses.replace(corpus, rows=[r for r in corpus.rows if r.line not in lines])


def test_replace_and_keep_leave_the_same_graph_over_both(bolt, falkordb_redis):
    corpus = handmade_corpus()
    shorter = _without_rows(corpus, {11, 19})
    dumps = []
    for conn in (bolt, falkordb_redis):
        bolt.write("MATCH (n) DETACH DELETE n")
        push_corpus(conn, corpus)
        push_corpus(conn, shorter)  # --no-replace: the two dropped measures stay
        kept = canonical_dump(bolt)
        push_corpus(conn, shorter, replace=True)
        dumps.append((kept, canonical_dump(bolt), graph_counts(bolt)))
    assert dumps[0] == dumps[1]
    kept, replaced, counts = dumps[1]
    assert counts["Measure"] == len(shorter.rows) and len(kept) > len(replaced)


def test_odd_text_arrives_unchanged_over_redis(falkordb_redis, bolt):
    odd = ["a'b", 'q"q', "back\\slash", "end\\", "\\'", "x\ny\tz\r", "'\nMATCH (n) DETACH DELETE n //", "$x {y}",
           "\x01\x7f", "😀", "长" * 5000]
    _, rows = falkordb_redis.read("UNWIND $values AS v RETURN v", {"values": odd})
    assert [r["v"] for r in rows] == odd
    falkordb_redis.write("CREATE (:Odd {values: $values, x: $x})", {"values": odd, "x": 0.1 + 0.2})
    _, rows = bolt.read("MATCH (o:Odd) RETURN o.values AS values, o.x AS x")
    assert rows == [{"values": odd, "x": 0.1 + 0.2}]  # every digit of a double (Bolt keeps six, docs/cypher.md)


def test_a_document_whose_staging_fails_is_not_published(falkordb_redis, sample_corpus):
    first, second = list(document_batches(sample_corpus))[:2]
    push_corpus(falkordb_redis, Corpus(documents=sample_corpus.documents[:2],
                                       rows=[r for r in sample_corpus.rows if r.source in (first.source, second.source)],
                                       agencies=sample_corpus.agencies, assignments=sample_corpus.assignments))
    before = canonical_dump(falkordb_redis)
    statements = document_statements(first, replace=True)
    broken = [*statements[:-1], ("UNWIND $batch AS m MERGE (x:StagedMeasure {id: m[0]}) SET x.line = 1 +", {"batch": [[1]]}),
              statements[-1]]
    with pytest.raises(QueryError) as refused:
        falkordb_redis.write_many(broken)
    assert "Invalid input" in str(refused.value)  # FalkorDB's reason, which Bolt never gives
    assert graph_counts(falkordb_redis)["StagedMeasure"] > 0  # staged, never published
    falkordb_redis.write("MATCH (x:StagedMeasure) DETACH DELETE x")
    assert canonical_dump(falkordb_redis) == before


def test_the_connection_says_what_it_is(falkordb_redis, redis_settings):
    assert isinstance(falkordb_redis, RedisConnection)
    assert falkordb_redis.dialect == "falkordb" and falkordb_redis.statement_budget is None
    assert falkordb_redis.version and falkordb_redis.version.count(".") == 2
    assert is_redis_uri(redis_settings.uri) and is_redis_uri("falkor://h:1") and not is_redis_uri("bolt://h:1")


@pytest.mark.parametrize("uri", ["redis://127.0.0.1", "redis://127.0.0.1:notaport", "redis://:6379"])
def test_a_malformed_redis_address_is_one_error(uri):
    with pytest.raises(BackendError) as caught:
        connect(BoltSettings(uri=uri))
    assert caught.value.key == "bolt_bad_uri"


def test_nothing_listening_is_one_error():
    from tests.support.falkordb_server import free_port

    with pytest.raises(BackendError) as caught:
        connect(BoltSettings(uri=f"redis://127.0.0.1:{free_port()}", connection_timeout=1.0))
    assert caught.value.key == "falkordb_unreachable"


def test_the_password_is_neo4j_password_and_a_wrong_one_is_a_refused_login(tmp_path):
    from tests.support.falkordb_server import start_falkordb, stop_falkordb

    server = start_falkordb(password="s3cret-pw")
    try:
        settings = BoltSettings(uri=f"redis://127.0.0.1:{server.port}", password="s3cret-pw")
        with connect(settings) as conn:
            assert conn.read("RETURN 1 AS one")[1] == [{"one": 1}]
        for password in ("not-the-password", None):
            with pytest.raises(BackendError) as caught:
                connect(dataclasses.replace(settings, password=password))
            assert caught.value.key == "falkordb_auth"
            assert "s3cret-pw" not in str(caught.value) and "not-the-password" not in str(caught.value)
    finally:
        stop_falkordb(server)
