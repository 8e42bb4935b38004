"""Snakemake adapter: GRPO training curves (see polysql.report.build.write_training_curves)."""

from polysql.report.build import write_training_curves
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
write_training_curves(dict(snakemake.input.items()), snakemake.output.plot)
