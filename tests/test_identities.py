"""Measures keep their ids when other parts of their document are edited; two places of one name stay two.

Through the command line: `build` + `sparql` on the RDF side, `neo4j push` + FalkorDB on the property side.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.identities import jurisdiction_key, measure_keys
from policykg.records import Row
from tests.faults.documents import write_text_table

IDS = ("SELECT ?id ?text WHERE { ?m <http://purl.org/dc/terms/identifier> ?id ; "
       "<https://w3id.org/policykg/ontology#measureText> ?text } ORDER BY ?id")


def _row(seq: str, line: int) -> Row:
    return Row("a.txt", seq, None, None, None, "…", (), (), None, None, None, line)


def test_keys_follow_the_printed_numbers():
    rows = [_row("1", 3), _row("2", 4), _row("", 5), _row("", 6), _row("1", 8), _row("1~2", 9), _row("3", 10)]
    assert measure_keys(rows) == ["1", "2", "2+1", "2+2", "1~2", "1~2~", "3"]
    assert measure_keys([_row("", 2), _row("一(三)2", 4)]) == ["0+1", "一(三)2"]
    assert measure_keys(list(reversed(rows))) == list(reversed(measure_keys(rows)))  # by line, not by list order


def test_jurisdiction_keys():
    assert jurisdiction_key("鼓楼区", "350102", "福州市") != jurisdiction_key("鼓楼区", "320106", "南京市")
    assert jurisdiction_key("滨海新城", None, "福州市") != jurisdiction_key("滨海新城", None, "厦门市")


def _edit(path: Path) -> None:
    """A planner's edit: a note above the table (every task moves down two lines), task 2 reworded."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("推进第2项改革措施落地见效。", "推进第2项改革措施落地见效（修订）。")
    path.write_text("\n".join([lines[0], "（2021年6月修订）", "", *lines[1:]]) + "\n", encoding="utf-8")


def _ids(runner: CliRunner, store: Path) -> list[list[str]]:
    result = runner.invoke(cli, ["sparql", IDS, "--store", str(store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return [row for row in csv.reader(io.StringIO(result.stdout))][1:]


def test_build_keeps_measure_ids_when_lines_move(tmp_path):
    runner = CliRunner()
    plan = write_text_table(tmp_path / "plan.txt", count=4)
    assert runner.invoke(cli, ["build", str(plan), "--store", str(tmp_path / "kg")]).exit_code == 0
    before = _ids(runner, tmp_path / "kg")
    assert [i for i, _ in before] == ["plan.txt#1", "plan.txt#2", "plan.txt#3", "plan.txt#4"]
    _edit(plan)
    assert runner.invoke(cli, ["build", str(plan), "--store", str(tmp_path / "kg")]).exit_code == 0
    after = _ids(runner, tmp_path / "kg")
    assert [i for i, _ in after] == [i for i, _ in before]
    assert after[1] == ["plan.txt#2", "推进第2项改革措施落地见效（修订）。"]


@pytest.mark.parametrize("push", [["neo4j", "push"], ["neo4j", "push", "--no-replace"]])
def test_neo4j_push_after_an_edit_keeps_one_measure_per_task(tmp_path, falkordb_server, bolt, push):
    runner = CliRunner()
    env = {"NEO4J_URI": falkordb_server.uri}
    plan = write_text_table(tmp_path / "plan.txt", count=4)
    assert runner.invoke(cli, [*push, str(plan)], env=env).exit_code == 0
    _edit(plan)
    result = runner.invoke(cli, [*push, str(plan)], env=env)
    assert result.exit_code == 0, result.output
    _, rows = bolt.read("MATCH (m:Measure) RETURN m.id AS id, m.line AS line, m.text AS text ORDER BY id")
    assert [(r["id"], r["line"]) for r in rows] == [("plan.txt#1", 5), ("plan.txt#2", 6), ("plan.txt#3", 7),
                                                     ("plan.txt#4", 8)]
    assert rows[1]["text"] == "推进第2项改革措施落地见效（修订）。"


def test_neo4j_push_replaces_a_document_by_default(tmp_path, falkordb_server, bolt):
    runner = CliRunner()
    env = {"NEO4J_URI": falkordb_server.uri}
    plan = write_text_table(tmp_path / "plan.txt", count=4)
    assert runner.invoke(cli, ["neo4j", "push", str(plan)], env=env).exit_code == 0
    write_text_table(plan, count=2)  # two tasks struck out
    assert runner.invoke(cli, ["neo4j", "push", str(plan)], env=env).exit_code == 0
    _, rows = bolt.read("MATCH (m:Measure) RETURN m.id AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["plan.txt#1", "plan.txt#2"]


def _two_gulou(tmp_path: Path) -> list[Path]:
    """Two plans of two places named 鼓楼区: 福州's (350102) and 南京's (320106)."""
    return [write_text_table(tmp_path / f"{city}.txt", count=2, title=f"{city}鼓楼区2021年优化营商环境工作任务分工表")
            for city in ("福州市", "南京市")]


PLACES = """PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?place ?code ?parent ?agencies WHERE {
  { SELECT ?j (COUNT(DISTINCT ?a) AS ?agencies) WHERE { ?j skos:prefLabel "鼓楼区"@zh . ?a pkg:jurisdiction ?j ;
      a pkg:Agency } GROUP BY ?j }
  ?j skos:prefLabel ?place ; pkg:adcode ?code ; pkg:parentJurisdiction/skos:prefLabel ?parent }
ORDER BY ?code"""


def test_two_places_of_one_name_stay_two_in_the_store(tmp_path):
    runner = CliRunner()
    kg = tmp_path / "kg"
    built = runner.invoke(cli, ["build", *map(str, _two_gulou(tmp_path)), "--store", str(kg)])
    assert built.exit_code == 0, built.output
    places = runner.invoke(cli, ["sparql", PLACES, "--store", str(kg), "--format", "csv"])
    assert list(csv.reader(io.StringIO(places.stdout))) == [
        ["place", "code", "parent", "agencies"], ["鼓楼区", "320106", "南京市", "3"], ["鼓楼区", "350102", "福州市", "3"]]
    validated = runner.invoke(cli, ["--lang", "en", "validate", "--store", str(kg)])
    assert validated.exit_code == 0, validated.output  # one parent and one code per place
    agencies = runner.invoke(cli, ["agencies", "--store", str(kg), "--format", "csv"])
    assert sorted(row[0] for row in list(csv.reader(io.StringIO(agencies.stdout)))[1:]) == sorted(
        f"{code}/{body}" for code in ("320106", "350102") for body in ("人力资源和社会保障局", "财政局", "税务局"))


def test_two_places_of_one_name_stay_two_in_neo4j(tmp_path, falkordb_server, bolt):
    result = CliRunner().invoke(cli, ["neo4j", "push", *map(str, _two_gulou(tmp_path))],
                                env={"NEO4J_URI": falkordb_server.uri})
    assert result.exit_code == 0, result.output
    _, rows = bolt.read("MATCH (a:Agency)-[:IN]->(j:Jurisdiction {name: '鼓楼区'})-[:PART_OF]->(p:Jurisdiction) "
                        "RETURN j.id AS id, j.adcode AS adcode, p.name AS parent, count(a) AS agencies ORDER BY id")
    assert rows == [{"id": "320106", "adcode": "320106", "parent": "南京市", "agencies": 3},
                    {"id": "350102", "adcode": "350102", "parent": "福州市", "agencies": 3}]
    _, rows = bolt.read("MATCH (d:Document)-[:IN]->(j:Jurisdiction) RETURN d.source AS d, j.id AS j ORDER BY d")
    assert rows == [{"d": "南京市.txt", "j": "320106"}, {"d": "福州市.txt", "j": "350102"}]
