"""Hand-built ``Facts`` for tests: two articles about the 2016 Mosul campaign.

Document 1 follows the seed article (US troops to Qayara); document 2 is a short composed
follow-up that mentions some of the same places and actors (Qayara, Baghdad, Mosul, Islamic
State, Ash Carter, Haider al-Abadi), so cross-document IRI sharing can be tested. Offsets are
computed from the text, so they are right by construction.

Import with ``from fixtures_facts import seed_facts, followup_facts`` (pytest puts ``tests/`` on
``sys.path`` for test modules in a directory without ``__init__.py``).
"""

from __future__ import annotations

from kg.models import (
    DateValue,
    DocumentMeta,
    Entity,
    Event,
    Evidence,
    Facts,
    Geo,
    Mention,
    Quantity,
)

EXTRACTOR = "conflict-kg-rules/0.1.0"


class _Text:
    """Article text built from paragraphs of sentences, with span lookup by sentence."""

    def __init__(self, paragraphs: list[list[str]]) -> None:
        self.sentences: list[tuple[int, int]] = []
        parts: list[str] = []
        pos = 0
        for p_index, paragraph in enumerate(paragraphs):
            if p_index:
                parts.append("\n\n")
                pos += 2
            for s_index, sentence in enumerate(paragraph):
                if s_index:
                    parts.append(" ")
                    pos += 1
                self.sentences.append((pos, pos + len(sentence)))
                parts.append(sentence)
                pos += len(sentence)
        self.text = "".join(parts)

    def span(self, needle: str, sentence: int, nth: int = 0) -> Mention:
        start, end = self.sentences[sentence]
        at = start - 1
        for _ in range(nth + 1):
            at = self.text.index(needle, at + 1, end)
        return Mention(start=at, end=at + len(needle), text=needle, sentence=sentence)

    def evidence(self, sentence: int) -> Evidence:
        start, end = self.sentences[sentence]
        return Evidence(sentence=sentence, start=start, end=end, text=self.text[start:end])


SEED = _Text(
    [
        ["US to deploy 560 more troops to Iraq to help seize Mosul"],  # 0
        ["US Defense Secretary Ash Carter announced during a visit to Baghdad Monday that 560 US "
         "troop reinforcements will be deployed to the Qayara air base."],  # 1
        ["The United States will send 560 more troops to Iraq later this year to help Iraqi "
         "forces in their efforts to retake Mosul from the militant group known as the Islamic "
         "State, US Defense Secretary Ash Carter said on Monday."],  # 2
        ["The announcement came during a visit to Baghdad, where Mr. Carter met US commanders "
         "along with Iraqi Prime Minister Haider al-Abadi and Defense Minister Khaled al-Obeidi.",  # 3
         "The increase in forces comes less than three months after US officials announced that "
         "they would dispatch about 200 more troops to accompany Iraqi forces advancing toward "
         "Mosul."],  # 4
        ["\"With these additional US forces I'm describing today, we'll bring unique capability "
         "to the campaign,\" Carter told a gathering of US troops in Baghdad, as reported by "
         "Reuters."],  # 5
        ["The base had previously been under Islamic State control before it was recaptured by "
         "Iraqi forces with US military support, government forces said on Saturday."],  # 6
        ["In response, the militant group has staged a number of attacks, including a bombing in "
         "Baghdad last week that killed nearly 300 people."],  # 7
    ]
)

FOLLOWUP = _Text(
    [
        ["Iraqi forces close in on Mosul as suicide bomber strikes Baghdad"],  # 0
        ["Iraqi security forces retook the town of Qayyarah from the Islamic State on 9 July "
         "2016, officials said."],  # 1
        ["A suicide bomber from the Islamic State killed at least 12 people and wounded up to 40 "
         "in Baghdad on 12 July."],  # 2
        ["The Iraqi government denied that Turkish troops had been deployed near Mosul."],  # 3
        ["If the offensive succeeds, Iraqi forces could capture Mosul before the end of 2016."],  # 4
        ["Prime Minister Haider al-Abadi met Ash Carter in Baghdad in July 2016."],  # 5
    ]
)

SEED_SHA = "3f1c0a6d2b9e4f7a8c5d1e0b2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d"
FOLLOWUP_SHA = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1"

QAYARA_GEO = Geo(lat=35.8125, lon=43.2897)
MOSUL_GEO = Geo(lat=36.335, lon=43.11889)
BAGHDAD_GEO = Geo(lat=33.34058, lon=44.40088)


def seed_facts() -> Facts:
    """The seed article: deployments (planned/asserted), meeting, visit, capture, attack, statement."""
    t = SEED
    entities = [
        Entity(id="E1", type="Country", name="United States", aliases=["US", "The United States"],
               mentions=[t.span("US", 0), t.span("United States", 2), t.span("US", 6)],
               attributes={"country_code": "US"}, links={"wikidata": "Q30"}),
        Entity(id="E2", type="Person", name="Ash Carter", aliases=["Carter", "Mr. Carter"],
               mentions=[t.span("Ash Carter", 1), t.span("Ash Carter", 2), t.span("Mr. Carter", 3),
                         t.span("Carter", 5)],
               attributes={"title": "US Defense Secretary", "affiliation": "E1"}),
        Entity(id="E3", type="ArmedForce", name="US armed forces", aliases=["US troops", "US forces"],
               mentions=[t.span("troops", 0), t.span("US forces", 5)],
               attributes={"affiliation": "E1"}),
        Entity(id="E4", type="Country", name="Iraq", mentions=[t.span("Iraq", 0), t.span("Iraq", 2)],
               attributes={"country_code": "IQ"}, links={"wikidata": "Q796"}),
        Entity(id="E5", type="Location", name="Qayara", subtype="airbase",
               aliases=["Qayara air base"], mentions=[t.span("Qayara air base", 1)],
               attributes={"country_code": "IQ"}, links={"geonames": "99003"}, geo=QAYARA_GEO),
        Entity(id="E6", type="Location", name="Mosul", subtype="city",
               mentions=[t.span("Mosul", 0), t.span("Mosul", 2), t.span("Mosul", 4)],
               attributes={"country": "E4"}, links={"geonames": "99072"}, geo=MOSUL_GEO),
        Entity(id="E7", type="ArmedGroup", name="Islamic State", aliases=["IS", "the militant group"],
               mentions=[t.span("Islamic State", 2), t.span("Islamic State", 6)]),
        Entity(id="E8", type="ArmedForce", name="Iraqi security forces", aliases=["Iraqi forces"],
               mentions=[t.span("Iraqi forces", 6)], attributes={"affiliation": "E4"}),
        Entity(id="E9", type="Person", name="Khaled al-Obeidi",
               mentions=[t.span("Khaled al-Obeidi", 3)],
               attributes={"title": "Iraqi Defense Minister", "affiliation": "E4"}),
        Entity(id="E10", type="Person", name="Haider al-Abadi",
               mentions=[t.span("Haider al-Abadi", 3)],
               attributes={"title": "Iraqi Prime Minister"}),
        Entity(id="E11", type="Location", name="Baghdad", subtype="city",
               mentions=[t.span("Baghdad", 1), t.span("Baghdad", 3), t.span("Baghdad", 5),
                         t.span("Baghdad", 7)],
               attributes={"country_code": "IQ"}, links={"geonames": "98182"}, geo=BAGHDAD_GEO),
        Entity(id="E12", type="Organization", name="Reuters", subtype="news agency",
               mentions=[t.span("Reuters", 5)]),
    ]
    events = [
        Event(id="V1", type="Deployment", trigger=t.span("send", 2), evidence=t.evidence(2),
              roles={"agent": ["E1"], "force": ["E3"], "destination": ["E4"], "purpose": ["E6"]},
              quantities={"troops": Quantity(560, "exact", "560")},
              date=DateValue("2016", "year", "later this year"), modality="planned", confidence=0.9),
        Event(id="V2", type="Deployment", trigger=t.span("dispatch", 4), evidence=t.evidence(4),
              roles={"agent": ["E1"], "force": ["E3"], "purpose": ["E6"]},
              quantities={"troops": Quantity(200, "approximate", "about 200")},
              date=DateValue("2016-04", "month", "less than three months after"),
              modality="asserted", confidence=0.75),
        Event(id="V3", type="Meeting", trigger=t.span("met", 3), evidence=t.evidence(3),
              roles={"participants": ["E2", "E10", "E9"], "location": ["E11"]},
              date=DateValue("2016-07-11", "day", "Monday"), modality="asserted", confidence=0.85),
        Event(id="V4", type="Visit", trigger=t.span("visit", 1), evidence=t.evidence(1),
              roles={"visitor": ["E2"], "location": ["E11"]},
              date=DateValue("2016-07-11", "day", "Monday"), confidence=0.8),
        Event(id="V5", type="Capture", trigger=t.span("recaptured", 6), evidence=t.evidence(6),
              roles={"captor": ["E8"], "place": ["E5"], "former": ["E7"], "supporter": ["E1"]},
              date=DateValue("2016-07-09", "day", "on Saturday"), confidence=0.7),
        Event(id="V6", type="Attack", subtype="bombing", trigger=t.span("bombing", 7),
              evidence=t.evidence(7),
              roles={"perpetrator": ["E7"], "location": ["E11"]},
              quantities={"fatalities": Quantity(300.0, "approximate", "nearly 300")},
              date=DateValue("2016-07", "month", "last week"), confidence=0.65),
        Event(id="V7", type="Statement", trigger=t.span("told", 5), evidence=t.evidence(5),
              roles={"speaker": ["E2"], "about": ["E3"]},
              quote="With these additional US forces I'm describing today, we'll bring unique "
                    "capability to the campaign",
              modality="asserted", confidence=0.95),
    ]
    return Facts(
        document=DocumentMeta(
            id="csm-2016-07-11-us-troops-mosul",
            title="US to deploy 560 more troops to Iraq to help seize Mosul",
            publisher="The Christian Science Monitor",
            published="2016-07-11",
            url="https://www.csmonitor.com/example/us-troops-mosul",
            language="en",
            sha256=SEED_SHA,
            source="seeds/000_f8bbf9c61cf088c1.txt",
        ),
        entities=entities,
        events=events,
        extractor=EXTRACTOR,
        text=t.text,
    )


def followup_facts() -> Facts:
    """A composed follow-up: capture, attack with bounds, negated deployment, hypothetical capture."""
    t = FOLLOWUP
    entities = [
        Entity(id="E1", type="ArmedForce", name="Iraqi security forces", aliases=["Iraqi forces"],
               mentions=[t.span("Iraqi forces", 0), t.span("Iraqi security forces", 1),
                         t.span("Iraqi forces", 4)]),
        # Same GeoNames place as the seed's "Qayara", under another transliteration.
        Entity(id="E2", type="Location", name="Qayyarah", mentions=[t.span("Qayyarah", 1)],
               links={"geonames": "99003"}, geo=QAYARA_GEO),
        Entity(id="E3", type="ArmedGroup", name="Islamic State",
               mentions=[t.span("Islamic State", 1), t.span("Islamic State", 2)]),
        Entity(id="E4", type="Location", name="Baghdad",
               mentions=[t.span("Baghdad", 0), t.span("Baghdad", 2), t.span("Baghdad", 5)],
               links={"geonames": "98182"}, geo=BAGHDAD_GEO),
        Entity(id="E5", type="Country", name="Turkey", attributes={"country_code": "TR"}),
        Entity(id="E6", type="ArmedForce", name="Turkish armed forces", aliases=["Turkish troops"],
               mentions=[t.span("Turkish troops", 3)], attributes={"affiliation": "E5"}),
        Entity(id="E7", type="Location", name="Mosul",
               mentions=[t.span("Mosul", 0), t.span("Mosul", 3), t.span("Mosul", 4)],
               links={"geonames": "99072"}, geo=MOSUL_GEO),
        Entity(id="E8", type="Person", name="Haider al-Abadi", mentions=[t.span("Haider al-Abadi", 5)],
               attributes={"title": "Prime Minister"}),
        Entity(id="E9", type="Person", name="Ash Carter", mentions=[t.span("Ash Carter", 5)]),
    ]
    events = [
        Event(id="V1", type="Capture", trigger=t.span("retook", 1), evidence=t.evidence(1),
              roles={"captor": ["E1"], "place": ["E2"], "former": ["E3"]},
              date=DateValue("2016-07-09", "day", "on 9 July 2016"), confidence=0.9),
        Event(id="V2", type="Attack", subtype="suicide bombing", trigger=t.span("killed", 2),
              evidence=t.evidence(2),
              roles={"perpetrator": ["E3"], "location": ["E4"]},
              quantities={"fatalities": Quantity(12, "at_least", "at least 12"),
                          "injuries": Quantity(40, "at_most", "up to 40")},
              date=DateValue("2016-07-12", "day", "on 12 July"), confidence=0.8),
        Event(id="V3", type="Deployment", trigger=t.span("deployed", 3), evidence=t.evidence(3),
              roles={"agent": ["E5"], "force": ["E6"], "destination": ["E7"]},
              modality="negated", confidence=0.6),
        Event(id="V4", type="Capture", trigger=t.span("capture", 4), evidence=t.evidence(4),
              roles={"captor": ["E1"], "place": ["E7"]},
              date=DateValue("2016", "year", "before the end of 2016"),
              modality="hypothetical", confidence=0.5),
        Event(id="V5", type="Meeting", trigger=t.span("met", 5), evidence=t.evidence(5),
              roles={"participants": ["E8", "E9"], "location": ["E4"]},
              date=DateValue("2016-07", "month", "in July 2016"), confidence=0.8),
    ]
    return Facts(
        document=DocumentMeta(
            id="composed-2016-07-mosul-followup",
            title="Iraqi forces close in on Mosul as suicide bomber strikes Baghdad",
            publisher="conflict-kg test desk",
            published="2016-07-13",
            language="en",
            sha256=FOLLOWUP_SHA,
        ),
        entities=entities,
        events=events,
        extractor=EXTRACTOR,
        text=t.text,
    )


def all_facts() -> list[Facts]:
    return [seed_facts(), followup_facts()]
