"""A learned recall proposer: a linear model that PROPOSES events the rules missed (issue 10,
item 4; docs/learned.md, "Session 19: a learned proposer").

Why: on fresh text a large share of the missed gold events are of a type the rules made no
event of in the sentence that tells them, although a trigger word of the type is there and the
anchor place (or the meeting's parties) was read as an entity. The rules' frames are strict; a
sentence-level model may weigh the same traces (a trigger of the type, the places named, a
casualty figure, the sentence's place in the report) together.

For each sentence and each scored type T (Attack, Capture, Deployment, Meeting) with a trigger
word of T (the rules' own trigger lexicon, ``Triggers``) but no scored event of T from the rules,
a candidate event is built from what the rules already know: the sentence's most specific place
entity as the anchor (a meeting: the persons and states of the sentence, at least two), the date
of another event of the sentence (else a year the sentence names, else the publication date),
modality asserted, the sentence as evidence. A logistic model over *feature words*
(``candidate_features``) scores it; above the threshold the event is added, its confidence the
score. Trained with numpy only (full-batch Adagrad from zero, L2: deterministic) by
``scripts/train_recall_proposer.py`` (``make train``), shipped as a JSON table of weights in
``kg/data/models/recall_proposer``. ``KG_RECALL_PROPOSER=on|off|<threshold>`` overrides
``enabled`` for one run. Off, nothing is loaded and the facts are those of the rules.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from kg.extract.learned import _bin, env_switch, scored, settings_section
from kg.extract.learned_places import RANK, depth
from kg.models import DateValue, Entity, Event, Evidence, Mention

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data"
SETTINGS_FILE = DATA / "learned.yaml"
MODEL_DIR = DATA / "models" / "recall_proposer"
MODEL_FILE = "weights.json"
FORMAT = "recall-proposer/1"
#: ``KG_RECALL_PROPOSER``: ``on`` / ``off`` overrides ``enabled``; a number also sets the threshold.
ENV = "KG_RECALL_PROPOSER"
ANCHOR = {"Attack": "location", "Capture": "place", "Deployment": "destination", "Meeting": "participants"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class ProposerSettings:
    enabled: bool = False
    threshold: float = 999.0
    model: Path = MODEL_DIR
    types: tuple[str, ...] = ("Attack", "Capture", "Deployment", "Meeting")
    state_anchor: tuple[str, ...] = ("Attack", "Deployment", "Meeting")  # a state may anchor these
    party_types: tuple[str, ...] = ("Person", "Country")  # a meeting's parties
    toll_words: frozenset[str] = field(default_factory=frozenset)  # "killed", "wounded": a casualty figure
    stop_words: frozenset[str] = field(default_factory=frozenset)  # words no feature is made of
    same_type_sentences: bool = False  # propose also in a sentence with a scored event of the type
    time_words: dict = field(default_factory=dict)  # class -> words: "day" (monday, yesterday), "span" (months, since)


def load_settings(path: Optional[Path] = None) -> ProposerSettings:
    """``recall_proposer`` of kg/data/learned.yaml, then the ``KG_RECALL_PROPOSER`` override."""
    data, model = settings_section(path or SETTINGS_FILE, "recall_proposer", MODEL_DIR)
    enabled, threshold = env_switch(ENV, bool(data.get("enabled", False)),
                                    float(data.get("threshold", 999.0)), "threshold")
    d = ProposerSettings
    return ProposerSettings(enabled, threshold, model,
                            tuple(data.get("types", d.types)), tuple(data.get("state_anchor", d.state_anchor)),
                            tuple(data.get("party_types", d.party_types)),
                            frozenset(str(data.get("toll_words") or "").lower().split()),
                            frozenset(str(data.get("stop_words") or "").lower().split()),
                            bool(data.get("same_type_sentences", False)),
                            {k: frozenset(str(v).lower().split()) for k, v in (data.get("time_words") or {}).items()})


# ----------------------------------------------------------------------------- candidates

@dataclass
class Candidate:
    """One proposal: its type, sentence, feature words and the event built for it."""

    type: str
    sentence: int
    feats: list[str]
    event: Event
    key: tuple  # (type, anchor ids): one proposal per key in a report


def trigger_types(words: Sequence[str], triggers) -> list[tuple[str, str, int]]:
    """(event type, trigger base word, word index) of each word the rules' trigger lexicon knows."""
    out = []
    for i, w in enumerate(words):
        base = triggers.forms.get(w, w)
        t = triggers.verbs.get(base)
        if t is not None:
            out.append((t, base, i))
            continue
        for n in (w, w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith("es") else None):
            if n and n in triggers.nouns:
                out.append((triggers.nouns[n], n, i))
                break
    return out


def _in_sentence(entities: Sequence[Entity], i: int) -> list[Entity]:
    """The entities named in sentence ``i``, in the order of their first mention there."""
    got = [(min(m.start for m in e.mentions if m.sentence == i), e) for e in entities
           if any(m.sentence == i for m in e.mentions)]
    return [e for _, e in sorted(got, key=lambda x: x[0])]


def _anchors(etype: str, ents: Sequence[Entity], settings: ProposerSettings) -> list[list[str]]:
    """The anchors a proposal of this type may take in the sentence: each place named there (a
    state only for the types that may be anchored in one); a meeting's: its parties together."""
    if etype == "Meeting":
        parties = [e.id for e in ents if e.type in settings.party_types]
        return [parties] if len(parties) >= 2 else []
    return [[e.id] for e in ents if e.type == "Location" or e.type == "Country" and etype in settings.state_anchor]


def _date(i: int, text: str, events: Sequence[Event], published: Optional[dt.date]) -> Optional[DateValue]:
    same = [ev.date for ev in events if ev.evidence.sentence == i and ev.date is not None]
    if same:
        return same[0]
    years = [y for y in _YEAR.findall(text) if not published or int(y) != published.year]
    if years:
        return DateValue(years[0], "year", years[0])
    if published:
        return DateValue(published.isoformat(), "day", "")
    return None


def _where(t: str, a: Entity, i: int, words: Sequence[str], trig: list, text: str) -> list[str]:
    """Where the place is named against the trigger: the word before it, its side, how far."""
    low = text.lower()
    names = [m.text.lower() for m in a.mentions if m.sentence == i] or [a.name.lower()]
    pos = next((low.find(n) for n in names if low.find(n) >= 0), -1)
    if pos < 0:
        return [f"{t}|where=unfound"]
    k = len(_WORD.findall(low[:pos]))  # the place's word index
    prev = words[k - 1] if 0 < k <= len(words) else "^"
    tk = [j for ty, _, j in trig if ty == t]
    d = min((abs(j - k) for j in tk), default=99)
    side = "after" if tk and min(tk, key=lambda j: abs(j - k)) < k else "before"
    return [f"{t}|prev={prev}", f"{t}|side={side}", f"{t}|dist={_bin(d, (2, 4, 8, 15))}", f"{t}|{side}_{prev}"]


REPORT_LEMMAS = frozenset({"say", "tell", "report", "claim", "add", "accuse", "deny", "warn", "announce"})


def _parse_features(t: str, span, trig_word: str, place: Optional[Entity], i: int) -> list[str]:
    """What the parse says of the trigger (tag, relation, auxiliaries, negation, a reporting verb
    above it, its subject) and of the place (hung on the trigger, under it, by which preposition):
    roughly why the rules' frames did not take it."""
    tok = next((x for x in span if x.lower_ == trig_word), None)
    if tok is None:
        return [f"{t}|p=notrig"]
    f = [f"{t}|p_tag={tok.tag_}", f"{t}|p_dep={tok.dep_}", f"{t}|p_tagdep={tok.tag_}:{tok.dep_}"]
    kids = list(tok.children)
    for k in kids:
        if k.dep_ in ("aux", "auxpass") and k.tag_ == "MD":
            f.append(f"{t}|p_modal={k.lower_}")
        if k.dep_ == "neg":
            f.append(f"{t}|p_neg")
        if k.dep_ in ("nsubj", "nsubjpass", "agent", "poss"):
            f.append(f"{t}|p_subj={k.ent_type_ or k.lemma_.lower()}")
        if k.dep_ == "nummod" or k.like_num and k.dep_ in ("dobj", "nsubjpass"):
            f.append(f"{t}|p_num")
    if tok.pos_ == "NOUN":
        f.append(f"{t}|p_head={tok.head.lemma_.lower()}")
        f.append(f"{t}|p_headtag={tok.head.tag_}")
    if any(a.lemma_.lower() in REPORT_LEMMAS for a in tok.ancestors):
        f.append(f"{t}|p_reported")
    root = tok.sent.root if tok.sent is not None else tok
    f.append(f"{t}|p_root={root.tag_}")
    if place is not None:
        names = [m.text for m in place.mentions if m.sentence == i] or [place.name]
        ptok = None
        for n in names:
            pos = span.text.find(n)
            if pos >= 0:
                ptok = next((x for x in span if x.idx - span.start_char >= pos), None)
                break
        if ptok is not None:
            under = tok in ptok.ancestors
            f.append(f"{t}|p_place_under={under}")
            if ptok.head.dep_ == "prep" or ptok.head.pos_ == "ADP":
                f.append(f"{t}|p_prep={ptok.head.lower_}")
                f.append(f"{t}|p_prep_on_trig={ptok.head.head.i == tok.i}")
    return f


def candidate_features(etype: str, i: int, n_sent: int, words: Sequence[str], trig: list, ents: Sequence[Entity],
                       anchor: list[str], by_id: dict[str, Entity], events: Sequence[Event],
                       date: Optional[DateValue], published: Optional[dt.date],
                       settings: ProposerSettings, text: str = "") -> list[str]:
    t = etype
    f = [t]
    f += sorted({f"{t}|trig={b}" for ty, b, _ in trig if ty == t})
    f += sorted({f"{t}|other_trig={ty}" for ty, _, _ in trig if ty != t})
    if any(ty == t for ty, _, _ in trig[:1]):
        f.append(f"{t}|trig_first")
    f += sorted({f"{t}|w={w}" for w in words if len(w) > 2 and w not in settings.stop_words and not w.isdigit()})
    types = [e.type for e in ents]
    for ty in sorted(set(types)):
        f.append(f"{t}|ent={ty}")
        f.append(f"{t}|n_{ty}={_bin(types.count(ty), (1, 2, 3))}")
    if t != "Meeting":
        a = by_id[anchor[0]]
        f += [f"{t}|anchor={depth(a)}", f"{t}|anchor_E={a.type}", f"{t}|anchor_mentions={_bin(len(a.mentions), (1, 2, 4))}"]
        if a.subtype:
            f.append(f"{t}|anchor_sub={a.subtype}")
        first = min(m.sentence for m in a.mentions)
        f.append(f"{t}|anchor_first={'here' if first == i else 'before'}")
        places = [e for e in ents if e.type in ("Location", "Country")]
        finer = sum(RANK.get(depth(e), 0) > RANK.get(depth(a), 0) for e in places)
        f.append(f"{t}|finer_places={_bin(finer, (0, 1, 2))}")
        f.append(f"{t}|n_places={_bin(len(places), (1, 2, 3))}")
        f += _where(t, a, i, words, trig, text)
    else:
        f.append(f"{t}|parties={_bin(len(anchor), (2, 3, 4))}")
        f += sorted({f"{t}|party={by_id[x].type}" for x in anchor})
    nums = [w for w in words if w.isdigit()]
    if nums:
        f.append(f"{t}|number")
    if settings.toll_words & set(words):
        f.append(f"{t}|toll" + ("_num" if nums else ""))
    f.append(f"{t}|pos={_bin(i, (0, 1, 2, 4, 8, 15))}")
    f.append(f"{t}|rel={_bin(i / max(1, n_sent), (0.1, 0.3, 0.6))}")
    f.append(f"{t}|len={_bin(len(words), (10, 20, 35, 50))}")
    here = [ev for ev in events if ev.evidence.sentence == i]
    for ev in here:
        f.append(f"{t}|ev={ev.type}:{ev.modality}")
        if ev.type == t and scored(ev):
            f.append(f"{t}|same_type_here")
    if not here:
        f.append(f"{t}|ev=none")
    same_type = [ev for ev in events if ev.type == t and scored(ev)]
    f.append(f"{t}|art_{t}={_bin(len(same_type), (0, 1, 2, 4))}")
    near = [ev for ev in same_type if abs(ev.evidence.sentence - i) <= 1]
    if near:
        f.append(f"{t}|near_{t}")
    if date is not None and published is not None:
        f.append(f"{t}|date=" + ("old_year" if date.value[:4] != str(published.year) else
                                 "pub" if date.value == published.isoformat() else "same_year"))
    ws = set(words)
    for name, vocab in sorted(settings.time_words.items()):
        if vocab & ws:
            f.append(f"{t}|time={name}")
    if '"' in " ".join(words) or "said" in words:
        f.append(f"{t}|said")
    return f


def candidates(sentences: Sequence[str], entities: Sequence[Entity], events: Sequence[Event], triggers,
               published: Optional[dt.date], settings: ProposerSettings,
               offsets: Optional[Sequence[tuple[int, int]]] = None, span_of=None) -> list[Candidate]:
    """Every proposal of a report: a sentence with a trigger word of a scored type, no scored
    event of that type from the rules there, and an anchor to build the event on. ``span_of(i)``,
    if given, is sentence i's parse (a spaCy Span): the parse features come from it."""
    by_id = {e.id: e for e in entities}
    anchors_of = {}  # (type, anchor ids) the rules already have: a proposal there is a second report
    for ev in events:
        if scored(ev) and ev.type in ANCHOR:
            ids = ev.roles.get(ANCHOR[ev.type], [])
            if ev.type == "Meeting":
                anchors_of.setdefault("Meeting", []).append(set(ids))
            else:
                for x in ids:
                    anchors_of.setdefault(ev.type, []).append({x})
    out = []
    for i, text in enumerate(sentences):
        low = text.lower()
        words = [w for w in _WORD.findall(low)]
        trig = trigger_types(words, triggers)
        if not trig:
            continue
        have = {ev.type for ev in events if ev.evidence.sentence == i and scored(ev)}
        ents = _in_sentence(entities, i)
        for t in settings.types:
            if t in have and not settings.same_type_sentences or not any(ty == t for ty, _, _ in trig):
                continue
            for anchor in _anchors(t, ents, settings):
                if any(len(set(anchor) & a) >= (2 if t == "Meeting" else 1) for a in anchors_of.get(t, [])):
                    continue
                date = _date(i, text, events, published)
                feats = candidate_features(t, i, len(sentences), words, trig, ents, anchor, by_id, events, date,
                                           published, settings, text)
                wi = next(k for ty, _, k in trig if ty == t)
                if span_of is not None:
                    feats += _parse_features(t, span_of(i), words[wi], None if t == "Meeting" else by_id[anchor[0]], i)
                start, end = offsets[i] if offsets else (0, len(text))
                tw = words[wi]
                pos = max(low.find(tw), 0)
                trigger = Mention(start + pos, start + pos + len(tw), text[pos:pos + len(tw)], i)
                ev = Event(id="", type=t, trigger=trigger, evidence=Evidence(i, start, end, text),
                           roles={ANCHOR[t]: list(anchor)}, date=date, modality="asserted")
                out.append(Candidate(t, i, feats, ev, (t, tuple(sorted(anchor)))))
    return out


def choose(cands: Sequence[Candidate], probs: Sequence[float], threshold: float) -> list[tuple[Candidate, float]]:
    """The proposals kept: scored at least ``threshold``, one per (type, anchor) and one per
    (type, sentence), best first; returned in the order of the report."""
    kept, seen = [], set()
    for c, p in sorted(zip(cands, probs), key=lambda x: (-x[1], x[0].sentence, x[0].type, x[0].key)):
        if p < threshold or c.key in seen or (c.type, c.sentence) in seen:
            continue
        seen.add(c.key)
        seen.add((c.type, c.sentence))
        kept.append((c, p))
    return sorted(kept, key=lambda x: (x[0].sentence, x[0].type))


# ----------------------------------------------------------------------------- model

def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def prob(weights: dict[str, float], feats: Sequence[str]) -> float:
    return _sigmoid(sum(weights.get(f, 0.0) for f in set(feats)))


def train(examples: Sequence[tuple[list[str], bool]], *, l2: float = 1.0, steps: int = 300, rate: float = 0.5,
          min_count: int = 2) -> dict[str, float]:
    """An L2 logistic regression on feature words (a feature seen in fewer than ``min_count``
    examples is left out), full-batch Adagrad from zero: no random numbers, deterministic."""
    import numpy as np

    if not examples:
        return {}
    counts: dict[str, int] = {}
    for feats, _ in examples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: k for k, f in enumerate(vocab)}
    rows, cols = [], []
    for r, (feats, _) in enumerate(examples):
        for f in sorted(set(feats)):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    y = np.array([1.0 if lab else 0.0 for _, lab in examples])
    w = np.zeros(len(vocab))
    g2 = np.zeros(len(vocab))
    n = len(examples)
    for _ in range(steps):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        grad = np.bincount(cols_a, weights=err[rows_a], minlength=len(vocab)) / n + l2 * w / n
        g2 += grad * grad
        w -= rate * grad / (np.sqrt(g2) + 1e-8)
    return {f: round(float(x), 6) for f, x in zip(vocab, w) if abs(x) > 1e-6}


def save(weights: dict[str, float], out: Path, **meta) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / MODEL_FILE).write_text(json.dumps({"format": FORMAT, **meta, "weights": dict(sorted(weights.items()))},
                                             indent=0, sort_keys=True) + "\n", "utf-8")


def load_weights(model: Path) -> Optional[dict[str, float]]:
    path = model / MODEL_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    if data.get("format") != FORMAT:
        log.warning("recall proposer: %s is not %s; extracting without it", path, FORMAT)
        return None
    return data["weights"]


class RecallProposer:
    """Adds the events the model proposes (kg/data/learned.yaml ``recall_proposer``)."""

    def __init__(self, weights: dict[str, float], threshold: float, settings: ProposerSettings, triggers) -> None:
        self.weights = weights
        self.threshold = threshold
        self.settings = settings
        self.triggers = triggers

    @classmethod
    def load(cls, settings: Optional[ProposerSettings] = None, triggers=None) -> Optional["RecallProposer"]:
        """The proposer the settings ask for, or None: disabled, or no model (then a warning)."""
        settings = settings or load_settings()
        if not settings.enabled:
            return None
        weights = load_weights(settings.model)
        if weights is None:
            log.warning("recall proposer enabled (kg/data/learned.yaml or $%s) but no model at %s: "
                        "extracting without it (make train builds it)", ENV, settings.model)
            return None
        if triggers is None:
            from kg.extract.events import Triggers

            triggers = Triggers.load()
        return cls(weights, settings.threshold, settings, triggers)

    def apply(self, events: list[Event], entities: list[Entity], sentences, published: Optional[dt.date]) -> list[Event]:
        """The rules' events and, after them, the proposals scored at least the threshold."""
        cands = candidates([s.text for s in sentences], entities, events, self.triggers, published, self.settings,
                           [(s.start, s.end) for s in sentences], lambda i: sentences[i].span)
        kept = choose(cands, [prob(self.weights, c.feats) for c in cands], self.threshold)
        out = list(events)
        k = max((int(ev.id[1:]) for ev in events if re.fullmatch(r"V\d+", ev.id)), default=0)
        for c, p in kept:  # numbered after the rules' events (kg-facts/1: V<n>)
            k += 1
            c.event.id = f"V{k}"
            c.event.confidence = round(p, 2)
            out.append(c.event)
        return out
