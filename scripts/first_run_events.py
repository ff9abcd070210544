"""The first-run event census: each realnews-dev LOOK batch's false and missed events as the code of
its FIRST run made them (tests/data/learned/first_run_facts.jsonl, scripts/first_run_rows.py: the
rules before anyone read the batch), which of them today's code still makes, and by what mechanism.

Why: dev is tuned, so today's dev errors say little about unseen text; a batch's first run is the
honest picture of what the rules do to text they were never fitted to (docs/extraction.md, round 43;
the entities' twin is scripts/first_run_entities.py). Alignment is the scorer's (tests/eval/score.py).

A missed gold event is *still present* when today's extraction of the article misses the same gold
event; a false event is still present when today's extraction makes an unmatched event of the same
type with the same anchor (an attack's location, a capture's place, a deployment's destination, a
meeting's participants; "-" when it has none).

Mechanism classes (one per error, the first that holds, in this order):
  missed gold events
    modality        an event of its type with the gold's anchor was made, but not asserted
    type            an event of another type has the gold's anchor (type confusion)
                    (the false events below are those that are no second report of a matched gold event)
    coarser         a false event of its type is anchored at a country, province or area
                    (gazetteer feature class A or L), coarser than the gold's place
    other place     a false event of its type is anchored elsewhere (or at nothing)
    anchor read     no false event of its type, and the gold's anchor was read as an entity
    anchor not read no false event of its type, and the gold's anchor is no entity of the output
  false events
    modality        the event is not asserted (a Meeting or Deployment the scorer still counts)
    second report   its anchor is that of a gold event of its type matched by another event
    type            its anchor is the anchor of a gold event of another type
    coarser         its anchor is a country, province or area and a gold event of its type is missed
    background      dated in a year of no gold event of the article
    other place     anything else (no gold event there)

    python scripts/first_run_events.py                 # counts by class, LOOK batches
    python scripts/first_run_events.py --list          # every first-run error, "today" or "fixed"
    python scripts/first_run_events.py --json > census.json
    python scripts/first_run_events.py --no-today      # first-run classes only (no extraction)

CHECK batches (H, J, M) are never read: their rows are skipped before scoring.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from entity_scores import CHECK_BATCHES, load_scorer  # noqa: E402

FILE = ROOT / "tests" / "data" / "learned" / "first_run_facts.jsonl"
GOLD = ROOT / "tests" / "data" / "realnews" / "dev" / "gold"
ARTICLES = ROOT / "tests" / "data" / "realnews" / "dev" / "articles"
MANIFESTS = ROOT / "tests" / "data" / "realnews" / "manifest.d"
#: Every batch of manifest.d but the CHECK ones: a new batch joins the census by itself.
LOOK_BATCHES = tuple(sorted(p.stem for p in MANIFESTS.glob("*.tsv") if len(p.stem) == 1 and p.stem not in CHECK_BATCHES))
ANCHOR = {"Attack": "location", "Capture": "place", "Deployment": "destination", "Meeting": "participants"}
COARSE_CLASSES = ("A", "L")  # GeoNames: admin divisions and countries, areas
MISSED_CLASSES = ("modality", "type", "coarser", "other place", "anchor read", "anchor not read")
FALSE_CLASSES = ("modality", "second report", "type", "coarser", "background", "other place")


def rows(path: Path = FILE, batches: tuple[str, ...] = LOOK_BATCHES) -> list[dict]:
    """The first-run rows of the chosen batches (never a CHECK batch's)."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        r = json.loads(line)
        if r["batch"] in batches and r["batch"] not in CHECK_BATCHES:
            out.append(r)
    return out


def _norm_names(scorer, ent: dict) -> set[str]:
    return {scorer.norm(n) for n in [ent.get("name", "")] + list(ent.get("aliases") or [])}


def _year(ev: dict) -> str | None:
    d = ev.get("date")
    v = d.get("value") if isinstance(d, dict) else d
    return str(v)[:4] if v else None


def _counted(scorer, ev: dict) -> bool:
    """Whether the scorer counts this predicted event (its type and modality)."""
    t, mod = ev.get("type"), ev.get("modality", "asserted")
    return t in scorer.EVENT_TYPES and mod != "negated" and not (t in scorer.FACTUAL_ONLY and mod != "asserted")


def _anchor_names(scorer, ev: dict, by_id: dict) -> list[set[str]]:
    """The normalised names of each entity in the event's anchor role."""
    ids = (ev.get("roles") or {}).get(ANCHOR.get(ev.get("type"), ""), [])
    return [_norm_names(scorer, by_id[i]) for i in (ids if isinstance(ids, list) else [ids]) if i in by_id]


def _gold_anchor(scorer, gev: dict) -> list[str]:
    return [scorer.norm(n) for n in (gev.get("roles") or {}).get(ANCHOR.get(gev["type"], ""), [])]


def _gold_names(scorer, gold: dict) -> dict[str, set[str]]:
    """Each gold entity's name (normalised) -> all its normalised names, to compare anchors as the scorer does."""
    out = {}
    for e in gold["entities"]:
        names = scorer.names_of(e)
        for n in names:
            out[n] = names
    return out


def _shares(anchor_sets: list[set[str]], gold_anchor: list[str], gnames: dict[str, set[str]], need: int = 1) -> bool:
    hits = 0
    for g in gold_anchor:
        names = gnames.get(g, {g})
        if any(names & a for a in anchor_sets):
            hits += 1
    return hits >= need


def align(scorer, gold: dict, facts: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """The scorer's alignment of one article: (unmatched predicted events, missed gold events, matched
    gold events). A predicted event is unmatched when dropping it costs no true event."""
    base = scorer.score(gold, facts)
    tp = base["events"]["tp"]
    evs = facts["events"]
    false = []
    for k, ev in enumerate(evs):
        if not _counted(scorer, ev):
            continue
        rest = {"entities": facts["entities"], "events": evs[:k] + evs[k + 1:]}
        if scorer.score(gold, rest)["events"]["tp"] == tp:
            false.append(ev)
    missed = base["unmatched_gold_events"]
    keys = collections.Counter(_gkey(m) for m in missed)
    matched = []
    for g in gold["events"]:
        k = _gkey(g)
        if keys[k]:
            keys[k] -= 1
        else:
            matched.append(g)
    return false, missed, matched


def _gkey(g: dict) -> str:
    return json.dumps([g["type"], g.get("roles"), g.get("quantities")], sort_keys=True)


def _pkey(scorer, ev: dict, by_id: dict) -> str:
    anchors = sorted(sorted(a) for a in _anchor_names(scorer, ev, by_id))
    return json.dumps([ev["type"], anchors or "-"])


def _coarse(ev: dict, by_id: dict) -> bool:
    ids = (ev.get("roles") or {}).get(ANCHOR.get(ev.get("type"), ""), [])
    return any((by_id[i].get("attributes") or {}).get("feature_class") in COARSE_CLASSES
               for i in ids if i in by_id)


def classify_missed(scorer, gev: dict, facts: dict, false: list[dict], gnames: dict) -> str:
    by_id = {e["id"]: e for e in facts["entities"]}
    t = gev["type"]
    ga = _gold_anchor(scorer, gev)
    need = 2 if t == "Meeting" else 1
    for ev in facts["events"]:
        if ev.get("type") == t and not _counted(scorer, ev) and ev.get("modality", "asserted") != "negated" \
                and _shares(_anchor_names(scorer, ev, by_id), ga, gnames, need):
            return "modality"
    for ev in false:
        if ev.get("type") != t and ev.get("type") in ANCHOR and ev.get("type") != "Meeting" \
                and _shares(_anchor_names(scorer, ev, by_id), ga, gnames):
            return "type"
    same = [ev for ev in false if ev.get("type") == t]
    if same:
        return "coarser" if any(_coarse(ev, by_id) for ev in same) and t != "Meeting" else "other place"
    names = set().union(*[_norm_names(scorer, e) for e in facts["entities"]]) if facts["entities"] else set()
    read = [g for g in ga if gnames.get(g, {g}) & names]
    if t == "Deployment" and not ga:
        return "anchor read"  # (a deployment anchored by its troop count: nothing to read)
    return "anchor read" if len(read) >= min(need, len(ga)) and ga else "anchor not read"


def classify_false(scorer, ev: dict, facts: dict, gold: dict, missed: list[dict], matched: list[dict],
                   gnames: dict) -> str:
    by_id = {e["id"]: e for e in facts["entities"]}
    t = ev["type"]
    if ev.get("modality", "asserted") != "asserted":
        return "modality"
    anchors = _anchor_names(scorer, ev, by_id)
    need = 2 if t == "Meeting" else 1
    if anchors and any(g["type"] == t and _shares(anchors, _gold_anchor(scorer, g), gnames, need) for g in matched):
        return "second report"
    if anchors and any(g["type"] != t and g["type"] != "Meeting" and t != "Meeting"
                       and _shares(anchors, _gold_anchor(scorer, g), gnames) for g in gold["events"]):
        return "type"
    if t != "Meeting" and _coarse(ev, by_id) and any(g["type"] == t for g in missed):
        return "coarser"
    years = {str(d)[:4] for g in gold["events"] for d in ([g["date"]] if isinstance(g.get("date"), str)
                                                          else (g.get("date") or [])) if d}
    y = _year(ev)
    if y and years and y not in years:
        return "background"
    return "other place"


def article(scorer, gold: dict, facts: dict) -> list[dict]:
    """One article's errors: each false event and missed gold event, with its class and key."""
    gnames = _gold_names(scorer, gold)
    by_id = {e["id"]: e for e in facts["entities"]}
    false, missed, matched = align(scorer, gold, facts)
    false_rows = [{"kind": "false", "type": ev["type"], "key": _pkey(scorer, ev, by_id),
                   "anchor": [by_id[i]["name"] for i in (ev.get("roles") or {}).get(ANCHOR.get(ev["type"], ""), [])
                              if i in by_id] or ["-"],
                   "evidence": (ev.get("evidence") or {}).get("text", "")[:160],
                   "class": classify_false(scorer, ev, facts, gold, missed, matched, gnames)} for ev in false]
    # (a second report sits at a matched gold event's place: no misplaced or mistyped telling of a missed one)
    others = [ev for ev, row in zip(false, false_rows) if row["class"] != "second report"]
    out = [{"kind": "missed", "type": g["type"], "key": _gkey(g),
            "anchor": _gold_anchor(scorer, g) or [str((g.get("quantities") or {}).get("troops", "-"))],
            "class": classify_missed(scorer, g, facts, others, gnames)} for g in missed]
    return out + false_rows


def compare(first: list[dict], today: list[dict]) -> list[dict]:
    """Each first-run error marked still present (today: True) when today's errors hold its kind and key
    (as many times as today has it), with its class today (class_today: what today's output makes of it)."""
    left: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for e in today:
        left[(e["kind"], e["key"])].append(e)
    out = []
    for e in first:
        k = (e["kind"], e["key"])
        now = left[k].pop(0) if left[k] else None
        out.append(dict(e, today=now is not None, class_today=now["class"] if now else None))
    return out


def counts(listed: dict[str, dict]) -> dict:
    """Per kind and class: first-run errors of the class (their class on the first run), and those still
    present today of the class (their class today), with their distinct batches."""
    out: dict = {}
    for kind, classes in (("missed", MISSED_CLASSES), ("false", FALSE_CLASSES)):
        out[kind] = {}
        for c in classes:
            errs = [(a["batch"], e) for a in listed.values() for e in a["errors"] if e["kind"] == kind and e["class"] == c]
            now = [(b, e) for a in listed.values() for e in a["errors"]
                   if e["kind"] == kind and e.get("today") and e.get("class_today") == c for b in [a["batch"]]]
            out[kind][c] = {"first_run": len(errs), "today": len(now),
                            "batches_first_run": sorted({b for b, _ in errs}),
                            "batches_today": sorted({b for b, _ in now})}
    return out


def census(batches: tuple[str, ...] = LOOK_BATCHES, today: bool = True) -> dict:
    scorer = load_scorer()
    extractor = None
    if today:
        from kg.extract import Extractor
        from kg.extract import facts as facts_io
        from kg.read.reader import read_file
        extractor = Extractor()
    totals = {"first_run": {"tp": 0, "fp": 0, "fn": 0}, "today": {"tp": 0, "fp": 0, "fn": 0}}
    listed: dict[str, dict] = {}
    for r in rows(batches=batches):
        gold = json.loads((GOLD / f"{r['id']}.json").read_text("utf-8"))
        first_facts = {"entities": r["entities"], "events": r["events"]}
        s = scorer.score(gold, first_facts)["events"]
        for k in ("tp", "fp", "fn"):
            totals["first_run"][k] += s[k]
        first = article(scorer, gold, first_facts)
        if extractor is not None:
            now_facts = json.loads(facts_io.dumps(extractor.extract(read_file(ARTICLES / f"{r['id']}.txt"))))
            s = scorer.score(gold, now_facts)["events"]
            for k in ("tp", "fp", "fn"):
                totals["today"][k] += s[k]
            errs = compare(first, article(scorer, gold, now_facts))
        else:
            errs = [dict(e, today=None) for e in first]
        listed[r["id"]] = {"batch": r["batch"], "errors": errs}
    return {"batches": [b for b in batches if b not in CHECK_BATCHES], "totals": totals,
            "articles": listed, "classes": counts(listed)}


def _f1(t: dict) -> float:
    return 2 * t["tp"] / (2 * t["tp"] + t["fp"] + t["fn"]) if t["tp"] else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", nargs="+", default=list(LOOK_BATCHES))
    ap.add_argument("--list", action="store_true", help="every first-run error of the chosen LOOK batches")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-today", action="store_true", help="no extraction today: first-run classes only")
    args = ap.parse_args(argv)
    res = census(tuple(args.batches), today=not args.no_today)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    if args.list:
        for doc, a in res["articles"].items():
            for e in a["errors"]:
                mark = {True: "today", False: "fixed", None: "-"}[e["today"]]
                cls = e["class"] + (f" -> {e['class_today']}" if e.get("class_today") not in (None, e["class"]) else "")
                print(f"{a['batch']}\t{doc}\t{mark}\t{e['kind']}\t{e['type']}\t{cls}\t{'; '.join(e['anchor'])}"
                      f"\t{e.get('evidence', '')}")
    for when, t in res["totals"].items():
        if t["tp"] or t["fp"] or t["fn"]:
            print(f"{when:9} batches {' '.join(res['batches'])}: events {t['tp']} tp / {t['fp']} fp / {t['fn']} fn, "
                  f"F1 {_f1(t):.3f}")
    for kind, classes in res["classes"].items():
        for c, v in sorted(classes.items(), key=lambda kv: -len(kv[1]["batches_today"])):
            print(f"{kind:6} {c:15} first run {v['first_run']:3} ({len(v['batches_first_run']):2} batches), "
                  f"today {v['today']:3} ({len(v['batches_today']):2} batches: {' '.join(v['batches_today'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
