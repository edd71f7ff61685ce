"""Choosing a model's decoding settings on annotated articles (real ones, not the training corpus).

The relation head gives every candidate mention pair a probability per
class. How sure it must be before a relation is kept
(:attr:`borderie.model.ModelConfig.relation_threshold`) trades precision for
recall, and the best trade depends on the articles a model will read, so it
is chosen on annotated articles of that kind: :func:`scan_relation_thresholds`
runs the model once over them and scores every threshold;
:func:`set_relation_threshold` writes the chosen one into a model directory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from ..document import Document, Relation
from ..errors import UsageError
from ..evaluate import evaluate
from ..io import atomic_write_text

DEFAULT_THRESHOLDS: tuple[float | None, ...] = (None, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
"""The thresholds scanned by default; ``None`` is "the most probable class wins"."""
MIN_GAIN = 0.005
"""A threshold replaces "the most probable class wins" only if it gains more relation F1 than this: smaller
differences are noise on a few hundred relations."""


@dataclass(frozen=True)
class ThresholdScore:
    threshold: float | None
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class ThresholdScan:
    """End-to-end relation micro scores for each threshold, in the order scanned."""

    scores: tuple[ThresholdScore, ...]

    @property
    def best(self) -> ThresholdScore:
        """The threshold with the highest relation F1 (the earliest scanned on a tie), unless "the most probable
        class wins" (``None``) scores within :data:`MIN_GAIN` of it."""
        top = max(self.scores, key=lambda s: s.f1)
        plain = next((s for s in self.scores if s.threshold is None), None)
        return plain if plain is not None and plain.f1 >= top.f1 - MIN_GAIN else top

    def format_table(self) -> str:
        rows = [f"{'threshold':<10} {'P':>6} {'R':>6} {'F1':>6}"]
        for s in self.scores:
            name = "argmax" if s.threshold is None else f"{s.threshold:.2f}"
            mark = "  <- best" if s is self.best else ""
            rows.append(f"{name:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}{mark}")
        return "\n".join(rows)


def scan_relation_thresholds(nlp, gold: Sequence[Document],
                             thresholds: Sequence[float | None] = DEFAULT_THRESHOLDS,
                             batch_size: int = 8) -> ThresholdScan:
    """Relation P/R/F1 of ``nlp`` on ``gold`` at each threshold (the encoder runs once per article)."""
    from ..model.pairs import select_relations

    if not gold:
        raise UsageError("scanning thresholds needs at least one annotated document")
    for t in thresholds:
        if t is not None and not 0.0 < t < 1.0:
            raise UsageError(f"thresholds must be in (0, 1) or None, got {t}")
    analysed = []
    for k in range(0, len(gold), batch_size):
        batch = [replace(d, entities=(), relations=()) for d in gold[k:k + batch_size]]
        analysed += nlp._analyse(batch)
    scores = []
    for t in thresholds:
        predicted = []
        for item, entities, pairs, probs in analysed:
            relations = tuple(Relation(entities[i], entities[j], label, score=round(score, 4))
                              for i, j, label, score in select_relations(pairs, probs, t, nlp.config.relation_classes))
            predicted.append(replace(item, entities=tuple(entities), relations=relations))
        micro = evaluate(gold, predicted).relations.micro
        scores.append(ThresholdScore(t, micro.p, micro.r, micro.f1))
    return ThresholdScan(tuple(scores))


def set_relation_threshold(model_dir: str | Path, threshold: float | None) -> Path:
    """Store ``threshold`` as the decoding threshold of the model in ``model_dir`` (its ``config.json``)."""
    from ..model.config import CONFIG_FILENAME
    from ..model.storage import read_config

    if threshold is not None and not 0.0 < threshold < 1.0:
        raise UsageError(f"relation_threshold must be in (0, 1) or None, got {threshold}")
    path = Path(model_dir)
    config = read_config(path).with_updates(relation_threshold=threshold)
    atomic_write_text(path / CONFIG_FILENAME, [config.to_json()])
    return path / CONFIG_FILENAME
