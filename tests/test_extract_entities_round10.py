"""Entities round 10, done again with a fusion check (issue 10, and what issue 11's fusion needs).

Each rule on the gazetteer's own records or on short reports invented for these tests
(docs/entities.md, "Round 10, again"): former and alternate names that took a town's name from
it, vowel-blind look-alikes, look-alikes across states, a state the text gives for a place,
title-case datelines, "X-linked" groups, nationality police, unlisted towns, the Khorasan branch.
"""

from __future__ import annotations

import pytest
from rule_helpers import entity_types, extract, names

from kg.extract.gazetteer import Gazetteer, _spelling_variant, light, normalize, strip_article


@pytest.fixture(scope="module")
def gaz(extractor) -> Gazetteer:
    return extractor.gazetteer


# ----- the gazetteer: alternate (often former) names, built from its own records


def _own(gaz: Gazetteer, i: int) -> str:
    return normalize(gaz._index.names[i])


def _names_taken_by_alternates(gaz: Gazetteer) -> list[str]:
    """Keys that are some town's own name and only an alternate name of a larger town elsewhere,
    one that does not spell the larger town's own name (a former name, a stray exonym): the
    cases where a lookup by population alone gave the town's name to the other place."""
    idx = gaz._index
    out = []
    for key in idx.exact:
        if key.startswith("the "):
            continue  # (looked up without its article)
        cities = idx.get(idx.exact, key)
        if len(cities) < 2:
            continue
        own = [i for i in cities if _own(gaz, i) == key]
        alt = [i for i in cities if not _spells(key, _own(gaz, i))]
        if own and alt and max(idx.pop[i] for i in alt) > max(idx.pop[i] for i in own) >= 1000:
            out.append(key)
    return sorted(out)


def test_an_alternate_name_never_beats_a_primary_name_elsewhere(gaz: Gazetteer) -> None:
    """GeoNames keeps former names among alternate names: a larger city once called what a town
    elsewhere is called now must not take the town's name from it. Every such case of the
    gazetteer (a sample of them, the test's time) finds the town that bears the name."""
    keys = _names_taken_by_alternates(gaz)
    assert len(keys) > 1000  # the class is large: the records themselves are the test set
    sample = keys[::15]
    wrong = [k for k in sample if not _spells(k, normalize(gaz.lookup(k).name))]
    assert not wrong, wrong[:20]


def _spells(key: str, own: str) -> bool:
    """``own`` is ``key`` or another spelling of it (what an alternate spelling may still reach)."""
    a, b = light(strip_article(key)), light(strip_article(own))
    return key == own or a == b or _spelling_variant(a, b)


def test_a_former_name_alone_still_reaches_the_city_that_bore_it(gaz: Gazetteer) -> None:
    assert gaz.lookup("Stalingrad").name == "Volgograd"
    found = gaz.lookup("Pokrovsk")  # a Ukrainian town's own name; a Russian city's former one
    assert found is not None and found.country_code == "UA", found


def test_an_alternate_that_spells_the_own_name_beats_a_stray_alternate(gaz: Gazetteer) -> None:
    """GeoNames lists one spelling on two cities of about one size: the one whose own name it
    spells is meant."""
    found = gaz.lookup("Sloviansk")
    assert found is not None and found.name == "Slovyansk", found
    assert gaz.lookup("Odessa").country_code == "UA"  # (the own name spelled with one "s")


def test_a_skeleton_match_must_be_a_spelling_not_another_name() -> None:
    assert _spelling_variant("zoriansk", "zoryansk") and _spelling_variant("beliiwka", "beliyiwka")
    assert _spelling_variant("ermal", "irmal") and _spelling_variant("rusul", "rosul")
    assert not _spelling_variant("klisiwka", "kolisiwka")  # a vowel between two consonants
    assert not _spelling_variant("terwoli", "terwola")  # "i" and "a" are no variants


def _vowel_dropped(name: str) -> str | None:
    """The name with its first vowel between two consonants (after the first letter) left out."""
    low = name.lower()
    for k in range(2, len(low) - 2):
        if low[k] in "aeiou" and low[k - 1] not in "aeiouy" and low[k + 1] not in "aeiouy":
            return name[:k] + name[k + 1:]
    return None


def test_a_vowel_left_out_names_no_town_of_the_records(gaz: Gazetteer) -> None:
    """A vowel-blind (consonant skeleton) match took "Kalesivka" for "Klesivka": built from the
    records, a town's name with one vowel between consonants left out does not find that town
    (unless it is a name of the town as written)."""
    idx = gaz._index
    checked, wrong = 0, []
    for i in range(0, len(idx.names), 97):
        if idx.pop[i] < 5000 or not idx.names[i].isascii() or " " in idx.names[i]:
            continue
        mutated = _vowel_dropped(idx.names[i])
        if mutated is None or idx.get(idx.exact, normalize(mutated)) or idx.get(idx.light, light(normalize(mutated))):
            continue  # (a name of some town, or a spelling of one)
        checked += 1
        found = gaz.lookup(mutated, countries=[idx.cc[2 * i:2 * i + 2]])
        if found is not None and found.geonames_id == str(idx.ids[i]):
            wrong.append((mutated, found.name))
    assert checked > 100 and not wrong, (checked, wrong)


def test_a_look_alike_spelling_does_not_cross_states(gaz: Gazetteer) -> None:
    """Built from the records: a town's name with one vowel swapped for a kindred one (a
    transliteration) finds the town in its own state, never from a report on another state."""
    idx = gaz._index
    swap = {"a": "e", "e": "i", "o": "u", "u": "o", "i": "e"}
    checked = 0
    for i in range(0, len(idx.names), 89):
        name = idx.names[i]
        if idx.pop[i] < 20000 or not name.isascii() or " " in name or len(name) < 6:
            continue
        k = next((k for k in range(len(name) - 2, 0, -1) if name[k] in swap), None)
        if k is None:
            continue
        variant = name[:k] + swap[name[k]] + name[k + 1:]
        if idx.get(idx.exact, normalize(variant)) or idx.get(idx.light, light(normalize(variant))):
            continue  # (a name, or a spelling of one: "ou" and "oo" fold to one light form)
        cc = idx.cc[2 * i:2 * i + 2]
        other = "BR" if cc != "BR" else "IN"
        abroad = gaz.lookup(variant, countries=[other])
        assert abroad is None or abroad.country_code == other or normalize(abroad.name) == normalize(variant), (
            variant, abroad)
        checked += 1
    assert checked > 50
    assert gaz.lookup("Kupiansk", countries=["UA"]).country_code == "UA"  # a transliteration at home
    assert gaz.lookup("Kostiantynivka").name == "Kostyantynivka"


# ----- what the look-alikes had typed: frames instead


def test_a_short_name_typed_a_body_beside_its_valley_is_the_valley(extractor):
    f = extract(extractor, "Fighting\n\nAid agencies say the situation is dire in the Zolvadi Valley, where the "
                           "army fought. Tens of thousands of people are still in Zolvadi and their situation "
                           "is difficult, said a spokesman.")
    valley = next(e for e in f.entities if e.name == "Zolvadi Valley")
    assert valley.type == "Location" and "Zolvadi" in valley.aliases
    assert entity_types(f).get("Zolvadi") is None


def test_a_front_and_a_tribal_agency_in_lower_case_are_places(extractor):
    f = extract(extractor, "Clashes\n\nThere has been heavy shelling along the central Tarveshi front. Residents in "
                           "the nearby tribal agency of Zolvadi say they fled. The Brenzal Front said it fought.")
    types = entity_types(f)
    assert types.get("Tarveshi") == "Location" and types.get("Zolvadi") == "Location", types
    assert types.get("Brenzal Front") != "Location"


# ----- a state the text gives for a place constrains its record


def test_a_stated_state_finds_its_town_by_an_older_name_before_a_namesake_elsewhere(extractor):
    """"X, Syria" in a report that names the United States too: the Syrian town GeoNames lists
    under an older name, not an American town of that very name (every state the report names
    used to weigh as much as the one the text gives for the place)."""
    f = extract(extractor, "Fighting\n\nGunmen seized Palmyra, Syria, on Monday, a United States official said. "
                           "Palmyra had been held by the army.")
    town = next(e for e in f.entities if e.name == "Palmyra")
    assert town.attributes.get("country_code") == "SY" and town.links.get("geonames"), town


# ----- datelines in title case


def _lead(extractor, text: str) -> str:
    from kg.extract.nlp import parse
    from kg.extract.places import body_start

    sent = parse(extractor.nlp, text).sentences[0]
    return sent.span.doc[body_start(sent.span):sent.span.end].text


def test_a_title_case_dateline_is_no_part_of_the_lead(extractor):
    assert _lead(extractor, "Tarvel, Ukraine — Gunmen attacked a checkpoint.").startswith("Gunmen")
    assert _lead(extractor, "Tarvel, Ukraine (Zed News) - Gunmen attacked a checkpoint.").startswith("Gunmen")
    assert _lead(extractor, "Tarvel, 11 September 2023 - Gunmen attacked a checkpoint.").startswith("Gunmen")
    assert _lead(extractor, "TARVEL, Sept 3 - Gunmen attacked a checkpoint.").startswith("Gunmen")


def test_a_sentence_with_dashes_is_no_dateline(extractor):
    assert _lead(extractor, "A suicide bomber - a teenager - killed ten.").startswith("A suicide")
    assert _lead(extractor, "Rebels, 300 of them - killed ten people.").startswith("Rebels")
    assert _lead(extractor, "Tarvel, an old town — and a poor one — fell.").startswith("Tarvel")


def test_a_title_case_datelines_city_is_a_place_and_its_state_no_agent(extractor):
    """NER left the city out and the parse made it the subject, the state in apposition to it the
    attack's agent."""
    f = extract(extractor, "Strike\n\nTarvel, Ukraine — Missiles struck the town of Zolvadi on Monday, killing "
                           "four people.")
    types = entity_types(f)
    assert types.get("Tarvel") == "Location" and types.get("Ukraine") == "Country", types
    assert f.entity(next(e.id for e in f.entities if e.name == "Tarvel")).attributes.get("country_code") == "UA"
    attack = next(v for v in f.events if v.type == "Attack")
    assert "Ukraine" not in names(f, attack, "perpetrator")
    g = extract(extractor, "Attack\n\nTARVEL, Afghanistan (Zed News) - Gunmen attacked a checkpoint on Monday.")
    assert entity_types(g).get("Tarvel") == "Location", entity_types(g)


# ----- "X-linked" and "X-backed" groups


def test_x_linked_militants_name_x_but_x_did_not_act(extractor):
    """"X-linked militants attacked": X (listed or not; NER calls an unknown one a person) is
    named, an armed group, but the attack's perpetrator is not X, and the unnamed fighters are
    no entity (the golds' reading)."""
    f = extract(extractor, "Attack\n\nVorani-linked militants attacked a checkpoint in Zolvadi on Monday, "
                           "killing four soldiers.")
    assert entity_types(f).get("Vorani") == "ArmedGroup", entity_types(f)
    attack = next(v for v in f.events if v.type == "Attack")
    assert names(f, attack, "perpetrator") == []
    g = extract(extractor, "Attack\n\nIslamic State-linked insurgents stormed a village in Zolvadi on Monday.")
    assert entity_types(g).get("Islamic State") == "ArmedGroup" and not any("linked" in n for n in entity_types(g))
    assert all("Islamic State" not in names(g, v, "perpetrator") for v in g.events)


def test_a_group_named_by_its_patron_is_on_the_patrons_side(extractor):
    """"Xia-backed militias": an armed group whose affiliation is the patron state (fusion reads
    the two as one side); "Xia-linked militants" name no group."""
    f = extract(extractor, "Attack\n\nIran-backed militias fired rockets at a base in Zolvadi on Monday.")
    group = next(e for e in f.entities if e.name == "Iran-backed militias")
    iran = next(e for e in f.entities if e.name == "Iran")
    assert group.type == "ArmedGroup" and group.attributes.get("affiliation") == iran.id, group
    g = extract(extractor, "Attack\n\nIran-linked militants fired rockets at a base in Zolvadi on Monday.")
    assert [e.type for e in g.entities if e.type == "ArmedGroup"] == []


# ----- nationality police


def test_nationality_and_police_officers_are_a_state_force(extractor):
    f = extract(extractor, "Deployment\n\nAbout 400 Kenyan police officers arrived in the capital on Monday, "
                           "a Tanzanian police spokesman said.")
    forces = {e.attributes.get("country_code"): e for e in f.entities if e.type == "ArmedForce"}
    assert set(forces) == {"KE", "TZ"}, forces
    assert "Kenyan police" in [forces["KE"].name, *forces["KE"].aliases]
    g = extract(extractor, "Talks\n\nA Tanzanian military spokesman said talks began on Monday.")
    assert not [e for e in g.entities if e.type == "ArmedForce"]  # (a military's speaker: the state's, as before)


def test_a_police_forces_name_is_an_armed_force_with_its_acronym(extractor):
    f = extract(extractor, "Statement\n\nThe National Police of Tanzania (PNT) said gangs attacked a station near "
                           "the Arusha Police Academy. The PNT said it fought back.")
    police = next(e for e in f.entities if "National Police of Tanzania" in [e.name, *e.aliases])
    assert police.type == "ArmedForce" and police.attributes.get("country_code") == "TZ", police
    assert "PNT" in police.aliases and not [e for e in f.entities if e.name == "PNT"]
    assert all(e.type != "ArmedForce" for e in f.entities if "Academy" in e.name)


def test_an_outlet_in_brackets_after_a_dateline_is_no_acronym_of_the_place(extractor):
    f = extract(extractor, "Attack\n\nKABUL (AFP) - Gunmen attacked a checkpoint on Monday.")
    kabul = next(e for e in f.entities if e.type == "Location")
    assert "AFP" not in kabul.aliases


# ----- a branch of a listed actor


def test_a_branch_has_its_parent_as_affiliation(extractor):
    """"ISIS-K" and the Islamic State named in one report: the branch's affiliation is the parent
    (fusion's actor rule then reads them as one side); alone, the branch still says whose it is."""
    f = extract(extractor, "Strike\n\nU.S. forces struck ISIS-K militants in a valley on Monday. The Islamic "
                           "State said five of its fighters died.")
    branch = next(e for e in f.entities if e.name == "Islamic State Khorasan Province")
    parent = next(e for e in f.entities if e.name == "Islamic State")
    assert branch.attributes.get("affiliation") == parent.id, branch
    assert "affiliation" not in parent.attributes
    g = extract(extractor, "Strike\n\nU.S. forces struck ISIS-K militants in a valley on Monday.")
    alone = next(e for e in g.entities if e.name == "Islamic State Khorasan Province")
    assert alone.attributes.get("branch_of") == "Islamic State" and "affiliation" not in alone.attributes
    assert [e.name for e in g.entities if e.type == "ArmedGroup"] == ["Islamic State Khorasan Province"]


def test_an_affiliation_in_the_lexicon_must_name_another_actor(tmp_path):
    from kg.extract.lexicon import Lexicon

    table = tmp_path / "actors.yaml"
    table.write_text("actors:\n  - key: front-a\n    name: Front A\n    type: ArmedGroup\n    affiliation: front-b\n")
    with pytest.raises(ValueError, match="affiliation"):
        Lexicon.load(table)
    table.write_text("actors:\n  - key: front-a\n    name: Front A\n    type: ArmedGroup\n    affiliation: front-b\n"
                     "  - key: front-b\n    name: Front B\n    type: ArmedGroup\n")
    assert Lexicon.load(table).get("front-a").affiliation_name == "Front B"


# ----- a town the gazetteer lacks, in the area the text puts it in


def test_an_unlisted_town_is_somewhere_in_its_province_not_a_point_at_its_centre(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked the Tarveshi Cantonment in Khyber Pakhtunkhwa on Monday.")
    town = next(e for e in f.entities if e.name == "Tarveshi Cantonment")
    province = next(e for e in f.entities if e.name == "Khyber Pakhtunkhwa")
    # (geocoding round 30: a place of its own in the province, with no point; it had the province's class
    # and centre until then)
    assert province.attributes.get("feature_class") == "A" and town.geo is None, town
    assert town.attributes.get("unlisted_in") == "Khyber Pakhtunkhwa" and town.attributes.get("country_code") == "PK"
    assert not town.links.get("geonames")


def test_an_unlisted_town_is_still_the_town(extractor):
    """"the town" points back to it (a description of a town wanted feature class P), and an
    attack there is placed in the town, not in its province."""
    f = extract(extractor, "Capture\n\nMilitants attacked the town of Zolvadi in Khyber Pakhtunkhwa on Monday. "
                           "They took control of the town after a battle.")
    town = next(e for e in f.entities if e.name == "Zolvadi")
    assert town.attributes.get("unlisted_in") == "Khyber Pakhtunkhwa"
    capture = next(v for v in f.events if v.type == "Capture")
    assert names(f, capture, "place") == ["Zolvadi"]


def test_an_unlisted_town_first_named_in_the_headline_still_gets_its_state(extractor):
    f = extract(extractor, "Attack on Tarveshi Cantonment foiled\n\nOn Monday gunmen attempted to enter the "
                           "Tarveshi Cantonment in Khyber Pakhtunkhwa.")
    town = next(e for e in f.entities if e.name == "Tarveshi Cantonment")
    assert town.attributes.get("country_code") == "PK", town


def test_a_cantonment_lies_at_its_town(extractor):
    """"Y Cantonment" is the military station of the town Y: placed at Y (fusion compares it with
    reports of an attack on Y), as "Y base" is."""
    f = extract(extractor, "Attack\n\nGunmen attacked the Peshawar Cantonment in Khyber Pakhtunkhwa on Monday.")
    cantonment = next(e for e in f.entities if e.name == "Peshawar Cantonment")
    city = extractor.gazetteer.lookup("Peshawar", countries=["PK"])
    assert cantonment.geo is not None and abs(cantonment.geo.lat - city.lat) < 0.01, cantonment
    assert cantonment.attributes.get("feature_class") == "P" and not cantonment.attributes.get("unlisted_in")


# ----- classes found on dev A-H, J after the round's items


def test_a_natural_features_name_is_a_place_not_a_person(extractor):
    f = extract(extractor, "Clashes\n\nTroops fought near Tarvel Pass on Monday. Rebels held Phnom Zolvadi, and "
                           "boats sank in the Brenzal Straits. Michael Bay and Tom Lake watched.")
    types = entity_types(f)
    assert types.get("Tarvel Pass") == "Location" and types.get("Phnom Zolvadi") == "Location", types
    assert types.get("Michael Bay") == "Person" and types.get("Tom Lake") == "Person", types


def test_mister_is_an_honorific(extractor):
    f = extract(extractor, "Summit\n\nAriel Sharon met Mahmoud Abbas on Monday. Mister Sharon said the talks went "
                           "well, and Mister Abbas agreed.")
    assert not [e for e in f.entities if e.name.startswith("Mister")], entity_types(f)
    sharon = next(e for e in f.entities if e.name == "Ariel Sharon")
    assert len(sharon.mentions) >= 2


def test_maoist_rebels_are_a_group_but_islamist_insurgents_are_not(extractor):
    f = extract(extractor, "Attack\n\nMaoist rebels attacked an army camp on Monday.")
    assert entity_types(f).get("Maoist rebels") == "ArmedGroup", entity_types(f)
    g = extract(extractor, "Attack\n\nIslamist insurgents attacked an army camp on Monday.")
    assert "Islamist insurgents" not in entity_types(g)


def test_a_peoples_plural_name_is_no_body_but_its_rebels_are_a_group(extractor):
    f = extract(extractor, "Clashes\n\nThe Chechens fled, and Chechen rebels fired at them.")
    types = entity_types(f)
    assert "Chechens" not in types, types
    assert types.get("Chechen rebels") == "ArmedGroup"


def test_a_liberation_front_is_an_armed_group_but_a_liberation_organization_a_body(extractor):
    f = extract(extractor, "Attack\n\nThe Zolvadi Liberation Front attacked a police station on Monday. The Tarvel "
                           "Liberation Organization condemned the attack.")
    types = entity_types(f)
    assert types.get("Zolvadi Liberation Front") == "ArmedGroup", types
    assert types.get("Tarvel Liberation Organization") == "Organization", types


def test_a_dated_datelines_city_and_outlet_are_named(extractor):
    """"CITY, Oct 17 (Outlet) -": NER left the city and the outlet out of some such datelines."""
    f = extract(extractor, "Strike\n\nTARVEL, Oct 17 (Zedbridge) - A missile struck the town of Zolvadi on Tuesday, "
                           "killing 12 people.")
    types = entity_types(f)
    assert types.get("Tarvel") == "Location" and types.get("Zedbridge") == "Organization", types
    attack = next(v for v in f.events if v.type == "Attack")
    assert names(f, attack, "location") == ["Zolvadi"]
