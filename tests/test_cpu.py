"""CPU detection: the bf16 path, its override for emulating an AVX2-only machine, and the start-up report."""

from __future__ import annotations

import pytest

from polysql import cpu

AVX512_BF16 = frozenset({"sse4_2", "avx2", "avx512f", "avx512_bf16", "avx512_vnni"})
AVX2_ONLY = frozenset({"sse4_2", "avx2", "fma"})


@pytest.fixture
def flags(monkeypatch):
    def use(value):
        monkeypatch.setattr(cpu, "cpu_flags", lambda: value)

    monkeypatch.delenv(cpu.BF16_OVERRIDE, raising=False)
    monkeypatch.delenv("ATEN_CPU_CAPABILITY", raising=False)
    return use


def test_bf16_only_where_the_cpu_has_it(flags):
    flags(AVX512_BF16)
    assert cpu.cpu_supports_bf16() and cpu.cpu_kind() == "avx512-bf16"
    flags(AVX2_ONLY)
    assert not cpu.cpu_supports_bf16() and cpu.cpu_kind() == "avx2"
    flags(frozenset({"avx2", "avx512f"}))
    assert not cpu.cpu_supports_bf16() and cpu.cpu_kind() == "avx512"


def test_the_override_emulates_an_avx2_machine(flags, monkeypatch):
    flags(AVX512_BF16)
    monkeypatch.setenv(cpu.BF16_OVERRIDE, "0")
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "avx2")
    assert not cpu.cpu_supports_bf16() and cpu.cpu_kind() == "avx2"
    assert "CPU paths in float32 (POLYSQL_CPU_BF16=0)" in cpu.describe_cpu()
    monkeypatch.setenv(cpu.BF16_OVERRIDE, "yes")
    with pytest.raises(ValueError, match="POLYSQL_CPU_BF16='yes'"):
        cpu.cpu_supports_bf16()


def test_the_path_decides_the_grpo_autocast(flags, monkeypatch):
    from polysql.grpo.config import build_grpo_args

    flags(AVX512_BF16)
    trainer = {"num_generations": 2, "per_device_train_batch_size": 2, "bf16": True, "max_steps": 1}
    assert build_grpo_args(trainer, output_dir="o", seed=0, reward_weights=[1.0], on_gpu=False).bf16
    monkeypatch.setenv(cpu.BF16_OVERRIDE, "0")
    assert not build_grpo_args(trainer, output_dir="o", seed=0, reward_weights=[1.0], on_gpu=False).bf16


def test_the_default_run_announces_its_stages_and_their_expected_time(flags):
    flags(AVX2_ONLY)
    report = cpu.startup_report(default_config=True)
    assert "CPU kind avx2" in report and "CPU paths in float32" in report
    assert "warm start ~3 min" in report and "the default took 16 min on a 2-core avx2 CPU" in report
    assert "emulated" in report  # says where the AVX2 figures come from
    flags(AVX512_BF16)
    assert "the default took 13 min on a 2-core avx512-bf16 CPU (measured;" in cpu.startup_report(default_config=True)
    assert "min" not in cpu.startup_report(default_config=False)  # another config: no promise
