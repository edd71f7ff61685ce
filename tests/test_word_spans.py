"""Spans on word boundaries: the ``"word"`` aggregation never starts or ends an entity inside a word."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from borderie import read_jsonl
from borderie.encoder.tokenizer import SubwordTokenizer
from borderie.model import DEFAULT_MODEL_DIR
from borderie.model.tags import bio_tags, tags_to_spans, transition_mask, viterbi, word_ids, word_path
from borderie.model.tiny import tiny_extractor
from borderie.schema import ENTITY_LABELS

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "seeds" / "gold.jsonl"

TAGS = bio_tags(ENTITY_LABELS)
ALLOWED, FIRST = transition_mask(TAGS)


def cuts(text: str, spans) -> list[str]:
    """The spans that start or end between two letters or digits."""
    def inside(i: int) -> bool:
        return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()
    return [text[s:e] for s, e in spans if inside(s) or inside(e)]


@pytest.fixture(scope="module")
def tokenizer() -> SubwordTokenizer:
    return SubwordTokenizer.from_file(DEFAULT_MODEL_DIR / "tokenizer.model")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    docs = read_jsonl(GOLD) + read_jsonl(ROOT / "corpus" / "data" / "dev.jsonl")
    return [d.text for d in docs]


def decode(text: str, tokenizer: SubwordTokenizer, rng: np.random.Generator, policy: str):
    toks = tokenizer.tokenize(text)
    content = [i for i in range(len(toks)) if toks.starts[i] < toks.ends[i]]
    starts = [toks.starts[i] for i in content]
    ends = [toks.ends[i] for i in content]
    # random scores that favour entities, so that many spans are decoded
    log_probs = np.log(rng.dirichlet(np.full(len(TAGS), 0.3), size=len(content)))
    if policy == "word":
        path = word_path(log_probs, word_ids(text, starts, ends), TAGS, ALLOWED, FIRST)
    else:
        path = viterbi(log_probs, ALLOWED, FIRST)
    return [(starts[f], ends[l]) for f, l, _ in tags_to_spans(path, TAGS)]


def test_word_ids_glue_pieces_of_one_word():
    text = "la gendarmerie, 240km et Vietnam-Laos"
    starts = [0, 3, 9, 14, 16, 19, 22, 25, 32, 33]
    ends = [2, 9, 14, 15, 19, 21, 24, 32, 33, 37]
    assert [text[s:e] for s, e in zip(starts, ends)] == \
        ["la", "gendar", "merie", ",", "240", "km", "et", "Vietnam", "-", "Laos"]
    assert word_ids(text, starts, ends) == [0, 1, 1, 2, 3, 3, 4, 5, 6, 7]


def test_word_ids_keep_combining_marks_with_their_letter():
    # decomposed Vietnamese: the dot below and the acute accent are pieces of their own
    text = "Die\u0323n Bie\u0302n district\u0301 x"
    starts = [0, 3, 4, 6, 9, 10, 12, 20, 22]
    ends = [3, 4, 5, 9, 10, 11, 20, 21, 23]
    assert [text[s:e] for s, e in zip(starts, ends)] == \
        ["Die", "\u0323", "n", "Bie", "\u0302", "n", "district", "\u0301", "x"]
    assert word_ids(text, starts, ends) == [0, 0, 0, 1, 1, 1, 2, 2, 3]


def test_word_path_decides_a_word_as_a_whole():
    words = [0, 0]
    log_probs = np.full((2, len(TAGS)), np.log(1e-3))
    log_probs[0, TAGS.index("B-ORG")] = np.log(0.9)   # the first piece looks like a name...
    log_probs[1, TAGS.index("O")] = np.log(0.9)       # ...the second does not
    piece = tags_to_spans(viterbi(log_probs, ALLOWED, FIRST), TAGS)
    assert piece == [(0, 0, "ORG")]                   # piece by piece: "gendar" alone
    whole = [TAGS[t] for t in word_path(log_probs, words, TAGS, ALLOWED, FIRST)]
    assert whole in (["O", "O"], ["B-ORG", "I-ORG"])  # one decision for both pieces: whole or nothing


def test_random_scores_over_real_tokenisation_never_cut_a_word(tokenizer, texts):
    rng = np.random.default_rng(7)
    n_spans = 0
    for text in texts:
        spans = decode(text, tokenizer, rng, "word")
        n_spans += len(spans)
        assert not cuts(text, spans)
    assert n_spans > 1000


def test_piece_policy_does_cut_words(tokenizer, texts):
    """The check above can fail: the same random scores decoded piece by piece cut words."""
    rng = np.random.default_rng(7)
    assert any(cuts(text, decode(text, tokenizer, rng, "piece")) for text in texts[:5])


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aáăâđêôơưệộửAĐEkmn0123456789 -.,'’()\n")), min_size=1, max_size=120),
       st.integers(0, 2**32 - 1))
def test_random_text_never_cut(tokenizer, text, seed):
    spans = decode(text, tokenizer, np.random.default_rng(seed), "word")
    assert not cuts(text, spans)


def test_pipeline_spans_sit_on_word_boundaries(texts):
    nlp = tiny_extractor(texts[:20], seed=3)
    assert nlp.aggregation == "word"
    docs = list(nlp.pipe(texts[:8]))
    spans = [(e.start, e.end) for d in docs for e in d.entities]
    assert spans
    for doc in docs:
        assert not cuts(doc.text, [(e.start, e.end) for e in doc.entities])


@pytest.mark.parametrize("text, span, label, expected", [
    ("on March 26 night, they", "March 26 night", "DATE", "March 26"),
    ("le 7 novembre au soir.", "7 novembre au soir", "DATE", "7 novembre"),
    ("a bridge 2.8 km long", "2.8 km long", "QUANTITY", "2.8 km"),
    ("la paire de postes-frontières Huu Nghi - Youyi Guan", "paire de postes-frontières Huu Nghi - Youyi Guan",
     "FAC", "postes-frontières Huu Nghi - Youyi Guan"),
    ("the Ta Lung - Shuikou pair of border gates", "Ta Lung - Shuikou pair of border gates", "FAC",
     "Ta Lung - Shuikou pair of border gates"),
    ("a night patrol", "night", "DATE", "night"),
])
def test_label_words_left_outside(text, span, label, expected):
    from borderie.model.tags import trim_label_words

    start = text.index(span)
    s, e = trim_label_words(text, start, start + len(span), label)
    assert text[s:e] == expected
