"""The server's pure parts: content negotiation, text marking, timeline dates, page kinds."""

from __future__ import annotations

import pytest

from kg.server.linked_data import describe_query, page_kind
from kg.server.negotiation import (
    GRAPHS,
    HTML,
    RESULTS,
    NotAcceptable,
    choose,
    parse_accept,
)
from kg.server.views import Span, href, mark, paragraph_bounds, timeline_x


def test_accept_is_ranked_by_q_then_order() -> None:
    assert parse_accept("text/csv;q=0.5, application/json, */*;q=0.1") == [
        ("application/json", 1.0), ("text/csv", 0.5), ("*/*", 0.1)]
    assert parse_accept("text/csv;q=0") == []


def test_choose_by_format_accept_or_default() -> None:
    assert choose(RESULTS, "csv", "application/json").name == "csv"
    assert choose(RESULTS, "text/tab-separated-values", None).name == "tsv"
    assert choose(RESULTS, None, None).name == "json"
    assert choose(RESULTS, None, "text/csv;q=0.4, application/sparql-results+xml").name == "xml"
    assert choose(GRAPHS, None, "text/*").name == "turtle"
    assert choose(GRAPHS + (HTML,), None, "text/html,application/xhtml+xml,*/*;q=0.8").name == "html"
    assert choose(GRAPHS + (HTML,), None, "*/*").name == "turtle"
    with pytest.raises(NotAcceptable):
        choose(RESULTS, None, "image/png")
    with pytest.raises(NotAcceptable):
        choose(RESULTS, "yaml", None)


def test_mark_nests_spans_and_links_the_shortest() -> None:
    text = "Ash Carter met Haider al-Abadi in Baghdad."
    spans = [Span(0, len(text), "evidence"), Span(0, 10, "mention", "/id/person/ash-carter"),
             Span(4, 10, "mention", "/id/person/carter")]
    segs = mark(text, spans)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.href) for s in segs[:2]] == [("Ash ", "/id/person/ash-carter"),
                                                   ("Carter", "/id/person/carter")]
    assert segs[2].classes == "evidence" and segs[2].href is None
    window = mark(text, spans, 4, 14)
    assert "".join(s.text for s in window) == text[4:14]


def test_paragraphs_timeline_and_links() -> None:
    text = "Title\n\nFirst sentence. Second one.\n\nNext paragraph."
    start = text.index("Second")
    assert text[slice(*paragraph_bounds(text, start, start + 11))] == "First sentence. Second one."
    # a year or a month alone sits in its middle
    assert timeline_x("2016-01") < timeline_x("2016-07-09") < timeline_x("2016") < timeline_x("2016-12") < timeline_x("2017-01-01")
    assert 2016.5 < timeline_x("2016") < 2016.6
    assert timeline_x("July 2016") is None
    assert href("https://w3id.org/conflict-kg/id/person/x") == "/id/person/x"
    assert href("https://example.org/x") is None


def test_page_kinds_and_describe_query_escapes() -> None:
    assert page_kind("person/ash-carter") == "entity"
    assert page_kind("event/doc-1/attack-12") == "event"
    assert page_kind("doc/doc-1") == "document"
    assert page_kind("person/ash-carter/in/doc-1/mention/0") == "resource"
    with pytest.raises(ValueError):
        describe_query('https://w3id.org/conflict-kg/id/x> } DROP ALL { <y')
