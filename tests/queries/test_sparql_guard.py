"""`policykg sparql` never federates and never updates (issue 14, defect 3), whatever the spelling.

Each adversarial text below is first shown to matter: the pattern guard policykg had
before (`_old_guard_passes`, kept here as it was) let it through, and oxigraph, given the
text as it is, really sends a request to a canary HTTP server. Then the command refuses
it and the canary sees nothing.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from policykg.cli import cli
from policykg.errors import QueryError
from policykg.queries import run_sparql
from policykg.queries.prefixes import PREFIXES, compact
from policykg.queries.sparql_guard import checked_query, checked_update, normalize
from tests.support.canary import running_canary

# --- the guard of policykg ≤ issue 14, verbatim: strings, IRIs and comments blanked by regexes ----------------
_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"\s]*>')
_COMMENT = re.compile(r"#[^\n]*")
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def _old_guard_passes(text: str) -> bool:
    return _SERVICE.search(_COMMENT.sub(" ", _STRINGS.sub('""', text))) is None


ADVERSARIAL = {
    # a ''' in a comment opened a "string" that hid every line up to the next ''' from the old guard
    "triple_quote_in_comment": "SELECT * WHERE { # '''\n  SERVICE <URL> { ?s ?p ?o }\n  # '''\n}",
    # "<1)…(?n>" looked like one IRI to the old guard; the endpoint comes from a variable, in LATERAL
    "iri_span_with_lateral": "SELECT * WHERE { VALUES ?svc { <URL> } BIND(0 AS ?n) "
                             "FILTER(?n<1)LATERAL{SERVICE?svc{?s?p?o}}FILTER(?n>-1) }",
    # a carriage return ends a comment for oxigraph, not for the old guard (nor for rdflib's parser)
    "carriage_return_ends_comment": "SELECT * WHERE { # note\rSERVICE <URL> { ?s ?p ?o } }",
    # lower case, SILENT, a prefixed name, inside a subquery inside OPTIONAL
    "prefixed_silent_nested": "PREFIX e: <BASE>\nSELECT * WHERE { OPTIONAL { SELECT * WHERE { # '''\r"
                              "service silent e:sparql { ?s ?p ?o } } } }",
    "iri_in_lateral": "SELECT * WHERE { BIND(1 AS ?x) LATERAL { # '''\n SERVICE <URL> { ?s ?p ?o } } } # '''",
}


@pytest.fixture(scope="module")
def canary():
    """An HTTP server on 127.0.0.1 that records every request (a SERVICE call would land there)."""
    with running_canary() as server:
        yield server


def spelled(name: str, canary) -> str:
    """An adversarial text aimed at the canary."""
    return ADVERSARIAL[name].replace("BASE", canary.base).replace("URL", canary.base + "sparql")


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_each_spelling_passed_the_old_guard_and_really_calls_out(name, canary):
    text = spelled(name, canary)
    assert _old_guard_passes(text)
    canary.requests.clear()
    try:
        list(Store().query(text))
    except OSError:
        pass  # the canary answers 500 (SILENT swallows it)
    assert canary.requests, "oxigraph sent no request: the spelling proves nothing"


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_the_sparql_command_refuses_each_spelling(name, canary, sample_store_dir):
    canary.requests.clear()
    result = CliRunner().invoke(cli, ["--lang", "en", "sparql", spelled(name, canary), "--store", str(sample_store_dir)])
    assert result.exit_code == 1
    assert result.stderr.startswith(("Error: SERVICE is not allowed", "Error: this query cannot be parsed")), result.stderr
    assert canary.requests == []


def test_updates_are_named_and_refused():
    for text in ("DROP ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "LOAD <http://127.0.0.1:9/x>",
                 "PREFIX p: <urn:p#> DELETE WHERE { ?s p:x ?o }"):
        with pytest.raises(QueryError) as refused:
            run_sparql(Store(), text)
        assert refused.value.key == "sparql_update_refused", text


def test_the_word_in_literals_iris_and_comments_is_no_service():
    store = Store()
    assert run_sparql(store, 'SELECT ("SERVICE DROP" AS ?x) WHERE {}').rows == [{"x": "SERVICE DROP"}]
    assert run_sparql(store, "SELECT ?x WHERE { # SERVICE <http://x/>\n BIND(<http://x/service> AS ?x) }").rows == [
        {"x": "http://x/service"}]


def test_a_writable_endpoint_takes_updates_but_no_service_and_no_load():
    assert "INSERT DATA" in checked_update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    for text, key in [("INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "sparql_service_refused"),
                      ("LOAD <http://127.0.0.1:9/data.ttl>", "sparql_load_refused"),
                      ("SELECT * WHERE { ?s ?p ?o }", "sparql_unchecked")]:
        with pytest.raises(QueryError) as refused:
            checked_update(text)
        assert refused.value.key == key


def test_the_checked_text_is_the_text_that_runs():
    # escapes expanded to a fixed point (rdflib expands them everywhere, oxigraph in strings only)
    assert normalize(r"\u005cu0053ERVICE") == "SERVICE"
    with pytest.raises(QueryError):
        checked_query("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert "\r" not in checked_query("SELECT * WHERE {\r\n ?s ?p ?o }")


def test_project_prefixes_are_predeclared_and_may_be_redeclared(sample_store_dir):
    runner = CliRunner()
    result = runner.invoke(cli, ["sparql", "SELECT (COUNT(?m) AS ?n) WHERE { ?m a pkg:Measure }",
                                 "--store", str(sample_store_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith('[\n  {\n    "n": 521')
    own = runner.invoke(cli, ["sparql", "PREFIX pkg: <urn:other#> SELECT (COUNT(?m) AS ?n) WHERE { ?m a pkg:Measure }",
                              "--store", str(sample_store_dir), "--format", "json"])
    assert own.exit_code == 0 and '"n": 0' in own.stdout  # the query's own declaration wins


def test_tables_show_compact_names_and_csv_keeps_iris(sample_store_dir):
    text = "SELECT ?a WHERE { ?a a pkg:Agency } ORDER BY ?a LIMIT 3"
    table = CliRunner().invoke(cli, ["sparql", text, "--store", str(sample_store_dir)])
    assert table.exit_code == 0, table.output
    rows = table.stdout.splitlines()[2:]
    assert rows and all(r.startswith("agency:") and "…" not in r and "%" not in r for r in rows)
    as_csv = CliRunner().invoke(cli, ["sparql", text, "--store", str(sample_store_dir), "--format", "csv"])
    iris = as_csv.stdout.splitlines()[1:]
    assert [compact(i.strip('"')) for i in iris] == [r.strip() for r in rows]
    assert all(i.strip('"').startswith(PREFIXES["agency"]) for i in iris)
