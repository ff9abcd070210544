"""A side told by a description of a state's forces, resolved to the report's one armed force (round 31).

"troops had freed X", "after intercepting army troops", "militants attacked troops guarding the
terminal": the people are named by their kind alone, and the report names them elsewhere as one
armed force ("The X army says ..."). The mechanism is content-based: the description's head is a
word for a state's forces (events.yaml ``state_by_kind``), no word of it puts them on another side
("rebel soldiers", "foreign troops", "their troops", "X troops" with a name of their own), and the
report names exactly one armed force, of the report's own state. Then the description is that force.

``state_force`` reads one token (used by the actor lookup for captors, former holders and
attackers); ``described_targets`` is the pass over an article's final attacks for the target an
attack verb or noun names by such a description (run after the tellings are merged, so an attack
told by its verb alone is still placed by its report).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml
from kg.extract.events.words import PRONOUNS
from kg.extract.resolve import Resolution


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """events.yaml ``state_by_kind``: the head nouns, the modifiers that keep them the state's, and
    the modifiers that put them on another side."""
    got = events_yaml().get("state_by_kind") or {}
    return {k: frozenset(got.get(k) or []) for k in ("nouns", "state_words", "other_side")}


def the_one_force(res: Resolution) -> Optional[str]:
    """The report's one armed force, when it names exactly one and it is of the report's state (or
    the report has no state of its own)."""
    forces = [e.id for e in res.entities if e.type == "ArmedForce"]
    if len(forces) != 1:
        return None
    code = res.countries.get(forces[0])
    if res.dominant_country and code and code != res.dominant_country:
        return None  # "Pakistani forces" named in a report on India: "soldiers" are not theirs
    return forces[0]


def state_force(tok: Token, res: Resolution, armed_kinds: frozenset[str] = frozenset()) -> Optional[str]:
    """The report's one armed force, when ``tok`` describes a state's forces by their kind alone."""
    w = words()
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in w["nouns"] or res.entity_at(tok) is not None:
        return None
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "poss", "amod", "det", "prep", "appos", "acl", "relcl") and (
                res.entity_at(c) is not None or c.ent_type_ in ("NORP", "GPE", "ORG")
                or c.lower_ in w["other_side"] or c.lemma_.lower() in w["other_side"]
                or c.lower_ in PRONOUNS or c.lower_ in armed_kinds):
            return None
        if c.dep_ in ("compound", "amod", "nmod", "poss", "det") and c.lower_ not in w["state_words"]:
            return None  # "some troops", "Kurdish soldiers", "its troops": somebody else's, or anybody's
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            return None  # "soldiers of the X brigade": named by what they belong to
    return the_one_force(res)


def _objects(trigger: Token) -> list[Token]:
    """What an attack's trigger hits: a verb's object (or passive subject), a noun's "on"."""
    if trigger.pos_ == "VERB":
        return [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return [p for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in ("on", "against")
            for p in prep.children if p.dep_ == "pobj"]


def described_targets(frames: list[Frame], res: Resolution, armed_kinds: frozenset[str] = frozenset()) -> None:
    """An attack with no target whose trigger hits a description of a state's forces ("attacked
    troops guarding the terminal", "an attack on soldiers") was on the report's one armed force,
    when that force did not carry it out."""
    for f in frames:
        if f.type != "Attack" or f.filled("target"):
            continue
        for obj in _objects(f.trigger):
            eid = state_force(obj, res, armed_kinds)
            if eid and eid not in f.roles.get("perpetrator", []):
                f.add("target", eid)
                break
