"""Documents → persisted store in one pass: graph making and indexing overlap the reading.

`build_store` needs the whole `Corpus` first, because an agency's description
(its display name above all) is settled by every document that names it. But
which agency a surface name denotes is settled by its own document alone, and
the measures — four fifths of the quads — need only that. So
`build_store_from_results`, given the documents' results as they are read and a
`CorpusAccumulator` (`policykg.loaders.agencies.CorpusBuilder`):

1. as each result arrives, adds it to the corpus and writes its facts and
   measures as N-Quads text (`policykg.graph.rdf.build.DocumentGraph`), which a
   bulk load parses and indexes on another core (`store.load_parts_into`),
2. when the last is read, settles the agencies and writes each document graph's
   agency descriptions into the same graph.

The store holds exactly what `build_store(corpus, …)` makes from the same
results (tests/graph/test_pipeline.py compares them). An existing store is
updated document by document, in transactions, as `build_store` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from pyoxigraph import Store

from policykg.graph.rdf.build import DocumentGraph, GraphPart
from policykg.graph.rdf.nquads import NQUADS_TERMS
from policykg.graph.rdf.store import (
    BuildStats,
    Progress,
    build_store,
    bulk_build,
    is_new_store,
    load_parts_into,
    with_summary,
)
from policykg.records import Corpus, LoadResult

__all__ = ["CorpusAccumulator", "build_store_from_results"]


class CorpusAccumulator(Protocol):
    """Builds a corpus one document at a time: a document's name assignments are final once added."""

    corpus: Corpus

    def add(self, result: LoadResult) -> None: ...

    def finish(self) -> Corpus: ...


def build_store_from_results(
    results: Iterable[LoadResult],
    builder: CorpusAccumulator,
    store_dir: Path,
    progress: Progress | None = None,
    replace: bool = False,
) -> BuildStats:
    """Write the documents of ``results`` into the store at ``store_dir`` as they come.

    ``builder`` receives every result; afterwards ``builder.corpus`` is the whole corpus.

    Parameters
    ----------
    results
        The documents read, in order (an iterator may still be reading them).
    progress
        ``progress(source, measures, quads)`` once per document graph written.
    replace
        Make a new store of exactly these documents even where one exists; it
        replaces the old one when complete (`policykg.graph.rdf.store.bulk_build`).
        Otherwise an existing store is updated document by document.

    Raises
    ------
    StoreError
        ``store_dir`` is a file, or the store is locked by another process.
    """
    store_dir = Path(store_dir)
    if not is_new_store(store_dir) and not replace:
        for result in results:
            builder.add(result)
        return build_store(builder.finish(), store_dir, progress)

    def load(store: Store) -> BuildStats:
        return load_parts_into(store, with_summary(_parts(iter(results), builder), lambda: builder.corpus),
                               progress)

    return bulk_build(store_dir, load, replace=replace)


def _parts(results: Iterator[LoadResult], builder: CorpusAccumulator) -> Iterator[GraphPart]:
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
