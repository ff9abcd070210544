"""The rules of deployments: troops sent, moved, welcomed, arriving or present, and their roles.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml
from kg.extract.events.triggers import to_inside_from, troops_moving
from kg.extract.events.words import ACTORS, ARMED, ARMED_NOUNS, GUARD_VERBS, PLACES, SANCTION_VERBS, TROOP_OBJECTS
from kg.models import Quantity


AT_VERBS = ("deploy", "station", "redeploy", "position", "garrison")  # "deployed at X" is deployed to X
PLACING_PREPS = tuple(events_yaml().get("deployment_placing", {}).get("preps", []))  # round 35
PEOPLE = frozenset(events_yaml().get("deployment_people", {}).get("nouns", []))  # round 35
STATE_BODIES = frozenset(events_yaml().get("deployment_state_bodies", {}).get("nouns", []))  # round 35
LED = frozenset(events_yaml().get("deployment_led", {}).get("nouns", []))  # round 35
CAMPING = events_yaml().get("r48_camping") or {}
CAMP_VERBS = frozenset(CAMPING.get("verbs", []))  # round 48: "troops have camped next to X"
CAMP_PREPS = frozenset(CAMPING.get("preps", [])) | {"at", "in"}
EVACUATIONS = frozenset(events_yaml().get("r50_evacuations") or [])
_PLACE_OBJECT = events_yaml().get("r50_place_object_verbs") or {}
PLACE_OBJECT_VERBS = frozenset(_PLACE_OBJECT.get("verbs", []))  # round 50: "the army reinforced X"
ARMED_BODIES = frozenset(_PLACE_OBJECT.get("subjects", []))  # round 50: "... the evacuation of citizens from Y"


class DeploymentRules:
    """Deployments: sender, troops, destination, origin."""

    # Deployment ---------------------------------------------------------------
    def _deployment(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if not nominal and tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and tok.head.pos_ == "VERB" and self.trigger_type(tok.head)[0] == "Deployment":
            return  # "sent 500 troops to X to reinforce Y", "arrived to reinforce": the purpose of the one deployment
        if self.home_base(tok) is not None:
            return  # "the deployment of 3,500 soldiers from the Nth Division, stationed at Fort X, to Y" (round 12)
        troops = self.stationed_troops(tok)
        if troops is not None:
            yield from self._presence(tok, troops)
            return
        if not nominal and self.finder.t.base(tok) in self.finder.t.host_verbs:
            yield from self._welcomed(tok)
            return
        if nominal and tok.lemma_.lower() in self.finder.t.arrival_nouns:
            yield from self._arrival(tok)
            return
        f = self.new("Deployment", tok, nominal)
        subj = (self.poss_or_by(tok) or self.light_verb_subject(tok)) if nominal else self.subject(tok)
        if subj is None and not nominal and tok.dep_ == "acl" and tok.tag_ == "VBD" \
                and tok.head.lemma_.lower() in TROOP_OBJECTS:  # "a contingent of 200 officers arrived in X"
            subj = tok.head  # parsed as a clause on the officers (round 9)
            if subj.dep_ == "pobj" and subj.head.lower_ == "of" and subj.head.head.lemma_.lower() in TROOP_OBJECTS:
                subj = subj.head.head
        patient = self.child(tok, "dobj", "nsubjpass")
        reached = None
        if not nominal and self.finder.t.base(tok) in self.finder.t.reach_verbs:
            if patient is None or patient.dep_ != "dobj" or subj is None or not self.sent_by_a_state(subj):
                return  # round 39: "350 troops reached X"; not "rebels reached X", "reached an agreement"
            reached, patient = patient, None
        if subj is None and not nominal and self.finder.t.base(tok) in self.finder.t.actor_verbs \
                and patient is not None and patient.dep_ == "nsubjpass":
            subj, patient = patient, None  # "241 soldiers are headed to X": going, not sent (round 11)
        if subj is not None:
            agent = self.entity(subj, ACTORS, modifiers=True)
            body = self.body_of(agent)
            if body is not None:  # "U.N. peacekeepers deployed": the U.N. sends its force
                f.add("force", agent)
                agent = body
            elif agent and self.kind(agent) == "ArmedForce":
                # "Ugandan troops arrived in X": their state, when the article names it, sends
                # them; else the troops are the force deployed (never the agent themselves)
                state = self.res.country_entity(self.res.countries.get(agent))
                if state is None:
                    f.add("force", agent)
                agent = state
            f.add("agent", agent)
            if agent is None:  # "400 Kenyan police officers landed in X": Kenya sends them (round 9)
                f.add("agent", self.demonym_state(subj))
            if not f.filled("agent") and self.relative_head(subj).lemma_.lower() in TROOP_OBJECTS:
                for o in self.preps(subj).get("from", []):  # "380 soldiers from X arrived in Y": X sends them (round 23)
                    f.add("agent", self.entity(o, ("Country",)))
        if not nominal and self.finder.t.base(tok) in self.finder.t.movement_verbs:
            yield from self.movement(f, tok, subj)
            return
        if not nominal and self.finder.t.base(tok) in self.finder.t.troop_verbs and not (
                patient is not None and self.relative_head(patient).lemma_.lower() in TROOP_OBJECTS) \
                and not (patient is None and troops_moving(tok)):
            return  # "moved 100,000 troops to the border", not "moved to block a resolution"
        if patient is not None and patient.lemma_.lower() in self.finder.t.not_forces:
            return  # "promised to send an envoy to X", "dispatched aid": no force sent
        if patient is None and not nominal and tok.dep_ == "acl" and tok.tag_ == "VBN" \
                and tok.head.lemma_.lower() in self.finder.t.not_forces:
            return  # round 49: "the message being sent to X by Y": the noun the participle tells of is what is sent
        if patient is not None and self.people_moved(patient):
            return  # "to airlift Mr. X and his party to Y": an evacuation, not a deployment (round 35)
        if self.finder.t.base(tok) in self.finder.t.actor_verbs:  # "X fighters began arriving in Y"
            sender = (f.roles.get("agent") or f.roles.get("force") or [None])[0]
            told = self.relative_head(subj) if subj is not None and not nominal and tok.dep_ == "relcl" else subj
            # (round 48: "police who arrived ... set up camps"; round 50: "The 850 soldiers who arrived in X on
            # Thursday have set up checkpoints": the troops the relative pronoun stands for arrived)
            if subj is None or not (sender and self.kind(sender) in ARMED
                                    or told.lemma_.lower() in ARMED_NOUNS or self.counted_unit(told)):
                return
        if patient is not None:
            force = self.entity(patient, ("ArmedForce", "ArmedGroup"))
            if force and not f.filled("agent"):
                f.add("agent", self.res.country_entity(self.res.countries.get(force)) or None)
            if force and (not self.res.entities[int(force[1:]) - 1].name.endswith(" forces")
                          or patient.dep_ == "nsubjpass" and not f.filled("agent")):
                f.add("force", force)  # "Turkish troops are being deployed", Turkey never named: the troops are the force
            if not f.filled("agent") and patient.dep_ == "nsubjpass":  # "US advisers were sent"
                state = self.entity(patient, ("Country",), modifiers=True)
                f.add("agent", state)
            if not f.filled("agent") and force is None and patient.dep_ == "nsubjpass":
                f.add("agent", self.demonym_state(self.relative_head(patient)))  # "200 Kenyan police officers were sent"
                # ("50 Nigerian troops who were sent": the troops the relative stands for, round 11)
        if nominal and not f.filled("agent") and tok.dep_ in ("dobj", "nsubjpass") \
                and tok.head.lemma_.lower() in SANCTION_VERBS:
            subj = self.subject(tok.head)  # "X approved the deployment of 500 troops": X sends them
            agent = self.entity(subj, ACTORS, modifiers=True) if subj is not None else None
            if agent and self.kind(agent) == "ArmedForce":
                agent = self.res.country_entity(self.res.countries.get(agent)) or agent
            f.add("agent", agent)
        preps = self.preps(tok)
        if not nominal and not preps.get("to") and not preps.get("into"):
            inside = to_inside_from(tok)  # "move from their bases in X's region to Y" (round 15)
            if inside:
                preps["to"] = inside
        if nominal:  # "the deployment of 500 troops to X": the parse hangs "to X" on the troops or the verb
            holders = preps.get("of", []) + ([tok.head] if tok.dep_ == "dobj" and tok.head.lemma_.lower() in SANCTION_VERBS else [])
            for o in holders:
                for p, objs in self.preps(o).items():
                    if p in ("to", "into") and not preps.get(p):
                        preps.setdefault(p, []).extend(objs)
            for t in tok.subtree:  # "..., stationed at Fort X, to Y": the parse hangs "to Y" on the home base
                if t.i != tok.i and self.home_base(t) is not None and not preps.get("to"):
                    preps["to"] = list(self.preps(t).get("to", []))
        into = ("to", "into", "toward", "towards") + (("of",) if nominal and tok.lemma_.lower() in ("invasion", "incursion") else ())
        for p in into:  # "the invasion of X" is into X
            for obj in preps.get(p, []):
                for o in self.expand(obj):  # "to the X front", "to the airport in X"
                    f.add("destination", self.entity(o, PLACES, modifiers=True) or self.place_in(o))
        in_verbs = ("deploy", "station", "position", "garrison", "redeploy", "reinforce") + tuple(self.finder.t.actor_verbs)
        # ("reinforcing the peacekeepers already in X": where the reinforced are, round 11)
        if self.finder.t.base(tok) in in_verbs:
            for o in preps.get("for", []):  # "deployed for exercises in X, Y and Z"
                preps.setdefault("in", []).extend(self.preps(o).get("in", []))
        if self.finder.t.base(tok) in in_verbs and patient is not None and not preps.get("in"):
            preps["in"] = self.preps(patient).get("in", [])  # "will station four battalions in X"
        at = preps.get("at", []) if self.finder.t.base(tok) in self.finder.t.actor_verbs else []
        if not at and not nominal and tok.dep_ != "acl" and self.finder.t.base(tok) in AT_VERBS and not preps.get("to") \
                and not any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in tok.children):
            at = preps.get("at", [])  # "will be stationed at the X Training Area", not "troops based at X" (round 15)
            # (nor "troops are already stationed at X": where they are, told as a state)
        for obj in (preps.get("in", []) if self.finder.t.base(tok) in in_verbs else []) + at:
            for o in self.expand(obj):  # ("arrived at X airport", "serving at Y air base")
                f.add("destination", self.entity(o, PLACES))
        if not f.filled("destination") and not nominal and patient is not None \
                and self.finder.t.base(tok) in PLACE_OBJECT_VERBS and self.kind(self.res.entity_at(patient)) == "Location" \
                and self.reinforced_by_troops(tok, subj):
            f.add("destination", self.res.entity_at(patient))  # round 50: "the army reinforced neighbouring X"
        if not f.filled("destination") and not nominal and self.finder.t.base(tok) in CAMP_VERBS:
            f.add("destination", self.camped_at(tok))  # round 48
        if not f.filled("destination") and not nominal and self.finder.t.base(tok) in AT_VERBS:
            f.add("destination", self.placed_around(tok, preps))  # round 35
        if not f.filled("destination"):
            for c in tok.children:  # "sent to protect X", "deployed to secure X"
                if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in GUARD_VERBS:
                    obj = self.child(c, "dobj")
                    if obj is not None:
                        f.add("destination", self.entity(obj, PLACES))
        if reached is not None:
            for o in self.expand(reached):  # "reached X": X the destination (round 39)
                f.add("destination", self.entity(o, PLACES) or self.named_in_the_noun(o))
            if not f.filled("destination"):
                return
        for obj in preps.get("from", []):
            f.add("origin", self.entity(obj, PLACES))
        troops_told = not nominal and tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in TROOP_OBJECTS
        self.quantities(f, tok.head if troops_told else tok, patient)  # "600 paratroopers ... deployed to X"
        if "troops" not in f.quantities and not nominal and subj is not None and subj.i not in {t.i for t in tok.subtree} \
                and self.relative_head(subj).lemma_.lower() in TROOP_OBJECTS:
            self.quantities(f, subj, None)  # round 50: "about 90 soldiers began deploying to X": the subject of the
            # verb the deployment hangs on, counted in its own phrase
        if not nominal and "troops" not in f.quantities:
            f.quantities.update(self.strength_told(tok))  # "the division arrived here 20,000-strong" (round 15)
        if not f.filled("destination"):
            f.add("destination", self.area_told_before(preps))  # "troops who were sent to the area" (round 11)
        if not f.filled("destination") and tok.dep_ == "conj" and self.trigger_type(tok.head)[0] == "Deployment":
            for obj in self.preps(tok.head).get("to", []):  # "A sent X to P, and B sent a contingent"
                for o in self.expand(obj):
                    f.add("destination", self.entity(o, PLACES, modifiers=True) or self.place_in(o))
        if not f.filled("destination") and not nominal and tok.dep_ == "pcomp" and tok.head.lower_ in ("after", "upon", "on") \
                and self.finder.t.base(tok) in self.finder.t.actor_verbs and tok.head.head.pos_ == "VERB":
            for p in ("at", "in"):  # "took up its tasks at X air base after arriving from Y": at X (round 9)
                for o in self.preps(tok.head.head).get(p, []):
                    f.add("destination", self.entity(o, PLACES))
        if not f.filled("destination") and not nominal and tok.dep_ != "acl" and self.finder.t.base(tok) in in_verbs \
                and any(c.lower_ == "here" and c.dep_ == "advmod" for c in tok.children):
            f.add("destination", self.dateline_place() or self.dateline)  # "arrived here": the dateline's town (round 15)
        if not f.filled("destination") and not nominal and tok.dep_ == "relcl" and self.finder.t.base(tok) in self.finder.t.actor_verbs:
            f.add("destination", self.where_the_arrived_camp(tok))  # round 48
        if not f.filled("destination"):
            self.infer_destination(f, tok)
        elif not nominal:
            town = self.evacuated_from(tok, f)  # round 50: "moved into X to assist with the evacuation of
            if town is not None:              # citizens from Y": the forces went to Y, X's town
                f.roles["destination"] = [town]
        if not f.filled("agent") and not nominal and self.child(tok, "nsubjpass") is not None:
            f.add("agent", self.announcer(tok))  # "The ministry announced that 2,500 troops would be sent"
        if not f.filled("agent") and (f.filled("destination") or f.quantities):  # (never the only role: round 35)
            f.add("agent", self.sender_told_by_force(tok, nominal, subj, patient, f))
        self.not_sent_home(f, preps)  # round 35
        if self.finder.t.base(tok) in self.finder.t.troop_verbs and not (f.filled("destination") or f.quantities):
            return  # "whether X would contribute soldiers": no place, no number, no deployment
        if self.finder.t.base(tok) in self.finder.t.actor_verbs and not f.filled("destination") \
                and (not f.quantities.get("troops") or not nominal and tok.dep_ == "relcl"):
            return  # "the insurgents, who arrived in a dozen gun trucks": coming to a fight, not deployed (round 9)
            # (round 50: "1,800 police who arrived in the area have searched ...": a relative's arrival placed nowhere)
        if f.filled("agent", "destination") or f.quantities:
            others = self.other_senders(subj, f) if subj is not None else []
            yield self.finish(f)
            for state in others:  # "A and B say they plan to deploy troops to X"
                g = dataclasses.replace(f, roles={r: list(ids) for r, ids in f.roles.items()}, quantities={})
                g.roles["agent"] = [state]
                yield self.finish(g)

    def not_sent_home(self, f: Frame, preps: dict[str, list[Token]]) -> None:
        """Round 35: "X has sent about 2,500 soldiers to its former colony": a destination read as the
        sending state itself (the possessive resolved to the sender) is no destination; the country the
        report is about, when it is another state the report names, is (not for "to its own territory":
        the sender's own ground, no other state)."""
        agents = set(f.roles.get("agent", []))
        dests = f.roles.get("destination", [])
        if not agents or not any(d in agents for d in dests):
            return
        f.roles["destination"] = [d for d in dests if d not in agents]
        own = any(c.lower_ == "own" for p in ("to", "into", "in") for o in preps.get(p, []) for c in o.subtree)
        if not f.roles["destination"] and not own:
            home = {self.res.countries.get(a) for a in agents}
            code = self.res.dominant_country
            state = self.res.country_entity(code) if code and code not in home else None
            f.roles["destination"] = [state] if state else []

    def people_moved(self, patient: Token) -> bool:
        """Round 35: the object of a verb of sending is a named person or civilians (events.yaml
        ``deployment_people``), and none of its conjuncts is a force ("airlifted Mr. X and his party",
        "flew 300 citizens to Y"; not "sent 300 soldiers and a medical team")."""
        told = self.expand(patient)
        if any(self.relative_head(t).lemma_.lower() in TROOP_OBJECTS or self.kind(self.res.entity_at(t)) in ("ArmedForce", "ArmedGroup")
               for t in told):
            return False
        return any(self.kind(self.res.entity_at(t)) == "Person" or t.lemma_.lower() in PEOPLE for t in told)

    def placed_around(self, tok: Token, preps: dict[str, list[Token]]) -> Optional[str]:
        """Round 35: "forces of X positioned themselves in a defensive perimeter around the embassy",
        "troops were stationed outside Y": a verb of placing with no "in", "at" or "to" place read is
        placed at the one place named by its "around", "outside" or "near" phrase (events.yaml
        ``deployment_placing.preps``), or by that phrase of the noun its "in" phrase names."""
        found = []
        for p in PLACING_PREPS:
            objs = list(preps.get(p, [])) + [o for n in preps.get("in", []) for o in self.preps(n).get(p, [])]
            for obj in objs:
                for o in self.expand(obj):
                    eid = self.entity(o, PLACES) or self.place_in(o)
                    if eid and eid not in found:
                        found.append(eid)
        return found[0] if len(found) == 1 else None

    def sender_told_by_force(self, tok: Token, nominal: bool, subj: Optional[Token], patient: Optional[Token],
                             f: Frame) -> Optional[str]:
        """Round 35: a deployment with no sender read yet is sent by the state its force is told as
        ("I ordered the deployment of 2,000 additional X forces to Y": the state of the X forces, when the
        report names it; "forces of the X Group": that body), by the body that leads or owns the operation or
        force its troops serve in ("in an operation led by X", "to X's peacekeeping force": events.yaml
        ``deployment_led``; an Organization only), or, for a unit told as the subject of an active verb ("the Nth Brigade will
        deploy to Y"), by the body whose statement tells it ("The Department of the Army announced that
        ..."). Only the words of the deployment's own clause are read."""
        nouns = list(self.preps(tok).get("of", [])) if nominal else [n for n in (subj, patient) if n is not None]
        for noun in nouns:
            if self.relative_head(noun).lemma_.lower() not in TROOP_OBJECTS and self.kind(self.res.entity_at(noun)) != "ArmedForce":
                continue
            force = self.entity(noun, ("ArmedForce",), modifiers=True)
            state = self.res.country_entity(self.res.countries.get(force)) if force else None
            if state is not None:
                return state
            for o in self.preps(noun).get("of", []):  # "forces of the X Observer Group": the body sends them
                body = self.entity(o, ("Organization", "Country"))
                if body is not None:
                    return body
        for p in ("in", "to"):  # "in an operation led by X", "to X's peacekeeping force": the body X
            for o in self.preps(tok).get(p, []):
                if o.lemma_.lower() not in LED:
                    continue
                owners = [c for c in o.children if c.dep_ == "poss"]
                owners += [b for c in o.children if c.dep_ == "acl" and c.lemma_.lower() == "lead"
                           for b in self.preps(c).get("by", [])]
                for owner in owners:
                    body = self.entity(owner, ("Organization",))
                    if body is not None:
                        return body
        if not nominal and subj is not None and self.res.entity_at(subj) is None \
                and subj.lemma_.lower() in STATE_BODIES and any(c.lower_ == "the" for c in subj.children) \
                and self.res.dominant_country:  # "the government would deploy 500 soldiers to X"
            return self.res.country_entity(self.res.dominant_country)
        if not nominal and subj is not None and f.filled("force"):
            return self.announcer(tok, modifiers=False)  # "the Department of the Army announced that the brigade will deploy"
            # (its subject itself: not "said a general who served beside X forces")
        return None

    def strength_told(self, verb: Token) -> dict[str, Quantity]:
        """Round 15: "the division arrived here 20,000-strong": a strength told after the verb, with no
        noun to count (the quantity rules count nouns), is the number of troops deployed."""
        for c in verb.children:
            if c.lower_ == "strong" and c.dep_ in ("advmod", "acomp", "dobj", "oprd", "npadvmod", "advcl"):
                for n in c.children:
                    if n.tag_ == "CD" and n.i < c.i:
                        try:
                            value = float(n.text.replace(",", ""))
                        except ValueError:
                            continue
                        return {"troops": Quantity(value, "exact", n.text)}
        return {}

    def _welcomed(self, tok: Token) -> Iterable[Frame]:
        """"The prime minister welcomed at X airport the first contingent of the mission, made up of 400
        officers of the Kenyan police": the welcomed force arrived where it was welcomed. The host is
        not its sender: the sender is the state the force's own words name (round 11)."""
        patient = self.child(tok, "dobj", "nsubjpass")
        if patient is None:
            return
        f = self.new("Deployment", tok, False)
        for p in ("at", "in"):
            for o in self.preps(tok).get(p, []):
                f.add("destination", self.entity(o, PLACES) or self.place_in(o))
        if not f.filled("destination"):
            return  # "welcomed the troops' return": nowhere told
        told = [patient, *[w for c in patient.children if c.dep_ == "acl" for w in c.subtree
                           if w.lemma_.lower() in TROOP_OBJECTS]]
        for noun in told:
            state = self.demonym_state(noun) or self.state_of_force(noun)
            if state is not None:
                f.add("agent", state)
                break
        self.quantities(f, tok, patient)
        for q in self.quants if "troops" not in f.quantities else []:  # "..., made up of 400 officers"
            if any(self.sent.char(w) - self.sent.start == q.start for n in told[1:] for w in n.subtree if w.like_num):
                f.quantities["troops"] = q.quantity
                break
        yield self.finish(f)

    def _arrival(self, tok: Token) -> Iterable[Frame]:
        """"The arrival of 300 Kenyan soldiers in X on Monday", "the planned arrival of a force of 1,400":
        troops (or a counted unit) arriving in or at a place are deployed there, sent by their state.
        The arrival of anyone else (a delegation, aid, refugees) is no deployment (round 11)."""
        troops = [o for o in self.preps(tok).get("of", []) if o.lemma_.lower() in TROOP_OBJECTS or self.counted_unit(o)]
        if not troops:
            return
        f = self.new("Deployment", tok, True)
        for p in ("in", "at", "to"):
            for o in self.preps(tok).get(p, []) + self.preps(troops[0]).get(p, []):
                f.add("destination", self.entity(o, PLACES) or self.place_in(o))
        if not f.filled("destination"):
            return
        state = self.demonym_state(troops[0]) or self.state_of_force(troops[0])
        force = self.entity(troops[0], ("ArmedForce",), modifiers=True)
        if state is None and force is not None:
            state = self.res.country_entity(self.res.countries.get(force))
            if state is None:
                f.add("force", force)
        f.add("agent", state)
        self.quantities(f, tok, None)
        yield self.finish(f)

    def state_of_force(self, noun: Token) -> Optional[str]:
        """The state of a force or police service named in the noun's "of" phrase ("officers of the
        Kenyan police service"), when the report names that state."""
        for o in self.preps(noun).get("of", []):
            eid = self.entity(o, ("ArmedForce", "Organization"), modifiers=True)
            code = self.res.countries.get(eid) if eid else None
            state = self.res.country_entity(code) if code else None
            if state is not None:
                return state
        return None

    def area_told_before(self, preps: dict[str, list[Token]]) -> Optional[str]:
        """"sent to the area", "to the region": a definite area noun with no name of its own is where
        the deployment told in this sentence or the two before went (round 11)."""
        if not any(o.lemma_.lower() in ("area", "region") and o.pos_ == "NOUN" and self.res.entity_at(o) is None
                   and any(d.dep_ == "det" and d.lower_ == "the" for d in o.children) for o in preps.get("to", [])):
            return None
        for g in reversed(self.told):
            if g.sentence.index < self.sent.index - 2:
                break
            if g.type == "Deployment" and g.roles.get("destination"):
                return g.roles["destination"][0]
        return None

    def sent_by_a_state(self, subj: Token) -> bool:
        """Round 39: the subject of a verb of reaching is a force a state sends: troops or uniformed
        people by their noun ("350 troops", "the contingent"), or a state's or a body's forces by name;
        never an armed group ("the rebels reached the outskirts of X": an advance, no deployment)."""
        head = self.relative_head(subj)
        eid = self.entity(head, ACTORS, modifiers=True)
        if eid and self.kind(eid) == "ArmedGroup":
            return False
        return bool(eid and self.kind(eid) in ("ArmedForce", "Country", "Organization")) \
            or head.lemma_.lower() in TROOP_OBJECTS or head.lemma_.lower() in self.finder.t.counted_people

    def camped_at(self, tok: Token) -> Optional[str]:
        """Round 48: where troops camped ("have camped next to X airport", "camped around X", "have been camped at the
        football ground of X"): the first place named in the phrase of a camping preposition hung on the verb
        (kg/data/events.yaml ``r48_camping``), before the next verb; none when the phrase names none."""
        for c in tok.children:
            if c.dep_ not in ("prep", "advmod") or c.lower_ not in CAMP_PREPS:
                continue
            for t in c.subtree:
                if t.pos_ in ("VERB", "AUX") and t.i != c.i:
                    break
                eid = self.res.entity_at(t)
                if eid and self.kind(eid) in PLACES:
                    return eid
        return None

    def where_the_arrived_camp(self, tok: Token) -> Optional[str]:
        """Round 48: "some 1,800 police who arrived in the area on Monday have set up camps around X", "soldiers that
        arrived on Wednesday have camped next to X": troops whose arrival a relative clause tells with no place of its
        own are deployed where the main clause says they camped (a verb of camping, or its object a camp: the phrase
        of a camping preposition)."""
        troops, main = tok.head, tok.head.head
        if troops.dep_ != "nsubj" or main.pos_ != "VERB" or not (
                troops.lemma_.lower() in TROOP_OBJECTS or self.kind(self.entity(troops, ("ArmedForce",), modifiers=True)) == "ArmedForce"):
            return None  # (troops, or people a state's force is told by: "1,800 X Police jawans")
        if self.finder.t.base(main) in CAMP_VERBS:
            return self.camped_at(main)
        for obj in main.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in CAMP_VERBS:  # ("set up camps around X")
                return self.camped_at(obj) or self.camped_at(main)
        return None

    def reinforced_by_troops(self, verb: Token, subj: Optional[Token]) -> bool:
        """Round 50: a town reinforced by a force, not by a fact ("the army reinforced X", "Bolivia reinforced X with 300
        soldiers"; not "the vote reinforced X as the capital"): the subject a state, a state's force or a noun of
        troops or of a state's armed body (events.yaml ``r50_place_object_verbs.subjects``), or troops in its "with"."""
        if any(o.lemma_.lower() in TROOP_OBJECTS for o in self.preps(verb).get("with", [])):
            return True
        if subj is None:
            return False
        head = self.relative_head(subj)
        return head.lemma_.lower() in TROOP_OBJECTS or head.lemma_.lower() in ARMED_BODIES \
            or self.kind(self.entity(head, ("Country", "ArmedForce"), modifiers=True)) in ("Country", "ArmedForce")

    def evacuated_from(self, tok: Token, f: Frame) -> Optional[str]:
        """Round 50: "U.S. forces moved into X to assist with the evacuation of citizens from Y", "sent troops to X to
        evacuate its nationals from Y": a deployment to a state whose purpose clause evacuates people from one town of
        that state went to that town (the most specific place). The words of evacuating are events.yaml
        ``r50_evacuations``; none when the clause names no town of the destination's state, or two."""
        dests = f.roles.get("destination", [])
        codes = {self.res.countries.get(d) for d in dests}
        if not dests or any(self.kind(d) != "Country" for d in dests) or None in codes:
            return None
        found: list[str] = []
        for c in tok.children:
            if c.dep_ not in ("advcl", "xcomp") or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                continue
            for t in c.subtree:
                if t.lemma_.lower() not in EVACUATIONS:
                    continue
                for o in self.preps(t).get("from", []):
                    eid = self.entity(o, ("Location",))
                    if eid and self.res.countries.get(eid) in codes and eid not in found:
                        found.append(eid)
        return found[0] if len(found) == 1 else None

    def named_in_the_noun(self, noun: Token) -> Optional[str]:
        """Round 48: "reached the X border belt", "reached X bazaar": a common noun naming no place itself, with a
        specific place (not a state) among its modifiers, lies at that place."""
        if self.res.entity_at(noun) is not None:
            return None
        for c in noun.children:
            if c.dep_ in ("compound", "nmod") and c.i < noun.i:
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) == "Location":
                    return eid
        return None

    def counted_unit(self, noun: Token) -> bool:
        """"200 police officers", "a contingent of 300 soldiers": uniformed people in a number a unit
        moves in (20 or more), though the report names no state or force for them (round 9)."""
        for n in [noun, *self.preps(noun).get("of", [])]:
            if n.lemma_.lower() in TROOP_OBJECTS or n.lemma_.lower() in self.finder.t.counted_people:
                for c in n.children:
                    if c.dep_ == "nummod" and c.like_num:
                        try:
                            if float(c.text.replace(",", "")) >= 20:
                                return True
                        except ValueError:
                            continue
        return False

    def demonym_state(self, noun: Token) -> Optional[str]:
        """"400 Kenyan police officers", "a contingent of 200 Kenyan police": uniformed people told by
        a nationality adjective are their state's, when the report names that state."""
        for n in [noun, *self.preps(noun).get("of", [])]:
            if n.lemma_.lower() not in TROOP_OBJECTS:
                continue
            for c in n.children:
                if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" and len(c.text) >= 4:
                    states = [e.id for e in self.res.entities if e.type == "Country"
                              and e.name.lower().startswith(c.text[:4].lower())]
                    if len(states) == 1:
                        return states[0]
        return None

    def _presence(self, tok: Token, troops: Token) -> Iterable[Frame]:
        """"the presence of 1,500 X troops in Y", "Z has 2,500 troops in Y": Y the destination, the
        troops' state (or the verb's subject) the sender, the troops the force when no state is named."""
        f = self.new("Deployment", tok, True)
        holder = self.subject(tok) if tok.pos_ in ("VERB", "AUX") else self.child(tok, "poss")
        agent = self.entity(holder, ("Country", "Organization"), modifiers=True) if holder is not None else None
        force = self.entity(troops, ("ArmedForce",), modifiers=True)
        if agent is None and force is not None:
            agent = self.res.country_entity(self.res.countries.get(force))
            if agent is None:
                f.add("force", force)
        f.add("agent", agent)
        for o in self.preps(troops).get("in", []) + self.preps(tok).get("in", []):
            for one in self.expand(o):  # a place named, not "in the country"
                f.add("destination", self.res.entity_at(one) if one.pos_ == "PROPN" and self.kind(self.res.entity_at(one)) in PLACES else None)
        self.quantities(f, tok, troops)
        if tok.pos_ in ("VERB", "AUX") and f.modality != "asserted":
            return  # "weighing whether to keep 5,000 troops in X": a choice, not troops there
        if f.filled("destination") and f.quantities:
            yield self.finish(f)

    def other_senders(self, subj: Token, f: Frame) -> list[str]:
        """States conjoined with the sender ("A and B will send troops", "A and B say they plan to
        deploy"): each sends its own, so each gets a deployment (without the first one's number)."""
        head = subj
        if subj.lower_ == "they" and subj.pos_ == "PRON":
            t = subj
            for _ in range(4):  # the subject of the clause the pronoun's clause hangs on
                if t.head.i == t.i:
                    break
                t = t.head
                outer = self.child(t, "nsubj") if t.pos_ in ("VERB", "AUX") else None
                if outer is not None and outer.i < subj.i and outer.conjuncts:
                    head = outer
                    break
        states = [e for o in self.expand(head)[1:] for e in [self.entity(o, ("Country",))] if e]
        return [e for e in dict.fromkeys(states) if e not in f.roles.get("agent", [])]

    def body_of(self, force: Optional[str]) -> Optional[str]:
        """The international body whose troops a force is ("U.N. peacekeepers": the U.N.)."""
        if force is None or self.kind(force) != "ArmedForce" or self.res.countries.get(force):
            return None
        owner = self.res.entities[int(force[1:]) - 1].attributes.get("affiliation")
        return owner if owner and self.kind(owner) == "Organization" else None

    def announcer(self, verb: Token, modifiers: bool = True) -> Optional[str]:
        """The state or body whose announcement tells a passive deployment ("The X ministry said
        500 troops would be sent"): it sends them."""
        t = verb
        for _ in range(3):
            if t.dep_ not in ("ccomp", "conj", "xcomp") or t.head.i == t.i:
                return None
            t = t.head
            if t.lemma_.lower() in ("say", "announce", "confirm", "state", "tell", "order", "approve", "decide"):
                subj = self.subject(t)
                eid = self.entity(subj, ("Country", "Organization", "ArmedForce"), modifiers=modifiers) if subj is not None else None
                return eid
        return None

    def movement(self, f: Frame, tok: Token, subj: Optional[Token]) -> Iterable[Frame]:
        """"Israeli troops entered southern X", "soldiers crossed the border into Y", "Z invaded W"."""
        if subj is None:
            return
        force = self.entity(subj, ("ArmedForce", "Country"), modifiers=True)
        if force is None or self.kind(force) == "ArmedForce" and not self.res.countries.get(force):
            return  # only a state's forces: armed groups entering a town are told as captures
        f.roles["agent"] = [self.res.country_entity(self.res.countries.get(force)) or force]
        obj = self.child(tok, "dobj")
        targets = self.expand(obj) if obj is not None and self.finder.t.base(tok) in ("enter", "invade") else []
        targets += [o for p in ("into", "to", "in") for o in self.preps(tok).get(p, [])]
        for o in targets:
            f.add("destination", self.entity(o, PLACES) or self.place_in(o))
        self.quantities(f, tok, None)
        if f.filled("destination"):
            yield self.finish(f)

    def infer_destination(self, f: Frame, tok: Token) -> None:
        """No explicit destination: the one country the places in the clause lie in."""
        codes = {self.res.countries.get(e) for e in self.entities_in(tok, ("Location",))}
        codes.discard(None)
        agent_codes = {self.res.countries.get(a) for a in f.roles.get("agent", [])}
        if len(codes) == 1:
            code = codes.pop()
            cid = self.res.country_entity(code)
            if cid and code not in agent_codes:
                f.add("destination", cid)
