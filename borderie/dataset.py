"""Gold documents as a Hugging Face :class:`datasets.Dataset`, and back.

:func:`to_dataset` gives one row per document with typed columns
(:func:`dataset_features`): ``id``, ``lang``, ``date`` (ISO string),
``source``, ``text``, ``entities`` (``id``, ``start``, ``end`` in code points,
``label`` as a :class:`datasets.ClassLabel` over the schema's entity labels,
``text``) and ``relations`` (``head``/``tail`` entity ids, ``label`` as a
``ClassLabel`` over the relation labels). Predictions' scores, values,
places and extra fields are left out: this is the annotation, as the gold
JSONL holds it. :func:`from_dataset` reads such a dataset back into
validated documents (for :func:`borderie.training.train`, for example)::

    ds = borderie.to_dataset(borderie.read_jsonl("corpus/data/train.jsonl"))
    ds.features["entities"][0]["label"].names      # ['PER', 'ORG', 'LOC', ...]
    ds.to_parquet("train.parquet")                  # or ds.push_to_hub(...)
    docs = borderie.from_dataset(ds)
"""

from __future__ import annotations

from typing import Any, Iterable

from .document import Document
from .errors import UsageError
from .schema import ENTITY_LABELS, RELATION_LABELS


def dataset_features() -> Any:
    """The :class:`datasets.Features` of :func:`to_dataset`."""
    try:
        from datasets import ClassLabel, Features, Value
    except ImportError:  # pragma: no cover - datasets is a dependency
        raise UsageError("to_dataset needs the datasets package: pip install datasets") from None
    entity = {"id": Value("string"), "start": Value("int32"), "end": Value("int32"),
              "label": ClassLabel(names=list(ENTITY_LABELS)), "text": Value("string")}
    relation = {"head": Value("string"), "tail": Value("string"), "label": ClassLabel(names=list(RELATION_LABELS))}
    return Features({"id": Value("string"), "lang": Value("string"), "date": Value("string"),
                     "source": Value("string"), "text": Value("string"), "entities": [entity],
                     "relations": [relation]})


def _row(doc: Document) -> dict[str, Any]:
    data = doc.to_dict()
    return {"id": data["id"], "lang": data["lang"], "date": data["date"], "source": data["source"],
            "text": data["text"],
            "entities": [{k: e[k] for k in ("id", "start", "end", "label", "text")} for e in data["entities"]],
            "relations": [{k: r[k] for k in ("head", "tail", "label")} for r in data["relations"]]}


def to_dataset(documents: Iterable[Document]) -> Any:
    """A :class:`datasets.Dataset` of ``documents`` with :func:`dataset_features`."""
    from datasets import Dataset

    return Dataset.from_list([_row(d) for d in documents], features=dataset_features())


def _label_names(feature: Any) -> list[str]:
    """The ``ClassLabel`` names of the ``label`` field of a list-of-records feature."""
    item = feature[0] if isinstance(feature, list) else feature.feature  # datasets < 4: a list; >= 4: List
    return list(item["label"].names)


def from_dataset(dataset: Any) -> list[Document]:
    """Validated documents from a dataset made by :func:`to_dataset` (labels decoded from their ``ClassLabel``)."""
    try:
        entity_names = _label_names(dataset.features["entities"])
        relation_names = _label_names(dataset.features["relations"])
    except (KeyError, AttributeError, TypeError, IndexError):
        raise UsageError("from_dataset reads datasets made by borderie.to_dataset (entities and relations with "
                         "ClassLabel labels)") from None
    docs = []
    for row in dataset:
        record = dict(row)
        record["entities"] = [{**e, "label": entity_names[e["label"]]} for e in row["entities"]]
        record["relations"] = [{**r, "label": relation_names[r["label"]]} for r in row["relations"]]
        docs.append(Document.from_dict(record))
    return docs
