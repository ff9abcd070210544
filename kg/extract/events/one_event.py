"""One event told several times in one article: one policy for every placed type (round 26).

The merges before this one each know one wording ("the raid", "the troops", a headline, a
claimed kill). Once every event has its final place, date and sides, two events of one article
are one when their own content says so, whatever the words:

- the same type and modality, neither set apart ("In a separate attack", "Also on Monday"), nor
  one a background event and the other not;
- their places (the type's anchor: an attack's location, a capture's place, a deployment's
  destination) are the same, or one lies within the other (a town of the state, of the
  province, named by the other);
- their dates agree at their precisions ("2024-03" and "2024-03-08");
- no side conflicts: each side role's fillers are the same, one within the other, or of one
  state; and nobody is on one side in one telling and on the other side in the other (the
  attacker of one the target of the other, the captor of one the former holder of the other);
- no figure differs;
- and something ties them beyond agreeing: told in one sentence, a named side in common (or a
  capture's former holder), a figure in common, or troops told again as "the soldiers".

Two events the article tells apart stay two: another place that neither contains, another day,
another side, another count, a planned and a happened deployment (modality), a place taken and
taken back (a re-taking against a taking with a captor unknown).

The later telling folds into the earlier; the finer place wins. Since round 27 the policy alone
merges captures (the early merge has no capture test) and "the soldiers" after a numbered
deployment (no fold of its own).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


from kg.extract.dating import Strength
from kg.extract.events.compare import _absorb, _compatible_counts, _dates_agree, _is_headline, _retaking
from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml
from kg.extract.events.words import ANOTHER_ITEM, TROOP_OBJECTS
from kg.extract.places import COUNTRY, SPECIFIC, _inside, specificity
from kg.extract.resolve import Resolution

#: the anchor role of each type, as the guidelines score it
ANCHOR = {"Attack": "location", "Capture": "place", "Deployment": "destination"}
#: the roles that name a side of the event
SIDES = {"Attack": ("perpetrator",), "Capture": ("captor",), "Deployment": ("agent", "force")}
#: pairs of roles on the two sides of one event
OPPOSED = {"Attack": (("perpetrator", "target"),), "Capture": (("captor", "former"),), "Deployment": ()}


@lru_cache(maxsize=1)
def _settings() -> dict:
    return events_yaml().get("one_event") or {}


def lookback_days() -> int:
    return int(_settings().get("lookback_days", 0))


def apart_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _settings().get("apart_words", []))


def another(f: Frame) -> bool:
    """The telling calls itself another event: "attacked three other villages", "moved thousands
    more soldiers", "struck again", "a second raid" (a modifier of the trigger or of one of its
    arguments; "more than 20" is a count)."""
    words = apart_words()
    t = f.trigger
    near = [t, *t.children, *(g for c in t.children for g in c.children)]
    for w in near:
        if w is t or w.lower_ not in words or w.dep_ not in ("amod", "det", "advmod", "nummod", "quantmod"):
            continue
        if w.lower_ == "more" and w.i + 1 < len(w.doc) and w.doc[w.i + 1].lower_ == "than":
            continue
        return True
    return False


def _day(f: Frame):
    if f.date is None or f.date.precision != "day":
        return None
    try:
        return dt.date.fromisoformat(f.date.value)
    except ValueError:
        return None


def dates_agree(a: Frame, b: Frame) -> bool:
    """One date within the other at their precisions; or a day that is only the report's or the
    statement's, and the other telling's day within the days before it."""
    if _dates_agree(a, b):
        return True
    for said, other in ((a, b), (b, a)):
        if said.date_strength in (Strength.PUBLISHED, Strength.REPORTED) and other.date_strength > said.date_strength:
            d1, d2 = _day(said), _day(other)
            if d1 and d2 and 0 < (d1 - d2).days <= lookback_days():
                return True
    return False


def _contains(coarse: str, fine: str, res: Resolution) -> bool:
    """``coarse`` is a state or division that ``fine`` lies in."""
    sc, sf = specificity(coarse, res), specificity(fine, res)
    if sc < 0 or sf < 0 or sc >= sf:
        return False
    cc, cf = res.countries.get(coarse), res.countries.get(fine)
    if cc is None or cf != cc:
        return False
    return sc == COUNTRY or _inside(fine, [coarse], res)


def place_relation(a: Frame, b: Frame, res: Resolution) -> str:
    """"same", "within" (every place of one lies in a place of the other), "apart" or "none"."""
    role = ANCHOR[a.type]
    la, lb = a.roles.get(role, []), b.roles.get(role, [])
    if not la or not lb:
        return "none"
    if set(la) & set(lb):
        return "same"
    for one, other in ((la, lb), (lb, la)):
        if all(any(_contains(c, e, res) for c in one) for e in other):
            return "within"
    ca, cb = {res.countries.get(e) for e in la} - {None}, {res.countries.get(e) for e in lb} - {None}
    if ca and cb and not ca & cb:
        return "apart"  # in two states
    for one, other in ((la, lb), (lb, la)):
        if all(_area(e, res) for e in one) and all(_area(e, res) or _unplaced(e, res) for e in other):
            return "near"  # an area (no town, no state) and another area, or a name the gazetteer does not place
    return "apart"


def _area(eid: str, res: Resolution) -> bool:
    return COUNTRY < specificity(eid, res) < SPECIFIC


def _unplaced(eid: str, res: Resolution) -> bool:
    """A place name the gazetteer gives neither a state nor a class ("the X Delta" unresolved)."""
    if res.kinds.get(eid) != "Location" or res.countries.get(eid):
        return False
    entity = res.entities[int(eid[1:]) - 1]
    return not entity.attributes.get("feature_class") and not entity.attributes.get("unlisted_in")


def _one_side(xa: set[str], xb: set[str], res: Resolution) -> bool:
    """The same fillers, one within the other, or a state's bodies ("the US" and "a US command");
    an armed group is no body of the state it fights in ("fell to government forces ... the X
    rebels recaptured it")."""
    if not xa or not xb or xa <= xb or xb <= xa:
        return True
    if any(res.kinds.get(e) == "ArmedGroup" for e in xa ^ xb):
        return False
    ca, cb = {res.countries.get(e) for e in xa} - {None}, {res.countries.get(e) for e in xb} - {None}
    return bool(ca) and ca == cb


def sides_agree(a: Frame, b: Frame, res: Resolution) -> bool:
    """No side role names two different sides, and nobody changes sides between the tellings."""
    for role in SIDES[a.type]:
        if not _one_side(set(a.roles.get(role, [])), set(b.roles.get(role, [])), res):
            return False
    for x, y in OPPOSED[a.type]:
        if set(a.roles.get(x, [])) & set(b.roles.get(y, [])) or set(a.roles.get(y, [])) & set(b.roles.get(x, [])):
            return False
    return True


def tied(a: Frame, b: Frame) -> bool:
    """Something the two tellings share beyond not conflicting: one sentence, a named side (or a
    capture's former holder), a figure, or troops told again as "the soldiers"."""
    if a.sentence.index == b.sentence.index:
        return True
    if any(set(a.roles.get(r, [])) & set(b.roles.get(r, [])) for r in TIES[a.type]):
        return True
    if a.type == "Deployment" and _the_troops(b if b.sentence.index > a.sentence.index else a):
        return True  # "France sent 500 troops to X ... The soldiers were deployed to the town of Y"
    if any(a.quantities[k].value == b.quantities[k].value for k in set(a.quantities) & set(b.quantities)):
        return True
    # one telling adds nothing but a date to the same place ("B was overrun on June 13")
    same = set(a.roles.get(ANCHOR[a.type], [])) & set(b.roles.get(ANCHOR[b.type], []))
    return bool(same) and any(not f.quantities and not any(f.roles.get(r) for r in SIDES[f.type]) for f in (a, b))


#: the roles whose filler, named in both tellings, ties them: a side, and a capture's former holder
#: ("X lost the town" ... "the takeover of the town from X"); an attack's target is no tie (one
#: group struck twice in one campaign)
TIES = {"Attack": ("perpetrator",), "Capture": ("captor", "former"), "Deployment": ("agent", "force")}


def _the_troops(f: Frame) -> bool:
    """A deployment that points back at troops told before: "the soldiers", "these troops" (no
    number of its own), sent or arriving (round 11's ``fold._fold_the_troops``, a tie since round 27)."""
    t = f.trigger
    told = [c for c in t.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
    return not f.nominal and not f.quantities and any(
        c.lemma_.lower() in TROOP_OBJECTS and any(d.dep_ == "det" and d.lower_ in ("the", "these", "those") for d in c.children)
        and not any(d.dep_ == "nummod" for d in c.children) for c in told)


def told_apart(a: Frame, b: Frame) -> bool:
    """What the article says or shows to keep two events apart, whatever their content."""
    if a.type != b.type or a.type not in ANCHOR or a.modality != b.modality:
        return True
    if a.distinct or b.distinct or a.background != b.background:
        return True
    if _is_headline(a) or _is_headline(b):
        return True  # (headlines are folded by fold._fold_partial)
    later = b if b.sentence.index >= a.sentence.index else a
    if later.sentence.index != min(a.sentence.index, b.sentence.index) and ANOTHER_ITEM.match(later.sentence.text):
        return True  # "Also on Wednesday, ...": the next item of a round-up
    first, second = sorted((a, b), key=lambda f: (f.sentence.index, f.trigger.i))
    if another(second):
        return True  # "attacked three other villages"
    if a.type == "Capture" and _retaking(a) != _retaking(b) and not all(f.filled("captor", "former") for f in (a, b)):
        return True  # "X took the town ... rebels have taken it back"
    return False


def one_event(a: Frame, b: Frame, res: Resolution) -> bool:
    """The policy: b tells a again."""
    if told_apart(a, b):
        return False
    relation = place_relation(a, b, res)
    if relation not in ("same", "within", "near"):
        return False
    if not (dates_agree(a, b) and _compatible_counts(a, b) and sides_agree(a, b, res)):
        return False
    if relation == "near":  # two areas that may overlap: a named side and a figure in common
        return _side_in_common(a, b) and _figure_in_common(a, b)
    return tied(a, b) or relation == "within" and _bare_noun_telling(b)


def _bare_noun_telling(f: Frame) -> bool:
    """Round 33: "..., in a deployment that took diplomats by surprise": a later telling by an event
    noun alone, with no side and no figure of its own, placed within (or around) the earlier
    telling's place, adds nothing but a word for it; told apart by nothing, it is that event."""
    return f.nominal and not f.quantities and not any(f.roles.get(r) for r in SIDES[f.type]) \
        and not any(f.roles.get(r) for x, y in OPPOSED[f.type] for r in (x, y))


def _side_in_common(a: Frame, b: Frame) -> bool:
    return any(set(a.roles.get(r, [])) & set(b.roles.get(r, [])) for r in SIDES[a.type])


def _figure_in_common(a: Frame, b: Frame) -> bool:
    return any(a.quantities[k].value == b.quantities[k].value for k in set(a.quantities) & set(b.quantities))


def _one_event_told_again(frames: list[Frame], res: Resolution) -> list[Frame]:
    out: list[Frame] = []
    for f in frames:
        target = next((g for g in out if one_event(g, f, res)), None)
        if target is None:
            out.append(f)
            continue
        role = ANCHOR[f.type]
        places = list(dict.fromkeys(target.roles.get(role, []) + f.roles.get(role, [])))
        _absorb(target, f)
        finest = max(specificity(e, res) for e in places)
        target.roles[role] = [e for e in places if specificity(e, res) == finest]
    return out
