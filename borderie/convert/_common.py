"""Helpers shared by the format converters."""

from __future__ import annotations

import logging
import warnings
from typing import Any, Mapping

from ..document import Document, Entity, Relation
from ..errors import CONVERSION_PROBLEM, FOREIGN_PART_IGNORED, ConversionError, ConversionWarning, \
    InvalidDocumentError, Problem

logger = logging.getLogger(__name__)


def problem(message: str, *, path: str | None = None, line: int | None = None, doc_id: str | None = None) -> Problem:
    return Problem(CONVERSION_PROBLEM, message, doc_id, line, path)


def warn(message: str, code: str = FOREIGN_PART_IGNORED, *, path: str | None = None, line: int | None = None,
         doc_id: str | None = None) -> None:
    """Report a lossy or guessed import step through :mod:`warnings` (a :class:`ConversionWarning`)."""
    where = ":".join(str(x) for x in (path, line) if x is not None)
    doc = f"[{doc_id}] " if doc_id is not None else ""
    warnings.warn(ConversionWarning(f"{where + ': ' if where else ''}{doc}{message}", code), stacklevel=3)


def build_document(record: Mapping[str, Any], *, path: str | None = None, line: int | None = None) -> Document:
    """A validated :class:`Document` from a gold-style record, errors located in the source file."""
    try:
        return Document.from_dict(record)
    except InvalidDocumentError as err:
        raise ConversionError(f"{path or 'input'}: the converted document is not valid",
                              [p.located(path=path, line=line) for p in err.problems]) from None


def gold_record(doc_id: str, text: str, entities: list[dict[str, Any]], relations: list[dict[str, Any]],
                **fields: Any) -> dict[str, Any]:
    return {"id": doc_id, "lang": fields.pop("lang", None), "date": fields.pop("date", None),
            "source": fields.pop("source", None), "text": text, "entities": entities, "relations": relations,
            **fields}


def entity_ids(doc: Document) -> dict[int, str]:
    """Stable ids for a document's entities, as :meth:`Document.to_dict` writes them."""
    return {i: e["id"] for i, e in enumerate(doc.to_dict()["entities"])}


def relation_refs(doc: Document) -> list[tuple[str, str, Relation]]:
    """``(head id, tail id, relation)`` for every relation, ids as in :func:`entity_ids`."""
    data = doc.to_dict()
    return [(r["head"], r["tail"], rel) for r, rel in zip(data["relations"], doc.relations)]


__all__ = ["ConversionError", "Entity", "problem", "warn", "logger", "build_document", "gold_record", "entity_ids",
           "relation_refs"]
