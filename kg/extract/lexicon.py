"""Alias table of named armed groups, armed forces and organisations (kg/data/actors.yaml).

Why: news names the same actor many ways ("IS", "ISIL", "Daesh", "the Islamic State's") and
spaCy's small model mislabels several of them, so a declarative table gives every actor one
stable key and type, a forgiving ``match`` for resolving mentions, and EntityRuler patterns
for finding them. Short acronyms match case-sensitively so "IS" never matches "is".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from kg.extract.gazetteer import clean_mention, normalize

ACTORS_FILE = Path(__file__).resolve().parents[1] / "data" / "actors.yaml"
ACTOR_TYPES = ("ArmedGroup", "Organization", "ArmedForce")
#: spaCy EntityRuler label per actor type.
LABELS = {"ArmedGroup": "ARMED_GROUP", "Organization": "ORG", "ArmedForce": "ARMED_FORCE"}
#: Role nouns dropped from the end of a mention when the whole mention matches nothing
#: ("Houthi fighters" -> "Houthi").
TRAILING_NOUNS = frozenset(
    "militants fighters rebels militia militias guerrillas insurgents jihadists members group "
    "movement troops soldiers forces mercenaries".split()
)

_SHORT_MAX = 4  # acronyms of at most this many letters/digits are case-sensitive
_COMPACT_RE = re.compile(r"[.\s\-]")
_ALNUM_RE = re.compile(r"[^A-Za-z0-9]")
_DOUBLE_RE = re.compile(r"(.)\1+")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class ActorEntry:
    key: str  # stable slug, e.g. "islamic-state"
    name: str
    type: str  # "ArmedGroup" | "Organization" | "ArmedForce"
    aliases: tuple[str, ...]
    country: str | None
    wikidata: str | None
    subtype: str | None
    # the key of the actor it is a branch of ("iskp" -> "islamic-state"): the two stand on one side
    affiliation: str | None = None
    affiliation_name: str | None = None  # that actor's canonical name (filled in by Lexicon.load)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def short_key(text: str) -> str | None:
    """Case-sensitive key of a short acronym ("U.N." -> "UN", "IS-K" -> "ISK"), else None.

    Short means at most four letters/digits and no lower-case letter.
    """
    compact = _COMPACT_RE.sub("", text)
    alnum = _ALNUM_RE.sub("", compact)
    if 0 < len(alnum) <= _SHORT_MAX and not any(ch.islower() for ch in compact):
        return compact
    return None


def long_key(text: str) -> str:
    """Case-insensitive key: ASCII-folded, punctuation unified, doubled letters collapsed."""
    return _DOUBLE_RE.sub(r"\1", normalize(text.replace("&", " and ")))


def _variants(alias: str) -> list[str]:
    """Common spellings of an alias for phrase patterns (which match case-sensitively)."""
    if short_key(alias) is not None:
        return [alias]
    out = [alias, alias[:1].upper() + alias[1:]]
    if alias.lower().startswith("the "):
        rest = alias[4:]
        # "The Daily Planet Times" -> also "Daily Planet Times" (the article stays outside the entity);
        # a one-word title keeps its article ("the Guardian"): "Guardian" alone is too vague.
        out.append(rest if " " in rest else "the " + rest)
    out += [v.replace("-", " ") for v in out if "-" in v]
    return list(dict.fromkeys(out))


class Lexicon:
    """Immutable alias index over the actor table."""

    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self._entries: dict[str, ActorEntry] = {}
        self._short: dict[str, ActorEntry] = {}
        self._long: dict[str, ActorEntry] = {}
        for e in entries:
            if e.key in self._entries:
                raise ValueError(f"duplicate actor key {e.key!r}")
            self._entries[e.key] = e
            for alias in e.names:
                a = clean_mention(alias)  # keys drop a leading "the", as queries do
                sk = short_key(a)
                table, k = (self._short, sk) if sk is not None else (self._long, long_key(a))
                other = table.setdefault(k, e)
                if other is not e:
                    raise ValueError(f"alias {alias!r} of {e.key} already names {other.key}")
        for e in self._entries.values():
            if e.affiliation is not None and (e.affiliation not in self._entries or e.affiliation == e.key):
                raise ValueError(f"actor {e.key}: affiliation {e.affiliation!r} is no other actor's key")

    @classmethod
    def load(cls, path: Path | None = None) -> "Lexicon":
        """Read and validate an actor table (default: the shipped kg/data/actors.yaml)."""
        with (path or ACTORS_FILE).open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        entries = [_entry(raw) for raw in data["actors"]]
        names = {e.key: e.name for e in entries}
        return cls(replace(e, affiliation_name=names.get(e.affiliation)) if e.affiliation else e for e in entries)

    def entries(self) -> list[ActorEntry]:
        return list(self._entries.values())

    def get(self, key: str) -> ActorEntry | None:
        return self._entries.get(key)

    def match(self, text: str) -> ActorEntry | None:
        """The actor a mention names, or None.

        Tolerates a leading "the", a possessive "'s", case (except for short acronyms),
        diacritics, hyphen/space and doubled-letter variants, and a trailing role noun.
        One-word names must contain a capital ("Amnesty", not "amnesty").
        """
        t = clean_mention(text)
        if not t:
            return None
        sk = short_key(t)
        if sk is not None:
            return self._short.get(sk)
        words = t.split()
        while words:
            found = self._match_long(" ".join(words))
            if found is not None:
                return found
            if len(words) < 2 or words[-1].lower() not in TRAILING_NOUNS:
                return None
            words = words[:-1]
            if len(words) == 1 and short_key(words[0]) is not None:
                return self._short.get(short_key(words[0]) or "")
        return None

    def _match_long(self, t: str) -> ActorEntry | None:
        k = long_key(t)
        e = self._long.get(k)
        if e is None or (" " not in k and t == t.lower()):
            return None
        return e

    def patterns(self) -> list[dict[str, str]]:
        """spaCy EntityRuler phrase patterns for every name and alias, with case variants."""
        out: list[dict[str, str]] = []
        seen: set[str] = set()
        for e in self._entries.values():
            for alias in e.names:
                for v in _variants(alias):
                    if v not in seen:
                        seen.add(v)
                        out.append({"label": LABELS[e.type], "pattern": v, "id": e.key})
        return out


def _entry(raw: dict) -> ActorEntry:
    key, typ = raw.get("key", ""), raw.get("type")
    if not _SLUG_RE.match(key):
        raise ValueError(f"actor key {key!r} is not a lower-case slug")
    if typ not in ACTOR_TYPES:
        raise ValueError(f"actor {key}: type {typ!r} not in {ACTOR_TYPES}")
    country = raw.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{2}", str(country)):
        raise ValueError(f"actor {key}: country {country!r} is not ISO alpha-2")
    qid = raw.get("wikidata")
    if qid is not None and not _QID_RE.match(str(qid)):
        raise ValueError(f"actor {key}: wikidata {qid!r} is not a Q-id")
    name = str(raw["name"])
    aliases = tuple(dict.fromkeys(str(a) for a in raw.get("aliases") or () if str(a) != name))
    return ActorEntry(
        key=key,
        name=name,
        type=typ,
        aliases=aliases,
        country=country,
        wikidata=qid,
        subtype=raw.get("subtype"),
        affiliation=raw.get("affiliation"),
    )
