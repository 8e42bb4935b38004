"""Preemption: SIGTERM to a training job saves a checkpoint at the end of the step and stops
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
    args = {
        "train": str(train_path),
        "model": str(tiny_model),
        "out": str(out_dir),
        "config": _config(max_steps=STEPS, save_steps=1000),
    }  # no periodic checkpoint: only the signal saves
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    return subprocess.Popen(
        [sys.executable, "-c", JOB.format(tests=str(TESTS)), json.dumps(args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


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


def test_sigterm_to_snakemake_reaches_the_training_job(tmp_path):
    """The issue's last row: SIGTERM to the snakemake process alone. Before, Snakemake waited for training to
    end; now the job saves a checkpoint and stops, Snakemake exits 1, and the next run resumes."""
    import yaml

    from test_workflow import snakemake as run_snakemake
    from tiny_workflow import write_tiny_config

    configfile = write_tiny_config(tmp_path, grpo_steps=40, save_steps=1000)
    config = yaml.safe_load(configfile.read_text())
    config["grpo"]["heldout"]["every"] = 0
    configfile.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    run = "lang~all/reward~exec/seed~0"
    target = f"results/grpo/{run}/adapter"
    _check_ok(
        run_snakemake(
            tmp_path,
            "--cores",
            "1",
            "results/data/grpo_train_all.jsonl",
            "results/warm_start/tiny-llm-warm/model",
            configfile=configfile,
        )
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1")
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(TESTS.parent / "Snakefile"),
        "--directory",
        str(tmp_path),
        "--profile",
        str(TESTS.parent / "profiles" / "default"),
        "--cores",
        "1",
        target,
        "--configfile",
        str(configfile),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    live_log = tmp_path / "results" / "grpo" / run / "checkpoints" / "train_log.jsonl"
    deadline = time.monotonic() + 600
    while not (live_log.is_file() and len(live_log.read_text().splitlines()) >= 2):
        assert process.poll() is None, process.stdout.read()
        assert time.monotonic() < deadline, "no two steps logged in 600 s"
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)  # the snakemake process only, not its process group
    output, _ = process.communicate(timeout=300)
    assert process.returncode != 0, output
    saved = checkpoint_folders(live_log.parent)
    assert len(saved) == 1 and checkpoint_problem(saved[0]) is None, output
    step = int(saved[0].name.split("-")[1])
    assert step < 40 and not (tmp_path / target).exists()
    attempts = tmp_path / "logs" / "grpo" / f"{run}.log.attempts"
    assert "SIGTERM received" in (attempts / "attempt-1.log").read_text()

    again = run_snakemake(tmp_path, "--cores", "1", target, configfile=configfile)
    _check_ok(again)
    assert f"resuming from results/grpo/{run}/checkpoints/checkpoint-{step}" in (attempts / "attempt-2.log").read_text()
    steps = [r["step"] for r in read_jsonl(tmp_path / "results" / "grpo" / run / "train_log.jsonl") if "loss" in r]
    assert steps == list(range(1, 41))


def _check_ok(result) -> None:
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
