"""What a file really is, by its first bytes, and one clear message for formats that cannot be read.

Planners' files are often not what their names say: an encrypted .xlsx is an
OLE2 compound file, a .doc may be a .docx or a Word "web page", an .xls an HTML
table exported by a government system. `sniff_suffix` names the reader the
content calls for; `read_unreadable` turns an old binary Office file, a
password-protected OOXML file, a PDF or an RTF file into a `LoadResult` with
one problem code saying what to do (never an exception).

PDF is not read: a text layer gives words without the table's cells, so
reading tasks from it would be guesswork, and an image-only scan needs OCR.
Adding a PDF library (pypdf, pdfminer) would not change either; converting
the original to .docx is the reliable path.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from policykg.records import Document, LoadResult

__all__ = ["sniff_suffix", "read_unreadable", "sniff_problem"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as stream:
        return stream.read(size)


def sniff_suffix(path: Path) -> str | None:
    """The suffix whose reader the content calls for, or None to go by the file name.

    An OLE2, PDF or RTF file goes to `read_unreadable` whatever its name; a
    zip package to the Word or Excel reader by its parts; a .doc / .xls that is
    a web page to the HTML reader.
    """
    try:
        head = _head(path)
    except OSError:
        return None
    suffix = path.suffix.lower()
    if head.startswith(_OLE2):
        return ".xls" if suffix in (".xls", ".xlsx", ".xlsm", ".et", ".csv") else ".doc"
    if b"%PDF-" in head[:1024]:
        return ".pdf"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith(_ZIP) and suffix not in (".docx", ".docm", ".xlsx", ".xlsm"):
        try:
            with zipfile.ZipFile(path) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return ".xlsx"
        return None
    if suffix in (".doc", ".xls", ".wps", ".et"):
        probe = head.lstrip(b"\xef\xbb\xbf\xff\xfe \r\n\t").lower()
        if probe.startswith(b"<") and (b"<html" in head.lower() or b"<table" in head.lower()):
            return ".html"
    return None


def _pdf_has_text(data: bytes) -> bool:
    """Whether a PDF has a text layer: fonts or text operators, also inside compressed streams."""
    if b"/Font" in data:
        return True
    for m in re.finditer(rb"stream\r?\n", data):
        chunk = data[m.end() : m.end() + 4_000_000]
        try:
            inflated = zlib.decompressobj().decompress(chunk, 2_000_000)
        except zlib.error:
            continue
        if b"/Font" in inflated or re.search(rb"\)\s*Tj|\]\s*TJ", inflated):
            return True
    return False


def sniff_problem(path: Path) -> str:
    """The problem code for a file that cannot be read (its kind decided by content, then by name)."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptionInfo" in data \
                or "EncryptionInfo".encode("utf-16-le") in data:
            return "doc_encrypted"
        if suffix in (".xls", ".et") or "Workbook".encode("utf-16-le") in data[:1 << 20]:
            return f"doc_legacy_excel:{path.name}"
        return f"doc_legacy_word:{path.name}"
    if b"%PDF-" in data[:1024]:
        return "doc_pdf_text" if _pdf_has_text(data) else "doc_pdf_image"
    if data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        return f"doc_rtf:{path.name}"
    if suffix in (".doc", ".wps"):
        return f"doc_legacy_word:{path.name}"
    if suffix in (".xls", ".et"):
        return f"doc_legacy_excel:{path.name}"
    return f"doc_corrupt:{suffix.lstrip('.') or 'document'}"


def read_unreadable(path: Path, encoding: str | None = None) -> LoadResult:
    """A `LoadResult` with one problem code for a file no reader can read (see `sniff_problem`)."""
    return LoadResult(document=Document(source=path.name), problems=[sniff_problem(path)])
