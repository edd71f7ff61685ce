"""``borderie distill TEACHER --out DIR``: train a shallower, faster student of a model (see :mod:`borderie.training.distill`)."""

from __future__ import annotations

import argparse

from ..model.device import DEVICE_HELP
from ..training.distill import DEFAULT_LAYERS


def _layers(value: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--layers takes comma-separated layer indices, got {value!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "distill", help="train a shallower, faster student of a model",
        description="Build a student that keeps some of the teacher's encoder layers and all its heads, and train "
                    "it on gold JSONL with the gold loss plus the teacher's softened tags and relations "
                    "(computed once before training). The best epoch by dev F1 is saved to --out.")
    p.add_argument("teacher", metavar="TEACHER", help="the teacher's model directory (e.g. models/full)")
    p.add_argument("--train", required=True, metavar="T.jsonl", help="gold training documents")
    p.add_argument("--dev", required=True, metavar="D.jsonl", help="gold dev documents (checkpoint choice)")
    p.add_argument("--out", required=True, metavar="DIR", help="student model directory to write")
    p.add_argument("--layers", type=_layers, default=DEFAULT_LAYERS,
                   help=f"teacher layers the student keeps (default: {','.join(map(str, DEFAULT_LAYERS))})")
    p.add_argument("--epochs", type=int, default=6, help="default: 6")
    p.add_argument("--patience", type=int, default=2, help="default: 2")
    p.add_argument("--batch-size", type=int, default=2, help="documents per step (default: 2)")
    p.add_argument("--lr", type=float, default=1e-4, help="encoder learning rate (default: 1e-4)")
    p.add_argument("--head-lr", type=float, default=5e-4, help="heads learning rate (default: 5e-4)")
    p.add_argument("--weight", type=float, default=1.0, help="distillation loss weight (default: 1.0)")
    p.add_argument("--temperature", type=float, default=2.0, help="softening temperature (default: 2.0)")
    p.add_argument("--seed", type=int, default=13, help="random seed (same seed, same student; default: 13)")
    p.add_argument("--threads", type=int, help="CPU threads for torch")
    p.add_argument("--device", default="auto", help=f"where to train: {DEVICE_HELP} (default: auto)")
    p.add_argument("--overwrite", action="store_true", help="replace the model in an existing --out")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run in --out")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..training.distill import distill
    from ..training.trainer import TrainingConfig
    from .train import report_best, set_threads

    set_threads(args.threads)
    config = TrainingConfig(epochs=args.epochs, patience=args.patience, batch_size=args.batch_size,
                            learning_rate=args.lr, head_learning_rate=args.head_lr, seed=args.seed,
                            distill_weight=args.weight, distill_temperature=args.temperature)
    result = distill(args.teacher, args.train, args.dev, args.out, layers=args.layers, config=config,
                     overwrite=args.overwrite, resume=args.resume, progress=not args.quiet, device=args.device,
                     log=None if args.quiet else print)
    report_best(result, "student")
    return 0
