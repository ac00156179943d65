"""Run SPARQL — named queries with bound parameters, or any query text — on a store or an endpoint.

Two backends share one interface (``select(text, bindings) -> (columns, rows)``):
a pyoxigraph `Store` and `HttpEndpoint`, any SPARQL 1.1 endpoint over HTTP.
Both bind parameters the same way: a ``VALUES`` block at the head of the outer
``WHERE`` (as rdflib's SPARQL store sends ``initBindings``), so the embedded and
the HTTP answers cannot drift apart. (pyoxigraph's ``substitutions`` would need
every parameter in the SELECT projection.) The values are RDF terms made and
serialised by pyoxigraph's term classes, never text pasted into the query, so a
parameter cannot change the query's shape (see the injection test). Results
come back as plain Python values (int, float, str, None).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from decimal import Decimal
from itertools import islice
from typing import Any, Protocol

from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Store

from policykg.errors import BackendError, QueryError
from policykg.queries.catalogue import (
    ALL,
    JOIN_SEPARATOR,
    RAW_SEPARATOR,
    NamedQuery,
    QueryResult,
    apply_limit,
    get_query,
    unknown_place,
)
from policykg.queries.sparql_guard import checked_query, is_update

__all__ = ["Backend", "HttpEndpoint", "EmbeddedStore", "run_named", "run_sparql", "backend_for", "to_python"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
)}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}


def to_python(value: str, datatype: str | None) -> Any:
    """A plain Python value for a literal's lexical form and datatype (numbers become int / float)."""
    if datatype in _INTEGERS:
        return int(value)
    if datatype in _FLOATS:
        return float(Decimal(value)) if datatype == XSD + "decimal" else float(value)
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value


def _term_value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return to_python(term.value, term.datatype.value if term.datatype else None)
    return term.value


class Backend(Protocol):
    """What `run_named` and `run_sparql` need from a store: the columns and rows of a query.

    ``first``: the caller needs only this many rows (the rest may be left unread).
    """

    def select(self, text: str, bindings: dict[str, Any] | None = None,
               first: int | None = None) -> tuple[list[str], list[dict[str, Any]]]: ...


class EmbeddedStore:
    """A pyoxigraph `Store` as a backend (named graphs also visible as the union default graph)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def select(self, text: str, bindings: dict[str, Any] | None = None,
               first: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        try:
            result = self.store.query(_with_values(text, bindings or {}), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError("sparql_syntax", reason=str(exc)) from exc
        except OSError as exc:
            raise QueryError("sparql_failed", reason=str(exc)) from exc
        if isinstance(result, QueryBoolean):
            return ["ask"], [{"ask": bool(result)}]
        if isinstance(result, QuerySolutions):
            columns = [v.value for v in result.variables]
            # a solution iterates its values in the order of `variables` (None when unbound);
            # zipping them is about twice as fast as looking each one up by name. Rows past
            # `first` are never turned into Python values (the engine has ordered them already).
            solutions = result if first is None else islice(result, first)
            return columns, [dict(zip(columns, map(_term_value, sol))) for sol in solutions]
        # CONSTRUCT / DESCRIBE: triples
        columns = ["subject", "predicate", "object"]
        return columns, [
            {"subject": t.subject.value, "predicate": t.predicate.value, "object": _term_value(t.object)} for t in result
        ]


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _values_block(bindings: dict[str, Any]) -> str:
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(str(v) for v in bindings.values())  # pyoxigraph's own N-Triples serialisation
    return f"VALUES ({names}) {{ ({terms}) }}"


PARAMS_PLACEHOLDER = "#%PARAMS%"


def _with_values(text: str, bindings: dict[str, Any]) -> str:
    """Put the VALUES block where the query asks for it: in place of every line that is just the
    placeholder comment ``#%PARAMS%`` (so a subquery can filter by a parameter before it
    aggregates), or, if there is none, at the head of the outer WHERE group (where a leading
    VALUES and a substitution mean the same). Other comment lines are dropped."""
    if not bindings:
        return text
    lines = text.splitlines()
    if any(line.strip() == PARAMS_PLACEHOLDER for line in lines):
        block = _values_block(bindings)
        return "\n".join(
            block if line.strip() == PARAMS_PLACEHOLDER else "" if line.lstrip().startswith("#") else line
            for line in lines
        )
    body = "\n".join("" if line.lstrip().startswith("#") else line for line in lines)
    match = _WHERE.search(body)
    if match is None:
        raise QueryError("sparql_no_where")
    return body[: match.end()] + "\n  " + _values_block(bindings) + body[match.end():]


_OUTER_ORDER = re.compile(r"\n[ \t]*ORDER[ \t]+BY\b[^\n{}]*\s*\Z", re.IGNORECASE)


def _with_first(query: str, first: int | None) -> str:
    """``query`` asking the server for its ``first`` rows only, when it ends with its own ORDER BY line (the
    named queries that take a ``limit``: tests/queries/test_named_queries.py): the server then sends a few rows,
    not every one (a ranking cut to 20 rows was 30,000 rows of JSON, too big for `policykg serve` to keep),
    the same rows, since their order is total (ties broken by the agencies' ids). Any other query is sent
    whole and cut here."""
    if first is None or first <= 0 or not _OUTER_ORDER.search(query):
        return query
    return f"{query.rstrip()}\nLIMIT {int(first)}"


class HttpEndpoint:
    """A SPARQL 1.1 Protocol endpoint, e.g. ``http://127.0.0.1:7878/query`` of `oxigraph serve`.

    Parameters
    ----------
    url
        The query endpoint.
    timeout
        Seconds to wait for an answer.
    """

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"HttpEndpoint({self.url!r})"

    def select(self, text: str, bindings: dict[str, Any] | None = None,
               first: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        query = _with_first(_with_values(text, bindings or {}), first)
        request = urllib.request.Request(
            self.url,
            data=query.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/sparql-query; charset=utf-8",
                     "Accept": "application/sparql-results+json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            if 400 <= exc.code < 500:
                raise QueryError("endpoint_refused", url=self.url, status=exc.code, detail=detail) from exc
            raise BackendError("endpoint_failed", url=self.url, status=exc.code, detail=detail) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise BackendError("endpoint_unreachable", url=self.url, reason=str(exc)) from exc
        if "boolean" in payload:
            return ["ask"], [{"ask": bool(payload["boolean"])}]
        columns = payload["head"]["vars"]
        rows = []
        for binding in payload["results"]["bindings"]:
            row: dict[str, Any] = {}
            for c in columns:
                cell = binding.get(c)
                if cell is None:
                    row[c] = None
                elif cell["type"] == "literal" or cell["type"] == "typed-literal":
                    row[c] = to_python(cell["value"], cell.get("datatype"))
                else:
                    row[c] = cell["value"]
            rows.append(row)
        return columns, rows


def backend_for(store: Any) -> Backend:
    """Wrap a pyoxigraph Store; pass an `HttpEndpoint` (or any backend) through."""
    if isinstance(store, Store):
        return EmbeddedStore(store)
    if hasattr(store, "select"):
        return store
    raise QueryError("sparql_backend_unsupported", kind=type(store).__name__)


def _term(value: Any, type_: str) -> Any:
    if type_ == "integer":
        return Literal(value)
    if type_ == "date":
        return Literal(value, datatype=NamedNode(XSD + "date"))
    return Literal(str(value))


def run_named(store: Any, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a named query with its parameters bound (defaults for those not given).

    Parameters
    ----------
    store
        A pyoxigraph `Store` or an `HttpEndpoint`.
    name
        A query of `list_queries()`, e.g. ``"workload_per_agency"``.
    params
        ``{name: text}``, as given to ``--param name=text``.

    Raises
    ------
    QueryError
        Unknown query or parameter, malformed value.

    Examples
    --------
    >>> from pyoxigraph import Store
    >>> run_named(Store(), "measures_without_lead").rows
    []
    """
    query: NamedQuery = get_query(name)
    values = query.bind(params)
    backend = backend_for(store)
    for p in query.places():
        _check_place(backend, p.name, values[p.name])
    bindings = {p.variable: _term(values[p.name], p.type) for p in query.parameters}
    limit = values[query.limit] if query.limit is not None else 0
    _, rows = backend.select(query.text, bindings, limit if limit > 0 else None)
    for column in query.sorted_join:
        for row in rows:
            raw = row.get(column) or ""
            row[column] = JOIN_SEPARATOR.join(sorted(part for part in raw.split(RAW_SEPARATOR) if part))
    if query.limit is not None:
        rows = apply_limit(rows, values[query.limit])
    columns = list(query.columns)
    return QueryResult(columns, [{c: row.get(c) for c in columns} for row in rows])


_PLACE_QUERY = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?name WHERE {
  GRAPH ?g { ?place a pkg:Jurisdiction ; skos:prefLabel ?label }
  BIND(STR(?label) AS ?name)
  FILTER(?name = ?wanted || ?wanted = "")
}"""


def _check_place(backend: Backend, parameter: str, value: str) -> None:
    """Raise `unknown_place` unless ``value`` is ``all`` or the name of a place in the graph."""
    if value == ALL:
        return
    _, found = backend.select(_PLACE_QUERY, {"wanted": Literal(value)})
    if not found:
        _, everything = backend.select(_PLACE_QUERY, {"wanted": Literal("")})
        raise unknown_place(parameter, value, (row["name"] for row in everything))


def run_sparql(store: Any, text: str) -> QueryResult:
    """Run a SPARQL query text (read-only; updates and SERVICE calls are refused).

    The project's prefixes (``pkg:``, ``agency:``, … `policykg.queries.prefixes`) are
    declared before the text; the text is checked by parsing and the checked text is
    what runs (`policykg.queries.sparql_guard`).

    Raises
    ------
    QueryError
        A syntax error, an update, a SERVICE clause, or a text that cannot be checked.
    """
    query = checked_query(text)
    try:
        columns, rows = backend_for(store).select(query)
    except QueryError:
        if is_update(text):
            raise QueryError("sparql_update_refused") from None
        raise
    return QueryResult(columns, rows)
