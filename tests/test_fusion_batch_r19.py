"""Issue 11's fusion batch r19: a fresh batch by a new writer, split at writing time between
tests/data/fusion/dev and tests/data/fusion/test (articles ``r19-*``; tests/data/fusion/README.md,
"Round 19"). Its make-up only: the test half's texts and results are never read here."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import fusion_batches

FUSION = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion"


def _dev_gold() -> dict[str, dict]:
    return {aid: json.loads((FUSION / "dev" / "gold" / f"{aid}.json").read_text("utf-8"))
            for aid in fusion_batches.manifest("r19", "dev")}


def _day(value: str) -> date:
    y, m, *d = value.split("-")
    return date(int(y), int(m), int(d[0]) if d else 1)


def test_the_batch_is_split_by_whole_clusters_odd_to_dev_and_even_to_test():
    """Twelve clusters, each wholly in one part with its distractors: odd numbers in dev, even in
    test, each told by 2-4 articles; at least 12 distractors in all."""
    fusion_batches.assert_split_by_whole_clusters("r19")


def test_every_dev_article_has_its_sidecar_gold_and_manifest_row_in_agreement():
    fusion_batches.assert_dev_rows_agree("r19", 25)


def test_the_syndicated_copy_has_the_wire_text_under_another_headline():
    art = FUSION / "dev" / "articles"
    a = (art / "r19-i01-b-arabia-wire-marib-front.txt").read_text("utf-8").split("\n\n", 1)
    b = (art / "r19-i01-a2-aden-evening-post-marib-copy.txt").read_text("utf-8").split("\n\n", 1)
    assert a[1] == b[1] and a[0] != b[0]
    rows = fusion_batches.manifest("r19", "dev")
    assert rows["r19-i01-a2-aden-evening-post-marib-copy"]["kind"] == "syndicated-copy"
    assert rows["r19-i01-a2-aden-evening-post-marib-copy"]["publisher"] != rows["r19-i01-b-arabia-wire-marib-front"]["publisher"]


def test_the_dev_half_holds_all_four_event_types_in_its_clusters():
    types = {ev["type"] for g in _dev_gold().values() for ev in g["events"]
             if ev["incident"].startswith("dev-r19-i")}
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
    distractors = sorted(i for i in first_day if i.startswith("dev-r19-d"))
    assert len(distractors) == 6
    for inc in distractors:
        cluster = inc.replace("-d", "-i")
        (dtype, dday), (ctype, cday) = first_day[inc], first_day[cluster]
        assert dtype == ctype, inc
        assert abs((dday - cday).days) <= 35, inc


def test_a_back_reference_in_a_distractor_article_carries_its_clusters_incident():
    rows = fusion_batches.manifest("r19", "dev")
    for aid, row in rows.items():
        if row["kind"] == "distractor":
            incs = row["incidents"].split(",")
            assert incs[0].startswith("dev-r19-d"), aid
            assert all(i.startswith("dev-r19-") for i in incs), aid


def test_the_dev_half_tells_each_cluster_by_at_least_three_outlets_of_other_kinds():
    """Each dev cluster is told by three or more distinct publishers (a wire, an official or a
    group's statement, a local outlet, a weekly, a radio bulletin or an NGO), not one outlet twice."""
    by_cluster: dict[str, set[str]] = {}
    for aid, row in fusion_batches.manifest("r19", "dev").items():
        if row["kind"] != "distractor":
            by_cluster.setdefault(row["incidents"].split(",")[0], set()).add(row["publisher"])
    assert sorted(by_cluster) == [f"dev-r19-i{n:02d}" for n in (1, 3, 5, 7, 9, 11)]
    for inc, publishers in by_cluster.items():
        assert len(publishers) >= 3, (inc, publishers)


def test_a_report_published_across_a_month_or_year_boundary_dates_its_event_before_it():
    """The Libyan paper's report of 2 January dates the Istanbul talks to 28 December of the year
    before; the event date is never after the publication date in the dev half."""
    for aid, g in _dev_gold().items():
        for ev in g["events"]:
            assert _day(ev["date"][0]) <= _day(g["source"]["published"]), aid
    g = _dev_gold()["r19-i07-c-tripoli-herald-pm-returns"]
    assert g["source"]["published"].startswith("2025-01")
    assert [ev["date"][0] for ev in g["events"]] == ["2024-12-28"]
