"""What the pipeline calls per entity: :func:`value_for` gives the ``Entity.value`` mapping of a mention."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..errors import UsageError
from ..schema import ENTITY_LABELS, VALUE_LABELS
from .dates import as_ref_date, parse_date
from .quantities import parse_quantity

__all__ = ["value_for", "VALUE_LABELS"]



def value_for(label: str, text: str, *, lang: str | None = None, ref: _dt.date | str | None = None,
              context_before: str = "") -> dict[str, Any] | None:
    """The normalised value of a mention ``text`` labelled ``label``, as a JSON-able dict, or ``None``.

    DATE mentions get :meth:`DateValue.to_dict` (resolved against ``ref``,
    the article date), QUANTITY mentions :meth:`QuantityValue.to_dict`
    (``context_before``, the text before the mention, may hold its
    qualifier). Other labels, and mentions that cannot be read, give ``None``.
    Raises :class:`~borderie.errors.UsageError` for a label outside the schema.

    >>> value_for("QUANTITY", "182 km", lang="en", context_before="more than ")["qualifier"]
    'more_than'
    """
    if label not in ENTITY_LABELS:
        raise UsageError(f"unknown entity label {label!r} (known: {', '.join(ENTITY_LABELS)})")
    if label == "DATE":
        date_value = parse_date(text, lang=lang, ref=as_ref_date(ref))
        return date_value.to_dict() if date_value is not None else None
    if label == "QUANTITY":
        quantity = parse_quantity(text, lang=lang, context_before=context_before)
        return quantity.to_dict() if quantity is not None else None
    return None
