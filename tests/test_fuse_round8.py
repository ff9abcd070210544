"""kg.fuse rules of issue 11's eighth round, on invented reports (never on corpus articles): a date
told as a week ("last week's attack", "seized the town this week"), which the extractor gives at
month precision, is read as the days of that week."""

from __future__ import annotations

import dataclasses

from datetime import date

from kg.fuse.blocking import interval, months
from kg.fuse.cluster import cluster, signature
from kg.fuse.compat import compare, dates_score, explain
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
TOWN = PlaceInfo("p:town", "Harrowgate", XX, 10.0, 20.0, "P", frozenset({XX}))
LAND = PlaceInfo(XX, "Westland", XX, 11.0, 21.0, "S")
RAIDERS = ActorInfo("g:raiders", "Raiders", frozenset({"g:raiders", "raiders", "in:" + XX}), C + "ArmedGroup")


def rep(iri, doc, date_value, precision="day", published=None, date_text=None, cls="Capture",
        places=(TOWN,), actors=None, figures=None, evidence=""):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=date_value, precision=precision,
                  published=published or date_value, publisher=doc, places=tuple(places),
                  actors=actors or {}, quantities=figures or {}, evidence=evidence or iri,
                  date_text=date_text)


def groups_of(reports):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, CFG))


# 2031-03-17 is a Monday; 2031-03-20 a Thursday
LAST_WEEK = rep("e:lw", "lw", "2031-03", "month", published="2031-03-17", date_text="last week")
THIS_WEEK = rep("e:tw", "tw", "2031-03", "month", published="2031-03-20", date_text="this week")


def test_a_week_is_read_as_its_seven_days():
    """"last week" in an article of Monday 17 March is Monday 10 to Sunday 16 March; "this week"
    in one of Thursday 20 March is 17-20 March (never after the publication)."""
    assert interval(LAST_WEEK, CFG) == (date(2031, 3, 10), date(2031, 3, 16))
    assert interval(THIS_WEEK, CFG) == (date(2031, 3, 17), date(2031, 3, 20))
    # another text at month precision is still the month
    plain = rep("e:m", "m", "2031-03", "month", published="2031-03-17", date_text="in March")
    assert interval(plain, CFG) == (date(2031, 3, 1), date(2031, 3, 31))
    # a week over a month's edge is blocked in both months
    edge = rep("e:e", "e", "2031-04", "month", published="2031-04-02", date_text="last week")
    assert interval(edge, CFG) == (date(2031, 3, 24), date(2031, 3, 30))
    assert "2031-03" in months(edge, CFG)


def test_a_week_meets_the_days_of_that_week_only():
    """Against a day inside the week a week scores same_week (more than a month, less than the
    next day); a day outside it (beyond the one-day tolerance) vetoes, where the month did not."""
    inside = rep("e:in", "in", "2031-03-12", published="2031-03-13")
    outside = rep("e:out", "out", "2031-03-25", published="2031-03-26")
    assert dates_score(LAST_WEEK, inside, CFG) == CFG.score("same_week")
    assert CFG.score("same_month") < CFG.score("same_week") < CFG.score("near_day")
    assert dates_score(LAST_WEEK, outside, CFG) is None
    month = rep("e:mo", "mo", "2031-03", "month", published="2031-03-17")
    assert dates_score(month, outside, CFG) == CFG.score("same_month")


def test_a_town_taken_this_week_is_the_capture_of_that_week():
    """"Raiders seized Harrowgate this week" (Thursday) joins "Raiders captured Harrowgate on
    Tuesday" (another outlet); the month-precise reading did not (same place 2.0 + same month
    -0.5). A capture of the town in the week before stays apart."""
    tuesday = rep("e:tue", "tue", "2031-03-18", published="2031-03-19", actors={"captor": (RAIDERS,)})
    week = rep("e:wk", "wk", "2031-03", "month", published="2031-03-20", date_text="this week",
               actors={"captor": (RAIDERS,)})
    before = rep("e:old", "old", "2031-03-11", published="2031-03-12", actors={"captor": (RAIDERS,)})
    assert compare(tuesday, week, CFG) >= CFG.threshold
    assert compare(before, week, CFG) is None
    assert groups_of([tuesday, week, before]) == [["e:old"], ["e:tue", "e:wk"]]
    as_month = rep("e:wk", "wk", "2031-03", "month", published="2031-03-20", actors={"captor": (RAIDERS,)})
    # read as the month alone it did not join before round 16, whose rule (dates.month_same_place:
    # a capture's month at the same place, no actor in conflict) now joins it as well
    no_month_rule = dataclasses.replace(CFG, month_same_place=())
    assert compare(tuesday, as_month, no_month_rule) < CFG.threshold
    assert compare(tuesday, as_month, CFG) >= CFG.threshold


def test_the_week_is_part_of_the_kind():
    """Two reports that differ only by their date text are two kinds (signature: the interval)."""
    plain = rep("e:lw", "lw", "2031-03", "month", published="2031-03-17")
    assert signature(plain, CFG) != signature(LAST_WEEK, CFG)


def test_the_date_text_is_read_from_the_graph_for_a_coarse_date_only():
    """ckg:dateText is kept when the date is coarser than a day (what the week reading needs)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, XSD

    from kg.fuse.model import reports_from_triples
    from kg.graph.vocab import CKG

    def read(value, precision, text):
        art, ev = URIRef("https://example.org/article/1"), URIRef("https://example.org/event/1")
        triples = [(art, DCTERMS.identifier, Literal("doc-1")), (art, DCTERMS.issued, Literal("2031-03-17", datatype=XSD.date)),
                   (ev, RDF.type, CKG.Capture), (ev, CKG.reportedIn, art),
                   (ev, CKG.date, Literal(value)), (ev, CKG.datePrecision, precision), (ev, CKG.dateText, Literal(text))]
        (report,) = reports_from_triples(triples)
        return report

    week = read("2031-03", CKG.MonthPrecision, "Last  Week")
    assert week.date_text == "last week"
    assert interval(week, CFG) == (date(2031, 3, 10), date(2031, 3, 16))
    assert read("2031-03-14", CKG.DayPrecision, "on Friday").date_text is None


# --- a deployment's size tells one contingent from another --------------------------------------

def test_two_sizes_of_a_deployment_are_two_contingents():
    """Outlets give one deployment's size alike ("about 200" / 210): no cost. "About 200 soldiers
    ... last week" and a battalion of about 500 that landed in the same country that week are
    two contingents: other_size keeps them under the threshold (same week 1.0 + same country 2.0
    reached it). Tolls are no such figure: a toll that rises costs nothing."""
    sunday = rep("e:bn", "bn", "2031-03-16", published="2031-03-17", cls="Deployment", places=(LAND,),
                 figures={"troops": (500.0, "approximate")})
    week = rep("e:lw", "lw", "2031-03", "month", published="2031-03-21", date_text="last week", cls="Deployment",
               places=(LAND,), figures={"troops": (200.0, "approximate")})
    alike = rep("e:al", "al", "2031-03-16", published="2031-03-16", cls="Deployment", places=(LAND,),
                figures={"troops": (210.0, "approximate")})
    assert compare(sunday, week, CFG) < CFG.threshold
    assert "other size" in explain(sunday, week, CFG)
    assert compare(alike, week, CFG) >= CFG.threshold
    assert groups_of([sunday, week, alike]) == [["e:al", "e:lw"], ["e:bn"]]
    early = rep("e:t1", "t1", "2031-03-16", figures={"fatalities": (4.0, "exact")})
    later = rep("e:t2", "t2", "2031-03-16", figures={"fatalities": (11.0, "exact")})
    assert "other size" not in explain(early, later, CFG)
