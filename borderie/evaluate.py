"""Entity and end-to-end relation scores (``annotation-guidelines.md``, Evaluation).

* Entities match on exact span and label.
* Relations match on label and both argument spans (start, end); BORDERS,
  TWINNED_WITH and COOPERATES_WITH (the symmetric labels of
  :mod:`borderie.schema`) match in either order. Relations are scored end to
  end: a relation between wrongly predicted spans is simply a miss.
* Documents are matched by ``id``; a gold document with no prediction of
  its id is matched to the one unclaimed prediction with the same text
  (``borderie extract`` names a ``.txt`` article by its path). A gold
  document without a prediction counts as all misses; predicted documents
  absent from the gold are listed in ``unmatched_predictions`` and not
  scored.
* Offsets are compared on the gold text. A prediction whose text differs
  only by line ends (``\r\n``) or a leading byte-order mark has its offsets
  mapped onto the gold text; any other difference is reported (``W137``, in
  ``warnings``), never silently scored as zero.

Conventions for empty sets: precision with no prediction is 1.0 if there
was nothing to find and 0.0 otherwise (recall likewise), so an empty gold
with an empty prediction scores 1.0 and a missed document scores 0.0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Mapping

from .document import Document, Entity, Relation
from .errors import TEXT_DIFFERS, Problem
from .schema import SYMMETRIC_RELATIONS

UNKNOWN_LANG = "unknown"


@dataclass(frozen=True)
class PRF:
    """True/false positive and false negative counts with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {"p": self.p, "r": self.r, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Scores:
    """Micro-averaged scores overall, per label and per language."""

    micro: PRF
    per_label: Mapping[str, PRF] = field(default_factory=dict)
    per_lang: Mapping[str, PRF] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "micro": self.micro.to_dict(),
            "per_label": {k: v.to_dict() for k, v in sorted(self.per_label.items())},
            "per_lang": {k: v.to_dict() for k, v in sorted(self.per_lang.items())},
        }


@dataclass(frozen=True)
class EvaluationReport:
    entities: Scores
    relations: Scores
    n_documents: int
    missing_predictions: tuple[str, ...] = ()
    unmatched_predictions: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()
    """What the scores should be read with: texts that differ (``W137``), relations breaking type rules."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": self.entities.to_dict(),
            "relations": self.relations.to_dict(),
            "documents": self.n_documents,
            "missing_predictions": list(self.missing_predictions),
            "unmatched_predictions": list(self.unmatched_predictions),
            "warnings": [str(w) for w in self.warnings],
        }

    def format_table(self) -> str:
        """A plain-text table of both score sets, for people."""
        lines = [f"{self.n_documents} gold document(s)"
                 + (f", {len(self.missing_predictions)} without prediction" if self.missing_predictions else "")
                 + (f", {len(self.unmatched_predictions)} predicted document(s) not in the gold"
                    if self.unmatched_predictions else "")]
        for title, scores in (("Entities", self.entities), ("Relations", self.relations)):
            lines += ["", f"{title:<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}", "-" * 57]
            rows = [("micro", scores.micro), *sorted(scores.per_label.items())]
            rows += [(f"lang={k}", v) for k, v in sorted(scores.per_lang.items())]
            for name, s in rows:
                lines.append(f"{name:<18}{s.p:>7.3f}{s.r:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        return "\n".join(lines)


def entity_keys(doc: Document) -> set[tuple[int, int, str]]:
    """What an entity is scored on: ``(start, end, label)``."""
    return {(e.start, e.end, e.label) for e in doc.entities}


def relation_keys(doc: Document) -> set[tuple[str, tuple[int, int], tuple[int, int]]]:
    """What a relation is scored on: label and both spans (ordered for symmetric labels)."""
    keys = set()
    for r in doc.relations:
        head, tail = r.head.span, r.tail.span
        if r.label in SYMMETRIC_RELATIONS and tail < head:
            head, tail = tail, head
        keys.add((r.label, head, tail))
    return keys


def _count(gold: set[Hashable], pred: set[Hashable], label_of) -> dict[str, PRF]:
    out: dict[str, PRF] = defaultdict(PRF)
    for k in gold & pred:
        out[label_of(k)] += PRF(tp=1)
    for k in pred - gold:
        out[label_of(k)] += PRF(fp=1)
    for k in gold - pred:
        out[label_of(k)] += PRF(fn=1)
    return out


def _scores(per_doc: Iterable[tuple[str, dict[str, PRF]]]) -> Scores:
    per_label: dict[str, PRF] = defaultdict(PRF)
    per_lang: dict[str, PRF] = defaultdict(PRF)
    micro = PRF()
    for lang, counts in per_doc:
        total = sum(counts.values(), PRF())
        per_lang[lang] += total
        micro += total
        for label, c in counts.items():
            per_label[label] += c
    return Scores(micro, dict(per_label), dict(per_lang))


def _plain(text: str) -> tuple[str, list[int]]:
    """``text`` without a leading BOM and with ``\r\n`` as ``\n``, and where each of its offsets came from."""
    out, where = [], []
    i = 1 if text.startswith("\ufeff") else 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1: i + 2] == "\n":
            i += 1
        out.append(text[i])
        where.append(i)
        i += 1
    where.append(len(text))
    return "".join(out), where


def _onto_gold(pred: Document, gold: Document) -> Document | None:
    """``pred`` with offsets on ``gold.text`` when the texts differ only by line ends or a BOM, else None."""
    p_plain, p_where = _plain(pred.text)
    g_plain, g_where = _plain(gold.text)
    if p_plain != g_plain:
        return None
    p_index = {orig: k for k, orig in enumerate(p_where)}

    def move(e: Entity) -> Entity:
        start, end = g_where[p_index.get(e.start, 0)], g_where[p_index.get(e.end, len(p_plain))]
        return Entity(start, end, e.label, gold.text[start:end], e.id, e.score, e.value, e.place, e.meta)

    moved = {id(e): move(e) for e in pred.entities}
    relations = tuple(Relation(moved[id(r.head)], moved[id(r.tail)], r.label, r.score, r.meta)
                      for r in pred.relations if id(r.head) in moved and id(r.tail) in moved)
    return Document(pred.id, gold.text, pred.lang, pred.date, tuple(moved.values()), relations, pred.source)


def evaluate(gold: Iterable[Document], pred: Iterable[Document]) -> EvaluationReport:
    """Score predicted documents against gold documents (matched by ``id``, else by identical text)."""
    gold = list(gold)
    pred_by_id = {d.id: d for d in pred}
    gold_ids = {d.id for d in gold}
    by_text: dict[str, list[str]] = defaultdict(list)
    for pid, d in pred_by_id.items():
        if pid not in gold_ids:
            by_text[_plain(d.text)[0]].append(pid)
    claimed: set[str] = set()
    ent_counts, rel_counts, missing, warnings = [], [], [], []
    for g in gold:
        p = pred_by_id.get(g.id)
        if p is None:
            same = [pid for pid in by_text.get(_plain(g.text)[0], ()) if pid not in claimed]
            if len(same) == 1:
                claimed.add(same[0])
                p = pred_by_id[same[0]]
        if p is None:
            missing.append(g.id)
            p = Document(id=g.id, text=g.text, lang=g.lang)
        elif p.text != g.text:
            aligned = _onto_gold(p, g)
            if aligned is None:
                warnings.append(Problem(TEXT_DIFFERS, f"the prediction {p.id!r} has another text than the gold "
                                                      f"({len(p.text)} vs {len(g.text)} characters): its spans are "
                                                      "scored on offsets that may not match", g.id))
            else:
                p = aligned
        lang = g.lang or p.lang or UNKNOWN_LANG
        ent_counts.append((lang, _count(entity_keys(g), entity_keys(p), lambda k: k[2])))
        rel_counts.append((lang, _count(relation_keys(g), relation_keys(p), lambda k: k[0])))
    return EvaluationReport(
        entities=_scores(ent_counts),
        relations=_scores(rel_counts),
        n_documents=len(gold),
        missing_predictions=tuple(missing),
        unmatched_predictions=tuple(sorted(set(pred_by_id) - gold_ids - claimed)),
        warnings=tuple(warnings),
    )
