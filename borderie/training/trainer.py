"""Fine-tuning: ``train(train_data, dev_data, out_dir)``, also behind ``borderie train``.

A plain PyTorch loop (clearer than the Trainer for a document-level model
with two heads):

* data: gold JSONL paths or Documents, validated before anything else;
  bad data raises :class:`~borderie.errors.GoldFormatError` with the full
  validation report;
* model: a new one on the base encoder, a model directory (``init``), or an
  :class:`~borderie.model.Extractor` passed in (e.g. a tiny test model);
* loss: BIO tagging cross-entropy + relation cross-entropy over the gold
  mentions' candidate pairs (classes masked by the schema's type rules);
* AdamW (encoder and heads at their own rates), linear warm-up and decay,
  gradient clipping; the word-embedding table is frozen by default;
* after each epoch the model predicts the dev set and is scored with
  :func:`borderie.evaluate.evaluate`; the best model is saved to ``out_dir``
  and training stops after ``patience`` epochs without improvement;
* fixed seeds; a checkpoint (``out_dir/checkpoint``) every
  ``checkpoint_every`` steps and at each epoch's end lets an interrupted run
  continue with ``resume=True`` exactly where it stopped;
* an existing ``out_dir`` is never overwritten unless ``overwrite=True``.
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import torch
from torch.nn import functional as F
from tqdm.auto import tqdm

from ..document import Document
from ..errors import GoldFormatError, UsageError
from ..evaluate import evaluate
from ..io import atomic_path, atomic_write_text, read_jsonl
from ..model.device import resolve_device
from ..model.pipeline import Extractor
from ..validation import check_record, errors_only
from .data import PreparationReport, TrainingExample, prepare_examples
from .distill import SoftTargets, distillation_loss, soft_targets

CHECKPOINT_DIR = "checkpoint"
HISTORY_FILE = "training.json"
METRICS = ("mean", "entities", "relations")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainingConfig:
    """Settings of a fine-tuning run (defaults are sized for 2 CPU cores)."""

    epochs: int = 20
    batch_size: int = 4
    learning_rate: float = 5e-5
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_grad_norm: float = 1.0
    relation_weight: float = 1.0
    patience: int = 4
    seed: int = 13
    freeze_embeddings: bool = True
    metric: str = "mean"
    checkpoint_every: int = 50
    eval_batch_size: int = 8
    distill_weight: float = 0.0
    """Weight of the distillation loss (a teacher's soft tags and relations, see :mod:`borderie.training.distill`)."""
    distill_temperature: float = 2.0
    gradient_checkpointing: bool = True
    """Recompute the encoder's activations in the backward pass instead of keeping them: the same gradients, about
    half the training memory (under 3 GB for the default model), about a quarter slower. False: the other way round."""

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise UsageError(f"metric must be one of {', '.join(METRICS)}, got {self.metric!r}")
        for name in ("epochs", "batch_size", "checkpoint_every", "eval_batch_size"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.patience < 0:
            raise UsageError(f"patience must be >= 0, got {self.patience}")


@dataclass(frozen=True)
class EpochRecord:
    """Dev scores after one epoch."""

    epoch: int
    train_loss: float
    entity_f1: float
    relation_f1: float
    score: float
    improved: bool


@dataclass(frozen=True)
class TrainingResult:
    """What a run produced: the model directory, the best epoch and the score history."""

    out_dir: Path
    best_epoch: int
    best_score: float
    history: tuple[EpochRecord, ...]
    stopped_early: bool
    data_report: PreparationReport | None = None
    extras: dict = field(default_factory=dict)


# -- data ---------------------------------------------------------------------
def load_documents(data: str | os.PathLike[str] | Sequence[Document], what: str) -> list[Document]:
    """Read and validate training data (a gold JSONL path or Documents)."""
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        if not path.is_file():
            raise UsageError(f"{what} data: no such file: {path}")
        docs = read_jsonl(path)  # raises GoldFormatError listing every problem
    else:
        docs = list(data)
        problems = []
        for n, doc in enumerate(docs):
            if not isinstance(doc, Document):
                raise UsageError(f"{what} data: item #{n} is a {type(doc).__name__}, not a Document")
            problems += errors_only(check_record(doc.to_dict()))
        if problems:
            raise GoldFormatError(f"{what} data has {len(problems)} problem(s); nothing was trained", problems)
    if not docs:
        raise UsageError(f"{what} data holds no documents")
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise UsageError(f"{what} data repeats document ids")
    return docs


# -- the loop -------------------------------------------------------------------
def _seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def example_logits(model: Extractor, batch: Sequence[TrainingExample]
                   ) -> list[tuple[torch.Tensor, torch.Tensor | None]]:
    """For each example: tag logits of its pieces and relation logits of its candidate pairs (classes the type
    rules forbid at -1e4; ``None`` without pairs). The forward pass of training, and of a teacher's soft targets."""
    network, tok, config = model.network, model.tokenizer, model.config
    states = network.piece_states([ex.ids for ex in batch], [ex.plan for ex in batch],
                                  tok.bos_id, tok.eos_id, tok.pad_id)
    out: list[tuple[torch.Tensor, torch.Tensor | None]] = []
    for ex, state in zip(batch, states):
        relations = None
        if ex.pairs:
            t = ex.mentions.tensors(ex.pairs, config.entity_labels, config.distance_buckets, model.device)
            logits = network.relation_logits(state, t["spans"], t["labels"], t["pairs"], t["buckets"])
            relations = logits.masked_fill(~t["mask"], -1e4)
        out.append((network.tag_logits(state), relations))
    return out


def _batch_loss(model: Extractor, batch: Sequence[TrainingExample], cfg: TrainingConfig,
                soft: Sequence[SoftTargets] | None = None) -> tuple[torch.Tensor, float, float]:
    """Gold cross-entropy of both heads, plus the distillation loss when a teacher's ``soft`` targets are given."""
    device = model.device
    tag_logits, tag_gold, rel_logits, rel_gold = [], [], [], []
    for ex, (tags, relations) in zip(batch, example_logits(model, batch)):
        tag_logits.append(tags)
        tag_gold.append(torch.tensor(ex.tag_ids, dtype=torch.long, device=device))
        if relations is not None:
            rel_logits.append(relations)
            rel_gold.append(torch.tensor(ex.targets, dtype=torch.long, device=device))
    tag_loss = F.cross_entropy(torch.cat(tag_logits), torch.cat(tag_gold), ignore_index=-100)
    if rel_logits:
        rel_loss = F.cross_entropy(torch.cat(rel_logits), torch.cat(rel_gold))
    else:
        rel_loss = tag_loss.new_zeros(())
    loss = tag_loss + cfg.relation_weight * rel_loss
    if soft is not None and cfg.distill_weight > 0:
        loss = loss + cfg.distill_weight * distillation_loss(
            torch.cat(tag_logits), torch.cat([s.tags for s in soft]).to(device),
            torch.cat(rel_logits) if rel_logits else None,
            torch.cat([s.relations for s in soft if s.relations.numel()]).to(device) if rel_logits else None,
            cfg.distill_temperature, cfg.relation_weight)
    return loss, float(tag_loss.detach()), float(rel_loss.detach())


def _optimizer(model: Extractor, cfg: TrainingConfig) -> torch.optim.Optimizer:
    groups: dict[tuple[bool, bool], list] = {}
    for name, param in model.network.named_parameters():
        if not param.requires_grad:
            continue
        is_encoder = name.startswith("encoder.")
        no_decay = param.ndim < 2 or "LayerNorm" in name
        groups.setdefault((is_encoder, no_decay), []).append(param)
    return torch.optim.AdamW([
        {"params": params, "lr": cfg.learning_rate if enc else cfg.head_learning_rate,
         "weight_decay": 0.0 if no_decay else cfg.weight_decay}
        for (enc, no_decay), params in sorted(groups.items())
    ])


def _schedule(optimizer: torch.optim.Optimizer, total: int, warmup: int) -> torch.optim.lr_scheduler.LambdaLR:
    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / max(warmup, 1)
        return max(0.0, (total - step) / max(total - warmup, 1))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _score(report: Any, metric: str) -> tuple[float, float, float]:
    ent, rel = report.entities.micro.f1, report.relations.micro.f1
    score = {"mean": (ent + rel) / 2, "entities": ent, "relations": rel}[metric]
    return ent, rel, score


def _trainable_state(model: Extractor) -> dict[str, torch.Tensor]:
    return {n: p.detach().clone() for n, p in model.network.named_parameters() if p.requires_grad}


def _save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    with atomic_path(path / "state.pt") as tmp:
        torch.save(state, tmp)


def _write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, [json.dumps(data, indent=2, ensure_ascii=False) + "\n"])


def train(train_data: str | os.PathLike[str] | Sequence[Document],
          dev_data: str | os.PathLike[str] | Sequence[Document],
          out_dir: str | os.PathLike[str], *,
          init: str | os.PathLike[str] | Extractor | None = None,
          config: TrainingConfig | None = None,
          overwrite: bool = False, resume: bool = False, progress: bool = True,
          keep_checkpoint: bool = False, teacher: str | os.PathLike[str] | Extractor | None = None,
          device: str | None = "auto", log: Callable[[str], None] | None = None) -> TrainingResult:
    """Fine-tune an extraction model and save the best one (by dev F1) to ``out_dir``.

    ``init``: a model directory or an :class:`Extractor` to start from
    (default: a new model on the base encoder). ``resume=True`` continues an
    interrupted run in ``out_dir`` (pass the same ``init`` and ``config``).
    ``teacher`` (a model or its directory, with ``config.distill_weight > 0``)
    adds the distillation loss towards its soft tags and relations
    (:func:`borderie.training.distill.distill` builds a shallower student).
    ``device``: ``"auto"`` (a GPU when there is one), ``"cpu"``, ``"cuda"``,
    ``"cuda:N"``; training runs in float32 there.
    Returns a :class:`TrainingResult`; the run's history is also written to
    ``out_dir/training.json``.
    """
    cfg = config or TrainingConfig()
    target = resolve_device(device)  # an absent GPU is refused before anything is read or written
    say = log or (lambda msg: tqdm.write(msg) if progress else logger.info("%s", msg))
    out = Path(out_dir)
    checkpoint_dir = out / CHECKPOINT_DIR
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a directory")
    if resume:
        if not (checkpoint_dir / "state.pt").is_file():
            raise UsageError(f"cannot resume: {checkpoint_dir} holds no checkpoint")
    elif out.exists() and any(out.iterdir()) and not overwrite:
        raise UsageError(f"{out} already exists and is not empty; pass overwrite=True (--overwrite) to replace "
                         f"its model or resume=True (--resume) to continue an interrupted run")

    # 1. data first: nothing is built or written before it validates
    train_docs = load_documents(train_data, "training")
    dev_docs = load_documents(dev_data, "dev")

    # 2. the model
    _seed_everything(cfg.seed)
    if isinstance(init, Extractor):
        model = init
    elif init is not None:
        model = Extractor.from_pretrained(init, precision="float32")  # training and its evaluations: float32
    else:
        model = Extractor.from_base(seed=cfg.seed)
    model.to(target)
    network = model.network
    if cfg.gradient_checkpointing:
        network.encoder.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    if cfg.freeze_embeddings:
        network.encoder.embeddings.word_embeddings.weight.requires_grad_(False)

    examples, report = prepare_examples(train_docs, model.tokenizer, model.config)
    if report.entities == 0:
        raise UsageError("the training data holds no entities; there is nothing to learn")
    say(f"training data: {report}")
    soft: list[SoftTargets] | None = None
    if teacher is not None and cfg.distill_weight > 0:
        teacher_model = teacher if isinstance(teacher, Extractor) else Extractor.from_pretrained(teacher)
        teacher_model.to(target)
        say("computing the teacher's soft targets")
        soft = soft_targets(teacher_model, examples, batch_size=cfg.eval_batch_size)
        del teacher_model

    steps_per_epoch = math.ceil(len(examples) / cfg.batch_size)
    total_steps = steps_per_epoch * cfg.epochs
    optimizer = _optimizer(model, cfg)
    scheduler = _schedule(optimizer, total_steps, int(cfg.warmup_ratio * total_steps))

    state: dict[str, Any] = {"epoch": 0, "step": 0, "global_step": 0, "best_score": -1.0, "best_epoch": 0,
                             "bad_epochs": 0, "history": [], "loss_sum": 0.0}
    if resume:
        saved = torch.load(checkpoint_dir / "state.pt", weights_only=False)
        if saved["config"] != asdict(cfg):
            changed = sorted(k for k in saved["config"] if saved["config"][k] != asdict(cfg).get(k))
            raise UsageError(f"cannot resume with different training settings: {', '.join(changed)}")
        params = dict(network.named_parameters())
        if set(saved["trainable"]) != {n for n, p in params.items() if p.requires_grad}:
            raise UsageError("cannot resume: the checkpoint was made for a different model")
        with torch.no_grad():
            for name, value in saved["trainable"].items():
                params[name].copy_(value)
        optimizer.load_state_dict(saved["optimizer"])
        scheduler.load_state_dict(saved["scheduler"])
        torch.set_rng_state(saved["torch_rng"])
        state.update(saved["progress"])
        say(f"resuming at epoch {state['epoch'] + 1}, step {state['step']}")
    else:
        if checkpoint_dir.is_dir():
            shutil.rmtree(checkpoint_dir)  # a stale checkpoint of a run being overwritten
        out.mkdir(parents=True, exist_ok=True)

    def checkpoint() -> None:
        _save_checkpoint(checkpoint_dir, {
            "config": asdict(cfg), "trainable": _trainable_state(model), "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(), "torch_rng": torch.get_rng_state(), "progress": dict(state),
        })

    stopped_early = False
    while state["epoch"] < cfg.epochs:
        epoch = state["epoch"]
        order = torch.randperm(len(examples), generator=torch.Generator().manual_seed(cfg.seed + epoch)).tolist()
        network.train()
        bar = tqdm(total=steps_per_epoch, initial=state["step"], desc=f"epoch {epoch + 1}/{cfg.epochs}",
                   disable=not progress, leave=False)
        for step in range(state["step"], steps_per_epoch):
            batch = [examples[i] for i in order[step * cfg.batch_size: (step + 1) * cfg.batch_size]]
            picked = order[step * cfg.batch_size: (step + 1) * cfg.batch_size]
            loss, tag_loss, rel_loss = _batch_loss(model, batch, cfg, [soft[i] for i in picked] if soft else None)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in network.parameters() if p.requires_grad], cfg.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            state["step"] = step + 1
            state["global_step"] += 1
            state["loss_sum"] += float(loss.detach())
            bar.update(1)
            bar.set_postfix(tags=f"{tag_loss:.3f}", relations=f"{rel_loss:.3f}")
            if state["step"] % cfg.checkpoint_every == 0 and state["step"] < steps_per_epoch:
                checkpoint()
        bar.close()

        # evaluate on dev, keep the best model
        network.eval()
        predictions = list(model.pipe(dev_docs, batch_size=cfg.eval_batch_size))
        ent, rel, score = _score(evaluate(dev_docs, predictions), cfg.metric)
        improved = score > state["best_score"]
        record = EpochRecord(epoch + 1, state["loss_sum"] / steps_per_epoch, ent, rel, score, improved)
        state["history"].append(asdict(record))
        say(f"epoch {epoch + 1}: loss {record.train_loss:.4f}  dev entity F1 {ent:.4f}  relation F1 {rel:.4f}"
            f"{'  (best so far, saved)' if improved else ''}")
        if improved:
            state.update(best_score=score, best_epoch=epoch + 1, bad_epochs=0)
            model.save_pretrained(out, overwrite=True)
        else:
            state["bad_epochs"] += 1
        state.update(epoch=epoch + 1, step=0, loss_sum=0.0)
        stop = state["bad_epochs"] > cfg.patience
        if state["epoch"] < cfg.epochs and not stop:
            checkpoint()
        _write_json(out / HISTORY_FILE, {"config": asdict(cfg), "data": asdict(report),
                                         "best_epoch": state["best_epoch"], "best_score": state["best_score"],
                                         "history": state["history"]})
        if stop:
            stopped_early = True
            say(f"no improvement for {state['bad_epochs']} epochs: stopping")
            break

    if not keep_checkpoint and checkpoint_dir.is_dir():
        shutil.rmtree(checkpoint_dir)
    return TrainingResult(out, state["best_epoch"], state["best_score"],
                          tuple(EpochRecord(**h) for h in state["history"]), stopped_early, report)
