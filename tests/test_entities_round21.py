"""Entities, round 21 (issue 10): false entities of the full-lexicon LOOK run, by general cue, each
class seen in at least three LOOK batches (docs/entities.md, "Round 21").

Each test is an invented report with invented names.
"""

from __future__ import annotations

from rule_helpers import extract


def _places(facts):
    return {e.name: sorted(e.aliases) for e in facts.entities if e.type == "Location"}


# 1. A place the report names bare, told elsewhere with a bearing in lower case before it or a loose
#    extent after it ("the southern X Delta", "the north-eastern Y region", "the Z area", "the Z Sea
#    coast"), is that place: one entity, called by its bare name.

def test_a_place_with_a_bearing_is_the_place_named_bare(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked a terminal on Velor Island, in the southern Zelta Delta, "
                           "on Monday. Unrest in the Zelta Delta region has grown for a year.")
    places = _places(f)
    assert "southern Zelta Delta" not in places, places
    assert "southern Zelta Delta" in places.get("Zelta Delta region", []), places


def test_a_region_with_a_hyphenated_bearing_is_the_region(extractor):
    f = extract(extractor, "Retreat\n\nThe offensive drove the invaders from much of the north-eastern Varkiv "
                           "region this week. Officials in the Varkiv region said the roads were open.")
    places = _places(f)
    assert [n for n in places if "Varkiv" in n] == ["Varkiv region"], places


def test_an_area_or_coast_beside_the_place_named_bare_is_that_place(extractor):
    f = extract(extractor, "Arrival\n\nThe marines arrived in Garwin on Monday. They will train in the Garwin "
                           "area until October.")
    assert [n for n in _places(f) if "Garwin" in n] == ["Garwin"], _places(f)
    f = extract(extractor, "Strike\n\nJets struck radar sites on the Selmar Sea coast on Monday. Ships in the "
                           "Selmar Sea were not hit.")
    assert [n for n in _places(f) if "Selmar" in n] == ["Selmar Sea"], _places(f)


def test_a_qualified_place_with_no_bare_namesake_stays(extractor):
    # no bare "Ostrava Bay" in the report, and a capitalised bearing is a name of its own
    f = extract(extractor, "Clashes\n\nFighting spread along the Ostrava Bay coast on Monday. Rebels in North "
                           "Velandra attacked the town of Velandra.")
    places = _places(f)
    assert "Ostrava Bay coast" in places and "North Velandra" in places and "Velandra" in places, places
