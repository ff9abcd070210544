"""The round-33 policies against false events, run once every event has its final place, date and sides.

Each is read from the event's own content, the same for every wording (docs/extraction.md, "Round 33"):
a total of several events told in the present perfect (`totals`), a headline told otherwise than the
lead's same event (`headlines`), attackers arriving to strike (`approaches`), a campaign told as a
present topic (`topics`), a background event keeping only its own sentence's places
(`background_places`), a state or division named only as the reference of an unnamed part of it
(`relative_places`).
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from kg.extract.events.approaches import approaches_dropped
from kg.extract.events.background_places import background_places_kept_own
from kg.extract.events.frame import Frame
from kg.extract.events.headlines import headlines_dropped
from kg.extract.events.relative_places import relative_places_dropped
from kg.extract.events.topics import topics_dropped
from kg.extract.events.totals import totals_dropped
from kg.extract.resolve import Resolution


def false_events_dropped(frames: list[Frame], res: Resolution, published: Optional[dt.date]) -> list[Frame]:
    frames = totals_dropped(frames)  # after the merges: its sides were lent to the events it sums
    frames = headlines_dropped(frames, res)
    frames = approaches_dropped(frames)
    frames = topics_dropped(frames)
    frames = background_places_kept_own(frames, res, published)
    return relative_places_dropped(frames, res)
