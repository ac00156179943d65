"""What choosing the indicator model's configuration on the evaluation documents is worth: a nested estimate.

    pip install -e '.[train]'
    python benchmarks/eval_indicators_nested.py            # ≈ 10–15 min on 2 cores

`eval_indicators.py` scores a configuration leave-one-document-out; choosing the best of several
configurations by those same figures flatters the chosen one. Here the choice itself is held out:
the documents fall into six groups (each bundled sample; the 33 real-layout documents together,
which hold only 6 indicator rows). For each group, every candidate configuration is scored
leave-one-group-out on the *other* five groups only, the best is chosen (highest top-3 among those
with top-1 ≥ 0.80 and none recall ≥ 0.70 there, else highest top-3; ties by top-1), and the group's
documents are then scored with the chosen configuration's leave-one-document-out predictions. The
figures over all groups are an estimate of the whole procedure — configuration choice included —
on documents it never saw. `CANDIDATES` are the configurations round 4 tried (BENCHMARKS.md).

Prints the leave-one-document-out figures of every candidate, the choice per group, and the
nested figures. Asserts nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from eval_indicators import _configured, _load_build, scores

# every configuration tried in round 4, as --set fields of eval_indicators.py
CANDIDATES: tuple[str, ...] = (
    "ngram_sizes=2", "ngram_sizes=2;C=3", "ngram_sizes=2;C=30", "ngram_sizes=1,2", "ngram_sizes=2,3",
    "ngram_sizes=2;max_chars=400", "ngram_sizes=1,2;C=30", "ngram_sizes=1,2;lexicon_weight=0.5",
    "ngram_sizes=1,2,3", "ngram_sizes=1,2;lexicon_weight=0",
)


def _group(row: dict) -> str:
    return row["doc"] if row["corpus"] == "samples" else row["corpus"]


def _predictions(build, training: list[dict], held_out: list[dict], config, table, lexicon) -> list[dict]:
    """The held-out rows as `eval_indicators.scores` reads them, from a model fitted on ``training``."""
    pipeline = build.fit(training, config, table, lexicon)
    probabilities = pipeline.predict_proba([build.measure_of(r) for r in held_out])
    classes = list(pipeline.named_steps["classifier"].classes_)
    out = []
    for row, p in zip(held_out, probabilities):
        ranking = sorted(zip(classes, p.tolist()), key=lambda cp: -cp[1])
        out.append({"label": row["label"], "ranking": ranking[:3],
                    "indicators": [c for c, _ in ranking if c != build.NONE_LABEL][:3]})
    return out


def _held_out(rows: list[dict], key: Callable[[dict], object], predict) -> dict[object, list[dict]]:
    """Per value of ``key``: its rows predicted by a model fitted on every other row."""
    values = list(dict.fromkeys(key(r) for r in rows))
    return {v: predict([r for r in rows if key(r) != v], [r for r in rows if key(r) == v]) for v in values}


def _chosen(inner: dict[str, dict]) -> str:
    allowed = [c for c in CANDIDATES if inner[c]["top1"] >= 0.80 and (inner[c]["none_recall"] or 0.0) >= 0.70]
    return max(allowed or list(CANDIDATES), key=lambda c: (inner[c]["top3"], inner[c]["top1"]))


def _line(figures: dict) -> str:
    return " ".join(f"{k} {figures[k]:.3f}" if figures[k] is not None else f"{k} —"
                    for k in ("top1", "top3", "top3_classes", "none_precision", "none_recall"))


def main() -> None:
    build = _load_build()
    rows = build.read_rows()
    folding = build.read_folding()
    table = build.char_table(folding)
    lexicon = build.normalised_lexicon(table)
    configs = {c: _configured(build.Config(), c.split(";")) for c in CANDIDATES}
    lodo = {}
    for name, config in configs.items():
        lodo[name] = _held_out(rows, lambda r: (r["corpus"], r["doc"]),
                               lambda tr, ho, config=config: _predictions(build, tr, ho, config, table, lexicon))
        print(f"LODO {name:36} {_line(scores([p for ps in lodo[name].values() for p in ps]))}", flush=True)
    nested = []
    for group in dict.fromkeys(_group(r) for r in rows):
        others = [r for r in rows if _group(r) != group]
        inner = {}
        for name, config in configs.items():
            predicted = _held_out(others, _group,
                                  lambda tr, ho, config=config: _predictions(build, tr, ho, config, table, lexicon))
            inner[name] = scores([p for ps in predicted.values() for p in ps])
        choice = _chosen(inner)
        outer = [p for (corpus, doc), ps in lodo[choice].items()
                 if _group({"corpus": corpus, "doc": doc}) == group for p in ps]
        nested += outer
        print(f"group {group}: chose {choice} (on the other groups: {_line(inner[choice])}); "
              f"on it: {_line(scores(outer))}", file=sys.stderr, flush=True)
    print(f"nested, {len(nested)} rows: {_line(scores(nested))}")


if __name__ == "__main__":
    main()
