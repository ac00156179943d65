"""Benchmark of the RDF stage: build time, peak memory, named-query latency, one-document reload.
Prints figures; asserts nothing.

    python benchmarks/bench_graph.py                          # the bundled samples
    python benchmarks/bench_graph.py --rows 150000            # plus a synthetic corpus of that many rows
    python benchmarks/bench_graph.py --rows 150000 --only-big --repeat 1

The synthetic corpus repeats the sample rows under new file names (one document
per 500 rows), so text lengths and agency fan-out stay realistic.

Figures per corpus:

- ``build on disk``: `build_store` into a new directory (quads made and bulk-loaded,
  store renamed into place), with the process's peak RSS after it
  (``resource.getrusage``; the peak includes the corpus itself, which the
  loaders would hold anyway).
- ``making the N-Quads text / pyoxigraph Quads alone``: the two term factories without a store.
- ``query NAME``: each named query run bare on the on-disk store (median of ``--repeat``).
- ``replace one document``: `build_store` on the existing store with a corpus
  holding one changed document (its named graph replaced in one transaction).
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import Store

from policykg import sample_paths
from policykg.graph import build_graphs, build_store, load_corpus_into
from policykg.graph.rdf.mapping import OXIGRAPH_TERMS
from policykg.graph.rdf.nquads import NQUADS_TERMS
from policykg.loaders import load_corpus
from policykg.queries import list_queries, run_named
from policykg.records import Corpus


def _timed(func, *args, repeat: int = 1):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - start)
    return result, times


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


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


def _one_document_changed(corpus: Corpus) -> Corpus:
    """The corpus reduced to its middle document, with every measure text of it changed."""
    doc = corpus.documents[len(corpus.documents) // 2]
    rows = [dataclasses.replace(r, measure=r.measure + "（修订）") for r in corpus.rows if r.source == doc.source]
    assignments = {k: v for k, v in corpus.assignments.items() if k[0] == doc.source}
    return Corpus([doc], rows, dict(corpus.agencies), assignments)


def _make_quads(corpus: Corpus, terms) -> int:
    return sum(len(part.quads) for part in build_graphs(corpus, terms))


def bench(corpus: Corpus, label: str, repeat: int, queries: bool = True, memory: bool = True) -> None:
    print(f"== {label}: {len(corpus.documents)} documents, {len(corpus.rows)} rows", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "kg"
        cpu = _cpu_seconds()
        stats, (seconds,) = _timed(build_store, corpus, target)
        print(f"build on disk (new store, bulk)   {seconds:8.2f} s   (CPU {_cpu_seconds() - cpu:.1f} s, all threads)   "
              f"{stats.quads} quads ({stats.quads / seconds:,.0f} quads/s); peak RSS so far {_peak_rss_mib():,.0f} MiB",
              flush=True)
        _, (seconds,) = _timed(_make_quads, corpus, NQUADS_TERMS)
        print(f"  making the N-Quads text alone   {seconds:8.2f} s", flush=True)
        _, (seconds,) = _timed(_make_quads, corpus, OXIGRAPH_TERMS)
        print(f"  making pyoxigraph Quads alone   {seconds:8.2f} s", flush=True)
        if memory:
            mem = Store()
            _, (seconds,) = _timed(load_corpus_into, mem, corpus)
            print(f"build in memory                   {seconds:8.2f} s", flush=True)
            del mem
        changed = _one_document_changed(corpus)
        _, times = _timed(build_store, changed, target, repeat=3)
        print(f"replace one document ({len(changed.rows)} rows)   median {statistics.median(times) * 1000:9.1f} ms", flush=True)
        if queries:
            store = Store.read_only(str(target))
            for q in list_queries():
                _, times = _timed(run_named, store, q.name, {}, repeat=repeat)
                print(f"query {q.name:<30} median {statistics.median(times) * 1000:9.1f} ms  (n={repeat})", flush=True)
            del store
    print(f"peak RSS {_peak_rss_mib():,.0f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=0, help="also benchmark a synthetic corpus of this many rows")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query")
    parser.add_argument("--only-big", action="store_true", help="skip the samples benchmark (peak RSS then is the big build's)")
    parser.add_argument("--no-queries", action="store_true", help="skip the query timings")
    args = parser.parse_args()
    corpus, (seconds,) = _timed(load_corpus, sample_paths())
    print(f"load samples (loaders)            {seconds:8.2f} s")
    if not args.only_big:
        bench(corpus, "samples", args.repeat)
    if args.rows:
        big = synthetic(corpus, args.rows)
        print(f"synthetic corpus made; peak RSS {_peak_rss_mib():,.0f} MiB", flush=True)
        bench(big, f"synthetic {args.rows} rows", max(1, args.repeat // 2) if not args.only_big else args.repeat,
              queries=not args.no_queries, memory=False)


if __name__ == "__main__":
    main()
