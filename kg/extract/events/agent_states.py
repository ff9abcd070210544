"""The sending state of a deployment told by its government, ministry or leader (round 22).

"The Xlandic Defence Ministry said it was sending reinforcements to Y", "Mr. Z ... sent thousands of
troops to the city" (Z Xland's president): the agent read is the body or the person that ordered the
deployment, where the gold names the state that sends. A deployment's agent that is a body or a person
of one state (the resolver gives it that state), in a report that names that state itself, is that
state. A body of no state, or of a state the report does not name, stays.
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
        if f.type != "Deployment" or not f.roles.get("agent"):
            continue
        out = []
        for a in f.roles["agent"]:
            code = res.countries.get(a)
            if res.kinds.get(a) in ("Organization", "Person") and code and len(states.get(code, [])) == 1:
                a = states[code][0]
            if a not in out:
                out.append(a)
        f.roles["agent"] = out
