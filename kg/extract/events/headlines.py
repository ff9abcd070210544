"""A headline's event is the lead's news told short: never an event beside the lead's (round 33).

A news headline names the event its lead then tells in full ("Attack on X Army Camp" over "Gunmen
stormed an army camp in Y on Monday"; "Peacekeepers to Deploy in X" over "The first peacekeepers
will arrive in Y on Monday"). The folds before this one join the two when their content agrees
(`fold._fold_partial`: compatible places, the same toll, or a headline placed nowhere), so a
headline whose words read differently (a camp resolved into another state, "to Deploy" read as
done while the lead says it is to come) stays beside the lead as a second event. Read from where
the event is told, the same for every type: a headline's event of a type that the lead (the first
body sentences) also tells is that event; the lead's telling, fuller, stands, and the headline's
is not output. A headline event whose type the lead does not tell is kept (the headline may be the
only telling).
"""

from __future__ import annotations

from kg.extract.dating import Strength
from kg.extract.events.compare import _is_headline
from kg.extract.events.frame import Frame
from kg.extract.events.one_event import ANCHOR, SIDES, place_relation, sides_agree
from kg.extract.events_data import events_yaml
from kg.extract.resolve import Resolution

#: the body sentences that make the lead (sentence 0 is the headline)
LEAD_SENTENCES = 3
#: round 49: how far a headline's count may round the lead's (events.yaml r49_headline_rounding)
ROUNDING = float(events_yaml().get("r49_headline_rounding") or 0.1)


SCORED = frozenset({"Attack", "Capture", "Deployment", "Meeting"})


def _reads_otherwise(h: Frame, g: Frame, res: Resolution) -> bool:
    """The headline's telling and the lead's differ only as a short headline misreads: another
    modality ("to Deploy" read as done, the lead's "will arrive") at the same or a containing place,
    or places in another state (a camp's name resolved across the border); no side of one is on
    another side in the other (meetings, with no anchor place, are left to the folds)."""
    role = ANCHOR.get(h.type)
    if role is None:
        return False
    if _rounded(h, g) and place_relation(h, g, res) in ("same", "within") and h.modality == g.modality \
            and (sides_agree(h, g, res) or _named_within(h, g, res)):
        return True  # round 49: "UN to deploy over 3000 more troops to X" over "the UN Security Council ... intends
        # to send up to 3,085 more troops to X"
    if not sides_agree(h, g, res):
        return False  # (another side: another event)
    if h.modality != g.modality:
        return place_relation(h, g, res) in ("same", "within", "none")  # (not a plan for another place)
    ch = {res.countries.get(e) for e in h.roles.get(role, [])} - {None}
    cg = {res.countries.get(e) for e in g.roles.get(role, [])} - {None}
    return bool(ch and cg and not ch & cg)


def _rounded(h: Frame, g: Frame) -> bool:
    """Round 49: the headline's counts are the lead's rounded: each count both tell differs, by a tenth of the
    larger at most ("over 3000" for "up to 3,085"); one count at least told by both."""
    shared = set(h.quantities) & set(g.quantities)
    return bool(shared) and any(h.quantities[k].value != g.quantities[k].value for k in shared) and all(
        abs(h.quantities[k].value - g.quantities[k].value) <= ROUNDING * max(h.quantities[k].value, g.quantities[k].value)
        for k in shared)


def _named_within(h: Frame, g: Frame, res: Resolution) -> bool:
    """Round 49: each side the headline names is the lead's, or a body whose name the lead's side's name opens
    with ("United Nations" and "United Nations Security Council"), and the reverse."""
    names = {e.id: e.name.lower() for e in res.entities}

    def within(a: str, b: str) -> bool:
        na, nb = names.get(a, ""), names.get(b, "")
        return a == b or bool(na and nb) and (nb.startswith(na + " ") or na.startswith(nb + " "))

    for role in SIDES[h.type]:
        xa, xb = h.roles.get(role, []), g.roles.get(role, [])
        if xa and xb and not (all(any(within(a, b) for b in xb) for a in xa)
                              and all(any(within(a, b) for a in xa) for b in xb)):
            return False
    return True


def _dated_by_the_report(h: Frame, g: Frame, res: Resolution) -> bool:
    """Round 47: a headline that tells no time of its own ("Rebels take X", "Country sends more troops to X": dated
    by the publication) over a lead that tells the same type, asserted as the headline is, with its place and its
    day on or before the report's, by the same sides, is that lead's news told short, whatever place each names
    ("X" over "X district", a province over its town, a town over the base beside it): the headline names the
    place its readers know. Not when the lead's place is in another state, nor when the lead dates its event after
    the headline's (not the same news)."""
    role = ANCHOR.get(h.type)
    if role is None or h.date_strength > Strength.PUBLISHED or h.modality != "asserted" or g.modality != "asserted":
        return False
    if not g.roles.get(role) or g.date is None or h.date is None or g.date.value[:len(h.date.value)] > h.date.value:
        return False
    if not sides_agree(h, g, res):
        return False
    ch = {res.countries.get(e) for e in h.roles.get(role, [])} - {None}
    cg = {res.countries.get(e) for e in g.roles.get(role, [])} - {None}
    return not (ch and cg and not ch & cg)


def _told_as_fact(f: Frame) -> bool:
    """Told as an event that happened (a deployment: one not denied). A headline told otherwise is
    no event the report asserts, and stays with the entities it names ("Strikes kill five in X" read
    as a kind of strike keeps X)."""
    return f.modality == "asserted" or f.type == "Deployment" and f.modality != "negated"


def headline_told_in_lead(f: Frame, frames: list[Frame], res: Resolution) -> bool:
    if not _is_headline(f) or f.type not in SCORED or not _told_as_fact(f):
        return False
    return any(g is not f and g.type == f.type and not _is_headline(g) and not g.background
               and 0 < g.sentence.index <= LEAD_SENTENCES
               and (_reads_otherwise(f, g, res) or _dated_by_the_report(f, g, res)) for g in frames)


def headlines_dropped(frames: list[Frame], res: Resolution) -> list[Frame]:
    return [f for f in frames if not headline_told_in_lead(f, frames, res)]
