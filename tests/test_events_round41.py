"""The forty-first round of event rules (issues 10 and 11: meetings on fresh text, by mechanism): a
meeting noun whose other party the parser hangs on the place it was held at ("a joint press conference at
the palace with X"); a meeting told again whose new place the parser hangs on "this time" ("met again on
Wednesday, this time in X"); an earlier meeting told as the setting of a later one through a span of time
("met again in X, a month after their first round of talks in Y") (kg/extract/events/meetings.py,
meeting_roles.py ``setting_subject``; docs/extraction.md, "Round 41"). Invented reports; each positive
test fails before the round, each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _pairs(facts, meetings):
    return sorted((tuple(names(facts, m, "participants")), tuple(names(facts, m, "location"))) for m in meetings)


def test_a_press_conference_at_a_place_with_a_minister(extractor):
    facts = extract(extractor, "Talks in Oslo\n\nDefense Secretary Anton Pellgrim met Swedish President Karl "
                               "Osterby in Oslo on Monday. Pellgrim later told reporters at a joint press "
                               "conference at the presidential palace with the Swedish defense minister, "
                               "retired Gen. Jonas Kelberg, that the two countries agreed.")
    meetings = asserted(facts, "Meeting")
    parties = sorted(tuple(names(facts, m, "participants")) for m in meetings)
    assert ("Anton Pellgrim", "Jonas Kelberg") in parties
    assert ("Anton Pellgrim", "Karl Osterby") in parties


def test_met_again_this_time_elsewhere_after_talks_told_before(extractor):
    facts = extract(extractor, "Negotiators meet again\n\nAnton Pellgrim and Jonas Kelberg met again on "
                               "Wednesday, this time in Tiraspol, two weeks after their talks in Bergen ended "
                               "without agreement.", published="2024-02-29")
    meetings = asserted(facts, "Meeting")
    assert _pairs(facts, meetings) == [(("Anton Pellgrim", "Jonas Kelberg"), ("Bergen",)),
                                       (("Anton Pellgrim", "Jonas Kelberg"), ("Tiraspol",))]


def test_met_again_a_month_after_their_first_round_of_talks(extractor):
    facts = extract(extractor, "Envoys meet again\n\nAnton Pellgrim and Jonas Kelberg met again in Oslo on "
                               "Sunday, a month after their first round of face-to-face talks in Bergen, both "
                               "sides said.")
    meetings = asserted(facts, "Meeting")
    assert _pairs(facts, meetings) == [(("Anton Pellgrim", "Jonas Kelberg"), ("Bergen",)),
                                       (("Anton Pellgrim", "Jonas Kelberg"), ("Oslo",))]


# --- guards

def test_a_press_conference_with_reporters_only_is_no_meeting(extractor):
    facts = extract(extractor, "Remarks\n\nAnton Pellgrim spoke at a press conference at the palace with "
                               "reporters on Monday.")
    assert asserted(facts, "Meeting") == []


def test_met_again_this_time_keeps_one_meeting(extractor):
    facts = extract(extractor, "Negotiators meet again\n\nAnton Pellgrim and Jonas Kelberg held talks again on "
                               "Wednesday, this time in Tiraspol.")
    meetings = asserted(facts, "Meeting")
    assert _pairs(facts, meetings) == [(("Anton Pellgrim", "Jonas Kelberg"), ("Tiraspol",))]


def test_one_arrival_after_a_round_of_talks_makes_no_meeting(extractor):
    facts = extract(extractor, "Envoy arrives\n\nAnton Pellgrim arrived in Oslo on Sunday, a month after the "
                               "first round of talks in Bergen.")
    assert asserted(facts, "Meeting") == []


def test_a_month_after_the_war_ended_adds_no_meeting(extractor):
    facts = extract(extractor, "Envoys meet\n\nAnton Pellgrim and Jonas Kelberg met in Oslo on Sunday, a month "
                               "after the fighting in Bergen ended.")
    meetings = asserted(facts, "Meeting")
    assert _pairs(facts, meetings) == [(("Anton Pellgrim", "Jonas Kelberg"), ("Oslo",))]


# --- a meeting whose outcome is denied was held (kg/extract/modality.py ``_outcome_denied``)

def test_a_meeting_that_produced_no_result_was_held(extractor):
    facts = extract(extractor, "Customs\n\nYesterday's meeting in Bergen with Norway's deputy prime minister "
                               "produced no result on the customs duties, Sweden's foreign minister told "
                               "journalists in Oslo.")
    meetings = asserted(facts, "Meeting")
    assert _pairs(facts, meetings) == [(("Norway", "Sweden"), ("Bergen",))]


def test_talks_that_reached_no_agreement_were_held(extractor):
    facts = extract(extractor, "Talks\n\nThe talks in Bergen between Norway and Sweden produced no agreement "
                               "on Monday.")
    assert _pairs(facts, asserted(facts, "Meeting")) == [(("Norway", "Sweden"), ("Bergen",))]


def test_talks_that_did_not_take_place_stay_denied(extractor):
    facts = extract(extractor, "Talks\n\nThe talks in Bergen between Norway and Sweden did not take place on "
                               "Monday.")
    assert asserted(facts, "Meeting") == []


# --- a body's meeting: the one who spoke there and the body (meeting_roles.py ``body_of_meeting``)

def test_one_who_spoke_at_a_bodys_meeting_met_the_body(extractor):
    facts = extract(extractor, "Council\n\nForeign Minister Anton Pellgrim spoke at a NATO meeting in Brussels "
                               "on Tuesday.")
    assert _pairs(facts, asserted(facts, "Meeting")) == [(("Anton Pellgrim", "NATO"), ("Brussels",))]


def test_a_council_meeting_hung_on_the_object_of_the_verb(extractor):
    facts = extract(extractor, "Council\n\nAmbassador Karla Osterby, the U.S. Permanent Representative to the "
                               "United Nations, blasted Russia's belligerence at a Security Council meeting on "
                               "Tuesday.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    parties = names(facts, meetings[0], "participants")
    assert "Karla Osterby" in parties and len(parties) == 2


def test_a_meeting_at_a_bodys_summit_is_no_meeting_with_the_body(extractor):
    facts = extract(extractor, "Council\n\nForeign Minister Anton Pellgrim met Jonas Kelberg at the NATO summit "
                               "in Brussels on Tuesday.")
    assert _pairs(facts, asserted(facts, "Meeting")) == [(("Anton Pellgrim", "Jonas Kelberg"), ("Brussels",))]


def test_a_speech_at_a_meeting_of_no_body_is_no_meeting(extractor):
    facts = extract(extractor, "Council\n\nForeign Minister Anton Pellgrim spoke at a meeting in Brussels on "
                               "Tuesday.")
    assert asserted(facts, "Meeting") == []


# --- the subject the parser hangs on "after" (meeting_roles.py ``name_read_as_object``)

def test_days_after_an_envoy_briefed_a_president(extractor):
    facts = extract(extractor, "Talks resume\n\nThe talks came days after Anton Pellgrim, Washington's envoy, briefed "
                               "President Jonas Kelberg in Kabul on Thursday.")
    assert _pairs(facts, asserted(facts, "Meeting")) == [(("Anton Pellgrim", "Jonas Kelberg"), ("Kabul",))]


def test_a_week_after_one_met_another_keeps_its_reading(extractor):
    facts = extract(extractor, "Ceasefire\n\nThe ceasefire came a week after Anton Pellgrim met Jonas Kelberg "
                               "in Kabul.")
    assert _pairs(facts, asserted(facts, "Meeting")) == [(("Anton Pellgrim", "Jonas Kelberg"), ("Kabul",))]


def test_an_attack_after_talks_met_with_anger_is_no_meeting(extractor):
    facts = extract(extractor, "Anger\n\nThe attack came a day after the talks, and met with anger from Jonas "
                               "Kelberg in Kabul.")
    assert asserted(facts, "Meeting") == []
