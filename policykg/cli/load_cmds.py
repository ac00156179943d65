"""Commands of the loading stage: ``extract`` (documents → rows) and ``agencies`` (names → agencies)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policykg.agency_count import count_agencies
from policykg.cli import cli
from policykg.cli.common import (
    aliases_option,
    corpus_options,
    corrections_option,
    emit,
    lang_option,
    output_options,
    say,
    show_step,
)
from policykg.loaders.agencies import agency_summary
from policykg.loaders_report import (
    AGENCY_COLUMNS,
    EXTRACT_COLUMNS,
    REJECT_COLUMNS,
    reject_records,
    row_records,
    write_csv,
    write_jsonl,
    write_xlsx,
)
from policykg.messages import get_language, render
from policykg.pipeline import Inputs, load_reviewed_corpus, read_aliases_file, read_corrections_file, read_inputs

__all__ = ["extract", "agencies"]


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), default="jsonl", show_default=True,
              help="Output format of the rows.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write rows here instead of stdout (required for xlsx).")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every numbered row that could not be read (CSV: source, line, seq, reason, text).")
@click.option("--encoding", default=None, help="Text encoding of the files (default: detected).")
@corrections_option
@aliases_option
@lang_option
def extract(files: tuple[Path, ...], fmt: str, output: Path | None, rejects: Path | None, encoding: str | None,
            corrections: Path | None, aliases: Path | None) -> None:
    """Read documents into task rows (one record per row).

    Each record has the reading-rules fields (source, seq, indicator_raw,
    indicator, item, measure, lead, responsible, deadline_raw, deadline,
    remark, line, warnings), the inferred indicator where the document prints
    none (indicator_inferred, indicator_confidence, indicator_evidence,
    indicator_inferred_by), plus lead_ids and responsible_ids. A summary line
    per document goes to stderr. With no FILES, the bundled samples are read.

    \b
    Example:
      policykg extract plan.txt --format csv -o rows.csv --rejects rejects.csv
    """
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o/--output FILE.xlsx")
    results, corpus = read_inputs(files, encoding, show_step, read_aliases_file(aliases, show_step),
                                  read_corrections_file(corrections, show_step))
    records = row_records(corpus)
    if fmt == "xlsx" and output is not None:
        write_xlsx(records, EXTRACT_COLUMNS, output)
    elif output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8", newline="") as stream:
            (write_jsonl if fmt == "jsonl" else write_csv)(records, EXTRACT_COLUMNS, stream)
    else:
        (write_jsonl if fmt == "jsonl" else write_csv)(records, EXTRACT_COLUMNS, sys.stdout)
    if rejects is not None:
        rejects.parent.mkdir(parents=True, exist_ok=True)
        with rejects.open("w", encoding="utf-8", newline="") as stream:
            write_csv(reject_records(results), REJECT_COLUMNS, stream)
    total = sum(len(r.rows) for r in results)
    n_rejects = sum(len(r.rejects) for r in results)
    say(render("extract_total", rows=total, rejects=n_rejects))


@cli.command()
@corpus_options
@click.option("--encoding", default=None, help="Text encoding of the files (default: detected).")
@click.option("--review", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE.xlsx",
              help="Write a workbook for review instead: every agency, and the merges and splits the rules are "
                   "unsure of, with evidence and a decision column (its accepted rows are an --aliases file).")
@output_options
@lang_option
def agencies(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None,
             encoding: str | None, review: Path | None, fmt: str) -> None:
    """List the agencies the documents name, for review.

    One line per agency: its id, canonical name, jurisdiction, functional
    sector, kind (agency or collective), the surface names that map to it,
    and how many rows name it as lead and as responsible unit.

    \b
    Example:
      policykg agencies --format csv > agencies.csv
      policykg agencies --store kg/
      policykg agencies plans/ --review review.xlsx     # then: --aliases aliases.csv
    """
    corpus, reviewed = load_reviewed_corpus(Inputs(tuple(files), store, aliases, corrections), encoding, show_step)
    counted = count_agencies(corpus)
    if review is not None:
        from policykg.loaders.agency_review import review_proposals
        from policykg.review_workbook import write_review_workbook

        proposals = review_proposals(corpus, reviewed)
        click.echo(str(write_review_workbook(corpus, proposals, review, get_language())))
        say(render("review_written", path=review, agencies=counted.agencies, collectives=counted.collectives,
                   merges=sum(p.kind == "merge" for p in proposals), splits=sum(p.kind == "split" for p in proposals)))
        return
    emit(agency_summary(corpus), AGENCY_COLUMNS, fmt)
    say(render("agencies_total", agencies=counted.agencies, collectives=counted.collectives))
