"""Bad input through the ``kg`` command line: a clear one-line warning or error, never a crash.

* a huge article: over ``--max-bytes`` (10 MiB) it is refused; under it, only the first
  ``--max-chars`` (1,000,000) characters are extracted, cut at a paragraph boundary;
* an article with no actors, places or events: stored, with a warning;
* an article in another language (or whose metadata says so): extracted, with a warning that
  says what was found;
* a document that kills its worker process (``--jobs 2``): reported, the others still land.

The reports below are written for these tests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from conftest import SEED, SEEDS, BuiltStore, Kg

from kg.models import Document, Facts
from kg.read.reader import (
    DEFAULT_MAX_CHARS,
    discover,
    english_share,
    language_problem,
    read_all,
)

CORPUS = Path(__file__).parent / "data" / "corpus"
WARNING_LINE = re.compile(r"^warning: \S.*$")

PARAGRAPH = (
    "Government troops backed by air support pushed into the northern district on Tuesday, two "
    "days after insurgents attacked a checkpoint near the market and killed four soldiers, a "
    "military spokesman said. Residents reported heavy shelling overnight and said hundreds of "
    "families had fled towards the provincial capital."
)

RECIPE = """Slow-cooked lentil soup for a cold evening

Rinse two cups of brown lentils and leave them to drain while you chop one onion, two carrots and a stick of celery into small pieces.

Warm a spoonful of oil in a heavy pot, soften the vegetables for ten minutes over a low heat, then stir in a teaspoon of ground cumin and a crushed clove of garlic.

Add the lentils with six cups of water and a bay leaf, bring the pot to a gentle simmer and cook it for about forty minutes, until the lentils are soft.

Season the soup with salt, pepper and a squeeze of lemon, and serve it with warm bread and a spoonful of yoghurt on top.
"""

WEATHER = """Cool and breezy start to the week

Expect a cloudy morning with a few light showers, mostly over the hills, before the sky clears in the afternoon and temperatures climb to around fourteen degrees.

The wind will ease after sunset and the night will be cold and dry, with a chance of frost in sheltered valleys and low-lying fields.
"""

FRENCH = """L'armée malienne reprend le contrôle de la ville de Kidal

Les forces armées maliennes ont annoncé mardi avoir repris le contrôle de la ville de Kidal, dans le nord du pays, après plusieurs jours de combats contre des groupes armés rebelles.

Selon un communiqué de l'état-major, les soldats sont entrés dans la ville à l'aube, appuyés par des drones et des hélicoptères. Les rebelles se sont retirés vers les montagnes de l'Adrar des Ifoghas, a précisé le porte-parole de l'armée.

Des habitants joints par téléphone ont fait état de fortes explosions pendant la nuit et de nombreux déplacés fuyant vers la frontière algérienne. Le bilan des combats n'a pas été communiqué.
"""

SPANISH = """El ejército colombiano lanza una ofensiva en el Cauca tras el ataque a una comisaría

Las fuerzas militares de Colombia iniciaron el jueves una operación en el departamento del Cauca, dos días después de que un grupo armado atacara una estación de policía y matara a tres agentes, según informó el Ministerio de Defensa.

El ministro afirmó que cerca de mil soldados fueron desplegados en la zona con apoyo de helicópteros y que la operación continuará hasta capturar a los responsables del ataque.
"""

GERMAN = """Ukrainische Truppen melden Geländegewinne bei Charkiw

Die ukrainische Armee hat nach eigenen Angaben mehrere Dörfer im Gebiet Charkiw zurückerobert. Der Generalstab teilte am Montag mit, die russischen Einheiten hätten sich nach schweren Kämpfen aus den Ortschaften östlich der Stadt zurückgezogen.

Ein Sprecher des Verteidigungsministeriums sagte, die Offensive werde fortgesetzt, bis die Grenze erreicht sei. Bewohner berichteten von andauerndem Artilleriebeschuss in der Nacht.
"""


@pytest.fixture(autouse=True)
def _one_extractor(monkeypatch: pytest.MonkeyPatch, extractor: object) -> None:
    """The CLI loads the extractor for every command (~1.5 s); these tests share the session's."""
    import kg.cli.main

    monkeypatch.setattr(kg.cli.main, "load_extractor", lambda: extractor)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def huge_article(path: Path, size: int = 10_000_000) -> Path:
    """A ~10 MB plain-text report: a headline, then one realistic paragraph over and over."""
    count = (size - 40) // (len(PARAGRAPH) + 2)
    return write(path, "Fighting rages in the north\n\n" + "\n\n".join([PARAGRAPH] * count) + "\n")


def warnings_for(stderr: str, path: Path) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"warning: {path}: ")]


def assert_clean_run(result: object) -> None:
    """Exit 0, no error lines, every stderr line a one-line warning (no traceback)."""
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    assert all(WARNING_LINE.match(line) for line in stderr.splitlines() if line.strip()), stderr


def summary(stdout: str) -> dict[str, str]:
    """The row of the ``kg build`` summary table: documents, failed, entities, ..."""
    rows = [[c.strip() for c in line.strip("│┃ ").split("│" if "│" in line else "┃")]
            for line in stdout.splitlines() if "│" in line or "┃" in line]
    return dict(zip(rows[0], rows[1]))


# ----------------------------------------------------------------------------- huge articles

def test_a_10_mb_article_is_cut_at_max_chars_with_a_warning(kg_empty: Kg, tmp_path: Path) -> None:
    big = huge_article(tmp_path / "big.txt")
    assert 9_900_000 < big.stat().st_size < 10 * 1024 * 1024  # under --max-bytes: it is read
    result = kg_empty("build", "--max-chars", "20000", str(big))
    assert_clean_run(result)
    [warning] = warnings_for(result.stderr, big)
    assert re.search(r"text is 9,9\d\d,\d{3} characters, over the 20,000 limit: extracted the "
                     r"first 19,\d{3} \(\d+ of 3\d,\d{3} paragraphs; raise the limit with "
                     r"--max-chars\)$", warning), warning
    assert summary(result.stdout)["documents"] == "1"
    assert "Fighting rages in the north" in kg_empty("docs").stdout


def test_raising_max_chars_replaces_the_same_document(kg_empty: Kg, tmp_path: Path) -> None:
    """The id is the whole article's: building it again with a larger limit replaces it."""
    big = huge_article(tmp_path / "big.txt", size=200_000)
    first = kg_empty("build", "--max-chars", "10000", str(big))
    second = kg_empty("build", "--max-chars", "30000", str(big))
    assert_clean_run(first)
    assert_clean_run(second)
    assert "over the 30,000 limit" in second.stderr
    assert "same document id" not in second.stderr
    docs = kg_empty("docs").stdout
    assert docs.count("Fighting rages in the north") == 1
    assert int(summary(second.stdout)["triples"]) > int(summary(first.stdout)["triples"])


def test_the_default_limit_cuts_a_10_mb_article_at_a_paragraph(tmp_path: Path) -> None:
    """What ``kg build`` does by default, without running spaCy over a million characters."""
    big = huge_article(tmp_path / "big.txt")
    [result] = read_all([big])
    assert result.document is not None
    text = result.document.text
    assert DEFAULT_MAX_CHARS - len(PARAGRAPH) - 2 <= len(text) <= DEFAULT_MAX_CHARS
    assert text.endswith(PARAGRAPH)  # a whole paragraph, not a cut sentence
    [warning] = result.warnings
    assert re.fullmatch(r"text is 9,9\d\d,\d{3} characters, over the 1,000,000 limit: extracted "
                        r"the first 99\d,\d{3} \([\d,]+ of [\d,]+ paragraphs; raise the limit "
                        r"with --max-chars\)", warning), warning
    [whole] = read_all([big], max_chars=20_000_000)
    assert whole.document is not None and whole.warnings == ()
    assert whole.document.text.startswith(text) and whole.document.meta.id == result.document.meta.id


def test_one_huge_paragraph_is_cut_at_a_word(tmp_path: Path) -> None:
    """A paragraph boundary that would keep less than half the limit is not used."""
    f = write(tmp_path / "wall.txt", "Headline of a wall of text\n\n" + " ".join([PARAGRAPH] * 200))
    [result] = read_all([f], max_chars=5_000)
    [whole] = read_all([f], max_chars=1_000_000)
    assert result.document is not None and whole.document is not None
    text = result.document.text
    assert 4_500 < len(text) <= 5_000
    assert whole.document.text.startswith(text)
    assert whole.document.text[len(text)] == " "  # cut between two words
    assert result.warnings[0].endswith("(1 of 2 paragraphs and part of the next; "
                                       "raise the limit with --max-chars)")


def test_a_file_over_max_bytes_is_refused_and_the_others_still_land(kg_empty: Kg, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    good = write(folder / "a-soup.txt", RECIPE)
    huge = folder / "b-huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: instant; refused before it is read
    result = kg_empty("build", str(folder))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {huge}: file is 11.0 MB, over the 10.0 MB limit "
                      "(raise it with --max-bytes)"]
    assert summary(result.stdout)["documents"] == "1"
    assert warnings_for(result.stderr, good)  # the soup itself: no facts, see below


# ----------------------------------------------------------------------------- no entities

@pytest.mark.parametrize(("name", "text"), [("soup.txt", RECIPE), ("weather.txt", WEATHER)])
def test_an_article_with_no_entities_is_stored_with_a_warning(kg_empty: Kg, tmp_path: Path,
                                                              name: str, text: str) -> None:
    f = write(tmp_path / name, text)
    result = kg_empty("build", str(f))
    assert_clean_run(result)
    assert warnings_for(result.stderr, f) == [
        f"warning: {f}: no actors, places or events found (is it a conflict report?)"]
    numbers = summary(result.stdout)
    assert (numbers["documents"], numbers["entities"], numbers["events"]) == ("1", "0", "0")
    assert text.splitlines()[0] in kg_empty("docs").stdout


def test_extract_warns_about_no_entities_and_still_writes_the_file(kg_empty: Kg, tmp_path: Path) -> None:
    f = write(tmp_path / "soup.txt", RECIPE)
    result = kg_empty("extract", str(f), "-o", str(tmp_path / "facts"))
    assert_clean_run(result)
    assert len(warnings_for(result.stderr, f)) == 1 and "no actors, places or events" in result.stderr
    assert len(list((tmp_path / "facts").glob("*.facts.json"))) == 1


# ----------------------------------------------------------------------------- other languages

@pytest.mark.parametrize(("name", "text"), [("fr.txt", FRENCH), ("es.txt", SPANISH), ("de.txt", GERMAN)])
def test_text_in_another_language_is_extracted_with_a_warning(kg_empty: Kg, tmp_path: Path,
                                                              name: str, text: str) -> None:
    f = write(tmp_path / name, text)
    result = kg_empty("build", str(f))
    assert_clean_run(result)
    [warning] = warnings_for(result.stderr, f)
    assert re.fullmatch(
        rf"warning: {re.escape(str(f))}: does not look like English \(only \d+% of its words are "
        r"common English words such as 'the', 'of', 'and'; English news has 25-40%\); extraction "
        r"expects English: found (\d+ actors? or places? and \d+ events?, check them"
        r"|no actors, places or events)", warning), warning
    assert summary(result.stdout)["documents"] == "1"  # still extracted and stored


def test_metadata_naming_another_language_gets_the_warning(kg_empty: Kg, tmp_path: Path) -> None:
    f = write(tmp_path / "report.txt", (SEED.read_text(encoding="utf-8")))
    write(tmp_path / "report.txt.meta.yaml", "title: A report said to be French\nlanguage: fr\n")
    result = kg_empty("build", str(f))
    assert_clean_run(result)
    [warning] = warnings_for(result.stderr, f)
    assert re.fullmatch(rf"warning: {re.escape(str(f))}: may not be English \(its metadata says "
                        r"language 'fr'\); extraction expects English: found \d+ actors or places "
                        r"and \d+ events, check them", warning), warning
    both = kg_empty("build", "--language", "es", str(write(tmp_path / "fr.txt", FRENCH)))
    assert "does not look like English (only 0% of its words" in both.stderr
    assert "; its metadata says language 'es')" in both.stderr


def test_english_reports_do_not_trigger_the_language_warning(built_store: BuiltStore) -> None:
    reports = discover([CORPUS, SEEDS])
    assert len(reports) >= 25
    for result in read_all(reports):
        assert result.document is not None, result.error
        share = english_share(result.document.text)
        assert share is not None and share > 0.25, (result.path, share)
        assert language_problem(result.document.text, result.document.meta.language) is None
    assert "English" not in built_store.build.stderr  # the seed, through kg build
    for code in ("en", "en-GB", "en_US", "EN", "eng", "English"):
        assert language_problem(SEED.read_text(encoding="utf-8"), code) is None


def test_short_or_non_latin_texts(tmp_path: Path) -> None:
    assert english_share("Alpha headline\n\nFirst text.") is None  # too short to judge
    assert language_problem("Alpha headline\n\nFirst text.") is None
    arabic = "القوات العراقية تستعيد السيطرة على المدينة بعد معارك عنيفة مع المسلحين " * 10
    assert english_share(arabic) == 0.0
    chinese = "政府军周二在空中支援下进入北部地区，两天前叛乱分子袭击了市场附近的检查站。" * 10
    assert language_problem(chinese) is not None


# ----------------------------------------------------------------------------- a worker dies

class _CrashingExtractor:
    """Stands in for the extractor: the worker process extracting a CRASH document dies."""

    def extract(self, doc: Document) -> Facts:
        if "CRASH" in doc.text:
            os._exit(3)  # as if killed for memory: no exception, the process is gone
        return Facts(document=doc.meta, extractor="test", text=doc.text)

    def extract_many(self, docs: Iterable[Document], *, n_process: int = 1) -> Iterator[Facts]:
        for doc in docs:
            yield self.extract(doc)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in extractor reaches workers by fork")
def test_a_document_that_kills_its_worker_is_reported_and_the_others_land(tmp_path: Path) -> None:
    from kg.pipeline import build
    from kg.store.core import KGStore

    names = [f"{i:02d}.txt" for i in range(12)]
    for i, name in enumerate(names):
        body = "CRASH here." if i == 5 else f"Ordinary text number {i}."
        write(tmp_path / name, f"Headline {i}\n\n{body}")
    calls: list[int] = []
    with KGStore.open(None) as store:
        report = build([tmp_path], store, extractor=_CrashingExtractor(), jobs=2,
                       progress=lambda done, total, path: calls.append(done))
        stored = len(store.documents())
    assert [(f.path.name, f.stage) for f in report.failed] == [("05.txt", "extract")]
    assert "worker process extracting it died" in report.failed[0].message
    assert report.documents == stored == 11
    assert calls == list(range(13))
