"""Tiny, randomly initialised models for tests and quick experiments.

:func:`train_tiny_tokenizer` trains a small SentencePiece unigram model on
some texts (ids laid out like XLM-R: ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2,
``<unk>`` 3); :func:`tiny_extractor` puts a small random BERT under the
heads. Both run in about a second; their predictions are meaningless until
trained.
"""

from __future__ import annotations

import io
from typing import Iterable

import sentencepiece as spm

from ..encoder.tokenizer import SubwordTokenizer
from .config import ModelConfig
from .pipeline import Extractor


def train_tiny_tokenizer(texts: Iterable[str], *, vocab_size: int = 600) -> SubwordTokenizer:
    """A small unigram SentencePiece tokenizer trained on ``texts`` (with ``nmt_nfkc`` normalisation)."""
    buffer = io.BytesIO()
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=buffer, vocab_size=vocab_size, model_type="unigram",
        bos_id=0, pad_id=1, eos_id=2, unk_id=3, character_coverage=1.0, hard_vocab_limit=False,
        normalization_rule_name="nmt_nfkc", minloglevel=2, num_threads=1,
    )
    return SubwordTokenizer(buffer.getvalue())


def tiny_config(tokenizer: SubwordTokenizer, *, hidden: int = 32, layers: int = 2, heads: int = 2,
                max_length: int = 64, stride: int = 16, **overrides) -> ModelConfig:
    """A :class:`ModelConfig` for a small BERT sized for ``tokenizer`` (no base encoder)."""
    encoder = dict(vocab_size=tokenizer.vocab_size, hidden_size=hidden, num_hidden_layers=layers,
                   num_attention_heads=heads, intermediate_size=2 * hidden, max_position_embeddings=max_length,
                   type_vocab_size=2, pad_token_id=tokenizer.pad_id, hidden_dropout_prob=0.0,
                   attention_probs_dropout_prob=0.0)
    options = dict(max_length=max_length, stride=stride, type_dim=8, relation_hidden=32, dropout=0.0)
    options.update(overrides)
    return ModelConfig(encoder=encoder, base=None, **options)


def tiny_extractor(texts: Iterable[str], *, seed: int = 0, vocab_size: int = 600, **config_options) -> Extractor:
    """A random tiny :class:`Extractor` with a tokenizer trained on ``texts``."""
    tokenizer = train_tiny_tokenizer(texts, vocab_size=vocab_size)
    return Extractor.from_config(tiny_config(tokenizer, **config_options), tokenizer, seed=seed)
