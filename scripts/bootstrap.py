"""How sure a figure is: bootstrap intervals over articles, for one run or the change between two.

Why: a test set of ~90 articles holds ~170 gold events, so one event more or less moves events
F1 by ~0.004 and a rule round's gain on unseen text is often a few thousandths. Whether such a
change, or the distance to a target, is more than the choice of articles can explain is a
question the totals cannot answer. Resampling whole articles (they are the unit that was
sampled; events within one article are not independent) answers it: the micro-averaged F1 is
recomputed on many samples of the articles drawn with replacement, and the 2.5th and 97.5th
percentiles bound the figure (Efron's percentile interval). For two runs on the same articles
the same samples are drawn for both (a paired bootstrap), so the interval is that of the change.

    python scripts/eval.py --set realnews-test --json > a.json
    python scripts/bootstrap.py a.json                      # each figure with its 95% interval
    python scripts/bootstrap.py before.json after.json      # the change, with its interval

Deterministic: the samples come from ``random.Random(seed)`` (``--seed``, default 0).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Optional

KEYS = ("entities_typed", "entities_untyped", "events", "arguments")


def f1(docs: list[dict], key: str) -> float:
    """Micro-averaged F1 of ``key`` over per-article counts, as the scorer's totals."""
    tp = sum(d[key]["tp"] for d in docs)
    fp = sum(d[key]["fp"] for d in docs)
    fn = sum(d[key]["fn"] for d in docs)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def date_accuracy(docs: list[dict]) -> float:
    """Share of matched events whose date is right, over per-article counts."""
    of = sum(d["dates"]["of"] for d in docs)
    return sum(d["dates"]["correct"] for d in docs) / of if of else 1.0


def figure(docs: list[dict], key: str) -> float:
    return date_accuracy(docs) if key == "dates" else f1(docs, key)


def samples(n_articles: int, rounds: int, seed: int) -> list[list[int]]:
    """``rounds`` samples of article indexes drawn with replacement, the same for a given seed."""
    rng = random.Random(seed)
    return [[rng.randrange(n_articles) for _ in range(n_articles)] for _ in range(rounds)]


def percentile(values: list[float], q: float) -> float:
    """The q-th quantile (0-1) of ``values`` by linear interpolation between order statistics."""
    xs = sorted(values)
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def interval(before: list[dict], key: str, draws: list[list[int]],
             after: Optional[list[dict]] = None, level: float = 0.95) -> tuple[float, float, float]:
    """(value, low, high): the figure of ``before``, or the change ``after`` - ``before`` when
    ``after`` is given (the same articles in the same order), with its bootstrap interval."""
    def value(idx: Optional[list[int]]) -> float:
        pick = (lambda docs: docs) if idx is None else (lambda docs: [docs[i] for i in idx])
        v = figure(pick(before), key)
        return figure(pick(after), key) - v if after is not None else v

    stats = [value(idx) for idx in draws]
    tail = (1 - level) / 2
    return value(None), percentile(stats, tail), percentile(stats, 1 - tail)


def _documents(path: Path, name: Optional[str]) -> dict[str, dict[str, dict]]:
    data = json.loads(path.read_text("utf-8"))
    sets = {k: v["documents"] for k, v in data.items() if isinstance(v.get("documents"), dict)}
    if name:
        if name not in sets:
            raise SystemExit(f"{path}: no article-level set {name!r} (has: {', '.join(sets) or 'none'})")
        return {name: sets[name]}
    return sets


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", type=Path, help="one or two `scripts/eval.py --json` outputs")
    ap.add_argument("--set", dest="name", help="only this set (default: every article-level set)")
    ap.add_argument("--rounds", type=int, default=2000, help="bootstrap samples (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--level", type=float, default=0.95)
    args = ap.parse_args(argv)
    if len(args.runs) > 2:
        ap.error("give one run, or two runs to compare")
    if args.rounds < 1 or not 0 < args.level < 1:
        ap.error("--rounds must be >= 1 and --level between 0 and 1")
    first = _documents(args.runs[0], args.name)
    second = _documents(args.runs[1], args.name) if len(args.runs) == 2 else None
    pct = round(args.level * 100)
    for name, docs in first.items():
        ids = sorted(docs)
        before = [docs[i] for i in ids]
        after = None
        if second is not None:
            other = second.get(name)
            if other is None or sorted(other) != ids:
                print(f"{name}: the two runs do not hold the same articles; skipped")
                continue
            after = [other[i] for i in ids]
        draws = samples(len(ids), args.rounds, args.seed)
        what = "change (second - first)" if after is not None else "figure"
        print(f"{name} ({len(ids)} articles, {args.rounds} samples): {what} and {pct}% interval")
        for key in (*KEYS, "dates"):
            v, lo, hi = interval(before, key, draws, after, args.level)
            sign = "+" if after is not None else ""
            print(f"  {key:17} {v:{sign}.3f}  [{lo:{sign}.3f}, {hi:{sign}.3f}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
