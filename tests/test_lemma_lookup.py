"""kg.extract.lemma_lookup gives exactly the lemmas of the model's own rule lemmatizer.

The look-up replaces the lemmatizer for speed; these tests run both on the same parsed text
and compare every token's lemma.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import LEMMA

from kg.extract.lemma_lookup import COMPONENT, LemmaLookup, swap_in
from kg.extract.nlp import MODEL, load_model, paragraphs
from kg.read.reader import discover, read_all

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(MODEL, exclude=["ner"])


def _texts(*folders: Path) -> list[str]:
    docs = [r.document for r in read_all(discover(list(folders))) if r.document is not None]
    return [p for d in docs for _, p in paragraphs(d.text)]


def _before_lemmatizer(nlp, texts: list[str]):
    with nlp.select_pipes(disable=["lemmatizer"]):
        return list(nlp.pipe(texts))


def test_load_model_runs_the_lookup_in_place_of_the_lemmatizer():
    names = load_model().pipe_names
    assert "lemmatizer" not in names
    assert names.index("kg_attribute_lookup") < names.index(COMPONENT) < names.index("ner")


def test_same_lemmas_as_the_lemmatizer_on_real_text(stock):
    texts = _texts(ROOT / "seeds", ROOT / "tests" / "data" / "corpus",
                   ROOT / "tests" / "data" / "realnews" / "dev")
    lemmatizer = stock.get_pipe("lemmatizer")
    lookup = LemmaLookup(lemmatizer)
    tokens = changed = 0
    for doc in _before_lemmatizer(stock, texts):
        a, b = lemmatizer(doc.copy()), lookup(doc.copy())
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b], doc.text
        tokens += len(doc)
        changed += sum(t.lemma_ != t.text.lower() for t in b)
    assert tokens > 30_000
    assert changed > 1_000  # inflected forms were lemmatised, not only copied
    assert len(lookup.cache) < tokens / 2  # repeated forms were answered from the cache


def test_a_lemma_set_before_is_kept(stock):
    lemmatizer = stock.get_pipe("lemmatizer")
    doc = _before_lemmatizer(stock, ["Militants attacked the bases and killed soldiers."])[0]
    doc[0].lemma_ = "KEEP"  # as the attribute ruler may set it
    out = LemmaLookup(lemmatizer)(doc.copy())
    assert out[0].lemma_ == "KEEP"
    assert [t.lemma_ for t in out[1:]] == [t.lemma_ for t in lemmatizer(doc.copy())[1:]]
    assert (out[1].lemma_, out[5].lemma_) == ("attack", "kill")
    assert out[6].lemma_ == "soldier"


def test_empty_text_and_no_lemmatizer():
    nlp = load_model()
    assert len(nlp("")) == 0
    blank = spacy.blank("en")
    assert swap_in(blank) is False
    assert blank.pipe_names == []


def test_lemmas_written_for_every_token(stock):
    doc = _before_lemmatizer(stock, ["Gunmen stormed two villages on Monday."])[0]
    assert (doc.to_array([LEMMA]) == 0).any()  # not yet lemmatised
    out = LemmaLookup(stock.get_pipe("lemmatizer"))(doc)
    assert (out.to_array([LEMMA]) != 0).all()
    assert [t.lemma_ for t in out][:4] == ["gunman", "storm", "two", "village"]
