"""Learning curves on held-out data: greedy EX, executable rate and mean reward every N GRPO steps.

The training reward alone cannot tell learning from memorising the sampled prompts, so every
``grpo.heldout.every`` optimizer steps (and before the first) the policy answers a fixed sample of
dev questions greedily, exactly as evaluation does, and the callback writes one record per check to
the live train log: ``{"step", "heldout/ex", "heldout/executable", "heldout/reward", "heldout/n",
"heldout/time_s"}``. The sample is drawn once, seeded (config ``grpo.heldout.source``): from intents of the evaluation
split that are not in the evaluation sets, or from train-split questions on the databases that
``data.heldout_databases`` keeps out of every GRPO sample. Either way the final table stays untouched
by anything seen during training. Under several processes each rank scores its share of the sample and
rank 0 writes the sums.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from transformers import TrainerCallback

log = logging.getLogger(__name__)


def heldout_sample(
    dev_records: Sequence[Mapping[str, Any]],
    *,
    exclude_intents: set[str],
    per_language: int,
    seed: int,
) -> list[dict[str, Any]]:
    """``per_language`` dev records per language, outside ``exclude_intents``, seeded and sorted by id."""
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for record in dev_records:
        if record.get("intent", record["id"]) not in exclude_intents:
            by_lang.setdefault(record.get("lang", ""), []).append(dict(record))
    rng = random.Random(seed)
    sample = []
    for lang in sorted(by_lang):
        pool = sorted(by_lang[lang], key=lambda r: r["id"])
        sample.extend(rng.sample(pool, min(per_language, len(pool))))
    return sample


def load_heldout(
    pool_paths: Sequence[str],
    eval_paths: Sequence[str],
    *,
    per_language: int,
    seed: int,
    databases_path: str | None = None,
) -> list[dict]:
    """The held-out sample from split files: every intent of the evaluation sets left out and, with
    ``databases_path`` (``results/data/heldout_databases.json``), only questions on those databases.

    An empty sample is logged as such (the curve is then off), never silent.
    """
    from polysql.data.sample import read_heldout_databases
    from polysql.io import read_jsonl

    evaluated = {r.get("intent", r["id"]) for path in eval_paths for r in read_jsonl(path)}
    pool = [r for path in pool_paths for r in read_jsonl(path)]
    if databases_path is not None:
        databases = read_heldout_databases(databases_path)
        pool = [r for r in pool if r["db_id"] in databases]
    sample = heldout_sample(pool, exclude_intents=evaluated, per_language=per_language, seed=seed)
    if not sample:
        log.warning(
            "held-out learning curve off: no question left in %s (outside the evaluation sets%s)",
            ", ".join(pool_paths),
            f", on the databases of {databases_path}" if databases_path else "",
        )
    return sample


class HeldOutEvalCallback(TrainerCallback):
    """Greedy held-out scoring of the policy every ``every`` steps, appended to the live train log.

    Args:
        records: The held-out examples (``db_path``, ``gold_sql``, ``question`` ...).
        prompts: Their rendered prompts (the project's prompt builder).
        tokenizer: The policy's tokenizer.
        reward_funcs: The run's reward functions (TRL signature) and ``weights``: ``heldout/reward`` is
            their weighted sum, as the training reward is.
        execution: The execution reward (``heldout/ex``: share scoring its match value,
            ``heldout/executable``: share scoring above its error value).
        path: The live train log.
        every: Steps between checks (0 disables the callback).
        bf16: Generate under bf16 autocast (as training does).
    """

    def __init__(
        self,
        records,
        prompts,
        tokenizer,
        *,
        reward_funcs: Sequence[Callable],
        weights: Sequence[float],
        execution: Callable,
        path: str | os.PathLike,
        every: int,
        bf16: bool = False,
        max_new_tokens: int = 64,
        batch_size: int = 16,
        match: float = 1.0,
        error: float = 0.0,
    ):
        self.records = list(records)
        self.prompts = list(prompts)
        self.tokenizer = tokenizer
        self.reward_funcs = list(reward_funcs)
        self.weights = list(weights)
        self.execution = execution
        self.path = Path(path)
        self.every = int(every)
        self.bf16 = bf16
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self.match, self.error = match, error

    def score(self, model, *, rank: int = 0, world: int = 1) -> dict[str, float]:
        """Greedy completions of this rank's share of the held-out prompts, scored; the model's train/eval
        mode is restored.

        Every rank gets the same number of prompts (the last ones repeat a prompt whose score is left
        out), so that under ZeRO-3, where each forward pass needs every rank, no rank waits for a batch
        another never starts.

        Returns:
            Sums over the share: ``ex``, ``executable``, ``reward`` and ``n`` (prompts scored).
        """
        import torch

        from polysql.models.generate import generate

        share = -(-len(self.prompts) // world)  # the same count on every rank
        indices = list(range(rank, len(self.prompts), world))
        padded = indices + [0] * (share - len(indices))
        was_training = model.training
        model.eval()
        padding_side = self.tokenizer.padding_side
        try:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16 and not torch.cuda.is_available()):
                completions = generate(
                    model,
                    self.tokenizer,
                    [self.prompts[i] for i in padded],
                    batch_size=self.batch_size,
                    max_new_tokens=self.max_new_tokens,
                    progress=False,
                    share_prefix=world == 1,  # ranks must run the same forward passes (ZeRO-3)
                )
        finally:
            self.tokenizer.padding_side = padding_side
            model.train(was_training)
        completions = completions[: len(indices)]
        if not indices:
            return {"ex": 0.0, "executable": 0.0, "reward": 0.0, "n": 0.0}
        records = [self.records[i] for i in indices]
        prompts = [self.prompts[i] for i in indices]
        columns = {key: [r.get(key, "") for r in records] for key in records[0]}
        execution = [self.error if s is None else s for s in self.execution(prompts, completions, **columns)]
        total = 0.0
        for func, weight in zip(self.reward_funcs, self.weights):
            total += weight * sum(value or 0.0 for value in func(prompts, completions, **columns))
        return {
            "ex": float(sum(1 for s in execution if s >= self.match)),
            "executable": float(sum(1 for s in execution if s > self.error)),
            "reward": total,
            "n": float(len(indices)),
        }

    def _check(self, state, model) -> None:
        started = time.perf_counter()
        rank, world = _rank_and_world()
        sums = _sum_over_ranks(self.score(model, rank=rank, world=world), world)
        if not state.is_world_process_zero:
            return
        n = sums["n"]
        record = {
            "step": state.global_step,
            "heldout/ex": sums["ex"] / n,
            "heldout/executable": sums["executable"] / n,
            "heldout/reward": sums["reward"] / n,
            "heldout/n": int(n),
            "heldout/time_s": round(time.perf_counter() - started, 2),
        }
        log.info(
            "held-out at step %d: EX %.3f, executable %.3f, reward %.3f (%d prompts on %d process(es), %.1f s)",
            state.global_step,
            record["heldout/ex"],
            record["heldout/executable"],
            record["heldout/reward"],
            record["heldout/n"],
            world,
            record["heldout/time_s"],
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")

    def on_train_begin(self, args, state, control, model=None, **kwargs):
        if self.every and self.records and state.global_step == 0:
            self._check(state, model)

    def on_step_end(self, args, state, control, model=None, **kwargs):
        if (
            self.every
            and self.records
            and (state.global_step % self.every == 0 or state.global_step == state.max_steps)
        ):
            self._check(state, model)


def _rank_and_world() -> tuple[int, int]:
    """This process's rank and the process count (0, 1 outside torch.distributed)."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def _sum_over_ranks(sums: dict[str, float], world: int) -> dict[str, float]:
    """Each key summed over every rank (all-reduce; as is with one process)."""
    if world == 1:
        return sums
    import torch
    import torch.distributed as dist

    keys = sorted(sums)
    device = "cuda" if torch.cuda.is_available() and dist.get_backend() == "nccl" else "cpu"
    values = torch.tensor([sums[key] for key in keys], dtype=torch.float64, device=device)
    dist.all_reduce(values)
    return dict(zip(keys, values.tolist()))
