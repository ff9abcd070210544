"""Lexicon: alias resolution, case rules, data integrity and EntityRuler patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.gazetteer import read_countries
from kg.extract.lexicon import ACTOR_TYPES, LABELS, Lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load()


@pytest.mark.parametrize(
    "key, names",
    [
        ("islamic-state", ["Islamic State", "IS", "ISIS", "ISIL", "Daesh",
                           "the Islamic State's", "Islamic State of Iraq and the Levant",
                           "Islamic State in Iraq and Syria", "ISIS militants"]),
        ("al-shabaab", ["al-Shabaab", "al Shabaab", "Al-Shabab", "Al Shabaab", "al-Shabaab's"]),
        ("al-qaeda", ["al-Qaeda", "Al Qaeda", "al-Qaida"]),
        ("houthis", ["Houthis", "Houthi", "Ansar Allah", "Houthi fighters", "the Houthis'"]),
        ("pmf", ["Popular Mobilization Forces", "PMF", "Hashd al-Shaabi",
                 "Popular Mobilisation Forces"]),
        ("kataib-hezbollah", ["Kata'ib Hezbollah", "Kataib Hezbollah"]),
        ("hts", ["Hayat Tahrir al-Sham", "HTS", "Hay'at Tahrir al-Sham"]),
        ("wagner-group", ["Wagner Group", "Wagner", "the Wagner group"]),
        ("rsf", ["Rapid Support Forces", "RSF", "RSF fighters"]),
        ("united-nations", ["United Nations", "UN", "U.N.", "the United Nations"]),
        ("un-security-council", ["UN Security Council", "U.N. Security Council",
                                 "Security Council"]),
        ("icrc", ["ICRC", "Red Cross", "the International Committee of the Red Cross"]),
        ("msf", ["MSF", "Doctors Without Borders", "Médecins Sans Frontières"]),
        ("associated-press", ["Associated Press", "AP", "the Associated Press"]),
        ("christian-science-monitor", ["The Christian Science Monitor",
                                       "the Christian Science Monitor's"]),
        ("centcom", ["CENTCOM", "US Central Command", "U.S. Central Command"]),
        ("iraqi-security-forces", ["Iraqi Security Forces", "ISF"]),
        ("idf", ["IDF", "Israel Defense Forces", "Israel Defence Forces"]),
        ("farc-dissidents", ["FARC dissidents", "Estado Mayor Central"]),
    ],
)
def test_aliases_resolve_to_one_key(lex: Lexicon, key: str, names: list[str]) -> None:
    for name in names:
        e = lex.match(name)
        assert e is not None and e.key == key, (name, e)


def test_short_acronyms_are_case_sensitive(lex: Lexicon) -> None:
    assert lex.match("IS").key == "islamic-state"
    for text in ("is", "Is", "un", "Un", "ap", "au"):
        assert lex.match(text) is None, text
    assert lex.match("Amnesty").key == "amnesty-international"
    assert lex.match("amnesty") is None  # one-word names need a capital
    assert lex.match("hamas") is None and lex.match("Hamas").key == "hamas"


def test_related_groups_stay_distinct(lex: Lexicon) -> None:
    keys = {lex.match(t).key for t in ("al-Qaeda", "AQAP", "AQIM", "JNIM", "ISWAP", "Boko Haram")}
    assert len(keys) == 6
    assert lex.match("FARC").key != lex.match("FARC dissidents").key
    assert lex.match("Hezbollah").key != lex.match("Kata'ib Hezbollah").key


@pytest.mark.parametrize(
    "text, typ, country",
    [
        ("Iraqi Security Forces", "ArmedForce", "IQ"), ("IDF", "ArmedForce", "IL"),
        ("SAF", "ArmedForce", "SD"), ("Sudanese Armed Forces", "ArmedForce", "SD"),
        ("FARDC", "ArmedForce", "CD"), ("Tatmadaw", "ArmedForce", "MM"),
        ("Peshmerga", "ArmedForce", "IQ"), ("Ukrainian Armed Forces", "ArmedForce", "UA"),
        ("Russian Armed Forces", "ArmedForce", "RU"), ("CENTCOM", "ArmedForce", "US"),
        ("Azov", "ArmedForce", "UA"), ("Africa Corps", "ArmedForce", "RU"),
        ("Boko Haram", "ArmedGroup", "NG"), ("M23", "ArmedGroup", "CD"),
        ("ADF", "ArmedGroup", "CD"),
        ("ELN", "ArmedGroup", "CO"), ("TPLF", "ArmedGroup", "ET"), ("Fano", "ArmedGroup", "ET"),
        ("Janjaweed", "ArmedGroup", "SD"), ("Arakan Army", "ArmedGroup", "MM"),
        ("PDF", "ArmedGroup", "MM"), ("KIA", "ArmedGroup", "MM"), ("LTTE", "ArmedGroup", "LK"),
        ("TTP", "ArmedGroup", "PK"), ("Taliban", "ArmedGroup", "AF"), ("Hamas", "ArmedGroup", "PS"),
        ("Palestinian Islamic Jihad", "ArmedGroup", "PS"), ("Hezbollah", "ArmedGroup", "LB"),
        ("SDF", "ArmedGroup", "SY"), ("YPG", "ArmedGroup", "SY"), ("PKK", "ArmedGroup", "TR"),
        ("NATO", "Organization", None), ("African Union", "Organization", None),
        ("ECOWAS", "Organization", None), ("EU", "Organization", None),
        ("Arab League", "Organization", None), ("UNHCR", "Organization", None),
        ("UNICEF", "Organization", None), ("WFP", "Organization", None),
        ("OCHA", "Organization", None),
        ("Human Rights Watch", "Organization", None), ("ACLED", "Organization", None),
        ("Reuters", "Organization", None), ("AFP", "Organization", None),
        ("BBC", "Organization", None),
        ("Al Jazeera", "Organization", None), ("CNN", "Organization", None),
        ("The New York Times", "Organization", None), ("The Washington Post", "Organization", None),
        ("The Guardian", "Organization", None),
    ],
)
def test_required_actors(lex: Lexicon, text: str, typ: str, country: str | None) -> None:
    e = lex.match(text)
    assert e is not None and e.type == typ and e.country == country, (text, e)


def test_not_actors(lex: Lexicon) -> None:
    for text in ("Ministry of Defense", "Defense", "Monday", "", "the", "Kurdish forces"):
        assert lex.match(text) is None, text


def test_table_integrity(lex: Lexicon) -> None:
    countries = {c.code for c in read_countries()}
    entries = lex.entries()
    assert len(entries) >= 100
    assert len({e.key for e in entries}) == len(entries)
    for e in entries:
        assert e.type in ACTOR_TYPES
        assert e.country is None or e.country in countries, e.key
        assert e.wikidata is None or e.wikidata.startswith("Q"), e.key
        assert lex.get(e.key) is e
        assert lex.match(e.name) is e, e.name  # every canonical name resolves to itself
    assert lex.match("ISIS").wikidata == "Q2429253"


def test_patterns_include_every_alias(lex: Lexicon) -> None:
    pats = lex.patterns()
    by_text = {p["pattern"]: p for p in pats}
    assert len(by_text) == len(pats)  # no pattern string is claimed twice
    for e in lex.entries():
        for alias in e.names:
            p = by_text.get(alias)
            assert p is not None, alias
            assert p["id"] == e.key and p["label"] == LABELS[e.type]
    assert by_text["Al-Shabaab"]["id"] == "al-shabaab"  # case/hyphen variants
    assert by_text["Al Shabaab"]["id"] == "al-shabaab"
    assert {p["label"] for p in pats} == {"ARMED_GROUP", "ORG", "ARMED_FORCE"}


def test_patterns_drive_spacy_entity_ruler(lex: Lexicon) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(lex.patterns())
    doc = nlp("Daesh fighters fled as Al-Shabaab and the U.N. met, the Christian Science Monitor's "
              "reporter said; IS is weakened.")
    found = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents}
    assert ("Daesh", "ARMED_GROUP", "islamic-state") in found
    assert ("Al-Shabaab", "ARMED_GROUP", "al-shabaab") in found
    assert ("U.N.", "ORG", "united-nations") in found
    assert ("Christian Science Monitor", "ORG", "christian-science-monitor") in found
    assert ("IS", "ARMED_GROUP", "islamic-state") in found
    assert not any(ent.text == "is" for ent in doc.ents)


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "actors.yaml"
    p.write_text(body, encoding="utf-8")
    return p


def test_load_rejects_conflicting_aliases(tmp_path: Path) -> None:
    body = """actors:
  - {key: a, name: Alpha Group, type: ArmedGroup, aliases: [AG]}
  - {key: b, name: Beta Group, type: ArmedGroup, aliases: [AG]}
"""
    with pytest.raises(ValueError, match="AG"):
        Lexicon.load(_write(tmp_path, body))


@pytest.mark.parametrize(
    "line",
    [
        "{key: a, name: A, type: Militia}",
        "{key: Not A Slug, name: A, type: ArmedGroup}",
        "{key: a, name: A, type: ArmedGroup, country: Iraq}",
        "{key: a, name: A, type: ArmedGroup, wikidata: '123'}",
    ],
)
def test_load_validates_fields(tmp_path: Path, line: str) -> None:
    with pytest.raises(ValueError):
        Lexicon.load(_write(tmp_path, f"actors:\n  - {line}\n"))


def test_load_custom_table(tmp_path: Path) -> None:
    body = (
        "actors:\n"
        "  - {key: x, name: Example Front, type: ArmedGroup, country: ML, aliases: [EF]}\n"
    )
    lx = Lexicon.load(_write(tmp_path, body))
    assert lx.match("EF").key == "x" and lx.match("example front").key == "x"
    assert lx.match("ef") is None
