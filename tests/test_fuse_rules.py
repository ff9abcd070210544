"""kg.fuse rules of issue 11's second round, on invented reports: an untimed report (dated on its
publication day for want of a time in the text) and actors that are not known to disagree."""

from __future__ import annotations

from kg.fuse.blocking import interval
from kg.fuse.cluster import cluster
from kg.fuse.compat import actors_score, compare
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report, reports_from_triples
from kg.fuse.rdf import canonical_date
from script_loader import load_script

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
YY = "https://w3id.org/conflict-kg/id/state/yy"
TOWN = PlaceInfo("p:town", "Town", XX, 10.0, 20.0, "P", frozenset({XX}))
CAPITAL = PlaceInfo("p:capital", "Capital", XX, 11.0, 21.0, "P", frozenset({XX}))
COUNTRY = PlaceInfo(XX, "Xland", XX, None, None, "S", frozenset())


def rep(iri, doc, date="2020-05-04", places=(TOWN,), cls="Attack", actors=None, untimed=False,
        published="2020-05-06"):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=date,
                  precision={10: "day", 7: "month"}.get(len(date or ""), None), published=published,
                  publisher=doc, places=tuple(places), actors=actors or {}, quantities={},
                  evidence=f"text {iri}", untimed=untimed)


def person(iri, *affiliations):
    return ActorInfo(iri, iri, frozenset({iri, iri.split(":")[-1], *affiliations}), C + "Person")


def state(iri):
    return ActorInfo(iri, iri, frozenset({iri, iri.rsplit("/", 1)[-1]}), C + "State")


# --- untimed reports ------------------------------------------------------------------------------

def test_an_untimed_headline_tells_an_event_of_the_days_before_publication():
    """'23 soldiers killed in Town base attack' published on the 6th, dated the 6th only because
    the headline gives no time, is the attack the body dates 'on Monday' (the 4th): in its own
    article (where two dates that differ are otherwise two events) and in another outlet's."""
    headline = rep("e:h", "a", date="2020-05-06", untimed=True)
    body = rep("e:b", "a", date="2020-05-04")
    other = rep("e:o", "b", date="2020-05-04", published="2020-05-05")
    assert interval(headline, CFG) == (interval(body, CFG)[0].replace(day=3), interval(body, CFG)[0].replace(day=6))
    same_place = CFG.score("same_place")
    assert compare(headline, body, CFG) == CFG.score("near_day") + same_place
    assert compare(headline, other, CFG) == CFG.score("near_day") + same_place
    assert [len(g.reports) for g in cluster([headline, body, other], CFG)] == [3]
    # the same headline read as a day told in the text is another day: vetoed in one article
    assert compare(rep("e:h", "a", date="2020-05-06"), body, CFG) is None


def test_two_untimed_reports_of_one_publication_day_are_that_days_news():
    """Two reports both dated on one publication day for want of a time (a headline and a lead
    of one article, or two outlets' the same day) keep the same-day score; with a day read from
    a text, or an untimed report of another day, an untimed one is only near it."""
    a = rep("e:1", "a", date="2020-05-06", untimed=True)
    assert compare(a, rep("e:2", "a", date="2020-05-06", untimed=True), CFG) == CFG.score("same_day") + CFG.score("same_place")
    assert compare(a, rep("e:3", "b", date="2020-05-06"), CFG) == CFG.score("near_day") + CFG.score("same_place")
    later = rep("e:4", "b", date="2020-05-07", untimed=True, published="2020-05-07")
    assert compare(a, later, CFG) == CFG.score("near_day") + CFG.score("same_place")


def test_an_untimed_report_does_not_reach_further_back_and_its_day_is_not_the_incidents():
    headline = rep("e:h", "a", date="2020-05-06", untimed=True)
    week_before = rep("e:w", "b", date="2020-04-29")
    assert compare(headline, week_before, CFG) is None
    body = rep("e:b", "b", date="2020-05-04")
    assert canonical_date((headline, body)) == ("2020-05-04", "day")
    assert canonical_date((headline,)) == ("2020-05-06", "day")


def test_a_date_without_date_text_on_the_publication_day_is_read_as_untimed():
    """model.py: the extractor writes the publication-day default as ckg:date with no
    ckg:dateText; a date it read keeps its text."""
    import dataclasses

    from fixtures_facts import followup_facts

    from kg.graph.mapping import facts_to_triples
    from kg.models import DateValue

    facts = followup_facts()
    published = facts.document.published
    attack, meeting = facts.events[1], facts.events[4]
    facts.events[1] = dataclasses.replace(attack, date=DateValue(published, "day", ""))
    facts.events[4] = dataclasses.replace(meeting, date=DateValue(published, "day", "on Wednesday"))
    _, triples = facts_to_triples(facts)
    by_cls = {r.cls: r for r in reports_from_triples(triples, facts.document.id)}
    assert by_cls["Attack"].untimed and by_cls["Attack"].date == published
    assert not by_cls["Meeting"].untimed
    assert not any(r.untimed for r in reports_from_triples(facts_to_triples(followup_facts())[1]))


# --- actors -----------------------------------------------------------------------------------------

def test_persons_without_a_side_and_states_are_not_known_to_disagree():
    """'Envoy P met leader Q in Capital' / 'Xland and Yland held talks in Xland': nothing says
    P and Q are not Xland's and Yland's men, so no conflict; with the sides read, they agree."""
    p, q = person("a:p"), person("a:q")
    xs, ys = state(XX), state(YY)
    people = rep("e:1", "a", cls="Meeting", places=(CAPITAL,), actors={"participants": (p, q)})
    states = rep("e:2", "b", cls="Meeting", places=(COUNTRY,), actors={"participants": (xs, ys)})
    assert actors_score(people, states, CFG) == 0.0
    assert compare(people, states, CFG) >= CFG.threshold
    sided = rep("e:1", "a", cls="Meeting", places=(CAPITAL,),
                actors={"participants": (person("a:p", XX), person("a:q", YY))})
    assert actors_score(sided, states, CFG) == CFG.score("actor_max")


def test_actors_of_one_kind_or_with_a_side_still_disagree():
    """Two other persons, or a person speaking for another state, are a conflict."""
    zs = "https://w3id.org/conflict-kg/id/state/zz"
    one = rep("e:1", "a", cls="Meeting", actors={"participants": (person("a:p"), person("a:q"))})
    two = rep("e:2", "b", cls="Meeting", actors={"participants": (person("a:r"), person("a:s"))})
    assert actors_score(one, two, CFG) == CFG.score("actor_conflict")
    # (a target: a bare state as the perpetrator in its own land is doubted, tests/test_fuse_round5.py)
    other_side = rep("e:3", "b", actors={"target": (person("a:r", zs),)})
    xland = rep("e:4", "a", actors={"target": (state(XX),)})
    assert actors_score(xland, other_side, CFG) == CFG.score("actor_conflict")
    assert actors_score(xland, rep("e:5", "b", actors={"target": (state(YY),)}), CFG) == CFG.score("actor_conflict")


# --- diagnosis and evaluation ---------------------------------------------------------------------

def test_explain_names_the_veto_or_the_parts_of_the_score():
    from kg.fuse.compat import explain

    assert explain(rep("e:1", "a"), rep("e:2", "b", date="2020-04-20"), CFG).startswith("veto: dates")
    far = PlaceInfo("p:far", "Far", YY, 40.0, 50.0, "P", frozenset({YY}))
    assert explain(rep("e:1", "a"), rep("e:2", "b", places=(far,)), CFG) == "veto: places Town / Far"
    text = explain(rep("e:1", "a"), rep("e:2", "b"), CFG)
    assert text.startswith(f"score {compare(rep('e:1', 'a'), rep('e:2', 'b'), CFG):.2f}") and "places same" in text


def test_the_fusion_scorer_aligns_a_report_with_the_gold_event_of_its_date():
    """Two gold meetings of one pair at one place, a month apart (the second article's
    back-reference to the first): the report dated on the second goes to the second, whatever
    their order in the gold file."""
    ev = load_script("eval", register_as="kg_eval_script")
    scorer = ev.load_scorer()
    meeting = {"type": "Meeting", "roles": {"participants": ["Ann Envoy", "Bo Leader"], "location": ["Capital"]}}
    entities = [{"name": n, "type": t, "aliases": []} for n, t in
                (("Ann Envoy", "Person"), ("Bo Leader", "Person"), ("Capital", "Location"))]
    pred = {"entities": [{"id": f"E{i}", "name": e["name"], "type": e["type"]} for i, e in enumerate(entities)],
            "events": [{"type": "Meeting", "roles": {"participants": ["E0", "E1"], "location": ["E2"]},
                        "date": {"value": "2020-04-05", "precision": "day"}}]}
    for dates in ((["2020-04-05"], ["2020-03", "2020-03-01"]), (["2020-03", "2020-03-01"], ["2020-04-05"])):
        gold = {"entities": entities, "events": [{**meeting, "date": d} for d in dates]}
        assert ev._align(gold, pred, scorer) == {dates.index(["2020-04-05"]): 0}
