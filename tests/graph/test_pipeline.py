"""Documents → store in one pass (`policykg.graph.rdf.one_pass`) makes exactly the store of read-then-build."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from pyoxigraph import Store

from policykg import sample_paths
from policykg.errors import InputError, PolicyKGError
from policykg.graph import build_store
from policykg.graph.rdf.store import load_parts_into
from policykg.loaders import load_corpus
from policykg.pipeline import build_store_from_documents

_GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_corpus.py"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    """24 generated documents (enough for worker processes to be used), both layouts."""
    spec = importlib.util.spec_from_file_location("generate_corpus", _GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("generated")
    module.write_corpus(out, docs=24, seed=11)
    return sorted(p for p in out.iterdir() if p.suffix == ".txt")


def _quads(store_dir: Path) -> set[str]:
    store = Store.read_only(str(store_dir))
    return {str(q) for q in store if not q.subject.__class__.__name__ == "BlankNode"}


def _reference(paths: list[Path], tmp_path: Path) -> tuple[set[str], object]:
    corpus = load_corpus(paths, workers=1)
    build_store(corpus, tmp_path / "reference")
    return _quads(tmp_path / "reference"), corpus


def test_samples_one_pass_equals_read_then_build(tmp_path):
    paths = [Path(p) for p in sample_paths()]
    expected, corpus = _reference(paths, tmp_path)
    got_corpus, stats = build_store_from_documents(paths, tmp_path / "kg")
    assert _quads(tmp_path / "kg") == expected
    assert got_corpus == corpus
    assert (stats.documents, stats.measures) == (len(paths), len(corpus.rows))
    assert stats.quads == len(Store.read_only(str(tmp_path / "kg")))


@pytest.mark.parametrize("loaders,batch", [(1, 1_000_000), (2, 2_000), (3, 500)])
def test_generated_read_by_workers_equals_read_then_build(generated, tmp_path, monkeypatch, loaders, batch):
    from policykg.graph.rdf import store as store_module

    # several loader threads and small batches: a document's graph is spread over many bulk loads
    monkeypatch.setattr(store_module, "_LOADERS", loaders)
    monkeypatch.setattr(store_module, "_BULK_QUADS", batch)
    expected, corpus = _reference(generated, tmp_path)
    got_corpus, stats = build_store_from_documents(generated, tmp_path / "kg", workers=2)
    assert _quads(tmp_path / "kg") == expected
    assert got_corpus.rows == corpus.rows
    assert got_corpus.agencies == corpus.agencies
    assert got_corpus.assignments == corpus.assignments
    assert stats.documents == len(generated)


def test_progress_once_per_document(generated, tmp_path):
    seen: list[str] = []
    steps: list[tuple[str, int]] = []
    build_store_from_documents(generated[:20], tmp_path / "kg", workers=2,
                               progress=lambda source, measures, quads: seen.append(source),
                               on_step=lambda step: steps.append((step.key, step.values["index"])))
    assert seen == [p.name for p in generated[:20]]
    assert steps == [("document_read", i) for i in range(1, 21)]


def test_existing_store_is_updated_document_by_document(tmp_path):
    paths = [Path(p) for p in sample_paths()]
    build_store_from_documents(paths[:2], tmp_path / "kg")
    build_store_from_documents(paths, tmp_path / "kg")  # updates: the two again, three more
    expected, _ = _reference(paths, tmp_path)
    assert _quads(tmp_path / "kg") == expected


def test_a_missing_file_is_reported_and_the_rest_written(generated, tmp_path):
    reported: list[str] = []
    paths = [*generated[:18], tmp_path / "missing.txt", *generated[18:]]
    corpus, stats = build_store_from_documents(paths, tmp_path / "kg", workers=2,
                                               on_step=lambda step: reported.append(step.key))
    assert reported == ["document_read"] * 18 + ["document_skipped"] + ["document_read"] * (len(generated) - 18)
    assert stats.documents == len(generated)
    assert stats.left_out == ["missing.txt"]
    assert [d.source for d in corpus.documents] == [p.name for p in generated]


def test_nothing_readable_makes_no_store(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)))
    with pytest.raises(PolicyKGError, match="junk.txt"):
        build_store_from_documents([junk, tmp_path / "missing.txt"], tmp_path / "kg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.txt"]


def test_a_failing_producer_stops_every_loader(tmp_path, monkeypatch):
    from policykg.graph.rdf import store as store_module

    monkeypatch.setattr(store_module, "_LOADERS", 3)

    def parts():
        raise InputError("broken part")
        yield  # pragma: no cover

    with pytest.raises(InputError, match="broken part"):
        load_parts_into(Store(), parts())


def test_build_optimize_keeps_every_quad(tmp_path):
    """`policykg build --optimize` compacts the store: the same quads, still updatable."""
    from click.testing import CliRunner

    from policykg.cli import cli

    expected, _ = _reference(sample_paths(), tmp_path)
    result = CliRunner().invoke(cli, ["--lang", "en", "build", "--store", str(tmp_path / "kg"), "--optimize"])
    assert result.exit_code == 0, result.output
    assert "store compacted" in result.stderr
    assert _quads(tmp_path / "kg") == expected
