from collections import Counter

import pytest

from borderie import Document, Entity, UsageError
from borderie.corpus import agreement, assign_splits, corpus_stats


def make(i, lang, border):
    return Document(f"d{i:03d}", "Lao Cai borders Yunnan.", lang=lang, meta={"border": border},
                    entities=(Entity(0, 7, "LOC", "Lao Cai"),))


def test_splits_are_stratified_and_stable():
    docs = [make(i, lang, border) for i, (lang, border) in
            enumerate((l, b) for l in ("fr", "en") for b in ("LA", "CN", "KH") for _ in range(20))]
    first = assign_splits(docs)
    assert set(first) == {d.id for d in docs}
    for lang in ("fr", "en"):
        for border in ("LA", "CN", "KH"):
            counts = Counter(first[d.id] for d in docs if d.lang == lang and d.meta["border"] == border)
            assert counts == {"train": 14, "dev": 3, "test": 3}
    assert assign_splits(list(reversed(docs))) == first  # order does not matter
    more = docs + [make(100 + i, "fr", "LA") for i in range(5)]
    second = assign_splits(more, first)
    assert all(second[k] == v for k, v in first.items())  # nothing moves
    with pytest.raises(UsageError):
        assign_splits(docs, {"d000": "validation"})


def test_stats_count_per_label_and_language(gold_docs):
    stats = corpus_stats(gold_docs)
    assert stats.documents == {"fr": 2, "en": 3}
    assert sum(sum(c.values()) for c in stats.entities.values()) == 217
    assert sum(sum(c.values()) for c in stats.relations.values()) == 138
    assert stats.entities["QUANTITY"]["fr"] == 2
    assert "| LOC |" in stats.to_markdown()


def test_agreement(gold_docs):
    assert agreement(gold_docs, gold_docs).entities.micro.f1 == 1.0
    half = [Document(d.id, d.text, d.lang, entities=d.entities[: len(d.entities) // 2]) for d in gold_docs]
    report = agreement(gold_docs, half)
    assert 0 < report.entities.micro.f1 < 1 and report.entities.micro.fp == 0
    with pytest.raises(UsageError):
        agreement(gold_docs, [make(1, "fr", "LA")])
