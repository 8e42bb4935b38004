"""The real Snakemake CLI: the data stage on the mini benchmark, the whole workflow on a tiny config,
and dry runs of the paper's setup."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from polysql import LANGUAGES
from polysql.io import read_json, read_jsonl
from tiny_workflow import write_tiny_config

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "resources" / "mini"


def snakemake(workdir: Path, *args: str, configfile: Path | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the project's Snakefile with ``workdir`` as the working directory.

    ``--configfile`` goes last: it takes several values and would swallow targets after it.
    """
    if configfile is not None:
        args = (*args, "--configfile", str(configfile))
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"), "--directory", str(workdir),
         "--profile", str(REPO / "profiles" / "default"), *args],
        capture_output=True, text=True, timeout=timeout, env=env,
    )


def _check(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"snakemake {result.args[3:]} failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}"


def _write_config(path: Path, config: dict) -> Path:
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def test_data_stage_on_the_mini_benchmark(tmp_path):
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    config["benchmark"]["dir"] = str(MINI)
    configfile = _write_config(tmp_path / "config.yaml", config)
    targets = [f"results/data/eval_{lang}.jsonl" for lang in LANGUAGES] + ["results/data/grpo_train_all.jsonl"]
    _check(snakemake(tmp_path, "--cores", "2", *targets, configfile=configfile))

    summary = read_json(tmp_path / "results/data/prepare_summary.json")
    assert summary["gold_failures"] == []
    for lang in LANGUAGES:
        assert summary["counts"]["train"][lang] >= 400 and summary["counts"]["dev"][lang] >= 150
    evals = {lang: read_jsonl(tmp_path / f"results/data/eval_{lang}.jsonl") for lang in LANGUAGES}
    assert all(len(records) == config["data"]["eval_per_language"] for records in evals.values())
    assert len({tuple(r["intent"] for r in records) for records in evals.values()}) == 1  # same intents
    sample = read_jsonl(tmp_path / "results/data/grpo_train_all.jsonl")
    assert len(sample) == config["data"]["grpo_train_size"]
    per_lang = pd.Series([r["lang"] for r in sample]).value_counts()
    assert set(per_lang) == {config["data"]["grpo_train_size"] // len(LANGUAGES)}
    assert {r["split"] for r in sample} == {"train"}


def test_lint_is_clean(tmp_path):
    result = snakemake(REPO, "--lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Lints for" not in result.stdout + result.stderr


def _jobs_in_dry_run(output: str) -> dict[str, int]:
    table = re.search(r"Job stats:\njob\s+count\n[-\s]+\n(.*?)\ntotal\s+(\d+)", output, re.S)
    assert table, output[-3000:]
    jobs = {name: int(count) for name, count in re.findall(r"^(\S+)\s+(\d+)$", table.group(1), re.M)}
    jobs["total"] = int(table.group(2))
    return jobs


def test_paper_dry_run_lists_the_whole_grid(tmp_path):
    main = snakemake(tmp_path, "-n", "results/tables/main.csv", configfile=REPO / "config/paper.yaml")
    _check(main)
    jobs = _jobs_in_dry_run(main.stdout + main.stderr)
    # zero-shot 3B and 8B + GRPO (exec, exec_semantic) x 3 seeds = 8 systems x 7 languages
    assert jobs["generate"] == 8 * 7 and jobs["evaluate"] == 8 * 7
    assert jobs["train_grpo"] == 6 and jobs["train_encoder"] == 1
    ablations = snakemake(tmp_path, "-n", "ablations", configfile=REPO / "config/paper.yaml")
    _check(ablations)
    jobs = _jobs_in_dry_run(ablations.stdout + ablations.stderr)
    runs = 1 * 5 * 3 + 7 * 2 * 3  # reward-set block + train-language block
    assert jobs["train_grpo"] == runs
    assert jobs["generate"] == runs * 7 and jobs["evaluate"] == runs * 7


@pytest.fixture(scope="module")
def tiny_workflow(tmp_path_factory):
    """The whole workflow on a tiny config: tiny in-process models, 2 languages, 2 GRPO steps."""
    workdir = tmp_path_factory.mktemp("tiny_workflow")
    configfile = write_tiny_config(workdir)
    config = yaml.safe_load(configfile.read_text())
    result = snakemake(workdir, "--cores", "2", "results/tables/main.csv", configfile=configfile)
    return workdir, configfile, config, result


def test_tiny_workflow_end_to_end(tiny_workflow):
    workdir, configfile, config, result = tiny_workflow
    _check(result)
    table = pd.read_csv(workdir / "results/tables/main.csv")
    assert list(table["label"]) == [row["label"] for row in config["report"]["main_table"]]
    for scope in ["en", "de", "avg"]:
        for metric in ["EX", "Sem"]:
            assert table[f"{scope}_{metric}"].between(0, 100).all()
    assert "ja_EX" not in table.columns
    for plot in ["main_bars", "training_curves", "encoder_retrieval"]:
        assert (workdir / f"results/plots/{plot}.png").stat().st_size > 5_000
    for run in ["lang~all/reward~exec/seed~0", "lang~all/reward~exec_semantic/seed~0"]:
        log = read_jsonl(workdir / f"results/grpo/{run}/train_log.jsonl")
        assert [r["step"] for r in log if "loss" in r] == [1, 2]
        assert (workdir / f"results/grpo/{run}/adapter/adapter_config.json").is_file()
    semantic_log = read_jsonl(workdir / "results/grpo/lang~all/reward~exec_semantic/seed~0/train_log.jsonl")
    assert any("rewards/semantic/mean" in record for record in semantic_log)
    metrics = read_json(workdir / "results/metrics/base/de.json")
    assert metrics["n"] == 4 and 0 <= metrics["ex"] <= 1


def test_tiny_workflow_second_run_does_nothing(tiny_workflow):
    workdir, configfile, _, result = tiny_workflow
    _check(result)
    again = snakemake(workdir, "--cores", "2", "results/tables/main.csv", configfile=configfile)
    _check(again)
    assert "Nothing to be done" in again.stdout + again.stderr
