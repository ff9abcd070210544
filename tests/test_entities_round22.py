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
