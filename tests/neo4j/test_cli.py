"""`policykg neo4j push|export` and `policykg cypher` through CliRunner against the test FalkorDB."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from tests.support.falkordb_server import free_port

PASSWORD = "pa55-w0rd-never-shown"


def _run(args, env=None):
    return CliRunner().invoke(cli, args, env=env or {})


def _timeless(text: str) -> str:
    """Drop what changes between runs: the port and the timings."""
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    text = re.sub(r"[\d.]+ 秒，\d+ 行/秒", "S 秒，R 行/秒", text)
    return re.sub(r"[\d.]+ s, \d+ rows/s", "S s, R rows/s", text)


@pytest.fixture()
def env(falkordb_server, bolt):
    """NEO4J_URI of the emptied test server (bolt empties it)."""
    return {"NEO4J_URI": falkordb_server.uri}


# 3,303 relationships: 38 of them INFERRED, one per sample measure whose inferred indicator is not "none"
# (whatever its confidence); sample 000's 获得网络 measure (broadband and cable access, line 20) is 获得电力
# at 0.23 since the model reads single characters (round 4), "none" at 0.21 before: below the threshold, so
# counted nowhere, but linked as inferred.
def test_push_twice_same_graph(env):
    first = _run(["neo4j", "push"], env)
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    lines = _timeless(first.stderr).splitlines()
    assert lines[0] == "已连接 bolt://127.0.0.1:PORT（falkordb）"
    assert lines[-1] == "已写入 5 份文件、521 条措施（151 条语句，S 秒，R 行/秒）；图中共有 895 个节点、3303 条关系"
    second = _run(["--lang", "en", "neo4j", "push", "--replace"], env)
    assert second.exit_code == 0, second.output
    assert _timeless(second.stderr).splitlines()[-1] == (
        "pushed 5 documents, 521 measures (151 statements, S s, R rows/s); the graph holds 895 nodes and "
        "3303 relationships")


def test_over_bolt_falkordb_is_pointed_to_its_redis_port(env):
    result = _run(["--lang", "en", "neo4j", "push", "policykg/samples/003_78fe2e9706bd90b0.txt"], env)
    assert result.exit_code == 0, result.output
    assert _timeless(result.stderr).splitlines()[1] == (
        "FalkorDB takes at most 4 KB per statement over Bolt; its Redis port (--uri redis://HOST:6379) takes the "
        "same push in far fewer statements, about three times as fast")


def test_push_over_the_redis_port_gives_the_same_graph(falkordb_server, bolt):
    uri = f"redis://127.0.0.1:{falkordb_server.port}"
    for replace in ("--replace", "--no-replace"):
        result = _run(["neo4j", "push", "--uri", uri, replace])
        assert result.exit_code == 0, result.output
        lines = _timeless(result.stderr).splitlines()
        assert re.fullmatch(r"已连接 redis://127\.0\.0\.1:PORT（falkordb \d+\.\d+\.\d+）", lines[0]), lines[0]
        # the counts of test_push_twice_same_graph, in 30 statements instead of 151
        assert lines[-1] == "已写入 5 份文件、521 条措施（30 条语句，S 秒，R 行/秒）；图中共有 895 个节点、3303 条关系"
    assert bolt.read("MATCH (m:Measure) RETURN count(m) AS n")[1] == [{"n": 521}]


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_cypher_over_the_redis_port_prints_what_query_prints(falkordb_server, bolt, fmt):
    uri = f"redis://127.0.0.1:{falkordb_server.port}"
    assert _run(["neo4j", "push", "--uri", uri]).exit_code == 0
    args = ["workload_per_agency", "--param", "jurisdiction=福清市", "--format", fmt]
    cypher = _run(["cypher", *args, "--uri", uri])
    assert cypher.exit_code == 0, cypher.output
    assert cypher.stdout == _run(["query", *args]).stdout
    assert cypher.stdout.count("\n") > 3


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("args", [
    ["workload_per_agency", "--param", "jurisdiction=福清市"],
    ["measures_due_in_period", "--param", "start=2021-01-01", "--param", "end=2021-12-31"],
    ["sector_across_jurisdictions"],
])
def test_cypher_prints_what_query_prints(env, args, fmt):
    assert _run(["neo4j", "push"], env).exit_code == 0
    cypher = _run(["cypher", *args, "--format", fmt], env)
    sparql = _run(["query", *args, "--format", fmt])
    assert cypher.exit_code == 0 == sparql.exit_code, cypher.output
    assert cypher.stdout == sparql.stdout
    assert cypher.stdout.count("\n") > 3


def test_cypher_text_with_a_parameter(env):
    assert _run(["neo4j", "push"], env).exit_code == 0
    result = _run(["cypher", "MATCH (a:Agency {name: $name}) RETURN a.id AS id, a.kind AS kind",
                   "--param", "name=福清市市场监管局", "--format", "csv"], env)
    assert result.exit_code == 0, result.output
    assert result.stdout == '"id","kind"\n"350181/市场监督管理局","agency"\n'


def test_cypher_list():
    result = _run(["--lang", "en", "cypher", "--list", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        '"name","title","parameters"',
        '"agencies_per_indicator","Measures and agencies per indicator","jurisdiction=all"',
    ]


def test_unknown_query_name():
    result = _run(["cypher", "no_such_query"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no named query 'no_such_query'; known: agencies_per_indicator, ")


def test_unreachable_server_one_line():
    port = free_port()
    result = _run(["--lang", "en", "cypher", "workload_per_agency", "--uri", f"bolt://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: cannot reach the Bolt server at bolt://127.0.0.1:{port} (Connection refused); is it running, "
        "and are the host and port right (--uri or NEO4J_URI)?\n")


def test_unreachable_server_push_zh():
    port = free_port()
    result = _run(["neo4j", "push"], {"NEO4J_URI": f"bolt://127.0.0.1:{port}"})
    assert result.exit_code == 1
    assert result.stderr == (f"Error: 无法连接 Bolt 服务器 bolt://127.0.0.1:{port}（Connection refused）；"
                             "请确认服务器已启动、地址与端口正确（--uri 或 NEO4J_URI）\n")


def test_bad_credentials_one_line_password_never_shown(falkordb_server):
    # FalkorDB has no Bolt authentication: any password is a refused login, as a wrong one is on Neo4j.
    env = {"NEO4J_URI": falkordb_server.uri, "NEO4J_PASSWORD": PASSWORD, "NEO4J_USERNAME": "planner"}
    for args in (["--lang", "en", "neo4j", "push"], ["--lang", "en", "cypher", "RETURN 1 AS one"]):
        result = _run(args, env)
        assert result.exit_code == 1
        assert result.stderr == (f"Error: the Bolt server at {falkordb_server.uri} refused the login (user planner); "
                                 "check --user / NEO4J_USERNAME and NEO4J_PASSWORD\n")
        assert PASSWORD not in result.output


def test_bad_uri():
    result = _run(["--lang", "en", "cypher", "RETURN 1", "--uri", "http://127.0.0.1:7474"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: http://127.0.0.1:7474 is not a server address; use e.g. bolt://127.0.0.1:7687, "
                             "neo4j://host:7687, or FalkorDB's redis://127.0.0.1:6379\n")


def test_writes_refused_from_the_command_line(env):
    result = _run(["--lang", "en", "cypher", "MATCH (n) DETACH DELETE n"], env)
    assert result.exit_code == 1
    assert result.stderr == ("Error: `policykg cypher` only reads; DETACH is not allowed (load data with "
                             "`policykg neo4j push`)\n")


def test_export_writes_the_files(tmp_path):
    result = _run(["--lang", "en", "neo4j", "export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("exported 6 node files, 9 relationship files, import.args, load.cypher and "
                             f"after_import.cypher → {tmp_path / 'out'}\n")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted([
        "nodes_Measure.csv", "nodes_Agency.csv", "nodes_Indicator.csv", "nodes_Jurisdiction.csv",
        "nodes_Document.csv", "nodes_Sector.csv", "rels_LEADS_Agency.csv", "rels_RESPONSIBLE_FOR_Agency.csv",
        "rels_ADDRESSES_Measure.csv", "rels_INFERRED_Measure.csv", "rels_FROM_Measure.csv", "rels_IN_Agency.csv",
        "rels_IN_Document.csv", "rels_PART_OF_Jurisdiction.csv", "rels_IN_SECTOR_Agency.csv", "import.args", "load.cypher",
        "after_import.cypher"])


@pytest.mark.parametrize("args", [["neo4j", "push"], ["neo4j", "export"], ["cypher"], ["neo4j"]])
def test_help_has_an_example(args):
    result = _run([*args, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "policykg " in result.output


def test_push_from_a_store(env, tmp_path):
    built = _run(["build", "--store", str(tmp_path / "kg")])
    assert built.exit_code == 0, built.output
    result = _run(["neo4j", "push", "--store", str(tmp_path / "kg")], env)
    assert result.exit_code == 0, result.output
    assert _timeless(result.stderr).splitlines()[-1] == (
        "已写入 5 份文件、521 条措施（151 条语句，S 秒，R 行/秒）；图中共有 895 个节点、3303 条关系")
