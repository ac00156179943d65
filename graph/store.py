"""Stores: build the graph into pyoxigraph (on disk or in memory) and open it again.

- `build_store` writes a corpus into an on-disk store. A new store is bulk-loaded
  into a sibling directory and renamed into place when complete, so a failed
  build leaves nothing behind (Oxigraph's bulk loader is not atomic; pitfalls.md).
  The bulk load reads N-Quads text made by `policykg.graph.nquads` (the fast path;
  the same statements as the pyoxigraph term path, see tests/graph/test_nquads.py).
  An existing store is updated document by document, each in one transaction:
  a document's named graph is replaced all-or-nothing, other graphs untouched.
- `write_graphs` is that per-document replacement, for any open store.
- `open_store` is what every command taking FILES or ``--store`` calls.
"""

from __future__ import annotations

import io
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from policykg import sample_paths
from policykg.errors import InputError, StoreError
from policykg.graph import iris
from policykg.graph.build import GraphPart, build_graphs, vocabulary_graphs
from policykg.graph.mapping import Terms
from policykg.graph.nquads import NQUADS_TERMS, escape_iri
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


def _parts(corpus: Corpus, terms: Terms) -> Iterable[GraphPart]:
    yield from vocabulary_graphs()
    yield from build_graphs(corpus, terms)


def replace_graph(store: Store, part: GraphPart) -> None:
    """Replace one named graph with ``part``'s quads in a single transaction.

    One SPARQL update drops the graph and inserts the new triples; Oxigraph applies
    it all-or-nothing, so a failure leaves the old graph whole and readers never see
    a half graph. ``part.quads`` are pyoxigraph `Quad` objects (written with
    pyoxigraph's own term serialisation, ``str(term)``) or N-Quads lines made by
    `policykg.graph.nquads.NQUADS_TERMS` (terms escaped by its one escaping function);
    never text assembled from raw strings.
    """
    graph = NamedNode(part.iri)
    if part.quads and isinstance(part.quads[0], str):
        # N-Quads lines "s p o <g> .\n": the same triple text minus the graph term
        suffix = f" {escape_iri(part.iri)} .\n"
        cut = len(suffix)
        if not all(line.endswith(suffix) for line in part.quads):
            raise StoreError(f"{part.iri}: a quad of this part is not in its own graph")
        body = "".join(f"{line[:-cut]} .\n" for line in part.quads)
    else:
        body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in part.quads)
    store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}")


def write_graphs(store: Store, corpus: Corpus, progress: Progress | None = None) -> BuildStats:
    """Write the vocabularies and every document of ``corpus`` into an open store, graph by graph."""
    stats = BuildStats()
    start = time.perf_counter()
    for part in _parts(corpus, NQUADS_TERMS):
        replace_graph(store, part)
        _count(stats, part, progress)
    stats.seconds = time.perf_counter() - start
    return stats


def load_corpus_into(store: Store, corpus: Corpus, progress: Progress | None = None) -> BuildStats:
    """Bulk-load a corpus into an empty store (fast, not transactional: only for new stores).

    The fast path: each document graph is made as N-Quads text (`policykg.graph.nquads`)
    by a producer thread while `Store.bulk_load` parses and indexes the previous ones
    (it releases the GIL, so on two cores the two overlap). A bulk load takes at most
    about `_BULK_QUADS` quads, which bounds the loader's memory; the next one continues.

    Raises
    ------
    InputError
        The corpus is inconsistent (e.g. an agency id not in ``corpus.agencies``);
        the store then holds part of the data, which is why `build_store` loads
        into a staging directory.
    """
    stats = BuildStats()
    start = time.perf_counter()
    for part in vocabulary_graphs():
        store.bulk_extend(part.quads)
        _count(stats, part, progress)
    chunks: queue.Queue = queue.Queue(maxsize=_QUEUE_DOCUMENTS)
    cancel = threading.Event()
    producer = threading.Thread(target=_produce, args=(corpus, chunks, cancel), daemon=True)
    producer.start()
    reader = _ChunkReader(chunks, stats, progress)
    try:
        while not reader.exhausted:
            reader.begin_batch()
            # lenient: skip IRI re-validation; every IRI is minted percent-encoded (graph.iris) or is a
            # vocabulary constant, and tests parse the same text strictly (tests/graph/test_nquads.py)
            store.bulk_load(reader, RdfFormat.N_QUADS, lenient=True)
            if reader.error is not None:
                raise reader.error
    except Exception:
        if reader.error is not None:  # the producer failed: raise its error, not the loader's report of it
            raise reader.error from None
        raise
    finally:
        cancel.set()
        producer.join()
    store.flush()
    stats.seconds = time.perf_counter() - start
    return stats


# A bulk load covers about this many quads (a few hundred MiB of loader memory); the producer
# keeps at most this many document graphs of text ready ahead of the loader.
_BULK_QUADS = 1_000_000
_QUEUE_DOCUMENTS = 8
_END = object()


def _produce(corpus: Corpus, chunks: queue.Queue, cancel: threading.Event) -> None:
    """Producer thread: (GraphPart without its quads, quad count, N-Quads bytes) per document, then _END."""

    def put(item: object) -> bool:
        while not cancel.is_set():
            try:
                chunks.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False  # the loader stopped

    try:
        for part in build_graphs(corpus, NQUADS_TERMS):
            data = "".join(part.quads).encode("utf-8")
            count = len(part.quads)
            part.quads = []
            if not put((part, count, data)):
                return
        put(_END)
    except BaseException as exc:  # handed to the loading thread, which raises it
        put(exc)


class _ChunkReader(io.RawIOBase):
    """A binary stream over the producer's N-Quads, ending each batch after about `_BULK_QUADS` quads."""

    def __init__(self, chunks: queue.Queue, stats: BuildStats, progress: Progress | None) -> None:
        self._chunks = chunks
        self._stats = stats
        self._progress = progress
        self._buffer = memoryview(b"")
        self._batch_quads = 0
        self.exhausted = False
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def begin_batch(self) -> None:
        self._batch_quads = 0

    def readinto(self, target) -> int:
        while not self._buffer:
            if self.exhausted or self._batch_quads >= _BULK_QUADS:
                return 0  # end of this bulk load
            item = self._chunks.get()
            if item is _END:
                self.exhausted = True
                return 0
            if isinstance(item, BaseException):
                self.error, self.exhausted = item, True
                raise OSError(f"building the N-Quads failed: {item}")
            part, count, data = item
            self._buffer = memoryview(data)
            self._batch_quads += count
            _count(self._stats, part, self._progress, count)
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def _count(stats: BuildStats, part: GraphPart, progress: Progress | None, quads: int | None = None) -> None:
    quads = len(part.quads) if quads is None else quads
    stats.quads += quads
    if part.source is not None:
        stats.documents += 1
        stats.measures += part.measures
        if progress:
            progress(part.source, part.measures, quads)


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
