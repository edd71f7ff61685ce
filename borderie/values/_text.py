"""Small text helpers shared by the date and quantity parsers.

The parsers never index the user's text (a value is not a span), so they are
free to work on a simplified *key*: lower case, no diacritics, one kind of
dash, one kind of apostrophe, single spaces. :func:`simplify` builds it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["simplify", "DASHES"]

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
"""Hyphen-like characters the press uses between years, days or numbers."""

_DASH_TABLE = {ord(c): "-" for c in DASHES}
_APOSTROPHES = {ord(c): "'" for c in "\u2019\u2018\u02bc\u2032`\u00b4"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_D = {ord("đ"): "d", ord("Đ"): "D", ord("ð"): "d", ord("Ð"): "D"}


def strip_marks(text: str) -> str:
    """``text`` without combining marks (``"Tết"`` -> ``"Tet"``, ``"août"`` -> ``"aout"``), ``đ`` -> ``d``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def simplify(text: str) -> str:
    """The matching key the parsers read: lower case, no diacritics, ``-`` for every dash, ``'`` for
    every apostrophe, single ASCII spaces, no surrounding space.

    >>> simplify("  Mercredi\u00a018 Août\u2013 2013 ")
    'mercredi 18 aout- 2013'
    """
    text = strip_marks(text).translate(_DASH_TABLE).translate(_APOSTROPHES).lower()
    return _SPACES.sub(" ", text).strip()
