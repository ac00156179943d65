"""The shared record types: what a document, a task row, a reject and an agency are.

Every stage speaks these types and nothing else: loaders produce them, the graph
builder consumes them, queries and reports never see raw text. `Row` has exactly
the fields of ``docs/reading-rules.md`` ("Fields of a row"); `Document`
holds the rules' "Document facts".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Row", "Document", "Reject", "Agency", "LoadResult", "Corpus", "ROW_FIELDS", "CORRECTION_PREFIX", "row_key"]

# Row.indicator_inferred_by of a planner's correction: this prefix and the corrections table's file name.
CORRECTION_PREFIX = "correction:"


@dataclass(frozen=True, slots=True)
class Row:
    """One numbered task of a document's task table or task list.

    Field meanings are those of reading-rules.md. ``lead`` and ``responsible``
    hold surface names after the name rules (split, 等 dropped, parentheticals
    removed, elided jurisdiction prefix restored); mapping them to agencies is
    a separate step (`policykg.loaders.agencies`). ``deadline`` is an ISO date
    ``YYYY-MM-DD``, ``"ongoing"``, ``"conditional"`` or None. ``warnings`` are
    codes from `policykg.messages` (``code`` or ``code:detail``). ``leaders``
    are the persons the document names for the task (牵头领导, 责任领导, 项目责任人),
    as printed; a person is never a lead or responsible unit.

    The ``indicator_*`` fields are not read from the document: where it prints none of the 18
    indicators for the row, `policykg.loaders.indicator_inference` fills them in after reading
    (the inferred indicator or None, its confidence, the deciding words, and the model id or
    ``correction:<file>``). ``indicator`` always stays as printed.
    """

    source: str
    seq: str
    indicator_raw: str | None
    indicator: str | None
    item: str | None
    measure: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline_raw: str | None
    deadline: str | None
    remark: str | None
    line: int
    warnings: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()  # persons (牵头领导, 责任领导 …): never units
    indicator_inferred: str | None = None
    indicator_confidence: float | None = None
    indicator_evidence: tuple[str, ...] = ()
    indicator_inferred_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict with lists instead of tuples, in field order (for JSON/CSV).

        Every field holds text, a number, None or a tuple of texts: read directly, not by
        `dataclasses.asdict`'s deep copy (a province's rows are written twice per run).
        """
        d = {name: getattr(self, name) for name in ROW_FIELDS}
        for key in ("lead", "responsible", "warnings", "leaders", "indicator_evidence"):
            d[key] = list(d[key])
        return d


ROW_FIELDS: tuple[str, ...] = tuple(Row.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Document:
    """Facts about one source document (reading-rules.md, "Document facts").

    ``jurisdiction`` is the place the plan governs (e.g. 福清市) and
    ``parent`` the place above it (福州市); ``province`` the province (福建省).
    ``adcode`` is the jurisdiction's six-digit administrative division code
    when it could be identified; ``parent_adcode`` and ``province_adcode`` those
    of the places above it (they key the places: `policykg.identities`). ``responsible_all`` lists the units the
    document declares responsible for every task (a 说明 line under the table).
    ``layout`` names the layout the loader recognised.
    """

    source: str
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issue_date: str | None = None
    plan_year: int | None = None
    jurisdiction: str | None = None
    parent: str | None = None
    province: str | None = None
    adcode: str | None = None
    responsible_all: tuple[str, ...] = ()
    layout: str | None = None
    notice_title: str | None = None
    context: str | None = None
    parent_adcode: str | None = None
    province_adcode: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["responsible_all"] = list(d["responsible_all"])
        return d


@dataclass(frozen=True, slots=True)
class Reject:
    """A numbered row of a task table that could not be read, and why.

    ``reason`` is a message code of `policykg.messages`; ``text`` the raw text
    of the row (shortened) so a person can find it.
    """

    source: str
    line: int
    seq: str | None
    reason: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Agency:
    """One body (or collective) in one jurisdiction, after alias resolution.

    ``id`` is stable across runs (built from the jurisdiction's adcode or name
    and the normalised name). ``kind`` is ``"agency"`` or ``"collective"``.
    ``surface_names`` are the names as written in rows that map to it.
    ``parent`` is the name of the place above the agency's jurisdiction (福建省
    for a 福州市 body), not a parent organisation; ``adcode`` and
    ``parent_adcode`` are the division codes of the two places when known.
    """

    id: str
    name: str
    jurisdiction: str | None
    sector: str | None
    kind: str
    surface_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    adcode: str | None = None
    parent_adcode: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["surface_names"] = list(d["surface_names"])
        d["aliases"] = list(d["aliases"])
        return d


@dataclass(slots=True)
class LoadResult:
    """What reading one document gives: its facts, its rows and its rejects.

    ``problems`` are document-level message codes (e.g. no task table found)
    that the CLI reports with the file name; they never raise.
    ``unit_aliases`` maps a surface name to the sub-office / alias names its
    parentheticals gave (县发改局（大数据局） → {"县发改局": ["大数据局"]}).
    ``corrections_not_applied`` are message codes of a planner's corrections for this
    document that were not applied (the measure is gone, or its indicator is printed).
    """

    document: Document
    rows: list[Row] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unit_aliases: dict[str, list[str]] = field(default_factory=dict)
    corrections_not_applied: list[str] = field(default_factory=list)


def row_key(row: Row) -> tuple[str, int]:
    """The identity of a row: its source file and first line (unique, unlike seq)."""
    return (row.source, row.line)


@dataclass(slots=True)
class Corpus:
    """Everything read from a set of documents, with surface names resolved to agencies.

    This is what every stage after the loaders consumes: the graph builder,
    the property-graph export and the reports. ``assignments`` maps
    ``(source, surface name)`` to an agency id; `lead_ids` and
    `responsible_ids` apply it to a row, keeping order and dropping repeats.
    """

    documents: list[Document] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    agencies: dict[str, Agency] = field(default_factory=dict)
    assignments: dict[tuple[str, str], str] = field(default_factory=dict)

    def _ids(self, row: Row, names: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for name in names:
            agency_id = self.assignments.get((row.source, name))
            if agency_id is not None and agency_id not in out:
                out.append(agency_id)
        return out

    def lead_ids(self, row: Row) -> list[str]:
        return self._ids(row, row.lead)

    def responsible_ids(self, row: Row) -> list[str]:
        return self._ids(row, row.responsible)

    def document(self, source: str) -> Document | None:
        for doc in self.documents:
            if doc.source == source:
                return doc
        return None
