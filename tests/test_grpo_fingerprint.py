"""Checkpoint fingerprints: a checkpoint is resumed only by the run definition that wrote it.

Unit tests of what the fingerprint covers, then real TRL runs on the tiny Llama: a changed learning
rate moves the old checkpoints aside and starts at step 0, a changed saving cadence still resumes,
and a run that already reached max_steps trains no further step.
"""

from __future__ import annotations

import copy
import json
import logging
import shutil

import pytest
from transformers import TrainerCallback

from polysql.grpo import fingerprint as fp
from polysql.grpo.train import train_grpo
from polysql.io import read_jsonl
from test_grpo import RUN, _chars_reward, _config, tiny_model, train_path  # noqa: F401  (fixtures)


def _fingerprint(tmp_path, model_path, train_path, config=None, run=RUN, encoders=None):
    return fp.run_fingerprint(
        run, config=config or _config(), model_path=model_path, train_path=train_path, encoder_paths=encoders
    )


@pytest.fixture()
def model_copy(tmp_path, tiny_model):
    """The tiny model copied where the workflow puts its own models (results/warm_start/<name>/model)."""
    target = tmp_path / "results" / "warm_start" / "sft" / "model"
    shutil.copytree(tiny_model, target)
    return target


def test_key_order_and_cadence_do_not_change_the_fingerprint(tmp_path, tiny_model, train_path):
    base = _fingerprint(tmp_path, tiny_model, train_path)
    reordered = copy.deepcopy(_config())
    reordered["grpo"]["trainer"] = dict(reversed(list(reordered["grpo"]["trainer"].items())))
    reordered["rewards"] = dict(reversed(list(reordered["rewards"].items())))
    cadence = _config(logging_steps=5, save_steps=7, save_total_limit=2, report_to="none", logging_first_step=True)
    cadence["sql"]["workers"] = 4  # speed only
    cadence["grpo"].update(threads=8, gpu=True, mem_mb=1, runtime_min=1)  # resources only
    digest = fp.fingerprint_digest(base)
    assert fp.fingerprint_digest(_fingerprint(tmp_path, tiny_model, train_path, reordered)) == digest
    assert fp.fingerprint_digest(_fingerprint(tmp_path, tiny_model, train_path, cadence)) == digest


@pytest.mark.parametrize(
    "change, part",
    [
        (lambda c: c["grpo"]["trainer"].update(learning_rate=3e-4), "trainer.learning_rate"),
        (lambda c: c["grpo"]["trainer"].update(max_steps=9), "trainer.max_steps"),
        (lambda c: c["grpo"]["lora"].update(r=8), "lora"),
        (lambda c: c["grpo"].update(train_size=2), "train_size"),
        (lambda c: c["grpo"].update(skip_zero_advantage=True), "grpo_other"),  # any new grpo key counts
        (lambda c: c["reward_sets"]["mixed"].update(execution=0.5), "reward_set"),
        (lambda c: c["rewards"]["execution"].update(wrong=0.2), "reward_set"),
        (lambda c: c["sql"].update(timeout_s=1.0), "sql"),
        (lambda c: c["prompt"].update(shots=0), "prompt"),
        (lambda c: c["data"].update(seed=1), "data_seed"),
        (
            lambda c: c.update(models={"tiny": {"source": "local", "path": "x"}}) or c["grpo"].update(model="tiny"),
            "model",
        ),
    ],
)
def test_each_trajectory_setting_changes_the_fingerprint(tmp_path, tiny_model, train_path, change, part):
    base = _fingerprint(tmp_path, tiny_model, train_path)
    config = _config()
    change(config)
    changed = _fingerprint(tmp_path, tiny_model, train_path, config)
    assert fp.fingerprint_digest(changed) != fp.fingerprint_digest(base)
    assert part in fp.changed_parts(base, changed)


def test_a_reward_section_outside_the_set_does_not_count(tmp_path, tiny_model, train_path):
    config = _config()
    config["rewards"]["semantic"] = {"encoder": "other", "anchor": "gold_sql"}  # not in the run's reward set
    config["reward_sets"]["other"] = {"semantic": 1.0}
    assert fp.fingerprint_digest(_fingerprint(tmp_path, tiny_model, train_path, config)) == fp.fingerprint_digest(
        _fingerprint(tmp_path, tiny_model, train_path)
    )


def test_seed_sample_model_and_encoder_content_change_the_fingerprint(tmp_path, tiny_model, train_path, model_copy):
    base = _fingerprint(tmp_path, model_copy, train_path)
    assert "content_sha256" in base["model"]
    other_seed = _fingerprint(tmp_path, model_copy, train_path, run={**RUN, "seed": 1})
    assert fp.changed_parts(base, other_seed) == ["seed"]

    sample = tmp_path / "sample.jsonl"
    lines = train_path.read_text(encoding="utf-8").splitlines(keepends=True)
    sample.write_text("".join(reversed(lines)), encoding="utf-8")  # same records, other order
    assert fp.changed_parts(base, _fingerprint(tmp_path, model_copy, sample)) == ["train_sample_sha256"]

    # a retrained warm-start model: same path, same config, other weights
    weights = next(p for p in model_copy.iterdir() if p.suffix == ".safetensors")
    weights.write_bytes(weights.read_bytes()[:-1] + b"\0")
    assert fp.changed_parts(base, _fingerprint(tmp_path, model_copy, train_path)) == ["model"]

    encoder = tmp_path / "results" / "encoder" / "enc" / "model"
    encoder.mkdir(parents=True)
    (encoder / "config.json").write_text("{}")
    with_encoder = _fingerprint(tmp_path, model_copy, train_path, encoders={"enc": str(encoder)})
    (encoder / "config.json").write_text('{"hidden": 1}')
    assert fp.changed_parts(
        with_encoder, _fingerprint(tmp_path, model_copy, train_path, encoders={"enc": str(encoder)})
    ) == ["encoders"]


def test_pinned_specs_identify_prepared_models_without_hashing(tmp_path):
    folder = tmp_path / "resources" / "models" / "m"
    folder.mkdir(parents=True)
    hub = {"source": "hub", "repo_id": "org/m", "revision": "abc123"}
    assert fp.model_identity(folder, hub) == {"spec": hub}
    gguf = {"source": "gguf", "path": "m.gguf", "sha256": "0" * 64}
    assert fp.model_identity(folder, gguf) == {"spec": gguf}
    local = {"source": "local", "path": str(folder)}
    assert "content_sha256" in fp.model_identity(folder, local)  # a folder can change under the same spec
    (folder / ".ready").write_text("flag")  # hidden files (flags) are not content
    assert fp.model_identity(folder, local) == fp.model_identity(folder, local)


class StepCounter(TrainerCallback):
    def __init__(self):
        self.steps = 0
        self.start_step = None

    def on_train_begin(self, args, state, control, **kwargs):
        self.start_step = state.global_step

    def on_step_end(self, args, state, control, **kwargs):
        self.steps += 1


def _lora_state(adapter_dir):
    from safetensors.torch import load_file

    return load_file(str(adapter_dir / "adapter_model.safetensors"))


def test_changed_config_moves_checkpoints_aside_and_a_finished_run_trains_no_further(
    tmp_path, tiny_model, train_path, caplog
):
    out_dir, checkpoints = tmp_path / "run", tmp_path / "run" / "checkpoints"
    kwargs = dict(train_path=train_path, model_path=tiny_model, out_dir=out_dir, checkpoints_dir=checkpoints)
    first = train_grpo(RUN, **kwargs, config=_config(max_steps=2, save_steps=1))
    assert first["global_step"] == 2 and first["resumed_from"] is None
    stored = json.loads((checkpoints / fp.FINGERPRINT_FILE).read_text())
    assert stored["fingerprint"]["trainer"]["max_steps"] == 2
    adapter = _lora_state(out_dir / "adapter")

    # Same definition, another saving/logging cadence: the finished run resumes and trains no further step.
    counter = StepCounter()
    again = train_grpo(RUN, **kwargs, config=_config(max_steps=2, save_steps=5, logging_steps=2), callbacks=[counter])
    assert again["resumed_from"] == 2 and again["global_step"] == 2
    assert counter.start_step is None and counter.steps == 0  # trainer.train() never ran
    reloaded = _lora_state(out_dir / "adapter")
    assert reloaded.keys() == adapter.keys()
    assert all((reloaded[k] == adapter[k]).all() for k in adapter)
    assert [r["step"] for r in read_jsonl(out_dir / "train_log.jsonl") if "loss" in r] == [1, 2]

    # Another learning rate: the old checkpoints are moved aside and training starts at step 0.
    counter = StepCounter()
    with caplog.at_level(logging.WARNING, logger="polysql.grpo.fingerprint"):
        changed = train_grpo(
            RUN, **kwargs, config=_config(max_steps=2, save_steps=1, learning_rate=3e-3), callbacks=[counter]
        )
    assert changed["resumed_from"] is None and changed["global_step"] == 2
    assert counter.start_step == 0 and counter.steps == 2
    stale = sorted(p.name for p in out_dir.iterdir() if p.name.startswith("checkpoints.stale-"))
    assert len(stale) == 1 and (out_dir / stale[0] / "checkpoint-2").is_dir()
    assert "changed: trainer.learning_rate" in caplog.text and "starts at step 0" in caplog.text
    assert (
        json.loads((checkpoints / fp.FINGERPRINT_FILE).read_text())["fingerprint"]["trainer"]["learning_rate"] == 3e-3
    )
    assert not all((_lora_state(out_dir / "adapter")[k] == adapter[k]).all() for k in adapter)


def test_checkpoints_without_a_fingerprint_are_not_resumed(tmp_path, train_path, tiny_model):
    checkpoints = tmp_path / "checkpoints"
    (checkpoints / "checkpoint-4").mkdir(parents=True)
    (checkpoints / "checkpoint-4" / "trainer_state.json").write_text('{"global_step": 4}')
    plan = fp.prepare_checkpoints(checkpoints, _fingerprint(tmp_path, tiny_model, train_path), max_steps=8)
    assert plan.checkpoint is None and plan.moved_to and (tmp_path / plan.moved_to.split("/")[-1]).is_dir()
    assert sorted(p.name for p in checkpoints.iterdir()) == [fp.FINGERPRINT_FILE]
