"""The loading commands through click's runner: exit codes, stdout/stderr separation, exact output."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from policykg import sample_paths
from policykg.cli import cli
from policykg.loaders_report import EXTRACT_COLUMNS
from tests.support.cli_runner import invoke

SAMPLE_003 = str(next(p for p in sample_paths() if p.name.startswith("003")))


def test_extract_jsonl_to_stdout_and_summary_to_stderr():
    result = invoke("extract", SAMPLE_003)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 28
    assert list(records[0]) == list(EXTRACT_COLUMNS)
    assert records[0]["lead"] == ["区发改局", "区行政服务中心管委会"]
    assert records[0]["lead_ids"] == ["350102/发展和改革局", "350102/行政服务中心管理委员会"]
    assert result.stderr.splitlines() == [
        "[1/1] 003_78fe2e9706bd90b0.txt: 28 行，2 行有警告，0 行未解析",
        "合计：28 行，0 行未解析",
    ]


def test_extract_english_warnings():
    result = invoke("--lang", "en", "extract", SAMPLE_003)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[16]["warnings"] == ["cells were shifted; realigned by content (seq/measure/lead/responsible/remark)"]
    assert result.stderr.splitlines()[-1] == "in all: 28 rows, 0 rejected"


def test_extract_csv_lists_are_joined_with_the_enumeration_comma(tmp_path):
    out = tmp_path / "rows.csv"
    result = invoke("extract", SAMPLE_003, "--format", "csv", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 28
    assert rows[1]["lead"] == "区建设局、区数字办、区行政服务中心管委会"
    assert rows[0]["deadline"] == "" and rows[0]["remark"] == "承接市级工作任务"


def test_extract_xlsx(tmp_path):
    out = tmp_path / "rows.xlsx"
    assert invoke("extract", "--format", "xlsx", "-o", str(out)).exit_code == 0
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == list(EXTRACT_COLUMNS)
    assert ws.max_row == 522
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_extract_xlsx_needs_output():
    result = invoke("extract", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx needs -o/--output FILE.xlsx" in result.stderr


def test_agencies_json():
    result = invoke("agencies", SAMPLE_003, "--format", "json")
    assert result.exit_code == 0
    agencies = json.loads(result.stdout)
    top = agencies[0]
    assert top == {
        "agency": "350102/行政服务中心管理委员会", "name": "鼓楼区行政服务中心管委会", "jurisdiction": "鼓楼区",
        "sector": "政务服务", "kind": "agency", "surface_names": ["区行政服务中心管委会"], "lead_rows": 6,
        "responsible_rows": 1,
    }
    kinds = {a["kind"] for a in agencies}
    assert kinds == {"agency", "collective"}


def test_run_writes_outputs(tmp_path):
    out = tmp_path / "out"
    result = invoke("run", "-o", str(out), "--as-of", "2021-06-30")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("5 份文件，521 行任务，0 行未解析，") and "基准日 2021-06-30" in first
    for name in ("rows.jsonl", "rows.csv", "rejects.csv", "agencies.csv", "store", "queries", "validation.json",
                 "report/workload.xlsx", "report/workload.md", "viz/dashboard.html", "neo4j"):
        assert (out / name).exists()
        assert str(out / name) in result.stdout
    assert len((out / "rows.jsonl").read_text(encoding="utf-8").splitlines()) == 521
    assert len(list((out / "queries").glob("*.csv"))) == 9
    assert "基准日 2021-06-30" in (out / "viz" / "dashboard.html").read_text(encoding="utf-8")
    assert "- 基准日: 2021-06-30" in (out / "report" / "workload.md").read_text(encoding="utf-8")
    assert (out / "neo4j" / "load.cypher").exists()
    assert json.loads((out / "validation.json").read_text(encoding="utf-8"))["conforms"] is True


def test_every_command_has_help_with_an_example():
    def walk(group, prefix=()):
        for name, command in group.commands.items():
            yield prefix + (name,), command
            if hasattr(command, "commands"):
                yield from walk(command, prefix + (name,))

    for path, command in walk(cli):
        result = invoke(*path, "--help")
        assert result.exit_code == 0, path
        if not hasattr(command, "commands"):
            assert "policykg " in result.stdout, f"{' '.join(path)} --help shows no example"


def test_every_command_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"policykg {name}" in readme, f"README does not document `policykg {name}`"


def test_agencies_from_a_store_equal_agencies_from_documents(tmp_path):
    store = tmp_path / "kg"
    assert invoke("build", "--store", str(store)).exit_code == 0
    from_docs = invoke("agencies", "--format", "json")
    from_store = invoke("agencies", "--store", str(store), "--format", "json")
    assert from_store.exit_code == 0
    assert json.loads(from_store.stdout) == json.loads(from_docs.stdout)
    both = invoke("agencies", "--store", str(store), SAMPLE_003)
    assert both.exit_code == 2 and "give FILES or --store, not both" in both.stderr
