"""Bad input never crashes and never loses data: one clear message naming the file, exit 1 only when nothing was read."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg import sample_paths
from policykg.cli import cli
from policykg.loaders import parse_text, read_document

SAMPLE_002 = next(p for p in sample_paths() if p.name.startswith("002"))


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    text = ("2021年某县任务分工表\n序号\t工作目标\t具体措施\t牵头部门\t责任单位\t完成时限\n"
            "1\t一、纳税\t推进电子税务局建设。\t县税务局\t县财政局\t6月底\n")
    path = tmp_path / "good.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run("extract", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "[1/1] empty.txt: 0 行，0 行有警告，0 行未解析; 文件为空",
        "Error: 没有读到任何任务行（见上方各文件的说明）",
    ]
    assert result.stdout == ""


def test_binary_file(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = run("--lang", "en", "extract", str(path))
    assert result.exit_code == 1
    assert "scan.txt: 0 rows, 0 with warnings, 0 rejected; not a text file (binary content); cannot be read" in result.stderr


def test_text_without_table(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于做好营商环境工作的通知\n\n各单位：请认真落实。\n", encoding="utf-8")
    result = run("extract", str(path))
    assert result.exit_code == 1
    assert "notice.txt: 0 行，0 行有警告，0 行未解析; 未找到任务分工表或任务清单" in result.stderr


def test_missing_file_in_a_batch_is_reported_and_the_rest_is_read(tmp_path, good):
    result = run("extract", str(tmp_path / "nope.txt"), str(good))
    assert result.exit_code == 0
    assert "nope.txt: 文件不存在" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["lead"] == ["县税务局"]


def test_binary_file_in_a_batch_does_not_stop_it(tmp_path, good):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = run("extract", str(bad), str(good))
    assert result.exit_code == 0
    assert "bad.txt" in result.stderr and len(result.stdout.splitlines()) == 1


def test_table_cut_off_mid_row(tmp_path):
    text = SAMPLE_002.read_text(encoding="utf-8")
    cut = text.index("泉州市人民政府办公室文件")  # keep the head
    start_of_row_40 = text.index("\n40\t") + 1
    truncated = text[: start_of_row_40 + 30]  # inside row 40's measure
    path = tmp_path / "cut.txt"
    path.write_text(truncated, encoding="utf-8")
    result = read_document(path)
    assert cut >= 0
    # row 40 stops inside its measure, before its unit cells: its units are lost, so it is a reject
    assert [r.seq for r in result.rows][-1] == "39"
    assert len(result.rows) == 39
    line = text[:start_of_row_40].count("\n") + 1
    assert [(r.line, r.seq, r.reason) for r in result.rejects] == [(line, "40", "reject_truncated")]
    assert result.problems == [f"doc_truncated:{line}"]
    cli_result = run("--lang", "en", "extract", str(path))
    assert cli_result.exit_code == 0
    assert f"line {line} is incomplete" in cli_result.stderr


@pytest.mark.parametrize("encoding,prefix", [
    ("gb18030", b""), ("gbk", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b""), ("utf-16-le", b""),
])
def test_encodings(tmp_path, encoding, prefix):
    text = SAMPLE_002.read_text(encoding="utf-8").replace("\u2022", "")
    data = prefix + text.encode(encoding, errors="strict")
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(data)
    result = read_document(path)
    expected = read_document(SAMPLE_002)
    assert [(r.seq, r.lead, r.responsible, r.deadline) for r in result.rows] == [
        (r.seq, r.lead, r.responsible, r.deadline) for r in expected.rows
    ]
    assert result.document.title == expected.document.title


def test_encoding_override(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("序号\t具体措施\t牵头部门\t责任单位\t完成时限\n1\t推进。\t市税务局\t市财政局\t6月底\n".encode("gbk"))
    result = run("extract", "--encoding", "gbk", str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["lead"] == ["市税务局"]


def test_rejects_file_lists_rows_without_measure(tmp_path):
    text = ("序号\t具体措施\t牵头部门\t责任单位\t完成时限\n1\t推进电子税务局建设。\t市税务局\t\t6月底\n"
            "2\t\t市财政局\t\t6月底\n3\t降费。\t市发改局\t\t9月底\n")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = run("extract", str(path), "--rejects", str(rejects))
    assert result.exit_code == 0
    assert rejects.read_text(encoding="utf-8").splitlines() == [
        '"source","line","seq","reason","text"',  # text cells quoted (policykg.cells)
        '"plan.txt",3,"2","具体措施为空，该行未解析","2 | 市财政局 | 6月底"',
    ]
    assert "plan.txt: 2 行，2 行有警告，1 行未解析" in result.stderr


@pytest.mark.parametrize("text", ["", "\t\t\t", "序号\t牵头部门\t责任单位\n", "序号\n\t牵头\n\t责任\n\t时限\n\t1\n",
                                  "\x00\x01", "1\t2\t3"])
def test_parse_text_never_raises_on_odd_text(text):
    result = parse_text(text, "odd.txt")
    assert (result.document.source, result.rows, result.rejects, result.problems) == ("odd.txt", [], [], ["doc_no_table"])


_TABLEISH = st.text(st.sampled_from(list("序号具体措施牵头单位责任完成时限一二三1234567890、，。（）()\t\n\r 市县区局\u3000")),
                    max_size=300)


@settings(max_examples=150, deadline=None)
@given(_TABLEISH)
def test_parse_text_never_raises_and_every_row_points_into_the_text(text):
    """Whatever the text, a reading: rows and rejects at lines of the text, measures not empty, problems named."""
    from policykg.messages import render

    result = parse_text(text, "odd.txt")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    assert result.document.source == "odd.txt"
    for row in result.rows:
        assert row.source == "odd.txt" and 1 <= row.line <= lines and row.measure.strip()
    assert all(1 <= reject.line <= lines for reject in result.rejects)
    assert all(render(problem, "en") != problem for problem in result.problems)  # a text, not a raw code
    assert result.rows or result.rejects or result.problems  # nothing read is said, never silent
