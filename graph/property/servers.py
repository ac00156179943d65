"""What the two ways into a graph server share: the dialect names, where and as whom to connect, and
FalkorDB's indexes.

The Bolt connection (`bolt`, Neo4j and FalkorDB) and FalkorDB's Redis-port connection
(`falkordb_redis`) both use these; `bolt.connect` hands out either, so they live here and
neither connection module imports the other's internals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import QueryError

__all__ = ["NEO4J", "FALKORDB", "FALKORDB_GRAPH", "BoltSettings", "indexed_pairs", "ensure_falkordb_indexes"]

NEO4J = "neo4j"
FALKORDB = "falkordb"
# The graph every managed transaction on a FalkorDB Bolt port goes to, whatever database is named.
FALKORDB_GRAPH = "falkordb"


@dataclass(frozen=True)
class BoltSettings:
    """Where and as whom to connect. ``password`` None means no authentication.

    The password is left out of the repr, so it cannot end up in a log or a traceback.
    """

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    connection_timeout: float = 5.0
    retry_seconds: float = 15.0


def indexed_pairs(conn: Any) -> set[tuple[str, str]]:
    """The ``(label, property)`` pairs FalkorDB has an index on (``CALL db.indexes()``), over ``conn``."""
    _, rows = conn.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
    return {(r["label"], p) for r in rows for p in (r["properties"] or [])}


def ensure_falkordb_indexes(conn: Any, pairs: Sequence[tuple[str, str]]) -> list[str]:
    """FalkorDB (no Cypher constraints): ``CREATE INDEX`` for each ``(label, property)`` that
    ``CALL db.indexes()`` does not list yet, over ``conn`` (Bolt or Redis); the statements run."""
    ran: list[str] = []
    have = conn.indexed()
    for label, prop in pairs:
        if (label, prop) not in have:
            text = f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"
            try:
                conn.schema(text)
            except QueryError:
                # FalkorDB fails on an index that exists (made since the check, e.g. by another
                # push) and says nothing more: that is success, any other failure is not
                if (label, prop) not in conn.indexed():
                    raise
                continue
            have.add((label, prop))
            ran.append(text)
    return ran
