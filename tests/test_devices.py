"""A job configured for a GPU stops in its first seconds where there is none (or where it lacks bf16),
naming the config key, what was expected and what torch sees; nothing lands in results/."""

from __future__ import annotations

import pytest
import torch
import yaml

from polysql.devices import DeviceError, require_device
from polysql.grpo.train import train_grpo
from test_workflow import snakemake
from tiny_workflow import write_tiny_config


def test_no_gpu_wanted_means_cpu():
    assert require_device(gpu=False, bf16=True, key="grpo") == "cpu"


def test_gpu_wanted_without_cuda_names_key_and_what_torch_sees(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(DeviceError) as info:
        require_device(gpu=True, key="grpo")
    message = str(info.value)
    assert "grpo.gpu is true" in message and f"torch {torch.__version__}" in message and "grpo.gpu: false" in message


def test_bf16_on_a_gpu_without_it(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda *a: "Tesla V100-SXM2-32GB")
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda *a: (7, 0))
    with pytest.raises(DeviceError, match=r"Tesla V100-SXM2-32GB \(compute capability 7.0"):
        require_device(gpu=True, bf16=True, key="generation")
    assert require_device(gpu=True, bf16=False, key="generation") == "cuda"


def test_grpo_run_with_gpu_true_stops_before_loading_anything(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    config = {"grpo": {"gpu": True, "trainer": {"bf16": True}}, "reward_sets": {"exec": {"execution": 1.0}}}
    with pytest.raises(DeviceError, match="grpo.gpu is true"):
        train_grpo(
            {"train_lang": "all", "reward_set": "exec", "seed": 0},
            train_path=tmp_path / "absent.jsonl",
            model_path=tmp_path / "absent-model",
            out_dir=tmp_path / "run",
            checkpoints_dir=tmp_path / "run/checkpoints",
            config=config,
        )
    assert not (tmp_path / "run").exists()


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_generation_job_with_gpu_true_fails_at_once_through_the_workflow(tmp_path):
    tiny = write_tiny_config(tmp_path)
    overlay = tmp_path / "gpu.yaml"
    overlay.write_text(yaml.safe_dump({"extends": tiny.name, "generation": {"gpu": True}}), encoding="utf-8")
    result = snakemake(tmp_path, "--cores", "1", "results/predictions/base/en.jsonl", configfile=overlay)
    assert result.returncode != 0
    log = (tmp_path / "logs/generate/base.log").read_text(encoding="utf-8")
    assert "generation.gpu is true" in log and "torch sees none" in log
    assert "loading" not in log.lower()  # stopped before any model loaded
    assert not list((tmp_path / "results").glob("predictions/**/*.jsonl"))
