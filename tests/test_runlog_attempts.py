"""Each attempt of a job keeps its own log: Snakemake deletes a job's log before every attempt,
so a killed GRPO attempt's log lived only until the rerun. With ``keep_attempts`` each attempt also writes
``<log>.attempts/attempt-<N>.log``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from polysql.runlog import attempt_log_path

SRC = Path(__file__).resolve().parents[1] / "src"
JOB = (
    "import logging, sys\nfrom polysql.runlog import setup_logging\n"
    "setup_logging(sys.argv[1], keep_attempts=True)\nlogging.getLogger('job').info('work of %s', sys.argv[2])\n"
    "if sys.argv[2] == 'first': raise SystemExit(137)\n"
)


def _attempt(log: Path, name: str) -> int:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    return subprocess.run(
        [sys.executable, "-c", JOB, str(log), name], capture_output=True, text=True, env=env, timeout=120
    ).returncode


def test_a_killed_attempt_keeps_its_log_after_the_rerun(tmp_path):
    log = tmp_path / "logs" / "grpo" / "run.log"
    assert _attempt(log, "first") == 137
    log.unlink()  # what Snakemake does before the next attempt
    assert _attempt(log, "second") == 0
    attempts = log.with_name("run.log.attempts")
    assert sorted(p.name for p in attempts.iterdir()) == ["attempt-1.log", "attempt-2.log"]
    first, second = (attempts / "attempt-1.log").read_text(), (attempts / "attempt-2.log").read_text()
    assert "attempt 1 of this job" in first and "work of first" in first and "second" not in first
    assert "attempt 2 of this job" in second and "work of second" in second
    assert log.read_text() == second  # the job's own log is this attempt's


def test_attempt_numbers_never_reuse_a_file(tmp_path):
    log = tmp_path / "x.log"
    paths = [attempt_log_path(log) for _ in range(3)]
    assert [p.name for p in paths] == ["attempt-1.log", "attempt-2.log", "attempt-3.log"]
