"""The seeded augmenter: :func:`augment` combines the transformations into new training documents."""

from __future__ import annotations

import dataclasses
import random
from typing import Callable, Mapping, Sequence

from ..document import Document
from ..errors import InvalidDocumentError, UsageError
from ..validation import check_record, errors_only
from .diacritics import restyle_document
from .formats import reformat_dates, reformat_quantities
from .names import swap_persons
from .places import PlaceSource, swap_places

__all__ = ["TRANSFORMS", "augment", "check_offsets"]

Transform = Callable[[Document, random.Random], Document]

TRANSFORMS: Mapping[str, Transform] = {
    "swap_persons": swap_persons,
    "swap_places": swap_places,
    "reformat_dates": reformat_dates,
    "reformat_quantities": reformat_quantities,
    "press_diacritics": lambda doc, rng: restyle_document(doc, "press"),
    "strip_diacritics": lambda doc, rng: restyle_document(doc, "none"),
}
"""Every transformation by name, in the order :func:`augment` applies them (diacritics last, so that
swapped-in names are restyled too)."""

_EXCLUSIVE = frozenset({"press_diacritics", "strip_diacritics"})


def check_offsets(doc: Document) -> None:
    """Raise :class:`~borderie.errors.InvalidDocumentError` unless every span of ``doc`` is exact and
    the document validates (``borderie.validation.check_record``)."""
    problems = errors_only(check_record(doc.to_dict()))
    bad = [e for e in doc.entities if doc.text[e.start:e.end] != e.text]
    if problems or bad:
        detail = f"; spans not matching their text: {bad!r}" if bad else ""
        raise InvalidDocumentError(f"augmented document {doc.id!r} is not valid{detail}", problems)


def augment(doc: Document, rng: random.Random | int, n: int = 4, *, transforms: Sequence[str] | None = None,
            places: PlaceSource | None = None, p: float = 0.5) -> list[Document]:
    """Up to ``n`` new documents made from ``doc``, each by a random combination of ``transforms``.

    ``rng`` is a :class:`random.Random` (or a seed): the same seed gives the
    same documents. Each transformation is applied with probability ``p``
    (at least one per document; never both diacritics styles); a result
    identical to ``doc`` or to an earlier result is dropped, and a few more
    tries are made, so fewer than ``n`` documents may come back for a short
    text. Outputs have ids ``<doc.id>~aug<k>``, record what was done under
    ``meta["augmented"]``, and are checked with :func:`check_offsets`.
    ``places`` replaces the place source of ``swap_places`` (default: the
    shipped gazetteer, else a built-in list).
    """
    if isinstance(rng, int) and not isinstance(rng, bool):
        rng = random.Random(rng)
    if not isinstance(rng, random.Random):
        raise UsageError(f"rng must be a random.Random or an int seed, got {type(rng).__name__}")
    if not isinstance(n, int) or n < 0:
        raise UsageError(f"n must be a non-negative integer, got {n!r}")
    names = list(TRANSFORMS) if transforms is None else list(transforms)
    unknown = [t for t in names if t not in TRANSFORMS]
    if unknown or not names:
        raise UsageError(f"unknown transforms {unknown!r} (known: {', '.join(TRANSFORMS)})" if unknown
                         else "augment needs at least one transform")
    order = [t for t in TRANSFORMS if t in names]
    seen = {doc.text}
    out: list[Document] = []
    for _attempt in range(3 * n):
        if len(out) >= n:
            break
        chosen = [t for t in order if rng.random() < p] or [rng.choice(order)]
        styles = [t for t in chosen if t in _EXCLUSIVE]
        if len(styles) > 1:
            drop = rng.choice(styles)
            chosen = [t for t in chosen if t != drop]
        new = doc
        for name in chosen:
            if name == "swap_places" and places is not None:
                new = swap_places(new, rng, source=places)
            else:
                new = TRANSFORMS[name](new, rng)
        if new.text in seen:
            continue
        seen.add(new.text)
        meta = {**doc.meta, "augmented": {"from": doc.id, "transforms": chosen}}
        new = dataclasses.replace(new, id=f"{doc.id}~aug{len(out) + 1}", meta=meta)
        check_offsets(new)
        out.append(new)
    return out
