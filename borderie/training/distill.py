"""Distillation: a shallower, faster student trained to read like a full model.

:func:`distill` builds the student from the teacher itself: a copy that keeps
some of the teacher's encoder layers (by default 8 of 12: the first, every
second one below the top, and the top three, which the heads were trained
on) and all of its heads, then trains it with :func:`borderie.training.train`
on the gold corpus with two losses:

* the gold cross-entropy of both heads, as in any fine-tuning;
* the distillation loss (:func:`distillation_loss`): the KL divergence from
  the teacher's tag distribution of every piece and its relation
  distribution of every candidate pair, both softened by a temperature.

The teacher's outputs are computed once, before training
(:func:`soft_targets`), so each step costs only the student's forward and
backward passes. The student is saved like any model directory (only the
weights that differ from the base encoder's first layers are stored) and
loads with :func:`borderie.load`.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import torch
from torch import nn
from torch.nn import functional as F

from ..errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from ..model.pipeline import Extractor
    from .data import TrainingExample
    from .trainer import TrainingConfig, TrainingResult

DEFAULT_LAYERS: tuple[int, ...] = (0, 2, 4, 6, 8, 9, 10, 11)
"""Teacher layers the default student keeps (of 12): the low ones spaced out, the top ones whole."""


@dataclass(frozen=True)
class SoftTargets:
    """A teacher's outputs for one training example: tag logits per piece, relation logits per candidate pair."""

    tags: torch.Tensor
    relations: torch.Tensor


def shallow_student(teacher: "Extractor", layers: Sequence[int] = DEFAULT_LAYERS) -> "Extractor":
    """A copy of ``teacher`` whose encoder keeps only ``layers`` (teacher layer indices, in order)."""
    from ..model.config import ModelConfig
    from ..model.network import ExtractionNetwork
    from ..model.pipeline import Extractor

    depth = teacher.network.encoder.config.num_hidden_layers
    layers = list(layers)
    if not layers or sorted(set(layers)) != layers or layers[0] < 0 or layers[-1] >= depth:
        raise UsageError(f"layers must be increasing indices of the teacher's {depth} layers, got {layers}")
    encoder = copy.deepcopy(teacher.network.encoder)
    encoder.encoder.layer = nn.ModuleList([encoder.encoder.layer[i] for i in layers])
    encoder.config.num_hidden_layers = len(layers)
    settings = teacher.config.to_dict()
    settings["encoder"] = {**settings["encoder"], "num_hidden_layers": len(layers)}
    config = ModelConfig.from_dict(settings)
    network = ExtractionNetwork(config, encoder)
    heads = {k: v for k, v in teacher.network.state_dict().items() if not k.startswith("encoder.")}
    network.load_state_dict({**network.state_dict(), **heads})
    return Extractor(network.eval(), teacher.tokenizer, aggregation=teacher.aggregation)


@torch.inference_mode()
def soft_targets(teacher: "Extractor", examples: Sequence["TrainingExample"], *, batch_size: int = 8
                 ) -> list[SoftTargets]:
    """The teacher's tag and relation logits for each example (in its inference precision, returned as float32)."""
    from .trainer import example_logits  # the trainer imports this module

    teacher.network.eval()
    out: list[SoftTargets] = []
    for k in range(0, len(examples), batch_size):
        for tags, relations in example_logits(teacher, examples[k:k + batch_size]):
            if relations is None:
                relations = tags.new_zeros((0, len(teacher.config.relation_classes)))
            out.append(SoftTargets(tags.float().cpu().clone(), relations.float().cpu().clone()))
    return out


def distillation_loss(tag_logits: torch.Tensor, teacher_tags: torch.Tensor, rel_logits: torch.Tensor | None,
                      teacher_relations: torch.Tensor | None, temperature: float, relation_weight: float
                      ) -> torch.Tensor:
    """KL(teacher ‖ student) of the softened tag and relation distributions, scaled by ``temperature²``."""
    if tag_logits.shape != teacher_tags.shape:
        raise UsageError(f"student and teacher disagree on the pieces ({tuple(tag_logits.shape)} vs "
                         f"{tuple(teacher_tags.shape)}): they must share the tokenizer and the examples")

    def kl(student: torch.Tensor, teacher: torch.Tensor) -> torch.Tensor:
        return F.kl_div(F.log_softmax(student / temperature, -1), F.log_softmax(teacher / temperature, -1),
                        log_target=True, reduction="batchmean") * temperature ** 2

    loss = kl(tag_logits, teacher_tags)
    if rel_logits is not None and teacher_relations is not None and rel_logits.numel():
        loss = loss + relation_weight * kl(rel_logits, teacher_relations)
    return loss


def distill(teacher: "str | os.PathLike[str] | Extractor", train_data, dev_data, out_dir: str | os.PathLike[str], *,
            layers: Sequence[int] = DEFAULT_LAYERS, config: "TrainingConfig | None" = None,
            device: str | None = "auto", **train_kwargs) -> "TrainingResult":
    """Train a shallower student of ``teacher`` on ``train_data`` and save the best (by dev F1) to ``out_dir``.

    ``config`` defaults to the project's distillation settings: 6 epochs,
    learning rates 1e-4 / 5e-4, batches of 2 documents, distillation weight
    1.0 at temperature 2. Other keyword arguments go to
    :func:`borderie.training.train`.
    """
    from ..model.pipeline import Extractor
    from .trainer import TrainingConfig, train

    teacher_model = teacher if isinstance(teacher, Extractor) else Extractor.from_pretrained(teacher, device=device)
    student = shallow_student(teacher_model, layers)
    student.set_precision("float32")
    cfg = config or TrainingConfig(epochs=6, patience=2, batch_size=2, learning_rate=1e-4, head_learning_rate=5e-4,
                                   distill_weight=1.0, distill_temperature=2.0)
    if cfg.distill_weight <= 0:
        raise UsageError("distillation needs config.distill_weight > 0")
    return train(train_data, dev_data, out_dir, init=student, config=cfg, teacher=teacher_model, device=device,
                 **train_kwargs)
