"""The twelfth round of rules for real news (issue 10), from batch K's dev articles, by error class.

Each rule on short reports invented for these tests, with a guard for what it must leave alone:
"calling the recapture of X a milestone" names a done capture (it asks for nothing, as "called for
talks" does); "has been seizing areas in X" is a campaign going on, no one capture; "took over four
towns including X" took X.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_calling_a_capture_a_milestone_tells_it_done(extractor):
    f = extract(extractor, "Army back in Dorvana\n\nThe defence minister toured the market of the town of Dorvana on "
                           "Tuesday, calling the recapture of Dorvana a turning point.")
    caps = asserted(f, "Capture")
    assert any(names(f, v, "place") == ["Dorvana"] for v in caps)


def test_calling_for_a_deployment_is_still_a_request(extractor):
    f = extract(extractor, "Call for troops\n\nThe opposition leader on Tuesday called for the deployment of 500 "
                           "troops to the town of Dorvana.")
    assert not asserted(f, "Deployment")


def test_a_perfect_progressive_over_bare_plurals_is_a_campaign(extractor):
    f = extract(extractor, "Militants advance\n\nThe militant group Boko Haram has been seizing villages in Borno "
                           "state for months, residents said.")
    assert not asserted(f, "Capture")


def test_a_perfect_progressive_on_a_named_town_stays_an_event(extractor):
    f = extract(extractor, "Town shelled\n\nBoko Haram fighters have been attacking the town of Bama, residents "
                           "said on Sunday.")
    assert any(names(f, v, "location") == ["Bama"] for v in asserted(f, "Attack"))


def test_towns_taken_including_named_ones(extractor):
    f = extract(extractor, "Towns fall\n\nM23 rebels took over several towns including Goma and Bunia on Sunday, "
                           "residents said.")
    caps = asserted(f, "Capture")
    assert sorted(p for v in caps for p in names(f, v, "place")) == ["Bunia", "Goma"]


def test_bases_including_a_town_are_no_town_taken(extractor):
    f = extract(extractor, "Bases fall\n\nM23 rebels took over several army bases including one near Goma on "
                           "Sunday, residents said.")
    assert not any("Goma" in names(f, v, "place") for v in asserted(f, "Capture"))


_BLAST = ("Blast kills presenter\n\nA roadside bombing in Herat on Thursday killed a television presenter and her "
          "mother. Her employer said she had worked for the channel for three years. The journalists' union said it "
          "was deeply saddened. The governor said officials must be held accountable. ")


def test_a_definite_blast_of_the_day_told_far_back_is_that_attack(extractor):
    f = extract(extractor, _BLAST + "The Thursday night blast killed a total of four people and wounded several.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Herat"]
    assert v.quantities["fatalities"].value == 4


def test_a_definite_blast_of_a_day_with_two_attacks_points_at_neither(extractor):
    f = extract(extractor, "Blasts kill six\n\nA roadside bombing in Herat on Thursday killed a police officer. A "
                           "suicide bombing in Kandahar on Thursday killed five soldiers. The governor said officials "
                           "must be held accountable. The union said it was saddened. The Thursday night blast killed "
                           "a total of four people.")
    attacks = asserted(f, "Attack")
    assert not any(v.quantities.get("fatalities") and v.quantities["fatalities"].value == 4
                   and names(f, v, "location") for v in attacks)


def test_a_state_capital_told_by_description_is_the_town_its_sentence_names(extractor):
    f = extract(extractor, "Army retakes town\n\nThe town of Bor changed hands again on Thursday, as government forces "
                           "said they recaptured the Jonglei state capital from rebels.")
    assert any(names(f, v, "place") == ["Bor"] for v in asserted(f, "Capture"))


def test_a_state_capital_told_by_description_takes_no_town_of_another_story(extractor):
    f = extract(extractor, "Army retakes town\n\nRebels attacked the village of Tambura on Monday. Government forces "
                           "said they recaptured the Upper Nile state capital from rebels on Thursday.")
    assert not any("Tambura" in names(f, v, "place") for v in asserted(f, "Capture"))


def test_the_home_base_of_a_unit_sent_is_no_deployment_of_its_own(extractor):
    f = extract(extractor, "Army announces deployment\n\nThe Department of the Army announced today the summer "
                           "deployment of about 1,500 soldiers from the 3rd Infantry Division, stationed at Fort "
                           "Stewart, Georgia, to Poland.")
    [v] = [e for e in f.events if e.type == "Deployment"]
    assert names(f, v, "destination") == ["Poland"]
    assert v.quantities["troops"].value == 1500


def test_troops_stationed_somewhere_arriving_stay_a_deployment(extractor):
    f = extract(extractor, "Troops arrive\n\nAbout 300 soldiers stationed at Fort Stewart arrived in Poland on "
                           "Monday.")
    assert any(names(f, v, "destination") == ["Poland"] for v in asserted(f, "Deployment"))


def test_a_group_which_has_held_the_city_since_took_the_city_retaken(extractor):
    f = extract(extractor, "Army retakes city\n\nIraqi forces recaptured the city of Baiji from ISIL on Monday, a "
                           "spokesman said. Its location on the highway made it an important target in the fight "
                           "against ISIL, which has held the city since June.")
    caps = asserted(f, "Capture")
    held = [v for v in caps if names(f, v, "captor") == ["Islamic State"]]
    assert [names(f, v, "place") for v in held] == [["Baiji"]]
    assert held[0].date.value == "2023-06"
    assert any(names(f, v, "captor") == ["Iraqi forces"] for v in caps)


def test_a_group_which_has_held_the_city_since_told_alone_is_no_capture(extractor):
    f = extract(extractor, "Group holds city\n\nIts location on the highway made Baiji an important target in the "
                           "fight against ISIL, which has held the city since June.")
    assert not asserted(f, "Capture")


def test_a_capture_tried_in_the_past_is_an_attack_on_the_place(extractor):
    f = extract(extractor, "Militants repelled\n\nBoko Haram militants tried to seize the town of Gwoza on Tuesday, "
                           "residents said.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Boko Haram"] and names(f, v, "location") == ["Gwoza"]
    assert not asserted(f, "Capture")


def test_a_capture_to_be_tried_stays_a_planned_capture(extractor):
    f = extract(extractor, "Army may retake town\n\nThe army will try to retake Gwoza next week.")
    assert not asserted(f, "Attack")
    assert [v.modality for v in f.events if v.type == "Capture"] == ["planned"]


def test_a_standoff_with_a_toll_and_a_place_is_an_attack(extractor):
    f = extract(extractor, "Rebels clash with army\n\nOfficials say at least six people have been killed in the "
                           "standoff with rebel fighters in Marawi.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Marawi"] and v.quantities["fatalities"].value == 6


def test_a_diplomatic_standoff_is_no_attack(extractor):
    f = extract(extractor, "Talks stall\n\nThe diplomatic standoff between the two governments continued on Monday "
                           "in Geneva.")
    assert not asserted(f, "Attack")


def test_a_state_capital_told_by_description_is_not_the_town_of_another_event(extractor):
    f = extract(extractor, "Army retakes town\n\nRebels shelled the town of Bor on Monday, while government forces "
                           "said they recaptured the Jonglei state capital from rebels.")
    assert not any(names(f, v, "captor") == ["South Sudanese forces"] and names(f, v, "place") == ["Bor"]
                   for v in asserted(f, "Capture"))
