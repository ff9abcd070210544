"""The rules of captures: the capture frame, tried captures, the holders and places it points back to.

Part of ``ctx._Ctx``; the captured places listed and the former holder are in ``capture_roles``.
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.dating import Strength
from kg.extract.events.frame import Frame
from kg.extract.events.words import ACTORS, ARMED, CONTROL_VERBS, FLAG_VERBS, PLACE_NOUNS, TOWN_NOUNS
from kg.extract.events.words import HOLDINGS as _HOLDINGS
from kg.extract.events_data import events_yaml
from kg.extract.mentions import NOT_SEIZED
from kg.extract.places import SPECIFIC, specificity
from kg.extract.timex import find_times


_R42 = events_yaml().get("r42_holdings", {})
HOLDINGS = _HOLDINGS | frozenset(_R42.get("nouns", []))  # round 42: "the camp"
HOLDING_PREPS = ("in", "of", "near", "around", "outside") + tuple(_R42.get("preps", []))  # round 42: "the base at X"
GUARDING_VERBS = frozenset(events_yaml().get("r47_guarding_sites", {}).get("verbs", []))  # round 47


def _plural_holding(tok) -> bool:
    """Round 39: a plural of a seized building or area that the lemmatiser does not bring back to it
    ("bases" read as "basis"): its singular is one of ``HOLDINGS``."""
    return tok.tag_ == "NNS" and tok.lemma_.lower() not in HOLDINGS and tok.lower_[:-1] in HOLDINGS


class CaptureRules:
    """Captures: the frame, its captor, holder and place."""

    # Capture ------------------------------------------------------------------
    def _capture(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        preps = self.noun_preps(tok) if nominal else self.preps(tok)  # (round 25: one reading of a noun)
        lemma = self.finder.t.base(tok) if not nominal else tok.lemma_.lower()
        captor_tok: Optional[Token] = None
        place_toks: list[Token] = []
        expelled: list[Token] = []
        if lemma == "fall":
            captor_tok = (preps.get("to") or [o2 for o in preps.get("into", []) for o2 in self.preps(o).get("of", [])]
                          or [None])[0]
            place_toks = [self.child(tok, "nsubj")] if not nominal else preps.get("of", [])[:1]
            if not nominal and place_toks == [None] and tok.dep_ in ("relcl", "acl"):
                head = tok.head  # "X was the first city to fall to Y": X
                place_toks = [self.child(head.head, "nsubj") if head.dep_ == "attr" else head]
        elif not nominal and lemma in self.finder.t.expel_verbs:
            captor_tok = self.subject(tok)  # "A drove B out of Y": A took Y from B
            place_toks = [self.expelled_from(tok)]
            ousted = self.child(tok, "dobj", "nsubjpass")
            expelled = self.expand(ousted) if ousted is not None else []
        elif nominal and self.mistagged_control_verb(tok) is not None:
            captor_tok = self.actor_before(self.mistagged_control_verb(tok))
            place_toks = list(preps.get("of", []))
        elif not nominal and self.held_since(tok):  # "from militants who have controlled it since September"
            captor_tok = tok.head
            place_toks = [self.child(tok, "dobj")]
        elif nominal and self.came_into_control(tok):  # "entered the town and were in control of it" (round 11)
            captor_tok = self.subject(tok.head.head)
            place_toks = self.controlled_place(tok)
        elif nominal and lemma == "control":  # "X has been under (Y) control (of Y) since T"
            verb = tok.head.head
            captor_tok = (preps.get("of") or [c for c in tok.children if c.dep_ in ("compound", "amod")] or [None])[0]
            place_toks = [self.child(verb, "nsubj")]
        elif not nominal and lemma == "clear":
            captor_tok = self.subject(tok)
            place_toks = [self.child(tok, "dobj")]
            cleared = self.cleared_of(tok)
            expelled = [cleared] if cleared is not None else []
        elif not nominal and lemma in ("lose", "cede"):  # "X lost control of Y (to Z)": Z took Y from X
            ctrl = next(c for c in tok.children if c.dep_ == "dobj" and c.lemma_ == "control")
            place_toks = list(self.preps(ctrl).get("of", []))
            captor_tok = (preps.get("to") or [None])[0]
            loser = self.subject(tok)
            expelled = self.expand(loser) if loser is not None else []
        elif not nominal and lemma in FLAG_VERBS:
            captor_tok = self.subject(tok)
            place_toks = [o for p in ("over", "above", "in", "on") for o in preps.get(p, [])][:1]
        elif nominal:
            captor_tok = self.poss_or_by(tok)
            place_toks = list(preps.get("of", []))
            # "the capture of X in October and of Y and Z in November": the parser hangs the
            # second "of" on the first, on "by" or on "in"; it stays inside the trigger's phrase.
            for t in tok.subtree:
                if t.lower_ == "of" and t.dep_ == "conj":
                    place_toks += [o for o in t.children if o.dep_ == "pobj"]
        else:
            if lemma == "take" and any(c.lower_ in NOT_SEIZED or c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
                return  # "taken to hospital", "took part", "took hostages", "have taken up new positions"
            captor_tok = self.subject(tok)
            obj = self.child(tok, "dobj", "nsubjpass")
            if obj is not None and obj.lemma_.lower() in self.finder.t.idiom_objects:
                return  # "took advantage of a coup in X", "seized the initiative": no place taken
            if obj is None and tok.dep_ == "conj" and tok.tag_ == "VBN":
                obj = self.child(tok.head, "nsubjpass")  # "X was captured by A ... and retaken by B"
            if obj is None and tok.dep_ in ("attr", "acomp"):
                obj = self.child(tok.head, "nsubj")  # "X was overrun" parsed as a copula
            if obj is None and tok.dep_ == "relcl" and tok.head.lemma_.lower() in TOWN_NOUNS:
                obj = tok.head  # "two towns that X captured": the towns (round 13)
            if lemma in CONTROL_VERBS and obj is not None and obj.lemma_ == "control":
                obj = (self.preps(obj).get("of") or preps.get("of") or [None])[0]  # (the parser may hang "of X" on the verb)
            place_toks = [obj] if obj is not None else []
        places: list[tuple[str, int]] = []
        place_toks = [self.relative_head(p) for p in place_toks if p is not None]
        for pt in place_toks:
            for t in self.expand(pt):
                eid = self.entity(t, ("Location",))
                if eid is None and not nominal and self.held_since(tok) and self.holder_of_the_retaken(tok) is not None \
                        and t.i == pt.i:
                    eid = self.holder_of_the_retaken(tok)  # "ISIL, which has held the city since May" (round 12)
                if eid is None and not nominal and t.lower_ == "it" and t.pos_ == "PRON":
                    eid = (self.place_told_before(t) if self.held_since(tok)  # "retook Y from X, who had held it since"
                           else self.place_it_points_to())  # "X seized Y in 2014. Z retook it in 2017."
                if nominal and self.described(t):
                    eid = self.captured_before() or eid  # "described the capture of the rebel stronghold as ..."
                if eid is None and t.lemma_.lower() in HOLDINGS:
                    eid = self.holding_place(t)  # "seized a prosecutor's office in X"
                elif eid is None and _plural_holding(t) and not self.these_places(t):
                    eid = self.holding_place(t, stop_at_clause=True)  # round 39: "seized several bases of armed
                    # gangs in X" (not "overran the bases in these towns": the towns listed before, below; nor
                    # "took over several bases including one near X": X is where one of them is)
                if eid is None:
                    for town in self.these_places(t):  # "attacks on A, B and C ... overran the bases in these towns"
                        places.append((town, self.sent.char(t)))
                if eid is None and not nominal:
                    places += self.included_places(t)  # "took over four towns including X" (round 12)
                if eid is None and not nominal and t.i == pt.i:
                    places += self.towns_named_next(tok, t)  # "retook two towns that X captured" (round 13)
                if eid is None and t.i == pt.i:
                    eid = self.capital_described(t)  # "recaptured the X state capital" (round 12)
                if eid:
                    places.append((eid, self.sent.char(t)))
            places += self.listed_places(tok, pt, [p for p, _ in places])
        if not places and (not nominal or self.came_into_control(tok)):
            for pt in place_toks:  # "stormed the city hall in X ..., and police retook the building"
                if (pt.lemma_.lower() in HOLDINGS or nominal and pt.lemma_.lower() in TOWN_NOUNS) and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                          for c in pt.children):
                    eid = self.place_told_before(tok)
                    if eid is None and pt.lemma_.lower() not in TOWN_NOUNS:
                        eid = self.site_told_before(pt)  # round 42: "... the army base at X. The base was retaken"
                    if eid is None and pt.lemma_.lower() not in TOWN_NOUNS:
                        eid = self.place_it_guards(pt)  # round 47: "the last army base guarding the approach to X"
                    if eid:
                        places.append((eid, self.sent.char(pt)))
        if not places:
            return
        captors = [self.entity(t, ARMED, modifiers=True) for t in self.expand(captor_tok)] if captor_tok is not None else []
        captors = [c for c in dict.fromkeys(captors) if c]
        if not captors and captor_tok is not None and self.group_of(captor_tok):
            captors = [self.group_of(captor_tok)]  # "the group's fighters also took Y" (round 11)
        if not captors and captor_tok is not None and self.group_by_kind(captor_tok):
            captors = [self.group_by_kind(captor_tok)]  # "rebels seized X", the group named before (round 13)
        former = [self.entity(o, ARMED + ("Organization",), modifiers=True) or self.group_by_kind(o)
                  for o in (expelled or preps.get("from", []))]  # "from rebels": the group named before (round 13)
        for pt in place_toks:  # "took the X rebels' headquarters town, Y", "the X security headquarters"
            for c in pt.children:
                if (c.dep_ == "poss" or c.dep_ == "compound" and pt.lemma_.lower() in HOLDINGS) \
                        and self.kind(self.res.entity_at(c)) in ("ArmedGroup", "ArmedForce"):
                    former.append(self.res.entity_at(c))
        former += self.former_in_sentence()
        former += self.holders_named(place_toks)
        supporters = self.supporters(tok, captor_tok)
        if nominal and len(places) >= 2:  # "..., both of which had been held by X", "..., both with Y support"
            last = max(places, key=lambda p: p[1])[1]  # (round 25: what a list told by one noun shares)
            verb, tail = self.both_tail(next(t for t in self.sent.span if self.sent.char(t) >= last))
            held = tail.get("by", []) if verb in self.finder.t.held_verbs else []
            for o in held + tail.get("from", []):
                former.append(self.entity(o, ARMED + ("Organization",), modifiers=True) or self.group_by_kind(o))
            for o in tail.get("with", []):
                if o.lemma_.lower() in self.finder.t.support_nouns:
                    supporters += [e for c in o.subtree for e in [self.res.entity_at(c)]
                                   if e and self.kind(e) in ACTORS and e not in supporters]
        for eid, anchor in places:
            f = self.new("Capture", tok, nominal)
            f.add("place", eid)
            for c in captors:
                f.add("captor", c)
            for x in former:
                if x not in captors:
                    f.add("former", x)
            for s in supporters:
                if s not in captors:
                    f.add("supporter", s)
            f.anchor = anchor
            f = self.finish(f)
            if nominal and lemma == "control" or not nominal and self.held_since(tok):  # "under Y's control since T": Y took it at T
                since = [t for t in find_times(self.sent.text, self.published) if t.relation == "after"]
                f.date = since[0].value if since else f.date
                f.background = not nominal  # (the earlier capture, never the retaking it is told in)
            if not nominal and tok.dep_ == "relcl" and tok.head.lemma_.lower() in TOWN_NOUNS \
                    and self.trigger_type(tok.head.head)[0] == "Capture":
                f.background = True  # "retook two towns that X captured": X's capture came first (round 13)
            if nominal and self.came_into_control(tok) and f.date_strength < Strength.ATTACHED:
                by = [t for t in find_times(self.sent.text, self.published) if t.relation == "before"]
                f.date = by[0].value if by else f.date  # "by Monday evening they were in control of X" (round 11)
            tried = self.tried(tok)
            if tried is not None:
                f = self.attempt_as_attack(f, tried)  # "militants tried to seize the town of X" (round 12)
            yield f

    def tried(self, verb: Token) -> Optional[Token]:
        """"Militants tried (attempted) to seize the town of X", in the past: a capture tried and
        not told as done is an attack on the place (the fighting happened; the taking did not).
        Returns the verb of trying; none for "will try", "may try" or "tried several times" (a
        run of attempts, no one event)."""
        head = verb.head
        if verb.dep_ != "xcomp" or head.pos_ != "VERB" or self.finder.t.base(head) not in ("try", "attempt") \
                or head.tag_ != "VBD" or any(c.dep_ == "neg" for c in head.children):
            return None
        if any(c.dep_ in ("npadvmod", "dobj", "advmod") and c.right_edge.lower_ == "times" for c in head.children):
            return None
        return head

    def attempt_as_attack(self, f: Frame, tried: Token) -> Frame:
        """The attack a tried capture tells: the would-be captor attacks, at the place, with the
        modality and date of the trying."""
        a = Frame(type="Attack", trigger=f.trigger, sentence=f.sentence, nominal=False)
        a.modality = self.finder.modality.of(tried)
        for c in f.roles.get("captor", []):
            a.add("perpetrator", c)
        for e in f.roles.get("place", []):
            a.add("location", e)
        a.anchor, a.date, a.date_strength, a.distinct = f.anchor, f.date, f.date_strength, f.distinct
        return a

    def holders_named(self, place_toks: list[Token]) -> list[str]:
        """Who held a captured place, as the capture's own phrase tells it (round 9): "captured A and
        B, X's main strongholds", "Y, one of the last strongholds of X", "the capital of X" (the
        holder is the stronghold's owner); "the Eritrean town of Y" (a state's town, held by its
        forces, when they are the one force of that state the report names, else by the state)."""
        out: list[str] = []
        for pt in place_toks:
            words = [t for w in self.expand(pt) for t in [w, *self.preps(w).get("of", [])]]
            for w in words:
                for ap in (c for c in w.children if c.dep_ == "appos"):
                    held = [ap] + ([o for o in self.preps(ap).get("of", [])] if ap.lower_ == "one" else [])
                    for h in held:
                        if h.lemma_.lower() not in self.finder.t.stronghold_nouns:
                            continue
                        for owner in [c for c in h.children if c.dep_ == "poss"] + self.preps(h).get("of", []):
                            eid = self.entity(owner, ARMED + ("Organization",), modifiers=True)
                            if eid:
                                out.append(eid)
            for rel in (c for w in self.expand(pt) for c in w.children if c.dep_ == "relcl"
                        and c.lemma_.lower() in ("hold", "control", "occupy")):
                for o in self.preps(rel).get("by", []) + [a for c in rel.children if c.dep_ == "agent" for a in c.children]:
                    eid = self.entity(o, ARMED, modifiers=True)  # "X, which had been held by Y since 2008" (round 11)
                    if eid:
                        out.append(eid)
            if pt.lemma_.lower() in TOWN_NOUNS and self.preps(pt).get("of"):
                for c in pt.children:
                    if c.dep_ == "amod" and c.ent_type_ == "NORP":
                        eid = self.state_of(c.text)
                        if eid:
                            out.append(eid)
        return out

    def these_places(self, noun: Token) -> list[str]:
        """"these towns", "the bases in these towns": the towns the sentence listed before."""
        verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else noun  # (the parse may hang "in ..." on the verb)
        for t in [noun] + self.preps(noun).get("in", []) + self.preps(verb).get("in", []):
            if t.tag_ == "NNS" and t.lemma_.lower() in PLACE_NOUNS and any(
                    c.dep_ == "det" and c.lower_ in ("these", "those") for c in t.children):
                found = [self.res.entity_at(w) for w in self.sent.span.doc[self.body_start:t.i]]  # (no dateline: round 47)
                return list(dict.fromkeys(e for e in found if e and self.kind(e) == "Location"))
        return []

    @staticmethod
    def described(tok: Token) -> bool:
        """"the rebel stronghold", "the town": a place given by a definite description, not a name."""
        return tok.pos_ == "NOUN" and tok.lemma_.lower() in PLACE_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)

    def captured_before(self) -> Optional[str]:
        """The place of the latest capture told as done before this sentence: "the capture of the
        stronghold" tells that capture again."""
        for f in reversed(self.told):
            if f.type == "Capture" and f.modality == "asserted" and f.roles.get("place") \
                    and f.sentence.index < self.sent.index:
                return f.roles["place"][0]
        return None

    def place_it_points_to(self) -> Optional[str]:
        """"it" taken or lost in a sentence that names no place before it: the place of the capture
        told in the two sentences before ("Rebels captured X on Friday. The army recaptured it two days
        later."), else the one town or site the sentence before names ("Gunmen attacked the town of X.
        They held it for a day.")."""
        for f in reversed(self.told):
            if f.sentence.index < self.sent.index - 2:
                break
            if f.type == "Capture" and f.modality == "asserted" and f.roles.get("place") \
                    and f.sentence.index < self.sent.index:
                return f.roles["place"][0]
        named = [e for e in dict.fromkeys(self.earlier[-1] if self.earlier else [])
                 if self.kind(e) == "Location" and specificity(e, self.res) >= SPECIFIC]
        return named[0] if len(named) == 1 else None

    def town_told_before(self) -> Optional[str]:
        """"the town" of a sentence that names none: the town or site of the attack or capture told in
        this sentence or the two before, else the one town the sentence before names."""
        for f in reversed(self.told):
            if f.sentence.index < self.sent.index - 2:
                break
            if f.type in ("Attack", "Capture") and f.modality == "asserted":
                fine = [e for e in f.roles.get("location", []) + f.roles.get("place", [])
                        if specificity(e, self.res) >= SPECIFIC]
                if fine:
                    return fine[0]
        named = [e for e in dict.fromkeys(self.earlier[-1] if self.earlier else [])
                 if self.kind(e) == "Location" and specificity(e, self.res) >= SPECIFIC]
        return named[0] if len(named) == 1 else None

    def place_told_before(self, tok: Token) -> Optional[str]:
        """The place named last before a definite "the building", "the base" in its sentence; never the dateline's
        ("CITY, Country, April 6 (Wire) - Rebels said they had overrun the last army base guarding X": the
        dateline tells where the reporter stood, not a place told before the base; round 47)."""
        for t in reversed(list(tok.doc[self.body_start:tok.i])):
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) == "Location":
                return eid
        return None

    def place_it_guards(self, noun: Token) -> Optional[str]:
        """Round 47: the place a definite site is told by guarding ("the base guarding the western approach to X",
        "the camp overlooking X"): the first specific place in the phrase of a participle of guarding hung on the
        noun (kg/data/events.yaml ``r47_guarding_sites``); none when the phrase names none."""
        for c in noun.children:
            if c.dep_ not in ("acl", "relcl") or c.tag_ != "VBG" or c.lemma_.lower() not in GUARDING_VERBS:
                continue
            for t in c.subtree:
                eid = self.res.entity_at(t)
                if t.i > c.i and eid and self.kind(eid) == "Location" and specificity(eid, self.res) >= SPECIFIC:
                    return eid
        return None

    def site_told_before(self, noun: Token) -> Optional[str]:
        """Round 42: "the base", "the camp" of a sentence that names no place before it is the site told by the same
        noun in the two sentences before, where that telling names its place ("overran the army base at X on
        Tuesday. The base was retaken on Saturday"; "the X camp"); none when the noun was told with no place."""
        lemma = noun.lemma_.lower()
        for sent in reversed(self.before):
            for t in reversed(list(sent.span)):
                if t.pos_ == "NOUN" and t.lemma_.lower() == lemma:
                    named = [self.res.entity_at(c) for c in t.lefts if c.dep_ in ("compound", "nmod", "poss")]
                    named = [e for e in named if e and self.kind(e) == "Location"]
                    eid = named[0] if named else self.site_place(t, sent)
                    return eid if eid and specificity(eid, self.res) >= SPECIFIC else None
        return None

    def site_place(self, noun: Token, sent) -> Optional[str]:
        """The first place named within five words of a place preposition after ``noun`` in ``sent`` (another
        sentence than this one), up to the next verb."""
        doc, end = noun.doc, min(noun.right_edge.i + 5, sent.span.end)
        for i in range(noun.i + 1, end):
            t = doc[i]
            if t.pos_ in ("VERB", "AUX") or t.text in (";", ":"):
                return None
            if t.lower_ in HOLDING_PREPS and t.pos_ == "ADP":
                for j in range(i + 1, min(i + 6, end)):
                    eid = self.res.entity_at(doc[j])
                    if eid and self.kind(eid) == "Location":
                        return eid
                    if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in (",", ";"):
                        break
        return None

    def holding_place(self, noun: Token, stop_at_clause: bool = False) -> Optional[str]:
        """The place a seized building or area lies in: "several districts in the capital X",
        "the navy headquarters in the port of X", "areas of X" (the parse may hang X elsewhere);
        with ``stop_at_clause``, none past a verb ("bases including one near X")."""
        end = min(noun.right_edge.i + 5, self.sent.span.end)
        return self.locative_after(noun, end, HOLDING_PREPS, stop_at_clause=stop_at_clause)
