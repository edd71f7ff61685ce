"""Corpus-scale extraction: resumable JSONL runs and a picklable batch predictor.

:func:`extract_to_jsonl` runs a pipeline over files, folders, JSONL and
Parquet (see :mod:`borderie.inputs`) and appends one gold-format line per
article to the output (:class:`borderie.outputs.ExtractionOutput`: checked
before any work, locked against a second writer). It is resumable: articles
whose id is already in the output with the same text are skipped. An
article that cannot be read or processed is reported and skipped; the
others go on.

:class:`Predictor` is a picklable callable mapping a batch (a dict of
columns) to extraction results, loading the model lazily in each worker.
It works unchanged with ``datasets.Dataset.map(batched=True)`` and Ray Data
``map_batches``.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from .coerce import as_date, as_lang, is_missing
from .document import Document, default_id
from .errors import ARTICLE_SKIPPED, ID_TEXT_CONFLICT, ROW_MISSING, InputWarning, UsageError
from .inputs import InputProblem, InputRecord, check_inputs, count_inputs, iter_inputs
from .outputs import ExtractionOutput, text_sha1

logger = logging.getLogger(__name__)


def _warn_skipped(p: InputProblem) -> None:
    warnings.warn(InputWarning(f"skipped {p}" if p.is_error else str(p), ARTICLE_SKIPPED if p.is_error else p.code),
                  stacklevel=2)


@dataclass
class ExtractionSummary:
    """What a run did: articles written, skipped as already done, and problems."""

    written: int = 0
    skipped: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    def __str__(self) -> str:
        warned = sum(not p.is_error for p in self.problems)
        return (f"{self.written} article(s) extracted, {self.skipped} already done, "
                f"{len(self.problems) - warned} problem(s)" + (f", {warned} warning(s)" if warned else ""))


def _as_document(record: InputRecord) -> Document:
    return Document(id=record.id, text=record.text, lang=record.lang, date=record.date, source=record.source)


def extract_to_jsonl(nlp: Any, paths: Iterable[str | os.PathLike[str]], output: str | os.PathLike[str], *,
                     batch_size: int = 8, progress: bool = True, force: bool = False,
                     on_problem: Callable[[InputProblem], None] | None = None) -> ExtractionSummary:
    """Extract every article under ``paths`` into ``output`` (gold JSONL + scores, values, places).

    ``output`` is checked first (:class:`~borderie.outputs.ExtractionOutput`):
    an input, or an existing file that is not an extraction output, is refused
    unless ``force`` (which starts it afresh). ``paths`` may name standard
    input (``-``) and ``output`` standard output (``-``: no resume then). An
    article that cannot be read or processed is passed to ``on_problem``
    (default: an :class:`~borderie.errors.InputWarning`).
    """
    paths = list(paths)
    check_inputs(paths)
    with ExtractionOutput(output, paths, force=force) as out:
        return extract_into(nlp, paths, out, batch_size=batch_size, progress=progress, on_problem=on_problem)


def extract_into(nlp: Any, paths: Iterable[str | os.PathLike[str]], out: ExtractionOutput, *,
                 batch_size: int = 8, progress: bool = True,
                 on_problem: Callable[[InputProblem], None] | None = None) -> ExtractionSummary:
    """Extract every article under ``paths`` not yet in the opened output ``out``."""
    from tqdm.auto import tqdm

    paths = list(paths)
    summary = ExtractionSummary()
    report = on_problem or _warn_skipped

    def problem(p: InputProblem) -> None:
        summary.problems.append(p)
        report(p)

    fingerprint = getattr(nlp, "fingerprint", None)
    out.use_model(fingerprint() if callable(fingerprint) else None)  # E307 if OUT holds another model's records
    for p in out.problems:  # damaged lines moved aside on resume, records naming no model
        problem(InputProblem(f"{out.path}:{p.line}" if p.line else str(out.path), p.message, code=p.code))
    seen: set[str] = set()
    pending: list[InputRecord] = []
    bar = tqdm(desc="extracting", unit="doc", total=count_inputs(paths) if progress else None, disable=not progress)

    def flush() -> None:
        for record, result in _predict(nlp, pending, batch_size):
            if isinstance(result, Document):
                out.write(result.to_dict())
                summary.written += 1
            else:
                problem(InputProblem(record.where, f"extraction failed: {result}", record.id))
            bar.update(1)
        pending.clear()

    for item in iter_inputs(paths, exclude=[] if out.to_stdout else [out.path]):
        if isinstance(item, InputProblem):
            problem(item)
            if item.is_error:
                bar.update(1)
            continue
        if item.id in seen:
            problem(InputProblem(item.where, "duplicate id: an article with this id was already read", item.id))
            bar.update(1)
            continue
        seen.add(item.id)
        if item.id in out.done:
            if out.done[item.id] == text_sha1(item.text):
                summary.skipped += 1
            else:
                problem(InputProblem(item.where, f"{out.path} already holds an article with this id but another "
                                                 "text; not extracted (give it another id, or another output)",
                                     item.id, code=ID_TEXT_CONFLICT))
            bar.update(1)
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
    bar.close()
    logger.info("%s", summary)
    return summary


def _predict(nlp: Any, records: Sequence[InputRecord], batch_size: int) -> list[tuple[InputRecord, Any]]:
    """Results for a batch; if the batch fails, each article alone, so one bad article loses nothing else."""
    if not records:
        return []
    docs = [_as_document(r) for r in records]
    if len(records) > 1:
        try:
            out = list(nlp.pipe(docs, batch_size=batch_size))
            if len(out) == len(records):
                return list(zip(records, out))
        except Exception:  # noqa: BLE001 - retried article by article below
            pass
    results: list[tuple[InputRecord, Any]] = []
    for record, doc in zip(records, docs):
        try:
            results.append((record, next(iter(nlp.pipe([doc], batch_size=1)))))
        except Exception as err:  # noqa: BLE001 - reported to the user with the article's id
            results.append((record, f"{type(err).__name__}: {err}"))
    return results


# -- batch predictor ----------------------------------------------------------------
INPUT_COLUMNS = ("id", "text", "lang", "date")
OUTPUT_COLUMNS = ("entities", "relations", "document")


def _batch_keys(batch: Any) -> list[str]:
    return list(batch.column_names) if hasattr(batch, "column_names") else list(batch)


def _column(batch: Any, name: str, n: int) -> list[Any]:
    """Column ``name`` of a batch (dict of lists or arrays, or a pyarrow table) as a list, missing cells as None."""
    if name not in _batch_keys(batch):
        return [None] * n
    values = batch.column(name).to_pylist() if hasattr(batch, "column_names") else batch[name]
    values = values.tolist() if hasattr(values, "tolist") else list(values)
    return [None if is_missing(v) else v for v in values]


def _cell(coerce: Callable[..., Any], value: Any, what: str, row: str) -> Any:
    """A batch cell through its coercion (:mod:`borderie.coerce`); a bad value is a warning and reads as missing."""
    try:
        return coerce(value, what=what)
    except UsageError as err:
        warnings.warn(InputWarning(f"row {row}: {err.message}; read as missing", ROW_MISSING), stacklevel=3)
        return None


def document_columns(doc: Document) -> dict[str, Any]:
    """Arrow-friendly columns for one predicted document (the schema of :attr:`Predictor.features`)."""
    index = {id(e): i for i, e in enumerate(doc.entities)}
    return {
        "entities": [{"start": e.start, "end": e.end, "label": e.label, "text": e.text,
                      "score": float(e.score) if e.score is not None else None,
                      "place_id": e.place.id if e.place else None, "place_name": e.place.name if e.place else None,
                      "value": json.dumps(dict(e.value), ensure_ascii=False) if e.value is not None else None}
                     for e in doc.entities],
        "relations": [{"head": index[id(r.head)], "tail": index[id(r.tail)], "label": r.label,
                       "score": float(r.score) if r.score is not None else None} for r in doc.relations],
        "document": doc.to_json(),
    }


def predictor_features() -> Any:
    """The :class:`datasets.Features` of the columns a :class:`Predictor` adds (fixed, whatever the batch)."""
    from datasets import Features, Value

    entity = {"start": Value("int64"), "end": Value("int64"), "label": Value("string"), "text": Value("string"),
              "score": Value("float64"), "place_id": Value("string"), "place_name": Value("string"),
              "value": Value("string")}
    relation = {"head": Value("int64"), "tail": Value("int64"), "label": Value("string"), "score": Value("float64")}
    return Features({"entities": [entity], "relations": [relation], "document": Value("string")})


class Predictor:
    """Map a batch ``{"text": [...], "id"?: [...], "lang"?: [...], "date"?: [...]}`` to extraction results.

    The model is loaded on first use in each process (so the object pickles
    small and ships to workers). Rows without an ``id`` get
    :func:`borderie.document.default_id` of their text, so ids are the same
    in every batch and run. The output batch has the input columns plus
    ``entities``, ``relations`` (lists of fixed-schema records, typed by
    :attr:`features`) and ``document`` (the full result as gold-format JSON)::

        ds = datasets.Dataset.from_list(rows).map(Predictor(), batched=True, batch_size=16)
        ray.data.from_items(rows).map_batches(Predictor, batch_size=16,
                                              compute=ray.data.ActorPoolStrategy(size=2))

    Missing cells (None, NaN, NaT: what pandas and Ray give for nulls) are
    missing values: no language, no date; a row without text gets empty
    results and an :class:`~borderie.errors.InputWarning`. A ``datasets``
    batch (or a pyarrow table, Ray's ``batch_format="pyarrow"``) is answered
    with a pyarrow table whose added columns have the types of
    :attr:`features`, so a first batch without entities or without linked
    places fixes no wrong type; its input columns are kept as they are
    (``map(remove_columns=...)`` cannot drop them: drop them afterwards).
    Other batches are answered with a dict of lists.
    """

    def __init__(self, model: str | os.PathLike[str] | None = None, *, batch_size: int = 8, device: str = "auto"):
        from .model.device import resolve_device

        resolve_device(device)  # an absent GPU is refused here, not in every worker
        self.model_path = None if model is None else str(model)
        self.batch_size = batch_size
        self.device = device
        self._nlp: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "batch_size": self.batch_size, "device": self.device, "_nlp": None}

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from .model import load

            self._nlp = load(self.model_path, device=self.device)
        return self._nlp

    @property
    def features(self) -> Any:
        """The :class:`datasets.Features` of the added columns ``entities``, ``relations``, ``document``."""
        return predictor_features()

    def __call__(self, batch: Any) -> Any:
        texts = _column(batch, "text", 0)
        n = len(texts)
        ids = _column(batch, "id", n)
        langs = _column(batch, "lang", n)
        dates = _column(batch, "date", n)
        docs = []
        for i, t, l, d in zip(ids, texts, langs, dates):
            if not isinstance(t, str):
                doc_id = str(i) if i is not None else default_id("")
                warnings.warn(InputWarning(f"row {doc_id}: no text ({t!r}); its results are empty", ROW_MISSING),
                              stacklevel=2)
                t = ""
            doc_id = str(i) if i is not None else default_id(t)
            docs.append(Document(id=doc_id, text=t, lang=_cell(as_lang, l, "lang", doc_id),
                                 date=_cell(as_date, d, "date", doc_id)))
        results: dict[str, list[Any]] = {key: [] for key in OUTPUT_COLUMNS}
        for doc in self.nlp.pipe(docs, batch_size=self.batch_size):
            for key, value in document_columns(doc).items():
                results[key].append(value)
        table = getattr(batch, "pa_table", batch if hasattr(batch, "column_names") else None)
        if table is not None:
            return self._arrow(table, results)
        out: dict[str, list[Any]] = {key: _column(batch, key, n) if key in INPUT_COLUMNS else
                                     (batch[key].tolist() if hasattr(batch[key], "tolist") else list(batch[key]))
                                     for key in _batch_keys(batch)}
        out.update(results)
        return out

    def _arrow(self, table: Any, results: dict[str, list[Any]]) -> Any:
        """``table`` (the input batch) with the result columns, typed by :attr:`features`."""
        import pyarrow as pa

        schema = self.features.arrow_schema
        table = table.drop_columns([c for c in OUTPUT_COLUMNS if c in table.column_names])
        for key in OUTPUT_COLUMNS:
            table = table.append_column(schema.field(key), pa.array(results[key], type=schema.field(key).type))
        return table
