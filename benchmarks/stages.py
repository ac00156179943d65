"""Benchmark stages, each run in a fresh process by `run_all.py` so its peak RSS is its own.

    python benchmarks/stages.py STAGE --docs DIR --work DIR [--truth FILE]

Prints one line ``RESULT {json}`` last. A stage that needs the corpus reads the
pickle the ``extract`` stage wrote into ``--work`` (reading it is not timed);
``store`` reads the documents again, since it measures documents → store.
A stage whose optional part cannot be imported returns ``{"skipped": reason}``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # the repository: tests.support.falkordb_server

__all__ = ["STAGES", "peak_rss_mib", "document_paths"]

STAGES: dict[str, Callable[[argparse.Namespace], dict]] = {}
AS_OF = "2021-06-30"


def stage(func: Callable[[argparse.Namespace], dict]) -> Callable[[argparse.Namespace], dict]:
    STAGES[func.__name__.removeprefix("stage_")] = func
    return func


def peak_rss_mib() -> float:
    """Peak resident memory of this process and of its waited-for children, in MiB (Linux)."""
    own = 0.0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                own = int(line.split()[1]) / 1024
    except OSError:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(max(own, children), 1)


def document_paths(docs: Path) -> list[Path]:
    return sorted(p for p in Path(docs).iterdir() if p.suffix == ".txt")


def _load_corpus(work: Path):
    with (work / "corpus.pickle").open("rb") as f:
        return pickle.load(f)


def _timed(func: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = func()
    return time.perf_counter() - t0, result


# --- documents → rows → corpus ---------------------------------------------------------------------

@stage
def stage_extract(args: argparse.Namespace) -> dict:
    """Read every document (one process), score against the truth, resolve agencies, pickle the corpus."""
    from policykg.loaders import load_corpus, read_documents

    paths = document_paths(args.docs)
    seconds, results = _timed(lambda: read_documents(paths))
    rows = sum(len(r.rows) for r in results)
    out = {"documents": len(paths), "rows": rows, "rejects": sum(len(r.rejects) for r in results),
           "bytes": sum(p.stat().st_size for p in paths), "extract_s": seconds, "rows_per_s": rows / seconds}
    corpus_s, corpus = _timed(lambda: load_corpus(results=results))
    out.update(corpus_s=corpus_s, agencies=len(corpus.agencies))
    out["peak_rss_mib"] = peak_rss_mib()
    if args.truth and Path(args.truth).exists():
        from generate_corpus import read_truth, score_extraction

        out["accuracy"] = score_extraction(results, *read_truth(Path(args.truth)))
    with (args.work / "corpus.pickle").open("wb") as f:
        pickle.dump(corpus, f, protocol=pickle.HIGHEST_PROTOCOL)
    return out


def _read_chunk(paths: list[str]) -> list:
    from policykg.loaders import read_document

    return [read_document(p) for p in paths]


@stage
def stage_extract_parallel(args: argparse.Namespace) -> dict:
    """Read every document with a pool of ``--workers`` processes (results sent back to the parent)."""
    from concurrent.futures import ProcessPoolExecutor

    paths = [str(p) for p in document_paths(args.docs)]
    n = args.workers
    # contiguous chunks, several per worker, so a slow document does not leave a core idle for long
    k = max(1, len(paths) // (n * 8))
    chunks = [paths[i:i + k] for i in range(0, len(paths), k)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=n) as pool:
        results = [r for chunk in pool.map(_read_chunk, chunks) for r in chunk]
    seconds = time.perf_counter() - t0
    rows = sum(len(r.rows) for r in results)
    return {"workers": n, "rows": rows, "extract_s": seconds, "rows_per_s": rows / seconds,
            "peak_rss_mib": peak_rss_mib()}


# --- rows → quads → store -------------------------------------------------------------------------

@stage
def stage_quads(args: argparse.Namespace) -> dict:
    """Rows → every quad of the graph as N-Quads text (the builder's fast path, what `build_store` loads),
    kept in memory (``build_s``) and written to a file (``materialise_s``: both)."""
    from policykg.graph import build_graphs
    from policykg.graph.rdf.nquads import NQUADS_TERMS

    corpus = _load_corpus(args.work)
    rows = len(corpus.rows)
    t0 = time.perf_counter()
    quads = sum(len(part.quads) for part in build_graphs(corpus, NQUADS_TERMS))
    build_s = time.perf_counter() - t0
    out_path = args.work / "policykg.nq"
    t0 = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out:
        for part in build_graphs(corpus, NQUADS_TERMS):
            out.writelines(part.quads)
    materialise_s = time.perf_counter() - t0
    return {"rows": rows, "quads": quads, "build_s": build_s, "rows_per_s": rows / build_s,
            "quads_per_s": quads / build_s, "materialise_s": materialise_s,
            "nq_bytes": out_path.stat().st_size, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_store(args: argparse.Namespace) -> dict:
    """Documents → persisted store, end to end, as `policykg build` does it: documents read by worker
    processes while the store indexes those already read (`policykg.pipeline.build_store_from_documents`)."""
    from policykg.pipeline import build_store_from_documents

    target = args.work / "store"
    shutil.rmtree(target, ignore_errors=True)
    paths = document_paths(args.docs)
    handed: list[float] = []
    t0 = time.perf_counter()
    corpus, stats = build_store_from_documents(paths, target,
                                               progress=lambda *_: handed.append(time.perf_counter() - t0))
    total = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    return {"rows": len(corpus.rows), "quads": stats.quads, "last_document_loading_s": handed[-1] if handed else None,
            "total_s": total, "quads_per_s": stats.quads / total, "store_bytes": size,
            "peak_rss_mib": peak_rss_mib()}


@stage
def stage_queries(args: argparse.Namespace) -> dict:
    """Every named query (or ``--only`` one), bare, on the persisted store opened read-only.

    Median of ``--repeat`` runs; a query ten times over the 1 s target runs once.
    """
    from pyoxigraph import Store

    from policykg.queries import list_queries, run_named

    store = Store.read_only(str(args.work / "store"))
    out = {}
    for q in list_queries():
        if args.only and q.name != args.only:
            continue
        times, n = [], 0
        for _ in range(args.repeat):
            seconds, result = _timed(lambda name=q.name: run_named(store, name, {}))
            times.append(seconds)
            n = len(result.rows)
            if seconds > 10 * 1.0:  # ten times over the 1 s target: one run says enough
                break
        out[q.name] = {"median_s": statistics.median(times), "runs": times, "rows": n}
    return {"queries": out, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_query_names(args: argparse.Namespace) -> dict:
    """The named queries' names (so the harness can time each in its own process, with a time limit)."""
    from policykg.queries import list_queries

    return {"names": [q.name for q in list_queries()]}


def _changed_copy(source: Path, folder: Path) -> Path:
    """The document with one measure edited (a sentence end in the table gets "（修订）")."""
    text = source.read_text(encoding="utf-8")
    start = max(text.find("序号"), text.find("事项名称"), 0)
    cut = text.find("。", start + 200)
    changed = text[:cut] + "（修订）" + text[cut:]
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / source.name
    out.write_text(changed, encoding="utf-8")
    return out


@stage
def stage_reread(args: argparse.Namespace) -> dict:
    """Re-read one changed document into the big store (what `policykg build FILE --store DIR` does).

    Read the file, resolve its agencies, open the store read-write and
    replace the document's named graph (and the two vocabulary graphs) with
    `write_graphs`, one transaction per graph. Median of ``--repeat`` runs.
    """
    from pyoxigraph import Store

    from policykg.graph import write_graphs
    from policykg.loaders import load_corpus, read_document

    paths = document_paths(args.docs)
    changed = _changed_copy(paths[len(paths) // 2], args.work / "changed")
    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        corpus = load_corpus(results=[read_document(changed)])
        t1 = time.perf_counter()
        store = Store(str(args.work / "store"))
        t2 = time.perf_counter()
        stats = write_graphs(store, corpus)
        store.flush()
        t3 = time.perf_counter()
        del store
        t4 = time.perf_counter()
        runs.append({"read_s": t1 - t0, "open_s": t2 - t1, "write_s": t3 - t2, "close_s": t4 - t3, "total_s": t4 - t0,
                     "rows": len(corpus.rows), "quads": stats.quads})
    best = sorted(runs, key=lambda r: r["total_s"])[len(runs) // 2]
    return {**best, "runs": [r["total_s"] for r in runs], "document": changed.name, "peak_rss_mib": peak_rss_mib()}


# --- reports, pictures, property graph ------------------------------------------------------------

@stage
def stage_validate(args: argparse.Namespace) -> dict:
    """SHACL validation of the persisted store (`graph.validate.validate_store`: the shapes as SPARQL queries)."""
    return _validate(args, "sparql")


@stage
def stage_validate_pyshacl(args: argparse.Namespace) -> dict:
    """The same with pySHACL (in parts, worker processes), the reference; and whether the reports are equal."""
    result = _validate(args, "pyshacl")
    sparql = args.work / "validation-sparql.json"
    if sparql.exists():
        result["same_report_as_sparql"] = json.loads(sparql.read_text(encoding="utf-8")) == json.loads(
            (args.work / "validation-pyshacl.json").read_text(encoding="utf-8"))
    return result


def _validate(args: argparse.Namespace, engine: str) -> dict:
    from pyoxigraph import Store

    from policykg.graph.rdf.validate import validate_store

    store = Store.read_only(str(args.work / "store"))
    seconds, report = _timed(lambda: validate_store(store, engine=engine))
    (args.work / f"validation-{engine}.json").write_text(json.dumps(
        {"conforms": report.conforms, "violations": [v.to_dict() for v in report.violations]}, ensure_ascii=False))
    return {"engine": engine, "total_s": seconds, "triples": report.triples, "violations": len(report.violations),
            "triples_per_s": report.triples / seconds, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_report(args: argparse.Namespace) -> dict:
    """The workload report: metrics and tables, then the Markdown, CSV and Excel writers."""
    try:
        from policykg.visualizations.report_csv import write_csv_report
        from policykg.visualizations.report_data import build_report
        from policykg.visualizations.report_excel import write_workbook
        from policykg.visualizations.report_markdown import write_markdown
    except ImportError as exc:
        return {"skipped": f"report writers not importable ({exc})"}
    corpus = _load_corpus(args.work)
    out = args.work / "report"
    out.mkdir(exist_ok=True)
    build_s, data = _timed(lambda: build_report(corpus, as_of=AS_OF))
    md_s, _ = _timed(lambda: write_markdown(data, out / "workload.md"))
    csv_s, _ = _timed(lambda: write_csv_report(data, out))
    xlsx_s, _ = _timed(lambda: write_workbook(data, out / "workload.xlsx"))
    return {"metrics_s": build_s, "markdown_s": md_s, "csv_s": csv_s, "xlsx_s": xlsx_s,
            "total_s": build_s + md_s + csv_s + xlsx_s, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_viz(args: argparse.Namespace) -> dict:
    """Every interactive view and the dashboard (`visualizations.dashboard.write_views`), PNGs included."""
    try:
        from policykg.visualizations.dashboard import write_views
    except ImportError as exc:
        return {"skipped": f"visualizations.dashboard not importable ({exc})"}
    corpus = _load_corpus(args.work)
    out = args.work / "viz"
    png = True
    try:
        from policykg.visualizations.mpl_cjk import cjk_family

        cjk_family()
    except Exception:  # no CJK font: time the HTML views only, and say so
        png = False
    seconds, files = _timed(lambda: write_views(corpus, out, as_of=AS_OF, png=png))
    size = sum(p.stat().st_size for p in files.paths.values())
    return {"total_s": seconds, "png": png, "files": len(files.paths), "bytes": size, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_neo4j(args: argparse.Namespace) -> dict:
    """`policykg neo4j push` (graph/property/neo4j_push.py) into a local in-memory FalkorDB, as the tests start it,
    over its Redis port (``--uri redis://…``, what README tells a FalkorDB user to give; the Bolt port takes the
    same statements at most 4 KB each, `bench_neo4j.py` measures both side by side).

    Peak RSS is the benchmark process's and, once stopped, the server's (a waited-for child).
    """
    try:
        from policykg.graph.property.bolt import BoltSettings, connect
        from policykg.graph.property.neo4j_push import graph_counts, push_corpus
        from tests.support.falkordb_server import start_falkordb, stop_falkordb
    except ImportError as exc:
        return {"skipped": f"the Bolt push is not importable ({exc})"}
    from policykg.queries.cypher import list_cypher_queries, run_named_cypher

    corpus = _load_corpus(args.work)
    server = start_falkordb(log=args.work / "falkordb.log")
    queries: dict[str, dict] = {}
    try:
        conn = connect(BoltSettings(uri=f"redis://127.0.0.1:{server.port}", retry_seconds=2.0))
        try:
            stats = push_corpus(conn, corpus)
            counts = graph_counts(conn)
            for q in list_cypher_queries():  # the named Cypher queries on the pushed graph, bare
                seconds, result = _timed(lambda name=q.name: run_named_cypher(conn, name))
                queries[q.name] = {"median_s": seconds, "runs": [seconds], "rows": len(result.rows)}
                print(f"cypher {q.name}: {seconds:.2f} s", file=sys.stderr, flush=True)
        finally:
            conn.close()
    finally:
        stop_falkordb(server)
    return {"protocol": "redis", "rows": stats.measures, "documents": stats.documents, "statements": stats.statements,
            "seconds": stats.seconds, "rows_per_s": stats.rows_per_second, "nodes": counts.get("nodes"),
            "relationships": counts.get("relationships"), "cypher_queries": queries, "peak_rss_mib": peak_rss_mib()}


# --- the main job, and the graph over HTTP ----------------------------------------------------------

@stage
def stage_run(args: argparse.Namespace) -> dict:
    """`policykg run` over the documents, end to end (`policykg.pipeline.run_stages`), each stage's seconds."""
    from policykg.pipeline.stages import run_stages

    out = args.work / "run"
    shutil.rmtree(out, ignore_errors=True)
    with TreeMemory() as memory:
        seconds, result = _timed(lambda: run_stages(document_paths(args.docs), out, "zh"))
    return {"total_s": seconds, "rows": result.rows, "stages": result.stage_seconds, "peak_rss_mib": peak_rss_mib(),
            "peak_tree_pss_mib": memory.peak_mib}


class TreeMemory:
    """The peak of the memory of this process and its descendants together (the run's reading workers, its
    forked row stages, its store readers): the sum of their PSS, in which pages shared after a fork count
    once, sampled every 0.25 s (Linux; 0 elsewhere). Sampled by a process of its own, not a thread: the run
    forks only when no other thread runs (`policykg.pipeline.row_readers.can_fork`)."""

    def __init__(self) -> None:
        self.peak_mib = 0.0
        self._sampler: subprocess.Popen | None = None

    def __enter__(self) -> TreeMemory:
        self._sampler = subprocess.Popen([sys.executable, __file__, "--sample-memory", str(os.getpid())],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._sampler is not None
        out, _ = self._sampler.communicate("")  # its standard input closed: it prints the peak and ends
        self.peak_mib = float(out.strip() or 0)


def _sample_memory(pid: int) -> None:
    """The sampler of `TreeMemory`: ``pid``'s tree (itself left out) until standard input closes; prints the peak."""
    import select

    peak = 0.0
    while True:
        peak = max(peak, _tree_pss_mib(pid, leave_out=os.getpid()))
        ready, _, _ = select.select([sys.stdin], [], [], 0.25)
        if ready and not sys.stdin.read():
            print(peak)
            return


def _tree_pss_mib(pid: int, leave_out: int = -1) -> float:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        if p == leave_out:
            continue
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        except (OSError, ValueError):
            continue
    return round(total / 1024, 1)


@stage
def stage_serve(args: argparse.Namespace) -> dict:
    """`policykg serve` on the store as built: 8 clients × 60 s of named queries over HTTP (bench_serve_load.py),
    as served (answers kept), and under ``cold`` with no answer kept (every call runs its query)."""
    from bench_serve_load import load

    cold = load(args.work / "store", clients=8, seconds=60.0, cache_mb=0)
    return {**load(args.work / "store", clients=8, seconds=60.0), "cold": cold, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_publish(args: argparse.Namespace) -> dict:
    """`policykg publish` to an empty `oxigraph serve`, then each named query over HTTP (bench_serve_load.py)."""
    from bench_serve_load import publish

    return {**publish(args.work / "store", repeat=args.repeat), "peak_rss_mib": peak_rss_mib()}


# --- side by side: Morph-KGC, rdflib, pyoxigraph on the same rows -------------------------------------

@stage
def stage_rml_input(args: argparse.Namespace) -> dict:
    """Write the rows the builder gets as the CSV files the RML mapping reads (not timed as a stage)."""
    from morph_kgc import write_rml_input  # benchmarks/morph_kgc.py

    corpus = _load_corpus(args.work)
    seconds, counts = _timed(lambda: write_rml_input(corpus, args.work / "rml"))
    return {"write_s": seconds, **counts, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_morph(args: argparse.Namespace) -> dict:
    """Morph-KGC (own virtual environment) materialises the RML mapping to N-Triples."""
    from morph_kgc import run_morph_kgc

    return run_morph_kgc(args.work / "rml", args.work / "morph.nt")


@stage
def stage_policykg_subset(args: argparse.Namespace) -> dict:
    """policykg's builder on the same rows, reduced to the mapping's subset and written as N-Triples."""
    from morph_kgc import write_policykg_subset

    corpus = _load_corpus(args.work)
    result = write_policykg_subset(corpus, args.work / "policykg-subset.nt")
    return {**result, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_compare_triples(args: argparse.Namespace) -> dict:
    """Whether Morph-KGC's triples and policykg's subset are the same set (parsed, not compared as text)."""
    from morph_kgc import compare_ntriples

    return compare_ntriples(args.work / "morph.nt", args.work / "policykg-subset.nt")


@stage
def stage_rdflib(args: argparse.Namespace) -> dict:
    """rdflib's in-memory Graph: parse the Morph-KGC N-Triples, run the workload query."""
    import rdflib
    from morph_kgc import WORKLOAD_QUERY

    g = rdflib.Graph()
    load_s, _ = _timed(lambda: g.parse(str(args.work / "morph.nt"), format="nt"))
    load_rss = peak_rss_mib()
    times, n = [], 0
    for _ in range(max(1, args.repeat - 2)):  # rdflib is slow: fewer runs
        seconds, rows = _timed(lambda: list(g.query(WORKLOAD_QUERY)))
        times.append(seconds)
        n = len(rows)
    return {"triples": len(g), "load_s": load_s, "load_rss_mib": load_rss, "query_s": statistics.median(times),
            "query_rows": n, "rdflib": rdflib.__version__, "peak_rss_mib": peak_rss_mib()}


@stage
def stage_oxigraph_nt(args: argparse.Namespace) -> dict:
    """pyoxigraph: bulk-load the same N-Triples into a new on-disk store, run the workload query."""
    import pyoxigraph
    from morph_kgc import WORKLOAD_QUERY
    from pyoxigraph import RdfFormat, Store

    path = args.work / "oxigraph-nt"
    shutil.rmtree(path, ignore_errors=True)
    store = Store(str(path))
    load_s, _ = _timed(lambda: store.bulk_load(path=str(args.work / "morph.nt"), format=RdfFormat.N_TRIPLES))
    times, n = [], 0
    for _ in range(args.repeat):
        seconds, rows = _timed(lambda: list(store.query(WORKLOAD_QUERY)))
        times.append(seconds)
        n = len(rows)
    return {"triples": len(store), "load_s": load_s, "query_s": statistics.median(times), "query_rows": n,
            "pyoxigraph": pyoxigraph.__version__, "peak_rss_mib": peak_rss_mib()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--truth", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default=None, help="queries: only this named query")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    result = STAGES[args.stage](args)
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown (freeing a big corpus object by object): not part of any figure


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sample-memory"]:
        _sample_memory(int(sys.argv[2]))
    else:
        main()
