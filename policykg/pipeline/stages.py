"""``policykg run`` as a library: documents → store in one pass, then every stage's files, in data-flow order.

`run_stages` reads the documents, builds the store from them, and runs each
stage of `STAGES` into the output folder. A stage is a function
``(RunContext) -> list of (label key, path)``; to add one, write it here and
put it in `STAGES` at its place in the data flow. Progress (documents read,
stage times, validation parts, violations) goes to the ``on_step`` callback.

The stages that read only the finished store (`STORE_READERS`: the named
queries and validation) run in a process of their own
(`policykg.pipeline.store_readers`), beside those that read the corpus
(report, pictures …): at province scale each half takes about a minute, and
a machine has two cores or more. That process's steps are passed on when it
ends, and its error raised here. The stages that read only the rows
(`ROW_READERS`: rows, agencies, Neo4j CSVs, report, pictures) run in a child
forked once the documents are read (`policykg.pipeline.row_readers`), while this
process builds the store; the same files, in about four fifths of the time at
province scale.

One run writes one consistent output: the store holds exactly the documents of
the run (an earlier run's store is replaced once the new one is complete, and
said so), and every other output is made from the same documents. With
``append`` the documents are added to the store there instead, and every
output describes the whole store.
"""

from __future__ import annotations

import datetime as _dt
import json
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Store

from policykg.agency_count import count_agencies
from policykg.errors import PolicyKGError
from policykg.indicator_counting import IndicatorBasis
from policykg.loaders.aliases import ReviewedAliases
from policykg.loaders.indicator_corrections import Corrections
from policykg.loaders_report import (
    AGENCY_COLUMNS,
    EXTRACT_COLUMNS,
    REJECT_COLUMNS,
    reject_records,
    row_records,
    write_csv,
    write_jsonl,
)
from policykg.pipeline.inputs import (
    Reading,
    Step,
    StepCallback,
    build_store_from_loaded,
    ignore_steps,
    read_aliases_file,
    read_corrections_file,
    validation_steps,
)
from policykg.pipeline.kept_aliases import kept_aliases
from policykg.pipeline.kept_corrections import kept_corrections
from policykg.pipeline.row_readers import RowReaders, can_fork, start_row_readers
from policykg.records import Corpus, LoadResult

__all__ = ["RunContext", "RunResult", "ROW_READERS", "STAGES", "STORE_READERS", "run_stages"]


@dataclass
class RunContext:
    """What the stages share: the output folder, the documents read, their corpus and the store built.

    ``aliases`` are the reviewed agency names every stage reads the documents with, and
    ``corrections`` the corrected indicators they were read with (the store keeps both).
    """

    out: Path
    results: list[LoadResult]
    corpus: Corpus
    lang: str
    on_step: StepCallback = ignore_steps
    store: Store | None = None
    aliases: ReviewedAliases | None = None
    corrections: Corrections | None = None
    as_of: str = field(default_factory=lambda: _dt.date.today().isoformat())
    append: bool = False
    indicators: IndicatorBasis = "inferred"  # which indicators the report and the pictures count


@dataclass
class RunResult:
    """What a run read and wrote: counts, seconds, and (label key, path) of every output in stage order.

    The counts describe the outputs (with ``append``, the whole store); ``left_out``
    names the documents given that were not used (unreadable or without task rows).
    """

    documents: int
    rows: int
    rejects: int
    agencies: int
    collectives: int
    seconds: float
    as_of: str = ""
    written: list[tuple[str, Path]] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def _stage_rows(ctx: RunContext) -> list[tuple[str, Path]]:
    records = row_records(ctx.corpus)
    rows = ctx.out / "rows.jsonl"
    with rows.open("w", encoding="utf-8") as stream:
        write_jsonl(records, EXTRACT_COLUMNS, stream)
    rows_csv = ctx.out / "rows.csv"
    with rows_csv.open("w", encoding="utf-8-sig", newline="") as stream:  # BOM: Excel/WPS open it as UTF-8
        write_csv(records, EXTRACT_COLUMNS, stream)
    rejects = ctx.out / "rejects.csv"
    with rejects.open("w", encoding="utf-8-sig", newline="") as stream:
        write_csv(reject_records(ctx.results), REJECT_COLUMNS, stream)
    return [("run_out_rows", rows), ("run_out_rows_csv", rows_csv), ("run_out_rejects", rejects)]


def _stage_agencies(ctx: RunContext) -> list[tuple[str, Path]]:
    from policykg.loaders.agencies import agency_summary

    path = ctx.out / "agencies.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        write_csv(agency_summary(ctx.corpus), AGENCY_COLUMNS, stream)
    return [("run_out_agencies", path)]


def _stage_store(ctx: RunContext) -> list[tuple[str, Path]]:
    """The RDF store, one named graph per document: exactly the run's documents, or with ``append``
    the store there with the run's documents added (then every later stage describes the whole store).

    Compacted once built: the queries of this run and of the analyst afterwards read it faster.
    """
    from policykg.graph.rdf.rebuild import corpus_from_store
    from policykg.graph.rdf.store import is_new_store, open_store, optimize_store

    path = ctx.out / "store"
    earlier = [] if is_new_store(path) else _documents_in(path)
    documents = [r for r in ctx.results if r.rows]
    if ctx.append:
        if earlier:
            ctx.on_step(Step("run_appending", {"store": path, "documents": len(earlier)}))
        build_store_from_loaded(documents, path, aliases=ctx.aliases, on_step=ctx.on_step,
                                corrections=ctx.corrections)
    else:
        if earlier:
            ctx.on_step(Step("run_replacing", {"out": ctx.out, "documents": len(earlier)}))
            dropped = sorted(set(earlier) - {r.document.source for r in documents})
            if dropped:
                ctx.on_step(Step("run_replaced_dropped", {"count": len(dropped), "names": ", ".join(dropped)}))
        build_store_from_loaded(documents, path, aliases=ctx.aliases, on_step=ctx.on_step, replace=True,
                                corrections=ctx.corrections)
    optimize_store(path)
    ctx.store = open_store(path)
    if ctx.append and earlier:
        ctx.corpus = corpus_from_store(ctx.store)
    return [("run_out_store", path)]


def _documents_in(store_dir: Path) -> list[str]:
    """The source names of the documents an existing store holds (the store closed again before it is replaced)."""
    from policykg.graph.rdf.store import document_sources, open_store

    store = open_store(store_dir)
    try:
        return document_sources(store)
    finally:
        del store


def _stage_queries(ctx: RunContext) -> list[tuple[str, Path]]:
    """Every named query with its defaults, as CSV for Excel/WPS; a query that counts deadlines from
    a day (``as_of``) counts them from the run's, like the report and the views."""
    from policykg.queries import list_queries, run_named

    folder = ctx.out / "queries"
    folder.mkdir(exist_ok=True)
    for query in list_queries():
        params = {"as_of": ctx.as_of} if any(p.name == "as_of" for p in query.parameters) else {}
        result = run_named(_store(ctx), query.name, params)
        with (folder / f"{query.name}.csv").open("w", encoding="utf-8-sig", newline="") as stream:
            write_csv(result.rows, result.columns, stream)
    return [("run_out_queries", folder)]


def _store(ctx: RunContext) -> Store:
    if ctx.store is None:
        raise PolicyKGError("run_no_store")
    return ctx.store


def _stage_validate(ctx: RunContext) -> list[tuple[str, Path]]:
    """SHACL validation of the store; the report is written, the first violations reported as steps."""
    from policykg.graph.rdf.validate import validate_store

    report = validate_store(_store(ctx), ctx.lang, progress=validation_steps(ctx.on_step))
    path = ctx.out / "validation.json"
    path.write_text(json.dumps({"conforms": report.conforms, "triples": report.triples,
                                "violations": [v.to_dict() for v in report.violations]},
                               ensure_ascii=False, indent=2), encoding="utf-8")
    for v in report.violations[:20]:
        ctx.on_step(Step("run_violation", {"focus": v.focus, "path": v.path, "message": v.message}))
    return [("run_out_validation", path)]


def _stage_neo4j_export(ctx: RunContext) -> list[tuple[str, Path]]:
    """CSV files for `neo4j-admin database import` and a load.cypher: the property graph, offline."""
    from policykg.graph.property.neo4j_export import export_csv

    folder = ctx.out / "neo4j"
    export_csv(ctx.corpus, folder)
    return [("run_out_neo4j", folder)]


def _stage_report(ctx: RunContext) -> list[tuple[str, Path]]:
    """The workload-per-agency report (Markdown, Excel, CSV), deadlines counted as of the run's date."""
    from policykg.pipeline.names import display_names
    from policykg.visualizations.report import write_report

    folder = ctx.out / "report"
    _, written = write_report(ctx.corpus, folder, as_of=ctx.as_of, lang=ctx.lang, names=display_names(ctx.lang),
                              indicators=ctx.indicators)
    return [("run_out_report", next(p for p in written if p.suffix == ".xlsx")),
            ("run_out_report_markdown", written[0])]


def _stage_viz(ctx: RunContext) -> list[tuple[str, Path]]:
    """The offline pictures: network, heatmap, timeline and the dashboard linking them.

    Without a CJK font the PNG pictures are left out (reported); the HTML views need none.
    """
    from policykg.pipeline.names import display_names
    from policykg.visualizations.dashboard import write_views

    folder = ctx.out / "viz"
    written = write_views(ctx.corpus, folder, lang=ctx.lang, names=display_names(ctx.lang), as_of=ctx.as_of,
                          indicators=ctx.indicators,
                          on_png_skipped=lambda reason: ctx.on_step(Step("viz_png_skipped", {"reason": reason})))
    return [("run_out_dashboard", written.paths["dashboard"])]


Stage = Callable[[RunContext], list[tuple[str, Path]]]

STAGES: list[tuple[str, Stage]] = [
    ("store", _stage_store),
    ("extract", _stage_rows),
    ("agencies", _stage_agencies),
    ("queries", _stage_queries),
    ("validate", _stage_validate),
    ("neo4j-export", _stage_neo4j_export),
    ("report", _stage_report),
    ("viz", _stage_viz),
]

# stages that read nothing but the built store: run in a second process, beside the others
STORE_READERS = ("queries", "validate")
# stages that read nothing but the rows: run in a forked process while the store is built
# (`policykg.pipeline.row_readers`), unless they must describe a store the run adds to
ROW_READERS = ("extract", "agencies", "neo4j-export", "report", "viz")

# the order outputs are listed in: data-flow order, rows first
_LISTED = ("extract", "agencies", "store", "queries", "validate", "neo4j-export", "report", "viz")
# the folders of `out` a run writes whole (emptied first); its files are overwritten, its store replaced
_FOLDERS = ("queries", "neo4j", "report", "viz")


def _has_store(out: Path) -> bool:
    """Whether ``out`` holds a store already (a run that adds to it describes the whole store, read after)."""
    from policykg.errors import StoreError
    from policykg.graph.rdf.store import is_new_store

    try:
        return not is_new_store(out / "store")
    except StoreError:  # not a folder: the store stage says so
        return False


def _start_store_readers(out: Path, lang: str, as_of: str) -> subprocess.Popen:
    """`STORE_READERS` in a process of their own (`policykg.pipeline.store_readers`), started now."""
    return subprocess.Popen([sys.executable, "-m", "policykg.pipeline.store_readers", str(out), lang, as_of],
                            stdout=subprocess.PIPE)


def _finish_store_readers(process: subprocess.Popen) -> tuple[list[tuple[str, list[tuple[str, Path]], float]],
                                                              list[Step]]:
    """Wait for the store readers: their stages' files and seconds, and their steps; their error raised here."""
    answer, _ = process.communicate()
    if process.returncode != 0 or not answer:
        raise PolicyKGError("run_store_readers_failed", status=process.returncode)
    result = pickle.loads(answer)
    if result[0] == "failed":
        raise result[1]
    return result[1], result[2]


def run_stages(files: Sequence[Path], out: Path, lang: str, encoding: str | None = None,
               on_step: StepCallback = ignore_steps, aliases: Path | None = None,
               as_of: str | None = None, append: bool = False, corrections: Path | None = None,
               indicators: IndicatorBasis = "inferred") -> RunResult:
    """Read the documents (default: the samples) and run every stage into ``out``.

    Each stage reports ``run_stage_done`` with its seconds; the result lists
    every path written, in data-flow order. The outputs describe exactly these
    documents (an earlier run's output in ``out`` is replaced, reported as
    ``run_replacing``), or with ``append`` the store in ``out`` with these
    documents added. Agency names are read with the ``aliases`` file, or else
    with those ``out/store`` keeps from an earlier run (``aliases_kept``), so
    that every stage counts the same agencies; inferred indicators with the
    ``corrections`` table, or else those ``out/store`` keeps
    (``corrections_kept``). ``as_of`` (``YYYY-MM-DD``, default today) is the
    date the report and the pictures count deadlines against; ``indicators``
    which indicators they count (`policykg.indicator_counting`).

    Raises
    ------
    PolicyKGError
        Nothing could be read from any document (before anything is written), or a stage failed.
    """
    started = time.perf_counter()
    reviewed = read_aliases_file(aliases, on_step)
    if reviewed is None and (out / "store").is_dir():
        reviewed = kept_aliases(out / "store")
        if reviewed is not None:
            on_step(Step("aliases_kept", {"path": reviewed.source, "count": len(reviewed)}))
    fixes = read_corrections_file(corrections, on_step)
    if fixes is None and (out / "store").is_dir():
        fixes = kept_corrections(out / "store")
        if fixes is not None:
            on_step(Step("corrections_kept", {"path": fixes.path, "count": len(fixes)}))
    reading = Reading(files, encoding, on_step, corrections=fixes)
    corpus = reading.corpus(aliases=reviewed)
    out.mkdir(parents=True, exist_ok=True)
    for folder in _FOLDERS:  # an earlier run's files there would outlive this run (a picture, a query)
        shutil.rmtree(out / folder, ignore_errors=True)
    ctx = RunContext(out=out, results=reading.results, corpus=corpus, lang=lang, on_step=on_step, aliases=reviewed,
                     corrections=fixes, append=append, indicators=indicators)
    if as_of is not None:
        ctx.as_of = _dt.date.fromisoformat(as_of).isoformat()
    by_stage: dict[str, list[tuple[str, Path]]] = {}
    stage_seconds: dict[str, float] = {}
    beside: subprocess.Popen | None = None
    forked: RowReaders | None = None
    if not (append and _has_store(out)) and can_fork():
        forked = start_row_readers(ctx, [(name, stage) for name, stage in STAGES if name in ROW_READERS])
    try:
        for name, stage in STAGES:
            if forked is not None and name in ROW_READERS:
                continue
            if name in STORE_READERS:
                if beside is None:
                    ctx.store = None  # the store is written and compacted: the other process opens it to read
                    beside = _start_store_readers(out, lang, ctx.as_of)
                continue
            t0 = time.perf_counter()
            by_stage[name] = stage(ctx)
            stage_seconds[name] = time.perf_counter() - t0
            on_step(Step("run_stage_done", {"stage": name, "seconds": stage_seconds[name]}))
        finished = []
        if forked is not None:
            finished.append(forked.finish())
            forked = None
        if beside is not None:
            finished.append(_finish_store_readers(beside))
            beside = None
    except BaseException:
        if forked is not None:
            forked.kill()
        if beside is not None:
            beside.kill()
            beside.wait()
        raise
    for done, steps in finished:
        for step in steps:
            on_step(step)
        for name, written, seconds in done:
            by_stage[name], stage_seconds[name] = written, seconds
            on_step(Step("run_stage_done", {"stage": name, "seconds": seconds}))
    corpus = ctx.corpus
    counted = count_agencies(corpus)
    return RunResult(
        documents=len(corpus.documents), rows=len(corpus.rows), rejects=sum(len(r.rejects) for r in ctx.results),
        agencies=counted.agencies, collectives=counted.collectives,
        seconds=time.perf_counter() - started, as_of=ctx.as_of,
        written=[item for name in _LISTED for item in by_stage[name]], stage_seconds=stage_seconds,
        left_out=reading.left_out,
    )
