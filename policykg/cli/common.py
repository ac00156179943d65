"""Options and output helpers shared by every command.

- `corpus_options`: the FILES arguments, ``--store DIR``, ``--aliases FILE`` and
  ``--corrections FILE`` that every command reading the graph accepts (with neither
  FILES nor a store, the bundled samples; which one is used is decided by
  `policykg.pipeline.Inputs`). `aliases_option` and `corrections_option` alone are for
  commands with FILES of their own (extract, run, indicators).
- `show_step`: progress of the pipeline, rendered from the catalogue on stderr.
- `as_of_option`: ``--as-of DATE``, the date deadlines are counted against (default today).
- `indicators_option`: ``--indicators inferred|printed``, which indicators breadth and the heatmap count.
- `CatalogueOption`: an option whose help text is a catalogue key, shown in the
  language of ``--lang`` like every other message.
- `output_options` + `emit`: ``--format table|csv|json`` for results on stdout,
  like sqlite-utils' ``output_options``. Tables are for people, CSV and JSON
  for pipes. stdout carries results only; progress and warnings go to stderr.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from policykg.cells import CSV_QUOTING, sheet_cell
from policykg.indicator_counting import INDICATOR_BASES
from policykg.messages import render, set_language
from policykg.pipeline import Inputs, Step, load_corpus
from policykg.records import Corpus

__all__ = [
    "CatalogueOption",
    "as_of_option",
    "indicators_option",
    "parse_params",
    "load_input_corpus",
    "lang_option",
    "corpus_options",
    "corrections_option",
    "aliases_option",
    "output_options",
    "emit",
    "show_step",
    "quiet_step",
    "format_table",
    "display_width",
    "say",
]


def say(text: str) -> None:
    """Write one line to stderr (progress, summaries, warnings)."""
    click.echo(text, err=True)


class CatalogueOption(click.Option):
    """An option whose help is the catalogue text of ``help_key``, in the language ``--lang`` chose.

    ``policykg --lang en report --help`` and ``policykg report --lang en --help``
    (``--lang`` is eager) both show the English text; the help is looked up when
    it is shown, not when the command is defined.
    """

    def __init__(self, *args: Any, help_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_key = help_key

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = render(self.help_key)
        return super().get_help_record(ctx)


def as_of_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--as-of YYYY-MM-DD`` (default: today): the date deadlines are counted against."""
    return click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                        metavar="YYYY-MM-DD", cls=CatalogueOption, help_key="help_as_of")(func)


def indicators_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--indicators inferred|printed``: which indicators counts by indicator count (`policykg.indicator_counting`)."""
    return click.option("--indicators", type=click.Choice(list(INDICATOR_BASES)), default=INDICATOR_BASES[0],
                        show_default=True, cls=CatalogueOption, help_key="help_indicators")(func)


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--lang zh|en`` to a command (overrides the group's ``policykg --lang``)."""

    def _set(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value:
            set_language(value)
        return value

    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_set,
        help="Language of messages and headers (default: the group's --lang, zh).",
    )(func)


def _file_option(name: str, help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--NAME FILE``: an optional file a planner reviewed, read by every command that reads documents."""
    return click.option(f"--{name}", name, type=click.Path(dir_okay=False, path_type=Path), default=None,
                        metavar="FILE", help=help_text)


def corrections_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--corrections FILE``: a review table from `policykg indicators`, corrected by a planner.

    Its indicators replace the inferred ones in every document the command reads
    (`policykg.pipeline.Inputs`); what could not be applied is listed on stderr.
    """
    return _file_option("corrections", "Corrected review table (xlsx/csv from `policykg indicators`): its indicators "
                                       "win over inferred ones; a store built with it keeps it.")(func)


def aliases_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--aliases FILE``: the reviewed agency names (CSV ``name,agency``) documents are read with."""
    return _file_option("aliases", "Reviewed agency names, a CSV with header name,agency (see `policykg agencies "
                                   "--review`); a store built with them keeps them.")(func)


def corpus_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``FILES…``, ``--store DIR``, ``--aliases FILE`` and ``--corrections FILE`` to a command that reads the graph."""
    func = corrections_option(func)
    func = aliases_option(func)
    func = click.option(
        "--store",
        "store",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Read the graph from a store built by `policykg build` instead of documents.",
    )(func)
    func = click.argument("files", nargs=-1, type=click.Path(path_type=Path))(func)
    return func


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--format table|csv|json`` to a command that prints records."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default="table",
        show_default=True,
        help="Output format on stdout.",
    )(func)


def display_width(text: str) -> int:
    """Terminal columns a string takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _is_iri(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "urn:")) and not any(
        ch.isspace() for ch in value)


def format_table(records: Sequence[dict[str, Any]], columns: Sequence[str], max_width: int = 40) -> str:
    """Render records as an aligned plain-text table (CJK-aware widths).

    Long text is cut at ``max_width`` columns; an IRI never is: it is shown by its compact
    name (``agency:350123/发展和改革局``, `policykg.queries.prefixes.compact`), whole.
    """
    from policykg.queries.prefixes import compact

    iri_cells = {(i, j) for i, r in enumerate(records) for j, c in enumerate(columns) if _is_iri(r.get(c))}
    cells = [[compact(r[c]) if (i, j) in iri_cells else _cell(r.get(c)) for j, c in enumerate(columns)]
             for i, r in enumerate(records)]

    def clip(text: str) -> str:
        text = text.replace("\n", " ")
        if display_width(text) <= max_width:
            return text
        out, width = "", 0
        for ch in text:
            w = display_width(ch)
            if width + w > max_width - 1:
                break
            out, width = out + ch, width + w
        return out + "…"

    cells = [[c if (i, j) in iri_cells else clip(c) for j, c in enumerate(row)] for i, row in enumerate(cells)]
    widths = [display_width(c) for c in columns]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def emit(records: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, stream: Any = None) -> None:
    """Write records to stdout (or ``stream``) as a table, CSV or JSON."""
    stream = stream or sys.stdout
    records = list(records)
    if fmt == "json":
        stream.write(json.dumps([{c: r.get(c) for c in columns} for r in records], ensure_ascii=False, indent=2))
        stream.write("\n")
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, quoting=CSV_QUOTING)
        writer.writerow(columns)
        for r in records:
            writer.writerow([sheet_cell(r.get(c)) for c in columns])
        stream.write(buf.getvalue())
    else:
        stream.write(format_table(records, columns) + "\n")


def show_step(step: Step) -> None:
    """Print a pipeline step (a catalogue key and its values) on stderr."""
    say(render(step.key, **step.values))


def quiet_step(step: Step) -> None:
    """Print a pipeline step on stderr, except the line of a document read with task rows.

    Files skipped and documents that gave no rows (left out) still get their line.
    """
    if step.key != "document_read" or not step.values["result"].rows:  # type: ignore[attr-defined]
        show_step(step)


def load_input_corpus(files: Sequence[Path], store: Path | None, encoding: str | None = None,
                      quiet: bool = False, aliases: Path | None = None, corrections: Path | None = None) -> Corpus:
    """The corpus a command works on: FILES (or the samples) read now (with ``aliases`` and ``corrections``),
    or a store built by `policykg build`.

    Reading documents prints one summary line per document on stderr (none when ``quiet``).
    """
    return load_corpus(Inputs(tuple(files), store, aliases, corrections), encoding,
                       quiet_step if quiet else show_step)


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    """``--param k=v`` values → ``{"k": "v"}``; a value may itself contain ``=``.

    The values are bound to the query by the runner, never pasted into its text.
    """
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not k=v", param_hint="--param")
        out[key.strip()] = value
    return out
