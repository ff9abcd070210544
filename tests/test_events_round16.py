"""The sixteenth round of event rules for real news (issue 10): classes of error seen in at least three
LOOK batches (docs/extraction.md, "Round 16"), each on short reports invented for these tests, with a
guard for what it must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _attack(f):
    [v] = asserted(f, "Attack")
    return v


def _count(v, kind):
    q = v.quantities.get(kind)
    return q.value if q is not None else None


# --- a toll told in a passive sentence of its own, after the attack

def test_wounded_told_in_the_next_sentence_are_the_attacks_injuries(extractor):
    f = extract(extractor, "Rockets hit town\n\nZarkan rebels fired rockets at the town of Belmora on Tuesday. "
                           "Six civilians were injured, the police said.")
    v = _attack(f)
    assert names(f, v, "location") == ["Belmora"]
    assert _count(v, "injuries") == 6


def test_dead_and_wounded_in_one_passive_sentence_are_both_counted(extractor):
    f = extract(extractor, "Convoy ambushed\n\nZarkan rebels ambushed a convoy near the town of Belmora on Tuesday. "
                           "One person was killed and four were injured.")
    v = _attack(f)
    assert (_count(v, "fatalities"), _count(v, "injuries")) == (1, 4)


def test_wounded_by_the_attacks_own_fire_are_its_injuries(extractor):
    f = extract(extractor, "Rockets hit town\n\nZarkan rebels fired rockets at the town of Belmora on Tuesday. "
                           "Six civilians were injured by the artillery fire.")
    assert _count(_attack(f), "injuries") == 6


def test_a_toll_of_a_flood_or_a_fire_is_no_attacks_toll(extractor):
    f = extract(extractor, "Rockets hit town\n\nZarkan rebels fired rockets at the town of Belmora on Tuesday. "
                           "Six civilians were injured by a fire.")
    assert _count(_attack(f), "injuries") is None


def test_a_toll_placed_elsewhere_is_no_toll_of_the_attack_before(extractor):
    f = extract(extractor, "Convoy ambushed\n\nZarkan rebels ambushed a convoy near the town of Belmora on Tuesday. "
                           "Two people were wounded in the capital on Monday.")
    v = next(v for v in asserted(f, "Attack") if names(f, v, "location") == ["Belmora"])
    assert _count(v, "injuries") is None


def test_a_part_of_people_killed_is_left_alone(extractor):
    f = extract(extractor, "Convoy ambushed\n\nZarkan rebels ambushed a convoy near the town of Belmora on Tuesday. "
                           "Ten of the attackers were killed.")
    assert _count(_attack(f), "fatalities") is None
