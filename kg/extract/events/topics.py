"""A campaign told as the subject of a present-tense clause is a topic, not an event (round 33).

Round 24 (`opening.owned_campaign`) reads "X's invasion of Y" named by its owner with no time of
its own as a war or campaign told as background or topic, but leaves a clause's subject alone ("X's
offensive on the town killed 20" tells what the offensive did, an event). The subject's tense
settles it: a clause in the simple present says what the campaign *is* ("X's unprovoked invasion of
Y is on everyone's mind", "X's offensive remains the main threat"), a topic of the report's day, not
something that happened; GUIDELINES makes a war or an offensive over months no one event. So an
owned campaign noun (events.yaml `campaign_nouns`), the subject of a verb in the simple present (no
auxiliary of the past, the perfect or the future), with no time of its own, is no event.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml

POINT_TIMES = frozenset({"DATE", "TIME"})


@lru_cache(maxsize=1)
def _campaign_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in events_yaml().get("campaign_nouns", []))


def _simple_present(verb: Token) -> bool:
    if verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.tag_ != verb.tag_ for c in verb.children)


def campaign_as_topic(frame: Frame) -> bool:
    t = frame.trigger
    if not frame.nominal or frame.modality != "asserted" or t.lemma_.lower() not in _campaign_nouns():
        return False
    if not any(c.dep_ == "poss" for c in t.children) or t.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if not _simple_present(t.head):
        return False
    return not any(w.ent_type_ in POINT_TIMES for w in t.subtree)


def topics_dropped(frames: list[Frame]) -> list[Frame]:
    """The frames without the campaigns told as a present topic (kept in order)."""
    return [f for f in frames if not campaign_as_topic(f)]
