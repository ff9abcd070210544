"""An attack whose sides are named but whose place is not tied to it (round 43).

"The army was put on high alert in the capital X following an assassination attempt against
President Y", "Rebels said the government had engaged in an offensive against the Z": the attack has
a named side (its target or its attacker) but no place of its own syntax and no toll, so the
merge dropped it as no event (an attack with no place and no figure), though its sentence names
the place. On first runs this was the widest class of missed gold events still missed today (a
gold event with no event of its type while its place was read; scripts/first_run_events.py).
Such an attack takes the most specific place of its own sentence, as one with a toll already did
(kg/extract/places.fill_places): only when it is its sentence's one attack, not the headline's, and
not a telling that points back ("the attack").
"""

from __future__ import annotations

from typing import Optional

from kg.extract.events.anchors import _clause
from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml
from kg.extract.places import COUNTRY, places_in, specificity
from kg.extract.resolve import Resolution

ATTEMPT_HEADS = frozenset(events_yaml().get("r43_side_places", {}).get("attempt_heads", []))
SAME_NOUNS = frozenset(events_yaml().get("r43_side_places", {}).get("same_nouns", []))


def place_named_sides(frames: list[Frame], res: Resolution) -> None:
    attacks_in: dict[int, int] = {}
    for f in frames:
        if f.type == "Attack":
            attacks_in[f.sentence.index] = attacks_in.get(f.sentence.index, 0) + 1
    for f in frames:
        if f.type != "Attack" or f.bare or f.roles.get("location") or f.quantities or f.modality != "asserted":
            continue
        if attacks_in.get(f.sentence.index, 0) > 1 or f.sentence.index == 0 or getattr(f, "anaphoric", False):
            continue
        if not (f.roles.get("perpetrator") or f.roles.get("target")) \
                or f.trigger.dep_ == "compound" and f.trigger.head.lemma_.lower() not in ATTEMPT_HEADS:
            continue  # ("strike aircraft": a noun naming a kind of thing, no attack; "an assassination attempt" is one)
        place = _clause_place(f, res, {e for ids in f.roles.values() for e in ids})
        if place is None:
            place = _same_area(f, frames)
            f.distinct = f.distinct or place is not None  # ("the same area" is said of another event there)
        if place is not None:
            f.roles["location"] = [place]


def _same_area(f: Frame, frames: list[Frame]) -> Optional[str]:
    """"Later in the same area, insurgents fired at an army team": the place of the last attack told
    before it with a place (events.yaml ``r43_side_places.same_nouns``)."""
    if not any(t.lower_ == "same" and t.dep_ == "amod" and t.head.lemma_.lower() in SAME_NOUNS
               and any(d.lower_ == "the" for d in t.head.children) for t in f.sentence.span):
        return None
    told = [g for g in frames if g.type == "Attack" and g.roles.get("location")
            and g.sentence.index < f.sentence.index]
    return told[-1].roles["location"][0] if told else None


def _clause_place(f: Frame, res: Resolution, taken: set[str]) -> Optional[str]:
    """The most specific place below a country in the clause of the trigger's verb (a noun's: the
    verb it hangs on), nearest the trigger on a tie; none in a clause of its own ("because people
    here in X back them") or a place that only qualifies a side ("rebels in X" names a country)."""
    verb = f.trigger
    while (verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "prep") and verb.head.i != verb.i:
        verb = verb.head  # (past "following" and "after" the attack: prepositions, not its verb)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    span = _clause(verb)
    for c in verb.children:  # "killed five and captured three near X": one subject, two predicates
        if c.dep_ == "conj" and c.pos_ == "VERB":
            span |= _clause(c)
    own = [(e, i) for e, i in places_in(f.sentence, res)
           if i in span and e not in taken and specificity(e, res) > COUNTRY]
    if not own:
        return None
    best = max(specificity(e, res) for e, _ in own)
    return min((abs(i - f.trigger.i), e) for e, i in own if specificity(e, res) == best)[1]
