"""The sending state of a deployment told by its unit alone (round 19).

"Approximately 600 paratroopers, from the Nth Airborne Brigade, deployed ... in A, B and C" in a
report that names one other state and places something of it (a town, a force, a body: "officials
in <its capital> said"): a deployment told by its unit or its number of troops, that names no
agent, to places the gazetteer puts in states, was sent by that one state. Nothing is guessed when
two such states are placed, or when the report names the destination state's own forces (the
troops may be theirs: "troops were sent to X from Y" within one state; its origin counts as a
destination here), or a force of the destination's state is the deployment's own.
"""

from __future__ import annotations

from kg.extract.events.frame import Frame
from kg.extract.resolve import Resolution


def _sender_abroad(merged: list[Frame], res: Resolution) -> None:
    countries = {e.id: res.countries.get(e.id) for e in res.entities if e.type == "Country" and res.countries.get(e.id)}
    if not countries:
        return
    for f in merged:
        if f.type != "Deployment" or f.modality not in ("asserted", "planned") or f.filled("agent") \
                or not f.filled("destination") or not (f.filled("force") or "troops" in f.quantities):
            continue  # (told by its unit or its number of troops)
        there = {res.countries.get(e) for e in f.roles.get("destination", []) + f.roles.get("origin", [])}
        if None in there:
            continue  # a destination the gazetteer does not place: abroad or not, unknown
        if any(e.type == "ArmedForce" and res.countries.get(e.id) in there for e in res.entities):
            continue  # the destination's own forces are named: the troops may be theirs
        from_the_force = {res.countries.get(e) for e in f.roles.get("force", [])} - {None}
        if from_the_force & there:
            continue  # the destination's own forces
        home = {eid: code for eid, code in countries.items() if code not in there}
        if from_the_force:
            home = {eid: code for eid, code in home.items() if code in from_the_force}
        placed = {res.countries.get(e.id) for e in res.entities if e.type != "Country"} - {None}
        home = {eid: code for eid, code in home.items() if code in placed}  # a town, force or body of its own
        if len(set(home.values())) == 1 and len(home) == 1:
            f.add("agent", next(iter(home)))
