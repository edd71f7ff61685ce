"""Compact annotation specs: the human-written source of the training corpus.

An article is two files side by side: ``NAME.txt`` holds the text exactly as
published (trailing white space at the end of the file is dropped), and
``NAME.ann`` lists its annotations without any offsets::

    # comments start with '#'
    id: c-fr-la-001
    lang: fr
    date: 2024-03-12
    border: LA            # any other 'key: value' header is kept in Document.meta

    T1 LOC Nậm Pồ
    T2 LOC Điện Biên
    T3 QUANTITY 119,7 km
    T4 LOC Muong May @2   # '@N': the N-th occurrence in the whole text
    R BORDERS T1 T4
    R BORDER_LENGTH T1 T3

Entity lines are ``ID LABEL SURFACE [@N]`` and must come in reading order:
each surface is looked up from the end of the previous entity onwards, as a
whole word (no letter or digit glued to either side), unless ``@N`` pins it.
Relation lines are ``R LABEL HEAD TAIL``. Offsets are computed, never typed,
so a wrong offset cannot slip in; a surface that cannot be found is an error
naming the file and line.

An ``.ann`` file may instead name its text with a ``text: PATH`` header
(relative to the ``.ann`` file), which is how a second annotation pass of
the same article is stored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from ..document import Document
from ..errors import DUPLICATE_DOC_ID, SPEC_PROBLEM, Problem, SpecFormatError
from ..validation import check_record, errors_only

_HEADER = re.compile(r"^([a-z_]+):\s*(.*?)\s*$")
_OCCURRENCE = re.compile(r"\s+@(\d+)$")


def read_text(path: str | Path) -> str:
    """The article text of a ``.txt`` file: its content, less trailing white space."""
    return Path(path).read_text(encoding="utf-8").rstrip()


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def find_surface(text: str, surface: str, start: int = 0, occurrence: int | None = None) -> int:
    """Offset of ``surface`` in ``text`` as a whole word, or -1.

    Without ``occurrence`` the first match at or after ``start`` is returned;
    with it, the ``occurrence``-th (1-based) whole-word match in the text.
    """
    pos, seen = (0 if occurrence else start), 0
    while True:
        i = text.find(surface, pos)
        if i < 0:
            return -1
        j = i + len(surface)
        glued_left = i > 0 and _is_word_char(surface[0]) and _is_word_char(text[i - 1])
        glued_right = j < len(text) and _is_word_char(surface[-1]) and _is_word_char(text[j])
        if not (glued_left or glued_right):
            seen += 1
            if occurrence is None or seen == occurrence:
                return i
        pos = i + 1


def parse_spec(spec: str, text: str, *, path: str | None = None, check_sentences: bool = True) -> tuple[Document, list[Problem]]:
    """Compile one spec against its text into a validated :class:`Document`.

    Returns the document and the warnings found; raises
    :class:`SpecFormatError` listing every error (with line numbers).
    """
    header: dict[str, Any] = {}
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    problems: list[Problem] = []
    cursor = 0

    def fail(lineno: int, message: str) -> None:
        problems.append(Problem(SPEC_PROBLEM, message, header.get("id"), lineno, path))

    for lineno, raw in enumerate(spec.splitlines(), 1):
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if not entities and not relations and (m := _HEADER.match(line)):
            header[m.group(1)] = m.group(2) or None
            continue
        parts = line.split(None, 2)
        if parts[0] == "R":
            fields = line.split()
            if len(fields) != 4:
                fail(lineno, f"a relation line is 'R LABEL HEAD TAIL', got {line!r}")
                continue
            relations.append({"head": fields[2], "tail": fields[3], "label": fields[1], "_line": lineno})
            continue
        if len(parts) < 3:
            fail(lineno, f"an entity line is 'ID LABEL SURFACE [@N]', got {line!r}")
            continue
        eid, label, surface = parts
        occurrence = None
        if m := _OCCURRENCE.search(surface):
            occurrence = int(m.group(1))
            surface = surface[: m.start()]
        i = find_surface(text, surface, cursor, occurrence)
        if i < 0:
            where = f"occurrence {occurrence}" if occurrence else f"after offset {cursor} ({text[max(0, cursor - 30):cursor]!r})"
            fail(lineno, f"{eid}: {surface!r} not found as a whole word ({where})")
            continue
        if occurrence is None or i >= cursor:
            cursor = i + len(surface)
        entities.append({"id": eid, "start": i, "end": i + len(surface), "label": label,
                         "text": surface, "_line": lineno})

    record: dict[str, Any] = {
        "id": header.pop("id", None),
        "lang": header.pop("lang", None),
        "date": header.pop("date", None),
        "source": header.pop("source", None),
        "text": text,
    }
    header.pop("text", None)
    record.update(header)
    record["entities"] = [{k: v for k, v in e.items() if k != "_line"} for e in entities]
    record["relations"] = [{k: v for k, v in r.items() if k != "_line"} for r in relations]
    found = check_record(record, check_sentences=check_sentences)
    problems.extend(p.located(path=path, line=_line_of(p, entities, relations)) for p in found)
    errors = errors_only(problems)
    if errors:
        raise SpecFormatError(f"{path or 'spec'}: {len(errors)} problem(s)", errors)
    return Document.from_dict(record), [p for p in problems if not p.is_error]


def _line_of(problem: Problem, entities: list[dict[str, Any]], relations: list[dict[str, Any]]) -> int | None:
    """The spec line a validation problem is about, found from the ids it quotes."""
    for r in relations:
        if f"({r['head']} -{r['label']}-> {r['tail']})" in problem.message or (
            f" {r['head']} -{r['label']}-> {r['tail']} " in problem.message):
            return r["_line"]
    for e in entities:
        if f"entity {e['id']!r}" in problem.message:
            return e["_line"]
    return None


def read_spec(ann_path: str | Path, *, check_sentences: bool = True) -> tuple[Document, list[Problem]]:
    """Compile ``NAME.ann`` with its text (``NAME.txt`` or the ``text:`` header)."""
    ann_path = Path(ann_path)
    spec = ann_path.read_text(encoding="utf-8")
    text_path = ann_path.with_suffix(".txt")
    for line in spec.splitlines():
        if m := _HEADER.match(line):
            if m.group(1) == "text":
                text_path = (ann_path.parent / m.group(2)).resolve()
        elif line.strip() and not line.startswith("#"):
            break
    if not text_path.exists():
        raise SpecFormatError(f"{ann_path}: its text file {text_path} does not exist")
    return parse_spec(spec, read_text(text_path), path=str(ann_path), check_sentences=check_sentences)


def compile_specs(paths: Iterable[str | Path]) -> tuple[list[Document], list[Problem]]:
    """Compile many ``.ann`` files (or folders of them, sorted by name).

    Collects the errors of all files before raising one :class:`SpecFormatError`.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.ann")) if p.is_dir() else [p])
    docs: list[Document] = []
    warnings: list[Problem] = []
    errors: list[Problem] = []
    seen: dict[str, Path] = {}
    for f in files:
        try:
            doc, warn = read_spec(f)
        except SpecFormatError as err:
            errors.extend(err.problems or [Problem(SPEC_PROBLEM, err.message, path=str(f))])
            continue
        if doc.id in seen:
            errors.append(Problem(DUPLICATE_DOC_ID, f"document id used twice (also in {seen[doc.id]})", doc.id, path=str(f)))
        seen[doc.id] = f
        docs.append(doc)
        warnings.extend(warn)
    if errors:
        raise SpecFormatError(f"{len(errors)} problem(s) in {len(files)} spec file(s)", errors)
    return docs, warnings
