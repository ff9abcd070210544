"""The seventh round of rules for real news (issue 10): the event's most specific place.

An attack or capture whose own clause names no place, or only a broader one, takes the place the
report points to: a definite place noun ("seized the base") names again the place of the attack or
capture told before; a dateline "PLACE, COUNTRY" gives the place when the body names it again beside
the event (never the filing city alone). Each rule on short reports invented for these tests, with a
guard for what it must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_the_base_a_capture_seized_is_the_camp_attacked_before(extractor):
    f = extract(extractor, "Camp attacked\n\nMilitants attacked an army camp in the town of Gao on Sunday, "
                           "killing 12 soldiers. The militants briefly seized the base in the Timbuktu region.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Gao"]


def test_an_indefinite_base_is_no_place_told_before(extractor):
    f = extract(extractor, "Camp attacked\n\nMilitants attacked an army camp in the town of Gao on Sunday, "
                           "killing 12 soldiers. The militants also seized a base in the Timbuktu region.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Timbuktu region"]


def test_the_dateline_place_named_beside_the_attack_is_its_place(extractor):
    f = extract(extractor, "Rebel attack\n\nGISENYI, Rwanda -- Rebels launched their first attack in the country "
                           "in a year last week, killing 12 people. Gisenyi residents said the gunmen came at night.")
    [v] = asserted(f, "Attack")
    assert [n.lower() for n in names(f, v, "location")] == ["gisenyi"]


def test_the_filing_city_named_only_in_the_dateline_is_not_the_place(extractor):
    f = extract(extractor, "Rebel attack\n\nKIGALI, Rwanda -- Rebels launched their first attack in the country "
                           "in a year last week, killing 12 people. Residents said the gunmen came at night.")
    [v] = asserted(f, "Attack")
    assert [n.lower() for n in names(f, v, "location")] != ["kigali"]
