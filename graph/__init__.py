"""policykg.graph: the graph side, one subpackage per job.

- `policykg.graph.rdf`: rows → RDF, one named graph per document, in pyoxigraph
  stores (build, store, rebuild, validate, export, serve, publish).
- `policykg.graph.property`: the same data as a property graph over Bolt
  (Neo4j, FalkorDB) and as CSV for ``neo4j-admin``.
- `policykg.graph.analytics`: metrics, projections and roll-ups over the rows
  (what the reports and pictures draw).

The RDF store's main functions are re-exported here, imported on first use, so
that importing `policykg.graph.analytics` does not load the RDF stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from policykg.messages import render

if TYPE_CHECKING:
    from policykg.graph.rdf.build import GraphPart, build_document_graph, build_graphs, vocabulary_graphs
    from policykg.graph.rdf.rebuild import corpus_from_store
    from policykg.graph.rdf.store import (
        BuildStats,
        build_store,
        document_graphs,
        load_corpus_into,
        open_store,
        replace_graph,
        write_graphs,
    )

# name → the module of policykg.graph.rdf that defines it
_RDF_EXPORTS = {
    "GraphPart": "build",
    "build_document_graph": "build",
    "build_graphs": "build",
    "vocabulary_graphs": "build",
    "corpus_from_store": "rebuild",
    "BuildStats": "store",
    "build_store": "store",
    "load_corpus_into": "store",
    "write_graphs": "store",
    "replace_graph": "store",
    "open_store": "store",
    "document_graphs": "store",
}

__all__ = list(_RDF_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _RDF_EXPORTS.get(name)
    if module is None:
        # AttributeError, as Python's own lookup raises (hasattr, getattr with a default rely on it)
        raise AttributeError(render("module_no_attribute", module=__name__, name=name))
    return getattr(importlib.import_module(f"policykg.graph.rdf.{module}"), name)
