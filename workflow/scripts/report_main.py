"""Snakemake adapter: the main table and its companions (see polysql.report.build.write_main_report)."""

from polysql.report.build import write_main_report
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
write_main_report(snakemake.config, snakemake.params.metrics_dir, dict(snakemake.output.items()))
