"""kg.extract.attribute_lookup gives exactly the annotations of spaCy's own AttributeRuler.

The lookup replaces the model's attribute ruler for speed; these tests run both on the same
parsed text and compare every token's tag, POS, morphology, lemma and dependency label.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from kg.extract.attribute_lookup import COMPONENT, AttributeLookup, swap_in
from kg.extract.nlp import MODEL, load_model, paragraphs
from kg.read.reader import discover, read_all

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]


@pytest.fixture(scope="module")
def stock():
    """The model as shipped, its attribute ruler and everything after it disabled."""
    return spacy.load(MODEL)


def _texts(*folders: Path) -> list[str]:
    docs = [r.document for r in read_all(discover(list(folders))) if r.document is not None]
    return [p for d in docs for _, p in paragraphs(d.text)]


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _before_ruler(nlp, texts: list[str]):
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return list(nlp.pipe(texts))


def test_load_model_runs_the_lookup_in_place_of_the_ruler():
    nlp = load_model()
    assert "attribute_ruler" not in nlp.pipe_names
    names = nlp.pipe_names
    assert names.index("parser") < names.index(COMPONENT) < names.index("kg_lemma_lookup")


def test_same_annotations_as_the_ruler_on_real_text(stock):
    texts = _texts(ROOT / "seeds", ROOT / "tests" / "data" / "corpus",
                   ROOT / "tests" / "data" / "realnews" / "dev")
    assert len(texts) > 500
    ruler = stock.get_pipe("attribute_ruler")
    lookup = AttributeLookup(stock.vocab, ruler.patterns)
    parsed = _before_ruler(stock, texts)
    tokens = 0
    for doc in parsed:
        a, b = ruler(doc.copy()), lookup(doc.copy())
        assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all(), doc.text
        assert _annotations(a) == _annotations(b)
        tokens += len(doc)
    assert tokens > 30_000


def test_whole_pipeline_unchanged(stock):
    """load_model (lookup) and the stock model (ruler) agree on tags, POS, lemmas, entities."""
    texts = _texts(ROOT / "seeds")
    ours = load_model()
    for a, b in zip(stock.pipe(texts), ours.pipe(texts)):
        assert [(t.pos_, t.lemma_, str(t.morph)) for t in a] == [(t.pos_, t.lemma_, str(t.morph)) for t in b]
        assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]


# Patterns of every kind the lookup handles itself or hands to its Matcher: equality, IN,
# NOT_IN, REGEX, two tokens with index 1 and -1, and overlapping patterns where the later wins.
PATTERNS = [
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "NNS", "LOWER": "troops"}]], "attrs": {"LEMMA": "troop", "POS": "PROPN"}},
    {"patterns": [[{"LOWER": {"IN": ["killed", "wounded"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^milit"}}]], "attrs": {"LEMMA": "mil"}},
    {"patterns": [[{"LOWER": "the"}, {"LOWER": "army"}]], "attrs": {"LEMMA": "ARMY"}, "index": 1},
    {"patterns": [[{"LOWER": "the"}, {"LOWER": "army"}]], "attrs": {"MORPH": "Definite=Def"}, "index": -2},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "NNS"}], [{"TAG": "VBD", "LOWER": "killed"}]], "attrs": {"LEMMA": "x"}},
]


def test_custom_patterns_match_the_ruler(stock):
    texts = ["The army said militants killed 12 troops and wounded others.",
             "That was all;  the army  withdrew its troops.", "", "Militia fighters."]
    ruler = AttributeRuler(stock.vocab)
    ruler.add_patterns(PATTERNS)
    lookup = AttributeLookup(stock.vocab, PATTERNS)
    assert len(lookup.matcher) == 2  # the two-token patterns; the rest are lookups
    for doc in _before_ruler(stock, texts):
        a, b = ruler(doc.copy()), lookup(doc.copy())
        assert _annotations(a) == _annotations(b)
    doc = lookup(_before_ruler(stock, ["the army and the troops"])[0].copy())
    assert doc[1].lemma_ == "ARMY" and str(doc[0].morph) == "Definite=Def"
    assert doc[4].lemma_ == "x"  # the later pattern overrides "troop"


def test_swap_in_without_a_ruler_is_a_no_op():
    nlp = spacy.blank("en")
    assert swap_in(nlp) is False
    assert nlp.pipe_names == []
