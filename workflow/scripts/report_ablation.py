"""Snakemake adapter: the ablation tables and heatmap (see polysql.report.build.write_ablation_report).

Report settings come from the rule's params (a rerun trigger), never from snakemake.config.
"""

from polysql.report.build import write_ablation_report
from polysql.runlog import setup_logging, snakemake_log
from polysql.workflow_plan import report_config

setup_logging(snakemake_log(snakemake))
write_ablation_report(report_config(snakemake.params.report), snakemake.params.metrics_dir, dict(snakemake.output.items()))
