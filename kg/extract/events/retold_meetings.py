"""A meeting told first by the sides' states, then by the people who met (round 24).

"X and Y's defense officials discussed ... during a meeting at the ministry today. Minister A hosted
Crown Prince B for these discussions.": the first telling names the states (or one person and the
state of a "visiting" official), the next the people. The two share at most one participant, so
``compare._same`` (two in common) keeps them apart and the report gives one meeting twice. A meeting
whose participants are each a participant of a later one, or a state standing for a person of that
later meeting (the person's own state, or a person whose state the report does not give), and that
is told on the same day within three sentences, is that later meeting told again: it is dropped,
and gives the later one its place if that one has none. The later meeting must name people only
(the retelling by names), and every person of the first must be in it.
"""

from __future__ import annotations

from typing import Optional

from kg.extract.events.frame import Frame
from kg.extract.resolve import Resolution

#: sentences between the telling by states and the telling by people
_NEAR = 3


def _stands_for(first: Frame, later: Frame, res: Resolution) -> bool:
    """Each participant of ``first`` is in ``later`` or a state of one of ``later``'s other
    people (each person standing for one state); one state at least, two sides at least."""
    pa, pb = first.roles.get("participants", []), later.roles.get("participants", [])
    if len(pb) < 2 or any(res.kinds.get(e) != "Person" for e in pb):
        return False  # (the retelling names the people who met)
    shared = [e for e in pa if e in pb]
    rest = [e for e in pa if e not in pb]
    states = [e for e in rest if res.kinds.get(e) == "Country"]
    if not states or any(res.kinds.get(e) == "Person" for e in rest):
        return False
    people = [e for e in pb if e not in pa]
    codes = {e.id: e.attributes.get("country_code") for e in res.entities if e.type == "Person"}
    for state in states:
        code = res.countries.get(state)
        person: Optional[str] = next((p for p in people if code and codes.get(p) == code), None) \
            or next((p for p in people if not codes.get(p)), None)
        if person is None:
            return False
        people.remove(person)
    return len(shared) + len(states) >= 2


def _meetings_told_by_states(frames: list[Frame], res: Resolution) -> list[Frame]:
    meetings = [f for f in frames if f.type == "Meeting" and f.modality == "asserted"]
    if len(meetings) < 2:
        return frames
    dropped: set[int] = set()
    for first in meetings:
        for later in meetings:
            if later is first or id(later) in dropped or not (
                    0 < later.sentence.index - first.sentence.index <= _NEAR):
                continue
            if first.date is not None and later.date is not None and first.date.value != later.date.value:
                continue
            if not _stands_for(first, later, res):
                continue
            if not later.filled("location"):
                for eid in first.roles.get("location", []):
                    later.add("location", eid)
            dropped.add(id(first))
            break
    return [f for f in frames if id(f) not in dropped]
