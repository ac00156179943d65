"""Commands of the property-graph backend: ``neo4j push``, ``neo4j export`` and ``cypher``.

Connection options are shared: ``--uri`` / ``--user`` / ``--database`` with the
environment variables NEO4J_URI / NEO4J_USERNAME / NEO4J_DATABASE; the password
comes from NEO4J_PASSWORD only (never an option, so it stays out of shell
history and process lists) and is never printed. With no password the
connection is made without authentication (FalkorDB, or a Neo4j with auth off).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from policykg.cli import cli
from policykg.cli.common import (
    aliases_option,
    corpus_options,
    corrections_option,
    emit,
    load_input_corpus,
    output_options,
    parse_params,
    quiet_step,
    say,
)
from policykg.messages import get_language, render
from policykg.pipeline import Inputs, load_corpus_to_write, raise_if_left_out

__all__ = ["neo4j", "push", "export", "cypher", "bolt_options", "settings_from"]

def bolt_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--uri``, ``--user`` and ``--database`` (with their environment variables)."""
    func = click.option("--database", envvar="NEO4J_DATABASE", default=None, show_envvar=True,
                        help="Database name (default: the server's default database); over FalkorDB's Redis port "
                             "the graph (default falkordb).")(func)
    func = click.option("--user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True, show_envvar=True,
                        help="User name; the password is read from NEO4J_PASSWORD (none: no authentication).")(func)
    func = click.option("--uri", envvar="NEO4J_URI", default="bolt://127.0.0.1:7687", show_default=True,
                        show_envvar=True, help="Bolt address of a Neo4j 5 or FalkorDB server, or FalkorDB's Redis "
                                               "port as redis://HOST:PORT (much faster for a push).")(func)
    return func


def settings_from(uri: str, user: str, database: str | None) -> Any:
    """`BoltSettings` from the options and NEO4J_PASSWORD (an empty password counts as none)."""
    from policykg.graph.property.bolt import BoltSettings

    password = os.environ.get("NEO4J_PASSWORD") or None
    return BoltSettings(uri=uri, user=user, password=password, database=database or None)


@cli.group()
def neo4j() -> None:
    """Put the graph into Neo4j or FalkorDB over Bolt, or export it for offline loading.

    \b
    Example:
      NEO4J_PASSWORD=… policykg neo4j push --uri bolt://127.0.0.1:7687
      policykg neo4j export out/neo4j/
    """


@neo4j.command()
@corpus_options
@bolt_options
@click.option("--replace/--no-replace", default=True, show_default=True,
              help="Replace each document's measures, as `build` replaces its graph (measures no longer in "
                   "the document are deleted); --no-replace keeps them.")
def push(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None, uri: str,
         user: str, database: str | None, replace: bool) -> None:
    """Push documents (default: the samples) or a store into Neo4j / FalkorDB, one transaction per document.

    Each document's measures are replaced; pushing again creates no duplicates;
    indexes are created when missing. A document that cannot be read, or gives
    no task rows, is named and not pushed (what the server holds for it stays);
    the exit status is then 1.

    \b
    Example:
      NEO4J_PASSWORD=secret policykg neo4j push --uri bolt://127.0.0.1:7687 --database neo4j
      policykg neo4j push --store kg/ --uri redis://127.0.0.1:6379     # FalkorDB's Redis port
    """
    from policykg.graph.property.bolt import FALKORDB, open_connection
    from policykg.graph.property.neo4j_push import graph_counts, push_corpus

    corpus, left_out = load_corpus_to_write(Inputs(files, store, aliases, corrections), on_step=quiet_step)
    settings = settings_from(uri, user, database)
    with open_connection(settings) as conn:
        server = conn.dialect + (f" {conn.version}" if conn.version else "")
        say(render("neo4j_connected", uri=settings.uri, server=server))
        if conn.dialect == FALKORDB and conn.statement_budget is not None:
            say(render("neo4j_falkordb_over_bolt"))
        with click.progressbar(length=len(corpus.rows), label=render("neo4j_pushing"), file=sys.stderr,
                               show_pos=True) as bar:
            stats = push_corpus(conn, corpus, replace=replace, progress=lambda source, n: bar.update(n))
        if stats.indexes:
            say(render("neo4j_indexes", count=len(stats.indexes)))
        counts = graph_counts(conn)
    say(render("neo4j_pushed", documents=stats.documents, measures=stats.measures, statements=stats.statements,
                 seconds=stats.seconds, rate=stats.rows_per_second, nodes=counts["nodes"],
                 relationships=counts["relationships"]))
    raise_if_left_out(left_out)


@neo4j.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--doc", "files", multiple=True, type=click.Path(path_type=Path),
              help="A document to read instead of the samples (repeatable).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Read the graph from a store built by `policykg build` instead of documents.")
@corrections_option
@aliases_option
def export(directory: Path, files: tuple[Path, ...], store: Path | None, corrections: Path | None,
           aliases: Path | None) -> None:
    """Write CSV files for `neo4j-admin database import`, plus import.args and load.cypher, into DIRECTORY.

    \b
    Example:
      policykg neo4j export out/neo4j/
      cd out/neo4j && neo4j-admin database import full policykg @import.args
    """
    from policykg.graph.property.neo4j_export import export_csv

    corpus = load_input_corpus(files, store, quiet=True, aliases=aliases, corrections=corrections)
    result = export_csv(corpus, directory)
    say(render("neo4j_exported", nodes=len(result.nodes), relationships=len(result.relationships),
                 directory=directory))


@cli.command()
@click.argument("query", required=False)
@click.option("--list", "list_", is_flag=True, help="List the named Cypher queries with their parameters.")
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="A query parameter (repeatable); bound by the driver, never pasted into the query.")
@bolt_options
@output_options
def cypher(query: str | None, list_: bool, params: tuple[str, ...], uri: str, user: str, database: str | None,
           fmt: str) -> None:
    """Run a named Cypher query, or a read-only Cypher text, on a Neo4j / FalkorDB server.

    QUERY is a name from --list (same names and answers as `policykg query`) or
    Cypher text; in text, --param k=v is bound to $k as a string.

    \b
    Example:
      policykg cypher --list
      policykg cypher workload_per_agency --param jurisdiction=福清市 --format csv
      policykg cypher 'MATCH (m:Measure) RETURN count(m) AS measures'
    """
    from policykg.graph.property.bolt import open_connection
    from policykg.queries.cypher import (
        get_cypher_query,
        is_named,
        list_cypher_queries,
        run_cypher,
        run_named_cypher,
    )

    if list_:
        lang = get_language()
        records = [{"name": q.name, "title": q.title(lang),
                    "parameters": ", ".join(f"{p.name}={p.default}" for p in q.parameters)}
                   for q in list_cypher_queries()]
        emit(records, ["name", "title", "parameters"], fmt)
        return
    if not query:
        raise click.UsageError("Give a query NAME or Cypher text, or --list to see the names.")
    bound = parse_params(params)
    named = is_named(query)
    if not named and query.strip().isidentifier():
        get_cypher_query(query)  # raises QueryError naming the known queries
    with open_connection(settings_from(uri, user, database)) as conn:
        result = run_named_cypher(conn, query, bound) if named else run_cypher(conn, query, bound)
    emit(result.rows, result.columns, fmt)
