"""The ``kg-facts/1`` JSON format: (de)serialise ``Facts`` and validate against the shipped schema.

The format is the contract between extractors and the mapping layer, so it is validated on the way
in and on the way out rather than trusted.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from kg.models import (
    DateValue,
    DocumentMeta,
    Entity,
    Event,
    Evidence,
    Facts,
    Geo,
    Mention,
    Quantity,
)

SCHEMA_ID = "kg-facts/1"


class FactsError(ValueError):
    """A facts document that does not follow kg-facts/1."""


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("kg").joinpath("schema/kg-facts-1.schema.json").read_text("utf-8")
    return json.loads(text)


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def to_dict(facts: Facts) -> dict[str, Any]:
    entities = []
    for e in facts.entities:
        d: dict[str, Any] = {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "aliases": list(e.aliases),
            "mentions": [asdict(m) for m in e.mentions],
            "attributes": dict(e.attributes),
            "links": dict(e.links),
        }
        if e.subtype:
            d["subtype"] = e.subtype
        if e.geo is not None:
            d["geo"] = asdict(e.geo)
        entities.append(d)
    events = []
    for v in facts.events:
        d = {
            "id": v.id,
            "type": v.type,
            "trigger": asdict(v.trigger),
            "roles": {r: list(ids) for r, ids in v.roles.items()},
            "quantities": {k: asdict(q) for k, q in v.quantities.items()},
            "date": asdict(v.date) if v.date else None,
            "modality": v.modality,
            "confidence": round(v.confidence, 3),
            "evidence": asdict(v.evidence),
        }
        if v.subtype:
            d["subtype"] = v.subtype
        if v.quote is not None:
            d["quote"] = v.quote
        events.append(d)
    out: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "extractor": facts.extractor,
        "document": _drop_none(asdict(facts.document)),
        "entities": entities,
        "events": events,
    }
    if facts.text is not None:
        out["text"] = facts.text
    return out


def validate(data: dict[str, Any]) -> None:
    """Raise FactsError naming the first offending path if ``data`` is not kg-facts/1."""
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        raise FactsError(f"not kg-facts/1 at {where}: {err.message}")
    ids = {e["id"] for e in data["entities"]}
    for ev in data["events"]:
        for role, refs in ev["roles"].items():
            missing = [r for r in refs if r not in ids]
            if missing:
                raise FactsError(f"event {ev['id']} role {role} names unknown entities {missing}")


def from_dict(data: dict[str, Any]) -> Facts:
    validate(data)
    entities = [
        Entity(
            id=e["id"],
            type=e["type"],
            name=e["name"],
            aliases=list(e.get("aliases", [])),
            mentions=[Mention(**m) for m in e.get("mentions", [])],
            subtype=e.get("subtype"),
            attributes=dict(e.get("attributes", {})),
            links=dict(e.get("links", {})),
            geo=Geo(**e["geo"]) if e.get("geo") else None,
        )
        for e in data["entities"]
    ]
    events = [
        Event(
            id=v["id"],
            type=v["type"],
            trigger=Mention(**v["trigger"]),
            evidence=Evidence(**v["evidence"]),
            roles={r: list(ids) for r, ids in v["roles"].items()},
            quantities={k: Quantity(**q) for k, q in v.get("quantities", {}).items()},
            date=DateValue(**v["date"]) if v.get("date") else None,
            modality=v["modality"],
            confidence=float(v.get("confidence", 0.5)),
            subtype=v.get("subtype"),
            quote=v.get("quote"),
        )
        for v in data["events"]
    ]
    return Facts(
        document=DocumentMeta(**data["document"]),
        entities=entities,
        events=events,
        extractor=data.get("extractor", ""),
        text=data.get("text"),
    )


def dumps(facts: Facts) -> str:
    data = to_dict(facts)
    validate(data)
    return json.dumps(data, indent=2, ensure_ascii=False)


def write(facts: Facts, directory: Path) -> Path:
    """Write ``<directory>/<doc-id>.facts.json`` atomically (temp file, then rename)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{facts.document.id}.facts.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(dumps(facts), encoding="utf-8")
    tmp.replace(path)
    return path


def read(path: Path) -> Facts:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FactsError(f"{path}: cannot read facts: {exc}") from exc
    try:
        return from_dict(data)
    except FactsError as exc:
        raise FactsError(f"{path}: {exc}") from exc
