"""Which word opens which frame: the sentence loop, the event type of a trigger, withdrawals.

Part of ``ctx._Ctx``; the rules of each type are in ``deployments``, ``attacks``, ``captures``,
``meetings``, ``statements``.
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import VERB
from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events.triggers import _not_deployment, troops_moving
from kg.extract.events.words import (
    ADVANCE_VERBS,
    ARMED,
    CONTROL_VERBS,
    EXCHANGED_FIRE,
    FLAG_VERBS,
    LOSS_NOUNS,
    SEPARATE,
    STATION_FORMS,
    TOWN_NOUNS,
    TROOP_OBJECTS,
    WEAPONS,
    WITHDRAW_VERBS,
)
from kg.extract.events_data import events_yaml
from kg.extract.places import SPECIFIC, specificity

#: round 50: verbs of moving into a place its holder left (events.yaml r50_entered_after)
ENTERING_VERBS = frozenset(events_yaml().get("r50_entered_after") or [])


class Opening:
    """The frames of a sentence: which trigger opens which event type, and the frame's common finish."""

    # ----- frames
    def frames(self) -> Iterable[Frame]:
        for tok in self.frame_words():
            left = self.withdrawal(tok)
            if left is not None:
                yield left
                continue
            etype, nominal = self.trigger_type(tok)
            if etype is None:
                continue
            if etype in ("Attack", "Deployment") and self.finder.modality.ongoing(tok):
                continue  # "continued its offensive", "continues to send troops": a campaign, no one event
            if etype in ("Attack", "Capture", "Meeting") and not nominal and self.sent.index > 0 \
                    and self.finder.modality.present_habit(tok, self.finder.t.base(tok)):
                continue  # "the militants often attack convoys" (a headline's present tells the news)
            if etype in ("Attack", "Capture") and not nominal and self.finder.modality.campaign(tok):
                continue  # "has been seizing areas in X": a campaign going on (round 12)
            if nominal and etype in ("Attack", "Deployment") and self.owned_campaign(tok):
                continue  # "problems like X's invasion of Y": a war named, no one event (round 24)
            yield from getattr(self, f"_{etype.lower()}")(tok, nominal)

    @staticmethod
    def of_fire(noun: Token) -> bool:
        """Round 24: "an artillery exchange", "an exchange of fire", "a gunfire exchange": the noun
        qualified by what is fired (not "a prisoner exchange")."""
        words = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
        words += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        return any(w.lemma_.lower() in EXCHANGED_FIRE or w.lower_ in EXCHANGED_FIRE for w in words)

    def owned_campaign(self, tok: Token) -> bool:
        """Round 24: "global problems like X's invasion of Y", "the logistics hub for X's offensive in
        Z", "his incursion into Y was meant to protect ...": a campaign noun (events.yaml
        ``campaign_nouns``) told by its owner, with no date or time in its own phrase, that no light
        verb carries ("X launched its offensive") and that is no clause's subject ("X's offensive
        killed 20"), names a war or campaign as background or topic, not one event."""
        if tok.lemma_.lower() not in self.finder.t.campaign_nouns or not any(c.dep_ == "poss" for c in tok.children) \
                or tok.dep_ == "nsubj" or self.light_verb(tok) is not None:
            return False
        own = list(tok.subtree)
        after = tok.right_edge.i + 1  # "X's invasion of Y in February 1983", the time hung on the verb: its own still
        if after < self.sent.span.end and (tok.doc[after].pos_ == "ADP" or tok.doc[after].ent_type_ in ("DATE", "TIME")):
            own += list(tok.doc[after].subtree)
        return not any(t.ent_type_ in ("DATE", "TIME") for t in own)

    def frame_words(self) -> list[Token]:
        """The words of the sentence that may open a frame, in order: a verb, a form of a verb the
        rules name (a participle read as a noun), a word whose lemma is a trigger or raid noun or
        "control", "fire" or a stationing form. For any other word ``withdrawal`` gives None (no
        verb) and ``trigger_type`` (None, False) before its first rule, so ``frames`` skips it; read
        from the sentence's arrays of ints, without making a Token of each word."""
        cache = getattr(self.finder, "_frame_word_cache", None)
        if cache is None:  # (the finder's trigger words do not change: hashed once)
            t = self.finder.t
            lowers = frozenset(hash_string(w) for w in (*t.forms, "fire", *STATION_FORMS))
            cache = (lowers, frozenset((*t.nouns, *t.raid_nouns, *t.fire_nouns, "control")), {})
            self.finder._frame_word_cache = cache
        lowers, lemma_words, lemma_ok = cache
        span = self.sent.span
        doc = span.doc
        strings = doc.vocab.strings
        out: list[Token] = []
        # (the paragraph Doc's arrays, cut to the sentence: Span.to_array costs ten times as much)
        for i, (pos, lower, lemma) in enumerate(doc.to_array([POS, LOWER, LEMMA])[span.start:span.end].tolist(),
                                                start=span.start):
            if pos != VERB and lower not in lowers:
                ok = lemma_ok.get(lemma)
                if ok is None:  # (tok.lemma_.lower() of a lemma, asked once per lemma)
                    ok = lemma_ok[lemma] = strings[lemma].lower() in lemma_words
                if not ok:
                    continue
            out.append(doc[i])
        return out

    def withdrawal(self, tok: Token) -> Optional[Frame]:
        """"Government troops withdrew from X", "X, where the army withdrew", "the rebels abandoned
        X": an armed actor leaving a town gives it up; the town changes hands (the one who took it
        is the other armed actor of the sentence pushing in or entering, if any)."""
        if tok.pos_ != "VERB":
            return None
        verb = self.finder.t.base(tok)
        if verb not in WITHDRAW_VERBS or verb == "pull" and not any(
                c.dep_ == "prt" and c.lower_ in ("back", "out") for c in tok.children):
            return None
        subj = self.subject(tok)
        former = self.entity(subj, ("ArmedForce", "ArmedGroup"), modifiers=True) if subj is not None else None
        if former is None and subj is not None and self.child(tok, "dobj") is not None \
                and self.child(tok, "dobj").lemma_.lower() in TROOP_OBJECTS:
            former = self.entity(subj, ("Country",))  # round 50: "Israel withdrew its soldiers from the town of X"
        if former is None:
            return None
        preps = self.preps(tok)
        places = preps.get("from", []) + preps.get("out", [])
        if verb in ("abandon", "evacuate"):
            places += [c for c in tok.children if c.dep_ == "dobj"]
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            places.append(tok.head)  # "the village of X, where troops withdrew"
        place = next((e for o in places for e in [self.entity(o, ("Location",))] if e), None)
        if place is None and any(o.lemma_.lower() in TOWN_NOUNS and self.child(o, "det") is not None
                                 and self.child(o, "det").lower_ == "the" for o in places):
            place = self.town_told_before()  # "rebels retreated from the town" (round 9)
        if place is None:
            return None
        f = self.new("Capture", tok, False)
        f.add("place", place)
        f.add("former", former)
        for t in self.sent.span:  # "... after Russian troops pushed into its streets"
            eid = self.res.entity_at(t)
            if eid and eid != former and self.kind(eid) in ("ArmedForce", "ArmedGroup") and t.dep_ == "nsubj" \
                    and self.finder.t.base(t.head) in ADVANCE_VERBS:
                f.add("captor", eid)
                break
        for c in tok.children:  # "withdrew from X, leaving the town to the Y group": Y took it (round 11)
            if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in ("leave", "hand", "cede") and not f.filled("captor"):
                for o in self.preps(c).get("to", []):
                    eid = self.entity(o, ("ArmedForce", "ArmedGroup"), modifiers=True)
                    if eid and eid != former:
                        f.add("captor", eid)
        if not f.filled("captor"):  # round 50: "X withdrew from the town of Y. Shortly after, Z guerrillas entered the town"
            f.add("captor", self.entered_after(place, former))
        if not f.filled("captor"):  # "troops assaulted X. The rebels withdrew from the town": the attacker took it
            for g in reversed(self.told):
                if g.sentence.index < self.sent.index - 2:
                    break
                if g.type == "Attack" and g.modality == "asserted" and place in g.roles.get("location", []):
                    for eid in g.roles.get("perpetrator", []):
                        if eid != former:
                            f.add("captor", eid)
                    break
        return self.finish(f)

    def entered_after(self, place: str, former: str) -> Optional[str]:
        """Round 50: the armed side that moves into a place its holder is told leaving, in one of the two sentences
        after ("Israel withdrew its soldiers from the town of X. Shortly after the withdrawal, Y guerrillas and
        civilians entered the town"): the subject of a verb of entering (events.yaml ``r50_entered_after``) whose
        object is the place by name or "the town", an armed group or force not of the former holder's side."""
        home = self.res.countries.get(former)
        for sent in self.after:
            for t in sent.span:
                if t.pos_ != "VERB" or self.finder.t.base(t) not in ENTERING_VERBS:
                    continue
                objs = [c for c in t.children if c.dep_ == "dobj"] + [o for p in ("into", "in") for o in self.preps(t).get(p, [])]
                if not any(self.res.entity_at(o) == place or o.lemma_.lower() in TOWN_NOUNS and any(
                        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in o.children) for o in objs):
                    continue
                for subj in (c for c in t.children if c.dep_ == "nsubj"):
                    words = [subj, *(c for c in subj.children if c.dep_ in ("compound", "amod", "nmod"))]
                    for w in words + self.preps(subj).get("of", []):  # ("fighters of the X Front")
                        eid = self.res.entity_at(w)
                        if eid and eid != former and self.kind(eid) in ARMED \
                                and not (home and self.res.countries.get(eid) == home and self.kind(eid) == "ArmedForce"):
                            return eid
        return None

    def trigger_type(self, tok: Token) -> tuple[Optional[str], bool]:
        verbal = tok.pos_ == "VERB" or self.participle_as_noun(tok)
        lemma = self.finder.t.base(tok) if verbal else tok.lemma_.lower()
        if not verbal and lemma not in self.finder.t.nouns and lemma not in self.finder.t.raid_nouns \
                and lemma not in self.finder.t.fire_nouns \
                and lemma != "control" and tok.lower_ != "fire" and tok.lower_ not in STATION_FORMS:
            return None, False  # (most words: none of the tests below for a word that is no verb can hold)
        if verbal:
            if lemma == "take" and any(c.dep_ in ("prt", "advmod") and c.lower_ in ("over", "back") for c in tok.children):
                return "Capture", False  # "took over X", "have taken back X"
            if lemma in FLAG_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() == "flag" for c in tok.children) \
                    and any(p in self.preps(tok) for p in ("over", "above", "in", "on")):
                return "Capture", False  # "raised the flag over the town of X"
            if lemma in CONTROL_VERBS and any(c.dep_ == "dobj" and c.lemma_ == "control" for c in tok.children):
                return "Capture", False  # "took control of X", "secured control of Y"
            if lemma in ("lose", "cede") and any(c.dep_ == "dobj" and c.lemma_ == "control" and "of" in self.preps(c)
                                                 for c in tok.children):
                return "Capture", False  # "X lost control of Y": Y changed hands
            if lemma == "fall" and ("to" in self.preps(tok) or any(
                    o.lemma_.lower() in ("hand", "control") for o in self.preps(tok).get("into", []))):
                return "Capture", False  # "fell to X", "fell into the hands of X"
            if lemma in self.finder.t.expel_verbs and self.expelled_from(tok) is not None:
                return "Capture", False
            if lemma == "clear" and self.cleared_of(tok) is not None:
                return "Capture", False  # "cleared the town of X fighters"
            if lemma in self.finder.t.host_verbs:  # "received 300 soldiers": a deployment; "received the president": a meeting
                troops = any(c.dep_ in ("dobj", "nsubjpass") and self.relative_head(c).lemma_.lower() in TROOP_OBJECTS
                             for c in tok.children)
                etype = "Deployment" if troops else _not_deployment(self.finder.t.verbs.get(lemma))
                return etype, False
            if lemma in self.finder.t.troop_verbs and not any(
                    c.dep_ in ("dobj", "nsubjpass") and self.relative_head(c).lemma_.lower() in TROOP_OBJECTS
                    for c in tok.children) and not troops_moving(tok):
                return None, False  # "brought the group gains", "moved to block": no troops moved
                # ("X troops, which were brought into the country": the troops the relative stands for)
            if lemma in self.finder.t.verbs:
                return self.finder.t.verbs[lemma], False
            if lemma in self.finder.t.toll_verbs and tok.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
                return "Attack", False  # "A fought B in X", "troops clashed with rebels near Y" (see fought_at)
        if tok.pos_ == "VERB" and lemma in self.finder.t.nouns and lemma not in self.finder.t.verbs \
                and tok.tag_ in ("VBZ", "NNS", "NN"):
            return self.finder.t.nouns[lemma], True  # "Coalition airstrikes on X killed 17" tagged as a verb
        if tok.pos_ == "VERB" and lemma in ("launch", "fire") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in WEAPONS for c in tok.children):
            return "Attack", False  # "launched drones at X"
        if tok.lower_ == "fire" and tok.head.lower_ == "under":
            return "Attack", True  # "came under fire"
        if tok.lower_ in STATION_FORMS and self.stationed_troops(tok) is not None:
            return "Deployment", True  # "the presence of 1,500 X troops in Y", "X has 2,500 troops in Y"
        if tok.pos_ == "VERB" and self.signed(tok) is not None:
            return "Meeting", False  # "A and B signed an agreement in X", "the deal was agreed by A and B"
        if tok.pos_ == "VERB" and self.agreed_at(tok):
            return "Meeting", False  # round 50: "A's prime minister and B's president agreed in X on Tuesday to ..."
        if tok.pos_ == "VERB" and self.also_discussed(tok) is not None:
            return "Meeting", False  # round 50: "... met in X. A and B also discussed Y": that meeting, by its people
        if tok.pos_ == "VERB" and lemma == "open" and any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.children):
            return "Attack", False  # "gunmen opened fire on a bus"
        if tok.pos_ == "VERB" and lemma in ("exchange", "trade") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in EXCHANGED_FIRE for c in tok.children):
            return "Attack", False  # "peacekeepers exchanged fire with militiamen near X"
        if tok.pos_ == "VERB" and lemma == "inflict" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in LOSS_NOUNS and "on" in {**self.preps(tok), **self.preps(c)}
                for c in tok.children):
            return "Attack", False  # "inflicted heavy losses on Russian troops"
        if self.mistagged_control_verb(tok) is not None:
            return "Capture", True  # "troops loyal to X secured control of Y", "secured" tagged as an adjective
        if tok.lemma_.lower() == "control" and tok.head.lower_ == "under" and tok.head.head.lemma_ == "be" \
                and "since" in self.preps(tok.head.head):
            return "Capture", True  # "X has been under the control of Y since 2014": Y took X then
        if self.came_into_control(tok):
            return "Capture", True  # "gunmen entered the town and were in full control of it by noon" (round 11)
        if self.held_since(tok):
            return "Capture", False  # "from militants who have controlled it since September" (round 11)
        if tok.pos_ == "NOUN" and lemma in self.finder.t.fire_nouns and self.of_fire(tok):
            return "Attack", True  # "killed in an artillery exchange around X", "an exchange of fire" (round 24)
        if tok.pos_ in ("NOUN", "PROPN") and lemma in self.finder.t.raid_nouns and self.raiding_group(tok):
            return "Attack", True  # "X militants carried out an incursion into Y" (round 9)
        if tok.pos_ in ("NOUN", "PROPN") and lemma in self.finder.t.nouns and self.res.entity_at(tok) is None:
            etype = self.finder.t.nouns[lemma]
            if lemma == "fall" and "of" not in self.preps(tok):
                return None, True
            if lemma == "strike" and not any(c.lower_ in ("air", "drone", "missile") for c in tok.lefts):
                light = self.light_verb(tok)
                if "on" not in self.preps(tok) and "against" not in self.preps(tok) and not (
                        light is not None and self.finder.t.base(light) in ("carry", "conduct", "launch")) \
                        and self.outcome_verb(tok) is None and not (
                        tok.dep_ == "nsubj" and self.tells_setting(tok.head) and any(
                            g.type == "Attack" and g.trigger.lemma_.lower() in ("strike", "airstrike") for g in self.told)):
                    return None, True  # "a strike" alone may be a labour strike; "carried out the strike" is not
                    # (nor "the strikes took place in X" after "drone strikes killed 15")
            return etype, True
        return None, False

    def came_into_control(self, noun: Token) -> bool:
        """"were in (full) control of X" told as a change: after entering or storming it ("entered the
        town and were in full control of it") or by a time ("by noon"). A state told alone ("forces are
        firmly in control of X") is a claim about the present, no capture (round 11)."""
        if noun.lemma_.lower() != "control" or noun.pos_ != "NOUN" or noun.head.lower_ != "in" \
                or noun.head.head.lemma_ != "be" or "of" not in self.preps(noun):
            return False
        verb = noun.head.head
        entered = verb.dep_ == "conj" and self.finder.t.base(verb.head) in ADVANCE_VERBS
        by_time = any(o.ent_type_ in ("TIME", "DATE") or o.lemma_.lower() in ("noon", "midday", "nightfall", "dawn",
                                                                             "evening", "morning", "afternoon")
                      for o in self.preps(verb).get("by", []))
        return entered or by_time

    def held_since(self, verb: Token) -> bool:
        """"retook X from militants who have controlled it since September": a holder told in a
        relative clause in the perfect with "since" a time took the place then (as "has been under
        the control of Y since 2014" does, round 11). Only a relative on the side the place was
        taken from, so that the background capture is told beside the capture of the place."""
        return verb.pos_ == "VERB" and verb.lemma_.lower() in ("control", "hold", "occupy") and verb.dep_ == "relcl" \
            and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) \
            and any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children) \
            and (verb.head.dep_ == "pobj" and verb.head.head.lower_ == "from" or self.holder_of_the_retaken(verb) is not None)

    def holder_of_the_retaken(self, verb: Token) -> Optional[str]:
        """"Forces recaptured X from ISIL ... the fight to stop ISIL, which has held the city since
        May": a relative of the perfect on a named armed actor, holding "the city" ("it"), when a
        capture of a town was told in this sentence or the two before, tells that actor's earlier
        capture of that town (round 12; told alone, "X, which has held the city since 2014", it is
        none). Returns the town."""
        if self.kind(self.res.entity_at(verb.head)) not in ARMED:
            return None
        obj = self.child(verb, "dobj")
        if obj is None or not (obj.lower_ == "it" or obj.lemma_.lower() in TOWN_NOUNS and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children)):
            return None
        for f in reversed(self.told):
            if f.sentence.index < self.sent.index - 2:
                break
            fine = [e for e in f.roles.get("place", []) if specificity(e, self.res) >= SPECIFIC]
            if f.type == "Capture" and f.modality == "asserted" and not f.background and fine:
                return fine[0]
        return None

    def controlled_place(self, noun: Token) -> list[Token]:
        """The place of "were in control of it": "it" (or "the town") is the place the clause entered
        ("entered the town and were in control of it")."""
        out = []
        for o in self.preps(noun).get("of", []):
            verb = noun.head.head
            if o.pos_ == "PRON" and verb.dep_ == "conj":
                o = self.child(verb.head, "dobj") or o
            out.append(o)
        return out

    def raiding_group(self, noun: Token) -> bool:
        """An incursion made by an armed group (not a state's forces): a raid, so an attack."""
        subj = self.poss_or_by(noun) or self.light_verb_subject(noun)
        return subj is not None and self.kind(self.entity(subj, ARMED, modifiers=True)) == "ArmedGroup"

    def home_base(self, tok: Token) -> Optional[Token]:
        """"The deployment of 3,500 soldiers from the Nth Brigade, stationed at Fort X": a participle
        of stationing on the unit sent tells where the unit is based, not a deployment of its own
        (the deployment word it hangs under is the event). Returns that deployment word."""
        if tok.pos_ != "VERB" or tok.dep_ != "acl" or tok.tag_ != "VBN" \
                or self.finder.t.base(tok) not in ("station", "base", "garrison", "headquarter"):
            return None
        for anc in tok.ancestors:
            if anc.pos_ == "NOUN" and self.trigger_type(anc) == ("Deployment", True):
                return anc
        return None

    def stationed_troops(self, tok: Token) -> Optional[Token]:
        """Troops told as present somewhere, with their number: "the presence of 1,500 X troops in Y",
        "X has (about) 2,500 troops in Y", "keeps 800 soldiers in Y" (a deployment, undated unless
        told): the troops' word, when they are counted and placed with "in"."""
        if tok.lemma_.lower() == "presence" and tok.pos_ == "NOUN":
            troops = (self.preps(tok).get("of") or [None])[0]
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in ("have", "keep", "maintain"):
            troops = self.child(tok, "dobj")
        else:
            return None
        if troops is None or troops.lemma_.lower() not in TROOP_OBJECTS \
                or not any(c.dep_ == "nummod" or c.like_num for c in troops.children):
            return None
        return troops if self.preps(troops).get("in") or self.preps(tok).get("in") else None

    def mistagged_control_verb(self, tok: Token) -> Optional[Token]:
        """The small model may tag "secured" in "troops loyal to X secured control of Y" as an
        adjective of "control": that word, when it is a verb of taking control."""
        if tok.lemma_.lower() != "control" or tok.pos_ != "NOUN" or "of" not in self.preps(tok):
            return None
        return next((c for c in tok.children if c.dep_ == "amod" and c.i == tok.i - 1 and c.tag_ in ("JJ", "VBD", "VBN")
                     and self.finder.t.base(c) in CONTROL_VERBS | {"secured", "seized", "gained", "took", "regained"}), None)

    def actor_before(self, word: Token) -> Optional[Token]:
        """The actor named last before a mistagged verb in its clause: the subject the parse lost;
        "troops loyal to President X" are the president's forces."""
        for t in reversed(self.sent.span.doc[self.body_start:word.i]):
            if t.text in (";", ":") or t.lower_ in ("said", "says", "that"):
                return None
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in ("ArmedGroup", "ArmedForce"):
                return t
            if eid and self.kind(eid) == "Person" and any(w.lower_ == "loyal" for w in t.doc[max(t.i - 6, 0):t.i]):
                return t
        return None

    def participle_as_noun(self, tok: Token) -> bool:
        """"X was overrun" tagged as "was" + a noun: a passive participle all the same; so is such a word
        that the parse gives a passive auxiliary of its own ("after the base was overrun by X" tagged a
        noun, with "was" its auxpass and "by X" its agent: round 39)."""
        base = self.finder.t.forms.get(tok.lower_)
        if base is None or base not in self.finder.t.verbs or tok.lower_ in self.finder.t.nouns \
                or not tok.lower_.endswith(("ed", "en", "wn", "un")):  # a participle, not "the last position"
            return False
        return tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be" \
            or any(c.dep_ == "auxpass" for c in tok.children)

    def new(self, etype: str, tok: Token, nominal: bool) -> Frame:
        f = Frame(type=etype, trigger=tok, sentence=self.sent, nominal=nominal)
        f.modality = self.finder.modality.of(tok)
        if f.modality == "planned" and nominal and tok.dep_ == "dobj" and self.told_as_done(tok):
            f.modality = "asserted"  # "marched to protest the attack on X": the attack is done (round 9)
        if f.modality == "asserted" and not nominal and tok.tag_ == "VBG" and tok.dep_ == "pcomp" \
                and tok.head.lower_ in ("from", "of", "toward", "towards") and not self.finder.modality.accused(tok):
            f.modality = "hypothetical"  # "kept X from gaining control of Y", "on the verge of seizing Y"
        return f

    def told_as_done(self, noun: Token) -> bool:
        """"to protest the attack", "to avenge Monday's raid", "to investigate the bombing": a definite
        event noun that a purpose clause reacts to (its verb is no trigger, no light verb like "launch"
        nor a verb of planning) is an event that has happened."""
        verb = noun.head
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "last") or c.dep_ == "poss"
                       for c in noun.children)
        base = self.finder.t.base(verb)
        return definite and verb.pos_ == "VERB" and base not in self.finder.t.light_verbs \
            and base not in self.finder.modality.purpose_verbs and base not in self.finder.t.verbs

    def finish(self, f: Frame) -> Frame:
        f.date = self.date_for(f)
        before = self.sent.text[:self.sent.char(f.trigger) - self.sent.start]
        f.distinct = SEPARATE.search(before) is not None
        return f
