#!/usr/bin/env bash
# Stop the daemons that tests/slurm/start_cluster.sh started, and only those (from its pid files).
#
#   bash tests/slurm/stop_cluster.sh [STATE_DIR]          # default STATE_DIR: /tmp/polysql-slurm
#
# Jobs still running are cancelled first. The state dir is kept (logs stay readable); remove it
# by hand if you like. Safe to run twice.
set -uo pipefail

STATE_DIR="$(realpath -m "${1:-/tmp/polysql-slurm}")"
[[ -d "$STATE_DIR" ]] || { echo "stop_cluster.sh: no state dir $STATE_DIR, nothing to stop"; exit 0; }

if [[ -f "$STATE_DIR/slurm.conf" ]] && command -v scancel >/dev/null 2>&1; then
    SLURM_CONF="$STATE_DIR/slurm.conf" timeout 10 scancel --user="$(id -un)" >/dev/null 2>&1 || true
fi

stop_from_pidfile() {  # stop_from_pidfile FILE NAME
    local f="$1" name="$2" pid
    [[ -s "$f" ]] || return 0
    pid="$(cat "$f")"
    # Only signal the pid when it still runs the daemon we started (pid files can go stale).
    if [[ -r "/proc/$pid/comm" && "$(cat "/proc/$pid/comm")" == "$name"* ]]; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 100); do [[ -e "/proc/$pid" ]] || break; sleep 0.1; done
        if [[ -e "/proc/$pid" ]]; then
            echo "stop_cluster.sh: $name ($pid) ignored SIGTERM for 10 s, sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        echo "stopped $name ($pid)"
    fi
    rm -f "$f"
}

stop_from_pidfile "$STATE_DIR/run/slurmd.pid" slurmd

# With proctrack/linuxproc (no cgroups) a process of a killed or requeued job can escape SLURM's
# clean-up (seen: a job step's `python -m snakemake` left sleeping, reparented to init). Such leftovers
# of *this* cluster's jobs carry SLURM_CONF=<our slurm.conf> and a SLURM_JOB_ID: end those, by pid.
conf="$STATE_DIR/slurm.conf"
for environ in /proc/[0-9]*/environ; do
    pid="${environ#/proc/}"; pid="${pid%/environ}"
    [[ "$pid" == "$$" || "$pid" == "$PPID" ]] && continue
    env_vars="$({ tr '\0' '\n' < "$environ"; } 2>/dev/null)" || continue  # gone, or not ours to read
    grep -qxF "SLURM_CONF=$conf" <<< "$env_vars" || continue
    grep -q '^SLURM_JOB_ID=' <<< "$env_vars" || continue
    echo "stop_cluster.sh: ending leftover job process $pid: $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)" >&2
    kill -TERM "$pid" 2>/dev/null || true
    sleep 2
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
done
stop_from_pidfile "$STATE_DIR/run/slurmctld.pid" slurmctld
stop_from_pidfile "$STATE_DIR/munge/munged.pid" munged

# Remove the /etc/slurm/slurm.conf link start_cluster.sh made (only if it still points at our config).
if [[ -s "$STATE_DIR/linked_sys_conf" ]]; then
    link="$(cat "$STATE_DIR/linked_sys_conf")"
    if [[ -L "$link" && "$(readlink "$link")" == "$STATE_DIR/slurm.conf" ]]; then
        rm -f "$link"
        echo "removed $link"
    fi
    rm -f "$STATE_DIR/linked_sys_conf"
fi
