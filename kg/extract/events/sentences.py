"""Steps run on the frames of one sentence as soon as it is read.

Dropping attacks that are the fighting of a capture told beside them, dating events counted back
("a day after ..."), crediting blame and a bare toll to the frames told before, and the entities
and times a sentence hands to the next.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Optional

from spacy.tokens import Token

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
# Round 36: "a month after first taking the town" counts back a month, to the month only.
_MONTH_SPANS = frozenset({"month"})
_SPAN_MARKS = ("after", "before")
_VAGUE_SPAN = frozenset({"more", "less", "over", "under", "nearly", "almost", "about", "around", "some", "roughly",
                         "than", "several", "few"})
_SPAN_TEXT = re.compile(r"(?i)\b(?:after|before)\b")


def _counted_span(t) -> Optional[tuple]:
    """The span word and the "after"/"before" of an event told as counted back from another, by
    the shapes the parse gives (round 36): "a day after his talks" (the noun the object of "after",
    "after" on the host or on the span: "a day after their blast"), "two days after capturing X"
    (a gerund), "five days after the group killed three" (a clause marked by "after")."""
    mark = None
    if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in _SPAN_MARKS:
        mark = t.head
    else:
        mark = next((c for c in t.children if c.dep_ == "mark" and c.lower_ in _SPAN_MARKS), None)
    if mark is None:
        return None
    units = set(SPAN_UNITS) | _MONTH_SPANS
    for cand in list(mark.children) + list(t.children) + [mark.head]:
        if cand.dep_ == "npadvmod" and cand.lemma_.lower() in units and cand.i < mark.i:
            return cand, mark
    return None


def _host_clause_day(cur, dating: Optional[SentenceTimes]) -> Optional[DateValue]:
    """The day told by the clause "after" hangs from when that clause made no frame ("Gunmen killed
    a villager on Tuesday night, a day after their blast": the killing's own Tuesday)."""
    if dating is None:
        return None
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            own = [p for p in dating.points() if p.host is not None and p.host.i == cur.i and p.mention.shift is None
                   and p.value.precision == "day"]
            return own[-1].value if own else None
    return None


def _date_counted_back(found: list[Frame], dating: Optional[SentenceTimes] = None) -> None:
    """"X hosted Y on Tuesday, a day after his talks with Z": the event named after "N days after" is
    another, earlier one, dated N days before the event it hangs from, and placed only by its own
    phrase (the place of the sentence is the host's: round 11). Round 36: the gerund and the clause
    after "after" too ("two days after capturing X", "five days after the group killed three"),
    "after" hung on the span ("a day after their blast"), and months ("a month after ...")."""
    by_trigger = {f.trigger.i: f for f in found}
    for f in found:
        t = f.trigger
        got = _counted_span(t)
        if got is None:
            continue
        span, mark = got
        original = f.nominal and t.dep_ == "pobj" and mark.head.i != span.i  # round 11: "a day after his talks"
        host, cur = None, (span if mark.head.i == span.i else mark)
        for _ in range(4):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.i in by_trigger and by_trigger[cur.i] is not f:
                host = by_trigger[cur.i]
                break
            told = [by_trigger[c.i] for c in cur.children if c.dep_ == "ccomp" and c.i in by_trigger and c.i < span.i]
            if told:  # "X hit Y on Thursday, officials said, a day after ...": the parse hangs the span on
                host = told[-1]  # the report; it counts from the event reported
                break
        own = t.doc[t.left_edge.i:t.right_edge.i + 1].text
        if f.date is not None and f.date.text and f.date.text in own and not _SPAN_TEXT.search(f.date.text):
            continue  # its own date phrase ("five weeks after the army seized X on Oct. 7"): kept
        told = host.date if host is not None else _host_clause_day(span if mark.head.i == span.i else mark, dating)
        if told is None or told.precision != "day":
            continue
        if any(w.lower_ in _VAGUE_SPAN for w in t.doc[span.left_edge.i:span.i]):
            continue  # "more than a week after", "nearly a month after": no day to count back to
        count = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
        n = 1 if count is not None and count.lower_ in ("a", "an", "one") else parse_number(count.text) if count is not None else None
        if not n:
            continue
        sign = -1 if mark.lower_ == "after" else 1
        unit = span.lemma_.lower()
        base = dt.date.fromisoformat(told.value)
        text = t.doc[span.left_edge.i:mark.i + 1].text
        if unit in _MONTH_SPANS:
            day = base + dt.timedelta(days=sign * 30 * int(n))
            f.date = DateValue(value=day.isoformat()[:7], precision="month", text=text)
        else:
            day = base + dt.timedelta(days=sign * int(n) * SPAN_UNITS[unit])
            f.date = DateValue(value=day.isoformat(), precision="day", text=text)
        f.date_strength = Strength.ATTACHED
        f.counted_back = original  # placed only by its own phrase (round 11); a clause's own arguments are its own
        # apart from the event it is counted from (the round-11 shape); a retelling of it elsewhere in
        # the report may still fold into it (round 26's policy decides, by its dates)
        f.distinct = original or host is not None and host.type == f.type


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
                  blamed_attack: Optional[tuple[int, int]] = None, accused: Optional[Token] = None) -> bool:
    """"The army blamed X", "X claimed responsibility": the latest attack told in this or the
    two sentences before, and naming no perpetrator, was X's. When the blaming verb names the
    attack by its noun ("blamed the attack on X, and media pointed at Y for the blasts in Z":
    ``blamed_attack``, the verb's and the noun's token), an attack told after the verb in the same
    sentence is another one, and an attack told further back may be the one blamed: True when
    the blame is left for ``credit_late_blame`` (round 19)."""
    if not blamed:
        return False
    if accused is not None:  # round 49: "accused X of ordering the pipeline attacks": the attacks told so before
        told = [f for f in frames if f.type == "Attack" and f.modality == "asserted" and index - 2 <= f.sentence.index
                < index and f.trigger.lemma_.lower() == accused.lemma_.lower()]
        if told:
            if not told[-1].filled("perpetrator"):
                for eid in blamed:
                    told[-1].add("perpetrator", eid)
            return False  # (not an attack told by another word: another attack)
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
