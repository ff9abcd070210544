"""Compare a rewritten canned query with the text it replaced (query rounds 10-13).

Each round keeps the former text verbatim in its test module and checks, on a built store, that
the new text gives the same columns, rows, order, pages and total: this is that check, shared.
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.query import canned, paging
from kg.store.core import KGStore


def answer(store: KGStore, text: str, concats: Mapping[str, str]) -> tuple[list[str], list[tuple]]:
    """Columns and rows of a query; a column that concatenates values (``concats``: column ->
    separator) compared as the sorted set of its parts, since their order inside the cell is free."""
    result = store.query(text)
    rows = []
    for row in result.rows:
        cells = []
        for var, value in zip(result.vars, row):
            text_value = "" if value is None else str(value)
            cells.append(tuple(sorted(text_value.split(concats[var]))) if var in concats else text_value)
        rows.append(tuple(cells))
    return [str(v) for v in result.vars], rows


def same_answer(store: KGStore, query: canned.CannedQuery, before: str, params: dict[str, str],
                concats: Mapping[str, str], sizes: tuple[int, ...] = (3,), old_count: bool = False) -> int:
    """Assert the new text and ``before`` give the same columns and rows in the same order, the
    same pages of each size, and the new count equal to the rows (the old count too with
    ``old_count``); returns how many rows."""
    reference = canned.parse_query(before, query.name)
    old_vars, expected = answer(store, paging.page_query(canned.bind(reference, params), paging.ALL), concats)
    text = canned.bind(query, params)
    new_vars, whole = answer(store, paging.page_query(text, paging.ALL), concats)
    assert new_vars == old_vars
    assert whole == expected, params
    for size in sizes:
        pages: list[tuple] = []
        for offset in range(0, len(expected) + size, size):
            pages += answer(store, paging.page_query(text, paging.Page(size, offset)), concats)[1]
        assert pages == expected, (params, size)
    counted = store.query(paging.count_query(text)).rows
    assert int(counted[0][0]) == len(expected), params
    if old_count:
        old_counted = store.query(paging.count_query(canned.bind(reference, params))).rows
        assert int(old_counted[0][0]) == len(expected), params
    return len(expected)
