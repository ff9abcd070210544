"""`scripts/eval.py --diagnose --check-writer PREFIX`: a CHECK writer's split pairs are counted,
never listed, so a fusion round can hold one writer out without seeing its errors."""

from script_loader import load_script

ev = load_script("eval", register_as="kg_eval_script_cw")


def _pair(a: str, b: str) -> dict:
    return {"incident": "dev-x", "a": f"{a}#0", "b": f"{b}#1", "reports": [None, None], "cause": "c"}


def test_pairs_touching_a_check_writer_are_held_back_and_counted():
    pairs = [_pair("r17-i01-a-wire", "r17-i01-b-post"), _pair("i05-a-wire", "r17-i05-b"),
             _pair("r16-i02-a", "r16-i02-b"), _pair("i03-a", "i03-b")]
    shown, hidden = ev.hide_check_writers(pairs, ["r17"])
    assert hidden == 2
    assert [p["a"] for p in shown] == ["r16-i02-a#0", "i03-a#0"]


def test_a_prefix_matches_a_whole_id_part_only():
    # "r1" must not hold back r16 or r17: the prefix is the id's first dash-separated part(s).
    shown, hidden = ev.hide_check_writers([_pair("r16-i02-a", "r17-i02-b")], ["r1"])
    assert hidden == 0 and len(shown) == 1


def test_no_check_writer_shows_everything():
    pairs = [_pair("r17-i01-a", "r17-i01-b")]
    assert ev.hide_check_writers(pairs, []) == (pairs, 0)
