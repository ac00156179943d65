"""Run the ``policykg`` command line in a process of its own, as a person runs it.

`CliRunner` runs a command inside the test process, which has imported
whatever earlier tests imported and cannot be killed; the fault tests need a
real process: a parent that imports only what the command imports, worker
processes of its own, signals and exit statuses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["policykg_command", "run_policykg", "start_policykg", "generated_documents", "children_of", "is_alive"]


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


def start_policykg(*args: str | Path, cwd: Path | None = None, lang: str = "en",
                   env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``policykg ARGS`` (stderr piped, stdout discarded) in a session of its own, for signals."""
    return subprocess.Popen(policykg_command(*args), cwd=cwd, env=_env(lang, env), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, start_new_session=True)


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
