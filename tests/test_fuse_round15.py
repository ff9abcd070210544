"""Issue 11's fifteenth fusion round (docs/fusion.md, "Fifteenth round"), on invented reports
(never on corpus articles): a report that tells its toll as risen, published after another
report of the same place and giving the larger toll, is a later count of one event, so the day
it gives one off (a corrected day) does not cost ``scores.other_day_figures``
(``figures.toll_words`` / ``figures.risen_words``, ``compat.risen``)."""

from __future__ import annotations

import dataclasses

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare, explain, other_day_figures
from kg.fuse.config import load_config
from kg.fuse.model import PlaceInfo, Report

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
ORMA = PlaceInfo("p:orma", "Orma", XX, None, None, "?", frozenset(), inferred=True)


def report(iri, day, published, toll, evidence):
    return Report(iri=iri, doc_id=iri, cls="Attack", modality="asserted", date=day, precision="day",
                  published=published, publisher=iri, places=(ORMA,), actors={},
                  quantities={"fatalities": (float(toll), "exact")}, evidence=evidence)


FIRST = report("e:first", "2031-04-13", "2031-04-14", 12,
               "Gunmen attacked Orma village on Sunday night, killing twelve villagers, residents said.")
RISEN = report("e:risen", "2031-04-14", "2031-04-15", 17,
               "The death toll from an attack by gunmen on villagers in Orma has risen to 17, the state government said on Tuesday.")


def test_a_toll_told_as_risen_a_day_off_is_one_event():
    """'... on Sunday night, killing twelve' (published Monday) / 'the death toll ... has risen to
    17' (published Tuesday; the attack 'early on Monday, not on Sunday as earlier reported'): next
    day 1.5, same place 2.0, villagers both (civilians) 1.0; the other day's toll no longer costs 2.0: 4.5,
    one incident. Without the words of rising it was 2.5, two incidents."""
    assert not other_day_figures(FIRST, RISEN, CFG) and not other_day_figures(RISEN, FIRST, CFG)
    assert compare(FIRST, RISEN, CFG) == compare(RISEN, FIRST, CFG) == 4.5 >= CFG.threshold
    assert "other day and figures" not in explain(FIRST, RISEN, CFG)
    assert len(cluster([FIRST, RISEN], CFG)) == 1
    before = dataclasses.replace(CFG, risen_words=())
    assert other_day_figures(FIRST, RISEN, before)
    assert compare(FIRST, RISEN, before) == 2.5 < before.threshold
    assert len(cluster([FIRST, RISEN], before)) == 2


def test_the_other_days_toll_still_tells_two_events_without_a_rise():
    """'Youths attacked a herders' camp near Orma on Monday, killing three' (published Tuesday) is
    the place's second event: no toll word rising, a smaller toll, so the other day's toll costs
    2.0 as before."""
    second = report("e:second", "2031-04-14", "2031-04-15", 3,
                    "Youths attacked a herders' camp near Orma on Monday, killing three people, police said.")
    assert other_day_figures(FIRST, second, CFG)
    assert "other day and figures" in explain(FIRST, second, CFG)
    assert len(cluster([FIRST, second], CFG)) == 2


def test_a_rise_counts_only_for_the_later_report_with_the_larger_toll():
    """The rising report must be the later one and give more dead: a 'toll rose to 17' published
    before the other's twelve, or a later 'toll rose to 5' against twelve, is no later count of it."""
    earlier = dataclasses.replace(RISEN, published="2031-04-13")
    assert other_day_figures(FIRST, earlier, CFG)
    fewer = dataclasses.replace(RISEN, quantities={"fatalities": (5.0, "exact")})
    assert other_day_figures(FIRST, fewer, CFG)
    no_toll_word = dataclasses.replace(RISEN, evidence="Seventeen people were killed in Orma, the government said.")
    assert other_day_figures(FIRST, no_toll_word, CFG)


def test_the_words_are_data():
    assert "toll" in CFG.toll_words and {"risen", "rises", "climbed"} <= set(CFG.risen_words)
