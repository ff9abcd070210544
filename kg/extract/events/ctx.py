"""The per-sentence state of the event rules: one class made of the rule mixins.

Each mixin (``actors``, ``syntax``, ``opening``, ``deployments``, ``attacks``, ``tolls``,
``nouns``, ``attack_roles``, ``captures``, ``capture_roles``, ``meetings``, ``meeting_roles``,
``statements``, ``frame_facts``) holds the methods of one concern; they call one another through
``self``, so they are only used combined here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from kg.extract.dating import SentenceTimes
from kg.extract.events.actors import ActorLookup
from kg.extract.events.attack_roles import AttackRoles
from kg.extract.events.attacks import AttackRules
from kg.extract.events.capture_roles import CaptureRoles
from kg.extract.events.captures import CaptureRules
from kg.extract.events.deployments import DeploymentRules
from kg.extract.events.frame_facts import FrameFacts
from kg.extract.events.meeting_roles import MeetingRoles
from kg.extract.events.meetings import MeetingRules
from kg.extract.events.nouns import NounReading
from kg.extract.events.opening import Opening
from kg.extract.events.statements import StatementRules
from kg.extract.events.syntax import Syntax
from kg.extract.events.tolls import Tolls
from kg.extract.nlp import Sentence
from kg.extract.resolve import Resolution
from kg.extract.timex import TimeMention
from kg.models import DateValue

if TYPE_CHECKING:  # (the finder makes the contexts: imported for the annotation only)
    from kg.extract.events.finder import EventFinder


@dataclass
class _Ctx(
    ActorLookup,
    Syntax,
    NounReading,
    Opening,
    DeploymentRules,
    AttackRules,
    Tolls,
    AttackRoles,
    CaptureRules,
    CaptureRoles,
    MeetingRules,
    MeetingRoles,
    StatementRules,
    FrameFacts,
):
    """Everything known about one sentence while its frames are built."""

    finder: EventFinder
    sent: Sentence
    res: Resolution
    times: list[TimeMention]
    quants: list
    inherited: Optional[DateValue]
    earlier: list[list[str]] = field(default_factory=list)  # entities of the previous sentences
    dating: Optional[SentenceTimes] = None  # the sentence's times placed in its parse
    told: list = field(default_factory=list)  # the frames of the sentences before
    after: list = field(default_factory=list)  # the two sentences after this one (round 13)
    before: list = field(default_factory=list)  # the two sentences before this one (round 42)
    sentences: list = field(default_factory=list)  # every sentence of the report (round 49: its people's offices)
    published: Optional[dt.date] = None
    dateline: Optional[str] = None  # the town of the article's dateline: where "here" is (round 15)
    # answers that depend on a token of this sentence alone, kept for the sentence's other frames
    # (``AttackRoles.victim``, the armed victims of ``armed_victim``): keys (name, id(doc), i)
    memo: dict = field(default_factory=dict, repr=False, compare=False)
