"""The review loop for agency names: `agencies --review`, a reviewer's answer as `--aliases`, and a store keeping it.

Done when an aliases file that merges two agencies lowers the agency count by one
in `agencies`, the report and the graph, and a rebuild keeps it.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from policykg import sample_paths
from policykg.loaders.agencies import build_corpus
from policykg.loaders.agency_review import review_proposals
from policykg.pipeline.kept_aliases import KEPT_FILE
from policykg.records import Document, LoadResult, Row
from policykg.review_workbook import write_review_workbook
from tests.support.cli_runner import invoke, ok

# A 罗源县 plan naming its approval bureau twice, by its short and its full name.
EXTRA = ("罗源县人民政府办公室关于印发罗源县2023年审批服务改革任务清单的通知\n\n"
         "序号\t指标名称\t改革事项\t改革创新举措\t牵头单位\t责任单位\t完成时限\n"
         "1\t政务服务\t精简审批\t推行承诺制审批，压缩审批时限。\t县行政审批局\t县财政局\t2023年6月底\n"
         "2\t政务服务\t优化服务\t推进政务服务事项全程网办。\t县行政审批服务局\t县大数据中心\t2023年12月底\n")
AGENCY_NODES = ("SELECT ?a WHERE { { SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a a "
                "<https://w3id.org/policykg/ontology#Agency> } } } }")
COMMANDS_READING_DOCUMENTS = [["extract"], ["agencies"], ["build"], ["run"], ["report"], ["viz"], ["neo4j", "push"],
                              ["neo4j", "export"], ["query"], ["export"], ["validate"], ["serve"], ["publish"]]


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for path in sample_paths():
        shutil.copy(path, folder / path.name)
    (folder / "005_luoyuan_review.txt").write_text(EXTRA, encoding="utf-8")
    return folder


def _agencies(*args: str) -> dict[str, dict]:
    return {a["agency"]: a for a in json.loads(ok("agencies", *args, "--format", "json").stdout)}


def _count(text: str) -> tuple[int, int]:
    found = re.search(r"(\d+) agencies, (\d+) collectives", text)
    assert found is not None, text
    return int(found[1]), int(found[2])


@pytest.fixture(scope="module")
def accepted(plans, tmp_path_factory) -> Path:
    """The reviewer's answer: the workbook's proposal of 县行政审批局 accepted, saved as CSV as the sheet says."""
    folder = tmp_path_factory.mktemp("review")
    workbook = folder / "review.xlsx"
    result = ok("agencies", str(plans), "--review", str(workbook))
    assert result.stdout == f"{workbook}\n"
    assert result.stderr.splitlines()[-1] == f"审核表已写入 {workbook}：241 个单位、44 个集合性单位，5 条建议合并，0 条建议拆分"
    wb = load_workbook(workbook)
    sheet = wb["待审建议"]
    header = [c.value for c in sheet[1]]
    decision = header.index("决定（接受/拒绝）")
    for row in sheet.iter_rows(min_row=2):
        row[decision].value = "接受" if row[header.index("name")].value == "县行政审批局" else "拒绝"
    answered = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    aliases = folder / "aliases.csv"
    with aliases.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "agency"])
        writer.writerows([r[header.index("name")], r[header.index("agency")]] for r in answered if r[decision] == "接受")
    assert aliases.read_bytes().decode("utf-8") == "name,agency\r\n县行政审批局,罗源县行政审批服务局\r\n"
    return aliases


def test_merge_lowers_the_count_by_one_in_agencies_and_keeps_other_ids(plans, accepted):
    before = _agencies(str(plans))
    after = _agencies(str(plans), "--aliases", str(accepted))
    assert set(before) - set(after) == {"350123/行政审批局"} and set(after) <= set(before)
    assert sum(a["kind"] == "agency" for a in after.values()) == sum(a["kind"] == "agency" for a in before.values()) - 1
    for agency_id, agency in after.items():
        if agency_id != "350123/行政审批服务局":
            assert agency == before[agency_id]
    assert after["350123/行政审批服务局"]["surface_names"] == ["县行政审批局", "县行政审批服务局"]
    listed = ok("--lang", "en", "agencies", str(plans), "--aliases", str(accepted))
    assert listed.stderr.splitlines()[0] == f"reviewed agency names: {accepted}, 1 decisions"
    assert _count(listed.stderr) == (240, 44)


def test_merge_lowers_the_count_in_the_report(plans, accepted, tmp_path):
    before = ok("--lang", "en", "report", str(plans), "-o", str(tmp_path / "before"))
    after = ok("--lang", "en", "report", str(plans), "--aliases", str(accepted), "-o", str(tmp_path / "after"))
    assert (_count(before.stderr), _count(after.stderr)) == ((241, 44), (240, 44))


def test_merge_lowers_the_count_in_the_graph_and_a_rebuild_keeps_it(plans, accepted, tmp_path):
    kg = tmp_path / "kg"
    ok("build", str(plans), "--store", str(kg), "--aliases", str(accepted))
    assert (kg / KEPT_FILE).read_bytes() == accepted.read_bytes()

    def nodes() -> int:
        return len(json.loads(ok("sparql", "--store", str(kg), "--format", "json", AGENCY_NODES).stdout))

    assert nodes() == 240
    assert _count(ok("--lang", "en", "agencies", "--store", str(kg)).stderr) == (240, 44)
    # the store's review equals the documents' (the kept decisions settle what they settled)
    ok("agencies", "--store", str(kg), "--review", str(tmp_path / "store.xlsx"))
    ok("agencies", str(plans), "--aliases", str(accepted), "--review", str(tmp_path / "documents.xlsx"))
    sheets = [[list(ws.iter_rows(values_only=True)) for ws in load_workbook(tmp_path / name).worksheets]
              for name in ("store.xlsx", "documents.xlsx")]
    assert sheets[0] == sheets[1] and len(sheets[0][1]) == 1 + 4
    rebuilt = ok("--lang", "en", "build", str(plans), "--store", str(kg))
    assert rebuilt.stderr.splitlines()[0] == (f"using the reviewed agency names kept with the store: {kg / KEPT_FILE}, "
                                              "1 decisions")
    assert nodes() == 240
    report = ok("--lang", "en", "report", "--store", str(kg), "-o", str(tmp_path / "report"))
    assert _count(report.stderr) == (240, 44)
    # a file with the header only clears the decisions
    cleared = tmp_path / "none.csv"
    cleared.write_text("name,agency\n", encoding="utf-8")
    ok("build", str(plans), "--store", str(kg), "--aliases", str(cleared))
    assert nodes() == 241


def test_run_keeps_the_aliases_in_its_store(plans, accepted, tmp_path):
    out, plan = tmp_path / "out", str(plans / "005_luoyuan_review.txt")  # one plan: `run` is slow
    assert _count(ok("--lang", "en", "run", plan, "-o", str(tmp_path / "plain")).stdout) == (4, 0)
    first = ok("--lang", "en", "run", plan, "-o", str(out), "--aliases", str(accepted))
    assert _count(first.stdout) == (3, 0)
    again = ok("--lang", "en", "run", plan, "-o", str(out))
    assert f"using the reviewed agency names kept with the store: {out / 'store' / KEPT_FILE}, 1 decisions" in again.stderr
    assert _count(again.stdout) == (3, 0)
    with (out / "agencies.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert "350123/行政审批局" not in {r["agency"] for r in csv.DictReader(stream)}


def test_extract_and_neo4j_export_read_with_the_aliases(plans, accepted, tmp_path):
    rows = [json.loads(line) for line in ok("extract", str(plans / "005_luoyuan_review.txt"), "--aliases",
                                            str(accepted)).stdout.splitlines()]
    assert [r["lead_ids"] for r in rows] == [["350123/行政审批服务局"], ["350123/行政审批服务局"]]
    ok("neo4j", "export", str(tmp_path / "neo4j"), "--doc", str(plans / "005_luoyuan_review.txt"),
       "--aliases", str(accepted))
    with (tmp_path / "neo4j" / "nodes_Agency.csv").open(encoding="utf-8", newline="") as stream:
        assert len(list(csv.reader(stream))) - 1 == 3


@pytest.mark.parametrize("command", COMMANDS_READING_DOCUMENTS, ids=" ".join)
def test_every_command_that_reads_documents_takes_aliases(command):
    assert "--aliases FILE" in ok(*command, "--help").stdout


def test_a_bad_line_is_refused_with_its_line(plans, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,agency\n县行政审批局,罗源县行政审批服务局\n县行政审批局,罗源县行政审批局\n", encoding="utf-8")
    result = invoke("agencies", str(plans), "--aliases", str(bad))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"Error: {bad}:3: 「县行政审批局」在同一地方已由第 2 行定为「罗源县行政审批服务局」，"
                             "本行又定为「罗源县行政审批局」；请只保留一行\n")
    missing = invoke("--lang", "en", "build", "--store", str(tmp_path / "kg"), "--aliases", str(tmp_path / "no.csv"))
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"Error: {tmp_path / 'no.csv'}: cannot be read (")
    assert not (tmp_path / "kg").exists()


def test_aliases_with_a_store_is_a_usage_error(accepted, tmp_path):
    result = invoke("--lang", "en", "report", "--store", str(tmp_path), "--aliases", str(accepted), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: --aliases applies when documents are read; a store keeps the "
                                              "aliases it was built with (policykg build --store DIR --aliases FILE)")


def test_workbook_cells_from_documents_are_text(tmp_path):
    doc = Document("d.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
    names = ["=HYPERLINK(\"http://x\",\"县局\")", "+县行政审批局", "县行政审批服务局"]
    rows = [Row("d.txt", str(i), None, None, None, "=1+1", (name,), (), None, None, None, i)
            for i, name in enumerate(names, 1)]
    corpus = build_corpus([LoadResult(doc, rows)])
    path = write_review_workbook(corpus, review_proposals(corpus), tmp_path / "r.xlsx", "en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["agencies", "proposals", "how to"]
    values = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any(cell.value.startswith("=HYPERLINK") for cell in values)
    assert {cell.data_type for cell in values} == {"s"}
