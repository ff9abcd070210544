"""The former holder of a capture told as the other side of the fighting for it (round 17).

"The takeover of the port of X came after five days of fierce clashes between the insurgents and Y
security forces" / "The army has regained control of X, in its biggest offensive since the war with Y" /
"Z captured X. The battle follows months of warfare in X between Z and Y": a capture that names no
former holder after the other rules took the place from the one armed side told fighting the captor, by
a noun of fighting (``contest_nouns`` of events.yaml) in the capture's sentence or the two after it, or
placed in the captured place itself. The sides are the noun's ``between`` A ``and`` B, or the side it is ``with`` or
``against`` ("the war with Y", fought by the captor). Fighting between two sides neither of which is the captor
names no former holder; when the capture names no captor, the fighting's one armed side is taken.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.nlp import Sentence
from kg.extract.resolve import Resolution

ARMED_SIDES = ("ArmedForce", "ArmedGroup")


def _objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children if o.dep_ == "pobj"]
    for o in list(out):
        out += [c for c in o.subtree if c.dep_ == "conj" and c.head in out]
    return out


def _sides(noun: Token, res: Resolution) -> tuple[set[str], bool]:
    """The armed sides a noun of fighting names, and whether it names a side of words only
    ("the insurgents", "militants": a side but no entity)."""
    toks = _objects(noun, ("between",))
    sides: set[str] = set()
    unnamed = False
    if not toks:  # "the war with X": the one side named is fought by the other, the capture's captor
        toks = _objects(noun, ("with", "against"))
        unnamed = bool(toks)
    for t in toks:
        eid = res.entity_at(t)
        if eid is None:
            eid = next((res.entity_at(c) for c in t.children if c.dep_ in ("compound", "amod", "poss")
                        and res.entity_at(c)), None)
        if eid is not None and res.kinds.get(eid) in ARMED_SIDES:
            sides.add(eid)
        elif t.pos_ in ("NOUN", "PRON"):
            unnamed = True
    return sides, unnamed


def _placed_in(noun: Token, res: Resolution, places: set[str]) -> bool:
    return any(res.entity_at(o) in places for o in _objects(noun, ("in", "for", "over")))


def _open(f: Frame) -> bool:
    """An asserted capture with a place and no former holder: the one kind of frame this rule fills."""
    return f.type == "Capture" and f.modality == "asserted" and not f.filled("former") and f.filled("place")


def _former_fought(frames: list[Frame], sentences: list[Sentence], res: Resolution,
                   contest_nouns: frozenset[str]) -> None:
    if not any(_open(f) for f in frames):
        return  # (no capture to name a former holder of: the report's words need not be read)
    nouns = [(s.index, t) for s in sentences if not s.lemmas.isdisjoint(contest_nouns)  # (one is there)
             for t in s.span if t.pos_ == "NOUN" and t.lemma_.lower() in contest_nouns]
    if not nouns:
        return
    for f in frames:
        if not _open(f):
            continue
        places = set(f.roles["place"])
        captors = set(f.roles.get("captor", []))
        own = captors | set(f.roles.get("supporter", []))
        found: set[str] = set()
        for index, noun in nouns:
            if not (0 <= index - f.sentence.index <= 2 or _placed_in(noun, res, places)):
                continue
            sides, unnamed = _sides(noun, res)
            if captors and not (sides & captors) and not unnamed:
                continue  # fighting between two others
            found |= sides - own
        if len(found) == 1:
            f.add("former", found.pop())
