"""The forty-fifth round of event rules (issues 10 and 11: first-run misses still present today,
scripts/first_run_events.py). Attacks the merge dropped because their object was a definite site or area the
sentence does not name ("ended the attack on the embassy", "an offensive to regain control of the breakaway area"):
such a noun now points back at the site or area told before it (kg/extract/events/told_sites.py, events.yaml
``r45_told_sites``; docs/extraction.md, "Round 45"). Invented reports; each positive test fails before the round,
each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _places(facts, modality=None) -> list[list[str]]:
    return [names(facts, a, "location") for a in facts.events
            if a.type == "Attack" and (modality is None or a.modality == modality)]


def test_the_attack_on_the_embassy_named_the_sentence_before(extractor):
    facts = extract(extractor, "Statement\n\nYesterday was a long day for the Belmar Embassy and for the people of "
                               "Kelvara. It was local police who ended the attack on the embassy and stopped the "
                               "gunmen.")
    assert [names(facts, a, "location") for a in asserted(facts, "Attack")] == [["Belmar Embassy"]]


def test_an_offensive_to_regain_the_area_told_as_a_region_before(extractor):
    facts = extract(extractor, "Report\n\nOfficials claim control of the capital of the breakaway region of "
                               "Dravonia. Troops launched an offensive to regain control of the breakaway area on "
                               "Friday.")
    assert _places(facts) == [["Dravonia"]]


def test_the_embassy_told_nowhere_before_places_nothing(extractor):
    # guard: no embassy named before, no place: no event
    facts = extract(extractor, "Report\n\nRebels attacked the embassy on Monday, officials said.")
    assert asserted(facts, "Attack") == []


def test_an_area_told_before_with_no_place_places_nothing(extractor):
    # guard: "the northern area" was told with no name
    facts = extract(extractor, "Report\n\nOfficials visited the northern area on Monday. Rebels attacked the area "
                               "on Tuesday.")
    assert asserted(facts, "Attack") == []


def test_an_embassy_named_three_sentences_back_is_too_far(extractor):
    # guard: only the sentence itself and the two before
    facts = extract(extractor, "Statement\n\nThe Belmar Embassy opened in May. Trade grew fast. Many students came. "
                               "Local police ended the attack on the embassy.")
    assert asserted(facts, "Attack") == []


def test_an_offensive_to_regain_a_named_town_is_unchanged(extractor):
    # guard: the purpose clause adds nothing where the attack already names its place
    facts = extract(extractor, "Report\n\nTroops launched an offensive on Kelvara on Friday to regain control of "
                               "the breakaway area of Dravonia.")
    assert _places(facts) == [["Kelvara"]]


# Change 2: "the attacks on X" where X is a country and the attack names no other place: the attack was in X (the
# country was read as the target only, and the merge dropped an attack with no place and no figure).

def test_the_attacks_on_a_country_lie_in_that_country(extractor):
    facts = extract(extractor, "Editorial\n\nMore than three thousand people were murdered last September 11th in "
                               "the al-Qaida attacks on Ghana.")
    assert [names(facts, a, "location") for a in asserted(facts, "Attack")] == [["Ghana"]]


def test_an_attack_on_a_country_with_its_own_town_keeps_the_town(extractor):
    # guard: the town the sentence names stays the place
    facts = extract(extractor, "Report\n\nRebels launched an attack on Ghana's border post near Kelvara on Monday, "
                               "killing four soldiers.")
    assert [names(facts, a, "location") for a in asserted(facts, "Attack")] == [["Kelvara"]]


def test_possible_attacks_on_a_country_are_no_attack(extractor):
    # guard: not asserted, no place given
    facts = extract(extractor, "Report\n\nOfficials warned of possible attacks on Ghana in the coming weeks.")
    assert _places(facts) == []
