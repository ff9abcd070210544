"""Pages of a SELECT query's rows: ``limit`` / ``offset``, a stable order, and the total count.

A canned listing (``attacks``, ``captures``...) can return tens of thousands of rows on a large
store; the HTTP API, the web page and ``kg query`` show one page of them and say how many there
are. Rather than editing every ``queries/*.rq``, a page is made from the query text:

* :func:`page_query` appends ``LIMIT``/``OFFSET`` to the query's own solution modifiers, and
  adds tie-breakers to its ``ORDER BY`` (its ``GROUP BY`` keys, else its projected variables):
  two rows that tie on the query's own order would otherwise come out in whatever order the
  engine's hash tables give, which can differ between two requests, so pages could overlap
  or skip rows. A query that already has a ``LIMIT``/``OFFSET`` keeps its window; the page is
  cut out of it.
* :func:`count_query` wraps the query (without its ``ORDER BY``: counting needs no order) as a
  sub-select of ``SELECT (COUNT(*) AS ?...)``, so the total is counted inside the engine
  instead of by turning every row into Python terms.
* :func:`total_from_page` avoids the count when the page itself tells the total (a short page).
* :func:`window` and :func:`cut` avoid it for a ranking (a query grouped at its top level, with
  no marked sub-select: ``actors-by-events``, ``places-by-attacks``, ``unresolved-entities``):
  such a query computes every group before its first row comes out, so the count costs a
  second evaluation as long as the page's (``actors-by-events`` at 10,000 documents: 516 ms
  the page, 515 ms the count). Its first :data:`WHOLE_ROWS` + 1 rows are fetched instead; when
  fewer come, they are the whole answer, the page is cut from them and their number is the
  total: one evaluation. A longer answer is counted as any other.

A listing that joins details (actors, figures, labels) to many rows is still slow paged from
outside: the engine groups and sorts every row, details included, before the first page exists
(``incidents`` at ~1M triples: seconds). Such a query marks the sub-select that chooses its rows
with a comment line ``# page: ...`` just before that sub-select's ``SELECT``. Then the page is
cut *inside* it: the sub-select gets the whole query's total order (its ORDER BY with the
tie-breakers) and the LIMIT/OFFSET, the outer query keeps only the order, and the details are
looked up for the page's rows alone; the count counts the sub-select's rows, not the joined
ones. The author's contract (``tests/test_pagination.py`` checks it for every marked query): each
row of the sub-select gives exactly one row of the whole answer (the outer query only adds
columns, and groups by the sub-select's columns), and every variable of the outer ORDER BY and
GROUP BY is one the sub-select projects. When that cannot be seen from the text (a variable the
sub-select does not project, or a LIMIT/OFFSET of the outer query's own) the page is cut outside,
as for any query.

Parameter values are checked by :func:`parse_page`; a bad one raises :class:`PageError` (a
:class:`~kg.query.canned.CannedQueryError`, so callers already turning those into a 400 or
an ``error:`` line do the same here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from kg.query.canned import CannedQueryError
from kg.store.sparql import mask_sparql

#: Rows on a page when the caller names no limit (the API, the web page and ``kg query NAME``).
DEFAULT_LIMIT = 100
#: The largest page: the server's default row limit; ``kg query --all`` is the way to more.
MAX_LIMIT = 10_000
#: The largest offset accepted: far beyond any store this project builds, small enough that a
#: typo of many digits is reported rather than sent to the engine.
MAX_OFFSET = 1_000_000_000
#: Rows fetched at once of a ranking (see :func:`window`): the whole answer when it has at most
#: this many, which is why no count is needed then. Converting 2,000 short rows to Python
#: takes a few milliseconds; a ranking's evaluation takes hundreds at 10,000 documents.
WHOLE_ROWS = 2_000
#: The variable the count query binds (not one a canned query uses).
TOTAL_VAR = "kgPageTotal"

_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_CLAUSE = re.compile(r"\b(GROUP\s+BY|HAVING|ORDER\s+BY|LIMIT|OFFSET|VALUES)\b", re.IGNORECASE)
_VAR = re.compile(r"[?$]([A-Za-z_0-9\u00B7-\uFFFF]+)")
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")
#: The comment line marking the sub-select that chooses a listing's rows (see above).
_PAGE_MARK = re.compile(r"^[ \t]*#[ \t]*page:.*$", re.MULTILINE)
#: The comment line marking, inside the page's sub-select, the sub-select of its keys (below).
_KEYS_MARK = re.compile(r"^[ \t]*#[ \t]*page keys:.*$", re.MULTILINE)
#: The comment line marking, inside the page's sub-select, a BIND that only orders the rows
#: (a text key, :func:`_without_order_keys`): the count leaves it out.
_ORDER_KEY_MARK = re.compile(r"^[ \t]*#[ \t]*page order key:.*$", re.MULTILINE)
#: The comment line marking, inside the page's sub-select, the sub-select whose rows are the
#: page's rows one for one (derived keys, one per row): the count counts it alone.
_COUNT_MARK = re.compile(r"^[ \t]*#[ \t]*page count:.*$", re.MULTILINE)
_BIND_OPEN = re.compile(r"\s*BIND\s*\(", re.IGNORECASE)
_BIND_AS = re.compile(r"\bAS\s*[?$]([A-Za-z_0-9\u00B7-\uFFFF]+)\s*\)$", re.IGNORECASE)


class PageError(CannedQueryError):
    """A bad ``limit`` or ``offset`` value, or paging asked of a query that has no rows."""


@dataclass(frozen=True)
class Page:
    """Which rows to return: ``limit`` rows (None: all of them) after skipping ``offset``."""

    limit: Optional[int] = DEFAULT_LIMIT
    offset: int = 0

    @property
    def end(self) -> Optional[int]:
        return None if self.limit is None else self.offset + self.limit


ALL = Page(limit=None, offset=0)


def _integer(name: str, value: Union[str, int, None], low: int, high: int) -> Optional[int]:
    """``value`` as an int within [low, high]; None when not given (None or "")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not (isinstance(value, int) or _INTEGER.fullmatch(str(value))):
        raise PageError(f"{name} must be a whole number from {low:,} to {high:,}, got {value!r}")
    number = int(value)
    if not low <= number <= high:
        raise PageError(f"{name} must be from {low:,} to {high:,}, got {number:,}")
    return number


def parse_page(limit: Union[str, int, None] = None, offset: Union[str, int, None] = None, *,
               default_limit: Optional[int] = DEFAULT_LIMIT, max_limit: int = MAX_LIMIT) -> Page:
    """A checked :class:`Page` from raw values (query-string text or ints); None/"" = default.

    ``limit`` is 1..``max_limit`` (the server passes its row limit); ``offset`` 0..MAX_OFFSET.
    """
    lim = _integer("limit", limit, 1, max_limit)
    off = _integer("offset", offset, 0, MAX_OFFSET)
    return Page(limit=default_limit if lim is None else lim, offset=off or 0)


@dataclass(frozen=True)
class _Parts:
    """A SELECT query cut at its outer WHERE group: ``head`` (prologue up to the group's closing
    brace), ``select_at`` (offset of SELECT) and the solution modifiers by clause name."""

    head: str
    select_at: int
    clauses: dict[str, str]
    order: list[str]  # clause names in the order they appear


def _closing_brace(masked: str, opening: int) -> int:
    """Offset of the ``}`` that closes the ``{`` at ``opening``."""
    depth = 0
    for i in range(opening, len(masked)):
        if masked[i] == "{":
            depth += 1
        elif masked[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise PageError("the query's braces do not balance: it cannot be paged")


def _split(text: str) -> _Parts:
    """Cut a SELECT query into its head and its solution modifiers (strings and comments are
    masked first, so a keyword or brace inside them is not mistaken for syntax)."""
    masked = mask_sparql(text)
    form = _FORM.search(masked)
    if form is None or form.group(1).upper() != "SELECT":
        raise PageError("only SELECT queries have rows to page (limit/offset)")
    where = _WHERE_BRACE.search(masked, form.end())
    opening = where.end() - 1 if where else masked.find("{", form.end())
    if opening < 0:
        raise PageError("the query has no WHERE group: it cannot be paged")
    close = _closing_brace(masked, opening)
    tail_masked, tail = masked[close + 1:], text[close + 1:]
    marks = list(_CLAUSE.finditer(tail_masked))
    clauses: dict[str, str] = {}
    order: list[str] = []
    for i, m in enumerate(marks):
        name = re.sub(r"\s+", " ", m.group(1).upper())
        end = marks[i + 1].start() if i + 1 < len(marks) else len(tail)
        clauses[name] = tail[m.start():end].rstrip()
        order.append(name)
    return _Parts(text[:close + 1], form.start(), clauses, order)


def _depth0_vars(clause: str) -> list[str]:
    """Variables named at the top level of a clause, plus ``AS ?alias`` names: the keys a
    GROUP BY groups on, or the columns a SELECT projects."""
    masked = mask_sparql(clause)
    found: list[str] = []
    depth = 0
    for i, ch in enumerate(masked):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in "?$":
            m = _VAR.match(masked, i)
            if m and (depth == 0 or re.search(r"\bAS\s*$", masked[:i], re.IGNORECASE)):
                if m.group(1) not in found:
                    found.append(m.group(1))
    return found


def _tie_breakers(parts: _Parts, text: str) -> list[str]:
    """Variables that make the order total: the GROUP BY keys (one row per group), else the
    projected variables (none for ``SELECT *``: the query's own order is then all we have)."""
    if "GROUP BY" in parts.clauses:
        return _depth0_vars(parts.clauses["GROUP BY"][len("GROUP BY"):])
    return _projected(parts)


def _ordered(parts: _Parts, text: str) -> str:
    """The query's ORDER BY with tie-breakers appended (a new ORDER BY if it had none)."""
    own = parts.clauses.get("ORDER BY", "")
    already = set(_depth0_vars(own[len("ORDER BY"):])) if own else set()
    extra = [v for v in _tie_breakers(parts, text) if v not in already]
    if not extra:
        return own
    return (own or "ORDER BY") + " " + " ".join(f"?{v}" for v in extra)


def _own_window(parts: _Parts) -> tuple[Optional[int], int]:
    """The query's own LIMIT and OFFSET (None, 0 when absent)."""
    lim = parts.clauses.get("LIMIT")
    off = parts.clauses.get("OFFSET")
    return (int(lim.split()[1]) if lim else None), (int(off.split()[1]) if off else 0)


@dataclass(frozen=True)
class _Inner:
    """The marked sub-select: ``text[start:end]`` (from its SELECT to just before the ``}`` of
    the group around it), cut into its parts."""

    start: int
    end: int
    parts: _Parts


def _projected(parts: _Parts) -> list[str]:
    """The variables a SELECT projects (``*``: none known)."""
    masked = mask_sparql(parts.head)
    where = _WHERE_BRACE.search(masked, parts.select_at)
    projection = parts.head[parts.select_at:where.start() if where else masked.find("{", parts.select_at)]
    projection = re.sub(r"^\s*SELECT\s+(DISTINCT|REDUCED)?", "", projection, flags=re.IGNORECASE)
    return [] if projection.strip() == "*" else _depth0_vars(projection)


def _marked(text: str, pattern: re.Pattern = _PAGE_MARK) -> Optional[_Inner]:
    """The sub-select after a ``# page:`` comment line (or another ``pattern``), when it is one:
    the mark must be a real comment (not text in a string), right after the ``{`` of a group and
    right before a SELECT."""
    masked = mask_sparql(text)
    for mark in pattern.finditer(text):
        if masked[mark.start():mark.end()].strip():
            continue  # inside a string or IRI, not a comment
        before = masked[:mark.start()].rstrip()
        select = _SELECT.search(masked, mark.end())
        if not before.endswith("{") or select is None or masked[mark.end():select.start()].strip():
            continue
        close = _closing_brace(masked, len(before) - 1)
        return _Inner(select.start(), close, _split(text[select.start():close]))
    return None


def _all_vars(clause: str) -> set[str]:
    return {m.group(1) for m in _VAR.finditer(mask_sparql(clause))}


def _inner_for(text: str, parts: _Parts) -> Optional[_Inner]:
    """The marked sub-select when the page can be cut inside it (see the module's docstring)."""
    inner = _marked(text)
    if inner is None or "LIMIT" in parts.clauses or "OFFSET" in parts.clauses:
        return None
    if "LIMIT" in inner.parts.clauses or "OFFSET" in inner.parts.clauses:
        return None
    projected = set(_projected(inner.parts))
    needed = _all_vars(_ordered(parts, text)) | _all_vars(parts.clauses.get("GROUP BY", ""))
    return inner if projected and needed <= projected else None


def _assemble(parts: _Parts, ordered: str, limit: Optional[int], offset: int) -> str:
    """A SELECT from its head, its GROUP BY/HAVING, ``ordered`` and a window; VALUES last."""
    pieces = [parts.head]
    for name in ("GROUP BY", "HAVING"):
        if name in parts.clauses:
            pieces.append(parts.clauses[name])
    if ordered:
        pieces.append(ordered)
    if limit is not None:
        pieces.append(f"LIMIT {limit}")
    if offset:
        pieces.append(f"OFFSET {offset}")
    if "VALUES" in parts.clauses:
        pieces.append(parts.clauses["VALUES"])
    return "\n".join(pieces)


def page_query(text: str, page: Page) -> str:
    """The SELECT ``text`` returning only ``page``'s rows, in a total order.

    With ``Page(limit=None, offset=0)`` only the tie-breakers are added, so an unpaged answer
    comes in the same order as its pages. A query with a marked sub-select (``# page:``) has
    its window cut in that sub-select, which gets the same total order.
    """
    parts = _split(text)
    inner = _inner_for(text, parts)
    if inner is not None:
        if page.limit is None and not page.offset:
            return _assemble(parts, _ordered(parts, text), None, 0) + "\n"
        windowed = _assemble(inner.parts, _ordered(parts, text), page.limit, page.offset)
        windowed = _cut_keys(windowed, _ordered(parts, text), page)
        text = text[:inner.start] + windowed + "\n" + text[inner.end:]
        parts = _split(text)
        return _assemble(parts, _ordered(parts, text), None, 0) + "\n"
    own_limit, own_offset = _own_window(parts)
    offset = own_offset + page.offset
    limit = page.limit
    if own_limit is not None:
        left = max(0, own_limit - page.offset)
        limit = left if limit is None else min(limit, left)
    return _assemble(parts, _ordered(parts, text), limit, offset) + "\n"


def _order_items(clause: str) -> list[str]:
    """The items of an ORDER BY clause (``?x``, ``DESC(?x)``, ``(expr)``), split at the spaces
    outside brackets and strings."""
    body = clause[len("ORDER BY"):] if clause.upper().startswith("ORDER BY") else clause
    masked = mask_sparql(body)
    items: list[str] = []
    depth, start = 0, None
    for i, ch in enumerate(masked):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if start is None and not ch.isspace():
            start = i
        if start is not None and depth == 0 and (ch.isspace() or i == len(masked) - 1):
            end = i if ch.isspace() else i + 1
            if masked[i].isspace() and masked[start:i].upper() in ("ASC", "DESC"):
                continue  # "DESC (?x)": the keyword and its bracket are one item
            items.append(body[start:end].strip())
            start = None
    return [item for item in items if item]


def _cut_keys(page_select: str, ordered: str, page: Page) -> str:
    """The page's sub-select with its ``# page keys:`` sub-select cut to the keys of the page's
    rows: ordered as the whole query begins its order, the first ``offset + limit`` of them.

    Why: a listing whose rows are chosen from one sort key per event (``ckg:reportKey``,
    kg/graph/derived.py) would otherwise look up every event's role fillers (the rows) before
    sorting them for one page. The contract (checked on the text where it can be): each key row
    gives one row of the page's sub-select at least (its other patterns only add to it), and
    the whole query's order begins with items (``?key``, ``DESC(?toll)``) that name the keys'
    projected variables and no other, all of them; so the first ``offset + limit`` keys in that
    order hold the page's rows. Else the text is left as it was."""
    if page.limit is None:
        return page_select
    keys = _marked(page_select, _KEYS_MARK)
    if keys is None or any(n in keys.parts.clauses for n in ("LIMIT", "OFFSET", "ORDER BY", "GROUP BY")):
        return page_select
    projected = _projected(keys.parts)
    leading: list[str] = []
    named: set[str] = set()
    for item in _order_items(ordered):
        item_vars = _all_vars(item)
        if not item_vars or not item_vars <= set(projected) or named >= set(projected):
            break
        leading.append(item)
        named |= item_vars
    if not projected or named != set(projected):
        return page_select
    cut = _assemble(keys.parts, "ORDER BY " + " ".join(leading), page.offset + page.limit, 0)
    return page_select[:keys.start] + cut + "\n" + page_select[keys.end:]


def _closing_paren(masked: str, opening: int) -> int:
    depth = 0
    for i in range(opening, len(masked)):
        if masked[i] == "(":
            depth += 1
        elif masked[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _without_order_keys(select: str) -> str:
    """The page's sub-select ``select`` without the BINDs marked ``# page order key:`` and
    without their variables in its projection: what the count needs.

    Why: a listing may order its page by a short text key computed from an IRI (a text of up to
    15 bytes is held in the term itself, so comparing two keys reads no dictionary, where
    comparing two IRIs reads both texts: queries/recent-documents.rq), but the count would
    compute the key for every row as well (~5 us a row). The contract: the key is a function of
    the sub-select's other projected variables (so the distinct rows are as many without it)
    and nothing else in the sub-select reads it; when the text shows otherwise (the variable is
    named elsewhere, or the mark is not followed by one BIND) the sub-select is left whole."""
    masked = mask_sparql(select)
    cuts: list[tuple[int, int]] = []
    keys: list[str] = []
    for mark in _ORDER_KEY_MARK.finditer(select):
        if masked[mark.start():mark.end()].strip():
            continue  # inside a string or IRI, not a comment
        bind = _BIND_OPEN.match(masked, mark.end())
        close = _closing_paren(masked, bind.end() - 1) if bind else -1
        named = _BIND_AS.search(masked[:close + 1]) if close >= 0 else None
        if named is None:
            return select
        cuts.append((mark.start(), close + 1))
        keys.append(named.group(1))
    if not keys:
        return select
    kept = select
    for start, end in reversed(cuts):
        kept = kept[:start] + kept[end:]
    where = _WHERE_BRACE.search(mask_sparql(kept))
    if where is None:
        return select
    projection, body = kept[:where.start()], kept[where.start():]
    for key in keys:
        pattern = re.compile(r"[?$]" + re.escape(key) + r"(?![A-Za-z_0-9\u00B7-\uFFFF])")
        if pattern.search(mask_sparql(body)) or not pattern.search(projection):
            return select  # read elsewhere, or not projected: not an order key
        projection = pattern.sub("", projection)
    return projection + body


def count_query(text: str) -> str:
    """A query counting the rows of the SELECT ``text`` (one row, one column ``TOTAL_VAR``);
    with a marked sub-select, the rows of that sub-select (one per row of the answer), without
    the details the outer query joins to them; and when that sub-select holds a sub-select
    marked ``# page count:``, the rows of that one.

    Why the second mark (query round 10): a look-up of one actor reads its rows from derived
    keys, one per row (``ckg:roleKey``, kg/graph/derived.py), and finds each row's report from
    its key; counting the keys is one range of one index, counting the rows would look every
    report up. The contract: the marked sub-select's rows are the page's sub-select's rows, one
    for one (``tests/test_query_round10.py`` compares the two counts on built stores)."""
    parts = _split(text)
    prologue = parts.head[:parts.select_at]
    inner = _inner_for(text, parts)
    if inner is not None:
        select = text[inner.start:inner.end]
        counted_by = _marked(select, _COUNT_MARK)
        if counted_by is not None:
            select = select[counted_by.start:counted_by.end]
        parts = _split(_without_order_keys(select))
    body = [parts.head[parts.select_at:]]
    for name in ("GROUP BY", "HAVING", "LIMIT", "OFFSET", "VALUES"):
        if name in parts.clauses:
            body.append(parts.clauses[name])
    counted = "\n".join(body)
    return f"{prologue}SELECT (COUNT(*) AS ?{TOTAL_VAR}) WHERE {{\n{{\n{counted}\n}}\n}}\n"


def total_from_page(page: Page, rows_on_page: int) -> Optional[int]:
    """The total when the page shows it (a page shorter than its limit ends the result), else
    None: a full page, or an empty one past the start (the rows may end before the offset)."""
    if page.limit is None:
        return page.offset + rows_on_page if (rows_on_page or not page.offset) else None
    if rows_on_page < page.limit and (rows_on_page or not page.offset):
        return page.offset + rows_on_page
    return None


def window(text: str, page: Page) -> Page:
    """The rows to fetch for ``page`` of the SELECT ``text``: the page itself, or, for a
    ranking whose page lies within the first :data:`WHOLE_ROWS` rows, those rows and one more
    (the one more tells whether the answer goes on). See the module's docstring for why.

    A ranking is a query grouped at its top level (its rows are groups: every one is computed
    before the first comes out) with no ``# page:`` sub-select (which would cut the page
    inside, before the details are joined), no window of its own, and a page asked."""
    if page.limit is None or page.offset + page.limit > WHOLE_ROWS:
        return page
    parts = _split(text)
    if ("GROUP BY" not in parts.clauses or "LIMIT" in parts.clauses or "OFFSET" in parts.clauses
            or _inner_for(text, parts) is not None):
        return page
    return Page(limit=WHOLE_ROWS + 1, offset=0)


def cut(page: Page, fetched: Page, rows: list) -> tuple[list, Optional[int]]:
    """``page``'s rows out of the ``rows`` fetched for the window ``fetched`` (see
    :func:`window`), and the total when they show it (else None: count it)."""
    if fetched == page:
        return rows, total_from_page(page, len(rows))
    assert page.limit is not None and fetched.limit is not None
    total = len(rows) if len(rows) < fetched.limit else None
    return rows[page.offset:page.offset + page.limit], total


def pageable(text: str) -> bool:
    """Whether ``text`` is a SELECT query that :func:`page_query` can page."""
    try:
        _split(text)
    except PageError:
        return False
    return True


def summary(page: Page, shown: int, total: int) -> str:
    """The line telling which rows are shown: "showing rows 101-200 of 2,345"."""
    if shown == 0:
        return (f"no rows at offset {page.offset:,}: the answer has {total:,} row"
                f"{'' if total == 1 else 's'}")
    first, last = page.offset + 1, page.offset + shown
    return f"showing rows {first:,}-{last:,} of {total:,}"
