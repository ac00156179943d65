"""``policykg run``: the main job — every stage that exists, over the given documents.

Stages run in data-flow order, each writing into the output folder; the
command ends with a short summary and the paths it wrote. A stage is a
function ``(context) -> list of (label, path)``; stages of later issues are
added to `STAGES` as they arrive.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from policykg.cli import cli
from policykg.cli.common import corrections_option, lang_option, say
from policykg.cli.load_cmds import AGENCY_COLUMNS, read_inputs
from policykg.loaders_report import (
    EXTRACT_COLUMNS,
    REJECT_COLUMNS,
    reject_records,
    row_records,
    write_csv,
    write_jsonl,
)
from policykg.errors import PolicyKGError
from policykg.messages import get_language
from policykg.records import Corpus, LoadResult

__all__ = ["run", "RunContext", "STAGES"]


@dataclass
class RunContext:
    """What the stages share: the output folder, the documents read and the corpus."""

    out: Path
    results: list[LoadResult]
    corpus: Corpus
    extras: dict[str, object] = field(default_factory=dict)


def _stage_rows(ctx: RunContext) -> list[tuple[str, Path]]:
    rows = ctx.out / "rows.jsonl"
    with rows.open("w", encoding="utf-8") as stream:
        write_jsonl(row_records(ctx.corpus), EXTRACT_COLUMNS, stream)
    rows_csv = ctx.out / "rows.csv"
    with rows_csv.open("w", encoding="utf-8-sig", newline="") as stream:  # BOM: Excel/WPS open it as UTF-8
        write_csv(row_records(ctx.corpus), EXTRACT_COLUMNS, stream)
    rejects = ctx.out / "rejects.csv"
    with rejects.open("w", encoding="utf-8-sig", newline="") as stream:
        write_csv(reject_records(ctx.results), REJECT_COLUMNS, stream)
    return [("rows", rows), ("rows (CSV)", rows_csv), ("rejects", rejects)]


def _stage_agencies(ctx: RunContext) -> list[tuple[str, Path]]:
    from policykg.loaders.agencies import agency_summary

    path = ctx.out / "agencies.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        write_csv(agency_summary(ctx.corpus), AGENCY_COLUMNS, stream)
    return [("agencies", path)]


def _stage_store(ctx: RunContext) -> list[tuple[str, Path]]:
    """The RDF store: one named graph per document (rebuilt when it exists: documents replace their graphs).

    Compacted once built: the queries of this run and of the analyst afterwards read it faster.
    """
    from policykg.graph import build_store
    from policykg.graph.store import optimize_store

    path = ctx.out / "store"
    build_store(ctx.corpus, path)
    optimize_store(path)
    return [("store", path)]


def _stage_queries(ctx: RunContext) -> list[tuple[str, Path]]:
    """Every named query, run bare (its defaults), as CSV for Excel/WPS."""
    from policykg.graph import open_store
    from policykg.queries import list_queries, run_named

    folder = ctx.out / "queries"
    folder.mkdir(exist_ok=True)
    store = open_store(store_dir=ctx.out / "store")
    for query in list_queries():
        result = run_named(store, query.name, {})
        with (folder / f"{query.name}.csv").open("w", encoding="utf-8-sig", newline="") as stream:
            write_csv(result.rows, result.columns, stream)
    ctx.extras["store"] = store
    return [("queries", folder)]


def _stage_validate(ctx: RunContext) -> list[tuple[str, Path]]:
    """SHACL validation of the store; the report is written, violations are listed on stderr."""
    from policykg.cli.graph_cmds import validation_progress
    from policykg.graph.validate import validate_store

    report = validate_store(ctx.extras["store"], get_language(), progress=validation_progress)
    path = ctx.out / "validation.json"
    path.write_text(json.dumps({"conforms": report.conforms, "triples": report.triples,
                                "violations": [v.to_dict() for v in report.violations]},
                               ensure_ascii=False, indent=2), encoding="utf-8")
    for v in report.violations[:20]:
        say(f"  {v.focus}  {v.path}  {v.message}")
    return [("validation", path)]


def _stage_neo4j_export(ctx: RunContext) -> list[tuple[str, Path]]:
    """CSV files for `neo4j-admin database import` and a load.cypher: the property graph, offline."""
    from policykg.graph.neo4j_export import export_csv

    folder = ctx.out / "neo4j"
    export_csv(ctx.corpus, folder)
    return [("neo4j import", folder)]


def _stage_report(ctx: RunContext) -> list[tuple[str, Path]]:
    """The workload-per-agency report (Markdown, Excel, CSV), overdue counted as of today."""
    import datetime as _dt

    from policykg.visualizations.report import write_report

    folder = ctx.out / "report"
    _, written = write_report(ctx.corpus, folder, as_of=_dt.date.today().isoformat(), lang=get_language())
    return [("report", next(p for p in written if p.suffix == ".xlsx")), ("report (Markdown)", written[0])]


def _stage_viz(ctx: RunContext) -> list[tuple[str, Path]]:
    """The offline pictures: network, heatmap, timeline and the dashboard linking them."""
    from policykg.loaders.sectors import sector_label
    from policykg.visualizations.dashboard import write_views

    from policykg.visualizations.mpl_cjk import cjk_family

    folder = ctx.out / "viz"
    try:
        cjk_family()
        png = True
    except PolicyKGError as exc:  # no CJK font on this machine: the HTML views need none
        say(f"  viz: {exc}")
        png = False
    written = write_views(ctx.corpus, folder, lang=get_language(), sector_label=sector_label, png=png)
    return [("dashboard", written.paths["dashboard"])]


STAGES: list[tuple[str, Callable[[RunContext], list[tuple[str, Path]]]]] = [
    ("extract", _stage_rows),
    ("agencies", _stage_agencies),
    ("store", _stage_store),
    ("queries", _stage_queries),
    ("validate", _stage_validate),
    ("neo4j-export", _stage_neo4j_export),
    ("report", _stage_report),
    ("viz", _stage_viz),
]


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("policykg-out"),
              show_default=True, help="Folder for everything the job writes.")
@click.option("--encoding", default=None, help="Text encoding of the files (default: detected).")
@corrections_option
@lang_option
def run(files: tuple[Path, ...], out: Path, encoding: str | None) -> None:
    """Run every stage on the documents (default: the bundled samples).

    Reads the documents into rows, resolves agencies, and runs each later stage
    that exists, writing into the output folder; ends with a summary and the
    paths written.

    \b
    Example:
      policykg run -o out/
      policykg run plans/*.txt -o out/
      policykg run plans/ -o out/         # every document in the folder
    """
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    results, corpus = read_inputs(files, encoding)
    ctx = RunContext(out=out, results=results, corpus=corpus)
    written: list[tuple[str, Path]] = []
    for name, stage in STAGES:
        t0 = time.perf_counter()
        paths = stage(ctx)
        written.extend(paths)
        say(f"  {name}: {time.perf_counter() - t0:.2f}s")
    n_rows = len(corpus.rows)
    n_agencies = sum(1 for a in corpus.agencies.values() if a.kind == "agency")
    n_collectives = len(corpus.agencies) - n_agencies
    n_rejects = sum(len(r.rejects) for r in results)
    elapsed = time.perf_counter() - started
    if get_language() == "en":
        click.echo(f"{len(results)} documents, {n_rows} rows, {n_rejects} rejected, "
                   f"{n_agencies} agencies, {n_collectives} collectives ({elapsed:.1f}s)")
    else:
        click.echo(f"{len(results)} 份文件，{n_rows} 行任务，{n_rejects} 行未解析，"
                   f"{n_agencies} 个单位，{n_collectives} 个集合名称（{elapsed:.1f} 秒）")
    for label, path in written:
        click.echo(f"  {label}: {path}")
