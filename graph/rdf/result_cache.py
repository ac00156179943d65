"""Answers of queries `policykg serve` has already answered, kept while the store cannot change.

A planner's dashboard and an analyst's notebook ask the same few questions again and again (the
ranking, a city's workload, who depends on whom), and at province scale one answer costs the
engine up to a second of one of the server's few slots: eight people asking at once wait in line
behind each other's repeats. The store behind `policykg serve` cannot change while it is served
read-only (``oxigraph serve-read-only``; another process writing it meanwhile is not allowed), so
an answer, keyed by the exact query text sent to the engine (parameters already bound into it),
the dataset and the format asked for, stays the answer. With ``--writable`` every update and
Graph Store write goes through the same front, which empties the cache first.

Only successful answers are kept; an answer above `ResultCache.entry_bytes` is not, and the least
recently used go when the total passes `ResultCache.total_bytes`. Requests for an answer being
computed wait for it instead of computing it again (a burst of the same question costs one run).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

__all__ = ["ResultCache", "Answer"]

# (HTTP status, headers, body) as the front relays it
Answer = tuple[int, dict[str, str], bytes]


class _Pending:
    """An answer one thread is computing; the others wait on ``done``."""

    __slots__ = ("done", "answer")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: Answer | None = None


class ResultCache:
    """Successful answers by key, least recently used first out, at most ``total_bytes`` of bodies."""

    def __init__(self, total_bytes: int = 64 << 20, entry_bytes: int = 8 << 20) -> None:
        self.total_bytes = total_bytes
        self.entry_bytes = min(entry_bytes, total_bytes)
        self._answers: OrderedDict[Hashable, Answer] = OrderedDict()
        self._pending: dict[Hashable, _Pending] = {}
        self._size = 0
        self._generation = 0  # bumped by clear(): an answer computed before it is not kept
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.total_bytes > 0

    def answer(self, key: Hashable, compute: Callable[[], Answer]) -> Answer:
        """The kept answer for ``key``, else ``compute()`` (kept when successful and small enough).

        A caller that finds the same key being computed waits for that answer; if that computation
        fails (raises, or answers with an error status), the waiting caller computes its own.
        """
        if not self.enabled:
            return compute()
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
                self.hits += 1
                return kept
            pending = self._pending.get(key)
            mine = pending is None
            if mine:
                pending = self._pending[key] = _Pending()
                generation = self._generation
            self.misses += 1
        assert pending is not None
        if not mine:
            pending.done.wait()
            return pending.answer if pending.answer is not None else compute()
        try:
            answer = compute()
            if answer[0] == 200:
                pending.answer = answer
                self._keep(key, answer, generation)
            return answer
        finally:
            with self._lock:
                self._pending.pop(key, None)
            pending.done.set()

    def _keep(self, key: Hashable, answer: Answer, generation: int) -> None:
        size = len(answer[2])
        if size > self.entry_bytes:
            return
        with self._lock:
            if generation != self._generation:
                return  # the store changed while this answer was computed
            self._answers[key] = answer
            self._size += size
            while self._size > self.total_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._size -= len(dropped[2])

    def clear(self) -> None:
        """Forget every answer (the store is about to change)."""
        with self._lock:
            self._answers.clear()
            self._size = 0
            self._generation += 1
