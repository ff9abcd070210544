"""Regenerate the learned filter's fresh-text training data (docs/learned.md, round 26): each
realnews-dev batch's articles extracted by the code of the batch's FIRST run (the rules as they
stood before anyone read the batch), so the rules' mistakes on them are fresh text's mistakes.

    .venv/bin/python scripts/first_run_rows.py [--batches E F ...] [--out FILE]

For each batch: ``git worktree add`` of its first-run commit (FIRST_RUN below: the commit named in
tests/data/realnews/README.md, or, where the README names none, the commit that added the batch's
first gold file: the code then had seen none of the batch), the old code extracts the batch's DEV
articles (today's text files, the filter and the anchor ranker off) in a child process, and the
worktree is removed. Written, one JSON line per article: batch, id, commit, the old code's
entities and events (kg-facts/1 shape) and its sentence texts. Nothing is labelled or featured
here: ``scripts/train_event_filter.py --first-run FILE`` labels each judged event against
today's gold by the scorer's alignment and computes today's feature words from these facts, so
the file stays right when the gold or the features change (not when the batches' first-run
commits do). Needs git and the history; ``make train`` reads only the committed file.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFESTS = ROOT / "tests" / "data" / "realnews" / "manifest.d"
DEV = ROOT / "tests" / "data" / "realnews" / "dev"
OUT = ROOT / "tests" / "data" / "learned" / "first_run_facts.jsonl"
#: batch -> the commit whose code made its first run (README's, else its first gold commit)
FIRST_RUN = {
    "A": "9ed5322", "B": "9ed5322", "C": "9ed5322", "D": "9ed5322",
    "E": "57f7b21", "F": "e0e7eee", "G": "4b5dec1", "H": "cb87eb1", "I": "2d0d9eb",
    "J": "fc048d1", "K": "339411c", "L": "a44717e", "M": "3591fe1", "N": "43c4458",
    "O": "3b3fbf1", "P": "0593d5f", "Q": "d5ecbf5", "R": "cc8872f", "S": "8aa5f21",
    "T": "e9ccb9c", "U": "8a4c1c7", "V": "647616b", "W": "4d9d636", "X": "a2ee305",
    "Y": "7e73db1",
}

#: Run by the old code (its own kg package first on the path): one JSON line per article.
CHILD = r'''
import json, sys
from dataclasses import asdict, is_dataclass
from kg.extract import Extractor
from kg.extract.nlp import parse
try:
    from kg.read.reader import read_file
except ImportError:  # the first batches' code: kg/read.py
    from kg.read import read_file

def d(x):
    return asdict(x) if is_dataclass(x) else x

ex = Extractor()
ex.event_filter = None
if hasattr(ex, "anchor_ranker"):
    ex.anchor_ranker = None
for line in sys.stdin:
    job = json.loads(line)
    doc = read_file(job["path"])
    parsed = parse(ex.nlp, doc.text)
    facts = ex._facts(doc, parsed)
    ents = [{"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases),
             "mentions": [d(m) for m in e.mentions], "subtype": getattr(e, "subtype", None),
             "attributes": dict(getattr(e, "attributes", {}) or {}), "links": dict(getattr(e, "links", {}) or {}),
             "geo": d(e.geo) if getattr(e, "geo", None) is not None else None} for e in facts.entities]
    evs = [{"id": v.id, "type": v.type, "trigger": d(v.trigger), "roles": {r: list(i) for r, i in v.roles.items()},
            "quantities": {k: d(q) for k, q in (getattr(v, "quantities", {}) or {}).items()},
            "date": d(v.date) if v.date else None, "modality": v.modality,
            "confidence": round(float(getattr(v, "confidence", 0.5)), 3), "evidence": d(v.evidence),
            "subtype": getattr(v, "subtype", None), "quote": getattr(v, "quote", None)} for v in facts.events]
    print(json.dumps({"id": job["id"], "entities": ents, "events": evs,
                      "sentences": [s.text for s in parsed.sentences]}, ensure_ascii=False), flush=True)
'''


def dev_ids(batch: str) -> list[str]:
    with (MANIFESTS / f"{batch}.tsv").open(encoding="utf-8") as fh:
        return [r["id"] for r in csv.DictReader(fh, delimiter="\t") if r["split"] == "dev"]


def run_batch(batch: str, commit: str, python: str) -> list[dict]:
    wt = Path(tempfile.gettempdir()) / f"l26-{batch}"
    subprocess.run(["git", "worktree", "add", "--detach", str(wt), commit], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        jobs = "".join(json.dumps({"id": i, "path": str(DEV / "articles" / f"{i}.txt")}) + "\n"
                       for i in dev_ids(batch))
        out = subprocess.run([python, "-c", CHILD], cwd=wt, input=jobs, text=True, capture_output=True,
                             env={"PYTHONPATH": str(wt), "KG_EVENT_FILTER": "off", "PATH": "/usr/bin:/bin"})
        if out.returncode:
            raise SystemExit(f"batch {batch} at {commit}: {out.stderr[-2000:]}")
        rows = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
        return [dict(batch=batch, commit=commit, **r) for r in rows]
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(wt)], cwd=ROOT, check=False)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", nargs="+", default=sorted(FIRST_RUN))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args(argv)
    rows = []
    if args.out.exists():  # keep the batches not asked for
        rows = [r for r in map(json.loads, args.out.read_text("utf-8").splitlines()) if r["batch"] not in args.batches]
    for b in args.batches:
        got = run_batch(b, FIRST_RUN[b], args.python)
        print(f"batch {b} at {FIRST_RUN[b]}: {len(got)} articles, {sum(len(r['events']) for r in got)} events",
              flush=True)
        rows += got
    rows.sort(key=lambda r: (r["batch"], r["id"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), "utf-8")
    print(f"{len(rows)} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
