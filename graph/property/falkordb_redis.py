"""FalkorDB over its Redis protocol (``GRAPH.QUERY``): the fast way to push into FalkorDB.

FalkorDB's Bolt server copies every statement *with its parameters* into a 4 KB
buffer (docs/cypher.md, FalkorDB bugs 2), so over Bolt a 150k-row push is ≈33,000
statements of four measures each, each parsed, planned and answered on its own.
The same server answers ``GRAPH.QUERY`` on its Redis port, where a statement has
no such cap: the push sends the same Cypher texts in batches of a thousand rows
(`neo4j_push`, ``statement_budget`` None), about 3× the rows per second.

`RedisConnection` has the part of `bolt.Connection` that the push and the named
Cypher queries use (``dialect``, ``read``, ``write``, ``write_many``,
``ensure_indexes``, …), so both run unchanged on either; `bolt.connect` hands
out one for a ``redis://`` / ``rediss://`` / ``falkor://`` / ``falkors://`` URL.

- **Parameters** travel in the ``CYPHER k=v …`` header the `falkordb` client
  writes (double-quoted strings, ``\\`` and ``"`` escaped), which FalkorDB parses
  as literals: the Bolt server's pasting bug (1) does not apply, and doubles keep
  every digit (over Bolt FalkorDB keeps six significant digits, bug 14).
- **No transactions**, as over Bolt: each statement is applied when it runs.
  `write_many` pipelines every statement but the last, reads every answer, and
  sends the last one — the push's publish — only when all of them succeeded, so a
  failed document keeps what the graph held for it.
- **The graph** is ``--database`` (default ``falkordb``, the one graph FalkorDB's Bolt
  port serves, so `policykg cypher` over Bolt reads what was pushed here).
- **Login**: the password is NEO4J_PASSWORD, as for Bolt (Redis ``AUTH``); a user
  name, when the server has ACL users, is the URL's (``redis://planner@host:6379``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from policykg.errors import BackendError, QueryError
from policykg.graph.property.servers import FALKORDB, FALKORDB_GRAPH, BoltSettings, ensure_falkordb_indexes, indexed_pairs

__all__ = ["REDIS_SCHEMES", "RedisConnection", "connect_redis", "is_redis_uri"]

# falkor(s):// is the falkordb client's name for redis(s)://
REDIS_SCHEMES = {"redis": "redis", "rediss": "rediss", "falkor": "redis", "falkors": "rediss"}
_CONNECT_ATTEMPTS = 4
_RETRY_PAUSE = 0.25  # seconds

# the client's statistics, named as the Bolt driver's counters are (`bolt.Connection.write_many`)
_COUNTERS = {"nodes_created": "nodes_created", "nodes_deleted": "nodes_deleted",
             "relationships_created": "relationships_created", "relationships_deleted": "relationships_deleted",
             "properties_set": "properties_set", "properties_removed": "properties_removed",
             "labels_added": "labels_added", "labels_removed": "labels_removed", "indices_created": "indexes_added"}


def is_redis_uri(uri: str) -> bool:
    """Whether ``uri`` names FalkorDB's Redis port (``redis://``, ``falkor://``, and their TLS forms)."""
    return urlsplit(uri).scheme in REDIS_SCHEMES


def _one_line(text: object, limit: int = 160) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _plain(value: Any) -> Any:
    """Client values as plain Python, as `bolt._plain` gives them: a node or relationship its
    properties plus ``_labels`` / ``_type``, a path the list of its nodes."""
    from falkordb import Edge, Node, Path

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels or []), **{k: _plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Edge):
        return {"_type": value.relation, **{k: _plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes()]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class RedisConnection:
    """An open connection to one graph of a FalkorDB server over the Redis protocol.

    Parameters are always sent in the ``CYPHER`` header by the `falkordb` client,
    never pasted into the statement.
    """

    dialect = FALKORDB
    # No size limit per statement: the push batches by count (`neo4j_push`).
    statement_budget: int | None = None

    def __init__(self, client: Any, settings: BoltSettings, graph: str, version: str | None) -> None:
        self.client = client
        self.settings = settings
        self.graph = client.select_graph(graph)
        self.version = version

    def __repr__(self) -> str:
        return f"RedisConnection({self.settings.uri!r}, graph={self.graph.name!r}, version={self.version!r})"

    @contextmanager
    def _errors(self, statement: str = "") -> Iterator[None]:
        """Client errors as policykg errors; a refusal names the statement and FalkorDB's reason."""
        import redis.exceptions as rex

        uri = self.settings.uri
        try:
            yield
        except rex.AuthenticationError as exc:
            raise BackendError("falkordb_auth", uri=uri) from exc
        except (rex.ConnectionError, rex.TimeoutError, OSError) as exc:
            raise BackendError("falkordb_lost", uri=uri, reason=_one_line(exc)) from exc
        except rex.ResponseError as exc:
            raise QueryError("falkordb_refused", uri=uri, statement=_one_line(statement or "?"),
                             reason=_one_line(exc)) from exc

    def read(self, text: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Run one read-only statement (``GRAPH.RO_QUERY``); ``(columns, rows)`` with plain Python values."""
        import redis.exceptions as rex

        with self._errors(text):
            try:
                result = self.graph.ro_query(text, dict(params or {}))
            except rex.ResponseError as exc:
                if "empty key" not in str(exc):
                    raise
                # RO_QUERY refuses a graph that does not exist yet; the read-write command answers
                # as for an empty graph (creating it, as a Bolt read does)
                result = self.graph.query(text, dict(params or {}))
        columns = [name for _, name in result.header]
        return columns, [{c: _plain(v) for c, v in zip(columns, row)} for row in result.result_set]

    def write(self, text: str, params: dict[str, Any] | None = None) -> dict[str, int]:
        """Run one write statement; FalkorDB's statistics under the Bolt driver's counter names."""
        return self.write_many([(text, params or {})])

    def write_many(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, int]:
        """Run statements in order, each applied when it runs (FalkorDB has no transactions), stopping at
        the first refused: the push's last statement, its publish, runs only when all before it succeeded."""
        total: dict[str, int] = {}
        for text, params in statements:
            with self._errors(text):
                result = self.graph.query(text, dict(params))
            for attribute, key in _COUNTERS.items():
                total[key] = total.get(key, 0) + int(getattr(result, attribute))
        return total

    def schema(self, text: str) -> None:
        """Run one schema statement (``CREATE INDEX …``)."""
        with self._errors(text):
            self.graph.query(text)

    def ensure_indexes(self, unique: dict[str, str], plain: Sequence[tuple[str, str]] = ()) -> list[str]:
        """Index ``label → key`` and ``(label, property)`` pairs when missing, as over Bolt
        (`servers.ensure_falkordb_indexes`); the statements run."""
        return ensure_falkordb_indexes(self, [*unique.items(), *plain])

    def indexed(self) -> set[tuple[str, str]]:
        """The ``(label, property)`` pairs indexed in this graph."""
        return indexed_pairs(self)

    def close(self) -> None:
        _disconnect(self.client)

    def __enter__(self) -> RedisConnection:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _redis_url(uri: str) -> str:
    """``uri`` as the redis client reads it: the scheme ``redis`` / ``rediss``, a password taken out
    (it comes from NEO4J_PASSWORD only, like Bolt's)."""
    parts = urlsplit(uri)
    netloc = parts.netloc.rpartition("@")[2]
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((REDIS_SCHEMES[parts.scheme], netloc, parts.path, parts.query, ""))


def connect_redis(settings: BoltSettings) -> RedisConnection:
    """Open a connection to FalkorDB's Redis port and check that the server runs FalkorDB.

    Raises
    ------
    BackendError
        A malformed URL, an unreachable server, a refused login, or a Redis without FalkorDB —
        one line each, without the password.
    """
    import redis.exceptions as rex
    from falkordb import FalkorDB

    uri = settings.uri
    parts = urlsplit(uri)
    try:
        valid = parts.scheme in REDIS_SCHEMES and bool(parts.hostname) and parts.port is not None
    except ValueError:  # a port that is not a number
        valid = False
    if not valid:
        raise BackendError("bolt_bad_uri", uri=uri)
    # A connection FalkorDB accepts just after a Bolt client left may never be read (the Bolt side's
    # bug 6 reaches the Redis port too): the first answer is awaited for connection_timeout seconds
    # and a silent connection replaced, three times at most, as `bolt.connect` does.
    options: dict[str, Any] = {"socket_connect_timeout": settings.connection_timeout,
                               "socket_timeout": settings.connection_timeout}
    if settings.password is not None:
        options["password"] = settings.password
    for attempt in range(_CONNECT_ATTEMPTS):
        client = None
        try:
            client = FalkorDB.from_url(_redis_url(uri), **options)
            modules = client.connection.execute_command("MODULE", "LIST")
        except rex.AuthenticationError as exc:
            _disconnect(client)
            raise BackendError("falkordb_auth", uri=uri) from exc
        except rex.ResponseError as exc:
            _disconnect(client)
            if "NOAUTH" in str(exc) or "WRONGPASS" in str(exc):
                raise BackendError("falkordb_auth", uri=uri) from exc
            raise BackendError("falkordb_unreachable", uri=uri, reason=_one_line(exc)) from exc
        except (rex.ConnectionError, rex.TimeoutError, OSError) as exc:
            _disconnect(client)
            if attempt + 1 < _CONNECT_ATTEMPTS and isinstance(exc, rex.TimeoutError):
                time.sleep(_RETRY_PAUSE)
                continue
            raise BackendError("falkordb_unreachable", uri=uri, reason=_one_line(exc)) from exc
        break
    version = _graph_module_version(modules)
    if version is None:
        _disconnect(client)
        raise BackendError("falkordb_no_graph_module", uri=uri)
    _wait_as_long_as_it_takes(client)
    return RedisConnection(client, settings, settings.database or FALKORDB_GRAPH, version)


def _disconnect(client: Any) -> None:
    """Close every socket of the client's pool (the client's own ``close`` leaves them open)."""
    if client is not None:
        client.close()
        client.connection.connection_pool.disconnect()


def _wait_as_long_as_it_takes(client: Any) -> None:
    """No read timeout from here on (redis-py's default is 5 s): a publish or a named query at province
    scale may take longer, and a statement the client gave up on would still run on the server."""
    pool = client.connection.connection_pool
    pool.connection_kwargs["socket_timeout"] = None
    connection = pool.get_connection()  # the one that answered (the pool hands out the last released)
    try:
        connection.socket_timeout = None
        connection.update_current_socket_timeout(None)
    finally:
        pool.release(connection)


def _graph_module_version(modules: Any) -> str | None:
    """FalkorDB's version from ``MODULE LIST`` (module ``graph``, ``ver`` 41603 → ``4.16.3``); None without it."""
    for module in modules or []:
        # redis-py gives a dict per module; a bare reply is a flat name/value list
        fields = module if isinstance(module, dict) else dict(zip(module[::2], module[1::2]))
        if fields.get("name") == "graph":
            number = int(fields.get("ver", 0))
            return f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    return None
