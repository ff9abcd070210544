"""What every frame gets whatever its type: quantities, tolls, places after the noun, its date.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from spacy.tokens import Token

from kg.extract.dating import SentenceTimes, Strength, is_definite_mention, told_before
from kg.extract.events.frame import Frame
from kg.extract.events.triggers import _plural
from kg.extract.events.words import QUANTITY_KINDS, TOLL_CLAUSE
from kg.extract.quantities import is_order_of_magnitude, is_part_count, quantity_kind
from kg.models import DateValue, Quantity


class FrameFacts:
    """A frame's quantities, the places after an event noun, its date."""

    # ----- quantities and dates
    def quantities(self, f: Frame, tok: Token, patient: Optional[Token]) -> None:
        kinds = QUANTITY_KINDS[f.type]
        if not kinds:
            return
        lo, hi = tok.left_edge.i, tok.right_edge.i
        span_lo = self.sent.char(tok.doc[lo]) - self.sent.start
        span_hi = self.sent.char(tok.doc[hi]) + len(tok.doc[hi].text) - self.sent.start
        candidates = []
        for q in self.quants:
            kind = quantity_kind(q.noun, self.sent.text[max(0, q.start - 40):q.end + 40])
            if kind not in kinds or is_order_of_magnitude(q.quantity.text) or is_part_count(self.sent.text, q.start):
                continue  # (not "..., including five children": a part of the toll)
            inside = span_lo <= q.start < span_hi or f.nominal and self.toll_clause_after(tok, q.start)
            if (f.nominal or f.type == "Deployment") and not inside:
                continue  # "X sent 300 ..., and Y sent a contingent": Y's has no number
            candidates.append((not inside, abs(q.start - (self.sent.char(tok) - self.sent.start)), kind, q))
        for _, _, kind, q in sorted(candidates, key=lambda c: (c[0], c[1])):
            if kind not in f.quantities:
                f.quantities[kind] = self.joined_toll(q, kind) if kind in ("fatalities", "injuries") else q.quantity
        if f.type == "Attack":
            self.lone_victims(f, tok)

    def lone_victims(self, f: Frame, tok: Token) -> None:
        """Round 13: a toll told of one person with no number ("a police officer was killed when ...",
        "killing a soldier", "two soldiers were killed and another wounded", "a commander was shot
        dead"): one dead or one wounded, never over a number given. Read where the numbers are read:
        an attack noun's own clause, an attack verb's sentence ("A soldier was killed when militants
        attacked ...")."""
        words = tok.doc[tok.left_edge.i:tok.right_edge.i + 1] if f.nominal else self.sent.span
        for t in words:
            verb = t.head
            base = self.finder.t.base(verb)
            if base in ("kill", "die") or base == "shoot" and any(c.lower_ == "dead" for c in verb.children):
                kind = "fatalities"
            elif base in ("wound", "injure"):
                kind = "injuries"
            else:
                continue
            if kind in f.quantities or verb.pos_ != "VERB":
                continue
            if t.lower_ == "another" and t.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.dep_ == "conj":
                pass  # "... were killed and another wounded"
            elif not (t.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
                      and (t.dep_ == "nsubjpass" or t.dep_ == "dobj" and base != "die" or t.dep_ == "nsubj" and base == "die")
                      and quantity_kind(_plural(t.lemma_.lower()), self.sent.text) in ("fatalities", "injuries", "troops")):
                continue
            f.quantities[kind] = Quantity(value=1, qualifier="exact", text=t.text)

    def joined_toll(self, q, kind: str) -> Quantity:
        """"killing six soldiers and 10 police officers", "four soldiers and two civilians were
        killed": counts of people joined by "and" are one toll, their sum (the kind of each is
        read from its own words, so "six soldiers" may look like troops)."""
        text = self.sent.text
        chain = [q]
        for other in sorted(self.quants, key=lambda m: m.start):
            last = chain[-1]
            if other.start > last.end and text[last.end:other.start].strip() == "and":
                chain.append(other)
        for other in sorted(self.quants, key=lambda m: -m.start):
            first = chain[0]
            if other.end < first.start and text[other.end:first.start].strip() == "and":
                chain.insert(0, other)
        people = [m for m in chain if quantity_kind(m.noun, text[max(0, m.start - 40):m.end + 40]) in (
            "fatalities", "injuries", "troops")]
        if len(people) < 2 or len(people) != len(chain):
            return q.quantity
        total = sum(m.quantity.value for m in people)
        return dataclasses.replace(q.quantity, value=total, text=text[chain[0].start:chain[-1].end])

    def place_after(self, noun: Token) -> Optional[str]:
        """The place of a locative phrase after an event noun, up to the next clause (the parse
        may hang "at the X in Y" on the main verb)."""
        return self.locative_after(noun, self.sent.span.end, ("in", "at", "near", "outside"), stop_at_clause=True)

    def locative_after(self, noun: Token, end: int, preps: tuple[str, ...], stop_at_clause: bool = False) -> Optional[str]:
        """The first place named within five words of one of ``preps`` after ``noun`` (before
        ``end``); a phrase ends at a verb or a comma, the scan at a new clause if asked."""
        doc = noun.doc
        for i in range(noun.i + 1, end):
            t = doc[i]
            if stop_at_clause and (t.pos_ in ("VERB", "AUX") or t.text in (";", ":") or self.trigger_type(t)[0]):
                return None
            if t.lower_ in preps and t.pos_ == "ADP":
                for j in range(i + 1, min(i + 6, end)):
                    eid = self.res.entity_at(doc[j])
                    if eid and self.kind(eid) == "Location":
                        named = self.res.entity_at(doc[j + 1]) if j + 1 < end else None
                        if doc[j].pos_ == "NOUN" and doc[j + 1].pos_ == "PROPN" and named not in (None, eid) \
                                and self.kind(named) == "Location":
                            return named  # "in the capital X": the name, not what the noun was read as (round 13)
                        return eid
                    if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in (",", ";"):
                        break
        return None

    def toll_clause_after(self, noun: Token, q_start: int) -> bool:
        """"a bomb blast at the embassy in X in which 41 people died": a relative clause after the
        event noun tells its toll, though the parse may hang it elsewhere."""
        start = self.sent.char(noun) - self.sent.start + len(noun.text)
        between = self.sent.text[start:q_start]
        m = TOLL_CLAUSE.search(between) if q_start > start and len(between) < 80 else None
        if m is None:
            return False
        clause = start + m.start()  # no other event told between the noun and its clause
        return not any(self.trigger_type(t)[0] for t in self.sent.span if start <= self.sent.char(t) - self.sent.start < clause)

    def entity_name(self, eid: str) -> str:
        return next((e.name for e in self.res.entities if e.id == eid), "")

    def date_for(self, f: Frame) -> Optional[DateValue]:
        """The frame's date from the parse (see kg.extract.dating); records how it was found."""
        dating = self.dating or SentenceTimes(self.sent.span, self.times, self.finder.event_type,
                                              inherited=self.inherited)
        anchor = f.anchor - self.sent.start if f.anchor is not None else None
        value, strength = dating.attach(f.trigger, anchor)
        shared = self.sharing_conjunct(f.trigger) if f.nominal else None
        if shared is not None and strength < Strength.ATTACHED:  # "the attack on and seizure of Y in May":
            told, how = dating.attach(shared, anchor)  # the time of the noun it shares its phrases with
            if told is not None and how >= Strength.ATTACHED:  # (round 25)
                value, strength = told, how
        if value is None and f.nominal and is_definite_mention(f.trigger):  # "the attack on X"
            value = told_before(f, self.told, self.entity_name)
            strength = Strength.INHERITED if value else strength
        # A plan or a denial is news of its report: it inherits only its own paragraph's time.
        inherited = self.inherited if f.modality == "asserted" else dating.paragraph
        if value is None and inherited is not None:
            value, strength = inherited, Strength.INHERITED
        f.date_strength = strength
        return value
