"""A zipped document (.docx, .xlsx) that would expand past the cap is not read: one clear message, the batch goes on."""

from __future__ import annotations

import zipfile
from pathlib import Path

from policykg.loaders.decompression import MAX_EXPANDED_MB, expanded_size
from tests.faults.documents import write_docx, write_text_table
from tests.support.cli_process import run_policykg


def _bloat(source: Path, target: Path, megabytes: int) -> Path:
    """The Word file with ``megabytes`` MB of blanks in its body: a few hundred KB on disk, as many MB to parse
    (with the document's own parts a little more: 201 MB for 200). Reading it on main took 462 MB of memory."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename != "word/document.xml":
                out.writestr(info, data)
                continue
            head, end, tail = data.partition(b"</w:body>")
            with out.open(info.filename, "w") as part:
                part.write(head)
                for _ in range(megabytes):
                    part.write(b" " * (1024 * 1024))
                part.write(end + tail)
    return target


def test_a_docx_declaring_200_mb_is_refused_with_a_message(tmp_path):
    bomb = _bloat(write_docx(tmp_path / "plan.docx"), tmp_path / "bomb.docx", 200)
    assert bomb.stat().st_size < 1024 * 1024 and expanded_size(bomb) > 200 * 1024 * 1024
    good = write_text_table(tmp_path / "good.txt", count=2)
    result = run_policykg("extract", bomb, good)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"[1/2] bomb.docx: 0 rows, 0 with warnings, 0 rejected; the file expands to 201 MB, more than the "
        f"{MAX_EXPANDED_MB} MB one document may take (a guard against zip bombs), so it was not read; if it is a "
        "genuine document, split it or raise the limit with the environment variable POLICYKG_MAX_EXPANDED_MB")
    assert len(result.stdout.splitlines()) == 2  # good.txt's rows


def test_the_cap_can_be_set_and_applies_to_workbooks_too(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["序号", "具体措施", "牵头单位", "完成时限"])
    sheet.append(["1", "推进电子税务局建设。", "市税务局", "6月底"])
    workbook.save(tmp_path / "plan.xlsx")
    plan_docx = write_docx(tmp_path / "plan.docx", count=1)
    read = run_policykg("extract", tmp_path / "plan.xlsx", plan_docx)
    assert read.returncode == 0 and len(read.stdout.splitlines()) == 2, read.stderr
    capped = run_policykg("extract", tmp_path / "plan.xlsx", plan_docx, env={"POLICYKG_MAX_EXPANDED_MB": "0.001"})
    assert capped.returncode == 1
    for line, name in zip(capped.stderr.splitlines(), ("plan.xlsx", "plan.docx")):
        assert line.startswith("[") and f"{name}: 0 rows" in line
        assert "MB, more than the 0.001 MB one document may take" in line
