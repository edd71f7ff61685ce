"""doccano JSONL (sequence labelling with relations) <-> borderie documents.

Reads both doccano layouts: the relation-project export
(``"entities": [{"id", "label", "start_offset", "end_offset"}]``,
``"relations": [{"from_id", "to_id", "type"}]``) and the older
sequence-labelling export (``"label": [[start, end, "LOC"], ...]``). Writes
the first. Other keys of a line (``lang``, ``date``, ``source``) are kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..document import Document
from ..errors import ConversionError
from ..io import atomic_write_text
from ._common import build_document, gold_record, problem, relation_refs, entity_ids


def _record(line: dict[str, Any], n: int, path: str | None, lineno: int) -> dict[str, Any]:
    text = line.get("text")
    if not isinstance(text, str):
        raise ConversionError(f"{path}:{lineno}: no 'text'", [problem("no 'text' string", path=path, line=lineno)])
    doc_id = str(line.get("id", n))
    entities = []
    if "entities" in line:
        for e in line["entities"]:
            entities.append({"id": str(e["id"]), "start": e["start_offset"], "end": e["end_offset"], "label": e["label"],
                             "text": text[e["start_offset"]:e["end_offset"]]})
    else:
        for i, (start, end, label) in enumerate(line.get("label", [])):
            entities.append({"id": f"e{i + 1}", "start": start, "end": end, "label": label, "text": text[start:end]})
    relations = [{"head": str(r["from_id"]), "tail": str(r["to_id"]), "label": r["type"]}
                 for r in line.get("relations", [])]
    extra = {k: line[k] for k in ("lang", "date", "source") if k in line}
    return gold_record(doc_id, text, entities, relations, **extra)


def read_doccano(path: str | Path) -> list[Document]:
    """Every document of a doccano JSONL export; raises :class:`ConversionError` listing all problems."""
    path = Path(path)
    docs, problems = [], []
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
                docs.append(build_document(_record(line, len(docs), str(path), lineno), path=str(path), line=lineno))
            except json.JSONDecodeError as err:
                problems.append(problem(f"malformed JSON: {err.msg}", path=str(path), line=lineno))
            except (KeyError, TypeError, ValueError) as err:
                if isinstance(err, ConversionError):
                    problems.extend(err.problems)
                else:
                    problems.append(problem(f"unexpected layout ({type(err).__name__}: {err})", path=str(path),
                                            line=lineno))
    if problems:
        raise ConversionError(f"{path}: {len(problems)} problem(s)", problems)
    return docs


def documents_to_doccano(docs: Iterable[Document]) -> list[dict[str, Any]]:
    lines = []
    for doc in docs:
        ids = entity_ids(doc)
        number = {ids[i]: i + 1 for i in range(len(doc.entities))}
        line: dict[str, Any] = {"id": doc.id, "text": doc.text}
        line["entities"] = [{"id": number[ids[i]], "label": e.label, "start_offset": e.start, "end_offset": e.end}
                            for i, e in enumerate(doc.entities)]
        line["relations"] = [{"id": k + 1, "from_id": number[h], "to_id": number[t], "type": rel.label}
                             for k, (h, t, rel) in enumerate(relation_refs(doc))]
        for key, value in (("lang", doc.lang), ("date", doc.date and doc.date.isoformat()), ("source", doc.source)):
            if value is not None:
                line[key] = value
        lines.append(line)
    return lines


def write_doccano(docs: Iterable[Document], path: str | Path) -> Path:
    return atomic_write_text(path, (json.dumps(x, ensure_ascii=False) + "\n" for x in documents_to_doccano(docs)))
