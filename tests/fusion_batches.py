"""Shape checks of a fusion batch written by one hand and split at writing time (rounds 16 and 17):
shared by the batches' test files, each naming its own prefix and counts."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

FUSION = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion"


def manifest(prefix: str, part: str) -> dict[str, dict]:
    """The batch's MANIFEST rows of one part, by article id."""
    with open(FUSION / part / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f, delimiter="\t") if row["id"].startswith(prefix + "-")}


def assert_split_by_whole_clusters(prefix: str, clusters_n: int = 12, min_distractors: int = 12) -> None:
    """Each cluster wholly in one part with its distractors (odd numbers in dev, even in test), told by
    2-4 articles; every article has its text and gold."""
    clusters, distractors = defaultdict(set), set()
    for part in ("dev", "test"):
        for aid, row in manifest(prefix, part).items():
            assert (FUSION / part / "articles" / f"{aid}.txt").exists()
            assert (FUSION / part / "gold" / f"{aid}.json").exists()
            for inc in row["incidents"].split(","):
                where, _, name = inc.partition(f"-{prefix}-")
                assert where == part, (aid, inc)  # no incident crosses the split
                if name.startswith("i"):
                    clusters[int(name[1:3])].add((part, aid))
                elif name.startswith("d"):
                    distractors.add(inc)
    assert sorted(clusters) == list(range(1, clusters_n + 1))
    for n, arts in clusters.items():
        assert {p for p, _ in arts} == {"dev" if n % 2 else "test"}, n
        assert 2 <= len({a for _, a in arts if a.startswith(f"{prefix}-i{n:02d}-")}) <= 4, (n, arts)
    assert len(distractors) >= min_distractors


def assert_dev_rows_agree(prefix: str, dev_n: int) -> None:
    """Each dev article's sidecar, gold and MANIFEST row say the same; every role filler is an entity."""
    rows = manifest(prefix, "dev")
    assert len(rows) == dev_n
    for aid, row in rows.items():
        gold = json.loads((FUSION / "dev" / "gold" / f"{aid}.json").read_text("utf-8"))
        meta = (FUSION / "dev" / "articles" / f"{aid}.txt.meta.yaml").read_text("utf-8")
        text = (FUSION / "dev" / "articles" / f"{aid}.txt").read_text("utf-8")
        assert f"published: {gold['source']['published']}" in meta
        assert f"publisher: {gold['source']['publisher']}" in meta
        assert text.startswith(gold["source"]["title"] + "\n\n")
        assert row["published"] == gold["source"]["published"]
        assert set(row["incidents"].split(",")) == {ev["incident"] for ev in gold["events"]}
        assert row["kind"] in ("cluster-report", "distractor", "syndicated-copy")
        names = {e["name"] for e in gold["entities"]} | {a for e in gold["entities"] for a in e["aliases"]}
        for ev in gold["events"]:
            for fillers in ev["roles"].values():
                assert set(fillers) <= names, (aid, fillers)
