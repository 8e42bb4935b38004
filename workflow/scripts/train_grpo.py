"""Snakemake adapter: GRPO training of one run (see polysql.grpo.train)."""

import os

os.environ["OMP_NUM_THREADS"] = str(snakemake.threads)  # before torch is imported

from polysql.grpo.train import train_grpo  # noqa: E402
from polysql.runlog import setup_logging, snakemake_log  # noqa: E402
from polysql.workflow_config import grpo_saving_fields  # noqa: E402

setup_logging(snakemake_log(snakemake))
params = snakemake.params
# The params hold what changes the outputs; checkpoint cadence and SQL workers (no rerun trigger)
# come from the config.
trainer = {**params.grpo["trainer"], **grpo_saving_fields(snakemake.config["grpo"]["trainer"])}
config = {
    "grpo": {**params.grpo, "trainer": trainer, "threads": snakemake.threads},
    "models": {params.grpo["model"]: params.model_spec},
    "rewards": params.rewards,
    "reward_sets": params.reward_sets,
    "prompt": params.prompt,
    "sql": {**params.sql, "workers": snakemake.config["sql"].get("workers", 0)},
    "data": params.data,
}
heldout = None
if snakemake.input.get("heldout_pool"):
    from polysql.grpo.heldout import load_heldout

    heldout = load_heldout(
        snakemake.input.heldout_pool, snakemake.input.eval_sets,
        per_language=params.grpo["heldout"]["per_language"], seed=params.data["seed"],
    )
train_grpo(
    params.run,
    train_path=snakemake.input.data,
    model_path=params.model_dir,
    out_dir=params.out_dir,
    checkpoints_dir=params.checkpoints_dir,
    encoder_paths=snakemake.input.get("encoders") or [],  # one path (str) or none
    config=config,
    heldout_records=heldout,
)
