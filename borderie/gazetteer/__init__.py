"""Border gazetteer: places of Vietnam, Laos, Cambodia and China's border, and a linker.

    >>> from borderie.gazetteer import link, candidates, get, search
    >>> link("Nâm Pô", context="le district de Nâm Pô, province de Diên Biên", date="2024-05-01").name
    'Nậm Pồ'

The data (``borderie/data/gazetteer.jsonl.gz``, built by
``scripts/build_gazetteer.py``) is loaded once, on first use.
"""

from __future__ import annotations

from .link import Candidate, Explanation, candidates, link, link_all
from .place import LEVELS, Link, Place, Variant
from .store import Gazetteer, GazetteerDataError, default


def get(place_id: str) -> Place:
    """The place with this id (``vn:p:11``, ``la:p:PH``...); :class:`borderie.errors.UsageError` if unknown."""
    return default().get(place_id)


def search(query: str, limit: int = 10) -> list[Place]:
    """Places whose names match ``query`` (folded: case, diacritics, spaces ignored), best first."""
    return default().search(query, limit)


__all__ = ["Place", "Variant", "Link", "LEVELS", "Candidate", "Explanation", "Gazetteer", "GazetteerDataError",
           "link", "link_all", "candidates", "get", "search", "default"]
