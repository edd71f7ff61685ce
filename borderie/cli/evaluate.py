"""``borderie evaluate --gold G --pred P``: entity and relation P/R/F1."""

from __future__ import annotations

import argparse
import json
import sys

from ..evaluate import evaluate
from ..io import read_jsonl, read_predictions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score predictions against gold annotations",
                       description="Entity (exact span and label) and end-to-end relation precision, recall and F1, "
                                   "micro overall, per label and per language. Documents are matched by id (else by identical "
                                   "text). Predicted relations that break the type rules are scored as false "
                                   "positives, with a warning.")
    p.add_argument("--gold", required=True, metavar="G", help="gold JSONL file")
    p.add_argument("--pred", required=True, metavar="P",
                   help="predicted JSONL file (same format); - reads standard input, as in "
                        "`borderie extract G -o - | borderie evaluate --gold G --pred -`")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .streams import input_path

    with input_path(args.gold) as gold, input_path(args.pred) as pred:
        predictions, warnings = read_predictions(pred)
        report = evaluate(read_jsonl(gold), predictions)
    for w in [*warnings, *report.warnings]:
        print(f"borderie: {w}", file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(report.format_table())
    return 0
