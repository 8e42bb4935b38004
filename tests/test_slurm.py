"""polysql's SLURM submission, on a real one-node SLURM cluster started on this machine.

    .venv/bin/pytest -m slurm tests/test_slurm.py -s

The profile checks at the top run everywhere. The cluster tests (marked ``slurm``) need root
(apt-get installs slurm-wlm + munge once; the daemons run without systemd). Skipped
with the reason otherwise; set POLYSQL_SLURM_REQUIRED=1 to turn a cluster that cannot start into
an error instead. The workflow under test is a parameter: today a self-contained toy Snakefile
(written here into tmp_path); point ``run_snakemake_on_slurm`` at the project's Snakefile and tiny
config to test the real chain. The cluster is stopped at the end of the session.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
import slurm_harness as sh  # tests/slurm/, on pytest's pythonpath
import yaml

SLURM_KEYS_NOT_IN_WORKFLOW_PROFILE = {
    "executor",
    "jobs",
    "retries",
    "latency-wait",
    "default-resources",
    "set-resources",
    "set-resource-scopes",
}


# ----------------------------------------------------------------------------- profiles (no cluster)


def _profile(name: str) -> dict:
    return yaml.safe_load((sh.REPO_ROOT / "profiles" / name / "config.yaml").read_text())


@pytest.mark.parametrize("name", ["slurm", "default"])
def test_profile_keys_are_snakemake_options(name):
    """Every profile key is a real option of snakemake 9 or the installed SLURM plugin."""
    from snakemake.cli import get_argument_parser

    options = {opt for action in get_argument_parser()._actions for opt in action.option_strings}
    unknown = [key for key in _profile(name) if f"--{key}" not in options]
    assert not unknown, f"profiles/{name}/config.yaml: unknown keys {unknown}"


def test_workflow_profile_leaves_cluster_keys_to_the_slurm_profile():
    """profiles/default is loaded on top of profiles/slurm and wins per key: it must not clash."""
    clash = SLURM_KEYS_NOT_IN_WORKFLOW_PROFILE & set(_profile("default"))
    assert not clash, f"profiles/default/config.yaml would override the SLURM profile's {sorted(clash)}"


def test_slurm_profile_lets_threads_drive_cpus_and_scopes_gpu_locally():
    slurm = _profile("slurm")
    assert slurm["executor"] == "slurm"
    assert "cpus_per_task" not in slurm["default-resources"]  # it would override every rule's threads
    assert slurm["set-resource-scopes"] == {"gpu": "local"}  # default's gpu=1 limit must not throttle SLURM
    # A global gpu limit in the workflow profile would cap multi-GPU jobs on SLURM (it wins there).
    assert "resources" not in _profile("default")


def test_parse_submissions_pairs_sbatch_lines_with_jobs():
    log = textwrap.dedent(
        """
        sbatch call: sbatch --parsable --job-name u --output /w/logs/slurm/rule_a/x~1/%j.log --export=ALL --comment rule_a_wildcards_x~1   -p main --cpus-per-task=1 -D /w --wrap="..."
        Job 3 has been submitted with SLURM jobid 41 (log: /w/logs/slurm/rule_a/x~1/41.log).
        sbatch call: sbatch --parsable --job-name u --output /w/logs/slurm/rule_gpu/%j.log --export=ALL --comment rule_gpu   -p main -t 10 --gpus=1 --wrap="..."
        Job 5 has been submitted with SLURM jobid 42 (log: /w/logs/slurm/rule_gpu/42.log).
        """
    )
    subs = sh.parse_submissions(log)
    assert [(s.snakemake_jobid, s.slurm_jobid, s.rule) for s in subs] == [(3, "41", "a"), (5, "42", "gpu")]
    assert subs[1].sbatch_line.endswith('--gpus=1 --wrap="..."')
    assert subs[0].slurm_log == Path("/w/logs/slurm/rule_a/x~1/41.log")


@pytest.fixture(scope="session")
def slurm_cluster():
    """A running one-node SLURM cluster (started here, stopped at the end if we started it)."""
    try:
        cluster = sh.start_cluster()
    except (sh.ClusterUnavailable, OSError) as err:
        if os.environ.get("POLYSQL_SLURM_REQUIRED") == "1":
            raise
        pytest.skip(f"no SLURM test cluster: {err}")
    yield cluster
    if cluster.started_here:
        print(sh.stop_cluster(cluster))


# ----------------------------------------------------------------------------- toy workflow

TOY_SNAKEFILE = textwrap.dedent(
    """
    # Toy stand-in for the project's workflow: 2 wildcard jobs -> a GPU job -> a 2-thread report.
    rule all:
        input: "results/report.txt"

    rule prepare:
        output: "results/part_{i}.txt"
        log: "logs/prepare_{i}.log"
        threads: 1
        resources: mem_mb=200, runtime=5
        shell: "echo {wildcards.i} > {output} 2> {log}"

    rule train_gpu:
        input: expand("results/part_{i}.txt", i=config.get("parts", [1, 2]))
        output: "results/model.txt"
        log: "logs/train_gpu.log"
        threads: 1
        resources: gpu=1, mem_mb=300, runtime=10
        shell:
            "(echo CUDA_VISIBLE_DEVICES=${{CUDA_VISIBLE_DEVICES:-unset}}; "
            "echo SLURM_JOB_ID=$SLURM_JOB_ID; cat {input}) > {output} 2> {log}"

    rule report:
        input: "results/model.txt"
        output: "results/report.txt"
        log: "logs/report.log"
        threads: 2
        shell: "(cat {input}; echo SLURM_CPUS_PER_TASK=$SLURM_CPUS_PER_TASK) > {output} 2> {log}"
    """
)


@pytest.mark.slurm
def test_workflow_runs_through_sbatch_with_gpu_gres(slurm_cluster, tmp_path):
    """Every job goes through sbatch and completes; the gpu=1 rule gets the gres."""
    snakefile = tmp_path / "Snakefile"
    snakefile.write_text(TOY_SNAKEFILE)
    proc = sh.run_snakemake_on_slurm(slurm_cluster, tmp_path, snakefile)
    assert proc.returncode == 0, proc.stdout[-5000:]

    subs = sh.parse_submissions(proc.stdout)
    by_rule = {}
    for sub in subs:
        by_rule.setdefault(sub.rule, []).append(sub)
    # 4 jobs, each submitted exactly once (rule `all` is local).
    assert sorted((rule, len(s)) for rule, s in by_rule.items()) == [("prepare", 2), ("report", 1), ("train_gpu", 1)], (
        proc.stdout[-3000:]
    )
    for sub in subs:
        state = sh.slurm_job_state(slurm_cluster, sub.slurm_jobid)
        assert state["JobState"] == "COMPLETED", (sub, state)
        assert state["Partition"] == "main"
        assert sub.slurm_log.exists(), sub  # kept: slurm-keep-successful-logs
        assert sub.slurm_log.is_relative_to(tmp_path / "logs" / "slurm")

    gpu = by_rule["train_gpu"][0]
    print(f"\nsbatch line of the GPU rule:\n{gpu.sbatch_line}\n")
    (tmp_path / "gpu_sbatch_line.txt").write_text(gpu.sbatch_line + "\n")
    assert " --gpus=1" in gpu.sbatch_line
    assert "--cpus-per-task=1" in gpu.sbatch_line and "--mem 300" in gpu.sbatch_line
    assert "-t 10" in gpu.sbatch_line
    # SLURM allocated the (fake) GPU through the gres: it shows in the job and in the job's env.
    assert "gres:gpu:1" in sh.slurm_job_state(slurm_cluster, gpu.slurm_jobid).get("TresPerJob", "")
    model = (tmp_path / "results" / "model.txt").read_text()
    assert "CUDA_VISIBLE_DEVICES=0" in model
    assert f"SLURM_JOB_ID={gpu.slurm_jobid}" in model

    for sub in by_rule["prepare"] + by_rule["report"]:
        assert "--gpus" not in sub.sbatch_line
    # threads drive --cpus-per-task (no cpus_per_task default overrides them); profile defaults fill the rest.
    report = by_rule["report"][0].sbatch_line
    assert "--cpus-per-task=2" in report
    assert "--mem 4000" in report and "-t 120" in report
    assert "SLURM_CPUS_PER_TASK=2" in (tmp_path / "results" / "report.txt").read_text()


# ----------------------------------------------------------------------------- preemption

# A resumable long job, shaped like a Hugging Face Trainer run: it saves checkpoint-N folders
# outside its declared output every step and resumes from the newest one.
COUNTER_SCRIPT = textwrap.dedent(
    """
    import json, os, shutil, sys, time
    from pathlib import Path

    ckpt_dir, out, total = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    ckpt_dir.mkdir(parents=True, exist_ok=True)
    steps = sorted(int(p.name.split("-")[1]) for p in ckpt_dir.glob("checkpoint-*"))
    start = steps[-1] if steps else 0
    with open(ckpt_dir.parent / "starts.jsonl", "a") as f:
        f.write(json.dumps({"start": start, "slurm_job": os.environ.get("SLURM_JOB_ID")}) + "\\n")
    for step in range(start + 1, total + 1):
        time.sleep(1.0)
        with open(ckpt_dir.parent / "steps.log", "a") as f:  # logged before it is checkpointed
            f.write(f"{step}\\n")
        tmp = ckpt_dir / f".tmp-{step}"
        tmp.mkdir(exist_ok=True)
        (tmp / "state.json").write_text(json.dumps({"step": step}))
        tmp.rename(ckpt_dir / f"checkpoint-{step}")  # atomic: a kill never leaves half a checkpoint
        for old in ckpt_dir.glob("checkpoint-*"):
            if old.name != f"checkpoint-{step}":
                shutil.rmtree(old)
    out.write_text(json.dumps({"final": total, "resumed_from": start}))
    """
)

COUNTER_SNAKEFILE = textwrap.dedent(
    """
    rule all:
        input: "results/train/done.json"

    rule train_long:
        output: "results/train/done.json"
        log: "logs/train_long.log"
        params: checkpoints="work/train/checkpoints", total=config.get("total_steps", 15)
        threads: 1
        resources: gpu=1, mem_mb=300, runtime=10
        shell: "python counter.py {params.checkpoints} {output} {params.total} > {log} 2>&1"
    """
)


@pytest.mark.slurm
@pytest.mark.parametrize("how", ["scancel", "requeue"])
def test_preempted_job_resumes_from_checkpoint(slurm_cluster, tmp_path, how):
    """A long job killed mid-run is rerun and resumes from its checkpoint, not from zero."""
    (tmp_path / "counter.py").write_text(COUNTER_SCRIPT)
    snakefile = tmp_path / "Snakefile"
    snakefile.write_text(COUNTER_SNAKEFILE)
    ckpts = tmp_path / "work" / "train" / "checkpoints"
    total = 15

    result = sh.preempt_and_resume(
        slurm_cluster,
        tmp_path,
        snakefile,
        rule="train_long",
        progress=lambda: sh.latest_checkpoint_step(ckpts),
        min_progress=5,
        how=how,
    )
    assert result.process.returncode == 0, result.log[-5000:]

    starts = [json.loads(line) for line in (tmp_path / "work" / "train" / "starts.jsonl").read_text().splitlines()]
    assert len(starts) == 2, starts
    assert starts[0]["start"] == 0
    assert starts[1]["start"] >= result.progress_at_interrupt >= 5  # resumed, not from zero
    done = json.loads((tmp_path / "results" / "train" / "done.json").read_text())
    assert done == {"final": total, "resumed_from": starts[1]["start"]}
    # Every step ran, and only once, apart from at most the one the interruption hit.
    steps = [int(s) for s in (tmp_path / "work" / "train" / "steps.log").read_text().split()]
    assert sorted(set(steps)) == list(range(1, total + 1))
    assert len(steps) <= total + 1
    if how == "scancel":
        # Snakemake saw the job fail and resubmitted it (retries: 1 in the profile): a new SLURM job.
        assert starts[1]["slurm_job"] != starts[0]["slurm_job"] == result.interrupted_jobid
        assert re.search(r"SLURM-job '\d+' failed, SLURM status is: 'CANCELLED'", result.log)
    else:
        # SLURM restarted the same job itself (sbatch --requeue); Snakemake just kept waiting.
        assert starts[0]["slurm_job"] == starts[1]["slurm_job"] == result.interrupted_jobid
        assert sh.slurm_job_state(slurm_cluster, result.interrupted_jobid)["Restarts"] == "1"
        assert "--requeue" in sh.parse_submissions(result.log)[0].sbatch_line


# ----------------------------------------------------------------------------- the project's workflow

PROJECT_SNAKEFILE = sh.REPO_ROOT / "Snakefile"


@pytest.mark.slurm
def test_project_workflow_runs_through_sbatch(slurm_cluster, tmp_path):
    """The real workflow on the tiny config, every job through sbatch, to main.csv."""
    from tiny_workflow import write_tiny_config

    configfile = write_tiny_config(tmp_path)
    proc = sh.run_snakemake_on_slurm(
        slurm_cluster, tmp_path, PROJECT_SNAKEFILE, configfile, targets=["results/tables/main.csv"], timeout=1500
    )
    assert proc.returncode == 0, proc.stdout[-6000:]
    subs = sh.parse_submissions(proc.stdout)
    rules = sorted({sub.rule for sub in subs})
    assert {"prepare", "warm_start", "train_encoder", "train_grpo", "generate", "evaluate", "main_table"} <= set(
        rules
    ), rules
    for sub in subs:
        assert sh.slurm_job_state(slurm_cluster, sub.slurm_jobid)["JobState"] == "COMPLETED", sub
    assert len([s for s in subs if s.rule == "train_grpo"]) == 2
    assert len([s for s in subs if s.rule == "warm_start"]) == 1
    # base, warm and the two GRPO runs, one job each for both languages
    assert len([s for s in subs if s.rule == "generate"]) == 4
    (tmp_path / "project_sbatch_lines.txt").write_text("\n".join(s.sbatch_line for s in subs) + "\n")
    print(
        f"\n{len(subs)} jobs through sbatch; a GRPO job's line:\n"
        f"{next(s.sbatch_line for s in subs if s.rule == 'train_grpo')}\n"
    )
    assert (tmp_path / "results/tables/main.csv").is_file()


@pytest.mark.slurm
def test_grpo_job_cancelled_mid_training_resumes(slurm_cluster, tmp_path):
    """scancel of a real train_grpo job after a checkpoint: the resubmitted job continues from it."""
    from polysql.io import read_jsonl
    from tiny_workflow import write_tiny_config

    configfile = write_tiny_config(tmp_path, grpo_steps=60, save_steps=2)
    run = "lang~all/reward~exec/seed~0"
    ckpts = tmp_path / "results" / "grpo" / run / "checkpoints"
    result = sh.preempt_and_resume(
        slurm_cluster,
        tmp_path,
        PROJECT_SNAKEFILE,
        rule="train_grpo",
        progress=lambda: sh.latest_checkpoint_step(ckpts),
        min_progress=4,
        how="scancel",
        configfile=configfile,
        targets=[f"results/grpo/{run}/adapter"],
    )
    assert result.process.returncode == 0, result.log[-6000:]
    assert re.search(r"SLURM-job '\d+' failed, SLURM status is: 'CANCELLED'", result.log)
    log = read_jsonl(tmp_path / "results" / "grpo" / run / "train_log.jsonl")
    steps = [record["step"] for record in log if "loss" in record]
    assert steps == list(range(1, 61))  # every step once: resumed, nothing repeated or lost
    grpo_log = (tmp_path / "logs" / "grpo" / f"{run}.log").read_text()
    resumed = re.search(r"resuming from .*checkpoint-(\d+)", grpo_log)
    assert resumed and int(resumed.group(1)) >= result.progress_at_interrupt >= 4, grpo_log[-2000:]
