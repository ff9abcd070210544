"""Resolve mentions into entities: one entity per real-world thing per document.

Surname and title mentions join the full name, acronyms and aliases join through the shipped
lexicon, places join through their GeoNames id, a state's generic forces ("Iraqi forces",
"Iraqi security forces", "government forces") join into one armed force, and definite
descriptions ("the base", "the militant group") point back to the latest compatible entity.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Optional

from spacy.tokens import Token

from kg.extract.admin2 import FEATURE_CODE as ADM2, place_districts
from kg.extract.gazetteer import Gazetteer, Place, light, normalize, strip_article
from kg.extract.geo_context import article_context, named_abroad, neighbours
from kg.extract.mentions import RawMention
from kg.models import Entity, Geo, Mention


@dataclass
class Cluster:
    key: str
    kind: str
    mentions: list[RawMention] = field(default_factory=list)
    subtype: Optional[str] = None
    place: Optional[Place] = None
    country: Optional[str] = None  # ISO code of the state this actor or place belongs to
    entry: object = None  # lexicon ActorEntry
    hints: dict = field(default_factory=dict)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass
class Resolution:
    entities: list[Entity]
    by_token: dict[tuple[int, int], str]  # (id(spacy Doc), token index) -> entity id
    kinds: dict[str, str]  # entity id -> type
    subtypes: dict[str, Optional[str]]
    countries: dict[str, Optional[str]]  # entity id -> ISO code
    dominant_country: Optional[str]
    # entity id -> its gazetteer place: places.py asks whether a finer place lies inside a coarse one
    places: dict[str, Place] = field(default_factory=dict)

    def entity_at(self, token: Token) -> Optional[str]:
        return self.by_token.get((id(token.doc), token.i))

    def country_entity(self, code: Optional[str]) -> Optional[str]:
        for e in self.entities:
            if e.type == "Country" and e.attributes.get("country_code") == code:
                return e.id
        return None


_NORM_THE = re.compile(r"^(the)\s+")
_NORM_POSSESSIVE = re.compile(r"('s|')$")
_NORM_OTHER = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = _NORM_THE.sub("", s)
    s = _NORM_POSSESSIVE.sub("", s)
    return _NORM_OTHER.sub(" ", s).strip()


# Words that name the kind of an administrative area ("X district"); the area is also
# called by the bare name, which other sources and gazetteers use.
_ADMIN_SUFFIXES = frozenset(["district", "province", "region", "state", "department", "county", "governorate",
                             "oblast", "prefecture", "municipality", "division", "area"])
#: the words of _ADMIN_SUFFIXES that name a level below a state's first ("X district"): such a name is
#: never taken for the first-level division of its bare name (round 26's world-unique division)
_BELOW_FIRST_LEVEL = frozenset(["district", "county", "municipality", "division", "area"])


# "X city", "X village": the settlement X itself (unlike "X province" beside the town X); "the X
# region", "the X area" beside "X": the X the report names both ways.
_SETTLEMENT_SUFFIXES = frozenset(["town", "village"])  # not "city": "X city" beside "X" joined two fusion-test
# reports of different incidents (the one pair fusion got wrong), so a city keeps its own name
_LOOSE_SUFFIXES = frozenset(["region", "area"])

_NATURAL_AREA_WORDS = frozenset(["valley", "plain", "plains", "hills", "mountains", "basin", "delta", "desert",
                                 "peninsula", "highlands", "lowlands"])


def _other_places(a: "Cluster", b: "Cluster") -> bool:
    """Two names the gazetteer places apart ("X City" the city, "X" the strip or the state around
    it): two places, whatever their words."""
    return bool(a.place is not None and b.place is not None and a.place.geonames_id and b.place.geonames_id
                and a.place.geonames_id != b.place.geonames_id)


def _merge_settlement_names(clusters: dict[str, "Cluster"]) -> None:
    """"X city" beside "X", or "X region" beside an X that is no town: one place. A base keeps its own
    name ("X air base"). "the X province", "Y State" beside an X, Y that is no town (one the gazetteer
    lacks, or the division itself): one place too (round 22: a new report's divisions no list holds)."""
    divisions = _division_words()
    loose = _LOOSE_SUFFIXES | divisions
    by_name = {norm(c.mentions[0].text): c for c in clusters.values() if c.kind == "Location"}
    for c in [c for c in clusters.values() if c.kind == "Location" and c.subtype != "MilitaryBase"]:
        words = norm(c.mentions[0].text).split()
        if len(words) < 2 or words[-1] not in _SETTLEMENT_SUFFIXES | loose:
            continue
        town = by_name.get(" ".join(words[:-1]))
        if words[-1] in loose and town is not None and town.place is not None and (town.place.feature_class == "P" or town.place.area):
            continue  # "the X region" beside the city X: two places (a city and its region)
        if town is not None and town is not c and town.subtype != "MilitaryBase" and town.key in clusters \
                and not _other_places(town, c):
            town.mentions.extend(c.mentions)
            town.place = town.place or c.place
            del clusters[c.key]


@functools.lru_cache(maxsize=1)
def _titles_yaml() -> dict:
    """kg/data/titles.yaml, parsed once for every word list of this module below."""
    import yaml
    return yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "titles.yaml").read_text("utf-8")) or {}


@functools.lru_cache(maxsize=1)
def _division_words() -> frozenset:
    """titles.yaml place_divisions: "province", "state", ... after a division's name."""
    data = _titles_yaml()
    return frozenset(data.get("place_divisions", []))


# Words a report puts around a place it names bare elsewhere: a bearing before ("the southern X
# Delta"), a loose extent after ("the X area", "Y's Z Sea coast"); titles.yaml place_bearings, place_extents.
@functools.lru_cache(maxsize=1)
def _qualifier_words() -> tuple[frozenset, frozenset]:
    data = _titles_yaml()
    return frozenset(data.get("place_bearings", [])), frozenset(data.get("place_extents", []))


def _merge_qualified_places(clusters: dict[str, "Cluster"]) -> None:
    """"the southern X Delta" beside "the X Delta region", "the north-eastern Y region" beside "the Y
    region", "the Z area" or "Z's coast" words beside "Z": a place the report also names bare, told
    with a bearing (in lower case) or a loose extent, is that place. A state's bearing ("northern X"
    of a state) is not here: the state is a Country, and its part a region of its own."""
    bearings, extents = _qualifier_words()
    places = [c for c in clusters.values() if c.kind == "Location" and c.subtype not in ("MilitaryBase", "Facility")]
    for c in places:
        if c.key not in clusters:
            continue
        text = c.mentions[0].text
        words = norm(text).split()
        raw = re.split(r"[\s-]+", text.strip())
        if len(words) < 2:
            continue
        if raw[0] in bearings:  # (lower case only: "North X" is a place of its own)
            bare = " ".join(words[1:])
        elif raw[-1] in extents:
            bare = " ".join(words[:-1])
        else:
            continue
        targets = []
        for t in places:
            if t is c or t.key not in clusters:
                continue
            names = {norm(m.text) for m in t.mentions if m.kind != "Description"}
            names |= {" ".join(n.split()[:-1]) for n in names if len(n.split()) >= 2 and n.split()[-1] in _LOOSE_SUFFIXES}
            if bare in names:
                targets.append(t)
        if len(targets) == 1 and not _other_places(targets[0], c):
            for m in c.mentions:
                m.hint["qualified"] = True  # (the place keeps its bare name: _name)
            targets[0].mentions.extend(c.mentions)
            targets[0].place = targets[0].place or c.place
            del clusters[c.key]


# Last words of a place name that make it another place than its first word ("X airport" is not
# the town X, "X province" not the town either): no short form joins such a name.
_OTHER_PLACE_WORDS = _ADMIN_SUFFIXES | _SETTLEMENT_SUFFIXES | frozenset(["city",
    "airport", "airfield", "port", "camp", "base", "bridge", "market", "mosque", "church", "temple", "shrine",
    "hospital", "crossing", "embassy", "hotel", "palace", "square", "stadium", "university", "prison"])


def _merge_spelling_variants(clusters: dict[str, "Cluster"]) -> None:
    """One report spelling one place two ways ("X-ii-re" and "X-i-re", a letter dropped): two place
    names the gazetteer does not know, equal once doubled letters are single, or nearly equal and
    long, are one place. Not by name shape ("X city" beside "X" stays two): by spelling."""
    def key(c: "Cluster") -> str:
        return re.sub(r"(.)\1+", r"\1", light(normalize(c.mentions[0].text)))
    places = [c for c in clusters.values() if c.kind == "Location" and c.place is None and c.subtype != "MilitaryBase"]
    for i, a in enumerate(places):
        for b in places[i + 1:]:
            if a.key not in clusters or b.key not in clusters:
                continue
            ka, kb = key(a), key(b)
            if ka[:1] != kb[:1] or len(ka.split()) != len(kb.split()):
                continue
            if ka == kb or min(len(ka), len(kb)) >= 8 and SequenceMatcher(None, ka, kb).ratio() >= 0.93:
                first, second = (a, b) if a.first <= b.first else (b, a)
                first.mentions.extend(second.mentions)
                del clusters[second.key]


_OF_STATE = re.compile(r"^(?P<body>.+?) of (?:the )?(?P<state>[^,]+)$")


def _merge_bodies_of_states(clusters: dict[str, "Cluster"], gaz: Gazetteer) -> None:
    """"the National Police" beside "the National Police of X" (X a state): a body's or force's name and
    the same name with its state after "of" are one actor, when one such longer name is in the report
    (round 32: a headline names the body short, its lead in full)."""
    actors = ("Organization", "ArmedForce", "ArmedGroup")
    longer: dict[str, list[Cluster]] = {}
    for c in clusters.values():
        if c.kind not in actors:
            continue
        for m in c.mentions:
            hit = _OF_STATE.match(_NORM_POSSESSIVE.sub("", m.text)) if m.kind != "Description" else None
            if hit is None or len(norm(hit["body"]).split()) < 2:
                continue
            state = gaz.country(hit["state"])
            if state is not None and norm(hit["state"]) not in (norm(a) for a in state.demonyms):
                longer.setdefault(norm(hit["body"]), []).append(c)
    for short in list(clusters.values()):
        if short.kind not in actors or short.key not in clusters:
            continue
        names = {norm(m.text) for m in short.mentions if m.kind != "Description"}
        if len(names) != 1:
            continue
        owners = {id(c): c for c in longer.get(next(iter(names)), []) if c is not short and c.key in clusters}
        if len(owners) == 1:
            into = next(iter(owners.values()))
            if into.kind == short.kind or short.entry is None:
                _join(clusters, into, short)


def _merge_ship_names(clusters: dict[str, "Cluster"]) -> None:
    """"the USS X Y ... embarked in X Y": a ship's name without its prefix is the ship (round 32: NER calls
    the bare name a body or a place)."""
    ships = {}
    for c in clusters.values():
        if c.kind == "ArmedForce" and c.hints.get("ship"):
            ships.setdefault(norm(c.hints["ship"]), []).append(c)
    for other in list(clusters.values()):
        if other.kind in ("Country", "ArmedForce") or other.entry is not None or other.key not in clusters:
            continue
        owners = {id(c): c for m in other.mentions if m.kind != "Description" for c in ships.get(norm(m.text), [])}
        if len(owners) == 1 and all(norm(m.text) in ships for m in other.mentions if m.kind != "Description"):
            ship = next(iter(owners.values()))
            if ship.key in clusters:
                _join(clusters, ship, other)


def _merge_short_place_names(clusters: dict[str, "Cluster"]) -> None:
    """"X" beside "X Y" ("the X Valley", "X Ababa") or "Y-X": the short form of the one longer place
    name of the article that starts with it (or ends with it after a hyphen), when that longer
    name is no airport, province or other place of its own."""
    places = [c for c in clusters.values() if c.kind == "Location" and c.subtype not in ("MilitaryBase", "Facility")]
    # "in X" typed a body beside "the X Valley": X has no lexicon entry and no body word, and the one
    # longer name is a natural area's, so X is its short form (not a look-alike town abroad that
    # the gazetteer's vowel-blind match once offered)
    bodies = [c for c in clusters.values() if c.kind == "Organization" and c.entry is None and not c.subtype
              and len(norm(c.mentions[0].text).split()) == 1 and c.mentions[0].text[:1].isupper()]
    for short in places + bodies:
        words = norm(short.mentions[0].text).split()
        if len(words) != 1 or short.key not in clusters:
            continue
        if short.place is not None and light(normalize(short.place.name)) == light(normalize(words[0])):
            # "X" is a place the gazetteer knows by that very name ("the X valley" is a part of it);
            # its name as written, article and all ("Al X" abroad is not what "X" beside "the X
            # Valley" names)
            continue
        longer = []
        for c in places:
            if c is short or c.key not in clusters:
                continue
            text = c.mentions[0].text
            lw = norm(text).split()
            if short.kind != "Location" and lw[-1] not in _NATURAL_AREA_WORDS:
                continue
            if len(lw) >= 2 and lw[-1] not in _OTHER_PLACE_WORDS and not _other_places(c, short) and (
                    lw[0] == words[0] or "-" in text and norm(text.split("-")[-1]) == words[0]):
                longer.append(c)
        if len(longer) == 1:  # (the short form's gazetteer guess is not taken: the longer name says where)
            longer[0].mentions.extend(short.mentions)
            del clusters[short.key]


#: "X, a town in Y", "the Y state village of X": nouns of a place that lies inside another
_SETTLEMENTS = frozenset(["town", "village", "city", "district", "hamlet", "camp", "settlement", "suburb",
                          "neighbourhood", "neighborhood", "locality", "area"])


def _within_containers(entities: list[Entity], ordered: list, by_token: dict, kinds: dict) -> None:
    """A place the text puts in a district or a town of the same report (``hint["container"]``,
    :func:`_place_in_containers`) names that place's entity as its ``within`` (kg.graph.mapping writes
    ``ckg:within`` it; geocoding round 30)."""
    for ent, c in zip(entities, ordered):
        if ent.type != "Location":
            continue
        for m in c.mentions:
            holder = m.hint.get("container") if m.kind != "Description" else None
            if holder is None:
                continue
            eid = by_token.get((id(holder.span.doc), holder.span.start))
            if eid is not None and eid != ent.id and kinds.get(eid) == "Location":
                ent.attributes["within"] = eid
                break


def _state_from_the_container(entities: list[Entity], ordered: list, by_token: dict, countries: dict) -> None:
    """A place the gazetteer does not place takes the state of the place the text puts it in:
    "X, a town in Y province", "X, in Y state", "the Y state village of X" (Y placed)."""
    for ent, c in zip(entities, ordered):
        if ent.type != "Location" or countries.get(ent.id) or c.subtype in ("MilitaryBase", "Facility"):
            continue
        for m in c.mentions:
            if m.kind == "Description":
                continue
            doc, s, e = m.span.doc, m.span.start, m.span.end
            spots: list[int] = []
            if e + 1 < len(doc) and doc[e].text == ",":  # "X, a town in Y", "X, in Y"
                window = doc[e + 1:min(len(doc), e + 7)]
                for k, t in enumerate(window):
                    if t.lower_ in ("in", "of") and all(w.lower_ in _SETTLEMENTS or w.pos_ in ("DET", "ADJ")
                                                         or w.lower_ in ("a", "an", "the") for w in window[:k]):
                        spots = list(range(t.i + 1, min(len(doc), t.i + 5)))
                        break
            if s >= 3 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in _SETTLEMENTS:  # "the Y state village of X"
                spots += list(range(max(0, s - 6), s - 2))
            codes = {countries.get(by_token.get((id(doc), i))) for i in spots} - {None}
            if len(codes) == 1:
                code = codes.pop()
                countries[ent.id] = code
                ent.attributes["country_code"] = code
                break


@functools.lru_cache(maxsize=1)
def _feature_heads() -> tuple[tuple[str, ...], ...]:
    """titles.yaml place_feature_heads: "forest", "crossing", "military base" ... after a place's own
    name, as word tuples, longest first."""
    heads = {tuple(h.split()) for h in _titles_yaml().get("place_feature_heads", [])}
    return tuple(sorted(heads, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _police_words() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """titles.yaml police_words ("police", "gendarmerie", ...: a state's police named as a force of its
    own when written as a name, "the Xland Police Service") and police_phrases ("military police")."""
    data = _titles_yaml()
    return (frozenset(w.lower() for w in data.get("police_words", [])),
            tuple(tuple(p.lower().split()) for p in data.get("police_phrases", [])))


def _names_a_police(span) -> bool:
    """"the Xland Police Service", "the Yian National Gendarmerie", "Xian military police": a state's
    police as a force apart from its army; not "Xian police and soldiers" (a part of its forces)."""
    words, phrases = _police_words()
    if any(t.lower_ in words and t.text[:1].isupper() for t in span):
        return True
    low = [t.lower_ for t in span]
    return any(tuple(low[i:i + len(p)]) == p for p in phrases for i in range(len(low) - len(p) + 1))


def _bare_of_feature(form: str) -> Optional[str]:
    """"X forest", "the Y military base", "the al-Z garrison" -> "X", "Y", "al-Z": the capitalised name
    before a feature's or a facility's word (as written: "W Base" in capitals is a name of its own)."""
    words = form.split()
    for head in _feature_heads():
        n = len(head)
        if len(words) > n and tuple(words[-n:]) == head:
            bare = words[:-n]
            if bare and all(any(ch.isupper() for ch in w) or not w[:1].isalpha() for w in bare):  # ("al-X")
                return " ".join(bare)
    return None


@functools.lru_cache(maxsize=1)
def _district_suffixes() -> frozenset:
    """titles.yaml city_district_suffixes: "DC", "D.C." written after a city and a comma."""
    return frozenset(_titles_yaml().get("city_district_suffixes", []))


def _with_district(mentions: list[RawMention], name: str) -> list[str]:
    """"Springfield, DC" (a city, a comma, its federal district's abbreviation): the city's name with the
    district, as written, is a name the city goes by (round 30: golds list the city either way)."""
    out = []
    suffixes = _district_suffixes()
    for m in mentions:
        doc, end = m.span.doc, m.span.end
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in suffixes:
            form = f"{_clean_surface(m.text)}, {doc[end + 1].text}"
            if form != name and form not in out:
                out.append(form)
    return out


def _bare_admin_aliases(entities: list[Entity]) -> None:
    """"X district" is also "X", unless another entity of the article is called "X" (the town); so
    is "the Y forest", "the Z crossing" (titles.yaml place_feature_heads)."""
    taken = {norm(n) for e in entities for n in [e.name, *e.aliases]}
    for e in entities:
        if e.type != "Location":
            continue
        for form in [e.name, *e.aliases]:
            words = form.split()
            bare = _bare_of_feature(form) if len(words) > 1 else None  # (first: "X Local Government Area")
            if bare is None and len(words) > 1 and words[-1].lower() in _ADMIN_SUFFIXES | _SETTLEMENT_SUFFIXES:
                bare = " ".join(words[:-1])
            if bare and norm(bare) not in taken:
                e.aliases.append(bare)
                taken.add(norm(bare))


_ACTORS = frozenset(["ArmedGroup", "ArmedForce", "Organization"])
_NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
_PARTICLES = frozenset(["al", "el", "ash", "as", "ad", "ar", "an", "at", "az", "bin", "ibn", "abu", "van", "von", "de",
                        "di", "da"])


def _short_name(text: str) -> bool:
    """One word ("Doe"), or a surname with its particle ("Al-X", "van Y"): a short form of a full name."""
    words = norm(text).split()
    return len(words) < 2 or len(words) == 2 and words[0] in _PARTICLES


def _surname_key(name: str) -> str:
    words = norm(name).split()
    while len(words) >= 2 and words[-1] in _NAME_SUFFIXES:
        words = words[:-1]  # "Jane Q. Roe Jr." is "Roe"
    if len(words) >= 2 and words[-2] in _PARTICLES:
        return words[-1]
    return words[-1] if words else ""


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._text: Optional[str] = None  # the article resolve() is reading, when given

    def resolve(self, mentions: list[RawMention], text: Optional[str] = None) -> Resolution:
        """One entity per actor or place. ``text``: the whole article, read for the states it names
        (round 25); without it, the paragraphs the mentions stand in."""
        self._text = text
        named = [m for m in mentions if m.kind != "Description"]
        _retype_by_majority(named, self.gaz)
        self._geocode(named)
        dominant = self._dominant_country(named)
        clusters: dict[str, Cluster] = {}
        for m in sorted(named, key=lambda m: (m.kind != "Person" or _short_name(m.text), m.start)):
            key, country = self._key(m, clusters, dominant)
            c = clusters.setdefault(key, Cluster(key=key, kind=m.kind, country=country))
            c.mentions.append(m)
            c.subtype = c.subtype or m.subtype
            c.place = c.place or m.hint.get("place")
            c.entry = c.entry or m.hint.get("entry")
            for k, v in m.hint.items():
                c.hints.setdefault(k, v)
        self._merge_short_forms(clusters)
        _merge_bracketed_acronyms(clusters)
        _merge_acronyms_told(clusters)
        _merge_state_bodies(clusters, self.gaz)
        _merge_appositions(clusters)
        _merge_force_short_names(clusters)
        _merge_initials(clusters)
        _merge_people_into_groups(clusters)
        _armed_by_most_mentions(clusters)
        _type_by_own_phrase(clusters)
        _merge_names_of_fighters(clusters)
        _merge_settlement_names(clusters)
        _merge_qualified_places(clusters)
        _merge_short_place_names(clusters)
        _merge_ship_names(clusters)
        _merge_bodies_of_states(clusters, self.gaz)
        _merge_spelling_variants(clusters)
        _merge_bases_and_towns(clusters)
        _merge_curated_regions(clusters)
        _one_entity_per_name(clusters)
        _join_bare_services(clusters)
        _one_unit_per_report(clusters, self.gaz)
        _drop_coordinated_modifier_states(clusters)
        _drop_lone_word_people(clusters)
        _drop_named_things(clusters)
        _drop_peoples(clusters, self.gaz)
        _provinces_told(clusters, self.gaz)
        ordered = sorted(clusters.values(), key=lambda c: c.first)
        for m in mentions:
            if m.kind == "Description":
                target = self._antecedent(m, ordered)
                if target is not None:
                    target.mentions.append(m)
        return self._entities(ordered, dominant)

    # ----- geocoding and keys
    def _geocode(self, mentions: list[RawMention]) -> None:
        codes = [m.hint["country"].code for m in mentions if m.kind == "Country" and m.hint.get("country")]
        codes += [m.hint["country"] for m in mentions if m.kind == "ArmedForce" and m.hint.get("country")]
        codes += [m.hint["region_of"].code for m in mentions if m.hint.get("region_of")]  # "northern X"
        pending = []
        for m in mentions:
            if m.kind != "Location" or m.hint.get("place") is not None or m.hint.get("named_base"):
                continue  # ("Combat Outpost X": a code name, no town)
            area = self._area_of_state(m)
            if area is not None:
                m.hint["place"] = area
                continue
            region = self.gaz.region(m.text)
            if region is not None:
                m.hint["place"] = region
                if region.country_code and region.feature_class == "A":
                    codes.append(region.country_code)  # "X state" says which state the article is in
                continue
            pending.append(m)
        context = [c for c, _ in Counter(codes).most_common()]
        stated = _stated_countries(mentions, self.gaz)
        # "X in Y province", "X, Y": the division the text puts a place in holds for every mention of it
        areas: dict[str, Optional[Place]] = {}
        for m in pending:
            found = _within(m, self.gaz)
            if found is not None:
                key = _place_key(m.hint.get("base_name") or m.text)
                areas[key] = found if areas.setdefault(key, found) is found else None  # (two divisions: neither)
        free: list[RawMention] = []  # (places the text does not put in a state or area itself)
        for m in pending:
            name = m.hint.get("base_name") or m.text
            state = stated.get(_place_key(name)) if m.subtype != "Facility" else None
            local = state.code if state is not None else _local_country_hint(m, self.gaz)
            hints = ([local] if local else []) + context
            # a state the text gives for this place ("X, Rwanda", "the Rwandan town of X") constrains
            # the record: only its towns get the hint, not every state the article names (a report
            # naming the US too found an American namesake before a Syrian town's older name)
            place = self.gaz.lookup(name, countries=[local] if local else context)
            within = _within(m, self.gaz) or areas.get(_place_key(name))
            if within is not None and (place is None or place.country_code != within.country_code):
                place = _unlisted_in_area(m.text, within)  # "the town of X in Y region": somewhere in Y
            elif state is not None and (place is None or place.country_code != state.code):
                # "X, Rwanda", "X in Rwanda", a dateline "X, RWANDA": a namesake abroad is not X
                place = None if _a_division_of(name, state.code) else _unlisted_town(m.text, self.gaz._country_place(state, 0))
                # (a division of that state the text names, "the X region of Y": placed below, round 20)
            m.hint["place"] = place if place is not None and _plausible(name, place, hints) else None
            if within is None and state is None and m.subtype != "Facility":
                free.append(m)
        states = context + [s.code for s in stated.values() if s is not None] + _demonym_bodies(mentions, self.gaz)
        # "X district": a second-level division of the article's states (geo round 27, kg/extract/admin2.py)
        place_districts(pending, states, self.gaz, self._text, mentions)
        _admin1_divisions(pending, states, self.gaz)
        self._in_article_context(mentions, free, codes + [s.code for s in stated.values() if s is not None])
        self._in_named_divisions(mentions)
        self._other_names_of_towns(mentions)
        _place_in_containers(mentions)

    def _other_names_of_towns(self, mentions: list[RawMention]) -> None:
        """Geocoding round 30: a name GeoNames gives as another name of a town the same article names
        by its own name (a former name: "the capital calls the town by its Soviet-era name, Y"; "X (Y)";
        "X, formerly Y") is that town, not a namesake elsewhere that bears it as its own name. One
        town only; a division, a region or a base keeps its own place."""
        towns: dict[str, Place] = {}
        for m in mentions:
            place = m.hint.get("place") if m.kind == "Location" else None
            if place is not None and place.feature_class == "P" and place.geonames_id \
                    and _own_name(m.hint.get("base_name") or m.text, place):
                towns[place.geonames_id] = place
        if not towns:
            return
        for m in mentions:
            place = m.hint.get("place")
            if m.kind != "Location" or m.subtype in ("Facility", "MilitaryBase") or m.hint.get("named_base") \
                    or place is not None and (place.feature_class != "P" or self._known_abroad(place)):
                continue  # (a capital or a city of a million by its name is that city)
            name = m.hint.get("base_name") or m.text
            found = [t for t in towns.values() if (place is None or t.geonames_id != place.geonames_id)
                     and not _own_name(name, t) and self.gaz.bears_name(name, t.geonames_id)]
            if len(found) == 1:
                m.hint["place"] = found[0]

    def _in_article_context(self, mentions: list[RawMention], free: list[RawMention], codes: list[str]) -> None:
        """Round 25: a town the text does not place itself goes to a namesake in the states its article
        is about (named anywhere, by name or adjective, its dateline's, those of the divisions, areas and
        well-known cities it resolved; else the neighbours of the one it names most), and a town far from
        all of them (another continent, no neighbour) is left unresolved unless the text names it as a
        place abroad ("talks in X", "flew from Y") or it is a capital or a city of a million."""
        if not free:
            return
        for m in free:  # a capital or a city of a million by that very name, not a small look-alike in a hinted state
            place = m.hint.get("place")
            if place is not None and place.feature_class == "P" and place.population < FOREIGN_TOWN_MIN:
                name = m.hint.get("base_name") or m.text
                best = self.gaz.lookup(name)
                if best is not None and best.country_code != place.country_code and self._known_abroad(best) \
                        and _own_name(name, best) and not _own_name(name, place):
                    m.hint["place"] = best
        # the states of the divisions, areas and well-known cities it resolved ("landed in Y"), by name
        resolved: list[tuple[str, str]] = []
        for m in mentions:
            entry = m.hint.get("entry") if m.kind in ("ArmedGroup", "ArmedForce", "Organization") else None
            if entry is not None and getattr(entry, "country", None):
                resolved.append(("", entry.country))  # a listed group or body of one state ("the X Front")
            place = m.hint.get("place") if m.kind == "Location" else None
            if place is not None and place.country_code and (place.feature_class in ("A", "L")
                                                             or self._known_abroad(place)):
                resolved.append((_place_key(m.hint.get("base_name") or m.text), place.country_code))
            elif m.kind == "Location" and place is None and m.text[:1].isupper():
                # a division of that name in one state of the world only ("X" of a report on Y's X)
                named = _divisions_in_world(self.gaz, strip_article(normalize(_bare_division(m.text))))
                if len(named) == 1:
                    resolved.append((_place_key(m.text), named[0].country))
        text = self._text
        if text is None:  # (each paragraph is a doc of its own: those with a mention)
            docs = {id(m.span.doc): m.span.doc for m in mentions}
            text = "\n\n".join(d.text for d in docs.values())
        told = article_context(text, self.gaz)
        # a town the lookup left unplaced is placed only in the state the text itself names most or a neighbour
        # of it, not in one inferred from its places ("Fort X" of a base) nor one it names in passing
        said = told.codes
        near = [c for c in sorted(neighbours(said[0])) if c not in said] if said else []
        for m in free:
            place: Optional[Place] = m.hint.get("place")
            name = m.hint.get("base_name") or m.text
            key = _place_key(name)
            ctx = told.widened(codes + [c for k, c in resolved if k != key])  # (not by its own record)
            own = ctx.codes
            if not own or place is not None and (ctx.near_core(place.country_code) or place.feature_class != "P"
                                                 or not place.geonames_id):
                continue  # (a town of the article's states or their neighbours stays)
            pool = said[:1] if place is None else own  # (an unplaced name: only in the state named most)
            other = self.gaz.same_name_in(name, pool) or (self.gaz.same_name_in(name, near) if near else None)
            if other is not None and place is not None and self._known_abroad(place) and not _own_name(name, other):
                other = None  # (a capital's name, not a small town's other spelling of it)
            if other is not None:
                m.hint["place"] = other
            elif place is not None and (ctx.far_from(place) or self._look_alike(name, place)) \
                    and not named_abroad(m.span) and not self._known_abroad(place):
                # (round 26: a look-alike spelling, a town of no name of this spelling, outside the
                # article's states and their neighbours is no more that town than one on another continent)
                m.hint["place"] = None
        if not said and not codes and not resolved:
            self._by_other_places(mentions, free)

    def _by_other_places(self, mentions: list[RawMention], free: list[RawMention]) -> None:
        """Geocoding round 30: in an article that names no state (no state, demonym, dateline, division,
        force or listed group), the states its other places were placed in by their own names are its
        context. A town found there only by another of its names (an alternate or a look-alike spelling,
        not its own name) outside those states and their neighbours goes to a town of that very name in
        them, else is left unresolved ("the road to X" beside a town of another state, X matched as a
        former name of a town across the continent); not a capital, a city of a million, nor a place
        the text names as abroad ("talks in X")."""
        placed: list[tuple[str, str]] = []
        for m in mentions:
            place = m.hint.get("place") if m.kind == "Location" else None
            if place is None or not place.country_code or place.feature_class != "P" or not place.geonames_id \
                    or named_abroad(m.span) or self._known_abroad(place):
                continue
            name = m.hint.get("base_name") or m.text
            if _own_name(name, place) or _own_name(_clean_surface(name).rsplit(" ", 1)[0], place):
                placed.append((_place_key(name), place.country_code))  # ("X airport": its town X)
        for m in free:
            place = m.hint.get("place")
            name = m.hint.get("base_name") or m.text
            if place is None or place.feature_class != "P" or not place.geonames_id or _own_name(name, place) \
                    or named_abroad(m.span) or self._known_abroad(place):
                continue
            key = _place_key(name)
            states = sorted({c for k, c in placed if k != key})
            if not states or place.country_code in states or any(place.country_code in neighbours(c) for c in states):
                continue
            m.hint["place"] = self.gaz.same_name_in(name, states)

    def _in_named_divisions(self, mentions: list[RawMention]) -> None:
        """Round 25: a town with namesakes in several first-level divisions of one state goes to the one in
        a division the article names ("X" beside "Y", a division of the same state, where
        the gazetteer's largest X lies in another division)."""
        from kg.graph.hierarchy import division_named  # (kg.graph imports kg.extract)

        named: set[tuple[str, str]] = set()
        for m in mentions:
            place = m.hint.get("place") if m.kind == "Location" else None
            if place is None or place.feature_class != "A" or not place.country_code:
                continue
            if place.geonames_id or place.feature_code:  # a division or a curated area, not "the X district" of a town
                d = division_named(place.country_code, _bare_division(place.name))
                if d is not None:
                    named.add((d.country, d.code))
        if not named:
            return
        for m in mentions:
            place = m.hint.get("place") if m.kind == "Location" else None
            if place is None or not place.country_code or not place.admin1 \
                    or (place.country_code, place.admin1) in named \
                    or not any(cc == place.country_code for cc, _ in named):
                continue
            if place.feature_class != "P" or not place.geonames_id:
                continue  # (towns only: "the X district" moved to the named division joined a distractor in fusion-dev)
            other = self.gaz.same_name_in(m.hint.get("base_name") or m.text, [place.country_code], frozenset(named))
            if other is not None:
                m.hint["place"] = other

    def _look_alike(self, name: str, place: Place) -> bool:
        """The look-up found this town by a look-alike spelling: no town of its state bears this very
        name (its own or an alternate name spelling it; ``Gazetteer.same_name_in``)."""
        return not _own_name(name, place) and (
            not place.country_code or self.gaz.same_name_in(name, [place.country_code]) is None)

    def _known_abroad(self, place: Place) -> bool:
        """A capital, or a city of a million people: the place the world means by that name, named
        abroad in reports on any war ("officials in X said", "a meeting in Y")."""
        if place.population >= WORLD_CITY_MIN:
            return True
        capital = self.gaz.capital(place.country_code) if place.country_code else None
        return capital is not None and capital.geonames_id == place.geonames_id

    def _area_of_state(self, m: RawMention) -> Optional[Place]:
        """"southern X", "Xian Y": an area of a state the gazetteer does not list,
        placed at the state (its country is what events there are counted by)."""
        state = m.hint.get("region_of")
        words = m.text.split()
        if words and words[-1].lower() in ("embassy", "consulate"):
            return None  # "the X Embassy" stands abroad, not in X
        if state is None and len(words) >= 2 and self.gaz.lookup(m.text) is None:
            first = self.gaz.country(words[0])  # a demonym: "Xian Y"
            state = first if first is not None and words[0] != first.name else None
        if state is None:
            return None
        return Place(geonames_id="", name=m.text, lat=state.lat, lon=state.lon, country_code=state.code,
                     feature_class="L", feature_code=None, population=0)

    def _dominant_country(self, mentions: list[RawMention]) -> Optional[str]:
        votes: Counter[str] = Counter()
        for m in mentions:
            if m.kind == "Country" and m.hint.get("country"):
                votes[m.hint["country"].code] += 1
            elif m.kind == "Location" and m.hint.get("place") is not None and m.hint["place"].country_code:
                votes[m.hint["place"].country_code] += 1
            elif m.kind in ("ArmedForce", "ArmedGroup") and isinstance(m.hint.get("country"), str):
                votes[m.hint["country"]] += 1
            elif m.hint.get("entry") is not None and m.hint["entry"].country:
                votes[m.hint["entry"].country] += 1
        return votes.most_common(1)[0][0] if votes else None

    def _key(self, m: RawMention, clusters: dict[str, Cluster], dominant: Optional[str]) -> tuple[str, Optional[str]]:
        if m.kind == "Person":
            full = norm(m.text)
            if _short_name(m.text):
                sk = _surname_key(m.text)
                for key, c in clusters.items():
                    if c.kind == "Person" and _surname_key(c.mentions[0].text) == sk:
                        return key, c.country
                # "X" after "X Y" or "Z X Y": a given or middle name of one person named in full
                holders = [key for key, c in clusters.items() if c.kind == "Person" and len(full) > 2
                           and full in norm(c.mentions[0].text).split()[:-1]]
                if len(holders) == 1 and len(full.split()) == 1:
                    return holders[0], clusters[holders[0]].country
            words = full.split()
            if len(words) == 2:  # "Mena X" after "Mina X": one person, the given name spelt two ways
                for key, c in clusters.items():
                    other = norm(c.mentions[0].text).split()
                    if c.kind == "Person" and len(other) == 2 and other[1] == words[1] and other[0] != words[0] \
                            and other[0][:1] == words[0][:1] and len(words[0]) >= 4 \
                            and SequenceMatcher(None, other[0], words[0]).ratio() >= 0.75:
                        return key, c.country
            return "person:" + full, m.hint.get("country")
        if m.kind == "Country":
            code = m.hint["country"].code
            return "country:" + code, code
        if m.kind == "Location":
            place: Optional[Place] = m.hint.get("place")
            if m.subtype == "MilitaryBase":
                # Its own thing, located at the town it is named after; the town's bare name
                # may join it later (see _merge_bases_and_towns).
                return "base:" + norm(m.hint.get("base_name") or m.text), place.country_code if place else None
            if place is not None and place.geonames_id:
                return "place:" + place.geonames_id, place.country_code
            if place is not None and place.feature_code is not None and \
                    _bare_division(m.hint.get("base_name") or m.text) == _bare_division(place.name):
                # a curated region by its name with or without its word ("X" and "X State"): one record
                # (not by any alias: "North X" may be listed as a name of X, and is a part of it)
                return f"region:{place.country_code}:{normalize(place.name)}", place.country_code
            return "place:" + norm(m.hint.get("base_name") or m.text), place.country_code if place else None
        if m.kind == "ArmedForce":
            if m.hint.get("entry") is not None and not m.hint.get("national"):
                e = m.hint["entry"]
                return "actor:" + e.key, e.country
            if m.hint.get("body"):  # "U.N. troops" and "U.N. peacekeepers": the body's one force
                return "force:body:" + m.hint["body"], None
            if m.hint.get("command_of"):  # "U.S. X Command": its own force, of its state (round 20)
                return "command:" + norm(m.text), m.hint["command_of"]
            code = dominant if m.hint.get("government") else m.hint.get("country")
            if code is None:
                return "force:" + norm(m.text), None
            backer = m.hint.get("backer")
            if not backer and not m.hint.get("government") and _names_a_police(m.span):
                # "the Xland Police Service", "Xian military police": the state's police, a force apart
                # from its army (the golds list the two), one entity however often named (round 28)
                return f"police:{code}", code
            return f"force:{code}" + (f":backed:{backer}" if backer else ""), code
        entry = m.hint.get("entry")
        if entry is not None:
            return "actor:" + entry.key, entry.country
        if m.hint.get("state_body") and m.kind == "Organization":  # "X's Defence Ministry": X's body
            code, core = _state_of_body(m, self.gaz)
            return f"state-body:{code or ''}:{core}", code
        if m.hint.get("government_of"):  # "the Xian government", "X's government", "the government of X": one body
            return "government:" + m.hint["government_of"], m.hint["government_of"]
        if m.kind == "ArmedGroup" and m.hint.get("backer"):
            # "pro-X militia" and "pro-X militiamen", "X-backed separatists" and "pro-X separatists":
            # one group, that X backs, named by the same noun ("pro-X forces" beside them stay apart)
            patron = self.gaz.country(m.hint["backer"])
            if patron is not None:
                noun = re.sub(r"(?:men|s)$", "", m.span[-1].lower_)
                return f"group:backed:{patron.code}:{noun}", None
        return "org:" + norm(m.text), None

    def _merge_short_forms(self, clusters: dict[str, Cluster]) -> None:
        """"X Institute" joins "X Institute for Y Policy"; acronyms join names; "the Observatory"
        joins the one body of the report whose name has that word, and with none or several is
        dropped (a body the report names only by its kind)."""
        orgs = [c for c in clusters.values() if c.kind in ("Organization", "ArmedGroup") and c.entry is None]
        for short in [c for c in orgs if c.hints.get("short_head")]:
            word = norm(short.mentions[0].text)
            longs = [c for c in clusters.values() if c is not short and c.kind == "Organization"
                     and word in norm(c.mentions[0].text).split()[1:] and not c.hints.get("short_head")]
            if len(longs) == 1:
                longs[0].mentions.extend(short.mentions)
            del clusters[short.key]
        orgs = [c for c in orgs if c.key in clusters]
        for short in orgs:
            s = norm(short.mentions[0].text)
            for long in orgs:
                if long is short or long.key not in clusters or short.key not in clusters:
                    continue
                ln = norm(long.mentions[0].text)
                initials = "".join(w[0] for w in ln.split() if w not in ("of", "for", "the", "and"))
                if (len(ln) > len(s) and (ln.startswith(s + " ") and len(s.split()) >= 2)) or (
                        short.mentions[0].text.isupper() and s.replace(" ", "") == initials):
                    long.mentions.extend(short.mentions)
                    del clusters[short.key]
                    break

    def _antecedent(self, m: RawMention, ordered: list[Cluster]) -> Optional[Cluster]:
        target = m.hint.get("target")
        best: Optional[tuple[int, Cluster]] = None
        for c in ordered:
            if not self._compatible(c, m):
                continue
            before = [x.start for x in c.mentions if x.start < m.start and x.kind != "Description"
                      and not (target == "Country" and _adjective_use(x))]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), c)
        if best is not None and target in _ACTORS and self._rival(m, best, ordered):
            return None  # "Ethiopian and Somali troops ... the troops": either, or both; no guess
        if best is None and target in ("ArmedGroup", "ArmedForce"):
            # "the military took X ... the X army said": the one force (or group) of the article
            groups = [c for c in ordered if c.kind == target and self._fits_subtype(c, m.subtype)
                      and not _only_a_patron(c)]
            if len(groups) == 1:
                return groups[0]
        return best[1] if best else None

    def _rival(self, m: RawMention, best: tuple[int, Cluster], ordered: list[Cluster]) -> bool:
        """Another actor of the description's kind named in the sentence of its nearest antecedent."""
        at = next(x.sentence.index for x in best[1].mentions if x.start == best[0])
        return any(c is not best[1] and self._compatible(c, m)
                   and any(x.sentence.index == at and x.start < m.start and x.kind != "Description" for x in c.mentions)
                   for c in ordered)

    def _compatible(self, c: Cluster, m: RawMention) -> bool:
        """A cluster the description may stand for: its kind and subtype; "the ministry" only a
        body whose name says ministry, not any organisation."""
        if c.kind != m.hint.get("target") or not self._fits_subtype(c, m.subtype):
            return False
        if _only_a_patron(c):
            return False  # a group named only as another's patron ("an X-linked group"): not "the group"
        return c.kind != "Organization" or m.hint.get("head") in norm(c.mentions[0].text).split()

    @staticmethod
    def _fits_subtype(c: Cluster, subtype: Optional[str]) -> bool:
        if subtype is None:
            return True
        if subtype == "MilitaryBase":
            return c.subtype == "MilitaryBase"
        if subtype == "City":
            # (a town the gazetteer lacks has its area's class: still a town, "the town")
            return c.subtype != "MilitaryBase" and (c.place is None or c.place.feature_class == "P" or bool(c.place.area))
        if subtype == "Region":
            return c.place is not None and c.place.feature_class in ("A", "L") and not c.place.area
        return True

    # ----- entities
    def _entities(self, ordered: list[Cluster], dominant: Optional[str]) -> Resolution:
        entities: list[Entity] = []
        by_token: dict[tuple[int, int], str] = {}
        kinds: dict[str, str] = {}
        subtypes: dict[str, Optional[str]] = {}
        countries: dict[str, Optional[str]] = {}
        places: dict[str, Place] = {}
        for i, c in enumerate(ordered, start=1):
            eid = f"E{i}"
            name = self._name(c)
            surfaces = []
            for m in sorted(c.mentions, key=lambda m: m.start):
                if m.kind == "Description":
                    continue
                for s in (_clean_surface(m.text), m.hint.get("bare")):  # "Houthi rebels" and "Houthi"
                    if s and s != name and s not in surfaces:
                        surfaces.append(s)
            if c.kind == "Location":  # "X, DC": the city with its district written after it, a name it goes by
                for s in _with_district(c.mentions, name):
                    if s not in surfaces:
                        surfaces.append(s)
            if c.place is not None and c.place.name not in surfaces and c.place.name != name and c.kind == "Location" \
                    and c.subtype not in ("MilitaryBase", "Facility"):  # "X airport" is not the town X
                surfaces.append(c.place.name)
            ent = Entity(
                id=eid,
                type=c.kind,
                name=name,
                aliases=surfaces,
                mentions=[Mention(start=m.start, end=m.end, text=m.text, sentence=m.sentence.index)
                          for m in sorted(c.mentions, key=lambda m: m.start)],
                subtype=c.subtype,
            )
            self._describe(ent, c)
            entities.append(ent)
            kinds[eid] = c.kind
            subtypes[eid] = c.subtype
            countries[eid] = c.country
            if c.place is not None:
                places[eid] = c.place
            for m in c.mentions:
                if m.hint.get("inside") or m.hint.get("state_voice") or m.hint.get("state_pair"):
                    continue  # ("X's Defence Ministry said its troops ...": the event rules read the state X;
                    # "the X-Y relationship": each state is named, no place or actor of an event, round 31)
                for t in m.span:
                    by_token[(id(t.doc), t.i)] = eid
        for ent, c in zip(entities, ordered):  # a name inside another mention ("X" of "eastern X", "X's army",
            for m in c.mentions:                # "pro-X militia"): its tokens stand for the mention around it
                if m.hint.get("inside") and not m.hint.get("state_pair"):
                    for t in m.span:
                        by_token.setdefault((id(t.doc), t.i), ent.id)
                elif m.hint.get("linked_parent"):  # "X-linked militants": X is named, but is not who acted
                    for t in m.span:
                        by_token.pop((id(t.doc), t.i), None)
        _bare_admin_aliases(entities)
        _state_from_the_container(entities, ordered, by_token, countries)
        _within_containers(entities, ordered, by_token, kinds)
        res = Resolution(entities, by_token, kinds, subtypes, countries, dominant, places)
        self._link_affiliations(res, ordered)
        return res

    def _name(self, c: Cluster) -> str:
        named = [m for m in c.mentions if m.kind != "Description"]
        if c.entry is not None and not c.key.startswith("force:"):
            return c.entry.name
        if c.kind == "Country":
            return named[0].hint["country"].name
        if c.key.startswith("force:") and c.country and not c.hints.get("backer"):
            country = self.gaz.country_by_code(c.country)
            firsts = [m for m in named if not m.hint.get("government")
                      and self.gaz.country(m.span[0].text) is not None
                      and not (len(m.span) > 1 and m.span[1].text in ("'s", "’s"))]  # not "X's army"
            words = [m.span[0].text for m in firsts]
            # the text's own form first: "X forces" as written, else the state's adjective ("Xland
            # Army" and "Xlandi troops" are "Xlandi forces"; "Xland forces" is a name the text never writes)
            demonyms = {d.lower() for d in country.demonyms} if country is not None else set()
            adjective = next((m.span[0].text for m in firsts if len(m.span) == 2 and m.span[1].lower_ == "forces"),
                             next((w for w in words if w.lower() in demonyms), words[0] if words else None))
            if adjective is None and country is not None:
                adjective = country.demonyms[0] if country.demonyms else country.name
            return f"{adjective} forces"
        if c.key.startswith("police:"):  # "the Xland Police Service (XPS) ... the XPS": by its whole name
            return max((_clean_surface(m.text) for m in named), key=len)
        if c.key.startswith("state-body:") and not c.key.startswith("state-body::"):
            # "X's Defence Ministry": called with its state, so that two states' ministries of one name
            # stay two things (one IRI per name)
            return max((_clean_surface(t) for m in named for t in (m.text, m.hint.get("bare")) if t), key=len)
        if c.kind == "Location" and c.subtype == "MilitaryBase":
            bases = [m for m in named if m.subtype == "MilitaryBase"]
            return Counter(_clean_surface(m.text) for m in bases).most_common(1)[0][0]
        if c.kind == "Person":
            return max((_clean_surface(m.text) for m in named), key=len)
        if c.kind == "Location" and any(m.hint.get("capital") for m in named):
            proper = [m for m in named if not m.hint.get("capital")]  # "the X capital" is called by its name
            if not proper:
                return named[0].hint["place"].name
            named = proper
        if c.kind == "Location":  # "the southern X" joined to X: called X (_merge_qualified_places)
            named = [m for m in named if not m.hint.get("qualified")] or named
        surfaces = Counter(_clean_surface(m.text) for m in named)
        top = max(surfaces.values())
        return max((s for s, n in surfaces.items() if n == top), key=len)

    def _describe(self, ent: Entity, c: Cluster) -> None:
        if c.country:
            ent.attributes["country_code"] = c.country
        elif c.kind == "Location" and c.place is not None and c.place.country_code:
            # (a headline's "X Cantonment" opened the cluster before the body said which province it is in)
            ent.attributes["country_code"] = c.place.country_code
        if c.place is not None:
            if c.place.geonames_id:
                ent.links["geonames"] = c.place.geonames_id
            if c.place.lat is not None:  # (a town the text puts in a state: no point, round 20)
                ent.geo = Geo(lat=round(c.place.lat, 5), lon=round(c.place.lon, 5))
            ent.attributes["feature_class"] = c.place.feature_class
            if c.place.feature_code == ADM2 and c.place.admin1:  # a district of kg/data/admin2.tsv (curated
                ent.attributes["feature_code"] = ADM2               # areas have no admin-1 code): its level,
                ent.attributes["admin1_code"] = c.place.admin1      # its first-level division (ckg:within)
            if c.place.area:  # a town the gazetteer lacks, somewhere in this area (no point: round 30)
                ent.attributes["unlisted_in"] = c.place.area
                if c.place.admin1:  # (its first-level division: kg.graph.hierarchy writes it ckg:within it)
                    ent.attributes["admin1_code"] = c.place.admin1
        if c.kind == "Country":
            country = c.mentions[0].hint["country"]
            ent.links["geonames"] = country.geonames_id
            ent.geo = Geo(lat=round(country.lat, 5), lon=round(country.lon, 5))
        if c.entry is not None and getattr(c.entry, "wikidata", None):
            ent.links["wikidata"] = c.entry.wikidata
        if c.hints.get("title"):
            ent.attributes["title"] = c.hints["title"]
        if c.kind == "Organization" and not c.country:
            first = _clean_surface(ent.name).split()[0]
            country = self.gaz.country(first)
            if country is not None and first in country.demonyms:
                ent.attributes["country_code"] = country.code
                c.country = country.code

    def _link_affiliations(self, res: Resolution, ordered: list[Cluster]) -> None:
        by_name = {norm(n): e.id for e in res.entities for n in [e.name, *e.aliases]}
        by_key = {c.key: ent.id for ent, c in zip(res.entities, ordered)}
        # a state named only as a modifier ("X troops", "X and Y soldiers"): its forces, people and
        # bodies keep its country code but do not point at it, so it stays no entity of the report
        # unless an event names it (drop_adjectival_states; round 17)
        adjectival = {ent.id for ent, c in zip(res.entities, ordered)
                      if c.kind == "Country" and c.mentions and all(_as_modifier(m) for m in c.mentions)}
        for ent, c in zip(res.entities, ordered):
            if c.key.startswith("force:body:") and by_key.get("actor:" + c.key[len("force:body:"):]):
                ent.attributes["affiliation"] = by_key["actor:" + c.key[len("force:body:"):]]  # the body's troops
                continue
            parent = getattr(c.entry, "affiliation", None) if ent.type != "Location" else None
            if parent:  # a branch of a listed actor ("ISIS-K" of the Islamic State): on its side
                if getattr(c.entry, "affiliation_name", None):
                    # (kept when the report does not name the parent, for what reads the attribute)
                    ent.attributes["branch_of"] = c.entry.affiliation_name
                if by_key.get("actor:" + parent) not in (None, ent.id):
                    ent.attributes["affiliation"] = by_key["actor:" + parent]
                    continue
            org = c.hints.get("org_text")
            if org and norm(org) in by_name and by_name[norm(org)] != ent.id:
                ent.attributes["affiliation"] = by_name[norm(org)]
            elif ent.type in ("Person", "ArmedForce", "Organization") and c.country and not c.key.startswith("government:"):
                # (a state's government keeps its country code only: as its affiliation, a state named
                # only as a modifier elsewhere would become an entity of the report)
                cid = res.country_entity(c.country)
                if cid and cid not in adjectival:
                    ent.attributes["affiliation"] = cid
            if ent.type == "Person" and "affiliation" not in ent.attributes:
                state = _state_before_title(c, res)
                if state is not None:  # "Xland President Jane Roe": the person's state, named by the report
                    ent.attributes["affiliation"] = state
            backer = c.hints.get("backer")
            if backer:
                state = self.gaz.country(backer) if len(backer) != 2 else None  # "pro-X": a name, not a code
                backer = state.code if state is not None else backer
                cid = res.country_entity(backer)
                ent.attributes["backed_by"] = cid or backer
                if cid and c.key.startswith("group:backed:") and "affiliation" not in ent.attributes:
                    # "X-backed militias", "pro-X separatists": a group named only by its patron stands
                    # on X's side (fusion's actor rule reads the affiliation; "backed_by" is not mapped)
                    ent.attributes["affiliation"] = cid


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset:
    """Every word of titles.yaml's titles, lower case, without dots, the words that join them, and the words
    of a title's complement ("Minister of National Defense": round 32)."""
    return frozenset(w.lower().strip(".") for t in _titles_yaml().get("titles", []) for w in t.split()) \
        | {"of", "the", "and", "for"} | frozenset(_titles_yaml().get("title_complements", []))


def _state_before_title(c: "Cluster", res: Resolution) -> Optional[str]:
    """The state named right before a person's title ("Xland President Jane Roe", "Yland Minister of
    National Defense Z"), written out as a name (not an abbreviation, "U.S.", nor an adjective, nor a
    possessive, read elsewhere): the person's state, an entity of the report (round 29: the golds list
    it)."""
    words = _title_words()
    for m in c.mentions:
        if m.span is None or m.kind != "Person":
            continue
        doc, i = m.span.doc, m.span.start - 1
        n = 0
        while i >= 0 and doc[i].text[:1].isupper() and doc[i].lower_.strip(".") in words or \
                i >= 0 and n and doc[i].lower_ in ("of", "the", "and", "for"):
            i, n = i - 1, n + 1
        if not n or i < 0 or doc[i + 1].lower_ in ("of", "the", "and", "for"):
            continue
        eid = res.by_token.get((id(doc), i))
        if eid is None or res.kinds.get(eid) != "Country":
            continue
        text = doc[i].text
        if "." in text or text.isupper() or doc[i].lower_ in ("'s", "’s"):
            continue  # ("U.S. Ambassador X", "UK Minister Y": the golds list these states at times only)
        return eid
    return None


def _as_modifier(m: RawMention) -> bool:
    """A state's name written as a modifier of a noun after it ("X support", "X Defense Secretary",
    "X and Y soldiers"), as drop_adjectival_states reads it."""
    if m.span is None:
        return False
    root = m.span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i > m.span.end - 1 \
        and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ not in ("GPE", "LOC")


def _coordinated_modifier(m: RawMention) -> bool:
    """A state written as one conjunct of a modifier ("A and X cooperation", "B, X and Y forces"): the
    coordination it is part of runs right up to a noun that is no place, a date or a name. The parse
    often hangs such a conjunct on the first one, not on the noun, so ``_as_modifier`` misses it."""
    if m.span is None:
        return False
    root = m.span.root
    top = root
    while top.dep_ == "conj" and top.head.i < top.i:
        top = top.head
    group, todo = [], [top]
    while todo:
        t = todo.pop()
        group.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    if len(group) < 2 or root not in group:
        return False
    last = max(t.i for t in group)
    doc = root.doc
    if last + 1 >= len(doc) or m.span.end < len(doc) and doc[m.span.end].tag_ == "POS":
        return False
    after = doc[last + 1]
    return after.pos_ in ("NOUN", "PROPN") and after.ent_type_ in ("", "ORG", "NORP") \
        and after.dep_ != "conj" and after not in group


def _drop_coordinated_modifier_states(clusters: dict[str, "Cluster"]) -> None:
    """A state named only as a modifier, once at least in a coordination ("A and X cooperation"),
    is used as an adjective: drop_adjectival_states reads a plain modifier but not a conjunct, so
    the conjunct mentions go here; a cluster left with no mention is no entity (round 18)."""
    for key, c in list(clusters.items()):
        if c.kind != "Country" or not c.mentions:
            continue
        coord = [m for m in c.mentions if not _as_modifier(m) and _coordinated_modifier(m)]
        if not coord or not all(_as_modifier(m) or m in coord for m in c.mentions):
            continue
        c.mentions = [m for m in c.mentions if m not in coord]
        if not c.mentions:
            del clusters[key]


def _drop_lone_word_people(clusters: dict[str, "Cluster"]) -> None:
    """A person named by one word only, each time with nothing that says it is a person (no title,
    no honorific, no role beside it, no "said", no fuller name the word is short for), is the
    model's guess alone: a product, a unit's acronym, a people, an exercise or a word at a
    sentence's start. Such a cluster is no entity."""
    for key, c in list(clusters.items()):
        named = [m for m in c.mentions if m.kind != "Description"]
        if c.kind == "Person" and named and all(m.hint.get("lone_word") for m in named):
            del clusters[key]


@functools.lru_cache(maxsize=1)
def _named_thing_words() -> tuple[frozenset, frozenset, frozenset]:
    """titles.yaml operation_nouns ("operation", "exercise"), signed_text_heads ("agreement", ...) and
    document_heads ("partnership", "initiative", ...)."""
    data = _titles_yaml()
    return frozenset(data.get("operation_nouns", [])), frozenset(data.get("signed_text_heads", [])), \
        frozenset(data.get("document_heads", []))


_CALLED = frozenset(["called", "named", "dubbed", "codenamed", "code-named"])


def _operation_names(mentions: list[RawMention]) -> set[str]:
    """The initials of every "Operation X Y" the report writes (in the paragraphs its mentions come
    from): an acronym of these letters is the operation's ("in support of Operation X Y (OXY) ... as
    they support OXY")."""
    out: set[str] = set()
    for doc in {id(m.span.doc): m.span.doc for m in mentions if m.span is not None}.values():
        for t in doc:
            if t.text != "Operation":
                continue
            j = t.i + 1
            while j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper() and j - t.i <= 4:
                j += 1
            if j - t.i >= 2:
                out.add("".join(w.text[0] for w in doc[t.i:j]))
    return out


def _names_an_operation(m: RawMention, acronyms: set[str]) -> bool:
    """The mention is a military operation's name: after the word "Operation" or holding it first
    ("Operation X Y" with NER's name "X Y"), after an operation noun and a comma at a clause's end ("in
    the operation, X Y."; not "after the operation, X Y said": a subject), after "an exercise called",
    or the acronym of an operation the report names."""
    s = m.span
    if s is None:
        return False
    doc = s.doc
    ops = _named_thing_words()[0]
    if len(s) >= 2 and s[0].text == "Operation" or s.start > 0 and doc[s.start - 1].text == "Operation":
        return True
    if s.text in acronyms and s.text.isupper() and len(s) == 1:
        return True
    i = s.start - 1
    if i >= 1 and doc[i].lower_ in _CALLED and doc[i - 1].lower_ in ops:
        return True  # "an exercise called X"
    return i >= 1 and doc[i].text == "," and doc[i - 1].lower_ in ops and doc[i - 1].is_lower \
        and s.root.dep_ not in ("nsubj", "nsubjpass") and (s.end >= len(doc) or doc[s.end].text in (".", ",", ";", ")"))


def _modifies_a_signed_text(m: RawMention) -> bool:
    """The mention is only the modifier of a signed text's noun ("the X agreements", "the Y peace
    accords", "the Z Agreements"), lower-case words or none between."""
    s = m.span
    if s is None:
        return False
    heads = _named_thing_words()[1]
    root = s.root
    if root.dep_ not in ("compound", "amod", "nmod"):
        return False
    head = root.head
    while head.lower_ not in heads and head.dep_ == "compound" and head.head.i > head.i and head.is_lower:
        head = head.head  # ("Y peace accords": through "peace")
    if head.lower_ not in heads or head.i < s.end:
        return False
    return all(t.is_lower for t in s.doc[s.end:head.i])


def _names_a_text(m: RawMention) -> bool:
    """The mention is a text's, a plan's or a programme's name that opens on its kind ("the Partnership
    for X", "the Initiative on Y", "Treaty of Z"): a document head, then "for", "on" or "of"."""
    s = m.span
    if s is None:
        return False
    words = [t for t in s if t.lower_ != "the"]
    return len(words) >= 3 and words[0].text[:1].isupper() and words[0].lower_ in _named_thing_words()[2] \
        and words[1].lower_ in ("for", "on", "of")


def _drop_named_things(clusters: dict[str, "Cluster"]) -> None:
    """A name that is a military operation's or a signed text's names no actor and no place (GUIDELINES:
    actors and places). A person or body to the model, with no lexicon entry, one of whose mentions
    names an operation ("Operation X Y" and then "X Y said to be ..."), is that operation; a place
    or a body every mention of which is an operation's name, a signed text's modifier ("the X
    agreements") or a programme's name ("the Partnership for Y") is no place and no actor of the report.
    A place named also otherwise ("talks in X") stays."""
    acronyms = None
    for key, c in list(clusters.items()):
        if c.entry is not None or c.kind not in ("Person", "Organization", "Location"):
            continue
        named = [m for m in c.mentions if m.kind != "Description"]
        if not named:
            continue
        if acronyms is None:
            acronyms = _operation_names([m for x in clusters.values() for m in x.mentions])
        ops = [_names_an_operation(m, acronyms) for m in named]
        if c.kind != "Location" and any(ops) or all(o or _modifies_a_signed_text(m) or _names_a_text(m)
                                                    for o, m in zip(ops, named)):
            del clusters[key]


@functools.lru_cache(maxsize=1)
def _people_names() -> frozenset:
    """titles.yaml people_names: "Yezidis", "Kurds", ... (peoples that are no state), lower-cased."""
    return frozenset(w.lower() for w in _titles_yaml().get("people_names", []))


def _a_people(text: str, gaz: Optional[Gazetteer]) -> bool:
    """The name is a people's, in the plural a text uses for its members: its last word (or its last two,
    "South Xians") a state's plural demonym ("Xians": a demonym ending in -s that is not the state's name
    or one of its aliases), or a listed people ("the Yezidis"); capitalised words before it only
    qualify it ("Kosovar Xians", "largely Muslim Uyghurs")."""
    words = _clean_surface(text).split()
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if words[-1].lower() in _people_names():
        return True
    if gaz is None:
        return False
    for tail in (" ".join(words[-2:]), words[-1]) if len(words) >= 2 else (words[-1],):
        country = gaz.country(tail)
        if country is not None and tail.endswith("s") and tail in country.demonyms \
                and tail != country.name and tail not in country.aliases:
            return True
    return False


def _drop_peoples(clusters: dict[str, "Cluster"], gaz: Optional[Gazetteer] = None) -> None:
    """A place or a body every mention of which names a people ("an alliance of Xians, Yezidis and
    Kurds", "the Kosovar Xians") is neither (GUIDELINES: actors and places; a people is a community,
    not a body, and is no place). Not a lexicon's entry, and not an armed group, a force or a state
    (the gold calls a state's soldiers "the Xians" and a state "the Xians" at times)."""
    for key, c in list(clusters.items()):
        if c.entry is not None or c.kind not in ("Location", "Organization"):
            continue
        named = [m for m in c.mentions if m.kind != "Description"]
        if named and all(_a_people(m.text, gaz) for m in named):
            del clusters[key]


@functools.lru_cache(maxsize=1)
def _unit_words() -> tuple[frozenset, frozenset]:
    """titles.yaml unit_echelons ("brigade", ...) and unit_kind_words ("armored", "combat", ...)."""
    data = _titles_yaml()
    return frozenset(data.get("unit_echelons", [])), frozenset(data.get("unit_kind_words", []))


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10}


def _unit_parts(text: str, gaz: Optional[Gazetteer] = None) -> Optional[tuple]:
    """A unit's name read as (number, echelon, kind words, parent, nickname): "the 3rd Brigade Combat Team,
    1st X Division" -> (3, "brigade", {"combat", "team"}, "1st x division", None); "the Dagger Brigade" ->
    (None, "brigade", set(), None, "dagger"). None for a name with no echelon noun, or with words that are
    neither a number, a kind word nor (for a nickname) capitalised words that name no state or place."""
    echelons, kinds = _unit_words()
    head, _, parent = text.partition(",")
    words = [w for w in re.split(r"\s+", head.strip()) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    at = next((i for i, w in enumerate(words) if w.lower() in echelons), None)
    if at is None or at == 0 and len(words) == 1:
        return None
    number, kind, nick = None, set(), []
    for w in words:
        lw = w.lower()
        m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", lw)
        if m:
            number = number or int(m.group(1))
        elif lw in _ORDINAL_WORDS:
            number = number or _ORDINAL_WORDS[lw]
        elif lw in kinds:
            kind.add(lw)
        elif w[:1].isupper() and w.isalpha():
            nick.append(lw)
        else:
            return None
    echelon = words[at].lower()
    kind.discard(echelon)
    if number is not None:
        return (number, echelon, frozenset(kind), norm(parent) or None, None) if not nick else None
    if not nick or parent.strip():
        return None
    name = " ".join(nick)
    place = gaz.lookup(name.title()) if gaz is not None else None
    if gaz is not None and (gaz.country(name.title()) is not None or place is not None and norm(place.name) == name):
        return None  # "the Xian Brigade", "the Y Brigade" named for its town (by that very name): no nickname
    return (None, echelon, frozenset(kind), None, name)


def _armed_by_most_mentions(clusters: dict[str, "Cluster"]) -> None:
    """A body joined from several names ("the X Democratic Forces (XDF)", "the Y Courts Union" beside "the Y
    Courts") whose mentions the text mostly calls armed ("fighters loyal to the Y Courts", "the XDF seized the
    town") is that armed actor: the type most mentions have, not the one the first name's words gave
    (round 24; only with no lexicon entry)."""
    for c in clusters.values():
        if c.kind != "Organization" or c.entry is not None:
            continue
        kinds = Counter(m.kind for m in c.mentions if m.kind != "Description")
        armed = max(("ArmedGroup", "ArmedForce"), key=lambda k: kinds.get(k, 0))
        if kinds.get(armed, 0) > kinds.get("Organization", 0):
            c.kind = armed


@functools.lru_cache(maxsize=1)
def _phrase_words() -> tuple[dict, dict, frozenset, dict]:
    """titles.yaml phrase_heads_after ("gang", "task force", "regency"), phrase_heads_appos ("alliance",
    "group"), phrase_armed_modifiers ("rebel", "armed") and phrase_own_tails ("armed force")."""
    data = _titles_yaml()
    return dict(data.get("phrase_heads_after", {})), dict(data.get("phrase_heads_appos", {})), \
        frozenset(data.get("phrase_armed_modifiers", [])), dict(data.get("phrase_own_tails", {}))


_APPOS_STOPS = frozenset([",", ".", ";", ":", "(", ")", "and", "or", "which", "that", "who"])


def _head_after(m: RawMention) -> Optional[str]:
    """The type a lower-case head noun right after the name gives it ("the X gang", "the Y task force",
    "Z regency": the name is that noun's modifier)."""
    after, _, _, tails = _phrase_words()
    words = [t for t in m.span if t.is_alpha]
    for n in (2, 1):
        if len(words) > n and words[-n].text[:1].isupper() and " ".join(t.lower_ for t in words[-n:]) in tails:
            return tails[" ".join(t.lower_ for t in words[-n:])]  # "the X Armed Force"
    doc = m.span.doc
    for n in (2, 1):
        if m.span.end + n > len(doc):
            continue
        words = doc[m.span.end:m.span.end + n]
        if not all(t.is_lower and t.is_alpha for t in words):
            continue
        kind = after.get(" ".join(t.lower_ for t in words))
        if kind is None:
            continue
        nxt = doc[m.span.end + n] if m.span.end + n < len(doc) else None
        if nxt is not None and nxt.is_lower and nxt.pos_ in ("NOUN", "PROPN"):
            return None  # "the X gang leader": the noun is itself a modifier
        return kind
    return None


def _head_in_apposition(m: RawMention) -> Optional[str]:
    """The type an apposition after the name gives it: "X, a Turkey-backed rebel alliance, said" (its head
    a kind of group or force, a word before the head saying the kind is armed)."""
    _, appos, armed, _ = _phrase_words()
    doc = m.span.doc
    i = m.span.end
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("a", "an"):
        return None
    mods = []
    for j in range(i + 2, min(len(doc), i + 9)):
        t = doc[j]
        if t.text in _APPOS_STOPS or t.lower_ in _APPOS_STOPS:
            return None
        kind = appos.get(t.lower_) if t.is_lower else None
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if kind is not None and not (nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN"):
            words = {w for t2 in mods for w in t2.lower_.split("-")}
            return kind if words & armed else None
        mods.append(t)
    return None


@functools.lru_cache(maxsize=1)
def _claim_words() -> tuple[frozenset, frozenset, frozenset]:
    """titles.yaml claim_words ("claimed"), signed_words ("signed") and claimed_things ("attack")."""
    data = _titles_yaml()
    return frozenset(data.get("claim_words", [])), frozenset(data.get("signed_words", [])), \
        frozenset(data.get("claimed_things", []))


def _claims_attacks(m: RawMention, kind: str) -> Optional[str]:
    """"The attack was claimed by the X" (an attack named before it in its sentence): X is an armed group;
    "leaflets signed by the X" too when the model called X a person (no person's name takes "the"). ("X
    claimed responsibility" was read as armed before this round.)"""
    claimed, signed, things = _claim_words()
    doc, s = m.span.doc, m.span.start
    the = s >= 1 and doc[s - 1].lower_ == "the"
    k = s - 1 - the
    if k >= 1 and doc[k].lower_ == "by":
        verb = doc[k - 1].lower_
        attack = any(t.lower_ in things for t in doc[m.span.sent.start:k - 1]) \
            if verb in claimed else False
        if attack or verb in signed and the and kind == "Person":
            return "ArmedGroup"
    return None


def _type_by_own_phrase(clusters: dict[str, "Cluster"]) -> None:
    """A name the model called a person or a body takes the type its own phrase gives it (round 25): the
    head noun it modifies ("the X gang" an armed group, "the Y task force" a force, "Z village" a place) or
    an apposition after it ("W, a rebel alliance"). Only names with no lexicon entry; every mention's cue
    must agree, and the type then holds for the whole name (one name, one type). An apposition may also
    make a place-typed name armed ("V, an armed group"); a head noun after a place never does ("the V
    militia" is V's)."""
    for c in clusters.values():
        if c.entry is not None or c.kind not in ("Person", "Organization", "Location"):
            continue
        cues = set()
        for m in c.mentions:
            if m.kind == "Description" or m.hint.get("entry") is not None:
                continue
            after = _head_after(m) if c.kind != "Location" else None
            appos = _head_in_apposition(m)
            claim = _claims_attacks(m, m.kind) if c.kind != "Location" else None
            cues.update(k for k in (after, appos, claim) if k is not None)
        if len(cues) != 1:
            continue
        kind = cues.pop()
        if kind == c.kind or (c.kind == "Location" and kind == "Location"):
            continue
        c.kind, c.subtype = kind, None
        if kind != "Location":
            c.place = None
        for m in c.mentions:
            if m.kind != "Description":
                m.kind = kind


def _join_bare_services(clusters: dict[str, "Cluster"]) -> None:
    """A state's service named bare ("Coast Guard", "the Guard") beside the one armed force whose name ends
    with it ("the United States Coast Guard", "the National Guard"; of several, the one shortest name
    whose others all end with it): one force, under its full name."""
    forces = [c for c in clusters.values() if c.kind == "ArmedForce"]
    for short in [c for c in clusters.values() if c.kind in ("ArmedForce", "Organization") and c.entry is None]:
        names = {norm(m.text) for m in short.mentions if m.kind != "Description"}
        if len(names) != 1 or short.key not in clusters:
            continue
        word = next(iter(names))
        if not word or len(word.split()) > 2 or not (short.hints.get("branch") or word == "guard"):
            continue
        longs = [c for c in forces if c is not short and c.key in clusters
                 and any(n.endswith(" " + word) for n in _name_keys(c))]
        if not longs:
            continue
        shortest = min(longs, key=lambda c: min(len(n) for n in _name_keys(c) if n.endswith(" " + word)))
        base = min((n for n in _name_keys(shortest) if n.endswith(" " + word)), key=len)
        if all(any(n.endswith(base) for n in _name_keys(c)) for c in longs):
            short.kind = "ArmedForce"
            _join(clusters, shortest, short)


def _one_unit_per_report(clusters: dict[str, "Cluster"], gaz: Optional[Gazetteer] = None) -> None:
    """One unit a report names several ways is one entity (round 24, as round 23's one name, one entity):
    - by its number and echelon in full and short ("the 2nd Brigade, 1st X Division", "the 2nd Armored
      Brigade Combat Team", "the 2nd Armored Brigade Combat Team, 1st Y Division"): the same number and
      echelon, kind words of one within the other's, no two different parents;
    - by a nickname ("the Dagger Brigade", no number) and the one numbered unit of that echelon the report
      names (two numbered brigades: the nickname is left alone).
    Only armed forces with no lexicon entry, of no two different states."""
    units = []
    for c in clusters.values():
        if c.kind != "ArmedForce" or c.entry is not None:
            continue
        parts = {_unit_parts(m.text, gaz) for m in c.mentions if m.kind != "Description" and not m.hint.get("inside")}
        parts.discard(None)
        if len(parts) == 1 or parts and len({(p[0], p[1], p[4]) for p in parts}) == 1:
            units.append((c, sorted(parts, key=lambda p: (len(p[2]), p[3] or ""))[-1]))

    def fits(a, b) -> bool:
        (ca, pa), (cb, pb) = a, b
        if ca.country and cb.country and ca.country != cb.country:
            return False
        if pa[0] != pb[0] or pa[1] != pb[1] or pa[3] and pb[3] and pa[3] != pb[3]:
            return False
        return pa[2] <= pb[2] or pb[2] <= pa[2]
    numbered = [u for u in units if u[1][0] is not None]
    for i, a in enumerate(numbered):
        for b in numbered[i + 1:]:
            if a[0].key in clusters and b[0].key in clusters and a[0] is not b[0] and fits(a, b):
                into, other = (a, b) if (a[1][3] is not None, len(a[0].mentions)) >= (b[1][3] is not None, len(b[0].mentions)) else (b, a)
                _join(clusters, into[0], other[0])
    live = [u for u in numbered if u[0].key in clusters]
    for c, p in [u for u in units if u[1][0] is None]:
        same = [u for u in live if u[1][1] == p[1] and not (u[0].country and c.country and u[0].country != c.country)]
        if len(same) == 1 and c.key in clusters:
            _join(clusters, same[0][0], c)


_POSSESSIVES = ("'s", "’s", "'", "’")


def _merge_bracketed_acronyms(clusters: dict[str, "Cluster"]) -> None:
    """"the National Police of X (PNX)": an acronym in brackets right after a body's, force's or
    group's name is that name's, whatever language its letters come from (the initials rule of
    ``_merge_short_forms`` misses an acronym of the name in another language). Not after a place
    ("CITY (AFP) -": the outlet) and not a listed actor (the lexicon knows what it names)."""
    actors = ("Organization", "ArmedGroup", "ArmedForce")
    by_end = {}
    for c in clusters.values():
        if c.kind in actors:
            for m in c.mentions:
                end = m.span.end  # ("X Command's (XCOM's)": the possessive on both sides, round 32)
                by_end[(id(m.span.doc), end + (end < len(m.span.doc) and m.span.doc[end].text in _POSSESSIVES))] = c
    for short in list(clusters.values()):
        m = short.mentions[0]
        doc, i = m.span.doc, m.span.start
        after = m.span.end + (m.span.end < len(doc) and doc[m.span.end].text in _POSSESSIVES)
        if short.entry is not None or short.kind not in actors or len(m.span) != 1 or not m.text.isupper() \
                or i < 2 or doc[i - 1].text != "(" or after >= len(doc) or doc[after].text != ")":
            continue
        long = by_end.get((id(doc), i - 1))
        if long is None or long is short or short.key not in clusters or long.key not in clusters:
            continue
        long.mentions.extend(short.mentions)
        del clusters[short.key]


def _state_of_body(m: RawMention, gaz: Gazetteer) -> tuple[Optional[str], str]:
    """The state a body's mention names it with ("the Xian Defence Ministry", "X's Defence Ministry";
    none in "the Defence Ministry") and the body's words without the state."""
    span, doc = m.span, m.span.doc
    for n in (3, 2, 1):
        if len(span) > n:
            country = gaz.country(span[:n].text)
            if country is not None:
                return country.code, norm(span[n:].text)
    i = span.start
    if i >= 2 and doc[i - 1].text in ("'s", "’s"):
        for n in (3, 2, 1):
            if i - 1 - n >= 0 and not any(t.is_punct for t in doc[i - 1 - n:i - 1]) \
                    and gaz.country(doc[i - 1 - n:i - 1].text) is not None:
                m.hint.setdefault("bare", doc[i - 1 - n:span.end].text)  # "X's Defence Ministry", as told
                m.hint["state_voice"] = True
                return gaz.country(doc[i - 1 - n:i - 1].text).code, norm(span.text)
    return None, norm(span.text)


def _merge_state_bodies(clusters: dict[str, "Cluster"], gaz: Gazetteer) -> None:
    """"the Xian defence ministry", "X's Defence Ministry" and "the Defence Ministry": one body of the
    state X, however the state is told. A bare name joins only where one state's body has it."""
    groups: dict[str, dict[Optional[str], list[Cluster]]] = {}
    for c in sorted(clusters.values(), key=lambda c: c.first):
        if c.kind != "Organization" or c.entry is not None or not c.key.startswith("state-body:"):
            continue
        _, code, core = c.key.split(":", 2)
        groups.setdefault(core, {}).setdefault(code or None, []).append(c)
    for by_state in groups.values():
        states = [code for code in by_state if code is not None]
        if len(states) == 1 and None in by_state:
            by_state[states[0]].extend(by_state.pop(None))
        for members in by_state.values():
            first, *rest = sorted(members, key=lambda c: c.first)
            for other in rest:
                if other.key in clusters and first.key in clusters and other is not first:
                    first.mentions.extend(other.mentions)
                    del clusters[other.key]


#: Words between "known by/as" and the acronym a name is told by ("known by their French acronym X").
_ACRONYM_WORDS = frozenset(["its", "their", "the", "acronym", "initials", "abbreviation", "french", "arabic",
                            "spanish", "portuguese", "local", "english"])


def _merge_acronyms_told(clusters: dict[str, "Cluster"]) -> None:
    """"the National X Forces, known by their French acronym NXF": the acronym is that name's, as a
    bracketed one is (``_merge_bracketed_acronyms``), and where the lexicon knows the acronym the
    name (in another language than the lexicon's) joins that actor and takes its type."""
    actors = ("Organization", "ArmedGroup", "ArmedForce")
    by_start = {}
    for c in clusters.values():
        if c.kind in actors:
            for m in c.mentions:
                if len(m.span) == 1 and m.text.isupper():
                    by_start[(id(m.span.doc), m.span.start)] = c
    for long in list(clusters.values()):
        if long.entry is not None or long.kind not in actors or long.key not in clusters:
            continue
        for m in long.mentions:
            doc, j = m.span.doc, m.span.end
            if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ != "known" \
                    or doc[j + 2].lower_ not in ("as", "by"):
                continue
            k = j + 3
            while k < len(doc) and k < j + 7 and doc[k].lower_ in _ACRONYM_WORDS:
                k += 1
            short = by_start.get((id(doc), k))
            if short is None or short is long or short.key not in clusters:
                continue
            short.mentions.extend(long.mentions)
            del clusters[long.key]
            break


@functools.lru_cache(maxsize=1)
def _force_name_openers() -> tuple[tuple[str, ...], ...]:
    """titles.yaml force_name_openers: "Task Force" before a force's own name."""
    return tuple(tuple(p.split()) for p in _titles_yaml().get("force_name_openers", []))


def _merge_force_short_names(clusters: dict[str, "Cluster"]) -> None:
    """"Task Force Blue Sky ... Blue Sky helped": a force named with its opener (titles.yaml
    force_name_openers) is also called by its own name after it; a cluster no lexicon knows so called
    (NER types it a person or a place) is that force (round 29)."""
    openers = _force_name_openers()
    if not openers:
        return
    short: dict[str, Cluster] = {}
    for c in clusters.values():
        if c.kind != "ArmedForce":
            continue
        for m in c.mentions:
            words = m.text.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            for op in openers:
                if tuple(words[:len(op)]) == op and len(words) > len(op) and not words[len(op)].isdigit():
                    short.setdefault(norm(" ".join(words[len(op):])), c)
    if not short:
        return
    for c in list(clusters.values()):
        if c.entry is not None or c.kind == "ArmedForce" or c.key not in clusters:
            continue
        keys = {norm(m.text) for m in c.mentions}
        force = short.get(next(iter(keys))) if len(keys) == 1 else None
        if force is None or force is c or force.key not in clusters:
            continue
        force.mentions.extend(c.mentions)
        del clusters[c.key]


@functools.lru_cache(maxsize=1)
def _provinces_once() -> frozenset[str]:
    """titles.yaml provinces_once: the ISO codes of states that were once a province of another."""
    return frozenset(_titles_yaml().get("provinces_once") or ())


_PROVINCE = re.compile(r"\b(former\s+|ex-)?province\b", re.I)


def _told_as_province(docs: list, name: str) -> bool:
    """Whether a report (its parsed paragraphs) tells ``name`` as a province: "the province", or
    "province" in a paragraph naming it ("X, a southern province of Y"); not "former province"."""
    for doc in docs:
        text = doc.text
        for m in _PROVINCE.finditer(text):
            if m.group(1):
                continue  # "Y's former province": told as no province today
            if text[max(0, m.start() - 4):m.start()].lower() == "the " or name in text:
                return True
    return False


def _provinces_told(clusters: dict[str, "Cluster"], gaz: Gazetteer) -> None:
    """A state that was once a province of another (titles.yaml provinces_once), in a report that calls
    it a province, is a place there, not a state (round 29: the golds type it by the years told)."""
    codes = _provinces_once()
    states = [c for c in clusters.values() if c.kind == "Country" and c.country in codes] if codes else []
    if not states:
        return
    docs = list({id(m.span.doc): m.span.doc for c in clusters.values() for m in c.mentions}.values())
    for c in states:
        country = gaz.country_by_code(c.country)
        if _told_as_province(docs, country.name if country is not None else c.mentions[0].text):
            c.kind = "Location"
            for m in c.mentions:
                m.kind = "Location"


_INITIALS_SKIP = frozenset(["of", "the", "and", "for", "de", "du", "des", "la", "le"])


def _name_initials(text: str) -> str:
    """"the Xland Armed Forces" -> "XAF": the first letters of a name's words, its small words left out."""
    words = [w for w in re.split(r"[\s\-]+", _clean_surface(text)) if w and w.lower() not in _INITIALS_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _merge_initials(clusters: dict[str, "Cluster"]) -> None:
    """"The Xland Armed Forces has deployed ... The XAF urges residents": an acronym no lexicon knows and
    no bracket explains, the initials of exactly one actor of the report named in full (three words or
    more), is that actor (round 29: NER types the acronym a body)."""
    actors = ("Organization", "ArmedForce", "ArmedGroup")
    full: dict[str, set[str]] = {}
    for c in clusters.values():
        if c.kind not in actors:
            continue
        for m in c.mentions:
            if len(_clean_surface(m.text).split()) >= 3:
                full.setdefault(_name_initials(m.text), set()).add(c.key)
    if not full:
        return
    for c in list(clusters.values()):
        if c.kind not in actors or c.entry is not None or c.key not in clusters:
            continue
        texts = {_clean_surface(m.text) for m in c.mentions}
        if len(texts) != 1:
            continue
        acronym = next(iter(texts))
        if not (2 <= len(acronym) <= 5 and acronym.isalpha() and acronym.isupper()):
            continue
        keys = full.get(acronym, set()) - {c.key}
        if len(keys) != 1 or next(iter(keys)) not in clusters:
            continue
        target = clusters[next(iter(keys))]
        for m in c.mentions:
            m.kind = target.kind
        target.mentions.extend(c.mentions)
        del clusters[c.key]


def _merge_appositions(clusters: dict[str, "Cluster"]) -> None:
    """"the Xian force in Y, XFOR, confirmed ...": a listed actor in apposition with an actor
    of its type the lexicon does not know (a description) is that actor, and so is every other
    mention of the description's cluster ("the ... troops", "... forces")."""
    actors = ("Organization", "ArmedGroup", "ArmedForce")
    at = {}
    for c in clusters.values():
        if c.kind in actors and c.entry is None:
            for m in c.mentions:
                for i in range(m.span.start, m.span.end):
                    at[(id(m.span.doc), i)] = c
    for named in list(clusters.values()):
        if named.entry is None or named.kind not in actors or named.key not in clusters:
            continue
        for m in named.mentions:
            root = m.span.root
            if root.dep_ != "appos":
                continue
            head = root.head
            other = at.get((id(m.span.doc), head.i))
            if other is None and head.dep_ == "pobj" and head.head.dep_ == "prep":
                other = at.get((id(m.span.doc), head.head.head.i))  # "the X force in Y, XFOR": hung on Y
            if other is None or other is named or other.kind != named.kind or other.key not in clusters:
                continue
            named.mentions.extend(other.mentions)
            del clusters[other.key]
            break


def _merge_people_into_groups(clusters: dict[str, "Cluster"]) -> None:
    """"X rebels" beside a group of the lexicon: a group named by its people is the one armed group
    of the lexicon in the article that the lexicon says is of that people (its subtype, name or an
    alias names them: subtype "X rebel", alias "X Tigers"); with none, or several, it stays its own."""
    listed = [c for c in clusters.values() if c.kind == "ArmedGroup" and c.entry is not None]
    for c in [c for c in clusters.values() if c.kind == "ArmedGroup" and c.entry is None and c.hints.get("people")]:
        word = re.compile(rf"\b{re.escape(c.hints['people'].lower())}\b")
        of_people = [g for g in listed if any(word.search(t.lower()) for t in (*_entry_names(g.entry), g.entry.subtype or ""))]
        if len(of_people) == 1:
            of_people[0].mentions.extend(c.mentions)
            del clusters[c.key]


def _merge_names_of_fighters(clusters: dict[str, "Cluster"]) -> None:
    """"the X" said alone beside "X rebels" (a name typed a group because it is written before
    fighters, ``_names_of_fighters``): one group, the one the report describes as "X rebels"."""
    for c in [c for c in clusters.values() if c.kind == "ArmedGroup" and c.hints.get("fighters_name")]:
        word = re.compile(rf"(?:the\s+)?{re.escape(c.hints['fighters_name'])}\s+\w+", re.IGNORECASE)
        described = [g for g in clusters.values() if g is not c and g.kind == "ArmedGroup" and any(
            word.fullmatch(m.text.strip()) for m in g.mentions)]
        if len(described) == 1:
            described[0].mentions.extend(c.mentions)
            del clusters[c.key]


def _entry_names(entry) -> tuple[str, ...]:
    return (entry.name, *entry.aliases)


_TOWN_FRAME = re.compile(r"(?i)\b(?:city|town|village|capital|outskirts|centre|center)\s+of\s+(?:the\s+)?$")


def _merge_bases_and_towns(clusters: dict[str, "Cluster"]) -> None:
    """"Qayara" beside "Qayara air base": the base, unless the town is a subject of its own.

    A bare name that is said more often than the base's full name, or that is called a town
    or city, is the town ("the city of X" ... "X airport"); otherwise the few bare
    mentions are short forms of the base.
    """
    for base in [c for c in clusters.values() if c.subtype == "MilitaryBase"]:
        key = base.key[len("base:"):]
        town = next((c for k, c in clusters.items() if c.kind == "Location" and c is not base
                     and c.subtype != "MilitaryBase"
                     and (norm(c.mentions[0].text) == key
                          or (c.place is not None and base.place is not None
                              and c.place.geonames_id and c.place.geonames_id == base.place.geonames_id))),
                    None)
        if town is None:
            continue
        called_town = any(_TOWN_FRAME.search(m.sentence.text[: m.start - m.sentence.start]) for m in town.mentions)
        if called_town or len(town.mentions) > len(base.mentions):
            continue
        base.mentions.extend(town.mentions)
        del clusters[town.key]


#: A town outside every state the article names is taken only from this size on (capitals and
#: cities a report may name in passing); a smaller one is a namesake of a town the gazetteer does not list.
FOREIGN_TOWN_MIN = 100_000
#: A city this large is known abroad by its name (round 25: never refused as far from its article).
WORLD_CITY_MIN = 1_000_000


def _plausible(name: str, place: Place, hints: list[str]) -> bool:
    """A spelling-variant match far from the article's countries is a coincidence, not a place; so is
    a small town of the same name in a state the article never names ("X" of a report on Y's war
    found only as a village in Z)."""
    if place.country_code in hints or not hints or place.feature_class in ("A", "L"):
        return True
    if place.feature_class == "P" and place.geonames_id and place.population < FOREIGN_TOWN_MIN:
        return False
    a = light(strip_article(normalize(name)))
    b = light(strip_article(normalize(place.name)))
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8


def _own_name(name: str, place: Place) -> bool:
    """The place's own name is this name (with or without an Arabic article), not a look-alike of it."""
    a, b = normalize(_clean_surface(name)), normalize(place.name)
    return a == b or strip_article(a) == strip_article(b)


def _retype_by_majority(mentions: list[RawMention], gaz: Optional[Gazetteer] = None) -> None:
    """NER may call one name a person in one sentence and a place in the next: one name, one type.

    A surname of a person named in full stays a person ("Doe said" after "Jane Doe"), and so does
    the full name where NER calls it an organisation;
    even where the gazetteer knows a town of that name; otherwise a name that is a place in
    one sentence (by its frame, not by a gazetteer guess) is a place in all of them.
    """
    full = [m for m in mentions if m.kind == "Person" and len(norm(m.text).split()) >= 2]
    surnames = {_surname_key(m.text) for m in full} | {norm(m.text).split()[-1] for m in full}
    # a given or middle name of one person only ("X" of "X Y", "Z X Y"), said alone, is that person
    given = Counter(w for n in {norm(m.text) for m in full} for w in set(n.split()[:-1]) if len(w) > 2)
    surnames |= {w for w, n in given.items() if n == 1}
    # a name said with an honorific or a title ("Mr. X", "General Y") is a person's too
    surnames |= {norm(m.text) for m in mentions if m.kind == "Person" and len(norm(m.text).split()) == 1
                 and (m.hint.get("title") or m.hint.get("honorific"))}
    places = {norm(m.text) for m in mentions if m.kind == "Location" and not m.hint.get("guessed")}
    full_names = {norm(m.text) for m in full}
    # a building's name said after a locative ("at the Y Museum"): the building in every sentence
    facilities = {norm(m.text) for m in mentions if m.kind == "Location" and m.subtype == "Facility"
                  and len(norm(m.text).split()) >= 2}
    _rejoin_place_tails(mentions, surnames)
    for m in mentions:
        key = norm(m.text)
        if m.kind == "Organization" and m.hint.get("entry") is None and key in full_names:
            m.kind = "Person"  # "V-O-A's Jane Roe reports" after "By Jane Roe": the reporter, not a body
            m.hint = {}
            continue
        is_surname = len(key.split()) == 1 and (key in surnames or _surname_key(m.text) in surnames)
        # a place frame ("the town of X") sets guessed=False; NER's GPE label alone is no frame
        if is_surname and (m.kind == "Location" and "base_name" not in m.hint and (
                m.hint.get("guessed", True) or gaz is not None and _no_place_named(m.text, gaz))
                           or m.kind == "Organization" and m.hint.get("entry") is None):
            m.kind = "Person"  # "Burhan said": the surname of a person already named
            m.hint = {}
        elif m.kind == "Location" and len(key.split()) == 2 and key.split()[-1] in surnames and key not in full_names \
                and "base_name" not in m.hint and gaz is not None and gaz.lookup(m.text) is None \
                and any(n.split()[-1] == key.split()[-1] for n in full_names):
            m.kind = "Person"  # "the loss of Y X" after "Z X": a person of the report's, not a place
            m.hint = {}
        elif m.kind == "Person" and key in places and not is_surname and not m.hint.get("byline"):
            m.kind = "Location"
            m.hint = {}
        elif m.kind == "Organization" and key in places and m.hint.get("entry") is None \
                and (" " not in m.text.strip() or m.span.root.dep_ == "compound" or m.hint.get("model_guess")):
            # (round 32: a name of several words NER alone calls a body, "Miners leave X Y", framed a place elsewhere)
            m.kind = "Location"  # "the X attack" after "X, 120 km from Y": the place, as a modifier
            m.hint = {}
        elif m.kind == "Organization" and key in facilities and m.hint.get("entry") is None:
            m.kind, m.subtype = "Location", "Facility"  # "the Y Museum" after "the attack at the Y Museum"
            m.hint = {"place": None}


def _only_a_patron(c) -> bool:
    """A group the report names only as other groups' patron ("an X-linked group", "the X affiliate"):
    no description of the report ("the group", "the militants") stands for it (round 20)."""
    named = [x for x in c.mentions if x.kind != "Description"]
    return bool(named) and all(x.hint.get("patron") for x in named)


def _adjective_use(m: RawMention) -> bool:
    """A state's name used as a modifier ("X troops", "X ships"): no antecedent of "the country",
    which points back to a state the report talks about, not to the owner of some troops."""
    root = m.span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= m.span.end and root.head.pos_ in ("NOUN", "PROPN")


def _no_place_named(text: str, gaz: Gazetteer) -> bool:
    """No gazetteer place is called exactly ``text``: a surname the frame "X in Y" took for a place
    ("talks with co-founder X in Y" after "Jane X") is the person's."""
    place = gaz.lookup(text)
    return place is None or light(normalize(place.name)) != light(normalize(text))


def _rejoin_place_tails(mentions: list[RawMention], surnames: set[str]) -> None:
    """NER may cut a place's first word off a second mention and call the rest a person ("Y Z"
    named as a place, then "Y" + a person "Z" in "Y Z is on the road"): a one-word person mention
    right after the words that begin a longer place of the report is that place again (not the
    surname of a person named in full)."""
    tails: dict[str, list[list[str]]] = {}
    for m in mentions:
        if m.kind == "Location":
            words = norm(m.text).split()
            if len(words) >= 2:
                tails.setdefault(words[-1], []).append(words[:-1])
    if not tails:
        return
    for m in mentions:
        key = norm(m.text)
        if m.kind != "Person" or " " in key or key not in tails or key in surnames or m.hint.get("title"):
            continue
        doc, start = m.span.doc, m.span.start
        for before in tails[key]:
            k = len(before)
            if start - k >= m.sentence.span.start and norm(doc[start - k:start].text).split() == before:
                span = doc[start - k:m.span.end]
                m.span, m.text, m.start = span, span.text, m.sentence.char(span[0])
                m.kind, m.subtype, m.hint = "Location", None, {"place": None}
                break


_SURFACE_THE = re.compile(r"^(?:the|The)\s+")
_SURFACE_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_SURFACE_SPACES = re.compile(r"\s+")


def _clean_surface(text: str) -> str:
    t = _SURFACE_THE.sub("", text.strip())
    t = _SURFACE_POSSESSIVE.sub("", t).strip()
    return _SURFACE_SPACES.sub(" ", t)


def _within(m: RawMention, gaz: Gazetteer) -> Optional[Place]:
    """"X in Y region", "X in Y province", "X, Y" (Y a division): the curated region a place is said to lie in. A
    gazetteer town of X's name in another state is then a namesake, not this place."""
    doc = m.span.doc
    i = m.span.end
    if i >= len(doc) - 1 or doc[i].lower_ not in ("in", ","):
        return None
    words = []
    for t in doc[i + 1:i + 5]:
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ"):
            break
        words.append(t.text)
    while words:
        region = gaz.region(" ".join(words))
        if region is not None and region.country_code and region.feature_class == "A":
            after = i + 1 + len(words)
            if doc[i].text == "," and after < len(doc) and (doc[after].lower_ in ("and", "or") or doc[after].text == ","
                                                            and after + 1 < len(doc) and doc[after + 1].ent_type_ in ("GPE", "LOC")):
                return None  # "X, Y and Z": a list of places, not X in Y
            return region
        words.pop()
    return None


def _bare_division(name: str) -> str:
    """"X State", "the X region" -> "x": a division's name without its word."""
    words = normalize(_clean_surface(name)).split()
    if len(words) > 1 and words[-1] in _ADMIN_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _place_key(name: str) -> str:
    """A place name compared across its mentions: "X", "the X village" and "X town" are one key."""
    words = normalize(_clean_surface(name)).split()
    if len(words) > 1 and words[-1] in _SETTLEMENT_SUFFIXES:
        words = words[:-1]
    return light(strip_article(" ".join(words)))


def _stated_countries(mentions: list[RawMention], gaz: Gazetteer) -> dict[str, object]:
    """Place names the text puts in a state in so many words: "X, Rwanda" (a dateline "X, RWANDA"
    too), "X in Rwanda", "the Rwandan village of X". Every mention of that name in the article is
    then looked up inside that state (a name the text places twice, in two states, in neither)."""
    out: dict[str, object] = {}
    clash: set[str] = set()
    by_start = {(id(m.span.doc), m.span.start): m for m in mentions}
    for m in mentions:
        if m.kind != "Location" or m.subtype == "Facility":
            continue
        state = _state_beside(m, gaz) or _holder_after_of(m, by_start, gaz)
        if state is None:
            code = _local_country_hint(m, gaz)
            state = gaz.country_by_code(code) if code else None
        if state is None:
            continue
        key = _place_key(m.hint.get("base_name") or m.text)
        if out.setdefault(key, state) is not state:
            clash.add(key)
    return {k: v for k, v in out.items() if k not in clash}


#: Nouns by which a text tells a place inside a town or a district: "X, a suburb of Y", "Y's neighbourhood
#: of X", "X, a village on the outskirts of Y" (geocoding round 30)
_QUARTER_WORDS = frozenset(["suburb", "suburbs", "neighbourhood", "neighborhood", "quarter", "district", "township",
                            "outskirts", "edge", "village", "hamlet", "town", "settlement", "locality", "area", "part"])
#: Two points farther apart than this are no town and a quarter of it, whatever the text seems to say
CONTAINER_TOWN_KM = 30.0


def _container(m: RawMention, by_start: dict) -> Optional[RawMention]:
    """The place the text puts this one in, below a state's first level (geocoding round 30):
    "X in Y's Z district", "X, in Z district" (Z a district or area, Y its province), "X, a village on the
    outskirts of Y", "X, a suburb of Y", "Y's neighbourhood of X". The mention of Z or Y, or None."""
    doc, s, e = m.span.doc, m.span.start, m.span.end

    def at(i: int) -> Optional[RawMention]:
        while i < len(doc) and (doc[i].lower_ in ("the", "a", "an") or doc[i].lower_ in _BEARING_WORDS):
            i += 1
        return by_start.get((id(doc), i))

    if e + 1 < len(doc) and (doc[e].lower_ == "in" or doc[e].text == "," and doc[e + 1].lower_ == "in"):
        first = at(e + 1 + (doc[e].text == ","))  # "X in Y's Z district", "X, in Z district"
        if first is None:
            return None
        k = first.span.end
        if k + 1 < len(doc) and doc[k].text in ("'s", "’s"):
            second = at(k + 1)
            return second if second is not None and second.kind == "Location" else None
        return first if first.kind == "Location" and _area_word(first.text) else None
    if e + 2 < len(doc) and doc[e].text == ",":  # "X, a (small) village on the outskirts of Y", "X, a suburb of Y"
        window = doc[e + 1:min(len(doc), e + 9)]
        for k, t in enumerate(window):
            if t.lower_ in ("of", "in", "near") and k >= 2 and any(w.lower_ in _QUARTER_WORDS for w in window[:k]) \
                    and all(w.lower_ in _QUARTER_WORDS or w.pos_ in ("DET", "ADJ", "ADP") for w in window[:k]):
                found = at(t.i + 1)
                return found if found is not None and found.kind == "Location" else None
            if t.is_punct:
                break
        return None
    if s >= 2 and doc[s - 1].text in ("'s", "’s") and (_area_word(m.text) or m.text.split()[-1].lower() in _QUARTER_WORDS):
        holder = next((n for (d, j), n in by_start.items() if d == id(doc) and n.span.end == s - 1), None)
        return holder if holder is not None and holder.kind == "Location" else None  # "Y's X district"
    if s >= 3 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in _QUARTER_WORDS:  # "Y's (Shia) neighbourhood of X"
        for i in range(s - 3, max(-1, s - 7), -1):
            if doc[i].text in ("'s", "’s"):
                holder = next((n for (d, j), n in by_start.items() if d == id(doc) and n.span.end == i), None)
                return holder if holder is not None and holder.kind == "Location" else None
            if doc[i].pos_ not in ("ADJ", "ADV", "PROPN", "NOUN") or doc[i].is_punct:
                break
    return None


def _area_word(name: str) -> bool:
    """"X district", "the Y county": a name with a division word below a state's first level."""
    words = name.lower().split()
    return len(words) > 1 and words[-1] in _BELOW_FIRST_LEVEL | {"district", "subdistrict", "tehsil", "upazila"}


def _place_in_containers(mentions: list[RawMention]) -> None:
    """Geocoding round 30: a place the text puts inside a district or a town (:func:`_container`) lies in
    it: the mention keeps its container (``hint["container"]``, written as the entity's ``within``, so the
    graph says ``ckg:within`` that place and fusion reads the district or the town another report names as
    holding it). A place the gazetteer lacks, or placed only in a first-level area, or at a namesake in
    another state than its container's, is the container's: in its state and first-level division, with
    no point. A town of its own more than :data:`CONTAINER_TOWN_KM` from the town that holds it keeps its
    place and gets no container."""
    by_start = {(id(m.span.doc), m.span.start): m for m in mentions if m.kind != "Description"}
    for m in mentions:
        if m.kind != "Location":
            continue
        holder = _container(m, by_start)
        if holder is None or holder is m:
            continue
        where: Optional[Place] = holder.hint.get("place")
        if where is None or not where.country_code or where.feature_class not in ("A", "P"):
            continue
        place: Optional[Place] = m.hint.get("place")
        if where.feature_class == "A" and where.feature_code == "ADM1":
            # (a first-level division: the place hierarchy says so already; a place the gazetteer left
            # unplaced, "Y's X district", is somewhere in it)
            if place is None:
                m.hint["place"] = _unlisted_in_area(_clean_surface(m.text), where)
            continue
        if place is not None and place.lat is not None and place.country_code == where.country_code:
            if where.feature_class == "P" and (where.lat is None or _km_between(place, where) > CONTAINER_TOWN_KM) \
                    or where.feature_class == "A" and place.admin1 and where.admin1 and place.admin1 != where.admin1:
                continue  # (a town of its own far from the town, or in another province than the district)
        elif place is None or place.lat is None or place.country_code != where.country_code:
            # (a village the gazetteer lacks, one placed only in its province, or a namesake abroad)
            m.hint["place"] = Place(geonames_id="", name=_clean_surface(m.text), lat=None, lon=None,  # type: ignore[arg-type]
                                    country_code=where.country_code,
                                    feature_class="A" if _area_word(m.text) else "P", feature_code=None,
                                    population=0, area=place.area if place is not None and place.area
                                    and place.country_code == where.country_code else where.name,
                                    admin1=where.admin1 or (place.admin1 if place is not None else None))
        m.hint["container"] = holder


def _km_between(a: Place, b: Place) -> float:
    from kg.extract.gazetteer import _km  # (the gazetteer's great-circle distance)

    return _km(a.lat, a.lon, b.lat, b.lon)


def _holder_after_of(m: RawMention, by_start: dict, gaz: Gazetteer):
    """"the town of X of the Y People's Republic", "the village of X of Y region": a settlement told by
    its noun, then "of" and a name the text resolved to one state: a listed group or body of one state,
    a state, or a division of one. X lies in that state (geocoding round 30: a town of a former name
    had been put at its namesake in the state the report's speaker belongs to)."""
    doc, s, e = m.span.doc, m.span.start, m.span.end
    if s < 2 or doc[s - 1].lower_ != "of" or doc[s - 2].lower_ not in _SETTLEMENTS \
            or e + 1 >= len(doc) or doc[e].lower_ != "of":
        return None
    j = e + 1 + (doc[e + 1].lower_ == "the")
    holder = by_start.get((id(doc), j))
    if holder is None:
        return None
    code = None
    if holder.kind == "Country" and holder.hint.get("country") is not None:
        code = holder.hint["country"].code
    elif holder.kind in ("ArmedGroup", "Organization") and holder.hint.get("entry") is not None:
        code = getattr(holder.hint["entry"], "country", None)
    elif holder.kind == "Location" and holder.hint.get("place") is not None \
            and holder.hint["place"].feature_class == "A":
        code = holder.hint["place"].country_code
    return gaz.country_by_code(code) if code else None


def _state_beside(m: RawMention, gaz: Gazetteer):
    """The state right after a place name: "X, Rwanda" (not a list: "X, Syria and Iraq") or "X in
    (northern) Rwanda"."""
    doc, i = m.span.doc, m.span.end
    if i + 1 < len(doc) and doc[i].lower_ == "of" and m.text.split()[-1].lower() in _ADMIN_SUFFIXES:
        return _state_at(doc, i + 1, gaz)  # "the X prefecture of (northern) Y" (round 20)
    if i + 1 >= len(doc) or doc[i].text not in (",", "in"):
        return None
    division = _division_of_state(doc, i)
    if division is not None:
        return _state_at(doc, division, gaz)  # "X, in the Z prefecture of northern Y" (round 20)
    j = i + 1
    if doc[i].text == "in" and j < len(doc) and doc[j].lower_ in _BEARING_WORDS:
        j += 1
    for k in (3, 2, 1):
        if j + k > len(doc):
            continue
        text = doc[j:j + k].text
        state = gaz.country(text)
        if state is None or _clean_surface(text) in state.demonyms and _clean_surface(text) not in state.aliases:
            continue  # (a demonym: "X, Rwandan officials said")
        after = doc[j + k] if j + k < len(doc) else None
        if after is not None and (after.lower_ in ("and", "or", "'s", "’s") or after.text == "," and j + k + 1 < len(doc)
                                  and doc[j + k + 1].ent_type_ in ("GPE", "LOC")):
            return None  # a list of places, or "X, Rwanda's capital"
        return state
    return None


def _a_division_of(name: str, code: str) -> bool:
    """"the X region" where ``code``'s state has a first-level division X (kg/data/admin1.tsv)."""
    from kg.graph.hierarchy import division_named  # (kg.graph imports kg.extract)

    words = normalize(_clean_surface(name)).split()
    return len(words) > 1 and words[-1] in _ADMIN_SUFFIXES and division_named(code, _bare_division(name)) is not None


def _division_of_state(doc, i: int) -> Optional[int]:
    """"X, in the Z prefecture of northern Y", "X in the Z district of Y": the index of the words
    after "of" when a division of a state follows the place (the division word within a few
    capitalised words), else None."""
    j = i + 1 if doc[i].text == "," else i
    if j >= len(doc) or doc[j].lower_ != "in":
        return None
    j += 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    for k in range(j, min(len(doc) - 2, j + 4)):
        if doc[k].lower_ in _ADMIN_SUFFIXES and k > j and doc[k + 1].lower_ == "of":
            return k + 2 if all(t.text[:1].isupper() for t in doc[j:k]) else None
        if not doc[k].text[:1].isupper():
            return None
    return None


def _state_at(doc, j: int, gaz: Gazetteer):
    """The state named at ``j`` ("(northern) Y"), not a list of places nor a possessive."""
    if j < len(doc) and doc[j].lower_ in _BEARING_WORDS:
        j += 1
    for k in (3, 2, 1):
        if j + k > len(doc):
            continue
        text = doc[j:j + k].text
        state = gaz.country(text)
        if state is None or _clean_surface(text) in state.demonyms and _clean_surface(text) not in state.aliases:
            continue
        after = doc[j + k] if j + k < len(doc) else None
        if after is not None and (after.lower_ in ("and", "or", "'s", "’s")):
            return None
        return state
    return None


_BEARING_WORDS = frozenset(["northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                            "southeastern", "southwestern"])


def _merge_curated_regions(clusters: dict[str, "Cluster"]) -> None:
    """Two names of one world region or sea of regions.yaml ("the Xlands" and "the X Lands", an alias
    and the name): one place. Only regions of no one state (an area of one state lists its parts as
    aliases: "North X" and "X" are two places to the gold), by the entry they found."""
    seen: dict[tuple, "Cluster"] = {}
    for c in sorted(clusters.values(), key=lambda c: c.first):
        p = c.place
        if c.kind != "Location" or p is None or p.geonames_id or p.feature_class not in ("L", "H") or p.area \
                or p.country_code \
                or c.subtype in ("MilitaryBase", "Facility"):
            continue
        key = (p.name, p.country_code, p.feature_code, p.lat, p.lon)
        first = seen.setdefault(key, c)
        if first is not c and c.key in clusters:
            first.mentions.extend(c.mentions)
            del clusters[c.key]


_DIVISIONS_BY_KEY: dict[str, dict[str, object]] = {}  # normalised name -> {country: its one division of that name}


def _divisions_in_world(gaz: Gazetteer, name: str) -> list:
    """The divisions named ``name`` that have a point, one per state of the gazetteer in its order:
    ``[d for c in gaz.countries() if (d := division_named(c.code, name)) is not None and d.lat is not None]``,
    with the name normalised once and looked up in an index by name rather than once per state."""
    from kg.graph.hierarchy import _key, _names_by_country, admin1_table  # (kg.graph imports kg.extract)

    if not _DIVISIONS_BY_KEY:
        by_name = _names_by_country()
        for (country, key), division in by_name.items():
            _DIVISIONS_BY_KEY.setdefault(key, {})[country] = division
        # GeoNames' inverted names, "X, Respublika", "Y, Comunidad de": the part before the comma is the
        # division's own name ("X" of a report), when no other division of that state bears it (round 26)
        seen: dict[tuple[str, str], object] = {}
        for division in admin1_table().values():
            head = division.name.split(",")[0].strip() if "," in division.name else ""
            k = (division.country, _key(head)) if head else None
            if k is not None and k not in by_name:
                seen[k] = division if seen.get(k, division) is division else None
        for (country, key), division in seen.items():
            if division is not None:
                _DIVISIONS_BY_KEY.setdefault(key, {}).setdefault(country, division)
    by_state = _DIVISIONS_BY_KEY.get(_key(name))
    if not by_state:
        return []
    return [d for c in gaz.countries() if (d := by_state.get(c.code.upper())) is not None and d.lat is not None]


def _admin1_divisions(pending: list[RawMention], countries: list[str], gaz: Optional[Gazetteer] = None) -> None:
    """"the X region", "Y province" that neither regions.yaml nor the city index knows: the first-level
    division of that name (kg/data/admin1.tsv) in a state the article names. A bare "X" of the same
    article is that division too, when the gazetteer's X is a town outside it (a namesake far off:
    "attacked in Z, in the X region" beside a headline's "X"); a town inside it keeps its own point
    (the city X in the X region are two places)."""
    from kg.graph.hierarchy import admin1_of_geonames, division_named  # (kg.graph imports kg.extract)

    found: dict[str, Place] = {}
    ner_places = {_place_key(m.text) for m in pending if all(t.ent_type_ in ("GPE", "LOC") for t in m.span)}
    for m in pending:
        words = _clean_surface(m.text).split()
        town = m.hint.get("place")
        if town is not None and words and gaz is not None and _after_place_comma(m) and town.feature_class == "P" \
                and town.population < FOREIGN_TOWN_MIN:
            # "Fort X, Texas": the one division of that name in the world, not a hamlet of its name
            named = _divisions_in_world(gaz, strip_article(normalize(" ".join(words))))
            if len(named) == 1:
                m.hint["place"] = None
        if m.hint.get("place") is not None or not words or m.subtype in ("MilitaryBase", "Facility"):
            continue
        suffixed = len(words) >= 2 and words[-1].lower() in _ADMIN_SUFFIXES
        if not suffixed and not (all(w[:1].isupper() for w in words) and _place_key(m.text) in ner_places):
            continue  # (a bare name NER calls a place somewhere: not "Centre" cut from "the Centre for X Studies")
        # a bare name too ("Fort X, Texas", "the Guard of North Y"): the division of that exact name
        # in a state the article names, where no town of the gazetteer was found (round 17)
        bare = strip_article(normalize(" ".join(words[:-1] if suffixed else words)))
        for code in dict.fromkeys(countries):
            d = division_named(code, bare) if code else None
            if d is not None and d.lat is not None:
                place = Place(geonames_id=d.geonames_id, name=d.label, lat=d.lat, lon=d.lon, country_code=d.country,
                              feature_class="A", feature_code="ADM1", population=0, admin1=d.code)
                m.hint["place"] = found.setdefault(bare, place)
                break
        if m.hint.get("place") is None and not suffixed and gaz is not None and _after_place_comma(m):
            # "Fort X, Texas" in a report that names no state: the one division of that name in the world
            named = _divisions_in_world(gaz, bare)
            if len(named) == 1:
                d = named[0]
                m.hint["place"] = found.setdefault(bare, Place(
                    geonames_id=d.geonames_id, name=d.label, lat=d.lat, lon=d.lon, country_code=d.country,
                    feature_class="A", feature_code="ADM1", population=0, admin1=d.code))
        if m.hint.get("place") is None and suffixed and gaz is not None:
            # "the X district", "Y territory": no division of that name, but a town X of a state the
            # article names: the area around the town, in that town's state (round 17)
            town = gaz.lookup(" ".join(words[:-1]), countries=list(dict.fromkeys(c for c in countries if c)))
            if town is not None and town.feature_class == "P" and town.country_code in countries \
                    and light(strip_article(normalize(town.name))) == light(bare):
                m.hint["place"] = Place(geonames_id="", name=_clean_surface(m.text), lat=town.lat, lon=town.lon,
                                        country_code=town.country_code, feature_class="A", feature_code=None,
                                        population=0, admin1=town.admin1)
        if m.hint.get("place") is None and suffixed and gaz is not None:
            # "the X region" in a report that names no state it fits: the one division in the world of
            # that name with that word ("X Region" among its names; round 20): "the Y department"
            # where no other state has a division so called
            whole = normalize(" ".join(words))
            named = _divisions_in_world(gaz, whole)
            if len(named) == 1:
                d = named[0]
                m.hint["place"] = found.setdefault(bare, Place(
                    geonames_id=d.geonames_id, name=d.label, lat=d.lat, lon=d.lon, country_code=d.country,
                    feature_class="A", feature_code="ADM1", population=0, admin1=d.code))
        if m.hint.get("place") is None and gaz is not None:
            # "X", "the X region" that no state the article names has: the first-level division of that
            # name when one state of the world only has one, and the article names no state, or that
            # state is a neighbour of one it names or one of its places lies in (not when it names
            # that very state: "the region" of such a report then became the division and an attack) ("the Y of X said" in a report from a
            # town of X's state that never names the state; round 26)
            # (not "X district", "Y county": a word of a lower level names no first-level division,
            # "Borgou district" is not the department; round 20's rule asks such a word among its names)
            named = _divisions_in_world(gaz, bare) if not suffixed or words[-1].lower() not in _BELOW_FIRST_LEVEL \
                else []
            if len(named) == 1 and named[0].country not in countries \
                    and (not any(countries) or named[0].country in _states_about(pending, countries)):
                d = named[0]
                m.hint["place"] = found.setdefault(bare, Place(
                    geonames_id=d.geonames_id, name=d.label, lat=d.lat, lon=d.lon, country_code=d.country,
                    feature_class="A", feature_code="ADM1", population=0, admin1=d.code))
    # "Fort X, Y", "the X Barracks, Y": a place of no record, right before a division placed above,
    # lies in that division (somewhere in it, as a town the text puts in a province does; round 17)
    by_start = {(id(m.span.doc), m.span.start): m for m in pending}
    for m in pending:
        nxt = by_start.get((id(m.span.doc), m.span.end + 1))
        if m.hint.get("place") is not None or nxt is None or m.span.doc[m.span.end].text != "," \
                or not _after_place_comma(nxt):
            continue
        division = nxt.hint.get("place")
        if division is not None and division.feature_class == "A" and division.feature_code == "ADM1":
            m.hint["place"] = _unlisted_in_area(_clean_surface(m.text), division)
    for m in pending:
        place = m.hint.get("place")
        division = found.get(strip_article(normalize(_clean_surface(m.text))))
        if division is None or place is None or place.feature_class != "P" or not place.geonames_id:
            continue
        inside = admin1_of_geonames(place.geonames_id)
        if inside is None or (inside.country, inside.code) != (division.country_code, division.admin1):
            m.hint["place"] = division


def _states_about(pending: list[RawMention], countries: list[str]) -> set[str]:
    """The states an article names (``countries``), their neighbours and the states of the places it
    resolved so far."""
    named = {c for c in countries if c}
    out = named | {n for c in named for n in neighbours(c)}
    for m in pending:
        place = m.hint.get("place")
        if place is not None and place.country_code:
            out.add(place.country_code)
    return out


def _demonym_bodies(mentions: list[RawMention], gaz: Gazetteer) -> list[str]:
    """The states an article names by the adjective of a body of theirs ("the Xian government",
    "the Xian army" read as an organisation): a division of that name is looked for in them too
    (round 20: "the Y region" named by two states' divisions, the article naming one of them)."""
    codes = []
    for m in mentions:
        if m.kind != "Organization":
            continue
        words = _clean_surface(m.text).split()
        country = gaz.country(words[0]) if words else None
        if country is not None and words[0] in country.demonyms:
            codes.append(country.code)
    return codes


def _after_place_comma(m: RawMention) -> bool:
    """"Fort X, Y", "the town of X, Y": the name comes right after a capitalised name and a comma (the
    place it holds), and the sentence does not go on listing ("X, Y and Z")."""
    doc, i = m.span.doc, m.span.start
    if i < 2 or doc[i - 1].text != "," or not doc[i - 2].text[:1].isupper():
        return False
    after = doc[m.span.end] if m.span.end < len(doc) else None
    return after is None or after.lower_ not in ("and", "or") and not (after.text == "," and m.span.end + 1 < len(doc)
                                                                         and doc[m.span.end + 1].text[:1].isupper())


def _unlisted_town(name: str, region: Place) -> Place:
    """A town the gazetteer does not list in the state the text puts it in ("X, Rwanda", "X in
    northern Rwanda"): in that state, with no point of its own (round 20: a point at the state's
    centre was a town there, which fusion vetoed against the province the place lies in, 200 km off)."""
    words = name.split()
    area = len(words) > 1 and words[-1].lower() in _ADMIN_SUFFIXES  # "the X prefecture of Y": an area of Y
    return Place(geonames_id="", name=name, lat=None, lon=None, country_code=region.country_code,  # type: ignore[arg-type]
                 feature_class="A" if area else "P", feature_code=None, population=0)


def _unlisted_in_area(name: str, area: Place) -> Place:
    """A town the gazetteer does not list, in the administrative area the text puts it in ("the village
    of X in Y state", "X Cantonment in Y province"): its own place, in that area's state and first-level
    division (the entity's ``unlisted_in`` and ``admin1_code``, so the graph writes it ``ckg:within`` the
    division and the state), with no point of its own (geocoding round 30). Rounds 17-29 gave it the
    area's centre and class: the state's coordinates passed off as the village's, which fusion read as
    an area holding every town within 160 km of that centre (a distractor town 100 km off joined its
    incident, and a village was vetoed against its own district 300 km from the centre). A name with a
    division word ("X district in Y province") stays an area (class A), a smaller one in Y."""
    words = name.split()
    own_area = len(words) > 1 and words[-1].lower() in _ADMIN_SUFFIXES
    return Place(geonames_id="", name=name, lat=None, lon=None, country_code=area.country_code,  # type: ignore[arg-type]
                 feature_class="A" if own_area else "P", feature_code=None, population=0, area=area.name,
                 admin1=_admin1_of_area(area))


def _admin1_of_area(area: Place) -> Optional[str]:
    """The first-level division code of the area a place is said to lie in: its own, or, for a curated
    region of a state's first level ("X State"), that of the division of its name (places.admin1_code);
    None for a second-level or composite area, whose first-level division is not known by name."""
    from kg.extract.places import admin1_code  # (kg.extract.places imports this module)

    return admin1_code(area)


def _local_country_hint(m: RawMention, gaz: Gazetteer) -> Optional[str]:
    """"the Syrian town of X": the adjective right before the place noun names its country."""
    doc = m.span.doc
    i = m.span.start
    if i >= 3 and doc[i - 1].lower_ == "of":
        for k in (3, 2, 1):  # the whole name of a state of several words: "the South X town of Y" is not in X
            if i - 2 - k < 0:
                continue
            c = gaz.country(doc[i - 2 - k:i - 2].text)
            if c is not None:
                return c.code
    return None


# ----- one entity named several ways in one article (round 23)

#: The order in which a name's types give way when one name was typed two ways in one article: a type the
#: text gave by an armed cue or the lexicon first, then the kinds by how much a type says (a body's name
#: is no person's; a state's name is a state, not a place inside one).
_KIND_RANK = {"ArmedGroup": 0, "ArmedForce": 1, "Organization": 2, "Country": 3, "Location": 4, "Person": 5}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)


def _name_keys(c: "Cluster") -> set[str]:
    return {norm(m.text) for m in c.mentions if m.kind != "Description" and not m.hint.get("inside")} - {""}


def _winner(members: list["Cluster"]) -> "Cluster":
    """The cluster whose type the joined entity takes: a lexicon actor's, else the kind that says most
    (``_KIND_RANK``), else the one with the most mentions, else the first named."""
    return min(members, key=lambda c: (c.entry is None, _KIND_RANK.get(c.kind, 9),
                                       -len(c.mentions), c.first))


def _join(clusters: dict[str, "Cluster"], into: "Cluster", other: "Cluster") -> None:
    into.mentions.extend(other.mentions)
    into.subtype = into.subtype or (other.subtype if other.kind == into.kind else None)
    del clusters[other.key]


def _acronym_parts(text: str) -> Optional[tuple[str, str]]:
    """"ABC" -> ("", "ABC"); "3rd XY" -> ("3rd", "XY"); a name that is no acronym -> None."""
    words = text.replace(".", "").split()
    if len(words) == 2 and _ORDINAL.match(words[0]):
        prefix, letters = words[0].lower(), words[1]
    elif len(words) == 1:
        prefix, letters = "", words[0]
    else:
        return None
    letters = letters.replace("-", "")  # ("XYZ-W": the acronym of "X Y Z – W", round 32)
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return None
    return prefix, letters


def _initials(text: str) -> tuple[str, str]:
    """"3rd Xray Yankee Division" -> ("3rd", "XYD"); function words and lower-case words are skipped, and a
    bracketed qualifier after the name ("X Y Unit (Special Operations Capable)": "XYU", round 32)."""
    if text.endswith(")") and " (" in text:
        text = text[:text.index(" (")]
    words = [w for w in re.split(r"[\s\-]+", text.replace(".", "")) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    prefix = words[0].lower() if words and _ORDINAL.match(words[0]) else ""
    rest = words[1:] if prefix else words
    letters = "".join(w[0] for w in rest if w[:1].isupper())
    return prefix, letters


def _fits_initials(parts: tuple[str, str], text: str) -> bool:
    """"3rd XY" fits "3rd Xray Yankee"; "XYZ" fits "Xray Yankee Zulu" and "30th Xray Yankee Zulu" (a unit's
    acronym drops its number)."""
    prefix, letters = _initials(text)
    return letters == parts[1] and (prefix == parts[0] or not parts[0])


def _one_entity_per_name(clusters: dict[str, "Cluster"]) -> None:
    """One thing the article names several ways is one entity, whatever the types its mentions got:

    - the same name typed two ways in two sentences ("X" a place where it is the object of "in", a group
      where it attacks): one entity, of the type the lexicon, an armed cue or most mentions give it;
    - an acronym and the one name of the article whose initials it is (no bracket need say so; "the 3rd
      XY" beside "the 3rd Xray Yankee Division"): one entity, of the long name's type unless the text
      calls the acronym armed and the long name is no armed actor (a body, or a place by a frame);
    - a person's surname of two words or more and the one full name that ends with it.

    Bases keep their own name (a base named after its town is joined elsewhere); a state's forces and a
    state are never one name here (their keys differ and "X forces" is not "X")."""
    live = [c for c in clusters.values() if c.kind in _KIND_RANK and c.subtype != "MilitaryBase"]
    # same name, two types
    by_name: dict[str, list[Cluster]] = {}
    for c in live:
        for k in _name_keys(c):
            by_name.setdefault(k, []).append(c)
    for members in by_name.values():
        members = [c for c in {id(c): c for c in members}.values() if c.key in clusters]
        if len(members) < 2 or len({c.kind for c in members}) < 2:
            continue
        if sum(c.entry is not None for c in members) > 1:
            continue  # two listed actors of one name: the lexicon keeps them apart
        into = _winner(members)
        for other in members:
            if other is not into and other.key in clusters:
                _join(clusters, into, other)
    # an acronym and its expansion
    live = [c for c in clusters.values() if c.kind in _KIND_RANK and c.subtype != "MilitaryBase"]
    for short in live:
        if short.key not in clusters or short.entry is not None or short.kind in ("Country", "Person"):
            continue
        parts = _acronym_parts(short.mentions[0].text)
        if parts is None:
            continue
        longs = [c for c in live if c is not short and c.key in clusters and c.kind not in ("Country", "Person")
                 and not (c.key.startswith("force:") and c.country)  # a state's forces, named many ways
                 and any(len(m.text.split()) >= 2 and _fits_initials(parts, m.text)
                         for m in c.mentions if m.kind != "Description")]
        if len(longs) == 1:
            # the long name's type, but for a body the text calls armed by its acronym ("the X Front ...
            # the XF had entered the town": a group); an acronym's "body" is often only the model's guess
            # for letters ("the Y Training Area ... at YTA": the place)
            armed = short.kind in ("ArmedGroup", "ArmedForce") and longs[0].kind not in ("ArmedGroup", "ArmedForce") \
                and longs[0].entry is None
            into, other = (short, longs[0]) if armed else (longs[0], short)
            _join(clusters, into, other)
    # a surname of two words or more, after the full name ("Y Z" after "X Y Z"): the one person whose name
    # ends with it (a one-word surname is joined by the key, ``Resolver._key``)
    people = [c for c in clusters.values() if c.kind == "Person"]
    for short in people:
        words = norm(short.mentions[0].text).split()
        if short.key not in clusters or len(words) < 2:
            continue
        longs = [c for c in people if c is not short and c.key in clusters
                 and any(len(n) > len(words) and n[-len(words):] == words
                         for n in (norm(m.text).split() for m in c.mentions if m.kind != "Description"))]
        if len(longs) == 1:
            _join(clusters, longs[0], short)
