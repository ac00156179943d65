"""Report time: the workload report on the bundled samples and on a corpus N× larger (default 100×).

Prints figures; asserts nothing (speed is measured here, never in tests).

    python benchmarks/bench_report.py [--scale 100] [--repeat 3]
    python benchmarks/bench_report.py --corpus /tmp/corpus150k      # a folder of documents, once

Each part is timed in wall seconds and in CPU seconds (what to compare on a shared machine).

The large corpus is built in memory by replicating the sample documents under
new file names and new jurisdictions ("福清市#7"), with their agencies copied
per replica, so it looks like N× as many places' plans (not N copies of the
same agencies, which would make one giant co-assignment graph no real corpus
has). Stages are timed apart: metrics and tables (`build_report`), then the
Markdown, CSV and Excel writers (the workbook with per-agency sheets for the top
agencies by cross-cutting load, the other leading agencies in one long sheet).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from policykg.loaders import load_corpus
from policykg.records import Corpus
from policykg.visualizations.report_csv import write_csv_report
from policykg.visualizations.report_data import build_report
from policykg.visualizations.report_excel import write_workbook
from policykg.visualizations.report_markdown import write_markdown


def scale_corpus(corpus: Corpus, times: int) -> Corpus:
    """``times`` replicas of ``corpus``, each with its own file names, jurisdictions and agency ids."""
    out = Corpus()
    for k in range(times):
        tag = f"#{k}"
        sources = {d.source: f"{k:04d}_{d.source}" for d in corpus.documents}
        out.documents += [replace(d, source=sources[d.source], jurisdiction=(d.jurisdiction or "") + tag)
                          for d in corpus.documents]
        out.rows += [replace(r, source=sources[r.source]) for r in corpus.rows]
        for agency_id, agency in corpus.agencies.items():
            out.agencies[agency_id + tag] = replace(agency, id=agency_id + tag,
                                                    jurisdiction=(agency.jurisdiction or "") + tag)
        for (source, name), agency_id in corpus.assignments.items():
            out.assignments[(sources.get(source, source), name)] = agency_id + tag
    return out


_CPU: dict[str, float] = {}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _time(func: Callable[[], object], repeat: int, part: str = "") -> tuple[float, object]:
    times, cpu, result = [], [], None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _cpu()
        result = func()
        times.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
    _CPU[part] = statistics.median(cpu)
    return statistics.median(times), result


def run(label: str, corpus: Corpus, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build_s, data = _time(lambda: build_report(corpus, as_of="2021-06-30"), repeat, "tables")
        md_s, _ = _time(lambda: write_markdown(data, out / "workload.md"), repeat, "markdown")
        csv_s, _ = _time(lambda: write_csv_report(data, out), repeat, "csv")
        xlsx_s, _ = _time(lambda: write_workbook(data, out / "workload.xlsx"), repeat, "xlsx")
        size = (out / "workload.xlsx").stat().st_size
    total = build_s + md_s + csv_s + xlsx_s
    leaders = len(data.agency_measures)
    sheets = 9 + len(data.own_sheets) + (leaders > len(data.own_sheets))
    print(f"{label}: {len(corpus.documents)} documents, {len(corpus.rows):,} measures, "
          f"{len(data.metrics):,} agencies, {leaders:,} leading; {sheets:,} sheets ({size / 2**20:.1f} MiB)")
    print(f"  metrics+tables {build_s:7.2f} s   markdown {md_s:6.2f} s   csv {csv_s:6.2f} s   "
          f"xlsx {xlsx_s:7.2f} s   total {total:7.2f} s")
    print("  CPU s: " + "   ".join(f"{part} {seconds:.2f}" for part, seconds in _CPU.items())
          + f"   total {sum(_CPU.values()):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="size of the large corpus, in sample sets")
    parser.add_argument("--repeat", type=int, default=3, help="rounds on the samples (the large corpus runs once)")
    parser.add_argument("--corpus", help="a folder of documents to report on instead (read first, not timed)")
    args = parser.parse_args()
    if args.corpus:
        from policykg.pipeline import read_inputs

        files = sorted(p for p in Path(args.corpus).iterdir() if p.suffix == ".txt")
        run(args.corpus, read_inputs(files)[1], 1)
        return
    t0 = time.perf_counter()
    corpus = load_corpus()
    print(f"reading the samples: {time.perf_counter() - t0:.2f} s (not counted below)")
    run("samples", corpus, args.repeat)
    big = scale_corpus(corpus, args.scale)
    run(f"{args.scale}× samples", big, 1)


if __name__ == "__main__":
    main()
