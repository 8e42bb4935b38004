"""GRPO's prompt is shared by its group: run it through the model once per group, not once per completion.

A GRPO batch holds ``num_generations`` completions of each prompt. Stock TRL treats every row as its
own sequence, so on CPU a step pays for the same ~330 prompt tokens four times: in sampling (the
prefill), in the reference log-probabilities and in the training forward/backward, which also
projects every prompt position through the 49k-token LM head only to mask it out. Here the distinct
prompts go through the backbone once, their KV cache is indexed out to every row of their group, and
only the completion positions go through the LM head.

Both are exact rewrites, not approximations: attention of a completion token to its prompt is the
same whether the prompt's keys and values were computed in its own row or copied from a sibling row,
and indexing the cache is differentiable, so the gradient through a shared prompt is the sum over its
group, as in the unshared forward. Position ids and masks follow the unshared forward (positions
count from the first, padded, column; the 2-D attention mask hides padding). Only rounding differs
(tests compare the two paths' log-probabilities and gradients on a tiny model).
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any, Sequence

import torch

from polysql.models.parts import causal_lm_parts


def group_rows(rows: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Indices of the distinct rows of ``rows`` (first occurrence, in order) and each row's group.

    Returns:
        ``(first, inverse)``: ``rows[first]`` are the distinct rows and ``rows[first][inverse] == rows``.
    """
    index: dict[tuple, int] = {}
    first: list[int] = []
    inverse: list[int] = []
    for i, row in enumerate(rows.tolist()):
        key = tuple(row)
        if key not in index:
            index[key] = len(first)
            first.append(i)
        inverse.append(index[key])
    device = rows.device
    return torch.tensor(first, device=device), torch.tensor(inverse, device=device)


def completion_logps(
    model: Any,
    input_ids: torch.Tensor,
    attention_mask: torch.Tensor,
    logits_to_keep: int,
    *,
    temperature: float = 1.0,
    compute_entropy: bool = False,
    autocast=None,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Per-token log-probabilities (and entropies) of the last ``logits_to_keep`` tokens of each row.

    The rows are ``prompt + completion`` (prompts left-padded to one width, completions right-padded),
    as TRL's GRPO builds them; rows with equal prompt columns and prompt mask share one prompt forward.

    Args:
        model: The policy (a PEFT model or a plain causal LM); gradients flow as in an ordinary forward.
        input_ids, attention_mask: ``(rows, prompt + completion)``.
        logits_to_keep: The completion width.
        temperature: Logits are divided by it before the softmax (TRL's sampling temperature).
        compute_entropy: Also return the entropy of each position's distribution.
        autocast: A context manager for the forward passes (the trainer's mixed precision); None: none.

    Returns:
        ``(logps, entropies)``, each ``(rows, logits_to_keep)``, zero at padded completion positions;
        ``entropies`` is None unless asked for.
    """
    backbone, lm_head = causal_lm_parts(model)
    autocast = autocast if autocast is not None else nullcontext()
    prompt_width = input_ids.size(1) - logits_to_keep
    prompt_ids, prompt_mask = input_ids[:, :prompt_width], attention_mask[:, :prompt_width]
    first, inverse = group_rows(torch.cat([prompt_ids, prompt_mask], dim=1))
    completion_ids = input_ids[:, prompt_width:]
    with autocast:
        prefix = backbone(input_ids=prompt_ids[first], attention_mask=prompt_mask[first], use_cache=True)
        cache = prefix.cache
        cache.batch_select_indices(inverse)
        completion = backbone(input_ids=completion_ids, attention_mask=attention_mask, cache=cache, use_cache=True)
        # Position t of the completion is predicted from the position before it: the prompt's last for t = 0.
        hidden = torch.cat([prefix.last_hidden_state[inverse, -1:], completion.last_hidden_state[:, :-1]], dim=1)
        logits = lm_head(hidden)
    logits = logits.float() / temperature
    log_softmax = torch.log_softmax(logits, dim=-1)
    keep = attention_mask[:, prompt_width:].bool()
    logps = log_softmax.gather(-1, completion_ids.unsqueeze(-1)).squeeze(-1).masked_fill(~keep, 0.0)
    entropies = None
    if compute_entropy:
        entropies = -(log_softmax.exp() * log_softmax).sum(-1).masked_fill(~keep, 0.0)
    return logps, entropies


@torch.no_grad()
def sample_shared_prefix(
    model: Any,
    prompt_ids: Sequence[Sequence[int]],
    *,
    pad_token_id: int,
    generation_config,
    prefill_autocast=None,
) -> torch.Tensor:
    """Sample one completion per prompt row, prefilling each distinct prompt once.

    The distinct prompts (left-padded to one width) run through the model once, all but their last
    token; the cache is indexed out to every row and ``generate`` continues from it, so each row
    samples independently exactly as it would have from its own prefill.

    Args:
        model: The policy (in eval or train mode; nothing is trained here).
        prompt_ids: Token ids of each row's prompt; rows of one group are equal.
        pad_token_id: Left-padding token.
        generation_config: Passed to ``generate`` (sampling settings, max new tokens, EOS).
        prefill_autocast: A context manager for the prefill (e.g. the trainer's bf16 autocast); the
            cache is cast back to the model's dtype for decoding.

    Returns:
        ``(rows, new tokens)``: the sampled tokens of each row (padded after EOS as ``generate`` does).
    """
    device = next(model.parameters()).device
    width = max(len(ids) for ids in prompt_ids)
    padded = torch.full((len(prompt_ids), width), pad_token_id, dtype=torch.long, device=device)
    mask = torch.zeros_like(padded)
    for row, ids in enumerate(prompt_ids):
        if ids:
            padded[row, width - len(ids) :] = torch.tensor(list(ids), device=device)
            mask[row, width - len(ids) :] = 1
    if width < 2:  # nothing to share before the last prompt token
        return model.generate(input_ids=padded, attention_mask=mask, generation_config=generation_config)[:, width:]
    first, inverse = group_rows(torch.cat([padded, mask], dim=1))
    backbone, _ = causal_lm_parts(model)
    # Positions as generate() derives them from the mask, so the continuation matches an unshared prefill.
    positions = (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)
    with prefill_autocast if prefill_autocast is not None else nullcontext():
        cache = backbone(
            input_ids=padded[first, :-1],
            attention_mask=mask[first, :-1],
            position_ids=positions[first, :-1],
            use_cache=True,
        ).cache
    dtype = next(model.parameters()).dtype
    for layer in cache.layers:
        layer.keys, layer.values = layer.keys.to(dtype), layer.values.to(dtype)
    cache.batch_select_indices(inverse)
    output = model.generate(input_ids=padded, attention_mask=mask, cache=cache, generation_config=generation_config)
    return output[:, width:]
