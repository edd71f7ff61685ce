"""BIO tags over subword pieces: from gold entities, and back to character spans.

Every piece that overlaps an entity is tagged (``B-LABEL`` for the first,
``I-LABEL`` for the rest), not only the first piece of each word, so a
decoded span runs exactly from its first piece to its last. Pieces that
cover only whitespace get no tag (:data:`IGNORE`) and are skipped when
decoding. Decoding is a Viterbi search that never produces ``I-X`` after
anything but ``B-X``/``I-X``. How piece scores become word decisions is a
named policy, :data:`AGGREGATIONS`: ``"word"`` (the default) decodes whole
words (:func:`word_ids`, :func:`word_path`), so no span starts or ends inside
a word; ``"piece"`` decodes each piece on its own. :func:`trim_span` then
drops punctuation glued
to a piece (``15.`` in ``October 15.``) and words a name never ends with;
:func:`split_at_line_breaks` keeps a span from running across lines,
:func:`mergeable` joins same-label neighbours one space apart and
:func:`trim_label_words` leaves ``Province``/``District``… out of a LOC
(:func:`trim_designator`), a part of the day out of a DATE, a dimension word
out of a QUANTITY and ``paire de`` out of a FAC, so spans follow the
guidelines' span rules.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

import numpy as np

from ..encoder.tokenizer import TokenizedText
from ..schema import DESIGNATOR_FREE_LABELS

IGNORE = -100
OUTSIDE = "O"


def bio_tags(labels: Sequence[str]) -> tuple[str, ...]:
    """``("O", "B-PER", "I-PER", "B-ORG", …)`` for the given entity labels."""
    out = [OUTSIDE]
    for label in labels:
        out += [f"B-{label}", f"I-{label}"]
    return tuple(out)


def tag_ids_for(tokens: TokenizedText, spans: Iterable[tuple[int, int, str]], labels: Sequence[str]) -> list[int]:
    """The BIO tag id of every piece given gold ``(start, end, label)`` character spans."""
    index = {label: i for i, label in enumerate(labels)}
    tags = [IGNORE if s == e else 0 for s, e in zip(tokens.starts, tokens.ends)]
    order = sorted(range(len(tokens)), key=lambda i: tokens.starts[i])
    for start, end, label in spans:
        first = True
        for i in order:
            s, e = tokens.starts[i], tokens.ends[i]
            if s == e or e <= start:
                continue
            if s >= end:
                break
            tags[i] = 1 + 2 * index[label] + (0 if first else 1)
            first = False
    return tags


def transition_mask(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(allowed[prev, next], allowed_first[next])`` for BIO: ``I-X`` only after ``B-X`` or ``I-X``."""
    n = len(tags)
    allowed = np.ones((n, n), dtype=bool)
    first = np.ones(n, dtype=bool)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            first[j] = False
            label = tag[2:]
            for i, prev in enumerate(tags):
                allowed[i, j] = prev in (f"B-{label}", f"I-{label}")
    return allowed, first


def viterbi(log_probs: np.ndarray, allowed: np.ndarray, first: np.ndarray) -> list[int]:
    """The best tag sequence under the BIO constraints (``log_probs``: pieces × tags)."""
    n, k = log_probs.shape
    if n == 0:
        return []
    penalty = np.where(allowed, 0.0, -np.inf).astype(log_probs.dtype)
    score = log_probs[0] + np.where(first, 0.0, -np.inf).astype(log_probs.dtype)
    back = np.zeros((n, k), dtype=np.intp)
    total = np.empty((k, k), dtype=log_probs.dtype)
    columns = np.arange(k)
    for t in range(1, n):  # few, cheap numpy calls per step: this loop runs once per word of every article
        np.add(score[:, None], penalty, out=total)
        best = total.argmax(0)
        back[t] = best
        score = total[best, columns] + log_probs[t]
    path = [int(score.argmax())]
    pointers = back.tolist()
    for t in range(n - 1, 0, -1):
        path.append(pointers[t][path[-1]])
    return path[::-1]


AGGREGATIONS = ("word", "piece")
"""How piece scores become entity spans (like the ``aggregation_strategy`` of a token-classification pipeline).

* ``"word"``: the pieces of one word (letters or digits on both sides of every
  piece boundary, as in ``gendar|merie`` or ``240|km``) take one decision
  together. A word is scored as a whole: ``B-X`` is the first piece's
  ``B-X`` plus the other pieces' ``I-X``; ``I-X`` and ``O`` sum the same tag
  over all its pieces. The Viterbi search then runs over words, so this is
  exactly the best BIO sequence among those that never cut a word.
* ``"piece"``: every piece decided on its own (spans may cut words).
"""


def _base_before(text: str, at: int) -> str:
    """The character before ``at``, skipping combining marks back to the letter they sit on (``""`` if none)."""
    i = at - 1
    while i >= 0 and unicodedata.combining(text[i]):
        i -= 1
    return text[i] if i >= 0 else ""


def word_ids(text: str, starts: Sequence[int], ends: Sequence[int]) -> list[int]:
    """The word index of every piece: a piece continues the previous one's word when they touch with a letter
    or digit on both sides of the boundary (``gendar`` + ``merie``; not ``Vietnam`` + ``-``), or when it starts
    with a combining mark, which belongs to the letter before it (``Die`` + U+0323 + ``n`` in decomposed text)."""
    out: list[int] = []
    word = -1
    for k, (s, e) in enumerate(zip(starts, ends)):
        glued = (k > 0 and s == ends[k - 1] and 0 < s < len(text)
                 and (unicodedata.combining(text[s]) != 0
                      or (_base_before(text, s).isalnum() and text[s].isalnum())))
        if not glued:
            word += 1
        out.append(word)
    return out


def word_path(log_probs: np.ndarray, words: Sequence[int], tags: Sequence[str], allowed: np.ndarray,
              first: np.ndarray) -> list[int]:
    """The best piece tag sequence in which every word is one decision (policy ``"word"`` of :data:`AGGREGATIONS`).

    ``log_probs`` is pieces × tags and ``words`` the :func:`word_ids` of the
    pieces. Returns one tag id per piece: a word tagged ``B-X`` gives ``B-X``
    to its first piece and ``I-X`` to the others; ``I-X`` and ``O`` repeat.
    """
    n, k = log_probs.shape
    if n == 0:
        return []
    inside = np.array([tags.index(f"I-{t[2:]}") if t[:2] in ("B-", "I-") else j for j, t in enumerate(tags)])
    bounds = [0] + [i for i in range(1, n) if words[i] != words[i - 1]] + [n]
    scores = np.empty((len(bounds) - 1, k), dtype=log_probs.dtype)
    for w, (a, b) in enumerate(zip(bounds, bounds[1:])):
        rest = log_probs[a + 1:b][:, inside].sum(0) if b - a > 1 else 0.0
        scores[w] = log_probs[a] + rest  # B-X: first piece B-X, then I-X; I-X and O: the same tag throughout
    path = viterbi(scores, allowed, first)
    out: list[int] = []
    for (a, b), t in zip(zip(bounds, bounds[1:]), path):
        out += [t] + [int(inside[t])] * (b - a - 1)
    return out


def tags_to_spans(tag_ids: Sequence[int], tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first, last, label)`` piece ranges (inclusive) of the entities in a BIO sequence."""
    spans: list[tuple[int, int, str]] = []
    current: list | None = None
    for i, t in enumerate(tag_ids):
        tag = tags[t]
        if tag.startswith("I-") and current is not None and current[2] == tag[2:]:
            current[1] = i
            continue
        if current is not None:
            spans.append(tuple(current))  # type: ignore[arg-type]
            current = None
        if tag != OUTSIDE:
            current = [i, i, tag[2:]]
    if current is not None:
        spans.append(tuple(current))  # type: ignore[arg-type]
    return spans


_LEADING = "([{«“‘\"'"
_TRAILING = ",;:)]}»”’\"'([{«“‘-–—/"
_DANGLING = frozenset(
    "of the and to in for with on at by from or a an "  # English
    "de du des la le les et à au aux en sur pour avec par ou d l".split()  # French
)
"""Lower-case words a name never ends with: a span ending in one ran past the name (``Secretary of``,
``2022 to``). Case matters: ``An`` in ``Nghệ An`` and ``La`` in ``Sơn La`` are names."""
_LAST_WORD = re.compile(r"\s+(\w+)['’]?$")
_PAIRS = {")": "(", "]": "[", "}": "{", "»": "«", "”": "“", "’": "‘"}
_QUOTES = {"«": "»", "“": "”", "‘": "’", '"': '"'}


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and punctuation glued to the edges of ``text[start:end]``.

    Removes leading opening brackets/quotes, trailing ``, ; :`` and closing
    brackets/quotes that are not balanced inside the span, quotes around the
    whole span, a final full stop after a digit (``15.``, ``2024.``), an
    opening bracket or dash left at the end (``Wednesday (``, ``Vietnam-``) and a
    dangling function word after the last word (``Secretary of``, ``Comité de``).
    Abbreviation dots (``Co.``) stay. Never returns an empty span: the input is kept if trimming would
    remove everything.
    """
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    changed = True
    while changed and e - s > 1:
        changed = False
        ch = text[e - 1]
        if ch in _TRAILING and not (ch in _PAIRS and _PAIRS[ch] in text[s:e - 1]):
            e -= 1
            changed = True
        elif ch == "." and text[e - 2].isdigit():
            e -= 1
            changed = True
        elif (m := _LAST_WORD.search(text, s, e)) and m.group(1) in _DANGLING:
            e = m.start()
            changed = True
        elif text[s] in _LEADING and not _closed(text[s:e]):
            s += 1
            changed = True
        elif text[s] in _QUOTES and text[e - 1] == _QUOTES[text[s]] and e - s > 2:
            s, e = s + 1, e - 1  # a quoted name: «Hanoi» -> Hanoi
            changed = True
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
    return (s, e) if s < e else (start, end)


def _closed(span: str) -> bool:
    """Whether the opening character of ``span`` is closed inside it."""
    closing = {v: k for k, v in _PAIRS.items()}.get(span[0])
    return closing is not None and closing in span[1:]


def split_at_line_breaks(text: str, starts: Sequence[int], ends: Sequence[int], first: int, last: int
                         ) -> list[tuple[int, int]]:
    """Cut the piece range ``first..last`` (inclusive) wherever the text between two pieces holds a line break.

    A name never runs across lines: a byline followed by a photo credit
    (``Trần Dũng\\n\\nThu Hằng``) is two names, whatever the tagger said.
    """
    parts, begin = [], first
    for k in range(first, last):
        if "\n" in text[ends[k]:starts[k + 1]]:
            parts.append((begin, k))
            begin = k + 1
    parts.append((begin, last))
    return parts


_TRAILING_DESIGNATORS = frozenset(
    "Province District City Commune Ward Town Township County Prefecture Municipality".split())
"""Administrative designators the guidelines keep outside a LOC span (``[Điện Biên] Province``)."""


def trim_designator(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Leave a trailing administrative designator out of a LOC span (``Điện Biên Province`` -> ``Điện Biên``).

    Other labels keep their type words (``Ban Vuoc secondary border gate`` is
    a FAC name, ``Lao Cai Provincial Border Guard Command`` an ORG), and so
    does a LOC that is nothing but the designator.
    """
    if label not in DESIGNATOR_FREE_LABELS:
        return start, end
    m = _LAST_WORD.search(text, start, end)
    if m and m.group(1) in _TRAILING_DESIGNATORS and text[start:m.start()].strip():
        return start, m.start()
    return start, end


def mergeable(text: str, end: int, next_start: int) -> bool:
    """Whether two same-label spans only a space apart (``Chinese`` + ``Ministry of National Defense``) are one."""
    gap = text[end:next_start]
    return not gap.strip() and "\n" not in gap


_PART_OF_DAY = frozenset("night morning afternoon evening noon midnight soir matin".split())
_DIMENSION_WORDS = frozenset("long tall wide high deep thick away".split())
_LEADING_PAIR = re.compile(r"(?:la\s+)?paire\s+d(?:e|es|['’])\s*", re.IGNORECASE)


def trim_label_words(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Leave out the words the guidelines keep outside a span of ``label``.

    * LOC: a trailing administrative designator (:func:`trim_designator`);
    * DATE: a part of the day after the date (``[March 26] night``, ruling 6);
    * QUANTITY: a dimension adjective after the amount (``[2.8 km] long``, ``[1.25 metres] tall``);
    * FAC: a leading ``paire de`` (``paire de [postes-frontières Huu Nghi - Youyi Guan]``), as real
      annotated French news marks gate pairs.

    The result is trimmed again by :func:`trim_span` (``au`` left dangling by ``au soir``).
    """
    s, e = start, end
    if label == "LOC":
        s, e = trim_designator(text, s, e, label)
    elif label in ("DATE", "QUANTITY"):
        words = _PART_OF_DAY if label == "DATE" else _DIMENSION_WORDS
        m = _LAST_WORD.search(text, s, e)
        if m and m.group(1).lower() in words and text[s:m.start()].strip():
            s, e = trim_span(text, s, m.start())
    elif label == "FAC":
        m = _LEADING_PAIR.match(text, s, e)
        if m and m.end() < e:
            s = m.end()
    return s, e
