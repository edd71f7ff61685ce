"""Training-data augmentation that keeps every offset exact.

* :func:`replace_spans` / :func:`apply_edits` — rewrite entity surfaces or any
  part of the text; the one place where offsets and relations are recomputed.
* :func:`restyle_document` — Vietnamese words without diacritics
  (``Điện Biên`` -> ``Dien Bien``) or without tone marks, as the French press
  writes them (``Nậm Pồ`` -> ``Nâm Pô``).
* :func:`swap_persons` — PER names swapped for made-up Vietnamese, Lao,
  Chinese or Khmer names (lists in ``borderie/data/names``).
* :func:`swap_places` — LOC names swapped for places of the same kind from the
  gazetteer (or a built-in list), also inside ORG/FAC names.
* :func:`reformat_dates`, :func:`reformat_quantities` — the same date or
  amount written another way.
* :func:`augment` — a seeded combination of all of these.

    >>> import random
    >>> from borderie import read_jsonl
    >>> from borderie.augment import augment
    >>> doc = read_jsonl("seeds/gold.jsonl")[2]
    >>> new = augment(doc, random.Random(7), n=2)
    >>> all(d.text[e.start:e.end] == e.text for d in new for e in d.entities)
    True
"""

from .diacritics import press_diacritics, restyle_document, strip_diacritics, vietnamese_word_spans
from .edits import KEEP, Edit, Rewrite, apply_edits, replace_spans
from .formats import date_variants, quantity_variants, reformat_dates, reformat_quantities
from .names import ORIGINS, PersonName, guess_origin, make_name, swap_persons
from .pipeline import TRANSFORMS, augment, check_offsets
from .places import BuiltinPlaces, GazetteerPlaces, PlaceKind, PlaceSource, default_source, swap_places

__all__ = [
    "Edit", "Rewrite", "KEEP", "apply_edits", "replace_spans",
    "strip_diacritics", "press_diacritics", "restyle_document", "vietnamese_word_spans",
    "ORIGINS", "PersonName", "make_name", "guess_origin", "swap_persons",
    "PlaceKind", "PlaceSource", "BuiltinPlaces", "GazetteerPlaces", "default_source", "swap_places",
    "date_variants", "quantity_variants", "reformat_dates", "reformat_quantities",
    "TRANSFORMS", "augment", "check_offsets",
]
