"""Time and peak memory of `kg viz` on synthetic stores of 500, 5,000 and 20,000 nodes.

Each size gets a store of synthetic documents (tests/see_helpers.synthetic_store: the RDF
kg.graph.mapping writes, a third of the nodes actors and places, each event with three role edges).
Then, each in its own subprocess, with peak RSS from GNU time (/usr/bin/time -f %M):

* `kg stats` on the store: the baseline (start the CLI, open the store, scan it);
* `kg viz -o FILE`: load the network, size, lay out (above 1,000 nodes), write the page;
* plain pyvis: the same network through `Network.from_nx` + `generate_html` (cdn_resources
  "in_line"), i.e. what pyvis alone costs for the page part (its page still loads CDNs).

and, unless --no-browser, the page opened in headless Chromium (time until vis has drawn and the
layout has stopped, then one drag and one zoom). Ratios are to `kg stats` of the same run.

    .venv/bin/python benchmarks/bench_viz.py                 # 500 5000 20000
    .venv/bin/python benchmarks/bench_viz.py --sizes 500 5000 --no-pyvis
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent

PYVIS_SCRIPT = """
import sys
from pathlib import Path
from pyvis.network import Network
from kg.see.network import load_network
from kg.store.core import KGStore
with KGStore.open(Path(sys.argv[1]), read_only=True) as store:
    g = load_network(store)
plain = g.__class__()
plain.add_nodes_from((n, {"label": d.get("label", n)}) for n, d in g.nodes(data=True))
plain.add_edges_from((a, b, {"title": d.get("role", "")}) for a, b, d in g.edges(data=True))
net = Network(directed=True, cdn_resources="in_line")
net.from_nx(plain)
Path(sys.argv[2]).write_text(net.generate_html(), encoding="utf-8")
"""


def run(cmd: list[str], timeout_s: float = 900) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, measured by GNU time.

    Not os.wait4 on our own child: Linux carries a parent's RSS high-water mark into a forked
    child across exec, so every child of this (large) process would report at least its size.
    /usr/bin/time is small when it forks the command.
    """
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=timeout_s, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} failed: {proc.stderr[-500:]}")
    return seconds, int(proc.stderr.strip().splitlines()[-1]) / 1024


def browse(html: Path) -> tuple[float, float]:
    """Seconds until the page has drawn with its layout stopped, and for a drag plus a zoom."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.see_helpers import open_page, wait_for

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            start = time.perf_counter()
            context, page, log = open_page(browser, html, timeout_s=600)
            ready = time.perf_counter() - start
            assert not log["console"], log["console"][:3]
            t0 = time.perf_counter()
            page.mouse.move(800, 450)
            page.mouse.down()
            page.mouse.move(880, 500, steps=5)
            page.mouse.up()
            scale = page.evaluate("kgView.network.getScale()")
            page.mouse.wheel(0, -400)
            wait_for(page, f"kgView.network.getScale() > {scale}", 60)
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            interact = time.perf_counter() - t0
            context.close()
        finally:
            browser.close()
    return ready, interact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-pyvis", action="store_true")
    args = parser.parse_args()
    from tests.see_helpers import synthetic_store

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-viz-") as tmp:
        for size in args.sizes:
            store_dir = Path(tmp) / f"store-{size}"
            t = time.perf_counter()
            store, counts = synthetic_store(store_dir, size)
            store.close()
            print(f"{size} nodes: store of {counts} built in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            kg = [str(BIN / "kg"), "--store", str(store_dir)]
            stats_s, stats_mb = run([*kg, "stats"])
            html = Path(tmp) / f"graph-{size}.html"
            viz_s, viz_mb = run([*kg, "viz", "-o", str(html)])
            row = {"nodes": size, "edges": counts["edges"], "stats_s": stats_s, "stats_mb": stats_mb,
                   "viz_s": viz_s, "viz_mb": viz_mb, "html_mb": html.stat().st_size / 1e6}
            if not args.no_pyvis:
                pv_s, pv_mb = run([sys.executable, "-c", PYVIS_SCRIPT, str(store_dir),
                                   str(Path(tmp) / f"pyvis-{size}.html")])
                row.update(pyvis_s=pv_s, pyvis_mb=pv_mb)
            if not args.no_browser:
                row["open_s"], row["interact_s"] = browse(html)
            rows.append(row)
            print(row, file=sys.stderr)
    print("| nodes | edges | `kg stats` (baseline) | `kg viz` | ratio | peak RSS stats / viz | page |"
          + (" plain pyvis | " if not args.no_pyvis else "")
          + (" Chromium: drawn, layout stopped | drag + zoom |" if not args.no_browser else ""))
    print("|---" * (7 + (not args.no_pyvis) + 2 * (not args.no_browser)) + "|")
    for r in rows:
        line = (f"| {r['nodes']:,} | {r['edges']:,} | {r['stats_s']:.2f} s | {r['viz_s']:.2f} s | "
                f"{r['viz_s'] / r['stats_s']:.1f}x | {r['stats_mb']:.0f} / {r['viz_mb']:.0f} MB | "
                f"{r['html_mb']:.1f} MB |")
        if "pyvis_s" in r:
            line += f" {r['pyvis_s']:.2f} s, {r['pyvis_mb']:.0f} MB |"
        if "open_s" in r:
            line += f" {r['open_s']:.1f} s | {r['interact_s']:.2f} s |"
        print(line)


if __name__ == "__main__":
    main()
