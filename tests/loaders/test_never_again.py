"""What must never happen again: each case was seen reading real documents, and each test failed before the fix.

Every numbered task is a row or a reject with its line and reason; nothing is dropped
or invented silently.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from click.testing import CliRunner

from policykg import sample_paths
from policykg.cli import cli
from policykg.loaders import load_corpus, parse_text, read_document
from policykg.loaders.unit_names import parse_units
from tests.support.document_formats import RENDERERS, Spec, Table

SAMPLE_001 = next(p for p in sample_paths() if p.name.startswith("001"))
SAMPLE_002 = next(p for p in sample_paths() if p.name.startswith("002"))


def test_inline_deadline_after_a_comma_is_the_deadline_never_a_unit(tmp_path):
    text = ("2021年晋安区优化营商环境工作方案\n一、优化开办企业\n"
            "1.推行企业开办全程网办。（牵头单位：区市场监管局；配合单位：区财政局、区税务局，6月底前完成）\n"
            "2.压缩开办时间。（牵头单位：区市场监管局；配合单位：区公安分局；2021年9月底前完成）\n")
    path = tmp_path / "jinan.txt"
    path.write_text(text, encoding="utf-8")
    result = read_document(path)
    assert [(r.lead, r.responsible, r.deadline) for r in result.rows] == [
        (("区市场监管局",), ("区财政局", "区税务局"), "2021-06-30"),
        (("区市场监管局",), ("区公安分局",), "2021-09-30"),
    ]
    corpus = load_corpus(results=[result])
    assert not any("月底" in a.name or "完成" in a.name for a in corpus.agencies.values())


def test_a_name_that_reads_as_a_date_an_amount_or_a_sentence_is_no_unit():
    parsed = parse_units("区财政局、晋安区6月底前完成、每季度、5000万元、推进企业开办全程网办。")
    assert parsed.names == ["区财政局"]
    assert len([w for w in parsed.warnings if w.startswith("not_a_unit:")]) == 4


def test_a_bare_page_number_line_inside_a_tab_table_does_not_end_it():
    lines = SAMPLE_001.read_text(encoding="utf-8").split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("30\t"))
    for artefact in (["12"], ["", "12", ""], ["2、"]):
        result = parse_text("\n".join(lines[:at] + artefact + lines[at:]), "001.txt")
        assert len(result.rows) == 149 and result.rejects == []


def test_row_numbers_of_ten_thousand_and_more_are_numbers():
    header = "序号\t具体措施\t牵头部门\t责任单位\t完成时限"
    rows = [f"{n}\t推进第{n}项改革。\t市税务局\t市财政局\t6月底" for n in range(9998, 10004)]
    result = parse_text("2021年某市任务清单\n" + "\n".join([header] + rows) + "\n", "big.txt")
    assert [(r.seq, r.indicator_raw, r.lead) for r in result.rows] == [
        (str(n), None, ("市税务局",)) for n in range(9998, 10004)]


_BIG_NUMBERS = [99_999, 100_000, 9_999_999, 10_000_000, 123_456_789_012]


def test_row_numbers_have_no_upper_limit():
    """Reading rules, "Page artefacts": a sheet of 100,000 rows is numbered to 100000, and on."""
    numbers = _BIG_NUMBERS
    tab = ["序号\t具体措施\t牵头部门\t责任单位\t完成时限"]
    tab += [f"{n}\t推进第{k}项改革。\t市税务局\t市财政局\t6月底" for k, n in enumerate(numbers)]
    cells = ["\t序号", "\t具体措施", "\t牵头部门", "\t责任单位", ""]
    for k, n in enumerate(numbers):
        cells += [f"\t{n}", f"\t推进第{k}项改革。", "\t市税务局", "\t市财政局", ""]
    lines = ["序号", "具体措施", "牵头单位", "配合单位"]
    for k, n in enumerate(numbers):
        lines += [str(n), f"推进第{k}项改革。", "市税务局", "市财政局"]
    for layout in (tab, cells, lines):
        result = parse_text("2021年某市任务清单\n" + "\n".join(layout) + "\n", "big.txt")
        assert [(r.seq, r.lead, r.responsible) for r in result.rows] == [
            (str(n), ("市税务局",), ("市财政局",)) for n in numbers], layout[0]


def test_row_numbers_have_no_upper_limit_in_word_excel_csv_and_html(tmp_path):
    table = Table(["序号", "具体措施", "牵头单位", "责任单位"],
                  [("row", [str(n), f"推进第{k}项改革。", "市税务局", "市财政局"]) for k, n in enumerate(_BIG_NUMBERS)],
                  merge=False)
    for suffix, render in RENDERERS.items():
        result = read_document(render(Spec(["2021年某市任务清单", table]), tmp_path / f"big{suffix}"))
        assert [r.seq for r in result.rows] == [str(n) for n in _BIG_NUMBERS], suffix


def test_a_file_whose_encoding_changes_part_way_loses_no_row(tmp_path):
    lines = SAMPLE_002.read_text(encoding="utf-8").replace("\u2022", "").split("\n")
    half = len(lines) // 2
    path = tmp_path / "mixed.txt"
    path.write_bytes("\n".join(lines[:half]).encode("utf-8") + b"\n" + "\n".join(lines[half:]).encode("gb18030"))
    result = read_document(path)
    expected = read_document(SAMPLE_002)
    assert [(r.seq, r.lead, r.responsible, r.measure) for r in result.rows] == [
        (r.seq, r.lead, r.responsible, r.measure) for r in expected.rows]
    assert [p.split(":")[0] for p in result.problems] == ["doc_encoding_mixed"]
    first, _, last = result.problems[0].partition(":")[2].partition("-")
    assert int(first) > half and int(last) <= len(lines)


def _docx_with_entity(tmp_path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("一、开办企业")
    document.add_paragraph("1.压缩开办时间。（牵头单位：市市场监管局；责任单位：市税务局）")
    document.add_paragraph("2.推行电子执照。（牵头单位：市政务服务中心）")
    plain = tmp_path / "plain.docx"
    document.save(plain)
    source = zipfile.ZipFile(plain)
    xml = source.read("word/document.xml").decode("utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xml = xml.replace("<w:document", f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]><w:document', 1)
    xml = xml.replace("压缩开办时间。", "压缩开办&xxe;时间。")
    path = tmp_path / "entity.docx"
    with zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            out.writestr(item, xml.encode("utf-8") if item.filename == "word/document.xml" else source.read(item))
    return path


def test_a_docx_with_an_external_entity_is_read_safely_and_whole(tmp_path):
    result = read_document(_docx_with_entity(tmp_path))
    assert [(r.seq, r.measure, r.lead, r.responsible) for r in result.rows] == [
        ("1", "压缩开办时间。", ("市市场监管局",), ("市税务局",)),
        ("2", "推行电子执照。", ("市政务服务中心",), ()),
    ]
    assert not any("SECRET" in r.measure for r in result.rows)  # never expanded
    assert result.problems == ["docx_entities:xxe"]


def test_a_symlink_loop_inside_a_folder_gets_a_message(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.txt").write_text(
        "序号\t具体措施\t牵头部门\t责任单位\t完成时限\n1\t推进。\t市税务局\t市财政局\t6月底\n", encoding="utf-8")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("gone.txt", folder / "dead.txt")
    result = CliRunner().invoke(cli, ["--lang", "en", "extract", str(folder)])
    assert result.exit_code == 0
    assert f"{folder / 'loop.txt'}: symbolic link loop; cannot be read" in result.stderr
    assert f"{folder / 'dead.txt'}: symbolic link to a missing file" in result.stderr
    assert result.stdout.count('"source": "plan.txt"') == 1


def test_every_numbered_task_is_a_row_or_a_reject():
    text = ("一、开办企业\n1.压缩开办时间。（牵头单位：市市场监管局）\n2.推行电子营业执照。\n"
            "3.推广电子印章。（市政务服务中心牵头）\n4.推进银行开户便利化。（牵头单位：人民银行某市中心支行；责任单位")
    result = parse_text(text, "plan.txt")
    assert [r.seq for r in result.rows] == ["1", "3"]
    assert [(r.line, r.seq, r.reason) for r in result.rejects] == [
        (3, "2", "reject_no_units"), (5, "4", "reject_truncated")]


def test_tasks_run_together_on_one_line_keep_distinct_lines():
    text = "一、稳定增长 1.扩大投资。（市发改委牵头） 2.促进消费。（市商务局牵头） 3.稳定外贸。（市商务局负责）\n"
    result = parse_text(text, "one-line.txt")
    assert [(r.seq, r.lead, r.responsible) for r in result.rows] == [
        ("1", ("市发改委",), ()), ("2", ("市商务局",), ()), ("3", (), ("市商务局",))]
    assert len({r.line for r in result.rows}) == 3
    assert result.problems == ["text_lines_ordinal"]
