"""Preemption (issue 25): SIGTERM to a training job saves a checkpoint at the end of the step and stops
(non-zero, no adapter); the rerun resumes from that checkpoint and the train log has every step once.

A real training process (tiny Llama, no periodic checkpoint) gets SIGTERM once it has logged two steps.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from polysql.grpo.checkpoints import COMPLETE_MARKER, checkpoint_folders, checkpoint_problem
from polysql.io import read_jsonl
from test_grpo import _chars_reward, _config, tiny_model, train_path  # noqa: F401  (fixtures)

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"
STEPS = 12
JOB = """
import json, logging, sys
sys.path.insert(0, {tests!r})
logging.basicConfig(level=logging.INFO)
from polysql.rewards.registry import REWARD_FACTORIES
from test_grpo import RUN, make_chars_reward
from polysql.grpo.train import train_grpo
REWARD_FACTORIES["chars"] = make_chars_reward
args = json.loads(sys.argv[1])
summary = train_grpo(RUN, train_path=args["train"], model_path=args["model"], out_dir=args["out"],
                     checkpoints_dir=args["out"] + "/checkpoints", config=args["config"])
print("SUMMARY", json.dumps(summary, default=str), flush=True)
"""


def _start(out_dir: Path, tiny_model, train_path) -> subprocess.Popen:
    args = {"train": str(train_path), "model": str(tiny_model), "out": str(out_dir),
            "config": _config(max_steps=STEPS, save_steps=1000)}  # no periodic checkpoint: only the signal saves
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    return subprocess.Popen([sys.executable, "-c", JOB.format(tests=str(TESTS)), json.dumps(args)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def test_sigterm_saves_a_checkpoint_and_the_rerun_resumes(tmp_path, tiny_model, train_path):
    out_dir = tmp_path / "run"
    live_log = out_dir / "checkpoints" / "train_log.jsonl"
    process = _start(out_dir, tiny_model, train_path)
    deadline = time.monotonic() + 300
    while not (live_log.is_file() and len(live_log.read_text().splitlines()) >= 2):
        assert process.poll() is None, process.stdout.read()
        assert time.monotonic() < deadline, "no two steps logged in 300 s"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=300)
    assert process.returncode != 0, output
    assert "SIGTERM received: saving a checkpoint" in output
    assert "PreemptedError: preempted by SIGTERM at step" in output and "no adapter written" in output
    saved = checkpoint_folders(out_dir / "checkpoints")
    assert len(saved) == 1 and (saved[0] / COMPLETE_MARKER).is_file() and checkpoint_problem(saved[0]) is None
    step = int(saved[0].name.split("-")[1])
    assert 2 <= step < STEPS
    assert not (out_dir / "adapter").exists()

    rerun = _start(out_dir, tiny_model, train_path)
    output, _ = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, output
    summary = json.loads(output.split("SUMMARY ", 1)[1])
    assert summary["resumed_from"] == step and summary["global_step"] == STEPS
    assert [r["step"] for r in read_jsonl(out_dir / "train_log.jsonl") if "loss" in r] == list(range(1, STEPS + 1))
    assert (out_dir / "adapter" / "adapter_model.safetensors").is_file()
