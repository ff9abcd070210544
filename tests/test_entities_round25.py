"""Entities, round 25 (issues 10 and 11): a name's type from the head of its own phrase
(`_type_by_own_phrase`, kg/extract/resolve.py; `phrase_*` lists in kg/data/titles.yaml), "regency" a
place's word, a listed group's members' plural name, and the instrument scripts/entity_scores.py
(docs/entities.md, "Round 25 (entities)").

Each extraction test is an invented report with invented names.
"""

from __future__ import annotations


from rule_helpers import extract, types_named
from script_loader import load_script



# A name the model calls a person or a body takes the type of the noun its phrase is headed by.

def test_a_name_before_task_force_is_a_force(extractor):
    f = extract(extractor, "Hunt\n\nThe Velmar Raya task force has deployed two platoons to hunt the gunmen.")
    assert types_named(f, "Velmar Raya") == [("ArmedForce", "Velmar Raya")], types_named(f, "Velmar Raya")


def test_a_name_ending_in_armed_force_is_a_force(extractor):
    f = extract(extractor, "Camp attacked\n\nA constable of the Dravida Armed Force was wounded when rebels fired on "
                           "the security camp at Tarrin on Monday.")
    assert types_named(f, "Dravida") == [("ArmedForce", "Dravida Armed Force")], types_named(f, "Dravida")


def test_a_name_in_apposition_to_a_rebel_alliance_is_an_armed_group(extractor):
    f = extract(extractor, "Village retaken\n\nThe Front for Velorian Liberation, a rebel alliance, said its fighters "
                           "retook the village.")
    assert types_named(f, "Velorian") == [("ArmedGroup", "Front for Velorian Liberation")], types_named(f, "Velorian")


def test_a_regency_is_one_place_with_its_bare_name(extractor):
    f = extract(extractor, "Farmer killed in Tarvo Menga\n\nGunmen shot dead a farmer in Tarvo Menga regency on Friday, "
                           "police said.")
    assert types_named(f, "Tarvo Menga") == [("Location", "Tarvo Menga regency")], types_named(f, "Tarvo Menga")


def test_maoists_bare_are_the_listed_group(extractor):
    f = extract(extractor, "Blast\n\nSix policemen were killed on Monday when Maoists set off a bomb near the village. "
                           "The Maoists later fled into the forest.")
    assert [t for t, _ in types_named(f, "Maoist")] == ["ArmedGroup"], types_named(f, "Maoist")


# A name an attack is claimed by is an armed group.

def test_a_name_an_attack_was_claimed_by_is_an_armed_group(extractor):
    f = extract(extractor, "Claim\n\nThe attack was claimed by the Coordinadora Velmarra-Tasko in a statement on Wednesday.")
    assert types_named(f, "Velmarra") == [("ArmedGroup", "Coordinadora Velmarra-Tasko")], types_named(f, "Velmarra")


def test_a_council_a_blast_was_claimed_by_is_an_armed_group(extractor):
    f = extract(extractor, "Claim\n\nThe blast was claimed by the Velmar Tasko Council in a statement.")
    assert types_named(f, "Tasko") == [("ArmedGroup", "Velmar Tasko Council")], types_named(f, "Tasko")


def test_a_state_a_region_is_claimed_by_is_no_armed_group(extractor):
    f = extract(extractor, "Dispute\n\nThe islands claimed by the Velmar Tasko Council lie to the south.")
    assert ("ArmedGroup", "Velmar Tasko Council") not in types_named(f, "Tasko"), types_named(f, "Tasko")


def test_a_body_an_accord_was_signed_by_stays_a_body(extractor):
    f = extract(extractor, "Treaty\n\nThe accord was signed by the Velmar Assembly on Monday.")
    assert types_named(f, "Velmar") == [("Organization", "Velmar Assembly")], types_named(f, "Velmar")


# Guards: a rights group stays a body; a place before "militia" stays a place; a noun after the head.

def test_a_name_in_apposition_to_a_rights_group_stays_a_body(extractor):
    f = extract(extractor, "Report\n\nThe Velorian Justice Forum, a rights group, said three men were detained.")
    assert ("ArmedGroup", "Velorian Justice Forum") not in types_named(f, "Velorian"), types_named(f, "Velorian")


def test_a_place_before_militia_stays_a_place(extractor):
    f = extract(extractor, "Clashes\n\nFighting broke out in the town of Korvath on Monday. The Korvath militia said "
                           "it had repelled the attack.")
    assert ("Location", "Korvath") in types_named(f, "Korvath"), types_named(f, "Korvath")


def test_a_gang_leader_does_not_make_his_name_a_group(extractor):
    f = extract(extractor, "Arrest\n\nPolice arrested Tomas Varek, a gang leader, in the port on Tuesday.")
    assert ("Person", "Tomas Varek") in types_named(f, "Varek"), types_named(f, "Varek")


# The instrument: articles go to their group; totals are micro-averaged from counts.

def _module():
    return load_script("entity_scores")


def test_articles_go_to_their_group():
    es = _module()
    of_batch = {"a1": "A", "h1": "H", "m1": "M"}
    assert es.group_of("a1", "realnews-dev", of_batch) == "look"
    assert es.group_of("h1", "realnews-dev", of_batch) == "check"
    assert es.group_of("m1", "realnews-dev", of_batch) == "check"
    assert es.group_of("dev01-x", "written-dev", of_batch) == "look"
    assert es.group_of("r13-d01-x", "fusion-dev", of_batch) == "fresh"
    assert es.group_of("r14-i02-a-x", "fusion-dev", of_batch) == "fresh"
    assert es.group_of("d52-x", "fusion-dev", of_batch) == "oldfusion"


def test_totals_sum_counts_and_the_gap_is_untyped_minus_typed():
    es = _module()

    def doc(t, u):
        return {"entities_typed": dict(zip(("tp", "fp", "fn"), t)), "entities_untyped": dict(zip(("tp", "fp", "fn"), u))}
    t = es.totals({"x": doc((3, 1, 0), (4, 0, 0)), "y": doc((0, 0, 3), (1, 0, 2))})
    assert t["articles"] == 2
    assert abs(t["entities_typed"]["f1"] - 0.6) < 1e-9  # 2*3 / (2*3 + 1 + 3)
    assert abs(t["entities_untyped"]["f1"] - 10 / 12) < 1e-9  # 2*5 / (2*5 + 0 + 2)
    assert abs(t["gap"] - (10 / 12 - 0.6)) < 1e-9


def test_every_check_article_is_in_the_check_group():
    es = _module()
    rows = es.material(("check",))
    of_batch = es._batches()
    assert rows and all(of_batch[gid] in es.CHECK_BATCHES for _, gid, _, _ in rows)
