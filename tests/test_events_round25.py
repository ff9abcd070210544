"""The twenty-fifth round of event rules for real news (issue 10): events told as nouns, one reading
of an event noun's own dependents for every type (``kg/extract/events/nouns.py``,
docs/extraction.md, "Round 25"), on short reports invented for these tests, with guards for what
the reading must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _captures(facts):
    return sorted((names(facts, v, "place"), names(facts, v, "captor"), names(facts, v, "former"),
                   v.date.value if v.date else None) for v in asserted(facts, "Capture"))


def _attacks(facts):
    return sorted((names(facts, v, "perpetrator"), names(facts, v, "location"), v.date.value if v.date else None)
                  for v in asserted(facts, "Attack"))


# --- "by" with "of" hung on the agent: "the recapture by X forces of Y" (capture)

def test_the_place_hung_on_the_agent_of_a_capture_noun_is_its_place(extractor):
    facts = extract(extractor, "War report\n\nThe recapture by Chadian forces of Varnek from Boko Haram in May, "
                               "and of Dulmar in August, changed the war.")
    assert _captures(facts) == [
        (["Dulmar"], ["Chadian forces"], ["Boko Haram"], "2023-08"),
        (["Varnek"], ["Chadian forces"], ["Boko Haram"], "2023-05"),
    ]


# --- the noun's phrases hung on the verb whose object it is; "and of Z" an elliptical second capture

def test_a_capture_nouns_phrases_hung_on_its_verb_are_the_nouns(extractor):
    facts = extract(extractor, "War report\n\nThe operation followed the recapture by Iraqi forces of Varnek from "
                               "Islamic State in August and of Kormi earlier this month, leaving the militants weak.")
    caps = _captures(facts)
    assert [c[:3] for c in caps] == [
        (["Kormi"], ["Iraqi forces"], ["Islamic State"]),
        (["Varnek"], ["Iraqi forces"], ["Islamic State"]),
    ]
    assert dict((c[0][0], c[3]) for c in caps) == {"Varnek": "2023-08", "Kormi": "2024-03"}


def test_a_verb_with_phrases_of_its_own_keeps_them(extractor):
    # guard: "blamed the attack on X": the verb's "on", not the attack's target
    facts = extract(extractor, "War report\n\nA bomb killed 12 soldiers in Varnek on Monday. The army blamed the "
                               "attack on Boko Haram.")
    for v in asserted(facts, "Attack"):
        assert "Boko Haram" not in names(facts, v, "target")


# --- a noun conjoined with another event noun shares its object, "by" and time (attack)

def test_an_attack_noun_conjoined_with_a_seizure_shares_its_object_agent_and_time(extractor):
    facts = extract(extractor, "War report\n\nThe attack on and seizure of Varnek by Chadian forces in May "
                               "angered Niger.")
    assert (["Chadian forces"], ["Varnek"], "2023-05") in _attacks(facts)
    assert (["Varnek"], ["Chadian forces"], [], "2023-05") in _captures(facts)


def test_an_attack_noun_conjoined_by_the_words_alone_shares_the_object(extractor):
    facts = extract(extractor, "War report\n\nWe condemn Chad's military involvement in the attack on and seizure "
                               "of Varnek, an act which goes beyond self-defense.")
    assert [loc for _, loc, _ in _attacks(facts)] == [["Varnek"]]


# --- a place conjoined to the noun's date: "the capture of Y in May and Z in August"

def test_a_place_parsed_on_the_nouns_date_is_another_place_of_the_capture(extractor):
    facts = extract(extractor, "War report\n\nThe recapture of Tolvan is the latest in a series of government "
                               "gains, following the capture of Varnek in May and Kormi in August by Somali troops.")
    caps = {c[0][0]: (c[1], c[3]) for c in _captures(facts)}
    assert caps["Varnek"] == (["Somali forces"], "2023-05")
    assert caps["Kormi"] == (["Somali forces"], "2023-08")


# --- guards: an agent's own "of" that names no place, a state's forces

def test_an_agents_of_that_names_a_group_stays_the_agents(extractor):
    facts = extract(extractor, "War report\n\nThe capture of Varnek by fighters of Boko Haram in May angered Niger.")
    assert [c[:2] for c in _captures(facts)] == [(["Varnek"], ["Boko Haram"])]


def test_an_agents_of_that_names_a_state_is_no_place_taken(extractor):
    facts = extract(extractor, "War report\n\nThe recapture by forces of Chad of Varnek in May angered Niger.")
    assert all(c[0] != ["Chad"] for c in _captures(facts))


# --- "from" (or "by") hung on the noun's place: a named place takes no "from" of its own (capture)

def test_a_from_hung_on_the_captured_place_is_the_captures(extractor):
    facts = extract(extractor, "War report\n\nThe army's recapture of the Kormi district from Boko Haram last year "
                               "was praised.")
    assert [(c[0], c[2]) for c in _captures(facts)] == [(["Kormi district"], ["Boko Haram"])]


def test_a_from_hung_on_a_person_is_left_alone(extractor):
    # guard: "the release of X from prison" names no capture; an "of" object that is no place lends nothing
    facts = extract(extractor, "War report\n\nThe capture of Kormi by Chadian forces in May followed the release "
                               "of Anton Merek from a prison in Sennagh.")
    assert [(c[0], c[1], c[2]) for c in _captures(facts)] == [(["Kormi"], ["Chadian forces"], [])]


# --- times listed on a plural event noun: one event a time, the shared toll on none (attack)

def _tolls(facts):
    return [v.quantities.get("fatalities") for v in asserted(facts, "Attack")]


def test_a_plural_attack_noun_with_listed_times_is_one_attack_a_time(extractor):
    facts = extract(extractor, "War report\n\nChad suffered suicide bombings in Varnek in June and August that "
                               "killed forty people.")
    assert _attacks(facts) == [([], ["Varnek"], "2023-06"), ([], ["Varnek"], "2023-08")]
    assert _tolls(facts) == [None, None]


def test_times_listed_by_their_words_alone_are_read_too(extractor):
    facts = extract(extractor, "War report\n\nNiger suffered numerous attacks from militants in 2001, including "
                               "suicide bombings in June, August, and December that killed forty-three people.")
    assert _attacks(facts) == [([], ["Niger"], "2001-06"), ([], ["Niger"], "2001-08"), ([], ["Niger"], "2001-12")]


def test_a_plural_attack_noun_with_one_time_keeps_its_toll(extractor):
    # guard: one time, one attack with the toll
    facts = extract(extractor, "War report\n\nSuicide bombings in Varnek in June killed forty people, officials "
                               "in Chad said.")
    assert _attacks(facts) == [([], ["Varnek"], "2023-06")]
    assert [q.value for q in _tolls(facts)] == [40.0]


def test_a_singular_attack_noun_with_two_times_is_left_alone(extractor):
    # guard: "an attack in June and August" is no list of attacks (a singular noun)
    facts = extract(extractor, "War report\n\nA suicide bombing in Varnek in June killed forty people, and a second "
                               "in August killed ten, officials in Chad said.")
    assert len(asserted(facts, "Attack")) <= 2
    assert all(d in ("2023-06", "2023-08") for _, _, d in _attacks(facts))


# --- an event noun listed after "including" shares the agent of what includes it (capture, attack)

def test_a_capture_noun_after_including_takes_the_includers_named_modifier(extractor):
    facts = extract(extractor, "War report\n\nThe fall of the city followed months of Taliban advances in the north, "
                               "including the seizure of Varnek district in June and of Sennagh in August.")
    assert sorted((c[0], c[1]) for c in _captures(facts) if c[0] != ["city"]) == [
        (["Sennagh"], ["Taliban"]), (["Varnek district"], ["Taliban"])]


def test_a_capture_noun_after_including_takes_the_one_the_gains_were_brought_to(extractor):
    facts = extract(extractor, "War report\n\nThe offensive has brought Boko Haram a string of gains, including the "
                               "capture of Varnek in October.")
    assert [(c[0], c[1]) for c in _captures(facts)] == [(["Varnek"], ["Boko Haram"])]


def test_an_attack_noun_after_including_takes_the_subject_of_a_verb_that_carries_attacks(extractor):
    # (passes before the reading too: the one armed actor before the attack gives it; kept for the
    # reading's attack side)
    facts = extract(extractor, "War report\n\nBoko Haram has carried out similar assaults on army bases before, "
                               "including the attack on Varnek in January 2016, officials in Chad said.")
    assert (["Boko Haram"], ["Varnek"], "2016-01") in _attacks(facts)


def test_the_subject_of_a_verb_that_suffers_attacks_is_not_their_agent(extractor):
    # guard: "X suffered attacks, including ..." names the victim, not the attacker
    facts = extract(extractor, "War report\n\nChad suffered numerous attacks in 2001, including a bombing in Varnek "
                               "in June that killed forty people.")
    assert all("Chad" not in p for p, _, _ in _attacks(facts))


# --- a repeated preposition after "and": one event each, dated by its own phrase (attack; the
#     capture's "and of Z" is read the same way, above)

def test_an_attack_noun_with_a_repeated_on_is_one_attack_a_place(extractor):
    facts = extract(extractor, "War report\n\nThe attacks on Varnek in May and on Kormi in June killed 40 soldiers, "
                               "officials in Chad said.")
    assert _attacks(facts) == [([], ["Kormi"], "2023-06"), ([], ["Varnek"], "2023-05")]


def test_a_repeated_on_that_names_a_time_is_no_second_place(extractor):
    # guard: "on Varnek in May and on Friday": a second time, not a second attack
    facts = extract(extractor, "War report\n\nThe attack on Varnek in May and on Friday killed 40 soldiers, "
                               "officials in Chad said.")
    assert [loc for _, loc, _ in _attacks(facts)] == [["Varnek"]]


# --- what a list told by one noun shares: "..., both of which had been held by X" (capture),
#     "..., both of them against X" (attack)

def test_a_both_clause_after_a_list_of_captures_names_their_former_holder(extractor):
    facts = extract(extractor, "War report\n\nThe advance began with the recapture of Varnek on Thursday and Kormi "
                               "on Saturday, both of which had been held by Russian troops.")
    assert sorted((c[0], c[2]) for c in _captures(facts)) == [(["Kormi"], ["Russian forces"]),
                                                              (["Varnek"], ["Russian forces"])]


def test_a_both_clause_whose_verb_takes_no_holder_names_none(extractor):
    # guard: "both of which were visited by X": X held neither
    facts = extract(extractor, "War report\n\nThe advance began with the recapture of Varnek on Thursday and Kormi "
                               "on Saturday, both of which were visited by Russian troops.")
    assert all(c[2] == [] for c in _captures(facts))


def test_a_both_phrase_after_a_list_of_attacks_names_their_target(extractor):
    facts = extract(extractor, "War report\n\nAl-Shabaab has carried out similar assaults on African Union bases "
                               "before, including the attacks on Varnek in January 2016 and on Kormi in January 2017, "
                               "both of them against Kenyan troops.")
    targets = {tuple(names(facts, v, "location")): names(facts, v, "target") for v in asserted(facts, "Attack")}
    assert "Kenyan forces" in targets[("Varnek",)] and "Kenyan forces" in targets[("Kormi",)]


# --- the possessor of a noun of taking part is the agent of the event noun of its "in" (attack, capture)

def test_the_possessor_of_involvement_in_an_attack_and_seizure_is_their_agent(extractor):
    facts = extract(extractor, "War report\n\nWe condemn Chad's military involvement in the attack on and seizure "
                               "of Varnek, an act which goes beyond self-defense.")
    assert [p for p, _, _ in _attacks(facts)] == [["Chad"]]
    assert [c[1] for c in _captures(facts)] == [["Chad"]]


def test_the_possessor_of_a_role_in_a_capture_is_its_captor(extractor):
    facts = extract(extractor, "War report\n\nOfficials praised Chad's role in the recapture of Varnek in May.")
    assert [(c[0], c[1]) for c in _captures(facts)] == [(["Varnek"], ["Chad"])]


def test_a_denied_involvement_names_no_agent(extractor):
    # guard: "X has denied involvement in the bombing": no possessor, X is not the attacker
    facts = extract(extractor, "War report\n\nNiger has denied involvement in the bombing of Varnek in May.")
    assert all("Niger" not in p for p, _, _ in _attacks(facts))


# --- attack nouns with no attacker after a lead naming one state's forces as the only attacker

def test_a_later_strike_noun_is_the_lone_attacking_forces(extractor):
    facts = extract(extractor, "Strikes report\n\nSince May 3, the Chadian military has conducted four airstrikes "
                               "against Boko Haram in Niger, killing 10 fighters. A strike on May 3 killed two "
                               "fighters in Varnek. A second strike on May 5 killed four fighters near Kormi.",
                    published="2023-05-20")
    by_place = {tuple(loc): p for p, loc, _ in _attacks(facts)}
    assert by_place[("Varnek",)] == ["Chadian forces"] and by_place[("Kormi",)] == ["Chadian forces"]


def test_a_later_strike_noun_takes_no_attacker_when_two_are_named(extractor):
    # guard: the report names two attackers: the lead's is not given to the later noun
    facts = extract(extractor, "Strikes report\n\nSince May 3, the Chadian military has conducted four airstrikes "
                               "against Boko Haram in Niger, and Boko Haram fighters attacked a Chadian base in "
                               "Dulmar. A strike on May 3 killed two fighters in Varnek.", published="2023-05-20")
    by_place = {tuple(loc): p for p, loc, _ in _attacks(facts)}
    assert "Chadian forces" not in by_place.get(("Varnek",), [])
