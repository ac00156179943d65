"""Extraction throughput: rows per second reading the bundled samples (one core).

Prints figures; asserts nothing (speed is measured here, never in tests).

    python benchmarks/bench_extract.py [--repeat N]

Each round parses every sample from its text (decoding excluded, measured
apart), with the caches of pure helpers cleared first so a round is a cold
read of unseen text; a warm figure (caches kept, as when a batch repeats the
same names) is printed beside it. The list layouts (numbered lists, label lines,
headings that name the lead) are timed the same way on a generated list of 5,000
tasks under 50 headings whose numbering restarts under each. A last figure adds
the step after reading that `read_document` runs: the indicator inferred for
every row whose document prints none (every row counted, as if no document
printed any; the model is loaded before timing), a document's rows scored
together as reading scores them; and that scoring alone, by CPU time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

from policykg import sample_paths
from policykg.loaders import parse_text
from policykg.loaders.encoding import decode_bytes
from policykg.loaders.indicator_inference import infer_rows
from policykg.loaders.indicator_model import load_model


def _clear_caches() -> None:
    from policykg.loaders import align, unit_names

    align.cell_kind.cache_clear()
    unit_names._contains_place.cache_clear()
    unit_names._parse_units.cache_clear()
    unit_names.not_a_name.cache_clear()


def _list_document(headings: int = 50, per_heading: int = 100) -> str:
    """A numbered list: headings, tasks (1)…(N) restarting under each, attributions and label lines."""
    lines = ["2023年某市优化营商环境重点任务清单"]
    n = 0
    for h in range(1, headings + 1):
        lines.append(f"{h}、第{h}组工作")
        for k in range(1, per_heading + 1):
            n += 1
            if k % 2:
                lines.append(f"（{k}）推进第{n}项改革，优化服务流程。（牵头单位：市发改委；责任单位：市财政局、税务局；完成时限：6月底）")
            else:
                lines += [f"（{k}）压缩第{n}项审批时限。", "牵头领导：王 健", "牵头单位：市政务服务中心",
                          "责任单位：市直有关部门"]
    return "\n".join(lines) + "\n"


def _timed(texts: list[tuple[str, str]], repeat: int) -> tuple[int, list[float], list[float]]:
    n_rows = sum(len(parse_text(text, name).rows) for name, text in texts)
    cold, warm = [], []
    for _ in range(repeat):
        _clear_caches()
        t0 = time.perf_counter()
        for name, text in texts:
            parse_text(text, name)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for name, text in texts:
            parse_text(text, name)
        warm.append(time.perf_counter() - t0)
    return n_rows, cold, warm


def _print(n_rows: int, cold: list[float], warm: list[float]) -> None:
    for label, times in (("cold", cold), ("warm", warm)):
        best, median = min(times), statistics.median(times)
        print(f"parse ({label}): median {median * 1000:.1f} ms, best {best * 1000:.1f} ms "
              f"→ {n_rows / median:,.0f} rows/s (median), {n_rows / best:,.0f} rows/s (best)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = [(p.name, p.read_bytes()) for p in sample_paths()]
    t0 = time.perf_counter()
    decoded = [(name, decode_bytes(data).text) for name, data in texts]
    decode_s = time.perf_counter() - t0
    n_rows, cold, warm = _timed(decoded, args.repeat)
    size = sum(len(data) for _, data in texts)
    print(f"samples: {len(texts)} documents, {n_rows} rows, {size / 1024:.0f} KiB")
    print(f"decode: {decode_s * 1000:.1f} ms for all")
    _print(n_rows, cold, warm)
    listed = [("list.txt", _list_document())]
    n_rows, cold, warm = _timed(listed, max(3, args.repeat // 4))
    print(f"list layouts: 1 generated document, {n_rows} rows, {len(listed[0][1]) / 1024:.0f} KiB")
    _print(n_rows, cold, warm)
    model = load_model()
    inferred = []
    for _ in range(args.repeat):
        _clear_caches()
        t0 = time.perf_counter()
        for name, text in decoded:
            # as a document that prints no indicator: the model runs on every row, as reading runs it
            infer_rows([replace(row, indicator=None) for row in parse_text(text, name).rows], model)
        inferred.append(time.perf_counter() - t0)
    n_rows = sum(len(parse_text(text, name).rows) for name, text in decoded)
    median = statistics.median(inferred)
    print(f"samples, parse (cold) + infer every row: median {median * 1000:.1f} ms → {n_rows / median:,.0f} rows/s")
    # the scoring alone, by the process's CPU time: on a shared machine the figure other jobs disturb least
    documents = [[replace(row, indicator=None) for row in parse_text(text, name).rows] for name, text in decoded]
    scoring = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        for rows in documents:
            infer_rows(rows, model)
        scoring.append(time.process_time() - t0)
    median = statistics.median(scoring)
    print(f"samples, infer every row alone (CPU time): median {median * 1000:.1f} ms → {n_rows / median:,.0f} rows/s")
    print("target: ≥ 5,000 rows/s on one core")


if __name__ == "__main__":
    main()
