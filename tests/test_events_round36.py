"""The thirty-sixth round of event rules (issues 10 and 11: earlier events told by back-reference):
an event told after "N days after" / "a week after" / "a month after" is another, earlier event,
dated by counting back from the time of the clause it hangs from, whatever shape the parse gives it
(a noun, a gerund, a clause). Invented reports; guards for a planned reference and for a
back-reference to the report's own main event.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _dated(facts, etype, role):
    return sorted((names(facts, v, role), v.date.value if v.date else None) for v in asserted(facts, etype))


# --- a gerund after "two days after", hung on the capture: counted back from the capture's own day

def test_a_capture_told_by_a_gerund_counts_back_from_the_host_capture_day(extractor):
    facts = extract(extractor, "Rebels take Varsk\n\nVARSK, March 12 (Wire) - Rebel forces took the town of Varsk "
                               "from army troops on Saturday, two days after capturing the Dornel base, residents said.",
                    published="2024-03-12")
    dated = _dated(facts, "Capture", "place")
    assert (["Varsk"], "2024-03-09") in dated
    assert any(d == "2024-03-07" for _, d in dated)  # Saturday 9 March less two days, not the report's day less two


# --- a noun after "a day after", "after" hung on the span ("a day after their blast")

def test_an_attack_noun_after_a_day_after_is_the_day_before_the_host_clause(extractor):
    facts = extract(extractor, "Gunmen kill farmer near Korvan\n\nGunmen killed a farmer near Korvan on Sunday night, "
                               "a day after their blast on the Korvan road, police said.", published="2024-03-12")
    dates = [v.date.value for v in asserted(facts, "Attack") if v.date]
    assert "2024-03-09" in dates  # Sunday 10 March less a day


# --- a month: "a month after first taking the town" is the month before, to the month only

def test_a_month_after_counts_back_a_month_at_month_precision(extractor):
    facts = extract(extractor, "Syrian troops retake Orvel\n\nSyrian government forces recaptured the town of Orvel "
                               "in Hama province on June 3, a month after first taking the town, a war monitor said.",
                    published="2024-07-08")
    dated = [(v.date.value, v.date.precision) for v in asserted(facts, "Capture") if v.date]
    assert ("2024-06-03", "day") in dated
    assert ("2024-05", "month") in dated  # a month before June 3, not before the report's day


# --- guards

def test_a_planned_event_after_a_span_stays_planned(extractor):
    facts = extract(extractor, "Ministers meet in Varsk\n\nThe two ministers met in Varsk on Friday, a week before "
                               "they are due to attend talks in Dornel.", published="2024-03-12")
    meetings = asserted(facts, "Meeting")
    assert all(v.date is None or v.date.value != "2024-03-15" for v in meetings)
    assert not any("Dornel" in names(facts, v, "location") for v in meetings)


def test_a_back_reference_to_the_main_event_is_not_a_second_event(extractor):
    facts = extract(extractor, "Bomb kills 12 in Korvan market\n\nA bomb killed 12 people at the Korvan market on "
                               "Monday. The town was calm on Tuesday, a day after the attack on the market.",
                    published="2024-03-12")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert attacks[0].date.value == "2024-03-11"


# --- the report's verb between: "X hit Y on Thursday, officials said, a day after ..." counts from X's day;
#     "on the city's port": the city named before

def test_a_span_hung_on_the_report_counts_from_the_reported_event(extractor):
    facts = extract(extractor, "Missile hits Korvan\n\nA missile hit a hospital in Korvan on Thursday, killing four "
                               "people, officials said, a day after a drone attack on the city's port.",
                    published="2024-03-15")
    dated = _dated(facts, "Attack", "location")
    assert (["Korvan"], "2024-03-14") in dated
    assert (["Korvan"], "2024-03-13") in dated  # the drone attack: Wednesday, at the city told before


def test_an_attack_on_the_city_s_port_with_no_city_before_has_no_place(extractor):
    facts = extract(extractor, "Drone attack\n\nOfficials said a drone attack on the city's port caused damage on "
                               "Monday.", published="2024-03-15")
    assert all(not v.roles.get("location") for v in asserted(facts, "Attack"))
