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


# ---- fusion's district level (kg/fuse/compat.py district_relation, kg/fuse/model.py PlaceInfo.districts)

from kg.extract import admin2  # noqa: E402
from kg.fuse.compat import compare, place_relation  # noqa: E402
from kg.fuse.config import load_config  # noqa: E402
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report, _district_keys  # noqa: E402

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
PROV = "p:upland"
AMBER, DUN = "XX|01|Amber District", "XX|01|Dun District"
# two towns of one province, 6 km apart, in two districts; a district with no point (as the model reads one)
ORWELL = PlaceInfo("p:orwell", "Orwell", XX, 10.0, 20.0, "P", frozenset({XX, PROV}), districts=frozenset({AMBER}))
PELLOW = PlaceInfo("p:pellow", "Pellow", XX, 10.05, 20.02, "P", frozenset({XX, PROV}), districts=frozenset({DUN}))
AMBER_DISTRICT = PlaceInfo("p:amber", "Amber district", XX, None, None, "A", frozenset({XX, PROV}),
                           districts=frozenset({AMBER}))
# a village the gazetteer lacks, placed at its province's centre (no district known)
VILLAGE = PlaceInfo("p:village", "Quell", XX, 10.3, 20.3, "A", frozenset({XX}), frozenset({"upland"}))


def _attack(iri, doc, place, evidence):
    raiders = ActorInfo("g:raiders", "Raiders", frozenset({"g:raiders", "raiders", "in:" + XX}), C + "ArmedGroup")
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date="2020-05-04", precision="day",
                  published="2020-05-04", publisher=doc, places=(place,), actors={"perpetrator": (raiders,)},
                  quantities={}, evidence=evidence)


def test_two_towns_of_two_districts_are_two_places():
    # without the districts the two towns, 6 km apart, were "near"
    assert place_relation(ORWELL, PELLOW, CFG) == "conflict"
    without = [PlaceInfo(p.iri, p.label, p.country, p.lat, p.lon, p.kind, p.within) for p in (ORWELL, PELLOW)]
    assert place_relation(*without, CFG) == "near"


def test_one_group_s_raids_on_two_towns_of_two_districts_are_two_incidents():
    a = _attack("e:a", "a", ORWELL, "Raiders attacked a police post in Orwell on Monday.")
    b = _attack("e:b", "b", PELLOW, "Raiders attacked a police post in Pellow on Monday.")
    assert compare(a, b, CFG) is None


def test_a_district_holds_its_town():
    assert place_relation(AMBER_DISTRICT, ORWELL, CFG) == "contained"
    a = _attack("e:a", "a", AMBER_DISTRICT, "Raiders attacked a police post in Amber district on Monday.")
    b = _attack("e:b", "b", ORWELL, "Raiders attacked a police post in Orwell on Monday.")
    assert compare(a, b, CFG) is not None


def test_a_town_of_the_next_district_is_left_to_the_other_rules():
    # guard: "near X" is told of a place in the district next to X's
    assert place_relation(PELLOW, AMBER_DISTRICT, CFG) == "country"


def _table_district():
    d = admin2.divisions_named("Buikwe", ["UG"])[0]
    key = admin2.district_key(d)
    place = PlaceInfo("p:buikwe", "Buikwe district", "ug", None, None, "A", frozenset({"ug"}), districts=frozenset({key}))
    return d, place


def test_a_district_and_a_point_far_beyond_its_towns_are_two_places():
    # a point the table puts in no district (a small town, a base): 1.5 degrees north of the district's centre
    d, district = _table_district()
    far = PlaceInfo("p:far", "Farwell", "ug", d.lat + 1.5, d.lon, "P", frozenset({"ug"}))
    assert place_relation(district, far, CFG) == "conflict"


def test_a_district_and_a_point_among_its_towns_are_left_to_the_other_rules():
    # guard: a point the table does not list, within the district's reach, may lie in it
    d, district = _table_district()
    near = PlaceInfo("p:near", "Nearwell", "ug", d.lat + 0.05, d.lon, "P", frozenset({"ug"}))
    assert place_relation(district, near, CFG) == "country"


def test_a_place_with_no_district_is_left_to_the_other_rules():
    # guard: a village placed at its province's centre still holds a town within the area radius
    assert place_relation(VILLAGE, ORWELL, CFG) == "contained"


def test_a_town_and_its_base_of_one_name_stay_one_place_across_a_district_line():
    # guard: the point rules' one place (a name that holds the other, within same_point_km) wins
    base = PlaceInfo("p:orwell-base", "Orwell Air Base", XX, 10.02, 20.01, "P", frozenset({XX, PROV}),
                     districts=frozenset({DUN}))
    assert place_relation(ORWELL, base, CFG) == "same"


def test_the_model_reads_a_town_s_district_and_a_district_s_own():
    d = admin2.divisions_named("Buikwe", ["UG"])[0]
    key = admin2.district_key(d)
    town = f"https://example.org/id/place/geonames-{d.town_ids[0]}"
    assert _district_keys(town, "Somewhere", {}) == frozenset({key})
    own = _district_keys("https://example.org/id/place/buikwe-district", "Buikwe district",
                         {"country_code": "UG", "feature_code": "ADM2", "admin1_code": d.admin1})
    assert own == frozenset({key})
    # guard: the district's first-level code must be its own
    assert _district_keys("https://example.org/id/place/buikwe-district", "Buikwe district",
                          {"country_code": "UG", "feature_code": "ADM2", "admin1_code": "zz"}) == frozenset()
    assert _district_keys("https://example.org/id/place/a-town", "A town", {"country_code": "UG"}) == frozenset()
