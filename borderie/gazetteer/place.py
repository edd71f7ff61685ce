"""The :class:`Place` record: one version of one administrative unit or landmark."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Mapping


@dataclass(frozen=True)
class Place:
    """A gazetteer entry as attached to a linked mention.

    ``id`` is stable and era-qualified (``vn:p:11@1991``); ``name`` is the
    canonical spelling (full Vietnamese diacritics for Vietnamese units);
    ``country`` is ISO 3166-1 alpha-2; ``level`` is one of ``country``,
    ``province``, ``prefecture``, ``district``, ``commune``, ``border_gate``,
    ``town``, ``marker``, ``region``.
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
    score: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Place":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
