#!/usr/bin/env bash
# Start a private one-node SLURM cluster (Debian's slurm-wlm 22.05 + munge) for polysql's tests.
#
#   bash tests/slurm/start_cluster.sh [STATE_DIR]        # default STATE_DIR: /tmp/polysql-slurm
#   export SLURM_CONF=STATE_DIR/slurm.conf               # every SLURM client command needs it
#   bash tests/slurm/stop_cluster.sh [STATE_DIR]
#
# Needs root and apt (it installs slurm-wlm and munge once, only when missing). Works without
# systemd: munged (as user munge), slurmctld and slurmd are started by hand, daemonize and write pid
# files under STATE_DIR/run. Nothing outside STATE_DIR is configured: the cluster uses its own
# slurm.conf, munge key and munge socket, so a system-wide SLURM/munge (if any) is left alone.
#
# Choices (see README "SLURM"):
#   - ProctrackType=proctrack/linuxproc, TaskPlugin=task/none: no cgroups needed (containers).
#   - SelectType=select/cons_tres with CR_Core_Memory and DefMemPerCPU: several jobs share the node;
#     without DefMemPerCPU one job without --mem takes the whole node's memory.
#   - A fake GPU: GresTypes=gpu, node Gres=gpu:1, gres.conf "Name=gpu File=/dev/null" (a gres
#     without File= drains the node), so `--gpus=1` jobs are really scheduled through the gres.
#   - No accounting database (AccountingStorageType=accounting_storage/none): `sacct` fails here,
#     so the snakemake SLURM executor must poll with `squeue` (--slurm-status-command squeue).
#     The plugin only honours squeue when MinJobAge >= 3 x its first status-check delay
#     (default 40 s), otherwise it falls back to sacct and waits forever; MinJobAge=600 here.
#
# Environment overrides: POLYSQL_SLURM_CTLD_PORT (6817), POLYSQL_SLURM_D_PORT (6818),
# POLYSQL_SLURM_WAIT_S (60, how long to wait for the node to become idle).
set -euo pipefail

STATE_DIR="$(realpath -m "${1:-/tmp/polysql-slurm}")"
CTLD_PORT="${POLYSQL_SLURM_CTLD_PORT:-6817}"
SLURMD_PORT="${POLYSQL_SLURM_D_PORT:-6818}"
WAIT_S="${POLYSQL_SLURM_WAIT_S:-60}"
NODE="$(hostname -s)"
PARTITION="main"

die() { echo "start_cluster.sh: $*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || die "must run as root (installs packages and starts daemons)"

# ---------------------------------------------------------------- install (idempotent)
need_install=0
for bin in munged slurmctld slurmd sbatch squeue sinfo scontrol; do
    command -v "$bin" >/dev/null 2>&1 || need_install=1
done
if [[ "$need_install" == 1 ]]; then
    command -v apt-get >/dev/null 2>&1 || die "slurm-wlm/munge missing and apt-get unavailable"
    export DEBIAN_FRONTEND=noninteractive
    pkgs=(slurm-wlm munge)
    if ! apt-get install -y --no-install-recommends "${pkgs[@]}"; then
        echo "start_cluster.sh: apt-get install failed, running apt-get update once" >&2
        apt-get update
        apt-get install -y --no-install-recommends "${pkgs[@]}" || die "apt-get install ${pkgs[*]} failed"
    fi
fi
id munge >/dev/null 2>&1 || die "user 'munge' missing (the munge package creates it)"

# ---------------------------------------------------------------- state dir
RUN="$STATE_DIR/run"
LOG="$STATE_DIR/log"
MUNGE="$STATE_DIR/munge"
mkdir -p "$STATE_DIR" "$RUN" "$LOG" "$STATE_DIR/ctld" "$STATE_DIR/slurmd"
chmod 755 "$STATE_DIR"

pid_alive() {  # pid_alive FILE NAME: the pid in FILE runs a process whose command is NAME
    local f="$1" name="$2" pid
    [[ -s "$f" ]] || return 1
    pid="$(cat "$f")"
    [[ -r "/proc/$pid/comm" ]] && [[ "$(cat "/proc/$pid/comm")" == "$name"* ]]
}

# ---------------------------------------------------------------- munge (private key and socket)
mkdir -p "$MUNGE"
chown munge:munge "$MUNGE"
chmod 755 "$MUNGE"  # munged wants the socket dir executable by all, writable by it only
if [[ ! -s "$MUNGE/munge.key" ]]; then
    dd if=/dev/urandom of="$MUNGE/munge.key" bs=1024 count=1 status=none
fi
chown munge:munge "$MUNGE/munge.key"
chmod 400 "$MUNGE/munge.key"
MUNGE_SOCKET="$MUNGE/munge.socket"
if ! pid_alive "$MUNGE/munged.pid" munged; then
    rm -f "$MUNGE_SOCKET" "$MUNGE_SOCKET.lock"
    runuser -u munge -- munged \
        --key-file="$MUNGE/munge.key" --socket="$MUNGE_SOCKET" \
        --pid-file="$MUNGE/munged.pid" --log-file="$MUNGE/munged.log" \
        --seed-file="$MUNGE/munged.seed" \
        || { cat "$MUNGE/munged.log" >&2 2>/dev/null; die "munged failed to start"; }
fi
for _ in $(seq 50); do [[ -S "$MUNGE_SOCKET" ]] && break; sleep 0.1; done
[[ -S "$MUNGE_SOCKET" ]] || { cat "$MUNGE/munged.log" >&2; die "munged socket $MUNGE_SOCKET missing"; }
munge -S "$MUNGE_SOCKET" -n | unmunge -S "$MUNGE_SOCKET" >/dev/null \
    || die "munge self-test failed (see $MUNGE/munged.log)"

# ---------------------------------------------------------------- slurm.conf + gres.conf
CPUS="$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"  # nproc obeys OMP_NUM_THREADS otherwise
MEM_MB="$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)"
REAL_MEM=$(( MEM_MB * 8 / 10 ))          # leave room for the OS; above the real size drains the node
DEF_MEM_PER_CPU=$(( REAL_MEM / CPUS / 4 ))  # a job without --mem takes a quarter of a core's share
CONF="$STATE_DIR/slurm.conf"
cat > "$CONF" <<EOF
# Written by tests/slurm/start_cluster.sh: a private one-node test cluster. Do not use in production.
ClusterName=polysql
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
StateSaveLocation=$STATE_DIR/ctld
SlurmdSpoolDir=$STATE_DIR/slurmd
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups in containers: track processes by parent pid, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
# Share the node between jobs by cores and memory.
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$DEF_MEM_PER_CPU
# No slurmdbd: sacct does not work; the executor polls squeue, which sees finished jobs for
# MinJobAge seconds (must be >= 3 x the plugin's init-seconds-before-status-checks).
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=600
ReturnToService=2
# Reject at submission a job that no partition can ever run, instead of leaving it pending.
EnforcePartLimits=ALL
# Requeued jobs (scontrol requeue, preemption) start again without being held.
JobRequeue=1
GresTypes=gpu
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$REAL_MEM Gres=gpu:1 State=UNKNOWN
PartitionName=$PARTITION Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
cat > "$STATE_DIR/gres.conf" <<EOF
# A fake GPU: a gres needs a device file, /dev/null stands in (no File= drains the node).
NodeName=$NODE Name=gpu File=/dev/null
EOF
export SLURM_CONF="$CONF"

# Workaround: snakemake-executor-plugin-slurm-jobstep 0.6 strips every SLURM_* variable (SLURM_CONF
# included) before its nested `srun`, which then only finds a config at the default path
# /etc/slurm/slurm.conf. So link it there -- unless a real (not ours) config already sits there.
SYS_CONF=/etc/slurm/slurm.conf
if [[ -L "$SYS_CONF" && "$(readlink "$SYS_CONF")" == "$CONF" ]]; then
    :
elif [[ -e "$SYS_CONF" || -L "$SYS_CONF" ]]; then
    die "$SYS_CONF exists and is not this test cluster's; refusing to replace it (jobs' srun reads it)"
else
    mkdir -p /etc/slurm
    ln -s "$CONF" "$SYS_CONF"
    echo "$SYS_CONF" > "$STATE_DIR/linked_sys_conf"
fi

# ---------------------------------------------------------------- daemons
if ! pid_alive "$RUN/slurmctld.pid" slurmctld; then
    # -i: ignore state files that do not match this config (a reused STATE_DIR)
    slurmctld -f "$CONF" -i || { tail -n 40 "$LOG/slurmctld.log" >&2 2>/dev/null; die "slurmctld failed to start"; }
fi
if ! pid_alive "$RUN/slurmd.pid" slurmd; then
    slurmd -f "$CONF" -N "$NODE" || { tail -n 40 "$LOG/slurmd.log" >&2 2>/dev/null; die "slurmd failed to start"; }
fi

# ---------------------------------------------------------------- wait until the node is idle
state=""
deadline=$(( SECONDS + WAIT_S ))
while (( SECONDS < deadline )); do
    state="$(sinfo -h -N -n "$NODE" -o %T 2>/dev/null | head -n 1 || true)"
    case "$state" in
        idle|mixed|allocated) break ;;
        drain*|down*)
            scontrol update NodeName="$NODE" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 1
done
if [[ "$state" != idle && "$state" != mixed && "$state" != allocated ]]; then
    {
        echo "--- node state: '${state:-no answer}' after ${WAIT_S}s"
        scontrol show node "$NODE" 2>&1 || true
        echo "--- slurmctld.log (tail)"; tail -n 40 "$LOG/slurmctld.log" 2>/dev/null || true
        echo "--- slurmd.log (tail)"; tail -n 40 "$LOG/slurmd.log" 2>/dev/null || true
        echo "--- munged.log (tail)"; tail -n 20 "$MUNGE/munged.log" 2>/dev/null || true
    } >&2
    die "the node did not become idle within ${WAIT_S}s"
fi
echo "SLURM_CONF=$CONF"
echo "cluster up: node $NODE ($CPUS CPUs, ${REAL_MEM} MB, gpu:1), partition $PARTITION, state $state"
