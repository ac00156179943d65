"""A `policykg serve` started as a user would (its own process), for the tests of the endpoint and its page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from policykg.graph.rdf.serve import free_port

__all__ = ["Served"]


class Served:
    """A running `policykg serve` and the lines it wrote on stderr."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        command = [sys.executable, "-c", "from policykg.cli import main; main()", "--lang", "en", "serve",
                   "--port", str(self.port), *args]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=env or dict(os.environ))
        self.lines: list[str] = []
        while True:
            line = self.proc.stderr.readline()
            if not line:
                raise AssertionError(f"serve ended early: {self.lines} {self.proc.stderr.read()}")
            self.lines.append(line.rstrip("\n"))
            if line.startswith("SPARQL endpoint:"):
                break
        self.lines.append(self.proc.stderr.readline().rstrip("\n"))  # the limits

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def child(self) -> int:
        """The oxigraph process the command started."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def stop(self, sig: int = signal.SIGINT) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        return self.proc.stderr.read()

    def post(self, path: str, data: dict[str, str], accept: str = "application/sparql-results+json",
             timeout: float = 60) -> tuple[int, str]:
        request = urllib.request.Request(self.url + path, data=urllib.parse.urlencode(data).encode(),
                                         headers={"Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")
