"""The rules of attacks: the attack frame and when fighting or a bare verb is one attack.

Part of ``ctx._Ctx``; the tolls are in ``tolls``, the attacker and target in ``attack_roles``.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.dating import Strength
from kg.extract.events.frame import Frame
from kg.extract.events.told_sites import definite_site, purpose_objects, site_told_before
from kg.extract.events.words import (
    AREA_WORDS,
    ARMED,
    ARMED_NOUNS,
    armed_word,
    noun_among,
    COMPOUND_SUBTYPES,
    EXCHANGED_FIRE,
    LOSS_NOUNS,
    NON_STATE_NOUNS,
    NON_VIOLENT_CAUSES,
    OUTCOME_VERBS,
    PLACES,
    PLACE_NOUNS,
    SPEAKING,
    SUBTYPES,
    TOWN_NOUNS,
    TROOP_OBJECTS,
    WEAPON_SUBJECTS,
)
from kg.extract.events_data import events_yaml
from kg.extract.places import BEARINGS, REGION, SPECIFIC, _care, _destination, _origin, specificity

LINKED_PLACE_PREPS = ("in", "at", "near", "into", "through")  # the place phrases of a linked clause (round 32)
TOWN_WORDS = frozenset(events_yaml().get("r50_town_words") or [])  # round 50: "the attack on the community"
_SEQUEL = events_yaml().get("r40_sequel_places", {})
SEQUEL_MARKS = frozenset(_SEQUEL.get("marks", []))  # "fled X after a gunfight", "came after days of clashes"
SEQUEL_FLIGHT = frozenset(_SEQUEL.get("flight_verbs", []))
LOCAL_SOURCES = frozenset(events_yaml().get("r40_local_sources", []))  # "residents of X said ..."
_BODIES = events_yaml().get("r42_armed_bodies", {})
ARMED_BODIES = frozenset(_BODIES.get("bodies", []))  # "forces killed a militant" (round 42)
ARMED_GROUPS = frozenset(_BODIES.get("groups", []))  # "groups of militiamen attacked" (round 42)
TOLD_GROUPS = frozenset(events_yaml().get("r46_told_groups", []))  # "the group killed three" (round 46)


def armed_body(subj: Token) -> bool:
    """Round 42: an armed body told by a common noun ("forces", "the patrol", "Iraqi and coalition forces") with no
    "of" phrase making it something else ("the force of the blast"), or a group whose "of" phrase names armed people
    ("groups of militiamen")."""
    lemma = subj.lemma_.lower()
    of = [o for p in subj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if lemma in ARMED_BODIES and not of:
        return True
    if lemma in TOLD_GROUPS and not of and told_back(subj):
        return True  # round 46: "five days after the group killed three farmers": the group told before
    return lemma in ARMED_GROUPS and any(o.lemma_.lower() in ARMED_NOUNS or o.lower_ in ARMED_NOUNS for o in of)


def told_back(subj: Token) -> bool:
    """Round 46: a singular noun pointing back by "the" alone ("the group"), with no word of its own
    telling what it is ("the rights group", "the group's lawyers", "the group that ..."), after armed
    people told earlier in its sentence: the armed group the report told of."""
    if subj.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return False
    if any(c.dep_ in ("compound", "amod", "nmod", "poss", "relcl", "acl", "prep", "appos") for c in subj.children):
        return False
    # armed people told before it in its sentence ("Gunmen from X shot dead ..., five days after the group ...")
    return any(t.lemma_.lower() in ARMED_NOUNS or t.lower_ in ARMED_NOUNS for t in subj.sent[:subj.i - subj.sent.start])


def _another_role(tok: Token) -> bool:
    """Round 40: a place named for another role than where something happened: where people fled to,
    were treated, came from ("fled to the town of X": the name read through its place noun)."""
    t = tok
    while t.dep_ in ("compound", "flat") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in PLACE_NOUNS:
        t = t.head.head
    return _destination(t) or _care(t) or _origin(t)


class AttackRules:
    """Attacks: the frame, listed places, fighting placed in a town."""

    # Attack -------------------------------------------------------------------
    def _attack(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if nominal and self.comparison(tok) or not nominal and self.finder.modality.habitual(tok):
            return
        if not nominal and self.finder.t.base(tok) == "fire" and self.fired_harmlessly(tok):
            return  # "fired into the air", "fired tear gas at protesters", "fired warning shots" (round 9)
        if not nominal and self.claimed_toll(tok):
            return  # "claimed the attack, saying its fighters had killed 30 soldiers": the claim's figure (round 9)
        if nominal and tok.tag_ == "NNS" and (self.series(tok) or self.light_verb(tok) is not None
                                             and self.finder.modality.habitual(self.light_verb(tok))
                                             or self.tallied(tok)):
            return  # "has carried out airstrikes in X since 2015", "blamed for a string of attacks" (round 9)
        if not nominal and self.finder.t.base(tok) in ("wound", "injure") and (
                tok.dep_ == "conj" and tok.head.lemma_.lower() in OUTCOME_VERBS
                or any(c.dep_ == "conj" and c.lemma_.lower() == "kill" for c in tok.children)):
            return  # "killing nine and wounding 14": the toll of the one attack the killing tells
        summed = nominal and self.summary(tok)
        separate = summed and any(c.dep_ == "amod" and c.lower_ == "separate" for c in tok.children)
        if nominal and (self.generic(tok) or summed and not separate):
            return
        f = self.new("Attack", tok, nominal)
        lemma = tok.lemma_.lower()
        f.subtype = SUBTYPES.get(lemma)
        for c in tok.lefts:
            if c.lower_ in COMPOUND_SUBTYPES:
                f.subtype = COMPOUND_SUBTYPES[c.lower_]
        preps = self.noun_preps(tok) if nominal else self.preps(tok)  # (round 25: one reading of a noun)
        if nominal and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            for p, objs in self.preps(tok.head.head).items():  # "a wave of airstrikes on X"
                if p != "of":
                    preps.setdefault(p, []).extend(objs)
        outcome = self.outcome_verb(tok) if nominal else None
        under = nominal and tok.head.lower_ == "under" and tok.head.head.pos_ in ("VERB", "AUX")
        if under and self.finder.modality.habitual(tok.head.head):
            return  # "has come under repeated rocket fire in recent weeks": a tally (round 9)
        if under:  # "their patrol came under fire (from X) near Y": the subject was attacked
            verb = tok.head.head
            victim = self.subject(verb)
            if victim is not None:
                self.target_or_place(f, victim)
            for p, objs in self.preps(verb).items():
                preps.setdefault(p, []).extend(objs)
            for o in preps.get("from", []):
                f.add("perpetrator", self.entity(o, ARMED, modifiers=True))
        elif nominal:
            subj = self.poss_or_by(tok) or self.light_verb_subject(tok)
            if subj is None and outcome is not None:
                subj = self.subject(outcome)
            if subj is not None:
                f.add("perpetrator", self.entity(subj, ARMED + ("Person",), modifiers=True))
            if outcome is not None and tok.dep_ == "nsubj" and tok.head.i == outcome.i:
                victim = self.child(outcome, "dobj")  # "an airstrike killed a X commander in Y"
                if victim is not None:
                    self.target_or_place(f, victim)
            landed = self.landing_verb(tok)
            if landed is not None:  # "a wave of rocket attacks struck X", "airstrikes hit a school in Y"
                struck = self.child(landed, "dobj")
                if struck is not None:
                    self.target_or_place(f, struck)
        light_on = self.light_verb(tok) if nominal else None
        if light_on is not None and not preps.get("on"):  # "launched an offensive on X": the verb carries "on X"
            preps["on"] = self.preps(light_on).get("on", [])
        if light_on is not None and lemma in self.finder.t.raid_nouns and not preps.get("into"):
            preps["into"] = self.preps(light_on).get("into", [])  # "carried out an incursion into X"
        if nominal:
            # "an attack on X", "the shelling of X" (but "an attack of unusual scale" names nothing)
            blamed_on = tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in ("blame", "pin")
            for p in ("on", "against", "of") + (("into",) if lemma in self.finder.t.raid_nouns else ()):
                if p == "on" and blamed_on:
                    continue  # "blamed the attack on X": X made it
                for obj in preps.get(p, []):
                    self.target_or_place(f, obj)
                    if p in ("on", "against") and (self.described(obj) and obj.lemma_.lower() in TOWN_NOUNS
                                                   or self.bare_town_word(obj)):
                        f.add("location", self.place_told_before(tok))  # "entered X, a day after launching
                        #                                                   an offensive on the remote town"
                    elif p in ("on", "against") and not f.filled("location") and any(
                            c.dep_ == "poss" and self.described(c) and c.lemma_.lower() in TOWN_NOUNS
                            for c in obj.children):
                        f.add("location", self.place_told_before(tok))  # round 36: "a drone attack on the
                        #                                      city's port": the city named before it
            for obj in [o for p in ("on", "against") for o in preps.get(p, [])] + purpose_objects(tok):
                if not f.filled("location") and definite_site(obj) and not self.res.entity_at(obj):
                    f.add("location", site_told_before(obj, self.sent, self.before, self.res, self.kind))
                    #  round 45: "the attack on the embassy", "an offensive to regain control of the area"
            if not f.filled("location") and f.modality == "asserted" and self.sent.index > 0:  # round 45: "the attacks
                #    on X" (a country; not the headline: "Strikes on X" sums up the report)
                struck = [e for p in ("on", "against") for o in preps.get(p, [])
                          for e in [self.res.entity_at(o)] if e and self.kind(e) == "Country"]
                if len(set(struck)) == 1:
                    f.add("location", struck[0])
            where = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
            if where is not None and where.dep_ == "pobj" and where.head.lower_ in ("in", "near", "at") \
                    and where.lemma_.lower() in PLACE_NOUNS:  # "killed in the A and B provinces in separate
                f.add("location", self.place_in(where))  # shootings": the parse hangs the attack on the place
            mods = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod")]
            mods += [g for c in mods if c.dep_ == "compound" for g in c.lefts if g.dep_ in ("compound", "nmod", "amod")]
            for c in mods:  # "US airstrikes", "US drone strikes"
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) == "Country" and not f.filled("perpetrator"):
                    f.add("perpetrator", eid)  # "US airstrikes"
                elif eid and self.kind(eid) == "Location":
                    f.add("location", eid)  # "a Kabul bombing"
        else:
            subj = self.subject(tok)
            struck = self.child(tok, "dobj")
            if subj is not None and struck is not None and self.finder.t.base(tok) in ("hit", "strike") \
                    and struck.lemma_.lower() in ("bomb", "mine", "landmine", "ied", "explosive", "device"):
                subj = None  # "their vehicle hit a roadside bomb": the subject was the victim
            for sj in self.expand(subj) if subj is not None else []:
                f.add("perpetrator", self.entity(sj, ARMED + ("Person",), modifiers=True))
            if subj is not None and not f.filled("perpetrator"):
                f.add("perpetrator", self.group_of(subj))  # "the group's fighters killed 20 soldiers" (round 11)
            if subj is not None and not f.filled("perpetrator"):
                f.add("perpetrator", self.group_by_kind(subj))  # "the rebels attacked ..." (round 13)
            if self.finder.t.base(tok) in self.finder.t.actor_verbs and subj is not None \
                    and self.trigger_type(subj) == ("Attack", True):
                return  # "the X attack killed 14": the noun's own frame takes the toll
            weapon = subj is not None and subj.lemma_.lower() in WEAPON_SUBJECTS
            armed = subj is not None and (armed_word(subj) or any(
                c.dep_ == "amod" and c.lower_ == "armed" for c in subj.children)  # "armed men" (round 39)
                or any(armed_body(s) for s in (subj, *subj.conjuncts)))  # "forces killed a militant", "groups of
            #                  militiamen", "government and allied forces" (the parse's subject "government") (round 42)
            if self.finder.t.base(tok) in self.finder.t.actor_verbs and not (f.filled("perpetrator") or weapon or armed) \
                    and not (subj is None and (self.placed_toll(tok) or self.toll_placed_by_its_clause(tok))):
                return  # "floods killed 40": no attack
            killed = self.child(tok, "dobj")  # (the parse may hang "in separate operations" on the killed)
            if self.finder.t.base(tok) in self.finder.t.actor_verbs and any(
                    self.summary(o) for p in ("in", "during")
                    for o in preps.get(p, []) + (self.preps(killed).get(p, []) if killed is not None else [])):
                return  # "forces killed 10 insurgents in separate operations": a sum of several (round 42)
            if weapon and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
                f.anaphoric = True  # "the blast killed 9": more of a bombing told before
            obj = self.child(tok, "dobj", "nsubjpass")
            if obj is not None and not (obj.lower_ == "fire" and self.finder.t.base(tok) == "open" or
                                        obj.lemma_.lower() in LOSS_NOUNS or obj.lemma_.lower() in EXCHANGED_FIRE):
                self.target_or_place(f, obj)
            if obj is not None and obj.lemma_.lower() in EXCHANGED_FIRE:  # "exchanged fire with X": X the other side
                for o in preps.get("with", []) + self.preps(obj).get("with", []):
                    self.target_or_place(f, o)
            if self.finder.t.base(tok) in self.finder.t.toll_verbs:  # "clashed with X", "fought against Y"
                for o in preps.get("with", []) + preps.get("against", []):
                    self.target_or_place(f, o)
            if self.finder.t.base(tok) in ("open", "fire", "inflict"):  # "opened fire on a bus in X", "fired at Y"
                for p in ("on", "at"):  # ("inflicted losses on X": the parser may hang "on X" on the losses)
                    for o in preps.get(p, []) + (self.preps(obj).get(p, []) if obj is not None else []):
                        self.target_or_place(f, o)
        where = {p: list(objs) for p, objs in preps.items()}
        light = self.light_verb(tok) if nominal else None
        carrier = outcome.head if outcome is not None and outcome.dep_ == "advcl" else None
        setting = tok.head if nominal and tok.dep_ == "nsubj" and self.tells_setting(tok.head) else None
        # round 40: "the drone attack that killed three soldiers in X": the toll of the noun's own relative clause
        told_toll = next((c for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() in OUTCOME_VERBS
                          and any(d.dep_ in ("nsubj", "nsubjpass") and d.lower_ in ("that", "which") for d in c.children)),
                         None) if nominal else None
        for verb in (outcome, light, carrier, setting, told_toll):  # "killed 92 soldiers at a base on the X peninsula",
            if verb is not None:       # "carried out an airstrike ... near the town of X"
                for p, objs in self.preps(verb).items():
                    where.setdefault(p, []).extend(objs)
        for obj in [one for o in where.get("between", []) for one in self.expand(o)]:
            f.add("location", self.place_in(obj))  # "the ambush between X and Y": both ends of the road
        for p in ("in", "at", "near", "outside", "across", "through", "along", "around"):  # ("around": round 24)
            for obj in where.get(p, []):
                eid = self.place_in(obj)
                # a state fired "at" is the target; a state named inside the phrase ("struck at 85 targets in
                # X and Y") is where (round 40)
                at_state = p == "at" and self.kind(eid) == "Country" and self.res.entity_at(obj) == eid
                f.add("target" if at_state else "location", eid)
                if eid and self.kind(eid) == "Location" and self.res.entity_at(obj) == eid:
                    for o in self.preps(obj).get("in", []):  # "near the X base in <town>": both
                        inner = self.entity(o, ("Location",))
                        f.add("location", inner)
        if nominal and not f.filled("perpetrator"):
            for c in tok.lefts:  # "a coalition airstrike", "an al-Shabaab attack"
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) in ("ArmedForce", "ArmedGroup"):
                    f.add("perpetrator", eid)
        if not f.filled("perpetrator"):  # "an Israeli airstrike", "Israeli artillery shelled"
            head = tok if nominal else self.subject(tok)
            if head is not None and noun_among(head, NON_STATE_NOUNS):  # (round 50: "Colombian Rebels Kill 16")
                head = None  # "the Somali militant group", "Afghan insurgents": not a state's forces
            for c in head.lefts if head is not None else []:
                if c.dep_ == "amod" and c.ent_type_ == "NORP":
                    f.add("perpetrator", self.state_of(c.text))
        scope = outcome
        while scope is not None and scope.dep_ == "conj" and scope.head.lemma_.lower() in OUTCOME_VERBS:
            scope = scope.head  # "20 were killed and 45 wounded in bombings": both tolls
        self.quantities(f, tok.head.head if under else scope or tok, None)
        if nominal and "fatalities" not in f.quantities:
            risen = self.risen_toll(tok)  # "the death toll from Sunday's bombing has risen to 10"
            if risen is not None:
                f.quantities["fatalities"] = risen
        if not f.filled("perpetrator"):
            f.add("perpetrator", self.lone_armed_actor_before(tok, f))
        if not f.filled("target"):
            f.add("target", self.soldiers_of_the_place(f) or self.armed_victim(tok, f)
                  or self.forces_at_the_post(tok, f, nominal))
        if not f.filled("location") and not nominal:  # "attacked a post and abducted 12 near the town of X"
            for c in tok.children:
                if c.dep_ == "conj" and c.pos_ == "VERB" and not self.trigger_type(c)[0]:
                    for t in c.subtree:
                        if t.lower_ in ("in", "at", "near") and t.dep_ == "prep":
                            f.add("location", next((self.place_in(o) for o in t.children if o.dep_ == "pobj"), None))
                            break
        if not f.filled("location") and not nominal and tok.dep_ in ("conj", "advcl"):
            # "burst into X in <town> and killed six", "a bomb tore through a van in <town>, killing two"
            for p in ("in", "at", "near", "into", "through"):
                for obj in self.preps(tok.head).get(p, []):
                    f.add("location", self.place_in(obj))
            held = self.child(tok.head, "dobj") if tok.dep_ == "conj" else None
            if not f.filled("location") and held is not None and self.trigger_type(tok.head)[0] == "Capture":
                for obj in self.preps(held).get("in", []):  # "seizing an office in X and attacking a police station"
                    f.add("location", self.place_in(obj))
        sequel = None
        if not f.filled("location") and nominal:  # round 40: "fled X after a gunfight erupted", "the takeover of X
            sequel = self.sequel_place(tok)  # came after five days of clashes"
            f.add("location", sequel)
        if not f.filled("location") and not nominal and self.finder.t.base(tok) in self.finder.t.kill_verbs:
            # round 32: "were killed when troops entered X", "took over villages including X, killing dozens"
            f.add("location", self.linked_clause_place(tok))
        if not f.filled("location") and f.quantities:  # round 40: "residents of X said seven villagers were killed in a
            # raid" (with its toll: not "residents of X say militants moved in without a fight")
            f.add("location", self.local_sources_place(tok))
        if not f.filled("location"):  # "an ambush on a convoy ... near <town>"
            scope = tok if nominal else self.child(tok, "dobj", "nsubjpass")
            for t in scope.subtree if scope is not None else []:
                eid = self.res.entity_at(t)
                if t.i >= 2 and t.doc[t.i - 1].lower_ == "of" and t.doc[t.i - 2].lower_ in BEARINGS:
                    continue  # "X, 90 km south of Y, was attacked": Y is a bearing
                if eid and self.kind(eid) == "Location":
                    f.add("location", eid)
                    break
        if nominal and not f.filled("location"):
            f.add("location", self.place_after(tok))  # "a bomb blast in early July at the embassy in X"
        if not nominal and not f.filled("location"):
            f.add("location", self.state_of_the_targets(tok))  # "attacked 50 Iraqi military targets" (round 24)
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
        if nominal and not definite and not f.filled("location") and self.harmed_people(tok) \
                and any(t.lower_ == "there" and t.dep_ == "advmod" for t in tok.head.subtree):
            f.add("location", self.place_told_before(tok))  # "a day after a bomb wounded shoppers at a market there" (round 23)
        if nominal and not (f.filled("location", "target") or f.quantities) and not (definite and f.filled("perpetrator")):
            return  # "attacks" in general, or "the bombing" pointing back with nothing new: no event
        told_toll = nominal and lemma in self.finder.t.toll_nouns and "fatalities" in f.quantities \
            and not f.filled("location") and self.victim_clause(tok)  # "five soldiers were killed in a fight"
        if nominal and lemma in self.finder.t.toll_nouns and not (f.quantities and f.filled("location")) \
                and not (definite and not f.filled("location")) and not told_toll and not self.fought_at(tok, f, where) \
                and not (sequel and self.one_fight(tok)):  # round 42: "fled X after a gunfight erupted": one fight
            #                                                       told as what came before a flight or a capture
            return  # "heavy fighting in X", "clashes continued": no one attack ("killed in the fighting"
            #         tells the toll of the attack told just before: see anaphoric below)
        if not nominal and self.finder.t.base(tok) in self.finder.t.toll_verbs and not (
                f.quantities and f.filled("location")) and not self.fought_at(tok, f, where):
            return  # "fought corruption", "the two sides clashed over the budget": no attack
        # "The raid killed seven", "the Taliban assault on Monday killed 30": a definite attack
        # with no place of its own tells more of one told just before.
        f.anaphoric = f.anaphoric or nominal and not f.filled("location") and (definite or told_toll)
        f.toll_only = nominal and lemma in self.finder.t.toll_nouns and not f.filled("location")
        f.setting = setting is not None and definite and f.filled("location")  # "the assault took place in X"
        listed = self.listed_with(f)
        repeated = [e for p in ("on", "against") for o in (self.elliptical_objects(tok, p) if nominal else [])
                    for e in [self.place_in(o)] if e]
        if len(set(repeated)) >= 2 and not f.filled("target"):  # "..., both of them against X" (round 25)
            last = max((t for t in self.sent.span if self.res.entity_at(t) in repeated), key=lambda t: t.i)
            for o in self.both_tail(last)[1].get("against", []):
                self.target_or_place(f, o)
        if len(set(repeated)) >= 2:  # "the attacks on A in January and on B in March": one attack each,
            yield from self.one_attack_a_place(f, repeated)  # dated by its own phrase (round 25)
            return
        if separate and not listed:
            return  # "in separate attacks" with no places listed: a summary, no one event
        times = self.listed_times(tok) if nominal and not listed else []
        if listed:  # "blasts in A and B", "bombed the towns of A and B", "the bombing of A and B"
            yield from self.one_attack_each(f, listed)
        elif times and (f.filled("location", "perpetrator", "target") or f.quantities):
            yield from self.one_attack_a_time(f, times)  # "suicide bombings in June, August and December" (round 25)
        elif f.filled("location", "perpetrator", "target") or f.quantities:
            yield self.finish(f)
        elif not nominal and f.modality == "asserted" and self.finder.t.base(tok) not in self.finder.t.actor_verbs \
                and self.bare_attacker(tok):
            f.bare = True  # "when the villagers gathered, the men opened fire": the place is told nearby
            yield self.finish(f)

    def harmed_people(self, noun: Token) -> bool:
        """Round 23: "a bomb wounded shoppers": an attack noun that is the subject of killing or
        wounding people (with no number told)."""
        verb = noun.head
        return noun.dep_ == "nsubj" and verb.pos_ == "VERB" and self.finder.t.base(verb) in self.finder.t.kill_verbs \
            and self.child(verb, "dobj") is not None and self.child(verb, "dobj").pos_ == "NOUN"

    def listed_with(self, f: Frame) -> list[str]:
        """An attack's place and the places listed with it ("in A and B", "the towns of A, B and C",
        "against the bases in A and B"): the conjuncts of its place's name, each a place finer than a
        state (not "in A and across the country"); empty when no other place is listed."""
        places = f.roles.get("location", [])
        out: list[str] = []
        for t in self.sent.span:
            if self.res.entity_at(t) not in places or any(a.lower_ == "between" for a in [t, *t.ancestors][:4]):
                continue  # "the ambush between X and Y": one ambush on the road between them
            after = self.listed_after_state(t)
            words = [t, *t.conjuncts, *after]
            if not any(c.dep_ == "cc" for w in words + [a.head for a in after] + [s for a in t.children
                       if a.dep_ == "appos" for s in (a, *a.conjuncts)] for c in w.children):
                continue  # "the city of X, X district, Y region": an address, no list (round 9)
            if self.one_name_with_and(t):
                continue  # "in A and B province": one division's name (round 23)
            group = [self.res.entity_at(c) for c in words]
            group = [e for e in group if e and self.kind(e) == "Location" and specificity(e, self.res) >= REGION]
            for eid in group if len(set(group)) > 1 else []:
                if eid not in out:
                    out.append(eid)
        return out

    @staticmethod
    def bare_town_word(obj: Token) -> bool:
        """Round 50: "Saturday night's attack on the community": a word a report may use for a village (events.yaml
        ``r50_town_words``) with "the" (or "this", "that") alone, no word of its own ("the international community",
        "the Christian community" are no place): the town named before it in its sentence."""
        return obj.pos_ == "NOUN" and obj.lemma_.lower() in TOWN_WORDS and all(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children if c.i < obj.i) \
            and any(c.dep_ == "det" for c in obj.children) and not any(c.dep_ in ("prep", "acl", "relcl") for c in obj.children)

    def listed_after_state(self, t: Token) -> list[Token]:
        """Round 50: "at the embassies in A, Kenya, and B, Tanzania": the parser hangs the list's next town on the
        first town's state (its apposition or conjunct), or under the next town's state ("A, Gambia, and B, Gabon"
        read with B a modifier of Gabon); those towns are listed with the first one. Only towns after ``t``."""
        states = [a for a in t.children if a.dep_ == "appos" and self.kind(self.res.entity_at(a)) == "Country"]
        told = [c for a in states for c in a.conjuncts] + list(t.conjuncts)
        out: list[Token] = []
        for c in told:
            if c.i <= t.i:
                continue
            kind = self.kind(self.res.entity_at(c))
            if kind == "Location" and c not in t.conjuncts:
                out.append(c)
            elif kind == "Country":  # the next town told under its own state
                out.extend(m for m in c.children if m.dep_ in ("nmod", "compound", "appos") and m.i < c.i
                           and self.kind(self.res.entity_at(m)) == "Location")
        return out

    @staticmethod
    def one_name_with_and(t: Token) -> bool:
        """"A and B province" (one province): the last conjunct ends in a singular division word and
        no earlier one has a word of its own ("A and B provinces", "A province and B district" are lists)."""
        words = [w for w in [t, *t.conjuncts]]
        last = max(words, key=lambda w: w.i)
        after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
        noun = last if last.lower_ in AREA_WORDS else after if after is not None and after.lower_ in AREA_WORDS else None
        if noun is None or noun.tag_ != "NN":
            return False
        return not any(w.i != last.i and any(x.lower_ in AREA_WORDS for x in w.subtree if x.i < last.i) for w in words)

    def one_attack_each(self, f: Frame, listed: list[str]) -> Iterable[Frame]:
        """Several attacks told at once over listed places ("separate shootings in A and B", "rocket
        attacks against A and B", "jets bombed the towns of A and B"): one attack in each place, with
        the attacker and target they share; the toll told for all of them belongs to none alone."""
        first = self.finish(f)
        first.roles["location"] = listed[:1]
        first.quantities = {}
        first.listed = True
        yield first
        for eid in listed[1:]:
            g = dataclasses.replace(first, roles={r: list(v) for r, v in first.roles.items()}, quantities={})
            g.roles["location"] = [eid]
            yield g

    def one_attack_a_place(self, f: Frame, places: list[str]) -> Iterable[Frame]:
        """Attacks told by one noun over a repeated preposition ("the attacks on A in January 2016
        and on B in January 2017"): one attack at each place, dated by the time after the place,
        with the attacker and target they share and no shared toll (round 25)."""
        for eid in dict.fromkeys(places):
            g = dataclasses.replace(f, roles={r: list(v) for r, v in f.roles.items()}, quantities={})
            g.roles["location"] = [eid]
            told = next((t for t in self.sent.span if self.res.entity_at(t) == eid), None)
            g.anchor = self.sent.char(told) if told is not None else f.anchor
            g = self.finish(g)
            at = g.anchor - self.sent.start
            own = next((m for m in sorted(self.times, key=lambda m: m.start) if 0 < m.start - at <= 40), None)
            if own is not None and not any(self.kind(self.res.entity_at(t)) in PLACES and self.res.entity_at(t) != eid
                                           for t in self.sent.span if at < self.sent.char(t) - self.sent.start < own.start):
                g.date, g.date_strength = own.value, Strength.ATTACHED  # (its own time, before the next place)
            g.distinct = g.listed = True
            yield g

    def one_attack_a_time(self, f: Frame, times: list[Token]) -> Iterable[Frame]:
        """Attacks told at once over listed times ("suicide bombings in June, August and December
        that killed 43"): one attack at each time, with the place, attacker and target they share;
        the toll told for all of them belongs to none alone (round 25)."""
        if not f.filled("location"):  # "X suffered attacks ..., including bombings in June and August": the
            places = {self.res.entity_at(t) for t in self.sent.span if self.kind(self.res.entity_at(t)) in PLACES}
            if len(places) == 1:  # sentence's one place (the shared toll that placed them is gone)
                f.add("location", places.pop())
        for t in times:
            g = dataclasses.replace(f, roles={r: list(v) for r, v in f.roles.items()}, quantities={})
            g.anchor = self.sent.char(t) - 1  # (dated by the time right after its anchor)
            g = self.finish(g)
            at = self.sent.char(t) - self.sent.start
            told = next((m for m in self.times if m.start <= at < m.end), None)
            if told is not None:  # its own time, whatever the parser hung it on
                g.date, g.date_strength = told.value, Strength.ATTACHED
            g.distinct = g.listed = True
            yield g

    @staticmethod
    def victim_clause(noun: Token) -> bool:
        """"Five soldiers were killed and 20 wounded in a fight that began at midnight": the noun
        is where people "were killed" or "died", the toll of the attack told just before."""
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during") else None
        for v in [verb, verb.head if verb is not None and verb.dep_ == "conj" else None]:
            if v is not None and (v.lemma_.lower() in ("kill", "wound", "injure") and any(
                    c.dep_ == "auxpass" for c in v.children) or v.lemma_.lower() in ("die", "perish")):
                return True
        return False

    def fought_at(self, tok: Token, f: Frame, where: dict[str, list[Token]]) -> bool:
        """Fighting with no toll is one attack when it is placed in a town or site (not a country or a
        region) and names an armed side: "clashes between the army and X fighters in Y", "A battled B
        near the town of Y", "Government forces fought the X group in Y". Fighting with no side named
        ("heavy fighting in X") stays a setting, as does "fighting" in general."""
        places = f.roles.get("location", [])
        if not places or any(specificity(e, self.res) < SPECIFIC or self.entity_name(e).split()[-1].lower()
                             in AREA_WORDS for e in places):
            return False
        if "for" in self.preps(tok):
            return False  # "waged a fierce battle for (control of) X": the campaign for a place, told by its capture
        verb = tok if tok.pos_ == "VERB" else tok.head if tok.dep_ in ("nsubj", "nsubjpass") else None
        if verb is not None and ("since" in self.preps(verb) or any(
                c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)):
            return False  # "clashes around X have forced thousands from their homes since January": a campaign
        if any(self.kind(e) in ("ArmedGroup", "ArmedForce") for r in ("perpetrator", "target") for e in f.roles.get(r, [])):
            return True
        sides = [one for o in where.get("between", []) + where.get("with", []) for one in self.expand(o)]
        return any(self.kind(self.entity(t, ("ArmedGroup", "ArmedForce"), modifiers=True)) for t in sides)

    def bare_attacker(self, verb: Token) -> bool:
        """An attack verb with no role of its own tells an attack only when people are its active
        subject ("the men opened fire", "gunmen attacked"): not "the strikes hit", "a shot fired"."""
        subj = self.child(verb, "nsubj")
        if subj is None and self.child(verb, "nsubjpass") is not None:
            return True
        if subj is None:
            return False
        return subj.lemma_.lower() in ARMED_NOUNS or subj.lemma_.lower() in ("man", "attacker", "assailant") \
            or armed_body(subj) \
            or subj.lower_ == "they" or self.kind(self.res.entity_at(subj)) in ARMED

    def local_sources_place(self, tok: Token) -> Optional[str]:
        """Round 40: an attack that its clause places nowhere, told as what local people of a place said
        ("Residents of X said seven villagers were killed in last week's raid", "Officials in the city of X
        said four civilians had been killed after shelling ..."), happened at that place: the subject of the
        verb of saying the attack's clause is the complement of, one of events.yaml ``r40_local_sources``,
        with "of" or "in" a place finer than a state, when the sentence names no other place. Only an attack
        with a toll (the caller's test)."""
        t, verb = tok, None
        for _ in range(6):
            if t.head.i == t.i:
                return None
            if t.dep_ == "ccomp" and self.finder.t.base(t.head) in SPEAKING:
                verb = t.head
                break
            t = t.head
        subj = self.child(verb, "nsubj") if verb is not None else None
        if subj is None or subj.lemma_.lower() not in LOCAL_SOURCES:
            return None
        tellers = {w.i for w in subj.subtree}
        if any(self.kind(self.res.entity_at(w)) in PLACES and not _another_role(w)
               for w in self.sent.span if w.i not in tellers):
            return None  # "shelling killed three in eastern X, officials in Y said": the sentence's own place
            # (not a place named for another role: where people fled to, were treated, came from)
        for p, objs in self.preps(subj).items():
            if p in ("of", "in"):
                for o in objs:
                    eid = self.place_in(o)
                    if self.kind(eid) == "Location" and specificity(eid, self.res) > REGION:
                        return eid
        return None

    @staticmethod
    def one_fight(noun: Token) -> bool:
        """Round 42: a fight told as one ("a gunfight", "a fierce gun battle"), not fighting in general ("heavy
        fighting", "clashes")."""
        return noun.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)

    def sequel_place(self, noun: Token) -> Optional[str]:
        """Round 40: a fight told as what came before a capture or a flight happened where that event
        did: "soldiers fled X last week, after a gunfight erupted among them" (the noun the subject of an
        "after" clause of the flight), "the takeover of X came after five days of clashes" (the noun in an
        "after" phrase of the capture, or of the verb a capture noun is the subject of). The place is the
        flight's object by name or the capture's own place phrase; none when that event names none ("fled the
        city after clashes": the resolver's guess for "the city" is not taken)."""
        t = noun
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ == "pobj":
            t = t.head.head  # "after five days of clashes"
        verb = None
        if t.dep_ == "pobj" and t.head.lower_ in SEQUEL_MARKS and t.head.head.pos_ in ("VERB", "AUX"):
            verb = t.head.head
        elif t.dep_ == "nsubj" and t.head.dep_ == "advcl" \
                and any(c.dep_ == "mark" and c.lower_ in SEQUEL_MARKS for c in t.head.children):
            verb = t.head.head
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        if self.finder.t.base(verb) in SEQUEL_FLIGHT or self.trigger_type(verb)[0] == "Capture":
            obj = self.child(verb, "dobj")  # a name ("fled X"), not "fled the city" read as some town
            eid = self.res.entity_at(obj) if obj is not None and obj.pos_ == "PROPN" else None
            return eid if self.kind(eid) == "Location" else None
        subj = self.child(verb, "nsubj")
        if subj is not None and subj.pos_ == "NOUN" and self.trigger_type(subj)[0] == "Capture":
            for o in self.preps(subj).get("of", []):
                eid = self.place_in(o)
                if self.kind(eid) == "Location":
                    return eid
        return None

    def linked_clause_place(self, verb: Token) -> Optional[str]:
        """Round 32: the one place named by the clause an attack verb is told with, when the verb has
        none of its own: its clause of time ("were killed when troops entered a district of X", "when a
        bomb was set off at the market in X") or the clause it hangs from ("took over three villages
        including X, killing dozens"): the places of that clause's verb (its object and its "in",
        "at", "near", "into", "through" phrases): the first place they name, none when they list places
        or when the first is no place the report knows."""
        marks = self.finder.t.linked_clause_marks
        clauses = [c for w in (verb, *verb.conjuncts) for c in w.children  # ("were killed and 20 wounded when ...")
                   if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
                   and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks for m in c.children)]
        if verb.dep_ in ("advcl", "conj") and verb.head.pos_ == "VERB" and verb.tag_ == "VBG" \
                and self.finder.t.verbs.get(self.finder.t.base(verb.head)) != "Statement":
            clauses.append(verb.head)  # "..., killing dozens": the participle's clause is its head's
        found: list[Token] = []
        for v in clauses:
            if not self.armed_clause(v):
                continue  # "when their bus overturned near X": no armed side, no weapon
            objs = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
            objs += [o for p in LINKED_PLACE_PREPS for o in self.preps(v).get(p, [])]
            if any(c.dep_ == "nsubj" and c.lemma_.lower() in WEAPON_SUBJECTS for c in v.children):
                objs += self.preps(v).get("on", [])  # round 50: "were killed when shells fell on X camp"
            found += [t for o in objs for t in o.subtree
                      if self.kind(self.res.entity_at(t)) == "Location" or t.ent_type_ in ("GPE", "LOC")]
        if any(a in b.conjuncts for a in found for b in found):
            return None  # "entered A and B": places listed, the toll not one place's
        # the first place named ("at X in Y, in the part of Z"); none when that one is no known place
        # (the region after it would be a guess at a coarser place)
        first = self.res.entity_at(min(found, key=lambda t: t.i)) if found else None
        return first if self.kind(first) == "Location" else None

    def armed_clause(self, verb: Token) -> bool:
        """Round 32: a clause told by a trigger of an armed event ("entered", "took over", "stormed")
        or whose subject is an armed side or a weapon ("troops", "a bomb was set off")."""
        if self.trigger_type(verb)[0] in ("Attack", "Capture", "Deployment"):
            return True
        for c in verb.children:
            if c.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if self.kind(self.entity(c, ARMED, modifiers=True)) in ARMED:
                return True
            if any(t.lemma_.lower() in ARMED_NOUNS | TROOP_OBJECTS | WEAPON_SUBJECTS for t in (c, *c.conjuncts)):
                return True
        return False

    def toll_placed_by_its_clause(self, verb: Token) -> bool:
        """Round 32: "nine people were killed when troops entered X": a passive toll of counted people
        with no cause of another kind, placed by its clause of time (``linked_clause_place``)."""
        victims = self.child(verb, "nsubjpass")
        if victims is None or not any(t.like_num for t in victims.subtree):
            return False
        if any(t.lemma_.lower() in NON_VIOLENT_CAUSES for t in self.sent.span):
            return False
        return self.linked_clause_place(verb) is not None

    def placed_toll(self, verb: Token) -> bool:
        """"At least 14 people were killed in X": a passive toll of people in a named town, with no
        agent and no cause of another kind ("in floods", "in a crash"), is an attack there (it folds
        into the attack on X the report tells near it)."""
        victims = self.child(verb, "nsubjpass")
        if victims is None or not any(t.like_num for t in victims.subtree):
            return False
        if any(t.lemma_.lower() in NON_VIOLENT_CAUSES for t in self.sent.span):
            return False
        return any(self.kind(self.entity(o, PLACES)) == "Location" for p in ("in", "at", "near")
                   for o in self.preps(verb).get(p, []))
