"""One writer of a learned component's chosen value into kg/data/learned.yaml, for the three
trainers (event filter threshold, anchor ranker margin, recall proposer threshold): the file keeps
its comments and every other setting, and only the named section's key changes."""

from __future__ import annotations

import re
from pathlib import Path


def write_setting(section: str, key: str, value: float, path: Path) -> None:
    """Set ``key:`` inside ``section:`` of the YAML file at ``path`` (infinity is written 999: never)."""
    text = path.read_text("utf-8")
    head, sep, tail = text.partition(f"\n{section}:")
    if not sep:
        raise SystemExit(f"{path}: no {section} section")
    shown = "999" if value == float("inf") else f"{value:.2f}"
    tail, n = re.subn(rf"(?m)^(\s+{re.escape(key)}:\s*)[0-9.]+", lambda m: f"{m.group(1)}{shown}", tail, count=1)
    if not n:
        raise SystemExit(f"{path}: no {key} in {section}")
    path.write_text(head + sep + tail, "utf-8")
