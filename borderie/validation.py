"""Validation of gold / prediction records against the schema.

The checks work on plain decoded JSON (``dict``), so that a badly broken
record still yields a full list of problems instead of stopping at the
first one. :meth:`borderie.Document.from_dict` and the JSONL reader both use
them; ``borderie validate`` prints what they find.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Mapping

from .coerce import as_date, as_lang
from .errors import (BAD_DATE, BAD_ENTITY, BAD_LANG, BAD_RECORD, BAD_RELATION, CROSS_SENTENCE_RELATION,
                     DUPLICATE_ENTITY_ID, DUPLICATE_RELATION, MISSING_ARGUMENT, OFFSET_OUT_OF_RANGE, OVERLAPPING_SPANS, TEXT_MISMATCH,
                     TYPE_RULE_BROKEN, UNKNOWN_ENTITY_LABEL, UNKNOWN_RELATION_LABEL, Problem, UsageError)
from .schema import ENTITY_LABELS, RELATION_TYPES
from .sentences import sentence_index, split_sentences


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def check_date(value: Any) -> str | None:
    """The error message if ``value`` is not null or an ISO ``YYYY-MM-DD`` date (:func:`borderie.coerce.as_date`)."""
    if isinstance(value, (_dt.date, str)) or value is None:
        try:
            as_date(value, what="'date'")
        except UsageError as err:
            return err.message
        return None
    return f"'date' must be an ISO date string or null, got {type(value).__name__}"


def check_record(record: Any, *, check_sentences: bool = False) -> list[Problem]:
    """Every problem in one decoded record (a gold or prediction document).

    With ``check_sentences`` true, relations whose arguments fall in different
    sentences (as :func:`borderie.sentences.split_sentences` cuts them) are
    reported as warnings.
    """
    if not isinstance(record, Mapping):
        return [Problem(BAD_RECORD, f"a record must be a JSON object, got {type(record).__name__}")]
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        problems = [Problem(BAD_RECORD, f"'id' must be a non-empty string, got {doc_id!r}")]
        doc_id = None
    else:
        problems = []

    def bad(code: str, message: str) -> None:
        problems.append(Problem(code, message, doc_id))

    text = record.get("text")
    if not isinstance(text, str):
        bad(BAD_RECORD, f"'text' must be a string, got {type(text).__name__}")
        text = None
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        bad(BAD_RECORD, f"'lang' must be a string or null, got {lang!r}")
    elif lang is not None:
        try:
            as_lang(lang, what="'lang'")
        except UsageError as err:
            bad(BAD_LANG, err.message)
    date_error = check_date(record.get("date"))
    if date_error:
        bad(BAD_DATE, date_error)

    entities = record.get("entities", [])
    relations = record.get("relations", [])
    if not isinstance(entities, list):
        bad(BAD_RECORD, "'entities' must be a list")
        entities = []
    if not isinstance(relations, list):
        bad(BAD_RECORD, "'relations' must be a list")
        relations = []

    labels_by_id: dict[str, str] = {}
    spans: list[tuple[int, int, str]] = []
    for n, ent in enumerate(entities):
        name = f"entity #{n}"
        if not isinstance(ent, Mapping):
            bad(BAD_ENTITY, f"{name} must be an object")
            continue
        eid = ent.get("id")
        if eid is not None:
            name = f"entity {eid!r}"
            if not isinstance(eid, str):
                bad(BAD_ENTITY, f"{name}: 'id' must be a string")
            elif eid in labels_by_id:
                bad(DUPLICATE_ENTITY_ID, f"{name}: id used twice")
        start, end, label, etext = ent.get("start"), ent.get("end"), ent.get("label"), ent.get("text")
        if not (_is_int(start) and _is_int(end)):
            bad(BAD_ENTITY, f"{name}: 'start' and 'end' must be integers, got {start!r}, {end!r}")
            continue
        if label not in ENTITY_LABELS:
            bad(UNKNOWN_ENTITY_LABEL, f"{name}: unknown label {label!r} (known: {', '.join(ENTITY_LABELS)})")
        if isinstance(eid, str) and eid not in labels_by_id:
            labels_by_id[eid] = label
        if text is None:
            continue
        if start < 0 or end > len(text) or start >= end:
            bad(OFFSET_OUT_OF_RANGE,
                f"{name}: span [{start}, {end}) is out of range for a text of {len(text)} characters")
            continue
        if not isinstance(etext, str):
            bad(BAD_ENTITY, f"{name}: 'text' must be a string")
        elif text[start:end] != etext:
            bad(TEXT_MISMATCH, f"{name}: text {etext!r} but text[{start}:{end}] is {text[start:end]!r}")
        spans.append((start, end, name))

    spans.sort()
    for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:]):
        if s2 < e1:
            bad(OVERLAPPING_SPANS, f"{n1} [{s1}, {e1}) overlaps {n2} [{s2}, {e2})")

    seen: set[tuple[str, str, str]] = set()
    for n, rel in enumerate(relations):
        if not isinstance(rel, Mapping):
            bad(BAD_RELATION, f"relation #{n} must be an object")
            continue
        head, tail, label = rel.get("head"), rel.get("tail"), rel.get("label")
        name = f"relation #{n} ({head} -{label}-> {tail})"
        if not isinstance(head, str) or not isinstance(tail, str):
            bad(BAD_RELATION, f"{name}: 'head' and 'tail' must be entity ids")
            continue
        missing = [x for x in (head, tail) if x not in labels_by_id]
        if missing:
            bad(MISSING_ARGUMENT, f"{name}: no entity with id {', '.join(map(repr, missing))}")
        rtype = RELATION_TYPES.get(label)  # type: ignore[arg-type]
        if rtype is None:
            bad(UNKNOWN_RELATION_LABEL, f"{name}: unknown relation label {label!r}")
            continue
        if missing:
            continue
        hl, tl = labels_by_id[head], labels_by_id[tail]
        if hl in ENTITY_LABELS and tl in ENTITY_LABELS and not rtype.allows(hl, tl):  # unknown labels: reported above
            bad(TYPE_RULE_BROKEN,
                f"{name}: {label} cannot link {hl} -> {tl} "
                f"(allowed: {'/'.join(sorted(rtype.heads))} -> {'/'.join(sorted(rtype.tails))})")
        key = (label, *sorted((head, tail))) if rtype.symmetric else (label, head, tail)
        if key in seen:
            bad(DUPLICATE_RELATION, f"{name}: the same relation is given twice")
        seen.add(key)

    if check_sentences and text is not None and not any(p.is_error for p in problems):
        problems.extend(_cross_sentence_problems(record, text, doc_id))
    return problems


def _cross_sentence_problems(record: Mapping[str, Any], text: str, doc_id: str | None) -> list[Problem]:
    sentences = split_sentences(text)
    starts = {e["id"]: e["start"] for e in record.get("entities", []) if "id" in e}
    out = []
    for rel in record.get("relations", []):
        h, t = sentence_index(sentences, starts[rel["head"]]), sentence_index(sentences, starts[rel["tail"]])
        if h != t:
            out.append(Problem(CROSS_SENTENCE_RELATION,
                               f"relation {rel['head']} -{rel['label']}-> {rel['tail']} links mentions in "
                               f"sentences {h} and {t}", doc_id))
    return out


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
