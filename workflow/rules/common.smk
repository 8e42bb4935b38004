"""Shared set-up: config validation, the ablation grid, systems, and named input functions.

Everything that turns config into job lists lives here (the audit's in audit_common.smk), so rule
files hold rules only: declarative, and `snakemake --lint` stays clean. Paths come from polysql.paths.
"""

import os
import re
import sys
from pathlib import Path

from snakemake.utils import min_version

from polysql import paths  # every output path of the workflow (rule files use its templates)
from polysql.grpo.launch import GRPOLaunch, job_gpus as grpo_job_gpus, job_gres as grpo_job_gres
from polysql.models.memory import configured_model_params, job_mem_mb
from polysql.models.sources import model_dir as _model_dir, model_needs_preparation
from polysql.workflow_plan import (
    canonical as canonical_params,
    expand_grid,
    grpo_output_params,
    grpo_run_inputs,
    output_settings,
    prepend_python_bin,
    prepend_pythonpath,
    report_params,
    systems_from_config,
)
from polysql.config_files import DEFAULT_CONFIGFILE
from polysql.workflow_config import load_workflow_config

min_version("9.0")

# Snakemake has merged the --configfile files over each other, keeping the last of two equal keys
# without notice and knowing nothing of `extends:`. Build the config again from its layers, each file
# read strictly (a repeated key or a YAML error fails naming the file and the line), validate it and fill
# in the defaults, in place, so scripts see the same values through snakemake.config.
_validated = load_workflow_config(
    workflow.overwrite_configfiles,
    schema_path=workflow.source_path("../schemas/config.schema.yaml"),
    overrides=dict(workflow.config_settings.config),
)
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
prepend_pythonpath(Path(workflow.basedir) / "src")

prepend_python_bin()  # shell jobs (train_grpo) run this Snakemake's `python` (or a conda env's)

# Offline by default: compute jobs never reach a hub (the prefetch rule is the only exception).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _alternation(values):
    """A regex matching exactly one of ``values`` (longest first), for wildcard constraints."""
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
    """What a job loading the model waits for: the flag of a fetched hub model or converted GGUF, the
    summary of a warm-started model ([] for local folders)."""
    spec = config["models"][name]
    if spec["source"] == "warm_start":
        return paths.warm_start_summary(name)
    if model_needs_preparation(spec):
        return paths.model_ready_flag(name)
    return []


def benchmark_files(wildcards=None):
    """The benchmark's files the prepare rule reads, or the fetch flag when MultiSpider must be fetched.

    Every layout the loader reads is accepted ({split}_{lang}.json, {lang}/{split}.json, Spider's
    English files), found as polysql.data.spider.split_files finds them; when a split/language
    has no file, the flat name is required, so Snakemake names the missing file.
    """
    from polysql.data.spider import split_files
    from polysql.io import DataError

    bench = Path(config["benchmark"]["dir"])
    if bench == Path(paths.MULTISPIDER_DIR):
        return [paths.MULTISPIDER_FLAG]
    splits = [config["benchmark"]["train_split"], config["benchmark"]["eval_split"]]
    files = []
    for split in splits:
        for lang in LANGS:
            try:
                files += [str(path) for path in split_files(bench, split, lang)]
            except DataError:
                files.append(str(bench / f"{split}_{lang}.json"))
    return files


def benchmark_databases(wildcards=None):
    """The benchmark's original databases (DIR/database/<db>/<db>.sqlite): inputs of every rule that reads
    them, so an edited database replans those jobs."""
    from polysql.data.spider import database_files

    return database_files(config["benchmark"]["dir"])[0]


def benchmark_suite_databases(wildcards=None):
    """The benchmark's test-suite variants (other .sqlite files in DIR/database/<db>/): inputs of evaluate."""
    from polysql.data.spider import database_files

    return database_files(config["benchmark"]["dir"])[1]


def system_model_ready(wildcards):
    return model_ready(SYSTEMS[wildcards.system]["model"])


def system_adapter(wildcards):
    """The LoRA adapter folder of a system (a trained run's, or a configured one), or nothing."""
    return SYSTEMS[wildcards.system]["adapter"] or []


def grpo_inputs(wildcards):
    """A GRPO run's input files (sample, reward encoder, held-out pools): see polysql.workflow_plan.grpo_run_inputs."""
    return grpo_run_inputs(config, RUNS[wildcards.run])


def run_model_ready(wildcards):
    return model_ready(config["grpo"]["model"])


def encoder_base_ready(wildcards):
    return model_ready(config["encoders"][wildcards.encoder]["base_model"])


def grpo_sample_size(wildcards):
    """GRPO sample size: data.grpo_train_size for all languages; per_language_train_size (or the same) for one."""
    if wildcards.train_lang == "all":
        return config["data"]["grpo_train_size"]
    return config["data"]["per_language_train_size"] or config["data"]["grpo_train_size"]


from polysql.workflow_plan import grid_rows, main_rows

MAIN_ROWS = main_rows(config)  # rows of results/tables/main.csv (each pools a system's seeds)
GRID_ROWS = grid_rows(config)  # (train_lang, reward_set, row) per cell of the grid
MAIN_RUNS = sorted({SYSTEMS[s]["run"] for row in MAIN_ROWS for s in row.systems if SYSTEMS[s]["run"]})


def heldout_database_list(wildcards=None):
    """The held-out train databases (data.heldout_databases), or nothing when none are held out."""
    return paths.HELDOUT_DATABASES if config["data"]["heldout_databases"] else []


def in_domain_summary(wildcards=None):
    """The in-domain evaluation set's summary (its intents, kept out of every training input), or nothing."""
    return paths.in_domain(paths.EVAL_SUMMARY) if config["data"]["in_domain_eval"] else []


def grpo_sample_pools(wildcards):
    """The train-split files a GRPO sample draws from (every language, or the run's one)."""
    split = config["benchmark"]["train_split"]
    langs = LANGS if wildcards.train_lang == "all" else [wildcards.train_lang]
    return expand(paths.SPLIT_FILE, split=split, lang=langs)


def main_table_inputs(wildcards=None):
    """Per-example metrics of every system of the main table, plus the plots (and the in-domain tables, when
    data.in_domain_eval asks for them) the main target includes."""
    inputs = {"metrics": main_table_examples(paths.EXAMPLES)}
    if config["data"]["in_domain_eval"]:
        inputs["in_domain"] = paths.in_domain(paths.MAIN_TABLE)
    if MAIN_RUNS:
        inputs["curves"] = paths.TRAINING_CURVES
    if ENCODERS:
        inputs["encoder_plot"] = paths.ENCODER_RETRIEVAL
    return inputs


def main_table_examples(pattern):
    """``pattern`` (per-example metrics, of the evaluation split or its in-domain twin) for every system of
    the main table and every language."""
    return expand(pattern, system=[s for row in MAIN_ROWS for s in row.systems], lang=LANGS)


def in_domain_table_examples(wildcards=None):
    """The main table's per-example metrics on the in-domain evaluation set."""
    return main_table_examples(paths.in_domain(paths.EXAMPLES))


def grid_metrics(wildcards=None):
    """Per-example metrics of every system of the ablation grid."""
    systems = [s for _, _, row in GRID_ROWS for s in row.systems]
    return expand(paths.EXAMPLES, system=systems, lang=LANGS)


def main_train_logs(wildcards=None):
    """Train logs of the GRPO runs the main table shows (run id -> path)."""
    return {run: paths.grpo_train_log(run) for run in MAIN_RUNS}


def encoder_metrics(wildcards=None):
    """Retrieval metrics of every configured encoder (name -> path)."""
    return {name: paths.encoder_metrics(name) for name in ENCODERS}


# --- models stage ---

def model_spec(wildcards):
    """The model's spec (canonical: a param, so a changed revision or checksum prepares it again)."""
    return canonical_params(config["models"][wildcards.model])


def prepared_model_dir(wildcards):
    return model_dir(wildcards.model)


def prepared_models():
    """Ready flags of every model that must be fetched or converted before jobs load it."""
    return [flag for name in sorted(config["models"]) for flag in [model_ready(name)] if flag]


def system_model_dir(wildcards):
    return model_dir(SYSTEMS[wildcards.system]["model"])


def shot_pool(wildcards):
    """The train split of every language: the few-shot pool (nothing when shots = 0)."""
    if config["prompt"]["shots"] > 0:
        return [paths.split_file(config["benchmark"]["train_split"], lang) for lang in LANGS]
    return []


def generation_gpus(wildcards):
    return 1 if config["generation"]["gpu"] else 0


def generation_mem_mb(wildcards):
    """config generation.mem_mb, or computed from the system's model in the generation dtype."""
    if config["generation"]["mem_mb"] is not None:
        return config["generation"]["mem_mb"]
    params = configured_model_params(SYSTEMS[wildcards.system]["model"], config["models"])
    return job_mem_mb(params, config["generation"]["dtype"], factor=1.5, extra_mb=4000)


def generation_runtime(wildcards):
    return config["generation"].get("runtime_min", 60)


def benchmark_tables(wildcards):
    """Spider's tables.json of the benchmark (exact-set match follows its column order)."""
    return str(Path(config["benchmark"]["dir"]) / "tables.json")


# --- encoder stage ---


def encoder_spec(wildcards):
    """The encoder's config section without threads (a param, so changed hyperparameters re-run training)."""
    return output_settings(config["encoders"][wildcards.encoder], "encoder")


def encoder_eval_spec(wildcards):
    """What the retrieval evaluation reads of the encoder's section (the trained model is an input)."""
    spec = config["encoders"][wildcards.encoder]
    return canonical_params({key: spec.get(key) for key in ("base_model", "max_seq_length", "gpu")})


def encoder_base_dir(wildcards):
    """The base model's folder (a prepared copy or a local sentence-transformers folder)."""
    return model_dir(config["encoders"][wildcards.encoder]["base_model"])


def encoder_threads(wildcards):
    """CPU threads of the encoder jobs (config encoders.<name>.threads)."""
    return config["encoders"][wildcards.encoder].get("threads", 2)


def encoder_gpus(wildcards):
    """GPUs the encoder jobs ask for (config encoders.<name>.gpu)."""
    return 1 if config["encoders"][wildcards.encoder].get("gpu", False) else 0


# --- grpo stage ---

def grpo_run(wildcards):
    """The grid entry of a run: {train_lang, reward_set, seed}."""
    return canonical_params(RUNS[wildcards.run])


def grpo_model_dir(wildcards):
    """The policy model's folder (only asked for when the grid has runs, so grpo.model is set)."""
    return model_dir(config["grpo"]["model"])


def grpo_launch(wildcards):
    """The command of a train_grpo job, waiting for `--run-id <id>` (polysql.grpo.launch): one process, or a
    launcher starting grpo.processes per node. Each process rebuilds the config from this run's config
    files and --config values, so it trains what this Snakefile planned. Not a rerun trigger."""
    return GRPOLaunch(config["grpo"], configfiles=workflow.overwrite_configfiles or [DEFAULT_CONFIGFILE],
                      overrides=dict(workflow.config_settings.config), model_dir=grpo_model_dir(wildcards))


def grpo_gpus(wildcards):
    """GPUs of a train_grpo job (sbatch --gpus): one per process on one node (multi-node: grpo_gres)."""
    return grpo_job_gpus(config["grpo"])


def grpo_gres(wildcards):
    """Per-node GPUs of a multi-node train_grpo job (sbatch --gres=gpu:<processes>), else empty."""
    return grpo_job_gres(config["grpo"])


def grpo_nodes(wildcards):
    return config["grpo"]["nodes"]


def grpo_mem_mb(wildcards):
    """config grpo.mem_mb, or computed from the policy: bf16 weights on a GPU with trainer.bf16, else
    float32; twice the weights (the policy, a reference and activations), for every process of a node."""
    if config["grpo"]["mem_mb"] is not None:
        return config["grpo"]["mem_mb"]
    bf16 = config["grpo"]["gpu"] and config["grpo"]["trainer"].get("bf16", False)
    params = configured_model_params(config["grpo"]["model"], config["models"])
    one = job_mem_mb(params, "bfloat16" if bf16 else "float32", factor=2.0, extra_mb=8000)
    return one * config["grpo"]["processes"]


def grpo_runtime(wildcards):
    return config["grpo"]["runtime_min"]


# --- params: only what changes a job's output, canonical (sorted keys) ---
# Every params value below goes through canonical_params (polysql.workflow_plan.canonical), so
# Snakemake's "Params have changed" never fires on key order; resources (threads, gpu, mem_mb,
# runtime_min), labels and saving cadence are left out. Rule files of other stages reuse
# canonical_params / output_settings for their own params.


def generation_params(wildcards=None):
    """config generation without resources (backend, dtype, batch size, lengths, device)."""
    return output_settings(config["generation"], "generation")


def prompt_params(wildcards=None):
    return canonical_params(config["prompt"])


def sql_params(wildcards=None):
    """config sql without workers (in-process or a worker pool give the same scores)."""
    return output_settings(config["sql"], "sql")


def _grpo_params(wildcards, key):
    return grpo_output_params(config, RUNS[wildcards.run])[key]


def grpo_params(wildcards):
    """config grpo without resources and checkpoint cadence: model name, train_size, lora, trainer."""
    return _grpo_params(wildcards, "grpo")


def grpo_model_spec(wildcards):
    """The policy model's spec (its revision or checksum is part of the run's identity)."""
    return _grpo_params(wildcards, "model_spec")


def grpo_reward_set(wildcards):
    """{name: weights} of the run's own reward set (adding another set changes nothing here)."""
    return _grpo_params(wildcards, "reward_sets")


def grpo_reward_sections(wildcards):
    """config rewards, only the sections of the rewards the run's reward set uses."""
    return _grpo_params(wildcards, "rewards")


def grpo_data_params(wildcards):
    """The shot seed (data.seed); the sample itself is an input file."""
    return _grpo_params(wildcards, "data")


def main_report_params(wildcards=None):
    """Languages, bootstrap settings, rows (labels, compare_to) and the runs of the main table."""
    return report_params(config, {rid: run for rid, run in RUNS.items() if rid in MAIN_RUNS}, "main")


def ablation_report_params(wildcards=None):
    """Languages, bootstrap settings, reference reward set and every run of the grid."""
    return report_params(config, RUNS, "ablation")


# --- warm-start stage ---


def warm_start_base_ready(wildcards):
    return model_ready(config["models"][wildcards.model]["base"])


def warm_start_base_dir(wildcards):
    return model_dir(config["models"][wildcards.model]["base"])


def warm_start_exclusions(wildcards):
    """The GRPO sample whose intents the warm start leaves out (nothing when it is told not to)."""
    return paths.grpo_sample("all") if config["warm_start"]["exclude_grpo_sample"] else []


def warm_start_spec(wildcards):
    """config warm_start without its resource keys, canonical (a param: a changed value retrains)."""
    return canonical_params({k: v for k, v in config["warm_start"].items() if k not in ("threads", "gpu")})


def grpo_heldout_inputs(wildcards):
    """The split files the held-out learning curves sample from, with the evaluation sets they leave out
    or the held-out database list they keep to (nothing when off)."""
    keys = ("heldout_pool", "eval_sets", "heldout_databases")
    return {key: files for key, files in grpo_inputs(wildcards).items() if key in keys}


def run_train_data(wildcards):
    return grpo_inputs(wildcards)["data"]


def run_reward_encoders(wildcards):
    """Encoders a GRPO run's reward set needs (the semantic reward loads one)."""
    return grpo_inputs(wildcards)["encoders"]


onstart:
    # The CPU, the path taken (bf16 autocast or float32) and, for the default, each stage's expected time.
    from polysql.cpu import startup_report

    print(startup_report(default_config=not workflow.overwrite_configfiles), file=sys.stderr)
    # A SIGTERM to snakemake reaches the running jobs (GRPO saves a checkpoint and stops) before Snakemake's
    # own graceful stop; local execution only (SLURM signals its jobs itself, --signal).
    from polysql.signals import forward_sigterm_to_jobs

    forward_sigterm_to_jobs(local=workflow.local_exec)
