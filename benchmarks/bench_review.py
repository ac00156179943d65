"""Agency-name review time: the proposals and the review workbook, on the samples and on a generated corpus.

Prints figures; asserts nothing (speed is measured here, never in tests).

    python benchmarks/bench_review.py [--rows 150000] [--seed 1] [--repeat 3]

Times are CPU seconds of this process (`time.process_time`), the median of
``--repeat`` runs, so that other work on a shared machine does not count. The
generated corpus is `benchmarks/generate_corpus.py`'s, read once (not timed).
It names each body one way, so every merge it gets proposed is a false one:
the proposal count there is a precision check as well.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policykg import sample_paths
from policykg.loaders import load_corpus
from policykg.loaders.agency_review import review_proposals
from policykg.records import Corpus
from policykg.review_workbook import write_review_workbook


def _cpu(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = func()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def bench(label: str, corpus: Corpus, repeat: int, folder: Path) -> None:
    seconds, proposals = _cpu(lambda: review_proposals(corpus), repeat)
    merges = sum(p.kind == "merge" for p in proposals)
    print(f"{label}: {len(corpus.rows)} rows, {len(corpus.agencies)} agencies; "
          f"proposals {seconds:.2f} s CPU ({merges} merges, {len(proposals) - merges} splits)")
    seconds, path = _cpu(lambda: write_review_workbook(corpus, proposals, folder / f"{label}.xlsx"), repeat)
    print(f"{label}: review workbook {seconds:.2f} s CPU, {path.stat().st_size / 2**20:.1f} MiB")


def _generated(rows: int, seed: int, folder: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("generate_corpus", Path(__file__).with_name("generate_corpus.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["generate_corpus"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    module.write_corpus(folder, rows=rows, seed=seed)
    return sorted(folder.glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000, help="rows of the generated corpus (0: samples only)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        folder = Path(tmp)
        bench("samples", load_corpus(sample_paths()), args.repeat, folder)
        if args.rows:
            paths = _generated(args.rows, args.seed, folder / "generated")
            bench(f"generated-{args.rows}", load_corpus(paths), args.repeat, folder)


if __name__ == "__main__":
    main()
