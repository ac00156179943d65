"""The features of a batch of measures as numpy arrays: the model's n-grams counted, and the lexicon's hits.

The same features `policykg.loaders.indicator_text` defines one measure at a time (what the
training script fits scikit-learn on), found for all measures of a document in one pass, so that
their cost per measure is a few numpy operations rather than a Python step per character:

- the measures' fields (`field_texts`) are joined into one text, each heading followed by a
  space and its body, the measures separated by a line feed (a character no normalised text
  holds, since normalisation turns it into a space), and normalised by one lookup of every
  character in the folding table;
- an n-gram is a window of the text with no space and no separator in it (`ngram_features`),
  encoded as one integer (21 bits per character), looked up in a hash table (`CodeIndex`) of the
  codes of the model's vocabulary of its field (a heading's n-grams are features apart);
- a lexicon word is found where a window of its first three characters (two for a word of two)
  is one of the lexicon's keys, by comparing the text there (`lexicon_hits`).

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

__all__ = ["Folding", "CodeIndex", "Vocabulary", "Lexicon", "FieldHits", "BatchFeatures", "find_features",
           "ngram_code"]

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
    """The normalisation table (`policykg.loaders.indicator_text.char_table`) as an array indexed by code point."""

    image: np.ndarray  # uint32: the image of every code point up to the largest the table maps

    @classmethod
    def of(cls, table: Mapping[int, str]) -> Folding:
        image = np.arange(max(table, default=-1) + 1, dtype=np.uint32)
        image[list(table)] = [ord(v) for v in table.values()]
        return cls(image)

    def apply(self, codes: np.ndarray) -> np.ndarray:
        """``codes`` (uint32 code points) with every character the table maps replaced."""
        out = codes.copy()
        inside = codes < len(self.image)
        out[inside] = self.image[codes[inside]]
        return out


_EMPTY = np.uint64(2**64 - 1)  # no n-gram code (at most 63 bits) is this
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of code × 2⁶⁴/φ


@dataclass(frozen=True)
class CodeIndex:
    """Integer codes → their positions in a list, looked up for a whole array at once (a hash table).

    A binary search costs a few dozen nanoseconds a window, most of reading a measure's features;
    an open-addressing table at most a quarter full finds most codes at the first slot.

    >>> CodeIndex.of([ngram_code("税务"), ngram_code("务局")]).find(np.array([ngram_code("务局"), 7], dtype=np.uint64))
    array([ 1, -1])
    """

    keys: np.ndarray  # uint64 per slot, _EMPTY where free
    values: np.ndarray  # int64 per slot: the code's position
    shift: np.uint64

    @classmethod
    def of(cls, codes: Sequence[int]) -> CodeIndex:
        bits = max(4, (4 * len(codes) - 1).bit_length())
        keys = np.full(1 << bits, _EMPTY, dtype=np.uint64)
        values = np.full(1 << bits, -1, dtype=np.int64)
        shift, mask = np.uint64(64 - bits), (1 << bits) - 1
        slots = ((np.array(codes, dtype=np.uint64) * _MULTIPLIER) >> shift).tolist()
        for position, (code, slot) in enumerate(zip(codes, slots)):
            while keys[slot] != _EMPTY and keys[slot] != code:
                slot = (slot + 1) & mask
            if keys[slot] == _EMPTY:  # a code listed twice keeps its first position
                keys[slot], values[slot] = code, position
        return cls(keys, values, shift)

    def find(self, codes: np.ndarray) -> np.ndarray:
        """The position of each of ``codes`` (uint64), −1 for a code not in the list."""
        out = np.full(len(codes), -1, dtype=np.int64)
        mask = len(self.keys) - 1
        pending = np.arange(len(codes))
        slot = ((codes * _MULTIPLIER) >> self.shift).astype(np.int64)
        while len(pending):
            key = self.keys[slot]
            match = key == codes[pending]
            out[pending[match]] = self.values[slot[match]]
            probe = ~match & (key != _EMPTY)
            pending, slot = pending[probe], (slot[probe] + 1) & mask
        return out


@dataclass(frozen=True)
class Vocabulary:
    """The n-grams of one field the model knows: sorted codes, their class weights (idf × coefficient) and idf²."""

    codes: np.ndarray  # uint64, ascending
    weights: np.ndarray  # float64, one row per code, one column per class
    idf2: np.ndarray  # float64
    grams: tuple[str, ...]  # the n-grams, in the order of `codes`
    lengths: np.ndarray  # their lengths in characters
    index: CodeIndex  # code → its position in `codes`
    characters: np.ndarray  # int64 per code point up to the largest single character known: its position, or −1

    def find(self, codes: np.ndarray, n: int) -> np.ndarray:
        """The position of each of ``codes`` (of n-grams of ``n`` characters), −1 for one not known.

        Single characters are looked up in a plain array by code point: there is one per character
        of a text, as many as all longer n-grams together, and an array costs one read.
        """
        if n != 1:
            return self.index.find(codes)
        out = np.full(len(codes), -1, dtype=np.int64)
        inside = codes < len(self.characters)
        out[inside] = self.characters[codes[inside].astype(np.int64)]
        return out

    @classmethod
    def of(cls, grams: Sequence[str], weights: Sequence[Sequence[float]], idf: Sequence[float],
           classes: int) -> Vocabulary:
        """From n-grams and, row for row, their weights per class and their idf."""
        rows = sorted(range(len(grams)), key=lambda i: ngram_code(grams[i]))
        matrix = np.array(weights, dtype=np.float64).reshape(len(grams), classes)
        codes = [ngram_code(grams[i]) for i in rows]
        singles = [(code, position) for position, (code, i) in enumerate(zip(codes, rows)) if len(grams[i]) == 1]
        characters = np.full(max((code for code, _ in singles), default=-1) + 1, -1, dtype=np.int64)
        for code, position in singles:
            characters[code] = position
        return cls(np.array(codes, dtype=np.uint64), matrix[rows],
                   np.array(idf, dtype=np.float64)[rows] ** 2, tuple(grams[i] for i in rows),
                   np.array([len(grams[i]) for i in rows], dtype=np.int64), CodeIndex.of(codes), characters)


@dataclass(frozen=True)
class Lexicon:
    """The lexicon's words by their first three characters (two for a word of two, or whose third is a space).

    Per key length: the sorted key codes, and per key its (word, feature) pairs. Three characters
    leave few windows of a text to compare with a word: most Chinese bigrams open some word.
    """

    keys: dict[int, CodeIndex]  # key length → its keys' codes
    words: dict[int, tuple[tuple[tuple[str, str], ...], ...]]  # key length → per key: (word, feature)

    @classmethod
    def of(cls, entries: Iterable[tuple[str, Sequence[str]]]) -> Lexicon:
        by_key: dict[int, dict[str, list[tuple[str, str]]]] = {2: {}, 3: {}}
        for feature, words in entries:
            for word in words:
                if len(word) >= 2:
                    size = 3 if len(word) >= 3 and word[2] not in " \n" else 2
                    by_key[size].setdefault(word[:size], []).append((word, feature))
        keys, grouped = {}, {}
        for size, groups in by_key.items():
            order = sorted(groups, key=ngram_code)
            keys[size] = CodeIndex.of([ngram_code(k) for k in order])
            grouped[size] = tuple(tuple(groups[k]) for k in order)
        return cls(keys, grouped)


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
    for i, measure_fields in enumerate(fields):
        if i:
            parts.append("\n")
            labels.append(_BETWEEN)
        if HEADING in measure_fields:
            parts += (measure_fields[HEADING], " ")
            labels += (_HEADING, _JOINT)
        parts.append(measure_fields[BODY])
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
    part_begin = np.repeat(np.array(begins, dtype=np.int64), lengths)  # where the field of each character begins
    hits = {prefix: _field_hits(codes, usable, label == kind, row, vocabularies[prefix], sizes, part_begin)
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
                sizes: Sequence[int], part_begin: np.ndarray) -> FieldHits:
    positions, found = [], []
    for n in sizes:
        at, code = _windows(codes, usable & in_field, n)
        index = vocabulary.find(code, n)
        known = index >= 0
        positions.append(at[known])
        found.append(index[known])
    at, vocab = np.concatenate(positions), np.concatenate(found)
    key = row[at] * max(len(vocabulary.codes), 1) + vocab
    order = np.argsort(key, kind="stable")  # by measure, then n-gram; the first printed first
    key, at, vocab = key[order], at[order], vocab[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
    counts = np.diff(np.r_[first, len(key)])
    rows = row[at[first]]
    field_starts = part_begin[at[first]]
    return FieldHits(rows, vocab[first], counts, at[first] - field_starts)


def _lexicon_hits(codes: np.ndarray, usable: np.ndarray, row: np.ndarray, label: np.ndarray, text: str,
                  lexicon: Lexicon, starts_of: Mapping[tuple[int, int], int],
                  count: int) -> list[dict[str, tuple[str, int, int]]]:
    """Per measure: lexicon feature → (field, start, end) of the word that found it first (the longest there)."""
    out: list[dict[str, tuple[str, int, int]]] = [{} for _ in range(count)]
    matches: list[tuple[int, str, int, int]] = []  # (measure, feature, start, −length)
    for size, keys in lexicon.keys.items():
        at, code = _windows(codes, usable, size)
        index = keys.find(code)
        hit = index >= 0
        positions = at[hit]
        groups = lexicon.words[size]
        # plain lists: indexing a numpy array one element at a time costs more than the loop's own work
        for position, key, measure in zip(positions.tolist(), index[hit].tolist(), row[positions].tolist()):
            for word, feature in groups[key]:
                if text.startswith(word, position):
                    matches.append((measure, feature, position, -len(word)))
    names = {kind: prefix for prefix, kind in _FIELDS.items()}
    kinds = label.tobytes()  # a byte per position, read as int
    for measure, feature, position, minus_length in sorted(matches):
        found = out[measure]
        if feature in found:  # found earlier in the text, or longer at the same place
            continue
        kind = kinds[position]
        end = position - minus_length
        start = starts_of[(measure, kind)]
        # a word across the heading and the body counts, but is no printed word of either
        found[feature] = (names[kind], position - start, end - start) if kinds[end - 1] == kind else ("", 0, 0)
    return out
