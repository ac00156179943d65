"""The deadline timeline: measures due per month, over all and per agency, as HTML and as PNG.

Input is `policykg.graph.analytics.metrics.deadline_profile` (each measure once overall,
once per agency named on it). Months run without gaps from the first to the
last deadline, so a quiet month shows as a quiet column rather than vanishing;
measures marked 长期/持续 get a column of their own at the end. The as-of date
("today", default the day the pages are written) is drawn as a red line at its
month, with the counts of overdue, due within 30 days and later measures beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from policykg.graph.analytics.metrics import deadline_profile
from policykg.graph.analytics.rollups import DEADLINE_STATUSES, parse_as_of, status_counts
from policykg.records import Corpus
from policykg.visualizations.html_utils import esc, label
from policykg.visualizations.matrix import MatrixTable, render_matrix_page
from policykg.visualizations.mpl_cjk import cjk_fonts

__all__ = ["month_range", "timeline_table", "render_timeline_html", "render_timeline_png", "HTML_ROWS", "PNG_ROWS"]

HTML_ROWS = 400
PNG_ROWS = 30


def month_range(months: list[str]) -> list[str]:
    """Every ``YYYY-MM`` from the earliest to the latest of ``months``.

    Examples
    --------
    >>> month_range(["2021-11", "2022-02"])
    ['2021-11', '2021-12', '2022-01', '2022-02']
    >>> month_range([])
    []
    """
    if not months:
        return []
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline_table(corpus: Corpus, profile: dict[str, Any] | None = None, lang: str | None = None,
                   limit: int | None = None, as_of: str | None = None) -> MatrixTable:
    """Rows: the ``limit`` agencies (collectives left out) with most measures due; columns: months, then ongoing.

    The months run at least to the as-of month, which is the table's marked column.
    """
    profile = profile if profile is not None else deadline_profile(corpus)
    day = parse_as_of(as_of).isoformat()
    months = month_range(list(profile["months"]) + [day[:7]]) if profile["months"] else []
    ongoing = label("viz_ongoing", lang)
    rows = []
    for agency_id, p in profile["agencies"].items():
        agency = corpus.agencies.get(agency_id)
        if agency is None or agency.kind == "collective":
            continue
        counts = [p["months"].get(m, 0) for m in months] + [p["ongoing"]]
        if any(counts):
            rows.append((agency, counts))
    rows.sort(key=lambda r: (-sum(r[1][:-1]), -r[1][-1], r[0].name, r[0].id))
    total_rows, rows = len(rows), rows[:limit]
    titles = [[label(f"viz_due_cell:{a.name}|{m}|{n}", lang) if n else "" for m, n in zip(months, counts)]
              + [label(f"viz_ongoing_cell:{a.name}|{counts[-1]}", lang)] for a, counts in rows]
    totals = [profile["months"].get(m, 0) for m in months] + [profile["ongoing"]]
    total_titles = [label(f"viz_due_total:{m}|{n}", lang) for m, n in zip(months, totals)] + [
        label(f"viz_ongoing_cell:{label('viz_total', lang)}|{profile['ongoing']}", lang)]
    marker = months.index(day[:7]) if day[:7] in months else None
    return MatrixTable(rows=[a.name for a, _ in rows], keys=[a.id for a, _ in rows],
                       groups=[a.jurisdiction or "" for a, _ in rows],
                       columns=months + [ongoing], counts=[c for _, c in rows], titles=titles,
                       totals=totals, total_titles=total_titles, total_rows=total_rows, marker=marker,
                       marker_label=label(f"viz_as_of:{day}", lang))


def render_timeline_html(corpus: Corpus, profile: dict[str, Any] | None = None, lang: str | None = None,
                         max_rows: int = HTML_ROWS, as_of: str | None = None) -> str:
    """The timeline page: a bar row of measures due per month above a table of agencies × months, a line at the as-of date."""
    day = parse_as_of(as_of).isoformat()
    table = timeline_table(corpus, profile, lang, limit=max_rows, as_of=day)
    counts = status_counts(corpus, day)
    badges = "".join(f'<span class="badge s{i}">{esc(label(f"status_{s}", lang))} {counts[s]}</span>'
                     for i, s in enumerate(DEADLINE_STATUSES[:4]))
    extra = f'<span class="today-label">{esc(label(f"viz_as_of:{day}", lang))}</span><span class="statuses">{badges}</span>'
    return render_matrix_page(table, title=label("viz_timeline_title", lang), corner=label("viz_agency", lang),
                              caption=label("viz_timeline_caption", lang), lang=lang, extra=extra)


def render_timeline_png(corpus: Corpus, path: Path, profile: dict[str, Any] | None = None,
                        lang: str | None = None, max_rows: int = PNG_ROWS, as_of: str | None = None) -> Path:
    """Write the timeline as a PNG: measures due per month (bars), then the busiest agencies × months.

    Raises
    ------
    PolicyKGError
        When no CJK font is installed (`cjk_family`).
    """
    table = shown = timeline_table(corpus, profile, lang, limit=max_rows, as_of=as_of)
    months = table.columns[:-1]
    day = parse_as_of(as_of)
    with cjk_fonts():
        fig = Figure(figsize=(max(8.0, 3.0 + 0.32 * len(months)), 3.5 + 0.28 * len(shown.rows)), dpi=110,
                     layout="constrained")
        bars, grid = fig.subplots(2, 1, height_ratios=[1, max(1.5, 0.12 * len(shown.rows))], sharex=True)
        totals = (table.totals or [])[:-1]
        bars.bar(range(len(months)), totals, color="#ef6c00")
        for x, n in enumerate(totals):
            if n:
                bars.text(x, n, str(n), ha="center", va="bottom", fontsize=7)
        bars.set_ylabel(label("viz_measures_due", lang))
        bars.set_title(label("viz_timeline_title", lang), fontsize=12)
        if not months:
            bars.text(0.5, 0.5, label("viz_no_dated", lang), transform=bars.transAxes, ha="center")
        data = [row[:-1] for row in shown.counts] or [[0] * max(len(months), 1)]
        grid.imshow(data, cmap="Oranges", aspect="auto", vmin=0)
        for i, row in enumerate(data):
            for j, n in enumerate(row):
                if n:
                    grid.text(j, i, str(n), ha="center", va="center", fontsize=6)
        grid.set_yticks(range(len(shown.rows)), shown.rows, fontsize=8)
        grid.set_xticks(range(len(months)), months, rotation=90, fontsize=7)
        grid.set_xlabel(label("viz_month", lang))
        if table.marker is not None:  # the as-of date, placed within its month
            at = table.marker - 0.5 + (day.day - 1) / 31
            for ax in (bars, grid):
                ax.axvline(at, color="#d32f2f", linewidth=1.5)
            bars.text(at, bars.get_ylim()[1], label(f"viz_as_of:{day.isoformat()}", lang), color="#d32f2f",
                      ha="left", va="top", fontsize=8)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
    return path
