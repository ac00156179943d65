"""Traditional → simplified folding: the `opencc` wheel (reading) against `opencc-purepy` (the model's table).

    python benchmarks/bench_folding.py [DOCS_DIR …]      # default: the real corpus and the samples

Reading folds text with a one-character table built once per process from `opencc`'s t2s
(loaders/hanzi.py); the indicator model stores a table read from `opencc-purepy`'s TSCharacters.txt
(training/indicators/build_model.py). This prints, side by side: the time to build each table, its
size, the characters the two fold differently, and whether folding every line of the documents
given — and of their traditional-script renderings (`opencc` s2t) — gives the same text with both.
Progress on stderr, figures on stdout.
"""

from __future__ import annotations

import sys
import time
from importlib import resources
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "corpus" / "real" / "docs", ROOT / "policykg" / "samples"]
BLOCK = (0x4E00, 0xA000)


def opencc_table() -> dict[int, str]:
    chars = "".join(chr(c) for c in range(*BLOCK))
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return {ord(t): s for t, s in zip(chars, converted) if len(s) == 1 and s != t}


def purepy_table() -> dict[int, str]:
    text = resources.files("opencc_purepy").joinpath("dicts/TSCharacters.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if "\t" in line:
            t, choices = line.split("\t", 1)
            first = choices.split()[0]
            if len(t) == 1 and len(first) == 1 and first != t:
                table[ord(t)] = first
    return table


def timed(make):
    start = time.perf_counter()
    out = make()
    return out, time.perf_counter() - start


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [d for d in DEFAULT if d.is_dir()]
    a, ta = timed(opencc_table)
    b, tb = timed(purepy_table)
    print(f"opencc {opencc.__version__ if hasattr(opencc, '__version__') else ''} t2s table: {len(a):,} characters, "
          f"built in {ta * 1000:.0f} ms")
    print(f"opencc-purepy TSCharacters table: {len(b):,} characters, read in {tb * 1000:.0f} ms")
    both = a.keys() & b.keys()
    differ = sorted(c for c in both if a[c] != b[c])
    only_b_in_block = sorted(c for c in b.keys() - a.keys() if BLOCK[0] <= c < BLOCK[1])
    print(f"characters both fold: {len(both):,}; folded differently: {len(differ)} "
          f"{''.join(chr(c) + '→' + a[c] + '/' + b[c] + ' ' for c in differ[:10])}")
    print(f"folded by the model's table only, inside the CJK block: {len(only_b_in_block)}; outside it: "
          f"{len(b.keys() - a.keys()) - len(only_b_in_block)}")
    s2t = opencc.OpenCC("s2t")
    lines = 0
    unequal = 0
    chars = 0
    start = time.perf_counter()
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for original in text.splitlines():
                for line in (original, s2t.convert(original)):
                    lines += 1
                    chars += len(line)
                    if line.translate(a) != line.translate(b):
                        unequal += 1
                        if unequal <= 5:
                            print(f"  differs: {path.name}: {line[:60]}", file=sys.stderr)
    print(f"lines folded ({', '.join(str(f) for f in folders)}; each also in traditional script): {lines:,} "
          f"({chars:,} characters), folded differently by the two tables: {unequal} "
          f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
