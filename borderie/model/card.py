"""What a model directory tells the Hugging Face world: card metadata and tokenizer settings.

* ``README.md`` starts with the model card's YAML metadata block (``license``,
  ``language``, ``library_name``, ``base_model``, ``pipeline_tag``, ``tags``),
  which the Hub reads to index and describe the model.
  :func:`with_metadata` puts the block at the top of an existing card
  (replacing an older one) and keeps the rest as written;
  :meth:`~borderie.model.Extractor.save_pretrained` does it for every model
  it saves, and writes a short card when there is none.
* ``tokenizer_config.json`` lets ``transformers.AutoTokenizer`` load
  ``tokenizer.model`` with the model's ids and special tokens
  (``<s> … </s>``, padding, mask). The SentencePiece model holds its pieces
  in model-id order, which ``AlbertTokenizer`` reads as they are, so that is
  the class named; lower-casing and accent stripping are turned off. With
  transformers 5 the ids equal :meth:`SubwordTokenizer.encode`'s (borderie
  never needs it: this is for other tools).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..encoder.tokenizer import SubwordTokenizer
from .config import ModelConfig

CARD_FILENAME = "README.md"
TOKENIZER_CONFIG_FILENAME = "tokenizer_config.json"
LANGUAGES = ("fr", "en", "vi")
"""Languages of the articles the shipped models are trained and measured on."""
LICENSE = "mit"
BASE_MODEL = "intfloat/multilingual-e5-small"
_BLOCK = re.compile(r"\A---\n.*?\n---\n+", re.DOTALL)


def card_metadata(config: ModelConfig) -> dict[str, Any]:
    """The metadata block of a model's card, as a dict (keys in the Hub's usual order)."""
    meta: dict[str, Any] = {"license": LICENSE, "language": list(LANGUAGES), "library_name": "borderie"}
    if config.base is not None:
        meta["base_model"] = BASE_MODEL
    meta["pipeline_tag"] = "token-classification"
    meta["tags"] = ["named-entity-recognition", "relation-extraction", "entity-linking", "news", "vietnam"]
    return meta


def metadata_block(config: ModelConfig) -> str:
    """The YAML block (between ``---`` lines) for :func:`card_metadata`."""
    lines = ["---"]
    for key, value in card_metadata(config).items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"- {item}" for item in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines + ["---", ""])


def with_metadata(card: str, config: ModelConfig) -> str:
    """``card`` with the metadata block at its top (an existing block is replaced)."""
    return metadata_block(config) + "\n" + _BLOCK.sub("", card, count=1)


def default_card(config: ModelConfig) -> str:
    """A short card for a model saved without one."""
    return (f"# borderie extraction model\n\nEntity tagging ({', '.join(config.entity_labels)}) and relation "
            f"classification ({', '.join(config.relation_labels)}) for news on Vietnam's borders, schema version "
            f"{config.schema_version}. Load it with `borderie.load(\"PATH\")`; `config.json` holds its settings.\n")


def tokenizer_config(tokenizer: SubwordTokenizer, config: ModelConfig) -> dict[str, Any]:
    """``tokenizer_config.json`` for ``AutoTokenizer`` (see the module docstring)."""
    piece = tokenizer.id_to_piece
    special = {"bos_token": piece(tokenizer.bos_id), "eos_token": piece(tokenizer.eos_id),
               "unk_token": piece(tokenizer.unk_id), "pad_token": piece(tokenizer.pad_id),
               "cls_token": piece(tokenizer.bos_id), "sep_token": piece(tokenizer.eos_id)}
    if tokenizer.vocab_size and piece(tokenizer.vocab_size - 1) == "<mask>":
        special["mask_token"] = "<mask>"
    return {"tokenizer_class": "AlbertTokenizer", "do_lower_case": False, "keep_accents": True,
            "remove_space": True, **special,
            "model_max_length": int(config.encoder.get("max_position_embeddings", config.max_length)),
            "clean_up_tokenization_spaces": False}


def tokenizer_config_json(tokenizer: SubwordTokenizer, config: ModelConfig) -> str:
    return json.dumps(tokenizer_config(tokenizer, config), indent=2, ensure_ascii=False) + "\n"
