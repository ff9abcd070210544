"""Fusion quality on the fusion corpus (tests/data/fusion, see its README), and fusion's
all-or-nothing writes during a build.

The dev part may be tuned on; the test part never is (only its totals are reported, here and in
docs/fusion.md). Both are built with the real extractor and scored by scripts/eval.py's fusion
scorer (B-cubed and pairwise over gold events; a gold event the extractor missed is a singleton,
which caps recall). The floors are a little under today's figures, so that a change that makes
fusion worse (or extraction of the events fusion needs) fails here. Issue 11's targets are
B-cubed F1 0.90 and pairwise precision 0.95.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent

# Figures (2026-12-06, session 7): dev B-cubed F1 0.914, pairwise P 1.000;
# test B-cubed F1 0.865, pairwise P 1.000 (none false on either). Round 4 added 20 dev articles
# (clusters dev-i16..i21): dev 0.916, pairwise P 1.000 on the tree of that day. Round 5 added 20
# more and then 3 (dev-i22..i27, written on extraction's typical misreadings; most of their
# reports are missed or misplaced by the extractor of the day): dev (89 articles) 0.879 on the
# extraction of 7d8cdfd, 0.888 on that of bf06714, pairwise P 1.000.
# Session 11: fusion round 6 (dev 107 articles) dev 0.933, pairwise P 1.000; test B-cubed 0.857,
# pairwise P 0.909 (10 of 11 joined pairs right). The one false test join came with the gazetteer's
# correction of that session (fcdf734: no alternate name beats a place's own name elsewhere, no
# vowel-blind look-alike abroad), found by totals-only runs; it was kept, as a correct geocode,
# rather than taken back on a test figure, and the test floor of pairwise precision set under the
# figure (0.90; issue 11's target 0.95 is not met on test since). docs/fusion.md, sixth round.
# Session 12: fusion round 7 (dev 144 articles: 37 new, measured before tuning at B-cubed 0.787)
# dev 0.933, pairwise P 0.989 (one false pair: a scoring artefact, docs/fusion.md); test B-cubed
# 0.845, pairwise P 0.889: 8 of 9 joined pairs right (were 10 of 11): the same one false join,
# two true joins fewer; not attributed between the round's fusion rules and the extraction rounds
# of the same session (no test runs were spent on it). Floors set under the figures.
# Session 13: fusion round 8 added fresh material to both parts in one sitting (dev 26 articles, 26
# gold events: 170 / 223; test 25 articles, 26 gold events: 58 / 77), committed before any run.
# Dev 0.918, pairwise P 0.990 (the new dev part: first run 0.732, after the round 0.772). The one
# test run: all 58 B-cubed 0.833, pairwise P 0.941; the new 25 alone 0.772 / P 1.000; the earlier
# 33 0.861 / P 0.909 (docs/fusion.md, eighth round). After the session's extraction rounds (one
# lead run at 7153a88): dev 0.918 / 0.990, test 0.833 / 0.941 (16 of 17 joined pairs right). The
# test B-cubed floor goes under the larger set's figure (0.84 -> 0.82), pairwise P up (0.88 -> 0.93).
# Session 14: fusion round 9 added fresh material to both parts in one sitting (dev 26 articles, 26
# gold events: 196 / 249; test 26 articles, 26 gold events: 84 / 103), committed (8d5d137) before
# any run; no fusion rule changed (no class of three gold clusters had an allowed fix). Dev 0.903,
# pairwise P 0.964 (the new dev part's first run 0.809 / P 0.889). The one test run (the tree of
# 8d5d137): all 84 B-cubed 0.825, pairwise P 0.862 (25 of 29 joined pairs right); the new 26 alone
# 0.799 / P 0.750; the earlier 58 0.833 / P 0.941 as before. The test pairwise floor (0.93) fails
# on the larger set; the floors are left to the lead (docs/fusion.md, ninth round).
# Then fusion round 10 (a perpetrator at unrelated places adds nothing) and extraction round 20
# (misreadings that split incidents): dev 0.916 / P 0.983 (0.903 / 0.964 on the session's starting
# rules); the lead's one test run at 8d820b9: 0.831 / P 0.871 (27 of 31 joined pairs right; 0.825 /
# 0.862 on the starting rules with the new material). Test pairwise floor set under it (0.93 -> 0.86).
# Session 15: fusion round 11 (an unresolved place takes its article's one country, for fusion only)
# and extraction round 23 (event misreadings that split incidents): dev 0.944 / P 0.992 (0.916 / 0.983
# at the start); test 0.827 / P 0.867 (26 of 30 joined pairs right; 0.831 / 0.871 at the start: round
# 11 lost one true pair of the old part; round 23 changed nothing on test); the 26 test articles of
# round 9, which the rule barred until then had never met: 0.799 / P 0.750 before and after. Dev
# floors up (0.90 -> 0.93, 0.95 -> 0.98); test floors kept.
# Session 17: fusion round 13 added a fresh dev batch by a new writer (31 articles r13-*, 35 gold
# events: 227 / 284), committed (430f693) before any run; no fusion rule kept (22 of its 25 missed
# pairs are extraction's). Dev 0.922 / P 0.993 (the old 196 unchanged at 0.944 / 0.992; the batch
# alone 0.727 / P 1.000). Dev B-cubed floor under the larger set's figure (0.93 -> 0.91).
# Then fusion round 14: a hard-distractor dev batch (29 articles r14-*, 39 gold events: 256 / 323),
# committed (a46837a) before any run, and two rules against joins of reports a day apart with nothing
# else agreeing: dev 0.909 / P 0.993 (the batch 0.783 / P 0.667 -> 0.812 / P 1.000; old parts
# unchanged). The lead's test run: 0.833 / P 0.871 (27 of 31 joins right) before the round, 0.834 /
# P 0.929 (26 of 28) after. Dev B-cubed floor 0.91 -> 0.90; test pairwise floor 0.86 -> 0.90.
# Session 18: fusion round 16, a batch by a new writer split at writing time between dev (26 articles
# r16-*, 35 gold events: 282 / 358) and test (25 articles, 29 gold events: 109 / 132), committed
# (032d19e) before any run; first run r16-dev 0.704, r16-test 0.766 / P 1.000 (9 of 9 joins right), the
# old test part unchanged (0.834 / P 0.929). Two rules (a deployment report with no place takes its
# sentence's place; a month-dated capture beside a capture on a day of that month), the learned filter
# on by default and extraction rounds 39-41: dev 0.915 / P 0.989; test (all 109) 0.820 / P 0.946 (35 of
# 37 joins right) at the batch's merge and at the end. Test B-cubed floor under the larger set's figure
# (0.82 -> 0.81), pairwise P up (0.90 -> 0.93).
# Session 19: fusion round 17, a batch by a new writer split at writing time between dev (25 articles
# r17-*: 307 / 388) and test (24 articles: 133 / 159), committed before any run; first run r17-dev 0.601,
# r17-test 0.709 / P 1.000 (5 of 5 joins right). One rule (unresolved places that differ by a
# settlement word are one place): dev 0.901 / P 0.989; test (all 133) 0.803 / P 0.952 (40 of 42 joins
# right). A perfect fusion of the reports the extractor reads would give dev 0.933, test 0.876
# (scripts/eval.py's ceiling). B-cubed floors under the larger sets' figures (dev 0.90 -> 0.89,
# test 0.81 -> 0.79). Then fusion round 18 (the stage's own splits), geocoding rounds 27-28 (districts),
# entities 27-28, events 42-45 and a gold correction (r17 listed two persons twice): dev 0.913 / P 0.995
# (ceiling 0.941), test 0.806 / P 0.953 (41 of 43 joins right; ceiling 0.882). Floors: dev B-cubed
# 0.89 -> 0.90, test 0.79 -> 0.80.
# Session 20: batches r18 and r19 by two new writers (dev 357 articles / 450 gold events, test 182 / 220),
# fusion rounds 19-20, events rounds 46-48, geocoding 29. Session start (647616b's code) on the final
# sets: dev 0.891 / P 0.995 (ceiling 0.918), test 0.774 / P 0.964 (ceiling 0.866); end: dev 0.903 /
# P 0.996 (ceiling 0.932), test 0.783 / P 0.937 (59 of 63 joins right; ceiling 0.868). Floors: dev
# B-cubed 0.90 -> 0.895, test 0.80 -> 0.775 (the fresh writers' test halves scored 0.681 and 0.722 at
# their first runs).
# Session 21: batches r20 and r21 by two new writers (dev 409 articles / 514 gold events, test 233 / 284;
# first runs r20-dev 0.750, r20-test 0.756 (P 0.818), r21-dev 0.735 (P 0.833), r21-test 0.733), fusion
# rounds 21-22, geocoding 30, events 49-50, entities 31-32, the filter's threshold 0.50. Session start
# (7e73db1's code) on the final sets: dev 0.885 / P 0.989 (ceiling 0.919), test 0.774 / P 0.915
# (ceiling 0.857); end: dev 0.902 / P 1.000 (ceiling 0.931), test 0.773 / P 0.944 (84 of 89 joins
# right; ceiling 0.837). Floors: dev pairwise P 0.98 -> 0.99, test B-cubed 0.775 -> 0.765.
FLOORS = {
    "fusion-dev": {"bcubed_f1": 0.895, "pairwise_precision": 0.99},
    "fusion-test": {"bcubed_f1": 0.765, "pairwise_precision": 0.93},
}


def _eval_module():
    return load_script("eval", register_as="kg_eval_script")


@pytest.fixture(scope="module")
def scores(shipped_extractor) -> dict[str, dict]:
    ev = _eval_module()
    scorer = ev.load_scorer()
    return {name: ev.run_fusion_set(name, shipped_extractor, scorer) for name in FLOORS}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_fusion_floors(scores: dict[str, dict], name: str) -> None:
    r, floor = scores[name], FLOORS[name]
    assert r["documents"] == {"fusion-dev": 409, "fusion-test": 233}[name]
    assert r["gold_events"] == {"fusion-dev": 514, "fusion-test": 284}[name]
    assert r["ceiling"]["bcubed_f1"] >= r["bcubed"]["f1"] - 0.01  # read reports fused perfectly
    assert r["bcubed"]["f1"] >= floor["bcubed_f1"], r
    assert r["pairwise"]["precision"] >= floor["pairwise_precision"], r
    assert r["bcubed"]["precision"] >= r["pairwise"]["precision"] - 0.05  # no large false merge


def test_a_plan_and_its_fulfilment_are_two_incidents_in_the_scorer() -> None:
    """The gold has '-plan' incidents: the scorer no longer merges a plan with the incident
    that fulfils it (ckg:fulfils is a link, not an identity)."""
    text = (ROOT / "scripts" / "eval.py").read_text("utf-8")
    assert "chain.get(" not in text
    gold = "".join(p.read_text("utf-8") for p in (ROOT / "tests" / "data" / "fusion" / "dev" / "gold").glob("*.json"))
    assert '"dev-i10-plan"' in gold and '"dev-i10"' in gold


# ----------------------------------------------------------------------------- failed writes

ARTICLE = """---
title: {title}
publisher: {publisher}
published: 2017-03-0{day}
---
{body}
"""


class _FailingWrites:
    """Proxy for the pyoxigraph store whose writes fail at their very end (as in test_store)."""

    def __init__(self, real: ox.Store) -> None:
        self._real = real

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def update(self, text: str, **kw: object) -> None:
        # applied, then a run-time error: the transaction must roll every graph back
        self._real.update(text + " ;\nDROP GRAPH <urn:kg-test:missing>", **kw)

    def extend(self, quads: list) -> None:
        def half():
            for i, q in enumerate(quads):
                if i == len(quads) // 2:
                    raise OSError("disk full")
                yield q

        self._real.extend(half())

    def load(self, data: bytes, **kw: object) -> None:
        raise OSError("disk full")


def _graphs(store) -> dict[str, set]:
    return {str(g): {(str(s), str(p), str(o)) for s, p, o in store.graph(g)} for g in store.graphs()}


def test_a_failed_write_leaves_the_document_and_its_incidents_as_they_were(
        tmp_path: Path, extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import pipeline
    from kg.fuse.index import FusionIndex, fuse_store, incident_graphs
    from kg.store.core import KGStore

    docs = tmp_path / "docs"
    docs.mkdir()
    texts = [
        ("Bomb kills 12 in Kirkuk", "Outlet A", 6, "A car bomb exploded in Kirkuk on Sunday, killing 12 people, police said."),
        ("Car bomb in Kirkuk", "Outlet C", 7, "A car bomb killed 14 people in Kirkuk on 5 March, a police officer said."),
    ]
    for i, (title, pub, day, body) in enumerate(texts):
        (docs / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    late = tmp_path / "late"
    late.mkdir()
    (late / "a2.md").write_text(ARTICLE.format(
        title="Kirkuk blast toll rises", publisher="Outlet B", day=6,
        body="A car bomb killed 20 people in Kirkuk on Sunday, officials said."), "utf-8")
    with KGStore.open(tmp_path / "store") as store:
        pipeline.build([docs], store, extractor=extractor)
        [incident] = incident_graphs(store)  # the two reports are one incident
        before = _graphs(store)
        # a third report of the same bombing, whose transaction fails at its very end: its graph
        # and the incident it would grow (two reports -> three, a new median) stay as they were
        monkeypatch.setattr(store, "_ox", _FailingWrites(store.ox_store))
        report = pipeline.build([late], store, extractor=extractor)
        monkeypatch.undo()
        assert report.documents == 0 and [f.stage for f in report.failed] == ["store"]
        assert _graphs(store) == before
        # the same build when the write succeeds: the incident grows, with the same IRI
        report = pipeline.build([late], store, extractor=extractor)
        assert report.documents == 1 and not report.failed
        assert incident_graphs(store) == [incident]
        reports = store.query(f"SELECT (COUNT(?r) AS ?n) WHERE {{ GRAPH <{incident}> {{ ?i ckg:report ?r }} }}").rows
        assert int(reports[0][0]) == 3
        # what the incremental builds left is what fusing the whole store gives
        after = _graphs(store)
        fuse_store(store)
        assert _graphs(store) == after
        index = FusionIndex.from_store(store)
        assert set(index.incident_of.values()) == {incident[:-len("/graph")]}


def test_the_extraction_ceiling_fuses_every_report_read_and_leaves_the_missed_alone() -> None:
    """The ceiling (a perfect fusion of the reports the extractor read) separates extraction's share
    of the gap from fusion's: here the stage split a read pair and merged two incidents."""
    ev = _eval_module()
    items = [("inc-a", "p1"), ("inc-a", "single:doc:0"), ("inc-a", "p2"), ("inc-b", "p1")]
    ceiling = ev._extraction_ceiling(items)
    assert ceiling["pairwise_tp"] == 1  # the two read reports of inc-a; the missed one joins nothing
    actual = ev._bcubed_pairwise(items)
    assert actual["pairwise"]["tp"] == 0
    assert ceiling["bcubed_f1"] > actual["bcubed"]["f1"]
    assert ceiling["bcubed_f1"] < 1.0  # the missed report caps it
