"""The most specific place of an event, read beyond the trigger's clause.

Reports often name only the country or province in the sentence that tells an event and the
town, village or base in another one: "In X, militants killed 12 soldiers ... they infiltrated
an army camp on the outskirts of Y", or "The attacks all took place near Y. One soldier was
killed when a bomb exploded". The parse of the trigger's clause cannot see that, so:

- before tellings are merged (:func:`fill_places`), a toll with no place takes the place its
  report names nearby, so that "killed 16 there" joins the attack on the town told before;
- after merging (:func:`refine_places`), an attack with no place takes the most specific place
  of its own sentence, else of the nearest of the two sentences before, else of the next
  sentence when it points back to the attack ("the convoy", "the ambush"); a meeting with no place
  takes the most specific place of its sentence ("met ... today in X"), else the town of one of
  the two sentences before; an attack or a capture placed only in a state or a region takes a
  finer place of the same state named in its sentence, or in one of the two after it that tells
  no other event. Deployments keep their stated destination: the sentences after an
  announcement tell where it was made, or what the troops are for.

A place given as a bearing ("50 km north of Y") is the event's place only when its sentence names
no other; a border's neighbours ("near the borders with Y and Z"), a dateline ("CITY, Country --"),
an attribution ("officials in Y said"), a modifier ("a U.S. soldier") and a destination of travel
("fled to Y after the attack") never are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional, Protocol

from spacy.tokens import Span, Token

from kg.extract.nlp import Sentence
from kg.extract.resolve import Resolution

COUNTRY, AREA, REGION, SPECIFIC = 0, 1, 2, 3
BEARINGS = frozenset(["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                      "northern", "southern", "eastern", "western", "outside"])
DISTANCES = frozenset(["km", "kilometers", "kilometres", "miles", "mi", "meters", "metres", "yards"])
DASHES = ("—", "–", "--", "-")
SPEECH_VERBS = frozenset(["say", "tell", "report", "announce", "confirm", "claim", "add", "state", "told", "said"])
ROLE_OF = {"Attack": "location", "Meeting": "location", "Capture": "place"}
EVENTS_WITH_PLACES = ("Attack", "Capture", "Deployment")
# Definite nouns by which the next sentence points back to an attack ("the ambush", "the convoy").
TOLD_AGAIN_NOUNS = frozenset(["attack", "ambush", "assault", "raid", "bombing", "blast", "explosion", "strike",
                              "airstrike", "shelling", "massacre"])


class FrameLike(Protocol):
    type: str
    trigger: Token
    sentence: Sentence
    roles: dict[str, list[str]]


def specificity(eid: str, res: Resolution) -> int:
    """Country 0; an unlisted area of a state ("southern X") 1; an administrative division or a
    listed area 2; any other place 3."""
    kind = res.kinds.get(eid)
    if kind == "Country":
        return COUNTRY
    if kind != "Location":
        return -1
    entity = res.entities[int(eid[1:]) - 1]
    if entity.attributes.get("unlisted_in"):
        return SPECIFIC  # a town the gazetteer lacks, in the area the text puts it in (resolve._unlisted_in_area)
    feature = entity.attributes.get("feature_class")
    if feature == "A" or feature == "L" and entity.links.get("geonames"):
        return REGION
    if feature == "L":
        return AREA  # "southern X", a world region: no listed division
    return SPECIFIC


def body_start(span: Span) -> int:
    """First token after a dateline ("CITY, Country --"): the dateline names no event's place."""
    for t in span[:12]:
        if t.text in DASHES and t.i > span.start:
            if t.text == "-" and not t.doc[t.i - 1].whitespace_:
                continue  # "an explosives-laden car": a hyphen inside a word
            words = [w for w in span[:t.i - span.start] if w.is_alpha]
            if words and words[0].is_upper and len(words[0]) > 1:  # ("A suicide bomber ..." is no dateline)
                return t.i + 1
            break
    dateline = title_dateline(span)
    return dateline[2] if dateline is not None else span.start


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DATELINE_DASHES = ("—", "–", "--")


def title_dateline(span: Span) -> Optional[tuple[Span, Span, int]]:
    """A dateline in title case at the start of ``span``: "Xville, Country —", "Xville, Country
    (Outlet) -", "Xville, 11 September 2023 -". Returns the place's words, the words after the comma
    (a state, a region or a date) and the first token of the lead, or None.

    Told from a sentence's first words by its shape alone: one to three capitalised words, a comma,
    one to four capitalised words or a date's words, an outlet in brackets at most, then a dash
    (spaced, when it is a hyphen). The ALL-CAPS form is :func:`body_start`'s older rule. Read as a
    sentence, "Xville, Country — Yian missiles struck ..." made "Xville" the subject and the state
    in apposition to it an event's agent."""
    doc, i, end = span.doc, span.start, min(span.end, span.start + 16)
    j = i
    while j < end and j - i < 3 and _name_word(doc[j]):
        j += 1
    if j == i or j >= end or doc[j].text != ",":
        return None
    comma = j
    k = comma + 1
    dated = False
    while k < end and k - comma <= 5 and (_name_word(doc[k]) or _date_word(doc[k])):
        dated = dated or _date_word(doc[k]) and not doc[k].text[:1].isupper() or doc[k].lower_.rstrip(".") in _MONTHS
        k += 1
    if k == comma + 1 or k >= end:
        return None
    where_end = k
    if doc[k].text == "(":  # "(Outlet)"
        close = next((t.i for t in doc[k + 1:min(end, k + 7)] if t.text == ")"), None)
        if close is None:
            return None
        k = close + 1
    if k >= end or not (doc[k].text in _DATELINE_DASHES or doc[k].text == "-" and doc[k].whitespace_
                        and doc[k - 1].whitespace_):
        return None
    if dated and not any(t.like_num for t in doc[comma + 1:where_end]):
        return None  # (a month's name needs its day)
    return doc[i:comma], doc[comma + 1:where_end], k + 1


def _name_word(t: Token) -> bool:
    """A word of a place's name in title case or capitals ("Xville", "Port-au-X", "St.")."""
    return t.text[:1].isupper() and (t.is_alpha or t.text.endswith(".") and t.text[:-1].isalpha()
                                     or re.fullmatch(r"[A-Za-z]+['’][A-Za-z]+", t.text) is not None) \
        or t.text in ("-", "'") and not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_


def _date_word(t: Token) -> bool:
    return t.like_num or t.lower_.rstrip(".") in _MONTHS or t.text in (",", ".")


def _is_bearing(tok: Token) -> bool:
    """"50 km north of Y", "40 miles from Y", "outside of Y": Y is a reference point."""
    doc = tok.doc
    if _on_border(tok):
        return True  # "a region bordering Y", "near the border with Y", "the borders with Y and Z"
    if tok.i >= 2 and doc[tok.i - 1].lower_ == "from" and doc[tok.i - 2].lower_ in DISTANCES:
        return True  # "40 miles from Y"
    return tok.i >= 2 and doc[tok.i - 1].lower_ == "of" and doc[tok.i - 2].lower_ in BEARINGS


BORDER_WORDS = frozenset(["border", "frontier", "boundary"])


def _on_border(tok: Token) -> bool:
    """"near the border with Y", "the borders with Y and Z", "bordering Y": a border phrase names
    the neighbours as bearings, never the event's place. The second of two coordinated states hangs
    on the first ("with Y and Z"), so a conjunct is read through the name it is coordinated with."""
    t = tok
    while t.dep_ in ("compound", "flat", "conj") and t.head.i != t.i:
        t = t.head
    head = t.head
    if head.lemma_.lower() in BORDER_WORDS:  # (also the verb: "bordering Y")
        return True
    return t.dep_ == "pobj" and head.lower_ in ("with", "between") and head.head.lemma_.lower() in BORDER_WORDS


def _origin(tok: Token) -> bool:
    """"crossed the border from Y", "fled from Y", "rockets fired from Y": where someone came from."""
    t = tok
    while t.dep_ in ("compound", "flat") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() == "direction":
        t = t.head.head  # "arrived from the direction of Y"
    return t.dep_ == "pobj" and t.head.lower_ == "from" and t.head.head.pos_ == "VERB"


CARE_NOUNS = frozenset(["hospital", "clinic", "morgue", "mortuary", "infirmary"])


def _care(tok: Token) -> bool:
    """"died in hospital in Y", "were taken to a clinic in Y": where the wounded were treated."""
    t = tok
    while t.dep_ in ("compound", "flat") and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj" or t.head.dep_ != "prep":
        return False
    holder = t.head.head  # "a clinic in Y"; or "died in hospital in Y", both phrases on the verb
    return holder.lemma_.lower() in CARE_NOUNS or any(
        c.dep_ == "prep" and any(o.dep_ == "pobj" and o.lemma_.lower() in CARE_NOUNS for o in c.children)
        for c in holder.children)


def _in_attribution(tok: Token) -> bool:
    """"officials in Y said", "told reporters in Y": where a source spoke, not where it happened."""
    t = tok
    for _ in range(6):
        if t.dep_ in ("nsubj", "dative", "dobj") and t.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _modifier(tok: Token, kind: Optional[str]) -> bool:
    """"a U.S. soldier", "Y's president": a state named as a modifier says whose, not where."""
    return kind == "Country" and tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head.pos_ in ("NOUN", "PROPN")


def places_in(sent: Sentence, res: Resolution, bearings: bool = False) -> list[tuple[str, int]]:
    """Place entities of a sentence in order (entity id, token index), each once. With
    ``bearings``, only the reference points of bearings ("30 km south of Y", "north of Y"): the
    places of last resort (:func:`_bearing_place`)."""
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for tok in sent.span[body_start(sent.span) - sent.span.start:]:
        eid = res.entity_at(tok)
        if eid is None or eid in seen or res.kinds.get(eid) not in ("Location", "Country") \
                or _is_bearing(tok) != bearings or bearings and _on_border(tok) \
                or _in_attribution(tok) or _modifier(tok, res.kinds.get(eid)) or _origin(tok) or _care(tok):
            continue
        seen.add(eid)
        out.append((eid, tok.i))
    return out


def fill_places(frames: list[FrameLike], sentences: list[Sentence], res: Resolution) -> None:
    """Before tellings are merged: an attack with no place of its own takes the one its report
    names nearby ("... attacked the town of X. Residents said the fighters killed 16 there"),
    so that two tellings of one attack can be recognised as one."""
    by_index = {s.index: s for s in sentences}
    attacks_in: dict[int, int] = {}
    for f in frames:
        if f.type == "Attack":
            attacks_in[f.sentence.index] = attacks_in.get(f.sentence.index, 0) + 1
    for f in frames:
        if attacks_in.get(f.sentence.index, 0) > 1:
            continue  # another telling in the sentence: the two are folded into one later
        if f.type == "Attack" and not f.roles.get("location") and getattr(f, "quantities", None) \
                and not getattr(f, "anaphoric", False) and f.sentence.index > 0:
            # (a toll it tells, else no event; a definite telling joins the attack told before it)
            taken = {e for ids in f.roles.values() for e in ids}
            place = _own_or_before(f, by_index, res, taken)
            if place is not None:
                f.roles["location"] = [place]


def refine_places(frames: list[FrameLike], sentences: list[Sentence], res: Resolution) -> None:
    """Give each attack the most specific place its report names nearby."""
    by_index = {s.index: s for s in sentences}
    busy: dict = {}  # sentence index (and (index, type)) -> frames with a place told there
    for f in frames:
        if f.type in EVENTS_WITH_PLACES:
            busy[f.sentence.index] = busy.get(f.sentence.index, 0) + 1
            busy[(f.sentence.index, f.type)] = busy.get((f.sentence.index, f.type), 0) + 1
    for f in frames:
        role = ROLE_OF.get(f.type)
        if role is None:
            continue
        taken = {e for r, ids in f.roles.items() if r != role for e in ids}
        current = f.roles.get(role, [])
        if not current and f.type == "Meeting":
            place = _own_place(f, res, taken) or _town_before(f, by_index, res, taken)
            if place is not None:
                f.roles[role] = [place]
        elif not current and f.type == "Attack":
            place = _own_or_before(f, by_index, res, taken) or _told_next(f, by_index, busy, res, taken)
            if place is not None:
                f.roles[role] = [place]
        elif current:
            finer = _finer(f, current, by_index, busy, res, taken)
            if finer is not None:
                f.roles[role] = [finer]


def _own_place(f: FrameLike, res: Resolution, taken: set[str]) -> Optional[str]:
    """The most specific place of the frame's own sentence (nearest the trigger on a tie); when it
    names none, the reference point of a bearing in it (:func:`_bearing_place`)."""
    own = [(e, i) for e, i in places_in(f.sentence, res) if e not in taken]
    if not own:
        return _bearing_place(f, res, taken)
    best = max(specificity(e, res) for e, _ in own)
    return min((abs(i - f.trigger.i), e) for e, i in own if specificity(e, res) == best)[1]


def _bearing_place(f: FrameLike, res: Resolution, taken: set[str]) -> Optional[str]:
    """"a village 30 km south of Y was attacked", "fighting north of Y": when the sentence names no
    other place, the event is placed at Y, the most specific place it names (the annotation
    guidelines' rule). A country is no reference point ("north of X" for a state is a region the
    sentence does not name), nor a border ("near the border with Y")."""
    points = [(e, i) for e, i in places_in(f.sentence, res, bearings=True)
              if e not in taken and specificity(e, res) > COUNTRY]
    if not points:
        return None
    return min((abs(i - f.trigger.i), e) for e, i in points)[1]


def _town_before(f: FrameLike, by_index: dict[int, Sentence], res: Resolution, taken: set[str]) -> Optional[str]:
    """The town the sentence before names ("X extended her stay in Y. Z finally met X")."""
    for back in (1, 2):
        sent = by_index.get(f.sentence.index - back)
        if sent is None:
            return None
        towns = [e for e, _ in places_in(sent, res) if e not in taken and specificity(e, res) == SPECIFIC
                 and _populated(e, res)]  # a town, not a cemetery or a palace visited before
        if towns:
            return towns[0]
    return None


def _populated(eid: str, res: Resolution) -> bool:
    ent = next((e for e in res.entities if e.id == eid), None)
    # (a town the gazetteer lacks, in the area the text puts it in: resolve._unlisted_in_area)
    return ent is not None and (ent.attributes.get("feature_class") == "P" or bool(ent.attributes.get("unlisted_in")))


def _own_or_before(f: FrameLike, by_index: dict[int, Sentence], res: Resolution,
                   taken: set[str]) -> Optional[str]:
    own = _own_place(f, res, taken)
    if own is not None:
        return own
    for back in (1, 2):
        sent = by_index.get(f.sentence.index - back)
        if sent is None or sent.index == 0:
            return None  # not the headline: its places are the whole story's
        found = [e for e, _ in places_in(sent, res) if e not in taken]
        if found:
            best = max(specificity(e, res) for e in found)
            return next(e for e in found if specificity(e, res) == best)
    return None


def _told_next(f: FrameLike, by_index: dict[int, Sentence], busy: dict[int, int], res: Resolution,
               taken: set[str]) -> Optional[str]:
    """"Militants ambushed a convoy, killing nine. They fired at the convoy as it was traveling in
    X": the next sentence, telling no event of its own, points back to the attack ("the convoy",
    "the ambush") and names its place."""
    sent = by_index.get(f.sentence.index + 1)
    if sent is None or busy.get(sent.index):
        return None
    heads = {f.trigger.lemma_.lower()} | TOLD_AGAIN_NOUNS | {
        c.lemma_.lower() for c in f.trigger.children if c.dep_ in ("dobj", "nsubjpass")}
    if not any(t.lemma_.lower() in heads and t.pos_ == "NOUN" and any(
            d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in t.children) for t in sent.span):
        return None
    found = [e for e, _ in places_in(sent, res) if e not in taken]
    if not found:
        return None
    best = max(specificity(e, res) for e in found)
    return next(e for e in found if specificity(e, res) == best)


def _finer(f: FrameLike, current: list[str], by_index: dict[int, Sentence], busy: dict[int, int],
           res: Resolution, taken: set[str]) -> Optional[str]:
    """A place finer than the frame's and in the same country, in its sentence or just after."""
    level = max(specificity(e, res) for e in current)
    if level >= SPECIFIC:
        return None
    countries = {res.countries.get(e) for e in current} - {None}
    if not countries:
        return None

    def candidates(sent: Sentence) -> Iterable[str]:
        for e, i in places_in(sent, res):
            if e not in taken and e not in current and specificity(e, res) > level \
                    and res.countries.get(e) in countries and _inside(e, current, res) \
                    and not _destination(sent.span.doc[i]):
                yield e

    own = list(candidates(f.sentence))
    if own:
        return own[0]
    for ahead in (1, 2):
        sent = by_index.get(f.sentence.index + ahead)
        if sent is None or _new_topic(sent):
            return None
        same = [e for e in _same_place(sent, res) if e in set(candidates(sent))]
        if same:
            return same[0]  # "... in the same province of Y": Y was the place of the event before too
        if busy.get((sent.index, f.type)) or f.type != "Capture" and busy.get(sent.index):
            return None  # that sentence tells an event of its own (an assault on the town a capture took is not)
        found = list(candidates(sent))
        if found:
            return found[0]
    return None


#: First words of a sentence that turns to another matter ("Separately, ...", "Elsewhere, ..."):
#: its places are not those of the event told before.
NEW_TOPIC_OPENERS = (("separately",), ("elsewhere",), ("meanwhile",), ("in", "a", "separate"), ("in", "another"),
                     ("in", "other", "news"))


def _new_topic(sent: Sentence) -> bool:
    """The sentence opens on a turn to another matter: "Separately, ...", "In a separate attack, ..."."""
    words = [t.lower_ for t in sent.span[:3]]
    return any(tuple(words[:len(o)]) == o for o in NEW_TOPIC_OPENERS)


def _inside(eid: str, current: list[str], res: Resolution) -> bool:
    """The finer place lies inside the coarse one: where the coarse place is a division whose
    first-level code is known (:func:`admin1_code`), the finer one must lie in the same division
    when its own code is known (a capital named in the same sentence is no place in a province).

    Geocoding round 28: a division the gazetteer gives without a code (a curated region, "X
    State") takes the code of its country's first-level division of that name. Without it such a
    state held every town of its country: a town of one state and a town of another, each told in
    its own "In X state, ..." sentence, were folded into one attack. A place whose code stays
    unknown (an unlisted town, a region no division bears the name of) is not ruled out: the
    country has already been checked."""
    places = getattr(res, "places", {})
    coarse = {admin1_code(places[e]) for e in current if e in places and places[e].feature_class == "A"} - {None}
    fine = places.get(eid)
    code = admin1_code(fine) if fine is not None else None
    if not coarse or code is None:
        return True
    return code in coarse


#: Words a division's name carries after it ("X State", "Y Region (Z)"): left off to find the
#: first-level division of that name (:func:`admin1_code`).
DIVISION_WORDS = frozenset(["state", "region", "province", "governorate", "district", "county", "department",
                            "oblast", "division", "prefecture", "territory", "municipality"])


def admin1_code(place) -> Optional[str]:
    """The first-level division code of a place: its own (a gazetteer town's, a division's, an
    unlisted town's taken from its area), else, for an administrative area with a country and no
    code (a curated region such as "X State"), the code of the one first-level division of its
    country that bears its name, with or without a division word or a bracket ("X Region (Y)")."""
    if place is None:
        return None
    if place.admin1:
        return place.admin1
    if place.feature_class != "A" or not place.country_code or place.feature_code in ("ADMD", "ADM2"):
        return None  # (an area made of several divisions, or a second-level one: no first-level name)
    return _division_code(place.country_code, place.name)


@lru_cache(maxsize=4096)
def _division_code(country: str, name: str) -> Optional[str]:
    from kg.graph.hierarchy import division_named  # (kg.graph imports kg.extract)

    tries = []
    for n in (name, *_curated_aliases().get((country, name), ())):  # (regions.yaml's other names for it)
        base = n.split("(")[0].strip()
        words = base.split()
        tries += [n, base]
        if len(words) > 1 and words[-1].lower() in DIVISION_WORDS:
            tries.append(" ".join(words[:-1]))
    for t in dict.fromkeys(tries):
        d = division_named(country, t)
        if d is not None:
            return d.code
    return None


@lru_cache(maxsize=1)
def _curated_aliases() -> dict[tuple[str, str], tuple[str, ...]]:
    from kg.extract.gazetteer import read_regions

    return {(p.country_code, p.name): aliases for p, aliases in read_regions() if p.country_code}


#: Verbs of leaving for somewhere after the event: "fled to Y", "flew back to Y", "returned to Y"
#: name where people went, not where it happened. (Not "travelled to Y": a convoy attacked on its
#: way to Y was attacked near Y, and the annotation places it there.)
TRAVEL_VERBS = frozenset(["flee", "fly", "return", "hurry", "retreat", "withdraw", "escape", "evacuate",
                          "relocate", "rush"])


def _destination(tok: Token) -> bool:
    """"fled to Y after the attack", "flew back to Y", "hurried back to Y": Y is where someone went."""
    t = tok
    while t.dep_ in ("compound", "flat", "conj") and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj" or t.head.lower_ not in ("to", "toward", "towards", "for"):
        return False
    verb = t.head.head
    if verb.pos_ == "ADV" and verb.head.i != verb.i:  # "flew back to Y"
        verb = verb.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in TRAVEL_VERBS


def _same_place(sent: Sentence, res: Resolution) -> list[str]:
    """"in the same province of Y", "the same town, Y": a place the sentence says was also the last one's."""
    out = []
    for tok in sent.span:
        if tok.lower_ == "same" and tok.dep_ == "amod":
            noun = tok.head
            for c in noun.children:
                objs = [o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "of" else \
                    [c] if c.dep_ == "appos" else []
                out += [e for o in objs for e in [res.entity_at(o)] if e and res.kinds.get(e) == "Location"]
    return out
