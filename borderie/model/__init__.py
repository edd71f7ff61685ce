"""The extraction model and its API: ``nlp = borderie.load()``; ``doc = nlp(text)``.

* :func:`load` — the shipped default model, or a model directory.
* :class:`Extractor` — ``__call__``, ``pipe``, ``save_pretrained``, ``from_pretrained``.
* :class:`ModelConfig` — what a model directory's ``config.json`` holds.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import ModelLoadError, UsageError
from .config import ModelConfig
from .device import resolve_device
from .enrich import enrich_entities
from .pipeline import PRECISIONS, Extractor, native_bfloat16

logger = logging.getLogger(__name__)

def _shipped_models() -> Path:
    """The repository's ``models/`` folder, installed as the ``borderie.pretrained`` package."""
    try:
        from importlib.resources import files

        return Path(str(files("borderie.pretrained")))
    except ModuleNotFoundError:  # running from a source tree that was never installed
        return Path(__file__).resolve().parents[2] / "models"


DEFAULT_MODEL_DIR = _shipped_models() / "default"
"""Where the shipped default model lives: ``models/default`` in the repository."""

MODEL_ENV_VAR = "BORDERIE_MODEL"


SHIPPED_MODELS: tuple[str, ...] = ("default", "full")
"""Models that come with borderie, loadable by name: ``borderie.load("full")``. ``default`` is the fast
distilled student, ``full`` the 12-layer model it was distilled from (the last point of F1, at half the speed)."""


def shipped_model_path(name: str) -> Path:
    """The directory of the shipped model ``name`` (one of :data:`SHIPPED_MODELS`)."""
    if name not in SHIPPED_MODELS:
        raise UsageError(f"no shipped model named {name!r} (shipped: {', '.join(SHIPPED_MODELS)})")
    return _shipped_models() / name


def resolve_model_path(path: str | os.PathLike[str] | None) -> Path:
    """Where ``load(path)`` reads from: ``$BORDERIE_MODEL`` or the default model for ``None``, a shipped model for
    its name (``"full"``) unless a folder of that name exists here, else the directory ``path``."""
    if path is None:
        return default_model_path()
    if isinstance(path, str) and path in SHIPPED_MODELS and not Path(path).exists():
        return shipped_model_path(path)
    return Path(path)


def default_model_path() -> Path:
    """``$BORDERIE_MODEL`` if set, else :data:`DEFAULT_MODEL_DIR`."""
    override = os.environ.get(MODEL_ENV_VAR)
    return Path(override) if override else DEFAULT_MODEL_DIR


def load(path: str | os.PathLike[str] | None = None, *, num_threads: int | None = None,
         precision: str = "auto", quantize: bool = False, device: str | None = "auto") -> Extractor:
    """Load an extraction model: the shipped default (no argument), a shipped model by name (``"full"``,
    :data:`SHIPPED_MODELS`) or the model directory ``path``.

    ``num_threads`` sets ``torch.set_num_threads`` (CPU threads) when given.
    ``precision`` is the encoder's inference precision: ``"auto"`` (bfloat16
    where the CPU or GPU computes it natively, about twice as fast on such
    CPUs, else float32), ``"float32"`` or ``"bfloat16"``
    (:meth:`Extractor.set_precision`). ``quantize=True`` returns the int8
    inference copy (:meth:`Extractor.quantize`): faster still, but it costs
    accuracy (see the model card), and runs on the CPU only. ``device`` is
    where the model runs: ``"auto"`` (a GPU when there is one, else the
    CPU), ``"cpu"``, ``"cuda"`` or ``"cuda:N"``; an absent device raises
    :class:`~borderie.errors.UsageError` ``E306`` before anything loads.
    Raises :class:`borderie.errors.ModelLoadError` for a missing or
    incompatible directory.
    """
    if num_threads is not None:
        import torch

        torch.set_num_threads(num_threads)
    where = resolve_device("cpu" if quantize and device in (None, "auto") else device)
    target = resolve_model_path(path)
    if path is None and not target.exists():
        raise ModelLoadError(f"no default model is installed at {target}; train one with `borderie train` "
                             f"and pass its directory to borderie.load(path) or set ${MODEL_ENV_VAR}")
    if quantize:
        if precision not in ("auto", "float32"):
            raise UsageError(f"quantize=True runs int8 layers; it cannot be combined with precision={precision!r}")
        if where.type != "cpu":
            raise UsageError("quantize=True runs int8 layers on the CPU only; use device='cpu'")
        logger.info("loading model %s (int8 quantized)", target)
        return Extractor.from_pretrained(target, precision="float32").quantize(inplace=True)
    nlp = Extractor.from_pretrained(target, precision=precision, device=where)
    logger.info("loaded model %s (encoder precision %s, device %s)", target, nlp.precision, nlp.device)
    return nlp


__all__ = ["Extractor", "ModelConfig", "load", "default_model_path", "enrich_entities", "native_bfloat16", "PRECISIONS",
           "DEFAULT_MODEL_DIR", "SHIPPED_MODELS", "shipped_model_path"]
