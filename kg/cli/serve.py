"""``kg serve``: the SPARQL endpoint, linked data, canned-query API and web pages (kg.server)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from kg.cli.common import StoreOpt, app, boundary, default_queries_dir, fail, store_path


def _check_port(host: str, port: int) -> None:
    """Say plainly that the address is taken (uvicorn would log a traceback-like error)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        fail(f"cannot bind to --host {host}: {e.strerror}")
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as e:
            fail(f"cannot listen on {host}:{port}: {e.strerror} (another server? pick --port)")


@app.command()
@boundary
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    timeout: float = typer.Option(30.0, "--timeout", help="Stop a query after S seconds."),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, help="Refuse results with more rows (or triples)."),
    max_query_chars: int = typer.Option(100_000, "--max-query-chars", min=1, help="Refuse longer queries."),
    max_body: int = typer.Option(1_000_000, "--max-body", min=1, help="Refuse request bodies over N bytes."),
    workers: int = typer.Option(2, "--workers", min=1, help="Query worker processes."),
    queries_dir: Optional[Path] = typer.Option(None, "--queries-dir",
                                               help="Canned queries (default: ./queries, else the shipped ones)."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL Update (needs --update-token)."),
    update_token: Optional[str] = typer.Option(None, "--update-token", envvar="KG_UPDATE_TOKEN",
                                               help="Bearer token that updates must carry."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Allow SERVICE (federated queries to other endpoints)."),
    cors: bool = typer.Option(False, "--cors", help="Let web pages on other origins query this "
                              "read-only server (CORS); not with --allow-update."),
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Serve the store over HTTP: SPARQL at /sparql, linked data at /id/..., API, web page at /."""
    from kg.server import http
    from kg.server.app import create_app
    from kg.server.settings import ServerSettings

    store = store_path(ctx, store_dir)
    if not (store / "CURRENT").exists():
        fail(f"no store at {store}: build one with `kg build PATH...` (or set --store / KG_STORE)")
    if timeout <= 0:
        fail(f"--timeout must be a positive number of seconds, got {timeout:g}")
    if allow_update and not update_token:
        fail("--allow-update needs --update-token TOKEN (or KG_UPDATE_TOKEN): updates must be authenticated")
    if cors and allow_update:
        fail("--cors is for read-only servers: drop --allow-update, or --cors")
    _check_port(host, port)
    folder = queries_dir or default_queries_dir()
    settings = ServerSettings(
        store=store.resolve(), queries_dir=folder.resolve(), host=host, port=port, workers=workers,
        timeout_s=timeout, max_rows=max_rows, max_query_chars=max_query_chars,
        max_body_bytes=max_body, allow_update=allow_update,
        update_token=update_token if allow_update else None, allow_service=allow_service,
        cors=cors)
    application = create_app(settings)
    typer.echo(f"kg serve: http://{host}:{port}/ (SPARQL at /sparql) on {store}"
               f"{' [updates allowed]' if allow_update else ' [read-only]'}"
               f"{' [CORS]' if cors else ''}", err=True)
    # uvicorn with 413 / 414 answers every client can read (kg.server.http)
    http.run(application, host=host, port=port, log_level=os.environ.get("KG_LOG_LEVEL", "warning"))
