"""The stages of ``policykg run`` that read only the rows, run in a forked process while the store is built.

The rows files, the agency list, the Neo4j CSVs, the report and the pictures are
made from the corpus alone, and at province scale they take about a minute on
one core, as long as the store build, which leaves part of the other core idle.
So once the documents are read, `start_row_readers` forks the process: the child
has the corpus already (the pages are shared until written), runs those stages
and hands back, through a pipe, ``("done", [(stage, written, seconds), …], steps)``
or ``("failed", error)``; the parent builds the store meanwhile and collects the
answer with `RowReaders.finish`, passing the steps on.

Fork, not a fresh command as for the store readers (`policykg.pipeline.store_readers`):
the child needs the corpus, which a fresh process would have to read or
unpickle again. It is forked before the store is opened, so it carries no
store threads; where fork is missing (Windows) or threads are running, the
stages run in this process as before (`can_fork`).
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError
from policykg.pipeline.inputs import Step

__all__ = ["RowReaders", "can_fork", "start_row_readers"]

Done = list[tuple[str, list[tuple[str, Path]], float]]
# a stage of `policykg.pipeline.stages` on its RunContext (a dataclass; not imported: stages imports this module)
Stage = Callable[[Any], list[tuple[str, Path]]]


def can_fork() -> bool:
    """Whether this process may fork safely: the platform forks and no other thread runs (a lock it holds
    would stay locked in the child for ever)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


class RowReaders:
    """A forked child running row-reading stages; `finish` waits for it, `kill` stops it."""

    def __init__(self, pid: int, answers: int) -> None:
        self.pid = pid
        self._answers = answers

    def finish(self) -> tuple[Done, list[Step]]:
        """The stages' files and seconds, and their steps; the child's error raised here."""
        with os.fdopen(self._answers, "rb") as stream:
            answer = stream.read()
        _, status = os.waitpid(self.pid, 0)
        if not answer:
            raise PolicyKGError("run_row_readers_failed", status=os.waitstatus_to_exitcode(status))
        result = pickle.loads(answer)
        if result[0] == "failed":
            raise result[1]
        return result[1], result[2]

    def kill(self) -> None:
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except ChildProcessError:  # already collected
            pass
        except ProcessLookupError:
            pass
        try:
            os.close(self._answers)
        except OSError:
            pass


def start_row_readers(ctx: Any, stages: Sequence[tuple[str, Stage]]) -> RowReaders:
    """Fork a child that runs ``stages`` on ``ctx`` (its steps kept for the parent) and exits."""
    from policykg.processes import init_worker

    parent = os.getpid()
    answers, child_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(child_end)
        return RowReaders(pid, answers)
    # the child: whatever happens, it leaves by os._exit (never returns into the parent's code)
    status = 0
    try:
        os.close(answers)
        init_worker(parent)
        steps: list[Step] = []
        child = replace(ctx, on_step=steps.append)
        try:
            done: Done = []
            for name, stage in stages:
                t0 = time.perf_counter()
                written = stage(child)
                done.append((name, written, time.perf_counter() - t0))
            answer: tuple = ("done", done, steps)
        except Exception as exc:  # raised by the parent, in its own process
            answer = ("failed", exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            data = pickle.dumps(("failed", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))
        with os.fdopen(child_end, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        status = 1
    finally:
        for stream in (sys.stdout, sys.stderr):  # os._exit drops what is still buffered
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(status)
