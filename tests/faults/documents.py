"""Documents for the fault tests: small real task tables as .docx and text, and ways to spoil them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["TITLE", "write_docx", "write_text_table", "truncate", "ENCRYPTED"]

TITLE = "福州市鼓楼区2021年优化营商环境工作任务分工表"
HEADER = ["序号", "具体措施", "牵头单位", "责任单位", "完成时限"]

# An OLE2 container with EncryptionInfo / EncryptedPackage streams: how Office stores a password-protected file.
ENCRYPTED = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")
             + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 400)


def _rows(count: int, first: int = 1) -> list[list[str]]:
    return [[str(n), f"推进第{n}项改革措施落地见效。", "区税务局", "区财政局、区人社局", "6月底"]
            for n in range(first, first + count)]


def write_docx(path: Path, count: int = 5, title: str = TITLE, rows: list[list[str]] | None = None) -> Path:
    """A Word document holding a title and a task table of ``count`` numbered rows (or the given rows)."""
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    body = rows if rows is not None else _rows(count)
    table = document.add_table(rows=1 + len(body), cols=len(HEADER))
    for c, label in enumerate(HEADER):
        table.cell(0, c).text = label
    for r, cells in enumerate(body, start=1):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def write_text_table(path: Path, count: int = 5, title: str = TITLE, rows: list[list[str]] | None = None) -> Path:
    """The same table as a TAB-separated text extraction."""
    body = rows if rows is not None else _rows(count)
    lines = [title, "\t".join(HEADER), *("\t".join(cells) for cells in body)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def truncate(path: Path, keep: float = 0.5) -> Path:
    """Cut a file to a part of its bytes, as a failed copy or download leaves it."""
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path
