"""Workload metrics on hand-made corpora, every expected value worked out by hand.

The toy corpus is tabled in `small_corpora`. By hand, over all documents:

- 甲: lines 1, 2 (lead), 3 (responsible), 4 (lead and responsible) → L = 3, R = 2, M = 4,
  W = 1·3 + 0.5·(4 − 3) = 3.5; indicators 纳税 ×2, 开办企业 ×2 → B = 2, P = 1 − (½)² − (½)² = 0.5,
  X = 3.5 · 0.5 = 1.75.
- 乙: lines 1, 2 (responsible), 3 (lead) → L = 1, R = 2, M = 3, W = 2.0; 纳税 ×2, 开办企业 ×1 →
  P = 1 − 4/9 − 1/9 = 4/9, X = 8/9.
- 丙: lines 2 (responsible), 5 (lead, no indicator) → L = 1, R = 1, M = 2, W = 1.5; B = 1, P = 0, X = 0.
- 丁: line d2:1 → L = 1, M = 1, W = 1, P = 0, X = 0.
- 各有关单位: line 4 (responsible) → M = 1, W = 0.5.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.graph.analytics.metrics import (
    AgencyMetrics,
    agency_metrics,
    component_betweenness,
    cross_cutting_score,
    deadline_profile,
    participation_coefficient,
    quarter_of,
    sector_rollup,
    weighted_load,
)
from tests.support.small_corpora import chain_corpus, make_corpus, toy_corpus


def by_name(metrics: list[AgencyMetrics]) -> dict[str, AgencyMetrics]:
    return {m.name: m for m in metrics}


# --- formulas ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("counts", "expected"), [
    ([2, 2], 0.5),            # k = 4 over two indicators, 2/2
    ([3, 1], 0.375),          # 1 − 9/16 − 1/16
    ([1, 1, 1, 1], 0.75),     # even over n = 4: 1 − 1/n
    ([4], 0.0),               # one indicator
    ([], 0.0),                # no indicator at all
    ([2, 0, 2], 0.5),         # zero counts do not matter
])
def test_participation_coefficient(counts, expected):
    assert participation_coefficient(counts) == pytest.approx(expected)


@given(st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=18))
def test_participation_bounds(counts):
    p = participation_coefficient(counts)
    assert 0.0 <= p <= 1 - 1 / len(counts) + 1e-12
    if len(set(counts)) == 1:
        assert p == pytest.approx(1 - 1 / len(counts))


def test_weighted_load():
    assert weighted_load(3, 4) == 3.5
    assert weighted_load(0, 2) == 1.0
    assert weighted_load(3, 4, lead_weight=2, responsible_weight=0) == 6.0


def test_cross_cutting_score_is_load_times_participation():
    assert cross_cutting_score(3.5, 0.5) == 1.75
    assert cross_cutting_score(10.0, 0.0) == 0.0


def test_betweenness_on_a_path():
    assert component_betweenness(nx.path_graph(3)) == {0: 0.0, 1: 1.0, 2: 0.0}
    b = component_betweenness(nx.path_graph(4))
    assert b == pytest.approx({0: 0.0, 1: 2 / 3, 2: 2 / 3, 3: 0.0})  # 2 of the 3 other pairs


def test_betweenness_is_normalised_per_component():
    g = nx.disjoint_union(nx.path_graph(3), nx.path_graph(3))
    g.add_node("alone")
    # each middle node is on every path of its own component: 1.0, not 1/10 of the whole graph's pairs
    assert component_betweenness(g) == {0: 0.0, 1: 1.0, 2: 0.0, 3: 0.0, 4: 1.0, 5: 0.0, "alone": 0.0}


def test_star_centre_has_betweenness_one():
    assert component_betweenness(nx.star_graph(4))[0] == 1.0


def test_quarter_of():
    assert [quarter_of(m) for m in ("2020-01", "2020-03", "2020-04", "2020-12-31")] == [
        "2020-Q1", "2020-Q1", "2020-Q2", "2020-Q4"]


# --- agency_metrics on the toy corpus ---------------------------------------------------------

def test_agency_metrics_toy_all_documents():
    metrics = agency_metrics(toy_corpus(), as_of="2021-06-30")
    assert [m.name for m in metrics] == ["甲", "乙", "丁", "丙", "各有关单位"]  # X desc, ties by name
    m = by_name(metrics)
    jia = m["甲"]
    assert (jia.lead_count, jia.responsible_count, jia.measure_count) == (3, 2, 4)
    assert jia.weighted_load == 3.5
    assert (jia.indicator_breadth, jia.participation, jia.cross_cutting) == (2, 0.5, 1.75)
    assert jia.partner_count == 2                              # 乙 and 丙; the collective left out
    assert jia.betweenness == 0.0                              # 甲, 乙, 丙 form a triangle
    assert jia.due_per_month == {"2021-03": 1, "2021-06": 1, "2021-12": 1}
    assert jia.ongoing_share == 0.25                           # line 3 of 4
    assert jia.overdue == 1                                    # only 2021-03-31 is before 2021-06-30
    assert (jia.agency, jia.jurisdiction, jia.sector, jia.kind) == ("a", "X", "市场监管", "agency")

    yi = m["乙"]
    assert (yi.lead_count, yi.responsible_count, yi.measure_count, yi.weighted_load) == (1, 2, 3, 2.0)
    assert yi.participation == pytest.approx(4 / 9)
    assert yi.cross_cutting == pytest.approx(8 / 9)
    assert yi.overdue == 1

    bing = m["丙"]
    assert (bing.lead_count, bing.responsible_count, bing.measure_count, bing.weighted_load) == (1, 1, 2, 1.5)
    assert (bing.indicator_breadth, bing.participation) == (1, 0.0)  # line 5 has no indicator
    assert bing.due_per_month == {"2021-06": 1} and bing.overdue == 0

    ding = m["丁"]
    assert (ding.measure_count, ding.partner_count, ding.betweenness, ding.cross_cutting) == (1, 0, 0.0, 0.0)


def test_collectives_are_placed_in_the_graph_with_collectives():
    k = by_name(agency_metrics(toy_corpus()))["各有关单位"]
    assert (k.kind, k.lead_count, k.responsible_count, k.measure_count, k.weighted_load) == ("collective", 0, 1, 1, 0.5)
    assert k.partner_count == 1 and k.betweenness == 0.0
    assert k.overdue is None  # no as_of given


def test_agency_metrics_per_jurisdiction():
    x = by_name(agency_metrics(toy_corpus(), jurisdiction="X"))
    assert sorted(x) == ["丙", "乙", "各有关单位", "甲"]
    assert x["甲"].cross_cutting == 1.75
    y = agency_metrics(toy_corpus(), jurisdiction="Y")
    assert [(m.name, m.measure_count, m.lead_count) for m in y] == [("丁", 1, 1)]


def test_weights_are_configurable():
    m = by_name(agency_metrics(toy_corpus(), lead_weight=2.0, responsible_weight=1.0))
    assert m["甲"].weighted_load == 7.0        # 2·3 + 1·1
    assert m["甲"].cross_cutting == 3.5        # 7 · 0.5


def test_betweenness_on_a_chain_of_agencies():
    m = by_name(agency_metrics(chain_corpus()))
    assert {n: round(v.betweenness, 6) for n, v in m.items()} == {"p": 0.0, "q": round(2 / 3, 6),
                                                                  "r": round(2 / 3, 6), "s": 0.0}
    assert {n: v.partner_count for n, v in m.items()} == {"p": 1, "q": 2, "r": 2, "s": 1}
    # q: lead of line 2 (纳税), responsible in line 1 (纳税): P = 0; r: 纳税 and 开办企业 → P = ½, W = 1.5
    assert m["q"].cross_cutting == 0.0 and m["r"].cross_cutting == 0.75


def test_bad_as_of_raises():
    with pytest.raises(ValueError):
        agency_metrics(toy_corpus(), as_of="June 2021")


@given(st.lists(st.tuples(st.lists(st.sampled_from("甲乙丙"), max_size=3), st.lists(st.sampled_from("甲乙丙"), max_size=3),
                          st.sampled_from(["纳税", "开办企业", "获得电力", None])), min_size=1, max_size=10))
def test_metric_invariants(cells):
    corpus = make_corpus({"d.txt": "X"}, [(n, n, "X", None, "agency") for n in "甲乙丙"],
                         [("d.txt", i, ind, lead, resp, None) for i, (lead, resp, ind) in enumerate(cells, 1)])
    for m in agency_metrics(corpus):
        assert max(m.lead_count, m.responsible_count) <= m.measure_count <= m.lead_count + m.responsible_count
        assert m.measure_count == sum(1 for lead, resp, _ in cells if m.name in lead or m.name in resp)
        assert 0.5 * m.measure_count <= m.weighted_load <= m.measure_count
        assert 0.0 <= m.cross_cutting <= m.weighted_load
        assert math.isclose(m.cross_cutting, m.weighted_load * m.participation)


# --- deadline_profile and sector_rollup -------------------------------------------------------

def test_deadline_profile_by_hand():
    p = deadline_profile(toy_corpus())
    assert p["months"] == {"2021-03": 1, "2021-06": 2, "2021-12": 1}
    assert p["quarters"] == {"2021-Q1": 1, "2021-Q2": 2, "2021-Q4": 1}
    assert (p["ongoing"], p["conditional"], p["undated"], p["total"]) == (1, 0, 1, 6)
    assert p["agencies"]["a"]["quarters"] == {"2021-Q1": 1, "2021-Q2": 1, "2021-Q4": 1}
    assert p["agencies"]["a"]["ongoing"] == 1 and p["agencies"]["a"]["total"] == 4
    assert p["agencies"]["k"]["months"] == {"2021-12": 1}
    assert deadline_profile(toy_corpus(), "Y")["months"] == {"2021-06": 1}


def test_sector_rollup_one_sector():
    assert sector_rollup(toy_corpus(), "市场监管") == [
        {"jurisdiction": "X", "sector": "市场监管", "measure_count": 5, "lead_count": 3, "lead_share": 0.6,
         "responsible_count": 2},
        {"jurisdiction": "Y", "sector": "市场监管", "measure_count": 1, "lead_count": 1, "lead_share": 1.0,
         "responsible_count": 0},
    ]


def test_sector_rollup_every_sector_with_zeros():
    rows = sector_rollup(toy_corpus())
    assert [(r["sector"], r["jurisdiction"], r["lead_count"], r["responsible_count"]) for r in rows] == [
        ("市场监管", "X", 3, 2), ("市场监管", "Y", 1, 0),
        ("发展改革", "X", 1, 2), ("发展改革", "Y", 0, 0),   # 乙 leads line 3, is responsible in 1 and 2
        ("税务", "X", 1, 1), ("税务", "Y", 0, 0),           # 丙 leads line 5, responsible in line 2
    ]
    assert sector_rollup(toy_corpus(), "无此行业")[0]["lead_count"] == 0


def test_public_surface():
    import policykg.graph.analytics.metrics as metrics
    import policykg.graph.analytics.rollups as rollups

    assert sorted(metrics.__all__) == sorted([
        "AgencyMetrics", "agency_metrics", "deadline_profile", "sector_rollup", "participation_coefficient",
        "weighted_load", "component_betweenness", "cross_cutting_score", "quarter_of"])
    assert sorted(rollups.__all__) == ["DEADLINE_STATUSES", "DUE_SOON_DAYS", "deadline_profile", "deadline_status",
                                       "is_date", "parse_as_of", "quarter_of", "sector_rollup", "status_counts"]
    assert [f for f in AgencyMetrics.__dataclass_fields__] == [
        "agency", "name", "jurisdiction", "sector", "kind", "lead_count", "responsible_count", "measure_count",
        "weighted_load", "indicator_breadth", "participation", "partner_count", "betweenness", "due_per_month",
        "ongoing_share", "overdue", "cross_cutting", "due_soon"]


def test_deadline_status_against_the_as_of_date(sample_corpus):
    from policykg.graph.analytics.rollups import deadline_status, status_counts

    as_of = "2021-12-15"
    counts = status_counts(sample_corpus, as_of)
    assert sum(counts.values()) == len(sample_corpus.rows)
    by_hand = {"overdue": 0, "due_soon": 0, "later": 0}
    for row in sample_corpus.rows:
        if row.deadline and row.deadline[:1].isdigit():
            key = "overdue" if row.deadline < as_of else "due_soon" if row.deadline <= "2022-01-14" else "later"
            by_hand[key] += 1
    assert {k: counts[k] for k in by_hand} == by_hand and all(by_hand.values())
    assert deadline_status("2022-01-14", as_of) == "due_soon" and deadline_status("2022-01-15", as_of) == "later"
    metrics = agency_metrics(sample_corpus, as_of=as_of)
    top = metrics[0]
    mine = [r for r in sample_corpus.rows if top.agency in set(sample_corpus.lead_ids(r) + sample_corpus.responsible_ids(r))]
    assert top.due_soon == sum(deadline_status(r.deadline, as_of) == "due_soon" for r in mine)
    assert top.overdue == sum(deadline_status(r.deadline, as_of) == "overdue" for r in mine)
    assert agency_metrics(sample_corpus)[0].due_soon is None


@pytest.mark.parametrize("place", [None, "罗源县", "泉州市"])
def test_partners_counted_without_the_graph_equal_the_graph_degree(sample_corpus, place):
    from dataclasses import replace

    full = agency_metrics(sample_corpus, jurisdiction=place, as_of="2021-06-30")
    light = agency_metrics(sample_corpus, jurisdiction=place, as_of="2021-06-30", betweenness=False)
    assert [replace(m, betweenness=0.0) for m in full] == light
    assert any(m.kind == "collective" and m.partner_count for m in light)


def _networkx_figures(corpus) -> dict[str, tuple[int, float]]:
    """Partners and betweenness the networkx way: the weighted projection, then Brandes per component."""
    from policykg.graph.analytics.projections import co_assignment_graph

    everyone = co_assignment_graph(corpus, include_collectives=True)
    collectives = {a for a in everyone if a in corpus.agencies and corpus.agencies[a].kind == "collective"}
    bodies = everyone.subgraph([a for a in everyone if a not in collectives]).copy()
    of_bodies, of_collectives = component_betweenness(bodies), component_betweenness(everyone, only=collectives)
    return {a: (everyone.degree(a), of_collectives[a]) if a in collectives else (bodies.degree(a), of_bodies[a])
            for a in everyone if a in corpus.agencies}


@pytest.mark.parametrize("which", ["samples", "generated"])
def test_partners_and_betweenness_equal_networkx(which, sample_corpus, tmp_path):
    """igraph's routine gives the figures networkx's Brandes gives, for bodies and collectives alike."""
    if which == "samples":
        corpus = sample_corpus
    else:
        from policykg.loaders import load_corpus
        from tests.support.generated import generated_documents

        corpus = load_corpus(generated_documents(tmp_path, docs=30, seed=11))
    expected = _networkx_figures(corpus)
    got = {m.agency: (m.partner_count, m.betweenness) for m in agency_metrics(corpus, as_of="2021-06-30")}
    assert got.keys() == expected.keys()
    assert any(b > 0 for _, b in expected.values())
    for agency, (partners, between) in expected.items():
        assert got[agency][0] == partners and got[agency][1] == pytest.approx(between, abs=1e-12), agency
