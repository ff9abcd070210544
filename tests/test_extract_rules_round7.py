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


def test_an_unplaced_attack_is_where_a_later_sentence_says_its_target_is(extractor):
    f = extract(extractor, "Militants repelled\n\nThe army says gunmen in boats attacked troops guarding the "
                           "country's main oil terminal. The attack was the first in a month.\n\n"
                           "Port Harcourt, in the south, is home to the oil terminal and a large refinery.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Port Harcourt"]


def test_a_later_place_not_home_to_the_target_is_not_the_attacks(extractor):
    f = extract(extractor, "Militants repelled\n\nThe army says gunmen in boats attacked troops guarding the "
                           "country's main oil terminal. The attack was the first in a month.\n\n"
                           "Port Harcourt, in the south, is home to a large university.")
    assert all(names(f, v, "location") != ["Port Harcourt"] for v in asserted(f, "Attack"))


def test_the_village_the_group_had_captured_is_the_capture_told_before(extractor):
    f = extract(extractor, "Village retaken\n\nSomali troops recaptured Kurtunwarey on Monday after militants briefly "
                           "took control of the village on Sunday, officials said. The troops counterattacked the "
                           "militants. The militants said in a statement that they had captured the village in "
                           "heavy fighting near Baidoa.")
    caps = asserted(f, "Capture")
    assert all(names(f, v, "place") == ["Kurtunwarey"] for v in caps) and len(caps) == 2


def test_control_of_the_town_is_the_town_attacked_before(extractor):
    f = extract(extractor, "Base overrun\n\nMilitants attacked an army base in the town of Luuq on Friday, "
                           "killing 20 soldiers. The governor of Bakool said at least 40 soldiers died in Luuq and Garbaharey. "
                           "Residents say the militants have taken control of the town and surrounding areas.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Luuq"]


def test_the_base_in_a_named_town_stays_in_that_town(extractor):
    f = extract(extractor, "Camp attacked\n\nMilitants attacked an army camp in the town of Gao on Sunday, "
                           "killing 12 soldiers. The militants briefly seized the base in Kidal.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Kidal"]
