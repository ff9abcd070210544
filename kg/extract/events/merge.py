"""Merging the mentions of one event in a document, and the roles only the whole document tells.

``_merge`` joins the frames that tell one event; the other functions fill roles from other
events of the report (the attacker of the lead, the holders of a chain of captures, the former
holder, the leaders named elsewhere) and resolve definite retellings ("the raid").
"""

from __future__ import annotations

from typing import Optional

from kg.extract.dating import Strength
from kg.extract.events.compare import _absorb, _compatible_counts, _retaking, _same, _same_side
from kg.extract.events.fold import _fold_bare_deployments, _fold_partial
from kg.extract.events.frame import Frame
from kg.extract.events.places import _most_specific_destination, _set_place
from kg.extract.nlp import Sentence
from kg.extract.resolve import Resolution


# ----- merging and output

def _merge(frames: list[Frame], res: Resolution, posts: frozenset[str] = frozenset()) -> list[Frame]:
    out: list[Frame] = []
    settings = [f for f in frames if f.setting]
    for f in _resolve_anaphoric([f for f in frames if not f.setting], res):
        target = None if f.distinct or f.background else next((g for g in out if not g.background and _same(g, f, res)), None)
        if target is None:
            out.append(f)
            continue
        _absorb(target, f)
        if target.type == "Meeting" and f.modality == "asserted" and target.modality in ("planned", "hypothetical"):
            target.modality = "asserted"  # round 49: "will have to make progress in her talks with X" ... "the
            # secretary and X held talks": the talks told as held (the same day's) are held
    out = _fold_partial(out)
    for f in settings:  # "the assault took place in X": the attack told last before it
        told = next((g for g in reversed(out) if g.type == "Attack" and g.modality == f.modality
                     and g.sentence.index < f.sentence.index and _same_side(g, f, res) and _compatible_counts(g, f)), None)
        if told is not None:
            _set_place(told, f, res)
        elif f.trigger.tag_ != "NNS":  # "the deadly attacks all took place near X", told of no attack
            out.append(f)              # before, sums up the attacks the report tells one by one
    out = _fold_bare_deployments(out)
    _attacker_of_the_lead(out, res)
    _chain_holders(out)
    _former_from_adversaries(out, res, posts)
    for f in out:
        _most_specific_destination(f, res)
    return [f for f in out if f.bare or not (f.type == "Attack" and not f.filled("location") and not f.quantities)]


def _attacker_of_the_lead(frames: list[Frame], res: Resolution) -> None:
    """A report that names the group behind the attack it leads with ("a deadly attack late Saturday
    by X rebels", "X militants stormed ...") and no other group as an attacker tells the rest of
    that attack, or of its day, without the name again ("at least 14 people were killed in Y", "the
    men opened fire"): the later attacks naming no attacker, and not X as their target, were X's."""
    attacks = [f for f in frames if f.type == "Attack" and f.modality == "asserted"]
    if not attacks:
        return
    first = min(attacks, key=lambda f: f.sentence.index)
    lead = first.roles.get("perpetrator", [])
    if len(lead) == 1 and res.kinds.get(lead[0]) in ("ArmedForce", "Country"):
        # round 25: "X has conducted four airstrikes ... A strike on April 23 killed two": the later
        # attack nouns naming no attacker were X's, when X is the only attacker the report names
        named = {e for f in attacks for e in f.roles.get("perpetrator", [])}
        if named == set(lead):
            for f in attacks:
                if f is not first and f.nominal and not f.filled("perpetrator") and not f.distinct \
                        and lead[0] not in f.roles.get("target", []) and f.sentence.index > first.sentence.index:
                    f.add("perpetrator", lead[0])
        return
    if len(lead) != 1 or res.kinds.get(lead[0]) != "ArmedGroup":
        return
    named = {e for f in attacks for e in f.roles.get("perpetrator", []) if res.kinds.get(e) == "ArmedGroup"}
    if named != set(lead):
        return
    for f in attacks:
        if f is not first and not f.filled("perpetrator") and not f.distinct \
                and lead[0] not in f.roles.get("target", []) and f.sentence.index > first.sentence.index:
            f.add("perpetrator", lead[0])


def _chain_holders(frames: list[Frame]) -> None:
    """A place taken twice: whoever took it first held it when it was taken again. (Round 16: a
    re-taking no longer names its captor as the first capture's former holder: "X seized the town
    in May ... government forces retook it" does not say whom X took it from. Round 27: a later
    capture naming no captor and not told as a re-taking may be the first told again, so it gets
    no holder from it; ``one_event`` decides whether the two are one.)"""
    by_place: dict[str, list[Frame]] = {}
    for f in frames:
        if f.type == "Capture" and f.modality == "asserted" and f.roles.get("place") and f.date is not None:
            by_place.setdefault(f.roles["place"][0], []).append(f)
    for captures in by_place.values():
        captures.sort(key=lambda f: f.date.value)
        for a, b in zip(captures, captures[1:]):
            if a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value):
                if _told_after(b, a) or b.background and not a.background:
                    a, b = b, a
                elif not (_told_after(a, b) or a.background and not b.background):
                    continue  # same time, with no "after" (or clause of an earlier capture) to order them (round 13)
            if not a.filled("captor") and not b.filled("captor"):
                continue  # nobody named
            if not b.filled("captor") and not _retaking(b):
                continue  # the first capture told again, perhaps: one_event decides (round 27)
            if not b.filled("former"):
                for c in a.roles.get("captor", []):
                    if c not in b.roles.get("captor", []):
                        b.add("former", c)


def _leaders_named(frames: list[Frame], sentences: list[Sentence], res: Resolution, leader_nouns: frozenset[str]) -> None:
    """Round 13: "met for a second day with the leader of X" names a person the report names
    elsewhere as X's leader ("Y, the head of X, ..."): the meeting's participant is Y, not X. Only
    when the report gives X one such person, and only for the participant told as "the leader of X"."""
    if not any(f.type == "Meeting" for f in frames):
        return  # (only a meeting's participants change)
    leaders: dict[str, set[str]] = {}
    for sent in sentences:
        span = sent.span
        doc = span.doc
        key = id(doc)
        for i in range(span.start, span.end):  # (res.entity_at of each word, without making the words that name none)
            person = res.by_token.get((key, i))
            if res.kinds.get(person) != "Person":
                continue
            tok = doc[i]
            for c in tok.children:
                if c.dep_ == "appos" and c.lemma_.lower() in leader_nouns:
                    for o in (w for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for w in p.children
                              if w.dep_ == "pobj"):
                        group = res.entity_at(o)
                        if group and group != person:
                            leaders.setdefault(group, set()).add(person)
    if not leaders:
        return
    for f in frames:
        if f.type != "Meeting":
            continue
        for noun in f.sentence.span:
            if noun.lemma_.lower() not in leader_nouns or noun.pos_ != "NOUN" \
                    or not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
                continue
            end = noun.right_edge.i + 1  # the "of" phrase, and a name set after it by a comma
            after = end + 1 if end < len(noun.doc) and noun.doc[end].text == "," else end
            told = {res.entity_at(t) for t in noun.subtree} | {res.entity_at(t) for t in noun.doc[after:after + 6]
                                                               if after > end}
            for group in told:
                if group in f.roles.get("participants", []) and len(leaders.get(group, ())) == 1:
                    person = next(iter(leaders[group]))
                    f.roles["participants"] = list(dict.fromkeys(
                        person if e == group else e for e in f.roles["participants"]))


def _told_after(a: Frame, b: Frame) -> bool:
    """Round 13: a is told in an "after" clause of b's sentence ("A day after X captured the town,
    rebels retook it"), so it came first, whatever the dates the two were given."""
    if a.sentence.index != b.sentence.index or a.nominal:
        return False
    for x in [a.trigger, *a.trigger.ancestors]:
        if b.trigger.i in {t.i for t in x.subtree}:
            return False
        if x.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in x.children) \
                or x.dep_ == "pcomp" and x.head.lower_ == "after":
            return True
    return False


def _former_from_adversaries(frames: list[Frame], res: Resolution, posts: frozenset[str] = frozenset()) -> None:
    """A capture naming no former holder took the place from the captor's adversary in this
    article: the most-mentioned actor it fights in the other events (attacks, captures). An
    armed group that overran posts (events.yaml ``military_posts``: "overran the army posts in X")
    took them from the one state force of the place's state; a town taken by an armed group is not
    said to be taken from that state's forces unless the text tells them fighting (round 17)."""
    foes: dict[str, set[str]] = {}
    for f in frames:
        pairs = [("perpetrator", "target"), ("captor", "former")]
        for a_role, b_role in pairs:
            for a in f.roles.get(a_role, []):
                for b in f.roles.get(b_role, []):
                    if a != b:
                        foes.setdefault(a, set()).add(b)
                        foes.setdefault(b, set()).add(a)
    armed = {"ArmedGroup", "ArmedForce"}
    for f in frames:
        if f.type != "Capture" or f.filled("former") or not f.filled("captor"):
            continue
        captors = f.roles["captor"]
        candidates = {x for c in captors for x in foes.get(c, ())} - set(captors) - set(f.roles.get("supporter", []))
        candidates = {x for x in candidates if res.kinds.get(x) in armed}
        place_state = res.countries.get((f.roles.get("place") or [None])[0])
        if place_state is None:  # a town the gazetteer does not know: the captors' one state, if they have one
            codes = {res.countries.get(c) for c in captors}
            place_state = codes.pop() if len(codes) == 1 else None
        home = {x for x in candidates if res.countries.get(x) == place_state}
        if not home and place_state and all(res.kinds.get(c) == "ArmedGroup" for c in captors) \
                and _took_posts(f, posts):
            forces = {e.id for e in res.entities if e.type == "ArmedForce" and res.countries.get(e.id) == place_state}
            home = forces if len(forces) == 1 else set()  # an armed group overran posts in X: X's forces held them
        candidates = home or candidates  # a town of X taken from X's forces, not from a foe fought elsewhere
        if candidates:
            f.add("former", max(candidates, key=lambda x: (len(res.entities[int(x[1:]) - 1].mentions), x)))
    _former_of_the_campaign(frames, res)


def _took_posts(f: Frame, posts: frozenset[str]) -> bool:
    """The capture's object or passive subject is a military post ("overran the army posts in X")."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in posts for c in f.trigger.children)


def _former_of_the_campaign(frames: list[Frame], res: Resolution) -> None:
    """"The retaking of X by A", with "Y and Z, lost by the group in 2015 ...": when every other
    capture of the report was taken from one armed group, a capture naming no former holder
    took its place from that group too (unless that group is its captor or supporter)."""
    held = [f for f in frames if f.type == "Capture" and f.modality == "asserted"]
    formers = {e for f in held for e in f.roles.get("former", [])}
    if len(formers) != 1:
        return
    group = formers.pop()
    if res.kinds.get(group) not in ("ArmedGroup", "ArmedForce"):
        return
    for f in held:
        if not f.filled("former") and f.filled("captor") and group not in f.roles["captor"] \
                and group not in f.roles.get("supporter", []):
            f.add("former", group)


def _resolve_anaphoric(frames: list[Frame], res: Resolution) -> list[Frame]:
    """"Troops killed X in a raid on Monday. The raid killed seven militants": the second
    sentence tells more of the attack before it, within two sentences."""
    out: list[Frame] = []
    for f in frames:
        if f.anaphoric:
            target = next((g for g in reversed(out) if g.type == f.type and g.modality == f.modality
                           and 0 <= f.sentence.index - g.sentence.index <= 2 and g is not f), None)
            if target is not None and _compatible_counts(target, f) and _same_side(target, f, res):
                _absorb(target, f)
                continue
            target = _the_day_told_before(out, f, res)
            if target is not None:
                _absorb(target, f)
                continue
            if f.toll_only:
                continue  # "the fighting" with no attack told just before: fighting in general
        out.append(f)
    return out


def _the_day_told_before(out: list[Frame], f: Frame, res: Resolution) -> Optional[Frame]:
    """"A bombing in X killed a journalist ... (three sentences on) The Thursday night blast killed
    four": a definite event noun with no place, dated by its own time to the day, further back
    than two sentences, is the one attack of the report told for that day (round 12). Only one:
    with two attacks that day, or a toll or side that differs, it points at none."""
    if not (f.nominal and f.date and f.date.precision == "day" and f.date_strength >= Strength.ATTACHED):
        return None
    same_day = [g for g in out if g.type == f.type and g.modality == f.modality and g.date is not None
                and g.date.value == f.date.value and g.sentence.index < f.sentence.index]
    if len(same_day) != 1 or not (_compatible_counts(same_day[0], f) and _same_side(same_day[0], f, res)):
        return None
    return same_day[0]
