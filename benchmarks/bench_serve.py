"""Benchmark of `policykg serve` under load: 8 clients running the named queries, p50/p99 latency.
Prints figures; asserts nothing.

    python benchmarks/bench_serve.py                       # the samples ×10 (≈ 5,200 rows), 8 clients
    python benchmarks/bench_serve.py --times 100 --rounds 2
    python benchmarks/bench_serve.py --times 1 --clients 8 --modes front,direct

Each client runs every named query (default parameters) ``--rounds`` times over HTTP, as
``policykg query --endpoint`` does, and the latency of every request is kept. Modes:

- ``direct``: oxigraph's own server, nothing in front (what `serve` ran before issue 14:
  no guard, no limits);
- ``front``: what `serve` runs now — the front (`graph/rdf/endpoint.py`: parser guard,
  query slots, timeout) forwarding to a private oxigraph;
- ``inproc``: a front of the same shape answering from pyoxigraph in its own process
  (`Store.read_only`), the alternative design; it has no way to stop a running query.

Figures: p50, p99 and max latency, requests per second, and the peak RSS of the process
that runs the queries (oxigraph's ``VmHWM``; for ``inproc`` this process's). The CPU is
shared with other work on a busy machine: compare modes run back to back, not runs of
different days.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from policykg.graph.rdf.endpoint import Limits, SparqlFront
from policykg.graph.rdf.serve import start_server, stop_server
from policykg.queries import HttpEndpoint, list_queries, run_named
from policykg.queries.sparql_guard import checked_query


def _corpus(times: int, folder: Path) -> Path:
    docs = folder / "docs"
    subprocess.run([sys.executable, str(Path(__file__).with_name("generate_corpus.py")), "--rows", str(521 * times),
                    "--seed", "1", "-o", str(docs)], check=True, stdout=subprocess.DEVNULL)
    store = folder / "store"
    subprocess.run([sys.executable, "-c", "from policykg.cli import main; main()", "build", str(docs), "--store", str(store),
                    "--optimize"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return store


def _vm_hwm_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _load(url: str, clients: int, rounds: int) -> tuple[list[float], int, float]:
    names = [q.name for q in list_queries()]
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def client(offset: int) -> None:
        endpoint = HttpEndpoint(url, timeout=300)
        for r in range(rounds):
            for i in range(len(names)):
                name = names[(i + offset + r) % len(names)]
                start = time.perf_counter()
                try:
                    run_named(endpoint, name)
                except Exception:  # a refusal (503, timeout) counts, with its time
                    with lock:
                        failures[0] += 1
                with lock:
                    latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failures[0], time.perf_counter() - start


def _inproc_front(store_dir: Path) -> tuple[ThreadingHTTPServer, str]:
    from pyoxigraph import QueryResultsFormat, Store

    store = Store.read_only(str(store_dir))

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0]
            text = body if ctype == "application/sparql-query" else urllib.parse.parse_qs(body)["query"][0]
            result = store.query(checked_query(text), use_default_graph_as_union=True)
            payload = result.serialize(format=QueryResultsFormat.JSON)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/query"


def _report(mode: str, latencies: list[float], failures: int, seconds: float, rss: float) -> dict:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    figures = {"mode": mode, "requests": len(ordered), "failed": failures, "p50_s": statistics.median(ordered),
               "p99_s": p99, "max_s": ordered[-1], "per_second": len(ordered) / seconds, "peak_rss_mib": rss}
    print(f"{mode:<8} {len(ordered):5d} requests ({failures} refused)  p50 {figures['p50_s'] * 1000:8.1f} ms  "
          f"p99 {p99 * 1000:8.1f} ms  max {ordered[-1] * 1000:8.1f} ms  {figures['per_second']:6.1f} req/s  "
          f"peak RSS {rss:7.0f} MiB", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--times", type=int, default=10, help="the samples × N (521 rows each)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="times each client runs every named query")
    parser.add_argument("--modes", default="direct,front,inproc")
    parser.add_argument("--concurrent", type=int, default=Limits().concurrent, help="the front's query slots")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="policykg-bench-serve-") as tmp:
        print(f"building the samples ×{args.times} …", file=sys.stderr, flush=True)
        store = _corpus(args.times, Path(tmp))
        print(f"{args.clients} clients × {args.rounds} rounds × {len(list_queries())} named queries, "
              f"samples ×{args.times}", flush=True)
        for mode in args.modes.split(","):
            if mode in ("direct", "front"):
                server = start_server(store, query_timeout=Limits().timeout)
                try:
                    url = server.query_url
                    front = None
                    if mode == "front":
                        limits = Limits(concurrent=args.concurrent)
                        front = SparqlFront("127.0.0.1", 0, server.url, "", lambda n, p: ([], []), limits).start()
                        url = front.url + "/query"
                    latencies, failures, seconds = _load(url, args.clients, args.rounds)
                    rss = _vm_hwm_mib(server.process.pid)
                    if front is not None:
                        front.stop()
                finally:
                    stop_server(server)
            elif mode == "inproc":
                httpd, url = _inproc_front(store)
                try:
                    latencies, failures, seconds = _load(url, args.clients, args.rounds)
                finally:
                    httpd.shutdown()
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            else:
                raise SystemExit(f"unknown mode {mode!r}")
            results.append(_report(mode, latencies, failures, seconds, rss))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
