"""The dashboard: every view in one self-contained HTML file, plus each view as its own file.

`write_views` computes the analytics once (agency metrics, indicator matrix,
deadline profile) and writes ``network.html``, ``heatmap.html``,
``timeline.html``, ``heatmap.png``, ``timeline.png`` and ``dashboard.html``.
The dashboard holds each view whole in a tab (an ``<iframe srcdoc>``, so one
view's script and style cannot disturb another) and links to the separate
files. Nothing in any of them loads from a network.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policykg.graph.analytics.metrics import agency_metrics, deadline_profile
from policykg.graph.analytics.projections import indicator_matrix
from policykg.records import Corpus
from policykg.visualizations.heatmap import render_heatmap_html, render_heatmap_png
from policykg.visualizations.html_utils import asset_text, esc, label, render_page
from policykg.visualizations.network import DEFAULT_TOP_N, build_network_data, render_network_html
from policykg.visualizations.timeline import render_timeline_html, render_timeline_png

__all__ = ["ViewFiles", "render_dashboard", "write_views", "VIEW_NAMES"]

VIEW_NAMES = ("network", "heatmap", "timeline")
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@dataclass(slots=True)
class ViewFiles:
    """The files `write_views` wrote, by name (``"dashboard"``, ``"network"``, ``"heatmap_png"`` …)."""

    paths: dict[str, Path] = field(default_factory=dict)


def render_dashboard(pages: dict[str, str], lang: str | None = None) -> str:
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
        title = label(f"viz_{name}_title", lang)
        tabs.append(f'<button type="button" data-pane="{i}">{esc(title)}</button>')
        panes.append(f'<iframe title="{esc(title)}" data-view="{esc(name)}" srcdoc="{esc(pages[name])}"></iframe>')
    links = " · ".join(f'<a href="{name}.html">{esc(label(f"viz_{name}_title", lang))}</a>'
                       for name in VIEW_NAMES if name in pages)
    body = (f'<header class="bar"><h1>{esc(label("viz_dashboard_title", lang))}</h1>'
            f'<span class="status">{esc(label("viz_open_alone", lang))}：{links}</span></header>'
            f'<nav class="tabs">{"".join(tabs)}</nav><div class="panes">{"".join(panes)}</div>')
    return render_page(label("viz_dashboard_title", lang), body, scripts=[asset_text("dashboard.js")],
                       styles=[asset_text("viz.css")], lang=lang or "zh",
                       extra_script_hashes=sorted(set(hashes)))


def write_views(corpus: Corpus, out_dir: Path, *, lang: str | None = None, top_n: int = DEFAULT_TOP_N,
                png: bool = True, as_of: str | None = None,
                sector_label: Callable[[str], str | None] | None = None,
                progress: Callable[[str], None] | None = None) -> ViewFiles:
    """Write every view and the dashboard into ``out_dir``; returns the paths written.

    ``progress(name)`` is called before each file (the CLI prints it on stderr).

    Raises
    ------
    PolicyKGError
        When ``png`` is true and no CJK font is installed.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    note = progress or (lambda name: None)
    files = ViewFiles()
    metrics = agency_metrics(corpus, as_of=as_of)
    matrix = indicator_matrix(corpus)
    profile = deadline_profile(corpus)
    pages = {
        "network": render_network_html(build_network_data(corpus, metrics, top_n=top_n, lang=lang,
                                                          sector_label=sector_label), lang),
        "heatmap": render_heatmap_html(corpus, matrix, lang),
        "timeline": render_timeline_html(corpus, profile, lang),
    }
    for name, text in pages.items():
        note(f"{name}.html")
        files.paths[name] = out_dir / f"{name}.html"
        files.paths[name].write_text(text, encoding="utf-8")
    if png:
        note("heatmap.png")
        files.paths["heatmap_png"] = render_heatmap_png(corpus, out_dir / "heatmap.png", matrix, lang)
        note("timeline.png")
        files.paths["timeline_png"] = render_timeline_png(corpus, out_dir / "timeline.png", profile, lang)
    note("dashboard.html")
    files.paths["dashboard"] = out_dir / "dashboard.html"
    files.paths["dashboard"].write_text(render_dashboard(pages, lang), encoding="utf-8")
    return files
