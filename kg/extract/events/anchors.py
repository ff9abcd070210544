"""Round 28: one policy for an event's anchor place among the places its report ties to it.

Earlier rounds chose an event's place in many steps, each keyed to a wording (``places.refine_places``:
a finer place of the same state in the sentence or the two after it that tell no event;
``event_places.anchor_places``: a place noun told before, the home of the target, the dateline;
the folds: the finer place of two tellings). This pass runs once on the final frames (tellings
folded, places refined) and applies one rule to attacks, captures and deployments alike:

    an event placed only at a less specific place (a state, a division, an area) moves to the most
    specific place that the report ties to the event and that lies inside the current one.

*Tied to the event*, nearest first: its own clause (the trigger's subtree), then its sentence, then
the next sentence when that sentence tells the same event again by a definite event noun ("The
battle of Y, ...", "the attack") and no other placed event. Deployments look in their own clause
only: the sentences after an announcement tell where it was made.

*Inside* by containment: the candidate's state is the current place's (a state's town, a division's
town by its admin-1 code: ``places._inside``), or the text relates them ("Y, a village in X", "a
military camp near Y"); a place the gazetteer does not place (no state known) counts only as the
place of the event noun that tells the event again ("The battle of Y"): in the event's own clause it
may be where the troops came from ("soldiers stationed at Fort Y arrived in X").

*Never*: the place of another event of the report, a place named only inside a quotation, an
origin ("fired from Y"), an attribution ("officials in Y said"), a border's neighbour, a bearing's
reference point, a destination of travel (all left out by ``places.places_in``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional


from kg.extract.events.frame import Frame
from kg.extract.events.one_event import ANCHOR
from kg.extract.events_data import events_yaml
from kg.extract.nlp import Sentence
from kg.extract.places import SPECIFIC, _destination, _inside, places_in, specificity
from kg.extract.resolve import Resolution

QUOTES = frozenset(['"', "“", "”", "``", "''"])


@lru_cache(maxsize=1)
def _settings() -> dict:
    return events_yaml().get("anchor_policy", {})


def told_again_nouns() -> frozenset[str]:
    return frozenset(_settings().get("told_again_nouns", []))


def _quoted(tok) -> bool:
    """The token lies inside a quotation of its sentence (an odd number of quote marks before it)."""
    sent = tok.sent
    marks = sum(1 for t in sent if t.i < tok.i and t.text in QUOTES)
    return marks % 2 == 1


def _states(current: list[str], res: Resolution) -> set[str]:
    return {res.countries.get(e) for e in current} - {None}


def _contained(eid: str, current: list[str], res: Resolution) -> bool:
    """Containment: the candidate's state is the current place's, and inside its division when the
    current place is a division with an admin-1 code."""
    states = _states(current, res)
    return bool(states) and res.countries.get(eid) in states and _inside(eid, current, res)


SITE_PREPS = frozenset(["in", "near", "outside", "at", "of"])


def _said_to_be_in(eid: str, current: list[str], sent: Sentence, res: Resolution) -> bool:
    """The text relates the two: "Y, a village in X", "Y in X", "Y, X" (the current place hangs on
    the candidate's mention, through an apposition or an "in" phrase); or the current place is a site
    no gazetteer lists, told by common nouns, and the candidate the town it is at ("a military camp
    near Y", "a base outside Y")."""
    for tok in sent.span:
        if res.entity_at(tok) != eid:
            continue
        for t in tok.subtree:
            if res.entity_at(t) in current and t.i != tok.i:
                return True
        if tok.dep_ == "pobj" and tok.head.lower_ in SITE_PREPS and res.entity_at(tok.head.head) in current \
                and all(specificity(e, res) < SPECIFIC and _unnamed_site(e, res) for e in current):
            return True
    return False


def _unnamed_site(eid: str, res: Resolution) -> bool:
    """A place told by common nouns ("U.S. military camp"): its name's words after the first are
    lower case, and the gazetteer links it to nothing."""
    ent = res.entities[int(eid[1:]) - 1]
    words = ent.name.split()
    return res.kinds.get(eid) == "Location" and not ent.links.get("geonames") and len(words) > 1 \
        and all(w[:1].islower() for w in words[1:])


#: Dependents that open a clause of their own inside the trigger's subtree: what the troops are sent
#: for ("to stop militants regrouping in the hills around Y"), what happened after: not the event's place.
OWN_CLAUSES = frozenset(["advcl", "xcomp", "ccomp", "relcl", "acl", "parataxis"])


def _clause(trigger) -> set[int]:
    """The trigger's clause: its subtree without the clauses of their own hung inside it."""
    out = set()
    for t in trigger.subtree:
        u, inside = t, True
        while u.i != trigger.i:
            if u.dep_ in OWN_CLAUSES or u.dep_ == "conj" and u.pos_ in ("VERB", "AUX"):  # "... and have been supporting"
                inside = False
                break
            u = u.head
        if inside:
            out.add(t.i)
    return out


def _candidates(f: Frame, sent: Sentence, res: Resolution, clause_only: bool) -> Iterable[tuple[str, object]]:
    span = _clause(f.trigger) if clause_only else None
    for eid, i in places_in(sent, res):
        tok = sent.span.doc[i]
        if span is not None and i not in span:
            continue
        if _quoted(tok) or _destination(tok):
            continue
        yield eid, tok


def _retelling_place(f: Frame, sent: Sentence, res: Resolution) -> list[str]:
    """"The battle of Y, a fight in a mountainous village, began ...": the places a definite event
    noun of the next sentence names as its own ("of", "in", "at", "near" Y)."""
    out = []
    nouns = told_again_nouns() | {f.trigger.lemma_.lower()}
    for t in sent.span:
        if t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() not in nouns:
            continue
        if not any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in t.children):
            continue
        for p in t.children:
            if p.dep_ == "prep" and p.lower_ in ("of", "in", "at", "near"):
                for o in p.children:
                    if o.dep_ == "pobj":
                        eid = res.entity_at(o) or _named(o, res)
                        if eid and res.kinds.get(eid) == "Location" and not _quoted(o):
                            out.append(eid)
    return out


def _named(tok, res: Resolution) -> Optional[str]:
    """The report's place of that name, when the mention here was not read as one ("The Battle of Y"
    taken whole as a name): the name's words are the place's name."""
    words = [t.text for t in tok.subtree if t.dep_ in ("compound", "flat") or t.i == tok.i]
    name = " ".join(words)
    return next((e.id for e in res.entities if e.type == "Location" and (e.name == name or name in e.aliases)), None)


def _container_settings() -> dict:
    return events_yaml().get("place_before_container", {})


def _mention_start(tok, eid: str, res: Resolution):
    """The first token of the entity mention ``tok`` belongs to."""
    doc = tok.doc
    i = tok.i
    while i > tok.sent.start and res.entity_at(doc[i - 1]) == eid:
        i -= 1
    return doc[i]


def _written_inside(tok, res: Resolution) -> Optional[str]:
    """Round 39: the place that ``tok``'s mention (the first token of a place Y) is written as the
    container of: "near X, in Y", "on Mount X, also in Y", "on X, in the governorate of Y". X is a
    Location named just before the comma, the object of a place preposition (events.yaml
    ``place_before_container``); none when Y is an item of a list ("in Y and Z") or X is ("A, B, in Y")."""
    from kg.extract.events.places import DIVISION_WORDS
    cfg = _container_settings()
    preps, adverbs = frozenset(cfg.get("preps", [])), frozenset(cfg.get("adverbs", []))
    doc, start = tok.doc, tok.sent.start
    eid = res.entity_at(tok)
    end = tok.i
    while end + 1 < tok.sent.end and res.entity_at(doc[end + 1]) == eid:
        end += 1
    if end + 1 < tok.sent.end and doc[end + 1].lower_ in ("and", "or"):
        return None
    j = tok.i - 1
    if j > start and doc[j].lower_ == "of" and doc[j - 1].lower_ in DIVISION_WORDS:
        j -= 2  # "in the governorate of Y"
    if j >= start and doc[j].lower_ == "the":
        j -= 1
    if j < start or doc[j].lower_ != "in":
        return None
    j -= 1
    if j >= start and doc[j].lower_ in adverbs:
        j -= 1
    if j < start + 1 or doc[j].text != ",":
        return None
    x = res.entity_at(doc[j - 1])
    if not x or x == eid or res.kinds.get(x) != "Location":
        return None
    first = _mention_start(doc[j - 1], x, res)
    k = first.i - 1
    if k >= start and doc[k].lower_ == "the":
        k -= 1
    if k >= start and doc[k].lower_ == "of" and k - 1 >= start and doc[k - 1].pos_ == "NOUN":
        k -= 2  # "near the town of X, in Y"
        while k >= start and doc[k].pos_ in ("ADJ", "NOUN", "DET") and doc[k].lower_ not in preps:
            k -= 1
    return x if k >= start and doc[k].lower_ in preps and doc[k].pos_ == "ADP" else None


def place_before_its_container(frames: list[Frame], res: Resolution) -> None:
    """Round 39: an event placed at Y, where its sentence writes Y as the container of a finer place
    X ("killed three soldiers on a patrol near X, in Y province"), happened at X: Y only says where X
    lies. X must not be the place of another event of the sentence."""
    for f in frames:
        role = ANCHOR.get(f.type)
        current = f.roles.get(role, []) if role else []
        if not current:
            continue
        others = {e for g in frames if g is not f and g.type in ANCHOR and g.sentence.index == f.sentence.index
                  for e in g.roles.get(ANCHOR[g.type], [])}
        for y in list(current):
            for tok in f.sentence.span:
                if res.entity_at(tok) != y or _mention_start(tok, y, res).i != tok.i or _quoted(tok):
                    continue
                x = _written_inside(tok, res)
                if x and x not in current and x not in others:
                    f.roles[role] = [x if e == y else e for e in f.roles[role]]
                    current = f.roles[role]
                    break


def most_specific_anchor(frames: list[Frame], sentences: list[Sentence], res: Resolution) -> None:
    """The module docstring's policy, for every attack, capture and deployment."""
    place_before_its_container(frames, res)  # round 39
    by_index = {s.index: s for s in sentences}
    anchors_of = {id(f): set(f.roles.get(ANCHOR[f.type], [])) for f in frames if f.type in ANCHOR}
    placed_in: dict[int, int] = {}
    for f in frames:
        if f.type in ANCHOR and f.roles.get(ANCHOR[f.type]):
            placed_in[f.sentence.index] = placed_in.get(f.sentence.index, 0) + 1
    for f in frames:
        role = ANCHOR.get(f.type)
        current = f.roles.get(role, []) if role else []
        if not current:
            continue
        level = max(specificity(e, res) for e in current)
        if level >= SPECIFIC:
            continue
        others = {e for g in frames if id(g) != id(f) and g.type in ANCHOR and g.sentence.index in
                  (f.sentence.index, f.sentence.index + 1) for e in anchors_of.get(id(g), ())}
        taken = {e for r, ids in f.roles.items() if r != role for e in ids} | others | set(current)
        place = _choose(f, current, level, taken, by_index, placed_in, res)
        if place is not None:
            f.roles[role] = [place]
            anchors_of[id(f)] = {place}


def _choose(f: Frame, current: list[str], level: int, taken: set[str], by_index: dict[int, Sentence],
            placed_in: dict[int, int], res: Resolution) -> Optional[str]:
    deployment = f.type == "Deployment"
    for clause_only in ((True,) if deployment else (True, False)):
        for eid, tok in _candidates(f, f.sentence, res, clause_only):
            if eid in taken or specificity(eid, res) <= level:
                continue
            if _contained(eid, current, res) or _said_to_be_in(eid, current, f.sentence, res):
                return eid
    if deployment:
        return None
    nxt = by_index.get(f.sentence.index + 1)
    if nxt is None or placed_in.get(nxt.index):
        return None  # the next sentence tells a placed event of its own
    for eid in _retelling_place(f, nxt, res):
        if eid in taken or specificity(eid, res) <= level:
            continue
        if res.countries.get(eid) is None or _contained(eid, current, res):
            return eid
    return None
