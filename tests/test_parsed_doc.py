"""``kg.extract.nlp.parse``: a parsed document keeps the whole text it was given, and its
sentences their own texts at their offsets (a loop variable once overwrote the document's text
with its last sentence's)."""

from __future__ import annotations

from kg.extract.nlp import load_model, parse

TEXT = ("Rebels attacked a police post in Karvena on Monday.\n\n"
        "Two officers were wounded. The army sent 300 troops to the town on Tuesday.")


def test_a_parsed_document_keeps_its_whole_text_and_each_sentence_its_own() -> None:
    parsed = parse(load_model(), TEXT)
    assert parsed.text == TEXT
    assert len(parsed.sentences) == 3
    for sentence in parsed.sentences:
        assert TEXT[sentence.start:sentence.end] == sentence.text
    assert parsed.sentences[-1].text.startswith("The army sent 300 troops")
