"""The twenty-fourth round of event rules for real news (issue 10): the largest classes of a fresh
census of LOOK's event errors (docs/extraction.md, "Round 24"), each on short reports invented for
these tests, with guards for what a rule must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _meetings(facts):
    return sorted((names(facts, v, "participants"), names(facts, v, "location")) for v in asserted(facts, "Meeting"))


# --- one meeting told by the sides' states, then by the people who met (class: one event told
#     several times; LOOK batches C and N for meetings, the class in seven)

def test_a_meeting_told_by_states_then_by_its_people_is_one_meeting(extractor):
    facts = extract(extractor, "Defense leaders meet\n\nChad and Ghana's defense officials discussed a range of "
                               "issues during a meeting at the Defense Ministry in N'Djamena today. Defense Minister "
                               "Karl Osterman hosted Ghana's Crown Prince Anton Merek for these discussions.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Karl Osterman"]]


def test_a_meeting_with_a_visiting_official_then_named_is_one_meeting(extractor):
    facts = extract(extractor, "Envoy received\n\nChad's President Anton Merek has met with a visiting Ghanaian "
                               "diplomat who is seeking approval for a peace plan. Ghana's envoy Mira Lund had "
                               "extended her stay in N'Djamena. Mr. Merek finally met with Lund on Tuesday.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Mira Lund"]]


def test_a_meeting_of_states_on_another_day_stays_apart(extractor):
    facts = extract(extractor, "Defense leaders meet\n\nChad and Ghana's defense officials met in N'Djamena on "
                               "Monday. On Tuesday, Defense Minister Karl Osterman met Ghana's Crown Prince Anton "
                               "Merek in Accra.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Karl Osterman"], ["Chad", "Ghana"]]


def test_a_meeting_of_states_whose_people_are_not_the_later_ones_stays_apart(extractor):
    facts = extract(extractor, "Defense leaders meet\n\nChad and Ghana's defense officials met in N'Djamena on "
                               "Monday. Chad's Defense Minister Karl Osterman also met Peru's Crown Prince Anton "
                               "Merek in N'Djamena on Monday.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Karl Osterman"], ["Chad", "Ghana"]]
