"""Steps run on the frames of one sentence as soon as it is read.

Dropping attacks that are the fighting of a capture told beside them, dating events counted back
("a day after ..."), crediting blame and a bare toll to the frames told before, and the entities
and times a sentence hands to the next.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Optional

from kg.extract.dating import SentenceTimes, Strength
from kg.extract.events.frame import Frame
from kg.extract.nlp import Sentence
from kg.extract.quantities import parse_number
from kg.extract.resolve import Resolution
from kg.extract.timex import TimeMention
from kg.models import DateValue, Quantity


def _drop_attacks_taken(found: list[Frame]) -> list[Frame]:
    """"attacks on A, B and C ... overran the bases in these towns": each attack of a list on a place
    its sentence tells the same side took is the fighting of that capture, not an event of its own."""
    taken = {(e, c) for g in found if g.type == "Capture" and g.modality == "asserted"
             for e in g.roles.get("place", []) for c in g.roles.get("captor", [])}
    return [f for f in found if not (f.listed and f.type == "Attack" and any(
        (e, c) in taken for e in f.roles.get("location", []) for c in f.roles.get("perpetrator", [])))]


SPAN_UNITS = {"day": 1, "week": 7}


def _date_counted_back(found: list[Frame]) -> None:
    """"X hosted Y on Tuesday, a day after his talks with Z": the event named after "N days after" is
    another, earlier one, dated N days before the event it hangs from, and placed only by its own
    phrase (the place of the sentence is the host's: round 11)."""
    by_trigger = {f.trigger.i: f for f in found}
    for f in found:
        t = f.trigger
        if not f.nominal or t.dep_ != "pobj" or t.head.lower_ not in ("after", "before"):
            continue
        span = next((c for c in t.head.children if c.dep_ == "npadvmod" and c.lemma_.lower() in SPAN_UNITS), None)
        host = by_trigger.get(t.head.head.i)
        if span is None or host is None or host.date is None or host.date.precision != "day":
            continue
        count = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
        n = 1 if count is not None and count.lower_ in ("a", "an", "one") else parse_number(count.text) if count is not None else None
        if not n:
            continue
        days = int(n) * SPAN_UNITS[span.lemma_.lower()] * (-1 if t.head.lower_ == "after" else 1)
        day = dt.date.fromisoformat(host.date.value) + dt.timedelta(days=days)
        f.date = DateValue(value=day.isoformat(), precision="day", text=t.doc[span.left_edge.i:t.head.i + 1].text)
        f.date_strength = Strength.ATTACHED
        f.distinct = f.counted_back = True


def _credit_toll(frames: list[Frame], toll: Optional[Quantity], index: int, kind: str = "fatalities") -> None:
    """"A bomb exploded in X on Friday. The death toll has risen to 25": the latest attack told
    in this or the two sentences before takes the toll, unless it already has a higher one
    (``kind``: the dead, or the wounded of a passive toll, round 16)."""
    if toll is None:
        return
    told = [f for f in reversed(frames) if f.sentence.index >= index - 2 and f.type == "Attack"
            and f.modality == "asserted" and not f.bare]
    # the latest attack placed or counted: not a deed told inside one ("shot his mother ... killing his wife")
    latest = next((f for f in told if f.filled("location") or f.quantities), None)
    for f in frames if latest is not None else []:  # each telling of it in its sentence ("a bomb exploded")
        if f.sentence.index == latest.sentence.index and f.type == "Attack" and f.modality == "asserted":
            told = f.quantities.get(kind)
            if told is None or told.value < toll.value:
                f.quantities[kind] = toll


def _credit_blame(frames: list[Frame], blamed: list[str], index: int,
                  blamed_attack: Optional[tuple[int, int]] = None) -> bool:
    """"The army blamed X", "X claimed responsibility": the latest attack told in this or the
    two sentences before, and naming no perpetrator, was X's. When the blaming verb names the
    attack by its noun ("blamed the attack on X, and media pointed at Y for the blasts in Z":
    ``blamed_attack``, the verb's and the noun's token), an attack told after the verb in the same
    sentence is another one, and an attack told further back may be the one blamed: True when
    the blame is left for ``credit_late_blame`` (round 19)."""
    if not blamed:
        return False
    if blamed_attack is not None and not any(
            f.type == "Attack" and f.modality == "asserted" and index - 2 <= f.sentence.index
            and not (f.sentence.index == index and f.trigger.i > blamed_attack[0]) for f in frames):
        return True
    for f in reversed(frames):
        if f.sentence.index < index - 2:
            return False
        if blamed_attack is not None and f.sentence.index == index and f.trigger.i > blamed_attack[0] \
                and f.trigger.i != blamed_attack[1]:
            continue  # told after "blamed the attack on X": not the attack blamed
        if f.bare:
            continue  # an attack told by its verb alone may yet be dropped: the one told with more
        if f.type == "Attack" and f.modality == "asserted" and not f.filled("perpetrator"):
            for eid in blamed:
                f.add("perpetrator", eid)
            return False
        if f.type == "Attack" and f.modality == "asserted" and f.sentence.index == index:
            return False  # "X claimed responsibility for drone attacks on Y": the attack it names, not one before
    return False


def credit_late_blame(frames: list[Frame], blamed: list[str], index: int) -> None:
    """Round 19: "Officials blamed Sunday's attack on X" told more than two sentences after the
    attack: once tellings are merged, the one attack the report tells before the blame, when it
    names no perpetrator (with two or more, the blame points at none)."""
    before = [f for f in frames if f.type == "Attack" and f.modality == "asserted" and f.sentence.index < index]
    if len(before) == 1 and not before[0].filled("perpetrator"):
        for eid in blamed:
            before[0].add("perpetrator", eid)


def _mentioned(sent: Sentence, res: Resolution) -> list[str]:
    """Entities of a sentence in order, its main subject moved last: a pronoun in the next
    sentence most often continues the subject ("X, which is linked to Y, said ... Its fighters")."""
    out: list[str] = []
    subject: Optional[str] = None
    span = sent.span
    doc, by_token = span.doc, res.by_token
    key = id(doc)
    for i in range(span.start, span.end):  # (res.entity_at of each word, without making the words that name none)
        eid = by_token.get((key, i))
        if not eid:
            continue
        if not out or out[-1] != eid:
            out.append(eid)
        if subject is None:
            tok = doc[i]
            if tok.head.dep_ == "ROOT" and tok.dep_ in ("nsubj", "nsubjpass"):
                subject = eid
    if subject is not None:
        out = [e for e in out if e != subject] + [subject]
    return out


def _times(dating: SentenceTimes) -> list[TimeMention]:
    """The sentence's point times, anchored ones ("a day earlier") resolved."""
    return [dataclasses.replace(p.mention, value=p.value) for p in dating.points()]
