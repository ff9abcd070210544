"""Issue 11's seventeenth fusion round: the fresh batch by a new writer, split at writing time
between tests/data/fusion/dev and tests/data/fusion/test (articles ``r17-*``), and the rule its
dev half taught (docs/fusion.md, "Seventeenth round"), on invented reports (never on corpus
articles): two places the gazetteer left unresolved whose names are one name with or without a
word for a kind of place ("Orna" / "Orna village") are one place
(``places.unresolved_place_words``, ``compat.bare_place_name``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kg.fuse.cluster import cluster
from kg.fuse.compat import bare_place_name, compare, place_relation
from kg.fuse.config import load_config
from kg.fuse.model import PlaceInfo, Report

import fusion_batches

ROOT = Path(__file__).resolve().parents[1]
FUSION = ROOT / "tests" / "data" / "fusion"
CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
YY = "https://w3id.org/conflict-kg/id/state/yy"


# --- the batch (its make-up only: the test half's texts and results are never read) -----------------

def _manifest(part: str) -> dict[str, dict]:
    return fusion_batches.manifest("r17", part)


def test_the_batch_is_split_by_whole_clusters_odd_to_dev_and_even_to_test():
    """Twelve clusters, each wholly in one part with its distractors: odd numbers in dev, even in
    test, each told by 2-4 articles; at least 12 distractors in all."""
    fusion_batches.assert_split_by_whole_clusters("r17")


def test_every_dev_article_has_its_sidecar_gold_and_manifest_row_in_agreement():
    fusion_batches.assert_dev_rows_agree("r17", 25)


def test_the_syndicated_copy_has_the_wire_text_under_another_headline():
    art = FUSION / "dev" / "articles"
    a = (art / "r17-i01-a-savannah-wire-yandoto-raid.txt").read_text("utf-8").split("\n\n", 1)
    b = (art / "r17-i01-a2-sokoto-mirror-yandoto-copy.txt").read_text("utf-8").split("\n\n", 1)
    assert a[1] == b[1] and a[0] != b[0]
    assert _manifest("dev")["r17-i01-a2-sokoto-mirror-yandoto-copy"]["kind"] == "syndicated-copy"


# --- the rule (invented reports) ----------------------------------------------------------------------

RULE_OFF = dataclasses.replace(CFG, unresolved_place_words=())


def unresolved(label: str, country: str | None = None) -> PlaceInfo:
    return PlaceInfo(f"u:{label}", label, country, None, None, "?", frozenset(), inferred=country is not None)


def attack(iri: str, doc: str, day: str, place: PlaceInfo) -> Report:
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=day, precision="day",
                  published=day, publisher=doc, places=(place,), actors={}, quantities={}, evidence="")


def test_a_name_with_or_without_a_word_for_a_kind_of_place_is_one_place():
    words = CFG.unresolved_place_words
    assert bare_place_name("orna village", words) == "orna"
    assert bare_place_name("village of orna", words) == "orna"
    assert bare_place_name("orna military base", words) == "orna"
    assert bare_place_name("village", words) == "village"  # nothing would be left
    assert place_relation(unresolved("Orna", XX), unresolved("Orna village"), CFG) == "same"
    assert place_relation(unresolved("Pellic garrison"), unresolved("Pellic"), CFG) == "same"
    assert place_relation(unresolved("the camp of Tarn"), unresolved("Tarn camp"), CFG) == "same"
    assert place_relation(unresolved("Orna", XX), unresolved("Orna village"), RULE_OFF) != "same"


def test_two_reports_of_one_day_at_the_one_place_so_named_join_only_with_the_rule():
    wire = attack("r:wire", "wire", "2031-05-09", unresolved("Orna", XX))
    police = attack("r:police", "police", "2031-05-09", unresolved("Orna village"))
    assert compare(wire, police, CFG) >= CFG.threshold
    assert len(cluster([wire, police], CFG)) == 1
    assert compare(wire, police, RULE_OFF) < RULE_OFF.threshold
    assert len(cluster([wire, police], RULE_OFF)) == 2


def test_other_names_a_city_an_area_word_or_another_country_are_not_one_place():
    assert place_relation(unresolved("Orna"), unresolved("Ornaville village"), CFG) != "same"
    # "city" is no such word: "Gaza City" and "Gaza" are two places (round 4)
    assert place_relation(unresolved("Pellic City"), unresolved("Pellic"), CFG) != "same"
    # an area word: the area named after a town holds it, it is not the town
    assert place_relation(unresolved("Pellic district"), unresolved("Pellic"), CFG) == "contained"
    # two countries veto whatever the names
    assert place_relation(unresolved("Orna", XX), unresolved("Orna village", YY), CFG) == "conflict"


def test_a_located_place_is_not_matched_by_the_rule():
    """The rule is for two unresolved names; a located town and an unresolved name go by the
    round-12 rule (``unresolved_names_hold``: contained)."""
    town = PlaceInfo("p:orna", "Orna", XX, 10.0, 20.0, "P", frozenset({XX}))
    assert place_relation(town, unresolved("Orna village", XX), CFG) == "contained"
