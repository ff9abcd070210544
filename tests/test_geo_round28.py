"""Geocoding round 28 (issues 10 and 11; docs/entities.md, "Geocoding round 28").

1. ``places._inside``: a first-level division the gazetteer gives without a code (a curated region, "X
   state") held every town of its country, so that two attacks in two states, each told in its own
   "In X state, ..." sentence, were folded into one. It now takes the code of the division of that name.
2. Fusion's district level (kg/fuse/compat.py): two towns in different second-level divisions of one
   province are two places; a town and the district it lies in are one.

Invented reports; the fold test fails before the round, the guards pass on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names

from kg.extract.gazetteer import Place
from kg.extract.places import admin1_code


def _attack_places(facts) -> list[list[str]]:
    return sorted(names(facts, a, "location") for a in asserted(facts, "Attack"))


def test_two_towns_told_in_two_states_are_two_attacks(extractor):
    # the second state is a curated region with no code of its own: it held the first state's town
    facts = extract(extractor, "Raids in the north\n\nIn Zamfara state, witnesses say Boko Haram militants took "
                               "over the town of Gusau, killing dozens of villagers.\n\nIn Yobe state, suspected Boko "
                               "Haram gunmen attacked the small town of Dorvatta on Sunday, injuring three soldiers.")
    places = _attack_places(facts)
    assert len(places) == 2
    assert ["Gusau"] in places
    assert all("Gusau" not in p for p in places if "Dorvatta" in p)


def test_a_town_of_the_state_still_folds_into_the_state_s_attack(extractor):
    # guard: the state's code, now known, is the town's own
    facts = extract(extractor, "Raid in the north\n\nIn Yobe state, Boko Haram fighters attacked a market on Sunday, "
                               "killing 12 traders.\n\nResidents said the Boko Haram gunmen attacked the town of "
                               "Potiskum on Sunday and killed 12 people.")
    assert _attack_places(facts) == [["Potiskum"]]


def _curated(name: str, country: str, code: str | None = None) -> Place:
    return Place(geonames_id="", name=name, lat=0.0, lon=0.0, country_code=country, feature_class="A",
                 feature_code="ADM1", population=0, admin1=code)


def test_a_curated_state_takes_the_code_of_its_division_by_name():
    # "Yobe" and "Yobe State" are names of one Nigerian division; its code is that of a town in it
    town = Place(geonames_id="1", name="Potiskum", lat=0.0, lon=0.0, country_code="NG", feature_class="P",
                 feature_code=None, population=0, admin1="44")
    assert admin1_code(_curated("Yobe", "NG")) == admin1_code(_curated("Yobe State", "NG")) == town.admin1
    assert admin1_code(_curated("Zamfara", "NG")) not in (None, town.admin1)


def test_a_region_no_division_is_named_after_keeps_no_code():
    # guard: no guess where no first-level division bears the name, nor for an area of several
    assert admin1_code(_curated("Nowhere Highlands", "NG")) is None
    made_of_several = Place(geonames_id="", name="Yobe", lat=0.0, lon=0.0, country_code="NG", feature_class="A",
                            feature_code="ADMD", population=0)
    assert admin1_code(made_of_several) is None
