"""What a command works on (documents or a store), and the one way each is read, built or opened.

::

    Inputs(files | store, aliases, corrections)
      ├─ document_paths ─► read_inputs ─► Corpus                    extract, agencies
      ├─ load_corpus: documents read, or the rows a store holds     report, viz, neo4j
      ├─ open_graph: the store on disk, or documents in memory      query, sparql, export, validate, publish
      └─ build_store_from_documents ─► store on disk + Corpus       build, serve (run: build_store_from_loaded)

Which inputs a command works on is decided here only (`Inputs`); progress is
reported through a callback with a catalogue key and values (`Step`), never
printed. Documents are read with the reviewed agency names of ``--aliases``
(`policykg.loaders.aliases`) and the corrected indicators of ``--corrections``
(`policykg.loaders.indicator_corrections`, applied where each document is read,
worker processes included); a store built with them keeps them
(`policykg.pipeline.kept_aliases`, `policykg.pipeline.kept_corrections`) and is
read as it was built.
"""

from __future__ import annotations

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
    "read_aliases_file",
    "inputs_aliases",
    "read_corrections_file",
    "inputs_corrections",
    "read_inputs",
    "load_corpus",
    "load_reviewed_corpus",
    "open_graph",
    "build_store_from_documents",
    "build_store_from_loaded",
    "validation_steps",
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
    (with ``aliases``, if given).

    A file that cannot be read at all is reported (``document_skipped``) and
    skipped; each document read is reported as ``document_read``; decisions that
    hold for no name read, as ``aliases_unused``; corrections not applied, and
    the count of those applied (``corrections_applied``).

    Raises
    ------
    PolicyKGError
        Nothing usable was read from any file (``nothing_read``).
    """
    results = list(_reported(document_paths(files), encoding, on_step, corrections=corrections))
    if not any(r.rows for r in results):
        raise PolicyKGError("nothing_read")
    corpus = build_corpus(results, aliases)
    _report_unused(aliases, corpus, on_step)
    _report_corrections(corrections, results, corpus, on_step)
    return results, corpus


def _reported(paths: list[Path], encoding: str | None, on_step: StepCallback,
              workers: int | None = None, corrections: Corrections | None = None) -> Iterator[LoadResult]:
    """The documents' results as they are read (by worker processes when many), each reported."""
    taken = 0  # files dealt with so far, read or skipped

    def skipped(path: Path, exc: InputError) -> None:
        nonlocal taken
        taken += 1
        on_step(Step("document_skipped", {"index": taken, "total": len(paths), "error": exc}))

    for result in iter_documents(paths, encoding, workers, on_error=skipped, corrections=corrections):
        taken += 1
        on_step(Step("document_read", {"index": taken, "total": len(paths), "result": result,
                                       "summary": document_summary(result)}))
        yield result


def load_corpus(inputs: Inputs, encoding: str | None = None, on_step: StepCallback = ignore_steps) -> Corpus:
    """The corpus of the inputs: documents read now, or the rows a store was built from."""
    return load_reviewed_corpus(inputs, encoding, on_step)[0]


def load_reviewed_corpus(inputs: Inputs, encoding: str | None = None,
                         on_step: StepCallback = ignore_steps) -> tuple[Corpus, ReviewedAliases | None]:
    """`load_corpus`, with the reviewed agency names it was resolved with (`inputs_aliases`)."""
    aliases = inputs_aliases(inputs, on_step)
    if inputs.store is not None:
        return corpus_from_store(open_store(inputs.store)), aliases
    corrections = inputs_corrections(inputs, on_step)
    return read_inputs(inputs.files, encoding, on_step, aliases, corrections)[1], aliases


def open_graph(inputs: Inputs, read_only: bool = True) -> Store:
    """The RDF store of the inputs: the store on disk, or the documents built into an in-memory store.

    Raises
    ------
    StoreError
        The store directory is missing or empty, or locked.
    InputError
        A document cannot be read at all.
    """
    if inputs.store is not None:
        return open_store(inputs.store, read_only=read_only)
    aliases = inputs_aliases(inputs)
    results = list(iter_documents(document_paths(inputs.files), corrections=inputs_corrections(inputs)))
    store = Store()
    load_corpus_into(store, build_corpus(results, aliases))
    return store


def build_store_from_documents(
    paths: Sequence[str | Path],
    store_dir: Path,
    encoding: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    on_error: Callable[[Path, InputError], None] | None = None,
    aliases: ReviewedAliases | None = None,
    on_step: StepCallback = ignore_steps,
    corrections: Corrections | None = None,
) -> tuple[Corpus, BuildStats]:
    """Read documents into the store at ``store_dir`` in one pass; return the corpus and what was written.

    Documents are read by worker processes while the store indexes those
    already read (`policykg.graph.rdf.one_pass`), with ``aliases`` and
    ``corrections``, or else those the store keeps (see `build_store_from_loaded`;
    ``corrections_kept``); decisions that hold for no name read are reported
    (``aliases_unused``), and the corrections applied and not applied.

    Parameters
    ----------
    workers
        Reading processes (``None``: one per CPU; few documents are read in this process).
    progress
        ``progress(source, measures, quads)`` once per document graph written.
    on_error
        Reported a file that cannot be read at all (then skipped); by default it raises.

    Raises
    ------
    StoreError
        ``store_dir`` is a file, or the store is locked by another process.
    InputError
        A file cannot be read and there is no ``on_error``; a new store is then not made.
    """
    if corrections is None and not is_new_store(Path(store_dir)):
        corrections = kept_corrections(Path(store_dir))
        if corrections is not None:
            on_step(Step("corrections_kept", {"path": corrections.path, "count": len(corrections)}))
    read: list[LoadResult] = []  # the results as read (their rows go into the store), for the corrections' report
    results = iter_documents([Path(p) for p in paths], encoding, workers, on_error=on_error, corrections=corrections)
    corpus, stats = build_store_from_loaded(_kept_aside(results, read), store_dir, progress, aliases, on_step,
                                            corrections)
    _report_unused(aliases if aliases is not None else kept_aliases(store_dir), corpus, on_step)
    _report_corrections(corrections, read, corpus, on_step)
    return corpus, stats


def _kept_aside(results: Iterable[LoadResult], into: list[LoadResult]) -> Iterator[LoadResult]:
    """``results``, each also put in ``into`` with its rows left out (the store keeps those)."""
    for result in results:
        into.append(LoadResult(result.document, corrections_not_applied=result.corrections_not_applied))
        yield result


def build_store_from_loaded(results: Iterable[LoadResult], store_dir: Path, progress: Progress | None = None,
                            aliases: ReviewedAliases | None = None,
                            on_step: StepCallback = ignore_steps,
                            corrections: Corrections | None = None) -> tuple[Corpus, BuildStats]:
    """Write documents' results (a list, or an iterator still reading them) into the store at ``store_dir``.

    The one path by which a store is built from documents (`build`, `serve`, `run`).
    Agency names are read with ``aliases``, which the store then keeps; without
    them, with those an existing store keeps (``aliases_kept``). ``corrections``
    are those the results were read with: the store keeps them (without, what it
    keeps stays). When an existing store was built with other aliases or
    corrections, its documents not built now keep the old ones: they are counted
    (``aliases_replaced``, ``corrections_replaced``).
    """
    store_dir = Path(store_dir)
    existing = not is_new_store(store_dir)
    kept = kept_aliases(store_dir) if existing else None
    if aliases is None and kept is not None:
        aliases = kept
        on_step(Step("aliases_kept", {"path": kept.source, "count": len(kept)}))
    changed = aliases is not None and existing and (kept.text if kept is not None else None) != aliases.text
    kept_fixes = kept_corrections(store_dir) if existing and corrections is not None else None
    fixes_changed = corrections is not None and existing and (
        kept_fixes.text if kept_fixes is not None else None) != corrections.text
    builder = CorpusBuilder(aliases)
    stats = build_store_from_results(results, builder, store_dir, progress)
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
