"""How a GRPO run is launched on several processes: the command, the per-process batch, the start-up
checks, and accelerate's own reading of the shipped configs (no GPU, no DeepSpeed needed)."""

from __future__ import annotations

import dataclasses
import json
import os
import shlex
import subprocess

import pytest
import yaml

from polysql.grpo import launch
from polysql.grpo.config import check_batch_geometry
from polysql.grpo.launch import LaunchError

FILES = ["config/paper.yaml"]


def _accelerate_args(command: str):
    """What `accelerate launch` makes of a command line: the launcher's own parsing and validation."""
    from accelerate.commands.launch import _validate_launch_command, launch_command_parser

    words = shlex.split(command)
    start = words.index("accelerate.commands.launch") + 1
    args = launch_command_parser().parse_args(words[start:])
    return _validate_launch_command(args)[0]


def test_one_process_is_plain_python():
    command = launch.launch_command({"processes": 1, "gpu": True}, configfiles=FILES)
    words = shlex.split(command)
    assert words[:3] == ["python", "-m", "polysql.grpo.train"]
    assert words[3] == "--configfile" and words[4].endswith("/config/paper.yaml") and words[4].startswith("/")


def test_config_overrides_travel_as_json():
    command = launch.launch_command({"processes": 1}, configfiles=[], overrides={"grpo": {"threads": 4}})
    words = shlex.split(command)
    assert "--configfile" not in words
    assert json.loads(words[words.index("--overrides") + 1]) == {"grpo": {"threads": 4}}


@pytest.mark.parametrize("strategy, stage", [("ddp", None), ("zero2", 2), ("zero3", 3)])
def test_gpu_processes_run_under_accelerate_with_the_strategys_config(strategy, stage):
    command = launch.launch_command({"processes": 4, "gpu": True, "strategy": strategy}, configfiles=FILES)
    args = _accelerate_args(command + " --run-id lang~all/reward~exec/seed~0")
    assert args.num_processes == 4 and args.num_machines == 1
    assert args.module and args.training_script == "polysql.grpo.train"
    assert args.training_script_args[-2:] == ["--run-id", "lang~all/reward~exec/seed~0"]
    assert bool(args.use_deepspeed) == (stage is not None)
    if stage:
        assert args.zero_stage == stage


def test_multi_node_runs_one_launcher_per_node_through_srun():
    command = launch.launch_command({"processes": 4, "nodes": 2, "gpu": True, "strategy": "zero3"}, configfiles=FILES)
    words = shlex.split(command)
    assert words[:3] == ["srun", "--nodes=2", "--ntasks-per-node=1"]
    inner = words[words.index("-c") + 1]
    assert '--machine_rank "$SLURM_NODEID"' in inner and "$SLURM_JOB_NODELIST" in inner
    # What one node's launcher sees once SLURM's variables are filled in.
    node = (
        inner.replace('"$SLURM_NODEID"', "1")
        .replace('"$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)"', "node-a")
        .replace('"$@"', "--run-id r")
    )
    args = _accelerate_args(node)
    assert (args.num_processes, args.num_machines, args.machine_rank) == (8, 2, 1)
    assert args.main_process_ip == "node-a" and args.main_process_port == launch.RENDEZVOUS_PORT
    assert args.zero_stage == 3
    assert args.training_script_args[0] == "--configfile" and args.training_script_args[-2:] == ["--run-id", "r"]


def test_cpu_processes_run_under_torchrun():
    from torch.distributed.run import parse_args

    words = shlex.split(launch.launch_command({"processes": 2, "gpu": False}, configfiles=FILES) + " --run-id r")
    assert words[:3] == ["python", "-m", "torch.distributed.run"]
    args = parse_args(words[3:])  # torchrun's own parser (it refuses `--run` as an abbreviation of --run-path)
    assert args.standalone and args.nproc_per_node == "2" and args.module
    assert args.training_script == "polysql.grpo.train" and args.training_script_args[-2:] == ["--run-id", "r"]


@pytest.mark.parametrize(
    "grpo", [{"processes": 2, "nodes": 2, "gpu": False}, {"processes": 2, "gpu": False, "strategy": "zero2"}]
)
def test_cpu_layouts_that_cannot_run_are_refused(grpo):
    with pytest.raises(LaunchError, match="need GPUs"):
        launch.launch_command(grpo, configfiles=FILES)


def test_scheduler_requests_one_gpu_per_process():
    assert launch.job_gpus({"processes": 4, "gpu": True}) == 4 and launch.job_gres({"processes": 4, "gpu": True}) == ""
    assert launch.job_gpus({"processes": 4, "gpu": False}) == 0
    # Several nodes: GPUs per node (gres), since sbatch --gpus counts over the whole job.
    assert launch.job_gpus({"processes": 4, "nodes": 2, "gpu": True}) == 0
    assert launch.job_gres({"processes": 4, "nodes": 2, "gpu": True}) == "gpu:4"


@pytest.mark.parametrize("world", [1, 2, 4])
def test_every_process_count_trains_the_same_schedule(world):
    trainer = {"per_device_train_batch_size": 8, "gradient_accumulation_steps": 2, "num_generations": 4}
    one = check_batch_geometry(trainer, n_processes=1)
    shared = launch.per_process_trainer(trainer, world)
    assert shared["per_device_train_batch_size"] == 8 // world
    assert check_batch_geometry(shared, n_processes=world) == one  # prompts, completions, accumulation
    assert trainer["per_device_train_batch_size"] == 8  # the config is left alone


def test_a_batch_that_does_not_divide_is_refused_naming_the_numbers():
    with pytest.raises(LaunchError, match=r"per_device_train_batch_size \(6.*among 4 processes.*e\.g\. 8"):
        launch.per_process_trainer({"per_device_train_batch_size": 6}, 4)


def test_start_up_refuses_a_process_count_other_than_the_configs():
    with pytest.raises(LaunchError, match="runs 2 process.*= 4"):
        launch.check_launch({"processes": 2, "nodes": 2}, world_size=2, cuda=True)
    launch.check_launch({"processes": 2, "nodes": 2, "strategy": "ddp"}, world_size=4, cuda=True)


def test_zero_needs_a_gpu_and_deepspeed(monkeypatch):
    with pytest.raises(LaunchError, match="needs a GPU"):
        launch.check_launch({"processes": 2, "strategy": "zero3"}, world_size=2, cuda=False)
    monkeypatch.setattr(launch.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(LaunchError, match="needs DeepSpeed, which is not installed"):
        launch.check_launch({"processes": 2, "strategy": "zero2"}, world_size=2, cuda=True)


def test_cpu_processes_need_gloo(monkeypatch):
    import torch.distributed

    launch.check_launch({"processes": 2}, world_size=2, cuda=False)  # this torch has gloo
    monkeypatch.setattr(torch.distributed, "is_gloo_available", lambda: False)
    with pytest.raises(LaunchError, match="gloo"):
        launch.check_launch({"processes": 2}, world_size=2, cuda=False)


def test_checkpoints_resume_only_at_the_count_that_wrote_them(tmp_path):
    launch.check_resume(tmp_path, 2, resuming=False)
    assert json.loads((tmp_path / launch.LAUNCH_RECORD).read_text()) == {"world_size": 2}
    launch.check_resume(tmp_path, 2, resuming=True)
    with pytest.raises(LaunchError, match="written by 2 process.*runs 4.*back to 2"):
        launch.check_resume(tmp_path, 4, resuming=True)
    (tmp_path / launch.LAUNCH_RECORD).unlink()  # checkpoints of an older, one-process run
    with pytest.raises(LaunchError, match="written by 1 process"):
        launch.check_resume(tmp_path, 2, resuming=True)


@pytest.mark.parametrize("strategy", ["ddp", "zero2", "zero3"])
def test_shipped_accelerate_configs_are_what_accelerate_reads(strategy):
    from accelerate.commands.config.config_args import ClusterConfig, load_config_from_file

    path = launch.accelerate_config(strategy)
    known = {field.name for field in dataclasses.fields(ClusterConfig)}
    assert set(yaml.safe_load(path.read_text())) <= known  # accelerate ignores nothing silently here
    config = load_config_from_file(str(path))
    assert config.distributed_type.value == ("MULTI_GPU" if strategy == "ddp" else "DEEPSPEED")
    if strategy != "ddp":
        assert config.deepspeed_config["zero_stage"] == int(strategy[-1])


def test_an_unknown_strategy_names_the_known_ones():
    with pytest.raises(LaunchError, match="zero3"):
        launch.accelerate_config("fsdp")


SERVER = {"processes": 2, "gpu": True, "trainer": {"use_vllm": True, "vllm_mode": "server"}}


def test_vllm_server_gets_its_own_gpu_and_the_trainer_the_rest(tmp_path):
    """The server script, run for real with a stand-in `trl` and launcher: GPUs split, ports exported."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    trl = bin_dir / "trl"
    trl.write_text(f'#!/bin/sh\necho "$CUDA_VISIBLE_DEVICES $*" > {tmp_path}/server\nexec sleep 60\n')
    trl.chmod(0o755)
    # The stand-in trainer waits for the server, as TRL's client does.
    launcher = (
        f"sh -c 'while [ ! -s {tmp_path}/server ]; do sleep 0.1; done; "
        f'echo "$CUDA_VISIBLE_DEVICES $POLYSQL_VLLM_PORT $*" > {tmp_path}/trainer\' trainer'
    )
    command = launch._with_vllm_server(launcher, SERVER, "/models/policy") + " --run r"
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", CUDA_VISIBLE_DEVICES="3,5,7")
    result = subprocess.run(command, shell=True, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    gpus, port, *args = (tmp_path / "trainer").read_text().split()
    assert gpus == "3,5" and int(port) > 0 and args == ["--run", "r"]
    server = (tmp_path / "server").read_text().split()
    assert server[0] == "7" and server[server.index("--model") + 1] == "/models/policy"
    assert server[server.index("--port") + 1] == port
    too_few = subprocess.run(
        command, shell=True, env={**env, "CUDA_VISIBLE_DEVICES": "0,1"}, capture_output=True, text=True, timeout=60
    )
    assert too_few.returncode == 1 and "needs 2 training GPU(s) + 1 for the vLLM server" in too_few.stderr


def test_vllm_modes_set_resources_and_trainer_fields():
    assert launch.job_gpus(SERVER) == 3  # two trainers + the server
    colocate = {**SERVER, "trainer": {"use_vllm": True, "vllm_mode": "colocate"}}
    assert launch.job_gpus(colocate) == 2
    assert shlex.split(launch.launch_command(colocate, configfiles=FILES))[:3] == [
        "python",
        "-m",
        "accelerate.commands.launch",
    ]
    fields = launch.server_fields(SERVER["trainer"], {"POLYSQL_VLLM_PORT": "4100", "POLYSQL_VLLM_GROUP_PORT": "4101"})
    assert (fields["vllm_server_host"], fields["vllm_server_port"], fields["vllm_group_port"]) == (
        "127.0.0.1",
        4100,
        4101,
    )
    assert launch.server_fields(colocate["trainer"], {"POLYSQL_VLLM_PORT": "4100"}) == colocate["trainer"]


@pytest.mark.parametrize(
    "grpo, message",
    [
        ({**SERVER, "gpu": False}, "needs GPUs"),
        ({**SERVER, "nodes": 2}, "runs on one node"),
    ],
)
def test_vllm_layouts_that_cannot_run_are_refused(grpo, message):
    with pytest.raises(LaunchError, match=message):
        launch.launch_command(grpo, configfiles=FILES, model_dir="/m")


def test_vllm_sampling_needs_vllm_installed(monkeypatch):
    monkeypatch.setattr(launch.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(LaunchError, match="needs vLLM"):
        launch.check_launch(SERVER, world_size=2, cuda=True)
