"""Page furniture: paywall, newsletter, cookie, share and advert lines are not article text.

Anything left in ``Document.text`` is fed to the extractor, so a stray "Subscribe to continue."
would at best waste time and at worst become a fact. The rules are deliberately general (no
publisher's exact strings) and deliberately conservative:

* a line is *furniture* only if it is short (fewer than ``MAX_FURNITURE_WORDS`` words) **and**
  matches one of ``FURNITURE_PATTERNS`` or is a price line (a ``PRICE_PATTERNS`` amount per
  period, alone or with ``OFFER_PATTERN`` words); a long paragraph of real reporting is never
  removed, whatever words it contains;
* once furniture starts inside the run of short lines that ends the article, the rest of that run
  goes too (paywall footers and "Related:" lists mix matched and unmatched short lines).

Lines are judged one by one because scraped text often puts several furniture lines into one
paragraph; a paragraph whose lines are all removed disappears.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = [
    "FURNITURE_PATTERNS",
    "MAX_FURNITURE_WORDS",
    "OFFER_PATTERN",
    "PRICE_PATTERNS",
    "is_furniture",
    "is_price_line",
    "strip_boilerplate",
]

#: A line with at least this many words is reporting, never furniture.
MAX_FURNITURE_WORDS: Final = 15

_I = re.IGNORECASE

#: Furniture phrases, matched case-insensitively anywhere in a *short* line (apostrophes folded to
#: "'"). Anchored (``^``) where the words are also ordinary English ("Related", "Share", "Sign up"),
#: so that a short real sentence such as "Rebels sign up new recruits." survives.
FURNITURE_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    # -- paywall / subscription / account prompts
    re.compile(r"^\W*subscribe\b", _I),  # "Subscribe", "Subscribe now"
    re.compile(r"\bsubscribe (now|today|to (continue|read|keep reading|unlock|get)|for)\b", _I),
    re.compile(r"\b(already|are you) a (paid |digital )?subscriber\b", _I),
    re.compile(r"\bsubscribers?[- ]only\b", _I),
    re.compile(r"\bfree (articles?|stories)\b", _I),  # "You've read 3 of 5 free articles"
    re.compile(r"\b(articles?|stories) (left )?this month\b", _I),
    re.compile(r"\byou'?ve read\b", _I),
    re.compile(r"\bget unlimited\b", _I),  # "Get unlimited stories", "Get unlimited access"
    re.compile(r"\bunlimited (digital )?access\b", _I),
    re.compile(r"^\W*(sign|log) ?(in|up|out)\b", _I),  # "Sign up", "Log in to comment"
    re.compile(r"\b(sign|log) ?(in|up) (to (continue|read|comment)|for (free|our))\b", _I),
    re.compile(r"\bcreate (a|an|your) (free )?account\b", _I),
    re.compile(r"^\W*(continue|keep) reading\b", _I),
    re.compile(r"\bsupport (our|independent|quality) journalism\b", _I),
    # -- newsletters
    re.compile(r"\b(sign up|subscribe|register)\b.*\bnewsletters?\b", _I),
    re.compile(r"\b(our|free|daily|weekly|morning|evening) (email )?newsletters?\b", _I),
    re.compile(r"\b(delivered )?(straight )?to your inbox\b", _I),
    re.compile(r"\benter your e-?mail( address)?\b", _I),
    # -- cookies, consent, legal
    re.compile(r"\b(accept|allow|reject|manage|use|uses|using) (all |our |the )?cookies\b", _I),
    re.compile(r"\bcookies? (policy|settings|preferences|consent|notice)\b", _I),
    re.compile(r"\b(privacy policy|terms of (use|service)|privacy settings)\b", _I),
    re.compile(r"\ball rights reserved\b", _I),
    re.compile(r"©|\(c\) ?\d{4}|^\W*copyright\b|\bcopyright (©|\(c\)|\d{4})", _I),
    # -- sharing and social
    re.compile(r"^\W*share (this|on|via|the)\b", _I),
    re.compile(r"\b(follow|like|join) us (on|at)\b", _I),
    re.compile(r"^\W*(share|tweet|e-?mail|print|comments?|menu|search|home|close|save)\W*$", _I),
    # -- navigation and teasers: needs a separator or nothing after the label
    re.compile(
        r"^\W*(read more|related(\s\w+)?|see also|more on this( story| topic)?|more from \w+"
        r"|recommended( for you)?|most (read|popular|viewed)|trending( now)?|editor'?s picks?"
        r"|you (may|might) also like|top stories)\s*($|[:>»|\-–—])",
        _I,
    ),
    re.compile(r"^\W*skip to (main )?content\b", _I),
    re.compile(r"\bclick here\b", _I),
    re.compile(r"\bdownload (our|the) app\b", _I),
    re.compile(r"\benable javascript\b|\bjavascript (is )?(disabled|required)\b", _I),
    # -- adverts
    re.compile(r"^\W*(advertisement|advertising|sponsored( content)?|ad|promoted)\W*$", _I),
    re.compile(r"^\W*(story|article) continues below\b", _I),
    re.compile(r"^\W*scroll (down )?to continue\b", _I),
)

#: Price-per-period amounts ("$11/month", "£1 a week", "9,99 € per month").
PRICE_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(
        r"(?:[$€£¥]|\b(?:usd|eur|gbp)\s?)\s?\d+(?:[.,]\d{1,2})?"
        r"\s*(?:/|per\b|a\b|an\b|each\b)\s*(?:month|mo|year|yr|week|wk|day)\b",
        _I,
    ),
    re.compile(r"\b\d+(?:[.,]\d{1,2})?\s?[$€£]\s*(?:/|per\b|a\b)\s*(?:month|year|week)\b", _I),
)
#: What makes a price an offer rather than news ("Fighters earn $300 a month." is news).
OFFER_PATTERN: Final = re.compile(
    r"\b(access|subscri\w*|digital|unlimited|trial|offer|plan|membership|billed|cancel"
    r"|introductory|premium)\b|^\W*(just|only|from)\b",
    _I,
)

_APOSTROPHES: Final[Mapping[int, str]] = MappingProxyType(
    str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
)


def _word_count(line: str) -> int:
    return len(line.split())


def is_price_line(line: str) -> bool:
    """A short subscription offer: a price per period alone or with offer words.

    Prices in real reporting sit in long paragraphs or lack offer words.
    """
    words = _word_count(line)
    if words >= MAX_FURNITURE_WORDS or not any(p.search(line) for p in PRICE_PATTERNS):
        return False
    return words <= 4 or OFFER_PATTERN.search(line) is not None


def is_furniture(line: str) -> bool:
    """True for one short line of page furniture (see module docstring for the rules)."""
    if not line.strip() or _word_count(line) >= MAX_FURNITURE_WORDS:
        return False
    folded = line.translate(_APOSTROPHES)
    return is_price_line(folded) or any(p.search(folded) for p in FURNITURE_PATTERNS)


def _trailing_cut(lines: list[str]) -> int:
    """Index where the trailing furniture block starts (``len(lines)`` if there is none).

    The block is the tail of the maximal run of short lines ending the article, starting at the
    first furniture line inside that run; short lines before it (a "This report contains material
    from ..." credit) are kept.
    """
    start = len(lines)
    while start > 0 and _word_count(lines[start - 1]) < MAX_FURNITURE_WORDS:
        start -= 1
    for i in range(start, len(lines)):
        if is_furniture(lines[i]):
            return i
    return len(lines)


def strip_boilerplate(paragraphs: list[str]) -> list[str]:
    """Drop furniture lines and the trailing furniture block; return the remaining paragraphs.

    Paragraphs may contain single newlines (several lines); surviving lines keep their paragraph.
    """
    lines = [
        (p, line) for p, para in enumerate(paragraphs) for line in para.split("\n") if line.strip()
    ]
    cut = _trailing_cut([line for _, line in lines])
    kept: dict[int, list[str]] = {}
    for p, line in lines[:cut]:
        if not is_furniture(line):
            kept.setdefault(p, []).append(line)
    return ["\n".join(kept[p]) for p in sorted(kept)]
