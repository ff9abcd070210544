"""The forty-sixth round of event rules (issues 10 and 11: the reports the extractor misses in the fusion
articles, the fusion ceiling). Invented reports; each positive test fails before the round, each guard passes on
both (docs/extraction.md, "Round 46"). Also the trace's fusion-dev CHECK batch (r17: totals only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rule_helpers import asserted, extract, names
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]


def _places(facts) -> list[list[str]]:
    return sorted(names(facts, a, "location") for a in asserted(facts, "Attack"))


# Change 1: "five days after the group killed three farmers in X": "the group" points back at the armed people
# told before it in its sentence, so the killing is an attack of its own, counted back from the one it follows.

def test_the_group_told_back_killing_is_an_earlier_attack(extractor):
    facts = extract(extractor, "Farmer shot dead\n\nGunmen shot dead a farmer in Dravo regency on Friday, police "
                               "said, five days after the group killed three farmers in Ostra regency.")
    assert _places(facts) == [["Dravo regency"], ["Ostra regency"]]
    ostra = next(a for a in asserted(facts, "Attack") if names(facts, a, "location") == ["Ostra regency"])
    assert ostra.date.value == "2024-03-03"


def test_the_group_with_no_armed_people_before_it_is_no_attacker(extractor):
    # guard: nothing armed told before "the group" in its sentence
    facts = extract(extractor, "Report\n\nThe group killed time in Ostra regency on Friday.")
    assert asserted(facts, "Attack") == []


def test_a_group_of_students_is_no_attacker(extractor):
    # guard: round 42's "of" rule stands, "the group" must stand alone
    facts = extract(extractor, "Report\n\nGunmen were seen near the school, and the group of students killed "
                               "time in Ostra regency on Friday.")
    assert [a for a in asserted(facts, "Attack") if names(facts, a, "location") == ["Ostra regency"]] == []


# Change 2: a month named with no year for something to come is the next such month ("will send 250 soldiers to X
# in February", said in March, is next February), not the last one (kg/extract/dating.py `_month_ahead`).

def _deployment_dates(facts) -> list[str]:
    return [d.date.value for d in facts.events if d.type == "Deployment"]


def test_a_month_to_come_before_the_report_month_is_next_year(extractor):
    facts = extract(extractor, "Plans\n\nEstonia will send about 250 more soldiers to Latvia in February, the "
                               "minister said on Tuesday.")
    assert _deployment_dates(facts) == ["2025-02"]


def test_a_month_past_stays_this_year(extractor):
    # guard: a deployment told as done
    facts = extract(extractor, "Report\n\nEstonia sent about 250 more soldiers to Latvia in February, the minister "
                               "said on Tuesday.")
    assert _deployment_dates(facts) == ["2024-02"]


def test_a_month_to_come_with_its_year_stays(extractor):
    # guard: the year told
    facts = extract(extractor, "Plans\n\nEstonia will send about 250 more soldiers to Latvia in February 2026, the "
                               "minister said on Tuesday.")
    assert _deployment_dates(facts) == ["2026-02"]


def test_a_month_to_come_after_the_report_month_is_this_year(extractor):
    # April, said in March, is this April (it was read as last April before)
    facts = extract(extractor, "Plans\n\nEstonia will send about 250 more soldiers to Latvia in April, the minister "
                               "said on Tuesday.")
    assert _deployment_dates(facts) == ["2024-04"]


def test_a_month_of_something_that_may_have_happened_stays_past(extractor):
    # guard: "may have" looks back
    facts = extract(extractor, "Report\n\nEstonia may have sent about 250 more soldiers to Latvia in February, the "
                               "minister said on Tuesday.")
    assert all(v.startswith("2024-02") for v in _deployment_dates(facts))


# Change 3: an event noun, the subject of a negated verb, told as having happened with only a property denied
# (kg/extract/modality.py `_property_denied`, events.yaml ``r46_denied_properties``).

def test_an_attack_that_was_not_the_last_happened(extractor):
    facts = extract(extractor, "Review\n\nThe attack in Kelvara on Monday, in which three officers died, "
                               "was not the last in the town that week.")
    assert _places(facts) == [["Kelvara"]]


def test_an_attack_that_did_not_take_place_there_but_targeted_a_base_happened(extractor):
    facts = extract(extractor, "Statement\n\nThe minister said that the drone attack on Kelvara early today did "
                               "not take place inside Estonia but targeted a base across the border.")
    assert _places(facts) == [["Kelvara"]]


def test_an_attack_that_did_not_take_place_stays_denied(extractor):
    # guard: the occurrence itself denied
    facts = extract(extractor, "Statement\n\nThe attack on Kelvara did not take place, the ministry said.")
    assert asserted(facts, "Attack") == []


def test_an_attack_that_did_not_happen_but_was_planned_stays_denied(extractor):
    # guard: "but" and a passive of planning tell no happening
    facts = extract(extractor, "Statement\n\nThe attack on Kelvara did not happen but was planned, the ministry "
                               "said.")
    assert asserted(facts, "Attack") == []


# Change 4: a fixed-date holiday told with no year is the last such day on or before the report
# (kg/extract/dating.py `with_holidays`, events.yaml ``r46_holidays``).

def _attack_dates(facts) -> list[str]:
    return [a.date.value for a in asserted(facts, "Attack")]


def test_new_years_eve_is_the_last_one_before_the_report(extractor):
    facts = extract(extractor, "Report\n\nGunmen attacked a police post in Kelvara on New Year's Eve, killing two "
                               "officers.")
    assert _attack_dates(facts) == ["2023-12-31"]


def test_christmas_day_of_the_report_year(extractor):
    facts = extract(extractor, "Report\n\nGunmen attacked a police post in Kelvara on Christmas Day, killing two "
                               "officers.", published="2024-12-28")
    assert _attack_dates(facts) == ["2024-12-25"]


def test_a_holiday_with_its_year_takes_it(extractor):
    # the year told after the holiday
    facts = extract(extractor, "Report\n\nGunmen attacked a police post in Kelvara on Christmas Day 2019, killing "
                               "two officers.")
    assert _attack_dates(facts) == ["2019-12-25"]


# Change 5: "the killing of four farmers near X" tells one attack as a fighting noun does, with a toll and a place
# (events.yaml ``r46_toll_nouns``).

def test_the_killing_of_counted_people_at_a_place_is_an_attack(extractor):
    facts = extract(extractor, "Review\n\nThe killing of four farmers near Kelvara on October 31 showed that the "
                               "militants can still strike outside their forest.")
    assert _places(facts) == [["Kelvara"]]
    assert asserted(facts, "Attack")[0].quantities["fatalities"].value == 4


def test_the_killing_of_one_person_with_no_place_is_none(extractor):
    # guard: no toll and no place
    facts = extract(extractor, "Review\n\nRights groups condemned the killing of the journalist.")
    assert asserted(facts, "Attack") == []


def test_killings_told_in_general_are_none(extractor):
    # guard: a plural with no count
    facts = extract(extractor, "Review\n\nThe report documents extrajudicial killings in Kelvara.")
    assert asserted(facts, "Attack") == []


# --- the trace over fusion-dev: its CHECK batch is never traced

def _trace_module():
    return load_script("trace_missed")


def test_the_trace_leaves_the_fusion_check_batch_out():
    tm = _trace_module()
    ids = {"r16-i01-a-some-wire": "r16", "r17-i01-a-some-wire": "r17", "i01-a-some-wire": "old"}
    assert tm.fusion_look(ids) == {"r16-i01-a-some-wire": "r16", "i01-a-some-wire": "old"}
    assert "r17" in tm.FUSION_CHECK


def test_the_totals_are_for_fusion_dev_only():
    tm = _trace_module()
    with pytest.raises(SystemExit):
        tm.main(["--set", "realnews-dev", "--totals"])


def test_the_totals_sum_articles():
    tm = _trace_module()
    one = {"events": {"tp": 2, "fp": 1, "fn": 1}, "arguments": {"tp": 4, "fp": 0, "fn": 4}}
    two = {"events": {"tp": 1, "fp": 0, "fn": 1}, "arguments": {"tp": 2, "fp": 2, "fn": 0}}
    got = tm.sum_scores([one, two])
    assert (got["events"]["tp"], got["events"]["fp"], got["events"]["fn"]) == (3, 1, 2)
    assert got["events"]["f1"] == round(2 * 0.75 * 0.6 / 1.35, 4)
    assert (got["arguments"]["tp"], got["arguments"]["fp"], got["arguments"]["fn"]) == (6, 2, 4)
