"""``policykg run``: every stage over the given documents, into one output folder (`policykg.pipeline.stages`)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click

from policykg.cli import cli
from policykg.cli.common import (
    aliases_option,
    as_of_option,
    corrections_option,
    indicators_option,
    lang_option,
    show_step,
)
from policykg.indicator_counting import IndicatorBasis
from policykg.messages import get_language, render
from policykg.pipeline import raise_if_left_out, run_stages

__all__ = ["run"]


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("policykg-out"),
              show_default=True, help="Folder for everything the job writes.")
@click.option("--encoding", default=None, help="Text encoding of the files (default: detected).")
@corrections_option
@aliases_option
@as_of_option
@indicators_option
@click.option("--append", is_flag=True,
              help="Add the documents to the store of an earlier run in the folder (every output then describes "
                   "the whole store) instead of replacing that run's output.")
@lang_option
def run(files: tuple[Path, ...], out: Path, encoding: str | None, corrections: Path | None, aliases: Path | None,
        as_of: _dt.datetime | None, indicators: IndicatorBasis, append: bool) -> None:
    """Run every stage on the documents (default: the bundled samples).

    Reads the documents into rows, resolves agencies, builds the store, runs
    the named queries, validates, exports for Neo4j, writes the report and the
    pictures into the output folder; ends with a summary and the paths written.
    Every output describes the same documents: an earlier run's output in the
    folder is replaced (said on stderr) unless --append adds to its store.
    Deadlines are counted against --as-of (default today), printed in the
    summary, the report and the dashboard.
    With --aliases (or the aliases an earlier run kept in DIR/store) agency
    names are read as reviewed; with --corrections (or those kept in DIR/store)
    inferred indicators as corrected.

    \b
    Example:
      policykg run -o out/
      policykg run plans/*.txt -o out/
      policykg run plans/ -o out/         # every document in the folder
      policykg run plans/ --as-of 2021-06-30 -o out/
      policykg run late.docx -o out/ --append
    """
    day = as_of.date().isoformat() if as_of else None
    result = run_stages(files, out, get_language(), encoding, on_step=show_step, aliases=aliases, as_of=day,
                        append=append, corrections=corrections, indicators=indicators)
    click.echo(render("run_summary", documents=result.documents, rows=result.rows, rejects=result.rejects,
                      agencies=result.agencies, collectives=result.collectives, seconds=result.seconds,
                      as_of=result.as_of))
    for label, path in result.written:
        click.echo(render("run_written", label=render(label), path=path))
    raise_if_left_out(result.left_out)
