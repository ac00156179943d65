"""Run Cypher — the named queries (``queries/*.cypher``) or any read query — over Bolt.

The ``.cypher`` files mirror the ``.rq`` files name for name and open with the
same header, written as ``//`` comments (Cypher has no ``#`` comments); it is
read by the shared `policykg.queries.catalogue.parse_header`, so names,
parameters, defaults and columns come from one place. Parameter ``k`` is bound
to ``$p_k`` through the driver — never pasted into the text — which also keeps
names such as ``end`` clear of Cypher keywords. Results are the same
`QueryResult` the SPARQL runner gives, so the two can be compared row for row.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from policykg.errors import QueryError
from policykg.graph.property.bolt import AnyConnection
from policykg.queries.catalogue import (
    ALL,
    JOIN_SEPARATOR,
    RAW_SEPARATOR,
    NamedQuery,
    QueryResult,
    apply_limit,
    parse_header,
    unknown_place,
)
from policykg.queries.cypher_guard import refuse_writes

__all__ = [
    "list_cypher_queries",
    "get_cypher_query",
    "cypher_parameters",
    "run_named_cypher",
    "run_cypher",
    "is_named",
]


def _as_hash_header(text: str) -> str:
    """The ``//`` header lines as ``#`` lines, so `parse_header` reads them like a ``.rq`` header."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("//"):
            break
        lines[i] = "#" + line[2:]
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, NamedQuery]:
    folder = resources.files("policykg.queries")
    out: dict[str, NamedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".cypher"):
            stem = entry.name[: -len(".cypher")]
            out[stem] = parse_header(stem, _as_hash_header(entry.read_text(encoding="utf-8")))
    return out


def list_cypher_queries() -> list[NamedQuery]:
    """Every named Cypher query, in name order (the same names as the SPARQL library)."""
    return list(_catalogue().values())


def get_cypher_query(name: str) -> NamedQuery:
    """The named Cypher query ``name``, or `QueryError` listing the known names."""
    try:
        return _catalogue()[name]
    except KeyError:
        raise QueryError("query_unknown", name=name, known=", ".join(_catalogue())) from None


def is_named(text: str) -> bool:
    """Whether ``text`` names a query of the library (rather than being Cypher itself)."""
    return text in _catalogue()


def cypher_parameters(query: NamedQuery, params: dict[str, str] | None = None) -> dict[str, Any]:
    """The driver parameters of a named query: ``{"p_k": typed value}``, defaults filled in."""
    values = query.bind(params)
    return {p.variable: values[p.name] for p in query.parameters}


def _join_sorted(value: Any) -> str:
    if value is None:
        return ""
    parts = value if isinstance(value, list) else str(value).split(RAW_SEPARATOR)
    return JOIN_SEPARATOR.join(sorted(str(p) for p in parts if p))


def run_named_cypher(conn: AnyConnection, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a named query over Bolt with its parameters bound (defaults for those not given).

    Raises
    ------
    QueryError
        Unknown query or parameter, malformed value, or the server refused the query.
    BackendError
        The server went away.

    Examples
    --------
    ::

        with open_connection(BoltSettings("bolt://127.0.0.1:7687")) as conn:
            run_named_cypher(conn, "workload_per_agency", {"jurisdiction": "福清市"}).rows
    """
    query = get_cypher_query(name)
    bound = cypher_parameters(query, params)
    for p in query.places():
        _check_place(conn, p.name, bound[p.variable])
    _, rows = conn.read(query.text, bound)
    for column in query.sorted_join:
        for row in rows:
            row[column] = _join_sorted(row.get(column))
    if query.limit is not None:
        rows = apply_limit(rows, bound[f"p_{query.limit}"])
    columns = list(query.columns)
    return QueryResult(columns, [{c: row.get(c) for c in columns} for row in rows])


def _check_place(conn: AnyConnection, parameter: str, value: str) -> None:
    """Raise `unknown_place` unless ``value`` is ``all`` or the name of a :Jurisdiction in the graph."""
    if value == ALL:
        return
    _, found = conn.read("MATCH (j:Jurisdiction {name: $name}) RETURN j.name AS name LIMIT 1", {"name": value})
    if not found:
        _, everything = conn.read("MATCH (j:Jurisdiction) RETURN DISTINCT j.name AS name", {})
        raise unknown_place(parameter, value, (row["name"] for row in everything if row["name"] is not None))



def run_cypher(conn: AnyConnection, text: str, params: dict[str, Any] | None = None) -> QueryResult:
    """Run a read-only Cypher query as written; ``params`` are bound as ``$name``.

    The text is checked by `policykg.queries.cypher_guard.refuse_writes` (a tokenizer that
    knows strings, comments and backticks) and runs in a read transaction, which Neo4j
    enforces (FalkorDB does not: the check is what stops a write there).

    Raises
    ------
    QueryError
        The query writes (CREATE, MERGE, SET, DELETE, LOAD CSV, …), calls a procedure that is
        not known to only read, cannot be tokenized, or the server refused it.
    """
    refuse_writes(text)
    columns, rows = conn.read(text, dict(params or {}))
    return QueryResult(columns, rows)
