"""SHACL validation with the SPARQL engine: each query's time, and this code against a git revision's.

    python benchmarks/bench_validate.py STORE [--against REV] [--repeat N] [--queries] [--break SEED …]

STORE is a store built by `policykg build` (opened read-only: a shared store is never written).
With ``--against REV`` the validation of that revision (its graph/rdf/validate.py and
shapes_sparql.py, read with ``git show``) and this tree's run alternately, N times each, so that
both see the same load on a shared machine: each one's wall and CPU seconds (median), and whether
their reports are the same (verdict, and violations as sets and as sorted lists). The triple counts
are printed, not compared (a revision may count other graphs). ``--queries`` first times every query
of this tree's plan (`shapes_sparql._plan`) once, longest first, with the checks it runs.
``--break SEED …`` validates a copy of STORE (in ``--work``) without its summary graph and with every
constraint of the shapes broken once per seed (tests/graph/test_shapes_sparql.py's
`break_every_constraint`): a store that conforms proves little about equal reports.
Progress on stderr, figures on stdout.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

from pyoxigraph import NamedNode, Store

from policykg.graph.rdf import iris, shapes_sparql, validate

ROOT = Path(__file__).resolve().parents[1]


def broken_copy(store_dir: Path, work: Path, seeds: list[int]) -> Path:
    """A copy of the store without its summary graph, every constraint broken once per seed."""
    sys.path.insert(0, str(ROOT))
    from tests.graph.test_shapes_sparql import break_every_constraint

    copy = work / "broken-store"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store_dir, copy)
    store = Store(str(copy))
    store.remove_graph(NamedNode(iris.SUMMARY_GRAPH))
    for seed in seeds:
        print(f"breaking every constraint (seed {seed})", file=sys.stderr, flush=True)
        break_every_constraint(store, random.Random(seed))
    store.flush()
    del store
    return copy


def _module(name: str, source: str, work: Path) -> ModuleType:
    path = work / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def revision_validate(rev: str, work: Path) -> ModuleType:
    """The revision's validate module, importing the revision's shapes_sparql (not this tree's)."""
    def show(path: str) -> str:
        return subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout

    old_engine = _module("old_shapes_sparql", show("graph/rdf/shapes_sparql.py"), work)
    name = "policykg.graph.rdf.shapes_sparql"
    saved = sys.modules[name]
    sys.modules[name] = old_engine  # the revision's validate imports its engine by this name
    try:
        return _module("old_validate", show("graph/rdf/validate.py"), work)
    finally:
        sys.modules[name] = saved


def timed(func):
    wall, cpu = time.perf_counter(), time.process_time()
    out = func()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def time_queries(store: Store) -> None:
    plan = shapes_sparql._plan(validate._sparql_checks())
    rows = []
    for i, step in enumerate(plan, start=1):
        print(f"\rquery {i}/{len(plan)}", end="", file=sys.stderr, flush=True)
        checks = list(getattr(step, "checks", [step]))
        findings, wall, cpu = timed(lambda checks=checks: shapes_sparql.run_checks(store, checks))
        shape = ",".join(sorted({c.shape.rsplit("#", 1)[-1].removesuffix("Shape") for c in checks}))
        what = "+".join(c.component for c in checks)
        path = (checks[0].path or "-").strip("<>").rsplit("/", 1)[-1]
        rows.append((wall, cpu, shape, path, what, len(findings)))
    print(file=sys.stderr)
    print(f"{'wall s':>7} {'cpu s':>6}  {'shape(s)':34} {'path':28} {'checks':34} results")
    for wall, cpu, shape, path, what, n in sorted(rows, reverse=True):
        print(f"{wall:7.2f} {cpu:6.2f}  {shape[:34]:34} {path[:28]:28} {what[:34]:34} {n}")
    print(f"{sum(r[0] for r in rows):7.2f} {sum(r[1] for r in rows):6.2f}  all {len(plan)} queries "
          f"({len(validate._sparql_checks())} checks)")


def _report(report) -> tuple:
    return report.conforms, [v.to_dict() for v in report.violations]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--against", help="a git revision whose validation to run beside this tree's")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", action="store_true", help="time each query of this tree's plan")
    parser.add_argument("--break", dest="seeds", type=int, nargs="+", default=[],
                        help="validate a copy with every constraint broken once per seed")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_validate"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    store = Store.read_only(str(broken_copy(args.store, args.work, args.seeds) if args.seeds else args.store))
    if args.queries:
        time_queries(store)
    engines = {"this tree": validate}
    if args.against:
        engines = {args.against: revision_validate(args.against, args.work), **engines}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
    reports = {}
    for rep in range(args.repeat):
        for name, module in engines.items():
            print(f"run {rep + 1}/{args.repeat}: {name}", file=sys.stderr, flush=True)
            report, wall, cpu = timed(lambda module=module: module.validate_store(store, "zh"))
            times[name].append((wall, cpu))
            reports[name] = report
    for name, runs in times.items():
        report = reports[name]
        print(f"{name:>12}: wall {statistics.median(w for w, _ in runs):6.2f} s, cpu "
              f"{statistics.median(c for _, c in runs):6.2f} s (median of {len(runs)}; walls "
              f"{', '.join(f'{w:.2f}' for w, _ in runs)}), conforms {report.conforms}, "
              f"{len(report.violations)} violations, {report.triples:,} statements")
    if args.against:
        old, new = (_report(reports[name]) for name in engines)
        as_sets = {tuple(sorted(v.items())) for v in old[1]} == {tuple(sorted(v.items())) for v in new[1]}
        print(f"same verdict: {old[0] == new[0]}; same violations as sets: {as_sets}; as sorted lists: {old == new}")
        return 0 if old == new else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
