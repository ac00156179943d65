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
from a staged node it deletes in the same statement, so the driver may retry a
transaction and a second push creates nothing new. With ``replace`` (what
``policykg neo4j push`` does unless told not to) the document's measures are
exactly the new ones; without it a measure no longer in the document stays.
Measure ids are the document and the printed number (`policykg.identities`), so
an edit elsewhere in a document duplicates nothing either way. Agencies, places, sectors and indicators are shared between
documents and stay.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import BackendError
from policykg.graph.property.bolt import Connection, escape_for_falkordb, statement_bytes
from policykg.graph.property.property_graph import MEASURE_PROPERTIES, NODE_KEYS, DocumentBatch, document_batches
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
_NEO4J_BATCH = 1000  # measures (or agencies, places) per UNWIND on servers without a size limit

_CLEAR_STAGED = "MATCH (x:StagedMeasure {source: $source}) DETACH DELETE x"

_PLACES = """UNWIND $batch AS p
MERGE (j:Jurisdiction {id: p.id})
SET j.name = p.name
FOREACH (code IN CASE WHEN p.adcode IS NULL THEN [] ELSE [p.adcode] END | SET j.adcode = code)"""

_PART_OF = """UNWIND $batch AS link
MERGE (part:Jurisdiction {id: link.part})
MERGE (whole:Jurisdiction {id: link.whole})
MERGE (part)-[:PART_OF]->(whole)"""

_AGENCIES = """UNWIND $batch AS a
MERGE (n:Agency {id: a.id})
SET n += a.props
FOREACH (flag IN CASE WHEN a.collective THEN [1] ELSE [] END | SET n:Collective)
FOREACH (key IN a.jurisdictions | MERGE (j:Jurisdiction {id: key}) MERGE (n)-[:IN]->(j))
FOREACH (name IN a.sectors | MERGE (s:Sector {name: name}) MERGE (n)-[:IN_SECTOR]->(s))"""

# A staged measure holds the measure's properties plus, as lists, the keys of the nodes
# its relationships go to; the publish statement turns it into a :Measure node.
_MEASURES = """UNWIND $batch AS m
MERGE (x:StagedMeasure {id: m.id})
SET x += m.props, x.indicators = m.indicators, x.inferred = m.inferred, x.leads = m.leads,
    x.responsible = m.responsible"""

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
FOREACH (name IN coalesce(s.indicators, []) | MERGE (i:Indicator {name: name}) MERGE (x)-[:ADDRESSES]->(i))
FOREACH (name IN coalesce(s.inferred, []) | MERGE (i:Indicator {name: name})
  MERGE (x)-[:INFERRED {confidence: s.indicator_confidence, by: s.indicator_inferred_by}]->(i))
FOREACH (aid IN coalesce(s.leads, []) | MERGE (a:Agency {id: aid}) MERGE (a)-[:LEADS]->(x))
FOREACH (aid IN coalesce(s.responsible, []) | MERGE (a:Agency {id: aid}) MERGE (a)-[:RESPONSIBLE_FOR]->(x))
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


def ensure_indexes(conn: Connection) -> list[str]:
    """Index every node key (and ``Measure.source``) when missing; the statements run."""
    return conn.ensure_indexes(UNIQUE_KEYS, PLAIN_INDEXES)


def _wire_bytes(text: str, params: dict[str, Any]) -> int:
    """`statement_bytes` of the parameters as the connection sends them to FalkorDB (escaped), the only
    server with a budget: the connection refuses a statement by that size."""
    return statement_bytes(text, escape_for_falkordb(params))


def _batches(text: str, items: list[dict[str, Any]], budget: int | None) -> Iterator[Statement]:
    """``UNWIND $batch`` statements over ``items``: fixed-size batches, or as many as fit ``budget`` bytes."""
    if budget is None:
        for i in range(0, len(items), _NEO4J_BATCH):
            yield text, {"batch": items[i:i + _NEO4J_BATCH]}
        return
    batch: list[dict[str, Any]] = []
    for item in items:
        if batch and _wire_bytes(text, {"batch": [*batch, item]}) > budget:
            yield text, {"batch": batch}
            batch = []
        batch.append(item)
    if batch:
        yield text, {"batch": batch}


def _split_text(measure: dict[str, Any], budget: int) -> list[Statement]:
    """A measure too big for one statement: written without its text, then the text in pieces."""
    text = measure["props"].get("text") or ""
    bare = {**measure, "props": {**measure["props"], "text": ""}}
    if _wire_bytes(_MEASURES, {"batch": [bare]}) > budget:
        raise BackendError("bolt_row_too_large", measure=measure["id"], budget=budget)
    out: list[Statement] = [(_MEASURES, {"batch": [bare]})]
    room = max((budget - _wire_bytes(_APPEND_TEXT, {"id": measure["id"], "offset": 10**9, "piece": ""})) // 4, 1)
    for offset in range(0, len(text), room):
        out.append((_APPEND_TEXT, {"id": measure["id"], "offset": offset, "piece": text[offset:offset + room]}))
    return out


def document_statements(batch: DocumentBatch, replace: bool = False, budget: int | None = None) -> list[Statement]:
    """The statements that write one document, in order; the last one publishes it.

    ``budget`` limits each statement with its parameters to that many bytes
    (FalkorDB); None batches by count (Neo4j).
    """
    statements: list[Statement] = [(_CLEAR_STAGED, {"source": batch.source})]
    statements += _batches(_PLACES, batch.places, budget)
    statements += _batches(_PART_OF, batch.part_of, budget)
    statements += _batches(_AGENCIES, batch.agencies, budget)
    measures = batch.measures
    if budget is not None:
        fitting = [m for m in measures if _wire_bytes(_MEASURES, {"batch": [m]}) <= budget]
        for m in measures:
            if _wire_bytes(_MEASURES, {"batch": [m]}) > budget:
                statements += _split_text(m, budget)
        measures = fitting
    statements += _batches(_MEASURES, measures, budget)
    statements.append((_PUBLISH, {"source": batch.source, "document": batch.document,
                                  "jurisdictions": batch.jurisdictions, "replace": replace}))
    return statements


def push_batches(conn: Connection, batches: Iterable[DocumentBatch], replace: bool = False,
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
    for batch in batches:
        statements = document_statements(batch, replace, conn.statement_budget)
        conn.write_many(statements)
        stats.documents += 1
        stats.measures += len(batch.measures)
        stats.statements += len(statements)
        if progress is not None:
            progress(batch.source, len(batch.measures))
    stats.seconds = time.perf_counter() - start
    return stats


def push_corpus(conn: Connection, corpus: Corpus, replace: bool = False,
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


def graph_counts(conn: Connection) -> dict[str, int]:
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
