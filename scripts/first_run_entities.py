"""The first-run entity census: each realnews-dev batch's false and missed entities as the code of
its FIRST run made them (tests/data/learned/first_run_facts.jsonl, scripts/first_run_rows.py: the
rules before anyone read the batch), and which of them today's code still makes.

Why: dev is tuned, so today's dev errors say little about unseen text; a batch's first run is the
honest picture of what the rules do to text they were never fitted to (docs/entities.md, round 27).
An error is *still present* when today's extraction of the same article makes the same error (a
false name of the same type, or the same gold name missed; wrong types are counted apart).

    python scripts/first_run_entities.py                     # totals, batches L on (LOOK ones listed)
    python scripts/first_run_entities.py --batches L N O     # chosen batches
    python scripts/first_run_entities.py --list              # every first-run error, with "today" or "fixed"
    python scripts/first_run_entities.py --json > census.json

CHECK batches (H, J, M) are counted in the totals of first-run figures only; their errors are never
listed and their articles are not extracted today.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from entity_scores import CHECK_BATCHES, errors, load_scorer  # noqa: E402

FILE = ROOT / "tests" / "data" / "learned" / "first_run_facts.jsonl"
GOLD = ROOT / "tests" / "data" / "realnews" / "dev" / "gold"
ARTICLES = ROOT / "tests" / "data" / "realnews" / "dev" / "articles"
MANIFESTS = ROOT / "tests" / "data" / "realnews" / "manifest.d"


def _batches_from(first: str = "L") -> tuple[str, ...]:
    """Every batch of manifest.d from ``first`` on (a new batch joins the census by itself; the
    batches before L had first runs by a much younger code, round 27's choice)."""
    return tuple(sorted(p.stem for p in MANIFESTS.glob("*.tsv") if len(p.stem) == 1 and p.stem >= first))


DEFAULT_BATCHES = _batches_from()


def rows(path: Path = FILE, batches: tuple[str, ...] = DEFAULT_BATCHES) -> list[dict]:
    """The first-run rows of the chosen batches."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        r = json.loads(line)
        if r["batch"] in batches:
            out.append(r)
    return out


def kinds(lines: list[str]) -> dict[str, set[str]]:
    """An article's error lines (entity_scores.errors) by kind: false, missed, wrongtype."""
    out: dict[str, set[str]] = {"false": set(), "missed": set(), "wrongtype": set()}
    for line in lines:
        out[line.split(" ", 1)[0]].add(line)
    return out


def compare(first: list[str], today: list[str]) -> list[dict]:
    """Each first-run error with whether today's errors of the same article still hold it."""
    now = set(today)
    return [{"error": e, "kind": e.split(" ", 1)[0], "today": e in now} for e in first]


def census(batches: tuple[str, ...] = DEFAULT_BATCHES, today: bool = True) -> dict:
    """Typed first-run totals over the chosen batches; per LOOK article, the first-run errors marked
    still present today or fixed (CHECK articles: totals only, never extracted or listed)."""
    scorer = load_scorer()
    extractor = None
    if today:
        from kg.extract import Extractor
        from kg.extract import facts as facts_io
        from kg.read.reader import read_file
        extractor = Extractor()
    totals = {"tp": 0, "fp": 0, "fn": 0}
    listed: dict[str, dict] = {}
    for r in rows(batches=batches):
        gold = json.loads((GOLD / f"{r['id']}.json").read_text("utf-8"))
        pred = {"entities": r["entities"], "events": r["events"]}
        s = scorer.score(gold, pred)["entities_typed"]
        for k in totals:
            totals[k] += s[k]
        if r["batch"] in CHECK_BATCHES:
            continue
        first = errors(scorer, gold, pred)
        now: list[str] = []
        if extractor is not None:
            now = errors(scorer, gold, json.loads(facts_io.dumps(extractor.extract(read_file(ARTICLES / f"{r['id']}.txt")))))
        listed[r["id"]] = {"batch": r["batch"], "errors": compare(first, now) if extractor is not None else
                           [{"error": e, "kind": e.split(" ", 1)[0], "today": None} for e in first]}
    return {"batches": list(batches), "first_run_typed": totals, "articles": listed,
            "still_present": still_present(listed)}


def still_present(listed: dict[str, dict]) -> dict:
    """Per kind: first-run errors, those still present today, and the distinct batches of each."""
    out = {}
    for kind in ("false", "missed", "wrongtype"):
        errs = [(a["batch"], e) for a in listed.values() for e in a["errors"] if e["kind"] == kind]
        now = [(b, e) for b, e in errs if e["today"]]
        out[kind] = {"first_run": len(errs), "today": len(now),
                     "batches_first_run": sorted({b for b, _ in errs}), "batches_today": sorted({b for b, _ in now})}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", nargs="+", default=list(DEFAULT_BATCHES))
    ap.add_argument("--list", action="store_true", help="every first-run error of the LOOK batches")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = census(tuple(args.batches))
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    if args.list:
        for doc, a in res["articles"].items():
            for e in a["errors"]:
                print(f"{a['batch']}\t{doc}\t{'today' if e['today'] else 'fixed'}\t{e['error']}")
    t = res["first_run_typed"]
    f1 = 2 * t["tp"] / (2 * t["tp"] + t["fp"] + t["fn"]) if t["tp"] else 0.0
    print(f"first run, batches {' '.join(res['batches'])}: typed {t['tp']} tp / {t['fp']} fp / {t['fn']} fn, F1 {f1:.3f}")
    for kind, v in res["still_present"].items():
        print(f"{kind:9} (LOOK batches): first run {v['first_run']} ({len(v['batches_first_run'])} batches), "
              f"still present today {v['today']} ({len(v['batches_today'])} batches: {' '.join(v['batches_today'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
