"""Run the `oxigraph` server over a store: a real SPARQL 1.1 endpoint.

`start_server` launches ``oxigraph serve-read-only --location DIR`` (or
``oxigraph serve`` when writable, in memory when no location is given) on
127.0.0.1 by default, waits until it answers, and returns an `OxigraphServer`
with its query, update and Graph Store Protocol URLs. The default graph is
the union of the named graphs (``--union-default-graph``), so ad-hoc queries
need no ``GRAPH`` clause; the named queries use ``GRAPH`` and run anywhere.

`policykg serve` does not expose this server: oxigraph executes ``SERVICE`` itself,
so the command puts `policykg.graph.rdf.endpoint` in front of it (the query page,
the read-only guard, the limits) and keeps oxigraph on a private port.

The binary comes with the ``serve`` extra (``pip install "policykg[serve]"``, the
``oxigraph`` package on PyPI): `oxigraph_binary` finds it beside the running
interpreter too, so a venv works without being activated.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import BackendError

__all__ = ["OxigraphServer", "oxigraph_binary", "free_port", "start_server", "stop_server", "running_server"]


def _candidates() -> list[Path]:
    """Where the `oxigraph` binary of the ``serve`` extra may be: beside the running interpreter
    (a venv used without activating it), the interpreter's scripts folder, then PATH."""
    names = ["oxigraph.exe", "oxigraph"] if os.name == "nt" else ["oxigraph"]
    folders = [Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))]
    found = [folder / name for folder in folders for name in names]
    on_path = shutil.which("oxigraph")
    if on_path:
        found.append(Path(on_path))
    return found


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable: ``$POLICYKG_OXIGRAPH``, else the first of `_candidates` that exists.

    Raises
    ------
    BackendError
        None was found (the message lists where it looked).
    """
    override = os.environ.get("POLICYKG_OXIGRAPH")
    if override:
        return override
    for path in _candidates():
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    searched = ", ".join(dict.fromkeys(str(p.parent) for p in _candidates())) + ", PATH"
    raise BackendError("oxigraph_missing", searched=searched)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass
class OxigraphServer:
    """A running `oxigraph` process and its endpoints."""

    process: subprocess.Popen
    url: str
    writable: bool

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint (``?graph=IRI``)."""
        return self.url + "/store"


def start_server(
    location: Path | None = None,
    host: str = "127.0.0.1",
    port: int | None = None,
    writable: bool = False,
    timeout: float = 30.0,
    query_timeout: float | None = None,
) -> OxigraphServer:
    """Start `oxigraph` and wait until it answers HTTP.

    Parameters
    ----------
    location
        The store directory; None serves an empty in-memory store (must be writable).
    host, port
        Where to listen; a free port is chosen when ``port`` is None.
    writable
        Accept updates and Graph Store Protocol writes (``oxigraph serve``); read-only otherwise.
    query_timeout
        Seconds after which oxigraph abandons a query (``--timeout-s``); None: no limit.

    Raises
    ------
    BackendError
        The binary is missing, or the server exits or does not answer within ``timeout``.
    """
    binary = oxigraph_binary()
    port = port or free_port(host)
    if location is None and not writable:
        raise BackendError("oxigraph_needs_store")
    command = [binary, "serve" if writable else "serve-read-only"]
    if location is not None:
        command += ["--location", str(location)]
    command += ["--bind", f"{host}:{port}", "--union-default-graph"]
    if query_timeout is not None:
        command += ["--timeout-s", str(max(1, round(query_timeout)))]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    server = OxigraphServer(process, f"http://{host}:{port}", writable)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
            raise BackendError("oxigraph_exited", status=process.returncode, message=err or "-")
        try:
            with urllib.request.urlopen(server.url + "/", timeout=1):
                return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    stop_server(server)
    raise BackendError("oxigraph_no_answer", url=server.url, seconds=timeout)


def _die_with_parent() -> None:
    # In the child before exec (Linux): SIGTERM it when the process that started it dies,
    # even by SIGKILL, so no oxigraph is left serving a port nobody answers for.
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def stop_server(server: OxigraphServer) -> None:
    """Stop the server process (terminate, then kill if it lingers)."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if process.stderr:
        process.stderr.close()


@contextmanager
def running_server(*args, **kwargs) -> Iterator[OxigraphServer]:
    """`start_server` as a context manager; the server is stopped on exit, whatever happens."""
    server = start_server(*args, **kwargs)
    try:
        yield server
    finally:
        stop_server(server)
