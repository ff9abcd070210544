"""READ stage: turn article files (.txt, .md, .html) into ``Document`` records.

Everything downstream trusts ``Document.text``: fact offsets point into it and the extractor
splits it on blank lines, so this module guarantees that the text is decoded, NFC-normalised,
free of page furniture, and laid out as paragraphs separated by exactly one blank line with the
headline first. Bad input never yields a half-read document: it raises ``ReadError`` naming the
file (``read_file``) or becomes an error result (``read_all``).

Metadata sources, lowest to highest priority: HTML ``<head>``, YAML front matter, a sidecar
``<file>.meta.yaml|.meta.yml|.meta.json``, then caller overrides. Metadata never changes the text
except in one case: a known title is added as the first paragraph when the text has no headline.

A text longer than ``max_chars`` is kept with a warning, cut at a paragraph boundary (only its
first part is extracted). ``language_problem`` tells whether a text looks like English (the
pipeline warns after extraction, with what was found).
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from markdown_it import MarkdownIt

from kg.models import Document, DocumentMeta
from kg.read.boilerplate import strip_boilerplate

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "FORMATS",
    "META_KEYS",
    "ReadError",
    "ReadResult",
    "discover",
    "english_share",
    "language_problem",
    "read_all",
    "read_file",
    "read_text",
    "truncate",
]

DEFAULT_MAX_BYTES: Final = 10 * 1024 * 1024
#: Characters of article text handed to the extractor (spaCy's own default ``max_length``): a
#: long article of 20,000 words is ~130,000 characters; 1,000,000 take ~35 s and ~0.4 GB to
#: extract. Longer texts are cut at a paragraph boundary, with a warning.
DEFAULT_MAX_CHARS: Final = 1_000_000
EMPTY: Final = "empty: no article text"
BINARY: Final = "binary file, not text"

#: File extension -> format understood by ``read_text``.
FORMATS: Final[Mapping[str, str]] = MappingProxyType(
    {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
)
#: Metadata keys accepted from front matter, sidecars and overrides.
META_KEYS: Final = ("title", "publisher", "published", "url", "language")
#: Alternative spellings accepted in files (Jekyll/Hugo front matter says ``date``).
_META_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {"date": "published", "lang": "language"}
)
_SIDECAR_SUFFIXES: Final = (".meta.yaml", ".meta.yml", ".meta.json")
_SIDECAR_MAX_BYTES: Final = 1024 * 1024
_SLUG_MAX: Final = 60
#: Titles and publishers longer than this are cut (at a word boundary, with "…"), with a warning:
#: they become labels on every page, table and graph node. Real headlines are under ~200.
MAX_META_CHARS: Final = 300
_HASH_CHARS: Final = 10


class ReadError(Exception):
    """An input that cannot become a Document; ``path`` is the file to fix (None for raw text)."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class ReadResult:
    """Outcome for one input file: a document, or an error message; never both."""

    path: Path
    document: Document | None
    error: str | None
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# bytes -> str


_MAGIC: Final = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\x1f\x8b", "GZIP"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"\x7fELF", "ELF"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
)
# Checked in this order: a UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES: Final = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_TEXT_BYTES: Final = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_RATIO: Final = 0.05
_CHARSET_DECL: Final = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I
)
# WHATWG: these labels mean windows-1252 in practice.
_CP1252_LABELS: Final = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
)


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (None if it may be), judged before any decoding attempt."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"{BINARY} ({kind} signature)"
    if b"\x00" in data:
        return f"{BINARY} (contains NUL bytes)"
    controls = len(data.translate(None, _TEXT_BYTES))  # delete text bytes, count what is left
    if data and controls / len(data) > _MAX_CONTROL_RATIO:
        return f"{BINARY} ({controls} control bytes)"
    return None


def _looks_like_text(text: str) -> bool:
    """A fallback decoding is only believed if it yields printable text with some letters."""
    text = text[:65536]  # a sample is enough and keeps a 10 MB file cheap
    if not any(c.isalpha() for c in text):
        return False
    printable = sum(1 for c in text if c.isprintable() or c in "\t\n\r")
    return printable / len(text) >= 0.97


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET_DECL.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label in _CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_bom(data: bytes, path: Path) -> tuple[str, list[str]] | None:
    """Text with a byte-order mark is decoded by it (UTF-16 is full of NULs: check BOMs first)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise ReadError(f"cannot decode as {codec} despite its byte-order mark: "
                                f"{exc.reason}", path) from exc
            if text.strip() and not _looks_like_text(text):
                raise ReadError(f"{BINARY} (does not decode to text as {codec})", path)
            return text, ([] if codec == "utf-8-sig" else [f"decoded as {codec} (byte-order mark)"])
    return None


def _decode(data: bytes, fmt: str, path: Path) -> tuple[str, list[str]]:
    """Decode bytes to text; the warnings say which encoding was used when it was not UTF-8."""
    if (with_bom := _decode_bom(data, path)) is not None:
        return with_bom
    if reason := _binary_reason(data):
        raise ReadError(reason, path)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        bad = f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
    declared = _declared_charset(data) if fmt == "html" else None
    for codec, why in ((declared, "charset declared in the HTML"), ("cp1252", "fallback")):
        if codec is None:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, [f"not valid UTF-8 ({bad}); decoded as {codec} ({why})"]
    raise ReadError(f"cannot decode as UTF-8 ({bad}) nor as cp1252 (try converting with iconv, "
                    "e.g. iconv -f ISO-8859-15 -t UTF-8)", path)


# --------------------------------------------------------------------------------------------
# text normalisation


def _char_map() -> dict[int, str | None]:
    """Translation table: unicode spaces -> ' ', line separators -> newline, controls dropped."""
    table: dict[int, str | None] = {c: None for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
    del table[0x0A]
    table.update({0x09: " ", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n"})
    table.update({c: "\n" for c in (0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E)})
    for space in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):  # Unicode Zs
        table[space] = " "
    table.update({c: None for c in (0xAD, 0x200B, 0x2060, 0xFEFF)})  # soft hyphen, zero-width
    return table


_CHARS: Final[Mapping[int, str | None]] = MappingProxyType(_char_map())
_RUN_OF_SPACES: Final = re.compile(r" {2,}")
_HTML_SPACE: Final = re.compile(r"[ \t\n\r\f]+")


def _paragraphs(text: str) -> list[str]:
    """Normalise text and split it into paragraphs (single newlines inside a paragraph survive)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_CHARS))
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = _RUN_OF_SPACES.sub(" ", raw).strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _one_line(value: str) -> str:
    """Metadata strings: same character normalisation as the text, on one line."""
    return " ".join(unicodedata.normalize("NFC", value.translate(_CHARS)).split())


def _same_text(a: str, b: str) -> bool:
    """Headline comparison that ignores case, spacing and final punctuation."""
    def key(s: str) -> str:
        return " ".join(s.casefold().split()).rstrip(" .:;!?")
    return key(a) == key(b)


def _looks_like_headline(paragraph: str) -> bool:
    """Short single line without a final period: how a headline looks in plain text."""
    return (
        "\n" not in paragraph
        and 0 < len(paragraph.split()) <= 25
        and len(paragraph) <= 200
        and not paragraph.endswith((".", ",", ":", ";"))
    )


# --------------------------------------------------------------------------------------------
# metadata


_MONTHS: Final[Mapping[str, int]] = MappingProxyType({
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
})
_WEEKDAY: Final = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ISO_DATE: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.I,
)
_MDY: Final = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DMY: Final = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})", re.I)
_DATE_HELP: Final = "expected YYYY-MM-DD, an ISO datetime, 'July 11, 2016' or '11 July 2016'"


def _normalise_date(value: Any) -> str:
    """YYYY-MM-DD for the accepted spellings; the calendar date as written (no timezone shift).

    Month names come from a fixed English table, not strptime's locale-dependent %B.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).split())
    if m := _ISO_DATE.fullmatch(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif (m := _MDY.fullmatch(text)) and m[1].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[1].lower()], int(m[2])
    elif (m := _DMY.fullmatch(text)) and m[2].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[2].lower()], int(m[1])
    else:
        raise ValueError(f"invalid published date {text!r}: {_DATE_HELP}")
    try:
        return date(y, mo, d).isoformat()
    except ValueError as exc:
        raise ValueError(f"invalid published date {text!r}: {exc}") from exc


def _clean_value(name: str, key: Any, value: Any, origin: str, path: Path | None) -> str:
    if isinstance(value, (list, dict, set, tuple)):
        raise ReadError(f"{origin}: {key!r} must be a single value, got {type(value).__name__}",
                        path)
    if isinstance(value, bool):
        raise ReadError(f"{origin}: {key!r} must be text, got {str(value).lower()}", path)
    if name != "published":
        return _one_line(str(value))
    try:
        return _normalise_date(value)
    except ValueError as exc:
        raise ReadError(f"{origin}: {exc}", path) from exc


def _clean_meta(
    raw: Mapping[Any, Any], origin: str, path: Path | None
) -> tuple[dict[str, str], list[str]]:
    """Validate one metadata source; unknown keys are a warning, bad values a ReadError."""
    clean: dict[str, str] = {}
    unknown: list[str] = []
    for key, value in raw.items():
        name = _META_ALIASES.get(str(key).lower(), str(key).lower())
        if name not in META_KEYS:
            unknown.append(str(key))
        elif value is not None and not (name in clean and str(key).lower() != name):
            # (an alias never overwrites its canonical key)
            if text := _clean_value(name, key, value, origin, path):
                clean[name] = text
    if not unknown:
        return clean, []
    return clean, [f"{origin}: ignored unknown metadata keys: {', '.join(sorted(unknown))}"]


def _check_overrides(overrides: Mapping[str, Any] | None, origin: str) -> dict[str, str]:
    """Validate caller metadata once, before any file is read.

    An unknown key is the caller's bug (ValueError); a bad value, e.g. ``--published soon``, is a
    ReadError like any bad metadata, raised once rather than once per file.
    """
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    unknown = sorted(set(given) - set(META_KEYS))
    if unknown:
        raise ValueError(f"{origin}: unknown keys: {', '.join(unknown)} "
                         f"(allowed: {', '.join(META_KEYS)})")
    return _clean_meta(given, origin, None)[0]


_FRONT_MATTER: Final = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_YAML_KEY_LINE: Final = re.compile(r"\A(?:\s*#[^\n]*\n)*\s*[A-Za-z_][\w .-]*:(?:\s|$)")


def _yaml_mapping(source: str, origin: str, path: Path | None, first_line: int) -> dict[Any, Any]:
    """safe_load a YAML mapping; errors carry the file's line (``first_line`` = line of row 0)."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = first_line + mark.line if mark is not None else None
        raise ReadError(f"malformed YAML in {origin}: {problem}", path, line) from exc
    except (ValueError, TypeError, RecursionError) as exc:  # "2016-13-45" fails in a constructor
        raise ReadError(f"malformed YAML in {origin}: {exc}", path) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(f"{origin} must be a mapping of metadata keys, got {type(data).__name__}",
                        path)
    return data


def _split_front_matter(text: str, path: Path | None) -> tuple[dict[Any, Any], str]:
    """Remove a leading ``---`` YAML block; one that is not ``key: value`` lines stays text."""
    match = _FRONT_MATTER.match(text)
    if not match or not (match.group(1).strip() == "" or _YAML_KEY_LINE.match(match.group(1))):
        return {}, text
    return _yaml_mapping(match.group(1), "front matter", path, first_line=2), text[match.end():]


def _sidecar_source(side: Path) -> str:
    try:
        if side.stat().st_size > _SIDECAR_MAX_BYTES:
            raise ReadError(f"sidecar is over the {_SIDECAR_MAX_BYTES // 1024} KB limit", side)
        return side.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"sidecar is not UTF-8: {exc.reason} at offset {exc.start}", side) from exc
    except OSError as exc:
        raise ReadError(f"cannot read sidecar: {exc.strerror or exc}", side) from exc


def _sidecar(path: Path) -> tuple[dict[Any, Any], Path | None, list[str]]:
    """Load ``<file>.meta.yaml|yml|json`` if present (the first of those names wins)."""
    found = [p for p in (path.with_name(path.name + s) for s in _SIDECAR_SUFFIXES) if p.is_file()]
    if not found:
        return {}, None, []
    side = found[0]
    warnings = [f"ignored sidecar {p.name}: {side.name} takes precedence" for p in found[1:]]
    source = _sidecar_source(side)
    if side.suffix != ".json":
        return _yaml_mapping(source, "sidecar", side, first_line=1), side, warnings
    try:
        data = json.loads(source) if source.strip() else {}
    except json.JSONDecodeError as exc:
        raise ReadError(f"malformed JSON in sidecar: {exc.msg} (column {exc.colno})",
                        side, exc.lineno) from exc
    if not isinstance(data, dict):
        raise ReadError(f"sidecar must be a JSON object, got {type(data).__name__}", side)
    return data, side, warnings


# --------------------------------------------------------------------------------------------
# HTML and Markdown -> text


#: Never article text, wherever they are.
_DROP_TAGS: Final = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed", "nav",
    "aside", "footer", "form", "button", "input", "select", "textarea", "dialog", "head", "title",
    "meta", "link", "audio", "video",
)
_DROP_ROLES: Final = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
     "menu", "menubar", "toolbar"}
)
#: class/id words that mark page furniture ("share-tools", "related-links", "ad-slot").
_JUNK_WORDS: Final = frozenset(
    {"ad", "ads", "advert", "adverts", "advertisement", "sponsor", "sponsored", "promo", "share",
     "sharing", "social", "related", "recommended", "sidebar", "breadcrumb", "breadcrumbs",
     "comments", "popup", "modal", "subscribe", "subscription", "signup", "outbrain", "taboola"}
)
#: Distinctive enough to match inside run-together names ("cookieBanner", "newsletterbox").
_JUNK_SUBSTRINGS: Final = ("cookie", "consent", "gdpr", "paywall", "newsletter")
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK_TAGS: Final = frozenset(
    {"address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl",
     "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
     "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr",
     "ul"}
)
_HEADINGS: Final = ("h1", "h2", "h3")


def _is_junk(tag: Tag) -> bool:
    """Furniture by markup: hidden, a landmark role that is not content, or a telling class/id."""
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    if str(tag.get("role", "")).lower() in _DROP_ROLES:
        return True
    classes = tag.get("class") or []
    classes = classes if isinstance(classes, list) else [classes]
    names = " ".join([*classes, str(tag.get("id", ""))]).lower()
    if any(s in names for s in _JUNK_SUBSTRINGS):
        return True
    return not _JUNK_WORDS.isdisjoint(re.split(r"[^a-z0-9]+", names))


def _content_root(soup: BeautifulSoup) -> tuple[Tag, bool]:
    """The element holding the article, and whether it is a real content container.

    The largest <article> wins (pages also use <article> for teaser cards), then <main>,
    then [role=main], then the whole body.
    """
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True))), True
    for found in (soup.find("main"), soup.find(attrs={"role": "main"})):
        if isinstance(found, Tag):
            return found, True
    body = soup.find("body")
    return (body if isinstance(body, Tag) else soup), False


def _block_text(root: Tag) -> str:
    """Text of ``root`` with block elements as paragraph breaks and <br> as line breaks.

    Iterative (an explicit stack) so that absurdly nested markup cannot hit the recursion limit.
    """
    parts: list[str] = []
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if type(node) is str:  # a marker pushed below, not document text
            parts.append(node)
        elif isinstance(node, PreformattedString):  # comments, CDATA, doctype, instructions
            continue
        elif isinstance(node, NavigableString):
            parts.append(_HTML_SPACE.sub(" ", str(node)))
        elif isinstance(node, Tag) and node.name == "br":
            parts.append("\n")
        elif isinstance(node, Tag):
            edge = "\n\n" if node.name in _BLOCK_TAGS else " " if node.name in ("td", "th") else ""
            parts.append(edge)
            stack.append(edge)
            stack.extend(reversed(node.contents))
    return "".join(parts)


def _html_text(soup: BeautifulSoup, *, drop_code: bool = False) -> tuple[str, list[str]]:
    """Article text of a parsed page, and the texts of its headings (to recognise a headline)."""
    for tag in soup.find_all(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    root, is_container = _content_root(soup)
    # A <header> inside <article>/<main> is the article's own (headline, standfirst); outside it
    # is the site's.
    drop = [*_DROP_TAGS, *(["pre"] if drop_code else []), *([] if is_container else ["header"])]
    for tag in root.find_all(drop):
        # Some CMSs wrap the whole page in one <form>: only a form without paragraphs is furniture.
        if not tag.decomposed and not (tag.name == "form" and tag.find("p")):
            tag.decompose()
    root_chars = len(root.get_text())
    for tag in root.find_all(_is_junk):
        # A class name is weak evidence: never let it remove most of the article.
        if not tag.decomposed and len(tag.get_text()) <= root_chars // 2:
            tag.decompose()
    headings = [_one_line(h.get_text(" ")) for h in root.find_all(_HEADINGS)]
    return _block_text(root), headings


def _meta_content(soup: BeautifulSoup) -> dict[str, str]:
    """<meta> content by lower-cased property/name/itemprop/http-equiv; first occurrence wins."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attr)
            if isinstance(key, str) and key.strip():
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _first(values: Mapping[str, str], keys: Iterable[str]) -> str | None:
    return next((values[k] for k in keys if values.get(k)), None)


def _head_title(soup: BeautifulSoup, metas: Mapping[str, str], publisher: str | None) -> str:
    """og:title, else <title> without a " | Publisher" suffix."""
    title = _first(metas, ("og:title", "twitter:title"))
    if title:
        return _one_line(title)
    tag = soup.find(lambda t: t.name == "title" and t.find_parent("svg") is None)
    title = _one_line(tag.get_text(" ")) if isinstance(tag, Tag) else ""
    if publisher:
        suffix = rf"\s*[|\-–—:·•]\s*{re.escape(publisher)}\s*$"
        title = re.sub(suffix, "", title, flags=re.I)
    return title


_HEAD_DATE_KEYS: Final = (
    "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date.issued",
    "dc.date",
)


def _head_date(metas: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """First parseable publication date in <meta>; an unparseable one is only a warning."""
    raw_dates = [metas[k] for k in _HEAD_DATE_KEYS if metas.get(k)]
    for raw in raw_dates:
        try:
            return _normalise_date(raw), []
        except ValueError:
            continue
    return None, [f"HTML head: ignored unparseable date {raw_dates[0]!r}"] if raw_dates else []


def _head_url_and_language(soup: BeautifulSoup, metas: Mapping[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if isinstance(canonical, Tag) else None
    url = url if isinstance(url, str) and url.strip() else metas.get("og:url")
    if url:
        found["url"] = url.strip()
    html = soup.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    lang = lang if isinstance(lang, str) and lang.strip() else metas.get("content-language")
    if not lang and metas.get("og:locale"):
        lang = metas["og:locale"].replace("_", "-")
    if lang:
        found["language"] = lang.strip()
    return found


def _html_head_meta(soup: BeautifulSoup) -> tuple[dict[str, str], list[str]]:
    """Metadata the page declares about itself: lowest priority, read leniently.

    The head is the publisher's, not the user's, so a date spelled in a way we do not understand
    is a warning (a sidecar can supply the date), not a reason to reject the article.
    """
    metas = _meta_content(soup)
    publisher = _one_line(_first(metas, ("og:site_name", "publisher", "application-name")) or "")
    published, warnings = _head_date(metas)
    meta = {
        "title": _head_title(soup, metas, publisher),
        "publisher": publisher,
        "published": published or "",
        **_head_url_and_language(soup, metas),
    }
    return {k: v for k, v in meta.items() if v}, warnings


def _markdown_html(text: str) -> str:
    """CommonMark (+ tables) to HTML, so Markdown reuses the HTML cleaning rules.

    Indented code blocks are switched off: in news Markdown an indented paragraph is prose that
    must not vanish; only fenced code blocks (rendered as <pre>) are dropped.
    """
    return MarkdownIt("commonmark").enable("table").disable("code").render(text)


# --------------------------------------------------------------------------------------------
# assembling a Document


# Letters NFKD does not decompose to ASCII.
_FOLD: Final[Mapping[int, str]] = MappingProxyType(str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
     "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"}
))


def _slug(title: str) -> str:
    """ASCII, lowercase, [a-z0-9-], at most ~60 characters, cut at a word boundary."""
    folded = unicodedata.normalize("NFKD", title.translate(_FOLD))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode().lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        cut = slug[: _SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:_SLUG_MAX]
    return slug.strip("-")


def _document_id(title: str | None, sha: str) -> str:
    slug = _slug(title) if title else ""
    return f"{slug or 'doc'}-{sha[:_HASH_CHARS]}"


@dataclass(frozen=True)
class _Extracted:
    """What the file itself says: paragraphs, headings, in-file metadata (lowest first)."""

    paragraphs: list[str]
    headings: list[str]
    layers: list[dict[str, str]]
    warnings: list[str]


def _extract(raw: str, fmt: str, path: Path | None) -> _Extracted:
    """Format-specific part: front matter / HTML head, markup to text, normalise, boilerplate."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    layers: list[dict[str, str]] = []
    warnings: list[str] = []
    headings: list[str] = []
    if fmt in ("txt", "md"):
        front, text = _split_front_matter(text, path)
        front_meta, warnings = _clean_meta(front, "front matter", path)
        layers.append(front_meta)
    if fmt == "html":
        soup = BeautifulSoup(text, "html.parser")
        head_meta, warnings = _html_head_meta(soup)
        layers.append(head_meta)
        text, headings = _html_text(soup)
    elif fmt == "md":
        soup = BeautifulSoup(_markdown_html(text), "html.parser")
        text, headings = _html_text(soup, drop_code=True)
    paragraphs = strip_boilerplate(_paragraphs(text))
    if not paragraphs:
        raise ReadError(EMPTY, path)
    return _Extracted(paragraphs, headings, layers, warnings)


def _headline_present(paragraphs: list[str], headings: list[str], title: str) -> bool:
    """Does the text already open with a headline? Then a metadata title is not added twice.

    It does if the first paragraph is a heading or looks like one (plain-text convention), or if
    the title itself is among the first paragraphs (behind a kicker such as "Analysis").
    """
    first = paragraphs[0]
    if _looks_like_headline(first) or any(_same_text(first, h) for h in headings):
        return True
    return any(_same_text(p, title) for p in paragraphs[:3])


def shorten(text: str, limit: int = MAX_META_CHARS) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at the last word boundary that
    leaves room for "…" (mid-word only when the first word alone is too long)."""
    if len(text) <= limit:
        return text
    head = text[:limit]  # the character after the cut tells whether a word ends there
    space = head.rfind(" ")
    kept = head[:space] if space > limit // 2 else head[:limit - 1]
    return kept.rstrip(" ,;:-–—") + "…"


def _cut_long_meta(meta: dict[str, str]) -> list[str]:
    """Cut an over-long title or publisher in place; one warning per field cut."""
    warnings = []
    for name in ("title", "publisher"):
        value = meta.get(name)
        if value is not None and len(value) > MAX_META_CHARS:
            meta[name] = shorten(value)
            warnings.append(f"{name} is {len(value):,} characters long, over the limit of "
                            f"{MAX_META_CHARS}: cut to {len(meta[name])}")
    return warnings


def _build(
    raw: str,
    fmt: str,
    *,
    path: Path | None,
    source: str | None,
    layers: Iterable[Mapping[str, str]],
    max_chars: int | None = None,
) -> tuple[Document, list[str]]:
    """Shared by read_text and read_file; ``layers``: outside metadata, lowest priority first.

    The id and ``sha256`` are those of the whole article even when only its first ``max_chars``
    are kept, so that building it again with a larger limit replaces the same document.
    """
    found = _extract(raw, fmt, path)
    meta: dict[str, str] = {}
    for layer in (*found.layers, *layers):
        meta.update(layer)
    cut_warnings = _cut_long_meta(meta)
    paragraphs = list(found.paragraphs)
    title = meta.get("title")
    if title is None and _looks_like_headline(paragraphs[0]):
        title = paragraphs[0]
    elif title and not _headline_present(paragraphs, found.headings, title):
        paragraphs.insert(0, title)  # e.g. a page whose <h1> sits outside the article body
    text = "\n\n".join(paragraphs)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = _document_id(title, sha)
    warnings = [*found.warnings, *cut_warnings,
                *([] if title else [f"no title found; id falls back to {doc_id}"])]
    if max_chars is not None:
        text, cut = truncate(text, max_chars)
        warnings.extend([cut] if cut else [])
    document = Document(
        meta=DocumentMeta(
            id=doc_id,
            title=title,
            publisher=meta.get("publisher"),
            published=meta.get("published"),
            url=meta.get("url"),
            language=meta.get("language") or "en",
            sha256=sha,
            source=source,
        ),
        text=text,
    )
    return document, warnings


def read_text(
    text: str, *, meta: dict | None = None, source: str | None = None, fmt: str = "txt"
) -> Document:
    """Read an article held in memory; ``meta`` has the highest priority (like CLI overrides)."""
    if fmt not in ("txt", "md", "html"):
        raise ValueError(f"unknown format {fmt!r} (expected txt, md or html)")
    layers = [_check_overrides(meta, "meta")]
    return _build(text, fmt, path=None, source=source, layers=layers)[0]


# --------------------------------------------------------------------------------------------
# texts that are readable but a poor fit: too long, not English


def truncate(text: str, max_chars: int) -> tuple[str, str | None]:
    """The first part of ``text`` that fits in ``max_chars``, cut at a paragraph boundary.

    Returns the kept text and a warning (None when nothing was cut). When the last paragraph
    boundary would keep less than half the limit (a huge paragraph), that paragraph is cut at
    its last line break, else its last space, before the limit.
    """
    _check_positive("max_chars", max_chars)
    if len(text) <= max_chars:
        return text, None
    total = text.count("\n\n") + 1
    cut = text.rfind("\n\n", 0, max_chars + 1)
    if cut >= max_chars // 2:
        kept = text[:cut]
        part = f"{kept.count(chr(10) * 2) + 1:,} of {total:,} paragraphs"
    else:
        cut = max(text.rfind("\n", 0, max_chars + 1), text.rfind(" ", 0, max_chars + 1))
        kept = text[:cut].rstrip() if cut > 0 else text[:max_chars]
        whole = kept.count("\n\n")
        part = (f"{whole:,} of {total:,} paragraphs and part of the next" if whole
                else "part of the first paragraph")
    return kept, (f"text is {len(text):,} characters, over the {max_chars:,} limit: extracted "
                  f"the first {len(kept):,} ({part}; raise the limit with --max-chars)")


#: Common English words that are rare as words in other languages written in Latin script
#: ("a", "in", "on", "an", "die", "also", "will" are left out: French, Spanish, German use them).
_ENGLISH_WORDS: Final = frozenset("""
    the of and to that for with by from it its he his she her they their them we was were is are
    has have had been be this these those which who whom would could should not but or at after
    than more about into over said says there when where what before while because between
    against during since without other some such only can did does do new
""".split())
_WORD: Final = re.compile(r"[^\W\d_]+")
_LANGUAGE_SAMPLE: Final = 20_000  # characters looked at: enough to tell, cheap on a huge text
_MIN_WORDS: Final = 30  # fewer words than this: too short to judge
#: English news has 25-40 % of its words in _ENGLISH_WORDS; French, Spanish or German ~0-2 %.
MIN_ENGLISH_SHARE: Final = 0.10


def english_share(text: str) -> float | None:
    """Share of the words (in the first 20,000 characters) that are common English words.

    None when there are too few words to judge. Letters outside the Latin script count as
    non-English words in proportion (a Chinese or Arabic text scores 0).
    """
    sample = text[:_LANGUAGE_SAMPLE]
    words = _WORD.findall(sample.lower())
    letters = sum(len(w) for w in words)
    if len(words) < _MIN_WORDS and letters < 10 * _MIN_WORDS:
        return None
    latin = [w for w in words if all(c < "\u0250" for c in w)]  # Basic Latin .. Latin Ext-B
    latin_letters = sum(len(w) for w in latin)
    if not latin:
        return 0.0
    share = sum(w in _ENGLISH_WORDS for w in latin) / len(latin)
    return share * latin_letters / letters


def _is_english_code(language: str) -> bool:
    code = language.strip().lower().replace("_", "-")
    return code in ("en", "eng", "english") or code.startswith("en-")


def language_problem(text: str, language: str = "en") -> str | None:
    """Why ``text`` may not be English (None if it looks English and no metadata says otherwise).

    Cheap and offline: the share of common English function words (``english_share``), and the
    declared language code.
    """
    share = english_share(text)
    other = None if _is_english_code(language) else f"its metadata says language {language!r}"
    if share is not None and share < MIN_ENGLISH_SHARE:
        why = (f"only {share:.0%} of its words are common English words such as 'the', 'of', "
               "'and'; English news has 25-40%")
        return f"does not look like English ({why}{'; ' + other if other else ''})"
    if other:
        return f"may not be English ({other})"
    return None


# --------------------------------------------------------------------------------------------
# files


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        suffix = path.suffix or "(no extension)"
        raise ReadError(f"unsupported file type {suffix!r} (expected {', '.join(sorted(FORMATS))})",
                        path)
    return fmt


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and format; stat first, so a bad or oversized file is never read."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a directory, not a file (read_all/discover expand directories)",
                            path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file", path)
        fmt = _format_of(path)
        if info.st_size > max_bytes:
            raise ReadError(f"file is {_megabytes(info.st_size)}, over the "
                            f"{_megabytes(max_bytes)} limit (raise it with --max-bytes)", path)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except FileNotFoundError as exc:
        raise ReadError("no such file or directory", path) from exc
    except PermissionError as exc:
        raise ReadError("permission denied", path) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(_SYMLINK_LOOP, path) from exc
        raise ReadError(f"cannot read: {exc.strerror or exc}", path) from exc
    if len(data) > max_bytes:
        raise ReadError(f"file is over the {_megabytes(max_bytes)} limit "
                        "(raise it with --max-bytes)", path)
    return data, fmt


def _read_file(
    path: Path, overrides: Mapping[str, str], max_bytes: int, max_chars: int = DEFAULT_MAX_CHARS
) -> tuple[Document, tuple[str, ...]]:
    data, fmt = _read_bytes(path, max_bytes)
    text, warnings = _decode(data, fmt, path)
    raw_side, side_path, side_warnings = _sidecar(path)
    side_meta, meta_warnings = _clean_meta(raw_side, "sidecar", side_path)
    document, build_warnings = _build(
        text, fmt, path=path, source=str(path), layers=[side_meta, overrides], max_chars=max_chars
    )
    return document, (*warnings, *side_warnings, *meta_warnings, *build_warnings)


def _check_positive(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return value


def _check_max_bytes(max_bytes: int) -> int:
    return _check_positive("max_bytes", max_bytes)


def read_file(
    path: Path,
    *,
    overrides: dict | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """Read one article file (format from its extension); raises ReadError naming the file.

    Text beyond ``max_chars`` is cut off (``read_all`` reports that as a warning).
    """
    clean = _check_overrides(overrides, "overrides")
    return _read_file(Path(path), clean, _check_max_bytes(max_bytes),
                      _check_positive("max_chars", max_chars))[0]


_SYMLINK_LOOP: Final = "symlink loop (the link leads back to itself)"


def _is_symlink_loop(path: Path) -> bool:
    """A symbolic link that never reaches a file (ELOOP), not merely a missing target."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(_SIDECAR_SUFFIXES)


def _walk(root: Path) -> list[Path]:
    """Article files under ``root``: recursive, sorted, hidden entries pruned.

    Symlinked directories are not followed (no loops); symlinked files are read. A symlink loop
    is kept whatever its name, so that reading it reports it ("symlink loop").
    """
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(folder, name)
            if name.startswith(".") or _is_sidecar(path):
                continue
            if path.suffix.lower() in FORMATS or (path.is_symlink() and _is_symlink_loop(path)):
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _expand(path: Path) -> list[Path]:
    """A directory's article files, or the path itself.

    Inside directories hidden entries, sidecars and unknown extensions are skipped; a file named
    explicitly is kept whatever its extension (so the caller hears why it cannot be read), except
    a sidecar, which is metadata for another file (``kg read seeds/*`` must not fail on them).
    """
    if path.is_dir():
        return _walk(path)
    if not path.exists():
        raise ReadError(_SYMLINK_LOOP if _is_symlink_loop(path) else "no such file or directory",
                        path)
    return [] if _is_sidecar(path) else [path]


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into article files, keeping the given order and dropping repeats."""
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        for path in _expand(Path(raw)):
            if path not in seen:
                seen.add(path)
                found.append(path)
    return found


def _result(path: Path, overrides: Mapping[str, str], max_bytes: int, max_chars: int) -> ReadResult:
    try:
        document, warnings = _read_file(path, overrides, max_bytes, max_chars)
    except ReadError as exc:
        if exc.path is not None and exc.path != path and exc.path.parent == path.parent:
            # the article's sidecar: name it beside the article, not with its folder again
            where = exc.path.name + (f":{exc.line}" if exc.line is not None else "")
            return ReadResult(path, None, f"{path}: {where}: {exc.message}")
        return ReadResult(path, None, str(exc))
    except Exception as exc:  # a bug must not sink the batch; report it against the file
        return ReadResult(path, None, f"{path}: internal error while reading "
                                      f"({type(exc).__name__}: {exc})")
    return ReadResult(path, document, None, warnings)


def read_all(
    paths: Iterable[Path],
    *,
    overrides: dict | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[ReadResult]:
    """Read every article under ``paths`` lazily; a bad file or missing path is an error result.

    Arguments are checked now, before any file (an unknown override key raises ValueError, a bad
    override value ReadError); files are read one at a time as the iterator is consumed.
    """
    return _read_all(paths, _check_overrides(overrides, "overrides"), _check_max_bytes(max_bytes),
                     _check_positive("max_chars", max_chars))


def _read_all(
    paths: Iterable[Path], overrides: Mapping[str, str], max_bytes: int, max_chars: int
) -> Iterator[ReadResult]:
    seen: set[Path] = set()
    for raw in paths:
        try:
            files = _expand(Path(raw))
        except ReadError as exc:
            yield ReadResult(Path(raw), None, str(exc))
            continue
        for path in files:
            if path not in seen:
                seen.add(path)
                yield _result(path, overrides, max_bytes, max_chars)
