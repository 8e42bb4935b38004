"""Snakemake adapter: the reward-validity audit (see polysql.rewards.audit and polysql.reward_validity)."""

import json
import os

os.environ["OMP_NUM_THREADS"] = str(snakemake.threads)  # before torch is imported

from polysql.report.plots import reward_validity as plot_reward_validity  # noqa: E402
from polysql.reward_validity import run_reward_audit  # noqa: E402
from polysql.runlog import setup_logging, snakemake_log  # noqa: E402

setup_logging(snakemake_log(snakemake))
settings = json.loads(snakemake.params.settings)
table = run_reward_audit(
    eval_paths=list(snakemake.input.eval),
    encoders={"base": snakemake.params.base_dir, "trained": snakemake.input.encoder},
    prediction_paths=list(snakemake.input.get("predictions") or []),
    table_path=snakemake.output.table,
    threads=snakemake.threads,
    **settings,
)
plot_reward_validity(table, snakemake.output.plot)
