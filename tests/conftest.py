"""Shared pytest fixtures. Each backend keeps its own clearly marked section."""

from __future__ import annotations

# =============================================================================================
# Oxigraph / RDF graph (policykg.graph, policykg.queries) — owned by the RDF graph stage.
# A missing `oxigraph` binary makes these fixtures FAIL (BackendError), never skip (style.md).
# =============================================================================================

import pytest


@pytest.fixture(scope="session")
def sample_corpus():
    """The bundled samples read by the loaders (the Corpus every sample test starts from)."""
    from policykg import sample_paths
    from policykg.loaders import load_corpus

    return load_corpus(sample_paths())


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory, sample_corpus):
    """An on-disk pyoxigraph store built from the samples (closed again, so a server can open it)."""
    from policykg.graph import build_store

    path = tmp_path_factory.mktemp("rdf") / "samples-store"
    build_store(sample_corpus, path)
    return path


@pytest.fixture(scope="session")
def oxigraph_server(sample_store_dir):
    """A real read-only `oxigraph serve-read-only` over the sample store, on 127.0.0.1 and a free port."""
    from policykg.graph.serve import start_server, stop_server

    server = start_server(sample_store_dir, host="127.0.0.1", writable=False)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture()
def oxigraph_empty_server():
    """A real writable, empty, in-memory `oxigraph serve` (for `publish`)."""
    from policykg.graph.serve import start_server, stop_server

    server = start_server(None, host="127.0.0.1", writable=True)
    try:
        yield server
    finally:
        stop_server(server)

# ============================================================================================= end of RDF section
