"""One GRPO run on two CPU processes (torchrun, gloo) through the real Snakemake rule, against the same
run on one process: the same schedule, the same adapter shape, held-out checks split between the ranks;
and a rank killed mid-run ends the job with an error, not a hang.

Run alone with ``pytest -m multiprocess``; it is part of the default test run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from polysql.io import read_json, read_jsonl
from tiny_workflow import write_tiny_config

pytestmark = pytest.mark.multiprocess

REPO = Path(__file__).resolve().parents[1]
RUN = "lang~all/reward~exec/seed~0"
ADAPTER = f"results/grpo/{RUN}/adapter"


def _snakemake(workdir: Path, configfile: Path, *args: str, wait: bool = True):
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(REPO / "Snakefile"),
        "--directory",
        str(workdir),
        "--profile",
        str(REPO / "profiles" / "default"),
        "--cores",
        "2",
        *args,
        ADAPTER,
        "--configfile",
        str(configfile),
    ]
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1")
    if not wait:
        return subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1200)
    log = workdir / "logs" / "grpo" / f"{RUN}.log"
    assert result.returncode == 0, result.stderr[-4000:] + (log.read_text()[-6000:] if log.is_file() else "")
    return result


def _config(workdir: Path, name: str, *, processes: int, max_steps: int = 2) -> Path:
    tiny = workdir / "tiny.yaml"
    config = yaml.safe_load((tiny if tiny.is_file() else write_tiny_config(workdir)).read_text())
    config["grid"] = [{"train_langs": ["all"], "reward_sets": ["exec"], "seeds": [0]}]
    config["report"]["main_table"] = [
        row for row in config["report"]["main_table"] if row.get("run", {}).get("reward_set") in (None, "exec")
    ]
    config["grpo"].update(model="tiny-llm", processes=processes, threads=2)  # the base model: no warm start
    config["grpo"]["heldout"] = {"every": 1, "per_language": 2, "max_new_tokens": 8}
    config["grpo"]["trainer"].update(
        per_device_train_batch_size=4,
        gradient_accumulation_steps=1,
        num_generations=2,
        max_steps=max_steps,
        save_steps=1,
        report_to="tensorboard",
        logging_steps=1,
    )
    path = workdir / name
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _adapter_shapes(folder: Path) -> dict[str, tuple[int, ...]]:
    from safetensors import safe_open

    with safe_open(str(folder / "adapter_model.safetensors"), "pt") as handle:
        return {key: tuple(handle.get_slice(key).get_shape()) for key in handle.keys()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The same run trained on 1, then on 2 processes, in one working directory (data prepared once)."""
    workdir = tmp_path_factory.mktemp("multiprocess")
    _snakemake(workdir, _config(workdir, "one.yaml", processes=1))
    shutil.move(workdir / "results" / "grpo", workdir / "one")
    shutil.move(workdir / "logs" / "grpo", workdir / "one_logs")
    _snakemake(workdir, _config(workdir, "two.yaml", processes=2))
    return workdir, workdir / "one" / RUN, workdir / "results" / "grpo" / RUN


def test_two_processes_follow_the_one_process_schedule(runs):
    workdir, one, two = runs
    log_one, log_two = read_jsonl(one / "train_log.jsonl"), read_jsonl(two / "train_log.jsonl")
    assert [r["step"] for r in log_one] == [r["step"] for r in log_two] == [0, 1, 2]
    trained = [r for r in log_two if r["step"] > 0]
    assert all("reward" in r and "loss" in r for r in trained)  # TRL's metrics, gathered over both ranks
    resolved_one, resolved_two = read_json(one / "resolved_config.json"), read_json(two / "resolved_config.json")
    assert resolved_one["launch"]["world_size"] == 1 and resolved_two["launch"] == {
        "processes": 2,
        "nodes": 1,
        "strategy": "ddp",
        "world_size": 2,
    }
    t1, t2 = resolved_one["trainer"], resolved_two["trainer"]
    assert (t1["per_device_train_batch_size"], t2["per_device_train_batch_size"]) == (4, 2)  # each rank its half
    for key in ("generation_batch_size", "num_generations", "gradient_accumulation_steps", "max_steps"):
        assert t1[key] == t2[key], key  # the same global batch and schedule
    assert t2["generation_batch_size"] == 4


def test_held_out_checks_are_split_between_ranks_and_summed(runs):
    _, one, two = runs
    held_one = {r["step"]: r for r in read_jsonl(one / "train_log.jsonl")}
    held_two = {r["step"]: r for r in read_jsonl(two / "train_log.jsonl")}
    assert [held_two[s]["heldout/n"] for s in (0, 1, 2)] == [held_one[s]["heldout/n"] for s in (0, 1, 2)] == [4] * 3
    # Before any training step both policies are the untrained model: the greedy answers are the same.
    assert held_two[0]["heldout/executable"] == held_one[0]["heldout/executable"]
    assert held_two[0]["heldout/ex"] == held_one[0]["heldout/ex"]


def test_the_adapter_has_the_one_process_shape_and_one_writer(runs):
    workdir, one, two = runs
    assert _adapter_shapes(one / "adapter") == _adapter_shapes(two / "adapter")
    assert (two / "adapter" / "tokenizer_config.json").is_file()
    assert read_json(two / "checkpoints" / "launch.json") == {"world_size": 2}
    events = list((two / "tensorboard").glob("events.out.tfevents.*"))
    assert len(events) == 1 and events[0].stat().st_size > 0  # rank 0's TensorBoard log, in the run's folder
    log = (workdir / "logs" / "grpo" / f"{RUN}.log").read_text()
    assert "Traceback" not in log
    assert log.count("GRPO run done") == 2  # each rank reports; only rank 0 wrote the files


def test_a_killed_rank_fails_the_job_instead_of_hanging(runs):
    workdir, _, two = runs
    shutil.rmtree(workdir / "results" / "grpo")
    config = _config(workdir, "long.yaml", processes=2, max_steps=200)
    job = _snakemake(workdir, config, wait=False)
    live_log = two / "checkpoints" / "train_log.jsonl"
    try:
        _wait_for_step(job, live_log, 1)
        rank1 = _rank_process(1)
        os.kill(rank1, signal.SIGKILL)
        output, _ = job.communicate(timeout=180)  # a hang fails here
    finally:
        if job.poll() is None:
            os.killpg(job.pid, signal.SIGKILL)
    assert job.returncode != 0
    assert "Error in rule train_grpo" in output
    assert _rank_process(0, required=False) is None  # no orphan left behind


def _wait_for_step(job: subprocess.Popen, live_log: Path, step: int) -> None:
    """Until the running job's live train log holds ``step`` (the job must not end first; 600 s at most)."""
    deadline = time.monotonic() + 600
    while not (live_log.is_file() and any(r["step"] >= step for r in read_jsonl(live_log))):
        assert job.poll() is None, job.stdout.read()[-4000:]
        assert time.monotonic() < deadline, "training never started"
        time.sleep(0.1)


def _find_process(matches) -> int | None:
    """The PID of a process on this machine whose (cmdline, environ) ``matches`` (one test at a time)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if matches(cmdline, environ):
            return int(entry.name)
    return None


def _rank_process(rank: int, *, required: bool = True) -> int | None:
    """The PID of this machine's `polysql.grpo.train` worker with the given RANK."""
    pid = _find_process(
        lambda cmdline, environ: (
            b"polysql.grpo.train" in cmdline
            and f"RANK={rank}".encode() in environ
            and b"torch.distributed.run" not in cmdline
        )
    )
    assert pid is not None or not required, f"no rank-{rank} worker found"
    return pid


def test_sigterm_to_the_launcher_stops_every_rank_after_one_step_and_the_rerun_resumes(runs):
    """SLURM signals the job: the launcher forwards it, the ranks agree to stop after the same step, save one
    checkpoint, and the rerun finishes the run with every step logged once."""
    workdir, _, two = runs
    shutil.rmtree(workdir / "results" / "grpo", ignore_errors=True)
    # a tiny step takes ~0.1 s: leave the signal many steps to land before max_steps, or nothing is left to resume
    config = _config(workdir, "preempted.yaml", processes=2, max_steps=40)
    job = _snakemake(workdir, config, wait=False)
    live_log = two / "checkpoints" / "train_log.jsonl"
    try:
        _wait_for_step(job, live_log, 2)
        os.kill(_launcher_process(), signal.SIGTERM)
        output, _ = job.communicate(timeout=300)
    finally:
        if job.poll() is None:
            os.killpg(job.pid, signal.SIGKILL)
    assert job.returncode != 0
    log = (workdir / "logs" / "grpo" / f"{RUN}.log").read_text()
    assert log.count("PreemptedError: preempted by SIGTERM at step") == 2, log[-4000:]  # both ranks, same step
    saved = sorted((two / "checkpoints").glob("checkpoint-*"), key=lambda folder: int(folder.name.split("-")[1]))
    assert saved and not (two / "adapter").exists()
    assert int(saved[-1].name.split("-")[1]) < 40, "the signal landed after the last step: nothing to resume"
    _snakemake(workdir, config)  # the rerun resumes from the saved checkpoint
    steps = [r["step"] for r in read_jsonl(two / "train_log.jsonl")]
    assert steps == sorted(set(steps)) and steps[-1] == 40
    assert re.search(rf"resuming from \S*{saved[-1].name} ", (workdir / "logs" / "grpo" / f"{RUN}.log").read_text())


def _launcher_process() -> int:
    """The PID of this machine's torchrun launching `polysql.grpo.train`."""
    pid = _find_process(
        lambda cmdline, environ: b"torch.distributed.run" in cmdline and b"polysql.grpo.train" in cmdline
    )
    assert pid is not None, "no torchrun launcher found"
    return pid
