"""The :class:`Place` record: one version of one administrative unit or landmark."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Mapping

LEVELS: tuple[str, ...] = (
    "country", "province", "prefecture", "district", "commune", "border_gate", "town", "marker", "region",
    "river", "landmark",
)
"""Known ``Place.level`` values (``river`` and ``landmark`` hold named natural features and sites)."""


@dataclass(frozen=True)
class Variant:
    """One spelling of a place name: ``kind`` is official, iso, press, exonym, historical,
    abbreviation or transliteration; ``lang`` an ISO 639-1 code or ``None``."""

    text: str
    kind: str = "official"
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "kind": self.kind}
        if self.lang:
            out["lang"] = self.lang
        return out


@dataclass(frozen=True)
class Link:
    """A predecessor/successor reference: ``share`` is ``full`` or ``partial``."""

    id: str
    share: str = "full"


def _pairs(value: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    if not value:
        return ()
    return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return _pairs(value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        if value and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) for v in value):
            return {k: _thaw(v) for k, v in value}
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Place:
    """A gazetteer entry as attached to a linked mention.

    ``id`` is stable and era-qualified (``vn:p:10@63`` = Lào Cai province of the
    63-province era, ``vn:p:15@34`` = Lào Cai of the 34-province era, ``vn:p:11`` =
    Điện Biên, unchanged by the 2025 reform); ``name`` is the canonical spelling
    (full Vietnamese diacritics for Vietnamese units, a chosen press form such as
    ``Phongsaly`` for Lao, Cambodian and Chinese ones); ``country`` is ISO 3166-1
    alpha-2; ``level`` is one of :data:`LEVELS`; ``unit_type`` the native type
    (``tỉnh``, ``huyện``, ``xã``, ``khoueng``, ``muang``, ``khaet``, ``srok``, ``xian``...).

    ``valid_from``/``valid_to`` are ISO dates (``None`` = open). ``names`` maps
    ``en``/``fr``/``vi`` to display names; ``variants`` lists known spellings;
    ``codes`` holds era-qualified codes (``gso``, ``iso3166_2``, ``mef``, ``geonames``);
    ``lat``/``lon`` come with ``coord_kind`` (centroid, seat, capital, point) and
    ``coord_source``. ``gate`` (border gates only) holds ``counterpart_id``,
    ``status``, ``mode``. ``score`` is set on places returned by the linker.

    Two records are equal when their identifying fields are (id, name,
    country, level, unit type, parent, validity, coordinates): the other
    fields describe the same place in more detail.
    Collections are stored as tuples so the record stays hashable; :meth:`to_dict`
    gives plain JSON-able dicts/lists and :meth:`from_dict` reads them back
    (lossless round trip).
    """

    id: str
    name: str
    country: str
    level: str
    unit_type: str | None = None
    parent_id: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    lat: float | None = None
    lon: float | None = None
    score: float | None = field(default=None, compare=False, repr=False)
    name_local: str | None = field(default=None, compare=False, repr=False)
    names: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)
    variants: tuple[Variant, ...] = field(default=(), compare=False, repr=False)
    predecessors: tuple[Link, ...] = field(default=(), compare=False, repr=False)
    successors: tuple[Link, ...] = field(default=(), compare=False, repr=False)
    codes: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)
    coord_kind: str | None = field(default=None, compare=False, repr=False)
    coord_source: str | None = field(default=None, compare=False, repr=False)
    borders: tuple[str, ...] = field(default=(), compare=False, repr=False)
    gate: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    sources: tuple[str, ...] = field(default=(), compare=False)
    notes: str | None = field(default=None, compare=False)

    # -- convenience -----------------------------------------------------------------------
    def display_name(self, lang: str | None = None) -> str:
        """The name to show for output language ``lang`` (``en``/``fr``/``vi``), else :attr:`name`."""
        return dict(self.names).get(lang or "", self.name)

    def valid_on(self, day: str) -> bool:
        """Whether this version existed on ``day`` (ISO ``YYYY-MM-DD``)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def code_map(self) -> dict[str, Any]:
        return dict(self.codes)

    @property
    def gate_info(self) -> dict[str, Any]:
        return _thaw(self.gate) if self.gate else {}

    # -- serialisation ---------------------------------------------------------------------
    def to_dict(self, *, full: bool = True) -> dict[str, Any]:
        """Plain JSON-able dict; empty and ``None`` fields are left out.

        ``full=False`` keeps only the identifying fields (id, name, country,
        level, unit type, parent, validity, coordinates) and the score: the
        compact form written with documents. The record is whole again from
        ``borderie.gazetteer.get(place.id)``.
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            if not full and not f.compare and f.name != "score":
                continue
            v = getattr(self, f.name)
            if v is None or v == ():
                continue
            if f.name in ("names", "codes", "gate"):
                v = _thaw(v) if f.name == "gate" else {k: _thaw(x) for k, x in v}
            elif f.name == "variants":
                v = [x.to_dict() for x in v]
            elif f.name in ("predecessors", "successors"):
                v = [{"id": x.id, "share": x.share} for x in v]
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Place":
        """Inverse of :meth:`to_dict` (also reads gazetteer rows; unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        kw: dict[str, Any] = {}
        for k, v in data.items():
            if k not in known or v is None:
                continue
            if k in ("names", "codes", "gate"):
                v = _pairs(v)
            elif k == "variants":
                v = tuple(Variant(x["text"], x.get("kind", "official"), x.get("lang")) for x in v)
            elif k in ("predecessors", "successors"):
                v = tuple(Link(x["id"], x.get("share", "full")) for x in v)
            elif k in ("borders", "sources"):
                v = tuple(v)
            kw[k] = v
        return cls(**kw)
