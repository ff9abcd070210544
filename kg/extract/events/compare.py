"""Whether two frames tell one event, and folding one frame into another.

Shared by the merge (``merge``) and the later folds (``fold``), so neither imports the other for them.
"""

from __future__ import annotations

from kg.extract.events.frame import Frame
from kg.extract.resolve import Resolution


RETAKING = ("re", "liberat", "regain", "reclaim", "free")


def _same_side(a: Frame, b: Frame, res: Resolution) -> bool:
    """No perpetrators, or ones that overlap or serve one state ("the US" and "a US command")."""
    pa, pb = set(a.roles.get("perpetrator", [])), set(b.roles.get("perpetrator", []))
    if not pa or not pb or pa & pb:
        return True
    ca, cb = {res.countries.get(e) for e in pa} - {None}, {res.countries.get(e) for e in pb} - {None}
    return bool(ca & cb)


def _compatible_counts(a: Frame, b: Frame) -> bool:
    return all(a.quantities[k].value == b.quantities[k].value for k in set(a.quantities) & set(b.quantities))


def _is_headline(f: Frame) -> bool:
    return f.sentence.index == 0 and not f.sentence.text.rstrip().endswith((".", "!", "?", '"'))


def _retaking(f: Frame) -> bool:
    return f.trigger.lemma_.lower().startswith(RETAKING) or f.trigger.lower_.startswith(RETAKING) or any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in f.trigger.children)


def _dates_agree(a: Frame, b: Frame) -> bool:
    """No date, or one date within the other ("2024-03" and "2024-03-08")."""
    return not (a.date and b.date) or a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value)


def _absorb(target: Frame, f: Frame) -> None:
    """Another telling of the same event adds what the first one lacked."""
    for role, ids in f.roles.items():
        for eid in ids:
            target.add(role, eid)
    for k, q in f.quantities.items():
        target.quantities.setdefault(k, q)
    if f.date and (target.date is None or f.date_strength > target.date_strength):
        target.date, target.date_strength = f.date, f.date_strength  # the best-dated telling
    target.quote = target.quote or f.quote


def _town_in_state(a: Frame, b: Frame, res: Resolution) -> bool:
    """Round 15: "Marines have begun arriving in X" ... "Marines will deploy to Y" (X a town of the
    state Y), neither counted, one told as done and one as planned: one deployment told twice, the
    town its destination."""
    if a.quantities.get("troops") or b.quantities.get("troops") or {a.modality, b.modality} != {"asserted", "planned"}:
        return False
    for one, other in ((a, b), (b, a)):
        towns = {res.countries.get(e) for e in one.roles.get("destination", []) if res.kinds.get(e) == "Location"}
        states = {res.countries.get(e) for e in other.roles.get("destination", []) if res.kinds.get(e) == "Country"}
        if towns and states and towns & states - {None} and len(other.roles.get("destination", [])) == len(states):
            return True
    return False


def _same(a: Frame, b: Frame, res: Resolution) -> bool:
    """The early merge's test, before places are refined. Captures have none since round 27: the
    one-event policy (``one_event``) merges their tellings once places, dates and sides are final."""
    if a.type != b.type or a.type in ("Statement", "Capture"):
        return False
    if _is_headline(a) or _is_headline(b):
        return False  # the headline tells the lead's event: _fold_partial pairs them
    if not _dates_agree(a, b):
        return False
    if a.type == "Deployment":
        qa, qb = a.quantities.get("troops"), b.quantities.get("troops")
        agents_ok = not (a.filled("agent") and b.filled("agent")) or set(a.roles["agent"]) & set(b.roles["agent"])
        if qa and qb:
            return qa.value == qb.value and bool(agents_ok)
        # "will deploy 300 soldiers to X" ... "the troops being sent to X": a telling without a
        # number adds to the one with it (or to another without) when destination and sender agree.
        return bool(agents_ok) and a.modality != "negated" and b.modality != "negated" and (bool(
            set(a.roles.get("destination", [])) & set(b.roles.get("destination", []))) or _town_in_state(a, b, res))
    if a.type == "Attack":  # one place, and no toll or attacker that differs
        return bool(set(a.roles.get("location", [])) & set(b.roles.get("location", []))) \
            and _compatible_counts(a, b) and _same_side(a, b, res)
    if a.type == "Meeting":
        if "negated" in (a.modality, b.modality) and a.modality != b.modality:
            return False  # "refused to meet her" and, days later, "finally met"
        la, lb = set(a.roles.get("location", [])), set(b.roles.get("location", []))
        if la and lb and not la & lb:
            return False  # the same parties meeting again elsewhere
        return len(set(a.roles.get("participants", [])) & set(b.roles.get("participants", []))) >= 2
    if a.type == "Visit":
        return bool(set(a.roles.get("location", [])) & set(b.roles.get("location", [])))
    return False
