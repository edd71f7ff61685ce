"""Looser spellings of place names: transliteration families and one-letter typos.

The gazetteer's exact key (:func:`borderie.text.fold`) forgives case,
diacritics, spaces and hyphens. Press spellings of Lao, Khmer, Chinese and
Vietnamese highland names vary further, in regular ways; :func:`family_key`
maps a name to one key per *family* of such spellings:

* ``k``/``c`` (``Đắk``/``Đắc``/``Dak``), ``x``/``s`` (``Xépôn``/``Sepon``),
  ``ph``/``f``, ``ou``/``u`` (``Houaphan``/``Huaphan``), ``y``/``i``;
* Lao ``Muang``/``Muong``/``Meuang`` (district prefix);
* a word-final silent ``e`` after a consonant (``Sepone``, ``Khammouane``) and
  a word-final ``nh`` written ``n`` (``Samphanh``/``Samphan``);
* doubled letters written once (``Ooc``/``Oc``).

:func:`one_edit` tells whether two keys differ by one letter changed, added
or dropped (a typo), and :func:`deletions` gives the keys that index such
near misses. The linker only uses them when no exact spelling matches, and
scores them lower (see :mod:`borderie.gazetteer.link`).
"""

from __future__ import annotations

import re

from ..text import fold_words

__all__ = ["family_key", "one_edit", "deletions", "MIN_TYPO_LENGTH"]

MIN_TYPO_LENGTH = 6
"""Shortest folded name for which a one-letter typo is tried (shorter names collide too often)."""

_WORD_RULES = (("meuang", "muang"), ("muong", "muang"), ("ph", "f"), ("ou", "u"), ("k", "c"), ("x", "s"), ("y", "i"))
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_E = re.compile(r"(?<=[^aeiou])e$")
_FINAL_NH = re.compile(r"nh$")


def _family_word(word: str) -> str:
    for a, b in _WORD_RULES:
        word = word.replace(a, b)
    if len(word) > 3:
        word = _FINAL_E.sub("", word)
    word = _FINAL_NH.sub("n", word)
    return _DOUBLE.sub(r"\1", word)


def family_key(text: str) -> str:
    """The key shared by the spellings of one transliteration family (no spaces).

    >>> family_key("Xépôn") == family_key("Sepone") == family_key("Sepon")
    True
    >>> family_key("Đắc Tôi") == family_key("Dak Toi")
    True
    """
    return "".join(_family_word(w) for w in fold_words(text).split())


def deletions(key: str) -> set[str]:
    """``key`` and every string made by dropping one of its letters."""
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one letter changed, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]
