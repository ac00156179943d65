"""Tiny corpora written by hand for the workload metrics, with every answer worked out in the tests.

``toy_corpus()`` — two documents, five agencies (one a collective), six measures:

====  ======  ========  ===========  ==================  ==========
line  doc     indicator lead         responsible         deadline
====  ======  ========  ===========  ==================  ==========
1     d1 (X)  纳税      甲           乙                  2021-03-31
2     d1 (X)  纳税      甲           乙、丙              2021-06-30
3     d1 (X)  开办企业  乙           甲                  ongoing
4     d1 (X)  开办企业  甲           甲、各有关单位      2021-12-31
5     d1 (X)  —         丙           —                   —
1     d2 (Y)  纳税      丁           —                   2021-06-30
====  ======  ========  ===========  ==================  ==========

甲 市场监管, 乙 发展改革, 丙 税务 (all of X), 丁 市场监管 (of Y), 各有关单位 a collective.
"""

from __future__ import annotations

from collections.abc import Sequence

from policykg.records import Agency, Corpus, Document, Row

__all__ = ["make_corpus", "toy_corpus", "chain_corpus"]


def make_corpus(docs: dict[str, str | None], agencies: Sequence[tuple[str, str, str | None, str | None, str]],
                rows: Sequence[tuple[str, int, str | None, Sequence[str], Sequence[str], str | None]]) -> Corpus:
    """A Corpus from short specs; surface names are the agency names, assigned in every document.

    ``agencies``: (id, name, jurisdiction, sector, kind); ``rows``: (source, line, indicator, lead names,
    responsible names, deadline).
    """
    agency_map = {a[0]: Agency(a[0], a[1], a[2], a[3], a[4], (a[1],)) for a in agencies}
    assignments = {(source, a.name): a.id for source in docs for a in agency_map.values()}
    return Corpus(
        documents=[Document(source, jurisdiction=place) for source, place in docs.items()],
        rows=[Row(source, str(line), ind, ind, None, f"措施 {source}:{line}", tuple(lead), tuple(resp), deadline,
                  deadline, None, line) for source, line, ind, lead, resp, deadline in rows],
        agencies=agency_map,
        assignments=assignments,
    )


def toy_corpus() -> Corpus:
    return make_corpus(
        {"d1.txt": "X", "d2.txt": "Y"},
        [("a", "甲", "X", "市场监管", "agency"), ("b", "乙", "X", "发展改革", "agency"),
         ("c", "丙", "X", "税务", "agency"), ("d", "丁", "Y", "市场监管", "agency"),
         ("k", "各有关单位", "X", None, "collective")],
        [("d1.txt", 1, "纳税", ["甲"], ["乙"], "2021-03-31"),
         ("d1.txt", 2, "纳税", ["甲"], ["乙", "丙"], "2021-06-30"),
         ("d1.txt", 3, "开办企业", ["乙"], ["甲"], "ongoing"),
         ("d1.txt", 4, "开办企业", ["甲"], ["甲", "各有关单位"], "2021-12-31"),
         ("d1.txt", 5, None, ["丙"], [], None),
         ("d2.txt", 1, "纳税", ["丁"], [], "2021-06-30")],
    )


def chain_corpus() -> Corpus:
    """Four agencies p–q–r–s, each measure shared by neighbours only: a path graph of co-assignment."""
    return make_corpus(
        {"c.txt": "Z"},
        [(x, x, "Z", None, "agency") for x in "pqrs"],
        [("c.txt", 1, "纳税", ["p"], ["q"], None),
         ("c.txt", 2, "纳税", ["q"], ["r"], None),
         ("c.txt", 3, "开办企业", ["r"], ["s"], None)],
    )
