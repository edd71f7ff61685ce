"""Reading articles to extract from: text files, folders, JSONL and Parquet.

:func:`iter_inputs` yields one :class:`InputRecord` per article and one
:class:`InputProblem` per article that cannot be read (undecodable file,
malformed JSON line, record without text, ...), so that a bad article is
reported and skipped without losing the others.

* ``NAME.txt``: one article; its id is its path as you named it (the file
  given, or the folder given joined with the path inside it), with ``/``
  separators and without ``.txt``: ``borderie extract news/`` gives
  ``news/2024/a1`` for ``news/2024/a1.txt``, so two files never share an id
  (give the same paths to resume a run). The text is kept exactly as stored
  (``\r\n`` line ends stay, so offsets index the file); only a UTF-8
  byte-order mark is removed, and reported (``W312``): offsets then count
  from after it.
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
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .coerce import as_date, as_lang, is_stdio
from .errors import BOM_REMOVED, NO_SUCH_INPUT, USAGE, UsageError

SUFFIXES = (".txt", ".jsonl", ".parquet")


@dataclass(frozen=True)
class InputRecord:
    """One article to process."""

    id: str
    text: str
    lang: str | None = None
    date: dt.date | None = None
    where: str = ""
    source: str | None = None
    """Where the article comes from: a JSONL record's ``source``, or the text file's path (kept in the output)."""


@dataclass(frozen=True)
class InputProblem:
    """An article that could not be read, and why."""

    where: str
    message: str
    id: str | None = None
    code: str = USAGE

    @property
    def is_error(self) -> bool:
        """False for warnings (``W`` codes): the article was still read."""
        return not self.code.startswith("W")

    def __str__(self) -> str:
        level = "error" if self.is_error else "warning"
        return f"{self.where}: {level} {self.code}: {f'[{self.id}] ' if self.id else ''}{self.message}"


def _record(data: Any, where: str) -> InputRecord | InputProblem:
    if not isinstance(data, dict):
        return InputProblem(where, "a record must be a JSON object")
    doc_id, text = data.get("id"), data.get("text")
    if doc_id is None or (isinstance(doc_id, str) and not doc_id):
        return InputProblem(where, "no 'id'")
    doc_id = str(doc_id)
    if not isinstance(text, str) or not text.strip():
        return InputProblem(where, "no 'text' (or an empty one)", doc_id)
    try:
        lang = as_lang(data.get("lang"), what="'lang'")
        date = as_date(data.get("date"), what="'date'")
    except UsageError as err:
        return InputProblem(where, err.message, doc_id, code=err.code)
    return InputRecord(doc_id, text, lang, date, where, source=data["source"] if isinstance(data.get("source"), str) else None)


def text_file_id(path: Path) -> str:
    """The id of an article read from ``path`` (as named): ``/`` separators, no ``.txt``."""
    return Path(os.path.normpath(path)).with_suffix("").as_posix()


def _from_text_file(path: Path) -> Iterator[InputRecord | InputProblem]:
    doc_id = text_file_id(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:  # newline="": \r\n stays, offsets index the file
            text = fh.read()
    except UnicodeDecodeError as err:
        yield InputProblem(str(path), f"not UTF-8 text ({err.reason} at byte {err.start})", doc_id)
        return
    if text.startswith("\ufeff"):
        text = text[1:]
        yield InputProblem(str(path), "a UTF-8 byte-order mark was removed: offsets count from the character "
                                      "after it", doc_id, code=BOM_REMOVED)
    if not text.strip():
        yield InputProblem(str(path), "empty file", doc_id)
        return
    yield InputRecord(doc_id, text, None, None, str(path), source=str(path))


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


def check_inputs(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`UsageError` ``E301`` naming every input that does not exist (before any work starts)."""
    missing = [str(p) for p in paths if not is_stdio(p) and not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}", code=NO_SUCH_INPUT)


def iter_inputs(paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str | os.PathLike[str]] = ()
                ) -> Iterator[InputRecord | InputProblem]:
    """Articles (and unreadable ones) from files and folders (``-``: standard input), in a stable order.

    Files in ``exclude`` (the run's own output, inside an input folder) are
    never read.
    """
    skip = {Path(p).resolve() for p in exclude}
    for name in paths:
        if is_stdio(name):
            yield from _from_stdin()
            continue
        given = Path(name)
        if given.is_dir():
            files = sorted(p for p in given.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
        elif given.is_file():
            files = [given]
        else:
            raise UsageError(f"no such file or folder: {given}", code=NO_SUCH_INPUT)
        for f in files:
            if f.resolve() in skip:
                continue
            if f.suffix == ".jsonl":
                yield from _from_jsonl(f)
            elif f.suffix == ".parquet":
                yield from _from_parquet(f)
            else:
                yield from _from_text_file(f)


def _files(given: Path) -> list[Path]:
    if given.is_dir():
        return sorted(p for p in given.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    return [given] if given.is_file() else []


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many articles (and unreadable ones) :func:`iter_inputs` will yield, without parsing them.

    Counts the non-blank lines of JSONL files and the rows of Parquet files;
    ``None`` when standard input is among the paths (it can be read once only).
    """
    total = 0
    for name in paths:
        if is_stdio(name):
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
