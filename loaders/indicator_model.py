"""The shipped indicator classifier (``loaders/data/indicator_model.json``) and its pure-Python scorer.

The model is plain data written by ``training/indicators/build_model.py`` from a fitted
scikit-learn pipeline: TF-IDF of character n-grams, one feature per second-level indicator of
the national scheme found in the text, and a multinomial logistic regression over the 18
indicators and "none". Scoring it needs no numpy: for each class, the dot product of the
measure's features with the class weights, plus the intercept, then a softmax — the same
arithmetic as ``predict_proba`` (a test checks both agree to 1e-9).

Scoring sums each n-gram's weight vector (all classes at once) with ``zip``/``sum`` in C, so a
measure costs about as much as reading it.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from policykg.loaders.indicator_text import (
    NONE_LABEL,
    MeasureText,
    char_table,
    field_texts,
    lexicon_hits,
    lexicon_index,
    ngram_features,
    normalised_fields,
)

__all__ = ["Prediction", "IndicatorModel", "load_model", "MODEL_FORMAT"]

MODEL_FORMAT = "policykg-indicator-model/1"


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the model says of one measure.

    ``indicator`` is a canonical indicator name, or None when the measure most likely serves
    none of the 18; ``confidence`` the probability of that answer; ``ranking`` the best classes
    with their probabilities, best first (None for "none"); ``evidence`` the words of the text
    that pushed the answer above the runner-up most, as printed.
    """

    indicator: str | None
    confidence: float
    ranking: tuple[tuple[str | None, float], ...]
    evidence: tuple[str, ...]


class IndicatorModel:
    """A loaded model: `probabilities` and `predict` for a `MeasureText`."""

    def __init__(self, document: dict) -> None:
        if document.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a {MODEL_FORMAT} model: {document.get('format')!r}")
        self.id: str = document["id"]
        config = document["config"]
        self.classes: tuple[str, ...] = tuple(document["classes"])
        self._labels: tuple[str | None, ...] = tuple(None if c == NONE_LABEL else c for c in self.classes)
        self._sizes: tuple[int, ...] = tuple(config["ngram_sizes"])
        self._max_chars: int = config["max_chars"]
        self._sublinear: bool = config["sublinear_tf"]
        self._binary: bool = config.get("binary", False)
        scale = document["weight_scale"]
        folding = document["folding"]
        self._table = char_table(dict(zip(folding["traditional"], folding["simplified"])))
        self._intercepts = tuple(q / scale for q in document["intercepts"])
        value = config["lexicon_weight"]
        self._lexicon = lexicon_index((e["feature"], e["keywords"]) for e in document["lexicon"])
        self._lexicon_weights = {e["feature"]: tuple(value * (q / scale) for q in e["weights"])
                                 for e in document["lexicon"]}
        # n-gram → (idf², idf × weight per class, idf) — weights None for an n-gram that only counts in the norm
        self._ngrams: dict[str, tuple[float, tuple[float, ...] | None, float]] = {
            name: (idf * idf, tuple(idf * (q / scale) for q in weights) if weights else None, idf)
            for name, idf, weights in document["ngrams"]
        }

    @classmethod
    def from_file(cls, path: str | Path) -> IndicatorModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def _scores(self, measure: MeasureText) -> tuple[list[float], list[tuple[str, tuple[float, ...]]], list, float,
                                                     list[tuple[str, str]]]:
        """Class scores; the known n-grams (tf-scaled weights), lexicon hits, norm and normalised fields behind them."""
        fields = normalised_fields(field_texts(measure, self._max_chars), self._table)
        get = self._ngrams.get
        counts = Counter(ngram_features(fields, self._sizes))
        # comprehensions, not a loop: most n-grams occur once (tf 1), and only repeats need arithmetic
        known = {name: entry for name in counts if (entry := get(name)) is not None}
        weighted = {name: entry[1] for name, entry in known.items() if entry[1] is not None}
        norm2 = sum([entry[0] for entry in known.values()])
        for name in [name for name, count in counts.items() if count > 1 and name in known]:
            tf = self._tf(counts[name])
            norm2 += (tf * tf - 1.0) * known[name][0]
            if name in weighted:
                weighted[name] = tuple([tf * w for w in weighted[name]])
        vectors = list(weighted.values())
        names = list(weighted)
        norm = math.sqrt(norm2)
        if vectors:
            scores = [total / norm + b for total, b in zip(map(sum, zip(*vectors)), self._intercepts)]
        else:
            scores = list(self._intercepts)
        hits = lexicon_hits(fields, self._lexicon)
        for feature, _ in hits:
            scores = [s + w for s, w in zip(scores, self._lexicon_weights[feature])]
        return scores, list(zip(names, vectors)), hits, norm, fields

    def _tf(self, count: int) -> float:
        if self._binary:
            return 1.0
        return 1.0 + math.log(count) if self._sublinear else float(count)

    def probabilities(self, measure: MeasureText) -> list[float]:
        """Probability of each class (in `classes` order): a softmax of the class scores."""
        return _softmax(self._scores(measure)[0])

    def predict(self, measure: MeasureText, top: int = 3, evidence: int = 4) -> Prediction:
        """The best class, its probability, the ``top`` best classes and up to ``evidence`` deciding words."""
        scores, used, hits, norm, fields = self._scores(measure)
        probabilities = _softmax(scores)
        order = sorted(range(len(probabilities)), key=lambda k: -probabilities[k])
        ranking = tuple((self._labels[k], probabilities[k]) for k in order[:top])
        best, runner_up = order[0], order[1]
        words = self._evidence(measure, fields, used, hits, norm, best, runner_up, evidence) if evidence else ()
        return Prediction(self._labels[best], probabilities[best], ranking, words)

    def _evidence(self, measure: MeasureText, fields: list[tuple[str, str]], used, hits, norm: float, best: int,
                  runner_up: int, limit: int) -> tuple[str, ...]:
        """The printed words whose features favour ``best`` over ``runner_up`` most.

        Each n-gram and lexicon word adds its share of (score of best − score of runner-up) to the
        span of text it was found at; overlapping spans merge into one word, and the words with
        the largest shares are returned, largest first.
        """
        normalised = dict(fields)
        printed = dict(field_texts(measure, self._max_chars))
        shares: list[tuple[str, int, int, float]] = []
        ranked = heapq.nlargest(3 * limit, [(w[best] - w[runner_up], name) for name, w in used])
        for difference, name in ranked:
            if difference > 0:
                prefix, gram = ("h", name[2:]) if name.startswith("h:") else ("m", name)
                start = normalised[prefix].find(gram)
                shares.append((prefix, start, start + len(gram), difference / norm))
        for feature, word in hits:
            weights = self._lexicon_weights[feature]
            share = weights[best] - weights[runner_up]
            if share <= 0:
                continue
            for prefix, text in normalised.items():
                start = text.find(word)
                if start >= 0:
                    shares.append((prefix, start, start + len(word), share))
                    break
        merged: list[list] = []
        for prefix, start, end, share in sorted(shares):
            last = merged[-1] if merged else None
            if last is not None and last[0] == prefix and start <= last[2]:
                last[2] = max(last[2], end)
                last[3] += share
            else:
                merged.append([prefix, start, end, share])
        merged.sort(key=lambda m: -m[3])
        out: list[str] = []
        for prefix, start, end, _ in merged:
            word = printed[prefix][start:end].strip()
            if word and not word.isdigit() and word not in out:  # a bare number decides nothing a person can check
                out.append(word)
            if len(out) == limit:
                break
        return tuple(out)


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@lru_cache(maxsize=1)
def load_model() -> IndicatorModel:
    """The model shipped with the package (read once per process)."""
    text = resources.files("policykg.loaders").joinpath("data/indicator_model.json").read_text(encoding="utf-8")
    return IndicatorModel(json.loads(text))
