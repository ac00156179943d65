"""The review loop for inferred indicators: `indicators`, a planner's corrections as `--corrections`, a store keeping them.

Done when a store built with corrections holds the corrected values (a command reading
``--store`` sees them, attributed to the table), a rebuild and a second run keep them, and
every command that reads documents takes the option.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from policykg import sample_paths
from policykg.identities import measure_ids
from policykg.loaders import read_document
from policykg.pipeline.kept_corrections import KEPT_FILE
from tests.support.cli_runner import invoke, ok

SAMPLE_003 = next(p for p in sample_paths() if p.name.startswith("003_"))
COMMANDS_READING_DOCUMENTS = [["extract"], ["agencies"], ["indicators"], ["build"], ["run"], ["report"], ["viz"],
                              ["neo4j", "push"], ["neo4j", "export"], ["query"], ["sparql"], ["export"], ["validate"],
                              ["serve"], ["publish"]]
CORRECTED = ("PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
             "PREFIX dcterms: <http://purl.org/dc/terms/> "
             "SELECT ?line ?table WHERE { ?m pkg:sourceLine ?line ; pkg:qualifiedInferredIndicator ?x . "
             "?x prov:wasAttributedTo/dcterms:identifier ?table } ORDER BY ?line")


@pytest.fixture(scope="module")
def review(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The review table of sample 003 with two lines filled in: one indicator, one 无 (serves none)."""
    path = tmp_path_factory.mktemp("review") / "review.csv"
    ok("indicators", str(SAMPLE_003), "-o", str(path))
    with path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    header = table[0]
    seq, line, inferred = header.index("序号"), header.index("行号"), header.index("推断指标")
    first = next(r for r in table[1:] if r[seq] == "1")
    second = next(r for r in table[1:] if r[seq] == "2")
    first[-1] = "纳税" if first[inferred] != "纳税" else "开办企业"
    second[-1] = "无"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(table)
    return path, {first[line]: first[-1], second[line]: "无"}


def _corrected_in_store(kg: Path) -> list[tuple[str, str]]:
    rows = json.loads(ok("sparql", "--store", str(kg), "--format", "json", CORRECTED).stdout)
    return [(str(r["line"]), r["table"]) for r in rows]


def test_a_store_built_with_corrections_holds_them_and_a_rebuild_keeps_them(review, tmp_path):
    path, decided = review
    kg = tmp_path / "kg"
    built = ok("--lang", "en", "build", str(SAMPLE_003), "--store", str(kg), "--corrections", str(path))
    assert f"{path}: 2 corrections applied" in built.stderr.splitlines()
    assert (kg / KEPT_FILE).is_file()
    assert _corrected_in_store(kg) == sorted((line, "review.csv") for line in decided)
    # the property graph read from the store carries them too
    ok("neo4j", "export", str(tmp_path / "neo4j"), "--store", str(kg))
    with (tmp_path / "neo4j" / "nodes_Measure.csv").open(encoding="utf-8", newline="") as stream:
        by = {r["line:int"]: r["indicator_inferred_by"] for r in csv.DictReader(stream)}
    assert {line for line, b in by.items() if b == "correction:review.csv"} == set(decided)

    rebuilt = ok("--lang", "en", "build", str(SAMPLE_003), "--store", str(kg))
    assert rebuilt.stderr.splitlines()[0] == (f"using the corrected indicators kept with the store: {kg / KEPT_FILE}, "
                                              "2 corrections")
    assert _corrected_in_store(kg) == sorted((line, "review.csv") for line in decided)  # still the table's
    # a table with no line filled in clears them
    empty = tmp_path / "empty.csv"
    empty.write_text("文件,具体措施,校正指标（请填写）\n", encoding="utf-8")
    ok("build", str(SAMPLE_003), "--store", str(kg), "--corrections", str(empty))
    assert _corrected_in_store(kg) == []


def test_run_keeps_the_corrections_in_its_store(review, tmp_path):
    path, decided = review
    out = tmp_path / "out"

    def corrected() -> dict[str, object]:
        rows = [json.loads(line) for line in (out / "rows.jsonl").read_text(encoding="utf-8").splitlines()]
        return {str(r["line"]): r["indicator_inferred"] for r in rows if r["indicator_inferred_by"] == "correction:review.csv"}

    ok("run", str(SAMPLE_003), "-o", str(out), "--corrections", str(path))
    expected = {line: (None if value == "无" else value) for line, value in decided.items()}
    assert corrected() == expected
    again = ok("--lang", "en", "run", str(SAMPLE_003), "-o", str(out))
    assert f"using the corrected indicators kept with the store: {out / 'store' / KEPT_FILE}, 2 corrections" in again.stderr
    assert corrected() == expected


def test_neo4j_export_of_documents_reads_with_the_corrections(review, tmp_path):
    path, decided = review
    ok("neo4j", "export", str(tmp_path / "neo4j"), "--doc", str(SAMPLE_003), "--corrections", str(path))
    with (tmp_path / "neo4j" / "rels_INFERRED_Measure.csv").open(encoding="utf-8", newline="") as stream:
        inferred = {r[":START_ID(Measure)"]: (r[":END_ID(Indicator)"], r["confidence:double"], r["by"])
                    for r in csv.DictReader(stream)}
    ids = measure_ids(read_document(SAMPLE_003).rows)  # by (source, line)
    first = next(line for line, value in decided.items() if value != "无")
    assert inferred[ids[(SAMPLE_003.name, int(first))]] == (decided[first], "1.0", "correction:review.csv")
    none = next(line for line, value in decided.items() if value == "无")
    assert ids[(SAMPLE_003.name, int(none))] not in inferred  # serves none: no INFERRED relationship
    assert len(inferred) == 27


@pytest.mark.parametrize("command", COMMANDS_READING_DOCUMENTS, ids=" ".join)
def test_every_command_that_reads_documents_takes_corrections(command):
    assert "--corrections FILE" in ok(*command, "--help").stdout


def test_corrections_with_a_store_is_a_usage_error(review, tmp_path):
    result = invoke("--lang", "en", "report", "--store", str(tmp_path), "--corrections", str(review[0]),
                    "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: --corrections applies when documents are read; a store keeps "
                                              "the corrections it was built with (policykg build --store DIR "
                                              "--corrections FILE)")


def test_a_missing_table_is_refused_before_anything_is_built(tmp_path):
    result = invoke("--lang", "en", "build", "--store", str(tmp_path / "kg"), "--corrections", str(tmp_path / "no.csv"))
    assert result.exit_code == 1 and result.stderr == f"Error: {tmp_path / 'no.csv'}: file not found\n"
    assert not (tmp_path / "kg").exists()
