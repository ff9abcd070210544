"""Folding retellings and duplicates into the event they retell, and dropping what tells no event.

Partial mentions and headlines, bare deployments, attacks told again once placed, captures told
again, bare retellings and unplaced tallies. ("The soldiers" told again after a numbered
deployment is a case of the one-event policy since round 27: ``one_event``.)
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.dating import Strength
from kg.extract.events.compare import _absorb, _compatible_counts, _dates_agree, _is_headline, _retaking, _same_side
from kg.extract.events.frame import Frame
from kg.extract.events.places import _drop_coarse_locations
from kg.extract.events.words import ANOTHER_ITEM
from kg.extract.places import COUNTRY, SPECIFIC, specificity
from kg.extract.resolve import Resolution


def _fold_partial(frames: list[Frame]) -> list[Frame]:
    """A headline's event is told again in the body, and one sentence may name an attack twice
    ("stormed a base ... in the attack"): fold such partial frames into a compatible one."""
    out: list[Frame] = []
    for f in frames:
        told = next((g for g in out if _headline_meeting(g, f)), None)
        if told is not None:  # "Commander Meets With President" and the body's "X met with President Y"
            out[out.index(told)] = f
            continue
        target = next((g for g in out if g.type == f.type and g.type in ("Attack", "Capture", "Deployment")
                       and not (g.background or f.background)
                       and (g.sentence.index == f.sentence.index or _is_headline(g))
                       and (_compatible(g, f) or _is_headline(g) and _same_toll(g, f) or _argument_of(g, f)
                            or _unplaced_headline(g, f))), None)
        if target is None:
            out.append(f)
            continue
        if _argument_of(target, f) and f.trigger.head.i == target.trigger.i:
            target.date, target.date_strength = f.date, f.date_strength  # "a bomb exploded on Thursday": the verb's
        if _is_headline(target) and not _is_headline(f):
            target.sentence, target.trigger, target.nominal = f.sentence, f.trigger, f.nominal
            target.bare = target.bare and f.bare  # (the body tells it with more than its verb: round 11)
            for role in ("location", "place", "destination"):  # the body names the place exactly
                if f.roles.get(role):
                    target.roles[role] = []
            if f.date and (target.date is None or f.date_strength > target.date_strength):  # unless weaker
                target.date, target.date_strength = f.date, f.date_strength
        _absorb(target, f)
    return out


def _unplaced_headline(headline: Frame, f: Frame) -> bool:
    """"Toll of convoy ambush rises to 23" over a body that places the ambush: a headline's event that
    names no place and has only the publication's date is the first such event of the body (the date
    the body gives wins; round 9)."""
    return _is_headline(headline) and not _is_headline(f) and headline.type == f.type \
        and headline.modality == f.modality and headline.date_strength <= Strength.PUBLISHED \
        and not any(headline.roles.get(r) for r in ("location", "place", "destination")) \
        and any(f.roles.get(r) for r in ("location", "place", "destination")) and _compatible_counts(headline, f)


def _headline_meeting(headline: Frame, f: Frame) -> bool:
    """A headline's meeting told in the body with a participant in common: the body names the
    people (the headline often gives only a role: "Commander Meets With President")."""
    return headline.type == f.type == "Meeting" and _is_headline(headline) and not _is_headline(f) \
        and headline.modality == f.modality and bool(
            set(headline.roles.get("participants", [])) & set(f.roles.get("participants", [])))


def _fold_bare_deployments(frames: list[Frame]) -> list[Frame]:
    """"Saturday's deployment comes after ...", "as they deployed", "the division's deployment":
    a deployment told with neither a destination nor a number, after one told with them, is that
    one told again (it adds only a sender the first one lacked)."""
    out: list[Frame] = []
    for f in frames:
        bare = f.type == "Deployment" and not f.filled("destination") and not f.quantities
        told = next((g for g in reversed(out) if g.type == "Deployment" and g.sentence.index < f.sentence.index
                     and (g.filled("destination") or g.quantities)), None) if bare else None
        if told is None:
            out.append(f)
            continue
        if not told.filled("agent"):
            for eid in f.roles.get("agent", []):
                told.add("agent", eid)
    # "X announces upcoming deployment" (a headline, a lead) before the deployment told with its
    # place or number: the later telling is the same deployment
    kept: list[Frame] = []
    for f in out:
        bare = f.type == "Deployment" and not f.filled("destination") and not f.quantities
        later = next((g for g in out if g.type == "Deployment" and g.sentence.index > f.sentence.index
                      and (g.filled("destination") or g.quantities)), None) if bare else None
        if later is None:
            kept.append(f)
        elif not later.filled("agent"):
            for eid in f.roles.get("agent", []):
                later.add("agent", eid)
    return kept


def _argument_of(a: Frame, b: Frame) -> bool:
    """"A bomb exploded ...": the event noun is the subject or object of the event verb."""
    if a.sentence.index != b.sentence.index:
        return False
    return any(n.nominal and not v.nominal and (
        n.trigger.head.i == v.trigger.i and n.trigger.dep_ in ("nsubj", "nsubjpass", "dobj")
        or n.trigger.dep_ == "pobj" and n.trigger.head.lower_ == "in" and n.trigger.head.i < v.trigger.i
        and n.trigger.head.head.i == v.trigger.i)  # "In a separate attack on Wednesday, gunmen killed three" (round 11)
        for n, v in ((a, b), (b, a)))


def _same_toll(a: Frame, b: Frame) -> bool:
    """The same death toll in the headline and the body ("raid kills 17" ... "killed 17 people")."""
    shared = set(a.quantities) & set(b.quantities)
    return bool(shared) and a.modality == b.modality and all(a.quantities[k].value == b.quantities[k].value for k in shared)


def _compatible(a: Frame, b: Frame) -> bool:
    """No role names two different things and no count differs."""
    if a.modality != b.modality:
        return False
    for role in ("location", "place", "destination", "perpetrator", "captor", "agent"):
        ra, rb = set(a.roles.get(role, [])), set(b.roles.get(role, []))
        if ra and rb and not ra & rb:
            return False
    for k in set(a.quantities) & set(b.quantities):
        if a.quantities[k].value != b.quantities[k].value:
            return False
    if a.type == "Capture" and a.roles.get("place") != b.roles.get("place"):
        return False
    if not _dates_agree(a, b):
        return False  # told at different times
    if a.type == "Capture" and not (a.nominal or b.nominal) and a.trigger.i != b.trigger.i \
            and a.sentence.index == b.sentence.index and set(a.roles.get("captor", [])) != set(b.roles.get("captor", [])):
        return False  # "captured by A ... and retaken by B"
    return bool(set(a.quantities) & set(b.quantities)) or any(
        set(a.roles.get(r, [])) & set(b.roles.get(r, [])) for r in a.roles) or a.sentence.index == b.sentence.index


def _drop_bare_retellings(frames: list[Frame], res: Resolution) -> list[Frame]:
    """An attack told by its verb alone ("the men opened fire") stands only where its report
    places it in a town (not a state) no other attack of the report is placed in: elsewhere it
    tells again, or sums up, an attack told with more. Round 40: not when it is dated to a day of its
    own and the other attack to another day (``_another_day``): then it is a second attack."""
    placed: dict[str, list[Frame]] = {}
    for f in frames:
        if f.type == "Attack" and not f.bare:
            for e in f.roles.get("location", []):
                placed.setdefault(e, []).append(f)
    out = []
    for f in frames:
        locs = f.roles.get("location", [])
        if f.bare and (not locs or any(res.kinds.get(e) != "Location" for e in locs)
                       or any(not _another_day(f, g) for e in locs for g in placed.get(e, []))):
            continue
        unplaced = next((g for g in reversed(out) if f.bare and g.type == "Attack" and not g.bare
                         and not g.filled("location") and 0 < f.sentence.index - g.sentence.index <= 2
                         and not _another_day(f, g)), None)
        if unplaced is not None:  # "ambushed a convoy, killing nine. The militants fired at the convoy
            unplaced.roles["location"] = list(locs)  # as it was traveling in X": the ambush, in X
            continue
        out.append(f)
    return out


def _another_day(f: Frame, g: Frame) -> bool:
    """Round 40: "The attack on the post on New Year's Eve ... On Monday a sergeant was shot dead in
    the same city": a bare telling dated to a day of its own, told in its sentence or attached to its
    verb, and an attack dated to another day are two attacks, whatever their place."""
    strong = (Strength.NEAREST, Strength.ATTACHED)
    return f.date is not None and g.date is not None and f.date_strength in strong and g.date_strength in strong \
        and len(f.date.value) == len(g.date.value) == 10 and f.date.value != g.date.value


def _fold_placed_attacks(frames: list[Frame], res: Resolution) -> list[Frame]:
    """Once places are refined, one attack told twice is recognised by its place: "attacked a
    barracks in X (a state or a region), killing 12 ... gunmen stormed the post in Y (a town of
    X)", or two tellings that now share a town. The later telling folds into the earlier one
    when their tolls, attackers and dates agree; the finer place wins."""
    out: list[Frame] = []
    for f in frames:
        target = None
        if f.type == "Attack" and f.modality == "asserted" and not f.distinct:
            target = next((g for g in out if _told_again(g, f, res)), None)
        elif f.type == "Capture" and f.modality == "asserted":
            target = next((g for g in out if _capture_told_again(g, f)), None)
        if target is None:
            out.append(f)
            continue
        if f.type == "Capture":
            _absorb(target, f)  # a holder guessed for one telling is not the captor the other names
            target.roles["former"] = [e for e in target.roles.get("former", []) if e not in target.roles.get("captor", [])]
            continue
        places = list(dict.fromkeys(target.roles.get("location", []) + f.roles.get("location", [])))
        _absorb(target, f)
        finest = max(specificity(e, res) for e in places)
        target.roles["location"] = [e for e in places if specificity(e, res) == finest]
    for f in out:
        if f.type == "Attack":
            _drop_coarse_locations(f, res)
    return [f for f in out if not _series_in_a_state(f, res)]


DEMONSTRATIVES = ("this", "that")
RETOLD_WITHIN = 4  # sentences after the attack told before


def _fold_demonstrative(frames: list[Frame]) -> list[Frame]:
    """Round 15: "Two other soldiers were also wounded in this attack": an attack noun with "this" or
    "that", placed nowhere and by no one named, is the last attack told before it (a few sentences
    back); its toll and target go to that attack, where that one has none."""
    out: list[Frame] = []
    for f in frames:
        t = f.trigger
        if f.type == "Attack" and f.modality == "asserted" and f.nominal and not f.filled("location") \
                and not f.filled("perpetrator") and t.tag_ == "NN" \
                and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in t.children):
            before = next((g for g in reversed(out) if g.type == "Attack" and g.modality == "asserted"
                           and g.filled("location") and 0 <= f.sentence.index - g.sentence.index <= RETOLD_WITHIN), None)
            if before is not None:
                for k, q in f.quantities.items():
                    before.quantities.setdefault(k, q)
                if not before.filled("target"):
                    for eid in f.roles.get("target", []):
                        before.add("target", eid)
                continue
        out.append(f)
    return out


ENTRY_VERBS = ("enter", "roll", "pour")  # (not "invade", "cross": an invasion or a border crossing is news of its own)


def _entry_of_a_capture(frames: list[Frame], res: Resolution, base) -> list[Frame]:
    """Round 15: "government forces said they recaptured X ... 'They entered X from the north'": forces
    entering the place their side is told to have captured, with no number, tell the capture again,
    no deployment of their own."""
    taken = [(set(g.roles.get("place", [])), {res.countries.get(e) for e in g.roles.get("captor", [])} - {None})
             for g in frames if g.type == "Capture" and g.modality == "asserted" and g.filled("place")]
    out = []
    for f in frames:
        if f.type == "Deployment" and f.modality == "asserted" and not f.nominal and not f.quantities \
                and base(f.trigger) in ENTRY_VERBS and f.filled("destination"):
            sides = {res.countries.get(e) for r in ("agent", "force") for e in f.roles.get(r, [])} - {None}
            if any(set(f.roles["destination"]) <= places and (not sides or sides & captors) for places, captors in taken):
                continue
        out.append(f)
    return out


def _drop_unplaced_tallies(frames: list[Frame]) -> list[Frame]:
    """"Pakistan's army says it has killed up to 30 insurgents": an attack placed nowhere, even
    after the places of the sentences around it were tried, by an attacker whose attacks the
    report places elsewhere, is the tally of that campaign told again, no attack of its own; so is
    an attack placed nowhere, by no one named, told in the present perfect ("five people have been
    shot and killed in the south") when the report places other attacks (round 9)."""
    placed = {e for f in frames if f.type == "Attack" and f.modality == "asserted" and f.filled("location")
              for e in f.roles.get("perpetrator", [])}
    any_placed = any(f.type == "Attack" and f.modality == "asserted" and f.filled("location") for f in frames)
    return [f for f in frames if not (f.type == "Attack" and f.modality == "asserted" and not f.filled("location")
                                      and (set(f.roles.get("perpetrator", [])) & placed
                                           or any_placed and not f.filled("perpetrator") and _perfect(f.trigger)))]


def _drop_claimed_kills(frames: list[Frame], res: Resolution, base, kill_verbs: frozenset[str],
                        claim_verbs: frozenset[str], attack_nouns: frozenset[str] = frozenset()) -> list[Frame]:
    """"Officials say they killed at least 20 rebels", "X claimed to have killed more than 130
    soldiers": a side's claim of its own kills, told by a killing verb that names no place after
    the report has told an attack, retells that fighting (its toll as one side counts it), no
    attack of its own; it is dropped, its figure with it (round 18). Told first, by an attack's
    own word, or placed ("says it killed 100 militants in the town of Y": another attack), it stays."""
    out: list[Frame] = []
    for f in frames:
        if f.type == "Attack" and f.modality == "asserted" and not f.nominal and base(f.trigger) in kill_verbs \
                and (_claimed_by_killer(f.trigger, base, claim_verbs) or _in_the_attacks_told(f.trigger, attack_nouns)) \
                and not any(res.kinds.get(res.entity_at(t) or "") == "Location" for t in f.trigger.subtree) \
                and any(g.type == "Attack" and g.modality == "asserted" and g.sentence.index < f.sentence.index
                        for g in frames if g is not f):
            continue
        out.append(f)
    return out


def _claimed_by_killer(verb: Token, base, claim_verbs: frozenset[str]) -> bool:
    """The killing verb is what its killers claim: "X claimed to have killed" (its infinitive, the
    subject shared) or "X say they killed" (its clause, with a pronoun for the sayer as subject)."""
    head = verb.head
    if head is verb or head.pos_ not in ("VERB", "AUX") or base(head) not in claim_verbs:
        return False
    if verb.dep_ == "xcomp":
        return True
    return verb.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.lower_ in ("they", "it", "we")
                                        for c in verb.children)


def _in_the_attacks_told(verb: Token, nouns: frozenset[str]) -> bool:
    """"Government forces have killed more than 20 militants in the counterattacks": killed "in" a
    definite plural of an attack noun, the attacks the report told before; the kills are their toll."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
        o.dep_ == "pobj" and o.tag_ == "NNS" and o.lemma_.lower() in nouns
        and any(d.lower_ == "the" for d in o.children) for o in c.children) for c in verb.children)


def _perfect(verb: Token) -> bool:
    """"At least five people have been shot and killed in the south": the present perfect of a
    lead that sums up the attacks the report then tells one by one (round 9)."""
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                       for c in verb.children)


def _series_in_a_state(f: Frame, res: Resolution) -> bool:
    """"comes after a series of militant bombings in the country": a run of attacks across a
    whole state with no toll sums up others, it is no one attack ("a series of airstrikes on X
    that killed six" is)."""
    t = f.trigger
    if f.type != "Attack" or not f.nominal or f.quantities or t.tag_ != "NNS" or t.dep_ != "pobj" \
            or t.head.lower_ != "of" or t.head.head.lemma_.lower() not in ("series", "spate", "string", "wave"):
        return False
    return all(res.kinds.get(e) == "Country" for e in f.roles.get("location", []))


def _told_again(a: Frame, b: Frame, res: Resolution) -> bool:
    """b, told just after a, is a again: no toll, attacker or date differs, one of them gives
    the toll (or b is a noun telling it again), and b's place is a's or a town within a's state
    or region; or b is placed only in the state of a's town and gives no count a does not
    ("Two soldiers were killed ... north of X" ... "two soldiers were killed and another was
    wounded", placed in the state: round 13)."""
    if a.type == "Attack" and a.modality == b.modality and 2 < b.sentence.index - a.sentence.index <= 4 \
            and _placed_in_its_state(a, b, res):
        return True  # round 13: told again a little further on, placed only in the state of a's town
    if a.type != "Attack" or a.modality != b.modality or not 0 < b.sentence.index - a.sentence.index <= 2:
        return False  # told again within the next two sentences, or another story of the report
    if ANOTHER_ITEM.match(b.sentence.text):
        return False  # "Also on Wednesday, militants attacked ...": the next item of a round-up
    if not (_compatible_counts(a, b) and _same_side(a, b, res) and _dates_agree(a, b)):
        return False
    la, lb = a.roles.get("location", []), b.roles.get("location", [])
    if not la or not lb:
        return False
    # one telling gives the toll, or the later one is a noun ("Friday's attack in Y")
    one_toll = bool(a.quantities) != bool(b.quantities) or b.nominal
    if set(la) & set(lb):
        return one_toll
    if _placed_in_its_state(a, b, res):
        return True
    level = max(specificity(e, res) for e in la)
    within = {res.countries.get(e) for e in la} - {None}
    # a finer place of that state (or a town the gazetteer does not know, named in a report on it)
    return level < SPECIFIC and bool(within) and one_toll and all(
        specificity(e, res) > level and res.countries.get(e) in within | {None} for e in lb)


def _placed_in_its_state(a: Frame, b: Frame, res: Resolution) -> bool:
    """Round 13: b, an attack placed only in the state of a's town, gives no count a does not give
    (nor another one), names no other attacker and is dated with it: a told again ("Two soldiers
    were killed ... north of X" ... "Two soldiers from the Nth Division were killed and another was
    wounded", the state its only place). Not the next item of a round-up ("Also on Tuesday, ...")."""
    la, lb = a.roles.get("location", []), b.roles.get("location", [])
    if not la or not lb or ANOTHER_ITEM.match(b.sentence.text):
        return False
    within = {res.countries.get(e) for e in la} - {None}
    return max(specificity(e, res) for e in la) > COUNTRY and bool(within) \
        and all(specificity(e, res) == COUNTRY for e in lb) and {res.countries.get(e) for e in lb} <= within \
        and set(b.quantities) <= set(a.quantities) and _compatible_counts(a, b) and _same_side(a, b, res) \
        and _dates_agree(a, b)


def _capture_told_again(a: Frame, b: Frame) -> bool:
    """"Insurgents have taken control of X" (the news, dated by the report) and "Y took control
    of the city on Friday", or "rebels have retaken X" and "have taken back X": one capture when
    the place, the hands (a re-taking or not) and any captors agree and one telling is only
    reported as a result, with no time of its own, or names the place again by a noun ("the
    group had captured the village")."""
    if a.type != "Capture" or a.modality != b.modality or a.roles.get("place") != b.roles.get("place") \
            or not a.roles.get("place") or _retaking(a) != _retaking(b):
        return False
    ca, cb = set(a.roles.get("captor", [])), set(b.roles.get("captor", []))
    if ca and cb and ca != cb:
        return False
    return _result_only(a) or _result_only(b) or b.pointed_back  # ("had captured the village": told before)


def _result_only(f: Frame) -> bool:
    """A capture told in the present perfect ("have taken") with no time hanging on it."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in f.trigger.children)
    return not f.nominal and perfect and f.date_strength < Strength.ATTACHED
