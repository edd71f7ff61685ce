"""Entity and end-to-end relation scores (``annotation-guidelines.md``, Evaluation).

* Entities match on exact span and label.
* Relations match on label and both argument spans (start, end); BORDERS,
  TWINNED_WITH and COOPERATES_WITH (the symmetric labels of
  :mod:`borderie.schema`) match in either order. Relations are scored end to
  end: a relation between wrongly predicted spans is simply a miss.
* Documents are matched by ``id``. A gold document without a prediction
  counts as all misses; predicted documents absent from the gold are
  listed in ``unmatched_predictions`` and not scored.

Conventions for empty sets: precision with no prediction is 1.0 if there
was nothing to find and 0.0 otherwise (recall likewise), so an empty gold
with an empty prediction scores 1.0 and a missed document scores 0.0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Mapping

from .document import Document
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": self.entities.to_dict(),
            "relations": self.relations.to_dict(),
            "documents": self.n_documents,
            "missing_predictions": list(self.missing_predictions),
            "unmatched_predictions": list(self.unmatched_predictions),
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


def evaluate(gold: Iterable[Document], pred: Iterable[Document]) -> EvaluationReport:
    """Score predicted documents against gold documents (matched by ``id``)."""
    gold = list(gold)
    pred_by_id = {d.id: d for d in pred}
    gold_ids = {d.id for d in gold}
    ent_counts, rel_counts, missing = [], [], []
    for g in gold:
        p = pred_by_id.get(g.id)
        if p is None:
            missing.append(g.id)
            p = Document(id=g.id, text=g.text, lang=g.lang)
        lang = g.lang or p.lang or UNKNOWN_LANG
        ent_counts.append((lang, _count(entity_keys(g), entity_keys(p), lambda k: k[2])))
        rel_counts.append((lang, _count(relation_keys(g), relation_keys(p), lambda k: k[0])))
    return EvaluationReport(
        entities=_scores(ent_counts),
        relations=_scores(rel_counts),
        n_documents=len(gold),
        missing_predictions=tuple(missing),
        unmatched_predictions=tuple(sorted(set(pred_by_id) - gold_ids)),
    )
