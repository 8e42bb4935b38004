"""The GRPO config checks agree with TRL's own rules and name the key to change."""

from __future__ import annotations

import pytest

from polysql.grpo.config import GRPOConfigError, build_grpo_args, check_batch_geometry, lora_config

GEOMETRIES = [
    {"per_device_train_batch_size": 8, "num_generations": 4},
    {"per_device_train_batch_size": 6, "num_generations": 4},
    {"per_device_train_batch_size": 3, "gradient_accumulation_steps": 2, "num_generations": 2},
    {"per_device_train_batch_size": 3, "gradient_accumulation_steps": 2, "num_generations": 4},
    {"per_device_train_batch_size": 4, "generation_batch_size": 12, "num_generations": 3},
    {"per_device_train_batch_size": 4, "generation_batch_size": 10, "num_generations": 2},
    {"per_device_train_batch_size": 4, "steps_per_generation": 3, "num_generations": 6},
    {"per_device_train_batch_size": 4, "num_generations": 1},
]


@pytest.mark.parametrize("trainer", GEOMETRIES)
def test_geometry_check_agrees_with_trl(tmp_path, trainer):
    from trl import GRPOConfig

    try:
        GRPOConfig(output_dir=str(tmp_path), use_cpu=True, bf16=False, report_to="none", **trainer)
        trl_ok = True
    except ValueError:
        trl_ok = False
    try:
        geometry = check_batch_geometry(trainer, n_processes=1)
        ours_ok = True
    except GRPOConfigError:
        ours_ok = False
    assert ours_ok == trl_ok
    if ours_ok:
        assert geometry["generation_batch_size"] % geometry["num_generations"] == 0


def test_geometry_message_counts_processes():
    with pytest.raises(GRPOConfigError, match=r"world size \(3\).* = 6 completions must be a multiple of .*\(4\)"):
        check_batch_geometry({"per_device_train_batch_size": 2, "num_generations": 4}, n_processes=3)
    geometry = check_batch_geometry({"per_device_train_batch_size": 2, "num_generations": 4}, n_processes=2)
    assert geometry == {
        "generation_batch_size": 4,
        "steps_per_generation": 1,
        "num_generations": 4,
        "prompts_per_generation": 1,
    }


def test_build_grpo_args_sets_run_fields_and_cpu_precision(tmp_path):
    args = build_grpo_args(
        {"learning_rate": 3e-5, "num_generations": 2, "per_device_train_batch_size": 4, "bf16": True, "save_steps": 7},
        output_dir=tmp_path / "ck",
        seed=5,
        reward_weights=[1.0, 0.5],
        on_gpu=False,
    )
    assert (args.learning_rate, args.seed, args.save_steps) == (3e-5, 5, 7)
    assert args.reward_weights == [1.0, 0.5] and args.output_dir == str(tmp_path / "ck")
    from polysql.cpu import cpu_supports_bf16

    # CPU: float32 weights, bf16 autocast only where the CPU has native bf16 instructions.
    assert args.bf16 is cpu_supports_bf16()


def test_lora_config_from_config_and_unknown_keys():
    config = lora_config({"r": 8, "alpha": 16, "dropout": 0.1, "target_modules": ["q_proj"]})
    assert (config.r, config.lora_alpha, config.lora_dropout) == (8, 16, 0.1)
    assert set(config.target_modules) == {"q_proj"}
    with pytest.raises(GRPOConfigError, match=r"grpo.lora: unknown key\(s\) \['rank'\]"):
        lora_config({"rank": 8})
