"""kg.fuse rules of issue 11's twelfth round (fusion on reports read as fresh text reads them), on
invented reports (never on corpus articles), and the instrument's cuts (scripts/fusion_cut.py).
docs/fusion.md, "Twelfth round"."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import yaml

from kg.fuse.cluster import cluster
from kg.fuse.compat import actors_score, compare, place_relation, places_relation
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

ROOT = Path(__file__).resolve().parents[1]
CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
YY = "https://w3id.org/conflict-kg/id/state/yy"


def force(name, state=None):
    iri = "f:" + name.lower().replace(" ", "-")
    return ActorInfo(iri, name, frozenset({iri, name.lower()} | ({state} if state else set())), C + "ArmedForce")


XLANDISH = force("Xlandish forces", XX)
YLANDISH = force("Ylandish forces", YY)
GOVERNMENT = force("government forces")  # no state read: the cut lexicon's fresh text
UNIT = force("9th Mountain Division")  # a unit no lexicon knows
VELL = PlaceInfo("p:vell", "Vell", XX, 10.0, 20.0, "P", frozenset({XX}))


def report(iri, doc, cls, places, actors, day="2031-05-08", evidence="", quantities=None):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=day, precision="day", published=day,
                  publisher=doc, places=tuple(places), actors=actors, quantities=quantities or {}, evidence=evidence)


# --- rule 1: an armed force whose state is not read does not disagree with one whose state is -------

def test_a_force_with_no_state_read_does_not_disagree_with_a_state_s_forces():
    """'Xlandish troops retook Vell on Thursday' / 'two days after government forces took control of
    Vell' (another outlet; "government forces" given no state, as on fresh text): the captors are
    not known to disagree, so the two captures of one day and place are one incident (same day
    2.0, same place 2.0 = 4.0; 3.0 with the conflict before, and the group's linkage under the
    threshold)."""
    a = report("e:a", "a", "Capture", [VELL], {"captor": (XLANDISH,)})
    b = report("e:b", "b", "Capture", [VELL], {"captor": (GOVERNMENT,)})
    assert actors_score(a, b, CFG) == 0.0
    assert compare(a, b, CFG) == CFG.score("same_day") + CFG.score("same_place")
    legacy = dataclasses.replace(CFG, sided_classes=())
    assert actors_score(a, b, legacy) == CFG.score("actor_conflict")  # what it cost before


def test_a_unit_with_no_state_against_a_state_s_forces_as_target():
    """'Militants attacked a checkpoint of the 9th Mountain Division in Vell' / 'killed four
    Xlandish soldiers at a checkpoint near Vell': no conflict on the target."""
    a = report("e:a", "a", "Attack", [VELL], {"target": (UNIT,)})
    b = report("e:b", "b", "Attack", [VELL], {"target": (XLANDISH,)})
    assert actors_score(a, b, CFG) == 0.0
    assert len(cluster([a, b], CFG)) == 1


def test_two_states_forces_and_two_unnamed_units_still_disagree():
    """The rule spares only a force whose side is unknown against one whose side is known: two
    states' forces still conflict, and so do two forces of which neither has a state read (two
    named units), and two persons (not a sided class)."""
    a = report("e:a", "a", "Capture", [VELL], {"captor": (XLANDISH,)})
    b = report("e:b", "b", "Capture", [VELL], {"captor": (YLANDISH,)})
    assert actors_score(a, b, CFG) == CFG.score("actor_conflict")
    c = report("e:c", "c", "Capture", [VELL], {"captor": (GOVERNMENT,)})
    d = report("e:d", "d", "Capture", [VELL], {"captor": (UNIT,)})
    assert actors_score(c, d, CFG) == CFG.score("actor_conflict")
    envoy = ActorInfo("p:orlen", "Orlen", frozenset({"p:orlen", "orlen", XX}), C + "Person")
    other = ActorInfo("p:dask", "Dask", frozenset({"p:dask", "dask"}), C + "Person")
    e = report("e:e", "e", "Meeting", [VELL], {"participants": (envoy,)})
    f = report("e:f", "f", "Meeting", [VELL], {"participants": (other,)})
    assert actors_score(e, f, CFG) == CFG.score("actor_conflict")


def test_sided_classes_are_data():
    assert CFG.sided_classes == (C + "ArmedForce",)


# --- rule 2: an unresolved place named like a located one is at it --------------------------------------

BASE = PlaceInfo("p:al-vell-air-base", "Al Vell Air Base", XX, 10.0, 20.0, "P", frozenset({XX}))


def unresolved(label, country=None):
    return PlaceInfo("p:" + label, label, country, None, None, "?", frozenset(), inferred=bool(country))


def test_an_unresolved_base_whose_name_holds_a_located_one_is_at_it():
    """'About 380 soldiers from Ylandia arrived at Ain al-Vell air base' (the gazetteer lacks the
    name) / 'took up its tasks at Al Vell Air Base' (geocoded): one name holds the other as whole
    words, so the base is at that place (contained 1.5 instead of unrelated -0.5): same day 2.0,
    the agent 1.0 = 4.5, one incident (2.5 and two before)."""
    ylandia = ActorInfo("s:yy", "Ylandia", frozenset({"s:yy", "ylandia", YY}), C + "State")
    a = report("e:a", "a", "Deployment", [unresolved("Ain al-Vell air base")], {"agent": (ylandia,)})
    b = report("e:b", "b", "Deployment", [BASE], {"agent": (ylandia,)})
    assert places_relation(a, b, CFG) == "contained"
    assert compare(a, b, CFG) == CFG.score("same_day") + CFG.score("contained_place") + CFG.score("actor_agrees")
    assert len(cluster([a, b], CFG)) == 1
    off = dataclasses.replace(CFG, unresolved_names_hold=False)
    assert places_relation(a, b, off) == "unrelated"


def test_names_that_do_not_hold_one_another_and_two_unresolved_names_stay_apart():
    """Only whole words: 'Vellmar' is not 'Vell'; another name is unrelated; and two unresolved
    names, one holding the other, are not contained (round 4's "Gaza City" / "Gaza": nothing
    locates either)."""
    assert place_relation(unresolved("Vellmar"), VELL, CFG) == "unknown"
    assert place_relation(unresolved("Oskarra Junction"), VELL, CFG) == "unknown"
    assert place_relation(unresolved("Vell Junction"), VELL, CFG) == "contained"
    assert place_relation(unresolved("Harrow City"), unresolved("Harrow"), CFG) != "contained"


def test_a_name_held_in_another_country_is_still_a_conflict():
    """A country read or inferred for the unresolved name still comes first: another country vetoes."""
    assert place_relation(unresolved("Vell airport", YY), VELL, CFG) == "conflict"


# --- rule 3: a target both name counts nothing at places only known to share a country ---------------

def test_one_force_struck_at_two_places_of_its_country_is_no_evidence():
    """'A roadside bomb hit a Xlandish patrol near Vell on Saturday' / 'rebels ambushed Xlandish
    soldiers at Dorrin Leikai on Friday' (another outlet; the village unresolved, its country
    inferred): one force is struck at several places of its country a day, so the shared target
    counts nothing across articles (near day 1.5, one country 0.3, soldiers both 1.0 = 2.8: two
    incidents; 3.8 and one incident before)."""
    village = unresolved("Dorrin Leikai", XX)
    a = report("e:a", "a", "Attack", [VELL], {"target": (XLANDISH,)}, day="2031-05-10",
               evidence="A roadside bomb hit a patrol of Xlandish soldiers near Vell on Saturday.")
    b = report("e:b", "b", "Attack", [village], {"target": (XLANDISH,)}, day="2031-05-09",
               evidence="Rebels ambushed Xlandish soldiers at Dorrin Leikai on Friday.")
    assert places_relation(a, b, CFG) == "country"
    assert actors_score(a, b, CFG, unrelated=True) == 0.0
    expected = CFG.score("near_day") + CFG.score("same_country_only") + CFG.score("victims_agree")
    assert compare(a, b, CFG) == expected
    assert len(cluster([a, b], CFG)) == 2
    legacy = dataclasses.replace(CFG, place_bound_roles=("perpetrator",))
    assert compare(a, b, legacy) == expected + CFG.score("actor_agrees")


def test_the_target_still_counts_at_one_place_and_within_one_article():
    """At one town the shared target agrees; within one article (a headline and its body) too."""
    a = report("e:a", "a", "Attack", [VELL], {"target": (XLANDISH,)})
    b = report("e:b", "b", "Attack", [VELL], {"target": (XLANDISH,)})
    assert compare(a, b, CFG) == CFG.score("same_day") + CFG.score("same_place") + CFG.score("actor_agrees")
    village = unresolved("Dorrin Leikai", XX)
    c = report("e:c", "a", "Attack", [village], {"target": (XLANDISH,)})
    assert compare(a, c, CFG) == CFG.score("same_day") + CFG.score("same_country_only") + CFG.score("actor_agrees")


def test_place_bound_roles_hold_the_target():
    assert CFG.place_bound_roles == ("perpetrator", "target")


# --- the instrument's cuts ------------------------------------------------------------------------

def _fusion_cut():
    sys.path.insert(0, str(ROOT / "scripts"))
    import fusion_cut

    return fusion_cut


def test_the_regions_cut_keeps_continents_world_regions_and_water(tmp_path):
    fc = _fusion_cut()
    src = tmp_path / "regions.yaml"
    src.write_text(yaml.safe_dump({"regions": [
        {"name": "Xontinent", "kind": "continent", "lat": 0, "lon": 0, "feature_class": "L"},
        {"name": "Vell Sea", "kind": "water", "lat": 0, "lon": 0, "feature_class": "H"},
        {"name": "Harrow Basin", "kind": "region", "lat": 0, "lon": 0, "feature_class": "L"},
        {"name": "Dorrin province", "kind": "area", "country": "XX", "lat": 0, "lon": 0, "feature_class": "A"},
    ]}), "utf-8")
    assert fc.cut_regions_file(src, tmp_path / "cut.yaml") == 3
    kept = yaml.safe_load((tmp_path / "cut.yaml").read_text("utf-8"))["regions"]
    assert [r["name"] for r in kept] == ["Xontinent", "Vell Sea", "Harrow Basin"]
    shipped = yaml.safe_load((ROOT / "kg" / "data" / "regions.yaml").read_text("utf-8"))["regions"]
    n = fc.cut_regions_file(ROOT / "kg" / "data" / "regions.yaml", tmp_path / "shipped.yaml")
    assert 0 < n < len(shipped)


def test_the_lexicon_cut_keeps_state_militaries_only():
    from kg.extract.lexicon import Lexicon

    fc = _fusion_cut()
    full, cut = Lexicon.load().entries(), fc.cut_lexicon().entries()
    assert 0 < len(cut) < len(full)
    assert all((e.subtype or "").startswith("national") for e in cut)


def test_the_instrument_refuses_test_sets(tmp_path):
    fc = _fusion_cut()
    assert fc.main(["extract", str(tmp_path / "x.pkl"), "--set", "fusion-test"]) == 2
    assert not (tmp_path / "x.pkl").exists()
