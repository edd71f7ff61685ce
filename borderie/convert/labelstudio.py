"""Label Studio JSON export <-> borderie documents.

A Label Studio export is a JSON list of tasks. borderie reads, per task,
``data.text`` (and ``data.id``/``lang``/``date``/``source`` if present) and the
``labels`` and ``relation`` results of its first annotation (or, with
``use_predictions=True``, of its first prediction). The labelling config is
expected to name the label tag ``label`` and the text tag ``text``, as in::

    <View>
      <Relations><Relation value="BORDERS"/> ... </Relations>
      <Labels name="label" toName="text"><Label value="LOC"/> ... </Labels>
      <Text name="text" value="$text"/>
    </View>

Offsets in Label Studio are code-point offsets, like borderie's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..document import Document
from ..errors import ConversionError
from ..io import atomic_write_text
from ._common import build_document, gold_record, problem, relation_refs, entity_ids

_TASK_DATA_KEYS = ("id", "lang", "date", "source")


def documents_from_labelstudio(tasks: Any, *, path: str | None = None, use_predictions: bool = False) -> list[Document]:
    """Convert decoded Label Studio tasks; raises :class:`ConversionError` listing every problem."""
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
        doc_id = str(data.get("id", task.get("id", n)))
        key = "predictions" if use_predictions else "annotations"
        runs = [a for a in task.get(key) or [] if not a.get("was_cancelled")]
        results = runs[0].get("result", []) if runs else []
        entities, relations = [], []
        for r in results:
            value = r.get("value", {})
            if r.get("type") == "labels":
                labels = value.get("labels") or []
                if len(labels) != 1 or not {"start", "end"} <= set(value):
                    problems.append(problem(f"{where}: region {r.get('id')!r} needs start, end and one label",
                                            path=path, doc_id=doc_id))
                    continue
                entities.append({"id": str(r.get("id")), "start": value["start"], "end": value["end"],
                                 "label": labels[0], "text": value.get("text", data["text"][value["start"]:value["end"]])})
            elif r.get("type") == "relation":
                labels = r.get("labels") or []
                if len(labels) != 1:
                    problems.append(problem(f"{where}: relation {r.get('from_id')}->{r.get('to_id')} needs one label",
                                            path=path, doc_id=doc_id))
                    continue
                head, tail = str(r.get("from_id")), str(r.get("to_id"))
                if r.get("direction") == "left":
                    head, tail = tail, head
                relations.append({"head": head, "tail": tail, "label": labels[0]})
        extra = {k: data[k] for k in _TASK_DATA_KEYS[1:] if k in data}
        try:
            docs.append(build_document(gold_record(doc_id, data["text"], entities, relations, **extra), path=path))
        except ConversionError as err:
            problems.extend(err.problems)
    if problems:
        raise ConversionError(f"{path or 'input'}: {len(problems)} problem(s)", problems)
    return docs


def read_labelstudio(path: str | Path, *, use_predictions: bool = False) -> list[Document]:
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ConversionError(f"{path}: malformed JSON: {err.msg}",
                              [problem(f"malformed JSON: {err.msg}", path=str(path), line=err.lineno)]) from None
    return documents_from_labelstudio(tasks, path=str(path), use_predictions=use_predictions)


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
