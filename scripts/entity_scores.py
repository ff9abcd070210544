"""Entity scores per part of the evaluation material: typed and untyped P/R/F1 and the gap.

Why: the realnews-test entities lose ~0.03 F1 to a right name with a wrong type, and the tuned
dev no longer shows how fresh writers' text is typed. This instrument scores entities only,
with the shared scorer (tests/eval/score.py), in four groups:

- ``look``: realnews-dev LOOK batches (all but H, J, M) and written-dev;
- ``check``: realnews-dev CHECK batches H, J, M (totals only: never list their errors);
- ``fresh``: fusion-dev's fresh batches, r13-*, r14-*, r16-*... (gold written by new hands before any run),
  each article extracted alone and its gold entities scored as an entity set;
- ``oldfusion``: fusion-dev's other articles (written by the rule writers).

The gap (untyped F1 minus typed F1) is what wrong types cost.

    python scripts/entity_scores.py                       # one row per group
    python scripts/entity_scores.py --json > scores.json  # with per-article counts
    python scripts/entity_scores.py --errors fresh        # wrong types, false and missed names
                                                          # (LOOK and fusion groups only)
    python scripts/entity_scores.py --names fresh         # missed and false names only, gathered
                                                          # over the group's articles, with the
                                                          # articles and batches each is seen in

Batches: a realnews-dev article's manifest letter, "written" for written-dev, the id's first part
for fusion-dev ("r13", "r14", "r16"; "fusion" for the old articles).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from batch_figures import batches as manifest_batches, fusion_batch  # noqa: E402

DATA = ROOT / "tests" / "data"
CHECK_BATCHES = ("H", "J", "M")
GROUPS = ("look", "check", "fresh", "oldfusion")
KEYS = ("entities_typed", "entities_untyped")


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_batches = manifest_batches  # article id -> batch letter (scripts/batch_figures.py)


def _pairs(gold_dir: Path, article_dir: Path) -> list[tuple[str, Path, Path]]:
    out = []
    for gold in sorted(gold_dir.glob("*.json")):
        gid = json.loads(gold.read_text("utf-8"))["id"]
        out.append((gid, gold, article_dir / f"{gid}.txt"))
    return out


def group_of(doc_id: str, source: str, of_batch: dict[str, str]) -> str:
    """The group an article belongs to, from its set and id."""
    if source == "fusion-dev":
        return "oldfusion" if fusion_batch(doc_id) == "old" else "fresh"
    if source == "written-dev":
        return "look"
    return "check" if of_batch.get(doc_id) in CHECK_BATCHES else "look"


def batch_of(doc_id: str, source: str, of_batch: dict[str, str]) -> str:
    """The batch an article is counted in by the names listing."""
    if source == "fusion-dev":
        part = fusion_batch(doc_id)
        return "fusion" if part == "old" else part
    if source == "written-dev":
        return "written"
    return of_batch.get(doc_id, "?")


def material(groups: tuple[str, ...] = GROUPS) -> list[tuple[str, str, Path, Path]]:
    """(group, article id, gold path, article path) for every article of the chosen groups."""
    of_batch = _batches()
    sources = [("realnews-dev", DATA / "realnews" / "dev" / "gold", DATA / "realnews" / "dev" / "articles"),
               ("written-dev", DATA / "gold", DATA / "corpus"),
               ("fusion-dev", DATA / "fusion" / "dev" / "gold", DATA / "fusion" / "dev" / "articles")]
    out = []
    for source, gold_dir, article_dir in sources:
        for gid, gold, article in _pairs(gold_dir, article_dir):
            g = group_of(gid, source, of_batch)
            if g in groups:
                out.append((g, gid, gold, article))
    return out


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def totals(docs: dict[str, dict]) -> dict:
    """Micro-averaged typed and untyped entity scores over per-article counts, and the gap."""
    out = {}
    for key in KEYS:
        out[key] = prf(*(sum(d[key][k] for d in docs.values()) for k in ("tp", "fp", "fn")))
    out["gap"] = out["entities_untyped"]["f1"] - out["entities_typed"]["f1"]
    out["articles"] = len(docs)
    return out


def errors(scorer, gold: dict, pred: dict) -> list[str]:
    """Wrong types (a gold name predicted with another type), false names, missed gold names."""
    gents = gold["entities"]
    gnames = [scorer.names_of(e) for e in gents]
    lines, hit = [], set()
    for e in pred.get("entities", []):
        if e.get("type") not in scorer.ENTITY_TYPES:
            continue
        names = scorer.names_of(e)
        same = [i for i, g in enumerate(gents) if names & gnames[i]]
        if any(gents[i]["type"] == e["type"] for i in same):
            hit.update(i for i in same if gents[i]["type"] == e["type"])
            continue
        if same:
            lines.append(f"wrongtype {e['name']!r} {e['type']} (gold {gents[same[0]]['type']})")
            hit.update(same)
        else:
            lines.append(f"false {e['name']!r} {e['type']}")
    for i, g in enumerate(gents):
        if i not in hit:
            lines.append(f"missed {g['name']!r} {g['type']}")
    return lines


def names_listing(errs: dict[str, list[str]], batch: dict[str, str]) -> list[dict]:
    """Missed and false names of one group gathered over its articles (wrong types left out):
    one row per (kind, type, name) with its articles and distinct batches, most articles first."""
    rows: dict[tuple[str, str, str], dict] = {}
    for doc, lines in errs.items():
        for line in lines:
            kind, rest = line.split(" ", 1)
            if kind not in ("missed", "false"):
                continue
            quoted, etype = rest.rsplit(" ", 1)
            name = ast.literal_eval(quoted)
            r = rows.setdefault((kind, etype, name),
                                {"kind": kind, "type": etype, "name": name, "articles": [], "batches": []})
            r["articles"].append(doc)
            if batch.get(doc, "?") not in r["batches"]:
                r["batches"].append(batch.get(doc, "?"))
    return sorted(rows.values(), key=lambda r: (r["kind"], -len(r["batches"]), -len(r["articles"]),
                                                r["name"].lower()))


def run(groups: tuple[str, ...], want_errors: bool = False) -> dict:
    from kg.extract import Extractor
    from kg.extract import facts as facts_io
    from kg.read.reader import read_file

    scorer, extractor = load_scorer(), Extractor()
    docs: dict[str, dict[str, dict]] = {g: {} for g in groups}
    errs: dict[str, dict[str, list[str]]] = {g: {} for g in groups}
    batch: dict[str, str] = {}
    of_batch = _batches()
    for group, gid, gold_path, article in material(groups):
        source = ("fusion-dev" if "fusion" in gold_path.parts else
                  "realnews-dev" if "realnews" in gold_path.parts else "written-dev")
        batch[gid] = batch_of(gid, source, of_batch)
        gold = json.loads(gold_path.read_text("utf-8"))
        pred = json.loads(facts_io.dumps(extractor.extract(read_file(article))))
        s = scorer.score(gold, pred)
        docs[group][gid] = {k: {c: s[k][c] for c in ("tp", "fp", "fn")} for k in KEYS}
        if want_errors and group != "check":
            errs[group][gid] = errors(scorer, gold, pred)
    out = {g: {"total": totals(docs[g]), "documents": docs[g]} for g in groups}
    if want_errors:
        for g in groups:
            if g != "check":
                out[g]["errors"] = errs[g]
                out[g]["names"] = names_listing(errs[g], batch)
    return out


def row(name: str, t: dict) -> str:
    ty, un = t["entities_typed"], t["entities_untyped"]
    return (f"{name:10} {t['articles']:4d}  typed P {ty['precision']:.3f} R {ty['recall']:.3f} "
            f"F1 {ty['f1']:.4f} ({ty['tp']}/{ty['fp']}/{ty['fn']})  untyped F1 {un['f1']:.4f} "
            f"({un['tp']}/{un['fp']}/{un['fn']})  gap {t['gap']:.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--group", action="append", choices=GROUPS, dest="groups")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", action="append", choices=[g for g in GROUPS if g != "check"],
                    help="list the entity errors of a LOOK or fusion group (never CHECK)")
    ap.add_argument("--names", action="append", choices=[g for g in GROUPS if g != "check"],
                    help="list a LOOK or fusion group's missed and false names, gathered (never CHECK)")
    args = ap.parse_args(argv)
    listed = (args.errors or []) + [g for g in (args.names or []) if g not in (args.errors or [])]
    groups = tuple(args.groups or (listed or GROUPS))
    result = run(groups, want_errors=bool(listed))
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for g in groups:
        if args.errors and g in args.errors:
            for doc, lines in result[g]["errors"].items():
                for line in lines:
                    print(f"{g}\t{doc}\t{line}")
        if args.names and g in args.names:
            for r in result[g]["names"]:
                print(f"{g}\t{r['kind']}\t{r['name']}\t{r['type']}\t{len(r['articles'])} articles\t"
                      f"{len(r['batches'])} batches ({' '.join(r['batches'])})")
        print(row(g, result[g]["total"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
