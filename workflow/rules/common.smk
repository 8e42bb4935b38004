"""Shared set-up: config validation, the ablation grid, systems, and named input functions.

Everything that turns config into job lists lives here, so rule files stay declarative.
"""

import os
from pathlib import Path

from snakemake.utils import min_version

from polysql.workflow_config import (
    expand_grid,
    load_validated_config,
    model_dir as _model_dir,
    model_needs_preparation,
    systems_from_config,
)

min_version("9.0")

# Validate and fill in defaults in place, so scripts see the same values through snakemake.config.
_validated = load_validated_config(config, schema_path=workflow.source_path("../schemas/config.schema.yaml"))
config.clear()
config.update(_validated)

LANGS = list(config["languages"])
# Training languages of the grid: "all" (every language together) or one language.
RUNS = expand_grid(config)  # run id (e.g. "lang~all/reward~exec/seed~0") -> {train_lang, reward_set, seed}
SYSTEMS = systems_from_config(config, RUNS)  # system id -> {model, adapter, run, label}
TRAIN_LANGS = sorted({run["train_lang"] for run in RUNS.values()})
ENCODERS = sorted(config.get("encoders", {}))

# Jobs import polysql from this checkout even inside a conda env (--sdm conda) or on a SLURM node
# (the plugin exports the environment): the envs pin dependencies only.
_src = str(Path(workflow.basedir) / "src")
if _src not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_src, os.environ.get("PYTHONPATH")) if p)

# Offline by default: compute jobs never reach a hub (the prefetch rule is the only exception).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _alternation(values):
    import re

    return "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True)) or "^$"


wildcard_constraints:
    lang=_alternation(LANGS),
    split=_alternation({config["benchmark"]["train_split"], config["benchmark"]["eval_split"]}),
    train_lang=_alternation(TRAIN_LANGS + ["all"]),
    system=_alternation(SYSTEMS),
    run=_alternation(RUNS),
    model=_alternation(config["models"]),
    encoder=_alternation(ENCODERS) if ENCODERS else "^$",


def model_dir(name):
    """The folder a model loads from: a prepared copy under resources/models/ or a local path."""
    return str(_model_dir(name, config["models"][name]))


def model_ready(name):
    """Flag file written once a hub model is fetched or a GGUF converted ([] for local folders)."""
    if model_needs_preparation(config["models"][name]):
        return f"resources/models/{name}/.ready"
    return []


def benchmark_files(wildcards=None):
    """The benchmark's files the prepare rule reads (data JSON of every language + tables)."""
    bench = Path(config["benchmark"]["dir"])
    splits = [config["benchmark"]["train_split"], config["benchmark"]["eval_split"]]
    return [str(bench / f"{split}_{lang}.json") for split in splits for lang in LANGS]


def system_model_ready(wildcards):
    return model_ready(SYSTEMS[wildcards.system]["model"])


def system_adapter(wildcards):
    """The LoRA adapter folder of a system (a trained run's, or a configured one), or nothing."""
    return SYSTEMS[wildcards.system]["adapter"] or []


def run_reward_encoders(wildcards):
    """Encoders a GRPO run's reward set needs (the semantic reward loads one)."""
    reward_set = config["reward_sets"][RUNS[wildcards.run]["reward_set"]]
    if "semantic" in reward_set:
        return f"results/encoder/{config['rewards']['semantic']['encoder']}/model"
    return []


def run_train_data(wildcards):
    return f"results/data/grpo_train_{RUNS[wildcards.run]['train_lang']}.jsonl"


def run_model_ready(wildcards):
    return model_ready(config["grpo"]["model"])


def encoder_base_ready(wildcards):
    return model_ready(config["encoders"][wildcards.encoder]["base_model"])


def all_metrics():
    return expand("results/metrics/{system}/{lang}.json", system=sorted(SYSTEMS), lang=LANGS)


def grpo_sample_size(wildcards):
    """GRPO sample size: data.grpo_train_size for all languages; per_language_train_size (or the same) for one."""
    if wildcards.train_lang == "all":
        return config["data"]["grpo_train_size"]
    return config["data"]["per_language_train_size"] or config["data"]["grpo_train_size"]


from polysql.report.tables import grid_rows, main_rows

MAIN_ROWS = main_rows(config)  # rows of results/tables/main.csv (each pools a system's seeds)
GRID_ROWS = grid_rows(config)  # (train_lang, reward_set, row) per cell of the grid
MAIN_RUNS = sorted({SYSTEMS[s]["run"] for row in MAIN_ROWS for s in row.systems if SYSTEMS[s]["run"]})


def grpo_sample_pools(wildcards):
    """The train-split files a GRPO sample draws from (every language, or the run's one)."""
    split = config["benchmark"]["train_split"]
    langs = LANGS if wildcards.train_lang == "all" else [wildcards.train_lang]
    return expand("results/data/{split}_{lang}.jsonl", split=split, lang=langs)


def main_table_inputs(wildcards=None):
    """Per-example metrics of every system of the main table, plus the plots the main target includes."""
    systems = [s for row in MAIN_ROWS for s in row.systems]
    inputs = {"metrics": expand("results/metrics/{system}/{lang}.examples.jsonl", system=systems, lang=LANGS)}
    if MAIN_RUNS:
        inputs["curves"] = "results/plots/training_curves.png"
    if ENCODERS:
        inputs["encoder_plot"] = "results/plots/encoder_retrieval.png"
    return inputs


def grid_metrics(wildcards=None):
    systems = [s for _, _, row in GRID_ROWS for s in row.systems]
    return expand("results/metrics/{system}/{lang}.examples.jsonl", system=systems, lang=LANGS)


def main_train_logs(wildcards=None):
    return {run: f"results/grpo/{run}/train_log.jsonl" for run in MAIN_RUNS}


def encoder_metrics(wildcards=None):
    return {name: f"results/encoder/{name}/metrics.json" for name in ENCODERS}
