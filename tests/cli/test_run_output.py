"""`policykg run -o DIR` writes one consistent output: a run into a folder of an earlier run replaces it, or adds to
its store with --append; either way the store, rows, queries and exports describe the same documents."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from policykg.cli import cli
from policykg.graph.rdf.store import document_sources
from tests.faults.documents import write_text_table


def _plans(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    return {name: write_text_table(folder / f"{name}.txt", count=3, title=f"{place}2021年优化营商环境工作任务分工表")
            for name, place in (("a", "福州市鼓楼区"), ("b", "福州市仓山区"), ("c", "泉州市泉港区"))}


def _run(*args: str | Path):
    # the plans' deadlines (6月底 of 2021) fall in the 90 days measures_due_in_period gives from --as-of
    result = CliRunner().invoke(cli, ["--lang", "en", "run", "--as-of", "2021-05-01", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _described(out: Path) -> dict[str, set[str]]:
    """The documents each output describes."""
    store = Store.read_only(str(out / "store"))
    graphs = set(document_sources(store))
    del store
    rows = {json.loads(line)["source"] for line in (out / "rows.jsonl").read_text(encoding="utf-8").splitlines()}
    with (out / "neo4j" / "nodes_Document.csv").open(encoding="utf-8") as handle:
        neo4j = {r["source:ID(Document)"] for r in csv.DictReader(handle)}
    with (out / "queries" / "measures_due_in_period.csv").open(encoding="utf-8-sig") as handle:
        queried = {r["source"] for r in csv.DictReader(handle)}
    return {"store": graphs, "rows": rows, "neo4j": neo4j, "queries": queried}


def test_a_run_replaces_the_output_of_an_earlier_run(tmp_path):
    plans = _plans(tmp_path / "plans")
    out = tmp_path / "out"
    assert _run(plans["a"], plans["b"], "-o", out).exit_code == 0
    (out / "viz" / "heatmap-of-an-old-run.png").write_bytes(b"\x89PNG")
    second = _run(plans["c"], "-o", out)
    assert second.exit_code == 0, second.output
    assert f"{out} holds an earlier run's output (its store: 2 documents); this run replaces all of it; " \
           "to add documents to that store instead, use --append" in second.stderr
    assert "  2 documents of the earlier store are not in this run and leave it: a.txt, b.txt" in second.stderr
    assert _described(out) == {"store": {"c.txt"}, "rows": {"c.txt"}, "neo4j": {"c.txt"}, "queries": {"c.txt"}}
    assert not (out / "viz" / "heatmap-of-an-old-run.png").exists()
    assert json.loads((out / "validation.json").read_text(encoding="utf-8"))["conforms"] is True
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging store left


def test_append_adds_to_the_store_and_every_output_describes_it(tmp_path):
    plans = _plans(tmp_path / "plans")
    out = tmp_path / "out"
    assert _run(plans["a"], "-o", out).exit_code == 0
    appended = _run(plans["b"], plans["c"], "-o", out, "--append")
    assert appended.exit_code == 0, appended.output
    assert f"adding to {out / 'store'} (1 documents already); every output describes all documents in it" \
           in appended.stderr
    everything = {"a.txt", "b.txt", "c.txt"}
    assert _described(out) == {"store": everything, "rows": everything, "neo4j": everything, "queries": everything}
    assert appended.stdout.splitlines()[0].startswith("3 documents, 9 rows, 0 rejected, ")


def test_store_readers_error_is_raised_in_the_run(tmp_path):
    """The process running the queries and validation hands its error back: the run raises it, one message."""
    from policykg.errors import StoreError
    from policykg.pipeline.stages import _finish_store_readers, _start_store_readers

    with pytest.raises(StoreError) as raised:
        _finish_store_readers(_start_store_readers(tmp_path / "nothing-here", "zh", "2021-06-30"))
    assert "nothing-here" in str(raised.value)


def _files(out: Path) -> dict[str, bytes]:
    """Every output file a run writes, but the store and the workbook (whose zip carries its time of writing)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "store" not in p.relative_to(out).parts and p.suffix != ".xlsx"}


def test_row_stages_forked_beside_the_store_write_what_they_write_in_the_run_itself(tmp_path, monkeypatch):
    """The rows, agencies, Neo4j CSVs, report and pictures are made in a forked child while the store is built;
    made in the run's own process (where it cannot fork) they are byte for byte the same."""
    from policykg.pipeline import row_readers, stages

    plans = _plans(tmp_path / "plans")
    forks: list[int] = []
    start = row_readers.start_row_readers
    monkeypatch.setattr(stages, "start_row_readers", lambda *a: forks.append(1) or start(*a))
    monkeypatch.setattr(stages, "can_fork", lambda: True)
    assert _run(*plans.values(), "-o", tmp_path / "forked").exit_code == 0
    assert forks == [1]
    monkeypatch.setattr(stages, "can_fork", lambda: False)
    assert _run(*plans.values(), "-o", tmp_path / "here").exit_code == 0
    assert forks == [1]
    forked, here = _files(tmp_path / "forked"), _files(tmp_path / "here")
    assert {"rows.jsonl", "agencies.csv", "neo4j/nodes_Agency.csv", "report/workload.md", "viz/dashboard.html"} \
        <= set(forked)
    assert forked == here


def _broken_report(ctx):
    raise PermissionError(13, "Permission denied", str(ctx.out / "report"))


def _locked_store(ctx):
    from policykg.errors import StoreError

    raise StoreError("store_locked", store=ctx.out / "store")


@pytest.mark.parametrize(("failing", "stage", "error"), [
    ("a row stage, in the forked child", "report", PermissionError),
    ("the store, while the child writes the report", "store", "StoreError"),
])
def test_a_failure_beside_the_forked_row_stages_fails_the_run_and_leaves_no_child(tmp_path, monkeypatch, failing,
                                                                                 stage, error):
    """A row stage failing in the forked child fails the run with that stage's own error; the store failing
    while the child works fails the run with the store's error and stops the child. Either way no child is left."""
    import os

    from policykg.errors import StoreError
    from policykg.pipeline import stages

    expected = StoreError if error == "StoreError" else error
    broken = _broken_report if stage == "report" else _locked_store
    started = []
    start = stages.start_row_readers
    monkeypatch.setattr(stages, "start_row_readers", lambda *a: started.append(start(*a)) or started[-1])
    monkeypatch.setattr(stages, "can_fork", lambda: True)
    monkeypatch.setattr(stages, "STAGES", [(n, broken if n == stage else s) for n, s in stages.STAGES])
    plans = _plans(tmp_path / "plans")
    with pytest.raises(expected) as raised:
        stages.run_stages([plans["a"]], tmp_path / "out", "en", as_of="2021-05-01")
    if stage == "report":
        assert raised.value.filename == str(tmp_path / "out" / "report")
    assert len(started) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0].pid, os.WNOHANG)  # the child was collected
