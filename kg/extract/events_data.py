"""``kg/data/events.yaml`` parsed once per process.

The trigger lexicon and the settings of several rules (modality, anchor places, retellings, sides)
live in that one file; each reader used to parse it on its own. The parsed mapping is shared:
readers take values from it and must not change it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

EVENTS_YAML = Path(__file__).resolve().parent.parent / "data" / "events.yaml"


@lru_cache(maxsize=1)
def events_yaml() -> dict:
    """The whole of events.yaml (an empty mapping if the file is empty)."""
    return yaml.safe_load(EVENTS_YAML.read_text("utf-8")) or {}
