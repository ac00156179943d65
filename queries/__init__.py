"""policykg.queries: named SPARQL queries (``*.rq``) and the functions that run them.

`list_queries` / `get_query` / `QueryResult` come from `catalogue` (no database
import, shared with the Cypher side); `run_named`, `run_sparql` and
`HttpEndpoint` from `sparql`, imported on first use.
"""

from __future__ import annotations

from typing import Any

from policykg.queries.catalogue import NamedQuery, Parameter, QueryResult, get_query, list_queries

__all__ = [
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "list_queries",
    "get_query",
    "run_named",
    "run_sparql",
    "HttpEndpoint",
]

_LAZY = {"run_named", "run_sparql", "HttpEndpoint"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from policykg.queries import sparql

        return getattr(sparql, name)
    raise AttributeError(f"module 'policykg.queries' has no attribute {name!r}")
