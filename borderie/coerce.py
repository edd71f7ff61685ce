"""One function per coercion of what users pass in: dates, languages, ``-`` as a file name.

Every entry point (documents, validation, values, the gazetteer, batch
columns, the pipeline's arguments) coerces through these, so one bad value
gets the same typed error everywhere, raised before any work is done.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from .errors import BAD_DATE, BAD_LANG, UsageError

STDIO = "-"
"""The file name that means standard input (where a command reads) or standard output (where it writes)."""

LANGUAGES: tuple[str, ...] = ("fr", "en", "vi")
"""Languages borderie reads: French and English news, and Vietnamese (values and linking know all three)."""

_ISO_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def is_stdio(name: object) -> bool:
    """Whether a path argument names a standard stream (``-``) rather than a file."""
    return str(name) == STDIO


def is_missing(value: Any) -> bool:
    """Whether a value means "none": None, NaN (what pandas and Ray give for nulls), NaT, ``pd.NA``."""
    if value is None:
        return True
    if isinstance(value, (str, bytes, _dt.date)):
        return False
    try:
        return bool(value != value)  # NaN and NaT are the values not equal to themselves
    except TypeError:  # pd.NA: its comparisons have no truth value
        return True
    except ValueError:  # an array
        return False


def as_date(value: Any, *, what: str = "date") -> _dt.date | None:
    """``value`` as a :class:`datetime.date`, or ``None`` for a missing value.

    Accepts a date, a datetime (its day), an ISO string ``YYYY-MM-DD``
    (optionally followed by an ISO time, as pandas and Arrow write
    timestamps), ``numpy.datetime64`` and pandas timestamps; ``None``, ``""``,
    NaN and NaT mean "no date". Anything else raises :class:`UsageError`
    ``E113`` naming ``what`` and the value.
    """
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if type(value).__name__ == "datetime64":  # numpy, without importing it
        value = str(value)
    if isinstance(value, str):
        m = _ISO_DATETIME.fullmatch(value.strip())
        if m:
            try:
                return _dt.date.fromisoformat(m.group(1))
            except ValueError:
                pass
        raise UsageError(f"{what} {value!r} is not an ISO date (YYYY-MM-DD)", code=BAD_DATE)
    raise UsageError(f"{what} must be a date or an ISO date string (YYYY-MM-DD), got {type(value).__name__} "
                     f"{value!r}", code=BAD_DATE)


def as_lang(value: Any, *, what: str = "lang") -> str | None:
    """``value`` as one of :data:`LANGUAGES` (case and region ignored: ``"FR"``, ``"en-GB"``), or ``None``.

    Raises :class:`UsageError` ``E114`` for any other language.
    """
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        code = value.strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    raise UsageError(f"{what} {value!r} is not a language borderie reads (one of {', '.join(LANGUAGES)}, "
                     f"or None)", code=BAD_LANG)
