"""The one LoRA builder: a config section (``r``, ``alpha``, ``dropout``, ``target_modules``) -> PEFT's LoraConfig.

Used by the warm start (``warm_start.lora``) and GRPO (``grpo.lora``); each passes its section with the
schema's defaults filled in.
"""

from __future__ import annotations

from typing import Any, Mapping

LORA_KEYS = ("r", "alpha", "dropout", "target_modules")


def build_lora_config(section: Mapping[str, Any], *, key: str):
    """PEFT ``LoraConfig`` for a causal LM from a complete LoRA section.

    Args:
        section: ``r``, ``alpha``, ``dropout`` and ``target_modules`` (a list, or one string such as
            ``all-linear``).
        key: The section's config key, named in errors.

    Raises:
        ValueError: An unknown or missing key.
    """
    from peft import LoraConfig

    unknown = sorted(set(section) - set(LORA_KEYS))
    missing = sorted(set(LORA_KEYS) - set(section))
    if unknown or missing:
        raise ValueError(f"{key}: unknown key(s) {unknown}, missing {missing}; the keys are {list(LORA_KEYS)}")
    target = section["target_modules"]
    return LoraConfig(
        r=int(section["r"]),
        lora_alpha=section["alpha"],
        lora_dropout=float(section["dropout"]),
        target_modules=target if isinstance(target, str) else list(target),
        bias="none",
        task_type="CAUSAL_LM",
    )
