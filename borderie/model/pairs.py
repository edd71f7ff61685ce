"""Relation candidates: which mention pairs the relation head looks at, and which labels each may take.

Candidates are ordered pairs ``(head, tail)`` of distinct mentions in the
same sentence, starting at most :data:`MAX_PAIR_CHARS` characters apart, for
which some relation label obeys the schema's type rules
(:func:`borderie.schema.relation_allowed`). A symmetric label is only
offered in reading order (head before tail), as the guidelines mark them;
asymmetric labels are offered in the direction the type rule allows. Class
0 is "no relation" and is always allowed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from ..schema import NO_RELATION, RELATION_LABELS, RELATION_TYPES, relation_allowed

RELATION_CLASSES: tuple[str, ...] = (NO_RELATION, *RELATION_LABELS)
MAX_PAIR_CHARS = 400
"""Farthest apart (start to start, in characters) two mentions of a candidate pair may be.

In the corpus and the seeds no relation spans more than 278 characters
(99.9 % within 236) while sentences reach 613, so the bound changes nothing
in real sentences; it keeps a text with no sentence punctuation (one
20,000-character "sentence") from pairing every mention with every other.
"""


@lru_cache(maxsize=None)
def class_mask(head_label: str, tail_label: str, head_first: bool) -> tuple[bool, ...]:
    """Which of :data:`RELATION_CLASSES` may link ``head_label -> tail_label``."""
    mask = [True]
    for label in RELATION_LABELS:
        ok = relation_allowed(label, head_label, tail_label)
        if ok and RELATION_TYPES[label].symmetric and not head_first:
            ok = False
        mask.append(ok)
    return tuple(mask)


def candidate_pairs(labels: Sequence[str], starts: Sequence[int], sentences: Sequence[int]) -> list[tuple[int, int]]:
    """Ordered pairs ``(i, j)`` of mentions (by index) that could hold some relation.

    ``labels``, ``starts`` and ``sentences`` give each mention's entity label,
    start offset and sentence index.
    """
    by_sentence: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_sentence.setdefault(s, []).append(i)
    pairs = []
    for members in by_sentence.values():
        for i in members:
            for j in members:
                if i == j or abs(starts[i] - starts[j]) > MAX_PAIR_CHARS:
                    continue
                head_first = (starts[i], i) < (starts[j], j)
                if any(class_mask(labels[i], labels[j], head_first)[1:]):
                    pairs.append((i, j))
    return pairs


def distance_bucket(distance: int, buckets: int) -> int:
    """Log-scale bucket of a piece distance: 0, 1, 2, 3-4, 5-8, 9-16, …, capped at ``buckets - 1``."""
    d = abs(distance)
    b = d if d < 3 else 2 + (d - 1).bit_length() - 1
    return min(b, buckets - 1)


def select_relations(pairs: Sequence[tuple[int, int]], probs: Sequence[Sequence[float]],
                     threshold: float | None = None, classes: Sequence[str] = RELATION_CLASSES
                     ) -> list[tuple[int, int, str, float]]:
    """``(head, tail, label, score)`` for the candidate pairs that hold a relation, at most one per label and pair.

    ``probs`` holds each pair's class probabilities (``classes``, the model's
    :attr:`~borderie.model.config.ModelConfig.relation_classes`,
    "no relation" first, classes the type rules forbid at 0). With
    ``threshold=None`` the most probable class wins; with a threshold a pair
    holds its most probable label when ``1 - p(no relation) >= threshold``.
    Of the two directions of one pair, the more confident keeps the label.
    """
    found: dict[tuple[str, frozenset[int]], tuple[float, int, int]] = {}
    for (i, j), p in zip(pairs, probs):
        best = max(range(1, len(p)), key=p.__getitem__)
        if threshold is None:
            if p[best] <= p[0]:
                continue
        elif 1.0 - p[0] < threshold or p[best] <= 0.0:
            continue
        key = (classes[best], frozenset((i, j)))
        if key not in found or p[best] > found[key][0]:
            found[key] = (p[best], i, j)
    return [(i, j, label, score) for (label, _), (score, i, j) in found.items()]
