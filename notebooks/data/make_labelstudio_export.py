"""Rebuild ``labelstudio_export.json``: four corpus training articles as Label Studio exports them.

``03_finetune.ipynb`` starts from an annotation tool's export, as a team
that annotates new articles would. This script writes that file from the gold
annotations of four short articles of ``corpus/data/train.jsonl`` in the shape
of Label Studio's "JSON" export: one task per article, with the tool's own
bookkeeping (task and annotation ids, timestamps, ``inner_id``...), one
completed annotation whose ``result`` holds ``labels`` regions (with
Label Studio-style 10-character ids) and ``relation`` items. The fields
borderie does not need are there on purpose: the converter must ignore them.

Run from the repository root: ``python notebooks/data/make_labelstudio_export.py``.
The file is written atomically and checked by reading it back.
"""

from __future__ import annotations

import hashlib
import json
import os
import string
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from borderie import read_jsonl  # noqa: E402
from borderie.convert.labelstudio import read_labelstudio  # noqa: E402

ARTICLES = ("c-b16-fr", "c-c20-en", "c-d21-en", "c-a07-fr")
OUTPUT = Path(__file__).resolve().parent / "labelstudio_export.json"
_ALPHABET = string.ascii_letters + string.digits + "_-"


def region_id(doc_id: str, n: int) -> str:
    """A stable 10-character id in Label Studio's style, derived from the article and mention number."""
    digest = hashlib.sha256(f"{doc_id}/{n}".encode()).digest()
    return "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest[:10])


def task_for(doc, task_id: int) -> dict:
    ids = {id(e): region_id(doc.id, n) for n, e in enumerate(doc.entities)}
    result = [{"value": {"start": e.start, "end": e.end, "text": e.text, "labels": [e.label]},
               "id": ids[id(e)], "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"}
              for e in doc.entities]
    result += [{"from_id": ids[id(r.head)], "to_id": ids[id(r.tail)], "type": "relation", "direction": "right",
                "labels": [r.label]} for r in doc.relations]
    stamp = f"2026-01-{10 + task_id:02d}T09:{task_id:02d}:00.000000Z"
    data = {"text": doc.text, "id": doc.id, "lang": doc.lang}
    if doc.date is not None:
        data["date"] = doc.date.isoformat()
    return {
        "id": task_id, "annotations": [{
            "id": 100 + task_id, "completed_by": 1, "result": result, "was_cancelled": False, "ground_truth": False,
            "created_at": stamp, "updated_at": stamp, "draft_created_at": None, "lead_time": 600.0 + 37 * task_id,
            "prediction": {}, "result_count": len(result), "unique_id": region_id(doc.id, -1), "import_id": None,
            "last_action": None, "bulk_created": False, "task": task_id, "project": 1, "updated_by": 1,
            "parent_prediction": None, "parent_annotation": None, "last_created_by": None,
        }],
        "file_upload": "border-news-2026-01.json", "drafts": [], "predictions": [], "data": data, "meta": {},
        "created_at": stamp, "updated_at": stamp, "inner_id": task_id, "total_annotations": 1,
        "cancelled_annotations": 0, "total_predictions": 0, "comment_count": 0, "unresolved_comment_count": 0,
        "last_comment_updated_at": None, "project": 1, "updated_by": 1, "comment_authors": [],
    }


def _annotations(doc) -> tuple:
    """What must survive the round trip: text, metadata, spans, labels and relations (not entity ids)."""
    def span(e):
        return (e.start, e.end, e.label, e.text)

    return (doc.id, doc.text, doc.lang, doc.date, [span(e) for e in doc.entities],
            sorted((span(r.head), span(r.tail), r.label) for r in doc.relations))


def main() -> None:
    by_id = {d.id: d for d in read_jsonl(ROOT / "corpus" / "data" / "train.jsonl")}
    docs = [by_id[i] for i in ARTICLES]
    tasks = [task_for(doc, n) for n, doc in enumerate(docs, start=1)]
    fd, tmp = tempfile.mkstemp(dir=OUTPUT.parent, prefix=".export.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(tasks, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    back = read_labelstudio(tmp)
    for doc, got in zip(docs, back):
        if _annotations(doc) != _annotations(got):
            os.unlink(tmp)
            raise SystemExit(f"{doc.id}: the export does not read back to the gold annotations")
    os.chmod(tmp, 0o644)
    os.replace(tmp, OUTPUT)
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(tasks)} tasks, "
          f"{sum(len(d.entities) for d in docs)} mentions, {sum(len(d.relations) for d in docs)} relations")


if __name__ == "__main__":
    main()
