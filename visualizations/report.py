"""Writing the workload report: Markdown, Excel and CSV from one set of tables.

The one entry point shared by ``policykg report`` and ``policykg run``: it
builds the tables once (`policykg.visualizations.report_data.build_report`)
and hands them to the three writers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from policykg.indicator_counting import IndicatorBasis
from policykg.records import Corpus
from policykg.visualizations.names import PLAIN, Names
from policykg.visualizations.report_csv import write_csv_report
from policykg.visualizations.report_data import AGENCY_SHEETS, MEASURE_AGENCIES, ReportData, build_report
from policykg.visualizations.report_excel import write_workbook
from policykg.visualizations.report_markdown import write_markdown

__all__ = ["write_report"]


def write_report(
    corpus: Corpus,
    output: Path,
    *,
    jurisdiction: str | None = None,
    as_of: str | None = None,
    lang: str = "zh",
    lead_weight: float = 1.0,
    responsible_weight: float = 0.5,
    agency_sheets: int = AGENCY_SHEETS,
    agencies: Sequence[str] = (),
    names: Names = PLAIN,
    progress: Callable[[int, int], None] | None = None,
    indicators: IndicatorBasis = "inferred",
    measure_agencies: int = MEASURE_AGENCIES,
) -> tuple[ReportData, list[Path]]:
    """Write workload.md, workload.xlsx and the CSV tables into ``output``; return the data and the paths.

    ``as_of`` (default today) is the date deadlines are counted against; ``agency_sheets`` and
    ``agencies`` choose the agencies with a sheet of their own, ``measure_agencies`` how many leading
    agencies' measures the workbook lists (`build_report`);
    ``progress(done, total)`` is called as workbook sheets are written; ``indicators`` says which
    indicators breadth and the matrix count (`policykg.indicator_counting`), printed under every title.
    """
    data = build_report(corpus, jurisdiction=jurisdiction, as_of=as_of, lang=lang, lead_weight=lead_weight,
                        responsible_weight=responsible_weight, agency_sheets=agency_sheets, agencies=agencies,
                        names=names, indicators=indicators, measure_agencies=measure_agencies)
    output.mkdir(parents=True, exist_ok=True)
    written = [write_markdown(data, output / "workload.md")]
    written.append(write_workbook(data, output / "workload.xlsx", progress=progress))
    written += write_csv_report(data, output)
    return data, written
