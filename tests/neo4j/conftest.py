"""Fixtures of the property-graph tests: the samples and the hand-made corpus pushed to FalkorDB."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def pushed_samples(falkordb_server, sample_corpus):
    """A connection to FalkorDB holding exactly the bundled samples (pushed once per module)."""
    from policykg.graph.property.bolt import BoltSettings, connect
    from policykg.graph.property.neo4j_push import push_corpus

    conn = connect(BoltSettings(uri=falkordb_server.uri, retry_seconds=2.0))
    try:
        conn.write("MATCH (n) DETACH DELETE n")
        push_corpus(conn, sample_corpus)
        yield conn
    finally:
        conn.close()
