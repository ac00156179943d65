"""policykg.graph: rows → RDF, one named graph per source document, in pyoxigraph stores.

`build_graphs` turns a `Corpus` into quads (pure), `build_store` writes them to
an on-disk store, `open_store` opens what a command works on, and
`corpus_from_store` reads the rows back. Export, validation, serving and
publishing live in `export`, `validate`, `serve` and `publish`.
"""

from __future__ import annotations

from policykg.graph.build import GraphPart, build_document_graph, build_graphs, vocabulary_graphs
from policykg.graph.rebuild import corpus_from_store
from policykg.graph.store import (
    BuildStats,
    build_store,
    document_graphs,
    load_corpus_files,
    load_corpus_into,
    open_store,
    replace_graph,
    write_graphs,
)

__all__ = [
    "GraphPart",
    "BuildStats",
    "build_document_graph",
    "build_graphs",
    "vocabulary_graphs",
    "build_store",
    "load_corpus_into",
    "write_graphs",
    "replace_graph",
    "open_store",
    "document_graphs",
    "load_corpus_files",
    "corpus_from_store",
]
