"""Label Studio JSON export <-> borderie documents.

A Label Studio export is a JSON list of tasks. borderie reads, per task,
``data.text`` (and ``data.id``/``lang``/``date``/``source`` if present) and the
``labels`` and ``relation`` results of its first annotation (or, with
``use_predictions=True``, of its first prediction). Exports of Label Studio
0.x name annotations ``completions``; they are read the same way. The
labelling config is expected to name the label tag ``label`` and the text
tag ``text``, as in::

    <View>
      <Relations><Relation value="BORDERS"/> ... </Relations>
      <Labels name="label" toName="text"><Label value="LOC"/> ... </Labels>
      <Text name="text" value="$text"/>
    </View>

Offsets in current Label Studio are code-point offsets, like borderie's;
old versions counted UTF-16 code units. Each region's ``value.text`` is
checked against the text at its offsets: a region that only matches in
UTF-16 units is converted (warning ``W171``), one that matches in neither is
an error. Without ``value.text`` the offsets cannot be checked; a text where
the two units differ then gets warning ``W173`` (``offsets="utf16"`` reads
such a file as UTF-16). Everything else that cannot be kept is reported
through :mod:`warnings`: several annotations of one task (``W172``: the
first is read), relations without a label and results of other types
(``W170``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..document import Document
from ..errors import (FOREIGN_PART_IGNORED, OFFSETS_UNCHECKED, OTHER_OFFSET_UNIT, SEVERAL_ANNOTATIONS,
                      ConversionError)
from ..io import atomic_write_text
from ._common import build_document, entity_ids, gold_record, problem, relation_refs, warn
from .offsets import needs_care, unit_boundaries

_TASK_DATA_KEYS = ("id", "lang", "date", "source")
OFFSET_MODES = ("auto", "codepoint", "utf16")


def _region_span(value: dict[str, Any], text: str, mode: str, utf16: list[int | None] | None
                 ) -> tuple[int, int, str | None]:
    """``(start, end, unit read)`` in code points; unit ``None`` when the offsets fit no unit."""
    start, end, surface = value["start"], value["end"], value.get("text")
    candidates = ("utf16",) if mode == "utf16" else ("codepoint",) if mode == "codepoint" else (
        ("codepoint", "utf16") if surface is not None else ("codepoint",))
    for unit in candidates:
        if unit == "codepoint":
            s, e = start, end
        else:
            if utf16 is None or not (0 <= start < len(utf16) and 0 <= end < len(utf16)):
                continue
            s, e = utf16[start], utf16[end]
            if s is None or e is None:
                continue
        if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text) and (
                surface is None or text[s:e] == surface):
            return s, e, unit
    return start, end, None


def _annotation_runs(task: dict[str, Any], use_predictions: bool) -> tuple[str, list[dict[str, Any]]]:
    if use_predictions:
        return "predictions", list(task.get("predictions") or [])
    key = "annotations" if task.get("annotations") or "completions" not in task else "completions"
    return key, [a for a in task.get(key) or [] if not a.get("was_cancelled")]


def documents_from_labelstudio(tasks: Any, *, path: str | None = None, use_predictions: bool = False,
                               offsets: str = "auto") -> list[Document]:
    """Convert decoded Label Studio tasks; raises :class:`ConversionError` listing every problem.

    ``offsets``: ``"auto"`` (code points, or UTF-16 units where a region's
    ``value.text`` says so), ``"codepoint"`` or ``"utf16"``.
    """
    if offsets not in OFFSET_MODES:
        from ..errors import UsageError

        raise UsageError(f"offsets must be one of {', '.join(OFFSET_MODES)}, got {offsets!r}")
    if not isinstance(tasks, list):
        raise ConversionError(f"{path or 'input'}: a Label Studio export is a JSON list of tasks",
                              [problem("top level is not a list", path=path)])
    docs, problems = [], []
    for n, task in enumerate(tasks):
        where = f"task #{n}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            problems.append(problem(f"{where}: no data.text", path=path))
            continue
        text = data["text"]
        doc_id = str(data.get("id", task.get("id", n)))
        key, runs = _annotation_runs(task, use_predictions)
        if len(runs) > 1:
            run = runs[0]
            warn(f"{where}: {len(runs)} {key}; the first (id {run.get('id')}, by {run.get('completed_by', '?')}) "
                 "was read, the others ignored", SEVERAL_ANNOTATIONS, path=path, doc_id=doc_id)
        results = runs[0].get("result", []) if runs else []
        utf16 = unit_boundaries(text, "utf16") if needs_care(text) else None
        read_as: set[str] = set()
        unchecked = 0
        ignored: dict[str, int] = {}
        entities, relations = [], []
        for r in results:
            value = r.get("value", {})
            if r.get("type") == "labels":
                labels = value.get("labels") or []
                if len(labels) != 1 or not {"start", "end"} <= set(value):
                    problems.append(problem(f"{where}: region {r.get('id')!r} needs start, end and one label",
                                            path=path, doc_id=doc_id))
                    continue
                start, end, unit = _region_span(value, text, offsets if utf16 is not None else "codepoint", utf16)
                if unit is None:
                    problems.append(problem(
                        f"{where}: region {r.get('id')!r}: its text {value.get('text')!r} is not the text at "
                        f"[{value['start']}, {value['end']}) in code points or UTF-16 units", path=path,
                        doc_id=doc_id))
                    continue
                read_as.add(unit)
                unchecked += "text" not in value
                entities.append({"id": str(r.get("id")), "start": start, "end": end, "label": labels[0],
                                 "text": text[start:end]})
            elif r.get("type") == "relation":
                labels = r.get("labels") or []
                if not labels:
                    ignored["relation without a label"] = ignored.get("relation without a label", 0) + 1
                    continue
                if len(labels) != 1:
                    problems.append(problem(f"{where}: relation {r.get('from_id')}->{r.get('to_id')} has "
                                            f"{len(labels)} labels {labels}; borderie keeps one", path=path,
                                            doc_id=doc_id))
                    continue
                head, tail = str(r.get("from_id")), str(r.get("to_id"))
                if r.get("direction") == "left":
                    head, tail = tail, head
                relations.append({"head": head, "tail": tail, "label": labels[0]})
            else:
                kind = f"result of type {r.get('type')!r}"
                ignored[kind] = ignored.get(kind, 0) + 1
        if ignored:
            warn(f"{where}: ignored " + ", ".join(f"{k} x{v}" for k, v in ignored.items()), FOREIGN_PART_IGNORED, path=path,
                 doc_id=doc_id)
        if "utf16" in read_as and offsets == "auto":
            warn(f"{where}: regions match their text only in UTF-16 code units (an old Label Studio export): "
                 "their offsets were converted to code points", OTHER_OFFSET_UNIT, path=path, doc_id=doc_id)
        if unchecked and utf16 is not None and offsets == "auto":
            warn(f"{where}: {unchecked} region(s) without value.text in a text holding characters beyond U+FFFF: "
                 "offsets read as code points, unchecked (pass offsets='utf16' for an old export)", OFFSETS_UNCHECKED,
                 path=path, doc_id=doc_id)
        extra = {k: data[k] for k in _TASK_DATA_KEYS[1:] if k in data}
        try:
            docs.append(build_document(gold_record(doc_id, text, entities, relations, **extra), path=path))
        except ConversionError as err:
            problems.extend(err.problems)
    if problems:
        raise ConversionError(f"{path or 'input'}: {len(problems)} problem(s)", problems)
    return docs


def read_labelstudio(path: str | Path, *, use_predictions: bool = False, offsets: str = "auto") -> list[Document]:
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ConversionError(f"{path}: malformed JSON: {err.msg}",
                              [problem(f"malformed JSON: {err.msg}", path=str(path), line=err.lineno)]) from None
    return documents_from_labelstudio(tasks, path=str(path), use_predictions=use_predictions, offsets=offsets)


def documents_to_labelstudio(docs: Iterable[Document], *, as_predictions: bool = False) -> list[dict[str, Any]]:
    tasks = []
    for doc in docs:
        ids = entity_ids(doc)
        result: list[dict[str, Any]] = []
        for i, e in enumerate(doc.entities):
            item = {"id": ids[i], "type": "labels", "from_name": "label", "to_name": "text",
                    "value": {"start": e.start, "end": e.end, "text": e.text, "labels": [e.label]}}
            if e.score is not None:
                item["score"] = e.score
            result.append(item)
        for head, tail, rel in relation_refs(doc):
            result.append({"type": "relation", "from_id": head, "to_id": tail, "direction": "right",
                           "labels": [rel.label]})
        data = {"id": doc.id, "text": doc.text, "lang": doc.lang,
                "date": doc.date.isoformat() if doc.date else None, "source": doc.source}
        tasks.append({"data": {k: v for k, v in data.items() if v is not None},
                      ("predictions" if as_predictions else "annotations"): [{"result": result}]})
    return tasks


def write_labelstudio(docs: Iterable[Document], path: str | Path, *, as_predictions: bool = False) -> Path:
    """Write a Label Studio import file (atomically)."""
    tasks = documents_to_labelstudio(docs, as_predictions=as_predictions)
    return atomic_write_text(path, [json.dumps(tasks, ensure_ascii=False, indent=1)])
