"""The attacked side's answer to an attack names no perpetrator (round 22).

"Gunmen attacked a Xland army base. The troops made a retreat and counter attacked the militants",
"Xland troops launched a counterattack and retook A and B", "Other Xland troops opened fire on their
attackers, and the military says they killed two of them": the answer is told as an attack of its
own, with the answering side as its subject, and is then merged with the attack it answers (same
place, same day), whose perpetrator becomes both sides. The gold keeps the answer inside the attack
it answers, whose perpetrator is the side that attacked first. So an attack told by a counter-attack
word (events.yaml ``counter_fire``: the trigger "counterattack", a trigger with "counter" just before
it, a verb with the particle "back", or one whose object is "their attackers") takes no perpetrator
from its own subject: the answering side is the attacked one, and what it answered is told apart.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.frame import Frame


def is_counter_fire(tok: Token, words: frozenset[str], particles: frozenset[str], objects: frozenset[str]) -> bool:
    if tok.lemma_.lower() in words or tok.lower_ in words:
        return True
    doc = tok.doc
    before = [doc[j].lower_ for j in range(max(tok.i - 2, 0), tok.i)]
    if before and (before[-1] in words or before[-1] == "-" and len(before) > 1 and before[-2] in words):
        return True
    if tok.pos_ == "VERB":
        if any(c.dep_ in ("prt", "advmod") and c.lower_ in particles for c in tok.children):
            return True
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("on", "at")
                 for o in p.children if o.dep_ == "pobj"]
        objs += [o for d in objs for p in d.children if p.dep_ == "prep" and p.lower_ in ("on", "at")
                 for o in p.children if o.dep_ == "pobj"]  # "opened fire on their attackers"
        if any(o.lemma_.lower() in objects and any(c.dep_ == "poss" for c in o.children) for o in objs):
            return True
    return False


def _counter_fire_has_no_attacker(found: list[Frame], words: frozenset[str], particles: frozenset[str],
                                  objects: frozenset[str]) -> None:
    """``found``: one sentence's frames. The answer's own kills told after it in its sentence ("opened
    fire on their attackers, and the military says they killed two of them") are the answer too."""
    answering: dict[str, int] = {}
    for f in found:
        if f.type == "Attack" and f.roles.get("perpetrator") and is_counter_fire(f.trigger, words, particles, objects):
            sides, answered = f.roles.get("perpetrator", []), f.roles.get("target", [])
            for e in sides:
                answering.setdefault(e, f.trigger.i)
            f.roles["perpetrator"] = [e for e in answered if e not in sides]
            if f.roles["perpetrator"]:  # "counter attacked the militants": the militants attacked them
                f.roles["target"] = list(sides)
    for f in found:
        if f.type == "Attack" and f.roles.get("perpetrator") \
                and not is_counter_fire(f.trigger, words, particles, objects):
            told_after = [e for e in f.roles["perpetrator"] if e in answering and f.trigger.i > answering[e]]
            if told_after:
                f.roles["perpetrator"] = [e for e in f.roles["perpetrator"] if e not in told_after]
