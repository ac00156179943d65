"""One count of agencies and collectives: `run`, `agencies`, the report and the graph's queries agree.

The rule (policykg.agency_count): an agency or collective counts when a measure
names it. The samples hold a 说明 line (002: "各县（市、区）人民政府，泉州开发区、
泉州台商投资区均为各项任务的责任单位") whose units name no measure; they were
once counted by `run` and `agencies` and not by the report (240 / 238).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg import sample_paths
from policykg.agency_count import AgencyCount, count_agencies
from policykg.cli import cli
from policykg.pipeline import read_inputs

_GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_corpus.py"
_NUMBERS = re.compile(r"(\d+) agencies, (\d+) collectives")


def _invoke(*args: str):
    result = CliRunner().invoke(cli, ["--lang", "en", *args])
    assert result.exit_code == 0, result.output
    return result


def _printed(text: str) -> AgencyCount:
    found = _NUMBERS.search(text)
    assert found is not None, text
    return AgencyCount(int(found[1]), int(found[2]))


def _kinds(kinds: list[str]) -> AgencyCount:
    counts = Counter(kinds)
    assert set(counts) <= {"agency", "collective"}
    return AgencyCount(counts["agency"], counts["collective"])


def _csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream))


def counts_everywhere(files: list[str], tmp: Path) -> dict[str, AgencyCount]:
    """Each command's count of agencies and collectives on the same documents."""
    out = tmp / "run"
    run = _invoke("run", *files, "-o", str(out))
    listed = _invoke("agencies", *files, "--format", "json")
    report = _invoke("report", *files, "-o", str(tmp / "report"))
    workload = _invoke("query", "workload_per_agency", "--store", str(out / "store"), "--param", "limit=0",
                       "--format", "json")
    nodes = _invoke("sparql", "--store", str(out / "store"), "--format", "json",
                    "SELECT ?kind WHERE { { SELECT DISTINCT ?a ?c WHERE { GRAPH ?g { ?a a ?c } } } "
                    "VALUES (?c ?kind) { (<https://w3id.org/policykg/ontology#Agency> 'agency') "
                    "(<https://w3id.org/policykg/ontology#Collective> 'collective') } }")
    with (out / "agencies.csv").open(encoding="utf-8-sig", newline="") as stream:
        run_csv = [r["kind"] for r in csv.DictReader(stream)]
    return {
        "run": _printed(run.stdout),
        "run agencies.csv": _kinds(run_csv),
        "agencies": _kinds([a["kind"] for a in json.loads(listed.stdout)]),
        "agencies total": _printed(listed.stderr),
        "report": _printed(report.stderr),
        "report tables": AgencyCount(_csv_rows(tmp / "report" / "summary.csv"),
                                     _csv_rows(tmp / "report" / "collectives.csv")),
        "workload_per_agency": _kinds([r["kind"] for r in json.loads(workload.stdout)]),
        "graph nodes": _kinds([r["kind"] for r in json.loads(nodes.stdout)]),
    }


def test_samples_counted_once_everywhere(tmp_path):
    files = [str(p) for p in sample_paths()]
    counts = counts_everywhere(files, tmp_path)
    assert set(counts.values()) == {AgencyCount(238, 44)}, counts
    corpus = read_inputs(files)[1]
    assert count_agencies(corpus) == AgencyCount(238, 44)
    # the 说明 units stay document facts
    quanzhou = next(d for d in corpus.documents if d.source.startswith("002"))
    assert quanzhou.responsible_all == ("各县（市、区）人民政府", "泉州开发区", "泉州台商投资区")
    assert not {("002_b060d7e35bc7f227.txt", name) for name in quanzhou.responsible_all} & set(corpus.assignments)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Four generated documents; one gets a 说明 line naming units no task names."""
    spec = importlib.util.spec_from_file_location("generate_corpus", _GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("generated")
    module.write_corpus(folder, docs=4, seed=11)
    (folder / "truth.jsonl").unlink()
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n说明：各乡镇人民政府、县营商办均为各项任务的责任单位。\n",
                     encoding="utf-8")
    return folder


def test_generated_corpus_counted_once_everywhere(generated, tmp_path):
    corpus = read_inputs([generated])[1]
    assert any("县营商办" in d.responsible_all for d in corpus.documents)
    expected = count_agencies(corpus)
    counts = counts_everywhere([str(generated)], tmp_path)
    assert set(counts.values()) == {expected}, counts


def test_report_of_one_place_counts_its_measures(tmp_path):
    files = [str(p) for p in sample_paths()]
    corpus = read_inputs(files)[1]
    report = _invoke("report", *files, "--jurisdiction", "罗源县", "-o", str(tmp_path))
    assert _printed(report.stderr) == count_agencies(corpus, "罗源县")
    assert _printed(report.stderr) == AgencyCount(_csv_rows(tmp_path / "summary.csv"),
                                                  _csv_rows(tmp_path / "collectives.csv"))
