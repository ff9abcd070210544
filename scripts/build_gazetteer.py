#!/usr/bin/env python3
"""Build (or rebuild) the cached gazetteer index ahead of time.

Why: the first ``Gazetteer.load()`` on a machine indexes ~235k GeoNames places (~12 s);
running this once, e.g. after installing, keeps that cost out of the first pipeline run.
Usage: python scripts/build_gazetteer.py [--cache-dir DIR] [--min-population 500] [--check]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract.gazetteer import MIN_CITY_POPULATION, Gazetteer, cache_path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--cache-dir", type=Path, default=None, help="default: $KG_CACHE_DIR, ~/.cache/conflict-kg"
    )
    ap.add_argument(
        "--min-population", type=int, default=MIN_CITY_POPULATION, choices=(500, 1000, 5000, 15000)
    )
    ap.add_argument("--check", action="store_true", help="reuse a valid cache, else build it")
    args = ap.parse_args()
    t0 = time.perf_counter()
    g = Gazetteer.load(args.cache_dir, rebuild=not args.check, min_population=args.min_population)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    Gazetteer.load(args.cache_dir, min_population=args.min_population)
    reload = time.perf_counter() - t0
    path = cache_path(args.cache_dir, args.min_population)
    size = path.stat().st_size / 1e6 if path.exists() else 0.0
    place = g.lookup("Mosul")
    print(f"index: {path} ({size:.1f} MB)")
    print(f"build/load: {built:.2f} s; cached load: {reload:.2f} s; Mosul -> {place}")


if __name__ == "__main__":
    main()
