"""Builds under faults: killed (SIGKILL, SIGTERM), two at once, a full disk. Real processes, real signals.

What must hold: the store on disk is whole (the old one, or the complete new
one), worker processes end with their parent, what a killed build left is
cleared by the next, and each failure is one line on stderr, no traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from pyoxigraph import Store

from policykg import sample_paths
from policykg.graph.rdf.store import document_graphs
from tests.support.cli_process import (
    Started,
    children_of,
    generated_documents,
    is_alive,
    policykg_command,
    run_policykg,
    start_policykg,
)

SAMPLE_003 = next(p for p in sample_paths() if p.name.startswith("003"))


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """A folder of 80 generated documents: a build of them runs long enough to be interrupted."""
    folder = tmp_path_factory.mktemp("many")
    generated_documents(folder, docs=80)
    (folder / "truth.jsonl").unlink()
    return folder


def _wait_for(condition, seconds: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _staging(store: Path) -> list[Path]:
    return sorted(store.parent.glob(f".{store.name}.*"))


def _building(proc: Started, store: Path) -> list[int]:
    """Wait until the build has its staging store and its reading workers; return the workers."""
    _wait_for(lambda: (store.parent / f".{store.name}.building-{proc.pid}").exists() and children_of(proc.pid)
              or proc.poll() is not None, what="the build to start its workers")
    assert proc.poll() is None, proc.stderr
    return children_of(proc.pid)


def _documents(store: Path) -> int:
    return len(document_graphs(Store.read_only(str(store))))


def test_kill_9_ends_the_workers_and_the_next_build_clears_what_was_left(many, tmp_path):
    kg = tmp_path / "kg"
    proc = start_policykg("build", many, "--store", kg, stderr=tmp_path / "stderr")
    try:
        workers = _building(proc, kg)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        _wait_for(lambda: not any(is_alive(pid) for pid in workers), seconds=5,
                  what="the workers to end with the build")
    finally:
        proc.kill()
    assert workers
    assert [p.name for p in _staging(kg)] == [f".kg.building-{proc.pid}"]  # what the kill left
    assert not kg.exists()

    again = run_policykg("build", SAMPLE_003, "--store", kg)
    assert again.returncode == 0, again.stderr
    assert _staging(kg) == []
    assert _documents(kg) == 1


def test_sigterm_stops_a_build_through_its_cleanup(many, tmp_path):
    kg = tmp_path / "kg"
    proc = start_policykg("build", many, "--store", kg, stderr=tmp_path / "stderr")
    try:
        workers = _building(proc, kg)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        _wait_for(lambda: not any(is_alive(pid) for pid in workers), seconds=5, what="the workers to end")
    finally:
        proc.kill()
    stderr = proc.stderr
    assert proc.returncode == 128 + signal.SIGTERM
    assert stderr.splitlines()[-1] == ("Error: stopped by SIGTERM; what was complete stays whole, the unfinished "
                                       "part left nothing behind")
    assert "Traceback" not in stderr
    assert _staging(kg) == [] and not kg.exists()


def test_a_store_set_aside_by_a_killed_swap_is_put_back(tmp_path):
    """`run` replaces a store by setting the old one aside, then renaming the new one in; killed in between,
    the next command that needs the store puts the old one back."""
    kg = tmp_path / "out" / "store"
    assert run_policykg("build", SAMPLE_003, "--store", kg).returncode == 0
    kg.rename(kg.parent / ".store.old-999999999")  # above any pid the kernel gives: a process that is gone
    result = run_policykg("query", "measures_without_lead", "--store", kg, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert _documents(kg) == 1 and _staging(kg) == []


def test_two_new_builds_at_once_one_store_one_clear_line(many, tmp_path):
    kg = tmp_path / "kg"
    slow = start_policykg("build", many, "--store", kg, stderr=tmp_path / "stderr")
    try:
        _building(slow, kg)
        quick = run_policykg("build", SAMPLE_003, "--store", kg)  # done while the slow one still loads
        assert quick.returncode == 0, quick.stderr
        slow.wait(timeout=600)
    finally:
        slow.kill()
    stderr = slow.stderr
    assert slow.returncode == 1
    assert stderr.splitlines()[-1] == (f"Error: {kg}: another build made a store here while this one ran; this "
                                       "build wrote nothing and that store is whole; run again to add the documents "
                                       "to it")
    assert "Traceback" not in stderr
    assert _documents(kg) == 1 and _staging(kg) == []


def test_a_build_into_a_store_another_process_writes_is_one_clear_line(tmp_path):
    kg = tmp_path / "kg"
    assert run_policykg("build", SAMPLE_003, "--store", kg).returncode == 0
    before = {str(q) for q in Store.read_only(str(kg))}
    holder = Store(str(kg))  # a writer that holds the store (as `serve --writable` or another build does)
    try:
        result = run_policykg("build", *sample_paths(), "--store", kg)
    finally:
        del holder
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Error: {kg}: the store is in use by another process (another build, or `policykg "
                           "serve`) and cannot be opened (")
    assert last.endswith("); wait for it to end or stop it, then run again; the store is unchanged")
    assert "Traceback" not in result.stderr
    assert {str(q) for q in Store.read_only(str(kg))} == before


def _in_small_filesystem(script: str, folder: Path, size: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script with ``folder`` a fresh tmpfs of ``size`` (a mount namespace of its own: a real full disk)."""
    unshare = shutil.which("unshare")
    assert unshare, "util-linux `unshare` is needed to make a small filesystem for the disk-full tests"
    policykg = " ".join(f"'{part}'" for part in policykg_command())
    body = f"mount -t tmpfs -o size={size} tmpfs '{folder}' && cd '{folder}' && {script.replace('POLICYKG', policykg)}"
    return subprocess.run([unshare, "--map-root-user", "--mount", "sh", "-c", body], capture_output=True, text=True,
                          env={**os.environ, "POLICYKG_LANG": "en"}, timeout=600)


def test_a_full_disk_during_a_new_build_is_one_line_and_leaves_nothing(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    samples = " ".join(f"'{p}'" for p in sample_paths())
    result = _in_small_filesystem(f"POLICYKG build {samples} --store kg; echo status=$?; ls -A", folder, "600k")
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    error = [line for line in lines if line.startswith("Error:")]
    assert len(error) == 1 and error[0].startswith("Error: kg: the new store could not be written (")
    assert "No space left on device" in error[0]
    assert error[0].endswith("nothing was left behind and what was there is unchanged; free some disk space (or "
                             "remove the cause) and run again")
    assert "status=1" in lines
    assert result.stdout.splitlines()[-1] == "status=1"  # `ls -A` listed nothing: no staging store left


def test_a_full_disk_during_an_update_keeps_the_store_whole(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    samples = " ".join(f"'{p}'" for p in sample_paths())
    count = "POLICYKG sparql 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --store kg --format csv"
    script = (f"POLICYKG build '{SAMPLE_003}' --store kg 2>/dev/null && {count} && "
              f"dd if=/dev/zero of=filler bs=1k count=19400 2>/dev/null; "
              f"POLICYKG build {samples} --store kg; echo status=$?; {count}")
    result = _in_small_filesystem(script, folder, "20m")
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0], result.stderr
    assert errors[0].endswith("free some disk space (or remove the cause) and run again")
    out = result.stdout.splitlines()
    # before and after: the same quads (sample 003's, its inferred indicators' nodes, 202 of tallies,
    # 637 of the store summary)
    assert out == ['"n"', "2421", "status=1", '"n"', "2421"]
