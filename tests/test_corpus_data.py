"""The committed training corpus: built from its specs, split by story, and as large as promised."""

from collections import Counter
from pathlib import Path

import pytest

from borderie import read_jsonl
from borderie.convert.spec import compile_specs
from borderie.corpus import SPLITS, STORY_SHINGLES, read_splits, split_leaks
from borderie.schema import ENTITY_LABELS, RELATION_LABELS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "data" / "all.jsonl").exists(), reason="corpus not built")


@pytest.fixture(scope="module")
def built():
    return read_jsonl(CORPUS / "data" / "all.jsonl")


def test_jsonl_is_up_to_date_with_the_specs(built):
    docs, warnings = compile_specs([CORPUS / "articles"])
    assert warnings == []
    assert [d.to_dict() for d in docs] == [d.to_dict() for d in built], \
        "corpus/data is stale: run `borderie corpus build corpus/articles -o corpus/data --splits corpus/splits.json`"


def test_splits_partition_the_articles(built):
    assignment = read_splits(CORPUS / "splits.json")
    assert set(assignment) == {d.id for d in built}
    seen = []
    for split in SPLITS:
        part = read_jsonl(CORPUS / "data" / f"{split}.jsonl")
        assert {d.id for d in part} == {k for k, v in assignment.items() if v == split}
        seen += [d.id for d in part]
    assert sorted(seen) == sorted(d.id for d in built)
    test_langs = Counter(d.lang for d in built if assignment[d.id] == "test")
    assert test_langs["fr"] >= 5 and test_langs["en"] >= 5 and test_langs["vi"] >= 2


def test_no_story_crosses_splits(built):
    assignment = read_splits(CORPUS / "splits.json")
    stories: dict[str, set[str]] = {}
    for d in built:
        if d.meta.get("story"):
            stories.setdefault(d.meta["story"], set()).add(assignment[d.id])
    assert all(len(splits) == 1 for splits in stories.values())
    leaks = split_leaks(built, assignment)
    assert not leaks or leaks[0][2] < STORY_SHINGLES, leaks[:5]


def test_size_and_label_quotas(built):
    langs = Counter(d.lang for d in built)
    assert len(built) >= 205 and langs["fr"] >= 85 and langs["en"] >= 85 and langs["vi"] >= 22
    for d in built:
        assert 150 <= len(d.text.split()) <= 1200, d.id
    entities = Counter((e.label, d.lang) for d in built for e in d.entities)
    relations = Counter((r.label, d.lang) for d in built for r in d.relations)
    for label in ENTITY_LABELS:
        assert sum(entities[label, lang] for lang in langs) >= 150, label
        assert entities[label, "fr"] > 0 and entities[label, "en"] > 0, label
    for label in RELATION_LABELS:
        assert sum(relations[label, lang] for lang in langs) >= 60, label
        assert relations[label, "fr"] > 0 and relations[label, "en"] > 0, label
