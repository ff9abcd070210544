"""scripts/bootstrap.py: article-level bootstrap intervals for one run and for the change between two."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "bootstrap.py"


def _module():
    return load_script("bootstrap", register_as="bootstrap_ci")


def _doc(tp: int, fp: int, fn: int, correct: int = 1, of: int = 1) -> dict:
    counts = {"tp": tp, "fp": fp, "fn": fn}
    return {"entities_typed": counts, "entities_untyped": counts, "events": counts,
            "arguments": counts, "dates": {"correct": correct, "of": of}}


def _run(tmp_path: Path, name: str, docs: dict[str, dict]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"realnews-test": {"documents": docs, "total": {}}}), "utf-8")
    return path


def _varied(n: int, shift: int = 0) -> dict[str, dict]:
    """n articles whose counts differ, so that samples of them differ."""
    return {f"a{i:02d}": _doc(tp=i % 5 + shift, fp=i % 3, fn=(i * 7) % 4) for i in range(n)}


def test_f1_sums_counts_before_dividing():
    m = _module()
    docs = [_doc(3, 1, 0), _doc(0, 0, 3)]
    assert m.f1(docs, "events") == pytest.approx(6 / 10)
    assert m.date_accuracy([_doc(1, 0, 0, correct=1, of=1), _doc(0, 0, 0, correct=0, of=3)]) == 0.25


def test_interval_brackets_the_figure_and_narrows_with_more_articles():
    m = _module()
    few = list(_varied(10).values())
    many = few * 10  # the same mix, ten times the articles
    v1, lo1, hi1 = m.interval(few, "events", m.samples(len(few), 500, 0))
    v2, lo2, hi2 = m.interval(many, "events", m.samples(len(many), 500, 0))
    assert v1 == pytest.approx(v2)
    assert lo1 <= v1 <= hi1 and lo2 <= v2 <= hi2
    assert lo1 < hi1
    assert (hi2 - lo2) < (hi1 - lo1) / 2


def test_the_change_between_identical_runs_is_zero_and_a_uniform_gain_is_positive():
    m = _module()
    before = list(_varied(20).values())
    draws = m.samples(len(before), 300, 1)
    assert m.interval(before, "arguments", draws, after=before) == (0.0, 0.0, 0.0)
    better = [_doc(d["events"]["tp"] + 1, d["events"]["fp"], max(d["events"]["fn"] - 1, 0))
              for d in before]
    value, lo, hi = m.interval(before, "events", draws, after=better)
    assert value > 0 and lo > 0 and hi >= value


def test_samples_are_deterministic_for_a_seed():
    m = _module()
    assert m.samples(30, 5, 7) == m.samples(30, 5, 7)
    assert m.samples(30, 5, 7) != m.samples(30, 5, 8)


def test_cli_prints_each_figure_with_its_interval(tmp_path):
    path = _run(tmp_path, "a.json", _varied(12))
    out = subprocess.run([sys.executable, str(SCRIPT), str(path), "--rounds", "200"],
                         capture_output=True, text=True, check=True).stdout
    assert "realnews-test (12 articles, 200 samples)" in out
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert set(lines) == {"entities_typed", "entities_untyped", "events", "arguments", "dates"}
    value, lo, hi = (float(x.strip("[],")) for x in lines["events"].split()[1:4])
    assert lo <= value <= hi


def test_cli_compares_two_runs_and_refuses_different_articles(tmp_path):
    a = _run(tmp_path, "a.json", _varied(12))
    b = _run(tmp_path, "b.json", _varied(12, shift=2))
    out = subprocess.run([sys.executable, str(SCRIPT), str(a), str(b), "--rounds", "200"],
                         capture_output=True, text=True, check=True).stdout
    assert "change (second - first)" in out
    events = next(line for line in out.splitlines() if line.strip().startswith("events"))
    assert float(events.split()[1]) > 0
    c = _run(tmp_path, "c.json", _varied(11))
    out = subprocess.run([sys.executable, str(SCRIPT), str(a), str(c)],
                         capture_output=True, text=True, check=True).stdout
    assert "do not hold the same articles" in out


def test_cli_rejects_bad_parameters(tmp_path):
    a = _run(tmp_path, "a.json", _varied(3))
    for extra in (["--rounds", "0"], ["--level", "1.5"], [str(a), str(a)]):
        res = subprocess.run([sys.executable, str(SCRIPT), str(a), *extra], capture_output=True, text=True)
        assert res.returncode != 0
    res = subprocess.run([sys.executable, str(SCRIPT), str(a), "--set", "nope"], capture_output=True, text=True)
    assert res.returncode != 0 and "no article-level set 'nope'" in res.stderr
