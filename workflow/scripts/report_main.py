"""Snakemake adapter: the main table and its companions (see polysql.report.build.write_main_report).

Report settings come from the rule's params (a rerun trigger), never from snakemake.config.
"""

from polysql.report.build import write_main_report
from polysql.runlog import setup_logging, snakemake_log
from polysql.workflow_plan import report_config

setup_logging(snakemake_log(snakemake))
write_main_report(
    report_config(snakemake.params.report),
    snakemake.params.metrics_dir,
    dict(snakemake.output.items()),
    heading=snakemake.params.get("heading", ""),
)
