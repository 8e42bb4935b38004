"""The parts of a causal LM that passes computing a prompt once need: its backbone and its LM head.

Shared-prefix passes (GRPO's groups, the warm start's batches) run the backbone with a KV cache and apply
the LM head only where a loss or a log-probability is needed; that is exact only for models whose logits
are the plain LM-head projection.
"""

from __future__ import annotations

from typing import Any


def _causal_lm(model: Any) -> Any:  # HF models: attributes torch would type as Tensor | Module
    """The causal LM itself, under a PEFT wrapper if there is one (its LoRA layers live inside it)."""
    return model.get_base_model() if hasattr(model, "get_base_model") else model


def causal_lm_parts(model: Any) -> tuple[Any, Any]:
    """``(backbone, lm_head)`` of a causal LM, through a PEFT wrapper (its LoRA layers live in the backbone)."""
    causal_lm = _causal_lm(model)
    return causal_lm.base_model, causal_lm.get_output_embeddings()


def supports_shared_prefix(model: Any) -> bool:
    """Whether the logits are the plain LM-head projection (no soft-capping or scaling to replicate)."""
    causal_lm = _causal_lm(model)
    config = causal_lm.config.get_text_config()
    plain = all(
        getattr(config, name, None) in (None, 1.0)
        for name in (
            "final_logit_softcapping",
            "logit_scale",
            "output_multiplier",
            "lm_head_multiplier",
            "logits_scaling",
        )
    )
    return plain and causal_lm.get_output_embeddings() is not None and getattr(config, "sliding_window", None) is None
