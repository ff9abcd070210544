"""The learned event filter (kg/extract/learned.py, docs/learned.md): what it learns, that it
loads offline, that its setting switches it, that a missing model leaves extraction as it was,
and that training is deterministic."""

from __future__ import annotations

import datetime as dt
import logging
import socket
from pathlib import Path

import pytest

from kg.extract import Extractor, learned
from kg.extract.nlp import parse
from kg.models import DateValue, Entity, Event, Evidence, Mention, Quantity
from kg.read.reader import read_text
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = dt.date(2024, 5, 6)

# An invented report: a strike told as fact (judged by the filter) and a capture told as a
# possibility (not scored, so never judged).
REPORT = ("Drone strike hits depot\n\nA drone strike destroyed a fuel depot in the town of Pavlohrad "
          "on Monday, killing three workers, the regional governor said.\n\nRebels might seize the "
          "town of Kalemie if the talks collapse.")


def _event(real: bool, n: int) -> tuple[Event, list[Entity], list[str]]:
    """An invented event (a background attack recalled from years before, with no place, is the
    spurious kind): ``real`` a dated strike on a named town with a toll in the lead;
    otherwise one recalled from another year with no place, late in the article."""
    town = Entity(f"town{n}", "Location", f"Town {n}", mentions=[Mention(0, 4, "Town", 0)])
    sentences = [f"Filler sentence {i}." for i in range(12)]
    if real:
        text = f"A drone strike hit Town {n} on Monday, killing {n + 2} people."
        s, roles = 0, {"location": [town.id]}
        date = DateValue(PUBLISHED.isoformat(), "day")
        quantities = {"fatalities": Quantity(n + 2)}
    else:
        text = f"In a similar raid back in {2010 + n % 5} many were hurt."
        s, roles, date, quantities = 11, {}, DateValue(str(2010 + n % 5), "year"), {}
    sentences[s] = text
    trig = text.index("strike" if real else "raid")
    ev = Event(f"e{n}", "Attack", Mention(trig, trig + 6, text[trig:trig + 6], s), Evidence(s, 0, len(text), text),
               roles=roles, quantities=quantities, date=date, confidence=0.8 if real else 0.5)
    return ev, [town], sentences


def _features(real: bool, n: int) -> list[str]:
    ev, ents, sents = _event(real, n)
    return learned.event_features(ev, [ev], {e.id: e for e in ents}, sents, PUBLISHED)


def _examples(k: int = 30) -> list[tuple[list[str], bool]]:
    return [(_features(real, n), real) for n in range(k) for real in (True, False)]


def test_features_tell_the_date_and_the_missing_anchor():
    real, background = _features(True, 1), _features(False, 1)
    assert "T=Attack|D=day0" in real and "T=Attack|R=location|E=Location" in real
    assert "T=Attack|D=otheryear" in background and "T=Attack|noanchor" in background


def test_training_separates_a_background_event_from_a_real_one():
    nlp = learned.train(_examples(), epochs=10)
    p_real, p_background = learned.keep_scores(nlp, [_features(True, 99), _features(False, 99)])
    assert p_real > 0.8 and p_background < 0.2


def test_training_is_deterministic():
    a, b = (learned.train(_examples(10), epochs=3) for _ in range(2))
    assert a.get_pipe("textcat").model.to_bytes() == b.get_pipe("textcat").model.to_bytes()


def test_the_shipped_model_loads_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    f = learned.EventFilter.load(learned.FilterSettings(True, 0.3, learned.MODEL_DIR))
    assert f is not None
    (p,) = learned.keep_scores(f.nlp, [_features(True, 3)])
    assert 0.0 <= p <= 1.0


def test_settings_and_the_environment_override(tmp_path, monkeypatch):
    path = tmp_path / "learned.yaml"
    path.write_text("event_filter:\n  enabled: false\n  threshold: 0.25\n  model: models/x\n", "utf-8")
    monkeypatch.delenv(learned.ENV, raising=False)
    s = learned.load_settings(path)
    assert (s.enabled, s.threshold, s.model) == (False, 0.25, learned.DATA / "models" / "x")
    monkeypatch.setenv(learned.ENV, "on")
    assert learned.load_settings(path).enabled
    monkeypatch.setenv(learned.ENV, "0.6")
    assert (learned.load_settings(path).enabled, learned.load_settings(path).threshold) == (True, 0.6)
    path.write_text("event_filter:\n  enabled: true\n", "utf-8")
    monkeypatch.setenv(learned.ENV, "off")
    assert not learned.load_settings(path).enabled


def _summary(facts):
    return [(v.type, v.modality, sorted(v.roles.items())) for v in facts.events]


def test_the_setting_switches_the_filter_in_the_extractor(extractor, monkeypatch):
    """Off: the rules' events. On with a threshold no score reaches: every event the scorer
    counts is dropped, a hypothetical capture (which the filter does not judge) stays."""
    doc = read_text(REPORT, meta={"published": "2024-05-06", "title": "Drone strike hits depot"})
    monkeypatch.setattr(extractor, "event_filter", None)
    off = extractor.extract(doc)
    assert any(learned.scored(v) for v in off.events) and any(not learned.scored(v) for v in off.events)
    f = learned.EventFilter.load(learned.FilterSettings(True, 1.01, learned.MODEL_DIR))
    monkeypatch.setattr(extractor, "event_filter", f)
    on = extractor.extract(doc)
    assert not any(learned.scored(v) for v in on.events)
    assert _summary(on) == [_summary(off)[i] for i, v in enumerate(off.events) if not learned.scored(v)]
    f.threshold = 0.0  # every score reaches 0: nothing dropped
    assert _summary(extractor.extract(doc)) == _summary(off)
    assert [e.id for e in on.entities] == [e.id for e in off.entities]  # the entities stay the rules'


def test_an_absent_model_leaves_extraction_unchanged(extractor, tmp_path, monkeypatch, caplog):
    path = tmp_path / "learned.yaml"
    path.write_text(f"event_filter:\n  enabled: true\n  threshold: 0.9\n  model: {tmp_path / 'none'}\n", "utf-8")
    monkeypatch.setattr(learned, "SETTINGS_FILE", path)
    monkeypatch.delenv(learned.ENV, raising=False)
    with caplog.at_level(logging.WARNING, logger="kg.extract.learned"):
        ex = Extractor(nlp=extractor.nlp, gazetteer=extractor.gazetteer, lexicon=extractor.lexicon)
    assert ex.event_filter is None
    assert "no model" in caplog.text and "make train" in caplog.text
    monkeypatch.setattr(extractor, "event_filter", None)
    doc = read_text(REPORT, meta={"published": "2024-05-06", "title": "Drone strike hits depot"})
    assert _summary(ex.extract(doc)) == _summary(extractor.extract(doc))


def _train_script():
    mod = load_script("train_event_filter")
    return mod


def test_make_train_is_deterministic_on_a_small_fold(extractor, tmp_path, monkeypatch):
    """The script's path (extract dev with the rules, label by the scorer, train, save) twice on
    three dev articles writes byte-identical model files; the labels hold both classes."""
    script = _train_script()
    monkeypatch.setattr(extractor, "event_filter", None)
    records = script.extract_dev(["written-dev"], extractor, limit=3)
    articles = script.label(records, script.kg_eval.load_scorer())
    labels = [y for a in articles for y in a.labels]
    assert labels and any(labels)
    for out in ("a", "b"):
        script.save(learned.train(script.examples(articles), seed=script.SEED, epochs=4), tmp_path / out)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_the_extractor_reads_the_setting(extractor, tmp_path, monkeypatch):
    """The shipped model, the settings file's threshold; ``KG_EVENT_FILTER=off`` wins over it."""
    path = tmp_path / "learned.yaml"
    path.write_text(f"event_filter:\n  enabled: true\n  threshold: 0.35\n  model: {learned.MODEL_DIR}\n", "utf-8")
    monkeypatch.setattr(learned, "SETTINGS_FILE", path)
    monkeypatch.delenv(learned.ENV, raising=False)
    parts = dict(nlp=extractor.nlp, gazetteer=extractor.gazetteer, lexicon=extractor.lexicon)
    on = Extractor(**parts)
    assert on.event_filter is not None and on.event_filter.threshold == 0.35
    monkeypatch.setenv(learned.ENV, "off")
    assert Extractor(**parts).event_filter is None


def test_confidence_only_rescores_and_keeps_every_event(extractor, monkeypatch):
    """``confidence: true`` with ``enabled: false``: the same events, each judged one with the
    classifier's P(keep) as its confidence, the others with the rules' confidence."""
    doc = read_text(REPORT, meta={"published": "2024-05-06", "title": "Drone strike hits depot"})
    monkeypatch.setattr(extractor, "event_filter", None)
    off = extractor.extract(doc)
    f = learned.EventFilter.load(learned.FilterSettings(False, 1.01, learned.MODEL_DIR, confidence=True))
    assert f is not None and not f.drop
    monkeypatch.setattr(extractor, "event_filter", f)
    on = extractor.extract(doc)
    assert _summary(on) == _summary(off)
    judged = [i for i, v in enumerate(off.events) if learned.scored(v)]
    by_id = {e.id: e for e in off.entities}
    sentences = [s.text for s in parse(extractor.nlp, doc.text).sentences]
    want = learned.keep_scores(f.nlp, [learned.event_features(off.events[i], off.events, by_id, sentences,
                                                              PUBLISHED) for i in judged])
    assert [on.events[i].confidence for i in judged] == [round(p, 2) for p in want]
    assert all(on.events[i].confidence == off.events[i].confidence
               for i in range(len(off.events)) if i not in judged)
