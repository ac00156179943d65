"""The benchmark corpus generator: deterministic, and its documents read back as its truth file says."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from policykg.loaders import parse_text

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_corpus.py"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("generate_corpus", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus_dir(gen, tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    gen.write_corpus(out, docs=3, seed=7)
    return out


def test_same_seed_same_bytes(gen, corpus_dir, tmp_path):
    gen.write_corpus(tmp_path, docs=3, seed=7)
    names = sorted(p.name for p in corpus_dir.iterdir())
    assert names == sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 4  # three documents and truth.jsonl
    for name in names:
        assert (corpus_dir / name).read_bytes() == (tmp_path / name).read_bytes()


def test_document_k_does_not_depend_on_corpus_size(gen, corpus_dir, tmp_path):
    gen.write_corpus(tmp_path, docs=1, seed=7)
    first = next(p.name for p in tmp_path.iterdir() if p.suffix == ".txt")
    assert (tmp_path / first).read_bytes() == (corpus_dir / first).read_bytes()


def test_other_seed_other_documents(gen, corpus_dir, tmp_path):
    gen.write_corpus(tmp_path, docs=3, seed=8)
    assert (tmp_path / "truth.jsonl").read_bytes() != (corpus_dir / "truth.jsonl").read_bytes()


def test_documents_parse_to_their_truth(gen, corpus_dir):
    docs, rows = gen.read_truth(corpus_dir / "truth.jsonl")
    assert len(docs) == 3
    for source, doc in docs.items():
        result = parse_text((corpus_dir / source).read_text(encoding="utf-8"), source)
        assert result.document.jurisdiction == doc["jurisdiction"]
        assert result.document.plan_year == doc["plan_year"]
        expected = rows[source]
        assert len(expected) == doc["rows"] > 0
        got = [{"seq": r.seq, "lead": list(r.lead), "responsible": list(r.responsible), "deadline": r.deadline,
                "indicator": r.indicator, "measure": r.measure} for r in result.rows]
        want = [{k: e[k] for k in ("seq", "lead", "responsible", "deadline", "indicator", "measure")} for e in expected]
        assert got == want, source


def test_truth_records_are_json_with_the_row_fields(corpus_dir):
    records = [json.loads(line) for line in (corpus_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in records if r["kind"] == "row"]
    assert rows and set(rows[0]) == {"kind", "source", "seq", "indicator_raw", "indicator", "item", "measure", "lead",
                                     "responsible", "deadline_raw", "deadline"}
