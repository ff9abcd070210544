"""One side of an attack per actor: a victim is never its attacker, a doer never its target (round 37).

An attack whose perpetrator is also its target is wrong on one side: the rules that fill the two roles
read different words ("Two X soldiers were killed after a bomb went off near their tank": the soldiers
are the dead, yet the lead's attacker or a pronoun gave them as the attacker; "Group Y was blamed by
police for a bombing": a passive subject, read as a victim, is the blamed doer). The pass reads how the
sentence of the attack tells the actor, by the grammatical place of each of its mentions:

- a doer: the subject of an active verb that is not a verb of saying, dying or blaming ("its aircraft
  struck", "X fighters stormed"), the agent of a passive ("was attacked by X"), the subject of a
  passive verb of blame or suspicion ("X was blamed for the bombing", events.yaml ``attack_sides``
  ``blame_verbs``);
- a victim: the subject of a passive verb other than those ("X soldiers were killed"), the subject
  of a verb of dying ("died", events.yaml ``attack_sides`` ``death_verbs``), the object of a verb, the
  object of "on", "against" or "at" ("an ambush on an X convoy").

A modifier of a word ("X soldiers", "its aircraft") is told as its head is. The speaker of a
statement ("the mission said", "police blamed Y") is neither. When the actor is told only as a victim,
it is dropped as perpetrator; only as a doer, dropped as target; told both ways (or neither), the
roles stay as read.

A second pass (``targets_by_place``) gives an attack with no target the forces of its place's state
when its trigger hits a military post told by its kind alone ("militants attacked an army
checkpoint"): the frame's own reading of the post runs before the report has placed the attack.
Both passes run once the tellings are merged (``attack_sides``, one call in ``finder.py``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from kg.extract.events.described_sides import words as state_words
from kg.extract.events.frame import Frame
from kg.extract.events.words import SPEAKING
from kg.extract.events_data import events_yaml
from kg.extract.resolve import Resolution

_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "appos")


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """events.yaml ``attack_sides``: verbs of blame (their passive subject is the doer) and of dying
    (their subject is a victim)."""
    got = events_yaml().get("attack_sides") or {}
    return {k: frozenset(got.get(k) or []) for k in ("blame_verbs", "death_verbs")}


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def side_told(tok: Token) -> Optional[str]:
    """"doer", "victim" or None: how the clause tells the actor a token names."""
    w = words()
    t = tok
    for _ in range(4):  # "X soldiers", "the X army's convoy": told as the word they modify is
        if t.dep_ not in _MODIFIER_DEPS or t.head.i == t.i:
            break
        t = t.head
    head = t.head
    lemma = head.lemma_.lower()
    if t.dep_ == "nsubj":
        if lemma in SPEAKING or lemma in w["blame_verbs"]:
            return None  # the speaker, or who blames: not a side of the attack
        if lemma in w["death_verbs"]:
            return "victim"
        return "doer" if head.pos_ in ("VERB", "AUX") else None
    if t.dep_ == "nsubjpass":
        return "doer" if lemma in w["blame_verbs"] else "victim"
    if t.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
        return "doer"
    if t.dep_ == "dobj" and head.pos_ == "VERB" and lemma not in SPEAKING and lemma not in w["blame_verbs"]:
        return "victim"
    if t.dep_ == "pobj" and head.lower_ in ("on", "against", "at") and head.head.lemma_.lower() not in w["blame_verbs"]:
        return "victim"
    return None


def attack_sides(frames: list[Frame], res: Resolution, posts: frozenset[str]) -> None:
    """The round's two passes over an article's final attacks (one call in ``finder.py``)."""
    one_side_each(frames, res)
    targets_by_place(frames, res, posts)


def one_side_each(frames: list[Frame], res: Resolution) -> None:
    """An attack's actor that is both its perpetrator and its target keeps the side its sentence
    tells it on, when the sentence tells it on one side only."""
    for f in frames:
        if f.type != "Attack":
            continue
        both = set(f.roles.get("perpetrator", [])) & set(f.roles.get("target", []))
        for eid in both:
            told = {side_told(t) for t in f.sentence.span if res.entity_at(t) == eid} - {None}
            if told == {"victim"}:
                f.roles["perpetrator"] = [e for e in f.roles["perpetrator"] if e != eid]
            elif told == {"doer"}:
                f.roles["target"] = [e for e in f.roles["target"] if e != eid]


def _forces_of_the_place(f: Frame, res: Resolution) -> Optional[str]:
    """The one armed force of the attack's place's country the report names, not its perpetrator
    (as ``AttackRoles.forces_of_the_place``, read once the tellings are merged and placed)."""
    codes = {res.countries.get(e) for e in f.roles.get("location", [])} - {None}
    perpetrators = f.roles.get("perpetrator", [])
    forces = [e.id for e in res.entities if e.type == "ArmedForce" and res.countries.get(e.id) in codes
              and e.id not in perpetrators]
    if not codes and f.filled("location"):  # a place the gazetteer puts in no state: the report's one force
        forces = [e.id for e in res.entities if e.type == "ArmedForce"]
        forces = [e for e in forces if e not in perpetrators] if len(forces) == 1 else []
    if len(forces) > 1:  # the state's own forces ("X forces"), not a mission or agency placed there
        forces = [e for e in forces if res.entities[int(e[1:]) - 1].name.endswith(" forces")]
    return forces[0] if len(forces) == 1 else None


def _unnamed(tok: Token, res: Resolution) -> bool:
    """No word of the phrase names whose it is ("an army checkpoint", "12 soldiers"; not "a
    rebel post", "soldiers of the X brigade", "Kessan soldiers"): its modifiers only the words of
    a state's own forces (events.yaml ``state_by_kind`` ``state_words``, round 31)."""
    for c in tok.children:
        if res.entity_at(c) is not None or c.ent_type_ in ("NORP", "GPE", "ORG") or c.dep_ == "poss":
            return False
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in state_words()["state_words"]:
            return False  # "a paramilitary post", "rebel soldiers": not (or not only) the state's army
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            return False
    return res.entity_at(tok) is None


def _attacked_post(trigger: Token, posts: frozenset[str], res: Resolution) -> bool:
    """"attacked an army checkpoint", "a patrol was ambushed", "an attack on a convoy"."""
    if trigger.pos_ == "VERB":
        objs = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        objs = [p for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in ("on", "against")
                for p in prep.children if p.dep_ == "pobj"]
    return any(o.lemma_.lower() in posts and _unnamed(o, res) for o in objs)


def targets_by_place(frames: list[Frame], res: Resolution, posts: frozenset[str]) -> None:
    """An attack with no target, once merged and placed, whose trigger hits a military post named by
    its kind ("militants attacked an army checkpoint", "a patrol was ambushed", "an attack on a
    convoy"; events.yaml ``military_posts``) was on the forces of its place's state, when the report
    names one and it did not carry the attack out. The frame's own reading
    (``AttackRoles.forces_at_the_post``) runs before the report has placed the attack."""
    for f in frames:
        if f.type != "Attack" or f.filled("target") or f.sentence.index == 0:
            continue
        if _attacked_post(f.trigger, posts, res):
            f.add("target", _forces_of_the_place(f, res))
