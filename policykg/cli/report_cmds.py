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
from policykg.cli.common import (
    CatalogueOption,
    as_of_option,
    corpus_options,
    indicators_option,
    lang_option,
    load_input_corpus,
    say,
)
from policykg.errors import PolicyKGError
from policykg.indicator_counting import IndicatorBasis, basis_label
from policykg.messages import get_language, render

if TYPE_CHECKING:
    from policykg.records import Corpus
    from policykg.visualizations.report_data import ReportData

__all__ = ["report"]

# = policykg.visualizations.report_data.AGENCY_SHEETS (a test keeps them equal); not imported
# here so that every other command starts without loading the report's writers.
_AGENCY_SHEETS = 10
_MEASURE_AGENCIES = 200  # = report_data.MEASURE_AGENCIES (the same test keeps them equal)


def _write(corpus: Corpus, output: Path, jurisdiction: str | None, as_of: str, lead_weight: float,
           responsible_weight: float, agency_sheets: int, agencies: tuple[str, ...],
           progress: Callable[[int, int], None] | None, indicators: IndicatorBasis,
           measure_agencies: int) -> tuple[ReportData, list[Path]]:
    from policykg.pipeline import display_names
    from policykg.visualizations.report import write_report

    lang = get_language()
    return write_report(corpus, output, jurisdiction=jurisdiction, as_of=as_of, lang=lang,
                        lead_weight=lead_weight, responsible_weight=responsible_weight, agency_sheets=agency_sheets,
                        agencies=agencies, names=display_names(lang), progress=progress, indicators=indicators,
                        measure_agencies=measure_agencies)


@cli.command()
@corpus_options
@click.option("--jurisdiction", default=None, help="Only documents of this jurisdiction (e.g. 福清市); default all together.")
@as_of_option
@indicators_option
@click.option("--lead-weight", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Weight of a led measure in the weighted load.")
@click.option("--responsible-weight", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="Weight of a measure the agency is only responsible for.")
@click.option("--agency-sheets", type=click.IntRange(min=0), default=_AGENCY_SHEETS, show_default=True,
              cls=CatalogueOption, help_key="help_agency_sheets")
@click.option("--agency", "agencies", multiple=True, metavar="NAME", cls=CatalogueOption, help_key="help_agency")
@click.option("--measure-agencies", type=click.IntRange(min=0), default=_MEASURE_AGENCIES, show_default=True,
              cls=CatalogueOption, help_key="help_measure_agencies")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write workload.md, workload.xlsx and the CSV files into.")
@lang_option
def report(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None,
           jurisdiction: str | None,
           as_of: _dt.datetime | None, indicators: IndicatorBasis,
           lead_weight: float, responsible_weight: float, agency_sheets: int, agencies: tuple[str, ...],
           measure_agencies: int, output: Path) -> None:
    """Write the workload-per-agency report (Markdown, CSV, Excel).

    Ranks agencies by cross-cutting load (weighted load × participation across
    indicators), with every figure's formula in the report; lists whom each
    lead agency must coordinate; compares sectors across jurisdictions; lists
    collectives apart; counts deadlines as overdue, due within 30 days or later
    against --as-of (default today, printed on every sheet). The workbook prints:
    landscape, one page wide, titles repeated. Agencies with a sheet of their
    own: the top --agency-sheets by cross-cutting load and each --agency; the
    other leading agencies' measures are in one long sheet, up to the top
    --measure-agencies leading agencies (0 = all; the workbook names what it
    leaves out, measures.csv has every measure). Headers are in
    Chinese unless --lang en. The written files are listed on stdout.

    \b
    Example:
      policykg report --jurisdiction 罗源县 --as-of 2023-06-30 -o out/report
      policykg report --as-of 2021-06-30 --agency 福清市市场监管局 -o out/report
    """
    corpus = load_input_corpus(files, store, aliases=aliases, corrections=corrections)
    places = sorted({d.jurisdiction for d in corpus.documents if d.jurisdiction})
    if jurisdiction is not None and jurisdiction not in places:
        raise PolicyKGError("report_unknown_jurisdiction", jurisdiction=jurisdiction, choices="、".join(places))
    day = (as_of.date() if as_of else _dt.date.today()).isoformat()
    say(render("report_as_of", as_of=day) + " · " + basis_label(indicators))
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
                                   agencies, progress, indicators, measure_agencies)
    else:
        data, written = _write(corpus, output, jurisdiction, day, lead_weight, responsible_weight, agency_sheets,
                               agencies, progress, indicators, measure_agencies)
    for path in written:
        click.echo(str(path))
    counted = count_agencies(corpus, jurisdiction)
    say(render("report_written", path=output, agencies=counted.agencies, collectives=counted.collectives,
               measures=data.measure_total))
