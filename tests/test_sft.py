"""Completion-only SFT with one database per batch: the shared-prefix forward against every row run on its own,
on a tiny Llama with a LoRA adapter, and the batches' composition."""

from __future__ import annotations

import random

import pytest
import torch

from polysql.sft import Example, common_prefix, completion_loss_sum, encode_examples, epoch_batches
from tiny_llama import build_tiny_llama, tiny_lora_policy

PAD = 3


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    return tiny_lora_policy(build_tiny_llama(tmp_path_factory.mktemp("tiny") / "model"))


def _per_row_loss(model, batch):
    """Each example through the whole model on its own: the completion tokens' summed cross-entropy."""
    total = torch.zeros(())
    for example in batch:
        ids = torch.tensor([example.ids])
        logits = model(input_ids=ids).logits[0, :-1].float()
        targets = ids[0, 1:].clone()
        targets[: example.prompt_length - 1] = -100
        total = total + torch.nn.functional.cross_entropy(logits, targets, reduction="sum")
    return total


def _grads(model, loss):
    model.zero_grad()
    loss.backward()
    return [p.grad.clone() for p in model.parameters() if p.requires_grad]


# One database's prompts: a shared opening, questions of different lengths, completions of different lengths;
# the third prompt shares all but its last token with the first.
BATCH = [
    Example((5, 9, 14, 22, 31, 7, 40, 41, 11, 12, 13, 2), 8, "db"),
    Example((5, 9, 14, 22, 31, 7, 42, 15, 2), 7, "db"),
    Example((5, 9, 14, 22, 31, 7, 40, 43, 17, 18, 19, 20, 21, 2), 8, "db"),
]


@pytest.mark.parametrize("share_prefix", [True, False])
def test_loss_and_gradients_match_every_row_run_on_its_own(policy, share_prefix):
    want_loss = _per_row_loss(policy, BATCH)
    want = _grads(policy, want_loss)
    loss, tokens = completion_loss_sum(policy, BATCH, pad_token_id=PAD, share_prefix=share_prefix)
    got = _grads(policy, loss)
    assert tokens == 4 + 2 + 6  # completion tokens, EOS included
    assert loss.item() == pytest.approx(want_loss.item(), rel=1e-5)
    for g, w in zip(got, want):
        assert torch.allclose(g, w, atol=1e-5 * float(w.abs().max()), rtol=1e-4), (g - w).abs().max()
    assert any(w.abs().sum() > 0 for w in want)  # not a comparison between zeros


def test_a_prompt_that_is_the_whole_shared_prefix_still_predicts_its_first_completion_token(policy):
    batch = [Example((5, 9, 14, 60, 2), 3, "db"), Example((5, 9, 14, 61, 62, 2), 3, "db")]
    loss, tokens = completion_loss_sum(policy, batch, pad_token_id=PAD, share_prefix=True)
    assert tokens == 5
    assert loss.item() == pytest.approx(_per_row_loss(policy, batch).item(), rel=1e-5)


def test_batches_hold_one_database_each_and_cover_every_example_once():
    examples = [Example((1, 2, i), 2, db) for i, db in enumerate("aaaaabbbcccccccd")]
    batches = epoch_batches(examples, 4, random.Random(0), by_group=True)
    assert sorted(i for batch in batches for i in batch) == list(range(len(examples)))
    assert all(len({examples[i].group for i in batch}) == 1 and len(batch) <= 4 for batch in batches)
    assert len(batches) == 2 + 1 + 2 + 1
    assert batches == epoch_batches(examples, 4, random.Random(0), by_group=True)  # seeded
    mixed = epoch_batches(examples, 4, random.Random(0), by_group=False)
    assert [len(b) for b in mixed] == [4, 4, 4, 4]
    assert any(len({examples[i].group for i in batch}) > 1 for batch in mixed)


def test_common_prefix():
    assert common_prefix([(1, 2, 3), (1, 2, 4), (1, 2)]) == 2
    assert common_prefix([(1, 2), (1, 2)]) == 2
    assert common_prefix([(7,), (1, 2)]) == 0


def test_examples_end_with_one_eos_and_mark_where_the_completion_starts(tiny_llama_path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_llama_path)
    eos = tokenizer.eos_token
    rows = [
        {"prompt": "Question: how many?\n", "completion": "SELECT 1;"},
        {"prompt": "Q\n", "completion": f"SELECT 2;{eos}"},
    ]
    first, second = encode_examples(tokenizer, rows, ["a", "b"])
    assert first.ids[-1] == second.ids[-1] == tokenizer.eos_token_id
    assert first.ids[-2] != tokenizer.eos_token_id and second.ids[-2] != tokenizer.eos_token_id
    assert list(first.ids[: first.prompt_length]) == tokenizer(rows[0]["prompt"], add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(first.ids[first.prompt_length :], skip_special_tokens=True) == "SELECT 1;"
    assert (first.group, second.group) == ("a", "b")


def test_a_model_with_capped_logits_is_refused_not_trained_wrong(tiny_llama_path):
    from transformers import AutoModelForCausalLM

    from polysql.sft import train_completion_sft

    model = AutoModelForCausalLM.from_pretrained(tiny_llama_path, dtype=torch.float32)
    model.config.final_logit_softcapping = 30.0  # as Gemma 2 does: not the plain LM-head projection
    with pytest.raises(ValueError, match="cannot train it"):
        train_completion_sft(
            model,
            BATCH,
            pad_token_id=PAD,
            epochs=1,
            batch_size=2,
            gradient_accumulation_steps=1,
            learning_rate=1e-3,
            seed=0,
            share_prefix=True,
        )
