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
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

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
