"""Places of merged events: keeping an event's own places and the most specific of them.

(The places of single frames are filled in ``kg.extract.places`` and ``kg.extract.event_places``.)
"""

from __future__ import annotations

from kg.extract.events.frame import Frame
from kg.extract.events.words import ROLE_NOUNS
from kg.extract.places import AREA, COUNTRY, REGION, specificity
from kg.extract.resolve import Resolution


def _own_places_only(frames: list[Frame], res: Resolution) -> None:
    """An event counted back from another ("a day after his talks with Z") keeps only the places of
    its own phrase: the sentence's are its host's."""
    for f in frames:
        if f.counted_back:
            own = {res.entity_at(w) for w in f.trigger.subtree}
            for role in ("location", "place", "destination"):
                if f.roles.get(role):
                    f.roles[role] = [e for e in f.roles[role] if e in own]


def _topic_places_dropped(frames: list[Frame], res: Resolution, topic_verbs: frozenset[str]) -> None:
    """Round 15: "A met B to discuss their commitment to a free and open Y": a place the meeting's
    sentence names only inside the clause of what was to be discussed is the topic, not the
    meeting's place (a place named elsewhere, or borrowed from another sentence, stays; so does a
    state, often the host: "to discuss ... and reaffirm support to X")."""
    for f in frames:
        if f.type != "Meeting" or not f.roles.get("location"):
            continue
        topic = {t.i for c in f.trigger.children if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in topic_verbs
                 for t in c.subtree}
        if not topic:
            continue
        kept = []
        for e in f.roles["location"]:
            at = [t.i for t in f.sentence.span if res.entity_at(t) == e]
            if res.kinds.get(e) != "Location" or not (at and all(i in topic for i in at)):
                kept.append(e)
        f.roles["location"] = kept


def _title_states_dropped(frames: list[Frame], res: Resolution) -> None:
    """Round 23: "Minister of Defence of X Y held a meeting with ...": a state the meeting's sentence
    names only inside an office's title ("of X" hanging, through "of" phrases, on a role noun:
    minister, president) says whose office it is, not where they met. A state named elsewhere in
    the sentence, or borrowed from another sentence, stays."""
    for f in frames:
        if f.type != "Meeting" or not f.roles.get("location"):
            continue
        kept = []
        for e in f.roles["location"]:
            at = [t for t in f.sentence.span if res.entity_at(t) == e]
            if res.kinds.get(e) != "Country" or not at or not all(_in_title(t) for t in at):
                kept.append(e)
        f.roles["location"] = kept


def _in_title(tok) -> bool:
    """The token lies in an "of" phrase of a role noun ("Minister of Defence of X", "the President of
    the Republic of X")."""
    t = tok
    for _ in range(8):
        while t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
        if t.dep_ != "pobj" or t.head.lower_ != "of":
            return False
        t = t.head.head
        if t.lemma_.lower() in ROLE_NOUNS:
            return True
    return False


def _set_place(told: Frame, f: Frame, res: Resolution) -> None:
    """The place a later sentence gives an attack told before replaces a coarser one of the same
    country ("In X region, militants killed 12 ... the assault took place in <town>")."""
    place = f.roles["location"][0]
    kept = [e for e in told.roles.get("location", [])
            if not (specificity(e, res) < specificity(place, res) and res.countries.get(e) in (None, res.countries.get(place)))]
    told.roles["location"] = list(dict.fromkeys(kept + [place]))
    for role in ("perpetrator", "target"):
        for eid in f.roles.get(role, []):
            told.add(role, eid)


def _drop_coarse_locations(f: Frame, res: Resolution) -> None:
    """An attack "in X" (a state, or "northwestern X") and in a town of X happened in the town."""
    locs = f.roles.get("location", [])
    if len(locs) < 2:
        return
    finer = {res.countries.get(e) for e in locs if specificity(e, res) >= REGION}
    f.roles["location"] = [e for e in locs if not (specificity(e, res) in (COUNTRY, AREA) and res.countries.get(e) in finer)]
    named = [e for e in f.roles["location"] if _division_by_name(e, res)]
    if named and len(named) < len(f.roles["location"]):  # "the locality of X, in the Y department": X (round 11)
        f.roles["location"] = [e for e in f.roles["location"] if e not in named]


DIVISION_WORDS = frozenset(["department", "province", "district", "region", "state", "county", "governorate",
                            "prefecture", "division", "oblast", "municipality"])


def _division_by_name(eid: str, res: Resolution) -> bool:
    """A place the gazetteer does not list whose own name says it is a division ("the Y department"):
    coarser than a town named beside it for the same event."""
    ent = res.entities[int(eid[1:]) - 1]
    words = ent.name.lower().split()
    return not ent.attributes.get("feature_class") and len(words) > 1 and words[-1] in DIVISION_WORDS


def _most_specific_destination(f: Frame, res: Resolution) -> None:
    """A deployment "to Iraq" and "to X air base" in Iraq goes to the air base."""
    dest = f.roles.get("destination", [])
    if len(dest) < 2:
        return
    inner = {res.countries.get(d) for d in dest if res.kinds.get(d) == "Location"}
    f.roles["destination"] = [d for d in dest if not (res.kinds.get(d) == "Country" and res.countries.get(d) in inner)]
