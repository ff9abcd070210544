"""Where the event finder loses a missed gold event: a trace of the frames made and dropped.

    .venv/bin/python scripts/trace_missed.py [--set realnews-dev] [--batches A B ...] [--json]
    .venv/bin/python scripts/trace_missed.py --set fusion-dev [--json]
    .venv/bin/python scripts/trace_missed.py --set fusion-dev --totals


For each dev article (realnews dev batches named, default the LOOK batches; or written dev; or
fusion-dev, whose gold events are aligned with the article's events as ``scripts/eval.py`` aligns
them for fusion, ``_align``, and grouped by the batch of their id: "r13", "r14", ..., or "old"), the
article is extracted with the finder's stages traced (no code of the finder changed: its stage
functions are wrapped while this script runs):

- every word that may open a frame, the type it is read as, and the gate that skipped it
  ("ongoing", "present habit", "campaign", "owned campaign") or the number of frames its type's rule
  made ("rule made none": the rule found no anchor or refused the reading);
- every stage that returns a new list of frames (``_merge``, the folds, the drops), and the frames
  it took out ("merged or dropped at <stage>");
- after the finder, the extractor's own stages (the learned event filter) and the scorer's
  modality filter.

Then each gold event the scorer leaves unmatched is put in the first class that holds, the gold's
sentence found from the quotation in its note: ``differs`` (a scored event of its type told in its
sentence: anchor or date differs), ``modality`` (one of its type in its sentence, not asserted),
``filter`` (the learned filter took it), ``stage:<name>`` (a frame of its type from its sentence
taken out at that stage), ``gate:<why>`` (a word of its type in its sentence skipped by that gate),
``rule made none`` (a word of its type, no frame), ``other type`` (a trigger of another type only),
``no trigger``. Only dev sets: the test sets are never traced. Fusion-dev's CHECK batches
(``FUSION_CHECK``: r17, whose writer's other half is in fusion-test) are never traced either.

``--totals`` (fusion-dev) prints no miss at all: each article is extracted and scored against its
gold as extraction (the scorer's events and arguments), and the tp/fp/fn are summed per batch and
for LOOK (every batch but the CHECK ones) and CHECK, the only figures of a CHECK batch shown.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from batch_figures import batches as manifest_batches, fusion_batch  # noqa: E402

REALNEWS = ROOT / "tests" / "data" / "realnews"
CHECK = ("H", "J", "M")  # never traced: their per-article misses are not read
#: every other batch of manifest.d/ (a new batch is LOOK once merged)
LOOK = tuple(sorted(set(manifest_batches().values()) - set(CHECK)))
SCORED = ("Attack", "Capture", "Deployment", "Meeting")
#: fusion-dev batches whose per-article misses are never read (totals only, ``--totals``)
FUSION_CHECK = ("r17",)


def batch_ids(batches) -> dict[str, str]:
    out = {}
    for b in batches:
        if b in CHECK:
            raise SystemExit(f"batch {b} is a CHECK batch: its misses are not traced")
        for line in (REALNEWS / "manifest.d" / f"{b}.tsv").read_text("utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) > 1 and cols[1] == "dev":
                out[cols[0]] = b
    return out


class Trace:
    """What one ``EventFinder.find`` call made and dropped."""

    def __init__(self) -> None:
        self.words: list[dict] = []  # per frame word: sentence, lemma, type, gate, frames made
        self.dropped: list[tuple[str, object]] = []  # (stage, frame)
        self.sentences: list = []


def install(trace_of: list):
    """Wrap the finder's stages so that each call records into ``trace_of[-1]``; returns a function
    that puts the stages back."""
    from kg.extract.events import finder as fmod
    from kg.extract.events.opening import Opening

    saved = [(Opening, "frames", Opening.__dict__["frames"])]

    def frames(self):
        tr = trace_of[-1]
        for tok in self.frame_words():
            rec = {"sent": self.sent.index, "word": tok.text, "lemma": tok.lemma_.lower(), "type": None,
                   "gate": None, "made": 0}
            left = self.withdrawal(tok)
            if left is not None:
                rec.update(type="Capture", made=1)
                tr.words.append(rec)
                yield left
                continue
            etype, nominal = self.trigger_type(tok)
            rec["type"] = etype
            if etype is None:
                tr.words.append(rec)
                continue
            m = self.finder.modality
            if etype in ("Attack", "Deployment") and m.ongoing(tok):
                rec["gate"] = "ongoing"
            elif etype in ("Attack", "Capture", "Meeting") and not nominal and self.sent.index > 0 \
                    and m.present_habit(tok, self.finder.t.base(tok)):
                rec["gate"] = "present habit"
            elif etype in ("Attack", "Capture") and not nominal and m.campaign(tok):
                rec["gate"] = "campaign"
            elif nominal and etype in ("Attack", "Deployment") and self.owned_campaign(tok):
                rec["gate"] = "owned campaign"
            tr.words.append(rec)
            if rec["gate"]:
                continue
            for f in getattr(self, f"_{etype.lower()}")(tok, nominal):
                rec["made"] += 1
                yield f

    Opening.frames = frames

    def wrap(name):
        fn = getattr(fmod, name)
        saved.append((fmod, name, fn))

        def traced(frames, *a, **k):
            before = list(frames)
            out = fn(frames, *a, **k)
            kept = {id(f) for f in out}
            for f in before:
                if id(f) not in kept:
                    trace_of[-1].dropped.append((name, f))
            return out
        setattr(fmod, name, traced)

    for name in ("_drop_attacks_taken", "_merge", "_drop_bare_retellings", "_fold_placed_attacks",
                 "_fold_demonstrative", "_entry_of_a_capture", "_drop_unplaced_tallies", "_drop_claimed_kills",
                 "_meetings_told_by_states", "_one_event_told_again"):
        wrap(name)

    def uninstall() -> None:
        for owner, name, fn in saved:
            setattr(owner, name, fn)
    return uninstall


def missed_gold(gold: dict, facts: dict, scorer, ev_mod, fusion: bool) -> list[dict]:
    """The gold events the extraction leaves unmatched: as the scorer counts them, or (fusion) the
    ones ``scripts/eval.py`` aligns with no report of the article."""
    if fusion:
        aligned = ev_mod._align(gold, facts, scorer)
        return [e for i, e in enumerate(gold["events"]) if i not in aligned]
    res = scorer.score(gold, facts)
    pending, out = list(gold["events"]), []
    for u in res["unmatched_gold_events"]:
        g = next(e for e in pending if e["type"] == u["type"] and e.get("roles") == u["roles"]
                 and e.get("quantities") == u["quantities"])
        pending.remove(g)
        out.append(g)
    return out


QUOTE = re.compile(r"'([^']{12,})'|\"([^\"]{12,})\"|\u2018([^\u2019]{12,})\u2019|\u201c([^\u201d]{12,})\u201d")


def words_of(s: str) -> list[str]:
    return re.sub(r"[^a-z0-9 ]+", " ", s.lower()).split()


def gold_sentences(ev: dict, sentences) -> list[int]:
    """The sentences a gold event's note quotes (each fragment between "..." found by its words)."""
    note = ev.get("note") or ""
    frags = [next(g for g in m.groups() if g) for m in QUOTE.finditer(note)]
    frags = [p for f in frags for p in re.split(r"\.\.\.|\u2026", f) if len(words_of(p)) >= 3]
    out = []
    for frag in frags:
        fw = words_of(frag)
        best, score = None, 0.0
        for s in sentences:
            sw = " " + " ".join(words_of(s.text)) + " "
            if " " + " ".join(fw) + " " in sw:
                best, score = s.index, 1.0
                break
            hit = sum(1 for w in set(fw) if f" {w} " in sw) / len(set(fw))
            if hit > score:
                best, score = s.index, hit
        if best is not None and score >= 0.7 and best not in out:
            out.append(best)
    return out


def classify(ev: dict, sents: list[int], trace: Trace, events: list[dict], filtered: set, scorer) -> str:
    t = ev["type"]
    if not sents:
        return "no sentence found"
    mine = [e for e in events if e["type"] == t and e["trigger"]["sentence"] in sents]
    if any(e.get("modality", "asserted") == "asserted" for e in mine):
        return "differs"
    if mine:
        return "modality"
    if any(tt == t and s in sents for tt, s in filtered):
        return "filter"
    for stage, f in trace.dropped:
        if f.type == t and f.sentence.index in sents:
            return f"stage:{stage}"
    words = [w for w in trace.words if w["sent"] in sents]
    if any(w["type"] == t and w["gate"] for w in words):
        return "gate:" + next(w["gate"] for w in words if w["type"] == t and w["gate"])
    if any(w["type"] == t for w in words):
        return "rule made none"
    if any(w["type"] for w in words):
        return "other type"
    return "no trigger"


def fusion_look(ids: dict[str, str]) -> dict[str, str]:
    """The fusion-dev articles whose misses may be traced: every batch but ``FUSION_CHECK``."""
    return {doc: b for doc, b in ids.items() if b not in FUSION_CHECK}


def sum_scores(results: list[dict]) -> dict:
    """tp/fp/fn of events and arguments summed over scored articles, with P/R/F1."""
    out = {}
    for key in ("events", "arguments"):
        tp, fp, fn = (sum(r[key][k] for r in results) for k in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[key] = {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 4), "r": round(r, 4),
                    "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
    return out


def fusion_totals(pairs, ids: dict[str, str], scorer, as_json: bool) -> int:
    """Fusion-dev's articles scored as extraction: totals per batch, LOOK and CHECK; no miss."""
    from kg.extract import Extractor
    from kg.extract import facts as facts_io
    from kg.read.reader import read_file

    ex = Extractor()
    per: dict[str, list] = defaultdict(list)
    for gold_path, article in pairs:
        gold = json.loads(gold_path.read_text("utf-8"))
        facts = json.loads(facts_io.dumps(ex.extract(read_file(article))))
        per[ids[gold_path.stem]].append(scorer.score(gold, facts))
    groups = {b: sum_scores(rs) for b, rs in sorted(per.items())}
    groups["LOOK"] = sum_scores([r for b, rs in per.items() if b not in FUSION_CHECK for r in rs])
    groups["CHECK"] = sum_scores([r for b, rs in per.items() if b in FUSION_CHECK for r in rs])
    if as_json:
        print(json.dumps(groups, indent=1))
        return 0
    for name, g in groups.items():
        e, a = g["events"], g["arguments"]
        print(f"{name:<6} events {e['p']:.4f} / {e['r']:.4f} / {e['f1']:.4f} ({e['tp']}/{e['fp']}/{e['fn']})"
              f"  arguments {a['p']:.4f} / {a['r']:.4f} / {a['f1']:.4f} ({a['tp']}/{a['fp']}/{a['fn']})")
    return 0


def main(argv) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="realnews-dev", choices=["realnews-dev", "written-dev", "fusion-dev"])
    ap.add_argument("--batches", nargs="*", default=list(LOOK))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--totals", action="store_true",
                    help="fusion-dev: extraction tp/fp/fn per batch, LOOK and CHECK (no miss shown)")
    args = ap.parse_args(argv)
    if args.totals and args.set != "fusion-dev":
        raise SystemExit("--totals is for fusion-dev")

    import importlib.util
    spec = importlib.util.spec_from_file_location("eval_sets", ROOT / "scripts" / "eval.py")
    ev_mod = importlib.util.module_from_spec(spec)
    sys.modules["eval_sets"] = ev_mod
    spec.loader.exec_module(ev_mod)  # the eval sets and the scorer
    from kg.extract import Extractor
    from kg.extract import facts as facts_io
    from kg.read.reader import read_file

    scorer = ev_mod.load_scorer()
    if args.set == "fusion-dev":
        folder = ev_mod.FUSION_SETS["fusion-dev"][0]
        pairs = [(g, folder / "articles" / f"{g.stem}.txt") for g in sorted((folder / "gold").glob("*.json"))]
        ids = {g.stem: fusion_batch(g.stem) for g, _ in pairs}
        if args.totals:
            return fusion_totals(pairs, ids, scorer, args.json)
        ids = fusion_look(ids)
    else:
        pairs = ev_mod.SETS[args.set]().pairs()
        ids = batch_ids(args.batches) if args.set == "realnews-dev" else None
    traces: list[Trace] = []
    install(traces)
    ex = Extractor()
    orig_find = ex.events.find

    def find(parsed, res, published):
        traces[-1].sentences = parsed.sentences
        return orig_find(parsed, res, published)
    ex.events.find = find
    filt = ex.event_filter
    filtered_out: list = []
    if filt is not None:
        orig_apply = filt.apply

        def apply(events, *a, **k):
            out = orig_apply(events, *a, **k)
            kept = {id(e) for e in out}
            filtered_out.extend((e.type, e.trigger.sentence) for e in events if id(e) not in kept)
            return out
        filt.apply = apply

    rows = []
    for gold_path, article in pairs:
        gold = json.loads(gold_path.read_text("utf-8"))
        if ids is not None and gold["id"] not in ids:
            continue
        traces.append(Trace())
        filtered_out.clear()
        facts = json.loads(facts_io.dumps(ex.extract(read_file(article))))
        for g in missed_gold(gold, facts, scorer, ev_mod, args.set == "fusion-dev"):
            sents = gold_sentences(g, traces[-1].sentences)
            cls = classify(g, sents, traces[-1], facts.get("events", []), set(filtered_out), scorer)
            rows.append({"doc": gold["id"], "batch": ids[gold["id"]] if ids else "W", "type": g["type"],
                         "roles": g.get("roles"), "class": cls, "sentences": sents,
                         "text": [traces[-1].sentences[i].text for i in sents],
                         "words": [f"{w['word']}:{w['type']}{'/' + w['gate'] if w['gate'] else ''}:{w['made']}"
                                   for w in traces[-1].words if w["sent"] in sents and w["type"]],
                         "note": g.get("note")})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    by = Counter(r["class"] for r in rows)
    batches = defaultdict(set)
    for r in rows:
        batches[r["class"]].add(r["batch"])
    print(f"{len(rows)} missed gold events")
    for cls, n in by.most_common():
        print(f"{cls:<34} {n:>3}  batches {len(batches[cls]):>2}: {' '.join(sorted(batches[cls]))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
