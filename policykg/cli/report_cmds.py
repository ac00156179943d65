"""The ``report`` command: the workload-per-agency summary as Markdown, CSV and an Excel workbook."""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from policykg.agency_count import count_agencies
from policykg.cli import cli
from policykg.cli.common import corpus_options, lang_option, load_input_corpus, say
from policykg.errors import PolicyKGError
from policykg.messages import get_language, render

if TYPE_CHECKING:
    from policykg.records import Corpus
    from policykg.visualizations.report_data import ReportData

__all__ = ["report"]

# = policykg.visualizations.report_excel.MAX_AGENCY_SHEETS (a test keeps them equal); not imported
# here so that every other command starts without loading openpyxl.
_AGENCY_SHEETS = 250

def _write(corpus: Corpus, output: Path, jurisdiction: str | None, as_of: str, lead_weight: float,
           responsible_weight: float, agency_sheets: int,
           progress: Callable[[int, int], None] | None) -> tuple[ReportData, list[Path]]:
    from policykg.visualizations.report import write_report

    return write_report(corpus, output, jurisdiction=jurisdiction, as_of=as_of, lang=get_language(),
                        lead_weight=lead_weight, responsible_weight=responsible_weight, agency_sheets=agency_sheets,
                        progress=progress)


@cli.command()
@corpus_options
@click.option("--jurisdiction", default=None, help="Only documents of this jurisdiction (e.g. 福清市); default all together.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Count measures due before this date (YYYY-MM-DD) as overdue. Default: today.")
@click.option("--lead-weight", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Weight of a led measure in the weighted load.")
@click.option("--responsible-weight", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="Weight of a measure the agency is only responsible for.")
@click.option("--agency-sheets", type=click.IntRange(min=0), default=_AGENCY_SHEETS, show_default=True,
              help="At most this many per-agency sheets in the workbook; further leading agencies share one sheet.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write workload.md, workload.xlsx and the CSV files into.")
@lang_option
def report(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None,
           jurisdiction: str | None,
           as_of: _dt.datetime | None,
           lead_weight: float, responsible_weight: float, agency_sheets: int, output: Path) -> None:
    """Write the workload-per-agency report (Markdown, CSV, Excel).

    Ranks agencies by cross-cutting load (weighted load × participation across
    indicators), with every figure's formula in the report; compares sectors
    across jurisdictions; lists collectives apart; and gives one workbook
    sheet per leading agency (up to --agency-sheets) with its measures and
    deadlines. Headers are in Chinese unless --lang en. The written files are
    listed on stdout.

    \b
    Example:
      policykg report --jurisdiction 罗源县 --as-of 2023-06-30 -o out/report
    """
    corpus = load_input_corpus(files, store, aliases=aliases, corrections=corrections)
    places = sorted({d.jurisdiction for d in corpus.documents if d.jurisdiction})
    if jurisdiction is not None and jurisdiction not in places:
        raise PolicyKGError("report_unknown_jurisdiction", jurisdiction=jurisdiction, choices="、".join(places))
    day = (as_of.date() if as_of else _dt.date.today()).isoformat()
    progress = None
    if sys.stderr.isatty() and len(corpus.agencies) > 50:
        with click.progressbar(length=100, label=render("report_progress"), file=sys.stderr) as bar:
            seen = [0]

            def advance(done: int, total: int) -> None:
                step = int(100 * done / max(total, 1))
                bar.update(step - seen[0])
                seen[0] = step

            progress = advance
            data, written = _write(corpus, output, jurisdiction, day, lead_weight, responsible_weight, agency_sheets,
                                   progress)
    else:
        data, written = _write(corpus, output, jurisdiction, day, lead_weight, responsible_weight, agency_sheets,
                               progress)
    for path in written:
        click.echo(str(path))
    counted = count_agencies(corpus, jurisdiction)
    say(render("report_written", path=output, agencies=counted.agencies, collectives=counted.collectives,
               measures=data.measure_total))
