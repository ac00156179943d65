"""The workload report's tables, assembled once for the Markdown, CSV and Excel writers.

`build_report` runs the metrics (`policykg.graph.analytics.metrics`), the
dependencies and the indicator matrix (`policykg.graph.analytics.projections`) and
turns them into `Table`s with localised headers, so the three writers only lay out
what they are given and always agree. Every header and label is a key of the
message catalogue (`label`); the formulas shown in every report are the
catalogue's ``formula_<metric>`` and ``meaning_<metric>`` texts (`FORMULAS`).

Time is explicit: the report is computed as of one date (default today), which
every table that depends on it names.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import PolicyKGError
from policykg.graph.analytics.metrics import AgencyMetrics, agency_metrics, deadline_profile, sector_rollup
from policykg.graph.analytics.projections import dependency_weights, indicator_matrix, measure_roles, rows_in
from policykg.graph.analytics.rollups import DEADLINE_STATUSES, deadline_status, is_date, parse_as_of, status_counts
from policykg.indicator_counting import IndicatorBasis, basis_label
from policykg.messages import render
from policykg.records import Corpus
from policykg.visualizations.names import PLAIN, Names

__all__ = ["Table", "ReportData", "build_report", "label", "format_value", "FORMULAS", "NUMBER_FORMATS",
           "MEASURE_COLUMNS", "RANKING_ROWS", "AGENCY_SHEETS", "DEPENDENCY_LEADS", "COUNT_COLUMNS", "MEASURE_AGENCIES"]

# The metrics whose formula and meaning every report shows (catalogue keys formula_<key>, meaning_<key>).
FORMULAS: tuple[str, ...] = ("lead_count", "responsible_count", "measure_count", "weighted_load", "indicator_breadth",
                             "participation", "partner_count", "betweenness", "ongoing_share", "overdue", "due_soon",
                             "cross_cutting", "lead_share", "shared_count")

# column key → Excel number format; `format_value` renders the same for Markdown.
NUMBER_FORMATS: dict[str, str] = {
    "weighted_load": "0.0",
    "participation": "0.000",
    "betweenness": "0.000",
    "ongoing_share": "0.0%",
    "lead_share": "0.0%",
    "cross_cutting": "0.00",
}
# Counts a printed table leaves blank when zero (the value stays in the cell).
COUNT_COLUMNS = frozenset({"lead_count", "responsible_count", "overdue", "due_soon", "peak_count", "partner_count",
                           "sector_lead", "sector_responsible", "shared_count", "due"})

RANKING_ROWS = 30  # the ranking a reader reads: one printed page
AGENCY_SHEETS = 10  # agencies with a sheet of their own (top by cross-cutting load), besides --agency
DEPENDENCY_LEADS = 30  # lead agencies whose dependencies the report lists
# leading agencies whose measures the workbook lists (own sheets, then one long table), by cross-cutting
# load: a province has tens of thousands, and a reader opens the first; 0 = all (measures.csv has all)
MEASURE_AGENCIES = 200

_SUMMARY_COLUMNS = ("rank", "name", "jurisdiction", "sector", "lead_count", "responsible_count", "measure_count",
                    "weighted_load", "indicator_breadth", "participation", "partner_count", "betweenness",
                    "ongoing_share", "overdue", "due_soon", "peak_month", "peak_count", "cross_cutting", "agency")
_RANKING_COLUMNS = ("rank", "name", "jurisdiction", "sector", "cross_cutting", "weighted_load", "participation",
                    "indicator_breadth", "partner_count", "lead_share", "measure_count", "overdue", "due_soon")
MEASURE_COLUMNS = ("role", "status", "deadline", "deadline_raw", "indicator", "item", "measure", "lead_names",
                   "responsible_names", "source", "line")


def label(key: str, lang: str, **values: object) -> str:
    """The zh or en text of a report label (a catalogue key; the key itself when unknown)."""
    return render(key, lang, **values)


def format_value(column: str, value: Any) -> str:
    """A cell as text, with the column's number format (for Markdown and terminals).

    Examples
    --------
    >>> format_value("lead_share", 0.14189), format_value("participation", 0.5), format_value("seq", None)
    ('14.2%', '0.500', '')
    >>> format_value("deadline", _dt.date(2021, 6, 30))
    '2021-06-30'
    """
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    fmt = NUMBER_FORMATS.get(column)
    if fmt is None or not isinstance(value, (int, float)):
        return str(value)
    decimals = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
    if fmt.endswith("%"):
        return f"{value * 100:.{decimals}f}%"
    return f"{value:.{decimals}f}"


@dataclass(slots=True)
class Table:
    """One table of the report: column keys, localised headers and row values."""

    key: str
    title: str
    columns: list[str]
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(slots=True)
class ReportData:
    """Everything the writers lay out: facts about the run, the tables, and which agencies get a sheet."""

    lang: str
    as_of: str
    scope: str
    facts: list[tuple[str, Any]]
    statuses: list[tuple[str, int]]
    ranking: Table
    summary: Table
    dependencies: Table
    dependency_pairs: Table
    collectives: Table
    matrix: Table
    sectors: Table
    deadlines: Table
    formulas: Table
    agency_measures: list[tuple[str, str, Table]]
    own_sheets: list[str]
    metrics: list[AgencyMetrics]
    measure_total: int = 0
    indicators: IndicatorBasis = "inferred"  # which indicators breadth and the matrix count
    measure_agencies: int = MEASURE_AGENCIES  # leading agencies the workbook lists measures of (0 = all)

    @property
    def tables(self) -> list[Table]:
        return [self.summary, self.ranking, self.dependencies, self.dependency_pairs, self.collectives, self.matrix,
                self.sectors, self.deadlines, self.formulas]

    @property
    def title(self) -> str:
        return label("report_title", self.lang)

    def long_table(self) -> tuple[list[tuple[str, str, Table]], list[tuple[str, str, Table]]]:
        """The leading agencies without a sheet of their own: those the workbook's long table lists, and those
        it leaves out (past the first `measure_agencies` by cross-cutting load, own sheets among them)."""
        own = set(self.own_sheets)
        cut = self.measure_agencies or len(self.agency_measures)
        return ([entry for entry in self.agency_measures[:cut] if entry[0] not in own],
                [entry for entry in self.agency_measures[cut:] if entry[0] not in own])

    def long_table_note(self) -> str:
        """What the workbook leaves out, and where it is (empty when it lists every leading agency)."""
        left_out = self.long_table()[1]
        if not left_out:
            return ""
        return label("long_table_bounded", self.lang, listed=self.measure_agencies, count=len(left_out),
                     rows=sum(len(table.rows) for _, _, table in left_out))

    @property
    def subtitle(self) -> str:
        """The line under every sheet's title: the as-of date, the scope and the indicators counted."""
        return (label("as_of_line", self.lang, as_of=self.as_of, scope=self.scope) + " · "
                + basis_label(self.indicators, self.lang))


def _table(key: str, columns: Sequence[str], lang: str, rows: list[list[Any]], title: str | None = None,
           note: str = "") -> Table:
    return Table(key, title or label(f"table_{key}", lang), list(columns), [label(c, lang) for c in columns], rows,
                 note)


def _summary_rows(metrics: list[AgencyMetrics], names: Names) -> list[list[Any]]:
    rows = []
    for rank, m in enumerate(metrics, start=1):
        peak = max(m.due_per_month.items(), key=lambda kv: (kv[1], kv[0]), default=(None, None))
        values = {**{k: getattr(m, k) for k in _SUMMARY_COLUMNS if hasattr(m, k)},
                  "rank": rank, "peak_month": peak[0], "peak_count": peak[1], "sector": names.sector(m.sector)}
        rows.append([values[c] for c in _SUMMARY_COLUMNS])
    return rows


def _ranking_rows(metrics: list[AgencyMetrics], names: Names) -> list[list[Any]]:
    return [[rank, m.name, m.jurisdiction, names.sector(m.sector), m.cross_cutting, m.weighted_load, m.participation,
             m.indicator_breadth, m.partner_count, m.lead_share, m.measure_count, m.overdue, m.due_soon]
            for rank, m in enumerate(metrics, start=1)]


def _deadline_cell(deadline: str | None, lang: str) -> Any:
    """A deadline as the tables hold it: a date, or the label of its kind."""
    if is_date(deadline):
        return _dt.date.fromisoformat(deadline)
    return label(deadline, lang) if deadline in ("ongoing", "conditional") else None


def _measure_tables(corpus: Corpus, jurisdiction: str | None, wanted: list[AgencyMetrics], as_of: str,
                    lang: str, names: Names) -> list[tuple[str, str, Table]]:
    ids = {m.agency for m in wanted}
    found: dict[str, list[tuple[tuple, list[Any]]]] = {a: [] for a in ids}
    agency_names = {a: agency.name for a, agency in corpus.agencies.items()}
    status_order = {s: i for i, s in enumerate(DEADLINE_STATUSES)}
    # labels looked up once: hundreds of thousands of rows at province scale share a handful of them
    role_labels = {r: label(r, lang) for r in ("lead", "responsible", "both")}
    status_labels = {s: label(f"status_{s}", lang) for s in DEADLINE_STATUSES}
    indicator_names: dict[str | None, str | None] = {}
    for row, _ in rows_in(corpus, jurisdiction):
        roles = measure_roles(corpus, row)
        mine = ids.intersection(roles)
        if not mine:
            continue
        leads = "、".join(agency_names.get(a, a) for a in corpus.lead_ids(row))
        shares = "、".join(agency_names.get(a, a) for a in corpus.responsible_ids(row))
        status = deadline_status(row.deadline, as_of)
        order = (status_order[status], row.deadline or "", row.source, row.line)
        if row.indicator not in indicator_names:
            indicator_names[row.indicator] = names.indicator(row.indicator)
        shared = [status_labels[status], _deadline_cell(row.deadline, lang), row.deadline_raw,
                  indicator_names[row.indicator], row.item, row.measure, leads, shares, row.source, row.line]
        for agency_id in mine:
            role = roles[agency_id]
            found[agency_id].append(((role == "responsible",) + order, [role_labels[role], *shared]))
    return [(m.agency, m.name, _table("measures", MEASURE_COLUMNS, lang,
                                      [r for _, r in sorted(found[m.agency], key=lambda x: x[0])], title=m.name))
            for m in wanted]


def _dependency_rows(corpus: Corpus, weights: Counter[tuple[str, str]], bodies: list[AgencyMetrics]) -> list[list[Any]]:
    """One row per lead agency (the top `DEPENDENCY_LEADS` by cross-cutting load): whom it must coordinate.

    Partners are listed heaviest first as ``name（shared measures）``, joined with 、.
    """
    leads = [m for m in bodies if m.lead_count][:DEPENDENCY_LEADS]
    wanted = {m.agency for m in leads}
    partners: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (lead, partner), n in weights.items():
        if lead in wanted:
            partners[lead].append((partner, n))
    names = {a: agency.name for a, agency in corpus.agencies.items()}
    rows = []
    for m in leads:
        mine = sorted(partners[m.agency], key=lambda pn: (-pn[1], names[pn[0]], pn[0]))
        rows.append([m.name, m.jurisdiction, m.lead_count, len(mine),
                     "、".join(f"{names[p]}（{n}）" for p, n in mine)])
    return rows


def _dependency_pairs(corpus: Corpus, weights: Counter[tuple[str, str]]) -> list[list[Any]]:
    """Every lead → partner arc, as the named query ``dependencies`` gives them (heaviest first, then ids)."""
    agencies = corpus.agencies
    arcs = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    return [[lead, agencies[lead].name, partner, agencies[partner].name, n] for (lead, partner), n in arcs]


def _chosen(bodies: list[AgencyMetrics], collectives: list[AgencyMetrics], named: Sequence[str],
            agency_sheets: int) -> list[AgencyMetrics]:
    """The agencies with a sheet of their own: the top leading ones by cross-cutting load, then those named.

    Raises
    ------
    PolicyKGError
        A name given with ``--agency`` matches no agency of the report (``report_unknown_agency``).
    """
    chosen = [m for m in bodies if m.lead_count][:agency_sheets]
    everyone = bodies + collectives
    for wanted in named:
        match = [m for m in everyone if wanted in (m.agency, m.name)]
        if not match:
            raise PolicyKGError("report_unknown_agency", agency=wanted)
        chosen += [m for m in match if m not in chosen]
    return chosen


def build_report(corpus: Corpus, *, jurisdiction: str | None = None, as_of: str | None = None, lang: str = "zh",
                 lead_weight: float = 1.0, responsible_weight: float = 0.5, agency_sheets: int = AGENCY_SHEETS,
                 agencies: Sequence[str] = (), names: Names = PLAIN,
                 progress: Callable[[str], None] | None = None,
                 indicators: IndicatorBasis = "inferred", measure_agencies: int = MEASURE_AGENCIES) -> ReportData:
    """Compute the metrics once and lay them out as the report's tables.

    Parameters
    ----------
    jurisdiction
        Only documents of this jurisdiction; all together when None.
    as_of
        ``YYYY-MM-DD``: overdue, due within 30 days and later are counted against it (default: today).
    agency_sheets, agencies
        The agencies with a measure list of their own: the ``agency_sheets`` leading agencies with
        the highest cross-cutting load, and each agency named (id or exact name) in ``agencies``.
        Every leading agency's measures are in ``agency_measures`` all the same (the CSV and the
        workbook's long table hold them).
    measure_agencies
        How many leading agencies, by cross-cutting load, the workbook lists the measures of (their
        own sheets, then the long table; those named in ``agencies`` besides); 0 = all. The
        workbook says what it leaves out; ``agency_measures`` and measures.csv hold every one.
    names
        Indicator and sector names in the reader's language (`Names`).
    progress
        Called with a stage name before each stage (for a progress display).

    Raises
    ------
    PolicyKGError
        A name of ``agencies`` matches no agency (``report_unknown_agency``).

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> row = Row("d.txt", "1", "纳税", "纳税", None, "m", ("甲",), (), None, "ongoing", None, 3)
    >>> c = Corpus([Document("d.txt")], [row], agencies={"a": Agency("a", "甲", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a"})
    >>> data = build_report(c, lang="en", as_of="2021-06-30")
    >>> data.summary.headers[:3], data.summary.rows[0][:3]
    (['Rank', 'Agency', 'Jurisdiction'], [1, '甲', 'X'])
    >>> data.subtitle
    'As of 2021-06-30 · all documents (0 jurisdictions) · indicators: as printed, else inferred at confidence ≥ 0.4'
    """
    step = progress or (lambda stage: None)
    day = parse_as_of(as_of).isoformat()
    step("metrics")
    metrics = agency_metrics(corpus, jurisdiction=jurisdiction, lead_weight=lead_weight,
                             responsible_weight=responsible_weight, as_of=day, indicators=indicators)
    bodies = [m for m in metrics if m.kind != "collective"]
    collectives = [m for m in metrics if m.kind == "collective"]
    chosen = _chosen(bodies, collectives, agencies, agency_sheets)
    step("matrix")
    matrix = indicator_matrix(corpus, jurisdiction, indicators=indicators)
    matrix_rows = [[corpus.agencies[a].name, corpus.agencies[a].jurisdiction, *counts, sum(counts)]
                   for a, counts in zip(matrix.agencies, matrix.counts)]
    matrix_table = Table("matrix", label("table_matrix", lang), ["name", "jurisdiction", *matrix.indicators, "total"],
                         [label("name", lang), label("jurisdiction", lang),
                          *(names.indicator(i) or i for i in matrix.indicators), label("total", lang)], matrix_rows)
    step("sectors")
    places = {doc.jurisdiction for doc in corpus.documents} - {None}
    # all places: every (sector, place), zeros included, so places compare; one place: its active sectors
    sectors = [r for r in sector_rollup(corpus) if jurisdiction is None
               or (r["jurisdiction"] == jurisdiction and (r["lead_count"] or r["responsible_count"]))]
    sector_rows = [[names.sector(r["sector"]), r["jurisdiction"], r["measure_count"], r["lead_count"], r["lead_share"],
                    r["responsible_count"]] for r in sectors]
    step("deadlines")
    profile = deadline_profile(corpus, jurisdiction)
    deadline_rows: list[list[Any]] = [[q, n] for q, n in profile["quarters"].items()]
    deadline_rows += [[label(k, lang), profile[k]] for k in ("ongoing", "conditional", "undated")]
    deadline_rows.append([label("total", lang), profile["total"]])
    statuses = [(label(f"status_{k}", lang), n) for k, n in status_counts(corpus, day, jurisdiction).items()]
    step("dependencies")
    weights = dependency_weights(corpus, jurisdiction)
    dependency_rows = _dependency_rows(corpus, weights, bodies)
    step("measures")
    leaders = [m for m in bodies if m.lead_count] + [m for m in collectives if m.lead_count]
    listed = leaders + [m for m in chosen if m not in leaders]
    n_docs = sum(1 for doc in corpus.documents if jurisdiction is None or doc.jurisdiction == jurisdiction)
    wl, wr = f"{lead_weight:g}", f"{responsible_weight:g}"
    formula_rows = [[label(key, lang), label(f"formula_{key}", lang, wl=wl, wr=wr, as_of=day),
                     label(f"meaning_{key}", lang)] for key in FORMULAS]
    scope = jurisdiction or label("scope_all", lang, count=len(places))
    facts = [
        ("scope", scope),
        ("as_of", day),
        ("documents", n_docs),
        ("measures_total", profile["total"]),
        ("agencies_counted", len(bodies)),
        ("weights", f"{label('lead', lang)} {wl}, {label('responsible', lang)} {wr}"),
    ]
    summary_title = label("table_summary", lang)
    shown = min(RANKING_ROWS, len(bodies))
    return ReportData(
        indicators=indicators,
        lang=lang,
        as_of=day,
        scope=scope,
        facts=[(label(k, lang), v) for k, v in facts],
        statuses=statuses,
        ranking=_table("ranking", _RANKING_COLUMNS, lang, _ranking_rows(bodies[:RANKING_ROWS], names),
                       note=label("ranking_note", lang, count=shown, total=len(bodies), sheet=summary_title)),
        summary=_table("summary", _SUMMARY_COLUMNS, lang, _summary_rows(bodies, names)),
        dependencies=_table("dependencies", ["lead_name", "jurisdiction", "lead_count", "lead_partners", "partners"],
                            lang, dependency_rows,
                            note=label("dependencies_note", lang, count=DEPENDENCY_LEADS)),
        dependency_pairs=_table("dependency_pairs", ["lead_id", "lead_name", "partner_id", "partner_name", "shared_count"],
                                lang, _dependency_pairs(corpus, weights)),
        collectives=_table("collectives", _SUMMARY_COLUMNS, lang, _summary_rows(collectives, names)),
        matrix=matrix_table,
        sectors=_table("sectors", ["sector", "jurisdiction", "place_measures", "sector_lead", "lead_share",
                                   "sector_responsible"], lang, sector_rows),
        deadlines=_table("deadlines", ["period", "due"], lang, deadline_rows),
        formulas=_table("formulas", ["metric", "formula", "meaning"], lang, formula_rows),
        agency_measures=_measure_tables(corpus, jurisdiction, listed, day, lang, names),
        own_sheets=[m.agency for m in chosen],
        metrics=metrics,
        measure_total=profile["total"],
        measure_agencies=measure_agencies,
    )
