"""`policykg cypher` only reads, whatever the spelling (issue 14, defect 3).

Each adversarial text was let through by the pattern guard policykg had before
(`_old_guard_passes`, kept verbatim) and really writes on FalkorDB when run as the
old command ran it (a READ transaction, which FalkorDB does not enforce). The command
now refuses it and the graph is unchanged.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.errors import QueryError
from policykg.queries.cypher_guard import refuse_writes, tokens

# --- the guard of policykg ≤ issue 14, verbatim ------------------------------------------------------------------
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_COMMENTS = re.compile(r"//[^\n]*|/\*[\s\S]*?\*/")
_WRITES = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b"
                     r"|\bCALL\s+[\w.]*(create|drop|delete|remove|set|write|load)\w*\s*\(", re.IGNORECASE)


def _old_guard_passes(text: str) -> bool:
    return _WRITES.search(_COMMENTS.sub(" ", _STRINGS.sub("''", text))) is None


ADVERSARIAL = {
    # the ' in the comment opened a "string" that ran to the next ' and hid the CREATE
    "quote_in_line_comment": "WITH 1 AS one // it's only a look\nCREATE (:Evil) RETURN 'done' AS x",
    "double_quote_in_line_comment": 'WITH 1 AS one // say "hi\nCREATE (:Evil) RETURN "done" AS x',
    "quote_in_block_comment": "/* it's harmless */ CREATE (:Evil) RETURN '*/' AS x",
}


@pytest.fixture()
def bolt(bolt):
    """The session FalkorDB, emptied before (the shared fixture) and after (other modules count its nodes)."""
    yield bolt
    bolt.write("MATCH (n) DETACH DELETE n")


def _evil(conn) -> int:
    return conn.read("MATCH (n:Evil) RETURN count(n) AS n")[1][0]["n"]


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_each_spelling_passed_the_old_guard_and_writes_on_falkordb(name, bolt):
    text = ADVERSARIAL[name]
    assert _old_guard_passes(text)
    bolt.read(text)  # what the old command did once its guard let the text through
    assert _evil(bolt) == 1


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_the_cypher_command_refuses_each_spelling(name, bolt, falkordb_server):
    result = CliRunner().invoke(cli, ["--lang", "en", "cypher", ADVERSARIAL[name], "--uri", falkordb_server.uri])
    assert result.exit_code == 1
    assert result.stderr == ("Error: `policykg cypher` only reads; CREATE is not allowed "
                             "(load data with `policykg neo4j push`)\n")
    assert _evil(bolt) == 0


@pytest.mark.parametrize("text, key", [
    ("CALL db.idx.fulltext.createNodeIndex('Evil', 'name')", "cypher_procedure_refused"),
    ("CALL/**/db.idx.fulltext.drop('Evil')", "cypher_procedure_refused"),
    ("CALL `db`.`idx`.fulltext.createNodeIndex('Evil', 'name')", "cypher_procedure_refused"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})", "cypher_procedure_refused"),
    ("MATCH (n) WITH n LIMIT 1 SeT n.x = 1", "cypher_write_refused"),
    ("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS", "cypher_write_refused"),
    ("RETURN 'never closed", "cypher_unreadable"),
    ("RETURN 1 /* never closed", "cypher_unreadable"),
])
def test_procedures_and_unreadable_texts_are_refused(text, key):
    with pytest.raises(QueryError) as refused:
        refuse_writes(text)
    assert refused.value.key == key


@pytest.mark.parametrize("text", [
    "MATCH (m:Measure) WHERE m.text CONTAINS 'CREATE' RETURN m.set AS s, $delete AS d",
    "RETURN \"a \\\" // CREATE\" AS x",
    "MATCH (a:`Agency`) RETURN a.`merge` AS m // DELETE",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (n) CALL { WITH n RETURN count(*) AS c } RETURN c",
])
def test_reads_pass(text):
    refuse_writes(text)


def test_tokens_keep_line_numbers_and_unescape_backticks():
    found = list(tokens("MATCH (n:`a``b`)\n/* x\ny */ RETURN n"))
    assert [(t.text, t.line) for t in found if t.kind != "punct"] == [("MATCH", 1), ("n", 1), ("a`b", 1), ("RETURN", 3),
                                                                      ("n", 3)]
