"""``borderie tune``: choose a model's relation threshold on annotated articles (:mod:`borderie.training.select`)."""

from __future__ import annotations

import argparse
import json

from ..training.select import DEFAULT_THRESHOLDS


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "tune", help="choose the relation threshold of a model on annotated articles",
        description="Run a model once over gold articles of the kind it will read (real ones, not its training "
                    "corpus), score every relation threshold end to end and print the table; --write stores the "
                    "best one in the model directory's config.json.")
    p.add_argument("--model", required=True, metavar="DIR", help="model directory")
    p.add_argument("--gold", required=True, nargs="+", metavar="G.jsonl", help="gold JSONL file(s) to choose on")
    p.add_argument("--thresholds", nargs="+", type=float, metavar="T",
                   help="thresholds in (0, 1) to try besides argmax (default: 0.2 to 0.7 by 0.05)")
    p.add_argument("--write", action="store_true", help="store the best threshold in DIR/config.json")
    p.add_argument("--json", action="store_true", help="print one JSON object: {scores: [...], best}")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..io import read_jsonl
    from ..model import load
    from ..training.select import scan_relation_thresholds, set_relation_threshold

    gold = [d for path in args.gold for d in read_jsonl(path)]
    thresholds = (None, *args.thresholds) if args.thresholds else DEFAULT_THRESHOLDS
    scan = scan_relation_thresholds(load(args.model), gold, thresholds)
    if args.json:
        print(json.dumps({"scores": [s.__dict__ for s in scan.scores], "best": scan.best.threshold}))
    else:
        print(scan.format_table())
    if args.write:
        where = set_relation_threshold(args.model, scan.best.threshold)
        if not args.json:
            print(f"relation_threshold = {scan.best.threshold} written to {where}")
    return 0
