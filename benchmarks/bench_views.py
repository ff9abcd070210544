"""Speed of the map / timeline / actor-network page with many events (issue: 10,000 points
open in under 3 s and pan smoothly).

A synthetic network (N events, each with two actors of 600 and one of 2,000 located places)
goes through kg.see.views_data.build (relations, precomputed actor layout) and kg.see.viz.render_views
(the self-contained file kg viz writes); the file is opened in headless Chromium and timed
until the page says it is ready (map points, timeline and network drawn). Then the map is
dragged for 60 mouse steps while the page counts animation frames: the frame intervals during
the pan tell whether it stays smooth.

    .venv/bin/python benchmarks/bench_views.py                # 10000 events
    .venv/bin/python benchmarks/bench_views.py --events 2000 20000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CKGD = "https://w3id.org/conflict-kg/id/"

#: counts animation frames and their intervals while the test drags the map
FRAME_PROBE = """() => { window.kgFrames = []; let last = performance.now();
  function tick(now) { window.kgFrames.push(now - last); last = now;
                       if (window.kgFrames.length < 100000) requestAnimationFrame(tick); }
  requestAnimationFrame(tick); }"""


def synthetic_graph(events: int, *, actors: int = 600, places: int = 2000, seed: int = 7) -> Any:
    """The network kg.see.network.load_network would give for ``events`` located events."""
    import networkx as nx

    rnd = random.Random(seed)
    g = nx.DiGraph()
    actor_iris = [f"{CKGD}group/actor-{i}" for i in range(actors)]
    place_iris = [f"{CKGD}place/town-{i}" for i in range(places)]
    for i, a in enumerate(actor_iris):
        g.add_node(a, kind="actor", cls=("ArmedGroup", "ArmedForce", "Person", "State")[i % 4], label=f"Actor {i}")
    for i, p in enumerate(place_iris):  # spread over the Middle East and Africa
        g.add_node(p, kind="place", cls="Place", label=f"Town {i}",
                   lat=round(rnd.uniform(-10, 40), 4), lon=round(rnd.uniform(-15, 60), 4))
    kinds = {"Attack": ("perpetrator", "target", "location"), "Capture": ("captor", "former", "place"),
             "Meeting": ("participants", "participants", "location"),
             "Deployment": ("agent", "force", "destination")}
    names = list(kinds)
    for k in range(events):
        e = f"{CKGD}event/synthetic/e{k}"
        kind = names[k % len(names)]
        date = f"{2014 + k % 6}-{1 + (k // 6) % 12:02d}-{1 + k % 28:02d}"
        quantity = f"fatalities: {rnd.randint(0, 200)}" if kind == "Attack" else ""
        g.add_node(e, kind="event", cls=kind, date=date, label=f"{kind} {date}",
                   evidence=f"Sentence {k}.", source="Synthetic report", quantities=quantity)
        a, b = rnd.sample(actor_iris, 2)
        roles = kinds[kind]
        g.add_edge(e, a, role=roles[0])
        g.add_edge(e, b, role=roles[1])
        g.add_edge(e, rnd.choice(place_iris), role=roles[2])
    return g


def write_page(events: int, folder: Path) -> tuple[Path, float, int]:
    """(file, seconds to build and write it, located events)."""
    from kg.see import views_data
    from kg.see.viz import write_views

    g = synthetic_graph(events)
    t0 = time.perf_counter()
    payload = views_data.build(g)
    path = folder / f"views-{events}.html"
    write_views(payload, path, view="map")
    return path, time.perf_counter() - t0, sum(1 for e in payload["events"] if "lat" in e)


def measure(browser: Any, path: Path) -> dict[str, float]:
    """Open the page and pan the map: seconds until ready, points drawn, frame intervals (ms)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        while not page.evaluate("!!(window.kgViews && window.kgViews.ready)"):
            if time.perf_counter() - t0 > 60:
                raise TimeoutError("the page was not ready in 60 s")
            time.sleep(0.02)
        opened = time.perf_counter() - t0
        points = page.evaluate("kgViews.counts().points")
        box = page.locator("#kv-map").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        before = page.evaluate("kgViews.map.map.getCenter()")
        page.evaluate(FRAME_PROBE)
        page.mouse.move(x, y)
        page.mouse.down()
        t1 = time.perf_counter()
        for i in range(60):
            page.mouse.move(x - 4 * i, y - 2 * i)
        page.mouse.up()
        pan_s = time.perf_counter() - t1
        frames = page.evaluate("window.kgFrames.slice(1)")
        moved = page.evaluate("kgViews.map.map.getCenter()")
    finally:
        context.close()
    frames = frames or [0.0]
    return {"open_s": opened, "points": points, "pan_s": pan_s, "frames": len(frames),
            "frame_p50_ms": statistics.median(frames),
            "frame_p95_ms": sorted(frames)[int(0.95 * (len(frames) - 1))],
            "start_lng": before["lng"], "center_lng": moved["lng"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        print("| events | build + write (s) | file (MB) | open in Chromium (s) | points | pan: frames, p50 / p95 ms |")
        print("|---:|---:|---:|---:|---:|---|")
        for n in args.events:
            path, built, located = write_page(n, Path(tmp))
            m = measure(browser, path)
            print(f"| {n:,} | {built:.2f} | {path.stat().st_size / 1e6:.1f} | {m['open_s']:.2f} | "
                  f"{m['points']:,} | {m['frames']}, {m['frame_p50_ms']:.0f} / {m['frame_p95_ms']:.0f} |")
        browser.close()


if __name__ == "__main__":
    main()
