"""Screenshots of the web views for docs/views.md (docs/img/*.png), from a real ``kg serve``.

    .venv/bin/python -m kg --store /tmp/docs-store build tests/data/corpus/*.txt seeds/*.txt
    .venv/bin/python scripts/view_screenshots.py /tmp/docs-store

Starts ``kg serve`` on the store (127.0.0.1, a free port), opens /views (map, actor network,
timeline, all) and /yasgui in headless Debian Chromium, saves one PNG each, and stops the server.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from server_helpers import KgServe  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(store: Path, out: Path = REPO / "docs" / "img") -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with KgServe(store) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        for view in ("map", "actors", "timeline", "all"):
            page.goto(f"{server.base}/views?view={view}")
            page.wait_for_function("window.kgViews && window.kgViews.ready")
            if view == "map":  # one event's details, as a click shows them
                first = page.evaluate("kgViews.data.events.findIndex(e => typeof e.lat === 'number' && e.sentence)")
                box = page.locator("#kv-map").bounding_box()
                pt = page.evaluate("(i) => { const e = kgViews.data.events[i]; "
                                   "const p = kgViews.map.map.latLngToContainerPoint([e.lat, e.lon]); return [p.x, p.y]; }", first)
                page.mouse.click(box["x"] + pt[0], box["y"] + pt[1])
            time.sleep(0.5)
            page.screenshot(path=str(out / f"view-{view}.png"))
        page.goto(f"{server.base}/yasgui")
        page.wait_for_selector(".CodeMirror")
        page.click(".yasqe_queryButton")
        page.wait_for_selector(".yasr table.dataTable tbody tr")
        time.sleep(0.3)
        page.screenshot(path=str(out / "yasgui.png"))
        browser.close()
    print(f"wrote {', '.join(sorted(x.name for x in out.glob('*.png')))} in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
