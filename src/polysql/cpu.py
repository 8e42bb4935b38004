"""What this CPU offers the CPU paths, and what they do with it.

The default's speed depends on one fact: whether the CPU has native bf16 matrix instructions
(AVX512-BF16 or AMX). There, bf16 autocast pays (generation about 2.5x faster than float32); elsewhere bf16
is emulated and slower, so every CPU path stays in float32. The experiment is the same on both kinds: the
config decides the work, the CPU only its speed (and floating-point rounding).

``POLYSQL_CPU_BF16=0`` (or ``1``) overrides the detection: with ``ATEN_CPU_CAPABILITY=avx2`` and
``ONEDNN_MAX_CPU_ISA=AVX2`` it makes an AVX-512 machine run the paths an AVX2-only machine runs
(``bench/bench_cpu_kind.py`` checks how close the emulation comes). This module imports nothing heavy.
"""

from __future__ import annotations

import os
from functools import lru_cache

BF16_OVERRIDE = "POLYSQL_CPU_BF16"
"""Environment variable forcing bf16 autocast off (``0``) or on (``1``) on CPU, whatever the CPU has."""
FEATURES = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "avx512_vnni")
"""The /proc/cpuinfo flags that decide the CPU paths' speed."""


@lru_cache(maxsize=1)
def cpu_flags() -> frozenset[str]:
    """The flags of the first CPU in /proc/cpuinfo (empty where it cannot be read)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def cpu_features() -> dict[str, bool]:
    """Which of :data:`FEATURES` this CPU has."""
    flags = cpu_flags()
    return {feature: feature in flags for feature in FEATURES}


def cpu_supports_bf16() -> bool:
    """True where bf16 autocast pays on CPU: native AVX512-BF16 or AMX, unless ``POLYSQL_CPU_BF16`` says otherwise.

    Raises:
        ValueError: ``POLYSQL_CPU_BF16`` is set to something other than 0 or 1.
    """
    override = os.environ.get(BF16_OVERRIDE, "").strip()
    if override:
        if override not in ("0", "1"):
            raise ValueError(f"{BF16_OVERRIDE}={override!r}: use 0 (bf16 autocast off) or 1 (on)")
        return override == "1"
    flags = cpu_flags()
    return "avx512_bf16" in flags or "amx_bf16" in flags


def cpu_kind() -> str:
    """``avx512-bf16`` (native bf16), ``avx512``, ``avx2`` or ``other``: the kinds the README's timings name.
    Emulation variables count: ``POLYSQL_CPU_BF16=0`` with ``ATEN_CPU_CAPABILITY=avx2`` is ``avx2``."""
    flags = cpu_flags()
    capability = os.environ.get("ATEN_CPU_CAPABILITY", "").lower()
    if cpu_supports_bf16():
        return "avx512-bf16"
    if "avx512f" in flags and capability not in ("avx2", "default"):
        return "avx512"
    if "avx2" in flags:
        return "avx2"
    return "other"


def describe_cpu() -> str:
    """One line for logs: the kind, the deciding flags, torch's kernel level when torch is loaded, the path."""
    import sys

    have = [feature for feature, present in cpu_features().items() if present]
    line = f"CPU kind {cpu_kind()} (flags: {', '.join(have) or 'none of ' + ', '.join(FEATURES)})"
    torch = sys.modules.get("torch")
    if torch is not None:
        line += f", torch kernels {torch.backends.cpu.get_cpu_capability()}"
    line += "; CPU paths in " + ("float32 + bf16 autocast" if cpu_supports_bf16() else "float32")
    if os.environ.get(BF16_OVERRIDE):
        line += f" ({BF16_OVERRIDE}={os.environ[BF16_OVERRIDE]})"
    return line


DEFAULT_STAGE_SECONDS = {
    # The embedded default (config/config.yaml) from a fresh clone on 2 cores, from each run's benchmarks/,
    # 2026-12-05 (docs/cpu_kinds.md): AVX512-BF16 12 min 10 s in all; AVX2 emulated on the same machine 16 min 6 s.
    "avx512-bf16": {
        "set-up": 87,
        "warm start": 145,
        "GRPO (2 runs side by side)": 245,
        "generation (4 systems)": 110,
        "encoder training + evaluation": 137,
        "reward audit": 42,
    },
    "avx2": {
        "set-up": 65,
        "warm start": 187,
        "GRPO (2 runs side by side)": 329,
        "generation (4 systems)": 210,
        "encoder training + evaluation": 136,
        "reward audit": 47,
    },
}
"""Measured seconds of the default's stages per CPU kind (an AVX-512 CPU without bf16 runs the float32 paths)."""

STAGE_SECONDS_SOURCE = {
    "avx512-bf16": "measured",
    "avx2": "measured with AVX2 emulated on an AVX-512 machine; a real AVX2-only one is projected at 19-23 min",
}
"""How each kind's :data:`DEFAULT_STAGE_SECONDS` were obtained (said with them at start-up)."""


def startup_report(default_config: bool) -> str:
    """What a run tells its user at start: the CPU, the path taken, and, for the embedded default, the
    expected duration of each stage on this kind of CPU."""
    lines = [f"polysql: {describe_cpu()}"]
    if default_config:
        kind = "avx512-bf16" if cpu_supports_bf16() else "avx2"
        stages = DEFAULT_STAGE_SECONDS[kind]
        listed = ", ".join(f"{stage} ~{round(seconds / 60)} min" for stage, seconds in stages.items())
        lines.append(
            f"polysql: the default took {round(sum(stages.values()) / 60)} min on a 2-core {kind} CPU "
            f"({STAGE_SECONDS_SOURCE[kind]}; stages overlap a little): {listed}"
        )
    return "\n".join(lines)
