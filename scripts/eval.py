"""Extract the evaluation sets and score them with the shared scorer: per article and in total.

    .venv/bin/python scripts/eval.py [--set NAME ...] [--misses] [--json] [--out DIR]

Sets (``--set`` picks some; default: seed, realnews-dev, realnews-test):

- ``seed``: the seed article against ``tests/eval/seed.gold.json``;
- ``realnews-dev`` / ``realnews-test``: real, freely licensed news (``tests/data/realnews``,
  see its README). Rules are tuned on dev only; test is never looked at article by article
  for tuning, so its total is the honest estimate on unseen news;
- ``written-dev`` / ``written-heldout``: the reports the project wrote itself
  (``tests/data/corpus``, ``tests/data/heldout``), kept to catch regressions.

``--misses`` lists each article's missed gold events and spurious predicted events (dev sets
only: looking at test misses would tune on test). Predictions are written to ``--out``
(default ``out/eval``) so that a miss can be inspected with the facts file beside it.
The last lines printed are the summary table, one row per set.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import facts as facts_io  # noqa: E402
from kg.read.reader import read_file  # noqa: E402

DATA = ROOT / "tests" / "data"
REALNEWS = DATA / "realnews"


@dataclass(frozen=True)
class EvalSet:
    """One scored set: gold files and where each gold id's article lies."""

    name: str
    gold_dir: Path
    article_dir: Path
    tuning: bool  # misses may be shown (a set we tune on)

    def pairs(self) -> list[tuple[Path, Path]]:
        out = []
        for gold in sorted(self.gold_dir.glob("*.json")):
            gid = json.loads(gold.read_text("utf-8"))["id"]
            out.append((gold, self.article_dir / f"{gid}.txt"))
        return out


def _seed_set() -> EvalSet:
    return EvalSet("seed", ROOT / "tests" / "eval", ROOT / "seeds", True)


SETS = {
    "seed": _seed_set,
    "realnews-dev": lambda: EvalSet("realnews-dev", REALNEWS / "dev" / "gold", REALNEWS / "dev" / "articles", True),
    "realnews-test": lambda: EvalSet("realnews-test", REALNEWS / "test" / "gold", REALNEWS / "test" / "articles", False),
    "written-dev": lambda: EvalSet("written-dev", DATA / "gold", DATA / "corpus", True),
    "written-heldout": lambda: EvalSet("written-heldout", DATA / "heldout" / "gold", DATA / "heldout" / "corpus", False),
}
DEFAULT_SETS = ("seed", "realnews-dev", "realnews-test")


def load_scorer():
    """The project's copy of the shared scorer (tests/eval/score.py), imported as a module."""
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _seed_pairs(es: EvalSet) -> list[tuple[Path, Path]]:
    """The seed gold's source names its article file."""
    gold = es.gold_dir / "seed.gold.json"
    return [(gold, ROOT / json.loads(gold.read_text("utf-8"))["source"]["file"])]


def run_set(es: EvalSet, extractor, scorer, out_dir: Path) -> dict:
    """Extract every article of a set, write its facts, score it against its gold."""
    pairs = _seed_pairs(es) if es.name == "seed" else es.pairs()
    out_dir.mkdir(parents=True, exist_ok=True)
    docs, preds = {}, {}
    for gold_path, article in pairs:
        gold = json.loads(gold_path.read_text("utf-8"))
        facts = json.loads(facts_io.dumps(extractor.extract(read_file(article))))
        (out_dir / f"{gold['id']}.facts.json").write_text(json.dumps(facts, indent=1), "utf-8")
        docs[gold["id"]] = scorer.score(gold, facts)
        preds[gold["id"]] = (gold, facts)
    return {"documents": docs, "total": scorer.total(list(docs.values())), "preds": preds}


def _row(name: str, r: dict) -> str:
    d = r["dates"]
    dates = f"{d['correct']}/{d['of']}" if d["of"] else "-"
    acc = f"{d['accuracy']:.3f}" if d["accuracy"] is not None else "  -  "
    return (f"{name:<52} {r['entities_typed']['f1']:>8.3f} {r['events']['f1']:>7.3f} "
            f"{r['arguments']['f1']:>6.3f} {acc:>6} {dates:>7}")


HEADER = f"{'article':<52} {'entities':>8} {'events':>7} {'args':>6} {'dates':>6} {'n':>7}"


def _predicted(facts: dict, scorer) -> list[str]:
    """The scored events a prediction asserts, names resolved (for --misses on dev sets)."""
    names = {e["id"]: e["name"] for e in facts.get("entities", [])}
    out = []
    for ev in facts.get("events", []):
        if ev.get("type") not in scorer.EVENT_TYPES or ev.get("modality", "asserted") == "negated":
            continue
        roles = {r: [names.get(i, i) for i in ids] for r, ids in (ev.get("roles") or {}).items()}
        q = {k: v.get("value") for k, v in (ev.get("quantities") or {}).items()}
        out.append(f"{ev['type']} {ev.get('modality', 'asserted')} {roles} {q or ''} {(ev.get('date') or {}).get('value')}")
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=sorted(SETS), dest="sets")
    ap.add_argument("--misses", action="store_true", help="missed and predicted events (dev sets only)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "eval")
    args = ap.parse_args(argv)
    names = args.sets or list(DEFAULT_SETS)

    from kg.extract import Extractor  # late: the model loads only when there is work

    scorer, extractor = load_scorer(), Extractor()
    results, started = {}, time.perf_counter()
    for name in names:
        es = SETS[name]()
        results[name] = run_set(es, extractor, scorer, args.out / name)
        if args.json:
            continue
        print(f"\n== {name} ({len(results[name]['documents'])} articles)")
        print(HEADER)
        for doc, r in results[name]["documents"].items():
            print(_row(doc, r))
            if args.misses and es.tuning:
                for miss in r["unmatched_gold_events"]:
                    print(f"    missed: {miss['type']} {miss['roles']} {miss.get('quantities') or ''}")
                for line in _predicted(results[name]["preds"][doc][1], scorer):
                    print(f"    predicted: {line}")
        print(_row("TOTAL", results[name]["total"]))
    if args.json:
        print(json.dumps({n: {"documents": r["documents"], "total": r["total"]} for n, r in results.items()}, indent=1))
        return 0
    print(f"\nsummary ({time.perf_counter() - started:.0f} s; targets on realnews-test: "
          "entities 0.88, events 0.75, arguments 0.65, dates 0.90)")
    print(HEADER.replace("article ", "set     "))
    for name, r in results.items():
        print(_row(f"{name} ({len(r['documents'])})", r["total"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
