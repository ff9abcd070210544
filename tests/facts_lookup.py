"""Lookups the geocoding tests share: one named place of an extraction's facts."""

from __future__ import annotations


def one_location(facts, name: str):
    """The one Location entity called ``name``; fails, listing the entities, when there is none or
    more than one (a place read twice is a resolution error the geocoding tests must see)."""
    found = [e for e in facts.entities if e.type == "Location" and e.name == name]
    assert len(found) == 1, [(e.type, e.name) for e in facts.entities]
    return found[0]
