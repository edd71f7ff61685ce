"""doccano JSONL (sequence labelling with relations) <-> borderie documents.

Reads both doccano layouts: the relation-project export
(``"entities": [{"id", "label", "start_offset", "end_offset"}]``,
``"relations": [{"from_id", "to_id", "type"}]``) and the sequence-labelling
export (``"label": [[start, end, "LOC"], ...]``; ``"labels"`` is read too).
Writes the first. Other keys of a line (``lang``, ``date``, ``source``) are kept.

doccano counts offsets in UTF-16 code units (its front end is JavaScript),
or in grapheme clusters when the project's "count grapheme clusters as one
character" option is set; borderie counts code points. ``offsets=`` names
the unit of the file (``"utf16"`` by default, ``"grapheme"``, or
``"codepoint"`` for files from other tools) and offsets are converted both
ways (see :mod:`borderie.convert.offsets`). An offset inside a character,
or an entity whose ``text`` (when the line gives one) is not the text at its
offsets, is an error naming the file and line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..document import Document
from ..errors import ConversionError
from ..io import atomic_write_text
from ._common import build_document, entity_ids, gold_record, problem, relation_refs, warn
from .offsets import _check_unit, code_point_offsets, unit_boundaries

_ANNOTATION_KEYS = ("entities", "label", "labels")


def _spans(line: dict[str, Any]) -> list[tuple[str, Any, Any, Any, Any]]:
    """``(id, start, end, label, text or None)`` for every span of a line, in the file's unit."""
    if "entities" in line:
        return [(str(e["id"]), e["start_offset"], e["end_offset"], e["label"], e.get("text"))
                for e in line["entities"]]
    key = "label" if "label" in line else "labels"
    spans = []
    for i, item in enumerate(line.get(key) or []):
        if not (isinstance(item, (list, tuple)) and len(item) == 3):
            raise ConversionError(f"'{key}' item {item!r} is not [start, end, label] (a text classification "
                                  "export?)")
        start, end, label = item
        spans.append((f"e{i + 1}", start, end, label, None))
    return spans


def _record(line: dict[str, Any], n: int, path: str | None, lineno: int, unit: str) -> dict[str, Any]:
    text = line.get("text")
    if not isinstance(text, str):
        raise ConversionError(f"{path}:{lineno}: no 'text'", [problem("no 'text' string", path=path, line=lineno)])
    doc_id = str(line.get("id", n))
    if not any(k in line for k in _ANNOTATION_KEYS):
        warn(f"no 'entities', 'label' or 'labels' key: read as a document without annotations (keys: "
             f"{', '.join(sorted(line))})", path=path, line=lineno, doc_id=doc_id)
    table = unit_boundaries(text, unit)
    entities, problems = [], []
    for eid, start, end, label, surface in _spans(line):
        ok = all(isinstance(x, int) and 0 <= x < len(table) and table[x] is not None for x in (start, end))
        if not ok:
            problems.append(problem(f"entity {eid!r}: offsets [{start}, {end}) are not {unit} offsets of this "
                                    f"text (length {len(table) - 1} in {unit})", path=path, line=lineno,
                                    doc_id=doc_id))
            continue
        s, e = table[start], table[end]
        if surface is not None and surface != text[s:e]:
            problems.append(problem(f"entity {eid!r}: its text {surface!r} is not the text at [{start}, {end}) in "
                                    f"{unit} units ({text[s:e]!r}); is offsets={unit!r} right?", path=path,
                                    line=lineno, doc_id=doc_id))
            continue
        entities.append({"id": eid, "start": s, "end": e, "label": label, "text": text[s:e]})
    if problems:
        raise ConversionError(f"{path}:{lineno}: {len(problems)} problem(s)", problems)
    relations = [{"head": str(r["from_id"]), "tail": str(r["to_id"]), "label": r["type"]}
                 for r in line.get("relations", [])]
    extra = {k: line[k] for k in ("lang", "date", "source") if k in line}
    return gold_record(doc_id, text, entities, relations, **extra)


def documents_from_doccano(lines: Iterable[str], *, path: str | None = None, offsets: str = "utf16"
                           ) -> list[Document]:
    """Documents from the lines of a doccano JSONL export (see the module docstring for ``offsets``)."""
    _check_unit(offsets)
    docs, problems = [], []
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            if not isinstance(line, dict):
                raise ConversionError(f"a doccano line is a JSON object, got {type(line).__name__}")
            docs.append(build_document(_record(line, len(docs), path, lineno, offsets), path=path, line=lineno))
        except json.JSONDecodeError as err:
            problems.append(problem(f"malformed JSON: {err.msg}", path=path, line=lineno))
        except ConversionError as err:
            problems.extend(err.problems or [problem(err.message, path=path, line=lineno)])
        except (KeyError, TypeError, ValueError) as err:
            problems.append(problem(f"unexpected layout ({type(err).__name__}: {err})", path=path, line=lineno))
    if problems:
        raise ConversionError(f"{path or 'input'}: {len(problems)} problem(s)", problems)
    return docs


def read_doccano(path: str | Path, *, offsets: str = "utf16") -> list[Document]:
    """Every document of a doccano JSONL export; raises :class:`ConversionError` listing all problems."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        return documents_from_doccano(fh, path=str(path), offsets=offsets)


def documents_to_doccano(docs: Iterable[Document], *, offsets: str = "utf16") -> list[dict[str, Any]]:
    _check_unit(offsets)
    lines = []
    for doc in docs:
        ids = entity_ids(doc)
        number = {ids[i]: i + 1 for i in range(len(doc.entities))}
        units = code_point_offsets(doc.text, offsets)
        bad = [e for e in doc.entities if e.start not in units or e.end not in units]
        if bad:
            raise ConversionError(f"document {doc.id!r}: entity {bad[0].text!r} [{bad[0].start}, {bad[0].end}) "
                                  f"starts or ends inside a {offsets} unit and cannot be written")
        line: dict[str, Any] = {"id": doc.id, "text": doc.text}
        line["entities"] = [{"id": number[ids[i]], "label": e.label, "start_offset": units[e.start],
                             "end_offset": units[e.end]} for i, e in enumerate(doc.entities)]
        line["relations"] = [{"id": k + 1, "from_id": number[h], "to_id": number[t], "type": rel.label}
                             for k, (h, t, rel) in enumerate(relation_refs(doc))]
        for key, value in (("lang", doc.lang), ("date", doc.date and doc.date.isoformat()), ("source", doc.source)):
            if value is not None:
                line[key] = value
        lines.append(line)
    return lines


def write_doccano(docs: Iterable[Document], path: str | Path, *, offsets: str = "utf16") -> Path:
    """Write a doccano JSONL import file (atomically), offsets in ``offsets`` units."""
    return atomic_write_text(path, (json.dumps(x, ensure_ascii=False) + "\n"
                                    for x in documents_to_doccano(docs, offsets=offsets)))
