"""The post-processing step where entities receive normalised values and gazetteer places.

:func:`enrich_entities` is called by the pipeline on every predicted
document, after entities and relations are decoded. It is the single place
where DATE/QUANTITY values (:func:`borderie.values.value_for`, resolved
against the article date) and LOC/FAC places (:func:`borderie.gazetteer.link`,
with the mention's sentence as context, the article date, and the other
place mentions of the document as support) are attached. Offsets and texts
are never changed.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Document, Entity, Relation
from ..gazetteer import link
from ..gazetteer.link import link_all
from ..schema import PLACE_LABELS, VALUE_LABELS
from ..values import value_for

CONTEXT_BEFORE = 40
"""Characters before a QUANTITY searched for a qualifier ("more than 182 km" -> span "182 km")."""


def enrich_entity(doc: Document, entity: Entity, others: tuple[str, ...] = ()) -> Entity:
    """``entity`` with its ``value`` or ``place`` filled in (unchanged if nothing applies)."""
    if entity.label in VALUE_LABELS and entity.value is None:
        value = value_for(entity.label, entity.text, lang=doc.lang, ref=doc.date,
                          context_before=doc.text[max(0, entity.start - CONTEXT_BEFORE):entity.start])
        return replace(entity, value=value) if value is not None else entity
    if entity.label in PLACE_LABELS and entity.place is None:
        sentence = doc.sentence_of(entity)
        context, at = (sentence.text, entity.start - sentence.start) if sentence else (doc.text, entity.start)
        place = link(entity.text, context, doc.date, lang=doc.lang, others=others, at=at)
        return replace(entity, place=place) if place is not None else entity
    return entity


def _link_places(doc: Document, others: tuple[str, ...]) -> dict[Entity, Entity]:
    """The document's unlinked LOC/FAC entities with their places, linked together (one name, one place)."""
    todo = [e for e in doc.entities if e.label in PLACE_LABELS and e.place is None]
    mentions = []
    for e in todo:
        sentence = doc.sentence_of(e)
        mentions.append((e.text, sentence.text, e.start - sentence.start) if sentence else (e.text, doc.text, e.start))
    places = link_all(mentions, doc.date, others=others)
    return {e: replace(e, place=p) for e, p in zip(todo, places) if p is not None}


def enrich_entities(doc: Document) -> Document:
    """``doc`` with values and places attached to its entities; relations follow the new entities."""
    others = tuple(dict.fromkeys(e.text for e in doc.entities if e.label in PLACE_LABELS))
    placed = _link_places(doc, others)
    new = {e: placed.get(e) or (e if e.label in PLACE_LABELS else enrich_entity(doc, e, others))
           for e in doc.entities}  # entities hash and compare by value
    if all(new[e] is e for e in doc.entities):
        return doc
    relations = tuple(Relation(new.get(r.head, r.head), new.get(r.tail, r.tail), r.label, r.score, r.meta)
                      for r in doc.relations)
    return replace(doc, entities=tuple(new[e] for e in doc.entities), relations=relations)
