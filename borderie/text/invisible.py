"""Characters that change nothing a reader sees, and how the model looks past them.

Zero-width spaces and joiners, word joiners, soft hyphens and stray
byte-order marks reach news text through copy-paste, CMS editors and web
scrapers, often *inside* words (``Điện\\u200bBiên``). To the tokenizer they
would be separators or unknown pieces and change the output; a reader never
sees them. :func:`without_invisible` removes them and says where each kept
character came from, so offsets still index the user's text.
"""

from __future__ import annotations

INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff")
"""Soft hyphen, Mongolian vowel separator, zero-width space / non-joiner / joiner, word joiner, ZW no-break space."""


def without_invisible(text: str) -> tuple[str, list[int] | None]:
    """``text`` without :data:`INVISIBLE` characters, and the original index of each kept character.

    The index list is ``None`` when nothing was removed (the common case),
    so callers can skip the mapping.
    """
    if not any(ch in INVISIBLE for ch in text):
        return text, None
    kept = [i for i, ch in enumerate(text) if ch not in INVISIBLE]
    return "".join(text[i] for i in kept), kept


class VisibleView:
    """``text`` as the model sees it (no :data:`INVISIBLE` characters), with offsets both ways.

    ``seen(i)`` maps an offset of the original to the view (invisible
    characters collapse onto the next visible one); ``original_span(s, e)``
    maps a span of the view back to the tightest span of the original that
    holds the same visible characters.
    """

    def __init__(self, text: str):
        self.original = text
        self.text, self._kept = without_invisible(text)
        if self._kept is not None:
            self._before = [0] * (len(text) + 1)
            n = 0
            for i, ch in enumerate(text):
                self._before[i] = n
                n += ch not in INVISIBLE
            self._before[len(text)] = n

    def seen(self, i: int) -> int:
        return i if self._kept is None else self._before[i]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self._kept is None:
            return start, end
        if end > start:
            return self._kept[start], self._kept[end - 1] + 1
        at = self._kept[start] if start < len(self._kept) else len(self.original)
        return at, at
