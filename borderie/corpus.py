"""Corpus bookkeeping: train/dev/test splits, statistics for the data card, inter-annotator agreement.

Splits are made by article and stratified by language and border. They are
recorded in a JSON file (``{"doc id": "train" | "dev" | "test"}``) so that an
article never changes split once assigned: new articles are added to the
split furthest below its target share within their (language, border) group,
ties broken by a hash of the id, so the assignment is reproducible.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .document import Document
from .errors import UsageError
from .evaluate import EvaluationReport, evaluate
from .io import atomic_write_text
from .schema import ENTITY_LABELS, RELATION_LABELS

SPLITS: tuple[str, ...] = ("train", "dev", "test")
DEFAULT_SHARES: Mapping[str, float] = {"train": 0.70, "dev": 0.15, "test": 0.15}


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def group_of(doc: Document) -> tuple[str, str]:
    """The stratum of an article: its language and border (``meta['border']``)."""
    return (doc.lang or "?", str(doc.meta.get("border", "?")))


def assign_splits(docs: Sequence[Document], existing: Mapping[str, str] | None = None,
                  shares: Mapping[str, float] = DEFAULT_SHARES) -> dict[str, str]:
    """A split for every document, keeping every assignment in ``existing``."""
    assignment = dict(existing or {})
    bad = {k: v for k, v in assignment.items() if v not in SPLITS}
    if bad:
        raise UsageError(f"unknown split name(s) in the split file: {bad}")
    groups: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for doc in docs:
        groups[group_of(doc)].append(doc)
    for members in groups.values():
        counts = Counter(assignment[d.id] for d in members if d.id in assignment)
        for doc in sorted((d for d in members if d.id not in assignment), key=lambda d: _hash(d.id)):
            total = sum(counts.values()) + 1
            # the split whose share would be furthest below target after adding one
            split = max(SPLITS, key=lambda s: (shares[s] * total - counts[s], shares[s]))
            assignment[doc.id] = split
            counts[split] += 1
    return assignment


def read_splits(path: str | Path) -> dict[str, str]:
    path = Path(path)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_splits(assignment: Mapping[str, str], path: str | Path) -> None:
    atomic_write_text(path, [json.dumps(dict(sorted(assignment.items())), indent=1, ensure_ascii=False) + "\n"])


@dataclass(frozen=True)
class CorpusStats:
    documents: Counter
    words: Counter
    entities: Mapping[str, Counter]   # label -> Counter(lang)
    relations: Mapping[str, Counter]  # label -> Counter(lang)
    borders: Counter

    def to_markdown(self) -> str:
        langs = sorted(self.documents)
        head = "| label | " + " | ".join(langs) + " | total |\n|---|" + "---|" * (len(langs) + 1)

        def rows(table: Mapping[str, Counter], labels: Iterable[str]) -> str:
            return "\n".join(f"| {lab} | " + " | ".join(str(table[lab][lg]) for lg in langs)
                             + f" | {sum(table[lab].values())} |" for lab in labels)

        return "\n".join([
            "| | " + " | ".join(langs) + " | total |", "|---|" + "---|" * (len(langs) + 1),
            "| articles | " + " | ".join(str(self.documents[lg]) for lg in langs) + f" | {sum(self.documents.values())} |",
            "| words | " + " | ".join(str(self.words[lg]) for lg in langs) + f" | {sum(self.words.values())} |",
            "", "Entities", "", head, rows(self.entities, ENTITY_LABELS),
            "", "Relations", "", head, rows(self.relations, RELATION_LABELS),
            "", "Articles per border: " + ", ".join(f"{b} {n}" for b, n in sorted(self.borders.items())),
        ])


def corpus_stats(docs: Iterable[Document]) -> CorpusStats:
    documents, words, borders = Counter(), Counter(), Counter()
    entities: dict[str, Counter] = {label: Counter() for label in ENTITY_LABELS}
    relations: dict[str, Counter] = {label: Counter() for label in RELATION_LABELS}
    for doc in docs:
        lang = doc.lang or "?"
        documents[lang] += 1
        words[lang] += len(doc.text.split())
        borders[str(doc.meta.get("border", "?"))] += 1
        for e in doc.entities:
            entities[e.label][lang] += 1
        for r in doc.relations:
            relations[r.label][lang] += 1
    return CorpusStats(documents, words, entities, relations, borders)


def agreement(first: Sequence[Document], second: Sequence[Document]) -> EvaluationReport:
    """Entity and relation agreement between two annotation passes of the same articles.

    F1 is symmetric, so which pass plays the gold does not change it; only
    the articles present in both passes are compared.
    """
    common = {d.id for d in first} & {d.id for d in second}
    if not common:
        raise UsageError("the two annotation passes share no document id")
    return evaluate([d for d in first if d.id in common], [d for d in second if d.id in common])
