"""Does a policy have a foothold? Sampled pass@k with the execution reward, as GRPO would see it.

For each prompt, ``k`` completions are sampled at a temperature (as GRPO's generation does), each
is scored by the project's execution reward (match / wrong but executes / error), and the summary
says what GRPO would get from such groups: the share of completions that execute, the share that
are correct, the share of prompts with at least one correct completion, and the share of groups
whose rewards vary (only those give a gradient).

    python bench/bench_foothold.py --model resources/models/smollm2-135m --data results/data/train_en.jsonl
"""

from __future__ import annotations

import statistics
from typing import Any, Mapping, Sequence

from polysql.models.prompts import build_prompt


def sample_completions(
    model, tokenizer, prompts: Sequence[str], *, k: int, temperature: float, max_new_tokens: int = 64, seed: int = 0
) -> list[list[str]]:
    """``k`` sampled completions per rendered prompt (one prompt per ``generate`` call, k sequences)."""
    import torch

    from polysql.models.generate import _stop_criterion
    from polysql.models.sources import prepare_tokenizer

    prepare_tokenizer(tokenizer, model)
    torch.manual_seed(seed)
    device = next(model.parameters()).device
    groups = []
    for prompt in prompts:
        batch = tokenizer([prompt], return_tensors="pt", add_special_tokens=False).to(device)
        width = batch["input_ids"].shape[1]
        with torch.inference_mode():
            output = model.generate(
                **batch,
                do_sample=True,
                temperature=temperature,
                top_p=1.0,
                top_k=0,
                num_return_sequences=k,
                max_new_tokens=max_new_tokens,
                pad_token_id=tokenizer.pad_token_id,
                stopping_criteria=[_stop_criterion(tokenizer, width)],
            )
        groups.append(tokenizer.batch_decode(output[:, width:], skip_special_tokens=True))
    return groups


def score_groups(
    records: Sequence[Mapping[str, Any]], groups: Sequence[Sequence[str]], sql_config: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Score sampled groups with the execution reward and summarise them.

    Args:
        records: The prompts' examples (``db_path``, ``gold_sql``), one per group.
        groups: The completions of each example.
        sql_config: Config ``sql`` (limits of the executor).

    Returns:
        ``{"prompts", "k", "executable", "correct", "prompts_with_correct", "groups_with_variance",
        "mean_reward"}``: rates in [0, 1] over completions (the first three) or over prompts.
    """
    from polysql.rewards.registry import RewardContext, build_reward_funcs

    (execution,), _ = build_reward_funcs({"execution": 1.0}, {}, context=RewardContext(sql_config=sql_config or {}))
    match = 1.0
    n = executable = correct = with_correct = with_variance = 0
    rewards_all: list[float] = []
    for record, completions in zip(records, groups):
        rewards = execution(
            [None] * len(completions),
            list(completions),
            db_path=[record["db_path"]] * len(completions),
            gold_sql=[record["gold_sql"]] * len(completions),
        )
        rewards = [0.0 if r is None else float(r) for r in rewards]
        rewards_all.extend(rewards)
        n += len(rewards)
        executable += sum(1 for r in rewards if r > 0)
        correct += sum(1 for r in rewards if r >= match)
        with_correct += any(r >= match for r in rewards)
        with_variance += len(set(rewards)) > 1
    prompts = len(groups)
    return {
        "prompts": prompts,
        "k": len(groups[0]) if groups else 0,
        "executable": executable / n if n else 0.0,
        "correct": correct / n if n else 0.0,
        "prompts_with_correct": with_correct / prompts if prompts else 0.0,
        "groups_with_variance": with_variance / prompts if prompts else 0.0,
        "mean_reward": statistics.fmean(rewards_all) if rewards_all else 0.0,
    }


def foothold(
    model,
    tokenizer,
    records: Sequence[Mapping[str, Any]],
    *,
    k: int = 8,
    temperature: float = 0.7,
    prompt_config: Mapping[str, Any] | None = None,
    pool: Sequence[Mapping[str, Any]] = (),
    max_new_tokens: int = 64,
    sql_config: Mapping[str, Any] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Sample ``k`` completions for each record's prompt and score them (see :func:`score_groups`)."""
    prompts = [build_prompt(r, tokenizer, pool=pool, prompt_config=prompt_config, seed=seed) for r in records]
    groups = sample_completions(
        model, tokenizer, prompts, k=k, temperature=temperature, max_new_tokens=max_new_tokens, seed=seed
    )
    return score_groups(records, groups, sql_config)
