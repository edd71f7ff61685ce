"""Text utilities: NFC with offset alignment, and matching keys for place names.

* :func:`normalize` -> :class:`Normalized` (``.text`` is NFC; ``.to_original(i)``
  maps offsets back to the user's text, which is never rewritten).
* :func:`fold` -> compact matching key (no case, diacritics, spaces or hyphens;
  Lao, Khmer and Han transliterated).
* :func:`fold_words` -> the same with single spaces between words.
* :func:`tone_key` -> a stricter key that only forgives tone-mark placement.
"""

from .fold import fold, fold_words, tone_key
from .normalize import Normalized, normalize

__all__ = ["Normalized", "normalize", "fold", "fold_words", "tone_key"]
