"""Stores: build the graph into pyoxigraph (on disk or in memory) and open it again.

- `build_store` writes a corpus into an on-disk store. A new store is bulk-loaded
  into a sibling directory and renamed into place when complete, so a failed
  build leaves nothing behind (Oxigraph's bulk loader is not atomic; pitfalls.md).
  An existing store is updated document by document, each in one transaction:
  a document's named graph is replaced all-or-nothing, other graphs untouched.
- `write_graphs` is that per-document replacement, for any open store.
- `open_store` is what every command taking FILES or ``--store`` calls.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Store

from policykg import sample_paths
from policykg.errors import InputError, StoreError
from policykg.graph import iris
from policykg.graph.build import GraphPart, build_graphs, vocabulary_graphs
from policykg.records import Corpus

__all__ = [
    "BuildStats",
    "build_store",
    "load_corpus_into",
    "write_graphs",
    "replace_graph",
    "open_store",
    "document_graphs",
    "load_corpus_files",
]

# progress(source, measures, quads), called once per document graph written
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class BuildStats:
    """What a build wrote: document graphs, measures, quads, and the seconds it took."""

    documents: int = 0
    measures: int = 0
    quads: int = 0
    seconds: float = 0.0


def _parts(corpus: Corpus) -> Iterable[GraphPart]:
    yield from vocabulary_graphs()
    yield from build_graphs(corpus)


def replace_graph(store: Store, part: GraphPart) -> None:
    """Replace one named graph with ``part``'s quads in a single transaction.

    A graph not yet in the store is added with `Store.extend` (one transaction).
    An existing graph is dropped and refilled by one SPARQL update, which Oxigraph
    applies all-or-nothing; the terms are written by pyoxigraph's own term
    serialisation (``str(term)``), never assembled from raw strings.
    """
    graph = NamedNode(part.iri)
    if not store.contains_named_graph(graph):
        store.extend(part.quads)
        return
    body = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in part.quads)
    store.update(f"DROP SILENT GRAPH {graph} ; INSERT DATA {{ GRAPH {graph} {{ {body} }} }}")


def write_graphs(store: Store, corpus: Corpus, progress: Progress | None = None) -> BuildStats:
    """Write the vocabularies and every document of ``corpus`` into an open store, graph by graph."""
    stats = BuildStats()
    start = time.perf_counter()
    for part in _parts(corpus):
        replace_graph(store, part)
        _count(stats, part, progress)
    stats.seconds = time.perf_counter() - start
    return stats


def load_corpus_into(store: Store, corpus: Corpus, progress: Progress | None = None) -> BuildStats:
    """Bulk-load a corpus into an empty store (fast, not transactional: only for new stores)."""
    stats = BuildStats()
    start = time.perf_counter()
    for part in _parts(corpus):
        store.bulk_extend(part.quads)
        _count(stats, part, progress)
    store.flush()
    stats.seconds = time.perf_counter() - start
    return stats


def _count(stats: BuildStats, part: GraphPart, progress: Progress | None) -> None:
    stats.quads += len(part.quads)
    if part.source is not None:
        stats.documents += 1
        stats.measures += part.measures
        if progress:
            progress(part.source, part.measures, len(part.quads))


def _is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def build_store(corpus: Corpus, store_dir: Path, progress: Progress | None = None) -> BuildStats:
    """Build ``corpus`` into the on-disk store at ``store_dir`` (created when missing).

    Raises
    ------
    StoreError
        ``store_dir`` is a file, or the store is locked by another process.
    """
    store_dir = Path(store_dir)
    if store_dir.exists() and not store_dir.is_dir():
        raise StoreError(f"{store_dir}: not a directory; --store needs a directory for the store")
    if not _is_empty_dir(store_dir):
        store = _open(store_dir, read_only=False)
        try:
            return write_graphs(store, corpus, progress)
        finally:
            store.flush()
            del store
    # New store: bulk load into a sibling, then rename, so a failure leaves no half store.
    staging = store_dir.parent / f".{store_dir.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = Store(str(staging))
        stats = load_corpus_into(store, corpus, progress)
        del store  # closes the database before the rename
        if store_dir.exists():
            store_dir.rmdir()
        staging.rename(store_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return stats


def _open(store_dir: Path, read_only: bool) -> Store:
    try:
        return Store.read_only(str(store_dir)) if read_only else Store(str(store_dir))
    except OSError as exc:
        raise StoreError(
            f"{store_dir}: cannot open the store ({exc}); if `policykg serve` is running on it, stop it first"
        ) from exc


def document_graphs(store: Store) -> list[str]:
    """IRIs of the document graphs in a store (not the ontology or vocabulary), sorted."""
    skip = {iris.ONTOLOGY_GRAPH, iris.VOCABULARY_GRAPH}
    return sorted(g.value for g in store.named_graphs() if g.value not in skip)


def load_corpus_files(files: Sequence[Path]) -> Corpus:
    """Read documents into a Corpus with the loaders (imported here: graph depends on records only)."""
    try:
        from policykg.loaders import load_corpus
    except ImportError as exc:  # the loaders are another stage; say so rather than fail obscurely
        raise InputError("policykg.loaders.load_corpus is not available; cannot read documents") from exc
    for path in files:
        if not Path(path).exists():
            raise InputError(f"{path}: file not found")
    return load_corpus(list(files))


def open_store(files: Sequence[Path] = (), store_dir: Path | None = None, read_only: bool = True) -> Store:
    """The store a command works on: FILES → in memory; ``--store DIR`` → on disk; neither → the samples.

    Parameters
    ----------
    files
        Documents to read (with `policykg.loaders.load_corpus`) into an in-memory store.
    store_dir
        A store built by `policykg build`; opened read-only unless ``read_only=False``.

    Raises
    ------
    StoreError
        Both FILES and a store were given, or the store directory is missing or empty.
    """
    if files and store_dir is not None:
        raise StoreError("give FILES or --store, not both")
    if store_dir is not None:
        store_dir = Path(store_dir)
        if _is_empty_dir(store_dir):
            raise StoreError(f"{store_dir}: no store here; build one with `policykg build --store {store_dir}`")
        return _open(store_dir, read_only)
    corpus = load_corpus_files(list(files) if files else sample_paths())
    store = Store()
    load_corpus_into(store, corpus)
    return store
