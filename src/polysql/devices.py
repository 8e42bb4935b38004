"""Fail fast on the wrong machine: a job configured for a GPU stops in its first seconds when it has none.

Without this check a GRPO job whose node lost its CUDA driver would train a 3B model on CPU in float32 for
hours, and bf16 on a GPU without it (V100, T4) would fail deep inside TrainingArguments. Each model job
calls :func:`require_device` before loading anything; the message names the config key, what was
expected, and what torch sees.
"""

from __future__ import annotations

import os


class DeviceError(RuntimeError):
    """The job's config asks for a device (or a dtype on it) this machine does not offer."""


def describe_cuda() -> str:
    """What torch sees of CUDA, in one line (build, visible devices, the driver's complaint if any)."""
    import torch

    built = torch.version.cuda
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    parts = [f"torch {torch.__version__}", f"built with CUDA {built}" if built else "a CPU-only build"]
    if visible is not None:
        parts.append(f"CUDA_VISIBLE_DEVICES={visible!r}")
    if built:
        try:
            parts.append(f"{torch.cuda.device_count()} device(s) visible")
        except RuntimeError as error:  # a driver mismatch surfaces here
            parts.append(f"CUDA error: {error}")
    return ", ".join(parts)


def require_device(*, gpu: bool, bf16: bool = False, key: str) -> str:
    """Check the machine offers what config section ``key`` asks for; returns the device ("cuda" or "cpu").

    Args:
        gpu: the section asks for a GPU (``<key>.gpu: true``, or a ``device: cuda``).
        bf16: the job computes in bf16 on that GPU.
        key: the config section, named in the message (e.g. ``grpo``).

    Raises:
        DeviceError: ``gpu`` and no CUDA device is visible, or ``bf16`` on a GPU without bf16.
    """
    if not gpu:
        return "cpu"
    import torch

    if not torch.cuda.is_available():
        raise DeviceError(
            f"{key}.gpu is true (this job was meant for a CUDA GPU) but torch sees none ({describe_cuda()}). "
            f"Run it on a GPU node (check the scheduler gave the job a GPU and the driver matches the torch build), "
            f"or set {key}.gpu: false to run on CPU, knowing a GPU-sized job there takes many times longer"
        )
    if bf16 and not torch.cuda.is_bf16_supported():
        name = torch.cuda.get_device_name(0)
        major, minor = torch.cuda.get_device_capability(0)
        raise DeviceError(
            f"{key} computes in bf16, but the GPU {name} (compute capability {major}.{minor}; bf16 needs 8.0, "
            f"Ampere or newer) has no bf16: run on an A100/H100-class GPU, or switch {key} to float16/float32"
        )
    return "cuda"
