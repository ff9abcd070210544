"""Geocoding round 25: a place name resolved in its article's context (kg/extract/geo_context.py,
`Resolver._in_article_context` in kg/extract/resolve.py, `Gazetteer.same_name_in`; the instrument
scripts/geocode_context.py; docs/entities.md, "Geocoding round 25").

Every report is an invented sentence; the towns are real, since what is tested is which of the
gazetteer's namesakes the article's context picks.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rule_helpers import extract

from kg.extract.geo_context import ArticleContext, dateline_country, named_countries
from kg.extract.gazetteer import Gazetteer, Place
from script_loader import load_script
from facts_lookup import one_location



@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


_place = one_location


def _state(facts, name):
    e = _place(facts, name)
    return e.attributes.get("country_code") if e.geo is not None else None


# ---- the article's context, read from its text

def test_named_countries_reads_names_aliases_and_demonyms(gaz):
    text = "Lebanese officials met envoys of the United Kingdom and Syria in Beirut. The Lebanese army said so."
    assert named_countries(text, gaz) == Counter({"LB": 2, "GB": 1, "SY": 1})


def test_named_countries_needs_the_words_side_by_side(gaz):
    # "South" ending one line and "Sudan" opening the next are no state's name
    assert "SS" not in named_countries("They marched South\nSudan's envoy said", gaz)


def test_an_all_caps_dateline_gives_its_towns_state(gaz):
    assert dateline_country("Aid arrives\n\nWASHINGTON -- Officials said aid would arrive.", gaz) == "US"
    assert dateline_country("Aid arrives\n\nOfficials in the capital said aid would arrive.", gaz) is None


def test_far_means_no_state_no_neighbour_and_another_continent():
    ctx = ArticleContext(Counter({"SO": 3}))
    town = Place("1", "X", 0.0, 0.0, "CA", "P", None, 500_000)
    neighbour = Place("2", "Y", 0.0, 0.0, "KE", "P", None, 50_000)
    same_continent = Place("3", "Z", 0.0, 0.0, "NG", "P", None, 50_000)
    assert ctx.far_from(town) and not ctx.far_from(neighbour) and not ctx.far_from(same_continent)
    assert ctx.near("KE") and not ctx.near("NG")
    assert not ArticleContext(Counter()).far_from(town)  # (no context: nothing is far)


# ---- a name with namesakes in several states goes to the article's

def test_a_namesake_in_the_state_named_by_its_adjective_wins(extractor):
    f = extract(extractor, "Clashes in the north\n\nGunmen fired on a checkpoint in Tripoli on Sunday, wounding two "
                           "soldiers, Lebanese officials said.")
    assert _state(f, "Tripoli") == "LB"


def test_a_smaller_namesake_in_the_articles_state_beats_a_large_one_abroad(extractor):
    f = extract(extractor, "Protest turns violent\n\nRioters set cars on fire in Cordoba overnight, Spanish officials "
                           "said on Tuesday.")
    assert _state(f, "Cordoba") == "ES"


def test_a_division_named_in_one_state_only_tells_the_articles_state(extractor):
    f = extract(extractor, "Floods\n\nPolice closed roads around Hamilton on Monday after floods across Waikato.")
    assert _state(f, "Hamilton") == "NZ"


def test_a_small_town_in_a_neighbour_of_the_articles_state_is_placed(extractor):
    f = extract(extractor, "Troops move east\n\nA thousand soldiers began moving to Suwalki on Monday near the border "
                           "with Lithuania, the ministry said.")
    assert _state(f, "Suwalki") == "PL"


# ---- a town far from every state of the article stays unresolved

def test_a_town_on_another_continent_is_left_unresolved(extractor):
    f = extract(extractor, "Camp attacked\n\nFighters attacked a camp near Hamilton on Monday, killing three guards, "
                           "Somali police said.")
    e = _place(f, "Hamilton")
    assert e.geo is None and e.attributes.get("country_code") != "CA"


# ---- guards: a place abroad the text names on purpose is kept

def test_a_town_reached_by_travel_is_kept(extractor):
    f = extract(extractor, "Minister visits\n\nThe Somali defence minister flew to Hamilton on Monday for talks with "
                           "donors about the war against al-Shabaab.")
    assert _state(f, "Hamilton") == "CA"


def test_talks_abroad_are_kept(extractor):
    f = extract(extractor, "Talks resume\n\nSyrian government envoys and opposition delegates resumed talks in "
                           "Geneva on Monday while fighting went on near Aleppo.")
    assert _state(f, "Geneva") == "CH" and _state(f, "Aleppo") == "SY"


def test_a_capital_abroad_is_kept(extractor):
    f = extract(extractor, "Strikes go on\n\nFighters attacked a camp near Baidoa on Monday, Somali police said. "
                           "Officials in Washington said the aid would continue.")
    assert _state(f, "Washington") == "US" and _state(f, "Baidoa") == "SO"


def test_a_flight_from_a_base_abroad_is_kept(extractor):
    f = extract(extractor, "Wounded flown out\n\nThe wounded soldiers flew from Ramstein to a hospital after the "
                           "attack in Kandahar, Afghan officials said.")
    assert _state(f, "Ramstein") == "DE"


# ---- the gazetteer's namesake in given states

def test_same_name_in_takes_only_that_very_name(gaz):
    assert gaz.same_name_in("Cordoba", ["ES"]).country_code == "ES"
    assert gaz.same_name_in("Cordoba", ["SO"]) is None
    assert gaz.same_name_in("Cordoba", []) is None


# ---- the instrument

def _instrument():
    return load_script("geocode_context")


def test_the_instrument_lists_a_geocode_out_of_the_articles_context(gaz):
    mod = _instrument()
    facts = {
        "text": "Camp attacked\n\nFighters attacked camps near Hamilton and Mandera, Somali police said.",
        "entities": [
            {"type": "Location", "name": "Hamilton", "attributes": {"country_code": "CA"}, "geo": {"lat": 43, "lon": -79}},
            {"type": "Location", "name": "Mandera", "attributes": {"country_code": "KE"}, "geo": {"lat": 3, "lon": 41}},
            {"type": "Location", "name": "Nowhere", "attributes": {}},
        ],
    }
    found = mod.out_of_context(facts, gaz)
    assert [(f["name"], f["country"], f["context"]) for f in found] == [("Hamilton", "CA", ["SO"])]


def test_a_capital_beats_a_small_look_alike_in_a_state_the_article_names(extractor):
    # a hinted state's village spelled like a capital ("Cabool" for "Kabul") is not that capital
    f = extract(extractor, "Troops land\n\nThe first American soldiers landed in Kabul on Friday, as the militants "
                           "took Kandahar, officials in Washington said.")
    assert _state(f, "Kabul") == "AF" and _state(f, "Kandahar") == "AF"


def test_an_unplaced_town_is_not_placed_in_a_state_named_in_passing(extractor):
    # Chad is the report's state; France is named once, so a French village of that name is not the town
    f = extract(extractor, "Rebels advance\n\nRebels attacked the town of Mios on Monday and then marched west, the Chadian "
                           "army said. Chadian officials said the rebels came from across the border. A French "
                           "spokesman declined to comment.")
    assert _state(f, "Mios") != "FR"


# ---- a town with namesakes in several divisions of one state: the one in the division the article names

def test_a_town_in_the_division_the_article_names(extractor):
    f = extract(extractor, "Gunfight in the hills\n\nGunmen opened fire on villagers near Bishnupur on Monday, killing "
                           "two, Manipur police said. A curfew was imposed across Manipur.")
    e = _place(f, "Bishnupur")
    assert e.geo is not None and e.geo.lon > 92  # (the town in Manipur, not its namesake in West Bengal)


def test_a_state_named_once_in_passing_does_not_bring_its_neighbours_near():
    ctx = ArticleContext(Counter({"SO": 4, "US": 1}))
    assert ctx.core == ["SO"]
    assert ctx.far_from(Place("1", "X", 0.0, 0.0, "CA", "P", None, 500_000))  # (a neighbour of the US only)
    assert not ctx.far_from(Place("2", "Y", 0.0, 0.0, "US", "P", None, 500_000))  # (a state it names)
