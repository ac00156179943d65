"""The workload report's tables, assembled once for the Markdown, CSV and Excel writers.

`build_report` runs the metrics (`policykg.graph.analytics.metrics`) and the indicator
matrix (`policykg.graph.analytics.projections`) and turns them into `Table`s with
localised headers, so the three writers only lay out what they are given and
always agree. Column names and every other label come from `LABELS` (zh, en);
the formulas shown in every report come from `FORMULAS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from policykg.graph.analytics.metrics import AgencyMetrics, agency_metrics, deadline_profile, sector_rollup
from policykg.graph.analytics.projections import indicator_matrix, measure_roles, rows_in
from policykg.records import Corpus

__all__ = ["Table", "ReportData", "build_report", "label", "format_value", "LABELS", "FORMULAS", "NUMBER_FORMATS",
           "MEASURE_COLUMNS"]

# key → (zh, en). One table for every header, title and value label of the reports.
LABELS: dict[str, tuple[str, str]] = {
    "report_title": ("各单位营商环境任务工作量报告", "Business-environment task workload per agency"),
    "scope": ("范围", "Scope"),
    "all_documents": ("全部文件", "all documents"),
    "documents": ("文件数", "Documents"),
    "measures_total": ("措施总数", "Measures"),
    "as_of": ("逾期计算基准日", "Overdue as of"),
    "weights": ("权重", "Weights"),
    "rank": ("排名", "Rank"),
    "agency": ("单位编号", "Agency id"),
    "name": ("单位", "Agency"),
    "jurisdiction": ("所属辖区", "Jurisdiction"),
    "sector": ("行业", "Sector"),
    "lead_count": ("牵头措施数", "Measures led"),
    "responsible_count": ("责任措施数", "Measures responsible"),
    "measure_count": ("涉及措施数", "Measures involved"),
    "weighted_load": ("加权工作量", "Weighted load"),
    "indicator_breadth": ("涉及指标数", "Indicator breadth"),
    "participation": ("参与系数", "Participation"),
    "partner_count": ("协同单位数", "Partners"),
    "betweenness": ("中介中心性", "Betweenness"),
    "ongoing_share": ("持续推进占比", "Ongoing share"),
    "overdue": ("逾期措施数", "Overdue"),
    "peak_month": ("到期最集中月份", "Busiest month"),
    "peak_count": ("该月到期数", "Due that month"),
    "cross_cutting": ("跨领域工作量", "Cross-cutting load"),
    "total": ("合计", "Total"),
    "place_measures": ("辖区措施总数", "Measures in jurisdiction"),
    "sector_lead": ("行业牵头措施数", "Measures led by the sector"),
    "lead_share": ("牵头占比", "Lead share"),
    "sector_responsible": ("行业参与责任措施数", "Measures with the sector responsible"),
    "period": ("时段", "Period"),
    "due": ("到期措施数", "Measures due"),
    "ongoing": ("持续推进", "ongoing"),
    "conditional": ("视进度安排", "conditional"),
    "undated": ("未定时限", "no deadline"),
    "source": ("文件", "Document"),
    "seq": ("序号", "No."),
    "indicator": ("指标", "Indicator"),
    "item": ("改革事项", "Item"),
    "measure": ("具体措施", "Measure"),
    "role": ("角色", "Role"),
    "deadline_raw": ("完成时限（原文）", "Deadline as printed"),
    "deadline": ("完成时限", "Deadline"),
    "lead_names": ("牵头单位", "Lead units"),
    "responsible_names": ("责任单位", "Responsible units"),
    "lead": ("牵头", "lead"),
    "responsible": ("责任", "responsible"),
    "both": ("牵头兼责任", "lead and responsible"),
    "metric": ("指标项", "Metric"),
    "formula": ("公式", "Formula"),
    "meaning": ("含义", "Meaning"),
    "table_summary": ("单位工作量汇总", "Workload per agency"),
    "table_collectives": ("集合性单位（单列）", "Collectives (listed apart)"),
    "table_matrix": ("单位×指标矩阵", "Agency × indicator matrix"),
    "table_sectors": ("同类单位跨辖区对比", "Sectors across jurisdictions"),
    "table_deadlines": ("完成时限分布", "Deadlines"),
    "table_formulas": ("计算公式", "Formulas"),
    "table_measures": ("牵头单位措施清单", "Measures of leading agencies"),
    "other_leaders": ("其余牵头单位", "Other leading agencies"),
}

# metric key → (formula zh, formula en, meaning zh, meaning en); {wl}, {wr}, {as_of} are filled in.
FORMULAS: list[tuple[str, str, str, str, str]] = [
    ("lead_count", "L = |{m : a ∈ 牵头(m)}|", "L = |{m : a ∈ lead(m)}|",
     "列为牵头单位的措施数", "measures naming the agency lead"),
    ("responsible_count", "R = |{m : a ∈ 责任(m)}|", "R = |{m : a ∈ responsible(m)}|",
     "列为责任单位的措施数（兼牵头者两处都计）", "measures naming it responsible (also counted in L when it leads them too)"),
    ("measure_count", "M = |{m : a ∈ 牵头(m) ∪ 责任(m)}|", "M = |{m : a ∈ lead(m) ∪ responsible(m)}|",
     "涉及的措施数，每项措施只计一次", "measures it is named in, each once"),
    ("weighted_load", "W = {wl}·L + {wr}·(M − L)", "W = {wl}·L + {wr}·(M − L)",
     "按角色加权的工作量，每项措施只计一次", "load weighted by role, each measure once"),
    ("indicator_breadth", "B = |{指标(m) : m ∈ M(a)}|", "B = |{indicator(m) : m ∈ M(a)}|",
     "所涉措施覆盖的不同规范指标数（无指标的措施不计）",
     "distinct canonical indicators of its measures (measures without one left out)"),
    ("participation", "P = 1 − Σ_s (k_s / k)²", "P = 1 − Σ_s (k_s / k)²",
     "参与系数（Guimerà–Amaral）：k_s 为指标 s 下的措施数，k = Σ k_s；即随机抽两项措施属于不同指标的概率",
     "participation coefficient (Guimerà–Amaral): k_s measures in indicator s, k = Σ k_s; "
     "the chance two of its measures address different indicators"),
    ("partner_count", "deg(a)", "deg(a)",
     "协同单位数：至少共担一项措施的其他单位数（不含集合性单位）",
     "other agencies sharing at least one measure (collectives left out)"),
    ("betweenness", "C_B(a) = 2/((n−1)(n−2)) · Σ_{s≠a≠t} σ_st(a)/σ_st",
     "C_B(a) = 2/((n−1)(n−2)) · Σ_{s≠a≠t} σ_st(a)/σ_st",
     "协同网络中其他单位之间的最短路径经过该单位的比例（在其连通分量内归一化，n 为分量单位数）",
     "share of shortest paths between other agencies through it, in the co-assignment graph "
     "(normalised within its connected component of n agencies)"),
    ("ongoing_share", "持续推进措施数 / M", "ongoing measures / M",
     "时限为持续推进、长期、常态化的措施占比", "share of measures marked ongoing"),
    ("overdue", "|{m : 时限(m) < {as_of}}|", "|{m : deadline(m) < {as_of}}|",
     "时限早于基准日的措施数（文件不载完成情况，为上限）",
     "measures due before the date (the documents record no completion, so an upper bound)"),
    ("cross_cutting", "X = W · P", "X = W · P",
     "跨领域工作量：需要跨指标协调的加权工作量，X ≤ W；排名依据",
     "cross-cutting load: the weighted load that crosses indicator lines, X ≤ W; the ranking's key"),
    ("lead_share", "行业牵头措施数 / 辖区措施总数", "measures led by the sector / measures of the jurisdiction",
     "某行业单位牵头的措施占该辖区全部措施的比例", "share of a jurisdiction's measures led by a body of the sector"),
]

# column key → Excel number format; `format_value` renders the same for Markdown.
NUMBER_FORMATS: dict[str, str] = {
    "weighted_load": "0.0",
    "participation": "0.000",
    "betweenness": "0.000",
    "ongoing_share": "0.0%",
    "lead_share": "0.0%",
    "cross_cutting": "0.00",
}

_SUMMARY_COLUMNS = ("rank", "name", "jurisdiction", "sector", "lead_count", "responsible_count", "measure_count",
                    "weighted_load", "indicator_breadth", "participation", "partner_count", "betweenness",
                    "ongoing_share", "overdue", "peak_month", "peak_count", "cross_cutting", "agency")
MEASURE_COLUMNS = ("role", "deadline", "deadline_raw", "indicator", "item", "measure", "lead_names",
                    "responsible_names", "source", "seq")


def label(key: str, lang: str) -> str:
    """The zh or en text of a label key (the key itself when unknown)."""
    texts = LABELS.get(key)
    return key if texts is None else texts[0 if lang == "zh" else 1]


def format_value(column: str, value: Any) -> str:
    """A cell as text, with the column's number format (for Markdown and terminals).

    Examples
    --------
    >>> format_value("lead_share", 0.14189), format_value("participation", 0.5), format_value("seq", None)
    ('14.2%', '0.500', '')
    """
    if value is None:
        return ""
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

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(slots=True)
class ReportData:
    """Everything the writers lay out: facts about the run and the tables."""

    lang: str
    facts: list[tuple[str, Any]]
    summary: Table
    collectives: Table
    matrix: Table
    sectors: Table
    deadlines: Table
    formulas: Table
    agency_measures: list[tuple[str, str, Table]]
    metrics: list[AgencyMetrics]
    measure_total: int = 0

    @property
    def tables(self) -> list[Table]:
        return [self.summary, self.collectives, self.matrix, self.sectors, self.deadlines, self.formulas]


def _fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def _table(key: str, columns: list[str], lang: str, rows: list[list[Any]], title: str | None = None) -> Table:
    return Table(key, title or label(f"table_{key}", lang), list(columns), [label(c, lang) for c in columns], rows)


def _summary_rows(metrics: list[AgencyMetrics]) -> list[list[Any]]:
    rows = []
    for rank, m in enumerate(metrics, start=1):
        peak = max(m.due_per_month.items(), key=lambda kv: (kv[1], kv[0]), default=(None, None))
        values = {**{k: getattr(m, k) for k in _SUMMARY_COLUMNS if hasattr(m, k)},
                  "rank": rank, "peak_month": peak[0], "peak_count": peak[1]}
        rows.append([values[c] for c in _SUMMARY_COLUMNS])
    return rows


def _deadline_label(deadline: str | None, lang: str) -> str | None:
    if deadline in ("ongoing", "conditional"):
        return label(deadline, lang)
    return deadline


def _measure_tables(corpus: Corpus, jurisdiction: str | None, leaders: list[AgencyMetrics],
                    lang: str) -> list[tuple[str, str, Table]]:
    wanted = {m.agency for m in leaders}
    found: dict[str, list[tuple[tuple, list[Any]]]] = {a: [] for a in wanted}
    names = {a: agency.name for a, agency in corpus.agencies.items()}
    for row, _ in rows_in(corpus, jurisdiction):
        roles = measure_roles(corpus, row)
        mine = wanted.intersection(roles)
        if not mine:
            continue
        leads = "、".join(names.get(a, a) for a in corpus.lead_ids(row))
        shares = "、".join(names.get(a, a) for a in corpus.responsible_ids(row))
        dated = row.deadline is not None and row.deadline[:1].isdigit()
        order = (0 if dated else 1 if row.deadline == "ongoing" else 2, row.deadline or "", row.source, row.line)
        for agency_id in mine:
            values = {"role": label(roles[agency_id], lang), "deadline": _deadline_label(row.deadline, lang),
                      "deadline_raw": row.deadline_raw, "indicator": row.indicator, "item": row.item,
                      "measure": row.measure, "lead_names": leads, "responsible_names": shares,
                      "source": row.source, "seq": row.seq}
            found[agency_id].append(((roles[agency_id] == "responsible",) + order, [values[c] for c in MEASURE_COLUMNS]))
    return [(m.agency, m.name, _table("measures", list(MEASURE_COLUMNS), lang,
                                      [r for _, r in sorted(found[m.agency], key=lambda x: x[0])], title=m.name))
            for m in leaders]


def build_report(corpus: Corpus, *, jurisdiction: str | None = None, as_of: str | None = None, lang: str = "zh",
                 lead_weight: float = 1.0, responsible_weight: float = 0.5,
                 progress: Callable[[str], None] | None = None) -> ReportData:
    """Compute the metrics once and lay them out as the report's tables.

    Parameters
    ----------
    jurisdiction
        Only documents of this jurisdiction; all together when None.
    as_of
        ``YYYY-MM-DD`` for the overdue count (None: not computed).
    progress
        Called with a stage name before each stage (for a progress display).

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> row = Row("d.txt", "1", "纳税", "纳税", None, "m", ("甲",), (), None, "ongoing", None, 3)
    >>> c = Corpus([Document("d.txt")], [row], agencies={"a": Agency("a", "甲", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a"})
    >>> data = build_report(c, lang="en")
    >>> data.summary.headers[:3], data.summary.rows[0][:3]
    (['Rank', 'Agency', 'Jurisdiction'], [1, '甲', 'X'])
    """
    step = progress or (lambda stage: None)
    step("metrics")
    metrics = agency_metrics(corpus, jurisdiction=jurisdiction, lead_weight=lead_weight,
                             responsible_weight=responsible_weight, as_of=as_of)
    bodies = [m for m in metrics if m.kind != "collective"]
    collectives = [m for m in metrics if m.kind == "collective"]
    step("matrix")
    matrix = indicator_matrix(corpus, jurisdiction)
    matrix_rows = [[corpus.agencies[a].name, corpus.agencies[a].jurisdiction, *counts, sum(counts)]
                   for a, counts in zip(matrix.agencies, matrix.counts)]
    matrix_table = Table("matrix", label("table_matrix", lang), ["name", "jurisdiction", *matrix.indicators, "total"],
                         [label("name", lang), label("jurisdiction", lang), *matrix.indicators, label("total", lang)],
                         matrix_rows)
    step("sectors")
    places = {doc.jurisdiction for doc in corpus.documents} - {None}
    # all places: every (sector, place), zeros included, so places compare; one place: its active sectors
    sectors = [r for r in sector_rollup(corpus) if jurisdiction is None
               or (r["jurisdiction"] == jurisdiction and (r["lead_count"] or r["responsible_count"]))]
    sector_rows = [[r["sector"], r["jurisdiction"], r["measure_count"], r["lead_count"], r["lead_share"],
                    r["responsible_count"]] for r in sectors]
    step("deadlines")
    profile = deadline_profile(corpus, jurisdiction)
    deadline_rows = [[q, n] for q, n in profile["quarters"].items()]
    deadline_rows += [[label(k, lang), profile[k]] for k in ("ongoing", "conditional", "undated")]
    deadline_rows.append([label("total", lang), profile["total"]])
    step("measures")
    leaders = [m for m in bodies if m.lead_count] + [m for m in collectives if m.lead_count]
    n_docs = sum(1 for doc in corpus.documents if jurisdiction is None or doc.jurisdiction == jurisdiction)
    wl, wr = f"{lead_weight:g}", f"{responsible_weight:g}"
    zh = lang == "zh"
    formula_rows = [[label(key, lang), _fill(f_zh if zh else f_en, wl=wl, wr=wr, as_of=as_of or "—"), m_zh if zh else m_en]
                    for key, f_zh, f_en, m_zh, m_en in FORMULAS]
    facts = [
        ("scope", jurisdiction or (f"{label('all_documents', lang)}（{len(places)} 个辖区）" if lang == "zh"
                                   else f"{label('all_documents', lang)} ({len(places)} jurisdictions)")),
        ("documents", n_docs),
        ("measures_total", profile["total"]),
        ("weights", f"{label('lead', lang)} {wl}, {label('responsible', lang)} {wr}"),
        ("as_of", as_of or "—"),
    ]
    return ReportData(
        lang=lang,
        facts=[(label(k, lang), v) for k, v in facts],
        summary=_table("summary", list(_SUMMARY_COLUMNS), lang, _summary_rows(bodies)),
        collectives=_table("collectives", list(_SUMMARY_COLUMNS), lang, _summary_rows(collectives)),
        matrix=matrix_table,
        sectors=_table("sectors", ["sector", "jurisdiction", "place_measures", "sector_lead", "lead_share",
                                   "sector_responsible"], lang, sector_rows),
        deadlines=_table("deadlines", ["period", "due"], lang, deadline_rows),
        formulas=_table("formulas", ["metric", "formula", "meaning"], lang, formula_rows),
        agency_measures=_measure_tables(corpus, jurisdiction, leaders, lang),
        metrics=metrics,
        measure_total=profile["total"],
    )

