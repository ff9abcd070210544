"""Train the learned recall proposer (kg/extract/learned_recall.py) on the dev gold and print its
cross-validation by batch (docs/learned.md, "Session 19: a learned proposer"). ``make train`` runs it.

    .venv/bin/python scripts/train_recall_proposer.py [--cv-only] [--cache FILE] [--limit N]

1. The rules (filter, ranker and proposer off: the events as the proposer sees them) extract every
   article of the dev sets (realnews-dev, written-dev, fusion-dev; never a test or held-out set);
   the first-run rows (tests/data/learned/first_run_facts.jsonl: each realnews batch's dev
   articles as the rules of its first run extracted them) are read beside them.
2. Each report's candidates (a sentence with a trigger word of a scored type and no scored event
   of the type from the rules, an anchor to build the event on) are labelled by the scorer: the
   built event matches a gold event the rules leave unmatched = a positive.
3. Cross-validation by batch: every realnews-dev batch (its current and first-run rows together)
   and written-dev + fusion-dev (one group) is held out in turn; the model is trained on the
   rest (never on CHECK batches' or batch S's first-run rows), its threshold chosen on the rest
   alone (an inner 4-fold cross-validation over their groups: best event F1 of the real scorer,
   then argument F1, then the higher threshold), and the held-out reports scored with and
   without the proposals. Then the licence rule's verdict (docs/learned.md).
4. Unless ``--cv-only``: the threshold chosen on all dev (out-of-group scores), the model trained
   on all dev, written to ``kg/data/models/recall_proposer`` and the threshold to
   ``kg/data/learned.yaml`` (its ``enabled`` left as it is).

Deterministic: no random numbers (full-batch training from zero; groups in sorted order).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval as kg_eval  # noqa: E402  (scripts/eval.py: the sets, the scorer)
from train_event_filter import CHECK_BATCHES, DEV_SETS, FIRST_RUN_FILE, batch_of, extract_dev, first_run_records  # noqa: E402
from kg.extract import facts as facts_io  # noqa: E402
from kg.extract import learned_recall as lr  # noqa: E402
from learned_settings import write_setting  # noqa: E402

THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, float("inf")]  # inf: never propose
INNER = 4
#: first-run rows never trained on: the CHECK batches' and batch S's (the licence rule's part 2)
NO_FIRST_RUN_TRAINING = tuple(CHECK_BATCHES) + ("S",)
OTHER = "written+fusion"


@dataclass
class Article:
    set: str  # realnews-dev, written-dev, fusion-dev or first-run
    id: str
    group: str  # batch letter, or written+fusion
    gold: dict
    facts: dict  # the rules' facts, JSON
    cands: list = field(default_factory=list)  # lr.Candidate
    cjson: list = field(default_factory=list)  # each candidate's event, JSON
    labels: list = field(default_factory=list)

    @property
    def trainable(self) -> bool:
        return not (self.set == "first-run" and self.group in NO_FIRST_RUN_TRAINING)


def event_json(ev) -> dict:
    d = {"id": ev.id or "P", "type": ev.type, "trigger": asdict(ev.trigger), "roles": {r: list(v) for r, v in ev.roles.items()},
         "quantities": {}, "date": asdict(ev.date) if ev.date else None, "modality": ev.modality,
         "confidence": 0.5, "evidence": asdict(ev.evidence)}
    return d


def build(records, scorer, batches, settings, triggers, nlp=None) -> list[Article]:
    """Each report's candidates and labels; ``nlp``: parse each candidate's sentence (alone) for
    the parse features."""
    out = []
    for name, gold, facts, sentences, published in records:
        gid = gold["id"]
        group = batches.get(gid, "?") if name in ("realnews-dev", "first-run") else OTHER
        fj = json.loads(facts_io.dumps(facts))
        a = Article(name, gid, group, gold, fj)
        cache = {}

        def span_of(i, sentences=sentences, cache=cache):
            if i not in cache:
                cache[i] = nlp(sentences[i])[:]
            return cache[i]
        a.cands = lr.candidates(sentences, facts.entities, facts.events, triggers, published, settings,
                                span_of=span_of if nlp is not None else None)
        a.cjson = [event_json(c.event) for c in a.cands]
        base = scorer.score(gold, fj)["events"]["tp"]
        for k, cj in enumerate(a.cjson):
            cj["id"] = f"P{k + 1}"
            a.labels.append(scorer.score(gold, dict(fj, events=fj["events"] + [cj]))["events"]["tp"] > base)
        out.append(a)
    return out


def examples(arts) -> list:
    return [(c.feats, lab) for a in arts if a.trainable for c, lab in zip(a.cands, a.labels)]


def proposed(a: Article, probs: list[float], threshold: float) -> dict:
    kept = lr.choose(a.cands, probs, threshold)
    idx = {id(c): k for k, c in enumerate(a.cands)}
    return dict(a.facts, events=a.facts["events"] + [a.cjson[idx[id(c)]] for c, _ in kept])


def score(arts, scorer, probs=None, threshold=float("inf")) -> dict:
    res = []
    for a in arts:
        fj = a.facts if probs is None else proposed(a, probs[(a.set, a.id)], threshold)
        res.append(scorer.score(a.gold, fj))
    return scorer.total(res)


def predict(weights, arts) -> dict:
    return {(a.set, a.id): [lr.prob(weights, c.feats) for c in a.cands] for a in arts}


def best_threshold(arts, probs, scorer) -> float:
    def key(t):
        s = score(arts, scorer, probs, t)
        return (round(s["events"]["f1"], 9), round(s["arguments"]["f1"], 9), t)
    return max(THRESHOLDS, key=key)


def inner_threshold(train, scorer) -> float:
    train = [a for a in train if a.trainable]
    groups = sorted({a.group for a in train})
    fold = {g: i % INNER for i, g in enumerate(groups)}
    probs = {}
    for f in range(min(INNER, len(groups))):
        w = lr.train(examples([a for a in train if fold[a.group] != f]))
        probs.update(predict(w, [a for a in train if fold[a.group] == f]))
    return best_threshold(train, probs, scorer)


def fmt(s: dict) -> str:
    e, a = s["events"], s["arguments"]
    return f"{e['precision']:.3f} {e['recall']:.3f} {e['f1']:.3f}  {a['precision']:.3f} {a['recall']:.3f} {a['f1']:.3f}"


def tfm(s: dict) -> str:
    e = s["events"]
    return f"{e['tp']}/{e['fp']}/{e['fn']}"


def cross_validate(arts, scorer, fixed: float | None = None) -> dict:
    groups = sorted({a.group for a in arts}, key=lambda g: (len(g) > 1, g))
    probs, thr = {}, {}
    print(f"{'held out':<15} {'thr':>5}  {'rules: ev P R F1  args P R F1':<36} {'proposed: ev P R F1  args P R F1':<36} "
          f"tp/fp/fn rules -> proposed   (first-run rows: events F1 rules -> proposed)")
    rows = []
    for g in groups:
        train = [a for a in arts if a.group != g]
        test = [a for a in arts if a.group == g]
        t = inner_threshold(train, scorer) if fixed is None else fixed
        w = lr.train(examples(train))
        probs.update(predict(w, test))
        thr[g] = t
        cur = [a for a in test if a.set != "first-run"]
        fr = [a for a in test if a.set == "first-run"]
        r, n = score(cur, scorer), score(cur, scorer, probs, t)
        rows.append((g, r, n))
        extra = ""
        if fr:
            fr0, fr1 = score(fr, scorer), score(fr, scorer, probs, t)
            extra = f"   first-run {fr0['events']['f1']:.3f} -> {fr1['events']['f1']:.3f} ({tfm(fr0)} -> {tfm(fr1)})"
        label = g + (" (CHECK)" if g in CHECK_BATCHES else "")
        print(f"{label:<15} {t:>5.2f}  {fmt(r):<36} {fmt(n):<36} {tfm(r)} -> {tfm(n)}{extra}", flush=True)
    totals = {}
    for name in ("realnews-dev", "written-dev", "fusion-dev", "first-run"):
        part = [a for a in arts if a.set == name]
        if not part:
            continue
        r = score(part, scorer)
        n = scorer.total([scorer.score(a.gold, proposed(a, probs[(a.set, a.id)], thr[a.group])) for a in part])
        totals[name] = (r, n)
        print(f"{'TOTAL':<15} {'':>5}  {fmt(r):<36} {fmt(n):<36} {tfm(r)} -> {tfm(n)}  {name}")
    for label, sel in (("LOOK", lambda a: a.group not in CHECK_BATCHES), ("CHECK", lambda a: a.group in CHECK_BATCHES)):
        for name in ("realnews-dev", "first-run"):
            part = [a for a in arts if a.set == name and sel(a) and a.group != "?"]
            r = score(part, scorer)
            n = scorer.total([scorer.score(a.gold, proposed(a, probs[(a.set, a.id)], thr[a.group])) for a in part])
            print(f"{label:<6} {name:<13} events {r['events']['f1']:.3f} -> {n['events']['f1']:.3f}, "
                  f"arguments {r['arguments']['f1']:.3f} -> {n['arguments']['f1']:.3f}")
    rn = [(g, r, n) for g, r, n in rows if len(g) == 1]
    up = sum(n["events"]["f1"] > r["events"]["f1"] for _, r, n in rn)
    down = sum(n["events"]["f1"] < r["events"]["f1"] for _, r, n in rn)
    print(f"realnews-dev batches: events F1 up in {up}, same in {len(rn) - up - down}, down in {down} of {len(rn)}")
    s_fr = [a for a in arts if a.set == "first-run" and a.group == "S"]
    verdict = {}
    if "realnews-dev" in totals:
        r, n = totals["realnews-dev"]
        verdict["1"] = (n["events"]["f1"] > r["events"]["f1"] and up > down
                        and n["arguments"]["f1"] >= r["arguments"]["f1"])
    if s_fr:
        s0, s1 = score(s_fr, scorer), score(s_fr, scorer, probs, thr["S"])
        verdict["2"] = s1["events"]["f1"] >= s0["events"]["f1"]
        print(f"S-dev first run (8aa5f21), held out: events {s0['events']['f1']:.3f} -> {s1['events']['f1']:.3f} "
              f"({tfm(s0)} -> {tfm(s1)}), arguments {s0['arguments']['f1']:.3f} -> {s1['arguments']['f1']:.3f}")
    print("licence rule parts 1, 2 (docs/learned.md): " + ", ".join(f"({k}) {'met' if v else 'NOT met'}" for k, v in verdict.items())
          + (" -> part 3 (seed, fusion-dev) to check with it on" if verdict and all(verdict.values()) else " -> keep DISABLED"))
    return {"probs": probs, "thresholds": thr, "totals": totals}


def write_threshold(t: float, path: Path = lr.SETTINGS_FILE) -> None:
    """Write the chosen value into learned.yaml (scripts/learned_settings.py)."""
    write_setting("recall_proposer", "threshold", t, path)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(DEV_SETS), choices=DEV_SETS)
    ap.add_argument("--out", type=Path, default=lr.MODEL_DIR)
    ap.add_argument("--cv-only", action="store_true", help="print the CV table; write no model")
    ap.add_argument("--no-cv", action="store_true", help="train and write the model without the CV table")
    ap.add_argument("--threshold", type=float, help="CV with this threshold in every fold instead of one chosen "
                    "inside the training folds (a diagnostic: what proposing would do; with --cv-only)")
    ap.add_argument("--no-parse", action="store_true", help="without the parse features")
    ap.add_argument("--no-first-run", action="store_true", help="without the first-run rows")
    ap.add_argument("--cache", type=Path, help="keep the rules' output here and reuse it (stale once the rules change)")
    ap.add_argument("--limit", type=int, default=0, help="the first N articles of each set only (tests)")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    scorer = kg_eval.load_scorer()
    settings = lr.load_settings()
    if args.cache and args.cache.exists():
        records = pickle.loads(args.cache.read_bytes())
    else:
        from kg.extract import Extractor

        extractor = Extractor()
        extractor.event_filter = extractor.anchor_ranker = extractor.recall_proposer = None  # the rules' events
        records = extract_dev(args.sets, extractor, args.limit)
        if not args.no_first_run and "realnews-dev" in args.sets:
            golds = {g["id"]: g for name, g, *_ in records if name == "realnews-dev"}
            records += first_run_records(FIRST_RUN_FILE, golds)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(records))
    records = [r for r in records if r[0] in args.sets or r[0] == "first-run" and not args.no_first_run]
    from kg.extract.events import Triggers

    from kg.extract.nlp import load_model

    arts = build(records, scorer, batch_of(), settings, Triggers.load(), None if args.no_parse else load_model())
    for name in ("realnews-dev", "written-dev", "fusion-dev", "first-run"):
        part = [a for a in arts if a.set == name]
        if part:
            n = sum(len(a.cands) for a in part)
            pos = sum(sum(a.labels) for a in part)
            bytype = {}
            for a in part:
                for c, lab in zip(a.cands, a.labels):
                    p, q = bytype.get(c.type, (0, 0))
                    bytype[c.type] = (p + lab, q + 1)
            oracle = scorer.total([scorer.score(a.gold, dict(a.facts, events=a.facts["events"] + [
                cj for cj, lab in zip(a.cjson, a.labels) if lab])) for a in part])
            print(f"{name}: {len(part)} reports, {n} candidates, {pos} positive "
                  f"({', '.join(f'{t} {p}/{q}' for t, (p, q) in sorted(bytype.items()))}); "
                  f"oracle events F1 {score(part, scorer)['events']['f1']:.3f} -> {oracle['events']['f1']:.3f}")
    print(f"({time.perf_counter() - started:.0f} s to extract and label)", flush=True)
    cv = None if args.no_cv else cross_validate(arts, scorer, args.threshold)
    if not args.cv_only:
        if cv is not None:
            t = best_threshold([a for a in arts if a.trainable], cv["probs"], scorer)
        else:
            t = inner_threshold(arts, scorer)
        weights = lr.train(examples(arts))
        lr.save(weights, args.out, threshold=None if t == float("inf") else t,
                examples=len(examples(arts)), sets=list(args.sets))
        print(f"model written to {args.out} ({len(weights)} weights); threshold "
              f"{'never' if t == float('inf') else f'{t:.2f}'} (best event F1 of the out-of-group models on all dev)")
        if args.out == lr.MODEL_DIR:
            write_threshold(t)
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
