"""Entities, round 22 (issue 10): places a new report brings that no curated list holds, measured
with the gazetteer's regions cut to continents, world regions and water (docs/entities.md, "Round 22").

Each test is an invented report; the provinces and towns are invented, except where a rule reads the
world-wide list of first-level divisions (kg/data/admin1.tsv), where a real division no report of the
corpus names is used.
"""

from __future__ import annotations

from rule_helpers import extract


def _places(facts):
    return {e.name: sorted(e.aliases) for e in facts.entities if e.type == "Location"}


# 1. A division named bare and with its word ("the province of X" ... "X province", "Y State" ...
#    "Y"), where the gazetteer knows no town of that name, is one place.

def test_a_province_named_bare_and_with_its_word_is_one_place(extractor):
    f = extract(extractor, "Convoy ambushed\n\nMilitants attacked a supply convoy in the northern province of "
                           "Kelvarou on Sunday, the government said. The army will send 1,000 more troops to "
                           "Kelvarou province, the minister said.")
    places = [n for n in _places(f) if "Kelvarou" in n]
    assert len(places) == 1, _places(f)


def test_a_state_with_a_capital_word_and_the_bare_name_are_one_place(extractor):
    f = extract(extractor, "Raid\n\nGunmen stormed an army base in the town of Dorvaki in northeastern Tarbuni "
                           "State on Saturday. The governor urged the army to send more soldiers to Tarbuni.")
    places = [n for n in _places(f) if "Tarbuni" in n]
    assert len(places) == 1, _places(f)


def test_a_province_beside_a_town_of_its_name_stays_two_places(extractor):
    # guard: where the gazetteer knows a town of the bare name, "X province" is the province around it
    # (as "the X region" beside the city X): two places
    f = extract(extractor, "Shelling\n\nShells hit Chokwe in Mozambique on Monday. Villages across Chokwe district "
                           "lost power.")
    places = [n for n in _places(f) if "Chokwe" in n]
    assert sorted(places) == ["Chokwe", "Chokwe district"], _places(f)


# 2. A group's name written with its fighters' noun and taken whole as one name ("X rebels", "the Y
#    militia") is an armed group's, and the name said alone is that group; an acronym before the noun
#    ("XYZ rebels") is the group's own name.

def _groups(facts):
    return {e.name: sorted(e.aliases) for e in facts.entities if e.type == "ArmedGroup"}


def test_a_name_with_its_militia_noun_and_the_name_alone_are_one_armed_group(extractor):
    f = extract(extractor, "Clashes in the south\n\nOfficials said that al-Tawbar militia attacked an army base "
                           "near the border on Friday. A spokesman for al-Tawbar denied the report.")
    named = [e for e in f.entities if "Tawbar" in e.name]
    assert [e.type for e in named] == ["ArmedGroup"], [(e.name, e.type) for e in f.entities]
    assert "al-Tawbar" in {named[0].name, *named[0].aliases}, _groups(f)


def test_an_acronym_before_rebels_is_the_groups_name(extractor):
    f = extract(extractor, "Rebels attack the town\n\nFighting continued on Monday. In May, 100 people were killed "
                           "in a massacre by ZUNDA rebels in the town of Carvel. The army said ZUNDA rebels fled.")
    assert "ZUNDA" in _groups(f), _groups(f)
    assert "ZUNDA rebels" not in _groups(f), _groups(f)


def test_a_states_adjective_before_rebels_names_no_group_of_the_state(extractor):
    # guard: "Chadian rebels" are not the state, and the state stays a state
    f = extract(extractor, "Rebels advance\n\nChadian rebels attacked a border town on Monday. Chad said its army "
                           "drove them back.")
    assert any(e.name == "Chad" and e.type == "Country" for e in f.entities), [(e.name, e.type) for e in f.entities]
    assert "Chadian" not in _groups(f), _groups(f)


# 3. A name in capitals in the possessive, owning the noun after it ("part of X's peace force", "the
#    defense of Y's eastern flank"), is the body: the place frame before it holds the owned noun.

def _kind(facts, name):
    return [e.type for e in facts.entities if e.name == name or name in e.aliases]


def test_an_acronym_owning_a_force_after_a_place_frame_is_no_place(extractor):
    f = extract(extractor, "Soldiers return home\n\nThe division arrived here last year as part of ZOTA's peace "
                           "implementation force. Officials of ZOTA praised the troops.")
    assert _kind(f, "ZOTA") == ["Organization"], [(e.name, e.type) for e in f.entities]


def test_a_states_acronym_in_the_possessive_stays_the_state(extractor):
    # guard: a state named by its letters is a state, possessive or not
    f = extract(extractor, "Jets arrive\n\nThe jets flew in as part of the UAE's contribution to the coalition.")
    assert _kind(f, "United Arab Emirates") == ["Country"], [(e.name, e.type) for e in f.entities]


def test_a_district_beside_a_town_the_gazetteer_lacks_stays_two_places(extractor):
    # guard: "the X district" around a town X is a place of its own, even where the gazetteer lacks the town
    f = extract(extractor, "Strike\n\nThe number of people killed in a missile strike by Russian forces on Velkansk "
                           "has risen to 15, officials said, after rescuers recovered three more bodies from the ruins "
                           "of a building on the town's central square. The strike was the deadliest in the Velkansk "
                           "district since the spring.")
    places = [n for n in _places(f) if "Velkansk" in n]
    assert sorted(places) == ["Velkansk", "Velkansk district"], _places(f)
