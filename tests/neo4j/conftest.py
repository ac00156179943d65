"""Fixtures of the property-graph tests: the samples and the hand-made corpus pushed to FalkorDB."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The contract's expected answers and the hand-made corpus live with the SPARQL and graph tests.
_TESTS = Path(__file__).resolve().parents[1]
for _folder in ("queries", "graph"):
    if str(_TESTS / _folder) not in sys.path:
        sys.path.insert(0, str(_TESTS / _folder))


@pytest.fixture(scope="module")
def pushed_samples(falkordb_server, sample_corpus):
    """A connection to FalkorDB holding exactly the bundled samples (pushed once per module)."""
    from policykg.graph.bolt import BoltSettings, connect
    from policykg.graph.neo4j_push import push_corpus

    conn = connect(BoltSettings(uri=falkordb_server.uri, retry_seconds=2.0))
    try:
        conn.write("MATCH (n) DETACH DELETE n")
        push_corpus(conn, sample_corpus)
        yield conn
    finally:
        conn.close()
