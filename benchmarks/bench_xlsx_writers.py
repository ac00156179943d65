"""Streaming spreadsheet writers side by side: openpyxl write-only against XlsxWriter constant-memory.

Prints figures (wall and CPU seconds: CPU time is what to compare on a shared machine);
asserts nothing. Both write the same cells with the same formats — the
report's per-agency figures (number formats) and its long table of measures (real date
cells, wrapped measure texts, every document text as a string cell) — each in a fresh
process, so that peak memory is the writer's own:

    python benchmarks/bench_xlsx_writers.py --corpus /tmp/corpus150k [--repeat 1]

``--corpus`` is a folder of documents (e.g. from benchmarks/generate_corpus.py --rows 150000);
without it, the bundled samples replicated 300 times (≈ 156,000 rows).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_WIDTHS = [14, 12, 14, 16, 30, 70, 30, 40, 24, 6]


def _tables(corpus_dir: str | None) -> tuple[list[list[Any]], list[list[Any]]]:
    from policykg.graph.analytics.metrics import agency_metrics
    from policykg.graph.analytics.projections import measure_roles
    from policykg.pipeline import read_inputs

    if corpus_dir:
        files = sorted(p for p in Path(corpus_dir).iterdir() if p.suffix == ".txt")
        corpus = read_inputs(files)[1]
    else:
        from benchmarks.bench_report import scale_corpus
        from policykg.loaders import load_corpus

        corpus = scale_corpus(load_corpus(), 300)
    figures = [[m.name, m.jurisdiction, m.sector, m.lead_count, m.responsible_count, m.measure_count, m.weighted_load,
                m.indicator_breadth, m.participation, m.partner_count, m.betweenness, m.cross_cutting]
               for m in agency_metrics(corpus)]
    names = {a: agency.name for a, agency in corpus.agencies.items()}
    measures = []
    for row in corpus.rows:
        for agency_id, role in measure_roles(corpus, row).items():
            day = _dt.date.fromisoformat(row.deadline) if row.deadline and row.deadline[:1].isdigit() else None
            measures.append([names.get(agency_id, agency_id), role, day, row.deadline_raw, row.indicator, row.item,
                             row.measure, "、".join(names.get(a, a) for a in corpus.lead_ids(row)), row.source, row.seq])
    return figures, measures


def _openpyxl(path: Path, figures: list[list[Any]], measures: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    book = Workbook(write_only=True)
    sheet = book.create_sheet("figures")
    for row in figures:
        cells = []
        for j, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value=value)
            if j >= 6 and isinstance(value, float):
                cell.number_format = "0.000"
            elif isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    sheet = book.create_sheet("measures")
    for j, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(65 + j)].width = width
    wrap, date = WriteOnlyCell(sheet), WriteOnlyCell(sheet)
    wrap.alignment = Alignment(wrap_text=True, vertical="top")
    date.number_format = "yyyy-mm-dd"
    for row in measures:
        cells = []
        for j, value in enumerate(row):
            if value is None:
                cells.append(None)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            if j == 2:
                cell._style = date._style
            elif j in (5, 6, 7):
                cell._style = wrap._style
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


def _xlsxwriter(path: Path, figures: list[list[Any]], measures: list[list[Any]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_urls": False, "strings_to_numbers": False})
    sheet = book.add_worksheet("figures")
    decimal = book.add_format({"num_format": "0.000"})
    for i, row in enumerate(figures):
        for j, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(i, j, value)
            elif isinstance(value, float):
                sheet.write_number(i, j, value, decimal if j >= 6 else None)
            elif value is not None:
                sheet.write_number(i, j, value)
    sheet = book.add_worksheet("measures")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for j, width in enumerate(_WIDTHS):
        sheet.set_column(j, j, width)
    for i, row in enumerate(measures):
        for j, value in enumerate(row):
            if value is None:
                continue
            if j == 2:
                sheet.write_datetime(i, j, value, date)
            else:
                sheet.write_string(i, j, value, wrap if j in (5, 6, 7) else None)
    book.close()


def _child(writer: str, data: str, out: str) -> None:
    figures, measures = json.loads(Path(data).read_text(encoding="utf-8"))
    measures = [[_dt.date.fromisoformat(v) if j == 2 and v else v for j, v in enumerate(r)] for r in measures]
    del data
    before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    {"openpyxl": _openpyxl, "xlsxwriter": _xlsxwriter}[writer](Path(out), figures, measures)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mib": after.ru_maxrss / 1024,
                      "rss_before_mib": before.ru_maxrss / 1024, "bytes": Path(out).stat().st_size}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="folder of documents (default: the samples ×300)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per writer, alternating")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    figures, measures = _tables(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "tables.json"
        data.write_text(json.dumps([figures, [[v.isoformat() if isinstance(v, _dt.date) else v for v in r]
                                              for r in measures]], ensure_ascii=False), encoding="utf-8")
        print(f"{len(figures):,} agency rows and {len(measures):,} measure rows "
              f"({len(figures) * 12 + len(measures) * 10:,} cells)")
        for k in range(args.repeat):
            for writer in ("openpyxl", "xlsxwriter"):  # back to back, alternating
                out = subprocess.run([sys.executable, __file__, "--child", writer, str(data), str(Path(tmp) / f"{writer}.xlsx")],
                                     capture_output=True, text=True, check=True)
                r = json.loads(out.stdout)
                grew = r["rss_mib"] - r["rss_before_mib"]
                print(f"  round {k + 1}  {writer:10s} {r['seconds']:7.1f} s wall, {r['cpu']:7.1f} s CPU   peak RSS "
                      f"{r['rss_mib']:6.0f} MiB (+{grew:.0f} MiB over the tables in memory)   {r['bytes'] / 2**20:5.1f} MiB file")


if __name__ == "__main__":
    main()
