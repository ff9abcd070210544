"""Helpers shared by the extraction-rule tests: extract an invented report, read its events."""

from __future__ import annotations

from kg.read.reader import read_text


def extract(extractor, text: str, published: str = "2024-03-12"):
    """The facts of ``text`` (headline first), published on ``published``."""
    return extractor.extract(read_text(text, meta={"published": published, "title": text.split("\n")[0]}))


def names(facts, event, role):
    """The sorted names of the entities filling ``role`` in ``event``."""
    return sorted(facts.entity(i).name for i in event.roles.get(role, []))


def asserted(facts, etype):
    """The events of type ``etype`` told as having happened."""
    return [v for v in facts.events if v.type == etype and v.modality == "asserted"]


def entity_types(facts):
    """Each entity's name and type."""
    return {e.name: e.type for e in facts.entities}


def types_named(facts, part):
    """Each (type, name) of the entities whose name or an alias contains ``part``, sorted."""
    return sorted((e.type, e.name) for e in facts.entities if part in e.name or any(part in a for a in e.aliases))


def meeting_participants(facts) -> list[list[str]]:
    """Each asserted meeting's participants by name, sorted: the meeting rounds' common check."""
    return sorted(names(facts, m, "participants") for m in asserted(facts, "Meeting"))
