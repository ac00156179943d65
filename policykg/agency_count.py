"""How agencies and collectives are counted: the one rule behind `run`, `agencies`, the report and the graph.

An agency or collective counts when at least one measure names it, as lead or as
responsible unit. Units a document declares responsible for every task (a 说明
line under the table, ``Document.responsible_all``) name no measure: they stay
facts of their document and are not counted (reading-rules.md, "Document facts";
docs/metrics.md counts the figures the same way). Every command that prints a
count of agencies takes it from `count_agencies`, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.records import Agency, Corpus

__all__ = ["AgencyCount", "counted_agencies", "count_agencies"]


@dataclass(frozen=True, slots=True)
class AgencyCount:
    """Agencies (single bodies) and collectives counted by the rule of this module."""

    agencies: int
    collectives: int


def counted_agencies(corpus: Corpus, jurisdiction: str | None = None) -> list[Agency]:
    """The agencies and collectives a measure names, in ``corpus.agencies`` order.

    Parameters
    ----------
    jurisdiction
        Only measures of documents of this jurisdiction (a measure belongs to its
        document's place, as in the report); all measures when None.

    Examples
    --------
    >>> from policykg.records import Document, Row
    >>> row = Row("d.txt", "1", None, None, None, "m", ("甲",), (), None, None, None, 3)
    >>> corpus = Corpus([Document("d.txt", responsible_all=("乙",))], [row],
    ...                 agencies={"a": Agency("a", "甲", None, None, "agency"), "b": Agency("b", "乙", None, None, "agency")},
    ...                 assignments={("d.txt", "甲"): "a", ("d.txt", "乙"): "b"})
    >>> [a.id for a in counted_agencies(corpus)]
    ['a']
    """
    places = {doc.source: doc.jurisdiction for doc in corpus.documents}
    named: set[str] = set()
    for row in corpus.rows:
        if jurisdiction is None or places.get(row.source) == jurisdiction:
            named.update(corpus.lead_ids(row))
            named.update(corpus.responsible_ids(row))
    return [agency for agency_id, agency in corpus.agencies.items() if agency_id in named]


def count_agencies(corpus: Corpus, jurisdiction: str | None = None) -> AgencyCount:
    """How many agencies and collectives the measures name (see `counted_agencies`).

    Examples
    --------
    >>> count_agencies(Corpus())
    AgencyCount(agencies=0, collectives=0)
    """
    counted = counted_agencies(corpus, jurisdiction)
    collectives = sum(1 for agency in counted if agency.kind == "collective")
    return AgencyCount(agencies=len(counted) - collectives, collectives=collectives)
