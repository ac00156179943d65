"""A document that cannot be read never costs data, and every command says so in the same words.

Through the command line in a process of its own (tests/support/cli_process.py):
the parent imports only what `policykg` imports, and reading 16 documents or
more happens in worker processes, as for a user.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store

from policykg import sample_paths
from policykg.graph.rdf import iris
from policykg.graph.rdf.store import document_sources
from tests.faults.documents import ENCRYPTED, truncate, write_docx, write_text_table
from tests.support.cli_process import run_policykg

SAMPLE_003 = next(p for p in sample_paths() if p.name.startswith("003"))
ENCRYPTED_TEXT = ("the file is password-protected (encrypted); remove the password in Word/WPS/Excel, "
                  "save a copy and try again")


def _graph(store_dir: Path, source: str) -> set[str]:
    store = Store.read_only(str(store_dir))
    return {str(q) for q in store.quads_for_pattern(None, None, None, NamedNode(iris.graph_iri(source)))}


def _documents(store_dir: Path) -> list[str]:
    return document_sources(Store.read_only(str(store_dir)))


def _spoil_truncated(path: Path) -> str:
    truncate(path)
    return "the file is damaged or not a valid docx file"


def _spoil_encrypted(path: Path) -> str:
    path.write_bytes(ENCRYPTED)
    return ENCRYPTED_TEXT


def _spoil_emptied(path: Path) -> str:
    import docx

    docx.Document().save(str(path))  # a valid Word file that now holds no task table
    return "no task table or task list found"


@pytest.mark.parametrize("spoil", [_spoil_truncated, _spoil_encrypted, _spoil_emptied])
def test_build_keeps_the_graph_of_a_document_that_became_unreadable(tmp_path, spoil):
    plan = write_docx(tmp_path / "plan.docx", count=5)
    kg = tmp_path / "kg"
    first = run_policykg("build", plan, SAMPLE_003, "--store", kg)
    assert first.returncode == 0, first.stderr
    before = _graph(kg, "plan.docx")
    assert sum("#Measure>" in q for q in before) == 5

    problem = spoil(plan)
    again = run_policykg("build", plan, "--store", kg)
    assert again.returncode == 1
    lines = again.stderr.splitlines()
    assert lines[0] == f"[1/1] plan.docx: 0 rows, 0 with warnings, 0 rejected; {problem}" + (
        "" if problem != "the file is damaged or not a valid docx file" else
        "; open it in Word/WPS/Excel, save a new copy and try again")
    assert lines[-1] == ("Error: 1 documents not written: plan.docx (unreadable or without task rows, see above; "
                         "what was written for them before stays as it was)")
    assert "Traceback" not in again.stderr
    assert _graph(kg, "plan.docx") == before
    assert _documents(kg) == [SAMPLE_003.name, "plan.docx"]


def test_neo4j_push_keeps_the_measures_of_a_document_that_became_unreadable(tmp_path, falkordb_server, bolt):
    plan = write_docx(tmp_path / "plan.docx", count=5)
    env = {"NEO4J_URI": falkordb_server.uri}
    first = run_policykg("neo4j", "push", plan, SAMPLE_003, env=env)
    assert first.returncode == 0, first.stderr

    def measures() -> list[str]:
        _, rows = bolt.read("MATCH (m:Measure {source: 'plan.docx'}) RETURN m.id AS id ORDER BY id")
        return [r["id"] for r in rows]

    kept = measures()
    assert len(kept) == 5
    _, rows = bolt.read("MATCH (d:Document {source: 'plan.docx'}) RETURN d.jurisdiction AS j")
    assert rows == [{"j": "鼓楼区"}]
    truncate(plan)
    for replace in ([], ["--no-replace"]):
        again = run_policykg("neo4j", "push", plan, *replace, env=env)
        assert again.returncode == 1
        assert "plan.docx: 0 rows, 0 with warnings, 0 rejected; the file is damaged" in again.stderr
        assert again.stderr.splitlines()[-1].startswith("Error: 1 documents not written: plan.docx (")
        assert measures() == kept
        _, rows = bolt.read("MATCH (d:Document {source: 'plan.docx'}) RETURN d.jurisdiction AS j")
        assert rows == [{"j": "鼓楼区"}]  # the document node keeps its facts too


def _bad_batch(folder: Path) -> list[Path]:
    """Sixteen password-protected workbooks, a damaged Word file, a junk text file and two good documents."""
    folder.mkdir()
    for k in range(16):
        (folder / f"locked{k:02}.xlsx").write_bytes(ENCRYPTED)
    truncate(write_docx(folder / "broken.docx"))
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 8)
    write_text_table(folder / "good.txt", count=3)
    shutil.copy(SAMPLE_003, folder)
    return sorted(folder.iterdir())


def test_a_batch_of_more_than_sixteen_bad_files_says_what_each_is(tmp_path):
    """Sixteen documents and more are read by worker processes; their messages are texts, never raw codes."""
    files = _bad_batch(tmp_path / "plans")
    missing = tmp_path / "gone.txt"
    expected_bad = {
        **{f"locked{k:02}.xlsx": ENCRYPTED_TEXT for k in range(16)},
        "broken.docx": "the file is damaged or not a valid docx file",
        "junk.txt": "not a text file (binary content); cannot be read",
    }
    kg = tmp_path / "kg"
    for command in (["extract", "--format", "csv"], ["build", "--store", kg], ["agencies"],
                    ["query", "measures_without_lead"], ["run", "-o", tmp_path / "out"]):
        result = run_policykg(*command, tmp_path / "plans", missing)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        lines = {line.split("] ", 1)[1].split(":", 1)[0]: line for line in result.stderr.splitlines()
                 if line.startswith("[")}
        assert lines[str(missing)] == f"[{len(files) + 1}/{len(files) + 1}] {missing}: file not found"
        for name, text in expected_bad.items():
            assert lines[name].split("; ", 1)[1].startswith(text), (command, lines[name])
        assert "doc_encrypted" not in result.stderr and "doc_corrupt" not in result.stderr
        if command[0] in ("build", "run"):  # the commands that write documents somewhere: exit 1, naming them
            assert result.returncode == 1
            assert result.stderr.splitlines()[-1].startswith("Error: 19 documents not written: broken.docx, junk.txt, "
                                                             "locked00.xlsx,")
        else:
            assert result.returncode == 0, result.stderr
    assert _documents(kg) == [SAMPLE_003.name, "good.txt"]  # no graph for a file that gave no rows
    assert _documents(tmp_path / "out" / "store") == [SAMPLE_003.name, "good.txt"]


def test_no_reader_module_adds_messages_when_it_is_imported():
    """A text a reader registered at import time is missing in the parent when workers did the reading."""
    code = """
import importlib, pkgutil
import policykg.cli
from policykg.message_catalogue import MESSAGES
import policykg.loaders as loaders
before = set(MESSAGES)
for info in pkgutil.iter_modules(loaders.__path__):
    importlib.import_module(f"policykg.loaders.{info.name}")
print(sorted(set(MESSAGES) - before))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
