"""Entities, round 27 (issue 10): false entities on text not tuned on (docs/entities.md, "Round 27
(entities)"), by the mechanism still present today in the most batches' first runs.

Each extraction test is an invented report with invented places.
"""

from __future__ import annotations

from rule_helpers import extract, types_named
from script_loader import load_script


def _all(facts):
    return [(e.type, e.name) for e in facts.entities]


# 1. A people's name ("the Yezidis", "the Kosovar Xians", "the South Xians") is no place and no body.

def test_a_listed_people_in_a_list_of_peoples_is_no_place(extractor):
    f = extract(extractor, "Alliance\n\nThe alliance of Kurds, Arabs, Assyrians, Yezidis, Armenians and Turkmen "
                           "took Velkoro on Sunday.")
    assert types_named(f, "Yezidi") == [], _all(f)
    assert ("Location", "Velkoro") in _all(f)


def test_a_states_plural_demonym_with_a_qualifier_is_no_body(extractor):
    f = extract(extractor, "Tensions\n\nThe army said its aim was to protect the Kosovar Albanians from the "
                           "militias around Velkoro.")
    assert types_named(f, "Albanians") == [], _all(f)
    f = extract(extractor, "Summit\n\nThe message was sent to Pyongyang by the Japanese, the Chinese and the "
                           "South Koreans, the minister said.")
    assert types_named(f, "Koreans") == [], _all(f)


def test_a_listed_people_with_its_faith_is_no_body(extractor):
    f = extract(extractor, "Unrest\n\nMost residents of Velkoro are the largely Muslim Uyghurs, officials said.")
    assert types_named(f, "Uyghurs") == [], _all(f)
    assert ("Location", "Velkoro") in _all(f)


def test_a_people_is_told_from_its_name(extractor):
    from kg.extract.resolve import _a_people

    gaz = extractor.gazetteer
    # a people: a listed one, a state's plural demonym (alone or after capitalised qualifiers)
    assert _a_people("Yezidis", gaz)
    assert _a_people("Kosovar Albanians", gaz)
    assert _a_people("South Koreans", gaz)
    assert _a_people("Albanians", gaz)
    # not a people: a plural name of a state, a demonym in the singular, a place in -s, lower-case words
    assert not _a_people("United Arab Emirates", gaz)
    assert not _a_people("Philippines", gaz)
    assert not _a_people("Albanian", gaz)
    assert not _a_people("Velkoro Heights", gaz)
    assert not _a_people("armed Albanians", gaz)


def test_an_armed_group_a_plural_state_and_a_place_in_s_stay(extractor):
    f = extract(extractor, "Clashes\n\nThe Houthis fired missiles at Velkoro on Sunday, the coalition said.")
    assert ("ArmedGroup", "Houthis") in _all(f), _all(f)
    f = extract(extractor, "Talks\n\nOfficials from Qatar and the United Arab Emirates met in Velkoro on Sunday.")
    assert ("Country", "United Arab Emirates") in _all(f), _all(f)
    f = extract(extractor, "Talks\n\nThe Velkoro Heights were shelled by the Albanians on Sunday, the army said.")
    assert ("Location", "Velkoro Heights") in _all(f), _all(f)


# 2. A name the model ran on past its end: over "in" into a place told with its state ("in X, Y"), over
# "on" into a day ("on New Year's Eve"), from a state into a person ("to the U.S. Jane Roe"), or into
# the town of a release's place line ("Office of the Spokesperson X, Y").

def test_a_body_run_on_into_a_place_and_its_state_ends_before_in(extractor):
    f = extract(extractor, "Talks\n\nThe minister met his counterpart at the Forum of Defense Ministers of the Andes "
                           "in Salta, Argentina, a spokesman said.")
    assert ("Organization", "Forum of Defense Ministers of the Andes") in _all(f), _all(f)
    assert ("Location", "Salta") in _all(f), _all(f)


def test_a_place_run_on_into_a_day_ends_before_on(extractor):
    f = extract(extractor, "Attack\n\nThe attack on the police post at the southern entrance to Velkoro on New Year's "
                           "Eve, in which three officers eventually died, was not the first.")
    assert _all(f) == [("Location", "Velkoro")], _all(f)


def test_a_state_run_into_an_ambassadors_name_is_the_state_and_the_person(extractor):
    f = extract(extractor, "Call\n\nHe then spoke with the Ambassador of Norway to the U.S. Halvard Tennik before he "
                           "met reporters.")
    assert ("Person", "Halvard Tennik") in _all(f), _all(f)
    assert not [n for t, n in _all(f) if "U.S." in n and t != "Country"], _all(f)


def test_a_release_place_line_names_the_town(extractor):
    f = extract(extractor, "Statement\n\nJane Velmar, Department Spokesperson, Office of the Spokesperson Bergen, Norway")
    assert ("Location", "Bergen") in _all(f), _all(f)
    assert not types_named(f, "Spokesperson Bergen"), _all(f)


def test_a_mission_in_a_state_and_a_body_before_a_corps_stay_whole(extractor):
    f = extract(extractor, "Peacekeeping\n\nThe African Union Transition Mission in Somalia said its troops in Velkoro "
                           "came under fire on Monday.")
    assert ("ArmedForce", "African Union Transition Mission in Somalia") in _all(f), _all(f)
    f = extract(extractor, "Works\n\nHe spoke with the Ambassador of France to the U.S. Army Corps of Engineers on Monday.")
    assert not [t for t, n in _all(f) if t == "Person"], _all(f)
    f = extract(extractor, "Statement\n\nThe Office of the Spokesperson in Bergen said the embassy in Velkoro would "
                           "stay open.")
    assert ("Organization", "Office of the Spokesperson") in _all(f), _all(f)


# The instrument: first-run errors of a batch, each marked still present today or fixed.

def _census_module():
    return load_script("first_run_entities")


def test_first_run_errors_are_marked_still_present_or_fixed():
    fr = _census_module()
    first = ["false 'Tarvo' Organization", "missed 'Velmar camp' Location", "wrongtype 'Drava' Person (gold Location)"]
    today = ["missed 'Velmar camp' Location", "false 'Oskan' Location"]
    got = fr.compare(first, today)
    assert [(e["kind"], e["today"]) for e in got] == [("false", False), ("missed", True), ("wrongtype", False)]
    listed = {"a1": {"batch": "L", "errors": got},
              "b1": {"batch": "N", "errors": fr.compare(["false 'Tarvo' Organization"], ["false 'Tarvo' Organization"])}}
    sp = fr.still_present(listed)
    assert sp["false"] == {"first_run": 2, "today": 1, "batches_first_run": ["L", "N"], "batches_today": ["N"]}
    assert sp["missed"]["today"] == 1 and sp["wrongtype"]["today"] == 0


def test_first_run_census_never_lists_a_check_batch():
    fr = _census_module()
    res = fr.census(("L", "M"), today=False)
    assert res["articles"] and {a["batch"] for a in res["articles"].values()} == {"L"}
    rows = fr.rows(batches=("L", "M"))
    assert {r["batch"] for r in rows} == {"L", "M"}  # M counts in the first-run totals only
    assert res["first_run_typed"]["tp"] > 0


# 3. A title read as a person: "Speaker" alone ("Dear Mr. Speaker:") and a Malaysian honorific title
# ("Datuk Seri") are titles (titles.yaml), no one's name.

def test_the_speaker_alone_is_no_person(extractor):
    f = extract(extractor, "Letter\n\nDear Mr. Speaker: (Dear Mr. President:) On Monday, U.S. forces landed in Velkoro.")
    assert not [n for t, n in _all(f) if t == "Person"], _all(f)


def test_an_honorific_title_is_read_as_a_title(extractor):
    f = extract(extractor, "Talks\n\nPresenters: Secretary of Defense Jane Roe and Minister of Defense Datuk Seri "
                           "Harun Zaki")
    assert ("Person", "Harun Zaki") in _all(f), _all(f)
    assert not [n for t, n in _all(f) if t == "Person" and n.startswith("Datuk")], _all(f)


def test_the_speakers_name_after_the_title_stays_a_person(extractor):
    f = extract(extractor, "Killing\n\nGunmen killed the Speaker of Parliament Tamar Velik in Velkoro on Monday.")
    assert ("Person", "Tamar Velik") in _all(f), _all(f)


# 4. "the X-Y road": two towns joined by a hyphen before a road's word name the road, a place.

def test_a_road_between_two_towns_is_a_place_by_its_whole_name(extractor):
    f = extract(extractor, "Ambush\n\nGunmen stopped a bus near Velkoro on the Marvo-Tarvi road on Wednesday morning.")
    assert ("Location", "Marvo-Tarvi road") in _all(f), _all(f)
    assert not types_named(f, "Marvo-Tarvi") == [("Organization", "Marvo-Tarvi")], _all(f)
    f = extract(extractor, "Ambush\n\nA vehicle on escort duty was attacked along the Marvo-Tarvi road in Tana County.")
    assert ("Location", "Marvo-Tarvi road") in _all(f), _all(f)


def test_a_road_between_two_states_is_not_made_a_place(extractor):
    f = extract(extractor, "Clashes\n\nTrucks were stopped on the Chad-Sudan road on Monday, officials said.")
    assert not [n for t, n in _all(f) if "road" in n], _all(f)


def test_two_states_before_a_border_stay_as_they_were(extractor):
    f = extract(extractor, "Clashes\n\nFighting broke out on the Chad-Sudan border on Monday, officials said.")
    assert not [n for t, n in _all(f) if "border" in n or "road" in n], _all(f)


# 5. A wire's abbreviation of a US state after "Town," ("Springfield, Fla.") is the town's state, no place.

def test_a_states_wire_abbreviation_after_a_town_is_no_place(extractor):
    f = extract(extractor, "Strikes\n\nTAMPA, Fla. - U.S. forces conducted two strikes in Velkoro on Monday, officials said.")
    assert not types_named(f, "Fla."), _all(f)
    assert ("Location", "Velkoro") in _all(f), _all(f)
    f = extract(extractor, "Dead\n\nThe dead were Sgt. Jane Roe of Panama City, Fla., and Cpl. John Doe of Nevada, Mo., "
                           "officials said.")
    assert not types_named(f, "Fla.") and not types_named(f, "Mo."), _all(f)
    assert ("Person", "Jane Roe") in _all(f), _all(f)


def test_a_states_full_name_after_a_town_stays_a_place(extractor):
    f = extract(extractor, "Dead\n\nThe dead were Sgt. Jane Roe of Panama City, Florida, and Cpl. John Doe of Nevada, "
                           "Missouri, officials said.")
    assert ("Location", "Florida") in _all(f) and ("Location", "Missouri") in _all(f), _all(f)


# 6. A task force's number after its name is part of the name ("Joint Task Force 76"), not a count.

def test_a_task_forces_number_is_part_of_its_name(extractor):
    f = extract(extractor, "Clash\n\nArmy Lt. Col. Jane Roe, a Combined Joint Task Force 76 spokesman, said the patrol in "
                           "Velkoro was attacked.")
    assert ("ArmedForce", "Combined Joint Task Force 76") in _all(f), _all(f)


def test_a_count_of_troops_after_a_task_force_is_no_part_of_its_name(extractor):
    f = extract(extractor, "Clash\n\nJoint Task Force 9 troops arrived in Velkoro on Monday.")
    assert not [n for t, n in _all(f) if n.endswith(" 9")], _all(f)


def test_the_census_takes_every_batch_of_the_manifest_from_l_on():
    """A batch added to manifest.d joins the census's default batches without an edit of the script."""
    fr = _census_module()
    stems = sorted(p.stem for p in fr.MANIFESTS.glob("*.tsv") if len(p.stem) == 1)
    assert fr.DEFAULT_BATCHES == tuple(s for s in stems if s >= "L")
    assert "L" in fr.DEFAULT_BATCHES and "K" not in fr.DEFAULT_BATCHES
    assert stems[-1] in fr.DEFAULT_BATCHES
