"""The features of a batch of measures as numpy arrays: the model's n-grams counted, and the lexicon's hits.

The same features `policykg.loaders.indicator_text` defines one measure at a time (what the
training script fits scikit-learn on), found for all measures of a document in one pass, so that
their cost per measure is a few numpy operations rather than a Python step per character:

- the measures' fields (`field_texts`) are joined into one text, each heading followed by a
  space and its body, the measures separated by a line feed (a character no normalised text
  holds, since normalisation turns it into a space), and normalised by one lookup of every
  character in the folding table;
- an n-gram is a window of the text with no space and no separator in it (`ngram_features`),
  encoded as one integer (21 bits per character), looked up by binary search in the sorted codes
  of the model's vocabulary of its field (a heading's n-grams are features apart);
- a lexicon word is found where a window's first two characters start one of its words: a word
  of two characters then at once, a longer one by comparing the text there (`lexicon_hits`).

Examples
--------
>>> from policykg.loaders.indicator_text import MeasureText
>>> vocabulary = {"m": Vocabulary.of(["税务", "务局"], weights=[[1.0], [2.0]], idf=[1.0, 1.0], classes=1),
...               "h": Vocabulary.of([], weights=[], idf=[], classes=1)}
>>> batch = find_features([MeasureText("推进电子税务局建设，税务")], Folding.of({}), vocabulary, (2,),
...                       Lexicon.of([("lex:纳税/x", ("电子税务局",))]), max_chars=200)
>>> body = batch.fields["m"]  # each known n-gram: how often, and where first
>>> [(vocabulary["m"].grams[v], n, at) for v, n, at in zip(body.vocab, body.counts.tolist(), body.starts.tolist())]
[('务局', 1, 5), ('税务', 2, 4)]
>>> batch.lexicon[0]
{'lex:纳税/x': ('m', 2, 7)}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from policykg.loaders.indicator_text import BODY, HEADING, MeasureText, field_texts

__all__ = ["Folding", "Vocabulary", "Lexicon", "FieldHits", "BatchFeatures", "find_features", "ngram_code"]

_BITS = 21  # a code point fits in 21 bits: an n-gram of up to three characters fits in 64
_SPACE, _SEPARATOR = ord(" "), ord("\n")
# what each character of the joined text is: between two measures, a heading, the space after it, a body
_BETWEEN, _HEADING, _JOINT, _BODY = 0, 1, 2, 3
_FIELDS = {HEADING: _HEADING, BODY: _BODY}


def ngram_code(gram: str) -> int:
    """The integer of an n-gram: its characters' code points, 21 bits each.

    >>> ngram_code("税务") == (ord("税") << 21) | ord("务")
    True
    """
    code = 0
    for ch in gram:
        code = (code << _BITS) | ord(ch)
    return code


@dataclass(frozen=True)
class Folding:
    """The normalisation table (`policykg.loaders.indicator_text.char_table`) as sorted code points and their images."""

    keys: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, table: Mapping[int, str]) -> Folding:
        keys = sorted(table)
        return cls(np.array(keys, dtype=np.uint32), np.array([ord(table[k]) for k in keys], dtype=np.uint32))

    def apply(self, codes: np.ndarray) -> np.ndarray:
        """``codes`` (uint32 code points) with every character the table maps replaced."""
        if not len(self.keys):
            return codes.copy()
        at = np.searchsorted(self.keys, codes)
        at[at == len(self.keys)] = 0
        mapped = self.keys[at] == codes
        out = codes.copy()
        out[mapped] = self.values[at[mapped]]
        return out


@dataclass(frozen=True)
class Vocabulary:
    """The n-grams of one field the model knows: sorted codes, their class weights (idf × coefficient) and idf²."""

    codes: np.ndarray  # uint64, ascending
    weights: np.ndarray  # float64, one row per code, one column per class
    idf2: np.ndarray  # float64
    grams: tuple[str, ...]  # the n-grams, in the order of `codes`
    lengths: np.ndarray  # their lengths in characters

    @classmethod
    def of(cls, grams: Sequence[str], weights: Sequence[Sequence[float]], idf: Sequence[float],
           classes: int) -> Vocabulary:
        """From n-grams and, row for row, their weights per class and their idf."""
        rows = sorted(range(len(grams)), key=lambda i: ngram_code(grams[i]))
        matrix = np.array(weights, dtype=np.float64).reshape(len(grams), classes)
        return cls(np.array([ngram_code(grams[i]) for i in rows], dtype=np.uint64), matrix[rows],
                   np.array(idf, dtype=np.float64)[rows] ** 2, tuple(grams[i] for i in rows),
                   np.array([len(grams[i]) for i in rows], dtype=np.int64))


@dataclass(frozen=True)
class Lexicon:
    """The lexicon's words by their first two characters: sorted prefix codes, and per prefix its (word, feature) pairs."""

    prefixes: np.ndarray  # uint64 codes of the first two characters, ascending
    words: tuple[tuple[tuple[str, str], ...], ...]  # per prefix: (word, feature), longest word first

    @classmethod
    def of(cls, entries: Iterable[tuple[str, Sequence[str]]]) -> Lexicon:
        by_prefix: dict[str, list[tuple[str, str]]] = {}
        for feature, words in entries:
            for word in words:
                if len(word) >= 2:
                    by_prefix.setdefault(word[:2], []).append((word, feature))
        order = sorted(by_prefix, key=ngram_code)
        return cls(np.array([ngram_code(p) for p in order], dtype=np.uint64),
                   tuple(tuple(sorted(by_prefix[p], key=lambda wf: -len(wf[0]))) for p in order))


@dataclass(frozen=True)
class FieldHits:
    """The known n-grams of one field of every measure: one entry per (measure, n-gram), by measure.

    ``starts`` is where the n-gram is first printed in the field's text.
    """

    rows: np.ndarray
    vocab: np.ndarray
    counts: np.ndarray
    starts: np.ndarray


@dataclass(frozen=True)
class BatchFeatures:
    """A batch of measures' features: per measure its field texts as printed and normalised, per field
    the known n-grams, per measure the lexicon features found, each with the field, start and end of
    its first word (field "" for a word across the heading and the body)."""

    printed: list[dict[str, str]]
    texts: list[dict[str, str]]
    fields: dict[str, FieldHits]
    lexicon: list[dict[str, tuple[str, int, int]]]


def find_features(measures: Sequence[MeasureText], folding: Folding, vocabularies: Mapping[str, Vocabulary],
                  sizes: Sequence[int], lexicon: Lexicon, max_chars: int) -> BatchFeatures:
    """The features of ``measures`` (see the module docstring)."""
    fields = [dict(field_texts(m, max_chars)) for m in measures]
    parts: list[str] = []
    labels: list[int] = []  # per part: _BETWEEN, _HEADING, _JOINT or _BODY
    for i, texts in enumerate(fields):
        if i:
            parts.append("\n")
            labels.append(_BETWEEN)
        if HEADING in texts:
            parts += (texts[HEADING], " ")
            labels += (_HEADING, _JOINT)
        parts.append(texts[BODY])
        labels.append(_BODY)
    printed = "".join(parts)
    lengths = np.array([len(p) for p in parts], dtype=np.int64)
    label = np.repeat(np.array(labels, dtype=np.int8), lengths)
    row = np.repeat(np.cumsum(np.array(labels) == _BETWEEN), lengths)  # the measure of each character
    codes = folding.apply(np.frombuffer(printed.encode("utf-32-le"), dtype=np.uint32))
    codes[label == _BETWEEN] = _SEPARATOR  # normalised into a space: set apart again
    text = codes.tobytes().decode("utf-32-le")
    begins = np.r_[0, np.cumsum(lengths)[:-1]].tolist()  # where each part begins (an empty one too)
    measure_of = np.cumsum(np.array(labels) == _BETWEEN).tolist()
    starts_of = {(i, kind): at for i, kind, at in zip(measure_of, labels, begins) if kind in (_HEADING, _BODY)}
    usable = (codes != _SPACE) & (label != _BETWEEN) & (label != _JOINT)
    hits = {prefix: _field_hits(codes, usable, label == kind, row, vocabularies[prefix], sizes, starts_of, kind)
            for prefix, kind in _FIELDS.items()}
    texts = [{prefix: text[starts_of[(i, kind)]:starts_of[(i, kind)] + len(fields[i][prefix])]
              for prefix, kind in _FIELDS.items() if prefix in fields[i]} for i in range(len(fields))]
    return BatchFeatures(fields, texts, hits, _lexicon_hits(codes, usable, row, label, text, lexicon, starts_of, len(fields)))


def _windows(codes: np.ndarray, usable: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Start positions and codes of the windows of ``n`` usable characters."""
    size = len(codes) - n + 1
    if size <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    ok = usable[:size].copy()
    code = codes[:size].astype(np.uint64)
    for k in range(1, n):
        ok &= usable[k:k + size]
        code = (code << np.uint64(_BITS)) | codes[k:k + size]
    at = np.flatnonzero(ok)
    return at, code[at]


def _field_hits(codes: np.ndarray, usable: np.ndarray, in_field: np.ndarray, row: np.ndarray, vocabulary: Vocabulary,
                sizes: Sequence[int], starts_of: Mapping[tuple[int, int], int], kind: int) -> FieldHits:
    positions, found = [], []
    for n in sizes:
        at, code = _windows(codes, usable & in_field, n)
        index = np.searchsorted(vocabulary.codes, code)
        index[index == len(vocabulary.codes)] = 0
        known = vocabulary.codes[index] == code if len(vocabulary.codes) else np.zeros(len(code), dtype=bool)
        positions.append(at[known])
        found.append(index[known])
    at, vocab = np.concatenate(positions), np.concatenate(found)
    key = row[at] * max(len(vocabulary.codes), 1) + vocab
    order = np.argsort(key, kind="stable")  # by measure, then n-gram; the first printed first
    key, at, vocab = key[order], at[order], vocab[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
    counts = np.diff(np.r_[first, len(key)])
    rows = row[at[first]]
    field_starts = np.array([starts_of[(r, kind)] for r in rows.tolist()], dtype=np.int64)
    return FieldHits(rows, vocab[first], counts, at[first] - field_starts)


def _lexicon_hits(codes: np.ndarray, usable: np.ndarray, row: np.ndarray, label: np.ndarray, text: str,
                  lexicon: Lexicon, starts_of: Mapping[tuple[int, int], int],
                  count: int) -> list[dict[str, tuple[str, int, int]]]:
    """Per measure: lexicon feature → (field, start, end) of the word that found it first (the longest there)."""
    out: list[dict[str, tuple[str, int, int]]] = [{} for _ in range(count)]
    if not len(lexicon.prefixes):
        return out
    at, code = _windows(codes, usable, 2)
    index = np.searchsorted(lexicon.prefixes, code)
    index[index == len(lexicon.prefixes)] = 0
    candidate = lexicon.prefixes[index] == code
    names = {kind: prefix for prefix, kind in _FIELDS.items()}
    positions = at[candidate]
    kinds = label.tobytes()  # indexed by position in the loop below: a byte each, read as int
    # plain lists: indexing a numpy array one element at a time costs more than the loop's own work
    for position, prefix, measure in zip(positions.tolist(), index[candidate].tolist(), row[positions].tolist()):
        found = out[measure]
        for word, feature in lexicon.words[prefix]:
            if feature not in found and text.startswith(word, position):
                kind = kinds[position]
                end = position + len(word)
                start = starts_of[(measure, kind)]
                # a word across the heading and the body counts, but is no printed word of either
                found[feature] = (names[kind], position - start, end - start) if kinds[end - 1] == kind else ("", 0, 0)
    return out
