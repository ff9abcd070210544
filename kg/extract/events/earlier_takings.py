"""The earlier taking told inside a re-taking (round 43).

"Its forces wrested control of the village of X from separatists who seized it early this month": the
relative clause on the former holder tells the holder's own, earlier capture of the place. With a
named holder the two were kept apart by their sides (the captor of one is the former holder of the
other); with an unnamed one ("separatists", "gunmen") nothing told them apart, and the one-event
policy folded the earlier taking into the re-taking. A capture whose verb is a relative clause on
the object of "from" of another capture in its sentence is now told apart from it (``distinct``).
"""

from __future__ import annotations

from kg.extract.events.frame import Frame


def earlier_takings_apart(found: list[Frame]) -> None:
    """``found``: one sentence's frames."""
    captures = [f for f in found if f.type == "Capture"]
    for f in captures:
        t = f.trigger
        if t.pos_ != "VERB" or t.dep_ != "relcl":
            continue
        holder = t.head
        while holder.dep_ in ("conj", "appos", "compound") and holder.head.i != holder.i:
            holder = holder.head
        if holder.dep_ != "pobj" or holder.head.lower_ != "from":
            continue
        up = holder.head.head  # the word "from X" hangs on: the re-taking's verb, or its object
        chain = {up.i}
        while up.head.i != up.i and up.pos_ not in ("VERB", "AUX"):
            up = up.head
            chain.add(up.i)
        if any(g is not f and g.trigger.i in chain for g in captures):
            f.distinct = f.background = True  # (an earlier event: no fold into the re-taking)
