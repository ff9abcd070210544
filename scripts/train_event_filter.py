"""Train the learned event filter (kg/extract/learned.py) on the dev gold and print its
cross-validation table (docs/learned.md). ``make train`` runs it.

    .venv/bin/python scripts/train_event_filter.py [--folds 5] [--sets realnews-dev ...]
                                                    [--out DIR] [--cv-only] [--no-first-run] [--batch-cv]
                                                    [--hold-out Q R ... [--shipped DIR]]
                                                    [--threshold-rows current|first-run] [--threshold-cv]

1. The rules (the filter off) extract every article of the dev sets (realnews-dev, written-dev,
   fusion-dev; never a test or held-out set). Each predicted event the scorer counts is
   aligned with the gold as tests/eval/score.py aligns them (``scripts/eval.py``'s ``_align``
   in scorer order): matched = keep, unmatched = spurious (a wrong type, a background or generic
   event, a plan told as fact, a second report of one event). Added to the training rows (round
   26, docs/learned.md): the LOOK batches' first-run facts (``--first-run``, default
   tests/data/learned/first_run_facts.jsonl from scripts/first_run_rows.py: each batch's dev
   articles as the rules of its first run extracted them), labelled against today's gold and
   featured by today's code; never CHECK H J M's. ``--batch-cv`` prints the by-batch comparison.
2. Cross-validation by article group (k folds; a fusion cluster's articles stay in one fold):
   train on k-1 folds, choose the threshold on those folds alone (an inner cross-validation
   over them, best event F1 by the real scorer), filter the held-out fold, score it. Printed:
   events and arguments P R F1 per fold and in total, with and without the filter, per set.
``--hold-out`` (session 20) holds out each named realnews-dev batch whole and compares the
   shipped model with one trained without it on the batch's current and first-run rows.
3. Unless ``--cv-only``: the threshold chosen on all dev's out-of-fold scores, the model trained
   on all dev, written to ``kg/data/models/event_filter`` and the threshold to
   ``kg/data/learned.yaml`` (its ``enabled`` is left as it is). Both ways of choosing it are
   printed: on the current rows (best event F1, then argument F1, then the lower threshold) and
   on the LOOK batches' first-run rows (session 21: best event F1, then argument F1, then the
   higher threshold); ``--threshold-rows`` says which is written (first-run since session 21;
   ``current`` the old way). ``--threshold-cv`` (session 21) compares the two by-batch and prints
   the verdict of its rule (docs/learned.md).

Deterministic: fixed seeds, folds from sorted ids, so two runs write the same model.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval as kg_eval  # noqa: E402  (scripts/eval.py: the sets, the scorer, the alignment)
from kg.extract import facts as facts_io  # noqa: E402
from kg.extract import learned  # noqa: E402
from kg.extract.nlp import parse  # noqa: E402
from kg.read.reader import read_file  # noqa: E402
from learned_settings import write_setting  # noqa: E402

DEV_SETS = ("realnews-dev", "written-dev", "fusion-dev")
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 16)]  # 0.05 .. 0.75
SEED = 0


@dataclass
class Article:
    """One dev article: its gold, the rules' facts (JSON) and each judged event's features and label."""

    set: str
    id: str
    group: str
    gold: dict
    facts: dict
    judged: list[int] = field(default_factory=list)  # indices into facts["events"]
    features: list[list[str]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)


def dev_pairs(name: str) -> list[tuple[Path, Path]]:
    """(gold, article) of a dev set; fusion-dev's from its folder."""
    if name == "fusion-dev":
        folder = kg_eval.FUSION_SETS[name][0]
        return [(g, folder / "articles" / f"{json.loads(g.read_text('utf-8'))['id']}.txt")
                for g in sorted((folder / "gold").glob("*.json"))]
    es = kg_eval.SETS[name]()
    assert es.tuning, f"{name} is not a tuning set"
    return es.pairs()


def group_of(set_name: str, gid: str) -> str:
    """Articles of one fusion cluster (and syndicated copies) share a fold: ``i04-a-...`` -> i04."""
    if set_name == "fusion-dev":
        return f"{set_name}:{gid.split('-')[0]}"
    return f"{set_name}:{gid}"


def extract_dev(set_names, extractor, limit: int = 0) -> list[tuple]:
    """(set, gold, rules' Facts, sentence texts, publication date) of every dev article (the
    first ``limit`` of each set if given)."""
    out = []
    for name in set_names:
        pairs = dev_pairs(name)
        for gold_path, path in pairs[:limit] if limit else pairs:
            doc = read_file(path)
            parsed = parse(extractor.nlp, doc.text)
            out.append((name, json.loads(gold_path.read_text("utf-8")), extractor._facts(doc, parsed),
                        [s.text for s in parsed.sentences], _date(doc.meta.published)))
    return out


def label(records: list[tuple], scorer) -> list[Article]:
    """Each judged event's feature words and label: matched by the scorer's alignment = keep."""
    out = []
    for name, gold, facts, sentences, published in records:
        fj = json.loads(facts_io.dumps(facts))
        matched = set(kg_eval._align(gold, fj, scorer, scorer_order=True).values())
        art = Article(name, gold["id"], group_of(name, gold["id"]), gold, fj)
        by_id = {e.id: e for e in facts.entities}
        for i, ev in enumerate(facts.events):
            if learned.scored(ev):
                art.judged.append(i)
                art.features.append(learned.event_features(ev, facts.events, by_id, sentences, published))
                art.labels.append(i in matched)
        out.append(art)
    return out


FIRST_RUN_FILE = ROOT / "tests" / "data" / "learned" / "first_run_facts.jsonl"
#: realnews-dev batches whose totals only are looked at (docs/extraction-quality.md): never
#: trained on as first-run rows, held out as one group in the by-batch cross-validation.
CHECK_BATCHES = ("H", "J", "M")


def batch_of() -> dict[str, str]:
    """realnews-dev article id -> its batch letter (tests/data/realnews/manifest.d)."""
    import csv

    out = {}
    for path in sorted((ROOT / "tests" / "data" / "realnews" / "manifest.d").glob("*.tsv")):
        with path.open(encoding="utf-8") as fh:
            out.update({r["id"]: path.stem for r in csv.DictReader(fh, delimiter="\t")})
    return out


def first_run_records(path: Path, golds: dict[str, dict], batches=None) -> list[tuple]:
    """The first-run facts (scripts/first_run_rows.py: each batch's dev articles extracted by the
    code of the batch's first run) as records like ``extract_dev``'s: today's gold, the old
    facts read into today's models (today's feature code reads them), the old sentence texts,
    today's publication date. Set name ``first-run``; articles without gold today are skipped."""
    import dataclasses

    out = []
    for line in path.read_text("utf-8").splitlines():
        r = json.loads(line)
        if r["id"] not in golds or (batches is not None and r["batch"] not in batches):
            continue
        doc = read_file(ROOT / "tests" / "data" / "realnews" / "dev" / "articles" / f"{r['id']}.txt")
        clean = lambda d: {k: v for k, v in d.items() if v is not None}  # noqa: E731
        facts = facts_io.from_dict({"schema": facts_io.SCHEMA_ID, "extractor": f"first run {r['commit']}",
                                    "document": facts_io._drop_none(dataclasses.asdict(doc.meta)),
                                    "entities": [clean(e) for e in r["entities"]],
                                    "events": [clean(e) for e in r["events"]]})
        out.append(("first-run", golds[r["id"]], facts, r["sentences"], _date(doc.meta.published)))
    return out


def _date(value):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def folds_of(articles: list[Article], k: int) -> list[list[Article]]:
    """k folds of whole groups, groups dealt round-robin in sorted order (deterministic)."""
    groups = sorted({a.group for a in articles})
    fold_of = {g: i % k for i, g in enumerate(groups)}
    return [[a for a in articles if fold_of[a.group] == f] for f in range(k)]


def examples(articles: list[Article]) -> list[tuple[list[str], bool]]:
    return [(f, y) for a in articles for f, y in zip(a.features, a.labels)]


def score_set(articles: list[Article], scorer, probs: dict | None = None, threshold: float = 0.0) -> dict:
    """The scorer's total over articles, each article's judged events with P(keep) below the
    threshold removed (``probs``: (article id, event index) -> P(keep); None: the rules' output)."""
    results = []
    for a in articles:
        facts = a.facts
        if probs is not None:
            drop = {i for i in a.judged if probs[(a.set, a.id, i)] < threshold}
            facts = dict(facts, events=[e for i, e in enumerate(facts["events"]) if i not in drop])
        results.append(scorer.score(a.gold, facts))
    return scorer.total(results)


def predict(nlp, articles: list[Article]) -> dict:
    probs = {}
    for a in articles:
        for i, p in zip(a.judged, learned.keep_scores(nlp, a.features)):
            probs[(a.set, a.id, i)] = p
    return probs


def with_extra(train: list[Article], extra: list[Article]) -> list[Article]:
    """The training articles and the extra (first-run) rows of those same articles only, so a
    held-out article's first-run copy never trains the model that scores it."""
    ids = {a.id for a in train if a.set == "realnews-dev"}
    return train + [a for a in extra if a.id in ids]


def oof_probs(articles: list[Article], k: int, extra: list[Article] = ()) -> dict:
    """Out-of-fold P(keep) of every judged event: each fold scored by a model trained on the
    others (and on the others' ``extra`` first-run rows). The held-out fold's own ``extra`` rows
    (the first-run copies of its realnews-dev articles) are scored by the same model, so the
    first-run rows get out-of-fold scores too (session 21: the threshold chosen on them); the
    models are the same either way."""
    probs = {}
    folds = folds_of(articles, k)
    extra = list(extra)
    for f in range(k):
        train = [a for g, fold in enumerate(folds) if g != f for a in fold]
        held = {a.id for a in folds[f] if a.set == "realnews-dev"}
        probs.update(predict(learned.train(examples(with_extra(train, extra)), seed=SEED),
                             folds[f] + [a for a in extra if a.id in held]))
    return probs


def best_threshold(articles: list[Article], probs: dict, scorer) -> float:
    """The threshold of best event F1 (then argument F1) over these articles; 0 keeps all."""
    def key(t):
        s = score_set(articles, scorer, probs, t)
        return (s["events"]["f1"], s["arguments"]["f1"], -t)
    return max([0.0, *THRESHOLDS], key=key)


#: the rows ``make train`` chooses the threshold on (``--threshold-rows``): "current" = the
#: out-of-fold scores of dev's current rows (sessions 11-20), "first-run" = those of the LOOK
#: batches' first-run rows (session 21, docs/learned.md).
THRESHOLD_ROWS = ("current", "first-run")


def f1_of(counts: dict) -> float:
    """F1 from a scorer total's tp / fp / fn, unrounded (the scorer rounds to three places)."""
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def best_threshold_first_run(rows: list[Article], probs: dict, scorer) -> float:
    """Session 21's rule: the threshold of best event F1 over the first-run rows' out-of-fold
    scores; ties: best argument F1, then the HIGHER threshold. 0 keeps all."""
    def key(t):
        s = score_set(rows, scorer, probs, t)
        return (f1_of(s["events"]), f1_of(s["arguments"]), t)
    return max([0.0, *THRESHOLDS], key=key)


def scored_rows(rows: list[Article], probs: dict) -> list[Article]:
    """The rows every judged event of which has a score in ``probs``."""
    return [a for a in rows if all((a.set, a.id, i) in probs for i in a.judged)]


def choose_threshold(articles: list[Article], extra: list[Article], probs: dict, scorer,
                     rows: str = "current") -> float:
    """The threshold ``make train`` writes: on the current rows' out-of-fold scores the old way
    (``best_threshold``), or, with ``rows="first-run"``, on the first-run rows' (``extra``)
    out-of-fold scores (``best_threshold_first_run``); with no first-run row scored, the old way."""
    if rows not in THRESHOLD_ROWS:
        raise ValueError(f"threshold rows: {rows!r} (one of {THRESHOLD_ROWS})")
    first = scored_rows(list(extra), probs)
    if rows == "first-run" and first:
        return best_threshold_first_run(first, probs, scorer)
    return best_threshold(articles, probs, scorer)


def fmt(s: dict) -> str:
    e, a = s["events"], s["arguments"]
    return f"{e['precision']:.3f} {e['recall']:.3f} {e['f1']:.3f}   {a['precision']:.3f} {a['recall']:.3f} {a['f1']:.3f}"


def cross_validate(articles: list[Article], k: int, scorer, set_names, extra: list[Article] = ()) -> dict:
    """Nested CV: the outer folds are scored, each with a threshold chosen on its training folds."""
    folds = folds_of(articles, k)
    probs, thresholds = {}, []
    print(f"{'fold':<6} {'thr':>5}  {'set':<13} {'rules: events P R F1   args P R F1':<44} filtered: events P R F1   args P R F1")
    for f in range(k):
        train = [a for g, fold in enumerate(folds) if g != f for a in fold]
        t = best_threshold(train, oof_probs(train, k - 1, extra), scorer)
        thresholds.append(t)
        fp = predict(learned.train(examples(with_extra(train, list(extra))), seed=SEED), folds[f])
        probs.update({key: p for key, p in fp.items()})
        for name in set_names:
            part = [a for a in folds[f] if a.set == name]
            if part:
                print(f"{f:<6} {t:>5.2f}  {name:<13} {fmt(score_set(part, scorer)):<44} {fmt(score_set(part, scorer, fp, t))}")
    # the total: each fold filtered with its own threshold
    per_fold_t = {(a.set, a.id): thresholds[f] for f, fold in enumerate(folds) for a in fold}
    totals = {}
    for name in set_names:
        part = [a for a in articles if a.set == name]
        rules = score_set(part, scorer)
        results = []
        for a in part:
            t = per_fold_t[(a.set, a.id)]
            drop = {i for i in a.judged if probs[(a.set, a.id, i)] < t}
            results.append(scorer.score(a.gold, dict(a.facts, events=[e for i, e in enumerate(a.facts["events"]) if i not in drop])))
        filt = scorer.total(results)
        totals[name] = (rules, filt)
        print(f"{'TOTAL':<6} {'':>5}  {name:<13} {fmt(rules):<44} {fmt(filt)}")
    rn = [a for a in articles if a.set == "realnews-dev"]
    conf = {(a.set, a.id, i): a.facts["events"][i].get("confidence", 0.5) for a in articles for i in a.judged}
    print(f"AUC of the held-out P(keep): {auc(probs, articles):.3f} (realnews-dev {auc(probs, rn):.3f}); "
          f"of the rules' confidence: {auc(conf, articles):.3f} (realnews-dev {auc(conf, rn):.3f})")
    return {"thresholds": thresholds, "totals": totals}


def batch_key(a: Article, batches: dict[str, str]) -> str:
    """The by-batch CV's group: a realnews-dev article's batch letter (its first-run copy the
    same), a written-dev article or a fusion cluster its own group."""
    if a.set in ("realnews-dev", "first-run"):
        return batches[a.id]
    return a.group


def batch_folds(articles: list[Article], batches: dict[str, str], k: int) -> list[list[Article]]:
    """k folds of whole LOOK batches (sorted letters dealt round-robin; the written-dev and
    fusion-dev groups dealt round-robin the same way), then the CHECK batches as one last fold."""
    keys = sorted({batch_key(a, batches) for a in articles} - set(CHECK_BATCHES))
    letters = [g for g in keys if len(g) == 1]
    others = [g for g in keys if len(g) != 1]
    fold_of = {g: i % k for i, g in enumerate(letters)}
    fold_of.update({g: i % k for i, g in enumerate(others)})
    fold_of.update({g: k for g in CHECK_BATCHES})
    return [[a for a in articles if fold_of[batch_key(a, batches)] == f] for f in range(k + 1)]


def by_batch_cv(current: list[Article], first: list[Article], k: int, scorer) -> dict:
    """Round 26's comparison (docs/learned.md): hold out whole batches; for each held-out fold
    train (a) on the other folds' current outputs, as ``make train`` does, and (b) on those plus
    their batches' first-run outputs; the threshold chosen on the training folds alone (inner
    by-batch CV, best event F1 of the current outputs). Scored on the held-out fold's current
    outputs and its first-run outputs (fresh-text conditions). The CHECK batches are the last
    fold: never in the training of the LOOK folds, held out as a whole."""
    batches = batch_of()
    for a in current + first:
        a.group = batch_key(a, batches)
    folds = batch_folds(current + first, batches, k)
    res = {}
    for variant in ("current", "current+first-run", "+first-run, thr on first-run"):
        probs, thr = {}, {}
        for f, held in enumerate(folds):
            train = [a for g, fold in enumerate(folds) if g != f and g != k for a in fold]
            if variant == "current":
                train = [a for a in train if a.set != "first-run"]
            train_cur = [a for a in train if a.set != "first-run"]
            inner = folds_of(train, k - 1 if f == k else k - 2)
            oof = {}
            for g, fold in enumerate(inner):
                oof.update(predict(learned.train(examples([a for h, fo in enumerate(inner) if h != g for a in fo]),
                                                 seed=SEED), fold))
            on = [a for a in train if a.set == "first-run"] if variant.endswith("thr on first-run") else train_cur
            t = best_threshold(on, oof, scorer)
            probs.update(predict(learned.train(examples(train), seed=SEED), held))
            for a in held:
                thr[(a.set, a.id)] = t
        res[variant] = (probs, thr)
    groups = {"LOOK": lambda a: a.group not in CHECK_BATCHES and a.set in ("realnews-dev", "first-run"),
              "CHECK": lambda a: a.group in CHECK_BATCHES,
              "written-dev": lambda a: a.set == "written-dev", "fusion-dev": lambda a: a.set == "fusion-dev"}
    print("by-batch CV (LOOK batches in %d folds, CHECK H J M held out as one group); thresholds per fold:" % k)
    for variant, (probs, thr) in res.items():
        print(f"  {variant}: " + " ".join(f"{t:.2f}" for t in sorted({v for v in thr.values()})))
    for gname, pick in groups.items():
        for kind in ("current", "first-run"):
            part = [a for a in (current if kind == "current" else first) if pick(a)]
            if not part:
                continue
            line = f"{gname:<11} {kind:<9} rules {fmt(score_set(part, scorer))}"
            for variant, (probs, thr) in res.items():
                results = []
                for a in part:
                    drop = {i for i in a.judged if probs[(a.set, a.id, i)] < thr[(a.set, a.id)]}
                    results.append(scorer.score(a.gold, dict(a.facts, events=[e for i, e in enumerate(a.facts["events"]) if i not in drop])))
                line += f" | {variant}: {fmt(scorer.total(results))} AUC {auc(probs, part):.3f}"
            print(line)
    return res


def score_at(articles: list[Article], scorer, probs: dict | None = None, thr: dict | None = None) -> dict:
    """The scorer's total over articles, each article's judged events with P(keep) below its own
    threshold (``thr``: (set, id) -> threshold) removed; ``probs`` None: the rules' output."""
    results = []
    for a in articles:
        facts = a.facts
        if probs is not None:
            t = thr[(a.set, a.id)]
            drop = {i for i in a.judged if probs[(a.set, a.id, i)] < t}
            facts = dict(facts, events=[e for i, e in enumerate(facts["events"]) if i not in drop])
        results.append(scorer.score(a.gold, facts))
    return scorer.total(results)


def hold_out_split(articles: list[Article], extra: list[Article], letter: str,
                   batches: dict[str, str]) -> tuple[list[Article], list[Article]]:
    """What ``make train`` uses (``articles``: the current rows of the dev sets; ``extra``: the
    LOOK batches' first-run rows) without realnews-dev batch ``letter``: its current rows and its
    first-run rows both out of training."""
    train = [a for a in articles if not (a.set == "realnews-dev" and batches.get(a.id) == letter)]
    return train, [a for a in extra if batches.get(a.id) != letter]


def licence_verdict(sums: dict) -> tuple[bool, str]:
    """Session 20's rule (1) (docs/learned.md): summed over the held-out batches, the held-out
    model's events F1 is at least the shipped model's on the first-run rows and on the current
    rows, strictly higher on one of the two, and its arguments F1 falls on neither.
    ``sums``: kind ("first-run", "current") -> {"shipped": total, "held-out": total}."""
    ev = {k: (v["held-out"]["events"]["f1"], v["shipped"]["events"]["f1"]) for k, v in sums.items()}
    ar = {k: (v["held-out"]["arguments"]["f1"], v["shipped"]["arguments"]["f1"]) for k, v in sums.items()}
    no_loss = all(new >= old for new, old in ev.values())
    gain = any(new > old for new, old in ev.values())
    args_ok = all(new >= old for new, old in ar.values())
    ok = no_loss and gain and args_ok
    why = "; ".join(f"{k}: events {ev[k][1]:.3f} -> {ev[k][0]:.3f}, arguments {ar[k][1]:.3f} -> {ar[k][0]:.3f}"
                    for k in sums)
    return ok, ("MET" if ok else "NOT MET") + f" ({why})"


def hold_out_batches(articles: list[Article], first: list[Article], extra: list[Article], letters,
                     k: int, scorer, shipped_nlp, shipped_t: float) -> dict:
    """Session 20's comparison (docs/learned.md): each named realnews-dev batch held out whole
    (its current and first-run rows out of training); the model trained on everything else
    ``make train`` uses, its threshold chosen inside the training folds only (out-of-fold scores
    of k article folds of the training rows, as ``make train`` chooses it); its current and
    first-run rows scored with no filter, the shipped model at its threshold and the held-out
    model at its own. Then the CHECK batches' totals with the model trained on all dev (as
    ``make train`` writes it), for the record. Prints the table and rule (1)'s verdict."""
    batches = batch_of()
    held, probs, thr = {}, {}, {}
    for letter in letters:
        train, tr_extra = hold_out_split(articles, extra, letter, batches)
        t = best_threshold(train, oof_probs(train, k, tr_extra), scorer)
        rows = [a for a in articles + first if a.set in ("realnews-dev", "first-run") and batches.get(a.id) == letter]
        held[letter] = rows
        probs.update(predict(learned.train(examples(train + tr_extra), seed=SEED), rows))
        thr.update({(a.set, a.id): t for a in rows})
        print(f"held out {letter}: {sum(a.set == 'realnews-dev' for a in rows)} current and "
              f"{sum(a.set == 'first-run' for a in rows)} first-run articles; threshold {t:.2f} "
              f"(chosen on {len(train)} + {len(tr_extra)} training articles)", flush=True)
    every = [a for rows in held.values() for a in rows]
    s_probs = predict(shipped_nlp, every)
    s_thr = {(a.set, a.id): shipped_t for a in every}

    def cell(s: dict) -> str:
        e = s["events"]
        return f"{e['tp']}/{e['fp']}/{e['fn']} {e['f1']:.3f} / {s['arguments']['f1']:.3f}"

    print(f"\n| held out | rows | no filter | shipped (thr {shipped_t:.2f}) | held-out-trained (thr) |")
    print("|---|---|---|---|---|")
    sums = {}
    for name, rows in [*held.items(), ("sum " + "+".join(letters), every)]:
        for kind, set_name in (("first-run", "first-run"), ("current", "realnews-dev")):
            part = [a for a in rows if a.set == set_name]
            if not part:
                continue
            tot = {"none": score_at(part, scorer), "shipped": score_at(part, scorer, s_probs, s_thr),
                   "held-out": score_at(part, scorer, probs, thr)}
            ts = sorted({thr[(a.set, a.id)] for a in part})
            print(f"| {name} | {kind} | {cell(tot['none'])} | {cell(tot['shipped'])} | {cell(tot['held-out'])} "
                  f"({', '.join(f'{t:.2f}' for t in ts)}) |")
            if rows is every:
                sums[kind] = tot
    ok, verdict = licence_verdict(sums)
    print(f"\nrule (1), summed over {' '.join(letters)}: {verdict}")

    t_all = best_threshold(articles, oof_probs(articles, k, extra), scorer)
    full = learned.train(examples(articles + extra), seed=SEED)
    check = [a for a in articles + first if a.set in ("realnews-dev", "first-run") and batches.get(a.id) in CHECK_BATCHES]
    c_probs, f_probs = predict(shipped_nlp, check), predict(full, check)
    c_thr = {(a.set, a.id): shipped_t for a in check}
    f_thr = {(a.set, a.id): t_all for a in check}
    print(f"CHECK {' '.join(CHECK_BATCHES)} (not used to decide; the model trained on all dev, threshold {t_all:.2f}; "
          "current rows are in both models' training, first-run rows in neither):")
    for kind, set_name in (("first-run", "first-run"), ("current", "realnews-dev")):
        part = [a for a in check if a.set == set_name]
        print(f"| CHECK | {kind} | {cell(score_at(part, scorer))} | {cell(score_at(part, scorer, c_probs, c_thr))} "
              f"| all-dev model: {cell(score_at(part, scorer, f_probs, f_thr))} |")
    return {"sums": sums, "licensed": ok, "threshold_all_dev": t_all}


def threshold_verdict(sums: dict) -> tuple[bool, str]:
    """Session 21's rule, parts (1) and (2) (docs/learned.md): summed over the held-out LOOK
    folds, events F1 with the threshold chosen on the training folds' first-run rows (b) is at
    least that with the threshold chosen the old way (a) on the held-out first-run rows, and at
    least (a) - 0.010 on the held-out current rows. Unrounded F1 (tp / fp / fn).
    ``sums``: kind ("first-run", "current") -> {"a": total, "b": total}. Part (3) (seed,
    fusion-dev) is ``scripts/eval.py``'s."""
    ev = {k: (f1_of(v["a"]["events"]), f1_of(v["b"]["events"])) for k, v in sums.items()}
    one = ev["first-run"][1] >= ev["first-run"][0]
    two = ev["current"][1] >= ev["current"][0] - 0.010 - 1e-12
    why = (f"(1) first-run events F1 (a) {ev['first-run'][0]:.4f} -> (b) {ev['first-run'][1]:.4f}: "
           f"{'met' if one else 'NOT met'}; (2) current events F1 (a) {ev['current'][0]:.4f} -> (b) "
           f"{ev['current'][1]:.4f} (may fall 0.010): {'met' if two else 'NOT met'}")
    return one and two, ("MET" if one and two else "NOT MET") + f" ({why})"


def threshold_cv(current: list[Article], first: list[Article], k: int, scorer) -> dict:
    """Session 21's measure (docs/learned.md): by-batch cross-validation on ``batch_folds``' folds
    (k folds of LOOK batches, the written-dev and fusion-dev groups dealt among them; CHECK H J M
    the last fold, in no LOOK fold's training, as in ``--batch-cv``). For each held-out fold, what
    ``make train`` does on the training folds: out-of-fold scores of k article folds of their
    current rows (the model trained with their LOOK first-run rows too, ``oof_probs``), the
    threshold chosen (a) the old way, on those current rows, and (b) the candidate way, on their
    first-run rows; the model trained on all their rows scores the held-out fold, whose first-run
    and current rows are scored at (a) and at (b). Summed over the LOOK folds (micro): the
    verdict of parts (1) and (2); the CHECK fold's totals printed, not in the rule."""
    batches = batch_of()
    folds = batch_folds(current + first, batches, k)
    probs, thr = {}, {"a": {}, "b": {}}

    def cell(s: dict) -> str:
        e = s["events"]
        return f"{e['tp']}/{e['fp']}/{e['fn']} {f1_of(e):.3f} / {f1_of(s['arguments']):.3f}"

    for f, held in enumerate(folds):
        train = [a for g, fold in enumerate(folds) if g != f and g != k for a in fold]
        train_cur = [a for a in train if a.set != "first-run"]
        train_first = [a for a in train if a.set == "first-run"]
        oof = oof_probs(train_cur, k, train_first)
        ta = best_threshold(train_cur, oof, scorer)
        tb = best_threshold_first_run(scored_rows(train_first, oof), oof, scorer)
        probs.update(predict(learned.train(examples(train_cur + train_first), seed=SEED), held))
        for a in held:
            thr["a"][(a.set, a.id)], thr["b"][(a.set, a.id)] = ta, tb
        keys = sorted({batch_key(a, batches) for a in held if len(batch_key(a, batches)) == 1})
        print(f"fold {f}{' (CHECK)' if f == k else ''}: batches {' '.join(keys)}; {len(train_cur)} current + "
              f"{len(train_first)} first-run training articles; threshold (a) {ta:.2f}, (b) {tb:.2f}", flush=True)

    look = [a for g, fold in enumerate(folds) if g != k for a in fold]
    check = folds[k]
    parts = [("LOOK folds", "first-run", [a for a in look if a.set == "first-run"]),
             ("LOOK folds", "current", [a for a in look if a.set != "first-run"]),
             ("  of which", "realnews-dev", [a for a in look if a.set == "realnews-dev"]),
             ("  of which", "written-dev", [a for a in look if a.set == "written-dev"]),
             ("  of which", "fusion-dev", [a for a in look if a.set == "fusion-dev"]),
             ("CHECK H J M", "first-run", [a for a in check if a.set == "first-run"]),
             ("CHECK H J M", "current", [a for a in check if a.set != "first-run"])]
    print("\n| held out | rows | no filter | (a) thr on current rows | (b) thr on first-run rows |")
    print("|---|---|---|---|---|")
    sums = {}
    for name, kind, part in parts:
        if not part:
            continue
        tot = {"none": score_at(part, scorer), "a": score_at(part, scorer, probs, thr["a"]),
               "b": score_at(part, scorer, probs, thr["b"])}
        print(f"| {name} | {kind} | {cell(tot['none'])} | {cell(tot['a'])} | {cell(tot['b'])} |")
        if name == "LOOK folds":
            sums[kind] = tot
    ok, verdict = threshold_verdict(sums)
    print(f"\nsession 21's rule, parts (1) and (2), summed over the LOOK folds: {verdict}")
    return {"sums": sums, "met": ok, "thresholds": thr}


def auc(probs: dict, articles: list[Article]) -> float:
    """How well P(keep) ranks matched events above spurious ones (0.5: not at all): the figure
    to watch when the filter's F1 does not move, since it is not the threshold's."""
    pos = sorted(probs[(a.set, a.id, i)] for a in articles for i, y in zip(a.judged, a.labels) if y)
    neg = [probs[(a.set, a.id, i)] for a in articles for i, y in zip(a.judged, a.labels) if not y]
    if not pos or not neg:
        return float("nan")
    import bisect

    wins = sum(len(pos) - bisect.bisect_right(pos, q) + 0.5 * (bisect.bisect_right(pos, q) - bisect.bisect_left(pos, q))
               for q in neg)
    return wins / (len(pos) * len(neg))


def threshold_table(articles: list[Article], extra: list[Article], probs: dict, scorer, set_names,
                    rows: str) -> float:
    """Both ways' thresholds on all dev's out-of-fold scores and what each gives on the current
    rows (per set) and the first-run rows; returns the one of ``rows``."""
    chosen = {r: choose_threshold(articles, extra, probs, scorer, r) for r in THRESHOLD_ROWS}
    first = scored_rows(list(extra), probs)
    print(f"threshold on all dev: {chosen['current']:.2f} on the current rows (old way), "
          f"{chosen['first-run']:.2f} on the first-run rows (session 21); out-of-fold events tp/fp/fn F1 / args F1:")
    print(f"| rows | articles | no filter | at {chosen['current']:.2f} (current) | at {chosen['first-run']:.2f} (first-run) |")
    print("|---|---|---|---|---|")
    parts = [(name, [a for a in articles if a.set == name]) for name in set_names] + [("first-run (LOOK)", first)]
    for name, part in parts:
        if not part:
            continue
        cells = [score_set(part, scorer)] + [score_set(part, scorer, probs, chosen[r]) for r in THRESHOLD_ROWS]
        print(f"| {name} | {len(part)} | " + " | ".join(
            f"{c['events']['tp']}/{c['events']['fp']}/{c['events']['fn']} {f1_of(c['events']):.3f} / "
            f"{f1_of(c['arguments']):.3f}" for c in cells) + " |")
    return chosen[rows]


def save(nlp, out: Path) -> None:
    """Write the model (only what loading needs) and report its size."""
    import shutil

    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"model written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} ({size / 1e6:.2f} MB)")


def write_threshold(threshold: float, path: Path = learned.SETTINGS_FILE) -> None:
    """Write the chosen value into learned.yaml (scripts/learned_settings.py)."""
    write_setting("event_filter", "threshold", threshold, path)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--sets", nargs="+", default=list(DEV_SETS), choices=DEV_SETS)
    ap.add_argument("--out", type=Path, default=learned.MODEL_DIR)
    ap.add_argument("--cv-only", action="store_true", help="print the CV table; write no model")
    ap.add_argument("--no-cv", action="store_true", help="train and write the model without the CV table")
    ap.add_argument("--cache", type=Path, help="keep the rules' output here and reuse it (stale once the rules change)")
    ap.add_argument("--first-run", type=Path, default=FIRST_RUN_FILE,
                    help="also train on the LOOK batches' first-run facts in this file (scripts/first_run_rows.py; "
                         "default: the committed one, skipped when absent)")
    ap.add_argument("--no-first-run", dest="first_run", action="store_const", const=None,
                    help="train on the current outputs only (the model before round 26)")
    ap.add_argument("--batch-cv", action="store_true",
                    help="print the by-batch comparison with and without the first-run rows (needs the file)")
    ap.add_argument("--limit", type=int, default=0, help="the first N articles of each set only (tests)")
    ap.add_argument("--hold-out", nargs="+", metavar="BATCH",
                    help="hold out each named realnews-dev batch whole (current and first-run rows), train on the "
                         "rest as make train does, and compare on its current and first-run rows: no filter, "
                         "the shipped model (--shipped) and the held-out-trained one; writes nothing")
    ap.add_argument("--threshold-rows", choices=THRESHOLD_ROWS, default="first-run",
                    help="the rows whose out-of-fold scores choose the written threshold: the LOOK batches' "
                         "first-run rows (the default since session 21, licensed by its rule) or dev's current "
                         "rows (sessions 11-20); both are printed")
    ap.add_argument("--threshold-cv", action="store_true",
                    help="print session 21's by-batch comparison of the two threshold choices and its verdict; "
                         "writes nothing")
    ap.add_argument("--shipped", type=Path, default=learned.MODEL_DIR,
                    help="the model --hold-out compares with (its threshold from kg/data/learned.yaml)")
    args = ap.parse_args(argv)

    from kg.extract import Extractor

    started = time.perf_counter()
    scorer = kg_eval.load_scorer()
    if args.cache and args.cache.exists():  # (feature work: the rules' output of a previous run)
        records = pickle.loads(args.cache.read_bytes())
    else:
        extractor = Extractor()
        extractor.event_filter = None  # label the rules' own output
        records = extract_dev(args.sets, extractor, args.limit)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(records))
    articles = label([r for r in records if r[0] in args.sets], scorer)
    n = sum(len(a.labels) for a in articles)
    print(f"{len(articles)} dev articles, {n} judged events, {sum(sum(a.labels) for a in articles)} "
          f"matched (keep) ({time.perf_counter() - started:.0f} s to extract)")
    first = []
    if args.first_run and not args.first_run.exists():
        print(f"no first-run file at {args.first_run}: training on the current outputs only")
        args.first_run = None
    if args.first_run or args.batch_cv or args.hold_out or args.threshold_cv:
        golds = {r[1]["id"]: r[1] for r in records if r[0] == "realnews-dev"}
        first = label(first_run_records(args.first_run or FIRST_RUN_FILE, golds), scorer)
        nf = sum(len(a.labels) for a in first)
        print(f"{len(first)} first-run articles, {nf} judged events, {sum(sum(a.labels) for a in first)} matched")
    if args.batch_cv:
        by_batch_cv(articles, first, args.folds, scorer)
        return 0
    if args.threshold_cv:
        threshold_cv(articles, first, args.folds, scorer)
        print(f"done in {time.perf_counter() - started:.0f} s")
        return 0
    batches = batch_of()
    extra = [a for a in first if batches.get(a.id) not in CHECK_BATCHES] if args.first_run else []
    if "realnews-dev" not in args.sets:
        extra = []
    if extra and "realnews-dev" in args.sets:
        print(f"training also on {len(extra)} first-run articles of the LOOK batches "
              f"({sum(len(a.labels) for a in extra)} judged events)")
    if args.hold_out:
        import spacy

        # the shipped threshold as the file says it (not a $KG_EVENT_FILTER override)
        shipped_t = float(learned.settings_section(learned.SETTINGS_FILE, "event_filter", learned.MODEL_DIR)[0]["threshold"])
        hold_out_batches(articles, first, extra, args.hold_out, args.folds, scorer, spacy.load(args.shipped), shipped_t)
        print(f"done in {time.perf_counter() - started:.0f} s")
        return 0
    if not args.no_cv:
        cross_validate(articles, args.folds, scorer, args.sets, extra)
    if not args.cv_only:
        probs = oof_probs(articles, args.folds, extra)
        t = threshold_table(articles, extra, probs, scorer, args.sets, args.threshold_rows)
        save(learned.train(examples(articles + extra), seed=SEED), args.out)
        where = "not written (--out elsewhere)"
        if args.out == learned.MODEL_DIR:
            write_threshold(t)
            where = "written to learned.yaml"
        print(f"threshold {t:.2f} {where} (chosen on the {args.threshold_rows} rows' out-of-fold scores)")
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
