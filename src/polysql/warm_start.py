"""Supervised warm start: LoRA SFT of the policy on train-split (question, gold SQL) pairs, merged.

Why: GRPO can only reinforce what the policy already samples. A 135M model writes no correct SQL
for the mini benchmark on its own (0 of 96 samples), so the execution reward has nothing to work
with; the paper's 3B policy starts at ~61% EX. A short supervised pass on the train split gives
the small policy that foothold. The paper is SFT-free, so ``config/paper.yaml`` does not use it.

The prompts are the project's own (:func:`polysql.models.prompts.build_prompt`, config ``prompt``),
so the model learns exactly the format it is evaluated and trained with; the completion is the gold
SQL on one line ending in ``;`` (what a shot's answer looks like) followed by EOS. Only completion
tokens carry loss. Training is :mod:`polysql.sft`'s loop: by default each batch holds examples of one
database, whose shared prompt prefix runs through the model once (``share_prefix: false``: random batches). Records
come from the train split only, never the evaluation databases, and by default leave out the intents
of the GRPO sample, so GRPO later sees questions the warm start has not memorised. The LoRA adapter is
merged into the weights and saved as a plain transformers folder: every later stage (generation,
GRPO, another LoRA) loads it like any model.

    snakemake --cores 2 results/warm_start/smollm2-135m-warm/model/config.json
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
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
    "share_prefix": True,
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
    from peft import get_peft_model

    from polysql.cpu import cpu_supports_bf16
    from polysql.models.lora import build_lora_config
    from polysql.models.sources import load_causal_lm
    from polysql.sft import encode_examples, train_completion_sft

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
    examples = encode_examples(tokenizer, rows, [r.get("db_id", r.get("db_path", "")) for r in records])
    # Never truncate (that would cut the completion off): leave out over-long examples, counted, and fail if
    # none is left.
    limit = int(cfg["max_length"])
    kept = [example for example in examples if len(example.ids) <= limit]
    if len(kept) < len(examples):
        log.warning(
            "warm start: %d of %d examples are longer than warm_start.max_length (%d tokens; longest %d) "
            "and are left out",
            len(examples) - len(kept),
            len(examples),
            limit,
            max(len(e.ids) for e in examples),
        )
    if not kept:
        raise DataError(
            f"warm start: every example is longer than warm_start.max_length ({limit} tokens; "
            f"shortest {min(len(e.ids) for e in examples)}); raise it"
        )
    # bf16 autocast where the hardware runs it natively (CUDA, or CPUs with AVX512-BF16/AMX); fp32 otherwise.
    bf16 = bool(cfg["bf16"]) and (on_gpu or cpu_supports_bf16())
    autocast = torch.autocast("cuda" if on_gpu else "cpu", dtype=torch.bfloat16) if bf16 else None
    torch.manual_seed(int(cfg["seed"]))  # the LoRA initialisation
    model = get_peft_model(model, build_lora_config(cfg["lora"], key="warm_start.lora"))
    history: list[dict[str, Any]] = []

    def record_step(entry: dict[str, Any]) -> None:
        history.append({**entry, "elapsed_s": round(time.perf_counter() - started, 2)})

    log.info(
        "warm start: %d examples of %d databases, %s, bf16 autocast %s, lr %g, %s epoch(s), %s",
        len(kept),
        len({e.group for e in kept}),
        "GPU" if on_gpu else "CPU",
        bf16,
        cfg["learning_rate"],
        cfg["epochs"],
        "one database per batch, its shared prompt prefix run once" if cfg["share_prefix"] else "random batches",
    )
    train_started = time.perf_counter()
    steps = train_completion_sft(
        model,
        kept,
        pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id,
        epochs=float(cfg["epochs"]),
        batch_size=int(cfg["batch_size"]),
        gradient_accumulation_steps=int(cfg["gradient_accumulation_steps"]),
        learning_rate=float(cfg["learning_rate"]),
        seed=int(cfg["seed"]),
        share_prefix=bool(cfg["share_prefix"]),
        autocast=autocast,
        on_step=record_step,
    )
    train_runtime = time.perf_counter() - train_started
    merged = model.merge_and_unload()
    model_dir = out_dir / "model"
    from polysql.disk import guarded_write

    with guarded_write(model_dir, "warm-start model"):
        merged.save_pretrained(str(model_dir))
        tokenizer.save_pretrained(str(model_dir))
    write_jsonl(out_dir / "train_log.jsonl", history)
    summary = {
        "examples": len(kept),
        "too_long": len(examples) - len(kept),
        "languages": sorted({r.get("lang", "") for r in records}),
        "intents": sorted({r.get("intent", r["id"]) for r in records}),  # what it was taught (provenance)
        "steps": steps,
        "first_loss": history[0]["loss"] if history else None,
        "last_loss": history[-1]["loss"] if history else None,
        "bf16_autocast": bf16,
        "train_runtime_s": round(train_runtime, 2),
        "wall_s": round(time.perf_counter() - started, 2),
        "spec": cfg,
    }
    write_json(out_dir / "summary.json", summary)
    log.info("warm start done: %s", json.dumps({k: v for k, v in summary.items() if k not in ("spec", "intents")}))
    return summary
