"""Second-level administrative divisions (districts, regencies, prefectures, LGAs, counties) offline.

Why: conflict news places events "in X district of Y province", and the city index has no such
divisions, so such names stayed unresolved (docs/entities.md, geocoding rounds 26 and 27). The table
``kg/data/admin2.tsv`` (built by scripts/build_admin2.py from GeoNames' cities1000 with their
admin-2 names) gives each division's state, first-level division, a centre where its towns are, and
the GeoNames ids of its towns.

The rule (:func:`place_districts`, called once per article by the resolver): a place named with a
second-level word ("X district", "the X regency", "the district of X"; kg/data/admin2.yaml) is
the division of that name among the states the article names, when exactly one such division is
found there; where the article names a first-level division of that state, the division must lie in
one it names (the table predates some districts: a newer district's namesake in another province is
not it). Never a world-wide guess: an article that names no state leaves the name unresolved.

:func:`divisions_of_town` gives the divisions a cities500 town lies in (by the table's town lists),
read by fusion (kg/fuse/model.py) so that a town is inside the district another report names.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

from kg.extract.gazetteer import Place, normalize

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ADMIN2_FILE = DATA_DIR / "admin2.tsv"
WORDS_FILE = DATA_DIR / "admin2.yaml"
#: The feature code of a placed second-level division (kg.extract.gazetteer.Place.feature_code).
FEATURE_CODE = "ADM2"


@dataclass(frozen=True)
class Division:
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # GeoNames admin-1 code of kg/data/admin1.tsv ("" when the source does not say)
    name: str  # GeoNames' ASCII name ("Prefecture de X", "Y District", "Z")
    lat: float
    lon: float
    extent_km: int  # its farthest town from (lat, lon)
    towns: int
    town_ids: tuple[int, ...]  # cities500 GeoNames ids of its towns

    @property
    def key(self) -> str:
        return name_key(self.name)


@lru_cache(maxsize=1)
def enabled() -> bool:
    """admin2.yaml's ``resolve_districts``: whether the resolver calls :func:`place_districts`."""
    return bool(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")).get("resolve_districts", False))


@lru_cache(maxsize=1)
def fusion_districts() -> bool:
    """admin2.yaml's ``fusion_districts``: whether fusion compares places by the second-level divisions
    they lie in (kg.fuse.model.PlaceInfo.districts, kg.fuse.compat.place_relation)."""
    return bool(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")).get("fusion_districts", False))


@lru_cache(maxsize=1)
def implied_states() -> bool:
    """admin2.yaml's ``implied_states``: whether the states of the places an article already placed
    count among its states (:func:`place_districts`; geocoding round 29)."""
    return bool(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")).get("implied_states", False))


@lru_cache(maxsize=1)
def town_districts() -> bool:
    """admin2.yaml's ``town_districts``: "X district" with no division of the table in the article's
    states goes to the area around their town X (:func:`place_districts`; geocoding round 29)."""
    return bool(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")).get("town_districts", False))


@lru_cache(maxsize=1)
def co_named() -> bool:
    """admin2.yaml's ``co_named``: in an article that names no state, "X district" is placed where X and
    another of its place names share one province (:func:`place_districts`; geocoding round 29)."""
    return bool(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")).get("co_named", False))


def placed_states(mentions: Iterable) -> list[str]:
    """The states of the Location mentions already placed (a point and a state), in text order."""
    out: list[str] = []
    for m in mentions:
        place = m.hint.get("place") if m.kind == "Location" else None
        if place is not None and place.lat is not None and place.country_code:
            out.append(place.country_code)
    return out


def placed_provinces(mentions: Iterable) -> set[tuple[str, str]]:
    """(state, admin-1 code) of the Location mentions already placed in a first-level division."""
    out: set[tuple[str, str]] = set()
    for m in mentions:
        place = m.hint.get("place") if m.kind == "Location" else None
        if place is not None and place.lat is not None and place.country_code and place.admin1:
            out.add((place.country_code, place.admin1))
    return out


def district_key(d: Division) -> str:
    """One key per division of the table: its state, first-level code and GeoNames name."""
    return f"{d.country}|{d.admin1}|{d.name}"


@lru_cache(maxsize=1)
def _by_district_key() -> dict[str, Division]:
    return {district_key(d): d for d in table()}


def division_by_key(key: str) -> Optional[Division]:
    return _by_district_key().get(key)


@lru_cache(maxsize=1)
def fusion_margin_km() -> float:
    """admin2.yaml's ``fusion_district_margin_km``: how far beyond its farthest listed town a district may
    reach (kg.fuse.compat.district_relation)."""
    return float(yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")).get("fusion_district_margin_km", 40))


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The word lists of admin2.yaml, each entry as a tuple of words, longest first."""
    raw = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    out = {}
    for k in ("mention_words", "name_prefixes", "name_suffixes", "name_connectors"):
        entries = {tuple(normalize(w).split()) for w in raw.get(k, [])}
        out[k] = tuple(sorted((e for e in entries if e), key=lambda e: (-len(e), e)))
    return out


def name_key(name: str) -> str:
    """A division's name without the words GeoNames or a report writes around it: "Prefecture de
    X" -> "x", "Y District" -> "y", "Kabupaten Z" -> "z" (the name itself when nothing would be left)."""
    w = words()
    toks = normalize(name).split()
    for pre in w["name_prefixes"]:
        n = len(pre)
        if len(toks) > n and tuple(toks[:n]) == pre:
            rest = toks[n:]
            for con in w["name_connectors"]:
                if len(rest) > len(con) and tuple(rest[:len(con)]) == con:
                    rest = rest[len(con):]
                    break
            toks = rest
            break
    for suf in w["name_suffixes"]:
        n = len(suf)
        if len(toks) > n and tuple(toks[-n:]) == suf:
            toks = toks[:-n]
            break
    return " ".join(toks)


def read_table(path: Path = ADMIN2_FILE) -> list[Division]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t",
                                quoting=csv.QUOTE_NONE)
        return [Division(country=r["country"], admin1=r["admin1"], name=r["name"], lat=float(r["lat"]),
                         lon=float(r["lon"]), extent_km=int(r["extent_km"]), towns=int(r["towns"]),
                         town_ids=tuple(int(t) for t in r["town_ids"].split("|") if t))
                for r in reader]


@lru_cache(maxsize=1)
def table() -> tuple[Division, ...]:
    return tuple(read_table())


@lru_cache(maxsize=1)
def _by_key() -> dict[tuple[str, str], tuple[Division, ...]]:
    out: dict[tuple[str, str], list[Division]] = {}
    for d in table():
        for k in {d.key, normalize(d.name)}:
            out.setdefault((d.country, k), []).append(d)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _by_town() -> dict[int, tuple[Division, ...]]:
    out: dict[int, list[Division]] = {}
    for d in table():
        for t in d.town_ids:
            out.setdefault(t, []).append(d)
    return {k: tuple(v) for k, v in out.items()}


def divisions_named(name: str, countries: Iterable[str]) -> list[Division]:
    """The divisions of these states whose name (or its key) is ``name``, in the states' order."""
    key = name_key(name)
    out: list[Division] = []
    for cc in dict.fromkeys(c.upper() for c in countries if c):
        for d in _by_key().get((cc, key), ()):
            if d not in out:
                out.append(d)
    return out


def divisions_of_town(geonames_id: str) -> tuple[Division, ...]:
    """The divisions whose town list holds this cities500 id (one, as a rule)."""
    return _by_town().get(int(geonames_id), ()) if geonames_id.strip().isdigit() else ()


def place_of(d: Division) -> Place:
    """The division as a gazetteer place: an administrative area (class A, code ADM2) at its centre,
    in its state and first-level division."""
    return Place(geonames_id="", name=d.name, lat=d.lat, lon=d.lon, country_code=d.country,
                 feature_class="A", feature_code=FEATURE_CODE, population=0, admin1=d.admin1 or None)


def district_name(text: str, before: Iterable[str] = ()) -> Optional[tuple[str, str]]:
    """(the division's own name, the word) when a mention names a second-level division: "X district",
    "the X regency" (the word after the name), or "X" right after "the district of" (``before``: the
    lower-case words before the mention, nearest last); else None."""
    toks = normalize(text).split()
    if toks and toks[0] == "the":
        toks = toks[1:]
    for word in words()["mention_words"]:
        n = len(word)
        if len(toks) > n and tuple(toks[-n:]) == word:
            return " ".join(toks[:-n]), " ".join(word)
    prev = [normalize(w) for w in before][-(3 + 2):]
    if len(prev) >= 3 and prev[-1] == "of":
        for word in words()["mention_words"]:
            n = len(word)
            if len(prev) >= n + 2 and tuple(prev[-1 - n:-1]) == word and prev[-2 - n] == "the":
                return " ".join(toks), " ".join(word)
    return None


def _before(m) -> list[str]:
    """The lower-case words right before a mention (five at most)."""
    doc, s = m.span.doc, m.span.start
    return [t.lower_ for t in doc[max(0, s - 5):s]]


def _named_first_level(texts: Iterable[str], countries: list[str]) -> set[tuple[str, str]]:
    """(state, admin-1 code) of the first-level divisions the article names, by any of its place names
    with or without a division word ("X", "X state", "the X province")."""
    from kg.graph.hierarchy import division_named  # (kg.graph imports kg.extract)

    out: set[tuple[str, str]] = set()
    for text in texts:
        toks = normalize(text).split()
        if toks and toks[0] == "the":
            toks = toks[1:]
        for name in {" ".join(toks), " ".join(toks[:-1])} - {""}:
            for cc in countries:
                d = division_named(cc, name)
                if d is not None:
                    out.add((d.country, d.code))
    return out


def _around_town(name: str, text: str, pool: list[str], first_level: set[tuple[str, str]], gaz) -> Optional[Place]:
    """"X district" that no division of the table bears in the article's states, where those states
    have a town of that very name in one first-level division only (in one the article names, where it
    names one of that state): the area around the town, in its state and province (round 29; what
    the resolver's round-17 rule does for the states it read itself)."""
    from kg.extract.gazetteer import light, strip_article

    want = light(strip_article(normalize(name)))
    if len(want) < 4:
        return None
    towns = [p for p in gaz.places(name, countries=pool, limit=10)
             if p.feature_class == "P" and p.geonames_id and p.country_code in pool and p.lat is not None
             and light(strip_article(normalize(p.name))) == want
             and (not any(cc == p.country_code for cc, _ in first_level) or (p.country_code, p.admin1) in first_level)]
    if len({(p.country_code, p.admin1) for p in towns}) != 1:
        return None
    town = towns[0]
    toks = text.split()
    label = " ".join(toks[1:] if toks and toks[0].lower() == "the" else toks)
    return Place(geonames_id="", name=label, lat=town.lat, lon=town.lon, country_code=town.country_code,
                 feature_class="A", feature_code=None, population=0, admin1=town.admin1)


def _core_name(text: str) -> str:
    """A place mention's name without "the" and the lower-case words after it ("the X range" -> "X")."""
    toks = text.split()
    if toks and toks[0].lower() == "the":
        toks = toks[1:]
    while len(toks) > 1 and toks[-1][:1].islower():
        toks = toks[:-1]
    return " ".join(toks)


def _seats(name: str, gaz) -> set[tuple[str, str]]:
    """(state, admin-1 code) of every division of the table and every town of the gazetteer that bears
    this very name (spelling-folded), world-wide."""
    from kg.extract.gazetteer import light, strip_article

    key = normalize(name)
    want = light(strip_article(key))
    if len(want) < 4:
        return set()
    out = {(d.country, d.admin1) for d in _by_name().get(name_key(name), ()) if d.admin1}
    for p in gaz.places(name, limit=10):
        if p.feature_class == "P" and p.geonames_id and p.admin1 and light(strip_article(normalize(p.name))) == want:
            out.add((p.country_code, p.admin1))
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Division, ...]]:
    out: dict[str, list[Division]] = {}
    for d in table():
        out.setdefault(d.key, []).append(d)
    return {k: tuple(v) for k, v in out.items()}


def _place_by_co_named(mentions: list, named: list, gaz) -> None:
    """An article that names no state: "X district" is placed where X and another place the article
    names share one first-level division (by the table's divisions and the gazetteer's towns of those
    names, world-wide), else one state only: the table's division of that name there, else the area
    around its town X (round 29: a police statement on "the X district" and "the Y range", two names
    each borne in several states, only one province bearing both)."""
    targets = []
    for m in mentions:
        if m.kind != "Location" or m.subtype in ("MilitaryBase", "Facility"):
            continue
        said = district_name(m.text, _before(m))
        place = m.hint.get("place")
        if said and said[0] and (place is None or place.lat is None):
            targets.append((m, said[0]))
    if not targets:
        return
    names = {normalize(_core_name(x.text)): _core_name(x.text) for x in named if x.kind == "Location"}
    seats = {k: _seats(v, gaz) for k, v in names.items()}
    for m, name in targets:
        own = _seats(name, gaz)
        if not own:
            continue
        others = set().union(*(v for k, v in seats.items() if k != normalize(name) and k != normalize(_core_name(m.text))))
        shared = own & others
        if len(shared) != 1:
            states = {cc for cc, _ in own} & {cc for cc, _ in others}
            inside = [s for s in own if s[0] in states]
            if len(states) != 1 or len(inside) != 1:
                continue
            shared = set(inside)
        (cc, a1), = shared
        divs = [d for d in _by_name().get(name_key(name), ()) if (d.country, d.admin1) == (cc, a1)]
        place = place_of(divs[0]) if len(divs) == 1 else (
            None if divs else _around_town(name, m.text, [cc], {(cc, a1)}, gaz))
        if place is not None:
            m.hint["place"] = place


def place_districts(mentions: list, countries: Iterable[str], gaz=None, text: Optional[str] = None,
                    named: Optional[list] = None, force: bool = False) -> None:
    """Place each Location mention that names a second-level division (:func:`district_name`) at the
    one division of that name in the article's states, in a first-level division the article names
    where it names one of that state. The article's states: ``countries`` (those the resolver read:
    its states, forces and divisions) and, with ``gaz``, those its text names by name, alias or
    demonym and its dateline's (kg.extract.geo_context; ``text``, else the paragraphs of the
    mentions). The first-level divisions it names are read from ``named`` (every mention of the
    article; else ``mentions``): the resolver passes the mentions it has still to place, and a
    province a curated region already placed is named all the same. Sets ``hint["place"]`` where it
    finds one; a place already found with a point of its own is kept, except a town the text calls a
    district ("the district of X"). Does nothing unless admin2.yaml's ``resolve_districts`` is on (or
    ``force``)."""
    if not (force or enabled()):
        return
    if not any(district_name(m.text, _before(m)) for m in mentions if m.kind == "Location"):
        return
    countries = list(countries)
    if gaz is not None:
        from kg.extract.geo_context import article_context

        if text is None:
            docs = {id(m.span.doc): m.span.doc for m in mentions}
            text = "\n\n".join(d.text for d in docs.values())
        countries += article_context(text, gaz).codes
    if implied_states():
        # the states of the places the article already placed (a town, a curated area): a report
        # that names its towns and districts but never its state (round 29); a namesake abroad
        # adds a state where a division of that very name must also be found
        countries += placed_states(named or mentions)
    states = [c.upper() for c in dict.fromkeys(countries) if c]
    if not states:
        if gaz is not None and co_named():
            _place_by_co_named(mentions, named or mentions, gaz)
        return  # (never a world-wide guess: only where two of its names agree on one province)
    found: dict[str, Optional[Place]] = {}
    first_level: Optional[set[tuple[str, str]]] = None
    for m in mentions:
        if m.kind != "Location" or m.subtype in ("MilitaryBase", "Facility"):
            continue
        said = district_name(m.text, _before(m))
        if said is None or not said[0]:
            continue
        name, word = said
        place = m.hint.get("place")
        if place is not None and place.lat is not None and place.feature_class != "P":
            continue  # (a curated area, a division the text puts it in: kept)
        pool = [c for c in states if c != "US"] if word == "county" else states  # (US counties: not this table)
        if name not in found:
            if first_level is None:
                first_level = _named_first_level((x.text for x in (named or mentions) if x.kind == "Location"
                                                  and district_name(x.text) is None), states)
            cands = divisions_named(name, pool)
            cands = [d for d in cands if not any(cc == d.country for cc, _ in first_level)
                     or (d.country, d.admin1) in first_level]
            near = first_level
            if gaz is not None and implied_states():
                # a name borne in several provinces (a division of the table in one, a town in another)
                # goes to the province where the article's placed places lie, where it is borne there
                here = _seats(name, gaz) & placed_provinces(named or mentions)
                if here:
                    cands = [d for d in cands if (d.country, d.admin1) in here]
                    near = first_level | here
            found[name] = place_of(cands[0]) if len(cands) == 1 else None
            if found[name] is None and not cands and gaz is not None and town_districts():
                found[name] = _around_town(name, m.text, pool, near, gaz)
        if found[name] is not None:
            m.hint["place"] = found[name]


__all__ = ["Division", "FEATURE_CODE", "district_key", "division_by_key", "fusion_margin_km", "district_name", "fusion_districts", "divisions_named", "divisions_of_town", "name_key",
           "place_districts", "place_of", "placed_states", "placed_provinces", "implied_states", "town_districts", "co_named", "read_table", "table"]
