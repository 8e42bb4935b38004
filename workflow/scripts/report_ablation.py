"""Snakemake adapter: the ablation tables and heatmap (see polysql.report.build.write_ablation_report)."""

from polysql.report.build import write_ablation_report
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
write_ablation_report(snakemake.config, snakemake.params.metrics_dir, dict(snakemake.output.items()))
