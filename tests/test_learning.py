"""The levers that give GRPO something to learn: the supervised warm start, skipping batches without
signal, and held-out learning curves. Real training on a tiny Llama and tiny SQLite databases."""

from __future__ import annotations

import copy
import json
import math

import pytest
import torch

from polysql.grpo.heldout import HeldOutEvalCallback, heldout_sample
from polysql.grpo.train import train_grpo
from polysql.io import read_jsonl
from polysql.models.prompts import build_prompt
from polysql.models.sources import load_causal_lm
from polysql.rewards.registry import REWARD_FACTORIES
from polysql.warm_start import select_records, sft_rows, train_warm_start
from test_grpo import CONFIG, RUN, ParameterSnapshot, make_chars_reward, tiny_model, train_path  # noqa: F401 (fixtures)

PROMPT = {"system": "Answer with one SQLite query.", "shots": 0, "sample_rows": 0, "chat_template": True}


def _completion_nll(model, tokenizer, prompt: str, completion: str) -> float:
    """Mean negative log-likelihood of the completion's tokens after the prompt."""
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    full = tokenizer(prompt + completion, add_special_tokens=False)["input_ids"]
    ids = torch.tensor([full])
    with torch.no_grad():
        logits = model(input_ids=ids).logits[0, :-1]
    targets = ids[0, 1:]
    losses = torch.nn.functional.cross_entropy(logits, targets, reduction="none")
    return float(losses[len(prompt_ids) - 1 :].mean())


def test_select_records_leaves_out_grpo_intents_and_interleaves_languages():
    records = [
        {"id": f"t{i}-{lang}", "intent": f"t{i}", "lang": lang, "gold_sql": "SELECT 1"}
        for i in range(6)
        for lang in ("en", "de", "ja")
    ]
    picked = select_records(records, exclude_intents={"t0", "t1"}, size=7, seed=3)
    assert len(picked) == 7
    assert not {r["intent"] for r in picked} & {"t0", "t1"}
    assert [r["lang"] for r in picked[:6]] == ["de", "en", "ja", "de", "en", "ja"]
    assert select_records(records, exclude_intents=set(), size=7, seed=3) == select_records(
        records, exclude_intents=set(), size=7, seed=3
    )
    with pytest.raises(Exception, match="no train-split record is left"):
        select_records(records, exclude_intents={f"t{i}" for i in range(6)}, size=5, seed=0)


def test_warm_start_makes_gold_sql_likelier_and_saves_a_loadable_model(tmp_path, tiny_model, train_path):
    records = read_jsonl(train_path)
    out_dir = tmp_path / "warm"
    summary = train_warm_start(
        records,
        base_model=tiny_model,
        out_dir=out_dir,
        prompt_config=PROMPT,
        spec={
            "epochs": 8,
            "learning_rate": 5e-3,
            "batch_size": 2,
            "bf16": False,
            "max_length": 4096,
            "lora": {"r": 8, "alpha": 16, "dropout": 0.0, "target_modules": "all-linear"},
        },
    )
    assert summary["examples"] == len(records) and summary["too_long"] == 0
    databases = {r["db_id"] for r in records}  # one database per batch of 2
    assert summary["steps"] == 8 * sum(math.ceil(sum(r["db_id"] == db for r in records) / 2) for db in databases)
    assert summary["last_loss"] < summary["first_loss"]
    log = read_jsonl(out_dir / "train_log.jsonl")
    assert len(log) == summary["steps"] and all(r["loss"] > 0 for r in log)

    # A plain transformers folder (no adapter files), whose gold completion is likelier than the base's.
    assert (out_dir / "model" / "config.json").is_file() and not (out_dir / "model" / "adapter_config.json").exists()
    base, tokenizer = load_causal_lm(tiny_model, device="cpu")
    warm, _ = load_causal_lm(out_dir / "model", device="cpu")
    row = sft_rows(records[:1], tokenizer, prompt_config=PROMPT)[0]
    assert row["completion"] == "SELECT count(*) FROM singer;"
    before = _completion_nll(base, tokenizer, row["prompt"], row["completion"])
    after = _completion_nll(warm, tokenizer, row["prompt"], row["completion"])
    assert after < 0.5 * before, (before, after)


def test_warm_start_refuses_when_every_example_is_too_long(tmp_path, tiny_model, train_path):
    with pytest.raises(Exception, match=r"every example is longer than warm_start.max_length \(16 tokens"):
        train_warm_start(
            read_jsonl(train_path),
            base_model=tiny_model,
            out_dir=tmp_path / "w",
            prompt_config=PROMPT,
            spec={"max_length": 16, "bf16": False},
        )


def _constant_reward(section, *, context):
    def constant(prompts, completions, **columns):
        return [0.5 for _ in completions]

    return constant


def test_batches_without_signal_are_skipped_and_leave_the_adapter_untouched(
    tmp_path, tiny_model, train_path, monkeypatch
):
    monkeypatch.setitem(REWARD_FACTORIES, "constant", _constant_reward)
    config = copy.deepcopy(CONFIG)
    config["rewards"]["constant"] = {}
    config["reward_sets"] = {"flat": {"constant": 1.0}}
    config["grpo"]["skip_zero_advantage"] = True
    snapshot = ParameterSnapshot()
    summary = train_grpo(
        {**RUN, "reward_set": "flat"},
        train_path=train_path,
        model_path=tiny_model,
        out_dir=tmp_path / "run",
        checkpoints_dir=tmp_path / "run" / "checkpoints",
        config=config,
        callbacks=[snapshot],
    )
    assert summary["global_step"] == 3 and summary["skipped_batches"] == 3
    lora = [n for n in snapshot.before if "lora_" in n]
    assert lora and all(torch.equal(snapshot.before[n], snapshot.after[n]) for n in lora)
    assert [r["skipped_batches"] for r in read_jsonl(tmp_path / "run" / "train_log.jsonl")] == [1.0, 1.0, 1.0]

    # Without skipping, every batch goes through forward/backward.
    config["grpo"]["skip_zero_advantage"] = False
    summary = train_grpo(
        {**RUN, "reward_set": "flat"},
        train_path=train_path,
        model_path=tiny_model,
        out_dir=tmp_path / "run2",
        checkpoints_dir=tmp_path / "run2" / "checkpoints",
        config=config,
    )
    assert summary["skipped_batches"] == 0


def test_heldout_sample_leaves_out_evaluated_intents():
    dev = [{"id": f"d{i}-{lang}", "intent": f"d{i}", "lang": lang} for i in range(10) for lang in ("en", "fr")]
    sample = heldout_sample(dev, exclude_intents={"d0", "d1", "d2"}, per_language=3, seed=1)
    assert len(sample) == 6 and sorted({r["lang"] for r in sample}) == ["en", "fr"]
    assert not {r["intent"] for r in sample} & {"d0", "d1", "d2"}


def test_heldout_callback_scores_greedy_answers_into_the_log(tmp_path, tiny_model, train_path):
    records = read_jsonl(train_path)[:3]
    model, tokenizer = load_causal_lm(tiny_model, device="cpu")
    model.train()
    prompts = [build_prompt(r, tokenizer, prompt_config=PROMPT) for r in records]
    seen = []

    def execution(prompts_, completions, **columns):  # match, runs but wrong, error
        seen.append(list(completions))
        return [1.0, 0.1, 0.0][: len(completions)]

    def bonus(prompts_, completions, **columns):
        return [1.0] * len(completions)

    path = tmp_path / "train_log.jsonl"
    callback = HeldOutEvalCallback(
        records,
        prompts,
        tokenizer,
        reward_funcs=[execution, bonus],
        weights=[1.0, 0.5],
        execution=execution,
        path=path,
        every=2,
        max_new_tokens=4,
    )

    class State:
        global_step, max_steps, is_world_process_zero = 0, 5, True

    callback.on_train_begin(None, State, None, model=model)
    for step in (1, 2, 3, 4, 5):
        State.global_step = step
        callback.on_step_end(None, State, None, model=model)
    log = read_jsonl(path)
    assert [r["step"] for r in log] == [0, 2, 4, 5]
    first = log[0]
    assert first["heldout/n"] == 3
    assert first["heldout/ex"] == pytest.approx(1 / 3) and first["heldout/executable"] == pytest.approx(2 / 3)
    assert first["heldout/reward"] == pytest.approx((1.1 + 0.5 * 3) / 3)
    assert model.training  # the callback restores train mode
    assert len(seen[0]) == 3 and all(isinstance(text, str) for text in seen[0])
    assert json.dumps(first)  # plain JSON values


def test_shared_prefix_training_follows_the_unshared_trajectory(tmp_path, tiny_model, train_path, monkeypatch):
    """Same seed, same samples: shared-prompt sampling and log-probabilities give TRL's own rewards and losses."""
    import polysql.grpo.trainer as trainer_module

    calls = {"logps": 0, "sample": 0}

    def counted(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(trainer_module, "completion_logps", counted("logps", trainer_module.completion_logps))
    monkeypatch.setattr(trainer_module, "sample_shared_prefix", counted("sample", trainer_module.sample_shared_prefix))
    monkeypatch.setitem(REWARD_FACTORIES, "chars", make_chars_reward)
    logs = {}
    for shared in (False, True):
        config = copy.deepcopy(CONFIG)
        config["grpo"]["shared_prefix"] = shared
        out = tmp_path / f"shared-{shared}"
        summary = train_grpo(
            RUN,
            train_path=train_path,
            model_path=tiny_model,
            out_dir=out,
            checkpoints_dir=out / "checkpoints",
            config=config,
        )
        assert summary["global_step"] == 3
        logs[shared] = read_jsonl(out / "train_log.jsonl")
        if not shared:
            assert calls == {"logps": 0, "sample": 0}
    assert calls["sample"] == 3 and calls["logps"] >= 3  # every step sampled and scored through the shared path
    assert [r["reward"] for r in logs[True]] == [r["reward"] for r in logs[False]]
    for shared, plain in zip(logs[True], logs[False]):
        assert shared["loss"] == pytest.approx(plain["loss"], abs=1e-4)
    assert any(abs(r["loss"]) > 1e-6 for r in logs[False])
