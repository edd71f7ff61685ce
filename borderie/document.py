"""The document model: :class:`Entity`, :class:`Relation`, :class:`Sentence`, :class:`Document`.

All offsets are Python string offsets (code points, end exclusive) into the
text exactly as the user gave it: ``doc.text[e.start:e.end] == e.text``.
Objects are frozen; ``to_dict``/``from_dict`` round-trip the gold JSONL
format of ``annotation-guidelines.md`` without loss (unknown keys are kept in
``meta``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Collection, Iterator, Mapping

from .coerce import as_date
from .errors import InvalidDocumentError
from .gazetteer.place import Place
from .sentences import Sentence, sentence_index, split_sentences
from .validation import check_record, errors_only

_EMPTY: Mapping[str, Any] = MappingProxyType({})

_ENTITY_KEYS = ("id", "start", "end", "label", "text", "score", "value", "place")
_RELATION_KEYS = ("head", "tail", "label", "score")
_DOCUMENT_KEYS = ("id", "lang", "date", "source", "text", "entities", "relations")


def default_id(text: str) -> str:
    """The id of a text given without one: ``doc-`` and the first 12 hex digits of its SHA-1.

    The same text always gets the same id (in :meth:`Extractor.pipe`, in
    :class:`borderie.batch.Predictor`, across batches and runs).
    """
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _freeze(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return _EMPTY if not mapping else MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Entity:
    """A labelled mention ``text[start:end]``.

    ``value`` holds a normalised value where one applies (DATE: ISO date or
    range; QUANTITY: number, unit, qualifier); ``place`` the gazetteer entry a
    LOC or FAC mention links to; ``score`` the model's confidence (None for
    gold).
    """

    start: int
    end: int
    label: str
    text: str
    id: str | None = None
    score: float | None = None
    value: Mapping[str, Any] | None = field(default=None, hash=False)
    place: Place | None = field(default=None, hash=False)
    meta: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, hash=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.value is not None and not isinstance(self.value, MappingProxyType):
            object.__setattr__(self, "value", MappingProxyType(dict(self.value)))
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", _freeze(self.meta))

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out.update(start=self.start, end=self.end, label=self.label, text=self.text)
        if self.score is not None:
            out["score"] = self.score
        if self.value is not None:
            out["value"] = dict(self.value)
        if self.place is not None:
            out["place"] = self.place.to_dict(full=False)
        out.update(self.meta)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Entity":
        place = data.get("place")
        return cls(
            start=data["start"], end=data["end"], label=data["label"], text=data["text"],
            id=data.get("id"), score=data.get("score"), value=data.get("value"),
            place=Place.from_dict(place) if place is not None else None,
            meta={k: v for k, v in data.items() if k not in _ENTITY_KEYS},
        )


@dataclass(frozen=True)
class Relation:
    """A directed, labelled link ``head -> tail`` between two entities of one document."""

    head: Entity
    tail: Entity
    label: str
    score: float | None = None
    meta: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, hash=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", _freeze(self.meta))


@dataclass(frozen=True)
class Document:
    """An article with its entities and relations.

    ``date`` is the publication date (used to resolve "October 15",
    "Wednesday"). Build one with :meth:`from_dict` (validated) or directly.
    """

    id: str
    text: str
    lang: str | None = None
    date: _dt.date | None = None
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, hash=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.date, _dt.date) or isinstance(self.date, _dt.datetime):
            object.__setattr__(self, "date", as_date(self.date, what=f"document {self.id!r}: date"))
        object.__setattr__(self, "entities", tuple(sorted(self.entities, key=lambda e: (e.start, e.end))))
        object.__setattr__(self, "relations", tuple(self.relations))
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", _freeze(self.meta))

    # -- helpers ---------------------------------------------------------
    def entities_by_label(self, label: str) -> tuple[Entity, ...]:
        """The entities carrying ``label``, in reading order."""
        return tuple(e for e in self.entities if e.label == label)

    def relations_by_label(self, label: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.label == label)

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (``KeyError`` if there is none)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of ``text``, with offsets (see :mod:`borderie.sentences`)."""
        return split_sentences(self.text)

    def sentence_of(self, entity: Entity) -> Sentence | None:
        """The sentence holding the start of ``entity`` (:func:`borderie.sentences.sentence_index`)."""
        i = sentence_index(self.sentences, entity.start)
        return self.sentences[i] if i >= 0 else None

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    # -- serialisation ---------------------------------------------------
    def _entity_ids(self) -> dict[int, str]:
        """An id for every entity (by position): its own, or a fresh ``eN``."""
        taken = {e.id for e in self.entities if e.id is not None}
        ids: dict[int, str] = {}
        n = 0
        for i, e in enumerate(self.entities):
            if e.id is not None:
                ids[i] = e.id
                continue
            n += 1
            while f"e{n}" in taken:
                n += 1
            ids[i] = f"e{n}"
        return ids

    def to_dict(self) -> dict[str, Any]:
        """This document in the gold JSONL format (plus score/value/place where set)."""
        ids = self._entity_ids()
        index = {id(e): i for i, e in enumerate(self.entities)}

        def ref(e: Entity) -> str:
            if id(e) in index:
                return ids[index[id(e)]]
            for i, other in enumerate(self.entities):  # an equal entity built elsewhere
                if other == e:
                    return ids[i]
            raise InvalidDocumentError(f"document {self.id!r}: a relation points at an entity "
                                       f"that is not among its entities: {e!r}")

        relations = []
        for r in self.relations:
            out: dict[str, Any] = {"head": ref(r.head), "tail": ref(r.tail), "label": r.label}
            if r.score is not None:
                out["score"] = r.score
            out.update(r.meta)
            relations.append(out)
        entities = []
        for i, e in enumerate(self.entities):
            d = e.to_dict()
            d["id"] = ids[i]
            entities.append({"id": d.pop("id"), **d})
        return {
            "id": self.id,
            "lang": self.lang,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "text": self.text,
            "entities": entities,
            "relations": relations,
            **self.meta,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, tolerate: Collection[str] = ()) -> "Document":
        """Build a document from a decoded gold record, validating it first.

        Raises :class:`InvalidDocumentError` listing every problem found.
        Problems whose code is in ``tolerate`` do not stop it (the evaluator
        reads other systems' relations that break the type rules so).
        """
        errors = [p for p in errors_only(check_record(data)) if p.code not in tolerate]
        if errors:
            doc_id = data.get("id") if isinstance(data, Mapping) else None
            raise InvalidDocumentError(f"document {doc_id!r} is not valid", errors)
        entities = [Entity.from_dict(e) for e in data.get("entities", [])]
        by_id = {e.id: e for e in entities}
        relations = [
            Relation(by_id[r["head"]], by_id[r["tail"]], r["label"], r.get("score"),
                     meta={k: v for k, v in r.items() if k not in _RELATION_KEYS})
            for r in data.get("relations", [])
        ]
        return cls(
            id=data["id"], text=data["text"], lang=data.get("lang"), date=data.get("date"),
            entities=tuple(entities), relations=tuple(relations), source=data.get("source"),
            meta={k: v for k, v in data.items() if k not in _DOCUMENT_KEYS},
        )

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_json(cls, line: str) -> "Document":
        return cls.from_dict(json.loads(line))
