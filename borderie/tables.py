"""Documents as pandas tables (needs ``pandas``): one row per entity or per relation."""

from __future__ import annotations

from typing import Any, Iterable

from .aggregate import canonical_entities
from .document import Document
from .errors import UsageError

KINDS = ("entities", "relations")
ENTITY_COLUMNS = ("doc_id", "lang", "date", "start", "end", "label", "text", "score", "canonical", "canonical_key",
                  "place_id", "place_name", "country", "level", "lat", "lon", "value")
RELATION_COLUMNS = ("doc_id", "lang", "date", "label", "score", "head_text", "head_label", "head_canonical", "tail_text",
                    "tail_label", "tail_canonical", "tail_value", "sentence")


def _entity_row(doc: Document, e, canon) -> dict[str, Any]:
    c = canon.get(id(e))
    p = e.place
    return {
        "doc_id": doc.id, "lang": doc.lang, "date": doc.date, "start": e.start, "end": e.end, "label": e.label,
        "text": e.text, "score": e.score, "canonical": c.name if c else None, "canonical_key": c.key if c else None,
        "place_id": p.id if p else None, "place_name": p.name if p else None, "country": p.country if p else None,
        "level": p.level if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
        "value": dict(e.value) if e.value is not None else None,
    }


def to_dataframe(documents: Iterable[Document], kind: str = "entities") -> Any:
    """A :class:`pandas.DataFrame` of the entities (default) or relations of ``documents``.

    Relation rows hold both arguments (text, label, canonical name), the
    relation label and score, and the sentence that states it.
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
        if kind == "entities":
            rows.extend(_entity_row(doc, e, canon) for e in doc.entities)
            continue
        for r in doc.relations:
            h, t = canon.get(id(r.head)), canon.get(id(r.tail))
            sentence = doc.sentence_of(r.head)
            rows.append({
                "doc_id": doc.id, "lang": doc.lang, "date": doc.date, "label": r.label, "score": r.score,
                "head_text": r.head.text, "head_label": r.head.label, "head_canonical": h.name if h else r.head.text,
                "tail_text": r.tail.text, "tail_label": r.tail.label, "tail_canonical": t.name if t else r.tail.text,
                "tail_value": dict(r.tail.value) if r.tail.value is not None else None,
                "sentence": sentence.text if sentence else None,
            })
    return pd.DataFrame(rows, columns=list(ENTITY_COLUMNS if kind == "entities" else RELATION_COLUMNS))
