"""The pictures command: ``viz`` (corpus → network, heatmap, timeline and a dashboard, all offline HTML)."""

from __future__ import annotations

import datetime as _dt
import time
from pathlib import Path

import click

from policykg.cli import cli
from policykg.cli.common import (
    CatalogueOption,
    as_of_option,
    corpus_options,
    indicators_option,
    lang_option,
    load_input_corpus,
    say,
)
from policykg.indicator_counting import IndicatorBasis
from policykg.messages import get_language, render

__all__ = ["viz"]

@cli.command()
@corpus_options
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("policykg-out") / "viz", show_default=True, help="Folder to write the pages into.")
@click.option("--top", "top_n", type=click.IntRange(min=1), default=150, show_default=True,
              cls=CatalogueOption, help_key="help_viz_top")
@click.option("--no-png", is_flag=True, cls=CatalogueOption, help_key="help_no_png")
@as_of_option
@indicators_option
@lang_option
def viz(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None, out_dir: Path,
        top_n: int, no_png: bool, as_of: _dt.datetime | None, indicators: IndicatorBasis) -> None:
    """Draw the overview, the agency network, the agency × indicator heatmap and the deadline timeline.

    Writes overview.html (the cross-cutting ranking and who depends on whom),
    network.html, heatmap.html, timeline.html, heatmap.png, timeline.png and
    dashboard.html (every view in tabs, the overview first) into the output
    folder and prints their paths. Deadlines are counted against --as-of
    (default today), shown in every page. Every page is self-contained: it
    loads nothing from the network, so it opens on an offline machine. Without
    a CJK font the PNGs are skipped with one line; the pages need none. With no
    FILES and no --store, the bundled samples are drawn.

    \b
    Example:
      policykg viz -o out/viz            # then open out/viz/dashboard.html
      policykg viz --store kg/ -o out/viz --lang en --as-of 2021-06-30
    """
    from policykg.pipeline import display_names
    from policykg.visualizations.dashboard import write_views

    start = time.monotonic()
    lang = get_language()
    corpus = load_input_corpus(files, store, quiet=True, aliases=aliases, corrections=corrections)
    day = (as_of.date() if as_of else _dt.date.today()).isoformat()
    written = write_views(corpus, out_dir, lang=lang, top_n=top_n, png=not no_png, as_of=day,
                          names=display_names(lang), indicators=indicators,
                          progress=lambda name: say(render("viz_writing", name=name)),
                          on_png_skipped=lambda reason: say(render("viz_png_skipped", reason=reason)))
    for path in written.paths.values():
        click.echo(str(path))
    say(render("viz_done", count=len(written.paths), path=out_dir, seconds=time.monotonic() - start))
