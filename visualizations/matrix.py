"""A counts matrix as an interactive HTML table: coloured cells, hover titles, sorting, filters.

Both the agency × indicator heatmap and the deadline timeline are "agencies
down, categories across, counts in the cells"; this module draws that once.
The page's only script (assets/table.js) sorts rows by a clicked column,
filters them by group (jurisdiction) and by name, and opens the card of an
agency whose name is clicked (in the overview: the dashboard's tab, or
overview.html beside the page); it touches no HTML text, only
moves and hides rows, so every document text stays as `esc` wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policykg.visualizations.html_utils import asset_text, esc, label, render_page

__all__ = ["MatrixTable", "render_matrix_page", "cell_colour"]


@dataclass(slots=True)
class MatrixTable:
    """Rows × columns of counts, with the text of each cell's hover title.

    ``titles[i][j]`` is plain text (escaped when written); ``groups[i]`` the
    row's group for the filter (a jurisdiction); ``keys[i]`` (optional) the
    row's agency id, which makes its name open the agency's card in the overview. ``totals`` (optional) is drawn
    as a bar row above the table: which columns are crowded.
    """

    rows: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    counts: list[list[int]] = field(default_factory=list)
    titles: list[list[str]] = field(default_factory=list)
    totals: list[int] | None = None
    total_titles: list[str] | None = None
    total_rows: int | None = None  # rows before a cut to the busiest (for the caption)
    marker: int | None = None  # a column to mark with a vertical line (the as-of month of a timeline)
    marker_label: str = ""


def cell_colour(count: int, top: int) -> str:
    """Background of a cell: white for 0, deepening orange up to the largest count.

    Examples
    --------
    >>> cell_colour(0, 5), cell_colour(5, 5)
    ('#ffffff', '#d84315')
    """
    if count <= 0 or top <= 0:
        return "#ffffff"
    t = min(count / top, 1.0) ** 0.6
    start, end = (255, 243, 224), (216, 67, 21)
    r, g, b = (round(s + (e - s) * t) for s, e in zip(start, end))
    return f"#{r:02x}{g:02x}{b:02x}"


def _table(m: MatrixTable, corner: str, lang: str | None) -> str:
    top = max((c for row in m.counts for c in row), default=0)
    def today(j: int) -> str:
        return ' class="today"' if j == m.marker else ""

    head = "".join(f'<th data-col="{j + 1}"{today(j)} title="{esc(m.marker_label if j == m.marker else c)}">{esc(c)}</th>'
                   for j, c in enumerate(m.columns))
    out = [f'<table class="matrix"><thead><tr><th class="rowhead" data-col="0">{esc(corner)}</th>{head}'
           f'<th data-col="{len(m.columns) + 1}">{esc(label("viz_total", lang))}</th></tr>']
    if m.totals is not None:
        peak = max(m.totals, default=0) or 1
        bars = "".join(
            f'<td{today(j)} title="{esc(t)}"><span class="bar-cell" style="height:{round(60 * n / peak)}px"></span>{n or ""}</td>'
            for j, (n, t) in enumerate(zip(m.totals, m.total_titles or [""] * len(m.totals))))
        out.append(f'<tr class="totals"><th class="rowhead">{esc(label("viz_total", lang))}</th>{bars}'
                   f"<td>{sum(m.totals)}</td></tr>")
    out.append("</thead><tbody>")
    keys = m.keys or [""] * len(m.rows)
    for name, key, group, counts, titles in zip(m.rows, keys, m.groups, m.counts, m.titles):
        head = (f'<th><button type="button" class="agency">{esc(name)}</button></th>' if key
                else f"<th>{esc(name)}</th>")
        agency = f' data-agency="{esc(key)}"' if key else ""
        cells = "".join(
            f'<td{today(j)} style="background:{cell_colour(n, top)}{";color:#fff" if n >= 0.6 * top else ""}"'
            f' title="{esc(t)}">{n}</td>' if n else f"<td{today(j)}></td>" for j, (n, t) in enumerate(zip(counts, titles)))
        out.append(f'<tr data-group="{esc(group)}"{agency}>{head}{cells}<td>{sum(counts)}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def render_matrix_page(m: MatrixTable, *, title: str, corner: str, caption: str,
                       lang: str | None = None, extra: str = "") -> str:
    """A self-contained page holding the matrix, a group filter and a name filter (``extra``: more header text)."""
    groups = sorted({g for g in m.groups if g})
    options = "".join(f'<option value="{esc(g)}">{esc(g)}</option>' for g in groups)
    shown = label(f"viz_rows_shown:{len(m.rows)}|{m.total_rows if m.total_rows is not None else len(m.rows)}", lang)
    body = (f'<header class="bar"><h1>{esc(title)}</h1>'
            f'<label>{esc(label("viz_unit_jurisdiction", lang))} <select id="f-group">'
            f'<option value="">{esc(label("viz_all", lang))}</option>{options}</select></label>'
            f'<input type="search" id="f-name" placeholder="{esc(label("viz_filter_name", lang))}">'
            f'<span class="status">{esc(shown)}</span>{extra}</header>'
            f'<p class="caption">{esc(caption)}</p>'
            f'<div class="matrix-wrap">{_table(m, corner, lang)}</div>')
    return render_page(title, body, scripts=[asset_text("table.js")], styles=[asset_text("viz.css")],
                       lang=lang or "zh")
