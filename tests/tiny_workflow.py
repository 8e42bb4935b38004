"""A tiny configuration of the real workflow: tiny in-process models, two languages, a few examples,
2 GRPO steps per run. Used by the workflow tests and the SLURM tests."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def write_tiny_config(workdir: Path, *, grpo_steps: int = 2, save_steps: int = 1) -> Path:
    """Build the tiny models under ``workdir/models`` and write ``workdir/tiny.yaml``; returns its path."""
    from tiny_encoder import build_tiny_encoder
    from tiny_llama import build_tiny_llama

    workdir = Path(workdir)
    llm = build_tiny_llama(workdir / "models" / "tiny-llama")
    encoder = build_tiny_encoder(workdir / "models" / "tiny-encoder")
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    config["languages"] = ["en", "de"]
    config["benchmark"]["dir"] = str(REPO / "resources" / "mini")
    config["data"].update(grpo_train_size=16, eval_per_language=4, in_domain_eval=3)
    config["models"] = {
        "tiny-llm": {"source": "local", "path": str(llm)},
        "tiny-llm-warm": {"source": "warm_start", "base": "tiny-llm"},
        "tiny-encoder": {"source": "local", "path": str(encoder)},
    }
    config["systems"] = {
        "base": {"model": "tiny-llm", "label": "tiny base"},
        "warm": {"model": "tiny-llm-warm", "label": "tiny warm"},
    }
    config["warm_start"].update(train_size=8, batch_size=4, bf16=False, threads=1, max_length=4096)
    config["prompt"] = {"shots": 1}
    config["generation"].update(batch_size=4, max_new_tokens=8, threads=1, dtype="float32")
    config["encoders"] = {"enc": {"base_model": "tiny-encoder", "epochs": 1, "batch_size": 8, "threads": 1}}
    config["rewards"]["semantic"]["encoder"] = "enc"
    config["grpo"].update(model="tiny-llm-warm", threads=1)
    config["grpo"]["heldout"] = {"every": 1, "per_language": 1, "max_new_tokens": 8}
    config["grpo"]["trainer"].update(
        max_steps=grpo_steps,
        num_generations=2,
        per_device_train_batch_size=2,
        max_completion_length=8,
        save_steps=save_steps,
        gradient_checkpointing=False,
        bf16=False,
    )
    config["report"]["bootstrap_samples"] = 100
    config["report"]["main_table"] = [
        {"label": "tiny base", "system": "base"},
        {"label": "tiny warm", "system": "warm", "compare_to": "tiny base"},
        {"label": "GRPO (exec)", "run": {"train_lang": "all", "reward_set": "exec"}, "compare_to": "tiny warm"},
        {
            "label": "GRPO + contrastive",
            "run": {"train_lang": "all", "reward_set": "exec_semantic"},
            "compare_to": "tiny warm",
        },
    ]
    path = workdir / "tiny.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
