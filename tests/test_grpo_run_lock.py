"""One trainer per run folder: a second trainer on the same run stops at once, naming the holder.

The holder is a real second process (POSIX locks do not conflict inside one process); the NFS
fallback (a lock file naming a live holder on another host, with no OS lock) is simulated by writing
that file by hand.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from polysql.grpo.run_lock import RunLock, RunLockedError, lock_path
from polysql.grpo.train import train_grpo
from polysql.io import read_jsonl
from test_grpo import RUN, _chars_reward, _config, tiny_model, train_path  # noqa: F401  (fixtures)

SRC = Path(__file__).resolve().parents[1] / "src"
HOLD = (
    "import sys\nfrom polysql.grpo.run_lock import RunLock\n"
    "lock = RunLock(sys.argv[1])\nprint('held', flush=True)\nsys.stdin.read()\n"
)


@pytest.fixture()
def holder(tmp_path):
    """Another process holding the lock of ``tmp_path/run/checkpoints`` until the test ends."""
    checkpoints = tmp_path / "run" / "checkpoints"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(checkpoints)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout.readline().strip() == "held"
    yield checkpoints, process
    process.stdin.close()
    process.wait(timeout=30)


def test_a_second_trainer_stops_at_once_naming_the_holder(holder, tiny_model, train_path):
    checkpoints, process = holder
    out_dir = checkpoints.parent
    with pytest.raises(RunLockedError, match=rf"PID {process.pid} on host {socket.gethostname()}.*lock file"):
        train_grpo(
            RUN,
            train_path=train_path,
            model_path=tiny_model,
            out_dir=out_dir,
            checkpoints_dir=checkpoints,
            config=_config(max_steps=1),
        )
    assert not checkpoints.exists() and not (out_dir / "adapter").exists()  # it touched nothing
    assert not (out_dir / "resolved_config.json").exists()


def test_the_lock_goes_with_its_holder(holder):
    checkpoints, process = holder
    with pytest.raises(RunLockedError):
        RunLock(checkpoints)
    process.stdin.close()
    process.wait(timeout=30)
    with RunLock(checkpoints) as lock:  # the holder exited: free (its record is stale: dead PID)
        assert json.loads(lock_path(checkpoints).read_text())["pid"] == os.getpid()
    assert lock_path(checkpoints).read_text() == ""  # released: the holder record is gone


def _write_holder(checkpoints: Path, *, host: str, pid: int, heartbeat_age: float) -> None:
    path = lock_path(checkpoints)
    path.parent.mkdir(parents=True, exist_ok=True)
    now = time.time()
    path.write_text(
        json.dumps(
            {"host": host, "pid": pid, "since": now - 3600, "since_utc": "earlier", "heartbeat": now - heartbeat_age}
        )
    )


def test_nfs_without_locks_a_live_holder_on_another_host_is_respected(tmp_path):
    checkpoints = tmp_path / "run" / "checkpoints"
    _write_holder(checkpoints, host="node-17", pid=4242, heartbeat_age=5)
    with pytest.raises(RunLockedError, match=r"PID 4242 on host node-17 .*heartbeat 5 s ago"):
        RunLock(checkpoints, stale_after_s=600)


def test_a_stale_holder_is_taken_over_with_a_warning(tmp_path, caplog):
    checkpoints = tmp_path / "run" / "checkpoints"
    _write_holder(checkpoints, host="node-17", pid=4242, heartbeat_age=3600)
    with caplog.at_level(logging.WARNING, logger="polysql.grpo.run_lock"), RunLock(checkpoints, stale_after_s=600):
        pass
    assert "taking over a stale run lock: PID 4242 on host node-17" in caplog.text
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    _write_holder(checkpoints, host=socket.gethostname(), pid=int(dead.stdout), heartbeat_age=1)
    with RunLock(checkpoints):  # same host, the PID no longer runs: stale whatever its heartbeat
        pass


def test_the_heartbeat_is_rewritten_in_place(tmp_path):
    checkpoints = tmp_path / "run" / "checkpoints"
    with RunLock(checkpoints, heartbeat_s=0.05):
        inode = lock_path(checkpoints).stat().st_ino
        first = json.loads(lock_path(checkpoints).read_text())["heartbeat"]
        deadline = time.monotonic() + 30
        while json.loads(lock_path(checkpoints).read_text() or "{}").get("heartbeat", first) == first:
            assert time.monotonic() < deadline, "no heartbeat in 30 s"
            time.sleep(0.05)
        assert lock_path(checkpoints).stat().st_ino == inode


def test_a_run_takes_and_releases_its_lock(tmp_path, tiny_model, train_path):
    out_dir = tmp_path / "run"
    summary = train_grpo(
        RUN,
        train_path=train_path,
        model_path=tiny_model,
        out_dir=out_dir,
        checkpoints_dir=out_dir / "checkpoints",
        config=_config(max_steps=1),
    )
    assert summary["global_step"] == 1 and [r["step"] for r in read_jsonl(out_dir / "train_log.jsonl")] == [1]
    assert lock_path(out_dir / "checkpoints").read_text() == ""
    with RunLock(out_dir / "checkpoints"):
        pass


def test_a_new_lock_in_the_same_process_replaces_an_abandoned_one(tmp_path):
    """A train_run that raised leaves its RunLock to the garbage collector; the next run's lock must survive it."""
    import gc

    checkpoints = tmp_path / "run" / "checkpoints"
    abandoned = RunLock(checkpoints, heartbeat_s=0)
    current = RunLock(checkpoints, heartbeat_s=0)
    del abandoned
    gc.collect()
    assert json.loads(lock_path(checkpoints).read_text())["pid"] == os.getpid()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom polysql.grpo.run_lock import RunLock\n"
            "try:\n    RunLock(sys.argv[1])\nexcept Exception as e:\n    print(type(e).__name__)\n",
            str(checkpoints),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert probe.stdout.strip() == "RunLockedError", probe.stdout + probe.stderr
    current.release()
