"""``borderie augment IN.jsonl -o OUT.jsonl``: write gold documents plus augmented copies (see :mod:`borderie.augment`)."""

from __future__ import annotations

import argparse
import random

from ..augment import TRANSFORMS, augment


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("augment", help="add augmented copies of gold documents (offsets kept exact)",
                       description="Read gold JSONL and write it again followed by up to N augmented copies of each "
                                   "document (diacritics restyled, names, places, dates and amounts rewritten), "
                                   "all with exact offsets. The same --seed gives the same file.")
    p.add_argument("input", metavar="IN.jsonl", help="gold JSONL (validated first); - reads standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                   help="where to write (atomically); - writes to standard output")
    p.add_argument("-n", "--copies", type=int, default=1, metavar="N", help="augmented copies per document")
    p.add_argument("--seed", type=int, default=13, help="random seed: the same seed gives the same file")
    p.add_argument("--transforms", nargs="+", choices=list(TRANSFORMS), metavar="NAME",
                   help=f"transforms to draw from (default: all of {', '.join(TRANSFORMS)})")
    p.add_argument("--no-originals", action="store_true", help="write the augmented copies only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..io import read_jsonl, write_jsonl
    from .streams import input_path, is_stdio, message, output_path

    if args.copies < 0:
        raise UsageError(f"--copies must be 0 or more, got {args.copies}")
    with input_path(args.input) as path:
        docs = read_jsonl(path)
    rng = random.Random(args.seed)
    copies = [new for doc in docs for new in augment(doc, rng, n=args.copies, transforms=args.transforms)]
    out = copies if args.no_originals else docs + copies
    with output_path(args.output) as path:
        write_jsonl(out, path)
    message(f"{len(docs)} document(s) read, {len(copies)} augmented cop(ies) made; {len(out)} written to "
            f"{args.output}", quiet=args.quiet, to_stderr=is_stdio(args.output))
    return 0
