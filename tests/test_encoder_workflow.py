"""The encoder rules through the real Snakemake CLI: train_encoder + eval_encoder on toy data, tiny model."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import yaml
from tiny_encoder import TOY_LANGS, build_tiny_encoder, toy_records, toy_texts

from polysql.io import read_json, write_jsonl


def test_encoder_rules_train_and_evaluate(tmp_path, repo_root):
    base = build_tiny_encoder(tmp_path / "tiny", extra_texts=toy_texts())
    config = yaml.safe_load((repo_root / "config" / "config.yaml").read_text())
    config["languages"] = list(TOY_LANGS)
    config["models"]["minilm-l6"] = {"source": "local", "path": str(base)}
    config["encoders"]["minilm-contrastive"].update(
        epochs=3, batch_size=8, learning_rate=1e-3, hard_negatives=True, threads=1
    )
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    records = toy_records()
    for lang in TOY_LANGS:
        write_jsonl(tmp_path / f"results/data/train_{lang}.jsonl", [r for r in records if r["lang"] == lang])
        write_jsonl(tmp_path / f"results/data/eval_{lang}.jsonl", [r for r in records if r["lang"] == lang])
    write_jsonl(tmp_path / "results/data/grpo_train_all.jsonl", records)

    out = tmp_path / "results/encoder/minilm-contrastive"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            str(out.relative_to(tmp_path) / "metrics.json"),
            "--snakefile",
            str(repo_root / "Snakefile"),
            "--directory",
            str(tmp_path),
            "--configfile",
            str(tmp_path / "config.yaml"),
            "--cores",
            "1",
            "--allowed-rules",
            "train_encoder",
            "eval_encoder",
        ],  # the data files above are given
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1"),
    )
    assert result.returncode == 0, result.stderr[-6000:]

    log = [json.loads(line) for line in (out / "train_log.jsonl").read_text().splitlines()]
    assert len(log) == 24  # 3 epochs x 8 batches, one loss per step
    assert (out / "model" / "modules.json").is_file()
    metrics = read_json(out / "metrics.json")
    assert set(metrics["before"]) == set(metrics["after"]) == set(TOY_LANGS)
    assert metrics["average"]["after"]["sql_acc@1"] > metrics["average"]["before"]["sql_acc@1"]
    for name in ("train", "eval"):
        assert (tmp_path / f"logs/encoder/{name}_minilm-contrastive.log").is_file()
        assert (tmp_path / f"benchmarks/encoder/{name}_minilm-contrastive.tsv").is_file()
