"""``/views``: the map, timeline and actor network of the whole store, served by ``kg serve``.

The page is the one ``kg viz --view ...`` writes (kg.see.viz.render_views), but it links its
scripts from this server (``/vendor/`` for Leaflet, topojson-client and the Natural Earth
outlines, ``/vendor-vis/`` for vis-network from the pyvis package, ``/static/`` for its own)
and links actors and events to their ``/id/`` pages. Its data come from the same queries as
kg.see.network.load_network, run through the worker pool like every query of the server: an
event is an incident by default, each article's report with ``?level=reports``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse, Response

from kg.see import network, views_data
from kg.see.viz import _VIS_DIR, VIEW_TITLES, VIEWS, _asset, render_views
from kg.server.service import HttpError, QueryService

#: rows a view may read per query (the server's --max-rows is for what clients ask)
MAX_ROWS = 2_000_000
_STATIC = {"views.js": "application/javascript", "views.css": "text/css"}
_VIS = {"vis-network.min.js": "application/javascript", "vis-network.css": "text/css"}


class _Rows:
    """What load_network reads from ``store.query(q).bindings()``: rows of plain strings."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self._rows = rows

    def bindings(self) -> list[dict[str, str]]:
        return self._rows


class _Prefetched:
    """A stand-in store answering load_network's queries from rows fetched beforehand."""

    def __init__(self, results: dict[str, list[dict[str, str]]]) -> None:
        self.results = results

    def query(self, sparql: str) -> _Rows:
        return _Rows(self.results[sparql])


async def payload(service: QueryService, level: str = network.INCIDENTS) -> dict[str, Any]:
    results: dict[str, list[dict[str, str]]] = {}
    for name in network.NETWORK_QUERIES:
        sparql = getattr(network, name)
        rows = await service.rows(sparql, max_rows=MAX_ROWS)
        results[sparql] = [{k: c[1] for k, c in row.items() if c is not None} for row in rows.dicts()]

    def build() -> dict[str, Any]:
        return views_data.build(network.load_network(_Prefetched(results), level))  # type: ignore[arg-type]

    return await asyncio.to_thread(build)


def router(service: QueryService) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/views")
    async def views(view: str = Query("all"), level: str = Query(network.INCIDENTS)) -> HTMLResponse:
        if view not in VIEWS:
            raise HttpError(400, f"unknown view {view!r}: use one of {', '.join(VIEWS)}", "view")
        if level not in network.LEVELS:
            raise HttpError(400, f"unknown level {level!r}: use one of {', '.join(network.LEVELS)}", "level")
        data = await payload(service, level)
        html = render_views(data, view=view, title=VIEW_TITLES[view], inline=False, link_base="/id/")
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    @r.get("/static/views/{name}")
    async def page_asset(name: str) -> Response:
        if name not in _STATIC:
            raise HttpError(404, f"nothing at /static/views/{name}", "http")
        return Response(_asset(name), media_type=_STATIC[name])

    @r.get("/vendor-vis/{name}")
    async def vis_asset(name: str) -> Response:
        if name not in _VIS:
            raise HttpError(404, f"nothing at /vendor-vis/{name}", "http")
        return FileResponse(Path(_VIS_DIR) / name, media_type=_VIS[name])

    return r
