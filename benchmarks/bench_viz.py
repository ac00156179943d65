"""Benchmark of the views: time to build each page and picture, and the size of each file. Asserts nothing.

    python benchmarks/bench_viz.py                  # the samples and 100 copies of them
    python benchmarks/bench_viz.py --copies 10 --top 200

Copy k of the samples gets its own jurisdictions and agencies
(tests/visualizations/viz_corpora.py), so 100 copies have ~24,000 agencies and
52,100 measures and 500 jurisdictions: the case where the view model holds one
view per jurisdiction and the "all jurisdictions" view draws the top-N agencies only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests.support.viz_corpora

from policykg.graph.analytics.metrics import agency_metrics, deadline_profile  # noqa: E402
from policykg.graph.analytics.projections import indicator_matrix  # noqa: E402
from policykg.loaders import load_corpus  # noqa: E402
from policykg.records import Corpus  # noqa: E402
from policykg.visualizations.dashboard import render_dashboard  # noqa: E402
from policykg.visualizations.heatmap import render_heatmap_html, render_heatmap_png  # noqa: E402
from policykg.visualizations.network import render_network_html, view_nodes  # noqa: E402
from policykg.visualizations.overview import render_overview_html  # noqa: E402
from policykg.visualizations.timeline import render_timeline_html, render_timeline_png  # noqa: E402
from policykg.visualizations.view_model import build_view_model  # noqa: E402
from tests.support.viz_corpora import scale_corpus  # noqa: E402

AS_OF = "2021-06-30"


def _timed(label: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"  {label:<28} {time.perf_counter() - start:8.2f} s")
    return result


def bench(corpus: Corpus, name: str, top_n: int) -> None:
    bodies = sum(1 for a in corpus.agencies.values() if a.kind != "collective")
    print(f"{name}: {len(corpus.documents)} documents, {len(corpus.rows)} measures, {bodies} agencies")
    metrics = _timed("agency_metrics", agency_metrics, corpus, as_of=AS_OF)
    matrix = _timed("indicator_matrix", indicator_matrix, corpus)
    profile = _timed("deadline_profile", deadline_profile, corpus)
    model = _timed("view model (every jurisdiction)", build_view_model, corpus, as_of=AS_OF, metrics=metrics)
    pages = {
        "overview": _timed("overview.html", render_overview_html, model),
        "network": _timed("network.html", render_network_html, model, None, top_n),
        "heatmap": _timed("heatmap.html", render_heatmap_html, corpus, matrix),
        "timeline": _timed("timeline.html", render_timeline_html, corpus, profile, as_of=AS_OF),
    }
    dashboard = _timed("dashboard.html", render_dashboard, pages)
    with tempfile.TemporaryDirectory() as tmp:
        heat = _timed("heatmap.png", render_heatmap_png, corpus, Path(tmp) / "heatmap.png", matrix)
        line = _timed("timeline.png", render_timeline_png, corpus, Path(tmp) / "timeline.png", profile)
        sizes = {f"{k}.html": len(v.encode("utf-8")) for k, v in pages.items()}
        sizes["dashboard.html"] = len(dashboard.encode("utf-8"))
        sizes["heatmap.png"], sizes["timeline.png"] = heat.stat().st_size, line.stat().st_size
    nodes = view_nodes(model, 0, top_n)
    print(f"  all-jurisdiction view: {len(nodes)} nodes ({sum(n['kind'] == 'agency' for n in nodes)} agencies); "
          f"{len(model.views) - 1} jurisdiction views; {len(model.measures)} measures embedded "
          f"({'with' if model.texts else 'without'} texts)")
    for file, size in sizes.items():
        print(f"  {file:<28} {size / 1e6:8.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the samples for the large run")
    parser.add_argument("--top", type=int, default=150, help="agencies with a node of their own in one view")
    args = parser.parse_args()
    samples = load_corpus()
    bench(samples, "samples", args.top)
    bench(scale_corpus(samples, args.copies), f"{args.copies}× samples", args.top)


if __name__ == "__main__":
    main()
