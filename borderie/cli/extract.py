"""``borderie extract PATH... -o OUT.jsonl``: run the model over articles, resumably."""

from __future__ import annotations

import argparse
import sys

from ..model import PRECISIONS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract entities, relations, values and places from articles",
                       description="Run an extraction model over text files, folders, JSONL ({id, text, lang?, "
                                   "date?} per line) and Parquet files, writing gold-format JSONL (plus scores, "
                                   "values and places) that `borderie evaluate` scores directly. Resumable: "
                                   "articles already in OUT are skipped. Unreadable articles are reported and "
                                   "skipped. PATH - reads standard input (JSONL, or one text); -o - writes the "
                                   "results to standard output (messages and progress go to standard error).")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, folders, .jsonl or .parquet files; - reads standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                   help="results, one JSON line per article (appended: a run resumes); - writes to standard output")
    p.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    p.add_argument("--batch-size", type=int, default=8, help="articles per model call")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for torch (default: torch's choice)")
    p.add_argument("--precision", choices=PRECISIONS, default="auto",
                   help="encoder precision: auto (bfloat16 where the hardware computes it natively, else float32)")
    p.add_argument("--no-progress", action="store_true", help=argparse.SUPPRESS)  # older spelling of -q's bar part
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import extract_to_jsonl
    from ..model import load

    nlp = load(args.model, num_threads=args.threads, precision=args.precision)
    summary = extract_to_jsonl(nlp, args.paths, args.output, batch_size=args.batch_size,
                               progress=not (args.no_progress or args.quiet))
    if not args.quiet:
        where = "standard output" if args.output == "-" else args.output
        print(f"borderie: {summary}; results in {where}", file=sys.stderr)
    return 1 if summary.problems and not summary.written and not summary.skipped else 0
