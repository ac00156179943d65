"""Each named query's answer computed straight from Corpus rows (never from a graph).

The contract of queries/README.md in plain Python; the SPARQL (and Cypher) answers
must equal these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from policykg.identities import measure_ids
from policykg.loaders.indicator_inference import DEFAULT_THRESHOLD, counted_indicator
from policykg.records import Corpus, Row

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_IDS: dict[int, tuple[Corpus, dict[tuple[str, int], str]]] = {}


def _mid(corpus: Corpus, row: Row) -> str:
    """The row's measure id by the contract's rule (`policykg.identities`: document + printed number)."""
    cached = _IDS.get(id(corpus))
    if cached is None or cached[0] is not corpus:
        cached = _IDS[id(corpus)] = (corpus, measure_ids(corpus.rows))
    return cached[1][(row.source, row.line)]


def _jur(corpus: Corpus, row: Row) -> str | None:
    doc = corpus.document(row.source)
    return doc.jurisdiction if doc else None


def places(corpus: Corpus, source: str) -> set[str]:
    """The places a document is in: its jurisdiction, that one's parent and its province."""
    doc = corpus.document(source)
    if doc is None or doc.jurisdiction is None:
        return set()
    return {p for p in (doc.jurisdiction, doc.parent, doc.province) if p is not None}


def known_places(corpus: Corpus) -> set[str]:
    """Every place the graph holds: the documents' jurisdictions, parents and provinces, the agencies'
    jurisdictions and their parents."""
    names = {p for doc in corpus.documents for p in (doc.jurisdiction, doc.parent, doc.province)}
    names |= {p for a in corpus.agencies.values() for p in (a.jurisdiction, a.parent)}
    return names - {None}


def _rows(corpus: Corpus, jurisdiction: str = "all") -> list[Row]:
    """The rows of the documents in the place ``jurisdiction`` or under it (all rows for ``all``)."""
    if jurisdiction == "all":
        return list(corpus.rows)
    inside = {d.source for d in corpus.documents if jurisdiction in places(corpus, d.source)}
    return [r for r in corpus.rows if r.source in inside]


def _is_agency(corpus: Corpus, agency_id: str) -> bool:
    return corpus.agencies[agency_id].kind == "agency"


def _nulls_first(value):
    return (value is not None, value or "")


def workload_per_agency(corpus: Corpus, jurisdiction="all", sector="all", limit="100"):
    lead, resp, meas = defaultdict(set), defaultdict(set), defaultdict(set)
    for r in _rows(corpus, jurisdiction):
        for a in corpus.lead_ids(r):
            lead[a].add(_mid(corpus, r))
            meas[a].add(_mid(corpus, r))
        for a in corpus.responsible_ids(r):
            resp[a].add(_mid(corpus, r))
            meas[a].add(_mid(corpus, r))
    out = []
    for a in meas:
        ag = corpus.agencies[a]
        if sector != "all" and ag.sector != sector:
            continue
        out.append({"agency": a, "name": ag.name, "kind": ag.kind, "jurisdiction": ag.jurisdiction,
                    "sector": ag.sector, "lead_count": len(lead[a]), "responsible_count": len(resp[a]),
                    "measure_count": len(meas[a])})
    return _limit(sorted(out, key=lambda d: (-d["lead_count"], -d["measure_count"], d["agency"])), limit)


def cross_cutting_ranking(corpus: Corpus, limit="20", jurisdiction="all", indicators="inferred"):
    ind, meas, lead = defaultdict(set), defaultdict(set), defaultdict(set)
    for r in _rows(corpus, jurisdiction):
        # printed (one of the 18), else inferred at the threshold (with "inferred"), else the printed local category
        counted = counted_indicator(r, DEFAULT_THRESHOLD if indicators == "inferred" else None)
        for role, ids in (("lead", corpus.lead_ids(r)), ("resp", corpus.responsible_ids(r))):
            for a in ids:
                if not _is_agency(corpus, a):
                    continue
                meas[a].add(_mid(corpus, r))
                if counted is not None:
                    ind[a].add(counted)
                if role == "lead":
                    lead[a].add(_mid(corpus, r))
    out = [{"agency": a, "name": corpus.agencies[a].name, "jurisdiction": corpus.agencies[a].jurisdiction,
            "sector": corpus.agencies[a].sector, "indicator_count": len(ind[a]), "measure_count": len(meas[a]),
            "lead_count": len(lead[a]),
            "indicators_counted": "printed+inferred" if indicators == "inferred" else "printed"} for a in meas]
    out.sort(key=lambda d: (-d["indicator_count"], -d["measure_count"], d["agency"]))
    return _limit(out, limit)


def agencies_per_indicator(corpus: Corpus, jurisdiction="all"):
    meas, ags, leads = defaultdict(set), defaultdict(set), defaultdict(set)
    for r in _rows(corpus, jurisdiction):
        if r.indicator is None:
            continue
        meas[r.indicator].add(_mid(corpus, r))
        for a in corpus.lead_ids(r):
            if _is_agency(corpus, a):
                ags[r.indicator].add(a)
                leads[r.indicator].add(a)
        for a in corpus.responsible_ids(r):
            if _is_agency(corpus, a):
                ags[r.indicator].add(a)
    out = [{"indicator": i, "measure_count": len(meas[i]), "agency_count": len(ags[i]),
            "lead_agency_count": len(leads[i])} for i in meas]
    return sorted(out, key=lambda d: (-d["measure_count"], d["indicator"]))


def _limit(rows: list, limit: str) -> list:
    return rows[: int(limit)] if int(limit) else rows


def co_assignment_pairs(corpus: Corpus, limit="100", min_shared="2", jurisdiction="all"):
    shared = defaultdict(set)
    for r in _rows(corpus, jurisdiction):
        involved = sorted({a for a in corpus.lead_ids(r) + corpus.responsible_ids(r) if _is_agency(corpus, a)})
        for i, a in enumerate(involved):
            for b in involved[i + 1:]:
                shared[(a, b)].add(_mid(corpus, r))
    out = [{"agency_a": a, "name_a": corpus.agencies[a].name, "agency_b": b, "name_b": corpus.agencies[b].name,
            "shared_count": len(ms)} for (a, b), ms in shared.items() if len(ms) >= int(min_shared)]
    return _limit(sorted(out, key=lambda d: (-d["shared_count"], d["agency_a"], d["agency_b"])), limit)


def measures_due_in_period(corpus: Corpus, as_of=None, days="90", start=None, end=None, jurisdiction="all"):
    as_of = as_of or dt.date.today().isoformat()
    start = start or as_of
    end = end or (dt.date.fromisoformat(start) + dt.timedelta(days=int(days))).isoformat()
    out = []
    for r in _rows(corpus, jurisdiction):
        if r.deadline is None or not _DATE.match(r.deadline) or not (start <= r.deadline <= end):
            continue
        names = sorted(corpus.agencies[a].name for a in corpus.lead_ids(r))
        out.append({"measure": _mid(corpus, r), "source": r.source, "seq": r.seq, "deadline": r.deadline,
                    "indicator": r.indicator, "lead_names": "、".join(names), "_line": r.line})
    out.sort(key=lambda d: (d["deadline"], d["source"], d.pop("_line")))
    return out


def measures_without_lead(corpus: Corpus, jurisdiction="all"):
    rows = sorted((r for r in _rows(corpus, jurisdiction) if not corpus.lead_ids(r)), key=lambda r: (r.source, r.line))
    return [{"measure": _mid(corpus, r), "source": r.source, "seq": r.seq, "indicator": r.indicator, "measure_text": r.measure}
            for r in rows]


def sector_across_jurisdictions(corpus: Corpus, sector="市场监管", jurisdiction="all"):
    meas, lead, resp = defaultdict(set), defaultdict(set), defaultdict(set)
    for r in _rows(corpus, jurisdiction):
        j = _jur(corpus, r)
        meas[j].add(_mid(corpus, r))
        if any(corpus.agencies[a].sector == sector for a in corpus.lead_ids(r)):
            lead[j].add(_mid(corpus, r))
        if any(corpus.agencies[a].sector == sector for a in corpus.responsible_ids(r)):
            resp[j].add(_mid(corpus, r))
    out = []
    for j in sorted(meas, key=_nulls_first):
        mc, lc = len(meas[j]), len(lead[j])
        share = (Decimal(lc * 10000) / Decimal(mc)).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 10000
        out.append({"jurisdiction": j, "measure_count": mc, "lead_count": lc, "responsible_count": len(resp[j]),
                    "lead_share": float(share)})
    return out


def agency_portfolio(corpus: Corpus, agency="top", jurisdiction="all"):
    rows = _rows(corpus, jurisdiction)
    involved = defaultdict(set)
    for r in rows:
        for a in corpus.lead_ids(r) + corpus.responsible_ids(r):
            involved[a].add(_mid(corpus, r))
    if agency == "top":
        chosen = {min(involved, key=lambda a: (-len(involved[a]), a))} if involved else set()
    else:
        chosen = {a for a, ag in corpus.agencies.items() if a == agency or ag.name == agency}
    out = []
    for r in rows:
        for role, ids in (("lead", corpus.lead_ids(r)), ("responsible", corpus.responsible_ids(r))):
            for a in ids:
                if a in chosen:
                    out.append({"agency": a, "name": corpus.agencies[a].name, "measure": _mid(corpus, r), "source": r.source,
                                "seq": r.seq, "role": role, "indicator": r.indicator, "deadline": r.deadline,
                                "measure_text": r.measure, "_line": r.line})
    out.sort(key=lambda d: (d["source"], d["_line"], d["role"]))
    for d in out:
        del d["_line"]
    return out


def dependencies(corpus: Corpus, jurisdiction="all", indicator="all", limit="100"):
    shared = defaultdict(set)
    for r in _rows(corpus, jurisdiction):
        if indicator != "all" and r.indicator != indicator:
            continue
        leads = {a for a in corpus.lead_ids(r) if _is_agency(corpus, a)}
        involved = leads | {a for a in corpus.responsible_ids(r) if _is_agency(corpus, a)}
        for a in leads:
            for b in involved - {a}:
                shared[(a, b)].add(_mid(corpus, r))
    out = [{"lead": a, "lead_name": corpus.agencies[a].name, "partner": b, "partner_name": corpus.agencies[b].name,
            "shared_count": len(ms)} for (a, b), ms in shared.items()]
    out.sort(key=lambda d: (-d["shared_count"], d["lead"], d["partner"]))
    return _limit(out, limit)


EXPECTED = {f.__name__: f for f in (
    workload_per_agency, cross_cutting_ranking, agencies_per_indicator, co_assignment_pairs,
    measures_due_in_period, measures_without_lead, sector_across_jurisdictions, agency_portfolio, dependencies)}


# (query, params) cases shared by the SPARQL and the Cypher tests: every query bare,
# plus non-default parameters (the same questions must get the same answers in both languages).
CASES = [(name, {}) for name in sorted(EXPECTED)] + [
    ("workload_per_agency", {"jurisdiction": "福清市"}),
    ("workload_per_agency", {"sector": "市场监管"}),
    ("workload_per_agency", {"jurisdiction": "泉州市", "sector": "政务服务"}),
    ("cross_cutting_ranking", {"limit": "5"}),
    ("cross_cutting_ranking", {"limit": "500", "jurisdiction": "罗源县"}),
    ("cross_cutting_ranking", {"limit": "500", "indicators": "printed"}),
    ("cross_cutting_ranking", {"limit": "500", "jurisdiction": "鼓楼区", "indicators": "printed"}),
    ("cross_cutting_ranking", {"limit": "500", "jurisdiction": "鼓楼区"}),
    ("agencies_per_indicator", {"jurisdiction": "鼓楼区"}),
    ("co_assignment_pairs", {"min_shared": "1"}),
    ("co_assignment_pairs", {"min_shared": "5", "jurisdiction": "罗源县"}),
    ("measures_due_in_period", {"start": "2021-01-01", "end": "2021-06-30"}),
    ("measures_without_lead", {"jurisdiction": "泉港区"}),
    ("sector_across_jurisdictions", {"sector": "税务"}),
    ("sector_across_jurisdictions", {"sector": "发展改革"}),
    ("agency_portfolio", {"agency": "福清市市场监管局"}),
    ("agency_portfolio", {"agency": "350505/市场监督管理局"}),
    ("measures_due_in_period", {"start": "2021-01-01", "end": "2021-12-31"}),
    # the scope of the old defaults, now one parameter away
    ("co_assignment_pairs", {"limit": "0"}),
    ("measures_due_in_period", {"start": "1900-01-01", "end": "2100-12-31"}),
    ("cross_cutting_ranking", {"limit": "0"}),
    ("workload_per_agency", {"limit": "0"}),
    ("workload_per_agency", {"limit": "0", "jurisdiction": "福州市"}),
    # the bounded defaults at work
    ("workload_per_agency", {"limit": "7"}),
    ("workload_per_agency", {"limit": "3", "sector": "市场监管"}),
    ("co_assignment_pairs", {"limit": "10", "min_shared": "1", "jurisdiction": "泉州市"}),
    ("measures_due_in_period", {"as_of": "2021-07-15"}),
    ("measures_due_in_period", {"as_of": "2020-06-01", "days": "200", "jurisdiction": "福州市"}),
    ("measures_due_in_period", {"start": "2021-10-01", "days": "30"}),
    # places roll up: a city holds its districts and counties, a province its cities
    ("workload_per_agency", {"jurisdiction": "福州市"}),
    ("workload_per_agency", {"jurisdiction": "福建省", "sector": "公安"}),
    ("cross_cutting_ranking", {"limit": "0", "jurisdiction": "福建省"}),
    ("agencies_per_indicator", {"jurisdiction": "福州市"}),
    ("co_assignment_pairs", {"limit": "0", "jurisdiction": "福州市"}),
    ("measures_without_lead", {"jurisdiction": "福建省"}),
    ("sector_across_jurisdictions", {"jurisdiction": "泉州市"}),
    ("agency_portfolio", {"jurisdiction": "罗源县"}),
    ("agency_portfolio", {"agency": "福清市市场监管局", "jurisdiction": "泉州市"}),
    ("dependencies", {"jurisdiction": "罗源县", "limit": "100000"}),
    ("dependencies", {"indicator": "开办企业", "limit": "100000"}),
    ("dependencies", {"jurisdiction": "福清市", "indicator": "纳税"}),
    ("dependencies", {"limit": "5"}),
    ("dependencies", {"limit": "0"}),
    ("dependencies", {"limit": "0", "jurisdiction": "福州市"}),
    ("dependencies", {"limit": "0", "jurisdiction": "福建省", "indicator": "开办企业"}),
]


def case_id(case) -> str:
    name, params = case
    return name + "".join(f"[{k}={v}]" for k, v in params.items())
