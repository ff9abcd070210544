"""Speed round 6 (docs/build-speed.md): the shortcuts that skip work whose result could not be
used must give what the full work gives, on short sentences invented for these tests."""

from __future__ import annotations

import copy
import dataclasses

from spacy.matcher import Matcher

from kg.extract.mentions.finder import _anchor_words
from kg.extract.mentions.patterns import _tokens_among
from rule_helpers import extract, names


def test_anchor_words_are_the_first_word_each_pattern_needs(extractor):
    vocab = extractor.nlp.vocab
    m = Matcher(vocab)
    m.add("A", [[{"POS": "PROPN", "OP": "+"}, {"LOWER": {"IN": ["air", "naval"]}, "OP": "?"},
                 {"LOWER": {"IN": ["base", "camp"]}}]])
    m.add("B", [[{"ORTH": "Forward"}, {"IS_TITLE": True, "OP": "+"}]])
    lower, orth = _anchor_words(m)
    assert lower == {vocab.strings[w] for w in ("base", "camp")}  # not the optional "air", "naval"
    assert orth == {vocab.strings["Forward"]}
    m.add("C", [[{"POS": "PROPN"}, {"IS_DIGIT": True}]])  # a pattern that needs no word: no shortcut
    assert _anchor_words(m) is None


def test_the_matcher_finds_nothing_where_its_shortcut_skips_it(extractor):
    finder = extractor.mentions
    for text, found in [
        ("Soldiers of the 3rd Brigade arrived at Camp Tarvel on Monday.", True),
        ("The Tarvelian army said rebels shelled the town of Orvano overnight.", False),
        ("Troops reached Forward Operating Base Quill after a long march.", True),
    ]:
        doc = extractor.nlp(text)
        assert finder._may_match(doc) is found
        if not finder._may_match(doc):
            assert finder.matcher(doc) == []
        else:
            assert finder.matcher(doc)


def test_tokens_among_are_the_tokens_of_those_words_in_order(extractor):
    doc = extractor.nlp("Pro-government forces and the Government of Tarvel met the government's envoy.")
    got = [t.i for t in _tokens_among(doc, frozenset(["government"]))]
    assert got == [t.i for t in doc if t.lower_ == "government"]
    assert len(got) == 3


def _expected_claim(finder, chunk):
    """What a walk over every description head, in the lexicon's order, claims for ``chunk``."""
    words = " ".join(t.lower_ for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART"))
    lemma = " ".join(t.lemma_.lower() for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART"))
    for target, heads in finder.res.descriptions.items():
        for h in heads:
            if (" " + words).endswith(" " + h) or (" " + lemma).endswith(" " + h):
                kind = target.partition("/")[0]
                if kind in ("ArmedGroup", "ArmedForce", "Organization") and not finder._actor_description(chunk, len(h.split())):
                    return None
                return kind, h.split()[-1]
    return None


def test_a_description_gets_what_the_whole_lexicon_gives_it(extractor):
    """The heads are looked up by their last word; what is claimed is what a walk over every head
    in the lexicon's order claims, also where two heads end a phrase ("security forces", "forces")."""
    finder = extractor.mentions
    doc = extractor.nlp("The security forces and the armed forces left the air base. The junta troops, the "
                        "peacekeeping troops and the militant group reached the provincial capital, and the "
                        "ministry said the soldiers had seen the village.")
    seen = []
    for chunk in doc.noun_chunks:
        if len(chunk) < 2 or chunk[0].lower_ != "the" or any(t.ent_type_ for t in chunk):
            continue
        claimed = []
        finder._claim_description(chunk, lambda s, kind, subtype=None, **hint: claimed.append(hint))
        got = (claimed[0]["target"], claimed[0]["head"]) if claimed and "target" in claimed[0] else None
        assert got == _expected_claim(finder, chunk), chunk.text
        seen.append(got)
    assert len([g for g in seen if g]) >= 5


def test_the_first_head_in_the_lexicons_order_wins_when_two_end_a_phrase(extractor):
    """Two heads of two kinds ending in one word: the one listed first decides, as before."""
    finder = copy.copy(extractor.mentions)  # (the session's finder stays as it is)
    doc = extractor.nlp("They returned to the old base.")
    [chunk] = [c for c in doc.noun_chunks if c.text == "the old base"]
    for descriptions, kind in ((({"Organization": ("old base",), "Location/MilitaryBase": ("base",)}), "Organization"),
                               (({"Location/MilitaryBase": ("base",), "Organization": ("old base",)}), "Location")):
        finder.res = dataclasses.replace(extractor.mentions.res, descriptions=descriptions)
        claimed = []
        finder._claim_description(chunk, lambda s, kind, subtype=None, **hint: claimed.append(hint))
        assert [(h["target"], h["head"]) for h in claimed] == [(kind, "base")]
        assert _expected_claim(finder, chunk) == (kind, "base")


def test_an_armed_victim_is_the_target_and_no_perpetrator(extractor):
    f = extract(extractor, "Ambush\n\nThree Tarvelian soldiers died and four were wounded when gunmen "
                           "ambushed their convoy near Orvano on Monday.")
    attacks = [v for v in f.events if v.type == "Attack"]
    assert attacks
    assert all("Tarvelian" not in " ".join(names(f, v, "perpetrator")) for v in attacks)
