"""FILES may name folders: a folder gives its documents; names must stay unique."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg import sample_paths
from policykg.cli import cli
from policykg.errors import InputError
from policykg.loaders.read import expand_paths


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    for p in sample_paths()[:2]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # a registered format: reported when read
    (folder / "readme").write_text("no suffix: not taken from a folder", encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (folder / "~$lock.docx").write_bytes(b"lock")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    (folder / "sub" / "deeper.txt").write_text("subfolders are not read", encoding="utf-8")
    return folder


def test_a_folder_gives_its_documents_sorted(tmp_path):
    folder = _folder(tmp_path)
    names = [p.name for p in expand_paths([folder])]
    assert names == sorted([p.name for p in sample_paths()[:2]] + ["notes.pdf"])


def test_files_pass_through_and_a_repeat_is_read_once(tmp_path):
    folder = _folder(tmp_path)
    one = folder / sample_paths()[0].name
    assert expand_paths([one, folder / "missing.txt", one]) == [one, folder / "missing.txt"]
    assert expand_paths([one, folder])[0] == one and len(expand_paths([one, folder])) == 3


def test_two_documents_of_one_name_are_refused(tmp_path):
    folder = _folder(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    twin = other / sample_paths()[0].name
    twin.write_bytes(sample_paths()[0].read_bytes())
    with pytest.raises(InputError, match="同名|same file name"):
        expand_paths([folder, other])


def test_cli_reads_a_folder_and_reports_an_empty_one(tmp_path):
    folder = _folder(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(folder), "--format", "csv", "-o", str(tmp_path / "rows.csv")])
    assert result.exit_code == 0, result.output
    rows = (tmp_path / "rows.csv").read_text(encoding="utf-8").splitlines()
    expected = CliRunner().invoke(cli, ["extract", *map(str, sample_paths()[:2]), "--format", "csv"])
    assert len(rows) == len(expected.stdout.splitlines()) > 100
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["extract", str(empty)])
    assert result.exit_code == 1
    assert "empty" in result.output and ("没有可读" in result.output or "no readable" in result.output)
