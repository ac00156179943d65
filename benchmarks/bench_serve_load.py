"""The graph served over HTTP: concurrent clients running the named queries, and a store published
to a SPARQL server. Prints figures; asserts nothing.

    python benchmarks/bench_serve_load.py load --store kg/                  # 8 clients × 60 s on `policykg serve`
    python benchmarks/bench_serve_load.py load --store kg/ --clients 8 --seconds 60 --json serve.json
    python benchmarks/bench_serve_load.py publish --store kg/               # PUT every graph to `oxigraph serve`, then each query

``load`` starts ``policykg serve --store DIR`` exactly as a person would (so whatever front the
command puts before the store is measured with it), waits for the endpoint it announces, and runs
``--clients`` threads for ``--seconds``: each takes the next case of `TYPICAL` (a named query with
the parameters a planner gives) and runs it with `policykg.queries.run_named` over HTTP, as
``policykg query --endpoint`` does. It reports the latency of every call (p50 / p90 / p99 /
max, per query too), the errors with their first messages, and the resident memory of the server
processes (sampled every 0.2 s: peak and at the end). ``publish`` starts an empty in-memory
``oxigraph serve``, PUTs the store's named graphs to it (`policykg.graph.rdf.publish`) and times
each named query over HTTP there (defaults, median of ``--repeat``).

The store is only read. Servers listen on 127.0.0.1, on free ports.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from policykg.graph.rdf.serve import free_port

# (query, parameters): what planners ask (a place, a period), plus the bare defaults that are cheap;
# CITY and PROVINCE are the place holding the most documents and its province (`typical_cases`)
TYPICAL: list[tuple[str, dict[str, str]]] = [
    ("workload_per_agency", {"jurisdiction": "CITY"}),
    ("cross_cutting_ranking", {}),
    ("agencies_per_indicator", {}),
    ("co_assignment_pairs", {"jurisdiction": "CITY"}),
    ("measures_due_in_period", {"as_of": "2021-06-30"}),
    ("measures_without_lead", {}),
    ("sector_across_jurisdictions", {}),
    ("agency_portfolio", {}),
    ("workload_per_agency", {"sector": "市场监管"}),
    ("agencies_per_indicator", {"jurisdiction": "PROVINCE"}),
    ("dependencies", {"jurisdiction": "CITY"}),
    ("dependencies", {"indicator": "开办企业"}),
]

_BUSIEST_PLACE = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?city ?province (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  GRAPH ?g {
    ?doc a pkg:PlanDocument ; pkg:jurisdiction/skos:prefLabel ?city .
    OPTIONAL { ?doc pkg:province/skos:prefLabel ?province }
  }
} GROUP BY ?city ?province ORDER BY DESC(?documents) ?city LIMIT 1"""


def typical_cases(endpoint) -> list[tuple[str, dict[str, str]]]:
    """`TYPICAL` with the place holding the most documents (and its province) of the served graph."""
    from policykg.queries import run_sparql

    row = run_sparql(endpoint, _BUSIEST_PLACE).rows[0]
    places = {"CITY": row["city"], "PROVINCE": row["province"] or row["city"]}
    return [(name, {k: places.get(v, v) for k, v in params.items()}) for name, params in TYPICAL]


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _children(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return out


def _rss_mib(pids: list[int]) -> float:
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if ordered else 0.0


def _latencies(values: list[float]) -> dict:
    return {"calls": len(values), "p50_s": _percentile(values, 0.5), "p90_s": _percentile(values, 0.9),
            "p99_s": _percentile(values, 0.99), "max_s": max(values, default=0.0),
            "mean_s": statistics.fmean(values) if values else 0.0}


def _policykg() -> str:
    """The ``policykg`` command of this Python environment."""
    beside = Path(sys.executable).parent / "policykg"
    return str(beside) if beside.exists() else (shutil.which("policykg") or "policykg")


def start_serve(store: Path, timeout: float = 120.0, cache_mb: int | None = None) -> tuple[subprocess.Popen, str]:
    """``policykg serve --store DIR`` on a free port (``--cache-mb`` when given); the process and its query URL."""
    port = free_port()
    command = [_policykg(), "--lang", "en", "serve", "--store", str(store), "--port", str(port)]
    if cache_mb is not None:
        command += ["--cache-mb", str(cache_mb)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            if process.poll() is not None:
                raise RuntimeError(f"policykg serve exited with status {process.returncode}")
            continue
        found = re.search(r"https?://\S+?/query\b", line)
        if found:
            threading.Thread(target=process.stderr.read, daemon=True).start()  # keep the pipe drained
            return process, found.group(0)
    process.kill()
    raise RuntimeError("policykg serve did not announce its endpoint")


def stop_serve(process: subprocess.Popen) -> None:
    """Interrupt the command as Ctrl-C would (it stops its server), then make sure it is gone."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            for pid in reversed(_children(process.pid)):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            process.wait(timeout=10)


def load(store: Path, clients: int = 8, seconds: float = 60.0, cases: list | None = None,
         timeout: float = 120.0, cache_mb: int | None = None) -> dict:
    """``clients`` threads running named queries over HTTP against ``policykg serve`` for ``seconds``.

    ``cache_mb=0`` serves with no kept answers: every call runs its query (the cold figure).
    """
    from policykg.queries import HttpEndpoint, run_named

    process, url = start_serve(store, cache_mb=cache_mb)
    pids = _children(process.pid)
    samples: list[float] = [_rss_mib(pids)]
    calls: list[tuple[str, float, str | None]] = []
    lock = threading.Lock()
    stop = threading.Event()
    counter = iter(range(10**9))

    def client() -> None:
        endpoint = HttpEndpoint(url, timeout=timeout)
        while not stop.is_set():
            with lock:
                name, params = cases[next(counter) % len(cases)]
            t0 = time.perf_counter()
            error = None
            try:
                run_named(endpoint, name, params)
            except Exception as exc:  # a benchmark records every failure, whatever it is
                error = f"{type(exc).__name__}: {exc}"[:300]
            with lock:
                calls.append((name, time.perf_counter() - t0, error))

    def sample() -> None:
        while not stop.is_set():
            samples.append(_rss_mib(_children(process.pid)))
            stop.wait(0.2)

    try:
        cases = cases or typical_cases(HttpEndpoint(url, timeout=timeout))
        threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
        sampler = threading.Thread(target=sample, daemon=True)
        started = time.perf_counter()
        sampler.start()
        for t in threads:
            t.start()
        stop.wait(seconds)
        stop.set()
        for t in threads:
            t.join(timeout + 5)
        elapsed = time.perf_counter() - started
        end_rss = _rss_mib(_children(process.pid))
    finally:
        stop.set()
        stop_serve(process)
    ok = [s for _, s, e in calls if e is None]
    errors = [e for _, _, e in calls if e is not None]
    per_query = {}
    for name in sorted({n for n, _, _ in calls}):
        per_query[name] = _latencies([s for n, s, e in calls if n == name and e is None])
        per_query[name]["errors"] = sum(1 for n, _, e in calls if n == name and e is not None)
    return {"clients": clients, "seconds": elapsed, "url": url, "cache_mb": cache_mb, "cases": cases, **_latencies(ok),
            "errors": len(errors),
            "first_errors": errors[:5], "calls_per_s": len(calls) / elapsed if elapsed else 0.0,
            "server_rss_peak_mib": max(samples), "server_rss_end_mib": end_rss, "queries": per_query}


def publish(store: Path, repeat: int = 3) -> dict:
    """PUT every graph of ``store`` to an empty in-memory `oxigraph serve`; then each named query over HTTP."""
    from pyoxigraph import Store

    from policykg.graph.rdf.publish import publish_store
    from policykg.graph.rdf.serve import running_server
    from policykg.queries import HttpEndpoint, list_queries, run_named

    source = Store.read_only(str(store))
    with running_server(None, writable=True) as server:
        t0 = time.perf_counter()
        published = publish_store(source, server.store_url, timeout=600)
        publish_s = time.perf_counter() - t0
        server_rss = _rss_mib([server.process.pid])
        endpoint = HttpEndpoint(server.query_url, timeout=600)
        queries = {}
        for q in list_queries():
            runs, rows = [], 0
            for _ in range(repeat):
                t1 = time.perf_counter()
                rows = len(run_named(endpoint, q.name, {}).rows)
                runs.append(time.perf_counter() - t1)
                if runs[-1] > 10:
                    break
            queries[q.name] = {"median_s": statistics.median(runs), "runs": runs, "rows": rows}
            _say(f"  over HTTP: {q.name} {queries[q.name]['median_s']:.3f} s, {rows:,} rows")
        peak = _rss_mib([server.process.pid])
    return {"graphs": len(published), "triples": sum(p.triples for p in published), "publish_s": publish_s,
            "triples_per_s": sum(p.triples for p in published) / publish_s if publish_s else 0.0,
            "server_rss_after_publish_mib": server_rss, "server_rss_after_queries_mib": peak, "queries": queries}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("load", help="concurrent clients against `policykg serve`")
    a.add_argument("--store", type=Path, required=True)
    a.add_argument("--clients", type=int, default=8)
    a.add_argument("--seconds", type=float, default=60.0)
    a.add_argument("--json", type=Path, default=None)
    a.add_argument("--cache-mb", type=int, default=None, help="passed to serve (0: no kept answers)")
    b = sub.add_parser("publish", help="publish to `oxigraph serve`, then each named query over HTTP")
    b.add_argument("--store", type=Path, required=True)
    b.add_argument("--repeat", type=int, default=3)
    b.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    result = (load(args.store, args.clients, args.seconds, cache_mb=args.cache_mb) if args.mode == "load"
              else publish(args.store, args.repeat))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.mode == "load":
        print(f"{result['clients']} clients × {result['seconds']:.0f} s: {result['calls']} calls, "
              f"p50 {result['p50_s']:.2f} s, p90 {result['p90_s']:.2f} s, p99 {result['p99_s']:.2f} s, "
              f"max {result['max_s']:.2f} s, {result['errors']} errors; server RSS peak "
              f"{result['server_rss_peak_mib']:,.0f} MiB, at the end {result['server_rss_end_mib']:,.0f} MiB")
        for name, q in result["queries"].items():
            print(f"  {name:30s} {q['calls']:5d} calls  p50 {q['p50_s']:6.2f} s  p99 {q['p99_s']:6.2f} s  "
                  f"errors {q['errors']}")
        for e in result["first_errors"]:
            print("  error: " + e)
    else:
        print(f"published {result['graphs']} graphs, {result['triples']:,} triples in {result['publish_s']:.1f} s "
              f"({result['triples_per_s']:,.0f} triples/s)")
        for name, q in result["queries"].items():
            print(f"  {name:30s} {q['median_s']:8.3f} s  {q['rows']:8,} rows")


if __name__ == "__main__":
    main()
