"""Geocoding round 30 (docs/entities.md "Geocoding round 30"): places and their containers.

Reports are invented sentences and invented village names; the states, divisions and towns are real
GeoNames / kg/data records, since what is tested is which record or container the text picks.
"""

from __future__ import annotations

import pytest
from rule_helpers import extract

from kg.fuse.compat import place_relation
from kg.fuse.config import load_config
from kg.fuse.model import reports_from_triples
from kg.graph import iris
from kg.graph.hierarchy import division_named
from kg.graph.mapping import facts_to_triples
from kg.graph.vocab import CKG
from facts_lookup import one_location

CFG = load_config()


@pytest.fixture(scope="module")
def extractor(shipped_extractor):
    """The extractor as shipped (learned filter on), the session's one copy: no second spaCy load."""
    return shipped_extractor


_place = one_location


def _report_places(facts):
    """The places fusion reads for the report's first event, from the document's triples."""
    _, triples = facts_to_triples(facts)
    reports = reports_from_triples(list(triples))
    assert reports, "no report"
    return reports[0].places


# ---- 1. a village the gazetteer lacks, in the state the text puts it in: its own place, within the state

VILLAGE = ("Gunmen kill three in {state} village\nGunmen killed three farmers in the village of Kopraha in "
           "{state} on Monday, police said.")


def test_a_village_in_a_state_is_its_own_place_with_no_point_of_the_state(extractor):
    facts = extract(extractor, VILLAGE.format(state="Niger State"))
    village = _place(facts, "Kopraha")
    assert village.geo is None  # (rounds 17-29: Niger State's centre)
    assert village.attributes.get("feature_class") == "P"
    assert village.attributes.get("unlisted_in") == "Niger State"
    assert village.attributes.get("admin1_code") == division_named("NG", "Niger").code
    assert village.attributes.get("country_code") == "NG"


def test_the_graph_puts_the_village_within_its_division_and_state(extractor):
    facts = extract(extractor, VILLAGE.format(state="Niger State"))
    village = _place(facts, "Kopraha")
    node = iris.entity_iri(village)
    _, triples = facts_to_triples(facts)
    within = {o for s, p, o in triples if s == node and p == CKG.within}
    assert division_named("NG", "Niger").iri in within
    assert iris.state_iri("NG") in within


def test_fusion_reads_the_village_inside_its_state_and_not_as_an_area_holding_its_towns(extractor):
    village = _report_places(extract(extractor, VILLAGE.format(state="Niger State")))[0]
    assert village.lat is None and village.kind == "P"
    state = _report_places(extract(extractor, "Gunmen kill three in Niger State\nGunmen killed three farmers "
                                              "in Niger State on Monday, police said."))[0]
    assert place_relation(village, state, CFG) == "contained"
    town = _report_places(extract(extractor, "Gunmen kill three in New Bussa\nGunmen killed three farmers in "
                                             "New Bussa on Monday, police said."))[0]
    assert town.lat is not None
    # (as the state's centre with its area radius, the village held every town within 160 km of it)
    assert place_relation(village, town, CFG) != "contained"


# ---- 3. a town's other (former) name: GeoNames' alternate names and the text's own words

FORMER = ("Russia claims Holubivka\nKYIV, March 3 - Russia said on Tuesday that its troops had captured Holubivka, a "
          "mining town in eastern Ukraine. Moscow calls the town by its Soviet-era name, Kirovsk.")


def test_a_former_name_of_a_town_the_article_names_is_that_town(extractor):
    facts = extract(extractor, FORMER)
    town = _place(facts, "Holubivka")
    assert "Kirovsk" in town.aliases and town.attributes.get("country_code") == "UA"
    assert not [e for e in facts.entities if e.name == "Kirovsk"]


def test_without_the_rule_the_former_name_is_the_namesake_abroad(extractor, monkeypatch):
    from kg.extract.resolve import Resolver

    monkeypatch.setattr(Resolver, "_other_names_of_towns", lambda self, mentions: None)
    facts = extract(extractor, FORMER)
    assert _place(facts, "Kirovsk").attributes.get("country_code") == "RU"


HELD = ("Units liberate Kirovsk\nUnits of the Southern group of forces today completed the liberation of the "
        "town of Kirovsk of the Luhansk People's Republic, the Ministry of Defence of the Russian Federation "
        "reports.")


def test_the_town_of_x_of_a_holder_of_one_state_lies_in_that_state(extractor):
    town = _place(extract(extractor, HELD), "Kirovsk")
    assert town.attributes.get("country_code") == "UA"
    assert town.links.get("geonames") == extractor.gazetteer.lookup("Holubivka", countries=["UA"]).geonames_id


def test_without_the_holder_the_town_is_the_namesake_of_the_speaker_s_state(extractor, monkeypatch):
    import kg.extract.resolve as resolve

    monkeypatch.setattr(resolve, "_holder_after_of", lambda m, by_start, gaz: None)
    assert _place(extract(extractor, HELD), "Kirovsk").attributes.get("country_code") == "RU"


def test_a_town_named_alone_keeps_its_own_name_s_record(extractor):
    town = _place(extract(extractor, "Blast in Kirovsk\nA gas blast damaged a school in Kirovsk on "
                                     "Monday, officials in Murmansk said."), "Kirovsk")
    assert town.attributes.get("country_code") == "RU"


# ---- 4. a place the text puts in a district or a town: ckg:within that place (a quarter in its city)

def _within(facts, name):
    ent = _place(facts, name)
    holder = ent.attributes.get("within")
    return facts.entity(holder).name if holder else None


DISTRICT = ("Two soldiers killed in ambush\nGunmen ambushed a truck carrying soldiers at Kopraha in Jharkhand's "
            "Latehar district on Friday, killing two soldiers, police said.")


def test_a_village_in_a_province_s_district_lies_in_the_district(extractor):
    facts = extract(extractor, DISTRICT)
    assert _within(facts, "Kopraha") == "Latehar district"
    village = _place(facts, "Kopraha")
    assert village.geo is None and village.attributes.get("country_code") == "IN"


def test_fusion_reads_the_village_inside_the_district_another_report_names(extractor):
    village = _report_places(extract(extractor, DISTRICT))[0]
    district = _report_places(extract(extractor, "Militants claim ambush\nA militant group claimed Friday's ambush "
                                                  "on soldiers in Latehar district in a statement."))[0]
    assert place_relation(village, district, CFG) == "contained"


def test_without_the_container_the_village_is_only_in_the_state(extractor, monkeypatch):
    import kg.extract.resolve as resolve

    monkeypatch.setattr(resolve, "_container", lambda m, by_start: None)
    assert _within(extract(extractor, DISTRICT), "Kopraha") is None


def test_a_quarter_the_text_puts_in_its_city_lies_within_the_city(extractor):
    facts = extract(extractor, "Shelling near Basra\nGunmen shelled Basra's southern suburb of "
                               "Zubair on Monday, killing six civilians.")
    assert _within(facts, "Zubair") == "Basra"
    assert _place(facts, "Zubair").links.get("geonames")  # (its own record, 13 km from the city's)
    _, triples = facts_to_triples(facts)
    suburb_node, city_node = iris.entity_iri(_place(facts, "Zubair")), iris.entity_iri(_place(facts, "Basra"))
    assert (suburb_node, CKG.within, city_node) in set(triples)
    suburb = _report_places(facts)[0]
    city = _report_places(extract(extractor, "Shelling in Basra\nGunmen shelled Basra on "
                                             "Monday, killing six civilians."))[0]
    assert place_relation(suburb, city, CFG) == "contained"  # (as two points 13 km apart: two places)


def test_a_neighbourhood_the_gazetteer_lacks_is_the_city_s(extractor):
    facts = extract(extractor, "Clashes in Basra\nGunmen clashed with guards in Basra's northern "
                               "neighbourhood of Zalmora on Monday, killing four.")
    assert _within(facts, "Zalmora") == "Basra"
    assert _place(facts, "Zalmora").attributes.get("country_code") == "IQ"


def test_a_village_on_the_outskirts_of_a_town_takes_the_town_s_state(extractor):
    facts = extract(extractor, "Raid near Garoua\nFighters killed nine villagers in a night raid on Zintaba, a "
                               "village on the outskirts of Garoua, on Sunday.")
    assert _within(facts, "Zintaba") == "Garoua"
    assert _place(facts, "Zintaba").attributes.get("country_code") == "CM"


def test_a_namesake_abroad_of_a_place_in_a_named_district_is_not_that_place(extractor):
    facts = extract(extractor, "Border guard killed\nA Kyrgyz border guard was killed on Tuesday in a shooting at "
                               "Lenina, in Nookat district, the border service said.")
    village = _place(facts, "Lenina")
    assert village.attributes.get("country_code") == "KG" and village.geo is None  # (not the Russian Lenina)
    assert _within(facts, "Lenina") == "Nookat district"


def test_a_town_far_from_the_town_the_text_seems_to_put_it_in_keeps_its_own_place(extractor):
    facts = extract(extractor, "Gunmen kill three in Zakho\nGunmen killed three policemen in Zakho, a city on the "
                               "outskirts of Basra, on Monday.")
    assert _within(facts, "Zakho") is None
    assert _place(facts, "Zakho").geo is not None


# ---- 2. an article that names no state: its other places say where it is

CAMP = "Troops camp outside Mubi\nSome 800 soldiers have camped outside Mubi since Monday, residents said{}"


def test_another_name_of_a_far_town_is_refused_beside_the_article_s_own_towns(extractor):
    facts = extract(extractor, CAMP.format(", and checkpoints have gone up on the road to Koktash."))
    village = _place(facts, "Koktash")  # (a former name of a town in Tajikistan)
    assert village.geo is None and not village.links.get("geonames")


def test_without_the_rule_the_far_town_stays(extractor, monkeypatch):
    from kg.extract.resolve import Resolver

    monkeypatch.setattr(Resolver, "_by_other_places", lambda self, mentions, free: None)
    facts = extract(extractor, CAMP.format(", and checkpoints have gone up on the road to Koktash."))
    assert _place(facts, "Koktash").attributes.get("country_code") == "TJ"


def test_a_place_the_text_names_as_abroad_is_kept(extractor):
    facts = extract(extractor, CAMP.format(". Their commander flew to Koktash on Friday."))
    assert _place(facts, "Koktash").attributes.get("country_code") == "TJ"


def test_a_district_of_a_town_lies_within_the_town(extractor):
    facts = extract(extractor, "Strike in Basra\nAn aircraft struck militants in Basra's Tannuma district on Monday.")
    assert _within(facts, "Tannuma district") == "Basra"
    assert _place(facts, "Tannuma district").attributes.get("country_code") == "IQ"


def test_a_district_of_a_province_the_gazetteer_lacks_lies_in_the_province(extractor):
    facts = extract(extractor, "Ambush in Badghis\nFighters ambushed a patrol in Badghis's Murghab district on Monday.")
    district = _place(facts, "Murghab district")
    assert district.attributes.get("unlisted_in") == "Badghis" and district.attributes.get("country_code") == "AF"
    assert _within(facts, "Murghab district") is None  # (the place hierarchy puts it in the province)
