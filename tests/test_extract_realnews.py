"""Extraction quality on real, freely licensed news (tests/data/realnews, see its README).

The corpus has a dev part (rules are tuned on it) and a test part (annotated before the
extractor ever ran on it, and never tuned on). Both are scored with the project's copy of the
shared scorer; the floors are a little under today's figures, so that a change that makes
extraction on real news worse fails here. Issue 10's targets on the test part (entities 0.88,
events 0.75, arguments 0.65, dates 0.90) are reported with today's figures in the README.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from kg.extract import facts as facts_io
from kg.models import EVENT_ROLES
from kg.read.reader import read_file
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
REALNEWS = ROOT / "tests" / "data" / "realnews"
SPLITS = ("dev", "test")
GOLD = {s: sorted((REALNEWS / s / "gold").glob("*.json")) for s in SPLITS}
ALL_GOLD = GOLD["dev"] + GOLD["test"]
LICENCES = ("CC BY 2.5", "public domain (US federal government work)")
MANIFEST_COLUMNS = ["id", "split", "url", "publisher", "licence", "attribution", "published", "title"]

# Round 8 (events and their arguments, tests/test_extract_rules_round8.py): dev (98, batch H included)
# 0.914 / 0.804 / 0.676 / 0.925 -> 0.914 / 0.814 / 0.693 / 0.932 (dev floors just under, with room for the
# batch H articles still landing); the round's one all-sets run at its end (2742a2a): dev 0.915 / 0.814 /
# 0.693 / 0.932, test (46) 0.864 / 0.555 / 0.417 / 0.923 (test floors just under).
# Round 7 (event places, kg/extract/event_places.py, tests/test_extract_rules_round7.py): dev (84)
# 0.894 / 0.813 / 0.687 / 0.926 -> 0.894 / 0.835 / 0.699 / 0.921; the round's one all-sets run at its end:
# test (40) 0.863 / 0.536 / 0.418 / 0.955 (floors just under; entities left at 0.855 while the entity
# rules are being changed by another round).
# Earlier figures (2026-12-06, the sixth round of rules, tests/test_extract_rules_round6.py, with the
# seventh batch, manifest.d/G.tsv, and the entity round of docs/entities.md): dev (84 articles) 0.893 /
# 0.813 / 0.687 / 0.926, test (40) 0.864 / 0.524 / 0.401 / 0.907. (The same tree with the event rules as
# they were before the sixth round: dev 0.893 / 0.791 / 0.672 / 0.925, test 0.864 / 0.509 / 0.384 / 0.905.
# Before the seventh batch, after the fifth round: dev (76) 0.871 / 0.799 / 0.673 / 0.911, test (28) 0.862 /
# 0.621 / 0.474 / 0.917; after the fourth round: dev 0.871 / 0.799 / 0.656 / 0.911, test 0.862 / 0.621 /
# 0.477 / 0.917. After the sixth batch, manifest.d/F.tsv, added 12 dev and 8 test articles and before the
# fourth round: dev 0.859 / 0.734 / 0.604 / 0.917, test 0.844 / 0.579 / 0.450 / 0.909; before the batch:
# dev (64) 0.873 / 0.783 / 0.651 / 0.913, test (20) 0.857 / 0.644 / 0.500 / 0.893.)
# Round 9 (events that hold on new text, tests/test_extract_rules_round9.py): dev grew to 126 articles with the
# ninth and tenth batches (manifest.d/I.tsv, J.tsv: this round's validation, never tuned on); dev floors set
# just under the dev figures with them (0.891 / 0.756 / 0.628 / 0.918 at 3cf4521), with room for articles
# still landing. The round's one all-sets run at its end (a4efadd, with others' uncommitted query and graph
# files in the tree): dev (126) 0.910 / 0.756 / 0.628 / 0.922, test (58: the 46 of round 8 and 12 of batches
# I and J) 0.877 / 0.534 / 0.403 / 0.918; floors just under both.
# Round 10 (batch J tuned on; one all-sets run at its end, 0f8fc4b's extraction with others' uncommitted
# resolve.py in the tree): dev 0.910 / 0.762 / 0.636 / 0.923, test 0.878 / 0.532 / 0.405 / 0.917; floors kept.
# Session 11 (rounds 11-12 of events, entities round 10 again and 11; dev 140 with batch K, test 64): dev
# 0.914 / 0.777 / 0.653 / 0.928, test 0.879 / 0.546 / 0.408 / 0.928; dev floors raised (events 0.745 -> 0.76, arguments 0.62 -> 0.64), test kept.
# One test article removed the same session (wire material on its page): test (63) 0.879 / 0.543 / 0.403 / 0.926.
# Session 12 (batch L: 14 dev and 6 test articles, first run at a44717e L-dev 0.748 / 0.324 / 0.276 /
# 0.833; three batch-K articles removed in a licence re-check; events round 13, entities round 12):
# dev (153) 0.906 / 0.771 / 0.655 / 0.923 (A-K 0.921 / 0.798 / 0.676; L-dev 0.751 / 0.324 / 0.273:
# the session's rules carried nothing to it), test (67) 0.879 / 0.559 / 0.434 / 0.918; test floors
# raised (events 0.53 -> 0.55, arguments 0.40 -> 0.42).
# Then entities round 13 (LOOK: batch L dev with A-G, I, K; CHECK H+J unchanged): dev (153) 0.919 / 0.784 /
# 0.667 / 0.925 (L-dev 0.863 / 0.564 / 0.511, now tuned on), test (67) 0.882 / 0.568 / 0.439 / 0.919.
# Then events round 15 (LOOK: L dev with A-G, I, K; CHECK H+J unchanged): dev 0.919 / 0.802 / 0.679 / 0.935
# (L-dev 0.863 / 0.811 / 0.703), test 0.882 / 0.568 / 0.440 / 0.919 (unchanged within 0.001).
# Session 13 (batch M: 10 dev and 10 test articles, first run at 3591fe1 M-dev 0.853 / 0.667 / 0.476 /
# 1.000, M-test 0.824 / 0.562 / 0.476 / 0.875; the last three unverified batch-K articles removed;
# events rounds 16-17 and entities rounds 15-16 on LOOK A-G, I, K, L with CHECK H+J+M): dev (161)
# 0.918 / 0.801 / 0.680 / 0.937 (CHECK H+J+M 0.650 / 0.532 -> 0.675 / 0.544 events / arguments,
# M-dev unchanged), test (76) 0.876 / 0.571 / 0.448 / 0.912 (0.875 / 0.569 / 0.444 / 0.912 on the
# session's starting rules with M in). Test floors for entities and dates set under the new set.
# Session 14 (batch N: 10 dev and 10 test articles, first run at 43c4458 N-dev 0.907 / 0.372 / 0.375 /
# 0.875, N-test 0.853 / 0.609 / 0.481 / 1.000; entities 17, events 19 and 21, extraction 20 for
# fusion): dev (171) 0.920 / 0.786 / 0.674 / 0.932 (0.917 / 0.777 / 0.666 / 0.935 on the session's
# starting rules with N in; CHECK H+J+M 0.875 / 0.675 / 0.544 -> 0.877 / 0.675 / 0.546), test (86)
# 0.874 / 0.574 / 0.454 / 0.920 (0.872 / 0.574 / 0.450 / 0.920 on the starting rules). The dev
# events floor goes under the larger set (0.79 -> 0.78: batch N's editorial of 16 attacks).
# Session 15 (no new batch; events 22 and 23, entities 19 and 20): dev (171) 0.924 / 0.786 / 0.678 /
# 0.936 (CHECK H+J+M 0.877 / 0.675 / 0.546 -> 0.884 / 0.675 / 0.546), test (86) 0.880 / 0.568 / 0.445 /
# 0.930 (0.874 / 0.574 / 0.454 / 0.920 at the start; scripts/bootstrap.py: the changes within the
# articles' spread except entities, +0.005 [+0.002, +0.009]). Dev and test entity floors up (0.91 ->
# 0.92, 0.87 -> 0.875).
# Session 16, batch O (7 dev and 7 test articles, first run at 3b3fbf1: O-dev 0.782 / 0.593 / 0.427 /
# 0.625, O-test 0.783 / 0.571 / 0.395 / 0.857): with O in, on the same rules, dev (178) 0.919 / 0.780 /
# 0.669 / 0.926 and test (93) 0.873 / 0.568 / 0.441 / 0.925. Floors go under the larger sets (dev
# 0.92 / 0.78 / 0.67 -> 0.915 / 0.775 / 0.66, test entities 0.875 -> 0.865, arguments 0.44 -> 0.43).
# Then rounds events 24-31 and entities 22-23 (O-dev in LOOK): dev (178) 0.920 / 0.814 / 0.698 / 0.961
# (CHECK H+J+M 0.884 / 0.675 / 0.546 -> 0.886 / 0.675 / 0.550), test (93) 0.873 / 0.576 / 0.444 / 0.935
# (events: 5 false events fewer, tp unchanged). Dev floors up (events 0.775 -> 0.80, arguments 0.66 ->
# 0.685, dates 0.92 -> 0.95), test events 0.56 -> 0.565, dates 0.90 -> 0.92.
# Session 17, batch P (8 dev and 8 test articles, first run at 0593d5f: P-dev 0.739 / 0.560 / 0.459 /
# 1.000, P-test 0.762 / 0.667 / 0.485 / 0.625): with P in, dev (186) 0.913 / 0.806 / 0.690 / 0.962, test
# (101) 0.864 / 0.584 / 0.447 / 0.911. Then rounds events 32-38, entities 24-25, geocoding 25 and learned
# 26: dev 0.918 / 0.826 / 0.713 / 0.966 (CHECK H+J+M 0.886 / 0.675 / 0.550 -> 0.886 / 0.679 / 0.559), test
# 0.866 / 0.576 / 0.444 / 0.909 (two true events fewer, false events unchanged). Dev floors: entities
# 0.915 -> 0.91, events 0.80 -> 0.815, arguments 0.685 -> 0.70, dates 0.95 -> 0.955; test entities
# 0.865 -> 0.86, dates 0.92 -> 0.90 (P-test's dates 5 of 8).
# Session 18, batches Q (5 dev, 3 test; first run at d5ecbf5) and R (5 dev, 5 test; first run at cc8872f):
# on the session's starting rules (d5ecbf5, the filter off) dev (196) 0.914 / 0.817 / 0.697 / 0.967, test
# (109) 0.862 / 0.579 / 0.440 / 0.905. The learned event filter on by default (docs/learned.md), then rounds
# events 39-41, entities 26, geocoding 26 and the lead's dateline names: dev 0.915 / 0.853 / 0.721 / 0.968
# (events in-sample for the filter), test 0.862 / 0.592 / 0.445 / 0.912 (true events 112 -> 109, false
# 59 -> 43). Floors measure the extractor as shipped (the shipped_extractor fixture). Dev floors: events
# 0.815 -> 0.84, arguments 0.70 -> 0.71, dates 0.955 -> 0.96; test entities 0.86 -> 0.855 (R-test's
# entities 0.750), events 0.565 -> 0.58.
# Session 19, batches S (7 dev, 7 test; first run at 8aa5f21), T (5 / 5; e9ccb9c) and U (7 / 7; 8a4c1c7): on
# the session's starting code (8aa5f21) dev (215) 0.904 / 0.839 / 0.705 / 0.969, test (128) 0.856 / 0.591 /
# 0.435 / 0.924. Rounds events 42-45, entities 27-28 (first-run errors still present today), geocoding 27-28:
# dev 0.911 / 0.858 / 0.718 / 0.962, test 0.864 / 0.589 / 0.434 / 0.924 (entities +0.008 [+0.004, +0.012],
# events -0.002 [-0.008, +0.004]). Dev floors: entities 0.91 -> 0.905 (U-dev's entities 0.775), events
# 0.84 -> 0.85, dates 0.96 -> 0.955; test entities 0.855 -> 0.86, arguments 0.435 -> 0.43, dates 0.90 -> 0.91.
# Session 20 (branch filter2): the event filter retrained on today's rules and batches Q-U's first-run rows,
# licensed by a rule fixed before measuring (docs/learned.md, "Session 20"); its threshold (0.10, chosen by
# make train) drops fewer of dev's own false events than the old model at 0.30 (in-sample, which the filter's
# worth is not measured on): dev (215) 0.911 / 0.858 / 0.718 / 0.962 -> 0.911 / 0.841 / 0.707 / 0.962. Dev
# floors: events 0.85 -> 0.84, arguments 0.71 -> 0.70.
# Session 20 (final corpus 379 = 233 dev + 146 test, batches V, W, X in): session start (647616b's code)
# dev 0.906 / 0.846 / 0.708 / 0.963, test 0.862 / 0.590 / 0.434 / 0.925; end dev 0.915 / 0.835 / 0.703 /
# 0.963, test 0.870 / 0.587 / 0.436 / 0.920 (entities +0.008 [+0.004, +0.012]; events -0.003 [-0.015,
# +0.010]). Dev floors: entities 0.905 -> 0.91, events 0.84 -> 0.83; test entities 0.86 -> 0.865.
# Session 21 (final corpus 403 = 245 dev + 158 test, batches Y, Z in): session start (7e73db1's code) dev
# 0.909 / 0.830 / 0.697 / 0.962, test 0.869 / 0.578 / 0.432 / 0.918; end dev 0.919 / 0.876 / 0.733 / 0.963
# (in-sample: the filter's threshold 0.50), test 0.871 / 0.566 / 0.424 / 0.933 (events -0.012 [-0.033,
# +0.008]: the threshold chosen on first-run rows drops 12 true and 24 false events on test). Dev floors:
# entities 0.91 -> 0.915, events 0.83 -> 0.87, arguments 0.70 -> 0.725; test events 0.58 -> 0.56,
# arguments 0.43 -> 0.42, dates 0.91 -> 0.925.
FLOORS = {
    "dev": {"entities_typed": 0.915, "events": 0.87, "arguments": 0.725, "dates": 0.955},
    "test": {"entities_typed": 0.865, "events": 0.56, "arguments": 0.42, "dates": 0.925},
}


def _article(gold_path: Path) -> Path:
    return gold_path.parent.parent / "articles" / f"{gold_path.stem}.txt"


def _manifest() -> dict[str, dict]:
    with (REALNEWS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        assert reader.fieldnames == MANIFEST_COLUMNS
        return {row["id"]: row for row in reader}


def _scorer():
    return load_script("score", folder="tests/eval")


def test_the_corpus_is_large_varied_and_split() -> None:
    assert len(ALL_GOLD) >= 104
    assert len(GOLD["dev"]) >= 76 and len(GOLD["test"]) >= 28
    assert not {g.stem for g in GOLD["dev"]} & {g.stem for g in GOLD["test"]}
    countries = {g.stem.split("-")[2] for g in ALL_GOLD}
    assert len(countries) >= 12, countries
    counts: dict[str, int] = {}
    for g in ALL_GOLD:
        for ev in json.loads(g.read_text("utf-8"))["events"]:
            counts[ev["type"]] = counts.get(ev["type"], 0) + 1
    assert counts.get("Attack", 0) >= 15 and counts.get("Capture", 0) >= 10, counts
    assert counts.get("Deployment", 0) >= 8 and counts.get("Meeting", 0) >= 8, counts


def test_every_article_is_in_the_manifest_with_a_licence_that_allows_it() -> None:
    manifest = _manifest()
    for split in SPLITS:
        for g in GOLD[split]:
            row = manifest.get(g.stem)
            assert row is not None, f"{g.stem} not in MANIFEST.tsv"
            assert row["split"] == split, g.stem
            assert row["licence"] in LICENCES, (g.stem, row["licence"])
            assert row["url"].startswith(("http://", "https://")) and row["attribution"], g.stem
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"]), g.stem
            meta = yaml.safe_load(Path(f"{_article(g)}.meta.yaml").read_text("utf-8"))
            assert str(meta["published"]) == row["published"] and meta["url"] == row["url"], g.stem
    assert set(manifest) == {g.stem for g in ALL_GOLD}, "manifest rows without gold, or gold without a row"


@pytest.mark.parametrize("gold_path", ALL_GOLD, ids=[g.stem for g in ALL_GOLD])
def test_gold_file_is_consistent_with_its_article(gold_path: Path) -> None:
    """Every gold name occurs in the article, compared as the scorer compares names (case and
    punctuation aside: datelines are in capitals, quotes are curly); every role names a gold
    entity of a known role."""
    gold = json.loads(gold_path.read_text("utf-8"))
    norm = _scorer().norm
    text = f" {norm(_article(gold_path).read_text('utf-8'))} "
    assert gold["id"] == gold_path.stem
    assert gold["source"]["licence"] in LICENCES
    names = set()
    for e in gold["entities"]:
        assert e["type"] in {"Person", "Organization", "Country", "ArmedGroup", "ArmedForce", "Location"}
        for n in [e["name"], *e.get("aliases", [])]:
            assert f" {norm(n)} " in text, f"{n!r} not in the article"
            names.add(n)
    for ev in gold["events"]:
        assert ev["type"] in ("Deployment", "Attack", "Capture", "Meeting")
        allowed = set(EVENT_ROLES[ev["type"]])
        for role, values in ev["roles"].items():
            assert role in allowed, (ev["type"], role)
            assert set(values) <= names, values
        dates = ev.get("date") or []
        for d in [dates] if isinstance(dates, str) else dates:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d), d


@pytest.fixture(scope="module")
def realnews_scores(shipped_extractor) -> dict:
    score = _scorer()
    out = {}
    for split in SPLITS:
        results = {}
        for g in GOLD[split]:
            gold = json.loads(g.read_text("utf-8"))
            pred = json.loads(facts_io.dumps(shipped_extractor.extract(read_file(_article(g)))))
            results[g.stem] = score.score(gold, pred)
        out[split] = {"documents": results, "total": score.total(list(results.values()))}
    return out


@pytest.mark.parametrize("split", SPLITS)
def test_scores_stay_above_the_floors(realnews_scores: dict, split: str) -> None:
    total = realnews_scores[split]["total"]
    for key in ("entities_typed", "events", "arguments"):
        assert total[key]["f1"] >= FLOORS[split][key], (split, key, total[key])
    assert total["dates"]["accuracy"] >= FLOORS[split]["dates"], (split, total["dates"])


def test_rules_do_not_name_the_corpus() -> None:
    """Rules stay general: no person or place of the real-news gold appears in the rule code."""
    paths = sorted((ROOT / "kg" / "extract").rglob("*.py"))
    assert any(p.parent.name == "events" for p in paths)  # the rules' subpackage is scanned too
    code = "\n".join(p.read_text("utf-8").lower() for p in paths)
    for g in ALL_GOLD:
        for e in json.loads(g.read_text("utf-8"))["entities"]:
            if e["type"] in ("Person", "Location") and len(e["name"]) > 5:
                assert e["name"].lower() not in code, (g.stem, e["name"])
