"""Extraction round 23 (event misreadings that split incidents, docs/extraction.md): dates.

Invented reports (names made up); each positive test failed before its rule.
"""

from __future__ import annotations

from rule_helpers import extract


def _attacks(f):
    return [v for v in f.events if v.type == "Attack"]


# ----- rule 1: a time between a verb of saying and its clause's subject is the saying's


def test_a_time_right_after_said_dates_the_saying_not_the_event_it_reports(extractor):
    """"said on Tuesday it had repelled the attack": Tuesday is when the army spoke; the attack
    was told on Monday the sentence before, and the two tellings are one attack."""
    f = extract(extractor, "Army repels raid\n\nGunmen attacked an army base in Borno State on Monday.\n\n"
                           "The army said on Tuesday it had repelled the attack on the base in Damboa.",
                published="2021-06-16")
    assert [a.date.value for a in _attacks(f)] == ["2021-06-14"]


def test_a_time_inside_the_reported_clause_stays_its_own(extractor):
    """Guard: "said it had repelled an attack on Tuesday" dates the attack by Tuesday."""
    f = extract(extractor, "Army repels raid\n\nThe army said it had repelled an attack on a base in Damboa "
                           "on Tuesday.", published="2021-06-16")
    assert [a.date.value for a in _attacks(f)] == ["2021-06-15"]


def test_a_plan_reported_after_a_time_is_still_the_reports(extractor):
    """Guard: "said on Tuesday it was sending troops": news of Tuesday (the saying's date)."""
    f = extract(extractor, "Troops sent\n\nGunmen attacked a base in Borno State in May.\n\n"
                           "The army said on Tuesday it had sent reinforcements to Damboa.",
                published="2021-06-16")
    (dep,) = [v for v in f.events if v.type == "Deployment"]
    assert dep.date.value == "2021-06-15"
