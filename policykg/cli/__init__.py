"""The ``policykg`` command line: one verb per stage, plus ``run`` for all of them.

Commands live in modules of this package, one module per stage, each adding
its commands to `main` when imported (`_COMMAND_MODULES`). Library errors are
caught once here and printed as ``Error: …`` on stderr with exit status 1;
usage mistakes exit 2 (click's own handling).
"""

from __future__ import annotations

import errno
import importlib
import signal

import click

from policykg import __version__
from policykg.errors import InputSelectionError, PolicyKGError
from policykg.messages import render, set_language
from policykg.processes import Terminated, signals_unwind

__all__ = ["main", "cli"]

# Command modules, in data-flow order; importing one adds its commands to `cli`.
_COMMAND_MODULES = (
    "load_cmds",
    "indicator_cmds",
    "graph_cmds",
    "query_cmds",
    "neo4j_cmds",
    "report_cmds",
    "viz_cmds",
    "run_cmd",
)


class _Group(click.Group):
    """A group that turns `PolicyKGError` into click's ``Error: …`` line (exit 1; 2 for a usage mistake).

    An `OSError` a library let through (a full disk while writing a report, a
    folder without write access) is one such line too, naming the file; a closed
    pipe (``policykg … | head``) is click's to handle.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except InputSelectionError as exc:
            raise click.UsageError(str(exc)) from exc
        except PolicyKGError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            raise click.ClickException(render("io_failed", reason=exc)) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="policykg")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    envvar="POLICYKG_LANG",
    help="Language of messages, headers and reports (中文 zh / English en).",
)
def cli(lang: str) -> None:
    """policykg — 营商环境任务分工知识图谱: departments, indicators and measures.

    Reads task-assignment documents (任务分工表, 任务清单) into rows, builds an RDF
    knowledge graph, answers SPARQL and Cypher questions, and writes workload
    reports and interactive pictures. With no FILES, commands use the bundled
    sample documents.

    \b
    Start with:
      policykg run -o out/          # every stage on the bundled samples
      policykg extract --help
    """
    set_language(lang)


for _name in _COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``policykg`` script.

    SIGTERM and SIGHUP stop a command as Ctrl-C does, through its cleanup (a
    half-built store is removed, worker processes end), with one line on stderr
    and exit status 128 + the signal number.
    """
    try:
        with signals_unwind():
            cli.main(args=argv, prog_name="policykg")
    except Terminated as exc:
        click.echo(f"Error: {render('terminated', signal=signal.Signals(exc.signum).name)}", err=True)
        raise
