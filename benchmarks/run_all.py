"""Every benchmark of issues 8 and 16 in one command: a table on stdout, the status of every target, the JSON.

    python benchmarks/run_all.py                       # 1×, 10×, 100× the samples + the 150,000-row target point
    python benchmarks/run_all.py --sizes 1,10,100,1000 --json bench.json
    python benchmarks/run_all.py --sizes 1 --target-rows 0          # a quick look
    python benchmarks/run_all.py --sizes 1 --only serve,publish     # some stages only (a store is built first)
    python benchmarks/run_all.py --pyshacl             # also pySHACL, and whether its report equals the SPARQL engine's

Sizes are multiples of the bundled samples (521 rows): 1× is the five samples
themselves; N× is a corpus of ≈ 521·N rows written by ``generate_corpus.py``
(seed ``--seed``), whose expected rows give the extraction accuracy for free.
The target point (``--target-rows``, default 150,000 ≈ 1,000 documents) is
where issue 8's targets are checked, and where Morph-KGC, rdflib and
pyoxigraph are run side by side on the same rows.

Every stage runs in a fresh Python process (`stages.py`), so each peak RSS is
that stage's own. Progress goes to stderr; the table to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SAMPLE_ROWS = 521
STAGES = ["extract", "extract_parallel", "quads", "store", "queries", "reread", "validate", "report", "viz", "neo4j",
          "run", "serve", "publish"]
COMPARE = ["rml_input", "morph", "policykg_subset", "compare_triples", "oxigraph_nt", "rdflib"]
# the targets (issues 8 and 16), checked at the target point (queries at every size)
TARGET_STORE_S = 30.0
TARGET_RSS_MIB = 2048.0
TARGET_QUERY_S = 1.0
TARGET_REREAD_S = 1.0
TARGET_RUN_S = 120.0
TARGET_RUN_RSS_MIB = 4096.0
TARGET_VALIDATE_S = 30.0
TARGET_PUSH_ROWS_S = 5000.0
TARGET_SERVE_P99_S = 2.0
# stages that read the store the "store" stage builds (the others read the corpus "extract" pickles)
_NEED_STORE = {"queries", "reread", "validate", "validate_pyshacl", "serve", "publish"}


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def machine() -> dict:
    """Cores, memory, CPU, OS and the versions the figures depend on."""
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 2**20, 1)
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    for package in ("pyoxigraph", "rdflib", "policykg", "neo4j", "falkordb", "openpyxl", "pyvis", "matplotlib"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            info[package] = None
    return info


def run_stage(name: str, docs: Path, work: Path, truth: Path | None, repeat: int, timeout: float,
              extra: tuple[str, ...] = ()) -> dict:
    """Run one stage in a fresh process; its RESULT line, or an error with the end of stderr."""
    cmd = [sys.executable, str(HERE / "stages.py"), name, "--docs", str(docs), "--work", str(work),
           "--repeat", str(repeat), *extra]
    if truth is not None:
        cmd += ["--truth", str(truth)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s", "timeout_s": timeout}
    wall = time.perf_counter() - t0
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
            result["wall_s"] = wall
            return result
    return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-1500:]}"}


def prepare_point(label: str, rows: int | None, work: Path, seed: int) -> tuple[Path, Path | None, dict]:
    """The documents of one point: the samples (rows None) or a generated corpus of ``rows`` rows."""
    from generate_corpus import write_corpus

    if rows is None:
        from policykg import sample_paths

        return Path(sample_paths()[0]).parent, None, {"generate_s": 0.0}
    docs = work / label / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    t0 = time.perf_counter()
    n_docs, n_rows = write_corpus(docs, rows=rows, seed=seed)
    truth = work / label / "truth.jsonl"
    (docs / "truth.jsonl").replace(truth)  # not a document: keep it out of the folder read
    return docs, truth, {"generate_s": time.perf_counter() - t0, "generated_documents": n_docs,
                         "generated_rows": n_rows}


def run_queries(docs: Path, work: Path, args: argparse.Namespace) -> dict:
    """Each named query in its own process with ``--query-timeout``: a runaway query is recorded, not waited for."""
    names = run_stage("query_names", docs, work, None, 1, 60).get("names", [])
    out: dict = {"queries": {}, "peak_rss_mib": 0.0, "wall_s": 0.0}
    for name in names:
        r = run_stage("queries", docs, work, None, args.repeat, args.query_timeout, ("--only", name))
        out["wall_s"] += r.get("wall_s", r.get("timeout_s", 0.0))
        if "error" in r:
            # a time-out is a lower bound on the latency; record it as such
            out["queries"][name] = {"median_s": r.get("timeout_s"), "runs": [], "rows": None,
                                    "error": r["error"]}
            continue
        out["queries"][name] = r["queries"][name]
        out["peak_rss_mib"] = max(out["peak_rss_mib"], r["peak_rss_mib"])
    return out


def run_point(label: str, rows: int | None, args: argparse.Namespace, compare: bool) -> dict:
    work = args.work / label
    work.mkdir(parents=True, exist_ok=True)
    docs, truth, point = prepare_point(label, rows, args.work, args.seed)
    point.update(label=label, stages={})
    names = STAGES + (COMPARE if compare else [])
    for name in names:
        _say(f"[{label}] {name} …")
        if name == "queries":
            result = run_queries(docs, work, args)
        else:
            limit = args.push_timeout if name == "neo4j" else args.timeout
            result = run_stage(name, docs, work, truth, args.repeat, limit)
        point["stages"][name] = result
        brief = result.get("error") or result.get("skipped") or f"{result.get('wall_s', 0):.1f} s"
        _say(f"[{label}] {name}: {brief}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
        if rows is not None:
            shutil.rmtree(docs, ignore_errors=True)
    return point


# --- the table ------------------------------------------------------------------------------------

def _get(point: dict, stage: str, *keys):
    value = point["stages"].get(stage, {})
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _num(value, fmt: str = "{:,.2f}") -> str:
    return "—" if value is None else fmt.format(value)


def verdict(value: float | None, limit: float) -> str:
    """"✓" within the target, else "✗ ×F" (F = how many times over)."""
    if value is None:
        return ""
    return " ✓" if value <= limit else f" ✗ ×{value / limit:.1f}"


def _run_memory(point: dict) -> float | None:
    """The run's peak memory: its largest process's RSS, or the PSS of all its processes together when larger
    (the forked row stages share the corpus's pages with the run; PSS counts them once)."""
    values = [v for v in (_get(point, "run", "peak_rss_mib"), _get(point, "run", "peak_tree_pss_mib")) if v is not None]
    return max(values) if values else None

def _cell(point: dict, stage: str, *keys, fmt: str = "{:,.2f}", limit: float | None = None) -> str:
    result = point["stages"].get(stage, {})
    if "skipped" in result:
        return "skipped"
    if "error" in result:
        return "error"
    value = _get(point, stage, *keys)
    return _num(value, fmt) + (verdict(value, limit) if limit is not None else "")


def _query_cell(point: dict, name: str) -> str:
    r = _get(point, "queries", "queries", name)
    if r is None:
        return "—"
    if r.get("error"):
        return f"> {r['median_s'] or 0:,.0f} (time-out) ✗"
    return _num(r["median_s"], "{:,.3f}") + verdict(r["median_s"], TARGET_QUERY_S)


def _accuracy(point: dict, field: str | None) -> str:
    acc = _get(point, "extract", "accuracy")
    if not acc:
        return "n/a"
    if field is None:
        return f"{100 * acc['found'] / acc['expected']:.2f}%"
    return f"{100 * acc['exact'][field] / max(acc['scored'][field], 1):.2f}%"


def table(points: list[dict]) -> str:
    """One row per figure, one column per point."""
    heads = [f"{p['label']} ({_num(_get(p, 'extract', 'rows'), '{:,}')} rows)" for p in points]
    rows: list[list[str]] = []

    def add(label: str, cells: list[str]) -> None:
        rows.append([label] + cells)

    add("documents", [_num(_get(p, "extract", "documents"), "{:,}") for p in points])
    add("extract rows/s, 1 process", [_cell(p, "extract", "rows_per_s", fmt="{:,.0f}") for p in points])
    add("extract rows/s, 2 processes", [_cell(p, "extract_parallel", "rows_per_s", fmt="{:,.0f}") for p in points])
    add("  rows found (generated truth)", [_accuracy(p, None) for p in points])
    add("  lead exact", [_accuracy(p, "lead") for p in points])
    add("  deadline exact", [_accuracy(p, "deadline") for p in points])
    add("  responsible / measure exact", [f"{_accuracy(p, 'responsible')} / {_accuracy(p, 'measure')}" for p in points])
    add("agency resolution s", [_cell(p, "extract", "corpus_s") for p in points])
    add("extract peak RSS MiB", [_cell(p, "extract", "peak_rss_mib", fmt="{:,.0f}") for p in points])
    add("rows → quads/s (N-Quads text)", [_cell(p, "quads", "quads_per_s", fmt="{:,.0f}") for p in points])
    add("  quads", [_cell(p, "quads", "quads", fmt="{:,}") for p in points])
    add("  rows → N-Quads file s", [_cell(p, "quads", "materialise_s") for p in points])
    add("documents → store s (≤30 s)", [_cell(p, "store", "total_s", limit=TARGET_STORE_S if p.get("target") else None)
                                       for p in points])
    add("  last document into the loader at s", [_cell(p, "store", "last_document_loading_s") for p in points])
    add("  store peak RSS MiB (≤2048)", [_cell(p, "store", "peak_rss_mib", fmt="{:,.0f}",
                                             limit=TARGET_RSS_MIB if p.get("target") else None) for p in points])
    names = sorted({q for p in points for q in (_get(p, "queries", "queries") or {})})
    for q in names:
        add(f"query {q} s (≤1 s)", [_query_cell(p, q) for p in points])
    add("re-read one document s (≤1 s)", [_cell(p, "reread", "total_s", fmt="{:,.3f}",
                                               limit=TARGET_REREAD_S if p.get("target") else None) for p in points])
    add("  of which open / write s", [f"{_cell(p, 'reread', 'open_s')} / {_cell(p, 'reread', 'write_s')}" for p in points])
    add("SHACL validation s (SPARQL engine, ≤30 s)", [_cell(p, "validate", "total_s",
                                                           limit=TARGET_VALIDATE_S if p.get("target") else None)
                                                     for p in points])
    add("  validation peak RSS MiB", [_cell(p, "validate", "peak_rss_mib", fmt="{:,.0f}") for p in points])
    if any("validate_pyshacl" in p["stages"] for p in points):
        add("  pySHACL in parts s (same report?)",
            [f"{_cell(p, 'validate_pyshacl', 'total_s')} ({_yes(_get(p, 'validate_pyshacl', 'same_report_as_sparql'))})"
             for p in points])
    add("report s (md+csv+xlsx)", [_cell(p, "report", "total_s") for p in points])
    add("viz s (all views + dashboard)", [_cell(p, "viz", "total_s") for p in points])
    add("Neo4j push rows/s (≥5,000)", [_cell(p, "neo4j", "rows_per_s", fmt="{:,.0f}") for p in points])
    cypher = sorted({q for p in points for q in (_get(p, "neo4j", "cypher_queries") or {})})
    for q in cypher:
        add(f"  cypher {q} s (FalkorDB)", [_num(_get(p, "neo4j", "cypher_queries", q, "median_s"), "{:,.3f}")
                                          for p in points])
    add("policykg run s (≤120 s)", [_cell(p, "run", "total_s", limit=TARGET_RUN_S if p.get("target") else None)
                                    for p in points])
    add("  run peak memory MiB (≤4096; the largest process, or all together)",
        [_num(_run_memory(p), "{:,.0f}") for p in points])
    add("  of which store / queries / validate / report / viz s",
        [" / ".join(_num(_get(p, "run", "stages", k), "{:,.1f}") for k in ("store", "queries", "validate", "report", "viz"))
         for p in points])
    add("serve: 8 clients × 60 s, p50 / p99 s (≤2 s)",
        [f"{_num(_get(p, 'serve', 'p50_s'))} / {_num(_get(p, 'serve', 'p99_s'))}" for p in points])
    add("  with no kept answer (--cache-mb 0): p50 / p99 s",
        [f"{_num(_get(p, 'serve', 'cold', 'p50_s'))} / {_num(_get(p, 'serve', 'cold', 'p99_s'))}" for p in points])
    add("  calls / errors", [f"{_num(_get(p, 'serve', 'calls'), '{:,}')} / {_num(_get(p, 'serve', 'errors'), '{:,}')}"
                             for p in points])
    add("  server RSS MiB, peak / end", [f"{_num(_get(p, 'serve', 'server_rss_peak_mib'), '{:,.0f}')} / "
                                         f"{_num(_get(p, 'serve', 'server_rss_end_mib'), '{:,.0f}')}" for p in points])
    add("publish to oxigraph serve s", [_cell(p, "publish", "publish_s") for p in points])
    over_http = sorted({q for p in points for q in (_get(p, "publish", "queries") or {})})
    for q in over_http:
        add(f"  over HTTP {q} s", [_num(_get(p, "publish", "queries", q, "median_s"), "{:,.3f}") for p in points])
    add("peak RSS MiB, largest stage", [_num(max((s.get("peak_rss_mib") or 0) for s in p["stages"].values()), "{:,.0f}")
                                       for p in points])
    return _format(["figure"] + heads, rows)


def compare_table(point: dict) -> str:
    """Morph-KGC vs policykg's builder, rdflib vs pyoxigraph, on the target point's rows."""
    g = lambda *k: _get(point, *k)  # noqa: E731
    rows = [
        ["Morph-KGC → N-Triples (subset)", _num(g("morph", "seconds")), _num(g("morph", "triples"), "{:,}"),
         _num(g("morph", "peak_rss_mib"), "{:,.0f}")],
        ["policykg: every quad → N-Quads file", _num(g("quads", "materialise_s")), _num(g("quads", "quads"), "{:,}"),
         _num(g("quads", "peak_rss_mib"), "{:,.0f}")],
        ["policykg: every quad, subset → N-Triples", _num(g("policykg_subset", "total_s")),
         _num(g("policykg_subset", "subset_triples"), "{:,}"), _num(g("policykg_subset", "peak_rss_mib"), "{:,.0f}")],
        ["rdflib Graph: parse the N-Triples", _num(g("rdflib", "load_s")), _num(g("rdflib", "triples"), "{:,}"),
         _num(g("rdflib", "load_rss_mib"), "{:,.0f}")],
        ["rdflib: workload GROUP BY query", _num(g("rdflib", "query_s"), "{:,.3f}"),
         _num(g("rdflib", "query_rows"), "{:,} rows"), _num(g("rdflib", "peak_rss_mib"), "{:,.0f}")],
        ["pyoxigraph: bulk-load the N-Triples", _num(g("oxigraph_nt", "load_s")), _num(g("oxigraph_nt", "triples"), "{:,}"),
         _num(g("oxigraph_nt", "peak_rss_mib"), "{:,.0f}")],
        ["pyoxigraph: workload GROUP BY query", _num(g("oxigraph_nt", "query_s"), "{:,.3f}"),
         _num(g("oxigraph_nt", "query_rows"), "{:,} rows"), ""],
    ]
    same = g("compare_triples", "same")
    note = ("same triples: " + ("yes" if same else f"NO (only Morph-KGC {g('compare_triples', 'only_morph')}, "
                                f"only policykg {g('compare_triples', 'only_policykg')})")) if same is not None else ""
    return _format(["side by side", "seconds", "triples / rows", "peak RSS MiB"], rows) + ("\n" + note if note else "")


def _format(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in [head] + rows) for i in range(len(head))]
    line = lambda r: "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _yes(value) -> str:
    return "—" if value is None else ("yes" if value else "NO")


def status(points: list[dict]) -> list[dict]:
    """Every target of the issues with its figure and verdict, at the target point and at 1000× when run."""
    rows: list[dict] = []
    for p in points:
        if not (p.get("target") or p["label"] == "1000×"):
            continue

        def check(target: str, value, ok: bool | None, figure: str, label: str = p["label"]) -> None:
            verdict = "not run" if value is None else ("met" if ok else "missed")
            rows.append({"point": label, "target": target, "figure": figure if value is not None else "—",
                         "verdict": verdict})

        v = _get(p, "store", "total_s")
        check("documents → persisted store ≤ 30 s", v, v is not None and v <= TARGET_STORE_S, f"{v or 0:,.1f} s")
        v = _get(p, "store", "peak_rss_mib")
        check("  its peak RSS ≤ 2 GiB", v, v is not None and v <= TARGET_RSS_MIB, f"{v or 0:,.0f} MiB")
        v = _get(p, "reread", "total_s")
        check("one-document reload ≤ 1 s", v, v is not None and v <= TARGET_REREAD_S, f"{v or 0:,.2f} s")
        morph, ours = _get(p, "morph", "seconds"), _get(p, "policykg_subset", "total_s")
        if morph is not None or p.get("target"):
            check("materialisation at least as fast as Morph-KGC", ours,
                  ours is not None and morph is not None and ours <= morph, f"{ours or 0:.2f} s vs {morph or 0:.2f} s")
        for q, r in sorted((_get(p, "queries", "queries") or {}).items()):
            v = None if r.get("error") else r["median_s"]
            check(f"query {q} ≤ 1 s (defaults, store as built)", r.get("median_s"),
                  v is not None and v <= TARGET_QUERY_S,
                  f"{r['median_s'] or 0:,.2f} s" + (" (time-out)" if r.get("error") else f", {r['rows']:,} rows"))
        v = _get(p, "run", "total_s")
        check("policykg run ≤ 120 s", v, v is not None and v <= TARGET_RUN_S, f"{v or 0:,.0f} s")
        v = _run_memory(p)
        check("  its peak memory ≤ 4 GiB", v, v is not None and v <= TARGET_RUN_RSS_MIB, f"{v or 0:,.0f} MiB")
        v = _get(p, "run", "stages", "validate")
        check("  its validation ≤ 30 s", v, v is not None and v <= TARGET_VALIDATE_S, f"{v or 0:,.1f} s")
        v = _get(p, "validate", "total_s")
        check("validation of the store ≤ 30 s (same verdict as pySHACL)", v, v is not None and v <= TARGET_VALIDATE_S,
              f"{v or 0:,.1f} s, {_get(p, 'validate', 'violations')} violations")
        v = _get(p, "neo4j", "rows_per_s")
        check("neo4j push ≥ 5,000 rows/s (FalkorDB)", v, v is not None and v >= TARGET_PUSH_ROWS_S, f"{v or 0:,.0f} rows/s")
        v = _get(p, "serve", "p99_s")
        errors = _get(p, "serve", "errors")
        check("serve: 8 clients × 60 s, p99 ≤ 2 s, no errors", v,
              v is not None and v <= TARGET_SERVE_P99_S and not errors,
              f"p99 {v or 0:.2f} s, {errors} errors, {_get(p, 'serve', 'calls')} calls, server RSS peak "
              f"{_get(p, 'serve', 'server_rss_peak_mib') or 0:,.0f} MiB; with no kept answer p99 "
              f"{_get(p, 'serve', 'cold', 'p99_s') or 0:.2f} s, {_get(p, 'serve', 'cold', 'errors')} errors")
        if p["label"] == "1000×":
            failed = [name for name, r in p["stages"].items() if "error" in r]
            check("the 1000× point runs end to end", True, not failed,
                  "every stage ran" if not failed else "failed: " + ", ".join(failed))
    return rows


def status_table(rows: list[dict]) -> str:
    return _format(["point", "target", "measured", "verdict"],
                   [[r["point"], r["target"], r["figure"], r["verdict"]] for r in rows])


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def misses(points: list[dict]) -> list[str]:
    """Every target missed, with by how much."""
    out = []
    for p in points:
        for q, r in (_get(p, "queries", "queries") or {}).items():
            if r.get("error"):
                out.append(f"{p['label']}: query {q} did not finish: {r['error']} (≥ ×{r['median_s'] or 0:.0f})")
            elif r["median_s"] > TARGET_QUERY_S:
                out.append(f"{p['label']}: query {q} {r['median_s']:.2f} s > 1 s (×{r['median_s']:.1f})")
        if not p.get("target"):
            continue
        checks = [("documents → store", _get(p, "store", "total_s"), TARGET_STORE_S, "s"),
                  ("store peak RSS", _get(p, "store", "peak_rss_mib"), TARGET_RSS_MIB, "MiB"),
                  ("re-read one document", _get(p, "reread", "total_s"), TARGET_REREAD_S, "s"),
                  ("validation", _get(p, "validate", "total_s"), TARGET_VALIDATE_S, "s"),
                  ("policykg run", _get(p, "run", "total_s"), TARGET_RUN_S, "s"),
                  ("policykg run peak memory", _run_memory(p), TARGET_RUN_RSS_MIB, "MiB"),
                  ("serve p99", _get(p, "serve", "p99_s"), TARGET_SERVE_P99_S, "s")]
        push = _get(p, "neo4j", "rows_per_s")
        if push is not None and push < TARGET_PUSH_ROWS_S:
            out.append(f"{p['label']}: neo4j push {push:,.0f} rows/s < 5,000 rows/s (×{push / TARGET_PUSH_ROWS_S:.2f})")
        if _get(p, "serve", "errors"):
            out.append(f"{p['label']}: serve had {_get(p, 'serve', 'errors')} errors")
        for what, value, limit, unit in checks:
            if value is not None and value > limit:
                out.append(f"{p['label']}: {what} {value:,.2f} {unit} > {limit:,.0f} {unit} (×{value / limit:.2f})")
        morph, ours = _get(p, "morph", "seconds"), _get(p, "policykg_subset", "total_s")
        if morph is not None and ours is not None and ours > morph:
            out.append(f"{p['label']}: policykg rows → the same N-Triples {ours:.2f} s, slower than Morph-KGC "
                       f"{morph:.2f} s (×{ours / morph:.2f})")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="multiples of the samples (521 rows); 1000 is slow")
    parser.add_argument("--target-rows", type=int, default=150_000, help="rows of the target point; 0 to skip it")
    parser.add_argument("--no-compare", action="store_true", help="skip Morph-KGC / rdflib at the target point")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (median)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/policykg-bench"), help="scratch folder")
    parser.add_argument("--keep", action="store_true", help="keep corpora and stores in --work")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one stage may take")
    parser.add_argument("--push-timeout", type=float, default=900,
                        help="seconds the Neo4j push and the named Cypher queries after it may take")
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds one named query may take (all its runs)")
    parser.add_argument("--json", type=Path, default=Path("benchmark-results.json"), help="where to write the figures")
    parser.add_argument("--pyshacl", action="store_true",
                        help="also validate with pySHACL (slow) and check the report is the SPARQL engine's")
    parser.add_argument("--only", default=None, help="only these stages, comma-separated (e.g. serve,publish)")
    args = parser.parse_args(argv)
    global STAGES
    if args.pyshacl:
        STAGES = STAGES[:STAGES.index("validate") + 1] + ["validate_pyshacl"] + STAGES[STAGES.index("validate") + 1:]
    if args.only:
        wanted = {n.strip() for n in args.only.split(",")}
        wanted |= {"extract"} | ({"store"} & set(STAGES) if wanted & _NEED_STORE else set())  # what they read
        STAGES = [n for n in STAGES if n in wanted]
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    points = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        label = f"{size}×"
        points.append(run_point(label, None if size == 1 else SAMPLE_ROWS * size, args, compare=False))
    if args.target_rows:
        point = run_point(f"target {args.target_rows // 1000}k", args.target_rows, args, compare=not args.no_compare)
        point["target"] = True
        points.append(point)
    result = {"machine": machine(), "command": "python benchmarks/run_all.py " + " ".join(argv or sys.argv[1:]),
              "seconds": time.perf_counter() - started, "points": points, "misses": misses(points),
              "status": status(points)}
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    m = result["machine"]
    print(f"machine: {m.get('cores')} cores, {m.get('memory_gib')} GiB, {m.get('cpu')}; Python {m['python']}, "
          f"pyoxigraph {m.get('pyoxigraph')}, rdflib {m.get('rdflib')}")
    print(table(points))
    for p in points:
        if "morph" in p["stages"]:
            print()
            print(compare_table(p))
    for p in points:
        acc = _get(p, "extract", "accuracy")
        if acc and any(acc["miss_counts"].values()):
            print(f"\n{p['label']} extraction misses: " + ", ".join(f"{k} {v}" for k, v in acc["miss_counts"].items()))
    if result["status"]:
        print("\nstatus of the targets:")
        print(status_table(result["status"]))
    print("\ntargets missed:" if result["misses"] else "\nall targets met")
    for line in result["misses"]:
        print("  " + line)
    print(f"\n({result['seconds']:.0f} s; figures in {args.json})")


if __name__ == "__main__":
    main()
