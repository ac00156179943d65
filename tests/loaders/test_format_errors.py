"""Files that cannot be read: one clear message each, no traceback, nothing else in the batch lost."""

from __future__ import annotations

import zlib

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.loaders import read_document
from policykg.messages import render
from tests.support.document_formats import Spec, Table, render_docx

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _encrypted() -> bytes:
    """An OLE2 container holding EncryptedPackage / EncryptionInfo streams (how Office stores a password-protected .xlsx)."""
    return OLE2 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 400


def _pdf(content: bytes, compressed: bool = False) -> bytes:
    stream = zlib.compress(content) if compressed else content
    flt = b"/Filter /FlateDecode " if compressed else b""
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
            b"4 0 obj << " + flt + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
            + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


CASES = [
    ("old.doc", OLE2 + b"WordDocument".decode().encode("utf-16-le"), "doc_legacy_word:old.doc"),
    ("old.xls", OLE2 + "Workbook".encode("utf-16-le"), "doc_legacy_excel:old.xls"),
    ("locked.xlsx", _encrypted(), "doc_encrypted"),
    ("locked.docx", _encrypted(), "doc_encrypted"),
    ("broken.docx", b"PK\x03\x04" + b"\x00garbage" * 20, "doc_corrupt:docx"),
    ("broken.xlsx", b"not a zip at all", "doc_corrupt:xlsx"),
    ("scan.pdf", _pdf(b"q 595 0 0 842 0 0 cm /Im1 Do Q"), "doc_pdf_image"),
    ("text.pdf", _pdf(b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET", compressed=True), "doc_pdf_text"),
    ("renamed.txt", _pdf(b"q /Im1 Do Q"), "doc_pdf_image"),
    ("letter.doc", b"{\\rtf1\\ansi hello}", "doc_rtf:letter.doc"),
]


@pytest.mark.parametrize("name, data, problem", CASES, ids=[c[0] for c in CASES])
def test_unreadable_formats_give_one_problem(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    result = read_document(path)
    assert result.rows == [] and result.problems == [problem]


def test_legacy_doc_message_says_how_to_convert():
    assert render("doc_legacy_word:计划.doc", "en") == (
        "old binary Word file (.doc/.wps) cannot be read; convert it first: "
        "libreoffice --headless --convert-to docx 计划.doc")


def test_docx_named_doc_is_read_as_docx(tmp_path):
    spec = Spec(["2021年某县任务分工表", Table(["序号", "具体措施", "牵头单位", "完成时限"],
                                        [("row", ["1", "推进电子税务局。", "县税务局", "6月底"])])])
    path = render_docx(spec, tmp_path / "x.docx").rename(tmp_path / "x.doc")
    assert [r.lead for r in read_document(path).rows] == [("县税务局",)]


def test_batch_with_bad_files_keeps_the_good_rows(tmp_path):
    (tmp_path / "old.doc").write_bytes(OLE2 + "WordDocument".encode("utf-16-le"))
    (tmp_path / "locked.xlsx").write_bytes(_encrypted())
    spec = Spec(["2021年某县任务分工表", Table(["序号", "具体措施", "牵头单位", "责任单位", "完成时限"],
                                        [("row", ["1", "推进电子税务局。", "县税务局", "县财政局", "6月底"])])])
    good = render_docx(spec, tmp_path / "good.docx")
    files = [str(tmp_path / "old.doc"), str(tmp_path / "locked.xlsx"), str(good)]
    result = CliRunner().invoke(cli, ["--lang", "en", "extract", "--format", "csv", *files])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "[1/3] old.doc: 0 rows, 0 with warnings, 0 rejected; old binary Word file (.doc/.wps) cannot be read; "
        "convert it first: libreoffice --headless --convert-to docx old.doc",
        "[2/3] locked.xlsx: 0 rows, 0 with warnings, 0 rejected; the file is password-protected (encrypted); "
        "remove the password in Word/WPS/Excel, save a copy and try again",
        "[3/3] good.docx: 1 rows, 0 with warnings, 0 rejected",
        "in all: 1 rows, 0 rejected",
    ]
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[1].startswith('"good.docx","1","","","","推进电子税务局。",')
