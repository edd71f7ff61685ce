"""Country outlines and Vietnam's land borders, shipped with borderie (read offline, never downloaded).

``borderie/data/boundaries.json.gz`` is built by ``scripts/build_boundaries.py`` from Natural Earth's 1:10m
"Admin 0 - Countries" (public domain; see NOTICE): the countries around Vietnam, clipped to Indochina and
simplified together, and the lines Vietnam shares with China, Laos and Cambodia.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from importlib import resources

from ..errors import BOUNDARY_DATA, GazetteerDataError

BOUNDARY_FILE = "boundaries.json.gz"

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Boundaries:
    """``countries``: ISO code -> polygons, each a tuple of rings (outer first) of (lon, lat);
    ``borders``: neighbour code (CN, LA, KH) -> the lines of its land border with Vietnam."""

    source: str
    countries: dict[str, tuple[tuple[Ring, ...], ...]]
    borders: dict[str, tuple[Ring, ...]]


def _ring(points) -> Ring:
    return tuple((float(x), float(y)) for x, y in points)


@functools.lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    """The shipped outlines (read once)."""
    try:
        raw = resources.files("borderie.data").joinpath(BOUNDARY_FILE).read_bytes()
        data = json.loads(gzip.decompress(raw))
        countries = {iso: tuple(tuple(_ring(r) for r in poly) for poly in polys)
                     for iso, polys in data["countries"].items()}
        borders = {name.split("-", 1)[1]: tuple(_ring(line) for line in lines)
                   for name, lines in data["borders"].items()}
        return Boundaries(data["source"], countries, borders)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as err:
        raise GazetteerDataError(f"borderie/data/{BOUNDARY_FILE} is missing or unreadable ({err}); "
                                 "reinstall borderie", code=BOUNDARY_DATA) from err
