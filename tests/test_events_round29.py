"""The twenty-ninth round of event rules for real news (issue 10, item 3: background events with
their own dates): one policy for an event's time reference (docs/extraction.md, "Round 29"), on
short reports invented for these tests, with guards for what the policy must leave alone.
"""

from __future__ import annotations

import datetime as dt

from rule_helpers import asserted, extract, names

from kg.extract.timex import find_times


def _dates(facts, etype, role):
    return sorted((names(facts, v, role), v.date.value if v.date else None) for v in asserted(facts, etype))


# --- its own date phrase: "on <Month> <day>" is a day, whatever word follows

def test_a_day_after_on_is_a_day_before_a_count_word():
    found = [(m.text, m.value.value) for m in find_times("A second strike on April 25 killed two militants.",
                                                          dt.date(2024, 5, 2))]
    assert found == [("April 25", "2024-04-25")]


def test_a_month_and_a_count_without_on_stay_a_month_and_a_count():
    found = [(m.text, m.value.value) for m in find_times("In April 25 people were killed.", dt.date(2024, 5, 2))]
    assert found == [("April", "2024-04")]


def test_a_strike_on_a_day_followed_by_its_toll_is_dated_by_the_day(extractor):
    facts = extract(extractor, "Strikes in Valdoria\n\nThe command said it carried out four strikes in Valdoria in "
                               "April. A second strike on April 25 killed two militants near Marsk.")
    assert (["Marsk"], "2023-04-25") in _dates(facts, "Attack", "location")


# --- the time of the phrase it hangs on: an anniversary's event is years before the anniversary

def test_the_event_of_an_anniversary_is_dated_that_many_years_before(extractor):
    facts = extract(extractor, "Ruritania marks attack\n\nRuritania stands with the people of Valdoria on the fifth "
                               "anniversary of the terrorist attack at the Orlen Cafe in Marsk, which killed 20 people.")
    assert [d for _, d in _dates(facts, "Attack", "location")] == ["2019-03-12"]


def test_an_anniversary_with_its_own_date_counts_back_from_it(extractor):
    facts = extract(extractor, "Valdoria remembers\n\nOn March 2, the tenth anniversary of the bombing of the market "
                               "in Marsk, Valdoria held a ceremony.")
    assert [d for _, d in _dates(facts, "Attack", "location")] == ["2014-03-02"]


# --- the discourse's time: a past event after a sentence telling its background at an earlier time

def test_a_past_event_after_a_since_when_clause_takes_that_year(extractor):
    facts = extract(extractor, "Base attacked in Valdoria\n\nMilitants attacked an army base in Marsk on Tuesday, the "
                               "army said.\n\nThe attack is the bloodiest since 2009, when soldiers stormed a camp of "
                               "the rebels, leaving 80 dead. Twenty militants were killed during the raid on the Orlen "
                               "mosque in Tarvik.")
    assert (["Orlen mosque"], "2009") in _dates(facts, "Attack", "location")
    assert (["Marsk"], "2024-03-12") in _dates(facts, "Attack", "location")


def test_a_past_deployment_after_a_background_month_takes_that_month(extractor):
    facts = extract(extractor, "Clashes in Valdoria\n\nPeacekeepers exchanged fire with militiamen in Marsk on "
                               "Monday.\n\nThe enclave is surrounded by Ruritania, where the militias fled after the "
                               "arrival of the peacekeepers in September 2019. The Ruritanian force was deployed to "
                               "Valdoria after the militias launched a campaign of terror.")
    assert _dates(facts, "Deployment", "destination") == [(["Valdoria"], "2019-09")]


# --- guards: the report's news keeps the report's date

def test_the_leads_news_is_dated_by_the_report(extractor):
    facts = extract(extractor, "Town taken\n\nThe rebels have captured the town of Marsk, a spokesman said.")
    assert _dates(facts, "Capture", "place") == [(["Marsk"], "2024-03-12")]


def test_a_since_phrase_that_is_a_duration_passes_no_time_on(extractor):
    facts = extract(extractor, "Town attacked\n\nRebels attacked Tarvik, a spokesman said.\n\nThe town has been held by "
                               "the army since 2015. Rebels attacked the village of Marsk.")
    assert (["Marsk"], "2024-03-12") in _dates(facts, "Attack", "location")


def test_news_in_the_present_perfect_after_a_background_keeps_the_reports_date(extractor):
    facts = extract(extractor, "Base attacked\n\nMilitants attacked an army base in Marsk, the army said.\n\nThe attack "
                               "is the bloodiest since 2009, when soldiers stormed a camp of the rebels. Rebels have "
                               "seized the town of Tarvik.")
    assert _dates(facts, "Capture", "place") == [(["Tarvik"], "2024-03-12")]


# --- the time of the clause it hangs on: a participle telling the event, a vague span counted back

def test_an_event_noun_takes_the_time_of_the_participle_telling_it(extractor):
    facts = extract(extractor, "Attack condemned\n\nRuritania condemned the attack carried out on Sunday in the "
                               "village of Marsk.")
    assert _dates(facts, "Attack", "location") == [(["Marsk"], "2024-03-10")]


def test_days_after_a_clause_with_no_number_counts_a_few_days_back():
    found = [(m.text, m.value.value, m.shift.anchor) for m in find_times(
        "Just days after the army took control of Marsk, journalists visited the town.", dt.date(2024, 3, 12))]
    assert found == [("Just days after", "2024-03", "clause")]


def test_a_capture_just_days_before_the_news_is_dated_in_the_month_before(extractor):
    facts = extract(extractor, "Town visited\n\nJust days after the army took control of Marsk, a few journalists "
                               "visited the town and reported scenes of devastation.", published="2024-04-01")
    assert _dates(facts, "Capture", "place") == [(["Marsk"], "2024-03")]


def test_a_vague_span_yields_to_the_days_own_date_in_its_clause(extractor):
    facts = extract(extractor, "Troops sent\n\nThe announcement came days after gunmen raided a cattle camp at Marsk, "
                               "in Valdoria, on Thursday, killing at least 15 people.")
    assert [d for _, d in _dates(facts, "Attack", "location")] == ["2024-03-07"]


# --- the report's date for the lead's news: not a time of the background the next sentence tells

def test_the_leads_untimed_attack_does_not_take_a_later_sentences_background_month(extractor):
    facts = extract(extractor, "Army repels gang\n\nThe army says suspected militants in speedboats attacked troops "
                               "guarding the oil terminal at Marsk. The attack was the first since armed groups "
                               "announced a cease-fire last month.")
    assert [d for _, d in _dates(facts, "Attack", "location")] == ["2024-03-12"]


# --- its own date phrase: a bare weekday of something to come is the next one

def test_a_planned_deployment_on_a_bare_weekday_is_the_next_one(extractor):
    facts = extract(extractor, "Troops to deploy\n\nThe commander of the peacekeeping force said his troops will "
                               "deploy to Marsk early Thursday.")
    assert [(v.modality, v.date.value) for v in facts.events if v.type == "Deployment"] == [("planned", "2024-03-14")]


def test_a_done_deployment_on_a_bare_weekday_is_the_last_one(extractor):
    facts = extract(extractor, "Troops deployed\n\nThe commander said his troops deployed to Marsk early Thursday.")
    assert [(v.modality, v.date.value) for v in facts.events if v.type == "Deployment"] == [("asserted", "2024-03-07")]


def test_a_since_clause_that_starts_a_duration_passes_no_time_on(extractor):
    facts = extract(extractor, "Attack in Valdoria\n\nRebels attacked Marsk, a spokesman said.\n\nThe region has seen "
                               "violence since the war began in 2011. Rebels attacked the village of Tarvik.")
    assert (["Tarvik"], "2024-03-12") in _dates(facts, "Attack", "location")
