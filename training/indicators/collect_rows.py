"""Collect the training rows of the indicator classifier into ``rows.jsonl`` (run once; the file is committed).

    python training/indicators/collect_rows.py --real ../shared/corpus/real

Rows come from two corpora:

- ``samples``: the bundled sample documents (``policykg/samples``) read by the loaders. A row whose
  document prints one of the 18 indicators is labelled with it (``label_source: printed``) and
  keeps no heading, as a document that printed none would show it; a row under a theme or a
  local category (sample 003, 注销企业, 组织保障 …) is labelled by hand.
- ``real``: the real-layout development corpus (``gold.jsonl``, a correct reading of each task,
  and ``meta.json`` for the titles), every row labelled by hand.

Hand labels live in ``hand_labels.jsonl`` (corpus, doc, seq, label, who, why) so they can be
reviewed; a row that needs one and has none stops the script with the list of such rows. A hand
label also replaces a printed one where the document itself is wrong (its "why" says how).

The benchmark generator's documents are not used: their measure sentences are drawn from the
samples without regard to the indicator written beside them, so their labels say nothing about
their text (and their text is the samples' again).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("corpus", "doc", "seq", "title", "heading", "item", "measure", "label", "label_source")


def _hand_labels() -> dict[tuple[str, str, str], dict]:
    out = {}
    for n, line in enumerate((HERE / "hand_labels.jsonl").read_text(encoding="utf-8").splitlines(), start=1):
        record = json.loads(line)
        key = (record["corpus"], record["doc"], record["seq"])
        if key in out:
            sys.exit(f"hand_labels.jsonl:{n}: {key} is labelled twice")
        out[key] = record
    return out


def _sample_rows() -> list[dict]:
    from policykg import sample_paths
    from policykg.loaders import read_document
    from policykg.loaders.indicators import INDICATORS

    out = []
    for path in sample_paths():
        result = read_document(path)
        for row in result.rows:
            printed = row.indicator in INDICATORS
            out.append({
                "corpus": "samples", "doc": row.source, "seq": row.seq, "title": result.document.title,
                "heading": None if printed else row.indicator_raw, "item": row.item, "measure": row.measure,
                "label": row.indicator if printed else None, "label_source": "printed" if printed else None,
            })
    return out


def _real_rows(folder: Path) -> list[dict]:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    out = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        out.append({
            "corpus": "real", "doc": gold["doc"], "seq": gold["seq"], "title": meta[gold["doc"]]["title"],
            "heading": gold["indicator_raw"], "item": gold["item"], "measure": gold["measure"],
            "label": None, "label_source": None,
        })
    return out


def collect(real: Path) -> list[dict]:
    """Every training row, labelled (printed indicator or hand label), in corpus, document and reading order."""
    hand = _hand_labels()
    rows = _sample_rows() + _real_rows(real)
    seen: dict[tuple[str, str, str], int] = {}
    missing = []
    for row in rows:
        key = (row["corpus"], row["doc"], row["seq"])
        seen[key] = seen.get(key, 0) + 1
        if key in hand:  # also over a printed label that the document itself got wrong (see its "why")
            row["label"], row["label_source"] = hand[key]["label"], "hand"
        elif row["label"] is None:
            missing.append(key)
    repeated = [k for k in hand if seen.get(k, 0) != 1]
    if missing or repeated:
        sys.exit("rows without a hand label: " + repr(missing) + "\nhand labels matching no row or several: "
                 + repr(repeated))
    return [{f: row[f] for f in FIELDS} for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, required=True, help="folder of the real corpus (gold.jsonl, meta.json)")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "rows.jsonl")
    args = parser.parse_args()
    rows = collect(args.real)
    with args.output.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    by_source: dict[str, int] = {}
    for row in rows:
        by_source[row["label_source"]] = by_source.get(row["label_source"], 0) + 1
    print(f"{len(rows)} rows → {args.output} ({by_source})", file=sys.stderr)


if __name__ == "__main__":
    main()
