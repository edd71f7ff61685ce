"""Cutting a very long text into segments the model reads one at a time (bounded memory).

A text longer than a segment is cut between sentences (relations never
cross sentences, so no relation is lost); a single sentence longer than a
segment (a text with no punctuation) is cut at white space, never inside a
word. Each segment is analysed as its own text and its offsets are shifted
back, so memory depends on the segment size, not on the article's length.
"""

from __future__ import annotations

from ..sentences import split_sentences

SEGMENT_CHARS = 20_000
"""Longest text analysed in one piece (about 6,000 subword pieces): news articles are far shorter."""


def segment_bounds(text: str, max_chars: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` covering ``text`` in order, each at most ``max_chars`` long where possible.

    Cuts fall before a sentence, or at white space inside a longer sentence;
    a single word longer than ``max_chars`` stays whole.
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    starts = [s.start for s in split_sentences(text)[1:]]
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        cut = max((s for s in starts if start < s <= limit), default=None)
        if cut is None:  # one sentence longer than a segment: the last white space before the limit
            space = max(text.rfind(" ", start + 1, limit + 1), text.rfind("\n", start + 1, limit + 1))
            if space <= start:
                nxt = [i for i in (text.find(" ", limit), text.find("\n", limit)) if i != -1]
                if not nxt:
                    break  # no white space left: the rest is one word
                space = min(nxt)
            cut = space + 1
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds
