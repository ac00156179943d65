"""Commands of the graph stage: build, export, validate, serve, publish."""

from __future__ import annotations

import datetime as _dt
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policykg.cli import cli
from policykg.cli.common import (
    CatalogueOption,
    as_of_option,
    corpus_options,
    emit,
    load_input_corpus,
    output_options,
    quiet_step,
    say,
    show_step,
)
from policykg.errors import BackendError, ValidationError
from policykg.messages import get_language, render
from policykg.pipeline import (
    Inputs,
    build_store_from_documents,
    open_graph,
    raise_if_left_out,
    read_aliases_file,
    read_corrections_file,
    validation_steps,
)

if TYPE_CHECKING:
    from pyoxigraph import Store

__all__ = ["build", "export", "validate", "serve", "publish"]

# Queries `serve` runs at once: one per core (oxigraph runs each query on one thread), at least two.
_DEFAULT_CONCURRENT = max(2, os.cpu_count() or 2)


def _open(files: tuple[Path, ...], store: Path | None, aliases: Path | None = None,
          corrections: Path | None = None) -> Store:
    return open_graph(Inputs(files, store, aliases, corrections), on_step=quiet_step)


@cli.command()
@corpus_options
@click.option("--optimize", is_flag=True,
              help="Compact the store after building it: a few seconds more, faster queries after (15–25 % at scale).")
def build(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None,
          optimize: bool) -> None:
    """Build the RDF graph of documents into an on-disk store (one named graph per document).

    With no FILES the bundled samples are read. Rebuilding replaces each
    document's named graph whole; graphs of other documents stay. A document
    that cannot be read, or gives no task rows, is named and not written (its
    graph stays as it was); the exit status is then 1. A store built with
    --aliases or --corrections keeps the file and rebuilds with it.

    \b
    Example:
      policykg build --store kg/            # the bundled samples
      policykg build a.txt b.docx --store kg/
      policykg build plans/ --store kg/ --optimize
      policykg build plans/ --store kg/ --aliases aliases.csv
      policykg build plans/ --store kg/ --corrections review.xlsx
    """
    if store is None:
        raise click.UsageError("Missing option '--store DIR': where to write the store.")
    # documents are read by worker processes while the store indexes those already read
    _, stats = build_store_from_documents(files, store, aliases=read_aliases_file(aliases, show_step),
                                          on_step=show_step, corrections=read_corrections_file(corrections, show_step))
    say(render("graph_built", documents=stats.documents, measures=stats.measures, quads=stats.quads,
                store=store, seconds=stats.seconds))
    if optimize:
        from policykg.graph.rdf.store import optimize_store

        say(render("graph_optimized", seconds=optimize_store(store)))
    raise_if_left_out(stats.left_out)


@cli.command()
@corpus_options
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld", "graphml", "gexf"]), default="trig",
              show_default=True, cls=CatalogueOption, help_key="help_export_format")
@click.option("--network", type=click.Choice(["agencies", "bipartite"]), default="agencies", show_default=True,
              cls=CatalogueOption, help_key="help_export_network")
@as_of_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")
def export(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None, fmt: str,
           network: str, as_of: _dt.datetime | None, output: Path | None) -> None:
    """Serialise the graph as Turtle, TriG, N-Quads or JSON-LD (rdflib), or the agency network as GraphML or GEXF.

    GraphML and GEXF (for Gephi, Cytoscape, yEd) hold the co-assignment network
    of agencies, or with --network bipartite the agency–measure graph, with
    every agency's metrics as attributes (overdue and due within 30 days
    counted against --as-of, default today).

    \b
    Example:
      policykg export --format ttl -o samples.ttl
      policykg export --store kg/ --format nq > kg.nq
      policykg export --store kg/ --format gexf -o agencies.gexf
      policykg export --format graphml --network bipartite -o measures.graphml
    """
    if fmt in ("graphml", "gexf"):
        from policykg.graph.analytics.exchange import agency_network, bipartite_network, write_network_file

        corpus = load_input_corpus(files, store, quiet=True, aliases=aliases, corrections=corrections)
        day = (as_of.date() if as_of else _dt.date.today()).isoformat()
        graph = (agency_network if network == "agencies" else bipartite_network)(corpus, as_of=day)
        if output is None:
            write_network_file(graph, sys.stdout.buffer, fmt)
        else:
            write_network_file(graph, output, fmt)
            say(render("graph_network_exported", fmt=fmt, path=output, nodes=graph.number_of_nodes(),
                       edges=graph.number_of_edges()))
        return
    from policykg.graph.rdf.export import export_store

    text = export_store(_open(files, store, aliases, corrections), fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        say(render("graph_exported", fmt=fmt, path=output))


@cli.command()
@corpus_options
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the shapes as queries on the store (fast); pyshacl: the reference validator.")
@output_options
def validate(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None,
             engine: str, fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit 1 when anything violates them.

    Each violation names the measure (source#seq) or agency, the property,
    the value and what to fix. The two engines give the same violations.

    \b
    Example:
      policykg validate --store kg/
      policykg --lang en validate a.txt --format json
      policykg validate --store kg/ --engine pyshacl
    """
    from policykg.graph.rdf.validate import validate_store

    report = validate_store(_open(files, store, aliases, corrections), get_language(),
                            progress=validation_steps(show_step), engine=engine)
    if report.conforms:
        say(render("graph_conforms", triples=report.triples))
        return
    emit([v.to_dict() for v in report.violations], ["focus", "path", "value", "message"], fmt)
    raise ValidationError("graph_violations", count=len(report.violations))


class _Stopped(Exception):
    """A signal asked `serve` to stop (SIGTERM, SIGHUP or SIGINT)."""


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Turn SIGTERM, SIGHUP and SIGINT into `_Stopped` in the main thread, once: a second signal
    during the cleanup that follows is ignored, so the cleanup finishes."""
    wanted = [signal.SIGTERM, signal.SIGINT] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])

    def on_signal(signum: int, frame: object) -> None:
        for sig in wanted:
            signal.signal(sig, signal.SIG_IGN)
        say(render("serve_signal", signal=signal.Signals(signum).name))
        raise _Stopped

    previous = {sig: signal.signal(sig, on_signal) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@cli.command()
@corpus_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=int, default=7878, show_default=True, help="Port to listen on.")
@click.option("--writable", is_flag=True, help="Accept SPARQL updates and Graph Store writes (read-only by default).")
@click.option("--timeout", "query_timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds a query may run (and may wait for a free slot) before it is stopped.")
@click.option("--max-concurrent", type=click.IntRange(min=1), default=_DEFAULT_CONCURRENT, show_default=True,
              help="Queries run at the same time; more wait for a slot.")
@click.option("--cache-mb", type=click.IntRange(min=0), default=64, show_default=True,
              help="MiB of answers kept and given again without running the query (0: none); "
                   "a write empties them.")
def serve(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None, host: str,
          port: int, writable: bool, query_timeout: float, max_concurrent: int, cache_mb: int) -> None:
    """Serve the graph as a SPARQL 1.1 endpoint with a query page that knows the named queries.

    The page (http://HOST:PORT/) lists the project's prefixes and the named
    queries with their parameters; /query takes any query with those prefixes
    declared. No query may call SERVICE (nothing is fetched from elsewhere),
    updates are refused unless --writable, and each query has --timeout
    seconds and one of --max-concurrent slots; answers already given are kept
    (--cache-mb) and given again at once. The `oxigraph` server behind it
    listens on a private 127.0.0.1 port. SIGTERM, SIGHUP and Ctrl-C stop both
    and remove a temporary store.

    With --store the built store is served (stop other users of the store
    first). With FILES, or neither, the documents are built into a temporary
    store that is removed when the server stops.

    \b
    Example:
      policykg serve --store kg/ --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { ?m a pkg:Measure }' \\
           http://127.0.0.1:7878/query
    """
    from policykg.graph.rdf.endpoint import Limits, SparqlFront
    from policykg.graph.rdf.query_page import query_page
    from policykg.graph.rdf.serve import start_server, stop_server
    from policykg.graph.rdf.store import require_store
    from policykg.queries import HttpEndpoint, run_named

    Inputs(files, store, aliases, corrections)  # refuses FILES with --store, and --aliases/--corrections with it
    limits = Limits(timeout=query_timeout, concurrent=max_concurrent, cache_bytes=cache_mb << 20)
    with _stopped_by_signals(), tempfile.TemporaryDirectory(prefix="policykg-serve-") as tmp:
        try:
            location = store
            if location is None:
                location = Path(tmp) / "store"
                say(render("serve_building", path=location))
                build_store_from_documents(files, location, aliases=read_aliases_file(aliases, show_step),
                                           on_step=quiet_step,
                                           corrections=read_corrections_file(corrections, show_step))
            else:
                require_store(location)
            server = start_server(location, host="127.0.0.1", writable=writable, query_timeout=limits.timeout)
            try:
                upstream = HttpEndpoint(server.query_url, timeout=limits.timeout + 5)

                def named(name: str, params: dict[str, str]) -> tuple[list[str], list[dict[str, Any]]]:
                    result = run_named(upstream, name, params)
                    return result.columns, result.rows

                front = SparqlFront(host, port, server.url, query_page(get_language()), named, limits, writable).start()
                try:
                    mode = (render("serve_writable", update=front.url + "/update", store=front.url + "/store")
                            if writable else render("serve_read_only"))
                    say(render("serve_started", query=front.url + "/query", url=front.url, mode=mode))
                    say(render("serve_limits", timeout=limits.timeout, concurrent=limits.concurrent,
                               body_kb=limits.body_bytes // 1024, cache_mb=limits.cache_bytes >> 20))
                    while server.process.poll() is None:
                        time.sleep(0.2)
                    raise BackendError("serve_child_died", status=server.process.returncode)
                finally:
                    front.stop()
            finally:
                stop_server(server)
                say(render("serve_stopped"))
        except _Stopped:
            pass


@cli.command()
@corpus_options
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph) "
                   "or http://host:3030/ds/data (Fuseki).")
def publish(files: tuple[Path, ...], store: Path | None, aliases: Path | None, corrections: Path | None,
            endpoint: str) -> None:
    """PUT every named graph to another triple store (SPARQL 1.1 Graph Store Protocol).

    Each graph replaces the graph of the same name there, so publishing again
    leaves the same data.

    \b
    Example:
      policykg publish --store kg/ --endpoint http://127.0.0.1:7878/store
    """
    from policykg.graph.rdf.publish import publish_store

    published = publish_store(_open(files, store, aliases, corrections), endpoint, progress=lambda p: say(
        render("publish_graph", graph=p.graph, triples=p.triples, status=p.status)))
    say(render("publish_done", graphs=len(published), triples=sum(p.triples for p in published), endpoint=endpoint))
