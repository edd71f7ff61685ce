"""Tell an annotation file's format from its content (``borderie convert`` without ``--from``).

File names mislead (``.jsonl`` is gold or doccano, ``.txt`` is CoNLL,
brat text or plain text), so the input is recognised by what it holds; when
the content fits no format, or several, a :class:`~borderie.errors.UsageError`
names the file and asks for ``--from``. An output format is taken from the
name, which is all there is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import UsageError

_TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")
_SAMPLE_LINES = 200
OUTPUT_SUFFIXES = {".jsonl": "gold", ".json": "labelstudio", ".conll": "conll", ".bio": "conll", ".iob": "conll",
                   ".spacy": "spacy"}


def _unsure(path: Path, why: str) -> UsageError:
    return UsageError(f"{path}: cannot tell its annotation format ({why}); give it with --from")


def _jsonl_format(record: Any, path: Path, lineno: int) -> str | None:
    """``gold`` or ``doccano`` when a JSONL record shows which, else None."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise _unsure(path, f"line {lineno} is not a JSON object with a 'text' string")
    entities = record.get("entities")
    if isinstance(entities, list) and entities and isinstance(entities[0], dict):
        if "start_offset" in entities[0]:
            return "doccano"
        if "start" in entities[0]:
            return "gold"
    if any(isinstance(record.get(k), list) for k in ("label", "labels")):
        return "doccano"
    relations = record.get("relations")
    if isinstance(relations, list) and relations and isinstance(relations[0], dict):
        return "doccano" if "from_id" in relations[0] else "gold"
    return None


def _jsonl_lines_format(lines: list[tuple[int, str]], path: Path) -> str:
    seen: dict[str, int] = {}
    for n, line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise _unsure(path, f"line {n} starts like JSON but is not valid JSON") from None
        fmt = _jsonl_format(record, path, n)
        if fmt is not None:
            seen.setdefault(fmt, n)
    if len(seen) > 1:
        raise _unsure(path, f"line {seen['gold']} looks like gold JSONL, line {seen['doccano']} like doccano")
    if seen:
        return next(iter(seen))
    if all("entities" in json.loads(line) for _, line in lines):
        return "gold"  # gold documents without annotations yet
    raise _unsure(path, "no line has gold 'entities' or doccano 'label'/'entities' annotations")


def sniff_format(path: str | Path) -> str:
    """``gold``, ``doccano``, ``labelstudio``, ``conll`` or ``brat`` for an existing file or folder."""
    path = Path(path)
    if path.is_dir():
        if any(path.glob("*.ann")):
            return "brat"
        raise _unsure(path, "a folder without brat .ann files")
    if not path.is_file():
        raise UsageError(f"{path}: no such file or folder")
    if path.suffix == ".ann" or (path.suffix == ".txt" and path.with_suffix(".ann").is_file()):
        raise UsageError(f"{path}: a brat document; convert its folder ({path.parent}) with --from brat")
    try:
        with path.open(encoding="utf-8") as fh:
            head = [line for _, line in zip(range(_SAMPLE_LINES), fh)]
    except UnicodeDecodeError:
        raise _unsure(path, "not UTF-8 text") from None
    lines = [(n, line.strip()) for n, line in enumerate(head, 1) if line.strip()]
    if not lines:
        raise _unsure(path, "it is empty")
    first = lines[0][1]
    if first.startswith("["):
        try:
            tasks = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise _unsure(path, f"malformed JSON at line {err.lineno}") from None
        if isinstance(tasks, list) and tasks and isinstance(tasks[0], dict) and "data" in tasks[0]:
            return "labelstudio"
        raise _unsure(path, "a JSON list, but not of Label Studio tasks with 'data'")
    if first.startswith("{"):
        return _jsonl_lines_format(lines, path)
    tokens = [parts for _, line in lines if not line.startswith("#") and (parts := line.split())]
    if tokens and all(p[0] == "-DOCSTART-" or (len(p) >= 2 and _TAG.match(p[-1])) for p in tokens):
        return "conll"
    bad = next(n for n, line in lines if not line.startswith("#") and not (
        line.split()[0] == "-DOCSTART-" or (len(line.split()) >= 2 and _TAG.match(line.split()[-1]))))
    raise _unsure(path, f"line {bad} is neither JSON nor 'TOKEN ... TAG' (plain text?)")


def output_format(path: str | Path) -> str:
    """The format to write for an output name: by suffix, or ``brat`` for a folder."""
    p = Path(path)
    if str(path) == "-":
        raise UsageError("writing to standard output (-) needs --to")
    if p.is_dir() or not p.suffix:
        return "brat"
    fmt = OUTPUT_SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise UsageError(f"{p}: cannot tell the format to write from the suffix {p.suffix!r} "
                         f"(known: {', '.join(OUTPUT_SUFFIXES)}, or a folder for brat); give --to")
    return fmt
