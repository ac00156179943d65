"""Read-only Cypher: write clauses found by a tokenizer that knows strings, comments and backticks.

`policykg cypher TEXT` runs the text in a read transaction (`Connection.read`, Bolt's
READ access mode), which Neo4j 5 enforces; FalkorDB accepts the mode and writes anyway
(docs/cypher.md), so the text is checked first. `tokens` reads Cypher the way the
servers' lexers do:

- ``'…'`` and ``"…"`` strings with backslash escapes, ```…``` names with a doubled
  backtick as escape, ``//`` comments to the end of the line (a line feed or a
  carriage return) and ``/* … */`` comments: their content is never a keyword;
- every other word is a token, compared without regard to case.

`refuse_writes` refuses a text holding a write or administration keyword
(`WRITE_KEYWORDS`) as a word of its own — not a property name after ``.`` — and a
``CALL`` of any procedure outside `READ_PROCEDURES`. A string, comment or name that
never ends is refused too: what cannot be read cannot be checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from policykg.errors import QueryError

__all__ = ["Token", "tokens", "refuse_writes", "WRITE_KEYWORDS", "READ_PROCEDURES"]

# Clauses that change the graph, and the administration commands of Neo4j 5.
WRITE_KEYWORDS = frozenset({
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "LOAD", "INSERT",
    "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE", "ENABLE", "DEALLOCATE",
    "REALLOCATE",
})
# Procedures that only read (Neo4j 5 and FalkorDB); lower case.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints", "db.info", "db.ping",
    "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
    "db.idx.fulltext.querynodes", "db.idx.vector.querynodes", "db.meta.stats",
    "dbms.components", "dbms.procedures", "dbms.functions",
    "algo.pagerank", "algo.bfs", "algo.wcc", "algo.betweenness", "algo.labelpropagation", "algo.spanningforest",
    "algo.sspaths", "algo.spaths",
})


@dataclass(frozen=True, slots=True)
class Token:
    """A word (``kind`` "word" or "name" for a backticked one) or one punctuation character."""

    kind: str
    text: str
    line: int


def _unreadable(line: int, problem: str) -> QueryError:
    return QueryError("cypher_unreadable", line=line, problem=problem)


def tokens(text: str) -> Iterator[Token]:
    """The words, backticked names, parameters and punctuation of a Cypher text; strings,
    numbers and comments are skipped (a string is one "string" token, its content unread).

    Raises
    ------
    QueryError
        A string, comment or backticked name that never ends.

    Examples
    --------
    >>> [t.text for t in tokens("MATCH (n) // it's\\nRETURN 'SET' AS `a``b`")]
    ['MATCH', '(', 'n', ')', 'RETURN', "'", 'AS', 'a`b']
    """
    i, n, line = 0, len(text), 1
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
        elif ch.isspace():
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] not in "\r\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise _unreadable(line, "/* without */")
            line += text.count("\n", i, end)
            i = end + 2
        elif ch in "'\"":
            start_line, j = line, i + 1
            while j < n and text[j] != ch:
                if text[j] == "\\":
                    j += 1
                elif text[j] == "\n":
                    line += 1
                j += 1
            if j >= n:
                raise _unreadable(start_line, f"{ch}… without its closing {ch}")
            yield Token("string", ch, start_line)
            i = j + 1
        elif ch == "`":
            parts, j = [], i + 1
            while True:
                end = text.find("`", j)
                if end < 0:
                    raise _unreadable(line, "`… without its closing `")
                parts.append(text[j:end])
                if text.startswith("``", end):
                    parts.append("`")
                    j = end + 2
                    continue
                break
            name = "".join(parts)
            line += name.count("\n")
            yield Token("name", name, line)
            i = end + 1
        elif ch.isalpha() or ch == "_" or ch == "$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            yield Token("word", text[i:j], line)
            i = j
        elif ch.isdigit():
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "."):
                j += 1
            i = j
        else:
            yield Token("punct", ch, line)
            i += 1


def _procedure(stream: list[Token], start: int) -> tuple[str, int] | None:
    """The dotted procedure name after ``CALL`` at ``start`` (None for ``CALL { … }``)."""
    if start < len(stream) and stream[start].text == "{":
        return None
    parts: list[str] = []
    i = start
    while i < len(stream) and stream[i].kind in ("word", "name"):
        parts.append(stream[i].text)
        if i + 1 < len(stream) and stream[i + 1].text == ".":
            i += 2
            continue
        i += 1
        break
    return ".".join(parts), i


def refuse_writes(text: str) -> None:
    """Raise `QueryError` when the Cypher ``text`` could write, administer or load.

    Examples
    --------
    >>> refuse_writes("MATCH (m:Measure) WHERE m.text CONTAINS 'SET' RETURN m.set AS s")
    >>> refuse_writes("WITH 1 AS one // it's\\nCREATE (:X)")
    Traceback (most recent call last):
    ...
    policykg.errors.QueryError: `policykg cypher` only reads; CREATE is not allowed (load data with `policykg neo4j push`)
    """
    stream = list(tokens(text))
    for i, token in enumerate(stream):
        if token.kind != "word":
            continue
        word = token.text.upper()
        after_dot = i > 0 and stream[i - 1].text == "."
        if word in WRITE_KEYWORDS and not after_dot:
            raise QueryError("cypher_write_refused", clause=word)
        if word == "CALL" and not after_dot:
            found = _procedure(stream, i + 1)
            if found is not None and found[0].lower() not in READ_PROCEDURES:
                raise QueryError("cypher_procedure_refused", procedure=found[0] or "?",
                                 known=", ".join(sorted(READ_PROCEDURES)))
