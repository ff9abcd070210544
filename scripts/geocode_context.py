"""Out-of-context geocodes per batch: places geocoded in a state the article is not about (round 25).

Why: there is no geocoding gold. A resolved place (a Location with a point and a state) whose state
is neither named in its article (by name, alias or demonym), nor its dateline's, nor a neighbour of
one of those is an *out-of-context geocode*: often a namesake abroad ("Victoria" of a Chilean report
put in Hong Kong), sometimes right (a foreign capital where talks were held). Counted per batch of
realnews-dev and for fusion-dev (each fresh ``rNN-`` batch apart), so a geocoding change can be judged
on how many it removes; a hand-checked sample gives the instrument's precision (docs/entities.md,
"Geocoding round 25").

    python scripts/geocode_context.py                              # extract realnews-dev and fusion-dev
    python scripts/geocode_context.py --facts out/eval/realnews-dev # reuse eval.py's facts files
    python scripts/geocode_context.py --list                       # also list LOOK's geocodes

CHECK batches (H, J, M) are counted, never listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from batch_figures import batches as manifest_batches, fusion_batch  # noqa: E402

from kg.extract.geo_context import article_context  # noqa: E402

DATA = ROOT / "tests" / "data"
REALNEWS = DATA / "realnews"
FUSION_DEV = DATA / "fusion" / "dev" / "articles"
CHECK = frozenset("HJM")


batches = manifest_batches  # article id -> batch letter (scripts/batch_figures.py)


def out_of_context(facts: dict, gaz) -> list[dict]:
    """The article's geocoded places whose state is out of its context, with that context."""
    text = facts.get("text") or ""
    ctx = article_context(text, gaz)
    found = []
    for e in facts.get("entities", ()):
        code = (e.get("attributes") or {}).get("country_code")
        if e.get("type") != "Location" or not e.get("geo") or not code:
            continue
        if not ctx.near(code):
            found.append({"name": e["name"], "country": code, "context": ctx.codes,
                          "feature_class": (e.get("attributes") or {}).get("feature_class")})
    return found


def _facts_of(paths: list[Path], facts_dir: Optional[Path], dump: Optional[Path] = None):
    """(article id, facts dict) per article: from ``facts_dir`` when given and present, else extracted."""
    extractor = None
    from kg.extract import facts as facts_io
    from kg.read.reader import read_file

    for path in paths:
        art_id = path.stem
        cached = facts_dir / f"{art_id}.facts.json" if facts_dir is not None else None
        if cached is not None and cached.is_file():
            yield art_id, json.loads(cached.read_text("utf-8"))
            continue
        if extractor is None:
            from kg.extract import Extractor

            extractor = Extractor()
        facts = json.loads(facts_io.dumps(extractor.extract(read_file(path))))
        if dump is not None:
            dump.mkdir(parents=True, exist_ok=True)
            (dump / f"{art_id}.facts.json").write_text(json.dumps(facts, indent=1), "utf-8")
        yield art_id, facts


def run(facts_dir: Optional[Path], fusion: bool, gaz, dump: Optional[Path] = None,
        fusion_facts: Optional[Path] = None) -> dict:
    of_batch = batches()
    groups: dict[str, dict] = {}
    listed: dict[str, list] = {}

    def add(group: str, art_id: str, found: list[dict], listable: bool) -> None:
        g = groups.setdefault(group, {"articles": 0, "out_of_context": 0, "in_articles_naming_no_state": 0})
        g["articles"] += 1
        g["out_of_context"] += len(found)
        g["in_articles_naming_no_state"] += sum(not f["context"] for f in found)
        if listable and found:
            listed[art_id] = found

    dev = sorted((REALNEWS / "dev" / "articles").glob("*.txt"))
    for art_id, facts in _facts_of(dev, facts_dir):
        batch = of_batch.get(art_id, "?")
        found = out_of_context(facts, gaz)
        add(batch, art_id, found, batch not in CHECK)
        add("CHECK" if batch in CHECK else "LOOK", art_id, found, False)
    if fusion:
        for art_id, facts in _facts_of(sorted(FUSION_DEV.glob("*.txt")), fusion_facts, dump):
            found = out_of_context(facts, gaz)
            add("fusion-dev", art_id, found, True)
            if fusion_batch(art_id) != "old":  # a fresh batch by a new writer, apart
                add("fusion-dev " + fusion_batch(art_id), art_id, found, False)
    return {"groups": dict(sorted(groups.items())), "listed": listed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=Path, help="eval.py's facts folder for realnews-dev (else extracted)")
    ap.add_argument("--no-fusion", action="store_true", help="skip fusion-dev")
    ap.add_argument("--list", action="store_true", help="list LOOK's and fusion-dev's out-of-context geocodes")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dump", type=Path, help="write fusion-dev's extracted facts files here")
    ap.add_argument("--fusion-facts", type=Path, help="fusion-dev's facts files written by --dump (else extracted)")
    args = ap.parse_args()
    from kg.extract.gazetteer import Gazetteer

    result = run(args.facts, not args.no_fusion, Gazetteer.load(), args.dump, args.fusion_facts)
    if args.json:
        print(json.dumps(result if args.list else {"groups": result["groups"]}, indent=1))
        return
    for name, g in result["groups"].items():
        print(f"{name:16} {g['articles']:4} articles {g['out_of_context']:4} out-of-context geocodes"
              f" ({g['in_articles_naming_no_state']} in articles naming no state)")
    if args.list:
        for art_id, found in result["listed"].items():
            for f in found:
                print(f"{art_id}\t{f['name']}\t{f['country']}\t{f['feature_class']}\t{','.join(f['context'])}")


if __name__ == "__main__":
    main()
