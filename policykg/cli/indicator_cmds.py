"""The ``indicators`` command: the inferred indicators of documents, as a table a planner corrects."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.cli import cli
from policykg.cli.common import corrections_option, lang_option, quiet_step, say
from policykg.loaders.indicator_inference import DEFAULT_THRESHOLD

__all__ = ["indicators"]


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The review table to write: FILE.xlsx or FILE.csv.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD, show_default=True,
              help="Confidence from which an inferred indicator counts (for the summary line).")
@click.option("--encoding", default=None, help="Text encoding of the files (default: detected).")
@corrections_option
@lang_option
def indicators(files: tuple[Path, ...], output: Path, threshold: float, encoding: str | None,
               corrections: Path | None) -> None:
    """Review the indicators inferred where a document prints none (a table to correct).

    One line per such measure, per document: where it is, its text, the
    inferred indicator (无 = serves none of the 18) with its confidence, the
    words that decided it and the runners-up, and an empty column to correct.
    Fill that column in (an indicator, or 无) and give the file back with
    --corrections to extract, run or any command that reads documents:
    corrections win over the model. With no FILES, the bundled samples.

    \b
    Example:
      policykg indicators policykg/samples/003_78fe2e9706bd90b0.txt -o review.xlsx
      policykg extract plan.txt --corrections review.xlsx -o rows.jsonl
    """
    from policykg.indicator_review import review_records, write_review
    from policykg.messages import render
    from policykg.pipeline import read_corrections_file, read_inputs

    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise click.UsageError("-o/--output must end in .xlsx or .csv")
    _, corpus = read_inputs(files, encoding, quiet_step, corrections=read_corrections_file(corrections, quiet_step))
    records = review_records(corpus)
    write_review(records, output)
    counted = sum(1 for r in corpus.rows if r.indicator_inferred and (r.indicator_confidence or 0) >= threshold)
    say(render(f"indicators_written:{len(records)}|{counted}|{threshold:g}|{output}"))
