from collections import Counter

import pytest

from borderie import Document, Entity, UsageError
from borderie.corpus import STORY_SHINGLES, agreement, assign_splits, corpus_stats, split_leaks, story_groups


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


def test_splits_keep_stories_together_and_leak_nothing():
    base = ("The two sides inspected the markers along the river and agreed to exchange information on drug "
            "trafficking, illegal migration and smuggling every month in {place} this spring")
    places = ["Lao Cai", "Ha Giang", "Lai Chau"]           # under STOCK_PHRASE_DOCS: a template, not stock
    docs = [Document(f"t{i:02d}", base.format(place=p) + f" number {i}.", lang="en", meta={"border": "CN"})
            for i, p in enumerate(places)]                   # one template: one story
    docs += [make(100 + i, "en", "CN") for i in range(20)]   # short unrelated articles
    docs += [Document("s1", "Lao Cai borders Yunnan.", lang="fr", meta={"border": "CN", "story": "x"}),
             Document("s2", "Yunnan borders Lao Cai.", lang="en", meta={"border": "CN", "story": "x"})]
    groups = story_groups(docs)
    assert sorted(d.id for d in next(g for g in groups if docs[0] in g)) == ["t00", "t01", "t02"]
    split = assign_splits(docs, {"t00": "test", "t01": "dev", "t02": "dev"})
    assert {split[f"t{i:02d}"] for i in range(3)} == {"dev"}   # the story joins the split most of it was in
    assert split["s1"] == split["s2"]
    assert split_leaks(docs, split) == []
    leaks = split_leaks(docs, {**split, "t00": "test"})
    assert leaks and leaks[0][0] == "t00" and leaks[0][2] >= STORY_SHINGLES


def test_realism_figures():
    from borderie.corpus import diacritic_style, realism

    def doc(text, *spans, id="r"):
        ents = tuple(Entity(text.index(s), text.index(s) + len(s), label, s) for s, label in spans)
        return Document(id, text, lang="fr", entities=ents)

    full = doc("Điện Biên et Phongsaly. Rien ici.", ("Điện Biên", "LOC"), ("Phongsaly", "LOC"))
    press = doc("Diên Biên partage 240km de frontière.", ("Diên Biên", "LOC"), ("240km", "QUANTITY"))
    plain = doc("Dien Bien partage 240 km.", ("Dien Bien", "LOC"), ("240 km", "QUANTITY"))
    assert [diacritic_style(d) for d in (full, press, plain)] == ["full", "press", "none"]
    r = realism([full, press, plain])
    assert r["articles"] == 3 and r["names_full"] == r["names_press"] == r["names_none"] == 1 / 3
    assert r["quantities_glued"] == 0.5
    assert r["sentences_without_entity"] == 0.25       # "Rien ici." of four sentences
    assert abs(r["entities_per_1000_chars"] - 1000 * 6 / sum(len(d.text) for d in (full, press, plain))) < 1e-9
