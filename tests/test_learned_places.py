"""The learned anchor ranker (kg/extract/learned_places.py, docs/learned.md): it moves an event's
anchor where its weights say and nowhere else, off means the rules' facts unchanged, training is
deterministic, and a missing model leaves extraction as it was with one warning."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kg.extract import facts as facts_io
from kg.extract import learned_places as lp
from kg.extract.nlp import parse
from kg.models import Entity, Event, Evidence, Mention
from kg.read.reader import read_text
from script_loader import load_script

# Invented report: the attack's sentence names a province; the next names the village it struck.
TEXT = ("Gunmen attacked a police checkpoint in Varnoth province on Monday, killing four officers.\n\n"
        "The checkpoint stood at the edge of the village of Keldrisk, residents said.")
PREPS = frozenset("in near at on to from of".split())


def _settings(tmp_path: Path, margin: float = 1.0, enabled: bool = True) -> lp.RankerSettings:
    return lp.RankerSettings(enabled=enabled, margin=margin, model=tmp_path / "anchor_ranker", prepositions=PREPS)


def _report(extractor):
    """The parsed invented report, its province and village, and an attack the rules placed in the province."""
    parsed = parse(extractor.nlp, TEXT)

    def mention(name: str) -> Mention:
        start = TEXT.index(name)
        sent = next(s.index for s in parsed.sentences if s.start <= start < s.end)
        return Mention(start, start + len(name), name, sent)

    province = Entity("E1", "Location", "Varnoth province", mentions=[mention("Varnoth province")],
                      attributes={"country_code": "ZZ", "feature_class": "A"})
    village = Entity("E2", "Location", "Keldrisk", mentions=[mention("Keldrisk")],
                     attributes={"country_code": "ZZ", "feature_class": "P"})
    trig = mention("attacked")
    first = parsed.sentences[trig.sentence]
    attack = Event("V1", "Attack", trig, Evidence(first.index, first.start, first.end, first.text),
                   roles={"perpetrator": [], "location": [province.id]})
    return parsed, [province, village], attack


def _ranker(weights: dict[str, float], settings: lp.RankerSettings) -> lp.AnchorRanker:
    return lp.AnchorRanker(weights, settings)


def test_village_of_the_next_sentence_taken_when_the_model_prefers_it(extractor, tmp_path):
    parsed, entities, attack = _report(extractor)
    assert entities[1].mentions[0].sentence == attack.evidence.sentence + 1
    # the village's features, as the model sees them: named in the next sentence, a town, finer than the province
    d = lp.document(parsed.sentences, None, _settings(tmp_path))
    ids, feats = lp.event_candidates(attack, [attack], {e.id: e for e in entities}, entities, d, _settings(tmp_path))
    village = dict(zip(ids, feats))["E2"]
    assert {"in=next1", "d=town", "finer", "inside", "A|in=next1"} <= set(village)
    assert "p=of" in village
    province = dict(zip(ids, feats))["E1"]
    assert {"in=sent", "rules=same", "p=in", "clause=same"} <= set(province)

    _ranker({"A|in=next1": 3.0, "A|finer": 0.5}, _settings(tmp_path, margin=1.0)).apply([attack], entities, parsed.sentences)
    assert attack.roles["location"] == ["E2"]


def test_the_rules_anchor_kept_unless_the_margin_is_beaten(extractor, tmp_path):
    for weights, margin in [({"A|in=next1": 0.8}, 1.0),   # preferred, but by less than the margin
                            ({"R|in=sent": 2.0, "A|in=next1": 1.5}, 0.0),  # the rules' place scores higher
                            ({}, 0.0)]:  # no weights: every candidate ties, nothing moves
        parsed, entities, attack = _report(extractor)
        _ranker(weights, _settings(tmp_path, margin=margin)).apply([attack], entities, parsed.sentences)
        assert attack.roles["location"] == ["E1"], (weights, margin)


def test_unscored_events_are_never_moved(extractor, tmp_path):
    parsed, entities, attack = _report(extractor)
    attack.modality = "planned"  # a planned attack is not scored: no label, not ranked
    _ranker({"A|in=next1": 5.0}, _settings(tmp_path, margin=0.0)).apply([attack], entities, parsed.sentences)
    assert attack.roles["location"] == ["E1"]


def test_off_means_the_rules_facts(extractor, tmp_path, monkeypatch):
    monkeypatch.setenv(lp.ENV, "off")
    assert lp.load_settings().enabled is False
    assert lp.AnchorRanker.load() is None  # switched off: nothing loaded, even with a model shipped
    doc = read_text(TEXT, meta={"title": "Gunmen attack checkpoint", "published": "2024-05-06"})
    saved = extractor.anchor_ranker
    try:
        extractor.anchor_ranker = None
        rules = facts_io.dumps(extractor.extract(doc))
        extractor.anchor_ranker = _ranker({}, _settings(tmp_path, margin=0.0))  # on, but moving nothing
        assert facts_io.dumps(extractor.extract(doc)) == rules
    finally:
        extractor.anchor_ranker = saved
    monkeypatch.setenv(lp.ENV, "on")
    assert lp.load_settings().enabled is True
    monkeypatch.setenv(lp.ENV, "2.5")
    assert lp.load_settings().margin == 2.5 and lp.load_settings().enabled


def test_missing_model_warns_once_and_extracts_as_the_rules(extractor, tmp_path, caplog):
    settings = _settings(tmp_path / "nowhere")
    with caplog.at_level(logging.WARNING, logger="kg.extract.learned_places"):
        assert lp.AnchorRanker.load(settings) is None
    warnings = [r for r in caplog.records if "anchor ranker" in r.getMessage()]
    assert len(warnings) == 1 and "no model" in warnings[0].getMessage()
    assert lp.AnchorRanker.load(_settings(tmp_path, enabled=False)) is None  # disabled: no warning, nothing loaded
    assert len([r for r in caplog.records if "anchor ranker" in r.getMessage()]) == 1


def _groups(k: int) -> list[tuple[list[list[str]], list[bool]]]:
    """Invented training events: the gold place is a town named in the next sentence while the
    rules chose the province of the trigger's sentence (every third event), else the rules' town."""
    out = []
    for n in range(k):
        fixable = n % 3 == 0
        rules = ["rules=same", "R|in=sent", "d=admin" if fixable else "d=town", f"noise{n % 5}"]
        other = ["A|in=next1", "d=town" if fixable else "d=admin", "finer" if fixable else "coarser", f"noise{n % 7}"]
        out.append(([rules, other], [not fixable, fixable]))
    return out


def test_training_is_deterministic_and_learns_the_pattern(tmp_path):
    a, b = lp.train(_groups(30)), lp.train(_groups(30))
    assert a == b and a
    lp.save(a, tmp_path / "m1", margin=0.5)
    lp.save(b, tmp_path / "m2", margin=0.5)
    assert (tmp_path / "m1" / lp.MODEL_FILE).read_bytes() == (tmp_path / "m2" / lp.MODEL_FILE).read_bytes()
    data = json.loads((tmp_path / "m1" / lp.MODEL_FILE).read_text("utf-8"))
    assert data["format"] == lp.FORMAT and data["weights"] == a
    # the trained weights move a province to a finer town named next, and keep a town the rules chose
    assert lp.choose(a, ["P", "V"], [["rules=same", "R|in=sent", "d=admin"], ["A|in=next1", "d=town", "finer"]],
                     ["P"], 0.0) == "V"
    assert lp.choose(a, ["V", "P"], [["rules=same", "R|in=sent", "d=town"], ["A|in=next1", "d=admin", "coarser"]],
                     ["V"], 0.0) is None
    # the loaded model is the saved one
    ranker = lp.AnchorRanker.load(lp.RankerSettings(enabled=True, margin=0.5, model=tmp_path / "m1"))
    assert ranker is not None and ranker.weights == a


def test_the_shipped_settings_parse():
    s = lp.load_settings(lp.SETTINGS_FILE)
    assert {"in", "near", "to", "on"} <= s.prepositions  # YAML would read a bare "on" as true: a string is split
    assert "Capture" not in s.country_roles and s.window >= 1


def _train_script():
    return load_script("train_anchor_ranker")


def test_make_train_path_is_deterministic_on_three_articles(extractor, tmp_path, monkeypatch):
    """The script's path (the rules extract, events labelled by the alignment without the anchor,
    train, save) twice on three dev articles writes byte-identical model files; the events the
    scorer matches have the rules' place labelled as the gold anchor."""
    script = _train_script()
    monkeypatch.setattr(extractor, "anchor_ranker", None)
    records = script.extract_dev(["written-dev"], extractor, lp.load_settings(), limit=3)
    articles = script.label(records, script.kg_eval.load_scorer(), script.batch_of())
    ranked = [r for a in articles for r in a.ranked]
    assert ranked and all(a.group == "written-dev" for a in articles)
    right = [r for r in ranked if r.kind == "right"]
    assert right and all(any(lab and c in r.chosen for c, lab in zip(r.ids, r.labels)) for r in right)
    for out in ("a", "b"):
        lp.save(lp.train(script.examples(articles), epochs=50), tmp_path / out, margin=1.0)
    assert (tmp_path / "a" / lp.MODEL_FILE).read_bytes() == (tmp_path / "b" / lp.MODEL_FILE).read_bytes()


def test_the_extractor_reads_the_setting(extractor, tmp_path, monkeypatch):
    """The shipped model and the settings file's margin; ``KG_ANCHOR_RANKER=off`` wins over them."""
    from kg.extract import Extractor

    path = tmp_path / "learned.yaml"
    path.write_text(f"anchor_ranker:\n  enabled: true\n  margin: 1.5\n  model: {lp.MODEL_DIR}\n", "utf-8")
    monkeypatch.setattr(lp, "SETTINGS_FILE", path)
    monkeypatch.delenv(lp.ENV, raising=False)
    parts = dict(nlp=extractor.nlp, gazetteer=extractor.gazetteer, lexicon=extractor.lexicon)
    on = Extractor(**parts)
    assert on.anchor_ranker is not None and on.anchor_ranker.settings.margin == 1.5 and on.anchor_ranker.weights
    monkeypatch.setenv(lp.ENV, "off")
    assert Extractor(**parts).anchor_ranker is None
