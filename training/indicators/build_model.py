"""Fit the indicator classifier with scikit-learn and write it as the plain-data model the package ships.

    pip install -e '.[train]'
    python training/indicators/build_model.py            # → loaders/data/indicator_model.json

The model reads a measure (its theme heading, item and text) as character n-grams weighted by
TF-IDF (`sklearn.feature_extraction.text.TfidfVectorizer`), plus one feature per second-level
indicator of the national scheme whose words occur in it (``loaders/data/indicator_lexicon.tsv``),
and scores the 18 indicators and "none" with a multinomial logistic regression
(`sklearn.linear_model.LogisticRegression`). Fitting is deterministic (lbfgs, no random state
involved); the weights are quantised to `WEIGHT_SCALE` steps and put back into the estimator, so
the scikit-learn pipeline returned by `fit` and the file written from it score alike, and the
package's pure-Python scorer (`policykg.loaders.indicator_model`) reproduces its probabilities.

The same library versions give a byte-identical file (``tests/loaders/test_indicator_model.py``
rebuilds it); the versions used are written into the file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from threadpoolctl import threadpool_limits

from policykg.loaders.indicator_text import (
    NONE_LABEL,
    MeasureText,
    char_table,
    field_texts,
    lexicon_hits,
    lexicon_index,
    ngram_features,
    normalise,
    normalised_fields,
    read_lexicon,
)
from policykg.loaders.indicators import INDICATORS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ROWS = HERE / "rows.jsonl"
LEXICON = ROOT / "loaders" / "data" / "indicator_lexicon.tsv"
MODEL = ROOT / "loaders" / "data" / "indicator_model.json"
FORMAT = "policykg-indicator-model/1"
CLASSES: tuple[str, ...] = INDICATORS + (NONE_LABEL,)
WEIGHT_SCALE = 10_000  # weights are stored as integers of 1/10000


@dataclass(frozen=True)
class Config:
    """What the model reads and how it is fitted; chosen by ``benchmarks/eval_indicators.py``."""

    ngram_sizes: tuple[int, ...] = (1, 2)
    max_chars: int = 200
    min_df: int = 2
    sublinear_tf: bool = True
    binary: bool = False
    lexicon_weight: float = 0.25
    C: float = 10.0
    class_weight: str | None = "balanced"
    extra: dict = field(default_factory=dict)


def read_rows(path: Path = ROWS) -> list[dict]:
    """The training rows (``collect_rows.py`` wrote them)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure_of(row: dict) -> MeasureText:
    return MeasureText(measure=row["measure"], item=row["item"], heading=row["heading"])


def read_folding() -> dict[str, str]:
    """Traditional → simplified characters of OpenCC (``TSCharacters.txt`` in ``opencc-purepy``), first choice each."""
    from importlib import resources

    text = resources.files("opencc_purepy").joinpath("dicts/TSCharacters.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        traditional, _, choices = line.partition("\t")
        simplified = choices.split(" ")[0] if choices else ""
        if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified:
            out[traditional] = simplified
    return dict(sorted(out.items()))


# --- the scikit-learn pipeline -------------------------------------------------------------------

def _analyse(measure: MeasureText, table: dict[int, str], sizes: tuple[int, ...], max_chars: int) -> list[str]:
    return ngram_features(normalised_fields(field_texts(measure, max_chars), table), sizes)


def _lexicon_matrix(measures: list[MeasureText], table: dict[int, str], lexicon: list[tuple[str, tuple[str, ...]]],
                    max_chars: int, weight: float) -> sp.csr_matrix:
    column = {name: i for i, (name, _) in enumerate(lexicon)}
    index = lexicon_index(lexicon)
    rows, cols = [], []
    for i, measure in enumerate(measures):
        for name, _ in lexicon_hits(normalised_fields(field_texts(measure, max_chars), table), index):
            rows.append(i)
            cols.append(column[name])
    data = np.full(len(rows), weight, dtype=np.float64)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(measures), len(lexicon)))


def normalised_lexicon(table: dict[int, str]) -> list[tuple[str, tuple[str, ...]]]:
    """(feature, keywords) of the lexicon file, keywords normalised as the text they are looked for in."""
    out = []
    for entry in read_lexicon(LEXICON.read_text(encoding="utf-8")):
        words = tuple(dict.fromkeys(w for w in (normalise(k, table).strip() for k in entry.keywords) if w))
        out.append((entry.feature, words))
    return out


def make_pipeline(config: Config, table: dict[int, str], lexicon: list[tuple[str, tuple[str, ...]]]) -> Pipeline:
    ngrams = TfidfVectorizer(
        analyzer=partial(_analyse, table=table, sizes=config.ngram_sizes, max_chars=config.max_chars),
        min_df=config.min_df, sublinear_tf=config.sublinear_tf, binary=config.binary, norm="l2", dtype=np.float64,
    )
    lexicon_features = FunctionTransformer(
        partial(_lexicon_matrix, table=table, lexicon=lexicon, max_chars=config.max_chars,
                weight=config.lexicon_weight), validate=False, accept_sparse=True)
    classifier = LogisticRegression(C=config.C, class_weight=config.class_weight, max_iter=20_000, tol=1e-8)
    return Pipeline([("features", FeatureUnion([("ngrams", ngrams), ("lexicon", lexicon_features)])),
                     ("classifier", classifier)])


def fit(rows: list[dict], config: Config, table: dict[int, str],
        lexicon: list[tuple[str, tuple[str, ...]]]) -> Pipeline:
    """Fit the pipeline on ``rows`` and quantise its weights (the fitted pipeline *is* the shipped model)."""
    pipeline = make_pipeline(config, table, lexicon)
    labels = [row["label"] for row in rows]
    missing = sorted(set(CLASSES) - set(labels))
    # every class keeps a column even when no training row has it (leave-one-document-out folds)
    with threadpool_limits(1):  # one BLAS thread: faster here (2 cores) and the same sums on every run
        pipeline.fit([measure_of(r) for r in rows], labels)
    classifier = pipeline.named_steps["classifier"]
    if missing:
        _add_empty_classes(classifier, missing)
    order = [list(classifier.classes_).index(c) for c in CLASSES]
    classifier.classes_ = np.array(CLASSES, dtype=object)
    classifier.coef_ = np.round(classifier.coef_[order] * WEIGHT_SCALE) / WEIGHT_SCALE
    classifier.intercept_ = np.round(classifier.intercept_[order] * WEIGHT_SCALE) / WEIGHT_SCALE
    return pipeline


def _add_empty_classes(classifier: LogisticRegression, missing: list[str]) -> None:
    """Classes no training row has: very low intercept, zero weights (the fold cannot predict them)."""
    n = len(missing)
    classifier.classes_ = np.concatenate([classifier.classes_, np.array(missing, dtype=object)])
    classifier.coef_ = np.vstack([classifier.coef_, np.zeros((n, classifier.coef_.shape[1]))])
    classifier.intercept_ = np.concatenate([classifier.intercept_, np.full(n, -30.0)])


def _fingerprint(rows: list[dict], config: Config, lexicon: list) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps([rows, asdict(config), lexicon], ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:12]


def model_document(pipeline: Pipeline, rows: list[dict], config: Config, folding: dict[str, str],
                   lexicon: list[tuple[str, tuple[str, ...]]]) -> dict:
    """The plain-data model: everything the pure-Python scorer needs, nothing it does not."""
    union = pipeline.named_steps["features"]
    vectorizer = union.transformer_list[0][1]
    classifier = pipeline.named_steps["classifier"]
    vocabulary = sorted(vectorizer.vocabulary_.items(), key=lambda kv: kv[1])
    n_grams = len(vocabulary)
    weights = np.rint(classifier.coef_ * WEIGHT_SCALE).astype(np.int64)
    features = []
    for name, index in vocabulary:
        column = weights[:, index].tolist()
        features.append([name, float(vectorizer.idf_[index]), column if any(column) else 0])
    lexicon_weights = [weights[:, n_grams + i].tolist() for i in range(len(lexicon))]
    import scipy

    return {
        "format": FORMAT,
        "id": f"indicators-{_fingerprint(rows, config, lexicon)}",
        "built_with": {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "training": {"rows": len(rows), "documents": len({(r["corpus"], r["doc"]) for r in rows}),
                     "source": "training/indicators/rows.jsonl"},
        "config": {"ngram_sizes": list(config.ngram_sizes), "max_chars": config.max_chars,
                   "sublinear_tf": config.sublinear_tf, "binary": config.binary,
                   "lexicon_weight": config.lexicon_weight,
                   "min_df": config.min_df, "C": config.C, "class_weight": config.class_weight},
        "weight_scale": WEIGHT_SCALE,
        "classes": list(CLASSES),
        "intercepts": np.rint(classifier.intercept_ * WEIGHT_SCALE).astype(np.int64).tolist(),
        "folding": {"source": "OpenCC TSCharacters.txt (Apache-2.0), first choice of each single character",
                    "traditional": "".join(folding), "simplified": "".join(folding.values())},
        "lexicon": [{"feature": name, "keywords": list(words), "weights": w}
                    for (name, words), w in zip(lexicon, lexicon_weights)],
        "ngrams": features,
    }


def dump_model(document: dict) -> bytes:
    """The model file's bytes: one JSON object, one n-gram per line (reviewable diffs, stable bytes)."""
    head = {k: v for k, v in document.items() if k != "ngrams"}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in document["ngrams"]]
    return (text + ',\n "ngrams": [\n' + ",\n".join(lines) + "\n ]\n}\n").encode("utf-8")


def build(rows: list[dict] | None = None, config: Config = Config()) -> tuple[Pipeline, bytes]:
    """Fit on the training rows and return the pipeline and the model file's bytes."""
    rows = read_rows() if rows is None else rows
    folding = read_folding()
    table = char_table(folding)
    lexicon = normalised_lexicon(table)
    pipeline = fit(rows, config, table, lexicon)
    return pipeline, dump_model(model_document(pipeline, rows, config, folding, lexicon))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=MODEL)
    args = parser.parse_args()
    _, data = build()
    args.output.write_bytes(data)
    print(f"{len(data) / 1024:.0f} KiB → {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
