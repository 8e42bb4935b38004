"""Known-good checkpoints: a damaged newest checkpoint is moved aside and the run resumes
from the previous good one.

A real TRL run on the tiny Llama writes checkpoint-1 and checkpoint-2 (each with its completeness
marker); each test damages one kind of file of checkpoint-2 in a copy and plans the resume the way
``train_run`` does (:func:`polysql.grpo.fingerprint.prepare_checkpoints`). One test resumes for real.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from polysql.grpo import fingerprint as fp
from polysql.grpo.checkpoints import COMPLETE_MARKER, checkpoint_problem, write_complete_marker
from polysql.grpo.train import train_grpo
from polysql.io import read_jsonl
from test_grpo import RUN, _chars_reward, _config, tiny_model, train_path  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_model, train_path):
    """A finished 2-step run with a checkpoint after each step."""
    from polysql.rewards.registry import REWARD_FACTORIES
    from test_grpo import make_chars_reward

    REWARD_FACTORIES["chars"] = make_chars_reward  # the module fixture runs before the autouse one
    out_dir = tmp_path_factory.mktemp("ckpt") / "run"
    config = _config(max_steps=2, save_steps=1)
    kwargs = dict(
        train_path=train_path,
        model_path=tiny_model,
        out_dir=out_dir,
        checkpoints_dir=out_dir / "checkpoints",
        config=config,
    )
    train_grpo(RUN, **kwargs)
    return out_dir, kwargs


def _copy(trained, tmp_path) -> Path:
    out_dir, _ = trained
    target = tmp_path / "run" / "checkpoints"
    shutil.copytree(out_dir / "checkpoints", target)
    return target


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _plan(checkpoints: Path):
    stored = fp.read_stored_fingerprint(checkpoints)
    return fp.prepare_checkpoints(checkpoints, stored["fingerprint"], max_steps=2)


def test_every_checkpoint_is_marked_complete_after_its_last_file(trained):
    out_dir, _ = trained
    for step in (1, 2):
        folder = out_dir / "checkpoints" / f"checkpoint-{step}"
        manifest = json.loads((folder / COMPLETE_MARKER).read_text())["files"]
        assert {"adapter_model.safetensors", "optimizer.pt", "rng_state.pth", "trainer_state.json"} <= set(manifest)
        assert checkpoint_problem(folder) is None


@pytest.mark.parametrize(
    "name, damage, error",
    [
        ("adapter_model.safetensors", truncate, r"truncated"),
        ("optimizer.pt", truncate, r"truncated"),
        ("rng_state.pth", truncate, r"truncated"),
        ("scheduler.pt", truncate, r"truncated"),
        ("trainer_state.json", truncate, r"truncated"),
        ("optimizer.pt", flip_a_byte, r"content changed"),
        (COMPLETE_MARKER, lambda p: p.write_text('{"files": '), r"marker unreadable"),
    ],
)
def test_a_damaged_newest_checkpoint_is_moved_aside(trained, tmp_path, caplog, name, damage, error):
    checkpoints = _copy(trained, tmp_path)
    damage(checkpoints / "checkpoint-2" / name)
    with caplog.at_level(logging.WARNING, logger="polysql.grpo.checkpoints"):
        plan = _plan(checkpoints)
    assert plan.step == 1 and plan.checkpoint == str(checkpoints / "checkpoint-1") and not plan.finished
    assert not (checkpoints / "checkpoint-2").exists()
    moved = list((tmp_path / "run" / "checkpoints.damaged").iterdir())
    assert len(moved) == 1 and moved[0].name.startswith("checkpoint-2-")
    message = caplog.text
    assert f"checkpoint-2/{name}" in message and re.search(error, message), message
    assert "resuming from the previous good checkpoint" in message


@pytest.mark.parametrize("name", ["adapter_model.safetensors", "optimizer.pt", "rng_state.pth", "trainer_state.json"])
def test_without_a_marker_the_contents_are_checked(trained, tmp_path, caplog, name):
    """A checkpoint of an older version (no marker): whole files pass, a cut one is found."""
    checkpoints = _copy(trained, tmp_path)
    for step in (1, 2):
        (checkpoints / f"checkpoint-{step}" / COMPLETE_MARKER).unlink()
    assert checkpoint_problem(checkpoints / "checkpoint-2") is None
    truncate(checkpoints / "checkpoint-2" / name)
    found = checkpoint_problem(checkpoints / "checkpoint-2")
    assert found is not None and found[0].endswith(name), found
    with caplog.at_level(logging.WARNING, logger="polysql.grpo.checkpoints"):
        assert _plan(checkpoints).step == 1
    assert name in caplog.text


def test_a_save_that_never_finished_is_not_resumed(trained, tmp_path):
    checkpoints = _copy(trained, tmp_path)
    folder = checkpoints / "checkpoint-2"
    (folder / COMPLETE_MARKER).unlink()
    (folder / "trainer_state.json").unlink()  # killed before the trainer state was written
    assert _plan(checkpoints).step == 1


def test_all_checkpoints_damaged_starts_at_step_zero(trained, tmp_path):
    checkpoints = _copy(trained, tmp_path)
    for step in (1, 2):
        truncate(checkpoints / f"checkpoint-{step}" / "optimizer.pt")
    plan = _plan(checkpoints)
    assert plan.checkpoint is None and plan.step is None
    assert len(list((tmp_path / "run" / "checkpoints.damaged").iterdir())) == 2


def test_marker_lists_what_the_folder_held(tmp_path):
    folder = tmp_path / "checkpoint-7"
    folder.mkdir()
    (folder / "trainer_state.json").write_text('{"global_step": 7}')
    write_complete_marker(folder)
    assert checkpoint_problem(folder) is None
    (folder / "trainer_state.json").unlink()
    assert "missing" in checkpoint_problem(folder)[1]


def test_a_run_with_a_damaged_checkpoint_resumes_from_the_previous_one(trained, tmp_path):
    out_dir, kwargs = trained
    run_dir = tmp_path / "run"
    checkpoints = _copy(trained, tmp_path)
    truncate(checkpoints / "checkpoint-2" / "optimizer.pt")
    shutil.copy(out_dir / "train_log.jsonl", run_dir / "train_log.jsonl")
    summary = train_grpo(RUN, **{**kwargs, "out_dir": run_dir, "checkpoints_dir": checkpoints})
    assert summary["resumed_from"] == 1 and summary["global_step"] == 2
    assert [r["step"] for r in read_jsonl(run_dir / "train_log.jsonl") if "loss" in r] == [1, 2]
    assert (run_dir / "adapter" / "adapter_model.safetensors").is_file()
