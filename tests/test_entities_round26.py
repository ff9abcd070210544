"""Entities, round 26 (issues 10 and 11): missed and false entities on fresh writers' text
(docs/entities.md, "Round 26 (entities)"): the instrument's names listing (scripts/entity_scores.py
--names), a state's army named as a modifier of another noun, and a place's bare name beside its
feature or facility word.

Each extraction test is an invented report with invented names.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location("entity_scores", ROOT / "scripts" / "entity_scores.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# The instrument: missed and false names gathered over a group, with their articles and batches.

def test_names_listing_gathers_missed_and_false_names_by_batch():
    es = _module()
    errs = {"a1": ["missed 'Velmar camp' Location", "false 'Tarvo' Organization",
                   "wrongtype 'Drava' Person (gold Location)"],
            "a2": ["missed 'Velmar camp' Location", "missed \"Oskar's Guard\" ArmedForce"],
            "b1": ["missed 'Velmar camp' Location"]}
    rows = es.names_listing(errs, {"a1": "A", "a2": "A", "b1": "r13"})
    got = [(r["kind"], r["name"], r["type"], len(r["articles"]), r["batches"]) for r in rows]
    assert got == [("false", "Tarvo", "Organization", 1, ["A"]),
                   ("missed", "Velmar camp", "Location", 3, ["A", "r13"]),
                   ("missed", "Oskar's Guard", "ArmedForce", 1, ["A"])]  # wrong types are not listed


def test_batches_of_the_names_listing():
    es = _module()
    of_batch = {"a1": "A", "h1": "H"}
    assert es.batch_of("a1", "realnews-dev", of_batch) == "A"
    assert es.batch_of("dev01-x", "written-dev", of_batch) == "written"
    assert es.batch_of("r14-i02-a-x", "fusion-dev", of_batch) == "r14"
    assert es.batch_of("r16-d01-x", "fusion-dev", of_batch) == "r16"
    assert es.batch_of("d52-x", "fusion-dev", of_batch) == "fusion"
    assert es.group_of("r16-d01-x", "fusion-dev", of_batch) == "fresh"


def test_names_listing_refuses_the_check_group():
    es = _module()
    with pytest.raises(SystemExit):
        es.main(["--names", "check"])
