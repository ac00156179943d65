"""The public surface of the property-graph modules, pinned."""

from __future__ import annotations

import policykg.graph.property.bolt as bolt
import policykg.graph.property.falkordb_redis as falkordb_redis
import policykg.graph.property.neo4j_export as neo4j_export
import policykg.graph.property.neo4j_push as neo4j_push
import policykg.graph.property.property_graph as property_graph
import policykg.queries.cypher as cypher
import tests.support.falkordb_server as falkordb_server


def test_exports():
    assert sorted(bolt.__all__) == sorted([
        "NEO4J", "FALKORDB", "BoltSettings", "Connection", "AnyConnection", "connect", "open_connection", "escape_for_falkordb",
        "statement_bytes", "FALKORDB_STATEMENT_BYTES", "ensure_falkordb_indexes", "indexed_pairs"])
    assert sorted(falkordb_redis.__all__) == sorted(["REDIS_SCHEMES", "RedisConnection", "connect_redis", "is_redis_uri"])
    assert sorted(neo4j_push.__all__) == sorted([
        "PushStats", "STAGED_LABEL", "UNIQUE_KEYS", "push_corpus", "push_batches", "document_statements",
        "graph_counts", "ensure_indexes"])
    assert sorted(neo4j_export.__all__) == sorted([
        "ARRAY_DELIMITER", "CsvExport", "export_csv", "node_file", "relationship_file", "cypher_statements"])
    assert sorted(cypher.__all__) == sorted([
        "list_cypher_queries", "get_cypher_query", "cypher_parameters", "run_named_cypher", "run_cypher", "is_named"])
    assert sorted(falkordb_server.__all__) == sorted([
        "FalkorServer", "falkordb_binaries", "free_port", "start_falkordb", "stop_falkordb", "terminate_falkordb",
        "loopback_shim"])
    assert "build_property_graph" in property_graph.__all__ and "document_batches" in property_graph.__all__
    for module in (bolt, falkordb_redis, neo4j_push, neo4j_export, cypher, falkordb_server, property_graph):
        assert all(hasattr(module, name) for name in module.__all__), module.__name__


def test_the_password_stays_out_of_reprs():
    settings = bolt.BoltSettings(uri="bolt://127.0.0.1:7687", password="hunter2")
    assert "hunter2" not in repr(settings)
    assert "hunter2" not in falkordb_redis._redis_url("redis://planner:hunter2@127.0.0.1:6379")
