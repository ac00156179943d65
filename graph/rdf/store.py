"""Stores: build the graph into pyoxigraph (on disk or in memory) and open it again.

- `build_store` writes a corpus into an on-disk store. A new store is bulk-loaded
  into a sibling directory and renamed into place when complete, so a failed
  build leaves nothing behind (Oxigraph's bulk loader is not atomic; pitfalls.md).
  The bulk load reads N-Quads text made by `policykg.graph.rdf.nquads` (the fast path;
  the same statements as the pyoxigraph term path, see tests/graph/test_nquads.py).
  An existing store is updated document by document, each in one transaction:
  a document's named graph is replaced all-or-nothing, other graphs untouched.
  What a build killed half-way leaves beside the store is cleared by the next
  (`clear_leftovers`); a write that fails (a full disk) is one `StoreError`.
- `write_graphs` is that per-document replacement, for any open store.
- `open_store` opens a built store again (read-only unless asked).
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from pyoxigraph import NamedNode, RdfFormat, Store

from policykg.errors import StoreError
from policykg.graph.rdf import iris, summary
from policykg.graph.rdf.build import GraphPart, build_graphs, vocabulary_graphs
from policykg.graph.rdf.mapping import Terms
from policykg.graph.rdf.nquads import NQUADS_TERMS, escape_iri
from policykg.processes import is_running
from policykg.records import Corpus, Row

__all__ = [
    "BuildStats",
    "build_store",
    "load_corpus_into",
    "load_parts_into",
    "with_summary",
    "bulk_build",
    "optimize_store",
    "is_new_store",
    "write_graphs",
    "replace_graph",
    "open_store",
    "require_store",
    "document_graphs",
    "document_sources",
    "clear_leftovers",
]

# progress(source, measures, quads), called once per document graph written
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class BuildStats:
    """What a build wrote: document graphs, measures, quads, and the seconds it took.

    ``left_out`` names the documents given that were not written (unreadable, or
    read to no task rows), whose graphs a store keeps as they were; whoever reads
    the documents fills it (`policykg.pipeline`).
    """

    documents: int = 0
    measures: int = 0
    quads: int = 0
    seconds: float = 0.0
    left_out: list[str] = field(default_factory=list)


def _parts(corpus: Corpus, terms: Terms) -> Iterable[GraphPart]:
    yield from vocabulary_graphs()
    yield from build_graphs(corpus, terms)


def replace_graph(store: Store, part: GraphPart, also: str = "") -> None:
    """Replace one named graph with ``part``'s quads in a single transaction.

    One SPARQL update drops the graph and inserts the new triples; Oxigraph applies
    it all-or-nothing, so a failure leaves the old graph whole and readers never see
    a half graph. ``part.quads`` are pyoxigraph `Quad` objects (written with
    pyoxigraph's own term serialisation, ``str(term)``) or N-Quads lines made by
    `policykg.graph.rdf.nquads.NQUADS_TERMS` (terms escaped by its one escaping function);
    never text assembled from raw strings. ``also``: more update operations made the same way
    (`summary.delta_update`), applied in the same transaction.
    """
    graph = NamedNode(part.iri)
    if part.quads and isinstance(part.quads[0], str):
        # N-Quads lines "s p o <g> .\n": the same triple text minus the graph term
        suffix = f" {escape_iri(part.iri)} .\n"
        cut = len(suffix)
        if not all(line.endswith(suffix) for line in part.quads):
            raise StoreError("store_quad_outside_graph", graph=part.iri)
        body = "".join(f"{line[:-cut]} .\n" for line in part.quads)
    else:
        body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in part.quads)
    more = f" ;\n{also}" if also else ""
    store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}}} }}{more}")


def write_graphs(store: Store, corpus: Corpus, progress: Progress | None = None) -> BuildStats:
    """Write the vocabularies and every document of ``corpus`` into an open store, graph by graph.

    Raises
    ------
    StoreError
        A graph could not be written (disk full, …): the graphs written before it
        are complete, it and the rest are as they were (``store_update_failed``).
    """
    stats = BuildStats()
    start = time.perf_counter()
    rows_of: dict[str, list[Row]] = {}
    for row in corpus.rows:
        rows_of.setdefault(row.source, []).append(row)
    for part in _parts(corpus, NQUADS_TERMS):
        try:
            # the store-wide pair counts lose what the old graph counted and gain what the new one does
            also = "" if part.source is None else summary.delta_update(
                store, summary.counts_of_graph(store, part.iri),
                summary.counts_of_rows(corpus, rows_of.get(part.source, [])), part.iri)
            replace_graph(store, part, also)
        except OSError as exc:
            raise StoreError("store_update_failed", graph=part.source or iris.decode_key(part.iri.rpartition("/")[2]), reason=exc,
                             written=stats.documents) from exc
        _count(stats, part, progress)
    stats.seconds = time.perf_counter() - start
    return stats


def load_corpus_into(store: Store, corpus: Corpus, progress: Progress | None = None) -> BuildStats:
    """Bulk-load a corpus into an empty store (fast, not transactional: only for new stores).

    See `load_parts_into`, which this calls with `build_graphs` made as N-Quads text.

    Raises
    ------
    InputError
        The corpus is inconsistent (e.g. an agency id not in ``corpus.agencies``);
        the store then holds part of the data, which is why `build_store` loads
        into a staging directory.
    """
    return load_parts_into(store, with_summary(build_graphs(corpus, NQUADS_TERMS), lambda: corpus), progress)


def with_summary(parts: Iterable[GraphPart], corpus: Callable[[], Corpus]) -> Iterator[GraphPart]:
    """``parts``, then the store-wide pair counts of ``corpus()`` (asked for once the parts are all made)."""
    yield from parts
    whole = corpus()
    yield from summary.summary_parts(summary.counts_of_rows(whole, whole.rows))


def load_parts_into(store: Store, parts: Iterable[GraphPart], progress: Progress | None = None,
                    loaders: int | None = None) -> BuildStats:
    """Bulk-load the vocabularies and ``parts`` (N-Quads lines, `NQUADS_TERMS`) into an empty store.

    The fast path: ``parts`` are consumed by a producer thread (``parts`` may itself be
    reading documents as it goes, `policykg.graph.rdf.one_pass`) while ``loaders``
    threads (default `_LOADERS`) each run `Store.bulk_load` on whole document
    graphs of that text. A bulk load releases the GIL, parses, and sorts its quads
    into RocksDB files on a thread of its own; with one loader those sorts run one
    after another, which left a core idle. A bulk load takes at most about
    `_BULK_QUADS` quads, which bounds its memory; the next one continues.
    """
    stats = BuildStats()
    start = time.perf_counter()
    for part in vocabulary_graphs():
        store.bulk_extend(part.quads)
        _count(stats, part, progress)
    chunks: queue.Queue = queue.Queue(maxsize=_QUEUE_DOCUMENTS)
    cancel = threading.Event()
    producer = threading.Thread(target=_produce, args=(parts, chunks, cancel), daemon=True)
    producer.start()
    lock = threading.Lock()
    readers = [_ChunkReader(chunks, stats, progress, lock, cancel) for _ in range(loaders or _LOADERS)]
    failures: list[BaseException] = []

    def load(reader: _ChunkReader) -> None:
        try:
            while not reader.exhausted:
                reader.begin_batch()
                # lenient: skip IRI re-validation; every IRI is minted percent-encoded (graph.iris) or is a
                # vocabulary constant, and tests parse the same text strictly (tests/graph/test_nquads.py)
                store.bulk_load(reader, RdfFormat.N_QUADS, lenient=True)  # type: ignore[arg-type]  # a raw binary stream
        except BaseException as exc:
            failures.append(exc)
            cancel.set()

    threads = [threading.Thread(target=load, args=(r,), daemon=True) for r in readers[1:]]
    try:
        for thread in threads:
            thread.start()
        load(readers[0])
        for thread in threads:
            thread.join()
    finally:
        cancel.set()
        producer.join()
    errors = [r.error for r in readers if r.error is not None]
    if errors:  # the producer failed: raise its error, not the loader's report of it
        raise errors[0]
    if failures:
        raise failures[0]
    store.flush()
    stats.seconds = time.perf_counter() - start
    return stats


# A bulk load covers about this many quads (a few hundred MiB of loader memory); the producer
# keeps at most this many document graphs of text ready ahead of the loaders.
_BULK_QUADS = 500_000
_QUEUE_DOCUMENTS = 8
_LOADERS = 2
_END = object()


def _produce(parts: Iterable[GraphPart], chunks: queue.Queue, cancel: threading.Event) -> None:
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
        for part in parts:
            data = "".join(part.quads).encode("utf-8")
            count = len(part.quads)
            part.quads = []
            if not put((part, count, data)):
                return
        put(_END)
    except BaseException as exc:  # handed to a loading thread, which raises it
        put(exc)
    finally:
        close = getattr(parts, "close", None)
        if close is not None:  # a generator reading documents stops its workers now, not when collected
            close()


class _ChunkReader(io.RawIOBase):
    """A binary stream over the producer's N-Quads, ending each batch after about `_BULK_QUADS` quads.

    Several readers may share one queue (one per loader thread): each takes whole
    document graphs, and the end mark (or the producer's error) is put back for the others.
    """

    def __init__(self, chunks: queue.Queue, stats: BuildStats, progress: Progress | None,
                 lock: threading.Lock, cancel: threading.Event) -> None:
        self._chunks = chunks
        self._stats = stats
        self._progress = progress
        self._lock = lock
        self._cancel = cancel
        self._buffer = memoryview(b"")
        self._batch_quads = 0
        self.exhausted = False
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def begin_batch(self) -> None:
        self._batch_quads = 0

    def _next(self) -> object:
        while True:
            try:
                return self._chunks.get(timeout=0.05)
            except queue.Empty:
                if self._cancel.is_set():
                    return _END

    def readinto(self, target) -> int:
        while not self._buffer:
            if self.exhausted or self._batch_quads >= _BULK_QUADS:
                return 0  # end of this bulk load
            item = self._next()
            if item is _END:
                self._chunks.put(item)  # for the other readers
                self.exhausted = True
                return 0
            if isinstance(item, BaseException):
                self._chunks.put(item)
                self.exhausted = True
                self.error = item
                # stops the bulk load (a stream's readinto may raise only OSError); never shown:
                # load_parts_into raises the producer's own error, self.error
                raise OSError(item)
            part, count, data = cast(tuple[GraphPart, int, bytes], item)
            self._buffer = memoryview(data)
            self._batch_quads += count
            with self._lock:
                _count(self._stats, part, self._progress, count)
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def _count(stats: BuildStats, part: GraphPart, progress: Progress | None, quads: int | None = None) -> None:
    quads = len(part.quads) if quads is None else quads
    stats.quads += quads
    if part.source is not None and not part.continued:
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
    clear_leftovers(store_dir)
    if not is_new_store(store_dir):
        store = _open(store_dir, read_only=False)
        try:
            return write_graphs(store, corpus, progress)
        finally:
            with contextlib.suppress(OSError):  # a failed write says why; the flush of a full disk adds nothing
                store.flush()
            del store
    return bulk_build(store_dir, lambda store: load_corpus_into(store, corpus, progress))


def is_new_store(store_dir: Path) -> bool:
    """True when ``store_dir`` holds no store yet (missing or an empty directory): a bulk load may make it."""
    store_dir = Path(store_dir)
    if store_dir.exists() and not store_dir.is_dir():
        raise StoreError("store_not_directory", store=store_dir)
    return _is_empty_dir(store_dir)


def bulk_build(store_dir: Path, load: Callable[[Store], BuildStats], replace: bool = False) -> BuildStats:
    """Make a new store at ``store_dir`` with ``load``, all or nothing.

    Oxigraph's bulk loader is not atomic, so the store is loaded in a sibling
    directory (``.NAME.building-PID``) and renamed into place when complete: a
    failure leaves nothing behind, and what a killed build left is removed by the
    next (`clear_leftovers`). With ``replace``, a store already at ``store_dir``
    gives way to the new one once that is complete (set aside as
    ``.NAME.old-PID`` for the moment of the swap); without, ``store_dir`` must be
    missing or empty.

    Raises
    ------
    StoreError
        The store could not be written (``store_new_failed``: disk full, …), or
        another build made a store at ``store_dir`` meanwhile (``store_built_meanwhile``).
    """
    store_dir = Path(store_dir)
    staging, retired = _leftover(store_dir, "building", os.getpid()), _leftover(store_dir, "old", os.getpid())
    clear_leftovers(store_dir)
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        try:
            store = Store(str(staging))
            stats = load(store)
            del store  # closes the database before the rename
        except OSError as exc:
            raise StoreError("store_new_failed", store=store_dir, reason=exc) from exc
        if store_dir.exists():
            if replace and not _is_empty_dir(store_dir):
                store_dir.rename(retired)
            else:
                try:
                    store_dir.rmdir()
                except OSError as exc:  # not empty: another build finished first
                    raise StoreError("store_built_meanwhile", store=store_dir) from exc
        staging.rename(store_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    return stats


def _leftover(store_dir: Path, kind: str, pid: int) -> Path:
    return store_dir.parent / f".{store_dir.name}.{kind}-{pid}"


def clear_leftovers(store_dir: Path) -> list[Path]:
    """Remove what builds killed half-way left beside ``store_dir``; return what was removed or restored.

    A staging store (``.NAME.building-PID``) of a process no longer running is
    removed. A store set aside for a swap (``.NAME.old-PID``) by a process no
    longer running goes back into place when the swap did not happen (no store at
    ``store_dir``), and is removed otherwise. Leftovers of running processes
    (another build) are left alone.
    """
    store_dir = Path(store_dir)
    if not store_dir.parent.is_dir():
        return []
    done = []
    for kind in ("old", "building"):  # a store set aside goes back before staging stores are removed
        for path in sorted(store_dir.parent.glob(f".{store_dir.name}.{kind}-*")):
            pid = path.name.rpartition("-")[2]
            if not pid.isdigit() or int(pid) == os.getpid() or is_running(int(pid)):
                continue
            if kind == "old" and _is_empty_dir(store_dir):
                if store_dir.exists():
                    store_dir.rmdir()
                path.rename(store_dir)
            else:
                shutil.rmtree(path, ignore_errors=True)
            done.append(path)
    return done


def optimize_store(store_dir: Path) -> float:
    """Compact an on-disk store (RocksDB full compaction); return the seconds it took.

    A bulk load leaves the store in many overlapping files; compacting them once
    makes every later query read fewer (at 150k rows: 6 s, then the named queries
    15–25 % faster). Updates compact by themselves, so this pays after a bulk build.
    """
    start = time.perf_counter()
    store = _open(Path(store_dir), read_only=False)
    store.optimize()
    store.flush()
    del store
    return time.perf_counter() - start


def _open(store_dir: Path, read_only: bool) -> Store:
    try:
        return Store.read_only(str(store_dir)) if read_only else Store(str(store_dir))
    except OSError as exc:
        # RocksDB names its lock file when another process holds the store ("While lock file: …/LOCK")
        key = "store_locked" if "lock" in str(exc).lower() else "store_open_failed"
        raise StoreError(key, store=store_dir, reason=exc) from exc


def document_graphs(store: Store) -> list[str]:
    """IRIs of the document graphs in a store (not the ontology, vocabulary or store-wide counts), sorted."""
    return sorted(g.value for g in store.named_graphs() if g.value not in iris.NON_DOCUMENT_GRAPHS)


def document_sources(store: Store) -> list[str]:
    """The source names (file names) of the documents a store holds, in the order of their graphs."""
    return [iris.decode_key(g.removeprefix(iris.GRAPH_PREFIX)) for g in document_graphs(store)]


def open_store(store_dir: Path, read_only: bool = True) -> Store:
    """Open the store built at ``store_dir`` (by `build_store` or `policykg build`), read-only by default.

    Raises
    ------
    StoreError
        The directory is missing or empty, or the store is locked by another process.
    """
    return _open(require_store(store_dir), read_only)


def require_store(store_dir: Path) -> Path:
    """``store_dir``, when it holds a store (one a build killed during its swap set aside is put back first).

    Raises
    ------
    StoreError
        The directory is missing or empty (with what to run to build one).
    """
    store_dir = Path(store_dir)
    if _is_empty_dir(store_dir) and any(store_dir.parent.glob(f".{store_dir.name}.old-*")):
        with contextlib.suppress(OSError):  # a reader without write access still gets the message below
            clear_leftovers(store_dir)
    if _is_empty_dir(store_dir):
        raise StoreError("store_missing", store=store_dir)
    return store_dir
