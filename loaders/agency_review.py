"""What a reviewer of agency names needs: the merges and splits the naming rules are unsure of, with evidence.

The naming rules (`policykg.loaders.agency_names`) tie a surface name to its body
by prefixes, places and reviewed abbreviations, never by likeness (pitfalls.md:
edit distance means little for Chinese names). What they leave open is proposed
here for a person to accept or reject, each proposal as the lines of an aliases
file (`policykg.loaders.aliases`) that accepting it takes:

Merges — two agencies of one jurisdiction (collectives: of one document) that no task
names side by side (a task never lists one body twice), whose names
- are one name in another script or punctuation (區財政局 / 区财政局): ``variant``;
- abbreviate each other: the same body type (局, 委, 办 …) and the shorter stem's
  characters in order in the longer (工信局 / 工业和信息化局, 法院 / 人民法院),
  unless the longer is a body inside the shorter (税务局稽查局), a branch (公安分局)
  or another court (中级人民法院): ``abbreviation``;
- are one character apart, both of five characters or more, the character not an
  ordinal or a direction (第一/第二, 城东/城西): ``one_character``;
- share their stem with another body type (商务局 / 商务委, 发展和改革局 /
  发展和改革委员会; 中心 is not counted a body type here, 大数据中心 is not
  大数据局): ``same_stem``.
The agency kept is the full form (abbreviation), the simplified script (variant),
else the one more rows name.

Splits — a surface name the rules gave to a body only because one document
declared it a second name of that body (县发改局（大数据局） makes a standalone
县大数据局 the 发改局 of that document): ``declared_alias``, or ``two_bodies``
when the same name stands for its own body elsewhere in the same place.
Accepting a split gives the name its own agency.

Names a reviewed decision already settles are not proposed again; a reviewer who
rejects a merge can keep it from coming back by a line giving the name its own
agency. `review_proposals` makes the proposals; `surface_evidence` says where
each surface name stands.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from policykg.agency_count import counted_agencies
from policykg.errors import PolicyKGError
from policykg.loaders.agency_names import resolve_name
from policykg.loaders.aliases import HEADER, ReviewedAliases, parse_aliases
from policykg.loaders.hanzi import fold
from policykg.records import Agency, Corpus, Document

__all__ = ["Proposal", "review_proposals", "surface_evidence", "MERGE_REASONS", "SPLIT_REASONS"]

MERGE_REASONS = ("variant", "abbreviation", "one_character", "same_stem")
SPLIT_REASONS = ("declared_alias", "two_bodies")

# Body types a name ends with, longest first. 中心 and 院 count for abbreviations (法院 / 人民法院)
# but not for same_stem: a 中心 is usually an institution under the 局 of the same stem.
_BODY_TYPES = ("管理委员会", "委员会", "管委会", "办公室", "中心", "局", "委", "办", "厅", "院")
_SAME_STEM_TYPES = frozenset({"管理委员会", "委员会", "管委会", "办公室", "局", "委", "办", "厅"})
# A longer name holding one of these where the shorter does not names a branch or a sub-unit.
_SUB_UNITS = ("分局", "支队", "大队", "中队", "分行", "支行", "办事处", "分中心", "分公司", "派出所", "分", "支", "驻",
              "所", "站", "科", "股")
# Characters that tell sibling bodies apart: 第一/第二中学, 城东/城西派出所.
_SIBLING_MARKS = frozenset("一二三四五六七八九十〇零0123456789东南西北中上下前后左右甲乙丙丁")
_MIN_ONE_APART = 5
# A court level names another court: 中级人民法院 is not the 人民法院 of the same place.
_QUALIFIER = re.compile(r"^(?:中级|高级|基层)")


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed merge or split, as the aliases lines that accepting it takes.

    ``agency`` is the agency whose names would move (merge) or the agency that holds
    the name now (split); ``kept`` the agency a merge keeps (None for a split);
    ``target`` the agency name the lines give, ``target_id`` the id it resolves to.
    ``lines`` are ``(name, agency)`` pairs of the aliases file.
    """

    kind: str
    reason: str
    agency: Agency
    kept: Agency | None
    target: str
    target_id: str
    lines: tuple[tuple[str, str], ...]


def surface_evidence(corpus: Corpus) -> dict[tuple[str, str], list[int]]:
    """(source, surface name) → the lines of the rows that name it (first line of each row), in order.

    Examples
    --------
    >>> from policykg.records import Row
    >>> row = Row("d.txt", "1", None, None, None, "m", ("甲",), ("乙", "甲"), None, None, None, 7)
    >>> surface_evidence(Corpus(rows=[row]))
    {('d.txt', '甲'): [7], ('d.txt', '乙'): [7]}
    """
    found: dict[tuple[str, str], list[int]] = {}
    for row in corpus.rows:
        for name in dict.fromkeys((*row.lead, *row.responsible)):
            found.setdefault((row.source, name), []).append(row.line)
    return found


# --- comparing two names ------------------------------------------------------------------------


def _compared(key: str) -> str:
    """A key as names are compared: simplified script, half-width punctuation, no spaces."""
    return "".join(unicodedata.normalize("NFKC", fold(key)).split())


def _body_type(key: str) -> tuple[str, str]:
    """(stem, body type) of a key; the type is "" when the name ends in none of `_BODY_TYPES`."""
    for suffix in _BODY_TYPES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)], suffix
    return key, ""


def _in_order(short: str, long: str) -> bool:
    """Whether the characters of ``short`` stand in ``long`` in the same order."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def _abbreviates(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``: same body type, its stem's characters in order in the longer stem,
    and the longer neither a body inside the shorter nor a branch."""
    if len(short) >= len(long) or long.startswith(short):
        return False
    if _QUALIFIER.match(long) and not _QUALIFIER.match(short):
        return False
    (short_stem, short_type), (long_stem, long_type) = _body_type(short), _body_type(long)
    if not short_type or short_type != long_type or not _in_order(short_stem, long_stem):
        return False
    return not any(part in long and part not in short for part in _SUB_UNITS)


def _one_apart(a: str, b: str) -> bool:
    """One character inserted, dropped or replaced, the character not one that tells siblings apart."""
    if min(len(a), len(b)) < _MIN_ONE_APART or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        same = a[i + 1 :] == b[i + 1 :]
        return same and a[i] not in _SIBLING_MARKS and b[i] not in _SIBLING_MARKS
    return a[i:] == b[i + 1 :] and b[i] not in _SIBLING_MARKS and b[i] not in "分支驻"


def _same_stem(a: str, b: str) -> bool:
    (stem_a, type_a), (stem_b, type_b) = _body_type(a), _body_type(b)
    return (len(stem_a) >= 2 and stem_a == stem_b and type_a != type_b
            and type_a in _SAME_STEM_TYPES and type_b in _SAME_STEM_TYPES)


def _merge_reason(a: str, b: str) -> str | None:
    """Why two compared keys of one place may name one body (`MERGE_REASONS`), or None."""
    if a == b:
        return "variant"
    if _abbreviates(a, b) or _abbreviates(b, a):
        return "abbreviation"
    if _one_apart(a, b):
        return "one_character"
    if _same_stem(a, b):
        return "same_stem"
    return None


# --- the corpus ---------------------------------------------------------------------------------


def _key(agency: Agency) -> str:
    return agency.id.partition("/")[2].partition("@")[0]


def _scope(agency: Agency) -> tuple[str, str] | None:
    """Agencies that may be one: same jurisdiction code (collectives: also same document); None for a
    document of unknown place (``doc-…``), whose bodies no aliases line can name."""
    code, _, rest = agency.id.partition("/")
    if code.startswith("doc-"):
        return None
    return code, rest.partition("@")[2]


def _candidate_pairs(agencies: list[Agency]) -> Iterator[tuple[Agency, Agency]]:
    """Pairs of one scope that share a compared key, a body type or a one-character neighbour.

    Bucketed so that a jurisdiction of hundreds of agencies is not compared pair by pair.
    """
    buckets: dict[tuple[object, ...], list[Agency]] = defaultdict(list)
    for agency in agencies:
        scope = _scope(agency)
        if scope is None:
            continue
        key = _compared(_key(agency))
        stem, body = _body_type(key)
        buckets[(scope, "key", key)].append(agency)
        if body:
            buckets[(scope, "type", body)].append(agency)
            buckets[(scope, "stem", stem)].append(agency)
        if len(key) >= _MIN_ONE_APART - 1:
            for i in range(len(key)):
                buckets[(scope, "gap", key[:i] + "\0" + key[i + 1 :])].append(agency)  # replaced at i
                buckets[(scope, "gap", key[:i] + "\0" + key[i:])].append(agency)  # inserted at i
            buckets[(scope, "gap", key + "\0")].append(agency)
    seen: set[tuple[str, str]] = set()
    for group in buckets.values():
        for a, b in combinations(sorted(group, key=lambda x: x.id), 2):
            if (a.id, b.id) not in seen and a.kind == b.kind:
                seen.add((a.id, b.id))
                yield a, b


def _rows_naming(corpus: Corpus) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """Rows per agency, and the pairs of agencies one row names together (a task never lists a body twice,
    so these are two bodies, whatever their names)."""
    counts: dict[str, int] = defaultdict(int)
    together: set[tuple[str, str]] = set()
    for row in corpus.rows:
        named = sorted(set(corpus.lead_ids(row)) | set(corpus.responsible_ids(row)))
        for agency_id in named:
            counts[agency_id] += 1
        together.update(combinations(named, 2))
    return counts, together


def _kept_first(a: Agency, b: Agency, reason: str, rows: dict[str, int]) -> tuple[Agency, Agency]:
    """(kept, merged) of a merge: the full form, the simplified script, else the one more rows name."""
    ka, kb = _compared(_key(a)), _compared(_key(b))
    if reason == "abbreviation":
        return (a, b) if len(ka) > len(kb) else (b, a)
    if reason == "variant" and (_key(a) == ka) != (_key(b) == kb):
        return (a, b) if _key(a) == ka else (b, a)
    order = sorted((a, b), key=lambda x: (-rows[x.id], -len(x.name), x.id))
    return order[0], order[1]


class _Lines:
    """Checks that aliases lines are taken by `policykg.loaders.aliases` and give the agency intended."""

    def __init__(self, corpus: Corpus) -> None:
        self.documents = {doc.source: doc for doc in corpus.documents}
        self.uses: dict[tuple[str, str], list[str]] = defaultdict(list)  # (agency id, surface) → sources
        for (source, surface), agency_id in corpus.assignments.items():
            self.uses[(agency_id, surface)].append(source)

    def give(self, agency: Agency, surfaces: Iterable[str], target: str, target_id: str) -> tuple[tuple[str, str], ...]:
        """The lines ``surface,target`` for the surfaces of ``agency``; () when a line would not give ``target_id``
        where the surface stands for ``agency``."""
        lines = tuple((surface, target) for surface in sorted(surfaces))
        text = io.StringIO()
        csv.writer(text).writerows([HEADER, *lines])
        try:
            aliases = parse_aliases(text.getvalue(), "proposal")
        except PolicyKGError:
            return ()
        for surface, _ in lines:
            for source in self.uses[(agency.id, surface)]:
                found = aliases.decide(self.documents.get(source, Document(source)), surface)
                if found is None or found[1].agency_id(source) != target_id:
                    return ()
        return lines


def _reviewed_ids(corpus: Corpus, aliases: ReviewedAliases | None) -> set[str]:
    """Agencies a reviewed decision gave a name to: settled, not proposed again."""
    if aliases is None or not len(aliases):
        return set()
    documents = {doc.source: doc for doc in corpus.documents}
    return {agency_id for (source, surface), agency_id in corpus.assignments.items()
            if source in documents and aliases.decide(documents[source], surface) is not None}


def _merges(corpus: Corpus, agencies: list[Agency], settled: set[str], lines: _Lines) -> list[Proposal]:
    rows, together = _rows_naming(corpus)
    out = []
    for a, b in _candidate_pairs(agencies):
        if a.id in settled or b.id in settled or (a.id, b.id) in together:
            continue
        reason = _merge_reason(_compared(_key(a)), _compared(_key(b)))
        if reason is None:
            continue
        kept, merged = _kept_first(a, b, reason, rows)
        given = lines.give(merged, merged.surface_names, kept.name, kept.id)
        if given:
            out.append(Proposal("merge", reason, merged, kept, kept.name, kept.id, given))
    return out


def _splits(corpus: Corpus, agencies: dict[str, Agency], aliases: ReviewedAliases | None,
            lines: _Lines) -> list[Proposal]:
    """Surface names a document's parenthetical gave to another body (`_alias_redirects` of agencies.py);
    not those a reviewed decision gave."""
    documents = {doc.source: doc for doc in corpus.documents}
    own: dict[tuple[str, str], str] = {}  # (surface, its own id) → display, for names redirected somewhere
    redirected: dict[tuple[str, str], set[str]] = defaultdict(set)  # (surface, own id) → agency ids given
    standalone: set[tuple[str, str]] = set()
    for (source, surface), agency_id in corpus.assignments.items():
        document = documents.get(source)
        if document is None:
            continue
        if aliases is not None and aliases.decide(document, surface) is not None:
            continue
        res = resolve_name(document, surface)
        own_id = res.agency_id(source)
        if own_id == agency_id:
            standalone.add((surface, own_id))
        elif agency_id in agencies:
            redirected[(surface, own_id)].add(agency_id)
            own[(surface, own_id)] = res.display
    out = []
    for (surface, own_id), holders in sorted(redirected.items()):
        reason = "two_bodies" if (surface, own_id) in standalone else "declared_alias"
        for holder in sorted(holders):
            given = lines.give(agencies[holder], [surface], own[(surface, own_id)], own_id)
            if given:
                out.append(Proposal("split", reason, agencies[holder], None, own[(surface, own_id)], own_id, given))
    return out


def review_proposals(corpus: Corpus, aliases: ReviewedAliases | None = None) -> list[Proposal]:
    """The merges and splits a reviewer should decide, merges first, each in place and name order.

    Parameters
    ----------
    corpus
        The documents read (or a store's corpus), agencies resolved.
    aliases
        The decisions the corpus was resolved with: agencies they settle are not proposed.

    Examples
    --------
    >>> from policykg.loaders.agencies import build_corpus
    >>> from policykg.records import LoadResult, Row
    >>> doc = Document("001.txt", jurisdiction="罗源县", parent="福州市", province="福建省", adcode="350123")
    >>> rows = [Row("001.txt", str(i), None, None, None, "m", (name,), (), None, None, None, i)
    ...         for i, name in enumerate(["县行政审批局", "县行政审批服务局"], 1)]
    >>> [(p.kind, p.reason, p.lines) for p in review_proposals(build_corpus([LoadResult(doc, rows)]))]
    [('merge', 'abbreviation', (('县行政审批局', '罗源县行政审批服务局'),))]
    """
    agencies = counted_agencies(corpus)
    settled = _reviewed_ids(corpus, aliases)
    lines = _Lines(corpus)

    def order(p: Proposal) -> tuple[str, str, str]:
        return (p.agency.jurisdiction or "", p.target, p.agency.name)

    merges = sorted(_merges(corpus, agencies, settled, lines), key=order)
    splits = sorted(_splits(corpus, {a.id: a for a in agencies}, aliases, lines), key=order)
    return merges + splits
