"""A learned event filter: a spaCy text classifier that scores each event the rules found and
drops the ones it judges spurious (issue 10, item 4; docs/learned.md).

Why: on unseen prose the rules make many events no gold event matches (the wrong type, a
background event, a generic one, a plan told as fact, a second report of one event). Each of
these leaves traces a rule cannot weigh together but a linear model can: the trigger word, the
sentence's words, which roles are filled and by what, the date against the publication date,
how many events of its kind the article already has.

The classifier is spaCy's bag-of-words ``textcat`` (``spacy.TextCatBOW.v3``) over *feature
words* (``event_features``): a ``Doc`` is made of those words, not of the sentence's tokens, so
structural facts and words share one sparse linear model. It is trained by
``scripts/train_event_filter.py`` (``make train``) on the dev gold and shipped in
``kg/data/models/event_filter``; ``kg/data/learned.yaml`` says whether it is used and from which
score an event is kept. Without the model file the extractor works as before.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import yaml

from kg.models import Entity, Event

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data"
SETTINGS_FILE = DATA / "learned.yaml"
MODEL_DIR = DATA / "models" / "event_filter"
#: ``KG_EVENT_FILTER``: ``on`` / ``off`` overrides ``enabled``; a number in (0, 1) also sets the threshold.
ENV = "KG_EVENT_FILTER"

KEEP, DROP = "KEEP", "SPURIOUS"
#: The events the scorer counts (tests/eval/score.py): only these have a label to learn from,
#: so only these are filtered; a Statement, a Visit, a negated or planned attack pass untouched.
SCORED_TYPES = ("Deployment", "Attack", "Capture", "Meeting")
FACTUAL_ONLY = ("Attack", "Capture", "Meeting")
ANCHOR = {"Deployment": "destination", "Attack": "location", "Capture": "place", "Meeting": "participants"}
#: The sentence's bag of words as features: off, since on dev it lowered the cross-validated
#: AUC (0.62 against 0.68 without; docs/learned.md): ~600 judged events are too few for a vocabulary.
SENTENCE_WORDS = False
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(frozen=True)
class FilterSettings:
    enabled: bool = False  # drop the events scored below the threshold
    threshold: float = 0.5
    model: Path = MODEL_DIR
    confidence: bool = False  # write each judged event's P(keep) as its confidence


def settings_section(path: Path, section: str, default_model: Path) -> tuple[dict, Path]:
    """One section of kg/data/learned.yaml (empty when the file or section is absent) and its
    model directory, relative paths taken under kg/data: shared by every learned component."""
    data = {}
    if path.exists():
        data = (yaml.safe_load(path.read_text("utf-8")) or {}).get(section) or {}
    model = Path(data.get("model") or default_model)
    return data, model if model.is_absolute() else DATA / model


def env_switch(env: str, enabled: bool, value: float, what: str) -> tuple[bool, float]:
    """A component's environment override: on / off, or a number (``what``: a threshold, a
    margin) that also turns it on; anything else is warned about and ignored."""
    override = os.environ.get(env, "").strip().lower()
    if override in ("0", "off", "false", "no"):
        return False, value
    if override in ("1", "on", "true", "yes"):
        return True, value
    if override:
        try:
            return True, float(override)
        except ValueError:
            log.warning("%s=%r: expected on, off or a %s", env, override, what)
    return enabled, value


def load_settings(path: Optional[Path] = None) -> FilterSettings:
    """``event_filter`` of kg/data/learned.yaml, then the ``KG_EVENT_FILTER`` override (so a
    run can switch the filter on or off without editing the shipped file)."""
    data, model = settings_section(path or SETTINGS_FILE, "event_filter", MODEL_DIR)
    enabled, threshold = env_switch(ENV, bool(data.get("enabled", False)),
                                    float(data.get("threshold", 0.5)), "threshold")
    confidence = bool(data.get("confidence", False))
    return FilterSettings(enabled, threshold, model, confidence)


def scored(ev: Event) -> bool:
    """The scorer counts this event (and so the filter may judge it)."""
    return ev.type in SCORED_TYPES and ev.modality != "negated" and not (
        ev.type in FACTUAL_ONLY and ev.modality != "asserted")


# ----------------------------------------------------------------------------- features

def _bin(n: float, edges: Sequence[float]) -> str:
    """The first edge ``n`` does not exceed (``>last`` above all): counts become a few words."""
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _date_relation(ev: Event, published: Optional[dt.date]) -> str:
    """How the event's date stands to the publication date: background events are dated
    weeks or years before it; a report of the day is dated on it or undated."""
    if ev.date is None:
        return "none"
    if published is None:
        return "nopub"
    v = ev.date.value
    if v[:4] != str(published.year):
        return "otheryear"
    if len(v) >= 10:
        try:
            days = (published - dt.date.fromisoformat(v[:10])).days
        except ValueError:
            return "bad"
        return "day" + _bin(days, (-1, 0, 1, 3, 7, 31, 365))
    if len(v) == 7:
        return "samemonth" if v == published.isoformat()[:7] else "othermonth"
    return "year"


def event_features(ev: Event, events: Sequence[Event], entities: dict[str, Entity],
                   sentences: Sequence[str], published: Optional[dt.date]) -> list[str]:
    """The feature words of one event: its type and modality, its filled roles and their
    fillers' types, quantities, trigger, date against publication, place in the document, how
    many events of its type (and with its anchor) came before, and the words before its trigger.
    Most are joined with the type, since a word that marks a spurious attack may not mark a
    spurious meeting."""
    t = ev.type
    f = [f"T={t}", f"M={ev.modality}", f"T={t}|M={ev.modality}", f"T={t}|sub={ev.subtype}",
         f"T={t}|conf={_bin(ev.confidence, (0.5, 0.6, 0.7, 0.8, 0.9))}"]
    trig = ev.trigger.text.lower()
    f += [f"trig={trig}", f"T={t}|trig={trig}"]
    anchor = ANCHOR.get(t)
    if anchor and not ev.roles.get(anchor):
        f.append(f"T={t}|noanchor")
    for role, ids in sorted(ev.roles.items()):
        if not ids:
            continue
        f.append(f"T={t}|R={role}|n={_bin(len(ids), (1, 2, 3))}")
        for i in ids:
            ent = entities.get(i)
            if ent is None:
                continue
            f.append(f"T={t}|R={role}|E={ent.type}")
            f.append(f"T={t}|R={role}|E={ent.type}|m={_bin(len(ent.mentions), (1, 2, 4, 8))}")
            f.append(f"T={t}|R={role}|{_where(ev, ent)}")
            if ent.subtype:
                f.append(f"T={t}|R={role}|sub={ent.subtype}")
    for q, val in sorted(ev.quantities.items()):
        f += [f"T={t}|Q={q}", f"T={t}|Q={q}|{val.qualifier}"]
    f.append(f"T={t}|D={_date_relation(ev, published)}")
    if ev.date is not None:
        f.append(f"T={t}|P={ev.date.precision}")
    s = ev.evidence.sentence
    n_sent = max(1, len(sentences))
    f += [f"S={_bin(s, (0, 1, 2, 4, 8, 16))}", f"T={t}|S={_bin(s, (0, 1, 2, 4, 8, 16))}",
          f"T={t}|rel={_bin(s / n_sent, (0.1, 0.25, 0.5, 0.75))}"]
    f += _context_features(ev, events, entities)
    text = sentences[s] if 0 <= s < len(sentences) else ev.evidence.text
    f += _sentence_features(t, text, ev)
    return f


def _where(ev: Event, ent: Entity) -> str:
    """Where a filler is named against the trigger: in its sentence, before or after it and how
    far, or only in another sentence (a place taken from the next sentence or the dateline, a
    perpetrator from the paragraph before), which is where wrong fillers come from."""
    here = [m for m in ent.mentions if m.sentence == ev.evidence.sentence]
    if not here:
        near = min((abs(m.sentence - ev.evidence.sentence) for m in ent.mentions), default=99)
        return f"away={_bin(near, (1, 2, 5))}"
    m = min(here, key=lambda m: abs(m.start - ev.trigger.start))
    side = "before" if m.start < ev.trigger.start else "after"
    return f"{side}={_bin(abs(m.start - ev.trigger.start), (10, 25, 50, 100))}"


def _context_features(ev: Event, events: Sequence[Event], entities: dict[str, Entity]) -> list[str]:
    """Where the event stands among the article's others: one told again (same type and anchor
    as an earlier one) is a duplicate the scorer counts as spurious; many events of one type in
    an article are often a list of background incidents."""
    t, anchor = ev.type, ANCHOR.get(ev.type)
    same = [o for o in events if o.type == t and scored(o)]
    earlier = [o for o in same if o is not ev and (o.evidence.sentence, o.trigger.start) < (ev.evidence.sentence, ev.trigger.start)]
    mine = set(ev.roles.get(anchor, [])) if anchor else set()
    dup = [o for o in earlier if mine & set(o.roles.get(anchor, []))]
    in_sentence = [o for o in events if o is not ev and o.evidence.sentence == ev.evidence.sentence]
    others = {i for o in earlier for r, ids in o.roles.items() if r != anchor for i in ids}
    mine_other = {i for r, ids in ev.roles.items() if r != anchor for i in ids}
    return [f"T={t}|ntype={_bin(len(same), (1, 2, 3, 5, 8))}",
            f"T={t}|nth={_bin(len(earlier), (0, 1, 2, 4))}",
            f"T={t}|dup={_bin(len(dup), (0, 1, 2))}",
            f"T={t}|samedate={any(o.date and ev.date and o.date.value == ev.date.value for o in earlier)}",
            f"T={t}|samefig={any(set(o.quantities.items()) & set(ev.quantities.items()) for o in earlier)}",
            f"T={t}|sameactor={bool(others & mine_other)}",
            f"T={t}|insent={_bin(len(in_sentence), (0, 1, 2))}",
            *sorted({f"T={t}|with={o.type}" for o in in_sentence})]  # sorted: same words, same order, every run


def _sentence_features(t: str, text: str, ev: Event) -> list[str]:
    """The sentence's words (lower case), and the three words before the trigger: "last year",
    "since", "would", "vowed to" tell background and plans."""
    words = [w.lower() for w in _WORD.findall(text)]
    f = [f"w={w}" for w in dict.fromkeys(words)] if SENTENCE_WORDS else []
    rel = ev.trigger.start - ev.evidence.start
    before = [w for w in _WORD.findall(text[:rel])][-3:] if 0 <= rel <= len(text) else []
    before = [w for w in before if w.islower()]  # words, not names: the model should not learn places
    f += [f"T={t}|b={w}" for w in before]
    if '"' in text or "\u201c" in text:
        f.append("quote")
    f.append(f"len={_bin(len(words), (8, 15, 25, 40, 60))}")
    return f


# ----------------------------------------------------------------------------- model

def blank_pipeline(seed: int = 0):
    """A blank English pipeline with one exclusive two-label ``textcat`` (bag of words over the
    feature words, unigrams only: the features are already conjunctions)."""
    import spacy

    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1,
        "no_output_layer": False, "length": 2 ** 16}})
    return nlp


def _doc(nlp, feats: Sequence[str]):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=list(feats) or ["<none>"])


def train(examples: Sequence[tuple[list[str], bool]], *, seed: int = 0, epochs: int = 12,
          dropout: float = 0.1, batch: int = 16):
    """Train a filter on (feature words, keep) pairs. Deterministic: fixed seeds and a fixed
    shuffle, on CPU, so the same examples give the same weights."""
    from spacy.training import Example

    nlp = blank_pipeline(seed)
    textcat = nlp.get_pipe("textcat")
    textcat.add_label(KEEP)
    textcat.add_label(DROP)
    exs = [Example.from_dict(_doc(nlp, feats), {"cats": {KEEP: float(keep), DROP: float(not keep)}})
           for feats, keep in examples]
    optimizer = nlp.initialize(lambda: exs, sgd=None)
    rng = random.Random(seed)
    order = list(range(len(exs)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in range(0, len(order), batch):
            nlp.update([exs[j] for j in order[i:i + batch]], drop=dropout, sgd=optimizer)
    return nlp


def keep_scores(nlp, feature_lists: Iterable[Sequence[str]]) -> list[float]:
    """P(keep) of each event's feature words."""
    docs = [_doc(nlp, f) for f in feature_lists]
    return [d.cats[KEEP] for d in nlp.get_pipe("textcat").pipe(docs)]


class EventFilter:
    """The trained classifier and its threshold: ``apply`` keeps the events it scores at or
    above the threshold (when ``drop``), and every event it does not judge; with
    ``confidence`` each judged event's confidence becomes its P(keep), which ranks events
    better than the rules' own confidence (docs/learned.md)."""

    def __init__(self, nlp, threshold: float, *, drop: bool = True, confidence: bool = False) -> None:
        self.nlp = nlp
        self.threshold = threshold
        self.drop = drop
        self.confidence = confidence

    @classmethod
    def load(cls, settings: Optional[FilterSettings] = None) -> Optional["EventFilter"]:
        """The filter the settings ask for, or None: neither dropping nor confidence asked
        for, or the model is absent (then a warning, since someone asked for it)."""
        settings = settings or load_settings()
        if not (settings.enabled or settings.confidence):
            return None
        if not (settings.model / "config.cfg").exists():
            log.warning("event filter enabled (kg/data/learned.yaml or $%s) but no model at %s: "
                        "extracting without it (make train builds it)", ENV, settings.model)
            return None
        import spacy

        return cls(spacy.load(settings.model), settings.threshold, drop=settings.enabled,
                   confidence=settings.confidence)

    def apply(self, events: list[Event], entities: list[Entity], sentences: Sequence[str],
              published: Optional[dt.date]) -> list[Event]:
        """The events without those the classifier judges spurious (and with its confidence)."""
        judged = [ev for ev in events if scored(ev)]
        if not judged:
            return events
        by_id = {e.id: e for e in entities}
        scores = keep_scores(self.nlp, [event_features(ev, events, by_id, sentences, published) for ev in judged])
        drop = {id(ev) for ev, p in zip(judged, scores) if self.drop and p < self.threshold}
        if self.confidence:  # after every feature is read: the rules' confidence is one
            for ev, p in zip(judged, scores):
                ev.confidence = round(p, 2)
        return [ev for ev in events if id(ev) not in drop]
