"""Issue 11's fusion batch r18: a fresh batch by a new writer, split at writing time between
tests/data/fusion/dev and tests/data/fusion/test (articles ``r18-*``; tests/data/fusion/README.md,
"Round 18"). Its make-up only: the test half's texts and results are never read here."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import fusion_batches

FUSION = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion"


def _dev_gold() -> dict[str, dict]:
    return {aid: json.loads((FUSION / "dev" / "gold" / f"{aid}.json").read_text("utf-8"))
            for aid in fusion_batches.manifest("r18", "dev")}


def _day(value: str) -> date:
    y, m, *d = value.split("-")
    return date(int(y), int(m), int(d[0]) if d else 1)


def test_the_batch_is_split_by_whole_clusters_odd_to_dev_and_even_to_test():
    """Twelve clusters, each wholly in one part with its distractors: odd numbers in dev, even in
    test, each told by 2-4 articles; at least 12 distractors in all."""
    fusion_batches.assert_split_by_whole_clusters("r18")


def test_every_dev_article_has_its_sidecar_gold_and_manifest_row_in_agreement():
    fusion_batches.assert_dev_rows_agree("r18", 25)


def test_the_syndicated_copy_has_the_wire_text_under_another_headline():
    art = FUSION / "dev" / "articles"
    a = (art / "r18-i09-a-cordillera-wire-tibu-drones.txt").read_text("utf-8").split("\n\n", 1)
    b = (art / "r18-i09-a2-cucuta-ledger-tibu-copy.txt").read_text("utf-8").split("\n\n", 1)
    assert a[1] == b[1] and a[0] != b[0]
    rows = fusion_batches.manifest("r18", "dev")
    assert rows["r18-i09-a2-cucuta-ledger-tibu-copy"]["kind"] == "syndicated-copy"
    assert rows["r18-i09-a2-cucuta-ledger-tibu-copy"]["publisher"] != rows["r18-i09-a-cordillera-wire-tibu-drones"]["publisher"]


def test_the_dev_half_holds_all_four_event_types_in_its_clusters():
    types = {ev["type"] for g in _dev_gold().values() for ev in g["events"]
             if ev["incident"].startswith("dev-r18-i")}
    assert types == {"Attack", "Capture", "Deployment", "Meeting"}


def test_each_dev_distractor_is_hard_its_clusters_type_within_five_weeks():
    """A distractor tells an event of its cluster's type, dated at most 35 days from it (the same
    day elsewhere, the same place a week later, the same two leaders again): a rule keyed on type
    and month could join it, so the batch tests more than blocking."""
    first_day: dict[str, tuple[str, date]] = {}
    for g in _dev_gold().values():
        for ev in g["events"]:
            day = _day(ev["date"][0])
            inc = ev["incident"]
            if inc not in first_day or day < first_day[inc][1]:
                first_day[inc] = (ev["type"], day)
    distractors = sorted(i for i in first_day if i.startswith("dev-r18-d"))
    assert len(distractors) == 6
    for inc in distractors:
        cluster = inc.replace("-d", "-i")
        (dtype, dday), (ctype, cday) = first_day[inc], first_day[cluster]
        assert dtype == ctype, inc
        assert abs((dday - cday).days) <= 35, inc


def test_a_back_reference_in_a_distractor_article_carries_its_clusters_incident():
    rows = fusion_batches.manifest("r18", "dev")
    for aid, row in rows.items():
        if row["kind"] == "distractor":
            incs = row["incidents"].split(",")
            assert incs[0].startswith("dev-r18-d"), aid
            assert all(i.startswith("dev-r18-") for i in incs), aid
