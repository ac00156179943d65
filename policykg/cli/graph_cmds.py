"""Commands of the graph stage: build, export, validate, serve, publish."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from policykg.cli import cli
from policykg.cli.common import corpus_options, emit, input_paths, output_options, say
from policykg.errors import StoreError, ValidationError
from policykg.messages import CATALOGUE, get_language, register

__all__ = ["build", "export", "validate", "serve", "publish", "message", "validation_progress"]

register({
    "graph_document_written": {"zh": "{source}：{measures} 条措施", "en": "{source}: {measures} measures"},
    "graph_built": {"zh": "已写入 {documents} 份文件、{measures} 条措施、{quads} 个四元组 → {store}（{seconds:.2f} 秒）",
                    "en": "wrote {documents} documents, {measures} measures, {quads} quads → {store} ({seconds:.2f} s)"},
    "graph_conforms": {"zh": "图符合约束：{triples} 个三元组，无违规",
                       "en": "the graph conforms to the shapes: {triples} triples, no violations"},
    "graph_violations": {"zh": "图不符合约束：{count} 处违规（见上表）",
                         "en": "the graph does not conform: {count} violations (see the table above)"},
    "graph_optimized": {"zh": "已压缩存储（{seconds:.2f} 秒）", "en": "store compacted ({seconds:.2f} s)"},
    "graph_validating": {"zh": "SHACL 校验：第 {done}/{total} 部分", "en": "SHACL validation: part {done}/{total}"},
    "graph_exported": {"zh": "已导出 {fmt} → {path}", "en": "exported {fmt} → {path}"},
    "serve_building": {"zh": "正在把文件构建到临时库 {path}", "en": "building the documents into a temporary store at {path}"},
    "serve_started": {"zh": "SPARQL 端点：{query}（查询页 {url}/，{mode}）。按 Ctrl-C 停止。",
                      "en": "SPARQL endpoint: {query} (query page {url}/, {mode}). Press Ctrl-C to stop."},
    "serve_read_only": {"zh": "只读", "en": "read-only"},
    "serve_writable": {"zh": "可写：更新 {update}，图存储 {store}", "en": "writable: update {update}, graph store {store}"},
    "serve_stopped": {"zh": "服务已停止", "en": "server stopped"},
    "publish_graph": {"zh": "<{graph}>：{triples} 个三元组（HTTP {status}）",
                      "en": "<{graph}>: {triples} triples (HTTP {status})"},
    "publish_done": {"zh": "已发布 {graphs} 个命名图、{triples} 个三元组 → {endpoint}",
                     "en": "published {graphs} named graphs, {triples} triples → {endpoint}"},
})


def message(code: str, **values) -> str:
    """A catalogue message with named values, in the current language."""
    entry = CATALOGUE[code]
    return (entry.get(get_language()) or entry["zh"]).format(**values)


def validation_progress(done: int, total: int) -> None:
    """A line per checked part on stderr, for a store big enough to be checked in several batches."""
    if total > 2:
        say(message("graph_validating", done=done, total=total))


def _open(files, store):
    from policykg.graph import open_store

    return open_store(list(files), store)


@cli.command()
@corpus_options
@click.option("--optimize", is_flag=True,
              help="Compact the store after building it: a few seconds more, faster queries after (15–25 % at scale).")
def build(files: tuple[Path, ...], store: Path | None, optimize: bool) -> None:
    """Build the RDF graph of documents into an on-disk store (one named graph per document).

    With no FILES the bundled samples are read. Rebuilding replaces each
    document's named graph whole; graphs of other documents stay.

    \b
    Example:
      policykg build --store kg/            # the bundled samples
      policykg build a.txt b.docx --store kg/
      policykg build plans/ --store kg/ --optimize
    """
    from policykg.errors import InputError
    from policykg.graph.pipeline import build_store_from_documents

    if store is None:
        raise click.UsageError("Missing option '--store DIR': where to write the store.")
    paths = input_paths(files)
    for path in paths:
        if not Path(path).exists():
            raise InputError(f"{path}: file not found")
    # documents are read by worker processes while the store indexes those already read
    _, stats = build_store_from_documents(paths, store, progress=lambda source, measures, quads: say(
        message("graph_document_written", source=source, measures=measures)))
    say(message("graph_built", documents=stats.documents, measures=stats.measures, quads=stats.quads,
                store=store, seconds=stats.seconds))
    if optimize:
        from policykg.graph.store import optimize_store

        say(message("graph_optimized", seconds=optimize_store(store)))


@cli.command()
@corpus_options
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld"]), default="trig",
              show_default=True, help="Serialisation: Turtle (graphs merged), TriG, N-Quads or JSON-LD.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")
def export(files: tuple[Path, ...], store: Path | None, fmt: str, output: Path | None) -> None:
    """Serialise the graph as Turtle, TriG, N-Quads or JSON-LD (with rdflib).

    \b
    Example:
      policykg export --format ttl -o samples.ttl
      policykg export --store kg/ --format nq > kg.nq
    """
    from policykg.graph.export import export_store

    text = export_store(_open(files, store), fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        say(message("graph_exported", fmt=fmt, path=output))


@cli.command()
@corpus_options
@output_options
def validate(files: tuple[Path, ...], store: Path | None, fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit 1 when anything violates them.

    Each violation names the measure (source#Lline) or agency, the property,
    the value and what to fix.

    \b
    Example:
      policykg validate --store kg/
      policykg --lang en validate a.txt --format json
    """
    from policykg.graph.validate import validate_store

    report = validate_store(_open(files, store), get_language(), progress=validation_progress)
    if report.conforms:
        say(message("graph_conforms", triples=report.triples))
        return
    emit([v.to_dict() for v in report.violations], ["focus", "path", "value", "message"], fmt)
    raise ValidationError(message("graph_violations", count=len(report.violations)))


@cli.command()
@corpus_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=int, default=7878, show_default=True, help="Port to listen on.")
@click.option("--writable", is_flag=True, help="Accept SPARQL updates and Graph Store writes (read-only by default).")
def serve(files: tuple[Path, ...], store: Path | None, host: str, port: int, writable: bool) -> None:
    """Serve the graph as a SPARQL 1.1 endpoint with the `oxigraph` server and its query page.

    With --store the built store is served (read-only unless --writable; stop
    other users of the store first). With FILES, or neither, the documents are
    built into a temporary store that is removed when the server stops.

    \b
    Example:
      policykg serve --store kg/ --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' \\
           http://127.0.0.1:7878/query
    """
    from policykg.graph import build_store, load_corpus_files
    from policykg.graph.serve import start_server, stop_server

    if files and store is not None:
        raise StoreError("give FILES or --store, not both")
    with tempfile.TemporaryDirectory(prefix="policykg-serve-") as tmp:
        location = store
        if location is None:
            location = Path(tmp) / "store"
            say(message("serve_building", path=location))
            build_store(load_corpus_files(input_paths(files)), location)
        elif not location.is_dir() or not any(location.iterdir()):
            raise StoreError(f"{location}: no store here; build one with `policykg build --store {location}`")
        server = start_server(location, host=host, port=port, writable=writable)
        try:
            mode = (message("serve_writable", update=server.update_url, store=server.store_url)
                    if writable else message("serve_read_only"))
            say(message("serve_started", query=server.query_url, url=server.url, mode=mode))
            server.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            stop_server(server)
            say(message("serve_stopped"))


@cli.command()
@corpus_options
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph) "
                   "or http://host:3030/ds/data (Fuseki).")
def publish(files: tuple[Path, ...], store: Path | None, endpoint: str) -> None:
    """PUT every named graph to another triple store (SPARQL 1.1 Graph Store Protocol).

    Each graph replaces the graph of the same name there, so publishing again
    leaves the same data.

    \b
    Example:
      policykg publish --store kg/ --endpoint http://127.0.0.1:7878/store
    """
    from policykg.graph.publish import publish_store

    published = publish_store(_open(files, store), endpoint, progress=lambda p: say(
        message("publish_graph", graph=p.graph, triples=p.triples, status=p.status)))
    say(message("publish_done", graphs=len(published), triples=sum(p.triples for p in published), endpoint=endpoint))
