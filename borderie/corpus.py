"""Corpus bookkeeping: train/dev/test splits, statistics for the data card, inter-annotator agreement.

Splits are made by story and stratified by language and border. A story is
the set of articles that report one event (the same ``story:`` header) or
share text: articles with at least :data:`STORY_SHINGLES` 8-word sequences in
common (a template, a copied paragraph, the same facts retold) are one
story, so no event, template or fact is shared across train, dev and test
(:func:`split_leaks` measures it). Sequences found in :data:`STOCK_PHRASE_DOCS`
articles or more are stock phrases of the genre (``the Vietnam-Laos Treaty of
Amity and Cooperation``, ``a border of peace, friendship, cooperation and
development``) and do not make a story. Splits are recorded in a JSON file
(``{"doc id": "train" | "dev" | "test"}``). An assigned article keeps its
split unless its story was assigned elsewhere (then the whole story follows
the split most of its assigned articles are in); new stories go to the split
furthest below its target share within their (language, border) group, ties
broken by a hash of the first id, so the assignment is reproducible.
"""

from __future__ import annotations

import hashlib
import re
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
from .text.fold import fold_words

SPLITS: tuple[str, ...] = ("train", "dev", "test")
DEFAULT_SHARES: Mapping[str, float] = {"train": 0.70, "dev": 0.15, "test": 0.15}


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def group_of(doc: Document) -> tuple[str, str]:
    """The stratum of an article: its language and border (``meta['border']``)."""
    return (doc.lang or "?", str(doc.meta.get("border", "?")))


SHINGLE_WORDS = 8
STORY_SHINGLES = 4
"""Articles sharing at least this many 8-word sequences (folded), stock phrases aside, are one story."""
STOCK_PHRASE_DOCS = 4
"""An 8-word sequence found in this many articles or more is a stock phrase, not a shared story."""


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The ``n``-word sequences of ``text`` (folded: no case, diacritics or punctuation)."""
    words = fold_words(text).split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def story_groups(docs: Sequence[Document], min_shared: int = STORY_SHINGLES) -> list[list[Document]]:
    """Articles grouped by story: the same ``meta['story']``, or ``min_shared`` shared 8-word sequences."""
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_story: dict[str, int] = {}
    for i, doc in enumerate(docs):
        story = doc.meta.get("story")
        if story:
            join(i, by_story.setdefault(str(story), i))
    for i, j, _ in shared_shingles(docs, min_shared, stock=STOCK_PHRASE_DOCS):
        join(i, j)
    groups: dict[int, list[Document]] = defaultdict(list)
    for i, doc in enumerate(docs):
        groups[find(i)].append(doc)
    return sorted(groups.values(), key=lambda g: min(d.id for d in g))


def shared_shingles(docs: Sequence[Document], min_shared: int = 1, *, stock: int | None = None
                    ) -> list[tuple[int, int, int]]:
    """``(i, j, n)`` for every pair of documents sharing ``n >= min_shared`` 8-word sequences.

    With ``stock``, sequences found in ``stock`` documents or more are not counted.
    """
    owners: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for sh in shingles(doc.text):
            owners[sh].append(i)
    pairs: Counter = Counter()
    for members in owners.values():
        if stock is not None and len(members) >= stock:
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs[(members[a], members[b])] += 1
    return sorted((i, j, n) for (i, j), n in pairs.items() if n >= min_shared)


def split_leaks(docs: Sequence[Document], assignment: Mapping[str, str], *, stock: int | None = STOCK_PHRASE_DOCS
                ) -> list[tuple[str, str, int]]:
    """``(id, id, n)`` for articles in different splits that share ``n`` 8-word sequences (stock phrases
    aside unless ``stock=None``), most first."""
    out = [(docs[i].id, docs[j].id, n) for i, j, n in shared_shingles(docs, stock=stock)
           if assignment.get(docs[i].id) != assignment.get(docs[j].id)]
    return sorted(out, key=lambda x: (-x[2], x[0], x[1]))


def assign_splits(docs: Sequence[Document], existing: Mapping[str, str] | None = None,
                  shares: Mapping[str, float] = DEFAULT_SHARES, *,
                  min_shared: int = STORY_SHINGLES) -> dict[str, str]:
    """A split for every document, whole stories at a time (:func:`story_groups`).

    Assignments in ``existing`` are kept, except that a story whose articles
    were assigned to different splits is brought together in the split most
    of them are in (ties: train before dev before test).
    """
    existing = dict(existing or {})
    bad = {k: v for k, v in existing.items() if v not in SPLITS}
    if bad:
        raise UsageError(f"unknown split name(s) in the split file: {bad}")
    known = {d.id for d in docs}
    assignment = {k: v for k, v in existing.items() if k not in known}
    strata: dict[tuple[str, str], list[list[Document]]] = defaultdict(list)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for story in story_groups(docs, min_shared):
        stratum = group_of(story[0])
        held = Counter(existing[d.id] for d in story if d.id in existing)
        if held:
            split = max(SPLITS, key=lambda s: (held[s], -SPLITS.index(s)))
            for d in story:
                assignment[d.id] = split
            counts[stratum][split] += len(story)
        else:
            strata[stratum].append(story)
    for stratum, stories in strata.items():
        done = counts[stratum]
        for story in sorted(stories, key=lambda g: _hash(min(d.id for d in g))):
            total = sum(done.values()) + len(story)
            # the split whose share would be furthest below target after adding the story
            split = max(SPLITS, key=lambda s: (shares[s] * total - done[s], shares[s]))
            for d in story:
                assignment[d.id] = split
            done[split] += len(story)
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


def diacritic_style(doc: Document) -> str:
    """How an article writes Vietnamese names: ``"full"`` (a letter French never writes: ệ, ơ, đ…), ``"press"``
    (the French press: accents French shares, ê, â, ô, à, without Vietnamese tone marks) or ``"none"`` (plain
    ASCII); read from its PER and LOC mentions."""
    from .augment.diacritics import has_vietnamese_letter

    words = [w for e in doc.entities if e.label in ("PER", "LOC") for w in e.text.split()]
    if any(has_vietnamese_letter(w) for w in words):
        return "full"
    return "press" if any(not w.isascii() for w in words) else "none"


_GLUED_QUANTITY = re.compile(r"\d[-‑]?[^\W\d_]")


def realism(docs: Sequence[Document]) -> dict[str, float]:
    """Figures that say how much a set of articles reads like the news (for the data card).

    Entities and relations per 1,000 characters, the share of sentences with no entity and of sentences over
    40 words, the share of articles per diacritic style (:func:`diacritic_style`) and of QUANTITY mentions
    written glued or hyphenated (``240km``, ``1,258-km``).
    """
    from .sentences import split_sentences

    chars = sum(len(d.text) for d in docs)
    n_sent = empty = long = 0
    for d in docs:
        starts = sorted(e.start for e in d.entities)
        for s in split_sentences(d.text):
            n_sent += 1
            long += len(d.text[s.start:s.end].split()) > 40
            empty += not any(s.start <= x < s.end for x in starts)
    styles = Counter(diacritic_style(d) for d in docs)
    quantities = [e.text for d in docs for e in d.entities if e.label == "QUANTITY"]
    return {
        "articles": len(docs),
        "entities_per_1000_chars": 1000 * sum(len(d.entities) for d in docs) / max(chars, 1),
        "relations_per_1000_chars": 1000 * sum(len(d.relations) for d in docs) / max(chars, 1),
        "sentences_without_entity": empty / max(n_sent, 1),
        "sentences_over_40_words": long / max(n_sent, 1),
        **{f"names_{k}": styles[k] / max(len(docs), 1) for k in ("full", "press", "none")},
        "quantities_glued": sum(bool(_GLUED_QUANTITY.search(q)) for q in quantities) / max(len(quantities), 1),
    }
