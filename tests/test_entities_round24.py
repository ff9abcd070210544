"""Entities, round 24 (issue 10): a name that is a military operation's or a signed text's names no actor
and no place (`_drop_named_things`, kg/extract/resolve.py; docs/entities.md, "Round 24").

Each test is an invented report with invented names.
"""

from __future__ import annotations

from rule_helpers import extract


def _named(facts, part):
    return [(e.type, e.name) for e in facts.entities if part in e.name or any(part in a for a in e.aliases)]


# An operation's name, after "Operation", in apposition to "the operation", after "an exercise called",
# or its acronym, is no person, body or place.

def test_an_operation_named_after_operation_is_no_person(extractor):
    f = extract(extractor, "Strikes\n\nBombers struck radar posts near the town of Dorvala as Operation Velvet Lark began on Monday. "
                           "Velvet Lark will go on for a week, the ministry said.")
    assert _named(f, "Velvet Lark") == [], _named(f, "Velvet Lark")


def test_an_operation_in_apposition_to_the_operation_is_no_person(extractor):
    f = extract(extractor, "Evacuation\n\nTwo ships and their crews took part in the operation, Steady Harbor. "
                           "Boats carried families out of the town of Dorvala.")
    assert _named(f, "Steady Harbor") == [], _named(f, "Steady Harbor")
    assert ("Location", "Dorvala") in [(e.type, e.name) for e in f.entities]


def test_the_acronym_of_an_operation_is_no_body(extractor):
    f = extract(extractor, "Drill\n\nA company of engineers reached Velandia for Operation Amber Shield (OAS) on Friday. "
                           "\n\nTheir trucks will later move north while the engineers support OAS near the border.")
    assert _named(f, "OAS") == [], _named(f, "OAS")


# A place named only as the modifier of a signed text is no place of the report; named otherwise too, it stays.

def test_a_town_named_only_in_an_agreements_name_is_no_place(extractor):
    f = extract(extractor, "Talks\n\nThe envoy asked both sides to honour the Marvik agreements before winter. Nobody has broken "
                           "the Torsby peace accords since they were signed, she added.")
    assert _named(f, "Marvik") == [] and _named(f, "Torsby") == [], (_named(f, "Marvik"), _named(f, "Torsby"))


def test_a_town_named_in_an_agreement_and_as_a_place_stays(extractor):
    f = extract(extractor, "Talks\n\nEnvoys gathered in Marvik on Monday. They asked both sides to honour the Marvik agreements.")
    assert [t for t, _ in _named(f, "Marvik")] == ["Location"], _named(f, "Marvik")


# Guards: a person named after "the operation," as a speaker, and a force named with "Operation" inside.

def test_a_speaker_after_the_operation_is_kept(extractor):
    f = extract(extractor, "Raid\n\nAfter the operation, Colonel Jana Torvik said the town of Dorvala was calm.")
    assert ("Person", "Jana Torvik") in [(e.type, e.name) for e in f.entities], [(e.type, e.name) for e in f.entities]


def test_a_task_force_named_for_an_operation_is_kept(extractor):
    f = extract(extractor, "Strikes\n\nThe Combined Joint Task Force Operation Amber Shield said it struck 12 targets "
                           "near Dorvala on Monday.")
    assert any(t == "ArmedForce" for t, _ in _named(f, "Task Force")), _named(f, "Amber")


# A listed name written after "a"/"an" with a word in lower case that the name capitalises is a common noun.

def test_a_listed_name_in_lower_case_after_an_is_a_kind_of_thing(extractor):
    f = extract(extractor, "Insurgency\n\nThe militants, who want to create an Islamic state, attacked the town of Dorvala "
                           "on Monday.")
    assert not any(e.type == "ArmedGroup" and "Islamic" in e.name for e in f.entities), \
        [(e.type, e.name) for e in f.entities]


def test_a_listed_name_capitalised_after_a_is_kept(extractor):
    f = extract(extractor, "Insurgency\n\nA Islamic State commander was killed near the town of Dorvala on Monday, "
                           "and Islamic State fighters fled.")
    assert any(e.type == "ArmedGroup" and e.name == "Islamic State" for e in f.entities), \
        [(e.type, e.name) for e in f.entities]


def test_a_programme_named_by_its_kind_is_no_body(extractor):
    f = extract(extractor, "Visit\n\nThe minister said Velandia joined the alliance's Partnership for Stability last year "
                           "and now hosts a small training team.")
    assert _named(f, "Partnership") == [], _named(f, "Partnership")


# One unit named several ways in one report: by its number and echelon in full and short, and by a nickname.

def _units(facts):
    return sorted((e.name, sorted(e.aliases)) for e in facts.entities if e.type == "ArmedForce")


def test_a_brigade_named_in_full_and_short_and_by_nickname_is_one_unit(extractor):
    f = extract(extractor, "Rotation\n\nSoldiers of the 4th Brigade, 2nd Infantry Division, left Camp Dorvala for Velandia on "
                           "Monday. The 4th Armored Brigade Combat Team will stay nine months. "
                           "\"The Ravenwolf Brigade is ready for this,\" its colonel said.")
    brigades = [u for u in _units(f) if "Brigade" in u[0] or any("Brigade" in a for a in u[1])]
    assert len(brigades) == 1, _units(f)
    assert {"4th Armored Brigade Combat Team", "Ravenwolf Brigade"} <= set(brigades[0][1]) | {brigades[0][0]}, brigades


def test_two_brigades_of_different_numbers_and_a_nickname_stay_apart(extractor):
    f = extract(extractor, "Rotation\n\nThe 4th Armored Brigade Combat Team, 2nd Cavalry Division, takes over from the "
                           "3rd Armored Brigade Combat Team, 1st Infantry Division, in Velandia. \"The Ravenwolf Brigade "
                           "is ready,\" its colonel said.")
    names = [n for n, _ in _units(f)]
    assert any(n.startswith("4th Armored") for n in names) and any(n.startswith("3rd Armored") for n in names), _units(f)
    assert not any("Ravenwolf Brigade" in a for _, al in _units(f) for a in al), _units(f)


def test_two_divisions_of_one_number_and_different_kinds_stay_apart(extractor):
    f = extract(extractor, "Exercise\n\nTanks of the 1st Armored Division drilled beside the 1st Infantry Division "
                           "near Dorvala on Monday.")
    names = [n for n, _ in _units(f)]
    assert "1st Armored Division" in names and "1st Infantry Division" in names, _units(f)


# A state's service named bare is an armed force of its own name, one with the service named with its state.

def _ents(facts):
    return [(e.type, e.name, sorted(e.aliases)) for e in facts.entities]


def test_a_service_named_bare_before_a_noun_or_owning_a_command_is_an_armed_force(extractor):
    f = extract(extractor, "Airlift\n\nSix Navy helicopters carried food to the town of Dorvala on Monday. Tankers of the Air "
                           "Force's Velmar Refuelling Command flew from a base nearby.")
    types = {n: t for t, n, _ in _ents(f)}
    assert types.get("Navy") == "ArmedForce" and types.get("Air Force") == "ArmedForce", _ents(f)


def test_a_service_named_bare_joins_the_service_named_with_its_state(extractor):
    f = extract(extractor, "Talks\n\nThe two ministers agreed on more Coast Guard training, and a retired United States Coast "
                           "Guard cutter will be handed to Velandia next year.")
    guards = [x for x in _ents(f) if "Guard" in x[1] or any("Guard" in a for a in x[2])]
    assert guards == [("ArmedForce", "United States Coast Guard", ["Coast Guard"])], _ents(f)


def test_the_guard_joins_the_one_national_guard(extractor):
    f = extract(extractor, "Visit\n\nThe general praised the Guard's work in Velandia on Tuesday. The National "
                           "Guard and the Air National Guard have sent 300 troops there since May.")
    guards = [x for x in _ents(f) if x[1].endswith("Guard")]
    assert ("ArmedForce", "National Guard", ["Guard"]) in guards and len(guards) == 2, _ents(f)


def test_a_service_in_a_rank_or_a_body_name_is_no_force(extractor):
    f = extract(extractor, "Visit\n\nNavy Adm. Jane Torvik spoke to reporters beside staff of the Department of the Navy in Velandia.")
    assert not any(n == "Navy" for _, n, _ in _ents(f)), _ents(f)


# A body joined from several names whose mentions the text mostly calls armed is that armed group.

def test_a_body_most_of_whose_mentions_are_armed_is_an_armed_group(extractor):
    f = extract(extractor, "Offensive\n\nThe Kavran Democratic Union (KDU) has taken full control of Dorvala, the last "
                           "sizeable town held by the militants. The town was recaptured by the KDU after its fighters "
                           "cleared the last positions. KDU fighters also seized two villages, and KDU militants "
                           "overran the airport.")
    named = [(t, n) for t, n, al in _ents(f) if "KDU" in n or "KDU" in al]
    assert named == [("ArmedGroup", "KDU")], _ents(f)


def test_a_group_named_by_its_loyal_fighters_keeps_its_type_beside_its_longer_name(extractor):
    f = extract(extractor, "Clashes\n\nFighters loyal to the Kavran Courts have captured the town of Dorvala. Militias "
                           "loyal to the Kavran Courts also hold the port, and the Kavran Courts Union rejected any talks.")
    named = [(t, n) for t, n, al in _ents(f) if "Kavran" in n]
    assert named == [("ArmedGroup", "Kavran Courts")], _ents(f)


def test_a_body_the_text_does_not_call_armed_stays_a_body(extractor):
    f = extract(extractor, "Aid\n\nThe Kavran Relief Union (KRU) sent food to the town of Dorvala on Monday. The KRU "
                           "said it would open two clinics, and the KRU asked donors for more money.")
    named = [(t, n) for t, n, al in _ents(f) if "KRU" in n or "KRU" in al]
    assert named and all(t == "Organization" for t, _ in named), _ents(f)
