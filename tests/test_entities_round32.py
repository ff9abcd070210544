"""Entities, round 32 (issue 10): first-run errors of batches Y and Z still present today and fresh writers r20/r21's
errors, by mechanism (docs/entities.md, "Round 32 (entities)").

Each extraction test is an invented report; the towns, people, bodies and units are invented (states and listed
actors are real: the gazetteer and the lexicon know them).
"""

from __future__ import annotations

import pytest

from rule_helpers import extract


def _all(facts):
    return [(e.type, e.name, tuple(e.aliases)) for e in facts.entities]


def _names(facts, etype):
    return [n for e in facts.entities if e.type == etype for n in [e.name, *e.aliases]]


def _one(facts, etype, *names):
    """One entity of ``etype`` goes by every one of ``names``."""
    return any(e.type == etype and set(names) <= {e.name, *e.aliases} for e in facts.entities)


def _x(extractor, text):
    return extract(extractor, text, published="2014-05-01")


# 1. Names NER cuts or runs on: a unit's bracketed qualifier, a ship in capitals and its bare name, a possessive
#    acronym in brackets, a hyphenated surname, a title between a place and a full name, a police rank.

def test_a_units_bracketed_qualifier_is_part_of_its_name(extractor):
    f = _x(extractor, "Ops\n\nThe ship carries personnel from the 17th Marine Expeditionary Unit (Special Operations "
                      "Capable) (MEU (SOC)) to Velkoro.")
    assert _one(f, "ArmedForce", "17th Marine Expeditionary Unit (Special Operations Capable)", "MEU"), _all(f)


def test_a_ship_in_capitals_keeps_its_whole_name(extractor):
    f = _x(extractor, "Ops\n\nI authorized the deployment of the amphibious ship, USS VELKOR WOOD (LHA 9), to the region.")
    assert "USS VELKOR WOOD" in _names(f, "ArmedForce"), _all(f)


def test_a_ships_bare_name_is_the_ship(extractor):
    f = _x(extractor, "Ops\n\nI authorized the deployment of the amphibious ship USS Velkor Bay to the region. Also, "
                      "embarked in the Velkor Bay is a portion of the personnel.")
    assert _one(f, "ArmedForce", "USS Velkor Bay", "Velkor Bay") and "Velkor Bay" not in _names(f, "Location"), _all(f)


def test_a_possessive_acronym_in_brackets_joins_its_name(extractor):
    f = _x(extractor, "Review\n\nThe Secretary reviewed U.S. Velkor Command’s (USVELCOM’s) investigation into the "
                      "attack. The review is welcomed by USVELCOM.")
    assert _one(f, "ArmedForce", "U.S. Velkor Command", "USVELCOM"), _all(f)


def test_a_hyphenated_surname_is_part_of_the_full_name(extractor):
    f = _x(extractor, "Talks\n\nDefense Minister Joao Paulo Ferro-Branco met him here Monday, press secretary Jane Roe "
                      "said. Ferro-Branco said the talks went well.")
    assert _one(f, "Person", "Joao Paulo Ferro-Branco", "Ferro-Branco") and "Joao Paulo" not in _names(f, "Person"), \
        _all(f)


def test_a_place_and_a_title_before_a_full_name_are_no_part_of_it(extractor):
    f = _x(extractor, "Talks\n\nGok Governor Rizik Mabior Deng and his entire cabinet fled the area, according to the "
                      "rebels.")
    assert ("Person", "Rizik Mabior Deng", ()) in _all(f), _all(f)


def test_a_police_rank_abbreviation_is_no_part_of_the_name(extractor):
    f = _x(extractor, "Raid\n\nNine people died, said SP Grace Okonkwo, Police Public Relations Officer, on Sunday.")
    assert "Grace Okonkwo" in _names(f, "Person") and "SP Grace Okonkwo" not in _names(f, "Person"), _all(f)


def test_a_presidents_administration_named_before_its_officials(extractor):
    f = _x(extractor, "Talks\n\nJane Roe and other Kennedy administration officials condemned the attacks in Velkoro.")
    assert "Kennedy administration" in _names(f, "Organization"), _all(f)


def test_a_surname_a_title_ran_into_is_a_person(extractor):
    f = _x(extractor, 'Strikes\n\nActing Deputy Spokesperson Marlow (May 20): "The United States strongly condemns '
                      'the strikes on the town of Oravel."')
    assert "Marlow" in _names(f, "Person"), _all(f)


def test_an_initialled_name_in_a_headline_only_is_kept(extractor):
    f = _x(extractor, "Statement From Press Secretary Jane Q. Roe on the Review\n\nThe Secretary has completed an "
                      "initial review of the attack.")
    assert "Jane Q. Roe" in _names(f, "Person"), _all(f)


def test_a_state_before_a_minister_of_x_y_is_named(extractor):
    f = _x(extractor, "Meetings\n\nJane Roe held a meeting with Chile Minister of National Defense Ana Maria Velasco on Monday.")
    assert "Chile" in _names(f, "Country"), _all(f)


# 2. Bodies' and forces' names: cut at "of", "for", a dash; their short forms and acronyms.

@pytest.mark.parametrize("text, etype, name", [
    ("Ops\n\nThe liberation of the town of Velkoro was completed, the Ministry of Defence of the Russian Federation "
     "reports.", "Organization", "Ministry of Defence of the Russian Federation"),
    ("Ops\n\nThe Joint Command of the National Forces reports that 1,000 soldiers arrived in Velkoro.",
     "Organization", "Joint Command of the National Forces"),
    ("Ops\n\nUnits of the Velkora group of forces liberated Velkoro, the ministry said.", "ArmedForce",
     "Velkora group of forces"),
    ("Review\n\nThe Secretary appointed General Jane Roe, the Commanding General of the U.S. Army Training and "
     "Readiness Command (TRAREC), to conduct the review.", "ArmedForce", "U.S. Army Training and Readiness Command"),
    ("Marines\n\nMarines have begun arriving in Velkoro for the eighth iteration of the Marine Rotational Force – "
     "Oravel initiative. The MRF-O will train.", "ArmedForce", "Marine Rotational Force – Oravel"),
    ("Ops\n\nThe 17th Marine Expeditionary Unit and the USS Velkor Amphibious Ready Group will provide support.",
     "ArmedForce", "USS Velkor Amphibious Ready Group"),
])
def test_a_long_name_is_read_whole(extractor, text, etype, name):
    f = _x(extractor, text)
    assert name in _names(f, etype), _all(f)


def test_a_body_named_short_and_with_its_state_is_one(extractor):
    f = _x(extractor, "Army arrives to support the National Police\n\nThe army arrived in Velkoro to support the "
                      "National Police of Chile in the control of internal order.")
    assert _one(f, "ArmedForce", "National Police of Chile", "National Police"), _all(f)


def test_an_unlabelled_acronym_in_brackets_joins_the_command(extractor):
    f = _x(extractor, "Review\n\nThe Secretary appointed General Jane Roe, the Commanding General of the U.S. Army "
                      "Training and Readiness Command (TRAREC), to conduct the review.")
    assert _one(f, "ArmedForce", "U.S. Army Training and Readiness Command", "TRAREC"), _all(f)


def test_a_dashed_forces_acronym_joins_it(extractor):
    f = _x(extractor, "Marines\n\nMarines have begun arriving in Velkoro for the eighth iteration of the Marine "
                      "Rotational Force – Oravel initiative. The MRF-O will train.")
    assert _one(f, "ArmedForce", "Marine Rotational Force – Oravel", "MRF-O"), _all(f)


def test_a_council_for_a_cause_told_armed_is_a_group_by_its_whole_name(extractor):
    f = _x(extractor, "Raid\n\nThe Military Command Council for the Salvation of Velkoria (CCMSV), a rebel group "
                      "based in southern Libya, claimed the attack.")
    assert _one(f, "ArmedGroup", "Military Command Council for the Salvation of Velkoria", "CCMSV"), _all(f)


def test_a_listed_acronyms_other_spelling_is_that_actor(extractor):
    f = _x(extractor, "Raja\n\nRebels with the Greater Sudan People's Liberation Movement of the Opposition (SPLM-IO) "
                      "attacked Velkoro town on Friday.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert len(groups) == 1 and "SPLM-IO" in groups[0].aliases + [groups[0].name], _all(f)


@pytest.mark.parametrize("text, name", [
    ("Toll\n\nThe toll has risen to 19 dead, the El Velkor Resistance Committees said yesterday.",
     "El Velkor Resistance Committees"),
    ("Raid\n\nSix herders were killed near Velkoro, the county commissioner told Velk FM this morning.", "Velk FM"),
])
def test_plural_body_heads_and_a_radios_band_make_a_body(extractor, text, name):
    f = _x(extractor, text)
    assert name in _names(f, "Organization"), _all(f)


# 3. Armed groups by their own words.

@pytest.mark.parametrize("text, name", [
    ("Raid\n\nThe terrorist Rapid Support Forces militia this evening shelled the camp north of Velkoro, killing 11 "
     "civilians.", "Rapid Support Forces"),
    ("Falls\n\nThe Velkor Brotherhood, an alliance of armed groups, said the army's last unit in Oravel had retreated.",
     "Velkor Brotherhood"),
    ("Falls\n\nVelkor Brotherhood fighters overran a military camp on the edge of Oravel on Monday, the alliance said.",
     "Velkor Brotherhood"),
])
def test_an_armed_group_named_by_its_own_words(extractor, text, name):
    f = _x(extractor, text)
    assert name in _names(f, "ArmedGroup"), _all(f)


# 4. Places NER calls something else.

@pytest.mark.parametrize("text, name", [
    ("Raid\n\nThe ministry called on the authorities in Velkorum to return the captives.", "Velkorum"),
    ("Raid\n\nTwelve civilians were killed two days after the massacre at Velkorum.", "Velkorum"),
    ("Raid\n\nArmed youths from the Greater Velkor Administrative Area attacked cattle camps.",
     "Greater Velkor Administrative Area"),
    ("Raid\n\nThe personnel set up checkpoints on the Oravel Highway as far as the crossing.", "Oravel Highway"),
    ("Miners leave Velko Bougal as troops arrive\n\nHundreds of miners have left since some 650 soldiers reached Velko "
     "Bougal on Monday and ordered the pits closed.", "Velko Bougal"),
    ("Talks\n\nThe base will remain at Velkor Field in the Canaries, officials said.", "Canaries"),
    ("Raid\n\nThe attackers came from the direction of the Velkina-Ala river and fled before soldiers reached the "
     "settlement.", "Velkina-Ala river"),
    ("Troops\n\nThe National Guard arrived in Velkoro this afternoon, the same day the army reinforced neighbouring "
     "Frontera Velka.", "Frontera Velka"),
])
def test_a_place_by_its_frame(extractor, text, name):
    f = _x(extractor, text)
    assert name in _names(f, "Location") and not any(
        name in _names(f, t) for t in ("Organization", "Person")), _all(f)


def test_a_name_the_model_calls_a_date_before_a_division_is_a_place(extractor):
    """(NER's date label is forced on the invented name: the model gives it to a few real province names only.)"""
    from spacy.tokens import Span

    from kg.extract.nlp import parse
    parsed = parse(extractor.nlp, "Chad sent about 800 soldiers to its northern Velkesti province on Monday.")
    sent = parsed.sentences[0]
    doc = sent.span.doc
    i = next(t.i for t in doc if t.text == "Velkesti")
    got = []
    extractor.mentions._claim_ent(Span(doc, i, i + 1, label="DATE"), sent,
                                  lambda s, kind, subtype=None, **hint: got.append((kind, s.text)))
    assert ("Location", "Velkesti province") in got, got


def test_a_datelines_town_with_an_apostrophe_and_its_outlet(extractor):
    f = _x(extractor, "Chad sends troops\n\nD'VELKO, Feb 18 (Velkor Wire) - Chad sent about 800 soldiers to the "
                      "border on Monday, the army said.")
    assert "Velkor Wire" in _names(f, "Organization"), _all(f)


# 5. Names that name nothing one: an adjective made with a prefix, several buildings, a kind of force.

@pytest.mark.parametrize("text, name", [
    ("Talks\n\nThey discussed influence in the trans-Pacific security environment at the meeting in Velkoro.",
     "trans-Pacific"),
    ("Letter\n\nTwo bombs exploded at the Chilean Embassies in Velkoro and Oravel on Monday.", "Chilean Embassies"),
    ("Letter\n\nOn August 7, a Joint Task Force of U.S. military personnel from U.S. Central Command deployed to "
     "Velkoro.", "Joint Task Force"),
])
def test_no_entity_is_named(extractor, text, name):
    f = _x(extractor, text)
    assert not any(name in [e.name, *e.aliases] for e in f.entities), _all(f)


# Guards (pass before and after): what the rules above must leave alone.

def test_a_name_particle_before_a_hyphen_stays_a_place(extractor):  # guard
    f = _x(extractor, "Talks\n\nThe rebels seized el-Velkor on Monday, officials in Velkoro said.")
    assert "el-Velkor" in _names(f, "Location"), _all(f)


def test_a_title_word_inside_a_persons_name_is_kept(extractor):  # guard
    f = _x(extractor, "Talks\n\nPresident Hassan Sheikh Velkamud met Jane Roe in Velkoro.")
    assert "Hassan Sheikh Velkamud" in _names(f, "Person"), _all(f)


def test_a_numbered_task_force_after_a_stays_a_force(extractor):  # guard
    f = _x(extractor, "Ops\n\nA Combined Joint Task Force 91 spokesman said the patrol reached Velkoro.")
    assert "Combined Joint Task Force 91" in _names(f, "ArmedForce"), _all(f)


def test_a_piece_of_a_hyphenated_town_is_no_place(extractor):  # guard
    f = _x(extractor, "Talks\n\nLocal people in Velk-Tash say the post sits near the village.")
    assert "Velk" not in _names(f, "Location"), _all(f)


def test_a_states_group_of_forces_is_no_name(extractor):  # guard
    f = _x(extractor, "Ops\n\nThe Russian group of forces advanced near Velkoro.")
    assert not any("group of forces" in n for n in _names(f, "ArmedForce")), _all(f)


def test_a_listed_groups_hyphenated_name_after_its_owner_stays_the_group(extractor):  # guard
    f = _x(extractor, "Talks\n\nThe province lies along the border where pockets of Omar Velk Hassan's Al-Qaeda terror "
                      "network are thought to be holding out.")
    assert not any("Al-Qaeda" in n for n in _names(f, "Person")), _all(f)
