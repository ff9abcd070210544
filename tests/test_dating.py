"""Which time dates which event (kg.extract.dating), on short invented sentences."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Optional

import pytest

from kg.extract.dating import (
    Narrative,
    SentenceTimes,
    Strength,
    _spelling_key,
    date_untimed,
    in_quotation,
    is_definite_mention,
    told_before,
)
from kg.extract.timex import find_times
from kg.models import DateValue
from kg.read.reader import read_text

FRI = dt.date(2015, 10, 2)  # a Friday
TUE = dt.date(2019, 11, 26)  # a Tuesday


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="module")
def event_type(extractor):
    return extractor.events.event_type


def _times(nlp, event_type, text: str, published: dt.date, inherited: Optional[DateValue] = None,
           reference: Optional[DateValue] = None) -> SentenceTimes:
    span = next(iter(nlp(text).sents))
    return SentenceTimes(span, find_times(span.text, published), event_type, reference=reference or inherited,
                         inherited=inherited)


def _token(st: SentenceTimes, word: str):
    return next(t for t in st.span if t.text == word)


def _date(st: SentenceTimes, word: str) -> tuple[Optional[str], Strength]:
    value, strength = st.attach(_token(st, word))
    return (value.value if value else None), strength


def _day(value: str) -> DateValue:
    return DateValue(value, "day", "")


# --------------------------------------------------------------------------- attachment

def test_time_of_the_trigger_itself(nlp, event_type) -> None:
    st = _times(nlp, event_type, "Rebels seized the town of Damboa on Tuesday.", FRI)
    assert _date(st, "seized") == ("2015-09-29", Strength.ATTACHED)


def test_each_clause_keeps_its_own_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The rebels held talks in Accra in February and met again in Lome earlier "
                                 "this month.", FRI)
    assert _date(st, "met")[0] == "2015-10"


def test_time_of_another_event_noun_is_not_taken(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The capture of Damboa follows the army's seizure of Bama in August.", FRI)
    assert _date(st, "seizure") == ("2015-08", Strength.ATTACHED)
    assert _date(st, "capture") == (None, Strength.NONE)


def test_copula_does_not_date_its_subject(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The recapture of Damboa is the latest in a series of gains this year.", FRI)
    assert _date(st, "recapture") == (None, Strength.NONE)
    assert st.main() is not None and st.main().value == "2015"


def test_relative_clause_on_a_subject_is_closed(nlp, event_type) -> None:
    st = _times(nlp, event_type, "Ruritania, which sent troops to Damboa, moved more soldiers across the "
                                 "border in September.", FRI)
    assert _date(st, "sent") == (None, Strength.NONE)


def test_relative_clause_on_an_object_shares_the_main_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "On Tuesday, the militants pulled out of Damboa and Bama, which were taken "
                                 "over by the army without fighting.", FRI)
    assert _date(st, "taken")[0] == "2015-09-29"


def test_relative_clause_takes_the_time_of_its_antecedent(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The group lost the town of Damboa in February, which was retaken by the "
                                 "army, and Bama in June.", FRI)
    assert _date(st, "retaken")[0] == "2015-02"


def test_when_clause_of_a_since_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "It was the deadliest attack since June, when gunmen massacred 40 people in "
                                 "Damboa.", FRI)
    assert _date(st, "massacred")[0] == "2015-06"


def test_since_hanging_from_the_trigger_dates_it(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The ministry said it had sent 500 troops to Damboa since Tuesday.", FRI)
    assert _date(st, "sent")[0] == "2015-09-29"


def test_since_clause_time_is_its_own(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The army has regained control of the bridge since the war began in April "
                                 "last year.", FRI)
    assert _date(st, "regained")[0] is None


def test_listed_places_take_the_time_after_them(nlp, event_type) -> None:
    text = "The army completed the capture of Damboa in May and of Bama, a market town, in August."
    st = _times(nlp, event_type, text, FRI)
    capture = _token(st, "capture")
    assert st.attach(capture, text.index("Bama"))[0].value == "2015-08"
    assert st.attach(capture, text.index("Damboa"))[0].value == "2015-05"


def test_dateline_time_is_not_an_event_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "GENEVA, Nov 26 \u2014 Soldiers recaptured the town of Damboa on Sunday, "
                                 "officials said.", TUE)
    assert [p.mention.text for p in st.placed] == ["Sunday"]
    assert _date(st, "recaptured")[0] == "2019-11-24"


def test_nominal_subject_of_an_outcome_verb_takes_its_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "A drone strike on a school in Damboa earlier this month killed 50 people.", FRI)
    assert _date(st, "strike")[0] == "2015-10"


def test_event_without_a_time_of_its_own_takes_the_sentence_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "Hours after Damboa was recaptured, the rebels launched drones at Bama, "
                                 "hitting a power station late on Sunday.", TUE)
    assert _date(st, "recaptured") == ("2019-11-24", Strength.NEAREST)


# --------------------------------------------------------------------------- reported events

def test_reported_event_takes_the_report_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The army said on Tuesday that it was sending troops to Damboa.", FRI,
                inherited=_day("2015-09-28"))
    assert _date(st, "sending") == ("2015-09-29", Strength.REPORTED)


def test_past_event_reported_days_later_keeps_the_narrative_time(nlp, event_type) -> None:
    text = "The convoy was attacked near Damboa, a spokesman said in a statement on Monday evening."
    st = _times(nlp, event_type, text, FRI, inherited=_day("2015-09-27"))
    assert _date(st, "attacked") == ("2015-09-27", Strength.INHERITED)
    first = _times(nlp, event_type, text, FRI)  # nothing told before: the report's day
    assert _date(first, "attacked") == ("2015-09-28", Strength.REPORTED)


# --------------------------------------------------------------------------- anchored expressions

def test_days_after_a_clause_count_from_the_main_clause(nlp, event_type) -> None:
    st = _times(nlp, event_type, "Soldiers retook Damboa on Thursday, three days after the rebels seized it.", FRI)
    assert _date(st, "seized")[0] == "2015-09-28"
    assert _date(st, "retook")[0] == "2015-10-01"


def test_a_day_earlier_counts_from_the_narrative_time(nlp, event_type) -> None:
    st = _times(nlp, event_type, "A day earlier, the air force bombed rebel positions near Damboa.", TUE,
                reference=_day("2019-11-24"))
    assert _date(st, "bombed")[0] == "2019-11-23"


def test_later_counts_from_an_earlier_time_in_the_sentence(nlp, event_type) -> None:
    st = _times(nlp, event_type, "Rebels attacked Damboa on Monday and withdrew two days later.", FRI,
                reference=_day("2015-09-01"))
    assert [p.value.value for p in st.placed] == ["2015-09-28", "2015-09-30"]


def test_anchored_without_anchor_counts_from_publication(nlp, event_type) -> None:
    st = _times(nlp, event_type, "A day earlier, the air force bombed rebel positions near Damboa.", TUE)
    assert _date(st, "bombed")[0] == "2019-11-25"


# --------------------------------------------------------------------------- main (narrative) time

def test_main_time_prefers_the_report_over_a_plan(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The country will send 500 troops to Damboa later this year, the minister "
                                 "said on Monday.", FRI)
    assert st.main().value == "2015-09-28"


def test_main_time_ignores_a_time_after_publication(nlp, event_type) -> None:
    text = "The envoy said he planned to meet the rebels in Accra next week."
    span = next(iter(nlp(text).sents))
    end_of_month = dt.date(2015, 9, 28)  # next week is in October
    st = SentenceTimes(span, find_times(text, end_of_month), event_type, published=end_of_month)
    assert st.main() is None
    unknown = SentenceTimes(span, find_times(text, end_of_month), event_type)  # publication unknown
    assert unknown.main().value == "2015-10"


def test_main_time_ignores_relative_clauses(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The group, which broke away from the movement in 2016, attacked the base.", FRI)
    assert st.main() is None


def test_main_time_prefers_the_more_precise(nlp, event_type) -> None:
    st = _times(nlp, event_type, "Earlier this month the rebels seized Damboa on Tuesday.", FRI)
    assert st.main().value == "2015-09-29"


# --------------------------------------------------------------------------- helpers

@pytest.mark.parametrize(
    "text, definite",
    [("The attack on Damboa killed ten.", True), ("An attack on Damboa killed ten.", False),
     ("Its fall was swift.", True), ("Attacks on Damboa continued.", False)],
)
def test_definite_event_mentions(nlp, text: str, definite: bool) -> None:
    noun = next(t for t in nlp(text) if t.lemma_.lower() in ("attack", "fall"))
    assert is_definite_mention(noun) is definite


def _frame(type_: str, date: Optional[str], strength: Strength, **roles) -> SimpleNamespace:
    return SimpleNamespace(type=type_, date=_day(date) if date else None, date_strength=strength,
                           modality="asserted", roles={k: list(v) for k, v in roles.items()})


def test_told_before_prefers_the_same_place() -> None:
    names = {"E1": "Tel Kaif", "E2": "Tell Kayf", "E3": "Bama"}.get
    told = [_frame("Attack", "2015-09-25", Strength.ATTACHED, location=["E1"]),
            _frame("Attack", "2015-09-27", Strength.ATTACHED, location=["E3"])]
    assert told_before(_frame("Attack", None, Strength.NONE, location=["E2"]), told, names).value == "2015-09-25"
    assert told_before(_frame("Attack", None, Strength.NONE, location=["E3"]), told, names).value == "2015-09-27"
    assert told_before(_frame("Attack", None, Strength.NONE), told, names).value == "2015-09-27"
    assert told_before(_frame("Attack", None, Strength.NONE, location=["E4"]), told,
                       {"E1": "Tel Kaif", "E3": "Bama", "E4": "Lagos"}.get) is None
    assert told_before(_frame("Capture", None, Strength.NONE), told, names) is None


def test_told_before_takes_an_inherited_date_only_at_the_same_place() -> None:
    told = [_frame("Capture", "2015-09-25", Strength.INHERITED, place=["E1"])]
    assert told_before(_frame("Capture", None, Strength.NONE, place=["E1"]), told, lambda e: "X").value == "2015-09-25"
    assert told_before(_frame("Capture", None, Strength.NONE), told, lambda e: "X") is None


@pytest.mark.parametrize("a, b", [("Haditha", "Hadithah"), ("Tel Kaif", "Tell Kayf"), ("Sa\u00efda", "Saida")])
def test_spelling_key_joins_transliterations(a: str, b: str) -> None:
    assert _spelling_key(a) == _spelling_key(b)


def test_spelling_key_keeps_different_names_apart() -> None:
    assert _spelling_key("Damboa") != _spelling_key("Bama")


def test_in_quotation() -> None:
    text = '"Taking it is a win," he said, and troops were sent.'
    assert in_quotation(text, text.index("Taking"))
    assert not in_quotation(text, text.index("sent"))


def test_untimed_events_get_the_publication_date_unless_quoted() -> None:
    sentence = SimpleNamespace(text='"Sending troops is a reflex." Troops were sent.', start=0, char=lambda t: t)
    quoted = SimpleNamespace(date=None, date_strength=Strength.NONE, sentence=sentence, trigger=1)
    news = SimpleNamespace(date=None, date_strength=Strength.NONE, sentence=sentence, trigger=sentence.text.index("sent."))
    date_untimed([quoted, news], FRI)
    assert quoted.date is None
    assert (news.date.value, news.date_strength) == ("2015-10-02", Strength.PUBLISHED)


# --------------------------------------------------------------------------- narrative across sentences

def test_narrative_carries_within_a_paragraph_and_through_events(nlp, event_type) -> None:
    narrative = Narrative()
    assert narrative.start(0) is None
    first = narrative.place(next(iter(nlp("Rebels stormed the base on Saturday.").sents)),
                            find_times("Rebels stormed the base on Saturday.", FRI), event_type)
    narrative.end(first, [], lambda f: False)
    # a new paragraph inherits from the sentence before
    assert narrative.start(100).value == "2015-09-26"
    plain = "They overran the base."
    st = narrative.place(next(iter(nlp(plain).sents)), find_times(plain, FRI), event_type)
    event = SimpleNamespace(date=narrative.inherited, date_strength=Strength.INHERITED)
    narrative.end(st, [event], lambda f: False)
    assert narrative.start(100).value == "2015-09-26"  # passed on: an event of it used it


def test_narrative_is_not_carried_by_a_paragraph_without_events(nlp, event_type) -> None:
    narrative = Narrative()
    narrative.start(0)
    text = "Rebels stormed the base on Saturday."
    narrative.end(narrative.place(next(iter(nlp(text).sents)), find_times(text, FRI), event_type), [], lambda f: 0)
    narrative.start(100)
    text = "The fighting has sent thousands of people fleeing."
    narrative.end(narrative.place(next(iter(nlp(text).sents)), find_times(text, FRI), event_type), [], lambda f: 0)
    assert narrative.start(100) is None


def test_narrative_is_carried_by_a_paragraph_telling_the_past(nlp, event_type) -> None:
    narrative = Narrative()
    narrative.start(0)
    text = "Rebels stormed the base on Saturday."
    narrative.end(narrative.place(next(iter(nlp(text).sents)), find_times(text, FRI), event_type), [], lambda f: 0)
    narrative.start(100)
    text = "Thousands of people fled."
    narrative.end(narrative.place(next(iter(nlp(text).sents)), find_times(text, FRI), event_type), [], lambda f: 0)
    assert narrative.start(100).value == "2015-09-26"


def test_narrative_dates_a_lead_by_the_next_sentence(nlp, event_type) -> None:
    narrative = Narrative()
    narrative.start(0)
    text = "The army has retaken Damboa."
    lead = SimpleNamespace(date=None, date_strength=Strength.NONE)
    narrative.end(narrative.place(next(iter(nlp(text).sents)), find_times(text, FRI), event_type), [lead],
                  lambda f: False)
    narrative.start(50)
    text = "The town was recaptured on Thursday after heavy fighting."
    narrative.end(narrative.place(next(iter(nlp(text).sents)), find_times(text, FRI), event_type), [],
                  lambda f: False)
    assert (lead.date.value, lead.date_strength) == ("2015-10-01", Strength.NEAREST)


# --------------------------------------------------------------------------- through the extractor

def _extract(extractor, text: str, published: str):
    return extractor.extract(read_text(text, meta={"published": published, "title": text.split("\n")[0]}))


def test_extractor_dates_a_day_earlier_against_the_story(extractor) -> None:
    f = _extract(extractor, "Town retaken\n\nSoldiers recaptured the town of Damboa from Boko Haram on Sunday, "
                            "officials said.\n\n\"We are clearing the roads,\" a commander said.\n\n"
                            "A day earlier, an airstrike on Damboa killed 12 militants.",
                 "2019-11-26")
    attack = next(v for v in f.events if v.type == "Attack")
    assert attack.date.value == "2019-11-23"


def test_extractor_gives_news_without_a_time_the_publication_date(extractor) -> None:
    f = _extract(extractor, "Border\n\nThe Nigerien army said it had deployed additional troops to Diffa.",
                 "2024-04-11")
    deployment = next(v for v in f.events if v.type == "Deployment")
    assert deployment.date.value == "2024-04-11"


def test_extractor_carries_the_story_time_into_the_next_paragraph(extractor) -> None:
    f = _extract(extractor, "Base overrun\n\nMilitants stormed an army base in Damboa on Saturday, officials said."
                            "\n\nThe militants overran the base after a long battle. The militants then took "
                            "control of the town of Damboa, setting fire to a clinic.", "2021-03-02")
    capture = next(v for v in f.events if v.type == "Capture")
    assert capture.date.value == "2021-02-27"


def test_extractor_does_not_carry_it_through_a_present_tense_paragraph(extractor) -> None:
    f = _extract(extractor, "Border\n\nSoldiers retook Damboa on Monday.\n\nOn the other side of the border, "
                            "the fighting has sent thousands of people fleeing. The Nigerien army said it had "
                            "deployed additional troops to Diffa.", "2024-04-11")
    deployment = next(v for v in f.events if v.type == "Deployment")
    assert deployment.date.value == "2024-04-11"


def test_extractor_headline_event_keeps_the_best_dated_telling(extractor) -> None:
    f = _extract(extractor, "Rebels seize Damboa\n\nBoko Haram said on Saturday that it had seized the town of "
                            "Damboa.\n\nThe fall of Damboa extends a campaign the group launched in October "
                            "last year.", "2024-08-05")
    captures = [v for v in f.events if v.type == "Capture"]
    assert [v.date.value for v in captures] == ["2024-08-03"]


def test_extractor_plan_does_not_inherit_from_an_earlier_paragraph(extractor) -> None:
    f = _extract(extractor, "Troops\n\nSoldiers retook Damboa on Monday.\n\nThe army ended its operation in "
                            "Borno in December last year.\n\nOfficials said more troops would be sent to Damboa.",
                 "2024-08-07")
    deployment = next(v for v in f.events if v.type == "Deployment")
    assert (deployment.modality, deployment.date.value) == ("planned", "2024-08-07")


def test_shared_place_of_a_conjoined_clause_does_not_take_the_first_clause_time(nlp, event_type) -> None:
    text = "Damboa was captured by the insurgents in 2019 and retaken by government forces in 2021."
    st = _times(nlp, event_type, text, FRI)
    anchor = text.index("Damboa")
    assert st.attach(_token(st, "captured"), anchor)[0].value == "2019"
    assert st.attach(_token(st, "retaken"), anchor)[0].value == "2021"


def test_a_relative_clause_telling_the_toll_dates_the_event_noun(nlp, event_type) -> None:
    st = _times(nlp, event_type, "The group was blamed for an ambush that killed four police officers "
                                 "in the south last month.", FRI)
    assert _date(st, "ambush") == ("2015-09", Strength.ATTACHED)
