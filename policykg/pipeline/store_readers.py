"""The stages of ``policykg run`` that read only the built store, run as a process of their own.

``python -m policykg.pipeline.store_readers OUT LANG AS_OF`` opens ``OUT/store`` read-only, runs
`policykg.pipeline.stages.STORE_READERS` (the named queries, validation) into ``OUT`` and writes one
pickle to its standard output: ``("done", [(stage, written, seconds), …], steps)``, or
``("failed", error)``; `policykg.pipeline.stages` starts it beside the stages that read the rows and
passes the steps on. A command of its own, not a forked or spawned worker: nothing of the parent
(its store's threads, its memory, its ``__main__``) is carried into it.
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

from policykg.pipeline.inputs import Step
from policykg.records import Corpus

__all__ = ["run_store_readers", "main"]


def run_store_readers(out: Path, lang: str, as_of: str) -> tuple[list[tuple[str, list[tuple[str, Path]], float]],
                                                                  list[Step]]:
    """Each store-reading stage on the store in ``out``: its files and seconds, and the steps it reported."""
    from policykg.graph.rdf.store import open_store
    from policykg.pipeline.stages import STAGES, STORE_READERS, RunContext

    steps: list[Step] = []
    ctx = RunContext(out=out, results=[], corpus=Corpus(), lang=lang, on_step=steps.append,
                     store=open_store(out / "store"), as_of=as_of)
    stages = dict(STAGES)
    done = []
    for name in STORE_READERS:
        t0 = time.perf_counter()
        written = stages[name](ctx)
        done.append((name, written, time.perf_counter() - t0))
    return done, steps


def main(argv: list[str]) -> int:
    out, lang, as_of = argv
    try:
        done, steps = run_store_readers(Path(out), lang, as_of)
        answer: tuple = ("done", done, steps)
    except Exception as exc:  # handed to the run, which raises it in its own process
        try:
            pickle.dumps(exc)
            answer = ("failed", exc)
        except Exception:
            answer = ("failed", RuntimeError(f"{type(exc).__name__}: {exc}"))
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
