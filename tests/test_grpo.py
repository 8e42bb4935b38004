"""GRPO training end to end on a tiny Llama built in-process and tiny SQLite databases.

Real TRL steps: the log gets every reward, only LoRA weights move, the adapter reloads and
generates, a killed run resumes from its checkpoint, and bad config fails before the model loads.
"""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest
import torch
from transformers import TrainerCallback

from polysql.grpo.config import GRPOConfigError
from polysql.grpo.train import train_grpo
from polysql.io import read_jsonl
from polysql.rewards.registry import REWARD_FACTORIES

RUN = {"train_lang": "all", "reward_set": "mixed", "seed": 0}

CONFIG = {
    "data": {"seed": 0},
    "sql": {"timeout_s": 2.0, "max_rows": 1000, "max_result_bytes": 1_000_000},
    "prompt": {"system": "Answer with one SQLite query.", "shots": 1, "sample_rows": 0, "chat_template": True},
    "rewards": {"execution": {"match": 1.0, "wrong": 0.1, "error": 0.0}, "syntax": {}, "format": {}, "chars": {}},
    "reward_sets": {"mixed": {"execution": 1.0, "syntax": 0.2, "format": 0.2, "chars": 1.0}},
    "grpo": {
        "threads": 1,
        "lora": {"r": 4, "alpha": 8, "dropout": 0.0, "target_modules": ["q_proj", "v_proj"]},
        "trainer": {
            "learning_rate": 5.0e-3,
            "beta": 0.02,
            "num_generations": 2,
            "per_device_train_batch_size": 4,
            "gradient_accumulation_steps": 1,
            "max_completion_length": 8,
            "temperature": 1.0,
            "max_steps": 3,
            "logging_steps": 1,
            "save_steps": 2,
            "gradient_checkpointing": False,
            "report_to": "none",
        },
    },
}


def make_chars_reward(section, *, context):
    """A test reward with spread inside every group (random tiny-model text): distinct characters / 10."""

    def chars(prompts, completions, **columns):
        return [len(set(text)) / 10 for text in completions]

    return chars


@pytest.fixture(autouse=True)
def _chars_reward(monkeypatch):
    monkeypatch.setitem(REWARD_FACTORIES, "chars", make_chars_reward)


@pytest.fixture(scope="module")
def tiny_model(tiny_llama_path):
    return tiny_llama_path


@pytest.fixture(scope="module")
def train_path(tmp_path_factory):
    root = tmp_path_factory.mktemp("grpo-data")
    records = []
    for db_id in ("music", "shop", "zoo"):
        db_path = root / f"{db_id}.sqlite"
        conn = sqlite3.connect(db_path)
        conn.execute("CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, age INTEGER)")
        conn.executemany("INSERT INTO singer VALUES (?, ?, ?)", [(1, "Ana", 22), (2, "Bo", 31)])
        conn.commit()
        conn.close()
        for lang, question in (("en", "How many singers are there?"), ("de", "Wie viele Sänger gibt es?")):
            records.append(
                {
                    "id": f"train-{db_id}-{lang}",
                    "intent": f"train-{db_id}",
                    "lang": lang,
                    "split": "train",
                    "db_id": db_id,
                    "db_path": str(db_path),
                    "question": question,
                    "gold_sql": "SELECT count(*) FROM singer",
                    "hardness": "easy",
                }
            )
    path = root / "grpo_train_all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _config(**trainer):
    config = copy.deepcopy(CONFIG)
    config["grpo"]["trainer"].update(trainer)
    return config


class ParameterSnapshot(TrainerCallback):
    """Copies of every parameter at the start and end of training."""

    def on_train_begin(self, args, state, control, model=None, **kwargs):
        self.before = {name: p.detach().clone() for name, p in model.named_parameters()}
        self.start_step = state.global_step

    def on_train_end(self, args, state, control, model=None, **kwargs):
        self.after = {name: p.detach().clone() for name, p in model.named_parameters()}


class SimulatedKill(RuntimeError):
    pass


class KillAfterLog(TrainerCallback):
    """Simulates a killed job: raises once step ``at_step`` is logged (after its log line is written)."""

    def __init__(self, at_step):
        self.at_step = at_step

    def on_log(self, args, state, control, logs=None, **kwargs):
        if state.global_step == self.at_step and "train_runtime" not in (logs or {}):
            raise SimulatedKill(f"simulated kill at step {self.at_step}")


def test_grpo_steps_log_rewards_train_only_lora_and_reload(tmp_path, tiny_model, train_path):
    snapshot = ParameterSnapshot()
    out_dir = tmp_path / "run"
    summary = train_grpo(
        RUN,
        train_path=train_path,
        model_path=tiny_model,
        out_dir=out_dir,
        checkpoints_dir=out_dir / "checkpoints",
        config=_config(),
        callbacks=[snapshot],
    )
    assert summary["global_step"] == 3 and summary["resumed_from"] is None

    log = read_jsonl(out_dir / "train_log.jsonl")
    assert [r["step"] for r in log] == [1, 2, 3]
    for record in log:
        assert isinstance(record["loss"], float)
        for name in ("execution", "syntax", "format", "chars"):
            assert record[f"rewards/{name}/mean"] is not None
            assert f"rewards/{name}/std" in record
        for key in ("reward", "reward_std", "kl", "completions/mean_length", "frac_reward_zero_std"):
            assert key in record
        assert record["time/step_s"] > 0 and record["time/generation_s"] > 0
        assert record["time/reward/execution_s"] > 0
        assert record["time/generation_s"] + record["time/rewards_s"] <= record["time/step_s"]
        # The weighted total reward is the weighted sum of the per-function means.
        weighted = sum(w * record[f"rewards/{n}/mean"] for n, w in CONFIG["reward_sets"]["mixed"].items())
        assert record["reward"] == pytest.approx(weighted, abs=1e-5)
    assert any(r["frac_reward_zero_std"] < 1.0 for r in log)  # the chars reward gives a learning signal

    # Only LoRA weights moved; the base model is frozen.
    changed = {n for n in snapshot.before if not torch.equal(snapshot.before[n], snapshot.after[n])}
    lora = {n for n in snapshot.before if "lora_" in n}
    assert lora and changed, "no parameter changed"
    assert changed <= lora, f"non-LoRA parameters changed: {sorted(changed - lora)[:5]}"

    # The adapter is a PEFT adapter that reloads onto the base model and generates.
    adapter = out_dir / "adapter"
    assert (adapter / "adapter_config.json").is_file()
    assert json.loads((adapter / "adapter_config.json").read_text())["r"] == 4
    from polysql.models.sources import load_causal_lm

    model, tokenizer = load_causal_lm(tiny_model, adapter=adapter, merge_adapter=False, device="cpu")
    trained_b = {n: p for n, p in snapshot.after.items() if "lora_B" in n}
    loaded = dict(model.named_parameters())
    assert any(p.abs().sum() > 0 for p in trained_b.values())
    for name, value in trained_b.items():
        assert torch.allclose(loaded[name], value), name
    inputs = tokenizer(["<|im_start|>user\nHow many singers?<|im_end|>\n<|im_start|>assistant\n"], return_tensors="pt")
    output = model.generate(**inputs, max_new_tokens=4, do_sample=False)
    assert output.shape[1] > inputs["input_ids"].shape[1]


def test_killed_run_resumes_from_its_checkpoint(tmp_path, tiny_model, train_path):
    out_dir, checkpoints = tmp_path / "run", tmp_path / "run" / "checkpoints"
    config = _config(max_steps=4, save_steps=2)
    kwargs = dict(
        train_path=train_path, model_path=tiny_model, out_dir=out_dir, checkpoints_dir=checkpoints, config=config
    )
    with pytest.raises(SimulatedKill, match="simulated kill"):
        train_grpo(RUN, **kwargs, callbacks=[KillAfterLog(at_step=3)])
    assert (checkpoints / "checkpoint-2" / "trainer_state.json").is_file()
    assert not (checkpoints / "checkpoint-4").exists()
    assert [r["step"] for r in read_jsonl(checkpoints / "train_log.jsonl")] == [1, 2, 3]  # step 3 lost with the kill
    assert not (out_dir / "adapter").exists()

    snapshot = ParameterSnapshot()
    summary = train_grpo(RUN, **kwargs, callbacks=[snapshot])
    assert summary["resumed_from"] == 2
    assert snapshot.start_step == 2  # continued from the checkpoint, not from 0
    assert summary["global_step"] == 4
    log = read_jsonl(out_dir / "train_log.jsonl")
    assert [r["step"] for r in log] == [1, 2, 3, 4]
    assert log[-1]["time/elapsed_s"] >= log[1]["time/elapsed_s"]
    assert (out_dir / "adapter" / "adapter_config.json").is_file()


def test_batch_geometry_fails_before_the_model_loads(tmp_path, train_path):
    config = _config(per_device_train_batch_size=3, num_generations=2)
    with pytest.raises(
        GRPOConfigError,
        match=r"generation batch = per_device_train_batch_size \(3\).* = 3 completions "
        r"must be a multiple of grpo.trainer.num_generations \(2\)",
    ):
        train_grpo(
            RUN,
            train_path=train_path,
            model_path=tmp_path / "no-model",
            out_dir=tmp_path / "run",
            checkpoints_dir=tmp_path / "ck",
            config=config,
        )
    with pytest.raises(GRPOConfigError, match=r"grpo.trainer.num_generations: must be >= 2, got 1"):
        train_grpo(
            RUN,
            train_path=train_path,
            model_path=tmp_path / "no-model",
            out_dir=tmp_path / "run",
            checkpoints_dir=tmp_path / "ck",
            config=_config(num_generations=1),
        )


def test_unknown_trainer_field_is_named_with_the_valid_ones(tmp_path, train_path):
    with pytest.raises(GRPOConfigError, match=r"grpo.trainer.learning_rat: unknown GRPOConfig field.*'learning_rate'"):
        train_grpo(
            RUN,
            train_path=train_path,
            model_path=tmp_path / "no-model",
            out_dir=tmp_path / "run",
            checkpoints_dir=tmp_path / "ck",
            config=_config(learning_rat=1e-5),
        )
    with pytest.raises(GRPOConfigError, match="set by the workflow"):
        train_grpo(
            RUN,
            train_path=train_path,
            model_path=tmp_path / "no-model",
            out_dir=tmp_path / "run",
            checkpoints_dir=tmp_path / "ck",
            config=_config(seed=3),
        )
