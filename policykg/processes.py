"""Process lifecycle: workers that end with their parent, whether a process runs, signals that unwind.

A reading worker outlives a parent killed with SIGKILL (nothing tells it the
parent is gone: it waits for its next task for ever), and a process stopped by
SIGTERM runs no ``finally`` block, so a half-built store stays on disk. Here:

- `init_worker`, the initializer of worker processes: the kernel kills the
  worker when its parent dies (Linux ``PR_SET_PDEATHSIG``; elsewhere a thread
  watches the parent), and Ctrl-C and SIGTERM are the parent's to handle;
- `is_running`, to tell a leftover of a dead process from one of a live one;
- `signals_unwind`, which turns SIGTERM (and SIGHUP) into `Terminated`, so
  ``finally`` blocks clean up as for Ctrl-C.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

__all__ = ["init_worker", "is_running", "Terminated", "signals_unwind"]

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def init_worker(parent_pid: int) -> None:
    """Set up a worker process of ``parent_pid``; for ``ProcessPoolExecutor(initializer=…, initargs=(pid,))``.

    The worker ends when its parent ends, whatever killed the parent. Ctrl-C
    (SIGINT, sent to the whole foreground group) is ignored: the parent stops
    the pool. SIGTERM and SIGHUP end the worker at once (a fork inherits the
    parent's handlers, which unwind the parent's work, not a worker's).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent(parent_pid)


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent_pid:  # the parent died before prctl took effect
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


def is_running(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user's counts; a dead one's number may be reused)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Terminated(SystemExit):
    """The process was asked to stop by a signal; exits with status 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_unwind() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise `Terminated` in the main thread (cleanup runs), as SIGINT does.

    Outside the main thread (where handlers cannot be set) the block runs unchanged.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, _raise_terminated) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
