"""The thirty-eighth round of event rules (issue 10: meetings told by pronouns and plural parties, by
mechanism): "the two" of "a week after the two held talks in Y" (which the parser reads as one noun
phrase) are the two people the sentence names before it; "a day after he and B held talks", with the
pronoun and its conjunct parsed as the object of "after", is the light verb's subject
(kg/extract/events/meeting_roles.py ``two_who_held``, ``two_named_before``, ``subject_read_as_object``;
docs/extraction.md, "Round 38"). Invented reports; each positive test fails before the round, each guard
passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _places(facts, meetings):
    return sorted(tuple(names(facts, m, "location")) for m in meetings)


def test_the_two_who_held_talks_a_week_before(extractor):
    facts = extract(extractor, "Talks in Oslo\n\nPrime Minister Anton Pellgrim met Jonas Kelberg in Oslo on "
                               "Friday, a week after the two held talks in Bergen.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 2
    assert all(names(facts, m, "participants") == ["Anton Pellgrim", "Jonas Kelberg"] for m in meetings)
    assert _places(facts, meetings) == [("Bergen",), ("Oslo",)]


def test_he_and_another_held_talks_the_day_before(extractor):
    facts = extract(extractor, "Talks end in Oslo\n\nNorthern commander Anton Pellgrim left Oslo on Tuesday "
                               "without signing a ceasefire agreement, a day after he and Jonas Kelberg, head of "
                               "the Northern Council (NC), held indirect talks in the Norwegian capital brokered "
                               "by Sweden and Finland.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


def test_he_and_another_held_talks_without_a_signing_beside(extractor):
    facts = extract(extractor, "Talks end in Oslo\n\nRebel commander Anton Pellgrim left Oslo on Tuesday, a day "
                               "after he and Jonas Kelberg, head of the Northern Council (NC), held talks in the "
                               "Norwegian capital.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


# --- guards

def test_the_two_with_one_person_named_before_makes_nothing(extractor):
    facts = extract(extractor, "Talks in Oslo\n\nPrime Minister Anton Pellgrim arrived in Oslo on Friday, a "
                               "week after the two held talks in Bergen.")
    assert asserted(facts, "Meeting") == []


def test_the_two_with_three_people_named_before_adds_no_meeting(extractor):
    facts = extract(extractor, "Talks in Oslo\n\nPrime Minister Anton Pellgrim met Jonas Kelberg and Karl "
                               "Osterby in Oslo on Friday, a week after the two held talks in Bergen.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert _places(facts, meetings) == [("Oslo",)]


def test_the_two_who_planned_talks_is_no_meeting(extractor):
    facts = extract(extractor, "Talks in Oslo\n\nPrime Minister Anton Pellgrim met Jonas Kelberg in Oslo on "
                               "Friday, a week after the two planned talks in Bergen.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert _places(facts, meetings) == [("Oslo",)]


def test_talks_that_were_called_off_stay_out(extractor):
    facts = extract(extractor, "Talks off in Oslo\n\nGeneral Anton Pellgrim left Oslo on Tuesday, a day after "
                               "he and Jonas Kelberg called off talks in the capital.")
    assert asserted(facts, "Meeting") == []


def test_the_pronoun_is_the_person_not_the_reporter(extractor):
    facts = extract(extractor, "Talks end in Oslo\n\nThe reporter Karl Osterby wrote that General Anton "
                               "Pellgrim left Oslo on Tuesday, a day after he and Jonas Kelberg held talks in "
                               "the capital.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


def test_a_days_meeting_held_by_the_one_who_returned_not_by_the_teller(extractor):
    facts = extract(extractor, "Talks in Oslo\n\nPresident Anton Pellgrim returned to Bergen on Thursday after "
                               "Wednesday's meeting with Prime Minister Jonas Kelberg in the capital, the Northern "
                               "Council said in a statement.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]


def test_yesterdays_talks_told_by_one_who_held_them(extractor):
    facts = extract(extractor, "Talks in Oslo\n\nJonas Kelberg said on Thursday that yesterday's talks with "
                               "Anton Pellgrim had gone well.")
    meetings = asserted(facts, "Meeting")
    assert len(meetings) == 1
    assert names(facts, meetings[0], "participants") == ["Anton Pellgrim", "Jonas Kelberg"]
