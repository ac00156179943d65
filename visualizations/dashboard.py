"""The dashboard: every view in one self-contained HTML file, plus each view as its own file.

`write_views` computes the analytics once (the `ViewModel` of agencies, measures
and per-jurisdiction figures, the indicator matrix, the deadline profile) and
writes ``overview.html``, ``network.html``, ``heatmap.html``, ``timeline.html``,
``heatmap.png``, ``timeline.png`` and ``dashboard.html``. The dashboard opens on
the overview (the ranking and who depends on whom) and holds each view whole in
a tab (an ``<iframe srcdoc>``, so one view's script and style cannot disturb
another), with the as-of date in its header, and links to the separate files.
Nothing in any of them loads from a network. Without a CJK font the PNG
pictures are skipped and reported; the pages need none.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.graph.analytics.metrics import agency_metrics, deadline_profile
from policykg.graph.analytics.projections import indicator_matrix
from policykg.graph.analytics.rollups import parse_as_of
from policykg.indicator_counting import IndicatorBasis
from policykg.records import Corpus
from policykg.visualizations.heatmap import render_heatmap_html, render_heatmap_png
from policykg.visualizations.html_utils import asset_text, esc, label, render_page
from policykg.visualizations.mpl_cjk import cjk_family
from policykg.visualizations.names import PLAIN, Names
from policykg.visualizations.network import DEFAULT_TOP_N, render_network_html
from policykg.visualizations.overview import render_overview_html
from policykg.visualizations.timeline import render_timeline_html, render_timeline_png
from policykg.visualizations.view_model import build_view_model

__all__ = ["ViewFiles", "render_dashboard", "write_views", "VIEW_NAMES"]

VIEW_NAMES = ("overview", "network", "heatmap", "timeline")
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@dataclass(slots=True)
class ViewFiles:
    """The files `write_views` wrote, by name (``"dashboard"``, ``"network"``, ``"heatmap_png"`` …)."""

    paths: dict[str, Path] = field(default_factory=dict)
    png_skipped: str | None = None  # why the PNG pictures were not drawn


def render_dashboard(pages: dict[str, str], lang: str | None = None, as_of: str | None = None) -> str:
    """One page with a tab per view; ``pages`` maps a view name of `VIEW_NAMES` to its HTML.

    A frame made from ``srcdoc`` inherits its parent's Content-Security-Policy,
    so the dashboard's policy also allows (by hash) the scripts of the pages it
    holds, and nothing else.
    """
    hashes: list[str] = []
    for html_text in pages.values():
        meta = _CSP.search(html_text)
        hashes += _HASH.findall(html.unescape(meta.group(1))) if meta else []
    tabs, panes = [], []
    for i, name in enumerate(n for n in VIEW_NAMES if n in pages):
        title = label(f"viz_{name}_tab" if name == "overview" else f"viz_{name}_title", lang)
        tabs.append(f'<button type="button" data-pane="{i}">{esc(title)}</button>')
        panes.append(f'<iframe title="{esc(title)}" data-view="{esc(name)}" srcdoc="{esc(pages[name])}"></iframe>')
    links = " · ".join(f'<a href="{name}.html">{esc(label(f"viz_{name}_title", lang))}</a>'
                       for name in VIEW_NAMES if name in pages)
    day = parse_as_of(as_of).isoformat()
    body = (f'<header class="bar"><h1>{esc(label("viz_dashboard_title", lang))}</h1>'
            f'<span class="asof" id="as-of">{esc(label(f"viz_as_of:{day}", lang))}</span>'
            f'<span class="status">{esc(label("viz_open_alone", lang))}：{links}</span></header>'
            f'<nav class="tabs">{"".join(tabs)}</nav><div class="panes">{"".join(panes)}</div>')
    return render_page(label("viz_dashboard_title", lang), body, scripts=[asset_text("dashboard.js")],
                       styles=[asset_text("viz.css")], lang=lang or "zh",
                       extra_script_hashes=sorted(set(hashes)))


def write_views(corpus: Corpus, out_dir: Path, *, lang: str | None = None, top_n: int = DEFAULT_TOP_N,
                png: bool = True, as_of: str | None = None, names: Names = PLAIN,
                progress: Callable[[str], None] | None = None,
                on_png_skipped: Callable[[str], None] | None = None,
                indicators: IndicatorBasis = "inferred") -> ViewFiles:
    """Write every view and the dashboard into ``out_dir``; returns the paths written.

    Parameters
    ----------
    indicators
        Which indicators the heatmap and the agencies' breadth count: "inferred" (printed, else
        inferred at the default threshold) or "printed" (`policykg.indicator_counting`); the heatmap says which.
    as_of
        ``YYYY-MM-DD`` deadlines are counted against (default today); shown in every page.
    png
        Draw the PNG pictures; without a CJK font they are skipped all the same, and
        ``on_png_skipped(reason)`` is told why (the HTML pages need no font).
    progress
        ``progress(name)`` is called before each file (the CLI prints it on stderr).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    note = progress or (lambda name: None)
    files = ViewFiles()
    day = parse_as_of(as_of).isoformat()
    # the pages show no betweenness: partners are counted from the measures, no graph built
    metrics = agency_metrics(corpus, as_of=day, indicators=indicators, betweenness=False)
    model = build_view_model(corpus, as_of=day, lang=lang, names=names, metrics=metrics, indicators=indicators)
    matrix = indicator_matrix(corpus, indicators=indicators)
    profile = deadline_profile(corpus)
    pages = {
        "overview": render_overview_html(model, lang),
        "network": render_network_html(model, lang, top_n),
        "heatmap": render_heatmap_html(corpus, matrix, lang, names=names),
        "timeline": render_timeline_html(corpus, profile, lang, as_of=day),
    }
    for name, text in pages.items():
        note(f"{name}.html")
        files.paths[name] = out_dir / f"{name}.html"
        files.paths[name].write_text(text, encoding="utf-8")
    if png:
        try:
            cjk_family()
        except PolicyKGError as exc:
            files.png_skipped = str(exc)
            if on_png_skipped is not None:
                on_png_skipped(files.png_skipped)
    if png and files.png_skipped is None:
        note("heatmap.png")
        files.paths["heatmap_png"] = render_heatmap_png(corpus, out_dir / "heatmap.png", matrix, lang, names=names)
        note("timeline.png")
        files.paths["timeline_png"] = render_timeline_png(corpus, out_dir / "timeline.png", profile, lang, as_of=day)
    note("dashboard.html")
    files.paths["dashboard"] = out_dir / "dashboard.html"
    files.paths["dashboard"].write_text(render_dashboard(pages, lang, day), encoding="utf-8")
    return files
