"""A Bolt connection to Neo4j 5 or FalkorDB: connect, tell the two apart, run statements.

Every difference between the two servers lives in this module (docs/cypher.md,
"Neo4j and FalkorDB"), so the queries and the push stay one Cypher text:

- **Indexes.** Neo4j gets ``CREATE CONSTRAINT … IF NOT EXISTS … REQUIRE … IS UNIQUE``
  (uniqueness is what makes concurrent ``MERGE`` safe, pitfalls.md); FalkorDB has
  no Cypher constraints, so it gets ``CREATE INDEX FOR (n:L) ON (n.p)`` for the
  indexes ``CALL db.indexes()`` does not list yet.
- **String parameters.** FalkorDB 4.16's Bolt server pastes parameters into a
  ``CYPHER k='…'`` prefix without escaping: a ``'`` breaks the query or injects
  Cypher, and backslashes are read as escapes. `Connection` escapes ``\\`` and
  ``'`` in every string parameter for FalkorDB only, so values arrive unchanged.
- **Lost connection.** After a Bolt client disconnects, FalkorDB 4.16 drops the
  next connection it accepts (the handshake never gets an answer). `connect`
  first opens and closes one bare TCP connection to absorb that.
- **Databases and transactions.** FalkorDB runs explicit transactions on its
  default graph whatever the database name, auto-commit statements on a graph
  literally named ``db`` when a database is named, and applies each statement at
  once (ROLLBACK undoes nothing). So *every* statement here — data, reads, index
  checks and index creation — runs in a managed transaction (one graph on both
  servers); one Bolt port of FalkorDB serves one graph, so `connect` refuses a
  ``--database`` other than ``falkordb`` there instead of writing somewhere else.
  A document is written by *one* statement, which is atomic on FalkorDB and inside
  one transaction on Neo4j.
- **Indexes that already exist.** FalkorDB fails ``CREATE INDEX`` on an existing
  index (with no reason over Bolt); another push may have made it since the check,
  so a failure is success when ``CALL db.indexes()`` lists the index afterwards.

Errors become `BackendError` with one line saying what to do, naming the statement
that failed; the password is never part of a message or a repr.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import urlsplit

from policykg.errors import BackendError, QueryError
from policykg.graph.property.servers import (
    FALKORDB,
    FALKORDB_GRAPH,
    NEO4J,
    BoltSettings,
    ensure_falkordb_indexes,
    indexed_pairs,
)
from policykg.messages import render

if TYPE_CHECKING:
    from policykg.graph.property.falkordb_redis import RedisConnection

__all__ = [
    "NEO4J",
    "FALKORDB",
    "BoltSettings",
    "Connection",
    "AnyConnection",
    "connect",
    "open_connection",
    "escape_for_falkordb",
    "statement_bytes",
    "FALKORDB_STATEMENT_BYTES",
    "ensure_falkordb_indexes",
    "indexed_pairs",
]

# FalkorDB's Bolt buffer is 4096 bytes for the statement and its parameters; the
# JSON estimate below is larger than what FalkorDB writes, and this leaves a margin.
FALKORDB_STATEMENT_BYTES = 3800

# The driver logs retries as warnings; without a handler Python would print them on stderr.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def escape_for_falkordb(value: Any) -> Any:
    r"""Escape ``\`` and ``'`` in every string of a parameter value (lists and maps included).

    FalkorDB's Bolt server writes parameters into a single-quoted ``CYPHER``
    prefix unescaped; escaped this way they come back exactly as given.

    Examples
    --------
    >>> escape_for_falkordb({"k": ["a'b", 3]})
    {'k': ["a\\'b", 3]}
    """
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, (list, tuple)):
        return [escape_for_falkordb(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_for_falkordb(v) for k, v in value.items()}
    return value


def statement_bytes(text: str, params: dict[str, Any]) -> int:
    """An upper estimate of the bytes a statement and its parameters take on the wire text
    FalkorDB builds (UTF-8; JSON quotes every key, FalkorDB does not)."""
    return len(text.encode("utf-8")) + len(json.dumps(params, ensure_ascii=False).encode("utf-8"))


def _absorb_lost_accept(uri: str) -> None:
    # FalkorDB 4.16 drops the first connection accepted after a Bolt client leaves;
    # an empty TCP connection takes that place. Harmless for Neo4j (bolt:// only).
    parts = urlsplit(uri)
    if parts.scheme != "bolt" or not parts.hostname:
        return
    try:
        with socket.create_connection((parts.hostname, parts.port or 7687), timeout=2.0):
            pass
    except OSError:
        pass  # unreachable: the driver says so properly just after


_CONNECT_ATTEMPTS = 4
_RETRY_PAUSE = 0.25  # seconds


def _refused(exc: BaseException) -> bool:
    """Whether the root of ``exc`` is a refused TCP connection (nothing listens on the port)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _reason(exc: BaseException) -> str:
    """The root cause in a few words (the driver's messages repeat the address several times)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
        if isinstance(cause, TimeoutError):
            return "timed out"
        cause = cause.__cause__
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:160]


def _plain(value: Any) -> Any:
    """Driver values as plain Python: a node or relationship becomes its properties plus
    ``_labels`` / ``_type``, a path the list of its nodes (what CSV and JSON output can hold)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types (Neo4j only; FalkorDB cannot send them)
        return value.iso_format()
    return value


def _marked(tx: Any, text: str, params: dict[str, Any]) -> Any:
    """``tx.run``, with the statement noted on a server error so that the message can name it."""
    import neo4j.exceptions as ne

    try:
        return tx.run(text, params)
    except ne.Neo4jError as exc:
        exc.policykg_statement = text  # type: ignore[attr-defined]
        raise


def _failed_statement(exc: BaseException, fallback: str) -> str:
    """The statement that failed, on one line and at most 160 characters."""
    text = " ".join(str(getattr(exc, "policykg_statement", fallback) or "?").split())
    return text if len(text) <= 160 else text[:159] + "…"


class Connection:
    """An open Bolt connection with the server's dialect known (`NEO4J` or `FALKORDB`).

    Use `read` / `write` to run one statement in a managed transaction; parameters
    are always passed to the driver, never pasted into the text.
    """

    def __init__(self, driver: Any, settings: BoltSettings, dialect: str, version: str | None) -> None:
        self.driver = driver
        self.settings = settings
        self.dialect = dialect
        self.version = version

    def __repr__(self) -> str:
        return f"Connection({self.settings.uri!r}, dialect={self.dialect!r}, version={self.version!r})"

    def _params(self, params: dict[str, Any] | None) -> dict[str, Any]:
        params = dict(params or {})
        return escape_for_falkordb(params) if self.dialect == FALKORDB else params

    @contextmanager
    def _errors(self, statement: str = "") -> Iterator[None]:
        """Driver errors as policykg errors; a refusal names the statement (the one `_marked` saw fail)."""
        import neo4j.exceptions as ne

        uri = self.settings.uri
        try:
            yield
        except ne.AuthError as exc:
            raise BackendError("bolt_auth", uri=uri, user=self.settings.user) from exc
        except (ne.ServiceUnavailable, ne.SessionExpired, OSError) as exc:
            raise BackendError("bolt_lost", uri=uri, reason=_reason(exc)) from exc
        except ne.ClientError as exc:
            if "DatabaseNotFound" in (exc.code or ""):
                raise BackendError("bolt_database", uri=uri, database=self.settings.database) from exc
            raise QueryError("bolt_refused", uri=uri, statement=_failed_statement(exc, statement),
                             reason=_reason(exc)) from exc
        except ne.Neo4jError as exc:
            # FalkorDB reports every failure (syntax included) as an unknown DatabaseError.
            reason = render("bolt_falkordb_unknown") if self.dialect == FALKORDB else _reason(exc)
            raise QueryError("bolt_refused", uri=uri, statement=_failed_statement(exc, statement),
                             reason=reason) from exc
        except ne.DriverError as exc:
            raise BackendError("bolt_lost", uri=uri, reason=_reason(exc)) from exc

    def _session(self) -> Any:
        return self.driver.session(database=self.settings.database)

    def read(self, text: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Run one read statement; ``(columns, rows)`` with plain Python values."""

        def work(tx: Any) -> tuple[list[str], list[dict[str, Any]]]:
            result = _marked(tx, text, bound)
            columns = list(result.keys())
            return columns, [{c: _plain(v) for c, v in zip(columns, record.values())} for record in result]

        bound = self._params(params)
        self._check_size(text, bound)
        with self._errors(text), self._session() as session:
            return session.execute_read(work)

    def write(self, text: str, params: dict[str, Any] | None = None) -> dict[str, int]:
        """Run one write statement in its own transaction; the summary counters."""
        return self.write_many([(text, params or {})])

    def write_many(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, int]:
        """Run statements in one managed transaction; the summed counters.

        The driver retries the whole transaction after a transient failure, so the
        statements must be idempotent (MERGE, never CREATE). On FalkorDB each statement
        is applied at once whatever the transaction does (module docstring); callers
        that need all-or-nothing make the *last* statement the one that publishes.
        """
        bound = [(text, self._params(params)) for text, params in statements]
        for text, params in bound:
            self._check_size(text, params)

        def work(tx: Any) -> dict[str, int]:
            total: dict[str, int] = {}
            for text, params in bound:
                counters = _marked(tx, text, params).consume().counters
                for key, value in vars(counters).items():
                    if isinstance(value, int) and not isinstance(value, bool) and not key.startswith("_"):
                        total[key] = total.get(key, 0) + value
            return total

        with self._errors(), self._session() as session:
            return session.execute_write(work)

    @property
    def statement_budget(self) -> int | None:
        """Bytes a statement and its parameters may take together (None: no limit).

        FalkorDB 4.16's Bolt server copies the statement with its parameters into a
        4 KB buffer and crashes beyond it; keep well under.
        """
        return FALKORDB_STATEMENT_BYTES if self.dialect == FALKORDB else None

    def _check_size(self, text: str, params: dict[str, Any]) -> None:
        budget = self.statement_budget
        if budget is not None and statement_bytes(text, params) > budget:
            raise QueryError("bolt_too_long", uri=self.settings.uri, budget=budget)

    def schema(self, text: str) -> None:
        """Run one schema statement (index / constraint) in a managed write transaction of its own.

        Not an auto-commit statement: FalkorDB would send that to another graph (module docstring).
        """
        with self._errors(text), self._session() as session:
            session.execute_write(lambda tx: _marked(tx, text, {}).consume())

    def ensure_indexes(self, unique: dict[str, str], plain: Sequence[tuple[str, str]] = ()) -> list[str]:
        """Index ``label → key`` (unique) and ``(label, property)`` pairs (plain) when missing;
        return the statements run (none when all exist).

        Neo4j: a uniqueness constraint per key and a range index per plain pair, both
        ``IF NOT EXISTS``. FalkorDB (no Cypher constraints): ``CREATE INDEX`` for each
        pair `CALL db.indexes()` does not list yet.
        """
        ran: list[str] = []
        if self.dialect == NEO4J:
            for label, prop in unique.items():
                ran.append(f"CREATE CONSTRAINT policykg_{label.lower()}_{prop} IF NOT EXISTS "
                           f"FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE")
            for label, prop in plain:
                ran.append(f"CREATE INDEX policykg_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
            for text in ran:
                self.schema(text)
            return ran
        return ensure_falkordb_indexes(self, [*unique.items(), *plain])

    def indexed(self) -> set[tuple[str, str]]:
        """The ``(label, property)`` pairs indexed on FalkorDB."""
        return indexed_pairs(self)

    def close(self) -> None:
        try:
            self.driver.close()
        finally:
            if self.dialect == FALKORDB:
                _absorb_lost_accept(self.settings.uri)

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _detect(driver: Any, database: str | None) -> tuple[str, str | None]:
    """Neo4j answers ``dbms.components()``; FalkorDB (which calls itself Neo4j/5.13 in the
    handshake) has no such procedure."""
    import neo4j.exceptions as ne

    try:
        with driver.session(database=database) as session:
            record = session.run("CALL dbms.components() YIELD name, versions RETURN name, versions").single()
    except ne.ClientError as exc:
        if "DatabaseNotFound" in (exc.code or ""):
            raise
        return FALKORDB, None
    except ne.DatabaseError:
        return FALKORDB, None
    if record is None:
        return FALKORDB, None
    versions = record["versions"] or []
    return NEO4J, (versions[0] if versions else None)


# What `connect` hands out: Bolt, or FalkorDB's Redis port; the push and the named queries take either.
AnyConnection: TypeAlias = "Connection | RedisConnection"


def connect(settings: BoltSettings) -> AnyConnection:
    """Open a connection, check it and the login, and find out which server it is.

    A ``redis://`` (or ``rediss://``, ``falkor://``, ``falkors://``) URI is FalkorDB's Redis
    port: the connection is a `falkordb_redis.RedisConnection`, which runs the push and the
    named queries as this one does.

    Raises
    ------
    BackendError
        A malformed URI, an unreachable server, a refused login or an unknown database —
        one line each, without the password.
    """
    import neo4j
    import neo4j.exceptions as ne

    uri = settings.uri
    parts = urlsplit(uri)
    if parts.scheme in ("redis", "rediss", "falkor", "falkors"):
        # FalkorDB's Redis port: the same statements without Bolt's 4 KB cap (falkordb_redis)
        from policykg.graph.property.falkordb_redis import connect_redis

        return connect_redis(settings)
    if parts.scheme not in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc") or not parts.hostname:
        raise BackendError("bolt_bad_uri", uri=uri)
    auth = None if settings.password is None else neo4j.basic_auth(settings.user, settings.password)
    # A server that listens but drops or stalls the handshake (FalkorDB 4.16 does so now and then after
    # another client left, more often on a busy machine) gets three more tries; a refused connection
    # (nothing listens) and every answer of the server are final at once.
    for attempt in range(_CONNECT_ATTEMPTS):
        _absorb_lost_accept(uri)
        try:
            driver = neo4j.GraphDatabase.driver(
                uri, auth=auth,
                connection_timeout=settings.connection_timeout,
                connection_acquisition_timeout=max(settings.connection_timeout * 2, 10.0),
                max_transaction_retry_time=settings.retry_seconds,
            )
        except (ValueError, ne.ConfigurationError) as exc:
            raise BackendError("bolt_bad_uri", uri=uri) from exc
        try:
            driver.verify_connectivity()
            dialect, version = _detect(driver, settings.database)
        except ne.AuthError as exc:
            driver.close()
            raise BackendError("bolt_auth", uri=uri, user=settings.user) from exc
        except ne.ClientError as exc:
            driver.close()
            if "DatabaseNotFound" in (exc.code or ""):
                raise BackendError("bolt_database", uri=uri, database=settings.database) from exc
            raise BackendError("bolt_auth", uri=uri, user=settings.user) from exc
        except ne.DatabaseError as exc:
            # FalkorDB has no authentication over Bolt: it answers a login with credentials by
            # failing the HELLO with an unknown DatabaseError.
            driver.close()
            _absorb_lost_accept(uri)
            raise BackendError("bolt_auth", uri=uri, user=settings.user) from exc
        except (ne.ServiceUnavailable, ne.DriverError, OSError) as exc:
            driver.close()
            if attempt + 1 < _CONNECT_ATTEMPTS and not _refused(exc):
                time.sleep(_RETRY_PAUSE)  # let the server finish with the connection it dropped
                continue
            raise BackendError("bolt_unreachable", uri=uri, reason=_reason(exc)) from exc
        break
    if dialect == FALKORDB and settings.database not in (None, FALKORDB_GRAPH):
        # one Bolt port of FalkorDB serves one graph: a named database would not be honoured
        driver.close()
        _absorb_lost_accept(uri)
        raise BackendError("bolt_falkordb_database", uri=uri, database=settings.database, graph=FALKORDB_GRAPH)
    return Connection(driver, settings, dialect, version)


@contextmanager
def open_connection(settings: BoltSettings) -> Iterator[AnyConnection]:
    """`connect`, yield the connection, and always close it."""
    conn = connect(settings)
    try:
        yield conn
    finally:
        conn.close()

