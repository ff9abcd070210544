"""The twenty-first round of event rules for real news (issue 10): event-recall classes seen in at
least three LOOK batches once batch N is counted (docs/extraction.md, "Round 21"), each on short
reports invented for these tests, with guards for what a rule must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _dates_by_place(facts):
    return {names(facts, v, "location")[0]: v.date.value for v in asserted(facts, "Attack")
            if names(facts, v, "location") and v.date is not None}


# --- a month named with no year, in a passage of an earlier year, is that year's (class: an event
#     dated in the report's year where the text places it in another; LOOK batches B, F, N)

def test_a_month_and_day_after_a_full_date_of_an_earlier_year_take_that_year(extractor):
    facts = extract(extractor, "Victims of terror\nOn May 6th, 2001, gunmen killed forty people in the town of "
                               "Morvala. On March 27th, a bomb killed eleven people in the town of Kessa.",
                    published="2002-06-05")
    assert _dates_by_place(facts) == {"Morvala": "2001-05-06", "Kessa": "2001-03-27"}


def test_a_month_after_a_year_in_its_own_sentence_takes_that_year(extractor):
    facts = extract(extractor, "Victims of terror\nValdora suffered numerous attacks in 2001, including a bombing "
                               "in the town of Morvala in April that killed twelve people.",
                    published="2002-06-05")
    assert _dates_by_place(facts) == {"Morvala": "2001-04"}


def test_a_bare_year_of_a_sentence_before_sets_no_year(extractor):
    facts = extract(extractor, "Town attacked\nThe Ostmark Front broke away from its parent group in 2016. Its "
                               "fighters killed twelve soldiers in an attack on the town of Morvala in January.",
                    published="2021-03-02")
    assert _dates_by_place(facts) == {"Morvala": "2021-01"}


def test_a_new_paragraph_tells_the_report_s_year_again(extractor):
    facts = extract(extractor, "Victims of terror\nOn May 6th, 2001, gunmen killed forty people in the town of "
                               "Morvala.\n\nOn March 27th, a bomb killed eleven people in the town of Kessa.",
                    published="2002-06-05")
    assert _dates_by_place(facts) == {"Morvala": "2001-05-06", "Kessa": "2002-03-27"}


def test_a_month_told_relative_to_the_report_keeps_its_year(extractor):
    facts = extract(extractor, "Victims of terror\nOn May 6th, 2001, gunmen killed forty people in the town of "
                               "Morvala. In March last year, a bomb killed eleven people in the town of Kessa.",
                    published="2003-06-05")
    assert _dates_by_place(facts)["Kessa"] == "2002-03"
