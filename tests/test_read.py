"""READ stage: formats, metadata priority, boilerplate, ids, and bad input.

Fixtures in tests/data/read are short invented reports (fictional places and people). Binary,
huge and non-UTF-8 inputs are generated in tmp_path so no blobs are committed.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

import kg.read.reader
from kg.models import Document
from kg.read.boilerplate import (
    FURNITURE_PATTERNS,
    PRICE_PATTERNS,
    is_furniture,
    strip_boilerplate,
)
from kg.read.reader import (
    ReadError,
    ReadResult,
    discover,
    read_all,
    read_file,
    read_text,
)

DATA = Path(__file__).parent / "data" / "read"
SEED = Path(__file__).parents[1] / "seeds" / "000_f8bbf9c61cf088c1.txt"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # kg-facts/1 document id
UTF8 = "utf-8"


def paragraphs(doc: Document) -> list[str]:
    return doc.text.split("\n\n")


def assert_clean_layout(doc: Document) -> None:
    """Invariants every document must satisfy, whatever the format."""
    assert doc.text == doc.text.strip()
    assert "\n\n\n" not in doc.text
    assert "\xa0" not in doc.text and "\r" not in doc.text
    assert all(line == line.strip() for line in doc.text.split("\n"))
    assert doc.meta.sha256 == hashlib.sha256(doc.text.encode(UTF8)).hexdigest()
    assert ID_PATTERN.match(doc.meta.id)
    assert doc.meta.id.endswith("-" + doc.meta.sha256[:10])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding=UTF8)
    return path


def article(tmp_path: Path, name: str = "a.txt") -> Path:
    return write(tmp_path / name, "Headline\n\nBody text of the report.")


# --------------------------------------------------------------------------- formats


def test_plain_text_headline_is_first_paragraph_and_title() -> None:
    doc = read_file(DATA / "plain.txt")
    assert_clean_layout(doc)
    assert doc.meta.title == "Valdorian army says it retook the river town of Karsk"
    assert paragraphs(doc)[0] == doc.meta.title
    assert len(paragraphs(doc)) == 4  # the triple newline collapsed into one paragraph break
    assert "two days of fighting.\n\nGeneral Ilse Marov" in doc.text  # trailing spaces stripped
    assert doc.meta.language == "en"
    assert doc.meta.source == str(DATA / "plain.txt")
    assert doc.meta.publisher is None and doc.meta.published is None


def test_markdown_markup_is_stripped() -> None:
    doc = read_file(DATA / "frontmatter.md")
    assert_clean_layout(doc)
    paras = paragraphs(doc)
    assert paras[0] == "Ceasefire talks open in Lindgrad"  # heading, emphasis removed
    assert paras[1] == (
        "Envoys from Valdoria and the Northern Front met in Lindgrad on Monday for the first "
        "direct talks in a year, the host government said."
    )  # bold and link reduced to their text, soft line break joined
    assert "Who attended" in paras
    assert "Foreign Minister Petra Lund led the Valdorian delegation." in paras
    assert '"We came to listen," Lund told reporters.' in paras
    gone = ("](", "https://example.org", "hall.jpg", "photo of the conference", "debug:", "```",
            "trackPageView", "**", "#", "---", "title:")
    assert not [g for g in gone if g in doc.text]


def test_markdown_indented_paragraph_is_prose_not_code() -> None:
    text = "Rebels leave Marrow\n\n    The rebels left Marrow on Tuesday, residents said.\n"
    assert paragraphs(read_text(text, fmt="md")) == [
        "Rebels leave Marrow",
        "The rebels left Marrow on Tuesday, residents said.",
    ]


def test_front_matter_sets_metadata_and_is_removed() -> None:
    doc = read_file(DATA / "frontmatter.md")
    assert doc.meta.title == "Ceasefire talks open in Lindgrad"
    assert doc.meta.publisher == "The Valdoria Herald"
    assert doc.meta.published == "2023-03-14"  # "14 March 2023"
    assert doc.meta.url == "https://herald.example/ceasefire-talks"


def test_front_matter_in_plain_text(tmp_path: Path) -> None:
    f = write(tmp_path / "fm.txt", "---\ntitle: Militia leaves the port\ndate: July 11, 2016\n---\n"
              "Militia leaves the port\n\n"
              "The militia withdrew from the port of Essel on Monday, officials said.\n")
    doc = read_file(f)
    assert doc.meta.published == "2016-07-11"  # "date" is accepted as an alias of "published"
    assert doc.text.startswith("Militia leaves the port\n\nThe militia withdrew")


def test_html_prefers_article_and_drops_furniture() -> None:
    doc = read_file(DATA / "article.html")
    assert_clean_layout(doc)
    assert paragraphs(doc) == [
        "Drone strike hits fuel depot near Ostrava Nova",
        "A drone struck a fuel depot on the outskirts of Ostrava Nova early on Wednesday, the "
        "city's mayor said, setting two storage tanks on fire.",
        "Smoke rises over the depot on Wednesday.",  # figure captions are kept, like in the seed
        "Mayor Dana Holm said nobody was hurt & that firefighters had the blaze under control by "
        "noon.\nThe army blamed the Northern Front.",  # entities decoded, <br> is a line break
        "The Northern Front, which has used drones against fuel sites before, did not respond to "
        "a request for comment.",
    ]
    gone = ("cookies", "Politics", "Latest", "Share", "Related", "Advertisement", "Filed under",
            "Most read", "All rights reserved", "loadAds", "dataLayer", "font-family")
    assert not [g for g in gone if g in doc.text]


def test_html_head_metadata() -> None:
    doc = read_file(DATA / "article.html")
    assert doc.meta.title == "Drone strike hits fuel depot near Ostrava Nova"  # og:title
    assert doc.meta.publisher == "The Valdoria Herald"
    assert doc.meta.published == "2023-03-15"  # calendar date as published, no timezone shift
    assert doc.meta.url == "https://herald.example/drone-strike-fuel-depot"  # canonical > og:url
    assert doc.meta.language == "en-GB"


def test_html_main_fallback_title_tag_and_meta_date() -> None:
    doc = read_file(DATA / "main_no_heading.html")
    assert doc.meta.title == "Border crossing reopens after week-long closure"
    assert doc.meta.publisher == "Lindgrad Daily"
    assert doc.meta.published == "2023-03-16"  # <meta name=date content="March 16, 2023">
    paras = paragraphs(doc)
    assert paras[0] == doc.meta.title  # headline restored: the page had none in <main>
    assert paras[1].startswith("The Tarn border crossing")
    assert "Contact us" not in doc.text and "Lindgrad Daily" not in doc.text


def test_html_title_tag_loses_site_suffix() -> None:
    html = ("<html><head><title>Army reinforces Essel garrison | Essel Courier</title>"
            "<meta property='og:site_name' content='Essel Courier'></head><body><p>The army sent "
            "two more battalions to the Essel garrison on Tuesday, a ministry statement said.</p>"
            "</body></html>")
    doc = read_text(html, fmt="html")
    assert doc.meta.title == "Army reinforces Essel garrison"
    assert doc.text.startswith("Army reinforces Essel garrison\n\nThe army sent")


def test_html_block_elements_and_hidden_markup() -> None:
    html = """<body><div>First block of reporting about the siege of Marrow.</div>
    <div style="display:none">Hidden tracking text</div><!-- a comment -->
    <ul><li>Item one was reported.</li><li>Item two was reported.</li></ul>
    <section><h2>Aftermath</h2><p>Second block <b>with</b> <a href="#">inline</a> markup.</p>
    </section><form><input value="Search"></form><iframe src="x"></iframe></body>"""
    assert paragraphs(read_text(html, fmt="html")) == [
        "First block of reporting about the siege of Marrow.",
        "Item one was reported.",
        "Item two was reported.",
        "Aftermath",
        "Second block with inline markup.",
    ]


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    html = ('<html><head><meta charset="iso-8859-15"><title>Talks in Zürich</title></head><body>'
            "<p>Envoys met in Zürich on Monday; tickets cost 5 € each.</p></body></html>")
    f = tmp_path / "latin.html"
    f.write_bytes(html.encode("iso-8859-15"))
    [result] = read_all([f])
    assert result.document is not None
    assert "Zürich" in result.document.text and "€" in result.document.text
    assert any("iso8859-15" in w and "declared in the HTML" in w for w in result.warnings)


def test_deeply_nested_html_does_not_crash() -> None:
    sentence = "Fighting resumed near Essel on Monday, officials said."
    html = "<div>" * 5000 + sentence + "</div>" * 5000
    assert read_text(html, fmt="html").text == sentence


# --------------------------------------------------------------------------- sidecars and priority


def test_sidecar_yaml() -> None:
    doc = read_file(DATA / "sidecar_yaml.txt")
    assert doc.meta.title == "Peacekeepers arrive in Tarn valley"
    assert doc.meta.publisher == "Lindgrad Daily"
    assert doc.meta.published == "2023-03-17"  # a YAML date object
    assert doc.meta.url == "https://daily.example/peacekeepers-tarn"
    assert paragraphs(doc)[0] == "Peacekeepers arrive in the Tarn valley"  # text is the file's


def test_sidecar_json() -> None:
    doc = read_file(DATA / "sidecar_json.md")
    assert doc.meta.title == "Envoy visits front line near Karsk"
    assert doc.meta.published == "2023-03-18"  # ISO datetime with Z
    assert doc.meta.publisher == "The Valdoria Herald"
    assert paragraphs(doc)[0] == "Envoy visits the front line"  # no second headline added


def test_priority_front_matter_sidecar_override() -> None:
    doc = read_file(DATA / "priority.md")
    assert doc.meta.title == "Title from sidecar"  # sidecar beats front matter
    assert doc.meta.published == "2023-02-02"
    assert doc.meta.publisher == "Publisher from front matter"  # sidecar is silent on it
    assert doc.meta.language == "de"
    over = read_file(DATA / "priority.md",
                     overrides={"title": "Title from caller", "publisher": None, "language": "en"})
    assert over.meta.title == "Title from caller"  # overrides beat everything
    assert over.meta.publisher == "Publisher from front matter"  # None values are ignored
    assert over.meta.language == "en"
    assert over.text == doc.text and over.meta.sha256 == doc.meta.sha256  # text untouched


def test_priority_html_head_below_sidecar() -> None:
    doc = read_file(DATA / "priority.html")
    assert doc.meta.title == "Title from the HTML head"
    assert doc.meta.publisher == "Publisher from sidecar"
    assert doc.meta.published == "2023-02-02"
    assert doc.meta.url == "https://head.example/"
    assert doc.meta.language == "fr"
    assert paragraphs(doc)[0] == "Convoy reaches besieged town"  # the <h1> stays the headline


def test_metadata_title_is_prepended_when_text_has_no_headline(tmp_path: Path) -> None:
    body = "The army said on Monday that it had shelled rebel positions near Essel overnight."
    f = write(tmp_path / "a.txt", body + "\n")
    write(tmp_path / "a.txt.meta.yaml", "title: Army shells rebel positions\n")
    assert paragraphs(read_file(f)) == ["Army shells rebel positions", body]


def test_read_text_meta_and_source() -> None:
    doc = read_text("Ferry attacked on the Tarn\n\nA ferry was attacked on the Tarn on Sunday.",
                    meta={"published": "Sunday, March 19, 2023", "publisher": "Essel Courier"},
                    source="mem://1")
    assert doc.meta.title == "Ferry attacked on the Tarn"
    assert doc.meta.published == "2023-03-19"
    assert doc.meta.publisher == "Essel Courier"
    assert doc.meta.source == "mem://1"
    with pytest.raises(ValueError, match="meta: unknown keys: pubished"):
        read_text("Some text here.", meta={"pubished": "2023-01-01"})
    with pytest.raises(ValueError, match="unknown format"):
        read_text("Some text here.", fmt="pdf")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2016-07-11", "2016-07-11"),
        ("2016-07-11T23:30:00Z", "2016-07-11"),
        ("2016-07-11T01:15:00+03:00", "2016-07-11"),
        ("2016-07-11 08:00", "2016-07-11"),
        ("July 11, 2016", "2016-07-11"),
        ("Jul 11 2016", "2016-07-11"),
        ("11 July 2016", "2016-07-11"),
        ("Monday, July 11, 2016", "2016-07-11"),
        (date(2016, 7, 11), "2016-07-11"),
    ],
)
def test_published_formats(raw: object, expected: str) -> None:
    assert read_text("Report text.", meta={"published": raw}).meta.published == expected


@pytest.mark.parametrize("raw", ["11/07/2016", "2016-02-30", "next Tuesday", "Julember 11, 2016"])
def test_invalid_published_is_a_read_error(raw: str) -> None:
    with pytest.raises(ReadError, match="invalid published date"):
        read_text("Report text.", meta={"published": raw})


def test_invalid_published_in_sidecar_names_the_sidecar(tmp_path: Path) -> None:
    f = article(tmp_path)
    side = write(tmp_path / "a.txt.meta.yml", "published: 31 June 2023\n")
    with pytest.raises(ReadError) as err:
        read_file(f)
    assert err.value.path == side
    assert str(err.value).startswith(f"{side}: sidecar: invalid published date '31 June 2023'")


def test_invalid_published_override_fails_before_reading(tmp_path: Path) -> None:
    f = article(tmp_path)
    with pytest.raises(ReadError, match=r"^overrides: invalid published date 'soon'"):
        read_file(f, overrides={"published": "soon"})
    with pytest.raises(ReadError, match=r"^overrides: invalid published date 'soon'"):
        read_all([f], overrides={"published": "soon"})  # once, not one error per file


def test_unparseable_html_head_date_is_only_a_warning(tmp_path: Path) -> None:
    f = write(tmp_path / "a.html", "<html><head><meta name='date' content='yesterday'></head>"
              "<body><p>Troops left the town of Essel on Friday, witnesses said.</p></body></html>")
    [result] = read_all([f])
    assert result.document is not None and result.document.meta.published is None
    assert any("unparseable date 'yesterday'" in w for w in result.warnings)


def test_unknown_sidecar_keys_are_a_warning(tmp_path: Path) -> None:
    f = article(tmp_path)
    write(tmp_path / "a.txt.meta.json", '{"title": "T", "author": "X"}')
    [result] = read_all([f])
    assert result.document is not None and result.document.meta.title == "T"
    assert any("unknown metadata keys: author" in w for w in result.warnings)


# --------------------------------------------------------------------------- boilerplate


def test_boilerplate_patterns_are_data() -> None:
    assert FURNITURE_PATTERNS and all(isinstance(p, re.Pattern) for p in FURNITURE_PATTERNS)
    assert PRICE_PATTERNS and all(isinstance(p, re.Pattern) for p in PRICE_PATTERNS)


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe", "Subscribe now for full access", "You’ve read 3 of 5 free articles.",
        "Get unlimited access", "Just $4.99 per month", "Unlimited digital access £2/week.",
        "$4.99/month", "Try it free, then 9,99 € per month. Cancel anytime.",
        "Sign up for our newsletter", "Log in", "Already a subscriber? Log in",
        "Share this article", "Follow us on Facebook", "Read more: Ferry service resumes",
        "Related:", "Advertisement", "We use cookies. Accept cookies", "© 2023 Essel Courier",
        "Copyright 2023 Essel Courier. All rights reserved.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "This report contains material from Reuters.",
        "Rebels sign up new recruits.",
        "Related fighting broke out in Essel.",
        "The group's newsletter called for attacks.",
        "Share prices fell in Lindgrad.",
        "Fighters earn $300 a month.",
        "Bread now costs 2 € a week more.",
        "Residents said many families could no longer subscribe to the private water delivery "
        "service because prices had doubled, and sign up lists were closed.",
        "Fighters are paid $300 per month by the group, according to defectors who spoke to "
        "reporters in the camp last week.",
    ],
)
def test_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_strip_boilerplate_keeps_reporting_and_drops_trailing_block() -> None:
    paras = [
        "Headline about Essel",
        "Advertisement",
        "A long paragraph of real reporting that mentions how to subscribe to the militia's "
        "radio channel, which residents said broadcast warnings before the attack.",
        "Short real line.",
        "Read more: Another story\nSign up for our newsletter",
        "Unmatched teaser headline",
    ]
    assert strip_boilerplate(paras) == [paras[0], paras[2], "Short real line."]


def test_strip_boilerplate_filters_lines_inside_a_paragraph() -> None:
    reporting = ("Troops crossed the bridge at dawn, the army said in a statement released on "
                 "Sunday evening in the capital.")
    assert strip_boilerplate([f"Share this article\n{reporting}"]) == [reporting]
    assert strip_boilerplate([]) == []


def test_invented_article_with_furniture() -> None:
    doc = read_file(DATA / "furniture.txt")
    paras = paragraphs(doc)
    assert paras[0] == "Shelling damages water plant in Karsk"
    assert paras[-1] == "Additional reporting by Ana Petrov."
    assert "Rebels sign up new recruits." in paras
    assert any("no longer subscribe to the private water delivery" in p for p in paras)
    gone = ("cookies", "Advertisement", "Read more", "newsletter", "Follow us", "Related", "Ferry",
            "©", "All rights reserved")
    assert not [g for g in gone if g in doc.text]
    assert len(paras) == 6


def test_seed_article() -> None:
    doc = read_file(SEED)
    assert_clean_layout(doc)
    title = "US to deploy 560 more troops to Iraq to help seize Mosul"
    assert doc.meta.title == title
    assert doc.meta.publisher == "The Christian Science Monitor"
    assert doc.meta.published == "2016-07-11"
    assert doc.text.startswith(title + "\n\n")
    assert doc.text.endswith("This report contains material from Reuters.")
    gone = ("Subscribe", "free articles", "$11/month", "Get unlimited", "of stories this month")
    assert not [g for g in gone if g in doc.text]
    assert "Ash Carter announced" in doc.text and "Carter told a gathering" in doc.text  # \xa0
    # every real paragraph of the original survives; the furniture after the credit does not
    original = SEED.read_text(UTF8).split("\n\n")
    credit = next(i for i, p in enumerate(original) if p.startswith("This report contains"))
    real = [" ".join(p.replace("\xa0", " ").split()) for p in original[: credit + 1]]
    assert paragraphs(doc) == real and len(real) == 15
    slug = "us-to-deploy-560-more-troops-to-iraq-to-help-seize-mosul"
    assert doc.meta.id == f"{slug}-{doc.meta.sha256[:10]}"


# --------------------------------------------------------------------------- ids


def test_id_is_stable_and_content_addressed(tmp_path: Path) -> None:
    body = ("Army shells Essel\n\nThe army shelled Essel on Monday, residents said.\n\n"
            "No casualties were reported.\n")
    messy = (body.replace("\n", "\r\n").replace("Monday,", "Monday,\u00a0 ")
             .replace(".\r\n", ".   \r\n").replace("\r\n\r\nNo", "\r\n\r\n\r\n\r\n\t\r\nNo"))
    a, b = write(tmp_path / "a.txt", body), tmp_path / "b.txt"
    b.write_bytes(messy.encode(UTF8))  # whitespace-only differences
    c = write(tmp_path / "c.txt", body.replace("Monday", "Tuesday"))
    doc_a, doc_a2, doc_b, doc_c = read_file(a), read_file(a), read_file(b), read_file(c)
    assert doc_a.meta.id == doc_a2.meta.id == doc_b.meta.id
    assert doc_a.text == doc_b.text and doc_a.meta.sha256 == doc_b.meta.sha256
    assert doc_c.meta.id != doc_a.meta.id
    assert doc_a.meta.id.startswith("army-shells-essel-")
    assert read_text(body).meta.id == doc_a.meta.id  # the id does not depend on the path


def test_text_is_nfc_and_unicode_spaces_are_plain() -> None:
    decomposed = read_text("Talks in Zu\u0308rich\n\nEnvoys\u2009met\u202fin Zu\u0308rich\u200b "
                           "on Monday.")
    composed = read_text("Talks in Zürich\n\nEnvoys met in Zürich on Monday.")
    assert decomposed.text == composed.text
    assert composed.text == "Talks in Zürich\n\nEnvoys met in Zürich on Monday."
    assert decomposed.meta.id == composed.meta.id


def test_id_slug_is_ascii_short_and_cut_at_a_word() -> None:
    title = ("Łódź and São Tomé: Ærø envoys meet über-commander in Đakovo for a very long "
             "meeting indeed")
    doc = read_text("Body of the report, long enough to be reporting.", meta={"title": title})
    # the 61st character falls inside "for": the slug ends at the previous whole word
    slug = "lodz-and-sao-tome-aero-envoys-meet-uber-commander-in-dakovo"
    assert doc.meta.id == f"{slug}-{doc.meta.sha256[:10]}"
    one_long_word = read_text("Body text.", meta={"title": "x" * 80})
    assert one_long_word.meta.id == "x" * 60 + "-" + one_long_word.meta.sha256[:10]


def test_id_without_title() -> None:
    doc = read_text("The army said on Monday that it had shelled Essel, which rebels hold.")
    assert doc.meta.title is None
    assert doc.meta.id == f"doc-{doc.meta.sha256[:10]}"
    cyrillic = read_text("Заголовок статьи\n\nТекст статьи.")  # a title with no ASCII in it
    assert cyrillic.meta.title == "Заголовок статьи"
    assert cyrillic.meta.id == f"doc-{cyrillic.meta.sha256[:10]}"


# --------------------------------------------------------------------------- bad input


def bad(path: Path, **kwargs: object) -> ReadError:
    with pytest.raises(ReadError) as err:
        read_file(path, **kwargs)  # type: ignore[arg-type]
    assert err.value.path is not None
    return err.value


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n\t \r\n", "\u00a0\n\u2003\n".encode(UTF8)]
)
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    err = bad(f)
    assert err.message == "empty: no article text" and err.path == f
    assert str(err) == f"{f}: empty: no article text"


def test_only_boilerplate_is_empty(tmp_path: Path) -> None:
    f = write(tmp_path / "furniture.html", "<html><body><nav>Home</nav><p>Subscribe now</p>"
              "<p>Sign up for our newsletter</p><p>Unlimited digital access $11/month.</p>"
              "</body></html>")
    assert bad(f).message == "empty: no article text"
    with pytest.raises(ReadError, match="^empty: no article text$") as err:
        read_text("Advertisement\n\nShare this article")
    assert err.value.path is None


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"Headline\n\nText with a NUL\x00byte in it.", "NUL"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "GZIP"),
        (bytes(range(1, 9)) * 50 + b"some text", "control"),
    ],
)
def test_binary_files(tmp_path: Path, content: bytes, detail: str) -> None:
    f = tmp_path / "article.txt"
    f.write_bytes(content)
    err = bad(f)
    assert err.message.startswith("binary file, not text") and detail in err.message


def test_cp1252_decodes_with_warning(tmp_path: Path) -> None:
    f = tmp_path / "cp.txt"
    f.write_bytes("Minister’s “final offer” rejected\n\nThe café owner said the talks failed — "
                  "again.".encode("cp1252"))
    [result] = read_all([f])
    assert result.error is None and result.document is not None
    assert result.document.meta.title == "Minister’s “final offer” rejected"
    assert "café" in result.document.text and "—" in result.document.text
    assert any("decoded as cp1252" in w for w in result.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_bom_files_decode(tmp_path: Path, codec: str) -> None:
    text = "Talks in Zürich\n\nEnvoys met in Zürich on Monday, officials said."
    raw = text.encode(codec)
    if codec == "utf-16-be":
        raw = b"\xfe\xff" + raw  # the -be codec writes no BOM itself
    f = tmp_path / "bom.txt"
    f.write_bytes(raw)
    [result] = read_all([f])
    assert result.document is not None
    assert result.document.text == text
    assert result.document.meta.sha256 == read_text(text).meta.sha256
    if codec == "utf-8-sig":
        assert result.warnings == ()
    else:
        assert result.warnings == ("decoded as utf-16 (byte-order mark)",)


def test_undecodable(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(b"Headline\n\nText with undefined bytes \x81\x8d\x8f\x90\x9d in cp1252.")
    err = bad(f)
    assert err.message.startswith("cannot decode as UTF-8 (invalid byte 0x81 at offset 36)")
    assert "iconv" in err.message


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as handle:
        handle.truncate(12 * 1024 * 1024)  # sparse: instant, takes no disk space

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    err = bad(f)
    assert err.message == "file is 12.0 MB, over the 10.0 MB limit (raise it with --max-bytes)"
    assert "over the 5.0 MB limit" in bad(f, max_bytes=5 * 1024 * 1024).message


def test_size_limit_can_be_raised(tmp_path: Path) -> None:
    f = write(tmp_path / "big.txt", "Headline\n\n" + "The shelling went on all night. " * 400)
    with pytest.raises(ReadError, match="over the 0.0 MB limit"):
        read_file(f, max_bytes=1000)
    assert read_file(f, max_bytes=100_000).meta.title == "Headline"
    with pytest.raises(ValueError, match="max_bytes"):
        read_file(f, max_bytes=0)


def test_missing_directory_unsupported_and_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bad(tmp_path / "nope.txt").message == "no such file or directory"
    assert bad(tmp_path).message.startswith("is a directory")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert bad(pdf).message.startswith("unsupported file type '.pdf'")
    f = article(tmp_path)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # chmod does not stop root, so simulate it
    assert bad(f).message == "permission denied"


def test_malformed_front_matter_names_the_line(tmp_path: Path) -> None:
    f = write(tmp_path / "fm.md",
              "---\ntitle: ok\npublisher: [unclosed\n---\nHeadline\n\nBody text.\n")
    err = bad(f)
    assert err.path == f and err.line is not None and err.line >= 3
    assert "malformed YAML in front matter" in err.message
    assert str(err).startswith(f"{f}:{err.line}: ")


def test_dashes_that_are_not_front_matter_stay_text() -> None:
    doc = read_text("---\nA plain rule, then prose.\n---\nThe army advanced on Essel.", fmt="txt")
    assert "The army advanced on Essel." in doc.text and "A plain rule" in doc.text


def test_malformed_sidecar_yaml_names_sidecar_and_line(tmp_path: Path) -> None:
    f = article(tmp_path)
    side = write(tmp_path / "a.txt.meta.yaml", "title: Fine\npublisher: The: Herald: bad\n")
    err = bad(f)
    assert err.path == side and err.line == 2
    assert str(err).startswith(f"{side}:2: malformed YAML in sidecar")


def test_malformed_sidecar_json_names_sidecar_and_line(tmp_path: Path) -> None:
    f = article(tmp_path)
    side = write(tmp_path / "a.txt.meta.json",
                 '{\n  "title": "Fine",\n  "publisher": oops\n}\n')
    err = bad(f)
    assert err.path == side and err.line == 3 and "malformed JSON in sidecar" in err.message
    write(side, json.dumps(["not", "a", "mapping"]))
    assert "must be a JSON object" in bad(f).message


def test_sidecar_values_must_be_scalars(tmp_path: Path) -> None:
    f = article(tmp_path)
    write(tmp_path / "a.txt.meta.yaml", "title:\n  - one\n  - two\n")
    assert "'title' must be a single value" in bad(f).message


# --------------------------------------------------------------------------- directories, batches


def make_tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    write(root / "b.txt", "Second headline\n\nSecond story text.")
    write(root / "a.md", "# First headline\n\nFirst story text.")
    write(root / "a.md.meta.yaml", "publisher: X\n")
    write(root / "sub" / "c.HTML", "<p>Third story text.</p>")
    write(root / "sub" / "deeper" / "d.htm", "<p>Fourth story text.</p>")
    write(root / "sub" / "notes.csv", "a,b\n")
    write(root / ".secret.txt", "hidden")
    write(root / ".hidden" / "e.txt", "hidden")


def test_discover_directories(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = discover([tmp_path])
    assert found == [tmp_path / "a.md", tmp_path / "b.txt", tmp_path / "sub" / "c.HTML",
                     tmp_path / "sub" / "deeper" / "d.htm"]
    # explicit files are kept (even of an unknown type, to be reported); sidecars are skipped;
    # repeats are dropped
    explicit = discover([tmp_path / "sub" / "notes.csv", tmp_path / "a.md.meta.yaml", tmp_path,
                         tmp_path / "b.txt"])
    assert explicit == [tmp_path / "sub" / "notes.csv", *found]
    with pytest.raises(ReadError, match="no such file or directory") as err:
        discover([tmp_path / "missing"])
    assert err.value.path == tmp_path / "missing"
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    assert discover([empty]) == []
    assert list(read_all([empty])) == []


def test_read_all_mixes_good_and_bad(tmp_path: Path) -> None:
    write(tmp_path / "1_good.txt", "Good headline\n\nThe army entered Essel on Monday.")
    (tmp_path / "2_empty.txt").write_bytes(b"  \n")
    (tmp_path / "3_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / "4_good.md", "# Second headline\n\nRebels left Marrow on Tuesday.")
    write(tmp_path / "5_sidecar.txt", "Headline\n\nText.")
    write(tmp_path / "5_sidecar.txt.meta.json", "{broken")
    results = list(read_all([tmp_path, tmp_path / "missing.txt"], overrides={"publisher": "Desk"}))
    assert all(isinstance(r, ReadResult) for r in results)
    assert [r.path.name for r in results] == [
        "1_good.txt", "2_empty.txt", "3_binary.txt", "4_good.md", "5_sidecar.txt", "missing.txt"
    ]
    docs = [r.document for r in results if r.document is not None]
    assert [d.meta.title for d in docs] == ["Good headline", "Second headline"]
    assert [d.meta.publisher for d in docs] == ["Desk", "Desk"]
    assert all((r.document is None) != (r.error is None) for r in results)
    errors = {r.path.name: r.error for r in results if r.document is None}
    assert errors["2_empty.txt"] == f"{tmp_path / '2_empty.txt'}: empty: no article text"
    assert "binary file, not text" in str(errors["3_binary.txt"])
    assert "5_sidecar.txt.meta.json:1: malformed JSON" in str(errors["5_sidecar.txt"])
    assert str(errors["missing.txt"]).endswith("missing.txt: no such file or directory")


def test_read_all_turns_an_unexpected_failure_into_an_error_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = article(tmp_path)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.read.reader, "_extract", broken)
    [result] = read_all([f])
    assert result.document is None
    assert result.error == f"{f}: internal error while reading (RuntimeError: boom)"


def test_read_all_rejects_bad_arguments_eagerly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="overrides: unknown keys: titel"):
        read_all([tmp_path], overrides={"titel": "x"})
    with pytest.raises(ValueError, match="max_bytes"):
        read_all([tmp_path], max_bytes=-1)
