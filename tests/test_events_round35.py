"""The thirty-fifth round of event rules (issue 10: deployments on fresh text, by mechanism), all in
kg/extract/events/deployments.py (docs/extraction.md, "Round 35"): the sending state or body told
through the deployment's force or the statement that tells it (``sender_told_by_force``: "I ordered
the deployment of 2,000 additional X forces to Y", "The Department of the Army announced that the
Nth Brigade will deploy", "forces of the X Group", "in an operation led by X", "to X's peacekeeping
force", "the government would deploy"); forces placed around a place (``placed_around``); people
airlifted are no deployment (``people_moved``); a sender is not its own destination
(``not_sent_home``). Invented reports; each positive test fails before the round, each guard passes
on both."""

from __future__ import annotations

from rule_helpers import extract, names


def deployments(facts):
    """The deployments the scorer reads: every one not told as denied."""
    return [v for v in facts.events if v.type == "Deployment" and v.modality != "negated"]


def test_the_sender_is_the_state_of_the_forces_ordered_out(extractor):
    facts = extract(extractor, "Forces sent\nUnder these circumstances, I ordered the deployment of approximately "
                               "2,000 additional Chilean forces to Morvala. Chile has long had ties with the region.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "destination") == ["Morvala"]
    assert names(facts, found[0], "agent") == ["Chile"]
    assert found[0].quantities["troops"].value == 2000


def test_the_sender_of_a_unit_is_the_body_that_announces_it(extractor):
    facts = extract(extractor, "Army announces rotation\nThe Department of the Army announced today that the 4th "
                               "Brigade, 2nd Infantry Division, will deploy to Peru with approximately 3,000 soldiers "
                               "in late fall.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == ["Department of the Army"]
    assert names(facts, found[0], "destination") == ["Peru"]


# --- guards

def test_a_denied_deployment_stays_out(extractor):
    facts = extract(extractor, "Troops\nThe Department of the Army denied on Monday that the 4th Brigade will "
                               "deploy to Bolivia.")
    assert deployments(facts) == []


def test_a_deployment_only_considered_is_not_told_as_sent(extractor):
    facts = extract(extractor, "Troops\nThe Chilean government is considering whether to send 2,000 Chilean troops "
                               "to Morvala. Chile has long had ties with the region.")
    assert [v for v in facts.events if v.type == "Deployment" and v.modality in ("asserted", "planned")] == []


def test_forces_told_in_another_states_history_do_not_send_this_deployment(extractor):
    facts = extract(extractor, "Troops\nUnder these circumstances, I ordered the deployment of 2,000 soldiers to "
                               "Morvala. Chilean forces fought a war against Peruvian forces in 1990.")
    found = [v for v in deployments(facts) if names(facts, v, "destination") == ["Morvala"]]
    assert len(found) == 1
    assert names(facts, found[0], "agent") == []


def test_a_speaker_is_not_the_sender_nor_the_forces_he_served_with(extractor):
    facts = extract(extractor, "Troops\nVaro Kessin, a general who served with Chilean forces, said the 4th Brigade "
                               "will deploy to Bolivia with 3,000 soldiers.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == []


def test_forces_positioned_around_a_place_are_deployed_there_by_their_body(extractor):
    facts = extract(extractor, "Embassy guarded\nOn Monday, forces of the Coastal Monitoring Group positioned "
                               "themselves in a defensive perimeter around the Chilean Embassy in Morvala.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "destination") == ["Chilean Embassy"]
    assert names(facts, found[0], "agent") == ["Coastal Monitoring Group"]


def test_around_a_number_is_no_place(extractor):
    facts = extract(extractor, "Troops sent\nOn Monday, Chile deployed around 300 soldiers. Chile has ties to "
                               "the region.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "destination") == []
    assert found[0].quantities["troops"].value == 300


def test_people_airlifted_are_no_deployment(extractor):
    facts = extract(extractor, "Evacuation\nOn Monday, permission was obtained to airlift Varo Kessin and his party "
                               "to Morvala.")
    assert deployments(facts) == []


def test_citizens_airlifted_are_no_deployment(extractor):
    facts = extract(extractor, "Evacuation\nOn Monday, Chilean helicopters airlifted 300 Chilean citizens to "
                               "Morvala. Chile has ties to the region.")
    assert deployments(facts) == []


def test_soldiers_sent_with_a_team_are_still_deployed(extractor):
    facts = extract(extractor, "Evacuation\nOn Monday, Chile sent 300 soldiers and a medical team to Morvala.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "destination") == ["Morvala"]
    assert found[0].quantities["troops"].value == 300


def test_troops_of_an_operation_led_by_a_body_are_sent_by_it(extractor):
    facts = extract(extractor, "Peacekeepers\nMore than three-thousand soldiers will deploy to Kessa in an operation "
                               "led by the Coastal Community of Southern States (CCSS).")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == ["Coastal Community of Southern States"]


def test_troops_contributed_to_a_bodys_force_are_sent_by_it(extractor):
    facts = extract(extractor, "Peacekeepers\nAltogether, seven countries are expected to contribute more than 3,000 "
                               "troops to the Coastal Union's peacekeeping force in Kessa.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == ["Coastal Union"]
    assert names(facts, found[0], "destination") == ["Kessa"]


def test_an_operation_led_by_a_general_does_not_make_him_the_sender(extractor):
    facts = extract(extractor, "Peacekeepers\nOn Monday, 3,000 soldiers deployed to Morvala in an operation led by "
                               "General Varo Kessin.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == []
    assert found[0].quantities["troops"].value == 3000


def test_a_sender_is_not_its_own_destination(extractor):
    facts = extract(extractor, "Troops in Chad\nRebels attacked a town in eastern Chad on Monday. France has sent "
                               "about 2,500 soldiers to its former colony to protect foreigners. Chad has been split "
                               "since the war.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == ["France"]
    assert names(facts, found[0], "destination") == ["Chad"]


def test_troops_sent_to_their_own_territory_are_not_sent_to_the_reports_country(extractor):
    facts = extract(extractor, "Troops home\nRebels attacked a town in Chad on Monday. France has sent 2,500 soldiers "
                               "to its own territory in the Pacific.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "destination") in ([], ["France"])
    assert "Chad" not in names(facts, found[0], "destination")


def test_the_government_that_deploys_is_the_reports_state(extractor):
    facts = extract(extractor, "Chad recaptures towns\nChadian troops recaptured two towns in eastern Chad on Sunday. "
                               "Interior Minister Varo Kessin said the government would deploy about 500 newly trained "
                               "soldiers to the town of Kessa next month.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == ["Chad"]


def test_a_government_unnamed_and_indefinite_is_no_sender(extractor):
    facts = extract(extractor, "Chad recaptures towns\nChadian troops recaptured two towns in eastern Chad on Sunday. "
                               "Varo Kessin said a government would deploy about 500 soldiers to the town of Kessa "
                               "next month.")
    found = deployments(facts)
    assert len(found) == 1
    assert names(facts, found[0], "agent") == []
