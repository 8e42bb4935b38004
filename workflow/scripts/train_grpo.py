"""Snakemake adapter: GRPO training of one run (see polysql.grpo.train)."""

import os

os.environ["OMP_NUM_THREADS"] = str(snakemake.threads)  # before torch is imported

from polysql.grpo.train import train_grpo  # noqa: E402
from polysql.runlog import setup_logging, snakemake_log  # noqa: E402

setup_logging(snakemake_log(snakemake))
params = snakemake.params
config = {
    "grpo": {**params.grpo, "threads": snakemake.threads},
    "rewards": params.rewards,
    "reward_sets": params.reward_sets,
    "prompt": params.prompt,
    "sql": params.sql,
    "data": params.data,
}
train_grpo(
    params.run,
    train_path=snakemake.input.data,
    model_path=params.model_dir,
    out_dir=params.out_dir,
    checkpoints_dir=params.checkpoints_dir,
    encoder_paths=snakemake.input.get("encoders") or [],  # one path (str) or none
    config=config,
)
