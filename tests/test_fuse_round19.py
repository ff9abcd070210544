"""kg.fuse rule of issue 11's nineteenth round (a clause that denies a victim names none), on
invented reports (never on corpus articles). docs/fusion.md, "Nineteenth round"."""

from __future__ import annotations

from dataclasses import replace

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare, victim_kind, victims_score
from kg.fuse.config import load_config
from kg.fuse.model import PlaceInfo, Report

CFG = load_config()
BEFORE = replace(CFG, denial=())
XX = "https://w3id.org/conflict-kg/id/state/xx"
ORNA = PlaceInfo("p:orna", "Orna", XX, 10.0, 20.0, "P", frozenset({XX}))

CLAIM = "Harrow Front claims raid in Xland; police deny soldiers died"
VILLAGERS = "Residents of Orna said on Friday that five farmers were killed in Wednesday's night raid."
SOLDIERS = "Gunmen attacked an army post in Orna on Wednesday night, killing four soldiers."


def rep(iri: str, doc: str, evidence: str, date: str = "2031-05-07") -> Report:
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=date, precision="day",
                  published="2031-05-09", publisher=doc, places=(ORNA,), actors={}, quantities={},
                  evidence=evidence)


def groups_of(reports, cfg=CFG):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, cfg))


def test_a_clause_that_denies_a_victim_names_none():
    """"police deny soldiers died": the police are the denial's speaker and the soldiers the
    victims it denies; neither is who the raid struck. Before the rule the headline read police."""
    assert victim_kind(rep("e:c", "c", CLAIM), CFG) is None
    assert victim_kind(rep("e:c", "c", CLAIM), BEFORE) == "police"
    told = "The governor denied that civilians were killed when gunmen struck Orna on Monday."
    assert victim_kind(rep("e:g", "g", told), CFG) is None


def test_the_claims_headline_joins_the_villagers_account_of_one_raid():
    """The claim's headline and the villagers' account of one raid at Orna the same day: with the
    denied victims no longer read as police, nothing sets them apart (same day, same place)."""
    claim, villagers = rep("e:c", "c", CLAIM), rep("e:v", "v", VILLAGERS)
    assert victims_score(claim, villagers, CFG) == 0.0
    assert compare(claim, villagers, CFG) >= CFG.threshold
    assert groups_of([claim, villagers]) == [["e:c", "e:v"]]
    assert victims_score(claim, villagers, BEFORE) == BEFORE.score("other_victims")
    assert compare(claim, villagers, BEFORE) < BEFORE.threshold
    assert groups_of([claim, villagers], BEFORE) == [["e:c"], ["e:v"]]


def test_a_denial_of_something_else_keeps_the_victims():
    """A group that denies responsibility for an attack does not deny its victims: the soldiers
    further on in the clause are still read."""
    denied = "The Harrow Front denied responsibility for the attack that killed five soldiers in Orna."
    assert victim_kind(rep("e:d", "d", denied), CFG) == "military"
    assert victim_kind(rep("e:s", "s", SOLDIERS), CFG) == "military"


def test_an_attack_on_other_victims_the_same_day_stays_apart():
    """The guard: an army post struck at Orna the same night (soldiers, no denial) against the
    villagers' raid still pays other_victims and stays a second incident, with the rule or not."""
    soldiers, villagers = rep("e:s", "s", SOLDIERS), rep("e:v", "v", VILLAGERS)
    for cfg in (CFG, BEFORE):
        assert victims_score(soldiers, villagers, cfg) == cfg.score("other_victims")
        assert compare(soldiers, villagers, cfg) < cfg.threshold
        assert groups_of([soldiers, villagers], cfg) == [["e:s"], ["e:v"]]


def test_the_denial_words_are_data():
    assert {"deny", "denied"} <= set(CFG.denial)
    assert CFG.key() != BEFORE.key()
    assert CFG.score("unknown_place") == 0.0
