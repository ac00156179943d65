"""Write the property graph as CSV files for ``neo4j-admin database import``, plus a ``load.cypher``.

Two ways to load offline, from the same files:

- ``neo4j-admin database import full`` into a new, stopped database — the fastest
  way for big corpora. The exact command is written to ``import.args`` (an
  ``@argument file``, empty cells imported as absent properties) and repeated at
  the head of ``load.cypher``; ``after_import.cypher`` then makes the uniqueness
  constraints and takes the spreadsheet-safety ``'`` off (below).
- ``load.cypher`` — ``LOAD CSV`` statements that MERGE the same nodes and
  relationships into a running server (``cypher-shell -f load.cypher`` with the
  CSV files in its import directory), giving the graph `neo4j_push` gives.

Headers follow neo4j-admin: ``id:ID(Measure)`` / ``:START_ID(Agency)`` /
``:END_ID(Measure)``, typed columns (``line:int``, ``warnings:string[]``,
``confidence:double`` of an ``INFERRED`` relationship), a ``:LABEL`` column
(collectives are ``Agency;Collective``). A double is written as a plain decimal
(``0.8732``) and ``load.cypher`` reads it as its integer and fraction digits:
FalkorDB's ``toFloat`` parses a string in single precision (0.873199999…). Lists are joined
with `ARRAY_DELIMITER`, which no value may contain (checked). A cell that a
spreadsheet would read as a formula (``= + - @`` first) gets a leading ``'``
(`policykg.cells.csv_text`; a leading ``'`` is always that mark), as in every CSV
policykg writes; ``load.cypher`` and ``after_import.cypher`` take it off, so the
loaded values are the document's.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from policykg.cells import csv_text
from policykg.errors import StoreError
from policykg.graph.property.property_graph import (
    AGENCY_PROPERTIES,
    DOCUMENT_PROPERTIES,
    MEASURE_PROPERTIES,
    NODE_KEYS,
    RELATIONSHIP_PROPERTIES,
    RELATIONSHIPS,
    PropertyGraph,
    build_property_graph,
)
from policykg.records import Corpus

__all__ = ["ARRAY_DELIMITER", "CsvExport", "export_csv", "node_file", "relationship_file", "cypher_statements"]

ARRAY_DELIMITER = "|"

_PROPERTIES: dict[str, dict[str, str]] = {
    "Measure": MEASURE_PROPERTIES,
    "Agency": AGENCY_PROPERTIES,
    "Document": DOCUMENT_PROPERTIES,
    "Indicator": {"name": "string"},
    "Jurisdiction": {"id": "string", "name": "string", "adcode": "string"},
    "Sector": {"name": "string"},
}


@dataclass(slots=True)
class CsvExport:
    """What `export_csv` wrote: file names with their record counts."""

    directory: Path
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    @property
    def files(self) -> list[str]:
        return [*self.nodes, *self.relationships, "import.args", "load.cypher", AFTER_IMPORT]


def node_file(label: str) -> str:
    return f"nodes_{label}.csv"


def relationship_file(kind: str, start: str) -> str:
    return f"rels_{kind}_{start}.csv"


def _header(label: str) -> list[str]:
    key = NODE_KEYS[label]
    cols = [f"{name}:ID({label})" if name == key else _column(name, type_)
            for name, type_ in _PROPERTIES[label].items()]
    return [*cols, ":LABEL"]


def _column(name: str, type_: str) -> str:
    """A property's column header: the name, typed unless it is a string (neo4j-admin's default)."""
    return name if type_ == "string" else f"{name}:{type_}"


def _value(column: str, type_: str) -> str:
    """The Cypher expression of ``LOAD CSV``'s ``row.`column``` as a property of ``type_`` (an empty cell: null)."""
    if type_ == "int":
        return f"CASE WHEN {column} = '' THEN null ELSE toInteger({column}) END"
    if type_ == "double":  # digits as integers: FalkorDB 4.16's toFloat('0.8732') is 0.873199999332428
        whole, fraction = f"split({column}, '.')[0]", f"split({column}, '.')[1]"
        return (f"CASE WHEN {column} = '' THEN null ELSE (CASE WHEN {column} STARTS WITH '-' THEN -1.0 ELSE 1.0 END) * "
                f"(toFloat(toInteger(replace({whole}, '-', ''))) + toInteger({fraction}) / 10.0 ^ size({fraction})) END")
    if type_ == "string[]":
        return f"CASE WHEN {column} = '' THEN [] ELSE split({column}, '{ARRAY_DELIMITER}') END"
    return f"CASE WHEN {column} = '' THEN null ELSE {column} END"


def _cell(value: Any, where: str) -> str:
    """One CSV cell: lists joined with `ARRAY_DELIMITER` (neo4j-admin's array syntax), and the cell
    made safe for a spreadsheet (`csv_text`: a leading ``'`` before ``= + - @``), which
    ``load.cypher`` and ``after_import.cypher`` take off again."""
    if value is None:
        return ""
    if isinstance(value, float):
        return _plain_decimal(value)
    if isinstance(value, (list, tuple)):
        for item in value:
            if ARRAY_DELIMITER in str(item):
                raise StoreError("export_array_delimiter", where=where, value=item, delimiter=ARRAY_DELIMITER)
        return csv_text(ARRAY_DELIMITER.join(str(v) for v in value))
    return csv_text(str(value))


def _plain_decimal(value: float) -> str:
    """A float as digits, a point and digits, never an exponent (what `load.cypher` reads back exactly).

    >>> _plain_decimal(0.8732), _plain_decimal(1.0), _plain_decimal(-2.5e-07)
    ('0.8732', '1.0', '-0.00000025')
    """
    text = format(Decimal(repr(value)), "f")  # the shortest digits that read back as the float, written out
    return text if "." in text else text + ".0"


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _relationship_sets(graph: PropertyGraph) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(type, start label, end label, pairs); IN is split by its start label."""
    out = [(kind, *RELATIONSHIPS[kind], pairs) for kind, pairs in graph.relationships.items()]
    out.append(("IN", "Document", "Jurisdiction", graph.document_in))
    return out


AFTER_IMPORT = "after_import.cypher"


def _import_args(export: CsvExport, sets: list[tuple[str, str, str, list[tuple[str, str]]]]) -> str:
    # empty cells are absent properties (null), as in the pushed graph, not ""
    lines = ["--overwrite-destination", f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true",
             "--ignore-empty-strings=true"]
    lines += [f"--nodes={node_file(label)}" for label in NODE_KEYS]
    lines += [f"--relationships={kind}={relationship_file(kind, start)}" for kind, start, _, _ in sets]
    return "\n".join(lines) + "\n"


def _constraints() -> list[str]:
    return [f"CREATE CONSTRAINT policykg_{label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE;"
            for label, key in NODE_KEYS.items()]


def _unprefix_statements() -> list[str]:
    """Take the spreadsheet-safety ``'`` (`csv_text`; a leading ``'`` is always that mark) off every
    text property of the loaded nodes. A pass after loading, not an expression in each ``LOAD CSV``
    statement: the files keep matching by the marked ids, and FalkorDB 4.16 crashes or fails on
    those longer statements (docs/cypher.md). ``substring`` is given its length for the same reason."""
    out = []
    patterns = [(f"(n:{label})", properties) for label, properties in _PROPERTIES.items()]
    patterns += [(f"()-[n:{kind}]->()", properties) for kind, properties in RELATIONSHIP_PROPERTIES.items()]
    for pattern, properties in patterns:
        for name, type_ in properties.items():
            if type_ == "string":
                out.append(f"MATCH {pattern} WHERE n.{name} STARTS WITH \"'\" "
                           f"SET n.{name} = substring(n.{name}, 1, size(n.{name}));")
            elif type_ == "string[]":
                out.append(f"MATCH {pattern} WHERE n.{name}[0] STARTS WITH \"'\" "
                           f"SET n.{name} = [substring(n.{name}[0], 1, size(n.{name}[0]))] + n.{name}[1..];")
    return out


def _after_import() -> str:
    """What to run once on a database made by ``neo4j-admin database import``: the uniqueness
    constraints `neo4j push` makes, and the spreadsheet-safety ``'`` taken off the values."""
    return "\n".join([
        "// policykg: run once after `neo4j-admin database import full policykg @import.args`,",
        "// on the started database: cypher-shell -d policykg -f after_import.cypher",
        "",
        *_constraints(),
        "",
        *_unprefix_statements(),
    ]) + "\n"


def _load_cypher(sets: list[tuple[str, str, str, list[tuple[str, str]]]]) -> str:
    out = [
        "// policykg property graph: load the CSV files of this directory into a running server.",
        "// Put the files in the server's import directory, then: cypher-shell -f load.cypher",
        "// Offline, into a new stopped database (Neo4j 5):",
        "//   neo4j-admin database import full policykg @import.args",
        f"// then, on the started database, {AFTER_IMPORT} (see docs/cypher.md for the supported versions)",
        "",
        *_constraints(),
        "",
    ]
    for label, key in NODE_KEYS.items():
        sets_ = []
        for name, type_ in _PROPERTIES[label].items():
            if name != key:
                sets_.append(f"n.{name} = {_value(f'row.`{_column(name, type_)}`', type_)}")
        out.append(f"LOAD CSV WITH HEADERS FROM 'file:///{node_file(label)}' AS row")
        out.append(f"MERGE (n:{label} {{{key}: row.`{key}:ID({label})`}})")
        if sets_:
            out.append("SET " + ",\n    ".join(sets_))
        if label == "Agency":
            out.append("FOREACH (flag IN CASE WHEN row.`:LABEL` CONTAINS 'Collective' THEN [1] ELSE [] END |"
                       " SET n:Collective)")
        out[-1] += ";"
        out.append("")
    for kind, start, end, _ in sets:
        out.append(f"LOAD CSV WITH HEADERS FROM 'file:///{relationship_file(kind, start)}' AS row")
        out.append(f"MATCH (a:{start} {{{NODE_KEYS[start]}: row.`:START_ID({start})`}})")
        out.append(f"MATCH (b:{end} {{{NODE_KEYS[end]}: row.`:END_ID({end})`}})")
        properties = RELATIONSHIP_PROPERTIES.get(kind, {})
        if properties:
            out.append(f"MERGE (a)-[r:{kind}]->(b)")
            out.append("SET " + ",\n    ".join(f"r.{name} = {_value(f'row.`{_column(name, type_)}`', type_)}"
                                              for name, type_ in properties.items()) + ";")
        else:
            out.append(f"MERGE (a)-[:{kind}]->(b);")
        out.append("")
    out.append("// the values as the documents print them: without the spreadsheet-safety '")
    out += _unprefix_statements()
    return "\n".join(out) + "\n"


def export_csv(corpus: Corpus, directory: Path) -> CsvExport:
    """Write node and relationship CSV files, ``import.args`` and ``load.cypher`` into ``directory``.

    Raises
    ------
    StoreError
        The directory cannot be written, or a list value contains `ARRAY_DELIMITER`.
    """
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError("export_directory", directory=directory, reason=exc) from exc
    graph = build_property_graph(corpus)
    export = CsvExport(directory)
    for label, nodes in graph.nodes.items():
        columns = list(_PROPERTIES[label])
        rows = []
        for props in nodes:
            where = f"{label} {props[NODE_KEYS[label]]}"
            extra = "Agency;Collective" if label == "Agency" and props.get("kind") == "collective" else label
            rows.append([_cell(props.get(c), where) for c in columns] + [extra])
        _write(directory / node_file(label), _header(label), rows)
        export.nodes[node_file(label)] = len(rows)
    sets = _relationship_sets(graph)
    for kind, start, end, pairs in sets:
        name = relationship_file(kind, start)
        properties = RELATIONSHIP_PROPERTIES.get(kind, {})
        values = graph.properties.get(kind, {})
        _write(directory / name,
               [f":START_ID({start})", f":END_ID({end})", *(_column(p, t) for p, t in properties.items()), ":TYPE"],
               [[csv_text(a), csv_text(b), *(_cell(values[(a, b)].get(p), f"{kind} {a}") for p in properties), kind]
                for a, b in pairs])
        export.relationships[name] = len(pairs)
    (directory / "import.args").write_text(_import_args(export, sets), encoding="utf-8")
    (directory / "load.cypher").write_text(_load_cypher(sets), encoding="utf-8")
    (directory / AFTER_IMPORT).write_text(_after_import(), encoding="utf-8")
    return export


def cypher_statements(script: str) -> list[str]:
    """The statements of a script like ``load.cypher``: ``//`` comment lines dropped, split at a
    ``;`` that ends a line (what cypher-shell does), for running them one by one through a driver."""
    body = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    return [part.strip() for part in re.split(r";[ \t]*(?:\n|$)", body) if part.strip()]
