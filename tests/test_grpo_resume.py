"""Resume is the same run: a killed-and-resumed GRPO run trains the same prompts, in the same
order, with the same sampling, as an uninterrupted one.

Real TRL runs on the tiny Llama over several epochs of a 6-prompt sample (3 steps an epoch); a reward
records which prompt ids (and completions) each step scored. The kill lands after step 5, the newest
checkpoint is step 4 (inside epoch 2), so the resumed trainer must skip one batch of epoch 2's shuffle.
"""

from __future__ import annotations

import pytest

from polysql.grpo.train import train_grpo
from polysql.io import read_jsonl
from polysql.rewards.registry import REWARD_FACTORIES
from test_grpo import RUN, KillAfterLog, SimulatedKill, _config, tiny_model, train_path  # noqa: F401  (fixtures)

STEPS, SAVE, KILL = 8, 2, 5


@pytest.fixture()
def recorded(monkeypatch):
    """Every reward call (one a step here): the prompt ids and completions it scored."""
    calls: list[tuple[list[str], list[str]]] = []

    def make(section, *, context):
        def chars(prompts, completions, **columns):
            calls.append((list(columns["id"]), [str(c) for c in completions]))
            return [len(set(str(text))) / 10 for text in completions]

        return chars

    monkeypatch.setitem(REWARD_FACTORIES, "chars", make)
    return calls


def _train(tmp_path, name, tiny_model, train_path, **kwargs):
    out_dir = tmp_path / name
    return out_dir, train_grpo(
        RUN,
        train_path=train_path,
        model_path=tiny_model,
        out_dir=out_dir,
        checkpoints_dir=out_dir / "checkpoints",
        config=_config(max_steps=STEPS, save_steps=SAVE),
        **kwargs,
    )


def test_a_resumed_run_sees_the_prompts_of_an_uninterrupted_one(tmp_path, tiny_model, train_path, recorded):
    _train(tmp_path, "whole", tiny_model, train_path)
    whole = list(recorded)
    assert len(whole) == STEPS
    epochs = [sorted({i for ids, _ in whole[e * 3 : (e + 1) * 3] for i in ids}) for e in range(2)]
    assert epochs[0] == epochs[1] and len(epochs[0]) == 6  # each epoch trains every prompt once

    recorded.clear()
    with pytest.raises(SimulatedKill):
        _train(tmp_path, "killed", tiny_model, train_path, callbacks=[KillAfterLog(at_step=KILL)])
    first_attempt = list(recorded)[:4]  # steps 1-4 are in checkpoint-4; step 5 is lost with the kill
    recorded.clear()
    out_dir, summary = _train(tmp_path, "killed", tiny_model, train_path)
    assert summary["resumed_from"] == 4 and summary["global_step"] == STEPS
    resumed = first_attempt + list(recorded)

    assert [ids for ids, _ in resumed] == [ids for ids, _ in whole]  # same prompt ids at every step
    assert [c for _, c in resumed] == [c for _, c in whole]  # and the same sampled completions (CPU)
    assert [r["step"] for r in read_jsonl(out_dir / "train_log.jsonl") if "loss" in r] == list(range(1, STEPS + 1))
