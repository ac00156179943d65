"""Build-time tallies equal the measures they count; places roll up; an unknown place is an error.

The tally-based queries (workload_per_agency, cross_cutting_ranking, agencies_per_indicator, the
"top" of agency_portfolio) sum per-document counts written at build time. Here the tallies are
checked against the measures of the same store, counted row by row in SPARQL, on the samples and
on a generated corpus, and again after one document is replaced; and the named queries' answers
are checked against the rows of the corpus (tests/support/expected_answers.py).
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from policykg.cli import cli
from policykg.errors import QueryError
from policykg.graph import load_corpus_into, write_graphs
from policykg.indicator_counting import DEFAULT_THRESHOLD
from policykg.loaders import load_corpus
from policykg.messages import set_language
from policykg.queries import HttpEndpoint, run_named, run_sparql
from tests.support.expected_answers import EXPECTED, known_places, places
from tests.support.generated import generated_documents

PREFIXES = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX ind: <https://w3id.org/policykg/id/indicator/>
"""

# Per (document graph, agency): counted from the measures, row by row. The indicator a measure counts
# under with inference on (policykg.indicator_counting.counted_indicator): its inferred one at
# confidence >= DEFAULT_THRESHOLD, else the printed one.
ROW_LEVEL = PREFIXES + """
SELECT ?g ?a (COUNT(DISTINCT ?lead) AS ?leads) (COUNT(DISTINCT ?resp) AS ?responsibles)
       (COUNT(DISTINCT ?m) AS ?measures)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?i), ""); separator=" ") AS ?indicators)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?li), ""); separator=" ") AS ?leadIndicators)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?c), ""); separator=" ") AS ?counted)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?lc), ""); separator=" ") AS ?leadCounted)
WHERE {
  GRAPH ?g {
    { ?m pkg:leadUnit ?a . BIND(?m AS ?lead) } UNION { ?m pkg:responsibleUnit ?a . BIND(?m AS ?resp) }
    OPTIONAL { ?m pkg:addressesIndicator ?i }
    OPTIONAL {
      ?m pkg:inferredIndicator ?f ; pkg:qualifiedInferredIndicator/pkg:confidence ?confidence .
      FILTER(?confidence >= THRESHOLD)
    }
  }
  BIND(IF(BOUND(?lead), ?i, ?nothing) AS ?li)
  BIND(COALESCE(?f, ?i) AS ?c)
  BIND(IF(BOUND(?lead), ?c, ?nothing) AS ?lc)
}
GROUP BY ?g ?a
""".replace("THRESHOLD", repr(DEFAULT_THRESHOLD))

# Per (document graph, agency): as the tallies say
TALLIED = PREFIXES + """
SELECT ?g ?a ?leads ?responsibles ?measures
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?i), ""); separator=" ") AS ?indicators)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?li), ""); separator=" ") AS ?leadIndicators)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?c), ""); separator=" ") AS ?counted)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?lc), ""); separator=" ") AS ?leadCounted)
WHERE {
  GRAPH ?g {
    ?t pkg:tallyOf ?a ; pkg:leadCount ?leads ; pkg:responsibleCount ?responsibles ; pkg:measureCount ?measures .
    OPTIONAL { { ?t pkg:leadIndicator ?i } UNION { ?t pkg:responsibleIndicator ?i } }
    OPTIONAL { ?t pkg:leadIndicator ?li }
    OPTIONAL { { ?t pkg:leadCountedIndicator ?c } UNION { ?t pkg:responsibleCountedIndicator ?c } }
    OPTIONAL { ?t pkg:leadCountedIndicator ?lc }
  }
}
GROUP BY ?g ?a ?leads ?responsibles ?measures
"""

_SETS = ("indicators", "leadIndicators", "counted", "leadCounted")


def _per_graph_and_agency(store: Store, text: str) -> dict[tuple[str, str], tuple]:
    out = {}
    for row in run_sparql(store, text).rows:
        sets = tuple(frozenset(filter(None, (row[k] or "").split(" "))) for k in _SETS)
        out[(row["g"], row["a"])] = (row["leads"], row["responsibles"], row["measures"], *sets)
    return out


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    """40 generated documents read by the loaders: counties, districts and cities of several provinces."""
    paths = generated_documents(tmp_path_factory.mktemp("generated"), docs=40, seed=5)
    return load_corpus(paths, workers=1)


@pytest.fixture(scope="module")
def generated_store(generated_corpus):
    store = Store()
    load_corpus_into(store, generated_corpus)
    return store


@pytest.fixture(scope="module")
def sample_store(sample_corpus):
    store = Store()
    load_corpus_into(store, sample_corpus)
    return store


@pytest.mark.parametrize("which", ["samples", "generated"])
def test_tallies_equal_the_measures_they_count(which, sample_store, generated_store):
    store = sample_store if which == "samples" else generated_store
    tallied = _per_graph_and_agency(store, TALLIED)
    assert len(tallied) > 200
    assert tallied == _per_graph_and_agency(store, ROW_LEVEL)


def test_the_tallies_count_inferred_indicators_where_none_is_printed(sample_store):
    """Sample 003 prints themes only: its tallies carry no printed indicator, but counted ones."""
    tallied = _per_graph_and_agency(sample_store, TALLIED)
    # (printed, counted) indicator sets of each tally; sample 003's graph, and the others
    themes_only = [(v[3], v[5]) for key, v in tallied.items() if "003_" in key[0]]
    others = [(v[3], v[5]) for key, v in tallied.items() if "003_" not in key[0]]
    assert themes_only and not any(printed for printed, _ in themes_only)
    assert sum(len(counted) for _, counted in themes_only) > len(themes_only)
    # documents that print indicators count them as printed
    assert sum(printed == counted for printed, counted in others) > 100


def test_replacing_a_document_replaces_its_tallies(sample_corpus):
    import dataclasses

    store = Store()
    load_corpus_into(store, sample_corpus)
    source = sample_corpus.documents[0].source
    # the document again, with half of its rows gone: its graph (and tallies) replaced, the others kept
    kept = [r for r in sample_corpus.rows if r.source != source or r.line % 2]
    changed = dataclasses.replace(sample_corpus, rows=kept)
    write_graphs(store, dataclasses.replace(changed, documents=[sample_corpus.documents[0]]))
    assert _per_graph_and_agency(store, TALLIED) == _per_graph_and_agency(store, ROW_LEVEL)
    assert run_named(store, "workload_per_agency", {}).rows == EXPECTED["workload_per_agency"](changed)


def _parent_with_most_places(corpus) -> str:
    under: dict[str, set[str]] = defaultdict(set)
    for doc in corpus.documents:
        if doc.parent and doc.parent != doc.jurisdiction:
            under[doc.parent].add(doc.jurisdiction)
    return max(sorted(under), key=lambda p: len(under[p]))


GENERATED_CASES = [
    ("workload_per_agency", {}), ("cross_cutting_ranking", {"limit": "0"}), ("agencies_per_indicator", {}),
    ("agency_portfolio", {}), ("co_assignment_pairs", {}), ("measures_without_lead", {}),
    ("sector_across_jurisdictions", {}), ("measures_due_in_period", {"as_of": "2021-03-01"}),
    ("dependencies", {}), ("dependencies", {"limit": "0"}), ("dependencies", {"limit": "0", "indicator": "开办企业"}),
]

# dependencies counted row by row: every (measure, lead, partner) of the measures, the facts of each
# agency read wherever they are stated; sorted and cut in Python. The named query must agree with it.
ROW_LEVEL_DEPENDENCIES = PREFIXES + """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?lead ?lead_name ?partner ?partner_name (COUNT(DISTINCT ?m) AS ?shared_count) WHERE {
  GRAPH ?g { ?m pkg:leadUnit ?x . { ?m pkg:leadUnit ?y } UNION { ?m pkg:responsibleUnit ?y } }
  FILTER(?x != ?y)
  OPTIONAL { GRAPH ?g { ?m pkg:addressesIndicator ?i } }
  FILTER(WANTED = "" || ?i = ind:WANTED_KEY)
  GRAPH ?h { ?x a pkg:Agency ; dcterms:identifier ?lead ; skos:prefLabel ?lead_name }
  GRAPH ?k { ?y a pkg:Agency ; dcterms:identifier ?partner ; skos:prefLabel ?partner_name }
}
GROUP BY ?lead ?lead_name ?partner ?partner_name
"""


@pytest.mark.parametrize("indicator", ["", "开办企业", "纳税"])
@pytest.mark.parametrize("which", ["samples", "generated"])
def test_dependencies_equal_the_row_level_count(which, indicator, sample_store, generated_store):
    from urllib.parse import quote

    store = sample_store if which == "samples" else generated_store
    text = ROW_LEVEL_DEPENDENCIES.replace("WANTED_KEY", quote(indicator, safe="")).replace("WANTED", f'"{indicator}"')
    rows = sorted(run_sparql(store, text).rows, key=lambda r: (-r["shared_count"], r["lead"], r["partner"]))
    assert len(rows) > (20 if not indicator else 4)
    assert run_named(store, "dependencies", {"limit": "0", "indicator": indicator or "all"}).rows == rows
    assert run_named(store, "dependencies", {"indicator": indicator or "all"}).rows == rows[:100]  # the default


@pytest.mark.parametrize("case", GENERATED_CASES, ids=lambda c: c[0])
def test_named_queries_on_a_generated_corpus(case, generated_store, generated_corpus):
    name, params = case
    expected = EXPECTED[name](generated_corpus, **params)
    assert len(expected) > 0 or name == "measures_without_lead"
    assert run_named(generated_store, name, params).rows == expected
    # and rolled up to the place holding the most documents' places, and to a province
    city = _parent_with_most_places(generated_corpus)
    province = next(d.province for d in generated_corpus.documents if d.parent == city)
    for place in (city, province):
        params_here = {**params, "jurisdiction": place}
        assert run_named(generated_store, name, params_here).rows == EXPECTED[name](generated_corpus, **params_here)


def test_a_city_holds_its_districts_and_counties(sample_store, sample_corpus):
    """福州市 is the union of 福清市, 罗源县 and 鼓楼区 (issue 19, "Places roll up")."""
    parts = ("福清市", "罗源县", "鼓楼区")
    assert {d.jurisdiction for d in sample_corpus.documents if "福州市" in places(sample_corpus, d.source)} == set(parts)
    city = run_named(sample_store, "workload_per_agency", {"jurisdiction": "福州市", "limit": "0"})
    union: dict[str, dict] = {}
    for part in parts:
        for row in run_named(sample_store, "workload_per_agency", {"jurisdiction": part, "limit": "0"}).rows:
            seen = union.setdefault(row["agency"], dict(row, lead_count=0, responsible_count=0, measure_count=0))
            for count in ("lead_count", "responsible_count", "measure_count"):
                seen[count] += row[count]  # a measure is in one document, in one place
    assert sorted(union.values(), key=lambda d: (-d["lead_count"], -d["measure_count"], d["agency"])) == city.rows
    assert set(parts) <= {r["jurisdiction"] for r in city.rows}  # the agencies of all three (and of 福州市 itself)
    assert len(city.rows) > len(run_named(sample_store, "workload_per_agency", {"jurisdiction": "福清市", "limit": "0"}).rows)
    # a province holds its cities and what is under them
    assert len(run_named(sample_store, "workload_per_agency", {"jurisdiction": "福建省", "limit": "0"}).rows) == len(
        run_named(sample_store, "workload_per_agency", {"limit": "0"}).rows)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_unknown_place_is_an_error_listing_the_known_ones(name, sample_store, sample_corpus):
    with pytest.raises(QueryError) as caught:
        run_named(sample_store, name, {"jurisdiction": "福州"})
    assert caught.value.key == "query_unknown_place"
    listed = caught.value.values["known"].split("、")
    assert listed[0] == "福州市"  # the closest name first
    assert set(listed) == known_places(sample_corpus)
    set_language("en")
    try:
        assert str(caught.value).startswith("jurisdiction: no place 福州 in the graph; known places (8): 福州市、")
    finally:
        set_language("zh")


def test_unknown_place_over_http_and_on_the_command_line(oxigraph_server, sample_store):
    with pytest.raises(QueryError, match="福州市"):
        run_named(HttpEndpoint(oxigraph_server.query_url), "co_assignment_pairs", {"jurisdiction": "福州"})
    assert run_named(HttpEndpoint(oxigraph_server.query_url), "co_assignment_pairs", {"jurisdiction": "福州市"}).rows == \
        run_named(sample_store, "co_assignment_pairs", {"jurisdiction": "福州市"}).rows
    try:
        result = CliRunner().invoke(cli, ["--lang", "en", "query", "workload_per_agency", "--param", "jurisdiction=福州"])
    finally:
        set_language("zh")  # the command set it for the whole process
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no place 福州 in the graph; known places (8): 福州市、" in result.stderr


def test_many_known_places_are_cut_to_the_closest(generated_store, generated_corpus):
    known = known_places(generated_corpus)
    assert len(known) > 40
    with pytest.raises(QueryError) as caught:
        run_named(generated_store, "workload_per_agency", {"jurisdiction": "nowhere"})
    listed = caught.value.values["known"]
    assert listed.endswith(" …") and len(listed.removesuffix(" …").split("、")) == 40
    assert caught.value.values["count"] == len(known)
