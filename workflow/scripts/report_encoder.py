"""Snakemake adapter: encoder retrieval before/after (see polysql.report.build.write_encoder_plot)."""

from polysql.report.build import write_encoder_plot
from polysql.runlog import setup_logging, snakemake_log

setup_logging(snakemake_log(snakemake))
write_encoder_plot(dict(snakemake.input.items()), list(snakemake.params.languages), snakemake.output.plot)
