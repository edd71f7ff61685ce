"""``borderie explain CODE``: what an error or warning code means."""

from __future__ import annotations

import argparse

from ..errors import CODES, UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="say what an error or warning code means",
                       description="Print the meaning of borderie error and warning codes (E1xx data, E2xx models, "
                                   "E3xx usage, E4xx packaged resources, W… warnings). Without a code, list them "
                                   "all.")
    p.add_argument("codes", nargs="*", metavar="CODE", help="codes such as E123 or W310 (default: all)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    wanted = [c.upper() for c in args.codes] or sorted(CODES)
    unknown = [c for c in wanted if c not in CODES]
    if unknown:
        raise UsageError(f"no such code: {', '.join(unknown)} (`borderie explain` lists them all)")
    for code in wanted:
        print(f"{code}  {CODES[code]}")
    return 0
