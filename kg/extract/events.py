"""Event frames from the dependency parse.

A trigger (verb or noun lemma from ``data/events.yaml``) opens a frame; its roles come from
grammatical relations (subject, object, by-agent, prepositions, possessives, compounds, relative
clauses), its quantities from number phrases attached to it, its date from the nearest time
expression, its modality from auxiliaries and purpose constructions. Several mentions of one
event in a document are merged afterwards.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Optional

import yaml
from spacy.tokens import Token

from kg.extract.dating import (
    Narrative,
    SentenceTimes,
    Strength,
    date_untimed,
    is_definite_mention,
    told_before,
)
from kg.extract.mentions import LINK_WORDS, NOT_SEIZED
from kg.extract.modality import Modality
from kg.extract.nlp import ParsedDoc, Sentence
from kg.extract.places import AREA, BEARINGS, COUNTRY, REGION, SPECIFIC, body_start, fill_places, refine_places, specificity
from kg.extract.event_places import anchor_places
from kg.extract.quantities import (
    find_quantities,
    is_order_of_magnitude,
    is_part_count,
    parse_number,
    parse_quantity,
    quantity_kind,
)
from kg.extract.resolve import Resolution
from kg.extract.timex import TimeMention, find_times
from kg.models import DateValue, Event, Evidence, Mention, Quantity

DATA = Path(__file__).resolve().parent.parent / "data"

ACTORS = ("Person", "Country", "Organization", "ArmedForce", "ArmedGroup")
ARMED = ("ArmedForce", "ArmedGroup", "Country")
PLACES = ("Location", "Country")
PRONOUNS = {"it", "they", "them", "its", "their", "he", "she", "him", "her", "his", "we", "us"}
RELATIVES = {"which", "that", "who", "whom", "whose"}
PLACE_NOUNS = {"town", "city", "village", "province", "district", "region", "governorate",
               "capital", "area", "county", "port", "stronghold", "base", "airfield", "enclave",
               "neighbourhood", "neighborhood", "suburb", "municipality", "outskirts", "island", "hamlet",
               "state", "locality", "commune", "settlement", "camp"}
SUBTYPES = {"bombing": "Bombing", "bomb": "Bombing", "airstrike": "Airstrike", "shelling": "Shelling",
            "shell": "Shelling", "raid": "Raid", "ambush": "Ambush", "massacre": "Massacre",
            "explosion": "Bombing", "blast": "Bombing", "bombardment": "Shelling"}
COMPOUND_SUBTYPES = {"suicide": "SuicideAttack", "car": "Bombing", "air": "Airstrike", "drone": "DroneStrike",
                     "missile": "MissileStrike", "rocket": "RocketAttack", "mortar": "Shelling"}
QUANTITY_KINDS = {"Deployment": ("troops",), "Attack": ("fatalities", "injuries"),
                  "Capture": ("captured",), "Meeting": (), "Statement": (), "Visit": ()}
SOLDIER_NOUNS = frozenset(["soldier", "troop", "serviceman", "servicemen", "paratrooper", "commando", "marine"])
GUARD_VERBS = frozenset(["protect", "secure", "defend", "guard", "reinforce", "hold", "retake", "recapture"])
WEAPONS = frozenset(["drone", "missile", "rocket", "shell", "mortar", "grenade", "bomb", "projectile", "munition"])
# Nouns for armed people who may be the unnamed agent of an attack ("gunmen killed 12").
ARMED_NOUNS = frozenset(["gunman", "gunmen", "militant", "fighter", "jihadist", "insurgent", "rebel", "attacker",
                         "assailant", "militia", "militiaman", "bandit", "soldier", "troop", "raider", "terrorist"])
# Subjects of "kill" that make it an attack with no named attacker ("a roadside bomb killed two").
WEAPON_SUBJECTS = WEAPONS | frozenset(["bomber", "blast", "explosion", "explosive", "ied", "mine", "landmine",
                                       "airstrike", "bombardment", "shelling", "gunfire"])
# Bodies of a state: "the ministry in <capital> said it ..." speaks for that state.
GOVERNMENT_BODIES = frozenset(["ministry", "government", "administration", "office", "presidency", "command",
                               "military", "army", "cabinet", "parliament", "headquarters", "junta", "regime"])
# Head nouns of a state's forces ("its troops", "Russia's army").
FORCE_HEADS = frozenset(["troop", "force", "soldier", "army", "military", "unit", "commando", "marine"])
# Verbs that tell an attack's toll ("an airstrike killed 20", "... in an attack").
# Objects that make a verb of moving or giving a deployment ("contributed 6,000 troops to X").
TROOP_OBJECTS = frozenset(["troop", "mercenary", "soldier", "marine", "paratrooper", "peacekeeper", "force", "personnel", "unit",
                           "battalion", "brigade", "contingent", "reinforcement", "adviser", "advisor", "commando",
                           "serviceman", "servicemember", "sailor", "airman", "police", "policeman", "officer"])
# Verbs whose object is a deployment their subject orders ("X approved the deployment of ...").
SANCTION_VERBS = frozenset(["approve", "announce", "order", "authorize", "authorise", "confirm", "complete", "finish",
                            "begin", "start", "sanction", "endorse", "agree"])
# What two sides exchange in a firefight ("exchanged fire with X", "traded gunfire with Y").
EXCHANGED_FIRE = frozenset(["fire", "gunfire", "shot", "shots", "artillery", "rocket", "salvo"])
# Signing an agreement is a meeting of its signatories ("A and B signed an accord in X").
SIGNING_VERBS = frozenset(["sign", "agree", "conclude", "seal", "ink", "initial"])
AGREEMENT_NOUNS = frozenset(["agreement", "deal", "accord", "memorandum", "treaty", "pact", "ceasefire", "truce",
                             "declaration", "protocol", "communique"])
# Verbs of an attack landing on what it struck ("rocket attacks hit X", "a wave of airstrikes struck Y").
LANDING_VERBS = frozenset(["hit", "strike", "rock", "pound", "slam", "target", "shake", "rain", "batter", "pummel"])
OUTCOME_VERBS = frozenset(["kill", "wound", "injure", "die", "leave", "hurt", "claim", "result", "cause", "lose"])
# Combatants a nationality adjective does not make a state's forces ("Somali militants").
NON_STATE_NOUNS = frozenset(["group", "militant", "jihadist", "insurgent", "rebel", "militia", "militiaman",
                             "gunman", "gunmen", "bandit", "terrorist", "extremist", "faction", "cell"])
# People nouns whose "of/from X" names the actor: "fighters from X", "members of X", "a unit of X".
MEMBER_NOUNS = frozenset(["fighter", "member", "militant", "troop", "soldier", "force", "unit", "commando",
                          "militiaman", "rebel", "insurgent", "gunman", "jihadist", "element", "contingent",
                          "battalion", "brigade", "detachment", "patrol", "column", "convoy", "position",
                          "officer", "personnel", "marine", "paratrooper", "team", "squad", "delegation",
                          "representative", "negotiator", "envoy", "official"])
# "raised the flag over X": X was taken.
# Verbs that take "control of X": X changes hands ("secured control of X").
CONTROL_VERBS = frozenset(["take", "secure", "gain", "assume", "seize", "establish", "win", "wrest", "regain", "retake",
                           "grab", "capture"])
FLAG_VERBS = frozenset(["raise", "hoist", "plant", "fly"])
# What is seized when a place is: "captured several districts in X", "seized buildings in X".
HOLDINGS = frozenset(["palace", "parliament", "prison", "bridge", "crossing", "refinery", "district", "neighbourhood", "neighborhood", "building", "office", "headquarters", "base",
                      "area", "part", "village", "town", "city", "position", "checkpoint", "post", "outpost",
                      "quarter", "suburb", "territory", "facility", "compound", "airport", "port", "station",
                      "barracks", "garrison", "hq", "stronghold"])
# "Hundreds of X", "dozens of X fighters": the crowd is X.
CROWD_WORDS = frozenset(["hundreds", "dozens", "thousands", "scores", "tens", "some", "many", "several", "group", "band"])
# Titles by which a report names a person it names elsewhere ("Y's defense minister").
ROLE_NOUNS = frozenset(["minister", "president", "secretary", "premier", "chancellor", "envoy", "ambassador",
                        "commander", "chief", "leader", "king", "emir", "counterpart"])
# "the admiral", "the general": a role noun and the title words (or abbreviations) that hold it.
TITLE_WORDS = {"admiral": ("adm.", "admiral"), "general": ("gen.", "general"), "colonel": ("col.", "colonel"),
               "ambassador": ("amb.", "ambassador"), "envoy": ("envoy",), "secretary": ("secretary",),
               "minister": ("minister",), "president": ("president",), "commander": ("commander",)}
# Verbs of a trip whose purpose clause ("traveled to X to meet Y") tells what was done there.
TRIP_VERBS = frozenset(["travel", "fly", "go", "come", "head", "stop", "journey", "arrive"])
# "after talks with X", "during a meeting", "a day of talks": a meeting that is the setting of a
# clause was held by the clause's subject.
SETTING_PREPS = frozenset(["during", "at", "after", "following", "before", "on"])
SPAN_NOUNS = frozenset(["day", "days", "hour", "hours", "week", "round", "series", "night", "session", "evening"])
# People who tell of a deed and are not its doers ("residents said they shot ...": "they" is
# someone else the sentence names).
WITNESS_NOUNS = frozenset(["civilian", "resident", "witness", "eyewitness", "villager", "survivor", "refugee",
                           "inhabitant", "local", "relative", "neighbour", "neighbor", "farmer", "trader"])
# Causes of death that make a passive toll no attack ("12 people were killed in floods in X").
NON_VIOLENT_CAUSES = frozenset(["flood", "floods", "accident", "crash", "earthquake", "storm", "landslide", "stampede",
                                "collapse", "disease", "outbreak", "cholera", "fire", "blaze", "cyclone", "drowning",
                                "heatwave", "mudslide", "avalanche", "hurricane", "typhoon", "lightning", "famine"])
# Verbs of an armed actor leaving a town ("troops withdrew from X"): the town changes hands.
WITHDRAW_VERBS = frozenset(["withdraw", "retreat", "pull", "abandon", "evacuate"])
# Verbs of the side that moves in ("after Russian troops pushed into its streets").
ADVANCE_VERBS = frozenset(["push", "enter", "advance", "move", "storm", "overrun", "break", "close", "seize",
                           "capture", "take"])
# What an attack inflicts on its target ("inflicted heavy losses on X").
LOSS_NOUNS = frozenset(["loss", "losses", "casualty", "casualties", "damage", "defeat", "blow", "toll"])
# Verbs that give a toll its new figure ("the death toll has risen to 10", "reached 23").
TOLL_VERBS = frozenset(["rise", "climb", "reach", "increase", "jump", "stand", "hit", "grow", "mount", "soar"])
# Verbs whose object is a toll raised to a figure ("bringing the death toll to 20", "raising the toll to 48").
RAISING_VERBS = frozenset(["raise", "bring", "push", "take", "put", "lift", "drive"])
# Verbs of reporting: their subject tells of an event ("the army says insurgents attacked").
SPEAKING = frozenset(["say", "tell", "report", "announce", "state", "add", "confirm", "according"])
# Adverbs that make a meeting of the same people another one ("had last met", "met again").
BACKGROUND_ADVERBS = frozenset(["last", "again", "previously", "earlier", "first", "already", "before", "once"])
# Nouns of an inhabited place that "the X" points back to ("an offensive on the remote town").
# Verbs whose object, not subject, does what the infinitive after them says ("asked Y to send troops").
OBJECT_CONTROL = frozenset(["ask", "urge", "request", "invite", "persuade", "press", "encourage", "order", "tell",
                            "allow", "authorize", "authorise", "permit", "force", "pressure", "push", "call"])
GROUP_NOUNS = frozenset(["group", "militia"])
TOWN_NOUNS = frozenset(["town", "city", "village", "settlement", "capital", "hamlet"])
# "the two leaders", "both men": people of a meeting told before.
PAIR_NOUNS = frozenset(["leader", "man", "woman", "official", "side", "head", "foreign minister", "general"])
# "met X and later with Y": a second meeting.
SEQUENCE_ADVERBS = frozenset(["later", "then", "afterwards", "afterward", "subsequently", "separately"])
# Adjectives that make plural attacks a summary of several ("multiple attacks across X").
# Words by which a report names again a place whose name holds them ("the kingdom", "the island").
NAMED_BY_KIND = frozenset(["kingdom", "emirate", "island", "enclave", "peninsula", "archipelago", "sultanate"])
# Vague counts of events ("dozens of attacks", "scores of raids"): several events summed up (_Ctx.tallied).
VAGUE_COUNTS = frozenset(["dozen", "dozens", "hundred", "hundreds", "score", "scores", "thousand", "thousands",
                          "number", "handful", "couple", "lot", "lots"])
# Nouns of a run of events ("a string of attacks", "a spate of kidnappings"): see _Ctx.series.
SERIES_WORDS = frozenset(["string", "series", "spate", "spree", "rash", "wave", "succession", "streak", "litany",
                          "cycle", "campaign"])
SUMMARY_WORDS = frozenset(["multiple", "several", "separate", "various", "numerous", "recent", "repeated",
                           "frequent", "sporadic", "daily"])
# Words that open a new incident, not a re-telling: "In a separate incident", "In another attack".
# ("another" alone is no cue: "killing two and wounding another five" tells the same attack.)
# A sentence opening "Also ..." or "Meanwhile, ..." tells the next item of a round-up.
ANOTHER_ITEM = re.compile(r"\s*(?:also|meanwhile|in other violence)\b", re.IGNORECASE)
SEPARATE = re.compile(r"\b(?:separate(?:ly)?|elsewhere|in a similar|in another (?:attack|incident|raid|strike))\b",
                      re.IGNORECASE)
TOLL_CLAUSE = re.compile(r"\b(?:in which|which|that)\b(?:\s+(?:have|has|had|also|reportedly|killed|left|"
                         r"wounded|injured|claimed))*\s*$")
QUOTE = re.compile(r"[\"“]([^\"”]{8,})[\"”]")


def inflections(verb: str) -> set[str]:
    """Regular forms of a verb, so matching does not rest on the lemmatiser ("staged" -> "stag")."""
    v = verb.lower()
    forms = {v, v + "s", v + "ing", v + "ed"}
    if v.endswith("e"):
        forms |= {v + "d", v[:-1] + "ing"}
    if v.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(v + "es")
    if v.endswith("y") and v[-2:-1] not in "aeiou":
        forms |= {v[:-1] + "ies", v[:-1] + "ied"}
    if len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
        forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}  # "ship" -> "shipped"
    return forms


def _plural(noun: str) -> str:
    """"soldier" -> "soldiers", "man" -> "men": the counted form the quantity kinds are read for."""
    irregular = {"man": "men", "woman": "women", "person": "people", "child": "children", "policeman": "policemen",
                 "serviceman": "servicemen", "gunman": "gunmen", "militiaman": "militiamen"}
    return irregular.get(noun, noun + "s")


def troops_moving(verb: Token) -> bool:
    """Round 13: a verb of moving with troops as its subject and no object, going to a place ("three
    battalions are preparing to move to X", "the brigade will relocate to Y"): the troops deploy there
    (as "moved 100 troops to X" sends them); not "troops moved to block the road" (no place)."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    if not any(c.dep_ == "prep" and c.lower_ in ("to", "into") and any(o.dep_ == "pobj" for o in c.children)
               for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ in ("xcomp", "conj"):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in TROOP_OBJECTS


@dataclass(frozen=True)
class Triggers:
    verbs: dict[str, str]  # lemma -> event type
    nouns: dict[str, str]
    light_verbs: frozenset[str]
    loss_verbs: frozenset[str]
    support_nouns: frozenset[str]
    support_verbs: frozenset[str]
    forms: dict[str, str]  # inflected form -> base, for every verb the rules name
    actor_verbs: frozenset[str] = frozenset()  # attacks only with an armed subject
    expel_verbs: frozenset[str] = frozenset()  # captures told as "drove X out of Y"
    movement_verbs: frozenset[str] = frozenset()  # deployments only with a state's forces as subject
    toll_nouns: frozenset[str] = frozenset()  # fighting that is one attack only with a toll and a place
    troop_verbs: frozenset[str] = frozenset()  # deployments only with troops as object ("moved 100 troops to X")
    military_posts: frozenset[str] = frozenset()  # "attacked an army checkpoint": the forces holding it the target
    not_forces: frozenset[str] = frozenset()  # "sent an envoy", "dispatched aid": sent, but no force
    idiom_objects: frozenset[str] = frozenset()  # "took advantage of", "seized the opportunity": no capture
    toll_verbs: frozenset[str] = frozenset()  # "A fought B in X": one attack only with a named side and a town
    raid_nouns: frozenset[str] = frozenset()  # "X rebels made an incursion into Y": an armed group's is an attack
    stronghold_nouns: frozenset[str] = frozenset()  # "captured Y, X's last stronghold": X held Y
    harmless_fire: frozenset[str] = frozenset()  # "fired tear gas", "fired warning shots": no attack
    host_verbs: frozenset[str] = frozenset()  # "welcomed the first contingent at X": its arrival there (round 11)
    arrival_nouns: frozenset[str] = frozenset()  # "the arrival of 300 soldiers in X": a deployment there (round 11)
    generic_armed: frozenset[str] = frozenset()  # "rebels", "Islamic militants": the group named before (round 13)
    state_side: frozenset[str] = frozenset()  # "government fighters", "pro-government militias": no armed group
    creeds: frozenset[str] = frozenset()  # "Islamic militants": a creed, no side of its own
    leader_nouns: frozenset[str] = frozenset()  # "met the leader of X": X's leader named elsewhere (round 13)

    def base(self, tok: Token) -> str:
        return self.forms.get(tok.lower_) or tok.lemma_.lower()

    @classmethod
    def load(cls) -> "Triggers":
        data = yaml.safe_load((DATA / "events.yaml").read_text("utf-8"))
        verbs: dict[str, str] = {}
        nouns: dict[str, str] = {}
        for etype in ("Deployment", "Attack", "Capture", "Meeting", "Statement", "Visit"):
            for v in data[etype]["verbs"]:
                verbs.setdefault(v, etype)
            for n in data[etype]["nouns"] + data[etype].get("toll_nouns", []):
                nouns.setdefault(n.split()[-1], etype)
        actor_verbs: frozenset[str] = frozenset()
        for etype in ("Attack", "Deployment"):
            for v in data[etype].get("actor_verbs", []):
                verbs.setdefault(v, etype)
                actor_verbs |= {v}
        expel = frozenset(data["Capture"].get("expel_verbs", []))
        movement = frozenset(data["Deployment"].get("movement_verbs", []))
        for v in movement:
            verbs.setdefault(v, "Deployment")
        host_verbs = frozenset(data["Deployment"].get("host_verbs", []))
        arrival_nouns = frozenset(data["Deployment"].get("arrival_nouns", []))
        for n in arrival_nouns:
            nouns.setdefault(n, "Deployment")
        troop_verbs = frozenset(data["Deployment"].get("troop_verbs", []))
        for v in troop_verbs | host_verbs:
            verbs.setdefault(v, "Deployment")
        named = set(verbs) | set(data["Attack"].get("toll_verbs", [])) | set(data["light_verbs"]) | set(data["loss_verbs"]) | set(data["support_verbs"]) | expel
        forms = {f: v for v in sorted(named) if " " not in v for f in inflections(v)}
        for base, irregular in (data.get("irregular") or {}).items():
            forms.update({f: base for f in irregular})
        return cls(verbs, nouns, frozenset(data["light_verbs"]), frozenset(data["loss_verbs"]),
                   frozenset(data["support_nouns"]), frozenset(data["support_verbs"]), forms, actor_verbs, expel,
                   movement, frozenset(data["Attack"].get("toll_nouns", [])), troop_verbs,
                   frozenset(data["Attack"].get("military_posts", [])),
                   frozenset(data["Deployment"].get("not_forces", [])),
                   frozenset(data["Capture"].get("idiom_objects", [])),
                   frozenset(data["Attack"].get("toll_verbs", [])),
                   frozenset(data["Attack"].get("raid_nouns", [])),
                   frozenset(data["Capture"].get("stronghold_nouns", [])),
                   frozenset(data["Attack"].get("harmless_fire", [])), host_verbs, arrival_nouns,
                   frozenset((data.get("armed_by_kind") or {}).get("nouns", [])),
                   frozenset((data.get("armed_by_kind") or {}).get("state_side", [])),
                   frozenset((data.get("armed_by_kind") or {}).get("creeds", [])),
                   frozenset(data["Meeting"].get("leader_nouns", [])))


@dataclass
class Frame:
    type: str
    trigger: Token
    sentence: Sentence
    nominal: bool
    roles: dict[str, list[str]] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    date: Optional[DateValue] = None
    modality: str = "asserted"
    subtype: Optional[str] = None
    quote: Optional[str] = None
    anchor: Optional[int] = None  # document offset of the argument the date is read near
    anaphoric: bool = False  # "the raid killed seven": a definite noun telling more of an event
    setting: bool = False  # "the assault took place in X": where an attack told before happened
    distinct: bool = False  # "In a separate incident, ...": not a re-telling of an event told before
    toll_only: bool = False  # "killed in the fighting": only the toll of an attack told before
    bare: bool = False  # "the men opened fire": an attack told by its verb alone, placed by its report or dropped
    date_strength: int = Strength.NONE  # how the date was found; merges keep the strongest
    pointed_back: bool = False  # placed by a place noun told before ("captured the village"): event_places
    listed: bool = False  # one of several attacks told at once over listed places ("blasts in A and B")
    counted_back: bool = False  # "a day after his talks with X": an earlier event, dated from its host (round 11)
    background: bool = False  # "from militants who have held it since May": an earlier capture in a clause (round 11)

    def add(self, role: str, eid: Optional[str]) -> None:
        if eid and eid not in self.roles.setdefault(role, []):
            self.roles[role].append(eid)

    def filled(self, *roles: str) -> bool:
        return any(self.roles.get(r) for r in roles)


# Last words of the names of areas ("the eastern X region"): fighting there is no one attack.
AREA_WORDS = frozenset(["region", "province", "state", "governorate", "oblast", "county", "department", "district",
                        "valley", "area", "zone", "territory", "territories"])

# The words that tell troops present ("the presence of 1,500 troops in X", "has 2,500 troops in Y").
STATION_FORMS = frozenset(["presence", "has", "have", "had", "having", "keep", "keeps", "kept", "keeping",
                           "maintain", "maintains", "maintained", "maintaining"])

# Words for officials named by nationality only ("Kenyan officials met ...", "the Somali delegation").
OFFICIAL_NOUNS = frozenset(["official", "leader", "delegation", "counterpart", "representative", "diplomat",
                            "negotiator", "authority", "commander"])

# "much of X", "parts of X": the place is X.
PART_WORDS = frozenset(["much", "most", "part", "parts", "all", "rest", "half", "centre", "center", "control", "outskirts"])


class EventFinder:
    def __init__(self, triggers: Triggers, modality: Modality) -> None:
        self.t = triggers
        self.modality = modality

    def find(self, parsed: ParsedDoc, res: Resolution, published: Optional[dt.date]) -> list[Event]:
        frames: list[Frame] = []
        recent: list[list[str]] = []  # entities named in each sentence so far, for pronouns
        narrative = Narrative()  # the narrative time carried from sentence to sentence
        for k, sent in enumerate(parsed.sentences):
            inherited = narrative.start(sent.offset)
            dating = narrative.place(sent.span, find_times(sent.text, published), self.event_type, published)
            times = _times(dating)
            quants = find_quantities(sent.text)
            ctx = _Ctx(self, sent, res, times, quants, inherited, published=published)
            ctx.dating, ctx.told = dating, frames
            ctx.earlier = recent[-2:]
            ctx.after = parsed.sentences[k + 1:k + 3]
            found = _drop_attacks_taken(list(ctx.frames()))
            _date_counted_back(found)
            frames.extend(found)
            _credit_blame(frames, ctx.blamed(), sent.index)
            _credit_toll(frames, ctx.bare_toll(), sent.index)
            recent.append(_mentioned(sent, res))
            narrative.end(dating, found, _is_headline)
        fill_places(frames, parsed.sentences, res)
        merged = _merge(frames, res)
        refine_places(merged, parsed.sentences, res)
        anchor_places(merged, parsed.sentences, res)
        _own_places_only(merged, res)
        merged = _drop_bare_retellings(merged, res)
        merged = _fold_placed_attacks(merged, res)
        merged = _drop_unplaced_tallies(merged)
        date_untimed(merged, published)
        _chain_holders(merged)  # again, now that every capture has its place and date (round 13)
        _leaders_named(merged, parsed.sentences, res, self.t.leader_nouns)
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


@dataclass
class _Ctx:
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
    published: Optional[dt.date] = None

    # ----- entity lookup
    def kind(self, eid: Optional[str]) -> Optional[str]:
        return self.res.kinds.get(eid) if eid else None

    @cached_property
    def body_start(self) -> int:
        """First token after a dateline ("CITY, Country —", "CITY, June 3 (Agency) -"), which
        names no role."""
        return body_start(self.sent.span)

    def entity(self, tok: Token, kinds: tuple[str, ...], *, modifiers: bool = False, depth: int = 0) -> Optional[str]:
        """The entity a token stands for, following relatives, pronouns and 'the town of X'."""
        if depth > 3 or tok.i < self.body_start:
            return None
        eid = self.res.entity_at(tok)
        if eid and self.kind(eid) in kinds:
            return eid
        if eid and self.kind(eid) == "Person" and any(w.lower_ == "loyal" for w in tok.doc[max(tok.i - 6, 0):tok.i]):
            eid = self.loyal_to(eid, tok)  # "troops loyal to President X": the name stands for X's forces
            return eid if eid and self.kind(eid) in kinds else None
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl":
            return self.entity(tok.head.head, kinds, modifiers=modifiers, depth=depth + 1)
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
            return self.antecedent(tok, kinds)
        for child in tok.children:  # "the army chief, Gen. <name>"
            if child.dep_ == "appos" and child.i > tok.i:
                eid = self.res.entity_at(child)
                if eid and self.kind(eid) in kinds:
                    return eid
        if "Person" in kinds and tok.pos_ == "NOUN":
            eid = self.name_after_comma(tok) or self.titled_person(tok)  # the same, when the parser loses the apposition
            if eid:
                return eid
        if (tok.lemma_.lower() in MEMBER_NOUNS or tok.lower_ in CROWD_WORDS or tok.like_num) and any(k not in PLACES for k in kinds):
            for p in self.preps(tok).get("of", []) + self.preps(tok).get("from", []):
                eid = self.entity(p, tuple(k for k in kinds if k not in PLACES), modifiers=modifiers, depth=depth + 1)
                if eid:
                    return eid  # "fighters from the X group", "a unit of the X"
        if any(k not in PLACES for k in kinds) and (tok.lemma_.lower() in MEMBER_NOUNS or tok.lemma_.lower() in FORCE_HEADS):
            for adj in tok.children:  # "fighters loyal to the X", "forces loyal to the Y group"
                if adj.dep_ == "amod" and adj.lower_ == "loyal":
                    for p in self.preps(adj).get("to", []):
                        eid = self.res.entity_at(p)
                        if eid and self.kind(eid) == "Person":
                            eid = self.loyal_to(eid, p)  # "forces loyal to General X": X's forces
                        if eid and self.kind(eid) in ("ArmedGroup", "ArmedForce") and self.kind(eid) in kinds:
                            return eid
        if tok.lemma_.lower() in NAMED_BY_KIND and any(k in kinds for k in PLACES) and not self.preps(tok).get("of") \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            eid = self.named_with(tok.lemma_.lower())  # "the kingdom": the "Kingdom of X" the report named (round 9)
            if eid and self.kind(eid) in kinds:
                return eid
        if tok.lemma_.lower() in PLACE_NOUNS or tok.lower_ in PART_WORDS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return self.entity(pobj, kinds, depth=depth + 1)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            eid = self.fronted_name(tok)  # "X, a railway hub near Y, was recaptured": the parse loses X
            if eid and self.kind(eid) in kinds:
                return eid
        if modifiers:
            found = []
            for child in tok.lefts:
                if child.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                    eid = self.res.entity_at(child)
                    if eid is None and child.lower_ in ("his", "her") and child.dep_ == "poss" \
                            and tok.lemma_.lower() in FORCE_HEADS and "ArmedForce" in kinds:
                        eid = self.leaders_forces(child)  # "President X said his forces ..."
                    if eid is None and child.lower_ in PRONOUNS and child.dep_ == "poss":
                        eid = self.antecedent(child, kinds)  # "its troops"
                    if eid and self.kind(eid) in kinds:
                        found.append(eid)
            if found:  # "Yemen's Houthi rebels": the armed group, not the state
                best = min(found, key=lambda e: 0 if self.kind(e) in ("ArmedGroup", "ArmedForce") else 1)
                if self.kind(best) == "Country" and tok.lemma_.lower() in FORCE_HEADS and "ArmedForce" in kinds:
                    return self.forces_of(best) or best  # "its troops", "Russia's army": its forces
                return best
        return None

    def group_of(self, subj: Token) -> Optional[str]:
        """An attacker told as "the group" or "the group's fighters": the group named just before."""
        for t in [subj, *[c for c in subj.children if c.dep_ == "poss"]]:
            if self.the_group(t):
                return self.group_told_before(t)
        return None

    def group_by_kind(self, tok: Optional[Token]) -> Optional[str]:
        """Round 13: armed people told by their kind alone ("seized X from rebels", "from Islamic
        militants who have held it since May", "the insurgents attacked ...") are the one armed group
        the report names, when it named it before them (headline included); a report naming two groups
        leaves them unnamed (either could be meant). Not when the words name a side of their own ("Kurdish
        rebels", "government fighters", "rebels of the X movement", "X-linked militants": fighters tied to
        X are not X) or a name is theirs."""
        t = self.finder.t
        if tok is None or tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in t.generic_armed \
                or self.res.entity_at(tok) is not None:
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "nmod", "poss", "amod") and (
                    self.res.entity_at(c) is not None
                    or c.lower_ in LINK_WORDS and any(d.text in ("-", "–") for d in c.children)  # "X-linked"
                    or c.ent_type_ in ("NORP", "GPE", "ORG") and c.lower_ not in t.creeds
                    or c.lower_ in t.state_side or c.lower_ in PRONOUNS):
                return None
            if c.dep_ == "prep" and c.lower_ in ("of", "from") or c.dep_ == "amod" and c.lower_ == "loyal":
                return None
            if c.dep_ == "det" and c.lower_ not in ("the", "these", "those"):
                return None
        start = self.sent.char(tok)
        groups = [e for e in self.res.entities if e.type == "ArmedGroup"]
        if len(groups) != 1 or not any(m.start < start for m in groups[0].mentions):
            return None  # two groups named: "rebels" may be either (or a third)
        return groups[0].id

    def the_group(self, tok: Token) -> bool:
        """"the group", "the militia": an armed group named again by its kind."""
        return tok.lemma_.lower() in GROUP_NOUNS and tok.pos_ == "NOUN" and self.res.entity_at(tok) is None \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
            and not any(c.dep_ in ("compound", "amod", "prep") for c in tok.children)

    def group_told_before(self, tok: Token) -> Optional[str]:
        """The one armed group named before "the group" in its sentence, else in the sentence before
        ("A spokesman for X said the group's fighters killed 20 soldiers": X, round 11)."""
        here = {self.res.entity_at(t) for t in self.sent.span.doc[self.body_start:tok.i]}
        groups = {e for e in here if e and self.kind(e) == "ArmedGroup"}
        if not groups and self.earlier:
            groups = {e for e in self.earlier[-1] if self.kind(e) == "ArmedGroup"}
        return groups.pop() if len(groups) == 1 else None

    def named_with(self, word: str) -> Optional[str]:
        """The one place of the report whose name holds ``word`` ("the kingdom": "Kingdom of X")."""
        found = [e.id for e in self.res.entities if e.type in PLACES
                 and word in {w.lower() for n in [e.name, *e.aliases] for w in n.split()}]
        return found[0] if len(found) == 1 else None

    def loyal_to(self, person: str, tok: Token) -> Optional[str]:
        """"forces loyal to General X": the armed group the report calls X's ("X's National Army");
        "troops loyal to President Y": the one force of Y's state (not of a former president)."""
        ent = self.res.entities[int(person[1:]) - 1]
        surname = ent.name.split()[-1]
        owned = [e.id for e in self.res.entities if e.type in ("ArmedGroup", "ArmedForce")
                 and any(n.startswith((surname + "'s ", surname + "’s ")) for n in [e.name, *e.aliases])]
        if len(owned) == 1:
            return owned[0]
        title = ent.attributes.get("title", "").lower()
        if not any(w in title.split() for w in ("president", "king", "emir")) \
                or any(c.lower_ in ("former", "ousted", "exiled") for c in tok.doc[max(tok.i - 4, 0):tok.i]):
            return None
        code = self.res.countries.get(person) or self.res.dominant_country
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and code and self.res.countries.get(e.id) == code]
        return forces[0] if len(forces) == 1 else None

    def titled_person(self, noun: Token) -> Optional[str]:
        """"the admiral", "the general": the one person named before with that title ("Navy Adm.
        X Y ... the admiral met with Z"). A role of several people, or of nobody named, is no one."""
        words = TITLE_WORDS.get(noun.lower_)
        if words is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) \
                or any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in noun.children):
            return None
        start = self.sent.char(noun)
        holders = [e.id for e in self.res.entities if e.type == "Person" and e.mentions and e.mentions[0].start < start
                   and any(w in words for w in e.attributes.get("title", "").lower().split())]
        return holders[0] if len(holders) == 1 else None

    def leaders_forces(self, pronoun: Token) -> Optional[str]:
        """"his forces" of a head of state or minister: that state's forces (or the state)."""
        person = self.antecedent(pronoun, ("Person",))
        code = self.res.countries.get(person) if person else None
        if code is None:
            return None
        state = self.res.country_entity(code)
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and self.res.countries.get(e.id) == code]
        return forces[0] if len(forces) == 1 else state

    def forces_of(self, state: str) -> Optional[str]:
        """The one armed force of a state that the article names, if it names one."""
        code = self.res.countries.get(state)
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and code and self.res.countries.get(e.id) == code]
        return forces[0] if len(forces) == 1 else None

    def blamed(self) -> list[str]:
        """Who this sentence says was behind an attack: "blamed X", "blamed it on X", "X was
        blamed", "accused X of", "X claimed responsibility", "attributed it to X", "X claimed the
        ambush", "police suspect X", "held X responsible"."""
        out: list[str] = []
        for tok in self.sent.span:
            if tok.pos_ != "VERB" or self.finder.modality.of(tok) != "asserted":
                continue
            base = self.finder.t.base(tok)
            cands: list[Token] = []
            if base in ("blame", "accuse"):
                preps = self.preps(tok)
                dobj = self.child(tok, "dobj", "nsubjpass")
                on_obj = self.preps(dobj).get("on") if dobj is not None else None
                if preps.get("on"):
                    cands = preps["on"]
                elif on_obj and self.trigger_type(dobj)[0] == "Attack":
                    cands = on_obj  # "blamed that attack on X", the parse hanging "on X" on the attack
                elif dobj is not None:
                    cands = [dobj]
            elif base == "attribute":
                cands = self.preps(tok).get("to", [])
            elif base == "suspect" or base == "hold" and any(
                    c.dep_ in ("oprd", "acomp", "amod", "advcl", "ccomp") and c.lower_ == "responsible" for c in tok.subtree):
                dobj = self.child(tok, "dobj", "nsubjpass")  # "police suspect X", "held X responsible" (round 9)
                cands = [dobj] if dobj is not None else []
            elif base == "claim" and any(c.dep_ == "dobj" and (c.lemma_.lower() == "responsibility" or
                                                               self.finder.t.nouns.get(c.lemma_.lower()) == "Attack")
                                         for c in tok.children):  # ("claimed the ambush", round 9)
                subj = self.subject(tok)
                cands = [subj] if subj is not None else []
            for c in cands:
                for one in self.expand(c):
                    eid = self.entity(one, ("ArmedGroup", "ArmedForce", "Country"), modifiers=True)
                    if eid and eid not in out:
                        out.append(eid)
        return out

    def name_after_comma(self, tok: Token) -> Optional[str]:
        """A person named right after a role noun and a comma: "the army chief, Gen. X"."""
        doc, end = tok.doc, tok.right_edge.i + 1
        if end >= self.sent.span.end or doc[end].text != ",":
            return None
        for j in range(end + 1, min(end + 5, self.sent.span.end)):
            eid = self.res.entity_at(doc[j])
            if eid:
                return eid if self.kind(eid) == "Person" else None
            if doc[j].is_punct and doc[j].text != "." or not doc[j].text[:1].isupper():
                return None
        return None

    def entities_in(self, tok: Token, kinds: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for t in tok.subtree:
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in kinds and eid not in out:
                out.append(eid)
        return out

    def antecedent(self, tok: Token, kinds: tuple[str, ...]) -> Optional[str]:
        """The subject of an enclosing clause ("X said its aircraft struck ..."), else the nearest
        entity of a fitting kind before the pronoun, in this sentence first."""
        sent = self.sent.span
        t = tok
        for _ in range(6 if any(k not in PLACES for k in kinds) else 0):
            if t.head.i == t.i:
                break
            t = t.head
            subj = self.child(t, "nsubj") if t.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.lemma_.lower() in WITNESS_NOUNS:
                continue  # "civilians say that before troops left they executed 40": not the civilians
            if subj is not None and subj.i < tok.i and not (subj.left_edge.i <= tok.i <= subj.right_edge.i):
                eid = self.res.entity_at(subj)
                if eid and self.kind(eid) in kinds:
                    return eid
                if eid is None and self.agrees(tok, subj):
                    # "The Kenyan defence ministry said it had deployed ...", "the ministry in
                    # <capital> said its troops ...": that subject's state, not an earlier actor.
                    eid = self.entity(subj, kinds, modifiers=True)
                    norp = [c for c in subj.lefts if c.dep_ == "amod" and c.ent_type_ == "NORP"]
                    if eid is None and norp:
                        eid = self.state_of(norp[0].text)
                        return eid if eid and self.kind(eid) in kinds else None
                    if eid is None and subj.lemma_.lower() not in GOVERNMENT_BODIES:
                        return None  # "an alliance of armed groups said it ...": unnamed, not guessed
                    for o in self.preps(subj).get("in", []) if eid is None else []:
                        place = self.entity(o, PLACES)
                        eid = self.res.country_entity(self.res.countries.get(place)) if place else None
                    if eid and self.kind(eid) in kinds:
                        return eid
        for t in reversed(list(sent.doc[self.body_start:tok.i])):
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in kinds:
                return eid
        if tok.lower_ in ("he", "she", "him", "her", "his"):
            kinds = tuple(k for k in kinds if k == "Person")
        elif tok.lower_ in ("it", "its", "they", "them", "their"):
            kinds = tuple(k for k in kinds if k != "Person")
        if set(kinds) <= set(PLACES):
            return None  # a place taken by "it" is named in the same sentence, or not at all
        kinds = tuple(k for k in kinds if k not in PLACES)  # a state is "it" within its own sentence
        for ids in reversed(self.earlier):  # "It said ...", "its fighters": the previous sentence
            for eid in reversed(ids):
                if self.kind(eid) in kinds:
                    return eid
        return None

    @staticmethod
    def agrees(pronoun: Token, noun: Token) -> bool:
        """"it"/"its" and a singular common noun, "they"/"their" and a plural one."""
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in PRONOUNS:
            return False
        if pronoun.lower_ in ("it", "its"):
            return noun.tag_ in ("NN", "NNP")
        return pronoun.lower_ in ("they", "their", "them") and noun.tag_ in ("NNS", "NNPS")

    @staticmethod
    def relative_head(tok: Token) -> Token:
        """"X and Y, which were taken": the relative pronoun's antecedent."""
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl":
            return tok.head.head
        return tok

    def expand(self, tok: Token) -> list[Token]:
        """A token and its conjuncts ("X and Y")."""
        out = [tok]
        for c in tok.conjuncts:
            if c.i > tok.i:
                out.append(c)
        return out

    # ----- grammar
    @staticmethod
    def preps(tok: Token) -> dict[str, list[Token]]:
        out: dict[str, list[Token]] = {}
        for child in tok.children:
            if child.dep_ in ("prep", "agent", "dative"):
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        out.setdefault(child.lower_, []).append(pobj)
                    elif pobj.dep_ == "conj" and pobj.pos_ == "ADP":  # "in and around X"
                        for p2 in pobj.children:
                            if p2.dep_ == "pobj":
                                out.setdefault(child.lower_, []).append(p2)
                                out.setdefault(pobj.lower_, []).append(p2)
                    elif pobj.dep_ == "prep":  # "along with X"
                        for p2 in pobj.children:
                            if p2.dep_ == "pobj":
                                out.setdefault(pobj.lower_, []).append(p2)
        return out

    @staticmethod
    def child(tok: Token, *deps: str) -> Optional[Token]:
        for c in tok.children:
            if c.dep_ in deps:
                return c
        return None

    def subject(self, verb: Token) -> Optional[Token]:
        """The active subject, or the by-agent of a passive, climbing through xcomp/advcl/conj."""
        v = verb
        for _ in range(3):
            subjects = [c for c in v.children if c.dep_ == "nsubj"]
            in_body = [c for c in subjects if c.i >= self.body_start]  # not the dateline's "CITY"
            s = in_body[0] if in_body else next(
                (c for c in subjects[0].children if c.i >= self.body_start and c.pos_ in ("NOUN", "PROPN")
                 and c.dep_ not in ("npadvmod", "nummod")), None) if subjects else None
            # ("CITY — X forces ... retook": X forces, whether parsed as a second subject or an apposition;
            # the noun after the dateline, not its date: "CITY, Feb 20 (Agency) - 800 soldiers arrived", also
            # when the parser hangs it on the city in another way)
            if s is not None:
                return s
            by = self.preps(v).get("by")
            if by and (self.child(v, "auxpass", "nsubjpass") is not None or v.tag_ == "VBN"):
                return by[0]
            if self.child(v, "nsubjpass", "auxpass") is not None:
                return None  # a passive with no by-agent names no agent, also when the parser lost its subject
                # ("The military says 12 soldiers were killed in the attack", "killed" a conj of "says": round 11)
            if v.dep_ == "xcomp" and v.head.lemma_ == "help":
                helped = self.child(v.head, "dobj")  # "help Iraqi forces retake X"
                if helped is not None:
                    return helped
            if v.dep_ in ("xcomp", "ccomp") and v.head.lemma_.lower() in OBJECT_CONTROL:
                asked = self.child(v.head, "dobj")  # "X asked Y to send troops": Y would send them (round 11)
                if asked is not None:
                    return asked
            if v.dep_ in ("xcomp", "advcl", "conj") and v.head.i != v.i:
                v = v.head
                continue
            if v.dep_ == "acomp" and v.pos_ == "ADJ" and v.head.i != v.i:
                v = v.head  # "it was ready (willing, able) to deploy troops": its subject (round 11)
                continue
            if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.lower_ in ("after", "before", "since", "while", "by"):
                up = next((a for a in v.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if up is not None:  # "X captured Y, a week after taking Z": X took Z
                    v = up
                    continue
            break
        return None

    def governing_verb(self, noun: Token, steps: int = 4) -> Optional[Token]:
        t = noun
        for _ in range(steps):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        return None

    # ----- frames
    def frames(self) -> Iterable[Frame]:
        for tok in self.sent.span:
            left = self.withdrawal(tok)
            if left is not None:
                yield left
                continue
            etype, nominal = self.trigger_type(tok)
            if etype is None:
                continue
            if etype in ("Attack", "Deployment") and self.finder.modality.ongoing(tok):
                continue  # "continued its offensive", "continues to send troops": a campaign, no one event
            if etype in ("Attack", "Capture", "Meeting") and not nominal and self.sent.index > 0 \
                    and self.finder.modality.present_habit(tok, self.finder.t.base(tok)):
                continue  # "the militants often attack convoys" (a headline's present tells the news)
            if etype in ("Attack", "Capture") and not nominal and self.finder.modality.campaign(tok):
                continue  # "has been seizing areas in X": a campaign going on (round 12)
            yield from getattr(self, f"_{etype.lower()}")(tok, nominal)

    def withdrawal(self, tok: Token) -> Optional[Frame]:
        """"Government troops withdrew from X", "X, where the army withdrew", "the rebels abandoned
        X": an armed actor leaving a town gives it up; the town changes hands (the one who took it
        is the other armed actor of the sentence pushing in or entering, if any)."""
        if tok.pos_ != "VERB":
            return None
        verb = self.finder.t.base(tok)
        if verb not in WITHDRAW_VERBS or verb == "pull" and not any(
                c.dep_ == "prt" and c.lower_ in ("back", "out") for c in tok.children):
            return None
        subj = self.subject(tok)
        former = self.entity(subj, ("ArmedForce", "ArmedGroup"), modifiers=True) if subj is not None else None
        if former is None:
            return None
        preps = self.preps(tok)
        places = preps.get("from", []) + preps.get("out", [])
        if verb in ("abandon", "evacuate"):
            places += [c for c in tok.children if c.dep_ == "dobj"]
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            places.append(tok.head)  # "the village of X, where troops withdrew"
        place = next((e for o in places for e in [self.entity(o, ("Location",))] if e), None)
        if place is None and any(o.lemma_.lower() in TOWN_NOUNS and self.child(o, "det") is not None
                                 and self.child(o, "det").lower_ == "the" for o in places):
            place = self.town_told_before()  # "rebels retreated from the town" (round 9)
        if place is None:
            return None
        f = self.new("Capture", tok, False)
        f.add("place", place)
        f.add("former", former)
        for t in self.sent.span:  # "... after Russian troops pushed into its streets"
            eid = self.res.entity_at(t)
            if eid and eid != former and self.kind(eid) in ("ArmedForce", "ArmedGroup") and t.dep_ == "nsubj" \
                    and self.finder.t.base(t.head) in ADVANCE_VERBS:
                f.add("captor", eid)
                break
        for c in tok.children:  # "withdrew from X, leaving the town to the Y group": Y took it (round 11)
            if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in ("leave", "hand", "cede") and not f.filled("captor"):
                for o in self.preps(c).get("to", []):
                    eid = self.entity(o, ("ArmedForce", "ArmedGroup"), modifiers=True)
                    if eid and eid != former:
                        f.add("captor", eid)
        if not f.filled("captor"):  # "troops assaulted X. The rebels withdrew from the town": the attacker took it
            for g in reversed(self.told):
                if g.sentence.index < self.sent.index - 2:
                    break
                if g.type == "Attack" and g.modality == "asserted" and place in g.roles.get("location", []):
                    for eid in g.roles.get("perpetrator", []):
                        if eid != former:
                            f.add("captor", eid)
                    break
        return self.finish(f)

    def trigger_type(self, tok: Token) -> tuple[Optional[str], bool]:
        verbal = tok.pos_ == "VERB" or self.participle_as_noun(tok)
        lemma = self.finder.t.base(tok) if verbal else tok.lemma_.lower()
        if verbal:
            if lemma == "take" and any(c.dep_ in ("prt", "advmod") and c.lower_ in ("over", "back") for c in tok.children):
                return "Capture", False  # "took over X", "have taken back X"
            if lemma in FLAG_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() == "flag" for c in tok.children) \
                    and any(p in self.preps(tok) for p in ("over", "above", "in", "on")):
                return "Capture", False  # "raised the flag over the town of X"
            if lemma in CONTROL_VERBS and any(c.dep_ == "dobj" and c.lemma_ == "control" for c in tok.children):
                return "Capture", False  # "took control of X", "secured control of Y"
            if lemma in ("lose", "cede") and any(c.dep_ == "dobj" and c.lemma_ == "control" and "of" in self.preps(c)
                                                 for c in tok.children):
                return "Capture", False  # "X lost control of Y": Y changed hands
            if lemma == "fall" and ("to" in self.preps(tok) or any(
                    o.lemma_.lower() in ("hand", "control") for o in self.preps(tok).get("into", []))):
                return "Capture", False  # "fell to X", "fell into the hands of X"
            if lemma in self.finder.t.expel_verbs and self.expelled_from(tok) is not None:
                return "Capture", False
            if lemma == "clear" and self.cleared_of(tok) is not None:
                return "Capture", False  # "cleared the town of X fighters"
            if lemma in self.finder.t.host_verbs:  # "received 300 soldiers": a deployment; "received the president": a meeting
                troops = any(c.dep_ in ("dobj", "nsubjpass") and self.relative_head(c).lemma_.lower() in TROOP_OBJECTS
                             for c in tok.children)
                etype = "Deployment" if troops else _not_deployment(self.finder.t.verbs.get(lemma))
                return etype, False
            if lemma in self.finder.t.troop_verbs and not any(
                    c.dep_ in ("dobj", "nsubjpass") and self.relative_head(c).lemma_.lower() in TROOP_OBJECTS
                    for c in tok.children) and not troops_moving(tok):
                return None, False  # "brought the group gains", "moved to block": no troops moved
                # ("X troops, which were brought into the country": the troops the relative stands for)
            if lemma in self.finder.t.verbs:
                return self.finder.t.verbs[lemma], False
            if lemma in self.finder.t.toll_verbs and tok.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
                return "Attack", False  # "A fought B in X", "troops clashed with rebels near Y" (see fought_at)
        if tok.pos_ == "VERB" and lemma in self.finder.t.nouns and lemma not in self.finder.t.verbs \
                and tok.tag_ in ("VBZ", "NNS", "NN"):
            return self.finder.t.nouns[lemma], True  # "Coalition airstrikes on X killed 17" tagged as a verb
        if tok.pos_ == "VERB" and lemma in ("launch", "fire") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in WEAPONS for c in tok.children):
            return "Attack", False  # "launched drones at X"
        if tok.lower_ == "fire" and tok.head.lower_ == "under":
            return "Attack", True  # "came under fire"
        if tok.lower_ in STATION_FORMS and self.stationed_troops(tok) is not None:
            return "Deployment", True  # "the presence of 1,500 X troops in Y", "X has 2,500 troops in Y"
        if tok.pos_ == "VERB" and self.signed(tok) is not None:
            return "Meeting", False  # "A and B signed an agreement in X", "the deal was agreed by A and B"
        if tok.pos_ == "VERB" and lemma == "open" and any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.children):
            return "Attack", False  # "gunmen opened fire on a bus"
        if tok.pos_ == "VERB" and lemma in ("exchange", "trade") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in EXCHANGED_FIRE for c in tok.children):
            return "Attack", False  # "peacekeepers exchanged fire with militiamen near X"
        if tok.pos_ == "VERB" and lemma == "inflict" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in LOSS_NOUNS and "on" in {**self.preps(tok), **self.preps(c)}
                for c in tok.children):
            return "Attack", False  # "inflicted heavy losses on Russian troops"
        if self.mistagged_control_verb(tok) is not None:
            return "Capture", True  # "troops loyal to X secured control of Y", "secured" tagged as an adjective
        if tok.lemma_.lower() == "control" and tok.head.lower_ == "under" and tok.head.head.lemma_ == "be" \
                and "since" in self.preps(tok.head.head):
            return "Capture", True  # "X has been under the control of Y since 2014": Y took X then
        if self.came_into_control(tok):
            return "Capture", True  # "gunmen entered the town and were in full control of it by noon" (round 11)
        if self.held_since(tok):
            return "Capture", False  # "from militants who have controlled it since September" (round 11)
        if tok.pos_ in ("NOUN", "PROPN") and lemma in self.finder.t.raid_nouns and self.raiding_group(tok):
            return "Attack", True  # "X militants carried out an incursion into Y" (round 9)
        if tok.pos_ in ("NOUN", "PROPN") and lemma in self.finder.t.nouns and self.res.entity_at(tok) is None:
            etype = self.finder.t.nouns[lemma]
            if lemma == "fall" and "of" not in self.preps(tok):
                return None, True
            if lemma == "strike" and not any(c.lower_ in ("air", "drone", "missile") for c in tok.lefts):
                light = self.light_verb(tok)
                if "on" not in self.preps(tok) and "against" not in self.preps(tok) and not (
                        light is not None and self.finder.t.base(light) in ("carry", "conduct", "launch")) \
                        and self.outcome_verb(tok) is None and not (
                        tok.dep_ == "nsubj" and self.tells_setting(tok.head) and any(
                            g.type == "Attack" and g.trigger.lemma_.lower() in ("strike", "airstrike") for g in self.told)):
                    return None, True  # "a strike" alone may be a labour strike; "carried out the strike" is not
                    # (nor "the strikes took place in X" after "drone strikes killed 15")
            return etype, True
        return None, False

    def came_into_control(self, noun: Token) -> bool:
        """"were in (full) control of X" told as a change: after entering or storming it ("entered the
        town and were in full control of it") or by a time ("by noon"). A state told alone ("forces are
        firmly in control of X") is a claim about the present, no capture (round 11)."""
        if noun.lemma_.lower() != "control" or noun.pos_ != "NOUN" or noun.head.lower_ != "in" \
                or noun.head.head.lemma_ != "be" or "of" not in self.preps(noun):
            return False
        verb = noun.head.head
        entered = verb.dep_ == "conj" and self.finder.t.base(verb.head) in ADVANCE_VERBS
        by_time = any(o.ent_type_ in ("TIME", "DATE") or o.lemma_.lower() in ("noon", "midday", "nightfall", "dawn",
                                                                             "evening", "morning", "afternoon")
                      for o in self.preps(verb).get("by", []))
        return entered or by_time

    def held_since(self, verb: Token) -> bool:
        """"retook X from militants who have controlled it since September": a holder told in a
        relative clause in the perfect with "since" a time took the place then (as "has been under
        the control of Y since 2014" does, round 11). Only a relative on the side the place was
        taken from, so that the background capture is told beside the capture of the place."""
        return verb.pos_ == "VERB" and verb.lemma_.lower() in ("control", "hold", "occupy") and verb.dep_ == "relcl" \
            and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) \
            and any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children) \
            and (verb.head.dep_ == "pobj" and verb.head.head.lower_ == "from" or self.holder_of_the_retaken(verb) is not None)

    def holder_of_the_retaken(self, verb: Token) -> Optional[str]:
        """"Forces recaptured X from ISIL ... the fight to stop ISIL, which has held the city since
        May": a relative of the perfect on a named armed actor, holding "the city" ("it"), when a
        capture of a town was told in this sentence or the two before, tells that actor's earlier
        capture of that town (round 12; told alone, "X, which has held the city since 2014", it is
        none). Returns the town."""
        if self.kind(self.res.entity_at(verb.head)) not in ARMED:
            return None
        obj = self.child(verb, "dobj")
        if obj is None or not (obj.lower_ == "it" or obj.lemma_.lower() in TOWN_NOUNS and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children)):
            return None
        for f in reversed(self.told):
            if f.sentence.index < self.sent.index - 2:
                break
            fine = [e for e in f.roles.get("place", []) if specificity(e, self.res) >= SPECIFIC]
            if f.type == "Capture" and f.modality == "asserted" and not f.background and fine:
                return fine[0]
        return None

    def controlled_place(self, noun: Token) -> list[Token]:
        """The place of "were in control of it": "it" (or "the town") is the place the clause entered
        ("entered the town and were in control of it")."""
        out = []
        for o in self.preps(noun).get("of", []):
            verb = noun.head.head
            if o.pos_ == "PRON" and verb.dep_ == "conj":
                o = self.child(verb.head, "dobj") or o
            out.append(o)
        return out

    def raiding_group(self, noun: Token) -> bool:
        """An incursion made by an armed group (not a state's forces): a raid, so an attack."""
        subj = self.poss_or_by(noun) or self.light_verb_subject(noun)
        return subj is not None and self.kind(self.entity(subj, ARMED, modifiers=True)) == "ArmedGroup"

    def home_base(self, tok: Token) -> Optional[Token]:
        """"The deployment of 3,500 soldiers from the Nth Brigade, stationed at Fort X": a participle
        of stationing on the unit sent tells where the unit is based, not a deployment of its own
        (the deployment word it hangs under is the event). Returns that deployment word."""
        if tok.pos_ != "VERB" or tok.dep_ != "acl" or tok.tag_ != "VBN" \
                or self.finder.t.base(tok) not in ("station", "base", "garrison", "headquarter"):
            return None
        for anc in tok.ancestors:
            if anc.pos_ == "NOUN" and self.trigger_type(anc) == ("Deployment", True):
                return anc
        return None

    def stationed_troops(self, tok: Token) -> Optional[Token]:
        """Troops told as present somewhere, with their number: "the presence of 1,500 X troops in Y",
        "X has (about) 2,500 troops in Y", "keeps 800 soldiers in Y" (a deployment, undated unless
        told): the troops' word, when they are counted and placed with "in"."""
        if tok.lemma_.lower() == "presence" and tok.pos_ == "NOUN":
            troops = (self.preps(tok).get("of") or [None])[0]
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in ("have", "keep", "maintain"):
            troops = self.child(tok, "dobj")
        else:
            return None
        if troops is None or troops.lemma_.lower() not in TROOP_OBJECTS \
                or not any(c.dep_ == "nummod" or c.like_num for c in troops.children):
            return None
        return troops if self.preps(troops).get("in") or self.preps(tok).get("in") else None

    def mistagged_control_verb(self, tok: Token) -> Optional[Token]:
        """The small model may tag "secured" in "troops loyal to X secured control of Y" as an
        adjective of "control": that word, when it is a verb of taking control."""
        if tok.lemma_.lower() != "control" or tok.pos_ != "NOUN" or "of" not in self.preps(tok):
            return None
        return next((c for c in tok.children if c.dep_ == "amod" and c.i == tok.i - 1 and c.tag_ in ("JJ", "VBD", "VBN")
                     and self.finder.t.base(c) in CONTROL_VERBS | {"secured", "seized", "gained", "took", "regained"}), None)

    def actor_before(self, word: Token) -> Optional[Token]:
        """The actor named last before a mistagged verb in its clause: the subject the parse lost;
        "troops loyal to President X" are the president's forces."""
        for t in reversed(self.sent.span.doc[self.body_start:word.i]):
            if t.text in (";", ":") or t.lower_ in ("said", "says", "that"):
                return None
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in ("ArmedGroup", "ArmedForce"):
                return t
            if eid and self.kind(eid) == "Person" and any(w.lower_ == "loyal" for w in t.doc[max(t.i - 6, 0):t.i]):
                return t
        return None

    def participle_as_noun(self, tok: Token) -> bool:
        """"X was overrun" tagged as "was" + a noun: a passive participle all the same."""
        base = self.finder.t.forms.get(tok.lower_)
        return (tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be" and base is not None
                and base in self.finder.t.verbs and tok.lower_ not in self.finder.t.nouns
                and tok.lower_.endswith(("ed", "en", "wn", "un")))  # a participle, not "the last position"

    def new(self, etype: str, tok: Token, nominal: bool) -> Frame:
        f = Frame(type=etype, trigger=tok, sentence=self.sent, nominal=nominal)
        f.modality = self.finder.modality.of(tok)
        if f.modality == "planned" and nominal and tok.dep_ == "dobj" and self.told_as_done(tok):
            f.modality = "asserted"  # "marched to protest the attack on X": the attack is done (round 9)
        if f.modality == "asserted" and not nominal and tok.tag_ == "VBG" and tok.dep_ == "pcomp" \
                and tok.head.lower_ in ("from", "of", "toward", "towards") and not self.finder.modality.accused(tok):
            f.modality = "hypothetical"  # "kept X from gaining control of Y", "on the verge of seizing Y"
        return f

    def told_as_done(self, noun: Token) -> bool:
        """"to protest the attack", "to avenge Monday's raid", "to investigate the bombing": a definite
        event noun that a purpose clause reacts to (its verb is no trigger, no light verb like "launch"
        nor a verb of planning) is an event that has happened."""
        verb = noun.head
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "last") or c.dep_ == "poss"
                       for c in noun.children)
        base = self.finder.t.base(verb)
        return definite and verb.pos_ == "VERB" and base not in self.finder.t.light_verbs \
            and base not in self.finder.modality.purpose_verbs and base not in self.finder.t.verbs

    def finish(self, f: Frame) -> Frame:
        f.date = self.date_for(f)
        before = self.sent.text[:self.sent.char(f.trigger) - self.sent.start]
        f.distinct = SEPARATE.search(before) is not None
        return f

    # Deployment ---------------------------------------------------------------
    def _deployment(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if not nominal and tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and tok.head.pos_ == "VERB" and self.trigger_type(tok.head)[0] == "Deployment":
            return  # "sent 500 troops to X to reinforce Y", "arrived to reinforce": the purpose of the one deployment
        if self.home_base(tok) is not None:
            return  # "the deployment of 3,500 soldiers from the Nth Division, stationed at Fort X, to Y" (round 12)
        troops = self.stationed_troops(tok)
        if troops is not None:
            yield from self._presence(tok, troops)
            return
        if not nominal and self.finder.t.base(tok) in self.finder.t.host_verbs:
            yield from self._welcomed(tok)
            return
        if nominal and tok.lemma_.lower() in self.finder.t.arrival_nouns:
            yield from self._arrival(tok)
            return
        f = self.new("Deployment", tok, nominal)
        subj = (self.poss_or_by(tok) or self.light_verb_subject(tok)) if nominal else self.subject(tok)
        if subj is None and not nominal and tok.dep_ == "acl" and tok.tag_ == "VBD" \
                and tok.head.lemma_.lower() in TROOP_OBJECTS:  # "a contingent of 200 officers arrived in X"
            subj = tok.head  # parsed as a clause on the officers (round 9)
            if subj.dep_ == "pobj" and subj.head.lower_ == "of" and subj.head.head.lemma_.lower() in TROOP_OBJECTS:
                subj = subj.head.head
        patient = self.child(tok, "dobj", "nsubjpass")
        if subj is None and not nominal and self.finder.t.base(tok) in self.finder.t.actor_verbs \
                and patient is not None and patient.dep_ == "nsubjpass":
            subj, patient = patient, None  # "241 soldiers are headed to X": going, not sent (round 11)
        if subj is not None:
            agent = self.entity(subj, ACTORS, modifiers=True)
            body = self.body_of(agent)
            if body is not None:  # "U.N. peacekeepers deployed": the U.N. sends its force
                f.add("force", agent)
                agent = body
            elif agent and self.kind(agent) == "ArmedForce":
                # "Ugandan troops arrived in X": their state, when the article names it, sends
                # them; else the troops are the force deployed (never the agent themselves)
                state = self.res.country_entity(self.res.countries.get(agent))
                if state is None:
                    f.add("force", agent)
                agent = state
            f.add("agent", agent)
            if agent is None:  # "400 Kenyan police officers landed in X": Kenya sends them (round 9)
                f.add("agent", self.demonym_state(subj))
        if not nominal and self.finder.t.base(tok) in self.finder.t.movement_verbs:
            yield from self.movement(f, tok, subj)
            return
        if not nominal and self.finder.t.base(tok) in self.finder.t.troop_verbs and not (
                patient is not None and self.relative_head(patient).lemma_.lower() in TROOP_OBJECTS) \
                and not (patient is None and troops_moving(tok)):
            return  # "moved 100,000 troops to the border", not "moved to block a resolution"
        if patient is not None and patient.lemma_.lower() in self.finder.t.not_forces:
            return  # "promised to send an envoy to X", "dispatched aid": no force sent
        if self.finder.t.base(tok) in self.finder.t.actor_verbs:  # "X fighters began arriving in Y"
            sender = (f.roles.get("agent") or f.roles.get("force") or [None])[0]
            if subj is None or not (sender and self.kind(sender) in ARMED
                                    or subj.lemma_.lower() in ARMED_NOUNS or self.counted_unit(subj)):
                return
        if patient is not None:
            force = self.entity(patient, ("ArmedForce", "ArmedGroup"))
            if force and not f.filled("agent"):
                f.add("agent", self.res.country_entity(self.res.countries.get(force)) or None)
            if force and (not self.res.entities[int(force[1:]) - 1].name.endswith(" forces")
                          or patient.dep_ == "nsubjpass" and not f.filled("agent")):
                f.add("force", force)  # "Turkish troops are being deployed", Turkey never named: the troops are the force
            if not f.filled("agent") and patient.dep_ == "nsubjpass":  # "US advisers were sent"
                state = self.entity(patient, ("Country",), modifiers=True)
                f.add("agent", state)
            if not f.filled("agent") and force is None and patient.dep_ == "nsubjpass":
                f.add("agent", self.demonym_state(self.relative_head(patient)))  # "200 Kenyan police officers were sent"
                # ("50 Nigerian troops who were sent": the troops the relative stands for, round 11)
        if nominal and not f.filled("agent") and tok.dep_ in ("dobj", "nsubjpass") \
                and tok.head.lemma_.lower() in SANCTION_VERBS:
            subj = self.subject(tok.head)  # "X approved the deployment of 500 troops": X sends them
            agent = self.entity(subj, ACTORS, modifiers=True) if subj is not None else None
            if agent and self.kind(agent) == "ArmedForce":
                agent = self.res.country_entity(self.res.countries.get(agent)) or agent
            f.add("agent", agent)
        preps = self.preps(tok)
        if nominal:  # "the deployment of 500 troops to X": the parse hangs "to X" on the troops or the verb
            holders = preps.get("of", []) + ([tok.head] if tok.dep_ == "dobj" and tok.head.lemma_.lower() in SANCTION_VERBS else [])
            for o in holders:
                for p, objs in self.preps(o).items():
                    if p in ("to", "into") and not preps.get(p):
                        preps.setdefault(p, []).extend(objs)
            for t in tok.subtree:  # "..., stationed at Fort X, to Y": the parse hangs "to Y" on the home base
                if t.i != tok.i and self.home_base(t) is not None and not preps.get("to"):
                    preps["to"] = list(self.preps(t).get("to", []))
        into = ("to", "into", "toward", "towards") + (("of",) if nominal and tok.lemma_.lower() in ("invasion", "incursion") else ())
        for p in into:  # "the invasion of X" is into X
            for obj in preps.get(p, []):
                for o in self.expand(obj):  # "to the X front", "to the airport in X"
                    f.add("destination", self.entity(o, PLACES, modifiers=True) or self.place_in(o))
        in_verbs = ("deploy", "station", "position", "garrison", "redeploy", "reinforce") + tuple(self.finder.t.actor_verbs)
        # ("reinforcing the peacekeepers already in X": where the reinforced are, round 11)
        if self.finder.t.base(tok) in in_verbs:
            for o in preps.get("for", []):  # "deployed for exercises in X, Y and Z"
                preps.setdefault("in", []).extend(self.preps(o).get("in", []))
        if self.finder.t.base(tok) in in_verbs and patient is not None and not preps.get("in"):
            preps["in"] = self.preps(patient).get("in", [])  # "will station four battalions in X"
        at = preps.get("at", []) if self.finder.t.base(tok) in self.finder.t.actor_verbs else []
        for obj in (preps.get("in", []) if self.finder.t.base(tok) in in_verbs else []) + at:
            for o in self.expand(obj):  # ("arrived at X airport", "serving at Y air base")
                f.add("destination", self.entity(o, PLACES))
        if not f.filled("destination"):
            for c in tok.children:  # "sent to protect X", "deployed to secure X"
                if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in GUARD_VERBS:
                    obj = self.child(c, "dobj")
                    if obj is not None:
                        f.add("destination", self.entity(obj, PLACES))
        for obj in preps.get("from", []):
            f.add("origin", self.entity(obj, PLACES))
        troops_told = not nominal and tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in TROOP_OBJECTS
        self.quantities(f, tok.head if troops_told else tok, patient)  # "600 paratroopers ... deployed to X"
        if not f.filled("destination"):
            f.add("destination", self.area_told_before(preps))  # "troops who were sent to the area" (round 11)
        if not f.filled("destination") and tok.dep_ == "conj" and self.trigger_type(tok.head)[0] == "Deployment":
            for obj in self.preps(tok.head).get("to", []):  # "A sent X to P, and B sent a contingent"
                for o in self.expand(obj):
                    f.add("destination", self.entity(o, PLACES, modifiers=True) or self.place_in(o))
        if not f.filled("destination") and not nominal and tok.dep_ == "pcomp" and tok.head.lower_ in ("after", "upon", "on") \
                and self.finder.t.base(tok) in self.finder.t.actor_verbs and tok.head.head.pos_ == "VERB":
            for p in ("at", "in"):  # "took up its tasks at X air base after arriving from Y": at X (round 9)
                for o in self.preps(tok.head.head).get(p, []):
                    f.add("destination", self.entity(o, PLACES))
        if not f.filled("destination"):
            self.infer_destination(f, tok)
        if not f.filled("agent") and not nominal and self.child(tok, "nsubjpass") is not None:
            f.add("agent", self.announcer(tok))  # "The ministry announced that 2,500 troops would be sent"
        if self.finder.t.base(tok) in self.finder.t.troop_verbs and not (f.filled("destination") or f.quantities):
            return  # "whether X would contribute soldiers": no place, no number, no deployment
        if self.finder.t.base(tok) in self.finder.t.actor_verbs and not f.filled("destination") \
                and not f.quantities.get("troops"):
            return  # "the insurgents, who arrived in a dozen gun trucks": coming to a fight, not deployed (round 9)
        if f.filled("agent", "destination") or f.quantities:
            others = self.other_senders(subj, f) if subj is not None else []
            yield self.finish(f)
            for state in others:  # "A and B say they plan to deploy troops to X"
                g = dataclasses.replace(f, roles={r: list(ids) for r, ids in f.roles.items()}, quantities={})
                g.roles["agent"] = [state]
                yield self.finish(g)

    def _welcomed(self, tok: Token) -> Iterable[Frame]:
        """"The prime minister welcomed at X airport the first contingent of the mission, made up of 400
        officers of the Kenyan police": the welcomed force arrived where it was welcomed. The host is
        not its sender: the sender is the state the force's own words name (round 11)."""
        patient = self.child(tok, "dobj", "nsubjpass")
        if patient is None:
            return
        f = self.new("Deployment", tok, False)
        for p in ("at", "in"):
            for o in self.preps(tok).get(p, []):
                f.add("destination", self.entity(o, PLACES) or self.place_in(o))
        if not f.filled("destination"):
            return  # "welcomed the troops' return": nowhere told
        told = [patient, *[w for c in patient.children if c.dep_ == "acl" for w in c.subtree
                           if w.lemma_.lower() in TROOP_OBJECTS]]
        for noun in told:
            state = self.demonym_state(noun) or self.state_of_force(noun)
            if state is not None:
                f.add("agent", state)
                break
        self.quantities(f, tok, patient)
        for q in self.quants if "troops" not in f.quantities else []:  # "..., made up of 400 officers"
            if any(self.sent.char(w) - self.sent.start == q.start for n in told[1:] for w in n.subtree if w.like_num):
                f.quantities["troops"] = q.quantity
                break
        yield self.finish(f)

    def _arrival(self, tok: Token) -> Iterable[Frame]:
        """"The arrival of 300 Kenyan soldiers in X on Monday", "the planned arrival of a force of 1,400":
        troops (or a counted unit) arriving in or at a place are deployed there, sent by their state.
        The arrival of anyone else (a delegation, aid, refugees) is no deployment (round 11)."""
        troops = [o for o in self.preps(tok).get("of", []) if o.lemma_.lower() in TROOP_OBJECTS or self.counted_unit(o)]
        if not troops:
            return
        f = self.new("Deployment", tok, True)
        for p in ("in", "at", "to"):
            for o in self.preps(tok).get(p, []) + self.preps(troops[0]).get(p, []):
                f.add("destination", self.entity(o, PLACES) or self.place_in(o))
        if not f.filled("destination"):
            return
        state = self.demonym_state(troops[0]) or self.state_of_force(troops[0])
        force = self.entity(troops[0], ("ArmedForce",), modifiers=True)
        if state is None and force is not None:
            state = self.res.country_entity(self.res.countries.get(force))
            if state is None:
                f.add("force", force)
        f.add("agent", state)
        self.quantities(f, tok, None)
        yield self.finish(f)

    def state_of_force(self, noun: Token) -> Optional[str]:
        """The state of a force or police service named in the noun's "of" phrase ("officers of the
        Kenyan police service"), when the report names that state."""
        for o in self.preps(noun).get("of", []):
            eid = self.entity(o, ("ArmedForce", "Organization"), modifiers=True)
            code = self.res.countries.get(eid) if eid else None
            state = self.res.country_entity(code) if code else None
            if state is not None:
                return state
        return None

    def area_told_before(self, preps: dict[str, list[Token]]) -> Optional[str]:
        """"sent to the area", "to the region": a definite area noun with no name of its own is where
        the deployment told in this sentence or the two before went (round 11)."""
        if not any(o.lemma_.lower() in ("area", "region") and o.pos_ == "NOUN" and self.res.entity_at(o) is None
                   and any(d.dep_ == "det" and d.lower_ == "the" for d in o.children) for o in preps.get("to", [])):
            return None
        for g in reversed(self.told):
            if g.sentence.index < self.sent.index - 2:
                break
            if g.type == "Deployment" and g.roles.get("destination"):
                return g.roles["destination"][0]
        return None

    def counted_unit(self, noun: Token) -> bool:
        """"200 police officers", "a contingent of 300 soldiers": uniformed people in a number a unit
        moves in (20 or more), though the report names no state or force for them (round 9)."""
        for n in [noun, *self.preps(noun).get("of", [])]:
            if n.lemma_.lower() in TROOP_OBJECTS:
                for c in n.children:
                    if c.dep_ == "nummod" and c.like_num:
                        try:
                            if float(c.text.replace(",", "")) >= 20:
                                return True
                        except ValueError:
                            continue
        return False

    def demonym_state(self, noun: Token) -> Optional[str]:
        """"400 Kenyan police officers", "a contingent of 200 Kenyan police": uniformed people told by
        a nationality adjective are their state's, when the report names that state."""
        for n in [noun, *self.preps(noun).get("of", [])]:
            if n.lemma_.lower() not in TROOP_OBJECTS:
                continue
            for c in n.children:
                if c.dep_ in ("amod", "compound") and c.ent_type_ == "NORP" and len(c.text) >= 4:
                    states = [e.id for e in self.res.entities if e.type == "Country"
                              and e.name.lower().startswith(c.text[:4].lower())]
                    if len(states) == 1:
                        return states[0]
        return None

    def _presence(self, tok: Token, troops: Token) -> Iterable[Frame]:
        """"the presence of 1,500 X troops in Y", "Z has 2,500 troops in Y": Y the destination, the
        troops' state (or the verb's subject) the sender, the troops the force when no state is named."""
        f = self.new("Deployment", tok, True)
        holder = self.subject(tok) if tok.pos_ in ("VERB", "AUX") else self.child(tok, "poss")
        agent = self.entity(holder, ("Country", "Organization"), modifiers=True) if holder is not None else None
        force = self.entity(troops, ("ArmedForce",), modifiers=True)
        if agent is None and force is not None:
            agent = self.res.country_entity(self.res.countries.get(force))
            if agent is None:
                f.add("force", force)
        f.add("agent", agent)
        for o in self.preps(troops).get("in", []) + self.preps(tok).get("in", []):
            for one in self.expand(o):  # a place named, not "in the country"
                f.add("destination", self.res.entity_at(one) if one.pos_ == "PROPN" and self.kind(self.res.entity_at(one)) in PLACES else None)
        self.quantities(f, tok, troops)
        if tok.pos_ in ("VERB", "AUX") and f.modality != "asserted":
            return  # "weighing whether to keep 5,000 troops in X": a choice, not troops there
        if f.filled("destination") and f.quantities:
            yield self.finish(f)

    def other_senders(self, subj: Token, f: Frame) -> list[str]:
        """States conjoined with the sender ("A and B will send troops", "A and B say they plan to
        deploy"): each sends its own, so each gets a deployment (without the first one's number)."""
        head = subj
        if subj.lower_ == "they" and subj.pos_ == "PRON":
            t = subj
            for _ in range(4):  # the subject of the clause the pronoun's clause hangs on
                if t.head.i == t.i:
                    break
                t = t.head
                outer = self.child(t, "nsubj") if t.pos_ in ("VERB", "AUX") else None
                if outer is not None and outer.i < subj.i and outer.conjuncts:
                    head = outer
                    break
        states = [e for o in self.expand(head)[1:] for e in [self.entity(o, ("Country",))] if e]
        return [e for e in dict.fromkeys(states) if e not in f.roles.get("agent", [])]

    def body_of(self, force: Optional[str]) -> Optional[str]:
        """The international body whose troops a force is ("U.N. peacekeepers": the U.N.)."""
        if force is None or self.kind(force) != "ArmedForce" or self.res.countries.get(force):
            return None
        owner = self.res.entities[int(force[1:]) - 1].attributes.get("affiliation")
        return owner if owner and self.kind(owner) == "Organization" else None

    def announcer(self, verb: Token) -> Optional[str]:
        """The state or body whose announcement tells a passive deployment ("The X ministry said
        500 troops would be sent"): it sends them."""
        t = verb
        for _ in range(3):
            if t.dep_ not in ("ccomp", "conj", "xcomp") or t.head.i == t.i:
                return None
            t = t.head
            if t.lemma_.lower() in ("say", "announce", "confirm", "state", "tell", "order", "approve", "decide"):
                subj = self.subject(t)
                eid = self.entity(subj, ("Country", "Organization", "ArmedForce"), modifiers=True) if subj is not None else None
                return eid
        return None

    def movement(self, f: Frame, tok: Token, subj: Optional[Token]) -> Iterable[Frame]:
        """"Israeli troops entered southern X", "soldiers crossed the border into Y", "Z invaded W"."""
        if subj is None:
            return
        force = self.entity(subj, ("ArmedForce", "Country"), modifiers=True)
        if force is None or self.kind(force) == "ArmedForce" and not self.res.countries.get(force):
            return  # only a state's forces: armed groups entering a town are told as captures
        f.roles["agent"] = [self.res.country_entity(self.res.countries.get(force)) or force]
        obj = self.child(tok, "dobj")
        targets = self.expand(obj) if obj is not None and self.finder.t.base(tok) in ("enter", "invade") else []
        targets += [o for p in ("into", "to", "in") for o in self.preps(tok).get(p, [])]
        for o in targets:
            f.add("destination", self.entity(o, PLACES) or self.place_in(o))
        self.quantities(f, tok, None)
        if f.filled("destination"):
            yield self.finish(f)

    def infer_destination(self, f: Frame, tok: Token) -> None:
        """No explicit destination: the one country the places in the clause lie in."""
        codes = {self.res.countries.get(e) for e in self.entities_in(tok, ("Location",))}
        codes.discard(None)
        agent_codes = {self.res.countries.get(a) for a in f.roles.get("agent", [])}
        if len(codes) == 1:
            code = codes.pop()
            cid = self.res.country_entity(code)
            if cid and code not in agent_codes:
                f.add("destination", cid)

    # Attack -------------------------------------------------------------------
    def _attack(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if nominal and self.comparison(tok) or not nominal and self.finder.modality.habitual(tok):
            return
        if not nominal and self.finder.t.base(tok) == "fire" and self.fired_harmlessly(tok):
            return  # "fired into the air", "fired tear gas at protesters", "fired warning shots" (round 9)
        if not nominal and self.claimed_toll(tok):
            return  # "claimed the attack, saying its fighters had killed 30 soldiers": the claim's figure (round 9)
        if nominal and tok.tag_ == "NNS" and (self.series(tok) or self.light_verb(tok) is not None
                                             and self.finder.modality.habitual(self.light_verb(tok))
                                             or self.tallied(tok)):
            return  # "has carried out airstrikes in X since 2015", "blamed for a string of attacks" (round 9)
        if not nominal and self.finder.t.base(tok) in ("wound", "injure") and (
                tok.dep_ == "conj" and tok.head.lemma_.lower() in OUTCOME_VERBS
                or any(c.dep_ == "conj" and c.lemma_.lower() == "kill" for c in tok.children)):
            return  # "killing nine and wounding 14": the toll of the one attack the killing tells
        summed = nominal and self.summary(tok)
        separate = summed and any(c.dep_ == "amod" and c.lower_ == "separate" for c in tok.children)
        if nominal and (self.generic(tok) or summed and not separate):
            return
        f = self.new("Attack", tok, nominal)
        lemma = tok.lemma_.lower()
        f.subtype = SUBTYPES.get(lemma)
        for c in tok.lefts:
            if c.lower_ in COMPOUND_SUBTYPES:
                f.subtype = COMPOUND_SUBTYPES[c.lower_]
        preps = self.preps(tok)
        if nominal and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            for p, objs in self.preps(tok.head.head).items():  # "a wave of airstrikes on X"
                if p != "of":
                    preps.setdefault(p, []).extend(objs)
        outcome = self.outcome_verb(tok) if nominal else None
        under = nominal and tok.head.lower_ == "under" and tok.head.head.pos_ in ("VERB", "AUX")
        if under and self.finder.modality.habitual(tok.head.head):
            return  # "has come under repeated rocket fire in recent weeks": a tally (round 9)
        if under:  # "their patrol came under fire (from X) near Y": the subject was attacked
            verb = tok.head.head
            victim = self.subject(verb)
            if victim is not None:
                self.target_or_place(f, victim)
            for p, objs in self.preps(verb).items():
                preps.setdefault(p, []).extend(objs)
            for o in preps.get("from", []):
                f.add("perpetrator", self.entity(o, ARMED, modifiers=True))
        elif nominal:
            subj = self.poss_or_by(tok) or self.light_verb_subject(tok)
            if subj is None and outcome is not None:
                subj = self.subject(outcome)
            if subj is not None:
                f.add("perpetrator", self.entity(subj, ARMED + ("Person",), modifiers=True))
            if outcome is not None and tok.dep_ == "nsubj" and tok.head.i == outcome.i:
                victim = self.child(outcome, "dobj")  # "an airstrike killed a X commander in Y"
                if victim is not None:
                    self.target_or_place(f, victim)
            landed = self.landing_verb(tok)
            if landed is not None:  # "a wave of rocket attacks struck X", "airstrikes hit a school in Y"
                struck = self.child(landed, "dobj")
                if struck is not None:
                    self.target_or_place(f, struck)
        light_on = self.light_verb(tok) if nominal else None
        if light_on is not None and not preps.get("on"):  # "launched an offensive on X": the verb carries "on X"
            preps["on"] = self.preps(light_on).get("on", [])
        if light_on is not None and lemma in self.finder.t.raid_nouns and not preps.get("into"):
            preps["into"] = self.preps(light_on).get("into", [])  # "carried out an incursion into X"
        if nominal:
            # "an attack on X", "the shelling of X" (but "an attack of unusual scale" names nothing)
            blamed_on = tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in ("blame", "pin")
            for p in ("on", "against", "of") + (("into",) if lemma in self.finder.t.raid_nouns else ()):
                if p == "on" and blamed_on:
                    continue  # "blamed the attack on X": X made it
                for obj in preps.get(p, []):
                    self.target_or_place(f, obj)
                    if p in ("on", "against") and self.described(obj) and obj.lemma_.lower() in TOWN_NOUNS:
                        f.add("location", self.place_told_before(tok))  # "entered X, a day after launching
                        #                                                   an offensive on the remote town"
            where = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
            if where is not None and where.dep_ == "pobj" and where.head.lower_ in ("in", "near", "at") \
                    and where.lemma_.lower() in PLACE_NOUNS:  # "killed in the A and B provinces in separate
                f.add("location", self.place_in(where))  # shootings": the parse hangs the attack on the place
            mods = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod")]
            mods += [g for c in mods if c.dep_ == "compound" for g in c.lefts if g.dep_ in ("compound", "nmod", "amod")]
            for c in mods:  # "US airstrikes", "US drone strikes"
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) == "Country" and not f.filled("perpetrator"):
                    f.add("perpetrator", eid)  # "US airstrikes"
                elif eid and self.kind(eid) == "Location":
                    f.add("location", eid)  # "a Kabul bombing"
        else:
            subj = self.subject(tok)
            struck = self.child(tok, "dobj")
            if subj is not None and struck is not None and self.finder.t.base(tok) in ("hit", "strike") \
                    and struck.lemma_.lower() in ("bomb", "mine", "landmine", "ied", "explosive", "device"):
                subj = None  # "their vehicle hit a roadside bomb": the subject was the victim
            for sj in self.expand(subj) if subj is not None else []:
                f.add("perpetrator", self.entity(sj, ARMED + ("Person",), modifiers=True))
            if subj is not None and not f.filled("perpetrator"):
                f.add("perpetrator", self.group_of(subj))  # "the group's fighters killed 20 soldiers" (round 11)
            if subj is not None and not f.filled("perpetrator"):
                f.add("perpetrator", self.group_by_kind(subj))  # "the rebels attacked ..." (round 13)
            if self.finder.t.base(tok) in self.finder.t.actor_verbs and subj is not None \
                    and self.trigger_type(subj) == ("Attack", True):
                return  # "the X attack killed 14": the noun's own frame takes the toll
            weapon = subj is not None and subj.lemma_.lower() in WEAPON_SUBJECTS
            if self.finder.t.base(tok) in self.finder.t.actor_verbs and not (
                    f.filled("perpetrator") or weapon or subj is not None and subj.lemma_.lower() in ARMED_NOUNS) \
                    and not (subj is None and self.placed_toll(tok)):
                return  # "floods killed 40": no attack
            if weapon and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
                f.anaphoric = True  # "the blast killed 9": more of a bombing told before
            obj = self.child(tok, "dobj", "nsubjpass")
            if obj is not None and not (obj.lower_ == "fire" and self.finder.t.base(tok) == "open" or
                                        obj.lemma_.lower() in LOSS_NOUNS or obj.lemma_.lower() in EXCHANGED_FIRE):
                self.target_or_place(f, obj)
            if obj is not None and obj.lemma_.lower() in EXCHANGED_FIRE:  # "exchanged fire with X": X the other side
                for o in preps.get("with", []) + self.preps(obj).get("with", []):
                    self.target_or_place(f, o)
            if self.finder.t.base(tok) in self.finder.t.toll_verbs:  # "clashed with X", "fought against Y"
                for o in preps.get("with", []) + preps.get("against", []):
                    self.target_or_place(f, o)
            if self.finder.t.base(tok) in ("open", "fire", "inflict"):  # "opened fire on a bus in X", "fired at Y"
                for p in ("on", "at"):  # ("inflicted losses on X": the parser may hang "on X" on the losses)
                    for o in preps.get(p, []) + (self.preps(obj).get(p, []) if obj is not None else []):
                        self.target_or_place(f, o)
        where = {p: list(objs) for p, objs in preps.items()}
        light = self.light_verb(tok) if nominal else None
        carrier = outcome.head if outcome is not None and outcome.dep_ == "advcl" else None
        setting = tok.head if nominal and tok.dep_ == "nsubj" and self.tells_setting(tok.head) else None
        for verb in (outcome, light, carrier, setting):  # "killed 92 soldiers at a base on the X peninsula",
            if verb is not None:       # "carried out an airstrike ... near the town of X"
                for p, objs in self.preps(verb).items():
                    where.setdefault(p, []).extend(objs)
        for obj in [one for o in where.get("between", []) for one in self.expand(o)]:
            f.add("location", self.place_in(obj))  # "the ambush between X and Y": both ends of the road
        for p in ("in", "at", "near", "outside", "across", "through", "along"):
            for obj in where.get(p, []):
                eid = self.place_in(obj)
                f.add("target" if p == "at" and self.kind(eid) == "Country" else "location", eid)
                if eid and self.kind(eid) == "Location" and self.res.entity_at(obj) == eid:
                    for o in self.preps(obj).get("in", []):  # "near the X base in <town>": both
                        inner = self.entity(o, ("Location",))
                        f.add("location", inner)
        if nominal and not f.filled("perpetrator"):
            for c in tok.lefts:  # "a coalition airstrike", "an al-Shabaab attack"
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) in ("ArmedForce", "ArmedGroup"):
                    f.add("perpetrator", eid)
        if not f.filled("perpetrator"):  # "an Israeli airstrike", "Israeli artillery shelled"
            head = tok if nominal else self.subject(tok)
            if head is not None and head.lemma_.lower() in NON_STATE_NOUNS:
                head = None  # "the Somali militant group", "Afghan insurgents": not a state's forces
            for c in head.lefts if head is not None else []:
                if c.dep_ == "amod" and c.ent_type_ == "NORP":
                    f.add("perpetrator", self.state_of(c.text))
        scope = outcome
        while scope is not None and scope.dep_ == "conj" and scope.head.lemma_.lower() in OUTCOME_VERBS:
            scope = scope.head  # "20 were killed and 45 wounded in bombings": both tolls
        self.quantities(f, tok.head.head if under else scope or tok, None)
        if nominal and "fatalities" not in f.quantities:
            risen = self.risen_toll(tok)  # "the death toll from Sunday's bombing has risen to 10"
            if risen is not None:
                f.quantities["fatalities"] = risen
        if not f.filled("perpetrator"):
            f.add("perpetrator", self.lone_armed_actor_before(tok, f))
        if not f.filled("target"):
            f.add("target", self.soldiers_of_the_place(f) or self.armed_victim(tok, f)
                  or self.forces_at_the_post(tok, f, nominal))
        if not f.filled("location") and not nominal:  # "attacked a post and abducted 12 near the town of X"
            for c in tok.children:
                if c.dep_ == "conj" and c.pos_ == "VERB" and not self.trigger_type(c)[0]:
                    for t in c.subtree:
                        if t.lower_ in ("in", "at", "near") and t.dep_ == "prep":
                            f.add("location", next((self.place_in(o) for o in t.children if o.dep_ == "pobj"), None))
                            break
        if not f.filled("location") and not nominal and tok.dep_ in ("conj", "advcl"):
            # "burst into X in <town> and killed six", "a bomb tore through a van in <town>, killing two"
            for p in ("in", "at", "near", "into", "through"):
                for obj in self.preps(tok.head).get(p, []):
                    f.add("location", self.place_in(obj))
            held = self.child(tok.head, "dobj") if tok.dep_ == "conj" else None
            if not f.filled("location") and held is not None and self.trigger_type(tok.head)[0] == "Capture":
                for obj in self.preps(held).get("in", []):  # "seizing an office in X and attacking a police station"
                    f.add("location", self.place_in(obj))
        if not f.filled("location"):  # "an ambush on a convoy ... near <town>"
            scope = tok if nominal else self.child(tok, "dobj", "nsubjpass")
            for t in scope.subtree if scope is not None else []:
                eid = self.res.entity_at(t)
                if t.i >= 2 and t.doc[t.i - 1].lower_ == "of" and t.doc[t.i - 2].lower_ in BEARINGS:
                    continue  # "X, 90 km south of Y, was attacked": Y is a bearing
                if eid and self.kind(eid) == "Location":
                    f.add("location", eid)
                    break
        if nominal and not f.filled("location"):
            f.add("location", self.place_after(tok))  # "a bomb blast in early July at the embassy in X"
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
        if nominal and not (f.filled("location", "target") or f.quantities) and not (definite and f.filled("perpetrator")):
            return  # "attacks" in general, or "the bombing" pointing back with nothing new: no event
        told_toll = nominal and lemma in self.finder.t.toll_nouns and "fatalities" in f.quantities \
            and not f.filled("location") and self.victim_clause(tok)  # "five soldiers were killed in a fight"
        if nominal and lemma in self.finder.t.toll_nouns and not (f.quantities and f.filled("location")) \
                and not (definite and not f.filled("location")) and not told_toll and not self.fought_at(tok, f, where):
            return  # "heavy fighting in X", "clashes continued": no one attack ("killed in the fighting"
            #         tells the toll of the attack told just before: see anaphoric below)
        if not nominal and self.finder.t.base(tok) in self.finder.t.toll_verbs and not (
                f.quantities and f.filled("location")) and not self.fought_at(tok, f, where):
            return  # "fought corruption", "the two sides clashed over the budget": no attack
        # "The raid killed seven", "the Taliban assault on Monday killed 30": a definite attack
        # with no place of its own tells more of one told just before.
        f.anaphoric = f.anaphoric or nominal and not f.filled("location") and (definite or told_toll)
        f.toll_only = nominal and lemma in self.finder.t.toll_nouns and not f.filled("location")
        f.setting = setting is not None and definite and f.filled("location")  # "the assault took place in X"
        listed = self.listed_with(f)
        if separate and not listed:
            return  # "in separate attacks" with no places listed: a summary, no one event
        if listed:  # "blasts in A and B", "bombed the towns of A and B", "the bombing of A and B"
            yield from self.one_attack_each(f, listed)
        elif f.filled("location", "perpetrator", "target") or f.quantities:
            yield self.finish(f)
        elif not nominal and f.modality == "asserted" and self.finder.t.base(tok) not in self.finder.t.actor_verbs \
                and self.bare_attacker(tok):
            f.bare = True  # "when the villagers gathered, the men opened fire": the place is told nearby
            yield self.finish(f)

    def listed_with(self, f: Frame) -> list[str]:
        """An attack's place and the places listed with it ("in A and B", "the towns of A, B and C",
        "against the bases in A and B"): the conjuncts of its place's name, each a place finer than a
        state (not "in A and across the country"); empty when no other place is listed."""
        places = f.roles.get("location", [])
        out: list[str] = []
        for t in self.sent.span:
            if self.res.entity_at(t) not in places or any(a.lower_ == "between" for a in [t, *t.ancestors][:4]):
                continue  # "the ambush between X and Y": one ambush on the road between them
            if not any(c.dep_ == "cc" for w in [t, *t.conjuncts] for c in w.children):
                continue  # "the city of X, X district, Y region": an address, no list (round 9)
            group = [self.res.entity_at(c) for c in [t, *t.conjuncts]]
            group = [e for e in group if e and self.kind(e) == "Location" and specificity(e, self.res) >= REGION]
            for eid in group if len(set(group)) > 1 else []:
                if eid not in out:
                    out.append(eid)
        return out

    def one_attack_each(self, f: Frame, listed: list[str]) -> Iterable[Frame]:
        """Several attacks told at once over listed places ("separate shootings in A and B", "rocket
        attacks against A and B", "jets bombed the towns of A and B"): one attack in each place, with
        the attacker and target they share; the toll told for all of them belongs to none alone."""
        first = self.finish(f)
        first.roles["location"] = listed[:1]
        first.quantities = {}
        first.listed = True
        yield first
        for eid in listed[1:]:
            g = dataclasses.replace(first, roles={r: list(v) for r, v in first.roles.items()}, quantities={})
            g.roles["location"] = [eid]
            yield g

    @staticmethod
    def victim_clause(noun: Token) -> bool:
        """"Five soldiers were killed and 20 wounded in a fight that began at midnight": the noun
        is where people "were killed" or "died", the toll of the attack told just before."""
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during") else None
        for v in [verb, verb.head if verb is not None and verb.dep_ == "conj" else None]:
            if v is not None and (v.lemma_.lower() in ("kill", "wound", "injure") and any(
                    c.dep_ == "auxpass" for c in v.children) or v.lemma_.lower() in ("die", "perish")):
                return True
        return False

    def fought_at(self, tok: Token, f: Frame, where: dict[str, list[Token]]) -> bool:
        """Fighting with no toll is one attack when it is placed in a town or site (not a country or a
        region) and names an armed side: "clashes between the army and X fighters in Y", "A battled B
        near the town of Y", "Government forces fought the X group in Y". Fighting with no side named
        ("heavy fighting in X") stays a setting, as does "fighting" in general."""
        places = f.roles.get("location", [])
        if not places or any(specificity(e, self.res) < SPECIFIC or self.entity_name(e).split()[-1].lower()
                             in AREA_WORDS for e in places):
            return False
        if "for" in self.preps(tok):
            return False  # "waged a fierce battle for (control of) X": the campaign for a place, told by its capture
        verb = tok if tok.pos_ == "VERB" else tok.head if tok.dep_ in ("nsubj", "nsubjpass") else None
        if verb is not None and ("since" in self.preps(verb) or any(
                c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)):
            return False  # "clashes around X have forced thousands from their homes since January": a campaign
        if any(self.kind(e) in ("ArmedGroup", "ArmedForce") for r in ("perpetrator", "target") for e in f.roles.get(r, [])):
            return True
        sides = [one for o in where.get("between", []) + where.get("with", []) for one in self.expand(o)]
        return any(self.kind(self.entity(t, ("ArmedGroup", "ArmedForce"), modifiers=True)) for t in sides)

    def bare_attacker(self, verb: Token) -> bool:
        """An attack verb with no role of its own tells an attack only when people are its active
        subject ("the men opened fire", "gunmen attacked"): not "the strikes hit", "a shot fired"."""
        subj = self.child(verb, "nsubj")
        if subj is None and self.child(verb, "nsubjpass") is not None:
            return True
        if subj is None:
            return False
        return subj.lemma_.lower() in ARMED_NOUNS or subj.lemma_.lower() in ("man", "attacker", "assailant") \
            or subj.lower_ == "they" or self.kind(self.res.entity_at(subj)) in ARMED

    def placed_toll(self, verb: Token) -> bool:
        """"At least 14 people were killed in X": a passive toll of people in a named town, with no
        agent and no cause of another kind ("in floods", "in a crash"), is an attack there (it folds
        into the attack on X the report tells near it)."""
        victims = self.child(verb, "nsubjpass")
        if victims is None or not any(t.like_num for t in victims.subtree):
            return False
        if any(t.lemma_.lower() in NON_VIOLENT_CAUSES for t in self.sent.span):
            return False
        return any(self.kind(self.entity(o, PLACES)) == "Location" for p in ("in", "at", "near")
                   for o in self.preps(verb).get(p, []))

    def bare_toll(self) -> Optional[Quantity]:
        """"The death toll has risen to 25", "the toll stood at 12 on Sunday", "bringing the death toll
        to 48", "29 civilians were dead": a toll naming no event of its own is the latest toll of the
        attack told just before (see _credit_toll)."""
        for tok in self.sent.span:
            if tok.lower_ == "dead" and tok.dep_ == "acomp" and tok.head.lemma_ == "be" \
                    and self.finder.modality.of(tok.head) == "asserted":
                dead = self.child(tok.head, "nsubj")  # "When it was over, 29 civilians were dead"
                num = next((t for t in dead.subtree if t.like_num or t.pos_ == "NUM"), None) if dead is not None else None
                q = parse_quantity(num.doc[num.left_edge.i:num.i + 1].text) if num is not None else None
                if q is not None and "of" not in self.preps(dead):
                    return q
            lost = self.lives_lost(tok) or self.killed_there(tok)
            if lost is not None:
                return lost
            if tok.lemma_.lower() != "toll" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                continue
            if any(c.lemma_.lower() in ("injury", "casualty") for c in tok.lefts) or any(
                    c.dep_ == "prep" and c.lower_ in ("from", "in", "of") for c in tok.children):
                continue  # an injury toll, or "the toll from X" (X's own frame takes it)
            verb = self.toll_verb(tok)
            if verb is None or self.finder.modality.of(verb) != "asserted":
                continue
            q = self.toll_figure(verb, tok)
            if q is not None:
                return q
        return None

    def lives_lost(self, verb: Token) -> Optional[Quantity]:
        """"... carried out an incursion into X. Nine civilians lost their lives.": a counted subject
        losing their lives, told as done and of no other cause, is a toll (round 11)."""
        if verb.lemma_.lower() != "lose" or not any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children):
            return None
        if self.finder.modality.of(verb) != "asserted" or any(t.lemma_.lower() in NON_VIOLENT_CAUSES for t in self.sent.span):
            return None
        dead = self.child(verb, "nsubj")
        num = next((t for t in dead.subtree if t.like_num or t.pos_ == "NUM"), None) if dead is not None else None
        if num is None or "of" in self.preps(dead):
            return None
        return parse_quantity(num.doc[num.left_edge.i:num.i + 1].text)

    def killed_there(self, verb: Token) -> Optional[Quantity]:
        """"Gunmen stormed the village of X. Five people were killed there": a passive toll pointing back
        by "there" (no place, no cause of its own) is the toll of the attack just told (round 11)."""
        if verb.lemma_.lower() != "kill" or verb.tag_ != "VBN" or not any(
                c.dep_ == "advmod" and c.lower_ == "there" for c in verb.children):
            return None
        if self.finder.modality.of(verb) != "asserted" or any(t.lemma_.lower() in NON_VIOLENT_CAUSES for t in self.sent.span) \
                or any(p in self.preps(verb) for p in ("in", "at", "near", "by")):
            return None
        dead = self.child(verb, "nsubjpass")
        num = next((t for t in dead.subtree if t.like_num or t.pos_ == "NUM"), None) if dead is not None else None
        if num is None or "of" in self.preps(dead):
            return None
        return parse_quantity(num.doc[num.left_edge.i:num.i + 1].text)

    @staticmethod
    def toll_verb(toll: Token) -> Optional[Token]:
        """The verb that gives a toll its figure: "the toll rose to 10", "raising the toll to 48"."""
        verb = toll.head
        if toll.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in TOLL_VERBS:
            return verb
        if toll.dep_ == "dobj" and verb.lemma_.lower() in RAISING_VERBS:
            return verb
        return None

    @staticmethod
    def toll_figure(verb: Token, toll: Token) -> Optional[Quantity]:
        nums = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at") for o in c.children
                if o.dep_ == "pobj"] + [c for c in verb.children if c.dep_ == "dobj" and c.i != toll.i]
        for n in nums:
            if n.like_num or n.pos_ == "NUM":
                q = parse_quantity(n.doc[n.left_edge.i:n.i + 1].text)
                if q is not None:
                    return q
        return None

    def risen_toll(self, noun: Token) -> Optional[Quantity]:
        """"The death toll from X has risen to 10", "the toll in the attack reached 23", "the death
        toll of the bombing stands at 12", "raising the death toll in the attack to 48": the latest
        toll of the attack the noun tells."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("from", "in", "of") or noun.head.head.lemma_.lower() != "toll":
            return None
        toll = noun.head.head
        if any(c.lemma_.lower() in ("injury", "casualty") for c in toll.lefts):
            return None
        verb = self.toll_verb(toll)
        return self.toll_figure(verb, toll) if verb is not None else None

    def summary(self, noun: Token) -> bool:
        """"multiple attacks across X", "several bombings": several events summed up, each told (or
        not) on its own; no one event. ("a series of airstrikes in X that killed six" is one.)"""
        if noun.tag_ != "NNS":
            return False
        return any(c.dep_ == "amod" and c.lower_ in SUMMARY_WORDS for c in noun.children) or "across" in self.preps(noun)

    def fired_harmlessly(self, verb: Token) -> bool:
        """Firing that is no attack: into the air, warning shots, tear gas, flares, a salute."""
        if any(o.lemma_.lower() == "air" for o in self.preps(verb).get("into", [])):
            return True
        for o in (c for c in verb.children if c.dep_ == "dobj"):
            words = {o.lemma_.lower()} | {c.lower_ for c in o.lefts}
            if words & self.finder.t.harmless_fire:
                return True
        return False

    def claimed_toll(self, verb: Token) -> bool:
        """"X claimed (responsibility for) the attack, saying its fighters had killed 30 soldiers": the
        killing told in what the claimant says is the claimed attack's toll, not another attack."""
        said = verb.head if verb.dep_ in ("ccomp", "xcomp") else None
        if said is None or said.lemma_.lower() not in ("say", "add", "claim", "boast") or said.dep_ not in ("advcl", "conj"):
            return False
        claim = said.head
        if self.finder.t.base(claim) != "claim":
            return False
        objs = [c for c in claim.children if c.dep_ == "dobj"]
        objs += [o for c in objs for o in self.preps(c).get("for", [])]
        return any(o.lemma_.lower() == "responsibility" or self.finder.t.nouns.get(o.lemma_.lower()) == "Attack"
                   for o in objs)

    def tallied(self, noun: Token) -> bool:
        """"More than 2,000 people have been killed in attacks in X this year", "has carried out dozens
        of attacks": attacks counted up in a perfect-tense tally over a span, or by a vague number, are
        many events summed, not one (round 9; "12 have been killed in attacks on two bases" is news)."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in VAGUE_COUNTS:
            return True
        if any(c.dep_ in ("det", "nummod", "poss") for c in noun.children):
            return False
        verb = self.outcome_verb(noun)
        return verb is not None and self.finder.modality.habitual(verb)  # (perfect, over a span or since)

    def series(self, noun: Token) -> bool:
        """"blamed for a string of attacks in X", "the latest in a series of raids on Y": attacks
        told as a run, with no toll, time or place of one of them in the sentence, are background
        (each is told on its own, if at all). "a wave of airstrikes on X, killing nine" is one attack."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.lemma_.lower() not in SERIES_WORDS:
            return False
        return not self.times and not self.quants

    def generic(self, noun: Token) -> bool:
        """"Militant attacks usually take place in X": attacks in general, no event."""
        verb = noun.head
        if noun.tag_ != "NNS" or any(c.dep_ in ("det", "nummod", "poss") for c in noun.children):
            return False
        if noun.dep_ in ("nsubj", "dobj") and self.sent.index > 0 \
                and self.finder.modality.present_habit(verb, self.finder.t.base(verb)):
            return True  # "attacks on civilians are a crime", "the group carries out attacks in X" (round 9)
        return noun.dep_ == "nsubj" \
            and any(c.dep_ == "advmod" and c.lower_ in self.finder.modality.habitual_adverbs for c in verb.children)

    @staticmethod
    def tells_setting(verb: Token) -> bool:
        """"took place", "happened", "occurred", "(fighting) broke out": the verb only says where and when."""
        base = verb.lemma_.lower()
        return base in ("happen", "occur", "unfold", "erupt", "rage") or base == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children) or base == "break" and any(
            c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)

    @staticmethod
    def comparison(noun: Token) -> bool:
        """"It was the deadliest attack since March", "the worst attack on the army in months":
        a yardstick for an event told elsewhere, not an event of its own."""
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            return True
        return any(c.tag_ == "JJS" or c.lower_ == "most" for c in noun.lefts if c.dep_ in ("amod", "advmod")) \
            and not any(c.lower_ == "latest" for c in noun.lefts)

    def lone_armed_actor_before(self, tok: Token, f: Frame) -> Optional[str]:
        """When the parse loses the subject ("X fighters who crossed the lake ... killed 17 in a
        raid"), the one armed actor named before the trigger, and not as its target, is its agent."""
        if tok.head.dep_ == "agent" or tok.head.lower_ in ("by", "with"):
            return None  # "X, backed by airstrikes": the attack supports X, X does not make it
        found = {self.res.entity_at(t) for t in self.sent.span.doc[self.body_start:tok.i]
                 if not self.victim(t) and not self.speaker(t)}
        armed = {e for e in found if e and self.kind(e) in ("ArmedGroup", "ArmedForce")}
        armed -= set(f.roles.get("target", []))
        return armed.pop() if len(armed) == 1 else None

    def speaker(self, tok: Token) -> bool:
        """"The X army says ...", "X police said": whoever reports an attack is not its agent."""
        t = tok
        for _ in range(3):
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEAKING:
                return True
            if t.head.i == t.i or t.dep_ not in ("compound", "amod", "poss", "nmod", "nsubj"):
                return False
            t = t.head
        return False

    def armed_victim(self, tok: Token, f: Frame) -> Optional[str]:
        """"Three X soldiers died and eleven were wounded when ... were attacked": the one armed
        actor the sentence names as the dead or wounded is the target."""
        found = {self.res.entity_at(t) for t in self.sent.span.doc[self.body_start:self.sent.span.end] if self.victim(t)}
        armed = {e for e in found if e and self.kind(e) in ("ArmedForce", "ArmedGroup")} - set(f.roles.get("perpetrator", []))
        return armed.pop() if len(armed) == 1 else None

    def soldiers_of_the_place(self, f: Frame) -> Optional[str]:
        """"Killing eight soldiers" near a town of country C: the attack was on C's forces, when
        the article names them and they did not carry it out."""
        if not any(t.lemma_.lower() in SOLDIER_NOUNS and self.victim(t) for t in self.sent.span):
            return None
        return self.forces_of_the_place(f)

    def forces_at_the_post(self, tok: Token, f: Frame, nominal: bool) -> Optional[str]:
        """"Militants attacked an army checkpoint / a military convoy / a base in X": the attack
        was on the forces holding the post (events.yaml military_posts), those of the place's
        country, when the article names them once and they did not carry it out. Only the
        attack's own object ("an attack on a base"), so a base named as a landmark is no target."""
        objs = self.preps(tok).get("on", []) if nominal else [self.child(tok, "dobj")]
        if not any(o is not None and o.lemma_.lower() in self.finder.t.military_posts for o in objs):
            return None
        return self.forces_of_the_place(f)

    def forces_of_the_place(self, f: Frame) -> Optional[str]:
        """The one armed force of the attack's place's country the article names, not its perpetrator."""
        codes = {self.res.countries.get(e) for e in f.roles.get("location", [])} - {None}
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and self.res.countries.get(e.id) in codes
                  and e.id not in f.roles.get("perpetrator", [])]
        return forces[0] if len(forces) == 1 else None

    def state_of(self, demonym: str) -> Optional[str]:
        """The armed forces, else the state, that an adjective of nationality names here."""
        stem = demonym[:4].lower()
        if len(demonym) < 4:
            return None
        states = [e.id for e in self.res.entities if e.type == "Country" and e.name.lower().startswith(stem)]
        codes = {self.res.countries.get(s) for s in states} - {None}
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and (
            self.res.countries.get(e.id) in codes or e.name.lower().startswith(stem))]
        if len(forces) == 1:
            return forces[0]
        return states[0] if len(states) == 1 else None

    def victim(self, tok: Token) -> bool:
        """"Nine soldiers were killed", "ambushed an army truck": a word naming the attacked,
        not the attacker (the object of any attack verb)."""
        verbs = self.finder.t.verbs
        for t in [tok, *tok.ancestors][:4]:
            if t.dep_ == "nsubjpass" or t.dep_ == "dobj" and (
                    t.head.lemma_.lower() in ("kill", "wound", "injure")
                    or verbs.get(self.finder.t.base(t.head)) == "Attack"):
                return True
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in ("die", "perish"):
                return True  # "Three X soldiers died ... when ...": the dead, not the attackers
            if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ("kill", "wound", "injure")
                   for c in t.children):
                return True  # a headline's "Two X members killed in strike": the dead (round 11)
            if t.dep_ in ("nsubj", "ROOT"):
                return False
        return False

    def place_in(self, tok: Token, depth: int = 0) -> Optional[str]:
        """The place a phrase names, looking inside it: "a checkpoint in southern <city>"."""
        eid = self.entity(tok, PLACES)
        if eid is None and depth > 0:  # "a building in the city's east"
            poss = self.child(tok, "poss")
            eid = self.entity(poss, ("Location",)) if poss is not None else None
        if eid is not None or depth >= 2:
            return eid
        bearing = tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in ("border", "boundary", "frontier")
        if tok.lemma_.lower() in PLACE_NOUNS:  # "in X village near Y": X, named before the place noun
            for c in tok.lefts:  # (also "in the X and Y provinces", X parsed as a modifier: round 9;
                # not "near the border of X and Y provinces")
                if (c.dep_ == "compound" or c.dep_ == "nmod" and not bearing) \
                        and self.kind(self.res.entity_at(c)) == "Location":
                    return self.res.entity_at(c)
            named = self.apposed_name(tok)
            if named is not None:
                return named
        for p, objs in self.preps(tok).items():
            if p in ("in", "at", "near", "on", "outside", "of"):
                for o in objs:
                    eid = self.place_in(o, depth + 1)
                    if eid is not None:
                        return eid
        return None

    def apposed_name(self, noun: Token) -> Optional[str]:
        """Round 10: "in the north of the capital, X," names the place by its noun and then its name,
        but the small model often hangs X on the verb (npadvmod) instead of the noun (appos), so the
        name is read from the words: a place noun, a comma, and a place entity the parse did not
        attach to the noun (one attached as its appositive is reached through the parse already)."""
        i = noun.i
        if i + 2 >= len(noun.doc) or noun.doc[i + 1].text != ",":
            return None
        name = noun.doc[i + 2]
        if name.dep_ not in ("npadvmod", "appos") or name.head == noun:
            return None
        eid = self.res.entity_at(name)
        return eid if self.kind(eid) in PLACES else None

    def target_or_place(self, f: Frame, tok: Token) -> None:
        for t in self.expand(tok):
            eid = self.entity(t, ACTORS + ("Location",), modifiers=True)  # "an SNA position"
            if eid and self.kind(eid) == "Location":
                f.add("location", eid)
            elif eid:
                f.add("target", eid)
            if not eid or self.kind(eid) != "Location":  # "stormed a hotel in <city>"
                for p in ("in", "at", "near", "on", "outside"):
                    for obj in self.preps(t).get(p, []):
                        f.add("location", self.place_in(obj))

    def outcome_verb(self, noun: Token) -> Optional[Token]:
        """"X killed 32 people in an attack": the verb that tells the attack's toll."""
        head = noun.head
        verb = None
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            verb = head.head  # "... killed 32 people in an attack"
        elif noun.dep_ == "nsubj" and head.pos_ == "VERB":
            verb = head  # "an airstrike killed 20 civilians"
        if verb is not None and verb.lemma_.lower() in OUTCOME_VERBS:
            return verb
        # "launched a wave of airstrikes on X, killing nine", "a bomb tore through a van, killing two"
        carrier = self.light_verb(noun) or (head if noun.dep_ == "nsubj" and head.pos_ == "VERB" else None)
        for c in carrier.children if carrier is not None else []:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in OUTCOME_VERBS:
                return c
        return None

    def landing_verb(self, noun: Token) -> Optional[Token]:
        """The verb of an attack noun's landing, whose object is what it struck ("rocket attacks hit
        X", "a wave of airstrikes struck Y": through a quantity noun of which the attacks are)."""
        subj = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            subj = noun.head.head  # "a wave of attacks", "a barrage of rockets"
        if subj.dep_ == "nsubj" and subj.head.pos_ == "VERB" and subj.head.lemma_.lower() in LANDING_VERBS:
            return subj.head
        return None

    def light_verb_subject(self, noun: Token) -> Optional[Token]:
        """"X staged a number of attacks, including a bombing": X is the perpetrator."""
        verb = self.light_verb(noun)
        return self.subject(verb) if verb is not None else None

    def light_verb(self, noun: Token) -> Optional[Token]:
        """The verb that carries a nominal event: "staged ... attacks", "held a round of talks"."""
        t = noun
        for _ in range(5):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.pos_ == "VERB" and t.dep_ != "prep":  # "including" is tagged VERB but links a list
                return t if self.finder.t.base(t) in self.finder.t.light_verbs else None
        return None

    def poss_or_by(self, noun: Token) -> Optional[Token]:
        poss = self.child(noun, "poss")
        if poss is not None:
            return poss
        by = self.preps(noun).get("by")
        return by[0] if by else None

    # Capture ------------------------------------------------------------------
    def _capture(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        preps = self.preps(tok)
        lemma = self.finder.t.base(tok) if not nominal else tok.lemma_.lower()
        captor_tok: Optional[Token] = None
        place_toks: list[Token] = []
        expelled: list[Token] = []
        if lemma == "fall":
            captor_tok = (preps.get("to") or [o2 for o in preps.get("into", []) for o2 in self.preps(o).get("of", [])]
                          or [None])[0]
            place_toks = [self.child(tok, "nsubj")] if not nominal else preps.get("of", [])[:1]
            if not nominal and place_toks == [None] and tok.dep_ in ("relcl", "acl"):
                head = tok.head  # "X was the first city to fall to Y": X
                place_toks = [self.child(head.head, "nsubj") if head.dep_ == "attr" else head]
        elif not nominal and lemma in self.finder.t.expel_verbs:
            captor_tok = self.subject(tok)  # "A drove B out of Y": A took Y from B
            place_toks = [self.expelled_from(tok)]
            ousted = self.child(tok, "dobj", "nsubjpass")
            expelled = self.expand(ousted) if ousted is not None else []
        elif nominal and self.mistagged_control_verb(tok) is not None:
            captor_tok = self.actor_before(self.mistagged_control_verb(tok))
            place_toks = list(preps.get("of", []))
        elif not nominal and self.held_since(tok):  # "from militants who have controlled it since September"
            captor_tok = tok.head
            place_toks = [self.child(tok, "dobj")]
        elif nominal and self.came_into_control(tok):  # "entered the town and were in control of it" (round 11)
            captor_tok = self.subject(tok.head.head)
            place_toks = self.controlled_place(tok)
        elif nominal and lemma == "control":  # "X has been under (Y) control (of Y) since T"
            verb = tok.head.head
            captor_tok = (preps.get("of") or [c for c in tok.children if c.dep_ in ("compound", "amod")] or [None])[0]
            place_toks = [self.child(verb, "nsubj")]
        elif not nominal and lemma == "clear":
            captor_tok = self.subject(tok)
            place_toks = [self.child(tok, "dobj")]
            cleared = self.cleared_of(tok)
            expelled = [cleared] if cleared is not None else []
        elif not nominal and lemma in ("lose", "cede"):  # "X lost control of Y (to Z)": Z took Y from X
            ctrl = next(c for c in tok.children if c.dep_ == "dobj" and c.lemma_ == "control")
            place_toks = list(self.preps(ctrl).get("of", []))
            captor_tok = (preps.get("to") or [None])[0]
            loser = self.subject(tok)
            expelled = self.expand(loser) if loser is not None else []
        elif not nominal and lemma in FLAG_VERBS:
            captor_tok = self.subject(tok)
            place_toks = [o for p in ("over", "above", "in", "on") for o in preps.get(p, [])][:1]
        elif nominal:
            captor_tok = self.poss_or_by(tok)
            place_toks = list(preps.get("of", []))
            # "the capture of X in October and of Y and Z in November": the parser hangs the
            # second "of" on the first, on "by" or on "in"; it stays inside the trigger's phrase.
            for t in tok.subtree:
                if t.lower_ == "of" and t.dep_ == "conj":
                    place_toks += [o for o in t.children if o.dep_ == "pobj"]
        else:
            if lemma == "take" and any(c.lower_ in NOT_SEIZED or c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
                return  # "taken to hospital", "took part", "took hostages", "have taken up new positions"
            captor_tok = self.subject(tok)
            obj = self.child(tok, "dobj", "nsubjpass")
            if obj is not None and obj.lemma_.lower() in self.finder.t.idiom_objects:
                return  # "took advantage of a coup in X", "seized the initiative": no place taken
            if obj is None and tok.dep_ == "conj" and tok.tag_ == "VBN":
                obj = self.child(tok.head, "nsubjpass")  # "X was captured by A ... and retaken by B"
            if obj is None and tok.dep_ in ("attr", "acomp"):
                obj = self.child(tok.head, "nsubj")  # "X was overrun" parsed as a copula
            if obj is None and tok.dep_ == "relcl" and tok.head.lemma_.lower() in TOWN_NOUNS:
                obj = tok.head  # "two towns that X captured": the towns (round 13)
            if lemma in CONTROL_VERBS and obj is not None and obj.lemma_ == "control":
                obj = (self.preps(obj).get("of") or preps.get("of") or [None])[0]  # (the parser may hang "of X" on the verb)
            place_toks = [obj] if obj is not None else []
        places: list[tuple[str, int]] = []
        place_toks = [self.relative_head(p) for p in place_toks if p is not None]
        for pt in place_toks:
            for t in self.expand(pt):
                eid = self.entity(t, ("Location",))
                if eid is None and not nominal and self.held_since(tok) and self.holder_of_the_retaken(tok) is not None \
                        and t.i == pt.i:
                    eid = self.holder_of_the_retaken(tok)  # "ISIL, which has held the city since May" (round 12)
                if eid is None and not nominal and t.lower_ == "it" and t.pos_ == "PRON":
                    eid = (self.place_told_before(t) if self.held_since(tok)  # "retook Y from X, who had held it since"
                           else self.place_it_points_to())  # "X seized Y in 2014. Z retook it in 2017."
                if nominal and self.described(t):
                    eid = self.captured_before() or eid  # "described the capture of the rebel stronghold as ..."
                if eid is None and t.lemma_.lower() in HOLDINGS:
                    eid = self.holding_place(t)  # "seized a prosecutor's office in X"
                if eid is None:
                    for town in self.these_places(t):  # "attacks on A, B and C ... overran the bases in these towns"
                        places.append((town, self.sent.char(t)))
                if eid is None and not nominal:
                    places += self.included_places(t)  # "took over four towns including X" (round 12)
                if eid is None and not nominal and t.i == pt.i:
                    places += self.towns_named_next(tok, t)  # "retook two towns that X captured" (round 13)
                if eid is None and t.i == pt.i:
                    eid = self.capital_described(t)  # "recaptured the X state capital" (round 12)
                if eid:
                    places.append((eid, self.sent.char(t)))
            places += self.listed_places(tok, pt, [p for p, _ in places])
        if not places and (not nominal or self.came_into_control(tok)):
            for pt in place_toks:  # "stormed the city hall in X ..., and police retook the building"
                if (pt.lemma_.lower() in HOLDINGS or nominal and pt.lemma_.lower() in TOWN_NOUNS) and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                          for c in pt.children):
                    eid = self.place_told_before(tok)
                    if eid:
                        places.append((eid, self.sent.char(pt)))
        if not places:
            return
        captors = [self.entity(t, ARMED, modifiers=True) for t in self.expand(captor_tok)] if captor_tok is not None else []
        captors = [c for c in dict.fromkeys(captors) if c]
        if not captors and captor_tok is not None and self.group_of(captor_tok):
            captors = [self.group_of(captor_tok)]  # "the group's fighters also took Y" (round 11)
        if not captors and captor_tok is not None and self.group_by_kind(captor_tok):
            captors = [self.group_by_kind(captor_tok)]  # "rebels seized X", the group named before (round 13)
        former = [self.entity(o, ARMED + ("Organization",), modifiers=True) or self.group_by_kind(o)
                  for o in (expelled or preps.get("from", []))]  # "from rebels": the group named before (round 13)
        for pt in place_toks:  # "took the X rebels' headquarters town, Y", "the X security headquarters"
            for c in pt.children:
                if (c.dep_ == "poss" or c.dep_ == "compound" and pt.lemma_.lower() in HOLDINGS) \
                        and self.kind(self.res.entity_at(c)) in ("ArmedGroup", "ArmedForce"):
                    former.append(self.res.entity_at(c))
        former += self.former_in_sentence()
        former += self.holders_named(place_toks)
        supporters = self.supporters(tok, captor_tok)
        for eid, anchor in places:
            f = self.new("Capture", tok, nominal)
            f.add("place", eid)
            for c in captors:
                f.add("captor", c)
            for x in former:
                if x not in captors:
                    f.add("former", x)
            for s in supporters:
                if s not in captors:
                    f.add("supporter", s)
            f.anchor = anchor
            f = self.finish(f)
            if nominal and lemma == "control" or not nominal and self.held_since(tok):  # "under Y's control since T": Y took it at T
                since = [t for t in find_times(self.sent.text, self.published) if t.relation == "after"]
                f.date = since[0].value if since else f.date
                f.background = not nominal  # (the earlier capture, never the retaking it is told in)
            if not nominal and tok.dep_ == "relcl" and tok.head.lemma_.lower() in TOWN_NOUNS \
                    and self.trigger_type(tok.head.head)[0] == "Capture":
                f.background = True  # "retook two towns that X captured": X's capture came first (round 13)
            if nominal and self.came_into_control(tok) and f.date_strength < Strength.ATTACHED:
                by = [t for t in find_times(self.sent.text, self.published) if t.relation == "before"]
                f.date = by[0].value if by else f.date  # "by Monday evening they were in control of X" (round 11)
            tried = self.tried(tok)
            if tried is not None:
                f = self.attempt_as_attack(f, tried)  # "militants tried to seize the town of X" (round 12)
            yield f

    def tried(self, verb: Token) -> Optional[Token]:
        """"Militants tried (attempted) to seize the town of X", in the past: a capture tried and
        not told as done is an attack on the place (the fighting happened; the taking did not).
        Returns the verb of trying; none for "will try", "may try" or "tried several times" (a
        run of attempts, no one event)."""
        head = verb.head
        if verb.dep_ != "xcomp" or head.pos_ != "VERB" or self.finder.t.base(head) not in ("try", "attempt") \
                or head.tag_ != "VBD" or any(c.dep_ == "neg" for c in head.children):
            return None
        if any(c.dep_ in ("npadvmod", "dobj", "advmod") and c.right_edge.lower_ == "times" for c in head.children):
            return None
        return head

    def attempt_as_attack(self, f: Frame, tried: Token) -> Frame:
        """The attack a tried capture tells: the would-be captor attacks, at the place, with the
        modality and date of the trying."""
        a = Frame(type="Attack", trigger=f.trigger, sentence=f.sentence, nominal=False)
        a.modality = self.finder.modality.of(tried)
        for c in f.roles.get("captor", []):
            a.add("perpetrator", c)
        for e in f.roles.get("place", []):
            a.add("location", e)
        a.anchor, a.date, a.date_strength, a.distinct = f.anchor, f.date, f.date_strength, f.distinct
        return a

    def holders_named(self, place_toks: list[Token]) -> list[str]:
        """Who held a captured place, as the capture's own phrase tells it (round 9): "captured A and
        B, X's main strongholds", "Y, one of the last strongholds of X", "the capital of X" (the
        holder is the stronghold's owner); "the Eritrean town of Y" (a state's town, held by its
        forces, when they are the one force of that state the report names, else by the state)."""
        out: list[str] = []
        for pt in place_toks:
            words = [t for w in self.expand(pt) for t in [w, *self.preps(w).get("of", [])]]
            for w in words:
                for ap in (c for c in w.children if c.dep_ == "appos"):
                    held = [ap] + ([o for o in self.preps(ap).get("of", [])] if ap.lower_ == "one" else [])
                    for h in held:
                        if h.lemma_.lower() not in self.finder.t.stronghold_nouns:
                            continue
                        for owner in [c for c in h.children if c.dep_ == "poss"] + self.preps(h).get("of", []):
                            eid = self.entity(owner, ARMED + ("Organization",), modifiers=True)
                            if eid:
                                out.append(eid)
            for rel in (c for w in self.expand(pt) for c in w.children if c.dep_ == "relcl"
                        and c.lemma_.lower() in ("hold", "control", "occupy")):
                for o in self.preps(rel).get("by", []) + [a for c in rel.children if c.dep_ == "agent" for a in c.children]:
                    eid = self.entity(o, ARMED, modifiers=True)  # "X, which had been held by Y since 2008" (round 11)
                    if eid:
                        out.append(eid)
            if pt.lemma_.lower() in TOWN_NOUNS and self.preps(pt).get("of"):
                for c in pt.children:
                    if c.dep_ == "amod" and c.ent_type_ == "NORP":
                        eid = self.state_of(c.text)
                        if eid:
                            out.append(eid)
        return out

    def these_places(self, noun: Token) -> list[str]:
        """"these towns", "the bases in these towns": the towns the sentence listed before."""
        verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else noun  # (the parse may hang "in ..." on the verb)
        for t in [noun] + self.preps(noun).get("in", []) + self.preps(verb).get("in", []):
            if t.tag_ == "NNS" and t.lemma_.lower() in PLACE_NOUNS and any(
                    c.dep_ == "det" and c.lower_ in ("these", "those") for c in t.children):
                found = [self.res.entity_at(w) for w in self.sent.span.doc[self.sent.span.start:t.i]]
                return list(dict.fromkeys(e for e in found if e and self.kind(e) == "Location"))
        return []

    @staticmethod
    def described(tok: Token) -> bool:
        """"the rebel stronghold", "the town": a place given by a definite description, not a name."""
        return tok.pos_ == "NOUN" and tok.lemma_.lower() in PLACE_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)

    def captured_before(self) -> Optional[str]:
        """The place of the latest capture told as done before this sentence: "the capture of the
        stronghold" tells that capture again."""
        for f in reversed(self.told):
            if f.type == "Capture" and f.modality == "asserted" and f.roles.get("place") \
                    and f.sentence.index < self.sent.index:
                return f.roles["place"][0]
        return None

    def place_it_points_to(self) -> Optional[str]:
        """"it" taken or lost in a sentence that names no place before it: the place of the capture
        told in the two sentences before ("Rebels captured X on Friday. The army recaptured it two days
        later."), else the one town or site the sentence before names ("Gunmen attacked the town of X.
        They held it for a day.")."""
        for f in reversed(self.told):
            if f.sentence.index < self.sent.index - 2:
                break
            if f.type == "Capture" and f.modality == "asserted" and f.roles.get("place") \
                    and f.sentence.index < self.sent.index:
                return f.roles["place"][0]
        named = [e for e in dict.fromkeys(self.earlier[-1] if self.earlier else [])
                 if self.kind(e) == "Location" and specificity(e, self.res) >= SPECIFIC]
        return named[0] if len(named) == 1 else None

    def town_told_before(self) -> Optional[str]:
        """"the town" of a sentence that names none: the town or site of the attack or capture told in
        this sentence or the two before, else the one town the sentence before names."""
        for f in reversed(self.told):
            if f.sentence.index < self.sent.index - 2:
                break
            if f.type in ("Attack", "Capture") and f.modality == "asserted":
                fine = [e for e in f.roles.get("location", []) + f.roles.get("place", [])
                        if specificity(e, self.res) >= SPECIFIC]
                if fine:
                    return fine[0]
        named = [e for e in dict.fromkeys(self.earlier[-1] if self.earlier else [])
                 if self.kind(e) == "Location" and specificity(e, self.res) >= SPECIFIC]
        return named[0] if len(named) == 1 else None

    def place_told_before(self, tok: Token) -> Optional[str]:
        """The place named last before a definite "the building", "the base" in its sentence."""
        for t in reversed(list(tok.doc[self.sent.span.start:tok.i])):
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) == "Location":
                return eid
        return None

    def holding_place(self, noun: Token) -> Optional[str]:
        """The place a seized building or area lies in: "several districts in the capital X",
        "the navy headquarters in the port of X", "areas of X" (the parse may hang X elsewhere)."""
        end = min(noun.right_edge.i + 5, self.sent.span.end)
        return self.locative_after(noun, end, ("in", "of", "near", "around", "outside"))

    def cleared_of(self, verb: Token) -> Optional[Token]:
        """"cleared the town of Y of X fighters": the armed people the place was cleared of."""
        obj = self.child(verb, "dobj")
        if obj is None:
            return None
        for o in self.preps(verb).get("of", []) + [o for o in self.preps(obj).get("of", [])[1:]]:
            if o.lemma_.lower() in ARMED_NOUNS or self.kind(self.entity(o, ARMED, modifiers=True)) in ARMED:
                return o
        for inner in self.preps(obj).get("of", []):  # "the town of Y of X fighters" hung on Y
            for o in self.preps(inner).get("of", []):
                if o.lemma_.lower() in ARMED_NOUNS or self.kind(self.entity(o, ARMED, modifiers=True)) in ARMED:
                    return o
        return None

    def expelled_from(self, verb: Token) -> Optional[Token]:
        """The place of "drove X out of <place>" / "expelled X from <place>", if it names one."""
        preps = self.preps(verb)
        cands = [o for o in preps.get("from", []) if not any(d.dep_ == "npadvmod" for d in o.head.children)]
        # ("pushing them toward X, 50 kilometers from Y": a distance from Y is a bearing, round 9)
        for c in verb.children:
            if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod"):
                cands += self.preps(c).get("of", []) + preps.get("of", [])
        for c in cands:
            if self.kind(self.place_in(c)) == "Location":
                return c
        return None

    def capital_described(self, noun: Token) -> Optional[str]:
        """"The town of Y changed hands again as the army said it recaptured the X state capital":
        a capital told by description (no name of its own) is the one town its sentence names (in
        that division, when the gazetteer knows both), else the one town the sentence before names
        that the gazetteer puts in the division. Two towns, or none: no place."""
        if noun.lemma_.lower() != "capital" or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
        divisions = {e for m in mods for t in m.subtree for e in [self.res.entity_at(t)]
                     if e and specificity(e, self.res) == REGION}
        if not divisions and not any(m.lower_ in ("provincial", "regional", "state", "district") for m in mods):
            return None  # "the capital" alone is the state's capital: another rule's
        places = getattr(self.res, "places", {})
        codes = {places[e].admin1 for e in divisions if e in places and places[e].admin1}
        own = [self.res.entity_at(t) for t in self.sent.span if not self.place_of_another_event(t, noun)]
        before = self.earlier[-1] if self.earlier and codes else []  # (only a town shown to lie in the division)
        for named in (own, before):
            towns = {e for e in named if e and self.kind(e) == "Location" and specificity(e, self.res) == SPECIFIC
                     and (not codes or e in places and places[e].admin1 in codes)}
            if len(towns) == 1:
                return towns.pop()
            if towns:
                return None
        return None

    def place_of_another_event(self, t: Token, noun: Token) -> bool:
        """"Rebels attacked X and later seized the provincial capital": X is the place of another
        event of the sentence (the nearest verb above it is an attack or capture verb other than the
        one the capital hangs on), so it is not the capital described."""
        own = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
        verb = next((a for a in t.ancestors if a.pos_ == "VERB"), None)
        return verb is not None and verb is not own and self.trigger_type(verb)[0] in ("Attack", "Capture")

    def included_places(self, t: Token) -> list[tuple[str, int]]:
        """"Took over four towns including X (and Y)": of towns taken, counted or plural, the ones an
        "including" names are the places known to be taken (the rest are unnamed). Not a holding
        ("bases including the airport" names no town), nor a list whose names are no places."""
        if t.tag_ != "NNS" or t.lemma_.lower() not in TOWN_NOUNS:
            return []
        out: list[tuple[str, int]] = []
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "including":
                for o in prep.children:
                    if o.dep_ == "pobj":
                        for x in self.expand(o):
                            eid = self.entity(x, ("Location",))
                            if eid and eid not in [e for e, _ in out]:
                                out.append((eid, self.sent.char(x)))
        return out

    def towns_named_next(self, verb: Token, towns: Token) -> list[tuple[str, int]]:
        """Round 13: "forces have retaken two towns that X briefly captured late Friday", the towns
        named only in the next sentence or the one after ("... retook A and B"): a capture in a relative
        clause on plural towns that a capture verb of this sentence took took the towns that a capture
        verb of those sentences names, when it names as many as counted (or, uncounted, two or more)."""
        if verb.dep_ != "relcl" or verb.head.i != towns.i or towns.tag_ != "NNS" \
                or towns.lemma_.lower() not in TOWN_NOUNS or self.trigger_type(towns.head)[0] != "Capture":
            return []
        counted = next((parse_number(c.text) for c in towns.children if c.dep_ == "nummod"), None)
        for sent in self.after:
            for t in sent.span:
                if t.pos_ != "VERB" or self.finder.t.verbs.get(self.finder.t.base(t)) != "Capture":
                    continue
                obj = next((c for c in t.children if c.dep_ == "dobj"), None)
                if obj is None:
                    continue
                named = [e for e in dict.fromkeys(self.res.entity_at(x) for x in [obj, *self.expand(obj)])
                         if e and self.kind(e) == "Location" and specificity(e, self.res) >= SPECIFIC]
                if len(named) >= 2 and (counted is None or len(named) == counted):
                    return [(e, self.sent.char(towns)) for e in named]
        return []

    def listed_places(self, trigger: Token, first: Token, seen: list[str]) -> list[tuple[str, int]]:
        """Places listed after the first one inside the trigger's phrase ("X in May and Y in June")."""
        out: list[tuple[str, int]] = []
        stop = {"by", "from", "with", "after", "before", "during", "amid", "as", "near", "in", "at", "outside"}
        for t in trigger.subtree:
            if t.i <= first.i:
                continue
            if t.dep_ in ("prep", "agent") and t.head == trigger and t.lower_ in {"by", "from", "with"}:
                break
            eid = self.res.entity_at(t)
            if not eid or self.kind(eid) != "Location" or eid in seen or any(eid == e for e, _ in out):
                continue
            prev = t.doc[t.i - 1] if t.i > 0 else None
            if prev is not None and self.res.entity_at(prev) == eid:
                continue  # inside a name already looked at
            root = t
            while root.head.i != root.i and self.res.entity_at(root.head) == eid:
                root = root.head
            named = root
            while named.dep_ == "appos" and named.head.i != named.i:
                named = named.head  # "X, near the capital, Y": Y names the capital, a landmark (round 11)
            if named.head.lower_ in stop and named.dep_ == "pobj" or any(a.dep_ == "appos" for a in root.ancestors
                                                                       if a.i > first.i and a.i in range(trigger.left_edge.i, trigger.right_edge.i + 1)):
                continue  # "X, a town in Y province": Y is where X lies, not a second place taken
            if prev is not None and prev.lower_ in ("and", ",", "or"):
                out.append((eid, self.sent.char(t)))
        return out

    def former_in_sentence(self) -> list[str]:
        """Who lost the ground: 'X lost its grip on ...', 'under X control', 'forcing X to flee'."""
        out: list[str] = []
        for t in self.sent.span:
            if t.pos_ == "VERB" and self.finder.t.base(t) in self.finder.t.loss_verbs:
                s = self.child(t, "nsubj")
                if s is not None:
                    eid = self.entity(s, ARMED, modifiers=True)
                    if eid:
                        out.append(eid)
            if t.lower_ == "from" and t.dep_ == "prep" and t.head.pos_ == "VERB" and (
                    self.finder.t.base(t.head) in self.finder.t.verbs
                    and self.finder.t.verbs[self.finder.t.base(t.head)] == "Capture"
                    or self.finder.t.base(t.head) in ("wrest", "take", "win", "grab")):
                for o in t.children:  # "both wrested from the military"
                    if o.dep_ == "pobj":
                        eid = self.entity(o, ARMED, modifiers=True)
                        if eid:
                            out.append(eid)
            if t.pos_ == "VERB" and t.lemma_.lower() == "flee" and t.dep_ == "xcomp" and t.head.lemma_.lower() == "force":
                ousted = self.child(t.head, "dobj")  # "seized the capital, forcing President X to flee"
                eid = self.entity(ousted, ARMED + ("Person",), modifiers=True) if ousted is not None else None
                if eid:
                    out.append(eid)
            if t.lemma_ == "control" and t.head.lower_ in ("under", "from"):
                for c in t.lefts:
                    eid = self.res.entity_at(c)
                    if eid and self.kind(eid) in ARMED:
                        out.append(eid)
                        break
        return out

    def supporters(self, tok: Token, captor: Optional[Token] = None) -> list[str]:
        out: list[str] = []
        for obj in self.preps(tok).get("with", []):
            if obj.lemma_.lower() in self.finder.t.support_nouns:
                for c in obj.subtree:
                    eid = self.res.entity_at(c)
                    if eid and self.kind(eid) == "ArmedForce":
                        eid = self.res.country_entity(self.res.countries.get(eid)) or eid
                    if eid and self.kind(eid) in ACTORS and eid not in out:
                        out.append(eid)
        heads = [tok] + ([captor] if captor is not None else [])
        for c in (c for h in heads for c in h.children):  # "X, backed by Y and Z, retook", "X backed by Y seized"
            if c.dep_ in ("advcl", "acl") and self.finder.t.base(c) in self.finder.t.support_verbs:
                for b in self.preps(c).get("by", []):
                    for one in self.expand(b):
                        eid = self.entity(one, ACTORS, modifiers=True)  # "backed by US airstrikes"
                        if eid and eid not in out:
                            out.append(eid)
        if captor is not None:  # "the US-backed X": the state before the hyphen
            doc, i = captor.doc, captor.left_edge.i
            for j in range(i, captor.i):
                if doc[j].lower_ in ("backed", "supported") and j >= 2 and doc[j - 1].text == "-":
                    eid = self.res.entity_at(doc[j - 2])
                    if eid and self.kind(eid) in ACTORS and eid not in out:
                        out.append(eid)
        return out

    # Meeting ------------------------------------------------------------------
    def signed(self, verb: Token) -> Optional[Token]:
        """The agreement a verb of signing has as object ("signed an accord", "the deal was agreed")."""
        if verb.lemma_.lower() not in SIGNING_VERBS:
            return None
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.lemma_.lower() in AGREEMENT_NOUNS:
            return verb.head  # "the memorandum signed in X by A and B"
        return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                     and c.lemma_.lower() in AGREEMENT_NOUNS), None)

    def _signing(self, tok: Token) -> Iterable[Frame]:
        """"A and B signed a security agreement in X", "the deal was agreed by
        Presidents A and B in X": the signatories met there (two of them at least, named)."""
        f = self.new("Meeting", tok, False)
        people = ("Person", "Country", "Organization")
        subj = self.subject(tok)
        sides = (self.expand(subj) if subj is not None else self.fronted_subjects(tok)) + [
            o for one in self.preps(tok).get("with", []) for o in self.expand(one)]
        for s in sides:
            eid = self.entity(s, people, modifiers=True)
            for e in [eid] + self.entities_in(s, ("Person",)):  # "by Presidents A and B": both
                f.add("participants", e)
        for p in ("in", "at"):
            for o in self.preps(tok).get(p, []):
                f.add("location", self.place_in(o))
        if len(f.roles.get("participants", [])) >= 2:
            yield self.finish(f)

    def fronted_subjects(self, verb: Token) -> list[Token]:
        """Round 10: "this week in X, A and B signed an agreement": after a fronted place and a comma
        the parser often hangs the subject list on the place (as its conjuncts) and leaves the verb
        with no subject. Those conjuncts before the verb, after the comma, are its subjects."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return []
        for p in verb.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "at") or p.i > verb.i:
                continue
            for place in (c for c in p.children if c.dep_ == "pobj"):
                if self.kind(self.res.entity_at(place)) not in PLACES:
                    continue
                first = next((c for c in place.children if c.dep_ == "conj" and c.i < verb.i), None)
                if first is None or not any(t.text == "," for t in place.doc[place.i:first.i]):
                    continue
                return [t for t in self.expand(first) if t.i < verb.i]
        return []

    def _meeting(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if not nominal and self.signed(tok) is not None:
            yield from self._signing(tok)
            return
        f = self.new("Meeting", tok, nominal)
        people = ("Person", "Country", "Organization", "ArmedGroup", "ArmedForce")
        light = self.light_verb(tok) if nominal else None
        if nominal:
            subj = (self.subject(light) if light is not None else None) or self.child(tok, "poss")
            if subj is not None and subj.lower_ == "their":  # "A and B discussed X during their meeting"
                verb = self.governing_verb(tok)
                subj = (self.subject(verb) if verb is not None else None) or subj
            if subj is None:
                subj = self.setting_subject(tok)  # "During a meeting in X, A and B discussed Y"
        else:
            subj = self.subject(tok)
        if subj is not None:
            subj = self.they_of_the_clause(subj) or subj
        pair = self.the_two(subj) if subj is not None else []
        for eid in pair:  # "the two ministers had last met in X": the two who met before
            f.add("participants", eid)
        if subj is not None and not pair:
            for s in self.expand(subj):
                holders = self.role_holders(s)
                if holders:  # "the foreign ministers of X and Y met": the ministers the report names
                    for e in holders:
                        f.add("participants", e)
                    continue
                sides = self.states_of_officials(s) if self.res.entity_at(s) is None else []
                if len(sides) >= 2:
                    for e in sides:  # "U.S. and Chinese officials met" (round 9)
                        f.add("participants", e)
                    continue
                eid = self.entity(s, people, modifiers=True)
                if eid is None and self.res.entity_at(s) is None:
                    # "Negotiators for X and Y", "mediators from X, Y and Z": whom they speak for
                    for e in self.entities_in(s, people):
                        f.add("participants", e)
                f.add("participants", eid)
        verb = tok if not nominal else light
        if verb is not None and subj is not None:  # "A Y and B al-Z met": the parser may split one subject in several
            for other in verb.children:  # (also "A and his counterpart B held talks", round 9)
                if other.dep_ != "nsubj" or other.i == subj.i:
                    continue
                if other.i >= self.body_start:
                    f.add("participants", self.entity(other, people, modifiers=True))
                else:  # "CITY, July 8 - Minister A and his counterpart B held talks": A parsed into the dateline
                    for t in other.subtree:
                        if t.i >= self.body_start and self.kind(self.res.entity_at(t)) == "Person":
                            f.add("participants", self.res.entity_at(t))
        if subj is not None and len(f.roles.get("participants", [])) < 2 and any(
                c.dep_ == "poss" and c.lower_ == "their" for c in subj.children):
            for e in self.whose(tok, people):  # "A and B agreed ... when their ministers met" (round 9)
                f.add("participants", e)
        objs = [c for c in tok.children if c.dep_ == "dobj"]  # the parser may split one list in two
        for obj in objs:
            found = [h for o in self.expand(obj) for h in (self.role_holders(o) or [self.entity(o, people)])]
            if not any(found):  # "met the Kenyan defense minister", unnamed: Kenya stands for the minister
                found = [self.state_of_officials(o) for o in self.expand(obj)]
            if not nominal and not any(found) and obj.pos_ == "NOUN" and not self.entities_in(obj, people) \
                    and len(objs) == 1:
                named = self.name_after(obj)  # "met his Turkish counterpart X Y": the parser loses the name
                if named is None:
                    return  # "met little resistance", "met the deadline": no one was met
                found = [named]
            for eid in found:
                f.add("participants", eid)
        preps = self.preps(tok)
        for obj in objs:  # "met X in Y" parsed with "in Y" on X
            for o in self.preps(obj).get("in", []) + self.preps(obj).get("at", []):
                if self.kind(self.entity(o, PLACES)) in ("Location", "Country"):
                    preps.setdefault("in", []).append(o)
        if light is not None:  # "held talks in X with Y": the verb carries the phrases
            for p, objs in self.preps(light).items():
                preps.setdefault(p, []).extend(objs)
        if nominal and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":  # "his first meeting was with X" (round 11)
            preps.setdefault("with", []).extend(self.preps(tok.head).get("with", []))
        if nominal:  # "a day of talks in the capital with X": the parser hangs "with X" on the place
            for o in list(preps.get("in", [])):
                preps.setdefault("with", []).extend(self.preps(o).get("with", []))
        if nominal and not preps.get("between") and tok.dep_ == "pobj" and tok.head.lower_ in SETTING_PREPS \
                and tok.head.head.pos_ in ("VERB", "AUX"):
            # "was discussed at a meeting in X on Friday between A and B": the parser hangs "between"
            # on the verb the meeting is the setting of
            preps["between"] = self.preps(tok.head.head).get("between", [])
        for p in ("with", "between"):
            for o in preps.get(p, []):
                for one in self.expand(o):
                    holders = self.role_holders(one)  # "met with Y's defense minister": that minister
                    if holders:
                        for e in holders:
                            f.add("participants", e)
                        continue
                    eid = self.entity(one, people) or self.state_of_officials(one)  # "with the X commander, Gen. Y": Y, not X
                    for e in [eid] + self.entities_in(one, ("Person",)) if eid else self.entities_in(one, people):
                        f.add("participants", e)
        for p in ("in", "at"):
            for o in preps.get(p, []):
                # "met at the ministry X": a body's seat is where its people meet
                f.add("location", self.entity(o, PLACES) or self.entity(o, ("Organization",)))
        if not f.filled("location") and any(c.lower_ == "here" for c in (light or tok).children):
            f.add("location", self.dateline_place())  # "CITY - ... met here yesterday" (round 9)
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            f.add("location", self.entity(tok.head, PLACES))
        if not f.filled("location") and tok.dep_ == "conj" and self.trigger_type(tok.head)[0] == "Visit":
            visited = self.child(tok.head, "dobj")  # "visited X in March and met Y": in X
            f.add("location", self.entity(visited, PLACES) if visited is not None else None)
        listed = self.semicolon_list(tok) if not nominal and subj is not None else []
        if len(listed) >= 2:
            yield from self.one_meeting_each(tok, subj, listed, f)
            return
        if not nominal and len(f.roles.get("participants", [])) < 2:
            for eid in self.met_after(tok):  # the parse lost the object: "met with Somali President X"
                f.add("participants", eid)
        if not nominal:
            yield from self.later_meetings(tok, f)
        if self.trip_to_meet(tok, f):
            f.modality = "asserted"
        if len(f.roles.get("participants", [])) >= 2:
            f = self.finish(f)
            if pair and f.date_strength in (Strength.NONE, Strength.INHERITED) and not any(
                    c.dep_ == "advmod" and c.lower_ in BACKGROUND_ADVERBS for c in tok.children):
                f.roles.pop("location", None)  # "The two men met privately in the X room": the meeting told
            yield f                            # before, again (not "had last met in X on May 20")

    def whose(self, tok: Token, kinds: tuple[str, ...]) -> list[str]:
        """The sides a "their" stands for: the joined subject ("A and B") of a clause the trigger is under."""
        for a in tok.ancestors:
            subj = self.subject(a) if a.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.i < tok.i and subj.conjuncts:
                return [e for one in self.expand(subj) for e in [self.entity(one, kinds, modifiers=True)] if e]
        return []

    def dateline_place(self) -> Optional[str]:
        """The place of the sentence's dateline ("CITY, July 9 -"): where "here" is."""
        for t in self.sent.span.doc[self.sent.span.start:self.body_start]:
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in PLACES:
                return eid
        return None

    def states_of_officials(self, noun: Token) -> list[str]:
        """"Russian and Chechen officials", "U.S. and Chinese negotiators": the sides that joined
        nationality adjectives stand for, each a state (or else an armed side) the report names."""
        if noun.lemma_.lower() not in ROLE_NOUNS | OFFICIAL_NOUNS | {"negotiator", "envoy", "mediator"}:
            return []
        out: list[str] = []
        for c in noun.lefts:
            if c.dep_ not in ("amod", "compound", "nmod"):
                continue
            for adj in [c, *c.conjuncts]:
                eid = self.res.entity_at(adj)
                if eid and self.kind(eid) == "Country" and eid not in out:
                    out.append(eid)  # "U.S. and Chinese officials"
                    continue
                if adj.ent_type_ != "NORP" or len(adj.text) < 4:
                    continue
                stem = adj.text[:4].lower()
                found = [e.id for e in self.res.entities if e.type == "Country" and e.name.lower().startswith(stem)] \
                    or [e.id for e in self.res.entities if e.type in ("ArmedGroup", "ArmedForce")
                        and e.name.lower().startswith(stem)]
                if len(found) == 1 and found[0] not in out:
                    out.append(found[0])
        return out

    def state_of_officials(self, noun: Token) -> Optional[str]:
        """Officials named only by a role and their nationality ("the Kenyan defense minister",
        "Kenyan officials", "the Somali delegation"): the state the report names, which stands for
        them in a meeting."""
        if noun.lemma_.lower() not in ROLE_NOUNS | OFFICIAL_NOUNS or self.res.entity_at(noun) is not None:
            return None
        for c in noun.lefts:
            if c.dep_ == "amod" and c.ent_type_ == "NORP" and len(c.text) >= 4:
                states = [e.id for e in self.res.entities if e.type == "Country"
                          and e.name.lower().startswith(c.text[:4].lower())]
                return states[0] if len(states) == 1 else None
        return None

    def setting_subject(self, noun: Token) -> Optional[Token]:
        """"During a meeting in X, A and B ...", "returned home after a day of talks with X",
        "speaking after talks with X": the one whose clause the meeting is the setting of met."""
        n = noun
        if n.head.lower_ == "of" and n.head.head.pos_ == "NOUN" and n.head.head.lemma_.lower() in SPAN_NOUNS:
            n = n.head.head  # "a day of talks", "a second round of talks"
        if n.dep_ == "pobj" and n.head.lower_ in SETTING_PREPS and n.head.head.pos_ in ("VERB", "AUX"):
            return self.subject(n.head.head)
        return None

    def they_of_the_clause(self, pron: Token) -> Optional[Token]:
        """Round 10: "A and B smiled as they shook hands at the meeting": "they" in a clause under
        another stands for that clause's subject when it is a list of names ("A and B"); the
        pronoun rule finds one entity only, and a meeting needs both."""
        if pron.lower_ != "they" or pron.pos_ != "PRON":
            return None
        t = pron.head
        for _ in range(4):
            if t.dep_ not in ("advcl", "xcomp", "ccomp", "conj") or t.head.i == t.i:
                return None
            t = t.head
            subj = self.child(t, "nsubj")
            if subj is not None and subj.i < pron.i and any(c.dep_ == "conj" for c in subj.children) \
                    and self.res.entity_at(subj) is not None:
                return subj
        return None

    def the_two(self, noun: Token) -> list[str]:
        """"The two ministers", "the two leaders", "both men": the two who met in the meeting told
        last before (in this sentence or an earlier one)."""
        if noun.tag_ != "NNS" or not (noun.lemma_.lower() in ROLE_NOUNS or noun.lemma_.lower() in PAIR_NOUNS):
            return []
        kids = {c.lower_: c.dep_ for c in noun.children}
        if not (kids.get("the") == "det" and kids.get("two") == "nummod" or kids.get("both") in ("det", "predet")) \
                or any(c.dep_ == "poss" for c in noun.children):
            return []  # (not "their two prime ministers": other people)
        for g in reversed(self.told):
            people = g.roles.get("participants", []) if g.type == "Meeting" else []
            if len(people) == 2:
                return list(people)
        return []

    def fronted_name(self, noun: Token) -> Optional[str]:
        """The name a clause opens with when the noun phrase after its comma describes it ("X, a
        town near Y, was ..."): the name the description stands for."""
        doc = self.sent.span.doc
        comma = noun.left_edge.i - 1
        if comma <= self.body_start or doc[comma].text != ",":
            return None
        eid = self.res.entity_at(doc[comma - 1])
        if eid is None:
            return None
        start = comma - 1
        while start > self.body_start and self.res.entity_at(doc[start - 1]) == eid:
            start -= 1
        return eid if start == max(self.sent.span.start, self.body_start) else None

    def name_after(self, noun: Token) -> Optional[str]:
        """The person named right after a role noun ("his counterpart X Y", "the envoy, X Y")."""
        doc = self.sent.span.doc
        i = noun.right_edge.i + 1
        if i < self.sent.span.end and doc[i].text == ",":
            i += 1
        if noun.lemma_.lower() not in ROLE_NOUNS or i >= self.sent.span.end:
            return None
        eid = self.res.entity_at(doc[i])
        return eid if eid and self.kind(eid) == "Person" else None

    def trip_to_meet(self, verb: Token, f: Frame) -> bool:
        """"traveled to X to meet Gen. Y": a trip told as done, and its purpose a meeting with a
        person named, is a meeting that took place (not "visited X to meet its leaders", a plan)."""
        if f.modality != "planned" or f.nominal or verb.dep_ != "advcl" or verb.head.lemma_.lower() not in TRIP_VERBS \
                or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return False
        people = [e for e in f.roles.get("participants", []) if self.kind(e) == "Person"]
        return len(people) >= 2 and len(people) == len(f.roles["participants"]) \
            and self.finder.modality.of(verb.head) == "asserted"

    def semicolon_list(self, verb: Token) -> list[str]:
        """"met with A, title; B, title of X; and C": the people heading the items of a list
        set off by semicolons after a meeting verb (the parser scatters such lists)."""
        doc = self.sent.span.doc
        items: list[list[Token]] = [[]]
        for t in doc[verb.i + 1:self.sent.span.end]:
            if t.text == ";":
                items.append([])
            else:
                items[-1].append(t)
        if len(items) < 2:
            return []
        out = []
        for item in items:
            eid = next((e for e in map(self.res.entity_at, item) if e and self.kind(e) == "Person"), None)
            if eid is not None and eid not in out:
                out.append(eid)
        return out

    def one_meeting_each(self, verb: Token, subj: Token, listed: list[str], f: Frame) -> Iterable[Frame]:
        """"He also met with A; B; and C": the subject met each of them, one meeting each."""
        people = ("Person", "Country", "Organization", "ArmedGroup", "ArmedForce")
        if subj.lower_ in PRONOUNS and subj.pos_ == "PRON":
            who = self.antecedent(subj, ("Person",))  # the parser may hang an item on the pronoun
        else:
            who = self.entity(subj, people, modifiers=True)
        if who is None or who in listed:
            return
        for eid in listed:
            one = self.new("Meeting", verb, False)
            one.add("participants", who)
            one.add("participants", eid)
            for place in f.roles.get("location", []):
                one.add("location", place)
            yield self.finish(one)

    def role_holders(self, noun: Token) -> list[str]:
        """"Y's defense minister", "the foreign ministers of X and Y", "his Indian counterpart": the
        people of those states whose title the report gives them, when the noun names no one itself."""
        role = noun.lemma_.lower()
        if role not in ROLE_NOUNS or self.res.entity_at(noun) is not None:
            return []
        codes: list[str] = []
        words: list[str] = []
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) == "Country":
                    codes.append(self.res.countries.get(eid))
                elif c.ent_type_ == "NORP":
                    state = self.state_of(c.text)
                    codes.append(self.res.countries.get(state) if state else None)
                elif c.pos_ in ("ADJ", "NOUN", "PROPN") and c.is_alpha:
                    words.append(c.lower_)
        for o in self.preps(noun).get("of", []):
            for one in self.expand(o):
                eid = self.res.entity_at(one)
                if eid and self.kind(eid) == "Country":
                    codes.append(self.res.countries.get(eid))
        codes = [c for c in codes if c]
        if not codes:
            return []
        out = []
        for code in dict.fromkeys(codes):
            titled = [e for e in self.res.entities if e.type == "Person" and role in e.attributes.get("title", "").lower()
                      and all(w in e.attributes.get("title", "").lower() for w in words)]
            people = [e.id for e in titled if e.attributes.get("country_code") == code] or [
                e.id for e in titled if not e.attributes.get("country_code")]  # "Defense Minister X", state unsaid
            if len(people) == 1 and people[0] not in out:
                out.append(people[0])
        return out

    def met_after(self, verb: Token) -> list[str]:
        """People named after a meeting verb, up to the end of its clause ("met Thursday at the
        state house with Sudan's vice president X to discuss ...": X)."""
        out: list[str] = []
        for t in self.sent.span.doc[verb.i + 1:self.sent.span.end]:
            if t.text in (";", ":") or t.pos_ == "VERB" and t.dep_ in ("advcl", "xcomp", "ccomp", "relcl", "conj") \
                    or t.lower_ in ("who", "which", "where", "after", "before", "because", "but"):
                break
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) == "Person" and eid not in out:
                out.append(eid)
        return out

    def later_meetings(self, verb: Token, first: Frame) -> Iterable[Frame]:
        """"met with X and later with Y": two meetings, the second with Y alone."""
        for conj in verb.children:
            later = conj.dep_ == "prep" and any(c.dep_ == "advmod" and c.lower_ in SEQUENCE_ADVERBS for c in conj.children)
            if (conj.dep_ == "conj" and conj.pos_ == "ADP" or later) and conj.lower_ == "with":
                others = [e for o in conj.children if o.dep_ == "pobj" for one in self.expand(o)
                          for e in [self.entity(one, ("Person", "Country", "Organization"))] if e]
                if not others:
                    continue
                second = self.new("Meeting", verb, False)
                met = first.roles.get("participants", [])
                for eid in met[:1] + others:  # the subject met Y (and no longer X and Y at once)
                    second.add("participants", eid)
                first.roles["participants"] = [e for e in met if e not in others or e == met[0]]
                for eid in first.roles.get("location", []):
                    second.add("location", eid)
                if len(second.roles.get("participants", [])) >= 2:
                    yield self.finish(second)

    # Statement ----------------------------------------------------------------
    def _statement(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if nominal:
            return
        subj = self.subject(tok)
        if subj is None:
            return
        speaker = self.entity(subj, ACTORS, modifiers=True)
        if speaker is None:
            return
        f = self.new("Statement", tok, nominal)
        f.add("speaker", speaker)
        m = QUOTE.search(self.sent.text)
        comp = self.child(tok, "ccomp")
        if m:
            f.quote = m.group(1).strip()
        elif comp is not None:
            f.quote = self.sent.span.doc[comp.left_edge.i:comp.right_edge.i + 1].text
        if comp is not None:
            for eid in self.entities_in(comp, ACTORS + ("Location",))[:5]:
                if eid != speaker:
                    f.add("about", eid)
        yield self.finish(f)

    # Visit --------------------------------------------------------------------
    def _visit(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        f = self.new("Visit", tok, nominal)
        if nominal:
            for o in self.preps(tok).get("to", []):
                f.add("location", self.entity(o, PLACES))
            verb = self.governing_verb(tok)
            subj = self.child(tok, "poss") or (self.subject(verb) if verb is not None else None)
        else:
            obj = self.child(tok, "dobj")
            if obj is not None:
                f.add("location", self.entity(obj, PLACES))
            subj = self.subject(tok)
        if subj is not None:
            f.add("visitor", self.entity(subj, ("Person", "Organization", "Country")))
        if f.filled("location"):
            yield self.finish(f)

    # ----- quantities and dates
    def quantities(self, f: Frame, tok: Token, patient: Optional[Token]) -> None:
        kinds = QUANTITY_KINDS[f.type]
        if not kinds:
            return
        lo, hi = tok.left_edge.i, tok.right_edge.i
        span_lo = self.sent.char(tok.doc[lo]) - self.sent.start
        span_hi = self.sent.char(tok.doc[hi]) + len(tok.doc[hi].text) - self.sent.start
        candidates = []
        for q in self.quants:
            kind = quantity_kind(q.noun, self.sent.text[max(0, q.start - 40):q.end + 40])
            if kind not in kinds or is_order_of_magnitude(q.quantity.text) or is_part_count(self.sent.text, q.start):
                continue  # (not "..., including five children": a part of the toll)
            inside = span_lo <= q.start < span_hi or f.nominal and self.toll_clause_after(tok, q.start)
            if (f.nominal or f.type == "Deployment") and not inside:
                continue  # "X sent 300 ..., and Y sent a contingent": Y's has no number
            candidates.append((not inside, abs(q.start - (self.sent.char(tok) - self.sent.start)), kind, q))
        for _, _, kind, q in sorted(candidates, key=lambda c: (c[0], c[1])):
            if kind not in f.quantities:
                f.quantities[kind] = self.joined_toll(q, kind) if kind in ("fatalities", "injuries") else q.quantity
        if f.type == "Attack":
            self.lone_victims(f, tok)

    def lone_victims(self, f: Frame, tok: Token) -> None:
        """Round 13: a toll told of one person with no number ("a police officer was killed when ...",
        "killing a soldier", "two soldiers were killed and another wounded", "a commander was shot
        dead"): one dead or one wounded, never over a number given. Read where the numbers are read:
        an attack noun's own clause, an attack verb's sentence ("A soldier was killed when militants
        attacked ...")."""
        words = tok.doc[tok.left_edge.i:tok.right_edge.i + 1] if f.nominal else self.sent.span
        for t in words:
            verb = t.head
            base = self.finder.t.base(verb)
            if base in ("kill", "die") or base == "shoot" and any(c.lower_ == "dead" for c in verb.children):
                kind = "fatalities"
            elif base in ("wound", "injure"):
                kind = "injuries"
            else:
                continue
            if kind in f.quantities or verb.pos_ != "VERB":
                continue
            if t.lower_ == "another" and t.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.dep_ == "conj":
                pass  # "... were killed and another wounded"
            elif not (t.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
                      and (t.dep_ == "nsubjpass" or t.dep_ == "dobj" and base != "die" or t.dep_ == "nsubj" and base == "die")
                      and quantity_kind(_plural(t.lemma_.lower()), self.sent.text) in ("fatalities", "injuries", "troops")):
                continue
            f.quantities[kind] = Quantity(value=1, qualifier="exact", text=t.text)

    def joined_toll(self, q, kind: str) -> Quantity:
        """"killing six soldiers and 10 police officers", "four soldiers and two civilians were
        killed": counts of people joined by "and" are one toll, their sum (the kind of each is
        read from its own words, so "six soldiers" may look like troops)."""
        text = self.sent.text
        chain = [q]
        for other in sorted(self.quants, key=lambda m: m.start):
            last = chain[-1]
            if other.start > last.end and text[last.end:other.start].strip() == "and":
                chain.append(other)
        for other in sorted(self.quants, key=lambda m: -m.start):
            first = chain[0]
            if other.end < first.start and text[other.end:first.start].strip() == "and":
                chain.insert(0, other)
        people = [m for m in chain if quantity_kind(m.noun, text[max(0, m.start - 40):m.end + 40]) in (
            "fatalities", "injuries", "troops")]
        if len(people) < 2 or len(people) != len(chain):
            return q.quantity
        total = sum(m.quantity.value for m in people)
        return dataclasses.replace(q.quantity, value=total, text=text[chain[0].start:chain[-1].end])

    def place_after(self, noun: Token) -> Optional[str]:
        """The place of a locative phrase after an event noun, up to the next clause (the parse
        may hang "at the X in Y" on the main verb)."""
        return self.locative_after(noun, self.sent.span.end, ("in", "at", "near", "outside"), stop_at_clause=True)

    def locative_after(self, noun: Token, end: int, preps: tuple[str, ...], stop_at_clause: bool = False) -> Optional[str]:
        """The first place named within five words of one of ``preps`` after ``noun`` (before
        ``end``); a phrase ends at a verb or a comma, the scan at a new clause if asked."""
        doc = noun.doc
        for i in range(noun.i + 1, end):
            t = doc[i]
            if stop_at_clause and (t.pos_ in ("VERB", "AUX") or t.text in (";", ":") or self.trigger_type(t)[0]):
                return None
            if t.lower_ in preps and t.pos_ == "ADP":
                for j in range(i + 1, min(i + 6, end)):
                    eid = self.res.entity_at(doc[j])
                    if eid and self.kind(eid) == "Location":
                        named = self.res.entity_at(doc[j + 1]) if j + 1 < end else None
                        if doc[j].pos_ == "NOUN" and doc[j + 1].pos_ == "PROPN" and named not in (None, eid) \
                                and self.kind(named) == "Location":
                            return named  # "in the capital X": the name, not what the noun was read as (round 13)
                        return eid
                    if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in (",", ";"):
                        break
        return None

    def toll_clause_after(self, noun: Token, q_start: int) -> bool:
        """"a bomb blast at the embassy in X in which 41 people died": a relative clause after the
        event noun tells its toll, though the parse may hang it elsewhere."""
        start = self.sent.char(noun) - self.sent.start + len(noun.text)
        between = self.sent.text[start:q_start]
        m = TOLL_CLAUSE.search(between) if q_start > start and len(between) < 80 else None
        if m is None:
            return False
        clause = start + m.start()  # no other event told between the noun and its clause
        return not any(self.trigger_type(t)[0] for t in self.sent.span if start <= self.sent.char(t) - self.sent.start < clause)

    def entity_name(self, eid: str) -> str:
        return next((e.name for e in self.res.entities if e.id == eid), "")

    def date_for(self, f: Frame) -> Optional[DateValue]:
        """The frame's date from the parse (see kg.extract.dating); records how it was found."""
        dating = self.dating or SentenceTimes(self.sent.span, self.times, self.finder.event_type,
                                              inherited=self.inherited)
        anchor = f.anchor - self.sent.start if f.anchor is not None else None
        value, strength = dating.attach(f.trigger, anchor)
        if value is None and f.nominal and is_definite_mention(f.trigger):  # "the attack on X"
            value = told_before(f, self.told, self.entity_name)
            strength = Strength.INHERITED if value else strength
        # A plan or a denial is news of its report: it inherits only its own paragraph's time.
        inherited = self.inherited if f.modality == "asserted" else dating.paragraph
        if value is None and inherited is not None:
            value, strength = inherited, Strength.INHERITED
        f.date_strength = strength
        return value


def _not_deployment(etype: Optional[str]) -> Optional[str]:
    """A host verb with no troops as its object: its own event type unless that is the deployment
    it tells only with troops ("received the president" a meeting, "welcomed the decision" nothing)."""
    return None if etype == "Deployment" else etype


def _drop_attacks_taken(found: list[Frame]) -> list[Frame]:
    """"attacks on A, B and C ... overran the bases in these towns": each attack of a list on a place
    its sentence tells the same side took is the fighting of that capture, not an event of its own."""
    taken = {(e, c) for g in found if g.type == "Capture" and g.modality == "asserted"
             for e in g.roles.get("place", []) for c in g.roles.get("captor", [])}
    return [f for f in found if not (f.listed and f.type == "Attack" and any(
        (e, c) in taken for e in f.roles.get("location", []) for c in f.roles.get("perpetrator", [])))]


SPAN_UNITS = {"day": 1, "week": 7}


def _date_counted_back(found: list[Frame]) -> None:
    """"X hosted Y on Tuesday, a day after his talks with Z": the event named after "N days after" is
    another, earlier one, dated N days before the event it hangs from, and placed only by its own
    phrase (the place of the sentence is the host's: round 11)."""
    by_trigger = {f.trigger.i: f for f in found}
    for f in found:
        t = f.trigger
        if not f.nominal or t.dep_ != "pobj" or t.head.lower_ not in ("after", "before"):
            continue
        span = next((c for c in t.head.children if c.dep_ == "npadvmod" and c.lemma_.lower() in SPAN_UNITS), None)
        host = by_trigger.get(t.head.head.i)
        if span is None or host is None or host.date is None or host.date.precision != "day":
            continue
        count = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
        n = 1 if count is not None and count.lower_ in ("a", "an", "one") else parse_number(count.text) if count is not None else None
        if not n:
            continue
        days = int(n) * SPAN_UNITS[span.lemma_.lower()] * (-1 if t.head.lower_ == "after" else 1)
        day = dt.date.fromisoformat(host.date.value) + dt.timedelta(days=days)
        f.date = DateValue(value=day.isoformat(), precision="day", text=t.doc[span.left_edge.i:t.head.i + 1].text)
        f.date_strength = Strength.ATTACHED
        f.distinct = f.counted_back = True


def _own_places_only(frames: list[Frame], res: Resolution) -> None:
    """An event counted back from another ("a day after his talks with Z") keeps only the places of
    its own phrase: the sentence's are its host's."""
    for f in frames:
        if f.counted_back:
            own = {res.entity_at(w) for w in f.trigger.subtree}
            for role in ("location", "place", "destination"):
                if f.roles.get(role):
                    f.roles[role] = [e for e in f.roles[role] if e in own]


def _credit_toll(frames: list[Frame], toll: Optional[Quantity], index: int) -> None:
    """"A bomb exploded in X on Friday. The death toll has risen to 25": the latest attack told
    in this or the two sentences before takes the toll, unless it already has a higher one."""
    if toll is None:
        return
    told = [f for f in reversed(frames) if f.sentence.index >= index - 2 and f.type == "Attack"
            and f.modality == "asserted" and not f.bare]
    # the latest attack placed or counted: not a deed told inside one ("shot his mother ... killing his wife")
    latest = next((f for f in told if f.filled("location") or f.quantities), None)
    for f in frames if latest is not None else []:  # each telling of it in its sentence ("a bomb exploded")
        if f.sentence.index == latest.sentence.index and f.type == "Attack" and f.modality == "asserted":
            told = f.quantities.get("fatalities")
            if told is None or told.value < toll.value:
                f.quantities["fatalities"] = toll


def _credit_blame(frames: list[Frame], blamed: list[str], index: int) -> None:
    """"The army blamed X", "X claimed responsibility": the latest attack told in this or the
    two sentences before, and naming no perpetrator, was X's."""
    if not blamed:
        return
    for f in reversed(frames):
        if f.sentence.index < index - 2:
            return
        if f.bare:
            continue  # an attack told by its verb alone may yet be dropped: the one told with more
        if f.type == "Attack" and f.modality == "asserted" and not f.filled("perpetrator"):
            for eid in blamed:
                f.add("perpetrator", eid)
            return
        if f.type == "Attack" and f.modality == "asserted" and f.sentence.index == index:
            return  # "X claimed responsibility for drone attacks on Y": the attack it names, not one before


def _mentioned(sent: Sentence, res: Resolution) -> list[str]:
    """Entities of a sentence in order, its main subject moved last: a pronoun in the next
    sentence most often continues the subject ("X, which is linked to Y, said ... Its fighters")."""
    out: list[str] = []
    subject: Optional[str] = None
    for tok in sent.span:
        eid = res.entity_at(tok)
        if eid and (not out or out[-1] != eid):
            out.append(eid)
        if eid and subject is None and tok.head.dep_ == "ROOT" and tok.dep_ in ("nsubj", "nsubjpass"):
            subject = eid
    if subject is not None:
        out = [e for e in out if e != subject] + [subject]
    return out


def _times(dating: SentenceTimes) -> list[TimeMention]:
    """The sentence's point times, anchored ones ("a day earlier") resolved."""
    return [dataclasses.replace(p.mention, value=p.value) for p in dating.points()]


# ----- merging and output

def _merge(frames: list[Frame], res: Resolution) -> list[Frame]:
    out: list[Frame] = []
    settings = [f for f in frames if f.setting]
    for f in _resolve_anaphoric([f for f in frames if not f.setting], res):
        target = None if f.distinct or f.background else next((g for g in out if not g.background and _same(g, f, res)), None)
        if target is None:
            out.append(f)
            continue
        _absorb(target, f)
    out = _fold_partial(out)
    for f in settings:  # "the assault took place in X": the attack told last before it
        told = next((g for g in reversed(out) if g.type == "Attack" and g.modality == f.modality
                     and g.sentence.index < f.sentence.index and _same_side(g, f, res) and _compatible_counts(g, f)), None)
        if told is not None:
            _set_place(told, f, res)
        elif f.trigger.tag_ != "NNS":  # "the deadly attacks all took place near X", told of no attack
            out.append(f)              # before, sums up the attacks the report tells one by one
    out = _fold_bare_deployments(out)
    out = _fold_the_troops(out, res)
    _attacker_of_the_lead(out, res)
    _chain_holders(out)
    _former_from_adversaries(out, res)
    for f in out:
        _most_specific_destination(f, res)
    return [f for f in out if f.bare or not (f.type == "Attack" and not f.filled("location") and not f.quantities)]


def _attacker_of_the_lead(frames: list[Frame], res: Resolution) -> None:
    """A report that names the group behind the attack it leads with ("a deadly attack late Saturday
    by X rebels", "X militants stormed ...") and no other group as an attacker tells the rest of
    that attack, or of its day, without the name again ("at least 14 people were killed in Y", "the
    men opened fire"): the later attacks naming no attacker, and not X as their target, were X's."""
    attacks = [f for f in frames if f.type == "Attack" and f.modality == "asserted"]
    if not attacks:
        return
    first = min(attacks, key=lambda f: f.sentence.index)
    lead = first.roles.get("perpetrator", [])
    if len(lead) != 1 or res.kinds.get(lead[0]) != "ArmedGroup":
        return
    named = {e for f in attacks for e in f.roles.get("perpetrator", []) if res.kinds.get(e) == "ArmedGroup"}
    if named != set(lead):
        return
    for f in attacks:
        if f is not first and not f.filled("perpetrator") and not f.distinct \
                and lead[0] not in f.roles.get("target", []) and f.sentence.index > first.sentence.index:
            f.add("perpetrator", lead[0])


RETAKING = ("re", "liberat", "regain", "reclaim", "free")


def _chain_holders(frames: list[Frame]) -> None:
    """A place taken twice: whoever took it first held it when it was taken again, and a
    re-taking ("retook", "liberated") returns it to whoever held it before the first capture."""
    by_place: dict[str, list[Frame]] = {}
    for f in frames:
        if f.type == "Capture" and f.modality == "asserted" and f.roles.get("place") and f.date is not None:
            by_place.setdefault(f.roles["place"][0], []).append(f)
    for captures in by_place.values():
        captures.sort(key=lambda f: f.date.value)
        for a, b in zip(captures, captures[1:]):
            if a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value):
                if _told_after(b, a) or b.background and not a.background:
                    a, b = b, a
                elif not (_told_after(a, b) or a.background and not b.background):
                    continue  # same time, with no "after" (or clause of an earlier capture) to order them (round 13)
            if not a.filled("captor") and not b.filled("captor"):
                continue  # nobody named
            if not b.filled("former"):
                for c in a.roles.get("captor", []):
                    if c not in b.roles.get("captor", []):
                        b.add("former", c)
            if not a.filled("former") and b.trigger.lemma_.lower().startswith(RETAKING):
                for c in b.roles.get("captor", []):
                    if c not in a.roles.get("captor", []):
                        a.add("former", c)


def _leaders_named(frames: list[Frame], sentences: list[Sentence], res: Resolution, leader_nouns: frozenset[str]) -> None:
    """Round 13: "met for a second day with the leader of X" names a person the report names
    elsewhere as X's leader ("Y, the head of X, ..."): the meeting's participant is Y, not X. Only
    when the report gives X one such person, and only for the participant told as "the leader of X"."""
    leaders: dict[str, set[str]] = {}
    for sent in sentences:
        for tok in sent.span:
            person = res.entity_at(tok)
            if res.kinds.get(person) != "Person":
                continue
            for c in tok.children:
                if c.dep_ == "appos" and c.lemma_.lower() in leader_nouns:
                    for o in (w for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for w in p.children
                              if w.dep_ == "pobj"):
                        group = res.entity_at(o)
                        if group and group != person:
                            leaders.setdefault(group, set()).add(person)
    if not leaders:
        return
    for f in frames:
        if f.type != "Meeting":
            continue
        for noun in f.sentence.span:
            if noun.lemma_.lower() not in leader_nouns or noun.pos_ != "NOUN" \
                    or not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
                continue
            end = noun.right_edge.i + 1  # the "of" phrase, and a name set after it by a comma
            after = end + 1 if end < len(noun.doc) and noun.doc[end].text == "," else end
            told = {res.entity_at(t) for t in noun.subtree} | {res.entity_at(t) for t in noun.doc[after:after + 6]
                                                               if after > end}
            for group in told:
                if group in f.roles.get("participants", []) and len(leaders.get(group, ())) == 1:
                    person = next(iter(leaders[group]))
                    f.roles["participants"] = list(dict.fromkeys(
                        person if e == group else e for e in f.roles["participants"]))


def _told_after(a: Frame, b: Frame) -> bool:
    """Round 13: a is told in an "after" clause of b's sentence ("A day after X captured the town,
    rebels retook it"), so it came first, whatever the dates the two were given."""
    if a.sentence.index != b.sentence.index or a.nominal:
        return False
    for x in [a.trigger, *a.trigger.ancestors]:
        if b.trigger.i in {t.i for t in x.subtree}:
            return False
        if x.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in x.children) \
                or x.dep_ == "pcomp" and x.head.lower_ == "after":
            return True
    return False


def _former_from_adversaries(frames: list[Frame], res: Resolution) -> None:
    """A capture naming no former holder took the place from the captor's adversary in this
    article: the most-mentioned actor it fights in the other events (attacks, captures)."""
    foes: dict[str, set[str]] = {}
    for f in frames:
        pairs = [("perpetrator", "target"), ("captor", "former")]
        for a_role, b_role in pairs:
            for a in f.roles.get(a_role, []):
                for b in f.roles.get(b_role, []):
                    if a != b:
                        foes.setdefault(a, set()).add(b)
                        foes.setdefault(b, set()).add(a)
    armed = {"ArmedGroup", "ArmedForce"}
    for f in frames:
        if f.type != "Capture" or f.filled("former") or not f.filled("captor"):
            continue
        captors = f.roles["captor"]
        candidates = {x for c in captors for x in foes.get(c, ())} - set(captors) - set(f.roles.get("supporter", []))
        candidates = {x for x in candidates if res.kinds.get(x) in armed}
        place_state = res.countries.get((f.roles.get("place") or [None])[0])
        if place_state is None:  # a town the gazetteer does not know: the captors' one state, if they have one
            codes = {res.countries.get(c) for c in captors}
            place_state = codes.pop() if len(codes) == 1 else None
        home = {x for x in candidates if res.countries.get(x) == place_state}
        if not home and place_state and all(res.kinds.get(c) == "ArmedGroup" for c in captors):
            forces = {e.id for e in res.entities if e.type == "ArmedForce" and res.countries.get(e.id) == place_state}
            home = forces if len(forces) == 1 else set()  # an armed group took a town of X from X's forces
        candidates = home or candidates  # a town of X taken from X's forces, not from a foe fought elsewhere
        if candidates:
            f.add("former", max(candidates, key=lambda x: (len(res.entities[int(x[1:]) - 1].mentions), x)))
    _former_of_the_campaign(frames, res)


def _former_of_the_campaign(frames: list[Frame], res: Resolution) -> None:
    """"The retaking of X by A", with "Y and Z, lost by the group in 2015 ...": when every other
    capture of the report was taken from one armed group, a capture naming no former holder
    took its place from that group too (unless that group is its captor or supporter)."""
    held = [f for f in frames if f.type == "Capture" and f.modality == "asserted"]
    formers = {e for f in held for e in f.roles.get("former", [])}
    if len(formers) != 1:
        return
    group = formers.pop()
    if res.kinds.get(group) not in ("ArmedGroup", "ArmedForce"):
        return
    for f in held:
        if not f.filled("former") and f.filled("captor") and group not in f.roles["captor"] \
                and group not in f.roles.get("supporter", []):
            f.add("former", group)


def _resolve_anaphoric(frames: list[Frame], res: Resolution) -> list[Frame]:
    """"Troops killed X in a raid on Monday. The raid killed seven militants": the second
    sentence tells more of the attack before it, within two sentences."""
    out: list[Frame] = []
    for f in frames:
        if f.anaphoric:
            target = next((g for g in reversed(out) if g.type == f.type and g.modality == f.modality
                           and 0 <= f.sentence.index - g.sentence.index <= 2 and g is not f), None)
            if target is not None and _compatible_counts(target, f) and _same_side(target, f, res):
                _absorb(target, f)
                continue
            target = _the_day_told_before(out, f, res)
            if target is not None:
                _absorb(target, f)
                continue
            if f.toll_only:
                continue  # "the fighting" with no attack told just before: fighting in general
        out.append(f)
    return out


def _the_day_told_before(out: list[Frame], f: Frame, res: Resolution) -> Optional[Frame]:
    """"A bombing in X killed a journalist ... (three sentences on) The Thursday night blast killed
    four": a definite event noun with no place, dated by its own time to the day, further back
    than two sentences, is the one attack of the report told for that day (round 12). Only one:
    with two attacks that day, or a toll or side that differs, it points at none."""
    if not (f.nominal and f.date and f.date.precision == "day" and f.date_strength >= Strength.ATTACHED):
        return None
    same_day = [g for g in out if g.type == f.type and g.modality == f.modality and g.date is not None
                and g.date.value == f.date.value and g.sentence.index < f.sentence.index]
    if len(same_day) != 1 or not (_compatible_counts(same_day[0], f) and _same_side(same_day[0], f, res)):
        return None
    return same_day[0]


def _set_place(told: Frame, f: Frame, res: Resolution) -> None:
    """The place a later sentence gives an attack told before replaces a coarser one of the same
    country ("In X region, militants killed 12 ... the assault took place in <town>")."""
    place = f.roles["location"][0]
    kept = [e for e in told.roles.get("location", [])
            if not (specificity(e, res) < specificity(place, res) and res.countries.get(e) in (None, res.countries.get(place)))]
    told.roles["location"] = list(dict.fromkeys(kept + [place]))
    for role in ("perpetrator", "target"):
        for eid in f.roles.get(role, []):
            told.add(role, eid)


def _same_side(a: Frame, b: Frame, res: Resolution) -> bool:
    """No perpetrators, or ones that overlap or serve one state ("the US" and "a US command")."""
    pa, pb = set(a.roles.get("perpetrator", [])), set(b.roles.get("perpetrator", []))
    if not pa or not pb or pa & pb:
        return True
    ca, cb = {res.countries.get(e) for e in pa} - {None}, {res.countries.get(e) for e in pb} - {None}
    return bool(ca & cb)


def _compatible_counts(a: Frame, b: Frame) -> bool:
    return all(a.quantities[k].value == b.quantities[k].value for k in set(a.quantities) & set(b.quantities))


def _is_headline(f: Frame) -> bool:
    return f.sentence.index == 0 and not f.sentence.text.rstrip().endswith((".", "!", "?", '"'))


def _fold_partial(frames: list[Frame]) -> list[Frame]:
    """A headline's event is told again in the body, and one sentence may name an attack twice
    ("stormed a base ... in the attack"): fold such partial frames into a compatible one."""
    out: list[Frame] = []
    for f in frames:
        told = next((g for g in out if _headline_meeting(g, f)), None)
        if told is not None:  # "Commander Meets With President" and the body's "X met with President Y"
            out[out.index(told)] = f
            continue
        target = next((g for g in out if g.type == f.type and g.type in ("Attack", "Capture", "Deployment")
                       and not (g.background or f.background)
                       and (g.sentence.index == f.sentence.index or _is_headline(g))
                       and (_compatible(g, f) or _is_headline(g) and _same_toll(g, f) or _argument_of(g, f)
                            or _unplaced_headline(g, f))), None)
        if target is None:
            out.append(f)
            continue
        if _argument_of(target, f) and f.trigger.head.i == target.trigger.i:
            target.date, target.date_strength = f.date, f.date_strength  # "a bomb exploded on Thursday": the verb's
        if _is_headline(target) and not _is_headline(f):
            target.sentence, target.trigger, target.nominal = f.sentence, f.trigger, f.nominal
            target.bare = target.bare and f.bare  # (the body tells it with more than its verb: round 11)
            for role in ("location", "place", "destination"):  # the body names the place exactly
                if f.roles.get(role):
                    target.roles[role] = []
            if f.date and (target.date is None or f.date_strength > target.date_strength):  # unless weaker
                target.date, target.date_strength = f.date, f.date_strength
        _absorb(target, f)
    return out


def _unplaced_headline(headline: Frame, f: Frame) -> bool:
    """"Toll of convoy ambush rises to 23" over a body that places the ambush: a headline's event that
    names no place and has only the publication's date is the first such event of the body (the date
    the body gives wins; round 9)."""
    return _is_headline(headline) and not _is_headline(f) and headline.type == f.type \
        and headline.modality == f.modality and headline.date_strength <= Strength.PUBLISHED \
        and not any(headline.roles.get(r) for r in ("location", "place", "destination")) \
        and any(f.roles.get(r) for r in ("location", "place", "destination")) and _compatible_counts(headline, f)


def _headline_meeting(headline: Frame, f: Frame) -> bool:
    """A headline's meeting told in the body with a participant in common: the body names the
    people (the headline often gives only a role: "Commander Meets With President")."""
    return headline.type == f.type == "Meeting" and _is_headline(headline) and not _is_headline(f) \
        and headline.modality == f.modality and bool(
            set(headline.roles.get("participants", [])) & set(f.roles.get("participants", [])))


def _fold_bare_deployments(frames: list[Frame]) -> list[Frame]:
    """"Saturday's deployment comes after ...", "as they deployed", "the division's deployment":
    a deployment told with neither a destination nor a number, after one told with them, is that
    one told again (it adds only a sender the first one lacked)."""
    out: list[Frame] = []
    for f in frames:
        bare = f.type == "Deployment" and not f.filled("destination") and not f.quantities
        told = next((g for g in reversed(out) if g.type == "Deployment" and g.sentence.index < f.sentence.index
                     and (g.filled("destination") or g.quantities)), None) if bare else None
        if told is None:
            out.append(f)
            continue
        if not told.filled("agent"):
            for eid in f.roles.get("agent", []):
                told.add("agent", eid)
    # "X announces upcoming deployment" (a headline, a lead) before the deployment told with its
    # place or number: the later telling is the same deployment
    kept: list[Frame] = []
    for f in out:
        bare = f.type == "Deployment" and not f.filled("destination") and not f.quantities
        later = next((g for g in out if g.type == "Deployment" and g.sentence.index > f.sentence.index
                      and (g.filled("destination") or g.quantities)), None) if bare else None
        if later is None:
            kept.append(f)
        elif not later.filled("agent"):
            for eid in f.roles.get("agent", []):
                later.add("agent", eid)
    return kept


def _the_troops(f: Frame) -> bool:
    """A deployment of "the soldiers", "the troops": no number, a definite troops noun, sent or arriving."""
    t = f.trigger
    told = [c for c in t.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
    return not f.nominal and not f.quantities and any(
        c.lemma_.lower() in TROOP_OBJECTS and any(d.dep_ == "det" and d.lower_ in ("the", "these", "those") for d in c.children)
        and not any(d.dep_ == "nummod" for d in c.children) for c in told)


def _fold_the_troops(frames: list[Frame], res: Resolution) -> list[Frame]:
    """"France sent 500 troops to X in January. The soldiers were deployed to the town of Y": the
    troops told again by "the soldiers", in the two sentences after a numbered deployment and to a
    place within its destination's country, are that deployment; its destination becomes the finer
    place (round 11)."""
    out: list[Frame] = []
    for f in frames:
        told = next((g for g in reversed(out) if g.type == "Deployment" and g.quantities.get("troops")
                     and 0 < f.sentence.index - g.sentence.index <= 2 and g.modality == f.modality
                     and _dates_agree(g, f)), None) if f.type == "Deployment" and _the_troops(f) else None
        countries = {res.countries.get(e) for e in told.roles.get("destination", [])} - {None} if told else set()
        agents_ok = told is not None and (not f.filled("agent") or set(f.roles["agent"]) & set(told.roles.get("agent", [])))
        if told is None or not agents_ok or not f.filled("destination") or not countries or any(
                res.countries.get(e) not in countries for e in f.roles["destination"]):
            out.append(f)
            continue
        _absorb(told, f)
    return out


def _argument_of(a: Frame, b: Frame) -> bool:
    """"A bomb exploded ...": the event noun is the subject or object of the event verb."""
    if a.sentence.index != b.sentence.index:
        return False
    return any(n.nominal and not v.nominal and (
        n.trigger.head.i == v.trigger.i and n.trigger.dep_ in ("nsubj", "nsubjpass", "dobj")
        or n.trigger.dep_ == "pobj" and n.trigger.head.lower_ == "in" and n.trigger.head.i < v.trigger.i
        and n.trigger.head.head.i == v.trigger.i)  # "In a separate attack on Wednesday, gunmen killed three" (round 11)
        for n, v in ((a, b), (b, a)))


def _reported_capture(a: Frame, b: Frame) -> bool:
    """"X said on Thursday it had captured Y" and "X took Y on Monday": one capture, whose
    reported telling carries only the day it was said."""
    ca, cb = set(a.roles.get("captor", [])), set(b.roles.get("captor", []))
    if ca != cb and _retaking(a) != _retaking(b):
        return False  # "overran X in May" and "recaptured X": two hands
    return a.type == "Capture" and min(a.date_strength, b.date_strength) <= Strength.REPORTED \
        and bool(ca or cb) and (ca == cb or not ca or not cb) and a.roles.get("place") == b.roles.get("place")


def _retaking(f: Frame) -> bool:
    return f.trigger.lemma_.lower().startswith(RETAKING) or f.trigger.lower_.startswith(RETAKING) or any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in f.trigger.children)


def _dates_agree(a: Frame, b: Frame) -> bool:
    """No date, or one date within the other ("2024-03" and "2024-03-08")."""
    return not (a.date and b.date) or a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value)


def _same_toll(a: Frame, b: Frame) -> bool:
    """The same death toll in the headline and the body ("raid kills 17" ... "killed 17 people")."""
    shared = set(a.quantities) & set(b.quantities)
    return bool(shared) and a.modality == b.modality and all(a.quantities[k].value == b.quantities[k].value for k in shared)


def _absorb(target: Frame, f: Frame) -> None:
    """Another telling of the same event adds what the first one lacked."""
    for role, ids in f.roles.items():
        for eid in ids:
            target.add(role, eid)
    for k, q in f.quantities.items():
        target.quantities.setdefault(k, q)
    if f.date and (target.date is None or f.date_strength > target.date_strength):
        target.date, target.date_strength = f.date, f.date_strength  # the best-dated telling
    target.quote = target.quote or f.quote


def _compatible(a: Frame, b: Frame) -> bool:
    """No role names two different things and no count differs."""
    if a.modality != b.modality:
        return False
    for role in ("location", "place", "destination", "perpetrator", "captor", "agent"):
        ra, rb = set(a.roles.get(role, [])), set(b.roles.get(role, []))
        if ra and rb and not ra & rb:
            return False
    for k in set(a.quantities) & set(b.quantities):
        if a.quantities[k].value != b.quantities[k].value:
            return False
    if a.type == "Capture" and a.roles.get("place") != b.roles.get("place"):
        return False
    if not _dates_agree(a, b):
        return False  # told at different times
    if a.type == "Capture" and not (a.nominal or b.nominal) and a.trigger.i != b.trigger.i \
            and a.sentence.index == b.sentence.index and set(a.roles.get("captor", [])) != set(b.roles.get("captor", [])):
        return False  # "captured by A ... and retaken by B"
    return bool(set(a.quantities) & set(b.quantities)) or any(
        set(a.roles.get(r, [])) & set(b.roles.get(r, [])) for r in a.roles) or a.sentence.index == b.sentence.index


def _same(a: Frame, b: Frame, res: Resolution) -> bool:
    if a.type != b.type or a.type == "Statement":
        return False
    if _is_headline(a) or _is_headline(b):
        return False  # the headline tells the lead's event: _fold_partial pairs them
    if not _dates_agree(a, b) and not _reported_capture(a, b):
        return False
    if a.type == "Deployment":
        qa, qb = a.quantities.get("troops"), b.quantities.get("troops")
        agents_ok = not (a.filled("agent") and b.filled("agent")) or set(a.roles["agent"]) & set(b.roles["agent"])
        if qa and qb:
            return qa.value == qb.value and bool(agents_ok)
        # "will deploy 300 soldiers to X" ... "the troops being sent to X": a telling without a
        # number adds to the one with it (or to another without) when destination and sender agree.
        return bool(agents_ok) and a.modality != "negated" and b.modality != "negated" and bool(
            set(a.roles.get("destination", [])) & set(b.roles.get("destination", [])))
    if a.type == "Attack":  # one place, and no toll or attacker that differs
        return bool(set(a.roles.get("location", [])) & set(b.roles.get("location", []))) \
            and _compatible_counts(a, b) and _same_side(a, b, res)
    if a.type == "Capture":
        ca, cb = set(a.roles.get("captor", [])), set(b.roles.get("captor", []))
        if a.sentence.index == b.sentence.index and a.trigger.i != b.trigger.i and not (a.nominal or b.nominal) \
                and ca and cb and ca != cb:
            return False  # "captured by A in 2020 and retaken by B in 2021": two events
        ca, cb = set(a.roles.get("captor", [])), set(b.roles.get("captor", []))
        if not (a.nominal or b.nominal) and _retaking(a) != _retaking(b) and (not ca or not cb):
            return False  # "X captured Y ... rebels have taken Y back": the place changed hands twice
        return a.roles.get("place") == b.roles.get("place") and a.modality == b.modality and (
            not ca or not cb or ca == cb)
    if a.type == "Meeting":
        if "negated" in (a.modality, b.modality) and a.modality != b.modality:
            return False  # "refused to meet her" and, days later, "finally met"
        la, lb = set(a.roles.get("location", [])), set(b.roles.get("location", []))
        if la and lb and not la & lb:
            return False  # the same parties meeting again elsewhere
        return len(set(a.roles.get("participants", [])) & set(b.roles.get("participants", []))) >= 2
    if a.type == "Visit":
        return bool(set(a.roles.get("location", [])) & set(b.roles.get("location", [])))
    return False


def _drop_bare_retellings(frames: list[Frame], res: Resolution) -> list[Frame]:
    """An attack told by its verb alone ("the men opened fire") stands only where its report
    places it in a town (not a state) no other attack of the report is placed in: elsewhere it
    tells again, or sums up, an attack told with more."""
    placed = {e for f in frames if f.type == "Attack" and not f.bare for e in f.roles.get("location", [])}
    out = []
    for f in frames:
        locs = f.roles.get("location", [])
        if f.bare and (not locs or set(locs) & placed or any(res.kinds.get(e) != "Location" for e in locs)):
            continue
        unplaced = next((g for g in reversed(out) if f.bare and g.type == "Attack" and not g.bare
                         and not g.filled("location") and 0 < f.sentence.index - g.sentence.index <= 2), None)
        if unplaced is not None:  # "ambushed a convoy, killing nine. The militants fired at the convoy
            unplaced.roles["location"] = list(locs)  # as it was traveling in X": the ambush, in X
            continue
        out.append(f)
    return out


def _fold_placed_attacks(frames: list[Frame], res: Resolution) -> list[Frame]:
    """Once places are refined, one attack told twice is recognised by its place: "attacked a
    barracks in X (a state or a region), killing 12 ... gunmen stormed the post in Y (a town of
    X)", or two tellings that now share a town. The later telling folds into the earlier one
    when their tolls, attackers and dates agree; the finer place wins."""
    out: list[Frame] = []
    for f in frames:
        target = None
        if f.type == "Attack" and f.modality == "asserted" and not f.distinct:
            target = next((g for g in out if _told_again(g, f, res)), None)
        elif f.type == "Capture" and f.modality == "asserted":
            target = next((g for g in out if _capture_told_again(g, f)), None)
        if target is None:
            out.append(f)
            continue
        if f.type == "Capture":
            _absorb(target, f)  # a holder guessed for one telling is not the captor the other names
            target.roles["former"] = [e for e in target.roles.get("former", []) if e not in target.roles.get("captor", [])]
            continue
        places = list(dict.fromkeys(target.roles.get("location", []) + f.roles.get("location", [])))
        _absorb(target, f)
        finest = max(specificity(e, res) for e in places)
        target.roles["location"] = [e for e in places if specificity(e, res) == finest]
    for f in out:
        if f.type == "Attack":
            _drop_coarse_locations(f, res)
    return [f for f in out if not _series_in_a_state(f, res)]


def _drop_unplaced_tallies(frames: list[Frame]) -> list[Frame]:
    """"Pakistan's army says it has killed up to 30 insurgents": an attack placed nowhere, even
    after the places of the sentences around it were tried, by an attacker whose attacks the
    report places elsewhere, is the tally of that campaign told again, no attack of its own; so is
    an attack placed nowhere, by no one named, told in the present perfect ("five people have been
    shot and killed in the south") when the report places other attacks (round 9)."""
    placed = {e for f in frames if f.type == "Attack" and f.modality == "asserted" and f.filled("location")
              for e in f.roles.get("perpetrator", [])}
    any_placed = any(f.type == "Attack" and f.modality == "asserted" and f.filled("location") for f in frames)
    return [f for f in frames if not (f.type == "Attack" and f.modality == "asserted" and not f.filled("location")
                                      and (set(f.roles.get("perpetrator", [])) & placed
                                           or any_placed and not f.filled("perpetrator") and _perfect(f.trigger)))]


def _perfect(verb: Token) -> bool:
    """"At least five people have been shot and killed in the south": the present perfect of a
    lead that sums up the attacks the report then tells one by one (round 9)."""
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                       for c in verb.children)


def _series_in_a_state(f: Frame, res: Resolution) -> bool:
    """"comes after a series of militant bombings in the country": a run of attacks across a
    whole state with no toll sums up others, it is no one attack ("a series of airstrikes on X
    that killed six" is)."""
    t = f.trigger
    if f.type != "Attack" or not f.nominal or f.quantities or t.tag_ != "NNS" or t.dep_ != "pobj" \
            or t.head.lower_ != "of" or t.head.head.lemma_.lower() not in ("series", "spate", "string", "wave"):
        return False
    return all(res.kinds.get(e) == "Country" for e in f.roles.get("location", []))


def _told_again(a: Frame, b: Frame, res: Resolution) -> bool:
    """b, told just after a, is a again: no toll, attacker or date differs, one of them gives
    the toll (or b is a noun telling it again), and b's place is a's or a town within a's state
    or region; or b is placed only in the state of a's town and gives no count a does not
    ("Two soldiers were killed ... north of X" ... "two soldiers were killed and another was
    wounded", placed in the state: round 13)."""
    if a.type == "Attack" and a.modality == b.modality and 2 < b.sentence.index - a.sentence.index <= 4 \
            and _placed_in_its_state(a, b, res):
        return True  # round 13: told again a little further on, placed only in the state of a's town
    if a.type != "Attack" or a.modality != b.modality or not 0 < b.sentence.index - a.sentence.index <= 2:
        return False  # told again within the next two sentences, or another story of the report
    if ANOTHER_ITEM.match(b.sentence.text):
        return False  # "Also on Wednesday, militants attacked ...": the next item of a round-up
    if not (_compatible_counts(a, b) and _same_side(a, b, res) and _dates_agree(a, b)):
        return False
    la, lb = a.roles.get("location", []), b.roles.get("location", [])
    if not la or not lb:
        return False
    # one telling gives the toll, or the later one is a noun ("Friday's attack in Y")
    one_toll = bool(a.quantities) != bool(b.quantities) or b.nominal
    if set(la) & set(lb):
        return one_toll
    if _placed_in_its_state(a, b, res):
        return True
    level = max(specificity(e, res) for e in la)
    within = {res.countries.get(e) for e in la} - {None}
    # a finer place of that state (or a town the gazetteer does not know, named in a report on it)
    return level < SPECIFIC and bool(within) and one_toll and all(
        specificity(e, res) > level and res.countries.get(e) in within | {None} for e in lb)


def _placed_in_its_state(a: Frame, b: Frame, res: Resolution) -> bool:
    """Round 13: b, an attack placed only in the state of a's town, gives no count a does not give
    (nor another one), names no other attacker and is dated with it: a told again ("Two soldiers
    were killed ... north of X" ... "Two soldiers from the Nth Division were killed and another was
    wounded", the state its only place). Not the next item of a round-up ("Also on Tuesday, ...")."""
    la, lb = a.roles.get("location", []), b.roles.get("location", [])
    if not la or not lb or ANOTHER_ITEM.match(b.sentence.text):
        return False
    within = {res.countries.get(e) for e in la} - {None}
    return max(specificity(e, res) for e in la) > COUNTRY and bool(within) \
        and all(specificity(e, res) == COUNTRY for e in lb) and {res.countries.get(e) for e in lb} <= within \
        and set(b.quantities) <= set(a.quantities) and _compatible_counts(a, b) and _same_side(a, b, res) \
        and _dates_agree(a, b)


def _capture_told_again(a: Frame, b: Frame) -> bool:
    """"Insurgents have taken control of X" (the news, dated by the report) and "Y took control
    of the city on Friday", or "rebels have retaken X" and "have taken back X": one capture when
    the place, the hands (a re-taking or not) and any captors agree and one telling is only
    reported as a result, with no time of its own, or names the place again by a noun ("the
    group had captured the village")."""
    if a.type != "Capture" or a.modality != b.modality or a.roles.get("place") != b.roles.get("place") \
            or not a.roles.get("place") or _retaking(a) != _retaking(b):
        return False
    ca, cb = set(a.roles.get("captor", [])), set(b.roles.get("captor", []))
    if ca and cb and ca != cb:
        return False
    return _result_only(a) or _result_only(b) or b.pointed_back  # ("had captured the village": told before)


def _result_only(f: Frame) -> bool:
    """A capture told in the present perfect ("have taken") with no time hanging on it."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in f.trigger.children)
    return not f.nominal and perfect and f.date_strength < Strength.ATTACHED


def _drop_coarse_locations(f: Frame, res: Resolution) -> None:
    """An attack "in X" (a state, or "northwestern X") and in a town of X happened in the town."""
    locs = f.roles.get("location", [])
    if len(locs) < 2:
        return
    finer = {res.countries.get(e) for e in locs if specificity(e, res) >= REGION}
    f.roles["location"] = [e for e in locs if not (specificity(e, res) in (COUNTRY, AREA) and res.countries.get(e) in finer)]
    named = [e for e in f.roles["location"] if _division_by_name(e, res)]
    if named and len(named) < len(f.roles["location"]):  # "the locality of X, in the Y department": X (round 11)
        f.roles["location"] = [e for e in f.roles["location"] if e not in named]


DIVISION_WORDS = frozenset(["department", "province", "district", "region", "state", "county", "governorate",
                            "prefecture", "division", "oblast", "municipality"])


def _division_by_name(eid: str, res: Resolution) -> bool:
    """A place the gazetteer does not list whose own name says it is a division ("the Y department"):
    coarser than a town named beside it for the same event."""
    ent = res.entities[int(eid[1:]) - 1]
    words = ent.name.lower().split()
    return not ent.attributes.get("feature_class") and len(words) > 1 and words[-1] in DIVISION_WORDS


def _most_specific_destination(f: Frame, res: Resolution) -> None:
    """A deployment "to Iraq" and "to X air base" in Iraq goes to the air base."""
    dest = f.roles.get("destination", [])
    if len(dest) < 2:
        return
    inner = {res.countries.get(d) for d in dest if res.kinds.get(d) == "Location"}
    f.roles["destination"] = [d for d in dest if not (res.kinds.get(d) == "Country" and res.countries.get(d) in inner)]


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
