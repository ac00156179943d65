"""Benchmark of the RDF stage: build time and named-query latency. Prints figures; asserts nothing.

    python benchmarks/bench_graph.py                 # the bundled samples
    python benchmarks/bench_graph.py --rows 150000   # plus a synthetic corpus of that many rows

The synthetic corpus repeats the sample rows under new file names (one document
per 500 rows), so text lengths and agency fan-out stay realistic.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from pyoxigraph import Store

from policykg import sample_paths
from policykg.graph import build_store, load_corpus_files, load_corpus_into
from policykg.queries import list_queries, run_named
from policykg.records import Corpus


def _timed(func, *args, repeat: int = 1):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - start)
    return result, times


def synthetic(corpus: Corpus, rows: int, per_doc: int = 500) -> Corpus:
    """``rows`` rows copied from ``corpus`` into documents of ``per_doc`` rows each."""
    out = Corpus(agencies=dict(corpus.agencies))
    base = corpus.rows
    n_docs = (rows + per_doc - 1) // per_doc
    for d in range(n_docs):
        template = corpus.documents[d % len(corpus.documents)]
        source = f"synthetic_{d:05d}.txt"
        out.documents.append(dataclasses.replace(template, source=source))
        for i in range(min(per_doc, rows - d * per_doc)):
            row = base[(d * per_doc + i) % len(base)]
            out.rows.append(dataclasses.replace(row, source=source, line=i + 1))
            for name in row.lead + row.responsible:
                agency = corpus.assignments.get((row.source, name))
                if agency is not None:
                    out.assignments[(source, name)] = agency
    return out


def bench(corpus: Corpus, label: str, repeat: int) -> None:
    print(f"== {label}: {len(corpus.documents)} documents, {len(corpus.rows)} rows")
    with tempfile.TemporaryDirectory() as tmp:
        stats, (seconds,) = _timed(build_store, corpus, Path(tmp) / "kg")
        print(f"build on disk (new store, bulk)   {seconds:8.2f} s   {stats.quads} quads "
              f"({stats.quads / seconds:,.0f} quads/s)")
        memory = Store()
        _, (seconds,) = _timed(load_corpus_into, memory, corpus)
        print(f"build in memory                   {seconds:8.2f} s")
        if len(corpus.rows) <= 20000:
            _, (seconds,) = _timed(build_store, corpus, Path(tmp) / "kg")
            print(f"rebuild on disk (replace graphs)  {seconds:8.2f} s")
        store = Store.read_only(str(Path(tmp) / "kg"))
        for q in list_queries():
            _, times = _timed(run_named, store, q.name, {}, repeat=repeat)
            print(f"query {q.name:<30} median {statistics.median(times) * 1000:9.1f} ms  (n={repeat})")
        del store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=0, help="also benchmark a synthetic corpus of this many rows")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query")
    args = parser.parse_args()
    corpus, (seconds,) = _timed(load_corpus_files, sample_paths())
    print(f"load samples (loaders)            {seconds:8.2f} s")
    bench(corpus, "samples", args.repeat)
    if args.rows:
        big = synthetic(corpus, args.rows)
        bench(big, f"synthetic {args.rows} rows", max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
