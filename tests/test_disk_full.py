"""A full disk says so: "no space left", the path and the bytes needed, for every writer,
GRPO checkpoints and adapters.

``/dev/full`` (ENOSPC from the kernel) runs everywhere; the real full file systems are small tmpfs
mounts, made where the tests may mount (root), skipped elsewhere.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from polysql.disk import DiskFullError, guarded_write, is_space_error
from polysql.io import write_json, write_jsonl
from test_grpo import RUN, _chars_reward, _config, tiny_model, train_path  # noqa: F401  (fixtures)


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


@pytest.fixture()
def small_disk(tmp_path):
    """A factory of tmpfs mounts of a given size (unmounted at the end); skips where mounting is not allowed."""
    mounts = []

    def make(name: str, size: str) -> Path:
        where = tmp_path / name
        if not _mount_tmpfs(where, size):
            pytest.skip("cannot mount a small tmpfs here (needs root)")
        mounts.append(where)
        return where

    yield make
    for where in reversed(mounts):
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


def test_a_writer_to_a_full_device_names_the_path_and_bytes():
    with pytest.raises(DiskFullError, match=r"no space left on device writing file /dev/full: needs 100,010 bytes"):
        write_jsonl("/dev/full", [{"a": "x" * 100_000}])


def test_a_writer_on_a_full_file_system_keeps_the_old_file(small_disk):
    disk = small_disk("disk", "64k")
    target = disk / "metrics.json"
    write_json(target, {"old": 1})
    with pytest.raises(
        DiskFullError,
        match=rf"no space left on device writing file {target}: needs [\d,]+ bytes, "
        r"[\d,]+ bytes free there",
    ):
        write_json(target, {"big": "x" * 200_000})
    assert target.read_text() == '{\n  "old": 1\n}\n'
    assert sorted(p.name for p in disk.iterdir()) == ["metrics.json"]  # no temporary file left


def test_torch_zip_writer_failure_is_read_as_a_full_disk(small_disk):
    import torch

    disk = small_disk("disk", "16k")
    with pytest.raises(
        DiskFullError, match=rf"no space left on device writing checkpoint {disk}.*needs [\d,]+ bytes"
    ) as caught:
        with guarded_write(disk, "checkpoint"):
            torch.save({"w": torch.zeros(20_000)}, disk / "optimizer.pt")
    assert is_space_error(caught.value.__cause__)


def test_a_grpo_run_on_a_full_disk_names_the_checkpoint_folder(small_disk, tmp_path, tiny_model, train_path):
    from polysql.grpo.train import train_grpo

    out_dir = tmp_path / "run"
    checkpoints = small_disk("run/checkpoints", "48k")  # room for the fingerprint and the log, not a checkpoint
    with pytest.raises(DiskFullError, match=rf"no space left on device writing checkpoint {checkpoints}: needs"):
        train_grpo(
            RUN,
            train_path=train_path,
            model_path=tiny_model,
            out_dir=out_dir,
            checkpoints_dir=checkpoints,
            config=_config(max_steps=1, save_steps=1),
        )


def test_other_errors_pass_through():
    with pytest.raises(ValueError, match="not a space problem"):
        with guarded_write("/tmp/x", "file"):
            raise ValueError("not a space problem")
    assert not is_space_error(RuntimeError("shape mismatch"))
