"""Standard input and output for the command line: ``-`` as a file name.

Readers and writers of borderie take file paths, so ``-`` is bridged through
a private temporary folder: standard input is saved to ``stdin.SUFFIX``
there before reading (error messages name that file), and what a command
writes to ``stdout.SUFFIX`` there is copied to standard output afterwards.
Results go to standard output; messages (summaries, warnings, progress) go
to standard error whenever standard output carries results.
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..coerce import is_stdio


@contextmanager
def input_path(name: str, suffix: str = ".jsonl") -> Iterator[str]:
    """``name`` itself, or for ``-`` a temporary file holding standard input."""
    if not is_stdio(name):
        yield name
        return
    with tempfile.TemporaryDirectory(prefix="borderie-stdin-") as folder:
        path = Path(folder) / f"stdin{suffix}"
        path.write_bytes(sys.stdin.buffer.read())
        yield str(path)


@contextmanager
def output_path(name: str, suffix: str = ".jsonl") -> Iterator[str]:
    """``name`` itself, or for ``-`` a temporary file copied to standard output when the block succeeds."""
    if not is_stdio(name):
        yield name
        return
    with tempfile.TemporaryDirectory(prefix="borderie-stdout-") as folder:
        path = Path(folder) / f"stdout{suffix}"
        yield str(path)
        if path.is_file():
            with path.open("rb") as fh:
                sys.stdout.flush()
                sys.stdout.buffer.write(fh.read())
                sys.stdout.flush()


def message(text: str, *, quiet: bool = False, to_stderr: bool = False) -> None:
    """A summary line for the user: standard error when standard output carries results, nothing if quiet."""
    if not quiet:
        print(text, file=sys.stderr if to_stderr else sys.stdout)
