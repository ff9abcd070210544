"""Counts of troops told apart from their deployment (round 16).

"Valdoran forces have entered X." told after "about 400 Valdoran soldiers crossed the border
Friday", or "marines have begun arriving in Y" with "The main body of the rotation is
comprised of approximately 1,700 marines" paragraphs later: a report that tells one deployment
with no count, and counts troops once, in a number, in a sentence that tells no other event and
no standing presence ("7,000 peacekeepers are in X"), gives that count to the deployment. With two
deployments to count, two counts of troops, or a vague one ("several hundred"), nothing is guessed.
"""

from __future__ import annotations

from kg.extract.events.frame import Frame
from kg.extract.nlp import Sentence
from kg.extract.quantities import find_quantities, is_vague, quantity_kind
from kg.models import Quantity

EVENTS = ("Deployment", "Attack", "Capture", "Meeting")


def _lone_troop_count(merged: list[Frame], told: list[Frame], sentences: list[Sentence]) -> None:
    """``merged``: the report's events; ``told``: every telling before merging (their sentences)."""
    deployments = [f for f in merged if f.type == "Deployment" and f.modality in ("asserted", "planned")]
    if len(deployments) != 1 or "troops" in deployments[0].quantities:
        return
    busy = {f.sentence.index for f in told if f.type in EVENTS}
    taken = {q.value for f in merged for q in f.quantities.values()}
    counts: dict[float, Quantity] = {}
    for sent in sentences:
        if sent.index in busy:
            continue  # the deployment's own sentence, or another event's: its rules read its counts
        text = sent.text
        for m in find_quantities(text):
            context = text[max(0, m.start - 60):m.end + 60]
            if quantity_kind(m.noun, context) != "troops" or m.quantity.value in taken:
                continue
            if is_vague(m.quantity) or _standing(sent, m.start):
                return  # a vague count, or troops there all along: no count of this deployment
            counts.setdefault(m.quantity.value, m.quantity)
    if len(counts) == 1:
        deployments[0].quantities["troops"] = next(iter(counts.values()))


def _standing(sent: Sentence, start: int) -> bool:
    """"More than 7,000 peacekeepers are in X": a count told as present there, not as sent."""
    at = sent.start + start
    tok = next((t for t in sent.span if sent.char(t) >= at), None)
    for t in [tok, *tok.ancestors][:4] if tok is not None else []:
        if t.lemma_ == "be" and t.tag_ in ("VBP", "VBZ"):
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False
