"""The model's rule lemmatizer, run as one dictionary look-up per token: same lemmas, less time.

Why: ``en_core_web_sm``'s lemmatizer decides every token in Python. For a token it judges to be
in base form (a singular noun, an infinitive, a positive adjective: most tokens of news text)
it reads the token's whole morphology into a dict and returns before its own cache, so the
same decision is recomputed for every occurrence. Measured on the real-news corpus, that was
about 5% of spaCy's time. The rule lemmatizer's answer depends only on the token's form, its
coarse part of speech and its morphology (and on the lemma another component may already have
set, which it keeps), so this component looks the answer up in a dictionary keyed by those
three values and asks the model's own lemmatizer only on a miss. ``tests/test_lemma_lookup.py``
checks every token's lemma against the stock pipeline on the corpora.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.attribute_lookup import Slot, put_in_place

COMPONENT = "kg_lemma_lookup"
_ATTRS = [ORTH, POS, MORPH, LEMMA]


class LemmaLookup:
    """Wraps the model's ``Lemmatizer``: its answers, remembered for every (form, POS, morphology)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(_ATTRS)
        lemmas = rows[:, 3].copy()
        cache = self.cache
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue  # set by an earlier component; the model's lemmatizer keeps it too
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                cache[key] = value
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(numpy.uint64))
        return doc


def swap_in(nlp: Language, name: str = "lemmatizer") -> bool:
    """Replace the pipeline's rule lemmatizer by a :class:`LemmaLookup` around it, in its place."""
    if name not in nlp.pipe_names or getattr(nlp.get_pipe(name), "mode", None) != "rule":
        return False  # a lookup-table lemmatizer is a dictionary look-up already
    put_in_place(nlp, name, COMPONENT, LemmaLookup(nlp.get_pipe(name)))
    return True


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str) -> Slot:
    return Slot()
