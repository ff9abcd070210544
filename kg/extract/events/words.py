"""The word lists and patterns the event rules share.

Kept apart from the rules so every rule module reads the same sets; the per-event-type trigger
lexicon itself is data (``kg/data/events.yaml``, loaded by ``triggers``).
"""

from __future__ import annotations

import re


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


def noun_among(tok, words) -> bool:
    """Round 50: the noun's lemma is one of ``words``, also for a plural the tagger left unlemmatised (a capitalised
    "Militiamen", "Rebels" opening a report's body or headline, tagged a proper noun whose lemma is the word itself)."""
    low = tok.lower_
    return tok.lemma_.lower() in words or low in words or low.endswith("men") and low[:-3] + "man" in words \
        or low.endswith("s") and low[:-1] in words


def armed_word(tok) -> bool:
    """Round 50: a noun of armed people (``ARMED_NOUNS``), in any of its forms (``noun_among``)."""
    return noun_among(tok, ARMED_NOUNS)


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
CROWD_WORDS = frozenset(["hundreds", "dozens", "thousands", "scores", "tens", "some", "many", "several", "group", "band",
                         "number"])  # (round 50: "a limited number of X forces")
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
# Round 24: verbs by which a speaker names a meeting ("what he called a good meeting with X").
CALLING_VERBS = frozenset(["call", "describe", "term"])
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
#: Round 16: a passive toll told apart from its attack ("Six civilians were injured."): the verb's
#: kind of toll, and the prepositions that give the clause a cause or place of its own.
PASSIVE_TOLLS = {"kill": "fatalities", "wound": "injuries", "injure": "injuries"}
CAUSE_PREPS = frozenset(["in", "at", "near", "by", "during", "on", "outside", "after", "from", "as", "inside", "since"])
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
                            "allow", "authorize", "authorise", "permit", "force", "pressure", "push", "call",
                            "direct", "instruct", "command"])  # (round 50: "I directed X forces to deploy to Y")
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
