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


# Change 3: a headline that tells no time of its own over a lead telling the same type, asserted, by the same sides,
# on or before the report's day, is the lead's news told short, though the headline names a coarser place ("X"
# over "X district"): it is not output beside the lead's event.

def _deployments(facts) -> list[tuple[list[str], list[str], str]]:
    return sorted((names(facts, d, "agent"), names(facts, d, "destination"), d.date.value)
                  for d in facts.events if d.type == "Deployment")


def test_a_headline_naming_the_town_over_a_lead_naming_its_district_is_one_event(extractor):
    facts = extract(extractor, "Ghana sends more troops to Tamale\n\nGhana sent a further 300 soldiers to Tamale "
                               "district on Monday to guard the market road, officials said.")
    assert _deployments(facts) == [(["Ghana"], ["Tamale district"], "2024-03-11")]


def test_the_headline_is_dropped_beside_another_event_of_the_report(extractor):
    facts = extract(extractor, "Ghana sends more troops to Tamale\n\nGhana sent a further 300 soldiers to Tamale "
                               "district on Monday, officials said. Togo sent 200 police officers to Dapaong on "
                               "Tuesday.")
    assert _deployments(facts) == [(["Ghana"], ["Tamale district"], "2024-03-11"),
                                   (["Togo"], ["Dapaong"], "2024-03-12")]


def test_a_headline_by_another_sender_stays(extractor):
    # guard: the headline's sender is not the lead's: another event
    facts = extract(extractor, "Togo sends more troops to Tamale\n\nGhana sent a further 300 soldiers to Tamale "
                               "district on Monday to guard the market road, officials said.")
    assert (["Togo"], ["Tamale"], "2024-03-12") in _deployments(facts)


def test_a_headline_telling_its_own_time_stays(extractor):
    # guard: the headline dates its event itself ("in January"): not the lead's news told short
    facts = extract(extractor, "Ghana sent troops to Tamale in January\n\nGhana sent a further 300 soldiers to "
                               "Tamale district on Monday to guard the market road, officials said.")
    assert (["Ghana"], ["Tamale"], "2024-01") in _deployments(facts)
