"""The fiftieth round of event rules (issues 10 and 11: the freshest text's missed events, realnews batches Y and
Z, fusion writers r20 and r21). Invented reports; each positive test fails before the round, each guard passes on
both (docs/extraction.md, "Round 50").
"""

from __future__ import annotations

import pytest

from rule_helpers import asserted, extract, meeting_participants, names


def _deployments(facts) -> list[tuple[list[str], list[float]]]:
    return [(names(facts, d, "destination"), [q.value for q in d.quantities.values()])
            for d in facts.events if d.type == "Deployment"]


# Change 1: troops whose arrival a relative clause tells ("The 600 soldiers who arrived in X on Friday have set up
# roadblocks") are deployed there, also when no state or force is named for them.

@pytest.mark.parametrize("text", [
    "Roadblocks in Tarija\n\nThe 600 soldiers who arrived in Tarija on Friday have set up roadblocks at the "
    "entrances to the town, the mayor said on Sunday.",
    "Roadblocks in Tarija\n\nFew families have come back, though the 600 police officers that arrived in Tarija "
    "on Friday now guard the market, a priest said.",
])
def test_troops_arriving_in_a_relative_clause_are_deployed(extractor, text):
    facts = extract(extractor, text)
    assert (["Tarija"], [600.0]) in _deployments(facts)


def test_delegates_arriving_in_a_relative_clause_are_no_deployment(extractor):
    # guard: the antecedent is no troops, no armed people and no counted unit
    facts = extract(extractor, "Talks in Tarija\n\nThe delegates who arrived in Tarija on Friday have opened talks "
                               "on the water dispute, the mayor said on Sunday.")
    assert not [d for d in facts.events if d.type == "Deployment"]


_participants = meeting_participants


# Change 2: "A and B agreed in X on Tuesday to ...": two sides agreeing at a named place met there.

@pytest.mark.parametrize("text", [
    "Border patrols agreed\n\nPresident Elena Marquez and Foreign Minister Tomas Varga agreed in Tarija on Tuesday "
    "to set up joint patrols along the border, officials said.",
    "Border patrols agreed\n\nPresident Elena Marquez agreed with Foreign Minister Tomas Varga in Tarija on Tuesday "
    "to set up joint patrols, officials said.",
])
def test_two_sides_agreeing_at_a_place_met_there(extractor, text):
    facts = extract(extractor, text)
    assert _participants(facts) == [["Elena Marquez", "Tomas Varga"]]
    assert [names(facts, m, "location") for m in asserted(facts, "Meeting")] == [["Tarija"]]


@pytest.mark.parametrize("text", [
    # no place: an agreement may be reached by telephone or letters
    "Border patrols agreed\n\nBolivia and Chile agreed on Tuesday to set up joint patrols along their border, "
    "officials said.",
    # "in principle" is no place
    "Border patrols agreed\n\nBolivia and Chile agreed in principle on Tuesday to set up joint patrols, officials said.",
])
def test_agreeing_with_no_place_is_no_meeting(extractor, text):
    assert not asserted(extract(extractor, text), "Meeting")


# Change 3: "A and B also discussed Y" just after a meeting told by the sides' offices or states is that meeting
# told again by the people who met.

def test_also_discussed_names_the_people_of_the_meeting_told_before(extractor):
    facts = extract(extractor, "Border talks\n\nBolivia's president and Chile's foreign minister met in Tarija on "
                               "Tuesday to discuss joint patrols along their border, officials said.\n\n"
                               "Elena Marquez and Tomas Varga also discussed a railway that has stalled for years, "
                               "state media reported.")
    assert _participants(facts) == [["Elena Marquez", "Tomas Varga"]]
    assert [names(facts, m, "location") for m in asserted(facts, "Meeting")] == [["Tarija"]]


def test_also_discussed_with_no_meeting_before_is_no_meeting(extractor):
    # guard: no meeting told in the two sentences before
    facts = extract(extractor, "Railway plans\n\nThe railway to Tarija has stalled for years, engineers said.\n\n"
                               "Elena Marquez and Tomas Varga also discussed the railway, state media reported.")
    assert not asserted(facts, "Meeting")


# Change 4: "bombs exploded at the embassies in A, State1, and B, State2": the parser hangs the second town on the
# first town's state, or under its own state; one attack in each town.

@pytest.mark.parametrize("towns", [("Banjul", "Gambia", "Libreville", "Gabon"), ("Lome", "Togo", "Douala", "Cameroon")])
def test_towns_listed_after_their_states_are_one_attack_each(extractor, towns):
    a, b, c, d = towns
    facts = extract(extractor, f"Embassy bombings\n\nOn May 3, 2004, two bombs exploded minutes apart at the U.S. "
                               f"Embassies in {a}, {b}, and {c}, {d}.")
    assert sorted(names(facts, x, "location") for x in asserted(facts, "Attack")) == sorted([[a], [c]])


@pytest.mark.parametrize("text", [
    # guard: a state after the state, no town
    "Embassy bombing\n\nOn May 3, 2004, a bomb exploded at the U.S. Embassy in Lilongwe, Malawi, and Zambia closed "
    "its border with Malawi.",
    # guard: a town of another clause
    "Embassy bombing\n\nOn May 3, 2004, a bomb exploded at the U.S. Embassy in Lilongwe, Malawi, and troops were "
    "sent to Lusaka, Zambia.",
])
def test_one_town_and_its_state_is_one_attack(extractor, text):
    facts = extract(extractor, text)
    assert [a for a in asserted(facts, "Attack") if "Lilongwe" in names(facts, a, "location")]
    assert len(asserted(facts, "Attack")) == 1


# Change 5: "about 90 soldiers began deploying to X": the troops counted in the subject of the verb the deployment
# hangs on are its number.

@pytest.mark.parametrize("text", [
    "Troops to Tarija\n\nOn Monday, about 90 Bolivian soldiers began deploying to Tarija, the ministry said.",
    "Troops to Tarija\n\nAbout 90 soldiers started arriving in Tarija on Monday, the ministry said.",
])
def test_troops_counted_in_the_subject_of_began(extractor, text):
    assert (["Tarija"], [90.0]) in _deployments(extract(extractor, text))


# Change 6: "I directed a limited number of X forces to deploy to Y": the forces an order's object tells are the ones
# who deploy (the infinitive parsed as a clause of purpose); "a number of" counts the forces it names.

@pytest.mark.parametrize("text", [
    "Letter on the deployment of Canadian forces\n\nDear Speaker: In support of this effort, I directed a limited "
    "number of Canadian military forces to deploy to Tarija to provide support to the mission. Canada will keep them "
    "there until the mission ends.",
    "Letter on the deployment of Canadian forces\n\nDear Speaker: Last week I instructed a small contingent of "
    "Canadian troops to deploy to Tarija to support the mission. Canada will keep them there until the mission ends.",
])
def test_forces_directed_to_deploy_are_sent_by_their_state(extractor, text):
    facts = extract(extractor, text)
    assert [names(facts, d, "agent") for d in facts.events if d.type == "Deployment"] == [["Canada"]]


def test_a_minister_directed_to_travel_is_no_deployment(extractor):
    # guard: the order's object is no force
    facts = extract(extractor, "Letter\n\nDear Speaker: I directed the Minister of Health to travel to Tarija to "
                               "support the mission. Canada will help.")
    assert not [d for d in facts.events if d.type == "Deployment"]


# Change 7: "22 people were killed when shells fell on X": the place a weapon fell on places the toll.

def test_killed_when_shells_fell_on_a_place(extractor):
    facts = extract(extractor, "Shelling of Tarija\n\nTwenty-two people were killed when shells fell on Tarija on "
                               "Saturday, aid groups said.")
    assert [names(facts, a, "location") for a in asserted(facts, "Attack")] == [["Tarija"]]


def test_killed_when_a_roof_fell_on_a_place_is_no_attack(extractor):
    # guard: no weapon fell
    facts = extract(extractor, "Storm in Tarija\n\nTwenty-two people were killed when a roof fell on a market in "
                               "Tarija on Saturday, aid groups said.")
    assert not asserted(facts, "Attack")


# Change 8: "the attack on the community" is the village named before it in its sentence, as "the village" is.

def test_the_attack_on_the_community_is_the_village_named_before(extractor):
    facts = extract(extractor, "Burials in Tarija\n\nResidents of Tarija on Monday buried 17 people killed in "
                               "Saturday night's attack on the community, after officials said more bodies were found.")
    assert [names(facts, a, "location") for a in asserted(facts, "Attack")] == [["Tarija"]]


def test_the_international_community_is_no_place(extractor):
    # guard: a community with a word of its own
    facts = extract(extractor, "Appeal in Tarija\n\nResidents of Tarija on Monday condemned the attack on the "
                               "international community's envoy, officials said.")
    assert not [a for a in asserted(facts, "Attack") if "Tarija" in names(facts, a, "location")]


# Change 9: "the massacre committed by X at Y": a participle of carrying out hung on the event noun carries the
# noun's attacker.

@pytest.mark.parametrize("text", [
    "Massacre in Tarija\n\nSeventeen people were killed in the massacre committed by the Tarija Liberation Front at "
    "Tarija on Saturday night, officials said.",
    "Massacre in Tarija\n\nThe attack carried out by the Tarija Liberation Front near Tarija killed five soldiers.",
])
def test_the_attack_carried_out_by_x_was_xs(extractor, text):
    facts = extract(extractor, text)
    assert [names(facts, a, "perpetrator") for a in asserted(facts, "Attack")] == [["Tarija Liberation Front"]]


# Change 10: "President A and X commander B met again on Monday, three weeks after their first round of talks on 30
# June": the subject a meeting noun takes from its clause, split by the parser ("A and X" read into B's title), is both.

@pytest.mark.parametrize("text", [
    "Talks in Tarija\n\nTARIJA, July 22 (Andes Wire) - President Elena Marquez and FLT commander Tomas Varga met "
    "again in Tarija on Monday, three weeks after their first round of talks on 30 June, with the UN envoy Juan "
    "Ortega attending, the presidency said.",
    "Talks in Tarija\n\nPresident Elena Marquez and FLT commander Tomas Varga met again in Tarija on Monday, three "
    "weeks after their first round of talks on 30 June, the presidency said.",
])
def test_their_first_round_of_talks_is_a_meeting_of_the_two(extractor, text):
    facts = extract(extractor, text, published="2024-07-22")
    dated = {m.date.value: names(facts, m, "participants") for m in asserted(facts, "Meeting") if m.date}
    assert dated.get("2024-06-30") == ["Elena Marquez", "Tomas Varga"]


def test_her_first_round_of_talks_has_one_party(extractor):
    # guard: the possessor stands for one person: no meeting of two
    facts = extract(extractor, "Talks in Tarija\n\nPresident Elena Marquez returned to Tarija on Monday, three weeks "
                               "after her first round of talks on 30 June, the presidency said.", published="2024-07-22")
    assert not asserted(facts, "Meeting")


# Change 11: "X withdrew its soldiers from the town of Y": a state taking its troops out of a town gives it up; the
# armed side told entering the town just after took it.

def _captures(facts) -> list[tuple[list[str], list[str], list[str]]]:
    return [(names(facts, c, "place"), names(facts, c, "former"), names(facts, c, "captor"))
            for c in asserted(facts, "Capture")]


@pytest.mark.parametrize("text", [
    "Withdrawal from Tarija\n\nBolivia withdrew its soldiers from the town of Tarija on Monday. Shortly after the "
    "withdrawal, fighters of the Chaco Liberation Front entered the town, waving flags.",
    "Withdrawal from Tarija\n\nBolivia withdrew its soldiers from the town of Tarija on Monday. Shortly after the "
    "withdrawal, the rebels of the Chaco Liberation Front entered the town.",
])
def test_a_state_withdrawing_its_troops_gives_the_town_to_who_entered(extractor, text):
    facts = extract(extractor, text, published="2024-07-22")
    assert _captures(facts) == [(["Tarija"], ["Bolivia"], ["Chaco Liberation Front"])]


def test_a_state_withdrawing_its_ambassador_gives_up_no_town(extractor):
    # guard: what is withdrawn is no troops
    facts = extract(extractor, "Withdrawal from Tarija\n\nBolivia withdrew its ambassador from the town of Tarija on "
                               "Monday. Shortly after, fighters of the Chaco Liberation Front entered the town.",
                    published="2024-07-22")
    assert not [c for c in asserted(facts, "Capture") if "Bolivia" in names(facts, c, "former")]


# Change 12: "On May 8, 2024, a force ... was pre-positioned in X", "the base was overrun": a passive participle the
# parser tagged as an adjective or a noun takes the times hung on its "was".

@pytest.mark.parametrize("text, etype", [
    ("Forces in Tarija\n\nOn May 3, 2024, riots broke out in Sucre.\n\nOn May 8, 2024, a force of 200 Bolivian "
     "soldiers was pre-positioned in Tarija to assist with the evacuation of citizens.", "Deployment"),
    ("Forces in Tarija\n\nOn May 3, 2024, riots broke out in Sucre.\n\nOn May 8, 2024, the army base near Tarija was "
     "overrun by rebels of the Chaco Liberation Front.", "Capture"),
])
def test_a_participle_read_as_an_adjective_takes_the_time_of_its_was(extractor, text, etype):
    facts = extract(extractor, text, published="2024-05-10")
    assert [e.date.value for e in facts.events if e.type == etype] == ["2024-05-08"]


# Change 13: "moved into X to assist with the evacuation of citizens from Y": a deployment to a state whose purpose
# clause evacuates people from one town of that state went to that town.

@pytest.mark.parametrize("text", [
    "Canadian forces in Bolivia\n\nOn Monday, Canadian forces moved into Bolivia to assist with the evacuation of "
    "Canadian citizens from Tarija. Canada said the operation would last a week.",
    "Canadian forces in Bolivia\n\nCanada sent 200 soldiers to Bolivia on Monday to evacuate its citizens from Tarija, "
    "the ministry said.",
])
def test_forces_sent_to_evacuate_people_from_a_town_went_there(extractor, text):
    assert [d[0] for d in _deployments(extract(extractor, text))] == [["Tarija"]]


def test_an_evacuation_from_a_town_of_another_state_keeps_the_state(extractor):
    # guard: the town is not in the destination's state
    facts = extract(extractor, "Canadian forces in Bolivia\n\nCanada sent 200 soldiers to Bolivia on Monday to "
                               "evacuate its citizens from Piura, the ministry said.")
    assert [d[0] for d in _deployments(facts)] == [["Bolivia"]]


# Change 14: "Militiamen killed ...", "Militants killed ..." opening a report's body after its dateline: the tagger's
# capitalised plural (a proper noun whose lemma is the word) is still armed people.

@pytest.mark.parametrize("who", ["Militiamen", "Militants"])
def test_a_capitalised_plural_of_armed_people_makes_the_attack(extractor, who):
    facts = extract(extractor, f"News from Tarija\n\nTARIJA, Bolivia, Feb 10 (Andes Wire) - {who} killed at least 18 "
                               f"people in a village near Tarija overnight, local officials said.")
    assert [names(facts, a, "location") for a in asserted(facts, "Attack")] == [["Tarija"]]


def test_floods_killing_people_are_no_attack(extractor):
    # guard: no armed people
    facts = extract(extractor, "News from Tarija\n\nTARIJA, Bolivia, Feb 10 (Andes Wire) - Floods killed at least 18 "
                               "people in a village near Tarija overnight, local officials said.")
    assert not asserted(facts, "Attack")


def test_capitalised_rebels_of_a_state_are_not_that_state(extractor):
    # guard: "Bolivian Rebels" in a headline's capitals are armed people, not Bolivia's forces
    facts = extract(extractor, "Bolivian Rebels Kill 16 Soldiers in Ambush\n\nBolivian officials say leftist rebels "
                               "have attacked a military convoy near the town of Tarija, killing 16 soldiers.")
    assert not any("Bolivia" in names(facts, a, "perpetrator") for a in asserted(facts, "Attack"))


# Change 15: "the same day the army reinforced neighbouring X": a town reinforced by a force is the deployment's
# destination.

@pytest.mark.parametrize("text", [
    "News\n\nThe army sent 300 soldiers to Sucre on Monday, the same day the army reinforced neighbouring Tarija.",
    "News\n\nThe Bolivian army reinforced Tarija with 300 soldiers on Monday, officials said.",
])
def test_a_town_reinforced_by_a_force_is_the_destination(extractor, text):
    assert ["Tarija"] in [d[0] for d in _deployments(extract(extractor, text))]


def test_a_town_reinforced_by_a_vote_is_no_destination(extractor):
    # guard: the subject is no force
    facts = extract(extractor, "News\n\nThe vote reinforced Tarija as the region's capital, officials said.")
    assert not _deployments(facts)
