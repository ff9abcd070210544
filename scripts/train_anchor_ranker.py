"""Train the learned anchor ranker (kg/extract/learned_places.py) on the dev gold and print its
cross-validation by batch (docs/learned.md, "The learned anchor ranker"). ``make train`` runs it.

    .venv/bin/python scripts/train_anchor_ranker.py [--sets realnews-dev ...] [--cv-only] [--cache FILE]

1. The rules (ranker off) extract every article of the dev sets (realnews-dev, written-dev,
   fusion-dev; never a test or held-out set). Each ranked event (an attack, capture or deployment
   the scorer counts) gets its candidate places and their feature words.
2. Labels: each ranked event is aligned with a gold event *without its anchor*: first as the
   scorer aligns them (those share the anchor already), then the rest by type, year, the shared
   other arguments and quantities, the sentence the gold note quotes, the date. The label of a
   candidate: it is one of the aligned gold event's anchor places (by name or alias). Events with
   no aligned gold event, or whose gold anchor is no candidate, are left out (and counted: the
   ceiling of this component).
3. Cross-validation by batch: every realnews-dev batch (tests/data/realnews/manifest.d), written-dev
   and fusion-dev is held out in turn; the ranker is trained on the rest, its margin chosen on the
   rest alone (an inner cross-validation over their groups, best event F1 of the real scorer,
   then argument F1), the held-out events re-anchored and scored. Printed per held-out batch and
   in total: events and arguments P R F1, rules vs re-anchored, and the moves made.
4. Unless ``--cv-only``: the margin chosen the same way on all dev, the model trained on all dev,
   written to ``kg/data/models/anchor_ranker`` and the margin to ``kg/data/learned.yaml`` (its
   ``enabled`` is left as it is).

Deterministic: no random numbers at all (full-batch training from zero; groups in sorted order).
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from batch_figures import batches as manifest_batches  # noqa: E402

import eval as kg_eval  # noqa: E402  (scripts/eval.py: the sets, the scorer, the alignment)
from train_event_filter import DEV_SETS, dev_pairs  # noqa: E402
from kg.extract import facts as facts_io  # noqa: E402
from kg.extract import learned_places as lp  # noqa: E402
from kg.extract.nlp import parse  # noqa: E402
from kg.read.reader import read_file  # noqa: E402
from learned_settings import write_setting  # noqa: E402

MARGINS = [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, float("inf")]  # inf: never move
INNER = 4


@dataclass
class Ranked:
    """One ranked event of an article: its index, the rules' anchor, the candidates and their
    feature words, and (when labelled) which candidates are the gold anchor."""

    index: int
    role: str
    chosen: list[str]
    ids: list[str]
    feats: list[list[str]]
    labels: list[bool] = field(default_factory=list)
    kind: str = ""  # right (scorer-matched), fixable, outside (gold anchor no candidate), unaligned


@dataclass
class Article:
    set: str
    id: str
    group: str
    gold: dict
    facts: dict
    ranked: list[Ranked] = field(default_factory=list)


batch_of = manifest_batches  # article id -> batch letter (scripts/batch_figures.py)


def group_of(set_name: str, gid: str, batches: dict[str, str]) -> str:
    """The held-out group: a realnews batch letter; written-dev and fusion-dev each one group
    (so a fusion cluster's articles are always held out together)."""
    if set_name == "realnews-dev":
        return batches.get(gid, "?")
    return set_name


def extract_dev(set_names, extractor, settings, limit: int = 0) -> list[tuple]:
    """(set, gold, facts JSON, ranked events with their candidates' features) of every dev article."""
    out = []
    for name in set_names:
        pairs = dev_pairs(name)
        for gold_path, path in pairs[:limit] if limit else pairs:
            doc = read_file(path)
            parsed = parse(extractor.nlp, doc.text)
            facts = extractor._facts(doc, parsed)
            by_id = {e.id: e for e in facts.entities}
            d = lp.document(parsed.sentences, doc.meta.title, settings)
            ranked = []
            for i, ev in enumerate(facts.events):
                if lp.ranked(ev):
                    ids, feats = lp.event_candidates(ev, facts.events, by_id, facts.entities, d, settings)
                    role = lp.ANCHOR[ev.type]
                    ranked.append(Ranked(i, role, list(ev.roles.get(role, [])), ids, feats))
            out.append((name, json.loads(gold_path.read_text("utf-8")), json.loads(facts_io.dumps(facts)), ranked))
    return out


# ----------------------------------------------------------------------------- labels

def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    w = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def label(records, scorer, batches) -> list[Article]:
    """Each ranked event's candidates labelled from the gold event aligned with it without its anchor."""
    out = []
    for name, gold, fj, ranked in records:
        art = Article(name, gold["id"], group_of(name, gold["id"], batches), gold, fj, ranked)
        gents = gold["entities"]
        gnames = [scorer.names_of(e) for e in gents]
        by_id = {e["id"]: e for e in fj.get("entities", [])}

        def value(names):
            gi = next((i for i, g in enumerate(gnames) if names & g), None)
            return ("g", gi) if gi is not None else ("p", next(iter(sorted(names)), ""))

        def pval(eid):
            return value(scorer.names_of(by_id[eid])) if eid in by_id else None

        def gvals(names):
            return {value({scorer.norm(n)}) for n in names}

        aligned = {pi: gi for gi, pi in kg_eval._align(gold, fj, scorer, scorer_order=True).items()}
        used_g = set(aligned.values())
        # the rest, without the anchor: type, year, shared other arguments, the quoted sentence, date
        cands, sole = [], {}
        for r in ranked:
            if r.index in aligned:
                continue
            ev = fj["events"][r.index]
            pdate = (ev.get("date") or {}).get("value")
            pargs = {(role, pval(i)) for role, ids in (ev.get("roles") or {}).items() if role != r.role for i in ids}
            pq = {(k, float(v["value"])) for k, v in (ev.get("quantities") or {}).items()}
            sh = _shingles(ev.get("evidence", {}).get("text", ""))
            for gi, g in enumerate(gold["events"]):
                if gi in used_g or g["type"] != ev["type"]:
                    continue
                gd = scorer.gold_dates(g.get("date"))
                if gd and pdate and all(str(pdate)[:4] != x[:4] for x in gd):
                    continue
                gargs = {(role, v) for role, names in (g.get("roles") or {}).items() if role != r.role for v in gvals(names)}
                gq = {(k, float(v)) for k, v in (g.get("quantities") or {}).items()}
                shared = len(pargs & gargs) + len(pq & gq)
                quoted = bool(sh & _shingles(g.get("note", "")))
                same_date = bool(pdate and any(str(pdate).startswith(x) for x in gd))
                if shared or quoted or same_date and len(str(pdate)) == 10:
                    cands.append((shared + 2 * quoted + 0.5 * same_date, -gi, -r.index, gi, r.index))
                else:
                    sole.setdefault(ev["type"], set()).add((gi, r.index))
        taken_p = set()
        for *_, gi, pi in sorted(cands, reverse=True):
            if gi in used_g or pi in taken_p:
                continue
            used_g.add(gi)
            taken_p.add(pi)
            aligned[pi] = gi
        for pairs in sole.values():  # one gold and one reported event of a type left, of one year: the same
            pairs = {(gi, pi) for gi, pi in pairs if gi not in used_g and pi not in taken_p}
            if len({gi for gi, _ in pairs}) == 1 and len({pi for _, pi in pairs}) == 1:
                (gi, pi), = pairs
                aligned[pi] = gi
        for r in ranked:
            gi = aligned.get(r.index)
            if gi is None:
                r.kind = "unaligned"
                continue
            want = gvals(gold["events"][gi].get("roles", {}).get(r.role, []))
            r.labels = [pval(c) in want for c in r.ids]
            if not any(r.labels):
                r.kind = "outside"
            elif any(lab and c in r.chosen for c, lab in zip(r.ids, r.labels)):
                r.kind = "right"
            else:
                r.kind = "fixable"
        out.append(art)
    return out


def examples(articles: list[Article]) -> list[tuple[list[list[str]], list[bool]]]:
    return [(r.feats, r.labels) for a in articles for r in a.ranked if r.kind in ("right", "fixable")]


# ----------------------------------------------------------------------------- scoring

def moved(a: Article, weights: dict, margin: float) -> dict[int, str]:
    """Event index -> the candidate its anchor moves to."""
    out = {}
    for r in a.ranked:
        new = lp.choose(weights, r.ids, r.feats, r.chosen, margin)
        if new is not None:
            out[r.index] = new
    return out


def reanchored(a: Article, moves: dict[int, str]) -> dict:
    if not moves:
        return a.facts
    events = []
    for i, ev in enumerate(a.facts["events"]):
        if i in moves:
            role = lp.ANCHOR[ev["type"]]
            ev = dict(ev, roles=dict(ev["roles"], **{role: [moves[i]]}))
        events.append(ev)
    return dict(a.facts, events=events)


def score_set(articles: list[Article], scorer, moves: dict | None = None) -> dict:
    """The scorer's total over articles, re-anchored by ``moves`` ((set, id) -> {index: place})."""
    return scorer.total([scorer.score(a.gold, reanchored(a, (moves or {}).get((a.set, a.id), {})))
                         for a in articles])


def all_moves(articles: list[Article], weights: dict, margin: float) -> dict:
    return {(a.set, a.id): moved(a, weights, margin) for a in articles}


def inner_margin(train: list[Article], scorer) -> float:
    """The margin of best event F1 (then argument F1, then the larger margin) over these
    articles, each scored by a model trained without its group's inner fold."""
    groups = sorted({a.group for a in train})
    fold = {g: i % INNER for i, g in enumerate(groups)}
    models = {}
    for f in range(min(INNER, len(groups))):
        models[f] = lp.train(examples([a for a in train if fold[a.group] != f]))

    def key(m):
        s = scorer.total([scorer.score(a.gold, reanchored(a, moved(a, models[fold[a.group]], m))) for a in train])
        return (s["events"]["f1"], s["arguments"]["f1"], m)
    return max(MARGINS, key=key)


def fmt(s: dict) -> str:
    e, a = s["events"], s["arguments"]
    return f"{e['precision']:.3f} {e['recall']:.3f} {e['f1']:.3f}  {a['precision']:.3f} {a['recall']:.3f} {a['f1']:.3f}"


def move_counts(articles: list[Article], moves: dict) -> str:
    """Moves onto the gold anchor / off it / neither, among the labelled events; unlabelled moves."""
    good = bad = other = unl = 0
    for a in articles:
        for r in a.ranked:
            new = moves.get((a.set, a.id), {}).get(r.index)
            if new is None:
                continue
            if not r.labels:
                unl += 1
                continue
            lab = dict(zip(r.ids, r.labels))
            was = any(lab.get(c) for c in r.chosen)
            good += lab.get(new, False) and not was
            bad += was and not lab.get(new, False)
            other += not was and not lab.get(new, False)
    return f"+{good} -{bad} ={other} ?{unl}"


def cross_validate(articles: list[Article], scorer, set_names, fixed: float | None = None) -> dict:
    groups = sorted({a.group for a in articles}, key=lambda g: (len(g) > 1, g))
    moves, margins = {}, {}
    print(f"{'held out':<12} {'margin':>6}  {'rules: events P R F1  args P R F1':<38} {'re-anchored: events P R F1  args P R F1':<42} moves")
    rows = []
    for g in groups:
        train = [a for a in articles if a.group != g]
        test = [a for a in articles if a.group == g]
        m = inner_margin(train, scorer) if fixed is None else fixed
        w = lp.train(examples(train))
        mv = all_moves(test, w, m)
        moves.update(mv)
        margins[g] = m
        r, n = score_set(test, scorer), score_set(test, scorer, mv)
        rows.append((g, r, n))
        print(f"{g:<12} {m:>6.2f}  {fmt(r):<38} {fmt(n):<42} {move_counts(test, mv)}", flush=True)
    totals = {}
    for name in set_names:
        part = [a for a in articles if a.set == name]
        r, n = score_set(part, scorer), score_set(part, scorer, moves)
        totals[name] = (r, n)
        print(f"{'TOTAL':<12} {'':>6}  {fmt(r):<38} {fmt(n):<42} {move_counts(part, moves)}  {name}")
    rn = [(g, r, n) for g, r, n in rows if len(g) == 1]
    gain = sum(n["events"]["f1"] > r["events"]["f1"] for _, r, n in rn)
    tie = sum(n["events"]["f1"] == r["events"]["f1"] for _, r, n in rn)
    print(f"realnews-dev batches: events F1 up in {gain}, same in {tie}, down in {len(rn) - gain - tie} of {len(rn)}")
    if "realnews-dev" in totals:
        r, n = totals["realnews-dev"]
        ok = (n["events"]["f1"] > r["events"]["f1"] and 3 * gain >= 2 * len(rn)
              and n["arguments"]["f1"] >= r["arguments"]["f1"]
              and all(totals[s][1]["events"]["f1"] >= totals[s][0]["events"]["f1"] for s in totals if s == "fusion-dev"))
        print("decision rule (docs/learned.md): " + ("ENABLE (then check seed stays 1.000)" if ok else "keep DISABLED"))
    return {"margins": margins, "totals": totals, "moves": moves}


def write_margin(margin: float, path: Path = lp.SETTINGS_FILE) -> None:
    """Write the chosen value into learned.yaml (scripts/learned_settings.py)."""
    write_setting("anchor_ranker", "margin", margin, path)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(DEV_SETS), choices=DEV_SETS)
    ap.add_argument("--out", type=Path, default=lp.MODEL_DIR)
    ap.add_argument("--cv-only", action="store_true", help="print the CV table; write no model")
    ap.add_argument("--no-cv", action="store_true", help="train and write the model without the CV table")
    ap.add_argument("--margin", type=float, help="CV with this margin in every fold instead of one chosen inside "
                    "the training folds (a diagnostic: what moving would do; with --cv-only)")
    ap.add_argument("--cache", type=Path, help="keep the rules' output here and reuse it (stale once the rules change)")
    ap.add_argument("--limit", type=int, default=0, help="the first N articles of each set only (tests)")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    scorer = kg_eval.load_scorer()
    settings = lp.load_settings()
    if args.cache and args.cache.exists():
        records = pickle.loads(args.cache.read_bytes())
    else:
        from kg.extract import Extractor

        extractor = Extractor()
        extractor.anchor_ranker = None  # label the rules' own anchors
        extractor.event_filter = None  # as the ranker sees them: it runs before the event filter
        records = extract_dev(args.sets, extractor, settings, args.limit)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(records))
    articles = label([r for r in records if r[0] in args.sets], scorer, batch_of())
    kinds: dict[str, int] = {}
    for a in articles:
        for r in a.ranked:
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
    n = sum(kinds.values())
    print(f"{len(articles)} dev articles, {n} ranked events: {kinds.get('right', 0)} with the gold anchor among the "
          f"rules' choice, {kinds.get('fixable', 0)} with it among the other candidates (the ranker's ceiling), "
          f"{kinds.get('outside', 0)} with it among no candidate, {kinds.get('unaligned', 0)} with no aligned gold event "
          f"({time.perf_counter() - started:.0f} s to extract)", flush=True)
    cv = None
    if not args.no_cv:
        cv = cross_validate(articles, scorer, args.sets, args.margin)
    if not args.cv_only:
        if cv is not None:  # the margin of best event F1 over the out-of-fold models
            models = {g: lp.train(examples([a for a in articles if a.group != g])) for g in sorted({a.group for a in articles})}
            margin = max(MARGINS, key=lambda m: (
                (s := scorer.total([scorer.score(a.gold, reanchored(a, moved(a, models[a.group], m))) for a in articles]))
                ["events"]["f1"], s["arguments"]["f1"], m))
        else:
            margin = inner_margin(articles, scorer)
        weights = lp.train(examples(articles))
        lp.save(weights, args.out, margin=None if margin == float("inf") else margin,
                examples=len(examples(articles)), sets=list(args.sets))
        size = (args.out / lp.MODEL_FILE).stat().st_size
        print(f"model written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
              f"({len(weights)} weights, {size / 1e3:.0f} kB)")
        if args.out == lp.MODEL_DIR:
            write_margin(margin)
        print(f"margin {margin:.2f} (best event F1 of the out-of-fold models on all dev)")
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
