"""Content negotiation: pick a serialisation from ``format=`` or the Accept header.

``format=`` wins (a short name like ``json``/``turtle`` or a media type), then the Accept
header with its q-values; ``*/*`` or no header gets the first choice given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass(frozen=True)
class Choice:
    name: str  # our name for the serialisation (json, turtle, html, ...)
    media_type: str  # what the response says in Content-Type
    also: tuple[str, ...] = ()  # other media types and short names that select it


RESULTS = (
    Choice("json", "application/sparql-results+json", ("application/json", "json", "srj")),
    Choice("xml", "application/sparql-results+xml", ("application/xml", "text/xml", "xml", "srx")),
    Choice("csv", "text/csv", ("csv",)),
    Choice("tsv", "text/tab-separated-values", ("tsv",)),
)
GRAPHS = (
    Choice("turtle", "text/turtle", ("application/x-turtle", "turtle", "ttl", "n3", "text/n3")),
    Choice("ntriples", "application/n-triples", ("text/plain", "ntriples", "nt", "n-triples")),
    Choice("jsonld", "application/ld+json", ("jsonld", "json-ld", "application/json", "json")),
    Choice("rdfxml", "application/rdf+xml", ("rdfxml", "rdf+xml", "xml", "rdf", "application/xml")),
)
HTML = Choice("html", "text/html", ("html", "application/xhtml+xml"))


class NotAcceptable(Exception):
    """Nothing offered matches what the client asked for."""


def _names(choice: Choice) -> set[str]:
    return {choice.name, choice.media_type, *choice.also}


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Media ranges by preference: [(type, q)], highest q first, stable otherwise."""
    ranges: list[tuple[str, float, int]] = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(t, q) for t, q, _ in ranges if q > 0]


def choose(offers: Sequence[Choice], fmt: Optional[str], accept: Optional[str]) -> Choice:
    """The offer named by ``fmt``, else the best match for ``accept``, else the first offer."""
    if fmt:
        for wanted in (w.split(";")[0].strip().lower() for w in fmt.split(",")):
            for c in offers:
                if wanted in _names(c):
                    return c
        raise NotAcceptable(f"unknown format {fmt!r} for this result; use one of "
                            + ", ".join(c.name for c in offers))
    if not accept or not accept.strip():
        return offers[0]
    for media, _q in parse_accept(accept):
        if media in ("*/*", "*"):
            return offers[0]
        for c in offers:
            if media in _names(c):
                return c
            if media.endswith("/*") and c.media_type.startswith(media[:-1]):
                return c
    raise NotAcceptable(f"cannot answer with any of the accepted types ({accept}); this "
                        "result comes as " + ", ".join(c.media_type for c in offers))
