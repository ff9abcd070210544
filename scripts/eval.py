"""Extract the evaluation sets and score them with the shared scorer: per article and in total.

    .venv/bin/python scripts/eval.py [--set NAME ...] [--misses] [--json] [--out DIR]

Sets (``--set`` picks some; default: seed, realnews-dev, realnews-test):

- ``seed``: the seed article against ``tests/eval/seed.gold.json``;
- ``realnews-dev`` / ``realnews-test``: real, freely licensed news (``tests/data/realnews``,
  see its README). Rules are tuned on dev only; test is never looked at article by article
  for tuning, so its total is the honest estimate on unseen news;
- ``written-dev`` / ``written-heldout``: the reports the project wrote itself
  (``tests/data/corpus``, ``tests/data/heldout``), kept to catch regressions.

``--misses`` lists each article's missed gold events and its spurious predicted events, those no
gold event matched (dev sets only: looking at test misses would tune on test). Predictions are written to ``--out``
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
from typing import Optional

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
DEFAULT_SETS = ("seed", "realnews-dev", "realnews-test", "fusion-dev", "fusion-test")
FUSION = DATA / "fusion"
#: Fusion sets (kg/fuse, docs/fusion.md): built into a temporary store, then B-cubed and
#: pairwise scores of the incidents over gold events. Tuned on dev only.
FUSION_SETS = {"fusion-dev": (FUSION / "dev", True), "fusion-test": (FUSION / "test", False)}


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


def _spurious(gold: dict, facts: dict, scorer) -> list[str]:
    """The scored predicted events no gold event matched, names resolved (for --misses on dev
    sets). Listing only these (not every prediction) makes the precision errors visible beside
    the missed gold events; the matching is the scorer's (``_align`` in its order)."""
    names = {e["id"]: e["name"] for e in facts.get("entities", [])}
    matched = set(_align(gold, facts, scorer, scorer_order=True).values())
    out = []
    for pi, ev in enumerate(facts.get("events", [])):
        t, mod = ev.get("type"), ev.get("modality", "asserted")
        if t not in scorer.EVENT_TYPES or mod == "negated" or (t in scorer.FACTUAL_ONLY and mod != "asserted"):
            continue
        if pi in matched:
            continue
        roles = {r: [names.get(i, i) for i in ids] for r, ids in (ev.get("roles") or {}).items()}
        q = {k: v.get("value") for k, v in (ev.get("quantities") or {}).items()}
        out.append(f"{ev['type']} {ev.get('modality', 'asserted')} {roles} {q or ''} {(ev.get('date') or {}).get('value')}")
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=sorted([*SETS, *FUSION_SETS]), dest="sets")
    ap.add_argument("--misses", action="store_true",
                    help="missed gold events and spurious (unmatched) predicted events (dev sets only)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--diagnose", action="store_true",
                    help="fusion dev sets: every gold pair left in two incidents, and why")
    ap.add_argument("--check-writer", action="append", default=[], metavar="PREFIX",
                    help="with --diagnose: a CHECK writer's article-id prefix (e.g. r17): its split "
                         "pairs are counted, never listed (repeatable)")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "eval")
    args = ap.parse_args(argv)
    names = args.sets or list(DEFAULT_SETS)

    from kg.extract import Extractor  # late: the model loads only when there is work

    scorer, extractor = load_scorer(), Extractor()
    results, started = {}, time.perf_counter()
    fusion_results = {}
    for name in names:
        if name in FUSION_SETS:
            fusion_results[name] = run_fusion_set(name, extractor, scorer, args.diagnose)
            if "split_pairs" in fusion_results[name]:
                shown, hidden = hide_check_writers(fusion_results[name]["split_pairs"], args.check_writer)
                fusion_results[name]["split_pairs"] = shown
                if args.check_writer:
                    fusion_results[name]["check_writer_split_pairs"] = hidden
            if not args.json:
                print(_fusion_row(name, fusion_results[name]))
                for sp in fusion_results[name].get("split_pairs", []):
                    print(f"    split {sp['incident']}: {sp['a']} / {sp['b']}: {sp['cause']}")
                if fusion_results[name].get("check_writer_split_pairs"):
                    print(f"    ({fusion_results[name]['check_writer_split_pairs']} split pairs of "
                          "CHECK writers, not listed)")
            continue
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
                for line in _spurious(*results[name]["preds"][doc], scorer):
                    print(f"    spurious: {line}")
        print(_row("TOTAL", results[name]["total"]))
    if args.json:
        out = {n: {"documents": r["documents"], "total": r["total"]} for n, r in results.items()}
        out.update(fusion_results)
        print(json.dumps(out, indent=1))
        return 0
    print(f"\nsummary ({time.perf_counter() - started:.0f} s; targets on realnews-test: "
          "entities 0.88, events 0.75, arguments 0.65, dates 0.90)")
    print(HEADER.replace("article ", "set     "))
    for name, r in results.items():
        print(_row(f"{name} ({len(r['documents'])})", r["total"]))
    if fusion_results:
        print("fusion (targets: B-cubed F1 0.90, pairwise precision 0.95)")
        for name, r in fusion_results.items():
            print(_fusion_row(name, r))
    return 0


# ----------------------------------------------------------------------------- fusion sets

def _align(gold: dict, facts: dict, scorer, scorer_order: bool = False) -> dict[int, int]:
    """Gold event index -> predicted event index, matched as tests/eval/score.py matches them
    (same type and anchor role, not dated in another year, most shared arguments first).
    Among equals fusion prefers the gold event whose date the report gives; ``scorer_order``
    breaks ties exactly as the scorer does instead (last gold and predicted index first), so
    that --misses lists the same unmatched events the scores count."""
    gents = gold["entities"]
    gnames = [scorer.names_of(e) for e in gents]

    def gold_index(names):
        return next((i for i, g in enumerate(gnames) if names & g), None)

    by_id = {e.get("id"): e for e in facts.get("entities", [])}

    def values(names):
        return [("g", gi) if (gi := gold_index(n)) is not None else ("p", next(iter(n), "")) for n in names]

    def pred_event(ev):
        roles = {r: values([scorer.names_of(by_id[i]) for i in ids if i in by_id])
                 for r, ids in (ev.get("roles") or {}).items()}
        q = {k: float(v["value"]) for k, v in (ev.get("quantities") or {}).items()}
        return {"type": ev["type"], "roles": roles, "q": q, "date": (ev.get("date") or {}).get("value")}

    def gold_event(ev):
        roles = {r: values([{scorer.norm(n)} for n in names]) for r, names in ev.get("roles", {}).items()}
        q = {k: float(v) for k, v in (ev.get("quantities") or {}).items()}
        return {"type": ev["type"], "roles": roles, "q": q, "date": scorer.gold_dates(ev.get("date"))}

    pevs = {}
    for pi, ev in enumerate(facts.get("events", [])):
        t, mod = ev.get("type"), ev.get("modality", "asserted")
        if t in scorer.EVENT_TYPES and mod != "negated" and not (t in scorer.FACTUAL_ONLY and mod != "asserted"):
            pevs[pi] = pred_event(ev)
    gevs = [gold_event(ev) for ev in gold["events"]]
    anchor = {"Deployment": "destination", "Attack": "location", "Capture": "place", "Meeting": "participants"}

    def ok(g, p):
        if g["type"] != p["type"]:
            return False
        role = anchor.get(g["type"])
        shared = len(set(g["roles"].get(role, [])) & set(p["roles"].get(role, [])))
        if g["type"] == "Meeting":
            good = shared >= 2
        elif g["type"] == "Deployment":
            good = shared > 0 or ("troops" in g["q"] and g["q"].get("troops") == p["q"].get("troops"))
        else:
            good = shared > 0
        other_year = bool(g["date"] and p["date"]) and all(str(p["date"])[:4] != d[:4] for d in g["date"])
        return good and not other_year

    def args_of(ev):
        return {(r, v) for r, vs in ev["roles"].items() for v in vs} | {(k, ("n", v)) for k, v in ev["q"].items()}

    def same_date(g, p):
        """The report's date is one the gold accepts (the scorer's date rule)."""
        return bool(p["date"]) and any(str(p["date"]).startswith(d) for d in g["date"])

    # Most shared arguments first, as the scorer; among equals, the gold event whose date the
    # report gives. Without that, a report of "met again in Doha on Sunday" could take the
    # article's back-reference to the first Doha meeting (same participants and place, a month
    # earlier), putting the report in the wrong gold incident: a split (or merge) fusion did not make.
    if scorer_order:
        cands = sorted(((len(args_of(g) & args_of(p)), gi, pi) for gi, g in enumerate(gevs)
                        for pi, p in pevs.items() if ok(g, p)), reverse=True)
    else:
        cands = sorted(((len(args_of(g) & args_of(p)), same_date(g, p), -gi, -pi) for gi, g in enumerate(gevs)
                        for pi, p in pevs.items() if ok(g, p)), reverse=True)
        cands = [(n, -gi, -pi) for n, _, gi, pi in cands]
    out, used = {}, set()
    for _, gi, pi in cands:
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def _bcubed_pairwise(items: list[tuple[str, str]]) -> dict:
    """items: (gold cluster, predicted cluster) per gold event."""
    from collections import Counter
    from itertools import combinations

    n = len(items)
    both, gold_c, pred_c = Counter(items), Counter(g for g, _ in items), Counter(p for _, p in items)
    p = sum(both[i] / pred_c[i[1]] for i in items) / n if n else 0.0
    r = sum(both[i] / gold_c[i[0]] for i in items) / n if n else 0.0
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_g, same_p = a[0] == b[0], a[1] == b[1]
        tp += same_g and same_p
        fp += same_p and not same_g
        fn += same_g and not same_p
    pp = tp / (tp + fp) if tp + fp else 1.0
    pr = tp / (tp + fn) if tp + fn else 1.0

    def f(x, y):
        return 2 * x * y / (x + y) if x + y else 0.0

    return {"bcubed": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f(p, r), 3)},
            "pairwise": {"precision": round(pp, 3), "recall": round(pr, 3), "f1": round(f(pp, pr), 3),
                         "tp": tp, "fp": fp, "fn": fn}}


def run_fusion_set(name: str, extractor, scorer, diagnose: bool = False) -> dict:
    """Build the set's articles into an in-memory store (real extractor, fusion on), align the
    stored report events with gold events per document, score the incidents. With ``diagnose``
    (tuning sets only) the result also lists every gold pair fusion leaves split, and why."""
    from kg import pipeline
    from kg.graph import iris, mapping
    from kg.store.core import KGStore, graph_iri_for

    folder, tuning = FUSION_SETS[name]
    store = KGStore.open(None)
    report = pipeline.build([folder / "articles"], store, extractor=extractor, fuse=True)
    rows = store.query("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
                       "SELECT ?i ?r WHERE { ?i ckg:report ?r }").rows
    incident_of = {str(r): str(i) for i, r in rows}
    # A plan and the incident that carries it out are two incidents, in the gold too (the
    # "-plan" ids, tests/data/fusion/README.md): ckg:fulfils links them, and is not scored.
    items, unmatched, total = [], 0, 0
    where: list[tuple[str, int, Optional[str]]] = []  # per item: article, gold index, report IRI
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        doc_ids = [read_file(folder / "articles" / f"{gold['id']}.txt").meta.id]
        facts = None
        for d in doc_ids:
            try:
                facts = mapping.graph_to_facts(store.graph(graph_iri_for(d)), d)
                break
            except Exception:  # noqa: BLE001
                continue
        pred = json.loads(facts_io.dumps(facts)) if facts is not None else {"entities": [], "events": []}
        event_iris = iris.event_iris(facts.document.id, facts.events) if facts is not None else {}
        aligned = _align(gold, pred, scorer)
        for gi, ev in enumerate(gold["events"]):
            total += 1
            pi = aligned.get(gi)
            inc = None
            if pi is not None:
                inc = incident_of.get(str(event_iris[facts.events[pi].id]))
            if inc is None:
                unmatched += pi is None
                inc = f"single:{gold['id']}:{gi}"
            items.append((ev.get("incident") or f"gold-single:{gold['id']}:{gi}", inc))
            iri = str(event_iris[facts.events[pi].id]) if pi is not None else None
            where.append((gold["id"], gi, iri if pi is not None else _near_miss(ev, pred)))
    out = _bcubed_pairwise(items)
    out["ceiling"] = _extraction_ceiling(items)
    if diagnose and tuning:
        out["split_pairs"] = _split_pairs(items, where, store)
    out.update({"gold_events": total, "unmatched_gold_events": unmatched if tuning else None,
                "documents": report.documents})
    return out


def _extraction_ceiling(items: list[tuple[str, str]]) -> dict:
    """The scores a perfect fusion stage would get from these reports: every gold event the
    extractor read is put in its gold incident, every missed one stays alone. A total, not a
    list, so it is shown for the test part too: it tells how much of the gap between the figure
    and 1.0 is extraction's (1.0 minus the ceiling) and how much fusion's (the ceiling minus the
    figure), without a look at any test report."""
    fused = [(gold, gold if not pred.startswith("single:") else pred) for gold, pred in items]
    r = _bcubed_pairwise(fused)
    return {"bcubed_f1": r["bcubed"]["f1"], "pairwise_recall": r["pairwise"]["recall"],
            "pairwise_tp": r["pairwise"]["tp"]}


def _split_pairs(items: list[tuple[str, str]], where: list, store) -> list[dict]:
    """Every pair of gold events of one gold incident that the fused store puts in two
    incidents, with its cause: an extraction miss (a gold event without a report) or the
    fusion rule that kept the two reports apart (kg.fuse.compat.explain)."""
    from itertools import combinations

    from collections import defaultdict

    from kg.fuse.compat import compare, explain
    from kg.fuse.config import load_config
    from kg.fuse.index import store_reports

    cfg = load_config()
    reports = {r.iri: r for rs in store_reports(store).values() for r in rs}
    rows = store.query("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
                       "SELECT ?i ?r WHERE { ?i ckg:report ?r }").rows
    members: dict[str, list] = defaultdict(list)
    for i, r in rows:
        members[str(i)].append(reports[str(r)])
    out = []
    for (a, wa), (b, wb) in combinations(list(zip(items, where)), 2):
        if a[0] != b[0] or a[1] == b[1]:
            continue
        if not (wa[2] or "").startswith("http") or not (wb[2] or "").startswith("http"):
            cause = "extraction miss: " + "; ".join(
                f"{w[0]}#{w[1]} {w[2]}" for w in (wa, wb) if not (w[2] or "").startswith("http"))
        else:
            ra, rb = reports[wa[2]], reports[wb[2]]
            cause = explain(ra, rb, cfg)
            if not cause.startswith("veto") and (compare(ra, rb, cfg) or 0.0) >= cfg.threshold:
                cause += "; " + _linkage(members[a[1]], members[b[1]], cfg)
        out.append({"incident": a[0], "a": f"{wa[0]}#{wa[1]}", "b": f"{wb[0]}#{wb[1]}",
                    "reports": [wa[2], wb[2]], "cause": cause})
    return out


def hide_check_writers(split_pairs: list[dict], prefixes: list[str]) -> tuple[list[dict], int]:
    """The split pairs to show and the number held back: a pair with either article by a CHECK
    writer (its id starts with one of ``prefixes`` and a dash) is counted, not shown, so a round
    can use that writer as a check without seeing its errors (fusion round 19 asked for it)."""
    def check(pair: dict) -> bool:
        ids = (pair["a"].split("#")[0], pair["b"].split("#")[0])
        return any(i.startswith(f"{p}-") for i in ids for p in prefixes)
    shown = [p for p in split_pairs if not check(p)]
    return shown, len(split_pairs) - len(shown)


_ANCHOR = {"Deployment": "destination", "Attack": "location", "Capture": "place", "Meeting": "participants"}


def _near_miss(gold_event: dict, pred: dict) -> str:
    """What the article's reports of a missed gold event's type say in its anchor role (for
    --diagnose: a report with another anchor is a wrong argument, none of the type a missed event)."""
    names = {e["id"]: e["name"] for e in pred.get("entities", [])}
    role = _ANCHOR.get(gold_event["type"], "")
    seen = sorted({f"{ev.get('modality', 'asserted')} {role} {[names.get(i, i) for i in ev.get('roles', {}).get(role, [])]}"
                   f" {(ev.get('date') or {}).get('value')}"
                   for ev in pred.get("events", []) if ev.get("type") == gold_event["type"]})
    want = f"{gold_event['type']} {role} {gold_event.get('roles', {}).get(role, [])} {gold_event.get('date')}"
    return f"(gold {want}; " + (f"the article's: {', '.join(seen)})" if seen else "no report of its type)")


def _linkage(xs: list, ys: list, cfg) -> str:
    """Why two incidents whose given reports pass stay two: average linkage (kg.fuse.cluster)
    joins groups only when no pair across them is vetoed and their mean score is enough."""
    from kg.fuse.compat import compare, explain

    scores = []
    for x in xs:
        for y in ys:
            s = compare(x, y, cfg)
            if s is None:
                return f"linkage: vetoed by {x.doc_id[:30]} / {y.doc_id[:30]} ({explain(x, y, cfg)})"
            scores.append(s)
    return f"linkage: mean {sum(scores) / len(scores):.2f} over {len(scores)} pairs"


def _fusion_row(name: str, r: dict) -> str:
    b, p = r["bcubed"], r["pairwise"]
    miss = f", extractor missed {r['unmatched_gold_events']} of them" if r.get("unmatched_gold_events") is not None else ""
    return (f"{name} ({r['documents']} articles, {r['gold_events']} gold events{miss}): "
            f"B-cubed P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}; "
            f"pairwise P {p['precision']:.3f} R {p['recall']:.3f} F1 {p['f1']:.3f}"
            + (f"; a perfect fusion of the reports read: B-cubed F1 {r['ceiling']['bcubed_f1']:.3f}, "
               f"{r['ceiling']['pairwise_tp']} pairs" if r.get("ceiling") else ""))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
