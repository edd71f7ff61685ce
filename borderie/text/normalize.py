"""NFC normalisation that remembers where every character came from.

News text arrives in any Unicode form: ``Nậm Pồ`` may be typed as one code
point per letter (NFC) or as ``a`` + combining dot below + combining circumflex
(NFD), and copy-pasted PDFs mix both. Matching wants one form; offsets must
still point into the text *as the user gave it*. :func:`normalize` returns a
:class:`Normalized` holding the NFC text and an alignment so that any offset
of the normalised text maps back to the original (and forth).

The alignment is built from *chunks*: the original is cut before every
character that NFC cannot merge with what precedes it (a starter that does not
compose backwards). Each chunk is normalised on its own, which gives exactly
the NFC of the whole text, and an offset inside a chunk maps to the chunk's
start (for a span start) or end (for a span end), so a mapped span always
covers the same characters.

    >>> n = normalize("Na\\u0323\\u0302m Po\\u0300")
    >>> n.text
    'Nậm Pồ'
    >>> n.span_to_original(0, 3)
    (0, 5)
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Normalized", "normalize"]


@dataclass(frozen=True)
class Normalized:
    """The NFC form of ``original`` and the alignment between the two.

    ``chunks`` lists ``(original_start, normalized_start)`` for every chunk, in
    order, followed by a final ``(len(original), len(text))`` sentinel. The user's
    ``original`` string is kept untouched.
    """

    original: str
    text: str
    chunks: tuple[tuple[int, int], ...]

    def _check(self, i: int, limit: int, what: str) -> None:
        if not 0 <= i <= limit:
            raise IndexError(f"{what} offset {i} out of range 0..{limit}")

    def to_original(self, i: int, side: str = "start") -> int:
        """Map offset ``i`` of :attr:`text` to an offset of :attr:`original`.

        Offsets on a chunk boundary map exactly. An offset inside a chunk (NFC
        turned several code points into one, or the reverse) maps to the chunk's
        start when ``side="start"`` and to its end when ``side="end"``, so that
        ``span_to_original`` never cuts a character in two.
        """
        self._check(i, len(self.text), "normalized")
        norm_starts = [c[1] for c in self.chunks]
        k = bisect_right(norm_starts, i) - 1
        orig_start, norm_start = self.chunks[k]
        if norm_start == i:
            return orig_start
        if side == "end":
            return self.chunks[k + 1][0]
        return orig_start

    def to_normalized(self, j: int, side: str = "start") -> int:
        """Map offset ``j`` of :attr:`original` to an offset of :attr:`text` (see :meth:`to_original`)."""
        self._check(j, len(self.original), "original")
        orig_starts = [c[0] for c in self.chunks]
        k = bisect_right(orig_starts, j) - 1
        orig_start, norm_start = self.chunks[k]
        if orig_start == j:
            return norm_start
        if side == "end":
            return self.chunks[k + 1][1]
        return norm_start

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to the smallest original span covering it."""
        if start > end:
            raise ValueError(f"span start {start} is after its end {end}")
        return self.to_original(start, "start"), self.to_original(end, "end")

    def span_to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`original` to the covering span of :attr:`text`."""
        if start > end:
            raise ValueError(f"span start {start} is after its end {end}")
        return self.to_normalized(start, "start"), self.to_normalized(end, "end")


def _starts_chunk(prev_chunk: str, ch: str) -> bool:
    """Whether NFC leaves ``ch`` independent of the chunk before it."""
    if unicodedata.combining(ch):
        return False
    joined = unicodedata.normalize("NFC", prev_chunk + ch)
    return joined == unicodedata.normalize("NFC", prev_chunk) + unicodedata.normalize("NFC", ch)


def normalize(text: str) -> Normalized:
    """Return the NFC form of ``text`` with an offset alignment back to ``text``.

    Pure: ``text`` is not modified, and ``normalize(t).original is t``.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs a str, got {type(text).__name__}")
    if unicodedata.is_normalized("NFC", text) and text.isascii():
        # Fast path: ASCII text is its own NFC and every character is a chunk.
        return Normalized(text, text, tuple((i, i) for i in range(len(text) + 1)))
    pieces: list[str] = []
    chunks: list[tuple[int, int]] = []
    chunk_start = 0
    norm_len = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and not _starts_chunk(text[chunk_start:i], text[i]):
            continue
        piece = unicodedata.normalize("NFC", text[chunk_start:i])
        chunks.append((chunk_start, norm_len))
        pieces.append(piece)
        norm_len += len(piece)
        chunk_start = i
    chunks.append((len(text), norm_len))
    return Normalized(text, "".join(pieces), tuple(chunks))
