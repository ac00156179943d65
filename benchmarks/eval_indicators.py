"""Leave-one-document-out evaluation of the indicator classifier: accuracy on documents it never saw.

    pip install -e '.[train]'
    python benchmarks/eval_indicators.py [--json benchmarks/indicators-eval.json]

For each document of ``training/indicators/rows.jsonl`` the model is fitted (as
``training/indicators/build_model.py`` fits the shipped one, same configuration) on the rows of
every *other* document and predicts the document's rows; no scored row was seen in training.

Printed: per document and overall, top-1 and top-3 accuracy on rows whose label is one of the 18
indicators, and the precision and recall of "none". Top-1 is the answer (one of the 19 classes,
"none" included); top-3 is "the true indicator is among the three the tool shows": the three most
likely of the 18 indicators (`Prediction.indicators`; "none" is an answer, not a candidate, and
takes none of their places). "top3c" beside it is the older reading, the three most likely of the
19 classes (a row whose "none" ranks in the top 3 then has two indicators in it). Then a
reliability table (predicted-indicator rows by confidence: how many, how many right) and, per
threshold, the precision and coverage of the indicators the model would assign — the table the
default threshold is chosen from. Asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_BUILD = ROOT / "training" / "indicators" / "build_model.py"
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
BINS = ((0.0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def _load_build():
    spec = importlib.util.spec_from_file_location("build_model", _BUILD)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_model"] = module
    spec.loader.exec_module(module)
    return module


def leave_one_document_out(build, rows: list[dict], config, progress=None) -> list[dict]:
    """Every row with the class ranking of a model fitted without its document."""
    folding = build.read_folding()
    table = build.char_table(folding)
    lexicon = build.normalised_lexicon(table)
    documents = list(dict.fromkeys((r["corpus"], r["doc"]) for r in rows))
    out = []
    for n, document in enumerate(documents, start=1):
        held_out = [r for r in rows if (r["corpus"], r["doc"]) == document]
        training = [r for r in rows if (r["corpus"], r["doc"]) != document]
        pipeline = build.fit(training, config, table, lexicon)
        probabilities = pipeline.predict_proba([build.measure_of(r) for r in held_out])
        classes = list(pipeline.named_steps["classifier"].classes_)
        for row, p in zip(held_out, probabilities):
            ranking = sorted(zip(classes, p.tolist()), key=lambda cp: -cp[1])
            out.append({"corpus": row["corpus"], "doc": row["doc"], "seq": row["seq"], "label": row["label"],
                        "ranking": ranking[:3], "indicators": [c for c, _ in ranking if c != build.NONE_LABEL][:3],
                        "label_rank": [c for c, _ in ranking].index(row["label"]) + 1})
        if progress:
            progress(n, len(documents), document)
    return out


def scores(predictions: list[dict], none: str = "none") -> dict:
    """Top-1/top-3 on indicator rows, and precision/recall of "none"."""
    indicator_rows = [p for p in predictions if p["label"] != none]
    top1 = sum(p["ranking"][0][0] == p["label"] for p in indicator_rows)
    top3 = sum(p["label"] in p["indicators"] for p in indicator_rows)
    top3_classes = sum(p["label"] in [c for c, _ in p["ranking"][:3]] for p in indicator_rows)
    predicted_none = [p for p in predictions if p["ranking"][0][0] == none]
    true_none = [p for p in predictions if p["label"] == none]
    both = sum(p["label"] == none for p in predicted_none)
    return {
        "rows": len(predictions), "indicator_rows": len(indicator_rows), "none_rows": len(true_none),
        "top1": top1 / len(indicator_rows) if indicator_rows else None,
        "top3": top3 / len(indicator_rows) if indicator_rows else None,
        "top3_classes": top3_classes / len(indicator_rows) if indicator_rows else None,
        "none_precision": both / len(predicted_none) if predicted_none else None,
        "none_recall": both / len(true_none) if true_none else None,
    }


def reliability(predictions: list[dict], none: str = "none") -> dict:
    """Rows whose top class is an indicator, by confidence; and precision/coverage per threshold."""
    assigned = [p for p in predictions if p["ranking"][0][0] != none]
    indicator_rows = sum(p["label"] != none for p in predictions)
    bins = []
    for low, high in BINS:
        inside = [p for p in assigned if low <= p["ranking"][0][1] < high]
        right = sum(p["ranking"][0][0] == p["label"] for p in inside)
        bins.append({"confidence": f"[{low:.1f}, {min(high, 1.0):.1f}{']' if high > 1 else ')'}",
                     "rows": len(inside), "right": right, "accuracy": right / len(inside) if inside else None})
    thresholds = []
    for t in THRESHOLDS:
        kept = [p for p in assigned if p["ranking"][0][1] >= t]
        right = sum(p["ranking"][0][0] == p["label"] for p in kept)
        wrongly_on_none = sum(p["label"] == none for p in kept)
        thresholds.append({"threshold": t, "assigned": len(kept), "right": right,
                           "precision": right / len(kept) if kept else None,
                           "coverage": right / indicator_rows if indicator_rows else None,
                           "assigned_to_none_rows": wrongly_on_none})
    return {"bins": bins, "thresholds": thresholds}


def _fmt(x) -> str:
    return "   —" if x is None else f"{x:.3f}"


def report(predictions: list[dict]) -> dict:
    by_document = defaultdict(list)
    for p in predictions:
        by_document[(p["corpus"], p["doc"])].append(p)
    per_document = {f"{c}/{d}": scores(ps) for (c, d), ps in by_document.items()}
    per_corpus = {c: scores([p for p in predictions if p["corpus"] == c]) for c in sorted({p["corpus"] for p in predictions})}
    overall = scores(predictions)
    print(f"{'document':34} {'rows':>5} {'ind':>4} {'top1':>6} {'top3':>6} {'top3c':>6} {'none':>5} {'noneP':>6} "
          f"{'noneR':>6}")
    for name, s in list(per_document.items()) + [(f"ALL {c}", s) for c, s in per_corpus.items()] + [("ALL", overall)]:
        print(f"{name:34} {s['rows']:5d} {s['indicator_rows']:4d} {_fmt(s['top1']):>6} {_fmt(s['top3']):>6} "
              f"{_fmt(s['top3_classes']):>6} {s['none_rows']:5d} {_fmt(s['none_precision']):>6} "
              f"{_fmt(s['none_recall']):>6}")
    rel = reliability(predictions)
    print("\nreliability (rows whose top class is an indicator):")
    for b in rel["bins"]:
        print(f"  confidence {b['confidence']:11} rows {b['rows']:4d}  right {b['right']:4d}  accuracy {_fmt(b['accuracy'])}")
    print("\nthreshold: indicators assigned at or above it (precision = right / assigned; "
          "coverage = right / indicator rows; on none = assigned to rows that serve none):")
    for t in rel["thresholds"]:
        print(f"  ≥ {t['threshold']:.1f}  assigned {t['assigned']:4d}  right {t['right']:4d}  precision "
              f"{_fmt(t['precision'])}  coverage {_fmt(t['coverage'])}  on none {t['assigned_to_none_rows']:3d}")
    return {"overall": overall, "per_corpus": per_corpus, "per_document": per_document, "reliability": rel}


def _configured(config, overrides: list[str]):
    """``config`` with ``FIELD=VALUE`` overrides (tuples as comma lists, ``none`` for None)."""
    from dataclasses import replace

    changes = {}
    for item in overrides:
        name, _, value = item.partition("=")
        current = getattr(config, name)
        if value.lower() == "none":
            changes[name] = None
        elif isinstance(current, tuple):
            changes[name] = tuple(int(v) for v in value.split(","))
        elif isinstance(current, bool):
            changes[name] = value.lower() in ("1", "true", "yes")
        elif isinstance(current, (int, float)) and not isinstance(current, bool):
            changes[name] = type(current)(value)
        else:
            changes[name] = value
    return replace(config, **changes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE",
                        help="evaluate another configuration, e.g. --set C=3 --set ngram_sizes=1,2,3")
    parser.add_argument("--errors", action="store_true", help="also print every wrong top-1 prediction")
    parser.add_argument("--misses", action="store_true",
                        help="also print every indicator row whose indicator is not among the three shown")
    args = parser.parse_args()
    build = _load_build()
    rows = build.read_rows()
    config = _configured(build.Config(), args.overrides)
    started = time.perf_counter()
    predictions = leave_one_document_out(
        build, rows, config, progress=lambda n, total, d: print(f"[{n}/{total}] {d[0]}/{d[1]}", file=sys.stderr))
    figures = report(predictions)
    if args.errors:
        texts = {(r["corpus"], r["doc"], r["seq"]): r["measure"] for r in rows}
        for p in predictions:
            if p["ranking"][0][0] != p["label"]:
                guess = " ".join(f"{c}:{v:.2f}" for c, v in p["ranking"])
                print(f"{p['doc'][:8]}/{p['seq']:6} {p['label']:8} ← {guess} | {texts[(p['corpus'], p['doc'], p['seq'])][:60]}")
    if args.misses:
        texts = {(r["corpus"], r["doc"], r["seq"]): r["measure"] for r in rows}
        for p in predictions:
            if p["label"] != build.NONE_LABEL and p["label"] not in p["indicators"]:
                guess = " ".join(f"{c}:{v:.2f}" for c, v in p["ranking"])
                print(f"{p['doc'][:8]}/{p['seq']:6} {p['label']} (rank {p['label_rank']} of 19) ← {guess} | "
                      f"{texts[(p['corpus'], p['doc'], p['seq'])][:60]}")
    figures["config"] = {k: v for k, v in vars(config).items() if k != "extra"}
    figures["seconds"] = round(time.perf_counter() - started, 1)
    print(f"\n{len(predictions)} rows of {len({(p['corpus'], p['doc']) for p in predictions})} documents, "
          f"each predicted by a model fitted without its document ({figures['seconds']} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
