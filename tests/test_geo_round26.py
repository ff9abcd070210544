"""Geocoding round 26: a first-level division named where its article gives no state for it
(`_admin1_divisions`, `_divisions_in_world` and `_states_about` in kg/extract/resolve.py), and the
instrument scripts/geocode_audit.py (docs/entities.md, "Geocoding round 26").

Every report is an invented sentence; the divisions are real, since what is tested is which of the
gazetteer's divisions the text picks.
"""

from __future__ import annotations


import pytest
from rule_helpers import extract

from kg.extract.gazetteer import Gazetteer
from kg.extract.resolve import _divisions_in_world
from script_loader import load_script



@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _geocode(facts, name):
    found = [e for e in facts.entities if e.type == "Location" and e.name == name]
    assert len(found) == 1, [(e.type, e.name) for e in facts.entities]
    e = found[0]
    return (e.attributes.get("country_code"), e.attributes.get("feature_class")) if e.geo is not None else None


# ---- the division index

def test_an_inverted_geonames_name_is_found_by_its_own_name(gaz):
    # GeoNames writes "Tatarstan, Respublika": "Tatarstan" of a report is that division
    assert [(d.country, d.code) for d in _divisions_in_world(gaz, "tatarstan")] == [("RU", "73")]


def test_a_name_two_states_have_is_no_one_division(gaz):
    assert len(_divisions_in_world(gaz, "plateau")) == 2


# ---- placing the division

def test_a_bare_division_of_one_state_is_placed_when_the_report_names_no_state(extractor):
    facts = extract(extractor, "Gunmen fired on a police post in Tatarstan on Monday night, wounding two officers, "
                    "a spokesman for the regional police said.")
    assert _geocode(facts, "Tatarstan") == ("RU", "A")


def test_a_suffixed_division_of_one_state_is_placed_when_the_report_names_no_state(extractor):
    facts = extract(extractor, "Soldiers clashed with armed loggers in the Ucayali region on Sunday, and three "
                    "soldiers were wounded, the army said.")
    assert _geocode(facts, "Ucayali region") == ("PE", "A")


def test_a_division_of_a_state_the_report_places_itself_in_is_placed(extractor):
    # the report names Kazakhstan, a neighbour of the division's state
    facts = extract(extractor, "Gunmen attacked a checkpoint in Kalmykiya on Monday, near the border with Kazakhstan, "
                    "killing two policemen, officials said.")
    assert _geocode(facts, "Kalmykiya") == ("RU", "A")


def test_guard_a_division_of_a_state_far_from_those_the_report_names_stays_unplaced(extractor):
    # a report on Kenya: a division of a far state of that name is not put there on its name alone
    facts = extract(extractor, "Kenyan police said gunmen killed four herders near Garissa. A delegation from "
                    "Tatarstan visited Nairobi on Monday.")
    assert _geocode(facts, "Tatarstan") is None
    assert _geocode(facts, "Garissa") == ("KE", "P")


def test_guard_a_town_of_the_name_keeps_its_point(extractor):
    facts = extract(extractor, "Militants shelled Makhachkala on Monday, killing a guard, officials said.")
    assert _geocode(facts, "Makhachkala") == ("RU", "P")


# ---- the instrument

def _audit():
    return load_script("geocode_audit")


def test_audit_flags_wrong_state_unresolved_feature_and_missing(gaz):
    audit = _audit()
    gold = {"entities": [{"name": "Xville", "type": "Location"}, {"name": "Yton airport", "type": "Location"},
                         {"name": "Zburg", "type": "Location"}, {"name": "Wtown", "type": "Location"},
                         {"name": "Kenya", "type": "Location"}]}
    facts = {"text": "Kenyan police said fighting reached Xville and Yton airport near Zburg.",
             "entities": [
                 {"type": "Location", "name": "Xville", "attributes": {"country_code": "CO", "feature_class": "P"},
                  "geo": {"lat": 1, "lon": 1}},
                 {"type": "Location", "name": "Yton airport", "attributes": {"country_code": "KE", "feature_class": "P"},
                  "geo": {"lat": 1, "lon": 1}},
                 {"type": "Location", "name": "Zburg", "attributes": {}},
                 {"type": "Location", "name": "Kenya", "attributes": {"country_code": "KE", "feature_class": "A"},
                  "geo": {"lat": 1, "lon": 1}}]}
    rows = {r["name"]: r["flags"] for r in audit.audit_article(gold, facts, gaz)}
    assert rows["Xville"] == ["outside", "wrong_state"]
    assert rows["Yton airport"] == ["feature_as_town"]
    assert rows["Zburg"] == ["unresolved"]
    assert rows["Wtown"] == ["missing"]
    assert rows["Kenya"] == []


def test_audit_parts_of_fusion_dev():
    audit = _audit()
    assert [audit.fusion_part(a) for a in ("d01-x", "i02-b-y", "r13-d01-z", "r14-i01-a", "r16-d02-w")] == \
        ["old", "old", "r13", "r14", "r16"]


# ---- a look-alike spelling abroad is refused (Resolver._look_alike)

def test_a_look_alike_town_outside_the_reports_states_is_left_unplaced(extractor):
    # "Tarrim" is spelt like a Yemeni town (its look-alike), and the report is on India: not that town
    facts = extract(extractor, "Maoists fired on the police camp at Tarrim on Monday, wounding a constable, "
                               "Indian police officials said.")
    assert _geocode(facts, "Tarrim") is None


def test_guard_a_town_of_that_very_name_abroad_keeps_its_point(extractor):
    facts = extract(extractor, "Indian police officials said on Monday that the two suspects had come from "
                               "Tarim before the attack.")
    assert _geocode(facts, "Tarim") == ("YE", "P")


def test_guard_a_look_alike_in_the_reports_own_state_keeps_its_point(extractor):
    # a spelling the look-up matched inside the state the report is on stays as it was
    facts = extract(extractor, "Yemeni officials said gunmen attacked a checkpoint near Tarrim on Monday.")
    assert _geocode(facts, "Tarrim") == ("YE", "P")
