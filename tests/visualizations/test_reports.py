"""The workload report: counts agree with the SPARQL library; the workbook, CSV and Markdown hold the right values.

The agreement tests run the named queries of `policykg.queries` on a store built
from the same sample corpus and compare them, agency by agency, with what the
report shows. The workbook is reloaded with openpyxl and converted to PDF with
LibreOffice (skipped, with the reason, only when LibreOffice is not installed).
"""

from __future__ import annotations

import csv
import datetime
import os
import shutil
import subprocess
from collections import Counter

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pyoxigraph import Store

from policykg.cli import cli
from policykg.graph.analytics.metrics import agency_metrics, sector_rollup
from policykg.graph.analytics.projections import indicator_matrix
from policykg.graph.rdf.store import load_corpus_into
from policykg.queries import run_named
from policykg.visualizations.report_data import build_report

AS_OF = "2021-06-30"
PLACES = ["泉州市", "泉港区", "福清市", "罗源县", "鼓楼区"]
FIXED_SHEETS = ["摘要", "跨领域工作量排名", "依赖关系（牵头→协调）", "单位工作量汇总", "单位×指标矩阵", "同类单位跨辖区对比",
                "完成时限分布", "集合性单位（单列）", "计算公式"]
OUTPUT_FILES = ["workload.md", "workload.xlsx", "summary.csv", "ranking.csv", "dependencies.csv", "collectives.csv",
                "indicator_matrix.csv", "sectors.csv", "deadlines.csv", "formulas.csv", "measures.csv"]
HEADER_ROW = 3  # title, as-of line, then the header (a table with a note has it one row lower)


@pytest.fixture(scope="module")
def store(sample_corpus):
    s = Store()
    load_corpus_into(s, sample_corpus)
    return s


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    result = CliRunner().invoke(cli, ["report", "--as-of", AS_OF, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def workbook(report_dir):
    return load_workbook(report_dir / "workload.xlsx")


def _report_counts(data) -> dict[str, tuple]:
    out = {}
    for table in (data.summary, data.collectives):
        for r in table.records():
            out[r["agency"]] = (r["name"], r["jurisdiction"], r["sector"], r["lead_count"], r["responsible_count"],
                                r["measure_count"])
    return out


# --- agreement with the SPARQL library ------------------------------------------------------

# the report takes one jurisdiction's documents; the named queries take a place with the places
# under it (issue 16): the two agree where no place is under it (泉州市 holds 泉港区)
@pytest.mark.parametrize("place", [None, *(p for p in PLACES if p != "泉州市")])
def test_workload_counts_agree_with_sparql(sample_corpus, store, place):
    data = build_report(sample_corpus, jurisdiction=place, as_of=AS_OF)
    rows = run_named(store, "workload_per_agency", {"jurisdiction": place or "all", "limit": "0"}).rows
    expected = {r["agency"]: (r["name"], r["jurisdiction"], r["sector"], r["lead_count"], r["responsible_count"],
                              r["measure_count"]) for r in rows}
    assert _report_counts(data) == expected
    kinds = {r["agency"]: r["kind"] for r in rows}
    assert {r["agency"] for r in data.collectives.records()} == {a for a, k in kinds.items() if k == "collective"}


def test_workload_counts_agree_with_rows(sample_corpus):
    """The same counts straight from the rows, with no graph in between."""
    lead, resp, involved = Counter(), Counter(), Counter()
    for row in sample_corpus.rows:
        leads, shares = set(sample_corpus.lead_ids(row)), set(sample_corpus.responsible_ids(row))
        lead.update(leads)
        resp.update(shares)
        involved.update(leads | shares)
    counts = _report_counts(build_report(sample_corpus))
    assert {a: c[3:] for a, c in counts.items()} == {a: (lead[a], resp[a], involved[a]) for a in involved}


@pytest.mark.parametrize("place", [None, "罗源县"])
def test_breadth_agrees_with_cross_cutting_ranking(sample_corpus, store, place):
    rows = run_named(store, "cross_cutting_ranking", {"limit": "100000", "jurisdiction": place or "all"}).rows
    mine = {m.agency: m for m in agency_metrics(sample_corpus, jurisdiction=place) if m.kind == "agency"}
    assert {r["agency"]: (r["indicator_count"], r["measure_count"], r["lead_count"]) for r in rows} == {
        a: (m.indicator_breadth, m.measure_count, m.lead_count) for a, m in mine.items()}


def test_indicator_matrix_agrees_with_agencies_per_indicator(sample_corpus, store):
    matrix = indicator_matrix(sample_corpus, indicators="printed")  # the query counts printed indicators
    measures = Counter(r.indicator for r in sample_corpus.rows if r.indicator)
    mine = {ind: (measures[ind], sum(1 for row in matrix.counts if row[j]), sum(1 for row in matrix.lead_counts if row[j]))
            for j, ind in enumerate(matrix.indicators)}
    for ind in measures.keys() - mine.keys():  # indicators only collectives work on
        mine[ind] = (measures[ind], 0, 0)
    rows = run_named(store, "agencies_per_indicator").rows
    assert {r["indicator"]: (r["measure_count"], r["agency_count"], r["lead_agency_count"]) for r in rows} == mine


def test_sector_rollup_agrees_with_sector_across_jurisdictions(sample_corpus, store):
    sectors = sorted({r["sector"] for r in sector_rollup(sample_corpus)})
    assert "市场监管" in sectors and len(sectors) > 40
    for sector in sectors:
        rows = run_named(store, "sector_across_jurisdictions", {"sector": sector}).rows
        mine = sector_rollup(sample_corpus, sector)
        assert [(r["jurisdiction"], r["measure_count"], r["lead_count"], r["responsible_count"]) for r in rows] == [
            (r["jurisdiction"], r["measure_count"], r["lead_count"], r["responsible_count"]) for r in mine], sector
        assert [r["lead_share"] for r in rows] == pytest.approx([r["lead_share"] for r in mine], abs=5e-5)


def test_market_supervision_share_in_the_five_places(sample_corpus):
    shares = {r["jurisdiction"]: (r["lead_count"], r["measure_count"]) for r in sector_rollup(sample_corpus, "市场监管")}
    assert shares == {"泉州市": (21, 148), "泉港区": (18, 83), "福清市": (16, 113), "罗源县": (26, 149), "鼓楼区": (5, 28)}


# --- the command ------------------------------------------------------------------------------

def test_report_command_output(report_dir):
    result = CliRunner().invoke(cli, ["report", "--as-of", AS_OF, "-o", str(report_dir)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [str(report_dir / name) for name in OUTPUT_FILES]
    assert result.stderr.splitlines()[-1] == f"报告已写入 {report_dir}：238 个单位、44 个集合性单位，521 项措施"


def test_report_unknown_jurisdiction(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--jurisdiction", "某县", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: 没有辖区为“某县”的文件；可选：泉州市、泉港区、福清市、罗源县、鼓楼区"


def test_report_files_and_store_together_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["report", "x.txt", "--store", str(tmp_path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "give FILES or --store, not both" in result.stderr


def test_report_from_store_equals_report_from_documents(report_dir, sample_store_dir, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--store", str(sample_store_dir), "--as-of", AS_OF, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("summary.csv", "collectives.csv", "indicator_matrix.csv", "sectors.csv", "deadlines.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8-sig") == (report_dir / name).read_text(encoding="utf-8-sig"), name


# --- the workbook -------------------------------------------------------------------------------

def test_workbook_sheets(workbook, sample_corpus):
    top = [m.name for m in agency_metrics(sample_corpus) if m.kind == "agency" and m.lead_count][:10]
    leaders = [m for m in agency_metrics(sample_corpus) if m.lead_count]
    assert workbook.sheetnames == FIXED_SHEETS + top + [f"其余牵头单位 ({len(leaders) - 10})"]
    assert workbook.sheetnames[9] == "罗源县发改局"


def test_every_sheet_has_the_title_and_the_as_of_date_and_prints_on_one_page_width(workbook):
    for sheet in workbook.worksheets:
        assert sheet["A2"].value == ("基准日 2021-06-30 · 全部文件（5 个辖区） · "
                                     "指标：印发的指标，未印发时计入置信度 ≥ 0.4 的推断指标"), sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9, sheet.title
        # fit to page: one page wide (1 is the default, left out of the file), as many pages down as it takes
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1), sheet.title
        assert sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.print_title_rows is not None, sheet.title
        assert "&A" in sheet.oddHeader.center.text and "2021-06-30" in sheet.oddFooter.left.text, sheet.title
    summary = workbook["单位工作量汇总"]
    assert (summary.print_title_rows, summary.print_title_cols) == ("$1:$3", "$A:$B")  # title rows, agency columns
    assert workbook["摘要"]["A1"].value == "各单位营商环境任务工作量报告"


def test_workbook_summary_values(workbook, sample_corpus):
    sheet = workbook["单位工作量汇总"]
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header == ["排名", "单位", "所属辖区", "行业", "牵头措施数", "责任措施数", "涉及措施数", "加权工作量",
                      "涉及指标数", "参与系数", "协同单位数", "中介中心性", "持续推进占比", "逾期措施数", "30 天内到期数",
                      "到期最集中月份", "该月到期数", "跨领域工作量", "单位编号"]
    first = [c.value for c in sheet[HEADER_ROW + 1]]
    # breadth 11: its measures under 001's local categories (组织保障 …) count under their inferred indicators
    assert first[:9] == [1, "罗源县发改局", "罗源县", "发展改革", 23, 16, 39, 31, 11]
    assert first[9] == pytest.approx(0.8074, abs=1e-4) and first[17] == pytest.approx(25.0283, abs=1e-4)
    assert first[10] == 41 and first[13] == 0 and first[15:17] == ["2023-03", 15]
    assert sheet["N4"].number_format == "0;-0;;@"  # a zero count prints blank
    assert sheet.freeze_panes == "C4"
    assert sheet.auto_filter.ref == "A3:S241"
    assert sheet["J4"].number_format == "0.000" and sheet["M4"].number_format == "0.0%"
    assert sheet.column_dimensions["B"].width >= 14 and sheet.column_dimensions["A"].width <= 8
    expected = {m.agency: (m.lead_count, m.responsible_count, m.measure_count, m.overdue, m.due_soon)
                for m in agency_metrics(sample_corpus, as_of=AS_OF) if m.kind == "agency"}
    got = {row[18]: (row[4], row[5], row[6], row[13], row[14])
           for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert got == expected


def test_workbook_ranking_and_dependencies(workbook, sample_corpus):
    sheet = workbook["跨领域工作量排名"]
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    top = [m for m in agency_metrics(sample_corpus, as_of=AS_OF) if m.kind == "agency"][:30]
    assert [r[1] for r in rows] == [m.name for m in top]
    assert [r[4] for r in rows] == pytest.approx([m.cross_cutting for m in top])
    assert sheet.print_title_rows == "$1:$4" and sheet.freeze_panes == "C5"
    deps = workbook["依赖关系（牵头→协调）"]
    first = [c.value for c in deps[5]]
    from policykg.graph.analytics.projections import dependency_weights

    partners = {b for (a, b) in dependency_weights(sample_corpus) if a == top[0].agency}
    assert first[:4] == ["罗源县发改局", "罗源县", 23, len(partners)] and len(partners) == 19
    assert first[4].startswith("罗源县财政局（7）、罗源县金融办（7）、罗源县行政服务中心管委会（4）")


def test_workbook_matrix_and_agency_sheet(workbook, sample_corpus):
    matrix = workbook["单位×指标矩阵"]
    header = [c.value for c in matrix[HEADER_ROW]]
    assert header[:2] == ["单位", "所属辖区"] and header[-1] == "合计"
    rows = {r[0]: r for r in matrix.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    luoyuan = dict(zip(header, rows["罗源县发改局"]))
    assert luoyuan["政务服务"] == 15 and luoyuan["合计"] == sum(v or 0 for k, v in luoyuan.items() if k in header[2:-1])
    assert None in rows["罗源县发改局"][2:-1] and 0 not in rows["罗源县发改局"]  # zeros left blank
    assert matrix.freeze_panes == "B4" and matrix.auto_filter.ref.startswith("A3:")

    sheet = workbook["罗源县发改局"]
    assert sheet["A3"].value == "罗源县 · 牵头 23 项、责任 16 项 · 跨领域工作量 25.03"
    values = list(sheet.iter_rows(min_row=4, values_only=True))
    assert values[0] == ("角色", "状态", "完成时限", "完成时限（原文）", "指标", "改革事项", "具体措施", "牵头单位", "责任单位",
                         "文件", "行号")
    assert len(values) == 1 + 39
    assert Counter(v[0] for v in values[1:]) == {"牵头": 23, "责任": 16}
    assert values[1][:3] == ("牵头", "以后到期", datetime.datetime(2023, 3, 31))  # a real date cell
    assert sheet["C5"].number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref == "A4:K43"
    assert sheet["G5"].alignment.wrap_text and round(sheet.column_dimensions["G"].width) == 61


def test_workbook_formulas_sheet(workbook):
    rows = list(workbook["计算公式"].iter_rows(min_row=HEADER_ROW, values_only=True))
    formulas = {r[0]: r[1] for r in rows[1:] if r and r[0]}
    assert formulas["跨领域工作量"] == "X = W · P"
    assert formulas["参与系数"] == "P = 1 − Σ_s (k_s / k)²"
    assert formulas["加权工作量"] == "W = 1·L + 0.5·(M − L)"
    assert formulas["逾期措施数"] == f"|{{m : 时限(m) < {AS_OF}}}|"


def test_workbook_in_english(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--lang", "en", "--jurisdiction", "罗源县", "--as-of", "2023-06-30",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "workload.xlsx")
    assert book.sheetnames[:4] == ["Summary", "Cross-cutting ranking", "Dependencies (lead → partner)",
                                   "Workload per agency"]
    sheet = book["Workload per agency"]
    assert [c.value for c in sheet[HEADER_ROW]][:4] == ["Rank", "Agency", "Jurisdiction", "Sector"]
    assert sheet["D4"].value == "development and reform"  # sectors in English
    assert sheet.max_row == HEADER_ROW + 59
    matrix = [c.value for c in book["Agency × indicator matrix"][HEADER_ROW]]
    assert "Starting a business" in matrix and "开办企业" not in matrix
    assert book["Summary"]["A2"].value == "As of 2023-06-30 · 罗源县 · indicators: as printed, else inferred at confidence ≥ 0.4"
    assert result.stderr.splitlines()[-1] == f"report written to {tmp_path}: 59 agencies, 20 collectives, 149 measures"


def test_document_text_never_becomes_a_formula(tmp_path, sample_corpus):
    from dataclasses import replace

    from policykg.visualizations.report import write_report

    rows = [replace(r, measure="=HYPERLINK(\"http://x\",\"y\")", item="+1+1") if i < 5 else r
            for i, r in enumerate(sample_corpus.rows)]
    corpus = replace(sample_corpus, rows=rows)
    write_report(corpus, tmp_path, as_of=AS_OF, agencies=[sample_corpus.agencies[sample_corpus.lead_ids(rows[0])[0]].name])
    book = load_workbook(tmp_path / "workload.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+"]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def _pages_per_sheet(xlsx, tmp_path) -> Counter:
    """Convert the workbook to PDF with LibreOffice and count its pages by the sheet name each page carries on top."""
    from pypdf import PdfReader

    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [_office(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(xlsx)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / (xlsx.stem + ".pdf")
    assert pdf.is_file(), result.stdout + result.stderr
    return Counter(page.extract_text().splitlines()[0] for page in PdfReader(pdf).pages)


def test_the_sample_workbook_prints_summary_and_ranking_in_five_pages(report_dir, tmp_path):
    """LibreOffice is in the CI packages (.ci/apt-packages); a missing one fails the run."""
    if _office() is None:
        pytest.fail("LibreOffice not found: install Debian's libreoffice-calc (.ci/apt-packages lists it)")
    pages = _pages_per_sheet(report_dir / "workload.xlsx", tmp_path)
    assert pages["摘要"] + pages["跨领域工作量排名"] <= 5
    assert pages["摘要"] + pages["跨领域工作量排名"] + pages["单位工作量汇总"] <= 5
    assert pages["依赖关系（牵头→协调）"] <= 2
    assert sum(pages.values()) < 60  # was 837 pages before the page setup


# --- CSV and Markdown ---------------------------------------------------------------------------

def test_csv_files(report_dir, sample_corpus):
    raw = (report_dir / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese headers right
    with (report_dir / "summary.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][:3] == ["排名", "单位", "所属辖区"] and len(rows) == 1 + 238
    assert rows[1][:9] == ["1", "罗源县发改局", "罗源县", "发展改革", "23", "16", "39", "31.0", "11"]
    with (report_dir / "measures.csv").open(encoding="utf-8-sig", newline="") as stream:
        measures = list(csv.DictReader(stream))
    led = sum(m.measure_count for m in agency_metrics(sample_corpus) if m.lead_count)
    assert len(measures) == led
    with (report_dir / "sectors.csv").open(encoding="utf-8-sig", newline="") as stream:
        sectors = list(csv.reader(stream))
    assert sectors[1] == ["市场监管", "泉州市", "148", "21", "0.141892", "13"]


def test_markdown(report_dir):
    text = (report_dir / "workload.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[:9] == ["# 各单位营商环境任务工作量报告", "", "- 范围: 全部文件（5 个辖区）", f"- 基准日: {AS_OF}",
                         "- 文件数: 5", "- 措施总数: 521", "- 单位数（不含集合性单位）: 238", "- 权重: 牵头 1, 责任 0.5", ""]
    assert f"## 完成时限状态（基准日 {AS_OF}）" in lines and "- 已逾期: 129" in lines
    assert "| 跨领域工作量 | X = W · P | 跨领域工作量：需要跨指标协调的加权工作量，X ≤ W；排名依据 |" in lines
    assert ("| 1 | 罗源县发改局 | 罗源县 | 发展改革 | 23 | 16 | 39 | 31.0 | 11 | 0.807 | 41 | 0.095 | 33.3% | 0 | 0 "
            "| 2023-03 | 15 | 25.03 |") in lines
    assert "## 同类单位跨辖区对比" in lines and "## 集合性单位（单列）" in lines and "## 依赖关系（牵头→协调）" in lines


def test_agency_sheets_for_the_top_and_the_named(tmp_path):
    from policykg.cli import report_cmds
    from policykg.visualizations.report_data import AGENCY_SHEETS

    assert report_cmds._AGENCY_SHEETS == AGENCY_SHEETS
    result = CliRunner().invoke(cli, ["report", "--jurisdiction", "鼓楼区", "--agency-sheets", "2", "--as-of", AS_OF,
                                      "--agency", "鼓楼区税务局", "--indicators", "printed", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "指标：仅计印发的指标" in result.stderr
    book = load_workbook(tmp_path / "workload.xlsx")
    # 鼓楼区's plan prints no indicator: counting printed ones only, every X is 0 and the ranking goes by name
    assert book.sheetnames[9:] == ["鼓楼供电服务中心", "鼓楼公安分局", "鼓楼区税务局", "其余牵头单位 (14)"]
    rest = book[book.sheetnames[-1]]
    header = [c.value for c in rest[HEADER_ROW]]
    assert header[:3] == ["单位", "角色", "状态"] and rest.freeze_panes == "B4" and rest.print_title_cols == "$A:$A"
    with (tmp_path / "measures.csv").open(encoding="utf-8-sig", newline="") as stream:
        every = sum(1 for _ in csv.reader(stream)) - 1
    shown = sum(book[name].max_row - HEADER_ROW - (name != book.sheetnames[-1]) for name in book.sheetnames[9:])
    assert shown == every  # no measure lost: the sheets of their own plus the long one hold them all


def test_bounded_workbook_says_what_it_leaves_out(tmp_path):
    """Past --measure-agencies the workbook lists no measures, and its long sheet says so in Chinese: how many
    agencies and measures, where they are, and the option for a workbook with all of them."""
    import re

    from policykg.cli import report_cmds
    from policykg.visualizations.report_data import MEASURE_AGENCIES

    assert report_cmds._MEASURE_AGENCIES == MEASURE_AGENCIES
    result = CliRunner().invoke(cli, ["report", "--agency-sheets", "2", "--measure-agencies", "5", "--as-of", AS_OF,
                                      "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "workload.xlsx")
    assert book.sheetnames[-1] == "其余牵头单位 (3)"
    rest = book[book.sheetnames[-1]]
    note = rest["A3"].value
    found = re.fullmatch(r"本工作簿只列跨领域工作量排名前 5 位牵头单位的措施；其后 (\d+) 个牵头单位的 (\d+) 条措施未列入，"
                         r"全部见 measures\.csv，或用 policykg report --measure-agencies 0 生成列出全部措施的工作簿。", note)
    assert found, note
    assert len({row[0].value for row in rest.iter_rows(min_row=HEADER_ROW + 2)}) == 3
    with (tmp_path / "measures.csv").open(encoding="utf-8-sig", newline="") as stream:
        every = list(csv.reader(stream))[1:]
    shown = sum(book[name].max_row - HEADER_ROW - 1 for name in book.sheetnames[9:])
    assert shown + int(found.group(2)) == len(every)  # nothing lost: listed, or counted as left out
    assert int(found.group(1)) + 5 == len({row[0] for row in every})
    assert found.group(0) in (tmp_path / "workload.md").read_text(encoding="utf-8")


def test_unknown_agency_is_one_message(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--agency", "某某局", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == ("Error: 没有名称或编号为“某某局”的单位（--agency 须为单位全称或编号，"
                                              "见 policykg agencies）")


def test_report_modules_public_surface():
    from policykg.visualizations import report_csv, report_data, report_excel, report_markdown

    assert sorted(report_data.__all__) == sorted(["Table", "ReportData", "build_report", "label", "format_value",
                                                  "FORMULAS", "NUMBER_FORMATS", "MEASURE_COLUMNS", "RANKING_ROWS",
                                                  "AGENCY_SHEETS", "DEPENDENCY_LEADS", "COUNT_COLUMNS",
                                                  "MEASURE_AGENCIES"])
    assert sorted(report_markdown.__all__) == ["render_markdown", "write_markdown"]
    assert sorted(report_csv.__all__) == ["CSV_FILES", "write_csv_report", "write_table_csv"]
    assert sorted(report_excel.__all__) == ["OVERVIEW_TOP", "WRAPPED_COLUMNS", "column_width", "sheet_title",
                                            "write_workbook"]


def test_every_formula_has_both_languages():
    from policykg.message_catalogue import MESSAGES
    from policykg.visualizations.report_data import FORMULAS

    for key in FORMULAS:
        for kind in ("formula", "meaning"):
            assert all(MESSAGES[f"{kind}_{key}"].get(lang) for lang in ("zh", "en")), (kind, key)
        assert key in MESSAGES


def test_report_modules_hold_no_chinese_text():
    """Every text a person reads comes from the message catalogue: no Chinese string outside docstrings."""
    import ast
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "visualizations"
    for name in ("report_data.py", "report_markdown.py", "report_excel.py", "report_csv.py", "overview.py",
                 "network.py", "view_model.py", "timeline.py", "dashboard.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        chinese = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                   and isinstance(node.value, str) and id(node) not in docstrings
                   and any("\u4e00" <= ch <= "\u9fff" for ch in node.value)]
        assert chinese == [], (name, chinese)
