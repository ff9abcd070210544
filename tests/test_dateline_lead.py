"""The lead after a wire dateline ("CITY, Feb 29 (Outlet) - Jane Roe and ..."): spaCy's small model
reads the dateline and the lead's first words as one run and leaves the first person's name
unlabelled; the mention finder reads the lead again on its own (kg/extract/mentions/finder.py,
step 3b). Invented names and places."""

from __future__ import annotations

from rule_helpers import asserted, entity_types, extract, names


def _facts(extractor, body: str):
    return extract(extractor, "Talks\n\n" + body, published="2024-03-01")


def test_the_first_name_after_a_wire_dateline_is_a_person_and_a_party(extractor) -> None:
    facts = _facts(extractor, "VARNOGRAD, Feb 29 (Wire) - Vadim Korvelsky and Petru Valcan met on Thursday "
                              "in Kelsovo to discuss the border crossings.")
    types = entity_types(facts)
    assert types.get("Vadim Korvelsky") == "Person" and types.get("Petru Valcan") == "Person"
    meetings = asserted(facts, "Meeting")
    assert meetings, facts.events
    parties = set(names(facts, meetings[0], "participants"))
    assert {"Vadim Korvelsky", "Petru Valcan"} <= parties
    assert "Wire" not in parties  # the outlet in brackets is no party


def test_a_dateline_without_an_outlet_too(extractor) -> None:
    types = entity_types(_facts(extractor, "VARNOGRAD, Feb 29 - Vadim Korvelsky and Petru Valcan met on Thursday."))
    assert types.get("Vadim Korvelsky") == "Person"


def test_guard_only_persons_are_taken_from_the_reread_lead(extractor) -> None:
    types = entity_types(_facts(extractor, "CAMP VELTRA, Kosovo - U.S. Service members supporting the mission "
                                     "met local leaders on Tuesday."))
    assert "U.S. Service" not in types  # a re-read would make it a body: only persons are taken
