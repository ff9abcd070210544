"""The fiftieth round of event rules (issues 10 and 11: the freshest text's missed events, realnews batches Y and
Z, fusion writers r20 and r21). Invented reports; each positive test fails before the round, each guard passes on
both (docs/extraction.md, "Round 50").
"""

from __future__ import annotations

import pytest

from rule_helpers import asserted, extract, names


def _deployments(facts) -> list[tuple[list[str], list[float]]]:
    return [(names(facts, d, "destination"), [q.value for q in d.quantities.values()])
            for d in facts.events if d.type == "Deployment"]


# Change 1: troops whose arrival a relative clause tells ("The 600 soldiers who arrived in X on Friday have set up
# roadblocks") are deployed there, also when no state or force is named for them.

@pytest.mark.parametrize("text", [
    "Roadblocks in Tarija\n\nThe 600 soldiers who arrived in Tarija on Friday have set up roadblocks at the "
    "entrances to the town, the mayor said on Sunday.",
    "Roadblocks in Tarija\n\nFew families have come back, though the 600 police officers that arrived in Tarija "
    "on Friday now guard the market, a priest said.",
])
def test_troops_arriving_in_a_relative_clause_are_deployed(extractor, text):
    facts = extract(extractor, text)
    assert (["Tarija"], [600.0]) in _deployments(facts)


def test_delegates_arriving_in_a_relative_clause_are_no_deployment(extractor):
    # guard: the antecedent is no troops, no armed people and no counted unit
    facts = extract(extractor, "Talks in Tarija\n\nThe delegates who arrived in Tarija on Friday have opened talks "
                               "on the water dispute, the mayor said on Sunday.")
    assert not [d for d in facts.events if d.type == "Deployment"]
