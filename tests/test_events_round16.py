"""The sixteenth round of event rules for real news (issue 10): classes of error seen in at least three
LOOK batches (docs/extraction.md, "Round 16"), each on short reports invented for these tests, with a
guard for what it must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _attack(f):
    [v] = asserted(f, "Attack")
    return v


def _count(v, kind):
    q = v.quantities.get(kind)
    return q.value if q is not None else None


# --- a toll told in a passive sentence of its own, after the attack

def test_wounded_told_in_the_next_sentence_are_the_attacks_injuries(extractor):
    f = extract(extractor, "Rockets hit town\n\nZarkan rebels fired rockets at the town of Belmora on Tuesday. "
                           "Six civilians were injured, the police said.")
    v = _attack(f)
    assert names(f, v, "location") == ["Belmora"]
    assert _count(v, "injuries") == 6


def test_dead_and_wounded_in_one_passive_sentence_are_both_counted(extractor):
    f = extract(extractor, "Convoy ambushed\n\nZarkan rebels ambushed a convoy near the town of Belmora on Tuesday. "
                           "One person was killed and four were injured.")
    v = _attack(f)
    assert (_count(v, "fatalities"), _count(v, "injuries")) == (1, 4)


def test_wounded_by_the_attacks_own_fire_are_its_injuries(extractor):
    f = extract(extractor, "Rockets hit town\n\nZarkan rebels fired rockets at the town of Belmora on Tuesday. "
                           "Six civilians were injured by the artillery fire.")
    assert _count(_attack(f), "injuries") == 6


def test_a_toll_of_a_flood_or_a_fire_is_no_attacks_toll(extractor):
    f = extract(extractor, "Rockets hit town\n\nZarkan rebels fired rockets at the town of Belmora on Tuesday. "
                           "Six civilians were injured by a fire.")
    assert _count(_attack(f), "injuries") is None


def test_a_toll_placed_elsewhere_is_no_toll_of_the_attack_before(extractor):
    f = extract(extractor, "Convoy ambushed\n\nZarkan rebels ambushed a convoy near the town of Belmora on Tuesday. "
                           "Two people were wounded in the capital on Monday.")
    v = next(v for v in asserted(f, "Attack") if names(f, v, "location") == ["Belmora"])
    assert _count(v, "injuries") is None


def test_a_part_of_people_killed_is_left_alone(extractor):
    f = extract(extractor, "Convoy ambushed\n\nZarkan rebels ambushed a convoy near the town of Belmora on Tuesday. "
                           "Ten of the attackers were killed.")
    assert _count(_attack(f), "fatalities") is None


# --- a count of troops told apart from the one deployment of the report

def _deployment(f):
    [v] = [v for v in f.events if v.type == "Deployment"]
    return v


def test_the_one_count_of_troops_told_elsewhere_is_the_deployments(extractor):
    f = extract(extractor, "Troops cross border\n\nAn official told reporters that about 400 Ghanaian soldiers crossed "
                           "the border on Friday.\n\nResidents said the soldiers were near the town of Belmora.\n\n"
                           "Officials confirm Ghanaian forces have entered Togo.")
    v = _deployment(f)
    assert names(f, v, "destination") == ["Togo"]
    assert _count(v, "troops") == 400


def test_a_vague_count_of_troops_is_no_deployments_count(extractor):
    f = extract(extractor, "Troops cross border\n\nAn official told reporters that several hundred Ghanaian soldiers "
                           "crossed the border on Friday.\n\nOfficials confirm Ghanaian forces have entered Togo.")
    assert _count(_deployment(f), "troops") is None


def test_troops_told_as_present_there_are_no_deployments_count(extractor):
    f = extract(extractor, "Troops reach town\n\nGhanaian troops were stationed on Saturday in the town of Belmora in Togo.\n\n"
                           "More than 7,000 peacekeepers are in the country to monitor a truce.")
    assert _count(_deployment(f), "troops") is None


def test_two_counts_of_troops_give_the_deployment_none(extractor):
    f = extract(extractor, "Troops cross border\n\nAn official said about 400 Ghanaian soldiers crossed the border on "
                           "Friday.\n\nAnother official said 600 soldiers had crossed.\n\n"
                           "Officials confirm Ghanaian forces have entered Togo.")
    assert _count(_deployment(f), "troops") is None


# --- a re-taking does not say whom the first capture took the place from

def _capture_frames(text: str, dates: tuple[str, str]):
    from kg.extract.events.frame import Frame
    from kg.extract.nlp import load_model, parse
    from kg.models import DateValue

    sents = parse(load_model(), text).sentences
    out = []
    for sent, date, verb, captor in zip(sents, dates, ("seized", "retook"), ("E1", "E2")):
        trigger = next(t for t in sent.span if t.text == verb)
        out.append(Frame("Capture", trigger, sent, False, roles={"place": ["E3"], "captor": [captor]},
                         date=DateValue(value=date, precision="month", text=date)))
    return out


def test_a_retaking_names_no_former_holder_of_the_first_capture():
    from kg.extract.events.merge import _chain_holders

    first, again = _capture_frames("Rebels seized the town in May. Soldiers retook it in June.", ("2023-05", "2023-06"))
    _chain_holders([first, again])
    assert again.roles.get("former") == ["E1"]  # whoever took it first held it when it was taken again
    assert not first.roles.get("former")  # the text does not say whom the rebels took it from


# --- the former holder told leaving the place captured

def _withdrawals(extractor, text: str):
    """The report's sentences and resolution, and a capture of its first sentence's town, naming no
    former holder (as the other rules may leave it), given to ``_former_withdrew``."""
    from kg.extract.events.frame import Frame
    from kg.extract.events.withdrawals import _former_withdrew
    from kg.extract.nlp import parse

    parsed = parse(extractor.nlp, text)
    res = extractor.resolver.resolve(extractor.mentions.find(parsed))
    first = parsed.sentences[0]
    trigger = next(t for t in first.span if t.lemma_ == "capture")
    town = next(res.entity_at(t) for t in first.span if t.text == "Belmora")
    f = Frame("Capture", trigger, first, False, roles={"place": [town]})
    t = extractor.events.t
    _former_withdrew([f], parsed.sentences, res, t.base, t.loss_verbs, t.loss_nouns)
    return f, res


def _name(res, eid):
    return next(e.name for e in res.entities if e.id == eid)


def test_the_side_seen_fleeing_the_town_held_it(extractor):
    f, res = _withdrawals(extractor, "Rebels have captured the town of Belmora in Somalia. The town was quiet on "
                                     "Monday. Residents said they saw al-Shabab fighters fleeing the city.")
    assert [_name(res, e) for e in f.roles["former"]] == ["al-Shabaab"]


def test_the_side_named_by_its_pullout_held_it(extractor):
    f, res = _withdrawals(extractor, "Rebels have captured the town of Belmora in Somalia after the pullout of "
                                     "Ethiopian troops early Monday.")
    assert [_name(res, e) for e in f.roles["former"]] == ["Ethiopian forces"]


def test_a_side_fleeing_to_another_named_place_is_not_said_to_leave_this_one(extractor):
    f, res = _withdrawals(extractor, "Rebels have captured the town of Belmora in Somalia. Residents said "
                                     "al-Shabab fighters fled from Kismayo on Monday.")
    assert not f.roles.get("former")


# --- an attack on a post or convoy was on the place's state's own forces

def test_of_several_forces_placed_in_the_state_the_attacked_post_was_the_states_own(extractor):
    f = extract(extractor, "Convoy attacked\n\nMilitants attacked a military convoy near Sikasso on Sunday, killing six "
                           "soldiers. Malian troops and MINUSMA peacekeepers searched the area.")
    v = _attack(f)
    assert names(f, v, "location") == ["Sikasso"]
    assert names(f, v, "target") == ["Malian forces"]


def test_a_patrol_told_as_the_subject_of_a_passive_was_the_attacked_post(extractor):
    f = extract(extractor, "Patrol ambushed\n\nAn army patrol was ambushed near Sikasso on Sunday, officials said. Malian "
                           "troops and MINUSMA peacekeepers searched the area.")
    assert names(f, _attack(f), "target") == ["Malian forces"]


def test_a_mission_alone_in_the_state_is_not_taken_for_its_forces_when_the_state_has_its_own(extractor):
    f = extract(extractor, "Convoy attacked\n\nMilitants attacked a market near Sikasso on Sunday, killing six "
                           "civilians. Malian troops and MINUSMA peacekeepers searched the area.")
    assert not names(f, _attack(f), "target")
