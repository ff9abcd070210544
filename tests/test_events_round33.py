"""The thirty-third round of event rules for real news (issue 10): false events on fresh text, by
mechanism (docs/extraction.md, "Round 33"), on short reports invented for these tests: events of
another domain or no events at all by the guidelines, with guards for the true events of the same shape.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _meetings(facts):
    return [names(facts, v, "participants") for v in asserted(facts, "Meeting")]


# --- a briefing of the press is no meeting (events/press.py)

def test_officials_briefing_reporters_is_no_meeting(extractor):
    facts = extract(extractor, "Strikes\n\nAs the strikes continued, Defense Secretary Tom Varnell and Gen. Ulo "
                               "Markam briefed Pentagon reporters.")
    assert _meetings(facts) == []


def test_meeting_reporters_after_a_meeting_leaves_the_meeting_alone(extractor):
    facts = extract(extractor, "Visit\n\nDefense Minister Tom Varnell met with Xandrian President Ulo Markam at the "
                               "palace on Tuesday. Varnell met briefly with U.S. and local reporters after meeting "
                               "with Markam.")
    assert _meetings(facts) == [["Tom Varnell", "Ulo Markam"]]


def test_guard_a_party_met_beside_the_press_is_a_meeting(extractor):
    facts = extract(extractor, "Talks\n\nDefense Minister Tom Varnell met with Xandrian President Ulo Markam and "
                               "reporters in Dorva on Tuesday.")
    assert _meetings(facts) == [["Tom Varnell", "Ulo Markam"]]


def test_guard_an_official_briefing_another_is_a_meeting(extractor):
    facts = extract(extractor, "Talks\n\nGen. Ulo Markam briefed Defense Minister Tom Varnell in Dorva on Tuesday.")
    assert _meetings(facts) == [["Tom Varnell", "Ulo Markam"]]
