"""The named-query catalogue: names, titles, parameters and defaults read from the query headers.

Backend-neutral on purpose (no pyoxigraph or neo4j import): the SPARQL runner
(`policykg.queries.sparql`) and the Cypher runner both take their names,
parameters and defaults from here, and both return a `QueryResult`.

A header is the block of ``#`` lines opening a ``.rq`` file::

    # title_zh: 各单位工作量
    # title_en: Workload per agency
    # description: Lead, responsible and total measures per agency …
    # param: jurisdiction | string | all | 文件所属辖区全称 … / the document's jurisdiction …
    # columns: agency, name, kind, …
    # limit: limit                 (this parameter cuts the ordered result; SPARQL LIMIT takes no variable)
    # sorted-join: lead_names      (a column the query concatenates with U+001F; sorted, joined with 、)

Parameter ``k`` is bound to the SPARQL variable ``?p_k`` (`Parameter.variable`).

Types: ``string``, ``integer``, ``date`` (ISO), and ``place`` — a jurisdiction's full name or
``all``, which the runners check against the places of the graph (`unknown_place`) before the
query runs, so that a misspelt place is an error and not an empty table. A default is a value,
or for a date ``today``, another parameter's name (``as_of``) or a date parameter plus an integer
one in days (``as_of+days``): the runners receive plain values either way.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from policykg.errors import QueryError

__all__ = [
    "Parameter",
    "NamedQuery",
    "QueryResult",
    "list_queries",
    "get_query",
    "parse_header",
    "JOIN_SEPARATOR",
    "RAW_SEPARATOR",
    "ALL",
    "apply_limit",
    "unknown_place",
]

# The query concatenates sorted-join columns with this character (not found in names),
# and the runner splits, sorts and joins them with 、 (the contract's lead_names).
RAW_SEPARATOR = "\u001f"
JOIN_SEPARATOR = "、"

_TYPES = ("string", "integer", "date", "place")
_ONE_OF = "one of "  # a string parameter's type when only some values are allowed: "one of a, b"
# The value of a place (or other filter) parameter that selects everything.
ALL = "all"


@dataclass(frozen=True, slots=True)
class Parameter:
    """One query parameter: its name, type (string, integer, date), default and description.

    A string parameter may take only some values (``choices``; header type ``one of a, b``).
    """

    name: str
    type: str
    default: str
    description: str = ""
    choices: tuple[str, ...] = ()

    @property
    def variable(self) -> str:
        """The SPARQL variable the value is bound to (without ``?``)."""
        return f"p_{self.name}"

    def coerce(self, text: str) -> Any:
        """The typed value of a ``--param`` string, or `QueryError` saying what is wrong.

        Examples
        --------
        >>> Parameter("min_shared", "integer", "2").coerce("3")
        3
        >>> Parameter("start", "date", "1900-01-01").coerce("2021-06-30")
        '2021-06-30'
        >>> Parameter("indicators", "string", "inferred", choices=("printed", "inferred")).coerce("printed")
        'printed'
        """
        if self.type == "integer":
            try:
                return int(text.strip())
            except ValueError:
                raise QueryError("param_not_integer", name=self.name, text=text) from None
        if self.type == "date":
            try:
                return _dt.date.fromisoformat(text.strip()).isoformat()
            except ValueError:
                raise QueryError("param_not_date", name=self.name, text=text) from None
        if self.choices and text.strip() not in self.choices:
            raise QueryError("param_not_one_of", name=self.name, text=text, choices=", ".join(self.choices))
        return text.strip() if self.choices else text


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query: its header facts and its text (without the header)."""

    name: str
    title_zh: str
    title_en: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    text: str
    limit: str | None = None
    sorted_join: tuple[str, ...] = ()

    def title(self, lang: str = "zh") -> str:
        return self.title_en if lang == "en" else self.title_zh

    def bind(self, params: dict[str, str] | None = None) -> dict[str, Any]:
        """Typed values of every parameter: the given ones, defaults for the rest.

        Raises
        ------
        QueryError
            An unknown parameter name or a malformed value.
        """
        params = dict(params or {})
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise QueryError("query_no_parameter", query=self.name, unknown=", ".join(unknown),
                             known=", ".join(known) or "none")
        values: dict[str, Any] = {}
        for name, p in known.items():  # in header order: a default may name a parameter above it
            values[name] = p.coerce(params[name]) if name in params else self._default(p, values)
        return values

    def _default(self, p: Parameter, values: dict[str, Any]) -> Any:
        """The default of ``p``: its value, or for a date ``today``, ``other`` or ``other+days``."""
        if p.type != "date":
            return p.coerce(p.default)
        if p.default == "today":
            return _dt.date.today().isoformat()
        base, plus, days = p.default.partition("+")
        if base in values:
            if not plus:
                return values[base]
            if days not in values:
                raise QueryError("param_default_unknown", query=self.name, name=p.name, other=days)
            return (_dt.date.fromisoformat(values[base]) + _dt.timedelta(days=int(values[days]))).isoformat()
        return p.coerce(p.default)

    def places(self) -> list[Parameter]:
        """The parameters naming a place (checked against the graph's places before a run)."""
        return [p for p in self.parameters if p.type == "place"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "description": self.description,
            "parameters": [
                {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                | ({"choices": list(p.choices)} if p.choices else {})
                for p in self.parameters
            ],
            "columns": list(self.columns),
        }


@dataclass(slots=True)
class QueryResult:
    """Columns and rows of plain Python values (int, float, str, None)."""

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def tuples(self) -> list[tuple[Any, ...]]:
        """Rows as tuples in column order (handy for comparing results)."""
        return [tuple(r.get(c) for c in self.columns) for r in self.rows]


def parse_header(name: str, text: str) -> NamedQuery:
    """Read a query file: its ``#`` header lines, then the query text.

    Raises
    ------
    QueryError
        A header line is malformed or a required key (title_zh, title_en, columns) is missing.
    """
    facts: dict[str, list[str]] = {}
    lines = text.splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = i
            break
        content = line[1:].strip()
        if not content:
            continue
        key, sep, value = content.partition(":")
        if not sep:
            raise QueryError("header_no_key", name=name, line=i + 1, text=line)
        facts.setdefault(key.strip(), []).append(value.strip())
    else:
        body_start = len(lines)
    params = []
    for spec in facts.get("param", []):
        parts = [p.strip() for p in spec.split("|")]
        choices: tuple[str, ...] = ()
        if len(parts) == 4 and parts[1].startswith(_ONE_OF):
            choices = tuple(c.strip() for c in parts[1][len(_ONE_OF):].split(",") if c.strip())
            parts[1] = "string"
        if len(parts) != 4 or parts[1] not in _TYPES or (choices and parts[2] not in choices):
            raise QueryError("header_bad_param", name=name, spec=spec)
        params.append(Parameter(parts[0], parts[1], parts[2], parts[3], choices=choices))
    for key in ("title_zh", "title_en", "columns"):
        if key not in facts:
            raise QueryError("header_missing", name=name, field=key)

    def one(key: str) -> str:
        return " ".join(facts.get(key, []))

    return NamedQuery(
        name=name,
        title_zh=one("title_zh"),
        title_en=one("title_en"),
        description=one("description"),
        parameters=tuple(params),
        columns=tuple(c.strip() for c in one("columns").split(",")),
        text="\n".join(lines[body_start:]).strip() + "\n",
        limit=one("limit") or None,
        sorted_join=tuple(c.strip() for c in one("sorted-join").split(",") if c.strip()),
    )


def apply_limit(rows: list[Any], limit: int) -> list[Any]:
    """The first ``limit`` rows; 0 means all of them.

    Raises
    ------
    QueryError
        A negative limit.
    """
    if limit < 0:
        raise QueryError("param_limit_negative", limit=limit)
    return rows[:limit] if limit else rows


# An unknown place lists at most this many known ones (the closest names first).
_PLACES_SHOWN = 40


def unknown_place(parameter: str, value: str, known: Iterable[str]) -> QueryError:
    """The error for a place the graph does not hold: it names the closest known places.

    Examples
    --------
    >>> str(unknown_place("jurisdiction", "福州", ["福州市", "福清市", "泉州市"]))
    'jurisdiction：图中没有地方“福州”；已知地方（3 个）：福州市、福清市、泉州市'
    """
    names = sorted(set(known))
    close = difflib.get_close_matches(value, names, n=_PLACES_SHOWN, cutoff=0.3)
    shown = close + [n for n in names if n not in close][: max(_PLACES_SHOWN - len(close), 0)]
    more = "" if len(shown) == len(names) else " …"
    return QueryError("query_unknown_place", parameter=parameter, value=value, count=len(names),
                      known="、".join(shown) + more)


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, NamedQuery]:
    folder = resources.files("policykg.queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            stem = entry.name[: -len(".rq")]
            out[stem] = parse_header(stem, entry.read_text(encoding="utf-8"))
    return out


def list_queries() -> list[NamedQuery]:
    """Every named query, in name order."""
    return list(_catalogue().values())


def get_query(name: str) -> NamedQuery:
    """The named query ``name``, or `QueryError` listing the known names."""
    try:
        return _catalogue()[name]
    except KeyError:
        raise QueryError("query_unknown", name=name, known=", ".join(_catalogue())) from None
