"""Entities, round 17 (issue 10): precision by general cue, classes of error counted over the LOOK
batches, each seen in at least three of them (docs/entities.md, "Round 17").

Each test is an invented report; the rules are general.
"""

from __future__ import annotations

from rule_helpers import entity_types, extract


def _all_names(facts):
    return {n for e in facts.entities for n in (e.name, *e.aliases)}


# 1. A programme, a review, a named effort or a designation is no actor, and its acronym is none either.

def test_an_initiative_is_no_organization(extractor):
    f = extract(extractor, "Troops arrive\n\nThe deployment is part of the Northern Shield Initiative, "
                           "Colonel Jonas Verrick said in Ruritville on Monday.")
    assert "Northern Shield Initiative" not in _all_names(f)
    assert entity_types(f).get("Jonas Verrick") == "Person"


def test_an_initiatives_acronym_goes_with_it(extractor):
    f = extract(extractor, "Troops arrive\n\nThe unit is part of the commitment to its allies in NATO "
                           "(Velan Reassurance Initiative – VRI), the embassy said.")
    names = _all_names(f)
    assert "VRI" not in names and "Velan Reassurance Initiative" not in names
    assert "NATO" in names


def test_a_review_and_an_endeavor_are_no_bodies(extractor):
    f = extract(extractor, "Talks\n\nThe ministers discussed the Ruritania Policy Review and the exercise "
                           "Coastal Endeavor, the Ruritanian Defence Council said.")
    names = _all_names(f)
    assert "Ruritania Policy Review" not in names
    assert "Coastal Endeavor" not in names


def test_a_council_is_still_a_body(extractor):
    f = extract(extractor, "Talks\n\nThe Velan Security Council met on Monday in Ruritville, officials said.")
    assert entity_types(f).get("Velan Security Council") == "Organization"


# 2. A world region written only as a modifier of a noun is an adjective, no place of the report.

def test_a_world_region_as_a_modifier_is_no_place(extractor):
    f = extract(extractor, "Talks\n\nThe ministers discussed the president's South Asia strategy in Ruritville "
                           "on Monday. As Jonas Verrick reports from our East Africa bureau, the talks ended late.")
    names = _all_names(f)
    assert "South Asia" not in names and "East Africa" not in names


def test_a_world_region_as_a_place_stays(extractor):
    f = extract(extractor, "Talks\n\nThe group wants to attack targets in East Africa and across Asia, "
                           "Colonel Jonas Verrick said.")
    types = entity_types(f)
    assert types.get("East Africa") == "Location" and types.get("Asia") == "Location"


def test_a_visit_to_a_world_region_keeps_the_region(extractor):
    f = extract(extractor, "Visit\n\nThe general met 200 soldiers during a Balkans visit that also included "
                           "talks in Ruritville.")
    assert entity_types(f).get("Balkans") == "Location"


# 3. Places left without a state: a division named bare, and "X district" around a known town.

def _place(facts, name):
    return next(e for e in facts.entities if e.type == "Location" and e.name == name)


def test_a_division_after_a_base_and_a_comma_is_that_division(extractor):
    f = extract(extractor, "Brigade to deploy\n\nThe 9th Brigade, stationed at Fort Verrick, Texas, will deploy "
                           "about 4,000 soldiers to Ruritania in the spring.")
    texas = _place(f, "Texas")
    assert texas.attributes.get("country_code") == "US"
    assert texas.attributes.get("feature_class") == "A"


def test_a_division_of_a_state_the_report_names_is_placed(extractor):
    f = extract(extractor, "Visit\n\nThe general met guardsmen from North Dakota and U.S. Army officers in "
                           "Ruritville on Monday.")
    assert _place(f, "North Dakota").attributes.get("country_code") == "US"


def test_a_district_named_after_a_known_town_takes_its_state(extractor):
    f = extract(extractor, "Clashes\n\nGunmen killed 20 people in the Gwoza district of Nigeria on Monday, "
                           "officials said.")
    assert _place(f, "Gwoza district").attributes.get("country_code") == "NG"


def test_a_name_in_a_list_after_a_comma_is_not_read_as_a_division(extractor):
    f = extract(extractor, "Clashes\n\nFighting spread to Ruritville, Texas and Velanstad, officials said.")
    texas = next((e for e in f.entities if e.name == "Texas"), None)
    assert texas is None or texas.attributes.get("feature_class") != "A"


def test_a_base_before_a_division_lies_in_it(extractor):
    f = extract(extractor, "Brigade to deploy\n\nThe 9th Brigade, stationed at Fort Verrick, Kansas, will deploy "
                           "to Ruritania in the spring.")
    base = _place(f, "Fort Verrick")
    assert base.attributes.get("country_code") == "US"
    assert _place(f, "Kansas").attributes.get("feature_class") == "A"  # the state, not a hamlet of its name


# 5. A state named only as a modifier is no entity, even where its forces or people are named.

def test_a_state_named_only_as_a_modifier_is_dropped_beside_its_forces(extractor):
    f = extract(extractor, "Ambush\n\nThe report looks into the ambush of U.S. and Ruritanian soldiers near the "
                           "village of Velanstad. U.S. forces later left the area, Colonel Jonas Verrick said.")
    assert "Country" not in {e.type for e in f.entities if e.attributes.get("country_code") == "US"}
    force = next(e for e in f.entities if e.type == "ArmedForce" and e.attributes.get("country_code") == "US")
    assert "affiliation" not in force.attributes


def test_a_state_named_as_an_actor_stays_and_its_forces_point_at_it(extractor):
    f = extract(extractor, "Ambush\n\nThe United States condemned the ambush near Velanstad. U.S. forces later "
                           "left the area, Colonel Jonas Verrick said.")
    state = next(e for e in f.entities if e.type == "Country" and e.attributes.get("country_code") == "US")
    force = next(e for e in f.entities if e.type == "ArmedForce" and e.attributes.get("country_code") == "US")
    assert force.attributes.get("affiliation") == state.id
