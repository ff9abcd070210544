"""Word lists and small span helpers more than one of the finder's mixins uses.

Trimming a span (articles, possessives, titles), the holder of an office, a place's generic
word, a person's title and affiliation from the words around the name.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from kg.extract.lexicon import ActorEntry
from kg.extract.nlp import Sentence

from kg.extract.mentions.resources import Resources


PLACE_NOUNS = {"town", "city", "village", "province", "district", "region", "governorate",
               "capital", "area", "state", "county", "port", "neighbourhood", "neighborhood",
               "suburb", "enclave", "municipality", "outskirts", "island"}
LOCATIVE_PREPS = {"in", "near", "at", "outside", "into", "toward", "towards", "from", "to",
                  "across", "around", "inside", "within", "through"}

DIRECTIONS = {"southern", "northern", "eastern", "western", "central", "south", "north", "east",
              "west", "northeastern", "northwestern", "southeastern", "southwestern", "upper",
              "lower"}

_COMBATANT_NOUNS = frozenset(["rebel", "fighter", "militant", "insurgent", "jihadist", "militia",
                              "separatist", "gunman", "raider", "herder", "vigilante",
                              # people and their days named by an ethnic or religious word ("the X
                              # minority", "X pilgrims", "the X holiday"): no place, person or body
                              "minority", "majority", "tribe", "clan", "community", "pilgrim", "population",
                              "holiday", "festival", "muslim", "christian", "villager", "refugee",
                              "rebellion", "uprising", "insurgency", "language", "militiamen"])
# Words for people that a people's name may modify ("a X man", "X villagers"): the name is no place.
_PEOPLE_NOUNS = frozenset(["man", "men", "woman", "women", "boy", "girl", "people", "family", "families", "civilian",
                           "civilians", "villager", "villagers", "tribesman", "tribesmen", "household"])

FACILITY_HEADS = ["base", "airbase", "airfield", "airport", "barracks", "camp", "garrison",
                  "outpost", "air base"]


# Words after a name that make it a division of a state: "X state", "Y province" (a state's name
# before them names the division, not that state: "X state" named after the state X lies in another state).
#: divisions named "the X of Y" in lower case ("the department of Y", "the commune of Z"); written
#: with a capital ("the Department of Z") the same word heads a body's name
_LOWER_DIVISIONS = frozenset(["department", "commune", "canton", "prefecture", "sub-prefecture", "municipality",
                              "governorate", "emirate", "cercle", "agency"])  # ("the tribal agency of Y")
#: a place's last word that NER takes for part of a person's or body's name ("X State", "Y Cantonment")
_NAMED_PLACE_HEADS = frozenset(["state", "province", "region", "district", "governorate", "oblast", "county",
                                "prefecture", "cantonment"])
_DIVISION_WORDS = frozenset(["state", "province", "region", "district", "governorate", "oblast", "county",
                             "prefecture"])


def _subdivision(ent: Span) -> Optional[Span]:
    """The name with its division word ("in X state", "Y Province"), when that word ends the
    phrase (not "X state media") and no "a" makes it some division of X ("a southern X district")."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in _DIVISION_WORDS or not _heads_phrase(doc[ent.end]):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in doc[ent.end].children):
        return None
    return doc[ent.start:ent.end + 1]


def _heads_phrase(tok: Token) -> bool:
    """The noun ends its phrase: no noun or hyphen after it ("the X government said", not "X
    government forces", "a X government-run camp")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN") or nxt.text in ("-", "–"))


def _is_headline(sent: Sentence) -> bool:
    """The first sentence with no final stop: a headline, often in Title Case."""
    return sent.index == 0 and not sent.text.rstrip().endswith((".", "!", "?", '"', "”"))


def _after_place_noun(run: Span) -> bool:
    """"the Yemeni capital X", "the port city X", "the camp at X"."""
    doc = run.doc
    prev = doc[run.start - 1] if run.start > 0 else None
    if prev is not None and prev.pos_ == "NOUN" and prev.lemma_.lower() in PLACE_NOUNS | {"camp", "base", "port"}:
        return True
    return (run.start >= 2 and prev is not None and prev.lower_ in ("at", "in", "near")
            and doc[run.start - 2].lemma_.lower() in PLACE_NOUNS | {"camp", "base", "port", "checkpoint", "post"})


def _claim_entry(span: Span, entry: ActorEntry, claim, bare: Optional[str] = None) -> None:
    extra = {"bare": bare} if bare and bare != span.text else {}  # the name without "rebels"
    if entry.type == "ArmedForce" and entry.country and (entry.subtype or "").startswith("national"):
        # A state's national forces are the same thing as "Iraqi forces": one entity.
        claim(span, "ArmedForce", None, entry=entry, country=entry.country, national=True, **extra)
    else:
        claim(span, entry.type, entry.subtype, entry=entry, **extra)


def _adjectival(s: Span) -> bool:
    """"US military support": a force word used as a modifier names no force. Not "army" (round 26):
    "X army positions", "Y army bulldozers", "Z army brigades" are the army's, and name it."""
    last = s[-1]
    return (last.lower_ in ("military", "police", "forces", "navy") and last.i + 1 < len(last.doc)
            and last.nbor(1).pos_ in ("NOUN",) and last.nbor(1).dep_ != "appos" and last.dep_ in ("compound", "amod", "nmod")
            and last.nbor(1).lemma_.lower() not in _WEAPON_NOUNS | _MEMBER_NOUNS | _FIGHTER_NOUNS
            and not (last.lower_ == "police" and last.nbor(1).lemma_.lower() in _SPOKESMEN))


# "400 Xian police officers arrived", "Y army personnel": the force's own people name the force (a
# state force, as "Xian police" does), not a modifier of something else; so does "a Xian police
# spokesman" (not "a Y military spokesman": the military's speakers are read as the state's)
_MEMBER_NOUNS = frozenset(["officer", "agent", "personnel", "constable", "trooper", "recruit"])
_SPOKESMEN = frozenset(["spokesman", "spokeswoman", "spokesperson"])
# "the X Support Forces militia", "Y Democratic Forces fighters": a group's name before its fighters' noun names
# the group (round 32; "X forces" as a modifier of anything else stays an adjective)
_FIGHTER_NOUNS = frozenset(["militia", "fighter", "rebel", "militant", "militiaman", "guerrilla", "insurgent",
                            "combatant"])


# "X army drones struck ...": the force that fires its weapons is named, not used as an adjective.
_WEAPON_NOUNS = frozenset(["drone", "aircraft", "jet", "warplane", "helicopter", "gunship", "artillery", "tank",
                           "plane", "fighter", "sniper", "unit", "patrol", "troop", "soldier", "commando"])


def _trim(s: Span) -> Optional[Span]:
    while len(s) and (s[0].lower_ in ("the", "a", "an") or s[0].is_punct):
        s = s[1:]
    while len(s) and (s[-1].is_punct or s[-1].lower_ in ("'s", "'", "’s")):
        s = s[:-1]
    return s if len(s) else None


_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def _strip_the(text: str) -> str:
    return _LEADING_THE.sub("", text).strip()


def _strip_possessive(text: str) -> str:
    return _TRAILING_POSSESSIVE.sub("", text).strip()


def _rank_length(ent: Span, res: Resources) -> int:
    """The number of tokens of a rank spelled out ("Junior Sergeant", titles.yaml ranks) opening ``ent``
    before a capitalised word (the rank perhaps begun before it), else 0."""
    doc = ent.doc
    for rank in res.ranks:
        n = len(rank)
        for k in range(n, 0, -1):  # (NER may leave the rank's first words out: "Warrant | Officer X Y")
            if len(ent) > k and ent.start >= n - k and tuple(t.text for t in doc[ent.start - (n - k):ent.start + k]) == rank \
                    and ent[k].text[:1].isupper():
                return k
    return 0


def _strip_titles(ent: Span, res: Resources) -> Optional[Span]:
    n = _rank_length(ent, res) if res.ranks else 0
    if n:
        ent = ent[n:]  # "Junior Sergeant X Y": the rank, read whole (its words alone are no title)
    while len(ent) and (ent[0].text in res.honorifics or ent[0].text.lower().strip(".") in res.title_words
                        or ent[0].text in ("By", "BY")):  # a byline NER ran into the name
        if len(ent) >= 2 and ent[1].lower_ in res.org_heads and ent[0].text not in res.honorifics and not (
                ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("'s", "’s")
                and ent[1].lower_ not in res.state_body_heads):
            break  # "State Department", "Defense Ministry": a body, not a title (but "X's Defence
            # Department" is the body of the state X, told with it; "X's Defence Ministry" is a body)
        ent = ent[1:]
    if len(ent) > 2 and ent[0].lower_ in ("for", "of"):
        # "[Under Secretary] of State for Political Affairs Jane Roe": the title goes on to its
        # last department word; the name is what follows it.
        start = ent.end
        while start > ent.start and ent.doc[start - 1].text[:1].isupper() and \
                ent.doc[start - 1].lower_ not in res.title_complements and ent.doc[start - 1].lower_ not in res.org_heads:
            start -= 1
        ent = ent.doc[start:ent.end] if start > ent.start and ent.end - start <= 4 else ent
    ent = _holder_after_office(ent, res) if len(ent) else ent
    ent = _trim(ent) if len(ent) else None
    if ent is None or not any(t.text[:1].isupper() for t in ent):
        return None
    return ent


def _holder_after_office(ent: Span, res: Resources) -> Span:
    """"Acting Chief X Spokesperson Jane Q. Roe", "Deputy Y Governor John Doe": a title that names
    its office's body or place between its words runs into the holder's name; the name is what
    follows the title's last head word ("Spokesperson", "Governor"), when only capitalised words
    stand before that word and a name of one to four capitalised words after it."""
    heads = res.title_heads
    last = None
    for k, t in enumerate(ent[:-1]):
        if not t.text[:1].isupper():
            return ent  # "Director of X": a title with its complement is another rule's
        if t.text in heads:
            last = k
    if last is None or last == 0:
        return ent  # (a title first is stripped by the caller)
    if not all(_office_word(t, res) for t in ent[:last]):
        return ent  # "X Sheikh Y": a person's name with a title word inside it
    name = ent[last + 1:]
    if not 1 <= len(name) <= 4 or not all(t.text[:1].isupper() for t in name):
        return ent
    return name


def _office_word(t: Token, res: Resources, places: bool = True) -> bool:
    """A word of an office's title: a title word, "Acting", a seat of government (titles.yaml "seats"), a
    state or its adjective, a body's word ("Ministry") or an actor of the lexicon ("NATO")."""
    w = t.text.lower().strip(".")
    return (w in res.title_words or w in _TITLE_MODIFIERS or w in res.seats or w in res.org_heads
            or res.gazetteer.country(t.text) is not None or res.lexicon.match(t.text) is not None
            or places and res.gazetteer.region(t.text) is not None)  # ("X Governor Jane Roe": the region's)


_BUILDING_HEADS = frozenset(["embassy", "hotel", "mosque", "church", "temple", "shrine", "market", "hospital",
                             "palace", "prison", "stadium", "airport", "school", "cathedral", "mall", "consulate",
                             "museum", "building", "bar", "restaurant", "cafe", "café"])


def _after_locative(ent: Span) -> bool:
    """"at the X", "in Y": the name follows a locative preposition."""
    i = ent.start - 1
    if i >= 0 and ent.doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and ent.doc[i].text in ("'s", "’s"):  # "at X's Y": the possessor's one to three words
        j = i - 1
        while j > i - 4 and j >= 0 and ent.doc[j].text[:1].isupper():
            j -= 1
        i = j if j < i - 1 else i
    return i >= 0 and ent.doc[i].lower_ in LOCATIVE_PREPS


def _with_place_suffix(ent: Span, res: Resources) -> Span:
    """"X province", "the X river": the generic word after a place name is part of it."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in res.place_suffixes and not any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in doc[ent.end].children):
        return doc[ent.start:ent.end + 1]  # (not "a southern X district": some district of X)
    return ent


#: bodies named by what they study or watch: "the X Centre for Y Studies", "the Z Institute of W"
_STUDY_HEADS = frozenset(["centre", "center", "institute", "institution", "observatory", "foundation", "council"])


def _modifies_combatants(ent: Span, res: Resources) -> bool:
    """"Tuareg rebels", "Hausa fighters": a name used as a modifier of fighters names no place."""
    root = ent.root
    head = root.head
    noun = head.lower_[:-1] if head.lower_.endswith("s") else head.lower_  # "Rebels" in a headline
    return (root.dep_ in ("compound", "amod", "nmod") and head.i == ent.end and head.i != root.i
            and (head.lower_ in res.force_nouns or head.lemma_.lower() in _COMBATANT_NOUNS or noun in _COMBATANT_NOUNS))


_TITLE_MODIFIERS = frozenset(["deputy", "vice", "acting", "former", "interim", "senior", "top", "chief", "assistant"])
_COMMON_ACTORS = frozenset(["rebels", "militants", "insurgents", "jihadists", "gunmen", "troops", "soldiers",
                            "forces", "separatists", "fighters", "militias", "terrorists", "extremists", "guerrillas"])


def _only_a_title(ent: Span, res: Resources) -> bool:
    """A span of state names or adjectives and title words only ("U.S. President", "Sri Lankan
    President", "Deputy Foreign Minister"): a title whose holder is named elsewhere, or not at all."""
    words = [t for t in ent if t.is_alpha or t.text.endswith(".")]
    if not words or words[-1].text.lower().strip(".") not in res.title_words:
        return False
    if len(words) >= 2 and words[-1].lower_ in _DIVISION_WORDS and words[-2].lower_.strip(".") not in res.title_words:
        return False  # "X state": a division, not "Secretary of State"
    prefix = []
    for t in words:
        w = t.text.lower().strip(".")
        if w in res.title_words or w in _TITLE_MODIFIERS:
            if prefix:
                break
            continue
        prefix.append(t)
    rest = words[len(prefix):] if prefix and words[0] is prefix[0] else words
    if not all(t.text.lower().strip(".") in res.title_words or t.text.lower() in _TITLE_MODIFIERS for t in rest):
        return False
    text = " ".join(t.text for t in prefix)
    return not prefix or res.gazetteer.country(text) is not None or res.gazetteer.country(text.replace(".", "")) is not None


def _state_then_name(ent: Span, res: Resources) -> Optional[tuple[Span, Span]]:
    """A span that opens with a state's name and goes on with a person's full name, right after an
    office "of" or "to" ("Minister of Defence of X Jane Roe", "the Ambassador of Y to the X Jane Roe";
    round 27: "the" may open the span): the state, and the holder's name. The name's words are no
    body's, unit's or title's words ("to the X Army Corps" is a body)."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ not in ("of", "to"):
        return None
    first = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    for k in (1, 2, 3):
        if k > ent.end - first - 2:
            break
        state = Span(doc, first, first + k)
        country = res.gazetteer.country(state.text)
        if country is not None and not _is_demonym(state.text, country):
            name = Span(doc, first + k, ent.end)
            if all(t.text[:1].isupper() and t.is_alpha and t.lower_ not in res.org_heads
                   and t.lower_ not in res.unit_heads and t.text.lower().strip(".") not in res.title_words
                   for t in name) \
                    and res.gazetteer.lookup(name.text) is None and res.lexicon.match(name.text) is None:
                return state, name
            return None
    return None


def _holder_in_apposition(ent: Span, res: Resources) -> bool:
    """A one-word name in apposition after a capitalised title ("Emirati X Commander, Y, and ..."):
    the title's holder, whatever NER calls the name."""
    root = ent.root
    return len(ent) == 1 and ent[0].is_title and root.dep_ == "appos" and root.head.i < ent.start \
        and root.head.text in res.title_heads and res.gazetteer.country(ent.text) is None


def _is_demonym(text: str, country) -> bool:
    t = _strip_the(text)
    return t in country.demonyms and t != country.name and t not in country.aliases


def _states_pair(ent: Span, res: Resources) -> bool:
    """"U.S.-Colombia", "X-Y": states joined by a hyphen, as in "the U.S.-Colombia relationship"."""
    parts = [p.strip() for p in _strip_the(ent.text).split("-")]
    return len(parts) >= 2 and all(p and res.gazetteer.country(p) for p in parts) \
        and res.gazetteer.country(_strip_the(ent.text)) is None  # (not one hyphenated state name: "Timor-Leste")


#: a capitalised word joined by a hyphen (or an en dash) to a capitalised word after it, no spaces
_HYPHEN_JOIN = re.compile(r"(?<=[\w.])[-\u2013](?=[A-Z])")


def _state_pair_parts(sent, gazetteer) -> list[tuple[tuple[int, int], object, bool]]:
    """States joined by a hyphen ("U.S.-Xland", "Xland-Yland", "U.S.-New Zealand"): for each state of
    such a pair written out by its name, its characters in the paragraph's Doc, the state, and whether
    it is the second one. Each side is a state's name of one to three words, not its adjective
    ("Xian-Yian" names no state here) nor the name of one state written with a hyphen;
    an abbreviation ("U.S.", "UK") stays a modifier (the golds list it at times only, as in round 29)."""
    text = sent.text
    base = sent.span.start_char
    out = []
    for m in _HYPHEN_JOIN.finditer(text):
        h = m.start()
        left = _state_words(text[:h].split(" ")[-3:], gazetteer, from_end=True)
        right = _state_words(text[h + 1:].split(" ", 3)[:3], gazetteer, from_end=False)
        if left is None or right is None or left[1].code == right[1].code:
            continue
        if gazetteer.country(text[h - len(left[0]):h + 1 + len(right[0])]) is not None:
            continue  # one state's hyphenated name
        for (start, end), (written, state), second in (((h - len(left[0]), h), left, False),
                                                        ((h + 1, h + 1 + len(right[0])), right, True)):
            if "." not in written and not written.isupper():  # ("U.S.", "UK": listed at times only, round 29)
                out.append(((base + start, base + end), state, second))
    return out


def _state_words(words: list[str], gazetteer, from_end: bool):
    """The longest run of ``words`` next to the hyphen (its last words if ``from_end``, else its first)
    that is a state's name, not its adjective: (text, state), or None."""
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        part = words[-n:] if from_end else words[:n]
        text = " ".join(part)
        text = text.lstrip("(\"'“‘") if from_end else re.sub(r"(?:'s|’s|[,;:)\"'”’])+$", "", text)
        if not text or not all(w[:1].isupper() for w in text.split(" ")) or "-" in text or "\u2013" in text:
            continue
        state = gazetteer.country(text)
        if state is None and not from_end and text.endswith("."):
            text = text[:-1]  # ("... the Xland-Yland." ends a sentence; "U.S." keeps its stop)
            state = gazetteer.country(text)
        if state is not None and not _is_demonym(text, state):
            return text, state
    return None


def _state_span(doc, a: int, title_char: int, words: str) -> Optional[tuple[int, int]]:
    """The tokens of ``words`` right before the title that starts ``title_char`` characters after token
    ``a``: (start, end), or None when the tokens are not those words."""
    base = doc[a].idx
    ti = next((t.i for t in doc[a:] if t.idx - base == title_char), None)
    if ti is None:
        return None
    for n in (1, 2, 3):
        if ti - n >= a and doc[ti - n:ti].text == words:
            return (ti - n, ti)
    return None


_TITLE_OF = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){0,2}(?P<last>[A-Z][\w.]*)\s+$")


def _person_context(ent: Span, sent: Sentence, res: Resources) -> dict:
    """Title and affiliation from the words around a name."""
    hint: dict = {}
    doc = ent.doc
    left = doc[max(sent.span.start, ent.start - 8):ent.start].text + " "
    m = res.title_before.search(left)
    if m is None:  # "Xland Minister of National Defense Y": the title's complement after "of" (round 32)
        cut = _TITLE_OF.search(left)
        if cut is not None and cut.group("last").lower() in res.title_complements:
            m = res.title_before.search(left[:cut.start()] + " ")
    if m:
        hint["title"] = m.group("title").strip()
        before = left[:m.start("title")].split()
        for n in (2, 1):
            words = " ".join(before[-n:]) if len(before) >= n else ""
            country = res.gazetteer.country(words) if words else None
            if country is not None:
                hint["country"] = country.code
                written = words.lstrip("-–—•*( ")  # ("- Xland President Y": a list's dash)
                span = _state_span(doc, max(sent.span.start, ent.start - 8), m.start("title"), written)
                if span is not None and (written == country.name or written in country.aliases
                                         and "." not in written and not written.isupper()):
                    hint["state_span"] = span  # "Xland President Y": the state written out (round 29)
                break
            entry = res.lexicon.match(words) if words else None
            if entry is not None and entry.type == "Organization":
                hint["org_text"] = entry.name
                break
    right = doc[ent.end:min(sent.span.end, ent.end + 12)].text
    m2 = re.match(r"^,\s+(?:a|an|the)\s+(?P<title>[a-z][a-z\- ]{2,40}?)\s+(?:at|of|for|with)\s+(?:the\s+)?(?P<org>[A-Z][\w\- ]+)", right)
    if m2 and "title" not in hint:
        hint["title"] = m2.group("title")
        hint["org_text"] = m2.group("org")
    if ent.start > 0 and doc[ent.start - 1].text in res.honorifics:
        hint["honorific"] = True  # "Mr. X": a person's name, said alone
    if ent.start > 0 and doc[ent.start - 1].lower_ in ("'s", "’s"):
        j = ent.start - 2
        while j > sent.span.start and doc[j - 1].text[:1].isupper():
            j -= 1
        hint["org_text"] = doc[j:ent.start - 1].text
    return hint
