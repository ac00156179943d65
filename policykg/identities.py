"""Identities every backend shares: a measure by its document and printed number, a place by its division code.

A measure's id must survive edits elsewhere in its document: a line added
above a task must not make it another measure (the RDF store and a Neo4j push
would keep the old one beside the new). So a measure is keyed by the number
printed in its 序号 column or list — which a planner keeps when editing other
tasks — not by its line:

- a row printed with a number (or numbered from its neighbours,
  ``seq_inferred``) is ``source#seq``: ``plan.txt#12``, ``plan.txt#一(三)2``;
- a number printed again in the same document is the second, third … of that
  number: ``plan.txt#1~2`` (numbering that restarts under each heading);
- a row printed without a number and with none to infer is counted from the
  numbered row above it: ``plan.txt#12+1``, ``plan.txt#12+2`` (``0+1`` before any).

A place (jurisdiction) is keyed by its administrative division code, so two
places of one name — 鼓楼区 of 福州 (350102) and of 南京 (320106) — never become
one node; a place the gazetteer does not know is keyed by its parent's name and
its own (``福州市·滨海新城``), or by its name alone when no parent is known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from policykg.records import Row

__all__ = ["measure_keys", "measure_ids", "measure_id", "jurisdiction_key"]


def measure_keys(rows: Sequence[Row]) -> list[str]:
    """The key of each row of one document (the part of its id after ``#``), in the order given.

    Examples
    --------
    >>> def row(seq, line):
    ...     return Row("a.txt", seq, None, None, None, "…", (), (), None, None, None, line)
    >>> measure_keys([row("1", 3), row("2", 4), row("", 5), row("1", 9), row("3", 7)])
    ['1', '2', '2+1', '1~2', '3']
    """
    order = sorted(range(len(rows)), key=lambda i: rows[i].line)
    keys: list[str] = [""] * len(rows)
    used: set[str] = set()
    printed: Counter[str] = Counter()
    last, unnumbered = "0", 0
    for i in order:
        seq = rows[i].seq.strip()
        if seq:
            last, unnumbered = seq, 0
            printed[seq] += 1
            key = seq if printed[seq] == 1 else f"{seq}~{printed[seq]}"
        else:
            unnumbered += 1
            key = f"{last}+{unnumbered}"
        while key in used:  # a printed number that reads like a made-up key ("1~2")
            key += "~"
        used.add(key)
        keys[i] = key
    return keys


def measure_id(source: str, key: str) -> str:
    """The measure id of every backend: ``source#key`` (`measure_keys` gives the key)."""
    return f"{source}#{key}"


def measure_ids(rows: Iterable[Row]) -> dict[tuple[str, int], str]:
    """Rows of any documents → their measure ids, by `policykg.records.row_key` (source, line)."""
    by_source: dict[str, list[Row]] = {}
    for row in rows:
        by_source.setdefault(row.source, []).append(row)
    out: dict[tuple[str, int], str] = {}
    for source, document_rows in by_source.items():
        for row, key in zip(document_rows, measure_keys(document_rows)):
            out[(source, row.line)] = measure_id(source, key)
    return out


def jurisdiction_key(name: str, adcode: str | None = None, parent: str | None = None) -> str:
    """The key of a place: its division code, else ``parent·name``, else its name.

    Examples
    --------
    >>> jurisdiction_key("鼓楼区", "350102", "福州市"), jurisdiction_key("滨海新城", None, "福州市")
    ('350102', '福州市·滨海新城')
    >>> jurisdiction_key("福建省")
    '福建省'
    """
    if adcode:
        return adcode
    return f"{parent}·{name}" if parent else name
