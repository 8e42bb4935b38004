"""Shared-prefix GRPO passes against the unshared ones on a tiny Llama with a LoRA adapter.

The shared passes must give the same log-probabilities, entropies, gradients and greedy samples as
running every row on its own; only rounding may differ.
"""

from __future__ import annotations

import pytest
import torch

from polysql.grpo.shared_prefix import completion_logps, group_rows, sample_shared_prefix  # noqa: E402
from tiny_llama import build_tiny_llama, tiny_lora_policy  # noqa: E402


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    path = build_tiny_llama(tmp_path_factory.mktemp("tiny") / "model")
    return tiny_lora_policy(path, ["q_proj", "k_proj", "v_proj", "o_proj"])


PAD = 3


def _batch():
    """Two prompts of different lengths (left-padded), 3 completions each of different lengths (right-padded)."""
    prompts = [[5, 9, 14, 22, 31, 7], [8, 40, 12]]
    completions = [[11, 12, 13, 14], [15, 16], [17], [18, 19, 20], [21, 22, 23, 24], [25]]
    width, cwidth = max(map(len, prompts)), max(map(len, completions))
    ids, mask = [], []
    for row, completion in enumerate(completions):
        prompt = prompts[row // 3]
        ids.append([PAD] * (width - len(prompt)) + prompt + completion + [PAD] * (cwidth - len(completion)))
        mask.append(
            [0] * (width - len(prompt)) + [1] * (len(prompt) + len(completion)) + [0] * (cwidth - len(completion))
        )
    return torch.tensor(ids), torch.tensor(mask), cwidth


def _unshared(model, ids, mask, keep, temperature):
    logits = model(input_ids=ids, attention_mask=mask).logits[:, -keep - 1 : -1].float() / temperature
    log_softmax = torch.log_softmax(logits, -1)
    valid = mask[:, -keep:].bool()
    logps = log_softmax.gather(-1, ids[:, -keep:, None]).squeeze(-1).masked_fill(~valid, 0)
    entropy = -(log_softmax.exp() * log_softmax).sum(-1).masked_fill(~valid, 0)
    return logps, entropy


def test_group_rows_finds_each_rows_group_in_order():
    first, inverse = group_rows(torch.tensor([[1, 2], [3, 4], [1, 2], [3, 4], [5, 6]]))
    assert first.tolist() == [0, 1, 4] and inverse.tolist() == [0, 1, 0, 1, 2]


def test_logps_entropies_and_gradients_match_the_unshared_forward(policy):
    ids, mask, keep = _batch()
    weights = torch.linspace(-1.0, 2.0, keep * ids.size(0)).view(ids.size(0), keep)
    trainable = [p for p in policy.parameters() if p.requires_grad]

    policy.zero_grad()
    want_logps, want_entropy = _unshared(policy, ids, mask, keep, temperature=0.7)
    (want_logps * weights).sum().backward()
    want_grads = [p.grad.clone() for p in trainable]

    policy.zero_grad()
    logps, entropy = completion_logps(policy, ids, mask, keep, temperature=0.7, compute_entropy=True)
    (logps * weights).sum().backward()

    assert logps.shape == (6, keep)
    assert torch.allclose(logps, want_logps, atol=1e-5), (logps - want_logps).abs().max()
    assert torch.allclose(entropy, want_entropy, atol=1e-5)
    assert (logps[2, 1:] == 0).all() and (logps[2, 0] != 0)  # padding after a 1-token completion
    for got, want in zip((p.grad for p in trainable), want_grads):
        assert torch.allclose(got, want, atol=1e-5 * float(want.abs().max()), rtol=1e-4), (got - want).abs().max()
    assert any(g.abs().sum() > 0 for g in want_grads)  # the comparison is not between zeros


def test_greedy_samples_match_an_unshared_generate(policy):
    from transformers import GenerationConfig

    policy.eval()
    prompts = [[5, 9, 14, 22, 31, 7]] * 2 + [[8, 40, 12]] * 2 + [[30, 31]]
    config = GenerationConfig(max_new_tokens=6, do_sample=False, pad_token_id=PAD, eos_token_id=2)
    shared = sample_shared_prefix(policy, prompts, pad_token_id=PAD, generation_config=config)
    width = max(map(len, prompts))
    ids = torch.tensor([[PAD] * (width - len(p)) + p for p in prompts])
    mask = (torch.arange(width)[None, :] >= torch.tensor([width - len(p) for p in prompts])[:, None]).long()
    with torch.no_grad():
        plain = policy.generate(input_ids=ids, attention_mask=mask, generation_config=config)[:, width:]
    policy.train()
    assert shared.tolist() == plain.tolist()
    assert shared.shape[1] > 0
