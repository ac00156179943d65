"""Extraction throughput: rows per second reading the bundled samples (one core).

Prints figures; asserts nothing (speed is measured here, never in tests).

    python benchmarks/bench_extract.py [--repeat N]

Each round parses every sample from its text (decoding excluded, measured
apart), with the caches of pure helpers cleared first so a round is a cold
read of unseen text; a warm figure (caches kept, as when a batch repeats the
same names) is printed beside it. A third figure adds the step after reading
that `read_document` runs: the indicator inferred for every row whose document
prints none (every row counted, as if no document printed any; the model is
loaded before timing), a document's rows scored together as reading scores them.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = [(p.name, p.read_bytes()) for p in sample_paths()]
    t0 = time.perf_counter()
    decoded = [(name, decode_bytes(data).text) for name, data in texts]
    decode_s = time.perf_counter() - t0
    n_rows = sum(len(parse_text(text, name).rows) for name, text in decoded)

    model = load_model()
    cold, warm, inferred = [], [], []
    for _ in range(args.repeat):
        _clear_caches()
        t0 = time.perf_counter()
        for name, text in decoded:
            parse_text(text, name)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for name, text in decoded:
            parse_text(text, name)
        warm.append(time.perf_counter() - t0)
        _clear_caches()
        t0 = time.perf_counter()
        for name, text in decoded:
            # as a document that prints no indicator: the model runs on every row, as reading runs it
            infer_rows([replace(row, indicator=None) for row in parse_text(text, name).rows], model)
        inferred.append(time.perf_counter() - t0)
    size = sum(len(data) for _, data in texts)
    print(f"samples: {len(texts)} documents, {n_rows} rows, {size / 1024:.0f} KiB")
    print(f"decode: {decode_s * 1000:.1f} ms for all")
    for label, times in (("cold", cold), ("warm", warm), ("cold + infer every row", inferred)):
        best, median = min(times), statistics.median(times)
        print(f"parse ({label}): median {median * 1000:.1f} ms, best {best * 1000:.1f} ms "
              f"→ {n_rows / median:,.0f} rows/s (median), {n_rows / best:,.0f} rows/s (best)")
    print("target: ≥ 5,000 rows/s on one core")


if __name__ == "__main__":
    main()
