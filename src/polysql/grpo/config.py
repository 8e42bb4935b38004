"""Config ``grpo`` -> TRL's GRPOConfig and PEFT's LoraConfig, validated before any model loads.

Every key of ``grpo.trainer`` is a GRPOConfig field passed through as is; the workflow sets
``output_dir``, ``seed`` and ``reward_weights`` itself. The batch geometry is checked up front with
TRL 1.16's rules (``GRPOConfig.__post_init__``), so a bad combination fails in a second with a
message saying what to change, not after the model is loaded.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Mapping

from polysql.config_schema import section_defaults

LORA_DEFAULTS = section_defaults("grpo", "lora")
"""Config ``grpo.lora``'s keys and defaults, from the config schema."""


class GRPOConfigError(ValueError):
    """A ``grpo`` config value that TRL or PEFT would reject; the message names the key."""


def grpo_config_fields() -> dict[str, dataclasses.Field]:
    """GRPOConfig's fields by name (TRL's own dataclass, so always in sync with the installed TRL)."""
    from trl import GRPOConfig

    return {field.name: field for field in dataclasses.fields(GRPOConfig) if field.init}


def _default(fields: Mapping[str, dataclasses.Field], name: str) -> Any:
    field = fields[name]
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return None


def resolved_trainer_fields(trainer: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every GRPOConfig field: the value ``grpo.trainer`` sets, else TRL's own default (no object is built,
    so nothing depends on the machine: ``bf16`` is the config's, not what a CPU makes of it)."""
    trainer = validate_trainer_section(trainer)
    fields = grpo_config_fields()
    return {name: trainer[name] if name in trainer else _default(fields, name) for name in sorted(fields)}


def validate_trainer_section(trainer: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check ``grpo.trainer`` as config validation does (:func:`polysql.trl_fields.trainer_problems`: every key
    a GRPOConfig field, none reserved, values of the field's type and range).

    Returns:
        A copy of the section.

    Raises:
        GRPOConfigError: Every problem, each naming its key (an unknown one with the closest valid field).
    """
    from polysql.trl_fields import trainer_problems

    trainer = dict(trainer or {})
    problems = trainer_problems(trainer)
    if problems:
        raise GRPOConfigError("; ".join(f"grpo.trainer.{key}: {message}" for key, message in problems))
    return trainer


def world_size() -> int:
    """Processes taking part in training (``WORLD_SIZE`` as set by torchrun/accelerate; 1 otherwise)."""
    try:
        return max(1, int(os.environ.get("WORLD_SIZE", "1")))
    except ValueError:
        return 1


def check_batch_geometry(trainer: Mapping[str, Any], *, n_processes: int | None = None) -> dict[str, int]:
    """Reproduce TRL 1.16's GRPO batch rules with messages that say which ``grpo.trainer`` key to change.

    The generation batch (completions generated at once) is
    ``per_device_train_batch_size * n_processes * steps_per_generation`` (``steps_per_generation``
    defaults to ``gradient_accumulation_steps``) or ``generation_batch_size`` when set; it must hold
    whole groups, i.e. divide by ``num_generations`` (>= 2). Note that TRL counts batch sizes in
    *completions*: a step sees ``generation_batch_size / num_generations`` distinct prompts.

    Args:
        trainer: Config ``grpo.trainer``.
        n_processes: World size (default: from the environment).

    Returns:
        ``{"generation_batch_size", "steps_per_generation", "num_generations", "prompts_per_generation"}``.

    Raises:
        GRPOConfigError: The geometry TRL would reject.
    """
    fields = grpo_config_fields()

    def get(name):
        value = trainer.get(name, _default(fields, name))
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise GRPOConfigError(f"grpo.trainer.{name} must be a positive integer, got {value!r}")
        return value

    n_processes = n_processes or world_size()
    per_device = get("per_device_train_batch_size")
    accumulation = get("gradient_accumulation_steps")
    num_generations = get("num_generations")
    generation_batch = get("generation_batch_size")
    steps_per_generation = get("steps_per_generation")
    global_batch = per_device * n_processes

    if num_generations < 2:
        raise GRPOConfigError(
            f"grpo.trainer.num_generations is {num_generations}: GRPO compares completions of the same prompt, "
            "so it needs at least 2"
        )
    if generation_batch is not None and steps_per_generation is not None:
        raise GRPOConfigError("grpo.trainer: set generation_batch_size or steps_per_generation, not both")
    if generation_batch is None:
        steps_per_generation = steps_per_generation or accumulation
        generation_batch = global_batch * steps_per_generation
        how = (
            f"per_device_train_batch_size ({per_device}) x world size ({n_processes}) x "
            f"{'steps_per_generation' if trainer.get('steps_per_generation') else 'gradient_accumulation_steps'} "
            f"({steps_per_generation})"
        )
    else:
        if generation_batch % global_batch:
            raise GRPOConfigError(
                f"grpo.trainer.generation_batch_size ({generation_batch}) must be a multiple of "
                f"per_device_train_batch_size ({per_device}) x world size ({n_processes}) = {global_batch}"
            )
        steps_per_generation = generation_batch // global_batch
        how = f"generation_batch_size ({generation_batch})"
    if generation_batch % num_generations:
        raise GRPOConfigError(
            f"GRPO batch geometry: the generation batch = {how} = {generation_batch} completions must be a "
            f"multiple of grpo.trainer.num_generations ({num_generations}), so that every prompt's group of "
            f"{num_generations} completions lands in the same batch. Change per_device_train_batch_size, "
            f"gradient_accumulation_steps or num_generations (e.g. per_device_train_batch_size = "
            f"{_next_multiple(per_device, num_generations)})."
        )
    return {
        "generation_batch_size": generation_batch,
        "steps_per_generation": steps_per_generation,
        "num_generations": num_generations,
        "prompts_per_generation": generation_batch // num_generations,
    }


def _next_multiple(value: int, base: int) -> int:
    return ((value + base - 1) // base) * base


def lora_config(lora: Mapping[str, Any] | None):
    """PEFT LoraConfig from config ``grpo.lora`` (missing keys: the schema's defaults)."""
    from polysql.models.lora import build_lora_config

    lora = dict(lora or {})
    unknown = sorted(set(lora) - set(LORA_DEFAULTS))
    if unknown:
        raise GRPOConfigError(f"grpo.lora: unknown key(s) {unknown}; allowed: {sorted(LORA_DEFAULTS)}")
    return build_lora_config({**LORA_DEFAULTS, **lora}, key="grpo.lora")


def build_grpo_args(
    trainer: Mapping[str, Any] | None,
    *,
    output_dir: str | os.PathLike,
    seed: int,
    reward_weights: list[float],
    on_gpu: bool,
):
    """The GRPOConfig of one run: config ``grpo.trainer`` plus what the run decides.

    On GPU, ``bf16`` is the config's value (default True). On CPU the weights stay float32 and
    ``bf16: true`` means bf16 autocast, kept only on CPUs with native bf16 instructions
    (AVX512-BF16 or AMX) and turned off elsewhere, where emulated bf16 is slower than float32.
    ``report_to`` defaults to ``none``.

    Raises:
        GRPOConfigError: Unknown/reserved fields, bad geometry, or a value GRPOConfig rejects.
    """
    from trl import GRPOConfig

    kwargs = validate_trainer_section(trainer)
    check_batch_geometry(kwargs)
    kwargs.setdefault("report_to", "none")
    if on_gpu:
        kwargs.setdefault("bf16", True)
    else:
        # bf16 autocast (fp32 master weights) only where the CPU has native bf16 instructions.
        from polysql.cpu import cpu_supports_bf16

        kwargs["bf16"] = bool(kwargs.get("bf16", False)) and cpu_supports_bf16()
        kwargs["use_cpu"] = True
    kwargs.update(output_dir=str(output_dir), seed=int(seed), reward_weights=list(reward_weights))
    try:
        return GRPOConfig(**kwargs)
    except (ValueError, TypeError) as error:
        raise GRPOConfigError(f"grpo.trainer rejected by TRL's GRPOConfig: {error}") from error
