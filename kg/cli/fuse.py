"""``kg fuse``: re-fuse the whole store into incidents (kg.fuse, docs/fusion.md).

``kg build`` and ``kg remove`` keep incidents up to date on their own; this command is for
after a change of ``kg/data/fusion.yaml`` (or ``--config``), or a store built without fusion.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from kg.cli.common import StoreOpt, app, boundary, fail, open_store, store_path


@app.command()
@boundary
def fuse(ctx: typer.Context,
         config: Optional[Path] = typer.Option(None, "--config", help="fusion settings (default: kg/data/fusion.yaml)"),
         store_dir: Optional[Path] = StoreOpt) -> None:
    """Group the stored event reports into incidents again, replacing every incident graph."""
    from kg.fuse.config import load_config
    from kg.fuse.index import fuse_store

    if config is not None and not config.is_file():
        fail(f"no fusion settings at {config}")
    started = time.perf_counter()
    with open_store(store_path(ctx, store_dir)) as store:
        groups = fuse_store(store, load_config(config))
    reports = sum(len(g.reports) for g in groups)
    typer.echo(f"fused {reports} reports into {len(groups)} incidents "
               f"({time.perf_counter() - started:.1f} s)", err=True)
