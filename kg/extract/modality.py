"""Modality of an event mention: did it happen, is it planned, hypothetical, or denied?

News states goals as purpose clauses ("to help retake X", "efforts to retake X", "a step toward
retaking X"), plans with future auxiliaries, possibilities with modals and conditionals, and
denials with negation. Only the trigger's own clause and the clauses it is the purpose of are
read: an event reported inside "X said ..." keeps the modality of its own clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.events_data import events_yaml

REPORT_NOUNS = frozenset(["report", "claim", "allegation", "rumour", "rumor", "suggestion", "account", "assertion"])
PLAN_ADJECTIVES = frozenset(["planned", "proposed", "future", "expected", "prospective"])
SPAN_NOUNS = frozenset(["day", "week", "month", "year", "decade"])
#: round 49: verbs whose passive subject, an event noun, is still to come (events.yaml r49_expected)
EXPECTED_VERBS = frozenset(events_yaml().get("r49_expected") or [])
CLIMB = ("xcomp", "conj", "pcomp", "pobj", "dobj", "prep", "nsubj", "nsubjpass", "appos", "attr", "csubj")


@dataclass(frozen=True)
class Modality:
    future: frozenset[str]
    hypothetical: frozenset[str]
    purpose_nouns: frozenset[str]
    purpose_verbs: frozenset[str]
    negation_verbs: frozenset[str]
    request_verbs: frozenset[str] = frozenset()
    habitual_adverbs: frozenset[str] = frozenset()
    consequence_verbs: frozenset[str] = frozenset()
    prevention_verbs: frozenset[str] = frozenset()
    ongoing_verbs: frozenset[str] = frozenset()
    accusing_verbs: frozenset[str] = frozenset()
    possibility_adjectives: frozenset[str] = frozenset()
    fear_words: frozenset[str] = frozenset()
    readiness_adjectives: frozenset[str] = frozenset()
    unchanged_past: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> "Modality":
        d = events_yaml()
        return cls(frozenset(d["future_aux"]), frozenset(d["hypothetical_aux"]),
                   frozenset(d["purpose_nouns"]), frozenset(d["purpose_verbs"]),
                   frozenset(d["negation_verbs"]), frozenset(d.get("request_verbs", [])),
                   frozenset(d.get("habitual_adverbs", [])), frozenset(d.get("consequence_verbs", [])),
                   frozenset(d.get("prevention_verbs", [])), frozenset(d.get("ongoing_verbs", [])),
                   frozenset(d.get("accusing_verbs", [])), frozenset(d.get("possibility_adjectives", [])),
                   frozenset(d.get("fear_words", [])), frozenset(d.get("readiness_adjectives", [])),
                   frozenset(d.get("unchanged_past", [])), frozenset(d.get("light_verbs", [])))

    def _verb_is(self, verb: Token, words: frozenset[str]) -> bool:
        """The verb is one of ``words``, a phrasal one ("step up") with its particle."""
        lemma = verb.lemma_.lower()
        if lemma in words:
            return True
        return any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in words for c in verb.children)

    def ongoing(self, trigger: Token) -> bool:
        """"continued its offensive", "has stepped up attacks", "continues to send troops", "the
        offensive continued": a campaign kept going, told as background, not one event (news tells
        the campaign's events each on its own, with their place and toll)."""
        if trigger.dep_ in ("xcomp", "dobj", "nsubj") and trigger.head.pos_ in ("VERB", "AUX") \
                and self._verb_is(trigger.head, self.ongoing_verbs):
            return True
        # round 30, the noun's form of the same: "the continued bombardment of X", "the sustained
        # deployment of troops in Y" (not the subject of a clause of its own: "the continued shelling
        # of X killed four" tells its toll, one event)
        return trigger.pos_ == "NOUN" and trigger.dep_ not in ("nsubj", "nsubjpass") and any(
            c.dep_ == "amod" and c.lemma_.lower() in self.ongoing_verbs for c in trigger.children)

    def accused(self, trigger: Token) -> bool:
        """"accused X of attacking Y": the deed is told as done, the accuser's report of it."""
        prep = trigger.head
        if trigger.dep_ not in ("pcomp", "pobj") or prep.lower_ != "of":
            return False
        accuser = prep.head.head if prep.head.dep_ == "dobj" else prep.head  # "of" hung on the accused
        return accuser.lemma_.lower() in self.accusing_verbs

    def habitual(self, verb: Token) -> bool:
        """"has repeatedly attacked", "has killed dozens in X since 2014", "has struck X dozens of
        times": a habit or a tally over years, not one event."""
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        if not perfect:
            return False
        return any(c.dep_ == "advmod" and c.lower_ in self.habitual_adverbs for c in verb.children) or any(
            c.dep_ == "prep" and c.lower_ == "since" for c in verb.children) or any(
            c.dep_ in ("npadvmod", "dobj", "advmod") and c.right_edge.lower_ == "times" for c in verb.children) \
            or self._over_a_span(verb)
        # ("has struck X several times", "hundreds of times", "in recent months", "this year": round 9)

    @staticmethod
    def campaign(verb: Token) -> bool:
        """"The group has been seizing areas in X", "have been attacking villages": a perfect progressive
        over a bare plural object tells a campaign going on, not one event (one is told with its
        place named or counted: "has been shelling the town since dawn" stays an event)."""
        if verb.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                         for c in verb.children) \
                or not any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children):
            return False
        return any(c.dep_ == "dobj" and c.tag_ == "NNS" and not any(
            d.dep_ in ("det", "nummod", "poss", "compound") for d in c.children) for c in verb.children)

    @staticmethod
    def _over_a_span(verb: Token) -> bool:
        """A perfect told over a span of time: "in recent months", "over the past year", "this year",
        "so far this year", "across central X" (a tally, round 9)."""
        for c in verb.children:
            spans = [c] if c.dep_ == "npadvmod" else [o for o in c.children if o.dep_ == "pobj"] \
                if c.dep_ == "prep" and c.lower_ in ("in", "over", "during", "throughout", "across") else []
            for o in spans:
                if c.lower_ == "across":
                    return True
                if o.lemma_.lower() in SPAN_NOUNS and (o.tag_ == "NNS" or o.lemma_.lower() in ("year", "decade")) \
                        and any(d.lower_ in ("recent", "past", "last", "this", "several", "few") for d in o.children):
                    return True  # (not "this week", "last week": one event may be told so)
        return False

    def present_habit(self, verb: Token, base: str | None = None) -> bool:
        """"The militants often attack army posts", "rebels who attack convoys", "the group carries out
        attacks": news tells a done event in the past tense, so a body sentence's simple present (no
        auxiliary) tells a habit or a description. Only a verb whose form is surely present counts: not
        "hit", "cut" (the same in the past), nor a past form the tagger took for a present ("retook")."""
        if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return False
        lemma, word = (base or verb.lemma_).lower(), verb.lower_  # ``base``: the rules' own lemma ("retook": retake)
        if lemma == "be":
            return word in ("is", "are")  # "attacks on civilians are a crime"
        if verb.pos_ != "VERB":
            return False
        if lemma in self.unchanged_past:
            return False
        return word in (lemma, lemma + "s", lemma + "es") or lemma.endswith("y") and word == lemma[:-1] + "ies"

    def of(self, trigger: Token) -> str:
        tok = self._setting_of_purpose(trigger) or trigger
        for _ in range(6):
            if tok is not trigger and self._doer_denied(trigger, tok):
                return "asserted"
            if tok is not trigger and self._outcome_denied(trigger, tok):
                return "asserted"
            if tok is not trigger and _property_denied(trigger, tok):
                return "asserted"
            verdict = self._clause(tok)
            if verdict:
                return verdict
            if tok.dep_ == "advcl" and not self._infinitive(tok):
                if tok.tag_ == "VBG" and not any(c.dep_ == "mark" for c in tok.children):
                    return self._modal(tok.head) or "asserted"  # "X might move north, pushing them ..." (round 9)
                return "asserted"
            if tok.dep_ == "nsubj" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in self.consequence_verbs \
                    and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                if self._conditional(tok.head):
                    return "hypothetical"  # round 30: "the fall of X would give them ...": if it fell
                return "asserted"  # "the capture of X will allow ...": the capture is done, its effect to come
            if tok.dep_ not in CLIMB + ("advcl",) or tok.head.i == tok.i:
                return "asserted"
            tok = tok.head
        return "asserted"

    @staticmethod
    def _outcome_denied(trigger: Token, verb: Token) -> bool:
        """Round 41: "yesterday's meeting produced no result", "the talks reached no agreement": a
        meeting noun, the subject of a verb whose object is denied ("no ..."), was held; only its
        outcome is denied (not "the talks did not take place": that verb's own negation)."""
        nouns = (events_yaml().get("Meeting") or {}).get("nouns", [])
        return trigger.dep_ == "nsubj" and trigger.head.i == verb.i and verb.pos_ == "VERB" \
            and trigger.lemma_.lower() in nouns and not any(c.dep_ == "neg" for c in verb.children) \
            and any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
                    for c in verb.children)

    @staticmethod
    def _setting_of_purpose(trigger: Token) -> Token | None:
        """Round 10: "A and B leaned across a table to shake hands at the meeting in X": the purpose is
        the handshake; the meeting, named with "the" as its setting, is told as given. So its
        modality is that of the clause the purpose belongs to (a past "leaned": it happened), not
        the purpose's ("to attack the convoy at a checkpoint" stays a goal: "a" is no setting told)."""
        prep = trigger.head
        if not (trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and prep.lower_ in ("at", "during")
                and any(c.dep_ == "det" and c.lower_ == "the" for c in trigger.children)):
            return None
        verb = prep.head
        if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
                and verb.head.pos_ == "VERB":
            return verb.head
        return None

    def _modal(self, verb: Token) -> str | None:
        """The modality a verb's own auxiliary gives ("might move": hypothetical, "will send": planned)."""
        for c in verb.children:
            if c.dep_ in ("aux", "auxpass"):
                if c.lower_ in self.hypothetical:
                    return "hypothetical"
                if c.lower_ in self.future:
                    return "planned"
        return None

    def _denied_report(self, head: Token) -> bool:
        """"denied reports (circulating online) that X had seized Y": the seizure is denied."""
        if head.dep_ == "acl" and head.pos_ == "VERB":
            head = head.head
        return (head.lemma_.lower() in REPORT_NOUNS and head.dep_ in ("dobj", "nsubjpass")
                and head.head.lemma_.lower() in self.negation_verbs)

    @staticmethod
    def _named_as(verb: Token) -> bool:
        """"calling the recapture of X a milestone", "called the attack cowardly": "call" with a
        predicate of its object names a thing that happened; it asks for nothing (a request verb's
        object is hypothetical only when asked for, "called for talks", "demanded a ceasefire")."""
        return verb.lemma_.lower() == "call" and any(
            c.dep_ in ("oprd", "acomp") or c.dep_ == "dobj" and c.i > min(
                (d.i for d in verb.children if d.dep_ == "dobj"), default=c.i)
            for c in verb.children)

    def _doer_denied(self, noun: Token, verb: Token) -> bool:
        """Round 30: "the group denied carrying out the attack", "denied launching Monday's raid": a
        denied light verb over a definite event noun denies who did it, not that it was done (the
        attack is told as fact, its perpetrator claimed or attributed by others). "denied launching
        attacks" (no event pointed to) stays denied."""
        return noun.pos_ == "NOUN" and noun.dep_ == "dobj" and noun.head.i == verb.i \
            and self._verb_is(verb, self.light_verbs) and verb.dep_ in ("xcomp", "ccomp") \
            and self._verb_is(verb.head, self.negation_verbs) \
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in noun.children)

    def _conditional(self, verb: Token) -> bool:
        """Round 30: a verb told under "would" or a modal of possibility ("would give", "could cut"):
        what it says follows only if its subject comes to be."""
        return any(c.dep_ == "aux" and (c.lower_ == "would" or c.lower_ in self.hypothetical) for c in verb.children)

    @staticmethod
    def _generic_gerund(tok: Token) -> bool:
        """Round 30: "Taking the bridge lets them cross", "Sending more troops is the usual reflex": a
        gerund with no subject of its own, the subject of a present verb with no auxiliary, tells a
        kind of act and what it does, not one act done ("Taking the town took three weeks" is told
        done; "Retaking it could cut ..." is read from the modal)."""
        if tok.tag_ != "VBG" or tok.dep_ not in ("csubj", "nsubj") or any(
                c.dep_ in ("nsubj", "poss", "aux") for c in tok.children):
            return False
        head = tok.head
        return head.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in head.children)

    @staticmethod
    def _generic_plural(tok: Token) -> bool:
        """Round 30: "Attacks carried out by X have so far been limited to A and B", "Raids on border
        posts are rare": a bare plural event noun (no article, number or owner) that is the subject of a
        present or present perfect clause tells a kind of event, not one (the noun's form of
        ``present_habit``). A past verb tells events done ("Attacks by X killed 12 in A on Monday")."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ not in ("nsubj", "nsubjpass") or any(
                c.dep_ in ("det", "nummod", "poss", "quantmod") for c in tok.children):
            return False
        head = tok.head
        if head.pos_ not in ("VERB", "AUX"):
            return False
        auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        if not auxes:
            return head.tag_ in ("VBZ", "VBP")
        return auxes[0].lemma_ == "have" and auxes[0].tag_ in ("VBZ", "VBP") or \
            auxes[0].lower_ in ("is", "are") and head.tag_ == "VBN"

    def _denied_claim(self, tok: Token) -> bool:
        """Round 30: "X said it had seized the base, a claim the army denied": a report noun set beside
        the clause (its verb's object, or in apposition inside the clause) that a negation verb's
        relative clause denies."""
        if tok.dep_ != "ccomp" or tok.pos_ not in ("VERB", "AUX"):
            return False
        around = [c for c in tok.head.children if c.dep_ in ("dobj", "npadvmod", "appos") and c.i > tok.i]
        around += [t for t in tok.subtree if t.dep_ == "appos"]
        return any(n.lemma_.lower() in REPORT_NOUNS and any(
            r.dep_ == "relcl" and self._verb_is(r, self.negation_verbs) for r in n.children) for n in around)

    @staticmethod
    def _infinitive(tok: Token) -> bool:
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)

    def _clause(self, tok: Token) -> str | None:
        children = list(tok.children)
        if any(c.dep_ == "neg" for c in children):
            return "negated"
        if tok.lemma_.lower() in REPORT_NOUNS and any(c.dep_ == "det" and c.lower_ == "no" for c in children):
            return "negated"  # "there have been no reports of people being attacked"
        if tok.dep_ in ("ccomp", "xcomp") and self._verb_is(tok.head, self.negation_verbs):
            return "negated"  # "denied that ...", "ruled out sending troops"
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in self.purpose_nouns | {"plan", "intention"} and any(
                d.dep_ == "det" and d.lower_ == "no" for d in tok.head.children):
            return "negated"  # "has no plans to send troops"
        told = next((c.lower_ for c in children if c.dep_ == "amod" and c.lower_ in self.possibility_adjectives), None)
        if tok.pos_ == "NOUN" and told:  # "possible attacks on X", "an imminent offensive", "a planned deployment"
            return "planned" if told in PLAN_ADJECTIVES else "hypothetical"
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.fear_words:
            return "hypothetical"  # "fears of an attack", "warned of attacks on X"
        if tok.pos_ == "NOUN" and (tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.request_verbs
                                   and not self._named_as(tok.head) or
                                   tok.dep_ == "pobj" and tok.head.lower_ == "for"
                                   and tok.head.head.lemma_.lower() in self.request_verbs):
            return "hypothetical"  # "called for the deployment of troops", "demanded talks"
        if tok.dep_ == "xcomp" and tok.head.pos_ == "ADJ" and tok.head.lower_ in self.readiness_adjectives:
            return "planned"  # "is ready to deploy", "is due to send"
        if tok.dep_ == "nsubjpass" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in EXPECTED_VERBS:
            return "planned"  # round 49: "another round of talks is expected Tuesday", "talks are scheduled for May"
        if tok.dep_ in ("ccomp", "acl") and self._denied_report(tok.head):
            return "negated"
        if tok.dep_ == "relcl" and self._denied_report(tok.head) and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in tok.children):
            return "negated"  # round 30: "denied reports on social media that X had taken Y" (parsed relative)
        if self._denied_claim(tok):
            return "negated"  # round 30: "..., a claim the army denied"
        if self._generic_gerund(tok) or self._generic_plural(tok):
            return "hypothetical"  # round 30: "Taking the bridge lets them cross", "Attacks by X have been limited to Y"
        if tok.dep_ in ("dobj", "nsubjpass") and self._verb_is(tok.head, self.prevention_verbs):
            return "negated"  # "police foiled an attack", "the attack was thwarted"
        if any(c.dep_ in ("dobj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in children):
            return "negated"  # "no troops would be sent", "sent no reinforcements"
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in self.request_verbs:
            return "hypothetical"  # "urged the government to send more troops": asked for, not planned
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
            return "hypothetical"
        for c in children:
            if c.dep_ in ("aux", "auxpass"):
                word = c.lower_
                if word in self.hypothetical:
                    return "hypothetical"
                if word in self.future:
                    return "planned"
        if tok.dep_ == "xcomp" and self._infinitive(tok) and tok.head.lower_ == "going":
            return "planned"  # "there was going to be an invasion to occupy X"
        if tok.dep_ in ("xcomp", "ccomp") and self._infinitive(tok) and tok.head.lemma_ == "be" \
                and not any(c.dep_ == "expl" for c in tok.head.children):
            return "planned"  # "the prime ministers are to hold talks"
        if tok.dep_ == "pcomp" and tok.head.lower_ in ("toward", "towards"):
            return "planned"
        head = tok.head.lemma_.lower()
        # round 33: a purpose noun only as a noun ("a drive to retake X"), not the verb of the same
        # form ("a campaign that has driven them out, two months after troops arrived": no purpose)
        purpose = head in self.purpose_verbs and tok.head.pos_ in ("VERB", "AUX") or \
            head in self.purpose_nouns and tok.head.pos_ in ("NOUN", "PROPN")
        if tok.dep_ in ("xcomp", "acl", "advcl") and purpose \
                and not (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.pos_ == "VERB"):
            return "planned"  # (not "drove a car into X, killing seven": a participle is no purpose)
        if self._infinitive(tok) and tok.dep_ in ("ROOT", "advcl", "acl"):
            return "planned"
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and head in self.purpose_verbs:
            return "planned"
        return None


def _property_denied(trigger: Token, verb: Token) -> bool:
    """Round 46: an event noun, the subject of a negated verb, that the sentence tells as having
    happened, only a property of it denied: "the attack on X ... was not the last in the city that
    week" (a copula whose complement ranks it: first, last, only, a superlative), "the drone attack
    ... did not take place inside X but targeted Y" (a verb "but" replaces with one not negated that
    takes the same subject)."""
    if trigger.dep_ != "nsubj" or trigger.head.i != verb.i or trigger.pos_ != "NOUN" \
            or not any(c.dep_ == "neg" for c in verb.children):
        return False
    ranks = frozenset((events_yaml().get("r46_denied_properties") or {}).get("ranks", []))
    if verb.lemma_.lower() == "be" and any(
            c.dep_ in ("attr", "acomp") and (c.lower_ in ranks or c.tag_ == "JJS"
                                             or any(d.dep_ == "amod" and (d.lower_ in ranks or d.tag_ == "JJS")
                                                    for d in c.children))
            for c in verb.children):
        return True
    return any(c.dep_ == "cc" and c.lower_ == "but" for c in verb.children) and any(
        c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ == "VBD" and c.i > verb.i
        and not any(d.dep_ in ("neg", "nsubj", "nsubjpass", "aux", "auxpass") for d in c.children)
        for c in verb.children)  # (not "did not happen but was planned")
