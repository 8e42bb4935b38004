"""Completion-only LoRA SFT whose batches share their prompt's opening: one database per batch.

The warm start's examples are prompts of a few databases: the system prompt and the database's schema
come first, then the question, then the gold SQL to learn. On the default's mini benchmark the
shared opening is about two thirds of an example's tokens. Batches are drawn from one database at a time, so the
batch's common token prefix goes through the model once; its KV cache is repeated for every row and
only the tails (question and completion) run per row. Only the completion positions go through the
LM head (the prompt carries no loss).

This is an exact rewrite of the per-row forward, not an approximation: a tail token attends to the
prefix's keys and values, the same whether they were computed in its own row or once for the batch,
and repeating the cache is differentiable, so the prefix's gradient is the sum over the batch's rows
(tests compare losses and gradients with the per-row forward on a tiny model). What changes against
random batches is which examples share a batch, hence the gradient noise: a recipe choice, made by
``share_prefix`` in config ``warm_start``.
"""

from __future__ import annotations

import logging
import math
import random
import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Sequence

import torch

from polysql.models.parts import causal_lm_parts, supports_shared_prefix

log = logging.getLogger(__name__)

IGNORE = -100
"""Label of a position without loss (cross-entropy's ``ignore_index``)."""


@dataclass(frozen=True)
class Example:
    """One tokenized training example: ``prompt + completion`` ids, loss on the completion only."""

    ids: tuple[int, ...]
    prompt_length: int
    group: Hashable  # examples of one group share a batch (their database) when batches share a prefix


def encode_examples(tokenizer, rows: Sequence[dict], groups: Sequence[Hashable]) -> list[Example]:
    """Tokenize ``{"prompt", "completion"}`` rows as generation sees them: the prompt alone, then the completion
    ending with EOS (appended unless the completion's text already ends with it)."""
    eos = tokenizer.eos_token_id
    prompts = tokenizer([r["prompt"] for r in rows], add_special_tokens=False)["input_ids"]
    completions = tokenizer([r["completion"] for r in rows], add_special_tokens=False)["input_ids"]
    examples = []
    for prompt, completion, group in zip(prompts, completions, groups):
        if eos is not None and (not completion or completion[-1] != eos):
            completion = [*completion, eos]
        examples.append(Example(tuple(prompt) + tuple(completion), len(prompt), group))
    return examples


def epoch_batches(
    examples: Sequence[Example], batch_size: int, rng: random.Random, *, by_group: bool
) -> list[list[int]]:
    """One epoch's batches of example indices, in a seeded random order.

    ``by_group``: every batch holds examples of one group (the last batch of a group may be smaller);
    otherwise examples are shuffled across groups and cut into batches of ``batch_size``.
    """
    if not by_group:
        order = list(range(len(examples)))
        rng.shuffle(order)
        return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    members: dict[Hashable, list[int]] = {}
    for index, example in enumerate(examples):
        members.setdefault(example.group, []).append(index)
    batches = []
    for group in sorted(members, key=str):
        indices = members[group]
        rng.shuffle(indices)
        batches += [indices[i : i + batch_size] for i in range(0, len(indices), batch_size)]
    rng.shuffle(batches)
    return batches


def common_prefix(rows: Sequence[Sequence[int]]) -> int:
    """The number of leading tokens all ``rows`` share."""
    first = rows[0]
    length = min(len(row) for row in rows)
    for position in range(length):
        token = first[position]
        if any(row[position] != token for row in rows[1:]):
            return position
    return length


def completion_loss_sum(
    model, batch: Sequence[Example], *, pad_token_id: int, share_prefix: bool, autocast=None
) -> tuple[torch.Tensor, int]:
    """``(sum of the completion tokens' cross-entropy, number of those tokens)`` for one batch.

    With ``share_prefix`` the batch's common prefix (at most each prompt but its last token, so every
    row's first completion token is predicted from its own tail) runs once; otherwise every row runs whole.
    Rows are right-padded; gradients flow as in an ordinary forward.
    """
    backbone, lm_head = causal_lm_parts(model)
    device = next(model.parameters()).device
    rows = [example.ids for example in batch]
    shared = min(common_prefix(rows), min(e.prompt_length for e in batch) - 1) if share_prefix else 0
    shared = max(shared, 0)
    tails = [row[shared:] for row in rows]
    width = max(len(tail) for tail in tails)
    ids = torch.full((len(rows), width), pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    for r, (tail, example) in enumerate(zip(tails, batch)):
        ids[r, : len(tail)] = torch.tensor(tail)
        mask[r, : len(tail)] = 1
        # Tail position t predicts token shared + t + 1 of the row; only completion tokens carry loss.
        first_label = max(example.prompt_length - shared - 1, 0)
        labels[r, first_label : len(tail) - 1] = torch.tensor(tail[first_label + 1 :])
    ids, mask, labels = ids.to(device), mask.to(device), labels.to(device)
    positions = (shared + torch.arange(width, device=device)).expand(len(rows), width)
    with autocast if autocast is not None else nullcontext():
        cache = None
        if shared:
            cache = backbone(input_ids=ids.new_tensor([rows[0][:shared]]), use_cache=True).cache
            cache.batch_repeat_interleave(len(rows))
            mask = torch.cat([mask.new_ones((len(rows), shared)), mask], dim=1)
        hidden = backbone(
            input_ids=ids, attention_mask=mask, position_ids=positions, cache=cache, use_cache=cache is not None
        ).last_hidden_state
        labelled = labels != IGNORE
        logits = lm_head(hidden[labelled])
    loss = torch.nn.functional.cross_entropy(logits.float(), labels[labelled], reduction="sum")
    return loss, int(labelled.sum())


def train_completion_sft(
    model,
    examples: Sequence[Example],
    *,
    pad_token_id: int,
    epochs: float,
    batch_size: int,
    gradient_accumulation_steps: int,
    learning_rate: float,
    seed: int,
    share_prefix: bool,
    autocast=None,
    on_step: Callable[[dict[str, Any]], None] | None = None,
) -> int:
    """Train ``model``'s trainable parameters (a PEFT LoRA model) on ``examples``; returns the optimizer steps.

    AdamW (no weight decay), 5% linear warm-up then cosine decay, gradients clipped at norm 1; the loss
    of a step is the mean over the completion tokens of its batches (as TRL's SFT computes it).
    ``on_step`` receives ``{"step", "loss", "learning_rate", "tokens"}`` after each optimizer step.
    """
    from transformers import get_cosine_schedule_with_warmup

    if not supports_shared_prefix(model):  # its logits are not the plain LM-head projection this loop computes
        raise ValueError(
            f"warm start: {type(model).__name__} scales, caps or windows its logits or attention (or has no "
            "output embeddings); polysql.sft computes plain LM-head logits and cannot train it"
        )
    rng = random.Random(seed)
    whole_epochs = math.ceil(epochs)
    batches = [b for _ in range(whole_epochs) for b in epoch_batches(examples, batch_size, rng, by_group=share_prefix)]
    per_epoch = len(batches) // whole_epochs
    batches = batches[: max(1, round(epochs * per_epoch))]
    windows = [
        batches[i : i + gradient_accumulation_steps] for i in range(0, len(batches), gradient_accumulation_steps)
    ]
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=learning_rate, weight_decay=0.0)
    scheduler = get_cosine_schedule_with_warmup(optimizer, math.ceil(0.05 * len(windows)), len(windows))
    model.train()
    started = time.perf_counter()
    for step, window in enumerate(windows, start=1):
        tokens = sum(_completion_tokens(examples, indices) for indices in window)
        total = 0.0
        for indices in window:
            loss_sum, _ = completion_loss_sum(
                model,
                [examples[i] for i in indices],
                pad_token_id=pad_token_id,
                share_prefix=share_prefix,
                autocast=autocast,
            )
            (loss_sum / tokens).backward()
            total += float(loss_sum.detach())
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        rate = scheduler.get_last_lr()[0]
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        if on_step is not None:
            on_step({"step": step, "loss": total / tokens, "learning_rate": rate, "tokens": tokens})
        if step == 1 or step % 10 == 0 or step == len(windows):
            elapsed = time.perf_counter() - started
            log.info(
                "SFT step %d/%d, loss %.4f, %.1f s/step, about %.0f s left",
                step,
                len(windows),
                total / tokens,
                elapsed / step,
                elapsed / step * (len(windows) - step),
            )
    return len(windows)


def _completion_tokens(examples: Sequence[Example], indices: Sequence[int]) -> int:
    """Tokens that carry loss in a batch (each example's completion)."""
    return sum(len(examples[i].ids) - examples[i].prompt_length for i in indices)
