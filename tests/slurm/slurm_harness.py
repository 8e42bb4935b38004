"""Drive snakemake workflows through a real (local, one-node) SLURM cluster.

Used by tests/test_slurm.py; importable on its own so the same functions can run the project's
real workflow (point ``run_snakemake_on_slurm`` at the repository root and a tiny config).

The cluster comes from tests/slurm/start_cluster.sh. It has no accounting database, so the
executor polls with ``squeue`` (``--slurm-status-command squeue``); see profiles/slurm/config.yaml.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SLURM_SCRIPTS = REPO_ROOT / "tests" / "slurm"
SLURM_PROFILE = REPO_ROOT / "profiles" / "slurm"
WORKFLOW_PROFILE = REPO_ROOT / "profiles" / "default"
DEFAULT_STATE_DIR = Path(os.environ.get("POLYSQL_SLURM_STATE_DIR", "/tmp/polysql-slurm-pytest"))

# Options the test cluster needs on top of profiles/slurm (it has no slurmdbd, see module doc).
# A short first status check keeps a toy workflow's wall time low; MinJobAge=600 in the test
# cluster is >= 3 x 5 s, which the plugin requires before it trusts squeue.
TEST_CLUSTER_ARGS = (
    "--slurm-status-command",
    "squeue",
    "--slurm-init-seconds-before-status-checks",
    "5",
)

_SUBMITTED_RE = re.compile(r"Job (\d+) has been submitted with SLURM jobid (\d+) \(log: (.+?)\)\.")
_SBATCH_RE = re.compile(r"^sbatch call: (sbatch .*)$", re.MULTILINE)


class ClusterUnavailable(RuntimeError):
    """The test cluster cannot be started here (not root, no apt, daemons fail)."""


@dataclass
class Cluster:
    """A running test cluster: its state dir and the SLURM_CONF that clients need."""

    state_dir: Path
    slurm_conf: Path
    started_here: bool
    start_output: str = ""

    def env(self) -> dict[str, str]:
        """The environment for SLURM clients (sbatch, squeue, snakemake) talking to it."""
        env = dict(os.environ)
        env["SLURM_CONF"] = str(self.slurm_conf)
        # The jobs run `python -m snakemake` with the submitting interpreter; keep its bin first.
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env.setdefault("OMP_NUM_THREADS", "1")
        env.setdefault("HF_HUB_OFFLINE", "1")
        return env

    def run(self, *cmd: str, check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess:
        """Run a SLURM client command (e.g. ``squeue``) against this cluster."""
        return subprocess.run(list(cmd), env=self.env(), capture_output=True, text=True, check=check, timeout=timeout)


def _daemons_running(state_dir: Path) -> bool:
    for pid_file, name in (
        (state_dir / "run" / "slurmctld.pid", "slurmctld"),
        (state_dir / "run" / "slurmd.pid", "slurmd"),
    ):
        try:
            pid = pid_file.read_text().strip()
            if not Path(f"/proc/{pid}/comm").read_text().startswith(name):
                return False
        except OSError:
            return False
    return True


def start_cluster(state_dir: Path = DEFAULT_STATE_DIR, timeout: float = 300) -> Cluster:
    """Start (or reuse) the one-node test cluster with tests/slurm/start_cluster.sh.

    Raises:
        ClusterUnavailable: not root, neither SLURM nor apt-get present, or the script failed
            (its output, including the daemons' log tails, is in the message).
    """
    if os.geteuid() != 0:
        raise ClusterUnavailable("needs root (installs slurm-wlm/munge with apt-get, starts daemons)")
    if shutil.which("slurmctld") is None and shutil.which("apt-get") is None:
        raise ClusterUnavailable("SLURM is not installed and apt-get is unavailable")
    already = _daemons_running(state_dir)
    proc = subprocess.run(
        ["bash", str(SLURM_SCRIPTS / "start_cluster.sh"), str(state_dir)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise ClusterUnavailable(f"start_cluster.sh failed (rc={proc.returncode}):\n{output[-3000:]}")
    return Cluster(state_dir, state_dir / "slurm.conf", started_here=not already, start_output=output)


def stop_cluster(cluster: Cluster) -> str:
    """Stop the daemons of ``cluster`` (tests/slurm/stop_cluster.sh); returns its output."""
    proc = subprocess.run(
        ["bash", str(SLURM_SCRIPTS / "stop_cluster.sh"), str(cluster.state_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.stdout + proc.stderr


def snakemake_command(
    snakefile: Path,
    workdir: Path,
    configfile: Path | None = None,
    targets: Sequence[str] = (),
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The command line that runs ``snakefile`` through profiles/slurm on the test cluster.

    profiles/default is passed as the workflow profile, as Snakemake does by itself when the
    project's Snakefile runs from the repository root, so the test sees the same merged settings.
    """
    cmd = [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(snakefile),
        "--directory",
        str(workdir),
        "--profile",
        str(SLURM_PROFILE),
        "--workflow-profile",
        str(WORKFLOW_PROFILE),
        *TEST_CLUSTER_ARGS,
        "--verbose",  # the plugin logs each full sbatch line at debug level
    ]
    # Targets go before --configfile: it takes several values and would swallow them.
    cmd = [*cmd, *targets, *extra_args]
    if configfile is not None:
        cmd += ["--configfile", str(configfile)]
    return cmd


def run_snakemake_on_slurm(
    cluster: Cluster,
    workdir: Path,
    snakefile: Path,
    configfile: Path | None = None,
    targets: Sequence[str] = (),
    extra_args: Sequence[str] = (),
    timeout: float = 900,
) -> subprocess.CompletedProcess:
    """Run a workflow through ``snakemake --profile profiles/slurm`` on the test cluster.

    Args:
        cluster: From :func:`start_cluster`.
        workdir: Snakemake's working directory (outputs, logs/slurm, .snakemake).
        snakefile: The workflow (a toy one, or the project's Snakefile).
        configfile: Optional ``--configfile``.
        targets: Target files or rules (empty: the first rule).
        extra_args: More snakemake options.
        timeout: Seconds before the run is killed.

    Returns:
        The finished process; stdout holds snakemake's whole (verbose) log with stderr merged,
        also written to ``workdir/snakemake_slurm.log``.
    """
    cmd = snakemake_command(snakefile, workdir, configfile, targets, extra_args)
    proc = subprocess.run(
        cmd,
        cwd=workdir,
        env=cluster.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    (Path(workdir) / "snakemake_slurm.log").write_text(proc.stdout)
    return proc


@dataclass
class Submission:
    """One sbatch submission seen in snakemake's log."""

    snakemake_jobid: int
    slurm_jobid: str
    slurm_log: Path
    sbatch_line: str = ""
    rule: str = ""


def parse_submissions(log: str) -> list[Submission]:
    """The sbatch submissions in a verbose snakemake log, in order, with their sbatch lines.

    The plugin logs "sbatch call: sbatch ... --comment rule_<rule>[_wildcards_...] ..." just before
    "Job <n> has been submitted with SLURM jobid <id> (log: ...)"; they are paired in order per
    rule comment.
    """
    calls = [m.group(1) for m in _SBATCH_RE.finditer(log)]
    subs = [Submission(int(m.group(1)), m.group(2), Path(m.group(3))) for m in _SUBMITTED_RE.finditer(log)]
    # Pair each submission with the sbatch call whose --output dir holds its log file.
    unused = list(calls)
    for sub in subs:
        for call in unused:
            out = re.search(r"--output (\S+)", call)
            if out and Path(out.group(1).strip("'")).parent == sub.slurm_log.parent:
                sub.sbatch_line = call
                comment = re.search(r"--comment (\S+)", call)
                sub.rule = re.sub(r"_wildcards_.*$", "", comment.group(1).strip("'"))[len("rule_") :]
                unused.remove(call)
                break
    return subs


def slurm_job_state(cluster: Cluster, slurm_jobid: str) -> dict[str, str]:
    """``scontrol show job`` as a dict (finished jobs stay visible for MinJobAge=600 s)."""
    out = cluster.run("scontrol", "show", "job", "-o", slurm_jobid).stdout
    return dict(item.split("=", 1) for item in out.split() if "=" in item)


def latest_checkpoint_step(checkpoint_dir: Path) -> int | None:
    """The highest N of ``checkpoint-N`` folders (Hugging Face Trainer's layout), or None."""
    steps = [
        int(m.group(1))
        for p in Path(checkpoint_dir).glob("checkpoint-*")
        if (m := re.fullmatch(r"checkpoint-(\d+)", p.name)) and p.is_dir()
    ]
    return max(steps) if steps else None


def running_jobs_of_rule(cluster: Cluster, rule: str) -> list[str]:
    """SLURM ids of RUNNING jobs whose plugin comment names ``rule``."""
    out = cluster.run("squeue", "--noheader", "--states=RUNNING", "--format=%i|%k").stdout
    ids = []
    for line in out.splitlines():
        jobid, _, comment = line.partition("|")
        if comment == f"rule_{rule}" or comment.startswith(f"rule_{rule}_wildcards_"):
            ids.append(jobid.strip())
    return ids


@dataclass
class PreemptionResult:
    """What happened in :func:`preempt_and_resume`."""

    process: subprocess.CompletedProcess
    interrupted_jobid: str
    progress_at_interrupt: int
    how: str
    log: str = field(repr=False, default="")


def preempt_and_resume(
    cluster: Cluster,
    workdir: Path,
    snakefile: Path,
    rule: str,
    progress: Callable[[], int | None],
    min_progress: int,
    how: str = "scancel",
    configfile: Path | None = None,
    targets: Sequence[str] = (),
    extra_args: Sequence[str] = (),
    timeout: float = 900,
) -> PreemptionResult:
    """Run a workflow on SLURM, interrupt ``rule``'s job mid-run, and let it finish.

    Args:
        cluster: The test cluster.
        workdir, snakefile, configfile, targets, extra_args: As for :func:`run_snakemake_on_slurm`.
        rule: The long-running, resumable rule whose job is interrupted.
        progress: Returns the job's saved progress (e.g. ``latest_checkpoint_step`` of
            results/grpo/{run}/checkpoints), or None before the first checkpoint.
        min_progress: Interrupt once ``progress()`` reaches this.
        how: "scancel" -- cancel the job; Snakemake sees it fail and resubmits it (the profile's
            ``retries``). "requeue" -- ``scontrol requeue`` it, as SLURM does on preemption with
            PreemptMode=REQUEUE; the run adds ``--slurm-requeue`` and SLURM restarts the job itself.
        timeout: Seconds for the whole run.

    Returns:
        The finished snakemake process, the interrupted SLURM job id and the progress seen at
        the interruption. The caller checks that the rerun resumed from that progress.
    """
    if how not in ("scancel", "requeue"):
        raise ValueError(f"how must be 'scancel' or 'requeue', got {how!r}")
    args = [*extra_args, *(["--slurm-requeue"] if how == "requeue" else [])]
    cmd = snakemake_command(snakefile, workdir, configfile, targets, args)
    log_path = Path(workdir) / "snakemake_slurm.log"
    deadline = time.monotonic() + timeout
    with open(log_path, "w") as log_file:
        proc = subprocess.Popen(
            cmd, cwd=workdir, env=cluster.env(), stdout=log_file, stderr=subprocess.STDOUT, text=True
        )
        try:
            jobid, seen = "", None
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    raise AssertionError(f"snakemake ended before the interruption:\n{log_path.read_text()[-4000:]}")
                seen = progress()
                ids = running_jobs_of_rule(cluster, rule)
                if ids and seen is not None and seen >= min_progress:
                    jobid = ids[0]
                    break
                time.sleep(0.5)
            else:
                raise AssertionError(f"rule {rule} never reached progress {min_progress} (last: {seen})")
            if how == "scancel":
                cluster.run("scancel", jobid)
            else:
                cluster.run("scontrol", "requeue", jobid)
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
    log = log_path.read_text()
    completed = subprocess.CompletedProcess(cmd, proc.returncode, stdout=log)
    return PreemptionResult(completed, jobid, seen, how, log)
