"""The state for its government, ministry or leader, as a deployment's agent or a meeting's side (round 22).

"The Xlandic Defence Ministry said it was sending reinforcements to Y", "the Xlandic government sent
500 troops", "negotiators for Xland's government and Z met in Y": the rules read the body (or, for a
deployment, the person) that ordered the deployment or sent the negotiators, where the gold names the
state. A deployment's agent that is a body or a person of one state, or a meeting's participant that is
a body of one state (the resolver gives it that state), in a report that names that state itself, is
that state. A body of no state (a union of states), or of a state the report does not name, stays; an
attack's side stays as told ("the Xlandic government's airstrike": the gold keeps the government).
"""

from __future__ import annotations

from kg.extract.events.frame import Frame
from kg.extract.resolve import Resolution


def _agent_is_the_state(merged: list[Frame], res: Resolution) -> None:
    states: dict[str, list[str]] = {}
    for e in res.entities:
        code = res.countries.get(e.id)
        if e.type == "Country" and code:
            states.setdefault(code, []).append(e.id)
    for f in merged:
        role = {"Deployment": "agent", "Meeting": "participants"}.get(f.type)
        if role is None or not f.roles.get(role):
            continue
        out = []
        for a in f.roles[role]:
            code = res.countries.get(a)
            kinds = ("Organization", "Person") if role == "agent" else ("Organization",)
            if res.kinds.get(a) in kinds and code and len(states.get(code, [])) == 1:
                a = states[code][0]
            if a not in out:
                out.append(a)
        f.roles[role] = out
