"""Geocoding round 27: second-level divisions (kg/data/admin2.tsv, kg/extract/admin2.py,
scripts/build_admin2.py; docs/entities.md "Geocoding round 27").

Reports are invented sentences; the divisions are real GeoNames admin-2 records, since what is tested
is which of the table's divisions the text picks. The rule shipped off in round 27 and on since round 28
(kg/data/admin2.yaml ``resolve_districts``); the extraction tests switch it on for their run all the same.
"""

from __future__ import annotations


import pytest
from rule_helpers import extract

from kg.extract import admin2
from script_loader import load_script
from facts_lookup import one_location



@pytest.fixture(scope="module")
def extractor(shipped_extractor):
    """The extractor as shipped (learned filter on), the session's one copy: no second spaCy load."""
    return shipped_extractor


@pytest.fixture
def districts_on(monkeypatch):
    monkeypatch.setattr(admin2, "enabled", lambda: True)


_place = one_location


# ---- the table

def test_the_table_loads_offline_with_its_first_level_codes():
    rows = admin2.table()
    assert len(rows) > 10_000
    assert not any(d.country == "US" for d in rows)  # (US counties: not this table)
    one = admin2.divisions_named("Buikwe", ["UG"])
    assert [(d.country, d.admin1, d.name) for d in one] == [("UG", "C", "Buikwe District")]
    assert one[0].town_ids and all(admin2.divisions_of_town(str(t)) == (one[0],) for t in one[0].town_ids)
    # every first-level code the table gives is one of kg/data/admin1.tsv
    from kg.graph.hierarchy import admin1_table

    codes = set(admin1_table())
    assert all((d.country, d.admin1) in codes for d in rows if d.admin1)


def test_a_division_name_is_keyed_without_its_words():
    assert admin2.name_key("Prefecture de la Kozah") == "kozah"
    assert admin2.name_key("Buikwe District") == "buikwe"
    assert admin2.name_key("Kabupaten Sleman") == "sleman"
    assert admin2.name_key("District") == "district"  # (nothing would be left)
    assert admin2.district_name("the Buikwe district") == ("buikwe", "district")
    assert admin2.district_name("Buikwe", ["rebels", "attacked", "the", "district", "of"]) == ("buikwe", "district")
    assert admin2.district_name("Buikwe", ["a", "town", "of"]) is None


# ---- resolution

def test_a_district_of_a_named_state_is_placed_with_its_country_and_province(extractor, districts_on):
    facts = extract(extractor, "Rebels attack village in Uganda\nRebels attacked a village in Buikwe district "
                               "of Uganda on Monday, killing four farmers, the army said.")
    e = _place(facts, "Buikwe district")
    assert e.attributes.get("country_code") == "UG"
    assert e.attributes.get("feature_class") == "A" and e.attributes.get("feature_code") == "ADM2"
    assert e.attributes.get("admin1_code") == "C"
    assert e.geo is not None and abs(e.geo.lat - 0.38) < 0.01 and abs(e.geo.lon - 33.09) < 0.01


def test_the_graph_puts_the_district_within_its_province_and_state(extractor, districts_on):
    from kg.graph.hierarchy import place_admin1
    from kg.graph.iris import state_iri

    facts = extract(extractor, "Rebels attack village in Uganda\nRebels attacked a village in Buikwe district "
                               "of Uganda on Monday, killing four farmers, the army said.")
    a1, cc = place_admin1(_place(facts, "Buikwe district"), state_iri("UG"))
    assert (a1.country, a1.code, cc) == ("UG", "C", "UG")


def test_the_same_district_with_no_state_named_stays_unresolved(extractor, districts_on):
    facts = extract(extractor, "Rebels attack village\nRebels attacked a village in Buikwe district on Monday, "
                               "killing four farmers, the army said.")
    e = _place(facts, "Buikwe district")
    assert e.geo is None and e.attributes.get("feature_code") != "ADM2"


def test_a_district_outside_the_province_the_article_names_is_not_taken(extractor, districts_on):
    # the table's only namesake lies in another first-level division than the one the report names
    # (a newer district the table lacks): left as it was, never put in the other province
    facts = extract(extractor, "Blast kills two in India\nA blast killed two policemen in Pulwama district "
                               "of Punjab, India, on Sunday, police said.")
    assert _place(facts, "Pulwama district").attributes.get("feature_code") != "ADM2"
    facts = extract(extractor, "Blast kills two in India\nA blast killed two policemen in Pulwama district "
                               "of Jammu and Kashmir, India, on Sunday, police said.")
    e = _place(facts, "Pulwama district")
    assert e.attributes.get("feature_code") == "ADM2" and e.attributes.get("admin1_code") == "12"


def test_a_province_a_curated_region_placed_still_rules_out_a_namesake_elsewhere(extractor, districts_on):
    # "Y's X district" where Y is a curated region (placed before the district rule runs) and the table's
    # X lies in another province: not taken
    facts = extract(extractor, "Blast kills two in India\nA blast killed two policemen near a village in "
                               "Manipur's Pulwama district on Sunday, police in India said.")
    assert _place(facts, "Pulwama district").attributes.get("feature_code") != "ADM2"


def test_a_curated_area_of_the_second_level_is_not_marked_a_table_district(extractor, districts_on):
    # regions.yaml lists some second-level areas (GeoNames code ADM2) by hand: they keep their point for
    # fusion, and carry no admin-1 code or level of the table's
    facts = extract(extractor, "Troops clash with rebels\nTroops clashed with rebels in Maguindanao on Monday, "
                               "the army said.")
    e = _place(facts, "Maguindanao")
    assert e.geo is not None and "feature_code" not in e.attributes and "admin1_code" not in e.attributes


def test_switched_on_as_shipped(extractor):
    # round 28: on once fusion compares places by district (admin2.yaml fusion_districts)
    assert admin2.enabled() is True and admin2.fusion_districts() is True
    facts = extract(extractor, "Rebels attack village in Uganda\nRebels attacked a village in Buikwe district "
                               "of Uganda on Monday, killing four farmers, the army said.")
    assert _place(facts, "Buikwe district").attributes.get("feature_code") == "ADM2"


# ---- fusion reads a town's district

def test_fusion_reads_the_district_a_town_lies_in():
    from kg.fuse.model import _district_names

    d = admin2.divisions_named("Buikwe", ["UG"])[0]
    names = _district_names(f"https://example.org/id/place/geonames-{d.town_ids[0]}")
    assert {"buikwe district", "buikwe"} <= names
    assert _district_names("https://example.org/id/place/some-town") == frozenset()


# ---- the build script

def _build_module():
    return load_script("build_admin2")


FIXTURE = """lat,lon,name,admin1,admin2,cc
1.00,30.00,Amberfield,North Vale,Amber District,ZZ
1.20,30.20,Brookmere,North Vale,Amber District,ZZ
1.10,30.40,Cindermoor,North Vale,Amber District,ZZ
2.00,31.00,Dunhollow,South Vale,Dun District,ZZ
3.00,32.00,Elmstead,South Vale,,ZZ
4.00,33.00,Fernby,Somewhere,Fern County,US
"""


def test_the_build_derivation_is_deterministic(tmp_path):
    import csv
    import io

    mod = _build_module()
    rows = list(csv.DictReader(io.StringIO(FIXTURE)))
    cities = [(101, "Amberfield", 1.001, 30.0, "ZZ", "07"), (102, "Brookmere", 1.2, 30.2, "ZZ", "07"),
              (103, "Cindermoor", 1.5, 30.4, "ZZ", "09"),  # (too far from the source town: not matched)
              (104, "Dunhollow", 2.0, 31.0, "ZZ", "")]
    names = {("ZZ", "south vale"): "08"}
    out = mod.derive(rows, cities, names)
    assert out == [
        ("ZZ", "07", "Amber District", "1.1", "30.2", "25", "3", "101|102"),
        ("ZZ", "08", "Dun District", "2", "31", "0", "1", "104"),
    ]
    assert mod.derive(list(reversed(rows)), list(reversed(cities)), names) == out
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    mod.write(out, "fixture.tar.gz", a)
    mod.write(mod.derive(rows, cities, names), "fixture.tar.gz", b)
    assert a.read_bytes() == b.read_bytes()
    assert [r.name for r in admin2.read_table(a)] == ["Amber District", "Dun District"]
