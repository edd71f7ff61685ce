"""Entry point of the ``borderie`` command.

Each subcommand lives in its own module of :mod:`borderie.cli` exposing
``register(subparsers)``; the modules are listed in :data:`COMMAND_MODULES`.
Library errors (:class:`borderie.errors.BorderieError`) are printed without
a traceback and give exit status 1; usage errors give 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from ..errors import BorderieError

COMMAND_MODULES: tuple[str, ...] = (
    "validate",
    "evaluate",
    "corpus",
    "train",
    "distill",
    "tune",
    "augment",
    "convert",
    "extract",
    "places",
    "explain",
)


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="borderie",
        description="Extract and check people, places, agreements and relations in news on Vietnam's borders.",
    )
    parser.add_argument("--version", action="version", version=f"borderie {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BorderieError as err:
        print(f"borderie: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("borderie: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
