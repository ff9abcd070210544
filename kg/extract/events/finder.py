"""The pipeline of event extraction for one document.

``EventFinder.find`` builds the frames of each sentence (``ctx._Ctx``), then merges, places,
folds and dates them and turns them into ``kg.models.Event``s (``_to_events``).
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from spacy.tokens import Token

from kg.extract.dating import Narrative, RunningYear, date_untimed, with_holidays
from kg.extract.event_places import anchor_places, dateline_town
from kg.extract.events.compare import _is_headline
from kg.extract.events.counts import _lone_troop_count
from kg.extract.events.ctx import _Ctx
from kg.extract.events.fold import (
    _drop_bare_retellings,
    _drop_claimed_kills,
    _drop_unplaced_tallies,
    _entry_of_a_capture,
    _fold_demonstrative,
    _fold_placed_attacks,
)
from kg.extract.events.frame import Frame
from kg.extract.events.merge import _chain_holders, _leaders_named, _merge
from kg.extract.events.places import _own_places_only, _title_states_dropped, _topic_places_dropped
from kg.extract.events.sentences import (
    _credit_blame,
    _credit_toll,
    credit_late_blame,
    _date_counted_back,
    _drop_attacks_taken,
    _mentioned,
    _times,
)
from kg.extract.events.triggers import Triggers, _not_deployment, troops_moving
from kg.extract.events.adversaries import _former_fought
from kg.extract.events.agent_states import _agent_is_the_state
from kg.extract.events.counter_fire import _counter_fire_has_no_attacker
from kg.extract.events.backers import _supporter_told_apart
from kg.extract.events.senders import _sender_abroad
from kg.extract.events.side_places import place_named_sides
from kg.extract.events.earlier_takings import earlier_takings_apart
from kg.extract.events.described_sides import described_targets
from kg.extract.events.one_side import attack_sides
from kg.extract.events.modifiers import _modifier_states_dropped
from kg.extract.events.retold_meetings import _meetings_told_by_states
from kg.extract.events.one_event import _one_event_told_again
from kg.extract.events.anchors import most_specific_anchor
from kg.extract.events.false_events import false_events_dropped
from kg.extract.events.withdrawals import _former_withdrew
from kg.extract.events.words import TROOP_OBJECTS
from kg.extract.modality import Modality
from kg.extract.nlp import ParsedDoc
from kg.extract.places import fill_places, refine_places
from kg.extract.quantities import find_quantities
from kg.extract.resolve import Resolution
from kg.extract.timex import find_times
from kg.models import Event, Evidence, Mention


class EventFinder:
    def __init__(self, triggers: Triggers, modality: Modality) -> None:
        self.t = triggers
        self.modality = modality

    def find(self, parsed: ParsedDoc, res: Resolution, published: Optional[dt.date]) -> list[Event]:
        frames: list[Frame] = []
        recent: list[list[str]] = []  # entities named in each sentence so far, for pronouns
        late_blames: list[tuple[list[str], int]] = []
        narrative = Narrative()  # the narrative time carried from sentence to sentence
        running = RunningYear()  # the year a paragraph tells, for months named with none (round 21)
        here = dateline_town(parsed.sentences, res)
        for k, sent in enumerate(parsed.sentences):
            inherited = narrative.start(sent.offset)
            found = with_holidays(sent.text, find_times(sent.text, published), published)  # (round 46)
            dating = narrative.place(sent.span, running.apply(sent.offset, found, published),
                                     self.event_type, published, text=sent.text)
            times = _times(dating)
            quants = find_quantities(sent.text)
            ctx = _Ctx(self, sent, res, times, quants, inherited, published=published, dateline=here)
            ctx.dating, ctx.told = dating, frames
            ctx.earlier = recent[-2:]
            ctx.after = parsed.sentences[k + 1:k + 3]
            ctx.before = parsed.sentences[max(0, k - 2):k]  # round 42: "the base" told before
            ctx.sentences = parsed.sentences  # round 49: the offices told beside names (events/offices.py)
            found = _drop_attacks_taken(list(ctx.frames()))
            _counter_fire_has_no_attacker(found, self.t.counter_words, self.t.counter_particles,
                                          self.t.counter_objects)  # round 22
            _date_counted_back(found, dating)  # round 36: the host clause's day when it made no frame
            earlier_takings_apart(found)  # round 43: "retook X from rebels who seized it in May"
            frames.extend(found)
            blamed = ctx.blamed()
            if _credit_blame(frames, blamed, sent.index, ctx.memo.get("blamed_attack"), ctx.memo.get("accused_attack")):
                late_blames.append((blamed, sent.index))  # round 19: the attack blamed by its noun, told further back
            _credit_toll(frames, ctx.bare_toll(), sent.index)
            if not any(f.type == "Attack" for f in found):  # round 16: "Six civilians were injured."
                for kind, toll in ctx.passive_tolls().items():
                    _credit_toll(frames, toll, sent.index, kind)
            recent.append(_mentioned(sent, res))
            narrative.end(dating, found, _is_headline)
        fill_places(frames, parsed.sentences, res)
        place_named_sides(frames, res)  # round 43: an attack with named sides, placed by its sentence
        merged = _merge(frames, res, self.t.military_posts)
        refine_places(merged, parsed.sentences, res)
        anchor_places(merged, parsed.sentences, res)
        _own_places_only(merged, res)
        _topic_places_dropped(merged, res, self.t.topic_verbs)
        _title_states_dropped(merged, res)  # round 23
        merged = _drop_bare_retellings(merged, res)
        merged = _fold_placed_attacks(merged, res)
        merged = _fold_demonstrative(merged)
        merged = _entry_of_a_capture(merged, res, self.t.base)
        merged = _drop_unplaced_tallies(merged)
        merged = _drop_claimed_kills(merged, res, self.t.base, self.t.kill_verbs, self.t.kill_claim_verbs,
                                     frozenset(n for n, t in self.t.nouns.items() if t == "Attack"))  # round 18
        for blamed, index in late_blames:
            credit_late_blame(merged, blamed, index)
        date_untimed(merged, published, narrative)  # round 29: background times
        _chain_holders(merged)  # again, now that every capture has its place and date (round 13)
        _former_withdrew(merged, parsed.sentences, res, self.t.base, self.t.loss_verbs, self.t.loss_nouns)  # round 16
        _former_fought(merged, parsed.sentences, res, self.t.contest_nouns)  # round 17
        _supporter_told_apart(merged, parsed.sentences, res, self.t.base, self.t.support_verbs, self.t.support_nouns)  # round 17
        _leaders_named(merged, parsed.sentences, res, self.t.leader_nouns)
        merged = _meetings_told_by_states(merged, res)  # round 24
        merged = _one_event_told_again(merged, res)  # round 26
        most_specific_anchor(merged, parsed.sentences, res)  # round 28
        described_targets(merged, res, self.t.generic_armed)  # round 31: "attacked troops guarding X"
        attack_sides(merged, res, self.t.military_posts)  # round 37: a victim is never the attacker
        _lone_troop_count(merged, frames, parsed.sentences)  # round 16
        _sender_abroad(merged, res)  # round 19
        _modifier_states_dropped(merged, parsed.sentences, res)  # round 22
        _agent_is_the_state(merged, res)  # round 22
        merged = false_events_dropped(merged, res, published)  # round 33: no events by the guidelines
        return _to_events(merged)

    def event_type(self, tok: Token) -> Optional[str]:
        """The event type a word may trigger; such words carry their own times ("the capture
        of X in May")."""
        if tok.pos_ == "VERB":
            base = self.t.base(tok)
            troops = any(c.dep_ in ("dobj", "nsubjpass") and _Ctx.relative_head(c).lemma_.lower() in TROOP_OBJECTS
                         for c in tok.children)
            if base in self.t.host_verbs:
                return "Deployment" if troops else _not_deployment(self.t.verbs.get(base))
            if base in self.t.troop_verbs and not troops and not troops_moving(tok):
                return None  # "brought the group gains": no event, no times of its own
            return self.t.verbs.get(base)
        return self.t.nouns.get(tok.lemma_.lower())


def _to_events(frames: list[Frame]) -> list[Event]:
    events = []
    for i, f in enumerate(sorted(frames, key=lambda f: f.sentence.char(f.trigger)), start=1):
        s = f.sentence
        start = s.char(f.trigger)
        filled = sum(1 for ids in f.roles.values() if ids) + len(f.quantities)
        confidence = min(0.95, 0.4 + 0.1 * filled + (0.0 if f.nominal else 0.1))
        events.append(Event(
            id=f"V{i}",
            type=f.type,
            trigger=Mention(start=start, end=start + len(f.trigger.text), text=f.trigger.text, sentence=s.index),
            evidence=Evidence(sentence=s.index, start=s.start, end=s.end, text=s.text),
            roles={r: ids for r, ids in f.roles.items() if ids},
            quantities=dict(f.quantities),
            date=f.date,
            modality=f.modality,
            confidence=round(confidence, 2),
            subtype=f.subtype,
            quote=f.quote,
        ))
    return events
