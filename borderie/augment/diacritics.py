"""Diacritics the way the press writes Vietnamese names: fully stripped, or tones dropped.

* :func:`strip_diacritics` — ``Điện Biên`` -> ``Dien Bien`` (English-language
  and agency wires, URLs).
* :func:`press_diacritics` — ``Nậm Pồ`` -> ``Nâm Pô``, ``Điện Biên`` ->
  ``Diên Biên``, ``Thừa Thiên-Huế`` -> ``Thua Thiên-Huê``: the French press
  keeps the circumflex (``â ê ô``, letters French writes) but drops the five
  tone marks, the breve and the horn (``ă ơ ư`` -> ``a o u``) and writes ``đ`` as ``d``.
* :func:`vietnamese_word_spans` finds the words of a text that are Vietnamese,
  so that a French text keeps ``frontière`` and ``Comité`` while its
  Vietnamese names change; :func:`restyle_document` applies a style to them
  through :func:`~borderie.augment.edits.apply_edits`, offsets exact.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from ..document import Document
from .edits import Edit, apply_edits

__all__ = ["strip_diacritics", "press_diacritics", "diacritic_style", "apply_style", "vietnamese_word_spans",
           "has_vietnamese_letter",
           "restyle_document", "Style"]

Style = Literal["full", "press", "none"]
"""``full``: all diacritics kept; ``press``: tone marks dropped; ``none``: no diacritics."""

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook above, dot below
PRESS_MARKS = frozenset("\u0302")  # the circumflex: the one Vietnamese vowel mark French letters carry
_D = {"đ": "d", "Đ": "D"}
# Accented letters that French writes too; any other accented Latin letter marks a Vietnamese word.
_FRENCH_SHARED = frozenset("àâéèêôùÀÂÉÈÊÔÙ")
# Letters French uses and Vietnamese never does: a word holding one is not Vietnamese.
_FRENCH_ONLY = frozenset("äëïöüÿçœæÄËÏÖÜŸÇŒÆîûÎÛ")
_WORD = re.compile(r"\w+")


def _map_marks(text: str, keep: frozenset[str]) -> str:
    out = []
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.combining(c) and c not in keep:
            continue
        out.append(_D.get(c, c))
    return unicodedata.normalize("NFC", "".join(out))


def strip_diacritics(text: str) -> str:
    """``text`` with every diacritic removed and ``đ`` written ``d`` (``"Điện Biên"`` -> ``"Dien Bien"``)."""
    return _map_marks(text, frozenset())


def press_diacritics(text: str) -> str:
    """``text`` as the French press writes it: ``â ê ô`` kept, tone marks, breve and horn dropped, ``đ`` -> ``d``
    (``"Nậm Pồ"`` -> ``"Nâm Pô"``, ``"Đắk Lắk"`` -> ``"Dak Lak"``)."""
    return _map_marks(text, PRESS_MARKS)


def apply_style(text: str, style: Style) -> str:
    """``text`` written in ``style`` (``"full"`` leaves it as it is)."""
    if style == "none":
        return strip_diacritics(text)
    if style == "press":
        return press_diacritics(text)
    return text


def diacritic_style(text: str) -> Style:
    """How ``text`` is written: ``"none"`` without diacritics, ``"press"`` without tone marks or ``đ``, else ``"full"``."""
    marks = {c for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c)}
    if marks & TONE_MARKS or any(c in _D for c in text):
        return "full"
    return "press" if marks else "none"


def has_vietnamese_letter(word: str) -> bool:
    """Whether ``word`` holds a letter French never writes and Vietnamese does (``đ``, ``ư``, ``ệ``, ``ạ``…)."""
    for c in word:
        if c in _D or c in "ăĂơƠưƯ":
            return True
        if c.isascii() or c in _FRENCH_SHARED or c in _FRENCH_ONLY:
            continue
        if unicodedata.category(c).startswith("L") and unicodedata.normalize("NFD", c)[0].isascii():
            return True  # ệ, ạ, ý, ó, ủ...: accented Latin letters French does not write
    return False


def vietnamese_word_spans(text: str, name_spans: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` to restyle as Vietnamese.

    A word is Vietnamese when it holds a letter only Vietnamese writes (``đ``,
    ``ư``, ``ệ``…), or when it holds only accents French shares (``â ê ô à é
    è ù``), none that only French uses (``ç ï î û``…), starts with a capital,
    and either stands in a run of capitalised words with a Vietnamese one
    (``Điện Biên``) or lies in one of ``name_spans`` (PER/LOC mentions:
    ``Nâm Pô``). A lower-case word with such accents counts when it has the
    shape of a Vietnamese syllable and stands next to a lower-case word that
    is surely Vietnamese (``biên`` in ``biên bản``; not ``frontière``).
    Words are also cut at the edges of ``name_spans``.
    """
    cuts = sorted({p for span in name_spans for p in span})
    words: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        inner = [p for p in cuts if s < p < e]
        for a, b in zip([s, *inner], [*inner, e]):
            words.append((a, b))

    strong = [has_vietnamese_letter(text[s:e]) for s, e in words]
    candidate = [
        not strong[i] and text[s].isupper() and any(not c.isascii() for c in text[s:e])
        and not any(c in _FRENCH_ONLY for c in text[s:e])
        for i, (s, e) in enumerate(words)
    ]
    chosen = list(strong)
    # runs of capitalised words joined by a space or a hyphen
    i = 0
    while i < len(words):
        j = i
        while (j + 1 < len(words) and text[words[j + 1][0]].isupper() and text[words[j][0]].isupper()
               and text[words[j][1]:words[j + 1][0]] in (" ", "-", "\u00a0")):
            j += 1
        if any(strong[i:j + 1]):
            for k in range(i, j + 1):
                chosen[k] = chosen[k] or candidate[k]
        i = j + 1
    for k, (s, e) in enumerate(words):
        if candidate[k] and any(a <= s and e <= b for a, b in name_spans):
            chosen[k] = True
    # lower-case Vietnamese words next to one that is surely Vietnamese: "[biên] bản ghi nhớ"
    for k, (s, e) in enumerate(words):
        word = text[s:e]
        if chosen[k] or not word.islower() or word.isascii() or any(c in _FRENCH_ONLY for c in word) \
                or not _SYLLABLE.fullmatch(strip_diacritics(word)):
            continue
        for j in (k - 1, k + 1):
            if 0 <= j < len(words) and strong[j] and text[words[j][0]:words[j][1]].islower():
                gap = text[min(words[j][1], e):max(words[j][0], s)]
                if gap in (" ", "-"):
                    chosen[k] = True
    return [w for w, c in zip(words, chosen) if c]


# One Vietnamese syllable (after stripping diacritics): onset, vowels, final consonant.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


NAME_LABELS = ("PER", "LOC")


def restyle_document(doc: Document, style: Style) -> Document:
    """``doc`` with its Vietnamese words (see :func:`vietnamese_word_spans`) written in ``style``.

    Entity texts change with the words inside them; offsets stay exact.
    """
    names = [(e.start, e.end) for e in doc.entities if e.label in NAME_LABELS]
    edits = []
    for s, e in vietnamese_word_spans(doc.text, names):
        new = apply_style(doc.text[s:e], style)
        if new != doc.text[s:e]:
            edits.append(Edit(s, e, new))
    return apply_edits(doc, edits) if edits else doc
