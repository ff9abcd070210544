"""Benchmark: a light query's latency through ``kg serve`` while ``kg build`` writes into the
store it serves.

A store holding the seed is served (``kg serve --timeout 3``); then ``kg build --jobs 2`` adds
``--docs`` reports (the development corpus copied with their own titles, as bench_build.py does)
into that same store while a client sends one light query after another (``SELECT ?l WHERE {
?x rdfs:label ?l } LIMIT 1``, a pause of ``--pause`` seconds between them). Printed: the query's
p50 / p95 / max and the count of non-200 answers, on the quiet store and during the build, and the
build's time with and without the server and the client running. Not part of the test suite;
~2 minutes at the defaults::

    python benchmarks/bench_serve_during_build.py [--docs 200] [--pause 0.02]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_build import make_corpus  # noqa: E402
from server_helpers import KgServe  # noqa: E402

LIGHT = "SELECT ?l WHERE { ?x rdfs:label ?l } LIMIT 1"


def kg(store: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_DEBUG")}
    return subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), *args], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def seed_store(path: Path) -> None:
    proc = kg(path, "build", str(ROOT / "seeds"))
    if proc.wait() != 0:
        sys.exit(f"kg build seeds failed: {proc.stderr.read().decode()}")  # type: ignore[union-attr]


def stats(name: str, lat: list[float], bad: int) -> None:
    lat = sorted(lat)
    p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
    print(f"| {name} | {len(lat)} | {statistics.median(lat) * 1000:.1f} ms | "
          f"{p95 * 1000:.1f} ms | {lat[-1] * 1000:.1f} ms | {bad} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--pause", type=float, default=0.02, help="seconds between queries")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-serve-") as tmp:
        work = Path(tmp)
        src = work / "src"
        src.mkdir()
        make_corpus(src, args.docs)

        # the build alone, for its time without a server
        alone = work / "alone"
        seed_store(alone)
        t0 = time.monotonic()
        proc = kg(alone, "build", "--jobs", "2", str(src))
        if proc.wait() != 0:
            sys.exit(proc.stderr.read().decode())  # type: ignore[union-attr]
        build_alone = time.monotonic() - t0
        shutil.rmtree(alone)
        print(f"build alone: {build_alone:.1f} s", file=sys.stderr)

        store = work / "store"
        seed_store(store)
        with KgServe(store, ["--timeout", "3"]) as server:
            quiet: list[float] = []
            bad_quiet = 0
            for _ in range(100):
                t = time.monotonic()
                r = server.query(LIGHT, timeout=60)
                quiet.append(time.monotonic() - t)
                bad_quiet += r.status != 200
                time.sleep(args.pause)
            during: list[float] = []
            bad = 0
            t0 = time.monotonic()
            proc = kg(store, "build", "--jobs", "2", str(src))
            while proc.poll() is None:
                t = time.monotonic()
                r = server.query(LIGHT, timeout=60)
                during.append(time.monotonic() - t)
                if r.status != 200:
                    bad += 1
                    print(f"  {r.status}: {r.text[:200]}", file=sys.stderr)
                time.sleep(args.pause)
            build_served = time.monotonic() - t0
            print(f"build while served: {build_served:.1f} s, {len(during)} queries",
                  file=sys.stderr)
            if proc.returncode != 0:
                sys.exit(proc.stderr.read().decode())  # type: ignore[union-attr]
            # how long until the last document is visible
            t1 = time.monotonic()
            count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ckg:Article }"
            while True:
                n = int(server.query(count).json()["results"]["bindings"][0]["n"]["value"])
                if n == args.docs + 1 or time.monotonic() - t1 > 60:
                    break
                time.sleep(0.05)
            visible = time.monotonic() - t1
        print(f"{args.docs} documents, kg serve --timeout 3 (2 workers), a light query every "
              f"{args.pause:g} s + its own time\n")
        print("| when | queries | p50 | p95 | max | non-200 |")
        print("|---|---|---|---|---|---|")
        stats("quiet store", quiet, bad_quiet)
        stats(f"during the {args.docs}-document build", during, bad)
        print(f"\nbuild alone {build_alone:.1f} s; build while served and queried "
              f"{build_served:.1f} s; all {n} documents visible {visible:.2f} s after it ended")


if __name__ == "__main__":
    main()
