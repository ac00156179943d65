"""Inferred indicators: hand-made measures, printed indicators winning, corrections, cells written as text."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from indicator_measures import HANDMADE, NONE

from policykg import sample_paths
from policykg.cli import cli
from policykg.indicator_review import review_records
from policykg.loaders import read_document
from policykg.loaders.indicator_corrections import read_corrections
from policykg.loaders.indicator_inference import DEFAULT_THRESHOLD, counted_indicator, infer_row, measure_text
from policykg.loaders.indicator_model import load_model
from policykg.loaders.indicators import INDICATORS
from policykg.records import Corpus, Row

SAMPLE_003 = next(p for p in sample_paths() if p.name.startswith("003_"))
SAMPLE_000 = next(p for p in sample_paths() if p.name.startswith("000_"))


def _row(measure: str, indicator_raw: str | None = "持续优化营商环境", indicator: str | None = None, line: int = 3) -> Row:
    return Row("plan.txt", "1", indicator_raw, indicator, None, measure, (), (), None, None, None, line)


def test_every_indicator_has_a_handmade_measure():
    assert sorted(HANDMADE) == sorted(INDICATORS)


@pytest.mark.parametrize("indicator", list(HANDMADE))
def test_handmade_measure_gets_its_indicator(indicator):
    row = infer_row(_row(HANDMADE[indicator]))
    assert row.indicator_inferred == indicator
    assert counted_indicator(row) == indicator  # confident enough to count at the default threshold
    # the deciding words are cut from the printed text: the measure or its heading
    assert row.indicator_evidence and all(w in HANDMADE[indicator] + " 持续优化营商环境" for w in row.indicator_evidence)
    assert row.indicator_inferred_by == load_model().id


@pytest.mark.parametrize("measure", NONE)
def test_measure_serving_no_indicator_is_not_counted(measure):
    row = infer_row(_row(measure, indicator_raw="今年经济社会发展主要目标"))
    assert counted_indicator(row) is None, (row.indicator_inferred, row.indicator_confidence)


def test_macro_target_is_none_with_its_words_as_evidence():
    row = infer_row(_row(NONE[0], indicator_raw=None))
    assert row.indicator_inferred is None
    assert row.indicator_confidence > DEFAULT_THRESHOLD
    assert any("地区生产总值" in word for word in row.indicator_evidence)


def test_printed_indicator_wins_and_is_not_inferred():
    printed = _row(HANDMADE["纳税"], indicator_raw="五、纳税", indicator="纳税")
    assert infer_row(printed) is printed
    # whatever the text says: a measure about taxes printed under 开办企业 stays 开办企业
    other = _row(HANDMADE["纳税"], indicator_raw="开办企业", indicator="开办企业")
    assert infer_row(other).indicator_inferred is None and counted_indicator(other) == "开办企业"


def test_reading_a_document_infers_where_it_prints_none():
    themes = read_document(SAMPLE_003).rows  # themes only
    assert len(themes) == 28 and all(r.indicator is None and r.indicator_inferred_by == load_model().id
                                     for r in themes)
    printed = read_document(SAMPLE_000).rows
    in_18 = [r for r in printed if r.indicator in INDICATORS]
    local = [r for r in printed if r.indicator not in INDICATORS]  # 注销企业, 获得网络, 深化改革创新
    assert in_18 and all(r.indicator_inferred is None and r.indicator_confidence is None for r in in_18)
    assert local and all(r.indicator_inferred_by is not None for r in local)


def _review(tmp_path, name: str) -> list[list[str]]:
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["indicators", str(SAMPLE_003), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_review_shows_the_three_most_likely_indicators_whatever_the_answer(tmp_path):
    """The answer and its alternatives name the model's three most likely indicators, in order; "none" is
    shown beside them (as the answer, or as an alternative) but never takes one's place."""
    table = _review(tmp_path, "review.csv")
    header = table[0]
    inferred, alternatives, measure = header.index("推断指标"), header.index("其他候选"), header.index("具体措施")
    rows = read_document(SAMPLE_003).rows
    predictions = dict(zip([r.measure for r in rows], load_model().predict_many([measure_text(r) for r in rows])))
    for line in table[1:]:
        shown = [line[inferred]] + [a.rsplit(" ", 1)[0] for a in line[alternatives].split("；")]
        assert [c for c in shown if c != "无"] == [c for c, _ in predictions[line[measure]].indicators]
        assert shown.count("无") <= 1


def test_a_measure_serving_none_is_shown_with_three_indicators():
    rows = [infer_row(_row(measure, indicator_raw=None)) for measure in NONE]
    records = review_records(Corpus(rows=rows), lang="zh")
    assert any(r["inferred"] == "无" for r in records)
    for record, prediction in zip(records, load_model().predict_many([measure_text(r) for r in rows])):
        alternatives = [a.rsplit(" ", 1)[0] for a in record["alternatives"].split("；")]
        if record["inferred"] == "无":
            assert alternatives == [c for c, _ in prediction.indicators] and len(alternatives) == 3


def test_corrections_take_precedence(tmp_path):
    table = _review(tmp_path, "review.csv")
    assert table[0][-1] == "校正指标（请填写）" and len(table) == 29
    header = table[0]
    seq, inferred = header.index("序号"), header.index("推断指标")
    first = next(r for r in table[1:] if r[seq] == "1")
    second = next(r for r in table[1:] if r[seq] == "2")
    first[-1] = "纳税" if first[inferred] != "纳税" else "开办企业"
    second[-1] = "无"
    table[3][-1] = "交通运输"  # not an indicator
    with (tmp_path / "review.csv").open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(table)

    result = CliRunner().invoke(cli, ["extract", str(SAMPLE_003), "--corrections", str(tmp_path / "review.csv")])
    assert result.exit_code == 0, result.output
    rows = {r["seq"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["1"]["indicator_inferred"] == first[-1]
    assert rows["1"]["indicator_confidence"] == 1.0 and rows["1"]["indicator_inferred_by"] == "correction:review.csv"
    assert rows["2"]["indicator_inferred"] is None and rows["2"]["indicator_inferred_by"] == "correction:review.csv"
    assert rows["4"]["indicator_inferred_by"] == load_model().id  # untouched
    assert "review.csv:4: 校正值“交通运输”不是 18 项评价指标之一，也不是“无”；该行已忽略" in result.stderr
    assert "review.csv：已应用 2 条校正" in result.stderr


def test_correction_for_a_measure_no_longer_there_is_named(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text("文件,行号,具体措施,校正指标（请填写）\n"
                    f"{SAMPLE_003.name},9999,这条措施已从文件中删去,纳税\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "extract", str(SAMPLE_003), "--corrections", str(path)])
    assert result.exit_code == 0
    assert f"review.csv:2: no such measure in {SAMPLE_003.name} (was line 9999); correction not applied" in result.stderr


def test_corrections_file_without_the_columns_is_refused_before_reading(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(SAMPLE_003), "--corrections", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"Error: {path}: 缺少列：文件、具体措施、校正指标（请填写）（请使用 policykg indicators 生成的表格）\n"


FORMULAS = ("2021年某区优化营商环境任务分工表\n序号\t工作目标\t具体措施\t牵头部门\t责任单位\t完成时限\n"
            "1\t一、持续优化营商环境\t=1+2推进电子税务局建设，办税缴费网上办理。\t区税务局\t区财政局\t6月底\n"
            "2\t\t@SUM(A1)压缩企业开办时间，营业执照当日办结。\t区市场监管局\t区税务局\t6月底\n")


def test_review_cells_from_documents_are_text_in_csv(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(FORMULAS, encoding="utf-8")
    out = tmp_path / "review.csv"
    assert CliRunner().invoke(cli, ["indicators", str(plan), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert ",\"'=1+2推进电子税务局建设" in text and ",\"'@SUM(A1)压缩企业开办时间" in text
    # and the corrections reader gives the printed text back
    corrections = read_corrections(out)
    assert corrections.items == ()  # nothing filled in


def test_review_cells_from_documents_are_text_in_excel_and_libreoffice(tmp_path):
    from openpyxl import load_workbook

    plan = tmp_path / "plan.txt"
    plan.write_text(FORMULAS, encoding="utf-8")
    out = tmp_path / "review.xlsx"
    assert CliRunner().invoke(cli, ["indicators", str(plan), "-o", str(out)]).exit_code == 0
    sheet = load_workbook(out).active
    measures = [c for c in sheet["F"][1:]]
    assert [c.value for c in measures] == ["=1+2推进电子税务局建设，办税缴费网上办理。", "@SUM(A1)压缩企业开办时间，营业执照当日办结。"]
    assert all(c.data_type == "s" for c in measures)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed to check how a spreadsheet program opens the table"
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(tmp_path / "lo-out"), str(out)], check=True, capture_output=True, timeout=120)
    converted = (tmp_path / "lo-out" / "review.csv").read_text(encoding="utf-8")
    assert "=1+2推进电子税务局建设" in converted and "@SUM(A1)压缩企业开办时间" in converted


def test_extract_xlsx_keeps_document_text_as_text(tmp_path):
    from openpyxl import load_workbook

    plan = tmp_path / "plan.txt"
    plan.write_text(FORMULAS, encoding="utf-8")
    out = tmp_path / "rows.xlsx"
    assert CliRunner().invoke(cli, ["extract", str(plan), "--format", "xlsx", "-o", str(out)]).exit_code == 0
    sheet = load_workbook(out).active
    column = [c.value for c in sheet[1]].index("measure") + 1
    cells = [sheet.cell(row=r, column=column) for r in (2, 3)]
    assert [c.value for c in cells] == ["=1+2推进电子税务局建设，办税缴费网上办理。", "@SUM(A1)压缩企业开办时间，营业执照当日办结。"]
    assert all(c.data_type == "s" for c in cells)
