"""Bylines and broadcast scripts' headers ("By A B and C D", "BYLINE=..."): the names in them
and what each piece is.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span


_NAME_PARTICLES = frozenset(["al", "al-", "el", "de", "da", "del", "van", "von", "bin", "ibn", "abu", "le", "la", "du", "dos"])


_BYLINE_ROLES = frozenset(["staff", "writer", "writers", "reporter", "reporters", "correspondent",
                           "correspondents", "newsroom", "desk", "editor", "editors", "agencies", "agency"])


_HEADER_KEYS = frozenset(["DATE", "BYLINE", "DATELINE", "NUMBER", "TYPE", "TITLE", "EDITOR", "CONTENT", "SLUG"])


def _script_header(sent: Span) -> Optional[tuple[str, Span]]:
    """A broadcast script's header line, "KEY=value" ("BYLINE=JANE DOE"), as (KEY, value), or a
    production cue between slashes ("/// X ACT, FADE UNDER ///") as ("CUE", empty)."""
    if not len(sent):
        return None
    first = sent[0].text
    if first.startswith("///"):
        return "CUE", sent[0:0]
    key = first.split("=", 1)[0]
    if key not in _HEADER_KEYS:
        return None
    if "=" in first:
        return key, sent[1:]
    if len(sent) >= 2 and sent[1].text == "=":
        return key, sent[2:]
    return None


def _comma_parts(span: Span) -> list[Span]:
    parts, start = [], span.start
    for t in list(span) + [None]:
        if t is None or t.text == ",":
            end = t.i if t is not None else span.end
            if end > start:
                parts.append(span.doc[start:end])
            if t is not None:
                start = t.i + 1
    return parts


def _byline_names(sent: Span) -> list[Span]:
    """Names in a "By A B and C D" line (at most ~15 tokens), split on "and" and commas; the
    same after a script's "BYLINE="."""
    header = _script_header(sent)
    skip = 1
    if header is not None and header[0] == "BYLINE":
        skip = header[1].start - sent.start
    elif len(sent) > 15 or len(sent) < 3 or sent[0].text not in ("By", "BY"):
        return []
    names: list[Span] = []
    start = sent.start + skip
    for t in list(sent[skip:]) + [None]:
        if t is not None and t.text == "-" and not t.whitespace_ and not sent.doc[t.i - 1].whitespace_:
            continue  # "X al-Y": a hyphen inside a name, no separator
        if t is None or t.lower_ in ("and", "&") or t.text in (",", "|", "/", "-", "—", "in", "for", "(") \
                or t.is_space and "\n" in t.text:  # "By Jane Roe\nXYZ News": a line each
            end = t.i if t is not None else sent.end
            name = sent.doc[start:end]
            if len(name) >= 2 and all(w.text[:1].isupper() or w.lower_ in _NAME_PARTICLES
                                      or re.fullmatch(r"\d+(?:st|nd|rd|th)", w.text) for w in name) \
                    and not any(w.lower_ in _BYLINE_ROLES for w in name):
                names.append(name)  # not "By Staff Writer", "By Our Correspondent"
            if t is None or t.text in ("|", "/", "-", "—", "in", "for", "("):
                break  # what follows is the publisher or the place
            start = t.i + 1
    return names


def _byline_split(name: Span, org_heads) -> tuple[Optional[Span], Optional[Span]]:
    """A byline piece is a person, an organisation ("VOA News", "Defense Media Activity"), or a
    person run into the organisation ("Jane Roe XYZ News"): the organisation starts at the
    acronym ("XYZ", "DoD") before its organisation word."""
    heads = [i for i, w in enumerate(name) if w.lower_ in org_heads]
    if not heads:
        return name, None
    start = heads[0]
    while start > 0 and sum(ch.isupper() for ch in name[start - 1].text) >= 2:
        start -= 1  # "DoD News", "VOA News"
    if start == heads[0] and heads[0] >= 3:
        # "Jane Roe X State National Guard": a person's name is two words, or three with
        # an initial or a suffix ("Jane Q. Roe", "John Roe Jr.")
        start = 2
        while start < heads[0] and (len(name[start - 1].text.rstrip(".")) == 1 or name[start].lower_.strip(".") in ("jr", "sr")):
            start += 1
        if start >= heads[0]:
            return None, name
    elif start == heads[0]:
        return None, name  # no acronym to split at: "Defense Media Activity" is all one body
    return (name[:start] if start >= 2 else None), name[start:]
