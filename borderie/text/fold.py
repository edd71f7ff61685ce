"""Matching keys: fold spelling differences away so that variants meet.

Three keys, from strict to loose:

* :func:`tone_key` keeps Vietnamese letters and tones but makes the *placement*
  of the tone mark irrelevant (``hoà`` = ``hòa``, ``thuỷ`` = ``thủy``) and
  ignores case, hyphens and spacing. Two spellings with the same tone key are
  the same written word.
* :func:`fold_words` drops every diacritic (``Điện Biên``, ``Diên Biên`` and
  ``Dien Bien`` all give ``dien bien``), maps ``đ/Đ`` and the look-alikes ``Ð``,
  ``ð``, ``Ɖ``, ``ɖ`` to ``d`` by hand (NFD does not decompose them), transliterates
  Lao, Khmer, Han and other scripts with ``anyascii`` (ISC licence), lower-cases,
  and turns punctuation, hyphens and apostrophes into single spaces.
* :func:`fold` is :func:`fold_words` without the spaces: ``Phong Sa Ly``,
  ``Phongsaly`` and ``Phong-Sa-Ly`` all give ``phongsaly``. It is the main
  matching key of the gazetteer and is idempotent: ``fold(fold(x)) == fold(x)``.

All functions are pure and never modify their input.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from anyascii import anyascii

__all__ = ["fold", "fold_words", "tone_key", "fold_char"]

# Base letters that NFD leaves whole but that readers take for a plain "d".
_D_LIKE = {"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "Ɖ": "d", "ɖ": "d"}

# Vietnamese tone marks (as combining characters after NFD). The vowel-quality
# marks (circumflex U+0302, breve U+0306, horn U+031B) are *not* tones.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_QUALITY = {"\u0302", "\u0306", "\u031b"}


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character to lower-case ASCII letters/digits or a space.

    Letters with diacritics lose them, other scripts are transliterated,
    everything that is neither a letter nor a digit becomes a space.
    """
    if ch in _D_LIKE:
        return _D_LIKE[ch]
    out = []
    for c in unicodedata.normalize("NFD", ch):
        if unicodedata.combining(c):
            continue
        if c in _D_LIKE:
            out.append("d")
        elif c.isascii():
            out.append(c.lower() if c.isalnum() else " ")
        else:
            cat = unicodedata.category(c)
            if cat[0] in "LN":
                out.append("".join(x.lower() if x.isalnum() else "" for x in anyascii(c)))
            elif cat[0] == "M":
                continue  # spacing marks of Indic/SE Asian scripts carry no letter here
            else:
                out.append(" ")
    return "".join(out)


def _is_foreign(c: str) -> bool:
    """Whether ``c`` belongs to a non-Latin script that must be transliterated as a run."""
    if c.isascii() or c in _D_LIKE or "\u0300" <= c <= "\u036f":
        return False
    if unicodedata.category(c)[0] not in "LM":
        return False
    return "LATIN" not in unicodedata.name(c, "")


@lru_cache(maxsize=65536)
def _ascii_letters(text: str) -> str:
    """Fold ``text`` character by character, transliterating non-Latin runs as a whole.

    Lao and Khmer vowels are separate code points (marks) that only make
    sense together with their consonant, so a run of such script is handed to
    ``anyascii`` in one piece (``ຜົ້ງສາລີ`` -> ``phongsali``).
    """
    out: list[str] = []
    run: list[str] = []
    for c in text:
        if _is_foreign(c):
            run.append(c)
            continue
        if run:
            out.append(" " + "".join(x.lower() if x.isalnum() else " " for x in anyascii("".join(run))) + " ")
            run = []
        out.append(fold_char(c))
    if run:
        out.append(" " + "".join(x.lower() if x.isalnum() else " " for x in anyascii("".join(run))) + " ")
    return "".join(out)


def fold_words(text: str) -> str:
    """Diacritic-, case- and punctuation-free form of ``text`` with single spaces between words.

    >>> fold_words("Điện Biên Phủ")
    'dien bien phu'
    >>> fold_words("Dien-Bien-Phu")
    'dien bien phu'
    """
    return " ".join(_ascii_letters(text).split())


def fold(text: str) -> str:
    """The compact matching key of ``text``: :func:`fold_words` with spaces removed.

    >>> fold("Phong Sa Ly") == fold("Phongsaly") == fold("PHÔNGSALI".replace("I", "Y"))
    True
    >>> fold("Nâm Pô") == fold("Nậm Pồ") == fold("Nam-Po")
    True
    """
    return "".join(_ascii_letters(text).split())


def tone_key(text: str) -> str:
    """A key that ignores case, spacing and tone-mark *placement* but keeps letters and tones.

    Each word is stripped of its tone mark (wherever it sits) and the tone is
    appended as a digit, so ``hoà`` and ``hòa`` both give ``hoa2``, while
    ``Nậm`` (``nâm5``) and ``Nâm`` (``nâm``) stay apart.
    """
    words = []
    for word in unicodedata.normalize("NFD", text.casefold()).replace("-", " ").split():
        if any(_is_foreign(c) for c in word):
            words.append(fold(word))
            continue
        tone = ""
        letters = []
        for c in word:
            if c in _TONES:
                tone = _TONES[c]
            elif unicodedata.combining(c) and c not in _QUALITY:
                continue
            elif c in _QUALITY or c.isalnum():
                letters.append(c)
        words.append(unicodedata.normalize("NFC", "".join(letters)).replace("ð", "đ") + tone)
    return "".join(words)
