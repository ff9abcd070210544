"""Tolls of attacks told apart from the attack, and attack words that tell no single attack.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.extract.events.words import (
    CAUSE_PREPS,
    NON_VIOLENT_CAUSES,
    PASSIVE_TOLLS,
    RAISING_VERBS,
    SERIES_WORDS,
    SUMMARY_WORDS,
    TOLL_VERBS,
    VAGUE_COUNTS,
)
from kg.extract.quantities import parse_quantity
from kg.models import Quantity


#: the lemmas (lower-cased) of which ``bare_toll`` needs one, when the sentence has no word "dead":
#: "lose" (``lives_lost``), "kill" (``killed_there``), "toll"
_BARE_TOLL_LEMMAS = frozenset(["lose", "kill", "toll"])


class Tolls:
    """Tolls (risen, claimed, lives lost) and summaries, series, tallies, generic attacks."""

    def bare_toll(self) -> Optional[Quantity]:
        """"The death toll has risen to 25", "the toll stood at 12 on Sunday", "bringing the death toll
        to 48", "29 civilians were dead": a toll naming no event of its own is the latest toll of the
        attack told just before (see _credit_toll)."""
        if self.sent.lemmas.isdisjoint(_BARE_TOLL_LEMMAS) and "dead" not in self.sent.text.lower():
            return None  # (every test below needs "dead", a form of "lose" or "kill", or "toll")
        for tok in self.sent.span:
            if tok.lower_ == "dead" and tok.dep_ == "acomp" and tok.head.lemma_ == "be" \
                    and self.finder.modality.of(tok.head) == "asserted":
                dead = self.child(tok.head, "nsubj")  # "When it was over, 29 civilians were dead"
                num = next((t for t in dead.subtree if t.like_num or t.pos_ == "NUM"), None) if dead is not None else None
                q = parse_quantity(num.doc[num.left_edge.i:num.i + 1].text) if num is not None else None
                if q is not None and "of" not in self.preps(dead):
                    return q
            lost = self.lives_lost(tok) or self.killed_there(tok)
            if lost is not None:
                return lost
            if tok.lemma_.lower() != "toll" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            if any(c.lemma_.lower() in ("injury", "casualty") for c in tok.lefts) or any(
                    c.dep_ == "prep" and c.lower_ in ("from", "in", "of") for c in tok.children):
                continue  # an injury toll, or "the toll from X" (X's own frame takes it)
            verb = self.toll_verb(tok)
            if verb is None or self.finder.modality.of(verb) != "asserted":
                continue
            q = self.toll_figure(verb, tok)
            if q is not None:
                return q
        return None

    def passive_tolls(self) -> dict[str, Quantity]:
        """Round 16: "Six civilians were injured." "One person was killed and four were wounded.":
        counted people killed, wounded or injured in a passive clause with no cause (but the fire of
        events.yaml toll_instruments), place, time clause or part ("16 of the attackers") of its own,
        told as done, are a toll: of the attack
        told just before, when the sentence tells no attack itself (see ``_credit_toll``)."""
        out: dict[str, Quantity] = {}
        if self.sent.lemmas.isdisjoint(PASSIVE_TOLLS):
            return out  # (no verb of a passive toll: nothing below can be found)
        armed_fire = {t.i for t in self.sent.span if t.dep_ == "pobj" and t.head.dep_ == "agent"
                      and any(c.dep_ in ("compound", "amod") for c in t.children)}  # "the artillery fire"
        if any(t.lemma_.lower() in NON_VIOLENT_CAUSES and t.i not in armed_fire for t in self.sent.span):
            return out
        for verb in self.sent.span:
            kind = PASSIVE_TOLLS.get(verb.lemma_.lower())
            if kind is None or kind in out or verb.tag_ != "VBN" or self.finder.modality.of(verb) != "asserted":
                continue
            preps = set(self.preps(verb)) - {p.lower_ for p in verb.children if p.dep_ == "agent"}
            if any(c.dep_ == "advcl" for c in verb.children) or preps & CAUSE_PREPS:
                continue  # "were killed in a blast", "when ...": a cause or place of its own
            agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            if any(o.lemma_.lower() not in self.finder.t.toll_instruments for o in agents):
                continue  # "by gunmen": another deed; "by the artillery fire": the attack's own
            subj = self.child(verb, "nsubjpass")
            if subj is None or "of" in self.preps(subj):
                continue
            num = subj if subj.like_num or subj.pos_ == "NUM" else next(
                (c for c in subj.children if c.dep_ == "nummod"), None)
            q = parse_quantity(num.doc[num.left_edge.i:num.i + 1].text) if num is not None else None
            if q is not None:
                out[kind] = q
        return out

    def lives_lost(self, verb: Token) -> Optional[Quantity]:
        """"... carried out an incursion into X. Nine civilians lost their lives.": a counted subject
        losing their lives, told as done and of no other cause, is a toll (round 11)."""
        if verb.lemma_.lower() != "lose" or not any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children):
            return None
        if self.finder.modality.of(verb) != "asserted" or any(t.lemma_.lower() in NON_VIOLENT_CAUSES for t in self.sent.span):
            return None
        dead = self.child(verb, "nsubj")
        num = next((t for t in dead.subtree if t.like_num or t.pos_ == "NUM"), None) if dead is not None else None
        if num is None or "of" in self.preps(dead):
            return None
        return parse_quantity(num.doc[num.left_edge.i:num.i + 1].text)

    def killed_there(self, verb: Token) -> Optional[Quantity]:
        """"Gunmen stormed the village of X. Five people were killed there": a passive toll pointing back
        by "there" (no place, no cause of its own) is the toll of the attack just told (round 11)."""
        if verb.lemma_.lower() != "kill" or verb.tag_ != "VBN" or not any(
                c.dep_ == "advmod" and c.lower_ == "there" for c in verb.children):
            return None
        if self.finder.modality.of(verb) != "asserted" or any(t.lemma_.lower() in NON_VIOLENT_CAUSES for t in self.sent.span) \
                or any(p in self.preps(verb) for p in ("in", "at", "near", "by")):
            return None
        dead = self.child(verb, "nsubjpass")
        num = next((t for t in dead.subtree if t.like_num or t.pos_ == "NUM"), None) if dead is not None else None
        if num is None or "of" in self.preps(dead):
            return None
        return parse_quantity(num.doc[num.left_edge.i:num.i + 1].text)

    @staticmethod
    def toll_verb(toll: Token) -> Optional[Token]:
        """The verb that gives a toll its figure: "the toll rose to 10", "raising the toll to 48"."""
        verb = toll.head
        if toll.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in TOLL_VERBS:
            return verb
        if toll.dep_ == "dobj" and verb.lemma_.lower() in RAISING_VERBS:
            return verb
        return None

    @staticmethod
    def toll_figure(verb: Token, toll: Token) -> Optional[Quantity]:
        nums = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at") for o in c.children
                if o.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dobj" and c.i != toll.i]
        for n in nums:
            if n.like_num or n.pos_ == "NUM":
                q = parse_quantity(n.doc[n.left_edge.i:n.i + 1].text)
                if q is not None:
                    return q
        return None

    def risen_toll(self, noun: Token) -> Optional[Quantity]:
        """"The death toll from X has risen to 10", "the toll in the attack reached 23", "the death
        toll of the bombing stands at 12", "raising the death toll in the attack to 48": the latest
        toll of the attack the noun tells."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("from", "in", "of") or noun.head.head.lemma_.lower() != "toll":
            return None
        toll = noun.head.head
        if any(c.lemma_.lower() in ("injury", "casualty") for c in toll.lefts):
            return None
        verb = self.toll_verb(toll)
        return self.toll_figure(verb, toll) if verb is not None else None

    def summary(self, noun: Token) -> bool:
        """"multiple attacks across X", "several bombings": several events summed up, each told (or
        not) on its own; no one event. ("a series of airstrikes in X that killed six" is one.)"""
        if noun.tag_ != "NNS":
            return False
        return any(c.dep_ == "amod" and c.lower_ in SUMMARY_WORDS for c in noun.children) or "across" in self.preps(noun)

    def fired_harmlessly(self, verb: Token) -> bool:
        """Firing that is no attack: into the air, warning shots, tear gas, flares, a salute."""
        if any(o.lemma_.lower() == "air" for o in self.preps(verb).get("into", [])):
            return True
        for o in (c for c in verb.children if c.dep_ == "dobj"):
            words = {o.lemma_.lower()} | {c.lower_ for c in o.lefts}
            if words & self.finder.t.harmless_fire:
                return True
        return False

    def claimed_toll(self, verb: Token) -> bool:
        """"X claimed (responsibility for) the attack, saying its fighters had killed 30 soldiers": the
        killing told in what the claimant says is the claimed attack's toll, not another attack."""
        said = verb.head if verb.dep_ in ("ccomp", "xcomp") else None
        if said is None or said.lemma_.lower() not in ("say", "add", "claim", "boast") or said.dep_ not in ("advcl", "conj"):
            return False
        claim = said.head
        if self.finder.t.base(claim) != "claim":
            return False
        objs = [c for c in claim.children if c.dep_ == "dobj"]
        objs += [o for c in objs for o in self.preps(c).get("for", [])]
        return any(o.lemma_.lower() == "responsibility" or self.finder.t.nouns.get(o.lemma_.lower()) == "Attack"
                   for o in objs)

    def tallied(self, noun: Token) -> bool:
        """"More than 2,000 people have been killed in attacks in X this year", "has carried out dozens
        of attacks": attacks counted up in a perfect-tense tally over a span, or by a vague number, are
        many events summed, not one (round 9; "12 have been killed in attacks on two bases" is news)."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in VAGUE_COUNTS:
            return True
        if any(c.dep_ in ("det", "nummod", "poss") for c in noun.children):
            return False
        verb = self.outcome_verb(noun)
        return verb is not None and self.finder.modality.habitual(verb)  # (perfect, over a span or since)

    def series(self, noun: Token) -> bool:
        """"blamed for a string of attacks in X", "the latest in a series of raids on Y": attacks
        told as a run, with no toll, time or place of one of them in the sentence, are background
        (each is told on its own, if at all). "a wave of airstrikes on X, killing nine" is one attack."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.lemma_.lower() not in SERIES_WORDS:
            return False
        return not self.times and not self.quants

    def generic(self, noun: Token) -> bool:
        """"Militant attacks usually take place in X": attacks in general, no event."""
        verb = noun.head
        if noun.tag_ != "NNS" or any(c.dep_ in ("det", "nummod", "poss") for c in noun.children):
            return False
        if noun.dep_ in ("nsubj", "dobj") and self.sent.index > 0 \
                and self.finder.modality.present_habit(verb, self.finder.t.base(verb)):
            return True  # "attacks on civilians are a crime", "the group carries out attacks in X" (round 9)
        return noun.dep_ == "nsubj" \
            and any(c.dep_ == "advmod" and c.lower_ in self.finder.modality.habitual_adverbs for c in verb.children)

    @staticmethod
    def tells_setting(verb: Token) -> bool:
        """"took place", "happened", "occurred", "(fighting) broke out": the verb only says where and when."""
        base = verb.lemma_.lower()
        return base in ("happen", "occur", "unfold", "erupt", "rage") or base == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children) or base == "break" and any(
            c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)

    @staticmethod
    def comparison(noun: Token) -> bool:
        """"It was the deadliest attack since March", "the worst attack on the army in months":
        a yardstick for an event told elsewhere, not an event of its own."""
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            return True
        return any(c.tag_ == "JJS" or c.lower_ == "most" for c in noun.lefts if c.dep_ in ("amod", "advmod")) \
            and not any(c.lower_ == "latest" for c in noun.lefts)
