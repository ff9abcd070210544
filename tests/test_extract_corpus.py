"""Extraction quality on the development corpus (tests/data/corpus, gold in tests/data/gold)
and on the held-out set (tests/data/heldout: reports written by someone who did not read the
rules, annotated without running the extractor, and not used to tune it).

Both are written for the project (tests/data/CORPUS.md). The floors below are what the
extractor reaches today, a little under, so that a change that makes extraction worse fails
here; issue 3's targets (entities 0.85, events 0.75, arguments 0.65, dates 0.85) are the goal,
reported in docs/extraction-quality.md with the current figures.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.extract import facts as facts_io
from kg.models import EVENT_ROLES
from kg.read.reader import read_file
from script_loader import load_script

DATA = Path(__file__).resolve().parent / "data"
GOLD = sorted((DATA / "gold").glob("*.json"))
HELD_OUT = sorted((DATA / "heldout" / "gold").glob("*.json"))
EVAL = Path(__file__).resolve().parent / "eval"

FLOORS = {"entities_typed": 0.90, "events": 0.77, "arguments": 0.66, "dates": 0.94}  # issue 3 targets: 0.85 / 0.75 / 0.65 / 0.85
# dates 0.95 -> 0.94 (session 13): a capture now placed in its town (entities round 16) matches the gold capture
# there, with the month its sentence gives where the gold has the day (142 of 150, was 142 of 149)
HELD_OUT_FLOORS = {"entities_typed": 0.84, "events": 0.66, "arguments": 0.54, "dates": 0.86}


def _scorer():
    return load_script("score", folder="tests/eval")


def _article(gold_path: Path) -> Path:
    return gold_path.parent.parent / "corpus" / f"{gold_path.stem}.txt"


def _scores(extractor, golds: list[Path]) -> dict:
    score = _scorer()
    results = {}
    for g in golds:
        gold = json.loads(g.read_text("utf-8"))
        pred = json.loads(facts_io.dumps(extractor.extract(read_file(_article(g)))))
        results[g.stem] = score.score(gold, pred)
    return {"documents": results, "total": score.total(list(results.values()))}


@pytest.fixture(scope="module")
def corpus_scores(extractor) -> dict:
    return _scores(extractor, GOLD)


@pytest.fixture(scope="module")
def held_out_scores(extractor) -> dict:
    return _scores(extractor, HELD_OUT)


def test_the_corpus_has_at_least_twenty_reports_about_varied_conflicts() -> None:
    assert len(GOLD) >= 20
    countries = {g.stem.split("-")[1] for g in GOLD}
    assert len(countries) >= 12, countries
    for g in GOLD:
        assert _article(g).exists() and Path(f"{_article(g)}.meta.yaml").exists(), g.stem


def test_the_held_out_set_is_separate_and_varied() -> None:
    assert len(HELD_OUT) >= 10
    assert not {g.stem for g in HELD_OUT} & {g.stem for g in GOLD}
    assert not {g.stem.split("-")[1] for g in HELD_OUT} & {g.stem.split("-")[1] for g in GOLD}


@pytest.mark.parametrize("gold_path", GOLD + HELD_OUT, ids=[g.stem for g in GOLD + HELD_OUT])
def test_gold_file_is_consistent_with_its_article(gold_path: Path) -> None:
    """Every gold name occurs in the article; every role names a gold entity of a known role."""
    gold = json.loads(gold_path.read_text("utf-8"))
    text = _article(gold_path).read_text("utf-8")
    assert gold["id"] == gold_path.stem
    names = set()
    for e in gold["entities"]:
        assert e["type"] in {"Person", "Organization", "Country", "ArmedGroup", "ArmedForce", "Location"}
        for n in [e["name"], *e["aliases"]]:
            assert n in text, f"{n!r} not in the article"
            names.add(n)
    for ev in gold["events"]:
        assert ev["type"] in ("Deployment", "Attack", "Capture", "Meeting")
        allowed = set(EVENT_ROLES[ev["type"]])
        for role, values in ev["roles"].items():
            assert role in allowed, (ev["type"], role)
            assert set(values) <= names, values
        for d in ev.get("date", []):
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d), d


def test_corpus_scores_stay_above_the_floors(corpus_scores: dict) -> None:
    total = corpus_scores["total"]
    for key in ("entities_typed", "events", "arguments"):
        assert total[key]["f1"] >= FLOORS[key], (key, total[key])
    assert total["dates"]["accuracy"] >= FLOORS["dates"], total["dates"]


def test_held_out_scores_stay_above_the_floors(held_out_scores: dict) -> None:
    total = held_out_scores["total"]
    for key in ("entities_typed", "events", "arguments"):
        assert total[key]["f1"] >= HELD_OUT_FLOORS[key], (key, total[key])
    assert total["dates"]["accuracy"] >= HELD_OUT_FLOORS["dates"], total["dates"]


def test_no_report_is_left_with_nothing(corpus_scores: dict) -> None:
    """Each report yields some correct entities and at least one correct event."""
    for doc, r in corpus_scores["documents"].items():
        assert r["entities_typed"]["tp"] >= 5, doc
        assert r["events"]["tp"] >= 1, doc


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def test_rules_do_not_name_the_corpus() -> None:
    """Extraction rules stay general: no people or places of the corpus appear in the code."""
    paths = sorted((Path(__file__).resolve().parent.parent / "kg" / "extract").rglob("*.py"))
    assert any(p.parent.name == "events" for p in paths)  # the rules' subpackage is scanned too
    code = "\n".join(_norm(p.read_text("utf-8")) for p in paths)
    for g in GOLD + HELD_OUT:
        gold = json.loads(g.read_text("utf-8"))
        for e in gold["entities"]:
            if e["type"] in ("Person", "Location") and len(e["name"]) > 5:
                assert _norm(e["name"]) not in code, (g.stem, e["name"])
