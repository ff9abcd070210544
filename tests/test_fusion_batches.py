"""Issue 11's fusion batches r18, r19 (session 20) and r20 (session 21): each a fresh batch by a new
writer, split at writing time between tests/data/fusion/dev and tests/data/fusion/test (articles
``r18-*``, ``r19-*``, ``r20-*``; tests/data/fusion/README.md, "Round 18" to "Round 20"). Their make-up
only: the test halves' texts and results are never read here. The checks every batch shares run once
per batch; those of r19 and r20 (outlets per cluster, a year boundary) follow."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import fusion_batches

FUSION = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion"

#: Per batch: its dev articles, and the wire story with its syndicated copy.
BATCHES = {
    "r18": (25, "r18-i09-a-cordillera-wire-tibu-drones", "r18-i09-a2-cucuta-ledger-tibu-copy"),
    "r19": (25, "r19-i01-b-arabia-wire-marib-front", "r19-i01-a2-aden-evening-post-marib-copy"),
    "r20": (26, "r20-i03-b-dnieper-wire-toretsk-falls", "r20-i03-b2-black-sea-evening-post-toretsk-copy"),
}
batch = pytest.mark.parametrize("prefix", sorted(BATCHES))


def _dev_gold(prefix: str) -> dict[str, dict]:
    return {aid: json.loads((FUSION / "dev" / "gold" / f"{aid}.json").read_text("utf-8"))
            for aid in fusion_batches.manifest(prefix, "dev")}


def _day(value: str) -> date:
    y, m, *d = value.split("-")
    return date(int(y), int(m), int(d[0]) if d else 1)


@batch
def test_the_batch_is_split_by_whole_clusters_odd_to_dev_and_even_to_test(prefix):
    """Twelve clusters, each wholly in one part with its distractors: odd numbers in dev, even in
    test, each told by 2-4 articles; at least 12 distractors in all."""
    fusion_batches.assert_split_by_whole_clusters(prefix)


@batch
def test_every_dev_article_has_its_sidecar_gold_and_manifest_row_in_agreement(prefix):
    fusion_batches.assert_dev_rows_agree(prefix, BATCHES[prefix][0])


@batch
def test_the_syndicated_copy_has_the_wire_text_under_another_headline(prefix):
    _, wire, copy = BATCHES[prefix]
    art = FUSION / "dev" / "articles"
    a = (art / f"{wire}.txt").read_text("utf-8").split("\n\n", 1)
    b = (art / f"{copy}.txt").read_text("utf-8").split("\n\n", 1)
    assert a[1] == b[1] and a[0] != b[0]
    rows = fusion_batches.manifest(prefix, "dev")
    assert rows[copy]["kind"] == "syndicated-copy"
    assert rows[copy]["publisher"] != rows[wire]["publisher"]


@batch
def test_the_dev_half_holds_all_four_event_types_in_its_clusters(prefix):
    types = {ev["type"] for g in _dev_gold(prefix).values() for ev in g["events"]
             if ev["incident"].startswith(f"dev-{prefix}-i")}
    assert types == {"Attack", "Capture", "Deployment", "Meeting"}


@batch
def test_each_dev_distractor_is_hard_its_clusters_type_within_five_weeks(prefix):
    """A distractor tells an event of its cluster's type, dated at most 35 days from it (the same
    day elsewhere, the same place a week later, the same two leaders again): a rule keyed on type
    and month could join it, so the batch tests more than blocking."""
    first_day: dict[str, tuple[str, date]] = {}
    for g in _dev_gold(prefix).values():
        for ev in g["events"]:
            day = _day(ev["date"][0])
            inc = ev["incident"]
            if inc not in first_day or day < first_day[inc][1]:
                first_day[inc] = (ev["type"], day)
    distractors = sorted(i for i in first_day if i.startswith(f"dev-{prefix}-d"))
    assert len(distractors) == 6
    for inc in distractors:
        cluster = inc.replace("-d", "-i")
        (dtype, dday), (ctype, cday) = first_day[inc], first_day[cluster]
        assert dtype == ctype, inc
        assert abs((dday - cday).days) <= 35, inc


@batch
def test_a_back_reference_in_a_distractor_article_carries_its_clusters_incident(prefix):
    for aid, row in fusion_batches.manifest(prefix, "dev").items():
        if row["kind"] == "distractor":
            incs = row["incidents"].split(",")
            assert incs[0].startswith(f"dev-{prefix}-d"), aid
            assert all(i.startswith(f"dev-{prefix}-") for i in incs), aid


#: Per batch with its own checks: a report published across a year boundary and its event's date.
YEAR_BOUNDARY = {
    "r19": ("r19-i07-c-tripoli-herald-pm-returns", "2025-01", ["2024-12-28"]),
    "r20": ("r20-i05-b-highland-wire-gondar-troops", "2025-01", ["2024-12-31", "2024-12-24"]),
}


@pytest.mark.parametrize("prefix", sorted(YEAR_BOUNDARY))
def test_each_dev_cluster_is_told_by_at_least_three_outlets_of_other_kinds(prefix):
    """Each dev cluster of r19 and r20 is told by three or more distinct publishers (a wire, an official
    or a group's statement, a local outlet, a weekly, a radio bulletin or an NGO), not one outlet twice."""
    by_cluster: dict[str, set[str]] = {}
    for aid, row in fusion_batches.manifest(prefix, "dev").items():
        if row["kind"] != "distractor":
            by_cluster.setdefault(row["incidents"].split(",")[0], set()).add(row["publisher"])
    assert sorted(by_cluster) == [f"dev-{prefix}-i{n:02d}" for n in (1, 3, 5, 7, 9, 11)]
    for inc, publishers in by_cluster.items():
        assert len(publishers) >= 3, (inc, publishers)


@pytest.mark.parametrize("prefix", sorted(YEAR_BOUNDARY))
def test_a_report_published_across_a_year_boundary_dates_its_events_before_it(prefix):
    """r19: the Libyan paper's report of 2 January dates the Istanbul talks to 28 December of the year
    before; r20: the wire of 1 January dates the troops sent to Gondar to 31 December (and its background
    attack to 24 December). No event date is after its report's publication date in either dev half."""
    for aid, g in _dev_gold(prefix).items():
        for ev in g["events"]:
            assert _day(ev["date"][0]) <= _day(g["source"]["published"]), aid
    aid, month, dates = YEAR_BOUNDARY[prefix]
    g = _dev_gold(prefix)[aid]
    assert g["source"]["published"].startswith(month)
    assert [ev["date"][0] for ev in g["events"]] == dates
