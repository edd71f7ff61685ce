"""From text and mentions to the index tensors the network heads read.

Shared by inference (:mod:`borderie.model.pipeline`) and training
(:mod:`borderie.training.data`), so both see mentions, sentences and
relation candidates exactly the same way.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

import torch

from ..encoder.tokenizer import TokenizedText
from .pairs import RELATION_CLASSES, candidate_pairs, class_mask, distance_bucket


def piece_range(tokens: TokenizedText, start: int, end: int) -> tuple[int, int] | None:
    """First and last (inclusive) non-blank piece overlapping ``[start, end)``, or None."""
    first = last = None
    lo = bisect.bisect_right(tokens.ends, start)  # ends are non-decreasing
    for i in range(max(lo - 1, 0), len(tokens)):
        s, e = tokens.starts[i], tokens.ends[i]
        if s >= end:
            break
        if s == e or e <= start:
            continue
        if first is None:
            first = i
        last = i
    return None if first is None else (first, last)


@dataclass(frozen=True)
class MentionTable:
    """The mentions of one text as the relation head needs them."""

    spans: tuple[tuple[int, int], ...]   # first/last piece, inclusive
    labels: tuple[str, ...]
    starts: tuple[int, ...]              # character offsets, for reading order
    sentences: tuple[int, ...]

    def candidates(self) -> list[tuple[int, int]]:
        return candidate_pairs(self.labels, self.starts, self.sentences)

    def tensors(self, pairs: Sequence[tuple[int, int]], entity_labels: Sequence[str], buckets: int,
                device: torch.device | str = "cpu") -> dict[str, torch.Tensor]:
        """``spans``, ``labels``, ``pairs``, ``buckets`` and the class ``mask`` for these pairs, on ``device``."""
        index = {label: i for i, label in enumerate(entity_labels)}
        mask = [class_mask(self.labels[i], self.labels[j], (self.starts[i], i) < (self.starts[j], j))
                for i, j in pairs]
        dist = [distance_bucket(self.spans[j][0] - self.spans[i][1] if self.spans[i][0] < self.spans[j][0]
                                else self.spans[i][0] - self.spans[j][1], buckets) for i, j in pairs]
        return {
            "spans": torch.tensor(self.spans, dtype=torch.long, device=device).reshape(-1, 2),
            "labels": torch.tensor([index[x] for x in self.labels], dtype=torch.long, device=device),
            "pairs": torch.tensor(pairs, dtype=torch.long, device=device).reshape(-1, 2),
            "buckets": torch.tensor(dist, dtype=torch.long, device=device),
            "mask": torch.tensor(mask, dtype=torch.bool, device=device).reshape(-1, len(RELATION_CLASSES)),
        }
