"""Documents → persisted store in one pass: reading, graph making and indexing overlap.

`build_store` needs the whole `Corpus` first, because an agency's description
(its display name above all) is settled by every document that names it. But
which agency a surface name denotes is settled by its own document alone
(`policykg.loaders.agencies.CorpusBuilder`), and the measures — four fifths of
the quads — need only that. So `build_store_from_documents`:

1. reads the documents in worker processes (`policykg.loaders.iter_documents`),
2. as each arrives, adds it to the corpus and writes its facts and measures as
   N-Quads text (`policykg.graph.build.DocumentGraph`), which a bulk load parses
   and indexes on another core (`policykg.graph.store.load_parts_into`),
3. when the last is read, settles the agencies and writes each document graph's
   agency descriptions into the same graph.

The store holds exactly what `build_store(load_corpus(paths), …)` makes
(tests/graph/test_pipeline.py compares them). An existing store is updated
document by document, in transactions, as `build_store` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pyoxigraph import Store

from policykg.graph.build import DocumentGraph, GraphPart
from policykg.graph.nquads import NQUADS_TERMS
from policykg.graph.store import BuildStats, Progress, build_store, bulk_build, is_new_store, load_parts_into
from policykg.records import Corpus, LoadResult

__all__ = ["build_store_from_documents"]


def build_store_from_documents(
    paths: Sequence[str | Path],
    store_dir: Path,
    encoding: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    on_error: Callable[[Path, Exception], None] | None = None,
) -> tuple[Corpus, BuildStats]:
    """Read ``paths`` into the store at ``store_dir``; return the corpus read and what was written.

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
    from policykg.loaders import iter_documents
    from policykg.loaders.agencies import CorpusBuilder

    results = iter_documents(paths, encoding, workers, on_error=on_error)
    store_dir = Path(store_dir)
    if not is_new_store(store_dir):
        builder = CorpusBuilder()
        for result in results:
            builder.add(result)
        corpus = builder.finish()
        return corpus, build_store(corpus, store_dir, progress)
    builder = CorpusBuilder()

    def load(store: Store) -> BuildStats:
        return load_parts_into(store, _parts(results, builder), progress)

    stats = bulk_build(store_dir, load)
    return builder.corpus, stats


def _parts(results: Iterator[LoadResult], builder) -> Iterator[GraphPart]:
    """Each document's facts and measures as it is read; then, the corpus whole, its agencies."""
    started: list[DocumentGraph] = []
    for result in results:
        builder.add(result)
        graph = DocumentGraph(builder.corpus, result.document, result.rows, NQUADS_TERMS)
        yield graph.part
        started.append(graph)
    corpus = builder.finish()
    assigned: dict[str, list[tuple[str, str]]] = {}
    for (source, name), agency_id in corpus.assignments.items():
        assigned.setdefault(source, []).append((name, agency_id))
    for graph in started:
        yield graph.finish(corpus, assigned.get(graph.source, []))
