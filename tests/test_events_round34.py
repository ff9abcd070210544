"""The thirty-fourth round of event rules (issue 10: meetings and their parties, by mechanism): a
party named by its office is the person the report names beside it ("the envoy for X, A B", "the
Minister of Foreign Affairs of X A B"), not the state or body of the office's own phrase; and the one
who only tells of a meeting ("..., spokesman C said") is no party to it
(kg/extract/events/meeting_roles.py ``office_holders``, ``only_tells``; docs/extraction.md, "Round 34").
Invented reports; each positive test fails before the round, each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_an_envoy_named_after_the_phrase_of_his_office(extractor):
    facts = extract(extractor, "Envoys meet in Oslo\n\nThe Swiss envoy for Norway, Anton Pellgrim, met the "
                               "foreign minister of Chile, Jonas Kelberg, in Oslo on Friday.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


def test_two_envoys_each_named_after_his_office(extractor):
    facts = extract(extractor, "Envoys meet in Oslo\n\nThe UN special envoy for Norway, Anton Pellgrim, and the "
                               "US envoy, Karl Osterby, met the rebels' chief negotiator, Jonas Kelberg, in Oslo "
                               "on Friday.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg", "Karl Osterby"]


def test_the_one_who_tells_of_the_meeting_is_no_party(extractor):
    facts = extract(extractor, "Talks in Lima\n\nPresident Anton Pellgrim met the defense minister of Chile in Lima "
                               "on Friday, Jonas Kelberg said.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Chile"]


# --- guards

def test_a_planned_meeting_of_named_envoys_stays_out(extractor):
    facts = extract(extractor, "Envoys to meet in Oslo\n\nThe Swiss envoy for Norway, Anton Pellgrim, will meet the "
                               "foreign minister of Chile, Jonas Kelberg, in Oslo next week.")
    assert asserted(facts, "Meeting") == []


def test_a_meeting_called_off_stays_out(extractor):
    facts = extract(extractor, "Talks called off\n\nThe Swiss envoy for Norway, Anton Pellgrim, did not meet the "
                               "foreign minister of Chile, Jonas Kelberg, on Friday.")
    assert asserted(facts, "Meeting") == []


def test_a_speaker_who_met_is_still_a_party(extractor):
    facts = extract(extractor, "Talks in Lima\n\nPresident Anton Pellgrim, who met Jonas Kelberg in Lima on Friday, "
                               "told reporters the talks had gone well.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


def test_an_unnamed_minister_still_stands_for_his_state(extractor):
    facts = extract(extractor, "Talks in Lima\n\nPresident Anton Pellgrim met with Chile's foreign minister in Lima "
                               "on Friday.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Chile"]


def test_a_minister_named_right_after_the_state_of_his_office(extractor):
    facts = extract(extractor, "Talks in Lima\n\nPresident Anton Pellgrim met with the Minister of Defence of Chile "
                               "Jonas Kelberg on Friday at the presidential palace in Lima.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


def test_a_meeting_told_by_a_spokesman_keeps_its_two_parties(extractor):
    facts = extract(extractor, "Talks in Lima\n\nPresident Anton Pellgrim and Chilean Defense Minister Jonas Kelberg "
                               "met today in Lima to discuss security, chief spokesman Karl Osterby said in a "
                               "statement.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


# --- the place of a meeting held on the report's day: the dateline's town

DATELINE = ("Pellgrim in Bergen\n\nBERGEN, Norway, March 12, 2024 – Defense Secretary Anton Pellgrim said here today "
            "that the two states would work together. ")


def test_a_meeting_this_morning_is_placed_in_the_dateline_town(extractor):
    facts = extract(extractor, DATELINE + "Following what he called a good meeting this morning with Chilean "
                                          "President Jonas Kelberg, Pellgrim told reporters he was pleased.",
                    published="2024-03-12")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "location") == ["BERGEN"]


def test_a_meeting_of_another_day_takes_no_place_from_the_dateline(extractor):
    facts = extract(extractor, DATELINE + "Pellgrim met Chilean President Jonas Kelberg on Friday to discuss trade, "
                                          "he told reporters.", published="2024-03-12")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "location") == []


# --- the press is no party: a press encounter is no meeting

def test_two_officials_who_briefed_reporters_did_not_meet(extractor):
    facts = extract(extractor, "Strikes go on\n\nAs the strikes continued, Defense Secretary Anton Pellgrim and Gen. "
                               "Jonas Kelberg, chief of the general staff, briefed Pentagon reporters.")
    assert asserted(facts, "Meeting") == []


def test_reporters_met_after_a_meeting_are_no_second_meeting(extractor):
    facts = extract(extractor, "Pellgrim in Lima\n\nThe secretary, Anton Pellgrim, met briefly with U.S. and local "
                               "reporters after meeting with Peruvian President Jonas Kelberg at the palace in Lima.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


def test_a_meeting_with_reporters_and_a_minister_is_kept(extractor):
    facts = extract(extractor, "Pellgrim in Lima\n\nPresident Anton Pellgrim met with reporters and with Defense "
                               "Minister Jonas Kelberg of Chile in Lima on Friday.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) >= 1
    assert "Jonas Kelberg" in names(facts, meetings[0], "participants")


# --- delegates of a side told by its kind: the report's one armed group

REBELS = "Rebels let peacekeepers in\n\nFighters of the Kessa Liberation Front blocked peacekeepers on Wednesday. "


def test_rebel_representatives_stand_for_the_one_rebel_group(extractor):
    facts = extract(extractor, REBELS + "The dispute was resolved after a meeting Friday between rebel "
                                        "representatives and U.N. officials.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Kessa Liberation Front", "United Nations"]


def test_rebel_representatives_are_no_one_when_two_groups_are_named(extractor):
    facts = extract(extractor, "Rebels let peacekeepers in\n\nFighters of the Kessa Liberation Front and of the Morva "
                               "Islamic Movement blocked peacekeepers on Wednesday. The dispute was resolved after "
                               "a meeting Friday between rebel representatives and U.N. officials.")
    assert asserted(facts, "Meeting") == []


def test_rebel_commanders_are_not_delegates(extractor):
    facts = extract(extractor, REBELS + "The dispute was resolved after a meeting Friday between rebel commanders "
                                        "and U.N. officials.")
    assert asserted(facts, "Meeting") == []


def test_a_planned_meeting_of_rebel_representatives_stays_out(extractor):
    facts = extract(extractor, REBELS + "Rebel representatives will meet U.N. officials on Friday.")
    assert asserted(facts, "Meeting") == []


# --- a visit that included meetings: the visitor met

VISIT = "Pellgrim visits Chile\n\nGen. Anton Pellgrim spoke to soldiers "


def test_meetings_a_visit_included_were_held_by_the_visitor(extractor):
    facts = extract(extractor, VISIT + "during a visit that also included official meetings with Chile's president "
                                       "and defense minister.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Chile"]


def test_meetings_a_visit_will_include_stay_out(extractor):
    facts = extract(extractor, VISIT + "on Monday during a visit that will include meetings with Chile's president "
                                       "and defense minister next week.")
    assert asserted(facts, "Meeting") == []


def test_meetings_included_in_no_visit_have_no_visitor(extractor):
    facts = extract(extractor, VISIT + "on Monday about a budget that included meetings with Chile's president.")
    assert asserted(facts, "Meeting") == []
