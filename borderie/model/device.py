"""Where a model runs: ``"cpu"``, ``"cuda"``, ``"cuda:1"`` or ``"auto"`` (the first GPU when there is one).

:func:`resolve_device` is the one place a device name becomes a
:class:`torch.device`; an absent device is refused with ``E306`` before any
weight moves. :func:`windows_per_step` sizes encoder batches for the device:
a GPU takes many windows at once, a CPU a few (memory and cache bound).
"""

from __future__ import annotations

import torch

from ..errors import BAD_DEVICE, UsageError

DEVICE_HELP = "cpu, cuda, cuda:N, or auto (the first GPU when there is one, else the CPU)"
CPU_WINDOWS = 32
"""Encoder windows (of up to ``max_length`` pieces each) run at once on a CPU."""
GPU_WINDOWS = 256
"""Encoder windows run at once on a GPU (about 1 GiB of activations for the base encoder in half precision)."""


def resolve_device(spec: str | torch.device | None = "auto") -> torch.device:
    """``spec`` as a usable :class:`torch.device` (``None`` and ``"auto"``: a GPU if one is present, else the CPU).

    Raises :class:`UsageError` ``E306`` for a device this machine does not have.
    """
    if spec is None or (isinstance(spec, str) and spec.strip().lower() == "auto"):
        return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")
    try:
        device = torch.device(spec.strip().lower() if isinstance(spec, str) else spec)
    except (RuntimeError, TypeError):
        raise UsageError(f"device {spec!r} is not a device name ({DEVICE_HELP})", code=BAD_DEVICE) from None
    if device.type == "cpu":
        return device
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise UsageError(f"device {spec!r} asked for, but torch sees no CUDA GPU on this machine "
                             f"(torch {torch.__version__}); use device='cpu' or 'auto'", code=BAD_DEVICE)
        count = torch.cuda.device_count()
        if device.index is not None and device.index >= count:
            raise UsageError(f"device {spec!r} asked for, but this machine has {count} GPU(s) "
                             f"(cuda:0 … cuda:{count - 1})", code=BAD_DEVICE)
        return device
    if device.type == "mps" and getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return device
    raise UsageError(f"device {spec!r} is not available here ({DEVICE_HELP})", code=BAD_DEVICE)


def windows_per_step(device: torch.device) -> int:
    """How many encoder windows to run at once on ``device``."""
    return GPU_WINDOWS if device.type == "cuda" else CPU_WINDOWS
