"""The sixth round for real news (issue 10): entity mentions, their types and coreference, each
rule on short reports invented for these tests (docs/entities.md).

The classes come from the real-news dev entity errors counted by kind: armed groups named by the
people they fight for ("X rebels") or by their patron ("X-backed separatists"), a group of the
lexicon named with its fighters' noun ("X rebels" for a listed "X"), and definite descriptions
("the rebels", "the troops") that point back to the actor named before.
"""

from __future__ import annotations

from rule_helpers import asserted, entity_types, extract, names

# ----- armed groups named by their people or their patron


def test_a_peoples_name_before_rebels_is_an_armed_group_and_the_rebels_are_it(extractor):
    f = extract(extractor, "Rebels attack town\n\nKaren rebels attacked the town of Lakora on Sunday, killing 12 "
                           "people. The rebels later withdrew.")
    assert entity_types(f).get("Karen rebels") == "ArmedGroup"
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Karen rebels"]
    group = next(e for e in f.entities if e.name == "Karen rebels")
    assert len(group.mentions) == 2  # "The rebels" is the same group


def test_a_states_demonym_or_a_faith_before_rebels_names_no_group(extractor):
    f = extract(extractor, "Fighting\n\nSomali rebels and Muslim rebels clashed near the town of Lakora on Sunday.")
    types = entity_types(f)
    assert "Somali rebels" not in types and "Muslim rebels" not in types
    assert not any(t == "ArmedGroup" for t in types.values())


def test_a_peoples_group_joins_the_listed_group_of_that_people(extractor):
    # the lexicon lists the LTTE with the alias "Tamil Tigers": "Tamil rebels" are that group
    f = extract(extractor, "Town falls\n\nThe LTTE said on Monday it had seized the town of Lakora. Tamil rebels "
                           "also attacked an army post.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert len(groups) == 1 and "Tamil rebels" in groups[0].aliases


def test_a_peoples_group_stays_its_own_without_a_listed_group_of_that_people(extractor):
    f = extract(extractor, "Town falls\n\nTamil rebels attacked an army post near the town of Lakora on Monday.")
    assert entity_types(f).get("Tamil rebels") == "ArmedGroup"


def test_a_listed_group_with_its_fighters_noun_is_one_mention_with_both_names(extractor):
    f = extract(extractor, "Strike\n\nHouthi rebels attacked the town of Lakora on Sunday.")
    group = next(e for e in f.entities if e.type == "ArmedGroup")
    assert group.name == "Houthis"
    assert "Houthi rebels" in group.aliases and "Houthi" in group.aliases
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Houthis"]


def test_state_backed_separatists_are_one_group_with_pro_state_separatists_and_the_state_is_named(extractor):
    f = extract(extractor, "Shelling\n\nRussia-backed separatists shelled the town of Lakora on Monday. "
                           "Pro-Russian separatists also seized the town of Merovo.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert [g.name for g in groups] == ["Russia-backed separatists"]
    assert groups[0].aliases == ["Pro-Russian separatists"]
    assert entity_types(f).get("Russia") == "Country"
    assert groups[0].attributes.get("backed_by") == next(e.id for e in f.entities if e.name == "Russia")
    [capture] = asserted(f, "Capture")
    assert names(f, capture, "captor") == ["Russia-backed separatists"]


def test_pro_state_militia_and_militiamen_are_one_group(extractor):
    f = extract(extractor, "Clashes\n\nPro-Indonesia militiamen attacked the village of Lakora. "
                           "The pro-Indonesia militia then fled.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert len(groups) == 1 and sorted([groups[0].name, *groups[0].aliases]) == [
        "Pro-Indonesia militiamen", "pro-Indonesia militia"]
    assert entity_types(f).get("Indonesia") == "Country"


# ----- definite descriptions of actors (coreference)


def test_the_troops_point_back_to_the_force_named_before(extractor):
    f = extract(extractor, "Town retaken\n\nKenyan troops reached the town of Lakora on Monday. On Tuesday the troops "
                           "attacked the town, killing 11 militants.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Kenyan forces"]


def test_the_soldiers_point_back_to_the_force_named_before(extractor):
    f = extract(extractor, "Ambush\n\nNigerien soldiers patrolled near the village of Lakora. Gunmen ambushed "
                           "the soldiers on Friday, killing four.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "target") == ["Nigerien forces"]


def test_a_description_with_a_word_of_no_actor_points_nowhere(extractor):
    # "the regional group" is a bloc, not the armed group named before
    f = extract(extractor, "Talks\n\nAl-Shabaab fighters attacked the town of Lakora on Monday. The regional "
                           "group held an emergency meeting in Nairobi.")
    group = next(e for e in f.entities if e.type == "ArmedGroup")
    assert all("regional" not in m.text for m in group.mentions)


def test_troops_whose_phrase_names_their_side_are_no_description(extractor):
    f = extract(extractor, "Fighting\n\nKenyan troops reached the town of Lakora on Monday. The forces loyal to "
                           "the warlord attacked the town on Tuesday, killing 11.")
    kenyan = next(e for e in f.entities if e.name == "Kenyan forces")
    assert all("loyal" not in m.text and m.text != "forces" for m in kenyan.mentions)


def test_the_troops_after_two_forces_in_one_sentence_are_neither(extractor):
    f = extract(extractor, "Clashes\n\nKenyan troops and Ugandan troops entered the town of Lakora on Monday. The troops "
                           "attacked a militant camp on Tuesday, killing 11.")
    forces = [e for e in f.entities if e.type == "ArmedForce"]
    assert forces and all(all(m.text != "troops" for m in e.mentions) for e in forces)


def test_the_ministry_points_back_to_a_ministry_not_to_any_body(extractor):
    f = extract(extractor, "Statement\n\nThe Kenyan Defence Ministry and the Red Cross spoke on Monday. The ministry "
                           "said troops would stay.")
    ministry = next(e for e in f.entities if "Ministry" in e.name)
    assert len(ministry.mentions) == 2
    red_cross = next(e for e in f.entities if "Red Cross" in e.name)
    assert len(red_cross.mentions) == 1


# ----- a state's forces by its possessive; a force phrase describing a name


def test_a_states_possessive_army_is_its_forces_and_names_the_state(extractor):
    f = extract(extractor, "Border attack\n\nSudan's army attacked the town of Lakora on Monday, killing 12 people.")
    force = next(e for e in f.entities if e.type == "ArmedForce")
    assert force.name == "Sudanese forces" and force.aliases == ["Sudan's army"]
    assert entity_types(f).get("Sudan") == "Country"
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Sudanese forces"]


def test_an_indefinite_force_phrase_in_apposition_to_a_name_is_no_states_force(extractor):
    f = extract(extractor, "Raid\n\nThe attack by Hezbollah, a Lebanese militia, near the village of Lakora killed "
                           "three soldiers on Monday.")
    assert not any(e.type == "ArmedForce" and e.name.startswith("Lebanese") for e in f.entities)
    assert entity_types(f).get("Hezbollah") == "ArmedGroup"


# ----- titles are no names; an outlet's service keeps the outlet's short name


def test_a_title_alone_is_no_person_or_place_whatever_finds_it(extractor):
    f = extract(extractor, "Talks\n\nJohn Roe, Utopia's Prime Minister, blamed the attack on the rebels. It was all "
                           "smiles as Kenya Foreign Minister Jane Doe and Mary Major emerged. Doe and Indian Foreign "
                           "Minister Sam Poe talked.")
    names_ = {e.name for e in f.entities}
    assert "Prime Minister" not in names_ and "Foreign Minister" not in names_
    assert {"John Roe", "Jane Doe", "Sam Poe"} <= names_


def test_an_outlets_service_keeps_the_outlets_own_short_name_and_a_day_is_no_service(extractor):
    f = extract(extractor, "News\n\nA rebel fighter told VOA Sunday that the town of Lakora fell. VOA Deewa said "
                           "the town was calm.")
    [outlet] = [e for e in f.entities if e.type == "Organization"]
    assert "VOA" in outlet.aliases and "VOA Deewa" in outlet.aliases
    assert not any("Sunday" in a for a in [outlet.name, *outlet.aliases])


# ----- short forms of names


def test_a_given_or_middle_name_alone_is_the_one_person_named_in_full_with_it(extractor):
    f = extract(extractor, "Fighting\n\nRebel commander John Marak Deng said his men took the town of Lakora. "
                           "Marak said the army fled. Abebe Kebede, a spokesman, said the attack failed. Abebe "
                           "added that 30 died.")
    people = {e.name: e.aliases for e in f.entities if e.type == "Person"}
    assert people == {"John Marak Deng": ["Marak"], "Abebe Kebede": ["Abebe"]}


def test_a_surname_with_its_particle_is_the_person_named_in_full(extractor):
    f = extract(extractor, "Toll\n\nRami Abd al-Haddad of the observatory said 20 died. Al-Haddad said more would die.")
    people = [e for e in f.entities if e.type == "Person"]
    assert [(p.name, p.aliases) for p in people] == [("Rami Abd al-Haddad", ["Al-Haddad"])]


def test_a_name_two_people_share_stays_apart(extractor):
    f = extract(extractor, "Talks\n\nJohn Marak Deng met Peter Marak Lual on Monday in the town of Lakora. "
                           "Marak said the talks went well.")
    assert not any(e.type == "Person" and "Marak" in e.aliases for e in f.entities)


def test_a_department_of_a_service_is_a_body_not_a_unit(extractor):
    f = extract(extractor, "Rotation\n\nThe Department of the Army announced on Monday that the 3rd Brigade will "
                           "deploy to Kuwait.")
    types = entity_types(f)
    assert types.get("Department of the Army") == "Organization" and types.get("3rd Brigade") == "ArmedForce"


def test_a_town_named_with_its_settlement_word_is_the_town(extractor):
    f = extract(extractor, "Shelling\n\nThe army shelled Lakora village on Monday. Residents of Lakora fled.")
    towns = [e for e in f.entities if e.type == "Location"]
    assert len(towns) == 1


def test_a_short_form_of_a_longer_place_name_is_that_place(extractor):
    f = extract(extractor, "Offensive\n\nThe army launched an offensive in the Tirah Valley on Monday. Troops "
                           "entered Tirah on Tuesday.")
    [valley] = [e for e in f.entities if e.type == "Location"]
    assert valley.name == "Tirah Valley" and "Tirah" in valley.aliases


# ----- a name the text calls armed, a name in apposition to a role


def test_a_body_the_text_calls_rebel_is_an_armed_group(extractor):
    f = extract(extractor, "Offensive\n\nThe offensive drove into territory controlled by the rebel Movement for "
                           "the Redemption of Kivu on Monday.")
    assert entity_types(f).get("Movement for the Redemption of Kivu") == "ArmedGroup"


def test_a_name_described_as_a_militia_is_an_armed_group_but_not_a_rebel_commander(extractor):
    f = extract(extractor, "Advance\n\nAn official with Ras Lakora – a militia allied with the government – said "
                           "troops were near. Jane Roe, a rebel commander, spoke. Kivu Front, an armed group, attacked "
                           "the town of Merovo.")
    types = entity_types(f)
    assert types.get("Ras Lakora") == "ArmedGroup" and types.get("Kivu Front") == "ArmedGroup"
    assert types.get("Jane Roe") == "Person"


def test_a_full_name_after_the_head_of_a_body_is_a_person(extractor):
    f = extract(extractor, "Bombing\n\nA suicide bomber killed the head of the provincial council, Rasoul Mohsen, "
                           "in the town of Lakora on Monday.")
    assert entity_types(f).get("Rasoul Mohsen") == "Person"


def test_the_x_region_beside_x_is_one_place(extractor):
    f = extract(extractor, "Tensions\n\nTroops moved into the Zwerbaqi region on Monday. Fighting in Zwerbaqi has "
                           "killed thousands since 1989.")
    places = [e for e in f.entities if e.type == "Location"]
    assert len(places) == 1


def test_a_district_of_a_named_state_is_no_district_of_that_name(extractor):
    f = extract(extractor, "Attacks\n\nGunmen attacked villages in Lakora State. A senator representing a southern "
                           "Lakora district says the militants took control of several towns.")
    assert not any(e.name == "Lakora district" for e in f.entities)


def test_a_name_ner_leaves_unlabelled_in_the_x_region_is_a_place_not_a_description(extractor):
    f = extract(extractor, "Fighting\n\nSoldiers took control of the rebels' last stronghold in the Qarmoun region "
                           "on Sunday. Militants attacked villages in the nearby Gwaza district.")
    places = {e.name: e.aliases for e in f.entities if e.type == "Location"}
    assert places.get("Qarmoun region") == ["Qarmoun"] and places.get("Gwaza district") == ["Gwaza"]


def test_a_region_of_a_state_is_the_region_the_event_reads(extractor):
    f = extract(extractor, "Incursion\n\nIsrael has launched an incursion into southern Lebanon. Israeli troops "
                           "entered southern Lebanon on Wednesday.")
    assert entity_types(f).get("southern Lebanon") == "Location"
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "destination") == ["southern Lebanon"]


# ----- a people's name is no place, person or group


def test_a_peoples_name_after_ethnic_or_minority_or_before_a_word_for_people_names_nothing(extractor):
    f = extract(extractor, "Tensions\n\nEthnic Bakor form the majority of the population, but the minority Lusi "
                           "have held most of the power. A car was damaged outside a house belonging to a Houthi man "
                           "in Sanaa. Moussa is said to be close to a Tamasheq militant chief. Pentagon spokesman "
                           "Jim Roe said 12 died, and a Kabul police chief agreed.")
    names_ = {e.name for e in f.entities}
    assert not names_ & {"Bakor", "Ethnic Bakor", "Lusi", "Houthis", "Tamasheq"}
    assert {"Sanaa", "Pentagon", "Kabul"} <= names_


def test_a_peoples_militias_are_an_armed_group_however_the_parse_hangs_them(extractor):
    f = extract(extractor, "Attack\n\nLakora is close to the border - where extremist Hutu militias from Rwanda "
                           "are based.")
    assert entity_types(f).get("Hutu militias") == "ArmedGroup"


def test_the_x_region_beside_the_city_x_stays_two_places(extractor):
    f = extract(extractor, "Counteroffensive\n\nUkrainian forces advanced in the Poltava region on Monday. Russian "
                           "forces shelled Poltava, killing one person.")
    places = sorted(e.name for e in f.entities if e.type == "Location")
    assert places == ["Poltava", "Poltava region"]


def test_the_rebel_before_a_movements_name_makes_it_an_armed_group_but_not_before_any_body(extractor):
    f = extract(extractor, "Talks\n\nThe rebel Movement for the Liberation of Lakora seized the town of Merovo. The rebel "
                           "Lakora Broadcasting Corporation aired the news.")
    types = entity_types(f)
    assert types.get("Movement for the Liberation of Lakora") == "ArmedGroup"
    assert types.get("Lakora Broadcasting Corporation") != "ArmedGroup"


def test_the_outlets_own_bureau_or_service_is_no_actor(extractor):
    f = extract(extractor, "Report\n\nVOA Correspondent Jane Roe has the latest from our East Africa Bureau in "
                           "Nairobi. A reporter for VOA's Deewa service said the military targeted hideouts. Security "
                           "Council members met in New York.")
    names_ = {e.name for e in f.entities}
    assert not any("Bureau" in n or n == "Deewa" for n in names_)
    assert {"Jane Roe", "Nairobi", "United Nations Security Council"} <= names_
