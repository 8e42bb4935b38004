"""Snakemake adapter: GRPO training of one run (see polysql.grpo.train and polysql.grpo.run_config)."""

import os

os.environ["OMP_NUM_THREADS"] = str(snakemake.threads)  # before torch is imported

from polysql.grpo.run_config import GRPORunConfig  # noqa: E402
from polysql.grpo.train import train_run  # noqa: E402
from polysql.runlog import setup_logging, snakemake_log  # noqa: E402
from polysql.workflow_config import grpo_saving_fields  # noqa: E402

setup_logging(snakemake_log(snakemake), keep_attempts=True)  # a preempted attempt keeps its log (issue 25)
# The params hold what changes the outputs; checkpoint cadence and SQL workers (no rerun trigger)
# come from the config.
run = GRPORunConfig.from_rule(
    snakemake.wildcards.run,
    dict(snakemake.params.items()),
    inputs=dict(snakemake.input.items()),
    saving_fields=grpo_saving_fields(snakemake.config["grpo"]["trainer"]),
    threads=snakemake.threads,
    gpu=snakemake.config["grpo"]["gpu"],
    sql_workers=snakemake.config["sql"].get("workers", 0),
)
train_run(run, reliability=snakemake.config.get("reliability"))  # job-side guards, no rerun trigger
