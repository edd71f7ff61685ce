"""``borderie train``: fine-tune an extraction model on gold JSONL (see :mod:`borderie.training`)."""

from __future__ import annotations

import argparse

from ..model.device import DEVICE_HELP
from ..training.trainer import METRICS, TrainingConfig, TrainingResult

_DEFAULTS = TrainingConfig()


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "train", help="fine-tune an extraction model on gold JSONL",
        description="Fine-tune the extraction model on gold JSONL, keeping the best epoch by dev F1. "
                    "Bad training data is rejected with its validation report before training starts.")
    p.add_argument("--train", required=True, metavar="T.jsonl", help="gold training documents")
    p.add_argument("--dev", required=True, metavar="D.jsonl", help="gold dev documents (early stopping)")
    p.add_argument("--out", required=True, metavar="DIR", help="model directory to write")
    p.add_argument("--from", dest="init", metavar="DIR", help="start from this model directory "
                   "(default: a new model on the base encoder)")
    p.add_argument("--epochs", type=int, default=_DEFAULTS.epochs, help="most epochs to train")
    p.add_argument("--batch-size", type=int, default=_DEFAULTS.batch_size, help="documents per step")
    p.add_argument("--lr", type=float, default=_DEFAULTS.learning_rate, help="encoder learning rate")
    p.add_argument("--head-lr", type=float, default=_DEFAULTS.head_learning_rate, help="heads learning rate")
    p.add_argument("--patience", type=int, default=_DEFAULTS.patience,
                   help="epochs without dev improvement before stopping")
    p.add_argument("--metric", choices=METRICS, default=_DEFAULTS.metric,
                   help="dev score for early stopping: mean of entity and relation F1, or one of them")
    p.add_argument("--seed", type=int, default=_DEFAULTS.seed, help="random seed (same seed, same model)")
    p.add_argument("--checkpoint-every", type=int, default=_DEFAULTS.checkpoint_every, metavar="STEPS",
                   help="save a resumable checkpoint every STEPS steps")
    p.add_argument("--train-embeddings", action="store_true",
                   help="also train the 96M-row word-embedding table (slow, memory-hungry)")
    p.add_argument("--threads", type=int, help="CPU threads for torch (default: torch's choice)")
    p.add_argument("--device", default="auto", help=f"where to train: {DEVICE_HELP} (default: auto)")
    p.add_argument("--no-gradient-checkpointing", action="store_true",
                   help="keep the encoder's activations for the backward pass: about a quarter faster, about twice "
                        "the memory (default: recompute them)")
    p.add_argument("--overwrite", action="store_true", help="replace the model in an existing --out")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run in --out")
    p.add_argument("--keep-checkpoint", action="store_true", help="keep --out/checkpoint after finishing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..training import train

    set_threads(args.threads)
    config = TrainingConfig(
        epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.lr, head_learning_rate=args.head_lr,
        patience=args.patience, metric=args.metric, seed=args.seed, checkpoint_every=args.checkpoint_every,
        freeze_embeddings=not args.train_embeddings, gradient_checkpointing=not args.no_gradient_checkpointing,
    )
    result = train(args.train, args.dev, args.out, init=args.init, config=config, overwrite=args.overwrite,
                   resume=args.resume, progress=not args.quiet, keep_checkpoint=args.keep_checkpoint,
                   device=args.device, log=None if args.quiet else print)
    report_best(result, "model")
    return 0


def set_threads(threads: int | None) -> None:
    """``torch.set_num_threads`` for ``--threads`` (torch's own choice when not given)."""
    if threads:
        import torch

        torch.set_num_threads(threads)


def report_best(result: TrainingResult, what: str) -> None:
    """The closing line of a training run: the best epoch's dev scores and where the model went."""
    best = next((h for h in result.history if h.epoch == result.best_epoch), None)
    if best is not None:
        print(f"best epoch {best.epoch}: dev entity F1 {best.entity_f1:.4f}, relation F1 {best.relation_f1:.4f}; "
              f"{what} saved to {result.out_dir}")
