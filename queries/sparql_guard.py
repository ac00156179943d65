"""Read-only means read-only: a SPARQL text is checked by parsing it, and the engine runs what was checked.

`checked_query` is the gate of `policykg sparql` and of `policykg serve`'s endpoint:

- **No SERVICE, anywhere.** Oxigraph (embedded or the server) executes ``SERVICE`` itself,
  so a query could make the machine send requests elsewhere. The text is parsed by
  rdflib's SPARQL 1.1 parser and refused when its syntax tree holds a
  ``ServiceGraphPattern`` at any depth (IRI in ``<…>``, prefixed name, variable,
  ``SILENT``, inside ``OPTIONAL``/``EXISTS``/subqueries). A text the parser cannot read
  while it spells ``service`` somewhere (oxigraph's extensions such as ``LATERAL``) is
  refused too: what cannot be checked does not run. A text without the letters
  ``service`` (any case) cannot hold the keyword and is not parsed (the parser takes
  0.1–0.5 s per named query; see BENCHMARKS.md).
- **No update.** Only the query entry points run a text (`Store.query`, the ``/query``
  endpoint), which cannot execute an update; an update text is named as such.
- **The engine runs the checked text.** rdflib and oxigraph read a few things differently:
  rdflib expands ``\\uXXXX`` escapes everywhere before parsing (SPARQL 1.1, 19.2) where
  oxigraph only expands them in strings and IRIs, and rdflib's comments run to the next
  line feed where oxigraph's also end at a carriage return. `normalize` removes both
  differences — escapes expanded until none is left, every line break a ``\\n`` — and that
  normalised text is what is parsed *and* what is executed.

`checked_update` is the gate of a writable `serve` (``--writable``): updates are allowed
there, but neither ``SERVICE`` nor ``LOAD`` (which fetches a document from a URL).

The project's prefixes (`policykg.queries.prefixes`) are declared before every text, so
``pkg:`` and ``agency:`` work without a ``PREFIX`` line; a query may declare them again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from policykg.errors import QueryError
from policykg.queries.prefixes import prologue

__all__ = ["normalize", "checked_query", "checked_update", "is_update"]

_ESCAPE = re.compile(r"\\u([0-9a-f]{4}(?:[0-9a-f]{4})?)", re.IGNORECASE)  # rdflib's pattern, \U included
_SERVICE_LETTERS = re.compile("service", re.IGNORECASE)
_NETWORK_UPDATES = {"Load"}  # update operations that fetch from a URL


def _expand_once(text: str) -> str:
    # the same pattern and rule as rdflib.plugins.sparql.parser.expandUnicodeEscapes
    def expand(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return _ESCAPE.sub(expand, text)


def normalize(text: str) -> str:
    r"""The text both rdflib and oxigraph read the same way: ``\u`` escapes expanded until none
    changes any more, CR LF and CR turned into LF.

    >>> normalize("SELECT * WHERE { # a comment\rSERVICE <x> {} }")
    'SELECT * WHERE { # a comment\nSERVICE <x> {} }'
    >>> normalize(r"\u005cu0053ERVICE")
    'SERVICE'
    """
    while True:
        expanded = _expand_once(text)
        if expanded == text:
            break
        text = expanded
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _node_names(tree: Any) -> Iterator[str]:
    """The names of every node (rdflib ``CompValue``) of a parse tree, at any depth."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(dict.values(node))
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


@lru_cache(maxsize=256)  # the page and the named queries send the same texts again and again
def _query_tree_names(text: str) -> frozenset[str] | None:
    """Node names of ``text`` parsed as a query; None when it is not one rdflib can parse."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return frozenset(_node_names(parseQuery(text)))
    except Exception:  # a ParseException, or whatever rdflib's parse actions raise on odd input: unchecked
        return None


def _update_tree_names(text: str) -> frozenset[str] | None:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        tree = parseUpdate(text)
    except Exception:  # as above
        return None
    return frozenset(_node_names(tree))


def is_update(text: str) -> bool:
    """Whether ``text`` (with the project's prefixes) parses as a SPARQL update."""
    return _update_tree_names(prologue() + normalize(text)) is not None


def checked_query(text: str) -> str:
    """The text to execute for the query ``text``: the project's prefixes, then the normalised query.

    Raises
    ------
    QueryError
        ``sparql_service_refused`` when the query calls SERVICE; ``sparql_unchecked`` when it
        spells ``service`` but cannot be parsed; ``sparql_update_refused`` for an update.
    """
    body = normalize(text)
    full = prologue() + body
    if _SERVICE_LETTERS.search(body) is None:
        return full
    names = _query_tree_names(full)
    if names is None:
        if _update_tree_names(full) is not None:
            raise QueryError("sparql_update_refused")
        raise QueryError("sparql_unchecked")
    if "ServiceGraphPattern" in names:
        raise QueryError("sparql_service_refused")
    return full


def checked_update(text: str) -> str:
    """The text to execute for the update ``text`` on a writable endpoint.

    Raises
    ------
    QueryError
        ``sparql_service_refused`` (SERVICE in a WHERE), ``sparql_load_refused`` (LOAD),
        ``sparql_unchecked`` (not an update rdflib can parse).
    """
    full = prologue() + normalize(text)
    names = _update_tree_names(full)
    if names is None:
        raise QueryError("sparql_unchecked")
    if "ServiceGraphPattern" in names:
        raise QueryError("sparql_service_refused")
    if names & _NETWORK_UPDATES:
        raise QueryError("sparql_load_refused")
    return full
