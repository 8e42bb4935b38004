"""How one GRPO run is launched: one process, several on one node, or several nodes.

The ``train_grpo`` rule runs the command :func:`launch_command` builds from config ``grpo.processes``,
``grpo.nodes``, ``grpo.strategy`` and ``grpo.gpu``:

- one process: ``python -m polysql.grpo.train ...``;
- several GPU processes: ``accelerate launch`` with ``workflow/accelerate/<strategy>.yaml``;
- several nodes: ``srun`` starts one ``accelerate launch`` per node, which meet on the first node of
  the allocation (SLURM's node list and node id give the rank and the address);
- several CPU processes (tests, laptops): ``torch.distributed.run`` (gloo); ``accelerate launch --cpu``
  would start one process only;
- GRPO sampling on a vLLM server (``grpo.trainer.use_vllm`` with ``vllm_mode: server``): ``trl vllm-serve``
  on the job's last GPU(s), training on the others (``vllm_mode: colocate`` needs nothing extra).

:func:`per_process_trainer` keeps the experiment the same at every process count: config
``grpo.trainer.per_device_train_batch_size`` is the batch of a one-process run and each process takes
its share. :func:`check_launch` is what a job checks at start-up, before any model loads.
This module imports nothing heavy.
"""

from __future__ import annotations

import importlib.util
import json
import shlex
from pathlib import Path
from typing import Any, Iterable, Mapping

from polysql.config_schema import REPO

ACCELERATE_CONFIGS = REPO / "workflow" / "accelerate"
"""One accelerate config per ``grpo.strategy`` (``<strategy>.yaml``)."""
TRAIN_MODULE = "polysql.grpo.train"
RENDEZVOUS_PORT = 29500
"""TCP port of the first node where the processes of a multi-node run meet."""


class LaunchError(ValueError):
    """A process layout the job cannot run; the message names the config key and the numbers."""


def world_size_of(grpo: Mapping[str, Any]) -> int:
    """Processes of one run: ``grpo.processes`` x ``grpo.nodes``."""
    return int(grpo.get("processes", 1)) * int(grpo.get("nodes", 1))


def accelerate_config(strategy: str) -> Path:
    """The shipped accelerate config of a ``grpo.strategy``."""
    path = ACCELERATE_CONFIGS / f"{strategy}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in ACCELERATE_CONFIGS.glob("*.yaml"))
        raise LaunchError(f"grpo.strategy {strategy!r}: no accelerate config {path} (known: {known})")
    return path


def train_arguments(configfiles: Iterable[str | Path], overrides: Mapping[str, Any] | None = None) -> list[str]:
    """``-m polysql.grpo.train`` and the config it reads: the workflow's own config files (absolute, so
    a node's working directory does not matter) and ``--config`` values as JSON."""
    args = ["-m", TRAIN_MODULE]
    files = [str(Path(path).resolve()) for path in configfiles]
    if files:
        args += ["--configfile", *files]
    if overrides:
        args += ["--overrides", json.dumps(dict(overrides), sort_keys=True)]
    return args


def vllm_mode(grpo: Mapping[str, Any]) -> str | None:
    """``server`` or ``colocate`` when GRPO samples with vLLM (``grpo.trainer.use_vllm``), else None."""
    trainer = grpo.get("trainer") or {}
    return str(trainer.get("vllm_mode", "colocate")) if trainer.get("use_vllm") else None


def server_gpus(grpo: Mapping[str, Any]) -> int:
    """GPUs reserved for the vLLM server (``vllm_mode: server``: its tensor-parallel size), else 0."""
    if vllm_mode(grpo) != "server":
        return 0
    return int((grpo.get("trainer") or {}).get("vllm_tensor_parallel_size", 1))


def vllm_server_command(model_dir: str | Path, grpo: Mapping[str, Any]) -> list[str]:
    """TRL's vLLM server for the policy (``trl vllm-serve``) on the job's own ports (shell variables)."""
    trainer = grpo.get("trainer") or {}
    command = [
        "trl",
        "vllm-serve",
        "--model",
        str(model_dir),
        "--host",
        "127.0.0.1",
        "--tensor-parallel-size",
        str(server_gpus(grpo)),
        "--dtype",
        "bfloat16",
    ]
    if trainer.get("vllm_max_model_length"):
        command += ["--max-model-len", str(trainer["vllm_max_model_length"])]
    return command


_FREE_PORT = "python -c 'import socket; s = socket.socket(); s.bind((\"\", 0)); print(s.getsockname()[1])'"


def _with_vllm_server(launcher: str, grpo: Mapping[str, Any], model_dir: str | Path) -> str:
    """``launcher`` on the job's first GPUs, after a vLLM server started on the last ones (on free ports
    the trainer reads from POLYSQL_VLLM_PORT / POLYSQL_VLLM_GROUP_PORT), stopped when training ends."""
    processes, tp = int(grpo.get("processes", 1)), server_gpus(grpo)
    script = "\n".join(
        [
            "set -euo pipefail",
            'visible="${CUDA_VISIBLE_DEVICES:-$(nvidia-smi --query-gpu=index --format=csv,noheader | paste -sd, -)}"',
            'IFS=, read -r -a gpus <<< "$visible"',
            f'if [ "${{#gpus[@]}}" -lt {processes + tp} ]; then echo "polysql: grpo needs {processes} training GPU(s) '
            f'+ {tp} for the vLLM server, the job sees ${{#gpus[@]}} ($visible)" >&2; exit 1; fi',
            f"export POLYSQL_VLLM_PORT=$({_FREE_PORT}) POLYSQL_VLLM_GROUP_PORT=$({_FREE_PORT})",
            f'CUDA_VISIBLE_DEVICES="$(IFS=,; echo "${{gpus[*]:{processes}:{tp}}}")" '
            + shlex.join(vllm_server_command(model_dir, grpo))
            + ' --port "$POLYSQL_VLLM_PORT" &',
            "server=$!",
            "trap 'kill $server 2>/dev/null || true' EXIT",
            f'CUDA_VISIBLE_DEVICES="$(IFS=,; echo "${{gpus[*]:0:{processes}}}")" {launcher} "$@"',
        ]
    )
    return shlex.join(["bash", "-c", script, "polysql-grpo"])


def launch_command(
    grpo: Mapping[str, Any],
    *,
    configfiles: Iterable[str | Path],
    overrides: Mapping[str, Any] | None = None,
    model_dir: str | Path | None = None,
) -> str:
    """The shell command that trains one run, waiting for ``--run-id <id>`` to be appended (not ``--run``,
    which torchrun's argument parser refuses as an abbreviation of its own ``--run-path``).

    Args:
        grpo: Config ``grpo`` (``processes``, ``nodes``, ``strategy``, ``gpu``, ``trainer.use_vllm``).
        configfiles: The files the workflow's config was built from (none: config/config.yaml).
        overrides: ``snakemake --config`` values.
        model_dir: The policy's folder (what a vLLM server, ``vllm_mode: server``, serves).

    Raises:
        LaunchError: Several nodes without GPUs, a ZeRO strategy or vLLM without GPUs, or a vLLM server
            across nodes.
    """
    processes, nodes = int(grpo.get("processes", 1)), int(grpo.get("nodes", 1))
    strategy, gpu = grpo.get("strategy", "ddp"), bool(grpo.get("gpu"))
    entry = train_arguments(configfiles, overrides)
    if vllm_mode(grpo) and not gpu:
        raise LaunchError("grpo.trainer.use_vllm needs GPUs (grpo.gpu: true); vLLM does not sample on CPU")
    if vllm_mode(grpo) == "server":
        if nodes > 1:
            raise LaunchError(
                "grpo.trainer.vllm_mode: server runs on one node; use grpo.nodes: 1 or vllm_mode: colocate"
            )
        if model_dir is None:
            raise LaunchError("grpo.trainer.vllm_mode: server needs the policy's folder to serve (model_dir)")
        launcher = launch_command({**grpo, "trainer": {}}, configfiles=configfiles, overrides=overrides)
        return _with_vllm_server(launcher, grpo, model_dir)
    if processes * nodes == 1:
        return shlex.join(["python", *entry])
    if not gpu:
        if nodes > 1 or strategy != "ddp":
            raise LaunchError(
                f"grpo: {nodes} node(s) with strategy {strategy!r} need GPUs (grpo.gpu: true); on CPU only "
                "grpo.processes > 1 on one node with strategy ddp runs (gloo)"
            )
        return shlex.join(
            ["python", "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={processes}", *entry]
        )
    accelerate = [
        "python",
        "-m",
        "accelerate.commands.launch",
        "--config_file",
        str(accelerate_config(strategy)),
        "--num_processes",
        str(processes * nodes),
        "--num_machines",
        str(nodes),
    ]
    if nodes == 1:
        return shlex.join([*accelerate, *entry])
    # One launcher per node (srun), ranked by SLURM's node id, meeting on the allocation's first node.
    per_node = shlex.join([*accelerate, "--main_process_port", str(RENDEZVOUS_PORT)])
    per_node += (
        ' --machine_rank "$SLURM_NODEID"'
        ' --main_process_ip "$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)" '
        + shlex.join(entry)
        + ' "$@"'
    )
    return shlex.join(["srun", f"--nodes={nodes}", "--ntasks-per-node=1", "bash", "-c", per_node, "polysql-grpo"])


class GRPOLaunch:
    """The ``train_grpo`` rule's launch param: formats as :func:`launch_command`'s command.

    Deliberately not a str: Snakemake's params rerun trigger tracks only values of builtin types, and
    the launch (process count, the config files' paths) is a resource that must never rerun a run.
    """

    def __init__(
        self,
        grpo: Mapping[str, Any],
        *,
        configfiles: Iterable[str | Path],
        overrides: Mapping[str, Any] | None = None,
        model_dir: str | Path | None = None,
    ):
        self.command = launch_command(grpo, configfiles=configfiles, overrides=overrides, model_dir=model_dir)

    def __str__(self) -> str:
        return self.command

    def __repr__(self) -> str:
        return f"GRPOLaunch({self.command!r})"


def job_gpus(grpo: Mapping[str, Any]) -> int:
    """GPUs a ``train_grpo`` job asks for (sbatch ``--gpus``): one per process on one node, plus the vLLM
    server's; 0 without ``grpo.gpu`` and for multi-node jobs (those ask per node, :func:`job_gres`)."""
    if not grpo.get("gpu") or int(grpo.get("nodes", 1)) > 1:
        return 0
    return int(grpo.get("processes", 1)) + server_gpus(grpo)


def job_gres(grpo: Mapping[str, Any]) -> str:
    """``gpu:<processes>`` for a multi-node GPU job (sbatch ``--gres``, counted per node), else empty."""
    if grpo.get("gpu") and int(grpo.get("nodes", 1)) > 1:
        return f"gpu:{int(grpo.get('processes', 1))}"
    return ""


def per_process_trainer(trainer: Mapping[str, Any], world_size: int) -> dict[str, Any]:
    """``grpo.trainer`` as one of ``world_size`` processes runs it: ``per_device_train_batch_size`` (the
    batch of a one-process run) divided among the processes, everything else as configured. Prompts
    per step, completions per prompt and accumulation, and so the schedule, stay those of one process.

    Raises:
        LaunchError: The batch does not divide by the process count (the message names both).
    """
    trainer = dict(trainer)
    if world_size == 1:
        return trainer
    from polysql.grpo.config import _default, grpo_config_fields

    batch = trainer.get("per_device_train_batch_size", _default(grpo_config_fields(), "per_device_train_batch_size"))
    if batch % world_size:
        raise LaunchError(
            f"grpo.trainer.per_device_train_batch_size ({batch}, the batch of a one-process run) does not divide "
            f"among {world_size} processes (grpo.processes x grpo.nodes); use a multiple of {world_size}, e.g. "
            f"{(batch // world_size + 1) * world_size}, or another process count"
        )
    trainer["per_device_train_batch_size"] = batch // world_size
    return trainer


def check_launch(grpo: Mapping[str, Any], *, world_size: int, cuda: bool) -> None:
    """What a job checks at start-up about its processes, before any model loads.

    Args:
        grpo: Config ``grpo``.
        world_size: Processes the launcher started (``WORLD_SIZE``; 1 without a launcher).
        cuda: Whether torch sees a CUDA device.

    Raises:
        LaunchError: A process count other than the config's, a ZeRO strategy without a GPU or without
            DeepSpeed, or CPU processes without gloo.
    """
    expected = world_size_of(grpo)
    if world_size != expected:
        raise LaunchError(
            f"this job runs {world_size} process(es) but grpo.processes x grpo.nodes = {expected}: set them to "
            "the processes you launch (the train_grpo rule launches the configured count itself)"
        )
    strategy = grpo.get("strategy", "ddp")
    if world_size > 1 and strategy.startswith("zero"):
        if not cuda:
            raise LaunchError(f"grpo.strategy {strategy!r} (DeepSpeed ZeRO) needs a GPU; torch sees none")
        if importlib.util.find_spec("deepspeed") is None:
            raise LaunchError(
                f"grpo.strategy {strategy!r} needs DeepSpeed, which is not installed in this "
                "environment (pip install deepspeed, or grpo.strategy: ddp)"
            )
    if vllm_mode(grpo) and importlib.util.find_spec("vllm") is None:
        raise LaunchError(
            "grpo.trainer.use_vllm needs vLLM in the job's environment (pip install "
            "polysql[vllm], on a CUDA machine), or use_vllm: false"
        )
    if world_size > 1 and not cuda:
        import torch.distributed

        if not torch.distributed.is_available() or not torch.distributed.is_gloo_available():
            raise LaunchError(
                f"grpo.processes = {grpo.get('processes')} on CPU needs torch.distributed with "
                "the gloo backend, which this torch build lacks; use grpo.processes: 1"
            )


def server_fields(trainer: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    """``grpo.trainer`` pointed at the job's own vLLM server (the ports the launch picked), when there is one."""
    trainer = dict(trainer)
    if trainer.get("use_vllm") and trainer.get("vllm_mode") == "server" and environ.get("POLYSQL_VLLM_PORT"):
        trainer.update(
            vllm_server_host="127.0.0.1",
            vllm_server_port=int(environ["POLYSQL_VLLM_PORT"]),
            vllm_group_port=int(environ["POLYSQL_VLLM_GROUP_PORT"]),
        )
    return trainer


LAUNCH_RECORD = "launch.json"
"""Written beside a run's checkpoints: the process count they were written with."""


def check_resume(checkpoints_dir: str | Path, world_size: int, *, resuming: bool, is_main: bool = True) -> None:
    """Refuse to resume checkpoints written at another process count, then record this run's count.

    A checkpoint holds one RNG state per process, and under ZeRO its optimizer and parameters are
    sharded per process, so it resumes only at the count it was written with. Checkpoints without a
    record were written by one process.

    Raises:
        LaunchError: The newest checkpoint was written by another number of processes (names both and
            the folder to move aside to start over).
    """
    record = Path(checkpoints_dir) / LAUNCH_RECORD
    if resuming:
        written = json.loads(record.read_text(encoding="utf-8"))["world_size"] if record.is_file() else 1
        if written != world_size:
            raise LaunchError(
                f"{checkpoints_dir}: its checkpoints were written by {written} process(es), this job runs "
                f"{world_size}; set grpo.processes x grpo.nodes back to {written} to resume, or move the folder "
                "aside to start the run over"
            )
    if is_main:
        from polysql.io import write_json

        write_json(record, {"world_size": world_size})


def describe(grpo: Mapping[str, Any], world_size: int) -> dict[str, Any]:
    """The launch as the resolved config records it."""
    return {
        "processes": int(grpo.get("processes", 1)),
        "nodes": int(grpo.get("nodes", 1)),
        "strategy": grpo.get("strategy", "ddp"),
        "world_size": int(world_size),
    }
