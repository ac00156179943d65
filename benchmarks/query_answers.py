"""Save the named queries' answers on a store, and compare two saved sets (old queries vs new ones).

    python benchmarks/query_answers.py save --store kg/ -o new.json                     # this checkout's queries
    python benchmarks/query_answers.py save --store old-kg/ --queries old/queries -o old.json
    python benchmarks/query_answers.py compare old.json new.json

``save`` runs every case of `CASES` whose query exists in ``--queries`` (a folder of ``.rq`` files,
default: the installed library), on the store opened read-only, with the runner of this checkout
(parameters bound the same way), and writes ``{case key: [rows as lists]}`` with the seconds each
took. ``compare`` pairs the cases whose answers must be equal — the same question asked of the
old library and the new one, with the parameters that give the old scope where a default changed
on purpose (the bounded defaults of issue 16) — and prints one line per pair. Exit status 1 when
any pair differs. Progress on stderr, the comparison on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from pyoxigraph import Store

from policykg.queries.catalogue import JOIN_SEPARATOR, RAW_SEPARATOR, NamedQuery, apply_limit, parse_header
from policykg.queries.sparql import EmbeddedStore, _term

# (old query, old parameters) ≡ (new query, new parameters). PLACE is a place with no place under it
# (`--place`; 泗阳县 in the generated corpus of `--seed 1`, 福清市 in the samples), where the old exact
# match and the new roll-up select the same documents; AGENCY an agency id (`--agency`).
PAIRS: list[tuple[tuple[str, dict], tuple[str, dict]]] = [
    (("workload_per_agency", {}), ("workload_per_agency", {"limit": "0"})),
    (("workload_per_agency", {"jurisdiction": "PLACE"}), ("workload_per_agency", {"jurisdiction": "PLACE", "limit": "0"})),
    (("workload_per_agency", {"sector": "市场监管"}), ("workload_per_agency", {"sector": "市场监管", "limit": "0"})),
    (("cross_cutting_ranking", {}), ("cross_cutting_ranking", {})),
    (("cross_cutting_ranking", {"limit": "100000"}), ("cross_cutting_ranking", {"limit": "0"})),
    (("cross_cutting_ranking", {"jurisdiction": "PLACE"}), ("cross_cutting_ranking", {"jurisdiction": "PLACE"})),
    (("agencies_per_indicator", {}), ("agencies_per_indicator", {})),
    (("agencies_per_indicator", {"jurisdiction": "PLACE"}), ("agencies_per_indicator", {"jurisdiction": "PLACE"})),
    (("co_assignment_pairs", {}), ("co_assignment_pairs", {"limit": "0"})),
    (("co_assignment_pairs", {"min_shared": "5"}), ("co_assignment_pairs", {"limit": "0", "min_shared": "5"})),
    (("co_assignment_pairs", {"jurisdiction": "PLACE", "min_shared": "1"}),
     ("co_assignment_pairs", {"limit": "0", "min_shared": "1", "jurisdiction": "PLACE"})),
    (("measures_due_in_period", {}), ("measures_due_in_period", {"start": "1900-01-01", "end": "2100-12-31"})),
    (("measures_due_in_period", {"start": "2021-01-01", "end": "2021-06-30"}),
     ("measures_due_in_period", {"start": "2021-01-01", "end": "2021-06-30"})),
    (("measures_without_lead", {}), ("measures_without_lead", {})),
    (("measures_without_lead", {"jurisdiction": "PLACE"}), ("measures_without_lead", {"jurisdiction": "PLACE"})),
    (("sector_across_jurisdictions", {}), ("sector_across_jurisdictions", {})),
    (("sector_across_jurisdictions", {"sector": "税务"}), ("sector_across_jurisdictions", {"sector": "税务"})),
    (("agency_portfolio", {}), ("agency_portfolio", {})),
    (("agency_portfolio", {"agency": "AGENCY"}), ("agency_portfolio", {"agency": "AGENCY"})),
    (("dependencies", {}), ("dependencies", {})),
    (("dependencies", {"limit": "1000000"}), ("dependencies", {"limit": "0"})),
    (("dependencies", {"indicator": "开办企业"}), ("dependencies", {"indicator": "开办企业"})),
    (("dependencies", {"jurisdiction": "PLACE", "limit": "1000000"}),
     ("dependencies", {"jurisdiction": "PLACE", "limit": "0"})),
]


def _key(name: str, params: dict) -> str:
    return name + json.dumps(params, ensure_ascii=False, sort_keys=True)


def pairs(place: str, agency: str) -> list[tuple[tuple[str, dict], tuple[str, dict]]]:
    """`PAIRS` with PLACE and AGENCY filled in."""
    fill = {"PLACE": place, "AGENCY": agency}
    return [tuple((name, {k: fill.get(v, v) for k, v in params.items()}) for name, params in pair)  # type: ignore[misc]
            for pair in PAIRS]


def load_library(folder: Path | None) -> dict[str, NamedQuery]:
    """The named queries of ``folder`` (``NAME.rq`` files), or of the installed library."""
    if folder is None:
        from policykg.queries import list_queries

        return {q.name: q for q in list_queries()}
    return {p.stem: parse_header(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))}


def answer(store: Store, query: NamedQuery, params: dict) -> list[list]:
    """The rows of ``query`` with ``params``, as the runner gives them (no place check: an old library
    had none), as lists in column order."""
    values = query.bind(params)
    bindings = {p.variable: _term(values[p.name], p.type) for p in query.parameters}
    _, rows = EmbeddedStore(store).select(query.text, bindings)
    for column in query.sorted_join:
        for row in rows:
            row[column] = JOIN_SEPARATOR.join(sorted(x for x in (row.get(column) or "").split(RAW_SEPARATOR) if x))
    if query.limit is not None:
        rows = apply_limit(rows, values[query.limit])
    return [[row.get(c) for c in query.columns] for row in rows]


def save(args: argparse.Namespace) -> int:
    library = load_library(args.queries)
    store = Store.read_only(str(args.store))
    out: dict[str, dict] = {}
    cases = {_key(*side): side for pair in pairs(args.place, args.agency) for side in pair if side[0] in library}
    for key, (name, params) in cases.items():
        try:
            query = library[name]
            query.bind(params)
        except Exception:  # a parameter this library does not have: not its case
            continue
        start = time.perf_counter()
        rows = answer(store, query, params)
        seconds = time.perf_counter() - start
        out[key] = {"seconds": seconds, "rows": rows}
        print(f"{seconds:8.3f} s {len(rows):8,} rows  {key}", file=sys.stderr, flush=True)
    args.output.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


def compare(args: argparse.Namespace) -> int:
    old = json.loads(args.old.read_text(encoding="utf-8"))
    new = json.loads(args.new.read_text(encoding="utf-8"))
    differ = 0
    for before, after in pairs(args.place, args.agency):
        a, b = old.get(_key(*before)), new.get(_key(*after))
        if a is None or b is None:
            print(f"missing   {_key(*before)} → {_key(*after)}")
            continue
        same = a["rows"] == b["rows"]
        differ += not same
        print(f"{'equal' if same else 'DIFFER':9s} {len(a['rows']):8,} rows  {a['seconds']:7.2f} s → "
              f"{b['seconds']:6.2f} s  {_key(*before)} → {_key(*after)}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save", help="run the cases on a store, write their answers")
    s.add_argument("--store", type=Path, required=True)
    s.add_argument("--queries", type=Path, default=None, help="a folder of .rq files (default: this checkout's)")
    s.add_argument("-o", "--output", type=Path, required=True)
    c = sub.add_parser("compare", help="compare the answers of the old and the new library, pair by pair")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    for command in (s, c):
        command.add_argument("--place", default="泗阳县", help="a place with no place under it")
        command.add_argument("--agency", default="370600/市场监督管理局", help="an agency id")
    args = parser.parse_args(argv)
    return save(args) if args.command == "save" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
