"""Round 26 of the learned event filter (docs/learned.md, "Round 26: fresh-text mistakes"): the
committed first-run facts (scripts/first_run_rows.py) are realnews-dev articles only, read into
today's models, labelled against today's gold; the by-batch folds hold out whole batches and keep
the CHECK batches out of every LOOK fold's training; a held-out article's first-run copy never
trains the model that scores it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "tests" / "data" / "learned" / "first_run_facts.jsonl"


def _script(name: str):
    mod = load_script(name)
    return mod


@pytest.fixture(scope="module")
def train():
    return _script("train_event_filter")


def _rows() -> list[dict]:
    return [json.loads(line) for line in FILE.read_text("utf-8").splitlines()]


def test_the_first_run_file_holds_dev_articles_only_each_at_its_batch_commit(train):
    """Every row is a realnews-dev article (never a test one), of the batch its manifest names,
    extracted by the commit scripts/first_run_rows.py gives that batch; every batch is there."""
    gen = _script("first_run_rows")
    rows = _rows()
    batch = train.batch_of()
    dev = {p.stem for p in (ROOT / "tests" / "data" / "realnews" / "dev" / "gold").glob("*.json")}
    test = {p.stem for p in (ROOT / "tests" / "data" / "realnews" / "test" / "gold").glob("*.json")}
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) <= dev and not set(ids) & test
    assert all(batch[r["id"]] == r["batch"] and gen.FIRST_RUN[r["batch"]] == r["commit"] for r in rows)
    assert {r["batch"] for r in rows} == set(gen.FIRST_RUN)
    assert all(r["sentences"] and isinstance(r["events"], list) for r in rows)


def test_first_run_facts_are_read_and_labelled_against_todays_gold(train):
    """Three batches' first-run facts load into today's models, get today's feature words, and
    the scorer's alignment labels them with both classes (the old rules made spurious events)."""
    rows = [r for r in _rows() if r["batch"] in ("E", "F", "G")]
    gold_dir = ROOT / "tests" / "data" / "realnews" / "dev" / "gold"
    golds = {r["id"]: json.loads((gold_dir / f"{r['id']}.json").read_text("utf-8")) for r in rows}
    records = train.first_run_records(FILE, golds, batches={"E", "F", "G"})
    assert len(records) == len(rows) and all(r[0] == "first-run" for r in records)
    arts = train.label(records, train.kg_eval.load_scorer())
    labels = [y for a in arts for y in a.labels]
    assert any(labels) and not all(labels)
    assert all(f and any(w.startswith("T=") for w in f) for a in arts for f in a.features)


def _art(train, set_name: str, aid: str, group: str):
    return train.Article(set_name, aid, group, {}, {"events": []})


def test_batch_folds_hold_out_whole_batches_and_check_last(train):
    """Each LOOK batch (its current and first-run copies together) falls in exactly one of the k
    folds; the CHECK batches H, J, M form the last fold alone."""
    batches = {"a1": "A", "a2": "A", "b1": "B", "h1": "H", "j1": "J", "m1": "M", "c1": "C"}
    arts = [_art(train, s, i, "") for i in batches for s in ("realnews-dev", "first-run")]
    arts.append(_art(train, "written-dev", "w1", "written-dev:w1"))
    folds = train.batch_folds(arts, batches, 2)
    assert len(folds) == 3
    assert {a.id for a in folds[-1]} == {"h1", "j1", "m1"}
    for f in folds[:-1]:
        assert not {a.id for a in f} & {"h1", "j1", "m1"}
    where = {(a.set, a.id): g for g, f in enumerate(folds) for a in f}
    assert where[("realnews-dev", "a1")] == where[("first-run", "a1")] == where[("first-run", "a2")]
    assert sum(len(f) for f in folds) == len(arts)


def test_a_held_out_articles_first_run_copy_never_trains_its_scorer(train):
    """``with_extra`` adds the first-run rows of the training articles only."""
    tr = [_art(train, "realnews-dev", "x1", "g"), _art(train, "written-dev", "w1", "g")]
    extra = [_art(train, "first-run", "x1", "g"), _art(train, "first-run", "x2", "g")]
    got = train.with_extra(tr, extra)
    assert [a.id for a in got if a.set == "first-run"] == ["x1"]


def test_hold_out_split_keeps_a_batchs_current_and_first_run_rows_out_of_training(train):
    """Session 20's ``--hold-out``: holding out batch A removes its current rows and its first-run
    rows from training and nothing else (other batches' rows, written-dev, the other first-run rows)."""
    batches = {"a1": "A", "a2": "A", "b1": "B"}
    arts = [_art(train, "realnews-dev", i, "") for i in batches] + [_art(train, "written-dev", "a1", "w")]
    extra = [_art(train, "first-run", i, "") for i in batches]
    tr, tr_extra = train.hold_out_split(arts, extra, "A", batches)
    assert [(a.set, a.id) for a in tr] == [("realnews-dev", "b1"), ("written-dev", "a1")]
    assert [a.id for a in tr_extra] == ["b1"]


def _tot(ev: float, args: float) -> dict:
    return {"events": {"f1": ev}, "arguments": {"f1": args}}


def test_the_licence_verdict_needs_no_loss_on_both_sums_a_gain_on_one_and_no_argument_loss(train):
    """Rule (1) of session 20: at least the shipped model's events F1 on the first-run and the
    current sums, strictly higher on one, arguments F1 not lower on either."""
    def sums(fe, fa, ce, ca):
        return {"first-run": {"shipped": _tot(0.60, 0.40), "held-out": _tot(fe, fa)},
                "current": {"shipped": _tot(0.70, 0.50), "held-out": _tot(ce, ca)}}

    assert train.licence_verdict(sums(0.61, 0.40, 0.70, 0.50))[0]
    assert not train.licence_verdict(sums(0.60, 0.40, 0.70, 0.50))[0]  # no strict gain
    assert not train.licence_verdict(sums(0.65, 0.40, 0.69, 0.50))[0]  # a loss on current
    assert not train.licence_verdict(sums(0.65, 0.39, 0.71, 0.50))[0]  # arguments fall on first run
    ok, text = train.licence_verdict(sums(0.61, 0.41, 0.71, 0.51))
    assert ok and text.startswith("MET") and "0.600 -> 0.610" in text
