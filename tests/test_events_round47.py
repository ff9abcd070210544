"""The forty-seventh round of event rules (issues 11 and 10: the reports the extractor misses or misplaces in the
fusion articles, the fresh writer r18). Invented reports; each positive test fails before the round, each guard
passes on both (docs/extraction.md, "Round 47").
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _capture_places(facts) -> list[list[str]]:
    return sorted(names(facts, c, "place") for c in asserted(facts, "Capture"))


# Change 1: a wire dateline ("CITY, Country, April 6 (Wire) -") tells where the reporter stood; "the base" taken in
# the lead points back at a place told before it in the body, never at the dateline's town.

def test_the_dateline_is_no_place_told_before_the_base(extractor):
    facts = extract(extractor, "Rebels take base\n\nKANDY, Sri Lanka, April 6 (Island Wire) - Rebels said on "
                               "Friday they had overrun the army base, and that 40 soldiers had surrendered.")
    assert ["Kandy"] not in _capture_places(facts)


def test_a_place_told_before_the_base_in_the_body_stands(extractor):
    # guard: the body names the town before "the base" (no dateline)
    facts = extract(extractor, "Rebels take base\n\nRebels stormed Matale on Thursday and on Friday they overran "
                               "the army base, police said.")
    assert _capture_places(facts) == [["Matale"]]


def test_the_dateline_town_named_again_in_the_body_stands(extractor):
    # guard: the dateline's town told again in the body before "the base" is a place told before it
    facts = extract(extractor, "Rebels take base\n\nKANDY, Sri Lanka, April 6 (Island Wire) - Rebels attacked Kandy "
                               "on Thursday and on Friday they overran the army base, police said.")
    assert _capture_places(facts) == [["Kandy"]]


# Change 2: a definite site told by what it guards ("the last army base guarding the approach to X", "the camp
# overlooking X"), with no place before it in the body, lies at the place its participle names.

def test_the_base_guarding_the_approach_to_a_town_is_placed_there(extractor):
    facts = extract(extractor, "Rebels take base\n\nKANDY, Sri Lanka, April 6 (Island Wire) - Rebels said on "
                               "Friday they had overrun the last army base guarding the northern approach to Matale, "
                               "a market town in the hills, and that 40 soldiers had surrendered.")
    assert _capture_places(facts) == [["Matale"]]


def test_the_camp_overlooking_a_town_is_placed_there(extractor):
    facts = extract(extractor, "Rebels take base\n\nRebels said on Friday they had overrun the last army camp "
                               "overlooking Matale.")
    assert _capture_places(facts) == [["Matale"]]


def test_a_base_housing_soldiers_from_a_town_is_not_placed_there(extractor):
    # guard: a participle that does not guard ("housing 40 soldiers from X") places nothing
    facts = extract(extractor, "Rebels take base\n\nRebels said on Friday they had overrun the army base housing 40 "
                               "soldiers from Matale.")
    assert _capture_places(facts) == []
