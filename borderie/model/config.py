"""The configuration of an extraction model, stored as ``config.json`` in a model directory.

It records what a saved model needs to be rebuilt and what it promises:
the schema version and label sets it was trained for, the encoder
architecture, the base encoder it was fine-tuned from (``None`` for a model
trained from scratch, e.g. a tiny test model), windowing and head sizes, and
the borderie version that wrote it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Mapping

from ..errors import ModelLoadError
from ..schema import ENTITY_LABELS, NO_RELATION, RELATION_LABELS, SCHEMA_VERSION

CONFIG_FILENAME = "config.json"
WEIGHTS_FILENAME = "model.safetensors"
FORMAT_VERSION = 1
"""Version of the model-directory layout itself (files and their meaning)."""


def _library_version() -> str:
    from .. import __version__

    return __version__


@dataclass(frozen=True)
class ModelConfig:
    """Everything that defines an extraction model except its weights.

    ``encoder`` holds ``transformers.BertConfig`` keyword arguments; ``base``
    the :class:`borderie.encoder.BaseInfo` dict of the encoder the weights
    start from (``None``: no base, all weights stored in the directory).
    ``max_length`` is the window size in tokens (special tokens included) and
    ``stride`` the number of tokens consecutive windows share.
    ``relation_threshold`` is a decoding setting: a mention pair gets a
    relation when the probability that it holds one (``1 - p(no relation)``)
    reaches it, with the most probable label; ``None`` lets the most probable
    class win, "no relation" included (see :func:`borderie.model.pairs.select_relations`).
    """

    encoder: Mapping[str, Any]
    base: Mapping[str, str] | None = None
    entity_labels: tuple[str, ...] = ENTITY_LABELS
    relation_labels: tuple[str, ...] = RELATION_LABELS
    schema_version: int = SCHEMA_VERSION
    max_length: int = 256
    stride: int = 64
    type_dim: int = 32
    relation_hidden: int = 256
    distance_buckets: int = 12
    dropout: float = 0.1
    relation_threshold: float | None = None
    library_version: str = field(default_factory=_library_version)
    format_version: int = FORMAT_VERSION

    @property
    def relation_classes(self) -> tuple[str, ...]:
        """The relation head's output classes: "no relation", then :attr:`relation_labels`."""
        return (NO_RELATION, *self.relation_labels)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entity_labels", tuple(self.entity_labels))
        object.__setattr__(self, "relation_labels", tuple(self.relation_labels))
        object.__setattr__(self, "encoder", dict(self.encoder))
        if self.base is not None:
            object.__setattr__(self, "base", dict(self.base))
        if self.max_length < 8:
            raise ValueError(f"max_length must be at least 8 tokens, got {self.max_length}")
        if not 0 <= self.stride < self.max_length - 2:
            raise ValueError(f"stride must be in [0, max_length - 2), got {self.stride}")
        if self.relation_threshold is not None and not 0.0 < self.relation_threshold < 1.0:
            raise ValueError(f"relation_threshold must be in (0, 1) or None, got {self.relation_threshold}")
        positions = self.encoder.get("max_position_embeddings")
        if positions is not None and self.max_length > positions:
            raise ValueError(f"max_length {self.max_length} exceeds the encoder's {positions} positions")

    @property
    def hidden_size(self) -> int:
        return int(self.encoder["hidden_size"])

    def with_updates(self, **changes: Any) -> "ModelConfig":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["entity_labels"] = list(self.entity_labels)
        out["relation_labels"] = list(self.relation_labels)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "config") -> "ModelConfig":
        """Read a stored config, refusing ones made for another format or schema."""
        if not isinstance(data, Mapping):
            raise ModelLoadError(f"{where}: expected a JSON object")
        fmt = data.get("format_version")
        if fmt != FORMAT_VERSION:
            raise ModelLoadError(f"{where}: model format version {fmt!r}, this borderie reads {FORMAT_VERSION}")
        schema = data.get("schema_version")
        if schema != SCHEMA_VERSION:
            raise ModelLoadError(f"{where}: the model was trained for schema version {schema!r}, "
                                 f"this borderie uses schema version {SCHEMA_VERSION}")
        for key, expected in (("entity_labels", ENTITY_LABELS), ("relation_labels", RELATION_LABELS)):
            if tuple(data.get(key, ())) != expected:
                raise ModelLoadError(f"{where}: {key} {data.get(key)!r} differ from the schema's {list(expected)}")
        if not isinstance(data.get("encoder"), Mapping):
            raise ModelLoadError(f"{where}: 'encoder' (the BertConfig arguments) is missing")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ModelLoadError(f"{where}: unknown keys {unknown} (written by a newer borderie?)")
        try:
            return cls(**{k: v for k, v in data.items()})
        except (TypeError, ValueError) as err:
            raise ModelLoadError(f"{where}: {err}") from err
