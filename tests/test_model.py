"""The extraction model on a tiny random encoder: windowing, decoding, offsets, save/load, errors."""

from __future__ import annotations

import json
import re
import unicodedata

import numpy as np
import pytest
import torch

from borderie.document import Document
from borderie.errors import ModelLoadError, UsageError
from borderie.model import Extractor, ModelConfig, load
from borderie.model.config import CONFIG_FILENAME, WEIGHTS_FILENAME
from borderie.model.features import piece_range
from borderie.model.pairs import RELATION_CLASSES, candidate_pairs, class_mask, distance_bucket
from borderie.model.tags import (bio_tags, mergeable, split_at_line_breaks, tag_ids_for, tags_to_spans,
                                 transition_mask, trim_designator, trim_span, viterbi)
from borderie.model.tiny import tiny_config, tiny_extractor, train_tiny_tokenizer
from borderie.model.windows import assign_pieces, plan_windows
from borderie.schema import ENTITY_LABELS, RELATION_TYPES, relation_allowed


@pytest.fixture(scope="module")
def texts(gold_docs):
    return [d.text for d in gold_docs]


@pytest.fixture(scope="module")
def nlp(texts):
    return tiny_extractor(texts, max_length=48, stride=12)


# -- windows -----------------------------------------------------------------------
@pytest.mark.parametrize("n,size,stride", [(0, 10, 2), (5, 10, 2), (10, 10, 3), (11, 10, 3), (100, 30, 8), (257, 62, 16)])
def test_windows_cover_every_piece_once_with_overlap(n, size, stride):
    windows = plan_windows(n, size, stride)
    assert windows[0][0] == 0 and windows[-1][1] == n
    assert all(b - a <= size for a, b in windows)
    for (a0, b0), (a1, b1) in zip(windows, windows[1:]):
        assert b0 - a1 == stride  # neighbours share exactly `stride` pieces
    assignment = assign_pieces(windows, n)
    assert len(assignment) == n
    for i, (w, pos) in enumerate(assignment):
        a, b = windows[w]
        assert a + pos == i and a <= i < b
        # no other window gives this piece strictly more context on its poorer side
        best = max(min(i - s, e - 1 - i) for s, e in windows if s <= i < e)
        assert min(i - a, b - 1 - i) == best


def test_window_arguments_are_checked():
    with pytest.raises(ValueError):
        plan_windows(10, 5, 5)
    with pytest.raises(ValueError):
        ModelConfig(encoder={"hidden_size": 8}, max_length=16, stride=14)


# -- tags -----------------------------------------------------------------------------
def test_bio_round_trip_on_gold(gold_docs, nlp):
    tags = bio_tags(ENTITY_LABELS)
    for doc in gold_docs:
        tokens = nlp.tokenizer.tokenize(doc.text)
        ids = tag_ids_for(tokens, [(e.start, e.end, e.label) for e in doc.entities], ENTITY_LABELS)
        content = [i for i in range(len(tokens)) if ids[i] != -100]
        decoded = set()
        for first, last, label in tags_to_spans([ids[i] for i in content], tags):
            start, end = trim_span(doc.text, tokens.starts[content[first]], tokens.ends[content[last]])
            decoded.add((start, end, label))
        gold = {(e.start, e.end, e.label) for e in doc.entities}
        # every gold entity comes back exactly unless the tiny tokenizer glues it to a neighbour word
        assert len(gold & decoded) >= 0.9 * len(gold), doc.id


def test_viterbi_never_starts_inside_an_entity():
    tags = bio_tags(["PER", "LOC"])
    allowed, first = transition_mask(tags)
    # raw argmax would be I-PER, I-LOC, B-LOC, O: invalid twice
    scores = np.log(np.array([
        [0.1, 0.2, 0.5, 0.1, 0.1],
        [0.1, 0.1, 0.1, 0.2, 0.5],
        [0.1, 0.1, 0.1, 0.6, 0.1],
        [0.7, 0.1, 0.1, 0.05, 0.05],
    ]))
    path = viterbi(scores, allowed, first)
    names = [tags[i] for i in path]
    assert names[0] != "I-PER" and not (names[1] == "I-LOC" and names[0] not in ("B-LOC", "I-LOC"))
    for prev, cur in zip(names, names[1:]):
        if cur.startswith("I-"):
            assert prev[2:] == cur[2:]
    assert tags_to_spans(path, tags)


@pytest.mark.parametrize("text,expected", [
    ("October 15.", "October 15"), ("2013,", "2013"), ("«Hanoi»", "Hanoi"), ("(VNA)", "(VNA)"),
    ("Lao Cai Co.", "Lao Cai Co."), ("N°87)", "N°87"), (" Laos ", "Laos"),
    ("Wednesday (", "Wednesday"), ("Vietnam-", "Vietnam"), ("Secretary of the", "Secretary"),
    ("Hong Ha and", "Hong Ha"), ("Comité populaire de", "Comité populaire"), ("Nghệ An", "Nghệ An"),
    ("Sơn La", "Sơn La"), ("the agreement", "the agreement"), ("Vietnam-Laos", "Vietnam-Laos"),
])
def test_trim_span(text, expected):
    s, e = trim_span(text, 0, len(text))
    assert text[s:e] == expected


@pytest.mark.parametrize("text,label,expected", [
    ("Điện Biên Province", "LOC", "Điện Biên"), ("Điện Biên Phủ City", "LOC", "Điện Biên Phủ"),
    ("Province", "LOC", "Province"), ("Red River", "LOC", "Red River"),
    ("Yunnan Province Border Guard", "ORG", "Yunnan Province Border Guard"),
    ("Lao Cai Province", "ORG", "Lao Cai Province"),
])
def test_trim_designator_only_for_loc(text, label, expected):
    s, e = trim_designator(text, 0, len(text), label)
    assert text[s:e] == expected


def test_line_breaks_split_a_span_and_spaces_merge_neighbours():
    text = "Trần Dũng\n\n\xa0\n\nThu Hằng, Chinese Ministry"
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    starts, ends = [s for s, _ in words], [e for _, e in words]
    assert split_at_line_breaks(text, starts, ends, 0, 3) == [(0, 1), (2, 3)]
    assert split_at_line_breaks(text, starts, ends, 0, 1) == [(0, 1)]
    assert mergeable(text, ends[4], starts[5])          # "Chinese" + "Ministry"
    assert not mergeable(text, ends[3], starts[4])      # "Hằng" , "Chinese"
    assert not mergeable(text, ends[1], starts[2])      # across the line break


def test_pipeline_never_returns_a_name_across_lines(nlp):
    doc = nlp("Photo: Trần Dũng\n\nThu Hằng\nLao Cai Province")
    assert all("\n" not in e.text and doc.text[e.start:e.end] == e.text for e in doc.entities)


# -- relation candidates -----------------------------------------------------------
def test_candidates_respect_type_rules_and_sentences():
    labels = ["PER", "TITLE", "LOC", "LOC", "DATE", "AGREEMENT"]
    starts = [0, 10, 20, 30, 40, 50]
    sentences = [0, 0, 0, 0, 1, 1]
    pairs = candidate_pairs(labels, starts, sentences)
    assert (0, 1) in pairs and (1, 0) not in pairs  # HAS_TITLE is PER -> TITLE only
    assert (2, 3) in pairs and (3, 2) in pairs      # LOCATED_IN either way, BORDERS in reading order
    assert (5, 4) in pairs and (4, 5) not in pairs  # SIGNED_ON: AGREEMENT -> DATE
    assert all(sentences[i] == sentences[j] for i, j in pairs)
    assert not class_mask("LOC", "LOC", False)[RELATION_CLASSES.index("BORDERS")]
    for head in ENTITY_LABELS:
        for tail in ENTITY_LABELS:
            mask = class_mask(head, tail, True)
            assert mask[0]
            for cls, ok in zip(RELATION_CLASSES[1:], mask[1:]):
                assert ok == relation_allowed(cls, head, tail)
    assert [distance_bucket(d, 6) for d in (0, 1, 2, 3, 4, 5, 9, 1000)] == [0, 1, 2, 3, 3, 4, 5, 5]


# -- inference ----------------------------------------------------------------------
def _check_offsets(doc: Document) -> None:
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text and e.text.strip() == e.text
    spans = sorted((e.start, e.end) for e in doc.entities)
    assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:]))
    for r in doc.relations:
        assert r.head in doc.entities and r.tail in doc.entities
        assert RELATION_TYPES[r.label].allows(r.head.label, r.tail.label)
        if RELATION_TYPES[r.label].symmetric:
            assert r.head.start < r.tail.start
        assert doc.sentence_of(r.head) == doc.sentence_of(r.tail)


def test_long_articles_are_windowed_and_offsets_stay_exact(nlp, gold_docs):
    doc = gold_docs[-1]
    assert len(nlp.tokenizer.tokenize(doc.text)) > 10 * nlp.config.max_length
    out = nlp(doc.text, lang="en", date="2025-10-16")
    assert out.lang == "en" and str(out.date) == "2025-10-16" and out.text == doc.text
    assert out.entities, "a random tagger still predicts something on a long text"
    _check_offsets(out)


def test_offsets_index_nfd_text_and_odd_whitespace(nlp, gold_docs):
    text = unicodedata.normalize("NFD", gold_docs[0].text).replace(" ", "  ", 20) + "\r\n\t"
    out = nlp(text)
    _check_offsets(out)


def test_pipe_equals_one_by_one_and_keeps_order(nlp, gold_docs):
    texts = [d.text for d in gold_docs] + ["", "Laos."]
    piped = list(nlp.pipe(texts, batch_size=3))
    single = [nlp(t) for t in texts]
    assert [d.text for d in piped] == texts
    for a, b in zip(piped, single):
        assert [(e.start, e.end, e.label) for e in a.entities] == [(e.start, e.end, e.label) for e in b.entities]
        assert a.id == b.id
    assert piped[len(gold_docs)].entities == ()
    kept = list(nlp.pipe(gold_docs[:2]))
    assert [d.id for d in kept] == [d.id for d in gold_docs[:2]]
    with pytest.raises(UsageError):
        list(nlp.pipe(["x"], batch_size=0))
    with pytest.raises(UsageError):
        list(nlp.pipe([42]))


# -- save / load --------------------------------------------------------------------
def test_save_and_load_round_trip(nlp, gold_docs, tmp_path):
    target = tmp_path / "tiny"
    nlp.save_pretrained(target)
    assert sorted(p.name for p in target.iterdir()) == ["README.md", "config.json", "model.safetensors", "tokenizer.model",
                                                         "tokenizer_config.json"]
    config = json.loads((target / CONFIG_FILENAME).read_text())
    assert config["schema_version"] == 1 and config["entity_labels"] == list(ENTITY_LABELS)
    assert config["base"] is None and config["library_version"]
    again = load(target, precision="float32")  # the same arithmetic as the model that was saved
    for a, b in zip(nlp.pipe(gold_docs), again.pipe(gold_docs)):
        assert a.to_dict() == b.to_dict()
    with pytest.raises(UsageError, match="overwrite"):
        nlp.save_pretrained(target)
    nlp.save_pretrained(target, overwrite=True)
    with pytest.raises(UsageError):
        nlp.save_pretrained(tmp_path / "delta", full=False)  # no base encoder to take a delta from


def test_bad_model_directories_fail_clearly(nlp, tmp_path):
    good = tmp_path / "good"
    nlp.save_pretrained(good)

    def broken(name, edit):
        d = tmp_path / name
        nlp.save_pretrained(d)
        edit(d)
        return d

    with pytest.raises(ModelLoadError, match="missing model.safetensors"):
        load(broken("nofile", lambda d: (d / WEIGHTS_FILENAME).unlink()))
    with pytest.raises(ModelLoadError, match="not a model directory"):
        load(tmp_path / "nowhere")

    def set_config(d, **changes):
        data = json.loads((d / CONFIG_FILENAME).read_text())
        data.update(changes)
        (d / CONFIG_FILENAME).write_text(json.dumps(data))

    with pytest.raises(ModelLoadError, match="schema version 99"):
        load(broken("schema", lambda d: set_config(d, schema_version=99)))
    with pytest.raises(ModelLoadError, match="entity_labels"):
        load(broken("labels", lambda d: set_config(d, entity_labels=["PER"])))
    with pytest.raises(ModelLoadError, match="shape"):
        load(broken("shape", lambda d: set_config(d, relation_hidden=7)))
    with pytest.raises(ModelLoadError, match="cannot read the model config"):
        load(broken("json", lambda d: (d / CONFIG_FILENAME).write_text("{not json")))


def test_default_model_missing_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("BORDERIE_MODEL", str(tmp_path / "absent"))
    with pytest.raises(ModelLoadError, match="no default model"):
        load()


def test_tokenizer_larger_than_encoder_is_refused(texts):
    tok = train_tiny_tokenizer(texts, vocab_size=600)
    cfg = tiny_config(tok)
    small = ModelConfig(encoder={**cfg.encoder, "vocab_size": 100}, max_length=cfg.max_length, stride=cfg.stride)
    with pytest.raises(UsageError):
        Extractor.from_config(small, tok)
