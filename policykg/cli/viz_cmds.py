"""The pictures command: ``viz`` (corpus → network, heatmap, timeline and a dashboard, all offline HTML)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from policykg.cli import cli
from policykg.cli.common import corpus_options, lang_option, load_input_corpus, say
from policykg.messages import get_language, render

__all__ = ["viz"]

@cli.command()
@corpus_options
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("policykg-out") / "viz", show_default=True, help="Folder to write the pages into.")
@click.option("--top", "top_n", type=click.IntRange(min=1), default=300, show_default=True,
              help="Agencies drawn as nodes of their own (by cross-cutting load); the rest are merged by sector.")
@click.option("--no-png", is_flag=True, help="Skip the PNG pictures (they need a CJK font such as fonts-noto-cjk).")
@lang_option
def viz(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None, out_dir: Path,
        top_n: int, no_png: bool) -> None:
    """Draw the agency network, the agency × indicator heatmap and the deadline timeline.

    Writes network.html, heatmap.html, timeline.html, heatmap.png,
    timeline.png and dashboard.html (every view in tabs) into the output
    folder and prints their paths. Every page is self-contained: it loads
    nothing from the network, so it opens on an offline machine. With no FILES
    and no --store, the bundled samples are drawn.

    \b
    Example:
      policykg viz -o out/viz            # then open out/viz/dashboard.html
      policykg viz --store kg/ -o out/viz --lang en
    """
    from policykg.loaders.sectors import sector_label
    from policykg.visualizations.dashboard import write_views

    start = time.monotonic()
    corpus = load_input_corpus(files, store, quiet=True, aliases=aliases, corrections=corrections)
    written = write_views(corpus, out_dir, lang=get_language(), top_n=top_n, png=not no_png,
                          sector_label=sector_label, progress=lambda name: say(render("viz_writing", name=name)))
    for path in written.paths.values():
        click.echo(str(path))
    say(render("viz_done", count=len(written.paths), path=out_dir, seconds=time.monotonic() - start))
