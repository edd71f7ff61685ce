"""Normalised values of DATE and QUANTITY mentions (pure functions: no clock, no network).

* :func:`parse_date` -> :class:`DateValue` (ISO date, month, year or range;
  yearless dates resolved against the article date ``ref``).
* :func:`parse_quantity` -> :class:`QuantityValue` (number, unit, kind, qualifier).
* :func:`value_for` -> the ``Entity.value`` mapping for a DATE or QUANTITY mention.

    >>> import datetime
    >>> from borderie.values import value_for
    >>> value_for("DATE", "October 15", ref=datetime.date(2025, 10, 16))["iso"]
    '2025-10-15'
    >>> value_for("QUANTITY", "119,7 km", lang="fr")["number"]
    119.7
"""

from .dates import LOOKAHEAD_DAYS, DateValue, parse_date
from .entity import VALUE_LABELS, value_for
from .quantities import QuantityValue, parse_number, parse_quantity

__all__ = ["DateValue", "parse_date", "LOOKAHEAD_DAYS", "QuantityValue", "parse_quantity", "parse_number",
           "value_for", "VALUE_LABELS"]
