"""The twenty-seventh round of event rules for real news (issue 10, item 3): the one-event policy
(``events/one_event.py``) takes over wording-keyed merges (docs/extraction.md, "Round 27"): the
early merge's capture test (``compare._same``) and round 11's "the soldiers" fold
(``fold._fold_the_troops``), on short reports invented for these tests, with guards for the
events an article tells apart.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _captures(facts):
    return sorted((names(facts, v, "place"), names(facts, v, "captor"), names(facts, v, "former"))
                  for v in asserted(facts, "Capture"))


# --- told again: the policy merges it

def test_the_soldiers_told_several_sentences_after_their_deployment_are_that_deployment(extractor):
    # the old fold looked two sentences back; the policy has no window: the place within the
    # first destination's state and "the soldiers" tie the two
    facts = extract(extractor, "Troops deployed\n\nFrance sent 500 troops to Mali in January. The mission was "
                               "approved by parliament. Officials praised the decision. Aid groups welcomed it. "
                               "The soldiers were deployed to the town of Gao.")
    [v] = asserted(facts, "Deployment")
    assert names(facts, v, "destination") == ["Gao"]  # the finer place wins
    assert v.quantities["troops"].value == 500


def test_a_capture_told_from_one_holder_in_a_region_then_in_its_town_is_one_capture(extractor):
    # no captor named in either telling: the former holder in common ties them
    facts = extract(extractor, "Base captured\n\nA military base in the Kidal region was captured from Malian forces "
                               "on Wednesday. Residents fled. Tessalit was taken from Malian forces after days of "
                               "fighting.")
    assert _captures(facts) == [(["Tessalit"], [], ["Malian forces"])]  # the finer place wins


def test_a_reported_capture_and_its_dated_telling_get_no_holder_from_each_other(extractor):
    # the undated telling with no captor is not a second capture whose holder was the first's captor
    facts = extract(extractor, "Town falls\n\nAn armed group said on Thursday that it had captured the town of "
                               "Tamanrit. The Kessa Front said its fighters took control of Tamanrit on Monday.",
                    published="2024-01-19")
    captures = asserted(facts, "Capture")
    assert len(captures) == 1
    assert names(facts, captures[0], "former") == []
    assert captures[0].date.value == "2024-01-15"


# --- told apart: guards

def test_a_town_taken_and_left_by_one_group_are_two_captures(extractor):
    # the captor of one is the former holder of the other: nobody changes sides within one event
    facts = extract(extractor, "Rebels take town\n\nKessa rebels seized the town of Bouar on Monday. Residents said "
                               "shops were closed. Later on Monday the Kessa rebels withdrew from Bouar under pressure "
                               "from diplomats.")
    assert _captures(facts) == [(["Bouar"], [], ["Kessa rebels"]), (["Bouar"], ["Kessa rebels"], [])]


def test_two_towns_taken_from_one_holder_are_two_captures(extractor):
    facts = extract(extractor, "Towns captured\n\nThe town of Mocimboa da Praia was captured from Mozambican forces "
                               "on Wednesday. Residents fled by boat. The town of Pemba was also captured from "
                               "Mozambican forces on Wednesday.")
    assert len(asserted(facts, "Capture")) == 2


def test_the_soldiers_sent_on_to_another_state_are_another_deployment(extractor):
    facts = extract(extractor, "Troops deployed\n\nFrance sent 500 troops to Mali in January. The mission was "
                               "approved by parliament. Officials praised the decision. The soldiers were later "
                               "deployed to Niger.")
    assert len(asserted(facts, "Deployment")) == 2
