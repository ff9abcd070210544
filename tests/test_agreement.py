"""scripts/agreement.py: a gold file as a prediction (inter-annotator agreement, docs/agreement.md).

The gold files here are invented (names of no corpus article); one test runs over the corpus gold
files to show that the converter keeps every field the scorer reads."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
agreement = load_script("agreement")
score = agreement.load_scorer()

GOLD = {
    "id": "invented-2031-valdoria-brenn-crossing",
    "entities": [
        {"name": "Valdoria", "type": "Country", "aliases": ["Valdorian government"]},
        {"name": "Valdorian forces", "type": "ArmedForce", "aliases": ["Valdorian troops"]},
        {"name": "Red Marsh Front", "type": "ArmedGroup", "aliases": ["RMF", "the Front"]},
        {"name": "Brenn", "type": "Location", "aliases": []},
        {"name": "Oskel air base", "type": "Location", "aliases": ["Oskel"]},
        {"name": "Tamsin Orrey", "type": "Person", "aliases": ["Orrey"]},
        {"name": "Juno Kassar", "type": "Person", "aliases": ["Kassar"]},
        {"name": "Harrow", "type": "Location", "aliases": []},
    ],
    "events": [
        {"type": "Attack", "roles": {"perpetrator": ["RMF"], "target": ["Valdorian forces"], "location": ["Brenn"]},
         "quantities": {"fatalities": 12, "injuries": 3}, "date": ["2031-04-02", "2031-04"]},
        {"type": "Capture", "roles": {"captor": ["Valdorian troops"], "place": ["Brenn"], "former": ["Red Marsh Front"]},
         "date": "2031-04-05"},
        {"type": "Deployment", "roles": {"agent": ["Valdoria"], "destination": ["Oskel air base"]},
         "quantities": {"troops": 400}, "date": ["2031"]},
        {"type": "Meeting", "roles": {"participants": ["Orrey", "Juno Kassar"], "location": ["Harrow"]},
         "date": ["2031-04-06"]},
        {"type": "Attack", "roles": {"perpetrator": ["the Front"], "location": ["Harrow"], "target": ["a convoy"]}},
    ],
}


def _f1(gold, second):
    return agreement.figures(score.score(gold, agreement.gold_to_facts(second)))


def test_a_gold_file_scored_against_itself_agrees_fully() -> None:
    assert _f1(GOLD, GOLD) == {"entities": 1.0, "events": 1.0, "arguments": 1.0, "dates": 1.0}


def test_the_converter_keeps_types_aliases_roles_quantities_and_the_first_date() -> None:
    facts = agreement.gold_to_facts(GOLD)
    by_id = {e["id"]: e for e in facts["entities"]}
    attack = facts["events"][0]
    assert [by_id[i]["name"] for i in attack["roles"]["perpetrator"]] == ["Red Marsh Front"]
    assert attack["quantities"] == {"fatalities": {"value": 12}, "injuries": {"value": 3}}
    assert attack["date"] == {"value": "2031-04-02"} and attack["modality"] == "asserted"
    assert facts["events"][1]["date"] == {"value": "2031-04-05"}  # a date given as one string
    # a role value that names no entity still counts, as an entity of a type the scorer ignores
    convoy = by_id[facts["events"][4]["roles"]["target"][0]]
    assert convoy["name"] == "a convoy" and convoy["type"] not in score.ENTITY_TYPES


def test_a_changed_event_lowers_the_events_f1() -> None:
    moved = copy.deepcopy(GOLD)
    moved["events"][1]["roles"]["place"] = ["Harrow"]  # the capture told at another place
    figures = _f1(GOLD, moved)
    assert figures["events"] < 1.0 and figures["arguments"] < 1.0
    assert figures["entities"] == 1.0


def test_a_changed_toll_lowers_the_arguments_f1_only() -> None:
    toll = copy.deepcopy(GOLD)
    toll["events"][0]["quantities"]["fatalities"] = 14
    figures = _f1(GOLD, toll)
    assert figures["events"] == 1.0 and figures["arguments"] < 1.0


def test_an_entity_left_out_lowers_the_entities_f1() -> None:
    fewer = copy.deepcopy(GOLD)
    fewer["entities"] = [e for e in fewer["entities"] if e["name"] != "Juno Kassar"]
    figures = _f1(GOLD, fewer)
    assert figures["entities"] < 1.0
    # the meeting's participant, now a name of no listed entity, still reaches the gold entity by name
    assert figures["events"] == 1.0 and figures["arguments"] == 1.0


def test_measure_scores_folders_per_part_and_diff_names_the_disagreement(tmp_path: Path) -> None:
    gold_dir, other = tmp_path / "gold", tmp_path / "second"
    gold_dir.mkdir()
    other.mkdir()
    (gold_dir / f"{GOLD['id']}.json").write_text(json.dumps(GOLD))
    second = copy.deepcopy(GOLD)
    second["events"] = second["events"][:3]  # the second annotator has no meeting and no convoy attack
    (other / f"{GOLD['id']}.gold.json").write_text(json.dumps(second))
    measured = agreement.measure(other, gold_dirs={"dev": gold_dir})
    assert set(measured["total"]) == {"dev", "all"}
    assert measured["total"]["dev"]["events"] == pytest.approx(2 * 3 / (5 + 3), abs=0.001)
    assert measured["documents"][GOLD["id"]]["split"] == "dev"
    found = agreement.diff(GOLD, second)
    assert [e["type"] for e in found["events_only_gold"]] == ["Meeting", "Attack"]
    assert not found["events_only_second"] and not found["matched_events_differ"]


def test_diff_reports_a_changed_role_of_a_matched_event() -> None:
    other = copy.deepcopy(GOLD)
    other["events"][1]["roles"]["former"] = []
    found = agreement.diff(GOLD, other)
    assert found["matched_events_differ"] == [
        {"event": "Capture #1 ~ #1", "differ": {"former": [["Red Marsh Front"], []]}}]


def test_every_corpus_gold_file_with_anchored_events_agrees_with_itself() -> None:
    anchors = {"Deployment": "destination", "Attack": "location", "Capture": "place", "Meeting": "participants"}
    checked = 0
    for split in agreement.SPLITS:
        for path in sorted((agreement.REALNEWS / split / "gold").glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            if any(not ev["roles"].get(anchors[ev["type"]]) and not (ev.get("quantities") or {}).get("troops")
                   for ev in gold["events"]):
                continue  # an event with no anchor can never be matched by the scorer
            result = score.score(gold, agreement.gold_to_facts(gold))
            for key in ("entities_typed", "events", "arguments"):  # (an article with no events scores F1 0 of 0)
                assert result[key]["fp"] == result[key]["fn"] == 0, (path.stem, key)
            assert result["dates"]["correct"] == result["dates"]["of"], path.stem
            checked += 1
    assert checked >= 150


def test_the_sample_is_fixed_and_follows_the_procedure() -> None:
    rows = agreement.sample()
    assert rows == agreement.sample()
    ids = [i for _, _, i in rows]
    assert len(ids) == len(set(ids)) == 20
    dev = [(b, i) for s, b, i in rows if s == "dev"]
    test = [(b, i) for s, b, i in rows if s == "test"]
    assert len(dev) == 12 and len(test) == 8
    assert sum(b == "H" for b, _ in dev) == 2 and sum(b == "J" for b, _ in dev) == 2
    assert len({b for b, _ in test}) == 8 and not set(ids) & agreement.UNVERIFIED
    listed = (agreement.AGREEMENT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{i}`" in listed for i in ids)
