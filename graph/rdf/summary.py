"""The store's summary: pair counts and agency totals, kept once for the whole store.

Two named queries rank pairs of agencies: `co_assignment_pairs` (two agencies involved in the
same measure) and `dependencies` (a lead and each other agency of the measures it leads). Counted
from the measures, both make every pair of every measure first (1.3 M rows at 150k measures) to
keep the top hundred: ten seconds, whatever the limit. Per-document counts would not help, since
their sum is as large. So the counts are kept whole, in one graph of their own
(`iris.SUMMARY_GRAPH`), one quad per pair, whose predicate says the count::

    <agency a> <…/summary/pair/7> <agency b> .        # a's id < b's, both kind agency: 7 measures involve both
    <lead> <…/summary/arc/7> <partner> .               # 7 measures led by lead involve partner (both kind agency)
    <…/summary/pair/7> rdfs:subPropertyOf pkg:coAssignedWith ; pkg:sharedCount 7 ; pkg:pairCount 1234 .
    <…/summary/arc/7> rdfs:subPropertyOf pkg:partnerOf ; pkg:sharedCount 7 ; pkg:pairCount 2345 .

A count's predicate says how many pairs have it, so a query finds the count of the hundredth pair
from a few dozen quads and reads only the pairs at or above it, through the index. The pair's two
agencies are the quad's own terms (a query joins them with their names by index lookups; an IRI
computed from a string could only be joined by comparing it with every agency). The agencies
counted are described here too (id and display name, as their document graphs state them), so that
a query finds them in one graph. Each agency named anywhere also has its totals over every document (what its tallies in
the document graphs add up to) and its facts as literals, so that the per-agency queries on the whole
store read 30k agencies from one graph instead of summing 37k tallies and choosing a describing graph
for each agency::

    <agency> pkg:leadTotal 3 ; pkg:responsibleTotal 5 ; pkg:measureTotal 7 ; dcterms:identifier "…" ;
        skos:prefLabel "…"@zh ; pkg:agencyKind "agency" ; pkg:jurisdictionName "…" ; pkg:sectorName "…" .

Per indicator, the agencies (kind agency) involved in and leading its printed measures and its
measures (``pkg:agencyTotal``, ``pkg:leadAgencyTotal``, ``pkg:indicatorMeasureTotal``); per agency, the
indicators it is involved in, printed and counted with inference on (``pkg:indicatorTotal``,
``pkg:countedIndicatorTotal``). What these count are (agency, indicator) keys stated by some
document's tallies; the keys themselves are not kept (625k quads at 150k rows): a replacement asks the
other documents' tallies whether a key it adds or drops is stated elsewhere (`delta_update`).

A marker ``<…/summary> a pkg:PairSummary`` says that the summary is there: a store built before it
has none, and the queries then count from the measures.

The summary stays true when documents are replaced: `delta_update` subtracts what the document's old
graph contributed (read from the store) and adds what the new rows contribute, in the same SPARQL
update that replaces the document graph (`policykg.graph.rdf.store.replace_graph`), so readers
never see counts that disagree with the measures. `tests/graph/test_summary.py` checks them
against the counts made from the measures after builds and replacements.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations, islice
from typing import cast

from pyoxigraph import Literal, NamedNode, Store

from policykg.graph.rdf import iris
from policykg.graph.rdf.build import GraphPart
from policykg.graph.rdf.nquads import NQUADS_TERMS, escape_iri
from policykg.indicator_counting import DEFAULT_THRESHOLD, counted_indicator
from policykg.ontology.namespace import PKG_IRI
from policykg.records import Corpus, Row

__all__ = [
    "PairCounts",
    "counts_of_rows",
    "counts_of_graph",
    "summary_parts",
    "delta_update",
    "has_summary",
    "count_predicate",
]

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBPROPERTY = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_MARKER = iris.ID_BASE + "summary"
_LEAD = PKG_IRI + "leadUnit"
_RESPONSIBLE = PKG_IRI + "responsibleUnit"
_AGENCY_CLASS = PKG_IRI + "Agency"
_AGENCY_PREFIX = iris.ID_BASE + "agency/"
# kind → the property its count predicates specialise
# the counts kept as quads, each kind's count predicates a sub-property of its property
_KINDS = {"pair": PKG_IRI + "coAssignedWith", "arc": PKG_IRI + "partnerOf"}
# (agency, indicator) → documents whose tallies state it: printed, of measures it is involved in /
# leads; counted with inference on, of measures it is involved in. Counted in memory only, for
# the aggregates they add up to (`_AGGREGATES`).
_INDICATOR_KINDS = ("involved", "led", "counted")
_INDICATOR_PREFIX = iris.ID_BASE + "indicator/"
_TALLY_INDICATORS = {PKG_IRI + "leadIndicator": ("involved", "led"), PKG_IRI + "responsibleIndicator": ("involved",),
                     PKG_IRI + "leadCountedIndicator": ("counted",),
                     PKG_IRI + "responsibleCountedIndicator": ("counted",)}
_ADDRESSES = PKG_IRI + "addressesIndicator"
# What the (agency, indicator) counts add up to, kept up to date as keys appear and vanish:
# family → (the predicate on the indicator counting its kind-agency agencies, or None;
#           the predicate on the agency counting its indicators, or None)
_AGGREGATES = {"involved": (PKG_IRI + "agencyTotal", PKG_IRI + "indicatorTotal"),
               "led": (PKG_IRI + "leadAgencyTotal", None),
               "counted": (None, PKG_IRI + "countedIndicatorTotal")}
_INDICATOR_TOTAL = PKG_IRI + "indicatorMeasureTotal"
_TALLY_OF = PKG_IRI + "tallyOf"
_TALLY_FIELDS = {PKG_IRI + "leadCount": "lead", PKG_IRI + "responsibleCount": "responsible",
                 PKG_IRI + "measureCount": "measure"}
_TOTALS = (PKG_IRI + "leadTotal", PKG_IRI + "responsibleTotal", PKG_IRI + "measureTotal")
_FACTS = (_IDENTIFIER, _LABEL, PKG_IRI + "agencyKind", PKG_IRI + "jurisdictionName", PKG_IRI + "sectorName")

Key = tuple[str, str]  # two agency ids: (smaller, larger) for a pair, (lead, partner) for an arc


# (name, kind, jurisdiction name, sector name) of an agency, as `records.Agency` has them
Facts = tuple[str, str, "str | None", "str | None"]
# (lead, responsible, involved) measure counts
Totals = tuple[int, int, int]


class PairCounts:
    """Measures shared per unordered pair (co-assignment) and per lead → partner arc, keyed by agency ids;
    each agency's measure totals, and the facts of the agencies counted (none when read from a store)."""

    __slots__ = ("counters", "totals", "facts", "indicator_measures")

    def __init__(self) -> None:
        # kind (`_KINDS`, `_INDICATOR_KINDS`) → key → count; keys are two agency ids, or an agency id and an indicator name
        self.counters: dict[str, Counter[Key]] = {kind: Counter() for kind in (*_KINDS, *_INDICATOR_KINDS)}
        self.totals: dict[str, Totals] = {}
        self.facts: dict[str, Facts] = {}
        self.indicator_measures: Counter[str] = Counter()  # printed indicator → measures

    @property
    def pair(self) -> Counter[Key]:
        return self.counters["pair"]

    @property
    def arc(self) -> Counter[Key]:
        return self.counters["arc"]

    def of(self, kind: str) -> Counter[Key]:
        return self.counters[kind]

    def add_measure(self, leads: Iterable[str], responsibles: Iterable[str]) -> None:
        """Count one measure's agencies (kind agency only; callers filter)."""
        lead = set(leads)
        involved = lead.union(responsibles)
        if len(involved) < 2:
            return
        self.pair.update(combinations(sorted(involved), 2))
        for x in lead:
            self.arc.update((x, y) for y in involved if y != x)


def counts_of_rows(corpus: Corpus, rows: Iterable[Row]) -> PairCounts:
    """The summary of ``rows`` (each a measure): pairs over the agencies of kind agency in ``corpus``,
    totals and facts of every agency they name."""
    agencies = corpus.agencies
    out = PairCounts()
    lead_n: Counter[str] = Counter()
    responsible_n: Counter[str] = Counter()
    involved_n: Counter[str] = Counter()
    # per document (source): the (agency, indicator) keys its tallies state, each counted once per document
    stated: dict[str, set[tuple[str, Key]]] = {}
    for row in rows:
        leads, responsibles = set(corpus.lead_ids(row)), set(corpus.responsible_ids(row))
        lead_n.update(leads)
        responsible_n.update(responsibles)
        involved_n.update(leads | responsibles)
        out.add_measure([a for a in leads if agencies[a].kind == "agency"],
                        [a for a in responsibles if agencies[a].kind == "agency"])
        keys = stated.setdefault(row.source, set())
        counted = counted_indicator(row, DEFAULT_THRESHOLD)
        if row.indicator is not None:
            out.indicator_measures[row.indicator] += 1
            keys.update(("involved", (a, row.indicator)) for a in leads | responsibles)
            keys.update(("led", (a, row.indicator)) for a in leads)
        if counted is not None:
            keys.update(("counted", (a, counted)) for a in leads | responsibles)
    for keys in stated.values():
        for kind, key in keys:
            out.counters[kind][key] += 1
    for agency_id, n in involved_n.items():
        out.totals[agency_id] = (lead_n[agency_id], responsible_n[agency_id], n)
        a = agencies[agency_id]
        out.facts[agency_id] = (a.name, a.kind, a.jurisdiction, a.sector)
    return out


def counts_of_graph(store: Store, graph: str) -> PairCounts:
    """The pair counts of the measures one named graph of ``store`` holds (none when it is missing)."""
    g = NamedNode(graph)
    agencies = {_text(q.subject) for q in store.quads_for_pattern(None, NamedNode(_TYPE), NamedNode(_AGENCY_CLASS), g)}
    roles: dict[str, tuple[list[str], list[str]]] = {}
    for index, predicate in ((0, _LEAD), (1, _RESPONSIBLE)):
        for q in store.quads_for_pattern(None, NamedNode(predicate), None, g):
            if _text(q.object) in agencies:
                roles.setdefault(_text(q.subject), ([], []))[index].append(_agency_id(_text(q.object)))
    out = PairCounts()
    for leads, responsibles in roles.values():
        out.add_measure(leads, responsibles)
    # the totals, as the graph's tallies state them
    counts: dict[str, dict[str, int]] = {}
    for q in store.quads_for_pattern(None, None, None, g):
        field = _TALLY_FIELDS.get(q.predicate.value)
        if field is not None:
            counts.setdefault(_text(q.subject), {})[field] = int(_text(q.object))
    tallied: dict[str, str] = {}  # tally IRI → agency id
    for q in store.quads_for_pattern(None, NamedNode(_TALLY_OF), None, g):
        c = counts.get(_text(q.subject), {})
        agency_id = tallied[_text(q.subject)] = _agency_id(_text(q.object))
        out.totals[agency_id] = (c.get("lead", 0), c.get("responsible", 0), c.get("measure", 0))
    keys: set[tuple[str, Key]] = set()
    for predicate, kinds in _TALLY_INDICATORS.items():
        for q in store.quads_for_pattern(None, NamedNode(predicate), None, g):
            whose = tallied.get(_text(q.subject))
            if whose is not None:
                keys.update((kind, (whose, _indicator_name(_text(q.object)))) for kind in kinds)
    for kind, key in keys:
        out.counters[kind][key] += 1
    for q in store.quads_for_pattern(None, NamedNode(_ADDRESSES), None, g):
        out.indicator_measures[_indicator_name(_text(q.object))] += 1
    return out


def _indicator_name(iri: str) -> str:
    return iris.decode_key(iri.removeprefix(_INDICATOR_PREFIX))


def _text(term: object) -> str:
    """The IRI or lexical form of a term this module reads: never a blank node or triple term here."""
    return cast(NamedNode | Literal, term).value


def _agency_id(iri: str) -> str:
    return iris.decode_key(iri.removeprefix(_AGENCY_PREFIX))


def _object_iri(kind: str, key: str) -> str:
    """The object of a count quad: the second agency, or the indicator."""
    return iris.indicator_iri(key) if kind in _INDICATOR_KINDS else iris.agency_iri(key)


def count_predicate(kind: str, n: int) -> str:
    """The predicate linking the two agencies of a pair (``kind`` "pair") or arc ("arc") that share ``n`` measures."""
    return f"{_MARKER}/{kind}/{n}"


def _count_of(predicate: str, kind: str) -> int | None:
    head, _, n = predicate.rpartition("/")
    return int(n) if head == f"{_MARKER}/{kind}" and n.isdigit() else None


def _pair_triples(kind: str, counter: Mapping[Key, int], keys: Iterable[Key]) -> Iterator[str]:
    """``a <count predicate> b`` lines (no graph, no final dot) for the keys counted above zero."""
    # a million lines at 150k rows: each agency's and each count's term written once
    agency: dict[str, str] = {}
    second: dict[str, str] = {}  # the objects: agencies, or indicators
    predicate: dict[int, str] = {}
    for a, b in keys:
        n = counter.get((a, b), 0)
        if n > 0:
            sa = agency.get(a) or agency.setdefault(a, escape_iri(iris.agency_iri(a)))
            sb = second.get(b) or second.setdefault(b, escape_iri(_object_iri(kind, b)))
            p = predicate.get(n) or predicate.setdefault(n, escape_iri(count_predicate(kind, n)))
            yield f"{sa} {p} {sb}"


def _count_triples(kind: str, histogram: Mapping[int, int]) -> Iterator[str]:
    """Each count's predicate: what it specialises, its count and how many pairs have it (none: not stated)."""
    parent = escape_iri(_KINDS[kind])
    value, number = escape_iri(PKG_IRI + "sharedCount"), escape_iri(PKG_IRI + "pairCount")
    for n, k in sorted(histogram.items()):
        if k > 0:
            p = escape_iri(count_predicate(kind, n))
            yield f"{p} <{_SUBPROPERTY}> {parent}"
            yield f'{p} {value} "{n}"^^<{_INTEGER}>'
            yield f'{p} {number} "{k}"^^<{_INTEGER}>'


def _agency_triples(totals: Mapping[str, Totals], facts: Mapping[str, Facts]) -> Iterator[str]:
    """Each agency's totals (when above zero) and facts: id, display name as its document graphs state it
    (`mapping.AGENCY_MAP`), kind, the names of its place and sector."""
    total_predicates = [escape_iri(p) for p in _TOTALS]
    fact_predicates = [escape_iri(p) for p in _FACTS]
    literal = NQUADS_TERMS.literal
    for agency_id, numbers in totals.items():
        if numbers[2] <= 0:
            continue
        a = escape_iri(iris.agency_iri(agency_id))
        for p, n in zip(total_predicates, numbers):
            yield f'{a} {p} "{n}"^^<{_INTEGER}>'
        name, kind, jurisdiction, sector = facts[agency_id]
        values = (literal(agency_id), NQUADS_TERMS.lang_literal(name, "zh"), literal(kind),
                  None if jurisdiction is None else literal(jurisdiction), None if sector is None else literal(sector))
        for p, value in zip(fact_predicates, values):
            if value is not None:
                yield f"{a} {p} {value}"


def _indicator_triples(measures: Mapping[str, int]) -> Iterator[str]:
    """Each printed indicator's measures over the store (when above zero)."""
    p = escape_iri(_INDICATOR_TOTAL)
    for name, n in measures.items():
        if n > 0:
            yield f'{escape_iri(iris.indicator_iri(name))} {p} "{n}"^^<{_INTEGER}>'


Aggregate = Counter[tuple[str, str]]  # (subject IRI, predicate IRI) → n


def _aggregate_steps(kind: str, key: Key, step: int, is_agency: bool) -> Iterator[tuple[tuple[str, str], int]]:
    """What an (agency, indicator) key of ``kind`` appearing (``step`` 1) or vanishing (-1) adds to the aggregates."""
    on_indicator, on_agency = _AGGREGATES[kind]
    agency_id, indicator = key
    if on_indicator is not None and is_agency:
        yield (iris.indicator_iri(indicator), on_indicator), step
    if on_agency is not None:
        yield (iris.agency_iri(agency_id), on_agency), step


def _aggregate_triples(values: Mapping[tuple[str, str], int]) -> Iterator[str]:
    for (subject, predicate), n in values.items():
        if n > 0:
            yield f'{escape_iri(subject)} {escape_iri(predicate)} "{n}"^^<{_INTEGER}>'


def _summary_lines(counts: PairCounts) -> Iterator[str]:
    yield f"{escape_iri(_MARKER)} <{_TYPE}> {escape_iri(PKG_IRI + 'PairSummary')}"
    for kind in _KINDS:
        counter = counts.of(kind)
        yield from _pair_triples(kind, counter, counter)
        yield from _count_triples(kind, Counter(counter.values()))
    yield from _agency_triples(counts.totals, counts.facts)
    yield from _indicator_triples(counts.indicator_measures)
    aggregate: Aggregate = Counter()
    for kind in _INDICATOR_KINDS:
        for key, n in counts.of(kind).items():
            if n > 0:
                aggregate.update(dict(_aggregate_steps(kind, key, 1, counts.facts[key[0]][1] == "agency")))
    yield from _aggregate_triples(aggregate)


# Lines per part of the summary graph: at 150k rows the graph is 1.7 M quads, which as one part would be
# one list of strings and one bulk load of that size (≈ 1.5 GiB more at the peak of a build).
_PART_LINES = 100_000


def summary_parts(counts: PairCounts) -> Iterator[GraphPart]:
    """The summary graph of a new store, as N-Quads lines (`store.load_parts_into`), in parts of at most
    `_PART_LINES` lines (the later ones ``continued``)."""
    tail = f" {escape_iri(iris.SUMMARY_GRAPH)} .\n"
    lines = _summary_lines(counts)
    first = True
    while True:
        chunk = [t + tail for t in islice(lines, _PART_LINES)]
        if not chunk and not first:
            return
        yield GraphPart(iris.SUMMARY_GRAPH, None, chunk, continued=not first)
        first = False


def _stored_facts(stored: Mapping[str, object]) -> Facts:
    """An agency's facts as the summary states them (``stored``: predicate IRI → term)."""
    values = [_text(stored[p]) if p in stored else None for p in _FACTS[1:]]
    return (values[0] or "", values[1] or "", values[2], values[3])


def _kind_of(store: Store, agency_id: str, new: PairCounts) -> str:
    """The agency's kind: as the new rows have it, else as the summary states it."""
    if agency_id in new.facts:
        return new.facts[agency_id][1]
    kinds = store.quads_for_pattern(NamedNode(iris.agency_iri(agency_id)), NamedNode(_FACTS[2]), None,
                                    NamedNode(iris.SUMMARY_GRAPH))
    return next((_text(q.object) for q in kinds), "")


def has_summary(store: Store) -> bool:
    """Whether ``store`` keeps the pair counts (stores built before them do not)."""
    marker = store.quads_for_pattern(NamedNode(_MARKER), NamedNode(_TYPE), None, NamedNode(iris.SUMMARY_GRAPH))
    return next(iter(marker), None) is not None


def _stored(store: Store, kind: str, keys: Iterable[Key]) -> Counter[Key]:
    g = NamedNode(iris.SUMMARY_GRAPH)
    out: Counter[Key] = Counter()
    for a, b in keys:
        for q in store.quads_for_pattern(NamedNode(iris.agency_iri(a)), None, NamedNode(_object_iri(kind, b)), g):
            n = _count_of(q.predicate.value, kind)
            if n is not None:
                out[a, b] = n
    return out


def _stored_histogram(store: Store, kind: str) -> Counter[int]:
    g = NamedNode(iris.SUMMARY_GRAPH)
    number = NamedNode(PKG_IRI + "pairCount")
    out: Counter[int] = Counter()
    for q in store.quads_for_pattern(None, NamedNode(_SUBPROPERTY), NamedNode(_KINDS[kind]), g):
        n = _count_of(_text(q.subject), kind)
        for k in store.quads_for_pattern(q.subject, number, None, g):
            if n is not None:
                out[n] = int(_text(k.object))
    return out


def _stated_elsewhere(store: Store, graph: str, keys: Iterable[tuple[str, Key]]) -> set[tuple[str, Key]]:
    """The (kind, (agency, indicator)) ``keys`` that a tally in a document graph other than ``graph`` states."""
    wanted: dict[str, set[tuple[str, Key]]] = {}
    for kind, key in keys:
        wanted.setdefault(key[0], set()).add((kind, key))
    found: set[tuple[str, Key]] = set()
    tally_of, own = NamedNode(_TALLY_OF), NamedNode(graph)
    predicates = [(NamedNode(p), kinds) for p, kinds in _TALLY_INDICATORS.items()]
    for agency_id, asked in wanted.items():
        # every document naming the agency has one tally of it; the popular ones are named by hundreds
        for q in store.quads_for_pattern(None, tally_of, NamedNode(iris.agency_iri(agency_id)), None):
            if q.graph_name == own:
                continue
            for predicate, kinds in predicates:
                for s in store.quads_for_pattern(q.subject, predicate, None, q.graph_name):
                    indicator = _indicator_name(_text(s.object))
                    found.update(k for k in ((kind, (agency_id, indicator)) for kind in kinds) if k in asked)
            if asked <= found:
                break
    return found


def delta_update(store: Store, old: PairCounts, new: PairCounts, graph: str) -> str:
    """SPARQL update operations that turn the stored counts from containing ``old`` into containing ``new``.

    ``graph`` is the document graph ``old`` was counted from, replaced in the same update. The
    pair and arc counts are read from the summary and changed by the difference. An (agency,
    indicator) key is kept by no count: whether it stays stated is read from the tallies of the
    other document graphs (a few per agency), which saves the summary a third of its quads (625k at
    150k rows) that a build would write only to answer that at the next reload.
    Empty when the store keeps no counts (`has_summary`).
    """
    if not has_summary(store):
        return ""
    gone: list[str] = []
    come: list[str] = []
    steps: Aggregate = Counter()
    # a key the document states or stopped stating changes the aggregates unless another document states it
    flipped = {(kind, key) for kind in _INDICATOR_KINDS
               for key in old.of(kind).keys() | new.of(kind).keys() if (old.of(kind)[key] > 0) != (new.of(kind)[key] > 0)}
    kept = _stated_elsewhere(store, graph, flipped)
    for kind, key in flipped - kept:
        steps.update(dict(_aggregate_steps(kind, key, 1 if new.of(kind)[key] > 0 else -1,
                                           _kind_of(store, key[0], new) == "agency")))
    for kind in _KINDS:
        old_c, new_c = old.of(kind), new.of(kind)
        keys = {k for k in old_c.keys() | new_c.keys() if old_c[k] != new_c[k]}
        if not keys:
            continue
        before = _stored(store, kind, keys)
        after = Counter({key: before[key] - old_c[key] + new_c[key] for key in keys})
        histogram = _stored_histogram(store, kind)
        updated = histogram.copy()
        updated.subtract(v for v in before.values() if v > 0)
        updated.update(v for v in after.values() if v > 0)
        shifted = {n for n in histogram.keys() | updated.keys() if histogram[n] != updated[n]}
        gone += _pair_triples(kind, before, keys)
        come += _pair_triples(kind, after, keys)
        gone += _count_triples(kind, {n: histogram[n] for n in shifted})
        come += _count_triples(kind, {n: updated[n] for n in shifted})
    # the aggregates the keys that appeared or vanished change
    g = NamedNode(iris.SUMMARY_GRAPH)
    was: Aggregate = Counter()
    for subject, predicate in steps:
        for q in store.quads_for_pattern(NamedNode(subject), NamedNode(predicate), None, g):
            gone.append(f"{q.subject} {q.predicate} {q.object}")
            was[subject, predicate] = int(_text(q.object))
    come += _aggregate_triples({k: was[k] + step for k, step in steps.items()})
    # the totals of the agencies either graph names, and the facts of those the new one names
    changed = {a for a in old.totals.keys() | new.totals.keys() if old.totals.get(a) != new.totals.get(a)}
    changed |= new.facts.keys()
    totals: dict[str, Totals] = {}
    facts: dict[str, Facts] = {}
    for agency_id in changed:
        a = NamedNode(iris.agency_iri(agency_id))
        stored: dict[str, object] = {}
        for q in store.quads_for_pattern(a, None, None, g):
            if q.predicate.value in _TOTALS or q.predicate.value in _FACTS:
                gone.append(f"{q.subject} {q.predicate} {q.object}")
                stored[q.predicate.value] = q.object
        stated = tuple(int(_text(stored[p])) if p in stored else 0 for p in _TOTALS)
        zero = (0, 0, 0)
        totals[agency_id] = cast(Totals, tuple(
            w - o + n for w, o, n in zip(stated, old.totals.get(agency_id, zero), new.totals.get(agency_id, zero))))
        facts[agency_id] = new.facts.get(agency_id) or _stored_facts(stored)
    come += _agency_triples(totals, facts)
    # the measures of each printed indicator either graph counts
    indicators = {i for i in old.indicator_measures.keys() | new.indicator_measures.keys()
                  if old.indicator_measures[i] != new.indicator_measures[i]}
    measures: Counter[str] = Counter()
    for name in indicators:
        for q in store.quads_for_pattern(NamedNode(iris.indicator_iri(name)), NamedNode(_INDICATOR_TOTAL), None, g):
            gone.append(f"{q.subject} {q.predicate} {q.object}")
            measures[name] += int(_text(q.object))
        measures[name] += new.indicator_measures[name] - old.indicator_measures[name]
    come += _indicator_triples(measures)
    if not gone and not come:
        return ""
    graph = escape_iri(iris.SUMMARY_GRAPH)
    return (f"DELETE DATA {{ GRAPH {graph} {{\n" + "".join(f"{t} .\n" for t in gone) + "} } ;\n"
            f"INSERT DATA {{ GRAPH {graph} {{\n" + "".join(f"{t} .\n" for t in come) + "} }")
