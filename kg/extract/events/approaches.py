"""Attackers arriving to strike are the attack's approach, not a deployment (round 33).

GUIDELINES' Deployment is troops sent by a state or body to a destination (announced or ordered:
the news). "The militants arrived in dozens of gun trucks shortly after dusk and overran the base"
tells how an attack or a capture began: the movement's doer is the attacker or captor of an event
told in the same sentence, and the movement has no destination of its own. Read from the events'
own arguments: a deployment told by a verb with no destination, whose agents (or force) are all
sides of an asserted attack or capture of the same sentence, or whose verb shares its subject with
that event's verb ("arrived ... and overran", no troops counted), is that event's approach and is
not output. Troops sent somewhere ("sent 300 fighters to X and overran the base there") keep their deployment.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml

SIDE_ROLES = {"Attack": ("perpetrator",), "Capture": ("captor",)}


@lru_cache(maxsize=1)
def _strike_verbs() -> frozenset[str]:
    data = events_yaml()
    return frozenset(v.lower() for t in SIDE_ROLES for v in (data.get(t) or {}).get("verbs", []))


def _then_strikes(verb) -> bool:
    """The movement's verb and an attack's or capture's verb joined with one subject: "arrived ...
    and overran the base" (the second verb has no subject of its own)."""
    if verb.pos_ != "VERB":
        return False
    joined = [c for c in verb.children if c.dep_ == "conj"]
    return any(v.pos_ == "VERB" and v.lemma_.lower() in _strike_verbs()
               and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) for v in joined)


def _counted(verb) -> bool:
    """The movers are counted in the verb's own subject ("About 500 troops arrived")."""
    return any(t.like_num for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)


def approach_of_an_attack(f: Frame, frames: list[Frame]) -> bool:
    if f.type != "Deployment" or f.filled("destination") or f.nominal:
        return False
    movers = set(f.roles.get("agent", [])) | set(f.roles.get("force", []))
    for g in frames:
        if g is f or g.type not in SIDE_ROLES or g.modality != "asserted" or g.sentence.index != f.sentence.index:
            continue
        sides = {e for r in SIDE_ROLES[g.type] for e in g.roles.get(r, [])}
        if movers and movers <= sides:
            return True
    return not _counted(f.trigger) and _then_strikes(f.trigger)  # (troops counted may be the news: kept)


def approaches_dropped(frames: list[Frame]) -> list[Frame]:
    return [f for f in frames if not approach_of_an_attack(f, frames)]
