"""Commands that ask the RDF graph questions: query (named queries) and sparql (any query text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from policykg.cli import cli
from policykg.cli.common import (
    aliases_option,
    corpus_options,
    corrections_option,
    emit,
    output_options,
    parse_params,
    quiet_step,
)
from policykg.errors import InputSelectionError
from policykg.messages import get_language
from policykg.pipeline import Inputs, open_graph

__all__ = ["query", "sparql"]


def _target(files: tuple[Path, ...], store: Path | None, endpoint: str | None, aliases: Path | None = None,
            corrections: Path | None = None) -> Any:
    if endpoint:
        if files or store is not None or aliases is not None or corrections is not None:
            raise InputSelectionError("inputs_endpoint_and_more")
        from policykg.queries import HttpEndpoint

        return HttpEndpoint(endpoint)
    return open_graph(Inputs(files, store, aliases, corrections), on_step=quiet_step)


_endpoint_option = click.option(
    "--endpoint", default=None, metavar="URL",
    help="Ask a SPARQL endpoint over HTTP instead (e.g. http://127.0.0.1:7878/query from `policykg serve`).",
)


@cli.command()
@click.argument("name", required=False)
@corpus_options
@click.option("--list", "list_", is_flag=True, help="List the named queries with their parameters.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A query parameter (repeatable).")
@_endpoint_option
@output_options
def query(name: str | None, files: tuple[Path, ...], store: Path | None, aliases: Path | None,
          corrections: Path | None, list_: bool, params: tuple[str, ...], endpoint: str | None, fmt: str) -> None:
    """Run a named SPARQL query; parameters are bound, never pasted into the query.

    Every parameter has a default, so each query also runs bare.

    \b
    Example:
      policykg query --list
      policykg query workload_per_agency --param jurisdiction=福清市 --format csv
      policykg query co_assignment_pairs --store kg/ --param min_shared=3
    """
    from policykg.queries import list_queries, run_named

    if list_:
        lang = get_language()
        records = [
            {"name": q.name, "title": q.title(lang),
             "parameters": ", ".join(f"{p.name}={p.default}" for p in q.parameters)}
            for q in list_queries()
        ]
        if fmt == "json":
            sys.stdout.write(json.dumps([q.to_dict() for q in list_queries()], ensure_ascii=False, indent=2) + "\n")
        else:
            emit(records, ["name", "title", "parameters"], fmt)
        return
    if not name:
        raise click.UsageError("Give a query NAME, or --list to see them.")
    result = run_named(_target(files, store, endpoint, aliases, corrections), name, parse_params(params))
    emit(result.rows, result.columns, fmt)


@cli.command()
@click.argument("text", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Read the graph from a store built by `policykg build` instead of documents.")
@click.option("--doc", "files", multiple=True, type=click.Path(path_type=Path),
              help="A document to read instead of the samples (repeatable).")
@aliases_option
@corrections_option
@_endpoint_option
@output_options
def sparql(text: str | None, query_file: Path | None, store: Path | None, files: tuple[Path, ...],
           aliases: Path | None, corrections: Path | None, endpoint: str | None, fmt: str) -> None:
    """Run a SPARQL query given as text or with -f FILE.rq (read-only; no SERVICE).

    The default graph is the union of the named graphs, so GRAPH is optional.
    The project's prefixes (pkg:, skos:, agency:, measure: …) are declared;
    tables show IRIs by their compact names, CSV and JSON in full. The text is
    parsed first: an update or a SERVICE anywhere is refused.

    \b
    Example:
      policykg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?m a pkg:Measure }'
      policykg sparql -f my.rq --store kg/ --format json
    """
    from policykg.queries import run_sparql

    if (text is None) == (query_file is None):
        raise click.UsageError("Give the query as TEXT or with -f FILE, one of the two.")
    if query_file is not None:
        text = query_file.read_text(encoding="utf-8")
    result = run_sparql(_target(files, store, endpoint, aliases, corrections), text)
    emit(result.rows, result.columns, fmt)
