"""Gold places against their geocodes: wrong state, unresolved, feature taken for its town (round 26).

Why: there is no geocoding gold, but every gold Location names a place the article is about. For each
gold Location of a set (fusion-dev by part: old / r13 / r14 / r16; realnews-dev's LOOK batches; CHECK
counted, never listed; never a test set) this finds the extracted entity of the same name (name or
alias, case and accents folded) and reads its resolved state, its first-level division and its feature
class, and flags it by mechanism:

- ``missing``: no extracted Location of that name (an extraction miss, not a geocode);
- ``unresolved``: extracted, no point (a region with a point and no state is resolved; a town placed in
  the area the text puts it in, ``unlisted_in``, is located with no point of its own);
- ``outside``: resolved in a state that is neither one the article names (``geo_context``: by name,
  alias or demonym, its dateline's) nor one it implies (the states its other gold places were resolved
  in, the one state a gold name is a first-level division of), nor a neighbour of one;
- ``wrong_state``: the same, in an article that names or implies at least one state (an article that
  does neither puts every place "outside"): the wrong-country count;
- ``feature_as_town``: a feature's name ("X airport", "X district", "X camp", "X base") resolved to a
  populated place (feature class P), or a bare name resolved to a feature of another class when the
  gold has no such head (``town_as_feature``).

Counted per group by mechanism, and by distinct source (publisher) and article.

    python scripts/geocode_audit.py --realnews-facts out/eval/realnews-dev --fusion-facts DIR
    python scripts/geocode_audit.py ... --list     # LOOK's and fusion-dev's flagged rows (never CHECK's)
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

from kg.extract.gazetteer import fold  # noqa: E402
from kg.extract.geo_context import article_context, neighbours  # noqa: E402

DATA = ROOT / "tests" / "data"
REALNEWS_DEV = DATA / "realnews" / "dev"
FUSION_DEV = DATA / "fusion" / "dev"
CHECK = frozenset("HJM")
MECHANISMS = ("missing", "unresolved", "outside", "wrong_state", "feature_as_town", "town_as_feature")
# lower-case heads that make a name a feature, not the town of the same name
FEATURE_HEADS = ("airport", "airfield", "air base", "base", "camp", "district", "province", "region",
                 "county", "governorate", "state", "crossing", "border crossing", "checkpoint", "bridge",
                 "port", "prison", "dam", "valley", "river", "mountain", "mountains", "corridor", "oblast",
                 "raion", "municipality", "department", "division", "highway", "road")


def _key(name: str) -> str:
    return " ".join(fold(name).lower().replace("-", " ").split())


fusion_part = fusion_batch  # (the name round 26's test reads)


def feature_head(name: str) -> Optional[str]:
    """The feature head a name ends in ("X airport" -> "airport"), or None."""
    low = _key(name)
    for head in sorted(FEATURE_HEADS, key=len, reverse=True):
        if low.endswith(" " + head):
            return head
    return None


def audit_article(gold: dict, facts: dict, gaz) -> list[dict]:
    """One row per gold Location: its extracted entity's geocode and the mechanisms it is flagged by."""
    text = facts.get("text") or ""
    ctx = article_context(text, gaz)
    by_name: dict[str, dict] = {}
    for e in facts.get("entities", ()):
        if e.get("type") != "Location":
            continue
        for n in [e.get("name") or ""] + list(e.get("aliases") or ()):
            by_name.setdefault(_key(n), e)
    golds = [g for g in gold.get("entities", ()) if g.get("type") == "Location"]
    matched = []
    for g in golds:
        names = [g["name"]] + list(g.get("aliases") or ())
        matched.append(next((by_name[_key(n)] for n in names if _key(n) in by_name), None))
    rows = []
    for g, ent in zip(golds, matched):
        row = {"name": g["name"], "flags": []}
        if ent is None:
            row["flags"].append("missing")
            rows.append(row)
            continue
        attrs = ent.get("attributes") or {}
        code = attrs.get("country_code")
        fclass = attrs.get("feature_class")
        row.update(extracted=ent.get("name"), country=code, feature_class=fclass,
                   admin1=_admin1(ent, gaz), context=ctx.codes)
        if not ent.get("geo") and not attrs.get("unlisted_in"):
            # (a town the gazetteer lacks, placed in the area the text puts it in, has no point of its own
            # since geocoding round 30, and is located all the same: checked by its state below)
            row["flags"].append("unresolved")
        elif code:
            implied = implied_states(g, golds, matched, ent, gaz)
            if not ctx.near(code) and code not in implied and not any(code in neighbours(c) for c in implied):
                row["flags"].append("outside")
                if ctx.codes or implied:
                    row["flags"].append("wrong_state")
            head = feature_head(g["name"])
            if head is not None and fclass == "P" and ent.get("geo"):  # (at a town's point)
                row["flags"].append("feature_as_town")
            elif head is None and fclass not in (None, "P", "A") and feature_head(ent.get("name") or "") is None \
                    and gaz.country(g["name"]) is None and gaz.region(g["name"]) is None:
                row["flags"].append("town_as_feature")
        rows.append(row)
    return rows


def implied_states(g: dict, golds: list[dict], matched: list, ent: dict, gaz) -> set[str]:
    """The states the article's gold places imply: those the other places' entities were resolved in,
    and the one state a gold name (its own too) is a first-level division of ("Xistan" of one state)."""
    from kg.extract.resolve import _bare_division, _divisions_in_world

    out: set[str] = set()
    for other, e in zip(golds, matched):
        if other is not g and e is not None and e is not ent:
            code = (e.get("attributes") or {}).get("country_code")
            if code and (e.get("geo") or (e.get("attributes") or {}).get("unlisted_in")):
                out.add(code)
        named = _divisions_in_world(gaz, _bare_division(other["name"]))
        if len(named) == 1:
            out.add(named[0].country)
    return out


def _admin1(ent: dict, gaz) -> Optional[str]:
    gid = (ent.get("links") or {}).get("geonames")
    if not gid:
        return None
    for p in gaz.places(ent.get("name") or "", limit=20):
        if p.geonames_id == gid:
            return p.admin1
    return None


def _gold(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted((folder / "gold").glob("*.json"))}


def _facts(folder: Path, art_id: str) -> Optional[dict]:
    p = folder / f"{art_id}.facts.json"
    return json.loads(p.read_text("utf-8")) if p.is_file() else None


def tally(rows_by_article: dict[str, list[dict]], sources: dict[str, str]) -> dict:
    """Per mechanism: flagged places, distinct articles and distinct sources."""
    out = {"gold_locations": sum(len(r) for r in rows_by_article.values()), "articles": len(rows_by_article)}
    for m in MECHANISMS:
        arts = {a for a, rows in rows_by_article.items() if any(m in r["flags"] for r in rows)}
        out[m] = {"places": sum(m in r["flags"] for rows in rows_by_article.values() for r in rows),
                  "articles": len(arts), "sources": len({sources.get(a, a) for a in arts})}
    return out


def run(realnews_facts: Optional[Path], fusion_facts: Optional[Path], gaz) -> dict:
    groups: dict[str, dict[str, list]] = {}
    sources: dict[str, str] = {}
    listable: dict[str, bool] = {}
    if realnews_facts is not None:
        of_batch = manifest_batches()
        for art_id, gold in _gold(REALNEWS_DEV).items():
            facts = _facts(realnews_facts, art_id)
            if facts is None:
                continue
            batch = of_batch.get(art_id, "?")
            rows = audit_article(gold, facts, gaz)
            sources[art_id] = (gold.get("source") or {}).get("publisher") or art_id.split("-")[0]
            group = "CHECK" if batch in CHECK else "LOOK"
            groups.setdefault(group, {})[art_id] = rows
            listable[art_id] = group == "LOOK"
    if fusion_facts is not None:
        for art_id, gold in _gold(FUSION_DEV).items():
            facts = _facts(fusion_facts, art_id)
            if facts is None:
                continue
            rows = audit_article(gold, facts, gaz)
            sources[art_id] = (gold.get("source") or {}).get("publisher") or art_id
            groups.setdefault("fusion-dev " + fusion_part(art_id), {})[art_id] = rows
            groups.setdefault("fusion-dev", {})[art_id] = rows
            listable[art_id] = True
    result = {"groups": {g: tally(rows, sources) for g, rows in sorted(groups.items())}, "listed": []}
    seen = set()
    for g, arts in sorted(groups.items()):
        for art_id, rows in arts.items():
            if not listable.get(art_id) or art_id in seen:
                continue
            seen.add(art_id)
            for r in rows:
                if r["flags"] and r["flags"] != ["missing"]:
                    result["listed"].append({"article": art_id, "source": sources.get(art_id), **r})
    return result


def extract_fusion(dump: Path) -> None:
    """Extract fusion-dev's articles, each alone, into ``dump`` (facts files)."""
    from geocode_context import _facts_of

    for _ in _facts_of(sorted((FUSION_DEV / "articles").glob("*.txt")), dump, dump):
        pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realnews-facts", type=Path, help="eval.py --out's realnews-dev facts folder")
    ap.add_argument("--fusion-facts", type=Path, help="fusion-dev facts folder (extracted into it if empty)")
    ap.add_argument("--list", action="store_true", help="list flagged rows of LOOK and fusion-dev")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from kg.extract.gazetteer import Gazetteer

    if args.fusion_facts is not None:
        extract_fusion(args.fusion_facts)
    result = run(args.realnews_facts, args.fusion_facts, Gazetteer.load())
    if args.json:
        print(json.dumps(result if args.list else {"groups": result["groups"]}, indent=1))
        return
    for name, g in result["groups"].items():
        cells = "  ".join(f"{m} {g[m]['places']}/{g[m]['articles']}a/{g[m]['sources']}s" for m in MECHANISMS)
        print(f"{name:16} {g['articles']:4} art {g['gold_locations']:4} gold  {cells}")
    if args.list:
        for r in result["listed"]:
            print(f"{r['article']}\t{r['name']}\t{r.get('extracted')}\t{r.get('country')}/{r.get('admin1')}"
                  f"\t{r.get('feature_class')}\t{','.join(r.get('context') or [])}\t{','.join(r['flags'])}")


if __name__ == "__main__":
    main()
