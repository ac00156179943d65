"""Run the ``policykg`` command line in a process of its own, as a person runs it.

`CliRunner` runs a command inside the test process, which has imported
whatever earlier tests imported and cannot be killed; the fault tests need a
real process: a parent that imports only what the command imports, worker
processes of its own, signals and exit statuses.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["policykg_command", "run_policykg", "Started", "start_policykg", "generated_documents", "children_of",
           "is_alive"]


def policykg_command(*args: str | Path) -> list[str]:
    """The argv of ``policykg ARGS`` run by this interpreter (the package as installed in the test venv)."""
    return [sys.executable, "-c", "from policykg.cli import main; main()", *map(str, args)]


def _env(lang: str, extra: dict[str, str] | None) -> dict[str, str]:
    return {**os.environ, "POLICYKG_LANG": lang, **(extra or {})}


def run_policykg(*args: str | Path, cwd: Path | None = None, lang: str = "en", env: dict[str, str] | None = None,
                 timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``policykg ARGS`` to its end; stdout and stderr captured as text."""
    return subprocess.run(policykg_command(*args), cwd=cwd, env=_env(lang, env), capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


class Started:
    """A ``policykg`` process started in the background; its stderr goes to a file.

    A file, not a pipe: a child the process leaves behind (a worker outliving
    it) would hold a pipe open, and reading it would wait for ever.
    """

    def __init__(self, args: list[str], stderr: Path, cwd: Path | None, env: dict[str, str]) -> None:
        self.stderr_path = stderr
        with stderr.open("wb") as sink:
            self.process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=sink,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid = self.process.pid

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def poll(self) -> int | None:
        return self.process.poll()

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def send_signal(self, signum: int) -> None:
        self.process.send_signal(signum)

    def kill(self) -> None:
        """SIGKILL to the process and everything in its session (what it may have left behind)."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)

    @property
    def returncode(self) -> int | None:
        return self.process.returncode


def start_policykg(*args: str | Path, stderr: Path, cwd: Path | None = None, lang: str = "en",
                   env: dict[str, str] | None = None) -> Started:
    """Start ``policykg ARGS`` in a session of its own (for signals), stderr into the file ``stderr``."""
    return Started(policykg_command(*args), stderr, cwd, _env(lang, env))


def generated_documents(out: Path, docs: int, seed: int = 7) -> list[Path]:
    """``docs`` documents from the benchmark generator (realistic text tables), sorted by name."""
    import importlib.util

    source = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_corpus.py"
    spec = importlib.util.spec_from_file_location("policykg_generate_corpus", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.write_corpus(out, docs=docs, seed=seed)
    return sorted(p for p in out.iterdir() if p.suffix == ".txt")


def children_of(pid: int) -> list[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state, ppid, …
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def is_alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie waiting for its parent counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"
