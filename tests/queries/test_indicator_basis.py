"""Counting printed indicators only, or printed then inferred: the named query, the report and the heatmap.

Sample 003 (鼓楼区) prints themes only: counting printed indicators gives its agencies no
breadth at all; counting inferred ones (the default) gives them some. Every output says which.
"""

from __future__ import annotations

import re

import pytest
from pyoxigraph import Store

from policykg.errors import QueryError
from policykg.graph import load_corpus_into
from policykg.graph.analytics.metrics import agency_metrics
from policykg.graph.analytics.projections import indicator_matrix
from policykg.indicator_counting import DEFAULT_THRESHOLD, counted_indicator
from policykg.queries import get_query, run_named
from policykg.queries.cypher import get_cypher_query
from policykg.visualizations.heatmap import render_heatmap_html
from policykg.visualizations.overview import render_overview_html
from policykg.visualizations.report_data import build_report
from policykg.visualizations.view_model import build_view_model

THEMES_ONLY = "鼓楼区"  # sample 003's jurisdiction


@pytest.fixture(scope="module")
def store(sample_corpus) -> Store:
    store = Store()
    load_corpus_into(store, sample_corpus)
    return store


def _ranking(store: Store, **params: str) -> list[dict]:
    return run_named(store, "cross_cutting_ranking", {"limit": "1000", "jurisdiction": THEMES_ONLY, **params}).rows


def test_a_themes_only_document_has_breadth_only_with_inferred_indicators(store):
    printed = _ranking(store, indicators="printed")
    inferred = _ranking(store)  # the default
    assert printed and all(r["indicator_count"] == 0 for r in printed)
    assert max(r["indicator_count"] for r in inferred) >= 3
    assert {r["agency"] for r in printed} == {r["agency"] for r in inferred}  # the same agencies, ranked anew
    assert {r["indicators_counted"] for r in printed} == {"printed"}
    assert {r["indicators_counted"] for r in inferred} == {"printed+inferred"}


def test_the_report_and_the_heatmap_count_the_same_and_say_which(sample_corpus, store):
    for basis in ("inferred", "printed"):
        breadth = {r["agency"]: r["indicator_count"] for r in _ranking(store, indicators=basis)}
        metrics = agency_metrics(sample_corpus, jurisdiction=THEMES_ONLY, indicators=basis)
        assert {m.agency: m.indicator_breadth for m in metrics if m.kind == "agency"} == breadth
        matrix = indicator_matrix(sample_corpus, THEMES_ONLY, indicators=basis)
        assert bool(matrix.indicators) == (basis == "inferred")  # no column at all from printed indicators
        report = build_report(sample_corpus, jurisdiction=THEMES_ONLY, as_of="2021-06-30", lang="en", indicators=basis)
        page = render_heatmap_html(sample_corpus, matrix, lang="en")
        model = build_view_model(sample_corpus, as_of="2021-06-30", indicators=basis)
        view = next(v for v in model.views if v["name"] == THEMES_ONLY)
        index = {a[0]: i for i, a in enumerate(model.agencies)}
        assert {row[0]: row[3] > 0 for row in view["metrics"]} == {  # participation P > 0 iff two indicators or more
            index[m.agency]: m.participation > 0 for m in metrics if m.kind != "collective"}
        overview = render_overview_html(model, "en")
        said = "inferred at confidence ≥ 0.4" if basis == "inferred" else "printed only"
        assert said in report.subtitle and said in page and said in overview


def test_the_queries_count_at_the_default_threshold():
    """The Cypher text holds the threshold as a literal (no decimal parameter type): it must be the package's.
    The SPARQL text sums the tallies' counted indicators, which the build takes at the package's threshold
    (tests/queries/test_tallies_and_places.py compares them with the measures)."""
    cypher = get_cypher_query("cross_cutting_ranking").text
    assert {float(t) for t in re.findall(r">= ([0-9.]+)", cypher)} == {DEFAULT_THRESHOLD}
    sparql = get_query("cross_cutting_ranking").text
    assert "pkg:leadCountedIndicator" in sparql and "pkg:inferredIndicator" not in sparql


def test_a_row_counts_its_inferred_indicator_only_at_the_threshold(sample_corpus):
    theme = next(r for r in sample_corpus.rows if r.indicator is None and r.indicator_inferred is not None)
    assert counted_indicator(theme, None) is None
    assert counted_indicator(theme, theme.indicator_confidence) == theme.indicator_inferred
    assert counted_indicator(theme, theme.indicator_confidence + 1e-9) is None


@pytest.mark.parametrize("value", ["both", "Printed", ""])
def test_an_unknown_basis_is_refused_naming_the_choices(store, value):
    with pytest.raises(QueryError) as caught:
        run_named(store, "cross_cutting_ranking", {"indicators": value})
    assert caught.value.key == "param_not_one_of" and "inferred, printed" in str(caught.value)
