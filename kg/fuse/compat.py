"""Compatibility rules: can two reports tell one incident, and how strongly do they agree?

``compare(a, b)`` returns ``None`` when a rule vetoes (the reports cannot be one incident)
or a score, the sum of the evidence weights of ``fusion.yaml``:

* **type**: one family (the ontology's class hierarchy: a bombing is an attack) - else veto;
* **modality**: planned and happened are different incidents (the plan may be fulfilled by
  the other, see :mod:`kg.fuse.cluster`) - else veto;
* **date**: the two dates' intervals at their precisions must meet, with ``tolerance_days``
  for a day-precise date "reported the next day"; an undated report is placed in the days
  before its publication, an *untimed* one (dated on its publication day only because the text
  gives no time, e.g. a headline) in the few days before it - else veto. Same day, near day (or
  an untimed report's days holding the other's day) and same month score less and less;
* **place**: compared at each report's finest level (a town before its province before its
  country): the same place, or one inside the other (``ckg:within``, ``ckg:country``, an area
  named as the administrative division the hierarchy puts a town in, or a town within an
  area's radius when the hierarchy says nothing), or two points closer
  than ``same_point_km`` whose names hold one another (a town and its base) or closer than
  ``same_record_km`` (two records of one town); two other points that close are *near*, two
  places (``near_places``). Different countries or distinct towns veto. A place the
  gazetteer left with no country has the one its report's or article's geocoded places lie in
  (``PlaceInfo.inferred``, kg.fuse.model): it is in that country and nowhere known in it ("same
  country"; inside the state itself with ``places.inferred_in_state``, round 18), and another country vetoes as for any place. An unresolved
  name that holds a located place's name as whole words, or is held by it, is at that place
  ("Ain al-Asad air base" / "Al Asad Air Base": ``places.unresolved_names_hold``). Where the
  hierarchy knows better the radius does not hold: a first-level division does not contain a
  town of another (``places.first_level_elsewhere``), an area fusion has a point but no extent
  for (a place the gazetteer lacks at its area's centre, "X district" at its town's point) holds
  only what its name holds, and two towns of one name in one state are not known apart
  (``places.unknown_extent``, ``places.namesakes_unknown``: "same country", round 21);
* **actors**, per role both name: two fillers agree when they share a name, an alias, or a
  state or organisation they speak for (a defence secretary and his ministry speak for their
  state; "Iraqi security forces" and "Iraqi forces" are both the Iraqi state's); a role both
  fill with no agreement costs ``actor_conflict`` but never vetoes (outlets attribute an
  attack differently; fillers not known to stand for sides do not disagree, nor does a filler
  the report itself makes doubtful: an actor it reads on both sides, the bare state the event
  happened in as its perpetrator, an armed force whose state is not read against one whose
  state is: ``actors.sided_classes``); so does a meeting whose reports share a host but each name
  another guest, and ``another_guest`` besides; within one article that vetoes (the article
  tells its participants consistently); across articles a perpetrator or a target both name
  counts nothing where the places are not known to relate, or only to lie in one country
  (``place_bound_roles``: one group strikes several places a day, one force is struck at several);
* **figures** never veto: figures that differ make the incident's figures disputed, they do
  not split it; agreeing figures add a little; figures that differ between two days read from
  the texts that differ by one (the next-day tolerance) cost ``other_day_figures``: one place's
  events of two days a figure that tells one event from another (a deployment's troops) and
  differs costs ``other_size`` across articles: another contingent; one that agrees adds
  ``same_size`` across articles: the same contingent, told alike (round 20), except at two
  located places of one state not known to relate (``figures.size_place_bound``, round 21);
* two armed groups agreeing only by their field (two groups of one country) agree at one
  place; at places only contained or unrelated they cost ``field_elsewhere`` (a conflict);
* **sub-kinds** done by means that exclude one another (an air strike, an ambush:
  ``subtypes.exclusive_means``) cost ``other_means``;
* **text**: the same evidence sentence (a syndicated copy) or another mention in the same
  article adds evidence.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Optional

from kg.fuse.blocking import family, interval, parse_day
from kg.fuse.config import FusionConfig
from kg.fuse.model import FIELD, C, ActorInfo, PlaceInfo, Report, fingerprint_hashes, norm_name

AREA_WORDS = {"district", "province", "region", "governorate", "oblast", "state", "county",
              "area", "valley", "prefecture", "department", "raion", "municipality", "regency"}
# a bearing before a name makes it a part of the named area ("south Kashmir", "north-western
# Pakistan"): the area it names is the one after the bearing
BEARINGS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
            "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
            "southeastern", "southwestern"}

_LEVEL = {"P": 0, "?": 0, "A": 1, "L": 2, "S": 3}


def km(a: PlaceInfo, b: PlaceInfo) -> Optional[float]:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    return _km(a.lat, a.lon, b.lat, b.lon)


@lru_cache(maxsize=1 << 16)
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, remembered (the same few places are compared again and again)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=1 << 12)
def area_names(label: str) -> frozenset[str]:
    """The names an area goes by: its label, and its label without a leading bearing or an area
    word ("Balochistan province", "the department of Torodi", "south Kashmir": "balochistan",
    "torodi", "kashmir")."""
    n = norm_name(label)
    out = {n}
    words = n.split(" ")
    while len(words) > 1 and words[0] in BEARINGS:  # "south kashmir", "north western pakistan"
        words = words[1:]
        out.add(" ".join(words))
    if len(words) > 1 and words[-1] in AREA_WORDS:
        out.add(" ".join(words[:-1]))
    if len(words) > 2 and words[0] in AREA_WORDS and words[1] == "of":
        out.add(" ".join(words[2:]))
    return frozenset(out)


def in_named_area(place: PlaceInfo, area: PlaceInfo) -> bool:
    """``place`` lies in an administrative division (kg.graph.hierarchy) that goes by the name of
    ``area``, an area an article names (a province, a region, or an unresolved name that says it
    is one: "Bannu district"), in the same country. The hierarchy knows which division a town is
    in; a large province's centre may lie further from its towns than any radius (Khyber
    Pakhtunkhwa's from Bannu, ~210 km), which vetoed such a pair as two places."""
    if not place.areas or area.kind not in ("A", "L", "?"):
        return False
    if area.country and place.country and area.country != place.country:
        return False
    names = area_names(area.label)
    if area.kind == "?" and len(names) == 1:  # an unresolved name must say it is an area
        return False
    return not names.isdisjoint(place.areas)


@lru_cache(maxsize=1 << 12)
def one_name(x: str, y: str) -> bool:
    """One name holds the other as whole words ("Bannu" / "Bannu Cantonment", "Al Asad Air
    Base" / "Ain al-Asad air base"): two points of such names within ``same_point_km`` are one
    place (a town and its base). Two other names so close are two places: a town and its
    neighbour or a neighbourhood ("Jabalia" / "Beit Lahia", 2.4 km; a city and a quarter of it,
    7.6 km), which right geocodes put close and wrong ones far apart."""
    nx, ny = f" {norm_name(x)} ", f" {norm_name(y)} "
    return nx.strip() != "" and ny.strip() != "" and (nx in ny or ny in nx)


@lru_cache(maxsize=1 << 14)
def bare_place_name(name: str, words: tuple[str, ...]) -> str:
    """A normalised place name without a leading or trailing word for a kind of place ("orna
    village", "village of orna", "tarn garrison": "orna", "tarn"); the name itself when
    nothing would be left."""
    for w in sorted(words, key=len, reverse=True):
        if name.endswith(" " + w) and len(name) > len(w) + 1:
            return name[: -len(w) - 1]
        if name.startswith(w + " of ") and len(name) > len(w) + 4:
            return name[len(w) + 4:]
    return name


def place_relation(a: PlaceInfo, b: PlaceInfo, cfg: FusionConfig) -> str:
    """same | contained | near | country | unknown | conflict."""
    if a.iri == b.iri:
        return "same"
    if a.iri in b.within or b.iri in a.within:
        return "contained"
    districts = district_relation(a, b, cfg)
    if districts is not None:
        if districts == "conflict" and cfg.namesakes_unknown and namesakes(a, b, cfg):
            return "country"  # (two records of one town name: not known apart, round 21)
        return districts
    if in_named_area(a, b) or in_named_area(b, a):
        return "contained"
    if a.country and b.country and a.country != b.country:
        return "conflict"
    if a.kind == "S" or b.kind == "S":
        # the state an unresolved place is only taken to lie in: "country" (round 11), or, with
        # places.inferred_in_state, inside it as any located place of the state is (round 18: a
        # report placed only at the state says no more of where than the inferred place does)
        if (a.inferred or b.inferred) and not cfg.inferred_in_state:
            return "country"
        return "contained" if (a.country and b.country) else "unknown"
    if a.kind == "?" or b.kind == "?":
        na, nb = norm_name(a.label), norm_name(b.label)
        if na == nb:
            return "same"
        # two unresolved names that are one name with or without a word for a kind of place
        # ("Orna" / "Orna village", "Tarn" / "Tarn camp"; round 17): one place. Not
        # "city" ("Gaza City" / "Gaza" are two places, round 4), nor an area word (an area named
        # after a town holds it, below)
        if (a.kind == "?" and b.kind == "?" and cfg.unresolved_place_words
                and bare_place_name(na, cfg.unresolved_place_words) == bare_place_name(nb, cfg.unresolved_place_words)):
            return "same"
        # "Rawa district", "Nangarhar province", "the department of Torodi": an unresolved area
        # named after the other place
        (short, _), (_, long_label) = sorted(((na, a.label), (nb, b.label)), key=lambda x: len(x[0]))
        if short and short in area_names(long_label) - {norm_name(long_label)}:
            return "contained"
        # an unresolved area named after a place the other's name holds ("Bannu district" /
        # "Bannu Cantonment"): the area of that town
        for area, other in ((a, b), (b, a)):
            if area.kind == "?" and any(one_name(core, other.label)
                                        for core in area_names(area.label) - {norm_name(area.label)}):
                return "contained"
        # an unresolved name that holds a located place's name as whole words, or is held by it
        # ("Ain al-Asad air base" / "Al Asad Air Base"; "the X airport" / X): one place, or a
        # place at the other, named alike by two outlets where the gazetteer knows only one of the
        # names (round 12; a state never gets here: it was answered above). Two unresolved names
        # stay apart ("Gaza City" / "Gaza", round 4): nothing locates either
        if cfg.unresolved_names_hold and (a.kind == "?") != (b.kind == "?") and one_name(a.label, b.label):
            return "contained"
        return "country" if a.country and a.country == b.country else "unknown"
    d = km(a, b)
    if d is None:
        return "country" if a.country and a.country == b.country else "unknown"
    if a.kind == "P" and b.kind == "P":
        if d > cfg.same_point_km:
            return "country" if cfg.namesakes_unknown and namesakes(a, b, cfg) else "conflict"
        return "same" if d <= cfg.same_record_km or one_name(a.label, b.label) else "near"
    area = a if _LEVEL[a.kind] >= _LEVEL[b.kind] else b
    radius = cfg.area_radius_km.get(area.kind, cfg.default_area_radius_km)
    if a.kind != "P" and b.kind != "P":  # two areas: one may hold the other
        radius = max(cfg.area_radius_km.get(a.kind, cfg.default_area_radius_km),
                     cfg.area_radius_km.get(b.kind, cfg.default_area_radius_km))
    if d > radius:
        return "conflict"
    # within the radius, but the hierarchy puts the place in another first-level division, or
    # the area's extent is not known: one state, where in it not known (round 21)
    if (cfg.first_level_elsewhere and first_level_elsewhere(a, b)) or (cfg.unknown_extent and extent_unknown(a, b, cfg)):
        return "country" if a.country and a.country == b.country else "unknown"
    return "contained"


def _state_code(country: Optional[str]) -> str:
    return country.rsplit("/", 1)[-1].upper() if country and "/state/" in country else ""


@lru_cache(maxsize=1 << 12)
def first_level_of(label: str, country: Optional[str]) -> Optional[str]:
    """The IRI of the first-level division (kg.graph.hierarchy, kg/data/admin1.tsv) an area's
    name names in its state ("Lower Shabelle region", "Narathiwat province"), or None."""
    cc = _state_code(country)
    if not cc:
        return None
    from kg.graph.hierarchy import division_named  # (light: the table is read on first use)

    for name in sorted(area_names(label), key=len, reverse=True):
        found = division_named(cc, name)
        if found is not None:
            return str(found.iri)
    return None


@lru_cache(maxsize=1)
def _first_level_iris() -> frozenset[str]:
    from kg.graph.hierarchy import admin1_table

    return frozenset(str(a.iri) for a in admin1_table().values())


def first_level_elsewhere(a: PlaceInfo, b: PlaceInfo) -> bool:
    """One place is an area the hierarchy names as a first-level division, and the other lies in
    another one (a town whose ``ckg:within`` holds another division, or an area named as another
    division): "Lower Shabelle region" does not hold Mogadishu (Banaadir), though its centre lies
    within the area radius of it (round 21). The radius stands in where the hierarchy says nothing."""
    for area, other in ((a, b), (b, a)):
        if area.kind != "A" or area.unlisted:
            continue
        div = first_level_of(area.label, area.country)
        if div is None:
            continue
        if other.kind == "P":
            known = other.within & _first_level_iris()
            if known and div not in known:
                return True
        elif other.kind == "A" and not other.unlisted:
            found = first_level_of(other.label, other.country)
            if found is not None and found != div:
                return True
    return False


def _extent_unknown(p: PlaceInfo, words: tuple[str, ...]) -> bool:
    """An area fusion has a point for but no extent: a place the gazetteer lacks, given the centre
    of the area its text puts it in (``unlisted``), or an area named as a second-level division
    ("X district", "the X department": ``places.sub_area_words``) that is no first-level one, placed
    at a point (a town's, for "X district" of no table division: kg.extract.admin2._around_town)."""
    if p.unlisted:
        return True
    if p.kind != "A" or p.lat is None or not words:
        return False
    n = norm_name(p.label)
    return any(n.endswith(" " + w) or n.startswith(w + " of ") for w in words) and first_level_of(p.label, p.country) is None


def extent_unknown(a: PlaceInfo, b: PlaceInfo, cfg: FusionConfig) -> bool:
    """One place is an area of no known extent (:func:`_extent_unknown`) and the other a point or
    another such area that its name does not hold: a district placed at its town's point holds that
    town ("Rawa district" / Rawa), not every town within the area radius of it ("X district" / the
    provincial capital 30 km off); a village the gazetteer lacks, at its state's centre, is
    somewhere in that state, not at each town near the centre (round 21). Such pairs are "same
    country": one state, where in it not known."""
    for area, other in ((a, b), (b, a)):
        if not _extent_unknown(area, cfg.sub_area_words):
            continue
        if other.kind != "P" and not _extent_unknown(other, cfg.sub_area_words):
            continue
        names = area_names(area.label) | {norm_name(area.label)}
        if any(one_name(n, other.label) for n in names if n):
            continue
        return True
    return False


def namesakes(a: PlaceInfo, b: PlaceInfo, cfg: FusionConfig) -> bool:
    """Two towns of one name in one state, farther apart than ``same_point_km``: the gazetteer read
    two articles' contexts otherwise and took two records of the name ("the municipality of X,
    Y department" / "the football ground of X", a namesake in another department), or two
    namesakes were struck. Which is not known: one state, where in it not known ("same country"),
    never a veto of two towns (``places.namesakes_unknown``, round 21)."""
    if a.kind != "P" or b.kind != "P" or not a.country or a.country != b.country or a.iri == b.iri:
        return False
    if norm_name(a.label) != norm_name(b.label):
        return False
    d = km(a, b)
    return d is not None and d > cfg.same_point_km


def district_relation(a: PlaceInfo, b: PlaceInfo, cfg: FusionConfig) -> Optional[str]:
    """The second-level divisions (kg/data/admin2.tsv, :attr:`PlaceInfo.districts`; geocoding round 28):

    - two places that both have some and share none, neither being a district itself, are
      ``conflict``: two towns in two districts of one province are two places, whatever the area
      radius or the province they share; except two points that are one place by the point rules
      (two records of one town, a town and its base);
    - a district and a place in it are ``contained``;
    - a district and a point the table puts in no district, farther from the district's centre than
      its farthest listed town plus admin2.yaml's ``fusion_district_margin_km``, are ``conflict``.

    A district and a town the table puts in another district are left to the other rules ("near X"
    is told of a place in the next district). None when the rules above say nothing."""
    if not a.districts and not b.districts:
        return None
    if a.districts and b.districts:
        if not a.districts.isdisjoint(b.districts):
            return "contained" if _is_district(a) or _is_district(b) else None
        if _is_district(a) or _is_district(b):
            return None
        if a.kind == "P" and b.kind == "P":
            d = km(a, b)
            if d is not None and (d <= cfg.same_record_km or d <= cfg.same_point_km and one_name(a.label, b.label)):
                return None
        return "conflict"
    district, other = (a, b) if a.districts else (b, a)
    if not _is_district(district) or other.kind != "P" or other.lat is None or other.lon is None:
        return None
    from kg.extract import admin2  # (light: the table is read on first use)

    found = [admin2.division_by_key(k) for k in district.districts]
    if found and all(d is not None and _km(d.lat, d.lon, other.lat, other.lon) > d.extent_km + admin2.fusion_margin_km()
                     for d in found):
        return "conflict"
    return None


def _is_district(p: PlaceInfo) -> bool:
    """A table district itself: an area fusion compares without a point (kg.fuse.model, round 27)."""
    return p.kind == "A" and p.lat is None and bool(p.districts)


_RANK = {"same": 5, "contained": 4, "named": 4, "near": 3, "country": 2, "unknown": 1, "unrelated": 1, "conflict": 0}


def places_relation(a: Report, b: Report, cfg: FusionConfig) -> str:
    """The relation of the two reports' places, each taken at its finest level."""
    pa, pb = _finest(a.places), _finest(b.places)
    if not pa or not pb:
        if cfg.unplaced_named and (pa or pb) and (unplaced_names(a, pb, cfg) or unplaced_names(b, pa, cfg)):
            return "named"
        return "unknown"
    best = "conflict"
    for x in pa:
        for y in pb:
            rel = place_relation(x, y, cfg)
            if _RANK[rel] > _RANK[best]:
                best = rel
    if best == "conflict":
        # a coarser place of one report may still hold the other's finest one
        for x in a.places:
            for y in b.places:
                if place_relation(x, y, cfg) == "same":
                    return "contained"
    if best in ("unknown", "country") and any(p.kind == "?" or p.unlisted for p in pa + pb):
        # what the two sentences say of places the gazetteer could not relate (round 22: each rule
        # needs an unresolved place)
        if told_related(a, b, pa, pb, cfg):
            return "contained"
        if cfg.named_apart and named_apart(a, b, pa, pb, cfg):
            return "conflict"
    return "unrelated" if best == "unknown" else best


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    """A text's words as compared (:func:`norm_name`: ASCII, lower case, no punctuation)."""
    return tuple(norm_name(text).split())


@lru_cache(maxsize=1 << 14)
def _capitalised(text: str) -> tuple[bool, ...]:
    """Per word of :func:`_words`, whether the text writes it with a capital (a name goes on), or ()
    when the words do not line up."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"(?i)u\.s\.", "US", s)
    s = re.sub(r"(?i)u\.k\.", "UK", s)
    ws = re.sub(r"[^A-Za-z0-9]+", " ", s).split()
    if ws and ws[0].lower() == "the":
        ws = ws[1:]
    return tuple(w[:1].isupper() for w in ws) if len(ws) == len(_words(text)) else ()


def _whole(text: str, i: int, n: int) -> bool:
    """The name found at words ``i`` to ``i + n`` of the text is not the start of a longer name: the
    next word is not written with a capital ("Bor" in "Anyidi payam, Bor South County" is not Bor)."""
    caps = _capitalised(text)
    return not caps or i + n >= len(caps) or not caps[i + n]


def _at(words: tuple[str, ...], name: tuple[str, ...]) -> list[int]:
    n = len(name)
    return [i for i in range(len(words) - n + 1) if words[i:i + n] == name] if n else []


@lru_cache(maxsize=1 << 14)
def tied(evidence: str, x: str, y: str, links: tuple[str, ...], span: int) -> bool:
    """The sentence names the places ``x`` and ``y`` with only words of ``links`` between them
    (at most ``span``), either first: "at the Saadabad Palace in Tehran", "Kouri Bougoudi, in the
    Tibesti province", "the city of Tayabamba, capital of the province of Pataz". Such a sentence
    puts one place in the other (``places.sentence_ties``, round 22)."""
    ws, nx, ny = _words(evidence), _words(x), _words(y)
    if not nx or not ny or nx == ny:
        return False
    for first, second in ((nx, ny), (ny, nx)):
        for i in _at(ws, first):
            j = i + len(first)
            k = j
            if not _whole(evidence, i, len(first)):
                continue
            while k < len(ws) and k - j <= span:
                if ws[k:k + len(second)] == second and _whole(evidence, k, len(second)):
                    return True
                if ws[k] not in links:
                    break
                k += 1
    return False


@lru_cache(maxsize=1 << 14)
def vicinity_told(evidence: str, label: str, phrases: tuple[str, ...]) -> bool:
    """The sentence tells the place as somewhere around a named place, not at it: "near the town
    of Oicha", "villages near Bor", "on the northern edge of El Fasher", "positions west of Las
    Anod" (``places.vicinity_words``: the phrase, then "the", "town of" ... and the name)."""
    ws, name = _words(evidence), _words(label)
    fillers = {"the", "town", "city", "village", "locality", "of", "a"}
    for i in _at(ws, name):
        k = i
        while k > 0 and i - k < 4 and ws[k - 1] in fillers:
            k -= 1
        before = " ".join(ws[max(0, k - 3):k])
        if any(before == ph or before.endswith(" " + ph) for ph in phrases):
            return True
        # "outskirts of the city of X": the fillers took the "of" of the phrase
        if any((before + " of").endswith(ph) for ph in phrases if ph.endswith(" of")) and ws[k] == "of":
            return True
    return False


@lru_cache(maxsize=1 << 14)
def part_told(evidence: str, label: str, words: tuple[str, ...]) -> bool:
    """The sentence tells the place as a part of a town, a word of ``places.part_words`` within
    four words after its name: "Azezo, on the southern edge of the city", "X, a suburb of Y"."""
    ws, name = _words(evidence), _words(label)
    return any(w in words for i in _at(ws, name) for w in ws[i + len(name):i + len(name) + 4])


@lru_cache(maxsize=1 << 14)
def _area_named(label: str, words: tuple[str, ...]) -> bool:
    """An unresolved name that says it is an area, a feature or a facility ("Beni territory",
    "Tibesti mountains", "Saadabad Palace"), not a settlement: it has one of ``words``."""
    return not set(_words(label)).isdisjoint(words) or len(area_names(label)) > 1


def settlements(finest: tuple[PlaceInfo, ...], cfg: FusionConfig) -> tuple[tuple[PlaceInfo, str], ...]:
    """The report's finest places that name a settlement, each with its kind word: a town with a
    point or an unresolved name with no word of an area, a feature or a facility
    (``places.not_settlement_words``: kind ""), or an unresolved name of a kind of place
    (``places.unresolved_place_words``: "Zamzam camp", kind "camp")."""
    return _settlements(finest, cfg.not_settlement_words, cfg.unresolved_place_words)


@lru_cache(maxsize=1 << 14)
def _settlements(finest: tuple[PlaceInfo, ...], not_words: tuple[str, ...],
                 place_words: tuple[str, ...]) -> tuple[tuple[PlaceInfo, str], ...]:
    out = []
    for p in finest:
        if not (p.kind in ("P", "?") or p.unlisted):
            continue
        if not _area_named(p.label, not_words):
            out.append((p, ""))
        elif p.kind == "?" and place_words:
            n = norm_name(p.label)
            bare = bare_place_name(n, place_words)
            if bare != n and not _area_named(bare, not_words):
                kind = n[len(bare):] if n.startswith(bare) else n[:len(n) - len(bare)]  # "orna camp", "camp of orna"
                out.append((p, " ".join(w for w in kind.split() if w != "of")))
    return tuple(out)


def named_apart(a: Report, b: Report, pa: tuple[PlaceInfo, ...], pb: tuple[PlaceInfo, ...],
                cfg: FusionConfig) -> bool:
    """Two reports that each name a settlement, by other names that nothing relates (no point to
    measure, no hierarchy, no sentence tying them), and neither telling its place as a vicinity
    ("near X"): two places, as two towns with points farther apart than ``same_point_km`` are.
    "600 soldiers arrived this afternoon in Miski, in the Tibesti mountains" and "700 soldiers
    arrived today in Kouri Bougoudi, in the Tibesti province" (both unresolved) were "unrelated",
    and the same army, day and a close size joined them (``places.named_apart``, round 22). With
    ``named_apart_located`` off, both names must be unresolved (a located town against an
    unresolved name is often a town and a quarter, a camp or a village by it)."""
    sa, sb = settlements(pa, cfg), settlements(pb, cfg)
    if not sa or not sb:
        return False
    if not cfg.named_apart_located and any(p.kind != "?" and not p.unlisted for p, _ in sa + sb):
        return False
    for r, ps in ((a, sa), (b, sb)):
        if r.evidence and any(vicinity_told(r.evidence, p.label, cfg.vicinity_words)
                              or part_told(r.evidence, p.label, cfg.part_words) for p, _ in ps):
            return False
    for x, kx in sa:
        for y, ky in sb:
            if kx != ky:  # a camp and a town, a base and a village: the one may be at the other
                return False
            nx, ny = norm_name(x.label), norm_name(y.label)
            if one_name(x.label, y.label) or (cfg.unresolved_place_words and bare_place_name(nx, cfg.unresolved_place_words)
                                              == bare_place_name(ny, cfg.unresolved_place_words)):
                return False
            if place_relation(x, y, cfg) not in ("country", "unknown"):
                return False
    return True


def told_related(a: Report, b: Report, pa: tuple[PlaceInfo, ...], pb: tuple[PlaceInfo, ...],
                 cfg: FusionConfig) -> bool:
    """What the sentences say relates two places the gazetteer could not (round 22):

    * ``places.sentence_ties``: one report's sentence names a place of each report with only
      linking words between ("at the Saadabad Palace in Tehran" / a meeting in Tehran), one of
      them unresolved;
    * ``places.told_area``: an unresolved bare name ("Pataz") the hierarchy puts the other
      report's town in (``PlaceInfo.areas``), which a sentence of the two calls an area ("the
      province of Pataz", "Pataz province"): in_named_area asks an unresolved name to say it is
      an area, and the extractor's label lost the word.

    Either puts one place in the other: "contained"."""
    if cfg.sentence_ties:
        for x in pa:
            for y in pb:
                if x.kind != "?" and y.kind != "?":
                    continue
                if any(r.evidence and tied(r.evidence, x.label, y.label, cfg.tie_words, cfg.tie_span) for r in (a, b)):
                    return True
    if cfg.told_area:
        for xs, ys in ((pa, pb), (pb, pa)):
            for x in xs:
                if x.kind != "?" or len(area_names(x.label)) > 1:
                    continue
                n = norm_name(x.label)
                for y in ys:
                    if n in y.areas and (not x.country or x.country == y.country) and any(
                            r.evidence and said_area(r.evidence, x.label, cfg.told_area_words) for r in (a, b)):
                        return True
    return False


@lru_cache(maxsize=1 << 14)
def said_area(evidence: str, label: str, words: tuple[str, ...]) -> bool:
    """The sentence calls the name an area: "the province of Pataz", "Pataz province"."""
    ws, name = _words(evidence), _words(label)
    for i in _at(ws, name):
        if i >= 2 and ws[i - 1] == "of" and ws[i - 2] in words:
            return True
        if i >= 3 and ws[i - 1] == "of" and ws[i - 2] == "the" and ws[i - 3] in words:
            return True
        j = i + len(name)
        if j < len(ws) and ws[j] in words:
            return True
    return False


def unplaced_names(r: Report, other: tuple[PlaceInfo, ...], cfg: FusionConfig) -> bool:
    """Whether ``r``, a report with no place of its own of a family in ``places.unplaced_named``,
    names one of the other report's finest places (of ``places.unplaced_named_kinds``) in its own
    sentence, as whole words: "patrolling X's central market ..., two days after the arrival of
    some 450 soldiers" against "sent about 500 more soldiers to the town of X" (round 16). The
    extractor gave the report no place though its sentence names one; that name is the only
    place the report can be at."""
    if r.places or not other or not r.evidence or family(r.cls) not in cfg.unplaced_named:
        return False
    return any(_names(r.evidence, p.label) for p in other if p.kind in cfg.unplaced_named_kinds)


@lru_cache(maxsize=1 << 14)
def _names(evidence: str, label: str) -> bool:
    name = norm_name(label)
    return bool(name) and f" {name} " in f" {norm_name(evidence)} "


@lru_cache(maxsize=1 << 14)
def _finest(places: tuple[PlaceInfo, ...]) -> tuple[PlaceInfo, ...]:
    """The places at the report's finest level (plus the unresolved ones); remembered, as every
    compare() asks it for both reports."""
    located = [p for p in places if p.kind != "?"]
    if not located:
        return tuple(places)
    level = min(_LEVEL[p.kind] for p in located)
    return tuple([p for p in located if _LEVEL[p.kind] == level] + [p for p in places if p.kind == "?"])


def dates_score(a: Report, b: Report, cfg: FusionConfig, same_doc: Optional[bool] = None) -> Optional[float]:
    ia, ib = interval(a, cfg), interval(b, cfg)
    if same_doc is None:
        same_doc = a.doc_id == b.doc_id
    if ia is None or ib is None:
        return 0.0
    # "reported the next day" is a cross-outlet tolerance: within one article every relative
    # date resolves against one publication date, so two day-precise dates that differ there
    # tell two events (a meeting "on Monday" and the one "on Sunday" it follows up)
    tol = 0 if same_doc else cfg.tolerance_days
    from datetime import timedelta

    if ia[0] - timedelta(days=tol) > ib[1] or ib[0] - timedelta(days=tol) > ia[1]:
        return None
    # An untimed report's days end on its publication: it cannot tell an event another report
    # dates after it. The tolerance is for an outlet's day read one off, not for the news of the
    # next day ("Consequences of the night attack on X", published Wednesday, against "a missile
    # hit an apartment block in X on Thursday": round 14)
    if cfg.untimed_not_after and ((a.untimed and not b.untimed and ib[0] > ia[1])
                                  or (b.untimed and not a.untimed and ia[0] > ib[1])):
        return None
    if not a.date or not b.date:
        return 0.0
    if ia[0] == ia[1] and ib[0] == ib[1]:
        return cfg.score("same_day") if ia[0] == ib[0] else cfg.score("near_day")
    if a.untimed and b.untimed and ia == ib:
        return cfg.score("same_day")  # two untimed reports of one publication day: that day's news
    if (a.untimed or ia[0] == ia[1]) and (b.untimed or ib[0] == ib[1]):
        return cfg.score("near_day")  # an untimed report's few days hold the other's day
    if (ia[1] - ia[0]).days < 7 and (ib[1] - ib[0]).days < 7:
        return cfg.score("same_week")  # a date told as a week ("last week"), blocking.interval
    return cfg.score("same_month")


# A state or an armed group is its own side. An organisation is not, until an affiliation says
# whose it is: a ministry, an agency or an alliance acts for states ("the Ministry of Defence
# deployed 830 personnel" / "Britain sent 800 troops"; "AU troops" are some state's soldiers).
_SELF_STANDING = {C + n for n in ("State", "ArmedGroup")}
_STATE = C + "State"
_PERSON = C + "Person"


@lru_cache(maxsize=1 << 12)
def held_name(x: str, y: str) -> bool:
    """Two names of which one holds the other as whole words, the shorter of two words or more:
    "Shehbaz Sharif" / "Muhammad Shehbaz Sharif", one person told with and without a given name
    (``actors.held_names``, round 22). Not a surname alone ("Sharif"), which two persons share."""
    nx, ny = norm_name(x), norm_name(y)
    short = nx if len(nx) <= len(ny) else ny
    return nx != ny and len(short.split()) >= 2 and one_name(x, y)


@lru_cache(maxsize=1 << 14)
def _placed(x: ActorInfo) -> bool:
    """Whether we know whom the actor stands for: a state or an armed group is its own side; a
    person, an armed force or an organisation only through an affiliation or country (an IRI
    among its keys besides its own). "US envoy Khalilzad" with no affiliation read is unplaced."""
    return x.cls in _SELF_STANDING or any(k != x.iri and ":" in k for k in x.keys)


def comparable(x: ActorInfo, y: ActorInfo, sided: tuple[str, ...] = (), held: bool = False) -> bool:
    """Whether two fillers that share no key *disagree*: they are of one class (two persons,
    two states), or both are placed. An unplaced person against a state ("Khalilzad and
    Baradar met" / "the United States and the Taliban held talks") is not known to disagree:
    the other outlet may name the side the person speaks for. Of a class in ``sided``
    (``actors.sided_classes``: armed forces), one filler whose side is read and one whose side is
    not are not known to disagree either: "government forces" or "the 7th Army Division" with
    no state read may well be the "Somali forces" or "Iraqi forces" another outlet names (round 12:
    on fresh text the lexicon that gives a unit its state does not know it)."""
    if x.cls == y.cls:
        if held and x.cls == _PERSON and held_name(x.label, y.label):
            return False  # "Shehbaz Sharif" / "Muhammad Shehbaz Sharif": not known to be two (round 22)
        return not (x.cls in sided and _placed(x) != _placed(y))
    return _placed(x) and _placed(y)


def other_filler(xa: tuple[ActorInfo, ...], xb: tuple[ActorInfo, ...], held: bool = False) -> bool:
    """Each side names a filler the other lacks, and two such are :func:`comparable`: for a
    role told as a whole (a meeting's participants) that is another event whatever they share.
    A host receives several guests in a week ("Ruto met Mohamud on Wednesday" / "Ruto met Abiy
    on Thursday", the same palace); a participant only one report names ("met Lavrov" / "met
    Lavrov and Wang") or one not known to stand for a side is no conflict."""
    ua = [x for x in xa if not any(x.keys & y.keys for y in xb)]
    ub = [y for y in xb if not any(x.keys & y.keys for x in xa)]
    return any(comparable(x, y, (), held) for x in ua for y in ub)


def actors_score(a: Report, b: Report, cfg: FusionConfig, unrelated: bool = False) -> float:
    """``actor_agrees`` per actor both name in one role (the two participants of a meeting
    count twice, a perpetrator and a target too), at most ``actor_max``; ``actor_conflict`` per
    role both fill with no agreement, unless no filler of one is :func:`comparable` with a
    filler of the other (nothing known either way), and per role told as a whole
    (``whole_roles``) where each names another :func:`other_filler`. A role bound to another
    (``bound_roles``: a statement's ``about`` to its ``speaker``) agrees only when that one agrees
    too: two speakers on one actor the same day are two statements. With ``unrelated`` (the two
    reports' places are not known to relate) a role of ``place_bound_roles`` (an attack's
    perpetrator and target) that agrees counts nothing: one group strikes several places a day, so
    a shared group with nothing to tie the places is no evidence of one event (round 10: JNIM at
    an army post in one country and at one in the next country the same Thursday; round 11: also
    where they are only in one country, :func:`places_apart`; round 12: one force struck at two
    places of its country). compare() asks it across articles only
    (an article's headline and body may name its event's place in two words)."""
    agree = conflict = 0
    acts_a, acts_b = sides_by_role(a), sides_by_role(b)
    bound = dict(cfg.bound_roles)
    for role in set(acts_a) & set(acts_b):
        xa, xb = acts_a[role], acts_b[role]
        if not xa or not xb:
            continue
        shared = min(sum(any(x.keys & y.keys for y in xb) for x in xa),
                     sum(any(x.keys & y.keys for x in xa) for y in xb))
        if shared and role in bound and not _agree(acts_a.get(bound[role]), acts_b.get(bound[role])):
            continue  # (statements about one actor by two speakers: no agreement, no conflict)
        if shared and unrelated and role in cfg.place_bound_roles:
            continue  # (a group's agreement at places not known to relate: neither way)
        if shared and role in cfg.whole_roles and other_filler(xa, xb, cfg.held_names):
            conflict += 1
        elif shared:
            agree += shared
        else:
            sa, sb = _sides(a, role, acts_a[role]), _sides(b, role, acts_b[role])
            if any(comparable(x, y, cfg.sided_classes, cfg.held_names) for x in sa for y in sb):
                conflict += 1
    return min(agree * cfg.score("actor_agrees"), cfg.score("actor_max")) + conflict * cfg.score("actor_conflict")


def _agree(xa: Optional[tuple[ActorInfo, ...]], xb: Optional[tuple[ActorInfo, ...]]) -> bool:
    return bool(xa and xb and any(x.keys & y.keys for x in xa for y in xb))


def another_guest(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """A role told as a whole where the two reports share a filler and each names another
    (:func:`other_filler`): a host with two guests. Within one article a veto ("Teodoro hosted
    Marles at Camp Aguinaldo on Tuesday, a day after his talks with Japan's defence minister"
    read as two meetings of that Tuesday there); across articles ``another_guest`` more than the
    role's ``actor_conflict``: a president receives several guests a day at one palace, and same
    day and place (4.0) less one conflict still reached the threshold ("Ghazouani met Diop in
    Nouakchott on Monday" / "Ghazouani met Sonko in Nouakchott on Monday")."""
    for role in cfg.whole_roles:
        xa, xb = a.actors.get(role), b.actors.get(role)
        if xa and xb and any(x.keys & y.keys for x in xa for y in xb) and other_filler(xa, xb, cfg.held_names):
            return True
    return False


# Roles that name one side of an event, compared as one: a deployment's sending state
# ("agent": "Kenya has deployed 400 police officers") and the troops it sends ("force": "400
# Kenyan police officers landed") are the same side, told by two outlets in two roles.
ONE_SIDE = {"force": "agent"}


def sides_by_role(r: Report) -> dict[str, tuple[ActorInfo, ...]]:
    """The report's actors by role, with the roles of :data:`ONE_SIDE` merged into one."""
    if not any(role in r.actors for role in ONE_SIDE):
        return r.actors
    out: dict[str, tuple[ActorInfo, ...]] = {}
    for role, xs in r.actors.items():
        key = ONE_SIDE.get(role, role)
        out[key] = out.get(key, ()) + tuple(x for x in xs if x not in out.get(key, ()))
    return out


def _sides(r: Report, role: str, fillers: Optional[tuple[ActorInfo, ...]] = None) -> tuple[ActorInfo, ...]:
    """The fillers of ``role`` that can disagree with another report's: not those the report
    itself makes doubtful (:func:`doubtful`). They still agree when they match."""
    if fillers is None:
        fillers = r.actors[role]
    if role not in _OPPOSED and role not in _ACTING_ROLES:
        return fillers
    if not any(doubtful(r, role, x) for x in fillers):
        return fillers
    return tuple(x for x in fillers if not doubtful(r, role, x))


# Roles that name the two sides of one event: one actor cannot be both. (A statement's speaker
# may well speak about itself.)
_OPPOSED = {"perpetrator": "target", "target": "perpetrator", "captor": "former", "former": "captor"}

# The role a place phrase is misread into ("strike in eastern Afghanistan"). Not a deployment's
# agent nor a capture's captor: "Nigeria deploys troops to Borno", "Somalia retakes Adan Yabaal"
# name a state acting in its own land as the state.
_ACTING_ROLES = frozenset({"perpetrator"})


def doubtful(r: Report, role: str, x: ActorInfo) -> bool:
    """Whether the report itself gives reason to doubt that ``x`` fills ``role``, the two
    misreadings an extractor makes most (fusion cannot tell which reading is wrong, so such a
    filler never *disagrees*; it still agrees when another report names it too):

    * the same actor fills the opposed role of the report too: the side that struck and the side
      struck ("Two members of Hezbollah were killed when an Israeli drone hit their car ... a
      source close to the group told" read Hezbollah as perpetrator and target);
    * the acting side is the bare state the event happened in: "U.S. strike targets ISIS-K in
      eastern Afghanistan" read Afghanistan as the perpetrator. A state's own forces are named
      as forces ("Afghan troops", an ArmedForce with the state's key), not as the state."""
    other = _OPPOSED.get(role)
    if other and any(y.iri == x.iri for y in r.actors.get(other, ())):
        return True
    return role in _ACTING_ROLES and x.cls == _STATE and any(p.country == x.iri for p in r.places)


def figures_agree(x: float, y: float, cfg: FusionConfig) -> bool:
    return abs(x - y) <= max(cfg.absolute_tolerance, cfg.relative_tolerance * max(abs(x), abs(y)))


def figures_score(a: Report, b: Report, cfg: FusionConfig) -> float:
    kinds = set(a.quantities) & set(b.quantities)
    if kinds and all(figures_agree(a.quantities[k][0], b.quantities[k][0], cfg) for k in kinds):
        return cfg.score("figures_agree")
    return 0.0


def other_day_figures(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """Two days read from the texts that differ (the next-day tolerance let them meet), and a
    figure both give that disagrees: one place's two events of two days, not one event told
    twice. "Al-Shabaab attacked a police station in X on Tuesday, killing four" / "al-Shabaab
    stormed a base on the edge of X on Wednesday, killing 11" scored 4.5 (near day 1.5, same
    place 2.0, perpetrator 1.0). Either alone is no evidence: an outlet's "yesterday" is off by
    a day, a toll rises; an untimed report's day is only its publication's."""
    if a.untimed or b.untimed or a.precision != "day" or b.precision != "day" or not a.date or not b.date:
        return False
    if a.date[:10] == b.date[:10]:
        return False
    kinds = set(a.quantities) & set(b.quantities)
    off = [k for k in kinds if not figures_agree(a.quantities[k][0], b.quantities[k][0], cfg)]
    if off and cfg.risen_words and (risen(a, b, off, cfg) or risen(b, a, off, cfg)):
        return False
    return bool(off)


def risen(later: Report, earlier: Report, kinds: list[str], cfg: FusionConfig) -> bool:
    """``later``, published after ``earlier``, tells its toll as risen ("the death toll from the
    attack on X has risen to 17": a toll word and a word of rising, ``figures.risen_words``) and
    gives the larger figure of every kind that disagrees: a later count of one event, whose day
    the later outlet may also tell otherwise (a corrected day), not one place's second event
    (round 15). Tolls only, never ``figures.identity_kinds``."""
    if not later.published or not earlier.published or later.published[:10] <= earlier.published[:10]:
        return False
    if any(k in cfg.identity_kinds or later.quantities[k][0] <= earlier.quantities[k][0] for k in kinds):
        return False
    words = set(_WORDS.findall(later.evidence.lower()))
    return not words.isdisjoint(cfg.toll_words) and not words.isdisjoint(cfg.risen_words)


def other_size(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """A figure that tells one event from another (``figures.identity_kinds``: a deployment's
    troops) disagrees: outlets give one contingent's size alike ("about 800", 830, "roughly
    800"), while "about 200 British soldiers" and "a Turkish battalion of about 500", landing in
    one country the same week, are two. Tolls are not such figures: they rise and are disputed."""
    return any(k in a.quantities and k in b.quantities
               and not figures_agree(a.quantities[k][0], b.quantities[k][0], cfg) for k in cfg.identity_kinds)


def same_size(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """A figure that tells one event from another (``figures.identity_kinds``: a deployment's
    troops) is given by both reports and agrees, as every such figure both give does: the
    converse of :func:`other_size`. Outlets give one contingent's size alike ("about 1,200" /
    1,200), and that is evidence of its own where the place is not read or not known ("sent
    about 1,200 soldiers to its northern province on Monday" / "1,200 soldiers deployed today to
    the town of X"): a toll agreeing says less (two attacks of a day kill two), so it is scored
    apart from ``figures_agree`` (round 20)."""
    kinds = [k for k in cfg.identity_kinds if k in a.quantities and k in b.quantities]
    return bool(kinds) and all(figures_agree(a.quantities[k][0], b.quantities[k][0], cfg) for k in kinds)


def size_alike(a: Report, b: Report, rel: str, cfg: FusionConfig) -> bool:
    """:func:`same_size`, where it counts: with ``figures.size_place_bound``, not at two located
    places of one state that are not known to relate (``country``: a district and a town of another
    district, a province's centre and a town the hierarchy puts elsewhere). One contingent's size
    told alike says it is one deployment where a report names no place (``unknown``), where the
    gazetteer could not place one (``unrelated``: "the X airport" it does not know) or where the
    places agree; two contingents of one size sent to two places of a state the same week are two
    (round 21)."""
    if not same_size(a, b, cfg):
        return False
    return not (cfg.size_place_bound and rel == "country")


def field_only(a: Report, b: Report) -> bool:
    """A role where the two reports' fillers agree only through an armed group's field (two
    groups of one country, ``in:`` + the state: kg.fuse.model): outlets tell one group's attack
    as another's at one place ("Boko Haram" for ISWAP), which is why such groups agree; but at
    a town and the province holding it, or with no common place, it is the weakest actor
    evidence beside the weakest place evidence (:func:`compare`)."""
    acts_a, acts_b = sides_by_role(a), sides_by_role(b)
    for role in set(acts_a) & set(acts_b):
        common = [x.keys & y.keys for x in acts_a[role] for y in acts_b[role]]
        common = [k for k in common if k]
        if common and all(k.startswith(FIELD) for ks in common for k in ks):
            return True
    return False


def other_means(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """The two reports' sub-kinds are done by means that exclude one another
    (``subtypes.exclusive_means``): "an air strike hit a group's position near X on Monday" and
    "the group ambushed a convoy near X on Monday" scored 4.0 (same day, same place; the group
    is the one's target and the other's perpetrator, two roles, so no conflict). Sub-kinds
    outlets mix up for one event (an air strike told as a "bombing" or a "massacre") are in no
    class, and a report with no sub-kind never differs."""
    if not a.subtype or not b.subtype or a.subtype == b.subtype:
        return False
    ma, mb = cfg.means.get(a.subtype), cfg.means.get(b.subtype)
    return ma is not None and mb is not None and ma != mb


_CLAUSES = re.compile(r"[,;:()\"]|\s[-\u2013\u2014]+\s")
_WORDS = re.compile(r"[a-z]+")


def victim_kind(r: Report, cfg: FusionConfig) -> Optional[str]:
    """Who an attack struck as its sentence tells it: the kind (``victims.kinds``: military,
    police, civilian) of the first victim word, once each clause's speaker ("..., police said",
    "The army said ...": the words before an ``attribution`` word; "according to ...": the words
    after it) and the words of the report's own perpetrators are taken out. None for other
    families, or when no such word is left. A speaker told first over commas ("The Inspector
    General of Police, Jon Doe, has said that ...": ``victims.speaker_head``) is taken out too;
    a sentence the article reads as two attacks that names two kinds of victim gives neither a
    kind (``victims.shared_sentence``, round 18); a clause that denies a victim ("police deny
    soldiers died": ``victims.denial``, round 19) names none. Outlets tell who was hit the same way ("17
    soldiers", "24 soldiers in an attack on an army position"), so that two same-day attacks
    of one country with no place in common are told apart or together by it."""
    if not cfg.victims or not r.evidence or family(r.cls) != "Attack":
        return None
    perps = tuple(sorted({k for x in r.actors.get("perpetrator", ()) if not doubtful(r, "perpetrator", x)
                          for k in (x.label, *x.keys) if ":" not in k}))
    found = _victim_kinds(r.evidence, perps, cfg.victims, cfg.attribution, cfg.speaker_head, cfg.denial)
    # one sentence read as two attacks, naming two kinds of victim ("Gunmen shot dead a village
    # defence volunteer ..., a day after a bomb wounded shoppers at a market there"): each kind is
    # one attack's, and which is whose is not known (round 18)
    if r.shared_evidence and cfg.shared_sentence_victims and len(set(found)) > 1:
        return None
    return found[0] if found else None


@lru_cache(maxsize=1 << 14)
def _victim_kinds(evidence: str, perps: tuple[str, ...], victims: tuple[tuple[str, str], ...],
                  attribution: tuple[str, ...], speaker_head: bool = False,
                  denial: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The kinds of the victim words of an evidence sentence, in order (:func:`victim_kind`)."""
    kinds = dict(victims)
    skip = {w for p in perps for w in _WORDS.findall(norm_name(p))}
    text = unicodedata.normalize("NFKD", evidence).encode("ascii", "ignore").decode().lower()
    clauses = _CLAUSES.split(text)
    out: list[str] = []
    for k, clause in enumerate(clauses):
        # a speaker told before its words ("The Inspector General of Police, Jon Doe, has said
        # that ..."): the attribution with its "that" ends the speaker, whose title and name the
        # commas set in clauses of their own (victims.speaker_head, round 18)
        if speaker_head and k and _speaker_head(_WORDS.findall(clause), attribution):
            clauses = clauses[k:]
            break
    for clause in clauses:
        words = _WORDS.findall(clause)
        if denial and not denial_free(words, denial, kinds):
            continue  # a clause that denies ("police deny soldiers died"): neither its speaker nor
            # the victims it denies were struck (victims.denial, round 19)
        for i, w in enumerate(words):
            if w in attribution:
                words = words[:i] if w == "according" else words[i + 1:]
                break
        out.extend(kinds[w] for w in words if w in kinds and w not in skip)
    return tuple(out)


def denial_free(words: list[str], denial: tuple[str, ...], kinds: dict[str, str]) -> bool:
    """No word of ``victims.denial`` in the clause's words denies a victim: a victim word within
    the three words after it ("police deny soldiers died", "denied that civilians were killed").
    A denial of something else ("denied responsibility for the attack that killed five
    soldiers") leaves the clause's victims as they are."""
    return not any(w in denial and any(v in kinds for v in words[i + 1:i + 4]) for i, w in enumerate(words))


def _speaker_head(words: list[str], attribution: tuple[str, ...]) -> bool:
    """A clause whose first attribution word ("said", "announced"; not "according") is followed
    by "that" within four words ("has said that", "said on Monday that"): what comes before it
    in the sentence is the speaker, even over commas ("The Inspector General of Police, Jon
    Doe, has said that ..."). A tail attribution ("..., police said.") has no "that"."""
    for i, w in enumerate(words):
        if w in attribution and w != "according":
            return "that" in words[i + 1:i + 5]
    return False


def victims_score(a: Report, b: Report, cfg: FusionConfig) -> float:
    """``victims_agree`` when both attacks' sentences name one kind of victim, ``other_victims``
    when they name two (:func:`victim_kind`); nothing when either names none."""
    ka = victim_kind(a, cfg)
    kb = victim_kind(b, cfg) if ka else None
    if not ka or not kb:
        return 0.0
    return cfg.score("victims_agree") if ka == kb else cfg.score("other_victims")


def bare_next_day(a: Report, b: Report, ds: float, actors: float, figures: float, victims: float,
                  cfg: FusionConfig) -> bool:
    """Two days read from the texts, one apart (the next-day tolerance let them meet), and
    nothing but the place to say they are one event: no actor, figure or victim agrees. One
    place's events of two days are as common as an outlet's day read one off: "the January 6
    blast near X, which killed six" / "killed a villager near X on Tuesday night" (round 14)."""
    if ds != cfg.score("near_day") or a.untimed or b.untimed or a.precision != "day" or b.precision != "day":
        return False
    if not a.date or not b.date or a.date[:10] == b.date[:10]:
        return False
    return actors <= 0 and figures <= 0 and victims <= 0


def month_same_place(a: Report, b: Report, ds: float, rel: str, actors: float, cfg: FusionConfig) -> bool:
    """A report dated only to a month and a report of a day in that month (``ds`` is the
    month's score, so the day lies in it), both of a family in ``dates.month_same_place``, at
    the same place, with no actor in conflict: a back-reference that tells the event with the
    month alone ("seven months after the Xland army took the town": a capture of August) beside
    the reports of its day. A month says little of itself; the same place says that it is this
    event, where a place sees one capture a month (round 16)."""
    if rel != "same" or actors < 0 or ds != cfg.score("same_month") or family(a.cls) not in cfg.month_same_place:
        return False
    month, day = (a, b) if a.precision == "month" else (b, a)
    # the month read from the text; the day's report may be a headline dated by its publication
    return (month.precision == "month" and not month.untimed and day.precision == "day"
            and bool(month.date and day.date))


def places_apart(rel: str, same_doc: bool) -> bool:
    """Whether the two reports' places are not known to relate, for ``place_bound_roles``
    (:func:`actors_score`): ``unrelated`` (none is the same, contained or in one country), or
    only ``country`` (two places of one state, one of them with no point or only a country
    inferred for it: "the Harrow Front bombed a checkpoint at Telmiri" / "the Harrow Front
    struck a checkpoint at the Oskarra airport" of one day). Across articles only: one article's headline and
    body may name one event's place in two words ("in the X Delta" / "in X state")."""
    return rel in ("unrelated", "country") and not same_doc


def compare(a: Report, b: Report, cfg: FusionConfig, same_doc: Optional[bool] = None) -> Optional[float]:
    """The evidence that ``a`` and ``b`` tell one incident, or None if a rule forbids it.

    The document ids matter only through whether they are equal (``same_doc``, which a caller
    may give: kg.fuse.cluster scores two *kinds* of report once for every pair of documents,
    see :func:`kg.fuse.cluster.signature`)."""
    if family(a.cls) != family(b.cls) or a.modality != b.modality:
        return None
    if same_doc is None:
        same_doc = a.doc_id == b.doc_id
    ds = dates_score(a, b, cfg, same_doc)
    if ds is None:
        return None
    if same_doc and another_guest(a, b, cfg):
        return None
    rel = places_relation(a, b, cfg)
    if rel == "conflict":
        return None
    score = ds + {"same": cfg.score("same_place"), "contained": cfg.score("contained_place"),
                  "named": cfg.score("named_place"),
                  "near": cfg.score("near_places"),
                  "country": cfg.score("same_country_only"), "unknown": cfg.score("unknown_place"),
                  "unrelated": cfg.score("unrelated_places")}[rel]
    # across articles only: one article's headline and body may name one event's place in two
    # words ("an attack in the X Delta" / "an attack in X state") with its group in both
    actors = actors_score(a, b, cfg, places_apart(rel, same_doc))
    figures, victims = figures_score(a, b, cfg), victims_score(a, b, cfg)
    score += actors + figures + victims
    if month_same_place(a, b, ds, rel, actors, cfg):
        score += cfg.score("month_same_place")
    if not same_doc and bare_next_day(a, b, ds, actors, figures, victims, cfg):
        score += cfg.score("bare_next_day")
    if another_guest(a, b, cfg):  # across articles (within one it vetoed above)
        score += cfg.score("another_guest")
    if not same_doc and a.quantities and b.quantities and other_day_figures(a, b, cfg):
        score += cfg.score("other_day_figures")  # (within one article two days vetoed above)
    if not same_doc and a.quantities and b.quantities and other_size(a, b, cfg):
        score += cfg.score("other_size")
    if not same_doc and a.quantities and b.quantities and size_alike(a, b, rel, cfg):
        score += cfg.score("same_size")
    if a.subtype and b.subtype and other_means(a, b, cfg):
        score += cfg.score("other_means")
    if actors > 0 and rel != "same" and field_only(a, b):  # (a field agreement is an agreement)
        score += cfg.score("field_elsewhere")
    if a.evidence and norm_name(a.evidence) == norm_name(b.evidence) and not same_doc:
        score += cfg.score("same_text")
    if same_doc:
        score += cfg.score("same_document")
    return score


def explain(a: Report, b: Report, cfg: FusionConfig, same_doc: Optional[bool] = None) -> str:
    """Why compare() gives what it gives, for a person reading a fusion miss (scripts/eval.py
    --diagnose): the veto, or each rule's part of the score."""
    if same_doc is None:
        same_doc = a.doc_id == b.doc_id
    if family(a.cls) != family(b.cls):
        return f"veto: type {a.cls} / {b.cls}"
    if a.modality != b.modality:
        return f"veto: modality {a.modality} / {b.modality}"
    ds = dates_score(a, b, cfg, same_doc)
    if ds is None:
        return f"veto: dates {a.date} ({a.precision}) / {b.date} ({b.precision})"
    if same_doc and another_guest(a, b, cfg):
        return "veto: another guest of one host in one article"
    rel = places_relation(a, b, cfg)
    if rel == "conflict":
        apart = cfg.named_apart and named_apart(a, b, _finest(a.places), _finest(b.places), cfg)
        return ("veto: places " + ",".join(p.label for p in a.places) + " / "
                + ",".join(p.label for p in b.places) + (" (two settlements named apart)" if apart else ""))
    total = compare(a, b, cfg, same_doc)
    return (f"score {total:.2f} (threshold {cfg.threshold}): dates {ds:+.1f}, places {rel}, "
            f"actors {actors_score(a, b, cfg, places_apart(rel, same_doc)):+.1f}, figures {figures_score(a, b, cfg):+.1f}"
            + (f", victims {victims_score(a, b, cfg):+.1f} ({victim_kind(a, cfg)} / {victim_kind(b, cfg)})"
               if victims_score(a, b, cfg) else "")
            + (f", month and same place {cfg.score('month_same_place'):+.1f}"
               if month_same_place(a, b, ds, rel, actors_score(a, b, cfg, places_apart(rel, same_doc)), cfg) else "")
            + (f", another guest {cfg.score('another_guest'):+.1f}" if another_guest(a, b, cfg) else "")
            + (f", other day and figures {cfg.score('other_day_figures'):+.1f}"
               if not same_doc and a.quantities and b.quantities and other_day_figures(a, b, cfg) else "")
            + (f", bare next day {cfg.score('bare_next_day'):+.1f}"
               if not same_doc and bare_next_day(a, b, ds, actors_score(a, b, cfg, places_apart(rel, same_doc)),
                                                 figures_score(a, b, cfg), victims_score(a, b, cfg), cfg)
               and cfg.score('bare_next_day') else "")
            + (f", other size {cfg.score('other_size'):+.1f}"
               if not same_doc and a.quantities and b.quantities and other_size(a, b, cfg) else "")
            + (f", same size {cfg.score('same_size'):+.1f}"
               if not same_doc and a.quantities and b.quantities and size_alike(a, b, rel, cfg)
               and cfg.score('same_size') else "")
            + (f", other means {cfg.score('other_means'):+.1f}" if other_means(a, b, cfg) else "")
            + (f", groups of one field elsewhere {cfg.score('field_elsewhere'):+.1f}"
               if actors_score(a, b, cfg, places_apart(rel, same_doc)) > 0 and rel != "same"
               and field_only(a, b) else "")
            + (", same document" if same_doc else ""))


def copies(a: Report, b: Report, threshold: float = 0.5) -> bool:
    """The two reports' articles are copies of one text (Jaccard of their fingerprints)."""
    if a.doc_id == b.doc_id:
        return True
    fa, fb = fingerprint_hashes(a.fingerprint), fingerprint_hashes(b.fingerprint)
    if not fa or not fb:
        return False
    return len(fa & fb) / len(fa | fb) >= threshold


__all__ = ["compare", "copies", "explain", "figures_agree", "place_relation", "places_relation", "parse_day"]
