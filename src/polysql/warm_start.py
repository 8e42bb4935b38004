"""Supervised warm start: LoRA SFT of the policy on train-split (question, gold SQL) pairs, merged.

Why: GRPO can only reinforce what the policy already samples. A 135M model writes no correct SQL
for the mini benchmark on its own (0 of 96 samples), so the execution reward has nothing to work
with; the paper's 3B policy starts at ~61% EX. A short supervised pass on the train split gives
the small policy that foothold. The paper is SFT-free, so ``config/paper.yaml`` does not use it.

The prompts are the project's own (:func:`polysql.models.prompts.build_prompt`, config ``prompt``),
so the model learns exactly the format it is evaluated and trained with; the completion is the gold
SQL on one line ending in ``;`` (what a shot's answer looks like) followed by EOS. Only completion
tokens carry loss. Records come from the train split only, never the evaluation databases, and by
default leave out the intents of the GRPO sample, so GRPO later sees questions the warm start has
not memorised. The LoRA adapter is merged into the weights and saved as a plain transformers
folder: every later stage (generation, GRPO, another LoRA) loads it like any model.

    snakemake --cores 2 results/warm_start/smollm2-135m-warm/model/config.json
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from polysql.io import DataError, write_json, write_jsonl

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "train_size": 600,
    "exclude_grpo_sample": True,
    "epochs": 1,
    "learning_rate": 3.0e-4,
    "batch_size": 4,
    "gradient_accumulation_steps": 1,
    "max_length": 640,
    "lora": {"r": 16, "alpha": 32, "dropout": 0.05, "target_modules": "all-linear"},
    "bf16": True,
    "seed": 0,
    "threads": 2,
    "gpu": False,
}
"""Config ``warm_start`` defaults (the schema documents every key)."""


def select_records(
    train_records: Iterable[Mapping[str, Any]],
    *,
    exclude_intents: Iterable[str] = (),
    size: int,
    seed: int,
) -> list[dict[str, Any]]:
    """The warm-start sample: train-split records (any language) outside ``exclude_intents``.

    Languages are interleaved round-robin after a seeded shuffle, so a sample smaller than the pool
    still covers every language about equally.

    Raises:
        DataError: Nothing is left after the exclusion.
    """
    excluded = set(exclude_intents)
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for record in train_records:
        if record.get("intent", record["id"]) in excluded:
            continue
        by_lang.setdefault(record.get("lang", ""), []).append(dict(record))
    if not by_lang:
        raise DataError(
            f"warm start: no train-split record is left after leaving out the {len(excluded)} intents of the GRPO "
            "sample; lower data.grpo_train_size or set warm_start.exclude_grpo_sample: false"
        )
    rng = random.Random(seed)
    pools = []
    for lang in sorted(by_lang):
        pool = sorted(by_lang[lang], key=lambda r: r["id"])
        rng.shuffle(pool)
        pools.append(pool)
    interleaved = [record for group in _round_robin(pools) for record in group]
    return interleaved[:size] if size else interleaved


def _round_robin(pools: Sequence[list]) -> Iterable[list]:
    for i in range(max(len(pool) for pool in pools)):
        yield [pool[i] for pool in pools if i < len(pool)]


def sft_rows(
    records: Sequence[Mapping[str, Any]],
    tokenizer,
    *,
    prompt_config: Mapping | None,
    pool: Sequence[Mapping[str, Any]] = (),
    seed: int = 0,
) -> list[dict[str, str]]:
    """``{"prompt", "completion"}`` rows: the rendered prompt and the gold SQL as a shot answers it."""
    from polysql.models.prompts import assistant_turn, build_prompt

    return [
        {
            "prompt": build_prompt(r, tokenizer, pool=pool, prompt_config=prompt_config, seed=seed),
            "completion": assistant_turn(r["gold_sql"]),
        }
        for r in records
    ]


@contextmanager
def lm_head_on_labelled_positions_only():
    """Make TRL's fused LM head project only the positions that carry a label, on every device.

    SFTTrainer scores tokens through TRL's fused LM head. Off Triton devices it projects *every*
    position through the 49k-token vocabulary and masks the unlabelled ones afterwards (so that
    tile shapes stay fixed for compilers such as Neuron's). With completion-only loss nearly all
    positions are prompt: on CPU the default's warm start trained 1.8x longer (522 s against 294 s,
    identical losses). The projected values at labelled positions are the same either way.
    """
    import trl.trainer.utils as trl_utils

    original = trl_utils._use_triton  # TRL 1.16 decides "compact" (labelled positions only) with this
    trl_utils._use_triton = lambda device: True
    try:
        yield
    finally:
        trl_utils._use_triton = original


def resolve_spec(spec: Mapping[str, Any] | None) -> dict[str, Any]:
    """Config ``warm_start`` merged over :data:`DEFAULTS` (``lora`` merged key by key)."""
    spec = dict(spec or {})
    unknown = sorted(set(spec) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"warm_start: unknown key(s) {unknown}; allowed: {sorted(DEFAULTS)}")
    merged = {**DEFAULTS, **spec}
    merged["lora"] = {**DEFAULTS["lora"], **dict(spec.get("lora") or {})}
    return merged


def train_warm_start(
    records: Sequence[Mapping[str, Any]],
    *,
    base_model: str | os.PathLike,
    out_dir: str | os.PathLike,
    spec: Mapping[str, Any] | None = None,
    prompt_config: Mapping[str, Any] | None = None,
    shot_pool: Sequence[Mapping[str, Any]] = (),
    threads: int | None = None,
) -> dict[str, Any]:
    """LoRA SFT of ``base_model`` on ``records``, merged and saved to ``out_dir/model``.

    Args:
        records: The warm-start sample (:func:`select_records`).
        base_model: The base policy's transformers folder.
        out_dir: ``results/warm_start/<name>``; receives ``model/`` (merged weights + tokenizer),
            ``train_log.jsonl`` (loss per logged step) and ``summary.json``.
        spec: Config ``warm_start`` (see :data:`DEFAULTS`).
        prompt_config: Config ``prompt`` (the same prompts as generation and GRPO).
        shot_pool: Few-shot pool when ``prompt.shots`` > 0 (the train split).
        threads: torch threads (None: leave as is).

    Returns:
        The summary written to ``summary.json``.
    """
    import torch
    from datasets import Dataset
    from transformers import TrainerCallback
    from trl import SFTConfig, SFTTrainer

    from polysql.cpu import cpu_supports_bf16
    from polysql.models.lora import build_lora_config
    from polysql.models.sources import load_causal_lm

    if not records:
        raise DataError("warm start: no training records")
    cfg = resolve_spec(spec)
    from polysql.devices import require_device

    require_device(gpu=bool(cfg["gpu"]), bf16=bool(cfg["bf16"]), key="warm_start")
    if threads:
        torch.set_num_threads(int(threads))
    started = time.perf_counter()
    out_dir = Path(out_dir)
    on_gpu = torch.cuda.is_available()
    model, tokenizer = load_causal_lm(base_model, dtype="float32", device="cuda" if on_gpu else "cpu")
    model.train()
    rows = sft_rows(records, tokenizer, prompt_config=prompt_config, pool=shot_pool, seed=int(cfg["seed"]))
    # SFTTrainer truncates on the right, which cuts the completion off and then drops the example
    # quietly; leave out over-long examples here instead, counted, and fail if none is left.
    limit = int(cfg["max_length"])
    lengths = [
        len(ids) + 1
        for ids in tokenizer([r["prompt"] + r["completion"] for r in rows], add_special_tokens=False)["input_ids"]
    ]
    kept_rows = [row for row, length in zip(rows, lengths) if length <= limit]
    if len(kept_rows) < len(rows):
        log.warning(
            "warm start: %d of %d examples are longer than warm_start.max_length (%d tokens; longest %d) "
            "and are left out",
            len(rows) - len(kept_rows),
            len(rows),
            limit,
            max(lengths),
        )
    if not kept_rows:
        raise DataError(
            f"warm start: every example is longer than warm_start.max_length ({limit} tokens; "
            f"shortest {min(lengths)}); raise it"
        )
    dataset = Dataset.from_list(kept_rows)
    # bf16 autocast where the hardware runs it natively (CUDA, or CPUs with AVX512-BF16/AMX); fp32 otherwise.
    bf16 = bool(cfg["bf16"]) and (on_gpu or cpu_supports_bf16())
    args = SFTConfig(
        output_dir=str(out_dir / "trainer"),
        num_train_epochs=float(cfg["epochs"]),
        learning_rate=float(cfg["learning_rate"]),
        per_device_train_batch_size=int(cfg["batch_size"]),
        gradient_accumulation_steps=int(cfg["gradient_accumulation_steps"]),
        max_length=int(cfg["max_length"]),
        lr_scheduler_type="cosine",
        warmup_steps=0.05,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        seed=int(cfg["seed"]),
        data_seed=int(cfg["seed"]),
        bf16=bf16,
        use_cpu=not on_gpu,
        gradient_checkpointing=False,
        completion_only_loss=True,
        dataloader_num_workers=0,
        disable_tqdm=False,
    )
    history: list[dict[str, Any]] = []

    class _Losses(TrainerCallback):
        def on_log(self, _args, state, _control, logs=None, **_):
            if logs and "loss" in logs:
                history.append(
                    {
                        "step": state.global_step,
                        "loss": float(logs["loss"]),
                        "learning_rate": float(logs.get("learning_rate", 0.0)),
                        "elapsed_s": round(time.perf_counter() - started, 2),
                    }
                )

    trainer = SFTTrainer(
        model=model,
        args=args,
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=build_lora_config(cfg["lora"], key="warm_start.lora"),
        callbacks=[_Losses()],
    )
    kept = len(trainer.train_dataset)  # type: ignore[arg-type]  # a map-style Dataset here
    if kept < len(kept_rows):  # should not happen after the length filter above; never silent
        log.warning("warm start: SFTTrainer dropped %d of %d examples", len(kept_rows) - kept, len(kept_rows))
    log.info(
        "warm start: %d examples, %s, bf16 autocast %s, lr %g, %s epoch(s)",
        kept,
        "GPU" if on_gpu else "CPU",
        bf16,
        cfg["learning_rate"],
        cfg["epochs"],
    )
    with lm_head_on_labelled_positions_only():
        result = trainer.train()
    merged = trainer.model.merge_and_unload()  # type: ignore[union-attr,operator]  # the PEFT model SFTTrainer built
    model_dir = out_dir / "model"
    from polysql.disk import guarded_write

    with guarded_write(model_dir, "warm-start model"):
        merged.save_pretrained(str(model_dir))
        tokenizer.save_pretrained(str(model_dir))
    write_jsonl(out_dir / "train_log.jsonl", history)
    summary = {
        "examples": kept,
        "too_long": len(rows) - len(kept_rows),
        "languages": sorted({r.get("lang", "") for r in records}),
        "intents": sorted({r.get("intent", r["id"]) for r in records}),  # what it was taught (provenance)
        "steps": trainer.state.global_step,
        "first_loss": history[0]["loss"] if history else None,
        "last_loss": history[-1]["loss"] if history else None,
        "bf16_autocast": bf16,
        "train_runtime_s": float(result.metrics.get("train_runtime", 0.0)),
        "wall_s": round(time.perf_counter() - started, 2),
        "spec": cfg,
    }
    write_json(out_dir / "summary.json", summary)
    log.info("warm start done: %s", json.dumps({k: v for k, v in summary.items() if k not in ("spec", "intents")}))
    return summary
