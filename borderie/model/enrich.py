"""The post-processing step where entities receive normalised values and gazetteer places.

:func:`enrich_entities` is called by the pipeline on every predicted
document, after entities and relations are decoded. It is the single place
where DATE/QUANTITY values (``borderie.values``) and LOC/FAC places
(``borderie.gazetteer.link``) are attached. Until those modules are wired
in, it returns the document unchanged.
"""

from __future__ import annotations

from ..document import Document


def enrich_entities(doc: Document) -> Document:
    """Attach ``value`` and ``place`` to the entities of ``doc`` (currently: none attached)."""
    return doc
