"""The JSONL file an extraction run writes: checked before any work, locked, resumable.

:class:`ExtractionOutput` is what ``borderie extract`` and
:func:`borderie.batch.extract_to_jsonl` write through. Opening one checks
everything that could lose the user's data *before* the model loads:

* an output that is also one of the inputs is refused (``E302``);
* an existing file that is not an extraction output (a gold file, notes, a
  text) is refused unless ``force=True`` (``E303``): a run never empties or
  appends to a file it did not write;
* a folder, a missing place or a file without write permission is a clear
  ``E304``, not a traceback;
* an exclusive lock is taken on the file, so a second run writing to it at
  the same time stops at once (``E305``) instead of writing every article
  twice (POSIX systems; elsewhere no lock is taken).

Resuming keeps every complete record. A last line cut short by an
interruption is dropped (its article is extracted again); a damaged line
in the middle (a disk error, a hand edit) is moved to ``OUT.damaged`` and
reported (``W310``), never silently deleted. Each record remembers a hash of
its text, so an article whose id is already done but whose text differs is
reported (``W311``) rather than taken as done.

An output named ``-`` is standard output: records are written there as
they come, with nothing to check, lock or resume.

Records carry ``"extractor": {"borderie": VERSION, "text_sha1": ..., "model": ...}``:
the mark that tells an extraction output from any other JSONL file, and the
fingerprint of the model that wrote it (:meth:`borderie.Extractor.fingerprint`).
A run with another model refuses to add to an output that holds records of a
different model (``E307``), so one file never mixes two models' predictions
without the user knowing; records from versions that kept no fingerprint
are reported once (``W313``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable

from .coerce import STDIO, is_stdio
from .errors import (DAMAGED_OUTPUT_LINE, OUTPUT_IS_INPUT, OUTPUT_LOCKED, OUTPUT_NOT_OURS, OUTPUT_OTHER_MODEL,
                     OUTPUT_UNWRITABLE, UNKNOWN_OUTPUT_MODEL, Problem, UsageError)
from .io import atomic_path

try:  # POSIX advisory locks; Windows has no fcntl and runs without a lock
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

MARK = "extractor"
"""The top-level key every record of an extraction output carries."""
DAMAGED_SUFFIX = ".damaged"


def text_sha1(text: str) -> str:
    """The hash an output keeps of each article's text (hex SHA-1 of its UTF-8 bytes)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def output_mark(text: str, model: str | None = None) -> dict[str, str]:
    """The ``extractor`` field of one output record (``model``: the fingerprint of the model that made it)."""
    from . import __version__

    mark = {"borderie": __version__, "text_sha1": text_sha1(text)}
    if model is not None:
        mark["model"] = model
    return mark


def _is_ours(record: Any) -> bool:
    """Whether a decoded line was written by an extraction run (marked, or a scored prediction of older versions)."""
    if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
        return False
    if isinstance(record.get(MARK), dict):
        return True
    entities = record.get("entities")
    return bool(entities) and isinstance(entities, list) and all(
        isinstance(e, dict) and "score" in e for e in entities)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


@dataclass
class ResumeState:
    """What an existing output already holds."""

    done: dict[str, str] = field(default_factory=dict)
    """Id -> SHA-1 of the text extracted under that id."""
    models: dict[str | None, int] = field(default_factory=dict)
    """Model fingerprint -> number of records it wrote (``None``: records that name no model)."""
    problems: list[Problem] = field(default_factory=list)
    dropped_tail: bool = False


def check_output_path(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = (), *,
                      force: bool = False) -> Path:
    """Refuse an output that would lose the user's data; returns it as a :class:`Path`.

    Raises :class:`UsageError` with code ``E302`` (an input), ``E303`` (an
    existing file that is not an extraction output, unless ``force``) or
    ``E304`` (a folder, unwritable).
    """
    out = Path(output)
    if str(output) == "":
        raise UsageError("the output path is empty", code=OUTPUT_UNWRITABLE)
    for given in map(Path, inputs):
        if _same_file(out, given) or out.resolve() == given.resolve():
            raise UsageError(f"the output {out} is also an input: pick another output file", code=OUTPUT_IS_INPUT)
    if out.is_dir():
        raise UsageError(f"the output {out} is a folder: give a file name such as {out / 'predictions.jsonl'}",
                         code=OUTPUT_UNWRITABLE)
    parent = out.parent if str(out.parent) else Path(".")
    existing = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise UsageError(f"cannot create {out}: {existing} is a file, not a folder", code=OUTPUT_UNWRITABLE)
    if out.exists():
        if not os.access(out, os.W_OK):
            raise UsageError(f"no permission to write {out}", code=OUTPUT_UNWRITABLE)
        if not force:
            reason = _not_ours_reason(out)
            if reason:
                raise UsageError(f"{out} exists and {reason}; it is left untouched (pass --force / force=True "
                                 f"to replace it, or choose another output)", code=OUTPUT_NOT_OURS)
    elif existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"no permission to create {out} in {existing}", code=OUTPUT_UNWRITABLE)
    return out


def _not_ours_reason(path: Path) -> str | None:
    """Why ``path`` is not an extraction output, or None if it is one (or empty)."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                if raw.endswith(b"\n"):
                    return f"line {lineno} is not JSON (it is not a borderie extraction output)"
                continue  # a last line cut short by an interruption
            if not _is_ours(record):
                return (f"line {lineno} is not a record written by `borderie extract` (a gold or input file?)")
            return None  # the first record decides; damaged lines further on are handled on resume
    return None


def read_resume_state(path: Path) -> ResumeState:
    """The complete records of ``path``; damaged lines moved to ``path.damaged``, a cut-short last line dropped.

    The file is rewritten (atomically) only if some line has to go.
    """
    state = ResumeState()
    if not path.exists():
        return state
    keep: list[bytes] = []
    damaged: list[tuple[int, bytes]] = []
    lines = path.read_bytes().splitlines(keepends=True)
    for lineno, raw in enumerate(lines, 1):
        last = lineno == len(lines)
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            ok = raw.endswith(b"\n") and _is_ours(record)
        except (json.JSONDecodeError, UnicodeDecodeError):
            ok = False
        if ok:
            keep.append(raw)
            mark = record.get(MARK) if isinstance(record.get(MARK), dict) else {}
            state.done[str(record["id"])] = mark.get("text_sha1") or text_sha1(record["text"])
            model = mark.get("model")
            state.models[model] = state.models.get(model, 0) + 1
        elif last and not raw.endswith(b"\n"):
            state.dropped_tail = True
        else:
            damaged.append((lineno, raw))
    if damaged:
        aside = path.with_name(path.name + DAMAGED_SUFFIX)
        with aside.open("ab") as fh:
            for _, raw in damaged:
                fh.write(raw if raw.endswith(b"\n") else raw + b"\n")
        for lineno, _ in damaged:
            state.problems.append(Problem(DAMAGED_OUTPUT_LINE, f"line {lineno} is not a complete record: moved to "
                                                               f"{aside}; its article (if any) is extracted again",
                                          line=lineno, path=str(path)))
    if damaged or state.dropped_tail:
        with atomic_path(path) as tmp:
            tmp.write_bytes(b"".join(keep))
    return state


class ExtractionOutput:
    """An extraction output opened for a run: checked, locked, resumed; records are appended whole.

    Use as a context manager. ``done`` maps the ids already extracted to
    their text hash. If the run writes nothing into a file it created, the
    file is removed on exit, so a failed start leaves nothing behind.
    """

    def __init__(self, path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = (), *,
                 force: bool = False):
        self.to_stdout = is_stdio(path)
        self.written = 0
        self.done: dict[str, str] = {}
        self.models: dict[str | None, int] = {}
        """Model fingerprint -> records of that model the output held when opened (what :meth:`use_model` checks)."""
        self.model: str | None = None
        """Fingerprint written into each new record (set by :meth:`use_model`)."""
        self.problems: list[Problem] = []
        if self.to_stdout:  # standard output: nothing to check, lock or resume
            self.path = Path(STDIO)
            self._created = False
            self._fh: IO[str] | None = sys.stdout
            return
        self.path = check_output_path(path, inputs, force=force)
        self._created = not self.path.exists()
        self._fh = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        except OSError as err:
            raise UsageError(f"cannot write {self.path}: {err.strerror}", code=OUTPUT_UNWRITABLE) from None
        self._lock()  # before anything is read or cut: another run may be writing
        if force:
            self._fh.truncate(0)
        state = ResumeState() if force else read_resume_state(self.path)
        if state.problems or state.dropped_tail:  # the file was rewritten: append to the new one
            self._fh.close()
            self._fh = self.path.open("a", encoding="utf-8")
            self._lock()
        self.done = state.done
        self.models = state.models
        self.problems = state.problems

    def use_model(self, fingerprint: str | None) -> None:
        """Say which model writes the new records; refuse (``E307``) if the output holds another model's.

        Records without a fingerprint (older versions) are reported as a
        ``W313`` problem and kept. Call it once the model is loaded, before
        writing.
        """
        others = {m: n for m, n in self.models.items() if m is not None and m != fingerprint}
        if fingerprint is not None and others:
            held = ", ".join(f"{n} by model {m}" for m, n in sorted(others.items(), key=lambda kv: -kv[1]))
            raise UsageError(f"{self.path} already holds articles extracted with another model ({held}); this run's "
                             f"model is {fingerprint}. Adding to it would mix two models' predictions: choose another "
                             f"output, or pass --force / force=True to start it afresh", code=OUTPUT_OTHER_MODEL)
        unknown = self.models.get(None, 0)
        if fingerprint is not None and unknown:
            self.problems.append(Problem(UNKNOWN_OUTPUT_MODEL, f"{unknown} record(s) already in the output name no "
                                                               "model (written by an older borderie); they are kept "
                                                               "as done, whichever model made them",
                                         path=str(self.path)))
        self.model = fingerprint

    def _lock(self) -> None:
        if fcntl is None or self._fh is None:  # pragma: no cover
            return
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise UsageError(f"another run is writing {self.path}; wait for it to end or choose another output",
                             code=OUTPUT_LOCKED) from None

    def write(self, record: dict[str, Any]) -> None:
        """Append one record as one whole line (flushed, so a crash cuts at most this line)."""
        assert self._fh is not None
        record = {**record, MARK: output_mark(record["text"], self.model)}
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.written += 1
        self.done[str(record["id"])] = record[MARK]["text_sha1"]

    def close(self) -> None:
        if self.to_stdout:
            return
        if self._fh is None or self._fh.closed:
            return
        os.fsync(self._fh.fileno())
        self._fh.close()  # releases the lock
        if self._created and self.written == 0 and self.path.exists() and self.path.stat().st_size == 0:
            self.path.unlink()

    def __enter__(self) -> "ExtractionOutput":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
