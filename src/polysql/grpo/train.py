"""SFT-free GRPO training of a causal LM with a LoRA adapter and weighted SQL rewards (TRL 1.16).

One run = (training languages, reward set, seed). The prompts are built by the same prompt builder
as evaluation (:func:`polysql.models.prompts.build_prompt`, config ``prompt``), the rewards come
from the registry (config ``rewards`` and ``reward_sets``), and every ``grpo.trainer`` key is a
TRL GRPOConfig field. A run is described by a :class:`~polysql.grpo.run_config.GRPORunConfig`.
Checkpoints go to its ``checkpoints_dir`` (not a declared Snakemake output), so a killed job restarts
from the last one; the live training log sits beside them.

Run through Snakemake (``workflow/rules/grpo.smk``)::

    snakemake --cores 2 results/grpo/lang~all/reward~exec/seed~0/adapter
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Iterable, Mapping

from polysql.grpo.config import build_grpo_args, check_batch_geometry, lora_config, validate_trainer_section, world_size
from polysql.grpo.reliability import (
    check_sample_gold,
    checkpoint_space_guard,
    gold_failures_allowed,
    hold_run_lock,
    install_resumable_sampler,
    reliability_callbacks,
)
from polysql.grpo.run_config import GRPORunConfig
from polysql.grpo.train_log import PhaseTimer, TrainLogCallback, merge_step_records, read_train_log, timed_reward
from polysql.io import DataError, iter_jsonl, write_json, write_jsonl

log = logging.getLogger(__name__)

REQUIRED_FIELDS = ("id", "db_id", "db_path", "question", "gold_sql", "lang")
"""Fields every GRPO training record must have."""
KEPT_FIELDS = ("id", "intent", "lang", "db_id", "db_path", "question", "gold_sql", "hardness")
"""Columns kept in the training dataset: the rewards receive them as keyword lists."""


def set_threads(threads: int | None) -> None:
    """Limit torch (intra-op) and OpenMP threads to ``threads`` (None/0: leave as is)."""
    if not threads:
        return
    import torch

    os.environ["OMP_NUM_THREADS"] = str(threads)
    torch.set_num_threads(int(threads))


def load_training_records(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Read the GRPO sample and check each record has what prompts and rewards need.

    Raises:
        DataError: A missing field (naming file, line and field), a missing database file, or no records.
    """
    records = []
    missing_dbs: dict[str, int] = {}
    for number, record in enumerate(iter_jsonl(path), start=1):
        absent = [key for key in REQUIRED_FIELDS if not record.get(key)]
        if absent:
            raise DataError(f"{path}: record {number} lacks {absent} (needs {list(REQUIRED_FIELDS)})")
        if not Path(record["db_path"]).is_file():
            missing_dbs.setdefault(record["db_path"], number)
        records.append({key: str(record[key]) for key in KEPT_FIELDS if record.get(key) is not None})
    if missing_dbs:
        listed = ", ".join(f"{db} (record {n})" for db, n in list(missing_dbs.items())[:5])
        raise DataError(f"{path}: {len(missing_dbs)} database file(s) not found from {os.getcwd()}: {listed}")
    if not records:
        raise DataError(f"{path}: no training records")
    # datasets needs one schema: a field present in some records only is filled with "".
    keys = [key for key in KEPT_FIELDS if any(key in record for record in records)]
    return [{key: record.get(key, "") for key in keys} for record in records]


def build_grpo_dataset(records: list[dict[str, Any]], tokenizer, *, prompt_config: Mapping | None, seed: int = 0):
    """A datasets.Dataset with a rendered ``prompt`` column plus the record fields.

    Shots are drawn from the training records themselves (other databases, same language first),
    with :func:`polysql.models.prompts.build_prompt`, the builder evaluation uses.
    """
    from datasets import Dataset

    from polysql.models.prompts import build_prompt

    rows = []
    for record in records:
        prompt = build_prompt(record, tokenizer, pool=records, prompt_config=prompt_config, seed=seed)
        rows.append({"prompt": prompt, **record})
    return Dataset.from_list(rows)


def train_grpo(
    run_cfg: Mapping[str, Any],
    *,
    train_path: str | os.PathLike,
    model_path: str | os.PathLike,
    out_dir: str | os.PathLike,
    checkpoints_dir: str | os.PathLike,
    encoder_paths: Mapping[str, str] | Iterable[str] | str | None = None,
    config: Mapping[str, Any],
    heldout_records: list[dict[str, Any]] | None = None,
    callbacks: list | None = None,
) -> dict[str, Any]:
    """:func:`train_run` with the run given as a grid entry, a config mapping and paths (tests, benchmarks).

    Args:
        run_cfg: ``{"train_lang", "reward_set", "seed"}`` (one entry of the grid).
        train_path: The GRPO sample (``results/data/grpo_train_<lang>.jsonl``).
        model_path: The prepared policy model folder.
        out_dir: ``results/grpo/<run>``; receives ``adapter/`` (PEFT adapter + tokenizer) and the log.
        checkpoints_dir: Where TRL checkpoints (every ``grpo.trainer.save_steps``) and the live log go;
            the newest complete checkpoint there is resumed from.
        encoder_paths: Encoders for the semantic reward (name -> folder, or folder paths).
        config: The workflow config (keys ``grpo``, ``rewards``, ``reward_sets``, ``prompt``, ``sql``, ``data``);
            ``grpo.hardness`` (optional) keeps only records of those Spider hardness levels, then
            ``grpo.train_size`` (optional) keeps only the first N of them (the sample is shuffled).
        heldout_records: Dev examples scored greedily every ``grpo.heldout.every`` steps (learning curves
            on held-out data, see :mod:`polysql.grpo.heldout`); None or empty: no held-out checks.
        callbacks: Extra transformers TrainerCallbacks (tests use one to simulate a kill).

    Raises:
        KeyError: The run's reward set is not in ``config["reward_sets"]``.
    """
    run = GRPORunConfig.from_config(
        run_cfg,
        config,
        train_path=train_path,
        model_path=model_path,
        out_dir=out_dir,
        checkpoints_dir=checkpoints_dir,
        encoder_paths=encoder_paths,
    )
    return train_run(run, heldout_records=heldout_records, callbacks=callbacks, reliability=config.get("reliability"))


def train_run(
    run: GRPORunConfig,
    *,
    heldout_records: list[dict[str, Any]] | None = None,
    callbacks: list | None = None,
    reliability: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Train one GRPO run and write its adapter (``out_dir/adapter/``) and train log (``out_dir/train_log.jsonl``).

    ``grpo.hardness`` (optional) keeps only training records of those Spider hardness levels, then
    ``grpo.train_size`` (optional) keeps only the first N of them (the sample is shuffled).

    Args:
        run: What to train and where (see :class:`~polysql.grpo.run_config.GRPORunConfig`).
        heldout_records: Dev examples scored greedily every ``grpo.heldout.every`` steps (learning curves
            on held-out data, see :mod:`polysql.grpo.heldout`); None: the run's own held-out sample
            (:meth:`~polysql.grpo.run_config.GRPORunConfig.load_heldout_records`); empty: no held-out checks.
        callbacks: Extra transformers TrainerCallbacks (tests use one to simulate a kill).
        reliability: Config ``reliability`` (``gold_failures_allowed``; see :mod:`polysql.grpo.sample_check`).

    Returns:
        A summary: ``global_step``, ``resumed_from`` (step or None), ``wall_s``, ``train_metrics``.

    Raises:
        GRPOConfigError: Bad ``grpo`` config (unknown GRPOConfig field, batch geometry), before loading anything.
        DataError: Bad training data.
    """
    started = time.perf_counter()
    grpo_cfg = dict(run.grpo)
    train_path = run.train_path
    from polysql.grpo import launch

    # Fail fast, before the model loads: the process layout, then the batch each process takes (the
    # config's per_device_train_batch_size is a one-process run's, so every process count trains alike).
    world = world_size()
    trainer_section = launch.per_process_trainer(validate_trainer_section(grpo_cfg.get("trainer")), world)
    trainer_section = launch.server_fields(trainer_section, os.environ)
    geometry = check_batch_geometry(trainer_section, n_processes=world)
    from polysql.devices import require_device

    require_device(gpu=bool(grpo_cfg.get("gpu")), bf16=bool(trainer_section.get("bf16")), key="grpo")
    run_lock = hold_run_lock(run.checkpoints_dir)  # a second trainer on this run stops here (rank 0 holds it)
    import torch

    launch.check_launch(grpo_cfg, world_size=world, cuda=torch.cuda.is_available())
    local_processes = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))  # processes sharing this node's threads
    set_threads(max(1, int(grpo_cfg["threads"]) // local_processes) if grpo_cfg.get("threads") else None)
    is_main = int(os.environ.get("RANK", "0")) == 0

    from polysql.models.sources import load_causal_lm
    from polysql.rewards.registry import RewardContext, build_reward_funcs

    records = load_training_records(train_path)
    if grpo_cfg.get("hardness"):  # a curriculum: only the levels where the policy has a foothold
        wanted = set(grpo_cfg["hardness"])
        records = [r for r in records if r.get("hardness") in wanted]
        if not records:
            raise DataError(f"{train_path}: no training record has a hardness in grpo.hardness {sorted(wanted)}")
    if grpo_cfg.get("train_size"):
        records = records[: int(grpo_cfg["train_size"])]
    records, gold_failures = check_sample_gold(  # a failing gold query stops the job here
        records, source=train_path, allowed=gold_failures_allowed(reliability), sql_config=run.sql
    )
    context = RewardContext(sql_config=run.sql, encoder_paths=run.encoder_paths)
    funcs, weights = build_reward_funcs(run.reward_weights, run.rewards, context=context)
    timer = PhaseTimer()
    funcs = [timed_reward(func, timer) for func in funcs]

    on_gpu = torch.cuda.is_available()
    checkpoints_dir = Path(run.checkpoints_dir)
    args = build_grpo_args(
        trainer_section, output_dir=checkpoints_dir, seed=run.seed, reward_weights=weights, on_gpu=on_gpu
    )
    dtype = "bfloat16" if on_gpu and args.bf16 else "float32"
    log.info(
        "GRPO run %s: %d prompts, rewards %s, %s, generation batch %d = %d prompts x %d completions",
        run.grid_entry,
        len(records),
        dict(zip([f.__name__ for f in funcs], weights)),
        "GPU " + dtype if on_gpu else ("CPU float32 + bf16 autocast" if args.bf16 else "CPU float32"),
        geometry["generation_batch_size"],
        geometry["prompts_per_generation"],
        geometry["num_generations"],
    )
    if is_main:  # under a launcher, one process writes
        resolved = run.resolved(args.to_dict(), launch=launch.describe(grpo_cfg, world))
        write_json(run.resolved_config_path, json.loads(json.dumps(resolved, default=str)))
    device = f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}" if on_gpu else "cpu"  # each rank its own GPU
    model, tokenizer = load_causal_lm(run.model_path, dtype=dtype, device=device)
    dataset = build_grpo_dataset(records, tokenizer, prompt_config=run.prompt, seed=run.data_seed)

    live_log = run.live_log_path
    log_callback = TrainLogCallback(live_log, timer)
    if heldout_records is None:
        heldout_records = run.load_heldout_records()
    heldout = _heldout_callback(
        heldout_records,
        tokenizer,
        records,
        live_log,
        run=run,
        context=context,
        funcs=funcs,
        weights=weights,
        bf16=bool(args.bf16),
    )
    if "tensorboard" in (args.report_to or []):  # offline event files, per run, beside its adapter
        os.environ["TENSORBOARD_LOGGING_DIR"] = str(Path(run.out_dir) / "tensorboard")
    from polysql.grpo.trainer import TimedGRPOTrainer

    trainer = TimedGRPOTrainer(
        model=model,
        reward_funcs=funcs,
        args=args,
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=lora_config(grpo_cfg.get("lora")),
        callbacks=[log_callback, *([heldout] if heldout else []), *reliability_callbacks(), *(callbacks or [])],
        phase_timer=timer,
        skip_zero_advantage=bool(grpo_cfg.get("skip_zero_advantage", False)),
        shared_prefix=bool(grpo_cfg.get("shared_prefix", False)),
    )

    install_resumable_sampler(trainer)  # epoch k's prompt order never depends on where a run resumed

    # Resume only checkpoints this run definition wrote (others are moved aside); never step past max_steps.
    from polysql.grpo import fingerprint

    plan = fingerprint.prepare_checkpoints(
        checkpoints_dir,
        fingerprint.run_fingerprint(
            run.grid_entry,
            config=run.training_config(),
            model_path=run.model_path,
            train_path=train_path,
            encoder_paths=dict(run.encoder_paths),
        ),
        max_steps=args.max_steps,
        is_main=trainer.is_world_process_zero(),
        barrier=trainer.accelerator.wait_for_everyone,
    )
    resume, resumed_from = plan.checkpoint, plan.step
    launch.check_resume(checkpoints_dir, world, resuming=resume is not None, is_main=is_main)
    if plan.finished:
        from transformers.trainer_utils import TrainOutput

        assert resume is not None and resumed_from is not None  # a finished plan names its checkpoint
        fingerprint.load_checkpoint_adapter(trainer.model, resume)
        trainer.state.global_step = resumed_from
        result = TrainOutput(resumed_from, 0.0, {})
    else:
        with checkpoint_space_guard(checkpoints_dir):  # a full disk names the path and the bytes
            result = trainer.train(resume_from_checkpoint=resume)

    adapter_dir = run.adapter_dir
    with checkpoint_space_guard(adapter_dir, "LoRA adapter"):
        trainer.save_model(str(adapter_dir))  # the PEFT adapter only; every rank takes part (ZeRO-3 gathers)
        if trainer.is_world_process_zero():
            tokenizer.save_pretrained(str(adapter_dir))
    records_out = merge_step_records(read_train_log(live_log))
    if trainer.is_world_process_zero():  # under a launcher, one process writes
        write_jsonl(run.train_log_path, records_out)
    trainer.accelerator.wait_for_everyone()
    summary = {
        "global_step": trainer.state.global_step,
        "resumed_from": resumed_from,
        "wall_s": time.perf_counter() - started,
        "train_metrics": dict(result.metrics),
        "logged_steps": len(records_out),
        "skipped_batches": trainer.skipped_batches,
        "last_batch_shape": trainer.last_batch_shape,  # (sequences, tokens) of the last trained batch
        "bf16_autocast": bool(args.bf16) and not on_gpu,
        "gold_failures": len(gold_failures),
    }
    log.info("GRPO run done: %s", summary)
    if run_lock is not None:
        run_lock.release()
    return summary


def _heldout_callback(heldout_records, tokenizer, pool, live_log, *, run, context, funcs, weights, bf16):
    """The held-out learning-curve callback of a run (None when there is nothing to score)."""
    from polysql.grpo.heldout import HeldOutEvalCallback
    from polysql.models.prompts import build_prompt
    from polysql.rewards.registry import build_reward_funcs

    spec = run.heldout
    if not heldout_records or not spec["every"]:
        return None
    prompts = [
        build_prompt(r, tokenizer, pool=pool, prompt_config=run.prompt, seed=run.data_seed) for r in heldout_records
    ]
    rewards_config = run.rewards
    (execution,), _ = build_reward_funcs({"execution": 1.0}, rewards_config, context=context)
    from polysql.config_schema import with_defaults

    scores = with_defaults(rewards_config.get("execution"), "rewards", "execution")
    return HeldOutEvalCallback(
        heldout_records,
        prompts,
        tokenizer,
        reward_funcs=funcs,
        weights=weights,
        execution=execution,
        path=live_log,
        every=int(spec["every"]),
        bf16=bf16,
        max_new_tokens=int(spec["max_new_tokens"]),
        match=float(scores["match"]),
        error=float(scores["error"]),
    )


def run_from_config(config: Mapping[str, Any], run_id: str) -> GRPORunConfig:
    """The run ``run_id`` of a validated workflow config, with the ``train_grpo`` rule's params, inputs and
    outputs (so training it here or through Snakemake gives the same adapter, at the same place).

    Raises:
        KeyError: ``run_id`` is not in the config's grid.
    """
    from polysql import paths
    from polysql.models.sources import model_dir
    from polysql.workflow_plan import expand_grid, grpo_output_params, grpo_run_inputs, grpo_saving_fields

    runs = expand_grid(config)
    if run_id not in runs:
        raise KeyError(f"run {run_id!r} is not in the grid ({', '.join(runs) or 'no runs'})")
    run = runs[run_id]
    model_name = config["grpo"]["model"]
    params = {
        "run": run,
        "model_dir": model_dir(model_name, config["models"][model_name]),
        "out_dir": paths.grpo_run_dir(run_id),
        "checkpoints_dir": paths.grpo_checkpoints(run_id),
        **grpo_output_params(config, run),
    }
    return GRPORunConfig.from_rule(
        run_id,
        params,
        inputs=grpo_run_inputs(config, run),
        saving_fields=grpo_saving_fields(config["grpo"].get("trainer")),
        threads=config["grpo"].get("threads"),
        gpu=config["grpo"].get("gpu"),
        sql_workers=config["sql"].get("workers", 0),
        launch={key: config["grpo"][key] for key in ("processes", "nodes", "strategy") if key in config["grpo"]},
    )


def main(argv: list[str] | None = None) -> int:
    """Train one run of a config's grid: what the ``train_grpo`` rule runs, in each of its processes
    (:func:`polysql.grpo.launch.launch_command`)::

        python -m polysql.grpo.train --configfile config/paper.yaml --run lang~all/reward~exec_semantic/seed~0

    The config is read as ``snakemake --configfile`` reads it (config/config.yaml only without a config
    file; a file is a whole setup unless it starts with ``extends:``). Inputs are the rule's (the GRPO
    sample, the prepared model, the reward encoder, the held-out pools); outputs and checkpoints go where
    the rule puts them, so a later ``snakemake`` run picks the adapter up. ``--show`` prints the run's
    configuration and exits; ``--resolved`` prints every setting it trains with (each TRL GRPOConfig field
    included) as JSON, what ``resolved_config.json`` records.
    """
    import argparse

    from polysql.config_schema import SCHEMA_PATH, ConfigError
    from polysql.workflow_config import load_workflow_config

    parser = argparse.ArgumentParser(description="Train one GRPO run of the grid (same inputs/outputs as the rule).")
    parser.add_argument(
        "--configfile",
        nargs="+",
        default=[],
        help="config files, in order, as snakemake --configfile (none: config/config.yaml)",
    )
    parser.add_argument("--schema", default=str(SCHEMA_PATH))
    parser.add_argument(
        "--overrides",
        type=json.loads,
        default=None,
        metavar="JSON",
        help="config values over the files, as snakemake --config gives them (a JSON object)",
    )
    parser.add_argument(
        "--run",
        "--run-id",
        dest="run",
        required=True,
        help="a run id, e.g. lang~all/reward~exec/seed~0 (--run-id: the spelling the workflow's "
        "launchers pass on, where torchrun would take --run for its own --run-path)",
    )
    parser.add_argument(
        "--job-log",
        default=None,
        metavar="PATH",
        help="the job's log (the rule's): rank 0 also keeps this attempt's log in PATH.attempts/",
    )
    parser.add_argument(
        "--show", action="store_true", help="print the run's configuration (each field with its help) and exit"
    )
    parser.add_argument(
        "--resolved",
        action="store_true",
        help="print every setting the run trains with (TRL's defaults included) as JSON and exit",
    )
    args = parser.parse_args(argv)
    try:
        config = load_workflow_config(args.configfile, args.schema, overrides=args.overrides)  # repeated keys fail
        run = run_from_config(config, args.run)
    except (ConfigError, KeyError) as error:
        parser.error(error.args[0] if isinstance(error, KeyError) else str(error))
    if args.show:
        print(run.describe())
        return 0
    if args.resolved:
        print(json.dumps(run.resolved(), indent=2, default=str))
        return 0
    from polysql.runlog import keep_attempt_log, setup_logging

    setup_logging()  # stderr: the rule sends it to the job's log
    if args.job_log and int(os.environ.get("RANK", "0")) == 0:
        keep_attempt_log(args.job_log)  # Snakemake deletes the job's log before a rerun; this attempt's stays
    train_run(run, reliability=config.get("reliability"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
