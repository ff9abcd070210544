"""kg.fuse rules of issue 11's eighteenth round (who an attack struck, as its sentence tells it;
an unresolved place inside the state its article gives it), on invented reports and hand-made
document graphs (never on corpus articles). docs/fusion.md, "Eighteenth round"."""

from __future__ import annotations

from dataclasses import replace

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare, place_relation, places_relation, victim_kind, victims_score
from kg.fuse.config import load_config
from kg.fuse.model import PlaceInfo, Report, reports_from_triples
from kg.graph.vocab import CKG
from test_fuse_round11 import place_of
from test_fuse_round11 import read as read_places

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
ORNA = PlaceInfo("p:orna", "Orna", XX, 10.0, 20.0, "P", frozenset({XX}))

HEAD = ("The Inspector General of Police, Jon Varrow, has said that about 50 gunmen crossed the river on "
        "Wednesday night and attacked Orna village, killing residents and burning houses.")
VILLAGERS = "Residents of Orna said on Friday that five farmers were killed in Wednesday's night raid."
SHARED = ("Gunmen shot dead a village defence volunteer in Orna on Tuesday evening, a day after a bomb "
          "wounded shoppers at a market there, police said on Wednesday.")
MARKET = "A bomb hidden in a motorcycle exploded at a market in Orna on Monday morning, wounding eight shoppers."


def rep(iri, doc, evidence, date="2031-05-07"):
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=date, precision="day",
                  published="2031-05-09", publisher=doc, places=(ORNA,), actors={}, quantities={},
                  evidence=evidence)


def ex(n: str) -> URIRef:
    return URIRef("https://example.org/" + n)


def read(doc: str, events: list[tuple[str, str, str]], published: str = "2031-05-07") -> list[Report]:
    """The reports of one invented document graph: its events (class, day, evidence), at Orna."""
    art, place = ex(f"article/{doc}"), ex("place/orna")
    triples = [(art, DCTERMS.identifier, Literal(doc)), (art, DCTERMS.issued, Literal(published)),
               (place, RDF.type, CKG.Place), (place, RDFS.label, Literal("Orna"))]
    for i, (cls, day, evidence) in enumerate(events):
        ev, sent = ex(f"event/{doc}/{i}"), ex(f"event/{doc}/{i}/evidence")
        triples += [(ev, RDF.type, CKG[cls]), (ev, CKG.reportedIn, art), (ev, CKG.date, Literal(day)),
                    (ev, CKG.datePrecision, CKG.DayPrecision), (ev, CKG.dateText, Literal("on Monday")),
                    (ev, CKG.evidence, sent), (sent, CKG.text, Literal(evidence)), (ev, CKG.location, place)]
    return reports_from_triples(triples, doc)


def groups_of(reports, cfg=CFG):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, cfg))


# --- a speaker told first, over commas -----------------------------------------------------------

def test_a_speaker_told_before_said_that_is_not_the_victim():
    """"The Inspector General of Police, X, has said that ... killing residents and burning
    houses": the police are the speaker (their title set apart by commas), the victims civilians."""
    assert victim_kind(rep("e:h", "h", HEAD), CFG) == "civilian"
    assert victim_kind(rep("e:h", "h", HEAD), replace(CFG, speaker_head=False)) == "police"


def test_the_speakers_report_joins_the_villagers_account_of_one_raid():
    head, villagers = rep("e:h", "h", HEAD), rep("e:v", "v", VILLAGERS)
    assert victims_score(head, villagers, CFG) == CFG.score("victims_agree")
    assert compare(head, villagers, CFG) >= CFG.threshold
    assert groups_of([head, villagers]) == [["e:h", "e:v"]]
    before = replace(CFG, speaker_head=False)
    assert compare(head, villagers, before) < before.threshold
    assert groups_of([head, villagers], before) == [["e:h"], ["e:v"]]


def test_a_tail_speaker_and_the_victims_after_said_that_are_read_as_before():
    """A tail attribution ("..., police said") has no "that": the victims before it are read;
    the victims a head speaker tells after "said that" are still its sentence's victims."""
    tail = "Gunmen killed four soldiers at an army post in Orna on Monday, police said."
    assert victim_kind(rep("e:t", "t", tail), CFG) == "military"
    told = "The army spokesman, Colonel Jon Varrow, said on Monday that gunmen killed three policemen in Orna."
    assert victim_kind(rep("e:p", "p", told), CFG) == "police"
    # a sentence with no "that" after its attribution keeps its earlier clauses
    plain = "Two soldiers, both from Orna, were killed, the army said."
    assert victim_kind(rep("e:s", "s", plain), CFG) == "military"


# --- one sentence read as two attacks ------------------------------------------------------------

def test_a_sentence_read_as_two_attacks_with_two_kinds_of_victim_gives_neither_a_kind():
    volunteer, back = read("v", [("Attack", "2031-05-06", SHARED), ("Attack", "2031-05-05", SHARED)],
                           published="2031-05-07")
    assert volunteer.shared_evidence and back.shared_evidence
    assert victim_kind(volunteer, CFG) is None and victim_kind(back, CFG) is None
    assert victim_kind(back, replace(CFG, shared_sentence_victims=False)) == "military"
    # the same sentence read as one attack keeps its first victim
    (alone,) = read("w", [("Attack", "2031-05-06", SHARED)])
    assert not alone.shared_evidence and victim_kind(alone, CFG) == "military"


def test_the_back_reference_joins_the_market_bombing_and_the_next_days_killing_stays_apart():
    """The back-reference ("a day after a bomb wounded shoppers at a market there") joins the
    market bombing of its day; the volunteer's killing of the next day, from the same sentence,
    stays apart (a bare next day), as it did."""
    volunteer, back = read("v", [("Attack", "2031-05-06", SHARED), ("Attack", "2031-05-05", SHARED)],
                           published="2031-05-07")
    (market,) = read("m", [("Attack", "2031-05-05", MARKET)], published="2031-05-05")
    got = groups_of([volunteer, back, market])
    assert sorted([back.iri, market.iri]) in got
    assert [volunteer.iri] in got
    before = replace(CFG, shared_sentence_victims=False)
    assert compare(back, market, before) < before.threshold
    assert sorted([back.iri, market.iri]) not in groups_of([volunteer, back, market], before)


def test_a_shared_sentence_of_one_kind_of_victim_or_of_an_attack_and_a_statement_keeps_its_kind():
    one_kind = ("Gunmen killed two fishermen at Orna on Thursday night, a week after the raid that "
                "killed five farmers there.")
    a, b = read("f", [("Attack", "2031-05-08", one_kind), ("Attack", "2031-05-01", one_kind)])
    assert a.shared_evidence and victim_kind(a, CFG) == "civilian" and victim_kind(b, CFG) == "civilian"
    # an attack and the statement that tells it: one attack, its victims its own
    attack, statement = sorted(read("s", [("Attack", "2031-05-05", SHARED), ("Statement", "2031-05-07", SHARED)]),
                               key=lambda r: r.cls)
    assert not attack.shared_evidence
    assert victim_kind(attack, CFG) == "military"


def test_the_rules_are_data():
    assert CFG.speaker_head and CFG.shared_sentence_victims
    assert CFG.key() != replace(CFG, speaker_head=False).key()
    assert CFG.key() != replace(CFG, shared_sentence_victims=False).key()


# --- an unresolved place inside the state its article gives it ----------------------------------

VILLAGE = [("Attack", ["telmiri"], "Gunmen attacked an army post at Telmiri on Thursday.")]


def test_an_unresolved_place_of_an_inferred_state_is_inside_that_state():
    """An unresolved village given Xland by its article's places, against a report placed only at
    Xland the same day: inside it ("contained"), as a located town of Xland is; the two reports of
    one attack are joined. Without the setting (rounds 11 and 17) "country", and apart."""
    (village,) = read_places("a", VILLAGE, others=("harrowgate",), perpetrator=False)
    (state,) = read_places("b", [("Attack", ["xx"], "Gunmen attacked an army post in Xland on Thursday.")],
                           perpetrator=False)
    assert place_relation(place_of(village, "Telmiri"), place_of(state, "Xland"), CFG) == "contained"
    assert compare(village, state, CFG) >= CFG.threshold
    assert groups_of([village, state]) == [sorted([village.iri, state.iri])]
    before = replace(CFG, inferred_in_state=False)
    assert places_relation(village, state, before) == "country"
    assert compare(village, state, before) < before.threshold
    assert len(groups_of([village, state], before)) == 2


def test_the_inferred_place_is_still_nowhere_known_against_a_town_or_another_state():
    """Against a located town of its state it stays "country" (where in the state is not known),
    and against another state it is a conflict: two attacks the same day stay apart."""
    (village,) = read_places("a", VILLAGE, others=("harrowgate",), perpetrator=False)
    (town,) = read_places("c", [("Attack", ["harrowgate"], "Gunmen attacked an army post at Harrowgate.")],
                          perpetrator=False)
    assert places_relation(village, town, CFG) == "country"
    assert compare(village, town, CFG) < CFG.threshold
    assert len(groups_of([village, town])) == 2
    other = replace(place_of(village, "Telmiri"), country="https://w3id.org/conflict-kg/id/state/yy")
    (state,) = read_places("b", [("Attack", ["xx"], "Gunmen attacked an army post in Xland.")], perpetrator=False)
    assert place_relation(other, place_of(state, "Xland"), CFG) == "conflict"


def test_the_state_setting_is_data():
    assert CFG.inferred_in_state
    assert CFG.key() != replace(CFG, inferred_in_state=False).key()
