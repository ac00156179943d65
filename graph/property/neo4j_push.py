"""Push a Corpus into Neo4j or FalkorDB over Bolt: one transaction per document, all-or-nothing.

A document is written in three steps inside one managed transaction:

1. shared nodes — places, agencies (with ``IN`` / ``IN_SECTOR``) — by batched
   ``UNWIND $batch … MERGE``;
2. its measures as ``:StagedMeasure`` nodes: the measure's properties plus, as list
   properties ``indicators`` / ``leads`` / ``responsible``, the keys of the nodes its
   relationships will point to; again ``UNWIND … MERGE`` in batches, no relationships;
3. one *publish* statement: merge the ``:Document``, delete the measures being
   replaced, and for each staged node create the ``:Measure`` with its ``FROM`` /
   ``ADDRESSES`` / ``INFERRED`` / ``LEADS`` / ``RESPONSIBLE_FOR`` relationships (index
   lookups of the indicators and agencies), then delete the staged node.

On Neo4j the transaction alone makes this atomic. FalkorDB applies each statement
at once and cannot roll back, and takes at most 4 KB per statement (docs/cypher.md),
so there batches are small; but nothing is a ``:Measure`` until the single publish
statement runs, so a push that dies half-way leaves no half-written document, only
staged nodes that no query looks at and that the next push of the document clears.

The publish creates new ``:Measure`` nodes instead of relabelling the staged ones:
on FalkorDB 4.16 adding or removing a label costs time in proportion to the whole
graph *per node* (docs/cypher.md, "FalkorDB bugs", 11), which made the push slower
with every document (≈660 rows/s at 20,000 rows; ≈420 rows/s at 150,000, down to
≈240 by the end). Creating nodes and relationships costs the same at any graph size.

Everything else is MERGE on indexed keys (`ensure_indexes`; pitfalls.md: MERGE is
unique and fast only with the constraint), and the publish creates a measure only
from a staged node it deletes in the same statement (with CREATE for the new
measure's own relationships), so the driver may retry a transaction and a second
push creates nothing new. With ``replace`` (what ``policykg neo4j push`` does unless
told not to) the document's measures are exactly the new ones; without it a measure
no longer in the document stays. Measure ids are the document and the printed
number (`policykg.identities`), so an edit elsewhere in a document duplicates
nothing either way.

What the push costs is the number of statements (on FalkorDB each parses its
parameters again, and takes at most 4 KB): agencies and measures travel as rows of
values without key names, and the places, links and agencies an earlier document
of the same push wrote are not written again (`document_statements`, ``written``).
At 150k rows that is a quarter fewer statements. Agencies, places, sectors and indicators are shared between
documents and stay.

The 4 KB is Bolt's: over FalkorDB's Redis port (``--uri redis://…``, `falkordb_redis`) the same
statements carry a thousand rows each, as for Neo4j (``statement_budget`` None) — ≈ 5,300
statements at 150k rows instead of ≈ 33,000, the same graph (tests/neo4j/test_push_over_redis.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import BackendError
from policykg.graph.property.bolt import AnyConnection, escape_for_falkordb, statement_bytes
from policykg.graph.property.property_graph import (
    AGENCY_PROPERTIES,
    MEASURE_PROPERTIES,
    NODE_KEYS,
    DocumentBatch,
    document_batches,
)
from policykg.records import Corpus

__all__ = [
    "PushStats",
    "STAGED_LABEL",
    "UNIQUE_KEYS",
    "push_corpus",
    "push_batches",
    "document_statements",
    "graph_counts",
    "ensure_indexes",
]

# progress(source, measures) after each document is committed
Progress = Callable[[str, int], None]

STAGED_LABEL = "StagedMeasure"
UNIQUE_KEYS: dict[str, str] = {**NODE_KEYS, STAGED_LABEL: "id"}
PLAIN_INDEXES: tuple[tuple[str, str], ...] = (("Measure", "source"), (STAGED_LABEL, "source"))
# Measures (or agencies, places) per UNWIND where statements have no size limit: Neo4j, and FalkorDB
# over its Redis port (`falkordb_redis`; at 15k rows 100 and 1,000 a statement pushed as fast, 9,100 and
# 8,600 rows/s in one noisy run each; a thousand measure rows are ≈0.7 MB of parameters).
_BATCH_ROWS = 1000

_CLEAR_STAGED = "MATCH (x:StagedMeasure {source: $source}) DETACH DELETE x"

_PLACES = """UNWIND $batch AS p
MERGE (j:Jurisdiction {id: p.id})
SET j.name = p.name
FOREACH (code IN CASE WHEN p.adcode IS NULL THEN [] ELSE [p.adcode] END | SET j.adcode = code)"""

_PART_OF = """UNWIND $batch AS link
MERGE (part:Jurisdiction {id: link.part})
MERGE (whole:Jurisdiction {id: link.whole})
MERGE (part)-[:PART_OF]->(whole)"""

# Agencies and measures travel as rows of values (lists, not maps): the key names of a map would
# be repeated for every row, and FalkorDB takes 4 KB per statement with its parameters, so rows
# without them let more of them into each statement (fewer statements: the push's main cost).
_AGENCY_FIELDS = tuple(name for name in AGENCY_PROPERTIES if name != "id")
_AGENCIES = """UNWIND $batch AS a
MERGE (n:Agency {id: a[0]})
SET FIELDS
FOREACH (flag IN CASE WHEN a[COLLECTIVE] THEN [1] ELSE [] END | SET n:Collective)
FOREACH (key IN a[JURISDICTIONS] | MERGE (j:Jurisdiction {id: key}) MERGE (n)-[:IN]->(j))
FOREACH (name IN a[SECTORS] | MERGE (s:Sector {name: name}) MERGE (n)-[:IN_SECTOR]->(s))""".replace(
    "FIELDS", ", ".join(f"n.{name} = a[{i}]" for i, name in enumerate(_AGENCY_FIELDS, start=1))).replace(
    "COLLECTIVE", str(len(_AGENCY_FIELDS) + 1)).replace(
    "JURISDICTIONS", str(len(_AGENCY_FIELDS) + 2)).replace("SECTORS", str(len(_AGENCY_FIELDS) + 3))

# A staged measure holds the measure's properties plus, as lists, the keys of the nodes its
# relationships will point to; the publish statement turns it into a :Measure node. A row: the id,
# the properties but id and source (the statement's $source), indicators, inferred, leads, responsible.
_MEASURE_FIELDS = tuple(name for name in MEASURE_PROPERTIES if name not in ("id", "source"))
_MEASURES = """UNWIND $batch AS m
MERGE (x:StagedMeasure {id: m[0]})
SET x.source = $source, FIELDS,
    x.indicators = m[INDICATORS], x.inferred = m[INFERRED], x.leads = m[LEADS],
    x.responsible = m[RESPONSIBLE]""".replace(
    "FIELDS", ", ".join(f"x.{name} = m[{i}]" for i, name in enumerate(_MEASURE_FIELDS, start=1))).replace(
    "INDICATORS", str(len(_MEASURE_FIELDS) + 1)).replace("INFERRED", str(len(_MEASURE_FIELDS) + 2)).replace(
    "LEADS", str(len(_MEASURE_FIELDS) + 3)).replace("RESPONSIBLE", str(len(_MEASURE_FIELDS) + 4))

# Appends one piece of a measure text too long for one FalkorDB statement; the
# offset check makes a repeated append (a retried transaction) a no-op.
_APPEND_TEXT = """MATCH (x:StagedMeasure {id: $id})
WHERE size(coalesce(x.text, '')) = $offset
SET x.text = coalesce(x.text, '') + $piece"""

_PUBLISH = """MERGE (d:Document {source: $source})
SET d += $document
WITH d
OPTIONAL MATCH (s:StagedMeasure {source: $source})
WITH d, collect(s.id) AS ids
OPTIONAL MATCH (old:Measure {source: $source})
WHERE $replace OR old.id IN ids
DETACH DELETE old
WITH DISTINCT d
FOREACH (key IN $jurisdictions | MERGE (j:Jurisdiction {id: key}) MERGE (d)-[:IN]->(j))
WITH d
MATCH (s:StagedMeasure {source: $source})
CREATE (x:Measure)
SET x = s {MEASURE_PROJECTION}
CREATE (x)-[:FROM]->(d)
FOREACH (name IN coalesce(s.indicators, []) | MERGE (i:Indicator {name: name}) CREATE (x)-[:ADDRESSES]->(i))
FOREACH (name IN coalesce(s.inferred, []) | MERGE (i:Indicator {name: name})
  CREATE (x)-[:INFERRED {confidence: s.indicator_confidence, by: s.indicator_inferred_by}]->(i))
FOREACH (aid IN coalesce(s.leads, []) | MERGE (a:Agency {id: aid}) CREATE (a)-[:LEADS]->(x))
FOREACH (aid IN coalesce(s.responsible, []) | MERGE (a:Agency {id: aid}) CREATE (a)-[:RESPONSIBLE_FOR]->(x))
DETACH DELETE s
RETURN count(x) AS measures""".replace("MEASURE_PROJECTION", ", ".join(f".{name}" for name in MEASURE_PROPERTIES))

Statement = tuple[str, dict[str, Any]]


@dataclass(slots=True)
class PushStats:
    """What a push wrote: documents, measures (rows), statements, indexes made, and the time taken."""

    documents: int = 0
    measures: int = 0
    statements: int = 0
    indexes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.measures / self.seconds if self.seconds > 0 else 0.0


def ensure_indexes(conn: AnyConnection) -> list[str]:
    """Index every node key (and ``Measure.source``) when missing; the statements run."""
    return conn.ensure_indexes(UNIQUE_KEYS, PLAIN_INDEXES)


def _wire_bytes(text: str, params: dict[str, Any]) -> int:
    """`statement_bytes` of the parameters as the connection sends them to FalkorDB (escaped), the only
    server with a budget: the connection refuses a statement by that size."""
    return statement_bytes(text, escape_for_falkordb(params))


def _batches(text: str, items: list[Any], budget: int | None,
             extra: dict[str, Any] | None = None) -> Iterator[Statement]:
    """``UNWIND $batch`` statements over ``items`` (with the parameters ``extra``): fixed-size batches,
    or as many as fit ``budget`` bytes."""
    extra = extra or {}
    if budget is None:
        for start in range(0, len(items), _BATCH_ROWS):
            yield text, {**extra, "batch": items[start:start + _BATCH_ROWS]}
        return
    empty = _wire_bytes(text, {**extra, "batch": []})
    size = empty
    batch: list[Any] = []
    for item in items:
        grows = _wire_bytes("", {"b": [item]}) - _EMPTY_LIST + 2  # the item and a separator
        if batch and size + grows > budget:
            yield text, {**extra, "batch": batch}
            size, batch = empty, []
        batch.append(item)
        size += grows
    if batch:
        yield text, {**extra, "batch": batch}


_EMPTY_LIST = statement_bytes("", {"b": []})


def _measure_row(measure: dict[str, Any]) -> list[Any]:
    # each key once (dict.fromkeys keeps the order): the publish CREATEs the relationships of a
    # measure it has just created, instead of MERGE, which on FalkorDB scans the agency's edges
    props = measure["props"]
    return [measure["id"], *(props.get(name) for name in _MEASURE_FIELDS),
            *(list(dict.fromkeys(measure[k])) for k in ("indicators", "inferred", "leads", "responsible"))]


def _agency_row(agency: dict[str, Any]) -> list[Any]:
    props = agency["props"]
    return [agency["id"], *(props.get(name) for name in _AGENCY_FIELDS),
            agency["collective"], agency["jurisdictions"], agency["sectors"]]


_TEXT = 1 + _MEASURE_FIELDS.index("text")  # the text's place in a measure row


def _split_text(source: str, row: list[Any], budget: int) -> list[Statement]:
    """A measure too big for one statement: written without its text, then the text in pieces."""
    text = row[_TEXT] or ""
    bare = [*row[:_TEXT], "", *row[_TEXT + 1:]]
    if _wire_bytes(_MEASURES, {"source": source, "batch": [bare]}) > budget:
        raise BackendError("bolt_row_too_large", measure=row[0], budget=budget)
    out: list[Statement] = [(_MEASURES, {"source": source, "batch": [bare]})]
    room = max((budget - _wire_bytes(_APPEND_TEXT, {"id": row[0], "offset": 10**9, "piece": ""})) // 4, 1)
    for offset in range(0, len(text), room):
        out.append((_APPEND_TEXT, {"id": row[0], "offset": offset, "piece": text[offset:offset + room]}))
    return out


def document_statements(batch: DocumentBatch, replace: bool = False, budget: int | None = None,
                        written: set[str] | None = None) -> list[Statement]:
    """The statements that write one document, in order; the last one publishes it.

    ``budget`` limits each statement with its parameters to that many bytes
    (FalkorDB); None batches by count (Neo4j). ``written``: the places, links and
    agencies an earlier document of the same push wrote, exactly as this one would
    write them; they are left out, and what this one writes is added to it.
    """
    seen = written if written is not None else set()

    def fresh(kind: str, items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            key = f"{kind}\x1f{item!r}"  # the whole item: a description that changed is written again
            if key not in seen:
                seen.add(key)
                out.append(item)
        return out

    statements: list[Statement] = [(_CLEAR_STAGED, {"source": batch.source})]
    statements += _batches(_PLACES, fresh("place", batch.places), budget)
    statements += _batches(_PART_OF, fresh("link", batch.part_of), budget)
    statements += _batches(_AGENCIES, fresh("agency", [_agency_row(a) for a in batch.agencies]), budget)
    rows = [_measure_row(m) for m in batch.measures]
    extra = {"source": batch.source}
    if budget is not None:
        fitting = []
        for row in rows:
            if _wire_bytes(_MEASURES, {**extra, "batch": [row]}) > budget:
                statements += _split_text(batch.source, row, budget)
            else:
                fitting.append(row)
        rows = fitting
    statements += _batches(_MEASURES, rows, budget, extra)
    statements.append((_PUBLISH, {"source": batch.source, "document": batch.document,
                                  "jurisdictions": batch.jurisdictions, "replace": replace}))
    return statements


def push_batches(conn: AnyConnection, batches: Iterable[DocumentBatch], replace: bool = False,
                 progress: Progress | None = None) -> PushStats:
    """Write document batches, each in one transaction (see the module docstring).

    Raises
    ------
    BackendError
        The server went away; documents committed before stay whole, the one being
        written leaves no ``:Measure`` behind.
    """
    stats = PushStats()
    start = time.perf_counter()
    stats.indexes = ensure_indexes(conn)
    written: set[str] = set()  # shared nodes an earlier (committed) document of this push wrote
    for batch in batches:
        statements = document_statements(batch, replace, conn.statement_budget, written)
        conn.write_many(statements)
        stats.documents += 1
        stats.measures += len(batch.measures)
        stats.statements += len(statements)
        if progress is not None:
            progress(batch.source, len(batch.measures))
    stats.seconds = time.perf_counter() - start
    return stats


def push_corpus(conn: AnyConnection, corpus: Corpus, replace: bool = False,
                progress: Progress | None = None) -> PushStats:
    """Push every document of ``corpus``: indexes first, then one transaction per document.

    Examples
    --------
    ::

        from policykg.graph.property.bolt import BoltSettings, open_connection
        with open_connection(BoltSettings("bolt://127.0.0.1:7687", password="…")) as conn:
            stats = push_corpus(conn, corpus)
    """
    return push_batches(conn, document_batches(corpus), replace=replace, progress=progress)


def graph_counts(conn: AnyConnection) -> dict[str, int]:
    """Nodes per label, relationships per type, and the totals ``nodes`` / ``relationships``."""
    counts: dict[str, int] = {}
    for label in (*NODE_KEYS, "Collective", STAGED_LABEL):
        _, rows = conn.read(f"MATCH (n:{label}) RETURN count(n) AS n")
        counts[label] = rows[0]["n"]
    _, rows = conn.read("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n")
    for row in rows:
        counts[row["type"]] = row["n"]
    counts["nodes"] = conn.read("MATCH (n) RETURN count(n) AS n")[1][0]["n"]
    counts["relationships"] = conn.read("MATCH ()-[r]->() RETURN count(r) AS n")[1][0]["n"]
    return counts
