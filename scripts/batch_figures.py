"""Per-batch figures of a realnews evaluation, from `scripts/eval.py --json` output.

Why: the corpus grows in batches (tests/data/realnews/manifest.d/<batch>.tsv) and a rule round is
judged by the batches it did not look at, so figures are needed per batch and for any set of
batches, micro-averaged from the per-article counts exactly as the totals are.

    python scripts/eval.py --set realnews-dev --json > dev.json
    python scripts/batch_figures.py dev.json                 # one row per batch
    python scripts/batch_figures.py dev.json --only H I J K  # those batches together
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

MANIFESTS = Path(__file__).resolve().parent.parent / "tests/data/realnews/manifest.d"
KEYS = ("entities_typed", "events", "arguments")


def batches() -> dict[str, str]:
    """Article id -> batch letter, from the per-batch manifests."""
    out: dict[str, str] = {}
    for path in sorted(MANIFESTS.glob("*.tsv")):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                out[row["id"]] = path.stem
    return out


def fusion_batch(doc_id: str) -> str:
    """A fusion-dev article's batch: the "rNN" its id starts with (a fresh batch by a new writer,
    docs/fusion.md), else "old" (the articles written with the rules)."""
    m = re.match(r"(r\d+)-", doc_id)
    return m.group(1) if m else "old"


def figures(docs: dict[str, dict]) -> dict[str, float]:
    """Micro-averaged F1 per key and date accuracy over the given articles."""
    out: dict[str, float] = {"articles": len(docs)}
    for key in KEYS:
        tp = sum(d[key]["tp"] for d in docs.values())
        fp = sum(d[key]["fp"] for d in docs.values())
        fn = sum(d[key]["fn"] for d in docs.values())
        out[key] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    correct = sum(d["dates"]["correct"] for d in docs.values())
    of = sum(d["dates"]["of"] for d in docs.values())
    out["dates"] = correct / of if of else 1.0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", type=Path)
    parser.add_argument("--only", nargs="*", help="batch letters to take together")
    args = parser.parse_args()
    data = json.loads(args.json.read_text(encoding="utf-8"))
    of_batch = batches()
    for name, result in data.items():
        docs = result.get("documents")
        if not isinstance(docs, dict):
            continue  # a fusion set: its documents are a count, its figures are not per article
        groups: dict[str, dict] = {}
        for doc_id, doc in docs.items():
            batch = of_batch.get(doc_id, "?")
            if args.only and batch not in args.only:
                continue
            key = "+".join(args.only) if args.only else batch
            groups.setdefault(key, {})[doc_id] = doc
        print(f"{name}: batch  articles  entities  events  arguments  dates")
        for key in sorted(groups):
            f = figures(groups[key])
            print(f"  {key:10} {f['articles']:4d}  {f['entities_typed']:.3f}  {f['events']:.3f}"
                  f"  {f['arguments']:.3f}  {f['dates']:.3f}")


if __name__ == "__main__":
    main()
