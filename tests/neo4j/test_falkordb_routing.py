"""FalkorDB and ``--database`` (issue 14, defect 4): every statement goes to one graph, or the command says why not.

FalkorDB sends auto-commit statements that name a database to a graph called ``db`` and
managed transactions to ``falkordb``; the push used to create its indexes the first way
and write its data the second, so the data went unindexed and the next push failed with
a message blaming the Cypher.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.errors import QueryError
from policykg.graph.property.bolt import Connection, connect
from policykg.graph.property.neo4j_push import UNIQUE_KEYS


def test_push_with_a_database_name_on_falkordb_says_it_cannot_be_honoured(falkordb_server, bolt):
    result = CliRunner().invoke(cli, ["--lang", "en", "neo4j", "push", "--uri", falkordb_server.uri,
                                      "--database", "policykg"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {falkordb_server.uri} is FalkorDB, where one Bolt port serves one graph (falkordb): "
                             "--database policykg cannot be honoured; leave out --database (or NEO4J_DATABASE) and use "
                             "one FalkorDB port per graph\n")
    assert bolt.read("MATCH (n) RETURN count(n) AS n")[1] == [{"n": 0}]


def test_the_graph_name_itself_is_accepted_and_indexes_land_beside_the_data(falkordb_server, bolt):
    for _ in range(2):  # the second push finds every index made
        result = CliRunner().invoke(cli, ["neo4j", "push", "--uri", falkordb_server.uri, "--database", "falkordb",
                                          "policykg/samples/003_78fe2e9706bd90b0.txt"])
        assert result.exit_code == 0, result.output
    _, rows = bolt.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
    indexed = {(r["label"], p) for r in rows for p in r["properties"]}
    assert set(UNIQUE_KEYS.items()) <= indexed
    assert bolt.read("MATCH (m:Measure) RETURN count(m) AS n")[1] == [{"n": 28}]


class _StaleCheck(Connection):
    """A connection whose first index check comes too early: another push makes the indexes after it."""

    checks = 0

    def indexed(self):
        type(self).checks += 1
        return set() if type(self).checks == 1 else super().indexed()


def test_an_index_that_exists_by_now_is_success(bolt, bolt_settings):
    bolt.ensure_indexes({"Thing": "id"})
    with connect(bolt_settings) as conn:
        stale = _StaleCheck(conn.driver, conn.settings, conn.dialect, conn.version)
        assert stale.ensure_indexes({"Thing": "id"}) == []  # CREATE INDEX failed: the index is there


def test_a_refused_statement_is_named(bolt):
    with pytest.raises(QueryError) as refused:
        bolt.schema("CREATE INDEX FOR (n:Thing) ON (n.id) garbage")
    assert "CREATE INDEX FOR (n:Thing) ON (n.id) garbage" in str(refused.value)


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as the kernel lists them) of the sockets listening on ``port``."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # LISTEN
                out.append(address)
    return out


def test_the_test_falkordb_listens_on_loopback_only(falkordb_server):
    loopback = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
    for port in (falkordb_server.port, falkordb_server.bolt_port):
        addresses = _listening(port)
        assert addresses and set(addresses) <= loopback, (port, addresses)
