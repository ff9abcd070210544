"""kg.fuse rules of issue 11's sixth round, on invented reports (never on corpus articles): a
branch of a group agrees with its parent, and one place's events of two days stay apart when
their figures disagree (fusion must not rely on a geocoding error to keep them apart)."""

from __future__ import annotations

from kg.fuse.cluster import cluster
from kg.fuse.compat import actors_score, compare, explain, other_day_figures, other_means
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
TOWN = PlaceInfo("p:town", "Town", XX, 10.0, 20.0, "P", frozenset({XX}))


def rep(iri, doc, date="2020-05-04", places=(TOWN,), actors=None, figures=None, untimed=False):
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=date, precision="day",
                  published=date, publisher=doc, places=tuple(places), actors=actors or {},
                  quantities=figures or {}, evidence=f"text {iri}", untimed=untimed)


def group(name, field=XX):
    iri = "g:" + name
    return ActorInfo(iri, name, frozenset({iri, name.lower(), "in:" + field}), C + "ArmedGroup")


def groups_of(reports):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, CFG))


def _actors_read(names_and_attrs):
    """The perpetrators of one invented document graph per (name, attributes), read by the model."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS

    from kg.fuse.model import reports_from_triples
    from kg.graph.vocab import CKG

    def ex(n):
        return URIRef("https://example.org/" + n)

    out = []
    for i, (name, attrs) in enumerate(names_and_attrs):
        art, ev, actor = ex(f"article/{i}"), ex(f"event/{i}"), ex(f"actor/{name}")
        triples = [(art, DCTERMS.identifier, Literal(f"doc-{i}")), (ev, RDF.type, CKG.Attack),
                   (ev, CKG.reportedIn, art), (ev, CKG.perpetrator, actor),
                   (actor, RDF.type, CKG.ArmedGroup), (actor, RDFS.label, Literal(name))]
        for j, (k, v) in enumerate(attrs.items()):
            rec = ex(f"actor/{name}/attr{j}")
            triples += [(actor, CKG.attribute, rec), (rec, CKG.key, Literal(k)), (rec, RDF.value, Literal(v))]
        (report,) = reports_from_triples(triples)
        out.append(report.actors["perpetrator"][0])
    return out


# --- a branch named alone agrees with its parent ------------------------------------------------

def test_a_branch_named_alone_agrees_with_its_parent():
    """The extractor writes ``branch_of`` (the parent's name) on a branch whose article does not
    name the parent: "Northern Province fighters attacked a checkpoint" and "the Caliphate Front
    attacked a checkpoint" name one side; another group does not."""
    branch, parent, other = _actors_read([("Northern Province", {"branch_of": "Caliphate Front", "country_code": "XX"}),
                                          ("Caliphate Front", {}), ("Valley Brigades", {})])
    assert branch.keys & parent.keys
    assert not parent.keys & other.keys and not branch.keys - {"in:" + XX} & other.keys
    a = rep("e:a", "a", actors={"perpetrator": (branch,)})
    assert actors_score(a, rep("e:b", "b", actors={"perpetrator": (parent,)}), CFG) == CFG.score("actor_agrees")
    assert actors_score(a, rep("e:c", "c", actors={"perpetrator": (other,)}), CFG) == CFG.score("actor_conflict")


def test_without_branch_of_the_branch_and_the_parent_disagree():
    """No attribute, no agreement: the rule reads the extractor's attribute, not the names."""
    branch, parent = _actors_read([("Northern Province", {}), ("Caliphate Front", {})])
    assert not branch.keys & parent.keys
    a = rep("e:a", "a", actors={"perpetrator": (branch,)})
    assert actors_score(a, rep("e:b", "b", actors={"perpetrator": (parent,)}), CFG) == CFG.score("actor_conflict")


# --- one place, two days, other figures -----------------------------------------------------------

RAIDERS = group("Raiders")


def test_one_towns_attacks_of_two_days_with_other_tolls_stay_apart():
    """The same group in the same town on Tuesday (4 killed) and on Wednesday (11 killed), told by
    two outlets: near day + same place + the perpetrator reached the threshold."""
    tue = rep("e:tue", "a", date="2020-05-05", actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (4.0, "exact")})
    wed = rep("e:wed", "b", date="2020-05-06", actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (11.0, "exact")})
    assert other_day_figures(tue, wed, CFG)
    assert compare(tue, wed, CFG) < CFG.threshold
    assert "other day and figures" in explain(tue, wed, CFG)
    assert groups_of([tue, wed]) == [["e:tue"], ["e:wed"]]


def test_next_day_with_agreeing_or_missing_figures_still_joins():
    """Either sign alone is no evidence: an outlet's day off by one with the same toll (or none)
    is still one event; so is a risen toll told for the same day."""
    tue = rep("e:tue", "a", date="2020-05-05", actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (10.0, "exact")})
    wed_same = rep("e:w1", "b", date="2020-05-06", actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (11.0, "exact")})
    wed_none = rep("e:w2", "c", date="2020-05-06", actors={"perpetrator": (RAIDERS,)})
    tue_risen = rep("e:t2", "d", date="2020-05-05", actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (23.0, "exact")})
    for other in (wed_same, wed_none, tue_risen):
        assert not other_day_figures(tue, other, CFG)
        assert compare(tue, other, CFG) >= CFG.threshold


def test_an_untimed_report_is_not_another_day():
    """An untimed report's day is its publication's, not a day the text gives."""
    tue = rep("e:tue", "a", date="2020-05-05", actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (4.0, "exact")})
    head = rep("e:head", "b", date="2020-05-06", actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (9.0, "exact")},
               untimed=True)
    assert not other_day_figures(tue, head, CFG)
    assert compare(tue, head, CFG) >= CFG.threshold


# --- sub-kinds by means that exclude one another ----------------------------------------------------

def _attack(iri, doc, subtype, actors):
    r = rep(iri, doc, actors=actors)
    return Report(**{**r.__dict__, "subtype": subtype})


def test_an_air_strike_and_an_ambush_near_one_town_the_same_day_stay_apart():
    """The army's air strike on a group's position and the group's ambush of a convoy, near one town
    the same day: the group is the one's target and the other's perpetrator (two roles: no
    conflict), so same day and place alone reached the threshold."""
    strike = _attack("e:air", "a", "Airstrike", {"target": (RAIDERS,)})
    ambush = _attack("e:amb", "b", "Ambush", {"perpetrator": (RAIDERS,)})
    assert other_means(strike, ambush, CFG)
    assert compare(strike, ambush, CFG) < CFG.threshold
    assert "other means" in explain(strike, ambush, CFG)
    assert groups_of([strike, ambush]) == [["e:air"], ["e:amb"]]


def test_sub_kinds_outlets_mix_up_or_leave_out_still_join():
    """A drone strike told as an air strike or a missile strike, an air strike told as a bombing
    or a massacre, or with no sub-kind, is no other means."""
    strike = _attack("e:air", "a", "Airstrike", {"target": (RAIDERS,)})
    for i, sub in enumerate(("DroneStrike", "MissileStrike", "Bombing", "Massacre", None)):
        other = _attack(f"e:{i}", f"d{i}", sub, {"target": (RAIDERS,)})
        assert not other_means(strike, other, CFG)
        assert compare(strike, other, CFG) >= CFG.threshold


def test_the_sub_kind_is_part_of_a_reports_kind():
    """Two reports alike but for their sub-kind are two kinds (the scores of kinds are remembered)."""
    from kg.fuse.cluster import signature

    a = _attack("e:1", "a", "Airstrike", {})
    same = Report(**{**a.__dict__, "iri": "e:2", "doc_id": "b"})
    other = Report(**{**a.__dict__, "iri": "e:3", "doc_id": "c", "subtype": "Ambush"})
    assert signature(a, CFG) == signature(same, CFG)
    assert signature(a, CFG) != signature(other, CFG)


# --- two groups of one field, at places that are not the same --------------------------------------

PROVINCE = PlaceInfo("p:prov", "Province", XX, 10.1, 20.1, "A", frozenset({XX}))


def test_two_groups_of_one_field_at_a_town_and_its_province_stay_apart():
    """One group's attack on the town and another group's raid on a village of the province the
    same day: agreeing as two groups of one country (their field) beside a province that holds
    the town scored 4.5, with right geocodes; unresolved, the province kept them apart."""
    town = rep("e:town", "a", actors={"perpetrator": (RAIDERS,)})
    prov = rep("e:prov", "b", places=(PROVINCE,), actors={"perpetrator": (group("Valley Front"),)})
    assert compare(town, prov, CFG) < CFG.threshold
    assert "groups of one field elsewhere" in explain(town, prov, CFG)
    assert groups_of([town, prov]) == [["e:prov"], ["e:town"]]


def test_two_groups_of_one_field_still_agree_at_one_place_and_one_group_anywhere():
    """Outlets tell one group's attack as another's at one place ("the insurgents" of one country);
    and one group named at the town and at its province agrees by its own name."""
    town = rep("e:town", "a", actors={"perpetrator": (RAIDERS,)})
    same_place = rep("e:same", "b", actors={"perpetrator": (group("Valley Front"),)})
    same_group = rep("e:prov", "c", places=(PROVINCE,), actors={"perpetrator": (RAIDERS,)})
    assert "groups of one field" not in explain(town, same_place, CFG)
    assert compare(town, same_place, CFG) >= CFG.threshold
    assert compare(town, same_group, CFG) >= CFG.threshold


# --- two points of other names within a few kilometres ----------------------------------------------

def _town(iri, name, lat, lon):
    return PlaceInfo(iri, name, XX, lat, lon, "P", frozenset({XX}))


def test_two_neighbouring_towns_struck_the_same_day_stay_apart():
    """Two towns 2-3 km apart, struck the same day by one side with close tolls: right geocodes
    put them within same_point_km, which made them one place (5.5)."""
    from kg.fuse.compat import place_relation

    north, south = _town("p:n", "Northfield", 10.0, 20.0), _town("p:s", "Southgate", 10.02, 20.0)
    assert place_relation(north, south, CFG) == "near"
    a = rep("e:n", "a", places=(north,), actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (12.0, "exact")})
    b = rep("e:s", "b", places=(south,), actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (14.0, "exact")})
    assert compare(a, b, CFG) < CFG.threshold
    assert groups_of([a, b]) == [["e:n"], ["e:s"]]


def test_a_town_and_its_base_or_two_records_of_one_town_are_one_place():
    """Names that hold one another ("X" / "X Cantonment") within same_point_km, and any two
    points within same_record_km, are still one place; further than same_point_km, two towns."""
    from kg.fuse.compat import place_relation

    town = _town("p:t", "Riverton", 10.0, 20.0)
    assert place_relation(town, _town("p:b", "Riverton Cantonment", 10.03, 20.0), CFG) == "same"
    assert place_relation(town, _town("p:r", "Rivertown", 10.005, 20.0), CFG) == "same"
    assert place_relation(town, _town("p:f", "Riverton Cantonment", 10.2, 20.0), CFG) == "conflict"
