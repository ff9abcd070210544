"""scripts/first_run_events.py: the first-run event census (docs/extraction.md, round 43). Invented gold and
output in the kg-facts shape; the scorer is the real one (tests/eval/score.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import first_run_events as fr  # noqa: E402
from entity_scores import load_scorer  # noqa: E402

SC = load_scorer()

GOLD = {
    "entities": [{"name": "Kelvara", "type": "Location"}, {"name": "Dravel", "type": "Location"},
                 {"name": "Veltria", "type": "Location"}, {"name": "Veltran Front", "type": "ArmedGroup"}],
    "events": [
        {"type": "Attack", "roles": {"location": ["Kelvara"]}, "date": "2024-03-11"},
        {"type": "Attack", "roles": {"location": ["Dravel"]}, "date": "2024-03-11"},
        {"type": "Capture", "roles": {"place": ["Kelvara"]}, "date": "2024-03-10"},
    ],
}


def _ent(i, name, fclass=None, etype="Location"):
    return {"id": f"E{i}", "name": name, "type": etype, "aliases": [],
            "attributes": {"feature_class": fclass} if fclass else {}}


def _ev(i, etype, role, ids, date="2024-03-11", modality="asserted"):
    return {"id": f"V{i}", "type": etype, "roles": {role: ids}, "modality": modality,
            "date": {"value": date}, "quantities": {}, "evidence": {"text": f"sentence {i}"}}


ENTS = [_ent(1, "Kelvara", "P"), _ent(2, "Veltria", "A"), _ent(3, "Dravel", "P"), _ent(4, "Morvane", "P")]


def test_a_false_attack_at_a_province_makes_the_missed_attack_coarser():
    facts = {"entities": ENTS, "events": [_ev(1, "Attack", "location", ["E1"]), _ev(2, "Attack", "location", ["E2"]),
                                          _ev(3, "Capture", "place", ["E1"])]}
    errs = fr.article(SC, GOLD, facts)
    missed = [e for e in errs if e["kind"] == "missed"]
    false = [e for e in errs if e["kind"] == "false"]
    assert [(e["type"], e["anchor"], e["class"]) for e in missed] == [("Attack", ["dravel"], "coarser")]
    assert [(e["type"], e["anchor"], e["class"]) for e in false] == [("Attack", ["Veltria"], "coarser")]


def test_a_second_report_a_read_anchor_and_another_place():
    facts = {"entities": ENTS, "events": [_ev(1, "Attack", "location", ["E1"]), _ev(2, "Attack", "location", ["E1"]),
                                          _ev(3, "Capture", "place", ["E4"])]}
    errs = {(e["kind"], e["type"]): e["class"] for e in fr.article(SC, GOLD, facts)}
    assert errs[("false", "Attack")] == "second report"
    # the false attack at Kelvara is a second report of the matched one: no misplaced telling of Dravel's
    assert errs[("missed", "Attack")] == "anchor read"
    assert errs[("missed", "Capture")] == "other place"  # a false capture at Morvane
    assert errs[("false", "Capture")] == "other place"


def test_an_unasserted_event_at_the_gold_place_is_modality_and_a_place_never_read_is_not_read():
    ents = [_ent(1, "Kelvara", "P")]
    facts = {"entities": ents, "events": [_ev(1, "Attack", "location", ["E1"]),
                                          _ev(2, "Capture", "place", ["E1"], modality="hypothetical")]}
    errs = {(e["kind"], e["type"]): e["class"] for e in fr.article(SC, GOLD, facts)}
    assert errs == {("missed", "Attack"): "anchor not read", ("missed", "Capture"): "modality"}


def test_no_false_event_of_its_type_with_its_place_read_is_anchor_read():
    facts = {"entities": ENTS, "events": [_ev(1, "Attack", "location", ["E1"]), _ev(2, "Capture", "place", ["E1"])]}
    errs = [(e["kind"], e["type"], e["class"]) for e in fr.article(SC, GOLD, facts)]
    assert errs == [("missed", "Attack", "anchor read")]


def test_a_background_event_and_a_type_confusion():
    facts = {"entities": ENTS, "events": [_ev(1, "Attack", "location", ["E1"]), _ev(2, "Attack", "location", ["E3"]),
                                          _ev(3, "Capture", "place", ["E4"], date="1999-05-02"),
                                          _ev(4, "Capture", "place", ["E3"])]}
    errs = sorted((e["kind"], e["anchor"][0], e["class"]) for e in fr.article(SC, GOLD, facts))
    assert ("false", "Morvane", "background") in errs
    assert ("false", "Dravel", "type") in errs


def test_compare_marks_still_present_errors_once_each_with_todays_class():
    first = [{"kind": "missed", "key": "a", "class": "other place"}, {"kind": "missed", "key": "a", "class": "other place"},
             {"kind": "false", "key": "b", "class": "coarser"}]
    today = [{"kind": "missed", "key": "a", "class": "anchor read"}]
    out = fr.compare(first, today)
    assert [(e["today"], e["class_today"]) for e in out] == [(True, "anchor read"), (False, None), (False, None)]
    counts = fr.counts({"doc": {"batch": "A", "errors": out}})
    assert counts["missed"]["other place"]["first_run"] == 2
    assert counts["missed"]["other place"]["today"] == 0
    assert counts["missed"]["anchor read"]["today"] == 1
    assert counts["missed"]["anchor read"]["batches_today"] == ["A"]


def test_check_batches_are_never_read(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps({"batch": b, "id": b.lower()}) for b in "AHJMN"), "utf-8")
    assert [r["batch"] for r in fr.rows(path, batches=tuple("AHJMN"))] == ["A", "N"]
    assert not set(fr.LOOK_BATCHES) & {"H", "J", "M"}


def test_the_look_batches_are_every_batch_of_the_manifest_but_check():
    """A batch added to manifest.d joins the census without an edit of the script; H, J, M never do."""
    stems = sorted(p.stem for p in fr.MANIFESTS.glob("*.tsv") if len(p.stem) == 1)
    assert set(fr.LOOK_BATCHES) == set(stems) - {"H", "J", "M"}
    assert stems[-1] in fr.LOOK_BATCHES
