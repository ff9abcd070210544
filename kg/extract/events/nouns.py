"""Round 25: one reading of an event noun's own dependents, the same for every event type.

Each type's rule reads a noun's prepositions for its roles ("by" and the possessive the agent, "of"
the patient or place, "on"/"against" the target, "in"/"at"/"near" the place, "with"/"between" the
parties of a meeting). What the parser gives as the noun's prepositions is not always what the
text hangs on the noun; ``noun_preps`` repairs three misreadings that are the same for every
type, so each rule reads the same prepositions from it:

- a preposition hung on the noun's "by" object that names a place ("the recapture by X forces of
  Y", parsed with "of Y" on the forces) belongs to the noun;
- a noun conjoined with another event noun and left with a bare preposition ("the attack on and
  seizure of Y by X in May") shares the other noun's object and its "by", place and time phrases;
- the noun's phrases hung on the verb whose object it is ("followed the recapture by X of Y from Z
  in August and of W earlier this month") are the noun's.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.extract.events_data import events_yaml

#: The prepositions that can run on from an event noun to tell its agent, patient, place or time.
NOUN_PREPS = ("by", "of", "from", "in", "on", "at", "near", "against", "between", "with")
#: Round 50: participles of carrying out whose "by" and place phrases are the event noun's (events.yaml).
CARRYING = frozenset(events_yaml().get("r50_carrying_participles") or [])
#: The prepositions a noun conjoined with another event noun shares with it (its own come first).
SHARED_PREPS = ("by", "of", "in", "at", "near", "on", "against", "from", "between", "with")


class NounReading:
    """The prepositions of an event noun, as the text hangs them on it (see the module)."""

    def noun_preps(self, tok: Token) -> dict[str, list[Token]]:
        preps = self.preps(tok)
        self._from_carrying_participle(tok, preps)
        self._from_governing_verb(tok, preps)
        self._lift_from_agent(tok, preps)
        self._lift_from_place(preps)
        self._share_with_conjunct(tok, preps)
        return preps

    def _from_governing_verb(self, tok: Token, preps: dict[str, list[Token]]) -> None:
        """"followed the recapture by X forces of Y from Z in August": the parser hangs the noun's
        phrases on the verb whose object it is. A noun with no phrase of its own takes the verb's
        prepositions that run on from its own last word, up to the first comma."""
        if preps or tok.dep_ != "dobj" or tok.head.pos_ != "VERB" or self.trigger_type(tok.head)[0] is not None:
            return
        verb, end = tok.head, tok.i + 1
        own = sorted((c for c in verb.children if c.dep_ in ("prep", "agent") and c.i > tok.i), key=lambda c: c.i)
        for c in own:
            if c.i != end or c.lower_ not in NOUN_PREPS:
                break
            for p, objs in self.preps(verb).items():
                for o in objs:
                    if o.head.i == c.i or o.head.head.i == c.i:
                        preps.setdefault(p, []).append(o)
            end = c.right_edge.i + 1

    def _from_carrying_participle(self, tok: Token, preps: dict[str, list[Token]]) -> None:
        """Round 50: "the massacre committed by X at Y on Saturday night", "the attack carried out by X near Y": a
        participle of carrying out (events.yaml ``r50_carrying_participles``) hung on the noun carries the noun's
        "by" and place phrases; the noun takes those it has none of."""
        for c in tok.children:
            if c.dep_ != "acl" or c.tag_ != "VBN" or c.lemma_.lower() not in CARRYING:
                continue
            own = self.preps(c)
            if not own.get("by"):
                continue
            for p in ("by", "in", "at", "near"):
                if own.get(p) and not preps.get(p):
                    preps[p] = list(own[p])

    def _lift_from_agent(self, tok: Token, preps: dict[str, list[Token]]) -> None:
        """"the recapture by X forces of Y": "of Y" parsed on the forces, Y a place."""
        for agent in preps.get("by", []):
            for o in self.preps(agent).get("of", []):
                if self.kind(self.res.entity_at(o)) == "Location" and o not in preps.get("of", []):
                    preps.setdefault("of", []).insert(0, o)

    def sharing_conjunct(self, tok: Token) -> Optional[Token]:
        """The event noun whose object and phrases ``tok`` shares: "the attack on and seizure of Y",
        ``tok`` left with a bare preposition and conjoined with another event noun."""
        if not self.bare_preps(tok):
            return None
        return self.conjoined_event_noun(tok)

    @staticmethod
    def bare_preps(tok: Token) -> list[Token]:
        """The prepositions left with no object right after ``tok`` ("the attack on and ...")."""
        out = [c for c in tok.children if c.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if not out and nxt is not None and nxt.pos_ == "ADP" and nxt.head.i != tok.i \
                and not any(g.dep_ in ("pobj", "pcomp") for g in nxt.children):
            out = [nxt]
        return out

    def _lift_from_place(self, preps: dict[str, list[Token]]) -> None:
        """"the recapture of Y from X", parsed with "from X" (or "by X") on the place Y: a named place
        takes no "from" or "by" of its own, so they are the noun's."""
        for o in list(preps.get("of", [])):
            if self.kind(self.res.entity_at(o)) != "Location":
                continue
            for p, objs in self.preps(o).items():
                if p in ("from", "by") and not preps.get(p):
                    preps[p] = list(objs)

    def _share_with_conjunct(self, tok: Token, preps: dict[str, list[Token]]) -> None:
        """"the attack on and seizure of Y by X": the attack's bare "on" takes Y, and the phrases
        of the seizure (by, in, at, near) are the attack's too."""
        other = self.sharing_conjunct(tok)
        if other is None:
            return
        bare = self.bare_preps(tok)
        theirs = self.preps(other)
        objects = (theirs.get("of") or theirs.get(bare[0].lower_) or [])[:1]
        for b in bare:
            preps.setdefault(b.lower_, []).extend(objects)
        for p in SHARED_PREPS:
            if p != "of" and p not in preps and theirs.get(p):
                preps[p] = list(theirs[p])

    def conjoined_event_noun(self, tok: Token) -> Optional[Token]:
        """The event noun conjoined after ``tok`` ("the attack on and seizure of Y"), if any: by the
        parse, or by the words "<noun> <preposition> and <event noun>" when the parser hung both
        elsewhere."""
        other = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                      and self.trigger_type(c)[0] is not None), None)
        if other is not None or tok.i + 3 >= len(tok.doc):
            return other
        p, cc, noun = tok.doc[tok.i + 1], tok.doc[tok.i + 2], tok.doc[tok.i + 3]
        if p.pos_ == "ADP" and not any(g.dep_ in ("pobj", "pcomp") for g in p.children) and cc.lower_ in ("and", "or") \
                and noun.pos_ == "NOUN" and self.trigger_type(noun)[0] is not None:
            return noun
        return None

    def listed_times(self, tok: Token) -> list[Token]:
        """"suicide bombings in June, August and December", "meetings on Monday and Friday": the
        listed times hung on a plural event noun (each the time of one event), two or more; else none."""
        if tok.tag_ != "NNS":
            return []
        preps = self.noun_preps(tok)
        for p in ("in", "on"):
            for o in preps.get(p, []):
                if o.ent_type_ != "DATE":
                    continue
                times = [o] + [c for c in o.conjuncts if c.i > o.i and c.ent_type_ == "DATE"]
                if len(times) < 2:
                    times = self.times_listed_after(o)
                if len(times) >= 2:
                    return times
        return []

    @staticmethod
    def times_listed_after(first: Token) -> list[Token]:
        """"in June, August, and December": the list read by its words (the parser may hang the
        later times anywhere): each time starting after a comma or "and" that follows the first."""
        out, i, doc = [first], first.i + 1, first.doc
        while i < len(doc) and doc[i].ent_type_ == "DATE" and doc[i].ent_iob_ == "I":
            i += 1  # (the rest of the first time)
        while i < len(doc):
            t = doc[i]
            if t.text == "," or t.lower_ in ("and", "or"):
                i += 1
                continue
            if t.ent_type_ == "DATE" and t.ent_iob_ == "B" and doc[i - 1] is not first and (
                    doc[i - 1].text == "," or doc[i - 1].lower_ in ("and", "or")):
                out.append(t)
                i += 1
                while i < len(doc) and doc[i].ent_type_ == "DATE" and doc[i].ent_iob_ == "I":
                    i += 1
                continue
            break
        return out

    def includer_agent(self, noun: Token) -> Optional[Token]:
        """"X has carried out assaults on A before, including the attacks on B and on C", "months of
        X advances, including the seizure of B", "brought X a string of gains, including the capture
        of B": an event noun listed after "including" shares the agent of what includes it (its
        possessor or named modifier, the subject of its verb, or the one the gains were brought to)."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "including":
            return None
        host = noun.head.head
        if host.pos_ in ("VERB", "AUX") and host.dep_ not in ("pobj", "dobj", "nsubj"):
            # the subject of a verb that carries events ("carried out"), not of one that suffers them
            return self.subject(host) if self.finder.t.base(host) in self.finder.t.light_verbs else None
        for c in host.children:
            if c.dep_ in ("poss", "compound") and self.kind(self.res.entity_at(c)) in ("ArmedGroup", "ArmedForce", "Country"):
                return c
        by = self.preps(host).get("by")
        if by:
            return by[0]
        while host.dep_ == "pobj" and host.head.lower_ == "of" and host.head.head.pos_ == "NOUN":
            host = host.head.head  # "a string of gains"
        if host.dep_ == "dobj":
            return self.child(host.head, "dative")
        return None

    def elliptical_objects(self, tok: Token, p: str) -> list[Token]:
        """"the attacks on A in January and on B in March", "the capture of A in May and of B in
        August": the objects of the noun's preposition ``p`` and of the same preposition repeated
        after "and" in the noun's phrase (wherever the parser hung it), in order; empty when the
        preposition is not repeated."""
        own = self.noun_preps(tok).get(p, [])
        again = [o for t in tok.subtree if t.lower_ == p and t.dep_ == "conj" and t.pos_ == "ADP"
                 for o in t.children if o.dep_ == "pobj"]
        if not own or not again:
            return []
        return sorted(dict.fromkeys(own[:1] + again), key=lambda o: o.i)

    def both_tail(self, last: Token) -> tuple[Optional[str], dict[str, list[Token]]]:
        """", both of which had been held by X", ", both with coalition support", ", both of them
        against X" after the last item of a list of events told by one noun: what the list shares,
        as the verb of the "both" clause (if any) and its prepositions. The parser hangs the phrase
        anywhere, so it is found by the words: "both" after a comma, with no verb and no other
        event word between the last item and it."""
        doc = last.doc
        end = min(last.i + 10, self.sent.span.end)
        both = next((t for t in doc[last.i + 1:end] if t.lower_ == "both"), None)
        if both is None or doc[both.i - 1].text != ",":
            return None, {}
        if any(t.pos_ in ("VERB", "AUX") or self.trigger_type(t)[0] is not None for t in doc[last.i + 1:both.i]):
            return None, {}
        if both.dep_ in ("nsubj", "nsubjpass") and both.head.pos_ == "VERB":
            return self.finder.t.base(both.head), self.preps(both.head)
        if both.dep_ == "preconj" and both.head.pos_ == "ADP":
            return None, {both.head.lower_: [o for o in both.head.children if o.dep_ == "pobj"]}
        return None, self.preps(both)

    def involved_agent(self, noun: Token) -> Optional[Token]:
        """"X's military involvement in the attack", "X's role in the capture of Y": the possessor of
        a noun of taking part (events.yaml ``part_nouns``) whose "in" is the event noun; and the
        second of "the attack on and seizure of Y" shares the first's (round 25)."""
        first = self.first_of_pair(noun)
        if first is not None:
            noun = first
        if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.head.head.lemma_.lower() not in self.finder.t.part_nouns:
            return None
        return self.child(noun.head.head, "poss")

    def first_of_pair(self, tok: Token) -> Optional[Token]:
        """The event noun of "<noun> <bare preposition> and <tok>" ("the attack on and seizure of Y")."""
        if tok.i < 3:
            return None
        first = tok.doc[tok.i - 3]
        return first if self.sharing_conjunct(first) is not None and self.conjoined_event_noun(first) == tok else None
