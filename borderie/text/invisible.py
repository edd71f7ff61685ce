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


def only_invisible(text: str) -> bool:
    """Whether ``text`` is empty or holds nothing but :data:`INVISIBLE` characters."""
    return all(ch in INVISIBLE for ch in text)
