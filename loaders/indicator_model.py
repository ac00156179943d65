"""The shipped indicator classifier (``loaders/data/indicator_model.json``) and its scorer.

The model is plain data written by ``training/indicators/build_model.py`` from a fitted
scikit-learn pipeline: TF-IDF of character n-grams, one feature per second-level indicator of
the national scheme found in the text, and a multinomial logistic regression over the 18
indicators and "none". Scoring is the same arithmetic as ``predict_proba`` (a test checks both
agree to 1e-9): for each class, the dot product of the measure's features with the class
weights, plus the intercept, then a softmax.

It runs on every row of a document that prints no indicator, and reading must stay fast, so
the measures of a document are scored together with numpy (`predict_many`): their features
are found in one pass (`policykg.loaders.indicator_features`), each n-gram's weights are stored
already multiplied by its idf, so a measure's class scores are the sum of its n-grams' rows
(term-frequency scaled) divided by the TF-IDF norm, the square root of a sum of idf² (no vector
is normalised); and the deciding words are worked out only for the answer given, from the
n-grams of two or more characters and lexicon words that favour it over the runner-up.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from policykg.errors import ModelError
from policykg.loaders.indicator_features import BatchFeatures, Folding, Lexicon, Vocabulary, find_features
from policykg.loaders.indicator_text import BODY, HEADING, NONE_LABEL, MeasureText, char_table

__all__ = ["Prediction", "IndicatorModel", "load_model", "MODEL_FORMAT"]

MODEL_FORMAT = "policykg-indicator-model/1"
# where the shipped model is, as messages name it
MODEL_RESOURCE = "policykg/loaders/data/indicator_model.json"


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the model says of one measure.

    ``indicator`` is a canonical indicator name, or None when the measure most likely serves
    none of the 18; ``confidence`` the probability of that answer; ``ranking`` the best classes
    with their probabilities, best first (None for "none"); ``evidence`` the words of the text
    that pushed the answer above the runner-up most, as printed.

    ``indicators`` are the most likely of the 18 indicators alone, best first: what a planner is
    shown as the candidates (``policykg indicators``). "None" is an answer, not a candidate, so it
    never takes one of their places: when it is the answer, the candidates are still the three
    indicators the measure most likely serves if it serves one. BENCHMARKS.md's top-3 is
    "the true indicator is among these".
    """

    indicator: str | None
    confidence: float
    ranking: tuple[tuple[str | None, float], ...]
    evidence: tuple[str, ...]
    indicators: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class _Scored:
    """A batch's class scores (before the softmax), the features behind them, and each measure's TF-IDF norm."""

    scores: np.ndarray
    features: BatchFeatures
    norms: np.ndarray


class IndicatorModel:
    """A loaded model: `probabilities`, `predict` and `predict_many` for `MeasureText` s."""

    def __init__(self, document: dict, path: str = MODEL_RESOURCE) -> None:
        if document.get("format") != MODEL_FORMAT:
            raise ModelError("indicator_model_format", path=path, found=document.get("format"), expected=MODEL_FORMAT)
        self.id: str = document["id"]
        config = document["config"]
        self.classes: tuple[str, ...] = tuple(document["classes"])
        self._labels: tuple[str | None, ...] = tuple(None if c == NONE_LABEL else c for c in self.classes)
        self._sizes: tuple[int, ...] = tuple(config["ngram_sizes"])
        if not set(self._sizes) <= {1, 2, 3}:
            raise ModelError("indicator_model_ngrams", path=path, sizes="/".join(map(str, self._sizes)))
        self._max_chars: int = config["max_chars"]
        self._sublinear: bool = config["sublinear_tf"]
        self._binary: bool = config.get("binary", False)
        scale = document["weight_scale"]
        folding = document["folding"]
        self._folding = Folding.of(char_table(dict(zip(folding["traditional"], folding["simplified"]))))
        self._intercepts = np.array(document["intercepts"], dtype=np.float64) / scale
        classes = len(self.classes)
        self._lexicon = Lexicon.of((e["feature"], e["keywords"]) for e in document["lexicon"])
        self._lexicon_index = {e["feature"]: i for i, e in enumerate(document["lexicon"])}
        # value × (q / scale), element by element as the pure-Python scorer had it: the same floats, so that
        # ties between deciding words fall the same way
        self._lexicon_weights = config["lexicon_weight"] * (np.array(
            [e["weights"] for e in document["lexicon"]], dtype=np.float64).reshape(-1, classes) / scale)
        # per field (a heading's n-grams, "h:" in the file, are features apart): idf × weight per class;
        # an n-gram stored without weights only counts in the norm
        fields: dict[str, tuple[list[str], list[list[float]], list[float]]] = {HEADING: ([], [], []), BODY: ([], [], [])}
        for name, idf, weights in document["ngrams"]:
            prefix, gram = (HEADING, name[2:]) if name.startswith(HEADING + ":") else (BODY, name)
            grams, rows, idfs = fields[prefix]
            grams.append(gram)
            rows.append([idf * (q / scale) for q in weights] if weights else [0.0] * classes)
            idfs.append(idf)
        self._vocabularies = {prefix: Vocabulary.of(grams, rows, idfs, classes)
                              for prefix, (grams, rows, idfs) in fields.items()}
        # deciding n-grams of equal weight are taken in the order of their names in the file, the last first
        # (heading and body together), so that the words shown do not depend on how a batch is laid out
        names = sorted(name for name, _, _ in document["ngrams"])
        rank = {name: i for i, name in enumerate(names)}
        self._name_ranks = {prefix: np.array([rank[gram if prefix == BODY else f"{prefix}:{gram}"]
                                              for gram in vocabulary.grams], dtype=np.int64)
                            for prefix, vocabulary in self._vocabularies.items()}

    @classmethod
    def from_file(cls, path: str | Path) -> IndicatorModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def _tf(self, counts: np.ndarray) -> np.ndarray:
        if self._binary:
            return np.ones(len(counts))
        return 1.0 + np.log(counts) if self._sublinear else counts.astype(np.float64)

    def _score(self, measures: Sequence[MeasureText]) -> _Scored:
        n = len(measures)
        features = find_features(measures, self._folding, self._vocabularies, self._sizes, self._lexicon,
                                 self._max_chars)
        norm2 = np.zeros(n)
        sums = np.zeros((n, len(self.classes)))
        for prefix, hits in features.fields.items():
            vocabulary = self._vocabularies[prefix]
            tf = self._tf(hits.counts)
            norm2 += np.bincount(hits.rows, weights=tf * tf * vocabulary.idf2[hits.vocab], minlength=n)
            if len(hits.rows):  # hits come by measure: one sum of rows per measure
                starts = np.flatnonzero(np.r_[True, hits.rows[1:] != hits.rows[:-1]])
                weighted = vocabulary.weights[hits.vocab]
                weighted *= tf[:, None]  # in place: one array of (hits × classes) rather than two
                sums[hits.rows[starts]] += np.add.reduceat(weighted, starts, axis=0)
        norms = np.sqrt(norm2)
        scores = sums / np.where(norms > 0, norms, 1.0)[:, None] + self._intercepts
        found = [(i, self._lexicon_index[f]) for i, words in enumerate(features.lexicon) for f in words]
        if found:
            rows, lexicon = zip(*found)
            np.add.at(scores, list(rows), self._lexicon_weights[list(lexicon)])
        return _Scored(scores, features, norms)

    def probabilities(self, measure: MeasureText) -> list[float]:
        """Probability of each class (in `classes` order): a softmax of the class scores."""
        return _softmax(self._score([measure]).scores)[0].tolist()

    def predict(self, measure: MeasureText, top: int = 3, evidence: int = 4) -> Prediction:
        """The best class, its probability, the ``top`` best classes, the ``top`` best indicators and up to
        ``evidence`` deciding words."""
        return self.predict_many([measure], top, evidence)[0]

    def predict_many(self, measures: Sequence[MeasureText], top: int = 3, evidence: int = 4) -> list[Prediction]:
        """`predict` for each of ``measures``, scored together (the way a document's rows are)."""
        if not measures:
            return []
        scored = self._score(measures)
        probabilities = _softmax(scored.scores)
        order = np.argsort(-probabilities, axis=1, kind="stable")  # ties: the class listed first
        words = self._evidence(scored, order[:, 0], order[:, 1], evidence) if evidence else [()] * len(measures)
        out = []
        for i, (ranked, p) in enumerate(zip(order[:, :top + 1].tolist(), probabilities.tolist())):
            indicators = tuple((self._labels[k], p[k]) for k in ranked if self._labels[k] is not None)[:top]
            out.append(Prediction(self._labels[ranked[0]], p[ranked[0]],
                                  tuple((self._labels[k], p[k]) for k in ranked[:top]), words[i], indicators))
        return out

    def _evidence(self, scored: _Scored, best: np.ndarray, runner_up: np.ndarray,
                  limit: int) -> list[tuple[str, ...]]:
        """Per measure, the printed words whose features favour ``best`` over ``runner_up`` most.

        Each n-gram and lexicon word adds its share of (score of best − score of runner-up) to the
        span of text it was first found at; overlapping spans merge into one word, and the words
        with the largest shares are returned, largest first.
        """
        features = scored.features
        prefixes = list(features.fields)
        rows, differences, names, starts, ends, fields = [], [], [], [], [], []
        for field, prefix in enumerate(prefixes):
            hits, vocabulary = features.fields[prefix], self._vocabularies[prefix]
            # a single character counts in the score but is no word a planner can check: only n-grams of
            # two or more characters (and the lexicon's words) make deciding words
            lengths = vocabulary.lengths[hits.vocab]
            longer = np.flatnonzero(lengths > 1)
            vocab, hit_rows = hits.vocab[longer], hits.rows[longer]
            tf = self._tf(hits.counts[longer])
            # only the two classes' weights of each hit are read, not its whole row of classes
            difference = (tf * vocabulary.weights[vocab, best[hit_rows]]
                          - tf * vocabulary.weights[vocab, runner_up[hit_rows]])
            favours = difference > 0  # only what favours the answer can decide it: the rest is not sorted
            rows.append(hit_rows[favours])
            differences.append(difference[favours])
            names.append(self._name_ranks[prefix][vocab[favours]])
            starts.append(hits.starts[longer][favours])
            ends.append(hits.starts[longer][favours] + lengths[longer][favours])
            fields.append(np.full(int(favours.sum()), field))
        row, difference = np.concatenate(rows), np.concatenate(differences)
        starts_of_hits, ends_of_hits, fields_of_hits = np.concatenate(starts), np.concatenate(ends), np.concatenate(fields)
        share = difference / np.where(scored.norms > 0, scored.norms, 1.0)[row]
        # the 3 × limit largest differences of each measure, its heading's and body's n-grams
        # together; equal ones by name, the last first
        order = np.lexsort((-np.concatenate(names), -difference, row))
        grouped = row[order]
        first = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(grouped) else np.zeros(0, np.int64)
        rank = np.arange(len(grouped)) - np.repeat(first, np.diff(np.r_[first, len(grouped)]))
        keep = order[rank < 3 * limit]
        span_rows, span_fields = [row[keep]], [fields_of_hits[keep]]
        span_starts, span_ends, span_shares = [starts_of_hits[keep]], [ends_of_hits[keep]], [share[keep]]
        found = [(row, self._lexicon_index[feature], prefixes.index(where[0]), where[1], where[2])
                 for row, words in enumerate(features.lexicon)
                 for feature, where in words.items() if where[0]]  # a word across two fields is shown in neither
        if found:
            lexicon_rows, entries, lexicon_fields, lexicon_starts, lexicon_ends = (np.array(c) for c in zip(*found))
            weights = self._lexicon_weights[entries]
            picked = np.arange(len(found))
            values = weights[picked, best[lexicon_rows]] - weights[picked, runner_up[lexicon_rows]]
            positive = values > 0
            span_rows.append(lexicon_rows[positive])
            span_fields.append(lexicon_fields[positive])
            span_starts.append(lexicon_starts[positive])
            span_ends.append(lexicon_ends[positive])
            span_shares.append(values[positive])
        all_rows, all_fields, all_starts, all_ends, all_shares = (
            np.concatenate(c) for c in (span_rows, span_fields, span_starts, span_ends, span_shares))
        merged = _merged_spans(all_rows, all_fields, all_starts, all_ends, all_shares,
                               field_order=np.argsort(np.array(prefixes)))
        return _words(merged, features.printed, prefixes, len(features.printed), limit)


def _merged_spans(rows: np.ndarray, fields: np.ndarray, starts: np.ndarray, ends: np.ndarray, shares: np.ndarray,
                  field_order: np.ndarray) -> tuple[np.ndarray, ...]:
    """Each measure's spans in text order, those that overlap or touch merged, their shares added.

    Returns the merged spans' measure, field, start, end and share, by measure and largest share
    first (equal shares in text order). Spans are ordered as Python orders (field name, start, end,
    share) tuples.
    """
    rank_of_field = np.empty_like(field_order)
    rank_of_field[field_order] = np.arange(len(field_order))
    order = np.lexsort((shares, ends, starts, rank_of_field[fields], rows))
    rows, fields, starts, ends, shares = rows[order], fields[order], starts[order], ends[order], shares[order]
    if not len(rows):
        return rows, fields, starts, ends, shares
    group = rows * len(field_order) + fields
    changed = np.r_[True, group[1:] != group[:-1]]
    # the furthest end so far within each (measure, field): ends offset by the group, so a running
    # maximum never carries over from the group before
    offset = np.cumsum(changed) << 32
    reach = np.maximum.accumulate(offset + ends) - offset
    opens = changed | np.r_[True, starts[1:] > reach[:-1]]
    heads = np.flatnonzero(opens)
    total = np.add.reduceat(shares, heads)
    far = np.maximum.reduceat(reach, heads)
    by_share = np.lexsort((heads, -total, rows[heads]))
    return (rows[heads][by_share], fields[heads][by_share], starts[heads][by_share], far[by_share],
            total[by_share])


def _words(merged: tuple[np.ndarray, ...], printed: list[dict[str, str]], prefixes: list[str], count: int,
           limit: int) -> list[tuple[str, ...]]:
    """Per measure, the printed words of its merged spans, largest share first, up to ``limit``."""
    out: list[list[str]] = [[] for _ in range(count)]
    rows, fields, starts, ends, _ = (a.tolist() for a in merged)
    for row, field, start, end in zip(rows, fields, starts, ends):
        words = out[row]
        if len(words) == limit:
            continue
        word = printed[row][prefixes[field]][start:end].strip()
        if word and not word.isdigit() and word not in words:  # a bare number decides nothing a person can check
            words.append(word)
    return [tuple(words) for words in out]


def _softmax(scores: np.ndarray) -> np.ndarray:
    exps = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


# A model of one's own (built by training/indicators/build_model.py from other labelled rows) instead of
# the shipped one: its path in this environment variable.
MODEL_VARIABLE = "POLICYKG_INDICATOR_MODEL"


@lru_cache(maxsize=1)
def load_model() -> IndicatorModel:
    """The model shipped with the package, or the one `MODEL_VARIABLE` names (read once per process).

    Raises
    ------
    ModelError
        The file is missing, not JSON, or a model this scorer cannot read.
    """
    own = os.environ.get(MODEL_VARIABLE)
    path = own or MODEL_RESOURCE
    try:
        if own:
            text = Path(own).read_text(encoding="utf-8")
        else:
            text = resources.files("policykg.loaders").joinpath("data/indicator_model.json").read_text(encoding="utf-8")
        document = json.loads(text)
        if not isinstance(document, dict):
            raise ValueError(f"a JSON {type(document).__name__}, not an object")
        return IndicatorModel(document, path)
    except (OSError, ValueError, KeyError, TypeError) as exc:  # JSONDecodeError is a ValueError
        raise ModelError("indicator_model_damaged", path=path, reason=f"{type(exc).__name__}: {exc}") from exc
