"""Documents written by the benchmark's corpus generator (`benchmarks/generate_corpus.py`), for tests
that need a corpus larger than the samples with a real place hierarchy (counties under cities
under provinces)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_corpus.py"


def generator() -> ModuleType:
    """The generator module, loaded from its file (benchmarks/ is not a package)."""
    module = sys.modules.get("generate_corpus")
    if module is None:
        spec = importlib.util.spec_from_file_location("generate_corpus", GENERATOR)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["generate_corpus"] = module
        spec.loader.exec_module(module)
    return module


def generated_documents(out: Path, docs: int, seed: int) -> list[Path]:
    """``docs`` generated documents (both layouts) written to ``out``, in name order."""
    generator().write_corpus(out, docs=docs, seed=seed)
    return sorted(p for p in out.iterdir() if p.suffix == ".txt")
