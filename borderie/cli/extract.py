"""``borderie extract PATH... -o OUT.jsonl``: run the model over articles, resumably."""

from __future__ import annotations

import argparse
import sys

from ..model import PRECISIONS
from ..model.device import DEVICE_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract entities, relations, values and places from articles",
                       description="Run an extraction model over text files, folders, JSONL ({id, text, lang?, "
                                   "date?} per line) and Parquet files, writing gold-format JSONL (plus scores, "
                                   "values and places) that `borderie evaluate` scores directly. Resumable: "
                                   "articles already in OUT (same id, same text) are skipped. OUT is checked "
                                   "before the model loads: an input, or an existing file that is not an "
                                   "extraction output, is refused unless --force. Unreadable articles are "
                                   "reported and skipped. A text file's id is its path as given, without .txt. "
                                   "PATH - reads standard input (JSONL, or one text); -o - writes the results to "
                                   "standard output (messages and progress go to standard error).")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, folders, .jsonl or .parquet files; - reads standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                   help="results, one JSON line per article (appended: a run resumes); - writes to standard output")
    p.add_argument("--force", action="store_true",
                   help="replace OUT even if it is not an extraction output (it is started afresh)")
    p.add_argument("--model", metavar="DIR", help="model directory (default: the shipped default model)")
    p.add_argument("--batch-size", type=int, default=8, help="articles per model call")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for torch (default: torch's choice)")
    p.add_argument("--precision", choices=PRECISIONS, default="auto",
                   help="encoder precision: auto (bfloat16 where the hardware computes it natively, else float32)")
    p.add_argument("--int8", action="store_true",
                   help="int8 encoder layers on the CPU (borderie.load(quantize=True)): faster than float32, slower "
                        "than native bfloat16; F1 changes by a few thousandths (see the model card)")
    p.add_argument("--device", default="auto", help=f"where the model runs: {DEVICE_HELP} (default: auto)")
    p.add_argument("--no-progress", action="store_true", help=argparse.SUPPRESS)  # older spelling of -q's bar part
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import extract_into
    from ..errors import UsageError
    from ..inputs import check_inputs
    from ..model import load
    from ..model.device import resolve_device
    from ..outputs import ExtractionOutput

    if args.batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {args.batch_size}")
    if args.threads is not None and args.threads < 1:
        raise UsageError(f"--threads must be at least 1, got {args.threads}")
    check_inputs(args.paths)
    resolve_device(args.device)  # an absent GPU is refused before anything is written or loaded
    with ExtractionOutput(args.output, args.paths, force=args.force) as out:  # checked and locked first
        nlp = load(args.model, num_threads=args.threads, precision=args.precision, device=args.device,
                   quantize=args.int8)
        summary = extract_into(nlp, args.paths, out, batch_size=args.batch_size,
                               progress=not (args.no_progress or args.quiet))
    if not args.quiet:
        where = "standard output" if out.to_stdout else args.output
        print(f"borderie: {summary}; results in {where}", file=sys.stderr)
    errors = [p for p in summary.problems if p.is_error]
    return 1 if errors and not summary.written and not summary.skipped else 0
