"""Entry point of the ``borderie`` command.

Each subcommand lives in its own module of :mod:`borderie.cli` exposing
``register(subparsers)``; the modules are listed in :data:`COMMAND_MODULES`.
Every command gets the same ``-q/--quiet`` and ``-v/--verbose`` options
(added here): ``-q`` shows errors only (no warnings, no progress bar),
``-v`` adds what the ``borderie`` logger reports, ``-vv`` its debug
messages. Data warnings (:class:`borderie.errors.BorderieWarning`) are
printed as ``borderie: warning: ...`` on standard error, where every
message goes; standard output holds the results only.

Exit status: 0 success, 1 a library error (:class:`borderie.errors.BorderieError`:
bad data, a missing model) or a check that found errors, 2 a usage error
(argparse's own, or :class:`borderie.errors.UsageError`), 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import warnings
from typing import Iterator, Sequence

from ..errors import BorderieError, BorderieWarning, UsageError

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

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class HelpFormatter(argparse.HelpFormatter):
    """Shows an option's default when it has one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help_text = action.help or ""
        default = action.default
        if ("%(default)" in help_text or default in (None, False, argparse.SUPPRESS) or not action.option_strings
                or isinstance(action, (argparse._HelpAction, argparse._VersionAction))):
            return help_text
        return f"{help_text} (default: %(default)s)"


def _leaf_parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every parser under ``parser`` that runs a command (has a ``func`` default)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                sub.formatter_class = HelpFormatter
                if sub.get_default("func") is not None:
                    yield sub
                yield from _leaf_parsers(sub)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """The ``-q``/``-v`` pair every command has."""
    group = parser.add_argument_group("output")
    group.add_argument("-q", "--quiet", action="store_true",
                       help="errors and results only: no warnings, no progress bar, no summary")
    group.add_argument("-v", "--verbose", action="count", default=0,
                       help="also say what borderie does (-vv: debug messages)")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="borderie", formatter_class=HelpFormatter,
        description="Extract and check people, places, agreements and relations in news on Vietnam's borders.",
        epilog="Exit status: 0 success, 1 error in the data or a failed check, 2 usage error. "
               "`borderie COMMAND -h` describes each command.",
    )
    parser.add_argument("--version", action="version", version=f"borderie {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(sub)
    for leaf in _leaf_parsers(parser):
        add_output_options(leaf)
    return parser


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        return f"borderie: {level}{record.getMessage()}"


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    text = message.message if isinstance(message, BorderieWarning) else str(message)
    code = f"{message.code} " if isinstance(message, BorderieWarning) else ""
    print(f"borderie: warning: {code}{text}", file=sys.stderr)


def log_level(quiet: bool, verbose: int) -> int:
    """The ``borderie`` logger level for ``-q`` / ``-v`` counts."""
    if quiet:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logger = logging.getLogger("borderie")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    old_level, old_propagate = logger.level, logger.propagate
    logger.setLevel(log_level(args.quiet, args.verbose))
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore" if args.quiet else "always", BorderieWarning)
            warnings.showwarning = _show_warning
            return int(args.func(args) or 0)
    except UsageError as err:
        print(f"borderie: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BorderieError as err:
        print(f"borderie: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("borderie: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
