"""The forty-ninth round of event rules (issue 10: meetings whose parties are told by office, the holder named
elsewhere in the report or never). Invented reports; each positive test fails before the round, each guard passes
on both (docs/extraction.md, "Round 49").
"""

from __future__ import annotations

import pytest

from rule_helpers import asserted, extract, meeting_participants, names


_participants = meeting_participants


# Change 1: an office noun as a meeting's party ("the Chilean leader", "Peru's president", "the secretary") is the one
# person the report names with that office, in any case and on either side of the name ("Chilean leader Tomas
# Varga", "Ana Ruiz, Peru's president").

@pytest.mark.parametrize("text", [
    # the office told in lower case before the name, after the meeting
    "Talks in Lima\n\nSecretary of State Mark Doyle arrived in Lima on Monday. The secretary and the Chilean leader "
    "held five hours of talks on Monday. Chilean leader Tomas Varga said later he was pleased.",
    # the office told in apposition after the name, before the meeting
    "Talks in Lima\n\nSecretary of State Mark Doyle arrived in Lima on Monday, where Tomas Varga, Chile's leader, "
    "was staying. The secretary and the Chilean leader held talks on Monday.",
])
def test_an_office_is_the_person_told_with_it(extractor, text):
    facts = extract(extractor, text)
    assert ["Mark Doyle", "Tomas Varga"] in _participants(facts)


def test_a_states_office_is_its_holder_named_in_apposition(extractor):
    facts = extract(extractor, "Talks in Quito\n\nPeru's president and Chile's president met in Quito on Monday "
                               "to discuss the border. Elena Marquez, Peru's president, said the talks went well, "
                               "and Tomas Varga, Chile's president, agreed.")
    assert _participants(facts) == [["Elena Marquez", "Tomas Varga"]]


def test_an_office_held_by_two_named_people_stands_for_neither(extractor):
    # guard: two presidents of the report, "the president" is neither; the meeting is not made up of a guess
    facts = extract(extractor, "Talks in Quito\n\nPresident Ana Ruiz visited Quito. President Tomas Varga stayed "
                               "home. The president and the Bolivian leader held talks on Monday.")
    assert not any("Ana Ruiz" in p or "Tomas Varga" in p for p in _participants(facts))


def test_the_president_is_not_the_vice_president(extractor):
    # guard: an office of a lower rank is another office
    facts = extract(extractor, "Talks in Quito\n\nVice President Ana Ruiz visited Quito. The president and Chile's "
                               "leader, Tomas Varga, held talks on Monday.")
    assert not any("Ana Ruiz" in p for p in _participants(facts))


# Change 2: "the two defence ministers" with no meeting of two told before are the two people the report names
# with that office.

def test_the_two_ministers_are_the_two_named_with_that_office(extractor):
    facts = extract(extractor, "Ministers in Lima\n\nChilean Defence Minister Tomas Varga flew to Lima on Monday. "
                               "Peruvian Defence Minister Ana Ruiz welcomed the visit. The two defence ministers held "
                               "talks on the border in Lima on Tuesday.")
    assert ["Ana Ruiz", "Tomas Varga"] in _participants(facts)


def test_the_two_ministers_with_three_so_named_are_no_one(extractor):
    # guard: three defence ministers named, "the two" cannot be told apart
    facts = extract(extractor, "Ministers in Lima\n\nChilean Defence Minister Tomas Varga, Peruvian Defence Minister "
                               "Ana Ruiz and Bolivian Defence Minister Luis Mora flew to Lima on Monday. The two "
                               "defence ministers held talks on the border in Lima on Tuesday.")
    assert _participants(facts) == []


# Change 3: an office with a state whose holder the report never names stands for the state as the meeting's
# subject, as it already did as the object ("met the Chilean leader").

def test_an_unnamed_office_of_a_state_as_subject_is_the_state(extractor):
    facts = extract(extractor, "Talks in Lima\n\nPeru's Foreign Minister Ana Ruiz returned to Lima from Chile on "
                               "Monday. The Chilean leader and Ruiz held talks in Lima on Tuesday.")
    assert ["Ana Ruiz", "Chile"] in _participants(facts)


# Change 4: a meeting noun, the passive subject of "expect" or "schedule", is still to come; and a meeting told as
# held joined to a telling of it as to come is held.

def test_talks_expected_on_a_day_are_planned(extractor):
    facts = extract(extractor, "Talks in Lima\n\nPeruvian President Ana Ruiz and Chilean President Tomas Varga met "
                               "in Lima on Monday. Officials say another round of talks between Ruiz and Varga is "
                               "expected Friday.")
    assert _participants(facts) == [["Ana Ruiz", "Tomas Varga"]]
    assert not any(m.date and m.date.value.endswith("-15") for m in asserted(facts, "Meeting"))


def test_the_attack_planned_abroad_happened(extractor):
    # guard: "was planned" tells how an attack was made, not that it is to come
    facts = extract(extractor, "Bombing\n\nThe bombing of the market in Dolmir on Monday was planned abroad, "
                               "police said, and killed 12 people.")
    assert asserted(facts, "Attack")


def test_talks_to_come_then_held_are_held(extractor):
    facts = extract(extractor, "Talks in Lima\n\nOfficials say Peruvian President Ana Ruiz will have to make "
                               "progress in her talks with Chilean President Tomas Varga. Ruiz and Varga held three "
                               "hours of talks in Lima on Monday.")
    assert _participants(facts) == [["Ana Ruiz", "Tomas Varga"]]


# Change 5: "X met with leaders ... including:" and one bulleted line per meeting: X met the people of each line.

_LIST = ("Tour\n\nDefense Secretary John Harper met with leaders over the last several days{}\n\n"
         "- Peruvian Defense Minister Elena Marquez\n"
         "- Chilean President Tomas Varga and Chilean Foreign Minister Pablo Serrano\n\n"
         "Harper will return home on Friday.")


def test_a_bulleted_list_of_meetings_is_one_meeting_per_line(extractor):
    facts = extract(extractor, _LIST.format(" including:"))
    assert _participants(facts) == [["Elena Marquez", "John Harper"], ["John Harper", "Pablo Serrano", "Tomas Varga"]]


def test_a_list_not_opened_by_the_meeting_sentence_is_no_meeting(extractor):
    # guard: the meeting's sentence does not end with the colon that opens the list
    facts = extract(extractor, _LIST.format(". His aides were:"))
    assert _participants(facts) == []


# Change 6: a sending verb as a participle on a noun that is no force ("the message being sent to X") sends none.

def test_a_message_being_sent_is_no_deployment(extractor):
    facts = extract(extractor, "Talks\n\nHe said that is the message being sent to Bolivia by the Peruvians and the "
                               "Chileans.")
    assert [d for d in facts.events if d.type == "Deployment"] == []


def test_troops_being_sent_are_a_deployment(extractor):
    # guard: the same participle on troops still sends them
    facts = extract(extractor, "Troops\n\nPeru said the 300 soldiers being sent to Bolivia would leave on Monday.")
    assert [d for d in facts.events if d.type == "Deployment"]


# Change 7: an accusation naming its deed by an attack noun ("accused X of ordering the pipeline attacks") blames the
# attack told before by that noun, never another attack of the sentences before it.

_BLAME = ("Strikes\n\nArmy jets carried out airstrikes on Dolmir on Monday that killed six people. The airstrikes "
          "hit several houses in the town. The Sanjar Liberation Front claimed drone attacks against a pipeline in "
          "Peru last week. The minister accused Bolivia of {} attacks.")


@pytest.mark.parametrize("deed", ["ordering the pipeline", "the pipeline"])
def test_an_accusation_of_attacks_blames_those_attacks_only(extractor, deed):
    facts = extract(extractor, _BLAME.format(deed))
    strikes = [a for a in asserted(facts, "Attack") if names(facts, a, "location") == ["Dolmir"]]
    assert strikes and all("Bolivia" not in names(facts, a, "perpetrator") for a in strikes)


def test_an_accusation_of_an_attack_told_by_another_word_still_blames_it(extractor):
    # guard: no attack told before by the accusation's noun: the latest attack naming no attacker, as before
    facts = extract(extractor, "Blast\n\nA blast at the market in Dolmir killed six people on Monday. Police accused "
                               "the Sanjar Liberation Front of the bombing.")
    assert any("Sanjar Liberation Front" in names(facts, a, "perpetrator") for a in asserted(facts, "Attack"))


# Change 8: a headline's count that rounds the lead's ("over 3000" for "up to 3,085"), the same deployment's place and
# modality, its sender the lead's or a body the lead's sender's name opens with: the lead's event told short.

_ROUNDED = ("UN to deploy over {} more troops to Bolivia\n\nThe United Nations Security Council has announced that it "
            "intends to send up to 3,085 more peacekeeping troops to Bolivia, officials said on Thursday.")


def _deployments(facts):
    return [d for d in facts.events if d.type == "Deployment" and d.modality != "negated"]


def test_a_headline_rounding_the_leads_count_is_the_leads_deployment(extractor):
    facts = extract(extractor, _ROUNDED.format("3000"))
    assert len(_deployments(facts)) == 1


def test_a_headline_with_another_count_is_another_deployment(extractor):
    # guard: 1000 is no rounding of 3,085
    facts = extract(extractor, _ROUNDED.format("1000"))
    assert len(_deployments(facts)) == 2


def test_the_presidents_of_two_states_one_named_are_the_named_and_the_other_state(extractor):
    # the office of each state of a plural office read beside the name ("X, Peru's president"); the state whose
    # holder is never named stands for its president
    facts = extract(extractor, "Talks in Quito\n\nElena Marquez, Peru's president, flew to Quito. The presidents of "
                               "Peru and Chile held talks in Quito on Monday.")
    assert _participants(facts) == [["Chile", "Elena Marquez"]]
