"""SFT-free GRPO training of a causal LM with a LoRA adapter and weighted SQL rewards (TRL 1.16).

One run = (training languages, reward set, seed). The prompts are built by the same prompt builder
as evaluation (:func:`polysql.models.prompts.build_prompt`, config ``prompt``), the rewards come
from the registry (config ``rewards`` and ``reward_sets``), and every ``grpo.trainer`` key is a
TRL GRPOConfig field. Checkpoints go to ``checkpoints_dir`` (not a declared Snakemake output), so a
killed job restarts from the last one; the live training log sits beside them.

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

from polysql.io import DataError, iter_jsonl, write_jsonl
from polysql.grpo.config import build_grpo_args, check_batch_geometry, lora_config, validate_trainer_section
from polysql.grpo.train_log import PhaseTimer, TrainLogCallback, merge_step_records, read_train_log, timed_reward

log = logging.getLogger(__name__)

REQUIRED_FIELDS = ("id", "db_id", "db_path", "question", "gold_sql", "lang")
"""Fields every GRPO training record must have."""
KEPT_FIELDS = ("id", "intent", "lang", "db_id", "db_path", "question", "gold_sql", "hardness")
"""Columns kept in the training dataset: the rewards receive them as keyword lists."""
LIVE_LOG_NAME = "train_log.jsonl"


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


def encoder_paths_by_name(encoder_paths: Mapping[str, str] | Iterable[str] | str | None) -> dict[str, str]:
    """Normalise the rule's encoder input: a mapping, one path or a list of ``results/encoder/<name>/model``."""
    if not encoder_paths:
        return {}
    if isinstance(encoder_paths, Mapping):
        return {str(k): str(v) for k, v in encoder_paths.items()}
    if isinstance(encoder_paths, (str, os.PathLike)):
        encoder_paths = [encoder_paths]
    by_name = {}
    for path in encoder_paths:
        path = Path(path)
        by_name[(path.parent if path.name == "model" else path).name] = str(path)
    return by_name


def find_resumable_checkpoint(checkpoints_dir: str | os.PathLike) -> str | None:
    """The newest complete ``checkpoint-<step>`` folder (one with trainer_state.json), or None."""
    root = Path(checkpoints_dir)
    if not root.is_dir():
        return None
    candidates = []
    for child in root.iterdir():
        if child.is_dir() and child.name.startswith("checkpoint-") and child.name[len("checkpoint-") :].isdigit():
            if (child / "trainer_state.json").is_file():
                candidates.append((int(child.name[len("checkpoint-") :]), child))
            else:
                log.warning("ignoring incomplete checkpoint %s (no trainer_state.json)", child)
    return str(max(candidates)[1]) if candidates else None


def checkpoint_step(checkpoint: str | os.PathLike) -> int:
    """``global_step`` recorded in a checkpoint's trainer_state.json."""
    with open(Path(checkpoint) / "trainer_state.json", encoding="utf-8") as handle:
        return int(json.load(handle)["global_step"])


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
    """Train one GRPO run and write ``out_dir/adapter/`` and ``out_dir/train_log.jsonl``.

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

    Returns:
        A summary: ``global_step``, ``resumed_from`` (step or None), ``wall_s``, ``train_metrics``.

    Raises:
        GRPOConfigError: Bad ``grpo`` config (unknown GRPOConfig field, batch geometry), before loading anything.
        DataError: Bad training data.
    """
    started = time.perf_counter()
    grpo_cfg = dict(config.get("grpo") or {})
    reward_set_name = run_cfg["reward_set"]
    reward_sets = config.get("reward_sets") or {}
    if reward_set_name not in reward_sets:
        raise KeyError(f"reward set '{reward_set_name}' is not in config reward_sets ({sorted(reward_sets)})")
    trainer_section = validate_trainer_section(grpo_cfg.get("trainer"))
    geometry = check_batch_geometry(trainer_section)  # fail fast, before the model loads
    set_threads(grpo_cfg.get("threads"))

    import torch

    from polysql.models.sources import load_causal_lm
    from polysql.rewards import RewardContext, build_reward_funcs

    records = load_training_records(train_path)
    if grpo_cfg.get("hardness"):  # a curriculum: only the levels where the policy has a foothold
        wanted = set(grpo_cfg["hardness"])
        records = [r for r in records if r.get("hardness") in wanted]
        if not records:
            raise DataError(f"{train_path}: no training record has a hardness in grpo.hardness {sorted(wanted)}")
    if grpo_cfg.get("train_size"):
        records = records[: int(grpo_cfg["train_size"])]
    context = RewardContext(sql_config=config.get("sql") or {}, encoder_paths=encoder_paths_by_name(encoder_paths))
    funcs, weights = build_reward_funcs(reward_sets[reward_set_name], config.get("rewards") or {}, context=context)
    timer = PhaseTimer()
    funcs = [timed_reward(func, timer) for func in funcs]

    on_gpu = torch.cuda.is_available()
    checkpoints_dir = Path(checkpoints_dir)
    args = build_grpo_args(
        trainer_section, output_dir=checkpoints_dir, seed=int(run_cfg["seed"]), reward_weights=weights, on_gpu=on_gpu
    )
    dtype = "bfloat16" if on_gpu and args.bf16 else "float32"
    log.info(
        "GRPO run %s: %d prompts, rewards %s, %s, generation batch %d = %d prompts x %d completions",
        dict(run_cfg), len(records), dict(zip([f.__name__ for f in funcs], weights)),
        "GPU " + dtype if on_gpu else ("CPU float32 + bf16 autocast" if args.bf16 else "CPU float32"),
        geometry["generation_batch_size"], geometry["prompts_per_generation"], geometry["num_generations"],
    )
    model, tokenizer = load_causal_lm(model_path, dtype=dtype, device="cuda" if on_gpu else "cpu")
    dataset = build_grpo_dataset(
        records, tokenizer, prompt_config=config.get("prompt"), seed=int((config.get("data") or {}).get("seed", 0))
    )

    live_log = checkpoints_dir / LIVE_LOG_NAME
    log_callback = TrainLogCallback(live_log, timer)
    heldout = _heldout_callback(
        heldout_records, tokenizer, records, live_log, config=config, context=context, funcs=funcs, weights=weights,
        bf16=bool(args.bf16),
    )
    from polysql.grpo.trainer import TimedGRPOTrainer

    trainer = TimedGRPOTrainer(
        model=model,
        reward_funcs=funcs,
        args=args,
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=lora_config(grpo_cfg.get("lora")),
        callbacks=[log_callback, *([heldout] if heldout else []), *(callbacks or [])],
        phase_timer=timer,
        skip_zero_advantage=bool(grpo_cfg.get("skip_zero_advantage", False)),
    )

    # Resume only checkpoints this run definition wrote (others are moved aside); never step past max_steps.
    from polysql.grpo import fingerprint

    plan = fingerprint.prepare_checkpoints(
        checkpoints_dir,
        fingerprint.run_fingerprint(run_cfg, config=config, model_path=model_path, train_path=train_path,
                                    encoder_paths=encoder_paths_by_name(encoder_paths)),
        max_steps=args.max_steps,
        is_main=trainer.is_world_process_zero(),
        barrier=trainer.accelerator.wait_for_everyone,
    )
    resume, resumed_from = plan.checkpoint, plan.step
    if plan.finished:
        from transformers.trainer_utils import TrainOutput

        fingerprint.load_checkpoint_adapter(trainer.model, resume)
        trainer.state.global_step = resumed_from
        result = TrainOutput(resumed_from, 0.0, {})
    else:
        result = trainer.train(resume_from_checkpoint=resume)

    out_dir = Path(out_dir)
    adapter_dir = out_dir / "adapter"
    trainer.save_model(str(adapter_dir))  # the PEFT adapter only (+ tokenizer)
    tokenizer.save_pretrained(str(adapter_dir))
    records_out = merge_step_records(read_train_log(live_log))
    if trainer.is_world_process_zero():  # under `accelerate launch`, one process writes the log
        write_jsonl(out_dir / LIVE_LOG_NAME, records_out)
    summary = {
        "global_step": trainer.state.global_step,
        "resumed_from": resumed_from,
        "wall_s": time.perf_counter() - started,
        "train_metrics": dict(result.metrics),
        "logged_steps": len(records_out),
        "skipped_batches": trainer.skipped_batches,
        "last_batch_shape": trainer.last_batch_shape,  # (sequences, tokens) of the last trained batch
        "bf16_autocast": bool(args.bf16) and not on_gpu,
    }
    log.info("GRPO run done: %s", summary)
    return summary


def _heldout_callback(heldout_records, tokenizer, pool, live_log, *, config, context, funcs, weights, bf16):
    """The held-out learning-curve callback of a run (None when there is nothing to score)."""
    from polysql.grpo.heldout import HELDOUT_DEFAULTS, HeldOutEvalCallback
    from polysql.models.prompts import build_prompt
    from polysql.rewards import build_reward_funcs

    spec = {**HELDOUT_DEFAULTS, **dict((config.get("grpo") or {}).get("heldout") or {})}
    if not heldout_records or not spec["every"]:
        return None
    seed = int((config.get("data") or {}).get("seed", 0))
    prompts = [build_prompt(r, tokenizer, pool=pool, prompt_config=config.get("prompt"), seed=seed) for r in heldout_records]
    rewards_config = config.get("rewards") or {}
    (execution,), _ = build_reward_funcs({"execution": 1.0}, rewards_config, context=context)
    scores = {**{"match": 1.0, "error": 0.0}, **dict(rewards_config.get("execution") or {})}
    return HeldOutEvalCallback(
        heldout_records, prompts, tokenizer, reward_funcs=funcs, weights=weights, execution=execution,
        path=live_log, every=int(spec["every"]), bf16=bf16, max_new_tokens=int(spec["max_new_tokens"]),
        match=float(scores["match"]), error=float(scores["error"]),
    )


def main(argv: list[str] | None = None) -> int:
    """Train one run of a config's grid outside Snakemake, e.g. on several GPUs::

        accelerate launch --num_processes 4 -m polysql.grpo.train \\
            --configfile config/paper.yaml --run lang~all/reward~exec_semantic/seed~0

    Inputs are the workflow's own (``results/data/grpo_train_<lang>.jsonl``, the prepared model,
    ``results/encoder/<name>/model``); outputs and checkpoints go where the rule puts them, so a
    later ``snakemake`` run picks the adapter up.
    """
    import argparse

    from polysql.models.sources import model_dir
    from polysql.workflow_config import expand_grid, load_config_file, load_validated_config

    parser = argparse.ArgumentParser(description="Train one GRPO run of the grid (same inputs/outputs as the rule).")
    parser.add_argument("--configfile", default="config/config.yaml")
    parser.add_argument("--schema", default="workflow/schemas/config.schema.yaml")
    parser.add_argument("--run", required=True, help="a run id, e.g. lang~all/reward~exec/seed~0")
    args = parser.parse_args(argv)
    config = load_validated_config(load_config_file(args.configfile), args.schema)  # repeated keys fail
    runs = expand_grid(config)
    if args.run not in runs:
        parser.error(f"run {args.run!r} is not in the grid of {args.configfile} ({', '.join(runs)})")
    run = runs[args.run]
    encoder = config["rewards"]["semantic"].get("encoder")
    uses_semantic = "semantic" in config["reward_sets"][run["reward_set"]]
    model_name = config["grpo"]["model"]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    train_grpo(
        run,
        train_path=f"results/data/grpo_train_{run['train_lang']}.jsonl",
        model_path=model_dir(model_name, config["models"][model_name]),
        out_dir=f"results/grpo/{args.run}",
        checkpoints_dir=f"results/grpo/{args.run}/checkpoints",
        encoder_paths={encoder: f"results/encoder/{encoder}/model"} if uses_semantic else None,
        config=config,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
