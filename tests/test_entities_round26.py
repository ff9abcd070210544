"""Entities, round 26 (issues 10 and 11): missed and false entities on fresh writers' text
(docs/entities.md, "Round 26 (entities)"): the instrument's names listing (scripts/entity_scores.py
--names), a state's army named as a modifier of another noun, and a place's bare name beside its
feature or facility word.

Each extraction test is an invented report with invented names.
"""

from __future__ import annotations


import pytest
from rule_helpers import extract, types_named
from script_loader import load_script



def _module():
    return load_script("entity_scores")


# The instrument: missed and false names gathered over a group, with their articles and batches.

def test_names_listing_gathers_missed_and_false_names_by_batch():
    es = _module()
    errs = {"a1": ["missed 'Velmar camp' Location", "false 'Tarvo' Organization",
                   "wrongtype 'Drava' Person (gold Location)"],
            "a2": ["missed 'Velmar camp' Location", "missed \"Oskar's Guard\" ArmedForce"],
            "b1": ["missed 'Velmar camp' Location"]}
    rows = es.names_listing(errs, {"a1": "A", "a2": "A", "b1": "r13"})
    got = [(r["kind"], r["name"], r["type"], len(r["articles"]), r["batches"]) for r in rows]
    assert got == [("false", "Tarvo", "Organization", 1, ["A"]),
                   ("missed", "Velmar camp", "Location", 3, ["A", "r13"]),
                   ("missed", "Oskar's Guard", "ArmedForce", 1, ["A"])]  # wrong types are not listed


def test_batches_of_the_names_listing():
    es = _module()
    of_batch = {"a1": "A", "h1": "H"}
    assert es.batch_of("a1", "realnews-dev", of_batch) == "A"
    assert es.batch_of("dev01-x", "written-dev", of_batch) == "written"
    assert es.batch_of("r14-i02-a-x", "fusion-dev", of_batch) == "r14"
    assert es.batch_of("r16-d01-x", "fusion-dev", of_batch) == "r16"
    assert es.batch_of("d52-x", "fusion-dev", of_batch) == "fusion"
    assert es.group_of("r16-d01-x", "fusion-dev", of_batch) == "fresh"


def test_names_listing_refuses_the_check_group():
    es = _module()
    with pytest.raises(SystemExit):
        es.main(["--names", "check"])


# A state's army named as a modifier of another noun ("X army positions") is named: the force whose
# positions, bulldozers or brigades they are.

def _aliases(facts, name):
    return [a for e in facts.entities if e.name == name for a in e.aliases]


def test_a_states_army_before_positions_is_its_force(extractor):
    f = extract(extractor, "Ambush\n\nRebels fired on Peruvian army positions near Tessak on Tuesday, officials said.")
    assert [t for t, _ in types_named(f, "Peruvian")] == ["ArmedForce"], types_named(f, "Peruvian")
    assert "Peruvian army" in [n for e in f.entities for n in (e.name, *e.aliases)]


def test_a_states_army_before_bulldozers_is_its_force(extractor):
    f = extract(extractor, "Raid\n\nChilean army bulldozers tore up the streets of Velkoro on Thursday.")
    assert [t for t, _ in types_named(f, "Chilean")] == ["ArmedForce"], types_named(f, "Chilean")


def test_military_support_still_names_no_force(extractor):
    f = extract(extractor, "Aid\n\nThe Velmar council asked for Peruvian military support on Monday.")
    assert not [e for e in f.entities if e.type == "ArmedForce"], [(e.type, e.name) for e in f.entities]


# A place named with a feature's or a facility's word ("the X forest", "the Y crossing") is also called
# by its bare name, unless another entity of the report is so called.

def test_a_forest_is_also_called_by_its_bare_name(extractor):
    f = extract(extractor, "Blast\n\nThe jawans were returning from an operation in the Velmara forest when the bomb "
                           "went off.")
    assert types_named(f, "Velmara") == [("Location", "Velmara forest")], types_named(f, "Velmara")
    assert "Velmara" in _aliases(f, "Velmara forest")


def test_a_crossing_and_a_military_base_are_called_by_their_bare_names(extractor):
    f = extract(extractor, "Border\n\nThe talks covered the reopening of the Dravik crossing, officials said.")
    assert "Dravik" in _aliases(f, "Dravik crossing"), [(e.name, e.aliases) for e in f.entities]
    f = extract(extractor, "Base taken\n\nRebels captured the Marvoka military base on Thursday after heavy fighting, "
                           "elders said.")
    assert "Marvoka" in _aliases(f, "Marvoka military base"), [(e.name, e.aliases) for e in f.entities]


def test_a_base_beside_its_town_keeps_its_own_name(extractor):
    f = extract(extractor, "Base taken\n\nRebels captured the Marvoka military base on Thursday. Residents of the town "
                           "of Marvoka fled south.")
    assert "Marvoka" not in _aliases(f, "Marvoka military base")
    assert ("Location", "Marvoka") in types_named(f, "Marvoka")


def test_a_local_government_area_is_a_place_called_by_its_bare_name(extractor):
    f = extract(extractor, "Farmers killed\n\nFive farmers were killed in Tarvoni, in Dakko Local Government Area, on "
                           "Monday when gunmen attacked them.")
    assert types_named(f, "Dakko") == [("Location", "Dakko Local Government Area")], types_named(f, "Dakko")
    assert "Dakko" in _aliases(f, "Dakko Local Government Area")


def test_a_range_authority_stays_a_body(extractor):
    f = extract(extractor, "Talks\n\nThe Kelvar Range Authority said on Monday that it would reopen the road.")
    assert types_named(f, "Kelvar") == [("Organization", "Kelvar Range Authority")], types_named(f, "Kelvar")


# An acronym no state or listed actor has, before "forces" or "troops": the forces of the body so
# called, an armed force by that name.

def test_an_unlisted_acronym_before_forces_is_a_force(extractor):
    f = extract(extractor, "Town freed\n\nNXC forces had launched a new assault on Sunday on the desert town.")
    assert types_named(f, "NXC") == [("ArmedForce", "NXC forces")], types_named(f, "NXC")


def test_the_forces_of_a_transitional_body_by_its_acronym(extractor):
    f = extract(extractor, "Training\n\nWe are supporting the training and equipping of the TQG forces, which are "
                           "at the front of this fight.")
    assert types_named(f, "TQG") == [("ArmedForce", "TQG forces")], types_named(f, "TQG")


def test_an_armys_own_acronym_before_troops_makes_no_second_force(extractor):
    f = extract(extractor, "Town retaken\n\nThe Velmar National Army (VNA) retook the town on Monday. VNA troops "
                           "then entered the market.")
    assert not [e for e in f.entities if e.name == "VNA troops"], [(e.type, e.name) for e in f.entities]


def test_a_state_before_troops_stays_the_states_forces(extractor):
    f = extract(extractor, "Patrol\n\nUS troops patrolled the town on Monday.")
    assert [e.name for e in f.entities if e.type == "ArmedForce"] == ["US forces"], [(e.type, e.name) for e in f.entities]


# "landed at X", "regrouped at Y": where troops arrive or gather is a place, a name the model calls a
# body included.

def test_a_name_troops_regrouped_at_is_a_place(extractor):
    f = extract(extractor, "Retreat\n\nThe minister said the army had regrouped at Tesso and would defend the borders.")
    assert types_named(f, "Tesso") == [("Location", "Tesso")], types_named(f, "Tesso")


def test_a_headline_arrival_at_a_base_named_bare_is_the_base(extractor):
    f = extract(extractor, "Troops arrive at Velkaro\n\nFive hundred soldiers landed at the Velkaro air base on Monday.")
    assert types_named(f, "Velkaro") == [("Location", "Velkaro air base")], types_named(f, "Velkaro")


def test_a_body_ministers_gathered_at_stays_a_body(extractor):
    f = extract(extractor, "Talks\n\nThe ministers gathered at the Tarvik Institute on Monday.")
    assert types_named(f, "Tarvik") == [("Organization", "Tarvik Institute")], types_named(f, "Tarvik")


def test_a_garrison_is_also_called_by_its_bare_name(extractor):
    f = extract(extractor, "Drone strike\n\nThe drone struck near the Tesmar garrison on Sunday, officials said.")
    assert "Tesmar" in _aliases(f, "Tesmar garrison"), [(e.name, e.aliases) for e in f.entities]


def test_a_bare_name_with_a_lower_case_particle_is_taken_whole():
    from kg.extract.resolve import _bare_of_feature

    assert _bare_of_feature("al-Varik base") == "al-Varik"
    assert _bare_of_feature("the base") is None  # no name before the word
