"""The thirteenth round of rules for real news (issue 10), by error class over batches A-G, I and K.

Each rule on short reports invented for these tests, with a guard for what it must leave alone:
armed people told by their kind alone ("seized X from rebels") are the one armed group the report names.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_rebels_by_kind_are_the_one_group_named_before(extractor):
    f = extract(extractor, "Army retakes town\n\nThe Valdoran Liberation Front attacked army positions last week. "
                           "The government military had seized Tarmosa from rebels earlier this year.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"]]
    assert caps and names(f, caps[0], "former") == ["Valdoran Liberation Front"]


def test_rebels_by_kind_stay_unnamed_when_two_groups_are_named(extractor):
    f = extract(extractor, "Army retakes town\n\nThe Valdoran Liberation Front and the Kessel Liberation Front attacked "
                           "army positions last week. The government military had seized Tarmosa from rebels earlier "
                           "this year.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"]]
    assert caps and not names(f, caps[0], "former")


def test_government_fighters_are_no_armed_group(extractor):
    f = extract(extractor, "Town retaken\n\nThe Valdoran Liberation Front attacked army positions last week. "
                           "Pro-government militants seized Tarmosa on Monday.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"]]
    assert not any("Valdoran Liberation Front" in names(f, v, "captor") for v in caps)
