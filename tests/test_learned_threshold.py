"""Session 21 of the learned event filter (docs/learned.md, "Session 21: the threshold chosen on
first-run rows"): ``make train`` can choose the threshold on the first-run rows' out-of-fold
scores (``--threshold-rows first-run``): best event F1, then argument F1, then the higher
threshold; the first-run rows get out-of-fold scores from the models that do not train on their
article; the rule's verdict. Invented rows only (no corpus article), no model trained."""

from __future__ import annotations

import pytest
from script_loader import load_script


@pytest.fixture(scope="module")
def train():
    return load_script("train_event_filter")


@pytest.fixture(scope="module")
def scorer(train):
    return train.kg_eval.load_scorer()


def _article(train, set_name: str, aid: str, places: list[tuple[str, bool]], words: list[str]):
    """An invented report: one asserted Attack per (place, in the gold?); ``words``: each event's
    one feature word (the stub model below scores by it)."""
    gold = {"id": aid, "entities": [{"name": p, "type": "Location"} for p, real in places if real],
            "events": [{"type": "Attack", "roles": {"location": [p]}} for p, real in places if real]}
    facts = {"entities": [{"id": f"E{i}", "type": "Location", "name": p} for i, (p, _) in enumerate(places)],
             "events": [{"type": "Attack", "roles": {"location": [f"E{i}"]}, "modality": "asserted"}
                        for i in range(len(places))]}
    group = train.group_of(set_name, aid)
    art = train.Article(set_name, aid, group, gold, facts)
    art.judged = list(range(len(places)))
    art.labels = [real for _, real in places]
    art.features = [[w, f"id={aid}"] for w in words]
    return art


def _rows(train):
    """Current rows: every event right, scored low (0.15). First-run rows: a right event scored 0.60
    and a spurious one 0.30 in each article."""
    current = [_article(train, "realnews-dev", f"x{i}", [(f"Zorvil{i}", True)], ["cur"]) for i in range(4)]
    first = [_article(train, "first-run", f"x{i}", [(f"Zorvil{i}", True), (f"Quabbe{i}", False)], ["good", "bad"])
             for i in range(4)]
    return current, first


SCORE = {"cur": 0.15, "good": 0.60, "bad": 0.30}


def _probs(arts) -> dict:
    return {(a.set, a.id, i): SCORE[f[0]] for a in arts for i, f in zip(a.judged, a.features)}


def test_the_threshold_is_chosen_on_the_first_run_rows_when_asked(train, scorer):
    """On the current rows nothing is spurious, so the old way keeps all (0, the lowest of the
    ties); on the first-run rows 0.35-0.60 drop the spurious event and keep the right one: the
    candidate takes the highest of those ties, 0.60."""
    current, first = _rows(train)
    probs = _probs(current + first)
    assert train.choose_threshold(current, first, probs, scorer, "current") == 0.0
    assert train.choose_threshold(current, first, probs, scorer, "first-run") == 0.60
    # no first-run row scored: the old way
    assert train.choose_threshold(current, first, _probs(current), scorer, "first-run") == 0.0
    with pytest.raises(ValueError):
        train.choose_threshold(current, first, probs, scorer, "test")


def test_first_run_rows_get_out_of_fold_scores(train, scorer, monkeypatch):
    """``oof_probs`` scores each first-run row with the model of its article's fold, which never
    trained on that article (its current row or its first-run copy); the scores so made choose
    the first-run threshold. The model is a stub: it remembers its training words and scores an
    event 1.0 if it saw the article's id word (a leak), else by its first word."""
    current, first = _rows(train)
    trained = []

    def fake_train(examples, seed=0):
        words = {w for feats, _ in examples for w in feats}
        trained.append(words)
        return words

    def fake_scores(model, feature_lists):
        return [1.0 if f[1] in model else SCORE[f[0]] for f in feature_lists]

    monkeypatch.setattr(train.learned, "train", fake_train)
    monkeypatch.setattr(train.learned, "keep_scores", fake_scores)
    probs = train.oof_probs(current, 2, first)
    assert len(trained) == 2 and all("good" in w for w in trained)  # first-run rows train the models
    assert {k for k in probs if k[0] == "first-run"} == {("first-run", a.id, i) for a in first for i in a.judged}
    assert probs == _probs(current + first)  # no article scored by a model that saw it
    assert train.choose_threshold(current, first, probs, scorer, "first-run") == 0.60


def _tot(tp: int, fp: int, fn: int) -> dict:
    return {"events": {"tp": tp, "fp": fp, "fn": fn}}


def test_the_verdict_wants_no_loss_on_first_run_rows_and_at_most_0_010_on_current(train):
    def sums(first_b, cur_b):
        return {"first-run": {"a": _tot(60, 40, 40), "b": _tot(*first_b)},
                "current": {"a": _tot(400, 50, 100), "b": _tot(*cur_b)}}

    assert train.threshold_verdict(sums((60, 40, 40), (400, 50, 100)))[0]  # level on both
    assert train.threshold_verdict(sums((60, 30, 40), (388, 42, 112)))[0]  # current 0.842 -> 0.834
    assert not train.threshold_verdict(sums((59, 40, 41), (400, 40, 100)))[0]  # first-run falls
    ok, text = train.threshold_verdict(sums((60, 30, 40), (385, 45, 115)))  # current falls 0.014
    assert not ok and text.startswith("NOT MET") and "(2)" in text
