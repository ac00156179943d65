"""What a command works on (documents or a store), and the one way each is read, built or opened.

::

    Inputs(files | store, aliases, corrections)
      ├─ Reading(files): each document reported, those with rows passed on   every command reading documents
      ├─ read_inputs ─► results + Corpus                            extract, agencies
      ├─ load_corpus: documents read, or the rows a store holds     report, viz, neo4j export
      │    (load_corpus_to_write: and the documents left out)       neo4j push
      ├─ open_graph: the store on disk, or documents in memory      query, sparql, export, validate, publish
      └─ build_store_from_documents ─► store on disk + Corpus       build, serve (run: build_store_from_loaded)

Which inputs a command works on is decided here only (`Inputs`), and how
documents are read by one class (`Reading`): a missing or unreadable path is
reported and skipped, a document without task rows is reported and never
written anywhere. Progress is reported through a callback with a catalogue key
and values (`Step`), never printed. Documents are read with the reviewed agency
names of ``--aliases`` (`policykg.loaders.aliases`) and the corrected indicators
of ``--corrections`` (`policykg.loaders.indicator_corrections`, applied where
each document is read, worker processes included); a store built with them
keeps them (`policykg.pipeline.kept_aliases`, `policykg.pipeline.kept_corrections`)
and is read as it was built.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Store

from policykg import sample_paths
from policykg.errors import InputError, InputSelectionError, PolicyKGError
from policykg.graph.rdf.iris import graph_iri
from policykg.graph.rdf.one_pass import build_store_from_results
from policykg.graph.rdf.rebuild import corpus_from_store
from policykg.graph.rdf.store import BuildStats, Progress, document_graphs, is_new_store, load_corpus_into, open_store
from policykg.loaders import iter_documents
from policykg.loaders.agencies import CorpusBuilder, build_corpus
from policykg.loaders.aliases import ReviewedAliases, read_aliases
from policykg.loaders.indicator_corrections import CORRECTION_PREFIX, Corrections, read_corrections
from policykg.loaders.read import expand_paths
from policykg.loaders_report import document_summary
from policykg.pipeline.kept_aliases import keep_aliases, kept_aliases
from policykg.pipeline.kept_corrections import keep_corrections, kept_corrections
from policykg.records import Corpus, LoadResult

__all__ = [
    "Inputs",
    "Step",
    "StepCallback",
    "ignore_steps",
    "document_paths",
    "Reading",
    "read_aliases_file",
    "inputs_aliases",
    "read_corrections_file",
    "inputs_corrections",
    "read_inputs",
    "load_corpus",
    "load_reviewed_corpus",
    "load_corpus_to_write",
    "open_graph",
    "build_store_from_documents",
    "build_store_from_loaded",
    "validation_steps",
    "raise_if_left_out",
]


@dataclass(frozen=True, slots=True)
class Step:
    """A progress event: a catalogue key with its values, for the caller to show or drop."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


StepCallback = Callable[[Step], None]


def ignore_steps(step: Step) -> None:
    """The default progress callback: shows nothing."""
    return None


def validation_steps(on_step: StepCallback) -> Callable[[int, int], None]:
    """The progress callback of `validate_store`: a step per checked part, when the store needs several."""

    def progress(done: int, total: int) -> None:
        if total > 2:
            on_step(Step("graph_validating", {"done": done, "total": total}))

    return progress


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a command works on: documents (FILES, folders; none → the bundled samples) or a built store.

    ``aliases`` is a reviewer's aliases file (``--aliases``) and ``corrections`` a planner's
    corrected review table of inferred indicators (``--corrections``) the documents are read
    with; a store keeps those it was built with.

    Raises
    ------
    InputSelectionError
        Both documents and a store were given, or a store and an aliases or corrections file.

    Examples
    --------
    >>> Inputs(files=(Path("a.txt"),), store=Path("kg"))
    Traceback (most recent call last):
    ...
    policykg.errors.InputSelectionError: give FILES or --store, not both
    """

    files: tuple[Path, ...] = ()
    store: Path | None = None
    aliases: Path | None = None
    corrections: Path | None = None

    def __post_init__(self) -> None:
        if self.files and self.store is not None:
            raise InputSelectionError("inputs_files_and_store")
        if self.store is not None and self.aliases is not None:
            raise InputSelectionError("inputs_aliases_and_store")
        if self.store is not None and self.corrections is not None:
            raise InputSelectionError("inputs_corrections_and_store")


def document_paths(files: Sequence[str | Path]) -> list[Path]:
    """The documents FILES name (a folder gives its documents), or the bundled samples when there are none."""
    return expand_paths(files) if files else sample_paths()


class Reading:
    """The documents of FILES as a command reads them: one behaviour for every command.

    Iterating yields the documents that gave task rows, in order, as they are
    read (by worker processes when there are many). Every document is reported
    to ``on_step`` — ``document_read`` with its summary and problems, or
    ``document_skipped`` for a path that cannot be read at all (missing,
    unreadable) — and the batch always goes on. A document that gave no task
    rows (junk, encrypted, corrupt, empty) is not passed on, so it never becomes
    an empty graph nor replaces what a store or a server holds for it; its file
    name is kept in `left_out`. `results` holds every document read, rows or not
    (their rejects still count). A reading is iterated once. ``corrections`` (a
    planner's corrected indicators) are applied where each document is read.

    Raises
    ------
    InputError
        Two documents of FILES have one file name (raised here, before anything is read).
    """

    def __init__(self, files: Sequence[str | Path], encoding: str | None = None,
                 on_step: StepCallback = ignore_steps, workers: int | None = None,
                 corrections: Corrections | None = None) -> None:
        self.paths = document_paths(files)
        self.encoding = encoding
        self.on_step = on_step
        self.workers = workers
        self.corrections = corrections
        self.results: list[LoadResult] = []
        self.left_out: list[str] = []
        self._taken = 0  # files dealt with so far, read or skipped

    def __iter__(self) -> Iterator[LoadResult]:
        total = len(self.paths)

        def skipped(path: Path, exc: InputError) -> None:
            self._taken += 1
            self.left_out.append(path.name)
            self.on_step(Step("document_skipped", {"index": self._taken, "total": total, "error": exc}))

        for result in iter_documents(self.paths, self.encoding, self.workers, on_error=skipped,
                                     corrections=self.corrections):
            self._taken += 1
            self.results.append(result)
            if not result.rows:
                self.left_out.append(result.document.source)
            self.on_step(Step("document_read", {"index": self._taken, "total": total, "result": result,
                                                "summary": document_summary(result)}))
            if result.rows:
                yield result

    def nonempty(self, to_write: bool = False) -> Iterator[LoadResult]:
        """The documents with rows, as iterating gives them, with the first one read before this returns.

        Raises
        ------
        PolicyKGError
            No document gave a task row: ``nothing_read``; for a command that
            writes them (``to_write``), ``documents_left_out`` naming the documents.
        """
        documents = iter(self)
        first = next(documents, None)
        if first is None:
            if to_write:
                raise_if_left_out(self.left_out)
            raise PolicyKGError("nothing_read")
        return itertools.chain((first,), documents)

    def corpus(self, to_write: bool = False, aliases: ReviewedAliases | None = None) -> Corpus:
        """Read every document and resolve the agencies of those with rows, with ``aliases`` if given.

        Decisions that hold for no name read are reported (``aliases_unused``),
        and the corrections not applied and the count of those applied
        (``corrections_applied``); raises as `nonempty`.
        """
        corpus = build_corpus(list(self.nonempty(to_write)), aliases)
        _report_unused(aliases, corpus, self.on_step)
        _report_corrections(self.corrections, self.results, corpus, self.on_step)
        return corpus


def raise_if_left_out(left_out: Sequence[str]) -> None:
    """Fail, naming the documents a command was given but did not write (see `Reading`).

    Raises
    ------
    PolicyKGError
        ``documents_left_out`` with their number and names (the first ten).
    """
    if left_out:
        names = ", ".join(left_out[:10]) + (" …" if len(left_out) > 10 else "")
        raise PolicyKGError("documents_left_out", count=len(left_out), names=names)


def read_aliases_file(path: Path | None, on_step: StepCallback = ignore_steps) -> ReviewedAliases | None:
    """The checked decisions of an aliases file (``aliases_read``), or None without a file.

    Raises
    ------
    AliasesError
        The file cannot be read, or a line is refused (the message names the line).
    """
    if path is None:
        return None
    aliases = read_aliases(path)
    on_step(Step("aliases_read", {"path": path, "count": len(aliases)}))
    return aliases


def inputs_aliases(inputs: Inputs, on_step: StepCallback = ignore_steps) -> ReviewedAliases | None:
    """The reviewed names the inputs were or are read with: those a store keeps, or the ``--aliases`` file."""
    if inputs.store is not None:
        return kept_aliases(inputs.store)
    return read_aliases_file(inputs.aliases, on_step)


def read_corrections_file(path: Path | None, on_step: StepCallback = ignore_steps) -> Corrections | None:
    """The usable lines of a corrected review table (``corrections_read``, and a step per ignored line), or None.

    Raises
    ------
    CorrectionsError
        The file cannot be read, or lacks the table's columns.
    """
    if path is None:
        return None
    corrections = read_corrections(path)
    on_step(Step("corrections_read", {"path": path, "count": len(corrections)}))
    for code in corrections.problems:
        on_step(Step(code))
    return corrections


def inputs_corrections(inputs: Inputs, on_step: StepCallback = ignore_steps) -> Corrections | None:
    """The corrections documents are read with: the ``--corrections`` table (a store holds its corrected values)."""
    return None if inputs.store is not None else read_corrections_file(inputs.corrections, on_step)


def _report_corrections(corrections: Corrections | None, results: Iterable[LoadResult], corpus: Corpus,
                        on_step: StepCallback) -> None:
    """Each correction not applied, then how many rows the corrections decide (``corrections_applied``)."""
    if corrections is None:
        return
    for result in results:
        for code in result.corrections_not_applied:
            on_step(Step(code))
    applied = sum(1 for row in corpus.rows if (row.indicator_inferred_by or "").startswith(CORRECTION_PREFIX))
    on_step(Step("corrections_applied", {"path": corrections.path, "count": applied}))


def _report_unused(aliases: ReviewedAliases | None, corpus: Corpus, on_step: StepCallback) -> None:
    unused = aliases.unused(corpus) if aliases is not None else []
    if aliases is not None and unused:
        on_step(Step("aliases_unused", {"path": aliases.source, "lines": "、".join(str(d.line) for d in unused)}))


def read_inputs(files: Sequence[str | Path], encoding: str | None = None,
                on_step: StepCallback = ignore_steps,
                aliases: ReviewedAliases | None = None,
                corrections: Corrections | None = None) -> tuple[list[LoadResult], Corpus]:
    """Read the documents (default: the samples), with ``corrections`` if given, and resolve their agencies
    (see `Reading`).

    Returns every document's result (for their rejects) and the corpus of those with rows.

    Raises
    ------
    PolicyKGError
        Nothing usable was read from any file (``nothing_read``).
    """
    reading = Reading(files, encoding, on_step, corrections=corrections)
    corpus = reading.corpus(aliases=aliases)
    return reading.results, corpus


def load_corpus(inputs: Inputs, encoding: str | None = None, on_step: StepCallback = ignore_steps) -> Corpus:
    """The corpus of the inputs: documents read now (`Reading`), or the rows a store was built from."""
    return load_reviewed_corpus(inputs, encoding, on_step)[0]


def load_reviewed_corpus(inputs: Inputs, encoding: str | None = None,
                         on_step: StepCallback = ignore_steps) -> tuple[Corpus, ReviewedAliases | None]:
    """`load_corpus`, with the reviewed agency names it was resolved with (`inputs_aliases`)."""
    aliases = inputs_aliases(inputs, on_step)
    if inputs.store is not None:
        return corpus_from_store(open_store(inputs.store)), aliases
    reading = Reading(inputs.files, encoding, on_step, corrections=inputs_corrections(inputs, on_step))
    return reading.corpus(aliases=aliases), aliases


def load_corpus_to_write(inputs: Inputs, encoding: str | None = None,
                         on_step: StepCallback = ignore_steps) -> tuple[Corpus, list[str]]:
    """`load_corpus` for a command that writes the corpus somewhere: also the documents left out of it.

    The documents given that cannot be read or give no task rows are not in the
    corpus, so writing it leaves what is stored for them alone (none from a store).
    """
    if inputs.store is not None:
        return corpus_from_store(open_store(inputs.store)), []
    aliases = inputs_aliases(inputs, on_step)
    reading = Reading(inputs.files, encoding, on_step, corrections=inputs_corrections(inputs, on_step))
    return reading.corpus(to_write=True, aliases=aliases), reading.left_out


def open_graph(inputs: Inputs, read_only: bool = True, on_step: StepCallback = ignore_steps) -> Store:
    """The RDF store of the inputs: the store on disk, or the documents built into an in-memory store.

    Raises
    ------
    StoreError
        The store directory is missing or empty, or locked.
    PolicyKGError
        No document gave a task row (``nothing_read``).
    """
    if inputs.store is not None:
        return open_store(inputs.store, read_only=read_only)
    corpus = Reading(inputs.files, on_step=on_step, corrections=inputs_corrections(inputs)).corpus(
        aliases=inputs_aliases(inputs))
    store = Store()
    load_corpus_into(store, corpus)
    return store


def build_store_from_documents(
    files: Sequence[str | Path],
    store_dir: Path,
    encoding: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    aliases: ReviewedAliases | None = None,
    on_step: StepCallback = ignore_steps,
    corrections: Corrections | None = None,
) -> tuple[Corpus, BuildStats]:
    """Read documents into the store at ``store_dir`` in one pass; return the corpus and what was written.

    Documents are read by worker processes while the store indexes those
    already read (`policykg.graph.rdf.one_pass`), with ``aliases`` and
    ``corrections``, or else those the store keeps (see `build_store_from_loaded`;
    ``corrections_kept``). Reading is a `Reading`: each document is reported to
    ``on_step``, and one that cannot be read or gives no task rows is not
    written — its graph in an existing store stays whole — and is named in
    ``BuildStats.left_out``; decisions that hold for no name read are reported
    (``aliases_unused``), and the corrections applied and not applied.

    Parameters
    ----------
    files
        Documents and folders (none: the bundled samples).
    workers
        Reading processes (``None``: one per CPU; few documents are read in this process).
    progress
        ``progress(source, measures, quads)`` once per document graph written.

    Raises
    ------
    StoreError
        ``store_dir`` is a file, the store is locked by another process, or cannot be written.
    PolicyKGError
        No document gave a task row (``nothing_read``); no store is then made or changed.
    """
    if aliases is None and not is_new_store(Path(store_dir)):
        aliases = kept_aliases(Path(store_dir))  # said before the documents are read, as they are read with them
        if aliases is not None:
            on_step(Step("aliases_kept", {"path": aliases.source, "count": len(aliases)}))
    if corrections is None and not is_new_store(Path(store_dir)):
        corrections = kept_corrections(Path(store_dir))
        if corrections is not None:
            on_step(Step("corrections_kept", {"path": corrections.path, "count": len(corrections)}))
    reading = Reading(files, encoding, on_step, workers, corrections)
    corpus, stats = build_store_from_loaded(reading.nonempty(to_write=True), store_dir, progress, aliases, on_step,
                                            corrections=corrections)
    stats.left_out = reading.left_out
    _report_unused(aliases if aliases is not None else kept_aliases(store_dir), corpus, on_step)
    _report_corrections(corrections, reading.results, corpus, on_step)
    return corpus, stats


def build_store_from_loaded(results: Iterable[LoadResult], store_dir: Path, progress: Progress | None = None,
                            aliases: ReviewedAliases | None = None, on_step: StepCallback = ignore_steps,
                            replace: bool = False, corrections: Corrections | None = None) -> tuple[Corpus, BuildStats]:
    """Write documents' results (a list, or an iterator still reading them) into the store at ``store_dir``.

    The one path by which a store is built from documents (`build`, `serve`, `run`).
    With ``replace`` the store holds exactly these documents afterwards (a store
    already there is replaced once the new one is complete); otherwise an existing
    store keeps its other documents. Agency names are read with ``aliases``, which
    the store then keeps; without them, with those an existing store keeps
    (``aliases_kept``). ``corrections`` are those the results were read with: the
    store keeps them (without, what it keeps stays). When an existing store was
    built with other aliases or corrections, its documents not built now keep the
    old ones: they are counted (``aliases_replaced``, ``corrections_replaced``).
    """
    store_dir = Path(store_dir)
    existing = not is_new_store(store_dir)
    kept = kept_aliases(store_dir) if existing else None
    if aliases is None and kept is not None:
        aliases = kept
        on_step(Step("aliases_kept", {"path": kept.source, "count": len(kept)}))
    changed = (not replace and aliases is not None and existing
               and (kept.text if kept is not None else None) != aliases.text)
    kept_fixes = kept_corrections(store_dir) if existing and corrections is not None else None
    fixes_changed = (not replace and corrections is not None and existing
                     and (kept_fixes.text if kept_fixes is not None else None) != corrections.text)
    builder = CorpusBuilder(aliases)
    stats = build_store_from_results(results, builder, store_dir, progress, replace=replace)
    if aliases is not None:
        keep_aliases(store_dir, aliases)
    if corrections is not None:
        keep_corrections(store_dir, corrections)
    if changed or fixes_changed:
        built = {graph_iri(doc.source) for doc in builder.corpus.documents}
        stale = [g for g in document_graphs(open_store(store_dir)) if g not in built]
        for key, replaced in (("aliases_replaced", changed), ("corrections_replaced", fixes_changed)):
            if stale and replaced:
                on_step(Step(key, {"store": store_dir, "count": len(stale)}))
    return builder.corpus, stats
