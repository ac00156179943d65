"""Parameters are bound, never pasted; the catalogue; `policykg query` and `policykg sparql`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Store

from policykg.cli import cli
from policykg.errors import QueryError
from policykg.graph import load_corpus_into
from policykg.queries import get_query, list_queries, run_named, run_sparql
from tests.support.expected_answers import EXPECTED, known_places
from tests.support.handmade import handmade_corpus


@pytest.fixture(scope="module")
def store():
    s = Store()
    load_corpus_into(s, handmade_corpus())
    return s


INJECTIONS = [
    '福清市" || true || "',
    'all" ) } } SELECT * WHERE { ?s ?p ?o } #',
    "福清市' || true || '",
    '"} ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> <urn:z> } #',
    "all\\",
    "<urn:evil>",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_is_just_a_value_that_matches_nothing(store, value):
    size = len(store)
    for name in ("workload_per_agency", "measures_without_lead", "agencies_per_indicator"):
        # a place parameter is looked up (bound, not pasted) and named in the error
        with pytest.raises(QueryError) as caught:
            run_named(store, name, {"jurisdiction": value})
        assert caught.value.key == "query_unknown_place" and caught.value.values["value"] == value
    assert run_named(store, "workload_per_agency", {"sector": value}).rows == []
    assert run_named(store, "agency_portfolio", {"agency": value}).rows == []
    assert len(store) == size


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_any_string_parameter_is_bound_as_a_literal(store, value):
    expected = EXPECTED["workload_per_agency"](handmade_corpus(), sector=value)
    assert run_named(store, "workload_per_agency", {"sector": value}).rows == expected
    if value in known_places(handmade_corpus()):
        expected = EXPECTED["workload_per_agency"](handmade_corpus(), jurisdiction=value)
        assert run_named(store, "workload_per_agency", {"jurisdiction": value}).rows == expected
    else:
        with pytest.raises(QueryError):
            run_named(store, "workload_per_agency", {"jurisdiction": value})


def test_bad_parameters_are_query_errors(store):
    with pytest.raises(QueryError, match="min_shared: 'two' is not an integer"):
        run_named(store, "co_assignment_pairs", {"min_shared": "two"})
    with pytest.raises(QueryError, match=r"start: '2021-13-01' is not a date \(YYYY-MM-DD\)"):
        run_named(store, "measures_due_in_period", {"start": "2021-13-01"})
    with pytest.raises(QueryError, match="has no parameter colour"):
        run_named(store, "workload_per_agency", {"colour": "red"})
    with pytest.raises(QueryError, match="no named query 'nope'"):
        run_named(store, "nope", {})


def test_every_query_has_a_full_header():
    for q in list_queries():
        assert q.title_zh and q.title_en and q.description, q.name
        assert q.columns and all(p.default for p in q.parameters), q.name
        assert "?p_" not in q.columns
    assert [(p.name, p.type, p.default) for p in get_query("measures_due_in_period").parameters] == [
        ("as_of", "date", "today"), ("days", "integer", "90"), ("start", "date", "as_of"),
        ("end", "date", "start+days"), ("jurisdiction", "place", "all")]


def test_the_period_defaults_to_the_90_days_from_today():
    import datetime as dt

    query = get_query("measures_due_in_period")
    today = dt.date.today()
    assert query.bind({}) == {"as_of": today.isoformat(), "days": 90, "start": today.isoformat(),
                              "end": (today + dt.timedelta(days=90)).isoformat(), "jurisdiction": "all"}
    assert query.bind({"as_of": "2021-06-30"})["end"] == "2021-09-28"
    assert query.bind({"start": "2021-01-01", "days": "30"})["end"] == "2021-01-31"
    assert query.bind({"start": "2021-01-01", "end": "2021-06-30"})["end"] == "2021-06-30"


def test_catalogue_imports_no_database_driver():
    code = ("import sys; import policykg.queries.catalogue as c; c.list_queries(); "
            "print('pyoxigraph' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_run_sparql_refuses_service_and_updates(store):
    with pytest.raises(QueryError) as refused:
        run_sparql(store, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert refused.value.key == "sparql_service_refused"
    with pytest.raises(QueryError) as refused:
        run_sparql(store, "DROP ALL")
    assert refused.value.key == "sparql_update_refused"
    # the word inside a literal is fine
    assert run_sparql(store, 'SELECT ("SERVICE DROP" AS ?x) WHERE {}').rows == [{"x": "SERVICE DROP"}]


def test_cli_query_list_json():
    result = CliRunner().invoke(cli, ["query", "--list", "--format", "json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [q["name"] for q in listed] == sorted(EXPECTED)
    assert listed[2]["parameters"][1] == {"name": "min_shared", "type": "integer", "default": "2",
                                          "description": "最少共同措施数 / minimum number of shared measures"}
    assert listed[2]["parameters"][0]["default"] == "100"


def test_cli_query_csv_on_samples(sample_corpus):
    result = CliRunner().invoke(cli, ["query", "sector_across_jurisdictions", "--param", "sector=市场监管",
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    # text cells quoted (policykg.cells: OWASP CSV rule), numbers bare
    lines = ['"jurisdiction","measure_count","lead_count","responsible_count","lead_share"'] + [
        f"\"{r['jurisdiction']}\",{r['measure_count']},{r['lead_count']},{r['responsible_count']},{r['lead_share']}"
        for r in EXPECTED["sector_across_jurisdictions"](sample_corpus)]
    assert result.stdout == "\n".join(lines) + "\n"


def test_cli_query_errors():
    runner = CliRunner()
    bad = runner.invoke(cli, ["--lang", "en", "query", "co_assignment_pairs", "--param", "min_shared=x"])
    assert (bad.exit_code, bad.stderr) == (1, "Error: parameter min_shared: 'x' is not an integer\n")
    usage = runner.invoke(cli, ["query", "co_assignment_pairs", "--param", "min_shared"])
    assert usage.exit_code == 2 and "'min_shared' is not k=v" in usage.stderr
    missing = runner.invoke(cli, ["query", "workload_per_agency", "--store", "/nonexistent/kg"])
    assert (missing.exit_code, missing.stderr) == (
        1, "Error: /nonexistent/kg: no store here; build one with `policykg build --store /nonexistent/kg`\n")


def test_cli_sparql_text_and_file(tmp_path):
    runner = CliRunner()
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/policykg/ontology#Measure> }"
    result = runner.invoke(cli, ["sparql", q, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": 521}]
    path = tmp_path / "q.rq"
    path.write_text(q, encoding="utf-8")
    assert runner.invoke(cli, ["sparql", "-f", str(path), "--format", "csv"]).stdout == '"n"\n521\n'
    both = runner.invoke(cli, ["sparql", q, "-f", str(path)])
    assert both.exit_code == 2


def test_cli_build_then_query_store(tmp_path):
    runner = CliRunner()
    target = tmp_path / "kg"
    built = runner.invoke(cli, ["--lang", "en", "build", "--store", str(target)])
    assert built.exit_code == 0, built.output
    assert built.stdout == ""
    assert built.stderr.splitlines()[0] == "[1/5] 000_b36def11830eaf28.txt: 113 rows, 3 with warnings, 0 rejected"
    # 12,326 quads of rows, documents, agencies and inferences; 2,538 of tallies (742 of them the
    # indicators counted with inference on); 5,513 of the store summary (graph/rdf/summary.py: pair
    # counts, agency totals and facts, indicators per agency). 12,325 before the model read single
    # characters: sample 000's 获得网络 measure is now inferred 获得电力 (0.23, not counted), "none" before
    quads = len(Store.read_only(str(target)))
    assert quads == 20377
    assert built.stderr.splitlines()[-1].startswith(f"wrote 5 documents, 521 measures, {quads} quads → {target} (")
    res = runner.invoke(cli, ["query", "measures_without_lead", "--store", str(target), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout) == []
    assert runner.invoke(cli, ["build"]).exit_code == 2
