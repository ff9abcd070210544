"""scripts/batch_figures.py: per-batch figures are micro-averaged from per-article counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "batch_figures.py"


def _module():
    return load_script("batch_figures")


def _doc(tp: int, fp: int, fn: int, correct: int = 1, of: int = 1) -> dict:
    counts = {"tp": tp, "fp": fp, "fn": fn}
    return {"entities_typed": counts, "events": counts, "arguments": counts,
            "dates": {"correct": correct, "of": of}}


def test_figures_sum_counts_before_dividing():
    """Two articles: micro F1 is 2*3/(2*3+1+3) = 0.6, not the mean of the two F1s."""
    figures = _module().figures({"a": _doc(3, 1, 0), "b": _doc(0, 0, 3, correct=0, of=2)})
    assert figures["articles"] == 2
    assert abs(figures["events"] - 0.6) < 1e-9
    assert abs(figures["dates"] - 1 / 3) < 1e-9


def test_every_corpus_article_has_one_batch():
    of_batch = _module().batches()
    manifest = (ROOT / "tests/data/realnews/MANIFEST.tsv").read_text(encoding="utf-8")
    ids = [line.split("\t")[0] for line in manifest.splitlines()[1:] if line.strip()]
    assert ids and all(i in of_batch for i in ids)


def test_only_groups_the_named_batches(tmp_path):
    of_batch = _module().batches()
    first, second = sorted({b: i for i, b in of_batch.items()}.items())[:2]
    data = {"realnews-dev": {"documents": {first[1]: _doc(1, 0, 1), second[1]: _doc(2, 2, 0)}}}
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCRIPT), str(path), "--only", first[0]],
                         capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[1:]]
    assert rows == [[first[0], "1", "0.667", "0.667", "0.667", "1.000"]]
