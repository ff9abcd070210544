"""Speed round 7 (docs/build-speed.md): each shortcut skips only work whose result could not be used,
so it gives what the full walk gives, on short sentences invented for these tests."""

from __future__ import annotations

from kg.extract.events.ctx import _Ctx
from kg.extract.events.sentences import _mentioned
from kg.extract.nlp import parse
from kg.extract.resolve import _divisions_in_world

TEXTS = [
    "Tarvelian rebels withdrew from the town of Orvano on Monday after army troops pushed into its streets.",
    "The garrison at Kesto was overrun overnight, and the rebels abandoned the base at dawn.",
    "Gunmen opened fire on a bus near Dalvi, and the death toll has risen to 12, police said.",
    "The presence of 1,500 Tarvelian troops in Orvano angered the rebels, who fired rockets at the base.",
    "The town came under fire on Tuesday. Six civilians were killed and four were wounded.",
    "Militants carried out an incursion into Kesto, and nine villagers lost their lives.",
    "Orvano has been under the control of the Dalvi Front since 2014, a spokesman for the army said.",
    "When it was over, 29 villagers were dead. Five people were killed there, the governor said.",
    "The Tarvelian president met the leader of the Dalvi Front in Kesto to sign a truce.",
    "The army blamed the Dalvi Front for the ambush, and police suspect the Kesto Brigade.",
    "The weather was calm and the market reopened; traders sold grain to buyers from the coast.",
]


def _contexts(extractor, text):
    """A sentence context per sentence of ``text``, as EventFinder.find makes it (no times, no figures)."""
    parsed = parse(extractor.nlp, text)
    res = extractor.resolver.resolve(extractor.mentions.find(parsed))
    return parsed, res, [_Ctx(extractor.events, sent, res, [], [], None) for sent in parsed.sentences]


def test_a_word_left_out_of_frame_words_opens_no_frame(extractor):
    kept = skipped = 0
    for text in TEXTS:
        _, _, contexts = _contexts(extractor, text)
        for ctx in contexts:
            words = {t.i for t in ctx.frame_words()}
            assert [t.i for t in ctx.frame_words()] == sorted(words)  # in the sentence's order
            for tok in ctx.sent.span:
                if tok.i in words:
                    kept += 1
                    continue
                skipped += 1
                assert tok.pos_ != "VERB", tok.text
                assert ctx.withdrawal(tok) is None, tok.text
                assert ctx.trigger_type(tok) == (None, False), tok.text
    assert kept and skipped > kept  # most words are skipped, and some are read


def test_frame_words_keep_every_trigger_and_withdrawal(extractor):
    opened = 0
    for text in TEXTS:
        _, _, contexts = _contexts(extractor, text)
        for ctx in contexts:
            words = {t.i for t in ctx.frame_words()}
            for tok in ctx.sent.span:
                if ctx.trigger_type(tok)[0] is not None or tok.pos_ == "VERB" and ctx.withdrawal(tok) is not None:
                    opened += 1
                    assert tok.i in words, tok.text
    assert opened >= 8


def test_the_toll_and_blame_shortcuts_give_what_reading_every_word_gives(extractor):
    found = blames = 0
    for text in TEXTS:
        _, _, contexts = _contexts(extractor, text)
        for ctx in contexts:
            bare, passive = ctx.bare_toll(), ctx.passive_tolls()
            # the same sentence, told that it holds every word the shortcuts look for: the full walk
            full = _Ctx(ctx.finder, ctx.sent, ctx.res, [], [], None)
            lemmas = ctx.sent.lemmas
            blamed = ctx.blamed()
            ctx.sent.__dict__["lemmas"] = lemmas | {"lose", "kill", "toll", "wound", "injure", "blame"}
            try:
                assert full.bare_toll() == bare, ctx.sent.text
                assert full.passive_tolls() == passive, ctx.sent.text
                assert full.blamed() == blamed, ctx.sent.text
            finally:
                ctx.sent.__dict__["lemmas"] = lemmas
            found += (bare is not None) + len(passive)
            blames += len(blamed)
    assert found >= 3  # the risen toll, the lives lost, the dead, the passive killed and wounded
    assert blames >= 1  # the army blames the front


def test_sentence_lemmas_are_its_words_lemmas_in_lower_case(extractor):
    parsed = parse(extractor.nlp, "Rebels Killed TWO soldiers and were Fighting on.")
    sent = parsed.sentences[0]
    assert sent.lemmas == {t.lemma_.lower() for t in sent.span}
    assert all(t.lower_ in sent.lowered for t in sent.span)
    assert "kill" in sent.lemmas and "two" in sent.lowered


def test_mentioned_reads_the_entities_word_by_word_with_the_subject_last(extractor):
    for text in TEXTS:
        parsed, res, _ = _contexts(extractor, text)
        for sent in parsed.sentences:
            out, subject = [], None
            for tok in sent.span:  # the walk over every word, as before the shortcut
                eid = res.entity_at(tok)
                if eid and (not out or out[-1] != eid):
                    out.append(eid)
                if eid and subject is None and tok.head.dep_ == "ROOT" and tok.dep_ in ("nsubj", "nsubjpass"):
                    subject = eid
            if subject is not None:
                out = [e for e in out if e != subject] + [subject]
            assert _mentioned(sent, res) == out


def test_divisions_in_world_are_those_division_named_finds_state_by_state(extractor):
    from kg.graph.hierarchy import _names_by_country, division_named

    gaz = extractor.gazetteer
    table = sorted(_names_by_country())
    names = {key for _, key in table[::40]} | {"no such division anywhere"}
    shared = 0
    for name in sorted(names):
        want = [d for c in gaz.countries() if (d := division_named(c.code, name)) is not None and d.lat is not None]
        assert _divisions_in_world(gaz, name) == want, name
        shared += len(want) > 1
    assert len(names) > 20


MENTION_TEXTS = TEXTS + [
    "The USS Quill Harbor sailed past the Kesto Training Area at dawn.",
    "Orvano-linked militants and Dalvi rebels shelled the town.",
    "Tarvel\u2013backed fighters crossed the river, the army said.",
]


def test_the_mention_rules_gated_by_a_word_find_nothing_without_it(extractor):
    from kg.extract.mentions.bodies import _GROUP_PEOPLE_NOUNS, _people_named_groups, _ships_and_ranges

    finder = extractor.mentions
    found = {"groups": 0, "ships": 0, "linked": 0}
    for text in MENTION_TEXTS:
        for sent in parse(extractor.nlp, text).sentences:
            span, low = sent.span, sent.text.lower()
            groups = list(_people_named_groups(span, finder.res))
            ships = list(_ships_and_ranges(span, finder.res))
            linked: list = []
            finder._claim_linked_groups(span, [], lambda s, *a, **k: linked.append(s))
            if not any(w in low for w in _GROUP_PEOPLE_NOUNS):
                assert groups == [], sent.text
            if "Training" not in sent.text and not any(p in sent.text for p in finder.res.ship_prefixes):
                assert ships == [], sent.text
            if "-" not in sent.text and "\u2013" not in sent.text:
                assert linked == [], sent.text
            found["groups"] += len(groups)
            found["ships"] += len(ships)
            found["linked"] += len(linked)
    assert found["groups"] and found["ships"] >= 2 and found["linked"], found


def test_supporters_and_former_holders_equal_the_walk_over_every_sentence(extractor):
    """Round 17's supporter and former-holder rules skip a sentence without their words; told that every
    sentence holds them, they read every word, and the events come out the same."""
    import dataclasses

    from kg.extract.nlp import ParsedDoc

    texts = [
        "Dalvi Front fighters captured the town of Orvano on Monday with help from Kesto Brigade airstrikes.\n\n"
        "The capture came after days of fierce clashes between the Dalvi Front and the Tarvelian army.",
        "The rebels of the Kesto Liberation Front captured the town of Orvano on Monday.\n\nThe capture followed "
        "weeks of fighting in Orvano between the Kesto Liberation Front and Malian troops.",
    ]
    support = {"supporter": 0, "former": 0}
    for text in texts:
        parsed = parse(extractor.nlp, text)
        res = extractor.resolver.resolve(extractor.mentions.find(parsed))
        events = extractor.events.find(parsed, res, None)
        words = extractor.events.t.support_verbs | extractor.events.t.support_nouns | extractor.events.t.contest_nouns
        forced = []
        for sent in parsed.sentences:
            copy = dataclasses.replace(sent)
            copy.__dict__["lemmas"] = sent.lemmas | words
            forced.append(copy)
        again = extractor.events.find(ParsedDoc(text=parsed.text, sentences=forced), res, None)
        assert [repr(e) for e in again] == [repr(e) for e in events]
        for e in events:
            support["supporter"] += len(e.roles.get("supporter", []))
            support["former"] += len(e.roles.get("former", []))
    assert support["supporter"] and support["former"], support
