"""An unlisted town named as the scene of violence is a place with no point (lead, session 11).

Since the gazetteer's vowel-blind look-alikes no longer cross countries (entities round 10), a name
the gazetteer lacks no longer reaches a town abroad; these frames keep it a place, with no point.
"""

from __future__ import annotations

import pytest
from rule_helpers import asserted, extract, names


@pytest.mark.parametrize("text, place", [
    ("Raid\n\nOfficials say at least nine people were killed in Dorvani on Friday.", "Dorvani"),
    ("Bombing\n\nA bomb exploded near Vorkhesti on Friday, killing four people.", "Vorkhesti"),
    ("Raid\n\nGunmen stormed a police station in Lomarbi on Friday and killed two officers.", "Lomarbi"),
    ("Killing\n\nGunmen shot dead the governor of Vantelo on Friday.", "Vantelo"),
    ("Assault\n\nAn assault by rebel fighters on Quaresh killed 12 people on Friday.", "Quaresh"),
])
def test_an_unlisted_scene_of_violence_is_a_place_without_a_point(extractor, text, place):
    f = extract(extractor, text)
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == [place]
    entity = next(e for e in f.entities if e.name == place)
    assert entity.type == "Location" and entity.geo is None


@pytest.mark.parametrize("text, name", [
    ("Deaths\n\nTen people were killed in Ramadan last year, the ministry said.", "Ramadan"),
    ("Raid\n\nTwo soldiers were wounded in Operation Thunder on Monday.", "Operation Thunder"),
    ("Claim\n\nHe was killed in Facebook posts, the group joked.", "Facebook"),
])
def test_a_name_after_in_that_is_no_town_stays_no_place(extractor, text, name):
    f = extract(extractor, text)
    assert all(not (e.type == "Location" and name.startswith(e.name)) for e in f.entities)
