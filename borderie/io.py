"""Reading and writing gold JSONL files (``annotation-guidelines.md``, format v1).

One document per line. Reading validates every record and, if anything is
wrong, raises one :class:`GoldFormatError` listing every problem with its
file, line and document id. Writing goes to a temporary file in the same
folder that replaces the target only once complete, so an interrupted write
never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .document import Document
from .errors import (DUPLICATE_DOC_ID, MALFORMED_JSON, TYPE_RULE_BROKEN, TYPE_RULE_SCORED, GoldFormatError, Problem,
                     UsageError)
from .validation import check_record, errors_only


def _records(path: Path) -> Iterator[tuple[int, object, Problem | None]]:
    """``(line number, decoded record or None, JSON problem or None)`` for each non-blank line."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line), None
            except json.JSONDecodeError as err:
                yield lineno, None, Problem(MALFORMED_JSON, f"malformed JSON: {err.msg} (column {err.colno})",
                                            line=lineno, path=str(path))


def validate_file(path: str | os.PathLike[str], *, check_sentences: bool = False) -> list[Problem]:
    """Every problem (errors and warnings) in a gold JSONL file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for lineno, record, problem in _records(path):
        if problem is not None:
            problems.append(problem)
            continue
        problems.extend(p.located(path=str(path), line=lineno)
                        for p in check_record(record, check_sentences=check_sentences))
        doc_id = record.get("id") if isinstance(record, dict) else None
        if isinstance(doc_id, str):
            if doc_id in first_line:
                problems.append(Problem(DUPLICATE_DOC_ID, f"document id already used on line {first_line[doc_id]}",
                                        doc_id, lineno, str(path)))
            else:
                first_line[doc_id] = lineno
    return problems


def read_jsonl(path: str | os.PathLike[str]) -> list[Document]:
    """All documents of a gold (or prediction) JSONL file, validated.

    Raises :class:`GoldFormatError` listing every error in the file.
    """
    path = Path(path)
    errors = errors_only(validate_file(path))
    if errors:
        raise GoldFormatError(f"{path}: {len(errors)} problem(s)", errors)
    return [Document.from_dict(record) for _, record, _ in _records(path)]


def read_predictions(path: str | os.PathLike[str]) -> tuple[list[Document], list[Problem]]:
    """The documents of a prediction file, for scoring, and the warnings met reading them.

    Like :func:`read_jsonl`, except that a relation breaking the schema's
    type rules (``E133``, which other systems may well predict) does not
    reject the file: it is kept, so the evaluator counts it as a false
    positive, and reported as a warning ``W136``.
    """
    path = Path(path)
    problems = validate_file(path)
    errors = [p for p in errors_only(problems) if p.code != TYPE_RULE_BROKEN]
    if errors:
        raise GoldFormatError(f"{path}: {len(errors)} problem(s)", errors)
    warnings = [Problem(TYPE_RULE_SCORED, f"{p.message}; scored as a false positive", p.doc_id, p.line, p.path)
                for p in problems if p.code == TYPE_RULE_BROKEN]
    docs = [Document.from_dict(record, tolerate={TYPE_RULE_BROKEN}) for _, record, _ in _records(path)]
    return docs, warnings


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[Document]:
    """Documents one by one, for large files; raises :class:`GoldFormatError` at the first bad line."""
    path = Path(path)
    for lineno, record, problem in _records(path):
        problems = [problem] if problem else [p.located(path=str(path), line=lineno)
                                              for p in errors_only(check_record(record))]
        if problems:
            raise GoldFormatError(f"{path}:{lineno}: invalid record", problems)
        yield Document.from_dict(record)  # type: ignore[arg-type]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` only if the block succeeds.

    On any error (or interruption) the temporary file is removed and
    ``path`` is left as it was. The new file gets the usual permissions of a
    new file (``0o666`` less the umask), not the private ones of a temp file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: str | os.PathLike[str], lines: Iterable[str], *, overwrite: bool = True) -> Path:
    """Write ``lines`` to ``path`` through a temporary file renamed into place."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise UsageError(f"{path} already exists (pass overwrite=True / --force to replace it)")
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def write_jsonl(documents: Iterable[Document], path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Write documents as gold JSONL (one per line, UTF-8, atomically)."""
    return atomic_write_text(path, (doc.to_json() + "\n" for doc in documents), overwrite=overwrite)
