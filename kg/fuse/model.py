"""The typed report model, read from the RDF of document graphs.

Fusion reads reports from RDF, not from ``Facts``, so that every path sees the same thing: the
triples the pipeline has just mapped (before they are written), a document graph in the store
(``kg fuse``, ``kg remove``), or a hand-made graph in a test. Terms may be rdflib or pyoxigraph
terms; only their string values are kept.

A ``Report`` holds what the compatibility rules need and nothing else: event class and
modality, the date at its precision, the places of the event with their country, coordinates,
kind and containment chain (``ckg:within``, ``ckg:country``), actors per role with every name
they go by and the states or organisations they speak for (affiliation, country), figures by
kind with their qualifier, the publisher and publication date of the article, and a text
fingerprint of the article body to recognise syndicated copies (the same wire text in two
outlets counts as one independent source).
"""

from __future__ import annotations

import zlib
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from functools import lru_cache
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Optional

from kg.fuse.memo import MISSING, Memo
from kg.graph.vocab import ACTOR_ROLES, CKG, CKGD, EVENT_CLASSES, OPEN_ROLES, PLACE_ROLES, ROLE_PROPERTIES

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_GEO = "http://www.opengis.net/ont/geosparql#"
_SCHEMA = "https://schema.org/"

TYPE = _RDF + "type"
VALUE = _RDF + "value"
LABEL = _RDFS + "label"
ALT = _SKOS + "altLabel"
C = str(CKG)
STATE = C + "State"
PLACE_CLASS = C + "Place"
DIVISION = C + "AdministrativeDivision"
EVENT_CLASS_IRIS = {str(iri): name for name, iri in EVENT_CLASSES.items()}
ROLE_OF = {str(p): r for r, p in ROLE_PROPERTIES.items()}
MODALITY = {C + "Asserted": "asserted", C + "Planned": "planned", C + "Hypothetical": "hypothetical",
            C + "Negated": "negated"}
PRECISION = {C + "DayPrecision": "day", C + "MonthPrecision": "month", C + "YearPrecision": "year"}
QUALIFIER = {C + "Exact": "exact", C + "Approximate": "approximate", C + "AtLeast": "at least",
             C + "AtMost": "at most"}
ACTOR_CLASSES = {C + n for n in ("Actor", "Person", "State", "ArmedForce", "ArmedGroup", "Organization")}
FIELD = "in:"  # an armed group's key for the country it fights in (its field, not its side)
_SPEAK_FOR_STATE = {C + n for n in ("State", "ArmedForce", "Person", "Organization")}
_ACTOR_PRIORITY = [C + n for n in ("Person", "ArmedForce", "ArmedGroup", "Organization", "State", "Actor")]
_WKT = re.compile(r"POINT\s*\(\s*(\S+)\s+(\S+)\s*\)", re.IGNORECASE)
# What the reader keeps; the text spans' offsets and the ordering sequences are not needed.
_SKIP = {C + p for p in ("startOffset", "endOffset", "sentenceIndex", "inArticle", "mention",
                         "ordering", "orderedProperty", "localId", "trigger", "confidence",
                         "link", "eventType")}


_OX_TERMS: tuple[type, ...] = ()
try:  # the build hands over pyoxigraph terms (its prepared graphs): their .value is the string
    import pyoxigraph as _ox

    _OX_TERMS = (_ox.NamedNode, _ox.Literal, _ox.BlankNode)
except ImportError:  # pragma: no cover - pyoxigraph is a dependency
    pass


@lru_cache(maxsize=1 << 14)
def _district_names(iri: str) -> frozenset[str]:
    """The names (normalised, with and without their word) of the second-level divisions a GeoNames town
    lies in (``…/place/geonames-<id>``; kg.extract.admin2's town lists): an area another report names
    "X district" holds the town (compat.in_named_area)."""
    head, sep, gid = iri.rpartition("/place/geonames-")
    if not sep:
        return frozenset()
    from kg.extract.admin2 import divisions_of_town, name_key  # (loaded on first use only)

    return frozenset(n for d in divisions_of_town(gid) for n in (norm_name(d.name), norm_name(name_key(d.name))) if n)


def _district_keys(iri: str, label: str, attrs: dict[str, str]) -> frozenset[str]:
    """The second-level divisions a place lies in or is (:attr:`PlaceInfo.districts`), when admin2.yaml's
    ``fusion_districts`` is on: a GeoNames town's by the table's town lists; a table district
    (``feature_code`` ADM2) itself, found by its name in its state and first-level division; a town the
    gazetteer lacks placed in a district of the table (``unlisted_in``), that district when its state has
    one division of the name."""
    from kg.extract import admin2  # (loaded on first use only)

    if not admin2.fusion_districts():
        return frozenset()
    head, sep, gid = iri.rpartition("/place/geonames-")
    if sep:
        return frozenset(admin2.district_key(d) for d in admin2.divisions_of_town(gid))
    cc = attrs.get("country_code", "").upper()
    if not cc:
        return frozenset()
    if attrs.get("feature_code") == admin2.FEATURE_CODE:
        found = [d for d in admin2.divisions_named(label, [cc]) if d.admin1 == attrs.get("admin1_code", "")]
    elif attrs.get("unlisted_in"):
        found = admin2.divisions_named(attrs["unlisted_in"], [cc])
    else:
        return frozenset()
    return frozenset({admin2.district_key(found[0])}) if len(found) == 1 else frozenset()


def term_value(term: Any) -> str:
    """The string value of an rdflib or pyoxigraph term (or of a plain string)."""
    if type(term) in _OX_TERMS:
        return term.value
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


@lru_cache(maxsize=1 << 16)
def norm_name(name: str) -> str:
    """Names compared as the scorer compares them: ASCII, lower case, no 'the', no punctuation.

    Memoised: fusion compares each report's evidence sentence and places with many others."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("u.s.", "us").replace("u.k.", "uk")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@dataclass(frozen=True)
class PlaceInfo:
    iri: str
    label: str
    country: Optional[str]  # IRI of the state it lies in (itself for a state)
    lat: Optional[float]
    lon: Optional[float]
    kind: str  # S state, A administrative area, L region, P point (town, base), ? unknown
    within: frozenset[str] = frozenset()  # every place it lies in (ckg:within closure, country)
    # the names (normalised) of the administrative divisions it lies in (kg.graph.hierarchy's
    # ckg:within a ckg:AdministrativeDivision): "Khyber Pakhtunkhwa" named by one article is the
    # division another article's town lies in, though the two are other nodes (compat)
    areas: frozenset[str] = frozenset()
    # the country was not read for this place but inferred (:func:`infer_countries`): an
    # unresolved name given the one country its report's or article's geocoded places agree on.
    # It lies in that country as far as fusion knows, nowhere in particular (compat: "same
    # country, relation unknown", never "contained" by the state)
    inferred: bool = False
    # the second-level divisions (kg/data/admin2.tsv) it lies in or is, as "CC|admin1|name" keys:
    # a town's by the table's town lists, a table district's own, a town the gazetteer lacks placed
    # in such a district ("unlisted_in"). Two places that both have some and share none are in
    # different districts (compat.place_relation; geocoding round 28, admin2.yaml fusion_districts)
    districts: frozenset[str] = frozenset()
    # a place the gazetteer lacks, given the centre and class of the area its text puts it in
    # ("the village of X in Y state": kg.extract.resolve._unlisted_in_area, ``unlisted_in``): it is
    # somewhere in that area, its point is the area's, not its own (compat.place_relation, round 21)
    unlisted: bool = False


@dataclass(frozen=True)
class ActorInfo:
    iri: str
    label: str
    keys: frozenset[str]  # its IRI, every normalised name, the IRIs it speaks for
    cls: str = C + "Actor"  # its most specific ckg: class IRI (written on the incident's fillers)


@dataclass(frozen=True)
class Report:
    """One event as one article tells it."""

    iri: str
    doc_id: str
    cls: str  # event class local name: Attack, Deployment, ...
    modality: str
    date: Optional[str]
    precision: Optional[str]
    published: Optional[str]
    publisher: Optional[str]
    places: tuple[PlaceInfo, ...]  # where it happened (location / place / destination)
    actors: dict[str, tuple[ActorInfo, ...]] = field(hash=False, compare=False)
    quantities: dict[str, tuple[float, str]] = field(hash=False, compare=False)
    evidence: str = ""
    # the article's :func:`fingerprint` (packed bytes; a frozenset of hashes is read the same)
    fingerprint: bytes | frozenset[int] = field(default=frozenset(), hash=False, compare=False)
    subtype: Optional[str] = None
    origins: tuple[PlaceInfo, ...] = ()  # where a deployment starts from (not where it happens)
    # Told as news with no time in the text: the extractor dates such an event on the day of
    # publication (ckg:date with no ckg:dateText), which says only that it happened by then
    # (a headline "23 soldiers killed in Damboa base attack" over a body "on Monday night").
    untimed: bool = False
    # the text of a date coarser than a day ("last week", "this week"; ckg:dateText), read by
    # blocking.interval: the extractor gives a week at month precision
    date_text: Optional[str] = None
    # another report of its article, of its family, has the same evidence sentence (one sentence
    # read as two events: "Gunmen shot dead a volunteer ..., a day after a bomb wounded shoppers at a market
    # there"): what the sentence says of who was struck belongs to one of them, not known which
    # (compat.victim_kind, round 18)
    shared_evidence: bool = False

    @property
    def sort_key(self) -> str:
        return self.iri

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(p.country for p in self.places if p.country)


def fingerprint(text: str, every: int = 4) -> bytes:
    """A sample of the hashed word 5-grams of a text (those whose hash is divisible by
    ``every``): two copies of one wire story share almost all of them whatever the headline,
    and the Jaccard index of two samples estimates that of the full shingle sets.

    Packed as sorted 32-bit values (:func:`fingerprint_hashes` reads them back): a build keeps
    every report for its whole length, and as a frozenset of ints one article's sample took
    ~12 KB, the largest part of a report's memory, as bytes under 1 KB (issue 14)."""
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text).lower())
    out = set()
    for i in range(max(0, len(words) - 4)):
        h = zlib.crc32(" ".join(words[i:i + 5]).encode())  # stable across runs, unlike hash()
        if h % every == 0:
            out.add(h)
    return array(_TYPECODE, sorted(out)).tobytes()


_TYPECODE = "I" if array("I").itemsize >= 4 else "L"  # unsigned, at least 32 bits


@lru_cache(maxsize=256)
def _unpack(packed: bytes) -> frozenset[int]:
    return frozenset(array(_TYPECODE, packed))


def fingerprint_hashes(fp: bytes | frozenset[int]) -> frozenset[int]:
    """The hashes of a :func:`fingerprint` (remembered for the last few hundred articles: an
    incident's graph compares its documents pairwise)."""
    return _unpack(fp) if isinstance(fp, bytes) else frozenset(fp)


# One shared object per distinct place or actor read (a place or an actor is named by many
# articles, and each document graph is read on its own), bounded (kg.fuse.memo).
_INFOS = Memo(1 << 14)


def _intern(info: Any) -> Any:
    known = _INFOS.get(info)
    if known is MISSING:
        _INFOS.put(info, info)
        return info
    return known


def _shared_dict(items: tuple) -> dict:
    """One dict object for every report with these (key, value) items (read-only: a Report's
    actors and figures are never changed; most reports name the same few, or none)."""
    key = ("dict", items)
    known = _INFOS.get(key)
    if known is MISSING:
        known = dict(items)
        _INFOS.put(key, known)
    return known


def _first(values: Optional[list[str]]) -> Optional[str]:
    return min(values) if values else None


def reports_from_triples(triples: Iterable[tuple[Any, Any, Any]], doc_id: Optional[str] = None,
                         cfg: Any = None) -> list[Report]:
    """The reports of one document graph (or of several: each event names its article). ``cfg``
    (a FusionConfig; default the shipped settings) says which families' unresolved places take
    their article's country (:func:`infer_countries`)."""
    by: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    ox_terms = _OX_TERMS  # term_value inlined for the build's pyoxigraph terms (hot loop)
    for s, p, o in triples:
        pv = p.value if type(p) in ox_terms else term_value(p)
        if pv in _SKIP:
            continue
        sv = s.value if type(s) in ox_terms else term_value(s)
        by[sv][pv].append(o.value if type(o) in ox_terms else term_value(o))
    return reports_from_index(by, doc_id, cfg)


def reports_from_index(by: dict[str, dict[str, list[str]]], doc_id: Optional[str] = None,
                       cfg: Any = None) -> list[Report]:
    places: dict[str, PlaceInfo] = {}
    actors: dict[str, ActorInfo] = {}
    prints: dict[str, frozenset[int]] = {}

    def place(iri: str) -> Optional[PlaceInfo]:
        if iri in places:
            return places[iri]
        node = by.get(iri)
        if node is None:
            return None
        types = set(node.get(TYPE, ()))
        if STATE in types:
            info = PlaceInfo(iri, _first(node.get(LABEL)) or iri, iri, None, None, "S", frozenset())
        elif PLACE_CLASS in types:
            attrs = _attributes(by, node)
            lat = lon = None
            for geom in node.get(_GEO + "hasGeometry", ()):
                m = _WKT.search(_first(by.get(geom, {}).get(_GEO + "asWKT")) or "")
                if m:
                    lon, lat = float(m.group(1)), float(m.group(2))
            within = set(node.get(C + "within", ())) | set(node.get(C + "country", ()))
            country = _first(node.get(C + "country"))
            if country is None and re.fullmatch(r"[A-Za-z]{2}", attrs.get("country_code", "")):
                country = str(CKGD) + "state/" + attrs["country_code"].lower()
            if country:
                within.add(country)
            kind = attrs.get("feature_class", "")
            kind = kind if kind in ("A", "L", "P") else ("?" if lat is None else "P")
            if attrs.get("feature_code") == "ADM2":
                # a district (geo round 27) holds the towns its table lists and lies in its province
                # (ckg:within), never every town within an area's radius of its centre (it held a town
                # of the next district, 65 km off, and joined two incidents)
                lat = lon = None
            areas = {norm_name(n) for w in node.get(C + "within", ()) if DIVISION in by.get(w, {}).get(TYPE, ())
                     for n in (*by[w].get(LABEL, ()), *by[w].get(ALT, ()), *by[w].get(C + "nameKey", ()))}
            areas |= _district_names(iri)  # (geo round 27: the district a town lies in, kg/data/admin2.tsv)
            areas.discard("")
            label = _first(node.get(LABEL)) or iri
            info = PlaceInfo(iri, label, country, lat, lon, kind, frozenset(within), frozenset(areas),
                             districts=_district_keys(iri, label, attrs), unlisted=bool(attrs.get("unlisted_in")))
        else:
            return None
        info = places[iri] = _intern(info)
        return info

    def actor(iri: str) -> Optional[ActorInfo]:
        if iri in actors:
            return actors[iri]
        node = by.get(iri)
        if node is None or not (set(node.get(TYPE, ())) & ACTOR_CLASSES):
            return None
        keys = {iri}
        keys.update(norm_name(n) for n in [*node.get(LABEL, ()), *node.get(ALT, ())])
        # who it speaks for: affiliation chain (a minister -> ministry -> state) and country.
        # An armed group's country is where it fights, not a side it speaks for: keyed by the
        # state, "al-Shabaab took the village" agreed with "Somali troops recaptured it" and the
        # Taliban with "the Afghan government". It is kept as the group's field ("in:" + state):
        # two groups of one country still agree (outlets tell "Boko Haram" for ISWAP)
        types = set(node.get(TYPE, ()))
        seen, todo = {iri}, list(node.get(C + "affiliation", ()))
        attrs = _attributes(by, node)
        keys.update(branch_keys(attrs))
        if re.fullmatch(r"[A-Za-z]{2}", attrs.get("country_code", "")):
            state = str(CKGD) + "state/" + attrs["country_code"].lower()
            if C + "ArmedGroup" in types and not types & _SPEAK_FOR_STATE:
                keys.add(FIELD + state)
            else:
                todo.append(state)
        while todo:
            other = todo.pop()
            if other in seen:
                continue
            seen.add(other)
            keys.add(other)
            o = by.get(other, {})
            keys.update(norm_name(n) for n in o.get(LABEL, ()))
            todo.extend(o.get(C + "affiliation", ()))
        keys.discard("")
        cls = next((c for c in _ACTOR_PRIORITY if c in types), C + "Actor")
        info = actors[iri] = _intern(ActorInfo(iri, _first(node.get(LABEL)) or iri, frozenset(keys), cls))
        return info

    out: list[Report] = []
    article_country: Optional[str] = MISSING  # type: ignore[assignment]  # computed on first need
    for iri, node in by.items():
        classes = [EVENT_CLASS_IRIS[t] for t in node.get(TYPE, ()) if t in EVENT_CLASS_IRIS]
        if not classes or C + "Incident" in node.get(TYPE, ()):
            continue
        article = _first(node.get(C + "reportedIn"))
        if article is None:
            continue
        art = by.get(article, {})
        this_doc = _first(art.get(_DCT + "identifier")) or article.rsplit("/", 1)[-1]
        if doc_id is not None and this_doc != doc_id:
            continue
        if article not in prints:
            prints[article] = fingerprint(_first(art.get(_SCHEMA + "articleBody")) or "")
        where: list[PlaceInfo] = []
        origins: list[PlaceInfo] = []
        roles: dict[str, list[ActorInfo]] = defaultdict(list)
        for p, objs in node.items():
            role = ROLE_OF.get(p)
            if role is None:
                continue
            for o in sorted(objs):
                if role in PLACE_ROLES:
                    pl = place(o)
                    if pl is not None:
                        (origins if role == "origin" else where).append(pl)
                elif role in ACTOR_ROLES or role in OPEN_ROLES:
                    a = actor(o)
                    if a is not None and not (role in OPEN_ROLES and place(o) is not None and
                                              places[o].kind != "S"):
                        roles[role].append(a)
        if any(p.kind == "?" and p.country is None for p in where):
            cfg = cfg if cfg is not None else _config()
            if _infers(sorted(classes)[0], cfg):
                if article_country is MISSING:
                    article_country = _article_country(by, place)
                where = infer_countries(where, article_country or _home_country(roles, cfg))
        quantities: dict[str, tuple[float, str]] = {}
        for q in node.get(C + "quantity", ()):
            qn = by.get(q, {})
            kind, value = _first(qn.get(C + "quantityKind")), _first(qn.get(VALUE))
            if kind is None or value is None:
                continue
            try:
                quantities[kind] = (float(value), QUALIFIER.get(_first(qn.get(C + "qualifier")) or "", "exact"))
            except ValueError:
                continue
        evidence = _first(by.get(_first(node.get(C + "evidence")) or "", {}).get(C + "text")) or ""
        date = _first(node.get(C + "date"))
        precision = PRECISION.get(_first(node.get(C + "datePrecision")) or "")
        published = _first(art.get(_DCT + "issued"))
        untimed = bool(date and precision == "day" and not node.get(C + "dateText")
                       and published and date[:10] == published[:10])
        date_text = _first(node.get(C + "dateText")) if precision in ("month", "year") else None
        out.append(Report(
            iri=iri, doc_id=this_doc, cls=sorted(classes)[0],
            modality=MODALITY.get(_first(node.get(C + "modality")) or "", "asserted"),
            date=date,
            precision=precision,
            published=published,
            publisher=_first(art.get(_DCT + "publisher")),
            places=tuple(sorted(set(where), key=lambda x: x.iri)),
            actors=_shared_dict(tuple((r, tuple(sorted(set(v), key=lambda x: x.iri))) for r, v in sorted(roles.items()))),
            quantities=_shared_dict(tuple(sorted(quantities.items()))),
            evidence=evidence,
            fingerprint=prints[article],
            subtype=_first(node.get(C + "subtype")),
            origins=tuple(sorted(set(origins), key=lambda x: x.iri)),
            untimed=untimed,
            date_text=" ".join(date_text.lower().split()) if date_text else None,
        ))
    if len(out) > 1:  # one sentence read as two events of one family (not an attack and its statement)
        from kg.fuse.blocking import family  # (blocking imports this module)

        told = Counter((r.doc_id, family(r.cls), r.evidence) for r in out if r.evidence)
        out = [replace(r, shared_evidence=True) if r.evidence and told[(r.doc_id, family(r.cls), r.evidence)] > 1
               else r for r in out]
    out.sort(key=lambda r: r.iri)
    return out


def _config() -> Any:
    from kg.fuse.config import load_config  # (the shipped settings; read once a document at most)

    return load_config()


def _infers(cls: str, cfg: Any) -> bool:
    """Whether a report of event class ``cls`` takes a country for its unresolved places
    (``places.infer_country`` of fusion.yaml, by family)."""
    from kg.fuse.blocking import family  # (blocking imports this module)

    return family(cls) in cfg.infer_country


_STATE_KEY = str(CKGD) + "state/"


def _home_country(roles: dict[str, list[ActorInfo]], cfg: Any) -> Optional[str]:
    """The one state whose armed forces fill a role of ``places.home_roles`` (an attack's target):
    a state's army is attacked at home ("the Harrow Front claims a deadly attack on the Xlandish
    army at Oskarra Junction"), where its attackers and its captors are as often abroad. None when the fillers
    speak for no state or for several, or are no armed force."""
    found = {k for role in cfg.home_roles for x in roles.get(role, ()) if x.cls == C + "ArmedForce"
             for k in x.keys if k.startswith(_STATE_KEY)}
    return next(iter(found)) if len(found) == 1 else None


def _article_country(by: dict[str, dict[str, list[str]]], place) -> Optional[str]:
    """The one country every geocoded place of the read graph lies in (None when they lie in
    several, or none is geocoded, or the graph holds more than one article). States are left out:
    an article names states as actors as often as places ("Harrow Front fighters from Xland"
    struck a base of Yland; "the Front claims an attack on the Xlandish army" in Yland), and a state
    named as an actor is often the attacker's (docs/entities.md round 13)."""
    articles = {a for node in by.values() for a in node.get(C + "reportedIn", ())}
    if len(articles) != 1:
        return None
    found: set[str] = set()
    for iri, node in by.items():
        if PLACE_CLASS not in node.get(TYPE, ()) or STATE in node.get(TYPE, ()):
            continue
        info = place(iri)
        if info is not None and info.country and not info.inferred:
            found.add(info.country)
            if len(found) > 1:
                return None
    return next(iter(found), None)


def infer_countries(where: list[PlaceInfo], article_country: Optional[str]) -> list[PlaceInfo]:
    """An event's places with a country for each unresolved one (kind ``?``, no country): the one
    country its report's other places lie in (a division or town named in the same phrase:
    "Telmiri, in the Fenmoor department"), else the one country the article's geocoded places
    lie in. Several countries leave it without one (an article on a border or on two states'
    forces tells of both). The place keeps kind ``?`` and no containment (``inferred``)."""
    own = {p.country for p in where if p.country and not p.inferred}
    country = next(iter(own)) if len(own) == 1 else (article_country if not own else None)
    if country is None:
        return where
    return [_intern(PlaceInfo(p.iri, p.label, country, None, None, "?", frozenset(), p.areas, True, p.districts))
            if p.kind == "?" and p.country is None else p for p in where]


def branch_keys(attrs: dict[str, str]) -> set[str]:
    """The keys a branch of a group takes from its parent (the extractor's ``branch_of``, the
    parent's canonical name, written when the article does not name the parent): "ISIS-K
    claimed the bombing" and "the Islamic State claimed the bombing" name one side. The name is
    the parent's own label key, so the parent agrees with the branch, and so do two branches of
    one parent (as two groups of one field already do)."""
    parent = norm_name(attrs.get("branch_of", ""))
    return {parent} if parent else set()


def _attributes(by: dict[str, dict[str, list[str]]], node: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for record in node.get(C + "attribute", ()):
        r = by.get(record, {})
        key, value = _first(r.get(C + "key")), _first(r.get(VALUE))
        if key is not None and value is not None:
            out[key] = value
    return out
