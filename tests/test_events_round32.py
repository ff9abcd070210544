"""The thirty-second round of event rules (issue 10: missed events, by the stage that loses them):
an attack told by its toll whose place is named by the clause it is told with ("were killed when
troops entered a district of X", "took over villages including X, killing dozens") is placed there
(kg/extract/events/attacks.py ``linked_clause_place``; docs/extraction.md, "Round 32"); and the trace
of frames made and dropped (scripts/trace_missed.py). Invented reports; each positive test fails
before the round, each guard passes on both.
"""

from __future__ import annotations

from pathlib import Path

from rule_helpers import asserted, extract, names
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]


def test_a_toll_placed_by_its_clause_of_time(extractor):
    facts = extract(extractor, "A deadly Monday\nAt least nine people were killed and dozens wounded on Monday "
                               "when Chilean troops entered a district of the capital, Morvala.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "location") == ["Morvala"]
    assert attacks[0].quantities["fatalities"].value == 9


def test_a_toll_placed_by_a_bomb_set_off_in_a_town(extractor):
    facts = extract(extractor, "A deadly Monday\nTwelve people were killed on Monday when a bomb was set off "
                               "at the market in the town of Morvala.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "location") == ["Morvala"]


def test_the_first_place_of_the_clause_not_the_region_after_it(extractor):
    facts = extract(extractor, "A deadly Monday\nEleven people were killed on Monday when a bomb was set off "
                               "at the courthouse in the town of Morvala, inside the province of Kessavi.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "location") == ["Morvala"]


def test_a_killing_told_with_a_takeover_is_placed_by_it(extractor):
    facts = extract(extractor, "Villages lost\nKessa rebels took over three villages including Morvala on Monday, "
                               "killing dozens of civilians.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "location") == ["Morvala"]
    assert names(facts, attacks[0], "perpetrator") == ["Kessa rebels"]


# --- guards

def test_a_toll_of_floods_is_no_attack(extractor):
    facts = extract(extractor, "Floods\nNine people were killed on Monday when floods swept through the town "
                               "of Morvala.")
    assert asserted(facts, "Attack") == []


def test_a_toll_of_an_accident_is_no_attack(extractor):
    # the clause names no armed side and no weapon: no attack, though it names a town
    facts = extract(extractor, "A deadly Monday\nFive people were killed on Monday when their bus overturned "
                               "near the town of Morvala.")
    assert asserted(facts, "Attack") == []


def test_a_visit_the_day_before_places_no_toll(extractor):
    facts = extract(extractor, "A deadly Monday\nFive soldiers were killed on Monday, a day after the minister "
                               "visited the town of Morvala.")
    assert all(names(facts, a, "location") != ["Morvala"] for a in asserted(facts, "Attack"))


def test_listed_towns_place_no_toll(extractor):
    facts = extract(extractor, "A deadly Monday\nEleven people were killed on Monday when rebels entered the "
                               "towns of Morvala and Kessavi.")
    assert all(len(names(facts, a, "location")) != 1 for a in asserted(facts, "Attack"))


# --- the trace

def _trace_module():
    mod = load_script("trace_missed")
    return mod


def test_the_trace_records_a_gated_word_and_a_dropped_frame(extractor):
    tm = _trace_module()
    traces = [tm.Trace()]
    uninstall = tm.install(traces)
    try:
        extract(extractor, "Talks\nKessa rebels continued their offensive near Morvala on Monday. "
                           "Rebels shelled the town of Kessavi on Tuesday. The shelling of Kessavi killed two people.")
    finally:
        uninstall()
    gated = [w for w in traces[0].words if w["gate"]]
    assert any(w["lemma"] == "offensive" and w["gate"] == "ongoing" for w in gated)
    # the second telling of the shelling is folded into the first by the merge
    assert [(stage, f.trigger.lower_) for stage, f in traces[0].dropped] == [("_merge", "shelling")]
    from kg.extract.events import finder
    from kg.extract.events.opening import Opening
    assert finder._merge.__name__ == "_merge" and Opening.frames.__qualname__ == "Opening.frames"


def test_the_trace_refuses_check_batches():
    tm = _trace_module()
    try:
        tm.batch_ids(["A", "H"])
    except SystemExit as e:
        assert "CHECK" in str(e)
    else:
        raise AssertionError("a CHECK batch was traced")


def test_the_gold_sentence_is_found_from_the_quote_in_the_note():
    tm = _trace_module()

    class S:
        def __init__(self, i, text):
            self.index, self.text = i, text

    sentences = [S(0, "Rebels shelled the port of Morvala on Monday."), S(1, "Nine people were killed in the town.")]
    ev = {"note": "'Nine people were killed ...' (the shelling's toll)"}
    assert tm.gold_sentences(ev, sentences) == [1]
