"""``kg derive``: write the canned queries' derived data into a store built before it.

``kg build`` (the mapping) and fusion write the derived triples (``ckg:reportKey``,
``ckg:incidentKey``, ``ckg:tollKey``, ``ckg:valuesDiffer``, ``ckg:mentionedIn``, ``ckg:dateRank``, ``ckg:withoutPlace``,
``ckg:roleKey`` and ``ckg:rowKey``, ``ckg:monthRank`` and ``ckg:monthKey``, the document keys, the
mention summaries) with the data they derive from
(kg/graph/derived.py); a store built by an older ``kg`` lacks them, and its canned queries then
fall back to slower texts. This command computes them all from the store and writes them
(again, if they are there: it is safe to run twice). Run it before building more documents
into such a store, so that old and new reports are all keyed. ``--missing`` writes only the kinds
the store lacks altogether (the month nodes of query round 12, the document listings' keys of
round 13, the mention summaries of round 14, in a store keyed before them) and
leaves the rest as it is: minutes instead of a re-derive of everything.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from kg.cli.common import StoreOpt, app, boundary, fail, open_store, store_path


@app.command()
@boundary
def derive(ctx: typer.Context,
           check: bool = typer.Option(False, "--check", help="Only say whether keys are missing (exit 1 if so)."),
           missing: bool = typer.Option(False, "--missing", help="Write only the kinds of derived data the store lacks altogether (the month nodes, the document listings' keys, the mention summaries), not everything again."),
           store_dir: Optional[Path] = StoreOpt) -> None:
    """Add the canned queries' derived data (sort and toll keys, figure marks, mention links, date ranks, row keys) to a store built before it."""
    from kg.graph import derived

    path = store_path(ctx, store_dir)
    if path is not None and not path.exists():
        fail(f"no store at {path}: build one with `kg build PATH...` (or set --store / KG_STORE)")
    started = time.perf_counter()
    with open_store(path, read_only=check) as store:
        if check:
            if derived.missing(store.ox_store):
                fail("some derived data (sort and toll keys, figure marks, mention links, date ranks, row keys, month keys, document keys, mention summaries) are missing: run `kg derive` to add them")
            typer.echo("every report and incident has its sort key, every attack with a toll its toll key, "
                       "every figure its mark, every mentioned entity its links, every dated report its date rank, "
                       "every report its row keys, every dated report its month key, "
                       "every article and document graph its key, "
                       "every entity mentioned in an article its summary there", err=True)
            return
        if missing:
            kinds = derived.absent_kinds(store.ox_store)
            n = derived.add_to_store(store.ox_store, only=kinds)
            typer.echo(f"wrote {n['months']} month keys of dated reports, {n['mentions']} mention summaries "
                       f"and the keys of {n['documents']} document graphs ({', '.join(kinds)})"
                       f" ({time.perf_counter() - started:.1f} s)" if kinds else
                       "no kind of derived data is absent: nothing written (`kg derive` writes everything again)",
                       err=True)
            return
        n = derived.add_to_store(store.ox_store)
    typer.echo(f"wrote the sort keys of {n['reports']} reports and {n['incidents']} incidents "
               f"(and the toll keys of {n['tolls']} attacks) "
               f"and the marks of {n['figures']} figures whose reports differ "
               f"and {n['links']} links of an entity to an article that mentions it "
               f"and the date ranks of {n['ranks']} dated reports "
               f"and the marks of {n['placeless']} reports without a place "
               f"and {n['row_keys'] + n['role_keys']} row keys of the look-ups of one actor or subject "
               f"and {n['months']} month keys of dated reports "
               f"and the keys of {n['documents']} document graphs "
               f"and {n['mentions']} mention summaries of an entity in an article "
               f"({time.perf_counter() - started:.1f} s)", err=True)
