"""The one place where offsets are recomputed: rewrite parts of a document's text, keep every span exact.

:func:`apply_edits` replaces ranges of ``doc.text`` (inside entities, over whole
entities, or between them) and shifts every entity so that
``new.text[e.start:e.end] == e.text`` holds again; relations are rebuilt to
point at the moved entities. :func:`replace_spans` is the entity-level form:
give each entity to change its new surface.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from ..document import Document, Entity
from ..errors import UsageError
from ..gazetteer.place import Place

__all__ = ["Edit", "Rewrite", "KEEP", "apply_edits", "replace_spans", "entity_index"]


class _Keep:
    """Sentinel: leave the entity's ``value``/``place`` as it is."""

    _instance: "_Keep | None" = None

    def __new__(cls) -> "_Keep":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()
"""Marks an entity field to keep unchanged in a :class:`Rewrite`."""


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``new`` (``start == end`` inserts)."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Rewrite:
    """A new surface for one entity, and optionally a new ``value`` or ``place`` (``None`` clears it)."""

    text: str
    value: Mapping[str, Any] | None | _Keep = KEEP
    place: Place | None | _Keep = KEEP


def entity_index(doc: Document, key: int | Entity) -> int:
    """The position in ``doc.entities`` of ``key`` (an index, or the entity itself)."""
    if isinstance(key, bool) or not isinstance(key, (int, Entity)):
        raise UsageError(f"an entity key must be an index or an Entity, got {type(key).__name__}")
    if isinstance(key, int):
        if not -len(doc.entities) <= key < len(doc.entities):
            raise UsageError(f"document {doc.id!r} has {len(doc.entities)} entities, no index {key}")
        return key % len(doc.entities)
    for i, e in enumerate(doc.entities):
        if e is key:
            return i
    for i, e in enumerate(doc.entities):
        if e == key:
            return i
    raise UsageError(f"document {doc.id!r} has no entity {key.text!r} at [{key.start}, {key.end})")


def _check_edits(doc: Document, edits: Sequence[Edit]) -> list[Edit]:
    n = len(doc.text)
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for e in ordered:
        if not isinstance(e.new, str):
            raise UsageError(f"edit {e!r}: the new text must be a string")
        if not 0 <= e.start <= e.end <= n:
            raise UsageError(f"edit [{e.start}, {e.end}) is out of range for document {doc.id!r} "
                             f"of {n} characters")
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end or (a.start == a.end == b.start == b.end):
            raise UsageError(f"edits [{a.start}, {a.end}) and [{b.start}, {b.end}) overlap")
    return ordered


def apply_edits(doc: Document, edits: Iterable[Edit],
                rewrites: Mapping[int, Rewrite] | None = None) -> Document:
    """A copy of ``doc`` with ``edits`` applied to its text and every offset moved to match.

    An edit may lie between entities, inside one entity, or cover exactly one
    entity; an insertion at an entity's start goes before it, at its end after
    it. An edit that cuts across an entity boundary, overlapping edits, or an
    edit that empties an entity raise :class:`~borderie.errors.UsageError`.
    ``rewrites`` (by entity index) may replace an entity's ``value``/``place``
    (its ``text`` field is ignored here: the edits decide the new text).
    Relations keep pointing at the same (moved) entities.
    """
    ordered = _check_edits(doc, list(edits))
    rewrites = rewrites or {}
    pieces, pos = [], 0
    for e in ordered:
        pieces.append(doc.text[pos:e.start])
        pieces.append(e.new)
        pos = e.end
    pieces.append(doc.text[pos:])
    text = "".join(pieces)

    new_entities: list[Entity] = []
    for i, ent in enumerate(doc.entities):
        before = inside = 0
        for e in ordered:
            delta = len(e.new) - (e.end - e.start)
            if e.end <= ent.start:  # wholly before (an insertion at the start goes before)
                before += delta
            elif e.start >= ent.end:
                continue
            elif ent.start <= e.start and e.end <= ent.end:
                inside += delta
            else:
                raise UsageError(f"edit [{e.start}, {e.end}) cuts across entity {ent.text!r} "
                                 f"[{ent.start}, {ent.end}) of document {doc.id!r}")
        start, end = ent.start + before, ent.end + before + inside
        if end <= start:
            raise UsageError(f"the edits leave entity {ent.text!r} of document {doc.id!r} empty")
        changes: dict[str, Any] = {"start": start, "end": end, "text": text[start:end]}
        rw = rewrites.get(i)
        if rw is not None:
            if rw.value is not KEEP:
                changes["value"] = rw.value
            if rw.place is not KEEP:
                changes["place"] = rw.place
        new_entities.append(dataclasses.replace(ent, **changes))

    position = {id(e): i for i, e in enumerate(doc.entities)}

    def moved(e: Entity) -> Entity:
        i = position.get(id(e))
        if i is None:
            i = entity_index(doc, e)
        return new_entities[i]

    relations = tuple(dataclasses.replace(r, head=moved(r.head), tail=moved(r.tail)) for r in doc.relations)
    return dataclasses.replace(doc, text=text, entities=tuple(new_entities), relations=relations)


def replace_spans(doc: Document, replacements: Mapping[int | Entity, "str | Rewrite"]) -> Document:
    """A copy of ``doc`` where each given entity's surface is replaced, every offset shifted to match.

    Keys are entity indexes (into ``doc.entities``) or the entities
    themselves; values the new surface (``str``) or a :class:`Rewrite` that
    also sets the entity's ``value``/``place``. A plain string keeps both.

    >>> from borderie import Document, Entity
    >>> d = Document("x", "Nậm Pồ borders Laos.", entities=(Entity(0, 6, "LOC", "Nậm Pồ"), Entity(15, 19, "LOC", "Laos")))
    >>> new = replace_spans(d, {0: "Nam Po District"})
    >>> [(e.text, new.text[e.start:e.end]) for e in new.entities]
    [('Nam Po District', 'Nam Po District'), ('Laos', 'Laos')]
    """
    edits, rewrites = [], {}
    for key, new in replacements.items():
        i = entity_index(doc, key)
        rw = new if isinstance(new, Rewrite) else Rewrite(new)
        if not isinstance(rw.text, str) or not rw.text:
            raise UsageError(f"the new surface of entity {doc.entities[i].text!r} must be a non-empty string")
        if i in rewrites:
            raise UsageError(f"entity {doc.entities[i].text!r} is given twice")
        ent = doc.entities[i]
        edits.append(Edit(ent.start, ent.end, rw.text))
        rewrites[i] = rw
    return apply_edits(doc, edits, rewrites)
