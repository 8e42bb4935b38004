"""A SIGTERM to the snakemake process is forwarded to its job processes, then Snakemake's own
handler runs. Real processes: a "snakemake" parent with a handler of its own, a job child and grandchild."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from polysql.signals import descendants, forward_sigterm_to_jobs

SRC = Path(__file__).resolve().parents[1] / "src"
JOB = (
    "import signal, sys, time\n"
    "def stop(*_):\n    open(sys.argv[1], 'w').write('got SIGTERM'); sys.exit(0)\n"
    "signal.signal(signal.SIGTERM, stop)\nopen(sys.argv[1] + '.ready', 'w').close()\ntime.sleep(120)\n"
)
PARENT = (
    "import signal, subprocess, sys, time\nfrom polysql.signals import forward_sigterm_to_jobs\n"
    "own = []\nsignal.signal(signal.SIGTERM, lambda *a: own.append(1))  # Snakemake's graceful handler\n"
    "assert forward_sigterm_to_jobs(local=True)\n"
    "job = subprocess.Popen(['bash', '-c', f'{sys.executable} -c \"$0\" \"$1\"; exit $?', sys.argv[1], sys.argv[2]])\n"
    "job.wait(timeout=120)\nprint('own handler ran' if own else 'own handler skipped', flush=True)\n"
)


def test_sigterm_reaches_a_grandchild_and_the_previous_handler_runs(tmp_path):
    marker = tmp_path / "job.txt"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, JOB, str(marker)], stdout=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + 60
    while not Path(f"{marker}.ready").exists():
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.05)
    assert len(descendants(parent.pid)) == 2  # bash and the job's python
    parent.send_signal(signal.SIGTERM)  # the parent alone, as `kill <snakemake pid>`
    output, _ = parent.communicate(timeout=60)
    while not marker.exists() or not marker.read_text():  # the job's python may outlive the bash around it
        assert time.monotonic() < deadline + 60, "the job never got SIGTERM"
        time.sleep(0.05)
    assert marker.read_text() == "got SIGTERM"
    assert output.strip() == "own handler ran" and parent.returncode == 0


def test_nothing_is_installed_for_a_cluster_executor():
    before = signal.getsignal(signal.SIGTERM)
    assert forward_sigterm_to_jobs(local=False) is False
    assert signal.getsignal(signal.SIGTERM) is before
