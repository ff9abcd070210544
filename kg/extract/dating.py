"""Which time expression dates which event, read from the dependency parse.

A sentence may name several times for several events ("The fall of X extends a campaign the
group launched in October last year": October is the launch's, not the fall's). Each time
expression hangs from a *host*: the first verb or event noun above it in the parse ("seized the
town on Tuesday" -> seized; "the capture of X in August" -> capture). An event takes a time
hosted by its own trigger or, failing that, by a clause its trigger depends on (the verb a
nominal trigger is an argument of, the reporting verb of a reported clause, the main clause of
a subordinate one), never a time hosted by another clause. Walking up stops at a relative
clause ("Ruritania, which sent troops in 2020, moved soldiers in September": "sent" does not get
September) and at a copula ("The recapture of X is the latest of the gains this year": the
year is the gains', not the recapture's). A time the parse hangs nowhere (no verb above it) is
taken by the nearest event, and an event with no time of its own whose clauses reach the root
takes the sentence's main time. A definite event noun with no time ("the attack on X") takes
the date of the event of that type told before at the same place (:func:`told_before`).
Otherwise the event inherits the narrative time of the text before it.

A relative clause's event takes a time of the phrase it hangs from ("since June, when gunmen
massacred ...": June; "the town of X in February, which was retaken": February). "since X"
dates an event directly only when it hangs from the trigger ("had sent troops to X since
Tuesday": Tuesday). A reported event takes the time of the report ("X said on Monday that it
was sending troops") unless it is past and the narrative time before is a few days earlier.

Anchored expressions (:class:`kg.extract.timex.Shift`) are resolved here: "N days after <clause>"
counts back from the time of the clause it hangs from ("retook it on Thursday, three days after
the rebels seized it"), the others ("a day earlier", "the next day") from an earlier time in
the sentence, else from the narrative time before the sentence, else from the publication date.

The sentence's *main* time, passed on as the narrative time of the next sentences, is the time
nearest the root of the parse that is not inside a relative clause, an apposition or a
"following/after/since ..." phrase ("The group, which broke away in 2016, ..." passes nothing on).
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Callable, Iterable, Optional

from spacy.tokens import Span, Token

from kg.extract.events_data import events_yaml
from kg.extract.timex import TimeMention, shift_value
from kg.models import DateValue

__all__ = ["Narrative", "Placed", "SentenceTimes", "Strength", "date_untimed", "in_quotation",
           "is_definite_mention", "path_up", "published_date", "told_before"]


class Strength(IntEnum):
    """How an event's date was found; merged tellings of one event keep the strongest."""

    NONE = 0
    PUBLISHED = 1  # no time for it in the text: the publication date of a news report
    INHERITED = 2  # the narrative time of the sentences before
    REPORTED = 3  # the time of the statement that reports it ("X said on Monday that ...")
    NEAREST = 4  # the sentence's time, or a time the parse attaches to no clause
    ATTACHED = 5  # a time hanging from the trigger or from a clause above it


# Verbs tagged VERB/AUX that only link ("following the capture", "including", auxiliaries).
_NOT_HOST_DEPS = frozenset({"prep", "aux", "auxpass", "amod", "mark", "agent", "case"})
# Clauses that modify a noun: walking up from an event inside them stops there.
_NOUN_CLAUSES = frozenset({"relcl", "acl"})
# Verbs of a relative clause that tell the toll of the event noun they modify.
_OUTCOME_VERBS = frozenset({"kill", "wound", "injure", "leave", "claim"})
# A phrase introduced by one of these words tells background, not the sentence's news.
_BACKGROUND_PREPS = frozenset({"following", "after", "since", "before", "until", "including", "like", "unlike"})
_MAX_STEPS = 12
# Verbs whose subject event they date: outcomes ("the raid killed seven on Monday") and
# occurrence ("the attack came/took place on Monday").
_EVENT_SUBJECT_VERBS = frozenset({
    "kill", "wound", "injure", "hurt", "leave", "claim", "destroy", "damage", "hit", "force",
    "displace", "cause", "come", "happen", "occur", "take", "begin", "start", "end", "continue",
    "last", "spark", "prompt", "trigger", "target", "strike", "level", "raze", "free", "cut"})
# How far after a listed place its own time may come ("X, the capital of Y, in January").
_ANCHOR_WINDOW = 60
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "xcomp", "parataxis"})
# "CITY, Oct 2 —", "CITY, Nov 26 (Agency) -": a dateline before the first sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z' .-]+(?:,[^\u2014\n]{0,40})?\s(?:\u2014|--|\u2013|-)\s")


@dataclass(frozen=True)
class Placed:
    """A time mention placed in the parse."""

    mention: TimeMention
    value: DateValue  # the mention's value, anchored expressions resolved against their anchor
    tokens: tuple[Token, ...]
    host: Optional[Token]


def _same_token(a: Optional[Token], b: Token) -> bool:
    """spaCy makes a new Token object at each access: compare positions, not identity."""
    return a is not None and a.i == b.i and a.doc is b.doc


def _token_extents(span: Span) -> list[tuple[Token, int, int]]:
    """Each token of ``span`` with its offset in the span's text and its length.

    Read once per sentence for all its time mentions: spaCy makes a new Token object at each
    access, so reading the tokens again for each mention cost as much as the rest.
    """
    start = span.start_char
    return [(tok, tok.idx - start, len(tok.text)) for tok in span]


def _span_tokens(extents: list[tuple[Token, int, int]], m: TimeMention) -> tuple[Token, ...]:
    """The tokens a mention overlaps (``extents`` from :func:`_token_extents`)."""
    return tuple(tok for tok, rel, length in extents if rel < m.end and rel + length > m.start)


def _is_host(tok: Token, event_type: Callable[[Token], Optional[str]]) -> bool:
    """A verb (not a participle modifying a noun, unless it names an event) or an event noun."""
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in _NOT_HOST_DEPS:
        return tok.dep_ != "acl" or event_type(tok) is not None
    return tok.pos_ == "NOUN" and event_type(tok) is not None


def _host(tokens: tuple[Token, ...], event_type: Callable[[Token], Optional[str]]) -> Optional[Token]:
    """The first verb or event noun above the expression's tokens."""
    inside = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i in inside or tok.head.i == tok.i:
            continue
        cur = tok.head
        for _ in range(_MAX_STEPS):
            if cur.i not in inside and _is_host(cur, event_type):
                return _saying_of(cur, tokens, event_type)
            if cur.i not in inside and cur.dep_ == "acl" and cur.pos_ == "VERB" and cur.tag_ in ("VBN", "VBD"):
                return cur  # "the plan agreed upon in October": the agreeing's time, no event above's (round 15)
            if cur.head.i == cur.i:
                break
            cur = cur.head
    return None


def _saying_of(host: Token, tokens: tuple[Token, ...], event_type: Callable[[Token], Optional[str]]) -> Token:
    """"The army said on Tuesday it had repelled the attack": a time between a verb of saying and
    the subject of the clause it reports is the saying's, though the parse may hang it in the
    clause (round 23); a time inside the clause ("said it had repelled the attack on Tuesday") stays."""
    say = host.head
    if host.dep_ != "ccomp" or say.i == host.i or say.i > host.i or event_type(say) != "Statement":
        return host
    subjects = [c for c in host.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return host
    start = min([t.left_edge.i for t in subjects] + [c.i for c in host.children if c.dep_ == "mark"])
    if all(say.i < t.i < start for t in tokens):
        return say
    return host


def _on(p: "Placed", verb: Token) -> bool:
    """The expression hangs from ``verb`` itself ("had been useful yesterday", "was on Monday"), not
    from a phrase below it ("is the latest ... following the recapture of X in October")."""
    inside = {t.i for t in p.tokens}
    for t in p.tokens:
        if t.head.i in inside:
            continue
        head = t.head
        if head.i == verb.i or head.dep_ == "prep" and head.head.i == verb.i:
            return True
    return False


def _counted_from_a_clause(p: Placed) -> bool:
    """"a day after X signed a treaty": a time counted from a clause dates the event it introduces,
    never the argument it follows ("took control of Y, a day after ...": not Y's capture)."""
    return p.mention.shift is not None and p.mention.shift.anchor == "clause"


def _counts_from_host(p: Placed) -> bool:
    """"X captured Y, one week after taking Z": the shifted time counts back from the capture to
    date the taking; it says nothing of the capture's own time."""
    if p.mention.shift is None or p.mention.shift.anchor != "clause" or p.host is None:
        return False
    # "one week after taking Z": "after" a preposition of the host, the taking its object; in
    # "three days after the rebels seized it" "after" marks the seizure, which is the host
    return any(t.lower_ in ("after", "before") and t.dep_ == "prep" and t.head.i == p.host.i
               for t in p.host.children)


_BACKGROUND_MARKS = frozenset({"since", "until", "till", "before"})


def _subordinate_background(tok: Token) -> bool:
    """A verb introduced by "since", "until" or "before": its time is its own clause's. Also
    when the parse misses the marker ("... offensive since the war with X began in April",
    with "since" parsed as a preposition): the word comes shortly before the verb with no
    other verb between."""
    if any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in tok.children):
        return True
    for t in reversed(tok.doc[max(tok.sent.start, tok.i - 12):tok.i]):
        if t.lower_ in _BACKGROUND_MARKS:
            return True
        if t.pos_ == "VERB" or t.lower_ in (",", ";", "and"):
            return False
    return False


def _told_as_past(trigger: Token) -> bool:
    """A simple past, perfect or passive trigger, or an event noun: not "was sending", "will send"."""
    if trigger.pos_ != "VERB":
        return True
    if trigger.tag_ not in ("VBD", "VBN"):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in trigger.children)


_DATA = events_yaml()  # kg/data/events.yaml, parsed once for every reader (events_data.py)
_ANNIVERSARY_NOUNS = frozenset(_DATA["anniversary"]["nouns"])
_ORDINALS = {str(k).lower(): int(v) for k, v in _DATA["anniversary"]["ordinals"].items()}
_ORDINAL_DIGITS = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def anniversary_of(trigger: Token) -> Optional[tuple[Token, int]]:
    """"on the fifth anniversary of the attack at X" (round 29): the anniversary noun and how many
    years before its own time the event took place; None when the trigger is no anniversary's."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "of" or prep.i == trigger.i:
        return None
    noun = prep.head
    if noun.lemma_.lower() not in _ANNIVERSARY_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ in ("amod", "nummod", "compound") and c.i < noun.i:
            n = _ORDINALS.get(c.lower_)
            m = _ORDINAL_DIGITS.match(c.lower_)
            if n is None and m:
                n = int(m.group(1))
            if n:
                return noun, n
    return None


def _years_before(value: DateValue, years: int) -> Optional[DateValue]:
    year = int(value.value[:4]) - years
    rest = value.value[4:]
    if rest == "-02-29":
        rest = "-02-28"
    return DateValue(value=f"{year:04d}{rest}", precision=value.precision, text=value.text)


_BARE_WEEKDAY = re.compile(r"^(?:(?:early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _ahead(m: TimeMention, published: Optional[dt.date]) -> DateValue:
    """A bare weekday of something to come ("will deploy early Thursday", round 29) is the next one,
    not the last: a week on from a day before the report."""
    if published is None or m.value.precision != "day" or m.shift is not None:
        return m.value
    day = dt.date.fromisoformat(m.value.value)
    if day >= published:
        return m.value
    return dataclasses.replace(m.value, value=(day + dt.timedelta(days=7)).isoformat())


_YEAR_TEXT = re.compile(r"\b\d{4}\b|'\d\d\b")
_MONTH_TEXT = re.compile(r"(?i)^(?:in\s+|early\s+|late\s+|mid-?\s*)*"
                         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$")


_FUTURE = frozenset({"will", "shall", "'ll", "would", "wo"})


def _to_come(host: Optional[Token]) -> bool:
    """Round 46: a verb told as to come ("will send", "would arrive"; not "may have died", "would have
    been": a perfect looks back)."""
    return host is not None and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in host.children) \
        and not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in host.children)


def _month_ahead(m: TimeMention, published: Optional[dt.date]) -> DateValue:
    """Round 46: a month named with no year for something to come ("will send 250 soldiers to X in
    February", said on 31 January) is the next such month, not the last one: the month of the
    report or a later one."""
    if published is None or m.shift is not None or m.value.precision != "month" \
            or _YEAR_TEXT.search(m.text) or not _MONTH_TEXT.match(m.text.strip()):
        return m.value
    year, month = int(m.value.value[:4]), int(m.value.value[5:7])
    if (year, month) >= (published.year, published.month):
        return m.value
    if (year + 1, month) < (published.year, published.month):
        return m.value  # (a month read in another year than the last one: left as read)
    return dataclasses.replace(m.value, value=f"{year + 1:04d}-{month:02d}")


def _holidays() -> list[tuple[re.Pattern[str], int, int]]:
    from kg.extract.events_data import events_yaml

    out = []
    for name, when in (events_yaml().get("r46_holidays") or {}).items():
        month, day = (int(x) for x in str(when).split("-"))
        words = r"\s+".join(re.escape(w).replace("'", "['\u2019]") for w in name.split())
        out.append((re.compile(rf"(?<![\w'])(?:{words})(?![\w'])", re.IGNORECASE), month, day))
    return out


_HOLIDAYS: Optional[list] = None
_HOLIDAY_YEAR = re.compile(r",?\s+((?:19|20)\d\d)\b")


def with_holidays(text: str, mentions: list[TimeMention], published: Optional[dt.date]) -> list[TimeMention]:
    """Round 46: a fixed-date holiday told with no year ("on New Year's Eve", "on Christmas Day", events.yaml
    ``r46_holidays``) is the last such day on or before the report's date, a day like "on 31 December"; a
    holiday inside a time already found is left to it."""
    global _HOLIDAYS
    if published is None or ("Eve" not in text and "Day" not in text and "Christmas" not in text):
        return mentions
    if _HOLIDAYS is None:
        _HOLIDAYS = _holidays()
    out = list(mentions)
    for pattern, month, day in _HOLIDAYS:
        for m in pattern.finditer(text):
            if any(t.start < m.end() and m.start() < t.end for t in out):
                continue
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
            end = m.end()
            told = _HOLIDAY_YEAR.match(text, end)  # "on Christmas Day 2019", "New Year's Eve, 2020"
            if told:
                year, end = int(told.group(1)), told.end()
            value = DateValue(value=f"{year:04d}-{month:02d}-{day:02d}", precision="day", text=text[m.start():end])
            out.append(TimeMention(start=m.start(), end=end, text=text[m.start():end], value=value))
    return sorted(out, key=lambda t: t.start)


def _days_between(a: DateValue, b: DateValue) -> int:
    return (dt.date.fromisoformat(b.value) - dt.date.fromisoformat(a.value)).days


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_MODALS = frozenset({"will", "would", "shall", "'ll", "could", "might", "may", "can", "should", "must"})


def _not_factual(host: Optional[Token]) -> bool:
    """A verb with a modal ("will send", "would deploy"): its time is not the narrative's."""
    return host is not None and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in host.children)


def _is_copula(tok: Token) -> bool:
    return tok.lemma_.lower() == "be" and tok.pos_ in ("AUX", "VERB")


def _closed_clause(tok: Token) -> bool:
    """A clause whose event is not timed by the clause above it: an adnominal clause, or a
    relative clause on a subject ("Ruritania, which sent troops in 2020, moved ...") or in the
    pluperfect ("X, which they had taken"). A relative clause on another noun tells what
    happened to it then ("pulled out of X on Tuesday, which was taken over by Y")."""
    if tok.dep_ == "acl":
        # (round 15: not a present participle on the subject, "soldiers attacking the palace were
        # pushed back in November": they attacked when they were pushed back)
        return not (tok.tag_ == "VBG" and tok.head.dep_ in ("nsubj", "nsubjpass"))
    if tok.dep_ != "relcl":
        return False
    if tok.head.dep_ in ("nsubj", "nsubjpass", "appos") or tok.head.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children)


def _participle(tok: Token) -> bool:
    """Round 50: a past participle the parser tagged as an adjective or a noun ("was pre-positioned", "was overrun")."""
    return tok.tag_ in ("JJ", "VBN", "NN") and tok.lower_.endswith(("ed", "en", "wn", "un")) and len(tok.text) > 4


def path_up(tok: Token) -> list[Token]:
    """The trigger and the tokens above it whose times it may take, nearest first.

    Stops above a closed clause (see :func:`_closed_clause`), before a copula the path
    reaches from its subject or predicate, and before a verb whose subject is an event noun
    unless the verb tells what the event did or when it took place ("the raid killed seven",
    "the attack came a day after ..."): "The fall of X extends a campaign launched in October"
    says nothing of when X fell.
    """
    out = [tok]
    cur = tok
    for _ in range(_MAX_STEPS):
        if cur.head.i == cur.i or _closed_clause(cur):
            break
        nxt = cur.head
        if _is_copula(nxt) and cur.dep_ in ("nsubj", "nsubjpass", "csubj", "attr", "acomp") \
                and not (cur.i == tok.i and cur.dep_ in ("acomp", "attr") and _participle(cur)):
            break  # (round 50: not "was pre-positioned in X", a passive participle tagged an adjective: the
            #       times hung on its "was" are the event's)
        if (cur.dep_ == "nsubj" and cur.pos_ == "NOUN" and nxt.pos_ == "VERB"
                and nxt.lemma_.lower() not in _EVENT_SUBJECT_VERBS):
            break
        out.append(nxt)
        cur = nxt
    return out


def _in_main_clause(host: Optional[Token]) -> Optional[int]:
    """Steps from the host to the root when no relative clause, apposition or background
    phrase lies between them; None otherwise."""
    if host is None:
        return None
    steps, cur = 0, host
    for _ in range(3 * _MAX_STEPS):
        if cur.dep_ in _NOUN_CLAUSES or cur.dep_ == "appos":
            return None
        if cur.dep_ == "prep" and cur.lower_ in _BACKGROUND_PREPS:
            return None
        if cur.dep_ == "mark" or (cur.dep_ in ("advcl", "ROOT") and any(
                c.dep_ == "mark" and c.lower_ in _BACKGROUND_PREPS for c in cur.children)):
            return None
        if cur.pos_ in ("VERB", "AUX") and _subordinate_background(cur):
            return None
        if cur.head.i == cur.i:
            return steps
        cur, steps = cur.head, steps + 1
    return None


class SentenceTimes:
    """The time expressions of one sentence, placed in its parse.

    ``inherited`` is the narrative time of the sentences before (``paragraph``: of this
    paragraph's), ``reference`` the last time told before the sentence (for anchored
    expressions; by default ``inherited``);
    ``event_type`` names the type of event a word is a trigger of, if any: an event noun hosts
    times like a verb ("the capture of X in May"), and so does a participle modifying a noun only
    if it names an event ("SNA soldiers supported by AU troops on Sunday": not "supported").
    """

    def __init__(self, span: Span, mentions: Iterable[TimeMention], event_type: Callable[[Token], Optional[str]],
                 reference: Optional[DateValue] = None, inherited: Optional[DateValue] = None,
                 paragraph: Optional[DateValue] = None, published: Optional[dt.date] = None,
                 text: Optional[str] = None) -> None:
        self.span = span  # (``text``: the span's text when the caller holds it already)
        self.published = published
        self.inherited = inherited
        self.paragraph = paragraph  # the narrative time established in this paragraph
        self.event_type = event_type
        self.placed: list[Placed] = []
        ordered = sorted(mentions, key=lambda m: m.start)
        # Most sentences hold no time: then neither the text (built from the tokens by spaCy at
        # each access) nor the tokens are read.
        dateline = _DATELINE.match(span.text if text is None else text) if ordered else None
        extents = _token_extents(span) if ordered else []
        for m in ordered:
            if dateline and m.end <= dateline.end():
                continue  # "CITY, Nov 26 —": when the report was filed, not an event's time
            tokens = _span_tokens(extents, m)
            host = _host(tokens, event_type) if tokens else None
            value = _ahead(m, published) if _not_factual(host) and _BARE_WEEKDAY.match(m.text) else \
                _month_ahead(m, published) if _to_come(host) else m.value
            self.placed.append(Placed(m, value, tokens, host))
        for i, p in enumerate(self.placed):  # in text order: "the next day" may count from a resolved one
            if p.mention.shift is not None:
                self.placed[i] = Placed(p.mention, self._resolve(p.mention, p.host, reference or inherited),
                                        p.tokens, p.host)

    # ----- anchored expressions
    def _resolve(self, m: TimeMention, host: Optional[Token], reference: Optional[DateValue]) -> DateValue:
        if m.shift is None:
            return m.value
        anchor: Optional[DateValue] = None
        if m.shift.anchor == "clause" and host is not None:
            # Round 36: "took X on Saturday, two days after capturing Y": the phrase hangs from the
            # capture of X, so it counts back from X's own time (Saturday), not from the report's
            own = [host] if any(t.lower_ in ("after", "before") and t.dep_ == "prep" and t.head.i == host.i
                                for t in host.children) else []
            for tok in own + path_up(host)[1:]:
                hosted = [p for p in self.placed if _same_token(p.host, tok) and p.mention.relation == "point"
                          and p.mention is not m]
                if hosted:
                    anchor = hosted[-1].value
                    break
        elif m.shift.anchor == "previous":
            before = [p for p in self.placed if p.mention.relation == "point" and p.mention.end <= m.start]
            anchor = before[-1].value if before else None
        anchor = anchor or reference
        if anchor is None:
            return m.value
        return shift_value(anchor, m.shift, m.text)

    # ----- queries
    def points(self) -> list[Placed]:
        return [p for p in self.placed if p.mention.relation == "point"]

    def _usable(self, p: Placed, direct: bool) -> bool:
        if p.mention.relation == "point":
            return True
        return direct and p.mention.relation == "after" and p.mention.text.lower().startswith("since")

    def _antecedent_time(self, tok: Token) -> Optional[Placed]:
        """A relative clause's event takes the time of the phrase it hangs from: "since June, when
        gunmen massacred ..." (June); "the town of X in February, which was retaken" (February)."""
        if tok.dep_ != "relcl":
            return None
        head = tok.head
        for p in self.placed:
            if any(t.i == head.i for t in p.tokens) or self._hangs_on(p, head):
                return p
        return None

    @staticmethod
    def _hangs_on(p: Placed, noun: Token) -> bool:
        """Whether the expression hangs from ``noun`` below its host ("the town ... in February")."""
        inside = {t.i for t in p.tokens}
        for tok in p.tokens:
            cur = tok
            for _ in range(_MAX_STEPS):
                if cur.head.i == cur.i or (p.host is not None and cur.head.i == p.host.i):
                    break
                cur = cur.head
                if cur.i == noun.i:
                    return True
                if cur.i in inside:
                    break
        return False

    def attach(self, trigger: Token, anchor_offset: Optional[int] = None) -> tuple[Optional[DateValue], Strength]:
        """The date of the event ``trigger`` names and how it was found (NONE: inherit).

        ``anchor_offset`` (an offset into the sentence text) prefers a time right after it: "the
        capture of X in May and Y in August" dates Y by August.
        """
        years = anniversary_of(trigger)
        if years is not None:  # "on the fifth anniversary of the attack": five years before the anniversary
            noun, n = years
            own, how = self.attach(noun)
            start = noun.left_edge.idx - self.span.start_char
            text = self.span.text
            beside = [p for p in self.points() if re.fullmatch(r"\s*,\s*", text[p.mention.end:start])]
            if beside:  # "On March 2, the tenth anniversary of ...": the time it stands beside
                own, how = beside[-1].value, Strength.ATTACHED
            if own is None or how < Strength.NEAREST:
                own = published_date(self.published) if self.published is not None else None
            if own is not None:
                return _years_before(own, n), Strength.ATTACHED
        path = path_up(trigger)
        for p in self.placed:  # "the attack perpetrated this past Sunday" (round 29): a participle telling the event
            if p.host is not None and p.host.dep_ == "acl" and p.host.head.i == trigger.i \
                    and p.host.tag_ in ("VBN", "VBD") and self._usable(p, True):
                return p.value, Strength.ATTACHED
        for p in self.placed:  # "an ambush that killed four officers last month": the ambush's time
            if p.host is not None and p.host.dep_ == "relcl" and p.host.head.i == trigger.i \
                    and p.host.lemma_.lower() in _OUTCOME_VERBS and self._usable(p, True):
                return p.value, Strength.ATTACHED
        if anchor_offset is not None:  # the trigger's own times, or times of no other event
            on_path = {t.i for t in path}
            after = [p for p in self.points() if 0 <= p.mention.start - anchor_offset <= _ANCHOR_WINDOW
                     and not _counted_from_a_clause(p) and (p.host is None or p.host.i == trigger.i or self.event_type(p.host) is None
                          and not (p.host.dep_ in ("relcl", "acl") and p.host.i not in on_path))]
            # (not a relative clause's: "the fall of X extends a campaign the group launched in May")
            if after:
                return after[0].value, Strength.ATTACHED
        for depth, tok in enumerate(path):
            hosted = [p for p in self.placed if _same_token(p.host, tok) and self._usable(p, depth == 0)
                      and not (depth == 0 and _counts_from_host(p))]
            if hosted and depth and path[depth - 1].dep_ in _CLAUSE_DEPS and _subordinate_background(tok):
                continue  # "[X retook Y] since the war began in April last year": the beginning's time
            if not hosted:
                antecedent = self._antecedent_time(tok)
                if antecedent is not None:
                    return antecedent.value, Strength.ATTACHED
                continue
            value = self._choose(hosted, trigger).value
            if depth and (self.event_type(tok) == "Statement" or tok.lemma_.lower() in ACCUSING):
                return self._reported(trigger, value)  # "accused X on Monday of attacking": told then
            return value, Strength.ATTACHED
        copula = trigger.head
        if len(path) == 1 and trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and _is_copula(copula):
            # "his talks with X in Y yesterday had been useful" (round 23): the event named as the
            # copula's subject is when the copula's own time says
            hosted = [p for p in self.points() if _same_token(p.host, copula) and _on(p, copula)]
            if hosted:
                return self._choose(hosted, trigger).value, Strength.ATTACHED
        if path[-1].head.i == path[-1].i:  # the trigger's clauses reach the root: the sentence's time
            main = self.main(clauses_only=True)
            if main is not None:
                return main, Strength.NEAREST
        free = [p for p in self.points() if p.host is None]
        if free:
            return self._choose(free, trigger).value, Strength.NEAREST
        return None, Strength.NONE

    def _reported(self, trigger: Token, value: DateValue) -> tuple[DateValue, Strength]:
        """A reported event dated by the report ("X was attacked near Y, a spokesman said in a
        statement on Monday evening"). A past event reported within a week after the narrative
        time of the text before keeps that time (the attack was on Sunday, told on Monday); an
        ongoing or planned one ("said on Tuesday it was sending reinforcements") is the report's."""
        before = self.inherited
        if (before is not None and before.precision == "day" and value.precision == "day"
                and _told_as_past(trigger) and 0 < _days_between(before, value) <= 7):
            return before, Strength.INHERITED
        return value, Strength.REPORTED

    def _after_publication(self, value: DateValue) -> bool:
        if self.published is None:
            return False
        return value.value > self.published.isoformat()[:len(value.value)]

    def _choose(self, candidates: list[Placed], trigger: Token) -> Placed:
        here = trigger.idx - self.span.start_char
        here_ = trigger.idx - self.span.start_char
        own = [p for p in candidates if not _counted_from_a_clause(p) and p.mention.start > here_]
        if own:  # (round 29: "came days after gunmen raided a camp on Thursday": a vague span counted
            # from another clause yields to a more precise date told inside the event's own clause)
            best = min(_PRECISION_RANK.get(p.value.precision, 3) for p in own)
            candidates = [p for p in candidates if not (_counted_from_a_clause(p) and
                                                        _PRECISION_RANK.get(p.value.precision, 3) > best)]
        return min(candidates, key=lambda p: abs(p.mention.start - here))

    def main(self, clauses_only: bool = False) -> Optional[DateValue]:
        """The sentence's own narrative time (None when it names none in its main clauses).

        A time of something planned or possible ("will send troops later this year, X said on
        Monday", "plans to meet them next week") does not set it; of the others the most precise wins, then the one nearest the
        root, then the first. ``clauses_only``: only times of verbs that do not report speech,
        as a fallback for an event of the sentence with no time of its own ("Hours after X was
        recaptured, Y launched drones ..., hitting a substation late on Sunday"); a reporting
        verb's time ("Z was attacked, a spokesman said in a statement on Monday") and an event
        noun's ("follows the seizure of Y in August") are not the event's.
        """
        best: Optional[tuple[int, int, int, Placed]] = None
        for i, p in enumerate(self.points()):
            steps = _in_main_clause(p.host) if p.host is not None else None
            if steps is None or _not_factual(p.host) or self._after_publication(p.value) or _counts_from_host(p):
                continue  # (a time counted back from the main clause dates another event, not the sentence)
            if clauses_only and (p.host.pos_ not in ("VERB", "AUX") or self.event_type(p.host) == "Statement"):
                continue
            key = (_PRECISION_RANK.get(p.value.precision, 3), steps, i)
            if best is None or key < best[:3]:
                best = (*key, p)
        return best[3].value if best else None


_OPENING_QUOTES = re.compile(r"[\u201c\u201d\"]")


def in_quotation(text: str, offset: int) -> bool:
    """Whether ``offset`` of a sentence lies inside quoted speech ("Taking it is a huge win")."""
    return len(_OPENING_QUOTES.findall(text[:offset])) % 2 == 1


def published_date(published: dt.date) -> DateValue:
    """The date of an event the report tells as news without a time for it."""
    return DateValue(value=published.isoformat(), precision="day", text="")


_PLACE_ROLES = ("place", "location", "destination")
_DEFINITE = frozenset({"the", "its", "their", "this", "that"})


def is_definite_mention(trigger: Token) -> bool:
    """A singular event noun with a definite determiner: "the attack on X", "its fall"."""
    return trigger.pos_ == "NOUN" and trigger.tag_ == "NN" and any(
        c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in trigger.children)


def told_before(frame: Any, told: Iterable[Any], names: Callable[[str], str]) -> Optional[DateValue]:
    """The date of the event a definite mention points back to ("Gen. X said twelve soldiers
    were killed in the attack on Y"): the last event of the same type told before at the same
    place (the same entity or a spelling of its name: "Tel Vorn" and "Tell Vurn"); with no
    place named, the last event of the type with a time of its own (not inherited). ``names``
    gives an entity's name."""
    same = [g for g in told if g.type == frame.type and g.date is not None and g.modality == "asserted"]
    places = {e for r in _PLACE_ROLES for e in frame.roles.get(r, [])}
    if not places:
        timed = [g for g in same if g.date_strength > Strength.INHERITED]
        return timed[-1].date if timed else None
    keys = {k for e in places if len(k := _spelling_key(names(e))) >= 3}
    for g in reversed(same):
        theirs = {e for r in _PLACE_ROLES for e in g.roles.get(r, [])}
        if places & theirs or keys & {_spelling_key(names(e)) for e in theirs}:
            return g.date
    return None


def _spelling_key(name: str) -> str:
    """A name with vowels and doubled letters dropped: transliterations that differ only there
    ("Marbaha"/"Marbahah", "Tel Vorn"/"Tell Vurn") share it."""
    letters = unicodedata.normalize("NFKD", name.lower())
    letters = "".join(c for c in letters if c.isalpha() or c == " ")
    skeleton = re.sub(r"[aeiouy]", "", letters)
    return re.sub(r"(.)\1+", r"\1", " ".join(skeleton.split()))


def _tells_the_past(span: Span, event_type: Callable[[Token], Optional[str]]) -> bool:
    """A sentence whose main verb is in the simple past (active or passive), and not a report."""
    root = span.root
    if root.pos_ not in ("VERB", "AUX") or event_type(root) == "Statement":
        return False
    return root.tag_ == "VBD" or (root.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in root.children))


# Verbs that report an act they blame on someone: their time is when it was said.
ACCUSING = frozenset(["accuse", "blame", "charge"])


class Narrative:
    """The narrative time carried from sentence to sentence of one document.

    A sentence's narrative time is its own main-clause time (:meth:`SentenceTimes.main`), else
    the one it inherited. It passes to the next sentence, across a paragraph break too, and the
    paragraph keeps it; but a paragraph's first sentence hands on what it inherited from the
    paragraph before only if one of its events used it or it goes on telling in the past ("The
    militants overran the base."), not if it tells the present ("The fighting has sent thousands
    fleeing."). Events told before any time ("X has
    retaken Y." then "Y was recaptured on Thursday.") take the next sentence's main time. The
    last time named, even outside the main clause, anchors "a day earlier" in what follows.

    Use: :meth:`start` a sentence, :meth:`place` its times, find its events, :meth:`end` it.
    """

    def __init__(self) -> None:
        self.inherited: Optional[DateValue] = None  # the current sentence's inherited time
        self._paragraph: Optional[DateValue] = None
        self._previous: Optional[DateValue] = None
        self._reference: Optional[DateValue] = None
        self._offset: Optional[int] = None
        self._new_paragraph = False
        self._lead: list[Any] = []
        # round 29: the background time a sentence that passes no time on tells its past in
        # ("since 2004, when ...", "fled after the arrival of the peacekeepers in September"),
        # kept for the next sentence's untimed past events (:func:`date_untimed`)
        self._background: Optional[DateValue] = None
        self.background: dict[tuple[int, int], DateValue] = {}

    def start(self, paragraph_offset: int) -> Optional[DateValue]:
        """Begin a sentence of the paragraph at ``paragraph_offset``; its inherited time."""
        self._new_paragraph = paragraph_offset != self._offset
        if self._new_paragraph:
            self._paragraph, self._offset = None, paragraph_offset
        self.inherited = self._previous or self._paragraph
        return self.inherited

    def place(self, span: Span, mentions: Iterable[TimeMention], event_type: Callable[[Token], Optional[str]],
              published: Optional[dt.date] = None, text: Optional[str] = None) -> SentenceTimes:
        if self._background is not None:
            self.background[(id(span.doc), span.start_char)] = self._background
        self._background = None
        return SentenceTimes(span, mentions, event_type, reference=self.inherited or self._reference,
                             inherited=self.inherited, paragraph=self._paragraph, published=published, text=text)

    def end(self, times: SentenceTimes, frames: list[Any], headline: Callable[[Any], bool]) -> None:
        """Close the sentence: ``frames`` are its events (with ``date``/``date_strength``)."""
        own = times.main()
        named = times.points()
        told = [f for f in frames if getattr(f, "type", None) not in ("Statement", "Visit")]
        if own is None and self._reference is None and not told and len(named) == 1 \
                and any(times.event_type(t) for t in times.span) \
                and not (named[0].host is not None and _subordinate_background(named[0].host)):
            # A lead "... in meetings with two leaders yesterday in X" tells of events it gives
            # no frame of; its one time is the time of those the next sentences tell. Not a time of
            # its background (round 29: "The attack was the first since armed groups announced a
            # cease-fire last month": the month of the cease-fire, not of the lead's attack).
            own = named[0].value
        for f in self._lead if own else ():
            f.date, f.date_strength = own, Strength.NEAREST
        self._lead = [f for f in frames if f.date is None and not headline(f)] if self._reference is None else []
        if own is None and (not self._new_paragraph or _tells_the_past(times.span, times.event_type)
                            or any(f.date_strength == Strength.INHERITED for f in frames)):
            own = self.inherited
        self._previous = own
        self._paragraph = own or self._paragraph
        if own is None:
            self._background = _background_time(times)
        self._reference = own or (named[-1].value if named else None) or self._reference


def date_untimed(frames: Iterable[Any], published: Optional[dt.date], narrative: Optional[Narrative] = None) -> None:
    """Events still without a date that the report tells as news (not in quoted speech) get
    the publication date, as the guidelines accept for news with no time in the text.

    Round 29: an event told in the past (simple past, past perfect, past passive; not the present
    perfect of news) right after a sentence that passes no time on but tells its background at
    an earlier time ("The attack is the bloodiest since 2009, when ... . Twenty militants were
    killed during the raid on X.") continues that background: it takes that time, not the report's.
    """
    background = narrative.background if narrative is not None else {}
    for f in frames:
        if f.date is not None:
            continue
        earlier = background.get((id(f.sentence.span.doc), f.sentence.span.start_char)) if background else None
        if earlier is not None and _told_in_the_past(f.trigger):
            f.date, f.date_strength = earlier, Strength.INHERITED
            continue
        if published is None:
            continue
        if not in_quotation(f.sentence.text, f.sentence.char(f.trigger) - f.sentence.start):
            f.date, f.date_strength = published_date(published), Strength.PUBLISHED


_WHEN_AFTER = re.compile(r"^\s*,?\s*when\b", re.I)


def _background_time(times: SentenceTimes) -> Optional[DateValue]:
    """The last time a sentence names for its background, earlier than the report: a point
    ("after the arrival of the peacekeepers in September") or a "since" with a "when" clause
    ("since 2009, when soldiers stormed ..."), not the start of a duration ("since the war began
    in 2011"). None when it names none, or only the report's own days."""
    text = times.span.text
    out = None
    for p in times.placed:
        if p.mention.relation == "after":
            if not (p.mention.text.lower().startswith("since") and _WHEN_AFTER.match(text[p.mention.end:])):
                continue
        elif p.mention.relation != "point" or _not_factual(p.host) or (
                p.host is not None and p.host.pos_ in ("VERB", "AUX") and _subordinate_background(p.host)):
            continue  # (not a duration's start: "has seen violence since the war began in 2011")
        if times.published is not None and p.value.value >= times.published.isoformat()[:7][:len(p.value.value)]:
            continue  # (the report's own month or later)
        out = p.value
    return out


def _told_in_the_past(trigger: Token) -> bool:
    """The event's clause is told in the simple past, the past perfect or a past passive
    ("were killed during the raid", "was deployed"), not the present perfect or the present;
    an event noun by the verb it hangs from."""
    verb = trigger
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _MODALS or aux & {"has", "have", "'s", "'ve", "is", "are", "am", "be", "being"}:
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and bool(aux & {"had", "was", "were"})


# Round 21: a month named with no year ("in April", "on May 5th") in a passage that named another,
# earlier year ("On May 6th, 2001, ... On October 1st, ..."): the passage's year, not the report's.
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_NOT_RUNNING = re.compile(r"(?i)\b(?:last|this|next|past|coming|ago|monday|tuesday|wednesday|thursday|friday|"
                          r"saturday|sunday)\b")
_EXPLICIT_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class RunningYear:
    """The year a paragraph is telling: the last explicit year it named (round 21).

    A month or a day of a month named with no year of its own, no weekday and no relative word
    resolves against the publication date ("in April" = the last April); told after a date of an
    earlier year in its paragraph ("On May 6th, 2001, ... On October 1st, ...") or after a year
    earlier in its own sentence ("In 2001, ... including suicide bombings in June"), it is that
    year's. A bare year of a sentence before ("which broke away in 2016. ... the fall of X in
    January") is background and sets nothing.
    """

    def __init__(self) -> None:
        self._offset: Optional[int] = None
        self._year: Optional[int] = None

    def apply(self, paragraph_offset: int, mentions: list[TimeMention],
              published: Optional[dt.date]) -> list[TimeMention]:
        if paragraph_offset != self._offset:
            self._offset, self._year = paragraph_offset, None
        out = []
        sentence_year: Optional[int] = None
        for m in sorted(mentions, key=lambda m: m.start):
            explicit = _EXPLICIT_YEAR.search(m.text)
            year = sentence_year or self._year
            if explicit and m.relation == "point" and m.shift is None:
                if any(w in m.text.lower() for w in _MONTH_WORDS):
                    self._year = int(explicit.group(0))  # "on May 6th, 2001", "in March 2001"
                sentence_year = int(explicit.group(0))
            elif (year is not None and published is not None and year < published.year
                  and m.relation == "point" and m.shift is None and m.value.precision in ("month", "day")
                  and any(w in m.text.lower() for w in _MONTH_WORDS) and not _NOT_RUNNING.search(m.text)
                  and m.value.value[:4] != str(year)):
                value = f"{year:04d}{m.value.value[4:]}"
                try:
                    dt.date.fromisoformat(value if len(value) == 10 else value[:7] + "-01")
                except ValueError:
                    out.append(m)
                    continue
                m = dataclasses.replace(m, value=dataclasses.replace(m.value, value=value))
            out.append(m)
        return out
