"""What opens a frame: the trigger lexicon of ``kg/data/events.yaml`` and the word forms it is matched by.

``Triggers`` is loaded once per extractor; ``inflections`` makes matching independent of the
lemmatiser; ``troops_moving`` and ``_not_deployment`` decide the event type of verbs that tell a
deployment only with troops.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from kg.extract.events.words import TROOP_OBJECTS
from kg.extract.events_data import events_yaml


def inflections(verb: str) -> set[str]:
    """Regular forms of a verb, so matching does not rest on the lemmatiser ("staged" -> "stag")."""
    v = verb.lower()
    forms = {v, v + "s", v + "ing", v + "ed"}
    if v.endswith("e"):
        forms |= {v + "d", v[:-1] + "ing"}
    if v.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(v + "es")
    if v.endswith("y") and v[-2:-1] not in "aeiou":
        forms |= {v[:-1] + "ies", v[:-1] + "ied"}
    if len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
        forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}  # "ship" -> "shipped"
    return forms


def _plural(noun: str) -> str:
    """"soldier" -> "soldiers", "man" -> "men": the counted form the quantity kinds are read for."""
    irregular = {"man": "men", "woman": "women", "person": "people", "child": "children", "policeman": "policemen",
                 "serviceman": "servicemen", "gunman": "gunmen", "militiaman": "militiamen"}
    return irregular.get(noun, noun + "s")


def to_inside_from(verb: Token) -> list[Token]:
    """Round 15: "move from their bases in the region of X to Y": the parser hangs "to Y" inside the
    verb's "from" phrase; the places it names after "to" are where the verb goes."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            for t in c.subtree:
                if t.i > c.i and t.dep_ == "prep" and t.lower_ in ("to", "into") and t.head.pos_ in ("NOUN", "PROPN"):
                    return [o for o in t.children if o.dep_ == "pobj"]
    return []


def troops_moving(verb: Token) -> bool:
    """Round 13: a verb of moving with troops as its subject and no object, going to a place ("three
    battalions are preparing to move to X", "the brigade will relocate to Y"): the troops deploy there
    (as "moved 100 troops to X" sends them); not "troops moved to block the road" (no place)."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    if not any(c.dep_ == "prep" and c.lower_ in ("to", "into") and any(o.dep_ == "pobj" for o in c.children)
               for c in verb.children) and not to_inside_from(verb):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ in ("xcomp", "conj"):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in TROOP_OBJECTS


@dataclass(frozen=True)
class Triggers:
    verbs: dict[str, str]  # lemma -> event type
    nouns: dict[str, str]
    light_verbs: frozenset[str]
    loss_verbs: frozenset[str]
    support_nouns: frozenset[str]
    support_verbs: frozenset[str]
    forms: dict[str, str]  # inflected form -> base, for every verb the rules name
    actor_verbs: frozenset[str] = frozenset()  # attacks only with an armed subject
    expel_verbs: frozenset[str] = frozenset()  # captures told as "drove X out of Y"
    movement_verbs: frozenset[str] = frozenset()  # deployments only with a state's forces as subject
    toll_nouns: frozenset[str] = frozenset()  # fighting that is one attack only with a toll and a place
    troop_verbs: frozenset[str] = frozenset()  # deployments only with troops as object ("moved 100 troops to X")
    military_posts: frozenset[str] = frozenset()  # "attacked an army checkpoint": the forces holding it the target
    not_forces: frozenset[str] = frozenset()  # "sent an envoy", "dispatched aid": sent, but no force
    idiom_objects: frozenset[str] = frozenset()  # "took advantage of", "seized the opportunity": no capture
    toll_verbs: frozenset[str] = frozenset()  # "A fought B in X": one attack only with a named side and a town
    raid_nouns: frozenset[str] = frozenset()  # "X rebels made an incursion into Y": an armed group's is an attack
    stronghold_nouns: frozenset[str] = frozenset()  # "captured Y, X's last stronghold": X held Y
    harmless_fire: frozenset[str] = frozenset()  # "fired tear gas", "fired warning shots": no attack
    host_verbs: frozenset[str] = frozenset()  # "welcomed the first contingent at X": its arrival there (round 11)
    arrival_nouns: frozenset[str] = frozenset()  # "the arrival of 300 soldiers in X": a deployment there (round 11)
    generic_armed: frozenset[str] = frozenset()  # "rebels", "Islamic militants": the group named before (round 13)
    state_side: frozenset[str] = frozenset()  # "government fighters", "pro-government militias": no armed group
    creeds: frozenset[str] = frozenset()  # "Islamic militants": a creed, no side of its own
    leader_nouns: frozenset[str] = frozenset()  # "met the leader of X": X's leader named elsewhere (round 13)
    remarks_nouns: frozenset[str] = frozenset()  # "Remarks With X Before Their Meeting" (round 15)
    report_nouns: frozenset[str] = frozenset()  # "X's investigation into the ambush": X reports it (round 15)
    toll_instruments: frozenset[str] = frozenset()  # "were injured by the artillery fire": no other cause (round 16)
    loss_nouns: frozenset[str] = frozenset()  # "following the pullout of X troops": X held it (round 16)
    topic_verbs: frozenset[str] = frozenset()  # "met to discuss security in Y": Y no meeting place (round 15)
    contest_nouns: frozenset[str] = frozenset()  # "after clashes between A and X": X held what A took (round 17)
    kill_verbs: frozenset[str] = frozenset()  # "X killed 20": an attack only with an armed subject (round 18)
    kill_claim_verbs: frozenset[str] = frozenset()  # "X say they killed 20": a side's claim of its kills (round 18)
    counter_words: frozenset[str] = frozenset()  # "the troops counterattacked": the attacked side's answer (round 22)
    counter_particles: frozenset[str] = frozenset()  # "the troops fired back" (round 22)
    counter_objects: frozenset[str] = frozenset()  # "opened fire on their attackers" (round 22)
    campaign_nouns: frozenset[str] = frozenset()  # "problems like X's invasion of Y": no one event (round 24)
    fire_nouns: frozenset[str] = frozenset()  # "an artillery exchange", "an exchange of fire": fighting (round 24)
    territory_nouns: frozenset[str] = frozenset()  # "attacked Iraqi military targets": in that state (round 24)
    held_verbs: frozenset[str] = frozenset()  # "both of which had been held by X": X the former holder (round 25)
    part_nouns: frozenset[str] = frozenset()  # "X's involvement in the attack": X its agent (round 25)
    linked_clause_marks: frozenset[str] = frozenset()  # "were killed when troops entered X": placed by it (round 32)
    reach_verbs: frozenset[str] = frozenset()  # "350 troops reached X": X the destination (round 39)
    counted_people: frozenset[str] = frozenset()  # "200 military instructors arrived": counted as troops (round 39)

    def base(self, tok: Token) -> str:
        return self.forms.get(tok.lower_) or tok.lemma_.lower()

    @classmethod
    def load(cls) -> "Triggers":
        data = events_yaml()
        verbs: dict[str, str] = {}
        nouns: dict[str, str] = {}
        for etype in ("Deployment", "Attack", "Capture", "Meeting", "Statement", "Visit"):
            for v in data[etype]["verbs"]:
                verbs.setdefault(v, etype)
            for n in data[etype]["nouns"] + data[etype].get("toll_nouns", []):
                nouns.setdefault(n.split()[-1], etype)
        for v in (data.get("r43_meeting_verbs") or []):  # round 43: "welcomed X to the ranch", as "received X"
            verbs.setdefault(v, "Meeting")
        for n in (data.get("r46_toll_nouns") or []):  # round 46: "the killing of four farmers near X"
            nouns.setdefault(n, "Attack")
        actor_verbs: frozenset[str] = frozenset()
        for etype in ("Attack", "Deployment"):
            for v in data[etype].get("actor_verbs", []):
                verbs.setdefault(v, etype)
                actor_verbs |= {v}
        for v in (data.get("arson") or {}).get("verbs", []):  # round 39: only with an armed subject
            verbs.setdefault(v, "Attack")
            actor_verbs |= {v}
        arrivals = data.get("deployment_arrivals") or {}
        reach = frozenset(arrivals.get("verbs", []))
        for v in reach:  # round 39: deployments only with troops as subject, like "arrive"
            verbs.setdefault(v, "Deployment")
            actor_verbs |= {v}
        for v in (data.get("r48_camping") or {}).get("verbs", []):  # round 48: "troops have camped at X", like "arrive"
            verbs.setdefault(v, "Deployment")
            actor_verbs |= {v}
        expel = frozenset(data["Capture"].get("expel_verbs", []))
        movement = frozenset(data["Deployment"].get("movement_verbs", []))
        for v in movement:
            verbs.setdefault(v, "Deployment")
        host_verbs = frozenset(data["Deployment"].get("host_verbs", []))
        arrival_nouns = frozenset(data["Deployment"].get("arrival_nouns", []))
        for n in arrival_nouns:
            nouns.setdefault(n, "Deployment")
        troop_verbs = frozenset(data["Deployment"].get("troop_verbs", []))
        for v in troop_verbs | host_verbs:
            verbs.setdefault(v, "Deployment")
        named = set(verbs) | set(data["Attack"].get("toll_verbs", [])) | set(data["light_verbs"]) | set(data["loss_verbs"]) | set(data["support_verbs"]) | expel
        forms = {f: v for v in sorted(named) if " " not in v for f in inflections(v)}
        for base, irregular in (data.get("irregular") or {}).items():
            forms.update({f: base for f in irregular})
        return cls(verbs, nouns, frozenset(data["light_verbs"]), frozenset(data["loss_verbs"]),
                   frozenset(data["support_nouns"]), frozenset(data["support_verbs"]), forms, actor_verbs, expel,
                   movement, frozenset(data["Attack"].get("toll_nouns", []) + data["Attack"].get("fire_nouns", [])
                                       + (data.get("r46_toll_nouns") or [])),
                   troop_verbs,
                   frozenset(data["Attack"].get("military_posts", [])),
                   frozenset(data["Deployment"].get("not_forces", [])),
                   frozenset(data["Capture"].get("idiom_objects", [])),
                   frozenset(data["Attack"].get("toll_verbs", [])),
                   frozenset(data["Attack"].get("raid_nouns", [])),
                   frozenset(data["Capture"].get("stronghold_nouns", [])),
                   frozenset(data["Attack"].get("harmless_fire", [])), host_verbs, arrival_nouns,
                   frozenset((data.get("armed_by_kind") or {}).get("nouns", [])),
                   frozenset((data.get("armed_by_kind") or {}).get("state_side", [])),
                   frozenset((data.get("armed_by_kind") or {}).get("creeds", [])),
                   frozenset(data["Meeting"].get("leader_nouns", [])),
                   frozenset(data["Meeting"].get("remarks_nouns", [])),
                   frozenset(data.get("report_nouns", [])),
                   frozenset(data.get("toll_instruments", [])),
                   frozenset(data.get("loss_nouns", [])),
                   frozenset(data["Meeting"].get("topic_verbs", [])),
                   frozenset(data.get("contest_nouns", [])),
                   frozenset(data["Attack"].get("actor_verbs", [])),
                   frozenset(data.get("kill_claim_verbs", [])),
                   frozenset((data.get("counter_fire") or {}).get("words", [])),
                   frozenset((data.get("counter_fire") or {}).get("particles", [])),
                   frozenset((data.get("counter_fire") or {}).get("objects", [])),
                   frozenset(data.get("campaign_nouns", [])),
                   frozenset(data["Attack"].get("fire_nouns", [])),
                   frozenset(data["Attack"].get("territory_nouns", [])),
                   frozenset(data["Capture"].get("held_verbs", [])),
                   frozenset(data.get("part_nouns", [])),
                   linked_clause_marks=frozenset((data.get("linked_clause") or {}).get("marks", [])),
                   reach_verbs=reach, counted_people=frozenset(arrivals.get("people", [])))


def _not_deployment(etype: Optional[str]) -> Optional[str]:
    """A host verb with no troops as its object: its own event type unless that is the deployment
    it tells only with troops ("received the president" a meeting, "welcomed the decision" nothing)."""
    return None if etype == "Deployment" else etype
