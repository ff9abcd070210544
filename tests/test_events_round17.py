"""The seventeenth round of event rules for real news (issue 10): classes of error seen in at least three
LOOK batches (docs/extraction.md, "Round 17"), each on short reports invented for these tests, with a
guard for what it must leave alone.
"""

from __future__ import annotations


# --- the supporter of a capture told in a sentence of its own

def _backers(extractor, text: str, captor_word: str):
    """A capture of the first sentence's town by the actor named at ``captor_word``, naming no supporter
    (as the other rules may leave it), given to ``_supporter_told_apart``; the supporters' names."""
    from kg.extract.events.backers import _supporter_told_apart
    from kg.extract.events.frame import Frame
    from kg.extract.nlp import parse

    parsed = parse(extractor.nlp, text)
    res = extractor.resolver.resolve(extractor.mentions.find(parsed))
    first = parsed.sentences[0]
    trigger = next(t for t in first.span if t.lemma_ in ("capture", "recapture", "seize"))
    town = next(res.entity_at(t) for t in first.span if t.text == "Belmora")
    captor = next(res.entity_at(t) for t in first.span if t.text == captor_word)
    assert town and captor
    f = Frame("Capture", trigger, first, False, roles={"place": [town], "captor": [captor]})
    t = extractor.events.t
    _supporter_told_apart([f], parsed.sentences, res, t.base, t.support_verbs, t.support_nouns)
    return sorted(next(e.name for e in res.entities if e.id == eid) for eid in f.roles.get("supporter", []))


def test_the_side_told_backing_the_captor_in_another_sentence_supported_the_capture(extractor):
    assert _backers(extractor, "Somali troops recaptured the town of Belmora in Somalia on Sunday. Residents said "
                               "the militants fled as Ethiopian troops backing Somali troops advanced to the town.",
                    "Somali") == ["Ethiopian forces"]


def test_the_side_the_captor_was_assisted_by_supported_the_capture(extractor):
    assert _backers(extractor, "Somali troops recaptured the town of Belmora in Somalia on Sunday. Somali troops "
                               "were assisted by Ethiopian troops, officials said.", "Somali") == ["Ethiopian forces"]


def test_a_side_backing_another_actor_is_no_supporter_of_this_capture(extractor):
    assert _backers(extractor, "Somali troops recaptured the town of Belmora in Somalia on Sunday. Ethiopian troops "
                               "were assisted by Kenyan troops, officials said.", "Somali") == []


# --- the former holder of a capture told as the other side of the fighting for it

def _fought(extractor, text: str, captor_word: str | None = None):
    """A capture of the first sentence's town (by the actor named at ``captor_word``, if any), naming no
    former holder, given to ``_former_fought``; the former holders' names."""
    from kg.extract.events.adversaries import _former_fought
    from kg.extract.events.frame import Frame
    from kg.extract.nlp import parse

    parsed = parse(extractor.nlp, text)
    res = extractor.resolver.resolve(extractor.mentions.find(parsed))
    first = parsed.sentences[0]
    trigger = next(t for t in first.span if t.lemma_ in ("capture", "recapture", "seize", "regain"))
    town = next(res.entity_at(t) for t in first.span if t.text == "Belmora")
    roles = {"place": [town]}
    if captor_word:
        roles["captor"] = [next(res.entity_at(t) for t in first.span if t.text == captor_word)]
    f = Frame("Capture", trigger, first, False, roles=roles)
    _former_fought([f], parsed.sentences, res, extractor.events.t.contest_nouns)
    return sorted(next(e.name for e in res.entities if e.id == eid) for eid in f.roles.get("former", []))


def test_the_side_the_insurgents_clashed_with_before_the_takeover_held_the_town(extractor):
    assert _fought(extractor, "Insurgents have captured the port of Belmora in Somalia. The takeover came after "
                              "five days of fierce clashes between the insurgents and Ethiopian troops.") == ["Ethiopian forces"]


def test_the_side_of_the_war_the_captor_fights_held_the_town(extractor):
    assert _fought(extractor, "Somali forces have regained control of Belmora, their biggest gain in the war "
                              "with al-Shabab this year.", "Somali") == ["al-Shabaab"]


def test_fighting_between_two_other_sides_names_no_former_holder(extractor):
    assert _fought(extractor, "Somali forces recaptured the town of Belmora on Wednesday after fierce clashes "
                              "between Ethiopian troops and al-Shabab.", "Somali") == []


# --- no former holder by default: an armed group's capture in a state is not said to be from its forces

def test_an_armed_groups_capture_names_no_former_holder_the_text_does_not_tell(extractor):
    from rule_helpers import asserted, extract, names

    f = extract(extractor, "Town seized\n\nAl-Shabab fighters seized the town of Belmora in Somalia on Monday. "
                           "Somali forces said they were preparing a new offensive in the south.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "captor") == ["al-Shabaab"]
    assert names(f, v, "former") == []


def test_a_side_told_leaving_still_held_the_town(extractor):
    from rule_helpers import asserted, extract, names

    f = extract(extractor, "Town seized\n\nAl-Shabab fighters seized the town of Belmora in Somalia following the "
                           "pullout of Ethiopian troops early Monday.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "former") == ["Ethiopian forces"]
