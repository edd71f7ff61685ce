"""Reading articles to extract from: text files, folders, JSONL and Parquet.

:func:`iter_inputs` yields one :class:`InputRecord` per article and one
:class:`InputProblem` per article that cannot be read (undecodable file,
malformed JSON line, record without text, ...), so that a bad article is
reported and skipped without losing the others.

* ``NAME.txt``: one article; id = the path relative to the folder given (or
  the file name), without ``.txt``.
* ``*.jsonl``: one article per line, ``{"id", "text", "lang"?, "date"?}``
  (gold files work too: their annotations are ignored).
* ``*.parquet``: columns ``id``, ``text`` and optionally ``lang``, ``date``.
* a folder: all of the above inside it, recursively, in sorted order.
* ``-``: standard input, read as JSONL when its first non-blank line starts
  with ``{``, else as one text article with id ``stdin``.

:func:`count_inputs` counts the articles without reading them (for a
progress bar with a total).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import UsageError
from .validation import check_date

SUFFIXES = (".txt", ".jsonl", ".parquet")
STDIN = "-"


@dataclass(frozen=True)
class InputRecord:
    """One article to process."""

    id: str
    text: str
    lang: str | None = None
    date: dt.date | None = None
    where: str = ""


@dataclass(frozen=True)
class InputProblem:
    """An article that could not be read, and why."""

    where: str
    message: str
    id: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {f'[{self.id}] ' if self.id else ''}{self.message}"


def _record(data: Any, where: str) -> InputRecord | InputProblem:
    if not isinstance(data, dict):
        return InputProblem(where, "a record must be a JSON object")
    doc_id, text = data.get("id"), data.get("text")
    if doc_id is None or (isinstance(doc_id, str) and not doc_id):
        return InputProblem(where, "no 'id'")
    doc_id = str(doc_id)
    if not isinstance(text, str) or not text.strip():
        return InputProblem(where, "no 'text' (or an empty one)", doc_id)
    lang = data.get("lang")
    if lang is not None and not isinstance(lang, str):
        return InputProblem(where, f"'lang' must be a string, got {lang!r}", doc_id)
    date = data.get("date")
    if isinstance(date, (dt.datetime,)):
        date = date.date()
    if date is not None and not isinstance(date, dt.date):
        if (error := check_date(date)) is not None:
            return InputProblem(where, error, doc_id)
        date = dt.date.fromisoformat(date)
    return InputRecord(doc_id, text, lang or None, date, where)


def _from_text_file(path: Path, root: Path | None) -> Iterator[InputRecord | InputProblem]:
    rel = path.relative_to(root) if root else Path(path.name)
    doc_id = rel.with_suffix("").as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        yield InputProblem(str(path), f"not UTF-8 text ({err.reason} at byte {err.start})", doc_id)
        return
    if not text.strip():
        yield InputProblem(str(path), "empty file", doc_id)
        return
    yield InputRecord(doc_id, text, None, None, str(path))


def _jsonl_lines(lines: Iterable[bytes], name: str) -> Iterator[InputRecord | InputProblem]:
    for lineno, raw in enumerate(lines, 1):
        where = f"{name}:{lineno}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield InputProblem(where, "not UTF-8")
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(where, f"malformed JSON: {err.msg}")
            continue
        yield _record(data, where)


def _from_jsonl(path: Path) -> Iterator[InputRecord | InputProblem]:
    with path.open("rb") as fh:
        yield from _jsonl_lines(fh, str(path))


def _from_stdin() -> Iterator[InputRecord | InputProblem]:
    data = sys.stdin.buffer.read()
    lines = data.splitlines()
    first = next((line.strip() for line in lines if line.strip()), b"")
    if first.startswith(b"{"):
        yield from _jsonl_lines(lines, "<stdin>")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        yield InputProblem("<stdin>", f"not UTF-8 text ({err.reason} at byte {err.start})", "stdin")
        return
    if not text.strip():
        yield InputProblem("<stdin>", "empty input", "stdin")
        return
    yield InputRecord("stdin", text, None, None, "<stdin>")


def _from_parquet(path: Path) -> Iterator[InputRecord | InputProblem]:
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow comes with datasets
        raise UsageError("reading Parquet needs pyarrow: pip install pyarrow") from None
    try:
        table = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises its own error types for corrupt files
        yield InputProblem(str(path), f"not a readable Parquet file ({err})")
        return
    row = 0
    for batch in table.iter_batches(columns=[c for c in ("id", "text", "lang", "date")
                                             if c in table.schema_arrow.names]):
        for data in batch.to_pylist():
            row += 1
            yield _record(data, f"{path}#row{row}")


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[InputRecord | InputProblem]:
    """Articles (and unreadable ones) from files and folders, in a stable order."""
    for name in paths:
        if str(name) == STDIN:
            yield from _from_stdin()
            continue
        given = Path(name)
        if given.is_dir():
            files = sorted(p for p in given.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
            root: Path | None = given
        elif given.is_file():
            files, root = [given], None
        else:
            raise UsageError(f"no such file or folder: {given}")
        for f in files:
            if f.suffix == ".jsonl":
                yield from _from_jsonl(f)
            elif f.suffix == ".parquet":
                yield from _from_parquet(f)
            else:
                yield from _from_text_file(f, root)


def _files(given: Path) -> list[Path]:
    if given.is_dir():
        return sorted(p for p in given.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    return [given] if given.is_file() else []


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many articles (and unreadable ones) :func:`iter_inputs` will yield, without parsing them.

    Counts the non-blank lines of JSONL files and the rows of Parquet files;
    ``None`` when standard input is among the paths (it can be read once only).
    """
    total = 0
    for name in paths:
        if str(name) == STDIN:
            return None
        for f in _files(Path(name)):
            if f.suffix == ".jsonl":
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif f.suffix == ".parquet":
                try:
                    import pyarrow.parquet as pq

                    total += pq.ParquetFile(f).metadata.num_rows
                except Exception:  # noqa: BLE001 - an unreadable file is one problem in iter_inputs
                    total += 1
            else:
                total += 1
    return total
