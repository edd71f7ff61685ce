"""Documents as pandas tables (needs ``pandas``): one row per entity or per relation.

The two tables join: an entity row carries ``(doc_id, entity_id)`` and a
relation row ``(doc_id, head_id)`` and ``(doc_id, tail_id)``, ids as
:meth:`Document.to_dict` writes them; both also carry offsets and place ids::

    heads = rels.merge(ents, left_on=["doc_id", "head_id"], right_on=["doc_id", "entity_id"])
"""

from __future__ import annotations

from typing import Any, Iterable

from .aggregate import canonical_entities
from .document import Document
from .errors import UsageError

KINDS = ("entities", "relations")
ENTITY_COLUMNS = ("doc_id", "lang", "date", "entity_id", "start", "end", "label", "text", "score", "canonical",
                  "canonical_key", "place_id", "place_name", "country", "level", "lat", "lon", "value")
RELATION_COLUMNS = ("doc_id", "lang", "date", "label", "score", "head_id", "head_start", "head_end", "head_text",
                    "head_label", "head_canonical", "head_place_id", "tail_id", "tail_start", "tail_end", "tail_text",
                    "tail_label", "tail_canonical", "tail_place_id", "tail_value", "sentence")


def _entity_ids(doc: Document) -> dict[int, str]:
    """``id(entity) -> entity id`` as :meth:`Document.to_dict` writes it (the join key of the two tables)."""
    ids = [e["id"] for e in doc.to_dict()["entities"]]
    return {id(e): ids[i] for i, e in enumerate(doc.entities)}


def _ref(doc: Document, e, ids: dict[int, str]) -> str | None:
    """The id of a relation argument (the same object as an entity of ``doc``, or an equal one)."""
    if id(e) in ids:
        return ids[id(e)]
    return next((ids[id(other)] for other in doc.entities if other == e), None)


def _entity_row(doc: Document, e, canon, ids) -> dict[str, Any]:
    c = canon.get(id(e))
    p = e.place
    return {
        "doc_id": doc.id, "lang": doc.lang, "date": doc.date, "entity_id": ids[id(e)], "start": e.start,
        "end": e.end, "label": e.label, "text": e.text, "score": e.score, "canonical": c.name if c else None,
        "canonical_key": c.key if c else None,
        "place_id": p.id if p else None, "place_name": p.name if p else None, "country": p.country if p else None,
        "level": p.level if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
        "value": dict(e.value) if e.value is not None else None,
    }


def to_dataframe(documents: Iterable[Document], kind: str = "entities") -> Any:
    """A :class:`pandas.DataFrame` of the entities (default) or relations of ``documents``.

    Relation rows hold both arguments (entity id, offsets, text, label,
    canonical name, place id), the relation label and score, and the
    sentence that states it; see the module docstring for joining them.
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("borderie.to_dataframe needs pandas: pip install 'borderie[notebooks]'") from None
    if kind not in KINDS:
        raise UsageError(f"kind must be one of {KINDS}, got {kind!r}")
    rows = []
    for doc in documents:
        canon = canonical_entities(doc)
        ids = _entity_ids(doc)
        if kind == "entities":
            rows.extend(_entity_row(doc, e, canon, ids) for e in doc.entities)
            continue
        for r in doc.relations:
            h, t = canon.get(id(r.head)), canon.get(id(r.tail))
            sentence = doc.sentence_of(r.head)
            rows.append({
                "doc_id": doc.id, "lang": doc.lang, "date": doc.date, "label": r.label, "score": r.score,
                "head_id": _ref(doc, r.head, ids), "head_start": r.head.start, "head_end": r.head.end,
                "head_text": r.head.text, "head_label": r.head.label, "head_canonical": h.name if h else r.head.text,
                "head_place_id": r.head.place.id if r.head.place else None,
                "tail_id": _ref(doc, r.tail, ids), "tail_start": r.tail.start, "tail_end": r.tail.end,
                "tail_text": r.tail.text, "tail_label": r.tail.label, "tail_canonical": t.name if t else r.tail.text,
                "tail_place_id": r.tail.place.id if r.tail.place else None,
                "tail_value": dict(r.tail.value) if r.tail.value is not None else None,
                "sentence": sentence.text if sentence else None,
            })
    return pd.DataFrame(rows, columns=list(ENTITY_COLUMNS if kind == "entities" else RELATION_COLUMNS))
