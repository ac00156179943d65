"""Run the `oxigraph` server over a store: a real SPARQL 1.1 endpoint with its query page.

`start_server` launches ``oxigraph serve-read-only --location DIR`` (or
``oxigraph serve`` when writable, in memory when no location is given) on
127.0.0.1 by default, waits until it answers, and returns an `OxigraphServer`
with its query, update and Graph Store Protocol URLs. The default graph is
the union of the named graphs (``--union-default-graph``), so ad-hoc queries
need no ``GRAPH`` clause; the named queries use ``GRAPH`` and run anywhere.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import BackendError

__all__ = ["OxigraphServer", "oxigraph_binary", "free_port", "start_server", "stop_server", "running_server"]


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: ``$POLICYKG_OXIGRAPH`` or the one on PATH."""
    path = os.environ.get("POLICYKG_OXIGRAPH") or shutil.which("oxigraph")
    if not path:
        raise BackendError(
            "the `oxigraph` server binary was not found on PATH; install it with `pip install oxigraph` "
            "or set POLICYKG_OXIGRAPH to its path"
        )
    return path


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

    Raises
    ------
    BackendError
        The binary is missing, or the server exits or does not answer within ``timeout``.
    """
    binary = oxigraph_binary()
    port = port or free_port(host)
    if location is None and not writable:
        raise BackendError("a read-only server needs a store directory (--store); an in-memory server must be writable")
    command = [binary, "serve" if writable else "serve-read-only"]
    if location is not None:
        command += ["--location", str(location)]
    command += ["--bind", f"{host}:{port}", "--union-default-graph"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = OxigraphServer(process, f"http://{host}:{port}", writable)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
            raise BackendError(f"oxigraph exited with status {process.returncode}: {err or 'no message'}")
        try:
            with urllib.request.urlopen(server.url + "/", timeout=1):
                return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    stop_server(server)
    raise BackendError(f"oxigraph did not answer on {server.url} within {timeout:.0f} s")


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
