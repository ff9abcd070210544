"""The lexicons the rules read (``Resources``): titles.yaml, the actor lexicon and the gazetteer.

Kept apart from the rules so that loading the data is one step, done once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from kg.extract.gazetteer import Gazetteer
from kg.extract.lexicon import Lexicon


DATA = Path(__file__).resolve().parent.parent.parent / "data"


@dataclass(frozen=True)
class Resources:
    """Lexical resources the mention finder needs; loaded once per Extractor."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    titles: tuple[str, ...]
    honorifics: frozenset[str]
    descriptions: dict[str, tuple[str, ...]]  # "Location/MilitaryBase" -> head phrases
    force_nouns: frozenset[str]
    force_modifiers: frozenset[str]
    government_heads: frozenset[str]
    person_roles: frozenset[str] = frozenset()
    #: ranks spelled out, read whole before a name ("Junior Sergeant X"), as token tuples, longest first (round 31)
    ranks: tuple[tuple[str, ...], ...] = ()
    speech_verbs: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    place_suffixes: frozenset[str] = frozenset()
    place_nouns_of: frozenset[str] = frozenset()
    place_verbs: frozenset[str] = frozenset()
    place_nouns_on: frozenset[str] = frozenset()
    place_nouns_between: frozenset[str] = frozenset()
    #: verbs whose "in X" / "near X" is the scene of a killing, an attack or fighting
    scene_verbs: frozenset[str] = frozenset()
    #: nouns of fighting whose "in X" is where it happened, with their plurals
    fighting_words: frozenset[str] = frozenset()
    #: buildings whose "in X" names the town they stand in
    scene_buildings: frozenset[str] = frozenset()
    #: verbs whose direct object, a lone name NER calls a person, is a town
    attacked_place_verbs: frozenset[str] = frozenset()
    place_motion_verbs: frozenset[str] = frozenset()
    #: verbs whose "at X" is where troops arrive or gather ("landed at X"; round 26)
    place_arrival_verbs: frozenset[str] = frozenset()
    base_designators: tuple[str, ...] = ()
    #: a division's capitalised kind after its name ("the X Local Government Area"): a place (round 26)
    division_titles: tuple[tuple[str, ...], ...] = ()
    #: force nouns after an unlisted acronym that make it a force's name ("NXC forces"; round 26)
    acronym_force_nouns: frozenset[str] = frozenset()
    title_complements: frozenset[str] = frozenset()
    unit_heads: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()
    description_modifiers: frozenset[str] = frozenset()
    government_bodies: frozenset[str] = frozenset()
    government_modifiers: frozenset[str] = frozenset()
    document_heads: frozenset[str] = frozenset()
    state_bodies: tuple[tuple[str, ...], ...] = ()
    #: nouns and verbs of talks: "talks with X's Y" names a person Y
    talk_words: frozenset[str] = frozenset()
    #: "X and Y discussed ...": verbs of two people talking (round 31)
    pair_talk_verbs: frozenset[str] = frozenset()
    #: "the X Y mission": a listed name's last word written as a common noun (round 31)
    name_common_heads: frozenset[str] = frozenset()
    #: "USS X", "HMS Y": a navy's ship, a force
    ship_prefixes: frozenset[str] = frozenset()
    #: "the X Council", "Y Command": a body's name around a listed actor's ("National Z Council")
    body_name_heads: frozenset[str] = frozenset()
    #: "the Xian defence ministry", "X's Interior Ministry": a state's body, named with its state
    state_body_heads: frozenset[str] = frozenset()
    #: "the emergency service X", "Y is a mission": a kind of thing no person is, and its type
    kind_descriptions: tuple[tuple[str, str], ...] = ()
    #: "X and his wife": nouns of people (with person_roles) a person's name may be listed with
    people_nouns: frozenset[str] = frozenset()
    #: a group's name by what the text says of it (round 19): "X militants", "fighters of Y" ...
    irregular_fighters: frozenset[str] = frozenset()
    #: ... "the country's main militant group, X" (a group noun and the words that make it armed) ...
    group_nouns: frozenset[str] = frozenset()
    armed_group_words: frozenset[str] = frozenset()
    #: ... "the town held by X", "retook Y from Z", "an offensive against W": the other side
    held_by_verbs: frozenset[str] = frozenset()
    retaken_from_verbs: frozenset[str] = frozenset()
    war_nouns: frozenset[str] = frozenset()
    #: round 20: "the Xian Y Command", "X's Northern Command": a state's command is its armed force
    state_command_heads: frozenset[str] = frozenset()
    #: round 20: "an X-linked group", "the Y affiliate", "ties to Z": what armed groups have to a group
    affiliation_words: frozenset[str] = frozenset()
    affiliate_nouns: frozenset[str] = frozenset()
    link_nouns: frozenset[str] = frozenset()
    #: round 20: "X seized Y", "Z overran the town": a body that takes a place by force
    place_taking_verbs: frozenset[str] = frozenset()
    day_words: frozenset[str] = frozenset()
    road_words: frozenset[str] = frozenset()
    postal_abbreviations: frozenset[str] = frozenset()
    furniture_lines: frozenset[str] = frozenset()  # "Courtesy Story": a page's label, no name (round 30)
    multinational_openers: frozenset[str] = frozenset()  # "Multinational Force X": a force (round 30)
    plain_forces: tuple[tuple[str, ...], ...] = ()  # "coalition forces" with no state before it (round 30)
    numbered_names: tuple[str, ...] = ()
    force_name_openers: tuple[tuple[str, ...], ...] = ()  # "Task Force Hawk": a force by its name (round 29)
    service_branches: tuple[str, ...] = ()  # "Navy", "Air Force": a state's service named bare (round 24)
    definite_service_branches: tuple[str, ...] = ()  # "the Army": named bare after "the" only (round 31)
    governed_regions: tuple[tuple[str, ...], ...] = ()  # "X forces": a territory's own force (round 28)
    region_force_nouns: frozenset[str] = frozenset()
    kind_named_groups: frozenset[str] = frozenset()  # "bandits": armed men named by their kind (round 28)
    state_of_heads: frozenset[str] = frozenset()  # "the Ministry of Y of X": X is named (round 28)
    adjective_prefixes: frozenset[str] = frozenset()  # "trans-X": an adjective, no place (round 32)
    people_of_places: frozenset[str] = frozenset()  # "the authorities in X": X a place (round 32)
    armed_name_heads: frozenset[str] = frozenset()  # "the X Brotherhood fighters": a group (round 32)
    named_force_tails: tuple[tuple[str, ...], ...] = ()  # "the X group of forces": a force (round 32)
    name_part_titles: frozenset[str] = frozenset()  # "Hassan Sheikh Mohamud": a title inside a name

    @classmethod
    def load(cls, gazetteer: Gazetteer, lexicon: Lexicon) -> "Resources":
        data = yaml.safe_load((DATA / "titles.yaml").read_text("utf-8"))
        return cls(
            gazetteer=gazetteer,
            lexicon=lexicon,
            titles=tuple(sorted(data["titles"], key=len, reverse=True)),
            ranks=tuple(sorted((tuple(r.split()) for r in data.get("ranks", [])), key=len, reverse=True)),
            honorifics=frozenset(data["honorifics"]),
            name_part_titles=frozenset(data.get("name_part_titles", [])),
            descriptions={k: tuple(v) for k, v in data["descriptions"].items()},
            force_nouns=frozenset(data["force_nouns"]),
            force_modifiers=frozenset(data["force_modifiers"]),
            government_heads=frozenset(data["government_force_heads"]),
            person_roles=frozenset(data["person_roles"]),
            speech_verbs=frozenset(data["speech_verbs"]),
            org_heads=frozenset(data["org_heads"]),
            place_suffixes=frozenset(data["place_suffixes"]),
            place_nouns_of=frozenset(data["place_nouns_of"]),
            place_verbs=frozenset(data["strike_verbs"]) | frozenset(data["place_verbs"]),
            place_nouns_on=frozenset(data["attack_nouns"]) | frozenset(data["place_nouns_on"]),
            scene_verbs=frozenset(data["strike_verbs"]) | frozenset(data["scene_verbs"]),
            fighting_words=_with_plurals(frozenset(data["attack_nouns"]) | frozenset(data["fighting_nouns"])),
            scene_buildings=frozenset(data["scene_buildings"]),
            attacked_place_verbs=frozenset(data["attacked_place_verbs"]),
            place_nouns_between=frozenset(data.get("place_nouns_between", [])),
            place_motion_verbs=frozenset(data.get("place_motion_verbs", [])),
            place_arrival_verbs=frozenset(data.get("place_arrival_verbs", [])),
            base_designators=tuple(data.get("base_designators", [])),
            division_titles=tuple(tuple(p.split()) for p in data.get("place_division_titles", [])),
            acronym_force_nouns=frozenset(data.get("acronym_force_nouns", [])),
            governed_regions=tuple(tuple(r.split()) for r in data.get("governed_regions", [])),
            region_force_nouns=frozenset(data.get("region_force_nouns", [])),
            state_of_heads=frozenset(w.lower() for w in data.get("state_of_heads", [])),
            adjective_prefixes=frozenset(w.lower() for w in data.get("adjective_prefixes", [])),
            people_of_places=frozenset(w.lower() for w in data.get("people_of_places", [])),
            armed_name_heads=frozenset(w.lower() for w in data.get("armed_name_heads", [])),
            named_force_tails=tuple(tuple(p.lower().split()) for p in data.get("named_force_tails", [])),
            kind_named_groups=frozenset(w.lower() for w in data.get("kind_named_groups", [])),
            title_complements=frozenset(data["title_complements"]),
            unit_heads=frozenset(data["unit_heads"]),
            seats=frozenset(n.lower() for n in data.get("seats", [])),
            description_modifiers=frozenset(data.get("description_modifiers", [])),
            government_bodies=frozenset(data.get("government_bodies", [])),
            government_modifiers=frozenset(data.get("government_modifiers", [])),
            document_heads=frozenset(data.get("document_heads", [])),
            state_bodies=tuple(sorted((tuple(p.split()) for p in data.get("state_bodies", [])), key=len, reverse=True)),
            talk_words=frozenset(data.get("talk_words", [])),
            pair_talk_verbs=frozenset(data.get("pair_talk_verbs", [])),
            name_common_heads=frozenset(data.get("name_common_heads", [])),
            ship_prefixes=frozenset(data.get("ship_prefixes", [])),
            body_name_heads=frozenset(data.get("body_name_heads", [])),
            state_body_heads=frozenset(data.get("state_body_heads", [])),
            kind_descriptions=tuple(sorted(data.get("kind_descriptions", {}).items())),
            people_nouns=frozenset(data.get("people_nouns", [])),
            irregular_fighters=_with_plurals(frozenset(data.get("irregular_fighters", []))),
            group_nouns=frozenset(data.get("group_nouns", [])),
            armed_group_words=frozenset(data.get("armed_group_words", [])),
            held_by_verbs=frozenset(data.get("held_by_verbs", [])),
            retaken_from_verbs=frozenset(data.get("retaken_from_verbs", [])),
            war_nouns=frozenset(data.get("war_nouns", [])),
            state_command_heads=frozenset(data.get("state_command_heads", [])),
            affiliation_words=frozenset(data.get("affiliation_words", [])),
            affiliate_nouns=frozenset(data.get("affiliate_nouns", [])),
            link_nouns=frozenset(data.get("link_nouns", [])),
            place_taking_verbs=frozenset(data.get("place_taking_verbs", [])),
            day_words=frozenset(w.lower() for w in data.get("day_words", [])),
            road_words=frozenset(data.get("road_words", [])),
            postal_abbreviations=frozenset(data.get("postal_abbreviations", [])),
            furniture_lines=frozenset(w.lower() for w in data.get("furniture_lines", [])),
            multinational_openers=frozenset(w.lower() for w in data.get("multinational_openers", [])),
            plain_forces=tuple(tuple(p.lower().split()) for p in data.get("plain_forces", [])),
            numbered_names=tuple(data.get("numbered_names", [])),
            force_name_openers=tuple(tuple(p.split()) for p in data.get("force_name_openers", [])),
            service_branches=tuple(data.get("service_branches", [])),
            definite_service_branches=tuple(data.get("definite_service_branches", [])),
        )

    @cached_property
    def title_before(self) -> re.Pattern[str]:
        alts = "|".join(re.escape(t) for t in sorted((*self.titles, *(" ".join(r) for r in self.ranks)),
                                                     key=len, reverse=True))
        return re.compile(rf"(?:^|\s)(?P<title>(?:(?:{alts})\s+)+)$")

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """One-word titles as written ("Spokesperson", "Governor"): the head of a longer title."""
        return frozenset(t for t in self.titles if " " not in t)

    @cached_property
    def title_words(self) -> frozenset[str]:
        return frozenset(w.lower().strip(".") for t in self.titles for w in t.split())


def _with_plurals(nouns: frozenset[str]) -> frozenset[str]:
    """The nouns and their plurals: the parser leaves some plurals unlemmatised ("Clashes in X" as a
    proper noun at a sentence's start)."""
    return nouns | {n + "s" for n in nouns}
