"""Side by side with Morph-KGC: the same rows as CSV, an RML mapping, N-Triples from both tools.

Morph-KGC pins old pyoxigraph and rdflib (pitfalls.md), so it runs in its own
virtual environment, made on first use under ``~/.cache/policykg-bench`` and
reused after (``python -m venv`` + ``pip install morph-kgc``); the test suite
never needs it.

The mapping (``benchmarks/rml/policykg.rml.ttl``) covers the measure core of
policykg's graph, the part every named query walks:

==========================  ==========================================
measure IRI                 ``a pkg:Measure``
``dcterms:identifier``      ``source#seq`` (`policykg.identities`)
``pkg:document``            the document IRI
``pkg:seq``                 the row number as printed
``pkg:measureText``         the measure text
``pkg:sourceLine``          the source line (xsd:integer)
``pkg:addressesIndicator``  the indicator IRI (when canonical)
``pkg:dueDate``             the deadline (xsd:date) when a date
``pkg:deadlineKind``        pkg:ongoing / pkg:conditional
``pkg:leadUnit``            one triple per lead agency
``pkg:responsibleUnit``     one triple per responsible agency
==========================  ==========================================

Not mapped: document facts, agency, indicator, jurisdiction and sector
descriptions, the raw cells (indicator_raw, item, lead/responsible names,
deadline_raw, remark, warnings) and the named graphs. IRIs are written into the
CSV already minted by `policykg.graph.rdf.iris` (percent-encoded keys) and used
with ``rr:termType rr:IRI``: an R2RML template would keep the Chinese
characters of a key unescaped (IRI-safe) and so mint other IRIs than policykg.
"""

from __future__ import annotations

import csv
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["MAPPING", "WORKLOAD_QUERY", "VENV", "ensure_venv", "write_rml_input", "run_morph_kgc",
           "write_policykg_subset", "compare_ntriples", "SUBSET_PREDICATES"]

MAPPING = Path(__file__).resolve().parent / "rml" / "policykg.rml.ttl"
CACHE = Path(os.environ.get("POLICYKG_BENCH_CACHE", Path.home() / ".cache" / "policykg-bench"))
VENV = CACHE / "morph-venv"
PKG = "https://w3id.org/policykg/ontology#"
SUBSET_PREDICATES = frozenset({
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://purl.org/dc/terms/identifier",
    PKG + "document", PKG + "seq", PKG + "measureText", PKG + "sourceLine", PKG + "addressesIndicator",
    PKG + "dueDate", PKG + "deadlineKind", PKG + "leadUnit", PKG + "responsibleUnit",
})
# The workload question on the mapped subset (a GROUP BY over every lead / responsible edge), as in
# queries/workload_per_agency.rq without the agency labels the subset does not carry.
WORKLOAD_QUERY = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
SELECT ?agency (COUNT(DISTINCT ?leadMeasure) AS ?lead_count)
       (COUNT(DISTINCT ?responsibleMeasure) AS ?responsible_count) (COUNT(DISTINCT ?m) AS ?measure_count)
WHERE {
  { ?m pkg:leadUnit ?agency . BIND(?m AS ?leadMeasure) }
  UNION
  { ?m pkg:responsibleUnit ?agency . BIND(?m AS ?responsibleMeasure) }
}
GROUP BY ?agency
ORDER BY DESC(?lead_count) DESC(?measure_count) ?agency
"""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def ensure_venv() -> tuple[Path, float]:
    """The virtual environment's python with morph-kgc, made when missing; (python, seconds spent making it)."""
    python = VENV / "bin" / "python"
    if python.exists() and subprocess.run([str(python), "-c", "import morph_kgc"], capture_output=True).returncode == 0:
        return python, 0.0
    t0 = time.perf_counter()
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "morph-kgc"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return python, time.perf_counter() - t0


def write_rml_input(corpus, folder: Path) -> dict:
    """measures.csv, leads.csv and responsible.csv: the rows the builder gets, IRIs minted by policykg."""
    from policykg.graph.rdf import iris
    from policykg.identities import measure_keys

    folder.mkdir(parents=True, exist_ok=True)
    counts = {"measures": 0, "leads": 0, "responsible": 0}
    kinds = {"ongoing": PKG + "ongoing", "conditional": PKG + "conditional"}
    with (folder / "measures.csv").open("w", newline="", encoding="utf-8") as fm, \
         (folder / "leads.csv").open("w", newline="", encoding="utf-8") as fl, \
         (folder / "responsible.csv").open("w", newline="", encoding="utf-8") as fr:
        measures, leads, resp = csv.writer(fm), csv.writer(fl), csv.writer(fr)
        measures.writerow(["measure", "identifier", "document", "seq", "text", "line", "indicator", "due_date",
                           "deadline_kind"])
        leads.writerow(["measure", "agency"])
        resp.writerow(["measure", "agency"])
        by_source: dict[str, list] = {}
        for row in corpus.rows:
            by_source.setdefault(row.source, []).append(row)
        keyed = [(row, key) for rows in by_source.values() for row, key in zip(rows, measure_keys(rows))]
        for row, key in keyed:
            m = iris.measure_iri(row.source, key)
            deadline = row.deadline or ""
            measures.writerow([
                m, iris.measure_id(row.source, key), iris.document_iri(row.source), row.seq, row.measure,
                row.line, iris.indicator_iri(row.indicator) if row.indicator else "",
                deadline if _DATE.match(deadline) else "", kinds.get(deadline, ""),
            ])
            counts["measures"] += 1
            for agency in corpus.lead_ids(row):
                leads.writerow([m, iris.agency_iri(agency)])
                counts["leads"] += 1
            for agency in corpus.responsible_ids(row):
                resp.writerow([m, iris.agency_iri(agency)])
                counts["responsible"] += 1
    return counts


def run_morph_kgc(folder: Path, output: Path) -> dict:
    """Run Morph-KGC (its own venv, default settings) on the CSVs in ``folder``; time, peak RSS, triples."""
    python, venv_s = ensure_venv()
    config = folder / "morph.ini"
    config.write_text(
        "[CONFIGURATION]\n"
        f"output_file = {output}\n"
        "output_format = N-TRIPLES\n"
        "logging_level = WARNING\n\n"
        "[DataSource1]\n"
        f"mappings = {MAPPING}\n",
        encoding="utf-8",
    )
    output.unlink(missing_ok=True)
    version = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('morph-kgc'))"],
                             capture_output=True, text=True).stdout.strip()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    # cwd = the CSV folder: the mapping's rml:source names are relative to it
    proc = subprocess.run([str(python), "-m", "morph_kgc", str(config)], cwd=folder, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        return {"skipped": f"morph-kgc failed (exit {proc.returncode}): {proc.stderr[-800:]}"}
    with output.open("rb") as f:
        triples = sum(1 for _ in f)
    return {"seconds": seconds, "triples": triples, "triples_per_s": triples / seconds,
            "peak_rss_mib": round(max(peak, before) / 1024, 1), "venv_setup_s": venv_s, "morph_kgc": version,
            "nt_bytes": output.stat().st_size}


def write_policykg_subset(corpus, output: Path) -> dict:
    """policykg's builder on the same rows, the mapping's subset of its quads written as N-Triples.

    The builder's own fast path (N-Quads text, `NQUADS_TERMS`, what `build_store` loads):
    it makes *every* quad of the graph, and the lines of the subset are kept (graph term
    dropped) as they stream by — so this does more work than the RML mapping asks for.
    """
    from policykg.graph import build_graphs
    from policykg.graph.rdf.nquads import NQUADS_TERMS, escape_iri

    predicates = {escape_iri(p) for p in SUBSET_PREDICATES}
    rdf_type = escape_iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    measure_type = escape_iri(PKG + "Measure")
    measure_prefix = escape_iri("https://w3id.org/policykg/id/measure/")[:-1]
    quads = triples = 0
    t0 = time.perf_counter()
    with output.open("w", encoding="utf-8") as out:
        for part in build_graphs(corpus, NQUADS_TERMS):
            quads += len(part.quads)
            kept = []
            for line in part.quads:
                subject, predicate, rest = line.split(" ", 2)
                if predicate in predicates and subject.startswith(measure_prefix):
                    obj = rest[:-3].rsplit(" ", 1)[0]  # "o <g> .\n" → "o" (an IRI has no space)
                    if predicate != rdf_type or obj == measure_type:
                        kept.append(f"{subject} {predicate} {obj} .\n")
            out.writelines(kept)
            triples += len(kept)
    total = time.perf_counter() - t0
    return {"quads": quads, "subset_triples": triples, "total_s": total, "nt_bytes": output.stat().st_size}


def compare_ntriples(a: Path, b: Path) -> dict:
    """Parse two N-Triples files with pyoxigraph and compare them as sets of triples."""
    from pyoxigraph import RdfFormat, parse

    def triples(path: Path) -> set[int]:
        return {hash(str(t)) for t in parse(path=str(path), format=RdfFormat.N_TRIPLES)}

    if not a.exists() or not b.exists():
        return {"skipped": f"missing {a if not a.exists() else b}"}
    ta, tb = triples(a), triples(b)
    return {"same": ta == tb, "only_morph": len(ta - tb), "only_policykg": len(tb - ta), "common": len(ta & tb)}
