"""Place names for the augmenter: swap LOC mentions for other places of the same kind.

A *kind* is a country and an administrative level (``VN`` ``province``, ``LA``
``district``, a ``country``...). Where places come from is a
:class:`PlaceSource`:

* :class:`GazetteerPlaces` reads the shipped gazetteer
  (:mod:`borderie.gazetteer.store`): thousands of units in both eras of the
  2025 Vietnamese reform, with names per language, and the new mention gets
  the matching :class:`~borderie.gazetteer.place.Place` attached;
* :class:`BuiltinPlaces` is a small hand-written list of border places, used
  when the gazetteer cannot be loaded.

:func:`default_source` picks the first that works. :func:`swap_places`
replaces every LOC mention whose kind is known, consistently (one place ->
one new place, written in each mention's diacritics style), and the same name
inside ORG and FAC mentions (``Lao Cai Border Guard Command``).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Protocol, Sequence

from ..document import Document
from ..errors import BorderieError
from ..gazetteer.place import Place
from .diacritics import _FRENCH_ONLY, has_vietnamese_letter, apply_style, diacritic_style, strip_diacritics
from .edits import Edit, Rewrite, apply_edits

__all__ = ["PlaceKind", "PlaceSource", "BuiltinPlaces", "GazetteerPlaces", "default_source", "swap_places",
           "designated_level"]

LEVEL_ORDER = ("country", "province", "prefecture", "district", "commune", "town", "river", "region")


@dataclass(frozen=True)
class PlaceKind:
    """What a place is: its country (ISO 3166-1 alpha-2; ``None`` for countries and shared rivers) and level."""

    country: str | None
    level: str


class PlaceSource(Protocol):
    """Where :func:`swap_places` finds places."""

    def kinds_of(self, name: str) -> list[PlaceKind]:
        """The kinds of place ``name`` may denote, most likely first (empty when unknown)."""

    def names_of_kind(self, kind: PlaceKind, lang: str | None) -> Sequence[tuple[str, Place | None]]:
        """Names (in ``lang`` where the source has them) of places of ``kind``, with their gazetteer entry."""

    def identity(self, name: str) -> str:
        """A key shared by every spelling of the same place (``Phongsaly``, ``Phongsali``)."""


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", strip_diacritics(name).lower())


# (country, level, English name, French name); the French name is left empty when it is the same
_BUILTIN = [
    (None, "country", "Vietnam", ""), (None, "country", "Laos", ""), (None, "country", "China", "Chine"),
    (None, "country", "Cambodia", "Cambodge"), (None, "country", "Thailand", "Thaïlande"),
    (None, "country", "Myanmar", "Birmanie"),
    *(("VN", "province", n, "") for n in (
        "Điện Biên", "Lai Châu", "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn", "Quảng Ninh", "Sơn La",
        "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Quảng Nam", "Kon Tum", "Gia Lai",
        "Đắk Lắk", "Đắk Nông", "Bình Phước", "Tây Ninh", "Long An", "Đồng Tháp", "An Giang", "Kiên Giang")),
    *(("VN", "district", n, "") for n in (
        "Mường Nhé", "Nậm Pồ", "Mường Chà", "Sìn Hồ", "Phong Thổ", "Bát Xát", "Mường Khương", "Sông Mã",
        "Sốp Cộp", "Mường Lát", "Quế Phong", "Kỳ Sơn", "Tương Dương", "Hương Sơn", "Minh Hóa", "Hướng Hóa",
        "Đakrông", "Nam Giang", "Tây Giang", "Ngọc Hồi")),
    *(("LA", "province", n, "") for n in (
        "Phongsaly", "Luang Namtha", "Oudomxay", "Luang Prabang", "Houaphanh", "Xiengkhouang", "Bolikhamxay",
        "Khammouane", "Savannakhet", "Salavan", "Sekong", "Attapeu")),
    *(("LA", "district", n, "") for n in ("May", "Khoua", "Samphanh", "Boualapha", "Sepon", "Nong", "Dakcheung",
                                          "Sanxay", "Phouvong", "Viengxay")),
    *(("CN", "province", n, "") for n in ("Yunnan", "Guangxi")),
    *(("CN", "prefecture", n, "") for n in ("Honghe", "Wenshan", "Chongzuo", "Baise", "Fangchenggang", "Pu'er",
                                            "Xishuangbanna")),
    *(("CN", "district", n, "") for n in ("Hekou", "Jinping", "Malipo", "Funing", "Napo", "Jingxi", "Longzhou",
                                          "Ningming", "Pingxiang", "Dongxing", "Jiangcheng", "Mengla")),
    *(("KH", "province", n, "") for n in ("Ratanakiri", "Mondulkiri", "Kratie", "Tbong Khmum", "Svay Rieng",
                                          "Prey Veng", "Kandal", "Takeo", "Kampot", "Stung Treng")),
]


class BuiltinPlaces:
    """A small built-in list of border places (countries, VN/LA/KH provinces, border districts, Chinese units)."""

    def __init__(self) -> None:
        self._kinds: dict[str, list[PlaceKind]] = {}
        self._names: dict[PlaceKind, list[tuple[str, str]]] = {}
        for country, level, en, fr in _BUILTIN:
            kind = PlaceKind(country, level)
            self._names.setdefault(kind, []).append((en, fr or en))
            for name in {en, fr or en}:
                self._kinds.setdefault(_key(name), []).append(kind)
        self._kinds.setdefault(_key("Việt Nam"), [PlaceKind(None, "country")])
        self._kinds.setdefault(_key("Phong Sa Ly"), [PlaceKind("LA", "province")])
        self._kinds.setdefault(_key("Hua Phan"), [PlaceKind("LA", "province")])
        self._kinds.setdefault(_key("Xieng Khouang"), [PlaceKind("LA", "province")])

    def kinds_of(self, name: str) -> list[PlaceKind]:
        return list(self._kinds.get(_key(name), ()))

    def identity(self, name: str) -> str:
        return _key(name)

    def names_of_kind(self, kind: PlaceKind, lang: str | None) -> Sequence[tuple[str, Place | None]]:
        return [(fr if lang == "fr" else en, None) for en, fr in self._names.get(kind, ())]


class GazetteerPlaces:
    """Places from a :class:`borderie.gazetteer.store.Gazetteer` (the shipped one by default)."""

    def __init__(self, gazetteer: object | None = None) -> None:
        if gazetteer is None:
            from ..gazetteer.store import default

            gazetteer = default()
        from ..text import fold

        self._gaz = gazetteer
        self._fold = fold
        self._by_kind: dict[PlaceKind, list[int]] = {}
        self._pools: dict[tuple[PlaceKind, str | None], list[tuple[str, Place | None]]] = {}
        rows = getattr(gazetteer, "rows")
        for i, row in enumerate(rows):
            level = row.get("level")
            if level not in LEVEL_ORDER:
                continue
            kind = self._kind(row)
            self._by_kind.setdefault(kind, []).append(i)

    @staticmethod
    def _kind(row: dict) -> PlaceKind:
        level = row["level"]
        return PlaceKind(None if level in ("country", "river") else row.get("country"), level)

    def _rows(self, name: str) -> list[dict]:
        hits = self._gaz.lookup(self._fold(name))  # type: ignore[attr-defined]
        rows = [self._gaz.rows[i] for i, _ in hits]  # type: ignore[attr-defined]
        rows = [r for r in rows if r.get("level") in LEVEL_ORDER]
        rows.sort(key=lambda r: (LEVEL_ORDER.index(r["level"]), r.get("valid_to") is not None, r["id"]))
        return rows

    def identity(self, name: str) -> str:
        rows = self._rows(name)
        return rows[0]["id"] if rows else _key(name)

    def kinds_of(self, name: str) -> list[PlaceKind]:
        rows = self._rows(name)
        kinds: list[PlaceKind] = []
        for r in rows:
            k = self._kind(r)
            if k not in kinds:
                kinds.append(k)
        return kinds

    def names_of_kind(self, kind: PlaceKind, lang: str | None) -> Sequence[tuple[str, Place | None]]:
        cached = self._pools.get((kind, lang))
        if cached is not None:
            return cached
        out: list[tuple[str, Place | None]] = []
        for i in self._by_kind.get(kind, ()):
            row = self._gaz.rows[i]  # type: ignore[attr-defined]
            names = row.get("names") or {}
            name = _bare_name(names.get(lang or "en") or names.get("en") or row["name"])
            if name:
                out.append((name, self._gaz.place(i)))  # type: ignore[attr-defined]
        self._pools[(kind, lang)] = out
        return out


_DESIGNATOR_WORDS = (r"(?:province|provinces|district|commune|ward|city|town|prefecture|préfecture|county|ville|"
                     r"municipality|municipalité|thành phố|tỉnh|huyện|xã|phường)")
_LEADING_DESIGNATOR = re.compile(rf"^{_DESIGNATOR_WORDS}\s+(?:de\s+|d[’']|du\s+|of\s+)?", re.IGNORECASE)
_TRAILING_DESIGNATOR = re.compile(rf"\s+{_DESIGNATOR_WORDS}$", re.IGNORECASE)


def _bare_name(name: str) -> str:
    """``name`` without an administrative designator (``Vientiane Province`` -> ``Vientiane``): LOC spans
    hold the name only."""
    name = _TRAILING_DESIGNATOR.sub("", _LEADING_DESIGNATOR.sub("", name.strip()))
    return "" if re.search(rf"(?<!\w){_DESIGNATOR_WORDS}(?!\w)", name, re.IGNORECASE) else name


_DEFAULT_SOURCE: PlaceSource | None = None


def default_source() -> PlaceSource:
    """The shipped gazetteer when it loads, else :class:`BuiltinPlaces` (cached for the process)."""
    global _DEFAULT_SOURCE
    if _DEFAULT_SOURCE is None:
        try:
            _DEFAULT_SOURCE = GazetteerPlaces()
        except (ImportError, AttributeError, BorderieError, OSError):
            _DEFAULT_SOURCE = BuiltinPlaces()
    return _DEFAULT_SOURCE


_AFTER = re.compile(r"^[\s-]+(province|district|commune|ward|city|town|prefecture|county)\b", re.IGNORECASE)
_BEFORE = re.compile(r"\b(province|district|commune|ville|préfecture|prefecture|canton|xian|county|"
                     r"provinces|districts)\s+(?:de|d[’']|du|of)?\s*$", re.IGNORECASE)
_DESIGNATOR_LEVEL = {"province": "province", "provinces": "province", "district": "district",
                     "districts": "district", "commune": "commune", "ward": "commune", "city": "district",
                     "town": "district", "ville": "district", "prefecture": "prefecture", "préfecture": "prefecture",
                     "county": "district", "xian": "district", "canton": "district"}


def designated_level(text: str, start: int, end: int) -> str | None:
    """The level named by a designator next to ``text[start:end]`` (``[Điện Biên] Province``,
    ``district de [Nâm Pô]``), or ``None``."""
    m = _AFTER.match(text[end:end + 20])
    if m:
        return _DESIGNATOR_LEVEL[m.group(1).lower()]
    m = _BEFORE.search(text[max(0, start - 25):start])
    if m:
        return _DESIGNATOR_LEVEL[m.group(1).lower()]
    return None


def _write_like(new: str, original: str) -> str:
    """``new`` in ``original``'s diacritics style, when ``new`` is Vietnamese (``Thaïlande`` keeps its ï)."""
    vietnamese = any(has_vietnamese_letter(w) for w in new.split()) or (
        not new.isascii() and not any(c in _FRENCH_ONLY for c in new))
    out = apply_style(new, diacritic_style(original)) if vietnamese else new
    return out.upper() if original.isupper() and len(original) > 3 else out


def swap_places(doc: Document, rng: random.Random, *, source: PlaceSource | None = None,
                levels: Sequence[str] | None = None) -> Document:
    """``doc`` with its LOC mentions swapped for other places of the same kind (module docstring).

    A mention whose kind the source does not know, or whose level is not in
    ``levels`` (default: all), stays as it is. The new LOC mentions carry the
    new place's gazetteer entry (or none); FAC mentions whose text changed lose theirs.
    """
    source = source or default_source()
    chosen: dict[str, tuple[str, Place | None] | None] = {}
    edits: list[Edit] = []
    rewrites: dict[int, Rewrite] = {}
    surface_map: dict[str, str] = {}
    # never give two places the same new name, nor the name of a place the text already holds
    taken = {source.identity(e.text) for e in doc.entities if e.label == "LOC"}
    taken |= {_key(e.text) for e in doc.entities if e.label == "LOC"}
    for i, e in enumerate(doc.entities):
        if e.label != "LOC":
            continue
        k = source.identity(e.text)
        if k not in chosen:
            chosen[k] = None
            kinds = source.kinds_of(e.text)
            wanted = designated_level(doc.text, e.start, e.end)
            if wanted is not None and any(kd.level == wanted for kd in kinds):
                kinds = [kd for kd in kinds if kd.level == wanted]
            if kinds and (levels is None or kinds[0].level in levels):
                pool = [(n, p) for n, p in source.names_of_kind(kinds[0], doc.lang)
                        if n and (p.id if p is not None else _key(n)) not in taken and _key(n) not in taken]
                if pool:
                    chosen[k] = pick = rng.choice(pool)
                    taken.add(pick[1].id if pick[1] is not None else _key(pick[0]))
                    taken.add(_key(pick[0]))
        pick = chosen[k]
        if pick is None:
            continue
        new = _write_like(pick[0], e.text)
        edits.append(Edit(e.start, e.end, new))
        rewrites[i] = Rewrite(new, place=pick[1])
        surface_map[e.text] = new
    # the same names inside ORG and FAC mentions
    for i, e in enumerate(doc.entities):
        if e.label not in ("ORG", "FAC") or not surface_map:
            continue
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in sorted(surface_map, key=len, reverse=True))
                             + r")(?!\w)")
        inner = [Edit(e.start + m.start(), e.start + m.end(), surface_map[m.group(1)])
                 for m in pattern.finditer(e.text)]
        if inner:
            edits.extend(inner)
            if e.label == "FAC":
                rewrites[i] = Rewrite(e.text, place=None)
    return apply_edits(doc, edits, rewrites) if edits else doc
