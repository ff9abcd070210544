"""The thirty-ninth round of event rules (issues 10 and 11: the reports fusion loses because extraction
does not read them, by mechanism): a place told with its container after a comma ("near X, in Y
province", "on Mount X, also in Y county", "on Mount X, in the county of Y") is where the event
happened, though the parse hangs "in Y" on the verb and the rule took Y
(kg/extract/events/anchors.py ``place_before_its_container``); a participle tagged a noun that the parse
gives a passive auxiliary ("after the base was overrun by X") is a verb (kg/extract/events/opening.py
``participle_as_noun``); troops that "reached X" and counted military instructors that "arrived in X" were
deployed there (kg/extract/events/deployments.py, events.yaml ``deployment_arrivals``; docs/extraction.md,
"Round 39"); arson by an armed subject ("armed men burned three machines at X") is an attack
(events.yaml ``arson``, kg/extract/events/attacks.py); "seized several bases ... in X" is a capture of X though
the lemmatiser reads "bases" as "basis" (kg/extract/events/captures.py ``_plural_holding``); and the
trace of missed events over fusion-dev (scripts/trace_missed.py ``--set fusion-dev``). Invented
reports; each positive test fails before the round, each guard passes on both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rule_helpers import asserted, extract, names
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]


def _one_attack_at(facts) -> list[str]:
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    return names(facts, attacks[0], "location")


def test_a_patrol_near_a_town_in_a_county(extractor):
    facts = extract(extractor, "Soldiers killed in ambush\n\nGunmen killed three soldiers on a river patrol near "
                               "Kelvara, in Tresvalde county, on Tuesday, the army said.")
    assert _one_attack_at(facts) == ["Kelvara"]


def test_a_mine_on_a_mountain_also_in_a_county(extractor):
    facts = extract(extractor, "Soldier wounded by mine\n\nA soldier was wounded on Sunday when a mine exploded "
                               "during a patrol on Mount Dravenko, also in Tresvalde county, the defence ministry said.")
    assert _one_attack_at(facts) == ["Mount Dravenko"]


def test_a_mountain_in_the_county_of_a_town(extractor):
    facts = extract(extractor, "Mine blast\n\nThe ministry announces that a unit of the army carrying out a combing "
                               "operation on Mount Dravenko, in the county of Tresvalde, was hit by the explosion of "
                               "a landmine this morning.")
    assert _one_attack_at(facts) == ["Mount Dravenko"]


def test_a_base_overrun_with_its_participle_tagged_a_noun(extractor):
    # the small model tags "overrun" here as a noun, with "was" its passive auxiliary and "by" its agent
    facts = extract(extractor, "Army leaves garrison\n\nThe army said it withdrew from its garrison in Kelvara "
                               "today after the base was overrun by armed youths of the Kessa Front.")
    captures = asserted(facts, "Capture")
    assert [names(facts, c, "place") for c in captures] == [["Kelvara"]]


def test_troops_that_reached_a_town_were_deployed_there(extractor):
    facts = extract(extractor, "Contingent reaches Kelvara\n\nThe defence force said 350 troops reached Kelvara "
                               "today to reinforce the protection of the capital.")
    deployments = asserted(facts, "Deployment")
    assert [names(facts, d, "destination") for d in deployments] == [["Kelvara"]]


def test_counted_military_instructors_arriving_are_a_deployment(extractor):
    facts = extract(extractor, "More instructors arrive in Kelvara\n\nSome 200 military instructors arrived in the "
                               "town of Kelvara on Tuesday, the embassy said.")
    deployments = asserted(facts, "Deployment")
    assert [names(facts, d, "destination") for d in deployments] == [["Kelvara"]]
    assert deployments[0].quantities["troops"].value == 200


def test_armed_men_burning_machines_is_an_attack(extractor):
    facts = extract(extractor, "Machines burned\n\nArmed men burned three forestry machines at an estate outside the "
                               "town of Kelvara early on Saturday, police said.")
    assert _one_attack_at(facts) == ["Kelvara"]


def test_a_group_burning_trucks_is_an_attack(extractor):
    facts = extract(extractor, "Trucks burned\n\nIt was the group's largest action since March, when fighters of the "
                               "Kessa Front burned twenty trucks at a yard in Kelvara.")
    assert _one_attack_at(facts) == ["Kelvara"]


def test_several_bases_seized_in_a_department(extractor):
    # the lemmatiser reads "bases" as "basis": the plural of a seized holding all the same
    facts = extract(extractor, "Forces take rebel bases\n\nThe armed forces announce that their units seized several "
                               "bases of armed gangs in the department of Tresvalde on 16 March, during an operation "
                               "against smugglers.")
    captures = asserted(facts, "Capture")
    assert [names(facts, c, "place") for c in captures] == [["Tresvalde"]]


# --- guards

def test_the_bases_in_these_towns_are_the_towns_listed_before(extractor):
    facts = extract(extractor, "Rebels overrun bases\n\nThe rebels say they launched attacks on Kelvara, Sandvik and "
                               "Ostervik and overran the military bases in these towns.")
    captures = asserted(facts, "Capture")
    assert sorted(n for c in captures for n in names(facts, c, "place")) == ["Kelvara", "Ostervik", "Sandvik"]


def test_burning_with_no_armed_subject_is_no_attack(extractor):
    for text in ("Houses\n\nMany houses were burned in two suburbs of Kelvara on Saturday, residents said.",
                 "Fire\n\nA fire burned for hours at a warehouse in the town of Kelvara on Saturday, and the "
                 "minister burned his notes there, officials said."):
        facts = extract(extractor, text)
        assert not [e for e in facts.events if e.type == "Attack"]


def test_an_armed_group_reaching_a_town_is_no_deployment(extractor):
    facts = extract(extractor, "Rebels advance\n\nRebels of the Kessa Front reached the outskirts of Kelvara on "
                               "Tuesday, residents said.")
    assert not [e for e in facts.events if e.type == "Deployment"]


def test_reaching_an_agreement_or_a_toll_is_no_deployment(extractor):
    for text in ("Deal\n\nThe army and the rebels reached an agreement in Kelvara on Tuesday, officials said.",
                 "Toll\n\nThe number of soldiers killed in the fighting reached 40 on Tuesday, officials said."):
        facts = extract(extractor, text)
        assert not [e for e in facts.events if e.type == "Deployment"]


def test_two_instructors_are_no_deployment(extractor):
    facts = extract(extractor, "Instructors\n\nThe ministry said two instructors arrived in the town of Kelvara on "
                               "Tuesday to open a school.")
    assert not [e for e in facts.events if e.type == "Deployment"]


def test_a_budget_overrun_is_no_capture(extractor):
    facts = extract(extractor, "Budget\n\nThe ministry said the budget was overrun by nine million kroner last "
                               "year, and a cost overrun is expected again.")
    assert not [e for e in facts.events if e.type == "Capture"]


def test_two_containers_listed_stay(extractor):
    facts = extract(extractor, "Soldiers killed\n\nGunmen killed three soldiers on patrols near Kelvara, in "
                               "Tresvalde county and in Morlunde county, on Tuesday, the army said.")
    assert _one_attack_at(facts) == ["Morlunde county", "Tresvalde county"]


def test_where_the_attackers_came_from_is_no_place_of_the_attack(extractor):
    facts = extract(extractor, "Soldiers killed\n\nGunmen from Kelvara, in Tresvalde county, killed three soldiers "
                               "on Tuesday, the army said.")
    assert _one_attack_at(facts) == ["Tresvalde county"]


def test_three_places_listed_before_their_county_stay_the_county(extractor):
    facts = extract(extractor, "Soldiers killed\n\nGunmen killed three soldiers on patrols near Kelvara, Sandvik "
                               "and Ostervik, in Tresvalde county, on Tuesday, the army said.")
    assert _one_attack_at(facts) == ["Tresvalde county"]


def test_a_county_with_no_place_before_it_stays(extractor):
    facts = extract(extractor, "Soldiers killed\n\nGunmen killed three soldiers in Tresvalde county on Tuesday, a "
                               "week after the governor's visit to Kelvara, the army said.")
    assert _one_attack_at(facts) == ["Tresvalde county"]


# --- the trace over fusion-dev

def _trace_module():
    mod = load_script("trace_missed")
    return mod


def test_the_trace_groups_fusion_articles_by_their_batch():
    tm = _trace_module()
    assert tm.fusion_batch("r13-d01-some-wire-some-town") == "r13"
    assert tm.fusion_batch("r16-i02-b-another-wire") == "r16"
    assert tm.fusion_batch("i01-x-some-wire-some-town") == "old"
    assert tm.fusion_batch("d52-some-times-police-station") == "old"


def test_the_trace_never_takes_a_test_set():
    tm = _trace_module()
    for name in ("fusion-test", "realnews-test"):
        with pytest.raises(SystemExit):
            tm.main(["--set", name])


def test_the_trace_looks_at_batch_p_and_refuses_check_batches():
    tm = _trace_module()
    assert "P" in tm.LOOK and not set(tm.CHECK) & set(tm.LOOK)
    with pytest.raises(SystemExit):
        tm.batch_ids(["P", "M"])
