"""Roll-ups over measures: deadlines per month and quarter and against a date, sectors across jurisdictions.

Companions of `policykg.graph.analytics.metrics` (which re-exports them): where that
module scores single agencies, these count measures in time and across
places, with the same counting rules — a measure belongs to its document's
jurisdiction and counts once per agency.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from typing import TypeGuard

from policykg.graph.analytics.projections import measure_roles, rows_in
from policykg.records import Corpus

__all__ = ["deadline_profile", "sector_rollup", "quarter_of", "is_date", "deadline_status", "status_counts",
           "parse_as_of", "DEADLINE_STATUSES", "DUE_SOON_DAYS"]

# Where a measure stands on the as-of date, in the order a planner reads them.
DEADLINE_STATUSES = ("overdue", "due_soon", "later", "ongoing", "conditional", "undated")
DUE_SOON_DAYS = 30


def quarter_of(month: str) -> str:
    """``"YYYY-MM"`` (or a full date) → ``"YYYY-Qn"``.

    Examples
    --------
    >>> quarter_of("2021-11"), quarter_of("2020-03-31")
    ('2021-Q4', '2020-Q1')
    """
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def is_date(deadline: str | None) -> TypeGuard[str]:
    """True for an ISO date deadline (not ``"ongoing"``, ``"conditional"`` or None)."""
    return deadline is not None and len(deadline) == 10 and deadline[4] == "-"


def parse_as_of(as_of: str | _dt.date | None) -> _dt.date:
    """The as-of date: an ISO date string or a date; today when None.

    Examples
    --------
    >>> parse_as_of("2021-06-30")
    datetime.date(2021, 6, 30)
    """
    if as_of is None:
        return _dt.date.today()
    if isinstance(as_of, _dt.date):
        return as_of
    return _dt.date.fromisoformat(as_of)


def deadline_status(deadline: str | None, as_of: str | _dt.date) -> str:
    """Where a measure stands on ``as_of``: one of `DEADLINE_STATUSES`.

    ``overdue``: due strictly before ``as_of`` (the documents record no
    completion, so "due and not known to be done"); ``due_soon``: due on
    ``as_of`` or within the `DUE_SOON_DAYS` days after it; ``later``: due after
    that; ``ongoing`` / ``conditional``: the deadline kinds of the reading rules;
    ``undated``: no deadline.

    Examples
    --------
    >>> [deadline_status(d, "2021-06-30") for d in ("2021-06-29", "2021-06-30", "2021-07-30", "2021-07-31")]
    ['overdue', 'due_soon', 'due_soon', 'later']
    >>> deadline_status("ongoing", "2021-06-30"), deadline_status(None, "2021-06-30")
    ('ongoing', 'undated')
    """
    if is_date(deadline):
        day = parse_as_of(as_of)
        if deadline < day.isoformat():
            return "overdue"
        return "due_soon" if deadline <= (day + _dt.timedelta(days=DUE_SOON_DAYS)).isoformat() else "later"
    return deadline if deadline in ("ongoing", "conditional") else "undated"


def status_counts(corpus: Corpus, as_of: str | _dt.date, jurisdiction: str | None = None) -> dict[str, int]:
    """Measures per `deadline_status` on ``as_of`` (each measure once), every status present.

    Examples
    --------
    >>> from policykg.records import Corpus, Document, Row
    >>> mk = lambda i, d: Row("d.txt", str(i), None, None, None, "m", (), (), None, d, None, i)
    >>> c = Corpus([Document("d.txt")], [mk(1, "2021-02-28"), mk(2, "2021-07-15"), mk(3, "ongoing")])
    >>> status_counts(c, "2021-06-30")
    {'overdue': 1, 'due_soon': 1, 'later': 0, 'ongoing': 1, 'conditional': 0, 'undated': 0}
    """
    day = parse_as_of(as_of)
    counts = Counter(deadline_status(row.deadline, day) for row, _ in rows_in(corpus, jurisdiction))
    return {status: counts[status] for status in DEADLINE_STATUSES}


def _deadline_bucket(deadline: str | None) -> str:
    if is_date(deadline):
        return "dated"
    return deadline if deadline in ("ongoing", "conditional") else "undated"


def deadline_profile(corpus: Corpus, jurisdiction: str | None = None) -> dict:
    """Measures due per month and per quarter, over all and per agency.

    Returns
    -------
    dict
        ``{"months": {"YYYY-MM": n}, "quarters": {"YYYY-Qn": n}, "ongoing": n,
        "conditional": n, "undated": n, "total": n, "agencies": {id: {same keys
        but "agencies"}}}``; months and quarters in date order. Overall, each
        measure counts once; per agency, each of the agency's measures once.

    Examples
    --------
    >>> from policykg.records import Corpus, Document, Row
    >>> mk = lambda i, d: Row("d.txt", str(i), None, None, None, "m", (), (), None, d, None, i)
    >>> p = deadline_profile(Corpus([Document("d.txt")], [mk(1, "2021-02-28"), mk(2, "2021-03-31"), mk(3, "ongoing")]))
    >>> p["months"], p["quarters"], p["ongoing"], p["total"]
    ({'2021-02': 1, '2021-03': 1}, {'2021-Q1': 2}, 1, 3)
    """

    def empty() -> dict:
        return {"months": Counter(), "quarters": Counter(), "ongoing": 0, "conditional": 0, "undated": 0, "total": 0}

    def add(profile: dict, deadline: str | None) -> None:
        profile["total"] += 1
        bucket = _deadline_bucket(deadline)
        if bucket == "dated" and is_date(deadline):
            profile["months"][deadline[:7]] += 1
            profile["quarters"][quarter_of(deadline)] += 1
        else:
            profile[bucket] += 1

    def done(profile: dict) -> dict:
        profile["months"] = dict(sorted(profile["months"].items()))
        profile["quarters"] = dict(sorted(profile["quarters"].items()))
        return profile

    overall = empty()
    per_agency: dict[str, dict] = defaultdict(empty)
    for row, _ in rows_in(corpus, jurisdiction):
        add(overall, row.deadline)
        for agency_id in measure_roles(corpus, row):
            add(per_agency[agency_id], row.deadline)
    overall = done(overall)
    overall["agencies"] = {a: done(p) for a, p in sorted(per_agency.items())}
    return overall


def sector_rollup(corpus: Corpus, sector: str | None = None) -> list[dict]:
    """How much the bodies of one sector lead and share in each jurisdiction's plan.

    Parameters
    ----------
    sector
        One sector (e.g. 市场监管); None: every sector any single body has.

    Returns
    -------
    list of dict
        One record per (sector, jurisdiction) — every jurisdiction, zeros
        included, so places can be compared — with ``jurisdiction``, ``sector``,
        ``measure_count`` (all measures of the jurisdiction), ``lead_count``
        (measures with at least one lead of the sector), ``responsible_count``
        (measures with at least one responsible unit of the sector) and
        ``lead_share``. Sectors by total lead count (most first), then name;
        jurisdictions by name.

    Notes
    -----
    .. math:: \\text{lead\\_share}(s, j) = \\frac{|\\{m \\in j : \\text{a lead of } m \\text{ is in } s\\}|}{|\\{m \\in j\\}|}

    Collectives have no sector and never count here; `agency_metrics` reports them apart.

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> mk = lambda src, i: Row(src, str(i), None, None, None, "m", ("市场监管局",), (), None, None, None, i)
    >>> c = Corpus([Document("x.txt", jurisdiction="X"), Document("y.txt", jurisdiction="Y")],
    ...            [mk("x.txt", 1), mk("y.txt", 1), Row("y.txt", "2", None, None, None, "m", (), (), None, None, None, 2)],
    ...            agencies={"s": Agency("s", "市场监管局", "X", "市场监管", "agency")},
    ...            assignments={("x.txt", "市场监管局"): "s", ("y.txt", "市场监管局"): "s"})
    >>> [(r["jurisdiction"], r["lead_count"], r["measure_count"], r["lead_share"]) for r in sector_rollup(c, "市场监管")]
    [('X', 1, 1, 1.0), ('Y', 1, 2, 0.5)]
    """
    totals: Counter[str | None] = Counter()
    leads: dict[str | None, Counter[str | None]] = defaultdict(Counter)
    shares: dict[str | None, Counter[str | None]] = defaultdict(Counter)
    for row, place in rows_in(corpus):
        totals[place] += 1
        for ids, counter in ((corpus.lead_ids(row), leads), (corpus.responsible_ids(row), shares)):
            named = {corpus.agencies[a].sector for a in ids if a in corpus.agencies}
            for s in (s for s in named if s is not None):
                counter[s][place] += 1
    if sector is not None:
        sectors = [sector]
    else:
        present = {a.sector for a in corpus.agencies.values() if a.sector is not None and a.kind != "collective"}
        sectors = sorted(present, key=lambda s: (-sum(leads[s].values()), s))
    places = sorted(totals, key=lambda p: (p is None, p or ""))
    return [
        {
            "jurisdiction": place,
            "sector": s,
            "measure_count": totals[place],
            "lead_count": leads[s][place],
            "lead_share": leads[s][place] / totals[place] if totals[place] else 0.0,
            "responsible_count": shares[s][place],
        }
        for s in sectors
        for place in places
    ]
